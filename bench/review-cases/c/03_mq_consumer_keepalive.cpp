// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The Consumer's shared_from_this() capture is handed to an IoQueue owned by the Broker connection, which pops and destroys each task after running it, so the Consumer never stores its own owning callback.
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

namespace mq {

class IoQueue {
public:
    using Task = std::function<void()>;

    void post(Task t) { tasks_.push_back(std::move(t)); }
    std::size_t runOnce();
    bool empty() const { return tasks_.empty(); }

private:
    std::deque<Task> tasks_;
};

std::size_t IoQueue::runOnce() {
    std::size_t n = tasks_.size();
    for (std::size_t i = 0; i < n; ++i) {
        Task t = std::move(tasks_.front());
        tasks_.pop_front();
        t();
    }
    return n;
}

struct Message {
    std::string topic;
    std::string payload;
    unsigned long deliveryTag = 0;
};

class Consumer : public std::enable_shared_from_this<Consumer> {
public:
    using Handler = std::function<void(const Message&)>;

    static std::shared_ptr<Consumer> create(IoQueue& io, std::string queue, Handler h) {
        return std::shared_ptr<Consumer>(new Consumer(io, std::move(queue), std::move(h)));
    }

    void start();
    void stop() { active_ = false; }
    unsigned long acked() const { return acked_; }

private:
    Consumer(IoQueue& io, std::string queue, Handler h)
        : io_(io), queue_(std::move(queue)), handler_(std::move(h)) {}

    void poll();

    IoQueue& io_;
    std::string queue_;
    Handler handler_;
    bool active_ = false;
    unsigned long nextTag_ = 1;
    unsigned long acked_ = 0;
};

void Consumer::start() {
    active_ = true;
    io_.post([self = shared_from_this()] { self->poll(); });
}

void Consumer::poll() {
    if (!active_) return;
    Message m{queue_, "payload-" + std::to_string(nextTag_), nextTag_};
    ++nextTag_;
    handler_(m);
    ++acked_;
    io_.post([self = shared_from_this()] { self->poll(); });
}

class BrokerConnection {
public:
    IoQueue& io() { return io_; }
    void drain() { while (!io_.empty()) io_.runOnce(); }

private:
    IoQueue io_;
};

} // namespace mq

int main() {
    mq::BrokerConnection conn;
    unsigned long processed = 0;
    auto consumer = mq::Consumer::create(conn.io(), "orders.created",
                                         [&processed](const mq::Message& m) { processed += m.payload.size(); });
    consumer->start();
    std::weak_ptr<mq::Consumer> watch = consumer;
    consumer.reset();

    while (auto c = watch.lock()) {
        if (c->acked() >= 10000) c->stop();
        c.reset();
        conn.io().runOnce();
    }
    conn.drain();
    std::cout << "processed bytes: " << processed << " consumer alive: " << !watch.expired() << '\n';
}
