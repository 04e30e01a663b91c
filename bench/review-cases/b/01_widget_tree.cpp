// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Every child widget keeps a strong shared_ptr to its parent while the parent's children_ vector owns the child, so each page subtree is an ownership cycle that survives when Application replaces its root.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#define UI_TRACE(...) std::fprintf(stderr, __VA_ARGS__)

namespace ui {

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
};

class Widget;
using WidgetPtr = std::shared_ptr<Widget>;

class Widget : public std::enable_shared_from_this<Widget> {
public:
    explicit Widget(std::string name) : name_(std::move(name)) {}
    virtual ~Widget() = default;

    void addChild(WidgetPtr child);
    void removeChild(const Widget* child);
    void setParent(WidgetPtr parent);
    Widget* parent() const { return parent_.get(); }
    const std::string& name() const { return name_; }
    virtual void layout(const Rect& bounds);

protected:
    Rect bounds_;
    std::vector<WidgetPtr>& children() { return children_; }

private:
    std::string name_;
    WidgetPtr parent_;                 // LEAK-HERE
    std::vector<WidgetPtr> children_;  // LEAK-HERE
};

class VBox : public Widget {
public:
    using Widget::Widget;
    void layout(const Rect& bounds) override;
    int spacing = 4;
};

class Label : public Widget {
public:
    Label(std::string name, std::string text)
        : Widget(std::move(name)), text_(std::move(text)) {}
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

void Widget::setParent(WidgetPtr parent) {
    parent_ = std::move(parent);  // LEAK-HERE
}

void Widget::addChild(WidgetPtr child) {
    if (!child) return;
    child->setParent(shared_from_this());   // LEAK-HERE
    children_.push_back(std::move(child));  // LEAK-HERE
    UI_TRACE("[ui] %s: %zu children\n", name_.c_str(), children_.size());
}

void Widget::removeChild(const Widget* child) {
    children_.erase(std::remove_if(children_.begin(), children_.end(),
                                   [child](const WidgetPtr& w) { return w.get() == child; }),
                    children_.end());
}

void Widget::layout(const Rect& bounds) {
    bounds_ = bounds;
    for (auto& c : children_) c->layout(bounds);
}

void VBox::layout(const Rect& bounds) {
    bounds_ = bounds;
    int y = bounds.y;
    for (auto& c : children()) {
        c->layout(Rect{bounds.x, y, bounds.w, 24});
        y += 24 + spacing;
    }
}

template <typename T, typename... Args>
std::shared_ptr<T> make(Args&&... args) {
    return std::make_shared<T>(std::forward<Args>(args)...);
}

WidgetPtr buildSettingsPage(const std::vector<std::string>& options) {
    auto page = make<VBox>("settings");
    page->addChild(make<Label>("title", "Settings"));
    auto list = make<VBox>("options");
    for (const auto& opt : options) list->addChild(make<Label>("opt." + opt, opt));
    page->addChild(list);
    return page;
}

class Application {
public:
    static Application& instance();
    void navigate(const std::string& page);

private:
    WidgetPtr root_;
};

Application& Application::instance() {
    static Application app;
    return app;
}

void Application::navigate(const std::string& page) {
    if (page == "settings")
        root_ = buildSettingsPage({"audio", "video", "network"});
    else
        root_ = make<VBox>(page);
    root_->layout(Rect{0, 0, 800, 600});
}

}  // namespace ui
