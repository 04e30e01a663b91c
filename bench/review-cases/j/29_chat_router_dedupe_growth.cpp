// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The ChatServer created in main owns a MessageRouter whose Deduplicator records every client message id in an unordered_set that nothing ever trims, so the set grows by one entry per chat message for the whole life of the server.
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace im {

struct Envelope {
    std::string clientMsgId;
    std::string channel;
    std::string from;
    std::string body;
    bool typingOnly = false;
};

class Deduplicator {
public:
    bool firstTime(const std::string& id) { return seen_.insert(id).second; }  // LEAK-HERE
    std::size_t size() const { return seen_.size(); }

private:
    std::unordered_set<std::string> seen_;  // LEAK-HERE
};

class TypingTracker {
public:
    void started(const std::string& channel, const std::string& user, std::uint64_t tick) {
        typing_[channel][user] = tick;
    }
    void stopped(const std::string& channel, const std::string& user) {
        auto it = typing_.find(channel);
        if (it == typing_.end()) return;
        it->second.erase(user);
        if (it->second.empty()) typing_.erase(it);
    }
    std::size_t activeTypers() const {
        std::size_t n = 0;
        for (const auto& kv : typing_) n += kv.second.size();
        return n;
    }

private:
    std::map<std::string, std::map<std::string, std::uint64_t>> typing_;
};

class ChannelState {
public:
    void join(const std::string& user) { members_.insert(user); }
    void deliver(const Envelope& e) {
        recent_.push_back(e.from + ": " + e.body);
        if (recent_.size() > 50) recent_.erase(recent_.begin());
        delivered_ += members_.size();
    }
    std::uint64_t delivered() const { return delivered_; }

private:
    std::set<std::string> members_;
    std::vector<std::string> recent_;
    std::uint64_t delivered_ = 0;
};

class MessageRouter {
public:
    explicit MessageRouter(TypingTracker& typing) : typing_(typing) {}

    void route(const Envelope& e, std::uint64_t tick) {
        if (e.typingOnly) {
            typing_.started(e.channel, e.from, tick);
            return;
        }
        if (!dedupe_.firstTime(e.clientMsgId)) {
            ++duplicates_;
            return;
        }
        typing_.stopped(e.channel, e.from);
        channels_[e.channel].deliver(e);
    }

    ChannelState& channel(const std::string& name) { return channels_[name]; }
    const Deduplicator& dedupe() const { return dedupe_; }
    std::uint64_t duplicates() const { return duplicates_; }

private:
    TypingTracker& typing_;
    Deduplicator dedupe_;
    std::unordered_map<std::string, ChannelState> channels_;
    std::uint64_t duplicates_ = 0;
};

class ChatServer {
public:
    ChatServer() : router_(typing_) {
        for (const char* name : {"#general", "#trading", "#random"}) {
            auto& ch = router_.channel(name);
            for (int u = 0; u < 8; ++u) ch.join("user" + std::to_string(u));
        }
    }

    void onFrame(const Envelope& e) { router_.route(e, tick_); }
    void tick() { ++tick_; }

    std::size_t dedupeSize() const { return router_.dedupe().size(); }
    std::size_t typers() const { return typing_.activeTypers(); }
    std::uint64_t duplicates() const { return router_.duplicates(); }

private:
    std::uint64_t tick_ = 0;
    TypingTracker typing_;
    MessageRouter router_;
};

static Envelope makeMessage(std::uint64_t n, bool typing) {
    static const char* kChannels[] = {"#general", "#trading", "#random"};
    Envelope e;
    e.channel = kChannels[n % 3];
    e.from = "user" + std::to_string(n % 8);
    e.clientMsgId = e.from + "-" + std::to_string(n);
    e.body = typing ? "" : "msg " + std::to_string(n);
    e.typingOnly = typing;
    return e;
}

}  // namespace im

int main() {
    im::ChatServer server;
    std::uint64_t n = 0;
    for (int second = 1; second <= 6; ++second) {
        for (int i = 0; i < 4000; ++i, ++n) {
            server.onFrame(im::makeMessage(n, false));
            if (i % 10 == 0) server.onFrame(im::makeMessage(n, false));
            if (i % 4 == 0) server.onFrame(im::makeMessage(n + 1, true));
        }
        server.tick();
        std::printf("t=%d: dedupe entries=%zu typers=%zu duplicates=%llu\n", second, server.dedupeSize(),
                    server.typers(), static_cast<unsigned long long>(server.duplicates()));
        std::fflush(stdout);
    }
    return 0;
}
