// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: A Torrent owns its PeerConnections (peers_ vector of shared_ptr) and each PeerConnection keeps an owning shared_ptr<Torrent> inside its by-value PeerContext, so when the Session erases a finished torrent the torrent, its picker and all of its peers keep each other alive.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bt {

class Torrent;
class PeerConnection;

class Bitfield {
 public:
  explicit Bitfield(size_t n = 0) : bits_(n, false) {}
  void set(size_t i) { bits_.at(i) = true; }
  bool has(size_t i) const { return i < bits_.size() && bits_[i]; }
  size_t size() const { return bits_.size(); }
  size_t count() const { return static_cast<size_t>(std::count(bits_.begin(), bits_.end(), true)); }
  bool complete() const { return count() == bits_.size(); }

 private:
  std::vector<bool> bits_;
};

struct PeerContext {
  std::shared_ptr<Torrent> torrent;  // LEAK-HERE
  std::string client_name;
  uint32_t max_outstanding = 4;
};

struct PieceInProgress {
  uint32_t blocks_needed = 0;
  uint32_t blocks_received = 0;
  std::vector<std::shared_ptr<PeerConnection>> contributors;  // for banning on hash failure
};

// Rarest-first picker over the pieces we still need.
class PiecePicker {
 public:
  PiecePicker(uint32_t pieces, uint32_t blocks_per_piece) : availability_(pieces, 0), blocks_per_piece_(blocks_per_piece) {}

  void peerHas(const Bitfield& bf) {
    for (size_t i = 0; i < availability_.size(); ++i)
      if (bf.has(i)) ++availability_[i];
  }

  int pick(const Bitfield& peer_has, const Bitfield& we_have) const {
    int best = -1;
    for (size_t i = 0; i < availability_.size(); ++i) {
      if (!peer_has.has(i) || we_have.has(i)) continue;
      if (best < 0 || availability_[i] < availability_[static_cast<size_t>(best)]) best = static_cast<int>(i);
    }
    return best;
  }

  PieceInProgress& begin(uint32_t piece) {
    auto& p = downloading_[piece];
    p.blocks_needed = blocks_per_piece_;
    return p;
  }
  PieceInProgress* inProgress(uint32_t piece) {
    auto it = downloading_.find(piece);
    return it == downloading_.end() ? nullptr : &it->second;
  }
  void finish(uint32_t piece) { downloading_.erase(piece); }

 private:
  std::vector<uint32_t> availability_;
  uint32_t blocks_per_piece_;
  std::map<uint32_t, PieceInProgress> downloading_;
};

class PeerConnection : public std::enable_shared_from_this<PeerConnection> {
 public:
  PeerConnection(std::string endpoint, PeerContext ctx, Bitfield remote)
      : endpoint_(std::move(endpoint)), ctx_(std::move(ctx)), remote_has_(std::move(remote)) {}

  const std::string& endpoint() const { return endpoint_; }
  const Bitfield& remoteHas() const { return remote_has_; }
  bool choked() const { return choked_; }
  void unchoke() { choked_ = false; }
  void strike() {
    if (++strikes_ >= 4) banned_ = true;  // repeated hash failures: disconnect
  }
  bool banned() const { return banned_; }

  // Simulated wire: the remote answers each outstanding request with one 16 KiB block.
  void pump();

 private:
  std::string endpoint_;
  PeerContext ctx_;
  Bitfield remote_has_;
  bool choked_ = true;
  bool banned_ = false;
  int strikes_ = 0;
  std::vector<uint8_t> recv_buffer_ = std::vector<uint8_t>(16 * 1024);
};

class Torrent : public std::enable_shared_from_this<Torrent> {
 public:
  Torrent(std::string info_hash, uint32_t pieces)
      : info_hash_(std::move(info_hash)), have_(pieces), picker_(std::make_unique<PiecePicker>(pieces, 4)) {}

  const std::string& infoHash() const { return info_hash_; }
  bool finished() const { return have_.complete(); }

