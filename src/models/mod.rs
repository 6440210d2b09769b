//! The models of the Projects API. Each model is written once: its C struct
//! (the ABI) plus a `model!` table naming each field's JSON kind and whether
//! it is required. From that table one engine derives `_free`,
//! `_parseFromJSON` and `_convertToJSON` for every model; the exported
//! functions in the family modules are one-line calls into it.

mod fast;
pub mod api_key;
pub mod error;
pub mod project;
pub mod project_user;
pub mod rate_limit;
pub mod service_account;

use crate::alloc;
use crate::cjson::*;
use crate::cjson::parse_bytes;
use crate::list::{list_addElement, list_createList, list_freeList, list_t};
use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// A C enum field, held in Rust as a plain integer so that any value C
/// stores there is defined behaviour. 0 is `…_NULL`; `n` is `NAMES[n - 1]`.
pub trait CEnum: Copy {
    const NAMES: &'static [&'static CStr];
    fn raw(self) -> c_int;
    fn from_raw(v: c_int) -> Self;
}

/// Declares the Rust side of a C enum: `Raw` is a transparent `int` that the
/// header spells as the C enum named after `=>` (build.rs reads these lines
/// to rename it for cbindgen), with its JSON strings in order.
macro_rules! c_enum {
    ($raw:ident => $c:ident : [$($s:literal),+ $(,)?]) => {
        #[doc = concat!("The integer behind `", stringify!($c), "`.")]
        #[repr(transparent)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $raw(pub ::std::os::raw::c_int);
        impl $crate::models::CEnum for $raw {
            const NAMES: &'static [&'static ::std::ffi::CStr] = &[$($s),+];
            fn raw(self) -> ::std::os::raw::c_int { self.0 }
            fn from_raw(v: ::std::os::raw::c_int) -> Self { $raw(v) }
        }
    };
}
pub(crate) use c_enum;

/// The JSON string of an enum value: a static string the caller must not
/// free; "NULL" for 0 or an unknown value.
pub fn enum_to_string<E: CEnum>(v: E) -> *mut c_char {
    let n = v.raw();
    let s = if n >= 1 && (n as usize) <= E::NAMES.len() { E::NAMES[n as usize - 1] } else { c"NULL" };
    s.as_ptr() as *mut c_char
}

/// The enum value of a JSON string; 0 (`…_NULL`) for NULL or unknown text.
///
/// # Safety
/// `s` is NULL or NUL-terminated.
pub unsafe fn enum_from_string<E: CEnum>(s: *const c_char) -> E {
    E::from_raw(match crate::ffi::c_bytes(s) {
        Some(text) => enum_index(E::NAMES, text),
        None => 0,
    })
}

fn enum_index(names: &[&CStr], text: &[u8]) -> c_int {
    names.iter().position(|n| n.to_bytes() == text).map_or(0, |i| i as c_int + 1)
}

/// Every model, for code that must cover them all (fuzzing, tests).
pub const ALL: &[&ModelDef] = {
    use api_key::*;
    use error::*;
    use project::*;
    use project_user::*;
    use rate_limit::*;
    use service_account::*;
    &[
        &project_t::DEF,
        &project_create_request_t::DEF,
        &project_update_request_t::DEF,
        &project_list_response_t::DEF,
        &project_user_t::DEF,
        &project_user_create_request_t::DEF,
        &project_user_update_request_t::DEF,
        &project_user_delete_response_t::DEF,
        &project_user_list_response_t::DEF,
        &project_service_account_t::DEF,
        &project_service_account_api_key_t::DEF,
        &project_service_account_create_request_t::DEF,
        &project_service_account_create_response_t::DEF,
        &project_service_account_delete_response_t::DEF,
        &project_service_account_list_response_t::DEF,
        &project_api_key_t::DEF,
        &project_api_key_owner_t::DEF,
        &project_api_key_delete_response_t::DEF,
        &project_api_key_list_response_t::DEF,
        &project_rate_limit_t::DEF,
        &project_rate_limit_update_request_t::DEF,
        &project_rate_limit_list_response_t::DEF,
        &openai_api_error_t::DEF,
        &error_response_t::DEF,
    ]
};

