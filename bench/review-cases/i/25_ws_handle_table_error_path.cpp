// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each upgraded WsConnection stores a send callable capturing shared_from_this() in the global HandleTable under an integer handle id, and only the clean close-frame path releases it, so connections that drop with a socket error stay in the table forever.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace web {

using SendFn = std::function<bool(const std::string&)>;

class HandleTable {
 public:
  static HandleTable& global() {
    static HandleTable table;
    return table;
  }
  uint64_t allocate(SendFn fn) {
    uint64_t id = next_++;
    table_.emplace(id, std::move(fn));  // LEAK-HERE
    return id;
  }
  void release(uint64_t id) { table_.erase(id); }
  bool send(uint64_t id, const std::string& msg) const {
    auto it = table_.find(id);
    return it != table_.end() && it->second(msg);
  }
  size_t size() const { return table_.size(); }

 private:
  std::map<uint64_t, SendFn> table_;  // LEAK-HERE
  uint64_t next_ = 1;
};

class Rooms {
 public:
  static Rooms& instance() {
    static Rooms r;
    return r;
  }
  void join(const std::string& room, uint64_t h) { rooms_[room].insert(h); }
  void leave(const std::string& room, uint64_t h) {
    auto it = rooms_.find(room);
    if (it == rooms_.end()) return;
    it->second.erase(h);
    if (it->second.empty()) rooms_.erase(it);
  }
  size_t broadcast(const std::string& room, const std::string& msg) {
    size_t n = 0;
    auto it = rooms_.find(room);
    if (it == rooms_.end()) return 0;
    for (uint64_t h : it->second) n += HandleTable::global().send(h, msg) ? 1 : 0;
    return n;
  }

 private:
  std::map<std::string, std::set<uint64_t>> rooms_;
};

class WsConnection : public std::enable_shared_from_this<WsConnection> {
 public:
  explicit WsConnection(std::string room) : room_(std::move(room)) { ++live_; }
  ~WsConnection() { --live_; }

  void on_upgraded() {
    auto self = shared_from_this();
    SendFn sender = [self](const std::string& m) { return self->write_frame(m); };  // LEAK-HERE
    handle_ = HandleTable::global().allocate(std::move(sender));  // LEAK-HERE
    Rooms::instance().join(room_, handle_);
    open_ = true;
  }

  void on_close_frame(uint16_t code) {
    Rooms::instance().leave(room_, handle_);
    HandleTable::global().release(handle_);
    close_code_ = code;
    open_ = false;
  }

  void on_socket_error(int err) {
    Rooms::instance().leave(room_, handle_);
    close_code_ = 1006;
    last_errno_ = err;
    open_ = false;
  }

  size_t frames_written() const { return outq_.size(); }
  static int live() { return live_; }

 private:
  bool write_frame(const std::string& m) {
    if (!open_) return false;
    outq_.push_back(m);
    return true;
  }
  std::string room_;
  uint64_t handle_ = 0;
  std::vector<std::string> outq_;
  uint16_t close_code_ = 0;
  int last_errno_ = 0;
  bool open_ = false;
  static int live_;
};
int WsConnection::live_ = 0;

std::shared_ptr<WsConnection> accept_upgrade(const std::string& path) {
  auto conn = std::make_shared<WsConnection>(path.substr(path.rfind('/') + 1));
  conn->on_upgraded();
  return conn;
}

}  // namespace web

int main() {
  for (int wave = 0; wave < 5; ++wave) {
    std::vector<std::shared_ptr<web::WsConnection>> clients;
    for (int i = 0; i < 9; ++i) clients.push_back(web::accept_upgrade("/ws/room" + std::to_string(i % 3)));
    web::Rooms::instance().broadcast("room1", "tick " + std::to_string(wave));
    for (size_t i = 0; i < clients.size(); ++i) {
      if (i % 3 == 0)
        clients[i]->on_close_frame(1000);
      else
        clients[i]->on_socket_error(104);  // ECONNRESET
    }
    clients.clear();
    std::printf("wave %d: live connections=%d handle table=%zu\n", wave, web::WsConnection::live(),
                web::HandleTable::global().size());
  }
  return 0;
}
