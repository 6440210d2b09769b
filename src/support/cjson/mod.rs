//! cJSON 1.7.7's API, as the generated client's library exports it: same struct layout, type
//! bits and function signatures. Nodes and strings come from malloc, so a
//! tree can be freed with `cJSON_Delete` and printed text with `free()`.

mod more;
pub use more::*;
mod parse;
pub(crate) mod print;

pub(crate) use parse::{decimal_to_f64, saturate};

use crate::boundary::alloc;
use crate::boundary::guard::{check_null, guard};
use crate::boundary::ptr::{arg, arg_str};
use std::cell::Cell;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// The cJSON version this API follows: 1.
pub const CJSON_VERSION_MAJOR: c_int = 1;
/// The cJSON version this API follows: 7.
pub const CJSON_VERSION_MINOR: c_int = 7;
/// The cJSON version this API follows: 7.
pub const CJSON_VERSION_PATCH: c_int = 7;
/// Arrays and objects nested deeper than this are refused by the parser.
pub const CJSON_NESTING_LIMIT: c_int = 1000;

/// The type of an item that is no JSON value (a zeroed item).
pub const cJSON_Invalid: c_int = 0;
/// The type of `false`.
pub const cJSON_False: c_int = 1 << 0;
/// The type of `true`.
pub const cJSON_True: c_int = 1 << 1;
/// The type of `null`.
pub const cJSON_NULL: c_int = 1 << 2;
/// The type of a number (`valuedouble`, `valueint`).
pub const cJSON_Number: c_int = 1 << 3;
/// The type of a string (`valuestring`).
pub const cJSON_String: c_int = 1 << 4;
/// The type of an array (items in `child`).
pub const cJSON_Array: c_int = 1 << 5;
/// The type of an object (members in `child`, keys in their `string`).
pub const cJSON_Object: c_int = 1 << 6;
/// The type of raw JSON text printed as is (`valuestring`).
pub const cJSON_Raw: c_int = 1 << 7;
/// `valuestring`/`child` belong to someone else: `cJSON_Delete` leaves them.
pub const cJSON_IsReference: c_int = 256;
/// `string` is a constant key: `cJSON_Delete` does not free it.
pub const cJSON_StringIsConst: c_int = 512;

/// cJSON's boolean: 0 is false, anything else true.
pub type cJSON_bool = c_int;

/// One JSON value. Arrays and objects hold their items in `child`, linked by
/// `next`/`prev`; an object item's key is in `string`.
#[repr(C)]
pub struct cJSON {
    /// The next item in an array or object.
    pub next: *mut cJSON,
    /// The previous item in an array or object.
    pub prev: *mut cJSON,
    /// The first item of an array or object.
    pub child: *mut cJSON,
    /// The item's type (`cJSON_String`, ...) and flags.
    pub r#type: c_int,
    /// The text of a string item.
    pub valuestring: *mut c_char,
    /// A number item's value as an int (saturated).
    pub valueint: c_int,
    /// A number item's value.
    pub valuedouble: f64,
    /// The item's key in its object.
    pub string: *mut c_char,
}

/// Allocator hooks of cJSON. This library always uses malloc/free (so that
/// every result can be released with `free()`); see `cJSON_InitHooks`.
#[repr(C)]
pub struct cJSON_Hooks {
    /// The allocator cJSON would use (ignored here).
    pub malloc_fn: Option<unsafe extern "C" fn(sz: usize) -> *mut c_void>,
    /// The deallocator cJSON would use (ignored here).
    pub free_fn: Option<unsafe extern "C" fn(ptr: *mut c_void)>,
}

pub(crate) fn new_item() -> *mut cJSON {
    alloc::calloc::<cJSON>()
}

