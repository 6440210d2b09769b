//! `list_t`: the doubly linked list of `void *` the generated client uses
//! for every array. Walk it with `list_ForEach(entry, list)`.

use crate::boundary::alloc;
use crate::boundary::guard::{c_bytes, check_null, guard};
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
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            check_null!(void; list);
            let mut e = (*list).firstEntry;
            while !e.is_null() {
                let next = (*e).nextListEntry;
                alloc::free(e);
                e = next;
            }
            alloc::free(list);
        })
    }
}

/// Appends `data` to `list`; false when memory ran out (nothing appended).
///
/// # Safety
/// `list` is a valid list.
pub(crate) unsafe fn append(list: *mut list_t, data: *mut c_void) -> bool {
    let e = alloc::boxed(listEntry_t { nextListEntry: ptr::null_mut(), prevListEntry: ptr::null_mut(), data });
    if e.is_null() {
        return false;
    }
    // SAFETY: per the contract; `e` is a new entry.
    unsafe {
        (*e).prevListEntry = (*list).lastEntry;
        if (*list).lastEntry.is_null() {
            (*list).firstEntry = e;
        } else {
            (*(*list).lastEntry).nextListEntry = e;
        }
        (*list).lastEntry = e;
        (*list).count += 1;
    }
    true
}

/// Appends `dataToAddInList` (the list does not take ownership of what it
/// points to). Does nothing for a NULL list.
#[no_mangle]
pub unsafe extern "C" fn list_addElement(list: *mut list_t, dataToAddInList: *mut c_void) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            check_null!(void; list);
            append(list, dataToAddInList);
        })
    }
}

/// Unlinks and frees `elementToRemove` (an entry of `list`), not its data.
#[no_mangle]
pub unsafe extern "C" fn list_removeElement(list: *mut list_t, elementToRemove: *mut listEntry_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            check_null!(void; list, elementToRemove);
            let e = elementToRemove;
            let (prev, next) = ((*e).prevListEntry, (*e).nextListEntry);
            if prev.is_null() {
                (*list).firstEntry = next;
            } else {
                (*prev).nextListEntry = next;
            }
            if next.is_null() {
                (*list).lastEntry = prev;
            } else {
                (*next).prevListEntry = prev;
            }
            (*list).count -= 1;
            alloc::free(e);
        })
    }
}

/// The entry at `indexOfElement` (0-based), or NULL when out of range. The
/// entry still belongs to the list.
#[no_mangle]
pub unsafe extern "C" fn list_getElementAt(list: *mut list_t, indexOfElement: c_long) -> *mut listEntry_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            check_null!(ptr::null_mut(); list);
            let count = (*list).count;
            if indexOfElement < 0 || indexOfElement >= count {
                return ptr::null_mut();
            }
            if indexOfElement < count / 2 {
                let mut e = (*list).firstEntry;
                for _ in 0..indexOfElement {
                    e = (*e).nextListEntry;
                }
                e
            } else {
                let mut e = (*list).lastEntry;
                for _ in 0..(count - 1 - indexOfElement) {
                    e = (*e).prevListEntry;
                }
                e
            }
        })
    }
}

/// Same as `list_getElementAt` with an `int` index.
#[no_mangle]
pub unsafe extern "C" fn list_getWithIndex(list: *mut list_t, index: c_int) -> *mut listEntry_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { guard(ptr::null_mut(), || list_getElementAt(list, index as c_long)) }
}

unsafe fn iterate(list: *mut list_t, f: list_callback, data: *mut c_void, forward: bool) {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        let (Some(f), false) = (f, list.is_null()) else { return };
        let mut e = if forward { (*list).firstEntry } else { (*list).lastEntry };
        while !e.is_null() {
            // Read the neighbour first: the callback may free the entry.
            let next = if forward { (*e).nextListEntry } else { (*e).prevListEntry };
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
    // SAFETY: the arguments are as the header documents them.
    unsafe { guard((), || iterate(list, operationToPerform, additionalDataNeededForCallbackFunction, true)) }
}

/// Calls `operationToPerform(entry, additionalDataNeededForCallbackFunction)`
/// for each entry, last to first.
#[no_mangle]
pub unsafe extern "C" fn list_iterateThroughListBackward(
    list: *mut list_t,
    operationToPerform: list_callback,
    additionalDataNeededForCallbackFunction: *mut c_void,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { guard((), || iterate(list, operationToPerform, additionalDataNeededForCallbackFunction, false)) }
}

/// Prints the `int` an entry points to, followed by a newline, to stdout.
#[no_mangle]
pub unsafe extern "C" fn listEntry_printAsInt(listEntry: *mut listEntry_t, additionalData: *mut c_void) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        let _ = additionalData;
        guard((), || {
            check_null!(void; listEntry);
            let data = (*listEntry).data as *const c_int;
            check_null!(void; data);
            libc::printf(c"%i\n".as_ptr(), *data);
        })
    }
}

/// Frees one entry (not its data). For use as an iteration callback.
#[no_mangle]
pub unsafe extern "C" fn listEntry_free(listEntry: *mut listEntry_t, additionalData: *mut c_void) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            let _ = additionalData;
            alloc::free(listEntry);
        })
    }
}

/// The first string in a list of strings equal to `str`, or NULL. The result
/// points into the list.
#[no_mangle]
pub unsafe extern "C" fn findStrInStrList(strList: *mut list_t, str: *const c_char) -> *mut c_char {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            let Some(wanted) = c_bytes(str) else { return ptr::null_mut() };
            check_null!(ptr::null_mut(); strList);
            let mut e = (*strList).firstEntry;
            while !e.is_null() {
                let s = (*e).data as *mut c_char;
                if c_bytes(s) == Some(wanted) {
                    return s;
                }
                e = (*e).nextListEntry;
            }
            ptr::null_mut()
        })
    }
}

/// Frees every string in a list of malloc'd strings, then the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn clear_and_free_string_list(list: *mut list_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            check_null!(void; list);
            let mut e = (*list).firstEntry;
            while !e.is_null() {
                alloc::free((*e).data);
                e = (*e).nextListEntry;
            }
            list_freeList(list);
        })
    }
}
