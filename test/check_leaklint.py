#!/usr/bin/env python3
"""Runs one leaklint check over a lit test file and verifies everything it says.

    check_leaklint.py [options] SOURCE CHECK TMP [-- CLANG-TIDY-ARGS] [-- COMPILER-ARGS]

1. Copies SOURCE to TMP (keeping its extension), without the lines that only
   hold CHECK directives, so a fixed file is checked against what the fix
   made and not against its own expectations.
2. Runs clang-tidy with the plugin, `-checks=-*,CHECK` and `--fix` on the copy
   and FileChecks its diagnostics against the CHECK-MESSAGES[-SUFFIX] lines,
   with every other warning, note and error forbidden (--implicit-check-not).
3. When SOURCE has CHECK-FIXES[-SUFFIX] lines: FileChecks the fixed copy with
   --match-full-lines.
4. Compiles the fixed copy with `clang++ -fsyntax-only -Werror` (a fix that
   does not compile fails the test; so does test code that is not C++).
5. Runs `--fix` once more and requires the file to stay byte for byte the same.

Line numbers in CHECK-MESSAGES refer to SOURCE: directive-only lines are
replaced by empty lines, not removed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def fail(message):
    sys.stderr.write("check_leaklint: " + message + "\n")
    sys.exit(1)


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def split_args(rest):
    """Splits `-- tidy args -- compiler args` (either part may be absent)."""
    if rest and rest[0] == "--":
        rest = rest[1:]
    if "--" in rest:
        i = rest.index("--")
        return rest[:i], rest[i + 1:]
    return [], rest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("--no-compile", action="store_true",
                        help="skip step 4, for sources that are meant not to compile")
    parser.add_argument("--no-fix", action="store_true",
                        help="check messages only: for runs whose fixes would "
                             "edit files outside the temporary copy (headers)")
    parser.add_argument("source")
    parser.add_argument("check")
    parser.add_argument("tmp")
    args, rest = parser.parse_known_args()
    tidy_args, compiler_args = split_args(rest)

    suffix = "-" + args.check_suffix if args.check_suffix else ""
    messages_prefix = "CHECK-MESSAGES" + suffix
    fixes_prefix = "CHECK-FIXES" + suffix

    with open(args.source) as f:
        original = f.read()
    directive = re.compile(r"^\s*//\s*(CHECK|RUN)[-A-Z0-9]*:")
    cleaned = "\n".join("" if directive.match(line) else line
                        for line in original.split("\n"))
    has_messages = re.search(messages_prefix + r":", original) is not None
    has_fixes = re.search(fixes_prefix + r":", original) is not None

    ext = os.path.splitext(args.source)[1] or ".cpp"
    tmp = args.tmp + ext
    os.makedirs(os.path.dirname(os.path.abspath(tmp)), exist_ok=True)
    with open(tmp, "w") as f:
        f.write(cleaned)

    base = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*," + args.check]
    tidy_tail = tidy_args + [tmp, "--"] + compiler_args
    tidy = base + ["--fix"] + tidy_tail
    # Diagnose first without touching anything, and refuse to go on when a
    # fix would edit a file other than the temporary copy (say, a header in
    # the source tree).
    exported = tmp + ".fixes.yaml"
    result = run(base + ["--export-fixes=" + exported] + tidy_tail)
    if not args.no_fix and os.path.exists(exported):
        with open(exported) as f:
            replaced = re.findall(
                r"-\s+FilePath:\s*'?([^'\n]+?)'?\s*\n\s*Offset:", f.read())
            for path in replaced:
                if os.path.realpath(path) != os.path.realpath(tmp):
                    fail("a fix would edit %s, outside the test's copy; "
                         "use --no-fix or a header filter" % path)
    output = result.stdout
    with open(tmp + ".msg", "w") as f:
        f.write(output)
    if result.returncode not in (0, 1) or "Stack dump" in output \
            or "PLEASE submit a bug report" in output:
        fail("clang-tidy crashed or failed (exit %d):\n%s" % (result.returncode, output))

    # clang-tidy adds a note of its own at every fix it applies; the test is
    # about what the check says, and CHECK-FIXES covers what it applied.
    diagnostics = "\n".join(
        line for line in output.split("\n")
        if re.search(r":\d+:\d+: (warning|note|error): ", line)
        and "note: FIX-IT applied suggested code changes" not in line)
    with open(tmp + ".diag", "w") as f:
        f.write(diagnostics + "\n")
    if has_messages:
        fc = run([args.filecheck, "--input-file=" + tmp + ".diag", args.source,
                  "--check-prefix=" + messages_prefix,
                  "--implicit-check-not={{warning|note|error}}:"])
        if fc.returncode:
            fail("diagnostics do not match %s:\n%s\n--- clang-tidy said ---\n%s"
                 % (messages_prefix, fc.stdout, output))
    elif diagnostics.strip():
        fail("expected no diagnostics, got:\n" + diagnostics)

    if args.no_fix:
        return
    run(tidy)

    if has_fixes:
        fc = run([args.filecheck, "--input-file=" + tmp, args.source,
                  "--check-prefix=" + fixes_prefix, "--match-full-lines"])
        if fc.returncode:
            fail("fixed file does not match %s:\n%s" % (fixes_prefix, fc.stdout))

    if not args.no_compile:
        lang = ["-x", "c++"] if ext != ".c" else []
        cc = run([args.clang, "-fsyntax-only", "-Werror", "-Wall"] + lang
                 + compiler_args + [tmp])
        if cc.returncode:
            fail("the fixed file does not compile:\n" + cc.stdout)

    with open(tmp) as f:
        fixed = f.read()
    again = run(tidy)
    with open(tmp) as f:
        refixed = f.read()
    if refixed != fixed:
        fail("a second --fix changed the file again:\n" + again.stdout)


if __name__ == "__main__":
    main()