fn new_typed(ty: c_int) -> *mut cJSON {
    let item = new_item();
    if !item.is_null() {
        // SAFETY: a new item from calloc.
        unsafe { (*item).r#type = ty };
    }
    item
}

/// Where the last failed parse on this thread stopped (cJSON keeps it in a
/// global; here each thread has its own).
struct ErrorPtr(Cell<*const c_char>);
thread_local! {
    static ERROR_PTR: ErrorPtr = const { ErrorPtr(Cell::new(ptr::null())) };
}

/// "1.7.7": the cJSON version this API follows. Static; do not free.
#[no_mangle]
pub extern "C" fn cJSON_Version() -> *const c_char {
    guard(ptr::null(), || c"1.7.7".as_ptr())
}

/// Accepted for compatibility and ignored: this library always allocates with
/// malloc and frees with free, so that callers may free results with `free()`.
#[no_mangle]
pub extern "C" fn cJSON_InitHooks(hooks: *mut cJSON_Hooks) {
    guard((), || {
        let _ = hooks;
    })
}

/// Parses NUL-terminated JSON text. Returns a new tree the caller frees with
/// `cJSON_Delete`, or NULL; then `cJSON_GetErrorPtr()` points at the failure.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Parse(value: *const c_char) -> *mut cJSON {
    // SAFETY: `value` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || cJSON_ParseWithOpts(value, ptr::null_mut(), 0)) }
}

/// Like `cJSON_Parse`; also stores where parsing stopped in
/// `*return_parse_end` (if not NULL) and, when `require_null_terminated` is
/// true, fails on anything but whitespace after the value.
#[no_mangle]
pub unsafe extern "C" fn cJSON_ParseWithOpts(
    value: *const c_char,
    return_parse_end: *mut *const c_char,
    require_null_terminated: cJSON_bool,
) -> *mut cJSON {
    // SAFETY: `value` is NULL or a C string, only read; `return_parse_end` NULL or a writable
    // `const char *` (the header's rule).
    unsafe {
        guard(ptr::null_mut(), || {
            ERROR_PTR.with(|e| e.0.set(ptr::null()));
            check_null!(ptr::null_mut(); value);
            let len = libc::strlen(value);
            let text = std::slice::from_raw_parts(value as *const u8, len + 1);
            let (tree, end) = parse_bytes(text, require_null_terminated != 0);
            let at = value.add(end);
            if tree.is_null() {
                ERROR_PTR.with(|e| e.0.set(at));
            }
            if !return_parse_end.is_null() {
                *return_parse_end = at;
            }
            tree
        })
    }
}

/// Parses `text`, which must end with a NUL byte. Returns the tree (or NULL)
/// and the offset where parsing stopped or failed.
///
/// # Safety
/// `text` ends with a NUL byte (the whole input, alive for the call).
pub(crate) unsafe fn parse_bytes(text: &[u8], require_end: bool) -> (*mut cJSON, usize) {
    // SAFETY: parse_bytes's contract: the parser reads `text` up to its NUL; the items it makes are
    // new.
    unsafe {
        let mut b = parse::Buffer::new(text);
        let item = new_item();
        if item.is_null() {
            return (item, 0);
        }
        b.skip_bom();
        b.skip_whitespace();
        let mut ok = parse::parse_value(item, &mut b);
        if ok && require_end {
            b.skip_whitespace();
            ok = b.offset < b.len() && text[b.offset] == 0;
        }
        if ok {
            (item, b.offset)
        } else {
            cJSON_Delete(item);
            (ptr::null_mut(), b.error_position())
        }
    }
}

/// Where the last failed `cJSON_Parse` on this thread stopped, or NULL after a
/// success. Points into the caller's text.
#[no_mangle]
pub extern "C" fn cJSON_GetErrorPtr() -> *const c_char {
    guard(ptr::null(), || ERROR_PTR.with(|e| e.0.get()))
}

/// The text of `item` as a malloc'd string (the caller frees it with `free`
/// or `cJSON_free`), or NULL.
///
/// # Safety
/// `item` is NULL or a live cJSON tree, unchanged for the call.
pub(crate) unsafe fn print_alloc(item: *const cJSON, format: bool) -> *mut c_char {
    // SAFETY: print_alloc's contract: the tree is only read; the text is a new allocation.
    unsafe {
        if item.is_null() {
            return ptr::null_mut();
        }
        let mut out = Vec::with_capacity(256);
        if print::print_value(item, format, 0, &mut out) {
            alloc::c_string(&out)
        } else {
            ptr::null_mut()
        }
    }
}

/// Formatted JSON text (tabs and newlines, as cJSON prints it). The caller
/// frees the result with `free()`. NULL for a NULL item.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Print(item: *const cJSON) -> *mut c_char {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(ptr::null_mut(), || print_alloc(item, true)) }
}

/// Compact JSON text. The caller frees the result with `free()`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_PrintUnformatted(item: *const cJSON) -> *mut c_char {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(ptr::null_mut(), || print_alloc(item, false)) }
}

