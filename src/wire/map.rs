//! The two ways the generated client keeps a JSON object whose members no
//! schema names: `object_t *` (its JSON text, for a free-form object) and
//! a map, a `list_t *` of `keyValuePair_t *` (for an object whose values
//! share one kind, `additionalProperties`). Read, written and freed here
//! for the model engine (`model`), on both of its paths.

use super::object::object_t;
use super::shape::ShapeError;
use crate::boundary::alloc;
use crate::support::cjson::{
    cJSON, cJSON_AddItemToObject, cJSON_CreateArray, cJSON_CreateNull, cJSON_CreateNumber, cJSON_CreateObject, cJSON_CreateString,
    cJSON_Delete, cJSON_Duplicate, cJSON_IsArray, cJSON_IsNumber, cJSON_IsObject, cJSON_IsString, cJSON_Parse, cJSON_PrintUnformatted,
};
use crate::support::keyvalue::keyValuePair_t;
use crate::support::list::{append, list_createList, list_freeList, list_t};
use std::os::raw::{c_char, c_void};
use std::ptr;

/// What a map's values are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MapOf {
    /// `char *` (`additionalProperties: {type: string}`, as `metadata`).
    Str,
    /// `double *` (numbers and integers, as `logit_bias`).
    Num,
    /// `cJSON *`, any JSON value (`additionalProperties: true`, as a
    /// function's `parameters`).
    Any,
}

/// A new `object_t` holding `json`'s text; Err when memory is exhausted.
///
/// # Safety
/// `json` is a valid cJSON tree.
pub(crate) unsafe fn parse_object(json: *const cJSON) -> Result<*mut object_t, ShapeError> {
    // SAFETY: `json` is a valid tree (the contract), only printed; the text and the struct are new.
    unsafe {
        let text = cJSON_PrintUnformatted(json);
        if text.is_null() {
            return Err(ShapeError::memory());
        }
        let o = alloc::boxed(object_t { temporary: text as *mut c_void });
        if o.is_null() {
            alloc::free(text);
            return Err(ShapeError::memory());
        }
        Ok(o)
    }
}

/// The JSON of an `object_t`: a new tree, JSON null for no text, NULL when
/// its text is not JSON or memory is exhausted.
///
/// # Safety
/// `o` is a valid `object_t` whose `temporary` is NULL or a C string.
pub(crate) unsafe fn object_json(o: *const object_t) -> *mut cJSON {
    // SAFETY: `o` is a valid `object_t` (the contract); its text, when set, is a C string, only parsed.
    unsafe {
        match (*o).temporary {
            t if t.is_null() => cJSON_CreateNull(),
            t => cJSON_Parse(t as *const c_char),
        }
    }
}

/// Frees an `object_t` and its text; NULL is fine.
///
/// # Safety
/// `o` is NULL or an `object_t` whose text is malloc'd, both no one else's.
pub(crate) unsafe fn free_object(o: *mut object_t) {
    // SAFETY: `o` and its text are NULL or malloc'd blocks no one else holds (the contract), freed once.
    unsafe {
        if !o.is_null() {
            alloc::free((*o).temporary);
            alloc::free(o);
        }
    }
}

/// A new value of a map entry from `item`.
///
/// # Safety
/// `item` is a valid cJSON item.
unsafe fn value_of(of: MapOf, item: *const cJSON) -> Result<*mut c_void, ShapeError> {
    // SAFETY: `item` is a valid item (the contract); its string or number is only read and copied.
    unsafe {
        let v = match of {
            MapOf::Str if cJSON_IsString(item) != 0 => alloc::strdup((*item).valuestring) as *mut c_void,
            MapOf::Num if cJSON_IsNumber(item) != 0 => alloc::boxed((*item).valuedouble) as *mut c_void,
            MapOf::Any => cJSON_Duplicate(item, 1) as *mut c_void,
            MapOf::Str => return Err(ShapeError::new("a string", item)),
            MapOf::Num => return Err(ShapeError::new("a number", item)),
        };
        if v.is_null() {
            return Err(ShapeError::memory());
        }
        Ok(v)
    }
}

/// Frees a map entry's value.
///
/// # Safety
/// `v` is NULL or a value of the kind `of` says, no one else's.
unsafe fn free_value(of: MapOf, v: *mut c_void) {
    // SAFETY: `v` is NULL or the kind `of` names, no one else's (the contract): a tree or a malloc'd block.
    unsafe {
        match of {
            MapOf::Any => cJSON_Delete(v as *mut cJSON),
            MapOf::Str | MapOf::Num => alloc::free(v),
        }
    }
}

/// A new map of the JSON object `item` (each key and value copied).
///
/// # Safety
/// `item` is a valid cJSON item.
pub(crate) unsafe fn parse_map(of: MapOf, item: *const cJSON) -> Result<*mut list_t, ShapeError> {
    // SAFETY: `item` is a valid item (the contract), only read; each entry is
    // in the list before the next is made, so one free releases all.
    unsafe {
        if cJSON_IsObject(item) == 0 {
            return Err(ShapeError::new("an object", item));
        }
        let list = list_createList();
        if list.is_null() {
            return Err(ShapeError::memory());
        }
        let mut child = (*item).child;
        while !child.is_null() {
            let pair = match value_of(of, child) {
                Ok(v) => {
                    let key = alloc::strdup((*child).string);
                    let pair = alloc::boxed(keyValuePair_t { key, value: v });
                    if key.is_null() || pair.is_null() {
                        alloc::free(key);
                        alloc::free(pair);
                        free_value(of, v);
                        Err(ShapeError::memory())
                    } else {
                        Ok(pair)
                    }
                }
                Err(mut e) => {
                    e.path.push(format!(".{}", String::from_utf8_lossy(crate::boundary::ptr::arg_str((*child).string).unwrap_or(b""))));
                    Err(e)
                }
            };
            let pair = match pair {
                Ok(p) => p,
                Err(e) => {
                    free_map(of, list);
                    return Err(e);
                }
            };
            if !append(list, pair as *mut c_void) {
                free_pair(of, pair);
                free_map(of, list);
                return Err(ShapeError::memory());
            }
            child = (*child).next;
        }
        Ok(list)
    }
}

