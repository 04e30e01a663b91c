// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Session's identity map owns Records by shared_ptr and passes shared_from_this() to the virtual attach, but the TrackedRecord override stores it in a weak_ptr<Session> that is locked on use, so there is no owning back edge and both sides are freed when the caller drops the session.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace orm {

class Session;

struct RecordKey {
  std::string table;
  long id;
  bool operator==(const RecordKey& o) const { return id == o.id && table == o.table; }
};

struct RecordKeyHash {
  std::size_t operator()(const RecordKey& k) const {
    return std::hash<std::string>()(k.table) ^ (std::hash<long>()(k.id) << 1);
  }
};

class Record {
public:
  virtual ~Record() = default;
  virtual const char* table() const = 0;
  virtual void attach(std::shared_ptr<Session> session) = 0;
  virtual void hydrate(const std::map<std::string, std::string>& row) = 0;
  long id = 0;
  bool dirty = false;
};

class TrackedRecord : public Record {
public:
  static int live;
  TrackedRecord() { ++live; }
  ~TrackedRecord() override { --live; }
  void attach(std::shared_ptr<Session> session) override { session_ = std::move(session); }
  void markDirty();

protected:
  std::weak_ptr<Session> session_;
};
int TrackedRecord::live = 0;

class Customer : public TrackedRecord {
public:
  const char* table() const override { return "customers"; }
  void hydrate(const std::map<std::string, std::string>& row) override { name = row.at("name"); }
  void rename(std::string n) {
    name = std::move(n);
    markDirty();
  }
  std::string name;
};

class Order : public TrackedRecord {
public:
  const char* table() const override { return "orders"; }
  void hydrate(const std::map<std::string, std::string>& row) override { total = std::stod(row.at("total")); }
  double total = 0;
};

// Fake driver: returns a synthetic row for any key.
std::map<std::string, std::string> fetchRow(const RecordKey& key) {
  return {{"name", "cust-" + std::to_string(key.id)}, {"total", std::to_string(key.id * 2.5)}};
}

class Session : public std::enable_shared_from_this<Session> {
public:
  static int live;
  static std::shared_ptr<Session> open(std::string dsn) {
    return std::shared_ptr<Session>(new Session(std::move(dsn)));
  }
  ~Session() { --live; }

  template <class T>
  std::shared_ptr<T> load(long id) {
    RecordKey key{T().table(), id};
    auto it = identityMap_.find(key);
    if (it != identityMap_.end()) return std::static_pointer_cast<T>(it->second);
    auto rec = std::make_shared<T>();
    rec->id = id;
    rec->hydrate(fetchRow(key));
    adopt(key, rec);
    return rec;
  }

  void noteDirty(const Record& r) { ++dirtyCount_; (void)r; }
  int flush() { int n = dirtyCount_; dirtyCount_ = 0; return n; }

private:
  explicit Session(std::string dsn) : dsn_(std::move(dsn)) { ++live; }

  void adopt(const RecordKey& key, std::shared_ptr<Record> rec) {
    identityMap_.emplace(key, rec);
    rec->attach(shared_from_this());
  }

  std::string dsn_;
  int dirtyCount_ = 0;
  std::unordered_map<RecordKey, std::shared_ptr<Record>, RecordKeyHash> identityMap_;
};
int Session::live = 0;

void TrackedRecord::markDirty() {
  dirty = true;
  if (auto s = session_.lock()) s->noteDirty(*this);
}

int handleRenameRequest(long customerId, long orderId) {
  auto session = Session::open("postgres://crm");
  auto customer = session->load<Customer>(customerId);
  auto order = session->load<Order>(orderId);
  if (order->total > 10) customer->rename(customer->name + " (vip)");
  return session->flush();
}

} // namespace orm

int main() {
  int flushed = 0;
  for (int round = 1; round <= 4; ++round) {
    for (long i = 0; i < 50; ++i) flushed += orm::handleRenameRequest(i, i + round);
    std::printf("round %d: live sessions=%d, live records=%d\n", round, orm::Session::live,
                orm::TrackedRecord::live);
    std::fflush(stdout);
  }
  std::printf("flushed=%d\n", flushed);
  return 0;
}
