# SPDX-License-Identifier: GPL-2.0
#
# weft: top-level build.  Kbuild (next to this file) is what kbuild reads
# for the module; this Makefile is for people and CI.
#
#   make                  module (kmod/weft.ko), agent/, selftests/
#   make check            host unit tests + guest suite (6.1) + guest smoke (6.12)
#   make check-612        the 6.12 smoke run alone
#   make demo             two netns hosts talking through weft, in a 6.1 guest
#   make bench            weft vs the kernel's OVS datapath and bridge (scripts/bench)
#   make conformance      os-ken's OpenFlow switch tester against weftd (scripts/conformance)
#   make lint             sparse + checkpatch on the module, no stack clearing on its
#                         packet path, shellcheck on scripts/
#   make install          module, programs, man pages (PREFIX, DESTDIR)
#   make clean
#
# KDIR is the kernel build tree for `make`/`make modules` (kmod/weft.ko):
# that of the running kernel, else the newest Debian linux-headers-*-amd64.
# The guest runs test the kernels SUITE_KVER (newest 6.1) and SMOKE_KVER
# (newest 6.12) with modules built in build/kmod-KVER/, so a build for one
# kernel never clobbers another's.

PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR = $(PREFIX)/sbin
MAN8DIR = $(PREFIX)/share/man/man8

# Recursive variables, evaluated where used: before scripts/setup-deps ran
# there may be no kernel tree at all, and only the targets that need one
# should complain.
KDIR ?= $(or $(shell d=/lib/modules/$$(uname -r)/build; [ -f $$d/Makefile ] && echo $$d), \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1))
KVER = $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)

# Newest installed release matching the regex $(1) that has headers, a
# kernel image and modules (flavours such as -cloud- or -rt- do not match).
newest_kver = $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | \
	sed 's,^/usr/src/linux-headers-,,' | grep -E '^$(1)$$' | \
	while read v; do [ -f /boot/vmlinuz-$$v ] && [ -d /lib/modules/$$v/kernel ] && echo $$v; done | \
	sort -V | tail -n 1)
SUITE_KVER ?= $(call newest_kver,6\.1\.[0-9]+-[0-9]+-amd64)
SMOKE_KVER ?= $(call newest_kver,6\.12\.[0-9]+\+deb12-amd64)

# The weft.ko a guest of kernel $(1) loads.  Always a tree of its own,
# even when KDIR is the same kernel: kmod/ belongs to whoever last ran a
# build there (any KDIR), and a guest must never pick up another kernel's
# module half way through someone else's rebuild.
ko_for = build/kmod-$(1)/kmod/weft.ko
SUITE_KO = $(call ko_for,$(SUITE_KVER))
SMOKE_KO = $(call ko_for,$(SMOKE_KVER))

CHECKPATCH_DIR = build/checkpatch
LINUX_SOURCE = /usr/src/linux-source-6.1.tar.xz

SHELL := /bin/bash

.PHONY: all modules agent selftests install check check-612 demo bench conformance lint stackclear \
	sparse checkpatch shellcheck clean help guest-modules suite-module smoke-module \
	FORCE

all: modules agent selftests

modules:
	@[ -f "$(KDIR)/Makefile" ] || { echo "make: no kernel build tree at KDIR=\"$(KDIR)\";" \
		"run scripts/setup-deps or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

agent:
	$(MAKE) -C agent

# The tests link against the agent's library.
selftests: agent
	$(MAKE) -C selftests

# The module for a guest kernel, in a tree of its own (scripts/build-kmod).
build/kmod-%/kmod/weft.ko: FORCE
	+scripts/build-kmod /lib/modules/$*/build build/kmod-$*

install: all
	install -D -m 644 kmod/weft.ko $(DESTDIR)/lib/modules/$(KVER)/extra/weft.ko
	@# A staged install (DESTDIR) leaves depmod to the package's scripts.
	$(if $(DESTDIR),,depmod -a $(KVER))
	install -D -m 755 agent/weftctl $(DESTDIR)$(SBINDIR)/weftctl
	install -D -m 755 agent/weftd/weftd $(DESTDIR)$(SBINDIR)/weftd
	@# The configuration is the operator's: never overwrite it.
	[ -e $(DESTDIR)/etc/weft/weftd.conf ] || \
		install -D -m 644 agent/weftd/weftd.conf $(DESTDIR)/etc/weft/weftd.conf
	install -D -m 644 agent/weftd/weftd.service \
		$(DESTDIR)/lib/systemd/system/weftd.service
	@set -e; for m in Documentation/*.8; do [ ! -f "$$m" ] || { \
		echo "install -D -m 644 $$m $(DESTDIR)$(MAN8DIR)/$${m##*/}"; \
		install -D -m 644 $$m $(DESTDIR)$(MAN8DIR)/$${m##*/}; }; done

# check, check-612 and demo first make sure every package is there
# (scripts/setup-deps is idempotent and quick when nothing is missing), then
# run again in a fresh make, so that kernels it installed are seen.
ifeq ($(WEFT_DEPS_DONE),)
check check-612 demo bench conformance:
	scripts/setup-deps
	@$(MAKE) --no-print-directory WEFT_DEPS_DONE=1 $@
