// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: PgConnection::listen() binds shared_from_this() into a handler stored in its own member NotificationChannel, and close() only shuts the socket, so each per-job connection owns itself through its own handler list and is never freed.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace db {

struct Notification {
    std::string channel;
    std::string payload;
    int backendPid = 0;
};

template <typename... Args>
class HandlerList {
public:
    using Handler = std::function<void(Args...)>;
    void add(Handler h) { handlers_.push_back(std::move(h)); }  // LEAK-HERE
    void dispatch(Args... args) {
        for (auto& h : handlers_) h(args...);
    }
    std::size_t size() const { return handlers_.size(); }

private:
    std::vector<Handler> handlers_;  // LEAK-HERE
};

class NotificationChannel {
public:
    HandlerList<const Notification&>& onNotify() { return onNotify_; }
    void deliver(const Notification& n) { onNotify_.dispatch(n); }

private:
    HandlerList<const Notification&> onNotify_;
};

class PgConnection : public std::enable_shared_from_this<PgConnection> {
public:
    explicit PgConnection(std::string dsn) : dsn_(std::move(dsn)) { fd_ = ++nextFd_; }

    void listen(const std::string& channel) {
        exec("LISTEN " + channel);
        using namespace std::placeholders;
        notifications_.onNotify().add(  // LEAK-HERE
            std::bind(&PgConnection::handleNotify, shared_from_this(), _1));  // LEAK-HERE
    }

    void exec(const std::string& sql) {
        lastSql_ = sql;
        ++statements_;
    }

    void pollOnce() {
        if (fd_ < 0) return;
        notifications_.deliver(Notification{"jobs", "ping", fd_});
    }

    void close() {
        if (fd_ >= 0) {
            exec("UNLISTEN *");
            fd_ = -1;
        }
    }

    NotificationChannel& notifications() { return notifications_; }
    int received() const { return received_; }

private:
    void handleNotify(const Notification& n) {
        ++received_;
        lastPayload_ = n.payload;
    }

    static int nextFd_;
    std::string dsn_;
    int fd_ = -1;
    int statements_ = 0;
    int received_ = 0;
    std::string lastSql_;
    std::string lastPayload_;
    NotificationChannel notifications_;  // LEAK-HERE
};

int PgConnection::nextFd_ = 2;

std::shared_ptr<PgConnection> connect(const std::string& dsn) {
    return std::make_shared<PgConnection>(dsn);
}

}  // namespace db

// A job runner that opens a dedicated connection per job to wait for a
// completion notification, then closes it.
class JobRunner {
public:
    explicit JobRunner(std::string dsn) : dsn_(std::move(dsn)) {}

    int runJob(int jobId) {
        auto conn = db::connect(dsn_);
        conn->listen("job_" + std::to_string(jobId));
        conn->exec("SELECT pg_notify('job_" + std::to_string(jobId) + "', 'done')");
        conn->pollOnce();
        int got = conn->received();
        conn->close();
        return got;
    }

private:
    std::string dsn_;
};

int main() {
    JobRunner runner("host=db1 dbname=jobs");
    int total = 0;
    for (int job = 0; job < 100000; ++job)
        total += runner.runJob(job);
    std::printf("notifications=%d\n", total);
    return 0;
}
