#include <memory>
#include <string>
#include <vector>

namespace shop {

// Bug: an order owns its lines and every line owns its order back. When the
// last outside owner drops the order, both stay alive forever.
class Order : public std::enable_shared_from_this<Order> {
public:
  class Line {
  public:
    explicit Line(std::string Sku) : Sku(std::move(Sku)) {}
    std::string describe() const {
      if (!Owner)
        return Sku;
      return Owner->id() + "/" + Sku;
    }

  private:
    friend class Order;
    std::string Sku;
    std::shared_ptr<Order> Owner;
  };

  explicit Order(std::string Id) : Id(std::move(Id)) {}
  void add(const std::string &Sku) {
    auto L = std::make_shared<Line>(Sku);
    L->Owner = shared_from_this();
    Lines.push_back(L);
  }
  const std::string &id() const { return Id; }

private:
  std::string Id;
  std::vector<std::shared_ptr<Line>> Lines;
};

// Fine: a category tree whose children point back with a raw pointer.
struct Category {
  std::string Name;
  Category *Parent = nullptr;
  std::vector<std::shared_ptr<Category>> Children;
  void add(const std::shared_ptr<Category> &C) {
    C->Parent = this;
    Children.push_back(C);
  }
};

} // namespace shop