/// Like `cJSON_Print`/`cJSON_PrintUnformatted` (`fmt` chooses); `prebuffer` is
/// only a size hint.
#[no_mangle]
pub unsafe extern "C" fn cJSON_PrintBuffered(item: *const cJSON, prebuffer: c_int, fmt: cJSON_bool) -> *mut c_char {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe {
        let _ = prebuffer;
        guard(ptr::null_mut(), || print_alloc(item, fmt != 0))
    }
}

/// Prints into the caller's `buffer` of `length` bytes. Returns 1 when the
/// text and its NUL fit, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_PrintPreallocated(item: *mut cJSON, buffer: *mut c_char, length: c_int, format: cJSON_bool) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read;
    // `buffer` is NULL or `length` writable bytes (the header's rule).
    unsafe {
        guard(0, || {
            check_null!(0; item, buffer);
            let mut out = Vec::new();
            if length < 0 || !print::print_value(item, format != 0, 0, &mut out) || out.len() + 1 > length as usize {
                return 0;
            }
            ptr::copy_nonoverlapping(out.as_ptr(), buffer as *mut u8, out.len());
            *buffer.add(out.len()) = 0;
            1
        })
    }
}

/// Frees `item`, its siblings after it and everything they hold (but not
/// what is marked as a reference or a constant key). NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Delete(item: *mut cJSON) {
    // SAFETY: `item` is NULL or a tree of this library's cJSON items the caller hands over, in no
    // other tree (the header's rule).
    unsafe { guard((), || delete(item)) }
}

/// What `cJSON_Delete` does, for the library's own trees (no guard at each
/// level: the caller's guard covers it).
///
/// # Safety
/// `item` is NULL or a tree of this library's cJSON items no one else
/// uses, in no other tree.
pub(crate) unsafe fn delete(mut item: *mut cJSON) {
    // SAFETY: delete's contract: each item is read before it is freed, and
    // freed once.
    unsafe {
        while !item.is_null() {
            let next = (*item).next;
            let ty = (*item).r#type;
            if ty & cJSON_IsReference == 0 {
                if !(*item).child.is_null() {
                    delete((*item).child);
                }
                alloc::free((*item).valuestring);
            }
            if ty & cJSON_StringIsConst == 0 {
                alloc::free((*item).string);
            }
            alloc::free(item);
            item = next;
        }
    }
}

/// # Safety
/// `array` is NULL or a live cJSON item whose children stay linked while the iterator is used.
unsafe fn children(array: *const cJSON) -> impl Iterator<Item = *mut cJSON> {
    // SAFETY: children's contract: `array` is NULL or a live item; each child
    // is read (its `next`) before it is yielded.
    let mut c = unsafe { arg(array) }.map_or(ptr::null_mut(), |a| a.child);
    std::iter::from_fn(move || {
        // SAFETY: children's contract: `c` is NULL or a live child of `array`.
        let cur = unsafe { arg(c) }?;
        let at = c;
        c = cur.next;
        Some(at)
    })
}

/// The number of items of an array or object (0 for NULL).
#[no_mangle]
pub unsafe extern "C" fn cJSON_GetArraySize(array: *const cJSON) -> c_int {
    // SAFETY: `array` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || children(array).count() as c_int) }
}

/// Item `index` (0-based) of an array or object, or NULL. Still owned by the tree.
#[no_mangle]
pub unsafe extern "C" fn cJSON_GetArrayItem(array: *const cJSON, index: c_int) -> *mut cJSON {
    // SAFETY: `array` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe {
        guard(ptr::null_mut(), || {
            if index < 0 {
                return ptr::null_mut();
            }
            children(array).nth(index as usize).unwrap_or(ptr::null_mut())
        })
    }
}

/// # Safety
/// `object` is NULL or a live cJSON item; `key` NULL or a C string.
unsafe fn find_key(object: *const cJSON, key: *const c_char, case_sensitive: bool) -> *mut cJSON {
    // SAFETY: find_key's contract: the object's children and their keys are only read.
    unsafe {
        let Some(key) = arg_str(key) else { return ptr::null_mut() };
        children(object)
            .find(|&c| match arg(c).and_then(|c| arg_str(c.string)) {
                Some(k) if case_sensitive => k == key,
                Some(k) => k.eq_ignore_ascii_case(key),
                None => false,
            })
            .unwrap_or(ptr::null_mut())
    }
}

