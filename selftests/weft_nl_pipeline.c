// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: the pipeline as a whole.  Tables (get, a dump
 * of all of them, miss behaviour and max_len), WEFT_CMD_TRACE through a
 * multi-table pipeline and through misses, and bundles (all or nothing,
 * the extack pointing at the failing op).
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
#define TABLE_U(m, type) weft_u(weft_getv((m), 2, WEFT_A_TABLE, (type)))

static const uint8_t mac1[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t mac2[6] = { 2, 0, 0, 0, 0, 2 };

static void setup_dp(struct __test_metadata *_metadata, struct weft_nl *s)
{
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint1", WEFT_PORT_TYPE_INTERNAL, 1));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint3", WEFT_PORT_TYPE_INTERNAL, 3));
}

static size_t udp_frame(uint8_t *buf)
{
	return weft_frame_ipv4(buf, mac2, mac1, 0x0a000001, 0x0a000002, 17,
			       1000, 2000, 32);
}

/* Tables ------------------------------------------------------------------ */

WEFT_TEST(table_get_defaults)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	int id;

	ASSERT_EQ(0, weft_dp_new(s, DP));
	for (id = 0; id <= WEFT_TABLE_MAX; id += WEFT_TABLE_MAX) {
		ASSERT_NLOK(weft_table_get(s, DP, id, r), r);
		ASSERT_EQ(1, r->n);
		EXPECT_EQ(id, TABLE_U(r->msgs[0], WEFT_TABLE_A_ID));
		EXPECT_EQ(WEFT_TABLE_MISS_DROP,
			  TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS));
		EXPECT_EQ(WEFT_CTRL_NO_BUFFER,
			  TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS_MAX_LEN));
		EXPECT_EQ(0, TABLE_U(r->msgs[0], WEFT_TABLE_A_N_FLOWS));
		EXPECT_EQ(0, TABLE_U(r->msgs[0], WEFT_TABLE_A_LOOKUPS));
		EXPECT_EQ(0, TABLE_U(r->msgs[0], WEFT_TABLE_A_MATCHES));
	}
	/* 255 is WEFT_TABLE_ALL, a selector, not a table. */
	weft_table_get(s, DP, WEFT_TABLE_ALL, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_TABLE_A_ID"));
	weft_table_get(s, DP, -1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_TABLE_A_ID"));
	weft_table_get(s, "nodp", 0, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));
}

WEFT_TEST(table_dump_all)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_flow f;
	int i;

	ASSERT_EQ(0, weft_dp_new(s, DP));
	weft_flow_init(&f, 7, 1);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_NLOK(weft_table_dump(s, DP, r), r);
	EXPECT_FALSE(r->dump_intr);
	ASSERT_EQ(WEFT_TABLE_MAX + 1, r->n);
	for (i = 0; i < r->n; i++) {
		EXPECT_EQ(i, TABLE_U(r->msgs[i], WEFT_TABLE_A_ID));
		EXPECT_EQ(i == 7 ? 1 : 0,
			  TABLE_U(r->msgs[i], WEFT_TABLE_A_N_FLOWS));
		EXPECT_EQ(WEFT_TABLE_MISS_DROP,
			  TABLE_U(r->msgs[i], WEFT_TABLE_A_MISS));
	}
}

