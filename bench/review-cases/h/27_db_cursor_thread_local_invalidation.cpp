// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each Cursor subscribes to the thread_local InvalidationRegistry under an id derived from its address with a hook capturing shared_from_this(), so the registry owns every cursor and the unsubscribe in ~Cursor can never run.
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace storage {

using Epoch = std::uint64_t;
using CursorId = std::uintptr_t;

inline CursorId cursorIdFor(const void* p) {
    return static_cast<CursorId>(reinterpret_cast<std::uintptr_t>(p) >> 3);
}

class InvalidationRegistry {
public:
    using Hook = std::function<void(Epoch)>;

    static InvalidationRegistry& forThisThread() {
        thread_local InvalidationRegistry registry;
        return registry;
    }

    ~InvalidationRegistry() {
        // Detach first so hooks that call back into unsubscribe see an empty table.
        auto doomed = std::move(hooks_);
        hooks_.clear();
    }

    void subscribe(CursorId id, Hook hook) { hooks_[id] = std::move(hook); }  // LEAK-HERE
    void unsubscribe(CursorId id) { hooks_.erase(id); }

    void publish(Epoch e) {
        std::vector<Hook> snapshot;
        snapshot.reserve(hooks_.size());
        for (auto& kv : hooks_) snapshot.push_back(kv.second);
        for (auto& h : snapshot) h(e);
    }

    std::size_t size() const { return hooks_.size(); }

private:
    std::unordered_map<CursorId, Hook> hooks_;  // LEAK-HERE
};

struct Row {
    std::string key;
    std::string value;
};

class MemTable {
public:
    void put(std::string k, std::string v) {
        rows_[std::move(k)] = std::move(v);
        ++epoch_;
        InvalidationRegistry::forThisThread().publish(epoch_);
    }
    Epoch epoch() const { return epoch_; }
    const std::map<std::string, std::string>& rows() const { return rows_; }

private:
    std::map<std::string, std::string> rows_;
    Epoch epoch_ = 0;
};

class Cursor : public std::enable_shared_from_this<Cursor> {
public:
    static int live;

    static std::shared_ptr<Cursor> open(const MemTable& table, std::string lo, std::string hi) {
        std::shared_ptr<Cursor> c(new Cursor(table, std::move(lo), std::move(hi)));
        c->attach();
        return c;
    }

    ~Cursor() {
        InvalidationRegistry::forThisThread().unsubscribe(id_);
        --live;
    }

    bool next(Row& out) {
        if (stale_ || it_ == table_.rows().end() || it_->first >= hi_) return false;
        out = Row{it_->first, it_->second};
        ++it_;
        return true;
    }

    bool stale() const { return stale_; }

private:
    Cursor(const MemTable& table, std::string lo, std::string hi)
        : table_(table), hi_(std::move(hi)), snapshot_(table.epoch()) {
        it_ = table_.rows().lower_bound(lo);
        ++live;
    }

    void attach() {
        auto self = shared_from_this();
        id_ = cursorIdFor(this);
        InvalidationRegistry::forThisThread().subscribe(id_, [self](Epoch e) { self->onInvalidate(e); });  // LEAK-HERE
    }

    void onInvalidate(Epoch e) {
        if (e > snapshot_) stale_ = true;
    }

    const MemTable& table_;
    std::string hi_;
    Epoch snapshot_;
    std::map<std::string, std::string>::const_iterator it_;
    CursorId id_ = 0;
    bool stale_ = false;
};
int Cursor::live = 0;

class QueryExecutor {
public:
    explicit QueryExecutor(MemTable& table) : table_(table) {}

    std::size_t rangeCount(const std::string& lo, const std::string& hi) {
        auto cursor = Cursor::open(table_, lo, hi);
        std::size_t n = 0;
        Row row;
        while (cursor->next(row)) ++n;
        return n;
    }

private:
    MemTable& table_;
};

std::string keyFor(int i) {
    std::string k = "user:" + std::to_string(1000 + i);
    return k;
}

}  // namespace storage

int main() {
    storage::MemTable table;
    for (int i = 0; i < 200; ++i) table.put(storage::keyFor(i), "v" + std::to_string(i));

    storage::QueryExecutor exec(table);
    for (int batch = 0; batch < 5; ++batch) {
        std::size_t rows = 0;
        for (int q = 0; q < 100; ++q) rows += exec.rangeCount(storage::keyFor(q), storage::keyFor(q + 20));
        table.put(storage::keyFor(batch), "updated");
        std::cout << "batch " << batch << ": rows scanned " << rows << ", live cursors = "
                  << storage::Cursor::live << ", registry hooks = "
                  << storage::InvalidationRegistry::forThisThread().size() << "\n";
    }
    return 0;
}
