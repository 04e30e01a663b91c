# -*- Python -*-
"""The leaklint lit suite.

Substitutions a RUN line can use:
  %check_leaklint   the message + fix-it round-trip harness (check_leaklint.py)
  %clang_tidy       clang-tidy with the leaklint plugin loaded
  %clangxx          the clang++ of the same LLVM
  %tidy_plugin      path of LeakLint.so
  %llvm_major       the LLVM major version leaklint is built for
  %asan_lsan        compiler flags for an AddressSanitizer/LeakSanitizer build
  %clang_plugin     path of LeakLintPlugin.so, for clang++ -fplugin=
  %leaklint_tidy    the leaklint-tidy executable
  %leaklint_clangd  the leaklint-clangd executable
  %leaklint_sarif   the leaklint-sarif converter
  %leaklint_merge   leaklint-merge, whole-program mode's merge
  %compare_front_ends  shows the plugin reports what clang-tidy reports
  %lsp_check        a small LSP client that opens a file in a server
  %validate_sarif   validates SARIF files against the vendored 2.1.0 schema
  %leaklint_ci      scripts/leaklint-ci, the CI lint stage in one command
  %src_root         the source tree; %llvm_bin the LLVM tools directory
  %leaklint_fuzz    the leaklint-fuzz libFuzzer target (feature `fuzzer`)
FileCheck, not, count and split-file come from the same LLVM.
"""
import os

import lit.formats

config.name = "leaklint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.leaklint_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Diagnostics are checked as text: no colours, no locale surprises.
config.environment["LC_ALL"] = "C"
config.environment["TERM"] = "dumb"

harness = os.path.join(config.test_source_root, "check_leaklint.py")
config.substitutions.append((
    "%check_leaklint",
    "%s %s --clang-tidy=%s --plugin=%s --clang=%s --filecheck=%s" % (
        config.python, harness, config.clang_tidy, config.tidy_plugin,
        config.clangxx, config.filecheck)))
config.substitutions.append(
    ("%clang_tidy", "%s --load=%s" % (config.clang_tidy, config.tidy_plugin)))
config.substitutions.append(("%{clang_tidy_bin}", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%tidy_plugin", config.tidy_plugin))
config.substitutions.append(("%llvm_major", config.llvm_major))
config.substitutions.append(("%python", config.python))
config.substitutions.append(
    ("%asan_lsan", "-fsanitize=address -fno-omit-frame-pointer -g -O0"))
config.substitutions.append(("%clang_plugin", config.clang_plugin))
config.substitutions.append(("%leaklint_tidy", config.leaklint_tidy))
config.substitutions.append(("%leaklint_clangd", config.leaklint_clangd))
config.substitutions.append(("%leaklint_sarif", config.leaklint_sarif))
config.substitutions.append(("%leaklint_merge", config.leaklint_merge))
tools = os.path.join(config.test_source_root, "tools")
config.substitutions.append(("%compare_front_ends", "%s %s --clang-tidy='%s --load=%s' --clang=%s --plugin=%s" % (
    config.python, os.path.join(tools, "compare_front_ends.py"),
    config.clang_tidy, config.tidy_plugin, config.clangxx, config.clang_plugin)))
config.substitutions.append(("%lsp_check", "%s %s" % (
    config.python, os.path.join(tools, "lsp_check.py"))))
config.substitutions.append(("%validate_sarif", "%s %s --schema=%s" % (
    config.python, os.path.join(tools, "validate_sarif.py"),
    os.path.join(config.test_source_root, "Inputs", "sarif", "sarif-schema-2.1.0.json"))))
# The CI recipe script finds the tools of this build, and the run-clang-tidy
# of this LLVM.
config.environment["LEAKLINT_BIN_DIR"] = os.path.dirname(config.leaklint_tidy)
config.environment["LEAKLINT_LLVM_MAJOR"] = config.llvm_major
config.substitutions.append(("%leaklint_ci", os.path.join(
    config.leaklint_src_root, "scripts", "leaklint-ci")))
config.substitutions.append(("%src_root", config.leaklint_src_root))
config.substitutions.append(("%llvm_bin", config.llvm_tools_dir))
# pre-commit (Debian's package) runs the hook definition for real.
import shutil
if shutil.which("pre-commit"):
    config.available_features.add("pre-commit")
# test/cmake forces GCC to show the configure-time error.
if shutil.which("g++"):
    config.available_features.add("gxx")
config.substitutions.append(("%S_inputs", os.path.join(config.test_source_root, "Inputs")))

# Runtime tests need clang's sanitizer runtime (libclang-rt-<major>-dev).
rt_dir = os.path.join(os.path.dirname(os.path.dirname(config.clangxx)), "lib", "clang")
if any("asan" in f for _, _, files in os.walk(rt_dir) for f in files):
    config.available_features.add("asan")

# Standalone asio (libasio-dev), for the keep-alive idiom with the real library.
if os.path.exists("/usr/include/asio.hpp"):
    config.available_features.add("asio")

# A clang-tidy of another LLVM major version, to show the plugin refuses it.
import glob
import re
for candidate in sorted(glob.glob("/usr/lib/llvm-*/bin/clang-tidy")):
    major = re.search(r"llvm-(\d+)", candidate).group(1)
    if major != config.llvm_major:
        config.available_features.add("other-clang-tidy")
        config.substitutions.append(("%other_clang_tidy", candidate))
        config.substitutions.append(("%other_major", major))
        break

# The libFuzzer target, built only with LEAKLINT_BUILD_FUZZER=ON and clang's
# fuzzer runtime (docs/fuzzing.md); without it test/fuzz is unsupported.
if getattr(config, "leaklint_fuzz", ""):
    config.available_features.add("fuzzer")
    config.substitutions.append(("%leaklint_fuzz", config.leaklint_fuzz))
