#!/usr/bin/env python3
"""Validates OpenLABEL files against the official JSON schema (draft-07) with
Debian's python3-jsonschema. Usage: validate_openlabel.py SCHEMA FILE...
Exit 0 when every file is valid; otherwise prints each error with its path."""
import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            instance = json.load(f)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            pointer = "/" + "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: {pointer}: {e.message[:300]}")
        if errors:
            print(f"{path}: {len(errors)} schema error(s)")
            failed = True
        else:
            print(f"{path}: valid OpenLABEL 1.0.0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
