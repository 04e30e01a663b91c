// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each Connection holds shared_ptrs to both its sender and receiver Object, and both Objects keep that shared_ptr<Connection> in their connection lists, so sender -> Connection -> receiver -> Connection -> sender is an ownership cycle that no caller can break once the dialog drops them.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gui {

static int g_liveObjects = 0;

class Object;

struct Connection {
    std::string signal;
    std::shared_ptr<Object> sender;    // LEAK-HERE
    std::shared_ptr<Object> receiver;  // LEAK-HERE
    std::function<void(int)> slot;
    bool blocked = false;
};

class Object : public std::enable_shared_from_this<Object> {
public:
    explicit Object(std::string name) : name_(std::move(name)) { ++g_liveObjects; }
    virtual ~Object() { --g_liveObjects; }

    const std::string& objectName() const { return name_; }

    void emitSignal(const std::string& signal, int value) {
        for (const auto& c : outgoing_)
            if (c->signal == signal && !c->blocked && c->slot) c->slot(value);
    }

    std::size_t connectionCount() const { return outgoing_.size() + incoming_.size(); }

protected:
    std::vector<std::shared_ptr<Connection>> outgoing_;  // LEAK-HERE
    std::vector<std::shared_ptr<Connection>> incoming_;  // LEAK-HERE

    friend std::shared_ptr<Connection> connect(const std::shared_ptr<Object>&, const std::string&,
                                               const std::shared_ptr<Object>&,
                                               std::function<void(int)>);

private:
    std::string name_;
};

std::shared_ptr<Connection> connect(const std::shared_ptr<Object>& sender, const std::string& signal,
                                    const std::shared_ptr<Object>& receiver,
                                    std::function<void(int)> slot) {
    auto conn = std::make_shared<Connection>();
    conn->signal = signal;
    conn->sender = sender;
    conn->receiver = receiver;
    conn->slot = std::move(slot);
    sender->outgoing_.push_back(conn);    // LEAK-HERE
    receiver->incoming_.push_back(conn);  // LEAK-HERE
    return conn;
}

class Slider : public Object {
public:
    Slider(std::string name, int lo, int hi) : Object(std::move(name)), lo_(lo), hi_(hi) {}
    void setValue(int v) {
        int clamped = std::clamp(v, lo_, hi_);
        if (clamped == value_) return;
        value_ = clamped;
        emitSignal("valueChanged", value_);
    }
    int value() const { return value_; }

private:
    int lo_, hi_;
    int value_ = 0;
};

class ProgressBar : public Object {
public:
    explicit ProgressBar(std::string name) : Object(std::move(name)) {}
    void setProgress(int p) {
        progress_ = p;
        ++repaints_;
    }
    int progress() const { return progress_; }
    int repaints() const { return repaints_; }

private:
    int progress_ = 0;
    int repaints_ = 0;
};

class Label : public Object {
public:
    explicit Label(std::string name) : Object(std::move(name)) {}
    void setText(std::string t) { text_ = std::move(t); }
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

class VolumeDialog {
public:
    VolumeDialog()
        : slider_(std::make_shared<Slider>("volume", 0, 100)),
          bar_(std::make_shared<ProgressBar>("meter")),
          caption_(std::make_shared<Label>("caption")) {
        ProgressBar* bar = bar_.get();
        Label* caption = caption_.get();
        connect(slider_, "valueChanged", bar_, [bar](int v) { bar->setProgress(v); });
        connect(slider_, "valueChanged", caption_,
                [caption](int v) { caption->setText(std::to_string(v) + "%"); });
    }

    void simulateDrag(int from, int to) {
        for (int v = from; v <= to; v += 7) slider_->setValue(v);
    }

    std::string summary() const {
        return caption_->text() + " after " + std::to_string(bar_->repaints()) + " repaints";
    }

private:
    std::shared_ptr<Slider> slider_;
    std::shared_ptr<ProgressBar> bar_;
    std::shared_ptr<Label> caption_;
};

}  // namespace gui

int main() {
    std::string last;
    for (int round = 1; round <= 5; ++round) {
        for (int i = 0; i < 50; ++i) {
            gui::VolumeDialog dlg;
            dlg.simulateDrag(i, 100);
            last = dlg.summary();
        }
        std::printf("round %d: live gui objects = %d (last: %s)\n", round, gui::g_liveObjects,
                    last.c_str());
        std::fflush(stdout);
    }
    return 0;
}
