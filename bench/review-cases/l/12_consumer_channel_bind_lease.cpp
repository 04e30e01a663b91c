// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The std::bind holding self sits in the handler list of the consumer's own Channel, but Channel::close drops every handler and the ConsumerLease destructor always calls shutdown() -> close(), so the self-reference is released at the end of each batch.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mq {

struct Delivery {
    std::uint64_t tag = 0;
    std::string routingKey;
    std::string body;
    bool redelivered = false;
};

// Consumer-side view of a broker channel: handlers, acks and flow state.
class Channel {
public:
    using DeliveryHandler = std::function<void(const Delivery&)>;
    using CancelHandler = std::function<void(const std::string&)>;

    void onDelivery(DeliveryHandler h) { deliveryHandlers_.push_back(std::move(h)); }
    void onCancel(CancelHandler h) { cancelHandlers_.push_back(std::move(h)); }

    void dispatch(const Delivery& d) {
        if (!open_) return;
        for (auto& h : deliveryHandlers_) h(d);
    }
    void ack(std::uint64_t tag) { lastAcked_ = tag > lastAcked_ ? tag : lastAcked_; ++acks_; }
    void nack(std::uint64_t) { ++nacks_; }

    void close(const std::string& reason) {
        if (!open_) return;
        open_ = false;
        std::vector<CancelHandler> cancels;
        cancels.swap(cancelHandlers_);
        deliveryHandlers_.clear();
        for (auto& h : cancels) h(reason);
    }
    bool isOpen() const { return open_; }
    std::uint64_t acks() const { return acks_; }

private:
    std::vector<DeliveryHandler> deliveryHandlers_;
    std::vector<CancelHandler> cancelHandlers_;
    std::uint64_t lastAcked_ = 0, acks_ = 0, nacks_ = 0;
    bool open_ = true;
};

class ConsumerBase : public std::enable_shared_from_this<ConsumerBase> {
public:
    explicit ConsumerBase(std::string queue) : queue_(std::move(queue)) { ++s_live; }
    virtual ~ConsumerBase() { --s_live; }

    void start() {
        channel_.onCancel([this](const std::string& why) { lastCancel_ = why; });
        bindHandlers(channel_);
    }
    void deliver(const Delivery& d) { channel_.dispatch(d); }
    virtual void shutdown() { channel_.close("consumer shutdown on " + queue_); }

    static int live() { return s_live; }

protected:
    virtual void bindHandlers(Channel& ch) = 0;
    Channel& channel() { return channel_; }

private:
    std::string queue_;
    std::string lastCancel_;
    Channel channel_;
    static inline int s_live = 0;
};

class InvoiceConsumer : public ConsumerBase {
public:
    using ConsumerBase::ConsumerBase;
    double total() const { return total_; }

protected:
    void bindHandlers(Channel& ch) override {
        auto self = std::static_pointer_cast<InvoiceConsumer>(shared_from_this());
        auto handler = std::bind(&InvoiceConsumer::handleDelivery, self, std::placeholders::_1);
        ch.onDelivery(std::move(handler));
    }

private:
    void handleDelivery(const Delivery& d) {
        auto pos = d.body.find("amount=");
        if (pos == std::string::npos) {
            channel().nack(d.tag);
            return;
        }
        total_ += std::stod(d.body.substr(pos + 7));
        channel().ack(d.tag);
    }
    double total_ = 0;
};

std::shared_ptr<ConsumerBase> makeConsumer(const std::string& queue) {
    std::shared_ptr<ConsumerBase> c = std::make_shared<InvoiceConsumer>(queue);
    c->start();
    return c;
}

// Scoped ownership of a consumer for one batch; always shuts it down.
class ConsumerLease {
public:
    explicit ConsumerLease(std::shared_ptr<ConsumerBase> c) : consumer_(std::move(c)) {}
    ~ConsumerLease() {
        if (consumer_) consumer_->shutdown();
    }
    ConsumerLease(const ConsumerLease&) = delete;
    ConsumerLease& operator=(const ConsumerLease&) = delete;
    ConsumerBase* operator->() const { return consumer_.get(); }

private:
    std::shared_ptr<ConsumerBase> consumer_;
};

Delivery nextDelivery(std::uint64_t tag) {
    Delivery d;
    d.tag = tag;
    d.routingKey = "billing.invoice";
    d.body = tag % 11 == 0 ? "corrupt" : "customer=" + std::to_string(tag % 50) + ";amount=12.5";
    return d;
}

}  // namespace mq

int main() {
    std::uint64_t tag = 0;
    int baseline = mq::ConsumerBase::live();
    for (int batch = 1; batch <= 200; ++batch) {
        {
            mq::ConsumerLease lease(mq::makeConsumer("invoices." + std::to_string(batch % 4)));
            for (int i = 0; i < 25; ++i) lease->deliver(mq::nextDelivery(++tag));
        }
        if (batch % 50 == 0) std::printf("batch %d: live consumers=%d\n", batch, mq::ConsumerBase::live());
    }
    std::printf("baseline %d, final live consumers %d\n", baseline, mq::ConsumerBase::live());
    return 0;
}
