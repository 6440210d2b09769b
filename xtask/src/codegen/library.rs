//! The generated client's APIs beyond the administration ones (ABI.md
//! section 10): their calls and models, named and laid out by the whole
//! 2.3.0 document as OpenAPI Generator read it (`tests/data/openai-2.3.0.yaml`),
//! with the live API's members from OpenAI's current document
//! (`tests/data/openai-current.yaml`) after `_library_owned`. The APIs come
//! in one at a time: `LIBRARY_APIS` lists those the library has.

use super::model::*;
use super::naming::*;
use super::openapi::*;
use super::ops::*;
use std::collections::{BTreeMap, BTreeSet};
use yaml_rust2::Yaml;

/// The tags of the 2.3.0 document whose APIs the library has (of the 14
/// beyond the administration: Assistants, Audio, Batch, Chat, Completions,
/// Embeddings, Files, Fine-tuning, Images, Models, Moderations, Realtime,
/// Uploads, Vector stores).
pub const LIBRARY_APIS: [&str; 14] = [
    "Assistants",
    "Audio",
    "Batch",
    "Chat",
    "Completions",
    "Embeddings",
    "Files",
    "Fine-tuning",
    "Images",
    "Models",
    "Moderations",
    "Realtime",
    "Uploads",
    "Vector stores",
];

/// How a stream-capable operation streams (ABI.md section 10): chunks of
/// one model, or named events (runs). The documents do not say it for
/// every operation (2.3.0 never does, and the current one not for
/// completions and runs), so it is written here.
#[derive(Clone, Copy)]
pub enum Streamed {
    Chunks(&'static str),
    Events,
}

/// The operations that stream when their request says `stream`, each with
/// its `…Stream` function's way.
pub const STREAMS: [(&str, Streamed); 5] = [
    ("createChatCompletion", Streamed::Chunks("create_chat_completion_stream_response")),
    ("createCompletion", Streamed::Chunks("create_completion_response")),
    ("createRun", Streamed::Events),
    ("createThreadAndRun", Streamed::Events),
    ("submitToolOuputsToRun", Streamed::Events),
];

/// The model of a run stream's event data, by event name (a name ending in
/// `.` is a prefix; the first that fits wins); an event none fits is
/// handed on as its `cJSON *`.
pub const RUN_EVENTS: [(&str, &str); 7] = [
    ("thread.run.step.delta", "run_step_delta_object"),
    ("thread.message.delta", "message_delta_object"),
    ("thread.run.step.", "run_step_object"),
    ("thread.run.", "run_object"),
    ("thread.message.", "message_object"),
    ("thread.created", "thread_object"),
    ("error", "openai_api_error"),
];

/// Whether an operation belongs to one of `LIBRARY_APIS`.
pub(crate) fn in_library(op: &Yaml) -> bool {
    op["tags"].as_vec().and_then(|t| t.first()).and_then(Yaml::as_str).is_some_and(|t| LIBRARY_APIS.contains(&t))
}

/// The library's operations of `LIBRARY_APIS` and every model they use.
/// `known`: schemas whose model the administration part already has;
/// `known_enums`: the C types of the enums it has.
pub fn build_library<'a>(
    old: &'a Yaml,
    cur: &'a Yaml,
    known: BTreeMap<String, String>,
    known_enums: &BTreeSet<String>,
) -> (Org<'a>, Vec<Op>) {
    let mut org = Org { old, cur, seed: false, known, rest: true, models: BTreeMap::new(), enums: Vec::new() };
    let old_ops: Vec<(String, String, &Yaml)> = all_ops(old).into_iter().filter(|(_, _, op)| in_library(op)).collect();
    // The current document's operation of each, found once.
    let ids: Vec<&str> = old_ops.iter().map(|(_, _, op)| op["operationId"].as_str().unwrap()).collect();
    let cur_ops: BTreeMap<&str, &Yaml> = all_ops(cur)
        .into_iter()
        .filter_map(|(_, _, op)| op["operationId"].as_str().filter(|id| ids.contains(id)).map(|id| (id, op)))
        .collect();
    let cur_op = |id: &str| *cur_ops.get(id).unwrap_or_else(|| panic!("{id} is not in the current document"));
    // The released models first: their names and layouts are the generated client's.
    for (_, _, op) in &old_ops {
        let id = op["operationId"].as_str().unwrap();
        released_models(&mut org, id, op, cur_op(id));
    }
    every_other_model(&mut org, known_enums);
    let mut ops = Vec::new();
    for (path, method, old_op) in &old_ops {
        let id = old_op["operationId"].as_str().unwrap().to_string();
        let op = cur_op(&id);
        let name = call_name(&id);
        let (mut path_params, query) = org.params(old_op, &name, true);
        let (_, cq) = org.params(op, &name, false);
        let same = query.len() == cq.len() && query.iter().zip(&cq).all(|(a, b)| a.name == b.name);
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let r = answer_schema(old_op);
        let b = request_schema(old_op);
        // A multipart request: its fields are the call's parameters.
        let form_of = |op: &'a Yaml| &op["requestBody"]["content"]["multipart/form-data"]["schema"];
        let form = (!form_of(old_op).is_badvalue()).then(|| {
            let released = org.form_fields(&name, &id, resolve(old, form_of(old_op)), true);
            let now = org.form_fields(&name, &id, resolve(cur, form_of(op)), false);
            (released, now)
        });
        // An answer that is no JSON model: the file's content, the speech.
        let raw = if r["type"].as_str() == Some("string") {
            Some(Raw::Text)
        } else if !old_op["responses"]["200"]["content"]["application/octet-stream"].is_badvalue() {
            Some(Raw::Bytes)
        } else {
            None
        };
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        ops.push(Op {
            api: api_of(old_op),
            name: name.clone(),
            method: method.to_uppercase(),
            path: path.clone(),
            summary,
            path_params,
            ex: (!same).then_some(cq),
            query,
            result: ref_name(r).map_or(format!("{}_200_response", snake(&name)), model_name),
            body: (!b.is_badvalue()).then(|| ref_name(b).map_or(format!("{}_request", snake(&name)), model_name)),
            released: true,
            list: None,
            body_json: (!b.is_badvalue()).then(|| min_json(old, b, 0)),
            resume: true,
            walk_with: Vec::new(),
            form,
            raw,
            id,
        });
    }
    (org, ops)
}

