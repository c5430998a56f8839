#!/usr/bin/env python3
"""Generates src/protocols/admin_api/model/workmail_model.cc from botocore's WorkMail models.

Inputs (docs/admin-api.md, "The model"):
  * the newer model: botocore's data/workmail/2017-10-01/service-2.json(.gz) of the botocore that
    `python3` imports (1.43.11 on the project machines, 92 operations), or --new PATH;
  * the older model, when present: Debian's python3-botocore copy
    /usr/lib/python3/dist-packages/botocore/data/workmail/2017-10-01/service-2.json (80 operations,
    what /usr/bin/aws 2.9.19 and Debian boto3 validate with), or --old PATH.

Output: one C++ source of constant tables (shapes, members, operations) describing every
operation's *input*: member names, types, required flags, min/max, ECMAScript patterns, enum
values, nested shapes, declared errors, idempotency-token member and whether it paginates.

The two models are merged leniently (wire reference §19):
  * a scalar whose constraints differ between the models keeps the newer shape and records the
    older one as an "alternative": a value is valid if it satisfies either;
  * structures, lists and maps present in both are merged member by member;
  * a member is required only if the newer model requires it; members only the older model has
    are kept, optional;
  * an operation's errors are the union of both models' lists.

Run:  scripts/gen_admin_model.py            (writes the file)
      scripts/gen_admin_model.py --check    (exit 1 if the committed file is stale; exit 0 with a
                                             note when botocore is not importable)
"""
import argparse
import gzip
import hashlib
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "src/protocols/admin_api/model/workmail_model.cc")
DEBIAN_OLD = "/usr/lib/python3/dist-packages/botocore/data/workmail/2017-10-01/service-2.json"

TYPES = {
    "string": "kString", "integer": "kInteger", "long": "kLong", "boolean": "kBoolean",
    "double": "kDouble", "float": "kDouble", "timestamp": "kTimestamp", "list": "kList",
    "map": "kMap", "structure": "kStructure", "blob": "kBlob",
}
CONSTRAINT_KEYS = ("type", "min", "max", "pattern", "enum")

# Java's POSIX-like \p{...} classes (java.util.regex.Pattern, US-ASCII only) as ECMAScript ranges.
JAVA_POSIX = {
    "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x00-\\x7F", "Alpha": "a-zA-Z", "Digit": "0-9",
    "Alnum": "a-zA-Z0-9", "Punct": "!-\\/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~",
    "Blank": " \\t", "Cntrl": "\\x00-\\x1F\\x7F", "XDigit": "0-9a-fA-F", "Space": " \\t\\n\\x0B\\f\\r",
}
# Java constructs std::regex's ECMAScript grammar does not have: refuse them loudly.
UNSUPPORTED = [r"\(\?>", r"\(\?<[=!]", r"\\[AzZGhHvVRX]", r"[*+?}]\+", r"\\Q", r"\(\?[a-z]+\)"]


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def find_new_model():
    import botocore  # noqa: PLC0415 (only needed when --new is not given)
    base = os.path.join(os.path.dirname(botocore.__file__), "data/workmail/2017-10-01")
    for name in ("service-2.json.gz", "service-2.json"):
        if os.path.exists(os.path.join(base, name)):
            return os.path.join(base, name), botocore.__version__
    raise SystemExit(f"no WorkMail model under {base}")


def convert_pattern(p):
    """Java regex (as botocore carries it) -> ECMAScript for std::regex; ASCII text only."""
    for bad in UNSUPPORTED:
        if re.search(bad, p):
            raise SystemExit(f"pattern {p!r} uses a Java construct std::regex lacks ({bad})")

    def posix(m):
        neg, name = m.group(1) == "P", m.group(2)
        if name not in JAVA_POSIX:
            raise SystemExit(f"pattern {p!r}: no ECMAScript equivalent for \\p{{{name}}}")
        return ("[^" if neg else "[") + JAVA_POSIX[name] + "]"

    out = re.sub(r"\\([pP])\{(?:Is)?([A-Za-z]+)\}", posix, p)
    # Non-ASCII characters become \uXXXX escapes so the C++ literal stays ASCII.
    out = "".join(c if ord(c) < 0x80 else "\\u%04X" % ord(c) for c in out)
    if any(ord(c) > 0xFFFF for c in p):
        raise SystemExit(f"pattern {p!r}: astral characters are not supported")
    re.compile(out)  # a sanity check only; the C++ test compiles every pattern with std::regex
    return out


def cstr(s):
    return json.dumps(s)  # JSON string escaping is valid C++ for ASCII text


