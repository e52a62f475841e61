// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: flows.  Add/replace/get/dump/modify/delete/
 * flush with OpenFlow's strict and non-strict selection.  The match
 * validation rules are in weft_nl_match.c.
 *
 * Flows here never see a packet (no port is up); their packet behaviour
 * is tested by forwarding.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

#define FLOW_A(m, type)	weft_getv((m), 2, WEFT_A_FLOW, (type))
#define FLOW_U(m, type)	weft_u(FLOW_A(m, type))

/* in_port=@in, ip, icmp, cookie @cookie, priority @prio -> output:@out */
static void weft_icmp(struct weft_flow *f, int table, int prio, uint32_t in,
		      uint64_t cookie, uint32_t out)
{
	weft_flow_init(f, table, prio);
	weft_match_icmp(f, in);
	f->has_cookie = true;
	f->cookie = cookie;
	weft_output(f, out);
}

/* in_port=@in, ip (no nw_proto). */
static void weft_ip(struct weft_flow *f, int table, int prio, uint32_t in,
		    uint64_t cookie, uint32_t out)
{
	weft_flow_init(f, table, prio);
	weft_match_u32(f, WEFT_KEY_A_IN_PORT, in);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f->has_cookie = true;
	f->cookie = cookie;
	weft_output(f, out);
}

static int weft_add(struct weft_nl *s, const struct weft_flow *f)
{
	return weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0", f, NULL);
}

/* Output port of the flow with @cookie in a dump, UINT32_MAX if absent. */
static uint32_t weft_output_of(struct weft_nl *s, struct weft_reply *r,
			       uint64_t cookie)
{
	const struct nlmsghdr *m;

	if (weft_flow_dump(s, "wdp0", -1, r))
		return UINT32_MAX - 1;
	m = weft_find_cookie(r, cookie);
	return m ? weft_flow_output(m) : UINT32_MAX;
}

/* Every flow test works on datapath wdp0. */
#define WDP0(s) ASSERT_EQ(0, weft_dp_new((s), "wdp0"))

WEFT_TEST(flow_new_get)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	const struct nlattr *key, *st;
	const struct nlmsghdr *m;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x1234, 2);
	ASSERT_EQ(0, weft_add(s, &f));

	f.strict = true;
	ASSERT_NLOK(weft_flow_cmd(s, WEFT_CMD_FLOW_GET, 0, "wdp0", &f, r), r);
	ASSERT_EQ(1, r->n);
	m = r->msgs[0];
	EXPECT_EQ(0, FLOW_U(m, WEFT_FLOW_A_TABLE));
	EXPECT_EQ(100, FLOW_U(m, WEFT_FLOW_A_PRIORITY));
	EXPECT_EQ(0x1234, FLOW_U(m, WEFT_FLOW_A_COOKIE));
	EXPECT_EQ(0, FLOW_U(m, WEFT_FLOW_A_FLAGS));
	EXPECT_EQ(2, weft_flow_output(m));
	key = FLOW_A(m, WEFT_FLOW_A_KEY);
	ASSERT_NE(NULL, key);
	EXPECT_EQ(3, weft_nested_count(key));
	EXPECT_EQ(1, weft_u(weft_nested(key, WEFT_KEY_A_IN_PORT)));
	EXPECT_EQ(htons(0x0800), weft_u(weft_nested(key, WEFT_KEY_A_ETH_TYPE)));
	EXPECT_EQ(1, weft_u(weft_nested(key, WEFT_KEY_A_IP_PROTO)));
	st = FLOW_A(m, WEFT_FLOW_A_STATS);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_FLOW_STATS_A_PACKETS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_FLOW_STATS_A_BYTES)));
	EXPECT_NE(NULL, FLOW_A(m, WEFT_FLOW_A_DURATION));
	EXPECT_EQ(NULL, FLOW_A(m, WEFT_FLOW_A_USED)) TH_LOG("never hit");

	ASSERT_NLOK(weft_dp_get(s, "wdp0", r), r);
	EXPECT_EQ(1, weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_N_FLOWS)));
}

