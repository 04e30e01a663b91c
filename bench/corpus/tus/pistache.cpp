// CORPUS-FLAGS: -pthread -fdelayed-template-parsing
// CORPUS-PACKAGES: libpistache-dev
//
// Pistache 0.0.5: a REST API on Http::Endpoint with a Rest::Router whose
// routes are bound to member functions of a service that outlives the
// endpoint, a middleware for auth, a bounded per-client rate-limit table
// keyed by IP, an Http::Handler-based raw handler (HTTP_PROTOTYPE), async
// responses through Async::Promise, and an Http::Client whose promise
// continuations share a response counter.
//
// Needs -fdelayed-template-parsing: pistache 0.0.5's async.h has
// `this->chain_` in Continuation<...>::Chainer<void, Dummy>::operator(),
// a member that does not exist; GCC accepts it because it is never
// instantiated, clang (19 and 22) rejects it at definition time.

#include <pistache/async.h>
#include <pistache/client.h>
#include <pistache/common.h>
#include <pistache/cookie.h>
#include <pistache/description.h>
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/http_headers.h>
#include <pistache/mime.h>
#include <pistache/net.h>
#include <pistache/peer.h>
#include <pistache/router.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

using namespace Pistache;

namespace api {

struct Item {
  std::string name;
  int quantity = 0;
};

class Inventory {
public:
  bool upsert(const std::string &id, Item item) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (items_.size() >= 10000 && items_.count(id) == 0)
      return false;
    items_[id] = std::move(item);
    return true;
  }

  bool find(const std::string &id, Item &out) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = items_.find(id);
    if (it == items_.end())
      return false;
    out = it->second;
    return true;
  }

  bool remove(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.erase(id) > 0;
  }

  std::vector<std::string> ids() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    out.reserve(items_.size());
    for (const auto &kv : items_)
      out.push_back(kv.first);
    return out;
  }

private:
  mutable std::mutex mutex_;
  std::map<std::string, Item> items_;
};

// Requests per client per window. The table is reset each window, so it
// holds at most one window's worth of clients.
class RateLimiter {
public:
  explicit RateLimiter(int per_window) : per_window_(per_window) {}

  bool allow(const std::string &client) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (now - window_start_ > std::chrono::seconds(60)) {
      counts_.clear();
      window_start_ = now;
    }
    return ++counts_[client] <= per_window_;
  }

private:
  std::mutex mutex_;
  int per_window_;
  std::chrono::steady_clock::time_point window_start_ = std::chrono::steady_clock::now();
  std::unordered_map<std::string, int> counts_;
};

class Service {
public:
  explicit Service(Address addr)
      : endpoint_(std::make_shared<Http::Endpoint>(addr)), limiter_(120) {}

  void init(size_t threads) {
    auto opts = Http::Endpoint::options()
                    .threads(static_cast<int>(threads))
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(64 * 1024);
    endpoint_->init(opts);
    setupRoutes();
  }

  void start() {
    endpoint_->setHandler(router_.handler());
    endpoint_->serveThreaded();
  }

  void shutdown() { endpoint_->shutdown(); }

private:
  void setupRoutes() {
    using namespace Rest;
    router_.addMiddleware(Routes::middleware(&Service::authenticate, this));
    Routes::Get(router_, "/items", Routes::bind(&Service::listItems, this));
    Routes::Get(router_, "/items/:id", Routes::bind(&Service::getItem, this));
    Routes::Put(router_, "/items/:id", Routes::bind(&Service::putItem, this));
    Routes::Delete(router_, "/items/:id", Routes::bind(&Service::deleteItem, this));
    Routes::Get(router_, "/ready", Routes::bind(&Service::ready));
    router_.addNotFoundHandler(Routes::bind(&Service::notFound, this));
  }

  bool authenticate(Http::Request &request, Http::ResponseWriter &response) {
    auto client = request.address().host();
    if (!limiter_.allow(client)) {
      response.send(Http::Code::Too_Many_Requests);
      return false;
    }
    auto auth = request.headers().tryGet<Http::Header::Authorization>();
    if (!auth || auth->value().empty()) {
      response.send(Http::Code::Unauthorized, "missing credentials");
      return false;
    }
    return true;
  }

