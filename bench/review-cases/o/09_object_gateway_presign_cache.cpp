// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The gateway object lives for the whole run and its PresignCache inserts one entry per distinct method/bucket/key and never evicts, so the cache grows with every new object name requested.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gw {

struct ObjectKey {
    std::string bucket;
    std::string key;
    std::string path() const { return "/" + bucket + "/" + key; }
};

struct PresignedUrl {
    std::string url;
    std::uint64_t expiresAt = 0;
    std::uint32_t hits = 0;
};

struct Request {
    std::string method;
    ObjectKey object;
    std::string accessKey;
};

struct Response {
    int status = 200;
    std::string location;
};

class Signer {
public:
    explicit Signer(std::string secret) : secret_(std::move(secret)) {}

    std::string sign(const std::string &canonical) const {
        const std::size_t h = std::hash<std::string>{}(secret_ + "\n" + canonical);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%016zx", h);
        return buf;
    }

private:
    std::string secret_;
};

class PresignCache {
public:
    static constexpr std::uint64_t kTtlSeconds = 900;

    const PresignedUrl &getOrSign(const std::string &method, const ObjectKey &obj, std::uint64_t now,
                                  const Signer &signer) {
        const std::string cacheKey = method + " " + obj.path();
        auto it = entries_.find(cacheKey);
        if (it != entries_.end() && it->second.expiresAt > now + 60) {
            ++it->second.hits;
            return it->second;
        }
        return store(cacheKey, mint(method, obj, now, signer));
    }

    std::size_t size() const { return entries_.size(); }

private:
    static PresignedUrl mint(const std::string &method, const ObjectKey &obj, std::uint64_t now,
                             const Signer &signer) {
        PresignedUrl p;
        p.expiresAt = now + kTtlSeconds;
        const std::string canonical = method + "\n" + obj.path() + "\n" + std::to_string(p.expiresAt);
        p.url = "https://objects.internal" + obj.path() + "?X-Expires=" + std::to_string(p.expiresAt) +
                "&X-Signature=" + signer.sign(canonical);
        return p;
    }

    PresignedUrl &store(const std::string &cacheKey, PresignedUrl &&fresh) {
        PresignedUrl &slot = entries_[cacheKey];  // LEAK-HERE
        slot = std::move(fresh);
        return slot;
    }

    std::unordered_map<std::string, PresignedUrl> entries_;  // LEAK-HERE
};

class Gateway {
public:
    explicit Gateway(std::string secret) : signer_(std::move(secret)) {}

    Response handle(const Request &req, std::uint64_t now) {
        Response resp;
        if (req.accessKey.empty()) {
            resp.status = 403;
            return resp;
        }
        if (req.method != "GET" && req.method != "PUT") {
            resp.status = 405;
            return resp;
        }
        const PresignedUrl &url = presign_.getOrSign(req.method, req.object, now, signer_);
        resp.status = 307;  // redirect the client to the storage node
        resp.location = url.url;
        ++served_;
        return resp;
    }

    std::size_t cachedUrls() const { return presign_.size(); }
    std::uint64_t served() const { return served_; }

private:
    Signer signer_;
    PresignCache presign_;
    std::uint64_t served_ = 0;
};

Request makeRequest(int i) {
    Request r;
    r.method = (i % 5 == 0) ? "PUT" : "GET";
    r.accessKey = "AKIA" + std::to_string(i % 13);
    if (i % 4 == 0) {
        r.object = {"static-assets", "css/site-" + std::to_string(i % 8) + ".css"};  // hot set
    } else {
        r.object = {"user-uploads", "u" + std::to_string(i % 97) + "/img-" + std::to_string(i) + ".jpg"};
    }
    return r;
}

}  // namespace gw

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    gw::Gateway gateway("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    std::uint64_t now = 1700000000;
    std::size_t bytesOut = 0;

    for (int round = 1; round <= 2; ++round) {
        for (int i = (round - 1) * n; i < round * n; ++i) {
            const gw::Response resp = gateway.handle(gw::makeRequest(i), now);
            bytesOut += resp.location.size();
            if (i % 10 == 0)
                ++now;
        }
        std::printf("after %d requests: cached presigned urls=%zu served=%llu bytes=%zu\n", round * n,
                    gateway.cachedUrls(), static_cast<unsigned long long>(gateway.served()), bytesOut);
    }
    return 0;
}
