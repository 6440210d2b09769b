//! What the library keeps for each client (`Slot`), in its record of
//! clients: a call's hold on its client (`Session`), a walk's (`Pin`), and
//! the client's state reached through them.

use super::log::OPENAI_API_LOG_WARN;
use super::structs::apiClient_t;
use crate::boundary::record::{empty, lock, shard_of, AddrMap, Shards, SHARDS};
use crate::transport::http::{ClientState, LogFn};
use std::cell::{Cell, UnsafeCell};
use std::os::raw::c_void;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once, TryLockError};

/// What the library keeps for one client, in its record of clients (never
/// inside or beside the program's 88-byte struct). `state` and `seen` are
/// touched only by the thread that set `busy`.
pub(crate) struct Slot {
    busy: AtomicBool,
    /// Walks under way on the client (`pin`).
    walks: AtomicUsize,
    /// Made by `apiClient_create*` (else the program allocated the struct).
    by_library: bool,
    /// `basePath`, `sslConfig`, `curlConfig` as last seen: another value in
    /// a program's struct means another client.
    seen: UnsafeCell<[usize; 3]>,
    pub(crate) state: UnsafeCell<ClientState>,
    /// The log callback, readable by a refused call while another one runs.
    log: Mutex<Option<(LogFn, usize)>>,
}

// SAFETY: `state` and `seen` are reached only by the thread that holds
// `busy` (an acquire/release flag); `log` is behind a mutex. The raw
// pointers inside are the program's callback data, handed back to it.
unsafe impl Send for Slot {}
// SAFETY: as for Send.
unsafe impl Sync for Slot {}

impl Slot {
    pub(crate) fn new(by_library: bool, seen: [usize; 3]) -> Slot {
        Slot {
            busy: AtomicBool::new(false),
            walks: AtomicUsize::new(0),
            by_library,
            seen: UnsafeCell::new(seen),
            state: UnsafeCell::new(ClientState::default()),
            log: Mutex::new(None),
        }
    }

    pub(crate) fn is_busy(&self) -> bool {
        self.busy.load(Ordering::Acquire)
    }

    pub(crate) fn is_walked(&self) -> bool {
        self.walks.load(Ordering::Acquire) > 0
    }
}

/// A walk's hold on its client between its calls: while it lives,
/// `apiClient_free` and `apiClient_release` refuse the client (a `visit`
/// that frees it would leave the walk a freed client).
pub(crate) struct Pin(Arc<Slot>);

impl Drop for Pin {
    fn drop(&mut self) {
        self.0.walks.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Pins `client` for a walk (None for NULL).
///
/// # Safety
/// `client` is NULL or points at a readable `apiClient_t`.
pub(crate) unsafe fn pin(client: *mut apiClient_t) -> Option<Pin> {
    if client.is_null() {
        return None;
    }
    // SAFETY: a readable client (the contract): `identity` reads three of
    // its pointer members.
    let now = unsafe { identity(client) };
    let slot = client_slot(client as usize, || Slot::new(false, now));
    slot.walks.fetch_add(1, Ordering::AcqRel);
    Some(Pin(slot))
}

/// In a child process just forked: a client a call held on another thread
/// of the parent is idle (see `renew_busy`).
pub(crate) fn after_fork() {
    // SAFETY: `seen` is read as plain words (a torn value only makes the
    // next call start the client's state afresh).
    renew_busy(|old| Slot::new(old.by_library, unsafe { std::ptr::read_volatile(old.seen.get()) }));
}

/// The members that say which client a struct is.
///
/// # Safety
/// `client` points at a readable `apiClient_t`.
pub(crate) unsafe fn identity(client: *const apiClient_t) -> [usize; 3] {
    // SAFETY: place reads through the raw pointer.
    unsafe { [(*client).basePath as usize, (*client).sslConfig as usize, (*client).curlConfig as usize] }
}

thread_local! {
    /// The client whose call runs on this thread (innermost), with its state.
    static CURRENT: Cell<(usize, *mut ClientState)> = const { Cell::new((0, ptr::null_mut())) };
    /// The client whose last call on this thread was refused as concurrent.
    static REFUSED: Cell<usize> = const { Cell::new(0) };
}

/// A call's hold on its client: while it lives, no other call can start on
/// the client, and `state_mut` reaches the client's state on this thread.
pub(crate) struct Session {
    /// No cancellation while the library holds the client (crate::boundary::process).
    _no_cancel: crate::boundary::process::NoCancel,
    slot: Arc<Slot>,
    addr: usize,
    prev: (usize, *mut ClientState),
    /// A call (not a read): when it ends, it is this thread's last call on
    /// the client, whatever was refused while it ran.
    call: bool,
}

impl Drop for Session {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.prev));
        if self.call {
            clear_refusal(self.addr);
            // A client the program allocated keeps no connection between
            // calls (as the generated client): memory reused for another
            // client can never inherit one, nor its TLS settings.
            if !self.slot.by_library {
                // SAFETY: `busy` is still ours.
                unsafe { (*self.slot.state.get()).drop_connections() };
            }
        }
        self.slot.busy.store(false, Ordering::Release);
    }
}

