// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: OpenFlow groups.  New/set/del/get/dump,
 * EEXIST/ENOENT, indirect groups' single bucket, bucket validation,
 * chaining (to existing groups only, no loops), EBUSY for a group another
 * group uses, and the removal of the flows that use a deleted group, with
 * their FLOW_REMOVED events (reason GROUP_DELETE).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

#define DP "wdp0"
#define GROUP_A(m, type) weft_getv((m), 2, WEFT_A_GROUP, (type))

static void setup_dp(struct __test_metadata *_metadata, struct weft_nl *s)
{
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint1", WEFT_PORT_TYPE_INTERNAL, 1));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint2", WEFT_PORT_TYPE_INTERNAL, 2));
}

static int new_group(struct weft_nl *s, uint32_t id, uint32_t type, int n,
		     const uint32_t *ports)
{
	return weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, id, type, n,
				  ports, NULL);
}

/* Group @id whose only bucket chains to group @to. */
static int chain_group(struct weft_nl *s, uint8_t cmd, uint32_t id,
		       uint32_t to, struct weft_reply *r)
{
	struct weft_greq g;

	weft_group_start(&g, s, cmd, DP, id, WEFT_GROUP_TYPE_INDIRECT);
	weft_bucket_start(&g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
	weft_act_group(g.q.nlh, to);
	return weft_group_send(&g, s, r);
}

/* An ip flow with cookie @cookie whose apply list is group:@id. */
static void group_flow(struct weft_flow *f, struct weft_attrs *a,
		       uint64_t cookie, uint32_t id, uint32_t flags)
{
	struct nlattr *n;

	weft_attrs_init(a);
	n = mnl_attr_nest_start(a->nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_group(a->nlh, id);
	mnl_attr_nest_end(a->nlh, n);
	weft_flow_init(f, 0, (int)(100 + cookie));
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f->has_cookie = true;
	f->cookie = cookie;
	f->has_flags = true;
	f->flags = flags;
	f->inst = a;
}

WEFT_TEST(group_new_get_dump_del)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	const struct nlattr *b, *st;
	struct weft_greq g;
	int n = 0;

	setup_dp(_metadata, s);
	weft_group_start(&g, s, WEFT_CMD_GROUP_NEW, DP, 10,
			 WEFT_GROUP_TYPE_SELECT);
	weft_bucket_start(&g, 3, WEFT_PORT_ANY, WEFT_GROUP_ANY);
	weft_act_output(g.q.nlh, 1);
	weft_bucket_start(&g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
	weft_act_output(g.q.nlh, 2);
	ASSERT_NLOK(weft_group_send(&g, s, r), r);
	ASSERT_EQ(0, new_group(s, 11, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 1 }));

	ASSERT_NLOK(weft_group_get(s, DP, 10, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(10, weft_u(GROUP_A(r->msgs[0], WEFT_GROUP_A_ID)));
	EXPECT_EQ(WEFT_GROUP_TYPE_SELECT,
		  weft_u(GROUP_A(r->msgs[0], WEFT_GROUP_A_TYPE)));
	mnl_attr_for_each_nested(b, GROUP_A(r->msgs[0], WEFT_GROUP_A_BUCKETS)) {
		EXPECT_EQ(WEFT_GROUP_A_BUCKET, mnl_attr_get_type(b));
		/* Weight 1 when absent; watch ANY when absent. */
		EXPECT_EQ(n ? 1 : 3,
			  weft_u(weft_nested(b, WEFT_BUCKET_A_WEIGHT)));
		EXPECT_EQ((uint32_t)n + 1,
			  weft_u(weft_nested(weft_nested(b,
					WEFT_BUCKET_A_ACTIONS),
					WEFT_ACT_A_OUTPUT)));
		EXPECT_NE(NULL, weft_nested(b, WEFT_BUCKET_A_STATS));
		n++;
	}
	EXPECT_EQ(2, n);
	st = GROUP_A(r->msgs[0], WEFT_GROUP_A_STATS);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_GSTATS_A_PACKETS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_GSTATS_A_REF_COUNT)));
	EXPECT_NE(NULL, weft_nested(st, WEFT_GSTATS_A_DURATION));

	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_FALSE(r->dump_intr);
	ASSERT_EQ(2, r->n);
	EXPECT_EQ(10, weft_u(GROUP_A(r->msgs[0], WEFT_GROUP_A_ID)));
	EXPECT_EQ(11, weft_u(GROUP_A(r->msgs[1], WEFT_GROUP_A_ID)));

	ASSERT_NLOK(weft_group_del(s, DP, 10, r), r);
	weft_group_get(s, DP, 10, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_GROUP_A_ID"));
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	ASSERT_EQ(1, r->n);
	/* WEFT_GROUP_ALL deletes the rest. */
	ASSERT_NLOK(weft_group_del(s, DP, WEFT_GROUP_ALL, r), r);
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_EQ(0, r->n);
}

WEFT_TEST(group_exists_and_missing)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;

	setup_dp(_metadata, s);
	ASSERT_EQ(0, new_group(s, 1, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 1 }));
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1, WEFT_GROUP_TYPE_ALL,
			   2, (const uint32_t []){ 1, 2 }, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_NAMES("WEFT_GROUP_A_ID"));
	weft_group_outputs(s, WEFT_CMD_GROUP_SET, DP, 2, WEFT_GROUP_TYPE_ALL,
			   1, (const uint32_t []){ 1 }, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_GROUP_A_ID"));
	weft_group_get(s, DP, 2, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_GROUP_A_ID"));

	/* SET replaces type and buckets. */
	ASSERT_NLOK(weft_group_outputs(s, WEFT_CMD_GROUP_SET, DP, 1,
				       WEFT_GROUP_TYPE_SELECT, 2,
				       (const uint32_t []){ 2, 1 }, r), r);
	ASSERT_NLOK(weft_group_get(s, DP, 1, r), r);
	EXPECT_EQ(WEFT_GROUP_TYPE_SELECT,
		  weft_u(GROUP_A(r->msgs[0], WEFT_GROUP_A_TYPE)));
	EXPECT_EQ(2, weft_nested_count(GROUP_A(r->msgs[0],
					       WEFT_GROUP_A_BUCKETS)));
	EXPECT_EQ(2, weft_u(weft_nested(weft_nested(weft_nested(
		GROUP_A(r->msgs[0], WEFT_GROUP_A_BUCKETS),
		WEFT_GROUP_A_BUCKET), WEFT_BUCKET_A_ACTIONS),
		WEFT_ACT_A_OUTPUT)));
}

WEFT_TEST(group_indirect_has_one_bucket)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;

	setup_dp(_metadata, s);
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1,
			   WEFT_GROUP_TYPE_INDIRECT, 0, NULL, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_BUCKETS"));
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1,
			   WEFT_GROUP_TYPE_INDIRECT, 2,
			   (const uint32_t []){ 1, 2 }, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_BUCKETS"));
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_EQ(0, r->n);
	ASSERT_NLOK(weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1,
				       WEFT_GROUP_TYPE_INDIRECT, 1,
				       (const uint32_t []){ 2 }, r), r);
	/* A SET to indirect is held to the same rule. */
	weft_group_outputs(s, WEFT_CMD_GROUP_SET, DP, 1,
			   WEFT_GROUP_TYPE_INDIRECT, 2,
			   (const uint32_t []){ 1, 2 }, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_BUCKETS"));
}

