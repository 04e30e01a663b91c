// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The lambda stored in the Button's Signal<> slot vector only holds a weak_ptr to the owning SearchPanel and locks it per click, so the panel -> button -> signal -> lambda path has no strong back edge and the panel dies with its last external owner.
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ui {

static std::atomic<int> g_livePanels{0};

template <typename... Args>
class Signal {
public:
    using Slot = std::function<void(Args...)>;

    std::size_t connect(Slot slot) {
        slots_.push_back(std::move(slot));
        return slots_.size() - 1;
    }

    void emit(Args... args) const {
        for (const auto& s : slots_) {
            if (s) s(args...);
        }
    }

    std::size_t slotCount() const { return slots_.size(); }

private:
    std::vector<Slot> slots_;
};

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
};

class Widget : public std::enable_shared_from_this<Widget> {
public:
    explicit Widget(std::string name) : name_(std::move(name)) {}
    virtual ~Widget() = default;

    const std::string& name() const { return name_; }
    void setGeometry(Rect r) { geom_ = r; }
    const Rect& geometry() const { return geom_; }
    virtual void relayout() {}

protected:
    std::shared_ptr<Widget> handle() { return shared_from_this(); }

private:
    std::string name_;
    Rect geom_;
};

class Button {
public:
    explicit Button(std::string label) : label_(std::move(label)) {}
    Signal<const std::string&>& clicked() { return clicked_; }
    void press() { clicked_.emit(label_); }

private:
    std::string label_;
    Signal<const std::string&> clicked_;
};

class LineEdit {
public:
    void setText(std::string t) {
        text_ = std::move(t);
        textChanged_.emit(text_);
    }
    const std::string& text() const { return text_; }
    Signal<const std::string&>& textChanged() { return textChanged_; }

private:
    std::string text_;
    Signal<const std::string&> textChanged_;
};

class SearchPanel : public Widget {
public:
    static std::shared_ptr<SearchPanel> create(const std::string& name) {
        std::shared_ptr<SearchPanel> panel(new SearchPanel(name));
        panel->wire();
        return panel;
    }

    ~SearchPanel() override { --g_livePanels; }

    Button& searchButton() { return search_; }
    LineEdit& queryEdit() { return query_; }
    int searches() const { return searches_; }

    void relayout() override {
        Rect r = geometry();
        lastButtonX_ = r.x + r.w - 80;
    }

private:
    explicit SearchPanel(const std::string& name) : Widget(name), search_("Search") { ++g_livePanels; }

    void wire() {
        auto owner = std::static_pointer_cast<SearchPanel>(handle());
        std::weak_ptr<SearchPanel> weakOwner = owner;
        search_.clicked().connect([weakOwner](const std::string& label) {
            if (auto p = weakOwner.lock()) p->runSearch(label);
        });
        query_.textChanged().connect([this](const std::string& text) { dirty_ = !text.empty(); });
    }

    void runSearch(const std::string& trigger) {
        if (!dirty_ && trigger.empty()) return;
        ++searches_;
        dirty_ = false;
    }

    Button search_;
    LineEdit query_;
    bool dirty_ = false;
    int searches_ = 0;
    int lastButtonX_ = 0;
};

class VBoxLayout {
public:
    void addWidget(std::shared_ptr<Widget> w) { items_.push_back(std::move(w)); }
    void apply(Rect area) {
        if (items_.empty()) return;
        int h = area.h / static_cast<int>(items_.size());
        int y = area.y;
        for (auto& w : items_) {
            w->setGeometry({area.x, y, area.w, h});
            w->relayout();
            y += h;
        }
    }
    void clear() { items_.clear(); }

private:
    std::vector<std::shared_ptr<Widget>> items_;
};

}  // namespace ui

static int openAndCloseDialog(int round) {
    ui::VBoxLayout layout;
    auto panel = ui::SearchPanel::create("search-" + std::to_string(round));
    layout.addWidget(panel);
    layout.apply({0, 0, 640, 480});

    panel->queryEdit().setText("symbol:ACME");
    panel->searchButton().press();
    int done = panel->searches();
    layout.clear();
    return done;
}

int main() {
    int total = 0;
    for (int round = 1; round <= 5; ++round) {
        for (int i = 0; i < 100; ++i) total += openAndCloseDialog(round * 100 + i);
        std::printf("round %d: live SearchPanels = %d\n", round, ui::g_livePanels.load());
        std::fflush(stdout);
    }
    std::printf("searches run: %d\n", total);
    return 0;
}
