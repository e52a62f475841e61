# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared by scripts/vm-run, scripts/check and scripts/guest-suite (sourced,
# not run): what counts as a kernel problem, and the run nonce.

# Lines that never appear in the log of a healthy kernel.  Case matters:
# the kernel command line itself carries "oops=panic" and "hung_task_panic".
WEFT_KERNEL_PROBLEMS='WARNING:|BUG:|Oops|Kernel panic|general protection|leak|refcount_t|UBSAN|KASAN|hung task|blocked for more than|RCU stall|rcu.*detected stall|unreferenced object|Call Trace:'

# Kernel problem lines in a console log.  Only lines the kernel printed
# (they start with a "[ seconds.micro]" stamp) count: test output on the
# same console may well say "leak" or "WARNING:" about itself.
weft_console_problems() {
	[ -f "$1" ] || return 0
	tr -d '\r' <"$1" | grep -E '^\[ *[0-9]+\.[0-9]+\] ' |
		grep -v 'Command line:' | grep -E "$WEFT_KERNEL_PROBLEMS" || true
}

# A fresh random token: the guest writes it back only when all passed.
weft_nonce() {
	od -An -N12 -tx1 /dev/urandom | tr -d ' \n'
}
