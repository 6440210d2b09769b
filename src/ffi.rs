//! The FFI boundary: a panic guard that turns a panic into the function's
//! failure value, and small helpers for C strings.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_long};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The value an exported function returns when its body panicked.
pub trait Failure {
    const FAILURE: Self;
}
impl<T> Failure for *mut T {
    const FAILURE: Self = std::ptr::null_mut();
}
impl<T> Failure for *const T {
    const FAILURE: Self = std::ptr::null();
}
impl Failure for () {
    const FAILURE: Self = ();
}
impl Failure for c_int {
    const FAILURE: Self = 0;
}
impl Failure for c_long {
    const FAILURE: Self = 0;
}
impl<T> Failure for Option<T> {
    const FAILURE: Self = None;
}
impl Failure for f64 {
    const FAILURE: Self = 0.0;
}

/// Runs `f`; a panic never crosses into C: it yields `R::FAILURE`.
#[inline]
pub fn guard<R: Failure>(f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(R::FAILURE)
}

/// Runs `f`; a panic never crosses into C: it yields `failure`.
#[inline]
pub fn guard_with<R>(failure: R, f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(failure)
}

/// Returns early with the failure value when a pointer argument is NULL.
macro_rules! check_null {
    ($($p:expr),+) => {
        $( if $p.is_null() { return $crate::ffi::Failure::FAILURE; } )+
    };
}
pub(crate) use check_null;

/// The bytes of a NUL-terminated C string, or None for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub unsafe fn c_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p).to_bytes())
    }
}
