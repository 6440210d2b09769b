//! cJSON 1.7.7's printer, reproduced byte for byte: tab indentation,
//! `"key":\t`, `[1, 2]`, numbers as C's `%1.15g` (or `%1.17g` when 15 digits
//! do not round-trip), `\u00XX` for control characters.

use super::{cJSON, cJSON_Array, cJSON_False, cJSON_NULL, cJSON_Number, cJSON_Object, cJSON_Raw, cJSON_String, cJSON_True};
use crate::boundary::ptr::{arg_str, try_ref};
use std::io::Write;
use std::os::raw::c_char;

/// C's `%.{precision}g` for a finite `d`, without locale.
pub fn format_g(d: f64, precision: usize) -> String {
    if d == 0.0 {
        return if d.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Scientific form with `precision` significant digits, correctly rounded.
    let sci = format!("{:.*e}", precision - 1, d);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= precision as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", strip(mantissa), sign, exp.abs())
    } else {
        let decimals = (precision as i32 - 1 - exp).max(0) as usize;
        strip(&format!("{:.*}", decimals, d))
    }
}

/// The text cJSON prints for a number.
pub fn number_text(d: f64) -> String {
    if !d.is_finite() {
        return "null".into();
    }
    let short = format_g(d, 15);
    if short.parse::<f64>() == Ok(d) {
        short
    } else {
        format_g(d, 17)
    }
}

fn string_text(out: &mut Vec<u8>, s: Option<&[u8]>) {
    out.push(b'"');
    for &c in s.unwrap_or(b"") {
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            8 => out.extend_from_slice(b"\\b"),
            12 => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=31 => {
                let _ = write!(out, "\\u{:04x}", c);
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// Prints `item` into `out`; false where cJSON fails (a Raw without text,
/// an invalid type).
///
/// # Safety
/// `item` points to a valid cJSON tree.
pub unsafe fn print_value(item: *const cJSON, format: bool, depth: usize, out: &mut Vec<u8>) -> bool {
    // SAFETY: print_value's contract: `item` points to a valid cJSON tree
    // (NULL prints nothing and fails).
    unsafe {
        let it = try_ref!(false; item);
        match it.r#type & 0xFF {
            cJSON_NULL => out.extend_from_slice(b"null"),
            cJSON_False => out.extend_from_slice(b"false"),
            cJSON_True => out.extend_from_slice(b"true"),
            cJSON_Number => out.extend_from_slice(number_text(it.valuedouble).as_bytes()),
            cJSON_Raw => match arg_str(it.valuestring) {
                Some(raw) => out.extend_from_slice(raw),
                None => return false,
            },
            cJSON_String => string_text(out, arg_str(it.valuestring)),
            cJSON_Array => {
                out.push(b'[');
                let mut child = it.child as *const cJSON;
                while !child.is_null() {
                    if !print_value(child, format, depth + 1, out) {
                        return false;
                    }
                    child = (*child).next;
                    if !child.is_null() {
                        out.push(b',');
                        if format {
                            out.push(b' ');
                        }
                    }
                }
                out.push(b']');
            }
            cJSON_Object => {
                out.push(b'{');
                if format {
                    out.push(b'\n');
                }
                let mut child = it.child as *const cJSON;
                while !child.is_null() {
                    if format {
                        out.extend(std::iter::repeat_n(b'\t', depth + 1));
                    }
                    string_text(out, arg_str((*child).string as *const c_char));
                    out.push(b':');
                    if format {
                        out.push(b'\t');
                    }
                    if !print_value(child, format, depth + 1, out) {
                        return false;
                    }
                    if !(*child).next.is_null() {
                        out.push(b',');
                    }
                    if format {
                        out.push(b'\n');
                    }
                    child = (*child).next;
                }
                if format {
                    out.extend(std::iter::repeat_n(b'\t', depth));
                }
                out.push(b'}');
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_format_matches_c() {
        for (d, want) in [
            (56.0, "56"),
            (1.5, "1.5"),
            (1e30, "1e+30"),
            (1e-7, "1e-07"),
            (0.0001, "0.0001"),
            (123456789012.0, "123456789012"),
            (1e15, "1e+15"),
            (999999999999999.0, "999999999999999"),
            (-2.25, "-2.25"),
            (0.1, "0.1"),
        ] {
            assert_eq!(number_text(d), want, "{d}");
        }
        assert_eq!(number_text(std::f64::consts::PI), "3.1415926535897931");
        assert_eq!(number_text(f64::NAN), "null");
    }

    #[test]
    fn g_format_agrees_with_libc_snprintf() {
        let mut state = 0x1234_5678_9abc_def0u64;
        for _ in 0..20000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let d = f64::from_bits(state);
            if !d.is_finite() {
                continue;
            }
            for prec in [15usize, 17] {
                let mut buf = [0u8; 64];
                let fmt = if prec == 15 { b"%1.15g\0" } else { b"%1.17g\0" };
                // SAFETY: a 64-byte buffer, its size, a format for one double.
                let n = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut c_char, 64, fmt.as_ptr() as *const c_char, d) };
                let c = std::str::from_utf8(&buf[..n as usize]).unwrap();
                assert_eq!(format_g(d, prec), c, "{d:e} at {prec}");
            }
        }
    }
}
