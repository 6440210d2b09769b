//! How time and memory grow with an organization-wide job, against the mock
//! on loopback (`cargo bench --bench scale`):
//! - a usage export: walking `n` one-minute buckets of completions usage
//!   (`UsageAPI_forEachCompletionsBucket`, 1,440 per page);
//! - an inventory: walking `n` projects (`ProjectsAPI_forEachProject`,
//!   100 per page) and for each its users and its API keys
//!   (`ProjectsAPI_forEachProjectUser`, `ProjectsAPI_forEachProjectApiKey`),
//!   the projects shared out among 1, 2, 4 or 8 threads, each with its own
//!   client;
//! - an audit-log export: walking the newest `n` of 100,000 audit-log
//!   events (`AuditLogsAPI_forEachAuditLog`, 100 per page; the mock reads
//!   each page in place, so its own time does not grow with the log).
//!
//! Each job runs in a child process of its own (the mock stays in the
//! parent), which reports what it walked, its wall time, its CPU time
//! (user + system, all threads) and its peak resident memory (VmHWM).
//! Every project of the inventory has a member and a service account with
//! its API key (made through the library before the runs).
//! Time per item and peak RSS are printed for growing `n`: the RSS column
//! shows whether memory depends on how much was walked; context switches
//! per call (voluntary and not) show what more threads than cores cost.

use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
use openai_api::client::structs::apiClient_t;
use openai_api::generated::calls::{AuditLogsAPI_forEachAuditLog, UsageAPI_forEachCompletionsBucket};
use openai_api::generated::calls::{ProjectsAPI_createProjectServiceAccount, ProjectsAPI_createProjectUser};
use openai_api::generated::calls::{ProjectsAPI_forEachProject, ProjectsAPI_forEachProjectApiKey, ProjectsAPI_forEachProjectUser};
use openai_api::generated::models::{audit_log_t, usage_time_bucket_t, UsageCompletionsBucketWidthParam};
use openai_api::generated::models::{
    project_api_key_t, project_service_account_create_request_free, project_service_account_create_request_new,
    project_service_account_create_response_free, project_t, project_user_create_request_free, project_user_create_request_new,
    project_user_free, project_user_t,
};
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::ffi::{CStr, CString};
use std::os::raw::{c_int, c_void};
use std::process::Command;
use std::time::Instant;

/// The mock's present (usage buckets end there).
const NOW: i64 = 1_735_689_600;

unsafe fn client(url: &str) -> *mut apiClient_t {
    let base = CString::new(url).unwrap();
    // SAFETY: a new client; the token is a malloc'd string it frees.
    unsafe {
        let c = apiClient_create_with_base_path(base.as_ptr(), std::ptr::null_mut());
        (*c).accessToken = libc::strdup(CString::new(DEFAULT_ADMIN_KEY).unwrap().as_ptr());
        c
    }
}

unsafe extern "C" fn count_bucket(b: *mut usage_time_bucket_t, data: *mut c_void) -> c_int {
    // SAFETY: the walker's bucket and our counter.
    unsafe {
        assert!(!(*b).results.is_null());
        *(data as *mut u64) += 1;
    }
    0
}

unsafe extern "C" fn keep_project(p: *mut project_t, data: *mut c_void) -> c_int {
    // SAFETY: the walker's project and our vector.
    unsafe {
        let ids = &mut *(data as *mut Vec<CString>);
        ids.push(CStr::from_ptr((*p).id).to_owned());
        (ids.len() >= IDS_WANTED.with(|w| w.get())) as c_int
    }
}

