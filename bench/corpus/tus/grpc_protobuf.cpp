// CORPUS-FLAGS: -pthread $(pkg-config --cflags grpc++ protobuf)
// CORPUS-PACKAGES: libgrpc++-dev libgrpc-dev libprotobuf-dev libabsl-dev pkg-config
//
// gRPC C++ 1.51 + protobuf 3.21, headers only (no generated service code):
// message types are built at runtime from a FileDescriptorProto into a
// DescriptorPool and instantiated through DynamicMessageFactory; a
// callback-API generic service (CallbackGenericService) whose per-call
// reactors delete themselves in OnDone; the classic completion-queue
// "CallData" state machine on AsyncGenericService (each call object deletes
// itself when finished); a GenericStub client with callback unary calls
// whose completion lambda shares ownership of the call state; a bounded
// channel cache keyed by target; well-known types (Timestamp, Struct, Any,
// Duration) from libprotobuf's shipped .pb.h headers; JSON conversion and
// MessageDifferencer; Arena allocation.

#include <grpcpp/alarm.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <google/protobuf/any.pb.h>
#include <google/protobuf/arena.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace pb = google::protobuf;

namespace kv {

// Runtime schema: message types for the KeyValue service.
class Schema {
public:
  Schema() {
    pb::FileDescriptorProto file;
    file.set_name("kv.proto");
    file.set_package("kv");
    file.set_syntax("proto3");

    auto *req = file.add_message_type();
    req->set_name("GetRequest");
    add_field(req, "key", 1, pb::FieldDescriptorProto::TYPE_STRING);

    auto *rep = file.add_message_type();
    rep->set_name("GetReply");
    add_field(rep, "value", 1, pb::FieldDescriptorProto::TYPE_STRING);
    add_field(rep, "version", 2, pb::FieldDescriptorProto::TYPE_INT64);

    file_ = pool_.BuildFile(file);
    request_ = pool_.FindMessageTypeByName("kv.GetRequest");
    reply_ = pool_.FindMessageTypeByName("kv.GetReply");
  }

  std::unique_ptr<pb::Message> NewRequest() { return New(request_); }
  std::unique_ptr<pb::Message> NewReply() { return New(reply_); }
  const pb::Descriptor *request_type() const { return request_; }
  const pb::Descriptor *reply_type() const { return reply_; }

private:
  static void add_field(pb::DescriptorProto *m, const std::string &name, int number,
                        pb::FieldDescriptorProto::Type type) {
    auto *f = m->add_field();
    f->set_name(name);
    f->set_number(number);
    f->set_type(type);
    f->set_label(pb::FieldDescriptorProto::LABEL_OPTIONAL);
  }

  std::unique_ptr<pb::Message> New(const pb::Descriptor *d) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::unique_ptr<pb::Message>(factory_.GetPrototype(d)->New());
  }

  pb::DescriptorPool pool_;
  const pb::FileDescriptor *file_ = nullptr;
  const pb::Descriptor *request_ = nullptr;
  const pb::Descriptor *reply_ = nullptr;
  std::mutex mutex_;
  pb::DynamicMessageFactory factory_;
};

grpc::ByteBuffer ToByteBuffer(const pb::Message &m) {
  std::string bytes;
  m.SerializeToString(&bytes);
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

bool FromByteBuffer(const grpc::ByteBuffer &bb, pb::Message *m) {
  std::vector<grpc::Slice> slices;
  if (!bb.Dump(&slices).ok())
    return false;
  std::string bytes;
  for (const auto &s : slices)
    bytes.append(reinterpret_cast<const char *>(s.begin()), s.size());
  return m->ParseFromString(bytes);
}

class Store {
public:
  void Put(const std::string &k, const std::string &v) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto &e = data_[k];
    e.first = v;
    ++e.second;
  }
  bool Get(const std::string &k, std::string *v, int64_t *version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = data_.find(k);
    if (it == data_.end())
      return false;
    *v = it->second.first;
    *version = it->second.second;
    return true;
  }

private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::string, int64_t>> data_;
};

