// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: ApiGateway records every proxied call in the long-lived inflight_ map keyed by a fresh correlation id, but complete() erases the entry only when the upstream replies with a 2xx status, so every failed call leaves its request and continuation behind forever.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

namespace web {

struct HttpRequest {
    std::string method;
    std::string path;
    std::string body;
};

struct UpstreamReply {
    int status = 0;
    std::string body;
};

using Continuation = std::function<void(int status, const std::string& body)>;

class ApiGateway {
public:
    std::uint64_t forward(HttpRequest req, Continuation k) {
        const std::uint64_t corr = ++lastCorrelation_;
        InFlight f;
        f.request = std::move(req);
        f.attempt = 1;
        f.respond = std::move(k);
        inflight_.emplace(corr, std::move(f));  // LEAK-HERE
        return corr;
    }

    void complete(std::uint64_t corr, const UpstreamReply& reply) {
        auto it = inflight_.find(corr);
        if (it == inflight_.end()) return;
        if (reply.status < 200 || reply.status >= 300) {
            ++upstreamErrors_;
            return;  // TODO: retry policy
        }
        it->second.respond(reply.status, reply.body);
        inflight_.erase(it);
    }

    std::size_t inflight() const { return inflight_.size(); }
    std::uint64_t errors() const { return upstreamErrors_; }

private:
    struct InFlight {
        HttpRequest request;
        int attempt = 0;
        Continuation respond;
    };

    std::uint64_t lastCorrelation_ = 0;
    std::uint64_t upstreamErrors_ = 0;
    std::unordered_map<std::uint64_t, InFlight> inflight_;  // LEAK-HERE
};

}  // namespace web

static web::UpstreamReply fakeUpstream(const web::HttpRequest& req, int n) {
    if (n % 7 == 0) return {502, "bad gateway"};
    if (n % 11 == 0) return {429, "slow down"};
    return {200, "{\"ok\":true,\"len\":" + std::to_string(req.body.size()) + "}"};
}

int main() {
    web::ApiGateway gw;
    std::size_t delivered = 0;
    for (int n = 1; n <= 100000; ++n) {
        web::HttpRequest req{"POST", "/v1/carts/" + std::to_string(n % 5000) + "/items", std::string(300, 'j')};
        web::HttpRequest copy = req;
        std::uint64_t corr = gw.forward(std::move(req), [&delivered](int, const std::string& body) {
            delivered += body.size();
        });
        gw.complete(corr, fakeUpstream(copy, n));
        if (n % 25000 == 0) std::printf("inflight=%zu errors=%llu\n", gw.inflight(),
                                        static_cast<unsigned long long>(gw.errors()));
    }
    std::printf("delivered=%zu\n", delivered);
    return 0;
}
