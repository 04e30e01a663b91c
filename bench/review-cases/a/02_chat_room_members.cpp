// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: ChatRoom holds its Sessions by shared_ptr in a map while each Session holds a shared_ptr back to its room from its constructor, so a room and its members survive after the lobby forgets the room.
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <iostream>

namespace chat {

struct Message {
    std::string from;
    std::string text;
    long ts = 0;
};

class ChatRoom;

class Session {
public:
    Session(int id, std::string nick, std::shared_ptr<ChatRoom> room)
        : id_(id), nick_(std::move(nick)), room_(std::move(room)) {} // LEAK-HERE

    void deliver(const Message& m) {
        if (m.from != nick_) inbox_.push_back(m);
        if (inbox_.size() > 64) inbox_.erase(inbox_.begin());
    }
    void say(const std::string& text);
    int id() const { return id_; }
    const std::string& nick() const { return nick_; }

private:
    int id_;
    std::string nick_;
    std::shared_ptr<ChatRoom> room_; // LEAK-HERE
    std::vector<Message> inbox_;
};

class ChatRoom : public std::enable_shared_from_this<ChatRoom> {
public:
    explicit ChatRoom(std::string topic) : topic_(std::move(topic)) {}

    std::shared_ptr<Session> join(int id, const std::string& nick) {
        auto s = std::make_shared<Session>(id, nick, shared_from_this()); // LEAK-HERE
        members_[id] = s; // LEAK-HERE
        broadcast({"server", nick + " joined " + topic_, 0});
        return s;
    }

    void broadcast(const Message& m) {
        for (auto& [id, s] : members_) s->deliver(m);
    }

    size_t size() const { return members_.size(); }

private:
    std::string topic_;
    std::map<int, std::shared_ptr<Session>> members_; // LEAK-HERE
};

void Session::say(const std::string& text) {
    room_->broadcast({nick_, text, 0});
}

class Lobby {
public:
    std::shared_ptr<ChatRoom> open(const std::string& topic) {
        auto room = std::make_shared<ChatRoom>(topic);
        rooms_[topic] = room;
        return room;
    }
    void close(const std::string& topic) { rooms_.erase(topic); }

private:
    std::map<std::string, std::shared_ptr<ChatRoom>> rooms_;
};

std::string makeNick(int i) { return "guest" + std::to_string(1000 + i); }

} // namespace chat

int main() {
    chat::Lobby lobby;
    for (int r = 0; r < 50; ++r) {
        std::string topic = "room-" + std::to_string(r);
        auto room = lobby.open(topic);
        for (int i = 0; i < 8; ++i) {
            auto session = room->join(r * 100 + i, chat::makeNick(i));
            session->say("hello from " + session->nick());
        }
        lobby.close(topic);
    }
    std::cout << "done\n";
    return 0;
}
