// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: datapaths, request validation, reserved
 * commands and permissions.  Ports are in weft_nl_port.c, flows in
 * weft_nl_flow.c (separate programs: one TAP stream each).
 *
 * Every rejection is checked twice: the errno, and that the extended ACK
 * names the culprit (see ASSERT_NLERR in weft_nl_lib.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

/* Replies of a GET: the first message's attributes. */
#define DP_U(r, type)	weft_u(weft_getv((r)->msgs[0], 1, (type)))
#define PORT_U(r, type)	weft_u(weft_getv((r)->msgs[0], 2, WEFT_A_PORT, (type)))

static bool weft_dump_has_name(const struct weft_reply *r, int depth,
			       uint16_t outer, uint16_t type, const char *name)
{
	int i;

	for (i = 0; i < r->n; i++) {
		const struct nlattr *a = depth == 1 ?
			weft_getv(r->msgs[i], 1, type) :
			weft_getv(r->msgs[i], 2, outer, type);

		if (!strcmp(weft_str(a), name))
			return true;
	}
	return false;
}

TEST_F(weftnl, family_registered)
{
	EXPECT_EQ(WEFT_GENL_VERSION, self->s.version);
	EXPECT_TRUE(self->s.has_events)
		TH_LOG("no \"%s\" multicast group", WEFT_MCGRP_EVENTS);
}

WEFT_TEST(dp_new_get_dump_del)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	const struct nlattr *st;
	struct weft_req q;
	unsigned int ifindex;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ifindex = if_nametoindex("wdp0");
	ASSERT_NE(0, ifindex) TH_LOG("no local port netdev wdp0");

	ASSERT_NLOK(weft_dp_get(s, "wdp0", r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_STREQ("wdp0", weft_str(weft_getv(r->msgs[0], 1,
						 WEFT_A_DP_NAME)));
	EXPECT_EQ(ifindex, DP_U(r, WEFT_A_DP_IFINDEX));
	EXPECT_EQ(0, DP_U(r, WEFT_A_DP_FLAGS));
	EXPECT_EQ(1, DP_U(r, WEFT_A_DP_N_PORTS));	/* the local port */
	EXPECT_EQ(0, DP_U(r, WEFT_A_DP_N_FLOWS));
	st = weft_getv(r->msgs[0], 1, WEFT_A_DP_STATS);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_DP_STATS_A_LOOKUPS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_DP_STATS_A_HITS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_DP_STATS_A_MISSES)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_DP_STATS_A_LOST)));

	/* Addressed by ifindex alone. */
	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_IFINDEX, ifindex);
	ASSERT_NLOK(weft_transact(s, &q, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_STREQ("wdp0", weft_str(weft_getv(r->msgs[0], 1,
						 WEFT_A_DP_NAME)));

	ASSERT_EQ(0, weft_dp_new(s, "wdp1"));
	ASSERT_NLOK(weft_dp_dump(s, r), r);
	EXPECT_FALSE(r->dump_intr);
	ASSERT_EQ(2, r->n);
	EXPECT_TRUE(weft_dump_has_name(r, 1, 0, WEFT_A_DP_NAME, "wdp0"));
	EXPECT_TRUE(weft_dump_has_name(r, 1, 0, WEFT_A_DP_NAME, "wdp1"));

	ASSERT_EQ(0, weft_dp_del(s, "wdp0"));
	EXPECT_EQ(0, if_nametoindex("wdp0"));
	weft_dp_get(s, "wdp0", r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));
	ASSERT_NLOK(weft_dp_dump(s, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_TRUE(weft_dump_has_name(r, 1, 0, WEFT_A_DP_NAME, "wdp1"));
}

WEFT_TEST(dp_name_length)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	/* IFNAMSIZ - 1 characters is the longest valid name. */
	ASSERT_EQ(0, weft_dp_new(s, "wdp-0123456789a"));
	EXPECT_NE(0, if_nametoindex("wdp-0123456789a"));

	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp-0123456789ab");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_A_DP_NAME"));
}

