//! openai_api: a drop-in replacement, with a C ABI, for the C client that
//! OpenAPI Generator emits for OpenAI's Projects administration API.
//!
//! The C header `include/openai_api.h` is generated from these sources by
//! cbindgen. Module map: `alloc` (the C allocator), `ffi` (panic guard),
//! `list`, `keyvalue`, `binary`, `cjson`, `client` (apiClient_t), `models`
//! (one module per model family) and `api` (the 19 calls).
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
#![allow(clippy::missing_safety_doc)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod alloc;
pub mod api;
pub mod binary;
pub mod cjson;
pub mod client;
mod dns;
mod env;
pub mod error;
mod ffi;
mod http;
pub mod keyvalue;
pub mod list;
pub mod models;
mod process;
mod proxy;
mod record;
mod retry;
mod tcp;
mod tls;
