"""The contract written from OpenAI's published document and its official
Python SDK.

    python scripts/contract.py write <document> <out> [--keep <previous contract>]

1. The document's admin part: every operation under /organization and
   /projects with the components it reaches; each operation's documented
   example answer (x-oaiMeta.examples.response) becomes its
   `x-example-response`, and x-oaiMeta is dropped.
2. With --keep, what the previous contract took from an SDK (everything
   marked `x-source`, `x-source-changes` or `x-source-enum-values`) is laid
   over it where the document still lacks it, with its names, words and
   example answers: names become C names, so a name once given stays. The
   previous contract's `info` and order are kept too, so a run that finds
   nothing new rewrites the same bytes.
3. Every admin method of the SDK is read (method, path, query and body
   parameters with their types, the answer's type and its paging kind) and
   held against the result: each operation, parameter, member and enum
   value the SDK has and the result lacks is added, marked
   `x-source: openai-python <version> <file>:<name>`; an operation only the
   SDK has gets an example answer made from its types. Each addition is
   printed, and so is each operation the SDK has no method for
   (`contract.py check` names everything else the SDK lacks).

An added member is optional in the contract even when the SDK requires it:
an API that does not yet send it still answers within the contract.
"""
import ast
import collections.abc
import copy
import inspect
import json
import os
import re
import sys
import textwrap
import types
import typing

import openai
import pydantic
import yaml

import contract
from contract_compare import resolve

ADMIN_PREFIXES = ("/organization", "/projects")
DUMP = dict(sort_keys=False, width=110, allow_unicode=True)


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def dump(doc, path):
    """Writes `doc` to `path` whole (a reader sees the old file or the new
    one), and not at all when the file already holds it."""
    text = yaml.safe_dump(doc, **DUMP)
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def refs_in(node, out):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.add(ref)
        for v in node.values():
            refs_in(v, out)
    elif isinstance(node, list):
        for v in node:
            refs_in(v, out)


def admin_part(document):
    """The document's operations under /organization and /projects, with what they reach."""
    out = {k: copy.deepcopy(document[k]) for k in ("openapi", "info", "servers", "security") if k in document}
    paths = {}
    for path, item in document["paths"].items():
        if not path.startswith(ADMIN_PREFIXES):
            continue
        paths[path] = {}
        for verb, op in item.items():
            op = copy.deepcopy(op)
            if isinstance(op, dict):
                meta = op.pop("x-oaiMeta", None) or {}
                examples = meta.get("examples")
                if isinstance(examples, list):
                    examples = examples[0] if examples else None
                if isinstance(examples, dict) and isinstance(examples.get("response"), str):
                    op["x-example-response"] = examples["response"]
            paths[path][verb] = op
    out["paths"] = paths
    reached, todo = set(), set()
    refs_in(paths, todo)
    while todo:
        ref = todo.pop()
        if ref in reached:
            continue
        reached.add(ref)
        refs_in(resolve(document, ref), todo)
    components = {}
    for section, entries in document.get("components", {}).items():
        keep = {n: copy.deepcopy(s) for n, s in entries.items() if f"#/components/{section}/{n}" in reached or section == "securitySchemes"}
        if keep:
            components[section] = keep
    out["components"] = components
    used = {t for item in paths.values() for op in item.values() if isinstance(op, dict) for t in op.get("tags") or []}
    tags = [copy.deepcopy(t) for t in document.get("tags") or [] if t.get("name") in used]
    if tags:
        out["tags"] = tags
    return out


# --- 2. what a previous contract took from an SDK ---------------------------


def overlay_schema(new, old, previous):
    """Lay the SDK-sourced members, enum values and union branches of `old`
    (a schema of contract `previous`) over `new` (the same schema)."""
    if not isinstance(new, dict) or not isinstance(old, dict):
        return
    marks = old.get("x-source-enum-values")
    if marks and "enum" in new:
        for mark in marks:
            for value in mark.get("$self", []):
                if value not in new["enum"]:
                    new["enum"].append(value)
        new["x-source-enum-values"] = copy.deepcopy(marks)
    old_props = old.get("properties") or {}
    if old_props:
        props = new.setdefault("properties", {})
        for name, member in old_props.items():
            if name not in props:
                if isinstance(member, dict) and "x-source" in member:
                    props[name] = copy.deepcopy(member)
            else:
                overlay_schema(props[name], member, previous)
    for key in ("items", "additionalProperties"):
        overlay_schema(new.get(key), old.get(key), previous)
    for key in ("allOf", "oneOf", "anyOf"):
        mine, theirs = new.get(key) or [], old.get(key) or []
        for a, b in zip(mine, theirs):
            overlay_schema(a, b, previous)
        # A branch an SDK brought: a component written from its types.
        for branch in theirs[len(mine) :]:
            ref = branch.get("$ref") if isinstance(branch, dict) else None
            if mine and ref and "x-source" in (resolve(previous, ref) or {}) and branch not in mine:
                mine.append(copy.deepcopy(branch))


