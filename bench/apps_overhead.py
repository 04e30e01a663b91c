#!/usr/bin/env python3
"""What the leak-* checks cost on whole applications: every C++ TU of each
project in shared/apps (bench/apps.py configures them), analysed twice over,
alternately:

  tidy    clang-tidy --load -checks=-*,leak-* (A) versus the same clang-tidy
          with one trivial upstream check (B): the difference is the four
          checks, on the project's own code (header filter as bench/apps.py)
  plugin  each TU's own compile command with -fsyntax-only, with
          -fplugin=LeakLintPlugin.so (A) and without (B)

  facts   (--facts) clang-tidy --load -checks=-*,leak-* with FactsDirectory
          set (A) versus without (B): what whole-program mode's map side
          costs on top of the checks (docs/whole-program.md)

A project run starts every TU (`-j` at a time) and records its wall time,
the CPU time (user + sys) of all its processes, and the peak RSS of the
largest. Each side runs --runs times, A and B alternating (alternation
cancels drift on a shared machine); the report gives medians, the ratios
A/B per project, their spread (lowest and highest ratio of the paired
runs), and the geometric means over the projects.

  bench/apps_overhead.py --runs 3 --report docs/evaluation/apps-overhead-results.md
  bench/apps_overhead.py --projects trantor --sample 20 --runs 3
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apps  # noqa: E402
from realworld import SHARED_DIR  # noqa: E402
from toolchain import Toolchain, default_build_dir, leaklint_commit  # noqa: E402

BASELINE_CHECK = "misc-unused-alias-decls"


def measure(cmd, cwd):
    """CPU seconds and peak RSS (MiB) of one process."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) < 0:
        raise SystemExit("apps_overhead: %s was killed" % " ".join(cmd))
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def run_all(commands, jobs):
    """(CPU s, wall s, peak RSS MiB) of running every (cmd, cwd)."""
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda c: measure(*c), commands))
    wall = time.monotonic() - start
    return sum(r[0] for r in results), wall, max(r[1] for r in results)


def compile_commands(out, tus):
    """Each TU's first compile command as -fsyntax-only argv, with its cwd."""
    commands = {}
    for e in json.load(open(os.path.join(out, "build", "compile_commands.json"))):
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if path not in tus or path in commands:
            continue
        argv = e.get("arguments") or shlex.split(e["command"])
        kept, skip = [], False
        for a in argv[1:]:
            if skip:
                skip = False
            elif a == "-o":
                skip = True
            elif a != "-c" and not a.startswith("-o"):
                kept.append(a)
        commands[path] = (kept + ["-fsyntax-only", "-Wno-error"], e["directory"])
    return commands


