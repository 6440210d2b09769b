//! Written by the generator only: the models (`models`) and the calls
//! (`calls`) of the API.
pub mod calls;
pub mod models;
