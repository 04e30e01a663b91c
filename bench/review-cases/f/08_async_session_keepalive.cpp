// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Session captures shared_from_this() only in completion handlers that the socket hands straight to the external IoContext queue, which runs each handler once and drops it; when the peer hits EOF no new read is posted and the session is freed.
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace net {

class IoContext {
public:
    using Op = std::function<void()>;
    void post(Op op) { queue_.push_back(std::move(op)); }
    std::size_t run() {
        std::size_t n = 0;
        while (!queue_.empty()) {
            Op op = std::move(queue_.front());
            queue_.pop_front();
            op();
            ++n;
        }
        return n;
    }

private:
    std::deque<Op> queue_;
};

// Fake TCP stream: serves `remaining` chunks, then reports EOF.
class TcpSocket {
public:
    TcpSocket(IoContext& io, int chunks) : io_(io), remaining_(chunks) {}

    template <typename Handler>
    void asyncReadSome(std::vector<char>& buf, Handler&& handler) {
        std::error_code ec;
        std::size_t n = 0;
        if (remaining_ > 0) {
            --remaining_;
            n = buf.size() / 2;
        } else {
            ec = std::make_error_code(std::errc::connection_reset);
        }
        io_.post([h = std::forward<Handler>(handler), ec, n]() mutable { h(ec, n); });
    }

    template <typename Handler>
    void asyncWrite(const std::string& data, Handler&& handler) {
        std::size_t n = data.size();
        io_.post([h = std::forward<Handler>(handler), n]() mutable { h(std::error_code{}, n); });
    }

    void close() { open_ = false; }

private:
    IoContext& io_;
    int remaining_;
    bool open_ = true;
};

}  // namespace net

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(net::IoContext& io, int chunks) : socket_(io, chunks), buffer_(8192) {}
    ~Session() { ++closed; }

    void start() { doRead(); }

    static inline std::size_t closed = 0;

private:
    void doRead() {
        auto self(shared_from_this());
        socket_.asyncReadSome(buffer_, [this, self](std::error_code ec, std::size_t n) {
            if (ec) {
                socket_.close();
                return;  // last handler referencing self is dropped by the io queue
            }
            onData(n);
        });
    }

    void onData(std::size_t n) {
        reply_.assign("ACK " + std::to_string(n) + "\r\n");
        auto self = shared_from_this();
        socket_.asyncWrite(reply_, std::bind(&Session::onWritten, self, std::placeholders::_1,
                                             std::placeholders::_2));
    }

    void onWritten(std::error_code ec, std::size_t) {
        if (!ec) doRead();
    }

    net::TcpSocket socket_;
    std::vector<char> buffer_;
    std::string reply_;
};

class Acceptor {
public:
    explicit Acceptor(net::IoContext& io) : io_(io) {}
    void acceptOne(int chunks) {
        auto session = std::make_shared<Session>(io_, chunks);
        session->start();
        ++accepted_;
    }
    std::size_t accepted() const { return accepted_; }

private:
    net::IoContext& io_;
    std::size_t accepted_ = 0;
};

int main() {
    net::IoContext io;
    Acceptor acceptor(io);
    for (int round = 0; round < 10000; ++round) {
        for (int c = 0; c < 4; ++c) acceptor.acceptOne(1 + (round + c) % 5);
        io.run();
    }
    std::printf("accepted=%zu closed=%zu\n", acceptor.accepted(), Session::closed);
    return 0;
}
