//! A `multipart/form-data` request body (RFC 7578), as OpenAI's SDKs send
//! one: a part per field, a file's part with its filename and content
//! type, arrays as repeated `name[]` parts. A file's bytes are sent from
//! where the program keeps them: the body is a list of pieces, never one
//! buffer (`Payload`). Names and filenames are escaped as the HTML
//! standard escapes them (`"`, CR and LF as `%22`, `%0D`, `%0A`; other
//! bytes, UTF-8 included, as they are), which ureq's own form writer does
//! not do: a filename could otherwise end its header line.

use crate::boundary::alloc;
use crate::boundary::ptr::{arg, arg_slice, arg_str};
use crate::support::binary::binary_t;
use crate::support::cjson::print::number_text;
use crate::support::cjson::{
    cJSON, cJSON_Delete, cJSON_IsArray, cJSON_IsBool, cJSON_IsNull, cJSON_IsNumber, cJSON_IsObject, cJSON_IsString, cJSON_IsTrue,
};
use crate::support::list::list_t;
use crate::wire::model::{to_json_def, CModel};
use std::hash::{BuildHasher, Hasher};
use std::os::raw::{c_char, c_uint};
use std::ptr;

enum Chunk<'a> {
    Owned(Vec<u8>),
    Borrowed(&'a [u8]),
}

/// A form being built; `pieces` gives its body, `content_type` its header.
pub struct Form<'a> {
    boundary: String,
    chunks: Vec<Chunk<'a>>,
    content_type: String,
}

/// `text` with `"`, CR and LF escaped for a quoted header parameter.
fn escaped(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        match b {
            b'"' => out.extend_from_slice(b"%22"),
            b'\r' => out.extend_from_slice(b"%0D"),
            b'\n' => out.extend_from_slice(b"%0A"),
            _ => out.push(b),
        }
    }
    out
}

/// A boundary no body is likely to hold: 128 bits from the process's
/// random hasher keys, the time and a counter.
fn boundary() -> String {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let half = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u64(n);
        h.write_u128(nanos);
        h.finish()
    };
    format!("openai-api-{:016x}{:016x}", half(1), half(2))
}

impl<'a> Form<'a> {
    pub fn new() -> Form<'a> {
        let boundary = boundary();
        let content_type = format!("multipart/form-data; boundary={boundary}");
        Form { boundary, chunks: Vec::new(), content_type }
    }

    /// The part's head: its boundary line and `Content-Disposition`.
    fn head(&mut self, name: &str, file: Option<(&[u8], &str)>) {
        let mut h = format!("--{}\r\nContent-Disposition: form-data; name=\"", self.boundary).into_bytes();
        h.extend(escaped(name.as_bytes()));
        h.push(b'"');
        if let Some((filename, content_type)) = file {
            h.extend_from_slice(b"; filename=\"");
            h.extend(escaped(filename));
            h.extend_from_slice(b"\"\r\nContent-Type: ");
            h.extend_from_slice(content_type.as_bytes());
        }
        h.extend_from_slice(b"\r\n\r\n");
        self.chunks.push(Chunk::Owned(h));
    }

    /// A text field.
    pub fn text(&mut self, name: &str, value: &[u8]) {
        self.head(name, None);
        let mut v = value.to_vec();
        v.extend_from_slice(b"\r\n");
        self.chunks.push(Chunk::Owned(v));
    }

    /// A file field: its bytes, sent from where they are. Err when the
    /// content type cannot be a header value.
    pub fn file(&mut self, name: &str, filename: &[u8], content_type: &str, data: &'a [u8]) -> Result<(), String> {
        if content_type.is_empty() || !content_type.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
            return Err(format!("the content type of {name} ({content_type:?}) is not a valid header value"));
        }
        self.head(name, Some((filename, content_type)));
        self.chunks.push(Chunk::Borrowed(data));
        self.chunks.push(Chunk::Owned(b"\r\n".to_vec()));
        Ok(())
    }

    /// Ends the form: its closing boundary.
    pub fn finish(&mut self) {
        self.chunks.push(Chunk::Owned(format!("--{}--\r\n", self.boundary).into_bytes()));
    }

    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The body, piece by piece.
    pub fn pieces(&self) -> Vec<&[u8]> {
        self.chunks
            .iter()
            .map(|c| match c {
                Chunk::Owned(v) => &v[..],
                Chunk::Borrowed(b) => b,
            })
            .collect()
    }
}

