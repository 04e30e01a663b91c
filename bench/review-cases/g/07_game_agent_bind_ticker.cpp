// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: BehaviorAgent::Activate() stores std::bind(&BehaviorAgent::Think, shared_from_this()) in its own m_Ticker member, so each agent owns a callable that owns the agent and the agent is never destroyed after the wave manager despawns it.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Game {

// Fixed-rate callback driver embedded in gameplay objects.
class Ticker {
public:
    void Every(float period, std::function<void()> fn) {
        m_Period = period;
        m_Fn = std::move(fn);  // LEAK-HERE
    }
    void Advance(float dt) {
        if (!m_Fn) return;
        m_Accum += dt;
        while (m_Accum >= m_Period) {
            m_Accum -= m_Period;
            m_Fn();
        }
    }

private:
    float m_Period = 1.0f;
    float m_Accum = 0.0f;
    std::function<void()> m_Fn;  // LEAK-HERE
};

struct Blackboard {
    float DistanceToPlayer = 100.0f;
    int Health = 100;
};

class BehaviorAgent : public std::enable_shared_from_this<BehaviorAgent> {
public:
    BehaviorAgent(std::string archetype, int id) : m_Archetype(std::move(archetype)), m_Id(id) {}

    void Activate(float thinkRate) {
        m_Ticker.Every(thinkRate, std::bind(&BehaviorAgent::Think, shared_from_this()));  // LEAK-HERE
    }

    void Update(float dt) {
        m_Board.DistanceToPlayer -= 2.0f * dt;
        m_Ticker.Advance(dt);
    }

    void TakeDamage(int dmg) { m_Board.Health -= dmg; }
    bool IsDead() const { return m_Board.Health <= 0; }
    int Id() const { return m_Id; }
    int Decisions() const { return m_Decisions; }

private:
    void Think() {
        ++m_Decisions;
        m_State = m_Board.DistanceToPlayer < 10.0f ? "attack" : "patrol";
    }

    std::string m_Archetype;
    std::string m_State = "idle";
    int m_Id;
    int m_Decisions = 0;
    Blackboard m_Board;
    Ticker m_Ticker;
};

class WaveManager {
public:
    void SpawnWave(int count) {
        for (int i = 0; i < count; ++i) {
            auto agent = std::make_shared<BehaviorAgent>("grunt", m_NextId++);
            agent->Activate(0.2f);
            m_Alive.push_back(std::move(agent));
        }
    }

    void Tick(float dt) {
        for (auto& a : m_Alive) {
            a->Update(dt);
            a->TakeDamage(3);
        }
        m_Alive.erase(std::remove_if(m_Alive.begin(), m_Alive.end(),
                                     [](const std::shared_ptr<BehaviorAgent>& a) { return a->IsDead(); }),
                      m_Alive.end());
    }

    std::size_t AliveCount() const { return m_Alive.size(); }

private:
    int m_NextId = 0;
    std::vector<std::shared_ptr<BehaviorAgent>> m_Alive;
};

}  // namespace Game

int main() {
    Game::WaveManager waves;
    for (int frame = 0; frame < 200000; ++frame) {
        if (frame % 60 == 0) waves.SpawnWave(8);
        waves.Tick(1.0f / 60.0f);
        if (frame % 50000 == 0)
            std::printf("frame %d alive %zu\n", frame, waves.AliveCount());
    }
    return 0;
}
