//! The operations: their calls' names, parameters, bodies, answers and
//! lists.

use super::model::*;
use super::naming::*;
use super::openapi::*;
use std::collections::BTreeMap;
use yaml_rust2::Yaml;

/// A project operation beyond the seed's, read from the project part.
pub(crate) struct ProjectOp {
    pub(crate) id: String,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) summary: String,
    pub(crate) path_params: Vec<String>,
    pub(crate) query: Vec<(String, &'static str)>,
    pub(crate) body: Option<String>,
    pub(crate) result: String,
    /// For a list: (item model, cursor member, cursor parameter).
    pub(crate) list: Option<(String, String, String)>,
    /// The smallest JSON its request body accepts.
    pub(crate) body_json: Option<String>,
}

/// The project operations beyond the seed's 19, with their models made in `o`.
pub(crate) fn project_ops(o: &mut Org) -> Vec<ProjectOp> {
    let doc = o.cur;
    let mut out = Vec::new();
    let all: Vec<(&str, &str, &Yaml)> =
        hash(&doc["paths"]).into_iter().flat_map(|(path, item)| hash(item).into_iter().map(move |(m, op)| (path, m, op))).collect();
    for (path, method, op) in all {
        let path = path.to_string();
        let id = op["operationId"].as_str().unwrap().to_string();
        if SEED_OPERATION_IDS.contains(&id.as_str()) {
            continue;
        }
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        for p in op["parameters"].as_vec().into_iter().flatten() {
            let name = p["name"].as_str().unwrap().to_string();
            match p["in"].as_str() {
                Some("path") => path_params.push(name),
                Some("query") => {
                    let ty = match p["schema"]["type"].as_str() {
                        Some("integer") => "int",
                        Some("boolean") => "bool",
                        _ => "str",
                    };
                    query.push((name, ty));
                }
                other => panic!("{id}: parameter in {other:?}"),
            }
        }
        // Path ids in path order.
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let request = request_schema(op);
        let body = request["$ref"].as_str().map(|r| o.cur_named(r.rsplit('/').next().unwrap()));
        let body_json = body.as_ref().map(|_| min_json(doc, request, 0));
        let response = answer_schema(op);
        let result_schema = response["$ref"].as_str().unwrap_or_else(|| panic!("{id}: the 200 answer is not a named schema"));
        let result = o.cur_named(result_schema.rsplit('/').next().unwrap());
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        out.push(ProjectOp { id, method: method.to_uppercase(), path, summary, path_params, query, body, result, list: None, body_json });
    }
    for op in &mut out {
        // Seed models (not made here) are never lists here.
        let Some(m) = o.models.get(&op.result) else { continue };
        let data = m.members.iter().find(|f| f.key == "data");
        let cursor = ["last_id", "next"].into_iter().find(|c| m.members.iter().any(|f| f.key == *c));
        // A cursor list (`after`) or a token list (`page`, the SDK's `SyncTokenPage`).
        let param = ["after", "page"].into_iter().find(|p| op.query.iter().any(|(n, _)| n == p));
        if let (Some(Member { ty: Ty::List(item), .. }), Some(cursor), Some(param), true) =
            (data, cursor, param, m.members.iter().any(|f| f.key == "has_more"))
        {
            op.list = Some((item.clone(), cursor.to_string(), param.to_string()));
        }
    }
    out
}

/// A query parameter.
#[derive(Clone, Debug)]
pub enum Q {
    Int,
    Str,
    Bool,
    /// An array of strings (`list_t *` of `char *`); `ptr`: passed as
    /// `list_t **` (the 2.3.0 `name[]` parameters).
    List {
        ptr: bool,
    },
    /// A 2.3.0 string enum by value (index into `Org::enums`).
    Enum(usize),
    /// An object of integers (`effective_at`), its model and members.
    Object(String, Vec<String>),
    /// An object of strings under any keys (`metadata`): a `list_t *` of
    /// `keyValuePair_t *`, sent as `name[key]=value`.
    Map,
}

/// A field of a multipart form: a parameter of its call.
#[derive(Clone)]
pub struct FormField {
    /// The C name.
    pub name: String,
    /// The field's name in the form (`timestamp_granularities[]`).
    pub wire: String,
    pub f: F,
    /// A file the call cannot go without (refused before sending).
    pub required: bool,
}

