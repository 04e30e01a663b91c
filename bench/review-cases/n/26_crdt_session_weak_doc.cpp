// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Document owns its EditSessions through shared_ptr, but each session's Replica only keeps a WeakDocHandle (a weak_ptr wrapper) that it locks per edit, so there is no strong back edge and closing the document frees the document and all its sessions.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace collab {

template <typename T>
struct LiveCount {
  static inline int live = 0;
  LiveCount() { ++live; }
  LiveCount(const LiveCount&) { ++live; }
  ~LiveCount() { --live; }
};

struct OpId {
  uint64_t lamport = 0;
  uint32_t site = 0;
  bool operator<(const OpId& o) const { return lamport != o.lamport ? lamport < o.lamport : site < o.site; }
};

struct InsertOp {
  OpId id;
  OpId after;
  char ch = 0;
};

class EditSession;
class Document;

// Thin value handle used throughout the editor to pass documents around.
class DocHandle {
 public:
  DocHandle() = default;
  explicit DocHandle(std::shared_ptr<Document> d) : doc_(std::move(d)) {}
  Document* operator->() const { return doc_.get(); }
  explicit operator bool() const { return static_cast<bool>(doc_); }

 private:
  friend class WeakDocHandle;
  std::shared_ptr<Document> doc_;
};

// Non-owning counterpart; lock() yields an empty handle once the document is gone.
class WeakDocHandle {
 public:
  WeakDocHandle() = default;
  explicit WeakDocHandle(const DocHandle& h) : doc_(h.doc_) {}
  DocHandle lock() const { return DocHandle(doc_.lock()); }

 private:
  std::weak_ptr<Document> doc_;
};

struct Peer {
  uint32_t site;
  std::string user;
  std::shared_ptr<EditSession> session;
};

class Document : private LiveCount<Document> {
 public:
  explicit Document(std::string id) : id_(std::move(id)) {}

  void attach(uint32_t site, const std::string& user, std::shared_ptr<EditSession> s) {
    peers_.push_back(Peer{site, user, std::move(s)});
  }

  void integrate(const InsertOp& op) {
    if (seen_.count(op.id)) return;
    seen_[op.id] = op.ch;
    log_.push_back(op);
  }

  size_t length() const { return log_.size(); }
  const std::string& id() const { return id_; }

 private:
  std::string id_;
  std::vector<Peer> peers_;
  std::map<OpId, char> seen_;
  std::vector<InsertOp> log_;
};

// Per-client replica state; refers to the document it replicates.
struct Replica {
  WeakDocHandle doc;
  uint32_t site = 0;
  uint64_t clock = 0;
  OpId lastLocal;
};

class EditSession : public std::enable_shared_from_this<EditSession>, private LiveCount<EditSession> {
 public:
  EditSession(const DocHandle& doc, uint32_t site) {
    replica_.doc = WeakDocHandle(doc);
    replica_.site = site;
  }

  void typeText(const std::string& text) {
    DocHandle doc = replica_.doc.lock();
    if (!doc) return;
    for (char c : text) {
      InsertOp op{OpId{++replica_.clock, replica_.site}, replica_.lastLocal, c};
      replica_.lastLocal = op.id;
      doc->integrate(op);
    }
  }

 private:
  Replica replica_;
};

class CollabServer {
 public:
  DocHandle open(const std::string& docId) {
    auto it = docs_.find(docId);
    if (it != docs_.end()) return it->second;
    DocHandle h(std::make_shared<Document>(docId));
    docs_.emplace(docId, h);
    return h;
  }

  std::shared_ptr<EditSession> join(const std::string& docId, const std::string& user) {
    DocHandle doc = open(docId);
    uint32_t site = nextSite_++;
    auto session = std::make_shared<EditSession>(doc, site);
    doc->attach(site, user, session);
    return session;
  }

  void close(const std::string& docId) { docs_.erase(docId); }
  size_t openDocs() const { return docs_.size(); }

 private:
  std::map<std::string, DocHandle> docs_;
  uint32_t nextSite_ = 1;
};

}  // namespace collab

int main() {
  collab::CollabServer server;
  const char* users[] = {"ada", "brian", "chen"};
  for (int round = 0; round < 5; ++round) {
    for (int d = 0; d < 20; ++d) {
      std::string docId = "doc-" + std::to_string(round) + "-" + std::to_string(d);
      for (const char* u : users) {
        auto s = server.join(docId, u);
        s->typeText(std::string("hello from ") + u);
      }
      server.close(docId);
    }
    std::printf("round %d: open_docs=%zu live_documents=%d live_sessions=%d\n", round,
                server.openDocs(), collab::LiveCount<collab::Document>::live,
                collab::LiveCount<collab::EditSession>::live);
  }
  return 0;
}
