// CORPUS-FLAGS: -fdelayed-template-parsing
// CORPUS-PACKAGES: rapidjson-dev libcereal-dev
//
// RapidJSON 1.1.0 (+ cereal's JSON archive, which Debian builds on the
// system rapidjson): DOM parsing with a per-request MemoryPoolAllocator,
// a SAX handler that counts keys, Writer/PrettyWriter output, JSON Pointer
// lookups, schema validation with a compiled schema cached per schema name
// (bounded, LRU), and cereal JSON round-trips.
//
// Needs -fdelayed-template-parsing: rapidjson 1.1.0's document.h has
// GenericStringRef::operator= assigning to a const member, which clang
// (19 and 22) rejects at template definition time even though it is never
// instantiated. Delayed template parsing only parses template bodies that
// are instantiated, so the uninstantiated operator= is never checked.

#include <rapidjson/allocators.h>
#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/filewritestream.h>
#include <rapidjson/istreamwrapper.h>
#include <rapidjson/memorybuffer.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/pointer.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cereal/archives/json.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/memory.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <cstdio>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace rj = rapidjson;

namespace api {

// SAX handler that collects key statistics without building a DOM.
struct KeyCounter : public rj::BaseReaderHandler<rj::UTF8<>, KeyCounter> {
  bool Key(const char *str, rj::SizeType length, bool) {
    ++keys[std::string(str, length)];
    return true;
  }
  bool StartObject() { ++depth; max_depth = std::max(max_depth, depth); return true; }
  bool EndObject(rj::SizeType) { --depth; return true; }
  bool Default() { return true; }

  std::map<std::string, int> keys;
  int depth = 0;
  int max_depth = 0;
};

// Compiled schemas, compiled once per schema name and kept in a bounded
// LRU; the validator itself is per request.
class SchemaRegistry {
public:
  explicit SchemaRegistry(std::size_t capacity) : capacity_(capacity) {}

  void define(const std::string &name, const std::string &schema_json) {
    std::lock_guard<std::mutex> lock(mutex_);
    sources_[name] = schema_json;
    auto it = index_.find(name);
    if (it != index_.end()) {
      lru_.erase(it->second);
      index_.erase(it);
    }
  }

  std::shared_ptr<const rj::SchemaDocument> get(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(name);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
    auto src = sources_.find(name);
    if (src == sources_.end())
      return nullptr;
    rj::Document sd;
    if (sd.Parse(src->second.c_str()).HasParseError())
      return nullptr;
    auto compiled = std::make_shared<const rj::SchemaDocument>(sd);
    lru_.emplace_front(name, compiled);
    index_[name] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    return compiled;
  }

private:
  using Entry = std::pair<std::string, std::shared_ptr<const rj::SchemaDocument>>;
  std::mutex mutex_;
  std::size_t capacity_;
  std::map<std::string, std::string> sources_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

std::string render_error(const rj::SchemaValidator &v) {
  rj::StringBuffer sb;
  v.GetInvalidSchemaPointer().StringifyUriFragment(sb);
  std::string out = std::string("schema ") + sb.GetString() + " keyword " +
                    v.GetInvalidSchemaKeyword();
  sb.Clear();
  v.GetInvalidDocumentPointer().StringifyUriFragment(sb);
  return out + " at " + sb.GetString();
}

class Handler {
public:
  explicit Handler(SchemaRegistry &schemas) : schemas_(schemas) {}

