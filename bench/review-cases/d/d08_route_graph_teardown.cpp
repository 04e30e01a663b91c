// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: The route graph's nodes point at each other through shared_ptr and do form rings, but RouteGraph is non-copyable and its destructor (run on every exit, including unwinding) clears every node's edge list before releasing the nodes.
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Stop;
typedef std::shared_ptr<Stop> StopPtr;

struct Stop {
    int id;
    std::string name;
    std::vector<StopPtr> next; /* strong edges, may form cycles */
};

struct RouteGraph {
    std::vector<StopPtr> stops;

    RouteGraph() = default;
    RouteGraph(const RouteGraph&) = delete;
    RouteGraph& operator=(const RouteGraph&) = delete;
    ~RouteGraph();
};

static void graph_clear(RouteGraph& g) {
    for (size_t i = 0; i < g.stops.size(); ++i) g.stops[i]->next.clear();
    g.stops.clear();
}

RouteGraph::~RouteGraph() { graph_clear(*this); }

static StopPtr graph_add(RouteGraph& g, const std::string& name) {
    StopPtr s = std::make_shared<Stop>();
    s->id = static_cast<int>(g.stops.size());
    s->name = name;
    g.stops.push_back(s);
    return s;
}

static void graph_link(const StopPtr& from, const StopPtr& to) { from->next.push_back(to); }

static int graph_hops(const StopPtr& from, const StopPtr& to) {
    std::map<int, int> dist;
    std::deque<StopPtr> q;
    dist[from->id] = 0;
    q.push_back(from);
    while (!q.empty()) {
        StopPtr cur = q.front();
        q.pop_front();
        if (cur == to) return dist[cur->id];
        for (size_t i = 0; i < cur->next.size(); ++i) {
            const StopPtr& n = cur->next[i];
            if (dist.count(n->id)) continue;
            dist[n->id] = dist[cur->id] + 1;
            q.push_back(n);
        }
    }
    return -1;
}

static void build_circle_line(RouteGraph& g, int n) {
    std::vector<StopPtr> ring;
    for (int i = 0; i < n; ++i) ring.push_back(graph_add(g, "circle_" + std::to_string(i)));
    for (int i = 0; i < n; ++i) {
        graph_link(ring[i], ring[(i + 1) % n]);
        graph_link(ring[(i + 1) % n], ring[i]);
    }
}

int main() {
    StopPtr favourite;
    for (int city = 0; city < 3; ++city) {
        RouteGraph g;
        build_circle_line(g, 6 + city);
        StopPtr airport = graph_add(g, "airport");
        graph_link(airport, g.stops[0]);
        graph_link(g.stops[3], airport);
        favourite = airport; /* outlives the graph, but its edges are cleared by ~RouteGraph */
        std::printf("city %d: airport -> circle_3 = %d hops\n", city, graph_hops(airport, g.stops[3]));
    }
    std::printf("last favourite: %s (%zu edges)\n", favourite->name.c_str(), favourite->next.size());
    return 0;
}
