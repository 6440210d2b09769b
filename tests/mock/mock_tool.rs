//! The mock as a tool users run in their own test suites: its memory is
//! bounded whatever the traffic, idle and slow connections are closed, and
//! an accept that fails (no file descriptor left) never makes it spin.
use crate::support;

use openai_api_mock::{Mock, Options, RequestLog, DEFAULT_ADMIN_KEY, LOG_BODY_MAX};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Sends one request on a new connection and reads the answer's status.
fn send(mock: &Mock, method: &str, path: &str, key: Option<&str>, body: &[u8]) -> u16 {
    let mut s = TcpStream::connect(mock.addr()).unwrap();
    let auth = key.map_or(String::new(), |k| format!("Authorization: Bearer {k}\r\n"));
    let head = format!(
        "{method} /v1{path} HTTP/1.1\r\nHost: mock\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// By default the log keeps the last 1,000 requests that carried the key,
/// none larger than LOG_BODY_MAX: 20 unauthenticated 15 MiB posts, 3
/// authenticated 2 MiB ones and 1,500 ordinary requests leave 1,000
/// entries of at most 1 MiB.
#[test]
fn the_default_log_is_bounded() {
    let mock = Mock::start(Options { seed_projects: 1, ..Options::default() }).unwrap();
    let huge = vec![b'x'; 15 << 20];
    for _ in 0..20 {
        assert_eq!(send(&mock, "POST", "/organization/projects", None, &huge), 401);
    }
    let big = format!(r#"{{"name":"{}"}}"#, "n".repeat(2 << 20));
    for _ in 0..3 {
        send(&mock, "POST", "/organization/projects", Some(DEFAULT_ADMIN_KEY), big.as_bytes());
    }
    for _ in 0..1500 {
        assert_eq!(send(&mock, "GET", "/organization/projects?limit=1", Some(DEFAULT_ADMIN_KEY), b""), 200);
    }
    let log = mock.requests();
    assert_eq!(log.len(), 1000);
    assert!(log.iter().all(|r| r.header("authorization").is_some() && r.body.len() <= LOG_BODY_MAX));
    // Off keeps nothing; All keeps everything (what tests ask for).
    let off = Mock::start(Options { log: RequestLog::Off, ..Options::default() }).unwrap();
    send(&off, "GET", "/organization/projects", Some(DEFAULT_ADMIN_KEY), b"");
    assert!(off.requests().is_empty());
    let all = Mock::start(Options::recording()).unwrap();
    send(&all, "GET", "/organization/projects", None, b"");
    assert_eq!(all.requests().len(), 1);
}

/// A connection that sends nothing, and one whose body never comes, are
/// closed after the idle limit (1 s here); the client's read sees the end
/// well before its own 20 s limit.
#[test]
fn idle_and_slow_connections_are_closed() {
    let mock = Mock::start(Options { idle_timeout: Duration::from_secs(1), ..Options::default() }).unwrap();
    let mut idle = TcpStream::connect(mock.addr()).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut buf = [0u8; 64];
    assert_eq!(idle.read(&mut buf).expect("closed by the mock, not timed out here"), 0);

    let mut slow = TcpStream::connect(mock.addr()).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /v1/organization/projects HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {DEFAULT_ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    slow.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).expect("closed by the mock, not timed out here");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"), "{}", String::from_utf8_lossy(&answer));
}

/// CPU time (user + system, in clock ticks) the process `pid` has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The command-line mock limited to 40 file descriptors, sent 80
/// connections: while accept fails for want of descriptors it waits
/// between attempts. Measured as CPU time over 3 s (a loop that retries at
/// once takes a core: about 300 ticks), not as wall time.
#[test]
fn a_failing_accept_does_not_spin() {
    use std::os::unix::process::CommandExt;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = support::output_within(
        std::process::Command::new(cargo).current_dir(support::root()).args([
            "build",
            "--quiet",
            "-p",
            "openai_api_mock",
            "--bin",
            "openai-api-mock",
        ]),
        Duration::from_secs(600),
    );
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let mut cmd = std::process::Command::new(support::root().join("target/debug/openai-api-mock"));
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null());
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 40, rlim_max: 40 };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    let url = String::from_utf8(first).unwrap();
    let addr = url.trim_start_matches("http://").trim_end_matches("/v1").to_string();
    let held: Vec<TcpStream> = (0..80).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(child.id());
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(child.id()) - before;
    let _ = child.kill();
    let _ = child.wait();
    drop(held);
    eprintln!("{used} ticks of CPU in 3 s with accept failing");
    assert!(used < 60, "the mock used {used} ticks of CPU in 3 s while out of descriptors");
}

/// Whether `v` has exactly the shape `schema` gives (no member it does not
/// list, each of its type, recursively); the first difference otherwise.
fn shaped(doc: &serde_json::Value, v: &serde_json::Value, schema: &serde_json::Value, at: &str) -> Result<(), String> {
    use serde_json::Value;
    let schema = support::spec::resolve(doc, schema);
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema[key].as_array() {
            return if branches.iter().any(|b| shaped(doc, v, b, at).is_ok()) { Ok(()) } else { Err(format!("{at}: {v} fits no branch")) };
        }
    }
    if v.is_null() && schema["nullable"] == true {
        return Ok(());
    }
    let ok = match (schema["type"].as_str(), v) {
        (Some("object") | None, Value::Object(members)) => {
            let props = &schema["properties"];
            for (k, m) in members {
                let Some(p) = props.get(k) else { return Err(format!("{at}.{k}: not in the document")) };
                shaped(doc, m, p, &format!("{at}.{k}"))?;
            }
            true
        }
        (Some("array"), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                shaped(doc, item, &schema["items"], &format!("{at}[{i}]"))?;
            }
            true
        }
        (Some("string"), Value::String(s)) => schema["enum"].as_array().is_none_or(|e| e.iter().any(|x| x == s)),
        (Some("integer"), Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Some("number"), Value::Number(_)) => true,
        (Some("boolean"), Value::Bool(_)) => true,
        (Some("null"), Value::Null) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: {v} is not {}", schema["type"]))
    }
}

