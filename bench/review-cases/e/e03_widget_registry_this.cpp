// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every Widget inserts `this` into the static s_registry under a fresh, ever-increasing id and the destructor never removes it, so each transient popup leaves a dangling entry behind forever.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace ui {

class Widget {
public:
    explicit Widget(std::string title)
        : m_id(++s_nextId), m_title(std::move(title))
    {
        s_registry[m_id] = this; // LEAK-HERE
    }

    virtual ~Widget() = default;

    Widget(const Widget&) = delete;
    Widget& operator=(const Widget&) = delete;

    std::uint32_t id() const { return m_id; }
    const std::string& title() const { return m_title; }
    virtual void paint(std::string& frame) const { frame += "[" + m_title + "]"; }

    static Widget* findById(std::uint32_t id)
    {
        auto it = s_registry.find(id);
        return it == s_registry.end() ? nullptr : it->second;
    }

    static std::size_t registeredCount() { return s_registry.size(); }

private:
    std::uint32_t m_id;
    std::string m_title;

    static std::uint32_t s_nextId;
    static std::map<std::uint32_t, Widget*> s_registry; // LEAK-HERE
};

std::uint32_t Widget::s_nextId = 0;
std::map<std::uint32_t, Widget*> Widget::s_registry; // LEAK-HERE

class Tooltip : public Widget {
public:
    explicit Tooltip(const std::string& text) : Widget("tooltip: " + text) {}
    void paint(std::string& frame) const override { frame += "<" + title() + ">"; }
};

class MainWindow : public Widget {
public:
    MainWindow() : Widget("main") {}

    std::size_t lastFrameBytes() const { return m_lastFrameBytes; }

    void onMouseHover(int x, int y)
    {
        // A tooltip is created on every hover and destroyed immediately after painting.
        auto tip = std::make_unique<Tooltip>("pos " + std::to_string(x) + "," + std::to_string(y));
        std::string frame;
        tip->paint(frame);
        m_lastFrameBytes = frame.size();
    }

private:
    std::size_t m_lastFrameBytes = 0;
};

} // namespace ui

int main()
{
    ui::MainWindow window;
    for (int frame = 0; frame < 100000; ++frame) {
        window.onMouseHover(frame % 640, frame % 480);
        if (frame % 10000 == 0)
            std::cout << "registered widgets: " << ui::Widget::registeredCount() << "\n";
    }
    return 0;
}