/// How a field appears in JSON.
pub enum Kind {
    Str,
    Int,
    Bool,
    Enum(&'static [&'static CStr]),
    Model(&'static ModelDef),
    List(&'static ModelDef),
}

/// One struct field: its JSON key, byte offset, kind and flags.
pub struct Field {
    pub key: &'static CStr,
    pub offset: usize,
    pub kind: Kind,
    pub required: bool,
    /// Overwritten with zeros before it is freed (API key values).
    pub secret: bool,
}

/// A model: its C name, size, the offset of `_library_owned` and its fields.
pub struct ModelDef {
    pub name: &'static str,
    pub size: usize,
    pub owned: usize,
    pub fields: &'static [Field],
}

/// A C struct described by a [`ModelDef`].
pub trait CModel: Sized {
    const DEF: ModelDef;
}

/// Describes a model's fields for the engine. Each line is
/// `field: kind, flag;` where kind is `str`, `int`, `bool`, `enum(Raw)`,
/// `model(struct_t)` or `list(struct_t)` and flag is `required`, `optional`
/// or `secret` (a required string that is wiped before it is freed). The
/// JSON key is the field name. Kinds are checked against the field types at
/// compile time.
macro_rules! model {
    ($t:ident { $($f:ident : $kind:ident $(($arg:ty))?, $flag:ident;)+ }) => {
        impl $crate::models::CModel for $t {
            const DEF: $crate::models::ModelDef = $crate::models::ModelDef {
                name: stringify!($t),
                size: ::std::mem::size_of::<$t>(),
                owned: ::std::mem::offset_of!($t, _library_owned),
                fields: &[$($crate::models::Field {
                    key: $crate::models::json_key(concat!(stringify!($f), "\0")),
                    offset: ::std::mem::offset_of!($t, $f),
                    kind: $crate::models::model!(@kind $kind $(($arg))?),
                    required: !matches!(stringify!($flag).as_bytes(), b"optional"),
                    secret: matches!(stringify!($flag).as_bytes(), b"secret"),
                }),+],
            };
        }
        const _: () = {
            #[allow(dead_code)]
            fn check_kinds(v: &$t) {
                $( $crate::models::model!(@check v.$f, $kind $(($arg))?); )+
            }
        };
    };
    (@kind str) => { $crate::models::Kind::Str };
    (@kind int) => { $crate::models::Kind::Int };
    (@kind bool) => { $crate::models::Kind::Bool };
    (@kind enum($e:ty)) => { $crate::models::Kind::Enum(<$e as $crate::models::CEnum>::NAMES) };
    (@kind model($m:ty)) => { $crate::models::Kind::Model(&<$m as $crate::models::CModel>::DEF) };
    (@kind list($m:ty)) => { $crate::models::Kind::List(&<$m as $crate::models::CModel>::DEF) };
    (@check $v:expr, str) => { let _: &*mut ::std::os::raw::c_char = &$v; };
    (@check $v:expr, int) => { let _: &::std::os::raw::c_int = &$v; };
    (@check $v:expr, bool) => { let _: &::std::os::raw::c_int = &$v; };
    (@check $v:expr, enum($e:ty)) => { let _: &$e = &$v; };
    (@check $v:expr, model($m:ty)) => { let _: &*mut $m = &$v; };
    (@check $v:expr, list($m:ty)) => { let _: &*mut $crate::list::list_t = &$v; };
}
pub(crate) use model;

/// The JSON key of a field name given with a trailing NUL (`r#type` -> `type`).
pub const fn json_key(name: &'static str) -> &'static CStr {
    let bytes = name.as_bytes();
    let bytes = if bytes.len() > 2 && bytes[0] == b'r' && bytes[1] == b'#' { bytes.split_at(2).1 } else { bytes };
    match CStr::from_bytes_with_nul(bytes) {
        Ok(k) => k,
        Err(_) => panic!("a field name is a C identifier"),
    }
}

unsafe fn at<T>(base: *mut u8, offset: usize) -> *mut T {
    base.add(offset) as *mut T
}

/// Moves a model built by `_create` into malloc'd memory. When memory is
/// exhausted the pointers it took are freed and NULL is returned.
pub fn create<T: CModel>(value: T) -> *mut T {
    let mut value = std::mem::ManuallyDrop::new(value);
    let v = &mut *value as *mut T as *mut u8;
    unsafe {
        *at::<c_int>(v, T::DEF.owned) = 1;
        let p = libc::malloc(T::DEF.size) as *mut u8;
        if p.is_null() {
            free_fields(&T::DEF, v);
        } else {
            ptr::copy_nonoverlapping(v, p, T::DEF.size);
        }
        p as *mut T
    }
}

/// Frees a model, everything it owns, then the struct. A struct whose
/// `_library_owned` is not 1 is left alone with a warning on stderr.
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes.
pub unsafe fn free_def(def: &ModelDef, p: *mut u8) {
    if p.is_null() {
        return;
    }
    if *at::<c_int>(p, def.owned) != 1 {
        let name = def.name.trim_start_matches("openai_api_").trim_end_matches("_t");
        eprintln!("WARNING: {name}_free() NOT FREEING memory not allocated by the library.");
        return;
    }
    free_fields(def, p);
    alloc::free(p);
}

unsafe fn free_fields(def: &ModelDef, p: *mut u8) {
    for f in def.fields {
        match f.kind {
            Kind::Str if f.secret => alloc::free_secret(*at::<*mut c_char>(p, f.offset)),
            Kind::Str => alloc::free(*at::<*mut c_char>(p, f.offset)),
            Kind::Model(d) => free_def(d, *at::<*mut u8>(p, f.offset)),
            Kind::List(d) => free_list(d, *at::<*mut list_t>(p, f.offset)),
            Kind::Int | Kind::Bool | Kind::Enum(_) => {}
        }
    }
}

unsafe fn free_list(d: &ModelDef, list: *mut list_t) {
    if list.is_null() {
        return;
    }
    let mut e = (*list).firstEntry;
    while !e.is_null() {
        free_def(d, (*e).data as *mut u8);
        e = (*e).nextListEntry;
    }
    list_freeList(list);
}

/// `X_free`.
///
/// # Safety
/// As for [`free_def`].
pub unsafe fn free<T: CModel>(p: *mut T) {
    crate::ffi::guard(|| free_def(&T::DEF, p as *mut u8))
}

/// Builds a model from a cJSON object, as the generated client's
/// `X_parseFromJSON` does: NULL when a required field is missing or null or
/// any field has the wrong JSON type; unknown keys are ignored.
///
/// # Safety
/// `json` is NULL or a valid cJSON tree.
pub unsafe fn parse_def(def: &ModelDef, json: *const cJSON) -> *mut u8 {
    if cJSON_IsObject(json) == 0 {
        return ptr::null_mut();
    }
    let p = libc::calloc(1, def.size) as *mut u8;
    if p.is_null() {
        return p;
    }
    *at::<c_int>(p, def.owned) = 1;
    for f in def.fields {
        let item = cJSON_GetObjectItemCaseSensitive(json, f.key.as_ptr());
        if item.is_null() || cJSON_IsNull(item) != 0 {
            if f.required {
                free_def(def, p);
                return ptr::null_mut();
            }
            continue;
        }
        if !parse_field(f, item, p) {
            free_def(def, p);
            return ptr::null_mut();
        }
    }
    p
}

unsafe fn parse_field(f: &Field, item: *const cJSON, p: *mut u8) -> bool {
    let it = &*item;
    match f.kind {
        Kind::Str if cJSON_IsString(item) != 0 => {
            let s = alloc::strdup(it.valuestring);
            *at::<*mut c_char>(p, f.offset) = s;
            !s.is_null()
        }
        Kind::Int if cJSON_IsNumber(item) != 0 => {
            *at::<c_int>(p, f.offset) = saturate(it.valuedouble);
            true
        }
        Kind::Bool if cJSON_IsBool(item) != 0 => {
            *at::<c_int>(p, f.offset) = cJSON_IsTrue(item);
            true
        }
        Kind::Enum(names) if cJSON_IsString(item) != 0 => {
            let text = crate::ffi::c_bytes(it.valuestring).unwrap_or(b"");
            *at::<c_int>(p, f.offset) = enum_index(names, text);
            true
        }
        Kind::Model(d) => {
            let m = parse_def(d, item);
            *at::<*mut u8>(p, f.offset) = m;
            !m.is_null()
        }
        Kind::List(d) if cJSON_IsArray(item) != 0 => {
            let list = list_createList();
            *at::<*mut list_t>(p, f.offset) = list;
            if list.is_null() {
                return false;
            }
            let mut child = it.child;
            while !child.is_null() {
                let m = parse_def(d, child);
                if m.is_null() {
                    return false;
                }
                list_addElement(list, m as *mut c_void);
                if (*list).lastEntry.is_null() || (*(*list).lastEntry).data != m as *mut c_void {
                    free_def(d, m);
                    return false;
                }
                child = (*child).next;
            }
            true
        }
        _ => false,
    }
}

/// Why JSON text did not become a model.
pub enum BytesError {
    /// Not JSON: the parser stopped at this byte.
    Json(usize),
    /// JSON, but not of the model's shape.
    Shape,
    /// Not UTF-8 from this byte on (JSON text must be).
    Utf8(usize),
}

/// Builds a model straight from JSON text (a response body), by the same
/// rules as `parse_def`. The one path for bodies: the API calls and
/// `apiClient_errorResponse` both use it.
///
/// # Safety
/// None beyond `def` describing a model.
pub unsafe fn parse_text(def: &ModelDef, body: &[u8]) -> Result<*mut u8, BytesError> {
    if let Ok(m) = fast::parse(def, body) {
        return Ok(m);
    }
    // cJSON would take any bytes in strings; an answer must be UTF-8.
    if let Err(e) = std::str::from_utf8(body) {
        return Err(BytesError::Utf8(e.valid_up_to()));
    }
    let mut text = Vec::with_capacity(body.len() + 1);
    text.extend_from_slice(body);
    text.push(0);
    let (tree, at) = parse_bytes(&text, false);
    if tree.is_null() {
        return Err(BytesError::Json(at));
    }
    let m = parse_def(def, tree);
    cJSON_Delete(tree);
    if m.is_null() {
        Err(BytesError::Shape)
    } else {
        Ok(m)
    }
}

/// `X_parseFromJSON`.
///
/// # Safety
/// As for [`parse_def`].
pub unsafe fn parse<T: CModel>(json: *mut cJSON) -> *mut T {
    crate::ffi::guard(|| parse_def(&T::DEF, json) as *mut T)
}

/// Converts a model to a new cJSON object (the caller frees it with
/// `cJSON_Delete`): optional integers equal to 0 and absent optional fields
/// are left out; NULL when a required string, enum or model is missing.
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes.
pub unsafe fn to_json_def(def: &ModelDef, p: *mut u8) -> *mut cJSON {
    if p.is_null() {
        return ptr::null_mut();
    }
    let obj = cJSON_CreateObject();
    if obj.is_null() {
        return obj;
    }
    for f in def.fields {
        let item = match field_json(f, p) {
            Ok(Some(item)) => item,
            Ok(None) => continue,
            Err(()) => {
                cJSON_Delete(obj);
                return ptr::null_mut();
            }
        };
        cJSON_AddItemToObjectCS(obj, f.key.as_ptr(), item);
    }
    obj
}

/// The JSON of one field: Ok(None) to leave it out, Err for a missing
/// required value or exhausted memory.
unsafe fn field_json(f: &Field, p: *mut u8) -> Result<Option<*mut cJSON>, ()> {
    let absent = || if f.required { Err(()) } else { Ok(None) };
    let made = |item: *mut cJSON| if item.is_null() { Err(()) } else { Ok(Some(item)) };
    match f.kind {
        Kind::Str => match *at::<*mut c_char>(p, f.offset) {
            s if s.is_null() => absent(),
            s => made(cJSON_CreateString(s)),
        },
        Kind::Int => match *at::<c_int>(p, f.offset) {
            0 if !f.required => Ok(None),
            v => made(cJSON_CreateNumber(v as f64)),
        },
        Kind::Bool => match *at::<c_int>(p, f.offset) {
            0 if !f.required => Ok(None),
            v => made(cJSON_CreateBool(v)),
        },
        Kind::Enum(names) => match *at::<c_int>(p, f.offset) {
            v if v >= 1 && v as usize <= names.len() => made(cJSON_CreateString(names[v as usize - 1].as_ptr())),
            _ => absent(),
        },
        Kind::Model(d) => match *at::<*mut u8>(p, f.offset) {
            m if m.is_null() => absent(),
            m => made(to_json_def(d, m)),
        },
        Kind::List(d) => {
            let list = *at::<*mut list_t>(p, f.offset);
            if list.is_null() {
                return absent();
            }
            let arr = cJSON_CreateArray();
            if arr.is_null() {
                return Err(());
            }
            // Append through a tail pointer: cJSON_AddItemToArray walks the list.
            let mut tail: *mut cJSON = ptr::null_mut();
            let mut e = (*list).firstEntry;
            while !e.is_null() {
                let item = to_json_def(d, (*e).data as *mut u8);
                if item.is_null() {
                    cJSON_Delete(arr);
                    return Err(());
                }
                if tail.is_null() {
                    (*arr).child = item;
                } else {
                    (*tail).next = item;
                    (*item).prev = tail;
                }
                tail = item;
                e = (*e).nextListEntry;
            }
            Ok(Some(arr))
        }
    }
}

/// `X_convertToJSON`.
///
/// # Safety
/// As for [`to_json_def`].
pub unsafe fn to_json<T: CModel>(p: *mut T) -> *mut cJSON {
    crate::ffi::guard(|| to_json_def(&T::DEF, p as *mut u8))
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_lists_every_model_once() {
        let names: std::collections::BTreeSet<&str> = super::ALL.iter().map(|d| d.name).collect();
        assert_eq!(names.len(), super::ALL.len());
        assert_eq!(names.len(), 24);
    }
}
