//! Why a call failed: the kinds of failure (a Rust enum inside the library;
//! a string and a C enum for C), and what a client keeps of its last
//! failure for the error API.

use std::ffi::CString;

/// The kind of a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with an OpenAI error; its `error.type`.
    Api(String),
    /// No connection, or it broke (refused, reset, host not found).
    Connection,
    /// A time limit ran out.
    Timeout,
    /// The TLS handshake failed or a TLS file could not be used.
    Tls,
    /// The answer is not what the call expects.
    InvalidResponse,
    /// An argument was refused before anything was sent.
    InvalidArgument,
    /// `progress_func` asked to stop.
    Aborted,
    /// A bug in the library (a panic), reported instead of crossing into C.
    Internal,
}

impl ErrorKind {
    /// The text `apiClient_errorType` returns.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorKind::Api(t) => t,
            ErrorKind::Connection => "connection",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Tls => "tls",
            ErrorKind::InvalidResponse => "invalid_response",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Internal => "internal",
        }
    }

    /// Worth another attempt: the connection failed or time ran out.
    pub fn is_retryable(&self) -> bool {
        matches!(self, ErrorKind::Connection | ErrorKind::Timeout)
    }

    fn code(&self) -> openai_api_error_code_e {
        use openai_api_error_code_e::*;
        match self {
            ErrorKind::Api(_) => OPENAI_API_ERROR_API,
            ErrorKind::Connection => OPENAI_API_ERROR_CONNECTION,
            ErrorKind::Timeout => OPENAI_API_ERROR_TIMEOUT,
            ErrorKind::Tls => OPENAI_API_ERROR_TLS,
            ErrorKind::InvalidResponse => OPENAI_API_ERROR_INVALID_RESPONSE,
            ErrorKind::InvalidArgument => OPENAI_API_ERROR_INVALID_ARGUMENT,
            ErrorKind::Aborted => OPENAI_API_ERROR_ABORTED,
            ErrorKind::Internal => OPENAI_API_ERROR_INTERNAL,
        }
    }
}

/// What failed in the last call on a client, as `apiClient_errorCode`
/// returns it; `apiClient_errorType` gives the same as text.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum openai_api_error_code_e {
    /// The last call succeeded (or none was made yet).
    OPENAI_API_ERROR_NONE = 0,
    /// The server answered with an OpenAI error; the type is OpenAI's
    /// `error.type` (e.g. "invalid_request_error").
    OPENAI_API_ERROR_API,
    /// "connection": refused, reset, closed early, host not found.
    OPENAI_API_ERROR_CONNECTION,
    /// "timeout": the connect or request time limit ran out.
    OPENAI_API_ERROR_TIMEOUT,
    /// "tls": the handshake failed or a certificate or key file is unusable.
    OPENAI_API_ERROR_TLS,
    /// "invalid_response": the answer is not JSON of the expected shape, too
    /// large, a redirect or an error page without an OpenAI error body.
    OPENAI_API_ERROR_INVALID_RESPONSE,
    /// "invalid_argument": refused before sending (a NULL, empty, `.` or
    /// `..` id, a request that lacks a required field, a bad base URL).
    OPENAI_API_ERROR_INVALID_ARGUMENT,
    /// "aborted": `progress_func` returned non-zero.
    OPENAI_API_ERROR_ABORTED,
    /// "internal": a bug in the library, caught before it reached the caller.
    OPENAI_API_ERROR_INTERNAL,
    /// "client_busy": refused at once because another call was running on
    /// the same client (another thread, or a callback of that call).
    OPENAI_API_ERROR_BUSY,
}

/// The last failure on a client (all None after a success).
#[derive(Default)]
pub struct Failure {
    kind: Option<ErrorKind>,
    kind_text: Option<CString>,
    message: Option<CString>,
    /// The raw error body of a non-2xx answer.
    body: Option<Vec<u8>>,
}

impl Failure {
    /// Records a failure (a NUL in the message becomes a space).
    pub fn set(&mut self, kind: ErrorKind, message: &str, body: Option<Vec<u8>>) {
        self.kind_text = CString::new(kind.as_str()).ok();
        self.kind = Some(kind);
        self.message = CString::new(message.replace('\0', " ")).ok();
        self.body = body;
    }

    pub fn kind_text(&self) -> Option<&CString> {
        self.kind_text.as_ref()
    }

    pub fn message(&self) -> Option<&CString> {
        self.message.as_ref()
    }

    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    pub fn code(&self) -> openai_api_error_code_e {
        self.kind.as_ref().map_or(openai_api_error_code_e::OPENAI_API_ERROR_NONE, ErrorKind::code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_as_before_in_c() {
        let mut f = Failure::default();
        assert_eq!(f.code(), openai_api_error_code_e::OPENAI_API_ERROR_NONE);
        f.set(ErrorKind::Api("invalid_request_error".into()), "No such project", None);
        assert_eq!(f.kind_text().unwrap().to_str().unwrap(), "invalid_request_error");
        assert_eq!(f.code(), openai_api_error_code_e::OPENAI_API_ERROR_API);
        f.set(ErrorKind::InvalidResponse, "a\0b", Some(b"x".to_vec()));
        assert_eq!(f.kind_text().unwrap().to_str().unwrap(), "invalid_response");
        assert_eq!(f.message().unwrap().to_str().unwrap(), "a b");
        assert_eq!(f.body(), Some(&b"x"[..]));
        assert!(ErrorKind::Timeout.is_retryable() && !ErrorKind::Tls.is_retryable());
    }
}
