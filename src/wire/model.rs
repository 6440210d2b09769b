//! What a model is. Every model of the API is generated
//! (`crate::generated::models`, by `cargo xtask codegen`): its C struct
//! (the ABI) plus a `model!` table naming each field's JSON
//! kind and whether it is required. From that table one engine (this file,
//! and `fast` for answers) derives `_free`, `_parseFromJSON` and
//! `_convertToJSON` for every model; the exported functions are one-line
//! calls into it.

use super::map::{self, MapOf};
use super::object::object_t;
pub use super::shape::ShapeError;
use crate::boundary::alloc;
use crate::support::cjson::*;
use crate::support::list::{append, list_createList, list_freeList, list_t};
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
        impl $crate::wire::model::CEnum for $raw {
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
    crate::boundary::guard::guard(c"NULL".as_ptr() as *mut c_char, || {
        let n = v.raw();
        let s = if n >= 1 && (n as usize) <= E::NAMES.len() { E::NAMES[n as usize - 1] } else { c"NULL" };
        s.as_ptr() as *mut c_char
    })
}

/// The enum value of a JSON string; 0 (`…_NULL`) for NULL or unknown text.
///
/// # Safety
/// `s` is NULL or NUL-terminated.
pub unsafe fn enum_from_string<E: CEnum>(s: *const c_char) -> E {
    crate::boundary::guard::guard(E::from_raw(0), || {
        // SAFETY: enum_from_string's contract: `s` is NULL or NUL-terminated.
        E::from_raw(match unsafe { crate::boundary::ptr::arg_str(s) } {
            Some(text) => enum_index(E::NAMES, text),
            None => 0,
        })
    })
}

/// A new cJSON string for an enum value (the caller frees it with
/// `cJSON_Delete`), or NULL for 0 or a value without a name.
pub fn enum_to_json<E: CEnum>(v: E) -> *mut cJSON {
    crate::boundary::guard::guard(ptr::null_mut(), || {
        let n = v.raw();
        if n >= 1 && (n as usize) <= E::NAMES.len() {
            // SAFETY: a static NUL-terminated string.
            unsafe { cJSON_CreateString(E::NAMES[n as usize - 1].as_ptr()) }
        } else {
            ptr::null_mut()
        }
    })
}

/// The enum value of a cJSON string; 0 for NULL, a non-string or unknown text.
///
/// # Safety
/// `j` is NULL or a valid cJSON item.
pub unsafe fn enum_from_json<E: CEnum>(j: *mut cJSON) -> E {
    crate::boundary::guard::guard(E::from_raw(0), || {
        // SAFETY: enum_from_json's contract: `j` is NULL or a valid cJSON item.
        unsafe {
            if j.is_null() || cJSON_IsString(j) == 0 {
                return E::from_raw(0);
            }
            enum_from_string((*j).valuestring)
        }
    })
}

pub(crate) fn enum_index(names: &[&CStr], text: &[u8]) -> c_int {
    names.iter().position(|n| n.to_bytes() == text).map_or(0, |i| i as c_int + 1)
}

/// How a field appears in JSON.
pub enum Kind {
    Str,
    Int,
    Bool,
    /// A C enum with its JSON strings; `text` is the offset of the
    /// companion `char *` member that keeps the server's string when the
    /// enum has no constant for it.
    Enum {
        names: &'static [&'static CStr],
        text: usize,
    },
    /// A nullable integer: `set` is the offset of the companion `int`
    /// member that is 1 when the value was present, 0 when null or absent.
    NullableInt {
        set: usize,
    },
    /// A boolean of a request that may be left out: `set` is the offset of
    /// the companion `int` member that is 1 when it is sent (so `false` can
    /// be), 0 when it is not.
    NullableBool {
        set: usize,
    },
    Model(&'static ModelDef),
    List(&'static ModelDef),
    /// An array of strings: a `list_t *` of `char *`.
    StrList,
    /// Any JSON value (a free-form object): a `cJSON *` the struct owns.
    Json,
    /// A JSON number that may have a fraction: a `double`.
    Double,
    /// A count that may not fit an `int`: an `int64_t`.
    Int64,
    /// A released `int` count: the `int` saturates, and the whole value is
    /// in the `int64_t` member at offset `wide` (after `_library_owned`).
    Counter {
        wide: usize,
    },
    /// Every member of the answer that no other field names, as a cJSON
    /// object the struct owns (NULL when there is none).
    Rest,
    /// A request's mark (`c_int`, in its private block) that the nullable
    /// member whose `null` points here is sent as JSON `null`; no JSON key.
    NullMark,
    /// An array of numbers: a `list_t *` of `double *` (as the generated
    /// client keeps its lists of numbers, integers too). An answer that sends
    /// it as base64 (`encoding_format: "base64"`: little-endian 32-bit
    /// floats) is decoded into the same list.
    NumList,
    /// The whole JSON value of a model that stands for a union of
    /// non-objects (a string or an array, …: the generated client's struct
    /// has no member for it): a `cJSON *` the struct owns; no JSON key. In
    /// a union of objects and non-objects it holds a value that is not an
    /// object (the other fields then hold nothing).
    Whole,
    /// A free-form object as the generated client keeps it: an `object_t *`
    /// holding its JSON text.
    Object,
    /// A JSON object whose values share one kind (`additionalProperties`):
    /// a `list_t *` of `keyValuePair_t *` (key and value C-allocated).
    Map(MapOf),
    /// An array of such objects: a `list_t *` of maps.
    MapList(MapOf),
    /// A JSON number kept as a C `float`.
    Float,
}

// A `long` member is read and written as `Kind::Int64`.
const _: () = assert!(std::mem::size_of::<std::os::raw::c_long>() == std::mem::size_of::<i64>());

/// One struct field: its JSON key, byte offset, kind and flags.
pub struct Field {
    pub key: &'static CStr,
    pub offset: usize,
    pub kind: Kind,
    /// The current document requires it: `convertToJSON` refuses the model
    /// when it is NULL/0 (strings, enums, models) and always writes it
    /// (integers, booleans). Parsing never requires a field.
    pub required: bool,
    /// Overwritten with zeros before it is freed (API key values).
    pub secret: bool,
    /// A released member the live API renamed: the offset of the member
    /// under the new name (0: none). When the answer has only the new
    /// name, this member gets its value too (a list is then shared, freed
    /// once, and printed once, under the new name).
    pub mirror: usize,
    /// A nullable request member: the offset of its [`Kind::NullMark`]
    /// (0: it cannot be sent as `null`).
    pub null: usize,
}

impl Kind {
    /// Whether a member of this kind may own memory the struct's `_free`
    /// frees: a pointer member, or an enum (its text member).
    pub(crate) const fn owns(&self) -> bool {
        !matches!(
            self,
            Kind::Float
                | Kind::Int
                | Kind::Bool
                | Kind::NullableInt { .. }
                | Kind::NullableBool { .. }
                | Kind::Double
                | Kind::Int64
                | Kind::Counter { .. }
                | Kind::NullMark
        )
    }
}

impl Field {
    /// The member that holds what the field owns, when it may own memory:
    /// its own, or an enum's text member (mostly NULL: the enum named the
    /// value).
    pub(crate) const fn owner_at(&self) -> Option<usize> {
        match self.kind {
            Kind::Enum { text, .. } => Some(text),
            _ if self.kind.owns() => Some(self.offset),
            _ => None,
        }
    }

    /// Whether it stands for one JSON member of its own (not the members no
    /// field names, `Rest`, nor a `null` mark, which no JSON names).
    pub(crate) fn has_key(&self) -> bool {
        !matches!(self.kind, Kind::Rest | Kind::NullMark | Kind::Whole)
    }

    /// A member after `_library_owned` (a field the live API added): it
    /// exists only in structs the library allocated.
    fn is_extension(&self, def: &ModelDef) -> bool {
        self.offset > def.owned
    }
}

/// A model: its C name, size, the offset of `_library_owned` and its fields.
pub struct ModelDef {
    /// The name (may be NULL).
    pub name: &'static str,
    /// Bytes of the private-member block (the C struct plus any private
    /// members, laid out as one struct; offsets are into it).
    pub size: usize,
    /// Bytes of the C struct itself (what the library allocates for it).
    pub public: usize,
    pub owned: usize,
    pub fields: &'static [Field],
    /// The index of the `Rest` field, if the model has one.
    pub rest: Option<usize>,
    /// Whether a field has a `mirror` (the parse and free paths skip the
    /// work otherwise).
    pub mirrors: bool,
    /// A union of non-objects: the offset of its one field (`Kind::Whole`),
    /// which holds the value.
    pub whole: Option<usize>,
    /// A union of objects and non-objects: the fields hold an object, the
    /// `Kind::Whole` field any other value.
    pub mixed: bool,
    /// The fields that may own memory, in order (`owners`): all a `_free`
    /// looks at.
    pub owners: &'static [Owner],
}

/// A field that may own memory: the member that holds it (an enum's text
/// member), and the field's index.
#[derive(Clone, Copy)]
pub struct Owner {
    at: u32,
    field: u16,
}

/// The fields of `fields` that may own memory, in order, in the first
/// places of the array (their count beside). `N` is `fields.len()`.
pub const fn owners<const N: usize>(fields: &[Field]) -> ([Owner; N], usize) {
    let mut out = [Owner { at: 0, field: 0 }; N];
    let (mut n, mut i) = (0, 0);
    while i < fields.len() {
        if let Some(at) = fields[i].owner_at() {
            // Struct offsets and field counts (at most 128) fit.
            out[n] = Owner { at: at as u32, field: i as u16 };
            n += 1;
        }
        i += 1;
    }
    (out, n)
}

impl ModelDef {
    /// A model's table; what the paths ask of every struct is worked out
    /// here, once.
    pub const fn new(
        name: &'static str,
        size: usize,
        public: usize,
        owned: usize,
        fields: &'static [Field],
        owners: &'static [Owner],
    ) -> ModelDef {
        // The fast path keeps a bit per field in two u64.
        assert!(fields.len() <= 128, "a model of more than 128 fields");
        let (mut rest, mut mirrors, mut whole, mut members, mut i) = (None, false, None, false, 0);
        while i < fields.len() {
            members |= !matches!(fields[i].kind, Kind::Rest | Kind::Whole | Kind::NullMark);
            if matches!(fields[i].kind, Kind::Rest) {
                rest = Some(i);
            }
            if matches!(fields[i].kind, Kind::Whole) {
                whole = Some(fields[i].offset);
            }
            mirrors |= fields[i].mirror != 0;
            i += 1;
        }
        ModelDef { name, size, public, owned, fields, rest, mirrors, whole, mixed: whole.is_some() && members, owners }
    }

    /// The name used in messages: `project_list_response`.
    pub fn short_name(&self) -> &'static str {
        self.name.trim_start_matches("openai_api_").trim_end_matches("_t")
    }

    /// Whether a value whose JSON starts with `first` (`{` for an object)
    /// is kept whole (`Kind::Whole`) rather than in the fields.
    pub(crate) fn keeps_whole(&self, object: bool) -> bool {
        self.whole.is_some() && !(self.mixed && object)
    }
}

