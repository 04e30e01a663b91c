#!/usr/bin/env python3
"""Precision on real code: runs every leak-* check over the corpus (the TUs
in bench/corpus/tus/ and the Debian library sources in sources.json) with
--header-filter and --system-headers covering the libraries, collects every
diagnostic once (a header's diagnostic seen from many TUs is one entry), and
joins each with its verdict from bench/corpus/triage.json.

  bench/precision.py                 run, print the summary
  bench/precision.py --report FILE   also write the markdown results table
  bench/precision.py --check         exit 1 if a diagnostic is untriaged or
                                     a triaged one is no longer reported

The corpus must be installed first: bench/corpus/fetch.sh.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import corpus  # noqa: E402
from toolchain import Toolchain, default_build_dir, leaklint_commit  # noqa: E402

TRIAGE_JSON = os.path.join(corpus.HERE, "triage.json")
VERDICTS = ("true-leak", "acceptable", "false-positive")


def line_col(path, offset, cache={}):
    if path not in cache:
        try:
            cache[path] = open(path, "rb").read()
        except OSError:
            cache[path] = b""
    data = cache[path][:offset]
    line = data.count(b"\n") + 1
    return line, offset - (data.rfind(b"\n") + 1) + 1


def source_line(path, line):
    try:
        with open(path, "rb") as f:
            return f.read().split(b"\n")[line - 1].decode("utf-8", "replace").strip()
    except (OSError, IndexError):
        return ""


def run_job(tc, job, checks):
    with tempfile.TemporaryDirectory() as tmp:
        fixes = os.path.join(tmp, "fixes.yaml")
        cmd = tc.tidy("-checks=-*," + checks, "--header-filter=.*", "--system-headers",
                      "--export-fixes=" + fixes, job.path, "--") + job.flags
        start = time.monotonic()
        proc = subprocess.run(cmd, cwd=job.cwd, capture_output=True, text=True,
                              errors="replace")
        seconds = time.monotonic() - start
        diags = []
        if os.path.exists(fixes):
            diags = (yaml.safe_load(open(fixes)) or {}).get("Diagnostics") or []
    crashed = proc.returncode < 0 or "PLEASE submit a bug report" in proc.stderr
    return job, diags, seconds, crashed, proc


def location(path, offset, corpus_dir):
    """`path:line:col` as the report shows it; `path` is absolute."""
    line, col = line_col(path, offset)
    return "%s:%d:%d" % (corpus.display_path(path, corpus_dir), line, col), line


def collect(tc, jobs, checks, workers, corpus_dir):
    findings = {}  # key -> entry
    per_job = []
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for job, diags, seconds, crashed, proc in pool.map(
                lambda j: run_job(tc, j, checks), jobs):
            errors = [d for d in diags if d["DiagnosticName"] == "clang-diagnostic-error"]
            leaks = [d for d in diags if d["DiagnosticName"].startswith("leak-")]
            per_job.append({"job": job, "seconds": seconds, "errors": len(errors),
                            "crashed": crashed, "leaks": len(leaks)})
            if crashed:
                print("CRASH: %s\n%s" % (job.name, proc.stderr[-3000:]), file=sys.stderr)
            for d in leaks:
                m = d["DiagnosticMessage"]
                # Paths are as the compiler spelled them: relative ones are
                # relative to the directory the job ran in.
                path = os.path.join(job.cwd, m["FilePath"])
                loc, line = location(path, m["FileOffset"], corpus_dir)
                key = d["DiagnosticName"] + " " + loc
                entry = findings.setdefault(key, {
                    "check": d["DiagnosticName"], "location": loc,
                    "message": m["Message"],
                    "code": source_line(path, line),
                    "notes": [(location(os.path.join(job.cwd, n["FilePath"]),
                                        n["FileOffset"], corpus_dir)[0],
                               n["Message"]) for n in d.get("Notes") or []],
                    "fixes": len(m.get("Replacements") or []),
                    "jobs": []})
                entry["jobs"].append(job.name)
    return findings, per_job


def load_triage():
    if not os.path.exists(TRIAGE_JSON):
        return {}
    entries = json.load(open(TRIAGE_JSON))["diagnostics"]
    triage = {}
    for e in entries:
        if e["verdict"] not in VERDICTS:
            raise SystemExit("%s: %s: verdict '%s'; allowed values are %s"
                             % (TRIAGE_JSON, e["location"], e["verdict"], ", ".join(VERDICTS)))
        triage[e["check"] + " " + e["location"]] = e
    return triage


def md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(path, tc, findings, per_job, triage, missing, corpus_dir, checks):
    origins = {}
    for r in per_job:
        o = origins.setdefault(r["job"].origin, {"files": 0, "errors": 0, "seconds": 0.0,
                                                 "leaks": 0, "crashed": 0})
        o["files"] += 1
        o["errors"] += r["errors"] > 0
        o["seconds"] += r["seconds"]
        o["leaks"] += r["leaks"]
        o["crashed"] += r["crashed"]
    packages = set(json.load(open(corpus.SOURCES_JSON))["packages"])
    for r in per_job:
        packages.update(r["job"].packages)
    versions = corpus.package_versions(packages)
    lines = [
        "<!-- Generated by bench/precision.py --report; do not edit. Verdicts live in",
        "     bench/corpus/triage.json; the narrative is docs/evaluation/precision.md. -->",
        "# Precision run: every diagnostic on the corpus",
        "",
        "clang-tidy %s with leaklint %s, `-checks=-*,%s --header-filter=.* --system-headers`."
        % (tc.version(), leaklint_commit(), checks),
        "%d files compiled (%d TUs over library headers, %d library sources); "
        "%d distinct diagnostics."
        % (len(per_job), sum(r["job"].name.startswith("tu/") for r in per_job),
           sum(not r["job"].name.startswith("tu/") for r in per_job), len(findings)),
        "",
        "## Corpus",
        "",
        "| TU or source package | files | files with compile errors | crashes | leak-* diagnostics (with repeats) | clang-tidy seconds |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in sorted(origins):
        o = origins[name]
        lines.append("| %s | %d | %d | %d | %d | %.1f |" % (
            name, o["files"], o["errors"], o["crashed"], o["leaks"], o["seconds"]))
    if missing:
        lines += ["", "Source packages the mirror did not serve (skipped): %s."
                  % ", ".join(missing)]
    lines += ["", "Debian packages: " + ", ".join(
        "%s %s" % (p, v) for p, v in versions.items()) + ".", "",
        "## Diagnostics", ""]
    if not findings:
        lines.append("None.")
    for key in sorted(findings, key=lambda k: (findings[k]["check"], findings[k]["location"])):
        f = findings[key]
        t = triage.get(key)
        verdict = t["verdict"] if t else "UNTRIAGED"
        lines += ["### `%s` %s" % (f["location"], f["check"]), "",
                  "- **Verdict: %s.** %s" % (verdict, t["why"] if t else ""),
                  "- Message: %s" % md_escape(f["message"]),
                  "- Code: `%s`" % f["code"].replace("`", "'")]
        for loc, msg in f["notes"]:
            lines.append("- Note at `%s`: %s" % (loc, md_escape(msg)))
        lines.append("- Fix-it edits: %d. Seen from %d file(s): %s" % (
            f["fixes"], len(f["jobs"]), ", ".join(sorted(f["jobs"])[:5])
            + (", ..." if len(f["jobs"]) > 5 else "")))
        lines.append("")
    with open(path, "w") as out:
        out.write("\n".join(lines).rstrip() + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=default_build_dir())
    ap.add_argument("--corpus-dir", default=corpus.default_corpus_dir())
    ap.add_argument("--checks", default="leak-*")
    ap.add_argument("--only", choices=["tus", "sources"], help="one kind of job")
    ap.add_argument("--filter", help="only jobs whose name contains this")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--report", help="write the markdown results here")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    tc = Toolchain(args.build)
    missing = []
    kinds = (args.only,) if args.only else ("tus", "sources")
    jobs = corpus.all_jobs(args.corpus_dir, kinds, missing)
    if args.filter:
        jobs = [j for j in jobs if args.filter in j.name]
    if not jobs:
        raise SystemExit("precision: no corpus files; run bench/corpus/fetch.sh")
    start = time.monotonic()
    findings, per_job = collect(tc, jobs, args.checks, args.jobs, args.corpus_dir)
    triage = load_triage()
    untriaged = [k for k in findings if k not in triage]
    ran = {r["job"].name for r in per_job}
    # A triage entry is stale only if a file it was seen from ran this time.
    stale = [k for k, e in triage.items()
             if k not in findings and set(e.get("seen_from", [])) & ran]
    errors = [r["job"].name for r in per_job if r["errors"]]
    crashes = [r["job"].name for r in per_job if r["crashed"]]
    counts = {}
    for f in findings.values():
        v = triage[f["check"] + " " + f["location"]]["verdict"] \
            if f["check"] + " " + f["location"] in triage else "untriaged"
        counts[v] = counts.get(v, 0) + 1
    print("precision: %d files in %.0f s, %d distinct diagnostics (%s)" % (
        len(per_job), time.monotonic() - start, len(findings),
        ", ".join("%d %s" % (n, v) for v, n in sorted(counts.items())) or "none"))
    if missing:
        print("precision: source packages not fetched: %s" % ", ".join(missing))
    if errors:
        print("precision: %d files with compile errors: %s" % (len(errors), ", ".join(errors)))
    for k in sorted(untriaged):
        f = findings[k]
        print("UNTRIAGED %s: %s [%s]\n    %s" % (f["location"], f["message"], f["check"], f["code"]))
    for k in sorted(stale):
        print("STALE triage entry, no longer reported: %s" % k)
    for k in crashes:
        print("CRASH %s" % k)
    if args.report:
        write_report(args.report, tc, findings, per_job, triage, missing,
                     args.corpus_dir, args.checks)
        print("precision: wrote %s" % args.report)
    # Every diagnostic must be seen from a file that still runs, so the
    # triage records where it came from.
    dump = os.path.join(args.build, "precision-findings.json")
    with open(dump, "w") as out:
        json.dump([dict(v, seen_from=sorted(set(v.pop("jobs")))) for v in findings.values()],
                  out, indent=1)
    if args.check and (untriaged or stale or crashes):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
