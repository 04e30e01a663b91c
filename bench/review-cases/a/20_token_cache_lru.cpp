// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The AuthGateway built in main caches validated tokens per request, but TokenCache caps its size and evicts the least recently used entry on every insert past capacity.
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gateway {

struct Principal {
    std::string subject;
    std::vector<std::string> scopes;
    int64_t expiresAt = 0;
};

class TokenCache {
public:
    explicit TokenCache(size_t capacity) : capacity_(capacity) {}

    std::optional<Principal> lookup(const std::string& token, int64_t now) {
        auto it = map_.find(token);
        if (it == map_.end()) return std::nullopt;
        if (it->second->second.expiresAt <= now) {
            lru_.erase(it->second);
            map_.erase(it);
            return std::nullopt;
        }
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->second;
    }

    void store(const std::string& token, Principal p) {
        if (auto it = map_.find(token); it != map_.end()) {
            lru_.erase(it->second);
            map_.erase(it);
        }
        lru_.emplace_front(token, std::move(p));
        map_.emplace(token, lru_.begin());
        while (lru_.size() > capacity_) {
            map_.erase(lru_.back().first);
            lru_.pop_back();
        }
    }

    size_t size() const { return lru_.size(); }

private:
    using Entry = std::pair<std::string, Principal>;
    size_t capacity_;
    std::list<Entry> lru_;
    std::unordered_map<std::string, std::list<Entry>::iterator> map_;
};

Principal verifySignature(const std::string& token, int64_t now) {
    Principal p;
    p.subject = "user:" + token.substr(0, token.find('.'));
    p.scopes = {"read", "write"};
    p.expiresAt = now + 300;
    return p;
}

class AuthGateway {
public:
    AuthGateway() : cache_(10000) {}

    bool authorize(const std::string& bearer, const std::string& scope, int64_t now) {
        auto cached = cache_.lookup(bearer, now);
        Principal p = cached ? *cached : verifySignature(bearer, now);
        if (!cached) cache_.store(bearer, p);
        ++checks_;
        for (auto& s : p.scopes)
            if (s == scope) return true;
        return false;
    }

    uint64_t checks() const { return checks_; }

private:
    TokenCache cache_;
    uint64_t checks_ = 0;
};

} // namespace gateway

int main() {
    gateway::AuthGateway gw;
    int64_t clock = 1700000000;
    for (uint64_t req = 0; req < 5000000; ++req) {
        std::string token = std::to_string(req * 2654435761u % 900000) + ".sig";
        gw.authorize(token, req % 2 ? "read" : "admin", clock);
        if (req % 1000 == 0) ++clock;
    }
    return gw.checks() > 0 ? 0 : 1;
}
