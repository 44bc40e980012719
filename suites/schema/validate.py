#!/usr/bin/env python3
"""Validates suite files against suites/schema/suite.schema.json.

    python3 suites/schema/validate.py suites/*.json

Prints one line per file, "<file>: ok" or "<file>: invalid: <where>: <why>",
and exits 1 when any file is invalid. Like the C++ loader, it rejects a key
given twice in one object. The loader checks a few rules JSON Schema cannot
express (see the schema's description); `edgebench` is the final word.
Needs python3-jsonschema (Debian 12: 4.10).
"""
import argparse
import json
import pathlib
import sys

import jsonschema


def _reject_duplicates(pairs):
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(f"the key '{key}' appears twice")
    return dict(pairs)


def check(validator, path):
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f, object_pairs_hook=_reject_duplicates)
    except (OSError, ValueError) as e:
        return f"invalid: {e}"
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return "ok"
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    return f"invalid: {where or '(root)'}: {error.message}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--schema", default=str(pathlib.Path(__file__).with_name("suite.schema.json")))
    args = parser.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in args.files:
        verdict = check(validator, path)
        failed |= verdict != "ok"
        print(f"{path}: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
