// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: instructions and actions.  goto (forward
 * only), write-metadata, write-actions (one per kind), clear-actions, the
 * validation of every action that has one (TPIDs, ethertypes, set-field's
 * settable fields and prerequisites, groups, reserved output ports, the
 * list bound), and the flow flags CHECK_OVERLAP.  Where the effect of an
 * instruction matters it is observed with WEFT_CMD_TRACE.  Counters
 * (RESET_COUNTS, NO_*_COUNTS) need real packets: weft_nl_packet.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

#define DP "wdp0"

static const uint8_t mac1[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t mac2[6] = { 2, 0, 0, 0, 0, 2 };

/* wdp0 with internal ports 1 and 2 (outputs need ports to show). */
static void setup_dp(struct __test_metadata *_metadata, struct weft_nl *s)
{
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint1", WEFT_PORT_TYPE_INTERNAL, 1));
	ASSERT_EQ(0, weft_port_new(s, DP, "wint2", WEFT_PORT_TYPE_INTERNAL, 2));
}

/* A flow in @table, priority 10, matching ip, with instructions @a. */
static void ip_flow(struct weft_flow *f, int table, const struct weft_attrs *a)
{
	weft_flow_init(f, table, 10);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	f->inst = a;
}

/*
 * Trace a UDP packet 10.0.0.1:1000 -> 10.0.0.2:2000 from LOCAL (so that
 * outputs to ports 1 and 2 are not outputs to the ingress port).
 */
static int trace_udp(struct weft_nl *s, struct weft_reply *r)
{
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = weft_frame_ipv4(frame, mac2, mac1, 0x0a000001,
				     0x0a000002, 17, 1000, 2000, 16);

	return weft_trace_data(s, DP, frame, len, WEFT_PORT_LOCAL, r);
}

/* Adding @f is refused with @err, naming one of @names; nothing added. */
#define REFUSED_ERRS(f, errs, ...) do { \
	int __n = weft_flow_count(&self->s, DP); \
	weft_flow_add(&self->s, DP, (f), &self->r); \
	ASSERT_NLERR(&self->r, errs, WEFT_NAMES(__VA_ARGS__)); \
	ASSERT_EQ(__n, weft_flow_count(&self->s, DP)); \
} while (0)
#define REFUSED(f, err, ...) REFUSED_ERRS(f, WEFT_ERRS(err), __VA_ARGS__)
#define ACCEPTED(f) ASSERT_NLOK(weft_flow_add(&self->s, DP, (f), &self->r), \
				&self->r)

