//! HTTP side of the mock: the routes of the Projects API under `/v1`, the
//! bearer-key check, `x-request-id`, the request log, and turning requests
//! into `Store` calls and `Store` answers into OpenAI's JSON.

use crate::error::{Answer, ApiError};
use crate::store::{Page, Store};
use crate::{Fault, Shared};
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::Value;
use std::sync::atomic::Ordering;
use std::sync::{Arc, MutexGuard};

type S = State<Arc<Shared>>;

/// The number of the TCP connection a request came on (1, 2, ...).
#[derive(Clone, Copy, Debug)]
pub struct Connection(pub usize);

/// One request as the mock received it (for tests to inspect).
#[derive(Clone, Debug)]
pub struct Logged {
    /// Which connection it came on (1 = the first accepted).
    pub connection: usize,
    pub method: String,
    /// Path and query exactly as sent (still percent-encoded).
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// The request body as sent.
    pub body: Vec<u8>,
}

impl Logged {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [("content-type", "application/json")], body.to_string()).into_response()
}

fn reply(answer: Answer) -> Response {
    match answer {
        Ok(v) => json_response(200, v),
        Err(e) => json_response(e.status, e.body()),
    }
}

/// A validated query string.
struct Query {
    page: Page,
    include_archived: bool,
    owner_project_access: Option<String>,
    order: Option<String>,
    group_type: Option<String>,
}

/// The validated query: only `allowed` names, each at most once.
fn query(raw: Option<String>, allowed: &[&str]) -> Result<Query, ApiError> {
    let mut page = Page { limit: 20, after: None, before: None };
    let mut include_archived = false;
    let mut owner_project_access = None;
    let mut order = None;
    let mut group_type = None;
    let mut seen = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        if !allowed.contains(&k.as_ref()) {
            return Err(ApiError::invalid(Some(&k), format!("Unrecognized query parameter: '{k}'.")));
        }
        if seen.contains(&k) {
            return Err(ApiError::invalid(Some(&k), format!("Query parameter '{k}' given more than once.")));
        }
        match k.as_ref() {
            "limit" => match v.parse::<usize>() {
                Ok(n) if (1..=100).contains(&n) => page.limit = n,
                _ => {
                    return Err(ApiError::invalid(Some("limit"), format!("Invalid 'limit': '{v}'. Expected an integer between 1 and 100.")))
                }
            },
            "after" => page.after = Some(v.to_string()),
            "before" => page.before = Some(v.to_string()),
            "include_archived" => match v.as_ref() {
                "true" => include_archived = true,
                "false" => include_archived = false,
                _ => {
                    return Err(ApiError::invalid(
                        Some("include_archived"),
                        format!("Invalid 'include_archived': '{v}'. Expected 'true' or 'false'."),
                    ))
                }
            },
            "owner_project_access" => match v.as_ref() {
                "active" | "inactive" | "any" => owner_project_access = Some(v.to_string()),
                _ => {
                    return Err(ApiError::invalid(
                        Some("owner_project_access"),
                        format!("Invalid 'owner_project_access': '{v}'. Expected 'active', 'inactive' or 'any'."),
                    ))
                }
            },
            "order" => match v.as_ref() {
                "asc" | "desc" => order = Some(v.to_string()),
                _ => return Err(ApiError::invalid(Some("order"), format!("Invalid 'order': '{v}'. Expected 'asc' or 'desc'."))),
            },
            "group_type" => match v.as_ref() {
                "group" | "tenant_group" => group_type = Some(v.to_string()),
                _ => {
                    return Err(ApiError::invalid(
                        Some("group_type"),
                        format!("Invalid 'group_type': '{v}'. Expected 'group' or 'tenant_group'."),
                    ))
                }
            },
            _ => unreachable!("checked against allowed"),
        }
        seen.push(k);
    }
    Ok(Query { page, include_archived, owner_project_access, order, group_type })
}