WEFT_TEST(table_set_miss)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n;

	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_NLOK(weft_table_set(s, DP, 3, WEFT_TABLE_MISS_CONTROLLER, 128,
				   r), r);
	ASSERT_NLOK(weft_table_get(s, DP, 3, r), r);
	EXPECT_EQ(WEFT_TABLE_MISS_CONTROLLER,
		  TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS));
	EXPECT_EQ(128, TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS_MAX_LEN));
	/* Either attribute alone leaves the other. */
	ASSERT_NLOK(weft_table_set(s, DP, 3, -1, 0xffff, r), r);
	ASSERT_NLOK(weft_table_set(s, DP, 3, WEFT_TABLE_MISS_CONTINUE, -1, r),
		    r);
	ASSERT_NLOK(weft_table_get(s, DP, 3, r), r);
	EXPECT_EQ(WEFT_TABLE_MISS_CONTINUE,
		  TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS));
	EXPECT_EQ(0xffff, TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS_MAX_LEN));
	/* The other tables are untouched. */
	ASSERT_NLOK(weft_table_get(s, DP, 2, r), r);
	EXPECT_EQ(WEFT_TABLE_MISS_DROP, TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS));

	weft_table_set(s, DP, 3, WEFT_TABLE_MISS_MAX + 1, -1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_TABLE_A_MISS"));
	weft_table_set(s, DP, -1, WEFT_TABLE_MISS_DROP, -1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_TABLE_A_ID"));
	weft_table_set(s, DP, WEFT_TABLE_ALL, WEFT_TABLE_MISS_DROP, -1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_TABLE_A_ID"));
	/* Counters are read-only. */
	weft_req_init(&q, s, WEFT_CMD_TABLE_SET, 0);
	weft_put_dp(q.nlh, DP);
	n = mnl_attr_nest_start(q.nlh, WEFT_A_TABLE);
	mnl_attr_put_u8(q.nlh, WEFT_TABLE_A_ID, 3);
	mnl_attr_put_u32(q.nlh, WEFT_TABLE_A_N_FLOWS, 5);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_TABLE_A_N_FLOWS"));
	ASSERT_NLOK(weft_table_get(s, DP, 3, r), r);
	EXPECT_EQ(WEFT_TABLE_MISS_CONTINUE,
		  TABLE_U(r->msgs[0], WEFT_TABLE_A_MISS));
	EXPECT_EQ(0, TABLE_U(r->msgs[0], WEFT_TABLE_A_N_FLOWS));
}

/* Trace ------------------------------------------------------------------- */

/*
 * table 0: in_port=1,ip -> write_metadata:0x42, goto 1
 * table 1: metadata=0x42,ip -> set nw_dst=10.9.9.9, goto 2
 * table 2: no flow, miss = CONTINUE
 * table 3: ip,nw_dst=10.9.9.9 -> output:3
 */
static void multi_table(struct __test_metadata *_metadata, struct weft_nl *s,
			struct weft_reply *r)
{
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;

	weft_attrs_init(&a);
	weft_inst_meta(&a, 0x42, 0, false);
	weft_inst_goto(&a, 1);
	weft_flow_init(&f, 0, 20);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 1);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f.has_cookie = true;
	f.cookie = 0x10;
	f.inst = &a;
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);

	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_DST, 0x0a090909);
	mnl_attr_nest_end(a.nlh, n);
	weft_inst_goto(&a, 2);
	weft_flow_init(&f, 1, 30);
	weft_match(&f, WEFT_KEY_A_METADATA, &(uint64_t){ 0x42 }, NULL, 8);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f.has_cookie = true;
	f.cookie = 0x11;
	f.inst = &a;
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);

	ASSERT_NLOK(weft_table_set(s, DP, 2, WEFT_TABLE_MISS_CONTINUE, -1, r),
		    r);

	weft_flow_init(&f, 3, 40);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a090909, 0);
	f.has_cookie = true;
	f.cookie = 0x13;
	weft_output(&f, 3);
	ASSERT_NLOK(weft_flow_add(s, DP, &f, r), r);
}

