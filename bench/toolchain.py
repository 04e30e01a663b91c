"""Where the instruments find leaklint's build and the LLVM tools it was
built against: the build directory's CMakeCache.txt names both."""
import os
import re
import subprocess

SRC_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Toolchain:
    def __init__(self, build_dir):
        self.build = os.path.abspath(build_dir)
        cache = os.path.join(self.build, "CMakeCache.txt")
        if not os.path.exists(cache):
            raise SystemExit("%s: not a leaklint build directory (no CMakeCache.txt); "
                             "run scripts/build.sh first" % self.build)
        values = dict(re.findall(r"^([A-Za-z0-9_]+):[A-Z]+=(.*)$",
                                 open(cache).read(), re.M))
        self.llvm_major = values.get("LEAKLINT_LLVM_MAJOR", "22")
        self.clang_tidy = values["LEAKLINT_CLANG_TIDY"]
        self.clangxx = values["LEAKLINT_CLANGXX"]
        self.llvm_bin = os.path.dirname(self.clang_tidy)
        self.tidy_plugin = self._built("lib/LeakLint.so")
        self.clang_plugin = self._built("lib/LeakLintPlugin.so")
        self.leaklint_tidy = self._built("bin/leaklint-tidy")
        self.leaklint_clangd = self._built("bin/leaklint-clangd")
        self.leaklint_merge = self._built("bin/leaklint-merge")

    def _built(self, rel):
        path = os.path.join(self.build, rel)
        if not os.path.exists(path):
            raise SystemExit("%s: missing; build leaklint first" % path)
        return path

    def tidy(self, *args):
        """clang-tidy with the leak-* checks loaded."""
        return [self.clang_tidy, "--load=" + self.tidy_plugin] + list(args)

    def version(self):
        out = subprocess.run([self.clang_tidy, "--version"], capture_output=True,
                             text=True).stdout
        m = re.search(r"LLVM version (\S+)", out)
        return m.group(1) if m else "unknown"


def default_build_dir():
    return os.environ.get("LEAKLINT_BUILD_DIR", os.path.join(SRC_ROOT, "build"))


def leaklint_commit():
    r = subprocess.run(["git", "-C", SRC_ROOT, "rev-parse", "--short", "HEAD"],
                       capture_output=True, text=True)
    return r.stdout.strip() or "unknown"
