//! The client: the C structs of `apiClient_t` and its settings
//! (`structs`), what the library keeps for each client (`slot`), making and
//! freeing clients (`handle`), their settings (`settings`), the log's
//! levels (`log`) and the error API (`errors`).
pub mod errors;
pub mod handle;
pub mod log;
pub mod settings;
pub(crate) mod slot;
pub mod structs;
