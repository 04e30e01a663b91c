#!/usr/bin/env python3
"""Real-world leaks: runs the leak-* checks on both sides of every pair in
shared/realworld/pairs.tsv (the project's tree just before a commit that
fixed a retention leak, and at the fix) with the semantics of that folder's
run.sh:

  found  a leak-* diagnostic (warning or error) lands on a line of a leak_file
         that leak_line_regex matches (grep -E), in the buggy tree
  quiet  no leak-* diagnostic lands on such a line in the fixed tree

  bench/realworld.py                     run every pair, print the table
  bench/realworld.py --row ID -v         one pair, every diagnostic and note
  bench/realworld.py --check             exit 1 on a regression against
                                         bench/realworld/expected.json
                                         (a found pair missed, a quiet pair
                                         noisy) or a crash
  bench/realworld.py --update            record the run in expected.json
  bench/realworld.py --json FILE         per-pair results, for reports
  bench/realworld.py --tidy "clang-tidy-22 --load=/x/LeakLint.so"
                                         any front end taking clang-tidy's
                                         arguments (default: the build's)
  bench/realworld.py --whole-program     whole-program mode
                                         (docs/whole-program.md): every side
                                         analyses its tu and extra_tus with
                                         facts on, then leaklint-merge; the
                                         diagnostics of both count, against
                                         expected-whole-program.json
  bench/realworld.py --whole-program --spanning-only
                                         only the pairs with extra_tus (CI)

The data (pairs.tsv, trees/) is in shared/realworld, beside the source tree
(--data or $LEAKLINT_REALWORLD_DIR); bench/install-real-code.sh installs the
Debian packages its TUs include.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from toolchain import SRC_ROOT, Toolchain, default_build_dir  # noqa: E402

EXPECTED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "realworld")
SHARED_DIR = os.environ.get("LEAKLINT_SHARED_DIR",
                            os.path.join(os.path.dirname(SRC_ROOT), "shared"))
CRASH_MARKERS = ("PLEASE submit a bug report", "LLVM ERROR")
# A diagnostic line as run.sh reads it: the path ends at the first
# ":LINE:COL: "; "[leak-x,-warnings-as-errors]" is a leak-* one too.
DIAG = re.compile(r"^([^ ].*?):(\d+):(\d+): (warning|error|note|fatal error): (.*)$")
LEAK_NAME = re.compile(r"\[(leak-[^]]*)\]$")


# --- shared with bench/apps.py -------------------------------------------

def add_tool_options(ap):
    ap.add_argument("--build-dir", default=default_build_dir(),
                    help="leaklint build whose clang-tidy plugin to load")
    ap.add_argument("--tidy", help="clang-tidy command line that loads the leak-* "
                    "checks (shell-quoted), instead of the build's")


def tidy_prefix(args):
    """The front end's argv, without the arguments for one run."""
    if args.tidy:
        return shlex.split(args.tidy)
    return Toolchain(args.build_dir).tidy()


def crashed(returncode, output, markers=CRASH_MARKERS):
    return returncode < 0 or any(m in output for m in markers)


# --- one side of a pair ---------------------------------------------------

@dataclass
class Pair:
    id: str
    repo: str
    kind: str
    tu: str
    flags: str
    leak_files: list
    regex: str
    extra_tus: list


@dataclass
class Side:
    name: str
    diagnostics: list = field(default_factory=list)  # leak-* with their notes
    errors: list = field(default_factory=list)  # compile error lines
    hit: bool = False
    crashed: bool = False
    returncode: int = 0
    seconds: float = 0.0
    merge_seconds: float = 0.0  # whole-program mode: leaklint-merge's part


def read_pairs(data_dir):
    with open(os.path.join(data_dir, "pairs.tsv"), newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Pair(r["id"], r["repo"], r["kind"], r["tu"], r["compile_flags"],
                     r["leak_file"].split(";"), r["leak_line_regex"],
                     [t for t in (r.get("extra_tus") or "").split(";") if t])
                for r in rows if r["id"] and not r["id"].startswith("#")]


