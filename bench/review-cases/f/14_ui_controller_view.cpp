// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: DocumentController owns its DocumentView through a shared_ptr and the view is given a strong shared_ptr back to the controller via setController(), so each controller/view pair keeps the other alive after the window is closed.
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#define Q_OBJECT_LITE(Class) \
public:                      \
    static const char* staticClassName() { return #Class; }

namespace ui {

class DocumentController;
using ControllerPtr = std::shared_ptr<DocumentController>;

class QWidgetLike {
public:
    virtual ~QWidgetLike() = default;
    virtual void paintEvent() = 0;
    virtual const char* className() const = 0;
    void setObjectName(std::string n) { name_ = std::move(n); }
    const std::string& objectName() const { return name_; }

private:
    std::string name_;
};

class DocumentView : public QWidgetLike {
    Q_OBJECT_LITE(DocumentView)
public:
    explicit DocumentView(std::string title) : title_(std::move(title)) {}
    void paintEvent() override;
    const char* className() const override { return staticClassName(); }

    void setController(ControllerPtr c);
    const ControllerPtr& controller() const { return controller_; }

private:
    std::string title_;
    std::vector<std::string> lines_;
    ControllerPtr controller_;  // LEAK-HERE
};

class DocumentController : public std::enable_shared_from_this<DocumentController> {
    Q_OBJECT_LITE(DocumentController)
public:
    explicit DocumentController(std::string path) : path_(std::move(path)) {}
    void bindView(std::shared_ptr<DocumentView> view);
    void load();
    const std::vector<std::string>& text() const { return text_; }
    std::shared_ptr<DocumentView>& view() { return view_; }

private:
    std::string path_;
    std::vector<std::string> text_;
    std::shared_ptr<DocumentView> view_;  // LEAK-HERE
};

void DocumentView::setController(ControllerPtr c) {
    controller_ = std::move(c);  // LEAK-HERE
}

void DocumentView::paintEvent() {
    if (!controller_) return;
    lines_ = controller_->text();
}

void DocumentController::bindView(std::shared_ptr<DocumentView> view) {
    view_ = std::move(view);  // LEAK-HERE
    view_->setObjectName(path_);
    view_->setController(shared_from_this());
}

void DocumentController::load() {
    text_.assign(64, std::string(128, 'x'));
    if (view_) view_->paintEvent();
}

std::shared_ptr<DocumentController> openDocument(const std::string& path) {
    auto controller = std::make_shared<DocumentController>(path);
    auto view = std::make_shared<DocumentView>("Editor - " + path);
    controller->bindView(view);
    controller->load();
    return controller;
}

class MainWindow {
public:
    void open(const std::string& path) { tabs_.push_back(openDocument(path)); }
    void closeAll() { tabs_.clear(); }
    std::size_t tabCount() const { return tabs_.size(); }

private:
    std::vector<ControllerPtr> tabs_;
};

}  // namespace ui

int main() {
    ui::MainWindow window;
    std::weak_ptr<ui::DocumentController> probe;
    for (int frame = 0; frame < 5000; ++frame) {
        window.open("/docs/file" + std::to_string(frame) + ".txt");
        if (frame % 10 == 9) {
            window.closeAll();  // controllers and views survive: they own each other
        }
    }
    probe = ui::openDocument("/docs/probe.txt");
    std::cout << "probe alive after close: " << !probe.expired() << "\n";
}
