//! An answer's head and body read off arbitrary bytes (`transport::h1`):
//! - a head read from any prefix of the bytes is "not whole yet" or exactly
//!   what the whole bytes give;
//! - a body decodes the same (bytes, input used, ended, or the same error)
//!   whether the input comes at once or in pieces, into any room;
//! - the bytes, sent as chunks of sizes the input picks (with extensions
//!   and a trailer), decode back to themselves.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openai_api::transport::h1::{read_head, Bad, Decoder, Framing, Headers, Read};

/// Decodes `wire` fed `step` bytes at a time into `room` bytes at a time.
fn decode(framing: Framing, wire: &[u8], step: usize, room: usize) -> Result<(Vec<u8>, usize, bool), Bad> {
    let mut d = Decoder::new(framing);
    let (mut body, mut at, mut fed) = (Vec::new(), 0, 0);
    let mut out = vec![0; room];
    loop {
        fed = (fed + step).min(wire.len());
        let (used, n) = d.decode(&wire[at..fed], &mut out)?;
        assert!(used <= fed - at && n <= room);
        body.extend_from_slice(&out[..n]);
        at += used;
        if d.is_done() || (used == 0 && n == 0 && fed == wire.len()) {
            return Ok((body, at, d.is_done()));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [a, b, c, wire @ ..] = data else { return };
    let (step, room) = (*a as usize % 17 + 1, *b as usize % 70 + 1);
    let mut whole = Headers::default();
    let full = read_head(wire, *c & 1 == 1, &mut whole);
    for cut in 0..wire.len().min(300) {
        let mut h = Headers::default();
        let part = read_head(&wire[..cut], *c & 1 == 1, &mut h);
        if part != Ok(Read::Partial) {
            assert_eq!(part, full, "a prefix of {cut} bytes");
            assert_eq!(h.iter().collect::<Vec<_>>(), whole.iter().collect::<Vec<_>>());
        }
    }
    if let Ok(Read::Final(head, used)) = full {
        assert!(used <= wire.len());
        assert!(head.framing != Framing::Close || head.close, "a body ended by the close ends its connection");
    }
    for framing in [Framing::Chunked, Framing::Length(*c as u64 * 3), Framing::Close] {
        let at_once = decode(framing, wire, wire.len().max(1), 1 << 16);
        assert_eq!(decode(framing, wire, step, room), at_once, "{framing:?}, step {step}, room {room}");
        if let (Framing::Length(n), Ok((body, used, done))) = (framing, &at_once) {
            assert_eq!((body.len() as u64, *done), (n.min(wire.len() as u64), wire.len() as u64 >= n));
            assert_eq!(&body[..], &wire[..*used]);
        }
    }
    // The bytes as chunks of 1 to 16 bytes, sizes in either case.
    let mut chunked = Vec::new();
    let mut rest = wire;
    let mut i = 0;
    while !rest.is_empty() {
        let n = (data[i % data.len()] as usize % 16 + 1).min(rest.len());
        let size = if i % 2 == 0 { format!("{n:x}") } else { format!("{n:X};ext=\"{i}\"") };
        chunked.extend_from_slice(size.as_bytes());
        chunked.extend_from_slice(b"\r\n");
        chunked.extend_from_slice(&rest[..n]);
        chunked.extend_from_slice(b"\r\n");
        rest = &rest[n..];
        i += 1;
    }
    chunked.extend_from_slice(b"0\r\nx-trailer: t\r\n\r\n");
    let (body, used, done) = decode(Framing::Chunked, &chunked, step, room).expect("a well-formed chunked body");
    assert_eq!((&body[..], used, done), (wire, chunked.len(), true));
});