/// Frees a pair with its key and value.
///
/// # Safety
/// `pair` is NULL or a map entry (C-allocated key and value), no one else's.
unsafe fn free_pair(of: MapOf, pair: *mut keyValuePair_t) {
    // SAFETY: `pair` is NULL or a pair whose key and value are C-allocated and no one else's (the contract).
    unsafe {
        if !pair.is_null() {
            alloc::free((*pair).key);
            free_value(of, (*pair).value);
            alloc::free(pair);
        }
    }
}

/// Frees a map, its pairs, keys and values; NULL is fine.
///
/// # Safety
/// `list` is NULL or a map whose entries are pairs as `of` says (or NULL).
pub(crate) unsafe fn free_map(of: MapOf, list: *mut list_t) {
    // SAFETY: `list` is NULL or a live map whose entries are pairs of kind `of` (the contract), each freed once.
    unsafe {
        if list.is_null() {
            return;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            free_pair(of, (*e).data as *mut keyValuePair_t);
            e = (*e).nextListEntry;
        }
        list_freeList(list);
    }
}

/// The JSON object of a map: a new tree, NULL when memory is exhausted. A
/// pair without a key is left out; a NULL value is written as JSON null.
///
/// # Safety
/// `list` is a valid map whose values are as `of` says.
pub(crate) unsafe fn map_json(of: MapOf, list: *const list_t) -> *mut cJSON {
    // SAFETY: `list` is a live map of pairs of kind `of` (the contract), only read; the tree is new.
    unsafe {
        let obj = cJSON_CreateObject();
        if obj.is_null() {
            return obj;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            let pair = (*e).data as *const keyValuePair_t;
            e = (*e).nextListEntry;
            if pair.is_null() || (*pair).key.is_null() {
                continue;
            }
            let v = (*pair).value;
            let item = match of {
                _ if v.is_null() => cJSON_CreateNull(),
                MapOf::Str => cJSON_CreateString(v as *const c_char),
                MapOf::Num => cJSON_CreateNumber(*(v as *const f64)),
                MapOf::Any => cJSON_Duplicate(v as *const cJSON, 1),
            };
            if item.is_null() {
                cJSON_Delete(obj);
                return ptr::null_mut();
            }
            cJSON_AddItemToObject(obj, (*pair).key, item);
        }
        obj
    }
}

/// A new list of maps from the JSON array `item`.
///
/// # Safety
/// `item` is a valid cJSON item.
pub(crate) unsafe fn parse_map_list(of: MapOf, item: *const cJSON) -> Result<*mut list_t, ShapeError> {
    // SAFETY: `item` is a valid item (the contract), only read; each map is in the list before the next.
    unsafe {
        if cJSON_IsArray(item) == 0 {
            return Err(ShapeError::new("an array", item));
        }
        let list = list_createList();
        if list.is_null() {
            return Err(ShapeError::memory());
        }
        let (mut child, mut index) = ((*item).child, 0usize);
        while !child.is_null() {
            match parse_map(of, child) {
                Ok(m) if append(list, m as *mut c_void) => {}
                Ok(m) => {
                    free_map(of, m);
                    free_map_list(of, list);
                    return Err(ShapeError::memory());
                }
                Err(mut e) => {
                    e.path.push(format!("[{index}]"));
                    free_map_list(of, list);
                    return Err(e);
                }
            }
            child = (*child).next;
            index += 1;
        }
        Ok(list)
    }
}

/// Frees a list of maps; NULL is fine.
///
/// # Safety
/// `list` is NULL or a list of maps as `of` says.
pub(crate) unsafe fn free_map_list(of: MapOf, list: *mut list_t) {
    // SAFETY: `list` is NULL or a live list of maps of kind `of` (the contract), each freed once.
    unsafe {
        if list.is_null() {
            return;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            free_map(of, (*e).data as *mut list_t);
            e = (*e).nextListEntry;
        }
        list_freeList(list);
    }
}

/// The JSON array of a list of maps (a NULL map as `{}`); NULL when memory
/// is exhausted.
///
/// # Safety
/// `list` is a valid list of maps as `of` says.
pub(crate) unsafe fn map_list_json(of: MapOf, list: *const list_t) -> *mut cJSON {
    // SAFETY: `list` is a live list of maps of kind `of` (the contract), only read; the array is new.
    unsafe {
        let arr = cJSON_CreateArray();
        if arr.is_null() {
            return arr;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            let m = (*e).data as *const list_t;
            let item = if m.is_null() { cJSON_CreateObject() } else { map_json(of, m) };
            if item.is_null() {
                cJSON_Delete(arr);
                return ptr::null_mut();
            }
            crate::support::cjson::cJSON_AddItemToArray(arr, item);
            e = (*e).nextListEntry;
        }
        arr
    }
}