// Callback API: one reactor per call, deleted by itself when the call ends.
class CallbackService : public grpc::CallbackGenericService {
public:
  CallbackService(Schema &schema, Store &store) : schema_(schema), store_(store) {}

  grpc::ServerGenericBidiReactor *
  CreateReactor(grpc::GenericCallbackServerContext *ctx) override {
    if (ctx->method() == "/kv.KeyValue/Get")
      return new GetReactor(schema_, store_);
    return CallbackGenericService::CreateReactor(ctx);
  }

private:
  class GetReactor : public grpc::ServerGenericBidiReactor {
  public:
    GetReactor(Schema &schema, Store &store) : schema_(schema), store_(store) {
      StartRead(&request_);
    }

    void OnReadDone(bool ok) override {
      if (!ok) {
        Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
        return;
      }
      auto req = schema_.NewRequest();
      if (!FromByteBuffer(request_, req.get())) {
        Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad request"));
        return;
      }
      const auto *key_field = req->GetDescriptor()->FindFieldByName("key");
      const std::string key = req->GetReflection()->GetString(*req, key_field);

      auto rep = schema_.NewReply();
      std::string value;
      int64_t version = 0;
      if (!store_.Get(key, &value, &version)) {
        Finish(grpc::Status(grpc::StatusCode::NOT_FOUND, key));
        return;
      }
      const auto *refl = rep->GetReflection();
      refl->SetString(rep.get(), rep->GetDescriptor()->FindFieldByName("value"), value);
      refl->SetInt64(rep.get(), rep->GetDescriptor()->FindFieldByName("version"), version);
      response_ = ToByteBuffer(*rep);
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }

    void OnDone() override { delete this; }

  private:
    Schema &schema_;
    Store &store_;
    grpc::ByteBuffer request_;
    grpc::ByteBuffer response_;
  };

  Schema &schema_;
  Store &store_;
};

// Completion-queue API: the CallData state machine. Each object spawns its
// successor when a call arrives and deletes itself when finished.
class AsyncServer {
public:
  AsyncServer(grpc::AsyncGenericService &service, grpc::ServerCompletionQueue &cq)
      : service_(service), cq_(cq) {}

  void Run() {
    new CallData(service_, cq_);
    void *tag;
    bool ok;
    while (cq_.Next(&tag, &ok))
      static_cast<CallData *>(tag)->Proceed(ok);
  }

private:
  class CallData {
  public:
    CallData(grpc::AsyncGenericService &service, grpc::ServerCompletionQueue &cq)
        : service_(service), cq_(cq), stream_(&ctx_) {
      service_.RequestCall(&ctx_, &stream_, &cq_, &cq_, this);
    }

    void Proceed(bool ok) {
      switch (state_) {
      case State::Request:
        if (!ok) {
          delete this;
          return;
        }
        new CallData(service_, cq_);
        state_ = State::Read;
        stream_.Read(&request_, this);
        break;
      case State::Read:
        state_ = State::Finish;
        if (!ok) {
          stream_.Finish(grpc::Status(grpc::StatusCode::CANCELLED, "read failed"), this);
          break;
        }
        response_ = request_; // echo
        stream_.WriteAndFinish(response_, grpc::WriteOptions(), grpc::Status::OK, this);
        break;
      case State::Finish:
        delete this;
        break;
      }
    }

  private:
    enum class State { Request, Read, Finish };
    grpc::AsyncGenericService &service_;
    grpc::ServerCompletionQueue &cq_;
    grpc::GenericServerContext ctx_;
    grpc::GenericServerAsyncReaderWriter stream_;
    grpc::ByteBuffer request_;
    grpc::ByteBuffer response_;
    State state_ = State::Request;
  };

  grpc::AsyncGenericService &service_;
  grpc::ServerCompletionQueue &cq_;
};

