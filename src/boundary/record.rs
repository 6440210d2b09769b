//! The library's record of its own allocations: the one process-wide state
//! (ABI.md section 3). A model struct counts as the library's only while
//! its address is recorded here with its model, never because of the bytes
//! inside it (`_library_owned` is the program's to write). The record is
//! sharded by address so that threads working on different structs rarely
//! meet on a lock. Its shards are static arrays (nothing allocated but the
//! maps' tables), and when the library is unloaded (`dlclose`) or the
//! process exits, `release` frees every table (and the client layer its
//! record of clients, made of the same sharded maps): nothing of the
//! record outlives the library.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

/// Address -> value. A B-tree: its nodes are reached from their first
/// byte, so while the library is loaded a leak checker counts what the
/// record holds as reachable (a hash table is reached only from inside its
/// block: "possibly lost" in a process that ends without running the
/// library's destructor, a forked child's `_exit` say). With a few entries
/// a shard, its search is a short scan.
pub(crate) type AddrMap<V> = BTreeMap<usize, V>;

pub(crate) const SHARDS: usize = 64;

/// One address map per shard, each behind its own lock.
pub(crate) type Shards<V> = [Mutex<AddrMap<V>>; SHARDS];

/// An empty shard (no allocation until the first insert).
#[allow(clippy::declare_interior_mutable_const)]
pub(crate) const fn empty<V>() -> Mutex<AddrMap<V>> {
    Mutex::new(BTreeMap::new())
}

/// What the record knows of a model (the wire layer's table of it).
pub(crate) trait Model: Sync {
    /// The model's name: what says whether a struct is recorded as this
    /// model (names, not table addresses: a constant's address is not
    /// unique across the crate).
    fn name(&self) -> &'static str;

    /// Frees the block of private members `private` (the record's word for
    /// a struct of this model) with what it holds.
    ///
    /// # Safety
    /// `private` is such a word, taken out of the record.
    unsafe fn release_private(&self, private: usize);
}

/// Address -> the model it was allocated as, and the block that holds its
/// private members (0: none).
static MODELS: Shards<(&'static dyn Model, usize)> = [const { empty() }; SHARDS];

/// The shard that holds `addr` (malloc's blocks are 16-byte aligned).
pub(crate) fn shard_of(addr: usize) -> usize {
    ((addr >> 4) ^ (addr >> 11)) % SHARDS
}

/// Locks a shard; a panic elsewhere while it was held leaves the map
/// consistent (every operation is a single insert or remove).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn models(addr: usize) -> MutexGuard<'static, AddrMap<(&'static dyn Model, usize)>> {
    lock(&MODELS[shard_of(addr)])
}

/// What an entry of the record takes, its share of a B-tree node included
/// (32 bytes of key and value, nodes about two-thirds full): charged to
/// the budget of the answer being parsed.
pub(crate) const ENTRY: usize = 48;

/// Records that the library allocated `p` as the model `def`, with its
/// private members at `private` (0: none).
pub(crate) fn note(p: *const u8, def: &'static dyn Model, private: usize) {
    models(p as usize).insert(p as usize, (def, private));
}

/// Sets `bits` in the private-block word of `p`, recorded as model `def`.
pub(crate) fn mark(p: *const u8, def: &str, bits: usize) {
    if let Some(v) = models(p as usize).get_mut(&(p as usize)).filter(|v| same_name(v.0.name(), def)) {
        v.1 |= bits;
    }
}

/// When `p` is recorded as the library's, allocated as model `def`: the
/// block of its private members (0: none).
pub(crate) fn lookup(p: *const u8, def: &str) -> Option<usize> {
    models(p as usize).get(&(p as usize)).and_then(|&(d, private)| same_name(d.name(), def).then_some(private))
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
        Some((d, private)) if same_name(d.name(), def) => Some(private),
        Some(other) => {
            m.insert(p as usize, other);
            None
        }
        None => None,
    }
}

/// Frees the record's table of models and the private blocks it still
/// holds (of structs released with plain `free()`, or still the
/// program's): when the library is unloaded or the process exits.
pub(crate) fn release() {
    for shard in &MODELS {
        let taken = std::mem::take(&mut *lock(shard));
        for (_, (model, private)) in taken {
            // SAFETY: the word of a struct the record held, now out of it.
            unsafe { model.release_private(private) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Named(&'static str);

    impl Model for Named {
        fn name(&self) -> &'static str {
            self.0
        }

        unsafe fn release_private(&self, _: usize) {}
    }

    #[test]
    fn a_struct_is_the_librarys_only_while_recorded_as_its_model() {
        static A: Named = Named("a");
        let block = [0u8; 64];
        let p = block.as_ptr();
        assert_eq!(lookup(p, "a"), None);
        note(p, &A, 7);
        assert_eq!(lookup(p, "a"), Some(7));
        assert_eq!(lookup(p, "b"), None, "another model at the same address");
        assert_eq!(forget(p, "b"), None);
        assert_eq!(forget(p, "a"), Some(7));
        assert_eq!(lookup(p, "a"), None);
        assert_eq!(forget(p, "a"), None);
    }
}