impl Default for Form<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// What a file's bytes look like: a filename and content type for a file
/// sent without them (the generated client's `binary_t` has neither), from
/// the bytes' first few; None when they say nothing known.
pub fn sniff(data: &[u8]) -> Option<(&'static str, &'static str)> {
    let starts = |m: &[u8]| data.starts_with(m);
    Some(match data {
        _ if starts(b"\x89PNG\r\n\x1a\n") => ("image.png", "image/png"),
        _ if starts(b"\xff\xd8\xff") => ("image.jpg", "image/jpeg"),
        _ if starts(b"GIF87a") || starts(b"GIF89a") => ("image.gif", "image/gif"),
        _ if starts(b"RIFF") && data.get(8..12) == Some(b"WEBP") => ("image.webp", "image/webp"),
        _ if starts(b"RIFF") && data.get(8..12) == Some(b"WAVE") => ("audio.wav", "audio/wav"),
        _ if starts(b"%PDF-") => ("document.pdf", "application/pdf"),
        _ if starts(b"ID3") || starts(b"\xff\xfb") || starts(b"\xff\xf3") || starts(b"\xff\xf2") => ("audio.mp3", "audio/mpeg"),
        _ if starts(b"OggS") => ("audio.ogg", "audio/ogg"),
        _ if starts(b"fLaC") => ("audio.flac", "audio/flac"),
        _ if starts(b"\x1a\x45\xdf\xa3") => ("audio.webm", "audio/webm"),
        _ if data.get(4..8) == Some(b"ftyp") => ("audio.m4a", "audio/mp4"),
        _ => return None,
    })
}

// What a generated multipart call puts in its form, field by field.

/// A file field: `file`'s bytes (NULL: not sent, or refused when
/// `required`), named `filename` and typed `content_type` when the program
/// gives them (NULL: what the bytes look like, else `default`).
///
/// # Safety
/// `file` is NULL or a `binary_t` whose `data` holds `len` bytes, kept by
/// the program for the call; `filename` and `content_type` are NULL or
/// NUL-terminated.
pub(crate) unsafe fn form_file<'f>(
    form: &mut Form<'f>,
    name: &str,
    file: *const binary_t,
    filename: *const c_char,
    content_type: *const c_char,
    default: (&str, &str),
    required: bool,
) -> Result<(), String> {
    // SAFETY: per the contract: the struct, its bytes and the two strings
    // are only read, while the call runs.
    unsafe {
        let Some(b) = arg(file) else {
            return if required { Err(format!("{name} is NULL: the file to send is required")) } else { Ok(()) };
        };
        let data: &'f [u8] = if b.len == 0 {
            &[]
        } else {
            match arg_slice(b.data as *const u8, b.len as usize) {
                Some(d) => d,
                None => return Err(format!("{name}->data is NULL but its len is {}", b.len)),
            }
        };
        let (guess_name, guess_type) = sniff(data).unwrap_or(default);
        let filename = arg_str(filename).unwrap_or(guess_name.as_bytes());
        let content_type = match arg_str(content_type) {
            Some(t) => std::str::from_utf8(t).map_err(|_| format!("the content type of {name} is not text"))?,
            None => guess_type,
        };
        form.file(name, filename, content_type, data)
    }
}

/// A text field, when there is a value.
pub(crate) fn form_value(form: &mut Form, name: &str, value: Option<Vec<u8>>) {
    if let Some(v) = value {
        form.text(name, &v);
    }
}

/// An array field: each string of `list` as its own `name` part (`name`
/// ends with `[]`, as OpenAI's SDKs send arrays).
///
/// # Safety
/// `list` is NULL or a valid list of NULL or NUL-terminated strings.
pub(crate) unsafe fn form_list(form: &mut Form, name: &str, list: *const list_t) {
    // SAFETY: per the contract; each string is only read.
    unsafe {
        let Some(l) = arg(list) else { return };
        let mut e = l.firstEntry;
        while let Some(entry) = arg(e) {
            if let Some(v) = arg_str(entry.data as *const c_char) {
                form.text(name, v);
            }
            e = entry.nextListEntry;
        }
    }
}