/// The JSON body of a POST: it must say it is JSON and parse.
fn body(headers: &HeaderMap, bytes: &Bytes) -> Result<Value, ApiError> {
    let ct = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.starts_with("application/json") {
        return Err(ApiError::invalid(None, format!("Content-Type must be application/json, not '{ct}'.")));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::invalid(None, format!("We could not parse the JSON body of your request. ({e}) The OpenAI API expects a JSON payload."))
    })
}

fn ids<T>(p: Result<Path<T>, PathRejection>) -> Result<T, ApiError> {
    p.map(|Path(t)| t).map_err(|e| ApiError::invalid(None, format!("Invalid path: {e}")))
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

const NO_QUERY: &[&str] = &[];
const PAGE: &[&str] = &["limit", "after"];

/// Bearer check, request id and log around every request.
async fn frame(State(s): S, req: Request, next: Next) -> Response {
    // The control endpoint is the test's, not the API's.
    if req.uri().path().starts_with("/__mock/") {
        return next.run(req).await;
    }
    let n = s.request_seq.fetch_add(1, Ordering::Relaxed) + 1;
    let request_id = format!("req_{n:032x}");
    // The whole body first (the log keeps it; the handler reads the copy).
    let (parts, body) = req.into_parts();
    // A body that does not arrive within the idle limit ends the request.
    let body = match tokio::time::timeout(s.idle_timeout, axum::body::to_bytes(body, 16 << 20)).await {
        Ok(b) => b.unwrap_or_default(),
        Err(_) => {
            let mut r = json_response(408, ApiError::invalid(None, "The request body did not arrive in time.".to_string()).body());
            r.headers_mut().insert("connection", HeaderValue::from_static("close"));
            return r;
        }
    };
    let req = Request::from_parts(parts, axum::body::Body::from(body.clone()));
    // None: no key; Some(false): another key than the mock's.
    let keyed = req.headers().get("authorization").map(|a| a.as_bytes() == format!("Bearer {}", s.admin_key).as_bytes());
    // The log's entry is made only when it is kept (a bounded log never
    // keeps an unauthenticated or an oversized request).
    let kept = match s.log_mode {
        crate::RequestLog::Off => None,
        crate::RequestLog::All => Some(usize::MAX),
        crate::RequestLog::Last(n) => (keyed == Some(true) && body.len() <= crate::LOG_BODY_MAX).then_some(n),
    };
    if let Some(n) = kept {
        let logged = Logged {
            connection: req.extensions().get::<Connection>().map_or(0, |c| c.0),
            method: req.method().to_string(),
            target: req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_default(),
            headers: req.headers().iter().map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect(),
            body: body.to_vec(),
        };
        let mut log = s.log.lock().unwrap_or_else(|e| e.into_inner());
        log.push_back(logged);
        while log.len() > n {
            log.pop_front();
        }
    }
    if let Some(fault) = s.take_fault(false).filter(|f| !matches!(f, Fault::Pass)) {
        read_whole(req).await;
        let mut response = fault_response(fault);
        response.headers_mut().insert("x-request-id", HeaderValue::from_str(&request_id).unwrap());
        return response;
    }
    let mut response = match keyed {
        None => {
            read_whole(req).await;
            json_response(
                401,
                ApiError {
                    status: 401,
                    message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).".into(),
                    kind: "invalid_request_error",
                    param: None,
                    code: None,
                }
                .body(),
            )
        }
        Some(false) => {
            read_whole(req).await;
            json_response(
                401,
                ApiError {
                    status: 401,
                    message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."
                        .into(),
                    kind: "invalid_request_error",
                    param: None,
                    code: Some("invalid_api_key"),
                }
                .body(),
            )
        }
        Some(true) => next.run(req).await,
    };
    response.headers_mut().insert("x-request-id", HeaderValue::from_str(&request_id).unwrap());
    // As the API: how long it took to process, in milliseconds.
    response.headers_mut().insert("openai-processing-ms", HeaderValue::from_static("1"));
    response
}

