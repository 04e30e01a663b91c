// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libthrift-dev libboost-dev zlib1g-dev
//
// Apache Thrift 0.17 C++ runtime, without generated code: a hand-written
// TDispatchProcessor for a small "KeyValue" service (get/put/ping) using
// the protocol API directly, a TProcessorFactory creating one handler per
// connection, a TServerEventHandler tracking connection contexts
// (created in createContext, freed in deleteContext), a processor event
// handler for per-call timing, TMultiplexedProcessor, TThreadPoolServer
// with a ThreadManager, a TimerManager task, and a client using
// TSocket/TFramedTransport/TCompactProtocol with TMultiplexedProtocol.
// (TNonblockingServer needs libevent headers, not pulled in here.)

#include <thrift/TApplicationException.h>
#include <thrift/TDispatchProcessor.h>
#include <thrift/TProcessor.h>
#include <thrift/Thrift.h>
#include <thrift/concurrency/FunctionRunner.h>
#include <thrift/concurrency/Monitor.h>
#include <thrift/concurrency/Mutex.h>
#include <thrift/concurrency/ThreadFactory.h>
#include <thrift/concurrency/ThreadManager.h>
#include <thrift/concurrency/TimerManager.h>
#include <thrift/processor/TMultiplexedProcessor.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TJSONProtocol.h>
#include <thrift/protocol/TMultiplexedProtocol.h>
#include <thrift/server/TServer.h>
#include <thrift/server/TSimpleServer.h>
#include <thrift/server/TThreadPoolServer.h>
#include <thrift/server/TThreadedServer.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TServerSocket.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportUtils.h>
#include <thrift/transport/TZlibTransport.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

using namespace apache::thrift;
using namespace apache::thrift::protocol;
using namespace apache::thrift::transport;
using namespace apache::thrift::server;
using namespace apache::thrift::concurrency;

namespace kv {

// Shared storage; bounded by key count.
class Storage {
public:
  explicit Storage(std::size_t max_keys) : max_keys_(max_keys) {}

  bool put(const std::string &k, const std::string &v) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (data_.size() >= max_keys_ && data_.count(k) == 0)
      return false;
    data_[k] = v;
    return true;
  }

  bool get(const std::string &k, std::string &out) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = data_.find(k);
    if (it == data_.end())
      return false;
    out = it->second;
    return true;
  }

  void expire_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    data_.clear();
  }

private:
  mutable std::mutex mutex_;
  std::size_t max_keys_;
  std::unordered_map<std::string, std::string> data_;
};

// Hand-written equivalent of a generated processor.
class KeyValueProcessor : public TDispatchProcessor {
public:
  explicit KeyValueProcessor(std::shared_ptr<Storage> storage)
      : storage_(std::move(storage)) {}

protected:
  bool dispatchCall(TProtocol *in, TProtocol *out, const std::string &fname,
                    int32_t seqid, void *callContext) override {
    void *ctx = eventHandler_ ? eventHandler_->getContext(fname.c_str(), callContext)
                              : nullptr;
    struct Freer {
      TProcessorEventHandler *h;
      void *ctx;
      const char *fn;
      ~Freer() {
        if (h)
          h->freeContext(ctx, fn);
      }
    } freer{eventHandler_.get(), ctx, fname.c_str()};

    if (fname == "ping")
      return ping(in, out, seqid);
    if (fname == "get")
      return get(in, out, seqid);
    if (fname == "put")
      return put(in, out, seqid);

    in->skip(T_STRUCT);
    in->readMessageEnd();
    in->getTransport()->readEnd();
    TApplicationException x(TApplicationException::UNKNOWN_METHOD,
                            "Invalid method name: '" + fname + "'");
    out->writeMessageBegin(fname, T_EXCEPTION, seqid);
    x.write(out);
    out->writeMessageEnd();
    out->getTransport()->writeEnd();
    out->getTransport()->flush();
    return true;
  }

private:
  static void read_args(TProtocol *in, std::map<int16_t, std::string> &strings) {
    std::string name;
    TType ftype;
    int16_t fid;
    in->readStructBegin(name);
    while (true) {
      in->readFieldBegin(name, ftype, fid);
      if (ftype == T_STOP)
        break;
      if (ftype == T_STRING)
        in->readString(strings[fid]);
      else
        in->skip(ftype);
      in->readFieldEnd();
    }
    in->readStructEnd();
    in->readMessageEnd();
    in->getTransport()->readEnd();
  }

