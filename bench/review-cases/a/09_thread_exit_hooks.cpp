// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every UpstreamLink registers a hook capturing shared_from_this() into a thread_local vector that is only released when the long-lived I/O thread exits, so all links ever opened on that thread are retained.
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <thread>
#include <atomic>
#include <chrono>

namespace proxy {

std::vector<std::function<void()>>& threadExitHooks() {
    thread_local std::vector<std::function<void()>> hooks; // LEAK-HERE
    return hooks;
}

void runAtThreadExit(std::function<void()> fn) {
    threadExitHooks().push_back(std::move(fn)); // LEAK-HERE
}

struct Endpoint {
    std::string host;
    unsigned short port = 0;
};

Endpoint parseEndpoint(const std::string& s) {
    Endpoint e;
    auto colon = s.rfind(':');
    e.host = s.substr(0, colon);
    e.port = colon == std::string::npos ? 80 : static_cast<unsigned short>(std::stoi(s.substr(colon + 1)));
    return e;
}

class UpstreamLink : public std::enable_shared_from_this<UpstreamLink> {
public:
    explicit UpstreamLink(Endpoint ep) : ep_(std::move(ep)) { sendBuf_.reserve(16 * 1024); }

    void open() {
        connected_ = true;
        runAtThreadExit([self = shared_from_this()] { self->flushAndClose(); }); // LEAK-HERE
    }

    void send(const std::string& bytes) {
        if (connected_) sendBuf_.insert(sendBuf_.end(), bytes.begin(), bytes.end());
    }

    void flushAndClose() {
        sendBuf_.clear();
        connected_ = false;
    }

private:
    Endpoint ep_;
    bool connected_ = false;
    std::vector<char> sendBuf_;
};

class IoThread {
public:
    void start(int requests) {
        th_ = std::thread([this, requests] {
            for (int i = 0; i < requests && !stop_; ++i) {
                auto link = std::make_shared<UpstreamLink>(parseEndpoint("backend-" + std::to_string(i % 8) + ":8080"));
                link->open();
                link->send("PING\r\n");
                link->flushAndClose();
            }
            while (!stop_) std::this_thread::yield();
            for (auto& h : threadExitHooks()) h();
        });
    }
    void stop() { stop_ = true; if (th_.joinable()) th_.join(); }

private:
    std::thread th_;
    std::atomic<bool> stop_{false};
};

} // namespace proxy

int main() {
    proxy::IoThread io;
    io.start(100000);
    std::this_thread::sleep_for(std::chrono::seconds(5));
    io.stop();
    return 0;
}
