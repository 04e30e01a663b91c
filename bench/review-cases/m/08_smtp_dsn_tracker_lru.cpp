// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: the program-lifetime SmtpServer's DsnTracker is an LRU bounded by a fixed capacity, so each DATA command that adds a DeliveryRecord beyond the cap evicts the oldest one and the map stops growing.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace mail {

struct Envelope {
    std::string mailFrom;
    std::vector<std::string> rcptTo;
    std::string body;
};

struct DeliveryRecord {
    std::string messageId;
    std::string sender;
    std::vector<std::string> recipients;
    std::size_t sizeBytes = 0;
    std::chrono::system_clock::time_point acceptedAt;
    int attempts = 0;
};

class DsnTracker {
public:
    explicit DsnTracker(std::size_t capacity) : capacity_(capacity) {}
    void remember(DeliveryRecord rec) {
        std::string key = rec.messageId;
        auto it = byMessageId_.find(key);
        if (it != byMessageId_.end()) {
            order_.erase(it->second.pos);
            byMessageId_.erase(it);
        }
        order_.push_front(key);
        byMessageId_.emplace(std::move(key), Slot{std::move(rec), order_.begin()});
        while (byMessageId_.size() > capacity_) {
            byMessageId_.erase(order_.back());
            order_.pop_back();
        }
    }
    const DeliveryRecord* find(const std::string& messageId) const {
        auto it = byMessageId_.find(messageId);
        return it == byMessageId_.end() ? nullptr : &it->second.record;
    }
    std::size_t size() const { return byMessageId_.size(); }
private:
    struct Slot {
        DeliveryRecord record;
        std::list<std::string>::iterator pos;
    };
    std::size_t capacity_;
    std::list<std::string> order_;
    std::unordered_map<std::string, Slot> byMessageId_;
};

struct ServerStats {
    std::uint64_t sessions = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
};

class SmtpServer;

class SmtpSession {
public:
    SmtpSession(SmtpServer& server, std::string peer) : server_(server), peer_(std::move(peer)) {}
    std::string handleLine(const std::string& line);
private:
    std::string finishData();
    SmtpServer& server_;
    std::string peer_;
    Envelope env_;
    bool inData_ = false;
};

class SmtpServer {
public:
    static constexpr std::size_t kDsnWindow = 512;
    explicit SmtpServer(std::string hostname) : hostname_(std::move(hostname)), tracker_(kDsnWindow) {}
    std::unique_ptr<SmtpSession> accept(const std::string& peer) {
        ++stats_.sessions;
        return std::make_unique<SmtpSession>(*this, peer);
    }
    DsnTracker& tracker() { return tracker_; }
    ServerStats& stats() { return stats_; }
    const std::string& hostname() const { return hostname_; }
    std::string nextMessageId() {
        std::ostringstream os;
        os << "<" << ++seq_ << "." << std::hex << (seq_ * 2654435761u) << "@" << hostname_ << ">";
        return os.str();
    }
private:
    std::string hostname_;
    std::uint64_t seq_ = 0;
    ServerStats stats_;
    DsnTracker tracker_;
};

std::string SmtpSession::handleLine(const std::string& line) {
    if (inData_) {
        if (line == ".") { inData_ = false; return finishData(); }
        env_.body += line + "\r\n";
        return "";
    }
    if (line.rfind("HELO", 0) == 0 || line.rfind("EHLO", 0) == 0) return "250 " + server_.hostname();
    if (line.rfind("MAIL FROM:", 0) == 0) { env_ = Envelope{line.substr(10), {}, {}}; return "250 OK"; }
    if (line.rfind("RCPT TO:", 0) == 0) { env_.rcptTo.push_back(line.substr(8)); return "250 OK"; }
    if (line == "DATA") {
        if (env_.rcptTo.empty()) { ++server_.stats().rejected; return "503 need RCPT"; }
        inData_ = true;
        return "354 go ahead";
    }
    if (line == "QUIT") return "221 bye";
    return "500 unrecognized";
}

std::string SmtpSession::finishData() {
    DeliveryRecord rec;
    rec.messageId = server_.nextMessageId();
    rec.sender = env_.mailFrom;
    rec.recipients = env_.rcptTo;
    rec.sizeBytes = env_.body.size();
    rec.acceptedAt = std::chrono::system_clock::now();
    std::string id = rec.messageId;
    server_.tracker().remember(std::move(rec));
    ++server_.stats().accepted;
    env_ = Envelope{};
    return "250 queued as " + id;
}

std::size_t runClientConversation(SmtpServer& server, int n) {
    auto session = server.accept("10.0.0." + std::to_string(n % 250));
    const std::vector<std::string> script = {
        "EHLO client.example", "MAIL FROM:<alerts@example.org>",
        "RCPT TO:<ops" + std::to_string(n % 7) + "@example.com>", "DATA",
        "Subject: nightly report " + std::to_string(n), "", "all green", ".", "QUIT"};
    std::size_t replies = 0;
    for (const auto& line : script) {
        if (!session->handleLine(line).empty()) ++replies;
    }
    return replies;
}

} // namespace mail

int main() {
    mail::SmtpServer server("mx1.example.com");
    std::cout << "baseline tracked records=" << server.tracker().size()
              << " cap=" << mail::SmtpServer::kDsnWindow << "\n";
    std::size_t replies = 0;
    for (int hour = 1; hour <= 5; ++hour) {
        for (int c = 0; c < 400; ++c) replies += mail::runClientConversation(server, hour * 1000 + c);
        std::cout << "hour " << hour << " replies=" << replies
                  << " accepted=" << server.stats().accepted
                  << " tracked records=" << server.tracker().size() << "\n";
    }
    return 0;
}
