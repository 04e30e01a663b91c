// CORPUS-FLAGS: -fPIC $(pkg-config --cflags Qt6Widgets Qt6Gui Qt6Core)
// CORPUS-PACKAGES: qt6-base-dev pkg-config
//
// Qt 6 Widgets/Gui: a small address-book main window. Widgets are owned by
// their parents, the table model is a QAbstractTableModel subclass behind a
// QSortFilterProxyModel, edits go through a QUndoStack of QUndoCommands
// (the stack owns the commands, bounded by setUndoLimit), actions and
// signal/slot connections use the receiver as context object, a
// QFileSystemWatcher reloads the file, and a QPixmapCache-style cache of
// avatars keyed by contact id is bounded (QCache by cost).
//
// Q_OBJECT classes are declared without moc output; enough for
// -fsyntax-only and clang-tidy.

#include <QtCore/QAbstractTableModel>
#include <QtCore/QCache>
#include <QtCore/QFile>
#include <QtCore/QFileSystemWatcher>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSettings>
#include <QtCore/QSortFilterProxyModel>
#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtGui/QCloseEvent>
#include <QtGui/QImage>
#include <QtGui/QKeySequence>
#include <QtGui/QPainter>
#include <QtGui/QPixmap>
#include <QtGui/QUndoCommand>
#include <QtGui/QUndoStack>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDialog>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMainWindow>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyledItemDelegate>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolBar>
#include <QtWidgets/QVBoxLayout>
#include <QtWidgets/QWidget>

namespace book {

struct Contact {
  QString name;
  QString email;
  QString phone;
};

class ContactModel : public QAbstractTableModel {
  Q_OBJECT
public:
  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex &parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(contacts_.size());
  }
  int columnCount(const QModelIndex &parent = {}) const override {
    return parent.isValid() ? 0 : 3;
  }

  QVariant data(const QModelIndex &index, int role) const override {
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::EditRole))
      return {};
    const Contact &c = contacts_.at(index.row());
    switch (index.column()) {
    case 0: return c.name;
    case 1: return c.email;
    case 2: return c.phone;
    }
    return {};
  }

  QVariant headerData(int section, Qt::Orientation o, int role) const override {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
      return {};
    static const char *const titles[] = {"Name", "E-mail", "Phone"};
    return tr(titles[section]);
  }

  Qt::ItemFlags flags(const QModelIndex &index) const override {
    return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
  }

  bool setData(const QModelIndex &index, const QVariant &value, int role) override {
    if (!index.isValid() || role != Qt::EditRole)
      return false;
    Contact &c = contacts_[index.row()];
    QString *field = index.column() == 0 ? &c.name : index.column() == 1 ? &c.email : &c.phone;
    *field = value.toString();
    emit dataChanged(index, index, {role});
    return true;
  }

  void insert(int row, const Contact &c) {
    beginInsertRows({}, row, row);
    contacts_.insert(row, c);
    endInsertRows();
  }

  Contact take(int row) {
    beginRemoveRows({}, row, row);
    Contact c = contacts_.takeAt(row);
    endRemoveRows();
    return c;
  }

  void reset(QList<Contact> contacts) {
    beginResetModel();
    contacts_ = std::move(contacts);
    endResetModel();
  }

  const QList<Contact> &contacts() const { return contacts_; }

private:
  QList<Contact> contacts_;
};

class AddContactCommand : public QUndoCommand {
public:
  AddContactCommand(ContactModel *model, int row, Contact c)
      : QUndoCommand(QObject::tr("Add %1").arg(c.name)), model_(model), row_(row),
        contact_(std::move(c)) {}
  void redo() override { model_->insert(row_, contact_); }
  void undo() override { contact_ = model_->take(row_); }

private:
  ContactModel *model_;
  int row_;
  Contact contact_;
};

class RemoveContactCommand : public QUndoCommand {
public:
  RemoveContactCommand(ContactModel *model, int row)
      : QUndoCommand(QObject::tr("Remove")), model_(model), row_(row) {}
  void redo() override { contact_ = model_->take(row_); }
  void undo() override { model_->insert(row_, contact_); }

private:
  ContactModel *model_;
  int row_;
  Contact contact_;
};

class ContactDialog : public QDialog {
  Q_OBJECT
public:
  explicit ContactDialog(QWidget *parent = nullptr) : QDialog(parent) {
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name_ = new QLineEdit);
    form->addRow(tr("&E-mail:"), email_ = new QLineEdit);
    form->addRow(tr("&Phone:"), phone_ = new QLineEdit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
  }

  Contact contact() const { return {name_->text(), email_->text(), phone_->text()}; }

private:
  QLineEdit *name_;
  QLineEdit *email_;
  QLineEdit *phone_;
};