WEFT_TEST(inst_goto_forward_only)
{
	struct weft_attrs a;
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	weft_attrs_init(&a);
	weft_inst_goto(&a, 1);
	ip_flow(&f, 0, &a);
	ACCEPTED(&f);
	/* To its own table, or an earlier one. */
	ip_flow(&f, 1, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_GOTO_TABLE");
	ip_flow(&f, 5, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_GOTO_TABLE");
	weft_attrs_init(&a);
	weft_inst_goto(&a, 5);
	ip_flow(&f, 5, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_GOTO_TABLE");
	/* 255 is no table. */
	weft_attrs_init(&a);
	weft_inst_goto(&a, WEFT_TABLE_ALL);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_GOTO_TABLE");
	weft_attrs_init(&a);
	weft_inst_goto(&a, WEFT_TABLE_MAX);
	ip_flow(&f, WEFT_TABLE_MAX - 1, &a);
	ACCEPTED(&f);
	/* A modify is held to the same rule, in the flow's own table. */
	weft_attrs_init(&a);
	weft_inst_goto(&a, 1);
	ip_flow(&f, WEFT_TABLE_MAX - 1, &a);
	f.strict = true;
	weft_flow_cmd(&self->s, WEFT_CMD_FLOW_SET, 0, DP, &f, &self->r);
	ASSERT_NLERR(&self->r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_INST_A_GOTO_TABLE"));
	EXPECT_EQ(2, weft_flow_count(&self->s, DP));
}

/*
 * A modify of every table with a goto that leads backwards for some of
 * the selected flows: all the selected flows change or none, so EINVAL.
 */
WEFT_TEST(inst_goto_modify_all_tables)
{
	struct weft_reply *r = &self->r;
	struct weft_attrs a;
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	weft_attrs_init(&a);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, 1);
	ip_flow(&f, 0, &a);
	ACCEPTED(&f);
	ip_flow(&f, 3, &a);
	ACCEPTED(&f);
	weft_attrs_init(&a);
	weft_inst_goto(&a, 2);
	ip_flow(&f, WEFT_TABLE_ALL, &a);
	weft_flow_cmd(&self->s, WEFT_CMD_FLOW_SET, 0, DP, &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_INST_A_GOTO_TABLE"));
	ASSERT_NLOK(weft_flow_dump(&self->s, DP, -1, r), r);
	ASSERT_EQ(2, r->n);
	EXPECT_EQ(1, weft_flow_output(r->msgs[0]));
	EXPECT_EQ(1, weft_flow_output(r->msgs[1]));
}

WEFT_TEST(inst_write_metadata)
{
	struct weft_reply *r = &self->r;
	const struct nlattr *meta;
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;

	setup_dp(_metadata, &self->s);
	/* Table 0: metadata = 0x1111 (no mask: all ones), goto 1. */
	weft_attrs_init(&a);
	weft_inst_meta(&a, 0x1111, 0, false);
	weft_inst_goto(&a, 1);
	ip_flow(&f, 0, &a);
	ACCEPTED(&f);
	/* Table 1: value 0xabcd under mask 0xff00, output 2. */
	weft_attrs_init(&a);
	weft_inst_meta(&a, 0xabcd, 0xff00, true);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, 2);
	ip_flow(&f, 1, &a);
	ACCEPTED(&f);

	ASSERT_NLOK(weft_flow_dump(&self->s, DP, 1, r), r);
	ASSERT_EQ(1, r->n);
	meta = weft_getv(r->msgs[0], 3, WEFT_A_FLOW, WEFT_FLOW_A_INSTRUCTIONS,
			 WEFT_INST_A_WRITE_METADATA);
	ASSERT_NE(NULL, meta);
	EXPECT_EQ(0xff00, weft_u(weft_nested(meta, WEFT_META_A_MASK)));
	EXPECT_EQ(0xab00, weft_u(weft_nested(meta, WEFT_META_A_VALUE)) &
		  0xff00);

	ASSERT_NLOK(trace_udp(&self->s, r), r);
	ASSERT_EQ(1, r->n);
	/* (0x1111 & ~0xff00) | (0xabcd & 0xff00) */
	EXPECT_EQ(0xab11, weft_u(weft_getv(r->msgs[0], 3, WEFT_A_TRACE,
					   WEFT_TRACE_A_KEY,
					   WEFT_KEY_A_METADATA)));

	/* A mask without a value. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_METADATA);
	mnl_attr_put_u64(a.nlh, WEFT_META_A_MASK, 0xff);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 2, &a);
	REFUSED(&f, EINVAL, "WEFT_META_A_VALUE", "WEFT_INST_A_WRITE_METADATA");
}

WEFT_TEST(inst_write_actions_one_per_kind)
{
	struct weft_reply *r = &self->r;
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;
	uint32_t out[4];

	setup_dp(_metadata, &self->s);
	/* Two outputs in a write list: which one would the set keep? */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_ACTIONS);
	weft_act_output(a.nlh, 1);
	weft_act_output(a.nlh, 2);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_WRITE_ACTIONS", "WEFT_ACT_A_OUTPUT");
	/* Output and controller share the set's output slot. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_ACTIONS);
	weft_act_output(a.nlh, 1);
	weft_act_controller(a.nlh, -1);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_WRITE_ACTIONS",
		"WEFT_ACT_A_CONTROLLER");
	/* One set-field per field. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_ACTIONS);
	weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_DST, 0x0a000005);
	weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_DST, 0x0a000006);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EINVAL, "WEFT_INST_A_WRITE_ACTIONS",
		"WEFT_ACT_A_SET_FIELD");
	/* Two fields, and two outputs in an apply list, are fine. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_ACTIONS);
	weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_DST, 0x0a000005);
	weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_SRC, 0x0a000006);
	weft_act_output(a.nlh, 2);
	mnl_attr_nest_end(a.nlh, n);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_output(a.nlh, 1);
	weft_act_output(a.nlh, 2);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	ACCEPTED(&f);

	/* The set runs at the end: outputs 1, 2 (apply), then 2 (set). */
	ASSERT_NLOK(trace_udp(&self->s, r), r);
	ASSERT_EQ(3, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(1, out[0]);
	EXPECT_EQ(2, out[1]);
	EXPECT_EQ(2, out[2]);
	EXPECT_EQ(htonl(0x0a000005),
		  weft_u(weft_getv(r->msgs[0], 3, WEFT_A_TRACE,
				   WEFT_TRACE_A_KEY, WEFT_KEY_A_IPV4_DST)));
	EXPECT_EQ(3, weft_nested_count(weft_getv(r->msgs[0], 2, WEFT_A_TRACE,
						 WEFT_TRACE_A_ACTION_SET)));
}

WEFT_TEST(inst_clear_actions)
{
	struct weft_reply *r = &self->r;
	struct weft_attrs a0, a1;
	struct weft_flow f;
	uint32_t out[4];

	setup_dp(_metadata, &self->s);
	/* Table 0 writes output:2 and goes on to table 1. */
	weft_attrs_init(&a0);
	weft_inst_output(&a0, WEFT_INST_A_WRITE_ACTIONS, 2);
	weft_inst_goto(&a0, 1);
	ip_flow(&f, 0, &a0);
	ACCEPTED(&f);
	/* Table 1 with an empty instruction list keeps the set. */
	weft_attrs_init(&a1);
	weft_inst_meta(&a1, 1, 0, false);
	ip_flow(&f, 1, &a1);
	ACCEPTED(&f);
	ASSERT_NLOK(trace_udp(&self->s, r), r);
	ASSERT_EQ(1, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(2, out[0]);

	/* With clear-actions it empties it: nothing goes out. */
	weft_attrs_init(&a1);
	weft_inst_clear(&a1);
	ip_flow(&f, 1, &a1);
	ACCEPTED(&f);
	ASSERT_NLOK(trace_udp(&self->s, r), r);
	EXPECT_EQ(0, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(0, weft_nested_count(weft_getv(r->msgs[0], 2, WEFT_A_TRACE,
						 WEFT_TRACE_A_ACTION_SET)));
	/* Dumped as given. */
	ASSERT_NLOK(weft_flow_dump(&self->s, DP, 1, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_NE(NULL, weft_getv(r->msgs[0], 3, WEFT_A_FLOW,
				  WEFT_FLOW_A_INSTRUCTIONS,
				  WEFT_INST_A_CLEAR_ACTIONS));

	/* Clear then write in one flow: the write survives (OpenFlow order). */
	weft_attrs_init(&a1);
	weft_inst_output(&a1, WEFT_INST_A_WRITE_ACTIONS, 1);
	weft_inst_clear(&a1);
	ip_flow(&f, 1, &a1);
	ACCEPTED(&f);
	ASSERT_NLOK(trace_udp(&self->s, r), r);
	ASSERT_EQ(1, weft_trace_outputs(r->msgs[0], out, 4));
	EXPECT_EQ(1, out[0]);
}

/* An apply list holding whatever @put puts, on an ip flow in table 0. */
#define APPLY(put) do { \
	struct nlattr *__n; \
	weft_attrs_init(&a); \
	__n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS); \
	put; \
	weft_act_output(a.nlh, 1); \
	mnl_attr_nest_end(a.nlh, __n); \
	ip_flow(&f, 0, &a); \
} while (0)

WEFT_TEST(act_push_vlan_tpid)
{
	struct weft_attrs a;
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_VLAN, 0x0800));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_PUSH_VLAN");
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_VLAN, 0x9100));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_PUSH_VLAN");
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_VLAN, 0x8100));
	ACCEPTED(&f);
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_VLAN, 0x88a8));
	ACCEPTED(&f);
	/* Read back in network order. */
	ASSERT_NLOK(weft_flow_dump(&self->s, DP, 0, &self->r), &self->r);
	ASSERT_EQ(1, self->r.n);
	EXPECT_EQ(htons(0x88a8),
		  weft_u(weft_getv(self->r.msgs[0], 4, WEFT_A_FLOW,
				   WEFT_FLOW_A_INSTRUCTIONS,
				   WEFT_INST_A_APPLY_ACTIONS,
				   WEFT_ACT_A_PUSH_VLAN)));
}

