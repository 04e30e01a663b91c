// A widget toolkit in a header: a button that keeps its click handlers, and
// a menu that closes a callback cycle entirely inside the header.
#pragma once
#include <functional>
#include <memory>
#include <vector>

class Button {
public:
  template <typename F> void onClick(F &&Handler) {
    handlers_.emplace_back(std::forward<F>(Handler));
  }

private:
  std::vector<std::function<void()>> handlers_;
};

class Menu : public std::enable_shared_from_this<Menu> {
public:
  void open() { onOpen_ = [self = shared_from_this()] { self->show(); }; }
  void show() {}

private:
  std::function<void()> onOpen_;
};

// The macro a toolkit offers to wire a handler.
#define ON_CLICK(ButtonObject, Method)                                         \
  (ButtonObject).onClick([self = shared_from_this()] { self->Method(); })
