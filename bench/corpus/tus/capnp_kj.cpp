// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libcapnp-dev
//
// Cap'n Proto 0.9 / KJ: an async HTTP service on kj::HttpServer whose
// request handlers chain promises capturing `this` of a service that
// outlives the server, a kj::TaskSet for detached work with an error
// handler, a kj::Timer-driven periodic job, a refcounted session table
// (kj::Refcounted, kj::addRef) keyed by id in a kj::HashMap and pruned on
// expiry, messages built dynamically from schemas loaded at runtime with
// capnp::SchemaParser and DynamicStruct (no generated code), packed and
// flat-array serialisation, and a kj::MainBuilder command-line entry point.
// capnp::DynamicCapability RPC over capnp::TwoPartyVatNetwork is also set
// up so rpc.h and capability.h are instantiated.

#include <capnp/any.h>
#include <capnp/capability.h>
#include <capnp/dynamic.h>
#include <capnp/ez-rpc.h>
#include <capnp/message.h>
#include <capnp/pretty-print.h>
#include <capnp/rpc-twoparty.h>
#include <capnp/rpc.h>
#include <capnp/schema-loader.h>
#include <capnp/schema-parser.h>
#include <capnp/schema.h>
#include <capnp/serialize-async.h>
#include <capnp/serialize-packed.h>
#include <capnp/serialize-text.h>
#include <capnp/serialize.h>
#include <kj/array.h>
#include <kj/async-io.h>
#include <kj/async-queue.h>
#include <kj/async-unix.h>
#include <kj/async.h>
#include <kj/common.h>
#include <kj/compat/http.h>
#include <kj/compat/url.h>
#include <kj/debug.h>
#include <kj/encoding.h>
#include <kj/exception.h>
#include <kj/filesystem.h>
#include <kj/function.h>
#include <kj/main.h>
#include <kj/map.h>
#include <kj/memory.h>
#include <kj/mutex.h>
#include <kj/refcount.h>
#include <kj/string.h>
#include <kj/table.h>
#include <kj/thread.h>
#include <kj/time.h>
#include <kj/timer.h>
#include <kj/vector.h>

namespace svc {

class Session : public kj::Refcounted {
public:
  Session(kj::String user, kj::TimePoint expires)
      : user(kj::mv(user)), expires(expires) {}

  kj::Own<Session> addRef() { return kj::addRef(*this); }

  kj::String user;
  kj::TimePoint expires;
  kj::uint hits = 0;
};

// Sessions keyed by token; expired entries are removed by the periodic
// sweep, so the table tracks only live sessions.
class SessionTable {
public:
  explicit SessionTable(kj::Timer &timer) : timer(timer) {}

  kj::String create(kj::StringPtr user) {
    auto token = kj::str(user, "-", nextId++);
    table.insert(kj::str(token),
                 kj::refcounted<Session>(kj::str(user), timer.now() + 30 * kj::MINUTES));
    return token;
  }

  kj::Maybe<kj::Own<Session>> find(kj::StringPtr token) {
    KJ_IF_MAYBE(s, table.find(token)) {
      return (*s)->addRef();
    }
    return nullptr;
  }

  void sweep() {
    auto now = timer.now();
    table.eraseAll([now](kj::StringPtr, const kj::Own<Session> &s) {
      return s->expires < now;
    });
  }

  size_t size() const { return table.size(); }

private:
  kj::Timer &timer;
  kj::HashMap<kj::String, kj::Own<Session>> table;
  uint64_t nextId = 1;
};

class ApiService final : public kj::HttpService, private kj::TaskSet::ErrorHandler {
public:
  ApiService(kj::Timer &timer, kj::HttpHeaderTable::Builder &headers)
      : timer(timer), headerTable(headers.getFutureTable()),
        authorization(headers.add("Authorization")), sessions(timer),
        tasks(*this) {}

  kj::Promise<void> request(kj::HttpMethod method, kj::StringPtr url,
                            const kj::HttpHeaders &headers,
                            kj::AsyncInputStream &requestBody,
                            Response &response) override {
    auto parsed = kj::Url::parse(url, kj::Url::HTTP_REQUEST);
    if (method == kj::HttpMethod::POST && parsed.path.size() == 1 &&
        parsed.path[0] == "login") {
      return requestBody.readAllText().then(
          [this, &response](kj::String body) {
            auto token = sessions.create(body);
            return reply(response, 200, kj::str("{\"token\":\"", token, "\"}"));
          });
    }
    KJ_IF_MAYBE(auth, headers.get(authorization)) {
      KJ_IF_MAYBE(session, sessions.find(*auth)) {
        auto &s = **session;
        ++s.hits;
        // Fire-and-forget audit; the TaskSet owns it, errors go to taskFailed.
        tasks.add(timer.afterDelay(10 * kj::MILLISECONDS)
                      .then([this, user = kj::str(s.user)]() { ++audited; }));
        return reply(response, 200, kj::str("{\"user\":\"", s.user, "\",\"hits\":", s.hits, "}"));
      }
    }
    return reply(response, 401, kj::str("{\"error\":\"unauthorized\"}"));
  }

  kj::Promise<void> sweepForever() {
    return timer.afterDelay(1 * kj::MINUTES).then([this]() {
      sessions.sweep();
      return sweepForever();
    });
  }

private:
  kj::Promise<void> reply(Response &response, kj::uint status, kj::String body) {
    kj::HttpHeaders h(headerTable);
    h.set(kj::HttpHeaderId::CONTENT_TYPE, "application/json");
    auto stream = response.send(status, status == 200 ? "OK" : "Error", h, body.size());
    auto promise = stream->write(body.begin(), body.size());
    return promise.attach(kj::mv(stream), kj::mv(body));
  }