WEFT_TEST(group_validation)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint32_t ports[WEFT_BUCKETS_MAX + 1];
	struct weft_greq g;
	int i;

	setup_dp(_metadata, s);
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, WEFT_GROUP_MAX + 1,
			   WEFT_GROUP_TYPE_ALL, 1, (const uint32_t []){ 1 }, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE), WEFT_NAMES("WEFT_GROUP_A_ID"));
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1,
			   WEFT_GROUP_TYPE_MAX + 1, 1, (const uint32_t []){ 1 },
			   r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_GROUP_A_TYPE"));
	weft_group_start(&g, s, WEFT_CMD_GROUP_NEW, DP, 1, -1);
	weft_group_send(&g, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_TYPE"));
	weft_group_start(&g, s, WEFT_CMD_GROUP_NEW, DP, -1,
			 WEFT_GROUP_TYPE_ALL);
	weft_group_send(&g, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_ID"));
	for (i = 0; i <= WEFT_BUCKETS_MAX; i++)
		ports[i] = 1;
	weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1, WEFT_GROUP_TYPE_ALL,
			   WEFT_BUCKETS_MAX + 1, ports, r);
	ASSERT_NLERR(r, WEFT_ERRS(E2BIG, EINVAL),
		     WEFT_NAMES("WEFT_GROUP_A_BUCKETS"));
	/* Read-only statistics cannot be given. */
	weft_group_start(&g, s, WEFT_CMD_GROUP_NEW, DP, 1, WEFT_GROUP_TYPE_ALL);
	{
		struct nlattr *n = mnl_attr_nest_start(g.q.nlh,
						       WEFT_GROUP_A_STATS);

		mnl_attr_nest_end(g.q.nlh, n);
	}
	weft_group_send(&g, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_GROUP_A_STATS"));
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_EQ(0, r->n);
	ASSERT_NLOK(weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP, 1,
				       WEFT_GROUP_TYPE_ALL, WEFT_BUCKETS_MAX,
				       ports, r), r);
	ASSERT_NLOK(weft_group_outputs(s, WEFT_CMD_GROUP_NEW, DP,
				       WEFT_GROUP_MAX, WEFT_GROUP_TYPE_ALL, 1,
				       ports, r), r);
}