/// The first member named `string` (ASCII case ignored), or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_GetObjectItem(object: *const cJSON, string: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON tree the caller keeps unchanged for the call, only read;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || find_key(object, string, false)) }
}

/// The first member named exactly `string`, or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_GetObjectItemCaseSensitive(object: *const cJSON, string: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON tree the caller keeps unchanged for the call, only read;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || find_key(object, string, true)) }
}

/// 1 when the object has a member named `string` (ASCII case ignored).
#[no_mangle]
pub unsafe extern "C" fn cJSON_HasObjectItem(object: *const cJSON, string: *const c_char) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON tree the caller keeps unchanged for the call, only read;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(0, || !find_key(object, string, false).is_null() as c_int) }
}

/// # Safety
/// `item` is NULL or a live cJSON item.
unsafe fn has_type(item: *const cJSON, mask: c_int) -> cJSON_bool {
    // SAFETY: has_type's contract: NULL or a live item, only its type read.
    unsafe { arg(item) }.is_some_and(|i| i.r#type & 0xFF & mask != 0) as c_int
}

/// 1 for an item of invalid type (type 0); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsInvalid(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    guard(0, || unsafe { arg(item) }.is_some_and(|i| i.r#type & 0xFF == cJSON_Invalid) as c_int)
}
/// 1 when `item` is `false`; 0 otherwise or for NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsFalse(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_False)) }
}
/// 1 when `item` is `true`; 0 otherwise or for NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsTrue(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_True)) }
}
/// 1 for `true` or `false`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsBool(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_True | cJSON_False)) }
}
/// 1 when `item` is `null`; 0 otherwise or for NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsNull(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_NULL)) }
}
/// 1 for a number.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsNumber(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_Number)) }
}
/// 1 for a string.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsString(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_String)) }
}
/// 1 for an array.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsArray(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_Array)) }
}
/// 1 for an object.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsObject(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_Object)) }
}
/// 1 for a raw JSON fragment.
#[no_mangle]
pub unsafe extern "C" fn cJSON_IsRaw(item: *const cJSON) -> cJSON_bool {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(0, || has_type(item, cJSON_Raw)) }
}

/// A new `null` item (free with `cJSON_Delete` unless added to a tree).
#[no_mangle]
pub extern "C" fn cJSON_CreateNull() -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(cJSON_NULL))
}
/// A new `true` item.
#[no_mangle]
pub extern "C" fn cJSON_CreateTrue() -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(cJSON_True))
}
/// A new `false` item.
#[no_mangle]
pub extern "C" fn cJSON_CreateFalse() -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(cJSON_False))
}
/// A new `true` (non-zero `boolean`) or `false` item.
#[no_mangle]
pub extern "C" fn cJSON_CreateBool(boolean: cJSON_bool) -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(if boolean != 0 { cJSON_True } else { cJSON_False }))
}
/// A new number item.
#[no_mangle]
pub extern "C" fn cJSON_CreateNumber(num: f64) -> *mut cJSON {
    guard(ptr::null_mut(), || {
        let item = new_typed(cJSON_Number);
        if !item.is_null() {
            // SAFETY: a new item from calloc.
            unsafe {
                (*item).valuedouble = num;
                (*item).valueint = saturate(num);
            }
        }
        item
    })
}

/// # Safety
/// `text` is NULL or a C string.
unsafe fn new_with_text(ty: c_int, text: *const c_char) -> *mut cJSON {
    // SAFETY: new_with_text's contract: `text` is copied into the new item.
    unsafe {
        let copy = alloc::strdup(text);
        if copy.is_null() {
            return ptr::null_mut();
        }
        let item = new_typed(ty);
        if item.is_null() {
            alloc::free(copy);
        } else {
            (*item).valuestring = copy;
        }
        item
    }
}

/// A new string item holding a copy of `string`; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateString(string: *const c_char) -> *mut cJSON {
    // SAFETY: `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || new_with_text(cJSON_String, string)) }
}
/// A new raw item: `raw` is copied and printed as is.
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateRaw(raw: *const c_char) -> *mut cJSON {
    // SAFETY: `raw` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || new_with_text(cJSON_Raw, raw)) }
}
/// A new empty array.
#[no_mangle]
pub extern "C" fn cJSON_CreateArray() -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(cJSON_Array))
}
/// A new empty object.
#[no_mangle]
pub extern "C" fn cJSON_CreateObject() -> *mut cJSON {
    guard(ptr::null_mut(), || new_typed(cJSON_Object))
}

