// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The Spooler singleton's per-printer inflight_ map gets one ticket per submitted job, but pump() erases the ticket as soon as the job completes, so the map only holds jobs that are still queued.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace spool {

enum class JobState { Queued, Printing, Done, Failed };

struct JobTicket {
    std::uint64_t id = 0;
    std::string owner;
    std::string document;
    int pages = 0;
    JobState state = JobState::Queued;
    std::vector<std::string> attrs;  // IPP attributes, copies, duplex, ...
};

struct PrinterQueue {
    std::string device;
    std::deque<std::uint64_t> pending;                          // FIFO of job ids
    std::unordered_map<std::uint64_t, JobTicket> inflight_;
    std::uint64_t pagesPrinted = 0;
};

class Spooler {
public:
    static Spooler &instance() {
        static Spooler s;
        return s;
    }

    std::uint64_t submit(const std::string &printer, const std::string &owner,
                         const std::string &doc, int pages) {
        PrinterQueue &q = queueFor(printer);
        const std::uint64_t id = ++nextId_;
        JobTicket ticket;
        ticket.id = id;
        ticket.owner = owner;
        ticket.document = doc;
        ticket.pages = pages;
        ticket.attrs = {"copies=1", "sides=one-sided", "media=iso_a4"};
        track(q, std::move(ticket));
        q.pending.push_back(id);
        return id;
    }

    // Called from the device poll loop; prints at most one job per queue.
    void pump() {
        for (auto &kv : queues_) {
            PrinterQueue &q = kv.second;
            if (q.pending.empty())
                continue;
            const std::uint64_t id = q.pending.front();
            q.pending.pop_front();
            auto it = q.inflight_.find(id);
            if (it == q.inflight_.end())
                continue;
            it->second.state = JobState::Printing;
            q.pagesPrinted += static_cast<std::uint64_t>(it->second.pages);
            complete(q, it->second);
            q.inflight_.erase(it);
        }
    }

    std::size_t trackedJobs() const {
        std::size_t n = 0;
        for (const auto &kv : queues_)
            n += kv.second.inflight_.size();
        return n;
    }

    std::size_t queueDepth() const {
        std::size_t n = 0;
        for (const auto &kv : queues_)
            n += kv.second.pending.size();
        return n;
    }

private:
    Spooler() = default;

    PrinterQueue &queueFor(const std::string &printer) {
        auto &q = queues_[printer];
        if (q.device.empty())
            q.device = "ipp://" + printer + ".local/ipp/print";
        return q;
    }

    static void track(PrinterQueue &q, JobTicket &&ticket) {
        const std::uint64_t key = ticket.id;
        q.inflight_[key] = std::move(ticket);
    }

    static void complete(PrinterQueue &q, JobTicket &ticket) {
        (void)q;
        // Final status goes to the accounting log; the ticket is dropped by the caller.
        ticket.state = ticket.pages > 0 ? JobState::Done : JobState::Failed;
        ticket.attrs.clear();
    }

    std::map<std::string, PrinterQueue> queues_;  // bounded by number of printers
    std::uint64_t nextId_ = 0;
};

}  // namespace spool

namespace {

const char *const kPrinters[] = {"lobby-laser", "floor2-color", "plotter-a0"};
const char *const kUsers[] = {"alice", "bob", "carol", "dave"};

void serveRequests(int begin, int end) {
    auto &spooler = spool::Spooler::instance();
    for (int i = begin; i < end; ++i) {
        const char *printer = kPrinters[i % 3];
        const char *user = kUsers[i % 4];
        std::string doc = "report-" + std::to_string(i) + ".pdf";
        spooler.submit(printer, user, doc, 1 + i % 7);
        if (i % 2 == 1) {
            spooler.pump();
            spooler.pump();
        }
    }
    // drain the queues before the next batch
    while (spooler.queueDepth() > 0)
        spooler.pump();
}

}  // namespace

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    auto &spooler = spool::Spooler::instance();

    serveRequests(0, n);
    std::printf("after %d jobs: tracked=%zu pending=%zu\n", n, spooler.trackedJobs(),
                spooler.queueDepth());

    serveRequests(n, 2 * n);
    std::printf("after %d jobs: tracked=%zu pending=%zu\n", 2 * n, spooler.trackedJobs(),
                spooler.queueDepth());
    return 0;
}
