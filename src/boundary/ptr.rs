//! C pointers into Rust references, in one place. A C caller hands the
//! library pointers; the library reads and writes through references made
//! here, each for no longer than the call (or the callback) that received
//! the pointer, and each function states what the pointer must be for the
//! reference to be sound. NULL is `None`, never a reference. Modelled on
//! rustls-ffi's `try_ref_from_ptr!` / `try_mut_from_ptr!`.
//!
//! The C caller's side of the contract is the header's (`openai_api.h`,
//! "Conventions"): a pointer argument is NULL or points to a live object of
//! its type, made by the library or laid out as the header declares, and no
//! other thread uses that object during the call.
//!
//! Two kinds of code stay on raw pointers a program passed, each under a
//! SAFETY comment that names its own contract: relinking a linked structure
//! (cJSON's add, detach, replace and delete), where references to the nodes
//! could alias when a program passes a node as its own parent, which raw
//! pointers survive as a wrong answer and references would make undefined;
//! and the model engine, which reaches a struct's members by the byte
//! offsets of its table (`wire::model::Base::at`). Pointers that never came
//! from a program need no layer: the nodes the cJSON parser allocates and
//! fills (`support::cjson::parse`), the client's state behind the record's
//! lock (`client::slot`), and the system's own structs (`getaddrinfo`'s
//! answers, a `sockaddr`'s storage).

use std::ffi::CStr;
use std::os::raw::c_char;

/// `p` as a shared reference, or None for NULL.
///
/// # Safety
/// `p` is NULL or points to a live, aligned `T` that nothing writes to
/// while the reference lives (`'a`).
#[inline]
pub(crate) unsafe fn arg<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: the caller promises a live, aligned, unaliased-for-writes `T`
    // or NULL; `as_ref` maps NULL to None.
    unsafe { p.as_ref() }
}

/// `p` as an exclusive reference, or None for NULL.
///
/// # Safety
/// `p` is NULL or points to a live, aligned `T` that nothing else reads or
/// writes while the reference lives (`'a`).
#[inline]
pub(crate) unsafe fn arg_mut<'a, T>(p: *mut T) -> Option<&'a mut T> {
    // SAFETY: the caller promises a live, aligned `T` no one else touches
    // for `'a`, or NULL; `as_mut` maps NULL to None.
    unsafe { p.as_mut() }
}

/// The bytes of a NUL-terminated C string (without the NUL), or None for
/// NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that stays unchanged
/// while the slice lives (`'a`).
#[inline]
pub(crate) unsafe fn arg_str<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: the caller promises NULL or a NUL-terminated string alive for
    // `'a`; `CStr::from_ptr` reads up to its NUL.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// `len` items from `p` as a slice; None for NULL. A length of zero is an
/// empty slice whatever `p` is.
///
/// # Safety
/// `p` is NULL or points to `len` live, initialised, aligned `T`s that
/// nothing writes to while the slice lives (`'a`).
#[inline]
pub(crate) unsafe fn arg_slice<'a, T>(p: *const T, len: usize) -> Option<&'a [T]> {
    if p.is_null() {
        return None;
    }
    if len == 0 {
        return Some(&[]);
    }
    // SAFETY: the caller promises `len` initialised `T`s at `p`, unwritten for `'a`.
    Some(unsafe { std::slice::from_raw_parts(p, len) })
}

/// The reference `ptr::arg` makes of `$p`, or `return $failure` (nothing,
/// for `void`) when `$p` is NULL. Used inside an `unsafe` block whose SAFETY
/// comment says why `$p` meets `arg`'s contract.
macro_rules! try_ref {
    (void; $p:expr) => {
        match $crate::boundary::ptr::arg($p) {
            Some(r) => r,
            None => return,
        }
    };
    ($failure:expr; $p:expr) => {
        match $crate::boundary::ptr::arg($p) {
            Some(r) => r,
            None => return $failure,
        }
    };
}
pub(crate) use try_ref;

/// As `try_ref!`, with `ptr::arg_mut`.
macro_rules! try_mut {
    (void; $p:expr) => {
        match $crate::boundary::ptr::arg_mut($p) {
            Some(r) => r,
            None => return,
        }
    };
    ($failure:expr; $p:expr) => {
        match $crate::boundary::ptr::arg_mut($p) {
            Some(r) => r,
            None => return $failure,
        }
    };
}
pub(crate) use try_mut;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_is_none_and_a_value_is_its_reference() {
        let mut x = 7u32;
        // SAFETY: NULL, or `x`, alive and unaliased for the test.
        unsafe {
            assert!(arg::<u32>(std::ptr::null()).is_none());
            assert_eq!(arg(&x as *const u32), Some(&7));
            *arg_mut(&mut x as *mut u32).unwrap() = 8;
        }
        assert_eq!(x, 8);
        let s = c"abc";
        let v = [1u8, 2, 3];
        // SAFETY: NULL, or a C string literal and an array that outlive the test.
        unsafe {
            assert_eq!(arg_str(s.as_ptr()), Some(&b"abc"[..]));
            assert_eq!(arg_str(std::ptr::null()), None);
            assert_eq!(arg_slice(v.as_ptr(), 2), Some(&[1u8, 2][..]));
            assert_eq!(arg_slice::<u8>(std::ptr::null(), 2), None);
            assert_eq!(arg_slice(v.as_ptr(), 0), Some(&[][..]));
        }
    }

    fn first_or(p: *const u32) -> u32 {
        // SAFETY: the test passes NULL or a live u32.
        *unsafe { try_ref!(0; p) } + 1
    }

    #[test]
    fn try_ref_returns_the_failure_for_null() {
        assert_eq!(first_or(std::ptr::null()), 0);
        assert_eq!(first_or(&41), 42);
    }
}
