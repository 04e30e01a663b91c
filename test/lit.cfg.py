# -*- Python -*-
"""The leaklint lit suite.

Substitutions a RUN line can use:
  %check_leaklint   the message + fix-it round-trip harness (check_leaklint.py)
  %clang_tidy       clang-tidy with the leaklint plugin loaded
  %clangxx          the clang++ of the same LLVM
  %tidy_plugin      path of LeakLint.so
  %llvm_major       the LLVM major version leaklint is built for
  %asan_lsan        compiler flags for an AddressSanitizer/LeakSanitizer build
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
