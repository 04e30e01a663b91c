// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: TooltipBehavior::hoverState() keeps a function-local static map keyed by static_cast<const void*>(this), and nothing ever erases a widget's entry, so each destroyed dialog button's HoverState and tip history stay in the map (and keep growing when a later button reuses the address).
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ui {

struct Point {
    int x = 0, y = 0;
};

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
};

struct HoverState {
    static int live;
    static long retainedTips;
    HoverState() { ++live; }
    HoverState(const HoverState& o) : shownTips(o.shownTips) {
        ++live;
        retainedTips += long(shownTips.size());
    }
    ~HoverState() {
        --live;
        retainedTips -= long(shownTips.size());
    }

    void remember(std::string tip) {
        shownTips.push_back(std::move(tip));
        ++retainedTips;
    }

    int enterCount = 0;
    Point lastPos;
    std::vector<std::string> shownTips;
};
int HoverState::live = 0;
long HoverState::retainedTips = 0;

class Widget {
public:
    Widget(std::string name, Rect geom) : name_(std::move(name)), geom_(geom) {}
    virtual ~Widget() = default;
    const std::string& name() const { return name_; }
    const Rect& geometry() const { return geom_; }
    virtual void paint(std::string& out) const { out += "[" + name_ + "]"; }

private:
    std::string name_;
    Rect geom_;
};

class TooltipBehavior {
public:
    virtual ~TooltipBehavior() = default;

    void onMouseMove(Point p, bool inside) {
        HoverState& st = hoverState();
        if (inside && (st.lastPos.x != p.x || st.lastPos.y != p.y)) {
            ++st.enterCount;
            st.remember(tooltipText());
        }
        st.lastPos = p;
    }

protected:
    virtual std::string tooltipText() const = 0;

    HoverState& hoverState() {
        static std::unordered_map<const void*, HoverState> states;  // LEAK-HERE
        const void* key = static_cast<const void*>(this);
        return states[key];  // LEAK-HERE
    }
};

class Button : public Widget, public TooltipBehavior {
public:
    Button(std::string label, Rect geom, std::string tip)
        : Widget(label, geom), tip_(std::move(tip)) {}

    void click() { ++clicks_; }

protected:
    std::string tooltipText() const override { return tip_ + " (" + name() + ")"; }

private:
    std::string tip_;
    int clicks_ = 0;
};

class Dialog {
public:
    explicit Dialog(const std::string& title) : title_(title) {
        const char* labels[] = {"OK", "Cancel", "Apply", "Help"};
        int x = 10;
        for (const char* l : labels) {
            buttons_.push_back(std::make_unique<Button>(l, Rect{x, 200, 60, 24},
                                                        std::string("Press to ") + l));
            x += 70;
        }
    }

    void routeMouse(Point p) {
        for (auto& b : buttons_) b->onMouseMove(p, b->geometry().contains(p));
    }

    Button& button(std::size_t i) { return *buttons_.at(i); }

private:
    std::string title_;
    std::vector<std::unique_ptr<Button>> buttons_;
};

class Application {
public:
    void openPreferences(int session) {
        auto dlg = std::make_unique<Dialog>("Preferences " + std::to_string(session));
        for (int step = 0; step < 40; ++step) dlg->routeMouse(Point{5 + step * 8, 205 + step % 3});
        dlg->button(session % 2).click();
        // dialog closes here
    }
};

}  // namespace ui

int main() {
    ui::Application app;
    std::cout << "baseline HoverState live = " << ui::HoverState::live
              << ", retained tip strings = " << ui::HoverState::retainedTips << "\n";
    for (int batch = 0; batch < 5; ++batch) {
        for (int i = 0; i < 50; ++i) app.openPreferences(batch * 50 + i);
        std::cout << "after " << (batch + 1) * 50
                  << " dialogs: HoverState live = " << ui::HoverState::live
                  << ", retained tip strings = " << ui::HoverState::retainedTips << "\n";
    }
    return 0;
}
