// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: GitPlugin::Activate registers commands (a lambda and a std::bind result) holding a shared_ptr to the plugin in the CommandTable the plugin owns, and PluginHost::Unload just erases its map entry, so unloaded plugins never die.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace host {

typedef std::vector<std::string> ArgList;

class CommandTable {
public:
    typedef std::function<int(const ArgList&)> Command;
    typedef std::map<std::string, Command> CommandMap;

    void Register(const std::string& name, Command cmd) { mCommands[name] = std::move(cmd); } // LEAK-HERE
    void Clear() { mCommands.clear(); }

    int Invoke(const std::string& name, const ArgList& args) const {
        CommandMap::const_iterator it = mCommands.find(name);
        return it == mCommands.end() ? -1 : it->second(args);
    }

private:
    CommandMap mCommands; // LEAK-HERE
};

class Plugin : public std::enable_shared_from_this<Plugin> {
public:
    explicit Plugin(std::string id) : mId(std::move(id)) {}
    virtual ~Plugin() {}

    virtual void Activate() = 0;
    const std::string& Id() const { return mId; }
    const CommandTable& Commands() const { return mCommands; }

protected:
    std::string mId;
    CommandTable mCommands; // LEAK-HERE
};

class GitPlugin : public Plugin {
public:
    explicit GitPlugin(std::string repo) : Plugin("git"), mRepo(std::move(repo)) {}

    void Activate() override {
        std::shared_ptr<GitPlugin> self = std::static_pointer_cast<GitPlugin>(shared_from_this()); // LEAK-HERE
        mCommands.Register("status", [self](const ArgList& args) { return self->Status(args); }); // LEAK-HERE
        mCommands.Register("commit", std::bind(&GitPlugin::Commit, self, std::placeholders::_1)); // LEAK-HERE
    }

private:
    int Status(const ArgList& args) { return static_cast<int>(mStaged.size() + args.size()); }
    int Commit(const ArgList& args) {
        if (args.empty()) return 1;
        mLog.push_back(mRepo + ": " + args.front());
        mStaged.clear();
        return 0;
    }

    std::string mRepo;
    std::vector<std::string> mStaged;
    std::vector<std::string> mLog;
};

class PluginHost {
public:
    typedef std::shared_ptr<Plugin> PluginPtr;
    typedef std::function<PluginPtr()> Factory;

    bool Load(const Factory& factory) {
        PluginPtr p = factory();
        if (!p || mLoaded.count(p->Id())) return false;
        p->Activate();
        mLoaded[p->Id()] = p;
        return true;
    }

    int Run(const std::string& plugin, const std::string& cmd, const ArgList& args) const {
        auto it = mLoaded.find(plugin);
        return it == mLoaded.end() ? -1 : it->second->Commands().Invoke(cmd, args);
    }

    void Unload(const std::string& id) { mLoaded.erase(id); }
    void UnloadAll() { mLoaded.clear(); }

private:
    std::map<std::string, PluginPtr> mLoaded;
};

inline void ReloadGit(PluginHost& host, const std::string& repo) {
    host.Unload("git");
    host.Load([repo] { return std::make_shared<GitPlugin>(repo); });
}

} // namespace host
