#!/usr/bin/env python3
"""Writes docs/evaluation/real-code.md from the runs on real code:

  --realworld FILE  bench/realworld.py --json: recall on real leak fixes
  --realworld-whole-program FILE
                    bench/realworld.py --whole-program --json: the same in
                    whole-program mode
  --apps FILE       bench/apps.py --out: every distinct diagnostic on whole
                    applications, joined with bench/apps/triage.json
  --instructions FILE
                    bench/apps_instructions.py --report: the checks' cost in
                    instructions, included as it is (the figure that resolves
                    the 3% budget on this machine)
  --overhead FILE   bench/apps_overhead.py --report: the timed overhead
                    table, included as it is
and bench/apps/found.json, which explains each true finding and names the
runtime test that shows it.

  scripts/evaluate.sh --real-code   runs all three and this
"""
import argparse
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apps  # noqa: E402
from realworld import SHARED_DIR  # noqa: E402
from toolchain import SRC_ROOT, leaklint_commit  # noqa: E402

FOUND_JSON = os.path.join(apps.HERE, "apps", "found.json")


def shapes(data_dir):
    with open(os.path.join(data_dir, "pairs.tsv")) as f:
        return {row["id"]: row["shape"] for row in csv.DictReader(f, delimiter="\t")}


def recall(results, data_dir, whole=None):
    shape = shapes(data_dir)
    found = sum(r["found"] for r in results)
    quiet = sum(r["quiet"] for r in results)
    lines = ["## Recall on real leak fixes", "",
             "The %d pairs of `shared/realworld/` (a real commit that fixed a "
             "retention leak: the tree before and at the fix), run per translation "
             "unit by `bench/realworld.py`: a leak-* diagnostic on the leaking line "
             "of the buggy tree is *found*; none there in the fixed tree is *quiet*." % len(results),
             "", "**Found %d of %d; quiet on %d of %d fixed versions.**" % (
                 found, len(results), quiet, len(results)), ""]
    by_id = {r["id"]: r for r in whole or []}
    if whole:
        lines += ["In [whole-program mode](../whole-program.md) (`bench/realworld.py "
                  "--whole-program`: each side analyses its TU and the pair's `extra_tus` "
                  "with facts on, then `leaklint-merge`): **found %d of %d; quiet on %d of "
                  "%d fixed versions.** The merge took at most %.2f s per side." % (
                      sum(r["found"] for r in whole), len(whole),
                      sum(r["quiet"] for r in whole), len(whole),
                      max(r[s].get("merge_seconds", 0) for r in whole
                          for s in ("buggy", "fixed"))), ""]
    head = "| pair | kind | buggy | fixed |" + (" whole-program |" if whole else "")
    lines += [head + " what makes it hard |",
              "|---|---|---|---|" + ("---|" if whole else "") + "---|"]
    for r in results:
        cells = [r["id"], r["kind"], "found" if r["found"] else "**missed**",
                 "quiet" if r["quiet"] else "**noisy**"]
        if whole:
            w = by_id.get(r["id"])
            cells.append("not run" if not w else "%s, %s" % (
                "found" if w["found"] else "missed", "quiet" if w["quiet"] else "**noisy**"))
        cells.append(apps.md_escape(shape.get(r["id"], "")))
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def precision(findings, triage):
    by_key = {f["key"]: f for f in findings}
    lines = ["## Precision on whole applications", "",
             "Every C++ TU of five network libraries and servers (`shared/apps/`), "
             "run by `bench/apps.py`; each distinct diagnostic triaged by reading the "
             "code (`bench/apps/triage.json`). TP: the memory stays retained in a real "
             "run; TP-by-design: it does, and the project means it to; FP: it does not.",
             ""]
    by_check = apps.tally(by_key, triage, "check")
    lines += ["| check | %s | precision |" % " | ".join(apps.COLUMNS),
              "|---|" + "---:|" * (len(apps.COLUMNS) + 1)]
    for check in sorted(set(apps.CHECKS) | set(by_check)):
        row = by_check.get(check) or {}
        judged = row.get("TP", 0) + row.get("TP-by-design", 0) + row.get("FP", 0)
        prec = "%.0f%%" % (100.0 * (judged - row.get("FP", 0)) / judged) if judged else "—"
        lines.append("| %s | %s | %s |" % (check, apps.counts(row), prec))
    by_project = apps.tally(by_key, triage, "project")
    lines += ["", "| project | %s |" % " | ".join(apps.COLUMNS),
              "|---|" + "---:|" * len(apps.COLUMNS)]
    for name in apps.PROJECTS:
        lines.append("| %s | %s |" % (name, apps.counts(by_project.get(name))))
    gone = sorted(k for k in triage if k not in by_key)
    if gone:
        lines += ["", "%d earlier diagnostics are no longer reported (%s); their "
                  "verdicts stay in triage.json as a record." % (
                      len(gone), ", ".join(
                          "%d %s" % (n, v) for v, n in sorted(
                              {v: sum(triage[k]["verdict"] == v for k in gone)
                               for v in apps.VERDICTS}.items()) if n))]
    lines += ["", "Every diagnostic with its verdict and reason: "
              "[apps-results.md](apps-results.md).", ""]
    return lines


