// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A local value filled in field by field and then copied (or moved) into a
// field that holds such values: the element keeps what was written into
// the local before the copy. Spellings: push_back of a copy, a map slot
// assigned, a move, a nested member, a setter of an owned object that
// keeps a copy of its parameter (`Replies->bind(B)`). Twins: a field
// written after the copy, a back pointer emptied before it, a local kept by
// another object, a weak field, a copy of an object the function did not
// make, a setter that keeps only part of its parameter.

#include <map>
#include <memory>
#include <string>
#include <vector>

struct Mixer : std::enable_shared_from_this<Mixer> {
  struct Track {
    std::shared_ptr<Mixer> Bus;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Track::Bus' completes a shared_ptr ownership cycle; the 'Mixer' it points to owns the 'Track' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+13]]:22: note: 'Mixer::Tracks' owns 'Track' objects through 'std::vector<Track>'
    // CHECK-MESSAGES: :[[@LINE+10]]:22: note: the 'Track' is copied into 'Tracks' here
    // CHECK-MESSAGES: :[[@LINE+7]]:13: note: 'Bus' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Mixer> Bus;'
    // CHECK-FIXES: std::weak_ptr<Mixer> Bus;
    float Gain = 1;
  };
  void add(float G) {
    Track T;
    T.Bus = shared_from_this();
    T.Gain = G;
    Tracks.push_back(T);
  }
  std::vector<Track> Tracks;
};

class Hub;
struct Slot {
  std::string Name;
  std::shared_ptr<Hub> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Slot::Owner' completes a shared_ptr ownership cycle; the 'Hub' it points to owns the 'Slot' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+16]]:23: note: 'Hub::Slots' owns 'Slot' objects through 'std::map<int, Slot>'
  // CHECK-MESSAGES: :[[@LINE+11]]:17: note: the 'Slot' is copied into 'Slots' here
  // CHECK-MESSAGES: :[[@LINE+9]]:15: note: 'Owner' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: make it a std::weak_ptr: 'std::weak_ptr<Hub> Owner;'
  // CHECK-FIXES: std::weak_ptr<Hub> Owner;
};
class Hub : public std::enable_shared_from_this<Hub> {
public:
  void open(int Id, const std::string &Name) {
    Slot S;
    S.Name = Name;
    S.Owner = shared_from_this();
    Slots[Id] = S;
  }

private:
  std::map<int, Slot> Slots;
};

struct Stage : std::enable_shared_from_this<Stage> {
  struct Link {
    std::shared_ptr<Stage> Up;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Link::Up' completes a shared_ptr ownership cycle; the 'Stage' it points to owns the 'Link' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+18]]:20: note: 'Stage::Cues' owns 'Cue' objects through 'std::vector<Cue>'
    // CHECK-MESSAGES: :[[@LINE+9]]:10: note: 'Cue::Back' holds a 'Link' by value
    // CHECK-MESSAGES: :[[@LINE+14]]:20: note: the 'Cue' is copied into 'Cues' here
    // CHECK-MESSAGES: :[[@LINE+12]]:17: note: 'Up' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-6]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Stage> Up;'
    // CHECK-FIXES: std::weak_ptr<Stage> Up;
    int Hops = 0;
  };
  struct Cue {
    int At = 0;
    Link Back;
  };
  void cue(int At) {
    Cue C;
    C.At = At;
    C.Back.Up = shared_from_this();
    Cues.push_back(std::move(C));
  }
  std::vector<Cue> Cues;
};

class Client;
struct Binding {
  std::string Key;
  std::shared_ptr<Client> Consumer;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Binding::Consumer' completes a shared_ptr ownership cycle; the 'Client' it points to owns the 'Binding' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+32]]:26: note: 'Client::Replies' owns 'Queue' objects through 'std::shared_ptr<Queue>'
  // CHECK-MESSAGES: :[[@LINE+12]]:24: note: 'Queue::Bindings' owns 'Binding' objects through 'std::vector<Binding>'
  // CHECK-MESSAGES: :[[@LINE+20]]:19: note: the 'Binding' is copied into 'Bindings' here
  // CHECK-MESSAGES: :[[@LINE+18]]:18: note: 'Consumer' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-6]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Client> Consumer;'
  // CHECK-FIXES: std::weak_ptr<Client> Consumer;
};
class Queue {
public:
  void bind(const Binding &B) { Bindings.push_back(B); }
  void note(const Binding &B) { Keys.push_back(B.Key); }

private:
  std::vector<Binding> Bindings;
  std::vector<std::string> Keys;
};
class Client : public std::enable_shared_from_this<Client> {
public:
  void subscribe(const std::string &Key) {
    Binding B;
    B.Key = Key;
    B.Consumer = shared_from_this();
    Replies->bind(B);
  }
  void log(const std::string &Key) {
    Binding B;
    B.Key = Key;
    B.Consumer = shared_from_this();
    Log->note(B);
  }

private:
  std::shared_ptr<Queue> Replies = std::make_shared<Queue>();
  std::shared_ptr<Queue> Log = std::make_shared<Queue>();
};

// Twins.

struct Deck : std::enable_shared_from_this<Deck> {
  struct Card {
    std::shared_ptr<Deck> From;
  };
  void late() {
    Card C;
    Cards.push_back(C);
    C.From = shared_from_this();
  }
  void emptied() {
    Card C;
    C.From = shared_from_this();
    C.From.reset();
    Cards.push_back(C);
  }
  void elsewhere(std::vector<Card> &Into) {
    Card C;
    C.From = shared_from_this();
    Into.push_back(C);
  }
  std::vector<Card> Cards;
};

struct Shelf : std::enable_shared_from_this<Shelf> {
  struct Book {
    std::weak_ptr<Shelf> On;
  };
  void put() {
    Book B;
    B.On = weak_from_this();
    Books.push_back(B);
  }
  std::vector<Book> Books;
};

struct Reel : std::enable_shared_from_this<Reel> {
  struct Frame {
    std::shared_ptr<Reel> Of;
  };
  void keep(const Frame &Given) {
    Frame F = Given;
    Frames.push_back(F);
  }
  std::vector<Frame> Frames;
};
