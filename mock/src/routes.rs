//! HTTP side of the mock: the bearer-key check, `x-request-id`, the
//! request log, faults, the control endpoints, and every request under
//! `/v1` handed to `serve` with its answer turned into OpenAI's JSON.

use crate::error::{Answer, ApiError};
use crate::state::State as MockState;
use crate::{Fault, Shared};
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::Router;
use base64::Engine as _;
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
        // An answer of bytes (a file's content, speech): `crate::raw`'s shape.
        Ok(v) if v.get(crate::files::RAW).is_some() => {
            let bytes = crate::files::raw_bytes(&v);
            let ct = v["content_type"].as_str().unwrap_or("application/octet-stream").to_string();
            let mut r = (StatusCode::OK, bytes).into_response();
            r.headers_mut()
                .insert("content-type", HeaderValue::from_str(&ct).unwrap_or(HeaderValue::from_static("application/octet-stream")));
            r
        }
        Ok(v) => json_response(200, v),
        Err(e) => json_response(e.status, e.body()),
    }
}

/// A `multipart/form-data` body as JSON: a text field as a string, fields
/// named `x[]` as the array `x`, a file as `{"filename", "content_type",
/// "data"}` (its bytes in base64). Parsed with `multer`, as axum parses forms.
async fn form(ct: &str, bytes: Bytes) -> Result<Value, ApiError> {
    let bad = |e: multer::Error| ApiError::invalid(None, format!("We could not parse the multipart body of your request ({e})."));
    let boundary = multer::parse_boundary(ct).map_err(bad)?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(bytes) });
    let mut m = multer::Multipart::new(stream, boundary);
    let mut out = serde_json::Map::new();
    while let Some(field) = m.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(|m| m.to_string());
        let data = field.bytes().await.map_err(bad)?;
        let value = match filename {
            Some(f) => serde_json::json!({
                "filename": f,
                "content_type": content_type,
                "data": base64::engine::general_purpose::STANDARD.encode(&data),
            }),
            None => Value::String(String::from_utf8_lossy(&data).into_owned()),
        };
        match name.strip_suffix("[]") {
            Some(list) => {
                let slot = out.entry(list.to_string()).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(a) = slot {
                    a.push(value);
                }
            }
            None => {
                out.insert(name, value);
            }
        }
    }
    // Marks the body a form's (an operation that takes JSON too checks
    // only JSON against its schema).
    out.insert(crate::serve::FORM.into(), Value::Bool(true));
    Ok(Value::Object(out))
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

