//! Streamed answers through the C API (`c-tests/calls/streams.c`) against
//! the mock, which streams as the API does: the `…Stream` functions, the
//! drop-in calls assembling what the API answers without streaming, the
//! faults of a stream and its time limits; plainly, under valgrind and
//! with ASan/UBSan.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn streams_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)];
        way.program(&support::root().join("c-tests/calls/streams.c"), &["chat", "completions", "faults", "runs", "long", "timing"], &envs);
        let requests = mock.requests();
        let fault = |r: &openai_api_mock::Logged| r.header("x-mock-stream-fault").map(str::to_string);
        // The stream the callback stopped is the request before the first
        // with an error fault: its connection is not used again.
        let first_error = requests.iter().position(|r| fault(r).as_deref() == Some("error-after-4")).expect("the error fault was sent");
        let stopped = &requests[first_error - 1];
        assert!(String::from_utf8_lossy(&stopped.body).contains("\"stream\":true"), "{way:?}");
        assert!(
            requests[first_error..].iter().all(|r| r.connection != stopped.connection),
            "{way:?}: the stopped stream's connection {} was used again",
            stopped.connection
        );
        // A cut stream is not sent again, though the client retries
        // failures twice: once for the …Stream call, once for the drop-in.
        let cut = requests.iter().filter(|r| fault(r).as_deref() == Some("cut-after-2")).count();
        assert_eq!(cut, 2, "{way:?}: requests of the cut streams");
    }
}

/// Reads one request from `s`: its head, up to the empty line, and the body
/// its Content-Length gives (the servers below answer one a connection).
fn read_request(s: &std::net::TcpStream) -> std::io::Result<()> {
    use std::io::{BufRead, BufReader, Read};
    let mut r = BufReader::new(s);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().map_err(std::io::Error::other)?;
        }
        if line == "\r\n" {
            return r.read_exact(&mut vec![0; length]);
        }
    }
}

/// A server on loopback that answers one request with `n` chat chunks as
/// fast as it can (chunked, as the API frames them), then `[DONE]`.
fn event_server(n: usize) -> String {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        read_request(&s).unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, s);
        w.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n").unwrap();
        let event = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n";
        let batch = event.repeat(100);
        for _ in 0..n / 100 {
            write!(w, "{:x}\r\n{batch}\r\n", batch.len()).unwrap();
        }
        let done = "data: [DONE]\n\n";
        write!(w, "{:x}\r\n{done}\r\n0\r\n\r\n", done.len()).unwrap();
        w.flush().unwrap();
    });
    format!("http://{addr}/v1")
}

/// A million events, unpaced, in flat memory (`c-tests/calls/stream_memory.c`
/// samples its own resident memory); plainly only, as the issue asks (a
/// million events under valgrind would take an hour).
#[test]
fn a_million_events_stream_in_flat_memory() {
    let url = event_server(1_000_000);
    let out = Run::Plain.program(
        &support::root().join("c-tests/calls/stream_memory.c"),
        &[],
        &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("STREAM_EVENTS", "1000000")],
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));
}

/// A server on loopback that answers every request with `body` as an event
/// stream (one request a connection).
fn stream_server(body: String) -> String {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(s) = s else { return };
            let _ = read_request(&s);
            let mut w = s;
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = w.write_all(head.as_bytes()).and_then(|_| w.write_all(body.as_bytes()));
        }
    });
    format!("http://{addr}/v1")
}

/// What a run stream's callback saw: each event's name, and whether its
/// data came (a model, or JSON the table does not name).
unsafe extern "C" fn collect(user: *mut std::ffi::c_void, event: *const std::ffi::c_char, data: *mut std::ffi::c_void) -> std::ffi::c_int {
    // SAFETY: `user` is the Vec the test passed; `event` a C string the
    // library lends for the call.
    let seen = unsafe { &mut *(user as *mut Vec<(String, bool)>) };
    let name = unsafe { std::ffi::CStr::from_ptr(event) }.to_string_lossy().into_owned();
    seen.push((name, !data.is_null()));
    0
}

