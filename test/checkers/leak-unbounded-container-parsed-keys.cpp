// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// A server object of main() keeps a map keyed by a word parsed from each
// request line. Words parsed out of a fixed script are few; words parsed
// out of input are not. The request reaches the map four calls below
// main()'s loop. Twins: the script is fixed text; the stream is also fed
// other text; the key is also assigned from elsewhere.

#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

class Store {
public:
  void set(const std::string &Key, int V) { Items[Key] = V; }

private:
  std::map<std::string, int> Items;
};

class FedStore {
public:
  void set(const std::string &Key, int V) { Items[Key] = V; }

private:
  std::map<std::string, int> Items;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member 'FedStore::Items' of an object owned by 'S' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:45: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+48]]:12: note: 'FedStore' is held by value in 'Server::Fed', so it lives as long as its 'Server'
  // CHECK-MESSAGES: :[[@LINE+64]]:10: note: 'S' is declared in 'main' outside its loops, so it lives as long as the program
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};

class InputStore {
public:
  void set(const std::string &Key, int V) { Items[Key] = V; }

private:
  std::map<std::string, int> Items;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member 'InputStore::Items' of an object owned by 'S' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:45: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+36]]:14: note: 'InputStore' is held by value in 'Server::Input', so it lives as long as its 'Server'
  // CHECK-MESSAGES: :[[@LINE+51]]:10: note: 'S' is declared in 'main' outside its loops, so it lives as long as the program
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};

class Server {
public:
  // Words of the line only.
  void handle(const std::string &Line) {
    std::istringstream In(Line);
    std::string Verb, Key;
    In >> Verb >> Key;
    if (Verb == "set")
      Fixed.set(Key, 1);
  }
  // The stream is fed more text than the line.
  void handleFed(const std::string &Line, const std::string &Extra) {
    std::istringstream In(Line);
    In.str(Extra);
    std::string Key;
    In >> Key;
    Fed.set(Key, 1);
  }
  // The key is assigned from elsewhere too.
  void handleInput(const std::string &Line, const std::string &Raw) {
    std::istringstream In(Line);
    std::string Key;
    In >> Key;
    if (Key.empty())
      Key = Raw;
    Input.set(Key, 1);
  }

private:
  Store Fixed;
  FedStore Fed;
  InputStore Input;
};

void step3(Server &S, const std::string &Line, const std::string &Raw) {
  S.handle(Line);
  S.handleFed(Line, Raw);
  S.handleInput(Line, Raw);
}
const std::vector<std::string> Script = {"set alpha", "get alpha",
                                         "set beta"};
void step1(Server &S, const std::string &Raw) {
  for (const std::string &Line : Script)
    step3(S, Line, Raw);
}

int main() {
  Server S;
  std::string Raw;
  while (std::getline(std::cin, Raw))
    step1(S, Raw);
}
