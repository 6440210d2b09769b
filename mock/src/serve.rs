//! Serving one API request: the document finds the operation and checks
//! its query and body; the declarations of `organization` and `projects`
//! say what it does; usage, the audit log, verdicts and the operations no
//! collection owns are dispatched to their modules.

use crate::error::{Answer, ApiError};
use crate::paging::page;
use crate::query::QVal;
use crate::resource::{Body, Resource, Singleton};
use crate::spec::{query, spec, OpSpec, Spec};
use crate::state::{text, State};
use crate::{assistants, audit, embeddings, files, jobs, media, models, organization, plain, projects, text, usage, verdicts};
use serde_json::{json, Value};

/// The state the mock starts with: the organization's users and groups,
/// and `projects` projects, its clock at `now`, its admin key `actor`'s.
pub fn start(now: i64, actor: &str, projects: usize) -> State {
    let mut st = State::empty(now, actor);
    organization::seed(&mut st);
    projects::seed(&mut st, projects);
    models::seed(&mut st);
    st
}

fn resources() -> impl Iterator<Item = &'static Resource> {
    organization::RESOURCES.iter().chain(projects::RESOURCES.iter())
}

fn resource(key: &str) -> Option<&'static Resource> {
    resources().find(|r| r.key == key)
}

fn pieces(path: &str) -> Vec<Option<String>> {
    path.split('/').skip(1).map(|p| (!p.starts_with('{')).then(|| p.to_string())).collect()
}

/// The collection a path template belongs to, and whether it names one object.
fn resource_of(path: &[Option<String>]) -> Option<(&'static Resource, bool)> {
    resources().find_map(|r| {
        let own = pieces(r.path);
        if path.len() < own.len() || path[..own.len()] != own[..] {
            return None;
        }
        match path.len() - own.len() {
            0 => Some((r, false)),
            1 if path[own.len()].is_none() => Some((r, true)),
            _ => None,
        }
    })
}

fn singleton_of(path: &[Option<String>]) -> Option<&'static Singleton> {
    organization::SINGLETONS.iter().chain(projects::SINGLETONS.iter()).find(|s| pieces(s.path) == path)
}

/// Sets what validating the external key or storage `id` of collection
/// `key` answers from now on.
pub fn set_verdict(st: &mut State, key: &str, id: &str, status: &str) -> Answer {
    let res = resource(key).filter(|r| r.validate.is_some()).ok_or_else(|| ApiError::invalid(None, format!("No verdicts for {key}.")))?;
    verdicts::set(st, res, id, status)
}

/// Serves one request (`path` without `/v1`). None: no such operation
/// (the caller answers 404 "Invalid URL").
pub fn serve(st: &mut State, method: &str, path: &str, raw_query: Option<&str>, body: Option<&Value>) -> Option<Answer> {
    serve_with(spec(), st, method, path, raw_query, body)
}

/// `serve` by the operations of document `spec`.
pub fn serve_with(spec: &Spec, st: &mut State, method: &str, path: &str, raw_query: Option<&str>, body: Option<&Value>) -> Option<Answer> {
    let (op, ids) = spec.find(method, path)?;
    Some(serve_op(spec, st, op, &ids, raw_query, body))
}

/// Whether an operation's path is under one project.
fn in_project(op: &OpSpec) -> bool {
    matches!(&op.pieces[..], [Some(a), Some(b), None, ..] if a == "organization" && b == "projects")
        || matches!(&op.pieces[..], [Some(a), None, ..] if a == "projects")
}

/// The member `routes` marks a multipart form's body with.
pub const FORM: &str = "_form";

