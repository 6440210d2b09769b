//! What the process does around the library: `fork()` and thread
//! cancellation.
//!
//! - fork: a child shares its parent's sockets. A connection made in one
//!   process is never used in another (two processes reading one socket
//!   take each other's answers): each connection remembers the process
//!   generation it was made in, which a `pthread_atfork` child handler
//!   moves on, and one from an earlier generation is closed in this process
//!   only (no TCP shutdown, which would end it for the other process too).
//! - cancellation: no function of the library is a cancellation point. A
//!   call runs with cancellation disabled (a cancellation arriving in Rust
//!   code would unwind through frames that cannot unwind, and abort the
//!   process); a cancellation requested meanwhile takes effect at the
//!   thread's next cancellation point after the call returns.

use std::os::raw::c_int;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;

/// How many times a process of this lineage has forked into this one.
static GENERATION: AtomicU64 = AtomicU64::new(0);

extern "C" fn forked_child() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
    crate::boundary::guard::guard((), || {
        crate::client::handle::after_fork();
        crate::transport::dns::after_fork();
    })
}

/// This process's generation: another value than a connection's means the
/// connection was made in another process. The first call registers the
/// fork handler (before any connection exists).
pub(crate) fn generation() -> u64 {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: registers a handler that only touches atomics and the
        // client record (see crate::client::handle::after_fork); glibc unregisters
        // it when the library is unloaded.
        unsafe { libc::pthread_atfork(None, None, Some(forked_child)) };
    });
    GENERATION.load(Ordering::Relaxed)
}

/// The generation, without registering (for a connection's drop).
pub(crate) fn current() -> u64 {
    GENERATION.load(Ordering::Relaxed)
}

/// glibc's and musl's values.
const PTHREAD_CANCEL_DISABLE: c_int = 1;

/// While it lives, this thread cannot be cancelled (see the module's
/// comment); then the state it had comes back.
pub(crate) struct NoCancel(c_int);

/// Sets this thread's cancelability state; the one it had.
fn set_cancel_state(state: c_int) -> c_int {
    // Declared here, not in the crate's scope, so the header generator
    // never sees it.
    extern "C" {
        fn pthread_setcancelstate(state: c_int, old: *mut c_int) -> c_int;
    }
    let mut old = 0;
    // SAFETY: a valid state and a place for the old one.
    unsafe { pthread_setcancelstate(state, &mut old) };
    old
}

impl NoCancel {
    pub(crate) fn new() -> NoCancel {
        NoCancel(set_cancel_state(PTHREAD_CANCEL_DISABLE))
    }
}

impl Drop for NoCancel {
    fn drop(&mut self) {
        set_cancel_state(self.0);
    }
}

/// Writes `line` to stderr (a cancellation point in C) with cancellation
/// disabled: for warnings given outside a call.
pub(crate) fn warn(line: std::fmt::Arguments) {
    let _no_cancel = NoCancel::new();
    eprintln!("{line}");
}
