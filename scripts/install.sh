#!/bin/sh
# Installs (or uninstalls) openai_api like a C library. Used by `make install`
# and `make uninstall`; see the README.
#
#   scripts/install.sh install|uninstall
#
# Environment: PREFIX (default /usr/local), BINDIR (default $PREFIX/bin),
# LIBDIR (default $PREFIX/lib),
# INCLUDEDIR (default $PREFIX/include), DESTDIR (staging root, default
# none), BUILD_DIR (where libopenai_api.so and .a are, default
# target/release).
#
# Installs: $BINDIR/openai-api-mock (the local mock, a test double for
# programs that use the library; INSTALL_MOCK=0 leaves it out),
# $LIBDIR/libopenai_api.so.<version> with the links .so.<major> (before
# 1.0 .so.0.<minor>: the soname) and .so, $LIBDIR/libopenai_api.a, the headers in
# $INCLUDEDIR/openai_api/ (openai_api.h, api/, model/, include/, external/),
# $LIBDIR/pkgconfig/openai_api.pc (+ openai_api-shared.pc) and
# $LIBDIR/cmake/openai_api/, the C reference in $DOCDIR (default
# $PREFIX/share/doc/openai_api: html/) and its man pages in $MANDIR/man3
# (default $PREFIX/share/man; one per function, struct and macro, from
# `make docs`; INSTALL_DOCS=0 leaves them out), the examples in
# $DOCDIR/examples (C, C++ and Python, with a Makefile that builds and
# runs them against the installed library and mock). The installed libraries
# are stripped (the build tree keeps the debug info); STRIP names the tool
# (default strip), and an empty STRIP (`make install STRIP=`) keeps every
# symbol and the debug info, for gdb and valgrind.
# Both actions first remove everything a previous install put there, so a
# reinstall leaves nothing stale. Install only copies: it never builds
# (run `make` first), so `sudo make install` needs no Rust toolchain.
set -eu
cd "$(dirname "$0")/.."

action=${1:-}
PREFIX=${PREFIX:-/usr/local}
LIBDIR=${LIBDIR:-$PREFIX/lib}
INCLUDEDIR=${INCLUDEDIR:-$PREFIX/include}
DESTDIR=${DESTDIR:-}
BUILD_DIR=${BUILD_DIR:-target/release}
STRIP=${STRIP-strip}
DOCDIR=${DOCDIR:-$PREFIX/share/doc/openai_api}
MANDIR=${MANDIR:-$PREFIX/share/man}
INSTALL_DOCS=${INSTALL_DOCS:-1}
DOC_BUILD_DIR=${DOC_BUILD_DIR:-target/doc-c}
BINDIR=${BINDIR:-$PREFIX/bin}
INSTALL_MOCK=${INSTALL_MOCK:-1}
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
MAJOR=${VERSION%%.*}
MINOR=${VERSION#*.}
MINOR=${MINOR%%.*}
# The soname's version: the major, and before 1.0 the minor too (0.2).
if [ "$MAJOR" = 0 ]; then SOVERSION="0.$MINOR"; else SOVERSION=$MAJOR; fi

lib="$DESTDIR$LIBDIR"
bin="$DESTDIR$BINDIR"
inc="$DESTDIR$INCLUDEDIR/openai_api"
cmake_dir="$lib/cmake/openai_api"
doc="$DESTDIR$DOCDIR"
man3="$DESTDIR$MANDIR/man3"

remove() {
    # The man pages an install put there are listed beside the reference.
    if [ -f "$doc/man-pages" ]; then
        while read -r page; do rm -f "$man3/$page"; done < "$doc/man-pages"
    fi
    rm -rf "$inc" "$cmake_dir" "$doc"
    rm -f "$bin/openai-api-mock"
    rm -f "$lib"/libopenai_api.so "$lib"/libopenai_api.so.* "$lib"/libopenai_api.a "$lib/pkgconfig/openai_api.pc" \
        "$lib/pkgconfig/openai_api-shared.pc"
    # Directories this script may have created, if now empty.
    for d in "$lib/cmake" "$lib/pkgconfig" "$DESTDIR$INCLUDEDIR" "$lib" "$bin" "$man3" "$DESTDIR$MANDIR" \
        "$(dirname "$doc")" "$DESTDIR$PREFIX/share"; do
        [ -d "$d" ] && rmdir "$d" 2>/dev/null || true
    done
}

case "$action" in
uninstall)
    remove
    echo "removed openai_api from $DESTDIR$PREFIX"
    ;;
