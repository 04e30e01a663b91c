// A document whose autosaver is made by a free function from the document
// itself (`doc->attach(makeSaverFor(doc))`): the snapshot callback the
// factory returns holds a shared_ptr to the document, which owns the
// autosaver, so no document is ever destroyed. No fix-it is offered (the
// factory may have other callers); the version built with -DFIXED captures a
// weak_ptr, as the note advises, and is quiet and destroyable. Observed two
// ways: a live-object counter (deterministic), and LeakSanitizer on the
// unreachable cycles (repeated in a loop so no stale stack slot keeps one
// reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.before > %t.before.out 2> %t.before.err
// RUN: FileCheck --check-prefix=BEFORE %s < %t.before.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.before.err
// RUN: %clang_tidy -checks='-*,leak-callback-cycle' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clang_tidy -checks='-*,leak-callback-cycle' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=QUIET %s
// RUN: %clangxx -std=c++17 -DFIXED %asan_lsan %s -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// BEFORE: snapshots taken: 100{{$}}
// BEFORE-NEXT: live documents after 100 rounds: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY: warning: 'Document::saver_' stores a callback holding 'captured', a shared_ptr to the 'Document' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY: note: 'makeSaverFor' returns the callback it makes from its arguments here
// QUIET-NOT: warning:
// AFTER-NOT: LeakSanitizer
// AFTER: snapshots taken: 100{{$}}
// AFTER-NEXT: live documents after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>

static int Live = 0;
static int Snapshots = 0;

class Autosaver {
public:
  explicit Autosaver(std::function<std::string()> Fn) : snapshot_(std::move(Fn)) {}
  void save() {
    Last = snapshot_();
    ++Snapshots;
  }

private:
  std::function<std::string()> snapshot_;
  std::string Last;
};

class Document {
public:
  Document() { ++Live; }
  ~Document() { --Live; }
  std::string serialize() const { return text_; }
  void attach(std::shared_ptr<Autosaver> A) { saver_ = std::move(A); }
  void tick() { saver_->save(); }

private:
  std::string text_ = "draft";
  std::shared_ptr<Autosaver> saver_;
};

std::shared_ptr<Autosaver> makeSaverFor(const std::shared_ptr<Document> &doc) {
#ifndef FIXED
  auto captured = doc;
  return std::make_shared<Autosaver>([captured] { return captured->serialize(); });
#else
  std::weak_ptr<Document> weak = doc;
  return std::make_shared<Autosaver>([weak] {
    auto strong = weak.lock();
    return strong ? strong->serialize() : std::string();
  });
#endif
}

__attribute__((noinline)) static void round() {
  auto Doc = std::make_shared<Document>();
  Doc->attach(makeSaverFor(Doc));
  Doc->tick();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("snapshots taken: %d\n", Snapshots);
  std::printf("live documents after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
