// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Entities hold a shared_ptr back to their Session, but Session::close() detaches every entity and clears the identity map, and SessionScope's destructor always calls close().
#include <cstdint>
#include <iostream>
#include <map>
#include <stdexcept>
#include <memory>
#include <string>
#include <utility>

namespace orm {

class Session;
using SessionPtr = std::shared_ptr<Session>;

class Entity {
public:
    Entity(std::string table, std::int64_t pk) : table_(std::move(table)), pk_(pk) {}

    void attach(SessionPtr s) { session_ = std::move(s); }
    void detach() { session_.reset(); }
    bool attached() const { return static_cast<bool>(session_); }

    void set(const std::string& col, std::string value);
    std::int64_t pk() const { return pk_; }
    const std::string& table() const { return table_; }

private:
    std::string table_;
    std::int64_t pk_;
    std::map<std::string, std::string> columns_;
    SessionPtr session_;
};

using EntityPtr = std::shared_ptr<Entity>;

class Session : public std::enable_shared_from_this<Session> {
public:
    static SessionPtr open(std::string dsn) { return std::make_shared<Session>(std::move(dsn)); }
    explicit Session(std::string dsn) : dsn_(std::move(dsn)) {}

    EntityPtr load(const std::string& table, std::int64_t pk);
    void markDirty(const Entity& e) { ++dirty_; (void)e; }
    void close();

private:
    std::string dsn_;
    std::map<std::pair<std::string, std::int64_t>, EntityPtr> identityMap_;
    std::size_t dirty_ = 0;
};

void Entity::set(const std::string& col, std::string value) {
    columns_[col] = std::move(value);
    if (session_) session_->markDirty(*this);
}

EntityPtr Session::load(const std::string& table, std::int64_t pk) {
    auto key = std::make_pair(table, pk);
    auto it = identityMap_.find(key);
    if (it != identityMap_.end()) return it->second;
    auto e = std::make_shared<Entity>(table, pk);
    e->attach(shared_from_this());
    identityMap_.emplace(std::move(key), e);
    return e;
}

void Session::close() {
    for (auto& kv : identityMap_) kv.second->detach();
    identityMap_.clear();
    dirty_ = 0;
}

class SessionScope {
public:
    explicit SessionScope(SessionPtr s) : s_(std::move(s)) {}
    ~SessionScope() { s_->close(); }
    SessionScope(const SessionScope&) = delete;
    SessionScope& operator=(const SessionScope&) = delete;
    Session& operator*() const { return *s_; }
    Session* operator->() const { return s_.get(); }

private:
    SessionPtr s_;
};

} // namespace orm

static void handleRequest(std::int64_t userId) {
    orm::SessionScope session(orm::Session::open("postgres://app@db/main"));
    auto user = session->load("users", userId);
    user->set("last_seen", std::to_string(userId * 1000));
    auto org = session->load("orgs", userId % 50);
    org->set("active_users", "1");
    if (userId % 97 == 0) throw std::runtime_error("constraint violation");
}

int main() {
    std::size_t failed = 0;
    for (std::int64_t req = 1; req <= 200000; ++req) {
        try {
            handleRequest(req);
        } catch (const std::exception&) {
            ++failed;
        }
    }
    std::cout << "failed requests: " << failed << '\n';
}
