//! When to retry a failed attempt and how long to wait first, as OpenAI's
//! official SDKs decide it.

use std::time::{Duration, SystemTime};

/// The most a server may ask us to wait before its hint is ignored.
const MAX_HINT: Duration = Duration::from_secs(60);
const INITIAL_DELAY: f64 = 0.5;
const MAX_DELAY: f64 = 8.0;

/// What an answer's headers say about retrying.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Hints {
    /// `x-should-retry: true|false`.
    pub should_retry: Option<bool>,
    /// `retry-after-ms`, else `retry-after` (seconds or an HTTP date).
    pub wait: Option<Duration>,
}

impl Hints {
    /// Reads the hints from header values (None when absent).
    pub fn parse(should_retry: Option<&str>, retry_after_ms: Option<&str>, retry_after: Option<&str>, now: SystemTime) -> Hints {
        let should_retry = match should_retry.map(str::trim) {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        };
        let seconds = |s: f64| (s.is_finite() && s >= 0.0).then(|| Duration::from_secs_f64(s.min(1e9)));
        let wait = retry_after_ms.and_then(|v| v.trim().parse::<f64>().ok()).and_then(|ms| seconds(ms / 1000.0)).or_else(|| {
            let v = retry_after?.trim();
            match v.parse::<f64>() {
                Ok(s) => seconds(s),
                Err(_) => httpdate::parse_http_date(v).ok().map(|at| at.duration_since(now).unwrap_or(Duration::ZERO)),
            }
        });
        Hints { should_retry, wait }
    }
}

/// Whether an HTTP status is worth another attempt: 408, 409, 429, 5xx.
pub fn status_is_retryable(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// The wait before retry number `n` (0 for the first retry): the server's
/// hint when it lies within 0..=60 s, else `min(0.5 s × 2^n, 8 s)` reduced
/// by up to 25 % (`jitter` in 0..1).
pub fn delay(n: u32, hint: Option<Duration>, jitter: f64) -> Duration {
    if let Some(h) = hint.filter(|h| *h <= MAX_HINT) {
        return h;
    }
    let base = (INITIAL_DELAY * 2f64.powi(n.min(16) as i32)).min(MAX_DELAY);
    Duration::from_secs_f64(base * (1.0 - 0.25 * jitter.clamp(0.0, 1.0)))
}

/// A small per-client random source for jitter (not for secrets).
pub struct Jitter(u64);

impl Jitter {
    pub fn new(seed: u64) -> Jitter {
        Jitter(seed | 1)
    }

    /// A number in 0..1.
    pub fn next(&mut self) -> f64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for s in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(status_is_retryable(s), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 422] {
            assert!(!status_is_retryable(s), "{s}");
        }
    }

    #[test]
    fn backoff_doubles_caps_at_8_s_and_jitters_down_by_at_most_a_quarter() {
        assert_eq!(delay(0, None, 0.0), Duration::from_millis(500));
        assert_eq!(delay(1, None, 0.0), Duration::from_secs(1));
        assert_eq!(delay(3, None, 0.0), Duration::from_secs(4));
        assert_eq!(delay(4, None, 0.0), Duration::from_secs(8));
        assert_eq!(delay(40, None, 0.0), Duration::from_secs(8));
        assert_eq!(delay(0, None, 1.0), Duration::from_millis(375));
        let mut j = Jitter::new(7);
        for _ in 0..1000 {
            let d = delay(2, None, j.next());
            assert!(d >= Duration::from_millis(1500) && d <= Duration::from_secs(2), "{d:?}");
        }
    }

    #[test]
    fn server_hints_win_within_60_s() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let h = Hints::parse(None, Some("200"), Some("30"), now);
        assert_eq!(h.wait, Some(Duration::from_millis(200)));
        assert_eq!(delay(0, h.wait, 0.5), Duration::from_millis(200));
        let h = Hints::parse(None, None, Some("2.5"), now);
        assert_eq!(h.wait, Some(Duration::from_millis(2500)));
        let date = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(Hints::parse(None, None, Some(&date), now).wait, Some(Duration::from_secs(7)));
        // Too long, negative or garbage: the computed backoff is used.
        assert_eq!(delay(0, Hints::parse(None, Some("61000"), None, now).wait, 0.0), Duration::from_millis(500));
        assert_eq!(Hints::parse(None, Some("-5"), Some("soon"), now).wait, None);
        assert_eq!(Hints::parse(Some("false"), None, None, now).should_retry, Some(false));
        assert_eq!(Hints::parse(Some(" true "), None, None, now).should_retry, Some(true));
        assert_eq!(Hints::parse(Some("maybe"), None, None, now).should_retry, None);
    }
}
