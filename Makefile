# heapscope: build a static release binary and install it with shell
# completions and a man page.
#
#   make                     build .build-static/release/heapscope
#   make install PREFIX=~/.local
#   make uninstall PREFIX=~/.local
#   make check-static        the static binary runs with no Swift libraries in reach
#
# DESTDIR is honoured for packaging. SWIFTFLAGS adds build flags (CI passes
# -Xswiftc -warnings-as-errors).

PREFIX     ?= /usr/local
SCRATCH    ?= .build-static
SWIFT      ?= swift
SWIFTFLAGS ?=
BIN        := $(SCRATCH)/release/heapscope
MANUAL_DIR := $(SCRATCH)/manual
BINDIR     := $(DESTDIR)$(PREFIX)/bin
MANDIR     := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR    := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR     := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR    := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: all build manual completions install uninstall check-static clean

all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(SCRATCH) $(SWIFTFLAGS) --product heapscope

# The man page comes from swift-argument-parser's generate-manual tool (the
# tool behind `swift package generate-manual`), run on the binary just built,
# so no second release build is needed. Blank lines in the commands' help
# become paragraph breaks (.Pp), which mdoc wants.
manual: build
	$(SWIFT) build --scratch-path $(SCRATCH) --product generate-manual
	rm -rf $(MANUAL_DIR) && mkdir -p $(MANUAL_DIR)
	"$$($(SWIFT) build --scratch-path $(SCRATCH) --show-bin-path)/generate-manual" $(BIN) --output-directory $(MANUAL_DIR)
	sed -i 's/^$$/.Pp/' $(MANUAL_DIR)/heapscope.1

completions: build
	mkdir -p $(SCRATCH)/completions
	$(BIN) --generate-completion-script bash > $(SCRATCH)/completions/heapscope.bash
	$(BIN) --generate-completion-script zsh > $(SCRATCH)/completions/_heapscope
	$(BIN) --generate-completion-script fish > $(SCRATCH)/completions/heapscope.fish

install: build manual completions
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BIN) $(BINDIR)/heapscope
	install -m 644 $(MANUAL_DIR)/heapscope.1 $(MANDIR)/heapscope.1
	install -m 644 $(SCRATCH)/completions/heapscope.bash $(BASHDIR)/heapscope
	install -m 644 $(SCRATCH)/completions/_heapscope $(ZSHDIR)/_heapscope
	install -m 644 $(SCRATCH)/completions/heapscope.fish $(FISHDIR)/heapscope.fish

uninstall:
	rm -f $(BINDIR)/heapscope $(MANDIR)/heapscope.1 $(BASHDIR)/heapscope $(ZSHDIR)/_heapscope $(FISHDIR)/heapscope.fish

check-static: build
	scripts/check-static.sh $(BIN)

clean:
	rm -rf $(SCRATCH)
