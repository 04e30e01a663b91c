// CORPUS-FLAGS: -fPIC $(pkg-config --cflags Qt6Core Qt6Network Qt6Concurrent)
// CORPUS-PACKAGES: qt6-base-dev pkg-config
//
// Qt 6 Core/Network/Concurrent: QObject parent/child ownership, signal/slot
// connections made with a context object (disconnected automatically when
// the receiver dies), QTimer, a QCache keyed by URL (bounded by cost),
// QNetworkAccessManager replies released with deleteLater, a download
// queue, a QSharedPointer tree with QWeakPointer parents, QPointer guards,
// QtConcurrent::mapped over a QThreadPool, and QFutureWatcher.
//
// Q_OBJECT classes are declared without moc output; enough for
// -fsyntax-only and clang-tidy.

#include <QtCore/QCache>
#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QDebug>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFutureWatcher>
#include <QtCore/QHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QMutex>
#include <QtCore/QMutexLocker>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QQueue>
#include <QtCore/QReadWriteLock>
#include <QtCore/QRunnable>
#include <QtCore/QSettings>
#include <QtCore/QSharedPointer>
#include <QtCore/QSignalMapper>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtCore/QVariant>
#include <QtCore/QWeakPointer>
#include <QtConcurrent/QtConcurrent>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <functional>
#include <memory>

namespace app {

// Tree of settings nodes: children owned with QSharedPointer, parent held
// weakly.
class SettingsNode : public QEnableSharedFromThis<SettingsNode> {
public:
  explicit SettingsNode(QString name) : name_(std::move(name)) {}

  QSharedPointer<SettingsNode> child(const QString &name) {
    for (const auto &c : children_)
      if (c->name_ == name)
        return c;
    auto c = QSharedPointer<SettingsNode>::create(name);
    c->parent_ = sharedFromThis();
    children_.append(c);
    return c;
  }

  QString path() const {
    if (auto p = parent_.toStrongRef())
      return p->path() + QLatin1Char('/') + name_;
    return name_;
  }

  QVariant value;

private:
  QString name_;
  QWeakPointer<SettingsNode> parent_;
  QList<QSharedPointer<SettingsNode>> children_;
};

class Downloader : public QObject {
  Q_OBJECT
public:
  explicit Downloader(QObject *parent = nullptr)
      : QObject(parent), nam_(new QNetworkAccessManager(this)),
        cache_(4 * 1024 * 1024) {
    retryTimer_.setInterval(1000);
    retryTimer_.setSingleShot(true);
    connect(&retryTimer_, &QTimer::timeout, this, &Downloader::startNext);
  }

  void enqueue(const QUrl &url) {
    if (const QByteArray *hit = cache_.object(url.toString())) {
      emit finished(url, *hit);
      return;
    }
    queue_.enqueue(url);
    if (active_ < maxActive_)
      startNext();
  }

  int pending() const { return queue_.size(); }

signals:
  void finished(const QUrl &url, const QByteArray &data);
  void failed(const QUrl &url, const QString &error);
  void idle();

private:
  void startNext() {
    if (queue_.isEmpty()) {
      if (active_ == 0)
        emit idle();
      return;
    }
    const QUrl url = queue_.dequeue();
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setTransferTimeout(30000);
    QNetworkReply *reply = nam_->get(req);
    ++active_;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
      reply->deleteLater();
      --active_;
      if (reply->error() != QNetworkReply::NoError) {
        emit failed(url, reply->errorString());
        if (retries_[url]++ < 3) {
          queue_.enqueue(url);
          retryTimer_.start();
        } else {
          retries_.remove(url);
        }
        return;
      }
      retries_.remove(url);
      const QByteArray body = reply->readAll();
      cache_.insert(url.toString(), new QByteArray(body),
                    static_cast<int>(body.size()));
      emit finished(url, body);
      startNext();
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [url](qint64 got, qint64 total) {
              qDebug() << url << got << "/" << total;
            });
  }

  QNetworkAccessManager *nam_;
  QCache<QString, QByteArray> cache_;
  QQueue<QUrl> queue_;
  QHash<QUrl, int> retries_;
  QTimer retryTimer_;
  int active_ = 0;
  int maxActive_ = 4;
};

// Collects results. Connections to the downloader use `this` as context,
// so they go away when the collector is destroyed.
class Collector : public QObject {
  Q_OBJECT
public:
  Collector(Downloader *d, QObject *parent = nullptr)
      : QObject(parent), downloader_(d) {
    connect(d, &Downloader::finished, this,
            [this](const QUrl &url, const QByteArray &data) {
              sizes_.insert(url, data.size());
            });
    connect(d, &Downloader::failed, this,
            [this](const QUrl &url, const QString &err) {
              errors_.append(url.toString() + QStringLiteral(": ") + err);
            });
    connect(d, &QObject::destroyed, this, [this] { downloader_ = nullptr; });
  }

