// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Widgets own their ViewModel through Binding::source, but the ViewModel only keeps weak_ptr observers (pruning expired ones on notify), so popping a screen frees the whole widget/view-model graph.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {
namespace ui {

std::atomic<int> g_liveWidgets{0};
std::atomic<int> g_liveViewModels{0};

class PropertyObserver {
public:
    virtual ~PropertyObserver() = default;
    virtual void propertyChanged(const std::string &name, const std::string &value) = 0;
};

class ViewModel {
public:
    ViewModel() { ++g_liveViewModels; }
    ~ViewModel() { --g_liveViewModels; }

    void addObserver(std::shared_ptr<PropertyObserver> obs) {
        observers_.push_back(std::move(obs));
    }
    void set(const std::string &name, std::string value) {
        props_[name] = value;
        for (auto it = observers_.begin(); it != observers_.end();) {
            if (auto obs = it->lock()) {
                obs->propertyChanged(name, value);
                ++it;
            } else {
                it = observers_.erase(it);
            }
        }
    }
    std::string get(const std::string &name) const {
        auto it = props_.find(name);
        return it == props_.end() ? std::string() : it->second;
    }

private:
    std::map<std::string, std::string> props_;
    std::vector<std::weak_ptr<PropertyObserver>> observers_;
};
using ViewModelPtr = std::shared_ptr<ViewModel>;

struct Binding {
    ViewModelPtr source;
    std::string property;
};

class Widget : public PropertyObserver {
public:
    explicit Widget(std::string id) : id_(std::move(id)) { ++g_liveWidgets; }
    ~Widget() override { --g_liveWidgets; }

    std::vector<Binding> &bindings() { return bindings_; }
    const std::string &text() const { return text_; }
    void propertyChanged(const std::string &name, const std::string &value) override {
        for (const auto &b : bindings_)
            if (b.property == name)
                text_ = value;
        dirty_ = true;
    }
    void refresh() {
        for (const auto &b : bindings_)
            text_ = b.source->get(b.property);
        dirty_ = false;
    }

private:
    std::string id_;
    std::string text_;
    bool dirty_ = true;
    std::vector<Binding> bindings_;
};
using WidgetPtr = std::shared_ptr<Widget>;

void bind(const WidgetPtr &widget, const ViewModelPtr &vm, const std::string &property) {
    widget->bindings().push_back(Binding{vm, property});
    vm->addObserver(widget);
    widget->refresh();
}

class Screen {
public:
    explicit Screen(std::string title) : title_(std::move(title)), model_(std::make_shared<ViewModel>()) {}
    WidgetPtr addLabel(const std::string &id, const std::string &property) {
        auto label = std::make_shared<Widget>(id);
        bind(label, model_, property);
        children_.push_back(label);
        return label;
    }
    ViewModel &model() { return *model_; }

private:
    std::string title_;
    ViewModelPtr model_;
    std::vector<WidgetPtr> children_;
};

class NavigationStack {
public:
    Screen &push(std::string title) {
        stack_.push_back(std::make_unique<Screen>(std::move(title)));
        return *stack_.back();
    }
    void pop() { stack_.pop_back(); }
    std::size_t depth() const { return stack_.size(); }

private:
    std::vector<std::unique_ptr<Screen>> stack_;
};

void runCustomerSession(NavigationStack &nav, int customer) {
    Screen &checkout = nav.push("checkout");
    checkout.addLabel("lbl-total", "total");
    checkout.addLabel("lbl-items", "itemCount");
    auto status = checkout.addLabel("lbl-status", "status");
    checkout.model().set("itemCount", std::to_string(1 + customer % 6));
    checkout.model().set("total", "$" + std::to_string(4 + customer % 30) + ".99");
    checkout.model().set("status", "Tap card to pay");
    checkout.model().set("status", status->text() == "Tap card to pay" ? "Approved" : "Error");
    nav.pop();
}

} // namespace ui
} // namespace kiosk

int main(int argc, char **argv) {
    using namespace kiosk::ui;
    const int customers = argc > 1 ? std::atoi(argv[1]) : 2000;
    NavigationStack nav;
    nav.push("attract-loop");
    for (int c = 0; c < 2 * customers; ++c) {
        runCustomerSession(nav, c);
        if (c + 1 == customers)
            std::printf("[N] navDepth=%zu liveWidgets=%d liveViewModels=%d\n", nav.depth(),
                        g_liveWidgets.load(), g_liveViewModels.load());
    }
    std::printf("[2N] navDepth=%zu liveWidgets=%d liveViewModels=%d\n", nav.depth(),
                g_liveWidgets.load(), g_liveViewModels.load());
    return 0;
}