static void check_multi_table_trace(struct __test_metadata *_metadata,
				    const struct nlmsghdr *m)
{
	static const struct {
		int table, prio, cookie, miss;
	} want[] = {
		{ 0, 20, 0x10, -1 }, { 1, 30, 0x11, -1 },
		{ 2, -1, -1, WEFT_TABLE_MISS_CONTINUE }, { 3, 40, 0x13, -1 },
	};
	const struct nlattr *steps[8], *key;
	uint32_t out[4];
	int i, n;

	n = weft_trace_steps(m, steps, 8);
	ASSERT_EQ(4, n);
	for (i = 0; i < n; i++) {
		const struct nlattr *flow = weft_nested(steps[i],
							WEFT_STEP_A_FLOW);

		EXPECT_EQ(want[i].table,
			  weft_u(weft_nested(steps[i], WEFT_STEP_A_TABLE)))
			TH_LOG("step %d", i);
		if (want[i].miss >= 0) {
			EXPECT_EQ(NULL, flow) TH_LOG("step %d", i);
			EXPECT_EQ(want[i].miss,
				  weft_u(weft_nested(steps[i],
						     WEFT_STEP_A_MISS)))
				TH_LOG("step %d", i);
			continue;
		}
		ASSERT_NE(NULL, flow) TH_LOG("step %d: no flow", i);
		EXPECT_EQ(want[i].prio,
			  weft_u(weft_nested(flow, WEFT_FLOW_A_PRIORITY)))
			TH_LOG("step %d", i);
		EXPECT_EQ(want[i].cookie,
			  weft_u(weft_nested(flow, WEFT_FLOW_A_COOKIE)))
			TH_LOG("step %d", i);
		EXPECT_EQ(want[i].table,
			  weft_u(weft_nested(flow, WEFT_FLOW_A_TABLE)))
			TH_LOG("step %d", i);
	}
	key = weft_getv(m, 2, WEFT_A_TRACE, WEFT_TRACE_A_KEY);
	ASSERT_NE(NULL, key);
	EXPECT_EQ(0x42, weft_u(weft_nested(key, WEFT_KEY_A_METADATA)));
	EXPECT_EQ(htonl(0x0a090909),
		  weft_u(weft_nested(key, WEFT_KEY_A_IPV4_DST)));
	EXPECT_EQ(htonl(0x0a000001),
		  weft_u(weft_nested(key, WEFT_KEY_A_IPV4_SRC)));
	EXPECT_EQ(1, weft_u(weft_nested(key, WEFT_KEY_A_IN_PORT)));
	ASSERT_EQ(1, weft_trace_outputs(m, out, 4));
	EXPECT_EQ(3, out[0]);
	EXPECT_EQ(NULL, weft_getv(m, 2, WEFT_A_TRACE, WEFT_TRACE_A_DROPPED));
}

WEFT_TEST(trace_multi_table)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame);
	struct weft_flow f;
	uint64_t pk = 1, by = 1;

	setup_dp(_metadata, s);
	multi_table(_metadata, s, r);
	ASSERT_NLOK(weft_trace_data(s, DP, frame, len, 1, r), r);
	ASSERT_EQ(1, r->n);
	check_multi_table_trace(_metadata, r->msgs[0]);

	/* The same from a key instead of a packet. */
	{
		struct weft_preq p;
		struct nlattr *k;

		weft_packet_start(&p, s, WEFT_CMD_TRACE, DP, NULL, 0,
				  WEFT_PORT_ANY);
		k = mnl_attr_nest_start(p.q.nlh, WEFT_PACKET_A_KEY);
		mnl_attr_put_u32(p.q.nlh, WEFT_KEY_A_IN_PORT, 1);
		mnl_attr_put_u16(p.q.nlh, WEFT_KEY_A_ETH_TYPE, htons(0x0800));
		mnl_attr_put_u8(p.q.nlh, WEFT_KEY_A_IP_PROTO, 17);
		mnl_attr_put_u32(p.q.nlh, WEFT_KEY_A_IPV4_SRC,
				 htonl(0x0a000001));
		mnl_attr_put_u32(p.q.nlh, WEFT_KEY_A_IPV4_DST,
				 htonl(0x0a000002));
		mnl_attr_nest_end(p.q.nlh, k);
		ASSERT_NLOK(weft_packet_send(&p, s, r), r);
		ASSERT_EQ(1, r->n);
		check_multi_table_trace(_metadata, r->msgs[0]);
	}

	/* A trace touches no counter: flows, tables, datapath. */
	weft_flow_init(&f, 3, 40);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a090909, 0);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(0, pk);
	EXPECT_EQ(0, by);
	ASSERT_NLOK(weft_table_get(s, DP, 0, r), r);
	EXPECT_EQ(0, TABLE_U(r->msgs[0], WEFT_TABLE_A_LOOKUPS));
	EXPECT_EQ(0, weft_dp_stat(s, DP, WEFT_DP_STATS_A_LOOKUPS));

	/* Another in_port misses in table 0 (default: drop). */
	ASSERT_NLOK(weft_trace_data(s, DP, frame, len, 3, r), r);
	{
		const struct nlattr *steps[4];
		uint32_t out[2];

		ASSERT_EQ(1, weft_trace_steps(r->msgs[0], steps, 4));
		EXPECT_EQ(WEFT_TABLE_MISS_DROP,
			  weft_u(weft_nested(steps[0], WEFT_STEP_A_MISS)));
		EXPECT_EQ(0, weft_trace_outputs(r->msgs[0], out, 2));
	}
}

