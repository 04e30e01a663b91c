// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The server's connection table gains an entry per accepted socket, but the onClose callback registered at accept time erases that entry, and every connection path ends in close().
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace h2 {

using ConnId = std::uint64_t;

class Connection {
public:
    using CloseHandler = std::function<void(ConnId)>;

    Connection(ConnId id, std::string peer) : id_(id), peer_(std::move(peer)) {}

    void onClose(CloseHandler h) { onClose_ = std::move(h); }
    void receiveFrame(std::uint8_t type, std::uint32_t streamId);
    void close();
    bool open() const { return open_; }

private:
    ConnId id_;
    std::string peer_;
    bool open_ = true;
    std::unordered_map<std::uint32_t, std::size_t> streamBytes_;
    CloseHandler onClose_;
};

void Connection::receiveFrame(std::uint8_t type, std::uint32_t streamId) {
    constexpr std::uint8_t kData = 0x0, kHeaders = 0x1, kRstStream = 0x3, kGoAway = 0x7;
    switch (type) {
    case kHeaders: streamBytes_[streamId] = 0; break;
    case kData:
        if (auto it = streamBytes_.find(streamId); it != streamBytes_.end()) {
            it->second += 16384;
            if (it->second >= 65536) streamBytes_.erase(it);
        }
        break;
    case kRstStream: streamBytes_.erase(streamId); break;
    case kGoAway: close(); break;
    default: break;
    }
}

void Connection::close() {
    if (!open_) return;
    open_ = false;
    streamBytes_.clear();
    if (auto h = std::move(onClose_)) h(id_);
}

class Server {
public:
    std::shared_ptr<Connection> accept(std::string peer);
    void closeAll();
    std::size_t connectionCount() const { return connections_.size(); }

private:
    ConnId nextId_ = 1;
    std::unordered_map<ConnId, std::shared_ptr<Connection>> connections_;
};

std::shared_ptr<Connection> Server::accept(std::string peer) {
    ConnId id = nextId_++;
    auto conn = std::make_shared<Connection>(id, std::move(peer));
    conn->onClose([this](ConnId closed) { connections_.erase(closed); });
    connections_.emplace(id, conn);
    return conn;
}

void Server::closeAll() {
    while (!connections_.empty()) {
        auto conn = connections_.begin()->second;
        conn->close();
    }
}

} // namespace h2

int main() {
    h2::Server server;
    bool running = true;
    std::uint64_t n = 0;
    while (running) {
        auto conn = server.accept("10.0.0." + std::to_string(n % 250));
        for (std::uint32_t s = 1; s < 9; s += 2) {
            conn->receiveFrame(0x1, s);
            for (int k = 0; k < 4; ++k) conn->receiveFrame(0x0, s);
        }
        if (n % 3 == 0) conn->receiveFrame(0x7, 0);
        else conn->close();
        if (++n % 100000 == 0) std::cout << "open connections: " << server.connectionCount() << '\n';
        if (n == 1000000) running = false;
    }
    server.closeAll();
}
