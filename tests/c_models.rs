//! C programs that exercise the models, run plainly, under valgrind and ASan.
mod support;

#[test]
fn models_roundtrip() {
    support::check_all_ways("models_roundtrip", &[]);
}
