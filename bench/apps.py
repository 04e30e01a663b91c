#!/usr/bin/env python3
"""Whole applications: runs every leak-* check over every C++ TU of the five
network libraries and servers in shared/apps (muduo, trantor, evpp,
workflow, libhv), collects each distinct diagnostic once and joins it with
its verdict from bench/apps/triage.json. It shows how the checks behave on
code not written to exercise them: what they report, whether a TU crashes
them and how long a whole project takes.

  bench/apps.py                      configure (once) and run every project
  bench/apps.py --sized              the CI subset: libhv and trantor, the two
                                     projects with the fewest C++ TUs (57, 67)
  bench/apps.py --projects muduo -v  one project, every diagnostic and note
  bench/apps.py --out FILE.json      every distinct diagnostic, for triage
  bench/apps.py --report FILE.md     the markdown results table
  bench/apps.py --check              exit 1 on an untriaged diagnostic, a
                                     diagnostic triaged FP, or a crash
  bench/apps.py --tidy "clang-tidy-22 --load=/x/LeakLint.so"
                                     any front end taking clang-tidy's
                                     arguments (default: the build's)

A diagnostic's key is `project|check|path:line:col`, the path relative to
the project's src/. Triage entries are {key: {"verdict": "TP" | "TP-by-design"
| "FP", "reason": "one line"}}; an entry whose key is no longer reported is
printed as "gone:" and is not a failure. Projects are configured with
shared/apps/configure.sh into --work (default $LEAKLINT_APPS_WORK or
/tmp/leaklint-apps), again only when the archive is newer or --reconfigure;
bench/install-real-code.sh installs the Debian packages they need.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from precision import line_col  # noqa: E402
from realworld import SHARED_DIR, add_tool_options, crashed, tidy_prefix  # noqa: E402
from toolchain import Toolchain  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TRIAGE_JSON = os.path.join(HERE, "apps", "triage.json")
VERDICTS = ("TP", "TP-by-design", "FP")
CRASH_MARKERS = ("PLEASE submit a bug report", "LLVM ERROR", "Assertion")
CXX_EXTENSIONS = (".cc", ".cpp", ".cxx", ".c++", ".C")
COMPILE_ERROR = re.compile(r"^[^ ].*:\d+:\d+: (fatal )?error: ")

# From the notes column of apps.tsv: the vendored code each project's TUs
# exclude (paths relative to src/; C files are always excluded), and the
# folders whose headers are the project's own.
PROJECTS = {
    "libhv": {"exclude": [], "headers": ""},
    "trantor": {"exclude": ["third_party/"], "headers": ""},
    "workflow": {"exclude": [], "headers": ""},
    "muduo": {"exclude": [], "headers": ""},
    "evpp": {"exclude": ["3rdparty/"],
             "headers": "(evpp|apps|examples|test|benchmark|labs)/"},
}
SIZED = ("libhv", "trantor")
CHECKS = ("leak-callback-cycle", "leak-shared-ptr-cycle", "leak-static-instance-cache",
          "leak-unbounded-container")  # listed in the per-check table even when silent


# --- projects and their TUs -----------------------------------------------

def configure(name, apps_dir, work, force):
    """OUTDIR/build/compile_commands.json, configuring when it is missing or
    older than the archive."""
    out = os.path.join(work, name)
    db = os.path.join(out, "build", "compile_commands.json")
    archive = os.path.join(apps_dir, name + ".tar.xz")
    if force or not os.path.exists(db) or os.path.getmtime(db) < os.path.getmtime(archive):
        proc = subprocess.run([os.path.join(apps_dir, "configure.sh"), name, out],
                              capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit("apps: configuring %s failed:\n%s%s"
                             % (name, proc.stdout[-2000:], proc.stderr[-2000:]))
    return out


def translation_units(name, out):
    """{TU: its compile directory} of the C++ TUs to analyse, in database
    order; clang-tidy runs every command the database has for a TU."""
    src = os.path.join(out, "src")
    tus = {}
    for e in json.load(open(os.path.join(out, "build", "compile_commands.json"))):
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        rel = os.path.relpath(path, src)
        if path.endswith(CXX_EXTENSIONS) and not any(
                rel.startswith(x) for x in PROJECTS[name]["exclude"]):
            tus.setdefault(path, e["directory"])
    return tus


def header_filter(name, out):
    return "^" + re.escape(os.path.join(out, "src")) + "/" + PROJECTS[name]["headers"]


# --- one TU ---------------------------------------------------------------

def location(path, offset, out):
    """`path:line:col`, the path relative to src/ when it is in the project."""
    path = os.path.normpath(path)
    line, col = line_col(path, offset)
    rel = os.path.relpath(path, os.path.join(out, "src"))
    if rel.startswith("../") and os.path.relpath(path, out).startswith("../"):
        rel = path
    return "%s:%d:%d" % (rel, line, col)


def facts_dir(out):
    """Where whole-program mode keeps a project's facts."""
    return os.path.join(out, "leaklint-facts")


