//! The models and the support types: C programs that build, parse and free
//! models, what the library believes of memory it did not make, cJSON, the
//! fast path's wiped buffer and the panic guards.
//! One test binary for the area; each module was a test file of its own.

#[path = "../support/mod.rs"]
mod support;

mod c_cjson;
mod c_models;
mod c_trust;
mod cjson_golden;
mod panic_guards;
mod wiped_scratch;
