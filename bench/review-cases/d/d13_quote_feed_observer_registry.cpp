// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: QuoteFeed owns its ObserverRegistry through unique_ptr, the registry holds observers by shared_ptr, and CreatePortfolioView registers a PortfolioView that holds a shared_ptr back to the feed, closing the cycle feed -> registry -> view -> feed; TradingDesk never unsubscribes.
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace market {

struct Quote {
    std::string symbol;
    double bid;
    double ask;
};

class IQuoteObserver {
public:
    virtual ~IQuoteObserver() = default;
    virtual void OnQuote(const Quote& q) = 0;
};

class ObserverRegistry {
public:
    void Add(std::shared_ptr<IQuoteObserver> spObserver) { m_vObservers.push_back(std::move(spObserver)); } // LEAK-HERE
    void Remove(const IQuoteObserver* pObserver) {
        m_vObservers.erase(std::remove_if(m_vObservers.begin(), m_vObservers.end(),
                                          [pObserver](const std::shared_ptr<IQuoteObserver>& sp) { return sp.get() == pObserver; }),
                           m_vObservers.end());
    }
    void Notify(const Quote& q) const {
        for (const auto& sp : m_vObservers) sp->OnQuote(q);
    }

private:
    std::vector<std::shared_ptr<IQuoteObserver>> m_vObservers; // LEAK-HERE
};

class QuoteFeed {
public:
    QuoteFeed() : m_pRegistry(std::make_unique<ObserverRegistry>()) {}

    ObserverRegistry& Observers() { return *m_pRegistry; }
    void Publish(const Quote& q) { m_mLast[q.symbol] = q; m_pRegistry->Notify(q); }
    bool Last(const std::string& sym, Quote& out) const {
        auto it = m_mLast.find(sym);
        if (it == m_mLast.end()) return false;
        out = it->second;
        return true;
    }

private:
    std::unique_ptr<ObserverRegistry> m_pRegistry; // LEAK-HERE
    std::map<std::string, Quote> m_mLast;
};

class PortfolioView : public IQuoteObserver {
public:
    explicit PortfolioView(std::shared_ptr<QuoteFeed> spFeed) : m_spFeed(std::move(spFeed)) {} // LEAK-HERE

    void Hold(const std::string& sym, int qty) { m_mPositions[sym] += qty; }
    void OnQuote(const Quote& q) override {
        auto it = m_mPositions.find(q.symbol);
        if (it != m_mPositions.end()) m_dValue += it->second * (q.bid + q.ask) / 2 * 1e-3;
    }
    double Refresh() {  // re-prices everything from the feed's last quotes
        double v = 0;
        Quote q;
        for (const auto& kv : m_mPositions)
            if (m_spFeed->Last(kv.first, q)) v += kv.second * (q.bid + q.ask) / 2;
        return m_dValue = v;
    }

private:
    std::shared_ptr<QuoteFeed> m_spFeed; // LEAK-HERE
    std::map<std::string, int> m_mPositions;
    double m_dValue = 0;
};

std::shared_ptr<PortfolioView> CreatePortfolioView(const std::shared_ptr<QuoteFeed>& spFeed) {
    auto spView = std::make_shared<PortfolioView>(spFeed); // LEAK-HERE
    spFeed->Observers().Add(spView); // LEAK-HERE
    return spView;
}

class TradingDesk {
public:
    void OpenSession() {
        m_spFeed = std::make_shared<QuoteFeed>();
        m_spBook = CreatePortfolioView(m_spFeed);
        m_spBook->Hold("ACME", 100);
        m_spFeed->Publish(Quote{"ACME", 10.0, 10.2});
        m_spBook->Refresh();
    }
    void CloseSession() {
        m_spBook.reset();
        m_spFeed.reset();
    }

private:
    std::shared_ptr<QuoteFeed> m_spFeed;
    std::shared_ptr<PortfolioView> m_spBook;
};

} // namespace market
