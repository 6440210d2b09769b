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
//! - happy eyeballs: every resolved address gets a chance within the
//!   connect limit (families interleaved, the next attempt 200 ms after the
//!   last, as libcurl), which counts from the start of name resolution.
//!
//! TLS and proxies still come from ureq's connectors around it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};
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
        // The connect limit counts from the start of name resolution.
        let started = crate::transport::dns::take_resolve_start().unwrap_or_else(Instant::now);
        let deadline = details.timeout.not_zero().map(|t| started + *t);
        let addrs = interleave(&details.addrs);
        let stream = match happy_eyeballs(&addrs, deadline, NEXT_ATTEMPT) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(Error::Timeout(details.timeout.reason)),
            Err(e) => return Err(Error::Io(e)),
        };
        stream.set_nodelay(details.config.no_delay())?;
        if let Some(k) = &self.0 {
            k.apply(&stream)?;
        }
        let buffers = LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
        Ok(Some(Either::B(Tcp {
            stream,
            buffers,
            read_timeout: None,
            write_timeout: None,
            last_read: None,
            generation: crate::boundary::process::generation(),
        })))
    }
}

/// How long an attempt runs alone before the next address is tried beside
/// it (libcurl's happy eyeballs delay).
const NEXT_ATTEMPT: Duration = Duration::from_millis(200);

/// The addresses in the order they are tried: the families alternate,
/// starting with the first address's (RFC 8305).
fn interleave(addrs: &[SocketAddr]) -> Vec<SocketAddr> {
    let first_v6 = addrs.first().is_some_and(SocketAddr::is_ipv6);
    let (mut a, mut b): (Vec<SocketAddr>, Vec<SocketAddr>) = addrs.iter().partition(|x| x.is_ipv6() == first_v6);
    a.reverse();
    b.reverse();
    let mut out = Vec::with_capacity(addrs.len());
    while !a.is_empty() || !b.is_empty() {
        out.extend(a.pop());
        out.extend(b.pop());
    }
    out
}

