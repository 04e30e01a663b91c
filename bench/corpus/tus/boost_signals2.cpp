// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libboost-dev
//
// Boost.Signals2: a document model with views that connect through
// scoped_connection members (disconnected when the view dies), slots that
// track the lifetime of their target through slot_type::track_foreign,
// a combiner collecting results, connection groups, shared_connection_block
// and an event bus keyed by topic that hands out connections to callers.

#include <boost/signals2.hpp>
#include <boost/signals2/connection.hpp>
#include <boost/signals2/shared_connection_block.hpp>
#include <boost/signals2/signal.hpp>
#include <boost/signals2/signal_type.hpp>
#include <boost/bind/bind.hpp>
#include <boost/optional.hpp>
#include <boost/shared_ptr.hpp>
#include <boost/make_shared.hpp>
#include <boost/enable_shared_from_this.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bs2 = boost::signals2;

namespace doc {

class Document {
public:
  using ChangedSignal = bs2::signal<void(const std::string &)>;
  using ClosingSignal = bs2::signal<bool(), bs2::optional_last_value<bool>>;

  bs2::connection onChanged(const ChangedSignal::slot_type &slot) {
    return changed_.connect(slot);
  }

  bs2::connection onClosing(const ClosingSignal::slot_type &slot) {
    return closing_.connect(slot);
  }

  void append(const std::string &text) {
    text_ += text;
    changed_(text_);
  }

  bool close() {
    auto veto = closing_();
    return !veto || *veto;
  }

  const std::string &text() const { return text_; }

private:
  ChangedSignal changed_;
  ClosingSignal closing_;
  std::string text_;
};

// A view whose connections are scoped members: when the view goes away its
// slots are disconnected, so the document never calls into a dead view.
class TextView {
public:
  explicit TextView(Document &d)
      : conn_(d.onChanged([this](const std::string &t) { refresh(t); })) {}

  void refresh(const std::string &t) { shown_ = t; }
  const std::string &shown() const { return shown_; }

private:
  bs2::scoped_connection conn_;
  std::string shown_;
};

class WordCountView {
public:
  explicit WordCountView(Document &d) {
    conns_.emplace_back(
        d.onChanged(boost::bind(&WordCountView::recount, this,
                                boost::placeholders::_1)));
    conns_.emplace_back(d.onClosing([this] { return words_ < 10000; }));
  }

  std::size_t words() const { return words_; }

private:
  void recount(const std::string &t) {
    words_ = static_cast<std::size_t>(
        std::count(t.begin(), t.end(), ' ') + (t.empty() ? 0 : 1));
  }

  std::vector<bs2::scoped_connection> conns_;
  std::size_t words_ = 0;
};

// A shared_ptr-managed listener: the slot tracks the listener, so the
// signal drops it automatically when the last owner lets go.
class Autosaver : public std::enable_shared_from_this<Autosaver> {
public:
  static std::shared_ptr<Autosaver> attach(Document &d) {
    auto self = std::make_shared<Autosaver>();
    Document::ChangedSignal::slot_type slot(&Autosaver::save, self.get(),
                                            boost::placeholders::_1);
    d.onChanged(slot.track_foreign(std::weak_ptr<Autosaver>(self)));
    return self;
  }

  void save(const std::string &t) { last_saved_ = t; ++saves_; }
  int saves() const { return saves_; }

private:
  std::string last_saved_;
  int saves_ = 0;
};

// The same with boost::shared_ptr and slot::track.
class Spellchecker : public boost::enable_shared_from_this<Spellchecker> {
public:
  void check(const std::string &t) { errors_ = t.find("teh") != std::string::npos; }
  bool errors() const { return errors_; }

private:
  bool errors_ = false;
};

} // namespace doc

namespace bus {

// A topic-based event bus. Subscribers receive a connection and own its
// lifetime; topics with no subscribers left are pruned on publish.
class EventBus {
public:
  using Signal = bs2::signal<void(const std::string &)>;

  bs2::connection subscribe(const std::string &topic,
                            const Signal::slot_type &slot) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto &sig = topics_[topic];
    if (!sig)
      sig = std::make_unique<Signal>();
    return sig->connect(slot);
  }

  void publish(const std::string &topic, const std::string &payload) {
    Signal *sig = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = topics_.find(topic);
      if (it == topics_.end())
        return;
      if (it->second->empty()) {
        topics_.erase(it);
        return;
      }
      sig = it->second.get();
    }
    (*sig)(payload);
  }

private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Signal>> topics_;
};

class AuditLog {
public:
  explicit AuditLog(EventBus &bus) {
    subs_.emplace_back(bus.subscribe(
        "login", [this](const std::string &u) { lines_.push_back("login " + u); }));
    subs_.emplace_back(bus.subscribe(
        "logout", [this](const std::string &u) { lines_.push_back("logout " + u); }));
  }

  void rotate() { lines_.clear(); }
  std::size_t size() const { return lines_.size(); }

private:
  std::vector<bs2::scoped_connection> subs_;
  std::vector<std::string> lines_;
};

// Combiner: returns the maximum of all slot results.
template <typename T> struct maximum {
  using result_type = T;
  template <typename InputIterator>
  T operator()(InputIterator first, InputIterator last) const {
    if (first == last)
      return T();
    T max_value = *first++;
    while (first != last) {
      if (max_value < *first)
        max_value = *first;
      ++first;
    }
    return max_value;
  }
};

} // namespace bus

int main() {
  doc::Document d;
  {
    doc::TextView tv(d);
    doc::WordCountView wc(d);
    d.append("hello world");
    std::cout << tv.shown() << " " << wc.words() << "\n";
  }
  d.append(" again");

  auto saver = doc::Autosaver::attach(d);
  d.append("!");
  std::cout << saver->saves() << "\n";
  saver.reset();
  d.append("?");

  auto checker = boost::make_shared<doc::Spellchecker>();
  {
    doc::Document::ChangedSignal::slot_type slot(
        &doc::Spellchecker::check, checker.get(), boost::placeholders::_1);
    d.onChanged(slot.track(checker));
  }
  d.append(" teh end");

  bs2::signal<int(int), bus::maximum<int>> priorities;
  bs2::connection c1 = priorities.connect(1, [](int x) { return x * 2; });
  bs2::connection c2 = priorities.connect(0, [](int x) { return x + 100; });
  priorities.connect([](int x) { return -x; }, bs2::at_front);
  std::cout << priorities(5) << "\n";
  {
    bs2::shared_connection_block block(c2);
    std::cout << priorities(5) << "\n";
  }
  priorities.disconnect(0);
  c1.disconnect();

  bus::EventBus eb;
  {
    bus::AuditLog log(eb);
    eb.publish("login", "alice");
    eb.publish("logout", "alice");
    std::cout << log.size() << "\n";
  }
  eb.publish("login", "bob");

  using ts_signal = bs2::signal_type<
      void(int), bs2::keywords::mutex_type<bs2::mutex>>::type;
  ts_signal threaded;
  bs2::scoped_connection sc = threaded.connect([](int v) { (void)v; });
  threaded(1);

  return d.close() ? 0 : 1;
}