class Emitter:
    def __init__(self, new, old):
        self.new, self.old = new, old
        self.shapes = []   # dicts
        self.index = {}    # (new_name, old_name) -> id
        self.by_content = {}
        self.in_progress = set()

    def constraints(self, model, name):
        s = model["shapes"][name]
        return {k: s.get(k) for k in CONSTRAINT_KEYS}

    def emit(self, new_name, old_name):
        """Shape id for a new-model shape merged with its old-model counterpart (either may be None).

        Identical results are shared, so the table holds each distinct shape once."""
        key = (new_name, old_name)
        if key in self.index:
            return self.index[key]
        if key in self.in_progress:
            raise SystemExit(f"recursive shape {key}: the validator assumes a finite input tree")
        self.in_progress.add(key)
        primary_model, primary = (self.new, new_name) if new_name else (self.old, old_name)
        s = primary_model["shapes"][primary]
        t = s["type"]
        other = self.old["shapes"][old_name] if new_name and old_name else None
        d = {"name": primary, "type": t, "min": s.get("min"), "max": s.get("max"),
             "pattern": convert_pattern(s["pattern"]) if "pattern" in s else "",
             "enum": tuple(s.get("enum", [])), "sensitive": bool(s.get("sensitive")),
             "members": (), "member": None, "key": None, "value": None, "alt": None}
        same_kind = other is not None and other["type"] == t

        def child(new_child, old_child):
            return self.emit(new_child, old_child) if new_name else self.emit(None, new_child)

        if t == "structure":
            old_members = other.get("members", {}) if same_kind else {}
            required = set(s.get("required", []))
            members = []
            for mname, m in s.get("members", {}).items():
                om = old_members.get(mname)
                members.append((mname, child(m["shape"], om["shape"] if om else None),
                                mname in required, bool(m.get("idempotencyToken"))))
            # Members only the older model knows: kept, never required.
            for mname, om in old_members.items():
                if mname not in s.get("members", {}):
                    members.append((mname, self.emit(None, om["shape"]), False,
                                    bool(om.get("idempotencyToken"))))
            d["members"] = tuple(members)
        elif t == "list":
            d["member"] = child(s["member"]["shape"], other["member"]["shape"] if same_kind else None)
        elif t == "map":
            d["key"] = child(s["key"]["shape"], other["key"]["shape"] if same_kind else None)
            d["value"] = child(s["value"]["shape"], other["value"]["shape"] if same_kind else None)
        composite = t in ("structure", "list", "map")
        if other is not None and (not same_kind or not composite):
            # A differing scalar (or a change of kind): the older shape is an alternative.
            if self.constraints(self.new, new_name) != self.constraints(self.old, old_name):
                d["alt"] = self.emit(None, old_name)
        elif other is not None and any(s.get(k) != other.get(k) for k in ("min", "max")):
            # A container's own size limits differ: keep the looser bounds.
            d["min"] = loosest_min(s.get("min"), other.get("min"))
            d["max"] = loosest_max(s.get("max"), other.get("max"))
        self.in_progress.discard(key)
        content = tuple(sorted(d.items()))
        if content not in self.by_content:
            self.by_content[content] = len(self.shapes)
            self.shapes.append(d)
        self.index[key] = self.by_content[content]
        return self.index[key]


def loosest_min(a, b):
    return None if a is None or b is None else min(a, b)


def loosest_max(a, b):
    return None if a is None or b is None else max(a, b)


def num(v):
    if v is None:
        return None
    if isinstance(v, float) and not v.is_integer():
        raise SystemExit(f"fractional bound {v} not supported")
    return int(v)


def generate(new, new_sha, new_ver, old, old_sha):
    em = Emitter(new, old)
    ops = []
    old_ops = old["operations"] if old else {}
    for name in sorted(set(new["operations"]) | set(old_ops)):
        nop = new["operations"].get(name)
        oop = old_ops.get(name)
        if nop:
            oin = oop["input"]["shape"] if oop and "input" in oop else None
            inp = em.emit(nop["input"]["shape"], oin) if "input" in nop else None
        else:
            inp = em.emit(None, oop["input"]["shape"]) if "input" in oop else None
        errors = []
        for op in (nop, oop):
            for e in (op or {}).get("errors", []):
                if e["shape"] not in errors:
                    errors.append(e["shape"])
        members = em.shapes[inp]["members"] if inp is not None else []
        names = [m[0] for m in members]
        token = next((m[0] for m in members if m[3]), "")
        ops.append({"name": name, "input": inp, "errors": sorted(errors),
                    "paginated": "NextToken" in names, "max_results": "MaxResults" in names,
                    "token": token, "in_older": oop is not None, "in_newer": nop is not None})
    return render(em.shapes, ops, new_sha, new_ver, old_sha)


