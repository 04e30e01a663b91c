#pragma once
#include <string>
#include <vector>

// Included by two translation units: one finding, reported once in SARIF.
inline std::vector<std::string> &history() {
  static std::vector<std::string> History;
  return History;
}
inline void record(const std::string &Event) { history().push_back(Event); }