  static void reply(TProtocol *out, const char *fname, int32_t seqid,
                    const std::string *result, const bool *flag) {
    out->writeMessageBegin(fname, T_REPLY, seqid);
    out->writeStructBegin("result");
    if (result) {
      out->writeFieldBegin("success", T_STRING, 0);
      out->writeString(*result);
      out->writeFieldEnd();
    } else if (flag) {
      out->writeFieldBegin("success", T_BOOL, 0);
      out->writeBool(*flag);
      out->writeFieldEnd();
    }
    out->writeFieldStop();
    out->writeStructEnd();
    out->writeMessageEnd();
    out->getTransport()->writeEnd();
    out->getTransport()->flush();
  }

  bool ping(TProtocol *in, TProtocol *out, int32_t seqid) {
    std::map<int16_t, std::string> args;
    read_args(in, args);
    reply(out, "ping", seqid, nullptr, nullptr);
    return true;
  }

  bool get(TProtocol *in, TProtocol *out, int32_t seqid) {
    std::map<int16_t, std::string> args;
    read_args(in, args);
    std::string value;
    storage_->get(args[1], value);
    reply(out, "get", seqid, &value, nullptr);
    return true;
  }

  bool put(TProtocol *in, TProtocol *out, int32_t seqid) {
    std::map<int16_t, std::string> args;
    read_args(in, args);
    bool ok = storage_->put(args[1], args[2]);
    reply(out, "put", seqid, nullptr, &ok);
    return true;
  }

  std::shared_ptr<Storage> storage_;
};

// Per-call timing; contexts are allocated in getContext and freed in
// freeContext.
class CallTimer : public TProcessorEventHandler {
public:
  void *getContext(const char *, void *) override {
    return new std::chrono::steady_clock::time_point(std::chrono::steady_clock::now());
  }
  void freeContext(void *ctx, const char *fn) override {
    auto *start = static_cast<std::chrono::steady_clock::time_point *>(ctx);
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - *start)
                  .count();
    total_us_ += us;
    ++calls_;
    (void)fn;
    delete start;
  }
  long calls() const { return calls_; }

private:
  std::atomic<long> total_us_{0};
  std::atomic<long> calls_{0};
};

class ProcessorFactory : public TProcessorFactory {
public:
  ProcessorFactory(std::shared_ptr<Storage> storage, std::shared_ptr<CallTimer> timer)
      : storage_(std::move(storage)), timer_(std::move(timer)) {}

  std::shared_ptr<TProcessor> getProcessor(const TConnectionInfo &) override {
    auto kvp = std::make_shared<KeyValueProcessor>(storage_);
    kvp->setEventHandler(timer_);
    auto mux = std::make_shared<TMultiplexedProcessor>();
    mux->registerProcessor("KeyValue", kvp);
    mux->registerDefault(kvp);
    return mux;
  }

private:
  std::shared_ptr<Storage> storage_;
  std::shared_ptr<CallTimer> timer_;
};

// Tracks live connections: contexts created on connect and deleted on
// disconnect.
class ConnectionTracker : public TServerEventHandler {
public:
  struct Context {
    std::string peer;
    int calls = 0;
  };

  void preServe() override { std::cout << "serving\n"; }

  void *createContext(std::shared_ptr<TProtocol> input,
                      std::shared_ptr<TProtocol>) override {
    auto *ctx = new Context;
    if (auto sock = std::dynamic_pointer_cast<TSocket>(input->getTransport()))
      ctx->peer = sock->getPeerAddress();
    std::lock_guard<std::mutex> lock(mutex_);
    live_.emplace(ctx, ctx->peer);
    return ctx;
  }

  void deleteContext(void *serverContext, std::shared_ptr<TProtocol>,
                     std::shared_ptr<TProtocol>) override {
    auto *ctx = static_cast<Context *>(serverContext);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      live_.erase(ctx);
    }
    delete ctx;
  }

  void processContext(void *serverContext, std::shared_ptr<TTransport>) override {
    ++static_cast<Context *>(serverContext)->calls;
  }

  std::size_t live() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return live_.size();
  }

