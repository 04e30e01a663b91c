// CORPUS-FLAGS: $(pkg-config --cflags eigen3)
// CORPUS-PACKAGES: libeigen3-dev pkg-config
//
// Eigen 3.4: a Kalman filter, a least-squares fit, a sparse Poisson solve,
// a scene graph of rigid transforms (children owned by unique_ptr, parent
// as raw back pointer), and a cache of matrix factorisations keyed by a
// value (the grid size) with a fixed capacity.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>
#include <Eigen/IterativeLinearSolvers>
#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <Eigen/Sparse>
#include <Eigen/SparseCholesky>
#include <Eigen/StdVector>

#include <cmath>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace est {

template <int N, int M> class KalmanFilter {
public:
  using StateVec = Eigen::Matrix<double, N, 1>;
  using StateMat = Eigen::Matrix<double, N, N>;
  using MeasVec = Eigen::Matrix<double, M, 1>;
  using MeasMat = Eigen::Matrix<double, M, N>;

  KalmanFilter(const StateMat &F, const MeasMat &H, const StateMat &Q,
               const Eigen::Matrix<double, M, M> &R)
      : F_(F), H_(H), Q_(Q), R_(R) {
    x_.setZero();
    P_.setIdentity();
  }

  void predict() {
    x_ = F_ * x_;
    P_ = F_ * P_ * F_.transpose() + Q_;
  }

  void update(const MeasVec &z) {
    const MeasVec y = z - H_ * x_;
    const Eigen::Matrix<double, M, M> S = H_ * P_ * H_.transpose() + R_;
    const Eigen::Matrix<double, N, M> K =
        P_ * H_.transpose() * S.ldlt().solve(Eigen::Matrix<double, M, M>::Identity());
    x_ += K * y;
    P_ = (StateMat::Identity() - K * H_) * P_;
  }

  const StateVec &state() const { return x_; }

  EIGEN_MAKE_ALIGNED_OPERATOR_NEW

private:
  StateMat F_;
  MeasMat H_;
  StateMat Q_;
  Eigen::Matrix<double, M, M> R_;
  StateVec x_;
  StateMat P_;
};

Eigen::VectorXd polyfit(const Eigen::VectorXd &x, const Eigen::VectorXd &y,
                        int degree) {
  Eigen::MatrixXd A(x.size(), degree + 1);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    for (int j = 0; j <= degree; ++j)
      A(i, j) = std::pow(x(i), j);
  return A.colPivHouseholderQr().solve(y);
}

Eigen::VectorXd polyfit_svd(const Eigen::MatrixXd &A, const Eigen::VectorXd &y) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeThinU |
                                               Eigen::ComputeThinV);
  return svd.solve(y);
}

// Factorisations of the 2-D Laplacian, cached per grid size. The cache is a
// member of the solver, bounded, and evicts the least recently used grid.
class PoissonSolver {
public:
  explicit PoissonSolver(std::size_t capacity) : capacity_(capacity) {}

  Eigen::VectorXd solve(int n, const Eigen::VectorXd &rhs) {
    auto &entry = factorisation(n);
    return entry.solve(rhs);
  }

private:
  using Factor = Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>>;

  static Eigen::SparseMatrix<double> laplacian(int n) {
    std::vector<Eigen::Triplet<double>> t;
    t.reserve(static_cast<std::size_t>(5 * n * n));
    auto idx = [n](int i, int j) { return i * n + j; };
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        t.emplace_back(idx(i, j), idx(i, j), 4.0);
        if (i > 0)
          t.emplace_back(idx(i, j), idx(i - 1, j), -1.0);
        if (i + 1 < n)
          t.emplace_back(idx(i, j), idx(i + 1, j), -1.0);
        if (j > 0)
          t.emplace_back(idx(i, j), idx(i, j - 1), -1.0);
        if (j + 1 < n)
          t.emplace_back(idx(i, j), idx(i, j + 1), -1.0);
      }
    Eigen::SparseMatrix<double> A(n * n, n * n);
    A.setFromTriplets(t.begin(), t.end());
    return A;
  }

  Factor &factorisation(int n) {
    auto it = index_.find(n);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return *it->second->second;
    }
    auto f = std::make_unique<Factor>();
    f->compute(laplacian(n));
    lru_.emplace_front(n, std::move(f));
    index_[n] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    return *lru_.front().second;
  }

  std::size_t capacity_;
  std::list<std::pair<int, std::unique_ptr<Factor>>> lru_;
  std::unordered_map<int, decltype(lru_)::iterator> index_;
};

} // namespace est