// The functions below that cJSON 1.7.7 declares `void` and 1.7.15 (the
// systems' cJSON) `cJSON_bool` return the `cJSON_bool`: a program built
// against either version works whichever library the link takes the
// symbol from. The header keeps 1.7.7's declarations (`after_includes` in
// cbindgen.toml), so they are left out of cbindgen's.

/// cbindgen:ignore
/// Appends `item` to `array`'s children; the array now owns it. 1 when
/// done, 0 for a NULL argument or an array added to itself (as 1.7.15).
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddItemToArray(array: *mut cJSON, item: *mut cJSON) -> cJSON_bool {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `item` is NULL or an item in no tree, which the container takes over (the header's rule).
    unsafe { guard(0, || add_to_array(array, item) as cJSON_bool) }
}

/// # Safety
/// As for `cJSON_AddItemToArray`.
pub(crate) unsafe fn add_to_array(array: *mut cJSON, item: *mut cJSON) -> bool {
    // SAFETY: add_to_array's contract: as for `cJSON_AddItemToArray`.
    unsafe {
        {
            if array.is_null() || item.is_null() || array == item {
                return false;
            }
            (*item).next = ptr::null_mut();
            match children(array).last() {
                None => {
                    (*array).child = item;
                    (*item).prev = ptr::null_mut();
                }
                Some(last) => {
                    (*last).next = item;
                    (*item).prev = last;
                }
            }
            true
        }
    }
}

/// cbindgen:ignore
/// Appends `item` under a copy of the key `string`; the object owns `item`.
/// 1 when done, 0 otherwise (as `cJSON_AddItemToArray`).
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddItemToObject(object: *mut cJSON, string: *const c_char, item: *mut cJSON) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string, only read; `item` is NULL or an item in no tree, which the
    // container takes over (the header's rule).
    unsafe { guard(0, || add_to_object(object, string, item) as cJSON_bool) }
}

/// # Safety
/// As for `cJSON_AddItemToObject`.
pub(crate) unsafe fn add_to_object(object: *mut cJSON, string: *const c_char, item: *mut cJSON) -> bool {
    // SAFETY: add_to_object's contract: as for `cJSON_AddItemToObject`.
    unsafe {
        if object.is_null() || string.is_null() || item.is_null() || object == item {
            return false;
        }
        let key = alloc::strdup(string);
        if key.is_null() {
            return false;
        }
        if (*item).r#type & cJSON_StringIsConst == 0 {
            alloc::free((*item).string);
        }
        (*item).string = key;
        (*item).r#type &= !cJSON_StringIsConst;
        add_to_array(object, item)
    }
}

/// cbindgen:ignore
/// Like `cJSON_AddItemToObject`, but the key is not copied: `string` must
/// outlive the tree (use it with string literals).
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddItemToObjectCS(object: *mut cJSON, string: *const c_char, item: *mut cJSON) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string that outlives the object (kept, not copied: the function's
    // documented rule); `item` is NULL or an item in no tree, which the container takes over (the
    // header's rule).
    unsafe {
        guard(0, || {
            if object.is_null() || string.is_null() || item.is_null() || object == item {
                return 0;
            }
            if (*item).r#type & cJSON_StringIsConst == 0 {
                alloc::free((*item).string);
            }
            (*item).string = string as *mut c_char;
            (*item).r#type |= cJSON_StringIsConst;
            add_to_array(object, item) as cJSON_bool
        })
    }
}

/// # Safety
/// `parent` is NULL or a live cJSON item no one else uses during the call; `item` NULL or one of its children.
unsafe fn detach(parent: *mut cJSON, item: *mut cJSON) -> *mut cJSON {
    // SAFETY: detach's contract: `item` is unlinked from `parent`'s live children, and becomes the
    // caller's.
    unsafe {
        if parent.is_null() || item.is_null() {
            return ptr::null_mut();
        }
        if !(*item).prev.is_null() {
            (*(*item).prev).next = (*item).next;
        }
        if !(*item).next.is_null() {
            (*(*item).next).prev = (*item).prev;
        }
        if item == (*parent).child {
            (*parent).child = (*item).next;
        }
        (*item).prev = ptr::null_mut();
        (*item).next = ptr::null_mut();
        item
    }
}

