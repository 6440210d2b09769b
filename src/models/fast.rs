//! The fast path for response bodies: serde_json streams the JSON text
//! straight into the C structs a `ModelDef` describes, with no cJSON tree in
//! between. It follows `parse_def`'s rules (first occurrence of a key wins,
//! null or missing reads as NULL/0, an enum string the enum does not name is
//! kept in its companion member, a value of the wrong type fails the whole
//! model, unknown keys are ignored). Whatever it does not accept (serde_json
//! is stricter than cJSON: trailing text, invalid UTF-8, lone surrogates,
//! deep nesting, a shape error) returns Err, and `parse_text` then takes the
//! cJSON path, which decides exactly as `X_parseFromJSON` would and names
//! the field at fault.

use super::{enum_index, free_def, saturate, saturate64, Base, Field, Kind, ModelDef};
use crate::alloc;
use crate::cjson;
use crate::list::{append, list_createList, list_t};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::os::raw::{c_char, c_int, c_void};

/// A new C struct for `def` from `body`, or Err when the fast path cannot
/// decide (the caller falls back to the cJSON path).
///
/// # Safety
/// `def` describes a model.
pub unsafe fn parse(def: &ModelDef, body: &str) -> Result<*mut u8, serde_json::Error> {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        // From text already checked as UTF-8: serde_json then skips checking
        // each string again.
        let mut de = serde_json::Deserializer::from_str(body);
        let p = ModelSeed(def).deserialize(&mut de)?;
        if let Err(e) = de.end() {
            free_def(def, p);
            return Err(e);
        }
        Ok(p)
    }
}

/// A C string ends at the first NUL, as cJSON's keys and values do.
fn until_nul(b: &[u8]) -> &[u8] {
    // `contains` on bytes is memchr-fast; NULs are rare.
    if !b.contains(&0) {
        return b;
    }
    &b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]
}

fn shape<E: de::Error>() -> E {
    E::custom("value of the wrong type for the model")
}

/// A model: expects a JSON object; returns the new struct.
struct ModelSeed<'a>(&'a ModelDef);

impl<'de> DeserializeSeed<'de> for ModelSeed<'_> {
    type Value = *mut u8;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<*mut u8, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ModelSeed<'_> {
    type Value = *mut u8;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object for {}", self.0.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<*mut u8, A::Error> {
        let def = self.0;
        debug_assert!(def.fields.len() <= 128, "field sets are tracked in a u128");
        // SAFETY: calloc'd memory the size of the struct; `_library_owned`
        // is set first so `free_def` can release a partly built struct.
        unsafe {
            let b = super::alloc_model(def);
            let p = b.ptr();
            if p.is_null() {
                return Err(de::Error::custom("out of memory"));
            }
            let mut seen: u128 = 0;
            let rest = def.rest.map(|i| &def.fields[i]);
            // The keys kept in `rest` and its last child (appending stays linear).
            let mut rest_keys = rest.map(|_| std::collections::HashSet::new());
            let mut rest_tail: *mut cjson::cJSON = std::ptr::null_mut();
            let result = (|| {
                // Keys mostly come in the document's order: try the field
                // after the last one matched first.
                let mut guess = 0;
                // The text of an unknown key, kept only for a `Rest` member.
                let mut unknown: Option<String> = None;
                loop {
                    let seed = KeySeed { def, guess, unknown: if rest.is_some() { Some(&mut unknown) } else { None } };
                    let Some(index) = map.next_key_seed(seed)? else { break };
                    if let Some(i) = index {
                        guess = i + 1;
                    }
                    match index {
                        Some(i) if seen & (1 << i) == 0 => {
                            seen |= 1 << i;
                            map.next_value_seed(FieldSeed { field: &def.fields[i], p: &b })?;
                        }
                        // A member no field names, kept in the `Rest` one
                        // (the first of a repeated key).
                        None if rest.is_some() => {
                            let key = unknown.take().unwrap_or_default();
                            let child = map.next_value_seed(TreeSeed)?;
                            if !rest_keys.as_mut().is_some_and(|k| k.insert(key.clone())) {
                                continue;
                            }
                            let f = rest.expect("checked");
                            let slot = b.at::<*mut cjson::cJSON>(f.offset);
                            if (*slot).is_null() {
                                *slot = Tree::new::<A::Error>(cjson::cJSON_CreateObject())?.release();
                            }
                            let k = alloc::c_string(key.as_bytes());
                            if k.is_null() {
                                return Err(de::Error::custom("out of memory"));
                            }
                            (*child.0).string = k;
                            rest_tail = super::append_after(*slot, rest_tail, child.release());
                        }
                        // Unknown key, or a repeated one (the first wins).
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            })();
            match result {
                Ok(()) => {
                    if def.mirrors {
                        super::fill_mirrors(def, b);
                    }
                    Ok(p)
                }
                Err(e) => {
                    free_def(def, p);
                    Err(e)
                }
            }
        }
    }
}

