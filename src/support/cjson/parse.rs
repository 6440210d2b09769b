//! cJSON 1.7.7's parser, reproduced: it accepts and rejects the same texts
//! (leading zeros, `1.`, trailing text) and fails at the same byte offset.
//! Numbers are read with Rust's correctly rounded, locale-free float parser.

use super::{cJSON, cJSON_Array, cJSON_Delete, cJSON_False, cJSON_NULL, cJSON_Number, cJSON_Object, cJSON_String, cJSON_True, new_item};
use crate::boundary::alloc;
use std::os::raw::c_int;
use std::ptr;

/// cJSON's nesting limit for arrays and objects.
pub(crate) const NESTING_LIMIT: usize = 1000;

/// The input plus a terminating NUL, exactly as cJSON sees it: its buffer
/// length counts the NUL, so the NUL is a readable byte.
pub struct Buffer<'a> {
    content: &'a [u8],
    pub offset: usize,
    depth: usize,
}

impl<'a> Buffer<'a> {
    /// `content` must end with the NUL byte.
    pub fn new(content: &'a [u8]) -> Self {
        Buffer { content, offset: 0, depth: 0 }
    }
    pub fn len(&self) -> usize {
        self.content.len()
    }
    fn can_access(&self, i: usize) -> bool {
        self.offset + i < self.content.len()
    }
    fn at(&self, i: usize) -> u8 {
        self.content[self.offset + i]
    }
    fn peek_is(&self, c: u8) -> bool {
        self.can_access(0) && self.at(0) == c
    }
    fn starts_with(&self, s: &[u8]) -> bool {
        self.offset + s.len() <= self.content.len() && self.content[self.offset..].starts_with(s)
    }
    pub fn skip_whitespace(&mut self) {
        while self.can_access(0) && self.at(0) <= 32 {
            self.offset += 1;
        }
        if self.offset == self.content.len() {
            self.offset -= 1;
        }
    }
    pub fn skip_bom(&mut self) {
        if self.offset == 0 && self.can_access(4) && self.starts_with(b"\xEF\xBB\xBF") {
            self.offset += 3;
        }
    }
    /// The byte cJSON reports as the error position.
    pub fn error_position(&self) -> usize {
        if self.offset < self.content.len() {
            self.offset
        } else {
            self.content.len().saturating_sub(1)
        }
    }
}

/// Parses one value into `item`; on failure `b.offset` is where cJSON stops.
///
/// # Safety
/// `item` is a new, zeroed item; `b` holds NUL-terminated text.
pub unsafe fn parse_value(item: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_value's contract: `item` is ours to fill, and the buffer ends with a NUL.
    unsafe {
        let literal = |b: &mut Buffer, text: &[u8], ty: c_int, valueint: c_int| {
            if b.starts_with(text) {
                (*item).r#type = ty;
                (*item).valueint = valueint;
                b.offset += text.len();
                true
            } else {
                false
            }
        };
        if literal(b, b"null", cJSON_NULL, 0) || literal(b, b"false", cJSON_False, 0) || literal(b, b"true", cJSON_True, 1) {
            return true;
        }
        if !b.can_access(0) {
            return false;
        }
        match b.at(0) {
            b'"' => parse_string(item, b),
            b'-' | b'0'..=b'9' => parse_number(item, b),
            b'[' => parse_array(item, b),
            b'{' => parse_object(item, b),
            _ => false,
        }
    }
}

/// The length of the longest prefix of `s` that C's strtod would read as a
/// decimal number (sign, digits with at most one point, optional exponent).
fn strtod_prefix(s: &[u8]) -> usize {
    let mut i = 0;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < s.len() && s[i] == b'.' {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        digits += j - frac_start;
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return 0;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    i
}

/// Converts a number the way cJSON stores `valueint`: saturated to int.
pub fn saturate(d: f64) -> c_int {
    if d >= c_int::MAX as f64 {
        c_int::MAX
    } else if d <= c_int::MIN as f64 {
        c_int::MIN
    } else {
        d as c_int
    }
}

/// Reads a number literal written in decimal (`strtod_prefix` has checked it).
pub fn decimal_to_f64(text: &[u8]) -> f64 {
    // Number characters are ASCII: checking that is a fraction of what a
    // full UTF-8 check costs (a tenth of an embeddings answer's parse).
    let s = if text.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(text) }
    } else {
        "0"
    };
    // Rust's parser takes "1.", ".5" and "01" as C does; a leading '+'
    // or a bare point before an exponent ("1.e5") are spelled out for it.
    s.parse::<f64>().or_else(|_| s.replace(".e", ".0e").replace(".E", ".0E").parse::<f64>()).unwrap_or(0.0)
}

/// # Safety
/// As for [`parse_value`].
unsafe fn parse_number(item: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_number's contract (parse_value's): `item` is ours to fill.
    unsafe {
        // cJSON copies at most 63 bytes of number characters before strtod.
        let mut n = 0;
        while n < 63 && b.can_access(n) && matches!(b.at(n), b'0'..=b'9' | b'+' | b'-' | b'e' | b'E' | b'.') {
            n += 1;
        }
        let text = &b.content[b.offset..b.offset + n];
        let used = strtod_prefix(text);
        if used == 0 {
            return false;
        }
        let number = decimal_to_f64(&text[..used]);
        (*item).valuedouble = number;
        (*item).valueint = saturate(number);
        (*item).r#type = cJSON_Number;
        b.offset += used;
        true
    }
}

fn hex4(s: &[u8]) -> u32 {
    // cJSON's parse_hex4 yields 0 for a non-hex digit rather than failing.
    let mut v = 0;
    for &c in &s[..4] {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return 0,
        };
        v = (v << 4) | d as u32;
    }
    v
}