WEFT_TEST(group_chain_and_loops)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;

	setup_dp(_metadata, s);
	/* To a group that does not exist (itself included). */
	chain_group(s, WEFT_CMD_GROUP_NEW, 1, 2, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_ACT_A_GROUP"));
	chain_group(s, WEFT_CMD_GROUP_NEW, 1, 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ELOOP),
		     WEFT_NAMES("WEFT_ACT_A_GROUP", "WEFT_GROUP_A_BUCKET",
				"WEFT_BUCKET_A_ACTIONS"));
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_EQ(0, r->n);

	/* 3 -> 2 -> 1 -> output:1 */
	ASSERT_EQ(0, new_group(s, 1, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 1 }));
	ASSERT_NLOK(chain_group(s, WEFT_CMD_GROUP_NEW, 2, 1, r), r);
	ASSERT_NLOK(chain_group(s, WEFT_CMD_GROUP_NEW, 3, 2, r), r);
	/* 1 -> 3 would close the loop; so would 1 -> 1. */
	chain_group(s, WEFT_CMD_GROUP_SET, 1, 3, r);
	ASSERT_NLERR(r, WEFT_ERRS(ELOOP),
		     WEFT_NAMES("WEFT_GROUP_A_BUCKET", "WEFT_BUCKET_A_ACTIONS",
				"WEFT_ACT_A_GROUP"));
	chain_group(s, WEFT_CMD_GROUP_SET, 1, 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(ELOOP),
		     WEFT_NAMES("WEFT_GROUP_A_BUCKET", "WEFT_BUCKET_A_ACTIONS",
				"WEFT_ACT_A_GROUP"));
	/* Group 1 is unchanged: an ALL group with output:1. */
	ASSERT_NLOK(weft_group_get(s, DP, 1, r), r);
	EXPECT_EQ(WEFT_GROUP_TYPE_ALL,
		  weft_u(GROUP_A(r->msgs[0], WEFT_GROUP_A_TYPE)));
	/* Each group is used once: by the next one's bucket. */
	EXPECT_EQ(1, weft_u(weft_nested(GROUP_A(r->msgs[0],
						WEFT_GROUP_A_STATS),
					WEFT_GSTATS_A_REF_COUNT)));
}

WEFT_TEST(group_del_in_use_is_ebusy)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;

	setup_dp(_metadata, s);
	ASSERT_EQ(0, new_group(s, 1, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 1 }));
	ASSERT_NLOK(chain_group(s, WEFT_CMD_GROUP_NEW, 2, 1, r), r);
	weft_group_del(s, DP, 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EBUSY), WEFT_NAMES("WEFT_GROUP_A_ID"));
	ASSERT_NLOK(weft_group_get(s, DP, 1, r), r);
	ASSERT_NLOK(weft_group_del(s, DP, 2, r), r);
	ASSERT_NLOK(weft_group_del(s, DP, 1, r), r);
	ASSERT_NLOK(weft_group_dump(s, DP, r), r);
	EXPECT_EQ(0, r->n);
}

