//! The rest of cJSON 1.7.7's API the generated client's library exports:
//! references, arrays made from C arrays, insertion and replacement.

use super::*;
use crate::boundary::ptr::arg_slice;

/// The text of a string item (still the item's), or NULL when `item` is not
/// a string.
#[no_mangle]
pub unsafe extern "C" fn cJSON_GetStringValue(item: *mut cJSON) -> *mut c_char {
    // SAFETY: `item` is NULL or a cJSON item the caller keeps for the call, only read (the header's
    // rule).
    guard(ptr::null_mut(), || match unsafe { arg(item) } {
        Some(i) if i.r#type & 0xFF & cJSON_String != 0 => i.valuestring,
        _ => ptr::null_mut(),
    })
}

/// A new item of type `ty` marked as a reference to someone else's `value`
/// (in `valuestring` or `child`).
fn new_reference(ty: c_int, text: *const c_char, child: *const cJSON) -> *mut cJSON {
    let item = new_typed(ty | cJSON_IsReference);
    if !item.is_null() {
        // SAFETY: a new item from calloc.
        unsafe {
            (*item).valuestring = text as *mut c_char;
            (*item).child = child as *mut cJSON;
        }
    }
    item
}

/// A new string item whose text is `string` itself, not a copy:
/// `cJSON_Delete` leaves it, so it must outlive the item.
#[no_mangle]
pub extern "C" fn cJSON_CreateStringReference(string: *const c_char) -> *mut cJSON {
    guard(ptr::null_mut(), || new_reference(cJSON_String, string, ptr::null()))
}

/// A new object whose members are `child` and its siblings, not copies:
/// `cJSON_Delete` leaves them.
#[no_mangle]
pub extern "C" fn cJSON_CreateObjectReference(child: *const cJSON) -> *mut cJSON {
    guard(ptr::null_mut(), || new_reference(cJSON_Object, ptr::null(), child))
}

/// A new array whose items are `child` and its siblings, not copies:
/// `cJSON_Delete` leaves them.
#[no_mangle]
pub extern "C" fn cJSON_CreateArrayReference(child: *const cJSON) -> *mut cJSON {
    guard(ptr::null_mut(), || new_reference(cJSON_Array, ptr::null(), child))
}

/// A new array of one item per element of `values`, made by `make`; NULL
/// when `values` is NULL, `count` is negative or an item cannot be made.
///
/// # Safety
/// `values` is NULL or points at `count` elements.
unsafe fn array_of<T: Copy>(values: *const T, count: c_int, make: impl Fn(T) -> *mut cJSON) -> *mut cJSON {
    let Ok(count) = usize::try_from(count) else { return ptr::null_mut() };
    // SAFETY: array_of's contract: NULL or `count` readable elements.
    let Some(values) = (unsafe { arg_slice(values, count) }) else { return ptr::null_mut() };
    let array = new_typed(cJSON_Array);
    for &value in values {
        if array.is_null() {
            break;
        }
        let item = make(value);
        if item.is_null() {
            // SAFETY: the array is ours.
            unsafe { cJSON_Delete(array) };
            return ptr::null_mut();
        }
        // SAFETY: both are ours.
        unsafe { add_to_array(array, item) };
    }
    array
}

/// A new array of `count` numbers from `numbers` (NULL for NULL or a
/// negative count).
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateIntArray(numbers: *const c_int, count: c_int) -> *mut cJSON {
    // SAFETY: `numbers` is NULL or `count` readable ints (the header's rule).
    unsafe { guard(ptr::null_mut(), || array_of(numbers, count, |n| cJSON_CreateNumber(n as f64))) }
}
/// A new array of `count` numbers from `numbers`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateFloatArray(numbers: *const f32, count: c_int) -> *mut cJSON {
    // SAFETY: `numbers` is NULL or `count` readable floats (the header's rule).
    unsafe { guard(ptr::null_mut(), || array_of(numbers, count, |n| cJSON_CreateNumber(n as f64))) }
}
/// A new array of `count` numbers from `numbers`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateDoubleArray(numbers: *const f64, count: c_int) -> *mut cJSON {
    // SAFETY: `numbers` is NULL or `count` readable doubles (the header's rule).
    unsafe { guard(ptr::null_mut(), || array_of(numbers, count, |n: f64| cJSON_CreateNumber(n))) }
}
/// A new array of copies of `count` strings from `strings` (NULL when one
/// of them is NULL).
#[no_mangle]
pub unsafe extern "C" fn cJSON_CreateStringArray(strings: *mut *const c_char, count: c_int) -> *mut cJSON {
    // SAFETY: `strings` is NULL or `count` readable pointers, each NULL or a C string, copied (the
    // header's rule).
    unsafe {
        guard(ptr::null_mut(), || {
            // Each element is NULL or a C string, per the header.
            array_of(strings, count, |s| cJSON_CreateString(s))
        })
    }
}

