// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each subscriber Participant owns its DownTracks (by value in a map), each DownTrack owns a shared Forwarder, and the Forwarder keeps an owning shared_ptr back to the subscriber as its sink, so when a Room closes and drops its participants every subscriber survives together with its forwarders.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sfu {

struct RtpPacket {
  uint32_t ssrc = 0;
  uint16_t seq = 0;
  uint32_t timestamp = 0;
  bool keyframe = false;
  std::vector<uint8_t> payload;
};

enum class TrackKind { Audio, Video };

class Participant;

// Rewrites sequence numbers/SSRC for one (publisher track -> subscriber) leg.
class Forwarder {
 public:
  Forwarder(std::string track_id, uint32_t out_ssrc) : track_id_(std::move(track_id)), out_ssrc_(out_ssrc) {}

  void attachSink(std::shared_ptr<Participant> sink) { sink_ = std::move(sink); }  // LEAK-HERE
  const std::string& trackId() const { return track_id_; }
  void setPaused(bool p) { paused_ = p; }

  void forward(const RtpPacket& in);

  uint64_t forwardedBytes() const { return bytes_; }

 private:
  std::string track_id_;
  uint32_t out_ssrc_;
  uint16_t last_seq_ = 0;
  bool started_ = false;
  bool paused_ = false;
  uint64_t bytes_ = 0;
  std::shared_ptr<Participant> sink_;  // LEAK-HERE
};

struct DownTrack {
  std::shared_ptr<Forwarder> forwarder;
  uint32_t packets_sent = 0;
  uint32_t nacks = 0;
};

class UpTrack {
 public:
  UpTrack(std::string id, TrackKind kind, uint32_t ssrc) : id_(std::move(id)), kind_(kind), ssrc_(ssrc) {}
  const std::string& id() const { return id_; }
  TrackKind kind() const { return kind_; }
  void addForwarder(std::shared_ptr<Forwarder> f) { fanout_.push_back(std::move(f)); }

  void onRtp(const RtpPacket& pkt) {
    RtpPacket tagged = pkt;
    tagged.ssrc = ssrc_;
    for (auto& f : fanout_) f->forward(tagged);
  }

 private:
  std::string id_;
  TrackKind kind_;
  uint32_t ssrc_;
  std::vector<std::shared_ptr<Forwarder>> fanout_;
};

class Participant : public std::enable_shared_from_this<Participant> {
 public:
  explicit Participant(std::string identity) : identity_(std::move(identity)) {}

  const std::string& identity() const { return identity_; }

  UpTrack& publish(TrackKind kind) {
    std::string id = identity_ + (kind == TrackKind::Audio ? "/mic" : "/cam");
    published_.push_back(std::make_unique<UpTrack>(id, kind, next_ssrc_++));
    return *published_.back();
  }
  const std::vector<std::unique_ptr<UpTrack>>& published() const { return published_; }

  DownTrack& downTrackFor(const std::string& track_id) { return downtracks_[track_id]; }

  void deliver(const std::string& track_id, const RtpPacket& pkt) {
    auto it = downtracks_.find(track_id);
    if (it == downtracks_.end()) return;
    ++it->second.packets_sent;
    rx_bytes_ += pkt.payload.size();
  }

  uint64_t rxBytes() const { return rx_bytes_; }

 private:
  std::string identity_;
  uint32_t next_ssrc_ = 0x1000;
  uint64_t rx_bytes_ = 0;
  std::vector<std::unique_ptr<UpTrack>> published_;
  std::map<std::string, DownTrack> downtracks_;
};

void Forwarder::forward(const RtpPacket& in) {
  if (paused_ || !sink_) return;
  if (!started_ && !in.keyframe) return;  // wait for a keyframe before starting the leg
  started_ = true;
  RtpPacket out = in;
  out.ssrc = out_ssrc_;
  out.seq = ++last_seq_;
  bytes_ += out.payload.size();
  sink_->deliver(track_id_, out);
}

class Room {
 public:
  explicit Room(std::string name) : name_(std::move(name)) {}

  std::shared_ptr<Participant> join(const std::string& identity) {
    auto p = std::make_shared<Participant>(identity);
    p->publish(TrackKind::Audio);
    p->publish(TrackKind::Video);
    for (auto& [other_id, other] : participants_) {
      subscribeAll(p, *other);
      subscribeAll(other, *p);
    }
    participants_.emplace(identity, p);
    return p;
  }

  void route(const std::string& identity, const RtpPacket& pkt) {
    auto it = participants_.find(identity);
    if (it == participants_.end()) return;
    for (auto& track : it->second->published()) {
      if (track->kind() == TrackKind::Audio && pkt.payload.size() > 200) continue;  // audio frames are small
      track->onRtp(pkt);
    }
  }

  uint64_t totalRx() const {
    uint64_t sum = 0;
    for (auto& [id, p] : participants_) sum += p->rxBytes();
    return sum;
  }

  void close() { participants_.clear(); }
  size_t size() const { return participants_.size(); }

 private:
  void subscribeAll(const std::shared_ptr<Participant>& subscriber, Participant& publisher) {
    for (auto& track : publisher.published()) {
      auto fwd = std::make_shared<Forwarder>(track->id(), next_out_ssrc_++);
      fwd->attachSink(subscriber);
      subscriber->downTrackFor(track->id()).forwarder = fwd;
      track->addForwarder(std::move(fwd));
    }
  }

  std::string name_;
  uint32_t next_out_ssrc_ = 0x8000;
  std::unordered_map<std::string, std::shared_ptr<Participant>> participants_;
};

}  // namespace sfu

int main() {
  using namespace sfu;
  uint64_t total_rx = 0;
  for (int meeting = 0; meeting < 300; ++meeting) {
    auto room = std::make_unique<Room>("standup-" + std::to_string(meeting));
    std::vector<std::string> people;
    for (int i = 0; i < 4; ++i) {
      people.push_back("user" + std::to_string(i));
      room->join(people.back());
    }
    for (uint16_t tick = 0; tick < 50; ++tick) {
      for (const auto& who : people) {
        RtpPacket pkt;
        pkt.seq = tick;
        pkt.timestamp = tick * 3000u;
        pkt.keyframe = (tick % 10 == 0);
        pkt.payload.assign(pkt.keyframe ? 1200 : 160, 0xAB);
        room->route(who, pkt);
      }
    }
    total_rx += room->totalRx();
    room->close();
  }
  std::printf("meetings done, rx=%llu\n", static_cast<unsigned long long>(total_rx));
  return 0;
}
