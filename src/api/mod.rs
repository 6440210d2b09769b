//! The API calls: `call` is the shared request path, `projects` the 19
//! calls, `errors` the per-client error API and `apiClient_invoke`,
//! `settings` the per-client timeouts, retries and headers, `paging` the
//! walks over every page of the five list calls.
pub mod call;
pub mod errors;
#[rustfmt::skip]
pub mod generated;
#[rustfmt::skip]
pub mod org;
pub mod paging;
pub mod projects;
#[rustfmt::skip]
pub mod seed;
pub mod settings;
