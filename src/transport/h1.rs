//! A request's head written as HTTP/1.1 puts it on the wire, and an
//! answer read off the connection's buffer: its head parsed by
//! `httparse` (the parser ureq-proto uses) into an array on the stack and
//! kept as its bytes with where each header lies in them (no header map
//! built per call), then its body decoded as its framing says (a length,
//! chunks whose sizes `httparse` reads, or up to the close). Sans I/O: the
//! caller feeds what arrived and reads what was used, so the same code
//! serves every way the bytes can be split (`fuzz/fuzz_targets/h1_read.rs`).

/// A request's head: its method, its target (path and query) and its
/// header lines (name, value) in order, each checked by `check_request`.
pub struct Request<'a> {
    pub method: &'a str,
    pub target: &'a str,
    pub lines: &'a [(&'a [u8], &'a [u8])],
}

impl<'a> Request<'a> {
    /// The head's bytes, piece after piece (`METHOD target HTTP/1.1`, each
    /// `name: value`, the blank line): written where they go, never joined.
    pub fn pieces(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let line = [self.method.as_bytes(), b" ", self.target.as_bytes(), b" HTTP/1.1\r\n"];
        let headers = self.lines.iter().flat_map(|&(n, v)| [n, b": ", v, b"\r\n"]);
        line.into_iter().chain(headers).chain([&b"\r\n"[..]])
    }
}

/// The methods a request may have (HTTP's own; a body is refused with
/// HEAD and TRACE).
const METHODS: [&str; 8] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

/// A byte a header's name may hold (RFC 9110's `tchar`).
fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Why a request cannot be written as it is: a method that is none of
/// HTTP's, a body where its method allows none, a header name that is not
/// a token, or a value that holds a line break or another control
/// character (it would end the header early and start another). Values
/// are never shown (one may be the key).
pub fn check_request(method: &str, body: bool, lines: &[(&[u8], &[u8])]) -> Result<(), String> {
    if !METHODS.contains(&method) {
        let shown = crate::boundary::error::printable(method, 32);
        return Err(format!("`{shown}` is not an HTTP method (one of {})", METHODS.join(", ")));
    }
    if body && matches!(method, "HEAD" | "TRACE") {
        return Err(format!("a {method} request cannot have a body"));
    }
    for (name, value) in lines {
        if name.is_empty() || !name.iter().all(|&b| tchar(b)) {
            let shown = crate::boundary::error::printable(&String::from_utf8_lossy(name), 64);
            return Err(format!("`{shown}` is not a valid header name"));
        }
        if !value.iter().all(|&b| (b >= 0x20 && b != 0x7f) || b == b'\t') {
            let shown = String::from_utf8_lossy(name);
            return Err(format!("the value of the header `{shown}` holds a line break or another control character"));
        }
    }
    Ok(())
}

/// `n` in decimal, written into `buf`.
pub fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// The most headers an answer may have (as ureq-proto).
pub(crate) const MAX_HEADERS: usize = 128;

/// The longest line of a chunked body's framing (a chunk's size with its
/// extensions, or a trailer) that is waited for.
const MAX_LINE: usize = 8 << 10;

/// Why an answer is not HTTP/1.1 the library can read (a phrase for a
/// message: "the answer is not valid HTTP: {why}").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bad(pub &'static str);

impl std::fmt::Display for Bad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The headers of an answer: the bytes of its head, and for each header
/// where its name and value lie in them. Reused from answer to answer (its
/// buffers are kept).
#[derive(Default)]
pub struct Headers {
    raw: Vec<u8>,
    /// (name start, name end, value start, value end) in `raw`.
    spans: Vec<[u32; 4]>,
    /// For each `Known` header: 1 + the index in `spans` of its first header,
    /// or 0 when the answer has none.
    known: [u8; KNOWN],
}

/// The headers the library reads from every answer, found as the head is
/// read (`Headers::known`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    ContentType,
    RequestId,
    ShouldRetry,
    RetryAfterMs,
    RetryAfter,
}

/// How many `Known` headers there are (their names are `role`'s).
const KNOWN: usize = Known::RetryAfter as usize + 1;

/// What a header is to the reading of an answer, by its name (any case).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Length,
    Coding,
    Connection,
    Known(Known),
    Other,
}

