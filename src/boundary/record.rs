//! The library's record of its own allocations: the one process-wide state
//! (ABI.md section 3). A model struct counts as the library's only while
//! its address is recorded here with its model, never because of the bytes
//! inside it (`_library_owned` is the program's to write). The record is
//! sharded by address so that threads working on different structs rarely
//! meet on a lock. Its shards are static arrays (nothing allocated but the
//! tables), and when the library is unloaded (`dlclose`) or the process
//! exits, `release` frees every table (and the client layer its record of
//! clients, made of the same shards): nothing of the record outlives the
//! library.

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

/// One entry of the record of models: a struct's address (0: a free slot),
/// its model, and the block of its private members (0: none).
#[derive(Clone, Copy)]
struct Entry {
    addr: usize,
    model: Option<&'static dyn Model>,
    private: usize,
}

const FREE: Entry = Entry { addr: 0, model: None, private: 0 };

/// Address -> entry, by open addressing: linear probing from the address's
/// Fibonacci hash, removal by shifting the entries after it back (no
/// tombstones). It doubles when it would be more than 3/4 full (3/8 full
/// after) and halves when less than 1/8 full (as an answer's structs are
/// freed; not when memory is short). Its slots are one block
/// reached from its first byte, so while the library is loaded a leak
/// checker counts the structs it names as reachable (a `HashMap`'s block
/// is reached only from inside: "possibly lost" in a process that ends
/// without running the library's destructor, a forked child's `_exit`).
/// An insert or a removal costs tens of instructions (a B-tree's cost
/// hundreds: 46,000 of a page of 100 projects' 354,000).
struct Table {
    slots: Vec<Entry>,
    len: usize,
}

/// The fewest slots a table that holds anything has.
const MIN_SLOTS: usize = 16;

impl Table {
    const fn new() -> Table {
        Table { slots: Vec::new(), len: 0 }
    }