WEFT_TEST(dp_duplicate)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_NAMES("WEFT_A_DP_NAME"));

	/* Any netdev of that name counts, not only datapaths. */
	ASSERT_EQ(0, weft_sh("/bin/ip link add name wveth0 type veth peer name wveth1"));
	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wveth0");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_NAMES("WEFT_A_DP_NAME"));

	ASSERT_NLOK(weft_dp_dump(s, r), r);
	EXPECT_EQ(1, r->n);
}

WEFT_TEST(dp_missing)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_DEL, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "nodp");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));

	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "nodp");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));

	/* lo exists but is no datapath. */
	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_IFINDEX, if_nametoindex("lo"));
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_IFINDEX"));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "nodp");
	{
		struct nlattr *n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);

		mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "wint0");
		mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE,
				 WEFT_PORT_TYPE_INTERNAL);
		mnl_attr_nest_end(q.nlh, n);
	}
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));
}

WEFT_TEST(dp_name_ifindex_mismatch)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp1"));
	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_IFINDEX, if_nametoindex("wdp1"));
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ENOENT),
		     WEFT_NAMES("WEFT_A_DP_IFINDEX", "WEFT_A_DP_NAME"));
}

WEFT_TEST(dp_flags)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	weft_req_init(&q, s, WEFT_CMD_DP_SET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_FLAGS, WEFT_DP_F_ALL);
	ASSERT_NLOK(weft_transact(s, &q, r), r);

	weft_req_init(&q, s, WEFT_CMD_DP_SET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_FLAGS, 1);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_A_DP_FLAGS"));

	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp1");
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_FLAGS, 0x80000000u);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_A_DP_FLAGS"));
	EXPECT_EQ(0, if_nametoindex("wdp1"));
}

WEFT_TEST(missing_required_attributes)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_A_DP_NAME"));

	/* No datapath addressed at all. */
	weft_req_init(&q, s, WEFT_CMD_PORT_GET, NLM_F_DUMP);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_A_DP_NAME", "WEFT_A_DP_IFINDEX"));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_A_PORT"));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_NAME"));

	weft_req_init(&q, s, WEFT_CMD_PORT_DEL, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_PORT_A_NO", "WEFT_PORT_A_NAME"));

	weft_req_init(&q, s, WEFT_CMD_FLOW_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_A_FLOW"));
}

/* Strict validation: unknown attribute types are rejected, not ignored. */
WEFT_TEST(unknown_attribute_types)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n, *k;
	char name[32];

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	mnl_attr_put_u32(q.nlh, __WEFT_A_MAX + 20, 1);
	weft_transact(s, &q, r);
	snprintf(name, sizeof(name), "WEFT_A_%d", __WEFT_A_MAX + 20);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES(name));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "wint0");
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_put_u32(q.nlh, __WEFT_PORT_A_MAX, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	snprintf(name, sizeof(name), "WEFT_PORT_A_%d", __WEFT_PORT_A_MAX);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES(name));
	EXPECT_EQ(0, if_nametoindex("wint0"));

	/* Two levels down: WEFT_A_FLOW / WEFT_FLOW_A_KEY / unknown. */
	weft_req_init(&q, s, WEFT_CMD_FLOW_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_FLOW);
	mnl_attr_put_u16(q.nlh, WEFT_FLOW_A_PRIORITY, 10);
	k = mnl_attr_nest_start(q.nlh, WEFT_FLOW_A_KEY);
	mnl_attr_put_u32(q.nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_put_u32(q.nlh, __WEFT_KEY_A_MAX + 3, 1);
	mnl_attr_nest_end(q.nlh, k);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	snprintf(name, sizeof(name), "WEFT_KEY_A_%d", __WEFT_KEY_A_MAX + 3);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES(name));
	EXPECT_EQ(0, weft_flow_count(s, "wdp0"));
}

