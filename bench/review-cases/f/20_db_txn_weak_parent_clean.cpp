// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Connection owns Transactions and Transactions own Cursors through shared_ptr, but every back edge (cursor->transaction, transaction->connection) is a weak_ptr locked on use, so the parent/child graph is acyclic in strong references.
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace db {

class Connection;
class Transaction;

using Row = std::vector<std::string>;
using ConnectionPtr = std::shared_ptr<Connection>;
using TransactionPtr = std::shared_ptr<Transaction>;

class Cursor {
public:
    Cursor(std::weak_ptr<Transaction> txn, std::string query)
        : txn_(std::move(txn)), query_(std::move(query)) {}
    bool next(Row& out);

private:
    std::weak_ptr<Transaction> txn_;
    std::string query_;
    std::size_t pos_ = 0;
};

class Transaction : public std::enable_shared_from_this<Transaction> {
public:
    explicit Transaction(std::weak_ptr<Connection> conn) : conn_(std::move(conn)) {}
    std::shared_ptr<Cursor> query(const std::string& sql);
    void commit();
    void rollback();
    const std::vector<Row>& snapshot() const { return snapshot_; }
    bool active() const { return active_; }

private:
    std::weak_ptr<Connection> conn_;
    std::vector<std::shared_ptr<Cursor>> cursors_;
    std::vector<Row> snapshot_;
    bool active_ = true;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    explicit Connection(std::string dsn) : dsn_(std::move(dsn)) {}
    TransactionPtr begin();
    void finished(Transaction* t);
    const std::string& dsn() const { return dsn_; }

private:
    std::string dsn_;
    std::vector<TransactionPtr> open_;
};

bool Cursor::next(Row& out) {
    auto txn = txn_.lock();
    if (!txn || !txn->active()) return false;
    const auto& rows = txn->snapshot();
    if (pos_ >= rows.size()) return false;
    out = rows[pos_++];
    return true;
}

std::shared_ptr<Cursor> Transaction::query(const std::string& sql) {
    if (conn_.expired()) throw std::runtime_error("connection gone");
    snapshot_.assign(4, Row{sql, "v1", "v2"});
    auto cur = std::make_shared<Cursor>(weak_from_this(), sql);
    cursors_.push_back(cur);
    return cur;
}

void Transaction::commit() {
    active_ = false;
    cursors_.clear();
    if (auto c = conn_.lock()) c->finished(this);
}

void Transaction::rollback() {
    snapshot_.clear();
    commit();
}

TransactionPtr Connection::begin() {
    auto t = std::make_shared<Transaction>(weak_from_this());
    open_.push_back(t);
    return t;
}

void Connection::finished(Transaction* t) {
    for (auto it = open_.begin(); it != open_.end(); ++it) {
        if (it->get() == t) {
            open_.erase(it);
            return;
        }
    }
}

class Pool {
public:
    ConnectionPtr acquire(const std::string& dsn) {
        auto& slot = idle_[dsn];
        if (!slot) slot = std::make_shared<Connection>(dsn);
        return slot;
    }
    void reset() { idle_.clear(); }

private:
    std::map<std::string, ConnectionPtr> idle_;
};

}  // namespace db

int main() {
    db::Pool pool;
    std::size_t rows = 0;
    for (int req = 0; req < 30000; ++req) {
        auto conn = pool.acquire("pg://replica" + std::to_string(req % 4));
        auto txn = conn->begin();
        auto cur = txn->query("SELECT * FROM t WHERE id=" + std::to_string(req));
        db::Row r;
        while (cur->next(r)) ++rows;
        if (req % 3 != 0)
            txn->commit();
        else
            txn->rollback();
        if (req % 1000 == 999) pool.reset();
    }
    std::cout << "rows: " << rows << "\n";
}
