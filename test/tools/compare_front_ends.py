#!/usr/bin/env python3
"""Shows that the compiler plugin reports exactly what clang-tidy reports.

  compare_front_ends.py --clang-tidy=CMD --clang=CLANGXX --plugin=SO
      --check=NAME [--option=Name=Value]... SOURCE -- COMPILE_FLAGS...

Runs one check over SOURCE twice: as `clang-tidy --checks=-*,NAME` and as
`clang++ -fsyntax-only -fplugin=SO -fplugin-arg-leaklint-checks=NAME`, with
the same options. Compares every leak-* warning with its notes (file, line,
column, text, in order), then applies the fix-its of each front end to its own
copy (`--fix`; `-Xclang -fixit`) and compares the fixed files. Prints a
summary; exits 1 on any difference, or when the check found nothing (a
comparison of nothing shows nothing).
"""
import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(?P<loc>[^:\s][^:]*:\d+:\d+): (?P<kind>warning|error|note): "
                  r"(?P<text>.*?)(?: \[(?P<tag>[^\]]+)\])?$")


def leak_diagnostics(output, directory):
    """The leak-* warnings of OUTPUT, each with its notes; paths relative."""
    groups, current = [], None
    for line in output.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        path, _, line_col = m["loc"].partition(":")
        loc = os.path.relpath(os.path.join(directory, path), directory) + \
            ":" + line_col
        if m["kind"] != "note":
            current = None
            if m["tag"] and m["tag"].startswith("leak-"):
                current = ["%s: %s: %s [%s]" % (loc, m["kind"], m["text"], m["tag"])]
                groups.append(current)
        elif current is not None:
            current.append("  %s: note: %s" % (loc, m["text"]))
    return groups


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    return proc.stdout


def main():
    argv = sys.argv[1:]
    flags = []
    if "--" in argv:
        flags = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--check", required=True)
    ap.add_argument("--option", action="append", default=[])
    ap.add_argument("source")
    args = ap.parse_args(argv)

    work = tempfile.mkdtemp(prefix="leaklint-compare-")
    try:
        name = os.path.basename(args.source)
        copies = {}
        for front in ("tidy", "plugin"):
            os.mkdir(os.path.join(work, front))
            copies[front] = os.path.join(work, front, name)
            shutil.copy(args.source, copies[front])

        options = ", ".join("%s.%s: '%s'" % ((args.check,) + tuple(o.split("=", 1)))
                            for o in args.option)
        tidy = shlex.split(args.clang_tidy) + [
            "--checks=-*," + args.check, "--config={CheckOptions: {%s}}" % options]
        plugin = [args.clang, "-fsyntax-only", "-Wno-everything",
                  "-fplugin=" + args.plugin,
                  "-fplugin-arg-leaklint-checks=" + args.check] + [
            "-fplugin-arg-leaklint-%s.%s" % (args.check, o) for o in args.option]

        found = {
            "tidy": leak_diagnostics(run(tidy + [name, "--"] + flags,
                                         os.path.dirname(copies["tidy"])),
                                     os.path.dirname(copies["tidy"])),
            "plugin": leak_diagnostics(run(plugin + flags + [name],
                                           os.path.dirname(copies["plugin"])),
                                       os.path.dirname(copies["plugin"])),
        }
        run(tidy + ["--fix", name, "--"] + flags, os.path.dirname(copies["tidy"]))
        run(plugin + ["-Xclang", "-fixit"] + flags + [name],
            os.path.dirname(copies["plugin"]))
        fixed = {f: open(copies[f]).read().splitlines() for f in copies}

        status = 0
        # clang-tidy sorts by file name, clang by inclusion order: compare
        # each warning with its notes, in one order.
        text = {f: [l for g in sorted(found[f]) for l in g] for f in found}
        if text["tidy"] != text["plugin"]:
            status = 1
            print("diagnostics differ (- clang-tidy, + plugin):")
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                text["tidy"], text["plugin"], lineterm="", n=1))
        if fixed["tidy"] != fixed["plugin"]:
            status = 1
            print("fixed files differ (- clang-tidy --fix, + -Xclang -fixit):")
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                fixed["tidy"], fixed["plugin"], lineterm="", n=1))
        if not found["tidy"]:
            status = 1
            print("%s: no %s diagnostics to compare" % (name, args.check))
        if status == 0:
            changed = sum(l.startswith("+ ") for l in difflib.ndiff(
                open(args.source).read().splitlines(), fixed["tidy"]))
            print("%s: %s: %d warnings, %d notes, %d fixed lines: identical" % (
                name, args.check, len(found["tidy"]),
                sum(len(g) - 1 for g in found["tidy"]), changed))
        return status
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
