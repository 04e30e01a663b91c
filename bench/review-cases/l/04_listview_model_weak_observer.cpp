// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: ListView owns its model strongly, but the model's Connection list only holds weak_ptr observers that are locked on emit and pruned when expired, so there is no back edge and the dialog's view and model are freed together.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gui {

struct ModelIndex {
    int row = -1;
    int column = 0;
};

class ModelObserver {
public:
    virtual ~ModelObserver() = default;
    virtual void rowsInserted(int first, int last) = 0;
    virtual void dataChanged(ModelIndex index) = 0;
};

class AbstractItemModel {
public:
    virtual ~AbstractItemModel() = default;
    virtual int rowCount() const = 0;
    virtual std::string data(ModelIndex index) const = 0;

    int attach(const std::shared_ptr<ModelObserver>& observer) {
        connections_.push_back(Connection{observer, nextId_});
        return nextId_++;
    }

protected:
    void emitRowsInserted(int first, int last) {
        forEachObserver([&](ModelObserver& o) { o.rowsInserted(first, last); });
    }
    void emitDataChanged(ModelIndex index) {
        forEachObserver([&](ModelObserver& o) { o.dataChanged(index); });
    }

private:
    template <class F>
    void forEachObserver(F&& fn) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            if (auto o = connections_[i].observer.lock()) {
                fn(*o);
                connections_[kept++] = connections_[i];
            }
        }
        connections_.resize(kept);
    }

    struct Connection {
        std::weak_ptr<ModelObserver> observer;
        int id;
    };
    std::vector<Connection> connections_;
    int nextId_ = 1;
};

class StringListModel : public AbstractItemModel {
public:
    int rowCount() const override { return static_cast<int>(rows_.size()); }
    std::string data(ModelIndex index) const override { return rows_.at(index.row); }

    void append(std::string value) {
        rows_.push_back(std::move(value));
        int row = rowCount() - 1;
        emitRowsInserted(row, row);
    }
    void set(int row, std::string value) {
        rows_.at(row) = std::move(value);
        emitDataChanged({row, 0});
    }

private:
    std::vector<std::string> rows_;
};

class Widget : public std::enable_shared_from_this<Widget> {
public:
    Widget() { ++s_live; }
    virtual ~Widget() { --s_live; }
    virtual void setModel(std::shared_ptr<AbstractItemModel>) {}
    void addChild(std::shared_ptr<Widget> w) { children_.push_back(std::move(w)); }
    static int live() { return s_live; }

    template <class W, class... A>
    static std::shared_ptr<W> create(A&&... args) {
        return std::make_shared<W>(std::forward<A>(args)...);
    }

private:
    std::vector<std::shared_ptr<Widget>> children_;
    static inline int s_live = 0;
};

class ListView : public Widget, public ModelObserver {
public:
    void setModel(std::shared_ptr<AbstractItemModel> model) override {
        model_ = std::move(model);
        connectionId_ = model_->attach(asObserver());
        visibleRows_ = model_->rowCount();
    }

    void rowsInserted(int first, int last) override { visibleRows_ += last - first + 1; }
    void dataChanged(ModelIndex index) override { lastDirtyRow_ = index.row; }

    std::string currentText() const {
        return visibleRows_ > 0 ? model_->data({visibleRows_ - 1, 0}) : std::string();
    }

private:
    std::shared_ptr<ModelObserver> asObserver() {
        return std::static_pointer_cast<ListView>(shared_from_this());
    }

    std::shared_ptr<AbstractItemModel> model_;
    int connectionId_ = 0;
    int visibleRows_ = 0;
    int lastDirtyRow_ = -1;
};

class Dialog : public Widget {};

std::shared_ptr<StringListModel> makeModel(const std::vector<std::string>& seed) {
    auto model = std::make_shared<StringListModel>();
    for (const auto& s : seed) model->append(s);
    return model;
}

std::string runPickerDialog(const std::vector<std::string>& choices, int pass) {
    auto dialog = Widget::create<Dialog>();
    auto view = Widget::create<ListView>();
    dialog->addChild(view);

    auto model = makeModel(choices);
    Widget& base = *view;
    base.setModel(model);

    model->append("custom-" + std::to_string(pass));
    model->set(0, choices.front() + "*");
    return view->currentText();
}

}  // namespace gui

int main() {
    const std::vector<std::string> choices{"red", "green", "blue"};
    int baseline = gui::Widget::live();
    std::string last;
    for (int pass = 1; pass <= 300; ++pass) {
        last = gui::runPickerDialog(choices, pass);
        if (pass % 100 == 0) std::printf("pass %d: live widgets=%d (picked %s)\n", pass, gui::Widget::live(), last.c_str());
    }
    std::printf("baseline %d, final live widgets %d\n", baseline, gui::Widget::live());
    return 0;
}