def render(shapes, ops, new_sha, new_ver, old_sha):
    L = []
    w = L.append
    w("// clang-format off")
    w("// GENERATED by scripts/gen_admin_model.py -- do not edit; rerun the script instead.")
    w(f"// Newer model: botocore {new_ver} workmail 2017-10-01 service-2.json sha256 {new_sha}")
    w(f"// Older model: {'Debian python3-botocore workmail service-2.json sha256 ' + old_sha if old_sha else 'absent'}")
    w("// Input shapes only (every WorkMail timestamp and blob is output-only). See docs/admin-api.md.")
    w("")
    w('#include "protocols/admin_api/model/workmail_model.h"')
    w("")
    w("#include <algorithm>")
    w("")
    w("namespace skerry::admin_api::model {")
    w("namespace {")
    w("")
    enum_ids = {}
    for i, s in enumerate(shapes):
        if s["enum"]:
            keyt = tuple(s["enum"])
            if keyt not in enum_ids:
                enum_ids[keyt] = f"kEnum{len(enum_ids)}"
                w(f"constexpr std::string_view {enum_ids[keyt]}[] = {{{', '.join(cstr(v) for v in keyt)}}};")
    w("")
    for i, s in enumerate(shapes):
        if s["members"]:
            w(f"constexpr MemberDef kMembers{i}[] = {{")
            for (mname, child, req, tok) in s["members"]:
                w(f"    {{{cstr(mname)}, {child}, {'true' if req else 'false'}, {'true' if tok else 'false'}}},")
            w("};")
    w("")
    w("constexpr ShapeDef kShapes[] = {")
    for i, s in enumerate(shapes):
        mn, mx = num(s["min"]), num(s["max"])
        parts = [
            cstr(s["name"]), f"ShapeType::{TYPES[s['type']]}",
            "true" if mn is not None else "false", "true" if mx is not None else "false",
            str(mn or 0), str(mx or 0), cstr(s["pattern"]),
            enum_ids[tuple(s["enum"])] if s["enum"] else "{}",
            f"kMembers{i}" if s["members"] else "{}",
            str(s["member"]) if s["member"] is not None else "kNoShape",
            str(s["key"]) if s["key"] is not None else "kNoShape",
            str(s["value"]) if s["value"] is not None else "kNoShape",
            str(s["alt"]) if s["alt"] is not None else "kNoShape",
            "true" if s["sensitive"] else "false",
        ]
        w(f"    /*{i}*/ {{{', '.join(parts)}}},")
    w("};")
    w("")
    err_ids = {}
    for op in ops:
        keyt = tuple(op["errors"])
        if keyt and keyt not in err_ids:
            err_ids[keyt] = f"kErrors{len(err_ids)}"
            w(f"constexpr std::string_view {err_ids[keyt]}[] = {{")
            for e in keyt:
                w(f"    {cstr(e)},")
            w("};")
    w("")
    w("// Sorted by name (FindOperation does a binary search).")
    w("constexpr OperationDef kOperations[] = {")
    for op in ops:
        parts = [
            cstr(op["name"]), str(op["input"]) if op["input"] is not None else "kNoShape",
            err_ids[tuple(op["errors"])] if op["errors"] else "{}",
            "true" if op["paginated"] else "false", "true" if op["max_results"] else "false",
            cstr(op["token"]), "true" if op["in_older"] else "false",
            "true" if op["in_newer"] else "false",
        ]
        w(f"    {{{', '.join(parts)}}},")
    w("};")
    w("")
    w("}  // namespace")
    w("")
    w("std::span<const ShapeDef> Shapes() { return kShapes; }")
    w("std::span<const OperationDef> Operations() { return kOperations; }")
    w("")
    w("const OperationDef* FindOperation(std::string_view name) {")
    w("  auto it = std::lower_bound(std::begin(kOperations), std::end(kOperations), name,")
    w("                             [](const OperationDef& op, std::string_view n) { return op.name < n; });")
    w("  return it != std::end(kOperations) && it->name == name ? &*it : nullptr;")
    w("}")
    w("")
    w("}  // namespace skerry::admin_api::model")
    w("// clang-format on")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--new", help="newer service-2.json(.gz); default: importable botocore's")
    ap.add_argument("--old", help=f"older service-2.json; default: {DEBIAN_OLD} if present")
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with --out instead of writing")
    args = ap.parse_args()
    try:
        new_path, new_ver = (args.new, "(given)") if args.new else find_new_model()
    except ImportError:
        if args.check:
            print("gen_admin_model: botocore not importable; check skipped")
            return 0
        raise
    new, new_sha = load(new_path)
    old_path = args.old or (DEBIAN_OLD if os.path.exists(DEBIAN_OLD) else None)
    old, old_sha = load(old_path) if old_path else (None, None)
    text = generate(new, new_sha, new_ver, old, old_sha)
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            current = f.read()
        if current != text:
            print(f"gen_admin_model: {args.out} is stale; rerun scripts/gen_admin_model.py")
            return 1
        print("gen_admin_model: up to date")
        return 0
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"gen_admin_model: wrote {args.out} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
