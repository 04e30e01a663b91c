// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Document owns its views and shares one Stylesheet among them (a DAG), while each View's back edge to the document is a weak_ptr that is locked per repaint, so closing the window frees document, views and stylesheet.
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gui {

struct Counters {
    static int documents, views, styles;
};
int Counters::documents = 0;
int Counters::views = 0;
int Counters::styles = 0;

class Stylesheet {
public:
    explicit Stylesheet(std::string font) : font_(std::move(font)) { ++Counters::styles; }
    ~Stylesheet() { --Counters::styles; }
    const std::string& font() const { return font_; }

private:
    std::string font_;
};

class Document;

class View {
public:
    View(std::string kind, std::shared_ptr<Stylesheet> style) : kind_(std::move(kind)), style_(std::move(style)) {
        ++Counters::views;
    }
    virtual ~View() { --Counters::views; }

    void attach(const std::shared_ptr<Document>& doc) { doc_ = doc; }
    std::string repaint() const;

protected:
    std::string kind_;
    std::shared_ptr<Stylesheet> style_;
    std::weak_ptr<Document> doc_;
};

class OutlineView : public View {
public:
    explicit OutlineView(std::shared_ptr<Stylesheet> s) : View("outline", std::move(s)) {}
};

class EditorView : public View {
public:
    explicit EditorView(std::shared_ptr<Stylesheet> s) : View("editor", std::move(s)) {}
};

class Document : public std::enable_shared_from_this<Document> {
public:
    explicit Document(std::string path) : path_(std::move(path)) { ++Counters::documents; }
    ~Document() { --Counters::documents; }

    template <typename V>
    V& addView(std::shared_ptr<Stylesheet> style) {
        auto view = std::make_shared<V>(std::move(style));
        auto self = shared_from_this();
        view->attach(self);
        views_.push_back(view);
        return *view;
    }

    void insertLine(std::string line) { lines_.push_back(std::move(line)); }
    std::size_t lineCount() const { return lines_.size(); }
    const std::string& path() const { return path_; }

    std::string repaintAll() const {
        std::string out;
        for (const auto& v : views_) out += v->repaint();
        return out;
    }

private:
    std::string path_;
    std::vector<std::string> lines_;
    std::vector<std::shared_ptr<View>> views_;
};

std::string View::repaint() const {
    if (auto doc = doc_.lock())
        return kind_ + "(" + doc->path() + ", " + std::to_string(doc->lineCount()) + " lines, " +
               style_->font() + ")\n";
    return kind_ + "(detached)\n";
}

class MainWindow {
public:
    void openFile(const std::string& path) {
        auto doc = std::make_shared<Document>(path);
        auto style = std::make_shared<Stylesheet>(path.size() % 2 ? "Mono 10" : "Sans 11");
        doc->addView<EditorView>(style);
        doc->addView<OutlineView>(style);
        tabs_.push_back(std::move(doc));
    }

    void editActive(int n) {
        for (int i = 0; i < n; ++i) tabs_.back()->insertLine("line " + std::to_string(i));
        painted_ += tabs_.back()->repaintAll().size();
    }

    void closeAll() { tabs_.clear(); }

private:
    std::vector<std::shared_ptr<Document>> tabs_;
    std::size_t painted_ = 0;
};

}  // namespace gui

int main() {
    using gui::Counters;
    std::cout << "baseline: docs " << Counters::documents << ", views " << Counters::views << ", styles "
              << Counters::styles << "\n";
    gui::MainWindow window;
    for (int session = 0; session < 4; ++session) {
        for (int f = 0; f < 10; ++f) {
            window.openFile("/home/me/notes/" + std::to_string(session) + "_" + std::to_string(f) + ".md");
            window.editActive(5 + f);
        }
        std::cout << "session " << session << " open: docs " << Counters::documents << ", views "
                  << Counters::views << "\n";
        window.closeAll();
        std::cout << "session " << session << " closed: docs " << Counters::documents << ", views "
                  << Counters::views << ", styles " << Counters::styles << "\n";
    }
    return 0;
}