/// A key: the index of the field it names, or None for an unknown key
/// (its text then stored in `unknown`, when given: for a `Rest` member).
/// `guess` is the field tried first.
struct KeySeed<'a, 'u> {
    def: &'a ModelDef,
    guess: usize,
    unknown: Option<&'u mut Option<String>>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Option<usize>, E> {
        // Straight from the text, so without escapes: no NUL in it.
        Ok(self.found(key.as_bytes()))
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.found(until_nul(key.as_bytes())))
    }
}

impl KeySeed<'_, '_> {
    #[inline]
    fn found(self, key: &[u8]) -> Option<usize> {
        let index = self.find(key);
        if let (None, Some(slot)) = (index, self.unknown) {
            *slot = Some(String::from_utf8_lossy(key).into_owned());
        }
        index
    }

    #[inline]
    fn find(&self, key: &[u8]) -> Option<usize> {
        let fields = self.def.fields;
        if fields.get(self.guess).is_some_and(|f| f.key.to_bytes() == key) {
            return Some(self.guess);
        }
        fields.iter().position(|f| f.key.to_bytes() == key && !matches!(f.kind, Kind::Rest))
    }
}

/// One field's value, written into the struct at `p`. Returns false for
/// `null` (the field counts as missing).
struct FieldSeed<'a> {
    field: &'a Field,
    p: &'a Base,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        // Free-form JSON becomes a cJSON tree, built from the text.
        if matches!(self.field.kind, Kind::Json) {
            let tree = TreeSeed.deserialize(d)?;
            // SAFETY: a new item.
            if unsafe { cjson::cJSON_IsNull(tree.0) } != 0 {
                return Ok(false);
            }
            self.set::<*mut cjson::cJSON>(tree.release());
            return Ok(true);
        }
        d.deserialize_any(self)
    }
}

/// A new cJSON item, deleted unless released (a half-built tree is freed).
struct Tree(*mut cjson::cJSON);

impl Tree {
    fn new<E: de::Error>(item: *mut cjson::cJSON) -> Result<Tree, E> {
        if item.is_null() {
            Err(E::custom("out of memory"))
        } else {
            Ok(Tree(item))
        }
    }

    fn release(self) -> *mut cjson::cJSON {
        let p = self.0;
        std::mem::forget(self);
        p
    }

    /// Appends `child` (after `tail`, the last child so far) and returns it
    /// as the new tail: linking through the tail keeps a long array linear.
    fn push(&self, tail: *mut cjson::cJSON, child: Tree) -> *mut cjson::cJSON {
        // SAFETY: both are live items; `tail` is NULL or the last child.
        unsafe { super::append_after(self.0, tail, child.release()) }
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        // SAFETY: an item this path made and still owns.
        unsafe { cjson::cJSON_Delete(self.0) }
    }
}

/// Any JSON value as a new cJSON tree: what the cJSON path would build for
/// it (a string or key ends at its first NUL, as cJSON's do).
struct TreeSeed;