    /// Where `addr` is looked for first.
    #[inline]
    fn home(&self, addr: usize) -> usize {
        let bits = self.slots.len().trailing_zeros();
        ((addr >> 4) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_shr(64 - bits) as usize
    }

    /// The slot that holds `addr`.
    #[inline]
    fn find(&self, addr: usize) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(addr);
        loop {
            match self.slots[i].addr {
                0 => return None,
                a if a == addr => return Some(i),
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn get(&self, addr: usize) -> Option<&Entry> {
        self.find(addr).map(|i| &self.slots[i])
    }

    fn get_mut(&mut self, addr: usize) -> Option<&mut Entry> {
        self.find(addr).map(|i| &mut self.slots[i])
    }

    /// Records `e` (replacing an entry at its address).
    #[inline]
    fn insert(&mut self, e: Entry) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.resize((self.slots.len() * 2).max(MIN_SLOTS));
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(e.addr);
        loop {
            match self.slots[i].addr {
                0 => {
                    self.slots[i] = e;
                    self.len += 1;
                    return;
                }
                a if a == e.addr => {
                    self.slots[i] = e;
                    return;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Takes the entry at `addr` out.
    #[cfg(test)]
    fn remove(&mut self, addr: usize) -> Option<Entry> {
        let hole = self.find(addr)?;
        Some(self.remove_at(hole))
    }

    /// Takes the entry in slot `hole` out.
    #[inline]
    fn remove_at(&mut self, mut hole: usize) -> Entry {
        let taken = std::mem::replace(&mut self.slots[hole], FREE);
        self.len -= 1;
        // Each entry after the hole, up to a free slot, moves back into it
        // when the hole lies between the entry's home and the entry.
        let mask = self.slots.len() - 1;
        let mut j = (hole + 1) & mask;
        while self.slots[j].addr != 0 {
            let home = self.home(self.slots[j].addr);
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                self.slots[hole] = std::mem::replace(&mut self.slots[j], FREE);
                hole = j;
            }
            j = (j + 1) & mask;
        }
        if self.len * 8 < self.slots.len() && self.slots.len() > MIN_SLOTS {
            // A removal (a `_free`) never fails: without memory for the
            // smaller table the table stays as it is.
            let mut smaller = Vec::new();
            if smaller.try_reserve_exact(self.slots.len() / 2).is_ok() {
                smaller.resize(self.slots.len() / 2, FREE);
                self.move_into(smaller);
            }
        }
        taken
    }

    /// Moves every entry into `n` slots (a power of two).
    fn resize(&mut self, n: usize) {
        self.move_into(vec![FREE; n]);
    }

    /// Moves every entry into `slots` (free ones, a power of two of them,
    /// room for every entry).
    fn move_into(&mut self, slots: Vec<Entry>) {
        let old = std::mem::replace(&mut self.slots, slots);
        self.len = 0;
        for e in old.into_iter().filter(|e| e.addr != 0) {
            self.insert(e);
        }
    }

    /// Every entry, taken out (the table's memory freed).
    fn take(&mut self) -> impl Iterator<Item = Entry> {
        self.len = 0;
        std::mem::take(&mut self.slots).into_iter().filter(|e| e.addr != 0)
    }
}

/// Address -> the model it was allocated as, and the block that holds its
/// private members (0: none).
static MODELS: [Mutex<Table>; SHARDS] = [const { Mutex::new(Table::new()) }; SHARDS];

/// The shard that holds `addr` (malloc's blocks are 16-byte aligned).
pub(crate) fn shard_of(addr: usize) -> usize {
    ((addr >> 4) ^ (addr >> 11)) % SHARDS
}

/// Locks a shard; a panic elsewhere while it was held leaves the map
/// consistent (every operation is a single insert or remove).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn models(addr: usize) -> MutexGuard<'static, Table> {
    lock(&MODELS[shard_of(addr)])
}

/// What an entry of the record takes (a slot of 32 bytes, its table 3/8 to
/// 3/4 full while it grows): charged to the budget of the answer being
/// parsed.
pub(crate) const ENTRY: usize = 64;

/// The model an entry was recorded as, when it is `def`.
fn recorded_as(e: &Entry, def: &str) -> bool {
    e.model.is_some_and(|m| same_name(m.name(), def))
}

/// Records that the library allocated `p` as the model `def`, with its
/// private members at `private` (0: none).
#[inline]
pub(crate) fn note(p: *const u8, def: &'static dyn Model, private: usize) {
    models(p as usize).insert(Entry { addr: p as usize, model: Some(def), private });
}

/// Sets `bits` in the private-block word of `p`, recorded as model `def`.
pub(crate) fn mark(p: *const u8, def: &str, bits: usize) {
    if let Some(e) = models(p as usize).get_mut(p as usize).filter(|e| recorded_as(e, def)) {
        e.private |= bits;
    }
}

/// When `p` is recorded as the library's, allocated as model `def`: the
/// block of its private members (0: none).
pub(crate) fn lookup(p: *const u8, def: &str) -> Option<usize> {
    models(p as usize).get(p as usize).filter(|e| recorded_as(e, def)).map(|e| e.private)
}

/// The same model name: the same text (its address first, the common case).
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Takes `p` out of the record (before it is freed) when it is there as
/// model `def`, returning the block of its private members (0: none).
#[inline]
pub(crate) fn forget(p: *const u8, def: &str) -> Option<usize> {
    let mut m = models(p as usize);
    let i = m.find(p as usize)?;
    recorded_as(&m.slots[i], def).then(|| m.remove_at(i).private)
}

/// Frees the record's table of models and the private blocks it still
/// holds (of structs released with plain `free()`, or still the
/// program's): when the library is unloaded or the process exits.
pub(crate) fn release() {
    for shard in &MODELS {
        let taken = lock(shard).take();
        for e in taken {
            if let Some(model) = e.model {
                // SAFETY: the word of a struct the record held, now out of it.
                unsafe { model.release_private(e.private) };
            }
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

    #[test]
    fn a_table_agrees_with_a_map_through_growth_removals_and_shrinking() {
        static A: Named = Named("a");
        let mut table = Table::new();
        let mut map = BTreeMap::new();
        // A fixed pseudo-random walk of 16-byte aligned addresses in a
        // narrow range, so probe runs meet and wrap around the table.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for step in 0..200_000usize {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let addr = 0x7f00_0000_0000 + ((x % 4096) as usize) * 16;
            // Inserts win for the first half, removals after: the table
            // grows to thousands of entries, then shrinks back.
            if (x >> 32) % 100 < if step < 100_000 { 60 } else { 35 } {
                table.insert(Entry { addr, model: Some(&A), private: step });
                map.insert(addr, step);
            } else {
                assert_eq!(table.remove(addr).map(|e| e.private), map.remove(&addr), "step {step}");
            }
            assert_eq!(table.len, map.len());
            assert_eq!(table.get(addr).map(|e| e.private), map.get(&addr).copied());
            if step % 10_000 == 0 {
                assert!(map.iter().all(|(a, v)| table.get(*a).map(|e| e.private) == Some(*v)), "step {step}");
                assert!(table.len * 4 <= table.slots.len() * 3, "at most 3/4 full");
            }
        }
        for a in map.keys().copied().collect::<Vec<_>>() {
            assert!(table.remove(a).is_some());
        }
        assert_eq!((table.len, table.slots.len()), (0, MIN_SLOTS), "an emptied table shrinks back");
        assert_eq!(table.take().count(), 0);
    }
}