def found_section(findings, triage, found):
    reported = {f["key"] for f in findings}
    lines = ["## Found in real projects", "",
             "True findings in the applications, with a runtime demonstration "
             "where one can be built (a reduction of the real code's shape to "
             "standard C++, run before and after the fix).", ""]
    for title, entry in found.items():
        keys = [k for k in entry["keys"] if k in reported]
        lines += ["### %s" % title, "", entry["explanation"], ""]
        lines += ["- `%s` (%s)" % (k, triage.get(k, {}).get("verdict", "untriaged"))
                  for k in keys]
        missing = [k for k in entry["keys"] if k not in reported]
        lines += ["- no longer reported: `%s`" % k for k in missing]
        if entry.get("demo"):
            lines.append("- Runtime demonstration: [`%s`](../../%s)" % (entry["demo"],
                                                                          entry["demo"]))
        lines.append("")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--realworld", required=True)
    ap.add_argument("--realworld-whole-program")
    ap.add_argument("--apps", required=True)
    ap.add_argument("--instructions",
                    help="the apps_instructions.py report to include")
    ap.add_argument("--overhead", help="the apps_overhead.py report to include")
    ap.add_argument("--data", default=os.path.join(SHARED_DIR, "realworld"))
    ap.add_argument("--out", default=os.path.join(SRC_ROOT, "docs", "evaluation",
                                                  "real-code.md"))
    args = ap.parse_args()
    results = json.load(open(args.realworld))
    findings = json.load(open(args.apps))
    triage = apps.load_triage(apps.TRIAGE_JSON)
    found = json.load(open(FOUND_JSON))
    lines = ["<!-- Generated by bench/real_code_report.py; do not edit. Sources: "
             "bench/realworld.py, bench/apps.py, bench/apps_instructions.py, "
             "bench/apps_overhead.py, "
             "bench/apps/triage.json and found.json. -->",
             "# leaklint on real code", "",
             "Measured at leaklint %s. How to re-run: "
             "[README.md](README.md#real-code)." % leaklint_commit(), ""]
    whole = (json.load(open(args.realworld_whole_program))
             if args.realworld_whole_program else None)
    lines += recall(results, args.data, whole)
    lines += precision(findings, triage)
    def included(path):
        body = [ln for ln in open(path).read().splitlines()
                if not ln.startswith(("<!--", "# "))]
        while body and not body[0].strip():
            body.pop(0)
        return body + [""]
    if args.instructions or args.overhead:
        lines += ["## Overhead on real projects", ""]
    if args.instructions:
        lines += ["### Instructions (callgrind)", ""] + included(args.instructions)
    if args.overhead:
        lines += ["### Time and memory", "",
                  "Timed runs on this 2-core machine vary by more than the 3% "
                  "budget from run to run (one TU run six times: \u00b120%); "
                  "the CPU and wall ratios below bound the cost, the "
                  "instruction counts above measure it. Peak RSS is stable.",
                  ""] + included(args.overhead)
    lines += found_section(findings, triage, found)
    with open(args.out, "w") as out:
        out.write("\n".join(lines).rstrip() + "\n")
    print("real_code_report: wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