// Rendered avatars keyed by contact name, bounded by total pixel cost.
class AvatarCache {
public:
  AvatarCache() : cache_(256 * 1024) {}

  QPixmap avatar(const QString &name) {
    if (QPixmap *p = cache_.object(name))
      return *p;
    QImage img(48, 48, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter painter(&img);
    painter.setBrush(QColor::fromHsv(static_cast<int>(qHash(name) % 360), 160, 200));
    painter.drawEllipse(0, 0, 47, 47);
    painter.drawText(img.rect(), Qt::AlignCenter, name.left(1).toUpper());
    painter.end();
    auto *pm = new QPixmap(QPixmap::fromImage(img));
    QPixmap copy = *pm;
    cache_.insert(name, pm, pm->width() * pm->height());
    return copy;
  }

private:
  QCache<QString, QPixmap> cache_;
};

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(QWidget *parent = nullptr)
      : QMainWindow(parent), model_(new ContactModel(this)),
        proxy_(new QSortFilterProxyModel(this)), undo_(new QUndoStack(this)),
        watcher_(new QFileSystemWatcher(this)) {
    undo_->setUndoLimit(100);
    proxy_->setSourceModel(model_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *filter = new QLineEdit(central);
    filter->setPlaceholderText(tr("Filter"));
    view_ = new QTableView(central);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->horizontalHeader()->setStretchLastSection(true);
    preview_ = new QLabel(central);
    layout->addWidget(filter);
    layout->addWidget(view_);
    layout->addWidget(preview_);
    setCentralWidget(central);

    connect(filter, &QLineEdit::textChanged, proxy_,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
              if (!current.isValid())
                return;
              const QString name = proxy_->index(current.row(), 0).data().toString();
              preview_->setPixmap(avatars_.avatar(name));
            });
    connect(watcher_, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
      reloadTimer_.start();
      pendingPath_ = path;
    });
    reloadTimer_.setSingleShot(true);
    reloadTimer_.setInterval(300);
    connect(&reloadTimer_, &QTimer::timeout, this, [this] { load(pendingPath_); });

    createActions();
    statusBar()->showMessage(tr("Ready"));
  }

  bool load(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
      return false;
    const QJsonArray arr = QJsonDocument::fromJson(f.readAll()).array();
    QList<Contact> contacts;
    for (const auto &v : arr) {
      const QJsonObject o = v.toObject();
      contacts.append({o.value(QStringLiteral("name")).toString(),
                       o.value(QStringLiteral("email")).toString(),
                       o.value(QStringLiteral("phone")).toString()});
    }
    model_->reset(std::move(contacts));
    undo_->clear();
    if (!watcher_->files().contains(path)) {
      if (!watcher_->files().isEmpty())
        watcher_->removePaths(watcher_->files());
      watcher_->addPath(path);
    }
    return true;
  }

protected:
  void closeEvent(QCloseEvent *event) override {
    if (!undo_->isClean() &&
        QMessageBox::question(this, tr("Quit"), tr("Discard changes?")) != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    event->accept();
  }

private:
  void createActions() {
    auto *file = menuBar()->addMenu(tr("&File"));
    auto *open = file->addAction(tr("&Open..."), this, [this] {
      const QString path = QFileDialog::getOpenFileName(this, tr("Open"), {}, tr("JSON (*.json)"));
      if (!path.isEmpty() && !load(path))
        QMessageBox::warning(this, tr("Open"), tr("Cannot read %1").arg(path));
    });
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Quit"), this, &QWidget::close);

    auto *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = undo_->createUndoAction(this);
    QAction *redo = undo_->createRedoAction(this);
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addAction(tr("&Add..."), this, [this] {
      ContactDialog dlg(this);
      if (dlg.exec() == QDialog::Accepted)
        undo_->push(new AddContactCommand(model_, model_->rowCount(), dlg.contact()));
    });
    edit->addAction(tr("&Remove"), this, [this] {
      const QModelIndex idx = proxy_->mapToSource(view_->currentIndex());
      if (idx.isValid())
        undo_->push(new RemoveContactCommand(model_, idx.row()));
    });

    auto *tools = addToolBar(tr("Edit"));
    tools->addAction(undo);
    tools->addAction(redo);
  }

  ContactModel *model_;
  QSortFilterProxyModel *proxy_;
  QUndoStack *undo_;
  QFileSystemWatcher *watcher_;
  QTableView *view_ = nullptr;
  QLabel *preview_ = nullptr;
  QTimer reloadTimer_;
  QString pendingPath_;
  AvatarCache avatars_;
};

} // namespace book

int main(int argc, char **argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("corpus"));
  QApplication::setApplicationName(QStringLiteral("addressbook"));
  book::MainWindow w;
  if (argc > 1)
    w.load(QString::fromLocal8Bit(argv[1]));
  w.resize(800, 600);
  w.show();
  return QApplication::exec();
}
