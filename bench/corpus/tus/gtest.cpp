// CORPUS-FLAGS: -pthread $(pkg-config --cflags gtest gmock)
// CORPUS-PACKAGES: libgtest-dev libgmock-dev pkg-config
//
// GoogleTest/GoogleMock 1.12: tests for a small event bus and a rate
// limiter using fixtures, a mocked observer interface (with expectations
// on subscription and unsubscription), value-parameterised and typed
// tests, matchers, death-test-free assertions, a global Environment, and a
// custom TestEventListener appended to the (library-owned) listener list.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bus {

class Observer {
public:
  virtual ~Observer() = default;
  virtual void OnEvent(const std::string &topic, int payload) = 0;
  virtual void OnDetached() = 0;
};

// Holds observers weakly; expired observers are pruned while publishing.
class EventBus {
public:
  void Attach(const std::shared_ptr<Observer> &o) { observers_.push_back(o); }

  void Detach(const std::shared_ptr<Observer> &o) {
    auto it = std::find_if(observers_.begin(), observers_.end(),
                           [&](const std::weak_ptr<Observer> &w) { return w.lock() == o; });
    if (it != observers_.end()) {
      observers_.erase(it);
      o->OnDetached();
    }
  }

  int Publish(const std::string &topic, int payload) {
    int delivered = 0;
    for (auto it = observers_.begin(); it != observers_.end();) {
      if (auto o = it->lock()) {
        o->OnEvent(topic, payload);
        ++delivered;
        ++it;
      } else {
        it = observers_.erase(it);
      }
    }
    return delivered;
  }

  std::size_t size() const { return observers_.size(); }

private:
  std::vector<std::weak_ptr<Observer>> observers_;
};

class SlidingWindowLimiter {
public:
  SlidingWindowLimiter(int limit, std::chrono::milliseconds window)
      : limit_(limit), window_(window) {}

  bool Allow(std::chrono::steady_clock::time_point now) {
    while (!stamps_.empty() && now - stamps_.front() >= window_)
      stamps_.pop_front();
    if (static_cast<int>(stamps_.size()) >= limit_)
      return false;
    stamps_.push_back(now);
    return true;
  }

  std::size_t pending() const { return stamps_.size(); }

private:
  int limit_;
  std::chrono::milliseconds window_;
  std::deque<std::chrono::steady_clock::time_point> stamps_;
};

} // namespace bus

namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Ge;
using ::testing::HasSubstr;
using ::testing::InSequence;
using ::testing::Invoke;
using ::testing::Le;
using ::testing::NiceMock;
using ::testing::StrictMock;

class MockObserver : public bus::Observer {
public:
  MOCK_METHOD(void, OnEvent, (const std::string &topic, int payload), (override));
  MOCK_METHOD(void, OnDetached, (), (override));
};

class EventBusTest : public ::testing::Test {
protected:
  void SetUp() override {
    first_ = std::make_shared<StrictMock<MockObserver>>();
    second_ = std::make_shared<NiceMock<MockObserver>>();
    bus_.Attach(first_);
    bus_.Attach(second_);
  }

  bus::EventBus bus_;
  std::shared_ptr<StrictMock<MockObserver>> first_;
  std::shared_ptr<NiceMock<MockObserver>> second_;
};

TEST_F(EventBusTest, DeliversToAllObservers) {
  EXPECT_CALL(*first_, OnEvent("price", 42)).Times(1);
  EXPECT_CALL(*second_, OnEvent(HasSubstr("pri"), Ge(0))).Times(1);
  EXPECT_EQ(bus_.Publish("price", 42), 2);
}

TEST_F(EventBusTest, DetachNotifiesAndStopsDelivery) {
  {
    InSequence seq;
    EXPECT_CALL(*first_, OnDetached());
  }
  bus_.Detach(first_);
  EXPECT_CALL(*second_, OnEvent(_, _)).Times(1);
  EXPECT_EQ(bus_.Publish("x", 1), 1);
  EXPECT_EQ(bus_.size(), 1u);
}

TEST_F(EventBusTest, ExpiredObserversArePruned) {
  EXPECT_CALL(*first_, OnEvent(_, _)).Times(1);
  second_.reset();
  EXPECT_EQ(bus_.Publish("y", 2), 1);
  EXPECT_EQ(bus_.size(), 1u);
}

TEST_F(EventBusTest, RecordsPayloads) {
  std::vector<int> seen;
  EXPECT_CALL(*first_, OnEvent(_, _)).Times(3);
  ON_CALL(*second_, OnEvent(_, _))
      .WillByDefault(Invoke([&seen](const std::string &, int p) { seen.push_back(p); }));
  for (int i = 1; i <= 3; ++i)
    bus_.Publish("n", i * 10);
  EXPECT_THAT(seen, ElementsAre(10, 20, 30));
}

struct LimiterCase {
  int limit;
  int window_ms;
  int requests;
  int expected_allowed;
};

class LimiterTest : public ::testing::TestWithParam<LimiterCase> {};

TEST_P(LimiterTest, AllowsUpToLimitWithinWindow) {
  const LimiterCase &c = GetParam();
  bus::SlidingWindowLimiter limiter(c.limit, std::chrono::milliseconds(c.window_ms));
  auto t0 = std::chrono::steady_clock::now();
  int allowed = 0;
  for (int i = 0; i < c.requests; ++i)
    allowed += limiter.Allow(t0 + std::chrono::milliseconds(i)) ? 1 : 0;
  EXPECT_EQ(allowed, c.expected_allowed);
  EXPECT_THAT(limiter.pending(), AllOf(Ge(0u), Le(static_cast<std::size_t>(c.limit))));
}

INSTANTIATE_TEST_SUITE_P(Windows, LimiterTest,
                         ::testing::Values(LimiterCase{5, 1000, 10, 5},
                                           LimiterCase{3, 2, 10, 10},
                                           LimiterCase{1, 100, 1, 1}));

template <typename T> class ContainerTest : public ::testing::Test {};
using Containers = ::testing::Types<std::vector<int>, std::deque<int>>;
TYPED_TEST_SUITE(ContainerTest, Containers);

TYPED_TEST(ContainerTest, PushAndSize) {
  TypeParam c;
  c.push_back(1);
  c.push_back(2);
  EXPECT_THAT(c, ElementsAre(Eq(1), Eq(2)));
}

class BusEnvironment : public ::testing::Environment {
public:
  void SetUp() override { started_ = std::chrono::steady_clock::now(); }
  void TearDown() override {}

private:
  std::chrono::steady_clock::time_point started_;
};

class FailureCounter : public ::testing::EmptyTestEventListener {
public:
  void OnTestPartResult(const ::testing::TestPartResult &r) override {
    if (r.failed())
      ++failures_;
  }
  void OnTestProgramEnd(const ::testing::UnitTest &) override {
    if (failures_ > 0)
      printf("%d failed assertions\n", failures_);
  }

private:
  int failures_ = 0;
};

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleMock(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new BusEnvironment);
  ::testing::UnitTest::GetInstance()->listeners().Append(new FailureCounter);
  return RUN_ALL_TESTS();
}
