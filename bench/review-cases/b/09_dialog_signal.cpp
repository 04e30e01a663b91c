// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: ConfirmDialog connects slots capturing shared_from_this() (lambda init-capture and std::bind) to the clicked signals of Button members it owns by value, and never disconnects them, so each dialog keeps itself alive.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace gui {

template <typename... Args>
class Signal {
public:
    using Slot = std::function<void(Args...)>;
    int connect(Slot s) {
        slots_.emplace(next_, std::move(s));  // LEAK-HERE
        return next_++;
    }
    void disconnect(int id) { slots_.erase(id); }
    void emit(Args... args) const {
        for (const auto& [id, slot] : slots_) slot(args...);
    }

private:
    std::map<int, Slot> slots_;  // LEAK-HERE
    int next_ = 0;
};

class Button {
public:
    explicit Button(std::string label) : label_(std::move(label)) {}
    void click() { clicked.emit(); }
    const std::string& label() const { return label_; }
    Signal<> clicked;

private:
    std::string label_;
};

class ConfirmDialog : public std::enable_shared_from_this<ConfirmDialog> {
public:
    using ResultFn = std::function<void(bool)>;

    static std::shared_ptr<ConfirmDialog> create(std::string question, ResultFn onResult);

    void show() { visible_ = true; }
    void finish(bool accepted);
    Button& ok() { return okButton_; }
    Button& cancel() { return cancelButton_; }

private:
    ConfirmDialog(std::string question, ResultFn onResult)
        : question_(std::move(question)), onResult_(std::move(onResult)) {}
    void wireUp();

    std::string question_;
    ResultFn onResult_;
    Button okButton_{"OK"};          // LEAK-HERE
    Button cancelButton_{"Cancel"};  // LEAK-HERE
    bool visible_ = false;
};

std::shared_ptr<ConfirmDialog> ConfirmDialog::create(std::string question, ResultFn onResult) {
    std::shared_ptr<ConfirmDialog> dlg(new ConfirmDialog(std::move(question), std::move(onResult)));
    dlg->wireUp();
    return dlg;
}

void ConfirmDialog::wireUp() {
    okButton_.clicked.connect([self = shared_from_this()] { self->finish(true); });  // LEAK-HERE
    cancelButton_.clicked.connect(std::bind(&ConfirmDialog::finish, shared_from_this(), false));  // LEAK-HERE
}

void ConfirmDialog::finish(bool accepted) {
    if (!visible_) return;
    visible_ = false;
    if (onResult_) onResult_(accepted);
}

class DocumentWindow {
public:
    void requestClose();
    bool modified = true;

private:
    void doClose() { open_ = false; }
    bool open_ = true;
};

void DocumentWindow::requestClose() {
    if (!modified) return doClose();
    auto dlg = ConfirmDialog::create("Discard unsaved changes?", [this](bool yes) {
        if (yes) doClose();
    });
    dlg->show();
    dlg->ok().click();
}

}  // namespace gui
