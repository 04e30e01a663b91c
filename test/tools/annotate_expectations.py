#!/usr/bin/env python3
"""Drafts CHECK-MESSAGES lines for a test source from clang-tidy's output.

    annotate_expectations.py SOURCE DIAGNOSTICS [PREFIX] [DIAGNOSTICS PREFIX]...

Each DIAGNOSTICS file is clang-tidy's output for SOURCE (without any CHECK
lines) under one configuration, checked with PREFIX (CHECK-MESSAGES unless
given). Each warning gets its expected message under its line, followed by
its notes, with [[@LINE+-N]] offsets computed for the final file; notes in
other files (headers) are written with their file name. Warnings in other
files are left out: write those by hand. This only writes down what the tool
said: read every line before committing it; a wrong expectation is a wrong
test.
"""
import os
import re
import sys


def read_findings(path, source_name):
    pattern = re.compile(r"^([^:]*):(\d+):(\d+): (warning|note): (.*)$")
    findings = []
    for line in open(path):
        m = pattern.match(line.rstrip("\n"))
        if not m or "FIX-IT applied" in line:
            continue
        file = os.path.basename(m.group(1))
        item = (int(m.group(2)), int(m.group(3)), m.group(4), m.group(5),
                None if file == source_name else file)
        if item[2] == "warning":
            # A warning in another file is written by hand; so are its notes.
            findings.append([item] if item[4] is None else None)
        elif findings and findings[-1] is not None:
            findings[-1].append(item)
    findings = [f for f in findings if f is not None]
    return findings


def main():
    source = open(sys.argv[1]).read().split("\n")
    name = os.path.basename(sys.argv[1])
    args = sys.argv[2:]
    runs = []
    while args:
        diag = args.pop(0)
        prefix = "CHECK-MESSAGES"
        if args and args[0].startswith("CHECK"):
            prefix = args.pop(0)
        runs.append((diag, prefix))

    # Lines to insert under each source line, in order.
    blocks = {}
    for diag, prefix in runs:
        for f in read_findings(diag, name):
            blocks.setdefault(f[0][0], []).extend((prefix, item) for item in f)
    anchors = sorted(blocks)

    def final(orig):
        return orig + sum(len(blocks[w]) for w in anchors if w < orig)

    out = []
    for i, text in enumerate(source, start=1):
        out.append(text)
        indent = re.match(r"\s*", text).group(0)
        for j, (prefix, (lineno, col, kind, msg, file)) in enumerate(
                blocks.get(i, [])):
            end = "" if kind == "warning" else "{{$}}"
            if file is not None:
                out.append("%s// %s: %s:%d:%d: %s: %s%s"
                           % (indent, prefix, file, lineno, col, kind, msg, end))
                continue
            here = final(i) + 1 + j
            offset = final(lineno) - here
            rel = "[[@LINE%+d]]" % offset if offset else "[[@LINE]]"
            out.append("%s// %s: :%s:%d: %s: %s%s"
                       % (indent, prefix, rel, col, kind, msg, end))
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