  void taskFailed(kj::Exception &&exception) override {
    KJ_LOG(ERROR, "background task failed", exception);
  }

  kj::Timer &timer;
  kj::HttpHeaderTable &headerTable;
  kj::HttpHeaderId authorization;
  SessionTable sessions;
  kj::TaskSet tasks;
  kj::uint audited = 0;
};

// Builds a message for a runtime-loaded schema and serialises it.
kj::Array<capnp::word> encode(capnp::StructSchema schema,
                              kj::ArrayPtr<const kj::StringPtr> fields) {
  capnp::MallocMessageBuilder message;
  auto root = message.initRoot<capnp::DynamicStruct>(schema);
  for (auto f : schema.getFields()) {
    auto name = f.getProto().getName();
    for (auto &want : fields)
      if (want == name && f.getType().isText())
        root.set(name, capnp::Text::Reader(want.cStr()));
  }
  KJ_LOG(INFO, capnp::prettyPrint(root.asReader()).flatten());
  return capnp::messageToFlatArray(message);
}

capnp::DynamicValue::Reader decodeField(kj::ArrayPtr<const capnp::word> words,
                                        capnp::StructSchema schema,
                                        kj::StringPtr field,
                                        kj::Own<capnp::FlatArrayMessageReader> &keep) {
  keep = kj::heap<capnp::FlatArrayMessageReader>(words);
  return keep->getRoot<capnp::DynamicStruct>(schema).get(field);
}

class Main {
public:
  explicit Main(kj::ProcessContext &context) : context(context) {}

  kj::MainFunc getMain() {
    return kj::MainBuilder(context, "corpus 0.1", "Serves a small JSON API.")
        .addOptionWithArg({'p', "port"}, KJ_BIND_METHOD(*this, setPort), "<port>",
                          "Listen on <port>.")
        .addOptionWithArg({'s', "schema"}, KJ_BIND_METHOD(*this, setSchema),
                          "<file>", "Load a .capnp schema.")
        .callAfterParsing(KJ_BIND_METHOD(*this, run))
        .build();
  }

private:
  kj::MainBuilder::Validity setPort(kj::StringPtr p) {
    port = p.parseAs<kj::uint>();
    return true;
  }

  kj::MainBuilder::Validity setSchema(kj::StringPtr s) {
    schemaFile = kj::str(s);
    return true;
  }

  kj::MainBuilder::Validity run() {
    if (schemaFile.size() > 0) {
      auto fs = kj::newDiskFilesystem();
      capnp::SchemaParser parser;
      auto file = parser.parseFromDirectory(fs->getCurrent(),
                                            kj::Path::parse(schemaFile), nullptr);
      for (auto nested : file.getAllNested()) {
        if (!nested.getProto().isStruct())
          continue;
        auto schema = nested.asStruct();
        kj::StringPtr names[] = {"name", "email"};
        auto words = encode(schema, names);
        kj::Own<capnp::FlatArrayMessageReader> reader;
        auto v = decodeField(words, schema, "name", reader);
        if (v.getType() == capnp::DynamicValue::TEXT)
          context.warning(kj::str("decoded ", v.as<capnp::Text>()));
      }
    }

    auto io = kj::setupAsyncIo();
    kj::HttpHeaderTable::Builder headerBuilder;
    ApiService service(io.provider->getTimer(), headerBuilder);
    auto headerTable = headerBuilder.build();
    kj::HttpServer server(io.provider->getTimer(), *headerTable, service);

    auto sweeper = service.sweepForever().eagerlyEvaluate(
        [](kj::Exception &&e) { KJ_LOG(ERROR, e); });

    auto addr = io.provider->getNetwork()
                    .parseAddress(kj::str("*:", port))
                    .wait(io.waitScope);
    auto listener = addr->listen();
    auto serving = server.listenHttp(*listener);

    kj::UnixEventPort::captureSignal(SIGTERM);
    io.unixEventPort.onSignal(SIGTERM)
        .exclusiveJoin(kj::mv(serving).then([]() -> siginfo_t { return {}; }))
        .wait(io.waitScope);
    return true;
  }

  kj::ProcessContext &context;
  kj::uint port = 8080;
  kj::String schemaFile;
};

// A capability client used over a two-party connection.
kj::Promise<void> callRemote(kj::AsyncIoStream &stream, capnp::InterfaceSchema schema) {
  auto network = kj::heap<capnp::TwoPartyVatNetwork>(stream, capnp::rpc::twoparty::Side::CLIENT);
  auto rpc = kj::heap<capnp::RpcSystem<capnp::rpc::twoparty::VatId>>(
      capnp::makeRpcClient(*network));
  capnp::word scratch[4];
  memset(scratch, 0, sizeof(scratch));
  capnp::MallocMessageBuilder vatIdMessage(scratch);
  auto vatId = vatIdMessage.initRoot<capnp::rpc::twoparty::VatId>();
  vatId.setSide(capnp::rpc::twoparty::Side::SERVER);
  auto cap = rpc->bootstrap(vatId).castAs<capnp::DynamicCapability>(schema);
  auto methods = schema.getMethods();
  if (methods.size() == 0)
    return kj::READY_NOW;
  auto req = cap.newRequest(methods[0]);
  return req.send().ignoreResult().attach(kj::mv(rpc), kj::mv(network));
}

} // namespace svc

KJ_MAIN(svc::Main)
