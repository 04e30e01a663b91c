// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libcpprest-dev libboost-dev libssl-dev
//
// C++ REST SDK (cpprestsdk 2.10): a REST listener serving a key/value store
// (value-keyed map guarded by a mutex, bounded), an upstream client whose
// pplx continuations keep the request object alive via shared_from_this(),
// a polling task chain with cancellation, and a WebSocket client whose
// message handler holds a weak_ptr to its owner.

#include <cpprest/asyncrt_utils.h>
#include <cpprest/containerstream.h>
#include <cpprest/filestream.h>
#include <cpprest/http_client.h>
#include <cpprest/http_listener.h>
#include <cpprest/json.h>
#include <cpprest/producerconsumerstream.h>
#include <cpprest/rawptrstream.h>
#include <cpprest/uri.h>
#include <cpprest/uri_builder.h>
#include <cpprest/ws_client.h>
#include <pplx/pplxtasks.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace web;
using namespace web::http;
using web::http::experimental::listener::http_listener;
using web::http::experimental::listener::http_listener_config;

namespace kv {

class Store {
public:
  explicit Store(std::size_t max_keys) : max_keys_(max_keys) {}

  bool put(const utility::string_t &k, json::value v) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = data_.find(k);
    if (it == data_.end() && data_.size() >= max_keys_)
      return false;
    data_[k] = std::move(v);
    return true;
  }

  bool get(const utility::string_t &k, json::value &out) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = data_.find(k);
    if (it == data_.end())
      return false;
    out = it->second;
    return true;
  }

  bool erase(const utility::string_t &k) {
    std::lock_guard<std::mutex> lock(mutex_);
    return data_.erase(k) > 0;
  }

  json::value keys() const {
    std::lock_guard<std::mutex> lock(mutex_);
    json::value arr = json::value::array();
    std::size_t i = 0;
    for (const auto &kv : data_)
      arr[i++] = json::value::string(kv.first);
    return arr;
  }

private:
  mutable std::mutex mutex_;
  std::size_t max_keys_;
  std::map<utility::string_t, json::value> data_;
};

class Service {
public:
  Service(const utility::string_t &url, Store &store)
      : listener_(url, config()), store_(store) {
    listener_.support(methods::GET, [this](http_request r) { handle_get(r); });
    listener_.support(methods::PUT, [this](http_request r) { handle_put(r); });
    listener_.support(methods::DEL, [this](http_request r) { handle_del(r); });
  }

  pplx::task<void> open() { return listener_.open(); }
  pplx::task<void> close() { return listener_.close(); }

private:
  static http_listener_config config() {
    http_listener_config c;
    c.set_timeout(std::chrono::seconds(30));
    return c;
  }

  static utility::string_t key_of(const http_request &r) {
    auto paths = uri::split_path(uri::decode(r.relative_uri().path()));
    return paths.empty() ? utility::string_t() : paths.front();
  }

  void handle_get(http_request r) {
    auto key = key_of(r);
    if (key.empty()) {
      r.reply(status_codes::OK, store_.keys());
      return;
    }
    json::value v;
    if (store_.get(key, v))
      r.reply(status_codes::OK, v);
    else
      r.reply(status_codes::NotFound);
  }

  void handle_put(http_request r) {
    auto key = key_of(r);
    r.extract_json()
        .then([this, r, key](pplx::task<json::value> t) mutable {
          try {
            auto v = t.get();
            r.reply(store_.put(key, v) ? status_codes::NoContent
                                       : status_codes::InsufficientStorage);
          } catch (const json::json_exception &e) {
            r.reply(status_codes::BadRequest, utility::conversions::to_string_t(e.what()));
          }
        });
  }

  void handle_del(http_request r) {
    r.reply(store_.erase(key_of(r)) ? status_codes::NoContent
                                    : status_codes::NotFound);
  }

  http_listener listener_;
  Store &store_;
};

// A multi-step upstream request that keeps itself alive through its
// continuation chain.
class UpstreamLookup : public std::enable_shared_from_this<UpstreamLookup> {
public:
  UpstreamLookup(client::http_client &client, utility::string_t id)
      : client_(client), id_(std::move(id)) {}

