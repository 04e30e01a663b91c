// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The long-lived Reactor inserts a ConnState per accepted fd but every exit path of OnReadable (EOF, protocol error, oversized buffer, explicit QUIT) goes through CloseConnection(), which erases the entry, so the table is bounded by the number of open sockets.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <unordered_map>

namespace net {

struct ConnState {
    std::string peer;
    std::string inbuf;
    std::uint64_t bytesIn = 0;
};

class Reactor {
public:
    void OnAccept(int fd, const std::string& peer);
    void OnReadable(int fd, const std::string& chunk, bool eof);
    std::size_t OpenConnections() const { return conns_.size(); }

private:
    void CloseConnection(int fd, const char* reason);
    bool HandleLine(ConnState& st, const std::string& line);

    static constexpr std::size_t kMaxLine = 4096;
    std::unordered_map<int, ConnState> conns_;
};

void Reactor::OnAccept(int fd, const std::string& peer) {
    conns_[fd] = ConnState{peer, {}, 0};
}

void Reactor::OnReadable(int fd, const std::string& chunk, bool eof) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) return;  // nothing was inserted for this fd
    ConnState& st = it->second;

    if (eof) {
        CloseConnection(fd, "eof");
        return;
    }
    st.inbuf += chunk;
    st.bytesIn += chunk.size();
    if (st.inbuf.size() > kMaxLine) {
        CloseConnection(fd, "line too long");
        return;
    }
    std::size_t nl;
    while ((nl = st.inbuf.find('\n')) != std::string::npos) {
        std::string line = st.inbuf.substr(0, nl);
        st.inbuf.erase(0, nl + 1);
        if (!HandleLine(st, line)) {
            CloseConnection(fd, line == "QUIT" ? "quit" : "protocol error");
            return;
        }
    }
}

bool Reactor::HandleLine(ConnState& st, const std::string& line) {
    if (line == "QUIT") return false;
    if (line.rfind("PING", 0) == 0) return true;
    if (line.rfind("ECHO ", 0) == 0) {
        std::cout << st.peer << ": " << line.substr(5) << "\n";
        return true;
    }
    return false;
}

void Reactor::CloseConnection(int fd, const char* reason) {
    std::cout << "closing fd " << fd << " (" << reason << ")\n";
    conns_.erase(fd);
}

} // namespace net

int main() {
    net::Reactor reactor;
    for (int i = 0; i < 100000; ++i) {
        int fd = 3 + (i % 1000);
        reactor.OnAccept(fd, "192.168.1." + std::to_string(i % 200));
        reactor.OnReadable(fd, "PING\nECHO hi\n", false);
        switch (i % 3) {
            case 0: reactor.OnReadable(fd, "", true); break;
            case 1: reactor.OnReadable(fd, "QUIT\n", false); break;
            default: reactor.OnReadable(fd, "BOGUS\n", false); break;
        }
    }
    std::cout << "open: " << reactor.OpenConnections() << "\n";
    return 0;
}
