// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each rpc_client owns its exclusive reply queue by shared_ptr, and the delivery_binding it fills in field by field and copies into that queue's bindings_ vector holds shared_from_this(), so client and reply queue keep each other alive after the caller releases the client.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace broker {

class rpc_client;

struct delivery_binding {
    std::string consumer_tag;
    std::shared_ptr<rpc_client> consumer;  // LEAK-HERE
    std::uint32_t prefetch = 0;
    bool auto_ack = false;
};

class queue {
public:
    explicit queue(std::string name) : name_(std::move(name)) {}

    void bind(const delivery_binding& b) { bindings_.push_back(b); }  // LEAK-HERE

    void publish(std::string payload);

    const std::string& name() const { return name_; }

private:
    std::string name_;
    std::deque<std::string> backlog_;
    std::vector<delivery_binding> bindings_;  // LEAK-HERE
};

class rpc_client : public std::enable_shared_from_this<rpc_client> {
public:
    explicit rpc_client(std::uint64_t conn_id) : conn_id_(conn_id) {}

    void open() {
        reply_queue_ = std::make_shared<queue>("amq.gen-" + std::to_string(conn_id_));  // LEAK-HERE
        delivery_binding b;
        b.consumer_tag = "ctag-" + std::to_string(conn_id_);
        b.consumer = shared_from_this();  // LEAK-HERE
        b.prefetch = 32;
        b.auto_ack = true;
        reply_queue_->bind(b);
    }

    std::string call(const std::string& method, const std::string& body) {
        // the server side would route the reply to reply_queue_->name()
        reply_queue_->publish(method + ":" + std::to_string(body.size()));
        return last_reply_;
    }

    void deliver(const std::string& msg) {
        last_reply_ = msg;
        ++received_;
    }

private:
    std::uint64_t conn_id_;
    std::shared_ptr<queue> reply_queue_;  // LEAK-HERE
    std::string last_reply_;
    std::uint64_t received_ = 0;
};

void queue::publish(std::string payload) {
    if (bindings_.empty()) {
        backlog_.push_back(std::move(payload));
        return;
    }
    for (auto& b : bindings_) b.consumer->deliver(payload);
}

}  // namespace broker

static std::size_t handle_inventory_lookup(std::uint64_t conn_id, int sku) {
    auto client = std::make_shared<broker::rpc_client>(conn_id);
    client->open();
    std::string reply = client->call("inventory.lookup", "sku=" + std::to_string(sku));
    return reply.size();
}  // client goes out of scope here

int main() {
    std::size_t total = 0;
    for (std::uint64_t conn = 1; conn <= 40000; ++conn)
        total += handle_inventory_lookup(conn, static_cast<int>(conn % 977));
    std::printf("reply bytes=%zu\n", total);
    return 0;
}