/// Reads and drops a request's body, as a server does before it answers:
/// hyper closes a connection whose request body was left unread, and a
/// client that has already sent its next request on it sees the close.
async fn read_whole(req: Request) {
    let _ = axum::body::to_bytes(req.into_body(), 16 << 20).await;
}

/// The control endpoint: `POST /__mock/faults` with a JSON array of fault
/// specs (see `Fault::parse`) queues them, in order, for the next requests
/// or connections. It needs no key, is not logged and is not an API route.
async fn queue_faults(State(s): S, b: Bytes) -> Response {
    let specs: Vec<String> = match serde_json::from_slice(&b) {
        Ok(v) => v,
        Err(e) => return json_response(400, ApiError::invalid(None, format!("expected a JSON array of fault specs: {e}")).body()),
    };
    let mut faults = Vec::new();
    for spec in &specs {
        match Fault::parse(spec) {
            Ok(f) => faults.push(f),
            Err(e) => return json_response(400, ApiError::invalid(None, e).body()),
        }
    }
    let n = faults.len();
    s.faults.lock().unwrap_or_else(|e| e.into_inner()).extend(faults);
    json_response(200, serde_json::json!({"queued": n}))
}

/// The answer an HTTP-level fault gives instead of the real one.
fn fault_response(fault: Fault) -> Response {
    match fault {
        Fault::Answer { status, headers, body } => {
            let mut r = Response::new(axum::body::Body::from(body));
            *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            r.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
            for (k, v) in headers {
                if let (Ok(k), Ok(v)) = (axum::http::HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(&v)) {
                    r.headers_mut().insert(k, v);
                }
            }
            r
        }
        Fault::Huge(n) => {
            let mut body = Vec::with_capacity(n + 32);
            body.extend_from_slice(br#"{"id":""#);
            body.resize(n, b'a');
            body.extend_from_slice(br#"","name":"huge"}"#);
            json_bytes(body)
        }
        other => unreachable!("{other:?} is played on the connection"),
    }
}

fn json_bytes(body: Vec<u8>) -> Response {
    (StatusCode::OK, [("content-type", "application/json")], body).into_response()
}

async fn unknown_route(OriginalUri(uri): OriginalUri, req: Request) -> Response {
    invalid_url(req.method().as_str(), uri.path())
}

/// The API's answer to a path it has no operation for.
fn invalid_url(method: &str, path: &str) -> Response {
    let e =
        ApiError { status: 404, message: format!("Invalid URL ({method} {path})"), kind: "invalid_request_error", param: None, code: None };
    json_response(404, e.body())
}

/// Every organization operation (declared in `org`): the document's path,
/// parameters and body schema decide what is accepted.
async fn organization(
    State(s): S,
    method: axum::http::Method,
    OriginalUri(uri): OriginalUri,
    RawQuery(q): RawQuery,
    h: HeaderMap,
    b: Bytes,
) -> Response {
    let method = method.as_str().to_string();
    let path = uri.path().strip_prefix("/v1").unwrap_or(uri.path()).to_string();
    // A POST without a body (`…/validate`) has none to read.
    let json = if method == "POST" && !b.is_empty() {
        match body(&h, &b) {
            Ok(v) => Some(v),
            Err(e) => return reply(Err(e)),
        }
    } else {
        None
    };
    let answer = crate::org::serve(&mut s.store().org, &method, &path, q.as_deref(), json.as_ref());
    match answer {
        Some(a) => reply(a),
        None => invalid_url(&method, uri.path()),
    }
}

/// The control endpoint `POST /__mock/invites/{invite_id}/accept`: the
/// invitee accepts (they become a user of the organization). No key needed.
async fn accept_invite(State(s): S, Path(id): Path<String>) -> Response {
    reply(s.store().org.accept_invite(&id))
}

/// The control endpoints `POST /__mock/external_keys/{id}/verdict` and
/// `POST /__mock/external_storage/{id}/verdict` with `{"status": "…"}`: what
/// validating that key or storage answers from now on, as the provider
/// would decide it. No key needed.
async fn set_verdict(State(s): S, Path((collection, id)): Path<(String, String)>, h: HeaderMap, b: Bytes) -> Response {
    reply(body(&h, &b).and_then(|v| {
        let status = v["status"].as_str().ok_or_else(|| ApiError::invalid(Some("status"), "'status' must be a string."))?;
        s.store().org.set_verdict(&collection, &id, status)
    }))
}

/// The router: every operation of the spec under `/v1`.
pub fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route(
            "/organization/projects",
            get(|State(s): S, RawQuery(q): RawQuery| async move {
                reply(query(q, &["limit", "after", "include_archived"]).and_then(|q| s.store().list_projects(&q.page, q.include_archived)))
            })
            .post(|State(s): S, RawQuery(q): RawQuery, h: HeaderMap, b: Bytes| async move {
                reply(query(q, NO_QUERY).and_then(|_| body(&h, &b)).and_then(|v| s.store().create_project(&v)))
            }),
        )
        .route(
            "/organization/projects/{project_id}",
            get(|State(s): S, p: Result<Path<String>, PathRejection>| async move {
                reply(ids(p).and_then(|id| s.store().retrieve_project(&id)))
            })
            .post(|State(s): S, p: Result<Path<String>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().modify_project(&id, &v))))
            }),
        )
        .route(
            "/organization/projects/{project_id}/archive",
            post(|State(s): S, p: Result<Path<String>, PathRejection>| async move {
                reply(ids(p).and_then(|id| s.store().archive_project(&id)))
            }),
        )
        .route(
            "/organization/projects/{project_id}/users",
            get(|State(s): S, p: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, PAGE).and_then(|q| s.store().list_users(&id, &q.page))))
            })
            .post(|State(s): S, p: Result<Path<String>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().create_user(&id, &v))))
            }),
        )
        .route(
            "/organization/projects/{project_id}/users/{user_id}",
            get(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, u)| s.store().retrieve_user(&pr, &u)))
            })
            .post(|State(s): S, p: Result<Path<(String, String)>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, u)| body(&h, &b).and_then(|v| s.store().modify_user(&pr, &u, &v))))
            })
            .delete(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, u)| s.store().delete_user(&pr, &u)))
            }),
        )
        .route(
            "/organization/projects/{project_id}/service_accounts",
            get(|State(s): S, p: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, PAGE).and_then(|q| s.store().list_service_accounts(&id, &q.page))))
            })
            .post(|State(s): S, p: Result<Path<String>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().create_service_account(&id, &v))))
            }),
        )
        .route(
            "/organization/projects/{project_id}/service_accounts/{service_account_id}",
            get(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, a)| s.store().retrieve_service_account(&pr, &a)))
            })
            .post(|State(s): S, p: Result<Path<(String, String)>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, a)| body(&h, &b).and_then(|v| s.store().update_service_account(&pr, &a, &v))))
            })
            .delete(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, a)| s.store().delete_service_account(&pr, &a)))
            }),
        )
        .route(
            "/organization/projects/{project_id}/api_keys",
            get(|State(s): S, p: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| {
                    query(q, &["limit", "after", "owner_project_access"])
                        .and_then(|q| s.store().list_api_keys(&id, &q.page, q.owner_project_access.as_deref()))
                }))
            }),
        )
        .route(
            "/organization/projects/{project_id}/api_keys/{key_id}",
            get(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, k)| s.store().retrieve_api_key(&pr, &k)))
            })
            .post(|State(s): S, p: Result<Path<(String, String)>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, k)| body(&h, &b).and_then(|v| s.store().update_api_key(&pr, &k, &v))))
            })
            .delete(|State(s): S, p: Result<Path<(String, String)>, PathRejection>| async move {
                reply(ids(p).and_then(|(pr, k)| s.store().delete_api_key(&pr, &k)))
            }),
        )
        .route(
            "/organization/projects/{project_id}/rate_limits",
            get(|State(s): S, p: Result<Path<String>, PathRejection>, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, &["limit", "after", "before"]).and_then(|q| s.store().list_rate_limits(&id, &q.page))))
            }),
        )
        .route(
            "/organization/projects/{project_id}/rate_limits/{rate_limit_id}",
            post(|State(s): S, p: Result<Path<(String, String)>, PathRejection>, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, r)| body(&h, &b).and_then(|v| s.store().update_rate_limit(&pr, &r, &v))))
            }),
        )
        .merge(governance_routes())
        .route("/organization/{*rest}", any(organization))
        .method_not_allowed_fallback(unknown_route);
    Router::new()
        .nest("/v1", api)
        .route("/__mock/faults", post(queue_faults))
        .route("/__mock/invites/{invite_id}/accept", post(accept_invite))
        .route("/__mock/{collection}/{id}/verdict", post(set_verdict))
        .fallback(unknown_route)
        .layer(middleware::from_fn_with_state(shared.clone(), frame))
        .with_state(shared)
}

