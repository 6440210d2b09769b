//! What a call costs, counted where counts repeat on a noisy, shared
//! machine (never wall-clock rates):
//! - instructions inside the call and the `_free` of its answer
//!   (`valgrind --tool=callgrind --toggle-collect`), and instructions of
//!   the whole program making the calls (no toggle: what a program pays);
//! - heap allocations per call (`valgrind --tool=memcheck`'s heap summary);
//! - system calls per call, by name (`strace -c -f`).
//!
//! `cargo bench --bench instructions` starts the mock, then runs this
//! same program as a child under each tool, making `n` calls of one case,
//! each a fixed answer the mock serves: a retrieve, a page of 100 projects
//! with ASCII names, a page of 100 whose names are non-ASCII written as
//! `\u` escapes (as many JSON encoders send them), a page of 100 printed as
//! the API prints its answers (indented by two spaces, `": "` after each
//! key), a page of 100 audit-log events (the API's documented ones), and an
//! embeddings answer for 100 inputs of 1,536 dimensions (about 2.6 MB,
//! printed as the API prints it). Each comes with the mock's 5 headers and
//! with the 17 the API sends (`support::API_HEADERS`). A page is counted
//! with 10 and with 110 calls, the embeddings with 2 and with 12 (callgrind
//! is slow on 2.6 MB); the difference divided
//! by the difference in calls is the steady cost of one call (connection
//! set-up and first-call costs cancel out). `-- <text>` after the command
//! runs only the cases whose name holds the text. On the answers of
//! projects the floor (`benches/floor/floor.cpp`: one kept-alive socket,
//! simdjson, the same C blocks freed one by one) is counted too, whole
//! program, and the library's whole program is given as a multiple of it.

use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
use openai_api::generated::calls::{
    AuditLogsAPI_listAuditLogs, EmbeddingsAPI_createEmbedding, ProjectsAPI_listProjects, ProjectsAPI_retrieveProject,
};
use openai_api::generated::models::{
    create_embedding_request_free, create_embedding_response_free, list_audit_logs_response_free, project_free, project_list_response_free,
};
use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};
use std::ffi::CString;
use std::process::Command;

mod support;

/// A case's answer: its name in file names, the body, and whether it
/// comes with the API's 17 headers (else the mock's 5).
type Answer = (&'static str, fn() -> String, bool);

/// An answer's name (in file names) and what makes its body.
type Body = (&'static str, fn() -> String);

/// (case, the API function it calls, its answer, the fewer and the more
/// calls counted).
const CASES: [(&str, &str, Body, usize, usize); 6] = [
    ("retrieve", "ProjectsAPI_retrieveProject", ("project", || support::project(7, "Project")), 10, 110),
    ("page of 100, ASCII names", "ProjectsAPI_listProjects", ("ascii", || support::page("Project")), 10, 110),
    ("page of 100, \\u-escaped names", "ProjectsAPI_listProjects", ("escaped", || support::page(support::ESCAPED_NAME)), 10, 110),
    ("page of 100, indented as the API", "ProjectsAPI_listProjects", ("indented", indented_page), 10, 110),
    ("page of 100 audit-log events", "AuditLogsAPI_listAuditLogs", ("audit", support::audit_page), 10, 110),
    ("embeddings, 100 x 1,536", "EmbeddingsAPI_createEmbedding", ("embeddings", support::embeddings_answer), 2, 12),
];

/// A page of 100 projects with ASCII names, printed as the API prints its
/// answers (as Python's `json.dumps(indent=2)` does).
fn indented_page() -> String {
    let items: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({"id": format!("proj_{i:04}"), "object": "organization.project", "name": format!("Project {i}"),
                "created_at": 1711471533, "archived_at": null, "status": "active"})
        })
        .collect();
    let page = serde_json::json!({"object": "list", "data": items, "first_id": "proj_0000", "last_id": "proj_0099", "has_more": true});
    serde_json::to_string_pretty(&page).unwrap()
}

