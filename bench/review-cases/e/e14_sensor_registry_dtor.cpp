// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Sensor inserts `this` into the static registry in its constructor and erases it in its destructor (copy and move are deleted so no unregistered copies exist), so the registry only ever holds live sensors.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace telemetry {

class Sensor {
public:
    Sensor(std::string name, double scale);
    virtual ~Sensor();

    Sensor(const Sensor&) = delete;
    Sensor& operator=(const Sensor&) = delete;
    Sensor(Sensor&&) = delete;
    Sensor& operator=(Sensor&&) = delete;

    void sample(double raw);
    double last() const { return m_last; }
    const std::string& name() const { return m_name; }

    static void pollAll(std::uint64_t tick);
    static std::size_t liveCount();

private:
    std::string m_name;
    double m_scale;
    double m_last = 0.0;

    static std::set<Sensor*>& registry();
};

std::set<Sensor*>& Sensor::registry() {
    static std::set<Sensor*> s_sensors;
    return s_sensors;
}

Sensor::Sensor(std::string name, double scale) : m_name(std::move(name)), m_scale(scale) {
    registry().insert(this);
}

Sensor::~Sensor() {
    registry().erase(this);
}

void Sensor::sample(double raw) {
    m_last = raw * m_scale;
}

void Sensor::pollAll(std::uint64_t tick) {
    for (Sensor* s : registry())
        s->sample(static_cast<double>(tick % 1024));
}

std::size_t Sensor::liveCount() {
    return registry().size();
}

} // namespace telemetry

int main() {
    using telemetry::Sensor;
    Sensor cpuTemp("cpu_temp", 0.1);
    Sensor fanRpm("fan_rpm", 12.0);

    // Hot-plugged USB probes come and go continuously.
    std::vector<std::unique_ptr<Sensor>> probes;
    for (std::uint64_t tick = 0; tick < 100000; ++tick) {
        if (tick % 7 == 0)
            probes.push_back(std::make_unique<Sensor>("usb_probe_" + std::to_string(tick), 1.0));
        if (probes.size() > 4)
            probes.erase(probes.begin());
        Sensor::pollAll(tick);
    }
    std::cout << "live sensors: " << Sensor::liveCount() << " cpu=" << cpuTemp.last()
              << " fan=" << fanRpm.last() << "\n";
    return 0;
}
