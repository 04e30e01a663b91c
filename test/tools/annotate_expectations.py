#!/usr/bin/env python3
"""Drafts CHECK-MESSAGES lines for a test source from clang-tidy's output.

    annotate_expectations.py SOURCE DIAGNOSTICS [PREFIX] > annotated.cpp

DIAGNOSTICS is clang-tidy's output for SOURCE. Each warning gets its expected
message under its line, followed by its notes, with [[@LINE+-N]] offsets
that stay right after insertion. This only writes down what the tool said:
read every line before committing it; a wrong expectation is a wrong test.
"""
import re
import sys


def main():
    source = open(sys.argv[1]).read().split("\n")
    prefix = sys.argv[3] if len(sys.argv) > 3 else "CHECK-MESSAGES"
    pattern = re.compile(r"^[^:]*:(\d+):(\d+): (warning|note): (.*)$")
    findings = []
    for line in open(sys.argv[2]):
        m = pattern.match(line.rstrip("\n"))
        if not m or "FIX-IT applied" in line:
            continue
        lineno, col, kind, msg = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if kind == "warning":
            findings.append([(lineno, col, kind, msg)])
        elif findings:
            findings[-1].append((lineno, col, kind, msg))
    # Blocks go under each warning's line.
    blocks = {}
    for f in findings:
        blocks.setdefault(f[0][0], []).extend(f)
    inserted_after = sorted(blocks)

    def final(orig):
        return orig + sum(len(blocks[w]) for w in inserted_after if w < orig)

    out = []
    for i, text in enumerate(source, start=1):
        out.append(text)
        if i not in blocks:
            continue
        indent = re.match(r"\s*", text).group(0)
        for j, (lineno, col, kind, msg) in enumerate(blocks[i]):
            here = final(i) + 1 + j
            offset = final(lineno) - here
            rel = "[[@LINE%+d]]" % offset if offset else "[[@LINE]]"
            end = "" if kind == "warning" else "{{$}}"
            out.append("%s// %s: :%s:%d: %s: %s%s"
                       % (indent, prefix, rel, col, kind, msg, end))
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