thread_local! {
    static IDS_WANTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts the audit-log events walked; stops at the count asked for.
unsafe extern "C" fn count_event(e: *mut audit_log_t, data: *mut c_void) -> c_int {
    // SAFETY: the walker's event and our (count, wanted).
    unsafe {
        assert!(!(*e).id.is_null());
        let (seen, wanted) = &mut *(data as *mut (u64, u64));
        *seen += 1;
        (*seen >= *wanted) as c_int
    }
}

/// Counts the items a walker visits (a user, a key).
unsafe extern "C" fn count<T>(_: *mut T, data: *mut c_void) -> c_int {
    // SAFETY: our counter.
    unsafe { *(data as *mut u64) += 1 };
    0
}

/// In a child: the job; prints "items calls wall_s cpu_s maxrss_kib".
fn child(url: &str, job: &str, n: usize, threads: usize) {
    let started = Instant::now();
    let (items, calls) = match job {
        // SAFETY: one client, freed at the end; the walker's arguments are
        // valid for the call.
        "buckets" => unsafe {
            let c = client(url);
            let (mut start, mut end, mut limit) = ((NOW - 60 * n as i64) as c_int, NOW as c_int, 1440);
            let mut seen = 0u64;
            let width = UsageCompletionsBucketWidthParam(1); // 1m
            let (none, data) = (std::ptr::null_mut(), &mut seen as *mut u64 as *mut c_void);
            let rc = UsageAPI_forEachCompletionsBucket(
                c,
                &mut start,
                &mut end,
                width,
                none,
                none,
                none,
                none,
                std::ptr::null_mut(),
                none,
                &mut limit,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                Some(count_bucket),
                data,
            );
            assert_eq!(rc as u64, seen);
            assert_eq!(seen, n as u64);
            apiClient_free(c);
            (seen, n.div_ceil(1440) as u64)
        },
        "projects" => {
            let mut ids: Vec<CString> = Vec::new();
            // SAFETY: as above.
            unsafe {
                let c = client(url);
                let mut limit = 100;
                IDS_WANTED.with(|w| w.set(n));
                let rc =
                    ProjectsAPI_forEachProject(c, &mut limit, std::ptr::null_mut(), Some(keep_project), &mut ids as *mut _ as *mut c_void);
                assert!(rc > 0);
                apiClient_free(c);
            }
            assert_eq!(ids.len(), n);
            let per = ids.len().div_ceil(threads);
            let url = url.to_string();
            let counts: Vec<u64> = std::thread::scope(|s| {
                let handles: Vec<_> = ids
                    .chunks(per)
                    .map(|share| {
                        let url = url.clone();
                        s.spawn(move || {
                            // SAFETY: each thread has its own client.
                            unsafe {
                                let c = client(&url);
                                let mut found = 0u64;
                                for id in share {
                                    let pid = id.as_ptr() as *mut _;
                                    let mut limit = 100;
                                    assert!(
                                        ProjectsAPI_forEachProjectUser(
                                            c,
                                            pid,
                                            &mut limit,
                                            Some(count::<project_user_t>),
                                            &mut found as *mut u64 as *mut c_void
                                        ) >= 0
                                    );
                                    assert!(
                                        ProjectsAPI_forEachProjectApiKey(
                                            c,
                                            pid,
                                            &mut limit,
                                            Some(count::<project_api_key_t>),
                                            &mut found as *mut u64 as *mut c_void
                                        ) >= 0
                                    );
                                }
                                apiClient_free(c);
                                found
                            }
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let found: u64 = counts.iter().sum();
            (n as u64 + found, (n.div_ceil(100) + 2 * n) as u64)
        }
        // SAFETY: as above.
        "audit" => unsafe {
            let c = client(url);
            let mut limit = 100;
            let mut state = (0u64, n as u64);
            let data = &mut state as *mut (u64, u64) as *mut c_void;
            let rc = AuditLogsAPI_forEachAuditLog(
                c,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut limit,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                Some(count_event),
                data,
            );
            assert_eq!((rc as u64, state.0), (n as u64, n as u64));
            apiClient_free(c);
            (state.0, n.div_ceil(100) as u64)
        },
        other => panic!("unknown job {other}"),
    };
    let wall = started.elapsed().as_secs_f64();
    // SAFETY: a valid rusage to fill.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    // This process's own peak (ru_maxrss would count the parent's memory
    // from before the exec).
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok()).unwrap();
    let switches = ru.ru_nvcsw + ru.ru_nivcsw;
    println!("{items} {calls} {wall} {} {hwm} {switches}", secs(ru.ru_utime) + secs(ru.ru_stime));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], &args[i + 2], args[i + 3].parse().unwrap(), args[i + 4].parse().unwrap());
        return;
    }
    // Usage sums every project's counts per bucket: its mock has a few
    // projects; the inventory's has 10,000.
    let usage = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
    let org = Mock::start(Options { seed_projects: 10_000, ..Options::recording() }).unwrap();
    // The audit log of an organization of 10 projects, 100,000 events long.
    let audit = Mock::start(Options { seed_projects: 10, log: openai_api_mock::RequestLog::Off, ..Options::default() }).unwrap();
    audit.fill_audit_log(100_000);
    // Every project gets a member and a service account (with its key).
    // SAFETY: one client, freed at the end; requests and answers freed.
    unsafe {
        let c = client(org.url());
        let role = openai_api::generated::models::ProjectUserCreateRequestRole(2); // member
        for id in org.project_ids() {
            let pid = CString::new(id).unwrap();
            let req = project_user_create_request_new(c"user_alice".as_ptr(), role);
            let u = ProjectsAPI_createProjectUser(c, pid.as_ptr() as *mut _, req);
            project_user_create_request_free(req);
            // The first project has her already (as owner).
            project_user_free(u);
            let req = project_service_account_create_request_new(c"inventory".as_ptr());
            let sa = ProjectsAPI_createProjectServiceAccount(c, pid.as_ptr() as *mut _, req);
            assert!(!sa.is_null());
            project_service_account_create_request_free(req);
            project_service_account_create_response_free(sa);
        }
        apiClient_free(c);
    }
    let run = |job: &str, n: usize, threads: usize| {
        let mock = match job {
            "buckets" => &usage,
            "audit" => &audit,
            _ => &org,
        };
        let exe = std::env::current_exe().unwrap();
        let out = Command::new(exe).args(["--child", mock.url(), job, &n.to_string(), &threads.to_string()]).output().unwrap();
        assert!(out.status.success(), "{job} {n}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = text.split_whitespace().map(|v| v.parse().unwrap()).collect();
        let (items, calls, wall, cpu, rss, switches) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        println!(
            "{job:<9} {n:>8} {threads:>7} {items:>9.0} {calls:>7.0} {:>10.1} {:>10.1} {:>9.1} {:>11.2}",
            wall * 1e6 / items,
            cpu * 1e6 / items,
            rss / 1024.0,
            switches / calls
        );
    };
    println!(
        "{:<9} {:>8} {:>7} {:>9} {:>7} {:>10} {:>10} {:>9} {:>11}",
        "job", "n", "threads", "items", "calls", "wall us/it", "CPU us/it", "RSS MiB", "switch/call"
    );
    for n in [10_000, 30_000, 100_000] {
        run("buckets", n, 1);
    }
    for n in [10_000, 30_000, 100_000] {
        run("audit", n, 1);
    }
    for n in [1_000, 3_000, 10_000] {
        run("projects", n, 1);
    }
    for threads in [2, 4, 8] {
        run("projects", 10_000, threads);
    }
}
