// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Assembly and Part are pimpl handles over shared_ptr, but the only upward link, PartImpl::parent_, is a raw non-owning AssemblyImpl pointer, so ownership flows strictly downward.
#include <array>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cad {

using Vec3 = std::array<double, 3>;

class Assembly;

class Part {
public:
    Part(std::string name, Vec3 extent);
    const std::string& name() const;
    double volume() const;
    Vec3 worldOrigin() const;
    void translate(const Vec3& d);

private:
    friend class Assembly;
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

class Assembly {
public:
    explicit Assembly(std::string name);
    void add(Part p, const Vec3& offset);
    double totalVolume() const;
    std::size_t partCount() const;
    void moveTo(const Vec3& origin);

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
    friend class Part;
};

struct Assembly::Impl {
    std::string name;
    Vec3 origin{0, 0, 0};
    std::vector<Part> parts;
};

struct Part::Impl {
    std::string name;
    Vec3 extent;
    Vec3 local{0, 0, 0};
    Assembly::Impl* parent_ = nullptr;
};

Part::Part(std::string name, Vec3 extent) : impl_(std::make_shared<Impl>()) {
    impl_->name = std::move(name);
    impl_->extent = extent;
}

const std::string& Part::name() const { return impl_->name; }

double Part::volume() const { return impl_->extent[0] * impl_->extent[1] * impl_->extent[2]; }

Vec3 Part::worldOrigin() const {
    Vec3 o = impl_->local;
    if (const Assembly::Impl* a = impl_->parent_) {
        for (int i = 0; i < 3; ++i) o[i] += a->origin[i];
    }
    return o;
}

void Part::translate(const Vec3& d) {
    for (int i = 0; i < 3; ++i) impl_->local[i] += d[i];
}

Assembly::Assembly(std::string name) : impl_(std::make_shared<Impl>()) { impl_->name = std::move(name); }

void Assembly::add(Part p, const Vec3& offset) {
    p.impl_->parent_ = impl_.get();
    p.impl_->local = offset;
    impl_->parts.push_back(std::move(p));
}

double Assembly::totalVolume() const {
    double v = 0;
    for (const auto& p : impl_->parts) v += p.volume();
    return v;
}

std::size_t Assembly::partCount() const { return impl_->parts.size(); }

void Assembly::moveTo(const Vec3& origin) { impl_->origin = origin; }

} // namespace cad

static cad::Assembly buildBracket(int variant) {
    cad::Assembly bracket("bracket-" + std::to_string(variant));
    cad::Part plate("base-plate", {120.0, 80.0, 6.0});
    cad::Part rib("rib", {6.0, 80.0, 40.0 + variant});
    bracket.add(plate, {0, 0, 0});
    bracket.add(rib, {57.0, 0, 6.0});
    bracket.moveTo({variant * 200.0, 0, 0});
    std::cout << rib.name() << " at x=" << rib.worldOrigin()[0] << '\n';
    return bracket;
}

int main() {
    double total = 0;
    for (int v = 0; v < 5; ++v) {
        cad::Assembly a = buildBracket(v);
        total += a.totalVolume();
        std::cout << "parts=" << a.partCount() << " volume=" << std::round(a.totalVolume()) << '\n';
    }
    std::cout << "total volume " << total << '\n';
}