def run_tu(tidy, name, out, tu, whole_program=False):
    config = 'Checks: "-*,leak-*"'
    if whole_program:
        config += ", CheckOptions: {FactsDirectory: '%s'}" % facts_dir(out)
    with tempfile.TemporaryDirectory() as tmp:
        fixes = os.path.join(tmp, "fixes.yaml")
        cmd = tidy + ["--config={%s}" % config, "-p", os.path.join(out, "build"),
                      "--header-filter=" + header_filter(name, out),
                      "--extra-arg=-Wno-error", "--export-fixes=" + fixes, tu]
        start = time.monotonic()
        proc = subprocess.run(cmd, cwd=out, capture_output=True, text=True, errors="replace")
        seconds = time.monotonic() - start
        diags = []
        if os.path.exists(fixes):
            diags = (yaml.safe_load(open(fixes)) or {}).get("Diagnostics") or []
    text = proc.stdout + proc.stderr
    errors = [ln for ln in text.splitlines() if COMPILE_ERROR.match(ln) and "[leak-" not in ln]
    return {"tu": os.path.relpath(tu, out), "seconds": seconds, "errors": errors, "output": text,
            "crashed": crashed(proc.returncode, text, CRASH_MARKERS),
            # A front end that fails without a compile error (a plugin that
            # does not load, a bad option) must not pass as "no findings".
            "failed": proc.returncode != 0 and not errors,
            "diagnostics": [d for d in diags if d["DiagnosticName"].startswith("leak-")]}


def finding(project, out, cwd, d):
    """A leak-* diagnostic of the exported fixes as (key, entry). Paths are
    as the compiler spelled them: relative ones are relative to the TU's
    compile directory `cwd`."""
    m = d["DiagnosticMessage"]
    loc = location(os.path.join(cwd, m["FilePath"]), m["FileOffset"], out)
    key = "%s|%s|%s" % (project, d["DiagnosticName"], loc)
    notes = [[location(os.path.join(cwd, n["FilePath"]), n["FileOffset"], out), n["Message"]]
             for n in d.get("Notes") or []]
    return key, {"key": key, "project": project, "check": d["DiagnosticName"],
                 "location": loc, "message": m["Message"], "notes": notes, "tus": []}


# --- one project ----------------------------------------------------------

class Progress:
    """A project's distinct diagnostics as its TUs finish, and its one
    progress line, rewritten in place on a terminal."""

    def __init__(self, name, total):
        self.name, self.total, self.start = name, total, time.monotonic()
        self.done = self.diags = 0
        self.findings = {}
        self.lock = threading.Lock()

    def line(self, extra=""):
        return "%-9s %3d/%d TUs, %d leak-* diagnostics from TUs, %d distinct, %.0f s%s" % (
            self.name, self.done, self.total, self.diags, len(self.findings),
            time.monotonic() - self.start, extra)

    def add(self, result, found):
        with self.lock:
            self.done += 1
            self.diags += len(found)
            for key, entry in found:
                self.findings.setdefault(key, entry)["tus"].append(result["tu"])
            if sys.stdout.isatty():
                print("\r" + self.line(), end="", flush=True)


def run_project(tidy, name, out, args):
    """Runs the project's TUs; returns its distinct diagnostics and figures."""
    tus = translation_units(name, out)
    progress = Progress(name, len(tus))
    deadline = progress.start + args.budget

    def job(tu):
        if time.monotonic() > deadline:
            return None  # over budget: not started
        result = run_tu(tidy, name, out, tu, args.whole_program)
        progress.add(result, [finding(name, out, tus[tu], d) for d in result["diagnostics"]])
        return result

    if args.whole_program:
        shutil.rmtree(facts_dir(out), ignore_errors=True)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = [r for r in pool.map(job, tus) if r is not None]
    map_seconds = time.monotonic() - progress.start
    merge = run_merge(Toolchain(args.build_dir).leaklint_merge, name, out, progress) \
        if args.whole_program else None
    skipped = len(tus) - len(results)
    extra = "; budget of %d s exceeded, %d TUs not run" % (args.budget, skipped) \
        if skipped else ""
    print(("\r" if sys.stdout.isatty() else "") + progress.line(extra), flush=True)
    report_tus(name, out, results)
    return progress.findings, {
        "project": name, "tus": len(tus), "ran": len(results), "skipped": skipped,
        "seconds": time.monotonic() - progress.start,
        "map_seconds": map_seconds, "merge": merge,
        "crashes": [r["tu"] for r in results if r["crashed"] or r["failed"]] +
                   (["leaklint-merge"] if merge and merge["failed"] else []),
        "compile_errors": {r["tu"]: len(r["errors"]) for r in results if r["errors"]}}


