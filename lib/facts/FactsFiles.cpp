//===--- FactsFiles.cpp - Per-TU facts files for whole-program mode -------===//
#include "facts/FactsFiles.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

namespace leaklint::facts {

bool mapUnsigned(llvm::json::ObjectMapper &O, llvm::StringLiteral Key,
                 unsigned &Out) {
  int64_t Value = 0;
  if (!O.map(Key, Value) || Value < 0 || Value > UINT32_MAX)
    return false;
  Out = static_cast<unsigned>(Value);
  return true;
}

llvm::json::Value toJSON(const SourcePoint &P) {
  return llvm::json::Object{{"file", P.File},
                            {"line", P.Line},
                            {"column", P.Column},
                            {"offset", P.Offset}};
}

bool fromJSON(const llvm::json::Value &V, SourcePoint &P,
              llvm::json::Path Path) {
  llvm::json::ObjectMapper O(V, Path);
  return O && O.map("file", P.File) && mapUnsigned(O, "line", P.Line) &&
         mapUnsigned(O, "column", P.Column) &&
         mapUnsigned(O, "offset", P.Offset);
}

llvm::json::Value toJSON(const InputFile &I) {
  return llvm::json::Object{{"file", I.File}, {"hash", I.Hash}};
}

bool fromJSON(const llvm::json::Value &V, InputFile &I, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(V, Path);
  return O && O.map("file", I.File) && O.map("hash", I.Hash);
}

std::string digest(llvm::StringRef Text) {
  return llvm::utohexstr(llvm::xxh3_64bits(Text), /*LowerCase=*/true,
                         /*Width=*/16);
}

llvm::Error writeFactsFile(llvm::StringRef Directory, const FactsHeader &Header,
                           llvm::json::Object Facts) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return llvm::createStringError(EC, "cannot create facts directory '%s': %s",
                                   Directory.str().c_str(),
                                   EC.message().c_str());
  llvm::json::Object File{
      {"format", "leaklint-facts"},
      {"version", FormatVersion},
      {"check", Header.Check},
      {"main_file", Header.MainFile},
      {"compile_digest", Header.CompileDigest},
      {"inputs", Header.Inputs},
      {"facts", std::move(Facts)},
  };
  llvm::SmallString<256> Final(Directory);
  llvm::sys::path::append(Final, digest(Header.MainFile + "\n" +
                                        Header.CompileDigest) +
                                     "." + Header.Check + ".facts.json");
  // A unique temporary name in the same directory, then one rename: readers
  // see the old file or the new one, never a part of either.
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Final + ".%%%%%%.tmp", FD, Temporary))
    return llvm::createStringError(EC, "cannot write facts file '%s': %s",
                                   Final.c_str(), EC.message().c_str());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << llvm::json::Value(std::move(File));
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      llvm::sys::fs::remove(Temporary);
      return llvm::createStringError(EC, "cannot write facts file '%s': %s",
                                     Final.c_str(), EC.message().c_str());
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, Final)) {
    llvm::sys::fs::remove(Temporary);
    return llvm::createStringError(EC, "cannot write facts file '%s': %s",
                                   Final.c_str(), EC.message().c_str());
  }
  return llvm::Error::success();
}

namespace {

// The header of \p Root, or a message saying what is wrong with it.
std::string readHeader(const llvm::json::Object &Root, FactsHeader &Header) {
  if (Root.getString("format") != llvm::StringRef("leaklint-facts"))
    return "not a leaklint facts file";
  std::optional<int64_t> Version = Root.getInteger("version");
  if (!Version)
    return "no format version";
  if (*Version != FormatVersion)
    return "format version " + std::to_string(*Version) +
           ", but this leaklint reads version " +
           std::to_string(FormatVersion) + "; re-run the analysis to refresh it";
  llvm::json::Path::Root PathRoot("facts file");
  if (!Root.getString("check") || !Root.getString("main_file") ||
      !Root.getString("compile_digest") || !Root.getObject("facts"))
    return "a header field (check, main_file, compile_digest, facts) is "
           "missing";
  Header.Check = Root.getString("check")->str();
  Header.MainFile = Root.getString("main_file")->str();
  Header.CompileDigest = Root.getString("compile_digest")->str();
  if (const llvm::json::Value *Inputs = Root.get("inputs"))
    if (!fromJSON(*Inputs, Header.Inputs, PathRoot))
      return "malformed 'inputs'";
  return "";
}

} // namespace

std::vector<FactsFile> readFactsDirectory(llvm::StringRef Directory,
                                          std::vector<std::string> &Errors) {
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End;
       !EC && It != End; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".facts.json"))
      Paths.push_back(It->path());
  if (EC) {
    Errors.push_back("cannot read facts directory '" + Directory.str() +
                     "': " + EC.message());
    return {};
  }
  std::sort(Paths.begin(), Paths.end());

  std::vector<FactsFile> Files;
  for (const std::string &Path : Paths) {
    auto Skip = [&](const std::string &Why) {
      Errors.push_back(Path + ": " + Why + "; skipped");
    };
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(Path);
    if (!Buffer) {
      Skip("cannot read: " + Buffer.getError().message());
      continue;
    }
    llvm::Expected<llvm::json::Value> Parsed =
        llvm::json::parse((*Buffer)->getBuffer());
    if (!Parsed) {
      Skip("not valid JSON (" + llvm::toString(Parsed.takeError()) +
           "); the file may be truncated");
      continue;
    }
    llvm::json::Object *Root = Parsed->getAsObject();
    if (!Root) {
      Skip("not a leaklint facts file");
      continue;
    }
    FactsFile File;
    File.Path = Path;
    if (std::string Why = readHeader(*Root, File.Header); !Why.empty()) {
      Skip(Why);
      continue;
    }
    File.Facts = std::move(*Root->getObject("facts"));
    Files.push_back(std::move(File));
  }
  return Files;
}

} // namespace leaklint::facts