/* A u8 where a u32 is expected, etc.: wrong length for the type. */
WEFT_TEST(wrong_attribute_length)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	static const uint8_t mac5[5] = { 2, 0, 0, 0, 1 };
	struct weft_req q;
	struct nlattr *n, *k;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_u16(q.nlh, WEFT_A_DP_IFINDEX,
			 (uint16_t)if_nametoindex("wdp0"));
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_A_DP_IFINDEX"));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "wint0");
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_put_u8(q.nlh, WEFT_PORT_A_NO, 5);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_PORT_A_NO"));
	EXPECT_EQ(0, if_nametoindex("wint0"));

	weft_req_init(&q, s, WEFT_CMD_FLOW_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_FLOW);
	mnl_attr_put_u32(q.nlh, WEFT_FLOW_A_PRIORITY, 10);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_FLOW_A_PRIORITY"));

	weft_req_init(&q, s, WEFT_CMD_FLOW_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_FLOW);
	k = mnl_attr_nest_start(q.nlh, WEFT_FLOW_A_KEY);
	mnl_attr_put(q.nlh, WEFT_KEY_A_ETH_SRC, sizeof(mac5), mac5);
	mnl_attr_nest_end(q.nlh, k);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_KEY_A_ETH_SRC"));

	weft_req_init(&q, s, WEFT_CMD_FLOW_NEW, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_FLOW);
	k = mnl_attr_nest_start(q.nlh, WEFT_FLOW_A_KEY);
	mnl_attr_put_u8(q.nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_nest_end(q.nlh, k);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_KEY_A_IN_PORT"));
	EXPECT_EQ(0, weft_flow_count(s, "wdp0"));
}

static void weft_port_new_req(struct weft_req *q, struct weft_nl *s,
			      const char *dp, const char *dev, uint32_t type,
			      uint32_t no)
{
	struct nlattr *n;

	weft_req_init(q, s, WEFT_CMD_PORT_NEW, 0);
	mnl_attr_put_strz(q->nlh, WEFT_A_DP_NAME, dp);
	n = mnl_attr_nest_start(q->nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q->nlh, WEFT_PORT_A_NAME, dev);
	if (type)
		mnl_attr_put_u32(q->nlh, WEFT_PORT_A_TYPE, type);
	mnl_attr_put_u32(q->nlh, WEFT_PORT_A_NO, no);
	mnl_attr_nest_end(q->nlh, n);
}

WEFT_TEST(port_no_range)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	weft_port_new_req(&q, s, "wdp0", "wint0", WEFT_PORT_TYPE_INTERNAL, 0);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_PORT_A_NO"));
	weft_port_new_req(&q, s, "wdp0", "wint0", WEFT_PORT_TYPE_INTERNAL,
			  WEFT_PORT_MAX + 1);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_PORT_A_NO"));
	EXPECT_EQ(0, if_nametoindex("wint0"));

	weft_port_new_req(&q, s, "wdp0", "wint0", WEFT_PORT_TYPE_INTERNAL,
			  WEFT_PORT_MAX);
	ASSERT_NLOK(weft_transact(s, &q, r), r);
	ASSERT_NLOK(weft_port_get(s, "wdp0", "wint0", 0, r), r);
	EXPECT_EQ(WEFT_PORT_MAX, PORT_U(r, WEFT_PORT_A_NO));
}

WEFT_TEST(port_type)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	weft_port_new_req(&q, s, "wdp0", "wint0", __WEFT_PORT_TYPE_MAX + 5, 1);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_PORT_A_TYPE"));
	/* Tunnel vports are reserved numbers, not yet implemented. */
	weft_port_new_req(&q, s, "wdp0", "wint0", WEFT_PORT_TYPE_VXLAN, 1);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EOPNOTSUPP), WEFT_NAMES("WEFT_PORT_A_TYPE"));
	EXPECT_EQ(0, if_nametoindex("wint0"));
}

/*
 * Commands whose numbers are fixed but which version 1 does not implement:
 * the MIRROR commands (the module's own EOPNOTSUPP, with an extack).
 * Everything else of the pipeline ABI is implemented: see
 * reserved_numbers_only_mirror below.
 */
