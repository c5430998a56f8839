#!/usr/bin/env python3
"""Fails when an #include crosses the layering of DESIGN §1.

base <- formats <- model <- {crypto, storage, mailauth} <- services <- mailflow <- protocols <- server.
mailauth (the DNS resolver, SPF, DKIM, DMARC) sits below the services because directory's
domain checks need the resolver; it never sees a service.
protocols/*/wire sees only base and formats. Services see storage interfaces only
(storage/*.h at the top of storage/), never a concrete backend. Only server/ (and tests)
may include concrete backends.
"""
import pathlib
import re
import sys

SERVICES = {"directory", "policy", "mailbox", "calendar", "contacts", "events", "jobs"}
LOW = {"base", "formats", "model"}
ALLOWED = {
    "base": {"base"},
    "formats": {"base", "formats"},
    "model": LOW,
    "crypto": LOW | {"crypto"},
    "storage": LOW | {"storage"},
    "net": {"base", "net"},
    "mailauth": LOW | {"crypto", "storage-if", "mailauth", "net"},
    "mailflow": LOW | {"crypto", "storage-if", "mailauth", "mailflow"} | SERVICES,
    "protocols": LOW | {"crypto", "storage-if", "mailauth", "mailflow", "net", "protocols"} | SERVICES,
    "server": None,  # the composition root sees everything
    "cli": None,
}
for s in SERVICES:
    ALLOWED[s] = LOW | {"crypto", "storage-if", "mailauth"} | SERVICES

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def target_layer(inc: str) -> str:
    parts = inc.split("/")
    if parts[0] == "storage":
        return "storage-if" if len(parts) == 2 else "storage"
    return parts[0]


def main(root: str) -> int:
    bad = []
    for path in sorted(pathlib.Path(root).rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        rel = path.relative_to(root).parts
        layer = rel[0]
        is_test = path.name.endswith("_test.cc") or path.name.endswith("_fuzz.cc")
        is_wire = layer == "protocols" and "wire" in rel
        allowed = {"base", "formats"} if is_wire else ALLOWED.get(layer)
        if allowed is None:
            continue
        own_wire = "/".join(rel[:rel.index("wire") + 1]) + "/" if is_wire else None
        for inc in INCLUDE.findall(path.read_text(errors="replace")):
            if own_wire and inc.startswith(own_wire):
                continue  # a wire parser may use its own siblings
            t = target_layer(inc)
            if t == "storage-if" and "storage" in allowed:
                continue
            if t in allowed:
                continue
            # Unit tests may build on concrete fakes and backends of lower layers.
            if is_test and t == "storage" and not is_wire:
                continue
            bad.append(f"{path}: includes \"{inc}\" ({layer} may not depend on {t})")
    for b in bad:
        print(b)
    if bad:
        print(f"check_layers: {len(bad)} include(s) cross the layering of DESIGN §1")
        return 1
    print("check_layers: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "src"))
