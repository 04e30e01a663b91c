// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The process-wide SkillRouter (static instance_) inherits ContextStore::contexts_, which gets a DialogContext with the full turn transcript for every session id routed; closeContext() only flags the context as closed and abandoned sessions are never swept, so the map grows with every conversation.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace voice {

struct Utterance {
  std::string sessionId;
  std::string deviceId;
  std::string text;
  int64_t tsMs;
  bool endOfConversation;
};

struct IntentMatch {
  std::string intent;
  double confidence;
  std::map<std::string, std::string> slots;
};

struct DialogContext {
  std::string sessionId;
  std::string deviceId;
  std::vector<std::string> turns;
  std::string lastIntent;
  std::map<std::string, std::string> slots;
  int64_t lastActiveMs = 0;
  bool closed = false;
};

std::string wordAfter(const std::string& text, const std::string& marker) {
  size_t pos = text.find(marker);
  if (pos == std::string::npos) return {};
  pos += marker.size();
  size_t end = text.find(' ', pos);
  return text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

class ContextStore {
 public:
  size_t contextCount() const { return contexts_.size(); }

 protected:
  DialogContext& contextFor(const Utterance& u) {
    auto [it, fresh] = contexts_.try_emplace(u.sessionId);  // LEAK-HERE
    if (fresh) {
      it->second.sessionId = u.sessionId;
      it->second.deviceId = u.deviceId;
    }
    it->second.lastActiveMs = u.tsMs;
    return it->second;
  }

  void closeContext(DialogContext& ctx) {
    ctx.closed = true;
    ctx.turns.push_back("<end of conversation>");
  }

  std::unordered_map<std::string, DialogContext> contexts_;  // LEAK-HERE
};

class Skill {
 public:
  virtual ~Skill() = default;
  virtual const char* name() const = 0;
  virtual std::optional<IntentMatch> match(const std::string& text, const DialogContext& ctx) const = 0;
  virtual std::string fulfil(const IntentMatch& m, DialogContext& ctx) = 0;
};

class WeatherSkill : public Skill {
 public:
  const char* name() const override { return "weather"; }
  std::optional<IntentMatch> match(const std::string& text, const DialogContext& ctx) const override {
    bool followUp = ctx.lastIntent == "weather.forecast" && text.find("tomorrow") != std::string::npos;
    if (text.find("weather") == std::string::npos && !followUp) return std::nullopt;
    IntentMatch m{"weather.forecast", followUp ? 0.8 : 0.9, {}};
    std::string city = wordAfter(text, "in ");
    if (!city.empty()) m.slots["city"] = city;
    return m;
  }
  std::string fulfil(const IntentMatch& m, DialogContext& ctx) override {
    auto it = m.slots.find("city");
    if (it != m.slots.end()) ctx.slots["city"] = it->second;
    std::string city = ctx.slots.count("city") ? ctx.slots["city"] : "your area";
    return "It will be mild in " + city + ".";
  }
};

class TimerSkill : public Skill {
 public:
  const char* name() const override { return "timer"; }
  std::optional<IntentMatch> match(const std::string& text, const DialogContext&) const override {
    if (text.find("timer") == std::string::npos) return std::nullopt;
    return IntentMatch{"timer.set", 0.95, {{"minutes", wordAfter(text, "for ")}}};
  }
  std::string fulfil(const IntentMatch& m, DialogContext&) override {
    ++activeTimers_;
    return "Timer set for " + m.slots.at("minutes") + " minutes.";
  }

 private:
  size_t activeTimers_ = 0;
};

class MusicSkill : public Skill {
 public:
  const char* name() const override { return "music"; }
  std::optional<IntentMatch> match(const std::string& text, const DialogContext&) const override {
    if (text.rfind("play ", 0) != 0) return std::nullopt;
    return IntentMatch{"music.play", 0.85, {{"query", text.substr(5)}}};
  }
  std::string fulfil(const IntentMatch& m, DialogContext& ctx) override {
    ctx.slots["nowPlaying"] = m.slots.at("query");
    return "Playing " + m.slots.at("query") + ".";
  }
};

struct IntentLogEntry {
  std::string sessionId;
  std::string intent;
  double confidence;
  int64_t tsMs;
};

// Batched analytics export: the buffer is shipped and cleared every kBatch entries.
class IntentLog {
 public:
  static constexpr size_t kBatch = 256;
  void append(IntentLogEntry e) {
    buffer_.push_back(std::move(e));
    if (buffer_.size() >= kBatch) flush();
  }
  void flush() {
    for (const IntentLogEntry& e : buffer_) ++countsByIntent_[e.intent];
    shipped_ += buffer_.size();
    buffer_.clear();
  }
  size_t buffered() const { return buffer_.size(); }
  size_t shipped() const { return shipped_; }

 private:
  std::vector<IntentLogEntry> buffer_;
  std::map<std::string, size_t> countsByIntent_;
  size_t shipped_ = 0;
};

class SkillRouter : public ContextStore {
 public:
  static SkillRouter& shared() {
    if (!instance_) instance_.reset(new SkillRouter());
    return *instance_;
  }

  std::string route(const Utterance& u) {
    DialogContext& ctx = contextFor(u);
    ctx.turns.push_back(u.text);
    Skill* chosen = nullptr;
    IntentMatch best{"fallback.unknown", 0.0, {}};
    for (auto& skill : skills_) {
      std::optional<IntentMatch> m = skill->match(u.text, ctx);
      if (m && m->confidence > best.confidence) {
        best = std::move(*m);
        chosen = skill.get();
      }
    }
    std::string reply = chosen ? chosen->fulfil(best, ctx) : "Sorry, I didn't catch that.";
    ctx.lastIntent = best.intent;
    ctx.turns.push_back(reply);
    log_.append({u.sessionId, best.intent, best.confidence, u.tsMs});
    if (u.endOfConversation) closeContext(ctx);
    return reply;
  }

  const IntentLog& intentLog() const { return log_; }

 private:
  SkillRouter() {
    skills_.push_back(std::make_unique<WeatherSkill>());
    skills_.push_back(std::make_unique<TimerSkill>());
    skills_.push_back(std::make_unique<MusicSkill>());
  }

  std::vector<std::unique_ptr<Skill>> skills_;
  IntentLog log_;
  static inline std::unique_ptr<SkillRouter> instance_;
};

}  // namespace voice

