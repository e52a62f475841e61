// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: what FLOW_NEW must refuse.  Match prerequisites
 * (OpenFlow 1.3), key/mask consistency, value ranges, flag bits, reserved
 * attributes and the action list bound.  Every refusal is paired with the
 * closest accepted request, so that a datapath refusing everything fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

static void weft_refused(struct __test_metadata *_metadata, struct weft_nl *s,
			 struct weft_reply *r, const struct weft_flow *f,
			 const int *errs, const char *const *names)
{
	weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0", f, r);
	ASSERT_NLERR(r, errs, names);
	ASSERT_EQ(0, weft_flow_count(s, "wdp0"));
}

static void weft_accepted(struct __test_metadata *_metadata,
			  struct weft_nl *s, const struct weft_flow *f)
{
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, "wdp0", f, NULL));
	ASSERT_EQ(0, weft_flow_flush(s, "wdp0"));
}

/* REFUSED(flow, errs, names), where errs/names may come as one macro. */
#define REFUSED(f, ...) \
	weft_refused(_metadata, &self->s, &self->r, (f), __VA_ARGS__)
#define ACCEPTED(f) weft_accepted(_metadata, &self->s, (f))
#define EINVAL_FOR(...) WEFT_ERRS(EINVAL), WEFT_NAMES(__VA_ARGS__)
/* Range checks may come from the policy (ERANGE) or the module (EINVAL). */
#define RANGE_FOR(...) WEFT_ERRS(EINVAL, ERANGE), WEFT_NAMES(__VA_ARGS__)

static void weft_ipf(struct weft_flow *f)
{
	weft_flow_init(f, 0, 10);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_output(f, 1);
}

/* A FLOW_NEW built by hand, with an open nest to put odd things in. */
struct weft_raw {
	struct weft_req q;
	struct nlattr *flow, *nest;
};

static struct nlmsghdr *weft_raw_begin(struct weft_raw *w, struct weft_nl *s,
				       uint16_t nest)
{
	weft_req_init(&w->q, s, WEFT_CMD_FLOW_NEW, 0);
	weft_put_dp(w->q.nlh, "wdp0");
	w->flow = mnl_attr_nest_start(w->q.nlh, WEFT_A_FLOW);
	mnl_attr_put_u16(w->q.nlh, WEFT_FLOW_A_PRIORITY, 10);
	w->nest = nest ? mnl_attr_nest_start(w->q.nlh, nest) : NULL;
	return w->q.nlh;
}

static void weft_raw_send(struct weft_raw *w, struct weft_nl *s,
			  struct weft_reply *r)
{
	if (w->nest)
		mnl_attr_nest_end(w->q.nlh, w->nest);
	mnl_attr_nest_end(w->q.nlh, w->flow);
	weft_transact(s, &w->q, r);
}

WEFT_TEST(prerequisite_tcp_ports)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_ipf(&f);
	weft_match_be16(&f, WEFT_KEY_A_TCP_DST, 80);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_TCP_DST"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 17);
	weft_match_be16(&f, WEFT_KEY_A_TCP_DST, 80);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_TCP_DST"));

	/* nw_proto itself needs an IP ethertype. */
	weft_flow_init(&f, 0, 10);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	weft_match_be16(&f, WEFT_KEY_A_TCP_SRC, 80);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IP_PROTO", "WEFT_KEY_A_TCP_SRC"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	weft_match_be16(&f, WEFT_KEY_A_TCP_DST, 80);
	ACCEPTED(&f);
}

WEFT_TEST(prerequisite_udp_sctp_ports)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 6);
	weft_match_be16(&f, WEFT_KEY_A_UDP_SRC, 53);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_UDP_SRC"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 17);
	weft_match_be16(&f, WEFT_KEY_A_SCTP_DST, 80);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_SCTP_DST"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 17);
	weft_match_be16(&f, WEFT_KEY_A_UDP_SRC, 53);
	ACCEPTED(&f);
	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_PROTO, 132);
	weft_match_be16(&f, WEFT_KEY_A_SCTP_DST, 80);
	ACCEPTED(&f);
}

