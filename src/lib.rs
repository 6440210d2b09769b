//! openai_api: a drop-in replacement, with a C ABI, for the C client that
//! OpenAPI Generator emits for OpenAI's administration API.
//!
//! The C headers under `include/` are generated from these sources by
//! `cargo xtask codegen` (cbindgen, parted by API and model). Module map,
//! from the C boundary up; a layer uses
//! only those before it (ARCHITECTURE.md; `tests/surface/layers.rs` checks it):
//! - `boundary`: the panic guard, C pointers made references, the C allocator and the
//!   answer's budget, the record of the library's own structs, fork,
//!   cancellation and unload, the environment, the kinds of failure;
//! - `support`: `list_t`, `keyValuePair_t`, `binary_t`, cJSON 1.7.7's API;
//! - `wire`: the model tables and the engine that frees, reads and writes
//!   every model from them; an answer's text read into a model;
//! - `transport`: connections, TLS, proxies, name lookups, retry timing;
//! - `client`: `apiClient_t` and its C structs, what the library keeps for
//!   each client, its settings, log levels and the error API;
//! - `call`: the call engine (URL, query, body, answer), the walker,
//!   `apiClient_invoke`;
//! - `generated`: the models and calls the generator writes;
//! - `api`: hand-written additions over the generated calls.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
#![allow(clippy::missing_safety_doc)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod api;
pub mod boundary;
pub mod call;
pub mod client;
pub mod generated;
pub mod support;
pub mod transport;
pub mod wire;