// Channels by target, bounded LRU.
class ChannelCache {
public:
  explicit ChannelCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<grpc::Channel> Get(const std::string &target) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(target);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
    auto ch = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
    lru_.emplace_front(target, ch);
    index_[target] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    return ch;
  }

private:
  using Entry = std::pair<std::string, std::shared_ptr<grpc::Channel>>;
  std::mutex mutex_;
  std::size_t capacity_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

class Client {
public:
  Client(std::shared_ptr<grpc::Channel> channel, Schema &schema)
      : stub_(std::move(channel)), schema_(schema) {}

  void Get(const std::string &key,
           std::function<void(grpc::Status, std::string)> done) {
    struct Call {
      grpc::ClientContext ctx;
      grpc::ByteBuffer request;
      grpc::ByteBuffer response;
    };
    auto call = std::make_shared<Call>();
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    auto req = schema_.NewRequest();
    req->GetReflection()->SetString(req.get(), req->GetDescriptor()->FindFieldByName("key"), key);
    call->request = ToByteBuffer(*req);
    stub_.UnaryCall(&call->ctx, "/kv.KeyValue/Get", grpc::StubOptions(), &call->request,
                    &call->response,
                    [this, call, done = std::move(done)](grpc::Status s) {
                      std::string value;
                      if (s.ok()) {
                        auto rep = schema_.NewReply();
                        if (FromByteBuffer(call->response, rep.get()))
                          value = rep->GetReflection()->GetString(
                              *rep, rep->GetDescriptor()->FindFieldByName("value"));
                      }
                      done(s, value);
                    });
  }

private:
  grpc::GenericStub stub_;
  Schema &schema_;
};

} // namespace kv

int main() {
  kv::Schema schema;
  kv::Store store;
  store.Put("greeting", "hello");

  grpc::EnableDefaultHealthCheckService(true);
  kv::CallbackService callback_service(schema, store);
  grpc::AsyncGenericService async_service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterCallbackGenericService(&callback_service);
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();

  // A second server: completion-queue based generic echo service.
  grpc::ServerBuilder echo_builder;
  int echo_port = 0;
  echo_builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &echo_port);
  echo_builder.RegisterAsyncGenericService(&async_service);
  std::unique_ptr<grpc::ServerCompletionQueue> cq = echo_builder.AddCompletionQueue();
  std::unique_ptr<grpc::Server> echo_server = echo_builder.BuildAndStart();

  kv::ChannelCache channels(16);
  kv::Client client(channels.Get("127.0.0.1:" + std::to_string(port)), schema);

  std::mutex mu;
  std::condition_variable cv;
  bool finished = false;
  client.Get("greeting", [&](grpc::Status s, std::string value) {
    std::cout << s.error_code() << " " << value << "\n";
    std::lock_guard<std::mutex> lock(mu);
    finished = true;
    cv.notify_one();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(3), [&] { return finished; });
  }

  pb::Arena arena;
  auto *ts = pb::Arena::CreateMessage<pb::Timestamp>(&arena);
  *ts = pb::util::TimeUtil::GetCurrentTime();
  pb::Struct st;
  (*st.mutable_fields())["name"].set_string_value("corpus");
  (*st.mutable_fields())["count"].set_number_value(3);
  pb::Any any;
  any.PackFrom(*ts);
  pb::Duration d = pb::util::TimeUtil::SecondsToDuration(90);
  std::string json;
  pb::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  (void)pb::util::MessageToJsonString(st, &json, opts);
  pb::Struct back;
  (void)pb::util::JsonStringToMessage(json, &back);
  std::cout << json << pb::util::MessageDifferencer::Equals(st, back)
            << pb::util::TimeUtil::ToString(d) << "\n";
  std::string text;
  pb::TextFormat::PrintToString(any, &text);

  std::thread async_thread([&] { kv::AsyncServer(async_service, *cq).Run(); });
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  echo_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  cq->Shutdown();
  async_thread.join();
}