WEFT_TEST(act_push_pop_mpls_ethertype)
{
	struct weft_attrs a;
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_MPLS, 0x0800));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_PUSH_MPLS");
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_MPLS, 0x8100));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_PUSH_MPLS");
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_MPLS, 0x8847));
	ACCEPTED(&f);
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_PUSH_MPLS, 0x8848));
	ACCEPTED(&f);
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_POP_MPLS, 0x05ff));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_POP_MPLS");
	APPLY(weft_act_be16(a.nlh, WEFT_ACT_A_POP_MPLS, 0x0800));
	ACCEPTED(&f);
}

WEFT_TEST(act_set_field_not_settable)
{
	static const struct {
		uint16_t field;
		const char *name;
		uint8_t len;
	} fixed[] = {
		{ WEFT_KEY_A_IN_PORT, "WEFT_KEY_A_IN_PORT", 4 },
		{ WEFT_KEY_A_IN_PHY_PORT, "WEFT_KEY_A_IN_PHY_PORT", 4 },
		{ WEFT_KEY_A_ETH_TYPE, "WEFT_KEY_A_ETH_TYPE", 2 },
		{ WEFT_KEY_A_IP_PROTO, "WEFT_KEY_A_IP_PROTO", 1 },
		{ WEFT_KEY_A_TCP_FLAGS, "WEFT_KEY_A_TCP_FLAGS", 2 },
		{ WEFT_KEY_A_IP_FRAG, "WEFT_KEY_A_IP_FRAG", 1 },
	};
	static const uint8_t zero[8];
	struct weft_attrs a;
	struct weft_flow f;
	size_t i;

	setup_dp(_metadata, &self->s);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		/* Under a match that meets every prerequisite. */
		APPLY(weft_act_set(a.nlh, fixed[i].field, zero, fixed[i].len));
		weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
		REFUSED(&f, EINVAL, fixed[i].name);
	}
	/* Exactly one field per action. */
	APPLY(({
		struct nlattr *__s = mnl_attr_nest_start(a.nlh,
						WEFT_ACT_A_SET_FIELD);
		mnl_attr_put(a.nlh, WEFT_KEY_A_ETH_DST, 6, mac1);
		mnl_attr_put(a.nlh, WEFT_KEY_A_ETH_SRC, 6, mac2);
		mnl_attr_nest_end(a.nlh, __s);
	}));
	REFUSED(&f, EINVAL, "WEFT_KEY_A_ETH_SRC", "WEFT_ACT_A_SET_FIELD");
	APPLY(({
		struct nlattr *__s = mnl_attr_nest_start(a.nlh,
						WEFT_ACT_A_SET_FIELD);
		mnl_attr_nest_end(a.nlh, __s);
	}));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_SET_FIELD");
	APPLY(weft_act_set(a.nlh, WEFT_KEY_A_ETH_DST, mac1, 6));
	ACCEPTED(&f);
}

