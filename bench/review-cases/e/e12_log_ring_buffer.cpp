// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global recent-lines buffer used for crash dumps pops the oldest line whenever it exceeds kRecentLines, and the per-request field vector is a local that dies with each call, so logging memory stays constant.
#include <cstddef>
#include <ctime>
#include <deque>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace logging {

enum class level { debug, info, warn, error };

namespace {

constexpr std::size_t kRecentLines = 256;
std::mutex g_mu;
std::deque<std::string> g_recent;   // last N formatted lines, dumped on crash
level g_min_level = level::info;

const char* level_name(level l) {
    switch (l) {
        case level::debug: return "DEBUG";
        case level::info:  return "INFO";
        case level::warn:  return "WARN";
        case level::error: return "ERROR";
    }
    return "?";
}

}  // namespace

using field = std::pair<std::string, std::string>;

void write(level l, const std::string& msg, const std::vector<field>& fields) {
    if (l < g_min_level) return;
    std::ostringstream os;
    os << std::time(nullptr) << ' ' << level_name(l) << ' ' << msg;
    for (const auto& f : fields) os << ' ' << f.first << '=' << f.second;
    std::string line = os.str();

    std::lock_guard<std::mutex> lock(g_mu);
    std::cerr << line << '\n';
    g_recent.push_back(std::move(line));
    while (g_recent.size() > kRecentLines) g_recent.pop_front();
}

std::vector<std::string> crash_dump() {
    std::lock_guard<std::mutex> lock(g_mu);
    return std::vector<std::string>(g_recent.begin(), g_recent.end());
}

}  // namespace logging

static void handle_request(int id, const std::string& user, const std::string& path) {
    std::vector<logging::field> fields;  // per-request, freed on return
    fields.emplace_back("req", std::to_string(id));
    fields.emplace_back("user", user);
    fields.emplace_back("path", path);
    logging::write(logging::level::info, "request", fields);
    if (path.size() > 32) logging::write(logging::level::warn, "long path", fields);
}

int main() {
    for (int i = 0; i < 200000; ++i)
        handle_request(i, "user" + std::to_string(i), "/docs/" + std::to_string(i * 7919));
    std::cout << "recent lines kept: " << logging::crash_dump().size() << "\n";
    return 0;
}
