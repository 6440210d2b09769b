//! The generated models.
#[rustfmt::skip]
pub mod generated;
#[rustfmt::skip]
pub mod org;
#[rustfmt::skip]
pub mod seed;
