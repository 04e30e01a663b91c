# Where `cmake --install` puts leaklint, and the Debian package CPack builds
# from that. Standard places (GNUInstallDirs):
#   bin/                 leaklint-tidy, leaklint-clangd, leaklint-sarif, leaklint-merge, leaklint-ci
#   lib/leaklint/        LeakLint.so (clang-tidy --load), the LeakLintChecks.so
#                        it loads from its own directory, LeakLintPlugin.so (-fplugin)
#   share/doc/leaklint/  README.md and the docs (the SARIF rules link checks/)
install(TARGETS leaklint-tidy leaklint-clangd leaklint-sarif leaklint-merge
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS LeakLint LeakLintTidyChecks LeakLintPlugin
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/leaklint)
install(PROGRAMS scripts/leaklint-ci DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME leaklint)
set(CPACK_PACKAGE_VENDOR "leaklint")
set(CPACK_PACKAGE_CONTACT "leaklint developers <leaklint@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "C++ checks for memory retention bugs (clang-tidy, clang plugin, clangd)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The libraries the binaries link (libclang-cpp, libLLVM, gRPC for clangd)
# come from dpkg-shlibdeps; the plugins need the hosts they load into.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "clang-tidy-${LEAKLINT_LLVM_MAJOR}, clang-${LEAKLINT_LLVM_MAJOR}")
include(CPack)
