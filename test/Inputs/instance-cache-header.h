// A class defined in a header whose member function is defined in the .cpp
// that includes it; the static cache there cannot be moved by a fix-it that
// only edits the main file.
#pragma once
#include <map>

class Meter {
public:
  explicit Meter(int Scale) : Scale(Scale) {}
  int reading() const;

private:
  int Scale;
};

// A cache inside an inline function of the header itself.
class Gauge {
public:
  explicit Gauge(int Max) : Max(Max) {}
  int level() const {
    static std::map<const Gauge *, int> Levels;
    return Levels[this] = Max / 2;
  }

private:
  int Max;
};
