//! The library's record of its own allocations: the one process-wide state
//! (ABI.md section 3). A model struct counts as the library's only while
//! its address is recorded here with its model, never because of the bytes
//! inside it (`_library_owned` is the program's to write). The record is
//! sharded by address so that threads working on different structs rarely
//! meet on a lock.

use crate::client::Slot;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// A hasher for addresses: one multiplication (addresses are distinct
/// already; the multiply spreads their low bits to the high ones).
#[derive(Default)]
pub(crate) struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type AddrMap<V> = HashMap<usize, V, BuildHasherDefault<AddrHasher>>;

const SHARDS: usize = 64;

/// One address map per shard, each behind its own lock.
type Shards<V> = Vec<Mutex<AddrMap<V>>>;

/// Address -> the name of the model it was allocated as (names, not table
/// addresses: a constant's address is not unique across the crate), and
/// the block that holds its private members (0: none).
static MODELS: OnceLock<Shards<(&'static str, usize)>> = OnceLock::new();

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
    let shards = MODELS.get_or_init(|| (0..SHARDS).map(|_| Mutex::new(AddrMap::default())).collect());
    lock(&shards[shard_of(addr)])
}

/// Records that the library allocated `p` as the model named `def`, with
/// its private members at `private` (0: none).
pub(crate) fn note(p: *const u8, def: &'static str, private: usize) {
    models(p as usize).insert(p as usize, (def, private));
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
static CLIENTS: OnceLock<Shards<Arc<Slot>>> = OnceLock::new();

fn clients(addr: usize) -> MutexGuard<'static, AddrMap<Arc<Slot>>> {
    let shards = CLIENTS.get_or_init(|| (0..SHARDS).map(|_| Mutex::new(AddrMap::default())).collect());
    lock(&shards[shard_of(addr)])
}

/// The slot of the client at `addr`, recorded with `make` when there is none.
pub(crate) fn client_slot(addr: usize, make: impl FnOnce() -> Slot) -> Arc<Slot> {
    clients(addr).entry(addr).or_insert_with(|| Arc::new(make())).clone()
}

/// Records `slot` for the client at `addr`, replacing any earlier one (a
/// client the program released with plain `free()` at the same address).
pub(crate) fn client_insert(addr: usize, slot: Slot) {
    clients(addr).insert(addr, Arc::new(slot));
}

/// Takes the slot of the client at `addr` out of the record, unless a call
/// is running on it (Err: it stays).
pub(crate) fn client_take(addr: usize) -> Result<Option<Arc<Slot>>, ()> {
    let mut m = clients(addr);
    match m.get(&addr) {
        Some(slot) if slot.is_busy() => Err(()),
        Some(_) => Ok(m.remove(&addr)),
        None => Ok(None),
    }
}

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