WEFT_TEST(act_set_field_prerequisites)
{
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;

	setup_dp(_metadata, &self->s);
	/* nw_dst under a match that does not say ip. */
	APPLY(weft_act_set_be32(a.nlh, WEFT_KEY_A_IPV4_DST, 0x0a000009));
	weft_flow_init(&f, 0, 10);
	weft_match_u32(&f, WEFT_KEY_A_IN_PORT, 1);
	f.inst = &a;
	REFUSED(&f, EINVAL, "WEFT_KEY_A_IPV4_DST");
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	ACCEPTED(&f);
	/* tp_dst under ip without tcp. */
	APPLY(weft_act_set_be16(a.nlh, WEFT_KEY_A_TCP_DST, 8080));
	REFUSED(&f, EINVAL, "WEFT_KEY_A_TCP_DST");
	APPLY(weft_act_set_be16(a.nlh, WEFT_KEY_A_UDP_DST, 8080));
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	REFUSED(&f, EINVAL, "WEFT_KEY_A_UDP_DST");
	APPLY(weft_act_set_be16(a.nlh, WEFT_KEY_A_TCP_DST, 8080));
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	ACCEPTED(&f);
	/*
	 * vlan_pcp needs no tag in the match: push_vlan may come first, so
	 * the kernel checks the tag when the packet gets there.
	 */
	APPLY(weft_act_set_u8(a.nlh, WEFT_KEY_A_VLAN_PCP, 3));
	ACCEPTED(&f);
	/* The same rule in a write list. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_WRITE_ACTIONS);
	weft_act_set(a.nlh, WEFT_KEY_A_ARP_SHA, mac1, 6);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EINVAL, "WEFT_KEY_A_ARP_SHA");
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0806);
	f.inst = &a;
	ACCEPTED(&f);
	/* Values out of the field's range are refused by the policy. */
	APPLY(weft_act_set_u8(a.nlh, WEFT_KEY_A_IP_DSCP, 64));
	REFUSED_ERRS(&f, WEFT_ERRS(EINVAL, ERANGE), "WEFT_KEY_A_IP_DSCP");
}

