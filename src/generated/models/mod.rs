//! The generated models.
#[rustfmt::skip]
pub mod generated;
#[rustfmt::skip]
pub mod org;
#[rustfmt::skip]
pub mod seed;

use crate::wire::model::ModelDef;

/// Every model of the seed, for code that must cover them all (fuzzing, tests).
pub const ALL: &[&ModelDef] = seed::SEED;

/// Every model the library has: the seed's, the newer project ones and the
/// organization's (for fuzzing and tests that cover them all).
pub fn every_model() -> impl Iterator<Item = &'static ModelDef> {
    ALL.iter().chain(generated::GENERATED).chain(org::ORGANIZATION).copied()
}
