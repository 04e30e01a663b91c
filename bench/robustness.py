#!/usr/bin/env python3
"""Robustness sweep: every front end over real and broken code must neither
crash nor hang.

Seeds are the corpus (bench/corpus: TUs and library sources, when fetched)
and leaklint's own test inputs (test/checkers, test/fixits: the code that
drives the analyses hardest). Each seed runs as is, then as mutated copies:
  lines     a few random lines deleted
  tokens    a few random tokens dropped
  truncate  the file cut at a random byte
Every copy runs through clang-tidy --load, the -fplugin plugin, leaklint-tidy
and leaklint-clangd --check. The clang-tidy run also writes whole-program
facts (FactsDirectory), which leaklint-merge then reads back: neither may
crash on broken code either. A crash is a signal, an assertion, "LLVM ERROR"
or clang's "PLEASE submit a bug report"; a hang is exceeding --timeout.
Compile errors are expected and fine. Mutations are seeded (--seed), so a
failure reproduces; crashing inputs are kept in --keep.

  bench/robustness.py --seeds tests -n 2           (CI: a few minutes)
  bench/robustness.py --seeds all -n 3 -j 2        (the documented sweep)
"""
import argparse
import concurrent.futures
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import corpus  # noqa: E402
from toolchain import SRC_ROOT, Toolchain, default_build_dir  # noqa: E402

FRONT_ENDS = ("clang-tidy", "plugin", "leaklint-tidy", "clangd")
MUTATIONS = ("lines", "tokens", "truncate")
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump:", "LLVM ERROR",
                 "Assertion `", "AddressSanitizer", "terminate called")
TOKEN = re.compile(rb"[A-Za-z_][A-Za-z_0-9]*|\d+|\"(?:[^\"\\\n]|\\.)*\"|\S")

CLANGD_CONFIG = """Diagnostics:
  UnusedIncludes: None
  ClangTidy:
    Add: [leak-*]
    FastCheckFilter: None
Index:
  StandardLibrary: No
"""


def test_seeds():
    seeds = []
    for path in sorted(glob.glob(os.path.join(SRC_ROOT, "test", "checkers", "*.cpp")) +
                       glob.glob(os.path.join(SRC_ROOT, "test", "fixits", "*.cpp"))):
        flags = ["-std=c++11" if "cxx11" in path else "-std=c++17",
                 "-I" + os.path.join(SRC_ROOT, "test", "Inputs")]
        seeds.append(corpus.Job("test/" + os.path.relpath(path, os.path.join(SRC_ROOT, "test")),
                                "tests", path, flags, os.path.dirname(path)))
    return seeds


def absolute_flags(job):
    """Flags that work from any directory: relative -I paths made absolute,
    and the seed's own directory searched for its quoted includes."""
    out, flags = [], list(job.flags)
    i = 0
    while i < len(flags):
        f = flags[i]
        if f in ("-I", "-isystem", "-iquote") and i + 1 < len(flags):
            out += [f, os.path.join(job.cwd, flags[i + 1])]
            i += 2
            continue
        if f.startswith("-I") and not os.path.isabs(f[2:]):
            f = "-I" + os.path.join(job.cwd, f[2:])
        out.append(f)
        i += 1
    return out + ["-iquote", os.path.dirname(job.path)]


def mutate(data, kind, rng):
    if kind == "truncate":
        return data[:rng.randrange(len(data) + 1)]
    if kind == "lines":
        lines = data.split(b"\n")
        for _ in range(rng.randint(1, 4)):
            if lines:
                del lines[rng.randrange(len(lines))]
        return b"\n".join(lines)
    spans = [m.span() for m in TOKEN.finditer(data)]
    drop = sorted(rng.sample(spans, min(len(spans), rng.randint(1, 6))), reverse=True)
    for begin, end in drop:
        data = data[:begin] + data[end:]
    return data


def facts_dir(workdir):
    return os.path.join(workdir, "facts")


def command(tc, front_end, path, flags, workdir):
    if front_end == "clang-tidy":
        config = "--config={CheckOptions: {FactsDirectory: '%s'}}" % facts_dir(workdir)
        return tc.tidy("-checks=-*,leak-*", config, "--header-filter=.*", path,
                       "--") + flags
    if front_end == "leaklint-tidy":
        return [tc.leaklint_tidy, "-checks=-*,leak-*", "--header-filter=.*", path, "--"] + flags
    if front_end == "plugin":
        return [tc.clangxx, "-fsyntax-only", "-fplugin=" + tc.clang_plugin] + flags + [path]
    with open(os.path.join(workdir, ".clangd"), "w") as f:
        f.write(CLANGD_CONFIG)
    with open(os.path.join(workdir, "compile_flags.txt"), "w") as f:
        f.write("\n".join(flags) + "\n")
    return [tc.leaklint_clangd, "--enable-config", "--check=" + path]


