#!/usr/bin/env python3
"""Validate every NDJSON line the test suite captured against Google's published Live schema.

Usage: validate-schema.py DIR

DIR holds files named client-*.ndjson and server-*.ndjson (written by the tests through
GEMINI_LIVE_SCHEMA_LOG). Each line must parse with protobuf's json_format.Parse into
BidiGenerateContentClientMessage or BidiGenerateContentServerMessage respectively; Parse
rejects unknown fields, wrong types and bad base64, so this is the strict judge of validity.
Exits 1 on any invalid line and also when no line was checked (a silent pass proves nothing).
"""
import pathlib
import sys

from google.ai import generativelanguage_v1beta as glm
from google.protobuf import json_format

KINDS = {
    "client": glm.BidiGenerateContentClientMessage,
    "server": glm.BidiGenerateContentServerMessage,
}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    checked = {kind: 0 for kind in KINDS}
    failures = 0
    for path in sorted(root.glob("*.ndjson")):
        kind = path.name.split("-", 1)[0]
        if kind not in KINDS:
            print(f"{path}: unknown kind '{kind}' (expected client- or server-)", file=sys.stderr)
            failures += 1
            continue
        cls = KINDS[kind]
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.rstrip(b"\r\n")
                if not line.strip():
                    continue
                try:
                    json_format.Parse(line.decode("utf-8"), cls.pb()())
                    checked[kind] += 1
                except Exception as error:  # noqa: BLE001 - report every kind of failure
                    failures += 1
                    if failures <= 20:
                        print(f"{path}:{number}: not a valid {cls.__name__}: {error}", file=sys.stderr)
    total = sum(checked.values())
    summary = ", ".join(f"{count} {kind}" for kind, count in checked.items())
    print(f"schema: {total} lines checked ({summary}), {failures} invalid")
    if total == 0:
        print("schema: no lines were captured; is GEMINI_LIVE_SCHEMA_LOG reaching the tests?", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
