// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libwebsocketpp-dev libboost-dev
//
// WebSocket++ on Boost.Asio: the broadcast server idiom (a set of
// connection_hdl weak handles with owner_less, inserted on open and erased
// on close), an action queue drained by a worker thread, per-connection
// data kept in a map keyed by handle and erased on close, a periodic timer,
// and a client endpoint managing several outgoing connections.

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>
#include <websocketpp/server.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/common/thread.hpp>
#include <websocketpp/common/memory.hpp>
#include <websocketpp/common/functional.hpp>

#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <thread>

using server_t = websocketpp::server<websocketpp::config::asio>;
using client_t = websocketpp::client<websocketpp::config::asio_client>;
using websocketpp::connection_hdl;
using websocketpp::lib::bind;
using websocketpp::lib::placeholders::_1;
using websocketpp::lib::placeholders::_2;

enum action_type { SUBSCRIBE, UNSUBSCRIBE, MESSAGE };

struct action {
  action(action_type t, connection_hdl h) : type(t), hdl(std::move(h)) {}
  action(action_type t, connection_hdl h, server_t::message_ptr m)
      : type(t), hdl(std::move(h)), msg(std::move(m)) {}

  action_type type;
  connection_hdl hdl;
  server_t::message_ptr msg;
};

struct connection_data {
  int session_id;
  std::string name;
};

class broadcast_server {
public:
  broadcast_server() {
    server_.clear_access_channels(websocketpp::log::alevel::all);
    server_.set_access_channels(websocketpp::log::alevel::connect |
                                websocketpp::log::alevel::disconnect);
    server_.init_asio();
    server_.set_reuse_addr(true);

    server_.set_open_handler(bind(&broadcast_server::on_open, this, _1));
    server_.set_close_handler(bind(&broadcast_server::on_close, this, _1));
    server_.set_message_handler(
        bind(&broadcast_server::on_message, this, _1, _2));
    server_.set_http_handler(bind(&broadcast_server::on_http, this, _1));
    server_.set_validate_handler([this](connection_hdl hdl) {
      auto con = server_.get_con_from_hdl(hdl);
      return con->get_origin().empty() ||
             con->get_origin().find("example.com") != std::string::npos;
    });
  }

  void run(uint16_t port) {
    server_.listen(port);
    server_.start_accept();
    schedule_ping();
    try {
      server_.run();
    } catch (const std::exception &e) {
      std::cerr << e.what() << std::endl;
    }
  }

  void stop() {
    server_.stop_listening();
    std::lock_guard<std::mutex> guard(connection_lock_);
    for (const auto &hdl : connections_) {
      websocketpp::lib::error_code ec;
      server_.close(hdl, websocketpp::close::status::going_away, "shutdown", ec);
    }
  }

  void on_open(connection_hdl hdl) {
    {
      std::lock_guard<std::mutex> guard(action_lock_);
      actions_.push(action(SUBSCRIBE, hdl));
    }
    action_cond_.notify_one();
  }

  void on_close(connection_hdl hdl) {
    {
      std::lock_guard<std::mutex> guard(action_lock_);
      actions_.push(action(UNSUBSCRIBE, hdl));
    }
    action_cond_.notify_one();
  }

  void on_message(connection_hdl hdl, server_t::message_ptr msg) {
    {
      std::lock_guard<std::mutex> guard(action_lock_);
      actions_.push(action(MESSAGE, hdl, msg));
    }
    action_cond_.notify_one();
  }

  void on_http(connection_hdl hdl) {
    auto con = server_.get_con_from_hdl(hdl);
    std::stringstream ss;
    ss << "clients: " << connection_count();
    con->set_body(ss.str());
    con->set_status(websocketpp::http::status_code::ok);
  }

  std::size_t connection_count() {
    std::lock_guard<std::mutex> guard(connection_lock_);
    return connections_.size();
  }

  void process_messages() {
    while (true) {
      std::unique_lock<std::mutex> lock(action_lock_);
      action_cond_.wait(lock, [this] { return !actions_.empty() || done_; });
      if (done_ && actions_.empty())
        return;
      action a = actions_.front();
      actions_.pop();
      lock.unlock();

      if (a.type == SUBSCRIBE) {
        std::lock_guard<std::mutex> guard(connection_lock_);
        connections_.insert(a.hdl);
        data_[a.hdl] = connection_data{next_session_id_++, ""};
      } else if (a.type == UNSUBSCRIBE) {
        std::lock_guard<std::mutex> guard(connection_lock_);
        connections_.erase(a.hdl);
        data_.erase(a.hdl);
      } else if (a.type == MESSAGE) {
        std::lock_guard<std::mutex> guard(connection_lock_);
        auto it = data_.find(a.hdl);
        if (it != data_.end() && it->second.name.empty()) {
          it->second.name = a.msg->get_payload();
          continue;
        }
        for (const auto &hdl : connections_) {
          websocketpp::lib::error_code ec;
          server_.send(hdl, a.msg, ec);
        }
      }
    }
  }

  void shutdown_worker() {
    {
      std::lock_guard<std::mutex> guard(action_lock_);
      done_ = true;
    }
    action_cond_.notify_all();
  }

private:
  void schedule_ping() {
    server_.set_timer(10000, [this](const websocketpp::lib::error_code &ec) {
      if (ec)
        return;
      std::lock_guard<std::mutex> guard(connection_lock_);
      for (const auto &hdl : connections_) {
        websocketpp::lib::error_code pec;
        server_.ping(hdl, "keepalive", pec);
      }
      schedule_ping();
    });
  }

  using con_list = std::set<connection_hdl, std::owner_less<connection_hdl>>;

