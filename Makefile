# Builds and installs openai_api like a C library.
#
#   make                                   cargo build --release, the soname link, the C reference
#   make install STRIP=                    the same, keeping symbols and debug info
#   make install [PREFIX=/usr/local] [DESTDIR=/staging]   copies only (run make first)
#   make uninstall [PREFIX=...] [DESTDIR=...]
#   make example                           the C example against the local mock
#   make docs                              the C reference (Doxygen): target/doc-c/html and man
#   make test                              every test (bash .ci/run)
#   make contract-check [SDK=3.63.0]       OpenAI's Python SDK of that version against the contract
#   make contract SDK=3.63.0 DOCUMENT=openapi.yaml [OUT=...] [KEEP=...]
#                                          the contract from OpenAI's document and that SDK (docs/generator.md)
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR ?=
BUILD_DIR ?= target/release
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/openai_api
MANDIR ?= $(PREFIX)/share/man
STRIP ?= strip
# The soname's version: the major, and before 1.0 the minor too (0.3).
SOVERSION := $(shell sed -n 's/^version = "\([0-9]*\)\.\([0-9]*\)\..*"$$/\1 \2/p' Cargo.toml | head -n1 | \
	awk '{ print ($$1 == 0 ? $$1 "." $$2 : $$1) }')

export PREFIX BINDIR LIBDIR INCLUDEDIR DESTDIR BUILD_DIR DOCDIR MANDIR STRIP

.PHONY: all build install uninstall example test docs contract-check contract
all: build docs

# The soname link lets programs linked in the build tree start from it.
build:
	cargo build --release --locked -p openai_api -p openai_api_mock
	ln -sf libopenai_api.so $(BUILD_DIR)/libopenai_api.so.$(SOVERSION)

# No dependency on build: install only copies, so `sudo make install` works
# without cargo in root's PATH.
install:
	sh scripts/install.sh install

uninstall:
	sh scripts/install.sh uninstall

example:
	./examples/run-against-mock.sh

test:
	bash .ci/run

# Fails on any undocumented public item. Installs Doxygen with apt-get
# (as root, or through sudo) where it is missing.
docs:
	@command -v doxygen >/dev/null || { \
	    echo "installing doxygen with apt-get"; \
	    if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq doxygen; else sudo apt-get install -y -qq doxygen; fi; }
	@# No page of an earlier run stays behind to be installed.
	rm -rf target/doc-c/html target/doc-c/man
	doxygen docs/Doxyfile
	@# A man page line that starts with ' is a roff request, and its text is
	@# lost: Doxygen writes doc lines that begin with a quoted word that way.
	sed -i "s/^'/\\\\\&'/" target/doc-c/man/man3/*.3
	@# A page per function (synopsis, doc, see also) over Doxygen's links to
	@# the whole header's page.
	cargo xtask man target/doc-c/man/man3
	@echo "reference: target/doc-c/html/index.html, man pages: target/doc-c/man/man3"

# OpenAI's Python SDK of version SDK in a scratch virtual environment of
# its own (made once), with the PyYAML the tests pin.
SDK ?= $(shell sed -n 's/^openai==//p' tests/python/requirements.txt)
SDK_PYTHON = target/contract-sdk-$(SDK)/bin/python
$(SDK_PYTHON):
	python3 -m venv target/contract-sdk-$(SDK)
	$(SDK_PYTHON) -m pip install --quiet --disable-pip-version-check openai==$(SDK) \
		$$(grep '^pyyaml==' tests/python/requirements.txt) || { rm -rf target/contract-sdk-$(SDK); exit 1; }

# What that SDK calls that the contract (tests/data/admin-current.yaml)
# lacks, or the other way round: scripts/contract.py check.
contract-check: $(SDK_PYTHON)
	$(SDK_PYTHON) scripts/contract.py check tests/data/admin-current.yaml

# The contract written from OpenAI's published document (DOCUMENT: its
# openapi.yaml, or only its admin part) and that SDK, into OUT, keeping
# the names and words of KEEP (empty: a contract from scratch).
DOCUMENT ?= tests/data/openai-f85dbe2-admin.yaml
OUT ?= tests/data/admin-current.yaml
KEEP ?= tests/data/admin-current.yaml
contract: $(SDK_PYTHON)
	$(SDK_PYTHON) scripts/contract.py write $(DOCUMENT) $(OUT) $(if $(KEEP),--keep $(KEEP))
