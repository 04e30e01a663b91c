//===--- PluginArguments.h - -fplugin-arg-leaklint-* -------------*- C++
//-*-===//
//
// What `-fplugin-arg-leaklint-<arg>` may say, parsed and validated before
// any check runs, so a typo is a compile error rather than a lint run that
// silently checks nothing:
//   checks=<globs>               which leak-* checks run (default: all)
//   warnings-as-errors[=<globs>] report these checks as errors (bare: all)
//   <check>.<Option>=<value>     a check option, as in .clang-tidy
//   help                         print this list
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CLANGPLUGIN_PLUGINARGUMENTS_H
#define LEAKLINT_CLANGPLUGIN_PLUGINARGUMENTS_H

#include "llvm/ADT/StringMap.h"
#include <string>
#include <vector>

namespace leaklint {

struct PluginArguments {
  std::string Checks = "leak-*";
  std::string WarningsAsErrors;
  /// `<check>.<Option>` to value, each key naming a known check.
  llvm::StringMap<std::string> CheckOptions;
  bool Help = false;

  /// Parses \p Args; returns one message per bad argument.
  std::vector<std::string> parse(const std::vector<std::string> &Args);
};

/// The names of all checks, in Checks.def order.
std::vector<llvm::StringRef> allCheckNames();

/// What `-fplugin-arg-leaklint-help` prints.
std::string pluginUsage();

} // namespace leaklint

#endif // LEAKLINT_CLANGPLUGIN_PLUGINARGUMENTS_H
