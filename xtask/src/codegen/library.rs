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
use std::collections::BTreeMap;
use yaml_rust2::Yaml;

/// The tags of the 2.3.0 document whose APIs the library has (of the 14
/// beyond the administration: Assistants, Audio, Batch, Chat, Completions,
/// Embeddings, Files, FineTuning, Images, Models, Moderations, Realtime,
/// Uploads, VectorStores).
pub const LIBRARY_APIS: [&str; 2] = ["Embeddings", "Models"];

/// Whether an operation belongs to one of `LIBRARY_APIS`.
pub(crate) fn in_library(op: &Yaml) -> bool {
    op["tags"].as_vec().and_then(|t| t.first()).and_then(Yaml::as_str).is_some_and(|t| LIBRARY_APIS.contains(&t))
}

/// The library's operations of `LIBRARY_APIS` and every model they use.
/// `known`: schemas whose model the administration part already has.
pub fn build_library<'a>(old: &'a Yaml, cur: &'a Yaml, known: BTreeMap<String, String>) -> (Org<'a>, Vec<Op>) {
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
            id,
        });
    }
    (org, ops)
}