WEFT_TEST(trace_miss_behaviours)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame);
	const struct nlattr *steps[8];
	uint32_t out[4];
	struct weft_flow f;

	setup_dp(_metadata, s);
	/* No flow at all: one step, the default miss (drop). */
	ASSERT_NLOK(weft_trace_data(s, DP, frame, len, 1, r), r);
	ASSERT_EQ(1, weft_trace_steps(r->msgs[0], steps, 8));
	EXPECT_EQ(0, weft_u(weft_nested(steps[0], WEFT_STEP_A_TABLE)));
	EXPECT_EQ(WEFT_TABLE_MISS_DROP,
		  weft_u(weft_nested(steps[0], WEFT_STEP_A_MISS)));
	EXPECT_EQ(NULL, weft_nested(steps[0], WEFT_STEP_A_FLOW));
	EXPECT_EQ(0, weft_trace_outputs(r->msgs[0], out, 4));

	/* Miss to the controller. */
	ASSERT_NLOK(weft_table_set(s, DP, 0, WEFT_TABLE_MISS_CONTROLLER, -1,
				   r), r);
	ASSERT_NLOK(weft_trace_data(s, DP, frame, len, 1, r), r);
	ASSERT_EQ(1, weft_trace_steps(r->msgs[0], steps, 8));
	EXPECT_EQ(WEFT_TABLE_MISS_CONTROLLER,
		  weft_u(weft_nested(steps[0], WEFT_STEP_A_MISS)));
	ASSERT_EQ(1, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(WEFT_PORT_CONTROLLER, out[0]);

	/* Continue through 0 and 1 to a flow in table 2. */
	ASSERT_NLOK(weft_table_set(s, DP, 0, WEFT_TABLE_MISS_CONTINUE, -1, r),
		    r);
	ASSERT_NLOK(weft_table_set(s, DP, 1, WEFT_TABLE_MISS_CONTINUE, -1, r),
		    r);
	weft_flow_init(&f, 2, 5);
	f.has_cookie = true;
	f.cookie = 0x22;
	weft_output(&f, 3);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_NLOK(weft_trace_data(s, DP, frame, len, 1, r), r);
	ASSERT_EQ(3, weft_trace_steps(r->msgs[0], steps, 8));
	EXPECT_EQ(WEFT_TABLE_MISS_CONTINUE,
		  weft_u(weft_nested(steps[0], WEFT_STEP_A_MISS)));
	EXPECT_EQ(1, weft_u(weft_nested(steps[1], WEFT_STEP_A_TABLE)));
	EXPECT_EQ(0x22, weft_u(weft_nested(weft_nested(steps[2],
						WEFT_STEP_A_FLOW),
					   WEFT_FLOW_A_COOKIE)));
	ASSERT_EQ(1, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(3, out[0]);

	/* Validation: a port that does not exist, a runt frame. */
	weft_trace_data(s, DP, frame, len, 99, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_IN_PORT"));
	weft_trace_data(s, DP, frame, 13, 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_DATA"));
}

/* Bundles ----------------------------------------------------------------- */

/* ip, in_port=@in, priority @prio, cookie @prio -> output:@out */
static void ip_flow(struct weft_flow *f, int table, int prio, uint32_t in,
		    uint32_t out)
{
	weft_flow_init(f, table, prio);
	weft_match_u32(f, WEFT_KEY_A_IN_PORT, in);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f->has_cookie = true;
	f->cookie = (uint64_t)prio;
	weft_output(f, out);
}

/* The extack offset points inside op @i of the bundle. */
static bool in_op(const struct weft_reply *r, const struct weft_breq *b, int i)
{
	const struct nlattr *op = (const void *)((const char *)b->q.nlh +
						 b->op_off[i]);

	return weft_offs_inside(r, b->op_off[i], op->nla_len);
}

WEFT_TEST(bundle_applies_in_order)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_breq b;
	struct weft_flow f;

	setup_dp(_metadata, s);
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 2, 3, 1);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 1, 3, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ASSERT_NLOK(weft_bundle_send(&b, s, r), r);
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(3, r->n);
	EXPECT_EQ(3, weft_flow_output(weft_find_cookie(r, 1)));
	EXPECT_EQ(1, weft_flow_output(weft_find_cookie(r, 2)));
	EXPECT_EQ(1, weft_u(weft_getv(weft_find_cookie(r, 3), 2, WEFT_A_FLOW,
				      WEFT_FLOW_A_TABLE)));

	/* Add then modify, add then delete, in one bundle. */
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 4, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 4, 1, 1);
	f.strict = true;
	weft_bundle_op(&b, WEFT_CMD_FLOW_SET, &f);
	ip_flow(&f, 0, 5, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 5, 1, 3);
	f.strict = true;
	f.no_inst = true;
	weft_bundle_op(&b, WEFT_CMD_FLOW_DEL, &f);
	ASSERT_NLOK(weft_bundle_send(&b, s, r), r);
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(4, r->n);
	EXPECT_EQ(1, weft_flow_output(weft_find_cookie(r, 4)));
	EXPECT_EQ(NULL, weft_find_cookie(r, 5));
}

