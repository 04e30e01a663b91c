// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libabsl-dev
//
// Abseil (20220623): a DNS-like resolver cache in an absl::flat_hash_map
// keyed by hostname with TTL expiry and a size bound, guarded by
// absl::Mutex with thread-safety annotations; an observer registry handing
// out absl::Cleanup-based unsubscribe handles; a work queue using
// absl::Mutex::Await and absl::Condition; absl::StatusOr error handling;
// absl::AnyInvocable / FunctionRef / bind_front callbacks; btree and
// node_hash containers; ABSL_FLAG command-line flags (their registry is a
// library-provided global); str_format/str_join/str_split, Cord, Time, and
// random distributions.

#include <absl/algorithm/container.h>
#include <absl/base/attributes.h>
#include <absl/base/call_once.h>
#include <absl/base/thread_annotations.h>
#include <absl/cleanup/cleanup.h>
#include <absl/container/btree_map.h>
#include <absl/container/btree_set.h>
#include <absl/container/fixed_array.h>
#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/container/inlined_vector.h>
#include <absl/container/node_hash_map.h>
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/flags/usage.h>
#include <absl/functional/any_invocable.h>
#include <absl/functional/bind_front.h>
#include <absl/functional/function_ref.h>
#include <absl/hash/hash.h>
#include <absl/memory/memory.h>
#include <absl/random/distributions.h>
#include <absl/random/random.h>
#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/strings/ascii.h>
#include <absl/strings/cord.h>
#include <absl/strings/escaping.h>
#include <absl/strings/match.h>
#include <absl/strings/numbers.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_replace.h>
#include <absl/strings/str_split.h>
#include <absl/strings/string_view.h>
#include <absl/strings/strip.h>
#include <absl/synchronization/barrier.h>
#include <absl/synchronization/blocking_counter.h>
#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>
#include <absl/time/clock.h>
#include <absl/time/time.h>
#include <absl/types/optional.h>
#include <absl/types/span.h>
#include <absl/types/variant.h>
#include <absl/utility/utility.h>

#include <cstdint>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

ABSL_FLAG(int, cache_size, 1024, "Maximum number of cached resolutions");
ABSL_FLAG(absl::Duration, ttl, absl::Seconds(30), "Cache entry lifetime");
ABSL_FLAG(std::vector<std::string>, hosts, {}, "Hosts to resolve at startup");
ABSL_FLAG(bool, verbose, false, "Log every lookup");

namespace net {

struct Address {
  uint32_t ipv4 = 0;
  std::string ToString() const {
    return absl::StrFormat("%d.%d.%d.%d", (ipv4 >> 24) & 0xff, (ipv4 >> 16) & 0xff,
                           (ipv4 >> 8) & 0xff, ipv4 & 0xff);
  }
  template <typename H> friend H AbslHashValue(H h, const Address &a) {
    return H::combine(std::move(h), a.ipv4);
  }
  friend bool operator==(const Address &a, const Address &b) { return a.ipv4 == b.ipv4; }
};

class ResolverCache {
public:
  using Backend = absl::AnyInvocable<absl::StatusOr<Address>(absl::string_view)>;

  ResolverCache(Backend backend, size_t capacity, absl::Duration ttl)
      : backend_(std::move(backend)), capacity_(capacity), ttl_(ttl) {}

  absl::StatusOr<Address> Resolve(absl::string_view host) ABSL_LOCKS_EXCLUDED(mu_) {
    const std::string key = absl::AsciiStrToLower(host);
    const absl::Time now = absl::Now();
    {
      absl::MutexLock lock(&mu_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.expires > now) {
        ++hits_;
        return it->second.addr;
      }
    }
    absl::StatusOr<Address> fresh = backend_(key);
    if (!fresh.ok())
      return fresh.status();
    absl::MutexLock lock(&mu_);
    if (entries_.size() >= capacity_)
      EvictExpiredLocked(now);
    if (entries_.size() >= capacity_)
      entries_.erase(entries_.begin());
    entries_.insert_or_assign(key, Entry{*fresh, now + ttl_});
    return *fresh;
  }

  size_t size() const ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    return entries_.size();
  }

private:
  struct Entry {
    Address addr;
    absl::Time expires;
  };

  void EvictExpiredLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::erase_if(entries_, [now](const auto &kv) { return kv.second.expires <= now; });
  }

  Backend backend_;
  const size_t capacity_;
  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  int64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
};

// Observers subscribe and receive a handle; destroying the handle removes
// the observer.
class ChangeFeed {
public:
  using Observer = absl::AnyInvocable<void(absl::string_view host, const Address &)>;

  class Subscription {
  public:
    Subscription() = default;
    Subscription(ChangeFeed *feed, uint64_t id) : feed_(feed), id_(id) {}
    Subscription(Subscription &&o) noexcept
        : feed_(absl::exchange(o.feed_, nullptr)), id_(o.id_) {}
    Subscription &operator=(Subscription &&o) noexcept {
      Reset();
      feed_ = absl::exchange(o.feed_, nullptr);
      id_ = o.id_;
      return *this;
    }
    ~Subscription() { Reset(); }

    void Reset() {
      if (feed_ != nullptr)
        feed_->Remove(id_);
      feed_ = nullptr;
    }

  private:
    ChangeFeed *feed_ = nullptr;
    uint64_t id_ = 0;
  };

