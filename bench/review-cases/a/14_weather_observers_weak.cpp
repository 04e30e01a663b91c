// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Panels hold a strong shared_ptr to the WeatherFeed, but the feed keeps only weak_ptr<Panel> entries and prunes expired ones when notifying, so there is no strong back edge.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>
#include <cmath>

namespace dash {

struct Reading {
    std::string station;
    double tempC = 0.0;
    double humidity = 0.0;
};

class Panel;

class WeatherFeed {
public:
    void subscribe(const std::shared_ptr<Panel>& p) { listeners_.push_back(p); }

    void publish(const Reading& r);

    size_t listenerCount() const { return listeners_.size(); }

private:
    std::vector<std::weak_ptr<Panel>> listeners_;
};

class Panel : public std::enable_shared_from_this<Panel> {
public:
    Panel(std::string title, std::shared_ptr<WeatherFeed> feed)
        : title_(std::move(title)), feed_(std::move(feed)) {}

    void attach() { feed_->subscribe(shared_from_this()); }

    void onReading(const Reading& r) {
        last_ = r;
        ++updates_;
        label_ = title_ + ": " + std::to_string(std::lround(r.tempC)) + "C";
    }

    const std::string& label() const { return label_; }

private:
    std::string title_;
    std::shared_ptr<WeatherFeed> feed_;
    Reading last_;
    unsigned updates_ = 0;
    std::string label_;
};

void WeatherFeed::publish(const Reading& r) {
    listeners_.erase(std::remove_if(listeners_.begin(), listeners_.end(),
                                    [](const std::weak_ptr<Panel>& w) { return w.expired(); }),
                     listeners_.end());
    for (auto& w : listeners_)
        if (auto p = w.lock()) p->onReading(r);
}

std::shared_ptr<Panel> makePanel(const std::string& title, const std::shared_ptr<WeatherFeed>& feed) {
    auto p = std::make_shared<Panel>(title, feed);
    p->attach();
    return p;
}

double fahrenheit(double c) { return c * 9.0 / 5.0 + 32.0; }

} // namespace dash

int main() {
    auto feed = std::make_shared<dash::WeatherFeed>();
    std::vector<std::shared_ptr<dash::Panel>> visible;
    for (int minute = 0; minute < 10000; ++minute) {
        if (minute % 10 == 0) visible.push_back(dash::makePanel("Station " + std::to_string(minute), feed));
        if (visible.size() > 4) visible.erase(visible.begin());
        feed->publish({"EDDF", 12.0 + std::sin(minute / 60.0) * 5.0, 0.6});
    }
    return dash::fahrenheit(0.0) == 32.0 ? 0 : 1;
}