WEFT_TEST(flow_masked_field)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	const struct nlmsghdr *m;
	struct weft_flow f;

	WDP0(s);
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000000, 0xffffff00);
	weft_output(&f, 1);
	ASSERT_EQ(0, weft_add(s, &f));
	f.strict = true;
	ASSERT_NLOK(weft_flow_cmd(s, WEFT_CMD_FLOW_GET, 0, "wdp0", &f, r), r);
	ASSERT_EQ(1, r->n);
	m = r->msgs[0];
	EXPECT_EQ(htonl(0x0a000000),
		  weft_u(weft_getv(m, 3, WEFT_A_FLOW, WEFT_FLOW_A_KEY,
				   WEFT_KEY_A_IPV4_DST)));
	EXPECT_EQ(htonl(0xffffff00),
		  weft_u(weft_getv(m, 3, WEFT_A_FLOW, WEFT_FLOW_A_MASK,
				   WEFT_KEY_A_IPV4_DST)));
	/* Only fields present in KEY may appear in MASK. */
	EXPECT_EQ(NULL, weft_getv(m, 3, WEFT_A_FLOW, WEFT_FLOW_A_MASK,
				  WEFT_KEY_A_IN_PORT));
}

WEFT_TEST(flow_dump_tables)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 1, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 0, 100, 2, 2, 1);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 1, 100, 1, 3, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, WEFT_TABLE_MAX, 100, 1, 4, 2);
	ASSERT_EQ(0, weft_add(s, &f));

	ASSERT_NLOK(weft_flow_dump(s, "wdp0", -1, r), r);
	EXPECT_FALSE(r->dump_intr);
	EXPECT_EQ(4, r->n);
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", 1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(1, FLOW_U(r->msgs[0], WEFT_FLOW_A_TABLE));
	EXPECT_EQ(3, FLOW_U(r->msgs[0], WEFT_FLOW_A_COOKIE));
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", WEFT_TABLE_MAX, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(4, FLOW_U(r->msgs[0], WEFT_FLOW_A_COOKIE));
}

/* Same table, priority and match: replace, unless WEFT_FLOW_A_EXCL. */
WEFT_TEST(flow_replace_and_excl)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x10, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 0, 100, 1, 0x11, 3);
	ASSERT_EQ(0, weft_add(s, &f));
	EXPECT_EQ(1, weft_flow_count(s, "wdp0"));
	EXPECT_EQ(3, weft_output_of(s, r, 0x11));

	weft_icmp(&f, 0, 100, 1, 0x12, 4);
	f.excl = true;
	weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_FLOW_OBJ_NAMES);
	EXPECT_EQ(3, weft_output_of(s, r, 0x11));

	/* Another priority is another flow. */
	weft_icmp(&f, 0, 101, 1, 0x13, 4);
	f.excl = true;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0",
				   &f, NULL));
	EXPECT_EQ(2, weft_flow_count(s, "wdp0"));
}

WEFT_TEST(flow_set_strict)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x1, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 0, 200, 1, 0x2, 2);
	ASSERT_EQ(0, weft_add(s, &f));

	weft_icmp(&f, 0, 100, 1, 0x1, 5);
	f.strict = true;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, "wdp0", &f, NULL));
	EXPECT_EQ(5, weft_output_of(s, r, 0x1));
	EXPECT_EQ(2, weft_output_of(s, r, 0x2));

	weft_icmp(&f, 0, 99, 1, 0x1, 6);
	f.strict = true;
	weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, "wdp0", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_FLOW_OBJ_NAMES);
	EXPECT_EQ(5, weft_output_of(s, r, 0x1));
}

/* Non-strict: every flow at least as specific as the request's match. */
WEFT_TEST(flow_set_nonstrict)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x1, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_ip(&f, 0, 200, 1, 0x2, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_ip(&f, 0, 100, 2, 0x3, 1);
	ASSERT_EQ(0, weft_add(s, &f));

	weft_flow_init(&f, 0, -1);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 1);
	weft_output(&f, 9);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, "wdp0", &f, NULL));
	EXPECT_EQ(9, weft_output_of(s, r, 0x1));
	EXPECT_EQ(9, weft_output_of(s, r, 0x2));
	EXPECT_EQ(1, weft_output_of(s, r, 0x3));

	weft_flow_init(&f, 0, -1);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 3);
	weft_output(&f, 9);
	weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, "wdp0", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_FLOW_OBJ_NAMES);

	/* Cookie/mask narrows the selection: only cookie 0x3. */
	weft_flow_init(&f, 0, -1);
	f.has_cookie = f.has_cookie_mask = true;
	f.cookie = 0x3;
	f.cookie_mask = 0xff;
	weft_output(&f, 7);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, "wdp0", &f, NULL));
	EXPECT_EQ(9, weft_output_of(s, r, 0x1));
	EXPECT_EQ(9, weft_output_of(s, r, 0x2));
	EXPECT_EQ(7, weft_output_of(s, r, 0x3));
}

