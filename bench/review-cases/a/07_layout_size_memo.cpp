// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Widget::preferredSize() memoizes into a function-local static map keyed by the widget's this pointer and nothing ever erases entries, so every widget built per frame stays in the table forever.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include <algorithm>

namespace ui {

struct Size {
    int w = 0;
    int h = 0;
};

struct Insets {
    int left = 4, top = 2, right = 4, bottom = 2;
};

int measureText(const std::string& s, int pointSize) {
    return static_cast<int>(s.size()) * pointSize * 6 / 10;
}

class Widget {
public:
    explicit Widget(std::string label) : label_(std::move(label)) {}
    virtual ~Widget() = default;

    Size preferredSize() const {
        static std::unordered_map<const Widget*, Size> memo; // LEAK-HERE
        auto it = memo.find(this);
        if (it != memo.end()) return it->second;
        Size s = computeSize();
        memo.emplace(this, s); // LEAK-HERE
        return s;
    }

    void setPadding(const Insets& in) { padding_ = in; }
    const std::string& label() const { return label_; }

protected:
    virtual Size computeSize() const {
        return {measureText(label_, 12) + padding_.left + padding_.right,
                14 + padding_.top + padding_.bottom};
    }

    std::string label_;
    Insets padding_;
};

class IconButton : public Widget {
public:
    IconButton(std::string label, int iconPx) : Widget(std::move(label)), iconPx_(iconPx) {}

protected:
    Size computeSize() const override {
        Size base = Widget::computeSize();
        base.w += iconPx_ + 4;
        base.h = std::max(base.h, iconPx_ + padding_.top + padding_.bottom);
        return base;
    }

private:
    int iconPx_;
};

class HBox {
public:
    void add(std::unique_ptr<Widget> w) { items_.push_back(std::move(w)); }
    Size layout() const {
        Size total;
        for (auto& w : items_) {
            Size s = w->preferredSize();
            total.w += s.w + spacing_;
            total.h = std::max(total.h, s.h);
        }
        return total;
    }

private:
    int spacing_ = 6;
    std::vector<std::unique_ptr<Widget>> items_;
};

HBox buildToolbar(int frame) {
    HBox box;
    box.add(std::make_unique<IconButton>("Open", 16));
    box.add(std::make_unique<IconButton>("Save", 16));
    box.add(std::make_unique<Widget>("Frame " + std::to_string(frame)));
    return box;
}

} // namespace ui

int main() {
    int widest = 0;
    for (int frame = 0; frame < 10000; ++frame) {
        ui::HBox bar = ui::buildToolbar(frame);
        widest = std::max(widest, bar.layout().w);
    }
    return widest > 0 ? 0 : 1;
}
