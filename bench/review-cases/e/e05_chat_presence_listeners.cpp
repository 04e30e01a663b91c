// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: Each accepted ChatConnection subscribes a presence listener to the process-wide PresenceBus, but there is no unsubscribe at all, so the listener vector grows by one closure (holding the user's name and message queue) per connection for the life of the server.
#include <cstddef>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

class PresenceBus {
public:
    using Listener = std::function<void(const std::string& user, bool online)>;

    static PresenceBus* Get();

    void Subscribe(Listener l);
    void Publish(const std::string& user, bool online);
    std::size_t ListenerCount() const { return listeners_.size(); }

private:
    PresenceBus() = default;
    static PresenceBus* s_instance;
    std::vector<Listener> listeners_; // LEAK-HERE
};

PresenceBus* PresenceBus::s_instance = nullptr;

PresenceBus* PresenceBus::Get() {
    if (!s_instance) s_instance = new PresenceBus();
    return s_instance;
}

void PresenceBus::Subscribe(Listener l) {
    listeners_.push_back(std::move(l)); // LEAK-HERE
}

void PresenceBus::Publish(const std::string& user, bool online) {
    for (auto& l : listeners_) l(user, online);
}

struct Outbox {
    std::deque<std::string> pending;
    bool open = true;
};

class ChatConnection {
public:
    explicit ChatConnection(std::string user)
        : user_(std::move(user)), outbox_(std::make_shared<Outbox>()) {
        auto box = outbox_;
        std::string self = user_;
        PresenceBus::Get()->Subscribe([box, self](const std::string& who, bool online) { // LEAK-HERE
            if (!box->open || who == self) return;
            box->pending.push_back(who + (online ? " joined" : " left"));
            if (box->pending.size() > 64) box->pending.pop_front();
        });
        PresenceBus::Get()->Publish(user_, true);
    }

    ~ChatConnection() {
        outbox_->open = false;
        outbox_->pending.clear();
        PresenceBus::Get()->Publish(user_, false);
    }

private:
    std::string user_;
    std::shared_ptr<Outbox> outbox_;
};

int main() {
    for (int i = 0; i < 5000; ++i) {
        ChatConnection conn("guest" + std::to_string(i));
        // ... session runs, then the client disconnects and conn is destroyed ...
    }
    std::cout << "listeners still registered: " << PresenceBus::Get()->ListenerCount() << "\n";
    return 0;
}
