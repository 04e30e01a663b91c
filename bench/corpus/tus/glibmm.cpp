// CORPUS-FLAGS: $(pkg-config --cflags glibmm-2.4 giomm-2.4)
// CORPUS-PACKAGES: libglibmm-2.4-dev libsigc++-2.0-dev libglib2.0-dev pkg-config
//
// glibmm/giomm 2.4 (on libsigc++ 2): a Glib::MainLoop application with
// timeouts and idle handlers connected through sigc::mem_fun on
// sigc::trackable objects, sigc::connection members disconnected in the
// destructor, Glib::Dispatcher for worker-to-main-thread notification,
// Gio::SocketService accepting connections, a Gio::File monitor, async
// file reads whose slots hold a Glib::RefPtr to the file, Glib::KeyFile
// and Glib::Regex with a bounded cache of compiled regexes keyed by pattern.

#include <glibmm.h>
#include <glibmm/dispatcher.h>
#include <glibmm/keyfile.h>
#include <glibmm/main.h>
#include <glibmm/regex.h>
#include <glibmm/refptr.h>
#include <glibmm/threads.h>
#include <giomm.h>
#include <giomm/file.h>
#include <giomm/filemonitor.h>
#include <giomm/init.h>
#include <giomm/socketservice.h>

#include <atomic>
#include <deque>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace app {

// Compiled regexes cached by pattern, bounded with LRU eviction.
class RegexCache {
public:
  explicit RegexCache(std::size_t capacity) : capacity_(capacity) {}

  Glib::RefPtr<Glib::Regex> get(const Glib::ustring &pattern) {
    auto it = index_.find(pattern);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
    auto re = Glib::Regex::create(pattern, Glib::REGEX_OPTIMIZE);
    lru_.emplace_front(pattern, re);
    index_[pattern] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
    return re;
  }

private:
  using Entry = std::pair<Glib::ustring, Glib::RefPtr<Glib::Regex>>;
  std::size_t capacity_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

// Periodic status reporter: the timeout slot is a mem_fun on a trackable,
// and the connection is also kept and disconnected explicitly.
class StatusReporter : public sigc::trackable {
public:
  explicit StatusReporter(unsigned interval_ms) {
    conn_ = Glib::signal_timeout().connect(
        sigc::mem_fun(*this, &StatusReporter::on_tick), interval_ms);
  }

  ~StatusReporter() { conn_.disconnect(); }

  int ticks() const { return ticks_; }

private:
  bool on_tick() {
    ++ticks_;
    return true; // keep the timeout
  }

  sigc::connection conn_;
  int ticks_ = 0;
};

// A background worker that reports progress to the main loop through a
// Glib::Dispatcher.
class Worker {
public:
  Worker() { dispatcher_.connect(sigc::mem_fun(*this, &Worker::on_notify)); }

  ~Worker() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }

  void start() {
    thread_ = std::thread([this] {
      for (int i = 0; i < 10 && !stop_; ++i) {
        {
          std::lock_guard<std::mutex> lock(mutex_);
          progress_.push_back(i * 10);
        }
        dispatcher_.emit();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
  }

  sigc::signal<void, int> &signal_progress() { return signal_progress_; }

private:
  void on_notify() {
    std::deque<int> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      batch.swap(progress_);
    }
    for (int p : batch)
      signal_progress_.emit(p);
  }

  Glib::Dispatcher dispatcher_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::deque<int> progress_;
  sigc::signal<void, int> signal_progress_;
};

// Line-echo service; each connection's read loop holds the connection
// RefPtr in its slot until the peer closes.
class EchoService {
public:
  EchoService() : service_(Gio::SocketService::create()) {
    service_->signal_incoming().connect(
        sigc::mem_fun(*this, &EchoService::on_incoming));
  }

  bool listen(guint16 port) {
    try {
      service_->add_inet_port(port);
      service_->start();
      return true;
    } catch (const Glib::Error &e) {
      std::cerr << e.what() << "\n";
      return false;
    }
  }

  void stop() { service_->stop(); }

private:
  struct Conn {
    Glib::RefPtr<Gio::SocketConnection> connection;
    char buffer[1024];
  };

  bool on_incoming(const Glib::RefPtr<Gio::SocketConnection> &connection,
                   const Glib::RefPtr<Glib::Object> &) {
    auto conn = std::make_shared<Conn>();
    conn->connection = connection;
    read_more(conn);
    return true;
  }

  static void read_more(const std::shared_ptr<Conn> &conn) {
    auto in = conn->connection->get_input_stream();
    in->read_async(conn->buffer, sizeof(conn->buffer),
                   [conn](Glib::RefPtr<Gio::AsyncResult> &result) {
                     auto in = conn->connection->get_input_stream();
                     gssize n = in->read_finish(result);
                     if (n <= 0) {
                       conn->connection->close();
                       return;
                     }
                     gsize written = 0;
                     conn->connection->get_output_stream()->write_all(
                         conn->buffer, static_cast<gsize>(n), written);
                     read_more(conn);
                   });
  }

  Glib::RefPtr<Gio::SocketService> service_;
};

class ConfigWatcher : public sigc::trackable {
public:
  explicit ConfigWatcher(const std::string &path)
      : file_(Gio::File::create_for_path(path)) {
    monitor_ = file_->monitor_file();
    monitor_->signal_changed().connect(
        sigc::mem_fun(*this, &ConfigWatcher::on_changed));
    reload();
  }

  Glib::ustring get(const Glib::ustring &group, const Glib::ustring &key) const {
    try {
      return keyfile_.get_string(group, key);
    } catch (const Glib::KeyFileError &) {
      return {};
    }
  }

private:
  void on_changed(const Glib::RefPtr<Gio::File> &, const Glib::RefPtr<Gio::File> &,
                  Gio::FileMonitorEvent event) {
    if (event == Gio::FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
      reload();
  }

  void reload() {
    file_->load_contents_async(
        [this, file = file_](Glib::RefPtr<Gio::AsyncResult> &result) {
          char *contents = nullptr;
          gsize length = 0;
          try {
            if (file->load_contents_finish(result, contents, length)) {
              keyfile_.load_from_data(Glib::ustring(contents, length));
              g_free(contents);
            }
          } catch (const Glib::Error &e) {
            std::cerr << "config: " << e.what() << "\n";
          }
        });
  }

  Glib::RefPtr<Gio::File> file_;
  Glib::RefPtr<Gio::FileMonitor> monitor_;
  Glib::KeyFile keyfile_;
};

} // namespace app

int main() {
  Gio::init();
  auto loop = Glib::MainLoop::create();

  app::RegexCache regexes(32);
  auto re = regexes.get("^(\\w+)=(\\d+)$");
  Glib::MatchInfo mi;
  if (re->match("retries=3", mi))
    std::cout << mi.fetch(1) << " -> " << mi.fetch(2) << "\n";

  app::StatusReporter reporter(1000);
  app::Worker worker;
  sigc::connection progress = worker.signal_progress().connect(
      [](int p) { std::cout << "progress " << p << "%\n"; });
  worker.start();

  app::EchoService echo;
  echo.listen(7788);

  app::ConfigWatcher config("/tmp/corpus.ini");

  Glib::signal_idle().connect_once([] { std::cout << "idle\n"; });
  Glib::signal_timeout().connect_seconds_once(
      [loop] { loop->quit(); }, 2);

  loop->run();
  progress.disconnect();
  echo.stop();
  std::cout << reporter.ticks() << " " << config.get("main", "name") << "\n";
}