/// `apiClient_errorType` of a call refused because another one ran.
pub(crate) const BUSY_TYPE: &std::ffi::CStr = c"client_busy";
/// `apiClient_errorMessage` of such a call.
pub(crate) const BUSY_MESSAGE: &std::ffi::CStr =
    c"another call is running on this client (one thread at a time per client): this call was not made";

/// This thread's call on the client at `addr` went ahead: an earlier
/// refusal no longer stands.
fn clear_refusal(addr: usize) {
    REFUSED.with(|r| {
        if r.get() == addr {
            r.set(0)
        }
    });
}

/// True when this thread's last call on `client` was refused as concurrent.
pub(crate) fn refused_here(client: *const apiClient_t) -> bool {
    REFUSED.with(|r| r.get() == client as usize)
}

/// Starts a call (`quiet` false) or a read or change of the state (`quiet`
/// true) on `client`; None when another call holds it (a call then records
/// the refusal for this thread and logs a WARN line).
///
/// # Safety
/// `client` is non-NULL and points at a readable and writable
/// `apiClient_t` (made by the library or by the program).
pub(crate) unsafe fn enter(client: *mut apiClient_t, quiet: bool) -> Option<Session> {
    let no_cancel = crate::boundary::process::NoCancel::new();
    let addr = client as usize;
    // SAFETY: a readable client (the contract): `identity` reads three of
    // its pointer members.
    let now = unsafe { identity(client) };
    let slot = client_slot(addr, || Slot::new(false, now));
    if slot.busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        if !quiet {
            REFUSED.with(|r| r.set(addr));
            let log = *lock(&slot.log);
            let line = format!("openai_api: WARN: {}", BUSY_MESSAGE.to_string_lossy());
            match log {
                Some((f, data)) => {
                    let text = std::ffi::CString::new(line).unwrap_or_default();
                    // SAFETY: the callback the program registered, with its data.
                    unsafe { f(data as *mut c_void, OPENAI_API_LOG_WARN, text.as_ptr()) }
                }
                None => eprintln!("{line}"),
            }
        }
        return None;
    }
    // SAFETY: `busy` is ours: nothing else touches `seen` or `state`.
    unsafe {
        let seen = &mut *slot.seen.get();
        if *seen != now {
            if slot.by_library {
                // The program pointed its client elsewhere: new connections.
                (*slot.state.get()).drop_connections();
            } else {
                // Another client in the same memory: nothing carries over.
                *slot.state.get() = ClientState::default();
                *lock(&slot.log) = None;
            }
            *seen = now;
        }
    }
    if !quiet {
        clear_refusal(addr);
    }
    let prev = CURRENT.with(|c| c.replace((addr, slot.state.get())));
    Some(Session { _no_cancel: no_cancel, slot, addr, prev, call: !quiet })
}

/// Sets the log callback that refused calls use (the state keeps its own).
pub(crate) fn set_refusal_log(session: &Session, log: Option<(LogFn, *mut c_void)>) {
    *lock(&session.slot.log) = log.map(|(f, d)| (f, d as usize));
}

/// The private state of the client whose call runs on this thread.
///
/// # Safety
/// A `Session` for `client` is alive on this thread, and no other reference
/// to the state is used while the returned one is: take it for a step,
/// never across C code.
pub(crate) unsafe fn state_mut<'a>(client: *const apiClient_t) -> &'a mut ClientState {
    let (addr, state) = CURRENT.with(Cell::get);
    assert!(addr == client as usize && !state.is_null(), "the client's state is reached only inside its call");
    // SAFETY: the session holds `busy`; per the contract no other reference
    // to the state is alive.
    unsafe { &mut *state }
}

