//! The levels of the lines the library logs (`apiClient_setLogCallback`).
use std::os::raw::c_int;

/// Log level of the line that starts an attempt ("openai_api: GET <url>
/// (attempt 1)"): a long wait is visible while it happens.
pub const OPENAI_API_LOG_DEBUG: c_int = 10;
/// Log level of the line for an answer that ends a call well (2xx).
pub const OPENAI_API_LOG_INFO: c_int = 20;
/// Log level of the line for an attempt that failed and will be retried.
pub const OPENAI_API_LOG_WARN: c_int = 30;
/// Log level of the line for the attempt that ends a call in failure.
pub const OPENAI_API_LOG_ERROR: c_int = 40;
