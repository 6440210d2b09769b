//! Streamed answers (`stream: true`): the API answers with server-sent
//! events, `data: <json>` blocks ended by a blank line and `data: [DONE]`
//! last (run streams name each event with an `event:` line). They are read
//! as they arrive, each event handed on as soon as its blank line is in,
//! with at most one event held (sse-parse's parser, capped at the answer
//! ceiling).
//!
//! Two ways in: the `…Stream` functions hand each event to the program's
//! callback, parsed into its model and lent for the callback; the drop-in
//! calls whose request says `stream` assemble the answer the API would have
//! given without streaming and return it as any call does.

use crate::boundary::error::ErrorKind;
use crate::call::engine::{call, call_sending, deliver, error_details, json_sent, parse_answer, RequestBody, Seg};
use crate::client::slot::state_mut;
use crate::client::structs::apiClient_t;
use crate::support::cjson::{cJSON, cJSON_AddTrueToObject, cJSON_Delete, cJSON_DeleteItemFromObjectCaseSensitive};
use crate::support::cjson::{cJSON_GetObjectItemCaseSensitive, cJSON_IsTrue, cJSON_Parse};
use crate::transport::http::MAX_BODY;
use crate::wire::answer::parse_text;
use crate::wire::model::{lend, CModel, ModelDef};
use serde_json::{Map, Value};
use sse_parse::{Event, SseParser};
use std::cell::RefCell;
use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// Why a stream stopped before its end.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop {
    /// The program's callback returned non-zero.
    Callback(&'static str),
    /// The API sent an error in the stream: its type, message and the
    /// error as a body (`apiClient_errorResponse`).
    Error(ErrorKind, String, Vec<u8>),
    /// An event that is not what it should be.
    Invalid(String),
}

/// The events of one stream as they arrive.
pub(crate) struct Events {
    parser: SseParser,
    /// `[DONE]` came: the stream ended as the API ends it.
    pub done: bool,
    /// Events handed on.
    pub count: u64,
    pub stop: Option<Stop>,
    /// The `error` event is handed on before the stream stops (run streams).
    deliver_errors: bool,
}

impl Events {
    pub(crate) fn new(deliver_errors: bool) -> Events {
        Events { parser: SseParser::new().max_buffer(MAX_BODY as usize), done: false, count: 0, stop: None, deliver_errors }
    }

    /// Reads a piece of the stream, handing each event it completes to
    /// `each`; false when the stream must stop (`stop` says why).
    pub(crate) fn feed(&mut self, piece: &[u8], each: &mut dyn FnMut(&Event) -> Result<(), Stop>) -> bool {
        if self.done {
            // What follows `[DONE]` is not read as events.
            return true;
        }
        self.parser.feed(piece);
        if self.parser.overflows() > 0 {
            self.stop = Some(Stop::Invalid(format!("an event of the stream is larger than {MAX_BODY} bytes")));
            return false;
        }
        while let Some(e) = self.parser.next_event() {
            if e.data == "[DONE]" {
                self.done = true;
                return true;
            }
            if let Some(error) = error_of(&e) {
                if self.deliver_errors && e.event == "error" {
                    // The error is said whatever the callback answers.
                    let _ = each(&e);
                }
                self.stop = Some(error);
                return false;
            }
            self.count += 1;
            if let Err(why) = each(&e) {
                self.stop = Some(why);
                return false;
            }
        }
        true
    }

    /// Says on the client why the stream failed, when the stream itself
    /// knows (else the transport's reason stands).
    ///
    /// # Safety
    /// `client` is held by this thread's call.
    unsafe fn say(&self, client: *mut apiClient_t) {
        // SAFETY: a step on the state of the held client.
        let failure = unsafe { &mut state_mut(client).failure };
        match &self.stop {
            Some(Stop::Callback(name)) => {
                failure.set(ErrorKind::Aborted, &format!("stopped by {name} (it returned non-zero)"), None);
            }
            Some(Stop::Error(kind, message, body)) => failure.set(kind.clone(), message, Some(body.clone())),
            Some(Stop::Invalid(message)) => failure.set(ErrorKind::InvalidResponse, message, None),
            None => {}
        }
    }

