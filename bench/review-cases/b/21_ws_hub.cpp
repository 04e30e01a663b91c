// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The program-lifetime Hub adds each connection to conns_ and rooms_ on accept, and Connection::close(), which runs on EOF, on read errors and from the idle sweep, invokes the close handler that erases the connection from both maps.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#define HUB_LOG(x) (std::cerr << "[hub] " << x << '\n')

namespace chat {

using ConnId = std::uint64_t;
using Clock = std::chrono::steady_clock;

class Connection : public std::enable_shared_from_this<Connection> {
public:
    using CloseHandler = std::function<void(ConnId)>;

    explicit Connection(ConnId id) : id_(id), lastSeen_(Clock::now()) {}
    void setCloseHandler(CloseHandler h) { onClose_ = std::move(h); }
    void onData(const std::string& chunk, bool eof, bool error);
    void close();
    ConnId id() const { return id_; }
    Clock::time_point lastSeen() const { return lastSeen_; }

private:
    ConnId id_;
    Clock::time_point lastSeen_;
    CloseHandler onClose_;
    bool closed_ = false;
};

using ConnPtr = std::shared_ptr<Connection>;

class Hub {
public:
    static Hub& instance();
    ConnPtr accept(const std::string& room);
    void sweepIdle(Clock::duration maxIdle);
    std::size_t connectionCount() const { return conns_.size(); }

private:
    void forget(ConnId id);

    ConnId next_ = 1;
    std::unordered_map<ConnId, ConnPtr> conns_;
    std::unordered_map<std::string, std::unordered_set<ConnId>> rooms_;
    std::unordered_map<ConnId, std::string> roomOf_;
};

void Connection::onData(const std::string& chunk, bool eof, bool error) {
    if (closed_) return;
    lastSeen_ = Clock::now();
    if (eof || error) return close();
    HUB_LOG("conn " << id_ << " got " << chunk.size() << " bytes");
}

void Connection::close() {
    if (closed_) return;
    closed_ = true;
    auto self = shared_from_this();
    if (auto h = std::exchange(onClose_, nullptr)) h(id_);
}

Hub& Hub::instance() {
    static Hub hub;
    return hub;
}

ConnPtr Hub::accept(const std::string& room) {
    auto conn = std::make_shared<Connection>(next_++);
    conn->setCloseHandler([this](ConnId id) { forget(id); });
    conns_.emplace(conn->id(), conn);
    rooms_[room].insert(conn->id());
    roomOf_.emplace(conn->id(), room);
    return conn;
}

void Hub::forget(ConnId id) {
    if (auto r = roomOf_.find(id); r != roomOf_.end()) {
        auto room = rooms_.find(r->second);
        if (room != rooms_.end()) {
            room->second.erase(id);
            if (room->second.empty()) rooms_.erase(room);
        }
        roomOf_.erase(r);
    }
    conns_.erase(id);
}

void Hub::sweepIdle(Clock::duration maxIdle) {
    auto cutoff = Clock::now() - maxIdle;
    std::vector<ConnPtr> idle;
    for (const auto& [id, conn] : conns_)
        if (conn->lastSeen() < cutoff) idle.push_back(conn);
    for (auto& c : idle) c->close();
    if (!idle.empty()) HUB_LOG("swept " << idle.size() << ", " << conns_.size() << " remain");
}

}  // namespace chat
