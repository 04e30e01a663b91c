// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: RequestHandler posts tasks capturing shared_from_this() to a ThreadPool it only references (owned by HttpServer), and the pool pops each task before running it, so the capture is a temporary keep-alive, not a self-cycle.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace http {

class ThreadPool {
public:
    using Task = std::function<void()>;
    explicit ThreadPool(unsigned n);
    ~ThreadPool();
    void post(Task t);

private:
    void workerLoop();

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Task> queue_;
    std::vector<std::thread> workers_;
    bool stopping_ = false;
};

ThreadPool::ThreadPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i) workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
}

void ThreadPool::post(Task t) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        queue_.push_back(std::move(t));
    }
    cv_.notify_one();
}

void ThreadPool::workerLoop() {
    for (;;) {
        Task task;
        {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_ && queue_.empty()) return;
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        task();
    }
}

struct Request { std::string method, path, body; };
struct Response { int status = 200; std::string body; };

class RequestHandler : public std::enable_shared_from_this<RequestHandler> {
public:
    RequestHandler(ThreadPool& pool, Request req, std::function<void(Response)> reply)
        : pool_(pool), req_(std::move(req)), reply_(std::move(reply)) {}
    void handle();

private:
    void process();

    ThreadPool& pool_;
    Request req_;
    std::function<void(Response)> reply_;
};

void RequestHandler::handle() {
    pool_.post([self = shared_from_this()] { self->process(); });
}

void RequestHandler::process() {
    Response res;
    res.body = req_.method + " " + req_.path;
    if (reply_) reply_(std::move(res));
}

class HttpServer {
public:
    HttpServer() : pool_(4) {}
    void onRequest(Request req, std::function<void(Response)> reply);

private:
    ThreadPool pool_;
};

void HttpServer::onRequest(Request req, std::function<void(Response)> reply) {
    auto h = std::make_shared<RequestHandler>(pool_, std::move(req), std::move(reply));
    h->handle();
}

}  // namespace http