def sample(tus, n):
    """n TUs spread evenly over the database order (all when n is 0)."""
    tus = list(tus)
    if not n or n >= len(tus):
        return tus
    return [tus[i * len(tus) // n] for i in range(n)]


def ab(side_a, side_b, runs, jobs):
    """Alternating runs; medians per side and the paired ratios A/B."""
    samples = {"A": [], "B": []}
    for i in range(runs):
        order = (("A", side_a), ("B", side_b)) if i % 2 == 0 else (("B", side_b), ("A", side_a))
        for label, commands in order:
            samples[label].append(run_all(commands, jobs))
    med = {k: [statistics.median(s[m] for s in v) for m in range(3)]
           for k, v in samples.items()}
    paired = [[a[m] / b[m] for a, b in zip(samples["A"], samples["B"])] for m in range(3)]
    return med, paired


def add_project_options(ap, sample=0):
    """The options that say which applications to run and where."""
    ap.add_argument("--build", default=default_build_dir())
    ap.add_argument("--data", default=os.path.join(SHARED_DIR, "apps"))
    ap.add_argument("--work", default=os.environ.get("LEAKLINT_APPS_WORK", "/tmp/leaklint-apps"))
    ap.add_argument("--projects", default=",".join(apps.PROJECTS))
    ap.add_argument("--sample", type=int, default=sample,
                    help="TUs per project, spread evenly (default: %(default)s; 0: all)")
    ap.add_argument("--runs", type=int, default=3)


def sampled_projects(args, tool):
    """(name, configured tree, sampled TUs) of each --projects entry."""
    for name in args.projects.split(","):
        if name not in apps.PROJECTS:
            raise SystemExit("%s: unknown project '%s'; allowed values are %s"
                             % (tool, name, ", ".join(apps.PROJECTS)))
        out = apps.configure(name, args.data, os.path.abspath(args.work), False)
        yield name, out, sample(apps.translation_units(name, out), args.sample)


def tidy_command(tc, name, out, config, tu):
    """clang-tidy on one TU of a configured project with the given
    .clang-tidy configuration, as bench/apps.py runs it."""
    return tc.tidy("--config={%s}" % config, "-p", os.path.join(out, "build"),
                   "--extra-arg=-Wno-error",
                   "--header-filter=" + apps.header_filter(name, out), tu)


def pct(r):
    return "%+.1f%%" % ((r - 1) * 100)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_project_options(ap)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--baseline-check", default=BASELINE_CHECK)
    ap.add_argument("--no-plugin", action="store_true", help="skip the -fplugin runs")
    ap.add_argument("--facts", action="store_true",
                    help="measure writing facts (whole-program mode) instead: "
                    "leak-* with FactsDirectory versus leak-* without")
    ap.add_argument("--report", help="write the markdown results here")
    return ap.parse_args()


def main():
    args = parse_args()
    tc = Toolchain(args.build)
    rows = []
    for name, out, tus in sampled_projects(args, "apps_overhead"):
        side = lambda config: [(tidy_command(tc, name, out, config, tu), out)
                               for tu in tus]
        if args.facts:
            facts = tempfile.mkdtemp(prefix="leaklint-facts-")
            med, paired = ab(side("Checks: \"-*,leak-*\", CheckOptions: "
                                  "{FactsDirectory: '%s'}" % facts),
                             side("Checks: \"-*,leak-*\""), args.runs, args.jobs)
            shutil.rmtree(facts)
            rows.append((name, len(tus), "clang-tidy leak-*: facts vs none", med, paired))
        else:
            med, paired = ab(side("Checks: \"-*,leak-*\""),
                             side("Checks: \"-*,%s\"" % args.baseline_check),
                             args.runs, args.jobs)
            rows.append((name, len(tus), "clang-tidy: leak-* vs %s" % args.baseline_check,
                         med, paired))
        if not args.no_plugin and not args.facts:
            cc = compile_commands(out, set(tus))
            plain = [([tc.clangxx] + argv, cwd) for argv, cwd in cc.values()]
            plugged = [([tc.clangxx, "-fplugin=" + tc.clang_plugin] + argv, cwd)
                       for argv, cwd in cc.values()]
            med_p, paired_p = ab(plugged, plain, args.runs, args.jobs)
            rows.append((name, len(cc), "clang++ -fsyntax-only: -fplugin vs plain",
                         med_p, paired_p))
        for row in rows[-(1 if args.no_plugin or args.facts else 2):]:
            print("%-9s %3d TUs  %-42s cpu %s  wall %s  peak rss %s" % (
                row[0], row[1], row[2], pct(statistics.median(row[4][0])),
                pct(statistics.median(row[4][1])), pct(statistics.median(row[4][2]))), flush=True)

    by_what = {}
    for _, _, what, _, paired in rows:
        by_what.setdefault(what, []).append([statistics.median(p) for p in paired])
    geo = {what: [statistics.geometric_mean(r[m] for r in rs) for m in range(3)]
           for what, rs in by_what.items()}
    for what, g in geo.items():
        print("geometric mean, %s: cpu %s, wall %s, peak rss %s"
              % (what, pct(g[0]), pct(g[1]), pct(g[2])))
    if args.report:
        write_report(args, tc, rows, geo)
    return 0


def write_report(args, tc, rows, geo):
    lines = [
        "<!-- Generated by bench/apps_overhead.py --report; do not edit. -->",
        "# Overhead on whole applications: measured figures", "",
        "leaklint %s, clang-tidy %s; %d alternating runs of each side, `-j %d`, %s. "
        "CPU = user + sys seconds of every process of a project run; wall = the "
        "project run; RSS = the largest process's peak. Ratios are medians of the "
        "paired runs, with their range. Machine: %d cores (`nproc`)."
        % (leaklint_commit(), tc.version(), args.runs, args.jobs,
           "%d TUs per project spread evenly" % args.sample if args.sample
           else "every C++ TU", os.cpu_count()), "",
        "| project | TUs | comparison (A vs B) | CPU s A | CPU s B | CPU | wall | "
        "peak RSS MiB A | B | RSS |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    spread = lambda p: "%s (%s..%s)" % (pct(statistics.median(p)), pct(min(p)), pct(max(p)))
    for name, n, what, med, paired in rows:
        lines.append("| %s | %d | %s | %.1f | %.1f | %s | %s | %.0f | %.0f | %s |" % (
            name, n, what, med["A"][0], med["B"][0], spread(paired[0]), spread(paired[1]),
            med["A"][2], med["B"][2], spread(paired[2])))
    lines += ["", "Geometric means over the projects:", ""]
    lines += ["- %s: CPU %s, wall %s, peak RSS %s" % (what, pct(g[0]), pct(g[1]), pct(g[2]))
              for what, g in geo.items()]
    with open(args.report, "w") as out:
        out.write("\n".join(lines) + "\n")
    print("apps_overhead: wrote %s" % args.report)


if __name__ == "__main__":
    sys.exit(main())