/// How a form field is passed and sent.
#[derive(Clone)]
pub enum F {
    /// `binary_t *`, with the filename and content type sent when the
    /// program names none (the generated client's `binary_t` has neither).
    File(String, String),
    /// `char *` (NULL: not sent).
    Str,
    /// A 2.3.0 enum by value (`Org::enums` index; 0: not sent).
    Enum(usize),
    /// A union's struct (`X_t *`): its value, a string as itself.
    Model(String),
    /// `int *` (NULL: not sent).
    Int,
    /// `double` by value (0: not sent), as the generated client takes it.
    Double,
    /// `list_t *` of `char *`, sent as repeated `name[]`; `ptr`: passed as
    /// `list_t **` (the 2.3.0 `name[]` fields).
    List {
        ptr: bool,
    },
    /// `Ex` only: `const char *`, `const int *`, `const double *`, a
    /// boolean's `const int *`, any JSON value (`cJSON *`: an object's
    /// members sent as `name[member]`).
    CStr,
    IntP,
    DoubleP,
    BoolP,
    Json,
}

/// An answer that is no model: text (`char *`, every byte and a NUL) or
/// bytes (`binary_t *`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Raw {
    Text,
    Bytes,
}

#[derive(Clone)]
pub struct Param {
    /// The C name.
    pub name: String,
    /// The name on the wire (already encoded: brackets as `%5B%5D`).
    pub wire: String,
    pub q: Q,
}

#[derive(Clone)]
pub struct Op {
    pub id: String,
    pub api: String,
    pub name: String,
    pub method: String,
    pub path: String,
    pub summary: String,
    pub path_params: Vec<String>,
    pub query: Vec<Param>,
    pub body: Option<String>,
    pub result: String,
    /// The one of the 22 the generated client has.
    pub released: bool,
    /// For one of the 22 whose current parameters differ: those, for `<name>Ex`.
    pub ex: Option<Vec<Param>>,
    /// For a list: (item model, cursor member of the page, cursor parameter).
    pub list: Option<(String, String, String)>,
    /// The smallest request body its schema accepts, as JSON.
    pub body_json: Option<String>,
    /// Its walker resumes (`next_cursor`, every query parameter); else it
    /// takes only `limit` and the parameters of `walk_with` (the first
    /// walkers of the project lists).
    pub resume: bool,
    /// The query parameters a walker that does not resume passes on.
    pub walk_with: Vec<String>,
    /// A multipart request: its 2.3.0 fields and (for `Ex`) the current
    /// document's.
    pub form: Option<(Vec<FormField>, Vec<FormField>)>,
    /// An answer that is no model.
    pub raw: Option<Raw>,
}

impl Org<'_> {
    /// The generated client's enum of a query parameter:
    /// `openai_api_usageCompletions_bucket_width_e`, its constants
    /// `openai_api_usageCompletions_BUCKETWIDTH_…`.
    pub(crate) fn param_enum(&mut self, op_name: &str, name: &str, values: Vec<String>, doc: String) -> usize {
        let k: String = name.chars().filter(|c| *c != '_').collect::<String>().to_ascii_uppercase();
        self.add_enum(
            format!("{}{}Param", upper_camel(op_name), upper_camel(name)),
            format!("openai_api_{op_name}_{name}_e"),
            format!("openai_api_{op_name}_{k}"),
            values,
            String::new(),
            false,
            doc,
        )
    }

    pub(crate) fn params(&mut self, op: &Yaml, op_name: &str, released: bool) -> (Vec<String>, Vec<Param>) {
        let doc = if released { self.old } else { self.cur };
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        for p in op["parameters"].as_vec().into_iter().flatten() {
            let p = resolve(doc, p);
            let raw = p["name"].as_str().unwrap().to_string();
            let name = raw.trim_end_matches("[]").to_string();
            match p["in"].as_str() {
                Some("path") => path_params.push(name),
                Some("query") => {
                    let s = resolve(doc, &p["schema"]);
                    let wire_list = format!("{name}%5B%5D");
                    let (q, wire) = match s["type"].as_str() {
                        Some("integer") => (Q::Int, name.clone()),
                        Some("boolean") => (Q::Bool, name.clone()),
                        Some("array") => {
                            if released {
                                // The generated client's enum of the items, declared as it does.
                                let items = resolve(doc, &s["items"]);
                                if !items["enum"].is_badvalue() {
                                    let cur_items = cur_param(self.cur, op_name, &raw).map(|c| resolve(self.cur, &c["schema"]["items"]));
                                    let values = Self::merged_values(items, cur_items);
                                    let doc =
                                        format!("The values of `{name}` for `{op_name}`; the list holds their JSON strings (`char *`).");
                                    self.param_enum(op_name, &name, values, doc);
                                }
                            }
                            (Q::List { ptr: released && raw.ends_with("[]") }, wire_list)
                        }
                        Some("object") if s["properties"].is_badvalue() => (Q::Map, name.clone()),
                        Some("object") => {
                            let model = format!("{}_{}_parameter", snake(op_name), name);
                            let model = if released { model } else { self.find_param_model(&model) };
                            let members = hash(&s["properties"]).into_iter().map(|(k, _)| k.to_string()).collect();
                            (Q::Object(model, members), name.clone())
                        }
                        _ if released && !s["enum"].is_badvalue() => {
                            let cur_s = cur_param(self.cur, op_name, &raw).map(|c| resolve(self.cur, &c["schema"]));
                            let values = Self::merged_values(s, cur_s);
                            let i = self.param_enum(
                                op_name,
                                &name,
                                values,
                                format!("The values of `{name}` for `{op_name}` (0, `…_NULL`: not sent)."),
                            );
                            (Q::Enum(i), name.clone())
                        }
                        _ => (Q::Str, name.clone()),
                    };
                    query.push(Param { name, wire, q });
                }
                other => panic!("{op_name}: parameter in {other:?}"),
            }
        }
        (path_params, query)
    }

    /// The model of an object query parameter of one of the 22 (its
    /// current version takes the same).
    pub(crate) fn find_param_model(&self, name: &str) -> String {
        assert!(self.models.contains_key(name), "no model {name}");
        name.to_string()
    }
}