/*
 * Deleting a group removes the flows that use it; those with
 * SEND_FLOW_REM are reported on "events" with reason GROUP_DELETE.
 */
WEFT_TEST(group_del_removes_flows)
{
	struct weft_reply *r = &self->r, *ev;
	struct weft_nl *s = &self->s, evs;
	struct weft_attrs a1, a2, a3;
	struct weft_flow f;
	const struct nlmsghdr *m;
	const struct nlattr *key;

	setup_dp(_metadata, s);
	ASSERT_EQ(0, weft_nl_open(&evs));
	ASSERT_EQ(0, weft_nl_join_events(&evs));
	ASSERT_EQ(0, new_group(s, 5, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 1 }));
	ASSERT_EQ(0, new_group(s, 6, WEFT_GROUP_TYPE_ALL, 1,
			       (const uint32_t []){ 2 }));
	group_flow(&f, &a1, 0xa, 5, WEFT_FLOW_F_SEND_FLOW_REM);
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);
	group_flow(&f, &a2, 0xb, 5, 0);
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);
	group_flow(&f, &a3, 0xc, 6, WEFT_FLOW_F_SEND_FLOW_REM);
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);
	/* A write list naming the group counts too. */
	weft_attrs_init(&a3);
	{
		struct nlattr *n = mnl_attr_nest_start(a3.nlh,
						WEFT_INST_A_WRITE_ACTIONS);

		weft_act_group(a3.nlh, 5);
		mnl_attr_nest_end(a3.nlh, n);
	}
	weft_flow_init(&f, 1, 10);
	f.has_cookie = true;
	f.cookie = 0xd;
	f.inst = &a3;
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);
	ASSERT_EQ(4, weft_flow_count(s, DP));
	ASSERT_NLOK(weft_group_get(s, DP, 5, r), r);
	EXPECT_EQ(3, weft_u(weft_nested(GROUP_A(r->msgs[0],
						WEFT_GROUP_A_STATS),
					WEFT_GSTATS_A_REF_COUNT)));

	ASSERT_NLOK(weft_group_del(s, DP, 5, r), r);
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_NE(NULL, weft_find_cookie(r, 0xc));

	ev = malloc(sizeof(*ev));
	ASSERT_NE(NULL, ev);
	/* Exactly one event (0xa): 0xb and 0xd did not ask for one. */
	weft_recv_cmd(&evs, WEFT_CMD_FLOW_REMOVED, 0, 1000, ev);
	ASSERT_EQ(1, ev->n);
	m = ev->msgs[0];
	EXPECT_EQ(0xa, weft_u(weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_COOKIE)));
	EXPECT_EQ(WEFT_FLOW_REMOVED_GROUP_DELETE,
		  weft_u(weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_REASON)));
	EXPECT_EQ(110, weft_u(weft_getv(m, 2, WEFT_A_FLOW,
					WEFT_FLOW_A_PRIORITY)));
	key = weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_KEY);
	EXPECT_EQ(htons(0x0800), weft_u(weft_nested(key, WEFT_KEY_A_ETH_TYPE)));
	EXPECT_STREQ(DP, weft_str(weft_getv(m, 1, WEFT_A_DP_NAME)));

	/* WEFT_GROUP_ALL takes the last flow, with its event. */
	ASSERT_NLOK(weft_group_del(s, DP, WEFT_GROUP_ALL, r), r);
	EXPECT_EQ(0, weft_flow_count(s, DP));
	weft_recv_cmd(&evs, WEFT_CMD_FLOW_REMOVED, 1, 2000, ev);
	ASSERT_EQ(1, ev->n);
	EXPECT_EQ(0xc, weft_u(weft_getv(ev->msgs[0], 2, WEFT_A_FLOW,
					WEFT_FLOW_A_COOKIE)));
	EXPECT_EQ(WEFT_FLOW_REMOVED_GROUP_DELETE,
		  weft_u(weft_getv(ev->msgs[0], 2, WEFT_A_FLOW,
				   WEFT_FLOW_A_REASON)));
	free(ev);
	weft_nl_close(&evs);
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
