#include <vector>
static std::vector<int> Log;
#include <reset-log.h>
void record(int X) { Log.push_back(X); }
