// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: TextField connects slots to its own member signals and Form connects to its fields' signals, but every slot captures a weak_ptr (weak_from_this) and locks it on use, so no signal ever owns the object that owns it.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ui {

template <typename... Args>
class Signal {
public:
    using Slot = std::function<void(Args...)>;
    using Connection = std::size_t;

    Connection connect(Slot s) {
        slots_.emplace(next_, std::move(s));
        return next_++;
    }
    void disconnect(Connection c) { slots_.erase(c); }

    void emit(Args... args) const {
        auto snapshot = slots_;  // slots may disconnect while running
        for (auto& kv : snapshot) kv.second(args...);
    }

private:
    std::map<Connection, Slot> slots_;
    Connection next_ = 0;
};

class TextField : public std::enable_shared_from_this<TextField> {
public:
    Signal<const std::string&> textChanged;
    Signal<> editingFinished;

    static std::shared_ptr<TextField> create(std::string name, std::size_t maxLen) {
        std::shared_ptr<TextField> f(new TextField(std::move(name), maxLen));
        f->wire();
        return f;
    }

    void setText(const std::string& t) {
        text_ = t;
        textChanged.emit(text_);
    }
    void finish() { editingFinished.emit(); }

    bool valid() const { return valid_; }
    const std::string& name() const { return name_; }
    const std::string& committed() const { return committed_; }

private:
    TextField(std::string name, std::size_t maxLen) : name_(std::move(name)), maxLen_(maxLen) {}

    void wire() {
        std::weak_ptr<TextField> weak = weak_from_this();
        textChanged.connect([weak](const std::string& t) {
            if (auto self = weak.lock()) self->valid_ = !t.empty() && t.size() <= self->maxLen_;
        });
        editingFinished.connect([weak] {
            if (auto self = weak.lock())
                if (self->valid_) self->committed_ = self->text_;
        });
    }

    std::string name_;
    std::size_t maxLen_;
    std::string text_;
    std::string committed_;
    bool valid_ = false;
};

class Form : public std::enable_shared_from_this<Form> {
public:
    using FieldPtr = std::shared_ptr<TextField>;

    void addField(const FieldPtr& field) {
        fields_.push_back(field);
        std::weak_ptr<Form> weakForm = weak_from_this();
        field->textChanged.connect([weakForm](const std::string&) {
            if (auto form = weakForm.lock()) form->revalidate();
        });
    }

    bool submittable() const { return submittable_; }

private:
    void revalidate() {
        submittable_ = true;
        for (auto& f : fields_) submittable_ = submittable_ && f->valid();
    }

    std::vector<FieldPtr> fields_;
    bool submittable_ = false;
};

inline std::shared_ptr<Form> buildLoginForm() {
    auto form = std::make_shared<Form>();
    form->addField(TextField::create("user", 32));
    form->addField(TextField::create("password", 128));
    return form;
}

} // namespace ui