WEFT_TEST(prerequisite_ipv4)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_flow_init(&f, 0, 10);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_SRC, 0x0a000001, 0);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IPV4_SRC"));

	weft_flow_init(&f, 0, 10);
	weft_match_be16(&f, WEFT_KEY_A_ETH_TYPE, 0x86dd);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_SRC, 0x0a000001, 0);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IPV4_SRC"));

	weft_flow_init(&f, 0, 10);
	weft_match_u8(&f, WEFT_KEY_A_IP_DSCP, 10);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IP_DSCP"));

	/* The prerequisite must be matched exactly, not under a mask. */
	weft_flow_init(&f, 0, 10);
	{
		uint16_t type = htons(0x0800), mask = htons(0xff00);

		weft_match(&f, WEFT_KEY_A_ETH_TYPE, &type, &mask, 2);
	}
	weft_match_be32(&f, WEFT_KEY_A_IPV4_SRC, 0x0a000001, 0);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IPV4_SRC", "WEFT_KEY_A_ETH_TYPE"));

	weft_ipf(&f);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_SRC, 0x0a000001, 0);
	weft_match_u8(&f, WEFT_KEY_A_IP_DSCP, 10);
	ACCEPTED(&f);
}

WEFT_TEST(prerequisite_vlan_pcp)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_flow_init(&f, 0, 10);
	weft_match_u8(&f, WEFT_KEY_A_VLAN_PCP, 3);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_VLAN_PCP"));

	/* vid 0 without the present bit means "untagged". */
	weft_flow_init(&f, 0, 10);
	weft_match_u16(&f, WEFT_KEY_A_VLAN_VID, 0);
	weft_match_u8(&f, WEFT_KEY_A_VLAN_PCP, 3);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_VLAN_PCP"));

	weft_flow_init(&f, 0, 10);
	weft_match_u16(&f, WEFT_KEY_A_VLAN_VID, WEFT_VID_PRESENT | 10);
	weft_match_u8(&f, WEFT_KEY_A_VLAN_PCP, 3);
	ACCEPTED(&f);
}

WEFT_TEST(mask_without_key)
{
	struct weft_reply *r = &self->r;
	struct weft_raw w;
	struct nlmsghdr *nlh;
	struct nlattr *n;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	nlh = weft_raw_begin(&w, &self->s, WEFT_FLOW_A_KEY);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_ETH_TYPE, htons(0x0800));
	mnl_attr_nest_end(nlh, w.nest);
	w.nest = NULL;
	n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IPV4_DST, htonl(0xffffff00));
	mnl_attr_nest_end(nlh, n);
	weft_raw_send(&w, &self->s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_KEY_A_IPV4_DST"));
	EXPECT_EQ(0, weft_flow_count(&self->s, "wdp0"));
}

WEFT_TEST(key_bits_outside_mask)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t mask[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	static const uint8_t mac0[6] = { 2, 0, 0, 0, 0, 0 };
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_ipf(&f);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000001, 0xffffff00);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_IPV4_DST"));

	weft_flow_init(&f, 0, 10);
	weft_match(&f, WEFT_KEY_A_ETH_DST, mac, mask, 6);
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_ETH_DST"));

	weft_ipf(&f);
	weft_match_be32(&f, WEFT_KEY_A_IPV4_DST, 0x0a000000, 0xffffff00);
	weft_match(&f, WEFT_KEY_A_ETH_DST, mac0, mask, 6);
	ACCEPTED(&f);
}

