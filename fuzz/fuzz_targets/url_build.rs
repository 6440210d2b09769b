//! URL building from arbitrary ids: `""`, `.` and `..` are refused; for any
//! other id the URL is valid, and each path segment and query value decodes
//! back to exactly the id given.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openai_api::call::engine::{build_url, Seg};
use percent_encoding::percent_decode_str;
use std::ffi::CString;

fuzz_target!(|data: &[u8]| {
    // Ids are C strings: up to the first NUL.
    let id = &data[..data.iter().position(|&b| b == 0).unwrap_or(data.len())];
    let c = CString::new(id).unwrap();
    let result = unsafe {
        build_url(
            b"https://api.openai.com/v1/",
            &[Seg::Lit("/organization/projects/"), Seg::Id("project_id", c.as_ptr()), Seg::Lit("/users")],
            &[("limit", Some(b"5".to_vec())), ("after", Some(id.to_vec()))],
        )
    };
    if matches!(id, b"" | b"." | b"..") {
        assert!(result.is_err(), "{id:?} must be refused");
        return;
    }
    let url = result.expect("any other id gives a URL");
    let _: http::Uri = url.parse().unwrap_or_else(|e| panic!("{url:?} is not a valid URI: {e}"));
    let rest = url.strip_prefix("https://api.openai.com/v1/organization/projects/").unwrap();
    let (segment, tail) = rest.split_once("/users?limit=5&after=").unwrap();
    assert!(!segment.contains(['/', '?', '#']) && !tail.contains(['&', '#', '?', '/']));
    assert_eq!(percent_decode_str(segment).collect::<Vec<u8>>(), id);
    assert_eq!(percent_decode_str(tail).collect::<Vec<u8>>(), id);
});
