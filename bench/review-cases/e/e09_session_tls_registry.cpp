// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every Session appends `this` to the worker thread's thread_local t_sessions list in its constructor for the watchdog to inspect, but nothing ever removes it, so the per-thread list grows by one (dangling) pointer per session for the lifetime of the worker.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace worker {

class session;

// Per-thread list so the watchdog can dump in-flight sessions without locking.
thread_local std::vector<const session*> t_sessions; // LEAK-HERE

class session {
public:
    session(std::uint64_t id, std::string client)
        : id_(id), client_(std::move(client)), started_(std::chrono::steady_clock::now()) {
        t_sessions.push_back(this); // LEAK-HERE
    }

    session(const session&) = delete;
    session& operator=(const session&) = delete;

    std::uint64_t id() const { return id_; }
    const std::string& client() const { return client_; }

    std::string handle(const std::string& payload) {
        ++requests_;
        return "ack " + std::to_string(id_) + ":" + std::to_string(payload.size());
    }

    double age_ms() const {
        using namespace std::chrono;
        return duration<double, std::milli>(steady_clock::now() - started_).count();
    }

private:
    std::uint64_t id_;
    std::string client_;
    std::chrono::steady_clock::time_point started_;
    std::uint64_t requests_ = 0;
};

std::size_t watchdog_tracked() { return t_sessions.size(); }

void run_worker(std::uint64_t first_id, std::uint64_t count) {
    for (std::uint64_t i = 0; i < count; ++i) {
        auto s = std::make_unique<session>(first_id + i, "client-" + std::to_string(i % 97));
        std::string reply = s->handle("GET /");
        (void)reply;
        // s goes out of scope: the session is finished and destroyed.
    }
}

} // namespace worker

int main() {
    // The main thread acts as the single long-running worker.
    for (int batch = 0; batch < 50; ++batch) {
        worker::run_worker(static_cast<std::uint64_t>(batch) * 1000, 1000);
        std::cout << "batch " << batch << ": watchdog tracking "
                  << worker::watchdog_tracked() << " sessions\n";
    }
    return 0;
}