/// Any JSON value as form fields: a string, number or boolean as its text,
/// an array as repeated `name[]`, an object's members as `name[member]`
/// (as OpenAI's SDKs send `expires_after[anchor]`); null is not sent.
///
/// # Safety
/// `json` is NULL or a valid cJSON tree, only read.
pub(crate) unsafe fn form_json(form: &mut Form, name: &str, json: *const cJSON) {
    // SAFETY: `json` is NULL or a live tree (the contract): its items,
    // strings and keys are only read, each once, while the form is built.
    unsafe {
        let Some(j) = arg(json) else { return };
        if cJSON_IsString(json) != 0 {
            form.text(name, arg_str(j.valuestring).unwrap_or(b""));
        } else if cJSON_IsNumber(json) != 0 {
            form.text(name, number_text(j.valuedouble).as_bytes());
        } else if cJSON_IsBool(json) != 0 {
            form.text(name, if cJSON_IsTrue(json) != 0 { b"true" } else { b"false" });
        } else if cJSON_IsArray(json) != 0 || cJSON_IsObject(json) != 0 {
            let array = cJSON_IsArray(json) != 0;
            let mut child = j.child;
            while let Some(c) = arg(child) {
                let inner = if array {
                    format!("{}[]", name.trim_end_matches("[]"))
                } else {
                    format!("{name}[{}]", String::from_utf8_lossy(arg_str(c.string).unwrap_or(b"")))
                };
                form_json(form, &inner, child);
                child = c.next;
            }
        }
    }
}

/// The value of a union's struct as a field's text: a string as itself,
/// anything else as its JSON; None for NULL or no value.
///
/// # Safety
/// `p` is NULL or a valid struct of the model `T`.
pub(crate) unsafe fn model_q<T: CModel>(p: *mut T) -> Option<Vec<u8>> {
    // SAFETY: per the contract; the tree made is freed here.
    unsafe {
        let j = to_json_def(&T::DEF, p as *mut u8);
        let v = arg(j)?;
        let text = if cJSON_IsString(j) != 0 {
            arg_str(v.valuestring).map(<[u8]>::to_vec)
        } else if cJSON_IsNull(j) != 0 {
            None
        } else {
            let t = crate::support::cjson::cJSON_PrintUnformatted(j);
            let out = arg_str(t).map(<[u8]>::to_vec);
            alloc::free(t);
            out
        };
        cJSON_Delete(j);
        text
    }
}

/// A `double` field of the generated client's calls: 0 is not sent.
pub(crate) fn double_q(v: f64) -> Option<Vec<u8>> {
    (v != 0.0).then(|| number_text(v).into_bytes())
}

/// A `const double *` field: NULL is not sent.
///
/// # Safety
/// `v` is NULL or readable.
pub(crate) unsafe fn double_pq(v: *const f64) -> Option<Vec<u8>> {
    // SAFETY: per the contract, only read.
    unsafe { arg(v) }.map(|d| number_text(*d).into_bytes())
}

/// An answer's bytes as the generated client's `char *`: every byte, then
/// a NUL (C-allocated; NULL when memory is exhausted).
pub(crate) fn take_text(bytes: &[u8]) -> *mut c_char {
    let p = alloc::bytes(bytes.len() + 1);
    if p.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: `p` holds `len + 1` bytes, just allocated.
    unsafe {
        ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    p as *mut c_char
}

/// An answer's bytes as a `binary_t` (its `data` and the struct
/// C-allocated; NULL when memory is exhausted or past 4 GiB, which its
/// `unsigned int len` cannot say).
pub(crate) fn take_bytes(bytes: &[u8]) -> *mut binary_t {
    let Ok(len) = c_uint::try_from(bytes.len()) else { return ptr::null_mut() };
    let data = alloc::bytes(bytes.len().max(1));
    if data.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: `data` holds at least `len` bytes, just allocated.
    unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len()) };
    let b = alloc::boxed(binary_t { data, len });
    if b.is_null() {
        // SAFETY: `data` is this function's own allocation, not stored.
        unsafe { alloc::free(data) };
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(f: &Form) -> Vec<u8> {
        f.pieces().concat()
    }

    #[test]
    fn a_form_is_written_as_rfc_7578_says_with_names_escaped() {
        let data = b"a\0b\r\nc";
        let mut f = Form::new();
        f.text("purpose", b"batch");
        f.file("file", "x\"y\r\nz\u{e9}.jsonl".as_bytes(), "application/jsonl", data).unwrap();
        f.finish();
        let b = f.boundary.clone();
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x%22y%0D%0Az\u{e9}.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\na\0b\r\nc\r\n--{b}--\r\n"
        );
        assert_eq!(body(&f), expected.as_bytes());
        assert_eq!(f.content_type(), format!("multipart/form-data; boundary={b}"));
        // The file's bytes are the program's own, not a copy.
        assert!(f.pieces().iter().any(|p| p.as_ptr() == data.as_ptr()));
        assert!(Form::new().file("file", b"f", "text/plain\r\nX-Injected: 1", data).is_err());
        assert_ne!(Form::new().boundary, Form::new().boundary);
    }

    #[test]
    fn files_without_a_name_are_named_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(("image.png", "image/png")));
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Some(("audio.wav", "audio/wav")));
        assert_eq!(sniff(b"{\"a\":1}\n"), None);
    }
}