/// In the child: `n` calls of `function` against `url`.
fn child(url: &str, project: &str, function: &str, n: usize) {
    let base = CString::new(url).unwrap();
    let pid = CString::new(project).unwrap();
    // SAFETY: a client from apiClient_create_with_base_path, freed once;
    // results are checked and freed with their own _free.
    unsafe {
        let c = apiClient_create_with_base_path(base.as_ptr(), std::ptr::null_mut());
        (*c).accessToken = libc::strdup(CString::new(DEFAULT_ADMIN_KEY).unwrap().as_ptr());
        let mut limit = 100;
        // The embeddings request, made once.
        let request = support::embeddings_request();
        for _ in 0..n {
            match function {
                "ProjectsAPI_retrieveProject" => {
                    let p = ProjectsAPI_retrieveProject(c, pid.as_ptr() as *mut _);
                    assert!(!p.is_null());
                    project_free(p);
                }
                "ProjectsAPI_listProjects" => {
                    let l = ProjectsAPI_listProjects(c, &mut limit, std::ptr::null_mut(), std::ptr::null_mut());
                    assert!(!l.is_null() && (*(*l).data).count == 100);
                    project_list_response_free(l);
                }
                "EmbeddingsAPI_createEmbedding" => {
                    let r = EmbeddingsAPI_createEmbedding(c, request);
                    assert!(!r.is_null() && (*(*r).data).count == 100);
                    create_embedding_response_free(r);
                }
                "AuditLogsAPI_listAuditLogs" => {
                    use std::ptr::null_mut as no;
                    let l = AuditLogsAPI_listAuditLogs(c, no(), no(), no(), no(), no(), no(), &mut limit, no(), no());
                    assert!(!l.is_null() && (*(*l).data).count == 100);
                    list_audit_logs_response_free(l);
                }
                other => panic!("unknown function {other}"),
            }
        }
        create_embedding_request_free(request);
        apiClient_free(c);
    }
}

/// The `_free` of what `function` returns.
fn free_of(function: &str) -> &'static str {
    if function.ends_with("listProjects") {
        "project_list_response_free"
    } else if function.ends_with("createEmbedding") {
        "create_embedding_response_free"
    } else if function.ends_with("listAuditLogs") {
        "list_audit_logs_response_free"
    } else {
        "project_free"
    }
}

/// How a child is watched.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    /// Instructions inside the call and the `_free` of its answer.
    Inside,
    /// Instructions of the whole program.
    Program,
    /// Heap allocations of the whole program.
    Allocations,
    /// Instructions of the whole floor program (`benches/floor`) doing the
    /// same calls.
    Floor,
}

/// The floor program, built once (None: it could not be, and its column
/// is left out).
static FLOOR: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();

/// The floor's command line for `n` calls like `function`'s, against the
/// mock at `url` (`http://HOST:PORT/v1`).
fn floor_args(floor: &std::path::Path, url: &str, function: &str, n: usize) -> Vec<String> {
    let authority = url.trim_start_matches("http://").trim_end_matches("/v1");
    let (host, port) = authority.split_once(':').unwrap();
    let (path, kind) = match function {
        "ProjectsAPI_retrieveProject" => ("/v1/organization/projects/proj_0007", "retrieve"),
        _ => ("/v1/organization/projects?limit=100", "page"),
    };
    [
        floor.display().to_string(),
        "count".into(),
        host.into(),
        port.into(),
        path.into(),
        DEFAULT_ADMIN_KEY.into(),
        kind.into(),
        n.to_string(),
    ]
    .to_vec()
}

/// The child's command line for `n` calls of `function`.
fn child_args(url: &str, project: &str, function: &str, n: usize) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    vec![exe.display().to_string(), "--child".into(), url.into(), project.into(), function.into(), n.to_string()]
}

/// Loads the mock with `n` copies of a fixed answer.
fn load(mock: &Mock, answer: Answer, n: usize) {
    let (_, body, api) = answer;
    let body = body();
    let headers: &[(&str, &str)] = if api { &support::API_HEADERS } else { &[] };
    mock.inject((0..n).map(|_| Fault::status(200, headers, &body)));
}

