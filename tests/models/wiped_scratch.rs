//! A new key's value written with escapes passes through the fast path's
//! buffer for decoded strings: that buffer is wiped before it goes back to
//! the allocator. This test's global allocator searches every block Rust
//! code frees for the secret.

use openai_api::generated::models::{project_service_account_create_response_free, project_service_account_create_response_t};
use openai_api::wire::answer::parse_text;
use openai_api::wire::model::CModel;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const SECRET: &[u8] = b"sk-svcacct-Ab9secretsecretsecret";

struct Watching;

static SCANNING: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);
/// One test scans at a time (another's own copy of the secret is not a leak).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

// SAFETY: System's allocator, with a read of each block before it is freed.
unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: per GlobalAlloc's contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if SCANNING.load(Ordering::SeqCst) {
            // SAFETY: the block is `layout.size()` bytes and still ours.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if block.windows(SECRET.len()).any(|w| w == SECRET) {
                FOUND.fetch_add(1, Ordering::SeqCst);
            }
        }
        // SAFETY: per GlobalAlloc's contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Watching = Watching;

#[test]
fn an_escaped_secret_is_wiped_from_the_decoding_buffer() {
    // `\u0041` is "A": the value is decoded, not borrowed from the text.
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let body = br#"{"object":"organization.project.service_account","id":"svc_1","name":"bot","role":"member","created_at":3,"api_key":{"object":"organization.project.service_account.api_key","value":"sk-svcacct-\u0041b9secretsecretsecret","name":"Secret Key","created_at":3,"id":"key_2"}}"#;
    FOUND.store(0, Ordering::SeqCst);
    SCANNING.store(true, Ordering::SeqCst);
    // SAFETY: the model's own table; the answer is freed with its _free.
    unsafe {
        let m = parse_text(&project_service_account_create_response_t::DEF, body).ok().expect("the answer parses");
        assert!(!m.is_null());
        project_service_account_create_response_free(m as *mut project_service_account_create_response_t);
    }
    SCANNING.store(false, Ordering::SeqCst);
    assert_eq!(FOUND.load(Ordering::SeqCst), 0, "a freed block held the secret");
}

#[test]
fn the_decoding_buffer_grows_without_leaving_the_secret_behind() {
    // The secret is decoded first, then a longer string with escapes makes
    // the buffer grow: its old memory is wiped before it is freed.
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let long = "\\u0041".repeat(60);
    let body = format!(
        r#"{{"object":"organization.project.service_account","id":"svc_1","name":"bot","role":"member","created_at":3,"api_key":{{"object":"organization.project.service_account.api_key","value":"sk-svcacct-\u0041b9secretsecretsecret","name":"{long}","created_at":3,"id":"key_2"}}}}"#
    );
    FOUND.store(0, Ordering::SeqCst);
    SCANNING.store(true, Ordering::SeqCst);
    // SAFETY: as above.
    unsafe {
        let m = parse_text(&project_service_account_create_response_t::DEF, body.as_bytes()).ok().expect("the answer parses");
        assert!(!m.is_null());
        project_service_account_create_response_free(m as *mut project_service_account_create_response_t);
    }
    SCANNING.store(false, Ordering::SeqCst);
    drop(body);
    assert_eq!(FOUND.load(Ordering::SeqCst), 0, "a freed block held the secret");
}
