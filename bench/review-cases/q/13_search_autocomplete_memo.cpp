// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each per-request PrefixSuggester memoises its ranked lists in the static MemoizedRanker<>::table_ under a key built from `this`; nothing removes those rows when the suggester is destroyed, so every finished request's suggestion lists stay owned by static storage.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace autocomplete {

struct Suggestion {
  std::string text;
  double score;
};
using SuggestionList = std::vector<Suggestion>;

class Lexicon {
 public:
  explicit Lexicon(std::vector<std::pair<std::string, double>> terms) : terms_(std::move(terms)) {
    std::sort(terms_.begin(), terms_.end());
  }

  template <class Fn>
  void forEachWithPrefix(const std::string& prefix, Fn&& fn) const {
    auto it = std::lower_bound(terms_.begin(), terms_.end(), prefix,
                               [](const auto& entry, const std::string& p) { return entry.first < p; });
    for (; it != terms_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) fn(it->first, it->second);
  }

  size_t size() const { return terms_.size(); }
  const std::string& termAt(size_t i) const { return terms_[i % terms_.size()].first; }

 private:
  std::vector<std::pair<std::string, double>> terms_;
};

class UserProfile {
 public:
  explicit UserProfile(uint32_t userId) : userId_(userId) {}

  void noteQuery(const std::string& q) {
    if (recent_.size() == 8) recent_.erase(recent_.begin());
    recent_.push_back(q);
  }

  double boostFor(const std::string& term) const {
    double boost = 0.0;
    for (const auto& r : recent_) {
      if (r == term) boost += 0.5;
      else if (term.compare(0, r.size(), r) == 0) boost += 0.1;
    }
    return boost;
  }

  uint32_t id() const { return userId_; }

 private:
  uint32_t userId_;
  std::vector<std::string> recent_;
};

struct MemoKey {
  const void* owner;
  std::string prefix;
  bool operator<(const MemoKey& o) const {
    if (owner != o.owner) return std::less<const void*>()(owner, o.owner);
    return prefix < o.prefix;
  }
};

// CRTP mixin: memoises Derived::computeUncached(prefix) so repeated keystrokes
// and debounce retransmits inside one request don't re-rank the lexicon.
template <class Derived>
class MemoizedRanker {
 public:
  const SuggestionList& ranked(const std::string& prefix) {
    MemoKey key{memoOwner(), prefix};
    auto it = table_.find(key);
    if (it != table_.end()) {
      ++hits_;
      return it->second;
    }
    SuggestionList fresh = static_cast<Derived*>(this)->computeUncached(prefix);
    return remember(std::move(key), std::move(fresh));
  }

  static size_t memoRows() { return table_.size(); }
  static size_t memoHits() { return hits_; }

 protected:
  const void* memoOwner() const { return this; }

 private:
  const SuggestionList& remember(MemoKey key, SuggestionList list) {
    auto pos = table_.emplace(std::move(key), std::move(list)).first;  // LEAK-HERE
    return pos->second;
  }

  static inline std::map<MemoKey, SuggestionList> table_;  // LEAK-HERE
  static inline size_t hits_ = 0;
};

class PrefixSuggester : public MemoizedRanker<PrefixSuggester> {
 public:
  PrefixSuggester(const Lexicon& lexicon, const UserProfile& profile, size_t topK)
      : lexicon_(lexicon), profile_(profile), topK_(topK) {}

  SuggestionList computeUncached(const std::string& prefix) const {
    SuggestionList out;
    lexicon_.forEachWithPrefix(prefix, [&](const std::string& term, double popularity) {
      out.push_back({term, popularity + profile_.boostFor(term)});
    });
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) { return a.score > b.score; });
    if (out.size() > topK_) out.resize(topK_);
    return out;
  }

 private:
  const Lexicon& lexicon_;
  const UserProfile& profile_;
  size_t topK_;
};

struct Request {
  uint32_t userId;
  std::string typed;
};

struct Response {
  std::string top;
  size_t shown = 0;
};

class AutocompleteService {
 public:
  explicit AutocompleteService(Lexicon lexicon) : lexicon_(std::move(lexicon)) {}

  Response handle(const Request& req) {
    UserProfile& profile = profileFor(req.userId);
    std::unique_ptr<PrefixSuggester> suggester = makeSuggester(profile);
    Response resp;
    for (size_t len = 1; len <= req.typed.size(); ++len) {
      const SuggestionList& list = suggester->ranked(req.typed.substr(0, len));
      resp.shown += list.size();
      if (!list.empty()) resp.top = list.front().text;
    }
    // The client re-sends the final keystroke after its debounce timer.
    suggester->ranked(req.typed);
    profile.noteQuery(req.typed);
    ++served_;
    return resp;
  }

  size_t served() const { return served_; }
  size_t profiles() const { return profiles_.size(); }
  const Lexicon& lexicon() const { return lexicon_; }

 private:
  std::unique_ptr<PrefixSuggester> makeSuggester(const UserProfile& profile) const {
    return std::make_unique<PrefixSuggester>(lexicon_, profile, 5);
  }

  UserProfile& profileFor(uint32_t id) { return profiles_.try_emplace(id, id).first->second; }

  Lexicon lexicon_;
  std::unordered_map<uint32_t, UserProfile> profiles_;
  size_t served_ = 0;
};

Lexicon buildLexicon() {
  static const char* syllables[] = {"pa", "ro", "ki", "me", "lu", "sa", "to", "ne"};
  std::vector<std::pair<std::string, double>> terms;
  for (int a = 0; a < 8; ++a)
    for (int b = 0; b < 8; ++b)
      for (int c = 0; c < 8; ++c) {
        std::string t = std::string(syllables[a]) + syllables[b] + syllables[c];
        terms.emplace_back(t, static_cast<double>((a * 131 + b * 17 + c * 7) % 97) / 97.0);
      }
  return Lexicon(std::move(terms));
}

}  // namespace autocomplete

int main(int argc, char** argv) {
  long requests = argc > 1 ? std::atol(argv[1]) : 20000;
  autocomplete::AutocompleteService service(autocomplete::buildLexicon());
  size_t shown = 0;
  for (long i = 0; i < requests; ++i) {
    const std::string& term = service.lexicon().termAt(static_cast<size_t>(i * 37 + i / 3));
    size_t typedLen = 2 + static_cast<size_t>(i % 5);
    autocomplete::Request req{static_cast<uint32_t>((i * 7919) % 500), term.substr(0, typedLen)};
    shown += service.handle(req).shown;
  }
  std::printf("served=%zu profiles=%zu shown=%zu memo rows=%zu memo hits=%zu\n", service.served(),
              service.profiles(), shown, autocomplete::PrefixSuggester::memoRows(),
              autocomplete::PrefixSuggester::memoHits());
  return 0;
}
