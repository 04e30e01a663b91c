// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The program-lifetime Resolver records a QnameStats entry for every distinct query name it sees in qnameStats_, and unlike the capped answer cache nothing ever removes those entries.
#include <cstdint>
#include <functional>
#include <iostream>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dns {

struct Answer {
    std::vector<std::string> addrs;
    std::uint32_t ttl = 0;
};

struct QnameStats {
    std::uint64_t queries = 0;
    std::uint64_t cacheHits = 0;
    std::uint64_t nxdomain = 0;
};

class Resolver {
public:
    explicit Resolver(std::size_t cacheCap) : cacheCap_(cacheCap) {}

    Answer resolve(const std::string& qname);
    std::size_t cachedAnswers() const { return cache_.size(); }
    std::size_t trackedNames() const { return qnameStats_.size(); }

private:
    Answer recurse(const std::string& qname) const;
    void remember(const std::string& qname, const Answer& a);

    std::size_t cacheCap_;
    std::list<std::string> cacheOrder_;
    std::unordered_map<std::string, Answer> cache_;
    std::unordered_map<std::string, QnameStats> qnameStats_; // LEAK-HERE
};

Answer Resolver::resolve(const std::string& qname) {
    QnameStats& st = qnameStats_[qname]; // LEAK-HERE
    ++st.queries;
    if (auto it = cache_.find(qname); it != cache_.end()) {
        ++st.cacheHits;
        return it->second;
    }
    Answer a = recurse(qname);
    if (a.addrs.empty()) ++st.nxdomain;
    remember(qname, a);
    return a;
}

Answer Resolver::recurse(const std::string& qname) const {
    Answer a;
    std::size_t h = std::hash<std::string>{}(qname);
    if (h % 5 == 0) return a;
    a.addrs.push_back("192.0.2." + std::to_string(h % 254 + 1));
    a.ttl = 300;
    return a;
}

void Resolver::remember(const std::string& qname, const Answer& a) {
    cache_[qname] = a;
    cacheOrder_.push_back(qname);
    while (cache_.size() > cacheCap_ && !cacheOrder_.empty()) {
        cache_.erase(cacheOrder_.front());
        cacheOrder_.pop_front();
    }
}

class UdpListener {
public:
    explicit UdpListener(Resolver& r) : resolver_(r) {}
    std::size_t onDatagram(const std::string& qname) {
        Answer a = resolver_.resolve(qname);
        return 12 + qname.size() + 16 * a.addrs.size();
    }

private:
    Resolver& resolver_;
};

} // namespace dns

int main() {
    static dns::Resolver resolver(10000);
    dns::UdpListener udp(resolver);
    std::uint64_t sent = 0;
    bool running = true;
    std::uint64_t q = 0;
    while (running) {
        std::string qname = (q % 3 == 0) ? "api.example.com"
                                         : "r" + std::to_string(q * 7919) + ".cdn-edge.example.net";
        sent += udp.onDatagram(qname);
        if (++q % 500000 == 0)
            std::cout << "cached=" << resolver.cachedAnswers() << " names=" << resolver.trackedNames()
                      << " bytes=" << sent << '\n';
        if (q == 20000000) running = false;
    }
}
