//===--- TidyPluginLoader.cpp - Load the checks into a matching host ------===//
//
// clang-tidy loads plugins with dlopen. A plugin built against another LLVM
// major version either fails with an unhelpful "undefined symbol" or, worse,
// loads and crashes on a changed class layout. This loader depends on no LLVM
// symbol: it reads the host's version first and loads LeakLintChecks.so, which
// sits next to it, only into the version it was built for.
//
//===----------------------------------------------------------------------===//
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <string>
#include <unistd.h>

namespace {

// LLVM older than 16 has no LLVMGetVersion; its soname tells the version.
int majorFromLoadedLibLLVM() {
  int Major = 0;
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Data) -> int {
        const char *Name =
            Info->dlpi_name ? std::strrchr(Info->dlpi_name, '/') : nullptr;
        Name = Name ? Name + 1 : Info->dlpi_name;
        if (!Name)
          return 0;
        for (const char *Prefix : {"libLLVM-", "libLLVM.so."}) {
          size_t Len = std::strlen(Prefix);
          if (std::strncmp(Name, Prefix, Len) == 0 && Name[Len] >= '0' &&
              Name[Len] <= '9') {
            *static_cast<int *>(Data) = std::atoi(Name + Len);
            return 1;
          }
        }
        return 0;
      },
      &Major);
  return Major;
}

int hostLLVMMajor() {
  using GetVersion = void (*)(unsigned *, unsigned *, unsigned *);
  if (auto *Fn =
          reinterpret_cast<GetVersion>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"))) {
    unsigned Major = 0, Minor = 0, Patch = 0;
    Fn(&Major, &Minor, &Patch);
    return static_cast<int>(Major);
  }
  return majorFromLoadedLibLLVM();
}

[[noreturn]] void refuse(const std::string &Why) {
  std::fprintf(stderr, "error: leaklint: %s\n", Why.c_str());
  std::fflush(stderr);
  // Refuse loudly: a lint run that silently lost its leak-* checks would pass.
  _exit(1);
}

std::string directoryOfThisLibrary() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&hostLLVMMajor), &Info) ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

struct LoadChecksIntoMatchingHost {
  LoadChecksIntoMatchingHost() {
    int Host = hostLLVMMajor();
    if (Host != LEAKLINT_LLVM_MAJOR)
      refuse("this plugin was built for clang-tidy " +
             std::to_string(LEAKLINT_LLVM_MAJOR) + " but is loaded into " +
             (Host ? "clang-tidy " + std::to_string(Host)
                   : std::string("a clang-tidy of unknown version")) +
             "; run it with clang-tidy-" + std::to_string(LEAKLINT_LLVM_MAJOR) +
             ", or rebuild leaklint with -DLEAKLINT_LLVM_MAJOR=" +
             std::to_string(Host));
    std::string Checks =
        directoryOfThisLibrary() + "/" + LEAKLINT_CHECKS_LIBRARY;
    if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
      const char *Error = dlerror();
      refuse("cannot load the checks from " + Checks + ": " +
             (Error ? Error : "unknown error"));
    }
  }
} Loader;

} // namespace
