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

/// The longest message the error API returns, in bytes.
pub(crate) const MAX_MESSAGE: usize = 1024;
/// The longest error type the error API returns, in bytes.
pub(crate) const MAX_TYPE: usize = 128;

/// `text` made safe to print: on one line (control characters written as
/// `\n`, `\r`, `\t` or `\u{..}`), every `sk-…` secret redacted, and at
/// most `limit` bytes (cut at a character boundary, ending with `…`).
pub fn printable(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len().min(limit));
    let mut rest = text;
    let mut after_word = false;
    while let Some(c) = rest.chars().next() {
        // A secret: `sk-` (not inside a word) and the key characters after it.
        if !after_word && rest.starts_with("sk-") {
            let run = rest[3..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
            if run >= 8 {
                out.push_str("sk-…(redacted)");
                rest = &rest[3 + run..];
                continue;
            }
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
        after_word = c.is_alphanumeric() || c == '_' || c == '-';
        if out.len() > limit {
            break;
        }
    }
    if out.len() > limit {
        let mut cut = limit.saturating_sub('…'.len_utf8());
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// The raw answer may hold anything the server sent back (a key among it):
/// wiped whenever it goes, replaced or reset.
fn wipe_body(body: &mut Option<Vec<u8>>) {
    if let Some(b) = body.as_mut() {
        crate::boundary::alloc::wipe(b);
    }
}

impl Drop for Failure {
    fn drop(&mut self) {
        wipe_body(&mut self.body);
    }
}

impl Failure {
    /// Records a failure; the type and message are made printable (one
    /// line, bounded, secrets redacted), so they are never NULL.
    pub fn set(&mut self, kind: ErrorKind, message: &str, body: Option<Vec<u8>>) {
        let kind = match kind {
            ErrorKind::Api(t) => ErrorKind::Api(printable(&t, MAX_TYPE)),
            k => k,
        };
        self.kind_text = CString::new(kind.as_str()).ok();
        self.kind = Some(kind);
        self.message = CString::new(printable(message, MAX_MESSAGE)).ok();
        wipe_body(&mut self.body);
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
        assert_eq!(f.message().unwrap().to_str().unwrap(), "a\\u{0}b");
        assert_eq!(f.body(), Some(&b"x"[..]));
        assert!(ErrorKind::Timeout.is_retryable() && !ErrorKind::Tls.is_retryable());
    }

    #[test]
    fn error_text_is_one_bounded_line_without_secrets() {
        let mut f = Failure::default();
        f.set(ErrorKind::Api("bad\0type\r\nX-Injected: 1".into()), "line one\r\nline two\u{1b}[31m", None);
        assert_eq!(f.kind_text().unwrap().to_str().unwrap(), "bad\\u{0}type\\r\\nX-Injected: 1");
        assert_eq!(f.message().unwrap().to_str().unwrap(), "line one\\r\\nline two\\u{1b}[31m");
        f.set(ErrorKind::Api("invalid_request_error".into()), &format!("No such project: {}", "é".repeat(40_000)), None);
        let m = f.message().unwrap().to_str().unwrap();
        assert!(m.len() <= MAX_MESSAGE && m.ends_with('…') && m.starts_with("No such project: é"), "{}", m.len());
        f.set(ErrorKind::Connection, "key sk-admin-abcDEF123_-xyz and sk-proj-0123456789 but not sk-short or task-12345678", None);
        assert_eq!(f.message().unwrap().to_str().unwrap(), "key sk-…(redacted) and sk-…(redacted) but not sk-short or task-12345678");
        f.set(ErrorKind::Api("t".repeat(1000)), "m", None);
        assert!(f.kind_text().unwrap().to_bytes().len() <= MAX_TYPE);
    }
}
