// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: QuoteStream keeps only weak_ptr references to its listeners and the dashboard is reached through a raw pointer, so the only strong edges run view->stream and dashboard->view and no cycle forms.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#define FEED_LOG(x) (std::cerr << "[feed] " << x << '\n')

namespace feed {

struct Quote {
    std::string symbol;
    double bid = 0, ask = 0;
};

class QuoteListener {
public:
    virtual ~QuoteListener() = default;
    virtual void onQuote(const Quote& q) = 0;
};

class QuoteStream {
public:
    explicit QuoteStream(std::string symbol) : symbol_(std::move(symbol)) {}
    void subscribe(const std::shared_ptr<QuoteListener>& l);
    void publish(const Quote& q);

private:
    std::string symbol_;
    std::vector<std::weak_ptr<QuoteListener>> listeners_;
};

using StreamPtr = std::shared_ptr<QuoteStream>;
class Dashboard;

class PortfolioView : public QuoteListener,
                      public std::enable_shared_from_this<PortfolioView> {
public:
    PortfolioView(Dashboard* owner, StreamPtr stream) : owner_(owner), stream_(std::move(stream)) {}
    void attach() { stream_->subscribe(shared_from_this()); }
    void onQuote(const Quote& q) override;

private:
    Dashboard* owner_;
    StreamPtr stream_;
    double lastMid_ = 0;
};

class Dashboard {
public:
    StreamPtr streamFor(const std::string& symbol);
    void openView(const std::string& symbol);
    void closeAll() { views_.clear(); }
    void markDirty() { ++dirty_; }

private:
    std::map<std::string, StreamPtr> streams_;
    std::vector<std::shared_ptr<PortfolioView>> views_;
    int dirty_ = 0;
};

void QuoteStream::subscribe(const std::shared_ptr<QuoteListener>& l) {
    listeners_.emplace_back(l);
}

void QuoteStream::publish(const Quote& q) {
    listeners_.erase(std::remove_if(listeners_.begin(), listeners_.end(),
                                    [](const std::weak_ptr<QuoteListener>& w) { return w.expired(); }),
                     listeners_.end());
    for (auto& w : listeners_)
        if (auto l = w.lock()) l->onQuote(q);
    FEED_LOG(symbol_ << " -> " << listeners_.size() << " listeners");
}

void PortfolioView::onQuote(const Quote& q) {
    double mid = (q.bid + q.ask) / 2;
    if (mid != lastMid_) {
        lastMid_ = mid;
        owner_->markDirty();
    }
}

StreamPtr Dashboard::streamFor(const std::string& symbol) {
    auto& s = streams_[symbol];
    if (!s) s = std::make_shared<QuoteStream>(symbol);
    return s;
}

void Dashboard::openView(const std::string& symbol) {
    auto view = std::make_shared<PortfolioView>(this, streamFor(symbol));
    view->attach();
    views_.push_back(std::move(view));
}

}  // namespace feed