/// The models a 2.3.0 operation answers with and takes (its answer, its
/// body, its object query parameters), laid out as the generated client
/// has them, with the current operation `now`'s schemas for the live API's
/// members; a schema whose model another part already has is left to it.
pub(crate) fn released_models<'a>(org: &mut Org<'a>, id: &str, op: &'a Yaml, now: &'a Yaml) {
    let (old, cur) = (org.old, org.cur);
    for (o, c, fallback) in [
        (answer_schema(op), answer_schema(now), format!("{}_200_response", snake(&camel(id)))),
        (request_schema(op), request_schema(now), format!("{}_request", snake(&camel(id)))),
    ] {
        if o.is_badvalue() {
            continue;
        }
        let name = ref_name(o).map_or(fallback, model_name);
        if org.known.values().any(|k| *k == name) {
            continue;
        }
        let label = ref_name(o).unwrap_or(name.as_str()).to_string();
        let cur_schema = (!c.is_badvalue()).then(|| resolve(cur, c));
        org.released(&name, &label, resolve(old, o), cur_schema);
    }
    for p in op["parameters"].as_vec().into_iter().flatten() {
        let s = resolve(old, &p["schema"]);
        if s["type"].as_str() == Some("object") {
            let name = format!("{}_{}_parameter", snake(&camel(id)), p["name"].as_str().unwrap());
            let label = name.clone();
            let cur_p = cur_param(cur, &camel(id), p["name"].as_str().unwrap()).map(|c| &c["schema"]);
            org.released(&name, &label, s, cur_p);
        }
    }
}

/// The organization operations and every model they use.
/// `known_pages`: the project part's models by name, with their members'
/// keys and the item model of their `data` list (if any).
pub type KnownPages = BTreeMap<String, (Vec<String>, Option<String>)>;