WEFT_TEST(out_of_range_values)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	/* 255 is WEFT_TABLE_ALL: a selector for DEL, not a table. */
	weft_ipf(&f);
	f.table = WEFT_TABLE_ALL;
	REFUSED(&f, RANGE_FOR("WEFT_FLOW_A_TABLE"));

	weft_flow_init(&f, 0, 10);
	weft_match_u16(&f, WEFT_KEY_A_VLAN_VID, WEFT_VID_PRESENT | 10);
	weft_match_u8(&f, WEFT_KEY_A_VLAN_PCP, 8);
	REFUSED(&f, RANGE_FOR("WEFT_KEY_A_VLAN_PCP"));

	weft_flow_init(&f, 0, 10);
	weft_match_u16(&f, WEFT_KEY_A_VLAN_VID, 0x2000 | 10);
	REFUSED(&f, RANGE_FOR("WEFT_KEY_A_VLAN_VID"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_DSCP, 64);
	REFUSED(&f, RANGE_FOR("WEFT_KEY_A_IP_DSCP"));

	weft_ipf(&f);
	weft_match_u8(&f, WEFT_KEY_A_IP_ECN, 4);
	REFUSED(&f, RANGE_FOR("WEFT_KEY_A_IP_ECN"));

	weft_ipf(&f);
	f.table = WEFT_TABLE_MAX;
	weft_match_u8(&f, WEFT_KEY_A_IP_DSCP, 63);
	weft_match_u8(&f, WEFT_KEY_A_IP_ECN, 3);
	ACCEPTED(&f);
	weft_flow_init(&f, 0, 10);
	weft_match_u16(&f, WEFT_KEY_A_VLAN_VID, WEFT_VID_PRESENT | 4095);
	weft_match_u8(&f, WEFT_KEY_A_VLAN_PCP, 7);
	ACCEPTED(&f);
}

WEFT_TEST(vlan_vid_masked_without_present)
{
	uint16_t vid = 0x060, mask = 0x0f0, present_mask = 0x1ff0;
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	/* OpenFlow's vlan_vid=0x060/0x0f0: tagged frames with those bits. */
	weft_flow_init(&f, 0, 10);
	weft_match(&f, WEFT_KEY_A_VLAN_VID, &vid, &mask, sizeof(vid));
	ACCEPTED(&f);
	/* With the present bit in the mask, "untagged with vid 6x": no. */
	weft_flow_init(&f, 0, 11);
	weft_match(&f, WEFT_KEY_A_VLAN_VID, &vid, &present_mask, sizeof(vid));
	REFUSED(&f, EINVAL_FOR("WEFT_KEY_A_VLAN_VID"));
}

WEFT_TEST(unknown_flag_bits)
{
	struct weft_flow f;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_ipf(&f);
	f.has_flags = true;
	f.flags = 1u << 31;
	REFUSED(&f, EINVAL_FOR("WEFT_FLOW_A_FLAGS"));
	f.flags = WEFT_FLOW_F_NO_BYT_COUNTS << 1;
	REFUSED(&f, EINVAL_FOR("WEFT_FLOW_A_FLAGS"));
	f.flags = WEFT_FLOW_F_RESET_COUNTS;
	ACCEPTED(&f);
}

/*
 * Attributes that version 1 reserved and the pipeline ABI implements:
 * timeouts, METADATA, GOTO_TABLE, POP_VLAN are now accepted and read back
 * (only the MIRROR numbers stay reserved: see weft_nl.c).
 */
