#include "history.h"
void logout() { record("logout"); }
