// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A signal that stores a slot under a fresh id and returns it, and removes
// a slot only by that id: a connect() whose id the statement drops leaves a
// slot no disconnect() can name. Its erase breaks nothing, and neither does
// handing the button out, whose holder could only disconnect by id too.
// A cast to void drops the id as plainly, in a branch of one statement too.
// Twins: the id is kept and disconnected; the signal can also clear all
// slots; the key is a name the caller knows; a non-template emitter whose
// erase takes an iterator.

#include <functional>
#include <map>
#include <memory>
#include <string>

template <typename... Args> class Signal {
public:
  using Slot = std::function<void(Args...)>;
  int connect(Slot S) {
    Slots.emplace(Next, std::move(S));
    return Next++;
  }
  void disconnect(int Id) { Slots.erase(Id); }
  void emit(Args... As) const {
    for (const auto &[Id, S] : Slots)
      S(As...);
  }

private:
  std::map<int, Slot> Slots;
  int Next = 0;
};

class Button {
public:
  Signal<> Clicked;
};

// --- The id is dropped: no disconnect can remove the slot --------------------

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void wire() {
    Ok.Clicked.connect([Self = shared_from_this()] { Self->close(); });
    // CHECK-FIXES: {{^}}    Ok.Clicked.connect([weak_Self = weak_from_this()] { auto Self = weak_Self.lock(); if (!Self) return; Self->close(); });{{$}}
    // CHECK-MESSAGES: :[[@LINE-2]]:16: warning: 'Signal::Slots' of 'Ok.Clicked' stores a callback holding 'Self', a shared_ptr to the 'Dialog' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:25: note: the callback captures 'Self' here; capture 'weak_Self = weak_from_this()' and lock it instead
    // CHECK-MESSAGES: :[[@LINE+8]]:10: note: the 'Dialog' owns the callback through 'Ok'
    // CHECK-MESSAGES: :[[@LINE-29]]:25: note: 'Signal::connect' stores its argument in 'Slots' here
    // CHECK-MESSAGES: :[[@LINE-27]]:29: note: 'Signal::disconnect' erases an entry only by the key 'Signal::connect' returns, and the call that stores the callback drops it
  }
  Button &ok() { return Ok; }
  void close() {}

private:
  Button Ok;
};

// --- Dropped by a cast to void, in a branch of one statement ----------------

class Popup : public std::enable_shared_from_this<Popup> {
public:
  void wire(bool Enabled) {
    if (Enabled)
      (void)Ok.Clicked.connect([Self = shared_from_this()] { Self->hide(); });
    // CHECK-FIXES: {{^}}      (void)Ok.Clicked.connect([weak_Self = weak_from_this()] { auto Self = weak_Self.lock(); if (!Self) return; Self->hide(); });{{$}}
    // CHECK-MESSAGES: :[[@LINE-2]]:24: warning: 'Signal::Slots' of 'Ok.Clicked' stores a callback holding 'Self', a shared_ptr to the 'Popup' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: the callback captures 'Self' here; capture 'weak_Self = weak_from_this()' and lock it instead
    // CHECK-MESSAGES: :[[@LINE+7]]:10: note: the 'Popup' owns the callback through 'Ok'
    // CHECK-MESSAGES: :[[@LINE-50]]:25: note: 'Signal::connect' stores its argument in 'Slots' here
    // CHECK-MESSAGES: :[[@LINE-48]]:29: note: 'Signal::disconnect' erases an entry only by the key 'Signal::connect' returns, and the call that stores the callback drops it
  }
  void hide() {}

private:
  Button Ok;
};

// --- Clean: the id is kept and disconnected ----------------------------------

class Kept : public std::enable_shared_from_this<Kept> {
public:
  void wire() {
    Id = Ok.Clicked.connect([Self = shared_from_this()] { Self->close(); });
  }
  void close() { Ok.Clicked.disconnect(Id); }

private:
  Button Ok;
  int Id = -1;
};

// --- Clean: the signal can drop every slot -----------------------------------

class Bell {
public:
  int connect(std::function<void()> S) {
    Slots.emplace(Next, std::move(S));
    return Next++;
  }
  void disconnect(int Id) { Slots.erase(Id); }
  void disconnectAll() { Slots.clear(); }

private:
  std::map<int, std::function<void()>> Slots;
  int Next = 0;
};

class Door : public std::enable_shared_from_this<Door> {
public:
  void wire() { Ring.connect([Self = shared_from_this()] { Self->open(); }); }
  Bell &bell() { return Ring; }
  void open() {}

private:
  Bell Ring;
};

// --- The same without a template, through a setter of the owner -------------

class Chime {
public:
  unsigned long subscribe(std::function<void()> S) {
    ++Last;
    Slots[Last] = std::move(S);
    return Last;
  }
  void unsubscribe(unsigned long Id) { Slots.erase(Id); }

private:
  std::map<unsigned long, std::function<void()>> Slots;
  unsigned long Last = 0;
};

class Clock : public std::enable_shared_from_this<Clock> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.subscribe([Self] { Self->advance(); });
    // CHECK-FIXES: {{^}}    Tick.subscribe([weak_Self = std::weak_ptr(Self)] { auto Self = weak_Self.lock(); if (!Self) return; Self->advance(); });{{$}}
    // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'Chime::Slots' of 'Tick' stores a callback holding 'Self', a shared_ptr to the 'Clock' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE+7]]:9: note: the 'Clock' owns the callback through 'Tick'
    // CHECK-MESSAGES: :[[@LINE-19]]:19: note: 'Chime::subscribe' stores its argument in 'Slots' here
    // CHECK-MESSAGES: :[[@LINE-17]]:40: note: 'Chime::unsubscribe' erases an entry only by the key 'Chime::subscribe' returns, and the call that stores the callback drops it
  }
  void advance() {}

private:
  Chime Tick;
};

// --- Clean: the key is a name the caller knows -------------------------------

class Named {
public:
  int on(const std::string &Name, std::function<void()> S) {
    Slots.emplace(Name, std::move(S));
    return static_cast<int>(Slots.size());
  }
  void off(const std::string &Name) { Slots.erase(Name); }

private:
  std::map<std::string, std::function<void()>> Slots;
};

class Panel : public std::enable_shared_from_this<Panel> {
public:
  void wire() { Events.on("close", [Self = shared_from_this()] { Self->hide(); }); }
  void unwire() { Events.off("close"); }
  void hide() {}

private:
  Named Events;
};

// --- Clean: the erase takes an iterator its caller finds ----------------------

class Hooks {
public:
  using Table = std::map<int, std::function<void()>>;
  int add(std::function<void()> S) {
    Slots.emplace(Next, std::move(S));
    return Next++;
  }
  void remove(Table::iterator It) { Slots.erase(It); }
  Table::iterator first() { return Slots.begin(); }

private:
  Table Slots;
  int Next = 0;
};

class Plugin : public std::enable_shared_from_this<Plugin> {
public:
  void wire() { Table.add([Self = shared_from_this()] { Self->run(); }); }
  void unwire() { Table.remove(Table.first()); }
  void run() {}

private:
  Hooks Table;
};
