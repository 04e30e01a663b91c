// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: SupportRoom owns its members through Membership structs holding shared_ptr<Member>, and each Member keeps the room alive via the shared_ptr<SupportRoom> stored by its Subscriber base in join(), so closing a ticket drops the last outside handle but room and members keep each other alive.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chat {

class SupportRoom;

class Subscriber {
public:
    virtual ~Subscriber() = default;
    virtual void deliver(const std::string& roomName, const std::string& line) = 0;

    void rememberRoom(std::shared_ptr<SupportRoom> room) { rooms_.push_back(std::move(room)); }  // LEAK-HERE
    std::size_t roomCount() const { return rooms_.size(); }

protected:
    std::vector<std::shared_ptr<SupportRoom>> rooms_;  // LEAK-HERE
};

class Member : public Subscriber {
public:
    static int live;
    explicit Member(std::string handle) : handle_(std::move(handle)) { ++live; }
    ~Member() override { --live; }

    void deliver(const std::string& roomName, const std::string& line) override {
        inbox_.push_back(roomName + ": " + line);
        if (inbox_.size() > 32) inbox_.erase(inbox_.begin());
    }
    const std::string& handle() const { return handle_; }

private:
    std::string handle_;
    std::vector<std::string> inbox_;
};
int Member::live = 0;

enum class Role { Customer, Agent, Observer };

struct Membership {
    std::shared_ptr<Member> member;  // LEAK-HERE
    Role role;
};

class SupportRoom : public std::enable_shared_from_this<SupportRoom> {
public:
    static int live;
    explicit SupportRoom(std::string ticket) : ticket_(std::move(ticket)) { ++live; }
    ~SupportRoom() { --live; }

    void join(const std::shared_ptr<Member>& who, Role role) {
        members_.push_back(Membership{who, role});  // LEAK-HERE
        auto self = shared_from_this();
        who->rememberRoom(self);  // LEAK-HERE
        post("system", who->handle() + " joined");
    }

    void post(const std::string& from, const std::string& text) {
        std::string line = "<" + from + "> " + text;
        for (auto& m : members_) m.member->deliver(ticket_, line);
        ++messages_;
    }

    const std::string& ticket() const { return ticket_; }

private:
    std::string ticket_;
    std::vector<Membership> members_;
    int messages_ = 0;
};
int SupportRoom::live = 0;

class HelpDesk {
public:
    std::shared_ptr<SupportRoom> openTicket(const std::string& customer, const std::string& agent) {
        auto room = std::make_shared<SupportRoom>("T-" + std::to_string(++nextTicket_));
        room->join(memberFor(customer), Role::Customer);
        room->join(memberFor(agent), Role::Agent);
        open_.emplace(room->ticket(), room);
        return room;
    }

    void closeTicket(const std::string& ticket) {
        auto it = open_.find(ticket);
        if (it == open_.end()) return;
        it->second->post("system", "ticket closed");
        open_.erase(it);
    }

private:
    // Each ticket gets fresh session-scoped member objects.
    std::shared_ptr<Member> memberFor(const std::string& handle) {
        return std::make_shared<Member>(handle + "#" + std::to_string(nextTicket_));
    }

    std::unordered_map<std::string, std::shared_ptr<SupportRoom>> open_;
    int nextTicket_ = 0;
};

}  // namespace chat

int main() {
    chat::HelpDesk desk;
    for (int batch = 0; batch < 4; ++batch) {
        for (int i = 0; i < 25; ++i) {
            std::string ticket;
            {
                auto room = desk.openTicket("customer" + std::to_string(i), "agent" + std::to_string(i % 3));
                room->post("customer", "my order is late");
                room->post("agent", "looking into it");
                ticket = room->ticket();
            }
            desk.closeTicket(ticket);
        }
        std::cout << "after batch " << batch << ": live rooms = " << chat::SupportRoom::live
                  << ", live members = " << chat::Member::live << "\n";
    }
    return 0;
}
