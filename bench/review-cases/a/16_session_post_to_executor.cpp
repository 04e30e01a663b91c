// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: RpcCall captures shared_from_this() only into tasks posted to the Executor owned by main, which runs and pops each task, so the keep-alive ends once the completion handler has run.
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <cstdint>

namespace rpc {

class Executor {
public:
    void post(std::function<void()> task) { tasks_.push_back(std::move(task)); }
    size_t runPending() {
        size_t n = 0;
        while (!tasks_.empty()) {
            auto t = std::move(tasks_.front());
            tasks_.pop_front();
            t();
            ++n;
        }
        return n;
    }

private:
    std::deque<std::function<void()>> tasks_;
};

struct Reply {
    int code = 0;
    std::string body;
};

std::string encodeFrame(uint32_t callId, const std::string& method, const std::string& args) {
    return std::to_string(callId) + "|" + method + "|" + args;
}

class RpcCall : public std::enable_shared_from_this<RpcCall> {
public:
    using Done = std::function<void(const Reply&)>;

    RpcCall(Executor& ex, uint32_t id, std::string method, Done done)
        : ex_(ex), id_(id), method_(std::move(method)), done_(std::move(done)) {}

    void send(const std::string& args) {
        wire_ = encodeFrame(id_, method_, args);
        auto self = shared_from_this();
        ex_.post([self]() { self->onWritten(); });
    }

private:
    void onWritten() {
        bytesSent_ += wire_.size();
        ex_.post([self = shared_from_this()]() {
            self->complete(Reply{0, "ack:" + std::to_string(self->id_)});
        });
    }

    void complete(const Reply& r) {
        if (done_) done_(r);
        done_ = nullptr;
    }

    Executor& ex_;
    uint32_t id_;
    std::string method_;
    Done done_;
    std::string wire_;
    size_t bytesSent_ = 0;
};

class Client {
public:
    explicit Client(Executor& ex) : ex_(ex) {}
    void call(const std::string& method, const std::string& args, RpcCall::Done done) {
        auto c = std::make_shared<RpcCall>(ex_, nextId_++, method, std::move(done));
        c->send(args);
    }

private:
    Executor& ex_;
    uint32_t nextId_ = 1;
};

} // namespace rpc

int main() {
    rpc::Executor loop;
    rpc::Client client(loop);
    int ok = 0;
    for (int i = 0; i < 100000; ++i) {
        client.call("kv.get", "key" + std::to_string(i), [&ok](const rpc::Reply& r) { ok += r.code == 0; });
        loop.runPending();
    }
    return ok > 0 ? 0 : 1;
}
