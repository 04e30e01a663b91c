// One leak of each kind, for the tests that drive every front end.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class Shape {
public:
  Shape() {}
  double area() {
    static std::map<const Shape *, double> Cache;
    return Cache[this] = 1.0;
  }
};

struct Subject;
struct Observer {
  std::shared_ptr<Subject> Watched;
};
struct Subject {
  std::vector<std::shared_ptr<Observer>> Observers;
};
void watch(const std::shared_ptr<Subject> &S, std::shared_ptr<Observer> O) {
  O->Watched = S;
  S->Observers.push_back(O);
}

class Timer : public std::enable_shared_from_this<Timer> {
public:
  void arm() {
    onFire_ = [self = shared_from_this()] { self->fire(); };
  }
  void fire() {}

private:
  std::function<void()> onFire_;
};

static std::vector<std::string> Audit;
void audit(const std::string &Event) { Audit.push_back(Event); }
