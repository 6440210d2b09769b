//! The call engine: the URL, query and body of a request, sending it and
//! reading its answer into a model (`engine`), and the walker every
//! `forEach` function runs (`paging`), `apiClient_invoke` (`invoke`), and
//! multipart form bodies (`form`), and streamed answers (`stream`).
pub mod engine;
pub mod form;
pub mod invoke;
pub mod paging;
pub mod stream;
