// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Elements own their children via shared_ptr but refer upward through a weak_ptr parent and a raw Document* owner, so there is no strong back edge and dropping the root frees the whole tree.
#include <memory>
#include <string>
#include <vector>
#include <map>
#include <algorithm>

namespace dom {

class Document;

class Element : public std::enable_shared_from_this<Element> {
public:
    Element(Document* owner, std::string tag) : owner_(owner), tag_(std::move(tag)) {}

    std::shared_ptr<Element> appendChild(std::shared_ptr<Element> child) {
        if (auto old = child->parent_.lock()) old->removeChild(child.get());
        child->parent_ = weak_from_this();
        children_.push_back(child);
        return child;
    }

    void removeChild(const Element* c) {
        children_.erase(std::remove_if(children_.begin(), children_.end(),
                                       [c](const std::shared_ptr<Element>& e) { return e.get() == c; }),
                        children_.end());
    }

    std::shared_ptr<Element> parent() const { return parent_.lock(); }
    Document* ownerDocument() const { return owner_; }

    void setAttribute(const std::string& k, std::string v) { attrs_[k] = std::move(v); }
    std::string attribute(const std::string& k) const {
        auto it = attrs_.find(k);
        return it == attrs_.end() ? std::string() : it->second;
    }

    int depth() const {
        int d = 0;
        for (auto p = parent(); p; p = p->parent()) ++d;
        return d;
    }

    const std::vector<std::shared_ptr<Element>>& children() const { return children_; }
    const std::string& tag() const { return tag_; }

private:
    Document* owner_;
    std::string tag_;
    std::weak_ptr<Element> parent_;
    std::vector<std::shared_ptr<Element>> children_;
    std::map<std::string, std::string> attrs_;
};

class Document {
public:
    Document() : root_(std::make_shared<Element>(this, "html")) {}

    std::shared_ptr<Element> createElement(const std::string& tag) {
        return std::make_shared<Element>(this, tag);
    }
    std::shared_ptr<Element> root() const { return root_; }

private:
    std::shared_ptr<Element> root_;
};

size_t countElements(const std::shared_ptr<Element>& e) {
    size_t n = 1;
    for (auto& c : e->children()) n += countElements(c);
    return n;
}

std::unique_ptr<Document> renderList(int items) {
    auto doc = std::make_unique<Document>();
    auto body = doc->root()->appendChild(doc->createElement("body"));
    auto ul = body->appendChild(doc->createElement("ul"));
    for (int i = 0; i < items; ++i) {
        auto li = doc->createElement("li");
        li->setAttribute("data-index", std::to_string(i));
        ul->appendChild(li);
    }
    return doc;
}

} // namespace dom

int main() {
    size_t total = 0;
    for (int page = 0; page < 1000; ++page) {
        auto doc = dom::renderList(20 + page % 10);
        total += dom::countElements(doc->root());
    }
    return total > 0 ? 0 : 1;
}
