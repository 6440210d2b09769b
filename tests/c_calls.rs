//! C programs that make API calls, run plainly, under valgrind and ASan.
mod support;

#[test]
fn calls_without_a_server() {
    support::check_all_ways("calls_offline", &[]);
}
