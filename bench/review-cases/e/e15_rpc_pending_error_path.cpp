// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The long-lived RpcClient records each call in pending_ and erases it only when a successful reply arrives; the timeout and transport-error paths return early without erasing, so every failed call leaves its entry (and callback) behind forever.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <unordered_map>

template <typename Transport>
class RpcClient {
public:
    using Callback = std::function<void(const std::string&)>;
    using Clock = std::chrono::steady_clock;

    explicit RpcClient(Transport t) : transport_(std::move(t)) {}

    std::uint64_t Call(const std::string& method, const std::string& args, Callback cb) {
        const std::uint64_t id = ++nextId_;
        pending_.emplace(id, Pending{method, std::move(cb), Clock::now()}); // LEAK-HERE
        if (!transport_.Send(id, method + "(" + args + ")")) {
            std::cerr << "send failed for call " << id << "\n";
            return id;  // caller will see a timeout later
        }
        return id;
    }

    void OnReply(std::uint64_t id, bool ok, const std::string& payload) {
        auto it = pending_.find(id);
        if (it == pending_.end()) return;
        if (!ok) {
            std::cerr << it->second.method << " failed: " << payload << "\n";
            return; // LEAK-HERE
        }
        it->second.cb(payload);
        pending_.erase(it);
    }

    void OnTimeout(std::uint64_t id) {
        auto it = pending_.find(id);
        if (it == pending_.end()) return;
        std::cerr << it->second.method << " timed out\n"; // LEAK-HERE
    }

    std::size_t PendingCount() const { return pending_.size(); }

private:
    struct Pending {
        std::string method;
        Callback cb;
        Clock::time_point sent;
    };

    Transport transport_;
    std::uint64_t nextId_ = 0;
    std::unordered_map<std::uint64_t, Pending> pending_; // LEAK-HERE
};

struct FlakyTransport {
    std::uint64_t sent = 0;
    bool Send(std::uint64_t id, const std::string&) {
        ++sent;
        return id % 11 != 0;  // every 11th send fails
    }
};

int main() {
    RpcClient<FlakyTransport> client{FlakyTransport{}};
    std::uint64_t okCount = 0;
    for (int i = 0; i < 50000; ++i) {
        auto id = client.Call("GetUser", "{\"id\":" + std::to_string(i) + "}",
                              [&okCount](const std::string&) { ++okCount; });
        if (id % 11 == 0)
            client.OnTimeout(id);
        else if (id % 5 == 0)
            client.OnReply(id, false, "UNAVAILABLE");
        else
            client.OnReply(id, true, "{\"name\":\"x\"}");
    }
    std::cout << "ok=" << okCount << " pending=" << client.PendingCount() << "\n";
    return 0;
}
