// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: ConfirmDialog owns its Buttons, and each Button's onClick handler captures shared_from_this() of the dialog, so every dialog keeps itself alive after the WindowManager drops it.
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ui {

struct Rect { int x = 0, y = 0, w = 0, h = 0; };

class Widget {
public:
    virtual ~Widget() = default;
    void setGeometry(Rect r) { geom_ = r; }
    const Rect& geometry() const { return geom_; }
    virtual void paint(std::vector<std::string>& out) const = 0;

protected:
    Rect geom_;
};

class Button : public Widget {
public:
    using ClickHandler = std::function<void()>;

    explicit Button(std::string label) : label_(std::move(label)) {}
    void setOnClick(ClickHandler h) { onClick_ = std::move(h); } // LEAK-HERE
    void click() { if (onClick_) onClick_(); }
    void paint(std::vector<std::string>& out) const override { out.push_back("[" + label_ + "]"); }

private:
    std::string label_;
    ClickHandler onClick_; // LEAK-HERE
};

class ConfirmDialog : public Widget, public std::enable_shared_from_this<ConfirmDialog> {
public:
    using Result = std::function<void(bool)>;

    static std::shared_ptr<ConfirmDialog> create(std::string text, Result r);
    void paint(std::vector<std::string>& out) const override;
    Button& ok() { return *ok_; }
    Button& cancel() { return *cancel_; }
    bool closed() const { return closed_; }

private:
    ConfirmDialog(std::string text, Result r) : text_(std::move(text)), result_(std::move(r)) {}
    void wire();
    void finish(bool accepted);

    std::string text_;
    Result result_;
    bool closed_ = false;
    std::unique_ptr<Button> ok_ = std::make_unique<Button>("OK"); // LEAK-HERE
    std::unique_ptr<Button> cancel_ = std::make_unique<Button>("Cancel");
};

std::shared_ptr<ConfirmDialog> ConfirmDialog::create(std::string text, Result r) {
    std::shared_ptr<ConfirmDialog> d(new ConfirmDialog(std::move(text), std::move(r)));
    d->wire();
    return d;
}

void ConfirmDialog::wire() {
    ok_->setGeometry({10, 40, 60, 20});
    cancel_->setGeometry({80, 40, 60, 20});
    ok_->setOnClick([self = shared_from_this()] { self->finish(true); }); // LEAK-HERE
    cancel_->setOnClick([self = shared_from_this()] { self->finish(false); }); // LEAK-HERE
}

void ConfirmDialog::finish(bool accepted) {
    if (closed_) return;
    closed_ = true;
    if (result_) result_(accepted);
}

void ConfirmDialog::paint(std::vector<std::string>& out) const {
    out.push_back(text_);
    ok_->paint(out);
    cancel_->paint(out);
}

class WindowManager {
public:
    void show(std::shared_ptr<ConfirmDialog> d) { stack_.push_back(std::move(d)); }
    ConfirmDialog* top() { return stack_.empty() ? nullptr : stack_.back().get(); }
    void reap() {
        while (!stack_.empty() && stack_.back()->closed()) stack_.pop_back();
    }

private:
    std::vector<std::shared_ptr<ConfirmDialog>> stack_;
};

} // namespace ui

int main() {
    ui::WindowManager wm;
    int accepted = 0;
    bool running = true;
    unsigned frame = 0;
    while (running) {
        wm.show(ui::ConfirmDialog::create("Discard unsaved changes?", [&](bool ok) { accepted += ok; }));
        if (auto* d = wm.top()) (frame % 3 ? d->ok() : d->cancel()).click();
        wm.reap();
        if (++frame == 500000) running = false;
    }
    std::cout << "accepted " << accepted << '\n';
}