type P1 = Result<Path<String>, PathRejection>;
type P2 = Result<Path<(String, String)>, PathRejection>;
type P3 = Result<Path<(String, String, String)>, PathRejection>;

/// The limit (1 to 100), after and order of a list.
const LIST: &[&str] = &["limit", "after", "order"];

/// The routes of the operations the live API added since the seed.
fn governance_routes() -> Router<Arc<Shared>> {
    let org = "/organization/projects/{project_id}";
    Router::new()
        .route(
            &format!("{org}/certificates"),
            get(|State(s): S, p: P1, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, LIST).and_then(|q| s.store().list_certificates(&id, &q.page, q.order.as_deref()))))
            }),
        )
        .route(
            &format!("{org}/certificates/activate"),
            post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().toggle_certificates(&id, &v, true))))
            }),
        )
        .route(
            &format!("{org}/certificates/deactivate"),
            post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().toggle_certificates(&id, &v, false))))
            }),
        )
        .route(
            &format!("{org}/data_retention"),
            get(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().retrieve_data_retention(&id))) }).post(
                |State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().update_data_retention(&id, &v))))
                },
            ),
        )
        .route(
            &format!("{org}/groups"),
            get(|State(s): S, p: P1, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, LIST).and_then(|q| s.store().list_groups(&id, &q.page, q.order.as_deref()))))
            })
            .post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().add_group(&id, &v))))
            }),
        )
        .route(
            &format!("{org}/groups/{{group_id}}"),
            get(|State(s): S, p: P2, RawQuery(q): RawQuery| async move {
                reply(
                    ids(p).and_then(|(pr, g)| {
                        query(q, &["group_type"]).and_then(|q| s.store().retrieve_group(&pr, &g, q.group_type.as_deref()))
                    }),
                )
            })
            .delete(|State(s): S, p: P2| async move { reply(ids(p).and_then(|(pr, g)| s.store().remove_group(&pr, &g))) }),
        )
        .route(
            &format!("{org}/hosted_tool_permissions"),
            get(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().retrieve_tool_permissions(&id))) }).post(
                |State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().update_tool_permissions(&id, &v))))
                },
            ),
        )
        .route(
            &format!("{org}/model_permissions"),
            get(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().retrieve_model_permissions(&id))) })
                .post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().update_model_permissions(&id, &v))))
                })
                .delete(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().delete_model_permissions(&id))) }),
        )
        .route(
            &format!("{org}/service_tier_settings"),
            get(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().retrieve_service_tiers(&id))) }).post(
                |State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().update_service_tiers(&id, &v))))
                },
            ),
        )
        .route(
            &format!("{org}/service_accounts/{{service_account_id}}/api_keys"),
            post(|State(s): S, p: P2, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, a)| body(&h, &b).and_then(|v| s.store().create_service_account_key(&pr, &a, &v))))
            }),
        )
        .route(
            &format!("{org}/spend_alerts"),
            get(|State(s): S, p: P1, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| {
                    query(q, &["limit", "order", "after", "before"])
                        .and_then(|q| s.store().list_spend_alerts(&id, &q.page, q.order.as_deref()))
                }))
            })
            .post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().create_spend_alert(&id, &v))))
            }),
        )
        .route(
            &format!("{org}/spend_alerts/{{alert_id}}"),
            get(|State(s): S, p: P2| async move { reply(ids(p).and_then(|(pr, a)| s.store().retrieve_spend_alert(&pr, &a))) })
                .post(|State(s): S, p: P2, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|(pr, a)| body(&h, &b).and_then(|v| s.store().update_spend_alert(&pr, &a, &v))))
                })
                .delete(|State(s): S, p: P2| async move { reply(ids(p).and_then(|(pr, a)| s.store().delete_spend_alert(&pr, &a))) }),
        )
        .route(
            &format!("{org}/spend_limit"),
            get(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().retrieve_spend_limit(&id))) })
                .post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().update_spend_limit(&id, &v))))
                })
                .delete(|State(s): S, p: P1| async move { reply(ids(p).and_then(|id| s.store().delete_spend_limit(&id))) }),
        )
        .route(
            "/projects/{project_id}/roles",
            get(|State(s): S, p: P1, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|id| query(q, LIST).and_then(|q| s.store().list_roles(&id, &q.page, q.order.as_deref()))))
            })
            .post(|State(s): S, p: P1, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|id| body(&h, &b).and_then(|v| s.store().create_role(&id, &v))))
            }),
        )
        .route(
            "/projects/{project_id}/roles/{role_id}",
            get(|State(s): S, p: P2| async move { reply(ids(p).and_then(|(pr, r)| s.store().retrieve_role(&pr, &r))) })
                .post(|State(s): S, p: P2, h: HeaderMap, b: Bytes| async move {
                    reply(ids(p).and_then(|(pr, r)| body(&h, &b).and_then(|v| s.store().update_role(&pr, &r, &v))))
                })
                .delete(|State(s): S, p: P2| async move { reply(ids(p).and_then(|(pr, r)| s.store().delete_role(&pr, &r))) }),
        )
        .merge(assignment_routes("groups", false))
        .merge(assignment_routes("users", true))
}

