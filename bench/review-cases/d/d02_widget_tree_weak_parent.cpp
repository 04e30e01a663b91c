// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Parents own their children through shared_ptr but every child-to-parent edge (and the window's focus pointer) is a weak_ptr, so the tree has no strong cycle and is freed when the last window handle goes away.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
};

class Widget : public std::enable_shared_from_this<Widget> {
public:
    typedef std::shared_ptr<Widget> Ptr;
    typedef std::weak_ptr<Widget> WeakPtr;

    explicit Widget(std::string name);

    void addChild(const Ptr& child);
    void removeChild(const Ptr& child);
    Ptr parent() const { return m_parent.lock(); }
    const std::vector<Ptr>& children() const { return m_children; }

    void setGeometry(int x, int y, int w, int h);
    Rect mapToWindow() const;
    std::string path() const;

private:
    std::string m_name;
    WeakPtr m_parent;
    std::vector<Ptr> m_children;
    Rect m_geom;
};

Widget::Widget(std::string name) : m_name(std::move(name)) {}

void Widget::addChild(const Ptr& child) {
    if (Ptr old = child->parent()) old->removeChild(child);
    child->m_parent = weak_from_this();
    m_children.push_back(child);
}

void Widget::removeChild(const Ptr& child) {
    m_children.erase(std::remove(m_children.begin(), m_children.end(), child), m_children.end());
    child->m_parent.reset();
}

void Widget::setGeometry(int x, int y, int w, int h) {
    m_geom.x = x; m_geom.y = y; m_geom.w = w; m_geom.h = h;
}

Rect Widget::mapToWindow() const {
    Rect r = m_geom;
    for (Ptr p = parent(); p; p = p->parent()) {
        r.x += p->m_geom.x;
        r.y += p->m_geom.y;
    }
    return r;
}

std::string Widget::path() const {
    Ptr p = parent();
    return p ? p->path() + "/" + m_name : m_name;
}

class Window {
public:
    explicit Window(const std::string& title) : m_root(std::make_shared<Widget>(title)) {}

    Widget::Ptr root() const { return m_root; }
    void setFocus(const Widget::Ptr& w) { m_focus = w; }
    Widget::Ptr focus() const { return m_focus.lock(); }

private:
    Widget::Ptr m_root;
    Widget::WeakPtr m_focus;
};

int main() {
    for (int i = 0; i < 4; ++i) {
        Window win("Settings" + std::to_string(i));
        auto toolbar = std::make_shared<Widget>("toolbar");
        auto body = std::make_shared<Widget>("body");
        auto okButton = std::make_shared<Widget>("ok");
        win.root()->addChild(toolbar);
        win.root()->addChild(body);
        toolbar->addChild(okButton);
        body->addChild(okButton); // reparent: removed from toolbar first
        okButton->setGeometry(10, 20, 80, 24);
        body->setGeometry(0, 40, 640, 400);
        win.setFocus(okButton);

        Rect r = okButton->mapToWindow();
        std::cout << okButton->path() << " @ " << r.x << "," << r.y << "\n";
        if (auto f = win.focus()) std::cout << "focus: " << f->path() << "\n";
    }
    return 0;
}
