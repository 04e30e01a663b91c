// CORPUS-FLAGS:
// CORPUS-PACKAGES: libcli11-dev
//
// CLI11 2.1: a git-like tool with subcommands, each subcommand an object
// owning its options and registering its callback on the App (callbacks
// capture a raw `this` of an object that outlives the App), option groups,
// validators, config files, environment variables and a plugin registry
// of subcommand factories populated once at start-up.

#include <CLI/CLI.hpp>
#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>
#include <CLI/Validators.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tool {

struct GlobalOptions {
  int verbosity = 0;
  std::string config;
  bool dry_run = false;
};

class Command {
public:
  virtual ~Command() = default;
  virtual void attach(CLI::App &parent, const GlobalOptions &g) = 0;
  virtual int result() const { return 0; }
};

class CloneCommand : public Command {
public:
  void attach(CLI::App &parent, const GlobalOptions &g) override {
    global_ = &g;
    auto *sub = parent.add_subcommand("clone", "Clone a repository");
    sub->add_option("url", url_, "Repository URL")->required();
    sub->add_option("dir", dir_, "Target directory");
    sub->add_option("--depth", depth_, "Shallow clone depth")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--bare", bare_, "Create a bare repository");
    sub->callback([this] { run(); });
  }

  int result() const override { return rc_; }

private:
  void run() {
    if (global_->verbosity > 0)
      std::cout << "cloning " << url_ << " into "
                << (dir_.empty() ? std::string(".") : dir_) << "\n";
    rc_ = global_->dry_run ? 0 : (url_.empty() ? 1 : 0);
  }

  const GlobalOptions *global_ = nullptr;
  std::string url_;
  std::string dir_;
  int depth_ = 0;
  bool bare_ = false;
  int rc_ = 0;
};

class LogCommand : public Command {
public:
  void attach(CLI::App &parent, const GlobalOptions &) override {
    auto *sub = parent.add_subcommand("log", "Show commit logs");
    sub->add_option("-n,--max-count", max_count_, "Limit the number of commits")
        ->default_val(10)
        ->check(CLI::Range(1, 1000));
    auto *fmt = sub->add_option_group("format", "Output format");
    fmt->add_flag("--oneline", oneline_);
    fmt->add_option("--format", format_)
        ->check(CLI::IsMember({"short", "medium", "full", "fuller"}));
    fmt->require_option(0, 1);
    sub->add_option("--since", since_)->envname("GIT_LOG_SINCE");
    sub->add_option("paths", paths_)->check(CLI::ExistingPath);
    sub->callback([this] {
      std::cout << "log -n " << max_count_ << (oneline_ ? " --oneline" : "")
                << " " << format_ << " " << paths_.size() << " paths\n";
    });
  }

private:
  int max_count_ = 10;
  bool oneline_ = false;
  std::string format_ = "medium";
  std::string since_;
  std::vector<std::string> paths_;
};

class ConfigCommand : public Command {
public:
  void attach(CLI::App &parent, const GlobalOptions &) override {
    auto *sub = parent.add_subcommand("config", "Get and set options");
    auto *get = sub->add_subcommand("get");
    get->add_option("key", key_)->required();
    get->callback([this] { std::cout << key_ << "=" << lookup(key_) << "\n"; });
    auto *set = sub->add_subcommand("set");
    set->add_option("key", key_)->required();
    set->add_option("value", value_)->required();
    set->callback([this] { values_[key_] = value_; });
    auto *unset = sub->add_subcommand("unset");
    unset->add_option("key", key_)->required();
    unset->callback([this] { values_.erase(key_); });
    sub->require_subcommand(1);
  }

private:
  std::string lookup(const std::string &k) const {
    auto it = values_.find(k);
    return it == values_.end() ? std::string() : it->second;
  }

  std::string key_;
  std::string value_;
  std::map<std::string, std::string> values_;
};

// Factories registered once at start-up; the table is fixed afterwards.
class CommandRegistry {
public:
  using Factory = std::function<std::unique_ptr<Command>()>;

  static CommandRegistry &instance() {
    static CommandRegistry registry;
    return registry;
  }

  void add(std::string name, Factory f) { factories_.emplace(std::move(name), std::move(f)); }

  std::vector<std::unique_ptr<Command>> create_all() const {
    std::vector<std::unique_ptr<Command>> out;
    for (const auto &kv : factories_)
      out.push_back(kv.second());
    return out;
  }

private:
  CommandRegistry() {
    add("clone", [] { return std::make_unique<CloneCommand>(); });
    add("log", [] { return std::make_unique<LogCommand>(); });
    add("config", [] { return std::make_unique<ConfigCommand>(); });
  }

  std::map<std::string, Factory> factories_;
};

class Formatter : public CLI::Formatter {
public:
  std::string make_option_opts(const CLI::Option *opt) const override {
    return opt->get_required() ? " (required)" : CLI::Formatter::make_option_opts(opt);
  }
};

} // namespace tool

int main(int argc, char **argv) {
  CLI::App app{"mini-git: a small version control front end"};
  app.set_version_flag("--version", "mini-git 0.1");
  app.formatter(std::make_shared<tool::Formatter>());

  tool::GlobalOptions g;
  app.add_flag("-v,--verbose", g.verbosity, "Increase verbosity");
  app.add_flag("--dry-run", g.dry_run, "Do nothing");
  app.set_config("--config", "mini-git.toml", "Read a TOML config file");
  app.add_option("--color", "Colorize output")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, int>{{"never", 0}, {"auto", 1}, {"always", 2}},
          CLI::ignore_case));
  app.require_subcommand(1);

  auto commands = tool::CommandRegistry::instance().create_all();
  for (auto &c : commands)
    c->attach(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  }

  int rc = 0;
  for (const auto &c : commands)
    rc |= c->result();
  std::cout << app.config_to_str(true, true);
  return rc;
}
