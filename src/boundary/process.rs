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
use std::sync::{Once, OnceLock};

/// How many times a process of this lineage has forked into this one.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The most functions the layers above register for each event.
const HOOKS: usize = 4;

/// Functions run in a child process just forked (one thread left), as the
/// layers above registered them: they may touch only atomics and locks no
/// other thread could have held.
static AT_FORK: [OnceLock<fn()>; HOOKS] = [const { OnceLock::new() }; HOOKS];

/// Functions run when the library is unloaded or the process exits.
static AT_UNLOAD: [OnceLock<fn()>; HOOKS] = [const { OnceLock::new() }; HOOKS];

/// Adds `hook` to `hooks` once (a second registration of it does nothing).
fn register(hooks: &[OnceLock<fn()>; HOOKS], hook: fn()) {
    for slot in hooks {
        if *slot.get_or_init(|| hook) as usize == hook as usize {
            return;
        }
    }
    unreachable!("more than {HOOKS} hooks registered");
}

/// Runs `hook` in every child process forked from now on.
pub(crate) fn at_fork(hook: fn()) {
    registered();
    register(&AT_FORK, hook);
}

/// Runs `hook` when the library is unloaded (`dlclose`) or the process exits.
pub(crate) fn at_unload(hook: fn()) {
    register(&AT_UNLOAD, hook);
}

extern "C" fn forked_child() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
    crate::boundary::guard::guard((), || AT_FORK.iter().filter_map(OnceLock::get).for_each(|hook| hook()))
}

/// Registers the fork handler (once, before any connection exists).
fn registered() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: registers a handler that only touches atomics and what
        // the registered hooks touch; glibc unregisters it when the library
        // is unloaded.
        unsafe { libc::pthread_atfork(None, None, Some(forked_child)) };
    });
}

/// This process's generation: another value than a connection's means the
/// connection was made in another process. The first call registers the
/// fork handler (before any connection exists).
pub(crate) fn generation() -> u64 {
    registered();
    GENERATION.load(Ordering::Relaxed)
}

/// Runs the unload hooks, then frees the record's tables: run by the C
/// runtime when the library is unloaded or the process exits. A struct
/// freed afterwards (by a thread still running at exit) is taken as the
/// program's.
extern "C" fn unload() {
    crate::boundary::guard::guard((), || {
        AT_UNLOAD.iter().filter_map(OnceLock::get).for_each(|hook| hook());
        crate::boundary::record::release();
    })
}

/// `unload` in the library's destructors (.fini_array: run by `dlclose`
/// and by `exit`, for the shared and the static library alike).
#[used]
#[link_section = ".fini_array"]
static UNLOAD: extern "C" fn() = unload;

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