  pplx::task<json::value> run(pplx::cancellation_token ct) {
    auto self = shared_from_this();
    uri_builder b(U("/users"));
    b.append_path(id_);
    return client_.request(methods::GET, b.to_string(), ct)
        .then([self](http_response resp) {
          if (resp.status_code() != status_codes::OK)
            throw http_exception(resp.status_code());
          return resp.extract_json();
        })
        .then([self, ct](json::value user) {
          self->user_ = user;
          uri_builder ob(U("/orders"));
          ob.append_query(U("user"), self->id_);
          return self->client_.request(methods::GET, ob.to_string(), ct);
        })
        .then([](http_response resp) { return resp.extract_json(); })
        .then([self](json::value orders) {
          json::value out = json::value::object();
          out[U("user")] = self->user_;
          out[U("orders")] = orders;
          return out;
        });
  }

private:
  client::http_client &client_;
  utility::string_t id_;
  json::value user_;
};

// Polls an endpoint until cancelled; each step schedules the next from its
// continuation.
class Poller {
public:
  Poller(client::http_client &client, utility::string_t path)
      : client_(client), path_(std::move(path)) {}

  void start() { step(); }
  void stop() { cts_.cancel(); }
  int polls() const { return polls_; }

private:
  void step() {
    auto token = cts_.get_token();
    if (token.is_canceled())
      return;
    client_.request(methods::GET, path_, token)
        .then([this, token](pplx::task<http_response> t) {
          try {
            t.get();
            ++polls_;
          } catch (const std::exception &) {
          }
          if (!token.is_canceled())
            pplx::create_task([] {
              std::this_thread::sleep_for(std::chrono::seconds(1));
            }).then([this] { step(); });
        });
  }

  client::http_client &client_;
  utility::string_t path_;
  pplx::cancellation_token_source cts_;
  std::atomic<int> polls_{0};
};

class Feed : public std::enable_shared_from_this<Feed> {
public:
  Feed() = default;

  pplx::task<void> connect(const utility::string_t &url) {
    std::weak_ptr<Feed> weak = shared_from_this();
    client_.set_message_handler(
        [weak](const web::websockets::client::websocket_incoming_message &m) {
          if (auto self = weak.lock())
            m.extract_string().then([self](std::string s) { self->on_message(s); });
        });
    client_.set_close_handler([weak](web::websockets::client::websocket_close_status,
                                     const utility::string_t &,
                                     const std::error_code &) {
      if (auto self = weak.lock())
        self->connected_ = false;
    });
    return client_.connect(url).then([weak] {
      if (auto self = weak.lock())
        self->connected_ = true;
    });
  }

  pplx::task<void> send(const std::string &text) {
    web::websockets::client::websocket_outgoing_message msg;
    msg.set_utf8_message(text);
    return client_.send(msg);
  }

  pplx::task<void> close() { return client_.close(); }

private:
  void on_message(const std::string &s) {
    std::lock_guard<std::mutex> lock(mutex_);
    last_.push_back(s);
    if (last_.size() > 100)
      last_.erase(last_.begin());
  }

  web::websockets::client::websocket_callback_client client_;
  std::mutex mutex_;
  std::vector<std::string> last_;
  std::atomic<bool> connected_{false};
};

} // namespace kv

int main() {
  kv::Store store(10000);
  kv::Service svc(U("http://127.0.0.1:34568/kv"), store);
  svc.open().wait();

  client::http_client_config cfg;
  cfg.set_timeout(std::chrono::seconds(10));
  client::http_client client(U("http://127.0.0.1:34568/"), cfg);

  json::value body = json::value::object();
  body[U("name")] = json::value::string(U("alice"));
  client.request(methods::PUT, U("/kv/alice"), body).wait();

  pplx::cancellation_token_source cts;
  auto lookup = std::make_shared<kv::UpstreamLookup>(client, U("alice"));
  lookup->run(cts.get_token())
      .then([](pplx::task<json::value> t) {
        try {
          std::cout << utility::conversions::to_utf8string(t.get().serialize())
                    << "\n";
        } catch (const std::exception &e) {
          std::cerr << e.what() << "\n";
        }
      })
      .wait();

  kv::Poller poller(client, U("/kv"));
  poller.start();

  auto feed = std::make_shared<kv::Feed>();
  feed->connect(U("ws://127.0.0.1:34569/feed")).then([feed](pplx::task<void> t) {
    try {
      t.get();
      feed->send("hello").wait();
    } catch (const std::exception &) {
    }
  });

  concurrency::streams::container_buffer<std::string> buf;
  client.request(methods::GET, U("/kv"))
      .then([&buf](http_response r) { return r.body().read_to_end(buf); })
      .wait();
  std::cout << buf.collection() << "\n";

  poller.stop();
  feed->close().wait();
  svc.close().wait();
}
