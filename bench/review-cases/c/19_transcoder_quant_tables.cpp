// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: QuantTable::publish() stores shared_from_this() in a static cache, but the cache is keyed by the four-valued Profile enum and publish() only runs on a cache miss, so at most four tables are ever retained.
#include <array>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace media {

enum class Profile : std::uint8_t { Baseline, Main, High, High10 };

class QuantTable : public std::enable_shared_from_this<QuantTable> {
public:
    using Ptr = std::shared_ptr<const QuantTable>;

    static Ptr forProfile(Profile p);
    std::int16_t at(int qp, int coeff) const { return values_[static_cast<std::size_t>(qp * 64 + coeff)]; }
    Profile profile() const { return profile_; }

private:
    explicit QuantTable(Profile p);
    Ptr publish();

    static std::mutex& cacheMutex();
    static std::map<Profile, Ptr>& cache();

    Profile profile_;
    std::vector<std::int16_t> values_;
};

std::mutex& QuantTable::cacheMutex() {
    static std::mutex m;
    return m;
}

std::map<Profile, QuantTable::Ptr>& QuantTable::cache() {
    static std::map<Profile, Ptr> tables;
    return tables;
}

QuantTable::QuantTable(Profile p) : profile_(p), values_(52 * 64) {
    const double bias = 1.0 + 0.125 * static_cast<int>(p);
    for (int qp = 0; qp < 52; ++qp)
        for (int c = 0; c < 64; ++c)
            values_[static_cast<std::size_t>(qp * 64 + c)] =
                static_cast<std::int16_t>(std::lround(std::pow(2.0, qp / 6.0) * bias * (1 + c / 16)));
}

QuantTable::Ptr QuantTable::publish() {
    Ptr self = shared_from_this();
    cache()[profile_] = self;
    return self;
}

QuantTable::Ptr QuantTable::forProfile(Profile p) {
    std::lock_guard<std::mutex> lock(cacheMutex());
    auto it = cache().find(p);
    if (it != cache().end()) return it->second;
    std::shared_ptr<QuantTable> fresh(new QuantTable(p));
    return fresh->publish();
}

struct Frame {
    std::array<std::int32_t, 64> coeffs{};
};

class Encoder {
public:
    Encoder(Profile p, int qp) : table_(QuantTable::forProfile(p)), qp_(qp) {}
    std::size_t encode(const Frame& f) const {
        std::size_t nonzero = 0;
        for (int c = 0; c < 64; ++c) nonzero += (f.coeffs[static_cast<std::size_t>(c)] / table_->at(qp_, c)) != 0;
        return nonzero;
    }

private:
    QuantTable::Ptr table_;
    int qp_;
};

} // namespace media

int main() {
    const media::Profile profiles[] = {media::Profile::Baseline, media::Profile::Main, media::Profile::High,
                                       media::Profile::High10};
    std::size_t bits = 0;
    for (std::uint32_t job = 0;; ++job) {
        media::Encoder enc(profiles[job % 4], static_cast<int>(18 + job % 20));
        media::Frame f;
        for (int c = 0; c < 64; ++c) f.coeffs[static_cast<std::size_t>(c)] = static_cast<std::int32_t>((job * 31 + c * 17) % 900);
        bits += enc.encode(f);
        if (job == 500000) break;
    }
    std::cout << "coded coefficients: " << bits << '\n';
}