  server_t server_;
  con_list connections_;
  std::map<connection_hdl, connection_data, std::owner_less<connection_hdl>>
      data_;
  int next_session_id_ = 1;
  std::queue<action> actions_;
  std::mutex action_lock_;
  std::mutex connection_lock_;
  std::condition_variable action_cond_;
  bool done_ = false;
};

// Client side: metadata for each outgoing connection, owned by the endpoint
// and looked up by id.
class connection_metadata {
public:
  using ptr = websocketpp::lib::shared_ptr<connection_metadata>;

  connection_metadata(int id, connection_hdl hdl, std::string uri)
      : id_(id), hdl_(std::move(hdl)), status_("Connecting"),
        uri_(std::move(uri)), server_("N/A") {}

  void on_open(client_t *c, connection_hdl hdl) {
    status_ = "Open";
    client_t::connection_ptr con = c->get_con_from_hdl(hdl);
    server_ = con->get_response_header("Server");
  }

  void on_fail(client_t *c, connection_hdl hdl) {
    status_ = "Failed";
    client_t::connection_ptr con = c->get_con_from_hdl(hdl);
    server_ = con->get_response_header("Server");
    error_reason_ = con->get_ec().message();
  }

  void on_close(client_t *c, connection_hdl hdl) {
    status_ = "Closed";
    client_t::connection_ptr con = c->get_con_from_hdl(hdl);
    std::stringstream s;
    s << "close code: " << con->get_remote_close_code() << " ("
      << websocketpp::close::status::get_string(con->get_remote_close_code())
      << "), close reason: " << con->get_remote_close_reason();
    error_reason_ = s.str();
  }

  void on_message(connection_hdl, client_t::message_ptr msg) {
    if (msg->get_opcode() == websocketpp::frame::opcode::text)
      messages_.push_back("<< " + msg->get_payload());
    else
      messages_.push_back("<< " + websocketpp::utility::to_hex(msg->get_payload()));
    if (messages_.size() > 256)
      messages_.erase(messages_.begin());
  }

  connection_hdl get_hdl() const { return hdl_; }
  int get_id() const { return id_; }
  std::string get_status() const { return status_; }

private:
  int id_;
  connection_hdl hdl_;
  std::string status_;
  std::string uri_;
  std::string server_;
  std::string error_reason_;
  std::vector<std::string> messages_;
};

class websocket_endpoint {
public:
  websocket_endpoint() {
    endpoint_.clear_access_channels(websocketpp::log::alevel::all);
    endpoint_.clear_error_channels(websocketpp::log::elevel::all);
    endpoint_.init_asio();
    endpoint_.start_perpetual();
    thread_ = websocketpp::lib::make_shared<websocketpp::lib::thread>(
        &client_t::run, &endpoint_);
  }

  ~websocket_endpoint() {
    endpoint_.stop_perpetual();
    for (auto it = connection_list_.begin(); it != connection_list_.end(); ++it) {
      if (it->second->get_status() != "Open")
        continue;
      websocketpp::lib::error_code ec;
      endpoint_.close(it->second->get_hdl(),
                      websocketpp::close::status::going_away, "", ec);
    }
    thread_->join();
  }

  int connect(const std::string &uri) {
    websocketpp::lib::error_code ec;
    client_t::connection_ptr con = endpoint_.get_connection(uri, ec);
    if (ec)
      return -1;

    int new_id = next_id_++;
    auto metadata = websocketpp::lib::make_shared<connection_metadata>(
        new_id, con->get_handle(), uri);
    connection_list_[new_id] = metadata;

    con->set_open_handler(bind(&connection_metadata::on_open, metadata,
                               &endpoint_, _1));
    con->set_fail_handler(bind(&connection_metadata::on_fail, metadata,
                               &endpoint_, _1));
    con->set_close_handler(bind(&connection_metadata::on_close, metadata,
                                &endpoint_, _1));
    con->set_message_handler(
        bind(&connection_metadata::on_message, metadata, _1, _2));

    endpoint_.connect(con);
    return new_id;
  }

  void close(int id, websocketpp::close::status::value code,
             const std::string &reason) {
    auto it = connection_list_.find(id);
    if (it == connection_list_.end())
      return;
    websocketpp::lib::error_code ec;
    endpoint_.close(it->second->get_hdl(), code, reason, ec);
    connection_list_.erase(it);
  }

  void send(int id, const std::string &message) {
    auto it = connection_list_.find(id);
    if (it == connection_list_.end())
      return;
    websocketpp::lib::error_code ec;
    endpoint_.send(it->second->get_hdl(), message,
                   websocketpp::frame::opcode::text, ec);
  }

  connection_metadata::ptr get_metadata(int id) const {
    auto it = connection_list_.find(id);
    return it == connection_list_.end() ? connection_metadata::ptr()
                                        : it->second;
  }

private:
  using con_list = std::map<int, connection_metadata::ptr>;

  client_t endpoint_;
  websocketpp::lib::shared_ptr<websocketpp::lib::thread> thread_;
  con_list connection_list_;
  int next_id_ = 0;
};

int main() {
  broadcast_server srv;
  std::thread worker(&broadcast_server::process_messages, &srv);
  std::thread net([&srv] { srv.run(9002); });

  {
    websocket_endpoint ep;
    int id = ep.connect("ws://localhost:9002");
    if (id >= 0) {
      ep.send(id, "client-1");
      ep.send(id, "hello");
      ep.close(id, websocketpp::close::status::normal, "bye");
    }
  }

  srv.stop();
  srv.shutdown_worker();
  net.join();
  worker.join();
}
