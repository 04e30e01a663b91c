// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Spinner owns its two AnimationTimers by value and their callbacks capture only the raw `this` pointer (directly or via std::bind), so no callback owns the Spinner and the timers and their callbacks die with it.
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace widgets {

class AnimationTimer {
public:
    typedef std::function<void()> Callback;

    void start(int intervalMs, Callback cb) {
        m_interval = intervalMs;
        m_elapsed = 0;
        m_callback = std::move(cb);
    }
    void stop() { m_callback = nullptr; }
    bool isActive() const { return static_cast<bool>(m_callback); }

    void advance(int ms) {
        if (!m_callback) return;
        for (m_elapsed += ms; m_elapsed >= m_interval; m_elapsed -= m_interval) m_callback();
    }

private:
    int m_interval = 0;
    int m_elapsed = 0;
    Callback m_callback;
};

class Spinner : public std::enable_shared_from_this<Spinner> {
public:
    explicit Spinner(std::string label) : m_label(std::move(label)) {}

    void show() {
        m_frameTimer.start(16, [this] { advanceFrame(); });
        m_blinkTimer.start(500, std::bind(&Spinner::toggleCaret, this));
        m_visible = true;
    }
    void hide() {
        m_frameTimer.stop();
        m_blinkTimer.stop();
        m_visible = false;
    }
    void tick(int ms) {
        m_frameTimer.advance(ms);
        m_blinkTimer.advance(ms);
    }

    std::string render() const {
        static const char kFrames[] = {'|', '/', '-', '\\'};
        return m_label + " " + kFrames[m_frame % 4] + (m_caret ? "_" : " ");
    }
    bool visible() const { return m_visible; }

private:
    void advanceFrame() { ++m_frame; }
    void toggleCaret() { m_caret = !m_caret; }

    std::string m_label;
    unsigned m_frame = 0;
    bool m_caret = false;
    bool m_visible = false;
    AnimationTimer m_frameTimer;
    AnimationTimer m_blinkTimer;
};

class StatusBar {
public:
    std::shared_ptr<Spinner> addSpinner(const std::string& label) {
        auto s = std::make_shared<Spinner>(label);
        s->show();
        m_spinners.push_back(s);
        return s;
    }
    void removeSpinner(const std::shared_ptr<Spinner>& s) {
        m_spinners.erase(std::remove(m_spinners.begin(), m_spinners.end(), s), m_spinners.end());
    }
    void frame(int ms) {
        for (auto& s : m_spinners) s->tick(ms);
    }
    void clear() { m_spinners.clear(); }  // no hide() needed: timers die with their spinner

private:
    std::vector<std::shared_ptr<Spinner>> m_spinners;
};

} // namespace widgets
