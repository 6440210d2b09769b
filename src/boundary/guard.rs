//! The FFI boundary: a panic guard that turns a panic into the function's
//! failure value, and small helpers for C strings.

use std::ffi::CStr;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f`; a panic never crosses into C: it yields `failure`, the value
/// each exported function names as its own failure (NULL, 0, -1, nothing).
#[inline]
pub fn guard<R>(failure: R, f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(failure)
}

/// Returns `$failure` early (nothing, for `void`) when a pointer argument
/// is NULL.
macro_rules! check_null {
    (void; $($p:expr),+) => {
        $( if $p.is_null() { return; } )+
    };
    ($failure:expr; $($p:expr),+) => {
        $( if $p.is_null() { return $failure; } )+
    };
}
pub(crate) use check_null;

/// The bytes of a NUL-terminated C string, or None for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub unsafe fn c_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        if p.is_null() {
            None
        } else {
            Some(CStr::from_ptr(p).to_bytes())
        }
    }
}