WEFT_TEST(act_group_must_exist)
{
	struct weft_attrs a;
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	APPLY(weft_act_group(a.nlh, 7));
	REFUSED(&f, EINVAL, "WEFT_ACT_A_GROUP");
	ASSERT_EQ(0, weft_group_outputs(&self->s, WEFT_CMD_GROUP_NEW, DP, 7,
					WEFT_GROUP_TYPE_ALL, 1,
					(const uint32_t []){ 2 }, NULL));
	ACCEPTED(&f);
	/* In a write list too. */
	weft_attrs_init(&a);
	{
		struct nlattr *n = mnl_attr_nest_start(a.nlh,
						WEFT_INST_A_WRITE_ACTIONS);

		weft_act_group(a.nlh, 8);
		mnl_attr_nest_end(a.nlh, n);
	}
	ip_flow(&f, 1, &a);
	REFUSED(&f, EINVAL, "WEFT_ACT_A_GROUP");
}

WEFT_TEST(act_output_reserved_ports)
{
	static const uint32_t ok[] = {
		1, WEFT_PORT_MAX, WEFT_PORT_IN_PORT, WEFT_PORT_FLOOD,
		WEFT_PORT_ALL, WEFT_PORT_LOCAL, WEFT_PORT_CONTROLLER,
	};
	static const uint32_t bad[] = {
		0, WEFT_PORT_MAX + 1, WEFT_PORT_ANY, WEFT_PORT_TABLE,
	};
	struct weft_attrs a;
	struct weft_flow f;
	size_t i;

	setup_dp(_metadata, &self->s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		weft_attrs_init(&a);
		weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, bad[i]);
		ip_flow(&f, 0, &a);
		REFUSED(&f, EINVAL, "WEFT_ACT_A_OUTPUT");
	}
	weft_attrs_init(&a);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, WEFT_PORT_NORMAL);
	ip_flow(&f, 0, &a);
	REFUSED(&f, EOPNOTSUPP, "WEFT_ACT_A_OUTPUT");
	/* TABLE is for packet-out only: not in a group's bucket either. */
	{
		struct weft_greq g;

		weft_group_start(&g, &self->s, WEFT_CMD_GROUP_NEW, DP, 1,
				 WEFT_GROUP_TYPE_ALL);
		weft_bucket_start(&g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
		weft_act_output(g.q.nlh, WEFT_PORT_TABLE);
		weft_group_send(&g, &self->s, &self->r);
		ASSERT_NLERR(&self->r, WEFT_ERRS(EINVAL),
			     WEFT_NAMES("WEFT_ACT_A_OUTPUT"));
	}
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		weft_attrs_init(&a);
		weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, ok[i]);
		ip_flow(&f, 0, &a);
		ACCEPTED(&f);
	}
}

