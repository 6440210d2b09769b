//! A query parameter's value, as the document's schema reads it.

use std::collections::BTreeMap;

/// A checked query parameter.
#[derive(Clone, Debug)]
pub enum QVal {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
    Object(BTreeMap<String, i64>),
    /// A deep object of any keys (`metadata[team]=a`).
    Map(BTreeMap<String, String>),
}
