// A leak in a real project, reduced: muduo's SOCKS4a/TCP relay Tunnel
// (chenshuo/muduo f1fc77e0, examples/socks4a/tunnel.h) is kept alive by its
// own TcpClient when the backend refuses the connection.
//
//   tunnel.h:35-38    setup() stores std::bind(..., shared_from_this(), ...)
//                     in client_'s connection and message callbacks, and
//                     client_ is a member (tunnel.h:189): Tunnel -> client_ ->
//                     callbacks -> shared_ptr<Tunnel>. (The high-water-mark
//                     callback at tunnel.h:39-42 already uses a weak_ptr.)
//   tunnel.h:57-67    teardown() resets both callbacks: the only code that
//                     breaks the cycle. It runs from onClientConnection()
//                     (tunnel.h:90-93) when an established backend
//                     connection goes down.
//   TcpClient.cc:68   "FIXME setConnectFailedCallback": a refused connect is
//   Connector.cc:95-97,165-171,209-220  retried by the Connector (on a
//                     timer holding shared_from_this(), for as long as its
//                     connect_ is set) and never reaches TcpClient's
//                     callbacks, so onClientConnection() is never called.
//   tcprelay.cc:22-31 the only outside owner is g_tunnels; when the client
//   socks4a.cc:23-28,89-92  gives up, disconnect() (tunnel.h:50-54 ->
//                     TcpClient.cc:113-124: connect_ = false, and a shutdown
//                     of a connection that does not exist) and erase() run.
//                     The Tunnel stays owned by its two callbacks, with its
//                     TcpClient, its Connector (which keeps redialing the
//                     backend every 30 s) and serverConn_, whose socket
//                     muduo closes only in ~TcpConnection (TcpConnection.cc:413).
//
// The model keeps those owners and callbacks, single-threaded, on a simulated
// clock. A control run where the backend accepts and then closes shows
// teardown() freeing every Tunnel. -DFIXED captures a weak_ptr instead, as
// setup() already does for the high-water-mark callback; ~TcpClient then
// stops the Connector. On the real tunnel.h, leak-callback-cycle reports the
// same two warnings, at tunnel.h:35:13 and tunnel.h:37:13.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.buggy
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.buggy > %t.buggy.out 2> %t.buggy.err
// RUN: FileCheck --check-prefix=BUGGY %s < %t.buggy.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.buggy.err
// RUN: %clangxx -std=c++17 %asan_lsan -DFIXED %s -o %t.fixed
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.fixed 2>&1 | FileCheck --check-prefix=FIXED --implicit-check-not=LeakSanitizer %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY --implicit-check-not=warning: %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=TIDY-FIXED %s
//
// BUGGY: live tunnels after 100 closed connections: 0{{$}}
// BUGGY-NEXT: live tunnels after 100 refused connections: 100{{$}}
// BUGGY-NEXT: live connectors: 100{{$}}
// BUGGY-NEXT: open client sockets: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// FIXED: live tunnels after 100 closed connections: 0{{$}}
// FIXED-NEXT: live tunnels after 100 refused connections: 0{{$}}
// FIXED-NEXT: live connectors: 0{{$}}
// FIXED-NEXT: open client sockets: 0{{$}}
// TIDY-FIXED-NOT: {{warning|error}}:

#include <algorithm>
#include <any>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

static int LiveTunnels = 0;
static int LiveConnectors = 0;
static int OpenSockets = 0;
static bool BackendRefuses = true;

// muduo::net::EventLoop with its TimerQueue; one thread, simulated seconds.
class EventLoop {
public:
  void runAfter(double Delay, std::function<void()> Cb) {
    Timers.emplace(Now + Delay, std::move(Cb));
  }
  void queueInLoop(std::function<void()> Cb) { runAfter(0, std::move(Cb)); }
  void runUntil(double Time) {
    while (!Timers.empty() && Timers.begin()->first <= Time) {
      auto It = Timers.begin();
      Now = It->first;
      std::function<void()> Cb = std::move(It->second);
      Timers.erase(It);
      Cb();
    }
    Now = Time;
  }
  double now() const { return Now; }

private:
  double Now = 0;
  std::multimap<double, std::function<void()>> Timers;
};

