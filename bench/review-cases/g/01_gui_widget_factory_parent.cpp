// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Widget::create() stores a strong shared_ptr to the parent in m_parent while the parent keeps the child in m_children, so each confirmation dialog tree built per click is a parent<->child cycle that survives after the caller drops the root.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace ui {

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
};

class Widget {
public:
    using Ptr = std::shared_ptr<Widget>;

    static Ptr create(const std::string& name, const Ptr& parent = nullptr) {
        Ptr w(new Widget(name));
        if (parent) {
            w->m_parent = parent;  // LEAK-HERE
            parent->m_children.push_back(w);  // LEAK-HERE
        }
        return w;
    }

    virtual ~Widget() = default;

    void setGeometry(const Rect& r) { m_geometry = r; }
    const Rect& geometry() const { return m_geometry; }
    const std::string& name() const { return m_name; }
    void setText(std::string t) { m_text = std::move(t); }

    void layout() {
        int y = m_geometry.y + 4;
        for (auto& child : m_children) {
            child->setGeometry({m_geometry.x + 4, y, m_geometry.w - 8, 24});
            y += 28;
            child->layout();
        }
    }

    std::string path() const {
        return m_parent ? m_parent->path() + "/" + m_name : m_name;
    }

    std::size_t descendantCount() const {
        std::size_t n = m_children.size();
        for (const auto& c : m_children)
            n += c->descendantCount();
        return n;
    }

private:
    explicit Widget(std::string name) : m_name(std::move(name)) {}

    std::string m_name;
    std::string m_text;
    Rect m_geometry;
    Ptr m_parent;                  // LEAK-HERE
    std::vector<Ptr> m_children;   // LEAK-HERE
};

// Builds a modal "are you sure?" dialog each time the user hits Delete.
class ConfirmDialogBuilder {
public:
    explicit ConfirmDialogBuilder(Rect screen) : m_screen(screen) {}

    Widget::Ptr build(const std::string& question) const {
        auto root = Widget::create("confirm");
        root->setGeometry({m_screen.w / 4, m_screen.h / 3, m_screen.w / 2, 140});

        auto label = Widget::create("label", root);
        label->setText(question);

        auto buttons = Widget::create("buttons", root);
        auto ok = Widget::create("ok", buttons);
        ok->setText("OK");
        auto cancel = Widget::create("cancel", buttons);
        cancel->setText("Cancel");

        root->layout();
        return root;
    }

private:
    Rect m_screen;
};

}  // namespace ui

int main() {
    ui::ConfirmDialogBuilder builder({0, 0, 1920, 1080});
    std::size_t widgets = 0;
    for (int click = 0; click < 100000; ++click) {
        ui::Widget::Ptr dialog = builder.build("Delete item #" + std::to_string(click) + "?");
        widgets += dialog->descendantCount();
        if (click % 20000 == 0)
            std::printf("shown %d dialogs (%zu widgets)\n", click, widgets);
        // dialog dismissed: the only external reference goes away here
    }
    return 0;
}
