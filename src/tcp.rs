//! TCP keepalive (`curlConfig->keepalive`, `keepidle`, `keepintvl`). ureq
//! has no keepalive setting, so when it is on, this connector opens the TCP
//! connection itself, sets SO_KEEPALIVE, TCP_KEEPIDLE and TCP_KEEPINTVL, and
//! hands the socket to ureq as a transport; TLS and proxies still come from
//! ureq's own connectors around it. With keepalive off (the default) the
//! client uses ureq's TCP connector unchanged.

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

/// Opens TCP connections with keepalive on; passes through a connection a
/// connector before it already made (a proxy tunnel).
#[derive(Debug)]
pub struct KeepaliveConnector(pub Keepalive);

impl<In: Transport> Connector<In> for KeepaliveConnector {
    type Out = Either<In, KeepaliveTcp>;

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
                    self.0.apply(&stream)?;
                    let buffers = LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
                    return Ok(Some(Either::B(KeepaliveTcp { stream, buffers, read_timeout: None, write_timeout: None })));
                }
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(Error::Timeout(details.timeout.reason)),
                Err(e) => last = Some(e),
            }
        }
        Err(last.map(Error::Io).unwrap_or(Error::ConnectionFailed))
    }
}

/// A TCP connection with keepalive, as a ureq transport.
#[derive(Debug)]
pub struct KeepaliveTcp {
    stream: TcpStream,
    buffers: LazyBuffers,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

/// Sets a socket timeout only when it differs from the last one set.
fn update(current: &mut Option<Duration>, wanted: Option<Duration>, set: impl FnOnce(Option<Duration>) -> io::Result<()>) -> io::Result<()> {
    if *current != wanted {
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

impl Transport for KeepaliveTcp {
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
    /// closed by the server.
    fn is_open(&mut self) -> bool {
        if self.stream.set_nonblocking(true).is_err() {
            return false;
        }
        let mut probe = [0u8; 1];
        let open = matches!((&self.stream).read(&mut probe), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
        open && self.stream.set_nonblocking(false).is_ok()
    }
}

impl Drop for KeepaliveTcp {
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
    fn keepalive_options_reach_the_socket() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let s = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        Keepalive { idle: 120, interval: 60 }.apply(&s).unwrap();
        assert_eq!(read_back(&s), (1, 120, 60));
        Keepalive { idle: 0, interval: u32::MAX }.apply(&s).unwrap();
        assert_eq!(read_back(&s), (1, 1, 32767));
    }
}