  ABSL_MUST_USE_RESULT Subscription Subscribe(Observer o) {
    absl::MutexLock lock(&mu_);
    const uint64_t id = next_id_++;
    observers_.emplace(id, std::make_shared<Observer>(std::move(o)));
    return Subscription(this, id);
  }

  void Publish(absl::string_view host, const Address &addr) {
    std::vector<std::shared_ptr<Observer>> snapshot;
    {
      absl::MutexLock lock(&mu_);
      for (auto &kv : observers_)
        snapshot.push_back(kv.second);
    }
    for (auto &o : snapshot)
      (*o)(host, addr);
  }

private:
  void Remove(uint64_t id) {
    absl::MutexLock lock(&mu_);
    observers_.erase(id);
  }

  absl::Mutex mu_;
  absl::btree_map<uint64_t, std::shared_ptr<Observer>> observers_ ABSL_GUARDED_BY(mu_);
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
};

class WorkQueue {
public:
  void Push(absl::AnyInvocable<void() &&> task) {
    absl::MutexLock lock(&mu_);
    tasks_.push_back(std::move(task));
  }

  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // Returns false when the queue is closed and drained.
  bool RunOne() {
    absl::AnyInvocable<void() &&> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &WorkQueue::ReadyLocked));
      if (tasks_.empty())
        return false;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    std::move(task)();
    return true;
  }

private:
  bool ReadyLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || !tasks_.empty();
  }

  absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> tasks_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

absl::StatusOr<Address> FakeLookup(absl::BitGen &gen, absl::string_view host) {
  if (host.empty())
    return absl::InvalidArgumentError("empty host name");
  if (absl::EndsWith(host, ".invalid"))
    return absl::NotFoundError(absl::StrCat("no such host: ", host));
  return Address{absl::Uniform<uint32_t>(gen, 0x0a000000u, 0x0affffffu)};
}

int CountMatching(absl::Span<const std::string> hosts,
                  absl::FunctionRef<bool(absl::string_view)> pred) {
  return static_cast<int>(absl::c_count_if(hosts, [&](const std::string &h) { return pred(h); }));
}

} // namespace net

int main(int argc, char **argv) {
  absl::SetProgramUsageMessage("resolver cache demo");
  std::vector<char *> rest = absl::ParseCommandLine(argc, argv);

  absl::BitGen gen;
  net::ResolverCache cache(
      [&gen](absl::string_view host) { return net::FakeLookup(gen, host); },
      static_cast<size_t>(absl::GetFlag(FLAGS_cache_size)), absl::GetFlag(FLAGS_ttl));

  net::ChangeFeed feed;
  absl::node_hash_map<std::string, std::string> seen;
  absl::Mutex seen_mu;
  auto sub = feed.Subscribe([&](absl::string_view host, const net::Address &a) {
    absl::MutexLock lock(&seen_mu);
    seen[std::string(host)] = a.ToString();
  });

  std::vector<std::string> hosts = absl::GetFlag(FLAGS_hosts);
  if (hosts.empty())
    hosts = absl::StrSplit("example.com,EXAMPLE.com,bad.invalid,abseil.io", ',',
                           absl::SkipEmpty());

  net::WorkQueue queue;
  absl::BlockingCounter pending(static_cast<int>(hosts.size()));
  for (const auto &h : hosts)
    queue.Push([&, h] {
      absl::StatusOr<net::Address> a = cache.Resolve(h);
      if (a.ok())
        feed.Publish(h, *a);
      else if (absl::GetFlag(FLAGS_verbose))
        std::cerr << a.status() << "\n";
      pending.DecrementCount();
    });

  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i)
    workers.emplace_back([&queue] {
      while (queue.RunOne()) {
      }
    });
  pending.Wait();
  queue.Close();
  for (auto &t : workers)
    t.join();
  sub.Reset();

  absl::btree_set<std::string> sorted;
  for (const auto &kv : seen)
    sorted.insert(absl::StrCat(kv.first, "=", kv.second));
  std::cout << absl::StrJoin(sorted, "\n") << "\n";

  std::cout << net::CountMatching(hosts, [](absl::string_view h) {
    return absl::StrContains(h, "example");
  }) << " example hosts, cache size " << cache.size() << "\n";

  absl::Cord cord("header;");
  cord.Append(absl::StrFormat("%d hosts;", hosts.size()));
  cord.Append(absl::Base64Escape("payload"));
  absl::InlinedVector<int, 8> small = {1, 2, 3};
  absl::FixedArray<double> weights(small.size(), 1.0);
  absl::flat_hash_set<net::Address> unique_addrs;
  unique_addrs.insert(net::Address{1});

  absl::Notification done;
  std::thread notifier([&done] { done.Notify(); });
  done.WaitForNotificationWithTimeout(absl::Seconds(1));
  notifier.join();

  static absl::once_flag init_once;
  absl::call_once(init_once, [] { std::cout << "initialised once\n"; });

  auto cleanup = absl::MakeCleanup([] { std::cout << "bye\n"; });
  auto greet = absl::bind_front([](const std::string &who, int n) {
    return absl::StrCat(who, " x", n);
  }, std::string("hello"));
  std::cout << std::string(cord) << " " << greet(2) << " "
            << absl::FormatTime(absl::Now(), absl::UTCTimeZone()) << " "
            << rest.size() << weights.size() << unique_addrs.size() << "\n";
}
