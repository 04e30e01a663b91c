// A registry whose class is defined in a header: another translation unit
// may call its remove(), so an uncalled remove() here still bounds it.
#pragma once
#include <algorithm>
#include <vector>
struct Handle;
class HeaderRegistry {
public:
  static HeaderRegistry &instance() {
    static HeaderRegistry R;
    return R;
  }
  void add(Handle *H) { Items.push_back(H); }
  void remove(Handle *H) {
    Items.erase(std::remove(Items.begin(), Items.end(), H), Items.end());
  }

private:
  std::vector<Handle *> Items;
};