def run_merge(merge, name, out, progress):
    """Whole-program mode: leaklint-merge over the project's facts; its
    findings join the per-TU ones."""
    with tempfile.TemporaryDirectory() as tmp:
        fixes = os.path.join(tmp, "merged.yaml")
        start = time.monotonic()
        proc = subprocess.run([merge, "--export-fixes=" + fixes, facts_dir(out)],
                              capture_output=True, text=True, errors="replace")
        seconds = time.monotonic() - start
        diags = (yaml.safe_load(open(fixes)) or {}).get("Diagnostics") or [] \
            if os.path.exists(fixes) else []
    found = [finding(name, out, out, d) for d in diags]
    for key, entry in found:
        progress.findings.setdefault(key, entry)["tus"].append("(leaklint-merge)")
    print("%-9s whole-program merge: %d findings in %.2f s%s" % (
        name, len(found), seconds, "" if proc.returncode == 0 else
        "; FAILED (exit %d): %s" % (proc.returncode, proc.stderr[-2000:])))
    return {"seconds": seconds, "findings": len(found), "failed": proc.returncode != 0}


def report_tus(name, out, results):
    for r in results:
        if r["crashed"] or r["failed"]:
            print("%s %s: %s\n%s" % ("CRASH" if r["crashed"] else "FAILED", name,
                                     r["tu"], r["output"][-3000:]))
        if r["errors"]:
            print("  %s: %d compile errors, the first: %s" % (
                r["tu"], len(r["errors"]), r["errors"][0].replace(out + "/", "")))


# --- triage and results ---------------------------------------------------

def load_triage(path):
    if not os.path.exists(path):
        return {}
    triage = json.load(open(path))
    for key, t in triage.items():
        if t.get("verdict") not in VERDICTS:
            raise SystemExit("%s: %s: verdict '%s'; allowed values are %s"
                             % (path, key, t.get("verdict"), ", ".join(VERDICTS)))
    return triage


def verdict(triage, key):
    return triage[key]["verdict"] if key in triage else "untriaged"


COLUMNS = ("diagnostics",) + VERDICTS + ("untriaged",)


def tally(findings, triage, field):
    """{group: {column: count}} of the distinct diagnostics by `field`."""
    rows = {}
    for key, f in findings.items():
        row = rows.setdefault(f[field], dict.fromkeys(COLUMNS, 0))
        row["diagnostics"] += 1
        row[verdict(triage, key)] += 1
    return rows


def counts(row):
    """A table row's count cells; None is a group without diagnostics."""
    return " | ".join("%d" % (row or {}).get(c, 0) for c in COLUMNS)


def summary_tables(findings, triage, runs):
    """The per-project and per-check tables, as markdown lines."""
    by_project = tally(findings, triage, "project")
    lines = ["| project | C++ TUs | %s | crashes | TUs with compile errors | seconds |"
             % " | ".join(COLUMNS), "|---|" + "---:|" * (len(COLUMNS) + 4)]
    for r in runs:
        tus = "%d" % r["tus"] if not r["skipped"] else "%d of %d" % (r["ran"], r["tus"])
        lines.append("| %s | %s | %s | %d | %d | %.0f |" % (
            r["project"], tus, counts(by_project.get(r["project"])),
            len(r["crashes"]), len(r["compile_errors"]), r["seconds"]))
    lines += ["", "| check | %s |" % " | ".join(COLUMNS), "|---|" + "---:|" * len(COLUMNS)]
    by_check = tally(findings, triage, "check")
    for check in sorted(set(CHECKS) | set(by_check)):
        lines.append("| %s | %s |" % (check, counts(by_check.get(check))))
    merged = [r for r in runs if r.get("merge")]
    if merged:
        lines += ["", "Whole-program mode: the map side (every TU, writing facts) and "
                  "leaklint-merge.", "",
                  "| project | map side, s | merge, s | merge / map | merge findings |",
                  "|---|---:|---:|---:|---:|"]
        for r in merged:
            lines.append("| %s | %.0f | %.2f | %.2f%% | %d |" % (
                r["project"], r["map_seconds"], r["merge"]["seconds"],
                100.0 * r["merge"]["seconds"] / max(r["map_seconds"], 1e-9),
                r["merge"]["findings"]))
    return lines


