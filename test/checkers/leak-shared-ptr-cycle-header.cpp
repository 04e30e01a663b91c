// A cycle whose back edge is declared in a header is reported at the header,
// once, with a note instead of a fix-it (other files may use the field).
// --header-filter applies as clang-tidy applies it: a cycle closed entirely
// in the header is hidden with the header; one closed by code in this file
// still shows, because its evidence is here.
//
// The header filter is given explicitly: clang-tidy 19 defaults to none (main
// file only), 22 to '.*'.
// RUN: %check_leaklint --no-fix %s leak-shared-ptr-cycle %t -- --header-filter='.*' -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --check-suffix=FILTERED %s leak-shared-ptr-cycle %t-filtered -- --header-filter='.*' --exclude-header-filter=shared-ptr-cycle-header -- -std=c++17 -I %S/../Inputs

#include "shared-ptr-cycle-header.h"

void Document::addPage() {
  auto P = std::make_shared<Page>();
  P->Doc = shared_from_this();
  Pages.push_back(P);
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:10:29: warning: 'Page::Doc' completes a shared_ptr ownership cycle; the 'Document' it points to owns the 'Page' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:15:38: note: 'Document::Pages' owns 'Page' objects through 'std::vector<std::shared_ptr<Page>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the 'Page' is stored in 'Pages' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: 'Doc' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:10:29: note: make it a std::weak_ptr: 'std::weak_ptr<Document> Doc;' (no automatic fix: the class is defined in a header, where other files may use the field){{$}}
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:22:25: warning: 'Chapter::Owner' completes a shared_ptr ownership cycle; the 'Book' it points to owns the 'Chapter' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:31:41: note: 'Book::Chapters' owns 'Chapter' objects through 'std::vector<std::shared_ptr<Chapter>>'{{$}}
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:29:24: note: the 'Chapter' is stored in 'Chapters' here{{$}}
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:28:16: note: 'Owner' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: shared-ptr-cycle-header.h:22:25: note: make it a std::weak_ptr: 'std::weak_ptr<Book> Owner;' (no automatic fix: the class is defined in a header, where other files may use the field){{$}}
  // CHECK-MESSAGES-FILTERED: shared-ptr-cycle-header.h:10:29: warning: 'Page::Doc' completes a shared_ptr ownership cycle
  // CHECK-MESSAGES-FILTERED: shared-ptr-cycle-header.h:15:38: note: 'Document::Pages' owns
  // CHECK-MESSAGES-FILTERED: :[[@LINE-13]]:19: note: the 'Page' is stored in 'Pages' here{{$}}
  // CHECK-MESSAGES-FILTERED: :[[@LINE-15]]:12: note: 'Doc' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES-FILTERED: shared-ptr-cycle-header.h:10:29: note: make it a std::weak_ptr
}
void again(const std::shared_ptr<Document> &D) { D->addPage(); }