/// Removes item `which` from the array and returns it; the caller owns it now.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DetachItemFromArray(array: *mut cJSON, which: c_int) -> *mut cJSON {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it
    // (the header's rule).
    unsafe { guard(ptr::null_mut(), || detach(array, cJSON_GetArrayItem(array, which))) }
}
/// Removes item `which` from the array and frees it.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DeleteItemFromArray(array: *mut cJSON, which: c_int) {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it
    // (the header's rule).
    unsafe { guard((), || cJSON_Delete(cJSON_DetachItemFromArray(array, which))) }
}
/// Removes the member named `string` (ASCII case ignored) and returns it.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DetachItemFromObject(object: *mut cJSON, string: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || detach(object, find_key(object, string, false))) }
}
/// Removes the member named exactly `string` and returns it.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DetachItemFromObjectCaseSensitive(object: *mut cJSON, string: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || detach(object, find_key(object, string, true))) }
}
/// Removes the member named `string` (ASCII case ignored) and frees it.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DeleteItemFromObject(object: *mut cJSON, string: *const c_char) {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard((), || cJSON_Delete(cJSON_DetachItemFromObject(object, string))) }
}
/// Removes the member named exactly `string` and frees it.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DeleteItemFromObjectCaseSensitive(object: *mut cJSON, string: *const c_char) {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` is NULL or a C string, only read (the header's rule).
    unsafe { guard((), || cJSON_Delete(cJSON_DetachItemFromObjectCaseSensitive(object, string))) }
}

/// # Safety
/// `item` is NULL or a live cJSON tree, unchanged for the call.
unsafe fn duplicate(item: *const cJSON, recurse: bool, depth: usize) -> *mut cJSON {
    // SAFETY: duplicate's contract: the tree is only read; every copy is new.
    unsafe {
        if item.is_null() || depth > parse::NESTING_LIMIT {
            return ptr::null_mut();
        }
        let copy = new_typed((*item).r#type & !cJSON_IsReference);
        if copy.is_null() {
            return copy;
        }
        (*copy).valueint = (*item).valueint;
        (*copy).valuedouble = (*item).valuedouble;
        let failed = 'copy: {
            if !(*item).valuestring.is_null() {
                (*copy).valuestring = alloc::strdup((*item).valuestring);
                if (*copy).valuestring.is_null() {
                    break 'copy true;
                }
            }
            if !(*item).string.is_null() {
                (*copy).string = if (*item).r#type & cJSON_StringIsConst != 0 { (*item).string } else { alloc::strdup((*item).string) };
                if (*copy).string.is_null() {
                    break 'copy true;
                }
            }
            if recurse {
                for child in children(item) {
                    let c = duplicate(child, true, depth + 1);
                    if c.is_null() {
                        break 'copy true;
                    }
                    add_to_array(copy, c);
                }
            }
            false
        };
        if failed {
            cJSON_Delete(copy);
            return ptr::null_mut();
        }
        copy
    }
}

/// A new copy of `item` (with its children when `recurse` is true) that the
/// caller frees with `cJSON_Delete`. The copy has no siblings.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Duplicate(item: *const cJSON, recurse: cJSON_bool) -> *mut cJSON {
    // SAFETY: `item` is NULL or a cJSON tree the caller keeps unchanged for the call, only read
    // (the header's rule).
    unsafe { guard(ptr::null_mut(), || duplicate(item, recurse != 0, 0)) }
}

/// An object's first member of each name: looked up in place for a small
/// object, through an index for a wide one (so a comparison stays linear).
enum Members {
    Few(*const cJSON, bool),
    Many(std::collections::HashMap<Vec<u8>, *mut cJSON>, bool),
}

impl Members {
    /// Wider than this, an object is indexed.
    const FEW: usize = 16;

    /// # Safety
    /// `object` is a valid object item.
    unsafe fn new(object: *const cJSON, case_sensitive: bool) -> Members {
        // SAFETY: new's contract: `object` is a valid object item.
        unsafe {
            if children(object).nth(Self::FEW).is_none() {
                return Members::Few(object, case_sensitive);
            }
            let mut index = std::collections::HashMap::new();
            for m in children(object) {
                if let Some(k) = arg_str((*m).string) {
                    index.entry(Self::key(k, case_sensitive)).or_insert(m);
                }
            }
            Members::Many(index, case_sensitive)
        }
    }

