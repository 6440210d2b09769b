//! Hand-written additions over the generated calls:
//! `apiClient_errorResponse` (`errors`) and an alias 0.1 shipped
//! (`projects`).
pub mod errors;
pub mod projects;
