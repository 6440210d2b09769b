//! `list_t`: the doubly linked list of `void *` the generated client uses
//! for every array. Walk it with `list_ForEach(entry, list)`.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
use crate::boundary::ptr::{arg, arg_mut, arg_str, try_mut, try_ref};
use std::os::raw::{c_char, c_int, c_long, c_void};
use std::ptr;

/// One entry of a `list_t`. `data` is owned by whoever filled the list.
#[repr(C)]
pub struct listEntry_t {
    /// The next entry, or NULL at the end.
    pub nextListEntry: *mut listEntry_t,
    /// The previous entry, or NULL at the start.
    pub prevListEntry: *mut listEntry_t,
    /// The item (owned as the list's owner says).
    pub data: *mut c_void,
}

/// A doubly linked list. `count` is the number of entries.
#[repr(C)]
pub struct list_t {
    /// The first entry, or NULL for an empty list.
    pub firstEntry: *mut listEntry_t,
    /// The last entry, or NULL for an empty list.
    pub lastEntry: *mut listEntry_t,
    /// How many entries the list has.
    pub count: c_long,
}

/// Callback type of `list_iterateThroughListForward`/`Backward`.
pub type list_callback = Option<unsafe extern "C" fn(*mut listEntry_t, *mut c_void)>;

/// A new empty list, freed with `list_freeList` (or
/// `clear_and_free_string_list` for a list of strings). NULL when out of memory.
#[no_mangle]
pub extern "C" fn list_createList() -> *mut list_t {
    guard(ptr::null_mut(), alloc::calloc::<list_t>)
}

/// Frees the list and its entries, not the data they point to. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn list_freeList(list: *mut list_t) {
    guard((), || {
        // SAFETY: `list` is NULL or a list the caller hands over to be freed
        // (no one uses it during or after the call); its entries are this
        // library's allocations, each read before it is freed.
        unsafe {
            let l = try_ref!(void; list);
            let mut e = l.firstEntry;
            while let Some(entry) = arg(e) {
                let next = entry.nextListEntry;
                alloc::free(e);
                e = next;
            }
            alloc::free(list);
        }
    })
}

/// Appends `data` to `list`; false when memory ran out (nothing appended).
///
/// # Safety
/// `list` is a live list no one else uses during the call, whose last
/// entry (if any) is live.
pub(crate) unsafe fn append(list: *mut list_t, data: *mut c_void) -> bool {
    let e = alloc::boxed(listEntry_t { nextListEntry: ptr::null_mut(), prevListEntry: ptr::null_mut(), data });
    if e.is_null() {
        return false;
    }
    // SAFETY: `list` and its last entry are live and ours for the call (the
    // contract); `e` is the entry just made, reachable from nothing else yet.
    unsafe {
        let (Some(l), Some(new)) = (arg_mut(list), arg_mut(e)) else { return false };
        new.prevListEntry = l.lastEntry;
        match arg_mut(l.lastEntry) {
            None => l.firstEntry = e,
            Some(last) => last.nextListEntry = e,
        }
        l.lastEntry = e;
        l.count += 1;
    }
    true
}

/// Appends `dataToAddInList` (the list does not take ownership of what it
/// points to). Does nothing for a NULL list.
#[no_mangle]
pub unsafe extern "C" fn list_addElement(list: *mut list_t, dataToAddInList: *mut c_void) {
    guard((), || {
        if !list.is_null() {
            // SAFETY: a list the caller owns, used by no one else during the
            // call (the header's rule), so its last entry is live.
            unsafe { append(list, dataToAddInList) };
        }
    })
}

/// Unlinks and frees `elementToRemove` (an entry of `list`), not its data.
#[no_mangle]
pub unsafe extern "C" fn list_removeElement(list: *mut list_t, elementToRemove: *mut listEntry_t) {
    guard((), || {
        // SAFETY: `list` is NULL or a live list used by no one else during
        // the call, and `elementToRemove` NULL or one of its entries (the
        // header's rule), so the entry's neighbours are live entries of it.
        unsafe {
            let l = try_mut!(void; list);
            let entry = try_ref!(void; elementToRemove);
            let (prev, next) = (entry.prevListEntry, entry.nextListEntry);
            match arg_mut(prev) {
                None => l.firstEntry = next,
                Some(p) => p.nextListEntry = next,
            }
            match arg_mut(next) {
                None => l.lastEntry = prev,
                Some(n) => n.prevListEntry = prev,
            }
            l.count -= 1;
            alloc::free(elementToRemove);
        }
    })
}

/// The entry at `indexOfElement` (0-based), or NULL when out of range. The
/// entry still belongs to the list.
#[no_mangle]
pub unsafe extern "C" fn list_getElementAt(list: *mut list_t, indexOfElement: c_long) -> *mut listEntry_t {
    guard(ptr::null_mut(), || {
        // SAFETY: `list` is NULL or a live list no one writes to during the
        // call (the header's rule); `count` entries are linked from either
        // end, so each step below lands on a live entry.
        unsafe {
            let l = try_ref!(ptr::null_mut(); list);
            let count = l.count;
            if indexOfElement < 0 || indexOfElement >= count {
                return ptr::null_mut();
            }
            let (mut e, steps, forward) = if indexOfElement < count / 2 {
                (l.firstEntry, indexOfElement, true)
            } else {
                (l.lastEntry, count - 1 - indexOfElement, false)
            };
            for _ in 0..steps {
                let Some(entry) = arg(e) else { return ptr::null_mut() };
                e = if forward { entry.nextListEntry } else { entry.prevListEntry };
            }
            e
        }
    })
}

