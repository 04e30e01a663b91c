// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each Dialog publishes shared_from_this() into the function-local static DialogIndex on attach(), and nothing ever erases the slot on BYE, so every terminated dialog stays alive for the life of the process.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace voip {
namespace sip {

std::atomic<int> g_liveDialogs{0};

enum class DialogState { Early, Confirmed, Terminated };

struct SipMessage {
    std::string method;
    std::string callId;
    std::string fromTag;
    unsigned cseq = 0;
};

class Dialog;
using DialogPtr = std::shared_ptr<Dialog>;

struct DialogSlot {
    DialogPtr owner; // LEAK-HERE
    unsigned lastCseq = 0;
    std::vector<std::string> routeSet;
};

struct DialogIndex {
    std::unordered_map<std::string, DialogSlot> byCallId; // LEAK-HERE
    std::size_t lookups = 0;
};

DialogIndex &dialogIndex() {
    static DialogIndex index;
    return index;
}

std::string makeDialogKey(const SipMessage &msg) {
    return msg.callId + ";" + msg.fromTag;
}

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
    explicit Dialog(std::string key) : key_(std::move(key)) { ++g_liveDialogs; }
    ~Dialog() { --g_liveDialogs; }

    void attach(const SipMessage &invite) {
        auto &slot = dialogIndex().byCallId[key_];
        slot.owner = shared_from_this(); // LEAK-HERE
        slot.lastCseq = invite.cseq;
        slot.routeSet.push_back("sip:edge-proxy.local;lr");
    }

    void onResponse(int code) {
        if (code >= 200 && code < 300 && state_ == DialogState::Early)
            state_ = DialogState::Confirmed;
    }

    void onBye() {
        state_ = DialogState::Terminated;
        mediaPorts_.clear();
    }

    void allocateMedia(int port) { mediaPorts_.push_back(port); }
    DialogState state() const { return state_; }
    const std::string &key() const { return key_; }

private:
    std::string key_;
    DialogState state_ = DialogState::Early;
    std::vector<int> mediaPorts_;
};

DialogPtr findDialog(const std::string &key) {
    auto &index = dialogIndex();
    ++index.lookups;
    auto it = index.byCallId.find(key);
    return it == index.byCallId.end() ? nullptr : it->second.owner;
}

class UserAgentServer {
public:
    void handle(const SipMessage &msg) {
        const std::string key = makeDialogKey(msg);
        if (msg.method == "INVITE") {
            auto dialog = std::make_shared<Dialog>(key);
            dialog->attach(msg);
            dialog->allocateMedia(20000 + static_cast<int>(msg.cseq % 1000) * 2);
            dialog->onResponse(200);
            active_[key] = dialog;
        } else if (msg.method == "BYE") {
            if (auto dialog = findDialog(key)) {
                dialog->onBye();
                ++completed_;
            }
            active_.erase(key);
        }
    }

    std::size_t activeCalls() const { return active_.size(); }
    std::size_t completed() const { return completed_; }

private:
    std::unordered_map<std::string, DialogPtr> active_;
    std::size_t completed_ = 0;
};

SipMessage makeMessage(const char *method, int call, unsigned cseq) {
    SipMessage msg;
    msg.method = method;
    msg.callId = "call-" + std::to_string(call) + "@pbx.example";
    msg.fromTag = "tag" + std::to_string(call % 97);
    msg.cseq = cseq;
    return msg;
}

void report(const char *when, const UserAgentServer &uas) {
    std::printf("[%s] active=%zu completed=%zu index=%zu liveDialogs=%d\n", when,
                uas.activeCalls(), uas.completed(), dialogIndex().byCallId.size(),
                g_liveDialogs.load());
}

} // namespace sip
} // namespace voip

int main(int argc, char **argv) {
    using namespace voip::sip;
    const int calls = argc > 1 ? std::atoi(argv[1]) : 2000;
    UserAgentServer uas;
    for (int call = 0; call < 2 * calls; ++call) {
        uas.handle(makeMessage("INVITE", call, 1));
        uas.handle(makeMessage("BYE", call, 2));
        if (call + 1 == calls)
            report("N", uas);
    }
    report("2N", uas);
    return 0;
}