  void addPeer(const std::string& endpoint, Bitfield remote) {
    auto peer = std::make_shared<PeerConnection>(endpoint, makeContext(), std::move(remote));
    picker_->peerHas(peer->remoteHas());
    peers_.push_back(std::move(peer));
  }

  void tick() {
    size_t unchoked = 0;
    for (auto& p : peers_) {
      if (p->banned()) continue;
      if (p->choked() && unchoked < 4) p->unchoke();  // optimistic unchoke replaces banned peers
      if (p->choked()) continue;
      ++unchoked;
      p->pump();
    }
  }

  int nextRequest(const PeerConnection& peer) const { return picker_->pick(peer.remoteHas(), have_); }

  void onBlock(const std::shared_ptr<PeerConnection>& from, uint32_t piece) {
    PieceInProgress* pp = picker_->inProgress(piece);
    if (!pp) pp = &picker_->begin(piece);
    pp->contributors.push_back(from);
    if (++pp->blocks_received < pp->blocks_needed) return;
    if (verifyHash(piece)) {
      have_.set(piece);
    } else {
      for (auto& c : pp->contributors) c->strike();
    }
    picker_->finish(piece);
  }

 private:
  PeerContext makeContext() {
    PeerContext ctx;
    ctx.client_name = "-LT2010-";
    ctx.max_outstanding = 8;
    ctx.torrent = shared_from_this();  // LEAK-HERE
    return ctx;
  }
  // Simulated SHA-1 check: a few pieces arrive corrupted the first time and are re-downloaded.
  bool verifyHash(uint32_t piece) {
    bool corrupt = (piece * 2654435761u + info_hash_.size()) % 11 == 0;
    if (!corrupt || std::find(hash_failed_.begin(), hash_failed_.end(), piece) != hash_failed_.end()) return true;
    hash_failed_.push_back(piece);
    return false;
  }

  std::string info_hash_;
  Bitfield have_;
  std::vector<uint32_t> hash_failed_;
  std::unique_ptr<PiecePicker> picker_;
  std::vector<std::shared_ptr<PeerConnection>> peers_;
};

void PeerConnection::pump() {
  Torrent* t = ctx_.torrent.get();
  if (!t) return;
  int piece = t->nextRequest(*this);
  if (piece < 0) return;
  recv_buffer_[0] = static_cast<uint8_t>(piece);
  t->onBlock(shared_from_this(), static_cast<uint32_t>(piece));
}

class Session {
 public:
  void addMagnet(const std::string& info_hash, uint32_t pieces) {
    auto t = std::make_shared<Torrent>(info_hash, pieces);
    for (int i = 0; i < 6; ++i) {
      Bitfield bf(pieces);
      for (uint32_t p = 0; p < pieces; ++p)
        if ((p + static_cast<uint32_t>(i)) % 3 != 0) bf.set(p);
      t->addPeer("10.0.0." + std::to_string(10 + i) + ":6881", std::move(bf));
    }
    torrents_.emplace(info_hash, std::move(t));
  }

  // One scheduler round; finished torrents are removed from the session ("remove on completion").
  size_t tick() {
    size_t completed = 0;
    for (auto it = torrents_.begin(); it != torrents_.end();) {
      it->second->tick();
      if (it->second->finished()) {
        ++completed;
        it = torrents_.erase(it);
      } else {
        ++it;
      }
    }
    return completed;
  }
  size_t active() const { return torrents_.size(); }

 private:
  std::map<std::string, std::shared_ptr<Torrent>> torrents_;
};

}  // namespace bt

int main() {
  bt::Session session;
  size_t completed = 0;
  for (int round = 0; round < 2000; ++round) {
    if (round % 10 == 0) session.addMagnet("hash-" + std::to_string(round), 24);
    completed += session.tick();
  }
  std::printf("completed=%zu still active=%zu\n", completed, session.active());
  return 0;
}
