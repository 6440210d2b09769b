//! Auto-pagination: `ProjectsAPI_forEach*` walk every page of the list
//! calls, following `after = last_id` (or `after = next` in the newer
//! lists, `page = next` in the token-paged ones) until `has_more` is false
//! or a page names no next one; a token page with no data but a `next` is
//! followed, as OpenAI's SDKs follow it. One walker serves
//! them all: it finds a page's `data`, cursor and `has_more` through the
//! list response's model table.

use super::engine::{failure, refuse};
use crate::boundary::error::ErrorKind;
use crate::client::structs::apiClient_t;
use crate::support::list::list_t;
use crate::wire::model::{free_def, CModel, ModelDef};
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// The byte offset of the field named `key` in `def`, if it has one.
fn find(def: &ModelDef, key: &str) -> Option<usize> {
    def.fields.iter().find(|f| f.key.to_bytes() == key.as_bytes()).map(|f| f.offset)
}

/// The byte offset of the field named `key` in `def`.
fn offset(def: &ModelDef, key: &str) -> usize {
    find(def, key).unwrap_or_else(|| panic!("{} has no field {key}", def.name))
}

/// Calls `fetch(after)` page after page and `visit(item, user_data)` for
/// each item. Returns the number of items visited, or -1 when a page could
/// not be fetched (the error API says why).
///
/// # Safety
/// `client` is NULL or a client; `fetch` returns NULL or a new page of the
/// model `L` (its `data` a list of `T`); `visit` may do anything with the
/// item it is given but free it or its page.
pub(crate) unsafe fn walk<L: CModel, T>(
    client: *mut apiClient_t,
    fetch: impl FnMut(*mut c_char) -> *mut L,
    visit: Option<unsafe extern "C" fn(*mut T, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: `walk`'s contract is `walk_from`'s with no start and no
    // cursor handed back.
    unsafe { walk_from(client, ptr::null_mut(), ptr::null_mut(), fetch, visit, user_data) }
}

/// Like [`walk`], for the walkers that can resume a long export: the walk
/// starts at `start` (NULL: the first page) and follows the page's cursor
/// (`last_id`, `next` or `next_page`). When `next_out` is not NULL it
/// receives a new string (or NULL): the cursor of the page the walk stopped
/// on (visit returned non-zero, or the page could not be fetched), or after
/// the last page that page's own cursor.
///
/// # Safety
/// As for [`walk`]; `start` is NULL or a C string, `next_out` NULL or a
/// writable `char *`.
pub(crate) unsafe fn walk_from<L: CModel, T>(
    client: *mut apiClient_t,
    start: *mut c_char,
    next_out: *mut *mut c_char,
    mut fetch: impl FnMut(*mut c_char) -> *mut L,
    visit: Option<unsafe extern "C" fn(*mut T, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // No cancellation while the walk runs (crate::boundary::process), the program's
    // `visit` included.
    let _no_cancel = crate::boundary::process::NoCancel::new();
    // The client cannot be freed from `visit` (crate::client::slot::Pin).
    // SAFETY: NULL or a client (the contract).
    let _pin = unsafe { crate::client::slot::pin(client) };
    // SAFETY: each page is a new struct of the model `L` (`def`), read at the
    // offsets its table gives and freed once, after its items were visited;
    // its `data` list and their entries belong to it; `next_out` and `start`
    // are as the contract says.
    unsafe {
        let def = &L::DEF;
        let cursor_at =
            ["last_id", "next", "next_page"].iter().find_map(|k| find(def, k)).unwrap_or_else(|| panic!("{} has no cursor", def.name));
        let (data_at, more_at) = (offset(def, "data"), offset(def, "has_more"));
        if !next_out.is_null() {
            *next_out = ptr::null_mut();
        }
        let hand_back = |cursor: &Option<CString>| {
            if !next_out.is_null() {
                *next_out = cursor.as_ref().map_or(ptr::null_mut(), |c| crate::boundary::alloc::c_string(c.as_bytes()));
            }
        };
        let Some(visit) = visit else {
            refuse(client, "the visit function is NULL");
            return -1;
        };
        let mut cursor: Option<CString> = crate::boundary::ptr::arg_str(start).map(|b| CString::new(b).unwrap_or_default());
        // Loops in the server's cursors are found as Brent's algorithm
        // finds them: one cursor kept (the one at the last power of two
        // pages), so the walk's memory does not grow with its length; a
        // loop is found within twice its length after it starts.
        let mut kept = cursor.clone();
        let (mut power, mut steps) = (1u64, 0u64);
        let mut visited: c_int = 0;
        loop {
            let page = fetch(cursor.as_ref().map_or(ptr::null_mut(), |a| a.as_ptr() as *mut c_char)) as *mut u8;
            if page.is_null() {
                hand_back(&cursor);
                return -1;
            }
            let data = *(page.add(data_at) as *const *mut list_t);
            let mut entry = if data.is_null() { ptr::null_mut() } else { (*data).firstEntry };
            while !entry.is_null() {
                let item = (*entry).data as *mut T;
                entry = (*entry).nextListEntry;
                visited = visited.saturating_add(1);
                if visit(item, user_data) != 0 {
                    free_def(def, page);
                    hand_back(&cursor);
                    return visited;
                }
            }
            let last = *(page.add(cursor_at) as *const *const c_char);
            let next = (!last.is_null()).then(|| CStr::from_ptr(last).to_owned());
            let more = *(page.add(more_at) as *const c_int) != 0;
            free_def(def, page);
            // An empty page of a cursor list names no cursor (`last_id` null);
            // one of a token list may, and is followed. A server whose pages
            // loop is caught below.
            if !more || next.is_none() {
                hand_back(&next);
                return visited;
            }
            let next = next.unwrap_or_default();
            if kept.as_ref() == Some(&next) {
                let message = format!("the list's cursor repeated ({}): the server's pages loop", next.to_string_lossy());
                failure(client, ErrorKind::InvalidResponse, &message);
                hand_back(&cursor);
                return -1;
            }
            steps += 1;
            if steps == power {
                kept = Some(next.clone());
                power = power.saturating_mul(2);
                steps = 0;
            }
            cursor = Some(next);
        }
    }
}
