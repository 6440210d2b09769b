//! The C boundary and the process around it: the panic guard and C
//! strings (`guard`), the C allocator and the answer's budget (`alloc`),
//! C pointers made references (`ptr`), the record of the library's own
//! structs (`record`), fork and thread
//! cancellation (`process`), the environment (`env`) and the kinds of
//! failure a C caller is told (`error`). Imports nothing of the library.
pub mod alloc;
pub(crate) mod env;
pub mod error;
pub(crate) mod guard;
pub(crate) mod process;
pub(crate) mod ptr;
pub(crate) mod record;
