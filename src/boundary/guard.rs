//! The FFI boundary: a panic guard that turns a panic into the function's
//! failure value, and `check_null!`.

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
