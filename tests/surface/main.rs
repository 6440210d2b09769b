//! What a program and its builder see: the headers, the exported symbols,
//! the doc comments and the C reference, C++ and Python, the 2.3.0 drop-in,
//! the layers of the sources, the install, and the README and docs as
//! written.
//! One test binary for the area; each module was a test file of its own.

#[path = "../support/mod.rs"]
mod support;

mod doc_comments;
mod docs;
mod dropin_library;
mod dropin_org;
mod headers;
mod install;
mod layers;
mod other_languages;
mod readme;
mod safety_comments;
mod symbols;
