#include "shop/catalog.h"
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

namespace shop {

double Product::price() const {
  // Bug: one entry per Product ever priced, never erased. A new Product
  // allocated where a dead one lived is served the dead one's price.
  static std::unordered_map<const Product *, double> Prices;
  auto It = Prices.find(this);
  if (It != Prices.end())
    return It->second;
  return Prices[this] = std::round(Base * 1.2 * 100) / 100;
}

double Product::discounted(int Percent) const {
  // Fine: keyed by value, shared by all products on purpose, and bounded.
  static std::map<std::pair<double, int>, double> Table;
  auto Key = std::make_pair(Base, Percent);
  auto It = Table.find(Key);
  if (It != Table.end())
    return It->second;
  if (Table.size() > 1000)
    Table.clear();
  return Table[Key] = Base * (100 - Percent) / 100.0;
}

// A shipping quote, private to this file.
class ShippingQuote {
public:
  ShippingQuote(double Kg, int Zone) : Kg(Kg), Zone(Zone) {}
  double cost() const {
    // Bug: the same instance cache, fixable here: the class is in this file.
    static std::map<const ShippingQuote *, double> Costs;
    auto It = Costs.find(this);
    if (It != Costs.end())
      return It->second;
    return Costs[this] = Kg * 2.5 + Zone * 4.0;
  }

private:
  double Kg;
  int Zone;
};

double quote(double Kg, int Zone) { return ShippingQuote(Kg, Zone).cost(); }

} // namespace shop