int main(int argc, char** argv) {
  long conversations = argc > 1 ? std::atol(argv[1]) : 10000;
  const char* openers[] = {"what is the weather in lisbon", "set a timer for 10 minutes", "play jazz for work",
                           "what is the weather in oslo", "tell me a joke"};
  int64_t now = 0;
  size_t replyBytes = 0;
  for (long c = 0; c < conversations; ++c) {
    std::string session = "amzn1.session." + std::to_string(c * 2654435761ull % 1000000007ull);
    std::string device = "echo-" + std::to_string(c % 700);
    int turns = 1 + static_cast<int>(c % 3);
    bool abandoned = c % 7 == 3;  // user walked away; no end-of-conversation signal
    for (int t = 0; t < turns; ++t) {
      std::string text = t == 0 ? openers[c % 5] : (t == 1 ? "and tomorrow" : "thanks");
      bool last = t == turns - 1 && !abandoned;
      now += 400;
      replyBytes += voice::SkillRouter::shared().route({session, device, text, now, last}).size();
    }
  }
  const voice::SkillRouter& router = voice::SkillRouter::shared();
  std::printf("conversations=%ld reply bytes=%zu intents shipped=%zu buffered=%zu dialog contexts=%zu\n",
              conversations, replyBytes, router.intentLog().shipped(), router.intentLog().buffered(),
              router.contextCount());
  return 0;
}
