"""The admin API as OpenAI's official Python SDK calls it, and the contract
(tests/data/admin-current.yaml) made and checked from it.

    python scripts/contract.py check <contract>
    python scripts/contract.py write <document> <out> [--keep <previous contract>]
    python scripts/contract.py admin-part <document> <out>
    python scripts/contract.py compare <contract A> <contract B>

Run with a Python that has the SDK (`openai`) and PyYAML (`make contract`
and `make contract-check` make one). `check`: every admin method of the
SDK is called with stand-in arguments against a client whose requests are
caught before they leave: what it would send (method, path, query
parameters, body members) and the type it reads the answer into are
recorded, and compared with the contract's operation of the same method
and path: its query parameters, its body's members and its answer's
members (a page's: its items'). Every difference is printed, one a line,
and the exit status is 1 when there is one: a newer SDK pinned without the
contract brought up to date fails here, naming what it has that the
contract lacks. `write` makes a contract from OpenAI's published document
and the SDK (contract_write.py says how); `admin-part` writes only the
document's admin part; `compare` says what two contracts describe
differently (contract_compare.py).
"""
import inspect
import re
import sys

import openai
import openai._base_client as base_client
import yaml

import contract_compare


class Caught(Exception):
    """A request stopped before it was sent."""


def admin_methods(resource, prefix=""):
    """(name, bound method) of every API method of a resource and its sub-resources."""
    out = []
    for name in dir(type(resource)):
        if name.startswith("_") or name.startswith("with_"):
            continue
        attr = getattr(type(resource), name)
        if isinstance(attr, property) or hasattr(attr, "func"):  # a sub-resource (cached_property)
            sub = getattr(resource, name)
            if isinstance(sub, openai._resource.SyncAPIResource):
                out += admin_methods(sub, f"{prefix}{name}.")
        elif callable(attr):
            out.append((f"{prefix}{name}", getattr(resource, name)))
    return out


def stand_in(annotation):
    """A value the SDK passes on as it is (only the names it sends matter)."""
    text = str(annotation)
    if "bool" in text:
        return True
    if re.search(r"\bint\b|float", text):
        return 1
    return "x"


def record(method, named=False):
    """What the method sends: (http method, path template, query names, body names, answer type),
    and with `named` the path with its parameters named as the SDK names them."""
    sig = inspect.signature(method)
    args, kwargs = [], {}
    for p in sig.parameters.values():
        if p.name in ("extra_headers", "extra_query", "extra_body", "timeout"):
            continue
        if p.kind == p.POSITIONAL_OR_KEYWORD:
            args.append(f"ID_{p.name}")
        else:
            kwargs[p.name] = stand_in(p.annotation)
    # Ids passed by keyword (`project_id=`) may be path parameters: the
    # path shows which.
    for name in list(kwargs):
        if name.endswith("_id") and kwargs[name] == "x":
            kwargs[name] = f"ID_{name}"
    seen = []

    def catch(self, cast_to, options, *a, **k):
        seen.append((options.method.upper(), options.url, options.params or {}, options.json_data, cast_to))
        raise Caught()

    saved = base_client.SyncAPIClient.request
    base_client.SyncAPIClient.request = catch
    try:
        result = method(*args, **kwargs)
        # A page is fetched when it is first read.
        list(result)
    except Caught:
        pass
    finally:
        base_client.SyncAPIClient.request = saved
    if not seen:
        raise RuntimeError(f"{method.__qualname__} sent nothing")
    verb, url, params, body, cast_to = seen[0]
    # Ids back to placeholders; the document's names need not be the SDK's.
    path = re.sub(r"ID_[A-Za-z0-9_]*", "{}", url)
    body_names = sorted(body) if isinstance(body, dict) else []
    query_names = sorted(params)
    if named:
        return verb, path, query_names, body_names, cast_to, re.sub(r"ID_([A-Za-z0-9_]*)", r"{\1}", url)
    return verb, path, query_names, body_names, cast_to


def model_of(cast_to):
    """The pydantic model an answer is read into (a page's item model), and the paging kind."""
    meta = getattr(cast_to, "__pydantic_generic_metadata__", None)
    if meta and meta.get("origin") is not None and meta.get("args"):
        return meta["args"][0], meta["origin"].__name__
    return cast_to, None


