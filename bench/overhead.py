#!/usr/bin/env python3
"""What the leak-* checks cost: time and peak memory on heavy real TUs.

For each TU (default: the heaviest corpus TUs, which include Boost.Asio and
Beast, Eigen, spdlog + fmt + nlohmann-json, websocketpp, Qt):
  tidy    clang-tidy --load -checks=-*,leak-*  (A)  versus
          clang-tidy --load -checks=-*,<one trivial upstream check>  (B),
          both loading the plugin, so the difference is the four checks;
  plugin  clang++ -fsyntax-only and -c -O2 with -fplugin (A) versus without
          it (B);
runs A and B alternately --runs times each (alternation cancels drift on a
shared machine) and reports medians of CPU time (user+sys, the steadiest
measure), wall time and peak RSS, and the ratios A/B. Then one clang-tidy
run with --enable-check-profile gives the time of each check.

  bench/overhead.py --runs 5 --report docs/evaluation/overhead-results.md
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import corpus  # noqa: E402
from toolchain import Toolchain, default_build_dir, leaklint_commit  # noqa: E402

DEFAULT_TUS = ("boost_asio_beast", "eigen", "spdlog_fmt_json", "websocketpp", "qt6_core")
BASELINE_CHECK = "misc-unused-alias-decls"


def measure(cmd, cwd):
    """CPU seconds, wall seconds and peak RSS (MiB) of one run of cmd."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or "error:" in stderr and "clang-diagnostic-error" in stderr:
        raise SystemExit("overhead: %s failed (%d):\n%s" % (" ".join(cmd), code, stderr[-2000:]))
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024.0


def ab(cmd_a, cmd_b, cwd, runs):
    samples = {"A": [], "B": []}
    measure(cmd_a, cwd)  # warm the page cache
    for i in range(runs):
        order = (("A", cmd_a), ("B", cmd_b)) if i % 2 == 0 else (("B", cmd_b), ("A", cmd_a))
        for label, cmd in order:
            samples[label].append(measure(cmd, cwd))
    med = {label: [statistics.median(s[k] for s in samples[label]) for k in range(3)]
           for label in samples}
    ratio = [med["A"][k] / med["B"][k] if med["B"][k] else float("nan") for k in range(3)]
    return med, ratio


def check_profile(tc, job):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(tc.tidy("-checks=-*,leak-*", "--enable-check-profile",
                               "--store-check-profile=" + out, job.path, "--") + job.flags,
                       cwd=job.cwd, capture_output=True)
        profile = {}
        for path in glob.glob(os.path.join(out, "*.json")):
            for key, seconds in json.load(open(path)).get("profile", {}).items():
                # "time.clang-tidy.<check>.wall" and friends.
                parts = key.split(".")
                if len(parts) >= 4 and parts[0] == "time":
                    profile.setdefault(".".join(parts[2:-1]), {})[parts[-1]] = seconds
        return profile


