// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global codec table is filled exactly once under std::call_once and the per-request counters are keyed by a small StatusClass enum, so neither container grows with traffic.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace media {

enum class StatusClass { Informational, Success, Redirect, ClientError, ServerError };

StatusClass classify(int status) {
    if (status < 200) return StatusClass::Informational;
    if (status < 300) return StatusClass::Success;
    if (status < 400) return StatusClass::Redirect;
    if (status < 500) return StatusClass::ClientError;
    return StatusClass::ServerError;
}

struct Codec {
    std::string mime;
    std::function<std::string(const std::string&)> encode;
};

std::map<std::string, Codec> g_codecs;
std::once_flag g_codecsOnce;

void registerBuiltinCodecs() {
    std::call_once(g_codecsOnce, [] {
        g_codecs.emplace("json", Codec{"application/json", [](const std::string& s) { return "{\"v\":\"" + s + "\"}"; }});
        g_codecs.emplace("text", Codec{"text/plain", [](const std::string& s) { return s; }});
        g_codecs.emplace("csv", Codec{"text/csv", [](const std::string& s) { return "v\n" + s + "\n"; }});
    });
}

class MediaServer {
public:
    MediaServer() { registerBuiltinCodecs(); }

    int serve(const std::string& format, const std::string& payload, std::string& out) {
        registerBuiltinCodecs();
        auto it = g_codecs.find(format);
        int status = 200;
        if (it == g_codecs.end()) {
            status = 406;
            out.clear();
        } else {
            out = it->second.encode(payload);
        }
        ++byClass_[classify(status)];
        ++perStatusBucket_[static_cast<size_t>(status / 100)];
        return status;
    }

    uint64_t count(StatusClass c) const {
        auto it = byClass_.find(c);
        return it == byClass_.end() ? 0 : it->second;
    }

private:
    std::map<StatusClass, uint64_t> byClass_;
    std::array<uint64_t, 6> perStatusBucket_{};
};

} // namespace media

int main() {
    media::MediaServer server;
    const std::vector<std::string> formats = {"json", "text", "csv", "xml"};
    std::string out;
    for (uint64_t req = 0; req < 10000000; ++req) {
        server.serve(formats[req % formats.size()], "item-" + std::to_string(req), out);
    }
    return server.count(media::StatusClass::Success) > 0 ? 0 : 1;
}
