// The plugin honours clang-tidy's NOLINT comments, so one comment silences
// every front end.
// RUN: %clangxx -fsyntax-only -std=c++17 -fplugin=%clang_plugin -Xclang -verify %s

#include <map>
#include <string>
#include <vector>

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
  int d() {
    static std::map<const Silenced *, int> D; // NOLINT(leak-static-*)
    return D[this] = 1;
  }
  int e() {
    // A NOLINT for another check silences nothing here.
    static std::map<const Silenced *, int> E; // NOLINT(bugprone-*) expected-warning {{function-local static 'E' is keyed by 'this' of 'Silenced'}}
    return E[this] = 1; // expected-note {{'this' is stored here}}
  }
  int f() {
    // NOLINTNEXTLINE silences the next line only
    // (the comment is two lines above).

    static std::map<const Silenced *, int> F; // expected-warning {{function-local static 'F' is keyed by 'this' of 'Silenced'}}
    return F[this] = 1; // expected-note {{'this' is stored here}}
  }
}; // expected-note 2 {{make it a per-instance member of 'Silenced'}}

std::vector<std::string> Log; // NOLINT(leak-unbounded-container)
void log(const std::string &S) { Log.push_back(S); }
