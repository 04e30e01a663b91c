// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libpoco-dev
//
// POCO 1.11 (Foundation, Net, Util, JSON): a ServerApplication running an
// HTTPServer whose handler factory creates one handler per request, a
// NotificationCenter with observers that remove themselves in their
// destructor, BasicEvent delegates added and removed symmetrically, an
// ExpireLRUCache of session objects keyed by session id, a Poco::Timer with
// a TimerCallback, a ThreadPool with Runnables, an Activity, a
// NotificationQueue worker, and the Logger registry (Logger::get).

#include <Poco/Activity.h>
#include <Poco/AutoPtr.h>
#include <Poco/BasicEvent.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Delegate.h>
#include <Poco/ExpireLRUCache.h>
#include <Poco/FormattingChannel.h>
#include <Poco/LRUCache.h>
#include <Poco/Logger.h>
#include <Poco/NObserver.h>
#include <Poco/Notification.h>
#include <Poco/NotificationCenter.h>
#include <Poco/NotificationQueue.h>
#include <Poco/Observer.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Runnable.h>
#include <Poco/RunnableAdapter.h>
#include <Poco/SharedPtr.h>
#include <Poco/SingletonHolder.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Task.h>
#include <Poco/TaskManager.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timer.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace svc {

struct Session {
  std::string user;
  Poco::Timestamp created;
  int hits = 0;
};

// Sessions keyed by their id; entries expire after 20 minutes and the cache
// holds at most 10000.
class SessionStore {
public:
  SessionStore() : cache_(10000, 20 * 60 * 1000) {}

  std::string create(const std::string &user) {
    std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    Session s;
    s.user = user;
    cache_.add(id, s);
    return id;
  }

  Poco::SharedPtr<Session> find(const std::string &id) { return cache_.get(id); }
  void remove(const std::string &id) { cache_.remove(id); }

private:
  Poco::ExpireLRUCache<std::string, Session> cache_;
};

class ConfigChanged : public Poco::Notification {
public:
  explicit ConfigChanged(std::string key) : key_(std::move(key)) {}
  const std::string &key() const { return key_; }

private:
  std::string key_;
};

class RateLimiter {
public:
  RateLimiter() {
    Poco::NotificationCenter::defaultCenter().addObserver(
        Poco::NObserver<RateLimiter, ConfigChanged>(*this, &RateLimiter::onConfig));
  }
  ~RateLimiter() {
    Poco::NotificationCenter::defaultCenter().removeObserver(
        Poco::NObserver<RateLimiter, ConfigChanged>(*this, &RateLimiter::onConfig));
  }

  bool allow() { return ++count_ <= limit_; }
  void resetWindow() { count_ = 0; }

private:
  void onConfig(const Poco::AutoPtr<ConfigChanged> &n) {
    if (n->key() == "rate.limit")
      limit_ = 200;
  }

  std::atomic<int> count_{0};
  std::atomic<int> limit_{100};
};

class AccessLog {
public:
  explicit AccessLog(Poco::BasicEvent<const std::string> &ev) : ev_(ev) {
    ev_ += Poco::delegate(this, &AccessLog::onRequest);
  }
  ~AccessLog() { ev_ -= Poco::delegate(this, &AccessLog::onRequest); }

  std::size_t lines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

private:
  void onRequest(const void *, const std::string &path) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
    Poco::Logger::get("access").information("GET " + path);
  }

  Poco::BasicEvent<const std::string> &ev_;
  mutable std::mutex mutex_;
  std::size_t count_ = 0;
};

class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
  ApiHandler(SessionStore &sessions, RateLimiter &limiter)
      : sessions_(sessions), limiter_(limiter) {}

  void handleRequest(Poco::Net::HTTPServerRequest &req,
                     Poco::Net::HTTPServerResponse &resp) override {
    if (!limiter_.allow()) {
      resp.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
      resp.send();
      return;
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    Poco::URI uri(req.getURI());
    if (uri.getPath() == "/login" && req.getMethod() == Poco::Net::HTTPRequest::HTTP_POST) {
      Poco::Net::HTMLForm form(req, req.stream());
      out->set("session", sessions_.create(form.get("user", "anonymous")));
    } else if (req.has("X-Session")) {
      auto s = sessions_.find(req.get("X-Session"));
      if (s) {
        ++s->hits;
        out->set("user", s->user);
        out->set("hits", s->hits);
      } else {
        resp.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
      }
    }
    resp.setContentType("application/json");
    Poco::JSON::Stringifier::stringify(out, resp.send());
  }

private:
  SessionStore &sessions_;
  RateLimiter &limiter_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  HandlerFactory(SessionStore &s, RateLimiter &l,
                 Poco::BasicEvent<const std::string> &requested)
      : sessions_(s), limiter_(l), requested_(requested) {}

  Poco::Net::HTTPRequestHandler *
  createRequestHandler(const Poco::Net::HTTPServerRequest &req) override {
    requested_.notifyAsync(this, req.getURI());
    return new ApiHandler(sessions_, limiter_);
  }

private:
  SessionStore &sessions_;
  RateLimiter &limiter_;
  Poco::BasicEvent<const std::string> &requested_;
};