/// The filename and content type a file field is sent with when the
/// program names none and its bytes say nothing known (MIGRATING.md).
fn default_file(op: &str, field: &str) -> (String, String) {
    let (name, ty) = match (op, field) {
        ("createFile", _) => ("upload.jsonl", "application/jsonl"),
        ("createTranscription" | "createTranslation", _) => ("audio.mp3", "audio/mpeg"),
        ("createImageEdit" | "createImageVariation", _) => ("image.png", "image/png"),
        _ => ("upload.bin", "application/octet-stream"),
    };
    (name.to_string(), ty.to_string())
}

impl Org<'_> {
    /// The fields of a multipart form schema as call parameters: as the
    /// generated client takes them (`released`, from the 2.3.0 document),
    /// or as `Ex` takes the current document's.
    pub(crate) fn form_fields(&mut self, op_name: &str, op_id: &str, schema: &Yaml, released: bool) -> Vec<FormField> {
        let doc = if released { self.old } else { self.cur };
        let required = strs(&schema["required"]);
        let mut out = Vec::new();
        for (key, p) in hash(&schema["properties"]) {
            let name = c_ident(key.trim_end_matches("[]"));
            let wire = if key.ends_with("[]") || strip_null(p).0["type"].as_str() == Some("array") {
                format!("{}[]", key.trim_end_matches("[]"))
            } else {
                key.to_string()
            };
            let t = resolve(doc, strip_null(p).0);
            let binary = |t: &Yaml| t["format"].as_str() == Some("binary");
            let file = binary(t) || union_branches(t).is_some_and(|b| b.iter().any(|x| binary(resolve(doc, x))));
            let f = if file {
                let (n, ty) = default_file(op_id, key);
                F::File(n, ty)
            } else if released {
                match (ref_name(p), t["type"].as_str()) {
                    (Some(sname), _) if !t["enum"].is_badvalue() => {
                        let n = model_name(sname);
                        let i = self.add_enum(
                            upper_camel(&n),
                            format!("openai_api_{n}__e"),
                            format!("openai_api_{n}_"),
                            enum_values(t),
                            n.clone(),
                            true,
                            String::new(),
                        );
                        F::Enum(i)
                    }
                    (Some(sname), _) => F::Model(model_name(sname)),
                    (None, Some("string")) if !t["enum"].is_badvalue() => {
                        let values = enum_values(t);
                        F::Enum(self.param_enum(op_name, &name, values, format!("The values of `{name}` for `{op_name}` (0: not sent).")))
                    }
                    (None, Some("string")) => F::Str,
                    (None, Some("integer")) => F::Int,
                    (None, Some("number")) => F::Double,
                    (None, Some("array")) => F::List { ptr: key.ends_with("[]") },
                    (None, other) => panic!("{op_name}.{key}: form field of type {other:?}"),
                }
            } else {
                let strings = |t: &Yaml| t["type"].as_str() == Some("string");
                match t["type"].as_str() {
                    _ if union_branches(t).is_some_and(|b| b.iter().all(|x| strings(resolve(doc, x)))) => F::CStr,
                    Some("string") => F::CStr,
                    Some("integer") => F::IntP,
                    Some("number") => F::DoubleP,
                    Some("boolean") => F::BoolP,
                    Some("array") => F::List { ptr: false },
                    _ => F::Json,
                }
            };
            out.push(FormField { required: file && required.contains(&key), name, wire, f });
        }
        out
    }
}