/// A C struct described by a [`ModelDef`].
///
/// # Safety
/// `DEF` is trusted by unsafe code: every field's offset and kind must
/// match the struct's real layout, `size` must cover every member the
/// fields name, and `owned` must be the offset of `_library_owned`. Only
/// `model!` implements it, and it derives all of that from the struct.
pub unsafe trait CModel: Sized {
    const DEF: ModelDef;
}

/// Describes a model's fields for the engine. Each line is
/// `field: kind, flag;` (or `field = "json.key": kind, flag;` when the JSON
/// key is not a C name) where kind is `str`, `int`, `bool`, `double`,
/// `int64`, `counter(int64_member)`, `enum(Raw, text_member)`,
/// `nullable_int(set_member)`, `nullable_bool(set_member)`, `model(struct_t)`, `list(struct_t)`,
/// `str_list`, `json` or `rest`, and flag is exactly `required`,
/// `optional`, `secret` (a required string wiped before it is freed),
/// `wiped` (an optional one) or `mirror(new_member)` (a renamed member,
/// see [`Field::mirror`]). The JSON key is
/// the field name. Members after `_library_owned` are the live API's
/// additions. An `ext Private { ... }` block lists members kept in a
/// private struct that starts with the public one (request fields C sets
/// through setters). A `marks Private { ... }` block lists only the
/// `null_mark`s of a request whose members all live in the public struct
/// (a member `nullable(mark)` is sent as `null` while its mark is set).
/// Kinds are checked against the field types at compile time.
macro_rules! model {
    ($t:ident { $($f:ident $(= $key:literal)? : $kind:ident $(($($arg:tt)*))?, $flag:ident $(($mirror:ident))?;)+ }) => {
        $crate::wire::model::model!(@def $t, $t, $t, { $($f $(= $key)? : $kind $(($($arg)*))?, $flag $(($mirror))?;)+ }, {});
    };
    ($t:ident { $($f:ident $(= $key:literal)? : $kind:ident $(($($arg:tt)*))?, $flag:ident $(($mirror:ident))?;)+ }
     ext $x:ident { $($xf:ident : $xkind:ident $(($($xarg:tt)*))?, $xflag:ident $(($xnull:ident))?;)* }) => {
        $crate::wire::model::model!(@def $t, $x, $x, { $($f $(= $key)? : $kind $(($($arg)*))?, $flag $(($mirror))?;)+ },
            { $($xf : $xkind $(($($xarg)*))?, $xflag $(($xnull))?;)* });
        const _: () = assert!(::std::mem::offset_of!($x, base) == 0);
    };
    ($t:ident { $($f:ident $(= $key:literal)? : $kind:ident $(($($arg:tt)*))?, $flag:ident $(($mirror:ident))?;)+ }
     marks $x:ident { $($xf:ident : $xkind:ident $(($($xarg:tt)*))?, $xflag:ident $(($xnull:ident))?;)* }) => {
        $crate::wire::model::model!(@def $t, $x, $t, { $($f $(= $key)? : $kind $(($($arg)*))?, $flag $(($mirror))?;)+ },
            { $($xf : $xkind $(($($xarg)*))?, $xflag $(($xnull))?;)* });
        const _: () = assert!(::std::mem::offset_of!($x, base) == 0);
    };
    // `$c`: the struct the public members' companions are in.
    (@def $t:ident, $x:ident, $c:ident, { $($f:ident $(= $key:literal)? : $kind:ident $(($($arg:tt)*))?, $flag:ident $(($mirror:ident))?;)* },
        { $($xf:ident : $xkind:ident $(($($xarg:tt)*))?, $xflag:ident $(($xnull:ident))?;)* }) => {
        // SAFETY: offsets and the size come from the struct itself, and
        // `check_kinds` below proves each kind matches its member's type.
        unsafe impl $crate::wire::model::CModel for $t {
            const DEF: $crate::wire::model::ModelDef = {
                const FIELDS: &[$crate::wire::model::Field] = &[
                    $($crate::wire::model::Field {
                        key: $crate::wire::model::model!(@key $f $(, $key)?),
                        offset: ::std::mem::offset_of!($t, $f),
                        kind: $crate::wire::model::model!(@kind $c, $kind $(($($arg)*))?),
                        required: $crate::wire::model::model!(@required $flag),
                        secret: $crate::wire::model::model!(@secret $flag),
                        mirror: $crate::wire::model::model!(@mirror $x, $flag $(, $mirror)?),
                        null: $crate::wire::model::model!(@null $x, $flag $(, $mirror)?),
                    },)*
                    $($crate::wire::model::Field {
                        key: $crate::wire::model::json_key(concat!(stringify!($xf), "\0")),
                        offset: ::std::mem::offset_of!($x, $xf),
                        kind: $crate::wire::model::model!(@kind $x, $xkind $(($($xarg)*))?),
                        required: $crate::wire::model::model!(@required $xflag),
                        secret: $crate::wire::model::model!(@secret $xflag),
                        mirror: 0,
                        null: $crate::wire::model::model!(@null $x, $xflag $(, $xnull)?),
                    },)*
                ];
                const OWNERS: ([$crate::wire::model::Owner; FIELDS.len()], usize) =
                    $crate::wire::model::owners::<{ FIELDS.len() }>(FIELDS);
                $crate::wire::model::ModelDef::new(
                    stringify!($t),
                    ::std::mem::size_of::<$x>(),
                    ::std::mem::size_of::<$t>(),
                    ::std::mem::offset_of!($t, _library_owned),
                    FIELDS,
                    OWNERS.0.split_at(OWNERS.1).0,
                )
            };
        }
        const _: () = {
            #[allow(dead_code)]
            fn check_kinds(v: &$t) {
                $( $crate::wire::model::model!(@check v, $f, $kind $(($($arg)*))?); )*
            }
            #[allow(dead_code, unused_variables)]
            fn check_companions(v: &$c) {
                $( $crate::wire::model::model!(@companion v, $kind $(($($arg)*))?); )*
            }
            #[allow(dead_code, unused_variables)]
            fn check_private(v: &$x) {
                $( $crate::wire::model::model!(@check v, $xf, $xkind $(($($xarg)*))?); )*
                $( $crate::wire::model::model!(@companion v, $xkind $(($($xarg)*))?); )*
            }
        };
    };
    (@key $f:ident) => { $crate::wire::model::json_key(concat!(stringify!($f), "\0")) };
    (@key $f:ident, $k:literal) => { $crate::wire::model::json_key(concat!($k, "\0")) };
    (@mirror $x:ident, mirror, $m:ident) => { ::std::mem::offset_of!($x, $m) };
    (@mirror $x:ident, $flag:ident $(, $m:ident)?) => { 0 };
    // `nullable(mark)`: sent as `null` while its mark (a `null_mark` member) is set.
    (@null $x:ident, nullable, $m:ident) => { ::std::mem::offset_of!($x, $m) };
    (@null $x:ident, $flag:ident $(, $m:ident)?) => { 0 };
    (@required nullable) => { false };
    (@secret nullable) => { false };
    (@required required) => { true };
    (@required mirror) => { false };
    (@secret mirror) => { false };
    (@required wiped) => { false };
    (@secret wiped) => { true };
    (@required secret) => { true };
    (@required optional) => { false };
    (@secret required) => { false };
    (@secret secret) => { true };
    (@secret optional) => { false };
    (@kind $s:ident, str) => { $crate::wire::model::Kind::Str };
    (@kind $s:ident, int) => { $crate::wire::model::Kind::Int };
    (@kind $s:ident, bool) => { $crate::wire::model::Kind::Bool };
    (@kind $s:ident, enum($e:ty, $text:ident)) => { $crate::wire::model::Kind::Enum {
        names: <$e as $crate::wire::model::CEnum>::NAMES,
        text: ::std::mem::offset_of!($s, $text),
    } };
    (@kind $s:ident, nullable_int($set:ident)) => { $crate::wire::model::Kind::NullableInt {
        set: ::std::mem::offset_of!($s, $set),
    } };
    (@kind $s:ident, nullable_bool($set:ident)) => { $crate::wire::model::Kind::NullableBool {
        set: ::std::mem::offset_of!($s, $set),
    } };
    (@kind $s:ident, model($m:ty)) => { $crate::wire::model::Kind::Model(&<$m as $crate::wire::model::CModel>::DEF) };
    (@kind $s:ident, list($m:ty)) => { $crate::wire::model::Kind::List(&<$m as $crate::wire::model::CModel>::DEF) };
    (@kind $s:ident, str_list) => { $crate::wire::model::Kind::StrList };
    (@kind $s:ident, num_list) => { $crate::wire::model::Kind::NumList };
    (@kind $s:ident, whole) => { $crate::wire::model::Kind::Whole };
    (@kind $s:ident, object) => { $crate::wire::model::Kind::Object };
    (@kind $s:ident, map($of:ident)) => { $crate::wire::model::Kind::Map($crate::wire::map::MapOf::$of) };
    (@kind $s:ident, map_list($of:ident)) => { $crate::wire::model::Kind::MapList($crate::wire::map::MapOf::$of) };
    (@kind $s:ident, float) => { $crate::wire::model::Kind::Float };
    (@kind $s:ident, json) => { $crate::wire::model::Kind::Json };
    (@kind $s:ident, double) => { $crate::wire::model::Kind::Double };
    (@kind $s:ident, int64) => { $crate::wire::model::Kind::Int64 };
    // A C `long` (the generated client's type for `format: int64`): 64
    // bits on the platforms the library builds for (checked below).
    (@kind $s:ident, long) => { $crate::wire::model::Kind::Int64 };
    (@kind $s:ident, rest) => { $crate::wire::model::Kind::Rest };
    (@kind $s:ident, null_mark) => { $crate::wire::model::Kind::NullMark };
    (@kind $s:ident, counter($wide:ident)) => { $crate::wire::model::Kind::Counter {
        wide: ::std::mem::offset_of!($s, $wide),
    } };
    (@check $v:ident, $f:ident, str) => { let _: &*mut ::std::os::raw::c_char = &$v.$f; };
    (@check $v:ident, $f:ident, int) => { let _: &::std::os::raw::c_int = &$v.$f; };
    (@check $v:ident, $f:ident, long) => { let _: &::std::os::raw::c_long = &$v.$f; };
    (@check $v:ident, $f:ident, bool) => { let _: &::std::os::raw::c_int = &$v.$f; };
    (@check $v:ident, $f:ident, enum($e:ty, $text:ident)) => { let _: &$e = &$v.$f; };
    (@check $v:ident, $f:ident, nullable_int($set:ident)) => { let _: &::std::os::raw::c_int = &$v.$f; };
    (@check $v:ident, $f:ident, nullable_bool($set:ident)) => { let _: &::std::os::raw::c_int = &$v.$f; };
    (@companion $v:ident, enum($e:ty, $text:ident)) => { let _: &*mut ::std::os::raw::c_char = &$v.$text; };
    (@companion $v:ident, nullable_int($set:ident)) => { let _: &::std::os::raw::c_int = &$v.$set; };
    (@companion $v:ident, nullable_bool($set:ident)) => { let _: &::std::os::raw::c_int = &$v.$set; };
    (@companion $v:ident, counter($wide:ident)) => { let _: &i64 = &$v.$wide; };
    (@companion $v:ident, $kind:ident $(($($arg:tt)*))?) => {};
    (@check $v:ident, $f:ident, model($m:ty)) => { let _: &*mut $m = &$v.$f; };
    (@check $v:ident, $f:ident, list($m:ty)) => { let _: &*mut $crate::support::list::list_t = &$v.$f; };
    (@check $v:ident, $f:ident, str_list) => { let _: &*mut $crate::support::list::list_t = &$v.$f; };
    (@check $v:ident, $f:ident, num_list) => { let _: &*mut $crate::support::list::list_t = &$v.$f; };
    (@check $v:ident, $f:ident, whole) => { let _: &*mut $crate::support::cjson::cJSON = &$v.$f; };
    (@check $v:ident, $f:ident, object) => { let _: &*mut $crate::wire::object::object_t = &$v.$f; };
    (@check $v:ident, $f:ident, map($of:ident)) => { let _: &*mut $crate::support::list::list_t = &$v.$f; };
    (@check $v:ident, $f:ident, map_list($of:ident)) => { let _: &*mut $crate::support::list::list_t = &$v.$f; };
    (@check $v:ident, $f:ident, float) => { let _: &f32 = &$v.$f; };
    (@check $v:ident, $f:ident, json) => { let _: &*mut $crate::support::cjson::cJSON = &$v.$f; };
    (@check $v:ident, $f:ident, rest) => { let _: &*mut $crate::support::cjson::cJSON = &$v.$f; };
    (@check $v:ident, $f:ident, null_mark) => { let _: &::std::os::raw::c_int = &$v.$f; };
    (@check $v:ident, $f:ident, double) => { let _: &f64 = &$v.$f; };
    (@check $v:ident, $f:ident, int64) => { let _: &i64 = &$v.$f; };
    (@check $v:ident, $f:ident, counter($wide:ident)) => { let _: &::std::os::raw::c_int = &$v.$f; };
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
    // SAFETY: at's contract: `offset` is a member of the model; a private one (past the struct)
    // only when the library made it.
    unsafe { base.add(offset) as *mut T }
}

