// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Download deliberately parks a shared_from_this() capture in onReadable_ while a read is outstanding, and finish() resets that member on every exit path (EOF, error, completion, cancel), releasing the self-reference.
#include <cstdint>
#include <functional>
#include <iostream>
#include <list>
#include <memory>
#include <string>
#include <utility>

namespace net {

enum class Outcome { Complete, Cancelled, Failed };

class Download : public std::enable_shared_from_this<Download> {
public:
    using Done = std::function<void(Outcome, std::size_t)>;

    Download(std::string url, std::size_t expected, Done done)
        : url_(std::move(url)), expected_(expected), done_(std::move(done)) {}

    void start();
    void cancel() { cancelled_ = true; }
    void readable(std::size_t n);
    bool inFlight() const { return static_cast<bool>(onReadable_); }

private:
    void handleBytes(std::size_t n);
    void finish(Outcome o);

    std::string url_;
    std::size_t expected_;
    std::size_t received_ = 0;
    bool cancelled_ = false;
    Done done_;
    std::function<void(std::size_t)> onReadable_;
};

void Download::start() {
    onReadable_ = [self = shared_from_this()](std::size_t n) { self->handleBytes(n); };
}

void Download::readable(std::size_t n) {
    if (!onReadable_) return;
    auto cb = onReadable_;
    cb(n);
}

void Download::handleBytes(std::size_t n) {
    if (cancelled_) return finish(Outcome::Cancelled);
    if (n == 0) return finish(received_ >= expected_ ? Outcome::Complete : Outcome::Failed);
    received_ += n;
    if (received_ >= expected_) finish(Outcome::Complete);
}

void Download::finish(Outcome o) {
    onReadable_ = nullptr;
    if (auto done = std::move(done_)) done(o, received_);
}

class IoLoop {
public:
    void watch(std::weak_ptr<Download> d, std::size_t chunks) { sockets_.push_back({std::move(d), chunks}); }
    void runOnce();
    std::size_t watched() const { return sockets_.size(); }

private:
    struct Socket { std::weak_ptr<Download> owner; std::size_t remainingChunks; };
    std::list<Socket> sockets_;
};

void IoLoop::runOnce() {
    for (auto it = sockets_.begin(); it != sockets_.end();) {
        auto d = it->owner.lock();
        if (!d || !d->inFlight()) { it = sockets_.erase(it); continue; }
        std::size_t n = it->remainingChunks ? 4096 : 0;
        if (it->remainingChunks) --it->remainingChunks;
        d->readable(n);
        ++it;
    }
}

std::weak_ptr<Download> fetch(IoLoop& loop, const std::string& url, std::size_t size, Download::Done done) {
    auto d = std::make_shared<Download>(url, size, std::move(done));
    d->start();
    loop.watch(d, (size + 4095) / 4096 - (size % 7 == 0 ? 1 : 0));
    return d;
}

} // namespace net

int main() {
    net::IoLoop loop;
    std::size_t complete = 0, failed = 0, bytes = 0;
    auto onDone = [&](net::Outcome o, std::size_t got) {
        bytes += got;
        (o == net::Outcome::Complete ? complete : failed) += 1;
    };
    for (std::uint32_t i = 0; i < 200000; ++i) {
        auto handle = net::fetch(loop, "https://cdn.example.com/asset/" + std::to_string(i), 4096 * (1 + i % 9) + i % 5, onDone);
        if (i % 13 == 0)
            if (auto d = handle.lock()) d->cancel();
        loop.runOnce();
    }
    while (loop.watched()) loop.runOnce();
    std::cout << "complete=" << complete << " failed=" << failed << " bytes=" << bytes << '\n';
}