/// The models of every other schema of the 2.3.0 document (stream and
/// realtime events, parts of unions kept whole, …): the generated client
/// has them, and programs parse them with their functions. Not free-form
/// objects, arrays, aliases or multipart forms, which it has no model for.
fn every_other_model(org: &mut Org, known_enums: &BTreeSet<String>) {
    let (old, cur) = (org.old, org.cur);
    let forms: Vec<&str> = all_ops(old)
        .into_iter()
        .filter_map(|(_, _, op)| ref_name(&op["requestBody"]["content"]["multipart/form-data"]["schema"]))
        .collect();
    for (sname, schema) in old["components"]["schemas"].as_hash().unwrap() {
        let sname = sname.as_str().unwrap();
        let name = model_name(sname);
        let known = org.known.contains_key(sname) || org.known.values().any(|n| *n == name);
        if known || org.models.contains_key(&name) || forms.contains(&sname) {
            continue;
        }
        if schema["type"].as_str() == Some("string") && !schema["enum"].is_badvalue() {
            if known_enums.contains(&format!("openai_api_{name}__e")) {
                continue;
            }
            let values = Org::merged_values(schema, Some(&cur["components"]["schemas"][sname]).filter(|c| !c.is_badvalue()));
            let doc = sentence(schema["description"].as_str()).unwrap_or_default();
            org.add_enum(
                upper_camel(&name),
                format!("openai_api_{name}__e"),
                format!("openai_api_{name}_"),
                values,
                name.clone(),
                true,
                doc,
            );
            continue;
        }
        if !(is_object(old, schema) || union_branches(schema).is_some()) || !schema["$ref"].is_badvalue() {
            continue;
        }
        let c = &cur["components"]["schemas"][sname];
        org.released(&name, sname, schema, (!c.is_badvalue()).then_some(c));
    }
}
