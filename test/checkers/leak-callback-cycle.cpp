// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// --- Positive: an init-capture stored in a member std::function -------------
class Session : public std::enable_shared_from_this<Session> {
public:
  void arm() {
    onTimeout_ = [self = shared_from_this()] { self->close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Session::onTimeout_' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES:     onTimeout_ = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->close(); };
  }
  void close() {}

private:
  std::function<void()> onTimeout_;
};

// --- Positive: a named self captured, pushed into a member vector -----------
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void subscribe() {
    auto self = shared_from_this();
    handlers_.push_back([self](int Code) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Connection::handlers_' stores a callback holding 'self', a shared_ptr to the 'Connection' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(self)' and lock it instead{{$}}
    // CHECK-FIXES:     handlers_.push_back([weak_self = std::weak_ptr(self)](int Code) {
    // CHECK-FIXES-NEXT:       auto self = weak_self.lock();
    // CHECK-FIXES-NEXT:       if (!self)
    // CHECK-FIXES-NEXT:         return;
      self->onEvent(Code);
    });
  }
  void onEvent(int) {}

private:
  std::vector<std::function<void(int)>> handlers_;
};

// --- Positive: handed to a member object that stores it ---------------------
class Button {
public:
  void onClick(std::function<void()> F) { handlers_.push_back(std::move(F)); }
  // Calls the callable at once and keeps nothing.
  void clickNow(const std::function<void()> &F) { F(); }

private:
  std::vector<std::function<void()>> handlers_;
};

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void build() {
    ok_->onClick([self = shared_from_this()] { self->accept(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Button::handlers_' of 'ok_' stores a callback holding 'self', a shared_ptr to the 'Dialog' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+15]]:27: note: the 'Dialog' owns the callback through 'ok_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-15]]:63: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
    // CHECK-FIXES:     ok_->onClick([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->accept(); });
    cancel_->onClick([self = shared_from_this()] { self->reject(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Button::handlers_' of 'cancel_' stores a callback holding 'self', a shared_ptr to the 'Dialog' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+10]]:27: note: the 'Dialog' owns the callback through 'cancel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-21]]:63: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
    // CHECK-FIXES:     cancel_->onClick([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->reject(); });
    help_.clickNow([self = shared_from_this()] { self->accept(); });
  }
  void accept() {}
  void reject() {}

private:
  std::unique_ptr<Button> ok_ = std::make_unique<Button>();
  std::shared_ptr<Button> cancel_ = std::make_shared<Button>();
  Button help_;
};

// --- Positive: std::bind with shared_from_this() (note, no fix-it) ----------
class Poller : public std::enable_shared_from_this<Poller> {
public:
  void start() { tick_ = std::bind(&Poller::poll, shared_from_this()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Poller::tick_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Poller' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:51: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->poll(); }' (no fix-it for a bound argument){{$}}
  void poll() {}

private:
  std::function<void()> tick_;
};

// --- Positive: [=] picks up the local self ----------------------------------
class Worker : public std::enable_shared_from_this<Worker> {
public:
  void start() {
    auto self = shared_from_this();
    done_ = [=] { self->finish(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Worker::done_' stores a callback holding 'self', a shared_ptr to the 'Worker' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'self' by copy through its capture default here; capture 'weak_self = std::weak_ptr(self)' and lock it instead{{$}}
    // CHECK-FIXES:     done_ = [=, weak_self = std::weak_ptr(self)] { auto self = weak_self.lock(); if (!self) return; self->finish(); };
  }
  void finish() {}

private:
  std::function<void()> done_;
};

// --- Positive: a member of a member, a map slot, a setter of its own --------
struct Timer {
  std::function<void()> callback;
};

class Retrier : public std::enable_shared_from_this<Retrier> {
public:
  void schedule() {
    timer_.callback = [self = shared_from_this()] { self->retry(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Timer::callback' of 'timer_' stores a callback holding 'self', a shared_ptr to the 'Retrier' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+16]]:9: note: the 'Retrier' owns the callback through 'timer_'{{$}}
    // CHECK-FIXES:     timer_.callback = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->retry(); };
    routes_["retry"] = [self = shared_from_this()] { self->retry(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Retrier::routes_' stores a callback holding 'self', a shared_ptr to the 'Retrier' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES:     routes_["retry"] = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->retry(); };
    setFallback([self = shared_from_this()] { self->retry(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Retrier::fallback_' stores a callback holding 'self', a shared_ptr to the 'Retrier' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:59: note: 'Retrier::setFallback' stores its argument in 'fallback_' here{{$}}
    // CHECK-FIXES:     setFallback([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->retry(); });
  }
  void setFallback(std::function<void()> F) { fallback_ = std::move(F); }
  void retry() {}

private:
  Timer timer_;
  std::map<std::string, std::function<void()>> routes_;
  std::function<void()> fallback_;
};

// --- Positive: the callable is made first, or wrapped -----------------------
class Loop {
public:
  void post(std::function<void()> F);
};

class Uploader : public std::enable_shared_from_this<Uploader> {
public:
  explicit Uploader(Loop &L) : loop_(L) {}
  void begin() {
    auto onDone = [self = shared_from_this()] { self->finish(); };
    // CHECK-FIXES:     auto onDone = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->finish(); };
    done_ = onDone;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Uploader::done_' stores a callback holding 'self', a shared_ptr to the 'Uploader' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-4]]:20: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the callback is kept in 'onDone' before it is stored{{$}}
    auto onError = [self = shared_from_this()] { self->finish(); };
    error_ = onError;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Uploader::error_' stores a callback holding 'self', a shared_ptr to the 'Uploader' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead: 'auto self = weak_self.lock();' (no fix-it: 'onError' is used elsewhere too, where it may need the strong reference){{$}}
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the callback is kept in 'onError' before it is stored{{$}}
    loop_.post(onError);
    progress_ = std::function<void()>([self = shared_from_this()] { self->finish(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Uploader::progress_' stores a callback holding 'self', a shared_ptr to the 'Uploader' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:40: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES:     progress_ = std::function<void()>([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->finish(); });
  }
  void finish() {}

private:
  Loop &loop_;
  std::function<void()> done_, error_, progress_;
};

// --- Positive: a callback that returns a value (note, no fix-it) ------------
class Validator : public std::enable_shared_from_this<Validator> {
public:
  void install() {
    check_ = [self = shared_from_this()] { return self->valid(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Validator::check_' stores a callback holding 'self', a shared_ptr to the 'Validator' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead: 'auto self = weak_self.lock();' (no fix-it: the callback returns a value, and has none to return once the object is gone){{$}}
  }
  bool valid() const { return true; }

private:
  std::function<bool()> check_;
};

// --- Positive: a destructor that empties the storage never runs -------------
class Watcher : public std::enable_shared_from_this<Watcher> {
public:
  ~Watcher() { onChange_ = nullptr; }
  void watch() { onChange_ = [self = shared_from_this()] { self->changed(); }; }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Watcher::onChange_' stores a callback holding 'self', a shared_ptr to the 'Watcher' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-FIXES:   void watch() { onChange_ = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->changed(); }; }
  void changed() {}

private:
  std::function<void()> onChange_;
};

// --- Positive: outside the class, an object stored into itself -------------
struct Job {
  std::function<void()> onDone;
  void finish() {}
};

void attach(std::shared_ptr<Job> J) {
  J->onDone = [J] { J->finish(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Job::onDone' stores a callback holding 'J', a shared_ptr to the 'Job' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: the callback captures 'J' here; capture 'weak_J = std::weak_ptr(J)' and lock it instead{{$}}
  // CHECK-FIXES:   J->onDone = [weak_J = std::weak_ptr(J)] { auto J = weak_J.lock(); if (!J) return; J->finish(); };
}

// --- Positive: a class template, reported once for its instantiations -------
template <typename T>
class Channel : public std::enable_shared_from_this<Channel<T>> {
public:
  void open() {
    onMessage_ = [self = this->shared_from_this()](const T &M) { self->deliver(M); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::onMessage_' stores a callback holding 'self', a shared_ptr to the 'Channel' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'self' here; capture 'weak_self = this->weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES:     onMessage_ = [weak_self = this->weak_from_this()](const T &M) { auto self = weak_self.lock(); if (!self) return; self->deliver(M); };
  }
  void deliver(const T &) {}

private:
  std::function<void(const T &)> onMessage_;
};

void openChannels() {
  std::make_shared<Channel<int>>()->open();
  std::make_shared<Channel<std::string>>()->open();
}

// --- Negative: the keep-alive idiom, handed to what the object does not own -
class Client : public std::enable_shared_from_this<Client> {
public:
  Client(Loop &L, Timer *T) : loop_(L), shared_(T) {}
  void go() {
    loop_.post([self = shared_from_this()] { self->run(); });
    shared_->callback = [self = shared_from_this()] { self->run(); };
  }
  void handOver(const std::shared_ptr<Job> &Peer) {
    Peer->onDone = [self = shared_from_this()] { self->run(); };
  }
  void run() {}

private:
  Loop &loop_;
  Timer *shared_;
};

// --- Negative: weak_from_this(), a weak_ptr, a raw this, a reference --------
class Careful : public std::enable_shared_from_this<Careful> {
public:
  void arm() {
    a_ = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->f();
    };
    std::weak_ptr<Careful> weak = shared_from_this();
    b_ = [weak] {
      if (auto self = weak.lock())
        self->f();
    };
    c_ = [this] { f(); };
    auto self = shared_from_this();
    d_ = [&self] { self->f(); };
    e_ = std::bind(&Careful::f, this);
  }
  void f() {}

private:
  std::function<void()> a_, b_, c_, d_, e_;
};

// --- Negative: storage the class empties again ------------------------------
class Resettable : public std::enable_shared_from_this<Resettable> {
public:
  void arm() {
    a_ = [self = shared_from_this()] { self->f(); };
    b_ = [self = shared_from_this()] { self->f(); };
    c_.push_back([self = shared_from_this()] { self->f(); });
    d_ = [self = shared_from_this()] { self->f(); };
    e_ = [self = shared_from_this()] { self->f(); };
    owned_->callback = [self = shared_from_this()] { self->f(); };
  }
  void cancel() {
    a_ = nullptr;
    b_ = {};
    c_.clear();
    auto Take = std::exchange(d_, nullptr);
    auto Run = std::move(e_);
    owned_.reset();
  }
  void f() {}

private:
  std::function<void()> a_, b_, d_, e_;
  std::vector<std::function<void()>> c_;
  std::unique_ptr<Timer> owned_ = std::make_unique<Timer>();
};

// --- Negative: a queue that is drained holds callbacks for a while ----------
class TaskQueue {
public:
  void push(std::function<void()> F) { tasks_.push_back(std::move(F)); }
  void runOne() {
    tasks_.front()();
    tasks_.erase(tasks_.begin());
  }

private:
  std::vector<std::function<void()>> tasks_;
};

class Service : public std::enable_shared_from_this<Service> {
public:
  void request() { queue_.push([self = shared_from_this()] { self->f(); }); }
  void poll() { queue_.runOne(); }
  void f() {}

private:
  TaskQueue queue_;
};

// --- Negative: an unrelated shared_ptr, another object, called at once ------
class Other {
public:
  void f() {}
};

void notify(const char *What);

class Unrelated : public std::enable_shared_from_this<Unrelated> {
public:
  void arm() {
    notify("arm"); // A plain call: no name to look up as a reset.
    a_ = [O = other_] { O->f(); };
    auto Fresh = std::make_shared<Unrelated>();
    b_ = [Fresh] { Fresh->g(); };
    [self = shared_from_this()] { self->g(); }();
  }
  void g() {}

private:
  std::shared_ptr<Other> other_;
  std::function<void()> a_, b_;
};

// --- Negative: a thread runs its callable and then destroys it --------------
class Background : public std::enable_shared_from_this<Background> {
public:
  void start() {
    worker_ = std::thread([self = shared_from_this()] { self->work(); });
  }
  void work() {}

private:
  std::thread worker_;
};