pub fn build<'a>(
    old: &'a Yaml,
    cur: &'a Yaml,
    project_ids: &[String],
    known: BTreeMap<String, String>,
    known_pages: &KnownPages,
) -> (Org<'a>, Vec<Op>) {
    let mut org = Org { old, cur, seed: false, known, rest: true, models: BTreeMap::new(), enums: Vec::new() };
    let old_ops: BTreeMap<String, (String, String, &Yaml)> = all_ops(old)
        .into_iter()
        .filter(|(p, _, _)| !p.starts_with("/organization/projects"))
        .map(|(p, m, op)| (op["operationId"].as_str().unwrap().to_string(), (p, m, op)))
        .collect();
    assert_eq!(old_ops.len(), 22, "the generated client's organization calls");
    let cur_ops: Vec<(String, String, &Yaml)> =
        all_ops(cur).into_iter().filter(|(_, _, op)| !project_ids.iter().any(|i| Some(i.as_str()) == op["operationId"].as_str())).collect();
    // The document's 63 and the 27 its SDK has ahead of it (`x-source`).
    assert_eq!(cur_ops.len(), 90, "the current document's organization operations");
    // The 22's models first: their names and layouts are released.
    let find_cur = |id: &str| cur_ops.iter().find(|(_, _, o)| o["operationId"].as_str() == Some(id)).map(|(_, _, o)| *o);
    for (id, (_, _, op)) in &old_ops {
        let cur_op = find_cur(id).unwrap_or_else(|| panic!("{id} is not in the current document"));
        released_models(&mut org, id, op, cur_op);
    }
    // Every released schema of 2.3.0 beyond the seed's.
    let released_count = org.models.values().filter(|m| m.released).count() + org.enums.iter().filter(|e| e.top).count();
    assert_eq!(released_count, 68, "the generated client's organization models");
    for m in org.models.keys().cloned().collect::<Vec<_>>() {
        org.known.entry(org.models[&m].schema.clone()).or_insert(m);
    }
    let mut ops = Vec::new();
    for (path, method, op) in &cur_ops {
        let id = op["operationId"].as_str().unwrap().to_string();
        let name = call_name(&id);
        let api = api_of(op);
        let released = old_ops.contains_key(&id);
        let (path_params, query, ex) = if released {
            let (_, _, old_op) = old_ops[&id];
            let (pp, q) = org.params(old_op, &name, true);
            let (_, cq) = org.params(op, &name, false);
            let same = q.len() == cq.len() && q.iter().zip(&cq).all(|(a, b)| a.name == b.name);
            (pp, q, (!same).then_some(cq))
        } else {
            let (pp, q) = org.params(op, &name, false);
            (pp, q, None)
        };
        let mut path_params = path_params;
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let (result, body) = if released {
            let (_, _, old_op) = old_ops[&id];
            let r = answer_schema(old_op);
            let b = request_schema(old_op);
            (
                ref_name(r).map_or(format!("{}_200_response", snake(&name)), snake),
                (!b.is_badvalue()).then(|| ref_name(b).map_or(format!("{}_request", snake(&name)), snake)),
            )
        } else {
            let r = answer_schema(op);
            let result = match ref_name(r) {
                Some(s) => org.cur_named(s),
                None => {
                    let n = format!("{}_response", snake(&name));
                    org.current(&n, &n, r);
                    n
                }
            };
            let b = request_schema(op);
            let body = (!b.is_badvalue()).then(|| match ref_name(b) {
                Some(s) => org.cur_named(s),
                None => {
                    let n = format!("{}_request", snake(&name));
                    org.current(&n, &n, b);
                    n
                }
            });
            (result, body)
        };
        let body_json = if released {
            let (_, _, old_op) = old_ops[&id];
            let b = request_schema(old_op);
            (!b.is_badvalue()).then(|| min_json(old, b, 0))
        } else {
            let b = request_schema(op);
            (!b.is_badvalue()).then(|| min_json(cur, b, 0))
        };
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        ops.push(Op {
            id,
            api,
            name,
            method: method.to_uppercase(),
            path: path.clone(),
            summary,
            path_params,
            query,
            body,
            result,
            released,
            ex,
            list: None,
            body_json,
            resume: true,
            walk_with: Vec::new(),
            form: None,
            raw: None,
        });
    }
    for op in &mut ops {
        // The page's members: an organization model's, or a project one's.
        let (keys, item): (Vec<String>, Option<String>) = match org.models.get(&op.result) {
            Some(m) => (
                m.members.iter().map(|f| f.key.clone()).collect(),
                m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                    Ty::List(i) => Some(i.clone()),
                    _ => None,
                }),
            ),
            None => known_pages.get(&op.result).cloned().unwrap_or_default(),
        };
        let params = op.ex.as_ref().unwrap_or(&op.query);
        let has = |k: &str| keys.iter().any(|f| f == k);
        let cursor = ["last_id", "next", "next_page"].into_iter().find(|c| has(c));
        let param = ["after", "page"].into_iter().find(|p| params.iter().any(|q| q.name == *p));
        if let (Some(item), Some(cursor), Some(param), true) = (item, cursor, param, has("has_more")) {
            op.list = Some((item, cursor.to_string(), param.to_string()));
        }
    }
    (org, ops)
}

