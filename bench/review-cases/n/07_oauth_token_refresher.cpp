// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: TokenRefresher::start() binds shared_from_this() into the callback stored in its own by-value refreshTimer_ member, and Timer::cancel() (called from stop()) only disarms without dropping the callback, so every refresher keeps itself alive after its session closes.
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
    callback_ = std::move(cb);  // LEAK-HERE
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
  Callback callback_;  // LEAK-HERE
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
  Timer refreshTimer_;  // LEAK-HERE
};

std::atomic<int> TokenRefresher::live{0};

// Refresh well before expiry so in-flight requests never carry a stale token.
inline Timer::Callback makeRefreshTask(std::shared_ptr<TokenRefresher> refresher) {
  return std::bind(&TokenRefresher::refreshNow, std::move(refresher));  // LEAK-HERE
}

void TokenRefresher::start(Millis now) {
  now_ = now;
  refreshNow();
  auto self = shared_from_this();
  refreshTimer_.startRepeating(Millis(45000), now, makeRefreshTask(self));  // LEAK-HERE
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
