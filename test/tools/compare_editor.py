#!/usr/bin/env python3
"""Shows that leaklint-clangd reports what clang-tidy reports on one TU.

  compare_editor.py --clang-tidy=CMD --server=CMD --lsp-check=SCRIPT
      SOURCE -- COMPILE_FLAGS...

Runs the leak-* checks over SOURCE (which may include headers from its
folder) as clang-tidy, and opens it in the language server (lsp_check.py).
Every leak-* warning clang-tidy gives, in SOURCE or in a header, is compared
with the server's, each with its notes, by text and note positions. clangd
shows a header's warning in the main file, starts a range where its fix-it
starts, capitalises messages and adds "(fix available)": where a warning is
placed and the case of its first letter are not compared. Prints both sets; exits 1 when they differ, or when clang-tidy
found nothing (a comparison of nothing shows nothing).
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

TIDY = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note): (?P<text>.*?)(?: \[(?P<tag>[^\]]+)\])?$")
DIAG = re.compile(r"^diag (?P<line>\d+):\d+ \w+ \[(?P<tag>[^\]]+)\] clang-tidy: (?P<text>.*)$")
RELATED = re.compile(r"^  related (?P<loc>\S+:\d+:\d+): (?P<text>.*)$")


def normal(text):
    text = text.replace(" (fix available)", "")
    return text[:1].lower() + text[1:]


def tidy_findings(output, source):
    found, current = [], None
    for line in output.splitlines():
        m = TIDY.match(line)
        if not m:
            continue
        if m["kind"] != "note":
            current = None
            if (m["tag"] or "").startswith("leak-"):
                current = ["%s [%s]" % (normal(m["text"]), m["tag"])]
                found.append(current)
        elif current is not None:
            current.append("  %s:%s:%s: %s" % (os.path.basename(m["file"]), m["line"],
                                                m["col"], normal(m["text"])))
    return sorted(found)


def editor_findings(output, source):
    found, current = [], None
    for line in output.splitlines():
        m = DIAG.match(line)
        if m:
            current = None
            if m["tag"].startswith("leak-"):
                current = ["%s [%s]" % (normal(m["text"]), m["tag"])]
                found.append(current)
            continue
        m = RELATED.match(line)
        if m and current is not None:
            current.append("  %s: %s" % (m["loc"], normal(m["text"])))
    return sorted(found)


def main():
    argv = sys.argv[1:]
    flags = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--lsp-check", required=True)
    ap.add_argument("source")
    args = ap.parse_args(argv)
    folder = os.path.dirname(os.path.abspath(args.source))
    tidy = subprocess.run(shlex.split(args.clang_tidy) + [
        "--checks=-*,leak-*", "--header-filter=.*", args.source, "--"] + flags,
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    editor = subprocess.run([sys.executable, os.path.abspath(args.lsp_check), "--server=" + args.server,
                             "--file=" + os.path.abspath(args.source),
                             "--compile-flags=" + " ".join(flags), "--code-regex=^leak-"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True).stdout
    expected = tidy_findings(tidy, args.source)
    shown = editor_findings(editor, args.source)
    for name, found in (("clang-tidy", expected), ("leaklint-clangd", shown)):
        print("%s:" % name)
        for group in found:
            print("\n".join(group))
    if not expected:
        print("no leak-* warnings in %s to compare" % args.source)
        return 1
    if expected != shown:
        print("DIFFERENT")
        return 1
    print("%s: %d warnings, %d notes: identical" % (
        os.path.basename(args.source), len(expected), sum(len(g) - 1 for g in expected)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