/// A bit of the record's private-block word (malloc's blocks are aligned,
/// so it is never part of the address): the struct's renamed members were
/// filled from their new members when it was parsed (they shared one value).
pub(crate) const SHARED: usize = 1;

/// Where a struct's members are: in the struct itself, and for a request
/// the library made, its private members in a block of the library's own
/// that its record keeps (never beside the struct, so a struct at an
/// address the library once used is never read past its layout).
#[derive(Clone, Copy)]
pub(crate) struct Base {
    p: *mut u8,
    /// The private block (laid out as the whole private struct), or `p`
    /// itself when there is none (members are then all in the struct).
    private: *mut u8,
    public: usize,
}

impl Base {
    fn new(def: &ModelDef, p: *mut u8, private: usize) -> Base {
        let private = private & !SHARED;
        let private = if private == 0 { p } else { private as *mut u8 };
        Base { p, private, public: def.public }
    }

    /// The private block, or NULL when there is none.
    fn private_block(self) -> *mut u8 {
        if self.private == self.p {
            ptr::null_mut()
        } else {
            self.private
        }
    }

    /// The struct at `p` as the library sees it, and whether the library
    /// made it (decided from the record, never from the struct's bytes):
    /// only then do its members after `_library_owned` exist.
    pub(crate) fn of(def: &ModelDef, p: *mut u8) -> (Base, bool) {
        match crate::boundary::record::lookup(p, def.name) {
            Some(private) => (Base::new(def, p, private), true),
            None => (Base::new(def, p, 0), false),
        }
    }

    /// The struct itself.
    pub(crate) fn ptr(self) -> *mut u8 {
        self.p
    }

    /// The member at `offset`.
    ///
    /// # Safety
    /// `offset` is a member of the model; a private one (past the struct)
    /// only when the library made it.
    pub(crate) unsafe fn at<T>(self, offset: usize) -> *mut T {
        // No branch to predict: a select between the two bases.
        let base = if offset < self.public { self.p } else { self.private };
        // SAFETY: at's contract: `offset` is a member of the model; a private one (past the struct)
        // only when the library made it.
        unsafe { base.add(offset) as *mut T }
    }
}

/// A new zeroed struct of the model, recorded as the library's, with
/// `_library_owned` 1 (and a zeroed block for its private members, if it
/// has any); a NULL struct when memory is exhausted.
pub(crate) fn alloc_model(def: &'static ModelDef) -> Base {
    // SAFETY: `alloc::zeroed` gives NULL or a block of
    // `def.public` zeroed bytes, `def.owned` among them.
    unsafe {
        let private = if def.size > def.public {
            let b = alloc::zeroed(def.size);
            if b.is_null() {
                return Base::new(def, ptr::null_mut(), 0);
            }
            b
        } else {
            ptr::null_mut()
        };
        // The struct's entry in the record counts toward the answer's
        // budget, charged with the struct.
        let p = alloc::zeroed_holding(def.public, crate::boundary::record::ENTRY);
        if p.is_null() {
            alloc::free(private);
            return Base::new(def, p, 0);
        }
        *at::<c_int>(p, def.owned) = 1;
        crate::boundary::record::note(p, def, private as usize);
        Base::new(def, p, private as usize)
    }
}

/// A struct with every member NULL/0: fills the live API's members in
/// `_create` (`..blank()`).
/// Copies of `strings` (a NULL one stays NULL) for a request's `_new`, or
/// None when one cannot be made (nothing is left allocated then).
///
/// # Safety
/// Each string is NULL or NUL-terminated.
unsafe fn copies<const N: usize>(strings: [*const c_char; N]) -> Option<[*mut c_char; N]> {
    let mut out = [ptr::null_mut(); N];
    for (i, s) in strings.iter().enumerate().filter(|(_, s)| !s.is_null()) {
        // SAFETY: copies's contract: each string is NULL or NUL-terminated.
        let copy = unsafe { crate::boundary::alloc::strdup(*s) };
        if copy.is_null() {
            // SAFETY: the copies made so far are ours (NULL ones are fine).
            out[..i].iter().for_each(|c| unsafe { crate::boundary::alloc::free(*c) });
            return None;
        }
        out[i] = copy;
    }
    Some(out)
}

pub fn blank<T: CModel>() -> T {
    // SAFETY: CModel's contract: every member is a pointer, an int or an
    // int-backed enum, for which all-zero bytes are a valid value.
    unsafe { std::mem::zeroed() }
}

/// Moves a model built by `_create` into malloc'd memory (zeroed past the
/// public struct). When memory is exhausted the pointers it took are freed
/// and NULL is returned.
pub fn create<T: CModel>(value: T) -> *mut T {
    crate::boundary::guard::guard(ptr::null_mut(), || create_unguarded(value))
}

fn create_unguarded<T: CModel>(value: T) -> *mut T {
    let mut value = std::mem::ManuallyDrop::new(value);
    let v = &mut *value as *mut T as *mut u8;
    // SAFETY: `T::DEF.size >= size_of::<T>()` (model!); the new block is
    // zeroed, so members the constructor does not take read as NULL/0.
    unsafe {
        *at::<c_int>(v, T::DEF.owned) = 1;
        let b = alloc_model(&T::DEF);
        if b.p.is_null() {
            free_public(v, &T::DEF);
        } else {
            ptr::copy_nonoverlapping(v, b.p, std::mem::size_of::<T>());
        }
        b.p as *mut T
    }
}

/// Frees what the public members of a struct not made into a model hold
/// (a constructor's arguments it took, when it cannot make the model).
///
/// # Safety
/// `v` points at a `def` struct whose public members are valid.
unsafe fn free_public(v: *mut u8, def: &ModelDef) {
    // SAFETY: free_public's contract: `v` points at a `def` struct whose public members are valid.
    unsafe {
        let vb = Base::new(def, v, 0);
        for f in def.fields.iter().filter(|f| !f.is_extension(def)) {
            free_field(f, &vb);
        }
    }
}

/// A request's `_new`: a new model made by `make` from copies of
/// `strings` (and what else `make` takes), or NULL when a copy or the model
/// cannot be made (what `make` took is freed then). Guarded.
///
/// # Safety
/// Each string is NULL or NUL-terminated; `make`'s other members are valid
/// for the model to own.
pub unsafe fn new_copying<T: CModel, const N: usize>(strings: [*const c_char; N], make: impl FnOnce([*mut c_char; N]) -> T) -> *mut T {
    crate::boundary::guard::guard(ptr::null_mut(), || {
        // SAFETY: new_copying's contract: each string is NULL or NUL-terminated; `make`'s other
        // members are valid for the model to own.
        match unsafe { copies(strings) } {
            Some(c) => create_unguarded(make(c)),
            None => {
                let mut value = std::mem::ManuallyDrop::new(make([ptr::null_mut(); N]));
                // SAFETY: the struct `make` gave, its strings NULL.
                unsafe { free_public(&mut *value as *mut T as *mut u8, &T::DEF) };
                ptr::null_mut()
            }
        }
    })
}

/// Frees a model, everything it owns, then the struct. A struct the library
/// did not allocate, or whose `_library_owned` is not 1, is left alone with
/// a warning on stderr (and read only within the generated client's layout).
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes.
pub unsafe fn free_def(def: &ModelDef, p: *mut u8) {
    // SAFETY: free_def's contract: `p` is NULL or a valid struct of the model `def` describes.
    unsafe {
        if p.is_null() {
            return;
        }
        // `_library_owned` (within the generated client's layout) first, then the record:
        // taking the struct out of it is the check (one step, not two).
        let private = match *at::<c_int>(p, def.owned) {
            1 => crate::boundary::record::forget(p, def.name),
            _ => None,
        };
        let Some(private) = private else {
            crate::boundary::process::warn(format_args!(
                "WARNING: {}_free() NOT FREEING memory not allocated by the library.",
                def.short_name()
            ));
            return;
        };
        let b = Base::new(def, p, private);
        let shared = private & SHARED != 0;
        // Only the members that may own memory, and of them the ones that
        // hold something (most of a wide model's are NULL).
        for o in def.owners {
            if (*b.at::<*mut u8>(o.at as usize)).is_null() {
                continue;
            }
            let f = &def.fields[usize::from(o.field)];
            if !def.mirrors || frees_own(def, f, &b, shared) {
                free_field(f, &b);
            }
        }
        let private = b.private_block();
        if !private.is_null() {
            alloc::free(private);
        }
        alloc::free(p);
    }
}