fn serve_op(spec: &Spec, st: &mut State, op: &OpSpec, ids: &[String], raw_query: Option<&str>, body: Option<&Value>) -> Answer {
    let q = query(spec, op, raw_query)?;
    let b: Body = match (&op.body, body) {
        // A multipart form (its marker dropped).
        (_, Some(v)) if op.form && v.get(FORM).is_some() => {
            let mut form = v.as_object().cloned().unwrap_or_default();
            form.remove(FORM);
            form
        }
        (Some(schema), Some(v)) => {
            spec.check(v, schema, "")?;
            v.as_object().cloned().unwrap_or_default()
        }
        (Some(_), None) => return Err(ApiError::invalid(None, "A JSON request body is required.")),
        (None, _) => Body::new(),
    };
    // A project must exist; an archived one can be read, not changed.
    if in_project(op) {
        let p = st.find("projects", &[], &ids[0]).ok_or_else(|| ApiError::not_found("project", &ids[0]))?;
        if op.method != "GET" && op.id != "archive-project" && !p["archived_at"].is_null() {
            return Err(ApiError::invalid(None, format!("Project '{}' is archived and cannot be modified.", ids[0])));
        }
    }
    match op.id.as_str() {
        "list-audit-logs" => return audit::list(st, &q),
        "activateOrganizationCertificates" | "deactivateOrganizationCertificates" => {
            return organization::toggle(st, &b, op.id.starts_with("activate"))
        }
        "activateProjectCertificates" | "deactivateProjectCertificates" => {
            return projects::toggle(st, &ids[0], &b, op.id.starts_with("activate"))
        }
        "archive-project" => return projects::archive(st, &ids[0]),
        "listModels" => return models::list(st),
        "retrieveModel" => return models::retrieve(st, &ids[0]),
        "deleteModel" => return models::delete(st, &ids[0]),
        "createEmbedding" => return embeddings::create(&b),
        "createChatCompletion" => return text::chat(st, &b),
        "createFile" => return files::create_file(spec, st, &b),
        "downloadFile" => return files::content(spec, st, &ids[0]),
        "createUpload" => return files::create_upload(spec, st, &b),
        "addUploadPart" => return files::add_part(spec, st, &ids[0], &b),
        "completeUpload" => return files::complete(spec, st, &ids[0], &b),
        "cancelUpload" => return files::cancel_upload(spec, st, &ids[0]),
        "createSpeech" => return media::speech(&b),
        "createTranscription" => return media::transcribe(&b, false),
        "createTranslation" => return media::transcribe(&b, true),
        "createImage" => {
            let base = st.base.clone();
            return media::generate(st, &base, &b);
        }
        "createImageEdit" | "createImageVariation" => {
            let base = st.base.clone();
            return media::edit(st, &base, &b, op.id == "createImageVariation");
        }
        "createCompletion" => return text::completion(st, &b),
        "createModeration" => return text::moderation(st, &b),
        "create-realtime-session" => return text::realtime_session(st, op.example.as_ref(), &b),
        "createThread" => return assistants::create_thread(spec, st, &b),
        "createMessage" => return assistants::create_message(spec, st, &ids[0], &b),
        "createRun" => return assistants::create_run(spec, st, &ids[0], &b),
        "createThreadAndRun" => return assistants::create_thread_and_run(spec, st, &b),
        "submitToolOuputsToRun" => return assistants::submit_tool_outputs(spec, st, &ids[0], &ids[1], &b),
        "cancelRun" => return assistants::cancel_run(spec, st, &ids[0], &ids[1]),
        "createBatch" => return jobs::create_batch(spec, st, &b),
        "retrieveBatch" => return jobs::retrieve_batch(spec, st, &ids[0]),
        "cancelBatch" => return jobs::cancel_batch(spec, st, &ids[0]),
        "createFineTuningJob" => return jobs::create_job(spec, st, &b),
        "retrieveFineTuningJob" => return jobs::retrieve_job(spec, st, &ids[0]),
        "cancelFineTuningJob" => return jobs::cancel_job(spec, st, &ids[0]),
        "listFineTuningEvents" => return jobs::job_events(spec, st, &ids[0], &q),
        "listFineTuningJobCheckpoints" => return jobs::job_checkpoints(spec, st, &ids[0], &q),
        "createVectorStore" => return jobs::create_store(spec, st, &b),
        "createVectorStoreFile" => return jobs::add_store_file(spec, st, &ids[0], &b),
        "createVectorStoreFileBatch" => return jobs::create_file_batch(spec, st, &ids[0], &b),
        "getVectorStoreFileBatch" => return jobs::get_file_batch(spec, st, &ids[0], &ids[1]),
        "cancelVectorStoreFileBatch" => return jobs::cancel_file_batch(spec, st, &ids[0], &ids[1]),
        "listFilesInVectorStoreBatch" => return jobs::file_batch_files(spec, st, &ids[0], &ids[1], &q),
        "CreateanAPIkeyforaserviceaccount" => return projects::create_key(st, &ids[0], &ids[1], &b),
        id if id.starts_with("usage-") => return usage::buckets(id, &q, &st.project_ids(), st.now()),
        id if id.starts_with("validate-") => {
            // `…/{id}/validate`: the collection whose one object the path names.
            let res = match resource_of(&op.pieces[..op.pieces.len() - 1]) {
                Some((res, true)) => res,
                _ => panic!("{}: no resource declared", op.id),
            };
            let rule = res.validate.unwrap_or_else(|| panic!("{}: nothing validates it", op.id));
            return verdicts::validate(st, res, rule, &ids[0]);
        }
        _ => {}
    }
    if let Some(one) = singleton_of(&op.pieces) {
        return singleton(st, one, op, ids, &b);
    }
    // A collection no declaration owns is served as the document says.
    let Some((res, one)) = resource_of(&op.pieces) else { return plain::serve(spec, st, op, ids, &q, &b) };
    let parents: Vec<String> = if one { ids[..ids.len() - 1].to_vec() } else { ids.to_vec() };
    // The parents must exist (a group's users: the group).
    for (level, key) in res.parents.iter().enumerate() {
        let parent = resource(key).unwrap_or_else(|| panic!("{key}: no resource declared"));
        if !st.under(key, &parents[..level]).any(|v| v[parent.id] == parents[level].as_str()) {
            return Err(ApiError::not_found(parent.what, &parents[level]));
        }
    }
    let position = |st: &State, id: &str| st.index_of(res.key, &parents, res.id, id).ok_or_else(|| ApiError::not_found(res.what, id));
    let show = |st: &State, hook: Option<crate::resource::Show>, v: &Value| hook.unwrap_or(res.show)(st, &parents, v);
    match (op.method.as_str(), one) {
        ("GET", false) => {
            let mut shown: Vec<Value> = st.under(res.key, &parents).map(|v| show(st, res.listed, v)).collect();
            if let Some(QVal::List(emails)) = q.get("emails") {
                shown.retain(|v| v["email"].as_str().is_some_and(|e| emails.iter().any(|x| x == e)));
            }
            for f in res.filters {
                if let Some(QVal::Str(want)) = q.get(*f) {
                    shown.retain(|v| v[*f] == want.as_str());
                }
            }
            if let Some(keep) = res.keep {
                shown.retain(|v| keep(&q, v));
            }
            page(shown, &q, res.id, op.pages_by_next(spec))
        }
        ("POST", false) => {
            let make = res.make.unwrap_or_else(|| panic!("{}: cannot create", res.key));
            let v = make(st, &parents, &b)?;
            let new_id = text(&v, res.id);
            if let Some(param) = res.unique {
                if st.under(res.key, &parents).any(|x| x[res.id] == new_id.as_str()) {
                    return Err(ApiError::invalid(Some(param), format!("'{new_id}' is already assigned.")));
                }
            }
            st.push(res.key, &parents, v.clone());
            if !res.events[0].is_empty() {
                st.audit(res.events[0], None, json!({"id": new_id}));
            }
            Ok(show(st, res.created, &v))
        }
        ("GET", true) => {
            let id = &ids[ids.len() - 1];
            let i = position(st, id)?;
            let v = &st.items[res.key][i].v;
            let mut shown = show(st, None, v);
            for f in res.filters {
                if matches!(q.get(*f), Some(QVal::Str(want)) if shown[*f] != want.as_str()) {
                    return Err(ApiError::not_found(res.what, id));
                }
            }
            // `include=content`: with what was uploaded.
            if matches!(q.get("include"), Some(QVal::List(l)) if l.iter().any(|x| x == "content")) {
                shown["certificate_details"]["content"] = v["_content"].clone();
            }
            Ok(shown)
        }
        ("POST", true) => {
            let change = res.change.unwrap_or_else(|| panic!("{}: cannot change", res.key));
            let i = position(st, &ids[ids.len() - 1])?;
            let mut v = st.items[res.key][i].v.clone();
            change(st, &parents, &mut v, &b)?;
            st.items.get_mut(res.key).expect("found above")[i].v = v.clone();
            if !res.events[1].is_empty() {
                st.audit(res.events[1], None, json!({"id": v["id"], "changes_requested": b}));
            }
            Ok(show(st, res.changed, &v))
        }
        ("DELETE", true) => {
            let i = position(st, &ids[ids.len() - 1])?;
            let v = st.items[res.key][i].v.clone();
            if let Some(deleting) = res.deleting {
                deleting(st, &parents, &v, &q)?;
            }
            // What `deleting` removed may have come before it.
            let i = position(st, &ids[ids.len() - 1])?;
            st.items.get_mut(res.key).expect("found above").remove(i);
            if !res.events[2].is_empty() {
                st.audit(res.events[2], None, json!({"id": v["id"]}));
            }
            Ok(if res.deleted.object.is_empty() { show(st, None, &v) } else { res.deleted.answer(&v[res.id]) })
        }
        _ => Err(ApiError::invalid(None, format!("{} is not served", op.id))),
    }
}