impl Shared {
    fn state(&self) -> MutexGuard<'_, MockState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

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
    let body = match tokio::time::timeout(s.idle_timeout, axum::body::to_bytes(body, BODY_MAX)).await {
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
    let _ = axum::body::to_bytes(req.into_body(), BODY_MAX).await;
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
            // A header the fault names replaces the mock's; named again
            // (two `set-cookie`), it is sent again.
            let mut named = Vec::new();
            for (k, v) in headers {
                if let (Ok(k), Ok(v)) = (axum::http::HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(&v)) {
                    if named.contains(&k) {
                        r.headers_mut().append(k, v);
                    } else {
                        named.push(k.clone());
                        r.headers_mut().insert(k, v);
                    }
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

/// Every operation of the document: its path, parameters and body schema
/// decide what is accepted; the declarations what it does.
async fn api(
    State(s): S,
    method: axum::http::Method,
    OriginalUri(uri): OriginalUri,
    RawQuery(q): RawQuery,
    h: HeaderMap,
    b: Bytes,
) -> Response {
    let method = method.as_str().to_string();
    let path = uri.path().strip_prefix("/v1").unwrap_or(uri.path()).to_string();
    // A POST without a body (`…/archive`, `…/validate`) has none to read.
    let ct = h.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let json = if method == "POST" && ct.starts_with("multipart/form-data") {
        match form(&ct, b).await {
            Ok(v) => Some(v),
            Err(e) => return reply(Err(e)),
        }
    } else if method == "POST" && !b.is_empty() {
        match body(&h, &b) {
            Ok(v) => Some(v),
            Err(e) => return reply(Err(e)),
        }
    } else {
        None
    };
    let mut st = s.state();
    let answer = crate::serve::serve(&mut st, &method, &path, q.as_deref(), json.as_ref());
    // Asked as a stream, a chat or completion answer goes as events.
    let streamed = json.as_ref().is_some_and(|b| b["stream"] == Value::Bool(true));
    let usage = json.as_ref().is_some_and(|b| b["stream_options"]["include_usage"] == Value::Bool(true));
    match answer {
        Some(Ok(v)) if streamed && (path == "/chat/completions" || path == "/completions") => {
            let chunks =
                if path == "/completions" { crate::stream::completion_chunks(&v, usage) } else { crate::stream::chat_chunks(&v, usage) };
            crate::stream::respond(chunks.into_iter().map(|c| (None, c.to_string())).collect(), &h)
        }
        Some(Ok(v)) if streamed && v["object"] == "thread.run" => {
            let op = if path.ends_with("/submit_tool_outputs") {
                "submitToolOuputsToRun"
            } else if path == "/threads/runs" {
                "createThreadAndRun"
            } else {
                "createRun"
            };
            crate::stream::respond(crate::stream::run_events(&st, op, &v), &h)
        }
        Some(a) => reply(a),
        None => invalid_url(&method, uri.path()),
    }
}

/// The control endpoint `POST /__mock/invites/{invite_id}/accept`: the
/// invitee accepts (they become a user of the organization). No key needed.
async fn accept_invite(State(s): S, Path(id): Path<String>) -> Response {
    reply(crate::invites::accept(&mut s.state(), &id))
}

/// The control endpoints `POST /__mock/external_keys/{id}/verdict` and
/// `POST /__mock/external_storage/{id}/verdict` with `{"status": "…"}`: what
/// validating that key or storage answers from now on, as the provider
/// would decide it. No key needed.
async fn set_verdict(State(s): S, Path((collection, id)): Path<(String, String)>, h: HeaderMap, b: Bytes) -> Response {
    reply(body(&h, &b).and_then(|v| {
        let status = v["status"].as_str().ok_or_else(|| ApiError::invalid(Some("status"), "'status' must be a string."))?;
        crate::serve::set_verdict(&mut s.state(), &collection, &id, status)
    }))
}

/// The control endpoint `POST /__mock/health/alert_rules/{id}/trigger` with
/// `{"type": "triggered"|"resolved"}` (or no body): the rule raises an
/// alert, answered as the API shows it. No key needed.
async fn trigger_alert(State(s): S, Path(id): Path<String>, h: HeaderMap, b: Bytes) -> Response {
    let given = if b.is_empty() { Ok(serde_json::json!({})) } else { body(&h, &b) };
    reply(given.and_then(|v| {
        let obj = v.as_object().cloned().ok_or_else(|| ApiError::invalid(None, "The request body must be a JSON object."))?;
        crate::health::trigger(&mut s.state(), &id, &obj)
    }))
}

/// An image the mock made, at the URL its answer gave: the PNG's bytes. No
/// key needed (as the API's image URLs).
async fn image(State(s): S, Path(id): Path<String>) -> Response {
    match crate::media::image(&s.state(), &id) {
        Some(png) => ([("content-type", "image/png")], png).into_response(),
        None => json_response(404, ApiError::not_found("image", &id).body()),
    }
}

/// The largest request body the mock reads: an upload's part may be 64 MB,
/// and a file (`POST /files`) larger; 128 MiB lets a test send 100 MiB.
const BODY_MAX: usize = 128 << 20;

/// The router: every operation of the document under `/v1`, and the
/// mock's control endpoints.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/{*rest}", any(api))
        .route("/__mock/faults", post(queue_faults))
        .route("/__mock/invites/{invite_id}/accept", post(accept_invite))
        .route("/__mock/{collection}/{id}/verdict", post(set_verdict))
        .route("/__mock/health/alert_rules/{id}/trigger", post(trigger_alert))
        .route("/__mock/images/{id}", axum::routing::get(image))
        .fallback(unknown_route)
        .method_not_allowed_fallback(unknown_route)
        .layer(axum::extract::DefaultBodyLimit::max(BODY_MAX))
        .layer(middleware::from_fn_with_state(shared.clone(), frame))
        .with_state(shared)
}
