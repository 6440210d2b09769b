//! Audio and images (`/v1/audio/…`, `/v1/images/…`): speech is a real WAV
//! file whose samples derive from the text (and that carries the text, so
//! transcribing it gives the text back); a transcription of other bytes
//! describes them; images are real PNG files derived from the prompt, sent
//! as `b64_json` or as a URL the mock serves (`GET /__mock/images/{id}`).

use crate::error::{Answer, ApiError};
use crate::files::{file_of, raw};
use crate::hash::fnv1a;
use crate::state::State;
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// Where the mock keeps the images it made.
const IMAGES: &str = "images";

/// A mono 16-bit 8 kHz WAV of a tone per word of `text`, with the text in
/// an `INFO`/`ICMT` chunk.
fn wav(text: &str) -> Vec<u8> {
    let rate = 8000u32;
    let mut samples: Vec<u8> = Vec::new();
    for (i, w) in text.split_whitespace().enumerate() {
        let pitch = 200.0 + (fnv1a(w.as_bytes()) % 400) as f64;
        for n in 0..rate / 10 {
            let t = n as f64 / rate as f64;
            let v = ((t * pitch * std::f64::consts::TAU).sin() * 8000.0 * if i % 2 == 0 { 1.0 } else { 0.8 }) as i16;
            samples.extend_from_slice(&v.to_le_bytes());
        }
    }
    let mut comment = text.as_bytes().to_vec();
    comment.push(0);
    if comment.len() % 2 == 1 {
        comment.push(0);
    }
    let mut info = b"INFOICMT".to_vec();
    info.extend_from_slice(&(comment.len() as u32).to_le_bytes());
    info.extend_from_slice(&comment);
    let mut out = b"RIFF".to_vec();
    let size = 4 + (8 + 16) + (8 + info.len()) + (8 + samples.len());
    out.extend_from_slice(&(size as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"LIST");
    out.extend_from_slice(&(info.len() as u32).to_le_bytes());
    out.extend_from_slice(&info);
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(samples.len() as u32).to_le_bytes());
    out.extend_from_slice(&samples);
    out
}

/// The text a WAV the mock made carries, if these bytes are one.
fn text_in(bytes: &[u8]) -> Option<String> {
    let at = bytes.windows(8).position(|w| w == b"INFOICMT")? + 8;
    let len = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
    let text = bytes.get(at + 4..at + 4 + len)?;
    Some(String::from_utf8_lossy(text).trim_end_matches('\0').to_string())
}

pub fn speech(b: &Map<String, Value>) -> Answer {
    let model = b.get("model").and_then(Value::as_str).unwrap_or_default();
    if !["tts-1", "tts-1-hd", "gpt-4o-mini-tts"].contains(&model) {
        return Err(ApiError::no_model(model, Some("model")));
    }
    let input = b.get("input").and_then(Value::as_str).unwrap_or_default();
    if input.is_empty() {
        return Err(ApiError::invalid(Some("input"), "'input' must be a non-empty string."));
    }
    Ok(raw(&wav(input), "audio/wav"))
}

/// What a transcription hears in `bytes`: the text of a WAV the mock made,
/// else a description of the bytes.
fn heard(bytes: &[u8]) -> String {
    text_in(bytes).unwrap_or_else(|| format!("Audio of {} bytes, fingerprint {:016x}.", bytes.len(), fnv1a(bytes)))
}

/// A transcription (or, `translate`, a translation into English).
pub fn transcribe(b: &Map<String, Value>, translate: bool) -> Answer {
    let (bytes, filename, _) = file_of(b, "file")?;
    let model = b.get("model").and_then(Value::as_str).unwrap_or_default();
    if !["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"].contains(&model) {
        return Err(ApiError::no_model(model, Some("model")));
    }
    if filename.is_empty() {
        return Err(ApiError::invalid(Some("file"), "The file has no filename."));
    }
    let text = heard(&bytes);
    let duration = (bytes.len() as f64 / 16_000.0).max(0.1);
    match b.get("response_format").and_then(Value::as_str).unwrap_or("json") {
        "json" => Ok(json!({"text": text, "usage": {"type": "duration", "seconds": duration.ceil() as u64}})),
        "text" => Ok(raw(format!("{text}\n").as_bytes(), "text/plain; charset=utf-8")),
        "srt" => Ok(raw(
            format!("1\n00:00:00,000 --> 00:00:{:02},000\n{text}\n\n", duration.ceil() as u64).as_bytes(),
            "text/plain; charset=utf-8",
        )),
        "vtt" => Ok(raw(
            format!("WEBVTT\n\n00:00:00.000 --> 00:00:{:02}.000\n{text}\n\n", duration.ceil() as u64).as_bytes(),
            "text/plain; charset=utf-8",
        )),
        "verbose_json" => {
            let words: Vec<Value> = text
                .split_whitespace()
                .enumerate()
                .map(|(i, w)| json!({"word": w, "start": i as f64 * 0.1, "end": (i + 1) as f64 * 0.1}))
                .collect();
            let segment = json!({
                "id": 0, "seek": 0, "start": 0.0, "end": duration, "text": text, "tokens": [50364, 50365],
                "temperature": 0.0, "avg_logprob": -0.25, "compression_ratio": 1.2, "no_speech_prob": 0.01,
            });
            let mut v = json!({"task": if translate { "translate" } else { "transcribe" }, "language": "english", "duration": duration, "text": text, "segments": [segment]});
            if !translate {
                v["words"] = Value::Array(words);
            }
            Ok(v)
        }
        other => Err(ApiError::invalid(Some("response_format"), format!("Invalid value for 'response_format': '{other}'."))),
    }
}

