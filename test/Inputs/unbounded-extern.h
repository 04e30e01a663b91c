// A global other translation units can touch: not all of its uses are
// visible to one of them.
#pragma once
#include <vector>
extern std::vector<int> SharedLog;