/// The role of the header named `name`: its length picks the names it can
/// be, so most headers cost one comparison of lengths.
fn role(name: &[u8]) -> Role {
    let is = |s: &[u8]| name.eq_ignore_ascii_case(s);
    match name.len() {
        10 if is(b"connection") => Role::Connection,
        11 if is(b"retry-after") => Role::Known(Known::RetryAfter),
        12 if is(b"content-type") => Role::Known(Known::ContentType),
        12 if is(b"x-request-id") => Role::Known(Known::RequestId),
        14 if is(b"content-length") => Role::Length,
        14 if is(b"x-should-retry") => Role::Known(Known::ShouldRetry),
        14 if is(b"retry-after-ms") => Role::Known(Known::RetryAfterMs),
        17 if is(b"transfer-encoding") => Role::Coding,
        _ => Role::Other,
    }
}

impl Headers {
    /// Forgets every header (the buffers are kept).
    pub fn clear(&mut self) {
        self.raw.clear();
        self.spans.clear();
        self.known = [0; KNOWN];
    }

    /// Every header in the order the answer gave them: (name, value).
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        let at = |a: u32, b: u32| &self.raw[a as usize..b as usize];
        self.spans.iter().map(move |s| (at(s[0], s[1]), at(s[2], s[3])))
    }

    /// The value of the first header named `name` (any case).
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes())).map(|(_, v)| v)
    }

    /// The values of every header named `name` (any case), in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name.as_bytes())).map(|(_, v)| v)
    }

    /// The value of `name` as text, when it is (headers are ASCII).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| std::str::from_utf8(v).ok())
    }

    /// The value of the first of `which` headers (found as the head was
    /// read: no search).
    pub fn known(&self, which: Known) -> Option<&[u8]> {
        let s = self.spans.get(usize::from(self.known[which as usize]).checked_sub(1)?)?;
        Some(&self.raw[s[2] as usize..s[3] as usize])
    }

    /// Keeps `head` (the whole head's bytes) and the headers `parsed` from
    /// it.
    fn keep(&mut self, head: &[u8], parsed: &[httparse::Header], known: [u8; KNOWN]) {
        self.clear();
        self.known = known;
        self.raw.extend_from_slice(head);
        let base = head.as_ptr() as usize;
        // Offsets within the head (at most MAX_HEAD bytes: they fit u32).
        let span = |s: &[u8]| {
            let start = (s.as_ptr() as usize).wrapping_sub(base) as u32;
            [start, start + s.len() as u32]
        };
        for h in parsed {
            let ([a, b], [c, d]) = (span(h.name.as_bytes()), span(h.value));
            self.spans.push([a, b, c, d]);
        }
    }
}

/// How an answer's body is framed (RFC 9112 section 6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// None (a HEAD request's answer, a 1xx, 204 or 304).
    NoBody,
    /// `Content-Length` bytes.
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// Up to the close of the connection.
    Close,
}

/// A final answer's head, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    pub framing: Framing,
    /// The connection cannot serve another request after this answer
    /// (`Connection: close`, HTTP/1.0 without keep-alive, a body ended by
    /// the close, 101).
    pub close: bool,
}

/// What `read_head` found at the start of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The head is not whole yet: wait for more.
    Partial,
    /// An interim answer (1xx but 101) of this many bytes, to pass over.
    Interim(usize),
    /// The final answer's head, of this many bytes (its headers kept).
    Final(Head, usize),
}

