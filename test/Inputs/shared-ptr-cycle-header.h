// A parent/child pair declared in a header; the code that links them is in
// the file that includes it.
#pragma once
#include <memory>
#include <vector>

class Document;
class Page {
public:
  std::shared_ptr<Document> Doc;
};
class Document : public std::enable_shared_from_this<Document> {
public:
  void addPage();
  std::vector<std::shared_ptr<Page>> Pages;
};

// A cycle closed entirely inside the header.
class Book;
class Chapter {
public:
  std::shared_ptr<Book> Owner;
};
class Book : public std::enable_shared_from_this<Book> {
public:
  void addChapter() {
    auto C = std::make_shared<Chapter>();
    C->Owner = shared_from_this();
    Chapters.push_back(C);
  }
  std::vector<std::shared_ptr<Chapter>> Chapters;
};
