// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: SensorChannel::open() inserts shared_from_this() into a function-static dispatch table keyed by a per-link channel id that is never reused, and close() only clears the active flag without erasing the entry, so every channel ever opened stays resident.
#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <unordered_map>

namespace telemetry {

class SensorChannel;

using ChannelTable = std::unordered_map<std::uint32_t, std::shared_ptr<SensorChannel>>;

static ChannelTable& channelTable() {
    static ChannelTable table;  // LEAK-HERE
    return table;
}

struct Sample {
    std::uint32_t tsMs;
    std::int16_t value;
};

class SensorChannel : public std::enable_shared_from_this<SensorChannel> {
public:
    SensorChannel(std::uint32_t id, std::uint8_t busAddr) : id_(id), busAddr_(busAddr) {}

    void open() {
        active_ = true;
        channelTable()[id_] = shared_from_this();  // LEAK-HERE
    }

    void close() { active_ = false; }

    void onFrame(const Sample& s) {
        if (!active_) return;
        ring_[head_ % ring_.size()] = s;
        ++head_;
    }

    std::uint32_t id() const { return id_; }
    std::uint32_t frames() const { return head_; }
    std::uint8_t busAddr() const { return busAddr_; }

private:
    std::uint32_t id_;
    std::uint8_t busAddr_;
    bool active_ = false;
    std::uint32_t head_ = 0;
    std::array<Sample, 256> ring_{};
};

// called from the bus RX path with the channel id from the frame header
inline void dispatchFrame(std::uint32_t channelId, const Sample& s) {
    auto& table = channelTable();
    auto it = table.find(channelId);
    if (it != table.end()) it->second->onFrame(s);
}

class LinkManager {
public:
    // every (re)connect of a sensor gets a fresh channel id
    std::shared_ptr<SensorChannel> attach(std::uint8_t busAddr) {
        auto ch = std::make_shared<SensorChannel>(nextId_++, busAddr);
        ch->open();
        return ch;
    }
    void detach(const std::shared_ptr<SensorChannel>& ch) { ch->close(); }

private:
    std::uint32_t nextId_ = 1;
};

}  // namespace telemetry

int main() {
    telemetry::LinkManager links;
    std::uint64_t frames = 0;
    for (std::uint32_t reconnect = 0; reconnect < 30000; ++reconnect) {
        auto ch = links.attach(static_cast<std::uint8_t>(0x40 + reconnect % 8));
        for (std::uint32_t t = 0; t < 16; ++t)
            telemetry::dispatchFrame(ch->id(), {reconnect * 16 + t, static_cast<std::int16_t>(t * 3)});
        frames += ch->frames();
        links.detach(ch);  // link dropped; sensor will reconnect with a new id
    }
    std::printf("frames=%llu\n", static_cast<unsigned long long>(frames));
    return 0;
}
