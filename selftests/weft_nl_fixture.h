/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture shared by the weft API test programs.  Include it once, after
 * kselftest_harness.h, in the program's only translation unit with tests.
 *
 * The harness forks a child per test; FIXTURE_SETUP runs in that child and
 * moves it to a new network namespace, so every test starts with no
 * datapath and no netdev but lo, and whatever a test leaves behind dies
 * with its namespace.  The teardown still deletes the datapaths itself so
 * that the normal delete path, not only namespace exit, runs after every
 * test.
 */
#ifndef WEFT_NL_FIXTURE_H
#define WEFT_NL_FIXTURE_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include "weft_nl_lib.h"

/* Creating netdevs and loading bridge/tun modules is slow under TCG. */
#define WEFT_TEST(name) TEST_F_TIMEOUT(weftnl, name, 120)

static char weft_kmsg_tag[64];

/* Runs once in the parent, before any test child is forked. */
static void __attribute__((constructor)) weft_kmsg_start(void)
{
	snprintf(weft_kmsg_tag, sizeof(weft_kmsg_tag), "weft-selftest[%d]",
		 (int)getpid());
	weft_kmsg_mark(weft_kmsg_tag);
}

FIXTURE(weftnl) {
	struct weft_nl s;
	struct weft_reply r;
};

FIXTURE_SETUP(weftnl)
{
	int err;

	ASSERT_EQ(0, unshare(CLONE_NEWNET))
		TH_LOG("unshare(CLONE_NEWNET): %s", strerror(errno));
	ASSERT_EQ(0, weft_sh("/bin/ip link set lo up"));
	/*
	 * No IPv6: new netdevs would send DAD/RS/MLD packets on their own
	 * and the port counters checked at zero would move.
	 */
	weft_sh("for f in all default; do echo 1 >/proc/sys/net/ipv6/conf/$f/disable_ipv6; done");
	err = weft_nl_open(&self->s);
	ASSERT_EQ(0, err)
		TH_LOG("generic netlink family \"%s\": %s (is weft.ko loaded?)",
		       WEFT_GENL_NAME, strerror(-err));
}

FIXTURE_TEARDOWN(weftnl)
{
	if (!self->s.nl)
		return;
	EXPECT_EQ(0, weft_dp_del_all(&self->s));
	weft_nl_close(&self->s);
}

/* Flow/port/dp names an extack may use for a whole-object error. */
#define WEFT_FLOW_OBJ_NAMES WEFT_NAMES("WEFT_A_FLOW", "WEFT_FLOW_A_KEY", \
	"WEFT_FLOW_A_MASK", "WEFT_FLOW_A_PRIORITY", "WEFT_FLOW_A_TABLE")

/* Must be the last test of the program: the kernel log since start. */
#define WEFT_KMSG_TEST \
	WEFT_TEST(zz_kernel_log_clean) \
	{ \
		char first[512]; \
		int bad = weft_kmsg_bad_lines(weft_kmsg_tag, first, \
					      sizeof(first)); \
		ASSERT_LE(0, bad) TH_LOG("/dev/kmsg: %s", strerror(-bad)); \
		ASSERT_EQ(0, bad) TH_LOG("%d new kernel warning(s), first: %s", \
					 bad, first); \
	}

#endif /* WEFT_NL_FIXTURE_H */
