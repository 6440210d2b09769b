"""What two contracts describe, compared structurally.

    python scripts/contract.py compare <contract A> <contract B>

Names of components and of operations, descriptions, examples and the
order of things do not count: each contract is read as the set of facts a
client depends on. Per operation (method and path, with `{}` for each path
parameter): the operation itself, each parameter (where it goes and its
name), every member of the request body and of the answer reached from the
operation (nested members by their path: `answer data[].owner.id`; a
union's branches merged), and every enum value of each of those. Each fact
only one side has is printed, one a line; the exit status is 1 when there
is one.
"""
import re

import yaml


def resolve(doc, ref):
    """What a `$ref` (`#/components/schemas/Name`) points to in `doc`."""
    target = doc
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return target


def deref(doc, s):
    """`s`, or what its chain of `$ref`s ends at."""
    seen = 0
    while isinstance(s, dict) and "$ref" in s:
        s = resolve(doc, s["$ref"])
        seen += 1
        if seen > 50:
            raise ValueError("a $ref circle")
    return s


class Facts:
    def __init__(self, doc):
        self.doc = doc

    def deref(self, s):
        return deref(self.doc, s)

    def nullable(self, schema):
        s = self.deref(schema)
        if not isinstance(s, dict):
            return False
        if s.get("nullable") is True or s.get("type") == "null" or (isinstance(s.get("type"), list) and "null" in s["type"]):
            return True
        return any(self.nullable(b) for b in (s.get("oneOf") or []) + (s.get("anyOf") or []))

    def walk(self, schema, prefix, out, stack=()):
        """Every member and enum value under a schema, as `prefix.member` and `prefix = value`."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if ref in stack:
            return
        if ref:
            stack = stack + (ref,)
        s = self.deref(schema)
        if not isinstance(s, dict):
            return
        for value in s.get("enum") or []:
            out.add(f"{prefix} = {value}")
        for branch in (s.get("allOf") or []) + (s.get("oneOf") or []) + (s.get("anyOf") or []):
            self.walk(branch, prefix, out, stack)
        required = set(s.get("required") or [])
        for name, member in (s.get("properties") or {}).items():
            out.add(f"{prefix}.{name}")
            if name in required:
                out.add(f"{prefix}.{name} required")
            if self.nullable(member):
                out.add(f"{prefix}.{name} nullable")
            self.walk(member, f"{prefix}.{name}", out, stack)
        if isinstance(s.get("items"), dict):
            self.walk(s["items"], f"{prefix}[]", out, stack)
        if isinstance(s.get("additionalProperties"), dict):
            self.walk(s["additionalProperties"], f"{prefix}{{}}", out, stack)

    def of(self):
        out = set()
        for path, item in self.doc["paths"].items():
            shape = re.sub(r"\{[^}]*\}", "{}", path)
            for verb, op in item.items():
                if not isinstance(op, dict) or "responses" not in op:
                    continue
                where = f"{verb.upper()} {shape}"
                out.add(where)
                for p in op.get("parameters") or []:
                    p = self.deref(p)
                    if p.get("in") == "path":
                        continue
                    name = f"{where} {p['in']} {p['name'].removesuffix('[]')}"
                    out.add(name)
                    self.walk(p.get("schema") or {}, name, out)
                body = (((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema")
                if body:
                    self.walk(body, f"{where} body", out)
                answer = (((self.deref(op["responses"].get("200") or {}).get("content") or {}).get("application/json")) or {}).get("schema")
                if answer:
                    self.walk(answer, f"{where} answer", out)
        return out


def facts(path_or_doc):
    doc = path_or_doc
    if isinstance(path_or_doc, str):
        with open(path_or_doc) as f:
            doc = yaml.safe_load(f)
    return Facts(doc).of()


def compare(a, b, label_a="A", label_b="B"):
    fa, fb = facts(a), facts(b)
    lines = [f"only in {label_a}: {x}" for x in sorted(fa - fb)] + [f"only in {label_b}: {x}" for x in sorted(fb - fa)]
    for line in lines:
        print(line)
    print(f"facts {label_a} {len(fa)} {label_b} {len(fb)} differences {len(lines)}")
    return 1 if lines else 0
