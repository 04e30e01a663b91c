// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The Bidder that main() keeps for the whole run owns a FrequencyLedger whose base StatTable map gains a row for every distinct user that ever wins an impression; stale frequency windows are only reset on that user's next visit and never evicted, so the map grows with the user population seen.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rtb {

struct BidRequest {
  std::string id;
  uint64_t userId;
  std::string domain;
  int width;
  int height;
  double floorCpm;
  int64_t tsMs;
};

struct BidResponse {
  std::string requestId;
  uint32_t campaignId = 0;
  double priceCpm = 0.0;
  bool noBid = true;
};

struct Campaign {
  uint32_t id;
  double maxCpm;
  int freqCap;
  int width;
  int height;
  std::vector<std::string> allowDomains;
  double budget;
  double spent = 0.0;

  bool targets(const BidRequest& r) const {
    if (r.width != width || r.height != height) return false;
    if (spent >= budget) return false;
    return allowDomains.empty() || std::find(allowDomains.begin(), allowDomains.end(), r.domain) != allowDomains.end();
  }
};

template <class Key, class Row>
class StatTable {
 public:
  Row& upsert(const Key& key) { return rows_.try_emplace(key).first->second; }  // LEAK-HERE

  const Row* find(const Key& key) const {
    auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : &it->second;
  }

  size_t size() const { return rows_.size(); }

  template <class Fn>
  void forEach(Fn&& fn) const {
    for (const auto& [k, row] : rows_) fn(k, row);
  }

 protected:
  std::unordered_map<Key, Row> rows_;  // LEAK-HERE
};

struct CampaignStats {
  uint64_t bids = 0;
  uint64_t wins = 0;
  double spend = 0.0;
};

struct UserFrequency {
  int64_t windowStartMs = 0;
  int impressions = 0;
  std::vector<uint32_t> recentCampaigns;
};

class CampaignStatsTable : public StatTable<uint32_t, CampaignStats> {
 public:
  void noteBid(uint32_t campaign) { ++upsert(campaign).bids; }
  void noteWin(uint32_t campaign, double cpm) {
    CampaignStats& s = upsert(campaign);
    ++s.wins;
    s.spend += cpm / 1000.0;
  }
};

class FrequencyLedger : public StatTable<uint64_t, UserFrequency> {
 public:
  static constexpr int64_t kWindowMs = 15 * 60 * 1000;

  bool underCap(uint64_t user, int cap, int64_t now) const {
    const UserFrequency* f = find(user);
    if (f == nullptr || now - f->windowStartMs >= kWindowMs) return true;
    return f->impressions < cap;
  }

  void recordImpression(uint64_t user, uint32_t campaign, int64_t now) {
    UserFrequency& f = upsert(user);  // LEAK-HERE
    if (now - f.windowStartMs >= kWindowMs) {
      f.windowStartMs = now;
      f.impressions = 0;
      f.recentCampaigns.clear();
    }
    ++f.impressions;
    f.recentCampaigns.push_back(campaign);
  }
};

class Bidder {
 public:
  explicit Bidder(std::vector<Campaign> campaigns) : campaigns_(std::move(campaigns)) {}

  BidResponse onBidRequest(const BidRequest& req) {
    BidResponse best;
    best.requestId = req.id;
    for (const Campaign& c : campaigns_) {
      if (!c.targets(req) || !frequency_.underCap(req.userId, c.freqCap, req.tsMs)) continue;
      double price = shade(c, req);
      if (price < req.floorCpm) continue;
      if (best.noBid || price > best.priceCpm) best = BidResponse{req.id, c.id, price, false};
    }
    if (!best.noBid) {
      stats_.noteBid(best.campaignId);
      pending_[req.id] = {req.userId, best.campaignId};
    }
    return best;
  }

  void onAuctionResult(const std::string& requestId, bool won, double clearingCpm, int64_t now) {
    auto it = pending_.find(requestId);
    if (it == pending_.end()) return;
    auto [user, campaignId] = it->second;
    pending_.erase(it);
    if (!won) return;
    stats_.noteWin(campaignId, clearingCpm);
    frequency_.recordImpression(user, campaignId, now);
    for (Campaign& c : campaigns_)
      if (c.id == campaignId) c.spent += clearingCpm / 1000.0;
  }

  const FrequencyLedger& frequency() const { return frequency_; }
  const CampaignStatsTable& stats() const { return stats_; }
  size_t pending() const { return pending_.size(); }

 private:
  static double shade(const Campaign& c, const BidRequest& req) {
    double bid = std::max(req.floorCpm * 1.15, c.maxCpm * 0.6);
    return std::min(bid, c.maxCpm);
  }

  std::vector<Campaign> campaigns_;
  CampaignStatsTable stats_;
  FrequencyLedger frequency_;
  std::unordered_map<std::string, std::pair<uint64_t, uint32_t>> pending_;
};

std::vector<Campaign> makeCampaigns() {
  std::vector<Campaign> out;
  const int sizes[][2] = {{300, 250}, {728, 90}, {320, 50}};
  for (uint32_t i = 0; i < 24; ++i) {
    Campaign c{1000 + i, 1.5 + (i % 7) * 0.75, 3 + static_cast<int>(i % 4), sizes[i % 3][0], sizes[i % 3][1], {},
               5000.0};
    if (i % 4 == 0) c.allowDomains = {"news.example", "sports.example"};
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rtb

int main(int argc, char** argv) {
  long requests = argc > 1 ? std::atol(argv[1]) : 40000;
  const char* domains[] = {"news.example", "sports.example", "recipes.example", "weather.example"};
  const int sizes[][2] = {{300, 250}, {728, 90}, {320, 50}};
  rtb::Bidder bidder(rtb::makeCampaigns());
  size_t wins = 0;
  for (long i = 0; i < requests; ++i) {
    uint64_t mixed = static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull;
    uint64_t user = (i % 5 == 0) ? static_cast<uint64_t>(i % 300) : (mixed >> 20) % 50000000ull;
    int64_t now = static_cast<int64_t>(i) * 250;
    rtb::BidRequest req{"br-" + std::to_string(i), user, domains[i % 4], sizes[(i / 4) % 3][0], sizes[(i / 4) % 3][1],
                        0.5 + static_cast<double>(mixed % 300) / 100.0, now};
    rtb::BidResponse resp = bidder.onBidRequest(req);
    if (resp.noBid) continue;
    double clearing = req.floorCpm + static_cast<double>((mixed >> 8) % 250) / 100.0;
    bool won = resp.priceCpm >= clearing;
    wins += won ? 1 : 0;
    bidder.onAuctionResult(req.id, won, std::min(clearing, resp.priceCpm), now);
  }
  std::printf("requests=%ld wins=%zu campaigns tracked=%zu pending=%zu user frequency rows=%zu\n", requests, wins,
              bidder.stats().size(), bidder.pending(), bidder.frequency().size());
  return 0;
}