/// Runs `f` on the state of `client`: the running call's when it is on
/// this thread, else under a hold of its own; `busy` when another call holds
/// the client or the refusal of this thread's last call on it stands.
///
/// # Safety
/// `client` is non-NULL and points at an `apiClient_t`; `f` runs no C code.
pub(crate) unsafe fn with_state<R>(client: *mut apiClient_t, busy: R, f: impl FnOnce(&mut ClientState) -> R) -> R {
    if refused_here(client) {
        return busy;
    }
    if CURRENT.with(Cell::get).0 == client as usize {
        // SAFETY: the call holding the client runs on this thread, and no
        // reference into its state is alive across this step.
        return f(unsafe { state_mut(client) });
    }
    // SAFETY: a non-NULL client, readable and writable (the contract), as
    // `enter` needs.
    match unsafe { enter(client, true) } {
        // SAFETY: the hold just taken.
        Some(_hold) => f(unsafe { state_mut(client) }),
        None => busy,
    }
}

/// Client address -> what the library keeps for that client. Clients the
/// library made are recorded when made; a client the program allocated is
/// recorded on first use.
static CLIENTS: Shards<Arc<Slot>> = [const { empty() }; SHARDS];

fn clients(addr: usize) -> MutexGuard<'static, AddrMap<Arc<Slot>>> {
    lock(&CLIENTS[shard_of(addr)])
}

/// Frees the state of every client no call holds (a running call keeps
/// its own): when the library is unloaded or the process exits.
fn release() {
    for shard in &CLIENTS {
        drop(std::mem::take(&mut *lock(shard)));
    }
}

/// The slot of the client at `addr`, recorded with `make` when there is none.
pub(crate) fn client_slot(addr: usize, make: impl FnOnce() -> Slot) -> Arc<Slot> {
    clients(addr)
        .entry(addr)
        .or_insert_with(|| {
            reborn(addr);
            Arc::new(make())
        })
        .clone()
}

/// Records `slot` for the client at `addr`, replacing any earlier one (a
/// client the program released with plain `free()` at the same address).
pub(crate) fn client_insert(addr: usize, slot: Slot) {
    reborn(addr);
    clients(addr).insert(addr, Arc::new(slot));
}

/// Why a client's slot stays in the record.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Held {
    /// A call runs on it.
    Busy,
    /// A walk on it is under way (its `visit` runs between calls).
    Walked,
}

/// Takes the slot of the client at `addr` out of the record, unless a call
/// or a walk is running on it (Err: it stays).
pub(crate) fn client_take(addr: usize) -> Result<Option<Arc<Slot>>, Held> {
    let mut m = clients(addr);
    match m.get(&addr) {
        Some(slot) if slot.is_busy() => Err(Held::Busy),
        Some(slot) if slot.is_walked() => Err(Held::Walked),
        Some(_) => Ok(m.remove(&addr)),
        None => Ok(None),
    }
}

/// How many freed clients' addresses are remembered.
const FREED_KEPT: usize = 64;

/// The addresses of the clients `apiClient_free` freed last (0: none),
/// until a client is recorded at one again: a second `apiClient_free` of
/// one is found out. A ring: its memory does not grow.
static FREED: Mutex<([usize; FREED_KEPT], usize)> = Mutex::new(([0; FREED_KEPT], 0));

/// Notes that the client at `addr` was freed.
pub(crate) fn freed(addr: usize) {
    let mut f = lock(&FREED);
    let next = f.1;
    f.0[next] = addr;
    f.1 = (next + 1) % FREED_KEPT;
}

/// Whether the client at `addr` was freed and nothing recorded there since.
pub(crate) fn was_freed(addr: usize) -> bool {
    lock(&FREED).0.contains(&addr)
}

/// A client is recorded at `addr`: it is no longer a freed one. The first
/// one registers the client record's fork and unload hooks (so a call that
/// finds its client recorded pays nothing for them).
fn reborn(addr: usize) {
    static HOOKS: Once = Once::new();
    HOOKS.call_once(|| {
        crate::boundary::process::at_fork(after_fork);
        crate::boundary::process::at_unload(release);
    });
    let mut f = lock(&FREED);
    f.0.iter_mut().filter(|a| **a == addr).for_each(|a| *a = 0);
}

/// In a child process just forked (one thread left): each client a call
/// held on another thread of the parent (a call that does not exist here)
/// gets a fresh slot made by `fresh`; the old one is left as it was, never
/// freed (that call may have been changing it). A shard whose lock a
/// vanished thread held is left alone (no wait in the fork handler).
fn renew_busy(fresh: impl Fn(&Slot) -> Slot) {
    for shard in &CLIENTS {
        let mut map = match shard.try_lock() {
            Ok(m) => m,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => continue,
        };
        for slot in map.values_mut() {
            if slot.is_busy() {
                let new = Arc::new(fresh(slot));
                std::mem::forget(std::mem::replace(slot, new));
            }
        }
    }
}
