//! The transport: one request and its answer over a kept-alive connection
//! (`http`), TCP with Happy Eyeballs (`tcp`), TLS (`tls`), proxies
//! (`proxy`), name lookups (`dns`) and retry timing (`retry`).
pub(crate) mod dns;
pub mod h1;
pub(crate) mod http;
pub(crate) mod proxy;
pub(crate) mod retry;
pub(crate) mod tcp;
pub(crate) mod tls;