WEFT_TEST(reserved_commands)
{
	static const uint8_t cmds[] = {
		WEFT_CMD_MIRROR_NEW, WEFT_CMD_MIRROR_DEL, WEFT_CMD_MIRROR_GET,
	};
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n;
	size_t i;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	for (i = 0; i < sizeof(cmds); i++) {
		char why[1024];
		bool ok;

		weft_req_init(&q, s, cmds[i], 0);
		mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
		weft_transact(s, &q, r);
		ok = weft_check_err(r, WEFT_ERRS(EOPNOTSUPP),
				    WEFT_NAMES("WEFT_CMD", "WEFT_A_MIRROR",
					       "WEFT_CMD_MIRROR_NEW",
					       "WEFT_CMD_MIRROR_DEL",
					       "WEFT_CMD_MIRROR_GET"),
				    why, sizeof(why));
		EXPECT_TRUE(ok) TH_LOG("command %u: %s", cmds[i], why);
	}

	/* The reserved WEFT_A_MIRROR nest, in any command. */
	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_MIRROR);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EOPNOTSUPP, EINVAL),
		     WEFT_NAMES("WEFT_A_MIRROR"));

	/* The datapath is untouched by all that. */
	ASSERT_NLOK(weft_dp_get(s, "wdp0", r), r);
	EXPECT_EQ(1, DP_U(r, WEFT_A_DP_N_PORTS));
}

/*
 * Numbers with no request behind them: the notifications (PACKET_IN,
 * FLOW_REMOVED) and numbers outside the family.  EOPNOTSUPP comes from the
 * genetlink core (no op registered), which sets no extack: errno only.
 */
WEFT_TEST(notification_and_unknown_commands)
{
	static const uint8_t cmds[] = {
		WEFT_CMD_PACKET_IN, WEFT_CMD_FLOW_REMOVED, __WEFT_CMD_MAX,
		WEFT_CMD_UNSPEC,
	};
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	size_t i;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	for (i = 0; i < sizeof(cmds); i++) {
		char why[1024];
		bool ok;

		weft_req_init(&q, s, cmds[i], 0);
		mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
		weft_transact(s, &q, r);
		ok = weft_check_err(r, WEFT_ERRS(EOPNOTSUPP), NULL, why,
				    sizeof(why));
		EXPECT_TRUE(ok) TH_LOG("command %u: %s", cmds[i], why);
	}
}

/*
 * The pipeline commands are implemented: without their nest each fails
 * with its own validation error (EINVAL naming the missing nest), never
 * EOPNOTSUPP.
 */
WEFT_TEST(reserved_numbers_only_mirror)
{
	static const struct {
		uint8_t cmd;
		uint16_t flags;
		const char *nest;
	} cmds[] = {
		{ WEFT_CMD_TABLE_GET, 0, "WEFT_A_TABLE" },
		{ WEFT_CMD_TABLE_SET, 0, "WEFT_A_TABLE" },
		{ WEFT_CMD_GROUP_NEW, 0, "WEFT_A_GROUP" },
		{ WEFT_CMD_GROUP_DEL, 0, "WEFT_A_GROUP" },
		{ WEFT_CMD_GROUP_GET, 0, "WEFT_A_GROUP" },
		{ WEFT_CMD_GROUP_SET, 0, "WEFT_A_GROUP" },
		{ WEFT_CMD_PACKET_OUT, 0, "WEFT_A_PACKET" },
		{ WEFT_CMD_TRACE, 0, "WEFT_A_PACKET" },
		{ WEFT_CMD_BUNDLE, 0, "WEFT_A_BUNDLE" },
	};
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	size_t i;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char why[1024];
		bool ok;

		weft_req_init(&q, s, cmds[i].cmd, cmds[i].flags);
		mnl_attr_put_strz(q.nlh, WEFT_A_DP_NAME, "wdp0");
		weft_transact(s, &q, r);
		ok = weft_check_err(r, WEFT_ERRS(EINVAL),
				    WEFT_NAMES(cmds[i].nest), why, sizeof(why));
		EXPECT_TRUE(ok) TH_LOG("command %u: %s", cmds[i].cmd, why);
	}
	/* The dumps that need no nest answer. */
	ASSERT_NLOK(weft_table_dump(s, "wdp0", r), r);
	EXPECT_EQ(WEFT_TABLE_MAX + 1, r->n);
	ASSERT_NLOK(weft_group_dump(s, "wdp0", r), r);
	EXPECT_EQ(0, r->n);
}