/// What `tool` counted over `n` calls of `function` (with `answer`).
fn counted(mock: &Mock, project: &str, function: &str, answer: Answer, n: usize, tool: Tool) -> u64 {
    load(mock, answer, n);
    let kind = format!("-{}-{}", answer.0, if answer.2 { "api" } else { "mock" });
    let who = if tool == Tool::Floor { "floor" } else { "library" };
    let out_file = std::env::temp_dir().join(format!("openai-api-callgrind-{}-{who}-{function}{kind}-{n}", std::process::id()));
    let mut cmd = Command::new("valgrind");
    match tool {
        Tool::Inside | Tool::Program | Tool::Floor => {
            cmd.args(["--tool=callgrind", "--quiet"]).arg(format!("--callgrind-out-file={}", out_file.display()));
            if tool == Tool::Inside {
                // The `_free` of the answer too: it is part of what a call costs.
                cmd.arg(format!("--toggle-collect={function}")).arg(format!("--toggle-collect={}", free_of(function)));
            }
        }
        Tool::Allocations => {
            cmd.args(["--tool=memcheck", "--leak-check=no"]);
        }
    }
    let argv = match (tool, FLOOR.get()) {
        (Tool::Floor, Some(Some(floor))) => floor_args(floor, mock.url(), function, n),
        _ => child_args(mock.url(), project, function, n),
    };
    let out = cmd.args(argv).output().expect("valgrind is installed");
    assert!(out.status.success(), "the valgrind run failed: {}", String::from_utf8_lossy(&out.stderr));
    if tool == Tool::Allocations {
        // "total heap usage: 1,234 allocs, 1,234 frees, 56,789 bytes allocated"
        let text = String::from_utf8_lossy(&out.stderr);
        let allocs = text.split("total heap usage:").nth(1).and_then(|t| t.split_whitespace().next()).expect("memcheck's heap summary");
        return allocs.replace(',', "").parse().unwrap();
    }
    let text = std::fs::read_to_string(&out_file).unwrap();
    // OPENAI_API_BENCH_KEEP=<dir> keeps callgrind's files there (for
    // callgrind_annotate).
    match std::env::var_os("OPENAI_API_BENCH_KEEP").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let kept = std::path::Path::new(&dir).join(out_file.file_name().unwrap());
            std::fs::rename(&out_file, &kept).or_else(|_| std::fs::copy(&out_file, &kept).map(drop)).unwrap();
        }
        None => {
            let _ = std::fs::remove_file(&out_file);
        }
    }
    text.lines()
        .find_map(|l| l.strip_prefix("totals:").or_else(|| l.strip_prefix("summary:")))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("callgrind's totals line")
}

/// System calls of `n` calls of `function`, by name (`strace -c -f`).
fn syscalls(mock: &Mock, project: &str, function: &str, answer: Answer, n: usize) -> std::collections::BTreeMap<String, u64> {
    load(mock, answer, n);
    let out = Command::new("strace")
        .args(["-c", "-f", "-qq"])
        .args(child_args(mock.url(), project, function, n))
        .output()
        .expect("strace is installed");
    assert!(out.status.success(), "the strace run failed: {}", String::from_utf8_lossy(&out.stderr));
    // "% time  seconds  usecs/call  calls  errors syscall"
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let name = f.last()?;
            let calls = f.get(3)?.parse().ok()?;
            (f.len() >= 5 && *name != "total").then(|| (name.to_string(), calls))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], &args[i + 2], &args[i + 3], args[i + 4].parse().unwrap());
        return;
    }
    let mock = Mock::start(Options::recording()).unwrap();
    let project = "proj_0007".to_string();
    let floor = FLOOR.get_or_init(support::build_floor).is_some();
    println!("per call, steady state ((more calls - fewer calls) / the difference); the floor: benches/floor, on a page or retrieve of projects:");
    println!("{:<58} {:>12} {:>12} {:>8} {:>9} {:>6}  system calls", "", "in the call", "whole program", "mallocs", "floor", "ratio");
    // `cargo bench --bench instructions -- <text>` runs only the cases whose
    // name holds the text.
    let only = args.iter().skip(1).find(|a| !a.starts_with("--")).cloned().unwrap_or_default();
    let cases = CASES.into_iter().flat_map(|(case, function, (name, body), few, many)| {
        [false, true].map(|api| {
            let heads = if api { "17 headers (the API's)" } else { "5 headers (the mock's)" };
            (format!("{case}, {heads}"), function, (name, body, api), few, many)
        })
    });
    for (case, function, answer, few, many) in cases.filter(|c| c.0.contains(&only)) {
        let calls = (many - few) as u64;
        let per_call = |tool: Tool| {
            let (fewer, more) =
                (counted(&mock, &project, function, answer, few, tool), counted(&mock, &project, function, answer, many, tool));
            (more - fewer) / calls
        };
        let (inside, program, allocs) = (per_call(Tool::Inside), per_call(Tool::Program), per_call(Tool::Allocations));
        let (floor_cell, ratio) = if floor && function.starts_with("ProjectsAPI_") {
            let f = per_call(Tool::Floor);
            (f.to_string(), format!("{:.2}", program as f64 / f as f64))
        } else {
            ("-".to_string(), "-".to_string())
        };
        let (fewer, more) = (syscalls(&mock, &project, function, answer, few), syscalls(&mock, &project, function, answer, many));
        let sys: Vec<String> = more
            .iter()
            .filter_map(|(name, n)| {
                let d = n.saturating_sub(*fewer.get(name).unwrap_or(&0));
                (d * 2 >= calls).then(|| format!("{name} {:.1}", d as f64 / calls as f64))
            })
            .collect();
        println!("{case:<58} {inside:>12} {program:>12} {allocs:>8} {floor_cell:>9} {ratio:>6}  {}", sys.join(", "));
    }
}