/// OpenAI's documented event streams of runs (`x-oaiMeta` of createRun,
/// createThreadAndRun and submitToolOuputsToRun: whole transcripts) read
/// through their `…Stream` functions, every event handed on with its data
/// and `done` not, and through the drop-in calls with `stream`, which
/// return the run of the last `thread.run.*` event; the chat example (its
/// chunks listed without `data:`, `....` for those left out) as `data:`
/// lines ending with `[DONE]`, read into the answer they make. (The
/// transcripts lack the blank line that ends their last event, which the
/// document's YAML block drops: it is put back; some of their runs end
/// with a `}` too many, which is dropped; one run is a line of JSON
/// without `data: `, which is put before it. Given as they are, the
/// library refuses the first kind of event and names it, and does not see
/// the last as an event, as the standard says.)
#[test]
fn the_documented_streams_read_through_their_calls() {
    use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
    use openai_api::generated::calls::*;
    use openai_api::generated::models::*;
    use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
    use std::ffi::CString;
    use std::ptr::null_mut;
    // SAFETY: the client's last error, read while nothing else uses it.
    let why = |c: *mut openai_api::client::structs::apiClient_t| unsafe {
        let m = openai_api::client::errors::apiClient_errorMessage(c);
        (!m.is_null()).then(|| std::ffi::CStr::from_ptr(m).to_string_lossy().into_owned())
    };
    let doc = support::spec::library_document();
    let (mut read, mut mended_runs) = (0, 0);
    for id in ["createRun", "createThreadAndRun", "submitToolOuputsToRun", "createChatCompletion"] {
        let op = support::spec::operation(&doc, id);
        for e in op["x-oaiMeta"]["examples"].as_array().into_iter().flatten() {
            let (title, text) = (e["title"].as_str().unwrap_or_default(), e["response"].as_str().unwrap_or_default());
            if !title.contains("Streaming") {
                continue;
            }
            let body = if id == "createChatCompletion" {
                let chunks: Vec<String> = text.lines().filter(|l| l.starts_with('{')).map(|l| format!("data: {l}\n\n")).collect();
                format!("{}data: [DONE]\n\n", chunks.concat())
            } else {
                // The document's block loses the blank line that ends the
                // last event, as the API sends it; some of its runs end
                // with one `}` too many (`…"parallel_tool_calls":true}}`):
                // that one is dropped.
                let mut mended = Vec::new();
                for l in text.trim_end().lines() {
                    // A line of JSON without its `data: ` (the document's
                    // createThreadAndRun has one) is no field of the event.
                    let l = if l.starts_with('{') {
                        mended_runs += 1;
                        format!("data: {l}")
                    } else {
                        l.to_string()
                    };
                    let l = match l.strip_prefix("data: ") {
                        Some(d) if d != "[DONE]" && serde_json::from_str::<serde_json::Value>(d).is_err() => {
                            let shorter = &d[..d.len() - 1];
                            assert!(d.ends_with("}}") && serde_json::from_str::<serde_json::Value>(shorter).is_ok(), "{id} ({title}): {d}");
                            mended_runs += 1;
                            format!("data: {shorter}")
                        }
                        _ => l,
                    };
                    mended.push(l);
                }
                format!("{}\n\n", mended.join("\n"))
            };
            let wanted: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("event: ")).filter(|n| *n != "done").collect();
            let url = CString::new(stream_server(body.clone())).unwrap();
            // SAFETY: a client and requests made here, used from this
            // thread and freed; `collect` gets the Vec it expects.
            unsafe {
                let c = apiClient_create_with_base_path(url.as_ptr(), null_mut());
                (*c).accessToken = libc::strdup(c"sk-test".as_ptr());
                let json = |t: &str| {
                    let t = CString::new(t).unwrap();
                    cJSON_Parse(t.as_ptr())
                };
                let (thread, run) = (c"thread_123".as_ptr() as *mut _, c"run_123".as_ptr() as *mut _);
                let mut seen: Vec<(String, bool)> = Vec::new();
                let user = &mut seen as *mut Vec<(String, bool)> as *mut std::ffi::c_void;
                let (status, last) = match id {
                    "createRun" => {
                        let j = json(r#"{"assistant_id":"asst_123"}"#);
                        let req = create_run_request_parseFromJSON(j);
                        let s = AssistantsAPI_createRunStream(c, thread, req, null_mut(), Some(collect), user);
                        (*req).stream = 1;
                        let r = AssistantsAPI_createRun(c, thread, req, null_mut());
                        create_run_request_free(req);
                        cJSON_Delete(j);
                        (s, r)
                    }
                    "createThreadAndRun" => {
                        let j = json(r#"{"assistant_id":"asst_123"}"#);
                        let req = create_thread_and_run_request_parseFromJSON(j);
                        let s = AssistantsAPI_createThreadAndRunStream(c, req, Some(collect), user);
                        (*req).stream = 1;
                        let r = AssistantsAPI_createThreadAndRun(c, req);
                        create_thread_and_run_request_free(req);
                        cJSON_Delete(j);
                        (s, r)
                    }
                    "submitToolOuputsToRun" => {
                        let j = json(r#"{"tool_outputs":[{"tool_call_id":"call_1","output":"70"}]}"#);
                        let req = submit_tool_outputs_run_request_parseFromJSON(j);
                        let s = AssistantsAPI_submitToolOuputsToRunStream(c, thread, run, req, Some(collect), user);
                        (*req).stream = 1;
                        let r = AssistantsAPI_submitToolOuputsToRun(c, thread, run, req);
                        submit_tool_outputs_run_request_free(req);
                        cJSON_Delete(j);
                        (s, r)
                    }
                    _ => {
                        let j = json(r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}],"stream":true}"#);
                        let req = create_chat_completion_request_parseFromJSON(j);
                        let r = ChatAPI_createChatCompletion(c, req);
                        assert!(!r.is_null(), "{id} ({title}): {:?}", why(c));
                        let choice = (*(*(*r).choices).firstEntry).data as *mut create_chat_completion_response_choices_inner_t;
                        let content = std::ffi::CStr::from_ptr((*(*choice).message).content).to_str().unwrap();
                        assert_eq!(content, "Hello", "{title}: the two chunks with content, joined");
                        create_chat_completion_response_free(r);
                        create_chat_completion_request_free(req);
                        cJSON_Delete(j);
                        apiClient_free(c);
                        read += 1;
                        continue;
                    }
                };
                assert_eq!(status, 0, "{id} ({title}): {:?}", why(c));
                let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
                assert_eq!(names, wanted, "{id} ({title}): every event but done, in order");
                assert!(seen.iter().all(|(_, data)| *data), "{id} ({title}): {seen:?}");
                assert!(!last.is_null(), "{id} ({title}): the drop-in call with stream: {:?}", why(c));
                // The status the last `thread.run.*` event gives.
                let mut lines = body.lines();
                let mut ended = String::new();
                while let Some(l) = lines.next() {
                    if l.starts_with("event: thread.run.") && !l.starts_with("event: thread.run.step") {
                        let data: serde_json::Value = serde_json::from_str(&lines.next().unwrap()[6..]).unwrap();
                        ended = data["status"].as_str().unwrap().to_string();
                    }
                }
                let status_of = CString::new(ended.clone()).unwrap();
                assert_eq!((*last).status, run_object_status_FromString(status_of.as_ptr() as *mut _), "{id} ({title}): {ended}");
                assert_ne!((*last).status.0, 0, "{id} ({title})");
                run_object_free(last);
                apiClient_free(c);
                read += 1;
            }
        }
    }
    assert_eq!(read, 6, "the documented streams of the chat and the runs");
    assert!(mended_runs > 0 && mended_runs < 40, "{mended_runs} lines mended");
}