/// Every audit-log entry the mock writes, for the changes below (projects,
/// their users and keys, groups, certificates, invites, admin keys, roles),
/// has exactly the document's shape for its type (`AuditLog` in
/// tests/data/admin-current.yaml): `group.updated` has `group_name`,
/// `project.updated` `title`, `certificate.updated` a flat `{id, name}`.
#[test]
fn every_audit_log_entry_has_the_documents_shape() {
    let mock = Mock::start(Options { seed_projects: 1, ..Options::default() }).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let auth = format!("Bearer {DEFAULT_ADMIN_KEY}");
    let call = |method: &str, path: &str, body: Option<serde_json::Value>| -> serde_json::Value {
        let url = format!("{}{path}", mock.url());
        let mut r = match (method, body) {
            ("GET", _) => agent.get(&url).header("Authorization", &auth).call().unwrap(),
            ("DELETE", _) => agent.delete(&url).header("Authorization", &auth).call().unwrap(),
            (_, b) => agent
                .post(&url)
                .header("Authorization", &auth)
                .content_type("application/json")
                .send(b.unwrap_or(serde_json::json!({})).to_string())
                .unwrap(),
        };
        let status = r.status().as_u16();
        let v: serde_json::Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(status, 200, "{method} {path}: {v}");
        v
    };
    use serde_json::json;
    let first = mock.project_ids()[0].clone();
    let p = call("POST", "/organization/projects", Some(json!({"name": "Audited"})))["id"].as_str().unwrap().to_string();
    call("POST", &format!("/organization/projects/{p}"), Some(json!({"name": "Audited again", "external_key_id": null})));
    call("POST", &format!("/organization/projects/{p}/users"), Some(json!({"user_id": "user_bob", "role": "member"})));
    call("POST", &format!("/organization/projects/{first}/api_keys/key_alice"), Some(json!({"scopes": ["api.model.request"]})));
    call("POST", &format!("/organization/projects/{p}/archive"), None);
    let g = call("POST", "/organization/groups", Some(json!({"name": "Auditors"})))["id"].as_str().unwrap().to_string();
    call("POST", &format!("/organization/groups/{g}"), Some(json!({"name": "Auditors 2"})));
    call("DELETE", &format!("/organization/groups/{g}"), None);
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    let c =
        call("POST", "/organization/certificates", Some(json!({"name": "Cert", "certificate": pem})))["id"].as_str().unwrap().to_string();
    call("POST", &format!("/organization/certificates/{c}"), Some(json!({"name": "Cert 2"})));
    call("POST", "/organization/certificates/activate", Some(json!({"certificate_ids": [c]})));
    call("POST", "/organization/certificates/deactivate", Some(json!({"certificate_ids": [c]})));
    call("DELETE", &format!("/organization/certificates/{c}"), None);
    let i = call("POST", "/organization/invites", Some(json!({"email": "audit@example.com", "role": "reader"})))["id"]
        .as_str()
        .unwrap()
        .to_string();
    call("DELETE", &format!("/organization/invites/{i}"), None);
    let k = call("POST", "/organization/admin_api_keys", Some(json!({"name": "audit key"})))["id"].as_str().unwrap().to_string();
    call("DELETE", &format!("/organization/admin_api_keys/{k}"), None);
    call("POST", "/organization/users/user_bob", Some(json!({"role": "reader"})));
    let r = call("POST", "/organization/roles", Some(json!({"role_name": "auditor 2", "permissions": ["api.organization.read"]})))["id"]
        .as_str()
        .unwrap()
        .to_string();
    call("POST", &format!("/organization/roles/{r}"), Some(json!({"role_name": "auditor 3"})));
    call("POST", "/organization/users/user_carol/roles", Some(json!({"role_id": r})));
    call("DELETE", &format!("/organization/users/user_carol/roles/{r}"), None);
    call("DELETE", &format!("/organization/roles/{r}"), None);
    let invite = call("POST", "/organization/invites", Some(json!({"email": "joins@example.com", "role": "reader"})))["id"]
        .as_str()
        .unwrap()
        .to_string();
    mock.accept_invite(&invite).unwrap();
    call("DELETE", "/organization/users/user_dan", None);

    let doc = support::spec::admin_document();
    let audit_log = &doc["components"]["schemas"]["AuditLog"];
    let mut entries = Vec::new();
    let mut after = String::new();
    loop {
        let page = call("GET", &format!("/organization/audit_logs?limit=100{after}"), None);
        entries.extend(page["data"].as_array().unwrap().iter().cloned());
        if page["has_more"] != true {
            break;
        }
        after = format!("&after={}", page["last_id"].as_str().unwrap());
    }
    let mut kinds = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    for e in &entries {
        let kind = e["type"].as_str().unwrap();
        kinds.insert(kind.to_string());
        if let Err(why) = shaped(&doc, e, audit_log, kind) {
            wrong.push(why);
        }
        assert!(e.get(kind).is_some(), "{e}");
    }
    assert!(wrong.is_empty(), "{} of {} entries differ from the document:\n{}", wrong.len(), entries.len(), wrong.join("\n"));
    for kind in [
        "project.created",
        "project.updated",
        "project.archived",
        "user.added",
        "api_key.updated",
        "group.updated",
        "certificate.updated",
        "certificates.activated",
        "invite.sent",
        "api_key.created",
        "user.updated",
    ] {
        assert!(kinds.contains(kind), "no {kind} entry among {kinds:?}");
    }
    let by_kind = |k: &str| entries.iter().find(|e| e["type"] == k).unwrap()[k].clone();
    assert_eq!(by_kind("group.updated")["changes_requested"], json!({"group_name": "Auditors 2"}));
    assert_eq!(by_kind("project.updated")["changes_requested"], json!({"title": "Audited again"}));
    assert_eq!(by_kind("certificate.updated"), json!({"id": c, "name": "Cert 2"}));
}

