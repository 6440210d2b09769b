//! The call engine: the URL, query and body of a request, sending it and
//! reading its answer into a model (`engine`), and the walker every
//! `forEach` function runs (`paging`), and `apiClient_invoke` (`invoke`).
pub mod engine;
pub mod invoke;
pub mod paging;