WEFT_TEST(reserved_attributes)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_raw w;
	struct nlmsghdr *nlh;
	struct nlattr *n;
	const struct nlmsghdr *m;
	uint64_t meta = 0x1122334455667788ULL;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	nlh = weft_raw_begin(&w, s, 0);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_IDLE_TIMEOUT, 100);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_HARD_TIMEOUT, 200);
	weft_raw_send(&w, s, r);
	ASSERT_NLOK(r->err, r);

	nlh = weft_raw_begin(&w, s, WEFT_FLOW_A_KEY);
	mnl_attr_put_u64(nlh, WEFT_KEY_A_METADATA, meta);
	weft_raw_send(&w, s, r);
	ASSERT_NLOK(r->err, r);

	nlh = weft_raw_begin(&w, s, WEFT_FLOW_A_INSTRUCTIONS);
	mnl_attr_put_u8(nlh, WEFT_INST_A_GOTO_TABLE, 1);
	n = mnl_attr_nest_start(nlh, WEFT_INST_A_APPLY_ACTIONS);
	mnl_attr_put(nlh, WEFT_ACT_A_POP_VLAN, 0, NULL);
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, 1);
	mnl_attr_nest_end(nlh, n);
	/* Same priority and empty match as the first: replaces it. */
	weft_raw_send(&w, s, r);
	ASSERT_NLOK(r->err, r);
	EXPECT_EQ(2, weft_flow_count(s, "wdp0"));

	ASSERT_NLOK(weft_flow_dump(s, "wdp0", 0, r), r);
	ASSERT_EQ(2, r->n);
	m = weft_getv(r->msgs[0], 3, WEFT_A_FLOW, WEFT_FLOW_A_KEY,
		      WEFT_KEY_A_METADATA) ? r->msgs[0] : r->msgs[1];
	EXPECT_EQ(meta, weft_u(weft_getv(m, 3, WEFT_A_FLOW, WEFT_FLOW_A_KEY,
					 WEFT_KEY_A_METADATA)));
	m = m == r->msgs[0] ? r->msgs[1] : r->msgs[0];
	EXPECT_EQ(1, weft_u(weft_getv(m, 3, WEFT_A_FLOW,
				      WEFT_FLOW_A_INSTRUCTIONS,
				      WEFT_INST_A_GOTO_TABLE)));
	EXPECT_NE(NULL, weft_getv(m, 4, WEFT_A_FLOW, WEFT_FLOW_A_INSTRUCTIONS,
				  WEFT_INST_A_APPLY_ACTIONS,
				  WEFT_ACT_A_POP_VLAN));
	/* The replace dropped the timeouts (a replace sets them anew). */
	EXPECT_EQ(NULL, weft_getv(m, 2, WEFT_A_FLOW,
				  WEFT_FLOW_A_IDLE_TIMEOUT));

	/* Zero timeouts mean "none" and are fine. */
	weft_flow_flush(s, "wdp0");
	nlh = weft_raw_begin(&w, s, 0);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_IDLE_TIMEOUT, 0);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_HARD_TIMEOUT, 0);
	weft_raw_send(&w, s, r);
	ASSERT_NLOK(r->err, r);
	EXPECT_EQ(1, weft_flow_count(s, "wdp0"));

	/* Timeouts are read back. */
	nlh = weft_raw_begin(&w, s, 0);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_IDLE_TIMEOUT, 100);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_HARD_TIMEOUT, 200);
	weft_raw_send(&w, s, r);
	ASSERT_NLOK(r->err, r);
	ASSERT_NLOK(weft_flow_dump(s, "wdp0", 0, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(100, weft_u(weft_getv(r->msgs[0], 2, WEFT_A_FLOW,
					WEFT_FLOW_A_IDLE_TIMEOUT)));
	EXPECT_EQ(200, weft_u(weft_getv(r->msgs[0], 2, WEFT_A_FLOW,
					WEFT_FLOW_A_HARD_TIMEOUT)));
}

WEFT_TEST(action_list_bound)
{
	struct weft_flow f;
	int i;

	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_flow_init(&f, 0, 10);
	for (i = 0; i < WEFT_ACTIONS_MAX; i++)
		weft_output(&f, (uint32_t)(i % 8) + 1);
	ACCEPTED(&f);
	weft_output(&f, 1);
	REFUSED(&f, WEFT_ERRS(EINVAL, E2BIG),
		WEFT_NAMES("WEFT_INST_A_APPLY_ACTIONS", "WEFT_ACT_A_OUTPUT"));
}

WEFT_TEST(flow_on_missing_datapath)
{
	struct weft_reply *r = &self->r;
	struct weft_flow f;

	weft_ipf(&f);
	weft_flow_cmd(&self->s, WEFT_CMD_FLOW_NEW, 0, "nodp", &f, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));
	weft_flow_cmd(&self->s, WEFT_CMD_FLOW_FLUSH, 0, "nodp", NULL, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_A_DP_NAME"));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