  std::string handle(const std::string &kind, const std::string &body) {
    // Each request gets its own arena; it is released when the request ends.
    char value_buffer[4096];
    char parse_buffer[1024];
    rj::MemoryPoolAllocator<> value_alloc(value_buffer, sizeof(value_buffer));
    rj::MemoryPoolAllocator<> parse_alloc(parse_buffer, sizeof(parse_buffer));
    rj::GenericDocument<rj::UTF8<>, rj::MemoryPoolAllocator<>,
                        rj::MemoryPoolAllocator<>>
        doc(&value_alloc, sizeof(parse_buffer), &parse_alloc);

    rj::StringBuffer out;
    rj::Writer<rj::StringBuffer> w(out);
    w.StartObject();
    if (doc.Parse(body.c_str()).HasParseError()) {
      w.Key("error");
      w.String(rj::GetParseError_En(doc.GetParseError()));
      w.Key("offset");
      w.Uint64(doc.GetErrorOffset());
      w.EndObject();
      return out.GetString();
    }
    if (auto schema = schemas_.get(kind)) {
      rj::SchemaValidator validator(*schema);
      if (!doc.Accept(validator)) {
        w.Key("error");
        w.String(render_error(validator).c_str());
        w.EndObject();
        return out.GetString();
      }
    }
    if (const rj::Value *name = rj::Pointer("/user/name").Get(doc))
      if (name->IsString()) {
        w.Key("hello");
        w.String(name->GetString(), name->GetStringLength());
      }
    double total = 0;
    if (doc.HasMember("items") && doc["items"].IsArray())
      for (const auto &item : doc["items"].GetArray())
        if (item.IsObject() && item.HasMember("price") && item["price"].IsNumber())
          total += item["price"].GetDouble();
    w.Key("total");
    w.Double(total);
    w.EndObject();
    return out.GetString();
  }

private:
  SchemaRegistry &schemas_;
};

rj::Document build_report(const std::map<std::string, int> &counts) {
  rj::Document d(rj::kObjectType);
  auto &a = d.GetAllocator();
  rj::Value arr(rj::kArrayType);
  for (const auto &kv : counts) {
    rj::Value o(rj::kObjectType);
    o.AddMember("key", rj::Value(kv.first.c_str(), a), a);
    o.AddMember("count", kv.second, a);
    arr.PushBack(o, a);
  }
  d.AddMember("keys", arr, a);
  rj::Pointer("/meta/version").Set(d, 2);
  return d;
}

struct Settings {
  std::string name;
  std::vector<int> ports;
  std::map<std::string, std::string> labels;
  std::shared_ptr<Settings> fallback;

  template <class Archive> void serialize(Archive &ar) {
    ar(CEREAL_NVP(name), CEREAL_NVP(ports), CEREAL_NVP(labels),
       CEREAL_NVP(fallback));
  }
};

} // namespace api

int main() {
  api::SchemaRegistry schemas(8);
  schemas.define("order", R"({
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"type": "object"}}}
  })");

  api::Handler h(schemas);
  std::cout << h.handle("order", R"({"user":{"name":"ann"},"items":[{"price":2.5},{"price":4}]})")
            << "\n";
  std::cout << h.handle("order", R"({"items": 3})") << "\n";

  api::KeyCounter counter;
  rj::Reader reader;
  rj::StringStream ss(R"({"a":{"b":1,"a":[{"c":2}]}})");
  reader.Parse(ss, counter);

  rj::Document report = api::build_report(counter.keys);
  rj::StringBuffer sb;
  rj::PrettyWriter<rj::StringBuffer> pw(sb);
  report.Accept(pw);
  std::cout << sb.GetString() << "\n";

  std::ostringstream os;
  rj::OStreamWrapper osw(os);
  rj::Writer<rj::OStreamWrapper> ow(osw);
  report.Accept(ow);

  std::istringstream is(os.str());
  rj::IStreamWrapper isw(is);
  rj::Document back;
  back.ParseStream(isw);
  std::cout << back["keys"].Size() << "\n";

  api::Settings s{"svc", {80, 443}, {{"env", "prod"}}, nullptr};
  s.fallback = std::make_shared<api::Settings>(api::Settings{"default", {8080}, {}, nullptr});
  std::stringstream js;
  {
    cereal::JSONOutputArchive ar(js);
    ar(cereal::make_nvp("settings", s));
  }
  api::Settings loaded;
  {
    cereal::JSONInputArchive ar(js);
    ar(loaded);
  }
  std::cout << loaded.fallback->name << "\n";
}