/// A singleton's `GET`, `POST` (set) and `DELETE` (back to its first value).
fn singleton(st: &mut State, one: &Singleton, op: &OpSpec, ids: &[String], b: &Body) -> Answer {
    let slot = (one.key, ids.first().cloned().unwrap_or_default());
    let now = st.singletons.get(&slot).cloned().or_else(|| (one.initial)(ids));
    match op.method.as_str() {
        "GET" => now.ok_or_else(|| (one.missing)(ids)),
        "POST" => {
            let v = (one.set)(st, now.as_ref().unwrap_or(&Value::Null), b)?;
            st.singletons.insert(slot, v.clone());
            Ok(v)
        }
        "DELETE" => {
            now.ok_or_else(|| (one.missing)(ids))?;
            st.singletons.remove(&slot);
            Ok(json!({"object": one.deleted, "deleted": true}))
        }
        _ => Err(ApiError::invalid(None, format!("{} is not served", op.id))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(st: &mut State, method: &str, path: &str, query: &str, body: Option<Value>) -> Answer {
        serve(st, method, path, Some(query), body.as_ref()).expect("an operation of the document")
    }

    fn ids(v: &Value) -> Vec<String> {
        v["data"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect()
    }

    /// A document with a collection no declaration owns: `/organization/widgets`,
    /// the five operations of a plain resource, with example answers.
    fn widgets() -> Spec {
        let mut doc = spec().doc.clone();
        let answer = |schema: Value| json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}});
        let widget = json!({"type": "object", "properties": {"object": {"type": "string"}, "id": {"type": "string"},
                            "name": {"type": "string"}, "size": {"type": "integer"}, "created_at": {"type": "integer"}}});
        let body = json!({"required": true, "content": {"application/json": {"schema":
                          {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}}}}});
        let example =
            json!({"object": "organization.widget", "id": "widget_abc", "name": "Example", "size": 1, "created_at": 1}).to_string();
        let paths = doc["paths"].as_object_mut().unwrap();
        paths.insert(
            "/organization/widgets".into(),
            json!({
                "get": {"operationId": "list-widgets", "responses": answer(json!({"type": "object", "properties": {
                            "object": {"type": "string"}, "data": {"type": "array", "items": widget},
                            "first_id": {"type": "string"}, "last_id": {"type": "string"}, "has_more": {"type": "boolean"}}})),
                        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}},
                                       {"name": "after", "in": "query", "schema": {"type": "string"}}]},
                "post": {"operationId": "create-widget", "requestBody": body, "responses": answer(widget.clone()), "x-example-response": example},
            }),
        );
        let id = json!([{"name": "widget_id", "in": "path", "required": true, "schema": {"type": "string"}}]);
        paths.insert(
            "/organization/widgets/{widget_id}".into(),
            json!({
                "get": {"operationId": "retrieve-widget", "parameters": id, "responses": answer(widget.clone())},
                "post": {"operationId": "update-widget", "parameters": id, "requestBody": body, "responses": answer(widget)},
                "delete": {"operationId": "delete-widget", "parameters": id, "responses": answer(json!({"type": "object"})),
                           "x-example-response": "{\"object\": \"organization.widget.deleted\", \"id\": \"widget_abc\", \"deleted\": true}"},
            }),
        );
        Spec::new(doc)
    }

    #[test]
    fn a_collection_only_the_document_has_is_served_with_state() {
        let spec = widgets();
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let mut call = |m: &str, path: &str, q: &str, body: Option<Value>| {
            serve_with(&spec, &mut s, m, path, Some(q), body.as_ref()).expect("an operation of the document")
        };
        let a = call("POST", "/organization/widgets", "", Some(json!({"name": "first"}))).unwrap();
        let b = call("POST", "/organization/widgets", "", Some(json!({"name": "second", "size": 7}))).unwrap();
        let id = a["id"].as_str().unwrap().to_string();
        assert!(id.starts_with("widget_") && id != "widget_abc", "{a}");
        assert_eq!((a["object"].as_str(), a["name"].as_str(), a["size"].as_i64()), (Some("organization.widget"), Some("first"), Some(1)));
        assert!(a["created_at"].as_i64().unwrap() > crate::DEFAULT_NOW - 1 && b["created_at"].as_i64() > a["created_at"].as_i64());
        // Listed in order, paged by the document's kind of page.
        let page = call("GET", "/organization/widgets", "limit=1", None).unwrap();
        assert_eq!((ids(&page), page["has_more"].as_bool(), page["last_id"].as_str()), (vec![id.clone()], Some(true), Some(id.as_str())));
        let page = call("GET", "/organization/widgets", &format!("after={id}"), None).unwrap();
        assert_eq!(ids(&page), [b["id"].as_str().unwrap()]);
        // Changed, read back, deleted as the example answers, then gone.
        let one = format!("/organization/widgets/{id}");
        assert_eq!(call("POST", &one, "", Some(json!({"size": 3}))).unwrap()["size"], 3);
        assert_eq!(call("GET", &one, "", None).unwrap()["size"], 3);
        assert_eq!(call("DELETE", &one, "", None).unwrap(), json!({"object": "organization.widget.deleted", "id": id, "deleted": true}));
        let gone = call("GET", &one, "", None).unwrap_err();
        assert_eq!((gone.status, gone.message.as_str()), (404, format!("No such widget: '{id}'").as_str()));
        // The document's checks hold: a member the body does not have is refused.
        assert_eq!(call("POST", "/organization/widgets", "", Some(json!({"colour": "red"}))).unwrap_err().status, 400);
    }

    #[test]
    fn pages_cover_every_item_once_with_cursors() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 7);
        let all = s.project_ids();
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let v = call(&mut s, "GET", "/organization/projects", &format!("limit=3{after}"), None).unwrap();
            let got = ids(&v);
            assert_eq!(v["first_id"].as_str(), got.first().map(String::as_str));
            assert_eq!(v["last_id"].as_str(), got.last().map(String::as_str));
            seen.extend(got);
            after = format!("&after={}", v["last_id"].as_str().unwrap_or_default());
            if !v["has_more"].as_bool().unwrap() {
                break;
            }
        }
        assert_eq!(seen, all);
        // Exactly a full page at the end: has_more is false, not a trailing empty page.
        let v = call(&mut s, "GET", "/organization/projects", "limit=7", None).unwrap();
        assert_eq!((ids(&v).len(), v["has_more"].as_bool()), (7, Some(false)));
        // After the last item: an empty page with null cursors.
        let v = call(&mut s, "GET", "/organization/projects", &format!("limit=3&after={}", all[6]), None).unwrap();
        assert!(ids(&v).is_empty() && v["first_id"].is_null() && v["last_id"].is_null());
        call(&mut s, "POST", &format!("/organization/projects/{}/archive", all[0]), "", None).unwrap();
        assert_eq!(ids(&call(&mut s, "GET", "/organization/projects", "limit=100", None).unwrap()).len(), 6);
        let v = call(&mut s, "GET", "/organization/projects", "limit=100&include_archived=true", None).unwrap();
        assert_eq!(ids(&v).len(), 7);
    }

    #[test]
    fn before_takes_the_items_just_before_the_cursor() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let path = format!("/organization/projects/{}/rate_limits", s.project_ids()[0]);
        let v = call(&mut s, "GET", &path, "limit=2&before=rl-whisper-1", None).unwrap();
        assert_eq!(ids(&v), ["rl-o3", "rl-dall-e-3"]);
        assert_eq!(v["has_more"], json!(true));
        let v = call(&mut s, "GET", &path, "limit=2&before=rl-gpt-4o-mini", None).unwrap();
        assert_eq!(ids(&v), ["rl-gpt-4o"]);
        assert_eq!(v["has_more"], json!(false));
        let v = call(&mut s, "GET", &path, "limit=5&after=rl-gpt-4o&before=rl-whisper-1", None).unwrap();
        assert_eq!(ids(&v), ["rl-gpt-4o-mini", "rl-o3", "rl-dall-e-3"]);
        assert_eq!(call(&mut s, "GET", &path, "limit=2&after=rl-nope", None).unwrap_err().status, 400);
    }

    #[test]
    fn archived_projects_refuse_changes_but_can_be_read() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let p = format!("/organization/projects/{}", s.project_ids()[0]);
        call(&mut s, "POST", &format!("{p}/archive"), "", None).unwrap();
        assert_eq!(call(&mut s, "POST", &p, "", Some(json!({"name": "x"}))).unwrap_err().status, 400);
        assert_eq!(call(&mut s, "POST", &format!("{p}/service_accounts"), "", Some(json!({"name": "x"}))).unwrap_err().status, 400);
        let limit = Some(json!({"max_requests_per_1_minute": 1}));
        assert_eq!(call(&mut s, "POST", &format!("{p}/rate_limits/rl-o3"), "", limit).unwrap_err().status, 400);
        assert_eq!(call(&mut s, "GET", &p, "", None).unwrap()["status"], json!("archived"));
        assert_eq!(call(&mut s, "GET", "/organization/projects/proj_nope", "", None).unwrap_err().status, 404);
    }

    #[test]
    fn bodies_are_validated_against_the_document() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let p = format!("/organization/projects/{}", s.project_ids()[0]);
        let param = |a: Answer| a.unwrap_err().param;
        assert_eq!(param(call(&mut s, "POST", "/organization/projects", "", Some(json!({})))).as_deref(), Some("name"));
        let color = call(&mut s, "POST", "/organization/projects", "", Some(json!({"name": "a", "color": "red"})));
        assert_eq!(param(color).as_deref(), Some("color"));
        assert_eq!(call(&mut s, "POST", "/organization/projects", "", Some(json!([1]))).unwrap_err().status, 400);
        let role = call(&mut s, "POST", &format!("{p}/users"), "", Some(json!({"user_id": "user_bob", "role": "superuser"})));
        assert_eq!(param(role).as_deref(), Some("role"));
        let limit = call(&mut s, "POST", &format!("{p}/rate_limits/rl-o3"), "", Some(json!({"max_requests_per_1_minute": "5"})));
        assert_eq!(param(limit).as_deref(), Some("max_requests_per_1_minute"));
        // minProperties and minItems are the document's too.
        let empty = call(&mut s, "POST", &format!("{p}/api_keys/key_alice"), "", Some(json!({})));
        assert_eq!(empty.unwrap_err().status, 400);
        let none = call(&mut s, "POST", &format!("{p}/certificates/activate"), "", Some(json!({"certificate_ids": []})));
        assert_eq!(param(none).as_deref(), Some("certificate_ids"));
        assert_eq!(call(&mut s, "GET", &format!("{p}/users"), "color=red", None).unwrap_err().param.as_deref(), Some("color"));
    }

    #[test]
    fn a_removed_user_keeps_an_inactive_key_and_a_service_account_takes_its_keys() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let p = format!("/organization/projects/{}", s.project_ids()[0]);
        let keys = |s: &mut State, q: &str| ids(&call(s, "GET", &format!("{p}/api_keys"), q, None).unwrap());
        call(&mut s, "DELETE", &format!("{p}/users/user_alice"), "", None).unwrap();
        assert!(keys(&mut s, "").is_empty());
        assert_eq!(keys(&mut s, "owner_project_access=inactive"), ["key_alice"]);
        let key = call(&mut s, "GET", &format!("{p}/api_keys/key_alice"), "", None).unwrap();
        assert_eq!((key["owner"]["user"]["role"].as_str(), key["owner_project_access"].as_str()), (Some("owner"), Some("inactive")));
        let sa = call(&mut s, "POST", &format!("{p}/service_accounts"), "", Some(json!({"name": "bot"}))).unwrap();
        let key_id = sa["api_key"]["id"].as_str().unwrap().to_string();
        assert!(sa["api_key"]["value"].as_str().unwrap().starts_with("sk-svcacct-"));
        assert_eq!(keys(&mut s, ""), vec![key_id.clone()]);
        let shown = call(&mut s, "GET", &format!("{p}/api_keys/{key_id}"), "", None).unwrap();
        assert_eq!(shown["owner"]["service_account"]["id"], sa["id"]);
        assert!(shown.get("_owner").is_none() && shown.get("value").is_none());
        call(&mut s, "DELETE", &format!("{p}/service_accounts/{}", sa["id"].as_str().unwrap()), "", None).unwrap();
        assert!(keys(&mut s, "owner_project_access=any") == ["key_alice"]);
    }

    #[test]
    fn a_rule_changes_at_its_version_and_raises_alerts() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let rules = "/organization/health/alert_rules";
        let made = |s: &mut State, name: &str| {
            let body = json!({"name": name, "condition": {"type": "error_rate", "threshold": 0.05, "window_seconds": 300}});
            call(s, "POST", rules, "", Some(body)).unwrap()
        };
        let rule = made(&mut s, "a");
        made(&mut s, "b");
        assert_eq!((rule["version"].clone(), rule["condition"]["status_class"].clone()), (json!(1), json!("all")));
        let id = rule["id"].as_str().unwrap().to_string();
        let one = format!("{rules}/{id}");
        // A token page: `page` is the `next` of the page before.
        let first = call(&mut s, "GET", rules, "limit=1", None).unwrap();
        assert_eq!((first["has_more"].clone(), first["next"].clone()), (json!(true), json!(id)));
        let second = call(&mut s, "GET", rules, &format!("limit=1&page={id}"), None).unwrap();
        assert_eq!((second["has_more"].clone(), second["next"].clone(), ids(&second).len()), (json!(false), Value::Null, 1));
        // Version 1 changes it to version 2; 1 again is stale (409), and so is a delete at 1.
        let changed = call(&mut s, "POST", &one, "", Some(json!({"expected_version": 1, "enabled": false}))).unwrap();
        assert_eq!((changed["version"].clone(), changed["enabled"].clone()), (json!(2), json!(false)));
        let stale = call(&mut s, "POST", &one, "", Some(json!({"expected_version": 1, "enabled": true}))).unwrap_err();
        assert_eq!((stale.status, stale.param.as_deref()), (409, Some("expected_version")));
        assert_eq!(call(&mut s, "DELETE", &one, "expected_version=1", None).unwrap_err().status, 409);
        assert_eq!(call(&mut s, "DELETE", &one, "", None).unwrap_err().status, 400);
        // The rule raises an alert, read where the rule is.
        let alert = crate::health::trigger(&mut s, &id, &serde_json::Map::new()).unwrap();
        let read = call(&mut s, "GET", &format!("/organization/health/alerts/{}", alert["id"].as_str().unwrap()), "", None).unwrap();
        assert_eq!((read["alert_rule_id"].clone(), read["type"].clone()), (json!(id), json!("triggered")));
        assert_eq!(read["measurement"]["type"], json!("error_rate"));
        assert!(read["measurement"]["request_count"].is_number(), "the document's required members: {read}");
        let gone = call(&mut s, "DELETE", &one, "expected_version=2", None).unwrap();
        assert_eq!(gone, json!({"object": "health.alert_rule.deleted", "id": id, "deleted": true}));
        assert_eq!(call(&mut s, "GET", &one, "", None).unwrap_err().status, 404);
    }

    #[test]
    fn a_keys_spend_limit_is_shown_and_null_removes_it() {
        let mut s = start(crate::DEFAULT_NOW, "user_alice", 1);
        let key = format!("/organization/projects/{}/api_keys/key_alice", s.project_ids()[0]);
        assert_eq!(call(&mut s, "GET", &key, "", None).unwrap()["spend_limit"], Value::Null);
        let limit = json!({"threshold_amount": 500, "currency": "USD", "interval": "month"});
        let capped = call(&mut s, "POST", &key, "", Some(json!({"spend_limit": limit}))).unwrap();
        assert_eq!(
            (capped["spend_limit"]["threshold_amount"].clone(), capped["spend_limit"]["enforcement"]["status"].clone()),
            (json!(500), json!("inactive"))
        );
        assert_eq!(call(&mut s, "GET", &key, "", None).unwrap()["spend_limit"]["threshold_amount"], json!(500));
        let removed = call(&mut s, "POST", &key, "", Some(json!({"spend_limit": null}))).unwrap();
        assert_eq!(removed["spend_limit"], Value::Null);
        // A spend limit's channel: kept when left out, reset by null.
        let org = "/organization/spend_limit";
        let body = |channel: Option<Value>| {
            let mut b = json!({"threshold_amount": 100, "currency": "USD", "interval": "month"});
            if let Some(c) = channel {
                b["notification_channel"] = c;
            }
            Some(b)
        };
        let set = call(&mut s, "POST", org, "", body(Some(json!({"type": "email", "recipients": ["cfo@example.com"]})))).unwrap();
        assert_eq!(set["notification_channel"]["recipients"], json!(["cfo@example.com"]));
        assert_eq!(call(&mut s, "POST", org, "", body(None)).unwrap()["notification_channel"]["recipients"], json!(["cfo@example.com"]));
        assert_eq!(call(&mut s, "POST", org, "", body(Some(Value::Null))).unwrap()["notification_channel"], Value::Null);
    }
}
