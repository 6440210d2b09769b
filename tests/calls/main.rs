//! Calls against the mock and what surrounds them: C programs that call the
//! API (plainly, under valgrind and with ASan/UBSan), faults, retries,
//! paging, proxies, TLS, kept-alive connections, the process around the
//! library, the live API's answers and the organization.
//! One test binary for the area; each module was a test file of its own.

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod c_ahead;
mod c_calls;
mod c_eyeballs;
mod c_faults;
mod c_governance;
mod c_library;
mod c_organization;
mod c_paging;
mod c_process;
mod c_proxy;
mod c_streams;
mod c_tls;
mod day_two;
mod keep_alive;
mod live_api;
mod organization;
