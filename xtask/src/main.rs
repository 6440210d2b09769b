//! `cargo xtask codegen` writes every generated file from the documents
//! and the layout lock; `cargo xtask codegen --check` writes nothing and
//! fails, naming the files, when one differs (CI runs it).

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match xtask::codegen::run(&xtask::codegen::root(), !check) {
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
