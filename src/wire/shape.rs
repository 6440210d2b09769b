//! Why an answer or a JSON value does not fit its model: the error the
//! model engine (`model`, `map`) returns, naming the member that failed.

use crate::support::cjson::*;

/// Why a JSON value did not become a model: where (`data[3].created_at`,
/// built while unwinding) and what was wrong.
pub struct ShapeError {
    pub(crate) path: Vec<String>,
    what: String,
}

impl ShapeError {
    /// # Safety
    /// `got` is a valid cJSON item.
    pub(crate) unsafe fn new(expected: &str, got: *const cJSON) -> Self {
        // SAFETY: new's contract: `object` is a valid object item.
        unsafe { ShapeError { path: Vec::new(), what: format!("expected {expected}, got {}", json_type(got)) } }
    }

    /// Whether memory ran out (no fault of the JSON).
    pub(crate) fn is_memory(&self) -> bool {
        self.what == "out of memory"
    }

    pub(crate) fn memory() -> Self {
        ShapeError { path: Vec::new(), what: "out of memory".into() }
    }

    /// `model.path: what`, e.g. `project_list_response.data[3].created_at:
    /// expected a number, got a string`.
    pub fn message(&self, model: &str) -> String {
        let mut s = model.to_string();
        for seg in self.path.iter().rev() {
            s.push_str(seg);
        }
        s.push_str(": ");
        s.push_str(&self.what);
        s
    }
}

/// The JSON type of an item, as an error message names it.
///
/// # Safety
/// `j` is NULL or a live cJSON item.
unsafe fn json_type(j: *const cJSON) -> &'static str {
    // SAFETY: json_type's contract: NULL or a live item, only its type read.
    unsafe {
        if cJSON_IsString(j) != 0 {
            "a string"
        } else if cJSON_IsNumber(j) != 0 {
            "a number"
        } else if cJSON_IsBool(j) != 0 {
            "a boolean"
        } else if cJSON_IsObject(j) != 0 {
            "an object"
        } else if cJSON_IsArray(j) != 0 {
            "an array"
        } else if cJSON_IsNull(j) != 0 {
            "null"
        } else {
            "an invalid value"
        }
    }
}
