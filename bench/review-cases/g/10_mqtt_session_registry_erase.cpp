// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The static session directory is keyed by `this` but stores only weak_ptrs, and ~ClientSession() erases its own entry, so the directory never keeps a session alive and shrinks as sessions die.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace broker {

class ClientSession;

class SessionDirectory {
public:
    static SessionDirectory& Get() {
        static SessionDirectory dir;
        return dir;
    }

    void Register(const ClientSession* key, std::weak_ptr<ClientSession> s) {
        std::lock_guard<std::mutex> lk(mu_);
        sessions_[key] = std::move(s);
    }

    void Unregister(const ClientSession* key) {
        std::lock_guard<std::mutex> lk(mu_);
        sessions_.erase(key);
    }

    std::size_t Size() const {
        std::lock_guard<std::mutex> lk(mu_);
        return sessions_.size();
    }

    template <typename Fn>
    void ForEachLive(Fn&& fn) {
        std::vector<std::shared_ptr<ClientSession>> live;
        {
            std::lock_guard<std::mutex> lk(mu_);
            for (auto& kv : sessions_)
                if (auto s = kv.second.lock()) live.push_back(std::move(s));
        }
        for (auto& s : live) fn(*s);
    }

private:
    SessionDirectory() = default;
    mutable std::mutex mu_;
    std::unordered_map<const ClientSession*, std::weak_ptr<ClientSession>> sessions_;
};

class ClientSession : public std::enable_shared_from_this<ClientSession> {
public:
    explicit ClientSession(std::string clientId) : client_id_(std::move(clientId)) {}
    ~ClientSession() { SessionDirectory::Get().Unregister(this); }

    ClientSession(const ClientSession&) = delete;
    ClientSession& operator=(const ClientSession&) = delete;

    void Connect() {
        connected_ = true;
        SessionDirectory::Get().Register(this, weak_from_this());
    }

    void Subscribe(const std::string& topic) { topics_.push_back(topic); }

    void Deliver(const std::string& topic, const std::string& payload) {
        for (const auto& t : topics_)
            if (t == topic) { ++delivered_; bytes_ += payload.size(); }
    }

    void Disconnect() { connected_ = false; topics_.clear(); }
    std::uint64_t Delivered() const { return delivered_; }

private:
    std::string client_id_;
    bool connected_ = false;
    std::vector<std::string> topics_;
    std::uint64_t delivered_ = 0;
    std::uint64_t bytes_ = 0;
};

// Handles one short-lived device: connect, subscribe, get a retained message, leave.
std::uint64_t HandleDevice(int deviceNo) {
    auto session = std::make_shared<ClientSession>("sensor-" + std::to_string(deviceNo));
    session->Connect();
    session->Subscribe("fw/update");
    session->Subscribe("cfg/" + std::to_string(deviceNo % 16));
    SessionDirectory::Get().ForEachLive(
        [](ClientSession& s) { s.Deliver("fw/update", "v2.4.1"); });
    std::uint64_t n = session->Delivered();
    session->Disconnect();
    return n;  // last shared_ptr dropped -> destructor unregisters
}

}  // namespace broker

int main() {
    std::uint64_t delivered = 0;
    for (int dev = 0; dev < 300000; ++dev) {
        delivered += broker::HandleDevice(dev);
        if (dev % 100000 == 0)
            std::printf("devices %d directory %zu\n", dev, broker::SessionDirectory::Get().Size());
    }
    std::printf("delivered %llu\n", static_cast<unsigned long long>(delivered));
    return 0;
}
