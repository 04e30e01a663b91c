// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: the Tab owns its RendererProcess but the process's HostedFrame entries hold only weak_ptrs back to the Tab (and ~Tab detaches its frame), so closing a tab frees it and then its process.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace browser {

class Tab;

struct HostedFrame {
  int frame_id;
  std::weak_ptr<Tab> owner;
};

class RendererProcess {
 public:
  static int live;

  explicit RendererProcess(std::string site) : site_(std::move(site)), pid_(next_pid_++) { ++live; }
  ~RendererProcess() { --live; }

  void attachFrame(int frame_id, std::weak_ptr<Tab> owner) {
    frames_.push_back(HostedFrame{frame_id, std::move(owner)});
  }
  void detachFrame(int frame_id) {
    for (auto it = frames_.begin(); it != frames_.end(); ++it) {
      if (it->frame_id == frame_id) {
        frames_.erase(it);
        return;
      }
    }
  }
  std::size_t frameCount() const { return frames_.size(); }
  const std::string& site() const { return site_; }
  int pid() const { return pid_; }

 private:
  std::string site_;
  int pid_;
  std::vector<HostedFrame> frames_;
  static int next_pid_;
};

int RendererProcess::live = 0;
int RendererProcess::next_pid_ = 1000;

// Site-isolation pool: one renderer per site, shared by all tabs on that site.
class ProcessPool {
 public:
  std::shared_ptr<RendererProcess> forSite(const std::string& site) {
    auto& slot = by_site_[site];
    if (auto existing = slot.lock()) return existing;
    auto fresh = std::make_shared<RendererProcess>(site);
    slot = fresh;
    return fresh;
  }

 private:
  std::map<std::string, std::weak_ptr<RendererProcess>> by_site_;
};

class Tab : public std::enable_shared_from_this<Tab> {
 public:
  static int live;

  explicit Tab(int id) : id_(id) { ++live; }
  ~Tab() {
    if (process_) process_->detachFrame(mainFrameId());
    --live;
  }

  void navigate(ProcessPool& pool, const std::string& url) {
    url_ = url;
    auto renderer = pool.forSite(siteOf(url));
    if (process_ && process_ != renderer) process_->detachFrame(mainFrameId());
    process_ = renderer;
    renderer->attachFrame(mainFrameId(), weak_from_this());
  }

  int id() const { return id_; }
  const std::string& url() const { return url_; }

 private:
  static std::string siteOf(const std::string& url) {
    auto scheme_end = url.find("://");
    auto host_begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    auto host_end = url.find('/', host_begin);
    return url.substr(0, host_end);
  }
  int mainFrameId() const { return id_ * 100; }

  int id_;
  std::string url_;
  std::shared_ptr<RendererProcess> process_;
};

int Tab::live = 0;

class TabManager {
 public:
  int openTab(const std::string& url) {
    auto tab = std::make_shared<Tab>(next_id_++);
    tab->navigate(pool_, url);
    tabs_.emplace(tab->id(), tab);
    return tab->id();
  }
  void closeTab(int id) { tabs_.erase(id); }
  std::size_t openCount() const { return tabs_.size(); }

 private:
  ProcessPool pool_;
  std::map<int, std::shared_ptr<Tab>> tabs_;
  int next_id_ = 1;
};

}  // namespace browser

int main() {
  browser::TabManager tabs;
  const char* urls[] = {"https://news.example/today", "https://mail.example/inbox", "https://docs.example/a/b"};
  for (int round = 1; round <= 5; ++round) {
    std::vector<int> opened;
    for (int i = 0; i < 60; ++i) opened.push_back(tabs.openTab(urls[i % 3]));
    for (int id : opened) tabs.closeTab(id);
    std::printf("round %d: open=%zu live Tab=%d live RendererProcess=%d\n", round, tabs.openCount(), browser::Tab::live,
                browser::RendererProcess::live);
    std::fflush(stdout);
  }
  return 0;
}
