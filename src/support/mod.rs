//! The support types of the generated client's C API: `list_t`
//! (`list`), `keyValuePair_t` (`keyvalue`), `binary_t` (`binary`) and
//! cJSON 1.7.7's API (`cjson`).
pub mod binary;
pub mod cjson;
pub mod keyvalue;
pub mod list;
