// CORPUS-FLAGS:
// CORPUS-PACKAGES: libcereal-dev
//
// cereal 1.3: serialising an object graph with shared ownership (a tree
// whose children are shared_ptr and whose parent is weak_ptr), polymorphic
// types registered through CEREAL_REGISTER_TYPE (cereal's static binding
// maps), versioned classes, save/load split, and binary, portable binary
// and XML archives.
//
// cereal's JSON archive is not used here: Debian's cereal uses the system
// rapidjson 1.1.0, whose document.h does not compile with clang >= 19
// (GenericStringRef::operator= assigns a const member); it is exercised in
// rapidjson.cpp, which needs -fdelayed-template-parsing.

#include <cereal/access.hpp>
#include <cereal/archives/binary.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/archives/xml.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/base_class.hpp>
#include <cereal/types/chrono.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/list.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/memory.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/polymorphic.hpp>
#include <cereal/types/set.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/tuple.hpp>
#include <cereal/types/unordered_map.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace model {

// Category tree: children owned, parent observed.
class Category : public std::enable_shared_from_this<Category> {
public:
  Category() = default;
  explicit Category(std::string name) : name_(std::move(name)) {}

  std::shared_ptr<Category> add(std::string name) {
    auto child = std::make_shared<Category>(std::move(name));
    child->parent_ = weak_from_this();
    children_.push_back(child);
    return child;
  }

  std::string path() const {
    if (auto p = parent_.lock())
      return p->path() + "/" + name_;
    return name_;
  }

  const std::vector<std::shared_ptr<Category>> &children() const {
    return children_;
  }

  template <class Archive> void serialize(Archive &ar) {
    ar(CEREAL_NVP(name_), CEREAL_NVP(parent_), CEREAL_NVP(children_));
  }

private:
  std::string name_;
  std::weak_ptr<Category> parent_;
  std::vector<std::shared_ptr<Category>> children_;
};

struct Money {
  long cents = 0;
  std::string currency = "EUR";
  template <class Archive> void serialize(Archive &ar) {
    ar(cereal::make_nvp("cents", cents), cereal::make_nvp("currency", currency));
  }
};

class Shape {
public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  template <class Archive> void serialize(Archive &ar) { ar(CEREAL_NVP(id)); }
  int id = 0;
};

class Circle : public Shape {
public:
  double area() const override { return 3.14159265 * r * r; }
  template <class Archive> void serialize(Archive &ar) {
    ar(cereal::base_class<Shape>(this), CEREAL_NVP(r));
  }
  double r = 1.0;
};

class Rect : public Shape {
public:
  double area() const override { return w * h; }
  template <class Archive> void serialize(Archive &ar) {
    ar(cereal::base_class<Shape>(this), CEREAL_NVP(w), CEREAL_NVP(h));
  }
  double w = 1.0, h = 1.0;
};

// Versioned class with separate save/load.
class Product {
public:
  Product() = default;
  Product(std::string sku, Money price, std::shared_ptr<Category> cat)
      : sku_(std::move(sku)), price_(price), category_(std::move(cat)) {}

  template <class Archive> void save(Archive &ar, std::uint32_t const) const {
    ar(CEREAL_NVP(sku_), CEREAL_NVP(price_), CEREAL_NVP(category_),
       CEREAL_NVP(tags_), CEREAL_NVP(discount_));
  }

  template <class Archive> void load(Archive &ar, std::uint32_t const version) {
    ar(CEREAL_NVP(sku_), CEREAL_NVP(price_), CEREAL_NVP(category_));
    if (version >= 2)
      ar(CEREAL_NVP(tags_), CEREAL_NVP(discount_));
  }

  const std::string &sku() const { return sku_; }
  void tag(std::string t) { tags_.insert(std::move(t)); }

private:
  std::string sku_;
  Money price_;
  std::shared_ptr<Category> category_;
  std::set<std::string> tags_;
  std::optional<double> discount_;
};

struct Catalog {
  std::shared_ptr<Category> root;
  std::vector<Product> products;
  std::vector<std::shared_ptr<Shape>> badges;
  std::unordered_map<std::string, std::variant<int, double, std::string>> meta;
  std::chrono::system_clock::time_point generated;

  template <class Archive> void serialize(Archive &ar) {
    ar(CEREAL_NVP(root), CEREAL_NVP(products), CEREAL_NVP(badges),
       CEREAL_NVP(meta), CEREAL_NVP(generated));
  }
};

} // namespace model

CEREAL_CLASS_VERSION(model::Product, 2)
CEREAL_REGISTER_TYPE(model::Circle)
CEREAL_REGISTER_TYPE(model::Rect)
CEREAL_REGISTER_POLYMORPHIC_RELATION(model::Shape, model::Circle)
CEREAL_REGISTER_POLYMORPHIC_RELATION(model::Shape, model::Rect)

namespace store {

// A snapshot store that keeps serialised catalogs keyed by version number
// and retains only the newest few.
class SnapshotStore {
public:
  explicit SnapshotStore(std::size_t keep) : keep_(keep) {}

  void put(int version, const model::Catalog &c) {
    std::ostringstream os(std::ios::binary);
    {
      cereal::PortableBinaryOutputArchive ar(os);
      ar(c);
    }
    snapshots_[version] = os.str();
    while (snapshots_.size() > keep_)
      snapshots_.erase(snapshots_.begin());
  }

  bool get(int version, model::Catalog &out) const {
    auto it = snapshots_.find(version);
    if (it == snapshots_.end())
      return false;
    std::istringstream is(it->second, std::ios::binary);
    cereal::PortableBinaryInputArchive ar(is);
    ar(out);
    return true;
  }

private:
  std::size_t keep_;
  std::map<int, std::string> snapshots_;
};

} // namespace store

int main() {
  model::Catalog cat;
  cat.root = std::make_shared<model::Category>("root");
  auto books = cat.root->add("books");
  auto scifi = books->add("scifi");
  cat.products.emplace_back("B-1", model::Money{1999, "EUR"}, scifi);
  cat.products.back().tag("bestseller");
  auto c = std::make_shared<model::Circle>();
  c->r = 2.0;
  cat.badges.push_back(c);
  cat.badges.push_back(std::make_shared<model::Rect>());
  cat.meta["count"] = 1;
  cat.meta["ratio"] = 0.5;
  cat.meta["owner"] = std::string("ops");
  cat.generated = std::chrono::system_clock::now();

  std::stringstream xml;
  {
    cereal::XMLOutputArchive ar(xml);
    ar(cereal::make_nvp("catalog", cat));
  }
  model::Catalog copy;
  {
    cereal::XMLInputArchive ar(xml);
    ar(copy);
  }

  std::stringstream xml2;
  {
    cereal::XMLOutputArchive ar(xml2, cereal::XMLOutputArchive::Options::Default().indent(false));
    ar(CEREAL_NVP(cat));
  }

  std::stringstream bin;
  {
    cereal::BinaryOutputArchive ar(bin);
    ar(cat);
  }
  {
    cereal::BinaryInputArchive ar(bin);
    model::Catalog again;
    ar(again);
    std::cout << again.products.size() << "\n";
  }

  store::SnapshotStore snaps(3);
  for (int v = 0; v < 5; ++v)
    snaps.put(v, cat);
  model::Catalog latest;
  if (snaps.get(4, latest))
    std::cout << latest.root->children().size() << "\n";
  std::cout << scifi->path() << "\n";
}
