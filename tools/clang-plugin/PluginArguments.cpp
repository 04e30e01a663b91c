//===--- PluginArguments.cpp - -fplugin-arg-leaklint-* --------------------===//
#include "PluginArguments.h"
#include "CheckCatalog.h"
#include "CheckGlobs.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace leaklint {

std::vector<llvm::StringRef> allCheckNames() {
  std::vector<llvm::StringRef> Names;
  for (const CheckInfo &Check : checkCatalog())
    Names.push_back(Check.Name);
  return Names;
}

std::string pluginUsage() {
  return "leaklint plugin arguments (-fplugin-arg-leaklint-<argument>):\n"
         "  checks=<globs>               checks to run, clang-tidy syntax "
         "(default: leak-*)\n"
         "  warnings-as-errors[=<globs>] report these checks as errors "
         "(bare: all)\n"
         "  <check>.<Option>=<value>     a check option, as in .clang-tidy\n"
         "  help                         print this message\n"
         "checks: " +
         llvm::join(allCheckNames(), ", ") + "\n";
}

std::vector<std::string>
PluginArguments::parse(const std::vector<std::string> &Args) {
  std::vector<std::string> Errors;
  const std::vector<llvm::StringRef> Known = allCheckNames();
  auto CheckList = [&](llvm::StringRef Arg, llvm::StringRef List) {
    for (const std::string &Glob : CheckGlobs(List).unmatchedPositives(Known))
      Errors.push_back("'" + Arg.str() + "': '" + Glob +
                       "' matches no check; the checks are " +
                       llvm::join(Known, ", "));
  };

  for (llvm::StringRef Arg : Args) {
    auto [Key, Value] = Arg.split('=');
    bool HasValue = Arg.contains('=');
    if (Key == "help" && !HasValue) {
      Help = true;
    } else if (Key == "checks" && HasValue) {
      Checks = Value.str();
      CheckList(Arg, Value);
    } else if (Key == "warnings-as-errors") {
      WarningsAsErrors = HasValue ? Value.str() : "*";
      CheckList(Arg, WarningsAsErrors);
    } else if (Key.contains('.') && HasValue &&
               llvm::is_contained(Known, Key.split('.').first)) {
      CheckOptions[Key] = Value.str();
    } else if (Key.contains('.') && HasValue) {
      Errors.push_back("'" + Arg.str() + "': '" + Key.split('.').first.str() +
                       "' is not a check; the checks are " +
                       llvm::join(Known, ", "));
    } else {
      Errors.push_back("unknown argument '" + Arg.str() +
                       "'; expected checks=<globs>, "
                       "warnings-as-errors[=<globs>], "
                       "<check>.<Option>=<value> or help");
    }
  }
  return Errors;
}

} // namespace leaklint
