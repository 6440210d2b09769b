//! openai_api: a drop-in replacement, with a C ABI, for the C client that
//! OpenAPI Generator emits for OpenAI's administration API.
//!
//! The C header `include/openai_api.h` is generated from these sources by
//! cbindgen (`build.rs`). Module map, from the C boundary up:
//! - the boundary: `ffi` (panic guard, C strings), `alloc` (the C
//!   allocator, the answer's budget), `record` (the library's record of the
//!   structs and clients it made), `process` (fork, cancellation);
//! - support types: `list` (`list_t`), `keyvalue`, `binary`, `cjson`
//!   (cJSON 1.7.7's API);
//! - the models: `models` (their tables, JSON reading and writing; the
//!   generated model files);
//! - the transport: `http` (connections, the request and its answer),
//!   `tcp`, `tls`, `proxy`, `dns` (name lookups), `retry`, `env` (the
//!   environment a call reads);
//! - the client: `client` (`apiClient_t`), `error` (the error API);
//! - the calls: `api` (the call engine, paging and the generated calls).
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
#![allow(clippy::missing_safety_doc)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod api;
pub mod boundary;
pub mod call;
pub mod client;
pub mod generated;
pub mod support;
pub(crate) mod transport;
pub mod wire;
