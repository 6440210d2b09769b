//! The client: `apiClient_t` and its C structs (`handle`), its settings
//! (`settings`) and the error API (`errors`).
pub mod errors;
pub mod handle;
pub mod settings;
