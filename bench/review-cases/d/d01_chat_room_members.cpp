// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: chat_room holds a strong shared_ptr to every member and join() gives each member a strong shared_ptr back to the room, and leave() is never called, so when the lobby clears its rooms every room and its members keep each other alive.
#include <algorithm>
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace chat {

class chat_room;

struct member {
    explicit member(std::string n) : nick(std::move(n)) {}

    void deliver(const std::string& line) {
        inbox.push_back(line);
        if (inbox.size() > 64) inbox.erase(inbox.begin());
    }

    std::string nick;
    std::shared_ptr<chat_room> room; // LEAK-HERE
    std::vector<std::string> inbox;
};

class chat_room : public std::enable_shared_from_this<chat_room> {
public:
    explicit chat_room(std::string topic) : topic_(std::move(topic)) {}

    void join(const std::shared_ptr<member>& m) {
        m->room = shared_from_this(); // LEAK-HERE
        members_.push_back(m); // LEAK-HERE
        broadcast("* " + m->nick + " joined #" + topic_);
    }

    // Breaks the cycle for one member, but nothing below ever calls it.
    void leave(const std::shared_ptr<member>& m) {
        members_.erase(std::remove(members_.begin(), members_.end(), m), members_.end());
        m->room.reset();
        broadcast("* " + m->nick + " left #" + topic_);
    }

    void broadcast(const std::string& line) {
        history_.push_back(line);
        for (auto& m : members_) m->deliver(line);
    }

    std::size_t size() const { return members_.size(); }
    const std::string& topic() const { return topic_; }

private:
    std::string topic_;
    std::vector<std::string> history_;
    std::vector<std::shared_ptr<member>> members_; // LEAK-HERE
};

class lobby {
public:
    std::shared_ptr<chat_room> open_room(const std::string& topic) {
        auto r = std::make_shared<chat_room>(topic);
        rooms_.push_back(r);
        return r;
    }

    std::size_t room_count() const { return rooms_.size(); }

    // "Closing" a room only forgets it here; the member edges are left intact.
    void close_all() { rooms_.clear(); }

private:
    std::vector<std::shared_ptr<chat_room>> rooms_;
};

} // namespace chat

int main() {
    chat::lobby hall;
    for (int round = 0; round < 3; ++round) {
        auto room = hall.open_room("round-" + std::to_string(round));
        for (int i = 0; i < 5; ++i) {
            auto m = std::make_shared<chat::member>("user" + std::to_string(i));
            room->join(m);
        }
        room->broadcast("<server> welcome to " + room->topic());
        std::cout << room->topic() << ": " << room->size() << " members\n";
        hall.close_all();
    }
    return 0;
}