class TcpConnection;
using TcpConnectionPtr = std::shared_ptr<TcpConnection>;
using ConnectionCallback = std::function<void(const TcpConnectionPtr &)>;
using MessageCallback =
    std::function<void(const TcpConnectionPtr &, std::string *)>;
using CloseCallback = std::function<void(const TcpConnectionPtr &)>;
using HighWaterMarkCallback =
    std::function<void(const TcpConnectionPtr &, size_t)>;

void defaultConnectionCallback(const TcpConnectionPtr &) {}
void defaultMessageCallback(const TcpConnectionPtr &, std::string *Buf) {
  Buf->clear();
}

// muduo::net::TcpConnection. Its socket is closed by its destructor, not on
// close, so whoever holds a TcpConnectionPtr holds the file descriptor.
class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
public:
  explicit TcpConnection(std::string Name) : name_(std::move(Name)) {
    ++OpenSockets;
  }
  ~TcpConnection() { --OpenSockets; }
  const std::string &name() const { return name_; }
  bool connected() const { return connected_; }
  void setConnectionCallback(ConnectionCallback Cb) {
    connectionCallback_ = std::move(Cb);
  }
  void setMessageCallback(MessageCallback Cb) {
    messageCallback_ = std::move(Cb);
  }
  void setCloseCallback(CloseCallback Cb) { closeCallback_ = std::move(Cb); }
  void setHighWaterMarkCallback(HighWaterMarkCallback Cb, size_t) {
    highWaterMarkCallback_ = std::move(Cb);
  }
  void setContext(std::any Context) { context_ = std::move(Context); }
  void setTcpNoDelay(bool) {}
  void startRead() {}
  void stopRead() {}
  void shutdown() {}
  void connectEstablished() {
    connected_ = true;
    connectionCallback_(shared_from_this());
  }
  void connectDestroyed() {}
  // TcpConnection::handleClose (TcpConnection.cc:408-421).
  void handleClose() {
    connected_ = false;
    TcpConnectionPtr guardThis(shared_from_this());
    connectionCallback_(guardThis);
    closeCallback_(guardThis);
  }

private:
  std::string name_;
  bool connected_ = false;
  ConnectionCallback connectionCallback_;
  MessageCallback messageCallback_;
  CloseCallback closeCallback_;
  HighWaterMarkCallback highWaterMarkCallback_;
  std::any context_;
};

// The peer at the other end of a socket closes it Delay seconds from now; the
// poller reaches the connection through Channel's weak tie.
static void peerClosesAfter(EventLoop *Loop, const TcpConnectionPtr &Conn,
                            double Delay) {
  Loop->runAfter(Delay, [Tie = std::weak_ptr<TcpConnection>(Conn)] {
    if (TcpConnectionPtr C = Tie.lock())
      C->handleClose();
  });
}

// muduo::net::Connector (Connector.cc): a refused connect is retried with
// back-off up to 30 s, forever while connect_ is set; the timer owns the
// Connector. Success is the only outcome reported to the TcpClient.
class Connector : public std::enable_shared_from_this<Connector> {
public:
  using NewConnectionCallback = std::function<void(int Sockfd)>;
  explicit Connector(EventLoop *Loop) : loop_(Loop) { ++LiveConnectors; }
  ~Connector() { --LiveConnectors; }
  void setNewConnectionCallback(const NewConnectionCallback &Cb) {
    newConnectionCallback_ = Cb;
  }
  void start() {
    connect_ = true;
    startInLoop();
  }
  void stop() { connect_ = false; }
  void startInLoop() {
    if (connect_)
      connect();
  }

private:
  static constexpr int kInitRetryDelayMs = 500;
  static constexpr int kMaxRetryDelayMs = 30 * 1000;

  void connect() {
    if (BackendRefuses) // ECONNREFUSED, at once or as SO_ERROR
      retry();
    else
      newConnectionCallback_(/*Sockfd=*/7);
  }
  void retry() {
    if (connect_) {
      loop_->runAfter(retryDelayMs_ / 1000.0,
                      std::bind(&Connector::startInLoop, shared_from_this()));
      retryDelayMs_ = std::min(retryDelayMs_ * 2, kMaxRetryDelayMs);
    }
  }

