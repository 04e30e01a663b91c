// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: UpstreamRing links nodes through strong shared_ptrs held by value inside each node's Link and seal() points the tail back at the head, so every ring discarded by Balancer::reload() keeps itself alive.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lb {

struct HealthStats {
    unsigned failures = 0;
    std::chrono::steady_clock::time_point lastCheck{};
};

struct Upstream;
using UpstreamPtr = std::shared_ptr<Upstream>;

struct Link {
    UpstreamPtr next;  // LEAK-HERE
    std::uint32_t weight = 1;
};

struct Upstream {
    std::string host;
    std::uint16_t port = 0;
    Link link;
    std::unique_ptr<HealthStats> health = std::make_unique<HealthStats>();
};

class UpstreamRing {
public:
    static std::unique_ptr<UpstreamRing> fromConfig(const std::vector<std::string>& endpoints);

    void append(UpstreamPtr node);
    void seal();
    UpstreamPtr pick();
    std::size_t size() const { return size_; }

private:
    UpstreamPtr head_;
    UpstreamPtr tail_;
    UpstreamPtr cursor_;
    std::size_t size_ = 0;
};

std::unique_ptr<UpstreamRing> UpstreamRing::fromConfig(const std::vector<std::string>& endpoints) {
    auto ring = std::make_unique<UpstreamRing>();
    for (const auto& ep : endpoints) {
        auto node = std::make_shared<Upstream>();
        auto colon = ep.rfind(':');
        node->host = ep.substr(0, colon);
        node->port = colon == std::string::npos
                         ? 80
                         : static_cast<std::uint16_t>(std::stoul(ep.substr(colon + 1)));
        ring->append(std::move(node));
    }
    ring->seal();
    return ring;
}

void UpstreamRing::append(UpstreamPtr node) {
    if (!head_) {
        head_ = tail_ = cursor_ = node;
    } else {
        tail_->link.next = node;  // LEAK-HERE
        tail_ = node;
    }
    ++size_;
}

void UpstreamRing::seal() {
    if (tail_) tail_->link.next = head_;  // LEAK-HERE
}

UpstreamPtr UpstreamRing::pick() {
    for (std::size_t tries = 0; cursor_ && tries < size_; ++tries) {
        auto candidate = cursor_;
        cursor_ = cursor_->link.next;
        if (candidate->health->failures < 3) return candidate;
    }
    return nullptr;
}

class Balancer {
public:
    void reload(const std::vector<std::string>& endpoints);
    UpstreamPtr next();

private:
    std::mutex mu_;
    std::unique_ptr<UpstreamRing> ring_;
};

void Balancer::reload(const std::vector<std::string>& endpoints) {
    auto fresh = UpstreamRing::fromConfig(endpoints);
    std::lock_guard<std::mutex> lock(mu_);
    ring_ = std::move(fresh);
}

UpstreamPtr Balancer::next() {
    std::lock_guard<std::mutex> lock(mu_);
    return ring_ ? ring_->pick() : nullptr;
}

}  // namespace lb