impl<'de> DeserializeSeed<'de> for TreeSeed {
    type Value = Tree;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TreeSeed {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Tree::new(cjson::cJSON_CreateNull())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Tree::new(cjson::cJSON_CreateBool(v as c_int))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Tree::new(cjson::cJSON_CreateNumber(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Tree::new(cjson::cJSON_CreateNumber(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        Tree::new(cjson::cJSON_CreateNumber(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        let t = Tree::new::<E>(cjson::cJSON_CreateNull())?;
        let s = alloc::c_string(until_nul(v.as_bytes()));
        if s.is_null() {
            return Err(E::custom("out of memory"));
        }
        // SAFETY: a new item; it owns the new string.
        unsafe {
            (*t.0).r#type = cjson::cJSON_String;
            (*t.0).valuestring = s;
        }
        Ok(t)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let arr = Tree::new::<A::Error>(cjson::cJSON_CreateArray())?;
        let mut tail = std::ptr::null_mut();
        while let Some(child) = seq.next_element_seed(TreeSeed)? {
            tail = arr.push(tail, child);
        }
        Ok(arr)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let obj = Tree::new::<A::Error>(cjson::cJSON_CreateObject())?;
        let mut tail = std::ptr::null_mut();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let child = map.next_value_seed(TreeSeed)?;
            let k = alloc::c_string(until_nul(key.as_bytes()));
            if k.is_null() {
                return Err(de::Error::custom("out of memory"));
            }
            // SAFETY: a new item; it owns its key.
            unsafe { (*child.0).string = k };
            tail = obj.push(tail, child);
        }
        Ok(obj)
    }
}

impl FieldSeed<'_> {
    /// An array of strings into a new `list_t` of malloc'd strings.
    fn strings<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let list = list_createList();
        if list.is_null() {
            return Err(de::Error::custom("out of memory"));
        }
        // Stored at once: the parent's free releases a half-built list.
        self.set::<*mut list_t>(list);
        while let Some(text) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
            let s = alloc::c_string(until_nul(text.as_bytes()));
            if s.is_null() {
                return Err(de::Error::custom("out of memory"));
            }
            // SAFETY: `list` is a live list; `s` a new string.
            unsafe {
                if !append(list, s as *mut c_void) {
                    alloc::free(s);
                    return Err(de::Error::custom("out of memory"));
                }
            }
        }
        Ok(true)
    }

    /// SAFETY (for all writers): `p` is a calloc'd struct of the model the
    /// field belongs to, so the offset holds a field of the written type.
    fn set<T>(&self, value: T) {
        unsafe { *self.p.at::<T>(self.field.offset) = value }
    }

    /// A string value: a copy for a string field, the constant (and the
    /// text when the enum has none for it) for an enum field.
    fn text<E: de::Error>(self, bytes: &[u8]) -> Result<bool, E> {
        match self.field.kind {
            Kind::Str => {
                let s = alloc::c_string(bytes);
                if s.is_null() {
                    return Err(E::custom("out of memory"));
                }
                self.set::<*mut c_char>(s);
                Ok(true)
            }
            Kind::Enum { names, text } => {
                let v = enum_index(names, bytes);
                self.set::<c_int>(v);
                if v == 0 {
                    let s = alloc::c_string(bytes);
                    if s.is_null() {
                        return Err(E::custom("out of memory"));
                    }
                    // SAFETY: `text` is the offset of the companion `char *`.
                    unsafe { *self.p.at::<*mut c_char>(text) = s };
                }
                Ok(true)
            }
            _ => Err(shape()),
        }
    }

    /// A number, as a double first (as cJSON holds it: the two paths agree
    /// even past 2^53).
    fn number<E: de::Error>(self, v: f64) -> Result<bool, E> {
        match self.field.kind {
            Kind::Int => {
                self.set::<c_int>(saturate(v));
                Ok(true)
            }
            Kind::Double => {
                self.set::<f64>(v);
                Ok(true)
            }
            Kind::Int64 => {
                self.set::<i64>(saturate64(v));
                Ok(true)
            }
            Kind::Counter { wide } => {
                self.set::<c_int>(saturate(v));
                // SAFETY: as for `set`: `wide` is the offset of an int64_t member.
                unsafe { *self.p.at::<i64>(wide) = saturate64(v) };
                Ok(true)
            }
            Kind::NullableInt { set } => {
                self.set::<c_int>(saturate(v));
                // SAFETY: as for `set`: `set` is the offset of an int member.
                unsafe { *self.p.at::<c_int>(set) = 1 };
                Ok(true)
            }
            _ => Err(shape()),
        }
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<bool, E> {
        // Straight from the text, so without escapes: no NUL in it.
        self.text(v.as_bytes())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.text(until_nul(v.as_bytes()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        match self.field.kind {
            Kind::Bool => {
                self.set::<c_int>(v as c_int);
                Ok(true)
            }
            Kind::NullableBool { set } => {
                self.set::<c_int>(v as c_int);
                // SAFETY: as for `set`: `set` is the offset of an int member.
                unsafe { *self.p.at::<c_int>(set) = 1 };
                Ok(true)
            }
            _ => Err(shape()),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.number(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        self.number(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        match self.field.kind {
            Kind::Model(d) => {
                let m = ModelSeed(d).visit_map(map)?;
                self.set::<*mut u8>(m);
                Ok(true)
            }
            _ => Err(shape()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        if matches!(self.field.kind, Kind::StrList) {
            return self.strings(seq);
        }
        let Kind::List(d) = self.field.kind else {
            return Err(shape());
        };
        let list = list_createList();
        if list.is_null() {
            return Err(de::Error::custom("out of memory"));
        }
        // Stored at once: the parent's free releases a half-built list.
        self.set::<*mut list_t>(list);
        while let Some(m) = seq.next_element_seed(ModelSeed(d))? {
            // SAFETY: `list` is a live list; `m` a new struct of model `d`.
            unsafe {
                if !append(list, m as *mut c_void) {
                    free_def(d, m);
                    return Err(de::Error::custom("out of memory"));
                }
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    //! Differential test: wherever the fast path accepts a body, the cJSON
    //! path accepts it too and builds the same struct; wherever the cJSON
    //! path rejects a body, so does the fast path.
    use super::super::{parse_def, CModel, Kind, ModelDef};
    use crate::cjson::{cJSON_Delete, parse_bytes};
    use crate::models::seed::error_response_t;
    use crate::models::seed::project_api_key_list_response_t;
    use crate::models::seed::project_list_response_t;
    use crate::models::seed::project_rate_limit_t;
    use crate::models::seed::project_service_account_create_response_t;
    use std::os::raw::{c_char, c_int};

    /// Every field of the struct at `p`, as text.
    unsafe fn dump(def: &ModelDef, p: *mut u8, out: &mut String) {
        // SAFETY: the caller keeps this function's `# Safety` contract.
        unsafe {
            if p.is_null() {
                out.push_str("NULL");
                return;
            }
            out.push('{');
            let (b, _) = super::super::Base::of(def, p);
            for f in def.fields {
                let at = b.at::<u8>(f.offset);
                match f.kind {
                    Kind::Str => {
                        let s = *(at as *const *const c_char);
                        match crate::ffi::c_bytes(s) {
                            Some(b) => out.push_str(&format!("{:?}", b)),
                            None => out.push_str("NULL"),
                        }
                    }
                    Kind::Int | Kind::Bool => out.push_str(&(*(at as *const c_int)).to_string()),
                    Kind::Double => out.push_str(&(*(at as *const f64)).to_string()),
                    Kind::Int64 => out.push_str(&(*(at as *const i64)).to_string()),
                    Kind::Counter { wide } => {
                        out.push_str(&format!("{}/{}", *(at as *const c_int), *(b.at::<u8>(wide) as *const i64)));
                    }
                    Kind::StrList => {
                        let list = *(at as *const *mut crate::list::list_t);
                        if list.is_null() {
                            out.push_str("NULL");
                        } else {
                            let mut e = (*list).firstEntry;
                            while !e.is_null() {
                                out.push_str(&format!("{:?},", crate::ffi::c_bytes((*e).data as *const c_char)));
                                e = (*e).nextListEntry;
                            }
                        }
                    }
                    Kind::Json | Kind::Rest => {
                        // The tree itself, so both paths must build the same one.
                        let j = *(at as *const *mut crate::cjson::cJSON);
                        if j.is_null() {
                            out.push_str("NULL");
                        } else {
                            let t = crate::cjson::cJSON_PrintUnformatted(j);
                            out.push_str(&format!("{:?}", crate::ffi::c_bytes(t)));
                            crate::alloc::free(t);
                        }
                    }
                    Kind::Enum { text, .. } => {
                        out.push_str(&(*(at as *const c_int)).to_string());
                        let s = *(b.at::<u8>(text) as *const *const c_char);
                        out.push_str(&format!("/{:?}", crate::ffi::c_bytes(s)));
                    }
                    Kind::NullableInt { set } | Kind::NullableBool { set } => {
                        out.push_str(&format!("{}/{}", *(at as *const c_int), *(b.at::<u8>(set) as *const c_int)));
                    }
                    Kind::Model(d) => dump(d, *(at as *const *mut u8), out),
                    Kind::List(d) => {
                        let list = *(at as *const *mut crate::list::list_t);
                        if list.is_null() {
                            out.push_str("NULL");
                        } else {
                            out.push('[');
                            let mut e = (*list).firstEntry;
                            while !e.is_null() {
                                dump(d, (*e).data as *mut u8, out);
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

    unsafe fn via_cjson(def: &ModelDef, body: &[u8]) -> *mut u8 {
        // SAFETY: the caller keeps this function's `# Safety` contract.
        unsafe {
            let mut text = body.to_vec();
            text.push(0);
            let (tree, _) = parse_bytes(&text, false);
            if tree.is_null() {
                return std::ptr::null_mut();
            }
            let m = parse_def(def, tree).unwrap_or(std::ptr::null_mut());
            cJSON_Delete(tree);
            m
        }
    }

    unsafe fn compare(def: &ModelDef, body: &[u8]) -> bool {
        // SAFETY: the caller keeps this function's `# Safety` contract.
        unsafe {
            let slow = via_cjson(def, body);
            // The fast path sees only text already checked as UTF-8.
            let fast = match std::str::from_utf8(body) {
                Ok(text) => super::parse(def, text).ok(),
                Err(_) => None,
            };
            let fast_ok = fast.is_some();
            if let Some(f) = fast {
                assert!(!slow.is_null(), "fast path accepted what cJSON rejects: {}", String::from_utf8_lossy(body));
                let (mut a, mut b) = (String::new(), String::new());
                dump(def, f, &mut a);
                dump(def, slow, &mut b);
                assert_eq!(a, b, "for {}", String::from_utf8_lossy(body));
                super::free_def(def, f);
            }
            super::free_def(def, slow);
            fast_ok
        }
    }

    const SAMPLES: &[(&str, &str)] = &[
        (
            "projects",
            r#"{"object":"list","data":[{"id":"proj_1","object":"organization.project","name":"A \u00e9\u0000tail","created_at":1711471533,"archived_at":null,"status":"active"},{"id":"proj_2","object":"organization.project","name":"B","created_at":1.9e12,"archived_at":-5e300,"status":"archived","extra":{"x":[1,2,{}]}}],"first_id":"proj_1","last_id":"proj_2","has_more":true}"#,
        ),
        (
            "keys",
            r#"{"object":"list","data":[{"object":"organization.project.api_key","redacted_value":"sk-abc...def","name":"k","created_at":1,"id":"key_1","owner":{"type":"user","user":{"object":"organization.project.user","id":"user_1","name":"N","email":"e@x","role":"owner","added_at":2}}}],"first_id":null,"last_id":"key_1","has_more":false}"#,
        ),
        (
            "sa",
            r#"{"object":"organization.project.service_account","id":"svc","name":"bot","role":"member","created_at":3,"api_key":{"object":"organization.project.service_account.api_key","value":"sk-svcacct-x","name":"Secret Key","created_at":3,"id":"key_2"},"id":"dup"}"#,
        ),
        (
            "rl",
            r#"{"object":"project.rate_limit","id":"rl-a","model":"gpt","max_requests_per_1_minute":10,"max_tokens_per_1_minute":2147483648,"max_images_per_1_minute":-2147483649,"batch_1_day_max_input_tokens":0.5}"#,
        ),
        ("error", r#"{"error":{"message":"m","type":"invalid_request_error","param":null,"code":"not_found"}}"#),
        (
            "audit",
            r#"{"object":"list","data":[{"id":"a1","type":"vault.sealed","effective_at":5,"vault.sealed":{"id":"v","n":[1,2.5,{"k\u0000x":null}],"t":true},"zz":null,"zz":1,"login.succeeded":{"ip":"1.2.3.4","deep":{"a":[[],{}]}},"actor":{"type":"session","session":{"ip_address":"127.0.0.1","ja3":"x"}}},{"id":"a2","type":"project.created","effective_at":6,"project.created":{"id":"p","data":{"name":"A","title":"T"}}}],"first_id":"a1","last_id":"a2","has_more":false}"#,
        ),
        (
            "usage",
            r#"{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,"results":[{"object":"organization.usage.completions.result","input_tokens":5000000000,"output_tokens":7,"num_model_requests":3,"project_id":"p"},{"object":"organization.usage.code_interpreter_sessions.result","num_sessions":9007199254740993},{"object":"organization.costs.result","amount":{"value":0.0625,"currency":"usd"},"line_item":"x"}]}],"has_more":true,"next_page":"page_2"}"#,
        ),
        (
            "invite",
            r#"{"object":"organization.invite","id":"invite-1","email":"a@example.com","role":"reader","status":"pending","created_at":1711471533,"expires_at":1712076333,"accepted_at":null,"projects":[{"id":"p","role":"member"}]}"#,
        ),
        (
            "role",
            r#"{"id":"role_1","name":"R","permissions":["a","b"],"resource_type":"api.organization","predefined_role":false,"created_by_user_obj":{"id":"u","name":"N"},"metadata":{"m":[1,"two",null]},"assignment_sources":null}"#,
        ),
    ];

    fn def_for(name: &str) -> &'static ModelDef {
        match name {
            "projects" => &project_list_response_t::DEF,
            "keys" => &project_api_key_list_response_t::DEF,
            "sa" => &project_service_account_create_response_t::DEF,
            "rl" => &project_rate_limit_t::DEF,
            "audit" => &crate::models::org::list_audit_logs_response_t::DEF,
            "usage" => &crate::models::org::usage_response_t::DEF,
            "invite" => &crate::models::org::invite_t::DEF,
            "role" => &crate::models::generated::assigned_role_details_t::DEF,
            _ => &error_response_t::DEF,
        }
    }

    #[test]
    fn samples_take_the_fast_path_and_match() {
        for (name, body) in SAMPLES {
            // SAFETY: the table describes the model.
            assert!(unsafe { compare(def_for(name), body.as_bytes()) }, "{name} fell back");
        }
    }

    /// A small fixed-seed generator (the same bodies every run).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() as usize) % from.len()]
        }
    }

    /// A body for `def` with every field it names, each a value of its
    /// kind (plain, `\u`-escaped, holding `\u0000`, at the limits of its C
    /// type, an enum name or a string the enum lacks, null), nested models
    /// to `depth`, in a shuffled order, with an unknown key and sometimes a
    /// repeated one.
    fn sample(def: &ModelDef, rng: &mut Rng, depth: usize) -> String {
        let mut members: Vec<String> = Vec::new();
        for f in def.fields {
            let key = f.key.to_str().unwrap();
            let value = match f.kind {
                Kind::Str => rng
                    .pick(&[r#""text""#, r#""Zo\u00eb \u65e5\u672c""#, r#""a\u0000tail""#, r#""q\"\\\/\n""#, "null", r#""""#])
                    .to_string(),
                Kind::Int | Kind::Int64 | Kind::Counter { .. } | Kind::NullableInt { .. } | Kind::Double => rng
                    .pick(&["0", "-5", "1711471533", "2147483648", "-2147483649", "9007199254740993", "0.0625", "1e300", "null"])
                    .to_string(),
                Kind::Bool | Kind::NullableBool { .. } => rng.pick(&["true", "false", "null"]).to_string(),
                Kind::Enum { names, .. } => match rng.next() % 4 {
                    0 => r#""not_an_enum_value""#.to_string(),
                    1 => "null".to_string(),
                    _ => format!("{:?}", names[(rng.next() as usize) % names.len()].to_str().unwrap()),
                },
                Kind::Model(d) if depth > 0 && rng.next() % 5 != 0 => sample(d, rng, depth - 1),
                Kind::List(d) if depth > 0 => {
                    let n = rng.next() % 3;
                    let items: Vec<String> = (0..n).map(|_| sample(d, rng, depth - 1)).collect();
                    format!("[{}]", items.join(","))
                }
                Kind::Model(_) | Kind::List(_) => "null".to_string(),
                Kind::StrList => rng.pick(&[r#"["a","\u00e9",""]"#, "[]", "null"]).to_string(),
                Kind::Json => rng.pick(&[r#"{"k":[1,"x\u0000y",null,{},true]}"#, "{}", "[1,2]", r#""s""#, "null"]).to_string(),
                Kind::Rest => continue,
            };
            members.push(format!("{key:?}:{value}"));
        }
        members.push(r#""zz_unknown":{"x":[1,{"y":null}]}"#.to_string());
        if let Some(first) = members.first().cloned().filter(|_| rng.next() % 3 == 0) {
            // A repeated key: the first occurrence wins on both paths.
            members.push(first.replace(":", ":null,\"zz\":"));
        }
        for i in (1..members.len()).rev() {
            members.swap(i, (rng.next() as usize) % (i + 1));
        }
        format!("{{{}}}", members.join(","))
    }

    #[test]
    fn every_model_reads_alike_on_both_paths() {
        let defs: Vec<&ModelDef> =
            crate::models::ALL.iter().chain(crate::models::generated::GENERATED).chain(crate::models::org::ORGANIZATION).copied().collect();
        assert!(defs.len() > 200, "{} models", defs.len());
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (mut fast, mut total) = (0, 0);
        for def in &defs {
            for round in 0..12 {
                let body = sample(def, &mut rng, 3);
                // SAFETY: the model's own table.
                assert!(unsafe { compare(def, body.as_bytes()) }, "{} fell back for {body}", def.name);
                // The same body broken in one place: both paths decide alike.
                let mut b = body.into_bytes();
                let i = (rng.next() as usize) % b.len();
                match round % 3 {
                    0 => b[i] = b"{}[],:\"0an\\"[(rng.next() % 11) as usize],
                    1 => {
                        b.remove(i);
                    }
                    _ => drop(b.splice(i..i, *b"1,")),
                }
                total += 1;
                // SAFETY: as above.
                if unsafe { compare(def, &b) } {
                    fast += 1;
                }
            }
        }
        assert!(fast > total / 20 && fast < total, "{fast} of {total} broken bodies took the fast path");
    }

    #[test]
    fn mutated_bodies_agree_with_the_cjson_path() {
        // A fixed-seed generator: the same mutations every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces: &[&[u8]] = &[b"null", b"1", b"\"x\"", b"{}", b"[]", b"true", b",", b"\\u0000", b"\xff", b"1e999", b"\"id\":\"z\","];
        let (mut fast, mut total) = (0, 0);
        for (name, body) in SAMPLES {
            let def = def_for(name);
            for _ in 0..3000 {
                let mut b = body.as_bytes().to_vec();
                for _ in 0..(1 + next() % 3) {
                    let i = (next() as usize) % b.len();
                    match next() % 3 {
                        0 => {
                            b.remove(i);
                        }
                        1 => {
                            let piece = pieces[(next() as usize) % pieces.len()];
                            b.splice(i..i, piece.iter().copied());
                        }
                        _ => b[i] = (next() % 128) as u8,
                    }
                }
                total += 1;
                // SAFETY: the table describes the model.
                if unsafe { compare(def, &b) } {
                    fast += 1;
                }
            }
        }
        // Both outcomes are exercised.
        assert!(fast > total / 20 && fast < total, "{fast} of {total} took the fast path");
    }
}
