// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: ScrollCursor::open publishes shared_from_this() into the global table reached through cursors::table() (via publish -> cursors::track), and the only erase is in SearchService::fetchPage when a cursor is exhausted, so every scroll a client abandons stays owned by the global table forever.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace search {

struct Hit {
  std::uint32_t docId;
  float score;
};

class ScrollCursor;

namespace cursors {
using Table = std::unordered_map<std::string, std::shared_ptr<ScrollCursor>>;

Table& table() {
  static Table* t = new Table();  // LEAK-HERE
  return *t;
}

void track(const std::string& id, std::shared_ptr<ScrollCursor> cursor) {
  table().emplace(id, std::move(cursor));  // LEAK-HERE
}

std::shared_ptr<ScrollCursor> find(const std::string& id) {
  auto it = table().find(id);
  return it == table().end() ? nullptr : it->second;
}

void forget(const std::string& id) { table().erase(id); }
}  // namespace cursors

class ScrollCursor : public std::enable_shared_from_this<ScrollCursor> {
 public:
  static inline int live = 0;

  static std::shared_ptr<ScrollCursor> open(std::string id, std::vector<Hit> snapshot, std::size_t pageSize) {
    auto c = std::make_shared<ScrollCursor>(std::move(id), std::move(snapshot), pageSize);
    c->publish();
    return c;
  }

  ScrollCursor(std::string id, std::vector<Hit> snapshot, std::size_t pageSize)
      : id_(std::move(id)), snapshot_(std::move(snapshot)), pageSize_(pageSize) {
    ++live;
  }
  ~ScrollCursor() { --live; }

  std::vector<Hit> next() {
    const std::size_t end = std::min(pos_ + pageSize_, snapshot_.size());
    std::vector<Hit> page(snapshot_.begin() + static_cast<std::ptrdiff_t>(pos_),
                          snapshot_.begin() + static_cast<std::ptrdiff_t>(end));
    pos_ = end;
    return page;
  }
  bool exhausted() const { return pos_ >= snapshot_.size(); }
  const std::string& id() const { return id_; }

 private:
  void publish() {
    auto self = shared_from_this();
    cursors::track(id_, self);  // LEAK-HERE
  }

  std::string id_;
  std::vector<Hit> snapshot_;
  std::size_t pageSize_;
  std::size_t pos_ = 0;
};

class InvertedIndex {
 public:
  void add(std::uint32_t doc, const std::string& term) { postings_[term].push_back(doc); }
  std::vector<Hit> match(const std::string& term) const {
    std::vector<Hit> hits;
    auto it = postings_.find(term);
    if (it == postings_.end()) return hits;
    for (std::uint32_t d : it->second) hits.push_back({d, 1.0f / static_cast<float>(1 + d % 7)});
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.score > b.score; });
    return hits;
  }

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> postings_;
};

class SearchService {
 public:
  explicit SearchService(const InvertedIndex& idx) : index_(idx) {}

  // POST /_search?scroll -> returns scroll id plus first page
  std::string startScroll(const std::string& term, std::vector<Hit>& firstPage) {
    std::string id = "scr-" + std::to_string(++seq_);
    auto cursor = ScrollCursor::open(id, index_.match(term), 50);
    firstPage = cursor->next();
    return id;
  }

  // POST /_search/scroll {scroll_id}
  std::vector<Hit> fetchPage(const std::string& scrollId) {
    auto cursor = cursors::find(scrollId);
    if (!cursor) return {};
    auto page = cursor->next();
    if (cursor->exhausted()) cursors::forget(scrollId);
    return page;
  }

 private:
  const InvertedIndex& index_;
  std::uint64_t seq_ = 0;
};

}  // namespace search

int main() {
  using namespace search;
  InvertedIndex idx;
  for (std::uint32_t d = 0; d < 5000; ++d) {
    idx.add(d, d % 3 == 0 ? "laptop" : "phone");
    if (d % 11 == 0) idx.add(d, "refurbished");
  }
  SearchService svc(idx);
  for (int wave = 0; wave < 5; ++wave) {
    std::size_t served = 0;
    for (int client = 0; client < 40; ++client) {
      std::vector<Hit> page;
      const std::string id = svc.startScroll(client % 2 ? "laptop" : "refurbished", page);
      served += page.size();
      // UI clients usually read one or two pages and navigate away.
      if (client % 4 == 0) served += svc.fetchPage(id).size();
    }
    std::printf("wave %d: served=%zu open cursors=%zu live cursors=%d\n", wave, served, cursors::table().size(),
                ScrollCursor::live);
  }
  return 0;
}
