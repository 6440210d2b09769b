//! The project's own commands (`cargo xtask …`), as a library too so that
//! tests can run them.
pub mod codegen;
pub mod layout;
pub mod man;