/// Role assignments of a project's groups (`users` false) or users.
fn assignment_routes(kind: &str, users: bool) -> Router<Arc<Shared>> {
    Router::new()
        .route(
            &format!("/projects/{{project_id}}/{kind}/{{principal}}/roles"),
            get(move |State(s): S, p: P2, RawQuery(q): RawQuery| async move {
                reply(ids(p).and_then(|(pr, who)| {
                    query(q, LIST).and_then(|q| s.store().list_assigned_roles(&pr, &who, users, &q.page, q.order.as_deref()))
                }))
            })
            .post(move |State(s): S, p: P2, h: HeaderMap, b: Bytes| async move {
                reply(ids(p).and_then(|(pr, who)| body(&h, &b).and_then(|v| s.store().assign_role(&pr, &who, users, &v))))
            }),
        )
        .route(
            &format!("/projects/{{project_id}}/{kind}/{{principal}}/roles/{{role_id}}"),
            get(move |State(s): S, p: P3| async move {
                reply(ids(p).and_then(|(pr, who, r)| s.store().retrieve_assigned_role(&pr, &who, users, &r)))
            })
            .delete(move |State(s): S, p: P3| async move {
                reply(ids(p).and_then(|(pr, who, r)| s.store().unassign_role(&pr, &who, users, &r)))
            }),
        )
}
