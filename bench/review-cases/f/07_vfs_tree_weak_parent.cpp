// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Directories own their children through shared_ptr but every node points back to its parent only through a weak_ptr, so removing a subtree from the mount table frees it completely.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vfs {

class Directory;
using DirPtr = std::shared_ptr<Directory>;
using WeakDir = std::weak_ptr<Directory>;

class Node : public std::enable_shared_from_this<Node> {
public:
    explicit Node(std::string name) : name_(std::move(name)) {}
    virtual ~Node() = default;

    const std::string& name() const { return name_; }
    void setParent(const DirPtr& p) { parent_ = p; }
    DirPtr parent() const { return parent_.lock(); }
    virtual std::size_t size() const = 0;
    std::string path() const;

private:
    std::string name_;
    WeakDir parent_;
};

class File : public Node {
public:
    File(std::string name, std::size_t bytes) : Node(std::move(name)), data_(bytes, '\0') {}
    std::size_t size() const override { return data_.size(); }

private:
    std::string data_;
};

class Directory : public Node {
public:
    using Node::Node;
    using Children = std::map<std::string, std::shared_ptr<Node>>;

    template <typename T, typename... Args>
    std::shared_ptr<T> create(Args&&... args) {
        auto child = std::make_shared<T>(std::forward<Args>(args)...);
        child->setParent(std::static_pointer_cast<Directory>(shared_from_this()));
        children_[child->name()] = child;
        return child;
    }

    Children& children() { return children_; }

    std::size_t size() const override {
        std::size_t total = 0;
        for (const auto& kv : children_) total += kv.second->size();
        return total;
    }

private:
    Children children_;
};

std::string Node::path() const {
    std::vector<std::string> parts{name_};
    for (DirPtr p = parent(); p; p = p->parent()) parts.push_back(p->name());
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + *it;
    return out;
}

class MountTable {
public:
    DirPtr mount(const std::string& point) {
        auto root = std::make_shared<Directory>(point);
        mounts_[point] = root;
        return root;
    }
    void unmount(const std::string& point) { mounts_.erase(point); }
    std::size_t count() const { return mounts_.size(); }

private:
    std::map<std::string, DirPtr> mounts_;
};

}  // namespace vfs

// Each build job mounts a scratch tree, populates it, then unmounts.
static std::size_t runBuildJob(vfs::MountTable& table, int job) {
    const std::string point = "scratch" + std::to_string(job);
    vfs::DirPtr root = table.mount(point);
    auto src = root->create<vfs::Directory>("src");
    auto obj = root->create<vfs::Directory>("obj");
    for (int i = 0; i < 8; ++i) {
        auto f = src->create<vfs::File>("unit" + std::to_string(i) + ".cc", 2048);
        obj->create<vfs::File>("unit" + std::to_string(i) + ".o", f->size() * 2);
    }
    std::size_t bytes = root->size();
    if (job % 1000 == 0) std::printf("%s\n", obj->children().begin()->second->path().c_str());
    table.unmount(point);
    return bytes;
}

int main() {
    vfs::MountTable table;
    std::size_t total = 0;
    for (int job = 0; job < 20000; ++job) total += runBuildJob(table, job);
    std::printf("bytes=%zu mounts=%zu\n", total, table.count());
    return 0;
}
