//! The mock as a tool: its command line, its use in other test suites, and
//! OpenAI's official Python SDK against it.
//! One test binary for the area; each module was a test file of its own.

#[path = "../support/mod.rs"]
mod support;

mod mock_cli;
mod mock_tool;
mod official_sdk;
