// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The static codec table is filled exactly once under std::call_once at startup, and the thread_local encoder stack is pushed and popped by an RAII guard on every path, so neither static grows per request.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace media {

class Encoder {
public:
    virtual ~Encoder() = default;
    virtual std::vector<std::uint8_t> encode(const std::vector<std::uint8_t>& frame) = 0;
    virtual const char* name() const = 0;
};

using EncoderFactory = std::function<std::unique_ptr<Encoder>()>;

class PassthroughEncoder : public Encoder {
public:
    std::vector<std::uint8_t> encode(const std::vector<std::uint8_t>& f) override { return f; }
    const char* name() const override { return "raw"; }
};

class RleEncoder : public Encoder {
public:
    std::vector<std::uint8_t> encode(const std::vector<std::uint8_t>& f) override;
    const char* name() const override { return "rle"; }
};

std::vector<std::uint8_t> RleEncoder::encode(const std::vector<std::uint8_t>& f) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < f.size();) {
        std::size_t j = i;
        while (j < f.size() && f[j] == f[i] && j - i < 255) ++j;
        out.push_back(static_cast<std::uint8_t>(j - i));
        out.push_back(f[i]);
        i = j;
    }
    return out;
}

namespace {
std::once_flag g_codecsOnce;
std::unordered_map<std::string, EncoderFactory> g_codecs;
thread_local std::vector<const Encoder*> t_encoderStack;

void registerBuiltins() {
    g_codecs.emplace("raw", [] { return std::make_unique<PassthroughEncoder>(); });
    g_codecs.emplace("rle", [] { return std::make_unique<RleEncoder>(); });
}
}  // namespace

const std::unordered_map<std::string, EncoderFactory>& codecs() {
    std::call_once(g_codecsOnce, registerBuiltins);
    return g_codecs;
}

class EncoderScope {
public:
    explicit EncoderScope(const Encoder* e) { t_encoderStack.push_back(e); }
    ~EncoderScope() { t_encoderStack.pop_back(); }
    EncoderScope(const EncoderScope&) = delete;
    EncoderScope& operator=(const EncoderScope&) = delete;
};

const Encoder* currentEncoder() {
    return t_encoderStack.empty() ? nullptr : t_encoderStack.back();
}

std::vector<std::uint8_t> transcode(const std::string& codec, const std::vector<std::uint8_t>& frame) {
    const auto& table = codecs();
    auto it = table.find(codec);
    if (it == table.end()) throw std::invalid_argument("unknown codec " + codec);
    auto enc = it->second();
    EncoderScope scope(enc.get());
    if (frame.empty()) return {};
    return enc->encode(frame);
}

}  // namespace media