class EchoConnection : public Poco::Net::TCPServerConnection {
public:
  using Poco::Net::TCPServerConnection::TCPServerConnection;
  void run() override {
    Poco::Net::SocketStream ss(socket());
    std::string line;
    while (std::getline(ss, line))
      ss << line << std::endl;
  }
};

class Janitor : public Poco::Task {
public:
  explicit Janitor(RateLimiter &l) : Poco::Task("janitor"), limiter_(l) {}
  void runTask() override {
    while (!sleep(1000))
      limiter_.resetWindow();
  }

private:
  RateLimiter &limiter_;
};

class Job : public Poco::Notification {
public:
  explicit Job(int n) : n_(n) {}
  int n() const { return n_; }

private:
  int n_;
};

class JobWorker : public Poco::Runnable {
public:
  explicit JobWorker(Poco::NotificationQueue &q) : queue_(q) {}
  void run() override {
    Poco::AutoPtr<Poco::Notification> n(queue_.waitDequeueNotification());
    while (n) {
      if (auto *job = dynamic_cast<Job *>(n.get()))
        done_ += job->n();
      n = queue_.waitDequeueNotification();
    }
  }
  int done() const { return done_; }

private:
  Poco::NotificationQueue &queue_;
  std::atomic<int> done_{0};
};

class Metrics {
public:
  Metrics() : activity_(this, &Metrics::sample) {}
  void start() { activity_.start(); }
  void stop() {
    activity_.stop();
    activity_.wait();
  }

private:
  void sample() {
    while (!activity_.isStopped()) {
      ++samples_;
      Poco::Thread::sleep(250);
    }
  }

  Poco::Activity<Metrics> activity_;
  std::atomic<int> samples_{0};
};

class Heartbeat {
public:
  void onTimer(Poco::Timer &) { ++beats_; }
  int beats() const { return beats_; }

private:
  std::atomic<int> beats_{0};
};

class Server : public Poco::Util::ServerApplication {
protected:
  void initialize(Poco::Util::Application &self) override {
    loadConfiguration();
    Poco::Util::ServerApplication::initialize(self);
    Poco::AutoPtr<Poco::PatternFormatter> pf(
        new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S [%p] %s: %t"));
    Poco::AutoPtr<Poco::FormattingChannel> fc(
        new Poco::FormattingChannel(pf, new Poco::ConsoleChannel));
    Poco::Logger::root().setChannel(fc);
  }

  void defineOptions(Poco::Util::OptionSet &options) override {
    Poco::Util::ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("port", "p", "HTTP port")
                          .required(false)
                          .argument("port")
                          .binding("http.port"));
  }

  int main(const std::vector<std::string> &) override {
    auto &log = Poco::Logger::get("server");
    SessionStore sessions;
    RateLimiter limiter;
    Poco::BasicEvent<const std::string> requested;
    AccessLog access(requested);

    auto port = static_cast<Poco::UInt16>(config().getInt("http.port", 8080));
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    params->setKeepAlive(true);
    Poco::Net::HTTPServer http(new HandlerFactory(sessions, limiter, requested),
                               Poco::Net::ServerSocket(port), params);
    Poco::Net::TCPServer echo(
        new Poco::Net::TCPServerConnectionFactoryImpl<EchoConnection>(),
        Poco::Net::ServerSocket(static_cast<Poco::UInt16>(port + 1)));

    Poco::TaskManager tm;
    tm.start(new Janitor(limiter));

    Poco::NotificationQueue queue;
    JobWorker worker(queue);
    Poco::ThreadPool pool(2, 8);
    pool.start(worker);
    for (int i = 0; i < 10; ++i)
      queue.enqueueNotification(new Job(i));

    Metrics metrics;
    metrics.start();

    Heartbeat hb;
    Poco::Timer timer(0, 5000);
    timer.start(Poco::TimerCallback<Heartbeat>(hb, &Heartbeat::onTimer));

    http.start();
    echo.start();
    log.information("listening on %hu", port);
    Poco::NotificationCenter::defaultCenter().postNotification(
        new ConfigChanged("rate.limit"));

    waitForTerminationRequest();

    timer.stop();
    metrics.stop();
    queue.wakeUpAll();
    pool.joinAll();
    tm.cancelAll();
    tm.joinAll();
    echo.stop();
    http.stop();
    log.information("served %z requests, %d heartbeats", access.lines(), hb.beats());
    return Poco::Util::Application::EXIT_OK;
  }
};

} // namespace svc

POCO_SERVER_MAIN(svc::Server)