def pct(r):
    return "%+.1f%%" % ((r - 1) * 100)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=default_build_dir())
    ap.add_argument("--tus", default=",".join(DEFAULT_TUS),
                    help="corpus TU names (bench/corpus/tus/<name>.cpp)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline-check", default=BASELINE_CHECK)
    ap.add_argument("--no-plugin", action="store_true", help="skip the -fplugin runs")
    ap.add_argument("--no-codegen", action="store_true",
                    help="skip the -c -O2 plugin runs (the plugin's cost is the same "
                         "as with -fsyntax-only, a smaller share of a longer compile)")
    ap.add_argument("--report", help="write the markdown results here")
    args = ap.parse_args()

    tc = Toolchain(args.build)
    by_name = {j.origin: j for j in corpus.tu_jobs()}
    jobs = []
    for name in args.tus.split(","):
        if name not in by_name:
            raise SystemExit("overhead: no TU '%s'; allowed values are %s"
                             % (name, ", ".join(sorted(by_name))))
        jobs.append(by_name[name])

    rows, profiles = [], {}
    for job in jobs:
        a = tc.tidy("-checks=-*,leak-*", "--header-filter=.*", job.path, "--") + job.flags
        b = tc.tidy("-checks=-*," + args.baseline_check, "--header-filter=.*", job.path,
                    "--") + job.flags
        med, ratio = ab(a, b, job.cwd, args.runs)
        rows.append((job.origin, "clang-tidy: leak-* vs %s" % args.baseline_check, med, ratio))
        print("%-18s tidy    cpu %6.2fs vs %6.2fs (%s)  wall %s  rss %s" % (
            job.origin, med["A"][0], med["B"][0], pct(ratio[0]), pct(ratio[1]), pct(ratio[2])),
            flush=True)
        if not args.no_plugin:
            modes = [["-fsyntax-only"]] + ([] if args.no_codegen else
                                           [["-c", "-O2", "-o", os.devnull]])
            for mode in modes:
                plain = [tc.clangxx] + mode + job.flags + [job.path]
                plugged = [tc.clangxx] + mode + ["-fplugin=" + tc.clang_plugin] + job.flags + [job.path]
                med, ratio = ab(plugged, plain, job.cwd, args.runs)
                what = "clang++ %s: -fplugin vs plain" % " ".join(mode[:2])
                rows.append((job.origin, what, med, ratio))
                print("%-18s %-12s cpu %6.2fs vs %6.2fs (%s)  wall %s  rss %s" % (
                    job.origin, " ".join(mode[:2]), med["A"][0], med["B"][0], pct(ratio[0]),
                    pct(ratio[1]), pct(ratio[2])), flush=True)
        profiles[job.origin] = check_profile(tc, job)

    geo = {}
    for _, what, _, ratio in rows:
        geo.setdefault(what, []).append(ratio)
    summary = {what: [statistics.geometric_mean(r[k] for r in rs) for k in range(3)]
               for what, rs in geo.items()}
    for what, r in summary.items():
        print("geometric mean, %s: cpu %s, wall %s, peak rss %s" % (what, pct(r[0]), pct(r[1]),
                                                                    pct(r[2])))
    if args.report:
        lines = [
            "<!-- Generated by bench/overhead.py --report; do not edit. -->",
            "# Overhead: measured figures", "",
            "leaklint %s, clang-tidy %s, %d alternating runs of each side; medians. "
            "CPU = user + sys seconds of the process; RSS = peak resident set. "
            "Machine: %d cores (`nproc`)." % (leaklint_commit(), tc.version(), args.runs,
                                              os.cpu_count()), "",
            "| TU | comparison (A vs B) | CPU s A | CPU s B | CPU | wall | peak RSS MiB A | B | RSS |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for origin, what, med, ratio in rows:
            lines.append("| %s | %s | %.2f | %.2f | %s | %s | %.0f | %.0f | %s |" % (
                origin, what, med["A"][0], med["B"][0], pct(ratio[0]), pct(ratio[1]),
                med["A"][2], med["B"][2], pct(ratio[2])))
        lines += ["", "Geometric means over the TUs:", ""]
        for what, r in summary.items():
            lines.append("- %s: CPU %s, wall %s, peak RSS %s" % (what, pct(r[0]), pct(r[1]),
                                                                 pct(r[2])))
        lines += ["", "## `--enable-check-profile` (one run, seconds)", "",
                  "| TU | check | wall | user | sys |", "|---|---|---:|---:|---:|"]
        for origin, profile in profiles.items():
            for check in sorted(profile):
                p = profile[check]
                lines.append("| %s | %s | %.3f | %.3f | %.3f |" % (
                    origin, check, p.get("wall", 0), p.get("user", 0), p.get("sys", 0)))
        with open(args.report, "w") as out:
            out.write("\n".join(lines) + "\n")
        print("overhead: wrote %s" % args.report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
