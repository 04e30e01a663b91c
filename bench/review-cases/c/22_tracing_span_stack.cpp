// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: ScopedSpan pushes this onto the thread_local active-span stack in its constructor and pops it in its destructor, so the stack unwinds on every path including exceptions.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace trace {

using Clock = std::chrono::steady_clock;

struct FinishedSpan {
    std::string name;
    std::uint64_t traceId;
    std::uint64_t parentId;
    std::uint64_t spanId;
    std::int64_t micros;
};

class Exporter {
public:
    static Exporter& get() {
        static Exporter e;
        return e;
    }
    void submit(FinishedSpan s) {
        if (batch_.size() == 512) flush();
        batch_.push_back(std::move(s));
    }
    void flush() { exported_ += batch_.size(); batch_.clear(); }
    std::uint64_t exported() const { return exported_; }

private:
    std::vector<FinishedSpan> batch_;
    std::uint64_t exported_ = 0;
};

class ScopedSpan {
public:
    explicit ScopedSpan(std::string name);
    ~ScopedSpan();
    ScopedSpan(const ScopedSpan&) = delete;
    ScopedSpan& operator=(const ScopedSpan&) = delete;

    static ScopedSpan* current();
    std::uint64_t id() const { return spanId_; }

private:
    static std::vector<ScopedSpan*>& stack();

    std::string name_;
    std::uint64_t traceId_;
    std::uint64_t parentId_;
    std::uint64_t spanId_;
    Clock::time_point start_;
};

std::vector<ScopedSpan*>& ScopedSpan::stack() {
    thread_local std::vector<ScopedSpan*> active;
    return active;
}

ScopedSpan* ScopedSpan::current() { return stack().empty() ? nullptr : stack().back(); }

ScopedSpan::ScopedSpan(std::string name) : name_(std::move(name)), start_(Clock::now()) {
    thread_local std::uint64_t nextId = 1;
    ScopedSpan* parent = current();
    spanId_ = nextId++;
    parentId_ = parent ? parent->spanId_ : 0;
    traceId_ = parent ? parent->traceId_ : spanId_;
    stack().push_back(this);
}

ScopedSpan::~ScopedSpan() {
    stack().pop_back();
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
    Exporter::get().submit({std::move(name_), traceId_, parentId_, spanId_, us});
}

} // namespace trace

static int queryInventory(int sku) {
    trace::ScopedSpan span("db.query inventory");
    if (sku % 41 == 0) throw std::runtime_error("deadlock detected");
    return sku % 17;
}

static int handleCheckout(int orderId) {
    trace::ScopedSpan span("POST /checkout");
    int total = 0;
    for (int line = 0; line < 3; ++line) {
        trace::ScopedSpan lineSpan("price line " + std::to_string(line));
        total += queryInventory(orderId + line);
    }
    return total;
}

int main() {
    std::uint64_t errors = 0;
    for (int order = 1;; ++order) {
        try {
            handleCheckout(order);
        } catch (const std::exception&) {
            ++errors;
        }
        if (trace::ScopedSpan::current() != nullptr) return 1;
        if (order == 300000) break;
    }
    trace::Exporter::get().flush();
    std::cout << "spans=" << trace::Exporter::get().exported() << " errors=" << errors << '\n';
}
