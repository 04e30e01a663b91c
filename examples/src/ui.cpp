#include <functional>
#include <string>
#include <vector>

namespace shop {

class CheckoutButton {
public:
  explicit CheckoutButton(std::string Label) : Label(std::move(Label)) {}
  void click() {
    // Bug: built once, for the first button clicked; every other button's
    // click lands on that one, which dangles once it is destroyed.
    static std::function<void()> OnClick = [this] { ++Clicks; };
    OnClick();
  }
  int clicks() const { return Clicks; }

private:
  std::string Label;
  int Clicks = 0;
};

// Fine: a Meyers singleton may keep a list of itself.
class EventBus {
public:
  static EventBus &instance() {
    static EventBus Bus;
    return Bus;
  }
  void attach() { Attached.push_back(this); }

private:
  EventBus() = default;
  static std::vector<EventBus *> Attached;
};
std::vector<EventBus *> EventBus::Attached;

} // namespace shop
