// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: ChatClient::queue() registers shared_from_this() in a thread_local writer table keyed by this, and flushWriters() drains outboxes without ever removing entries, so disconnected clients stay owned by the event-loop thread.
#include <cstdint>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chat {

class ChatClient;
using ClientPtr = std::shared_ptr<ChatClient>;

namespace detail {
thread_local std::unordered_map<const ChatClient*, ClientPtr> t_pendingWriters; // LEAK-HERE
}

class ChatClient : public std::enable_shared_from_this<ChatClient> {
public:
    ChatClient(std::uint64_t id, std::string nick) : id_(id), nick_(std::move(nick)) {}

    void queue(std::string frame);
    std::size_t flush();
    void disconnect() { connected_ = false; outbox_.clear(); }
    bool connected() const { return connected_; }
    const std::string& nick() const { return nick_; }
    std::uint64_t id() const { return id_; }

private:
    std::uint64_t id_;
    std::string nick_;
    bool connected_ = true;
    std::deque<std::string> outbox_;
    std::vector<char> socketBuffer_ = std::vector<char>(8192);
};

void ChatClient::queue(std::string frame) {
    if (!connected_) return;
    outbox_.push_back(std::move(frame));
    detail::t_pendingWriters.emplace(this, shared_from_this()); // LEAK-HERE
}

std::size_t ChatClient::flush() {
    std::size_t bytes = 0;
    while (!outbox_.empty()) {
        bytes += outbox_.front().size();
        outbox_.pop_front();
    }
    return bytes;
}

std::size_t flushWriters() {
    std::size_t total = 0;
    for (auto& kv : detail::t_pendingWriters) {
        if (kv.second->connected()) total += kv.second->flush();
    }
    return total;
}

class Room {
public:
    explicit Room(std::string name) : name_(std::move(name)) {}
    void join(ClientPtr c) { members_.emplace(c->id(), std::move(c)); }
    void leave(std::uint64_t id) {
        auto it = members_.find(id);
        if (it == members_.end()) return;
        it->second->disconnect();
        members_.erase(it);
    }
    void broadcast(const std::string& from, const std::string& text) {
        for (auto& kv : members_) kv.second->queue("#" + name_ + " <" + from + "> " + text);
    }
    std::size_t size() const { return members_.size(); }

private:
    std::string name_;
    std::unordered_map<std::uint64_t, ClientPtr> members_;
};

} // namespace chat

int main() {
    chat::Room lobby("lobby");
    std::vector<std::uint64_t> order;
    std::size_t sent = 0;
    bool running = true;
    std::uint64_t next = 1;
    while (running) {
        auto c = std::make_shared<chat::ChatClient>(next, "guest" + std::to_string(next));
        lobby.join(c);
        order.push_back(next);
        lobby.broadcast(c->nick(), "hello everyone");
        sent += chat::flushWriters();
        if (order.size() > 50) {
            lobby.leave(order.front());
            order.erase(order.begin());
        }
        if (++next % 20000 == 0) std::cout << "room=" << lobby.size() << " bytes=" << sent << '\n';
        if (next == 400000) running = false;
    }
}
