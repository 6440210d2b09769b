//! The environment variables a call reads, found in one walk of the
//! environment (one `getenv` a name walked it once a name: eight walks,
//! 5,000 instructions a call). Read afresh for every call, as libcurl reads
//! its proxy variables for every transfer: a `setenv` between calls is seen.
//! As with `getenv`, a name set more than once reads as its first entry, and
//! a value that is empty or not UTF-8 reads as unset.

use crate::boundary::alloc::wipe;

/// The variables a call reads.
#[derive(Clone, Copy)]
pub enum Var {
    AdminKey,
    /// The key of the calls beyond the administration API.
    ApiKey,
    OrgId,
    ProjectId,
    Log,
    NoProxyLower,
    NoProxy,
    HttpProxyLower,
    HttpsProxyLower,
    HttpsProxy,
    AllProxyLower,
    AllProxy,
}

const NAMES: [&[u8]; 12] = [
    b"OPENAI_ADMIN_KEY",
    b"OPENAI_API_KEY",
    b"OPENAI_ORG_ID",
    b"OPENAI_PROJECT_ID",
    b"OPENAI_LOG",
    b"no_proxy",
    b"NO_PROXY",
    b"http_proxy",
    b"https_proxy",
    b"HTTPS_PROXY",
    b"all_proxy",
    b"ALL_PROXY",
];

/// The values found (the keys among them: wiped when dropped).
#[derive(Default)]
pub struct Env {
    values: [Option<Vec<u8>>; NAMES.len()],
}

impl Drop for Env {
    fn drop(&mut self) {
        for v in self.values.iter_mut().flatten() {
            wipe(v);
        }
    }
}

impl Env {
    /// The variables as the environment holds them now.
    pub fn read() -> Env {
        let mut env = Env::default();
        for_each_entry(|entry| env.offer(entry));
        env
    }

    /// An environment holding `vars` (for tests).
    #[cfg(test)]
    pub fn from_entries(entries: &[&str]) -> Env {
        let mut env = Env::default();
        for e in entries.iter().filter(|e| e.bytes().next().is_some_and(may_be_ours)) {
            env.offer(e.as_bytes());
        }
        env
    }

    /// Takes `NAME=value` when NAME is one of ours not seen yet.
    #[inline]
    fn offer(&mut self, entry: &[u8]) {
        let Some(eq) = entry.iter().position(|&b| b == b'=') else { return };
        let (name, value) = (&entry[..eq], &entry[eq + 1..]);
        if let Some(i) = NAMES.iter().position(|n| *n == name) {
            if self.values[i].is_none() {
                self.values[i] = Some(value.to_vec());
            }
        }
    }

    /// The variable's value: None when unset, empty or not UTF-8.
    pub fn get(&self, var: Var) -> Option<&str> {
        let v = self.values[var as usize].as_deref()?;
        std::str::from_utf8(v).ok().filter(|s| !s.is_empty())
    }
}

/// Whether an entry starting with `b` may be one of ours (most entries
/// stop here, before their length is known).
#[inline]
fn may_be_ours(b: u8) -> bool {
    matches!(b, b'O' | b'n' | b'N' | b'h' | b'H' | b'a' | b'A')
}

/// Calls `f` with each `NAME=value` entry of the environment that may be
/// one of ours, in order.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn for_each_entry(mut f: impl FnMut(&[u8])) {
    extern "C" {
        static environ: *const *const std::os::raw::c_char;
    }
    // SAFETY: `environ` is the C library's NULL-terminated array of C
    // strings; it is read as getenv reads it (a setenv racing with this
    // walk is the program's race, as with getenv).
    unsafe {
        let mut p = std::ptr::addr_of!(environ).read();
        if p.is_null() {
            return;
        }
        while !(*p).is_null() {
            if may_be_ours(**p as u8) {
                f(std::ffi::CStr::from_ptr(*p).to_bytes());
            }
            p = p.add(1);
        }
    }
}

/// Elsewhere: one lookup a name.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn for_each_entry(mut f: impl FnMut(&[u8])) {
    use std::os::unix::ffi::OsStrExt;
    for name in NAMES {
        let name = std::ffi::OsStr::from_bytes(name);
        if let Some(v) = std::env::var_os(name) {
            let mut entry = name.as_bytes().to_vec();
            entry.push(b'=');
            entry.extend_from_slice(v.as_bytes());
            f(&entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_getenv_reads_them() {
        let env = Env::from_entries(&[
            "PATH=/bin",
            "no_proxy=a",
            "no_proxy=b",
            "NO_PROXY=",
            "OPENAI_LOG",
            "OPENAI_ORG_ID=org=1",
            "OPENAI_PROJECT_ID_X=p",
            "http_proxy=\u{e9}",
        ]);
        assert_eq!(env.get(Var::NoProxyLower), Some("a"), "the first entry of a name");
        assert_eq!(env.get(Var::NoProxy), None, "empty reads as unset");
        assert_eq!(env.get(Var::Log), None, "an entry without '='");
        assert_eq!(env.get(Var::OrgId), Some("org=1"), "the value runs past a second '='");
        assert_eq!(env.get(Var::ProjectId), None, "a longer name");
        assert_eq!(env.get(Var::HttpProxyLower), Some("\u{e9}"));
        let mut bad = Env::default();
        bad.offer(b"https_proxy=\xff");
        assert_eq!(bad.get(Var::HttpsProxyLower), None, "not UTF-8 reads as unset");
    }

    #[test]
    fn every_name_passes_the_first_byte_filter() {
        for name in NAMES {
            assert!(may_be_ours(name[0]), "{}", String::from_utf8_lossy(name));
        }
    }
}
