// What users do: configure through a .clang-tidy file, silence with the
// NOLINT forms, export fixes for clang-apply-replacements.
//
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/source.cpp
// RUN: printf 'Checks: "-*,leak-*"\nCheckOptions:\n  leak-static-instance-cache.IgnoredClasses: "^Quiet$"\n' > %t/.clang-tidy
// RUN: %clang_tidy %t/source.cpp --export-fixes=%t/fixes.yaml -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not='warning:'
// RUN: FileCheck --check-prefix=YAML %s --input-file=%t/fixes.yaml
//
// CHECK: source.cpp:[[@LINE+8]]:40: warning: function-local static 'Cache' is keyed by 'this' of 'Loud' {{.*}} [leak-static-instance-cache]
// YAML: DiagnosticName: leak-static-instance-cache
// YAML: ReplacementText: "private:\n  std::map<const Loud *, int> Cache;\n"

#include <map>
struct Loud {
  Loud() {}
  int get() {
    static std::map<const Loud *, int> Cache;
    return Cache[this] = 1;
  }
};

struct Quiet { // IgnoredClasses in .clang-tidy
  Quiet() {}
  int get() {
    static std::map<const Quiet *, int> Cache;
    return Cache[this] = 1;
  }
};

struct Silenced {
  Silenced() {}
  int a() {
    // NOLINTNEXTLINE(leak-static-instance-cache)
    static std::map<const Silenced *, int> A;
    return A[this] = 1;
  }
  // NOLINTBEGIN(leak-*)
  int b() {
    static std::map<const Silenced *, int> B;
    return B[this] = 1;
  }
  // NOLINTEND(leak-*)
  int c() {
    static std::map<const Silenced *, int> C; // NOLINT
    return C[this] = 1;
  }
};