/// Decodes `\uXXXX` (or a surrogate pair) at the start of `s`, which ends at
/// the closing quote. Returns the bytes consumed, 0 on failure.
fn utf16_escape(s: &[u8], out: &mut Vec<u8>) -> usize {
    if s.len() < 6 {
        return 0;
    }
    let first = hex4(&s[2..]);
    if (0xDC00..=0xDFFF).contains(&first) {
        return 0;
    }
    let (code, used) = if (0xD800..=0xDBFF).contains(&first) {
        let second = &s[6..];
        if second.len() < 6 || second[0] != b'\\' || second[1] != b'u' {
            return 0;
        }
        let low = hex4(&second[2..]);
        if !(0xDC00..=0xDFFF).contains(&low) {
            return 0;
        }
        (0x10000 + (((first & 0x3FF) << 10) | (low & 0x3FF)), 12)
    } else {
        (first, 6)
    };
    match char::from_u32(code) {
        Some(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        None => return 0,
    }
    used
}

/// Parses a string literal; on success returns the malloc'd C string.
pub unsafe fn parse_string_raw(b: &mut Buffer) -> Option<*mut libc::c_char> {
    let start = b.offset;
    let mut p = start + 1; // cJSON reports failures from here on
    let fail = |b: &mut Buffer, p: usize| {
        b.offset = p;
        None
    };
    if b.content[start] != b'"' {
        return fail(b, p);
    }
    // Find the closing quote, skipping escaped characters.
    let mut end = start + 1;
    while end < b.content.len() && b.content[end] != b'"' {
        if b.content[end] == b'\\' {
            if end + 1 >= b.content.len() {
                return fail(b, p);
            }
            end += 1;
        }
        end += 1;
    }
    if end >= b.content.len() || b.content[end] != b'"' {
        return fail(b, p);
    }
    let mut out = Vec::with_capacity(end - p);
    while p < end {
        let c = b.content[p];
        if c != b'\\' {
            out.push(c);
            p += 1;
            continue;
        }
        let escaped = match b.content[p + 1] {
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            c @ (b'"' | b'\\' | b'/') => c,
            b'u' => {
                let used = utf16_escape(&b.content[p..end], &mut out);
                if used == 0 {
                    return fail(b, p);
                }
                p += used;
                continue;
            }
            _ => return fail(b, p),
        };
        out.push(escaped);
        p += 2;
    }
    b.offset = end + 1;
    // A decoded \u0000 ends the C string there, as in cJSON.
    let s = alloc::c_string(&out);
    if s.is_null() {
        return None;
    }
    Some(s)
}

/// # Safety
/// As for [`parse_value`].
unsafe fn parse_string(item: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_string's contract (parse_value's): `item` is ours to fill.
    unsafe {
        match parse_string_raw(b) {
            Some(s) => {
                (*item).r#type = cJSON_String;
                (*item).valuestring = s;
                true
            }
            None => false,
        }
    }
}

/// The shared loop of arrays and objects: `open`, items separated by ',',
/// `close`. `element` parses one item into a fresh node.
///
/// # Safety
/// As for [`parse_value`].
unsafe fn parse_container(
    item: *mut cJSON,
    b: &mut Buffer,
    open: u8,
    close: u8,
    ty: c_int,
    element: unsafe fn(*mut cJSON, &mut Buffer) -> bool,
) -> bool {
    // SAFETY: parse_container's contract (parse_value's): `item` and the
    // children made here are ours; `element` is one of this module's parsers.
    unsafe {
        if b.depth >= NESTING_LIMIT {
            return false;
        }
        b.depth += 1;
        let mut head: *mut cJSON = ptr::null_mut();
        let mut tail: *mut cJSON = ptr::null_mut();
        let ok = 'parse: {
            if !b.peek_is(open) {
                break 'parse false;
            }
            b.offset += 1;
            b.skip_whitespace();
            if b.peek_is(close) {
                break 'parse true;
            }
            if !b.can_access(0) {
                b.offset -= 1;
                break 'parse false;
            }
            b.offset -= 1;
            loop {
                let node = new_item();
                if node.is_null() {
                    break 'parse false;
                }
                if head.is_null() {
                    head = node;
                } else {
                    (*tail).next = node;
                    (*node).prev = tail;
                }
                tail = node;
                b.offset += 1;
                b.skip_whitespace();
                if !element(node, b) {
                    break 'parse false;
                }
                b.skip_whitespace();
                if !b.peek_is(b',') {
                    break;
                }
            }
            b.peek_is(close)
        };
        if !ok {
            cJSON_Delete(head);
            return false;
        }
        b.depth -= 1;
        (*item).r#type = ty;
        (*item).child = head;
        b.offset += 1;
        true
    }
}

/// # Safety
/// As for [`parse_value`].
unsafe fn parse_array(item: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_array's contract (parse_value's): `item` and its new children are ours.
    unsafe { parse_container(item, b, b'[', b']', cJSON_Array, parse_value) }
}

/// # Safety
/// As for [`parse_value`].
unsafe fn parse_member(node: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_member's contract (parse_value's): `node` is ours to fill.
    unsafe {
        let Some(key) = parse_string_raw(b) else { return false };
        (*node).string = key;
        b.skip_whitespace();
        if !b.peek_is(b':') {
            return false;
        }
        b.offset += 1;
        b.skip_whitespace();
        parse_value(node, b)
    }
}

/// # Safety
/// As for [`parse_value`].
unsafe fn parse_object(item: *mut cJSON, b: &mut Buffer) -> bool {
    // SAFETY: parse_object's contract (parse_value's): `item` and its new members are ours.
    unsafe { parse_container(item, b, b'{', b'}', cJSON_Object, parse_member) }
}
