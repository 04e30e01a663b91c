// CORPUS-FLAGS: -DSPDLOG_FMT_EXTERNAL -pthread
// CORPUS-PACKAGES: libspdlog-dev libfmt-dev nlohmann-json3-dev
//
// spdlog (header-only mode, so the registry, thread pool, periodic worker
// and sink implementations are all in the TU) + fmt + nlohmann::json: a
// service that configures loggers from a JSON document, registers them in
// spdlog's global registry and drops them on shutdown, a custom sink with a
// bounded in-memory history, an async logger, user types formatted through
// fmt::formatter and serialised through to_json/from_json, and a value-keyed
// settings cache with explicit invalidation.
//
// Note: compiled in spdlog's header-only mode (no -DSPDLOG_COMPILED_LIB, as
// pkg-config would add) so the checks see spdlog's -inl.h implementation.

#include <spdlog/spdlog.h>
#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/details/registry.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/details/periodic_worker.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/dup_filter_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/stopwatch.h>
#include <spdlog/fmt/bin_to_hex.h>
#include <spdlog/fmt/ostr.h>

#include <fmt/chrono.h>
#include <fmt/color.h>
#include <fmt/core.h>
#include <fmt/format.h>
#include <fmt/os.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <fmt/args.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using json = nlohmann::json;

namespace svc {

struct Endpoint {
  std::string host;
  int port = 0;
  bool tls = false;
};

void to_json(json &j, const Endpoint &e) {
  j = json{{"host", e.host}, {"port", e.port}, {"tls", e.tls}};
}

void from_json(const json &j, Endpoint &e) {
  j.at("host").get_to(e.host);
  j.at("port").get_to(e.port);
  e.tls = j.value("tls", false);
}

struct LoggerConfig {
  std::string name;
  std::string level = "info";
  std::string pattern = "[%Y-%m-%d %T.%e] [%n] [%^%l%$] %v";
  std::optional<std::string> file;
  bool async = false;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LoggerConfig, name, level,
                                                pattern, async)

struct ServiceConfig {
  std::string service;
  std::vector<Endpoint> upstreams;
  std::vector<LoggerConfig> loggers;
  std::map<std::string, int> limits;
};

void from_json(const json &j, ServiceConfig &c) {
  j.at("service").get_to(c.service);
  c.upstreams = j.value("upstreams", std::vector<Endpoint>{});
  if (j.contains("loggers"))
    for (const auto &lj : j.at("loggers")) {
      LoggerConfig lc = lj.get<LoggerConfig>();
      if (lj.contains("file"))
        lc.file = lj.at("file").get<std::string>();
      c.loggers.push_back(std::move(lc));
    }
  c.limits = j.value("limits", std::map<std::string, int>{});
}

} // namespace svc

template <> struct fmt::formatter<svc::Endpoint> {
  constexpr auto parse(fmt::format_parse_context &ctx) { return ctx.begin(); }
  template <typename FormatContext>
  auto format(const svc::Endpoint &e, FormatContext &ctx) const {
    return fmt::format_to(ctx.out(), "{}://{}:{}", e.tls ? "https" : "http",
                          e.host, e.port);
  }
};

namespace svc {

// A sink that keeps the last N formatted lines for a /debug endpoint.
template <typename Mutex>
class history_sink final : public spdlog::sinks::base_sink<Mutex> {
public:
  explicit history_sink(std::size_t capacity) : capacity_(capacity) {}

  std::vector<std::string> snapshot() {
    std::lock_guard<Mutex> lock(this->mutex_);
    return {lines_.begin(), lines_.end()};
  }

protected:
  void sink_it_(const spdlog::details::log_msg &msg) override {
    spdlog::memory_buf_t formatted;
    this->formatter_->format(msg, formatted);
    lines_.emplace_back(fmt::to_string(formatted));
    if (lines_.size() > capacity_)
      lines_.pop_front();
  }

  void flush_() override {}

private:
  std::size_t capacity_;
  std::deque<std::string> lines_;
};

using history_sink_mt = history_sink<std::mutex>;

class LoggingSetup {
public:
  explicit LoggingSetup(const ServiceConfig &cfg)
      : history_(std::make_shared<history_sink_mt>(500)) {
    spdlog::init_thread_pool(8192, 1);
    auto console = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
    for (const auto &lc : cfg.loggers) {
      std::vector<spdlog::sink_ptr> sinks{console, history_};
      if (lc.file)
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            *lc.file, 10 * 1024 * 1024, 3));
      std::shared_ptr<spdlog::logger> logger;
      if (lc.async)
        logger = std::make_shared<spdlog::async_logger>(
            lc.name, sinks.begin(), sinks.end(), spdlog::thread_pool(),
            spdlog::async_overflow_policy::overrun_oldest);
      else
        logger = std::make_shared<spdlog::logger>(lc.name, sinks.begin(),
                                                  sinks.end());
      logger->set_level(spdlog::level::from_str(lc.level));
      logger->set_pattern(lc.pattern);
      spdlog::register_logger(logger);
      names_.push_back(lc.name);
    }
    spdlog::flush_every(std::chrono::seconds(5));
  }

  ~LoggingSetup() {
    for (const auto &n : names_)
      spdlog::drop(n);
  }

  std::vector<std::string> recent() { return history_->snapshot(); }

