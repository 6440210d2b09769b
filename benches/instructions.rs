//! Instructions per call, counted by `valgrind --tool=callgrind`: unlike
//! wall-clock rates these repeat exactly on a noisy, shared machine.
//!
//! `cargo bench --bench instructions` starts the mock (150 projects), then
//! runs this same program as a child under callgrind, which makes `n` calls
//! of one API function against the mock and counts only the instructions
//! inside that function and the `_free` of its answer (`--toggle-collect`). Each function is counted with
//! 10 and with 110 calls; the difference / 100 is the steady cost of one
//! call (connection set-up and first-call costs cancel out).

use openai_api::api::seed::{ProjectsAPI_listProjects, ProjectsAPI_retrieveProject};
use openai_api::client::{apiClient_create_with_base_path, apiClient_free};
use openai_api::models::seed::{project_free, project_list_response_free};
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::ffi::CString;
use std::process::Command;

const FUNCTIONS: [&str; 2] = ["ProjectsAPI_retrieveProject", "ProjectsAPI_listProjects"];

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
                other => panic!("unknown function {other}"),
            }
        }
        apiClient_free(c);
    }
}

/// The `_free` of what `function` returns.
fn free_of(function: &str) -> &'static str {
    if function.ends_with("listProjects") {
        "project_list_response_free"
    } else {
        "project_free"
    }
}

/// Instructions callgrind counted inside `function` and the `_free` of its
/// answer over `n` calls.
fn counted(url: &str, project: &str, function: &str, n: usize) -> u64 {
    let out_file = std::env::temp_dir().join(format!("openai-api-callgrind-{}-{function}-{n}", std::process::id()));
    let exe = std::env::current_exe().unwrap();
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--quiet"])
        .arg(format!("--toggle-collect={function}"))
        // The `_free` of the answer too: it is part of what a call costs.
        .arg(format!("--toggle-collect={}", free_of(function)))
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(&exe)
        .args(["--child", url, project, function, &n.to_string()])
        .status()
        .expect("valgrind is installed");
    assert!(status.success(), "the callgrind run failed");
    let text = std::fs::read_to_string(&out_file).unwrap();
    let _ = std::fs::remove_file(&out_file);
    text.lines()
        .find_map(|l| l.strip_prefix("totals:").or_else(|| l.strip_prefix("summary:")))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("callgrind's totals line")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], &args[i + 2], &args[i + 3], args[i + 4].parse().unwrap());
        return;
    }
    let mock = Mock::start(Options { seed_projects: 150, ..Options::default() }).unwrap();
    let project = mock.project_ids()[0].clone();
    println!("instructions per call (callgrind, inside the function and the _free of its answer, steady state):");
    for function in FUNCTIONS {
        let (few, many) = (counted(mock.url(), &project, function, 10), counted(mock.url(), &project, function, 110));
        let label = if function.ends_with("listProjects") { "ProjectsAPI_listProjects (100 projects)" } else { function };
        println!("{label:<40} {:>10}", (many - few) / 100);
    }
}
