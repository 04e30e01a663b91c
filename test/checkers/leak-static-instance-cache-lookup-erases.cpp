// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// Tables that own their objects (shared_from_this()) and erase an entry only
// when its client asks again and finds the object done: a scroll cursor
// erased when a fetch finds it exhausted, an upload erased when its last
// chunk comes, the lookup and erase each through a helper. An object whose
// client goes away stays until the program exits.
// Clean twins: the entry is erased whatever the object's state (a job's
// finish()), directly or through helpers; a release that counts down and
// erases at zero hands nothing out (the last owner lets go).

#include <map>
#include <memory>
#include <string>
#include <vector>

// --- Positive: erased when a fetch finds the cursor exhausted ---------------
namespace scroll {
class Scroll;
static std::map<std::string, std::shared_ptr<Scroll>> Open;
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: global 'Open' holds shared_from_this() of 'Scroll', and its entries are only erased when their key is requested again; every 'Scroll' whose key does not come back stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+6]]:58: note: shared_from_this() is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+22]]:5: note: entries are only erased here, when their key is requested again and the 'Scroll' found is done{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:55: note: erase the entry when its 'Scroll' is abandoned as well (a deadline swept on a timer), or bound the table{{$}}
class Scroll : public std::enable_shared_from_this<Scroll> {
public:
  explicit Scroll(std::vector<int> Hits) : Hits(std::move(Hits)) {}
  void publish(const std::string &Id) { Open.emplace(Id, shared_from_this()); }
  int next() { return Pos < Hits.size() ? Hits[Pos++] : -1; }
  bool exhausted() const { return Pos >= Hits.size(); }

private:
  std::vector<int> Hits;
  size_t Pos = 0;
};
void start(const std::string &Id, std::vector<int> Hits) {
  std::make_shared<Scroll>(std::move(Hits))->publish(Id);
}
int fetch(const std::string &Id) {
  auto It = Open.find(Id);
  if (It == Open.end())
    return -1;
  int Hit = It->second->next();
  if (It->second->exhausted())
    Open.erase(It);
  return Hit;
}
} // namespace scroll

// --- Positive: the lookup and the erase are helpers' calls -------------------
namespace upload {
class Upload;
namespace {
std::map<int, std::shared_ptr<Upload>> Uploads;
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: global 'Uploads' holds shared_from_this() of 'Upload', and its entries are only erased when their key is requested again; every 'Upload' whose key does not come back stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+11]]:44: note: shared_from_this() is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+6]]:23: note: entries are only erased here, when their key is requested again and the 'Upload' found is done{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:40: note: erase the entry when its 'Upload' is abandoned as well (a deadline swept on a timer), or bound the table{{$}}
std::shared_ptr<Upload> find(int Id) {
  auto It = Uploads.find(Id);
  return It == Uploads.end() ? nullptr : It->second;
}
void forget(int Id) { Uploads.erase(Id); }
} // namespace
class Upload : public std::enable_shared_from_this<Upload> {
public:
  void begin(int Id) { Uploads.emplace(Id, shared_from_this()); }
  void add(const std::string &Chunk, bool Last) {
    Data += Chunk;
    Complete = Last;
  }
  bool complete() const { return Complete; }
  size_t size() const { return Data.size(); }

private:
  std::string Data;
  bool Complete = false;
};
void open(int Id) { std::make_shared<Upload>()->begin(Id); }
size_t chunk(int Id, const std::string &Data, bool Last) {
  auto U = find(Id);
  if (!U)
    return 0;
  U->add(Data, Last);
  if (U->complete())
    forget(Id);
  return U->size();
}
} // namespace upload

// --- Clean: finish() erases the job whatever it holds -----------------------
namespace finished {
class Job;
static std::map<int, std::shared_ptr<Job>> Running;
class Job : public std::enable_shared_from_this<Job> {
public:
  void start(int Id) { Running.emplace(Id, shared_from_this()); }
  void commit() {}
};
void launch(int Id) { std::make_shared<Job>()->start(Id); }
void finish(int Id) {
  auto It = Running.find(Id);
  if (It == Running.end())
    return;
  It->second->commit();
  Running.erase(It);
}
} // namespace finished

// --- Clean: the same through helpers ------------------------------------------
namespace finished_helpers {
class Job;
namespace {
std::map<int, std::shared_ptr<Job>> Running;
std::shared_ptr<Job> find(int Id) {
  auto It = Running.find(Id);
  return It == Running.end() ? nullptr : It->second;
}
void forget(int Id) { Running.erase(Id); }
} // namespace
class Job : public std::enable_shared_from_this<Job> {
public:
  void start(int Id) { Running.emplace(Id, shared_from_this()); }
  void commit() {}
};
void launch(int Id) { std::make_shared<Job>()->start(Id); }
void finish(int Id) {
  auto J = find(Id);
  if (!J)
    return;
  J->commit();
  forget(Id);
}
} // namespace finished_helpers

// --- Clean: a counted release erases at zero ----------------------------------
namespace counted {
class Channel;
static std::map<std::string, std::shared_ptr<Channel>> Channels;
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void open(const std::string &Name) { Channels.emplace(Name, shared_from_this()); }
  int Users = 1;
};
void join(const std::string &Name) {
  auto It = Channels.find(Name);
  if (It != Channels.end())
    ++It->second->Users;
  else
    std::make_shared<Channel>()->open(Name);
}
void leave(const std::string &Name) {
  auto It = Channels.find(Name);
  if (It == Channels.end())
    return;
  if (--It->second->Users == 0)
    Channels.erase(It);
}
} // namespace counted

// --- Positive: the table is a static pointer's pointee, behind an accessor --
// (Reading the key type of such a table once crashed the check.)
namespace pointee {
class Cursor;
using Table = std::map<std::string, std::shared_ptr<Cursor>>;
Table &table() {
  static Table *T = new Table();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: function-local static 'T' holds shared_from_this() of 'Cursor'; every 'Cursor' put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+8]]:25: note: shared_from_this() is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: hold std::weak_ptr<Cursor> instead, or keep the cache in each object keyed by value, so that 'Cursor' objects can be destroyed{{$}}
  return *T;
}
class Cursor : public std::enable_shared_from_this<Cursor> {
public:
  void publish(const std::string &Id) {
    auto Self = shared_from_this();
    table().emplace(Id, Self);
  }
};
void open(const std::string &Id) { std::make_shared<Cursor>()->publish(Id); }
} // namespace pointee
