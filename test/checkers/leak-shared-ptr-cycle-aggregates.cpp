// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++20
//
// A struct without constructors keeps what its list of values gives each
// field: `new Entry{shared_from_this(), 1}`, `Entry{.Up = self}`, C++20's
// `std::make_shared<Entry>(self, 1)`, a local `Entry E{self, 1};` stored by
// value or copied into `std::make_shared<Entry>(E)`. Twins: a weak field, a
// value of another object, an emptied field, a local listed and then
// replaced whole or with its owner field emptied.

#include <map>
#include <memory>
#include <vector>

struct Board : std::enable_shared_from_this<Board> {
  struct Pin {
    std::shared_ptr<Board> Up;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Pin::Up' completes a shared_ptr ownership cycle; the 'Board' it points to owns the 'Pin' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+10]]:37: note: 'Board::Pins' owns 'Pin' objects through 'std::vector<std::shared_ptr<Pin>>'
    // CHECK-MESSAGES: :[[@LINE+7]]:20: note: the 'Pin' is stored in 'Pins' here
    // CHECK-MESSAGES: :[[@LINE+6]]:49: note: 'Up' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Board> Up;'
    // CHECK-FIXES: std::weak_ptr<Board> Up;
    int Slot;
  };
  void pin(int Slot) {
    Pins.push_back(std::shared_ptr<Pin>(new Pin{shared_from_this(), Slot}));
  }
  std::vector<std::shared_ptr<Pin>> Pins;
};

struct Deck : std::enable_shared_from_this<Deck> {
  struct Card {
    std::shared_ptr<Deck> From;
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Card::From' completes a shared_ptr ownership cycle; the 'Deck' it points to owns the 'Card' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+8]]:38: note: 'Deck::Cards' owns 'Card' objects through 'std::vector<std::shared_ptr<Card>>'
    // CHECK-MESSAGES: :[[@LINE+6]]:41: note: the 'Card' is stored in 'Cards' here
    // CHECK-MESSAGES: :[[@LINE+5]]:64: note: 'From' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Deck> From;'
    // CHECK-FIXES: std::weak_ptr<Deck> From;
    int Rank;
  };
  void deal(int Rank) { Cards.push_back(std::make_shared<Card>(shared_from_this(), Rank)); }
  std::vector<std::shared_ptr<Card>> Cards;
};

struct Queue : std::enable_shared_from_this<Queue> {
  struct Job {
    std::shared_ptr<Queue> Owner;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Job::Owner' completes a shared_ptr ownership cycle; the 'Queue' it points to owns the 'Job' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+11]]:39: note: 'Queue::Jobs' owns 'Job' objects through 'std::map<int, std::shared_ptr<Job>>'
    // CHECK-MESSAGES: :[[@LINE+8]]:16: note: the 'Job' is stored in 'Jobs' here
    // CHECK-MESSAGES: :[[@LINE+6]]:49: note: 'Owner' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Queue> Owner;'
    // CHECK-FIXES: std::weak_ptr<Queue> Owner;
    int Id = 0;
  };
  void post(int Id) {
    auto J = std::make_shared<Job>(Job{.Owner = shared_from_this(), .Id = Id});
    Jobs[Id] = J;
  }
  std::map<int, std::shared_ptr<Job>> Jobs;
};

struct Mixer : std::enable_shared_from_this<Mixer> {
  // A collection of values, each holding the owner: the field to make weak
  // is the value's.
  struct Track {
    std::shared_ptr<Mixer> Bus;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Track::Bus' makes a 'Mixer' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+10]]:22: note: 'Mixer::Tracks' holds 'Track' values through 'std::vector<Track>'
    // CHECK-MESSAGES: :[[@LINE+7]]:22: note: 'Tracks' is set to the object itself here
    // CHECK-MESSAGES: :[[@LINE-4]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Mixer> Bus;'
    // CHECK-FIXES: {{^}}    std::weak_ptr<Mixer> Bus;{{$}}
    float Gain;
  };
  void add(float Gain) {
    Track T{shared_from_this(), Gain};
    Tracks.push_back(T);
  }
  std::vector<Track> Tracks;
};

struct Sampler : std::enable_shared_from_this<Sampler> {
  struct Voice {
    std::shared_ptr<Sampler> Engine;
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Voice::Engine' makes a 'Sampler' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+7]]:22: note: 'Sampler::Voices' holds 'Voice' values through 'std::vector<Voice>'
    // CHECK-MESSAGES: :[[@LINE+5]]:42: note: 'Voices' is set to the object itself here
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: make it a std::weak_ptr: 'std::weak_ptr<Sampler> Engine;'
    // CHECK-FIXES: {{^}}    std::weak_ptr<Sampler> Engine;{{$}}
    int Note;
  };
  void play(int Note) { Voices.push_back(Voice{shared_from_this(), Note}); }
  std::vector<Voice> Voices;
};

struct Sequencer : std::enable_shared_from_this<Sequencer> {
  struct Step {
    std::shared_ptr<Sequencer> Seq;
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Step::Seq' completes a shared_ptr ownership cycle; the 'Sequencer' it points to owns the 'Step' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+11]]:38: note: 'Sequencer::Steps' owns 'Step' objects through 'std::vector<std::shared_ptr<Step>>'
    // CHECK-MESSAGES: :[[@LINE+8]]:21: note: the 'Step' is stored in 'Steps' here
    // CHECK-MESSAGES: :[[@LINE+6]]:12: note: 'Seq' is set to shared_from_this() here
    // CHECK-MESSAGES: :[[@LINE-5]]:32: note: make it a std::weak_ptr: 'std::weak_ptr<Sequencer> Seq;'
    // CHECK-FIXES: std::weak_ptr<Sequencer> Seq;
    int Beat;
  };
  void add(int Beat) {
    Step S{shared_from_this(), Beat};
    Steps.push_back(std::make_shared<Step>(std::move(S)));
  }
  std::vector<std::shared_ptr<Step>> Steps;
};

// Twins.
struct Panel : std::enable_shared_from_this<Panel> {
  struct Knob {
    std::weak_ptr<Panel> Up;
    int Id;
  };
  void add(int Id) { Knobs.push_back(std::make_shared<Knob>(weak_from_this(), Id)); }
  std::vector<std::shared_ptr<Knob>> Knobs;
};

struct Store;
struct Order {
  std::shared_ptr<Store> At;
  int Id;
};
struct Store : std::enable_shared_from_this<Store> {
  void take(const std::shared_ptr<Store> &Other, int Id) {
    Orders.push_back(std::shared_ptr<Order>(new Order{Other, Id}));
  }
  std::vector<std::shared_ptr<Order>> Orders;
};

struct Rack : std::enable_shared_from_this<Rack> {
  struct Unit {
    std::shared_ptr<Rack> In;
    int U;
  };
  void mount(int U) { Units.push_back(std::make_shared<Unit>(nullptr, U)); }
  void stage(int U) {
    Unit X{shared_from_this(), U};
    X = Unit{nullptr, U};
    Staged.push_back(X);
  }
  void park(int U) {
    Unit Y{shared_from_this(), U};
    Y.In.reset();
    Staged.push_back(Y);
  }
  void queue(int U) {
    Unit Z{shared_from_this(), U};
    Z.In = nullptr;
    Units.push_back(std::make_shared<Unit>(Z));
  }
  std::vector<std::shared_ptr<Unit>> Units;
  std::vector<Unit> Staged;
};