def fields(model):
    """The JSON names of a pydantic model's fields (an empty set for a union or a plain type)."""
    mf = getattr(model, "model_fields", None)
    if mf is None:
        return set()
    return {f.alias or n for n, f in mf.items()}


class Document:
    def __init__(self, path):
        with open(path) as f:
            self.doc = yaml.safe_load(f)

    def deref(self, s):
        return contract_compare.deref(self.doc, s)

    def properties(self, s):
        """Every property name of an object schema (allOf merged; a union:
        its branches' names, as the SDK's flat parameters have them)."""
        s = self.deref(s)
        if not isinstance(s, dict):
            return set()
        out = set((s.get("properties") or {}).keys())
        for part in (s.get("allOf") or []) + (s.get("oneOf") or []) + (s.get("anyOf") or []):
            out |= self.properties(part)
        return out

    def operations(self):
        """(method, path template with `{}` for ids) -> the operation."""
        out = {}
        for path, item in self.doc["paths"].items():
            for verb, op in item.items():
                if isinstance(op, dict) and "operationId" in op:
                    out[(verb.upper(), re.sub(r"\{[^}]*\}", "{}", path))] = op
        return out

    def query(self, op):
        return sorted(p["name"].removesuffix("[]") for p in (op.get("parameters") or []) if self.deref(p).get("in") == "query")

    def body(self, op):
        schema = (((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema")
        return sorted(self.properties(schema)) if schema else []

    def answer(self, op, paged):
        schema = self.deref(op["responses"]["200"]["content"]["application/json"]["schema"])
        if paged:
            items = self.deref(self.deref(schema).get("properties", {}).get("data", {})).get("items")
            return self.properties(items) if items else set()
        return self.properties(schema)


def check(document_path):
    doc = Document(document_path)
    ops = doc.operations()
    client = openai.OpenAI(admin_api_key="sk-admin-contract", api_key="sk-contract", base_url="http://127.0.0.1:9/v1", max_retries=0)
    differences = []
    reached = set()
    methods = admin_methods(client.admin.organization)
    for name, method in methods:
        verb, path, query, body, cast_to = record(method)
        key = (verb, path)
        op = ops.get(key)
        if op is None:
            differences.append(f"{name}: {verb} {path} is not in the contract")
            continue
        reached.add(key)
        oid = op["operationId"]
        for what, sdk, contract in (("query parameter", query, doc.query(op)), ("body member", body, doc.body(op))):
            for n in sorted(set(sdk) - set(contract)):
                differences.append(f"{name} ({oid}): the SDK sends {what} `{n}`, the contract lacks it")
            for n in sorted(set(contract) - set(sdk)):
                differences.append(f"{name} ({oid}): the contract has {what} `{n}`, the SDK does not send it")
        model, paging = model_of(cast_to)
        sdk_members = fields(model)
        if sdk_members:
            contract_members = doc.answer(op, paging is not None)
            for n in sorted(sdk_members - contract_members):
                differences.append(f"{name} ({oid}): the SDK reads answer member `{n}`, the contract lacks it")
    for key in sorted(set(ops) - reached):
        differences.append(f"{ops[key]['operationId']}: {key[0]} {key[1]} has no method in the SDK")
    for d in differences:
        print(d)
    print(f"methods {len(methods)} operations {len(ops)} differences {len(differences)}")
    return 1 if differences else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "check":
        return check(argv[2])
    if len(argv) == 4 and argv[1] == "compare":
        return contract_compare.compare(argv[2], argv[3], "A", "B")
    if len(argv) == 4 and argv[1] == "admin-part":
        import contract_write

        contract_write.dump(contract_write.admin_part(contract_write.load(argv[2])), argv[3])
        return 0
    if len(argv) in (4, 6) and argv[1] == "write" and (len(argv) == 4 or argv[4] == "--keep"):
        import contract_write

        return contract_write.write(argv[2], argv[3], openai.__version__, argv[5] if len(argv) == 6 else None)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