/// A CRC-32 (as PNG's chunks carry).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A real 16×16 RGB PNG whose colours derive from `seed` (zlib stored
/// blocks: no compression library needed to read it back).
fn png(seed: &[u8]) -> Vec<u8> {
    let (w, h) = (16u32, 16u32);
    let mut state = fnv1a(seed);
    let mut pixels = Vec::new();
    for _ in 0..h {
        // Each row: its filter byte (none), then its pixels.
        let mut row = vec![0u8];
        for _ in 0..w {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            row.extend_from_slice(&state.to_be_bytes()[..3]);
        }
        pixels.extend(row);
    }
    let mut z = vec![0x78, 0x01, 0x01];
    z.extend_from_slice(&(pixels.len() as u16).to_le_bytes());
    z.extend_from_slice(&(!(pixels.len() as u16)).to_le_bytes());
    z.extend_from_slice(&pixels);
    let (mut a, mut b) = (1u32, 0u32);
    for &p in &pixels {
        a = (a + p as u32) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &z);
    chunk(b"IEND", &[]);
    out
}

/// The answer of an image call: `n` images derived from `seed`.
fn images(st: &mut State, base: &str, b: &Map<String, Value>, seed: &[u8], prompt: Option<&str>) -> Answer {
    // A form sends numbers as text.
    let n = match b.get("n") {
        Some(Value::String(t)) => t.parse().unwrap_or(0),
        Some(v) => v.as_u64().unwrap_or(0),
        None => 1,
    };
    if !(1..=10).contains(&n) {
        return Err(ApiError::invalid(Some("n"), format!("Invalid 'n': {n}. Expected an integer between 1 and 10.")));
    }
    let as_url = match b.get("response_format").and_then(Value::as_str) {
        None | Some("url") => true,
        Some("b64_json") => false,
        Some(other) => return Err(ApiError::invalid(Some("response_format"), format!("Invalid value for 'response_format': '{other}'."))),
    };
    let now = st.tick();
    let mut data = Vec::new();
    for i in 0..n {
        let mut s = seed.to_vec();
        s.extend_from_slice(&i.to_le_bytes());
        let bytes = png(&s);
        let mut item = if as_url {
            let id = st.next_id("img-");
            st.push(IMAGES, &[], json!({"id": id, "_png": base64::engine::general_purpose::STANDARD.encode(&bytes)}));
            json!({"url": format!("{base}/__mock/images/{id}")})
        } else {
            json!({"b64_json": base64::engine::general_purpose::STANDARD.encode(&bytes)})
        };
        if let Some(p) = prompt {
            item["revised_prompt"] = json!(p);
        }
        data.push(item);
    }
    Ok(json!({"created": now, "data": data}))
}

pub fn generate(st: &mut State, base: &str, b: &Map<String, Value>) -> Answer {
    let prompt = b.get("prompt").and_then(Value::as_str).unwrap_or_default();
    if prompt.is_empty() {
        return Err(ApiError::invalid(Some("prompt"), "'prompt' must be a non-empty string."));
    }
    images(st, base, b, prompt.as_bytes(), Some(prompt))
}

/// An edit (`prompt` given) or a variation of an uploaded image, which must
/// be a PNG.
pub fn edit(st: &mut State, base: &str, b: &Map<String, Value>, variation: bool) -> Answer {
    let (bytes, _, _) = file_of(b, "image")?;
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(ApiError::invalid(Some("image"), "Invalid input image - format must be in ['png'], got unknown."));
    }
    let prompt = b.get("prompt").and_then(Value::as_str);
    if !variation && prompt.is_none_or(str::is_empty) {
        return Err(ApiError::invalid(Some("prompt"), "'prompt' must be a non-empty string."));
    }
    let mut seed = bytes.clone();
    seed.extend_from_slice(prompt.unwrap_or_default().as_bytes());
    images(st, base, b, &seed, None)
}

/// A PNG the mock made, for `GET /__mock/images/{id}`.
pub fn image(st: &State, id: &str) -> Option<Vec<u8>> {
    let v = st.find(IMAGES, &[], id)?;
    base64::engine::general_purpose::STANDARD.decode(v["_png"].as_str()?).ok()
}
