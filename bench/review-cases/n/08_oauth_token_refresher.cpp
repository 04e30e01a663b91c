// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: the callback stored in the refresher's own refreshTimer_ member captures only a weak_ptr to the refresher and locks it on each tick, so the timer does not own its refresher and it is freed when its session closes.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace oauth {

using Millis = std::chrono::milliseconds;

struct TokenSet {
  std::string accessToken;
  std::string refreshToken;
  Millis expiresAt{0};
};

class Timer {
 public:
  using Callback = std::function<void()>;

  void startRepeating(Millis period, Millis now, Callback cb) {
    period_ = period;
    nextFire_ = now + period;
    callback_ = std::move(cb);
    armed_ = true;
  }
  void cancel() { armed_ = false; }
  void advance(Millis now) {
    while (armed_ && now >= nextFire_) {
      nextFire_ += period_;
      if (callback_) callback_();
    }
  }

 private:
  Millis period_{0};
  Millis nextFire_{0};
  Callback callback_;
  bool armed_ = false;
};

class OAuthHttpClient {
 public:
  TokenSet exchangeRefreshToken(const std::string& clientId, const std::string& refreshToken,
                                Millis now) {
    ++calls_;
    TokenSet t;
    t.accessToken = "at-" + clientId + "-" + std::to_string(calls_);
    t.refreshToken = refreshToken.empty() ? "rt-" + clientId : refreshToken;
    t.expiresAt = now + Millis(60000);
    return t;
  }

 private:
  unsigned long calls_ = 0;
};

class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  virtual void start(Millis now) = 0;
  virtual void stop() = 0;
  virtual std::string authorizationHeader(Millis now) = 0;
};

class TokenRefresher : public CredentialSource,
                       public std::enable_shared_from_this<TokenRefresher> {
 public:
  static std::atomic<int> live;

  TokenRefresher(OAuthHttpClient& http, std::string clientId)
      : http_(http), clientId_(std::move(clientId)) {
    ++live;
  }
  ~TokenRefresher() override { --live; }

  void start(Millis now) override;
  void stop() override { refreshTimer_.cancel(); }

  std::string authorizationHeader(Millis now) override {
    refreshTimer_.advance(now);
    now_ = now;
    return "Bearer " + current_.accessToken;
  }

  void refreshNow() {
    current_ = http_.exchangeRefreshToken(clientId_, current_.refreshToken, now_);
    ++refreshes_;
  }

 private:
  OAuthHttpClient& http_;
  std::string clientId_;
  TokenSet current_;
  Millis now_{0};
  int refreshes_ = 0;
  Timer refreshTimer_;
};

std::atomic<int> TokenRefresher::live{0};

// Refresh well before expiry so in-flight requests never carry a stale token.
inline Timer::Callback makeRefreshTask(std::weak_ptr<TokenRefresher> refresher) {
  return [refresher = std::move(refresher)] {
    if (auto r = refresher.lock()) r->refreshNow();
  };
}

void TokenRefresher::start(Millis now) {
  now_ = now;
  refreshNow();
  auto self = weak_from_this();
  refreshTimer_.startRepeating(Millis(45000), now, makeRefreshTask(self));
}

class ApiSession {
 public:
  ApiSession(std::string tenant, std::shared_ptr<CredentialSource> creds)
      : tenant_(std::move(tenant)), creds_(std::move(creds)) {}

  std::string send(const std::string& path, Millis now) {
    return "GET " + path + " tenant=" + tenant_ + " auth=" + creds_->authorizationHeader(now);
  }
  void close() { creds_->stop(); }

 private:
  std::string tenant_;
  std::shared_ptr<CredentialSource> creds_;
};

std::unique_ptr<ApiSession> openSession(OAuthHttpClient& http, const std::string& tenant,
                                        Millis now) {
  auto refresher = std::make_shared<TokenRefresher>(http, "svc-" + tenant);
  refresher->start(now);
  return std::make_unique<ApiSession>(tenant, refresher);
}

}  // namespace oauth

int main() {
  oauth::OAuthHttpClient http;
  std::size_t bytesSent = 0;
  oauth::Millis now{0};
  for (int wave = 0; wave < 5; ++wave) {
    for (int t = 0; t < 20; ++t) {
      auto session = oauth::openSession(http, "tenant" + std::to_string(wave * 20 + t), now);
      for (int req = 0; req < 5; ++req) {
        now += oauth::Millis(20000);
        bytesSent += session->send("/v1/invoices?page=" + std::to_string(req), now).size();
      }
      session->close();
    }
    std::printf("wave %d: live refreshers=%d\n", wave, oauth::TokenRefresher::live.load());
    std::fflush(stdout);
  }
  std::printf("bytes=%zu\n", bytesSent);
  return 0;
}
