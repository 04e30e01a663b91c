// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: PresenceRegistry::instance() keeps a shared_ptr to every ClientSession in a map keyed by the session's address-derived id, and disconnect() only flips the status to Offline, so every session ever attached stays alive for the life of the process.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chat {

enum class Presence { Online, Away, Offline };

static int g_liveSessions = 0;

class ClientSession;

struct PresenceEntry {
    Presence status = Presence::Offline;
    std::chrono::steady_clock::time_point lastSeen;
    std::shared_ptr<ClientSession> session;
};

class PresenceRegistry {
public:
    static PresenceRegistry& instance() {
        static PresenceRegistry reg;
        return reg;
    }

    void markOnline(std::uintptr_t key, std::shared_ptr<ClientSession> s) {
        PresenceEntry& e = entries_[key];  // LEAK-HERE
        e.status = Presence::Online;
        e.lastSeen = std::chrono::steady_clock::now();
        e.session = std::move(s);  // LEAK-HERE
    }

    void setStatus(std::uintptr_t key, Presence p) {
        auto it = entries_.find(key);
        if (it == entries_.end()) return;
        it->second.status = p;
        it->second.lastSeen = std::chrono::steady_clock::now();
    }

    std::size_t onlineCount() const {
        std::size_t n = 0;
        for (const auto& kv : entries_)
            if (kv.second.status == Presence::Online) ++n;
        return n;
    }

    std::size_t size() const { return entries_.size(); }

private:
    PresenceRegistry() = default;
    std::unordered_map<std::uintptr_t, PresenceEntry> entries_;  // LEAK-HERE
};

class Channel {
public:
    explicit Channel(std::string name) : name_(std::move(name)) {}
    void join(const std::string& user) { members_.push_back(user); }
    void leave(const std::string& user) {
        for (auto it = members_.begin(); it != members_.end(); ++it) {
            if (*it == user) {
                members_.erase(it);
                return;
            }
        }
    }
    std::size_t memberCount() const { return members_.size(); }

private:
    std::string name_;
    std::vector<std::string> members_;
};

class ClientSession : public std::enable_shared_from_this<ClientSession> {
public:
    ClientSession(std::string user, Channel& lobby) : user_(std::move(user)), lobby_(lobby) {
        ++g_liveSessions;
        inbox_.reserve(32);
    }
    ~ClientSession() { --g_liveSessions; }

    std::uintptr_t sessionKey() const { return reinterpret_cast<std::uintptr_t>(this); }
    std::shared_ptr<ClientSession> self() { return shared_from_this(); }

    void attach() {
        lobby_.join(user_);
        auto me = self();
        announce(sessionKey(), me);
    }

    void onMessage(const std::string& text) {
        inbox_.push_back(text);
        PresenceRegistry::instance().setStatus(sessionKey(), Presence::Online);
    }

    void idle() { PresenceRegistry::instance().setStatus(sessionKey(), Presence::Away); }

    void disconnect() {
        lobby_.leave(user_);
        PresenceRegistry::instance().setStatus(sessionKey(), Presence::Offline);
    }

    const std::string& user() const { return user_; }

private:
    static void announce(std::uintptr_t key, const std::shared_ptr<ClientSession>& who) {
        PresenceRegistry::instance().markOnline(key, who);
    }

    std::string user_;
    Channel& lobby_;
    std::vector<std::string> inbox_;
};

class ChatServer {
public:
    ChatServer() : lobby_("#lobby") {}

    std::shared_ptr<ClientSession> accept(const std::string& user) {
        auto s = std::make_shared<ClientSession>(user, lobby_);
        s->attach();
        return s;
    }

    Channel& lobby() { return lobby_; }

private:
    Channel lobby_;
};

}  // namespace chat

int main() {
    chat::ChatServer server;
    for (int wave = 1; wave <= 5; ++wave) {
        for (int i = 0; i < 200; ++i) {
            auto session = server.accept("user" + std::to_string(wave * 1000 + i));
            session->onMessage("hello");
            session->idle();
            session->disconnect();
        }
        std::printf("wave %d: live sessions=%d registry=%zu online=%zu lobby=%zu\n", wave,
                    chat::g_liveSessions, chat::PresenceRegistry::instance().size(),
                    chat::PresenceRegistry::instance().onlineCount(), server.lobby().memberCount());
        std::fflush(stdout);
    }
    return 0;
}