/// A non-blocking socket connecting to `addr`: Ok(fd) once the connect is
/// under way (or done).
fn start_connect(addr: &SocketAddr) -> io::Result<OwnedFd> {
    let (domain, storage, len) = sockaddr(addr);
    // SAFETY: plain socket calls on a new descriptor, owned at once; the
    // address is a valid sockaddr of `len` bytes.
    unsafe {
        let fd = libc::socket(domain, libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let fd = OwnedFd::from_raw_fd(fd);
        let rc = libc::connect(fd.as_raw_fd(), &storage as *const _ as *const libc::sockaddr, len);
        if rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EINPROGRESS) {
            Ok(fd)
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

fn sockaddr(addr: &SocketAddr) -> (libc::c_int, libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: all-zero bytes are a valid sockaddr_storage.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    match addr {
        SocketAddr::V4(a) => {
            // SAFETY: sockaddr_storage is large and aligned enough for sockaddr_in.
            let sin = unsafe { &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as _;
            sin.sin_port = a.port().to_be();
            sin.sin_addr.s_addr = u32::from(*a.ip()).to_be();
            (libc::AF_INET, storage, std::mem::size_of::<libc::sockaddr_in>() as _)
        }
        SocketAddr::V6(a) => {
            // SAFETY: as above, for sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as _;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_addr.s6_addr = a.ip().octets();
            sin6.sin6_flowinfo = a.flowinfo();
            sin6.sin6_scope_id = a.scope_id();
            (libc::AF_INET6, storage, std::mem::size_of::<libc::sockaddr_in6>() as _)
        }
    }
}

/// Connects to the first of `addrs` that answers: an attempt starts, the
/// next one `delay` later (or as soon as one fails) while the earlier ones
/// go on, until one connects or `deadline` passes (TimedOut). With every
/// address failed, the last error.
fn happy_eyeballs(addrs: &[SocketAddr], deadline: Option<Instant>, delay: Duration) -> io::Result<TcpStream> {
    let mut pending: Vec<OwnedFd> = Vec::new();
    let mut next = 0;
    let mut next_start = Instant::now();
    let mut last: Option<io::Error> = None;
    loop {
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "connect timed out"));
        }
        if next < addrs.len() && (now >= next_start || pending.is_empty()) {
            match start_connect(&addrs[next]) {
                Ok(fd) => pending.push(fd),
                Err(e) => last = Some(e),
            }
            next += 1;
            next_start = now + delay;
            continue;
        }
        if pending.is_empty() {
            return Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address to connect to")));
        }
        let until = match (next < addrs.len(), deadline) {
            (true, Some(d)) => Some(next_start.min(d)),
            (true, None) => Some(next_start),
            (false, d) => d,
        };
        let wait_ms = until.map_or(-1, |u| u.saturating_duration_since(now).as_millis().clamp(1, i32::MAX as u128) as libc::c_int);
        let mut fds: Vec<libc::pollfd> =
            pending.iter().map(|f| libc::pollfd { fd: f.as_raw_fd(), events: libc::POLLOUT, revents: 0 }).collect();
        // SAFETY: `fds` holds `fds.len()` valid pollfd entries.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        let mut i = 0;
        let mut failed = false;
        while i < pending.len() {
            if fds[i].revents == 0 {
                i += 1;
                continue;
            }
            let fd = pending.remove(i);
            fds.remove(i);
            let mut err: libc::c_int = 0;
            let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
            // SAFETY: a valid socket and an int-sized option buffer.
            let rc = unsafe {
                libc::getsockopt(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_ERROR, &mut err as *mut _ as *mut libc::c_void, &mut len)
            };
            if rc == 0 && err == 0 {
                let stream = TcpStream::from(fd);
                stream.set_nonblocking(false)?;
                return Ok(stream);
            }
            last = Some(if rc == 0 { io::Error::from_raw_os_error(err) } else { io::Error::last_os_error() });
            failed = true;
        }
        // A failed attempt lets the next address start at once.
        if failed {
            next_start = Instant::now();
        }
    }
}

/// A TCP connection as a ureq transport.
#[derive(Debug)]
pub struct Tcp {
    stream: TcpStream,
    buffers: LazyBuffers,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
    /// When a read last brought bytes.
    last_read: Option<Instant>,
    /// The process generation the socket was made in (crate::boundary::process).
    generation: u64,
}

/// How long after a read a pooled connection is reused without a probe.
/// A server that closes it meanwhile is found out by the request that
/// follows (see [`reused_unprobed`]); servers keep idle connections for
/// seconds at least.
pub const FRESH: Duration = Duration::from_secs(1);

thread_local! {
    /// Set when a pooled connection is trusted without a probe on this
    /// thread (a request runs on its caller's thread, start to answer).
    static REUSED_UNPROBED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts watching this thread's next request: whether it goes out on a
/// pooled connection reused without a probe.
pub fn watch_reuse() {
    REUSED_UNPROBED.with(|r| r.set(false));
}

/// Whether, since [`watch_reuse`], a pooled connection was reused without
/// a probe on this thread: a request that then fails with the connection
/// closed before its answer's head (EOF, reset; under TLS after the
/// server's close_notify, which arrives as bytes) was sent on a connection
/// the server had closed, and goes again on a new one.
pub fn reused_unprobed() -> bool {
    REUSED_UNPROBED.with(|r| r.get())
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

/// What is left until `deadline` (None: no limit); the step's timeout
/// error when nothing is.
fn left_until(deadline: Option<Instant>, t: &NextTimeout) -> Result<Option<Duration>, Error> {
    match deadline {
        None => Ok(None),
        Some(d) => match d.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => Ok(Some(left)),
            _ => Err(Error::Timeout(t.reason)),
        },
    }
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
        let deadline = wanted.map(|w| Instant::now() + w);
        let stream = &self.stream;
        update(&mut self.write_timeout, wanted, |d| stream.set_write_timeout(d))?;
        let mut output = &self.buffers.output()[..amount];
        while !output.is_empty() {
            match (&self.stream).write(output) {
                Ok(0) => return Err(Error::Io(io::ErrorKind::WriteZero.into())),
                Ok(n) => output = &output[n..],
                // A signal: the write goes on for what is left of its limit
                // (the socket's own timeout would start over).
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    let left = left_until(deadline, &timeout)?;
                    update(&mut self.write_timeout, left, |d| stream.set_write_timeout(d))?;
                }
                Err(e) => return Err(io_error(e, &timeout)),
            }
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        let timeout = timeout.for_read();
        let wanted = timeout_of(&timeout)?;
        let deadline = wanted.map(|w| Instant::now() + w);
        let stream = &self.stream;
        update(&mut self.read_timeout, wanted, |d| stream.set_read_timeout(d))?;
        let input = self.buffers.input_append_buf();
        let n = loop {
            match (&self.stream).read(input) {
                // As for a write: only what is left of the limit.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    let left = left_until(deadline, &timeout)?;
                    update(&mut self.read_timeout, left, |d| stream.set_read_timeout(d))?;
                }
                other => break other.map_err(|e| io_error(e, &timeout))?,
            }
        };
        if n > 0 {
            self.last_read = Some(Instant::now());
        }
        self.buffers.input_appended(n);
        Ok(n > 0)
    }

    /// Whether a pooled connection can be reused: nothing unread and not
    /// closed by the server. A connection read from moments ago (within
    /// [`FRESH`]) is trusted without a system call, its check folded into
    /// the request that follows (see [`reused_unprobed`]); otherwise one
    /// non-blocking peek.
    fn is_open(&mut self) -> bool {
        if self.last_read.is_some_and(|t| t.elapsed() < FRESH) {
            REUSED_UNPROBED.with(|r| r.set(true));
            return true;
        }
        #[cfg(test)]
        PROBES.with(|p| p.set(p.get() + 1));
        let mut probe = [0u8; 1];
        // SAFETY: a valid socket and a one-byte buffer.
        let n = unsafe { libc::recv(self.stream.as_raw_fd(), probe.as_mut_ptr().cast(), 1, libc::MSG_PEEK | libc::MSG_DONTWAIT) };
        n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::WouldBlock
    }
}