def print_findings(findings, triage):
    for key in sorted(findings):
        f = findings[key]
        print("%s [%s]\n    %s" % (key, verdict(triage, key), f["message"]))
        for loc, msg in f["notes"]:
            print("    note %s: %s" % (loc, msg))


def md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(path, tidy, findings, triage, runs):
    lines = ["<!-- Generated by bench/apps.py --report; do not edit. Verdicts live in",
             "     bench/apps/triage.json. -->",
             "# leak-* checks on whole applications", "",
             "`%s` over every C++ TU of each project in shared/apps, with "
             "`--config={Checks: \"-*,leak-*\"} --extra-arg=-Wno-error`%s: "
             "%d distinct diagnostics." % (
                 os.path.basename(tidy[0]),
                 " and `FactsDirectory` set, then `leaklint-merge` over each project's "
                 "facts (whole-program mode)" if any(r.get("merge") for r in runs) else "",
                 len(findings)), ""]
    lines += summary_tables(findings, triage, runs) + [""]
    errors = ["- %s: `%s`: %d compile errors" % (r["project"], tu, n)
              for r in runs for tu, n in sorted(r["compile_errors"].items())]
    if errors:
        lines += ["TUs with compile errors:", ""] + errors + [""]
    lines += ["## Diagnostics", ""] + ([] if findings else ["None."])
    for key in sorted(findings):
        f, t = findings[key], triage.get(key, {})
        lines += ["### `%s`" % key, "",
                  "- **%s.** %s" % (verdict(triage, key), md_escape(t.get("reason", ""))),
                  "- Message: %s" % md_escape(f["message"])]
        lines += ["- Note at `%s`: %s" % (loc, md_escape(msg)) for loc, msg in f["notes"]]
        lines.append("")
    with open(path, "w") as out:
        out.write("\n".join(lines).rstrip() + "\n")


# --- main -----------------------------------------------------------------

def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tool_options(ap)
    ap.add_argument("--data", default=os.environ.get(
        "LEAKLINT_APPS_DIR", os.path.join(SHARED_DIR, "apps")),
        help="folder with apps.tsv, configure.sh and the archives")
    ap.add_argument("--work", default=os.environ.get("LEAKLINT_APPS_WORK", "/tmp/leaklint-apps"),
                    help="where the projects are unpacked and configured")
    ap.add_argument("--reconfigure", action="store_true")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--projects", help="comma-separated: " + ",".join(PROJECTS))
    which.add_argument("--sized", action="store_true",
                       help="the CI subset: " + ", ".join(SIZED))
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--budget", type=float, default=3600,
                    help="seconds per project after which no more TUs start")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--out", metavar="FILE.json", help="write every distinct diagnostic")
    ap.add_argument("--report", metavar="FILE.md", help="write the markdown results")
    ap.add_argument("--triage", default=TRIAGE_JSON, help="the verdicts (default: %(default)s)")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--whole-program", action="store_true",
                    help="write facts per TU and add leaklint-merge's findings "
                    "(docs/whole-program.md)")
    return ap.parse_args()


def selected(args):
    names = SIZED if args.sized else (args.projects.split(",") if args.projects
                                      else list(PROJECTS))
    for n in names:
        if n not in PROJECTS:
            raise SystemExit("apps: unknown project '%s' (%s)" % (n, ", ".join(PROJECTS)))
    return names


def main():
    args = parse_args()
    names = selected(args)
    tidy = tidy_prefix(args)
    start = time.monotonic()
    findings, runs = {}, []
    for name in names:
        out = configure(name, args.data, os.path.abspath(args.work), args.reconfigure)
        found, run = run_project(tidy, name, out, args)
        findings.update(found)
        runs.append(run)
    triage = load_triage(args.triage)
    print("\n".join(summary_tables(findings, triage, runs)))
    print("apps: %d projects in %.0f s, %d distinct diagnostics" % (
        len(runs), time.monotonic() - start, len(findings)))
    if args.verbose:
        print_findings(findings, triage)
    gone = [k for k in triage if k.split("|")[0] in names and k not in findings]
    for key in sorted(gone):
        print("gone: %s" % key)
    failures = [k for k in findings if verdict(triage, k) in ("untriaged", "FP")]
    for key in sorted(failures):
        print("%s: %s" % (verdict(triage, key).upper(), key))
    crashes = [c for r in runs for c in r["crashes"]]
    if args.out:
        with open(args.out, "w") as f:
            json.dump([dict(findings[k], tus=sorted(set(findings[k]["tus"])))
                       for k in sorted(findings)], f, indent=1)
    if args.report:
        write_report(args.report, tidy, findings, triage, runs)
        print("apps: wrote %s" % args.report)
    return 1 if args.check and (failures or crashes) else 0


if __name__ == "__main__":
    sys.exit(main())
