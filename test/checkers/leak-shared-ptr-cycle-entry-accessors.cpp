// A conference participant keeps one down-track per subscribed track, in a
// map it hands out entries of through an accessor with a key parameter
// (`DownTrack &downTrackFor(const std::string &Id) { return Down[Id]; }`).
// A forwarder made in a local is stored in such an entry of the subscriber
// and given the subscriber as its sink: the entry accessor names the
// subscriber's own map, so the link closes a cycle as a direct
// `Sub->Down[Id].Fwd = F` does. `.at(k)` accessors, assigned to, count the
// same; a weak sink, or a sink that is another participant, does not.
//
// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
#include <map>
#include <memory>
#include <string>

namespace subscript_accessor {
struct Participant;
struct Forwarder {
  void attachSink(std::shared_ptr<Participant> S) { Sink = std::move(S); }
  std::shared_ptr<Participant> Sink;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Forwarder::Sink' completes a shared_ptr ownership cycle; the 'Participant' it points to owns the 'Forwarder' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+11]]:36: note: 'Participant::Down' owns 'Forwarder' objects through 'std::map<std::string, DownTrack>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:30: note: 'DownTrack::Fwd' owns 'Forwarder' objects through 'std::shared_ptr<Forwarder>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+14]]:31: note: the 'Forwarder' is stored in 'Fwd' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+12]]:17: note: 'Sink' is set to 'Sub' here, through 'subscript_accessor::Forwarder::attachSink'{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: make it a std::weak_ptr: 'std::weak_ptr<Participant> Sink;'{{$}}
};
struct DownTrack {
  std::shared_ptr<Forwarder> Fwd;
};
struct Participant {
  DownTrack &downTrackFor(const std::string &Id) { return Down[Id]; }
  std::map<std::string, DownTrack> Down;
};
void subscribe(const std::shared_ptr<Participant> &Sub, const std::string &Id) {
  auto F = std::make_shared<Forwarder>();
  F->attachSink(Sub);
  Sub->downTrackFor(Id).Fwd = F;
}
} // namespace subscript_accessor

namespace at_accessor {
struct Session;
struct Stream {
  std::shared_ptr<Session> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Stream::Owner' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Stream' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+7]]:42: note: 'Session::Slots' owns 'Stream' objects through 'std::map<int, std::shared_ptr<Stream>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:16: note: the 'Stream' is stored in 'Slots' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:15: note: 'Owner' is set to 'S' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> Owner;'{{$}}
};
struct Session {
  std::shared_ptr<Stream> &slot(int I) { return Slots.at(I); }
  std::map<int, std::shared_ptr<Stream>> Slots;
};
void open(const std::shared_ptr<Session> &S, int I) {
  auto St = std::make_shared<Stream>();
  St->Owner = S;
  S->slot(I) = St;
}
} // namespace at_accessor

namespace weak_sink {
struct Participant;
struct Forwarder {
  void attachSink(std::weak_ptr<Participant> S) { Sink = std::move(S); }
  std::weak_ptr<Participant> Sink;
};
struct DownTrack {
  std::shared_ptr<Forwarder> Fwd;
};
struct Participant {
  DownTrack &downTrackFor(const std::string &Id) { return Down[Id]; }
  std::map<std::string, DownTrack> Down;
};
void subscribe(const std::shared_ptr<Participant> &Sub, const std::string &Id) {
  auto F = std::make_shared<Forwarder>();
  F->attachSink(Sub);
  Sub->downTrackFor(Id).Fwd = F;
}
} // namespace weak_sink

namespace other_participant {
// The forwarder sinks into the publisher but lives in the subscriber: a
// chain between two objects, not a cycle.
struct Participant;
struct Forwarder {
  std::shared_ptr<Participant> Sink;
};
struct Participant {
  std::shared_ptr<Forwarder> &downTrackFor(const std::string &Id) {
    return Down[Id];
  }
  std::map<std::string, std::shared_ptr<Forwarder>> Down;
};
void subscribe(const std::shared_ptr<Participant> &Sub,
               const std::shared_ptr<Participant> &Pub, const std::string &Id) {
  auto F = std::make_shared<Forwarder>();
  F->Sink = Pub;
  Sub->downTrackFor(Id) = F;
}
} // namespace other_participant
