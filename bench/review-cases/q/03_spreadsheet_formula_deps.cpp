// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: A formula cell owns its parsed expression tree whose RefExpr nodes hold shared_ptr<Cell> to its precedents, while every precedent records the formula cell in its owning dependents_ list; each precedent/dependent pair forms a cycle, so the cells of a discarded scenario Workbook are never freed.
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace calc {

struct CellAddr {
  int col = 0;  // 0 = A
  int row = 0;  // 0 = row 1
  bool operator<(const CellAddr& o) const { return row != o.row ? row < o.row : col < o.col; }
  std::string str() const { return std::string(1, char('A' + col)) + std::to_string(row + 1); }
};

class Cell;
using CellPtr = std::shared_ptr<Cell>;

class Expr {
 public:
  virtual ~Expr() = default;
  virtual double eval() const = 0;
  virtual void collectRefs(std::vector<CellPtr>& out) const = 0;
};

class Cell : public std::enable_shared_from_this<Cell> {
 public:
  explicit Cell(CellAddr a) : addr_(a) {}

  double value() const { return value_; }
  const CellAddr& addr() const { return addr_; }

  void setLiteral(double v) {
    formula_.reset();
    value_ = v;
    propagate();
  }

  void setFormula(std::unique_ptr<Expr> e) {
    formula_ = std::move(e);
    std::vector<CellPtr> precedents;
    formula_->collectRefs(precedents);
    for (auto& p : precedents) p->addDependent(shared_from_this());
    recompute();
  }

  void recompute() {
    if (formula_) value_ = formula_->eval();
    propagate();
  }

 private:
  void addDependent(CellPtr dep) {
    for (auto& d : dependents_)
      if (d == dep) return;  // "=A1*E1+A1" registers A1 only once
    dependents_.push_back(std::move(dep));  // LEAK-HERE
  }

  void propagate() {
    for (auto& d : dependents_) d->recompute();
  }

  CellAddr addr_;
  double value_ = 0.0;
  std::unique_ptr<Expr> formula_;
  std::vector<CellPtr> dependents_;  // LEAK-HERE
};

struct NumberExpr : Expr {
  double v;
  explicit NumberExpr(double x) : v(x) {}
  double eval() const override { return v; }
  void collectRefs(std::vector<CellPtr>&) const override {}
};

struct RefExpr : Expr {
  CellPtr target;
  explicit RefExpr(CellPtr t) : target(std::move(t)) {}
  double eval() const override { return target->value(); }
  void collectRefs(std::vector<CellPtr>& out) const override { out.push_back(target); }
};

struct SumExpr : Expr {
  std::vector<CellPtr> range;
  double eval() const override {
    double s = 0;
    for (auto& c : range) s += c->value();
    return s;
  }
  void collectRefs(std::vector<CellPtr>& out) const override { out.insert(out.end(), range.begin(), range.end()); }
};

struct BinaryExpr : Expr {
  char op;
  std::unique_ptr<Expr> lhs, rhs;
  BinaryExpr(char o, std::unique_ptr<Expr> l, std::unique_ptr<Expr> r) : op(o), lhs(std::move(l)), rhs(std::move(r)) {}
  double eval() const override {
    double a = lhs->eval(), b = rhs->eval();
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      default: return b == 0 ? 0 : a / b;
    }
  }
  void collectRefs(std::vector<CellPtr>& out) const override {
    lhs->collectRefs(out);
    rhs->collectRefs(out);
  }
};

class Sheet {
 public:
  explicit Sheet(std::string name) : name_(std::move(name)) {}

  CellPtr cellAt(CellAddr a) {
    auto& slot = cells_[a];
    if (!slot) slot = std::make_shared<Cell>(a);
    return slot;
  }

  void set(const std::string& ref, const std::string& input);
  double get(const std::string& ref) { return cellAt(parseAddr(ref))->value(); }
  size_t cellCount() const { return cells_.size(); }

