// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Connection::Open() inserts shared_from_this() into a thread_local map keyed by `this`, and Close() only flips the state flag without erasing the entry, so every accepted connection stays alive for the life of the I/O thread.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace net {

enum class ConnState { Idle, Open, Closed };

class Connection;
using ConnectionPtr = std::shared_ptr<Connection>;

namespace detail {
// Per-I/O-thread table so the poller can map a ready fd back to its connection
// without taking a lock.
inline std::unordered_map<const Connection*, ConnectionPtr>& ThreadConnections() {
    thread_local std::unordered_map<const Connection*, ConnectionPtr> table;  // LEAK-HERE
    return table;
}
}  // namespace detail

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(int fd, std::string peer) : fd_(fd), peer_(std::move(peer)) {}

    void Open() {
        state_ = ConnState::Open;
        detail::ThreadConnections()[this] = shared_from_this();  // LEAK-HERE
    }

    void Close() {
        if (state_ != ConnState::Open) return;
        state_ = ConnState::Closed;
        rx_.clear();
        rx_.shrink_to_fit();
    }

    void OnReadable(const char* data, std::size_t n) {
        if (state_ != ConnState::Open) return;
        rx_.insert(rx_.end(), data, data + n);
        bytesIn_ += n;
    }

    bool HasRequest() const {
        return rx_.size() >= 4 && std::string(rx_.end() - 4, rx_.end()) == "\r\n\r\n";
    }

    int Fd() const { return fd_; }
    std::uint64_t BytesIn() const { return bytesIn_; }
    const std::string& Peer() const { return peer_; }

private:
    int fd_;
    std::string peer_;
    ConnState state_ = ConnState::Idle;
    std::vector<char> rx_;
    std::uint64_t bytesIn_ = 0;
};

class Acceptor {
public:
    ConnectionPtr Accept(int fd) {
        auto conn = std::make_shared<Connection>(fd, "10.0.0." + std::to_string(fd % 250));
        conn->Open();
        return conn;
    }
};

class HttpFrontend {
public:
    std::size_t Serve(int fd) {
        ConnectionPtr c = acceptor_.Accept(fd);
        static const char kReq[] = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        c->OnReadable(kReq, sizeof(kReq) - 1);
        std::size_t served = c->HasRequest() ? 1 : 0;
        c->Close();  // keep-alive off: one request per connection
        return served;
    }

private:
    Acceptor acceptor_;
};

}  // namespace net

int main() {
    net::HttpFrontend frontend;
    std::size_t served = 0;
    for (int fd = 3; fd < 300000; ++fd) {
        served += frontend.Serve(fd);
        if (fd % 50000 == 0)
            std::printf("served %zu\n", served);
    }
    return 0;
}
