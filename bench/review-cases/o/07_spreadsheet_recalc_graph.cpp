// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each cell owns its dependents through shared_ptr while each formula cell also owns its precedents through shared_ptr, so every dependency link is a strong two-way cycle and no linked cell of a closed worksheet is ever freed.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace calc {

std::atomic<int> g_liveCells{0};

struct CellAddress {
    int row = 0;
    int col = 0;
    bool operator<(const CellAddress &o) const { return row != o.row ? row < o.row : col < o.col; }
    std::string str() const { return std::string(1, static_cast<char>('A' + col)) + std::to_string(row + 1); }
};

enum class FormulaKind { Constant, Sum, Product };

class Cell;
using CellRef = std::shared_ptr<Cell>;

class Cell {
public:
    explicit Cell(CellAddress addr) : addr_(addr) { ++g_liveCells; }
    ~Cell() { --g_liveCells; }

    void setConstant(double v) {
        kind_ = FormulaKind::Constant;
        value_ = v;
    }
    void setFormula(FormulaKind k) { kind_ = k; }

    void addPrecedent(const CellRef &p) { precedents_.push_back(p); }  // LEAK-HERE
    void addDependent(const CellRef &d) { dependents_.push_back(d); }

    void evaluate() {
        if (kind_ == FormulaKind::Constant)
            return;
        double acc = kind_ == FormulaKind::Sum ? 0.0 : 1.0;
        for (const CellRef &p : precedents_)
            acc = kind_ == FormulaKind::Sum ? acc + p->value_ : acc * p->value_;
        value_ = acc;
    }

    double value() const { return value_; }
    const CellAddress &address() const { return addr_; }
    const std::vector<CellRef> &dependents() const { return dependents_; }

private:
    CellAddress addr_;
    FormulaKind kind_ = FormulaKind::Constant;
    double value_ = 0.0;
    std::vector<CellRef> precedents_;  // LEAK-HERE
    std::vector<CellRef> dependents_;
};

namespace graph {

inline void link(const CellRef &from, const CellRef &to) {
    to->addPrecedent(from);
    from->addDependent(to);
}

// Depth-first post-order gives a valid recalculation order for a DAG.
inline void collectDirty(const CellRef &c, std::set<const Cell *> &seen, std::vector<Cell *> &order) {
    if (!seen.insert(c.get()).second)
        return;
    for (const CellRef &d : c->dependents())
        collectDirty(d, seen, order);
    order.push_back(c.get());
}

}  // namespace graph

class Worksheet {
public:
    explicit Worksheet(std::string name) : name_(std::move(name)) {}

    CellRef &at(int row, int col) {
        CellRef &slot = grid_[CellAddress{row, col}];
        if (!slot)
            slot = std::make_shared<Cell>(CellAddress{row, col});
        return slot;
    }

    void sumColumn(int targetRow, int col, int firstRow, int lastRow) {
        CellRef &target = at(targetRow, col);
        target->setFormula(FormulaKind::Sum);
        for (int r = firstRow; r <= lastRow; ++r)
            graph::link(at(r, col), target);
    }

    void recalcFrom(int row, int col) {
        std::set<const Cell *> seen;
        std::vector<Cell *> order;
        graph::collectDirty(at(row, col), seen, order);
        for (auto it = order.rbegin(); it != order.rend(); ++it)
            (*it)->evaluate();
    }

    double valueAt(int row, int col) { return at(row, col)->value(); }

private:
    std::string name_;
    std::map<CellAddress, CellRef> grid_;
};

double runWorkbookSession(int id) {
    Worksheet sheet("budget-" + std::to_string(id));
    for (int col = 0; col < 3; ++col)
        for (int row = 0; row < 8; ++row)
            sheet.at(row, col)->setConstant(static_cast<double>((id + row * 3 + col) % 11));
    for (int col = 0; col < 3; ++col)
        sheet.sumColumn(8, col, 0, 7);
    CellRef &grand = sheet.at(9, 0);
    grand->setFormula(FormulaKind::Product);
    for (int col = 0; col < 3; ++col)
        graph::link(sheet.at(8, col), grand);
    for (int col = 0; col < 3; ++col)
        sheet.recalcFrom(0, col);
    sheet.at(0, 1)->setConstant(42.0);  // user edit
    sheet.recalcFrom(0, 1);
    return sheet.valueAt(9, 0);
}

}  // namespace calc

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    double checksum = 0.0;
    for (int round = 1; round <= 2; ++round) {
        for (int i = 0; i < n; ++i)
            checksum += calc::runWorkbookSession(i);
        std::printf("after %d workbook sessions: live cells=%d checksum=%.0f\n", round * n,
                    calc::g_liveCells.load(), checksum);
        std::fflush(stdout);
    }
    return 0;
}
