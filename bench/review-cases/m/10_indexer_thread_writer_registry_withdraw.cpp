// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: each SegmentWriter's shared_from_this() entry in the thread_local ThreadRegistry is withdrawn by close(), which a scope guard runs on every exit from indexBatch, so the writer is freed when the batch ends.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace search {

// Per-thread registry of open resources so a thread can flush everything it
// still owns when it is asked to drain.
template <typename Resource>
class ThreadRegistry {
public:
    static void enroll(const std::shared_ptr<Resource>& r) { slots()[r.get()] = r; }
    static void withdraw(const Resource* r) { slots().erase(r); }
    static std::size_t size() { return slots().size(); }
    template <typename Fn>
    static void forEach(Fn&& fn) {
        for (auto& kv : slots()) fn(*kv.second);
    }
private:
    static std::unordered_map<const Resource*, std::shared_ptr<Resource>>& slots() {
        thread_local std::unordered_map<const Resource*, std::shared_ptr<Resource>> s;
        return s;
    }
};

template <typename Derived>
class ThreadOwned : public std::enable_shared_from_this<Derived> {
protected:
    void enrollOnThread() {
        auto self = this->shared_from_this();
        ThreadRegistry<Derived>::enroll(self);
    }
};

struct Posting {
    std::uint32_t docId;
    std::uint32_t position;
};

std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!cur.empty()) { out.push_back(cur); cur.clear(); }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

class SegmentWriter : public ThreadOwned<SegmentWriter> {
public:
    static std::atomic<int> live;

    static std::shared_ptr<SegmentWriter> open(int shardId, int generation) {
        auto w = std::make_shared<SegmentWriter>(shardId, generation);
        w->enrollOnThread();
        return w;
    }

    SegmentWriter(int shardId, int generation) : shardId_(shardId), generation_(generation) { ++live; }
    ~SegmentWriter() { --live; }

    void addDocument(std::uint32_t docId, const std::string& body) {
        auto terms = tokenize(body);
        for (std::uint32_t pos = 0; pos < terms.size(); ++pos) postings_[terms[pos]].push_back({docId, pos});
        ++docCount_;
    }

    std::size_t flush() {
        std::size_t bytes = 0;
        for (const auto& kv : postings_) bytes += kv.first.size() + kv.second.size() * sizeof(Posting);
        flushedBytes_ += bytes;
        return bytes;
    }

    std::string close() {
        if (!closed_) {
            flush();
            closed_ = true;
            ThreadRegistry<SegmentWriter>::withdraw(this);
        }
        std::ostringstream name;
        name << "_s" << shardId_ << "_g" << generation_ << ".seg";
        return name.str();
    }

    bool closed() const { return closed_; }
    std::size_t docCount() const { return docCount_; }

private:
    int shardId_;
    int generation_;
    std::map<std::string, std::vector<Posting>> postings_;
    std::size_t docCount_ = 0;
    std::size_t flushedBytes_ = 0;
    bool closed_ = false;
};

std::atomic<int> SegmentWriter::live{0};

// Guarantees close() even if tokenizing or adding a document throws.
class CloseOnExit {
public:
    explicit CloseOnExit(std::shared_ptr<SegmentWriter> w) : writer_(std::move(w)) {}
    CloseOnExit(const CloseOnExit&) = delete;
    CloseOnExit& operator=(const CloseOnExit&) = delete;
    ~CloseOnExit() {
        if (writer_ && !writer_->closed()) writer_->close();
    }
private:
    std::shared_ptr<SegmentWriter> writer_;
};

class ShardIndexer {
public:
    explicit ShardIndexer(int shardId) : shardId_(shardId) {}

    std::string indexBatch(const std::vector<std::string>& docs) {
        auto writer = SegmentWriter::open(shardId_, ++generation_);
        CloseOnExit guard(writer);
        for (const auto& d : docs) writer->addDocument(nextDocId_++, d);
        std::string segment = writer->close();
        segments_.push_back(segment);
        if (segments_.size() > 8) segments_.erase(segments_.begin(), segments_.begin() + 4);
        return segment;
    }

    std::size_t segmentCount() const { return segments_.size(); }

private:
    int shardId_;
    int generation_ = 0;
    std::uint32_t nextDocId_ = 0;
    std::vector<std::string> segments_;
};

} // namespace search

int main() {
    search::ShardIndexer shard(3);
    std::cout << "baseline registry=" << search::ThreadRegistry<search::SegmentWriter>::size()
              << " live writers=" << search::SegmentWriter::live.load() << "\n";
    const std::vector<std::string> batch = {
        "Quarterly revenue grew in the EMEA region", "Kafka consumer lag alert resolved",
        "Search latency p99 regression after merge policy change"};
    for (int cycle = 1; cycle <= 5; ++cycle) {
        for (int b = 0; b < 40; ++b) shard.indexBatch(batch);
        std::cout << "cycle " << cycle << " segments=" << shard.segmentCount()
                  << " registry=" << search::ThreadRegistry<search::SegmentWriter>::size()
                  << " live writers=" << search::SegmentWriter::live.load() << "\n";
    }
    return 0;
}
