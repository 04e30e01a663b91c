// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The static status-line memo is keyed by a normalized HttpStatus enum (unknown codes collapse to 500) so it has at most a dozen entries, and the per-client rate map is swapped out for an empty one at every window rollover.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>

enum class HttpStatus : std::uint16_t {
    Ok = 200, Created = 201, NoContent = 204,
    MovedPermanently = 301, NotModified = 304,
    BadRequest = 400, Unauthorized = 401, NotFound = 404, TooManyRequests = 429,
    InternalError = 500, BadGateway = 502, Unavailable = 503,
};

#define STATUS_CASE(e, text) case HttpStatus::e: return text

static const char* reasonPhrase(HttpStatus s) {
    switch (s) {
        STATUS_CASE(Ok, "OK");
        STATUS_CASE(Created, "Created");
        STATUS_CASE(NoContent, "No Content");
        STATUS_CASE(MovedPermanently, "Moved Permanently");
        STATUS_CASE(NotModified, "Not Modified");
        STATUS_CASE(BadRequest, "Bad Request");
        STATUS_CASE(Unauthorized, "Unauthorized");
        STATUS_CASE(NotFound, "Not Found");
        STATUS_CASE(TooManyRequests, "Too Many Requests");
        STATUS_CASE(InternalError, "Internal Server Error");
        STATUS_CASE(BadGateway, "Bad Gateway");
        STATUS_CASE(Unavailable, "Service Unavailable");
    }
    return "Internal Server Error";
}

// Upstreams sometimes send odd codes (e.g. 418, 599); we only speak a fixed set.
static HttpStatus normalize(int code) {
    switch (code) {
        case 200: case 201: case 204: case 301: case 304: case 400:
        case 401: case 404: case 429: case 500: case 502: case 503:
            return static_cast<HttpStatus>(code);
        default:
            return code >= 200 && code < 300 ? HttpStatus::Ok : HttpStatus::InternalError;
    }
}

struct StatusHash {
    std::size_t operator()(HttpStatus s) const { return static_cast<std::size_t>(s); }
};

const std::string& statusLine(HttpStatus s) {
    static std::unordered_map<HttpStatus, std::string, StatusHash> memo;
    auto it = memo.find(s);
    if (it == memo.end()) {
        std::string line = "HTTP/1.1 " + std::to_string(static_cast<int>(s)) + " " + reasonPhrase(s) + "\r\n";
        it = memo.emplace(s, std::move(line)).first;
    }
    return it->second;
}

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    explicit RateLimiter(unsigned perWindow) : limit_(perWindow), windowStart_(Clock::now()) {}

    bool allow(const std::string& clientIp, Clock::time_point now) {
        if (now - windowStart_ >= std::chrono::seconds(1)) roll(now);
        return ++counts_[clientIp] <= limit_;
    }
    std::size_t tracked() const { return counts_.size(); }

private:
    void roll(Clock::time_point now) {
        std::unordered_map<std::string, unsigned> fresh;
        fresh.reserve(counts_.size());
        counts_.swap(fresh);
        windowStart_ = now;
    }

    unsigned limit_;
    Clock::time_point windowStart_;
    std::unordered_map<std::string, unsigned> counts_;
};

static RateLimiter& limiter() {
    static RateLimiter rl(100);
    return rl;
}

class ProxyHandler {
public:
    std::string respond(const std::string& ip, int upstreamCode, RateLimiter::Clock::time_point now) {
        if (!limiter().allow(ip, now)) return statusLine(HttpStatus::TooManyRequests);
        return statusLine(normalize(upstreamCode)) + "Via: edge\r\n\r\n";
    }
};

int main() {
    ProxyHandler h;
    auto t = RateLimiter::Clock::now();
    std::size_t bytes = 0;
    for (std::uint32_t i = 0; i < 1000000; ++i) {
        t += std::chrono::microseconds(50);  // ~20k req/s from a churning client population
        std::string ip = "10." + std::to_string((i >> 16) & 255) + "." + std::to_string((i >> 8) & 255) +
                         "." + std::to_string(i & 255);
        int upstream = 200 + static_cast<int>((i * 7919u) % 400);
        bytes += h.respond(ip, upstream, t).size();
    }
    std::printf("bytes=%zu tracked=%zu\n", bytes, limiter().tracked());
    return 0;
}
