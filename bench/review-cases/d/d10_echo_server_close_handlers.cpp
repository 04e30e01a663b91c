// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Each connection's on_data handler captures a shared_ptr to the connection itself, but close() clears both handlers and echo_server calls close() on every connection it drops (quit, fd reuse, and shutdown from its destructor), so every self-cycle is broken.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>

class connection : public std::enable_shared_from_this<connection> {
public:
    using data_handler = std::function<void(const std::string&)>;
    using close_handler = std::function<void()>;

    explicit connection(int fd) : fd_(fd) {}

    void on_data(data_handler h) { on_data_ = std::move(h); }
    void on_close(close_handler h) { on_close_ = std::move(h); }

    void feed(const std::string& bytes) {
        if (!closed_ && on_data_) on_data_(bytes);
    }

    void write(const std::string& bytes) { out_ += bytes; }
    void request_close() { want_close_ = true; }
    bool wants_close() const { return want_close_; }
    int fd() const { return fd_; }

    void close() {
        if (closed_) return;
        closed_ = true;
        close_handler cb = std::move(on_close_);
        on_close_ = nullptr;
        on_data_ = nullptr;  // drops the self-capturing handler
        if (cb) cb();
    }

private:
    int fd_;
    bool closed_ = false;
    bool want_close_ = false;
    std::string out_;
    data_handler on_data_;
    close_handler on_close_;
};

class echo_server {
public:
    echo_server() = default;
    echo_server(const echo_server&) = delete;
    echo_server& operator=(const echo_server&) = delete;
    ~echo_server() { shutdown(); }

    std::shared_ptr<connection> accept(int fd) {
        drop(fd);  // an fd can be reused by the OS; never silently overwrite
        auto c = std::make_shared<connection>(fd);
        conns_[fd] = c;
        c->on_data([c](const std::string& d) {
            if (d == "quit\n") c->request_close();
            else c->write(d);
        });
        c->on_close([this, fd] { ++closed_count_; std::printf("fd %d closed\n", fd); });
        return c;
    }

    void dispatch(int fd, const std::string& bytes) {
        auto it = conns_.find(fd);
        if (it == conns_.end()) return;
        std::shared_ptr<connection> c = it->second;
        c->feed(bytes);
        if (c->wants_close()) drop(fd);
    }

    void drop(int fd) {
        auto it = conns_.find(fd);
        if (it == conns_.end()) return;
        it->second->close();
        conns_.erase(it);
    }

    void shutdown() {
        for (auto& kv : conns_) kv.second->close();
        conns_.clear();
    }

    int closed_count() const { return closed_count_; }

private:
    std::map<int, std::shared_ptr<connection>> conns_;
    int closed_count_ = 0;
};

int main() {
    echo_server server;
    for (int fd = 3; fd < 10; ++fd) server.accept(fd);
    server.dispatch(3, "hello\n");
    server.dispatch(4, "quit\n");
    server.accept(5);  // reused fd
    server.dispatch(6, "ping\n");
    std::printf("closed so far: %d\n", server.closed_count());
    return 0;  // ~echo_server closes the rest
}