private:
  mutable std::mutex mutex_;
  std::map<Context *, std::string> live_;
};

class Client {
public:
  Client(const std::string &host, int port) {
    socket_ = std::make_shared<TSocket>(host, port);
    socket_->setConnTimeout(2000);
    socket_->setRecvTimeout(5000);
    transport_ = std::make_shared<TFramedTransport>(socket_);
    auto proto = std::make_shared<TCompactProtocol>(transport_);
    protocol_ = std::make_shared<TMultiplexedProtocol>(proto, "KeyValue");
    transport_->open();
  }

  ~Client() {
    try {
      transport_->close();
    } catch (const TException &) {
    }
  }

  std::string get(const std::string &key) {
    protocol_->writeMessageBegin("get", T_CALL, ++seq_);
    protocol_->writeStructBegin("get_args");
    protocol_->writeFieldBegin("key", T_STRING, 1);
    protocol_->writeString(key);
    protocol_->writeFieldEnd();
    protocol_->writeFieldStop();
    protocol_->writeStructEnd();
    protocol_->writeMessageEnd();
    transport_->writeEnd();
    transport_->flush();

    std::string fname, value, sname;
    TMessageType mtype;
    int32_t rseq;
    protocol_->readMessageBegin(fname, mtype, rseq);
    if (mtype == T_EXCEPTION) {
      TApplicationException x;
      x.read(protocol_.get());
      protocol_->readMessageEnd();
      throw x;
    }
    TType ftype;
    int16_t fid;
    protocol_->readStructBegin(sname);
    while (true) {
      protocol_->readFieldBegin(sname, ftype, fid);
      if (ftype == T_STOP)
        break;
      if (fid == 0 && ftype == T_STRING)
        protocol_->readString(value);
      else
        protocol_->skip(ftype);
      protocol_->readFieldEnd();
    }
    protocol_->readStructEnd();
    protocol_->readMessageEnd();
    return value;
  }

private:
  std::shared_ptr<TSocket> socket_;
  std::shared_ptr<TTransport> transport_;
  std::shared_ptr<TProtocol> protocol_;
  int32_t seq_ = 0;
};

} // namespace kv

int main() {
  auto storage = std::make_shared<kv::Storage>(100000);
  auto timing = std::make_shared<kv::CallTimer>();
  auto tracker = std::make_shared<kv::ConnectionTracker>();

  auto threadManager = ThreadManager::newSimpleThreadManager(8);
  threadManager->threadFactory(std::make_shared<ThreadFactory>());
  threadManager->start();

  TThreadPoolServer server(std::make_shared<kv::ProcessorFactory>(storage, timing),
                           std::make_shared<TServerSocket>(9090),
                           std::make_shared<TFramedTransportFactory>(),
                           std::make_shared<TCompactProtocolFactory>(), threadManager);
  server.setServerEventHandler(tracker);

  TimerManager timers;
  timers.threadFactory(std::make_shared<ThreadFactory>());
  timers.start();
  std::weak_ptr<kv::Storage> weak_storage = storage;
  timers.add(FunctionRunner::create([weak_storage] {
               if (auto s = weak_storage.lock())
                 s->expire_all();
             }),
             std::chrono::minutes(10));

  std::thread serving([&server] { server.serve(); });
  try {
    kv::Client client("127.0.0.1", 9090);
    std::cout << "value: " << client.get("greeting") << "\n";
  } catch (const TException &e) {
    std::cerr << e.what() << "\n";
  }

  auto mem = std::make_shared<TMemoryBuffer>();
  TJSONProtocol json(mem);
  json.writeMessageBegin("ping", T_CALL, 1);
  json.writeStructBegin("ping_args");
  json.writeFieldStop();
  json.writeStructEnd();
  json.writeMessageEnd();
  std::cout << mem->getBufferAsString() << "\n";

  server.stop();
  serving.join();
  timers.stop();
  threadManager->stop();
  std::cout << timing->calls() << " calls, " << tracker->live() << " live\n";
}
