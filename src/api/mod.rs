//! Hand-written additions over the generated calls: the walkers of the
//! generated client's five lists (`walkers`), `apiClient_errorResponse`
//! (`errors`) and an alias 0.1 shipped (`projects`).
pub mod errors;
pub mod projects;
pub mod walkers;