  EventLoop *loop_;
  bool connect_ = false;
  int retryDelayMs_ = kInitRetryDelayMs;
  NewConnectionCallback newConnectionCallback_;
};

// muduo::net::TcpClient (TcpClient.cc).
class TcpClient {
public:
  TcpClient(EventLoop *Loop, std::string Name)
      : loop_(Loop), connector_(std::make_shared<Connector>(Loop)),
        name_(std::move(Name)), connectionCallback_(defaultConnectionCallback),
        messageCallback_(defaultMessageCallback) {
    connector_->setNewConnectionCallback(
        std::bind(&TcpClient::newConnection, this, std::placeholders::_1));
    // FIXME setConnectFailedCallback
  }
  ~TcpClient() {
    if (!connection_) {
      connector_->stop();
      loop_->runAfter(1, [Connector = connector_] {}); // removeConnector
    }
  }
  void connect() {
    connect_ = true;
    connector_->start();
  }
  void disconnect() {
    connect_ = false;
    if (connection_)
      connection_->shutdown();
  }
  void setConnectionCallback(ConnectionCallback Cb) {
    connectionCallback_ = std::move(Cb);
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-1]]:27: note: 'TcpClient::setConnectionCallback' stores its argument in 'connectionCallback_' here
  }
  void setMessageCallback(MessageCallback Cb) {
    messageCallback_ = std::move(Cb);
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-1]]:24: note: 'TcpClient::setMessageCallback' stores its argument in 'messageCallback_' here
  }

private:
  void newConnection(int) {
    TcpConnectionPtr Conn = std::make_shared<TcpConnection>(name_ + ":backend");
    Conn->setConnectionCallback(connectionCallback_);
    Conn->setMessageCallback(messageCallback_);
    Conn->setCloseCallback(
        std::bind(&TcpClient::removeConnection, this, std::placeholders::_1));
    connection_ = Conn;
    peerClosesAfter(loop_, Conn, 1); // the control run's backend hangs up
    Conn->connectEstablished();
  }
  void removeConnection(const TcpConnectionPtr &Conn) {
    connection_.reset();
    loop_->queueInLoop(std::bind(&TcpConnection::connectDestroyed, Conn));
  }

  EventLoop *loop_;
  std::shared_ptr<Connector> connector_;
  const std::string name_;
  ConnectionCallback connectionCallback_;
  MessageCallback messageCallback_;
  bool connect_ = true;
  TcpConnectionPtr connection_;
};

// examples/socks4a/tunnel.h, minus logging and the write-complete handling.
class Tunnel : public std::enable_shared_from_this<Tunnel> {
public:
  Tunnel(EventLoop *Loop, const TcpConnectionPtr &ServerConn)
      : client_(Loop, ServerConn->name()), serverConn_(ServerConn) {
    ++LiveTunnels;
  }
  ~Tunnel() { --LiveTunnels; }

  void setup() {
    using std::placeholders::_1;
    using std::placeholders::_2;
#ifndef FIXED
    client_.setConnectionCallback(
        std::bind(&Tunnel::onClientConnection, shared_from_this(), _1));
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-2]]:13: warning: 'TcpClient::connectionCallback_' of 'client_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Tunnel' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-2]]:48: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument)
    client_.setMessageCallback(
        std::bind(&Tunnel::onClientMessage, shared_from_this(), _1, _2));
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-2]]:13: warning: 'TcpClient::messageCallback_' of 'client_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Tunnel' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-2]]:45: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument)
#else
    client_.setConnectionCallback(
        [Weak = weak_from_this()](const TcpConnectionPtr &Conn) {
          if (std::shared_ptr<Tunnel> T = Weak.lock())
            T->onClientConnection(Conn);
        });
    client_.setMessageCallback(
        [Weak = weak_from_this()](const TcpConnectionPtr &Conn,
                                  std::string *Buf) {
          if (std::shared_ptr<Tunnel> T = Weak.lock())
            T->onClientMessage(Conn, Buf);
        });
#endif
    serverConn_->setHighWaterMarkCallback(
        std::bind(&Tunnel::onHighWaterMarkWeak,
                  std::weak_ptr<Tunnel>(shared_from_this()), kServer, _1, _2),
        1024 * 1024);
  }

  void connect() { client_.connect(); }

  void disconnect() { client_.disconnect(); }

