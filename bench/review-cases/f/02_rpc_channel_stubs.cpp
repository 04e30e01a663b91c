// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: RpcChannel caches its stubs in stubs_ as shared_ptr, and every stub is bound back to the channel with a strong ChannelPtr, so each per-connection channel/stub pair keeps itself alive after the client drops it.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rpc {

class RpcChannel;
using ChannelPtr = std::shared_ptr<RpcChannel>;

struct Frame {
    std::string method;
    std::string payload;
};

class Transport {
public:
    explicit Transport(std::string peer) : peer_(std::move(peer)) {}
    void write(const Frame& f) { bytesOut_ += f.method.size() + f.payload.size(); }
    std::string readReply() { return "ok:" + peer_; }
    std::size_t bytesOut() const { return bytesOut_; }

private:
    std::string peer_;
    std::size_t bytesOut_ = 0;
};

class StubBase {
public:
    virtual ~StubBase() = default;
    void bind(ChannelPtr ch) { channel_ = std::move(ch); }  // LEAK-HERE
    RpcChannel& channel() { return *channel_; }

protected:
    std::string invoke(const std::string& method, const std::string& body);
    ChannelPtr channel_;  // LEAK-HERE
};

class RpcChannel : public std::enable_shared_from_this<RpcChannel> {
public:
    explicit RpcChannel(std::string peer) : transport_(std::move(peer)) {}

    template <typename Stub>
    std::shared_ptr<Stub> stub() {
        std::shared_ptr<StubBase>& slot = stubs_[Stub::kServiceName];
        if (!slot) {
            auto created = std::make_shared<Stub>();
            created->bind(shared_from_this());
            slot = created;  // LEAK-HERE
        }
        return std::static_pointer_cast<Stub>(slot);
    }

    std::string call(const std::string& method, const std::string& body) {
        transport_.write(Frame{method, body});
        ++calls_;
        return transport_.readReply();
    }

    std::size_t calls() const { return calls_; }

private:
    Transport transport_;
    std::size_t calls_ = 0;
    std::map<std::string, std::shared_ptr<StubBase>> stubs_;  // LEAK-HERE
};

std::string StubBase::invoke(const std::string& method, const std::string& body) {
    return channel_->call(method, body);
}

class EchoStub : public StubBase {
public:
    static constexpr const char* kServiceName = "demo.Echo";
    std::string Echo(const std::string& s) { return invoke("demo.Echo/Echo", s); }
};

class KvStub : public StubBase {
public:
    static constexpr const char* kServiceName = "demo.Kv";
    std::string Get(const std::string& key) { return invoke("demo.Kv/Get", key); }
    void Put(const std::string& key, const std::string& v) { invoke("demo.Kv/Put", key + "=" + v); }
};

ChannelPtr Dial(const std::string& peer) {
    auto ch = std::make_shared<RpcChannel>(peer);
    return ch;
}

}  // namespace rpc

// A gateway that opens a short-lived backend channel per inbound request batch.
class Gateway {
public:
    std::size_t handleBatch(int batchId) {
        rpc::ChannelPtr backend = rpc::Dial("backend-" + std::to_string(batchId % 8));
        auto echo = backend->stub<rpc::EchoStub>();
        auto kv = backend->stub<rpc::KvStub>();
        for (int i = 0; i < 4; ++i) {
            kv->Put("k" + std::to_string(i), echo->Echo("v" + std::to_string(i)));
        }
        return backend->calls();
        // backend, echo, kv go out of scope here
    }
};

int main() {
    Gateway gw;
    std::size_t total = 0;
    for (int batch = 0; batch < 50000; ++batch)
        total += gw.handleBatch(batch);
    std::printf("calls=%zu\n", total);
    return 0;
}