/* What the unprivileged child saw for one request. */
#define WEFT_PERM_N	32
#define WEFT_PERM_USED	29
struct weft_perm_result {
	char what[24];
	int err;
	int n;
};

static void weft_perm_try(struct weft_nl *s, struct weft_req *q,
			  const char *what, struct weft_perm_result *res)
{
	struct weft_reply *r = malloc(sizeof(*r));

	snprintf(res->what, sizeof(res->what), "%s", what);
	if (!r) {
		res->err = ENOMEM;
		return;
	}
	res->err = weft_transact(s, q, r);
	res->n = r->n;
	free(r);
}

static void weft_icmp_flow(struct weft_flow *f)
{
	weft_flow_init(f, 0, 100);
	weft_match_icmp(f, 1);
	weft_output(f, 2);
	f->strict = true;
}

/* A valid UDP frame from port 1, for PACKET_OUT and TRACE. */
static size_t weft_perm_frame(uint8_t *buf)
{
	static const uint8_t dst[6] = { 2, 0, 0, 0, 0, 2 };
	static const uint8_t src[6] = { 2, 0, 0, 0, 0, 1 };

	return weft_frame_ipv4(buf, dst, src, 0x0a000001, 0x0a000002, 17,
			       1000, 2000, 16);
}

/* The pipeline's commands: mutations EPERM, reads ("+") answered. */
static void weft_perm_pipeline(struct weft_nl *s,
			       struct weft_perm_result *res, int *i)
{
	struct weft_greq g;
	struct weft_preq p;
	struct weft_breq b;
	struct weft_req q;
	struct weft_flow f;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = weft_perm_frame(frame);
	struct nlattr *n;

	weft_req_init(&q, s, WEFT_CMD_TABLE_SET, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_TABLE);
	mnl_attr_put_u8(q.nlh, WEFT_TABLE_A_ID, 0);
	mnl_attr_put_u32(q.nlh, WEFT_TABLE_A_MISS, WEFT_TABLE_MISS_CONTROLLER);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(s, &q, "TABLE_SET", &res[(*i)++]);