def overlay_operation(new, old):
    changes = old.get("x-source-changes")
    if not changes:
        return
    params = new.setdefault("parameters", [])
    for change in changes:
        for p in change.get("add_parameters") or []:
            if not any(q.get("name") == p["name"] and q.get("in") == p["in"] for q in params):
                params.append(copy.deepcopy(p))
        for name, values in (change.get("add_enum_values") or {}).items():
            for q in params:
                if q.get("name") == name:
                    schema = q.setdefault("schema", {})
                    target = schema.get("items") if schema.get("type") == "array" else schema
                    enum = target.setdefault("enum", [])
                    enum += [v for v in values if v not in enum]
    new["x-source-changes"] = copy.deepcopy(changes)


def ordered(keys_in_order, mapping):
    """`mapping` with the keys of `keys_in_order` first, in that order, then the rest."""
    out = {k: mapping[k] for k in keys_in_order if k in mapping}
    out.update({k: v for k, v in mapping.items() if k not in out})
    return out


def keep(result, previous):
    result["info"] = copy.deepcopy(previous["info"])
    paths = result["paths"]
    for path, item in previous["paths"].items():
        for verb, op in item.items():
            if not isinstance(op, dict):
                continue
            if verb in paths.get(path, {}):
                overlay_operation(paths[path][verb], op)
            elif "x-source" in op:
                paths.setdefault(path, {})[verb] = copy.deepcopy(op)
        if path in paths:
            paths[path] = ordered(item.keys(), paths[path])
    result["paths"] = ordered(previous["paths"].keys(), paths)
    comps = result["components"]
    for section, entries in previous.get("components", {}).items():
        mine = comps.setdefault(section, {})
        for name, schema in entries.items():
            if name in mine:
                overlay_schema(mine[name], schema, previous)
    # The components what was kept reaches, and what those reach.
    while True:
        found = set()
        refs_in(result["paths"], found)
        refs_in(comps, found)
        missing = [r for r in found if r.startswith("#/components/") and r.split("/")[3] not in comps.get(r.split("/")[2], {})]
        if not missing:
            break
        for ref in missing:
            _, _, section, name = ref.split("/", 3)
            comps.setdefault(section, {})[name] = copy.deepcopy(resolve(previous, ref))
    for section, entries in previous.get("components", {}).items():
        comps[section] = ordered(entries.keys(), comps.get(section, {}))
    result["components"] = ordered(previous.get("components", {}).keys(), comps)
    if "tags" in previous:
        names = {t["name"] for t in result.get("tags") or []}
        result["tags"] = (result.get("tags") or []) + [copy.deepcopy(t) for t in previous["tags"] if t["name"] not in names]
        result["tags"] = sorted(result["tags"], key=lambda t: [p["name"] for p in previous["tags"]].index(t["name"]) if t["name"] in [p["name"] for p in previous["tags"]] else 10**6)
    return ordered(previous.keys(), result)


# --- 3. the SDK -------------------------------------------------------------


def unwrap(t):
    """A type without Annotated/Required/NotRequired, and the PropertyInfo it carried."""
    info = None
    while True:
        origin = typing.get_origin(t)
        if origin is typing.Annotated:
            for meta in t.__metadata__:
                if type(meta).__name__ == "PropertyInfo":
                    info = meta
            t = t.__origin__
        elif origin in (typing.Required, typing.NotRequired) or str(origin).endswith(("Required", "NotRequired")):
            t = typing.get_args(t)[0]
        else:
            return t, info


def is_union(t):
    return typing.get_origin(t) in (typing.Union, types.UnionType)


def is_typeddict(t):
    return isinstance(t, type) and issubclass(t, dict) and hasattr(t, "__required_keys__")


def is_model(t):
    return isinstance(t, type) and issubclass(t, pydantic.BaseModel)


