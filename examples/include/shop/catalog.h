#pragma once
#include <string>

namespace shop {

// A product's price depends on its own fields only.
class Product {
public:
  Product(std::string Name, double Base) : Name(std::move(Name)), Base(Base) {}
  double price() const;             // leak: caches by `this` in static storage
  double discounted(int Percent) const; // fine: cache keyed by value
  const std::string &name() const { return Name; }

private:
  std::string Name;
  double Base;
};

} // namespace shop