    /// At the body's end: whether the stream ended as the API ends it;
    /// else says why not on the client.
    ///
    /// # Safety
    /// `client` is held by this thread's call.
    unsafe fn ended(&self, client: *mut apiClient_t) -> bool {
        if self.done {
            return true;
        }
        // SAFETY: a step on the state of the held client.
        let st = unsafe { state_mut(client) };
        let ct = st.content_type().unwrap_or("none");
        let why = if ct.starts_with("text/event-stream") {
            format!("the stream ended before [DONE] (after {} events)", self.count)
        } else {
            format!("the answer is not an event stream (content-type {ct})")
        };
        st.failure.set(ErrorKind::InvalidResponse, &why, None);
        false
    }
}

/// The error an event carries: an `error` event, or a `data:` whose JSON
/// has an `error` object (as OpenAI's SDKs read them).
fn error_of(e: &Event) -> Option<Stop> {
    let named = e.event == "error";
    if !named && !e.data.contains("\"error\"") {
        return None;
    }
    let v: Value = serde_json::from_str(&e.data).ok()?;
    let body = match v.get("error") {
        Some(Value::Object(_)) => e.data.clone(),
        _ if named => format!("{{\"error\":{}}}", e.data),
        _ => return None,
    };
    let (kind, message) =
        error_details(body.as_bytes()).unwrap_or_else(|| (ErrorKind::Api("error".into()), format!("the stream sent an error: {}", e.data)));
    Some(Stop::Error(kind, message, body.into_bytes()))
}

/// Whether a request body asks for a stream (`"stream": true`).
///
/// # Safety
/// `tree` is a cJSON tree.
unsafe fn asks_stream(tree: *mut cJSON) -> bool {
    // SAFETY: a tree (the contract), only read.
    unsafe { cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(tree, c"stream".as_ptr())) != 0 }
}

/// A request body built before its call began: deleted unless the call
/// takes it.
struct Built(Option<RequestBody>);

impl Built {
    fn take(&mut self) -> RequestBody {
        self.0.take().flatten()
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        if let Some(Some(Ok(tree))) = self.0.take() {
            // SAFETY: a tree the body built, never sent, so still its own.
            unsafe { cJSON_Delete(tree) };
        }
    }
}

/// A drop-in call of a stream-capable operation: as `call`, but when the
/// request says `stream` the answer comes as events and is assembled from
/// them (`assembled`).
///
/// # Safety
/// As for `call`.
pub unsafe fn call_streamable<T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
) -> *mut T {
    // Built first to know (and deleted if never sent).
    let mut built = Built(Some(body()));
    // SAFETY: a tree the body built, only read.
    let stream = matches!(&built.0, Some(Some(Ok(tree))) if unsafe { asks_stream(*tree) });
    // SAFETY: as for `call`.
    unsafe {
        if stream {
            assembled::<T>(client, method, path, query, || built.take())
        } else {
            call::<T>(client, method, path, query, || built.take())
        }
    }
}

/// A request body with `"stream": true`, whatever it held.
fn streaming(body: RequestBody) -> RequestBody {
    if let Some(Ok(tree)) = body {
        // SAFETY: the tree the body built, the call's own.
        unsafe {
            cJSON_DeleteItemFromObjectCaseSensitive(tree, c"stream".as_ptr());
            cJSON_AddTrueToObject(tree, c"stream".as_ptr());
        }
    }
    body
}

/// Sends a streaming request and hands each event to `each`; `finish`
/// makes the result once the stream ended as the API ends it.
///
/// # Safety
/// As for `call_sending`.
#[allow(clippy::too_many_arguments)]
unsafe fn run<R: Copy>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
    deliver_errors: bool,
    each: &mut dyn FnMut(&Event) -> Result<(), Stop>,
    finish: impl FnOnce(*mut apiClient_t) -> R,
    failed: R,
) -> R {
    let events = RefCell::new(Events::new(deliver_errors));
    let mut sink = |piece: &[u8]| events.borrow_mut().feed(piece, each);
    // SAFETY: called by call_sending on the client it holds.
    let mut said = |c: *mut apiClient_t| unsafe { events.borrow().say(c) };
    let json = || json_sent(body());
    let read = |c: *mut apiClient_t, _: &[u8]| {
        // SAFETY: as above.
        if unsafe { events.borrow().ended(c) } {
            finish(c)
        } else {
            failed
        }
    };
    // SAFETY: call_sending's contract is this function's.
    unsafe { call_sending(client, method, path, query, json, Some(&mut sink), Some(&mut said), read, failed) }
}