def expand_flags(flags, deps):
    """compile_flags with {deps} replaced, word-split and $(...) expanded by
    the shell, as run.sh's eval does."""
    script = 'eval "set -- $1"; printf "%s\\0" "$@"'
    out = subprocess.run(["bash", "-c", script, "_", flags.replace("{deps}", deps)],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\0")[:-1]


def leak_lines(tree, pair):
    """{(realpath, line)} of the lines leak_line_regex matches."""
    targets = set()
    for rel in pair.leak_files:
        path = os.path.join(tree, rel)
        if not os.path.isfile(path):
            continue
        out = subprocess.run(["grep", "-nE", "--", pair.regex, path],
                             capture_output=True, text=True, errors="replace").stdout
        real = os.path.realpath(path)
        targets.update((real, int(ln.split(":", 1)[0])) for ln in out.splitlines())
    return targets


def parse_output(text, tree):
    """leak-* diagnostics (each with the notes that follow it) and the
    compile error lines of clang-tidy's output."""
    diags, errors, current = [], [], None
    for line in text.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        path, ln, col, severity, message = m.groups()
        leak = LEAK_NAME.search(line)
        if severity == "note":
            if current is not None:
                current["notes"].append(line)
            continue
        current = None
        if leak and severity in ("warning", "error"):
            real = os.path.realpath(os.path.join(tree, path))
            current = {"text": line, "path": real, "line": int(ln), "col": int(col),
                       "severity": severity, "check": leak.group(1).split(",")[0],
                       "message": message[:leak.start() - len(line)].rstrip(), "notes": []}
            diags.append(current)
        elif "error" in severity and not leak and ".clang-tidy:" not in line:
            errors.append(line)
    return diags, errors


def run_side(tidy, root, pair, name, keep, merge=None):
    """One side. With \p merge (leaklint-merge's path), whole-program mode:
    the TU and the pair's extra TUs write facts, and the merge's findings
    count with the per-TU ones."""
    tree = os.path.join(root, name)
    argv = expand_flags(pair.flags, os.path.join(root, "deps"))
    tus = [pair.tu]
    options = []
    if merge:
        facts = os.path.join(root, name + ".facts")
        tus += pair.extra_tus
        # InheritParentConfig keeps the tree's own .clang-tidy.
        options = ["--config={InheritParentConfig: true, CheckOptions: "
                   "{FactsDirectory: '%s'}}" % facts]
    cmd = tidy + ["-checks=-*,leak-*", "--header-filter=.*"] + options + tus + ["--"] + argv
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    output = proc.stdout
    returncode = proc.returncode
    map_seconds = time.monotonic() - start
    if merge:
        merged = subprocess.run([merge, facts], cwd=tree, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace")
        output += merged.stdout
        returncode = returncode or merged.returncode
    side = Side(name, returncode=returncode, seconds=time.monotonic() - start,
                crashed=crashed(returncode, output))
    if merge:
        side.merge_seconds = side.seconds - map_seconds
    side.diagnostics, side.errors = parse_output(output, tree)
    targets = leak_lines(tree, pair)
    side.hit = any((d["path"], d["line"]) in targets for d in side.diagnostics)
    if keep:
        with open(tree + ".tidy.out", "w") as out:
            out.write(output)
    return side


# --- reporting ------------------------------------------------------------

def side_note(side):
    note = "%s: %d leak-* in TU" % (side.name, len(side.diagnostics))
    if side.errors:
        note += ", %d compile errors" % len(side.errors)
    if side.crashed:
        note += ", clang-tidy crashed (exit %d)" % side.returncode
    return note


def strip_root(root, side):
    """Shortens the paths in a line: the side's tree to nothing, the pair's
    unpacked root (deps/) to its relative name."""
    roots = {os.path.realpath(root), os.path.abspath(root)}

    def strip(text):
        for r in roots:
            text = text.replace(os.path.join(r, side) + "/", "").replace(r + "/", "")
        return text
    return strip


def print_pair(pair, buggy, fixed, verbose, root):
    print("%-32s %-9s %-7s %-6s (%s; %s)" % (
        pair.id, pair.kind, "found" if buggy.hit else "missed",
        "noisy" if fixed.hit else "quiet", side_note(buggy), side_note(fixed)))
    if not verbose:
        return
    for side in (buggy, fixed):
        strip = strip_root(root, side.name)
        for d in side.diagnostics:
            for line in [d["text"]] + d["notes"]:
                print("      %s: %s" % (side.name, strip(line)))
        for line in side.errors:
            print("      %s: %s" % (side.name, strip(line)))


def pair_json(pair, buggy, fixed, root):
    def side_json(side):
        strip = strip_root(root, side.name)
        return {"leak_diagnostics": len(side.diagnostics),
                "diagnostics": [dict(d, path=strip(d["path"]), text=strip(d["text"]),
                                     notes=[strip(n) for n in d["notes"]])
                                for d in side.diagnostics],
                "compile_errors": [strip(e) for e in side.errors],
                "crashed": side.crashed, "returncode": side.returncode,
                "seconds": round(side.seconds, 2),
                "merge_seconds": round(side.merge_seconds, 3)}
    return {"id": pair.id, "repo": pair.repo, "kind": pair.kind, "tu": pair.tu,
            "found": buggy.hit, "quiet": not fixed.hit,
            "buggy": side_json(buggy), "fixed": side_json(fixed)}


# --- expected results -----------------------------------------------------

def compare(results, expected):
    """Regressions and improvements of the pairs that ran."""
    regressions, improvements = [], []
    for r in results:
        for what, now in (("found", r["found"]), ("quiet", r["quiet"])):
            was = r["id"] in expected.get(what, [])
            if was and not now:
                regressions.append("%s: was %s, now %s" % (
                    r["id"], what, "missed" if what == "found" else "noisy"))
            elif now and not was:
                improvements.append("%s: newly %s" % (r["id"], what))
    return regressions, improvements


def update_expected(results, expected, path):
    ran = {r["id"] for r in results}
    out = {"comment": expected.get(
        "comment", "Pairs of shared/realworld/pairs.tsv that bench/realworld.py "
        "--check expects found (buggy side) and quiet (fixed side); rewrite with --update.")}
    for what in ("found", "quiet"):
        kept = [i for i in expected.get(what, []) if i not in ran]
        out[what] = sorted(kept + [r["id"] for r in results if r[what]])
    with open(path, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


def load_expected(path):
    if not os.path.exists(path):
        return {}
    return json.load(open(path))


# --- main -----------------------------------------------------------------

def select(pairs, rows):
    known = {p.id for p in pairs}
    for r in rows or []:
        if r not in known:
            raise SystemExit("realworld: no row '%s' in pairs.tsv" % r)
    return [p for p in pairs if not rows or p.id in rows]


def unpack(data_dir, pair, work):
    root = os.path.join(work, pair.id)
    os.makedirs(root, exist_ok=True)
    subprocess.run(["tar", "-xJf", os.path.join(data_dir, "trees", pair.id + ".tar.xz"),
                    "-C", root], check=True)
    return root


def run_all(tidy, data_dir, pairs, work, args):
    """Runs every side in the pool; prints the pairs in pairs.tsv order."""
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        roots = list(pool.map(lambda p: unpack(data_dir, p, work), pairs))
        merge = Toolchain(args.build_dir).leaklint_merge if args.whole_program else None
        futures = [[pool.submit(run_side, tidy, root, p, s, args.keep, merge)
                    for s in ("buggy", "fixed")]
                   for p, root in zip(pairs, roots)]
        for pair, root, (fb, ff) in zip(pairs, roots, futures):
            buggy, fixed = fb.result(), ff.result()
            print_pair(pair, buggy, fixed, args.verbose, root)
            sys.stdout.flush()
            results.append(pair_json(pair, buggy, fixed, root))
    return results


def summarize(results):
    broken = sum(bool(r[s]["compile_errors"]) + r[s]["crashed"]
                 for r in results for s in ("buggy", "fixed"))
    if broken:
        print("note: %d side(s) had compile errors or a crash; their results are not "
              "meaningful" % broken)
    print("real-world pairs: found %d of %d buggy; quiet on %d of %d fixed" % (
        sum(r["found"] for r in results), len(results),
        sum(r["quiet"] for r in results), len(results)))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tool_options(ap)
    ap.add_argument("--data", default=os.environ.get(
        "LEAKLINT_REALWORLD_DIR", os.path.join(SHARED_DIR, "realworld")),
        help="folder with pairs.tsv and trees/")
    ap.add_argument("--row", action="append", metavar="ID", help="only this pair (repeatable)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--keep", metavar="DIR", help="unpack into DIR and keep the trees "
                    "and clang-tidy's output (DIR/ID/buggy.tidy.out)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every leak-* diagnostic with its notes")
    ap.add_argument("--json", metavar="FILE", help="write per-pair results here")
    ap.add_argument("--spanning-only", action="store_true",
                    help="only the pairs whose leak spans other TUs (a non-empty "
                    "extra_tus); the others give what they give per TU")
    ap.add_argument("--whole-program", action="store_true",
                    help="analyse each side's extra_tus too, with facts, and "
                    "count leaklint-merge's findings (expected-whole-program.json)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="exit 1 on a regression against expected.json or a crash")
    mode.add_argument("--update", action="store_true", help="rewrite expected.json")
    return ap.parse_args()


def main():
    args = parse_args()
    if not os.path.exists(os.path.join(args.data, "pairs.tsv")):
        raise SystemExit("realworld: %s: no pairs.tsv (set --data)" % args.data)
    pairs = select(read_pairs(args.data), args.row)
    if args.spanning_only:
        pairs = [p for p in pairs if p.extra_tus]
    tidy = tidy_prefix(args)
    start = time.monotonic()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        results = run_all(tidy, args.data, pairs, os.path.abspath(args.keep), args)
    else:
        with tempfile.TemporaryDirectory(prefix="realworld.") as work:
            results = run_all(tidy, args.data, pairs, work, args)
    summarize(results)
    print("wall time: %.0f s (-j %d)" % (time.monotonic() - start, args.jobs))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    crashes = ["%s (%s)" % (r["id"], s) for r in results for s in ("buggy", "fixed")
               if r[s]["crashed"]]
    for c in crashes:
        print("CRASH: %s" % c)
    expected = os.path.join(EXPECTED_DIR, "expected-whole-program.json"
                            if args.whole_program else "expected.json")
    if args.update:
        update_expected(results, load_expected(expected), expected)
        print("realworld: wrote %s" % os.path.relpath(expected))
    if not args.check:
        return 0
    regressions, improvements = compare(results, load_expected(expected))
    for line in improvements:
        print("improvement: " + line)
    for line in regressions:
        print("REGRESSION: " + line)
    return 1 if regressions or crashes else 0


if __name__ == "__main__":
    sys.exit(main())
