//! Fault injection: queued misbehaviours the mock plays instead of its
//! normal answers, for tests of retries, timeouts and bad responses.
//!
//! HTTP-level faults replace the answer to the next request. Connection
//! faults take over the next accepted TCP connection and speak broken HTTP
//! on purpose (a server that never answers, stalls, trickles or hangs up);
//! they are the only place the mock writes bytes itself.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One misbehaviour, used once.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Let the next request through untouched (to aim a later fault).
    Pass,
    /// Answer the next request with this status, headers and body.
    Answer { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Answer the next request with 200 and a JSON body of about `n` bytes.
    Huge(usize),
    /// Accept the next connection, read the request, never answer.
    Silent,
    /// Read the request and close the connection without answering.
    CloseBeforeAnswer,
    /// Send the headers and part of the body, then close.
    CloseDuringBody,
    /// Send the headers and part of the body, then send nothing more.
    StallBody,
    /// Send a valid answer one byte at a time, this far apart.
    Trickle(Duration),
}

impl Fault {
    /// A plain HTTP answer (JSON content type unless `headers` says otherwise).
    pub fn status(status: u16, headers: &[(&str, &str)], body: &str) -> Fault {
        Fault::Answer {
            status,
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// A fault from its text form (the command line's `--fault`, the
    /// control endpoint): `pass`, `silent`, `close-before-answer`,
    /// `close-during-body`, `stall-body`, `trickle[:MS]`, `huge`, or an HTTP
    /// status with an OpenAI error body and optional headers:
    /// `429:retry-after-ms=200`, `503:x-should-retry=false`.
    pub fn parse(spec: &str) -> Result<Fault, String> {
        let (name, rest) = spec.split_once(':').unwrap_or((spec, ""));
        Ok(match name {
            "pass" => Fault::Pass,
            "silent" => Fault::Silent,
            "close-before-answer" => Fault::CloseBeforeAnswer,
            "close-during-body" => Fault::CloseDuringBody,
            "stall-body" => Fault::StallBody,
            "huge" => Fault::Huge((64 << 20) + 1024),
            "trickle" => Fault::Trickle(Duration::from_millis(if rest.is_empty() {
                50
            } else {
                rest.parse().map_err(|_| format!("trickle:{rest}: not a number of milliseconds"))?
            })),
            status => {
                let status: u16 =
                    status.parse().ok().filter(|s| (100..600).contains(s)).ok_or_else(|| format!("unknown fault {spec:?}"))?;
                let mut headers = Vec::new();
                for h in rest.split(',').filter(|h| !h.is_empty()) {
                    let (k, v) = h.split_once('=').ok_or_else(|| format!("{spec:?}: a header is NAME=VALUE"))?;
                    headers.push((k.to_string(), v.to_string()));
                }
                let kind = if status >= 500 { "server_error" } else { "invalid_request_error" };
                let body = format!(r#"{{"error":{{"message":"injected {status}","type":"{kind}","param":null,"code":null}}}}"#);
                Fault::Answer { status, headers, body: body.into_bytes() }
            }
        })
    }

    /// Whether the fault takes over a whole connection.
    pub fn is_connection_level(&self) -> bool {
        !matches!(self, Fault::Pass | Fault::Answer { .. } | Fault::Huge(_))
    }
}

const PROJECT: &str = r#"{"object":"organization.project","id":"proj_trickle","name":"Trickle","created_at":1711471533,"archived_at":null,"status":"active"}"#;

/// Reads until the end of the request head (or the client hangs up).
async fn read_head(s: &mut TcpStream) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
}

/// Waits until the client closes the connection.
async fn until_closed(s: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(s.read(&mut buf).await, Ok(n) if n > 0) {}
}

fn head(len: usize) -> String {
    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len}\r\nx-request-id: req_fault\r\n\r\n")
}

/// Plays a connection-level fault on `s`.
pub async fn play(fault: Fault, mut s: TcpStream) {
    match fault {
        Fault::Silent => until_closed(&mut s).await,
        Fault::CloseBeforeAnswer => read_head(&mut s).await,
        Fault::CloseDuringBody | Fault::StallBody => {
            read_head(&mut s).await;
            let part = &PROJECT[..PROJECT.len() / 2];
            let _ = s.write_all(format!("{}{}", head(PROJECT.len()), part).as_bytes()).await;
            if matches!(fault, Fault::StallBody) {
                until_closed(&mut s).await;
            }
        }
        Fault::Trickle(gap) => {
            read_head(&mut s).await;
            let answer = format!("{}{}", head(PROJECT.len()), PROJECT);
            for b in answer.bytes() {
                if s.write_all(&[b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(gap).await;
            }
            until_closed(&mut s).await;
        }
        Fault::Pass | Fault::Answer { .. } | Fault::Huge(_) => unreachable!("HTTP-level faults are answered by the router"),
    }
}

#[cfg(test)]
mod tests {
    use super::Fault;

    #[test]
    fn specs_parse() {
        match Fault::parse("429:retry-after-ms=200,x-should-retry=true").unwrap() {
            Fault::Answer { status, headers, body } => {
                assert_eq!(status, 429);
                assert_eq!(headers, [("retry-after-ms".to_string(), "200".to_string()), ("x-should-retry".into(), "true".into())]);
                assert!(String::from_utf8(body).unwrap().contains("invalid_request_error"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(Fault::parse("silent"), Ok(Fault::Silent)));
        assert!(matches!(Fault::parse("trickle:20"), Ok(Fault::Trickle(d)) if d.as_millis() == 20));
        assert!(Fault::parse("teapot").is_err());
        assert!(Fault::parse("700").is_err());
        assert!(Fault::parse("503:oops").is_err());
    }
}