    fn key(k: &[u8], case_sensitive: bool) -> Vec<u8> {
        if case_sensitive {
            k.to_vec()
        } else {
            k.to_ascii_lowercase()
        }
    }

    /// The first member named `name` (NULL: none, or a NULL name).
    ///
    /// # Safety
    /// `name` is NULL or NUL-terminated.
    unsafe fn first(&self, name: *const c_char) -> *mut cJSON {
        // SAFETY: first's contract: `name` is NULL or NUL-terminated.
        unsafe {
            match self {
                Members::Few(object, case_sensitive) => find_key(*object, name, *case_sensitive),
                Members::Many(index, case_sensitive) => match arg_str(name) {
                    Some(k) => index.get(&Self::key(k, *case_sensitive)).copied().unwrap_or(ptr::null_mut()),
                    None => ptr::null_mut(),
                },
            }
        }
    }
}

/// # Safety
/// `a` and `b` are NULL or live cJSON trees, unchanged for the call.
unsafe fn compare(a: *const cJSON, b: *const cJSON, case_sensitive: bool) -> bool {
    // SAFETY: compare's contract: both trees are only read.
    unsafe {
        if a.is_null() || b.is_null() {
            return false;
        }
        let ty = (*a).r#type & 0xFF;
        if ty != (*b).r#type & 0xFF || ty == cJSON_Invalid {
            return false;
        }
        if a == b {
            return true;
        }
        match ty {
            cJSON_False | cJSON_True | cJSON_NULL => true,
            cJSON_Number => (*a).valuedouble == (*b).valuedouble,
            cJSON_String | cJSON_Raw => match (arg_str((*a).valuestring), arg_str((*b).valuestring)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
            cJSON_Array => {
                let (mut x, mut y) = (children(a), children(b));
                loop {
                    match (x.next(), y.next()) {
                        (None, None) => return true,
                        (Some(p), Some(q)) if compare(p, q, case_sensitive) => {}
                        _ => return false,
                    }
                }
            }
            cJSON_Object => {
                // As cJSON 1.7.7: each member of `a` equals `b`'s first member
                // of its name, then each member of `b` equals `a`'s first of
                // its name. Each first member of `b` was compared in the first
                // pass, so only a repeated name is compared again: the work is
                // linear in the trees' size (1.7.7 doubles it at each level).
                let (in_a, in_b) = (Members::new(a, case_sensitive), Members::new(b, case_sensitive));
                children(a).all(|m| {
                    let other = in_b.first((*m).string);
                    !other.is_null() && compare(m, other, case_sensitive)
                }) && children(b).all(|m| {
                    let other = in_a.first((*m).string);
                    !other.is_null() && (in_b.first((*m).string) == m || compare(m, other, case_sensitive))
                })
            }
            _ => false,
        }
    }
}

/// 1 when the two trees hold equal JSON (`case_sensitive` decides how keys
/// compare), 0 otherwise or when either is NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Compare(a: *const cJSON, b: *const cJSON, case_sensitive: cJSON_bool) -> cJSON_bool {
    // SAFETY: `a` is NULL or a cJSON tree the caller keeps unchanged for the call, only read; `b`
    // is NULL or a cJSON tree the caller keeps unchanged for the call, only read (the header's
    // rule).
    unsafe { guard(0, || compare(a, b, case_sensitive != 0) as c_int) }
}

/// Removes whitespace and C or C++ style comments from JSON text in place.
#[no_mangle]
pub unsafe extern "C" fn cJSON_Minify(json: *mut c_char) {
    // SAFETY: `json` is NULL or a writable C string, shortened in place (the header's rule).
    unsafe {
        guard((), || {
            check_null!(void; json);
            let len = libc::strlen(json);
            let s = std::slice::from_raw_parts_mut(json as *mut u8, len + 1);
            let (mut r, mut w) = (0, 0);
            while s[r] != 0 {
                match s[r] {
                    b' ' | b'\t' | b'\r' | b'\n' => r += 1,
                    b'/' if s[r + 1] == b'/' => {
                        while s[r] != 0 && s[r] != b'\n' {
                            r += 1;
                        }
                    }
                    b'/' if s[r + 1] == b'*' => {
                        r += 2;
                        while s[r] != 0 && !(s[r] == b'*' && s[r + 1] == b'/') {
                            r += 1;
                        }
                        if s[r] != 0 {
                            r += 2;
                        }
                    }
                    b'"' => {
                        s[w] = s[r];
                        w += 1;
                        r += 1;
                        while s[r] != 0 && s[r] != b'"' {
                            if s[r] == b'\\' && s[r + 1] != 0 {
                                s[w] = s[r];
                                w += 1;
                                r += 1;
                            }
                            s[w] = s[r];
                            w += 1;
                            r += 1;
                        }
                        if s[r] == b'"' {
                            s[w] = s[r];
                            w += 1;
                            r += 1;
                        }
                    }
                    c => {
                        s[w] = c;
                        w += 1;
                        r += 1;
                    }
                }
            }
            s[w] = 0;
        })
    }
}

