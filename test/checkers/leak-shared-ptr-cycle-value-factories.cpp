// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A function that fills a local of a class and returns it by value makes
// that object where it is called, as a factory returning make_shared's
// object does: what it wrote into the local, of its own object or of its
// arguments, the call's result holds. Spellings: a member factory whose
// result a constructor keeps by value (`make_shared<Peer>(makeContext())`),
// a result pushed into a vector of values, a static factory storing its
// parameter. Twins: a weak field,
// a result kept by another object, a copy of a field returned, a parameter
// returned, a local assigned as a whole, a result only used in the call.

#include <memory>
#include <string>
#include <utility>
#include <vector>

class Torrent;
struct PeerContext {
  std::shared_ptr<Torrent> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'PeerContext::Owner' completes a shared_ptr ownership cycle; the 'Torrent' it points to owns the 'PeerContext' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+29]]:38: note: 'Torrent::Peers' owns 'Peer' objects through 'std::vector<std::shared_ptr<Peer>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+12]]:15: note: 'Peer::Ctx' holds a 'PeerContext' by value{{$}}
  // CHECK-MESSAGES: :[[@LINE+17]]:21: note: the 'Peer' is stored in 'Peers' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+15]]:47: note: the 'PeerContext' is moved into 'Ctx' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+22]]:15: note: 'Owner' is set to shared_from_this() here, through 'Torrent::makeContext'{{$}}
  // CHECK-MESSAGES: :[[@LINE-7]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Torrent> Owner;'{{$}}
  std::string Client;
};
class Peer {
public:
  Peer(std::string Endpoint, PeerContext C)
      : Endpoint(std::move(Endpoint)), Ctx(std::move(C)) {}
  std::string Endpoint;
  PeerContext Ctx;
};
class Torrent : public std::enable_shared_from_this<Torrent> {
public:
  void addPeer(const std::string &Endpoint) {
    auto P = std::make_shared<Peer>(Endpoint, makeContext());
    Peers.push_back(std::move(P));
  }

private:
  PeerContext makeContext() {
    PeerContext C;
    C.Client = "-LL0100-";
    C.Owner = shared_from_this();
    return C;
  }
  std::vector<std::shared_ptr<Peer>> Peers;
};

struct Mixer : std::enable_shared_from_this<Mixer> {
  struct Track {
    std::shared_ptr<Mixer> Bus;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Track::Bus' completes a shared_ptr ownership cycle; the 'Mixer' it points to owns the 'Track' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+13]]:22: note: 'Mixer::Tracks' owns 'Track' objects through 'std::vector<Track>'{{$}}
    // CHECK-MESSAGES: :[[@LINE+11]]:40: note: the 'Track' is moved into 'Tracks' here{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:13: note: 'Bus' is set to shared_from_this() here, through 'Mixer::track'{{$}}
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Mixer> Bus;'{{$}}
    float Gain = 1;
  };
  Track track(float G) {
    Track T;
    T.Bus = shared_from_this();
    T.Gain = G;
    return T;
  }
  void add(float G) { Tracks.push_back(track(G)); }
  std::vector<Track> Tracks;
};

struct Stage : std::enable_shared_from_this<Stage> {
  struct Link {
    std::shared_ptr<Stage> Up;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Link::Up' completes a shared_ptr ownership cycle; the 'Stage' it points to owns the 'Link' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+12]]:21: note: 'Stage::Links' owns 'Link' objects through 'std::vector<Link>'{{$}}
    // CHECK-MESSAGES: :[[@LINE+10]]:34: note: the 'Link' is moved into 'Links' here{{$}}
    // CHECK-MESSAGES: :[[@LINE+9]]:41: note: 'Up' is set to shared_from_this() here, through 'Stage::linkTo'{{$}}
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Stage> Up;'{{$}}
    int Hops = 0;
  };
  static Link linkTo(std::shared_ptr<Stage> S) {
    Link L;
    L.Up = std::move(S);
    return L;
  }
  void chain() { Links.push_back(linkTo(shared_from_this())); }
  std::vector<Link> Links;
};

// Twins.

struct Shelf : std::enable_shared_from_this<Shelf> {
  struct Book {
    std::weak_ptr<Shelf> On;
  };
  Book book() {
    Book B;
    B.On = weak_from_this();
    return B;
  }
  void put() { Books.push_back(book()); }
  std::vector<Book> Books;
};

struct Reel : std::enable_shared_from_this<Reel> {
  struct Frame {
    std::shared_ptr<Reel> Of;
  };
  Frame frame() {
    Frame F;
    F.Of = shared_from_this();
    return F;
  }
  // A copy of a field: the object was not made here.
  Frame proto() {
    Frame F = Proto;
    return F;
  }
  // A parameter handed back.
  static Frame same(Frame F) { return F; }
  // A local replaced as a whole before it is returned.
  Frame replaced(const Frame &Other) {
    Frame F;
    F = Other;
    return F;
  }
  void keep(std::vector<Frame> &Elsewhere) { Elsewhere.push_back(frame()); }
  void fill() {
    Frames.push_back(proto());
    Frames.push_back(same(Proto));
    Frames.push_back(replaced(Proto));
  }
  void peek() { (void)frame().Of; }
  Frame Proto;
  std::vector<Frame> Frames;
};

// CHECK-FIXES: std::weak_ptr<Torrent> Owner;
// CHECK-FIXES: std::weak_ptr<Mixer> Bus;
// CHECK-FIXES: std::weak_ptr<Stage> Up;