/// What the callback of `each_event_reaches_the_program_as_soon_as_it_arrives`
/// shares with its server: the events seen, and a way to tell the server.
struct Told {
    events: usize,
    first: Option<std::sync::mpsc::Sender<()>>,
}

unsafe extern "C" fn tell(
    user: *mut std::ffi::c_void,
    chunk: *mut openai_api::generated::models::create_chat_completion_stream_response_t,
) -> std::ffi::c_int {
    // SAFETY: `user` is the test's `Told`.
    let told = unsafe { &mut *(user as *mut Told) };
    assert!(!chunk.is_null());
    told.events += 1;
    if let Some(tx) = told.first.take() {
        let _ = tx.send(());
    }
    0
}

/// A server that sends one event and then waits until the program has seen
/// it: were the library to read ahead for more, it would wait for the
/// server and the server for it, until the idle limit (here 5 s) failed
/// the stream. Then an error event, with OpenAI's code, ends the call as a
/// non-streamed error would: its type, its message, its body.
#[test]
fn each_event_reaches_the_program_as_soon_as_it_arrives() {
    use openai_api::api::errors::apiClient_errorResponse;
    use openai_api::client::errors::{apiClient_errorMessage, apiClient_errorType};
    use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
    use openai_api::client::settings::apiClient_setStreamIdleTimeout;
    use openai_api::generated::calls::ChatAPI_createChatCompletionStream;
    use openai_api::generated::models::*;
    use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
    use std::ffi::{CStr, CString};
    use std::io::Write;
    let (tx, rx) = std::sync::mpsc::channel();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        read_request(&s).unwrap();
        let mut w = s;
        let chunk = |w: &mut std::net::TcpStream, text: &str| write!(w, "{:x}\r\n{text}\r\n", text.len()).unwrap();
        w.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n").unwrap();
        chunk(&mut w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n");
        // Nothing more until the program has the event.
        let seen = rx.recv_timeout(std::time::Duration::from_secs(30)).is_ok();
        chunk(&mut w, "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}\n\n");
        w.write_all(b"0\r\n\r\n").unwrap();
        seen
    });
    let url = CString::new(format!("http://{addr}/v1")).unwrap();
    // SAFETY: a client and a request made here, used from this thread and
    // freed; `tell` gets the `Told` it expects.
    unsafe {
        let c = apiClient_create_with_base_path(url.as_ptr(), std::ptr::null_mut());
        (*c).accessToken = libc::strdup(c"sk-test".as_ptr());
        apiClient_setStreamIdleTimeout(c, 5000);
        let j = cJSON_Parse(c"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".as_ptr());
        let req = create_chat_completion_request_parseFromJSON(j);
        let mut told = Told { events: 0, first: Some(tx) };
        let r = ChatAPI_createChatCompletionStream(c, req, Some(tell), &mut told as *mut Told as *mut _);
        assert!(server.join().unwrap(), "the server never heard the program had the first event");
        assert_eq!((r, told.events), (-1, 1));
        assert_eq!(CStr::from_ptr(apiClient_errorType(c)).to_str().unwrap(), "requests");
        assert_eq!(CStr::from_ptr(apiClient_errorMessage(c)).to_str().unwrap(), "Rate limit reached");
        let e = apiClient_errorResponse(c);
        assert!(!e.is_null() && !(*e).error.is_null());
        assert_eq!(CStr::from_ptr((*(*e).error).code).to_str().unwrap(), "rate_limit_exceeded");
        error_response_free(e);
        create_chat_completion_request_free(req);
        cJSON_Delete(j);
        apiClient_free(c);
    }
}