WEFT_TEST(flow_del_strict)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x1, 2);
	ASSERT_EQ(0, weft_add(s, &f));

	weft_icmp(&f, 0, 99, 1, 0x1, 2);
	f.strict = true;
	f.no_inst = true;	/* a delete carries no instructions */
	weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_FLOW_OBJ_NAMES);
	EXPECT_EQ(1, weft_flow_count(s, "wdp0"));

	weft_icmp(&f, 0, 100, 1, 0x1, 2);
	f.strict = true;
	f.no_inst = true;	/* a delete carries no instructions */
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	EXPECT_EQ(0, weft_flow_count(s, "wdp0"));
	weft_flow_cmd(s, WEFT_CMD_FLOW_GET, 0, "wdp0", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_FLOW_OBJ_NAMES);
}

WEFT_TEST(flow_del_nonstrict)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x1, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_ip(&f, 0, 200, 1, 0x2, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_ip(&f, 0, 100, 2, 0x3, 1);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 1, 100, 1, 0x4, 2);
	ASSERT_EQ(0, weft_add(s, &f));

	/* ip,icmp: only 0x1 in table 0 is that specific. */
	weft_flow_init(&f, -1, -1);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 1);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", -1, r), r);
	EXPECT_EQ(3, r->n);
	EXPECT_EQ(NULL, weft_find_cookie(r, 0x1));

	/* in_port=1 in table 0: 0x2; 0x4 is in table 1. */
	weft_flow_init(&f, 0, -1);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 1);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", -1, r), r);
	EXPECT_EQ(2, r->n);
	EXPECT_NE(NULL, weft_find_cookie(r, 0x3));
	EXPECT_NE(NULL, weft_find_cookie(r, 0x4));

	/* Deleting nothing non-strictly succeeds. */
	weft_flow_init(&f, 0, -1);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 9);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	EXPECT_EQ(2, weft_flow_count(s, "wdp0"));

	weft_flow_init(&f, WEFT_TABLE_ALL, -1);
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	EXPECT_EQ(0, weft_flow_count(s, "wdp0"));
}

WEFT_TEST(flow_del_out_port_and_cookie)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 0x110, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 0, 100, 2, 0x210, 3);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 0, 100, 3, 0x111, 3);
	ASSERT_EQ(0, weft_add(s, &f));

	weft_flow_init(&f, 0, -1);
	f.has_out_port = true;
	f.out_port = 2;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", -1, r), r);
	EXPECT_EQ(2, r->n);
	EXPECT_EQ(NULL, weft_find_cookie(r, 0x110));

	weft_flow_init(&f, 0, -1);
	f.has_cookie = f.has_cookie_mask = true;
	f.cookie = 0x10;
	f.cookie_mask = 0xff;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, "wdp0", &f, NULL));
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", -1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_NE(NULL, weft_find_cookie(r, 0x111));
}

WEFT_TEST(flow_flush)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;

	WDP0(s);
	weft_icmp(&f, 0, 100, 1, 1, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	weft_icmp(&f, 3, 100, 1, 2, 2);
	ASSERT_EQ(0, weft_add(s, &f));
	EXPECT_EQ(2, weft_flow_count(s, "wdp0"));
	ASSERT_EQ(0, weft_flow_flush(s, "wdp0"));
	EXPECT_EQ(0, weft_flow_count(s, "wdp0"));
	ASSERT_NLOK(weft_dp_get(s, "wdp0", r), r);
	EXPECT_EQ(0, weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_N_FLOWS)));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