/// # Safety
/// `object` is NULL or a live cJSON item no one else uses during the call; `name` NULL or a C string; `item` NULL or a new item in no tree.
unsafe fn add_new(object: *mut cJSON, name: *const c_char, item: *mut cJSON) -> *mut cJSON {
    // SAFETY: add_new's contract: `item` joins `object` under a copy of `name`, or is freed.
    unsafe {
        if object.is_null() || name.is_null() || item.is_null() {
            cJSON_Delete(item);
            return ptr::null_mut();
        }
        add_to_object(object, name, item);
        if (*item).string.is_null() {
            // The key could not be copied: the item was not added.
            cJSON_Delete(item);
            return ptr::null_mut();
        }
        item
    }
}

/// Adds `name: null`; returns the new item (owned by `object`) or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddNullToObject(object: *mut cJSON, name: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateNull())) }
}
/// Adds `name: true`; returns the new item (owned by `object`) or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddTrueToObject(object: *mut cJSON, name: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateTrue())) }
}
/// Adds `name: false`; returns the new item (owned by `object`) or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddFalseToObject(object: *mut cJSON, name: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateFalse())) }
}
/// Adds `name: true|false`; returns the new item (owned by `object`) or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddBoolToObject(object: *mut cJSON, name: *const c_char, boolean: cJSON_bool) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateBool(boolean))) }
}
/// Adds `name: number`; returns the new item (owned by `object`) or NULL.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddNumberToObject(object: *mut cJSON, name: *const c_char, number: f64) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateNumber(number))) }
}
/// Adds `name: "string"` (the string is copied).
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddStringToObject(object: *mut cJSON, name: *const c_char, string: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read; `string` is NULL or a C string, only read (the
    // header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateString(string))) }
}
/// Adds `name: raw` (the raw text is copied and printed as is).
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddRawToObject(object: *mut cJSON, name: *const c_char, raw: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read; `raw` is NULL or a C string, only read (the header's
    // rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateRaw(raw))) }
}
/// Adds `name: {}` and returns the new object.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddObjectToObject(object: *mut cJSON, name: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateObject())) }
}
/// Adds `name: []` and returns the new array.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddArrayToObject(object: *mut cJSON, name: *const c_char) -> *mut cJSON {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `name` is NULL or a C string, only read (the header's rule).
    unsafe { guard(ptr::null_mut(), || add_new(object, name, cJSON_CreateArray())) }
}

/// Sets a number item's `valuedouble` and (saturated) `valueint`; returns
/// `number`. Used by the `cJSON_SetNumberValue` macro.
#[no_mangle]
pub unsafe extern "C" fn cJSON_SetNumberHelper(object: *mut cJSON, number: f64) -> f64 {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it
    // (the header's rule).
    unsafe {
        guard(f64::NAN, || {
            if !object.is_null() {
                (*object).valueint = saturate(number);
                (*object).valuedouble = number;
            }
            number
        })
    }
}

/// malloc, for memory handed to cJSON or released with `cJSON_free`.
#[no_mangle]
pub extern "C" fn cJSON_malloc(size: usize) -> *mut c_void {
    // SAFETY: malloc has no preconditions.
    guard(ptr::null_mut(), || unsafe { libc::malloc(size) })
}

/// free, for text from `cJSON_Print` and memory from `cJSON_malloc`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_free(object: *mut c_void) {
    // SAFETY: `object` is NULL or memory this library's cJSON functions allocated, handed over to
    // be freed (the header's rule).
    unsafe { guard((), || libc::free(object)) }
}
