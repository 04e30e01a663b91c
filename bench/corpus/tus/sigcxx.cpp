// CORPUS-FLAGS: $(pkg-config --cflags sigc++-3.0)
// CORPUS-PACKAGES: libsigc++-3.0-dev pkg-config
//
// libsigc++ 3: a stock ticker model with signals, observers deriving from
// sigc::trackable (auto-disconnected on destruction), lambdas tied to the
// lifetime of a trackable through sigc::track_obj, connections stored and
// disconnected in destructors, signal accumulators, bind/hide/compose
// adaptors, and an observer list that returns an unsubscribe handle.

#include <sigc++/sigc++.h>
#include <sigc++/adaptors/adaptors.h>
#include <sigc++/adaptors/track_obj.h>
#include <sigc++/connection.h>
#include <sigc++/functors/functors.h>
#include <sigc++/signal.h>
#include <sigc++/trackable.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace market {

class Ticker {
public:
  using PriceSignal = sigc::signal<void(const std::string &, double)>;
  using HaltSignal = sigc::signal<void(const std::string &)>;

  PriceSignal &signal_price() { return price_; }
  HaltSignal &signal_halt() { return halt_; }

  void publish(const std::string &sym, double px) {
    last_[sym] = px;
    price_.emit(sym, px);
  }

  void halt(const std::string &sym) {
    last_.erase(sym);
    halt_.emit(sym);
  }

private:
  PriceSignal price_;
  HaltSignal halt_;
  std::map<std::string, double> last_;
};

// Derives from trackable: slots made with sigc::mem_fun on it disconnect
// automatically when it is destroyed.
class PriceBoard : public sigc::trackable {
public:
  explicit PriceBoard(Ticker &t) {
    t.signal_price().connect(sigc::mem_fun(*this, &PriceBoard::on_price));
    t.signal_halt().connect(sigc::mem_fun(*this, &PriceBoard::on_halt));
  }

  double price(const std::string &sym) const {
    auto it = prices_.find(sym);
    return it == prices_.end() ? 0.0 : it->second;
  }

private:
  void on_price(const std::string &sym, double px) { prices_[sym] = px; }
  void on_halt(const std::string &sym) { prices_.erase(sym); }

  std::map<std::string, double> prices_;
};

// Not trackable: keeps its connections and disconnects them itself.
class AlertEngine {
public:
  AlertEngine(Ticker &t, double threshold) : threshold_(threshold) {
    conns_.push_back(t.signal_price().connect(
        [this](const std::string &sym, double px) { check(sym, px); }));
    conns_.push_back(t.signal_halt().connect(
        [this](const std::string &sym) { alerts_.push_back(sym + " halted"); }));
  }

  ~AlertEngine() {
    for (auto &c : conns_)
      c.disconnect();
  }

  AlertEngine(const AlertEngine &) = delete;
  AlertEngine &operator=(const AlertEngine &) = delete;

  std::vector<std::string> drain() {
    std::vector<std::string> out;
    out.swap(alerts_);
    return out;
  }

private:
  void check(const std::string &sym, double px) {
    if (px > threshold_)
      alerts_.push_back(sym + " above " + std::to_string(threshold_));
  }

  double threshold_;
  std::vector<sigc::connection> conns_;
  std::vector<std::string> alerts_;
};

// A lambda whose lifetime is tied to a trackable through track_obj.
class Recorder : public sigc::trackable {
public:
  void attach(Ticker &t) {
    t.signal_price().connect(sigc::track_obj(
        [this](const std::string &sym, double px) {
          history_.push_back({sym, px});
          if (history_.size() > 1000)
            history_.erase(history_.begin(), history_.begin() + 500);
        },
        *this));
  }

  std::size_t size() const { return history_.size(); }

private:
  std::vector<std::pair<std::string, double>> history_;
};

// An observer list that hands back an unsubscribe handle.
template <typename... Args> class ObserverList {
public:
  using Slot = sigc::slot<void(Args...)>;

  class Subscription {
  public:
    Subscription() = default;
    explicit Subscription(sigc::connection c) : conn_(std::move(c)) {}
    Subscription(Subscription &&o) noexcept : conn_(std::move(o.conn_)) { o.conn_ = {}; }
    Subscription &operator=(Subscription &&o) noexcept {
      if (this != &o) {
        conn_.disconnect();
        conn_ = std::move(o.conn_);
        o.conn_ = {};
      }
      return *this;
    }
    ~Subscription() { conn_.disconnect(); }

  private:
    sigc::connection conn_;
  };

  [[nodiscard]] Subscription subscribe(Slot s) {
    return Subscription(signal_.connect(std::move(s)));
  }

  void notify(Args... args) { signal_.emit(args...); }
  std::size_t size() const { return signal_.size(); }

private:
  sigc::signal<void(Args...)> signal_;
};

// Accumulator: average of all slot results.
struct Average {
  using result_type = double;
  template <typename T_iterator>
  result_type operator()(T_iterator first, T_iterator last) const {
    double sum = 0;
    int n = 0;
    for (; first != last; ++first, ++n)
      sum += *first;
    return n ? sum / n : 0.0;
  }
};

} // namespace market

int main() {
  market::Ticker t;
  {
    market::PriceBoard board(t);
    market::AlertEngine alerts(t, 100.0);
    market::Recorder rec;
    rec.attach(t);
    t.publish("ACME", 99.0);
    t.publish("ACME", 101.0);
    t.halt("ACME");
    std::cout << board.price("ACME") << " " << alerts.drain().size() << " "
              << rec.size() << "\n";
  }
  t.publish("ACME", 102.0); // no dangling slots left

  market::ObserverList<int> ol;
  {
    auto sub = ol.subscribe([](int v) { std::cout << "got " << v << "\n"; });
    ol.notify(1);
  }
  ol.notify(2);

  sigc::signal<double(double)>::accumulated<market::Average> estimates;
  estimates.connect([](double x) { return x * 1.1; });
  estimates.connect([](double x) { return x * 0.9; });
  auto add = [](double a, double b) { return a + b; };
  estimates.connect(sigc::bind(add, 5.0));
  std::cout << estimates(10.0) << "\n";

  sigc::signal<void(int, const std::string &)> two_args;
  two_args.connect(sigc::hide<1>([](int v) { std::cout << v << "\n"; }));
  auto square = [](int v) { return v * v; };
  auto print = [](int v) { std::cout << v << "\n"; };
  sigc::signal<void(int)> one_arg;
  sigc::connection c = one_arg.connect(sigc::compose(print, square));
  one_arg(3);
  c.block();
  one_arg(4);
  c.unblock();
  c.disconnect();
  two_args(1, "x");
}