/// Same as `list_getElementAt` with an `int` index.
#[no_mangle]
pub unsafe extern "C" fn list_getWithIndex(list: *mut list_t, index: c_int) -> *mut listEntry_t {
    // SAFETY: the same arguments, passed on.
    guard(ptr::null_mut(), || unsafe { list_getElementAt(list, index as c_long) })
}

/// Calls `f(entry, data)` for each entry of `list`, first to last or last
/// to first.
///
/// # Safety
/// `list` is NULL or a live list; `f` may free the entry it is given, but
/// no other entry.
unsafe fn iterate(list: *mut list_t, f: list_callback, data: *mut c_void, forward: bool) {
    let Some(f) = f else { return };
    // SAFETY: per the contract: the list is live, and each entry is read
    // (its neighbour taken) before `f` may free it.
    unsafe {
        let l = try_ref!(void; list);
        let mut e = if forward { l.firstEntry } else { l.lastEntry };
        while let Some(entry) = arg(e) {
            let next = if forward { entry.nextListEntry } else { entry.prevListEntry };
            f(e, data);
            e = next;
        }
    }
}

/// Calls `operationToPerform(entry, additionalDataNeededForCallbackFunction)`
/// for each entry, first to last.
#[no_mangle]
pub unsafe extern "C" fn list_iterateThroughListForward(
    list: *mut list_t,
    operationToPerform: list_callback,
    additionalDataNeededForCallbackFunction: *mut c_void,
) {
    // SAFETY: a live list or NULL and a callback that frees at most its own
    // entry (the header's rule for iteration).
    guard((), || unsafe { iterate(list, operationToPerform, additionalDataNeededForCallbackFunction, true) })
}

/// Calls `operationToPerform(entry, additionalDataNeededForCallbackFunction)`
/// for each entry, last to first.
#[no_mangle]
pub unsafe extern "C" fn list_iterateThroughListBackward(
    list: *mut list_t,
    operationToPerform: list_callback,
    additionalDataNeededForCallbackFunction: *mut c_void,
) {
    // SAFETY: as list_iterateThroughListForward.
    guard((), || unsafe { iterate(list, operationToPerform, additionalDataNeededForCallbackFunction, false) })
}

/// Prints the `int` an entry points to, followed by a newline, to stdout.
#[no_mangle]
pub unsafe extern "C" fn listEntry_printAsInt(listEntry: *mut listEntry_t, additionalData: *mut c_void) {
    let _ = additionalData;
    guard((), || {
        // SAFETY: `listEntry` is NULL or a live entry whose data is NULL or
        // an `int` (what this callback is for); the format takes one int.
        unsafe {
            let entry = try_ref!(void; listEntry);
            let value = try_ref!(void; entry.data as *const c_int);
            libc::printf(c"%i\n".as_ptr(), *value);
        }
    })
}

/// Frees one entry (not its data). For use as an iteration callback.
#[no_mangle]
pub unsafe extern "C" fn listEntry_free(listEntry: *mut listEntry_t, additionalData: *mut c_void) {
    let _ = additionalData;
    // SAFETY: NULL or an entry the caller hands over (unlinked, or in a list
    // it frees next), allocated by this library.
    guard((), || unsafe { alloc::free(listEntry) })
}

/// The first string in a list of strings equal to `str`, or NULL. The result
/// points into the list.
#[no_mangle]
pub unsafe extern "C" fn findStrInStrList(strList: *mut list_t, str: *const c_char) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: `str` is NULL or a C string, `strList` NULL or a live list
        // of C strings (or NULLs), none written to during the call (the
        // header's rule).
        unsafe {
            let Some(wanted) = arg_str(str) else { return ptr::null_mut() };
            let l = try_ref!(ptr::null_mut(); strList);
            let mut e = l.firstEntry;
            while let Some(entry) = arg(e) {
                let s = entry.data as *mut c_char;
                if arg_str(s) == Some(wanted) {
                    return s;
                }
                e = entry.nextListEntry;
            }
            ptr::null_mut()
        }
    })
}

/// Frees every string in a list of malloc'd strings, then the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn clear_and_free_string_list(list: *mut list_t) {
    guard((), || {
        // SAFETY: `list` is NULL or a list of malloc'd strings the caller
        // hands over to be freed, used by no one else; each entry is read
        // before the list (and so the entry) is freed.
        unsafe {
            let l = try_ref!(void; list);
            let mut e = l.firstEntry;
            while let Some(entry) = arg(e) {
                alloc::free(entry.data);
                e = entry.nextListEntry;
            }
            list_freeList(list);
        }
    })
}