else
check: all guest-modules
	scripts/check --unit --suite $(SUITE_KVER)=$(CURDIR)/$(SUITE_KO) \
		--smoke $(SMOKE_KVER)=$(CURDIR)/$(SMOKE_KO)

check-612: all smoke-module
	scripts/check --smoke $(SMOKE_KVER)=$(CURDIR)/$(SMOKE_KO)

demo: all suite-module
	scripts/vm-run --kernel $(SUITE_KVER) --ko $(SUITE_KO) --timeout 600 -- scripts/demo.sh

# scripts/bench builds its own module copy (build/bench/) and reports only.
bench: all
	scripts/bench

# OpenFlow 1.3 and 1.0 (Documentation/conformance.md).  VECTORS: the
# os-ken vectors (switch-of13/, switch-of10/); CONFORMANCE_FILTER: a
# subset such as "match/00_IN_PORT action".  Builds its own module copy
# (build/conformance/).
conformance: agent
	scripts/conformance
endif

guest-modules: suite-module smoke-module
suite-module: $(if $(SUITE_KVER),$(SUITE_KO),missing-6.1)
smoke-module: $(if $(SMOKE_KVER),$(SMOKE_KO),missing-6.12)

missing-%:
	@echo "make: no $* kernel installed with headers, image and modules" \
		"(run scripts/setup-deps)" >&2; exit 1

lint: sparse checkpatch shellcheck stackclear

# C=2: check every source, not only the ones recompiled.  Sparse reports
# but does not fail; the log is searched instead.
sparse:
	@mkdir -p build
	set -o pipefail; $(MAKE) -C $(KDIR) M=$(CURDIR) C=2 CHECK=sparse modules 2>&1 | \
		tee build/sparse.log
	@! grep -E ': (warning|error):' build/sparse.log || \
		{ echo "make: sparse found problems (build/sparse.log)" >&2; exit 1; }

# Debian's kernels clear every stack variable on entry
# (CONFIG_INIT_STACK_ALL_ZERO); the packet path's big ones are marked
# __uninitialized (see weft_pipeline_run()), and must stay so: none of
# these functions may contain a clearing loop.  Runs on the module sparse
# just built.
HOT_FUNCS = weft_frame_hook weft_dp_process weft_pipeline_run weft_cls_lookup
stackclear: sparse
	@objdump -d --no-show-raw-insn kmod/weft.ko | awk -v hot=" $(HOT_FUNCS) " ' \
		/^[0-9a-f]+ <.*>:$$/ { fn = substr($$2, 2, length($$2) - 3) } \
		/rep stos/ && index(hot, " " fn " ") { print "make: " fn " clears memory with rep stos"; bad = 1 } \
		END { exit bad }'

# checkpatch.pl and its data files, extracted once from Debian's kernel
# source (the only copy on the machine).
$(CHECKPATCH_DIR)/checkpatch.pl:
	@[ -f $(LINUX_SOURCE) ] || { echo "make: $(LINUX_SOURCE) missing (run scripts/setup-deps)" >&2; exit 1; }
	@mkdir -p $(CHECKPATCH_DIR).tmp
	tar -xJf $(LINUX_SOURCE) -C $(CHECKPATCH_DIR).tmp --strip-components=2 --occurrence=1 \
		linux-source-6.1/scripts/checkpatch.pl linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	@rm -rf $(CHECKPATCH_DIR) && mv $(CHECKPATCH_DIR).tmp $(CHECKPATCH_DIR)

# kmod/compat.h exists to bridge kernel versions, so version checks are
# its job there and only there.
CHECKPATCH = $(CHECKPATCH_DIR)/checkpatch.pl --no-tree --quiet --show-types
COMPAT_H = $(wildcard kmod/compat.h)
COMPAT_IGNORE = LINUX_VERSION_CODE,CONSTANT_COMPARISON
checkpatch: $(CHECKPATCH_DIR)/checkpatch.pl
	$(CHECKPATCH) -f $(filter-out %.mod.c $(COMPAT_H),$(sort $(wildcard kmod/*.c kmod/*.h))) \
		uapi/linux/weft.h
	$(if $(COMPAT_H),$(CHECKPATCH) --ignore $(COMPAT_IGNORE) -f $(COMPAT_H))

# The harness scripts (selftests/ has its own `make -C selftests lint`).
shellcheck:
	shellcheck -x scripts/vm-run scripts/vm-init scripts/guest-suite scripts/check \
		scripts/tap-count scripts/build-kmod scripts/setup-deps scripts/demo.sh \
		scripts/conformance scripts/conformance-guest scripts/fuzz \
		scripts/lib.sh .ci/run

clean:
	@if [ -f "$(KDIR)/Makefile" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	$(MAKE) -C agent clean
	$(MAKE) -C selftests clean
	rm -rf build

help:
	@sed -n '3,20s/^# \{0,1\}//p' Makefile
	@echo "KDIR=$(KDIR) (release $(KVER))"
	@echo "SUITE_KVER=$(SUITE_KVER) SMOKE_KVER=$(SMOKE_KVER)"

FORCE:
