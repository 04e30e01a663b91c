// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: SearchShard owns its Segments through the std::map segments_, but the back edge in each Segment's ShardMember base is std::optional<std::weak_ptr<SearchShard>>, so dropping the shard from IndexService frees the shard and then all its segments.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace search {

class SearchShard;

class ShardMember {
 public:
  virtual ~ShardMember() = default;
  void adopt(const std::shared_ptr<SearchShard>& shard) { owner_ = std::weak_ptr<SearchShard>(shard); }
  bool attached() const { return owner_.has_value(); }

 protected:
  std::shared_ptr<const SearchShard> ownerShard() const { return owner_ ? owner_->lock() : nullptr; }
  std::optional<std::weak_ptr<SearchShard>> owner_;
};

class Segment : public ShardMember {
 public:
  static inline int live = 0;
  explicit Segment(std::uint32_t gen) : generation_(gen) { ++live; }
  ~Segment() override { --live; }

  void index(std::uint32_t docId, const std::string& text) {
    std::istringstream words(text);
    std::string w;
    while (words >> w) postings_[w].push_back(docId);
    ++docCount_;
  }
  std::vector<std::uint32_t> lookup(const std::string& term) const {
    auto it = postings_.find(term);
    return it == postings_.end() ? std::vector<std::uint32_t>{} : it->second;
  }
  std::uint32_t generation() const { return generation_; }
  std::size_t docCount() const { return docCount_; }
  std::string describe() const;

 private:
  std::uint32_t generation_;
  std::size_t docCount_ = 0;
  std::unordered_map<std::string, std::vector<std::uint32_t>> postings_;
};

class SearchShard : public std::enable_shared_from_this<SearchShard> {
 public:
  static inline int live = 0;
  explicit SearchShard(std::string name) : name_(std::move(name)) { ++live; }
  ~SearchShard() { --live; }

  void attach(std::shared_ptr<Segment> seg) {
    seg->adopt(shared_from_this());
    segments_.emplace(seg->generation(), std::move(seg));
  }

  std::size_t hits(const std::string& term) const {
    std::size_t n = 0;
    for (const auto& kv : segments_) n += kv.second->lookup(term).size();
    return n;
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::map<std::uint32_t, std::shared_ptr<Segment>> segments_;
};

std::string Segment::describe() const {
  auto s = ownerShard();
  return (s ? s->name() : std::string("<detached>")) + "#" + std::to_string(generation_);
}

class SegmentWriter {
 public:
  SegmentWriter(std::uint32_t gen, std::size_t maxDocs) : gen_(gen), maxDocs_(maxDocs) {}

  bool add(std::uint32_t docId, const std::string& text) {
    if (!current_) current_ = std::make_shared<Segment>(gen_);
    current_->index(docId, text);
    return current_->docCount() < maxDocs_;
  }

  void flushInto(const std::shared_ptr<SearchShard>& shard) {
    if (!current_) return;
    shard->attach(std::move(current_));
    current_.reset();
    ++gen_;
  }

 private:
  std::uint32_t gen_;
  std::size_t maxDocs_;
  std::shared_ptr<Segment> current_;
};

struct ShardLoader {
  static std::shared_ptr<SearchShard> build(const std::string& name, const std::vector<std::string>& docs) {
    auto shard = std::make_shared<SearchShard>(name);
    SegmentWriter writer(1, 64);
    for (std::uint32_t id = 0; id < docs.size(); ++id) {
      if (!writer.add(id, docs[id])) writer.flushInto(shard);
    }
    writer.flushInto(shard);
    return shard;
  }
};

class IndexService {
 public:
  void reindex(const std::string& name, const std::vector<std::string>& docs) {
    shards_[name] = ShardLoader::build(name, docs);
  }
  void drop(const std::string& name) { shards_.erase(name); }
  std::size_t query(const std::string& term) const {
    std::size_t n = 0;
    for (const auto& kv : shards_) n += kv.second->hits(term);
    return n;
  }

 private:
  std::map<std::string, std::shared_ptr<SearchShard>> shards_;
};

}  // namespace search

int main() {
  using namespace search;
  std::vector<std::string> corpus;
  for (int i = 0; i < 300; ++i)
    corpus.push_back("order " + std::to_string(i % 17) + " shipped to warehouse w" + std::to_string(i % 5));
  IndexService svc;
  for (int round = 0; round < 5; ++round) {
    svc.reindex("products", corpus);
    svc.reindex("orders", corpus);
    std::printf("reindex %d: hits(shipped)=%zu live shards=%d live segments=%d\n", round, svc.query("shipped"),
                SearchShard::live, Segment::live);
    std::fflush(stdout);
  }
  svc.drop("products");
  svc.drop("orders");
  std::printf("after drop: live shards=%d live segments=%d\n", SearchShard::live, Segment::live);
  return 0;
}
