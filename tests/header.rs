//! The committed header must equal what cbindgen generates from the sources.
//! `OPENAI_API_UPDATE_HEADER=1 cargo test --test header` refreshes it.

use std::path::Path;

#[test]
fn committed_header_is_current() {
    let generated = std::fs::read_to_string(env!("OPENAI_API_GENERATED_HEADER")).unwrap();
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/openai_api.h");
    if std::env::var_os("OPENAI_API_UPDATE_HEADER").is_some() {
        std::fs::write(&committed_path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/openai_api.h is stale: run `OPENAI_API_UPDATE_HEADER=1 cargo test --test header` and commit it"
    );
}
