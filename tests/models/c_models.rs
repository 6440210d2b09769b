//! C programs that exercise the models, run plainly, under valgrind and ASan.
use crate::support;

#[test]
fn models_roundtrip() {
    support::check_all_ways("models_roundtrip", &[]);
}

#[test]
fn struct_layouts_match_the_contract() {
    support::check_all_ways("layout", &[]);
}

#[test]
fn json_rules() {
    support::check_all_ways("json_rules", &[]);
}

#[test]
fn support_types_and_cjson_tree() {
    support::check_all_ways("support", &[]);
}

/// `long` members for `format: int64`, object_t, audit_log_event_type_t,
/// counters set by `_create` or assignment, and a renamed member's list
/// taken by the program (c-tests/models/dropin_types.c).
#[test]
fn what_the_program_wrote_is_what_it_gets() {
    support::check_all_ways("dropin_types", &[]);
}

/// Every model of the generated client's other APIs, as its own unit tests
/// make them (`X_create` with every member, nested models two deep),
/// written as JSON, read back and written again to the same JSON, freed
/// (`c-tests/models/every_model.c`, written by `cargo xtask codegen`).
#[test]
fn every_model_of_the_other_apis_round_trips() {
    support::check_all_ways("every_model", &[]);
}