namespace scene {

// Scene graph: children are owned, the parent is a non-owning pointer.
class Node {
public:
  explicit Node(std::string name, Node *parent = nullptr)
      : name_(std::move(name)), parent_(parent) {
    local_.setIdentity();
  }

  Node &add_child(std::string name) {
    children_.push_back(std::make_unique<Node>(std::move(name), this));
    return *children_.back();
  }

  void set_local(const Eigen::Isometry3d &t) { local_ = t; }

  Eigen::Isometry3d world() const {
    return parent_ ? parent_->world() * local_ : local_;
  }

  const Node *find(const std::string &name) const {
    if (name_ == name)
      return this;
    for (const auto &c : children_)
      if (const Node *n = c->find(name))
        return n;
    return nullptr;
  }

  EIGEN_MAKE_ALIGNED_OPERATOR_NEW

private:
  std::string name_;
  Node *parent_;
  Eigen::Isometry3d local_;
  std::vector<std::unique_ptr<Node>> children_;
};

} // namespace scene

int main() {
  Eigen::Matrix4d F;
  F << 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1;
  Eigen::Matrix<double, 2, 4> H;
  H << 1, 0, 0, 0, 0, 1, 0, 0;
  est::KalmanFilter<4, 2> kf(F, H, Eigen::Matrix4d::Identity() * 1e-3,
                             Eigen::Matrix2d::Identity() * 0.1);
  std::mt19937 rng(1);
  std::normal_distribution<double> noise(0.0, 0.3);
  for (int t = 0; t < 50; ++t) {
    kf.predict();
    kf.update(Eigen::Vector2d(t + noise(rng), 2.0 * t + noise(rng)));
  }
  std::cout << kf.state().transpose() << "\n";

  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(20, 0.0, 1.0);
  Eigen::VectorXd y = x.array().square() * 3.0 - x.array() + 0.5;
  std::cout << est::polyfit(x, y, 2).transpose() << "\n";

  Eigen::MatrixXd A = Eigen::MatrixXd::Random(30, 5);
  Eigen::VectorXd b = Eigen::VectorXd::Random(30);
  std::cout << est::polyfit_svd(A, b).transpose() << "\n";

  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(A.transpose() * A);
  std::cout << es.eigenvalues().transpose() << "\n";
  Eigen::FullPivLU<Eigen::MatrixXd> lu(A.transpose() * A);
  std::cout << lu.rank() << " " << lu.determinant() << "\n";

  est::PoissonSolver poisson(4);
  for (int n : {8, 16, 8, 32}) {
    Eigen::VectorXd rhs = Eigen::VectorXd::Ones(n * n);
    std::cout << poisson.solve(n, rhs).maxCoeff() << "\n";
  }

  Eigen::SparseMatrix<double> S(100, 100);
  S.setIdentity();
  Eigen::ConjugateGradient<Eigen::SparseMatrix<double>> cg(S);
  std::cout << cg.solve(Eigen::VectorXd::Ones(100)).sum() << "\n";

  scene::Node root("world");
  auto &arm = root.add_child("arm");
  auto &hand = arm.add_child("hand");
  arm.set_local(Eigen::Isometry3d(Eigen::AngleAxisd(M_PI / 4, Eigen::Vector3d::UnitZ())));
  Eigen::Isometry3d h = Eigen::Isometry3d::Identity();
  h.translate(Eigen::Vector3d(1, 0, 0));
  hand.set_local(h);
  if (const auto *n = root.find("hand"))
    std::cout << n->world().translation().transpose() << "\n";

  Eigen::Quaterniond q(Eigen::AngleAxisd(0.3, Eigen::Vector3d::UnitX()));
  std::vector<Eigen::Vector4d, Eigen::aligned_allocator<Eigen::Vector4d>> pts(3);
  for (auto &p : pts)
    p = Eigen::Vector4d::Random();
  std::cout << (q * Eigen::Vector3d::UnitY()).transpose() << pts.size() << "\n";
}
