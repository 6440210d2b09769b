//! The TCP side of the transport: a ureq connector that opens the TCP
//! connection itself and the transport that carries it. It exists for two
//! things ureq's own TCP transport does not do:
//! - TCP keepalive (`curlConfig->keepalive`, `keepidle`, `keepintvl`):
//!   SO_KEEPALIVE, TCP_KEEPIDLE and TCP_KEEPINTVL on the socket;
//! - cheap timeouts: ureq passes the time left before the request's
//!   deadline to every read and write, and its transport resets the socket
//!   timeout each time (a syscall per read and per write). This one moves
//!   the socket timeout only when it is off by more than `SLACK` of the time
//!   left, so a call ends within that much of its deadline.
//!
//! TLS and proxies still come from ureq's connectors around it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::fd::AsRawFd;
use std::time::Duration;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport};
use ureq::Error;

/// Keepalive probe timing, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keepalive {
    pub idle: u32,
    pub interval: u32,
}

fn set_option(stream: &TcpStream, level: libc::c_int, name: libc::c_int, value: libc::c_int) -> io::Result<()> {
    // SAFETY: a valid socket and a c_int option value of the right size.
    let rc = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            level,
            name,
            &value as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl Keepalive {
    fn apply(&self, s: &TcpStream) -> io::Result<()> {
        // Linux accepts 1..=32767 seconds for both.
        let clamp = |v: u32| v.clamp(1, 32767) as libc::c_int;
        set_option(s, libc::SOL_SOCKET, libc::SO_KEEPALIVE, 1)?;
        set_option(s, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, clamp(self.idle))?;
        set_option(s, libc::IPPROTO_TCP, libc::TCP_KEEPINTVL, clamp(self.interval))
    }
}

/// Opens TCP connections (with keepalive when set); passes through a
/// connection a connector before it already made (a proxy tunnel).
#[derive(Debug)]
pub struct TcpConnector(pub Option<Keepalive>);

impl<In: Transport> Connector<In> for TcpConnector {
    type Out = Either<In, Tcp>;

    fn connect(&self, details: &ConnectionDetails, chained: Option<In>) -> Result<Option<Self::Out>, Error> {
        if let Some(c) = chained {
            return Ok(Some(Either::A(c)));
        }
        let mut last = None;
        for addr in details.addrs.iter() {
            let result = match details.timeout.not_zero() {
                Some(t) => TcpStream::connect_timeout(addr, *t),
                None => TcpStream::connect(addr),
            };
            match result {
                Ok(stream) => {
                    stream.set_nodelay(details.config.no_delay())?;
                    if let Some(k) = &self.0 {
                        k.apply(&stream)?;
                    }
                    let buffers = LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
                    return Ok(Some(Either::B(Tcp { stream, buffers, read_timeout: None, write_timeout: None })));
                }
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(Error::Timeout(details.timeout.reason)),
                Err(e) => last = Some(e),
            }
        }
        Err(last.map(Error::Io).unwrap_or(Error::ConnectionFailed))
    }
}

/// A TCP connection as a ureq transport.
#[derive(Debug)]
pub struct Tcp {
    stream: TcpStream,
    buffers: LazyBuffers,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

/// How far the socket timeout may be from the time left: 1 %, at most 1 s.
fn slack(left: Duration) -> Duration {
    (left / 100).min(Duration::from_secs(1))
}

/// Sets a socket timeout when none is set yet, or when the one set is off
/// from `wanted` by more than the slack.
fn update(
    current: &mut Option<Duration>,
    wanted: Option<Duration>,
    set: impl FnOnce(Option<Duration>) -> io::Result<()>,
) -> io::Result<()> {
    let close_enough = match (*current, wanted) {
        (Some(c), Some(w)) => c.abs_diff(w) <= slack(w),
        (c, w) => c == w,
    };
    if !close_enough {
        set(wanted)?;
        *current = wanted;
    }
    Ok(())
}

fn timeout_of(t: &NextTimeout) -> Result<Option<Duration>, Error> {
    if t.after.is_zero() {
        return Err(Error::Timeout(t.reason));
    }
    Ok(t.not_zero().map(|d| *d))
}

fn io_error(e: io::Error, t: &NextTimeout) -> Error {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout(t.reason),
        _ => Error::Io(e),
    }
}

impl Transport for Tcp {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let timeout = timeout.for_write();
        let wanted = timeout_of(&timeout)?;
        let stream = &self.stream;
        update(&mut self.write_timeout, wanted, |d| stream.set_write_timeout(d))?;
        let output = &self.buffers.output()[..amount];
        (&self.stream).write_all(output).map_err(|e| io_error(e, &timeout))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let timeout = timeout.for_read();
        let wanted = timeout_of(&timeout)?;
        let stream = &self.stream;
        update(&mut self.read_timeout, wanted, |d| stream.set_read_timeout(d))?;
        let input = self.buffers.input_append_buf();
        let n = loop {
            match (&self.stream).read(input) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other.map_err(|e| io_error(e, &timeout))?,
            }
        };
        self.buffers.input_appended(n);
        Ok(n > 0)
    }

    /// Whether a pooled connection can be reused: nothing unread and not
    /// closed by the server. One non-blocking peek, no mode switches.
    fn is_open(&mut self) -> bool {
        let mut probe = [0u8; 1];
        // SAFETY: a valid socket and a one-byte buffer.
        let n = unsafe { libc::recv(self.stream.as_raw_fd(), probe.as_mut_ptr().cast(), 1, libc::MSG_PEEK | libc::MSG_DONTWAIT) };
        n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::WouldBlock
    }
}

impl Drop for Tcp {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// Reads SO_KEEPALIVE, TCP_KEEPIDLE and TCP_KEEPINTVL back (for tests).
#[cfg(test)]
fn read_back(s: &TcpStream) -> (i32, i32, i32) {
    let get = |level, name| {
        let mut v: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: valid socket, buffer of the option's size.
        unsafe { libc::getsockopt(s.as_raw_fd(), level, name, &mut v as *mut _ as *mut libc::c_void, &mut len) };
        v
    };
    (get(libc::SOL_SOCKET, libc::SO_KEEPALIVE), get(libc::IPPROTO_TCP, libc::TCP_KEEPIDLE), get(libc::IPPROTO_TCP, libc::TCP_KEEPINTVL))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_timeouts_move_only_when_off_by_more_than_the_slack() {
        let calls = std::cell::Cell::new(0);
        let mut current = None;
        let mut set = |w: Option<Duration>| {
            update(&mut current, w, |_| {
                calls.set(calls.get() + 1);
                Ok(())
            })
            .unwrap()
        };
        set(Some(Duration::from_secs(600)));
        set(Some(Duration::from_millis(599_500))); // 0.5 s less: within 1 s
        assert_eq!(calls.get(), 1);
        set(Some(Duration::from_secs(598))); // 2 s less: moved
        set(Some(Duration::from_secs(600))); // a new call's full time: moved
        assert_eq!(calls.get(), 3);
        set(Some(Duration::from_millis(1000)));
        set(Some(Duration::from_millis(995))); // within 10 ms of a 1 s timeout
        set(Some(Duration::from_millis(985))); // 15 ms off: moved
        set(None);
        assert_eq!(calls.get(), 6);
    }

    #[test]
    fn keepalive_options_reach_the_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let s = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        Keepalive { idle: 120, interval: 60 }.apply(&s).unwrap();
        assert_eq!(read_back(&s), (1, 120, 60));
        Keepalive { idle: 0, interval: u32::MAX }.apply(&s).unwrap();
        assert_eq!(read_back(&s), (1, 1, 32767));
    }
}
