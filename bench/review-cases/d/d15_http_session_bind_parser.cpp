// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: http_session::start() hands std::bind(&http_session::..., shared_from_this(), ...) to setters of the request_parser it owns by value; close() only flips a flag, so after the listener reaps a closed session the parser's callbacks still own it.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace httpd {

struct request {
    std::string method, target;
    std::map<std::string, std::string> headers;
};

class request_parser {
public:
    using header_cb = std::function<void(const std::string&, const std::string&)>;
    using complete_cb = std::function<void(const request&)>;

    void set_header_callback(header_cb cb) { on_header_ = std::move(cb); } // LEAK-HERE
    void set_complete_callback(complete_cb cb) { on_complete_ = std::move(cb); } // LEAK-HERE

    void consume(const std::string& chunk) {
        buf_ += chunk;
        std::size_t eol;
        while ((eol = buf_.find("\r\n")) != std::string::npos) {
            std::string line = buf_.substr(0, eol);
            buf_.erase(0, eol + 2);
            if (line.empty()) {
                if (on_complete_) on_complete_(req_);
                req_ = request();
            } else if (req_.method.empty()) {
                std::size_t sp = line.find(' ');
                req_.method = line.substr(0, sp);
                req_.target = sp == std::string::npos ? "/" : line.substr(sp + 1, line.find(' ', sp + 1) - sp - 1);
            } else {
                std::size_t colon = line.find(':');
                std::string k = line.substr(0, colon);
                std::string v = colon == std::string::npos ? "" : line.substr(colon + 1);
                req_.headers[k] = v;
                if (on_header_) on_header_(k, v);
            }
        }
    }

private:
    std::string buf_;
    request req_;
    header_cb on_header_; // LEAK-HERE
    complete_cb on_complete_; // LEAK-HERE
};

class http_session : public std::enable_shared_from_this<http_session> {
public:
    explicit http_session(int fd) : fd_(fd) {}

    void start() {
        using namespace std::placeholders;
        parser_.set_header_callback(std::bind(&http_session::on_header, shared_from_this(), _1, _2)); // LEAK-HERE
        parser_.set_complete_callback(std::bind(&http_session::on_request, shared_from_this(), _1)); // LEAK-HERE
    }

    void on_bytes(const std::string& data) { if (open_) parser_.consume(data); }
    void close() { open_ = false; }
    bool is_open() const { return open_; }
    int fd() const { return fd_; }

private:
    void on_header(const std::string& key, const std::string& value) {
        if (key == "Connection" && value.find("close") != std::string::npos) keep_alive_ = false;
    }
    void on_request(const request& r) {
        responses_.push_back("HTTP/1.1 200 OK\r\nX-Target: " + r.target + "\r\n\r\n");
        if (!keep_alive_) close();
    }

    int fd_;
    bool open_ = true;
    bool keep_alive_ = true;
    std::vector<std::string> responses_;
    request_parser parser_; // LEAK-HERE
};

class http_listener {
public:
    std::shared_ptr<http_session> accept(int fd) {
        auto s = std::make_shared<http_session>(fd);
        s->start();
        sessions_.push_back(s);
        return s;
    }

    void reap() {
        sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                       [](const std::shared_ptr<http_session>& s) { return !s->is_open(); }),
                        sessions_.end());
    }

private:
    std::vector<std::shared_ptr<http_session>> sessions_;
};

} // namespace httpd
