//! The project's own commands:
//! - `cargo xtask codegen` writes every generated file from the documents
//!   and the layout lock (the models, the calls, the C header, the C test
//!   programs of every documented answer, the table of calls in docs/calls.md);
//!   `cargo xtask codegen --check` writes nothing and fails, naming the
//!   files, when one differs (CI runs it);
//! - `cargo xtask man <dir>` writes a man page per function of the headers
//!   into `<dir>` (`make docs` runs it);
//! - `cargo xtask lock` records the header's structs and enums in the
//!   layout lock when a version is released, and refuses when a released
//!   layout moved.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask man <dir> | cargo xtask lock";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::codegen::root();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["codegen"] => codegen(&root, false),
        ["codegen", "--check"] => codegen(&root, true),
        ["man", dir] => match xtask::man::write(&root, std::path::Path::new(dir)) {
            Ok(n) => {
                println!("man: {n} pages in {dir}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("man: {e}");
                ExitCode::FAILURE
            }
        },
        ["lock"] => match xtask::layout::record(&root) {
            Ok(()) => {
                println!("lock: tests/data/layout.lock records every struct and enum of the header");
                ExitCode::SUCCESS
            }
            Err(broken) => {
                eprintln!("lock: released layouts changed, nothing recorded:");
                broken.iter().for_each(|b| eprintln!("  {b}"));
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn codegen(root: &std::path::Path, check: bool) -> ExitCode {
    match xtask::codegen::run(root, !check) {
        Ok(stale) if stale.is_empty() => {
            println!("codegen: every generated file is current");
            ExitCode::SUCCESS
        }
        Ok(stale) if check => {
            eprintln!("codegen: {} stale file(s); run `cargo xtask codegen`:", stale.len());
            stale.iter().for_each(|f| eprintln!("  {f}"));
            ExitCode::FAILURE
        }
        Ok(stale) => {
            stale.iter().for_each(|f| println!("codegen: wrote {f}"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("codegen: {e}");
            ExitCode::FAILURE
        }
    }
}
