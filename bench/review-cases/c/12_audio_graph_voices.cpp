// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: connect() makes the upstream node own the downstream one through outputs_ and the downstream node own the upstream one through inputs_, and releaseVoice() only drops the graph's references, never the edges.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace audio {

constexpr std::size_t kBlock = 128;
using Buffer = std::vector<float>;

class Node {
public:
    explicit Node(std::string name) : name_(std::move(name)), out_(kBlock, 0.0f) {}
    virtual ~Node() = default;

    static void connect(const std::shared_ptr<Node>& from, const std::shared_ptr<Node>& to);
    virtual void process() = 0;
    const Buffer& output() const { return out_; }
    const std::string& name() const { return name_; }

protected:
    std::string name_;
    Buffer out_;
    std::vector<std::shared_ptr<Node>> inputs_; // LEAK-HERE
    std::vector<std::shared_ptr<Node>> outputs_; // LEAK-HERE
};

using NodePtr = std::shared_ptr<Node>;

void Node::connect(const NodePtr& from, const NodePtr& to) {
    from->outputs_.push_back(to); // LEAK-HERE
    to->inputs_.push_back(from); // LEAK-HERE
}

class Oscillator : public Node {
public:
    Oscillator(float hz, float sr) : Node("osc"), step_(2.0f * 3.14159265f * hz / sr) {}
    void process() override {
        for (auto& s : out_) { s = std::sin(phase_); phase_ += step_; }
    }

private:
    float step_;
    float phase_ = 0.0f;
};

class Gain : public Node {
public:
    explicit Gain(float g) : Node("gain"), gain_(g) {}
    void process() override {
        std::fill(out_.begin(), out_.end(), 0.0f);
        for (auto& in : inputs_)
            for (std::size_t i = 0; i < kBlock; ++i) out_[i] += in->output()[i] * gain_;
    }

private:
    float gain_;
};

class Graph {
public:
    std::uint32_t noteOn(int midiNote);
    void releaseVoice(std::uint32_t voiceId) { voices_.erase(voiceId); }
    void renderBlock();
    std::size_t activeVoices() const { return voices_.size(); }

private:
    struct Voice { NodePtr osc; NodePtr amp; };
    std::uint32_t nextVoice_ = 1;
    std::unordered_map<std::uint32_t, Voice> voices_;
};

std::uint32_t Graph::noteOn(int midiNote) {
    float hz = 440.0f * std::pow(2.0f, (midiNote - 69) / 12.0f);
    Voice v{std::make_shared<Oscillator>(hz, 48000.0f), std::make_shared<Gain>(0.2f)};
    Node::connect(v.osc, v.amp);
    std::uint32_t id = nextVoice_++;
    voices_.emplace(id, std::move(v));
    return id;
}

void Graph::renderBlock() {
    for (auto& kv : voices_) {
        kv.second.osc->process();
        kv.second.amp->process();
    }
}

} // namespace audio

int main() {
    audio::Graph graph;
    bool running = true;
    std::uint64_t blocks = 0;
    std::vector<std::uint32_t> held;
    while (running) {
        held.push_back(graph.noteOn(48 + static_cast<int>(blocks % 24)));
        graph.renderBlock();
        if (held.size() > 6) {
            graph.releaseVoice(held.front());
            held.erase(held.begin());
        }
        if (++blocks % 100000 == 0) std::cout << "voices=" << graph.activeVoices() << '\n';
        if (blocks == 2000000) running = false;
    }
}
