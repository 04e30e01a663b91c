#include "history.h"
void login() { record("login"); }
