#!/usr/bin/env python3
"""Validates SARIF logs against the SARIF 2.1.0 JSON schema, offline.

    validate_sarif.py --schema SCHEMA.json FILE.sarif...

Each FILE is validated with jsonschema's Draft7Validator against SCHEMA
(test/Inputs/sarif/sarif-schema-2.1.0.json; its $refs are all internal).
Nothing is fetched: every remote $ref lookup is made to fail. `format` is not
checked (its checkers depend on optional modules).

Then the checks GitHub code scanning needs beyond the schema, per "SARIF
support for code scanning" (github/docs, content/code-security/reference/
code-scanning/sarif-files/sarif-support-for-code-scanning.md: properties
marked Required; "The empty string is not supported for required properties"):
  - `version` is "2.1.0";
  - `runs[].tool.driver.name` is present;
  - each result has `message.text`, and a first location ("At least one
    location is required ... Only the first value of this array is used")
    with `physicalLocation.artifactLocation.uri`.
Plus two leaklint rules that GitHub does not require (it lists `ruleId` and
`ruleIndex` as optional, but filters alerts by rule id):
  - each result has a `ruleId`;
  - a `ruleIndex` other than -1 (SARIF's "absent") indexes into
    `tool.driver.rules` and that rule's `id` is the `ruleId` (SARIF's
    result.ruleIndex; not checked when `rule.toolComponent` is given).

Prints `FILE: JSON-PATH: MESSAGE` per problem and exits 1 if there was any;
otherwise prints `FILE: valid SARIF 2.1.0 (N results)` per file and exits 0.
"""
import argparse
import json
import sys

import jsonschema


def make_validator(schema):
    try:  # jsonschema >= 4.18 resolves $refs through `referencing`.
        from referencing import Registry
        from referencing.exceptions import NoSuchResource
    except ImportError:  # e.g. Debian bookworm's python3-jsonschema 4.10.3
        def refuse(uri):
            raise jsonschema.RefResolutionError("not fetching " + uri)
        handlers = {scheme: refuse for scheme in ("http", "https", "file")}
        resolver = jsonschema.RefResolver("", schema, handlers=handlers)
        return jsonschema.Draft7Validator(schema, resolver=resolver)

    def refuse(uri):
        raise NoSuchResource(ref=uri)
    registry = Registry(retrieve=refuse)
    return jsonschema.Draft7Validator(schema, registry=registry)


def get(obj, *keys):
    """obj[k0][k1]..., or None where the structure does not fit."""
    for key in keys:
        if isinstance(key, int):
            ok = isinstance(obj, list) and -len(obj) <= key < len(obj)
        else:
            ok = isinstance(obj, dict) and key in obj
        if not ok:
            return None
        obj = obj[key]
    return obj


def github_problems(log):
    if log.get("version") != "2.1.0":
        yield "$.version", "must be \"2.1.0\""
    for r, run in enumerate(get(log, "runs") or []):
        at = "$.runs[%d]" % r
        if not get(run, "tool", "driver", "name"):
            yield at + ".tool.driver", "tool.driver.name is required"
        rules = get(run, "tool", "driver", "rules") or []
        for i, res in enumerate(get(run, "results") or []):
            here = "%s.results[%d]" % (at, i)
            if not get(res, "message", "text"):
                yield here, "message.text is required"
            if not get(res, "locations", 0):
                yield here, "at least one location is required"
            elif not get(res, "locations", 0, "physicalLocation",
                         "artifactLocation", "uri"):
                yield (here + ".locations[0]",
                       "physicalLocation.artifactLocation.uri is required")
            if not get(res, "ruleId"):
                yield here, "ruleId is required"
            index = get(res, "ruleIndex")
            if (not isinstance(index, int) or index == -1
                    or get(res, "rule", "toolComponent") is not None):
                continue
            if not 0 <= index < len(rules):
                yield (here + ".ruleIndex", "%d is out of range: "
                       "tool.driver.rules has %d rules" % (index, len(rules)))
            elif get(rules, index, "id") != get(res, "ruleId"):
                yield (here + ".ruleIndex", "rule %d has id %r, ruleId is %r"
                       % (index, get(rules, index, "id"), get(res, "ruleId")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True)
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        validator = make_validator(json.load(f))
    failed = False
    for name in args.files:
        try:
            with open(name, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as e:
            problems = [("$", "cannot read JSON: %s" % e)]
        else:
            errors = sorted(validator.iter_errors(log), key=lambda e: [
                (isinstance(k, str), k) for k in e.absolute_path])
            problems = [(e.json_path, e.message) for e in errors]
            if isinstance(log, dict):
                problems += github_problems(log)
        for path, message in problems:
            print("%s: %s: %s" % (name, path, message))
        failed |= bool(problems)
        if not problems:
            count = sum(len(get(run, "results") or [])
                        for run in get(log, "runs") or [])
            print("%s: valid SARIF 2.1.0 (%d results)" % (name, count))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