private:
  std::shared_ptr<history_sink_mt> history_;
  std::vector<std::string> names_;
};

// Settings resolved from the JSON tree, cached by key path and invalidated
// whenever a new document is loaded.
class Settings {
public:
  void load(json doc) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    doc_ = std::move(doc);
    cache_.clear();
  }

  int limit(const std::string &path, int fallback) {
    {
      std::shared_lock<std::shared_mutex> lock(mutex_);
      auto it = cache_.find(path);
      if (it != cache_.end())
        return it->second;
    }
    std::unique_lock<std::shared_mutex> lock(mutex_);
    int v = fallback;
    try {
      const json &node = doc_.at(json::json_pointer(path));
      if (node.is_number_integer())
        v = node.get<int>();
    } catch (const json::exception &) {
    }
    if (cache_.size() >= 1024)
      cache_.clear();
    cache_.emplace(path, v);
    return v;
  }

private:
  std::shared_mutex mutex_;
  json doc_;
  std::unordered_map<std::string, int> cache_;
};

class RequestHandler {
public:
  explicit RequestHandler(std::shared_ptr<spdlog::logger> log)
      : log_(std::move(log)) {}

  json handle(const json &request) {
    spdlog::stopwatch sw;
    json response;
    response["id"] = request.value("id", 0);
    const auto &items = request.value("items", json::array());
    std::vector<int> numbers;
    for (const auto &item : items)
      if (item.is_number())
        numbers.push_back(item.get<int>());
    long sum = 0;
    for (int n : numbers)
      sum += n;
    response["sum"] = sum;
    response["count"] = numbers.size();
    log_->debug("request {} items={} sum={} took {:.3}", response["id"].dump(),
                numbers, sum, sw);
    return response;
  }

private:
  std::shared_ptr<spdlog::logger> log_;
};

} // namespace svc

int main() {
  const char *text = R"({
    "service": "billing",
    "upstreams": [{"host": "db1", "port": 5432}, {"host": "api", "port": 443, "tls": true}],
    "loggers": [{"name": "http", "level": "debug", "async": true},
                {"name": "db", "file": "/tmp/db.log"}],
    "limits": {"rps": 100, "burst": 20}
  })";

  json doc = json::parse(text);
  auto cfg = doc.get<svc::ServiceConfig>();

  svc::LoggingSetup logging(cfg);
  auto http = spdlog::get("http");
  if (!http)
    http = spdlog::default_logger();

  for (const auto &u : cfg.upstreams)
    http->info("upstream {}", u);
  http->info("limits {}", cfg.limits);

  svc::Settings settings;
  settings.load(doc);
  http->info("rps={} burst={}", settings.limit("/limits/rps", 10),
             settings.limit("/limits/burst", 5));

  svc::RequestHandler handler(http);
  json req = {{"id", 7}, {"items", {1, 2, 3, "x"}}};
  auto res = handler.handle(req);
  fmt::print(fg(fmt::color::green), "{}\n", res.dump(2));

  std::vector<char> bytes{'a', 'b', 'c'};
  http->debug("bytes: {}", spdlog::to_hex(bytes));

  auto dist = std::make_shared<spdlog::sinks::dist_sink_mt>();
  dist->add_sink(std::make_shared<spdlog::sinks::null_sink_mt>());
  auto dup = std::make_shared<spdlog::sinks::dup_filter_sink_mt>(
      std::chrono::seconds(5));
  dup->add_sink(std::make_shared<spdlog::sinks::stdout_sink_mt>());
  dist->add_sink(dup);
  auto audit = std::make_shared<spdlog::logger>("audit", dist);
  spdlog::register_logger(audit);
  audit->warn("{:%Y-%m-%d}", fmt::localtime(std::time(nullptr)));
  spdlog::drop("audit");

  std::ostringstream oss;
  auto ostream_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(oss);
  spdlog::logger captured("captured", ostream_sink);
  captured.info("json: {}", doc["service"].get<std::string>());

  auto ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  spdlog::logger ring_logger("ring", ring);
  ring_logger.info("kept in ring");

  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(42);
  args.push_back(std::string("dynamic"));
  fmt::vprint("{} {}\n", args);

  json patch = json::diff(doc, json::parse(R"({"service":"billing2"})"));
  http->info("patch {}", patch.dump());

  spdlog::shutdown();
}