/// Whether a header's comma-separated value holds `token` (any case).
pub(crate) fn has_token(value: &[u8], token: &str) -> bool {
    value.split(|&b| b == b',').any(|t| t.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
}

/// Reads an answer's head from the start of `input`; a final one's headers
/// go into `into` (left alone otherwise). `head_request`: the request was a
/// HEAD (its answer has no body whatever it says).
pub fn read_head(input: &[u8], head_request: bool, into: &mut Headers) -> Result<Read, Bad> {
    // Left uninitialized: httparse writes the headers it finds (4 KB not
    // cleared on every answer).
    let mut array = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
    let mut answer = httparse::Response::new(&mut []);
    let used = match httparse::ParserConfig::default().parse_response_with_uninit_headers(&mut answer, input, &mut array) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Ok(Read::Partial),
        Err(httparse::Error::TooManyHeaders) => return Err(Bad("more than 128 headers")),
        Err(httparse::Error::Version) => return Err(Bad("it does not begin with HTTP/1.0 or HTTP/1.1")),
        Err(httparse::Error::Status) => return Err(Bad("its status code is not three digits")),
        Err(_) => return Err(Bad("its head is malformed")),
    };
    let status = answer.code.unwrap_or(0);
    if !(100..=999).contains(&status) {
        return Err(Bad("its status code is out of range"));
    }
    if (100..200).contains(&status) && status != 101 {
        return Ok(Read::Interim(used));
    }
    let http10 = answer.version == Some(0);
    let (mut length, mut chunked, mut coded, mut close, mut keep_alive) = (None, false, false, false, false);
    // The first of each known header (1 + its index; MAX_HEADERS fits u8).
    let mut known = [0u8; KNOWN];
    for (i, h) in answer.headers.iter().enumerate() {
        match role(h.name.as_bytes()) {
            Role::Other => {}
            Role::Known(k) => {
                if known[k as usize] == 0 {
                    known[k as usize] = i as u8 + 1;
                }
            }
            Role::Length => {
                // A list of equal values is one length (RFC 9110 section 8.6).
                for v in h.value.split(|&b| b == b',') {
                    let v = v.trim_ascii();
                    let n = (!v.is_empty() && v.iter().all(u8::is_ascii_digit))
                        .then(|| std::str::from_utf8(v).ok()?.parse::<u64>().ok())
                        .flatten()
                        .ok_or(Bad("its Content-Length is not a number"))?;
                    if length.is_some_and(|l| l != n) {
                        return Err(Bad("it gives two different Content-Lengths"));
                    }
                    length = Some(n);
                }
            }
            Role::Coding => {
                // The last coding is the one that frames the body.
                coded = true;
                chunked = h.value.rsplit(|&b| b == b',').next().is_some_and(|t| t.trim_ascii().eq_ignore_ascii_case(b"chunked"));
            }
            Role::Connection => {
                close |= has_token(h.value, "close");
                keep_alive |= has_token(h.value, "keep-alive");
            }
        }
    }
    let no_body = head_request || matches!(status, 204 | 304 | 101);
    // A transfer coding outranks a length (RFC 9112 section 6.3); HTTP/1.0
    // knows none.
    let framing = match (no_body, coded && !http10, length) {
        (true, _, _) => Framing::NoBody,
        (false, true, _) if chunked => Framing::Chunked,
        (false, true, _) => Framing::Close,
        (false, false, Some(n)) => Framing::Length(n),
        (false, false, None) => Framing::Close,
    };
    let close = close || (http10 && !keep_alive) || framing == Framing::Close || status == 101;
    into.keep(&input[..used], answer.headers, known);
    Ok(Read::Final(Head { status, framing, close }, used))
}

/// Where a chunked body's decoding stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// Before a chunk's size line.
    Size,
    /// Inside a chunk: this many bytes of it left.
    Data(u64),
    /// After a chunk's data: its CRLF.
    DataEnd,
    /// After the last chunk (size 0): trailer lines up to an empty one.
    Trailer,
    Done,
}

/// A body's decoder: what is left of it, as its framing says.
#[derive(Debug, Clone, Copy)]
pub struct Decoder {
    framing: Framing,
    /// `Framing::Length`: the bytes still to come.
    left: u64,
    chunk: Chunk,
}

impl Decoder {
    pub fn new(framing: Framing) -> Decoder {
        let left = if let Framing::Length(n) = framing { n } else { 0 };
        Decoder { framing, left, chunk: Chunk::Size }
    }

    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// The body is whole (never so for one ended by the close: its end is
    /// the connection's).
    pub fn is_done(&self) -> bool {
        match self.framing {
            Framing::NoBody => true,
            Framing::Length(_) => self.left == 0,
            Framing::Chunked => self.chunk == Chunk::Done,
            Framing::Close => false,
        }
    }

    /// A chunked body whose last chunk has come (only its trailer or final
    /// CRLF may be missing): whole, though its connection cannot be kept.
    pub fn after_last_chunk(&self) -> bool {
        self.framing == Framing::Chunked && self.chunk == Chunk::Trailer
    }