/// One clock dates everything: a project, its audit-log entry and the
/// present of usage all read it, from `Options::now` on and after
/// `Mock::set_now`; a "last 7 days" window measured from any of them holds
/// the others. The admin key's owner is a setting: the actor of every
/// entry and the owner of new admin keys.
#[test]
fn one_clock_and_the_admin_keys_owner_are_settings() {
    use serde_json::{json, Value};
    let start = 1_800_000_000;
    let mock = Mock::start(Options { now: start, admin_key_owner: "user_bob".into(), ..Options::default() }).unwrap();
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let auth = format!("Bearer {DEFAULT_ADMIN_KEY}");
    let get = |path: &str| -> Value {
        let mut r = agent.get(&format!("{}{path}", mock.url())).header("Authorization", &auth).call().unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    };
    let post = |path: &str, body: Value| -> Value {
        let mut r = agent
            .post(&format!("{}{path}", mock.url()))
            .header("Authorization", &auth)
            .content_type("application/json")
            .send(body.to_string())
            .unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    };
    let project = post("/organization/projects", json!({"name": "Dated"}));
    let created = project["created_at"].as_i64().unwrap();
    assert!((start..start + 10).contains(&created), "created_at {created}, clock started at {start}");
    let entry = get("/organization/audit_logs?limit=1")["data"][0].clone();
    assert_eq!(entry["type"], "project.created");
    let at = entry["effective_at"].as_i64().unwrap();
    assert!((start..start + 10).contains(&at), "effective_at {at}");
    assert_eq!(entry["actor"]["api_key"]["user"], json!({"id": "user_bob", "email": "bob@example.com"}));
    let key = post("/organization/admin_api_keys", json!({"name": "bob's"}));
    assert_eq!(key["owner"]["id"], "user_bob");
    // The last 7 days, measured from the project's date: usage reaches up
    // to the present, the day the project was made in among its buckets.
    let week = get(&format!("/organization/usage/completions?start_time={}&limit=31", created - 7 * 86_400));
    let last = week["data"].as_array().unwrap().last().unwrap()["start_time"].as_i64().unwrap();
    assert!(last <= created && created < last + 86_400, "the last bucket starts at {last}; the project is from {created}");
    let audit_week = get(&format!("/organization/audit_logs?effective_at[gte]={}&limit=100", created - 7 * 86_400));
    assert!(audit_week["data"].as_array().unwrap().len() >= 2);
    // A test moves the clock: what changes next is dated from there.
    mock.set_now(1_900_000_000);
    let later = post("/organization/projects", json!({"name": "Later"}))["created_at"].as_i64().unwrap();
    assert_eq!(later, 1_900_000_001);
    assert!(mock.now() >= later, "the clock went back: {} < {later}", mock.now());
}

/// A fault's answer sends each header it names: one named twice (two
/// `set-cookie`, as the API sends) twice, one named once in place of the
/// mock's own (`content-type`).
#[test]
fn a_fault_sends_every_header_it_names() {
    let mock = Mock::start(Options::recording()).unwrap();
    let headers = [("set-cookie", "a=1"), ("set-cookie", "b=2"), ("content-type", "text/plain")];
    mock.inject([openai_api_mock::Fault::status(200, &headers, "hello")]);
    let mut s = TcpStream::connect(mock.addr()).unwrap();
    let head = format!("GET /v1/models HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {DEFAULT_ADMIN_KEY}\r\nConnection: close\r\n\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    let lines: Vec<String> = answer.lines().map(|l| l.to_ascii_lowercase()).collect();
    assert!(lines.contains(&"set-cookie: a=1".to_string()) && lines.contains(&"set-cookie: b=2".to_string()), "{answer}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("content-type:")).collect::<Vec<_>>(), ["content-type: text/plain"], "{answer}");
}