/// The seed's 19 calls (`ProjectsAPI_`), declared as the generated client
/// declares them, with an `Ex` variant where the current document has more
/// parameters. Their walkers are the seed's (`src/api/walkers.rs`).
/// The query parameters the generated client's list walkers take beyond
/// `limit` (released signatures).
const SEED_WALKERS_TAKE: [(&str, &[&str]); 1] = [("listProjects", &["include_archived"])];

pub fn seed_ops(org: &mut Org) -> Vec<Op> {
    let old = org.old;
    let cur = org.cur;
    let mut ops = Vec::new();
    for (path, method, op) in all_ops(old).into_iter().filter(|(p, _, _)| p.starts_with("/organization/projects")) {
        let id = op["operationId"].as_str().unwrap().to_string();
        let name = call_name(&id);
        let cur_op = all_ops(cur).into_iter().find(|(_, _, o)| o["operationId"].as_str() == Some(id.as_str())).map(|(_, _, o)| o);
        let (mut path_params, query) = org.params(op, &name, true);
        let ex = cur_op
            .map(|c| org.params(c, &name, false).1)
            .filter(|cq| cq.len() != query.len() || cq.iter().zip(&query).any(|(a, b)| a.name != b.name));
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let result = model_name(ref_name(answer_schema(op)).expect("a named answer"));
        let request = request_schema(op);
        let body = ref_name(request).map(model_name);
        let body_json = body.as_ref().map(|_| min_json(old, request, 0));
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        // A page of the generated client's lists has its walker (the first
        // walkers: `limit` and what `SEED_WALKERS_TAKE` says).
        let list = org.models.get(&result).and_then(|m| {
            let item = m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                Ty::List(i) => Some(i.clone()),
                _ => None,
            })?;
            m.members.iter().any(|f| f.key == "has_more").then(|| (item, "last_id".to_string(), "after".to_string()))
        });
        let walk_with =
            SEED_WALKERS_TAKE.iter().find(|(n, _)| *n == name).map_or(vec![], |(_, p)| p.iter().map(|x| x.to_string()).collect());
        let resume = list.is_none();
        ops.push(Op {
            api: api_of(op),
            id,
            name,
            method: method.to_uppercase(),
            path,
            summary,
            path_params,
            query,
            body,
            result,
            released: true,
            ex,
            list,
            body_json,
            resume,
            walk_with,
            form: None,
            raw: None,
        });
    }
    assert_eq!(ops.len(), 19, "the seed's calls");
    ops
}

/// `UsersAPI_forEachUser`, `UsageAPI_forEachCompletionsBucket`, …
pub fn walker_name(op: &Op) -> String {
    let n = &op.name;
    if let Some(rest) = n.strip_prefix("usage") {
        return format!("forEach{rest}Bucket");
    }
    let base = n.strip_prefix("list").map(str::to_string).unwrap_or_else(|| upper_camel(n.trim_end_matches("List")));
    format!("forEach{}", base.strip_suffix('s').unwrap_or(&base))
}

/// The project lists beyond the seed's whose walkers were released taking
/// `limit` only (0.2).
const FIRST_PROJECT_WALKERS: [&str; 6] = [
    "listProjectCertificates",
    "list-project-groups",
    "list-project-group-role-assignments",
    "list-project-roles",
    "list-project-spend-alerts",
    "list-project-user-role-assignments",
];

impl ProjectOp {
    /// The operation as every other is emitted: a call of `ProjectsAPI`.
    pub(crate) fn as_op(&self) -> Op {
        let q = |ty: &str| match ty {
            "int" => Q::Int,
            "bool" => Q::Bool,
            _ => Q::Str,
        };
        Op {
            id: self.id.clone(),
            api: "ProjectsAPI".into(),
            name: camel(&self.id),
            method: self.method.clone(),
            path: self.path.clone(),
            summary: self.summary.clone(),
            path_params: self.path_params.clone(),
            query: self.query.iter().map(|(n, ty)| Param { name: n.clone(), wire: n.clone(), q: q(ty) }).collect(),
            body: self.body.clone(),
            result: self.result.clone(),
            released: false,
            ex: None,
            list: self.list.clone(),
            body_json: self.body_json.clone(),
            // The walkers released before the walker shape was settled take
            // `limit` only; every later one resumes, with every parameter.
            resume: !FIRST_PROJECT_WALKERS.contains(&self.id.as_str()),
            walk_with: Vec::new(),
            form: None,
            raw: None,
        }
    }
}
