//! An answer's text read into a model: the fast path (`super::fast`) when
//! it can decide, else the cJSON path, which decides as the generated
//! client's `_parseFromJSON` would and names the field at fault.

use super::model::{free_def, parse_def, ModelDef};
use crate::boundary::alloc;
use crate::support::cjson::{cJSON_Delete, parse_bytes};

/// Why JSON text did not become a model.
pub enum BytesError {
    /// Not JSON: the parser stopped at this byte.
    Json(usize),
    /// JSON, but not the model: the message names the field and the fault.
    Shape(String),
    /// Not UTF-8 from this byte on (JSON text must be).
    Utf8(usize),
    /// As C structs the answer would take more than this many bytes.
    TooLarge(usize),
}

/// How many times its size one answer may take as C structs: with the
/// buffer it is read into and the transport's, the whole stays under 8.
pub(crate) const BUDGET_FACTOR: usize = 5;

/// The memory one answer may take as C structs: `BUDGET_FACTOR` times its
/// size, and at least 64 KiB.
pub fn answer_budget(body_len: usize) -> usize {
    body_len.saturating_mul(BUDGET_FACTOR).max(64 << 10)
}

/// Builds a model straight from JSON text (a response body), by the same
/// rules as `parse_def`. The one path for bodies: the API calls and
/// `apiClient_errorResponse` both use it.
///
/// # Safety
/// None beyond `def` describing a model.
pub unsafe fn parse_text(def: &'static ModelDef, body: &[u8]) -> Result<*mut u8, BytesError> {
    // SAFETY: `def` describes a model (the contract): its table's offsets
    // and kinds are the struct's, so what it builds is that model.
    unsafe {
        let limit = answer_budget(body.len());
        let budget = alloc::Budget::new(limit);
        if let Some(m) = fast_checked(def, body) {
            return m;
        }
        utf8(body)?;
        // Past the ceiling: the slower path would only take more.
        if budget.spent() {
            return Err(BytesError::TooLarge(limit));
        }
        // What the fast path made is freed: the slower one starts afresh.
        drop(budget);
        let budget = alloc::Budget::new(limit);
        let m = via_cjson(def, body);
        if budget.spent() {
            return Err(BytesError::TooLarge(limit));
        }
        m
    }
}

/// The fast path under the answer's UTF-8 rule: None when it leaves the
/// body to the cJSON path, else the struct, or the UTF-8 error (what it
/// made freed). The body gets a second pass only when a string held a
/// byte of 0x80 or more.
///
/// # Safety
/// None beyond `def` describing a model.
unsafe fn fast_checked(def: &'static ModelDef, body: &[u8]) -> Option<Result<*mut u8, BytesError>> {
    // SAFETY: `def` describes a model (the contract): its table's offsets
    // and kinds are the struct's, so what it builds is that model.
    unsafe {
        let (m, known_utf8) = super::fast::parse(def, body).ok()?;
        if !known_utf8 {
            if let Err(e) = utf8(body) {
                free_def(def, m);
                return Some(Err(e));
            }
        }
        Some(Ok(m))
    }
}

/// cJSON would take any bytes in strings; an answer must be UTF-8.
fn utf8(body: &[u8]) -> Result<(), BytesError> {
    std::str::from_utf8(body).map(drop).map_err(|e| BytesError::Utf8(e.valid_up_to()))
}

/// The cJSON path: `body` as a cJSON tree (its copy wiped), then the model
/// from the tree. The body must be one JSON value: anything after it (a
/// second document, as chunks of a stream) is refused where it starts.
///
/// # Safety
/// None beyond `def` describing a model.
unsafe fn via_cjson(def: &'static ModelDef, body: &[u8]) -> Result<*mut u8, BytesError> {
    // SAFETY: `def` describes a model (the contract): its table's offsets
    // and kinds are the struct's, so what it builds is that model.
    unsafe {
        let mut text = Vec::with_capacity(body.len() + 1);
        text.extend_from_slice(body);
        text.push(0);
        let (tree, at) = parse_bytes(&text, true);
        alloc::wipe(&mut text);
        if tree.is_null() {
            return Err(BytesError::Json(at));
        }
        let m = parse_def(def, tree);
        cJSON_Delete(tree);
        m.map_err(|e| BytesError::Shape(e.message(def.short_name())))
    }
}

/// The fast path alone (None: it leaves the body to the cJSON path), for
/// the differential tests and fuzz target; API calls use [`parse_text`].
///
/// # Safety
/// None beyond `def` describing a model.
#[doc(hidden)]
pub unsafe fn parse_fast_only(def: &'static ModelDef, body: &[u8]) -> Option<*mut u8> {
    // SAFETY: `def` describes a model (the contract): its table's offsets
    // and kinds are the struct's, so what it builds is that model.
    unsafe { fast_checked(def, body)?.ok() }
}

/// The cJSON path alone (None: cJSON or the model refuses the body), for
/// the differential tests and fuzz target.
///
/// # Safety
/// None beyond `def` describing a model.
#[doc(hidden)]
pub unsafe fn parse_cjson_only(def: &'static ModelDef, body: &[u8]) -> Option<*mut u8> {
    // SAFETY: `def` describes a model (the contract): its table's offsets
    // and kinds are the struct's, so what it builds is that model.
    unsafe { via_cjson(def, body).ok() }
}