impl Drop for Tcp {
    fn drop(&mut self) {
        // A socket from another process is only closed here: a shutdown
        // would end the connection for that process too.
        if self.generation == crate::boundary::process::current() {
            let _ = self.stream.shutdown(Shutdown::Both);
        }
        crate::boundary::alloc::wipe_buffers(&mut self.buffers);
    }
}

#[cfg(test)]
thread_local! {
    /// Probes made by `is_open` on this thread (for tests).
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
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
    fn families_alternate_from_the_first_address() {
        let a: Vec<SocketAddr> = ["[::1]:1", "[::2]:1", "10.0.0.1:1", "[::3]:1", "10.0.0.2:1"].iter().map(|s| s.parse().unwrap()).collect();
        let order: Vec<String> = interleave(&a).iter().map(|x| x.to_string()).collect();
        assert_eq!(order, ["[::1]:1", "10.0.0.1:1", "[::2]:1", "10.0.0.2:1", "[::3]:1"]);
    }

    #[test]
    fn a_refused_address_gives_way_to_the_next_at_once() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let open = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let t = Instant::now();
        let s = happy_eyeballs(&[closed, open.local_addr().unwrap()], Some(t + Duration::from_secs(5)), Duration::from_secs(3)).unwrap();
        assert_eq!(s.peer_addr().unwrap(), open.local_addr().unwrap());
        assert!(t.elapsed() < Duration::from_secs(2), "waited for the delay after a refusal");
        let e = happy_eyeballs(&[closed], None, NEXT_ATTEMPT).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::ConnectionRefused);
    }

    /// A client transport on a new loopback connection, and the server's end.
    fn pair() -> (Tcp, TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let stream = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let server = listener.accept().unwrap().0;
        let buffers = LazyBuffers::new(4096, 4096);
        (
            Tcp {
                stream,
                buffers,
                read_timeout: None,
                write_timeout: None,
                last_read: None,
                generation: crate::boundary::process::generation(),
            },
            server,
        )
    }

    fn probes() -> usize {
        PROBES.with(|p| p.get())
    }

    /// Sends `request`, reads the server's `answer` whole.
    fn exchange(t: &mut Tcp, server: &mut TcpStream, answer: &[u8]) -> Result<(), Error> {
        t.buffers().output()[..3].copy_from_slice(b"GET");
        t.transmit_output(3, NextTimeout::default())?;
        let mut got = [0u8; 3];
        server.read_exact(&mut got).unwrap();
        server.write_all(answer).unwrap();
        while t.buffers().input().len() < answer.len() {
            t.await_input(NextTimeout::default())?;
        }
        let n = t.buffers().input().len();
        t.buffers().input_consume(n);
        Ok(())
    }

    #[test]
    fn a_connection_read_from_moments_ago_is_reused_without_a_probe() {
        let (mut t, mut server) = pair();
        exchange(&mut t, &mut server, b"answer").unwrap();
        let before = probes();
        // Returned to the pool and taken again at once: no system call.
        assert!(t.is_open() && t.is_open());
        assert_eq!(probes(), before);
        exchange(&mut t, &mut server, b"again").unwrap();
        // Idle for longer than FRESH: probed, and a closed one is refused.
        t.last_read = Some(Instant::now() - FRESH);
        assert!(t.is_open());
        assert_eq!(probes(), before + 1);
        drop(server);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!t.is_open());
        assert_eq!(probes(), before + 2);
    }

    #[test]
    fn a_connection_trusted_without_a_probe_is_marked_for_the_thread() {
        let (mut t, mut server) = pair();
        exchange(&mut t, &mut server, b"answer").unwrap();
        watch_reuse();
        assert!(!reused_unprobed());
        assert!(t.is_open());
        assert!(reused_unprobed());
        // Probed: not marked.
        t.last_read = Some(Instant::now() - FRESH);
        watch_reuse();
        assert!(t.is_open());
        assert!(!reused_unprobed());
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