install)
    mock=""
    [ "$INSTALL_MOCK" = 0 ] || mock=openai-api-mock
    for f in libopenai_api.so libopenai_api.a $mock; do
        [ -f "$BUILD_DIR/$f" ] || { echo "install.sh: $BUILD_DIR/$f not found: run 'make' first" >&2; exit 1; }
    done
    if [ "$INSTALL_DOCS" != 0 ]; then
        for d in html man/man3; do
            [ -d "$DOC_BUILD_DIR/$d" ] || { echo "install.sh: $DOC_BUILD_DIR/$d not found: run 'make' first" >&2; exit 1; }
        done
    fi
    remove
    mkdir -p "$lib/pkgconfig" "$cmake_dir" "$inc"
    if [ -n "$mock" ]; then
        mkdir -p "$bin"
        install -m 0755 "$BUILD_DIR/openai-api-mock" "$bin/openai-api-mock"
        if [ -n "$STRIP" ] && command -v "$STRIP" >/dev/null 2>&1; then "$STRIP" "$bin/openai-api-mock"; fi
    fi
    install -m 0755 "$BUILD_DIR/libopenai_api.so" "$lib/libopenai_api.so.$VERSION"
    ln -s "libopenai_api.so.$VERSION" "$lib/libopenai_api.so.$SOVERSION"
    ln -s "libopenai_api.so.$SOVERSION" "$lib/libopenai_api.so"
    install -m 0644 "$BUILD_DIR/libopenai_api.a" "$lib/libopenai_api.a"
    # Stripped: the shared library keeps its dynamic symbols, the archive
    # its symbol table; the debug info stays in $BUILD_DIR.
    if [ -z "$STRIP" ]; then
        echo "install.sh: STRIP is empty: installing with every symbol and the debug info"
    elif command -v "$STRIP" >/dev/null 2>&1; then
        "$STRIP" --strip-unneeded "$lib/libopenai_api.so.$VERSION"
        "$STRIP" --strip-debug "$lib/libopenai_api.a"
    else
        echo "install.sh: $STRIP not found: installing with debug info" >&2
    fi
    if [ "$INSTALL_DOCS" != 0 ]; then
        mkdir -p "$doc" "$man3"
        cp -R "$DOC_BUILD_DIR/html" "$doc/html"
        (cd "$DOC_BUILD_DIR/man/man3" && ls) > "$doc/man-pages"
        cp "$DOC_BUILD_DIR"/man/man3/* "$man3/"
        (cd "$man3" && xargs chmod 0644 < "$doc/man-pages")
    fi
    # The examples, built and run from a copy of this folder (`make run`).
    mkdir -p "$doc/examples"
    for f in examples/*.c examples/*.cpp examples/*.py examples/Makefile; do
        install -m 0644 "$f" "$doc/examples/"
    done
    install -m 0755 examples/run.sh "$doc/examples/run.sh"
    (cd include && find . -name '*.h' -type f) | while read -r h; do
        mkdir -p "$inc/$(dirname "$h")"
        install -m 0644 "include/$h" "$inc/$h"
    done
    # Paths inside the CMake package are relative to it, so a DESTDIR
    # staging tree or a moved prefix still works.
    include_rel=$(realpath -m --relative-to="$LIBDIR/cmake/openai_api" "$INCLUDEDIR/openai_api")
    lib_rel=$(realpath -m --relative-to="$LIBDIR/cmake/openai_api" "$LIBDIR")
    for t in openai_api.pc:"$lib/pkgconfig/openai_api.pc" \
             openai_api-shared.pc:"$lib/pkgconfig/openai_api-shared.pc" \
             openai_apiConfig.cmake:"$cmake_dir/openai_apiConfig.cmake" \
             openai_apiConfigVersion.cmake:"$cmake_dir/openai_apiConfigVersion.cmake"; do
        sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@LIBDIR@|$LIBDIR|g" -e "s|@INCLUDEDIR@|$INCLUDEDIR|g" \
            -e "s|@VERSION@|$VERSION|g" -e "s|@MAJOR@|$MAJOR|g" -e "s|@MINOR@|$MINOR|g" -e "s|@SOVERSION@|$SOVERSION|g" \
            -e "s|@INCLUDE_REL@|$include_rel|g" -e "s|@LIB_REL@|$lib_rel|g" \
            "scripts/${t%%:*}.in" > "${t#*:}"
        chmod 0644 "${t#*:}"
    done
    echo "installed openai_api $VERSION into $DESTDIR$PREFIX"
    ;;
*)
    echo "usage: scripts/install.sh install|uninstall" >&2
    exit 2
    ;;
esac
