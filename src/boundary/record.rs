//! The library's record of its own allocations: the one process-wide state
//! (ABI.md section 3). A model struct counts as the library's only while
//! its address is recorded here with its model, never because of the bytes
//! inside it (`_library_owned` is the program's to write). The record is
//! sharded by address so that threads working on different structs rarely
//! meet on a lock. Its shards are static arrays (nothing allocated but the
//! maps' tables), and when the library is unloaded (`dlclose`) or the
//! process exits, `release` frees every table and every idle client's
//! state: nothing of the record outlives the library.

use crate::client::handle::Slot;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

/// Address -> value. A B-tree: its nodes are reached from their first
/// byte, so while the library is loaded a leak checker counts what the
/// record holds as reachable (a hash table is reached only from inside its
/// block: "possibly lost" in a process that ends without running the
/// library's destructor, a forked child's `_exit` say). With a few entries
/// a shard, its search is a short scan.
pub(crate) type AddrMap<V> = BTreeMap<usize, V>;

const SHARDS: usize = 64;

/// One address map per shard, each behind its own lock.
type Shards<V> = [Mutex<AddrMap<V>>; SHARDS];

/// An empty shard (no allocation until the first insert).
#[allow(clippy::declare_interior_mutable_const)]
const fn empty<V>() -> Mutex<AddrMap<V>> {
    Mutex::new(BTreeMap::new())
}

/// Address -> the name of the model it was allocated as (names, not table
/// addresses: a constant's address is not unique across the crate), and
/// the block that holds its private members (0: none).
static MODELS: Shards<(&'static str, usize)> = [const { empty() }; SHARDS];

/// The shard that holds `addr` (malloc's blocks are 16-byte aligned).
pub(crate) fn shard_of(addr: usize) -> usize {
    ((addr >> 4) ^ (addr >> 11)) % SHARDS
}

/// Locks a shard; a panic elsewhere while it was held leaves the map
/// consistent (every operation is a single insert or remove).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn models(addr: usize) -> MutexGuard<'static, AddrMap<(&'static str, usize)>> {
    lock(&MODELS[shard_of(addr)])
}

/// What an entry of the record takes, its share of a B-tree node included
/// (32 bytes of key and value, nodes about two-thirds full): charged to
/// the budget of the answer being parsed.
pub(crate) const ENTRY: usize = 48;

/// Records that the library allocated `p` as the model named `def`, with
/// its private members at `private` (0: none).
pub(crate) fn note(p: *const u8, def: &'static str, private: usize) {
    models(p as usize).insert(p as usize, (def, private));
}

/// Sets `bits` in the private-block word of `p`, recorded as model `def`.
pub(crate) fn mark(p: *const u8, def: &str, bits: usize) {
    if let Some(v) = models(p as usize).get_mut(&(p as usize)).filter(|v| same_name(v.0, def)) {
        v.1 |= bits;
    }
}

/// When `p` is recorded as the library's, allocated as model `def`: the
/// block of its private members (0: none).
pub(crate) fn lookup(p: *const u8, def: &str) -> Option<usize> {
    models(p as usize).get(&(p as usize)).and_then(|&(d, private)| same_name(d, def).then_some(private))
}

/// The same model name: the same text (its address first, the common case).
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Takes `p` out of the record (before it is freed) when it is there as
/// model `def`, returning the block of its private members (0: none).
pub(crate) fn forget(p: *const u8, def: &str) -> Option<usize> {
    let mut m = models(p as usize);
    // One lookup in the common case (recorded as this model).
    match m.remove(&(p as usize)) {
        Some((d, private)) if same_name(d, def) => Some(private),
        Some(other) => {
            m.insert(p as usize, other);
            None
        }
        None => None,
    }
}

/// Client address -> what the library keeps for that client. Clients the
/// library made are recorded when made; a client the program allocated is
/// recorded on first use.
static CLIENTS: Shards<Arc<Slot>> = [const { empty() }; SHARDS];

fn clients(addr: usize) -> MutexGuard<'static, AddrMap<Arc<Slot>>> {
    lock(&CLIENTS[shard_of(addr)])
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

/// A client is recorded at `addr`: it is no longer a freed one.
fn reborn(addr: usize) {
    let mut f = lock(&FREED);
    f.0.iter_mut().filter(|a| **a == addr).for_each(|a| *a = 0);
}

/// In a child process just forked (one thread left): each client a call
/// held on another thread of the parent (a call that does not exist here)
/// gets a fresh slot made by `fresh`; the old one is left as it was, never
/// freed (that call may have been changing it). A shard whose lock a
/// vanished thread held is left alone (no wait in the fork handler).
pub(crate) fn after_fork(fresh: impl Fn(&Slot) -> Slot) {
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

/// Frees the record's tables and the state of every client no call holds
/// (a running call keeps its own): run by the C runtime when the library
/// is unloaded or the process exits. A struct freed afterwards (by a thread
/// still running at exit) is taken as the program's.
extern "C" fn release() {
    crate::boundary::guard::guard((), release_all)
}

fn release_all() {
    crate::transport::dns::join_lookups();
    for shard in &MODELS {
        let taken = std::mem::take(&mut *lock(shard));
        for (_, (name, private)) in taken {
            // SAFETY: the word of a struct the record held, now out of it.
            unsafe { crate::wire::model::release_private(name, private) };
        }
    }
    for shard in &CLIENTS {
        drop(std::mem::take(&mut *lock(shard)));
    }
}

/// `release` in the library's destructors (.fini_array: run by `dlclose`
/// and by `exit`, for the shared and the static library alike).
#[used]
#[link_section = ".fini_array"]
static RELEASE: extern "C" fn() = release;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_struct_is_the_librarys_only_while_recorded_as_its_model() {
        let block = [0u8; 64];
        let p = block.as_ptr();
        assert_eq!(lookup(p, "a"), None);
        note(p, "a", 7);
        assert_eq!(lookup(p, "a"), Some(7));
        assert_eq!(lookup(p, "b"), None, "another model at the same address");
        assert_eq!(forget(p, "b"), None);
        assert_eq!(forget(p, "a"), Some(7));
        assert_eq!(lookup(p, "a"), None);
        assert_eq!(forget(p, "a"), None);
    }
}