  void listItems(const Rest::Request &, Http::ResponseWriter response) {
    std::string body = "[";
    for (const auto &id : inventory_.ids())
      body += (body.size() > 1 ? ",\"" : "\"") + id + "\"";
    body += "]";
    response.send(Http::Code::Ok, body, MIME(Application, Json));
  }

  void getItem(const Rest::Request &request, Http::ResponseWriter response) {
    auto id = request.param(":id").as<std::string>();
    Item item;
    if (!inventory_.find(id, item)) {
      response.send(Http::Code::Not_Found);
      return;
    }
    response.headers().add<Http::Header::CacheControl>(
        Http::CacheDirective(Http::CacheDirective::MaxAge, std::chrono::seconds(30)));
    response
        .send(Http::Code::Ok,
              "{\"name\":\"" + item.name + "\",\"quantity\":" + std::to_string(item.quantity) + "}",
              MIME(Application, Json))
        .then([](ssize_t bytes) { (void)bytes; }, Async::IgnoreException);
  }

  void putItem(const Rest::Request &request, Http::ResponseWriter response) {
    auto id = request.param(":id").as<std::string>();
    Item item{request.body(), 1};
    if (request.query().has("quantity"))
      item.quantity = std::stoi(request.query().get("quantity").value_or("1"));
    response.send(inventory_.upsert(id, item) ? Http::Code::Created
                                              : Http::Code::Insufficient_Storage);
  }

  void deleteItem(const Rest::Request &request, Http::ResponseWriter response) {
    response.send(inventory_.remove(request.param(":id").as<std::string>())
                      ? Http::Code::No_Content
                      : Http::Code::Not_Found);
  }

  static void ready(const Rest::Request &, Http::ResponseWriter response) {
    response.send(Http::Code::Ok, "1");
  }

  void notFound(const Rest::Request &request, Http::ResponseWriter response) {
    response.send(Http::Code::Not_Found, "no route for " + request.resource());
  }

  std::shared_ptr<Http::Endpoint> endpoint_;
  Rest::Router router_;
  Inventory inventory_;
  RateLimiter limiter_;
};

// A raw handler, cloned per worker thread by Pistache.
class EchoHandler : public Http::Handler {
public:
  HTTP_PROTOTYPE(EchoHandler)

  void onRequest(const Http::Request &req, Http::ResponseWriter response) override {
    if (req.method() == Http::Method::Post)
      response.send(Http::Code::Ok, req.body(), MIME(Text, Plain));
    else
      response.send(Http::Code::Method_Not_Allowed);
  }

  void onTimeout(const Http::Request &, Http::ResponseWriter response) override {
    response.send(Http::Code::Request_Timeout, "timeout").then(
        [](ssize_t) {}, Async::IgnoreException);
  }
};

} // namespace api

int main() {
  api::Service svc(Address(Ipv4::any(), Port(9080)));
  svc.init(2);
  svc.start();

  Http::Endpoint echo(Address(Ipv4::loopback(), Port(9081)));
  echo.init(Http::Endpoint::options().threads(1));
  echo.setHandler(Http::make_handler<api::EchoHandler>());
  echo.serveThreaded();

  Http::Experimental::Client client;
  client.init(Http::Experimental::Client::options().threads(1).maxConnectionsPerHost(8));

  auto ok = std::make_shared<std::atomic<int>>(0);
  std::vector<Async::Promise<Http::Response>> responses;
  for (int i = 0; i < 4; ++i) {
    auto resp = client.get("http://127.0.0.1:9080/ready")
                    .header<Http::Header::Authorization>("Bearer token")
                    .timeout(std::chrono::seconds(2))
                    .send();
    resp.then(
        [ok](Http::Response r) {
          if (r.code() == Http::Code::Ok)
            ++*ok;
        },
        [](std::exception_ptr) {});
    responses.push_back(std::move(resp));
  }
  auto all = Async::whenAll(responses.begin(), responses.end());
  Async::Barrier<std::vector<Http::Response>> barrier(all);
  barrier.wait_for(std::chrono::seconds(5));

  std::cout << *ok << " ok\n";
  client.shutdown();
  echo.shutdown();
  svc.shutdown();
}