    /// Decodes what `input` holds into `out`: (bytes of `input` used,
    /// bytes written to `out`). Stops when the body is whole, `out` is
    /// full, or more input is needed; bytes past the body's end are left.
    pub fn decode(&mut self, input: &[u8], out: &mut [u8]) -> Result<(usize, usize), Bad> {
        match self.framing {
            Framing::NoBody => Ok((0, 0)),
            Framing::Length(_) => {
                let n = (self.left.min(input.len() as u64) as usize).min(out.len());
                out[..n].copy_from_slice(&input[..n]);
                self.left -= n as u64;
                Ok((n, n))
            }
            Framing::Close => {
                let n = input.len().min(out.len());
                out[..n].copy_from_slice(&input[..n]);
                Ok((n, n))
            }
            Framing::Chunked => self.dechunk(input, out),
        }
    }

    fn dechunk(&mut self, input: &[u8], out: &mut [u8]) -> Result<(usize, usize), Bad> {
        let (mut used, mut written) = (0, 0);
        loop {
            let rest = &input[used..];
            match self.chunk {
                Chunk::Size => match httparse::parse_chunk_size(rest) {
                    Ok(httparse::Status::Complete((n, size))) => {
                        used += n;
                        self.chunk = if size == 0 { Chunk::Trailer } else { Chunk::Data(size) };
                    }
                    Ok(httparse::Status::Partial) if rest.len() >= MAX_LINE => return Err(Bad("a chunk's size line is too long")),
                    Ok(httparse::Status::Partial) => break,
                    Err(_) => return Err(Bad("a chunk's size is not a hexadecimal number")),
                },
                Chunk::Data(left) => {
                    let n = (left.min(rest.len() as u64) as usize).min(out.len() - written);
                    if n == 0 {
                        break;
                    }
                    out[written..written + n].copy_from_slice(&rest[..n]);
                    (used, written) = (used + n, written + n);
                    self.chunk = if left == n as u64 { Chunk::DataEnd } else { Chunk::Data(left - n as u64) };
                }
                Chunk::DataEnd => match rest {
                    [b'\r', b'\n', ..] => {
                        used += 2;
                        self.chunk = Chunk::Size;
                    }
                    [] | [b'\r'] => break,
                    _ => return Err(Bad("a chunk is longer than its size says")),
                },
                Chunk::Trailer => match rest.windows(2).position(|w| w == b"\r\n") {
                    // The empty line ends the body; trailer fields are passed over.
                    Some(0) => {
                        used += 2;
                        self.chunk = Chunk::Done;
                    }
                    Some(i) => used += i + 2,
                    None if rest.len() >= MAX_LINE => return Err(Bad("a trailer line is too long")),
                    None => break,
                },
                Chunk::Done => break,
            }
        }
        Ok((used, written))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str, head_request: bool) -> (Result<Read, Bad>, Headers) {
        let mut h = Headers::default();
        (read_head(text.as_bytes(), head_request, &mut h), h)
    }