	weft_group_start(&g, s, WEFT_CMD_GROUP_NEW, "wdp0", 2,
			 WEFT_GROUP_TYPE_ALL);
	weft_bucket_start(&g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
	weft_act_output(g.q.nlh, 1);
	weft_bucket_end(&g);
	mnl_attr_nest_end(g.q.nlh, g.buckets);
	mnl_attr_nest_end(g.q.nlh, g.group);
	weft_perm_try(s, &g.q, "GROUP_NEW", &res[(*i)++]);
	weft_group_start(&g, s, WEFT_CMD_GROUP_SET, "wdp0", 1,
			 WEFT_GROUP_TYPE_ALL);
	mnl_attr_nest_end(g.q.nlh, g.group);
	weft_perm_try(s, &g.q, "GROUP_SET", &res[(*i)++]);
	weft_req_init(&q, s, WEFT_CMD_GROUP_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_GROUP);
	mnl_attr_put_u32(q.nlh, WEFT_GROUP_A_ID, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(s, &q, "GROUP_DEL", &res[(*i)++]);

	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, "wdp0", frame, len, 1);
	weft_act_output(p.q.nlh, WEFT_PORT_TABLE);
	mnl_attr_nest_end(p.q.nlh, p.acts);
	mnl_attr_nest_end(p.q.nlh, p.pkt);
	weft_perm_try(s, &p.q, "PACKET_OUT", &res[(*i)++]);

	weft_bundle_start(&b, s, "wdp0");
	weft_flow_init(&f, 0, 300);
	weft_match_icmp(&f, 1);
	weft_output(&f, 2);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	mnl_attr_nest_end(b.q.nlh, b.bundle);
	weft_perm_try(s, &b.q, "BUNDLE", &res[(*i)++]);

	weft_req_init(&q, s, WEFT_CMD_MIRROR_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(s, &q, "MIRROR_NEW", &res[(*i)++]);
	weft_req_init(&q, s, WEFT_CMD_MIRROR_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(s, &q, "MIRROR_DEL", &res[(*i)++]);

	/* Reads: tables, groups and trace. */
	weft_req_init(&q, s, WEFT_CMD_TABLE_GET, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_TABLE);
	mnl_attr_put_u8(q.nlh, WEFT_TABLE_A_ID, 0);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(s, &q, "+TABLE_GET", &res[(*i)++]);
	weft_req_init(&q, s, WEFT_CMD_TABLE_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(s, &q, "+TABLE_GET dump", &res[(*i)++]);
	weft_req_init(&q, s, WEFT_CMD_GROUP_GET, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_GROUP);
	mnl_attr_put_u32(q.nlh, WEFT_GROUP_A_ID, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(s, &q, "+GROUP_GET", &res[(*i)++]);
	weft_req_init(&q, s, WEFT_CMD_GROUP_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(s, &q, "+GROUP_GET dump", &res[(*i)++]);
	weft_packet_start(&p, s, WEFT_CMD_TRACE, "wdp0", frame, len, 1);
	mnl_attr_nest_end(p.q.nlh, p.pkt);
	weft_perm_try(s, &p.q, "+TRACE", &res[(*i)++]);
}

/* Runs in a child without CAP_NET_ADMIN; reports through @fd. */
static void weft_perm_child(int fd)
{
	struct weft_perm_result res[WEFT_PERM_N];
	struct weft_nl s;
	struct weft_req q;
	struct weft_flow f;
	struct nlattr *n;
	int i = 0, err;

	memset(res, 0, sizeof(res));
	err = weft_drop_net_admin();
	if (!err)
		err = -weft_nl_open(&s);
	if (err) {
		res[0].err = -1000 - abs(err);
		snprintf(res[0].what, sizeof(res[0].what), "setup");
		if (write(fd, res, sizeof(res[0])) < 0)
			_exit(2);
		_exit(1);
	}
	weft_icmp_flow(&f);

	/* Mutating commands: EPERM, whatever their content. */
	weft_req_init(&q, &s, WEFT_CMD_DP_NEW, 0);
	weft_put_dp(q.nlh, "wdpx");
	weft_perm_try(&s, &q, "DP_NEW", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_DP_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(&s, &q, "DP_DEL", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_DP_SET, 0);
	weft_put_dp(q.nlh, "wdp0");
	mnl_attr_put_u32(q.nlh, WEFT_A_DP_FLAGS, 0);
	weft_perm_try(&s, &q, "DP_SET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "wintx");
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(&s, &q, "PORT_NEW", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_PORT_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(&s, &q, "PORT_DEL", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_PORT_SET, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(&s, &q, "PORT_SET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	f.strict = false;
	f.priority = 200;
	weft_put_flow(q.nlh, &f);
	weft_perm_try(&s, &q, "FLOW_NEW", &res[i++]);
	weft_icmp_flow(&f);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_SET, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_put_flow(q.nlh, &f);
	weft_perm_try(&s, &q, "FLOW_SET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_put_flow(q.nlh, &f);
	weft_perm_try(&s, &q, "FLOW_DEL", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_FLUSH, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(&s, &q, "FLOW_FLUSH", &res[i++]);
	weft_perm_pipeline(&s, res, &i);

	/* Reads stay open to everyone in the namespace. */
	weft_req_init(&q, &s, WEFT_CMD_DP_GET, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(&s, &q, "+DP_GET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_DP_GET, NLM_F_DUMP);
	weft_perm_try(&s, &q, "+DP_GET dump", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_PORT_GET, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_perm_try(&s, &q, "+PORT_GET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_PORT_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(&s, &q, "+PORT_GET dump", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_GET, 0);
	weft_put_dp(q.nlh, "wdp0");
	weft_put_flow(q.nlh, &f);
	weft_perm_try(&s, &q, "+FLOW_GET", &res[i++]);
	weft_req_init(&q, &s, WEFT_CMD_FLOW_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, "wdp0");
	weft_perm_try(&s, &q, "+FLOW_GET dump", &res[i++]);

	if (write(fd, res, sizeof(res[0]) * (size_t)i) < 0)
		_exit(2);
	weft_nl_close(&s);
	_exit(0);
}

/*
 * Without CAP_NET_ADMIN every mutating command fails with EPERM (checked
 * by the genetlink core, hence no extack) and changes nothing, while the
 * GETs still answer.
 */
WEFT_TEST(unprivileged)
{
	struct weft_perm_result res[WEFT_PERM_N];
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;
	int fds[2], status, i, n = 0;
	ssize_t got;
	pid_t pid;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "wint0",
				   WEFT_PORT_TYPE_INTERNAL, 1));
	weft_icmp_flow(&f);
	f.strict = false;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0", &f, NULL));
	ASSERT_EQ(0, weft_group_outputs(s, WEFT_CMD_GROUP_NEW, "wdp0", 1,
					WEFT_GROUP_TYPE_INDIRECT, 1,
					(const uint32_t []){ 1 }, NULL));

	ASSERT_EQ(0, pipe(fds));
	fflush(NULL);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(fds[0]);
		weft_perm_child(fds[1]);
	}
	close(fds[1]);
	memset(res, 0, sizeof(res));
	while (n < (int)sizeof(res) &&
	       (got = read(fds[0], (char *)res + n, sizeof(res) - n)) > 0)
		n += (int)got;
	close(fds[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_LT(0, n);
	ASSERT_STRNE("setup", res[0].what)
		TH_LOG("child setup failed: %s", strerror(-res[0].err - 1000));
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_EQ(WEFT_PERM_USED, n / (int)sizeof(res[0]));

	for (i = 0; i < n / (int)sizeof(res[0]); i++) {
		if (res[i].what[0] == '+') {
			EXPECT_EQ(0, res[i].err)
				TH_LOG("%s: %s", res[i].what + 1,
				       strerror(res[i].err));
			EXPECT_LE(1, res[i].n) TH_LOG("%s: no reply",
						      res[i].what + 1);
		} else {
			EXPECT_EQ(EPERM, res[i].err)
				TH_LOG("%s: %s", res[i].what,
				       strerror(res[i].err));
		}
	}

	/* Nothing changed. */
	EXPECT_EQ(0, if_nametoindex("wdpx"));
	EXPECT_EQ(0, if_nametoindex("wintx"));
	ASSERT_NLOK(weft_dp_get(s, "wdp0", r), r);
	EXPECT_EQ(2, DP_U(r, WEFT_A_DP_N_PORTS));
	EXPECT_EQ(1, DP_U(r, WEFT_A_DP_N_FLOWS));
	EXPECT_EQ(1, weft_flow_count(s, "wdp0"));
	/* No packet went anywhere: the PACKET_OUT did not run. */
	EXPECT_EQ(0, weft_u(weft_getv(r->msgs[0], 2, WEFT_A_DP_STATS,
				      WEFT_DP_STATS_A_LOOKUPS)));
	ASSERT_NLOK(weft_group_dump(s, "wdp0", r), r);
	EXPECT_EQ(1, r->n);
	ASSERT_NLOK(weft_table_get(s, "wdp0", 0, r), r);
	EXPECT_EQ(WEFT_TABLE_MISS_DROP,
		  weft_u(weft_getv(r->msgs[0], 2, WEFT_A_TABLE,
				   WEFT_TABLE_A_MISS)));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
