"""The real-world corpus every instrument in bench/ runs over.

Two kinds of compile jobs:
  * the TUs in bench/corpus/tus/: application code that includes a Debian
    -dev package's headers; the first lines name the flags and packages:
        // CORPUS-FLAGS: -std=c++17 $(pkg-config --cflags Qt6Core)
        // CORPUS-PACKAGES: qt6-base-dev
  * the library sources of the Debian source packages in sources.json,
    unpacked by bench/corpus/fetch.sh into <corpus dir>/src/<package>-<version>.
"""
import fnmatch
import glob
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import List

HERE = os.path.dirname(os.path.abspath(__file__))
TU_DIR = os.path.join(HERE, "tus")
SOURCES_JSON = os.path.join(HERE, "sources.json")
SRC_ROOT = os.path.dirname(os.path.dirname(HERE))


@dataclass
class Job:
    """One file to compile: its path, its flags and the directory to run in."""
    name: str  # unique and stable: "tu/asio_standalone.cpp", "spdlog/src/async.cpp"
    origin: str  # the TU's name or the source package
    path: str
    flags: List[str]
    cwd: str
    packages: List[str] = field(default_factory=list)


def default_corpus_dir():
    return os.environ.get("LEAKLINT_CORPUS_DIR",
                          os.path.join(SRC_ROOT, "build", "corpus"))


def _header_value(text, key):
    m = re.search(r"^// %s:(.*)$" % key, text, re.M)
    return m.group(1).strip() if m else None


def _expand_flags(flags):
    """Expands $(pkg-config ...) the way a build script would."""
    if "$" not in flags:
        return flags.split()
    out = subprocess.run(["bash", "-c", 'eval "set -- %s"; printf "%%s\\0" "$@"'
                          % flags.replace('"', '\\"')],
                         check=True, capture_output=True, text=True).stdout
    return [a for a in out.split("\0") if a]


def tu_jobs():
    jobs = []
    for path in sorted(glob.glob(os.path.join(TU_DIR, "*.cpp"))):
        text = open(path, encoding="utf-8").read(4096)
        flags = _header_value(text, "CORPUS-FLAGS")
        if flags is None:
            raise SystemExit("%s: no '// CORPUS-FLAGS:' line" % path)
        packages = (_header_value(text, "CORPUS-PACKAGES") or "").split()
        name = os.path.basename(path)
        jobs.append(Job("tu/" + name, name[:-4], path, _expand_flags(flags),
                        TU_DIR, packages))
    return jobs


def load_sources():
    return json.load(open(SOURCES_JSON))["sources"]


def source_tree(corpus_dir, package):
    """The unpacked tree of source package `package`, or None."""
    trees = sorted(d for d in glob.glob(os.path.join(corpus_dir, "src", package + "-*"))
                   if os.path.isdir(d))
    return trees[-1] if trees else None


def source_jobs(corpus_dir, missing=None):
    jobs = []
    for spec in load_sources():
        tree = source_tree(corpus_dir, spec["package"])
        if tree is None:
            if missing is not None:
                missing.append(spec["package"])
            continue
        files = set()
        for pattern in spec["files"]:
            files.update(glob.glob(os.path.join(tree, pattern)))
        for path in sorted(files):
            rel = os.path.relpath(path, tree)
            if any(fnmatch.fnmatch(rel, x) for x in spec.get("exclude", [])):
                continue
            jobs.append(Job("%s/%s" % (spec["package"], rel), spec["package"],
                            path, list(spec["flags"]), tree))
    return jobs


def all_jobs(corpus_dir, kinds=("tus", "sources"), missing=None):
    jobs = []
    if "tus" in kinds:
        jobs += tu_jobs()
    if "sources" in kinds:
        jobs += source_jobs(corpus_dir, missing)
    return jobs


def display_path(path, corpus_dir):
    """A path as the reports show it: /usr/include/... as is, a source tree's
    file as <package>/<relative path> (no version, no build directory)."""
    path = os.path.normpath(path)
    src = os.path.join(os.path.normpath(corpus_dir), "src") + os.sep
    if path.startswith(src):
        rest = path[len(src):]
        tree, _, rel = rest.partition(os.sep)
        return re.sub(r"-[0-9][^/]*$", "", tree) + "/" + rel
    if path.startswith(TU_DIR + os.sep):
        return "bench/corpus/tus/" + path[len(TU_DIR) + 1:]
    return path


def package_versions(packages):
    out = {}
    for p in sorted(set(packages)):
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", p],
                           capture_output=True, text=True)
        out[p] = r.stdout.strip() if r.returncode == 0 else "not installed"
    return out
