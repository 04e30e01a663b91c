// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every DocumentView registers a lambda capturing `this` (plus a shared font handle) with the ThemeManager singleton and nothing ever removes it, so the singleton's listener list grows by one entry per opened document and outlives the views.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ui {

struct Color { unsigned char r, g, b, a; };

struct Palette {
    Color background{255, 255, 255, 255};
    Color text{0, 0, 0, 255};
    Color selection{51, 153, 255, 128};
    std::string name = "light";
};

struct Font {
    std::string family;
    int pointSize = 11;
    std::vector<unsigned char> glyphCache;
};
using FontHandle = std::shared_ptr<Font>;

class ThemeManager {
public:
    using Listener = std::function<void(const Palette&)>;

    static ThemeManager& instance() {
        static ThemeManager mgr;
        return mgr;
    }

    void addListener(Listener l) { listeners_.push_back(std::move(l)); }  // LEAK-HERE
    const Palette& current() const { return palette_; }
    std::size_t listenerCount() const { return listeners_.size(); }

    void setPalette(const Palette& p) {
        palette_ = p;
        for (auto& l : listeners_) l(palette_);
    }

private:
    Palette palette_;
    std::vector<Listener> listeners_;  // LEAK-HERE
};

class FontCache {
public:
    FontHandle get(const std::string& family, int size) {
        auto& slot = fonts_[family + ":" + std::to_string(size)];
        if (!slot) {
            slot = std::make_shared<Font>();
            slot->family = family;
            slot->pointSize = size;
            slot->glyphCache.resize(64 * 1024);
        }
        return slot;
    }

private:
    std::unordered_map<std::string, FontHandle> fonts_;
};

class Widget {
public:
    virtual ~Widget() = default;
    virtual void repaint() { ++repaints_; }

protected:
    int repaints_ = 0;
};

class DocumentView : public Widget {
public:
    DocumentView(std::string path, FontHandle font)
        : path_(std::move(path)), font_(std::move(font)) {
        hookTheme();
    }

    void setText(std::string t) { text_ = std::move(t); }

private:
    void hookTheme() {
        FontHandle font = font_;
        auto onTheme = [this, font](const Palette& p) {
            background_ = p.background;
            foreground_ = p.text;
            if (font) lineHeight_ = font->pointSize + 4;
            repaint();
        };
        onTheme(ThemeManager::instance().current());
        ThemeManager::instance().addListener(onTheme);  // LEAK-HERE
    }

    std::string path_;
    std::string text_;
    FontHandle font_;
    Color background_{};
    Color foreground_{};
    int lineHeight_ = 0;
};

}  // namespace ui

class Editor {
public:
    void openFile(const std::string& path) {
        auto view = std::make_unique<ui::DocumentView>(path, fonts_.get("Fira Code", 11));
        view->setText(std::string(4096, 'a'));
        tabs_.push_back(std::move(view));
    }
    void closeOldestTab() {
        if (!tabs_.empty()) tabs_.erase(tabs_.begin());
    }
    std::size_t tabCount() const { return tabs_.size(); }

private:
    ui::FontCache fonts_;
    std::vector<std::unique_ptr<ui::DocumentView>> tabs_;
};

int main() {
    Editor editor;
    // A user session that keeps opening and closing files for hours.
    for (int i = 0; i < 50000; ++i) {
        editor.openFile("/home/user/src/file" + std::to_string(i) + ".cpp");
        if (editor.tabCount() > 12) editor.closeOldestTab();
    }
    std::printf("tabs=%zu theme listeners=%zu\n", editor.tabCount(),
                ui::ThemeManager::instance().listenerCount());
    return 0;
}
