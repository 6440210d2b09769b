# Builds and installs openai_api like a C library.
#
#   make                                   cargo build --release
#   make install [PREFIX=/usr/local] [DESTDIR=/staging]
#   make uninstall [PREFIX=...] [DESTDIR=...]
#   make example                           the C example against the local mock
#   make test                              every test (bash .ci/run)
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR ?=
BUILD_DIR ?= target/release

export PREFIX LIBDIR INCLUDEDIR DESTDIR BUILD_DIR

.PHONY: all build install uninstall example test
all: build

build:
	cargo build --release --locked -p openai_api

install: build
	sh scripts/install.sh install

uninstall:
	sh scripts/install.sh uninstall

example:
	./examples-c/run-against-mock.sh

test:
	bash .ci/run