/// Lends `p`, a struct of the model `def` the library made, to `f` (the
/// program's callback), then frees it. While `f` runs the struct is out of
/// the record, so a `_free` of it from the callback is refused with a
/// warning instead of freeing it under the library.
///
/// # Safety
/// `p` is a struct of the model `def` describes, made by the library and
/// the caller's to free.
pub unsafe fn lend<R>(def: &'static ModelDef, p: *mut u8, f: impl FnOnce() -> R) -> R {
    let private = crate::boundary::record::forget(p, def.name);
    let r = f();
    if let Some(private) = private {
        crate::boundary::record::note(p, def, private);
    }
    // SAFETY: lend's contract: the library's struct, back in the record.
    unsafe { free_def(def, p) };
    r
}

impl crate::boundary::record::Model for ModelDef {
    fn name(&self) -> &'static str {
        self.name
    }

    /// Frees the private block the record kept for a struct of this model,
    /// with the strings and JSON it holds, when the library is unloaded or
    /// the process exits (the struct was released with plain `free()`, or
    /// is still the program's). Structs and lists it points to are left
    /// alone (their own entries are gone from the record by then).
    unsafe fn release_private(&self, private: usize) {
        let block = private & !SHARED;
        if block == 0 {
            return;
        }
        let b = Base { p: ptr::null_mut(), private: block as *mut u8, public: 0 };
        // SAFETY: per the contract: the block is laid out as the whole struct.
        unsafe {
            for f in self.fields.iter().filter(|f| f.offset >= self.public) {
                if matches!(
                    f.kind,
                    Kind::Str
                        | Kind::Json
                        | Kind::Whole
                        | Kind::Rest
                        | Kind::StrList
                        | Kind::NumList
                        | Kind::Enum { .. }
                        | Kind::Object
                        | Kind::Map(_)
                        | Kind::MapList(_)
                ) {
                    free_field(f, &b);
                }
            }
            alloc::free(block as *mut u8);
        }
    }
}

/// Frees what field `f` of the struct at `p` owns.
///
/// # Safety
/// `p` is a struct of the model `f` belongs to, made by the library, whose
/// field `f` holds NULL or what the library made for it.
#[inline(always)]
unsafe fn free_field(f: &Field, p: &Base) {
    // SAFETY: free_field's contract: the field at `f.offset` has `f.kind`'s
    // type and holds NULL or the library's allocation.
    unsafe {
        let Some(at) = f.owner_at() else { return };
        // Most members of a wide model (an audit-log event's) are NULL: no
        // call for them.
        let v = *p.at::<*mut u8>(at);
        if v.is_null() {
            return;
        }
        match f.kind {
            Kind::Str if f.secret => alloc::free_secret(v as *mut c_char),
            Kind::Str | Kind::Enum { .. } => alloc::free(v),
            Kind::Model(d) => free_def(d, v),
            Kind::List(d) => free_list(d, v as *mut list_t),
            // Both hold C-allocated items only.
            Kind::StrList | Kind::NumList => free_str_list(v as *mut list_t),
            Kind::Json | Kind::Rest | Kind::Whole => crate::support::cjson::delete(v as *mut cJSON),
            Kind::Object => map::free_object(v as *mut object_t),
            Kind::Map(of) => map::free_map(of, v as *mut list_t),
            Kind::MapList(of) => map::free_map_list(of, v as *mut list_t),
            _ => {}
        }
    }
}

/// Whether freeing the struct frees `f`'s value, for a model with renamed
/// members. A renamed member and its new member filled from it when the
/// struct was parsed (`shared`) held one value: freed once while both
/// still hold it; when the program took it from either (set one to NULL),
/// from neither; when the program put another value in the renamed member
/// (the one its generated-client code knows), that one is freed and the
/// first value is left to the program. A value two members hold is freed
/// once in any case.
///
/// # Safety
/// `p` is a struct of the model `def` describes, made by the library.
unsafe fn frees_own(def: &ModelDef, f: &Field, p: &Base, shared: bool) -> bool {
    // SAFETY: frees_own's contract: `p` is a struct of the model `def` describes, made by the
    // library.
    unsafe {
        if !matches!(f.kind, Kind::List(_) | Kind::StrList | Kind::Model(_) | Kind::Json) {
            return true;
        }
        // (renamed member, new member) of the pair `f` belongs to.
        let (old, new) = if f.mirror != 0 {
            (f.offset, f.mirror)
        } else if let Some(g) = def.fields.iter().find(|g| g.mirror != 0 && g.mirror == f.offset) {
            (g.offset, f.offset)
        } else {
            return true;
        };
        let (v, w) = (*p.at::<*mut u8>(old), *p.at::<*mut u8>(new));
        let is_new = f.offset == new;
        if v == w {
            // One value: freed through the new member.
            return is_new;
        }
        if !shared {
            return true;
        }
        // Taken from one of them: the other still holds it.
        if v.is_null() || w.is_null() {
            return false;
        }
        // Replaced in the renamed member: the new one's is the first value.
        !is_new
    }
}

/// Whether `f` is a renamed member that holds the very value of its new
/// member (filled from it): then it is neither freed nor printed on its own.
///
/// # Safety
/// `p` is a struct of the model `f` belongs to, made by the library when
/// `f.mirror` is set (the new member exists).
unsafe fn shares_mirror(f: &Field, p: &Base) -> bool {
    // SAFETY: shares_mirror's contract: `p` is a struct of the model `f` belongs to, made by the
    // library when `f.mirror` is set (the new member exists).
    unsafe {
        if f.mirror == 0 {
            return false;
        }
        match f.kind {
            Kind::List(_) | Kind::StrList | Kind::Model(_) | Kind::Json => {
                let v = *p.at::<*mut u8>(f.offset);
                !v.is_null() && v == *p.at::<*mut u8>(f.mirror)
            }
            _ => false,
        }
    }
}

/// Whether `f` is a renamed integer member holding its new member's value
/// (it is then printed once, under the new name).
///
/// # Safety
/// As for [`shares_mirror`].
unsafe fn repeats_mirror(def: &ModelDef, f: &Field, p: &Base) -> bool {
    // SAFETY: repeats_mirror's contract: `p` is a struct of the model `f` belongs to, made by the
    // library when `f.mirror` is set (the new member exists).
    unsafe {
        let Some(src) = def.fields.iter().find(|s| f.mirror != 0 && s.offset == f.mirror) else { return false };
        match (whole_int(src, p), whole_int(f, p)) {
            (Some(whole), Some(ours)) => whole != 0 && ours == whole,
            _ => false,
        }
    }
}

/// The whole value of an integer field (a counter's from its `_64`
/// companion); None for a field of another kind.
///
/// # Safety
/// `p` is a struct of the model `f` belongs to, made by the library.
unsafe fn whole_int(f: &Field, p: &Base) -> Option<i64> {
    // SAFETY: whole_int's contract: `p` is a struct of the model `f` belongs to, made by the
    // library.
    unsafe {
        match f.kind {
            Kind::Int => Some(*p.at::<c_int>(f.offset) as i64),
            Kind::Counter { wide } => Some(counter(p.at::<c_int>(f.offset), p.at::<i64>(wide))),
            Kind::Int64 => Some(*p.at::<i64>(f.offset)),
            _ => None,
        }
    }
}

/// A counter's whole value: its `_64` companion while the `int` member
/// still holds what the library saturated it to, else what the program
/// wrote in the `int` member (by assignment or `_create`).
///
/// # Safety
/// Both point at the members of one struct.
pub(crate) unsafe fn counter(public: *const c_int, wide: *const i64) -> i64 {
    // SAFETY: counter's contract: both point at the members of one struct.
    unsafe {
        let whole = *wide;
        if whole.clamp(c_int::MIN as i64, c_int::MAX as i64) == *public as i64 {
            whole
        } else {
            *public as i64
        }
    }
}

