// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global request-count map is keyed only by (method, status class) where the method is normalised to one of six constant names ("OTHER" for anything else) and the status to one of five classes, so it holds at most 30 entries no matter what clients send.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

typedef std::uint64_t counter_t;

enum StatusClass { STATUS_1XX, STATUS_2XX, STATUS_3XX, STATUS_4XX, STATUS_5XX };

static const char* const kStatusClassNames[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
static const char* const kKnownMethods[] = {"GET", "POST", "PUT", "DELETE", "HEAD"};

typedef std::pair<std::string, StatusClass> metric_key_t;

static std::map<metric_key_t, counter_t> g_request_counts;
static std::map<StatusClass, counter_t> g_bytes_by_class;

static const char* normalize_method(const std::string& raw)
{
    for (const char* m : kKnownMethods) {
        if (raw == m)
            return m;
    }
    return "OTHER";
}

static StatusClass classify(int status)
{
    if (status < 200) return STATUS_1XX;
    if (status < 300) return STATUS_2XX;
    if (status < 400) return STATUS_3XX;
    if (status < 500) return STATUS_4XX;
    return STATUS_5XX;
}

/* Called once per served request from the front-end worker. */
void metrics_record_request(const std::string& method, int status, std::size_t bytes)
{
    StatusClass sc = classify(status);
    g_request_counts[metric_key_t(normalize_method(method), sc)] += 1;
    g_bytes_by_class[sc] += bytes;
}

/* Renders the Prometheus text exposition for /metrics. */
std::string metrics_render(void)
{
    std::string out;
    char line[160];
    for (const auto& kv : g_request_counts) {
        std::snprintf(line, sizeof line,
                      "http_requests_total{method=\"%s\",code=\"%s\"} %llu\n",
                      kv.first.first.c_str(), kStatusClassNames[kv.first.second],
                      static_cast<unsigned long long>(kv.second));
        out += line;
    }
    for (const auto& kv : g_bytes_by_class) {
        std::snprintf(line, sizeof line, "http_response_bytes_total{code=\"%s\"} %llu\n",
                      kStatusClassNames[kv.first],
                      static_cast<unsigned long long>(kv.second));
        out += line;
    }
    return out;
}

std::size_t metrics_series_count(void)
{
    return g_request_counts.size() + g_bytes_by_class.size();
}