  QJsonDocument report() const {
    QJsonObject o;
    QJsonArray errs;
    for (const auto &e : errors_)
      errs.append(e);
    o.insert(QStringLiteral("errors"), errs);
    QJsonObject sizes;
    for (auto it = sizes_.cbegin(); it != sizes_.cend(); ++it)
      sizes.insert(it.key().toString(), static_cast<qint64>(it.value()));
    o.insert(QStringLiteral("sizes"), sizes);
    o.insert(QStringLiteral("pending"),
             downloader_ ? downloader_->pending() : 0);
    return QJsonDocument(o);
  }

private:
  QPointer<Downloader> downloader_;
  QMap<QUrl, qsizetype> sizes_;
  QStringList errors_;
};

// A line-based TCP server; sockets are children of the server and are
// deleted (deleteLater) on disconnect.
class EchoServer : public QObject {
  Q_OBJECT
public:
  explicit EchoServer(QObject *parent = nullptr) : QObject(parent) {
    connect(&server_, &QTcpServer::newConnection, this, &EchoServer::accept);
  }

  bool listen(quint16 port) { return server_.listen(QHostAddress::Any, port); }
  int clients() const { return clients_.size(); }

private:
  void accept() {
    while (QTcpSocket *s = server_.nextPendingConnection()) {
      s->setParent(this);
      clients_.insert(s);
      connect(s, &QTcpSocket::readyRead, s, [s] {
        while (s->canReadLine())
          s->write(s->readLine());
      });
      connect(s, &QTcpSocket::disconnected, this, [this, s] {
        clients_.remove(s);
        s->deleteLater();
      });
    }
  }

  QTcpServer server_;
  QSet<QTcpSocket *> clients_;
};

class HashTask : public QRunnable {
public:
  HashTask(QByteArray data, std::function<void(QByteArray)> done)
      : data_(std::move(data)), done_(std::move(done)) {
    setAutoDelete(true);
  }
  void run() override { done_(QCryptographicHash::hash(data_, QCryptographicHash::Sha256)); }

private:
  QByteArray data_;
  std::function<void(QByteArray)> done_;
};

class Worker : public QObject {
  Q_OBJECT
public:
  void process(const QStringList &lines) {
    QStringList upper;
    for (const auto &l : lines)
      upper << l.toUpper();
    emit done(upper);
  }
signals:
  void done(const QStringList &result);
};

} // namespace app

int main(int argc, char **argv) {
  QCoreApplication qapp(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("corpus"));

  auto root = QSharedPointer<app::SettingsNode>::create(QStringLiteral("root"));
  root->child(QStringLiteral("net"))->child(QStringLiteral("timeout"))->value = 30;
  qDebug() << root->child(QStringLiteral("net"))->child(QStringLiteral("timeout"))->path();

  auto *downloader = new app::Downloader(&qapp);
  auto *collector = new app::Collector(downloader, &qapp);
  QObject::connect(downloader, &app::Downloader::idle, &qapp, [collector] {
    qDebug().noquote() << collector->report().toJson();
    QCoreApplication::quit();
  });
  downloader->enqueue(QUrl(QStringLiteral("https://example.com/")));
  downloader->enqueue(QUrl(QStringLiteral("https://example.org/")));

  app::EchoServer echo(&qapp);
  echo.listen(7777);

  QThread workerThread;
  auto *worker = new app::Worker;
  worker->moveToThread(&workerThread);
  QObject::connect(&workerThread, &QThread::finished, worker, &QObject::deleteLater);
  QObject::connect(worker, &app::Worker::done, &qapp,
                   [](const QStringList &r) { qDebug() << r; });
  workerThread.start();
  QMetaObject::invokeMethod(worker, [worker] {
    worker->process({QStringLiteral("a"), QStringLiteral("b")});
  });

  QList<int> inputs{1, 2, 3, 4, 5};
  QFutureWatcher<int> watcher;
  QObject::connect(&watcher, &QFutureWatcher<int>::finished, &qapp, [&watcher] {
    int sum = 0;
    for (int v : watcher.future().results())
      sum += v;
    qDebug() << "sum of squares" << sum;
  });
  watcher.setFuture(QtConcurrent::mapped(inputs, [](int v) { return v * v; }));

  QMutex mutex;
  QList<QByteArray> digests;
  QThreadPool::globalInstance()->start(
      new app::HashTask(QByteArrayLiteral("payload"), [&](QByteArray d) {
        QMutexLocker lock(&mutex);
        digests.append(d.toHex());
      }));

  QTimer::singleShot(10000, &qapp, &QCoreApplication::quit);
  QElapsedTimer t;
  t.start();
  const int rc = QCoreApplication::exec();
  workerThread.quit();
  workerThread.wait();
  QThreadPool::globalInstance()->waitForDone();
  qDebug() << "ran for" << t.elapsed() << "ms," << digests.size() << "digests";
  return rc;
}
