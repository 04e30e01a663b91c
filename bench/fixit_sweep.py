#!/usr/bin/env python3
"""Fix-it safety sweep: every fix-it the leak-* checks offer, applied to a
copy, must leave code that compiles as well as before, and a second --fix
must change nothing.

Units: each corpus TU (bench/corpus/tus), each fetched source package (its
whole tree copied once, every source fixed in turn, as run-clang-tidy -fix
would over a project), and each of leaklint's own test inputs (test/checkers,
test/fixits, with a copy of test/Inputs) and examples/. For every unit:
  1. clang-tidy --load -checks=-*,leak-* --fix, header filter = the copy, so
     only copied files are edited (never /usr/include);
  2. if anything changed, compile every file with -fsyntax-only -Wall -Wextra
     before and after: a new error or warning is a defect;
  3. --fix again: any change to any file is a defect (not idempotent).

  bench/fixit_sweep.py --units tests        (CI)
  bench/fixit_sweep.py                      (everything; see docs/evaluation)
"""
import argparse
import concurrent.futures
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import corpus  # noqa: E402
from toolchain import SRC_ROOT, Toolchain, default_build_dir  # noqa: E402

APPLIED = re.compile(r"applied (\d+) of (\d+) suggested fixes")
DIAG = re.compile(r"^(.*?):(\d+):(\d+): (error|warning): (.*)$", re.M)


class Unit:
    """Files to fix together in one copied tree: (path, flags) pairs with
    paths relative to the tree; flags may use {tree}."""

    def __init__(self, name, source_tree, files, flags, extra_trees=(), whole_tree=False):
        self.name, self.source_tree, self.files, self.flags = name, source_tree, files, flags
        self.extra_trees = extra_trees  # (source dir, name inside the copy)
        self.whole_tree = whole_tree  # copy the tree, not only the files


def units(kinds, corpus_dir):
    out = []
    if "tests" in kinds:
        inputs = os.path.join(SRC_ROOT, "test", "Inputs")
        for path in sorted(glob.glob(os.path.join(SRC_ROOT, "test", "checkers", "*.cpp")) +
                           glob.glob(os.path.join(SRC_ROOT, "test", "fixits", "*.cpp"))):
            std = "-std=c++11" if "cxx11" in path else "-std=c++17"
            out.append(Unit("test/" + os.path.relpath(path, os.path.join(SRC_ROOT, "test")),
                            os.path.dirname(path), [os.path.basename(path)],
                            [std, "-I{tree}/Inputs"], [(inputs, "Inputs")]))
        examples = os.path.join(SRC_ROOT, "examples")
        out.append(Unit("examples", examples,
                        sorted(os.path.relpath(p, examples)
                               for p in glob.glob(os.path.join(examples, "src", "*.cpp"))),
                        ["-std=c++17", "-I{tree}/include"], whole_tree=True))
    if "corpus" in kinds:
        for job in corpus.tu_jobs():
            out.append(Unit(job.name, corpus.TU_DIR, [os.path.basename(job.path)], job.flags))
        by_package = {}
        for job in corpus.source_jobs(corpus_dir):
            by_package.setdefault(job.origin, []).append(job)
        for package, jobs in sorted(by_package.items()):
            tree = jobs[0].cwd
            out.append(Unit(package, tree, [os.path.relpath(j.path, tree) for j in jobs],
                            jobs[0].flags, whole_tree=True))
    return out


def copy_unit(unit, dest):
    if unit.whole_tree:
        shutil.copytree(unit.source_tree, dest, symlinks=True)
    else:
        os.makedirs(dest)
        for f in unit.files:
            shutil.copy(os.path.join(unit.source_tree, f), os.path.join(dest, f))
    for src, name in unit.extra_trees:
        shutil.copytree(src, os.path.join(dest, name))


def tree_digest(root):
    digest = {}
    for base, _, files in os.walk(root):
        for f in files:
            p = os.path.join(base, f)
            if os.path.isfile(p) and not os.path.islink(p):
                digest[os.path.relpath(p, root)] = hashlib.sha1(open(p, "rb").read()).hexdigest()
    return digest


def compile_diags(tc, tree, unit, path, flags):
    proc = subprocess.run([tc.clangxx, "-fsyntax-only", "-Wall", "-Wextra",
                           "-fno-color-diagnostics", "-fno-caret-diagnostics"] + flags + [path],
                          cwd=tree, capture_output=True, text=True, errors="replace")
    # Line numbers move when a fix-it adds lines: compare what, not where.
    return sorted("%s: %s: %s" % (os.path.basename(m.group(1)), m.group(4), m.group(5))
                  for m in DIAG.finditer(proc.stderr))


def fix(tc, tree, path, flags):
    proc = subprocess.run(tc.tidy("-checks=-*,leak-*", "--fix", "--header-filter=^" + re.escape(tree) + "/",
                                  path, "--") + flags,
                          cwd=tree, capture_output=True, text=True, errors="replace")
    m = APPLIED.search(proc.stderr + proc.stdout)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def sweep(tc, unit):
    defects, applied, offered = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, "tree")
        copy_unit(unit, tree)
        flags = [f.replace("{tree}", tree) for f in unit.flags]
        original = tree_digest(tree)
        for f in unit.files:
            a, o = fix(tc, tree, f, flags)
            applied, offered = applied + a, offered + o
        fixed = tree_digest(tree)
        changed = sorted(p for p in fixed if fixed[p] != original.get(p))
        if changed:
            # The baseline, compiled only when a fix-it changed something: a
            # pristine copy at the same path, so paths in messages agree.
            fixed_tree = os.path.join(tmp, "fixed")
            os.rename(tree, fixed_tree)
            copy_unit(unit, tree)
            before = {f: compile_diags(tc, tree, unit, f, flags) for f in unit.files}
            shutil.rmtree(tree)
            os.rename(fixed_tree, tree)
            for f in unit.files:
                after = compile_diags(tc, tree, unit, f, flags)
                new = sorted(set(after) - set(before[f]))
                if new:
                    defects.append("%s: the fixed code has new diagnostics:\n      %s"
                                   % (f, "\n      ".join(new)))
            for f in unit.files:
                fix(tc, tree, f, flags)
            again = tree_digest(tree)
            redone = sorted(p for p in again if again[p] != fixed.get(p))
            if redone:
                defects.append("a second --fix changed %s" % ", ".join(redone))
    return unit, applied, offered, changed, defects


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=default_build_dir())
    ap.add_argument("--corpus-dir", default=corpus.default_corpus_dir())
    ap.add_argument("--units", choices=["tests", "corpus", "all"], default="all")
    ap.add_argument("--filter")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    args = ap.parse_args()

    tc = Toolchain(args.build)
    kinds = ("tests", "corpus") if args.units == "all" else (args.units,)
    todo = [u for u in units(kinds, args.corpus_dir)
            if not args.filter or args.filter in u.name]
    total_applied = total_offered = touched = 0
    bad = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for unit, applied, offered, changed, defects in pool.map(lambda u: sweep(tc, u), todo):
            total_applied += applied
            total_offered += offered
            touched += bool(changed)
            if changed or defects:
                print("%s: %d of %d fix-its applied, %d file(s) changed%s" % (
                    unit.name, applied, offered, len(changed),
                    "" if not defects else "\n  DEFECT " + "\n  DEFECT ".join(defects)),
                    flush=True)
            bad += bool(defects)
    print("fixit-sweep: %d units, %d of %d fix-its applied in %d units; "
          "%d units with defects" % (len(todo), total_applied, total_offered, touched, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
