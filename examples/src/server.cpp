#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace shop {

struct Request {
  std::string Id;
  std::string Path;
};
struct Reply {
  int Status;
  std::string Body;
};

// Bug: every reply ever sent, kept for "debugging".
static std::vector<Reply> SentReplies;

// Bug: replies cached per request id, never evicted.
static std::unordered_map<std::string, Reply> ReplyCache;

// Fine: the last 100 paths, for the status page.
static std::deque<std::string> RecentPaths;

Reply serve(const Request &R) {
  auto It = ReplyCache.find(R.Id);
  if (It != ReplyCache.end())
    return It->second;
  Reply Out{200, "ok: " + R.Path};
  ReplyCache[R.Id] = Out;
  SentReplies.push_back(Out);
  RecentPaths.push_back(R.Path);
  if (RecentPaths.size() > 100)
    RecentPaths.pop_front();
  return Out;
}

// Bug: subscribers can join but never leave.
class Notifications {
public:
  static Notifications &instance() {
    static Notifications N;
    return N;
  }
  void subscribe(std::function<void(const std::string &)> F) {
    Subscribers.push_back(std::move(F));
  }
  void publish(const std::string &Message) {
    for (auto &F : Subscribers)
      F(Message);
  }

private:
  Notifications() = default;
  std::vector<std::function<void(const std::string &)>> Subscribers;
};

} // namespace shop