/* The third op is invalid: nothing changes, the extack points at it. */
WEFT_TEST(bundle_all_or_nothing)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_breq b;
	struct weft_flow f;
	char why[1024];

	setup_dp(_metadata, s);
	ip_flow(&f, 0, 9, 1, 3);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));

	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 9, 1, 3);
	f.strict = true;
	f.no_inst = true;
	weft_bundle_op(&b, WEFT_CMD_FLOW_DEL, &f);	/* the existing one */
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 2, 1, 3);
	weft_match_be16(&f, WEFT_KEY_A_TCP_DST, 80);	/* no ip_proto=6 */
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 3, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_KEY_A_TCP_DST"));
	weft_describe(r, why, sizeof(why));
	EXPECT_TRUE(in_op(r, &b, 2))
		TH_LOG("extack not inside the third op: %s", why);
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(3, weft_flow_output(weft_find_cookie(r, 9)));

	/* The same with a group that does not exist in the third op. */
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 9, 1, 1);
	f.strict = true;
	weft_bundle_op(&b, WEFT_CMD_FLOW_SET, &f);
	{
		struct weft_attrs a;
		struct nlattr *n;

		weft_attrs_init(&a);
		n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
		weft_act_group(a.nlh, 77);
		mnl_attr_nest_end(a.nlh, n);
		ip_flow(&f, 0, 2, 1, 3);
		f.inst = &a;
		weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	}
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_ACT_A_GROUP"));
	weft_describe(r, why, sizeof(why));
	EXPECT_TRUE(in_op(r, &b, 2))
		TH_LOG("extack not inside the third op: %s", why);
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(3, weft_flow_output(weft_find_cookie(r, 9)));
}

WEFT_TEST(bundle_op_validation)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_breq b;
	struct weft_flow f;

	setup_dp(_metadata, s);
	/* Only flow commands. */
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	weft_bundle_op(&b, WEFT_CMD_DP_NEW, &f);
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_OP_A_CMD"));
	EXPECT_TRUE(in_op(r, &b, 1));
	/* A NEW without its flow. */
	weft_bundle_start(&b, s, DP);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, NULL);
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_OP_A_FLOW", "WEFT_A_FLOW"));
	/* Instructions in a delete. */
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_DEL, &f);
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_FLOW_A_INSTRUCTIONS"));
	EXPECT_EQ(0, weft_flow_count(s, DP));
}

/* An op takes WEFT_A_FLOW as its command does: EXCL still refuses. */
WEFT_TEST(bundle_new_excl_refuses_existing)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_breq b;
	struct weft_flow f;

	setup_dp(_metadata, s);
	ip_flow(&f, 0, 9, 1, 3);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	weft_bundle_start(&b, s, DP);
	ip_flow(&f, 0, 1, 1, 3);
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	ip_flow(&f, 0, 9, 1, 1);
	f.excl = true;
	weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &f);
	weft_bundle_send(&b, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST),
		     WEFT_NAMES("WEFT_BUNDLE_A_OP", "WEFT_A_FLOW",
				"WEFT_OP_A_FLOW", "WEFT_FLOW_A_EXCL"));
	ASSERT_NLOK(weft_flow_dump(s, DP, -1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(3, weft_flow_output(weft_find_cookie(r, 9)));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