/// The program's callback of a chat or completion stream: each chunk,
/// lent for the call; non-zero stops the stream.
pub type OnChunk<T> = unsafe extern "C" fn(user: *mut c_void, chunk: *mut T) -> c_int;

/// A `…Stream` function whose events are chunks of model `T` (chat and
/// completion streams): 0 when the stream ended with `[DONE]`, -1
/// otherwise (the error API says why; `aborted` when `on_chunk` stopped it).
///
/// # Safety
/// As for `call`; `on_chunk` is NULL or a function taking `user`.
pub unsafe fn stream_chunks<T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
    on_chunk: Option<OnChunk<T>>,
    user: *mut c_void,
) -> c_int {
    let Some(f) = on_chunk else {
        // SAFETY: `client` is NULL or valid (the contract).
        unsafe { crate::call::engine::refuse(client, "on_chunk is NULL") };
        return -1;
    };
    let mut each = |e: &Event| {
        // SAFETY: a model parsed from the event's JSON, the library's until
        // lent to the program's callback for the call.
        unsafe {
            let chunk = parse_text(&T::DEF, e.data.as_bytes()).map_err(|_| invalid_event(e, T::DEF.name))?;
            match lend(&T::DEF, chunk, || f(user, chunk as *mut T)) {
                0 => Ok(()),
                _ => Err(Stop::Callback("on_chunk")),
            }
        }
    };
    // SAFETY: as for `call`.
    unsafe { run(client, method, path, query, || streaming(body()), false, &mut each, |_| 0, -1) }
}

/// An event whose JSON does not parse into its model.
fn invalid_event(e: &Event, model: &str) -> Stop {
    // An event without an `event:` line is a "message" (the standard's name).
    let name = if e.event.is_empty() || e.event == "message" { String::new() } else { format!(" {}", e.event) };
    let shown: String = e.data.chars().take(120).collect();
    Stop::Invalid(format!("a streamed event{name} is not a {model}: {shown}"))
}

/// The program's callback of a run stream: the event's name and its data,
/// lent for the call; non-zero stops the stream.
pub type OnEvent = unsafe extern "C" fn(user: *mut c_void, event: *const c_char, data: *mut c_void) -> c_int;

/// The model an event's data parses into: the first of `models` (event
/// name, model) whose name equals the event's, or is a prefix ending in
/// `.` of it; None: its `cJSON *`.
fn model_of(models: &'static [(&'static str, &'static ModelDef)], event: &str) -> Option<&'static ModelDef> {
    models.iter().find(|(name, _)| *name == event || (name.ends_with('.') && event.starts_with(name))).map(|(_, def)| *def)
}

/// A `…Stream` function of runs: each event goes to `on_event` with its
/// name and its data parsed into the model `models` names for it (else
/// its `cJSON *`); `done` is not handed on; `error` is, then the function
/// returns -1.
///
/// # Safety
/// As for `call`; `on_event` is NULL or a function taking `user`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn stream_events(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
    models: &'static [(&'static str, &'static ModelDef)],
    on_event: Option<OnEvent>,
    user: *mut c_void,
) -> c_int {
    let Some(f) = on_event else {
        // SAFETY: `client` is NULL or valid (the contract).
        unsafe { crate::call::engine::refuse(client, "on_event is NULL") };
        return -1;
    };
    let mut each = |e: &Event| {
        let name = CString::new(e.event.replace('\0', " ")).unwrap_or_default();
        // SAFETY: the data parsed from the event's JSON (a model or a cJSON
        // tree), the library's until lent to the callback for the call.
        let r = unsafe {
            match model_of(models, &e.event) {
                Some(def) => {
                    let data = parse_text(def, e.data.as_bytes()).map_err(|_| invalid_event(e, def.name))?;
                    lend(def, data, || f(user, name.as_ptr(), data as *mut c_void))
                }
                None => {
                    let text = CString::new(e.data.as_bytes()).unwrap_or_default();
                    let json = cJSON_Parse(text.as_ptr());
                    if json.is_null() {
                        return Err(invalid_event(e, "JSON value"));
                    }
                    let r = f(user, name.as_ptr(), json as *mut c_void);
                    cJSON_Delete(json);
                    r
                }
            }
        };
        match r {
            0 => Ok(()),
            _ => Err(Stop::Callback("on_event")),
        }
    };
    // SAFETY: as for `call`.
    unsafe { run(client, method, path, query, || streaming(body()), true, &mut each, |_| 0, -1) }
}

