//! Throughput of the library against the local mock on loopback, compared
//! with a raw keep-alive HTTP loop (a bare ureq agent that sends the same
//! requests and reads the bodies without parsing them).
//!
//! `cargo bench --bench calls` prints calls per second for
//! `ProjectsAPI_retrieveProject` and `ProjectsAPI_listProjects` (100 projects
//! per page) and for two raw loops: one with the library's timeouts (10 s
//! connect, 600 s per request: ureq then sets a socket timeout before each
//! read, which costs a syscall) and one without any timeout. Ratios are
//! library / raw. Each figure is the median of 5 interleaved runs of
//! `SECONDS` each. The mock shares the machine's cores with the client, so
//! calls per second move with the server's scheduling; the client's own CPU
//! time per call (CLOCK_THREAD_CPUTIME_ID) is printed too.

use openai_api::api::seed::{ProjectsAPI_listProjects, ProjectsAPI_retrieveProject};
use openai_api::client::{apiClient_create_with_base_path, apiClient_free, apiClient_t};
use openai_api::models::seed::{project_free, project_list_response_free};
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::ffi::CString;
use std::time::{Duration, Instant};

const SECONDS: f64 = 2.0;
const RUNS: usize = 5;

/// CPU time this thread has used.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid timespec to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// One measurement: calls per second (wall clock) and the calling thread's
/// CPU time per call in microseconds (the client's own cost, whatever the
/// server on the other core is doing).
#[derive(Clone, Copy)]
struct Rate {
    per_second: f64,
    cpu_us: f64,
}

/// Calls `f` repeatedly for `SECONDS`.
fn rate(mut f: impl FnMut()) -> Rate {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(200) {
        f();
    }
    let (start, cpu) = (Instant::now(), thread_cpu());
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < SECONDS {
        f();
        n += 1;
    }
    let cpu_us = (thread_cpu() - cpu).as_secs_f64() * 1e6 / n as f64;
    Rate { per_second: n as f64 / start.elapsed().as_secs_f64(), cpu_us }
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    runs[runs.len() / 2]
}

unsafe fn client(url: &str) -> *mut apiClient_t {
    let base = CString::new(url).unwrap();
    let c = apiClient_create_with_base_path(base.as_ptr(), std::ptr::null_mut());
    (*c).accessToken = libc::strdup(CString::new(DEFAULT_ADMIN_KEY).unwrap().as_ptr());
    c
}

fn raw_loop<'a>(agent: &'a ureq::Agent, url: &str) -> impl FnMut() + 'a {
    let auth = format!("Bearer {DEFAULT_ADMIN_KEY}");
    let url = url.to_string();
    move || {
        let mut r = agent.get(&url).header("Authorization", &auth).header("Accept", "application/json").call().unwrap();
        assert_eq!(r.status(), 200);
        let body = r.body_mut().read_to_vec().unwrap();
        assert!(!body.is_empty());
    }
}

fn main() {
    let mock = Mock::start(Options { seed_projects: 150, ..Options::default() }).unwrap();
    let project = mock.project_ids()[0].clone();
    let pid = CString::new(project.clone()).unwrap();
    let timed: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let untimed: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let retrieve_url = format!("{}/organization/projects/{project}", mock.url());
    let list_url = format!("{}/organization/projects?limit=100", mock.url());

    unsafe {
        let c = client(mock.url());
        let mut lib_retrieve = || {
            let p = ProjectsAPI_retrieveProject(c, pid.as_ptr() as *mut _);
            assert!(!p.is_null());
            project_free(p);
        };
        let mut limit = 100;
        let mut lib_list = || {
            let l = ProjectsAPI_listProjects(c, &mut limit, std::ptr::null_mut(), std::ptr::null_mut());
            assert!(!l.is_null());
            assert_eq!((*(*l).data).count, 100);
            project_list_response_free(l);
        };
        let mut raw_retrieve = raw_loop(&timed, &retrieve_url);
        let mut raw_list = raw_loop(&timed, &list_url);
        let mut bare_retrieve = raw_loop(&untimed, &retrieve_url);
        let mut bare_list = raw_loop(&untimed, &list_url);

        // Interleave the runs so drift affects all alike.
        let mut r: [Vec<Rate>; 6] = Default::default();
        for _ in 0..RUNS {
            r[0].push(rate(&mut lib_retrieve));
            r[1].push(rate(&mut raw_retrieve));
            r[2].push(rate(&mut bare_retrieve));
            r[3].push(rate(&mut lib_list));
            r[4].push(rate(&mut raw_list));
            r[5].push(rate(&mut bare_list));
        }
        let connections = mock.connections();
        apiClient_free(c);

        let calls = r.clone().map(|v| median(v.iter().map(|x| x.per_second).collect()));
        let cpu = r.map(|v| median(v.iter().map(|x| x.cpu_us).collect()));
        println!("against the mock on loopback, median of {RUNS} runs x {SECONDS} s");
        println!("calls per second (ratio = library / raw):");
        println!("{:<24} {:>9} {:>16} {:>7} {:>14} {:>7}", "", "library", "raw (timeouts)", "ratio", "raw (none)", "ratio");
        for (name, i) in [("retrieveProject", 0), ("listProjects (100/page)", 3)] {
            let (l, t, b) = (calls[i], calls[i + 1], calls[i + 2]);
            println!("{name:<24} {l:>9.0} {t:>16.0} {:>7.3} {b:>14.0} {:>7.3}", l / t, l / b);
        }
        println!("client CPU per call, microseconds (ratio = raw / library):");
        for (name, i) in [("retrieveProject", 0), ("listProjects (100/page)", 3)] {
            let (l, t, b) = (cpu[i], cpu[i + 1], cpu[i + 2]);
            println!("{name:<24} {l:>9.1} {t:>16.1} {:>7.3} {b:>14.1} {:>7.3}", t / l, b / l);
        }
        println!("TCP connections opened: {connections} (library client + two raw agents)");
    }
}