/// After parsing: a renamed member the answer did not send under its
/// released name takes its new member's value (ABI.md section 9); a value
/// so shared is noted in the record (`SHARED`), for `free_def`.
///
/// # Safety
/// `p` is a struct of the model `def` describes, made by the library.
pub(crate) unsafe fn fill_mirrors(def: &ModelDef, p: Base) {
    // SAFETY: per the contract: mirrored members exist in library structs.
    unsafe {
        for f in def.fields.iter().filter(|f| f.mirror != 0) {
            let Some(src) = def.fields.iter().find(|s| s.offset == f.mirror) else { continue };
            match (&f.kind, &src.kind) {
                (Kind::List(_) | Kind::StrList | Kind::Model(_) | Kind::Json, _) if (*p.at::<*mut u8>(f.offset)).is_null() => {
                    let v = *p.at::<*mut u8>(f.mirror);
                    if !v.is_null() {
                        *p.at::<*mut u8>(f.offset) = v;
                        crate::boundary::record::mark(p.ptr(), def.name, SHARED);
                    }
                }
                (Kind::Int | Kind::Counter { .. }, _) => {
                    let Some(whole) = whole_int(src, &p) else { continue };
                    if *p.at::<c_int>(f.offset) == 0 && whole != 0 {
                        *p.at::<c_int>(f.offset) = whole.clamp(c_int::MIN as i64, c_int::MAX as i64) as c_int;
                        if let Kind::Counter { wide } = f.kind {
                            *p.at::<i64>(wide) = whole;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A JSON number as an `int64_t`, saturating (a fraction is cut off).
pub(crate) fn saturate64(d: f64) -> i64 {
    if d.is_nan() {
        0
    } else {
        // `as` saturates at the bounds.
        d as i64
    }
}

/// Frees a list of strings and the strings.
///
/// # Safety
/// `list` is NULL or a list of malloc'd strings.
unsafe fn free_str_list(list: *mut list_t) {
    // SAFETY: free_str_list's contract: `list` is NULL or a list of malloc'd strings.
    unsafe {
        if list.is_null() {
            return;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            alloc::free((*e).data);
            e = (*e).nextListEntry;
        }
        list_freeList(list);
    }
}

/// Frees a list of structs of the model `d`, each with what it owns.
///
/// # Safety
/// `list` is NULL or a live list whose entries hold NULL or structs of `d`
/// the library made.
unsafe fn free_list(d: &ModelDef, list: *mut list_t) {
    // SAFETY: free_list's contract: a live list of `d` structs (or NULLs),
    // each entry read before the list is freed.
    unsafe {
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
}

/// `X_free`.
///
/// # Safety
/// As for [`free_def`].
pub unsafe fn free<T: CModel>(p: *mut T) {
    // SAFETY: free's contract: `p` is NULL or a valid struct of the model `def` describes.
    unsafe { crate::boundary::guard::guard((), || free_def(&T::DEF, p as *mut u8)) }
}

/// Sets a private request member (one the live API added) to a copy of
/// `value` (NULL clears it). Returns 0, or -1 with a warning on stderr when
/// the struct was not allocated by the library (it has no such member).
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes; `value` is
/// NULL or NUL-terminated.
pub unsafe fn set_text_def(def: &ModelDef, p: *mut u8, key: &str, value: *const c_char) -> c_int {
    // SAFETY: set_text_def's contract: `p` is NULL or a valid struct of the model `def` describes;
    // `value` is NULL or NUL-terminated.
    unsafe {
        let Some((f, p)) = extension(def, p, key, "") else { return -1 };
        let copy = match crate::boundary::ptr::arg_str(value) {
            Some(b) => {
                let s = alloc::c_string(b);
                if s.is_null() {
                    return -1;
                }
                s
            }
            None => ptr::null_mut(),
        };
        let slot = match f.kind {
            Kind::Enum { text, .. } => {
                // The text replaces the enum value.
                if !copy.is_null() {
                    *p.at::<c_int>(f.offset) = 0;
                }
                text
            }
            _ => f.offset,
        };
        alloc::free(*p.at::<*mut c_char>(slot));
        *p.at::<*mut c_char>(slot) = copy;
        unmark(f, p);
        0
    }
}

/// A value set: the member is no longer sent as `null`.
///
/// # Safety
/// `p` is a struct of the model `f` belongs to, made by the library.
unsafe fn unmark(f: &Field, p: Base) {
    if f.null != 0 {
        // SAFETY: unmark's contract: the mark is in the library's struct.
        unsafe { *p.at::<c_int>(f.null) = 0 };
    }
}

/// Makes a request send member `key` as JSON `null` (the explicit `null`
/// some members take, such as removing a key's spend limit): what the member
/// held is freed and it is set to NULL/0; a value given later, by its
/// setter or in the struct, is sent instead. -1 (with a warning) when the
/// struct is NULL or was not made by the library, or the member cannot be
/// `null`.
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes.
pub unsafe fn set_null_def(def: &ModelDef, p: *mut u8, key: &str) -> c_int {
    // SAFETY: set_null_def's contract: `p` is NULL or a valid struct of the model `def`
    // describes; a member is written only in a struct the library made.
    unsafe {
        let Some((f, p)) = extension(def, p, key, "_null") else { return -1 };
        if f.null == 0 {
            return -1;
        }
        free_field(f, &p);
        match f.kind {
            Kind::Enum { text, .. } => {
                *p.at::<c_int>(f.offset) = 0;
                *p.at::<*mut c_char>(text) = ptr::null_mut();
            }
            Kind::NullableInt { set } | Kind::NullableBool { set } => {
                *p.at::<c_int>(f.offset) = 0;
                *p.at::<c_int>(set) = 0;
            }
            Kind::Int | Kind::Bool | Kind::NullMark => *p.at::<c_int>(f.offset) = 0,
            Kind::Double => *p.at::<f64>(f.offset) = 0.0,
            Kind::Float => *p.at::<f32>(f.offset) = 0.0,
            Kind::Int64 => *p.at::<i64>(f.offset) = 0,
            Kind::Counter { wide } => {
                *p.at::<c_int>(f.offset) = 0;
                *p.at::<i64>(wide) = 0;
            }
            Kind::Str
            | Kind::Model(_)
            | Kind::List(_)
            | Kind::StrList
            | Kind::NumList
            | Kind::Json
            | Kind::Whole
            | Kind::Rest
            | Kind::Object
            | Kind::Map(_)
            | Kind::MapList(_) => *p.at::<*mut u8>(f.offset) = ptr::null_mut(),
        }
        *p.at::<c_int>(f.null) = 1;
        0
    }
}

/// `X_set_<member>_null`.
///
/// # Safety
/// As for [`set_null_def`].
pub unsafe fn set_null<T: CModel>(p: *mut T, key: &str) -> c_int {
    // SAFETY: set_null's contract: as set_null_def's.
    unsafe { crate::boundary::guard::guard(-1, || set_null_def(&T::DEF, p as *mut u8, key)) }
}

/// Sets a private integer or boolean request member; as [`set_text`].
///
/// # Safety
/// As for [`set_text`].
pub unsafe fn set_int_def(def: &ModelDef, p: *mut u8, key: &str, value: c_int) -> c_int {
    // SAFETY: set_int_def's contract: `p` is NULL or a valid struct of the model `def` describes;
    // `value` is NULL or NUL-terminated.
    unsafe {
        let Some((f, p)) = extension(def, p, key, "") else { return -1 };
        *p.at::<c_int>(f.offset) = value;
        unmark(f, p);
        0
    }
}

/// Sets a private member that holds a model: the struct takes `value` (as
/// `_create` takes what it is given) and frees the one it held; NULL: not
/// sent. As [`set_text`].
///
/// # Safety
/// As for [`set_text`]; `value` is NULL or a valid struct of the member's model.
pub unsafe fn set_model_def(def: &ModelDef, p: *mut u8, key: &str, value: *mut u8) -> c_int {
    // SAFETY: set_model_def's contract: `p` is NULL or a valid struct of the model `def`
    // describes; `value` is NULL or a struct of the member's model, handed over.
    unsafe {
        let Some((f, p)) = extension(def, p, key, "") else { return -1 };
        let Kind::Model(d) = f.kind else { return -1 };
        let slot = p.at::<*mut u8>(f.offset);
        if *slot != value {
            free_def(d, *slot);
        }
        *slot = value;
        unmark(f, p);
        0
    }
}

/// `X_set_<member>` for a member that holds a model.
///
/// # Safety
/// As for [`set_model_def`].
pub unsafe fn set_model<T: CModel, M: CModel>(p: *mut T, key: &str, value: *mut M) -> c_int {
    // SAFETY: set_model's contract: as set_model_def's.
    unsafe { crate::boundary::guard::guard(-1, || set_model_def(&T::DEF, p as *mut u8, key, value as *mut u8)) }
}

/// `X_set_<member>` for a string member.
///
/// # Safety
/// As for [`set_text_def`].
pub unsafe fn set_text<T: CModel>(p: *mut T, key: &str, value: *const c_char) -> c_int {
    // SAFETY: set_text's contract: `p` is NULL or a valid struct of the model `def` describes;
    // `value` is NULL or NUL-terminated.
    unsafe { crate::boundary::guard::guard(-1, || set_text_def(&T::DEF, p as *mut u8, key, value)) }
}

/// `X_set_<member>` for an integer or boolean member.
///
/// # Safety
/// As for [`set_text_def`].
pub unsafe fn set_int<T: CModel>(p: *mut T, key: &str, value: c_int) -> c_int {
    // SAFETY: set_int's contract: `p` is NULL or a valid struct of the model `def` describes;
    // `value` is NULL or NUL-terminated.
    unsafe { crate::boundary::guard::guard(-1, || set_int_def(&T::DEF, p as *mut u8, key, value)) }
}

/// The private member `key` of the struct at `p`, when the library
/// allocated it (the record says so; a program-built struct has no such
/// member, whatever its `_library_owned` holds).
fn extension<'d>(def: &'d ModelDef, p: *mut u8, key: &str, setter: &str) -> Option<(&'d Field, Base)> {
    let f = def.fields.iter().find(|f| f.key.to_bytes() == key.as_bytes())?;
    if p.is_null() {
        return None;
    }
    let (b, made) = Base::of(def, p);
    if !made {
        crate::boundary::process::warn(format_args!(
            "WARNING: {}_set_{key}{setter}(): the struct was not allocated by {}_create(); `{key}` NOT SET.",
            def.short_name(),
            def.short_name()
        ));
        return None;
    }
    Some((f, b))
}

/// Builds a model from a cJSON object as the live API's answers need: a
/// missing or null field reads as NULL/0, an enum string the enum does not
/// name reads as 0 with the string kept in its companion member, unknown
/// keys are ignored. Err (naming the field) only for a value of the wrong
/// JSON type, a non-object where a model belongs, or exhausted memory.
///
/// # Safety
/// `json` is NULL or a valid cJSON tree.
pub unsafe fn parse_def(def: &'static ModelDef, json: *const cJSON) -> Result<*mut u8, ShapeError> {
    // SAFETY: parse_def's contract: `json` is NULL or a valid cJSON tree.
    unsafe {
        if def.keeps_whole(cJSON_IsObject(json) != 0) {
            return parse_whole(def, json);
        }
        if cJSON_IsObject(json) == 0 {
            return Err(ShapeError::new("an object", json));
        }
        let b = alloc_model(def);
        if b.p.is_null() {
            return Err(ShapeError::memory());
        }
        let mut mismatched: Vec<*const cJSON> = Vec::new();
        for f in def.fields {
            if matches!(f.kind, Kind::Rest) {
                if let Err(e) = parse_rest(def, f, json, b) {
                    free_def(def, b.p);
                    return Err(e);
                }
                continue;
            }
            if matches!(f.kind, Kind::NullMark) {
                continue;
            }
            let item = cJSON_GetObjectItemCaseSensitive(json, f.key.as_ptr());
            if item.is_null() {
                continue;
            }
            if cJSON_IsNull(item) != 0 {
                // A request read from JSON sends its nulls again.
                if f.null != 0 {
                    *b.at::<c_int>(f.null) = 1;
                }
                continue;
            }
            if let Err(mut e) = parse_field(f, item, b) {
                // A value of another type than the released layout holds
                // (a diarized segment's string `id`): kept with the members
                // no field names, the struct still made.
                if e.path.is_empty() && !e.is_memory() && def.rest.is_some() {
                    mismatched.push(item);
                    continue;
                }
                e.path.push(format!(".{}", f.key.to_string_lossy()));
                free_def(def, b.p);
                return Err(e);
            }
        }
        if let (Some(r), false) = (def.rest, mismatched.is_empty()) {
            if let Err(e) = keep_mismatched(&def.fields[r], &mismatched, b) {
                free_def(def, b.p);
                return Err(e);
            }
        }
        if def.mirrors {
            fill_mirrors(def, b);
        }
        Ok(b.p)
    }
}

/// A union of non-objects: a struct holding a copy of the whole value.
///
/// # Safety
/// `json` is NULL or a valid cJSON tree.
unsafe fn parse_whole(def: &'static ModelDef, json: *const cJSON) -> Result<*mut u8, ShapeError> {
    // SAFETY: parse_whole's contract; the field is a `cJSON *` of the struct.
    unsafe {
        if json.is_null() {
            return Err(ShapeError::new("a value", json));
        }
        let copy = cJSON_Duplicate(json, 1);
        if copy.is_null() {
            return Err(ShapeError::memory());
        }
        whole_from(def, copy).ok_or_else(ShapeError::memory)
    }
}

/// A new struct of a union of non-objects holding `tree` (which it then
/// owns); None (the tree freed) when memory is exhausted.
///
/// # Safety
/// `tree` is a valid cJSON tree no one else owns.
pub(crate) unsafe fn whole_from(def: &'static ModelDef, tree: *mut cJSON) -> Option<*mut u8> {
    // SAFETY: per the contract; the field is a `cJSON *` of the new struct.
    unsafe {
        let at = def.whole.expect("a union of non-objects");
        let b = alloc_model(def);
        if b.p.is_null() {
            cJSON_Delete(tree);
            return None;
        }
        *b.at::<*mut cJSON>(at) = tree;
        Some(b.p)
    }
}

/// Whether a key is one a field of `def` reads (the first occurrence of a
/// key is the one read; a repeated key is left out of `Rest` too).
fn named_by(def: &ModelDef, key: &[u8]) -> bool {
    def.fields.iter().any(|f| f.has_key() && f.key.to_bytes() == key)
}

/// The `Rest` field: a copy of every member of `json` no field names.
///
/// # Safety
/// `json` is a valid cJSON object; `p` a struct of `def` made by the library.
unsafe fn parse_rest(def: &ModelDef, f: &Field, json: *const cJSON, p: Base) -> Result<(), ShapeError> {
    // SAFETY: parse_rest's contract: `json` is a valid cJSON object; `p` a struct of `def` made by
    // the library.
    unsafe {
        let mut child = (*json).child;
        let mut rest: *mut cJSON = ptr::null_mut();
        // The keys kept so far (the first of a repeated key wins) and the
        // last child: both keep a large object linear.
        let mut kept = std::collections::HashSet::new();
        let mut tail: *mut cJSON = ptr::null_mut();
        while !child.is_null() {
            let key = crate::boundary::ptr::arg_str((*child).string).unwrap_or(b"");
            if !named_by(def, key) && kept.insert(key) {
                if rest.is_null() {
                    rest = cJSON_CreateObject();
                    *p.at::<*mut cJSON>(f.offset) = rest;
                    if rest.is_null() {
                        return Err(ShapeError::memory());
                    }
                }
                // The copy has the member's key too.
                let copy = cJSON_Duplicate(child, 1);
                if copy.is_null() {
                    return Err(ShapeError::memory());
                }
                tail = append_after(rest, tail, copy);
            }
            child = (*child).next;
        }
        Ok(())
    }
}

/// Adds copies of `items` (members whose value the struct's field cannot
/// hold) to the rest object of field `f` (made when there is none yet).
///
/// # Safety
/// `items` are live cJSON members (with their keys); `p` a struct made by
/// the library whose field `f` is its `Kind::Rest`.
unsafe fn keep_mismatched(f: &Field, items: &[*const cJSON], p: Base) -> Result<(), ShapeError> {
    // SAFETY: per the contract; the copies are new and go to the struct's tree.
    unsafe {
        let mut rest = *p.at::<*mut cJSON>(f.offset);
        if rest.is_null() {
            rest = cJSON_CreateObject();
            if rest.is_null() {
                return Err(ShapeError::memory());
            }
            *p.at::<*mut cJSON>(f.offset) = rest;
        }
        for &item in items {
            let copy = cJSON_Duplicate(item, 1);
            if copy.is_null() {
                return Err(ShapeError::memory());
            }
            cJSON_AddItemToArray(rest, copy);
        }
        Ok(())
    }
}

/// Fills field `f` of the struct at `p` from the cJSON `item`.
///
/// # Safety
/// `item` is a live cJSON tree; `p` a zeroed or partly filled struct of
/// the model `f` belongs to, made by the library.
pub(crate) unsafe fn parse_field(f: &Field, item: *const cJSON, p: Base) -> Result<(), ShapeError> {
    // SAFETY: parse_field's contract: the tree is only read, and the field at
    // `f.offset` has `f.kind`'s type in the library's struct.
    unsafe {
        let it = &*item;
        let string = |s: *mut c_char| if s.is_null() { Err(ShapeError::memory()) } else { Ok(s) };
        match f.kind {
            Kind::Str if cJSON_IsString(item) != 0 => {
                *p.at::<*mut c_char>(f.offset) = string(alloc::strdup(it.valuestring))?;
            }
            Kind::Int if cJSON_IsNumber(item) != 0 => *p.at::<c_int>(f.offset) = saturate(it.valuedouble),
            Kind::NullableInt { set } if cJSON_IsNumber(item) != 0 => {
                *p.at::<c_int>(f.offset) = saturate(it.valuedouble);
                *p.at::<c_int>(set) = 1;
            }
            Kind::Bool if cJSON_IsBool(item) != 0 => *p.at::<c_int>(f.offset) = cJSON_IsTrue(item),
            Kind::NullableBool { set } if cJSON_IsBool(item) != 0 => {
                *p.at::<c_int>(f.offset) = cJSON_IsTrue(item);
                *p.at::<c_int>(set) = 1;
            }
            Kind::Double if cJSON_IsNumber(item) != 0 => *p.at::<f64>(f.offset) = it.valuedouble,
            Kind::Float if cJSON_IsNumber(item) != 0 => *p.at::<f32>(f.offset) = it.valuedouble as f32,
            Kind::Object => *p.at::<*mut object_t>(f.offset) = map::parse_object(item)?,
            Kind::Map(of) => *p.at::<*mut list_t>(f.offset) = map::parse_map(of, item)?,
            Kind::MapList(of) => *p.at::<*mut list_t>(f.offset) = map::parse_map_list(of, item)?,
            Kind::Int64 if cJSON_IsNumber(item) != 0 => *p.at::<i64>(f.offset) = saturate64(it.valuedouble),
            Kind::Counter { wide } if cJSON_IsNumber(item) != 0 => {
                *p.at::<c_int>(f.offset) = saturate(it.valuedouble);
                *p.at::<i64>(wide) = saturate64(it.valuedouble);
            }
            Kind::Enum { names, text } if cJSON_IsString(item) != 0 => {
                let bytes = crate::boundary::ptr::arg_str(it.valuestring).unwrap_or(b"");
                let v = enum_index(names, bytes);
                *p.at::<c_int>(f.offset) = v;
                if v == 0 {
                    *p.at::<*mut c_char>(text) = string(alloc::c_string(bytes))?;
                }
            }
            Kind::Model(d) => *p.at::<*mut u8>(f.offset) = parse_def(d, item)?,
            Kind::List(_) | Kind::StrList if cJSON_IsArray(item) != 0 => {
                let list = list_createList();
                *p.at::<*mut list_t>(f.offset) = list;
                if list.is_null() {
                    return Err(ShapeError::memory());
                }
                let mut child = it.child;
                let mut index = 0usize;
                while !child.is_null() {
                    // A model, or a string, for each item.
                    let entry = match f.kind {
                        Kind::List(d) => parse_def(d, child),
                        _ if cJSON_IsString(child) == 0 => Err(ShapeError::new("a string", child)),
                        _ => string(alloc::strdup((*child).valuestring)).map(|s| s as *mut u8),
                    };
                    let entry = entry.map_err(|mut e| {
                        e.path.push(format!("[{index}]"));
                        e
                    })?;
                    if !append(list, entry as *mut c_void) {
                        match f.kind {
                            Kind::List(d) => free_def(d, entry),
                            _ => alloc::free(entry),
                        }
                        return Err(ShapeError::memory());
                    }
                    child = (*child).next;
                    index += 1;
                }
            }
            Kind::NumList if cJSON_IsArray(item) != 0 || cJSON_IsString(item) != 0 => {
                let list = list_createList();
                *p.at::<*mut list_t>(f.offset) = list;
                if list.is_null() {
                    return Err(ShapeError::memory());
                }
                if cJSON_IsString(item) != 0 {
                    return numbers_of_base64(list, item);
                }
                let mut child = it.child;
                let mut index = 0usize;
                while !child.is_null() {
                    if cJSON_IsNumber(child) == 0 {
                        let mut e = ShapeError::new("a number", child);
                        e.path.push(format!("[{index}]"));
                        return Err(e);
                    }
                    if !append_number(list, (*child).valuedouble) {
                        return Err(ShapeError::memory());
                    }
                    child = (*child).next;
                    index += 1;
                }
            }
            Kind::Json => {
                let copy = cJSON_Duplicate(item, 1);
                if copy.is_null() {
                    return Err(ShapeError::memory());
                }
                *p.at::<*mut cJSON>(f.offset) = copy;
            }
            Kind::Str | Kind::Enum { .. } => return Err(ShapeError::new("a string", item)),
            Kind::Int | Kind::NullableInt { .. } | Kind::Double | Kind::Float | Kind::Int64 | Kind::Counter { .. } => {
                return Err(ShapeError::new("a number", item))
            }
            Kind::Rest | Kind::NullMark | Kind::Whole => {}
            Kind::Bool | Kind::NullableBool { .. } => return Err(ShapeError::new("a boolean", item)),
            Kind::List(_) | Kind::StrList => return Err(ShapeError::new("an array", item)),
            Kind::NumList => return Err(ShapeError::new("an array of numbers (or their base64)", item)),
        }
        Ok(())
    }
}

/// Whether `p` is a struct of a union of non-objects that holds no value (a
/// struct the program made cannot hold one); false for any other model.
///
/// # Safety
/// `p` is a valid struct of the model `def` describes.
unsafe fn whole_is_empty(def: &ModelDef, p: *mut u8) -> bool {
    // SAFETY: per the contract; the value is read only in a struct the library made.
    unsafe {
        let Some(at) = def.whole.filter(|_| !def.mixed) else { return false };
        let (b, extended) = Base::of(def, p);
        !extended || (*b.at::<*mut cJSON>(at)).is_null()
    }
}

/// Appends a new `double` (C-allocated) holding `v` to `list`; false when
/// memory is exhausted (nothing is appended then).
///
/// # Safety
/// `list` is a valid list.
pub(crate) unsafe fn append_number(list: *mut list_t, v: f64) -> bool {
    // A number costs a `double` and a list entry, each a block, however
    // short its text (`0,`): it brings that allowance to the answer's
    // budget, so a list of numbers stays bounded by its count, itself
    // bounded by the answer's size.
    alloc::allow(2 * alloc::OVERHEAD + std::mem::size_of::<f64>() + std::mem::size_of::<crate::support::list::listEntry_t>());
    let d = alloc::boxed(v);
    if d.is_null() {
        return false;
    }
    // SAFETY: per the contract; a block not appended is freed here.
    unsafe {
        if !append(list, d as *mut c_void) {
            alloc::free(d);
            return false;
        }
    }
    true
}

/// Fills `list` from a base64 string of little-endian 32-bit floats (how
/// the API sends an embedding asked for with `encoding_format: "base64"`).
///
/// # Safety
/// `item` is a cJSON string; `list` a valid list.
unsafe fn numbers_of_base64(list: *mut list_t, item: *const cJSON) -> Result<(), ShapeError> {
    // SAFETY: per the contract: the string is only read.
    unsafe {
        let text = crate::boundary::ptr::arg_str((*item).valuestring).unwrap_or(b"");
        match append_base64(list, text) {
            Ok(()) => Ok(()),
            Err(Base64::Invalid) => Err(ShapeError::new("base64 of 32-bit floats", item)),
            Err(Base64::Memory) => Err(ShapeError::memory()),
        }
    }
}

/// Why base64 numbers could not be read.
pub(crate) enum Base64 {
    /// Not base64 of a whole number of 32-bit floats.
    Invalid,
    Memory,
}

/// Appends to `list` the little-endian 32-bit floats whose base64 is `text`.
///
/// # Safety
/// `list` is a valid list.
pub(crate) unsafe fn append_base64(list: *mut list_t, text: &[u8]) -> Result<(), Base64> {
    use base64::Engine as _;
    let bytes = match base64::engine::general_purpose::STANDARD.decode(text) {
        Ok(b) if b.len() % 4 == 0 => b,
        _ => return Err(Base64::Invalid),
    };
    for chunk in bytes.chunks_exact(4) {
        let v = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        // SAFETY: `list` is a valid list (this function's contract).
        if !unsafe { append_number(list, v as f64) } {
            return Err(Base64::Memory);
        }
    }
    Ok(())
}

/// Every member of the struct at `p` (NULL: "NULL"), nested ones and
/// cJSON trees printed, as one line: two structs read alike when their
/// lines are equal. For the differential tests and fuzz target.
///
/// # Safety
/// `p` is NULL or a struct of `def` the library made.
#[doc(hidden)]
pub unsafe fn dump_def(def: &ModelDef, p: *mut u8) -> String {
    let mut out = String::new();
    // SAFETY: dump_def's contract: `p` is NULL or a struct of `def` the library made.
    unsafe { dump_into(def, p, &mut out) };
    out
}

/// # Safety
/// As for [`dump_def`].
unsafe fn dump_into(def: &ModelDef, p: *mut u8, out: &mut String) {
    // SAFETY: dump_def's contract: `p` is NULL or a struct of `def` the
    // library made, only read.
    unsafe {
        if p.is_null() {
            out.push_str("NULL");
            return;
        }
        out.push('{');
        let (b, _) = Base::of(def, p);
        for f in def.fields {
            let at = b.at::<u8>(f.offset);
            match f.kind {
                Kind::Str => {
                    let s = *(at as *const *const c_char);
                    match crate::boundary::ptr::arg_str(s) {
                        Some(b) => out.push_str(&format!("{:?}", b)),
                        None => out.push_str("NULL"),
                    }
                }
                Kind::Int | Kind::Bool => out.push_str(&(*(at as *const c_int)).to_string()),
                Kind::Double => out.push_str(&(*(at as *const f64)).to_string()),
                Kind::Float => out.push_str(&(*(at as *const f32)).to_string()),
                Kind::Object | Kind::Map(_) | Kind::MapList(_) => {
                    // As JSON, so both paths must make the same value.
                    let j = field_json(f, b, true).ok().flatten().unwrap_or(ptr::null_mut());
                    let t = crate::support::cjson::cJSON_PrintUnformatted(j);
                    out.push_str(&format!("{:?}", crate::boundary::ptr::arg_str(t)));
                    crate::boundary::alloc::free(t);
                    crate::support::cjson::cJSON_Delete(j);
                }
                Kind::Int64 => out.push_str(&(*(at as *const i64)).to_string()),
                Kind::Counter { wide } => {
                    out.push_str(&format!("{}/{}", *(at as *const c_int), *(b.at::<u8>(wide) as *const i64)));
                }
                Kind::StrList => {
                    let list = *(at as *const *mut crate::support::list::list_t);
                    if list.is_null() {
                        out.push_str("NULL");
                    } else {
                        let mut e = (*list).firstEntry;
                        while !e.is_null() {
                            out.push_str(&format!("{:?},", crate::boundary::ptr::arg_str((*e).data as *const c_char)));
                            e = (*e).nextListEntry;
                        }
                    }
                }
                Kind::NumList => {
                    let list = *(at as *const *mut crate::support::list::list_t);
                    if list.is_null() {
                        out.push_str("NULL");
                    } else {
                        let mut e = (*list).firstEntry;
                        while !e.is_null() {
                            out.push_str(&format!("{},", *((*e).data as *const f64)));
                            e = (*e).nextListEntry;
                        }
                    }
                }
                Kind::Json | Kind::Rest | Kind::Whole => {
                    // The tree itself, so both paths must build the same one.
                    let j = *(at as *const *mut crate::support::cjson::cJSON);
                    if j.is_null() {
                        out.push_str("NULL");
                    } else {
                        let t = crate::support::cjson::cJSON_PrintUnformatted(j);
                        out.push_str(&format!("{:?}", crate::boundary::ptr::arg_str(t)));
                        crate::boundary::alloc::free(t);
                    }
                }
                Kind::Enum { text, .. } => {
                    out.push_str(&(*(at as *const c_int)).to_string());
                    let s = *(b.at::<u8>(text) as *const *const c_char);
                    out.push_str(&format!("/{:?}", crate::boundary::ptr::arg_str(s)));
                }
                Kind::NullableInt { set } | Kind::NullableBool { set } => {
                    out.push_str(&format!("{}/{}", *(at as *const c_int), *(b.at::<u8>(set) as *const c_int)));
                }
                Kind::NullMark => out.push_str(&(*(at as *const c_int)).to_string()),
                Kind::Model(d) => dump_into(d, *(at as *const *mut u8), out),
                Kind::List(d) => {
                    let list = *(at as *const *mut crate::support::list::list_t);
                    if list.is_null() {
                        out.push_str("NULL");
                    } else {
                        out.push('[');
                        let mut e = (*list).firstEntry;
                        while !e.is_null() {
                            dump_into(d, (*e).data as *mut u8, out);
                            out.push(',');
                            e = (*e).nextListEntry;
                        }
                        out.push(']');
                    }
                }
            }
            out.push(';');
        }
        out.push('}');
    }
}

/// `X_parseFromJSON`: NULL only when `json` is not the model at all.
///
/// # Safety
/// As for [`parse_def`].
pub unsafe fn parse<T: CModel>(json: *mut cJSON) -> *mut T {
    // SAFETY: parse's contract: `json` is NULL or a valid cJSON tree.
    unsafe { crate::boundary::guard::guard(ptr::null_mut(), || parse_def(&T::DEF, json).unwrap_or(ptr::null_mut()) as *mut T) }
}

/// Converts a model to a new cJSON object (the caller frees it with
/// `cJSON_Delete`): optional integers equal to 0 and absent optional fields
/// are left out; NULL when a field the document requires is missing. The
/// live API's members (after `_library_owned`) are read only in structs
/// the library allocated.
///
/// # Safety
/// `p` is NULL or a valid struct of the model `def` describes.
pub unsafe fn to_json_def(def: &ModelDef, p: *mut u8) -> *mut cJSON {
    // SAFETY: to_json_def's contract: `p` is NULL or a valid struct of the model `def` describes.
    unsafe {
        if p.is_null() {
            return ptr::null_mut();
        }
        if let Some(at) = def.whole {
            // The value, when the library made the struct (a struct the
            // program made has no room for it): JSON null otherwise, or
            // the object its fields hold in a union that has objects too.
            let (b, extended) = Base::of(def, p);
            let v = if extended { *b.at::<*mut cJSON>(at) } else { ptr::null_mut() };
            if !v.is_null() {
                return cJSON_Duplicate(v, 1);
            }
            if !def.mixed {
                return cJSON_CreateNull();
            }
        }
        let obj = cJSON_CreateObject();
        if obj.is_null() {
            return obj;
        }
        let (b, extended) = Base::of(def, p);
        for f in def.fields {
            if f.is_extension(def) && !extended || extended && def.mirrors && (shares_mirror(f, &b) || repeats_mirror(def, f, &b)) {
                continue;
            }
            if let Kind::Rest = f.kind {
                // What the answer had beyond the fields (a key a field names
                // is the field's, unless the field holds nothing: then the
                // value was of a type the field cannot hold).
                let rest = *b.at::<*mut cJSON>(f.offset);
                let mut child = if rest.is_null() { ptr::null_mut() } else { (*rest).child };
                while !child.is_null() {
                    let key = crate::boundary::ptr::arg_str((*child).string).unwrap_or(b"");
                    let field = def.fields.iter().find(|g| g.has_key() && g.key.to_bytes() == key);
                    if field.is_none_or(|g| holds_nothing(g, b)) {
                        let copy = cJSON_Duplicate(child, 1);
                        if copy.is_null() {
                            cJSON_Delete(obj);
                            return ptr::null_mut();
                        }
                        if cJSON_AddItemToObject(obj, (*child).string, copy) == 0 {
                            cJSON_Delete(copy);
                            cJSON_Delete(obj);
                            return ptr::null_mut();
                        }
                    }
                    child = (*child).next;
                }
                continue;
            }
            // A request member the program set to `null` (`X_set_<member>_null`)
            // and has given no value since.
            if f.null != 0 && extended && *b.at::<c_int>(f.null) != 0 && holds_nothing(f, b) {
                let null = cJSON_CreateNull();
                if null.is_null() {
                    cJSON_Delete(obj);
                    return ptr::null_mut();
                }
                cJSON_AddItemToObjectCS(obj, f.key.as_ptr(), null);
                continue;
            }
            let item = match field_json(f, b, extended) {
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
}

/// Whether field `f` of the struct at `p` holds no value, the value it
/// would not send: a NULL pointer, an enum with neither a constant nor a
/// text, a 0 (a number or boolean that may be left out), a companion `has_`
/// of 0.
///
/// # Safety
/// `p` is a struct of the model `f` belongs to, made by the library.
unsafe fn holds_nothing(f: &Field, p: Base) -> bool {
    // SAFETY: holds_nothing's contract: the field (and its companion) is in the library's struct.
    unsafe {
        match f.kind {
            Kind::Str
            | Kind::Model(_)
            | Kind::List(_)
            | Kind::StrList
            | Kind::NumList
            | Kind::Json
            | Kind::Whole
            | Kind::Rest
            | Kind::Object
            | Kind::Map(_)
            | Kind::MapList(_) => (*p.at::<*mut u8>(f.offset)).is_null(),
            Kind::Enum { text, .. } => *p.at::<c_int>(f.offset) == 0 && (*p.at::<*mut c_char>(text)).is_null(),
            // A value other than 0 is sent whatever `has_` says (as the
            // generated client sends it).
            Kind::NullableInt { set } | Kind::NullableBool { set } => *p.at::<c_int>(set) == 0 && *p.at::<c_int>(f.offset) == 0,
            Kind::Int | Kind::Bool | Kind::Counter { .. } | Kind::NullMark => *p.at::<c_int>(f.offset) == 0,
            Kind::Double => *p.at::<f64>(f.offset) == 0.0,
            Kind::Float => *p.at::<f32>(f.offset) == 0.0,
            Kind::Int64 => *p.at::<i64>(f.offset) == 0,
        }
    }
}

/// The JSON of one field: Ok(None) to leave it out, Err for a missing
/// required value or exhausted memory. `extended`: the struct has the
/// members after `_library_owned` (enum companions among them).
///
/// # Safety
/// `p` is a struct of the model `f` belongs to; with `extended`, one the
/// library made (it has the members after `_library_owned`).
unsafe fn field_json(f: &Field, p: Base, extended: bool) -> Result<Option<*mut cJSON>, ()> {
    // SAFETY: field_json's contract: the field at `f.offset` (and a
    // companion past `_library_owned` only when `extended`) is in the
    // struct, only read.
    unsafe {
        let absent = || if f.required { Err(()) } else { Ok(None) };
        let made = |item: *mut cJSON| if item.is_null() { Err(()) } else { Ok(Some(item)) };
        match f.kind {
            Kind::Str => match *p.at::<*mut c_char>(f.offset) {
                s if s.is_null() => absent(),
                s => made(cJSON_CreateString(s)),
            },
            Kind::Int => match *p.at::<c_int>(f.offset) {
                0 if !f.required => Ok(None),
                v => made(cJSON_CreateNumber(v as f64)),
            },
            Kind::Bool => match *p.at::<c_int>(f.offset) {
                0 if !f.required => Ok(None),
                v => made(cJSON_CreateBool(v)),
            },
            Kind::Double => match *p.at::<f64>(f.offset) {
                0.0 if !f.required => Ok(None),
                v => made(cJSON_CreateNumber(v)),
            },
            Kind::Int64 => match *p.at::<i64>(f.offset) {
                0 if !f.required => Ok(None),
                v => made(cJSON_CreateNumber(v as f64)),
            },
            Kind::Counter { wide } => {
                match if extended { counter(p.at::<c_int>(f.offset), p.at::<i64>(wide)) } else { *p.at::<c_int>(f.offset) as i64 } {
                    0 if !f.required => Ok(None),
                    v => made(cJSON_CreateNumber(v as f64)),
                }
            }
            Kind::Rest | Kind::NullMark | Kind::Whole => Ok(None),
            Kind::Enum { names, text } => match *p.at::<c_int>(f.offset) {
                v if v >= 1 && v as usize <= names.len() => made(cJSON_CreateString(names[v as usize - 1].as_ptr())),
                _ => match if extended { *p.at::<*mut c_char>(text) } else { ptr::null_mut() } {
                    s if s.is_null() => absent(),
                    s => made(cJSON_CreateString(s)),
                },
            },
            // Sent when the value is not 0 (as the generated client sends
            // it), or when `has_` says so (`false`, 0); a struct the
            // program made has no `has_` (it is past `_library_owned`).
            Kind::NullableInt { set } | Kind::NullableBool { set } => {
                let v = *p.at::<c_int>(f.offset);
                if v == 0 && !(extended && *p.at::<c_int>(set) != 0) {
                    return absent();
                }
                match f.kind {
                    Kind::NullableBool { .. } => made(cJSON_CreateBool(v)),
                    _ => made(cJSON_CreateNumber(v as f64)),
                }
            }
            Kind::Model(d) => match *p.at::<*mut u8>(f.offset) {
                m if m.is_null() => absent(),
                // A union made without a value has nothing to send.
                m if whole_is_empty(d, m) => absent(),
                m => made(to_json_def(d, m)),
            },
            Kind::List(d) => match *p.at::<*mut list_t>(f.offset) {
                list if list.is_null() => absent(),
                list => array_of(list, |data| to_json_def(d, data as *mut u8)).map(Some),
            },
            Kind::StrList => match *p.at::<*mut list_t>(f.offset) {
                list if list.is_null() => absent(),
                // A NULL entry is written as "" (a string list holds strings).
                list => array_of(list, |s| cJSON_CreateString(if s.is_null() { c"".as_ptr() } else { s as *const c_char })).map(Some),
            },
            Kind::NumList => match *p.at::<*mut list_t>(f.offset) {
                list if list.is_null() => absent(),
                // A NULL entry is written as 0 (a number list holds numbers).
                list => array_of(list, |d| cJSON_CreateNumber(if d.is_null() { 0.0 } else { *(d as *const f64) })).map(Some),
            },
            Kind::Json => match *p.at::<*mut cJSON>(f.offset) {
                j if j.is_null() => absent(),
                j => made(cJSON_Duplicate(j, 1)),
            },
            Kind::Float => match *p.at::<f32>(f.offset) {
                0.0 if !f.required => Ok(None),
                v => made(cJSON_CreateNumber(v as f64)),
            },
            Kind::Object => match *p.at::<*mut object_t>(f.offset) {
                o if o.is_null() => absent(),
                o => made(map::object_json(o)),
            },
            Kind::Map(of) => match *p.at::<*mut list_t>(f.offset) {
                m if m.is_null() => absent(),
                m => made(map::map_json(of, m)),
            },
            Kind::MapList(of) => match *p.at::<*mut list_t>(f.offset) {
                m if m.is_null() => absent(),
                m => made(map::map_list_json(of, m)),
            },
        }
    }
}

/// Appends `item` to `parent`'s children after `tail` (its last child, or
/// NULL while it has none) and returns it, the new last child: appending
/// through the tail keeps a long array or object linear, where
/// `cJSON_AddItemToArray` walks the children each time.
///
/// # Safety
/// `parent` and `item` are valid items; `tail` is NULL (and `parent` has no
/// children) or `parent`'s last child.
pub(crate) unsafe fn append_after(parent: *mut cJSON, tail: *mut cJSON, item: *mut cJSON) -> *mut cJSON {
    // SAFETY: append_after's contract: `parent` and `item` are valid items; `tail` is NULL (and
    // `parent` has no children) or `parent`'s last child.
    unsafe {
        if tail.is_null() {
            (*parent).child = item;
        } else {
            (*tail).next = item;
            (*item).prev = tail;
        }
        item
    }
}

/// A new cJSON array with `item(data)` for each entry of `list`, in order;
/// Err when an item cannot be made (it is then NULL) or memory runs out.
///
/// # Safety
/// `list` is a valid list whose entries `item` accepts.
unsafe fn array_of(list: *mut list_t, item: impl Fn(*mut c_void) -> *mut cJSON) -> Result<*mut cJSON, ()> {
    // SAFETY: per the contract; the array and its items are new.
    unsafe {
        let arr = cJSON_CreateArray();
        if arr.is_null() {
            return Err(());
        }
        // Append through a tail pointer: cJSON_AddItemToArray walks the list.
        let mut tail: *mut cJSON = ptr::null_mut();
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            let it = item((*e).data);
            if it.is_null() {
                cJSON_Delete(arr);
                return Err(());
            }
            tail = append_after(arr, tail, it);
            e = (*e).nextListEntry;
        }
        Ok(arr)
    }
}

/// The first field the document requires that is NULL/0 in the struct at
/// `p` (so `convertToJSON` would refuse it), or None.
///
/// # Safety
/// `p` is a valid struct of the model `def` describes.
pub unsafe fn missing_required(def: &ModelDef, p: *mut u8) -> Option<String> {
    // SAFETY: missing_required's contract: `p` is a valid struct of the model `def` describes.
    unsafe {
        let (p, extended) = Base::of(def, p);
        for f in def.fields.iter().filter(|f| f.required && (extended || !f.is_extension(def))) {
            let missing = match f.kind {
                Kind::Str => (*p.at::<*mut c_char>(f.offset)).is_null(),
                Kind::Enum { names, text } => {
                    let v = *p.at::<c_int>(f.offset);
                    let known = v >= 1 && v as usize <= names.len();
                    !known && (!extended || (*p.at::<*mut c_char>(text)).is_null())
                }
                Kind::NullableInt { set } | Kind::NullableBool { set } => {
                    *p.at::<c_int>(f.offset) == 0 && (!extended || *p.at::<c_int>(set) == 0)
                }
                Kind::Model(d) => {
                    let m = *p.at::<*mut u8>(f.offset);
                    m.is_null() || whole_is_empty(d, m)
                }
                Kind::List(_) | Kind::StrList | Kind::NumList | Kind::Map(_) | Kind::MapList(_) => {
                    (*p.at::<*mut list_t>(f.offset)).is_null()
                }
                Kind::Json | Kind::Whole => (*p.at::<*mut cJSON>(f.offset)).is_null(),
                Kind::Object => (*p.at::<*mut object_t>(f.offset)).is_null(),
                Kind::Int | Kind::Bool | Kind::Double | Kind::Float | Kind::Int64 | Kind::Counter { .. } | Kind::Rest | Kind::NullMark => {
                    false
                }
            };
            if missing {
                return Some(f.key.to_string_lossy().into_owned());
            }
        }
        None
    }
}

/// `X_convertToJSON`.
///
/// # Safety
/// As for [`to_json_def`].
pub unsafe fn to_json<T: CModel>(p: *mut T) -> *mut cJSON {
    // SAFETY: to_json's contract: `p` is NULL or a valid struct of the model `def` describes.
    unsafe { crate::boundary::guard::guard(ptr::null_mut(), || to_json_def(&T::DEF, p as *mut u8)) }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn all_lists_every_model_once() {
        let names: std::collections::BTreeSet<&str> = crate::generated::models::every_model().map(|d| d.name).collect();
        assert_eq!(names.len(), crate::generated::models::every_model().count());
        // Every model a table points to is listed too.
        for def in crate::generated::models::every_model() {
            for f in def.fields {
                if let super::Kind::Model(d) | super::Kind::List(d) = f.kind {
                    assert!(names.contains(d.name), "{} points to {}, which is not listed", def.name, d.name);
                }
            }
        }
    }

    #[test]
    fn a_free_looks_at_every_member_that_may_own_memory_and_only_those() {
        let mut wide = 0;
        for def in crate::generated::models::every_model() {
            let expected: Vec<(usize, usize)> = def
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !matches!(f.kind, Kind::Float | Kind::Int | Kind::Bool | Kind::Double | Kind::Int64 | Kind::NullMark))
                .filter(|(_, f)| !matches!(f.kind, Kind::NullableInt { .. } | Kind::NullableBool { .. } | Kind::Counter { .. }))
                .map(|(i, f)| (i, if let Kind::Enum { text, .. } = f.kind { text } else { f.offset }))
                .collect();
            let owners: Vec<(usize, usize)> = def.owners.iter().map(|o| (usize::from(o.field), o.at as usize)).collect();
            assert_eq!(owners, expected, "{}", def.name);
            wide += usize::from(owners.len() > 32);
        }
        assert!(wide > 0, "some model has more than 32 such members (an audit-log event has about 66)");
    }
}