/// For `an_unknown_run_event_comes_as_its_json`: each event's name, and
/// for one the table does not name, whether its data was a cJSON object
/// holding what was sent.
unsafe extern "C" fn sort_out(user: *mut std::ffi::c_void, event: *const std::ffi::c_char, data: *mut std::ffi::c_void) -> std::ffi::c_int {
    use openai_api::support::cjson::{cJSON, cJSON_GetObjectItemCaseSensitive, cJSON_GetStringValue, cJSON_IsObject};
    // SAFETY: `user` is the test's Vec; `event` and `data` are lent for the
    // call: `data` a cJSON tree for a name the table does not know.
    unsafe {
        let seen = &mut *(user as *mut Vec<String>);
        let name = std::ffi::CStr::from_ptr(event).to_string_lossy().into_owned();
        if name == "response.future_event" {
            let j = data as *mut cJSON;
            let kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, c"kind".as_ptr()));
            assert!(cJSON_IsObject(j) != 0 && !kind.is_null());
            seen.push(format!("{name}={}", std::ffi::CStr::from_ptr(kind).to_string_lossy()));
        } else {
            seen.push(name);
        }
    }
    0
}

/// A run stream with an event the library has no model for: handed on as
/// its JSON (`cJSON *`), between the runs it knows; `done` is not.
#[test]
fn an_unknown_run_event_comes_as_its_json() {
    use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
    use openai_api::generated::calls::AssistantsAPI_createRunStream;
    use openai_api::generated::models::{create_run_request_free, create_run_request_parseFromJSON};
    use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
    let run = r#"{"id":"run_1","object":"thread.run","created_at":1,"assistant_id":"asst_1","thread_id":"thread_1","status":"queued","model":"m","instructions":"","tools":[],"metadata":{}}"#;
    let body = format!(
        "event: thread.run.created\ndata: {run}\n\nevent: response.future_event\ndata: {{\"kind\":\"new\"}}\n\nevent: thread.run.queued\ndata: {run}\n\nevent: done\ndata: [DONE]\n\n"
    );
    let url = std::ffi::CString::new(stream_server(body)).unwrap();
    // SAFETY: a client and a request made here, used from this thread and
    // freed; `sort_out` gets the Vec it expects.
    unsafe {
        let c = apiClient_create_with_base_path(url.as_ptr(), std::ptr::null_mut());
        (*c).accessToken = libc::strdup(c"sk-test".as_ptr());
        let j = cJSON_Parse(c"{\"assistant_id\":\"asst_1\"}".as_ptr());
        let req = create_run_request_parseFromJSON(j);
        let mut seen: Vec<String> = Vec::new();
        let r = AssistantsAPI_createRunStream(
            c,
            c"thread_1".as_ptr() as *mut _,
            req,
            std::ptr::null_mut(),
            Some(sort_out),
            &mut seen as *mut Vec<String> as *mut _,
        );
        assert_eq!(r, 0);
        assert_eq!(seen, ["thread.run.created", "response.future_event=new", "thread.run.queued"]);
        create_run_request_free(req);
        cJSON_Delete(j);
        apiClient_free(c);
    }
}
