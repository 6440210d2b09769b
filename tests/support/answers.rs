//! Reading documented and generated answers through the C calls: the
//! comparison (`covers`), the program that calls each operation, and a
//! generator of answers valid under a document's schemas.
#![allow(dead_code)]

use super::spec::resolve;
use super::Run;
use openai_api::wire::answer::{parse_text, BytesError};
use openai_api::wire::model::{free_def, parse_def, ModelDef};
use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};
use serde_json::{json, Map, Value};

/// Every non-null value of `expected` is in `ours` at the same place;
/// a null is absent or null in `ours`; what `ours` has beyond `expected`
/// is only 0 or false (a member the document does not send reads as 0),
/// and an optional 0 or false may be left out of `ours` (a C `int` cannot
/// tell 0 from absent).
pub fn covers(expected: &Value, ours: &Value, at: &str) -> Result<(), String> {
    match (expected, ours) {
        (Value::Null, Value::Null) => Ok(()),
        (e, Value::Null) if e.as_f64() == Some(0.0) || e == &json!(false) => Ok(()),
        (Value::Object(e), Value::Object(o)) => {
            for (k, v) in e {
                covers(v, o.get(k).unwrap_or(&Value::Null), &format!("{at}.{k}"))?;
            }
            for (k, v) in o.iter().filter(|(k, _)| !e.contains_key(*k)) {
                if !(v == &json!(0) || v == &json!(false)) {
                    return Err(format!("{at}.{k}: {v} is not in the answer"));
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(o)) if e.len() == o.len() => {
            e.iter().zip(o).enumerate().try_for_each(|(i, (e, o))| covers(e, o, &format!("{at}[{i}]")))
        }
        (Value::Number(e), Value::Number(o)) if e.as_f64() == o.as_f64() => Ok(()),
        // A 2.3.0 `float` member (a transcription segment's `start`): the
        // value as a float holds it.
        (Value::Number(e), Value::Number(o)) if e.as_f64().map(|x| x as f32) == o.as_f64().map(|x| x as f32) => Ok(()),
        (e, o) if e == o => Ok(()),
        (e, o) => Err(format!("{at}: expected {e}, read {o}")),
    }
}

/// Serves `answers` (operationId, body) in order to `c-tests/<area>/<program>`,
/// which calls each operation; returns its lines (operationId, JSON or error).
pub fn through_calls(program: &str, way: Run, answers: &[(&str, String)]) -> Vec<(String, String)> {
    let mock = Mock::start(Options::default()).unwrap();
    mock.inject(answers.iter().map(|(_, body)| Fault::status(200, &[], body)));
    let ops: Vec<&str> = answers.iter().map(|(op, _)| *op).collect();
    let out =
        way.program(&super::c_test(program), &ops, &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let sent = mock.requests();
    assert_eq!(
        sent.len(),
        answers.len(),
        "{way:?}: one request per operation; sent {:?}\nprinted:\n{stdout}\nstderr:\n{}",
        sent.iter().map(|r| format!("{} {}", r.method, r.target)).collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<(String, String)> = stdout
        .lines()
        .map(|l| {
            let (op, rest) = l.split_once('\t').expect("operation<TAB>result");
            (op.to_string(), rest.to_string())
        })
        .collect();
    assert_eq!(lines.len(), answers.len());
    lines
}

/// Each answer read through its call gives back everything it held.
pub fn check_read_whole(program: &str, way: Run, answers: &[(&str, String)]) {
    for ((op, sent), (printed_op, read)) in answers.iter().zip(through_calls(program, way, answers)) {
        assert_eq!(*op, printed_op);
        let ours: Value = serde_json::from_str(&read).unwrap_or_else(|_| panic!("{way:?} {op}: {read}\n(sent {sent})"));
        let sent: Value = serde_json::from_str(sent).unwrap();
        if let Err(e) = covers(&sent, &ours, op) {
            panic!("{way:?} {op}: {e}\nsent {sent}\nread {ours}");
        }
    }
}

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    pub fn string(&mut self) -> String {
        let pieces = ["a", "Z", "0", "_", "-", " ", "é", "日本", "\"", "\\", "/", "\u{1F600}", "\n", ".", "owner", "member"];
        (0..self.next() % 8).map(|_| *self.pick(&pieces)).collect()
    }
}

/// A value valid under `schema`: optional members present or not, nullable
/// ones sometimes null, enums any listed value (now and then a value the
/// document may add later), free-form strings anything, and unknown keys.
pub fn generate(doc: &Value, schema: &Value, rng: &mut Rng, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if let Some(options) = schema["anyOf"].as_array().or_else(|| schema["oneOf"].as_array()).filter(|o| !o.is_empty()) {
        return generate(doc, rng.pick(options), rng, depth);
    }
    if let Some(parts) = schema["allOf"].as_array() {
        // Each part's members together (a part that is no object adds none).
        let mut obj = Map::new();
        for part in parts {
            if let Value::Object(m) = generate(doc, part, rng, depth) {
                obj.extend(m);
            }
        }
        return Value::Object(obj);
    }
    if let Some(values) = schema["enum"].as_array() {
        // A value the document may add later: of the enum's own type.
        return match values.first() {
            _ if rng.chance(85) => rng.pick(values).clone(),
            Some(Value::Number(_)) => json!(rng.next() % 100_000),
            _ => json!(rng.string()),
        };
    }
    match schema["type"].as_str() {
        Some("null") => Value::Null,
        Some("string") => json!(rng.string()),
        Some("boolean") => json!(rng.chance(50)),
        Some("number") => json!(*rng.pick(&[0.0, -0.0023064255, 1.5, 1e300, -7.0])),
        Some("integer") => match rng.next() % 4 {
            0 => json!(0),
            1 => json!((rng.next() % 2_000_000_000) as i64),
            2 => json!(-((rng.next() % 1_000_000) as i64)),
            _ => json!((rng.next() >> 12) as i64),
        },
        Some("array") => {
            Value::Array((0..rng.next() % if depth > 2 { 2 } else { 5 }).map(|_| generate(doc, &schema["items"], rng, depth + 1)).collect())
        }
        Some("object") | None => {
            let required: Vec<&str> = schema["required"].as_array().map_or(vec![], |r| r.iter().filter_map(Value::as_str).collect());
            let mut obj = Map::new();
            for (k, v) in schema["properties"].as_object().into_iter().flatten() {
                if required.contains(&k.as_str()) || rng.chance(60) {
                    obj.insert(k.clone(), generate(doc, v, rng, depth + 1));
                }
            }
            match &schema["additionalProperties"] {
                // A map: any keys, each value of its schema.
                extra @ Value::Object(_) if schema["properties"].is_null() => {
                    for _ in 0..rng.next() % 4 {
                        obj.insert(rng.string(), generate(doc, extra, rng, depth + 1));
                    }
                }
                Value::Bool(false) => {}
                _ if rng.chance(20) => {
                    obj.insert(format!("added_later_{}", rng.next() % 100), json!({"nested": [1, "two", null]}));
                }
                _ => {}
            }
            Value::Object(obj)
        }
        Some(other) => panic!("schema type {other}"),
    }
}

/// `body` becomes a `def` on the fast path and on the cJSON path
/// (`X_parseFromJSON`) alike; panics naming `op` and why otherwise.
pub fn parses_both_ways(def: &'static ModelDef, body: &str, op: &str) {
    // SAFETY: `def` describes the model; every result is freed once.
    unsafe {
        let m = parse_text(def, body.as_bytes()).unwrap_or_else(|e| {
            let why = match e {
                BytesError::Shape(m) => m,
                BytesError::Json(at) => format!("not JSON at {at}"),
                BytesError::TooLarge(n) => format!("more than {n} bytes as C structs"),
                BytesError::Utf8(at) => format!("not UTF-8 at {at}"),
            };
            panic!("{op}: {why}\n{body}")
        });
        assert!(!m.is_null());
        free_def(def, m);
        let text = std::ffi::CString::new(body).unwrap();
        let tree = openai_api::support::cjson::cJSON_Parse(text.as_ptr());
        assert!(!tree.is_null(), "{body}");
        let m = parse_def(def, tree).unwrap_or_else(|e| panic!("{op}: {}\n{body}", e.message(def.short_name())));
        free_def(def, m);
        openai_api::support::cjson::cJSON_Delete(tree);
    }
}