/// A new item that refers to what `item` holds, without a key or siblings
/// (`cJSON_Delete` of it leaves `item`'s text and children).
///
/// # Safety
/// `item` is NULL or a valid item.
unsafe fn reference_to(item: *const cJSON) -> *mut cJSON {
    if item.is_null() {
        return ptr::null_mut();
    }
    let r = new_item();
    if !r.is_null() {
        // SAFETY: both are valid items; the copy then drops what is not shared.
        unsafe {
            ptr::copy_nonoverlapping(item, r, 1);
            (*r).string = ptr::null_mut();
            (*r).r#type = ((*r).r#type & !cJSON_StringIsConst) | cJSON_IsReference;
            (*r).next = ptr::null_mut();
            (*r).prev = ptr::null_mut();
        }
    }
    r
}

/// cbindgen:ignore
/// Appends to `array` a reference to `item`: `item` stays the caller's
/// (it must outlive the array). 1 when done, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddItemReferenceToArray(array: *mut cJSON, item: *mut cJSON) -> cJSON_bool {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `item` is NULL or an item that outlives the array, only referred to (the header's rule).
    unsafe {
        guard(0, || {
            if array.is_null() || item.is_null() {
                return 0;
            }
            let r = reference_to(item);
            if add_to_array(array, r) {
                1
            } else {
                cJSON_Delete(r);
                0
            }
        })
    }
}

/// cbindgen:ignore
/// Adds to `object`, under a copy of the key `string`, a reference to
/// `item`: `item` stays the caller's (it must outlive the object). 1 when
/// done, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_AddItemReferenceToObject(object: *mut cJSON, string: *const c_char, item: *mut cJSON) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` NULL or a C string, copied; `item` NULL or an item that outlives the object, only
    // referred to (the header's rule).
    unsafe {
        guard(0, || {
            if object.is_null() || string.is_null() || item.is_null() {
                return 0;
            }
            let r = reference_to(item);
            if add_to_object(object, string, r) {
                1
            } else {
                // Not in the tree (the key could not be copied).
                cJSON_Delete(r);
                0
            }
        })
    }
}

/// Removes `item` from `parent`'s children and returns it (the caller owns
/// it now); NULL when either is NULL. `item` must be a child of `parent`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_DetachItemViaPointer(parent: *mut cJSON, item: *mut cJSON) -> *mut cJSON {
    // SAFETY: `parent` is NULL or a cJSON item no one else uses during the call, and `item` NULL or
    // one of its children (the header's rule).
    unsafe { guard(ptr::null_mut(), || detach(parent, item)) }
}

/// cbindgen:ignore
/// Inserts `newitem` before item `which` of `array` (appends it when there
/// is no such item); the array owns it. Nothing happens for a negative
/// `which` or a NULL argument. 1 when done, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_InsertItemInArray(array: *mut cJSON, which: c_int, newitem: *mut cJSON) -> cJSON_bool {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `newitem` is NULL or an item in no tree, which the array takes over (the header's rule).
    unsafe {
        guard(0, || {
            if array.is_null() || newitem.is_null() || which < 0 || array == newitem {
                return 0;
            }
            let after = cJSON_GetArrayItem(array, which);
            if after.is_null() {
                return add_to_array(array, newitem) as cJSON_bool;
            }
            (*newitem).next = after;
            (*newitem).prev = (*after).prev;
            (*after).prev = newitem;
            if after == (*array).child {
                (*array).child = newitem;
            } else {
                (*(*newitem).prev).next = newitem;
            }
            1
        })
    }
}

