//! The wire format: what a model is (`model`: its C struct's table, and
//! the one engine that frees, reads and writes every model from it),
//! the fast reader of answers (`fast`) and the hand-written `object_t`
//! (`object`). No HTTP here.
pub mod answer;
pub(crate) mod fast;
pub(crate) mod map;
pub mod model;
pub mod object;
pub mod shape;
