#!/usr/bin/env python3
"""Fails when an #include crosses the layering of DESIGN §1.

base <- formats <- model <- {crypto, storage, mailauth} <- services <- mailflow <- protocols <- server.
mailauth (the DNS resolver, SPF, DKIM, DMARC) sits below the services because directory's
domain checks need the resolver; it never sees a service.
protocols/*/wire sees only base and formats. Services see storage interfaces only
(storage/*.h at the top of storage/), never a concrete backend; protocol handlers call services,
never storage. Only server/ (and tests) may include concrete backends. Asio stays out of the
pure layers (base, formats, model, crypto) and of every wire/ parser (sans-I/O).

Every source file counts (.h .hh .hpp .cc .cpp .ipp .inc), an include in <...> of a file that
exists in the tree counts like one in "...", and a top-level directory the rule does not name is
an error: a new layer has to be placed in it first.
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
    "protocols": LOW | {"crypto", "mailauth", "mailflow", "net", "protocols"} | SERVICES,
    "server": None,  # the composition root sees everything
    "cli": None,
}
for s in SERVICES:
    ALLOWED[s] = LOW | {"crypto", "storage-if", "mailauth"} | SERVICES

INCLUDE = re.compile(r'^\s*#\s*include\s+(?:"([^"]+)"|<([^>]+)>)', re.M)
SOURCES = {".h", ".hh", ".hpp", ".cc", ".cpp", ".ipp", ".inc"}
NO_ASIO = {"base", "formats", "model", "crypto"}


def target_layer(inc: str) -> str:
    parts = inc.split("/")
    if parts[0] == "storage":
        return "storage-if" if len(parts) == 2 else "storage"
    return parts[0]


def main(root: str) -> int:
    bad = []
    for path in sorted(pathlib.Path(root).rglob("*")):
        if path.suffix not in SOURCES or not path.is_file():
            continue
        rel = path.relative_to(root).parts
        layer = rel[0]
        if len(rel) == 1:
            bad.append(f"{path}: a source file outside every layer")
            continue
        if layer not in ALLOWED and layer not in SERVICES:
            bad.append(f"{path}: {layer}/ is not a layer of DESIGN §1 (place it in scripts/check_layers.py)")
            continue
        is_test = path.stem.endswith("_test") or path.stem.endswith("_fuzz")
        is_wire = layer == "protocols" and "wire" in rel
        allowed = {"base", "formats"} if is_wire else ALLOWED.get(layer)
        own_wire = "/".join(rel[:rel.index("wire") + 1]) + "/" if is_wire else None
        for quoted, angled in INCLUDE.findall(path.read_text(errors="replace")):
            inc = quoted or angled
            if angled:
                if inc.startswith("boost/asio") and (is_wire or layer in NO_ASIO):
                    where = "a wire parser" if is_wire else layer
                    bad.append(f"{path}: includes <{inc}> ({where} is sans-I/O: no Asio)")
                    continue
                if not (pathlib.Path(root) / inc).is_file():
                    continue  # a system or third-party header (<net/if.h> is not our net/)
            if allowed is None:
                continue  # the composition roots see everything
            if own_wire and inc.startswith(own_wire):
                continue  # a wire parser may use its own siblings
            t = target_layer(inc)
            if t == "storage-if" and "storage" in allowed:
                continue
            if t in allowed:
                continue
            # Unit tests may build on concrete fakes and backends of lower layers.
            if is_test and t in ("storage", "storage-if") and not is_wire:
                continue
            bad.append(f"{path}: includes \"{inc}\" ({layer} may not depend on {t})")
    for b in bad:
        print(b)
    if bad:
        print(f"check_layers: {len(bad)} include(s) or file(s) break the layering of DESIGN §1")
        return 1
    print("check_layers: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "src"))