/// What a drop-in call assembles from a stream: the answer the API gives
/// without streaming.
enum Assembly {
    /// Chat and legacy completions: chunks merged choice by choice; `taken`
    /// counts the bytes of the chunks merged (more than the answer grows
    /// by), which the answer ceiling bounds.
    Choices { object: &'static str, answer: Map<String, Value>, taken: usize, ceiling: usize },
    /// Runs: the run as its last `thread.run.*` event left it.
    Run(Option<String>),
}

impl Assembly {
    fn of(model: &str) -> Assembly {
        match model {
            "create_chat_completion_response_t" => {
                Assembly::Choices { object: "chat.completion", answer: Map::new(), taken: 0, ceiling: MAX_BODY as usize }
            }
            "create_completion_response_t" => {
                Assembly::Choices { object: "text_completion", answer: Map::new(), taken: 0, ceiling: MAX_BODY as usize }
            }
            _ => Assembly::Run(None),
        }
    }

    fn add(&mut self, e: &Event) -> Result<(), Stop> {
        match self {
            Assembly::Run(last) => {
                if e.event.starts_with("thread.run.") && !e.event.starts_with("thread.run.step") {
                    *last = Some(e.data.clone());
                }
            }
            Assembly::Choices { answer, taken, ceiling, .. } => {
                *taken += e.data.len();
                if *taken > *ceiling {
                    return Err(Stop::Invalid(format!("the streamed answer is larger than {ceiling} bytes (the answer ceiling)")));
                }
                let Ok(Value::Object(chunk)) = serde_json::from_str::<Value>(&e.data) else {
                    return Err(invalid_event(e, "JSON object"));
                };
                add_chunk(answer, chunk);
            }
        }
        Ok(())
    }