  static CellAddr parseAddr(const std::string& s) {
    if (s.size() < 2 || !std::isalpha(static_cast<unsigned char>(s[0]))) throw std::invalid_argument("bad ref " + s);
    return CellAddr{std::toupper(static_cast<unsigned char>(s[0])) - 'A', std::stoi(s.substr(1)) - 1};
  }

 private:
  std::string name_;
  std::map<CellAddr, CellPtr> cells_;
};

// Tiny recursive-descent parser: expr := term (('+'|'-') term)*, term := atom (('*'|'/') atom)*.
class FormulaParser {
 public:
  FormulaParser(Sheet& sheet, std::string text) : sheet_(sheet), s_(std::move(text)) {}
  std::unique_ptr<Expr> parse() { return expr(); }

 private:
  std::unique_ptr<Expr> expr() {
    auto l = term();
    while (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
      char op = s_[pos_++];
      l = std::make_unique<BinaryExpr>(op, std::move(l), term());
    }
    return l;
  }
  std::unique_ptr<Expr> term() {
    auto l = atom();
    while (pos_ < s_.size() && (s_[pos_] == '*' || s_[pos_] == '/')) {
      char op = s_[pos_++];
      l = std::make_unique<BinaryExpr>(op, std::move(l), atom());
    }
    return l;
  }
  std::unique_ptr<Expr> atom() {
    if (s_.compare(pos_, 4, "SUM(") == 0) {
      pos_ += 4;
      size_t colon = s_.find(':', pos_), close = s_.find(')', pos_);
      CellAddr from = Sheet::parseAddr(s_.substr(pos_, colon - pos_));
      CellAddr to = Sheet::parseAddr(s_.substr(colon + 1, close - colon - 1));
      pos_ = close + 1;
      auto sum = std::make_unique<SumExpr>();
      for (int r = from.row; r <= to.row; ++r)
        for (int c = from.col; c <= to.col; ++c) sum->range.push_back(sheet_.cellAt({c, r}));
      return sum;
    }
    size_t start = pos_;
    if (std::isalpha(static_cast<unsigned char>(s_[pos_]))) {
      while (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      return std::make_unique<RefExpr>(sheet_.cellAt(Sheet::parseAddr(s_.substr(start, pos_ - start))));
    }
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.')) ++pos_;
    return std::make_unique<NumberExpr>(std::stod(s_.substr(start, pos_ - start)));
  }

  Sheet& sheet_;
  std::string s_;
  size_t pos_ = 0;
};

void Sheet::set(const std::string& ref, const std::string& input) {
  CellPtr cell = cellAt(parseAddr(ref));
  if (!input.empty() && input[0] == '=')
    cell->setFormula(FormulaParser(*this, input.substr(1)).parse());
  else
    cell->setLiteral(std::stod(input));
}

class Workbook {
 public:
  Sheet& sheet(const std::string& name) {
    auto& s = sheets_[name];
    if (!s) s = std::make_unique<Sheet>(name);
    return *s;
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<Sheet>> sheets_;
};

// Builds a 12-month budget model, then runs a what-if on the growth rate.
double runScenario(double growth) {
  Workbook wb;
  Sheet& model = wb.sheet("Model");
  model.set("E1", std::to_string(growth));
  model.set("A1", "1000");
  for (int m = 2; m <= 12; ++m) {
    std::string prev = std::to_string(m - 1);
    model.set("A" + std::to_string(m), "=A" + prev + "*E1+A" + prev);
    model.set("B" + std::to_string(m), "=A" + std::to_string(m) + "*0.3");
    model.set("C" + std::to_string(m), "=A" + std::to_string(m) + "-B" + std::to_string(m));
  }
  model.set("D1", "=SUM(C2:C12)");
  model.set("A1", "1250");  // analyst tweaks the opening balance; dependents recalc
  return model.get("D1");
}

}  // namespace calc

int main() {
  double best = 0;
  for (int i = 0; i < 400; ++i) {
    double net = calc::runScenario(0.01 + 0.0005 * (i % 40));
    if (net > best) best = net;
  }
  std::printf("best 12-month net: %.2f\n", best);
  return 0;
}