def run_one(tc, job, kind, index, front_end, seed, timeout, keep):
    rng = random.Random("%s|%s|%d|%d" % (job.name, kind, index, seed))
    data = open(job.path, "rb").read()
    if kind != "original":
        data = mutate(data, kind, rng)
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, os.path.basename(job.path))
        with open(path, "wb") as f:
            f.write(data)
        cmd = command(tc, front_end, path, absolute_flags(job), workdir)
        start = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=workdir, capture_output=True, timeout=timeout)
            returncodes = [proc.returncode]
            err = proc.stderr.decode("utf-8", "replace") + proc.stdout.decode("utf-8", "replace")
            if front_end == "clang-tidy" and os.path.isdir(facts_dir(workdir)):
                merge = subprocess.run([tc.leaklint_merge, facts_dir(workdir)],
                                       capture_output=True, timeout=timeout)
                returncodes.append(merge.returncode)
                err += merge.stderr.decode("utf-8", "replace")
            seconds = time.monotonic() - start
            crashed = (min(returncodes) < 0 or
                       any(m in err for m in CRASH_MARKERS))
            outcome = "crash" if crashed else "ok"
        except subprocess.TimeoutExpired:
            seconds, err, outcome = timeout, "", "hang"
        if outcome != "ok" and keep:
            os.makedirs(keep, exist_ok=True)
            stem = "%s-%s%d-%s" % (job.name.replace("/", "_"), kind, index, front_end)
            shutil.copy(path, os.path.join(keep, stem + os.path.splitext(path)[1]))
            with open(os.path.join(keep, stem + ".log"), "w") as f:
                f.write(" ".join(cmd) + "\n\n" + err[-20000:])
    return {"job": job.name, "kind": kind, "index": index, "front_end": front_end,
            "outcome": outcome, "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=default_build_dir())
    ap.add_argument("--corpus-dir", default=corpus.default_corpus_dir())
    ap.add_argument("--seeds", choices=["tests", "corpus", "all"], default="all")
    ap.add_argument("--filter", help="only seeds whose name contains this")
    ap.add_argument("-n", "--mutants", type=int, default=3,
                    help="mutated copies per seed and mutation kind (default 3)")
    ap.add_argument("--front-ends", default=",".join(FRONT_ENDS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--keep", default=os.path.join(default_build_dir(), "robustness-failures"),
                    help="where crashing and hanging inputs are copied")
    args = ap.parse_args()

    tc = Toolchain(args.build)
    seeds = []
    if args.seeds in ("tests", "all"):
        seeds += test_seeds()
    if args.seeds in ("corpus", "all"):
        seeds += corpus.all_jobs(args.corpus_dir)
    if args.filter:
        seeds = [s for s in seeds if args.filter in s.name]
    front_ends = args.front_ends.split(",")
    for fe in front_ends:
        if fe not in FRONT_ENDS:
            raise SystemExit("unknown front end '%s'; allowed values are %s"
                             % (fe, ", ".join(FRONT_ENDS)))
    tasks = [(s, "original", 0, fe) for s in seeds for fe in front_ends]
    tasks += [(s, k, i, fe) for s in seeds for k in MUTATIONS
              for i in range(args.mutants) for fe in front_ends]
    start = time.monotonic()
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for r in pool.map(lambda t: run_one(tc, *t, args.seed, args.timeout, args.keep), tasks):
            results.append(r)
            if r["outcome"] != "ok":
                print("%s: %s %s#%d in %s" % (r["outcome"].upper(), r["job"], r["kind"],
                                             r["index"], r["front_end"]), flush=True)
    bad = [r for r in results if r["outcome"] != "ok"]
    slowest = max(results, key=lambda r: r["seconds"])
    print("robustness: %d seeds, %d runs (%s) in %.0f s: %d crashes, %d hangs; "
          "slowest %.1f s (%s %s#%d, %s)" % (
              len(seeds), len(results), ", ".join(front_ends), time.monotonic() - start,
              sum(r["outcome"] == "crash" for r in bad), sum(r["outcome"] == "hang" for r in bad),
              slowest["seconds"], slowest["job"], slowest["kind"], slowest["index"],
              slowest["front_end"]))
    if bad:
        print("robustness: failing inputs and logs are in %s" % args.keep)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
