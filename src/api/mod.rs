//! The API calls.
pub mod projects;
