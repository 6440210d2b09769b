//! The generated calls.
#[rustfmt::skip]
pub mod generated;
#[rustfmt::skip]
pub mod org;
#[rustfmt::skip]
pub mod seed;