def source_of(obj):
    """`openai/<file>.py:<name>` of a class or function."""
    module = sys.modules[obj.__module__]
    file = module.__file__
    root = os.path.dirname(os.path.dirname(openai.__file__))
    name = obj.__name__ if inspect.isfunction(obj) or inspect.ismethod(obj) else obj.__qualname__
    return f"{os.path.relpath(file, root)}:{name}"


def attribute_docs(cls):
    """The docstrings written under each field of a class, by field name."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    out = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for a, b in zip(body, body[1:]):
        if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name) and isinstance(b, ast.Expr) and isinstance(getattr(b, "value", None), ast.Constant) and isinstance(b.value.value, str):
            out[a.target.id] = prose(b.value.value)
    return out


def prose(text):
    """A docstring as the document writes a description: paragraphs, each on one line."""
    return "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(text).split("\n\n") if p.strip())


def members(cls):
    """{JSON name: (type, required, description)} of a pydantic model or a TypedDict
    (of a union of them: every branch's, required where every branch requires it)."""
    cls, _ = unwrap(cls)
    if is_union(cls):
        out = {}
        branches = [members(b) for b in typing.get_args(cls) if b is not type(None)]
        for m in branches:
            for name, (t, req, doc) in m.items():
                if name not in out:
                    out[name] = (t, all(name in o and o[name][1] for o in branches), doc)
        return out
    docs = attribute_docs(cls)
    out = {}
    if is_model(cls):
        for name, field in cls.model_fields.items():
            t = field.annotation
            for meta in field.metadata:
                if type(meta).__name__ == "PropertyInfo":
                    t = typing.Annotated[t, meta]
            out[field.alias or name] = (t, field.is_required(), docs.get(name))
    else:
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, t in hints.items():
            _, info = unwrap(t)
            wire = (info.alias if info is not None and info.alias else None) or name
            out[wire] = (t, typeddict_required(cls, t), docs.get(name))
    return out


def typeddict_required(cls, t):
    """Whether a TypedDict requires a key of type `t` (`Required[...]`, or a
    total TypedDict's key not `NotRequired[...]`): read from the type, since
    `__required_keys__` misses marks written as strings."""
    while typing.get_origin(t) is typing.Annotated:
        t = t.__origin__
    origin = repr(typing.get_origin(t))
    if "NotRequired" in origin:
        return False
    if "Required" in origin:
        return True
    return bool(getattr(cls, "__total__", True))


def literal_values(t):
    t, _ = unwrap(t)
    if typing.get_origin(t) is typing.Literal:
        return list(typing.get_args(t))
    return None


def literal_values_in(t):
    """The literal values a parameter's type allows (through Optional and lists), or None."""
    t, _ = unwrap(t)
    if is_union(t):
        found = [literal_values_in(a) for a in typing.get_args(t) if a is not type(None)]
        found = [v for v in found if v]
        return [x for v in found for x in v] if found else None
    if is_array(t) and typing.get_args(t):
        return literal_values_in(typing.get_args(t)[0])
    return literal_values(t)


def is_array(t):
    origin = typing.get_origin(t)
    if origin in (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Iterable, typing.List, typing.Sequence, typing.Iterable):
        return True
    return getattr(origin, "__name__", "") == "SequenceNotStr"


class Sdk:
    def __init__(self, version):
        self.version = version
        self.names = {}  # class -> component name
        self.schemas = {}  # component name -> schema
        self.path_members = ((), ())  # (params classes, names): a params class's members that go in the path
        self.known = set()  # components the contract has that stand for an SDK class
        self.sourced = {}  # `<file>:<class>` -> the contract's component written from it

    def mark(self, obj):
        return f"openai-python {self.version} {obj if isinstance(obj, str) else source_of(obj)}"

    def component_name(self, cls, taken):
        if cls in self.names:
            return self.names[cls]
        written = self.sourced.get(source_of(cls))
        if written is not None:
            # A component an earlier run wrote from this very class.
            self.names[cls] = written
            self.known.add(written)
            return written
        module = cls.__module__.rsplit(".", 1)[-1]
        main = "".join(w[:1].upper() + w[1:] for w in module.split("_"))
        main = main.replace("Api", "API") if "API" in cls.__name__ else main
        name = cls.__name__ if cls.__name__.startswith(main[:4]) or cls.__name__ == main else f"{main}{cls.__name__}"
        base, n = name, 2
        while name in taken or name in self.schemas:
            name, n = f"{base}{n}", n + 1
        self.names[cls] = name
        return name

    def schema(self, t, taken, description=None):
        """An OpenAPI schema for a Python type; models and TypedDicts become components."""
        t, info = unwrap(t)
        out = self.bare_schema(t, info, taken)
        if description and "$ref" not in out:
            out = dict(out, description=description)
        return out

    def bare_schema(self, t, info, taken):
        if is_union(t):
            args = [a for a in typing.get_args(t) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(t))
            if len(args) == 1:
                inner = self.schema(args[0], taken)
            else:
                branches = [self.schema(a, taken) for a in args]
                inner = {"oneOf": branches} if all("$ref" in b for b in branches) else {"anyOf": branches}
                if info is not None and info.discriminator and "oneOf" in inner:
                    inner["discriminator"] = {"propertyName": info.discriminator}
            return {"anyOf": [inner, {"type": "null"}]} if nullable else inner
        values = literal_values(t)
        if values is not None:
            kind = "string" if all(isinstance(v, str) for v in values) else "integer" if all(isinstance(v, int) for v in values) else None
            return ({"type": kind} if kind else {}) | {"enum": values}
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if is_array(t):
            args = typing.get_args(t)
            return {"type": "array", "items": self.schema(args[0], taken) if args else {}}
        if typing.get_origin(t) in (dict, typing.Dict, collections.abc.Mapping):
            args = typing.get_args(t)
            return {"type": "object", "additionalProperties": self.schema(args[1], taken) if len(args) == 2 and args[1] is not object else {}}
        if is_model(t) or is_typeddict(t):
            name = self.component_name(t, taken)
            if name not in self.schemas and name not in self.known:
                self.schemas[name] = None  # a model that reaches itself
                self.schemas[name] = self.object_schema(t, taken)
            return {"$ref": f"#/components/schemas/{name}"}
        return {}

    def object_schema(self, cls, taken):
        props, required = {}, []
        classes, skip = self.path_members
        for name, (t, req, doc) in members(cls).items():
            if name in skip and any(cls is c or cls in typing.get_args(unwrap(c)[0]) for c in classes):
                continue
            props[name] = self.schema(t, taken, doc)
            if req:
                required.append(name)
        out = {"type": "object"}
        doc = prose(cls.__doc__) if cls.__doc__ else None
        if doc:
            out["description"] = doc
        out["properties"] = props
        if required:
            out["required"] = required
        out["x-source"] = self.mark(cls)
        return out


class Method:
    """One SDK method as it would be sent."""

    def __init__(self, name, bound):
        self.name = name
        self.bound = bound
        self.func = bound.__func__
        verb, path, query, body, cast_to, named = contract.record(bound, named=True)
        self.verb, self.path, self.query_names, self.body_names, self.cast_to = verb, path, query, body, cast_to
        self.named_path = named
        self.model, self.paging = contract.model_of(cast_to)
        self.params = self.params_classes()
        hints = typing.get_type_hints(self.func, include_extras=True)
        sig = inspect.signature(self.func)
        self.arguments = {}
        for p in sig.parameters.values():
            if p.name in ("self", "extra_headers", "extra_query", "extra_body", "timeout"):
                continue
            self.arguments[p.name] = (hints.get(p.name, p.annotation), p.default is inspect.Parameter.empty)
        doc = inspect.getdoc(self.func) or ""
        self.summary, self.description, self.arg_docs = split_doc(doc)

    def params_classes(self):
        """The TypedDicts the method hands its query and body to."""
        try:
            source = inspect.getsource(self.func)
        except OSError:
            return []
        module = sys.modules[self.func.__module__]
        out = []
        for mod, cls in re.findall(r"\b(\w+_params)\.(\w+Params)\b", source):
            params_module = getattr(module, mod, None)
            c = getattr(params_module, cls, None)
            if c is not None and all(c is not o for o, _ in out):
                root = os.path.dirname(os.path.dirname(openai.__file__))
                out.append((c, f"{os.path.relpath(params_module.__file__, root)}:{cls}"))
        return out

    def member(self, wire):
        """(type, required, description, where it is written) of a query or body member."""
        for cls, where in self.params:
            m = members(cls)
            if wire in m:
                t, req, doc = m[wire]
                return t, req, doc or self.arg_docs.get(wire), where
        t, req = self.arguments.get(wire, (str, False))
        return t, req, self.arg_docs.get(wire), source_of(self.func)


def split_doc(doc):
    """(summary, description, {argument: text}) of a method's docstring."""
    text, _, args = doc.partition("\nArgs:\n")
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    summary = paragraphs[0] if paragraphs else ""
    description = "\n\n".join(paragraphs[1:])
    arg_docs, current = {}, None
    for line in args.splitlines():
        m = re.match(r"^\s{0,4}(\w+): (.*)$", line)
        if m and not line.startswith("      "):
            current = m.group(1)
            arg_docs[current] = m.group(2).strip()
        elif current and line.strip():
            arg_docs[current] += " " + line.strip()
        elif not line.strip():
            current = None
    return summary, description, arg_docs


class Writer:
    def __init__(self, result, version):
        self.doc = result
        self.sdk = Sdk(version)
        self.version = version
        self.added = []
        self.pages = {}
        self.schemas = result["components"].setdefault("schemas", {})
        for name, schema in self.schemas.items():
            mark = (schema or {}).get("x-source", "")
            parts = mark.split(" ")
            if len(parts) == 3 and parts[0] == "openai-python":
                self.sdk.sourced.setdefault(parts[2], name)

    def note(self, text):
        self.added.append(text)

    def deref(self, s):
        while isinstance(s, dict) and "$ref" in s:
            name = s["$ref"].rsplit("/", 1)[-1]
            s = self.sdk.schemas[name] if name in self.sdk.schemas and name not in self.schemas else resolve(self.doc, s["$ref"])
        return s

    def taken(self):
        return set(self.schemas) | set(self.sdk.schemas)

    def flush(self):
        """Components the SDK's types made, into the contract."""
        for name, schema in self.sdk.schemas.items():
            if name not in self.schemas and schema is not None:
                self.schemas[name] = schema

    # Held against what is there.

    def branches(self, s):
        s = self.deref(s)
        if not isinstance(s, dict):
            return []
        out = [s]
        for key in ("allOf", "oneOf", "anyOf"):
            for b in s.get(key) or []:
                out += self.branches(b)
        return out

    def properties_of(self, s):
        out = {}
        for b in self.branches(s):
            for name, member in (b.get("properties") or {}).items():
                out.setdefault(name, member)
        return out

    def augment(self, node, t, where):
        """Add to schema `node` what Python type `t` has and it lacks."""
        t, _ = unwrap(t)
        if is_union(t):
            args = [a for a in typing.get_args(t) if a is not type(None)]
            shaped = [a for a in args if is_model(unwrap(a)[0]) or is_typeddict(unwrap(a)[0])]
            if len(args) == 1:
                return self.augment(node, args[0], where)
            for a in shaped:
                target = self.branch_for(node, unwrap(a)[0])
                if target is not None:
                    self.augment(target, a, where)
                else:
                    self.add_branch(node, a, where)
            for a in args:
                if a not in shaped:
                    self.augment(node, a, where)
            return
        values = literal_values(t)
        if values is not None:
            for b in self.branches(node):
                if "enum" in b:
                    missing = [v for v in values if v not in b["enum"]]
                    if missing:
                        b["enum"] += missing
                        marks = b.setdefault("x-source-enum-values", [{"$self": []}])
                        marks[0].setdefault("$self", []).extend(missing)
                        self.note(f"{where}: enum values {', '.join(map(str, missing))}")
                    return
            return
        if is_array(t):
            args = typing.get_args(t)
            for b in self.branches(node):
                if isinstance(b.get("items"), dict) and args:
                    self.augment(b["items"], args[0], f"{where}[]")
                    return
            return
        if typing.get_origin(t) in (dict, typing.Dict, collections.abc.Mapping):
            args = typing.get_args(t)
            for b in self.branches(node):
                if isinstance(b.get("additionalProperties"), dict) and len(args) == 2:
                    self.augment(b["additionalProperties"], args[1], f"{where}{{}}")
                    return
            return
        if not (is_model(t) or is_typeddict(t)):
            return
        self.augment_members(node, members(t), t, where)

    def home(self, node):
        """The object schema new members of `node` go into."""
        for b in self.branches(node):
            if "properties" in b or b.get("type") == "object":
                return b
        return None

    def is_null(self, s):
        return self.deref(s).get("type") == "null" if isinstance(self.deref(s), dict) else False

    def union_home(self, node):
        """The innermost schema under `node` whose oneOf/anyOf holds its choices."""
        s = self.deref(node)
        if not isinstance(s, dict):
            return None
        for key in ("oneOf", "anyOf"):
            options = [o for o in s.get(key) or [] if not self.is_null(o)]
            if len(options) == 1:
                return self.union_home(options[0])
            if options:
                return s
        if len(s.get("allOf") or []) == 1 and "properties" not in s:
            return self.union_home(s["allOf"][0])
        return s

    def leaves(self, node):
        """The choices a schema offers (a union's branches, itself otherwise), nulls left out."""
        home = self.union_home(node)
        if home is None:
            return []
        options = [o for key in ("oneOf", "anyOf") for o in home.get(key) or [] if not self.is_null(o)]
        if not options:
            return [home]
        return [leaf for o in options for leaf in self.leaves(o)]

    def branch_for(self, node, cls):
        """The branch of a union schema that stands for model `cls` (by its
        discriminating literal); the schema itself when it offers one choice."""
        leaves = self.leaves(node)
        if len(leaves) == 1:
            return leaves[0]
        tag = None
        for name, (mt, _r, _d) in members(cls).items():
            v = literal_values(mt)
            if v is not None and len(v) == 1:
                tag = (name, v[0])
                break
        for leaf in leaves:
            props = self.properties_of(leaf)
            if tag and tag[0] in props and tag[1] in (self.deref(props[tag[0]]).get("enum") or []):
                return leaf
        return None

    def add_branch(self, node, t, where):
        s = self.union_home(node)
        key = "oneOf" if "oneOf" in s else "anyOf"
        schema = self.sdk.schema(t, self.taken())
        s.setdefault(key, []).append(schema)
        self.note(f"{where}: union branch {schema.get('$ref', '')}")

    # Operations.

    def parameter(self, m, wire, where):
        t, req, doc, owner = m.member(wire)
        p = {"name": wire, "in": where}
        if doc:
            p["description"] = doc
        p["required"] = bool(req) or where == "path"
        p["schema"] = self.sdk.schema(t, self.taken())
        return p

    def operation(self, m, ops):
        key = (m.verb, m.path)
        op = ops.get(key)
        if op is None:
            self.new_operation(m)
            return
        oid = op["operationId"]
        params = op.get("parameters") or []
        have = {self.deref(p).get("name", "").removesuffix("[]"): self.deref(p) for p in params}
        # What the SDK adds to the document's parameters is said once, in
        # the operation's x-source-changes, as the contract always has.
        change, sources = {}, []
        for wire in m.query_names:
            where = m.member(wire)[3]
            if wire not in have:
                p = self.parameter(m, wire, "query")
                op.setdefault("parameters", []).append(p)
                change.setdefault("add_parameters", []).append(copy.deepcopy(p))
                sources.append((where, wire))
                self.note(f"{oid}: query parameter {wire}")
                continue
            schema = have[wire].setdefault("schema", {})
            target = schema.get("items") if schema.get("type") == "array" else schema
            values = literal_values_in(m.member(wire)[0])
            if isinstance(target, dict) and "enum" in target and values:
                missing = [v for v in values if v not in target["enum"]]
                if missing:
                    target["enum"] += missing
                    change.setdefault("add_enum_values", {})[have[wire]["name"]] = missing
                    sources.append((where, wire))
                    self.note(f"{oid} query {wire}: enum values {', '.join(map(str, missing))}")
        if change:
            files = sorted({w for w, _ in sources})
            change["source"] = f"openai-python {self.version} " + "; ".join(
                f"{f}.{', '.join(n for w, n in sources if w == f)}" for f in files
            )
            op.setdefault("x-source-changes", []).append(dict(sorted(change.items())))
        if m.body_names:
            schema = (((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema")
            if schema is None:
                self.note(f"{oid}: a body the contract does not take ({', '.join(m.body_names)}), left alone")
            else:
                for wire in m.body_names:
                    t, req, doc, owner = m.member(wire)
                    self.augment_members(schema, {wire: (t, req, doc)}, owner, f"{oid} body")
        if is_model(m.model):
            answer = self.answer(op)
            if answer is not None:
                target = answer
                if m.paging:
                    data = self.properties_of(answer).get("data")
                    target = self.deref(data).get("items") if data else None
                if target is not None:
                    self.augment(target, m.model, f"{oid} answer")

    def augment_members(self, node, fields, owner, where):
        """Add to object schema `node` the members of `fields` ({name: (type,
        required, description)}) it lacks, marked as `owner`'s (a class, or
        `<file>:<name>`), and hold the ones it has against their types."""
        props = self.properties_of(node)
        home = self.home(node)
        for name, (t, _req, doc) in fields.items():
            if name in props:
                self.augment(props[name], t, f"{where}.{name}")
            elif home is not None:
                schema = self.sdk.schema(t, self.taken(), doc)
                schema["x-source"] = self.sdk.mark(owner)
                home.setdefault("properties", {})[name] = schema
                props[name] = schema
                self.note(f"{where}.{name}: member")

    def answer(self, op):
        ok = self.deref(op.get("responses", {}).get("200") or {})
        return (((ok.get("content") or {}).get("application/json")) or {}).get("schema")

    def new_operation(self, m):
        resource = m.name.rsplit(".", 1)[0].split(".")
        action = m.name.rsplit(".", 1)[-1]
        oid = operation_id(resource, action)
        op = {"security": [{"AdminApiKeyAuth": []}], "summary": m.summary or oid}
        if m.description:
            op["description"] = m.description
        op["operationId"] = oid
        op["tags"] = [self.tag(resource)]
        params = [self.parameter(m, n, "path") for n in re.findall(r"\{(\w+)\}", m.named_path)]
        params += [self.parameter(m, n, "query") for n in m.query_names]
        op["parameters"] = params
        if m.body_names:
            owner, where = m.params[-1] if m.params else (None, source_of(m.func))
            if owner is not None and (is_typeddict(owner) or is_union(unwrap(owner)[0])):
                # A params class also holds the path's ids and the query's members.
                self.sdk.path_members = ([c for c, _ in m.params], set(re.findall(r"\{(\w+)\}", m.named_path)) | set(m.query_names))
                body = self.sdk.schema(owner, self.taken())
                self.sdk.path_members = ((), ())
            else:
                props, required = {}, []
                for wire in m.body_names:
                    t, req, doc, _ = m.member(wire)
                    props[wire] = self.sdk.schema(t, self.taken(), doc)
                    if req:
                        required.append(wire)
                name = f"{camel(oid)}Request"
                schema = {"type": "object", "properties": props}
                if required:
                    schema["required"] = required
                schema["x-source"] = self.sdk.mark(where)
                self.sdk.schemas[name] = schema
                body = {"$ref": f"#/components/schemas/{name}"}
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        answer = self.answer_schema(m)
        op["responses"] = {"200": {"description": "OK", "content": {"application/json": {"schema": answer}}}}
        self.flush()
        op["x-example-response"] = json.dumps(self.example(answer), indent=4) + "\n"
        op["x-source"] = self.sdk.mark(m.func)
        self.doc["paths"].setdefault(m.named_path, {})[m.verb.lower()] = op
        self.note(f"{oid}: operation {m.verb} {m.named_path}")

    def answer_schema(self, m):
        if not m.paging:
            return self.sdk.schema(m.model, self.taken()) if m.model is not None else {}
        item = self.sdk.schema(m.model, self.taken())
        page_cls = getattr(openai.pagination, m.paging)
        name = f"{item['$ref'].rsplit('/', 1)[-1]}ListResponse" if "$ref" in item else f"{m.paging}Response"
        # A page as the document's pages of the same kind are (the members
        # they share, as they write them), then what the SDK's page type
        # reads that they lack.
        shared, required = self.page_members(m.paging)
        props = {"data": {"type": "array", "items": item}}
        props.update(copy.deepcopy(shared))
        required = sorted(set(required) | {"data"}, key=lambda k: list(props).index(k) if k in props else 0)
        for field, (t, req, doc) in members(page_cls).items():
            if field not in props:
                props[field] = self.sdk.schema(t, self.taken(), doc)
                if req:
                    required.append(field)
        schema = {"type": "object", "description": f"A page (SDK `{m.paging}`).", "properties": props}
        if required:
            schema["required"] = required
        schema["x-source"] = self.sdk.mark(page_cls)
        self.sdk.schemas[name] = schema
        return {"$ref": f"#/components/schemas/{name}"}

    def learn(self, m, op):
        """What the document's pages of this SDK paging kind hold, and which of
        its components the SDK's answer class is: an operation only the SDK has
        that answers with that class answers with that component."""
        answer = self.answer(op)
        if m.paging:
            page = self.deref(answer)
            if isinstance(page, dict) and "data" in (page.get("properties") or {}):
                self.pages.setdefault(m.paging, []).append(page)
                answer = self.deref(page["properties"]["data"]).get("items")
        if is_model(m.model) and isinstance(answer, dict) and "$ref" in answer and m.model not in self.sdk.names:
            name = answer["$ref"].rsplit("/", 1)[-1]
            self.sdk.names[m.model] = name
            self.sdk.known.add(name)

    def page_members(self, paging):
        """The members every page of the document of this paging kind has (a
        list's `object`; a cursor page's `first_id` and `last_id`); for a kind
        the document has no page of, those every list page of it has."""
        alike = self.pages.get(paging)
        of_kind = bool(alike)
        if not of_kind:
            alike = [p for pages in self.pages.values() for p in pages if "list" in (self.deref(p["properties"].get("object") or {}).get("enum") or [])]
        if not alike:
            return {}, []
        common = set.intersection(*(set(p["properties"]) for p in alike))
        # Which members a page of a new kind must hold, only the SDK's page type says.
        required = set.intersection(*(set(p.get("required") or []) for p in alike)) if of_kind else set()
        first = alike[0]["properties"]
        return {k: v for k, v in first.items() if k in common and k != "data"}, [k for k in first if k in required]

    def tag(self, resource):
        """Every call on a project is a Projects call; a new resource's own words name the rest."""
        if resource[0] == "projects":
            return "Projects"
        return " ".join(resource).replace("_", " ").capitalize()

    def example(self, schema, depth=0, name=""):
        s = self.deref(schema)
        if not isinstance(s, dict) or depth > 12:
            return None
        if "enum" in s:
            return s["enum"][0]
        for key in ("oneOf", "anyOf"):
            if s.get(key):
                options = [o for o in s[key] if self.deref(o).get("type") != "null"]
                return self.example(options[0], depth + 1, name) if options else None
        if s.get("allOf"):
            out = {}
            for part in s["allOf"]:
                v = self.example(part, depth + 1, name)
                if isinstance(v, dict):
                    out.update(v)
            return out
        kind = s.get("type")
        if kind == "object" or "properties" in s:
            return {k: self.example(v, depth + 1, k) for k, v in (s.get("properties") or {}).items()}
        if kind == "array":
            return [self.example(s.get("items") or {}, depth + 1, name)]
        if kind == "integer":
            return 1764633600 if name.endswith("_at") else 1
        if kind == "number":
            return 0.5
        if kind == "boolean":
            return True
        if kind == "string":
            return f"{name}_abc" if name == "id" or name.endswith("_id") else name or "string"
        return None


def camel(oid):
    return "".join(w.capitalize() for w in oid.split("-"))


def singular(word):
    if word.endswith(("ss", "settings")) or not word.endswith("s"):
        return word
    return word[:-1]


def operation_id(resource, action):
    """`list-health-alert-rules`, `retrieve-project-health-alert-rule`: the action and what it acts on."""
    words = []
    for i, seg in enumerate(resource):
        if seg == "projects" and i < len(resource) - 1:
            words.append("project")
        else:
            words.append(seg)
    noun = "-".join(words).replace("_", "-")
    if action in ("list", "create", "retrieve", "update", "delete", "validate", "activate", "deactivate", "archive", "unarchive"):
        if action != "list":
            parts = noun.split("-")
            parts[-1] = singular(parts[-1])
            noun = "-".join(parts)
        return f"{action}-{noun}"
    return f"{noun}-{action.replace('_', '-')}"


def write(document_path, out_path, version, previous_path=None):
    document = load(document_path)
    result = admin_part(document)
    if previous_path:
        result = keep(result, load(previous_path))
    writer = Writer(result, version)
    client = openai.OpenAI(admin_api_key="sk-admin-contract", api_key="sk-contract", base_url="http://127.0.0.1:9/v1", max_retries=0)
    ops = {}
    for path, item in result["paths"].items():
        for verb, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                ops[(verb.upper(), re.sub(r"\{[^}]*\}", "{}", path))] = op
    methods = [Method(name, bound) for name, bound in contract.admin_methods(client.admin.organization)]
    for m in methods:
        if (m.verb, m.path) in ops:
            writer.learn(m, ops[(m.verb, m.path)])
    reached = set()
    for m in methods:
        reached.add((m.verb, m.path))
        writer.operation(m, ops)
        writer.flush()
    for key in sorted(set(ops) - reached):
        writer.note(f"{ops[key]['operationId']}: {key[0]} {key[1]} has no method in the SDK (kept)")
    dump(result, out_path)
    for line in writer.added:
        print(line)
    print(f"methods {len(methods)} operations {sum(1 for i in result['paths'].values() for o in i.values() if isinstance(o, dict))} additions {len(writer.added)}")
    return 0