private:
  enum ServerClient { kServer, kClient };

  void teardown() {
    client_.setConnectionCallback(defaultConnectionCallback);
    client_.setMessageCallback(defaultMessageCallback);
    if (serverConn_) {
      serverConn_->setContext(std::any());
      serverConn_->shutdown();
    }
    clientConn_.reset();
  }

  void onClientConnection(const TcpConnectionPtr &Conn) {
    using std::placeholders::_1;
    using std::placeholders::_2;
    if (Conn->connected()) {
      Conn->setTcpNoDelay(true);
      Conn->setHighWaterMarkCallback(
          std::bind(&Tunnel::onHighWaterMarkWeak,
                    std::weak_ptr<Tunnel>(shared_from_this()), kClient, _1, _2),
          1024 * 1024);
      serverConn_->setContext(Conn);
      serverConn_->startRead();
      clientConn_ = Conn;
    } else {
      teardown();
    }
  }

  void onClientMessage(const TcpConnectionPtr &, std::string *Buf) {
    Buf->clear(); // serverConn_->send(buf)
  }

  static void onHighWaterMarkWeak(const std::weak_ptr<Tunnel> &WkTunnel,
                                  ServerClient, const TcpConnectionPtr &,
                                  size_t) {
    if (std::shared_ptr<Tunnel> T = WkTunnel.lock())
      T->serverConn_->stopRead();
  }

  TcpClient client_;
  // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-1]]:13: note: the 'Tunnel' owns the callback through 'client_'
  // TIDY-DAG: realapp-muduo-tunnel.cpp:[[@LINE-2]]:13: note: the 'Tunnel' owns the callback through 'client_'
  TcpConnectionPtr serverConn_;
  TcpConnectionPtr clientConn_;
};
using TunnelPtr = std::shared_ptr<Tunnel>;

// examples/socks4a/tcprelay.cc.
EventLoop *g_eventLoop;
std::map<std::string, TunnelPtr> g_tunnels;

void onServerConnection(const TcpConnectionPtr &Conn) {
  if (Conn->connected()) {
    Conn->setTcpNoDelay(true);
    Conn->stopRead();
    TunnelPtr T(new Tunnel(g_eventLoop, Conn));
    // LEAK: in onServerConnection(std::shared_ptr<TcpConnection> const&) {{.*}}realapp-muduo-tunnel.cpp:[[@LINE-1]]:17
    T->setup();
    T->connect();
    g_tunnels[Conn->name()] = T;
  } else {
    g_tunnels[Conn->name()]->disconnect();
    g_tunnels.erase(Conn->name());
  }
}

// One client of the relay, accepted by the TcpServer, which owns the
// connection until it closes. The client hangs up after ten seconds: the
// backend it asked for refused, or hung up after a second.
__attribute__((noinline)) static void clientSession(int Id) {
  TcpConnectionPtr Conn =
      std::make_shared<TcpConnection>("TcpRelay#" + std::to_string(Id));
  Conn->setConnectionCallback(onServerConnection);
  Conn->setCloseCallback([](const TcpConnectionPtr &) {});
  Conn->connectEstablished();
  peerClosesAfter(g_eventLoop, Conn, 10);
  g_eventLoop->runUntil(g_eventLoop->now() + 20);
}

int main() {
  const int N = 100;
  EventLoop Loop;
  g_eventLoop = &Loop;

  BackendRefuses = false;
  for (int I = 0; I < N; ++I)
    clientSession(I);
  Loop.runUntil(Loop.now() + 3600);
  std::printf("live tunnels after %d closed connections: %d\n", N, LiveTunnels);

  BackendRefuses = true;
  for (int I = N; I < 2 * N; ++I)
    clientSession(I);
  Loop.runUntil(Loop.now() + 3600);
  std::printf("live tunnels after %d refused connections: %d\n", N,
              LiveTunnels);
  std::printf("live connectors: %d\n", LiveConnectors);
  std::printf("open client sockets: %d\n", OpenSockets);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  // Leaving main destroys the loop's timers, the last outside references
  // (to the Connectors); the retained Tunnels become unreachable.
  return 0;
}