/// Puts `replacement` where `item` is among `parent`'s children and frees
/// `item`; the parent owns `replacement`. 1 when done, 0 for a NULL
/// argument. `item` must be a child of `parent`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_ReplaceItemViaPointer(parent: *mut cJSON, item: *mut cJSON, replacement: *mut cJSON) -> cJSON_bool {
    // SAFETY: `parent` is NULL or a cJSON item no one else uses during the call, `item` NULL or one
    // of its children, `replacement` NULL or an item in no tree, which the parent takes over (the
    // header's rule).
    unsafe { guard(0, || replace(parent, item, replacement) as cJSON_bool) }
}

/// # Safety
/// As for `cJSON_ReplaceItemViaPointer`.
unsafe fn replace(parent: *mut cJSON, item: *mut cJSON, replacement: *mut cJSON) -> bool {
    if parent.is_null() || item.is_null() || replacement.is_null() {
        return false;
    }
    if replacement == item {
        return true;
    }
    // SAFETY: per the contract, all three are valid and `item` is a child of `parent`.
    unsafe {
        (*replacement).next = (*item).next;
        (*replacement).prev = (*item).prev;
        if !(*replacement).next.is_null() {
            (*(*replacement).next).prev = replacement;
        }
        if !(*replacement).prev.is_null() {
            (*(*replacement).prev).next = replacement;
        }
        if (*parent).child == item {
            (*parent).child = replacement;
        }
        (*item).next = ptr::null_mut();
        (*item).prev = ptr::null_mut();
        cJSON_Delete(item);
    }
    true
}

/// cbindgen:ignore
/// Puts `newitem` in the place of item `which` of `array` and frees that
/// item; nothing happens when there is no such item (`newitem` stays the
/// caller's then). 1 when replaced, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_ReplaceItemInArray(array: *mut cJSON, which: c_int, newitem: *mut cJSON) -> cJSON_bool {
    // SAFETY: `array` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `newitem` is NULL or an item in no tree, which the array takes over (the header's rule).
    unsafe { guard(0, || (which >= 0 && replace(array, cJSON_GetArrayItem(array, which), newitem)) as cJSON_bool) }
}

/// # Safety
/// As for `cJSON_ReplaceItemInObject`.
unsafe fn replace_member(object: *mut cJSON, string: *const c_char, newitem: *mut cJSON, case_sensitive: bool) -> cJSON_bool {
    if newitem.is_null() || string.is_null() {
        return 0;
    }
    // SAFETY: replace_member's contract: as for `cJSON_ReplaceItemInObject`.
    unsafe {
        let key = alloc::strdup(string);
        if key.is_null() {
            return 0;
        }
        if (*newitem).r#type & cJSON_StringIsConst == 0 {
            alloc::free((*newitem).string);
        }
        (*newitem).string = key;
        (*newitem).r#type &= !cJSON_StringIsConst;
        replace(object, find_key(object, string, case_sensitive), newitem) as cJSON_bool
    }
}

/// cbindgen:ignore
/// Puts `newitem`, under a copy of the key `string`, in the place of the
/// member named `string` (ASCII case ignored) and frees that member;
/// nothing is replaced when there is none (`newitem` stays the caller's,
/// with the key given to it). 1 when replaced, 0 otherwise.
#[no_mangle]
pub unsafe extern "C" fn cJSON_ReplaceItemInObject(object: *mut cJSON, string: *const c_char, newitem: *mut cJSON) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` NULL or a C string; `newitem` NULL or an item in no tree, which the object takes
    // over (the header's rule).
    unsafe { guard(0, || replace_member(object, string, newitem, false)) }
}

/// cbindgen:ignore
/// Like `cJSON_ReplaceItemInObject`, for the member named exactly `string`.
#[no_mangle]
pub unsafe extern "C" fn cJSON_ReplaceItemInObjectCaseSensitive(
    object: *mut cJSON,
    string: *const c_char,
    newitem: *mut cJSON,
) -> cJSON_bool {
    // SAFETY: `object` is NULL or a cJSON item no one else uses during the call, which changes it;
    // `string` NULL or a C string; `newitem` NULL or an item in no tree, which the object takes
    // over (the header's rule).
    unsafe { guard(0, || replace_member(object, string, newitem, true)) }
}