/* More than WEFT_ACTIONS_MAX actions in any list: E2BIG. */
WEFT_TEST(act_list_bound)
{
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;
	int i;

	setup_dp(_metadata, &self->s);
	for (i = 0; i < 2; i++) {
		uint16_t list = i ? WEFT_INST_A_WRITE_ACTIONS :
				    WEFT_INST_A_APPLY_ACTIONS;
		const char *name = i ? "WEFT_INST_A_WRITE_ACTIONS" :
				       "WEFT_INST_A_APPLY_ACTIONS";
		int k;

		weft_attrs_init(&a);
		n = mnl_attr_nest_start(a.nlh, list);
		for (k = 0; k <= WEFT_ACTIONS_MAX; k++)
			mnl_attr_put_u32(a.nlh, WEFT_ACT_A_SET_QUEUE,
					 (uint32_t)k);
		mnl_attr_nest_end(a.nlh, n);
		ip_flow(&f, 0, &a);
		REFUSED(&f, E2BIG, name);
	}
	/* Exactly WEFT_ACTIONS_MAX is fine. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	for (i = 0; i < WEFT_ACTIONS_MAX; i++)
		weft_act_output(a.nlh, (uint32_t)(i % 2) + 1);
	mnl_attr_nest_end(a.nlh, n);
	ip_flow(&f, 0, &a);
	ACCEPTED(&f);
	/* A bucket and a packet-out are lists too. */
	{
		struct weft_greq g;

		weft_group_start(&g, &self->s, WEFT_CMD_GROUP_NEW, DP, 1,
				 WEFT_GROUP_TYPE_ALL);
		weft_bucket_start(&g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
		for (i = 0; i <= WEFT_ACTIONS_MAX; i++)
			weft_act_output(g.q.nlh, 1);
		weft_group_send(&g, &self->s, &self->r);
		ASSERT_NLERR(&self->r, WEFT_ERRS(E2BIG),
			     WEFT_NAMES("WEFT_BUCKET_A_ACTIONS",
					"WEFT_INST_A_APPLY_ACTIONS"));
	}
	{
		uint8_t frame[WEFT_FRAME_MAX];
		size_t len = weft_frame_ipv4(frame, mac2, mac1, 1, 2, 17, 1,
					     2, 0);
		struct weft_preq p;

		weft_packet_start(&p, &self->s, WEFT_CMD_PACKET_OUT, DP, frame,
				  len, WEFT_PORT_ANY);
		for (i = 0; i <= WEFT_ACTIONS_MAX; i++)
			weft_act_output(p.q.nlh, 1);
		weft_packet_send(&p, &self->s, &self->r);
		ASSERT_NLERR(&self->r, WEFT_ERRS(E2BIG),
			     WEFT_NAMES("WEFT_PACKET_A_ACTIONS",
					"WEFT_INST_A_APPLY_ACTIONS"));
	}
}

/* OpenFlow's overlap rule: same table and priority, some common packet. */
WEFT_TEST(flag_check_overlap)
{
	struct weft_flow f;

	setup_dp(_metadata, &self->s);
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000000, 0xffffff00);
	weft_output(&f, 1);
	ACCEPTED(&f);

	/* A host inside that subnet: overlaps. */
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000005, 0);
	weft_output(&f, 2);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_CHECK_OVERLAP;
	REFUSED(&f, EEXIST, "WEFT_FLOW_A_FLAGS");
	/* Any tcp packet could go to that subnet: overlaps. */
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	weft_output(&f, 2);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_CHECK_OVERLAP;
	REFUSED(&f, EEXIST, "WEFT_FLOW_A_FLAGS");
	/* Without the flag the same flow is added. */
	f.flags = 0;
	ACCEPTED(&f);
	/* Disjoint: another subnet and protocol, or another ethertype. */
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 17);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000100, 0xffffff00);
	weft_output(&f, 2);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_CHECK_OVERLAP;
	ACCEPTED(&f);
	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0806);
	weft_output(&f, 2);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_CHECK_OVERLAP;
	ACCEPTED(&f);
	/* Overlapping, but at another priority or in another table. */
	weft_flow_init(&f, 0, 11);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_output(&f, 2);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_CHECK_OVERLAP;
	ACCEPTED(&f);
	f.priority = 10;
	f.table = 1;
	ACCEPTED(&f);
	EXPECT_EQ(6, weft_flow_count(&self->s, DP));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