    fn finish(self) -> Vec<u8> {
        match self {
            Assembly::Run(last) => last.unwrap_or_default().into_bytes(),
            Assembly::Choices { object, mut answer, .. } => {
                answer.insert("object".into(), Value::String(object.into()));
                if let Some(Value::Array(choices)) = answer.get_mut("choices") {
                    choices.sort_by_key(|c| c.get("index").and_then(Value::as_u64).unwrap_or(0));
                    for c in choices.iter_mut() {
                        finish_choice(c, object == "chat.completion");
                    }
                }
                Value::Object(answer).to_string().into_bytes()
            }
        }
    }
}

/// Merges one chunk into the answer: its top-level members replace the
/// answer's (`usage` comes on the last chunk), its choices merge into the
/// answer's of the same index (a chat choice's `delta` into its
/// `message`).
fn add_chunk(answer: &mut Map<String, Value>, chunk: Map<String, Value>) {
    for (k, v) in chunk {
        match k.as_str() {
            "choices" => {
                let Value::Array(deltas) = v else { continue };
                let choices = answer.entry("choices").or_insert_with(|| Value::Array(Vec::new()));
                let Value::Array(choices) = choices else { continue };
                for mut d in deltas {
                    let Some(index) = d.get("index").cloned() else { continue };
                    // A chat choice's delta is its message so far.
                    if let Some(delta) = d.as_object_mut().and_then(|o| o.remove("delta")) {
                        d.as_object_mut().map(|o| o.insert("message".into(), delta));
                    }
                    match choices.iter_mut().find(|c| c.get("index") == Some(&index)) {
                        Some(c) => merge(c, d),
                        None => choices.push(d),
                    }
                }
            }
            "object" => {}
            _ if v.is_null() && answer.contains_key(&k) => {}
            _ => {
                answer.insert(k, v);
            }
        }
    }
}

/// Merges a delta into what came before it, as OpenAI's SDKs accumulate
/// stream deltas: text is appended, objects merge member by member, lists
/// of objects with an `index` merge by index, other lists are extended,
/// anything else is replaced (a null never replaces a value).
fn merge(acc: &mut Value, delta: Value) {
    match (acc, delta) {
        (Value::Object(a), Value::Object(d)) => {
            for (k, v) in d {
                if v.is_null() && a.contains_key(&k) {
                    continue;
                }
                match a.get_mut(&k) {
                    // `index` and `type` name an item: never appended.
                    Some(slot) if k != "index" && k != "type" => merge(slot, v),
                    _ => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Value::String(a), Value::String(d)) => a.push_str(&d),
        (Value::Array(a), Value::Array(d)) => {
            for item in d {
                let at = item.get("index").and_then(|i| a.iter().position(|x| x.get("index") == Some(i)));
                match at {
                    Some(i) => merge(&mut a[i], item),
                    None => a.push(item),
                }
            }
        }
        (_, Value::Null) => {}
        (a, d) => *a = d,
    }
}

/// A choice as the API answers it without streaming: a chat message has
/// its role, `content` and `refusal` (null when none came), and its tool
/// calls lose the `index` only the stream sends.
fn finish_choice(choice: &mut Value, chat: bool) {
    let Some(c) = choice.as_object_mut() else { return };
    c.entry("finish_reason").or_insert(Value::Null);
    c.entry("logprobs").or_insert(Value::Null);
    if !chat {
        c.entry("text").or_insert_with(|| Value::String(String::new()));
        return;
    }
    let message = c.entry("message").or_insert_with(|| Value::Object(Map::new()));
    let Some(m) = message.as_object_mut() else { return };
    m.entry("role").or_insert_with(|| Value::String("assistant".into()));
    m.entry("content").or_insert(Value::Null);
    m.entry("refusal").or_insert(Value::Null);
    if let Some(Value::Array(calls)) = m.get_mut("tool_calls") {
        for call in calls.iter_mut().filter_map(Value::as_object_mut) {
            call.remove("index");
        }
    }
}

/// A drop-in call whose request asks for a stream: the answer assembled
/// from the events, parsed into `T`, or NULL (the error API says why).
/// `data_callback_func` is called once, with the assembled JSON.
///
/// # Safety
/// As for `call`.
unsafe fn assembled<T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
) -> *mut T {
    let assembly = RefCell::new(Assembly::of(T::DEF.name));
    let mut each = |e: &Event| assembly.borrow_mut().add(e);
    let finish = |c: *mut apiClient_t| {
        let whole = assembly.replace(Assembly::Run(None)).finish();
        // SAFETY: the client this call holds; nothing of it is borrowed.
        unsafe {
            let given = match deliver(c, &whole, false) {
                Ok(given) => given,
                Err(why) => {
                    state_mut(c).failure.set(ErrorKind::InvalidArgument, &why, None);
                    return ptr::null_mut();
                }
            };
            parse_answer(c, &T::DEF, given.as_deref().unwrap_or(&whole)) as *mut T
        }
    };
    // SAFETY: as for `call`.
    unsafe { run(client, method, path, query, body, true, &mut each, finish, ptr::null_mut()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every event of `stream` as (name, data), fed in pieces `cut` bytes
    /// long.
    fn events_of(stream: &[u8], cut: usize) -> (Vec<(String, String)>, Events) {
        let mut seen = Vec::new();
        let mut ev = Events::new(false);
        for piece in stream.chunks(cut.max(1)) {
            let go = ev.feed(piece, &mut |e| {
                seen.push((e.event.clone(), e.data.clone()));
                Ok(())
            });
            if !go {
                break;
            }
        }
        (seen, ev)
    }

    const RECORDED: &str = concat!(
        ": keep-alive\r\n\r\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Gr\u{fc}\u{df}e \u{1f600}\"}}]}\r\n\r\n",
        "event: message\ndata: {\"id\":\"c1\",\ndata: \"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n",
    );

    #[test]
    fn events_are_the_same_whatever_the_pieces() {
        let (whole, ev) = events_of(RECORDED.as_bytes(), RECORDED.len());
        assert!(ev.done && ev.stop.is_none());
        assert_eq!(whole.len(), 3, "the comment is no event; [DONE] ends the stream");
        assert!(whole[1].1.contains("Grüße 😀"), "UTF-8 whole: {:?}", whole[1]);
        assert_eq!(whole[2].0, "message");
        assert!(whole[2].1.contains("{\"id\":\"c1\",\n\"choices\""), "two data lines joined by a newline: {:?}", whole[2]);
        // Split at every byte position (inside the UTF-8 characters and
        // between CR and LF too), and one byte at a time.
        for at in 1..RECORDED.len() {
            let bytes = RECORDED.as_bytes();
            let mut seen = Vec::new();
            let mut ev = Events::new(false);
            for piece in [&bytes[..at], &bytes[at..]] {
                ev.feed(piece, &mut |e| {
                    seen.push((e.event.clone(), e.data.clone()));
                    Ok(())
                });
            }
            assert_eq!(seen, whole, "split at byte {at}");
            assert!(ev.done);
        }
        assert_eq!(events_of(RECORDED.as_bytes(), 1).0, whole);
    }

    #[test]
    fn a_documented_run_stream_reads_the_same_split_at_every_byte() {
        // OpenAI's documented stream of createRun (its YAML block drops the
        // blank line that ends the last event: put back).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/openai-current.yaml");
        let doc = &yaml_rust2::YamlLoader::load_from_str(&std::fs::read_to_string(path).unwrap()).unwrap()[0];
        let examples = doc["paths"]["/threads/{thread_id}/runs"]["post"]["x-oaiMeta"]["examples"].as_vec().unwrap();
        let text = examples.iter().find(|e| e["title"].as_str() == Some("Streaming")).unwrap()["response"].as_str().unwrap();
        let stream = format!("{}\n\n", text.trim_end());
        let bytes = stream.as_bytes();
        let (whole, ev) = events_of(bytes, bytes.len());
        assert!(ev.done && ev.stop.is_none());
        assert!(whole.len() >= 10 && whole[0].0 == "thread.run.created", "{whole:?}");
        for at in 0..=bytes.len() {
            let mut seen = Vec::new();
            let mut ev = Events::new(true);
            for piece in [&bytes[..at], &bytes[at..]] {
                ev.feed(piece, &mut |e| {
                    seen.push((e.event.clone(), e.data.clone()));
                    Ok(())
                });
            }
            assert!(ev.done && seen == whole, "split at byte {at}");
        }
        // And with CRLF line ends, three bytes at a time.
        let crlf = stream.replace('\n', "\r\n");
        assert_eq!(events_of(crlf.as_bytes(), 3).0, whole);
    }

    #[test]
    fn an_error_in_the_stream_stops_it_with_that_error() {
        let s = b"data: {\"choices\":[]}\n\ndata: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}\n\ndata: [DONE]\n\n";
        let (seen, ev) = events_of(s, 7);
        assert_eq!(seen.len(), 1);
        assert!(!ev.done);
        match ev.stop {
            Some(Stop::Error(ErrorKind::Api(t), m, body)) => {
                assert_eq!((t.as_str(), m.as_str()), ("server_error", "The server had an error"));
                assert!(body.starts_with(b"{\"error\""));
            }
            other => panic!("{other:?}"),
        }
        // A run stream's `error` event carries the error itself.
        let s = b"event: error\ndata: {\"message\":\"Run failed\",\"type\":\"server_error\",\"code\":\"x\"}\n\n";
        let mut delivered = Vec::new();
        let mut ev = Events::new(true);
        assert!(!ev.feed(s, &mut |e| {
            delivered.push(e.event.clone());
            Ok(())
        }));
        assert_eq!(delivered, ["error"], "delivered before the stream stops");
        assert!(matches!(ev.stop, Some(Stop::Error(ErrorKind::Api(ref t), ref m, _)) if t == "server_error" && m == "Run failed"));
        // A chunk that only mentions "error" in its text is no error.
        let s = b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"error\\\"\"}}]}\n\ndata: [DONE]\n\n";
        let (seen, ev) = events_of(s, 5);
        assert_eq!(seen.len(), 1);
        assert!(ev.done && ev.stop.is_none());
    }

    #[test]
    fn each_run_event_names_its_model() {
        use crate::generated::calls::RUN_EVENTS;
        let of = |event: &str| model_of(RUN_EVENTS, event).map(|d| d.name);
        assert_eq!(of("thread.run.step.delta"), Some("run_step_delta_object_t"));
        assert_eq!(of("thread.run.step.completed"), Some("run_step_object_t"));
        assert_eq!(of("thread.run.completed"), Some("run_object_t"));
        assert_eq!(of("thread.run.requires_action"), Some("run_object_t"));
        assert_eq!(of("thread.run.some_new_state"), Some("run_object_t"), "a newer run event is still a run");
        assert_eq!(of("thread.message.delta"), Some("message_delta_object_t"));
        assert_eq!(of("thread.message.incomplete"), Some("message_object_t"));
        assert_eq!(of("thread.created"), Some("thread_object_t"));
        assert_eq!(of("error"), Some("openai_api_error_t"));
        // Names the table does not know: their cJSON.
        assert_eq!(of("thread.runaway"), None);
        assert_eq!(of("response.created"), None);
        assert_eq!(of("done"), None);
    }

    #[test]
    fn what_a_drop_in_call_assembles_is_bound_by_the_ceiling() {
        let mut a = Assembly::of("create_chat_completion_response_t");
        if let Assembly::Choices { ceiling, .. } = &mut a {
            *ceiling = 300;
        }
        let chunk = r#"{"id":"c","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}]}"#;
        let event = Event { event: "message".into(), data: chunk.into(), id: String::new(), retry: None };
        let took = (0..10).take_while(|_| a.add(&event).is_ok()).count();
        assert_eq!(took, 300 / chunk.len());
        assert!(matches!(a.add(&event), Err(Stop::Invalid(m)) if m.contains("larger than 300 bytes")));
    }

    #[test]
    fn refusals_logprobs_and_completions_assemble_too() {
        let add = |a: &mut Assembly, data: &str| {
            a.add(&Event { event: "message".into(), data: data.into(), id: String::new(), retry: None }).unwrap();
        };
        let mut a = Assembly::of("create_chat_completion_response_t");
        add(
            &mut a,
            r#"{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","refusal":"I can"},"logprobs":{"content":null,"refusal":[{"token":"I","logprob":-0.1,"bytes":[73],"top_logprobs":[]}]},"finish_reason":null}]}"#,
        );
        add(
            &mut a,
            r#"{"id":"c","choices":[{"index":0,"delta":{"refusal":"not."},"logprobs":{"content":null,"refusal":[{"token":" can","logprob":-0.2,"bytes":[32],"top_logprobs":[]}]},"finish_reason":"stop"}]}"#,
        );
        let got: Value = serde_json::from_slice(&a.finish()).unwrap();
        let choice = &got["choices"][0];
        assert_eq!(choice["message"]["refusal"], "I cannot.");
        assert_eq!(choice["message"]["content"], Value::Null);
        assert_eq!(choice["logprobs"]["refusal"].as_array().map(Vec::len), Some(2), "{choice}");
        assert_eq!(choice["logprobs"]["refusal"][1]["token"], " can");
        assert_eq!(choice["finish_reason"], "stop");

        let mut a = Assembly::of("create_completion_response_t");
        add(
            &mut a,
            r#"{"id":"x","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"Hel","logprobs":{"tokens":["Hel"],"token_logprobs":[-0.5],"top_logprobs":null,"text_offset":[0]},"finish_reason":null}]}"#,
        );
        add(
            &mut a,
            r#"{"id":"x","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"lo","logprobs":{"tokens":["lo"],"token_logprobs":[-0.25],"top_logprobs":null,"text_offset":[3]},"finish_reason":"length"}]}"#,
        );
        let got: Value = serde_json::from_slice(&a.finish()).unwrap();
        assert_eq!(got["object"], "text_completion");
        assert_eq!(got["choices"][0]["text"], "Hello");
        assert_eq!(got["choices"][0]["finish_reason"], "length");
        assert_eq!(got["choices"][0]["logprobs"]["tokens"], serde_json::json!(["Hel", "lo"]));
        assert_eq!(got["choices"][0]["logprobs"]["text_offset"], serde_json::json!([0, 3]));
    }

    #[test]
    fn chunks_assemble_into_the_answer_without_streaming() {
        let chunks = [
            r#"{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
            r#"{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":1,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]},"finish_reason":null}]}"#,
            r#"{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null},{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":"}}]},"finish_reason":null}]}"#,
            r#"{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"},{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},"finish_reason":"tool_calls"}]}"#,
            r#"{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"#,
        ];
        let mut a = Assembly::of("create_chat_completion_response_t");
        for c in chunks {
            a.add(&Event { event: String::new(), data: c.into(), id: String::new(), retry: None }).unwrap();
        }
        let got: Value = serde_json::from_slice(&a.finish()).unwrap();
        let want = serde_json::json!({
            "id": "c1", "object": "chat.completion", "created": 7, "model": "m",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "Hello", "refusal": null}, "finish_reason": "stop", "logprobs": null},
                {"index": 1, "message": {"role": "assistant", "content": null, "refusal": null,
                    "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\":1}"}}]},
                 "finish_reason": "tool_calls", "logprobs": null}
            ],
            "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}
        });
        assert_eq!(got, want);
    }
}