    fn framing(text: &str) -> Framing {
        match head(text, false).0 {
            Ok(Read::Final(h, _)) => h.framing,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_request_is_written_as_http_1_1_puts_it() {
        let lines: [(&[u8], &[u8]); 3] = [(b"Host", b"api.openai.com"), (b"Accept", b"application/json"), (b"Content-Length", b"2")];
        let r = Request { method: "POST", target: "/v1/organization/projects?limit=2", lines: &lines };
        let text: Vec<u8> = r.pieces().flatten().copied().collect();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "POST /v1/organization/projects?limit=2 HTTP/1.1\r\nHost: api.openai.com\r\nAccept: application/json\r\nContent-Length: 2\r\n\r\n"
        );
        assert_eq!(decimal(0, &mut [0; 20]), b"0");
        assert_eq!(decimal(u64::MAX, &mut [0; 20]), u64::MAX.to_string().as_bytes());
    }

    #[test]
    fn a_request_that_cannot_be_written_is_refused_with_its_reason() {
        assert_eq!(check_request("POST", true, &[(b"x-a", b"b\tc")]), Ok(()));
        let why = check_request("GET", false, &[(b"OpenAI-Organization", b"org\r\nX-Evil: 1")]).unwrap_err();
        assert_eq!(why, "the value of the header `OpenAI-Organization` holds a line break or another control character");
        assert!(!why.contains("Evil"), "the value is not shown");
        assert_eq!(check_request("GET", false, &[(b"a b", b"")]).unwrap_err(), "`a b` is not a valid header name");
        assert!(check_request("BREW", false, &[]).unwrap_err().starts_with("`BREW` is not an HTTP method"));
        assert!(check_request("GET /x HTTP/1.1\r\n", false, &[]).is_err());
        assert_eq!(check_request("HEAD", true, &[]).unwrap_err(), "a HEAD request cannot have a body");
    }

    #[test]
    fn a_head_keeps_its_headers_in_order_and_says_its_framing() {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nx-request-id: req_1\r\nContent-Length: 12\r\n\r\n{\"id\":\"p\"}..";
        let (read, h) = head(text, false);
        let used = text.len() - 12;
        assert_eq!(read, Ok(Read::Final(Head { status: 200, framing: Framing::Length(12), close: false }, used)));
        assert_eq!(h.text("CONTENT-type"), Some("application/json"));
        assert_eq!(h.all("set-cookie").collect::<Vec<_>>(), [&b"a=1"[..], b"b=2"]);
        assert_eq!(h.get("x-request-id"), Some(&b"req_1"[..]));
        assert_eq!(h.get("x-missing"), None);
        assert_eq!(h.known(Known::ContentType), Some(&b"application/json"[..]));
        assert_eq!(h.known(Known::RequestId), Some(&b"req_1"[..]));
        assert_eq!(h.known(Known::RetryAfter), None);
        assert_eq!(h.iter().count(), 5);
    }

    #[test]
    fn the_known_headers_are_the_first_of_each_name_in_any_case() {
        let text = "HTTP/1.1 429 Too Many\r\nX-Request-ID: req_a\r\nretry-after: 5\r\nx-request-id: req_b\r\nRETRY-AFTER-MS: 250\r\n\
                    x-should-retry: false\r\nContent-Type: text/plain\r\ncontent-type: application/json\r\nx-request-idx: no\r\n\
                    Content-Length: 0\r\n\r\n";
        let (read, h) = head(text, false);
        assert!(matches!(read, Ok(Read::Final(Head { status: 429, framing: Framing::Length(0), .. }, _))));
        let known = |k| h.known(k).map(|v| String::from_utf8(v.to_vec()).unwrap());
        assert_eq!(known(Known::RequestId).as_deref(), Some("req_a"));
        assert_eq!(known(Known::RetryAfter).as_deref(), Some("5"));
        assert_eq!(known(Known::RetryAfterMs).as_deref(), Some("250"));
        assert_eq!(known(Known::ShouldRetry).as_deref(), Some("false"));
        assert_eq!(known(Known::ContentType).as_deref(), Some("text/plain"));
        // The next head's are its own.
        let (_, h) = head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false);
        assert_eq!(h.known(Known::RequestId), None);
    }

    #[test]
    fn a_head_not_whole_waits_and_keeps_nothing() {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
        for cut in 0..text.len() {
            let (read, h) = head(&text[..cut], false);
            assert_eq!(read, Ok(Read::Partial), "cut at {cut}");
            assert_eq!(h.iter().count(), 0);
        }
    }

    #[test]
    fn framing_follows_rfc_9112() {
        assert_eq!(framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"), Framing::Chunked);
        assert_eq!(framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"), Framing::Chunked);
        assert_eq!(framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"), Framing::Close);
        assert_eq!(framing("HTTP/1.1 200 OK\r\n\r\n"), Framing::Close);
        assert_eq!(framing("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\n"), Framing::Length(3));
        assert_eq!(framing("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"), Framing::NoBody);
        assert_eq!(framing("HTTP/1.1 304 Not Modified\r\n\r\n"), Framing::NoBody);
        assert_eq!(framing("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"), Framing::Length(4));
        match head("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", true).0 {
            Ok(Read::Final(h, _)) => assert_eq!(h.framing, Framing::NoBody, "the answer to a HEAD"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_connection_closes_as_the_answer_says() {
        let close = |text: &str| match head(text, false).0 {
            Ok(Read::Final(h, _)) => h.close,
            other => panic!("{text:?}: {other:?}"),
        };
        assert!(!close("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assert!(close("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n"));
        assert!(close("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assert!(!close("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"));
        assert!(close("HTTP/1.1 200 OK\r\n\r\n"), "a body ended by the close");
    }

    #[test]
    fn interim_answers_are_passed_over() {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        let (read, h) = head(text, false);
        assert_eq!(read, Ok(Read::Interim(25)));
        assert_eq!(h.iter().count(), 0);
        assert!(matches!(head(&text[25..], false).0, Ok(Read::Final(Head { status: 200, .. }, _))));
        assert_eq!(head("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n", false).0, Ok(Read::Interim(40)));
    }

    #[test]
    fn a_bad_head_is_refused_with_its_reason() {
        let bad = |text: &str| head(text, false).0.unwrap_err().0;
        assert_eq!(bad("SSH-2.0-OpenSSH_9.2\r\n\r\n"), "it does not begin with HTTP/1.0 or HTTP/1.1");
        assert_eq!(bad("HTTP/1.1 2x0 OK\r\n\r\n"), "its status code is not three digits");
        assert_eq!(bad("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), "its Content-Length is not a number");
        assert_eq!(bad("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n"), "its Content-Length is not a number");
        assert_eq!(bad("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), "it gives two different Content-Lengths");
        let many: String = (0..129).map(|i| format!("x-{i}: v\r\n")).collect();
        assert_eq!(bad(&format!("HTTP/1.1 200 OK\r\n{many}\r\n")), "more than 128 headers");
    }

    /// Decodes `wire` fed in pieces of `step` bytes into an output of
    /// `room` bytes at a time: the body, and whether it ended.
    fn decode_in_pieces(framing: Framing, wire: &[u8], step: usize, room: usize) -> Result<(Vec<u8>, usize, bool), Bad> {
        let mut d = Decoder::new(framing);
        let (mut body, mut at, mut fed) = (Vec::new(), 0, 0);
        let mut out = vec![0; room];
        while !d.is_done() {
            fed = (fed + step).min(wire.len());
            let (used, n) = d.decode(&wire[at..fed], &mut out)?;
            body.extend_from_slice(&out[..n]);
            at += used;
            if used == 0 && n == 0 && fed == wire.len() {
                break;
            }
        }
        Ok((body, at, d.is_done()))
    }

    #[test]
    fn a_chunked_body_reads_the_same_whatever_the_pieces() {
        let wire = b"5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nx-trailer: t\r\n\r\nHTTP/1.1";
        for step in 1..=wire.len() {
            for room in [1, 3, 64] {
                let (body, used, done) = decode_in_pieces(Framing::Chunked, wire, step, room).unwrap();
                assert_eq!((body.as_slice(), used, done), (&b"hello world!"[..], wire.len() - 8, true), "step {step}, room {room}");
            }
        }
    }

    #[test]
    fn a_length_leaves_what_follows_the_body() {
        let (body, used, done) = decode_in_pieces(Framing::Length(5), b"helloHTTP", 2, 4).unwrap();
        assert_eq!((body.as_slice(), used, done), (&b"hello"[..], 5, true));
    }

    #[test]
    fn a_cut_or_bad_chunked_body_is_told_apart() {
        let (_, _, done) = decode_in_pieces(Framing::Chunked, b"2\r\nhi\r\n", 3, 8).unwrap();
        assert!(!done);
        let mut d = Decoder::new(Framing::Chunked);
        d.decode(b"2\r\nhi\r\n0\r\n", &mut [0; 8]).unwrap();
        assert!(d.after_last_chunk() && !d.is_done());
        let bad = |wire: &[u8]| decode_in_pieces(Framing::Chunked, wire, 1, 8).unwrap_err().0;
        assert_eq!(bad(b"zz\r\n"), "a chunk's size is not a hexadecimal number");
        assert_eq!(bad(b"2\r\nhi!\r\n"), "a chunk is longer than its size says");
        assert_eq!(bad(b"ffffffffffffffffff\r\n"), "a chunk's size is not a hexadecimal number");
        let long: Vec<u8> = b"1;".iter().copied().chain([b'x'; MAX_LINE]).collect();
        assert_eq!(bad(&long), "a chunk's size line is too long");
    }
}
