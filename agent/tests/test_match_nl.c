// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_flow <-> netlink attributes, and the dp/port reply parsers,
 * on message buffers built with libmnl.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "attrs.h"
#include "dp.h"
#include "flow_text.h"
#include "match.h"
#include "nl.h"
#include "port.h"
#include "tap.h"
#include "util.h"

/* Room for a message, aligned as netlink wants. */
static __u64 msgbuf[WEFT_NL_REQ_SIZE / 8];

static struct nlmsghdr *new_msg(__u8 cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	memset(msgbuf, 0, sizeof(msgbuf));
	nlh = mnl_nlmsg_put_header(msgbuf);
	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = WEFT_GENL_VERSION;
	return nlh;
}

static const char *const nl_flows[] = {
	"actions=drop",
	"priority=100,ip,in_port=1,nw_dst=10.0.0.0/24,actions=output:2",
	"table=7,cookie=0xfedcba9876543210,priority=0,send_flow_rem,no_byte_counts,idle_timeout=1,hard_timeout=65535,actions=in_port,flood,all,local,1,65279",
	"dl_src=00:11:22:33:44:55,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,dl_vlan=10,dl_vlan_pcp=7,actions=drop",
	"dl_vlan_pcp=2,actions=drop",
	"vlan_tci=0x1005/0x1f0f,actions=drop",
	"dl_vlan=0xffff,actions=drop",
	"tcp,nw_src=1.2.3.4/255.0.255.0,nw_tos=252,nw_ecn=2,tp_src=1,tp_dst=0x8000/0x8000,actions=drop",
	"udp,udp_src=53,udp_dst=5353/0xfff0,actions=drop",
	"sctp,sctp_src=1,sctp_dst=2,actions=drop",
	"icmp,icmp_type=0,icmp_code=255,actions=drop",
	"dl_type=0x88cc,actions=LOCAL",
	"in_port=LOCAL,actions=output:1",
};

static void test_flow_round_trips(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nl_flows); i++) {
		static const enum weft_flow_op ops[] = {
			WEFT_FLOW_OP_ADD, WEFT_FLOW_OP_MOD, WEFT_FLOW_OP_DEL
		};
		size_t j;

		for (j = 0; j < 3; j++) {
			struct weft_flow flow, back;
			struct nlmsghdr *nlh;
			char err[256], text[512];
			bool strict = j == 2 && (i & 1);
			int ret;

			/* Deletes take no actions: cut them off. */
			snprintf(text, sizeof(text), "%s", nl_flows[i]);
			if (ops[j] == WEFT_FLOW_OP_DEL) {
				char *a = strstr(text, "actions=");

				*a = '\0';
				/* ... and no flow flags or timeouts. */
				if (strstr(text, "send_flow_rem") ||
				    (!strict && strstr(text, "priority")))
					continue;
			}
			ret = weft_flow_from_str(&flow, text, ops[j], strict,
						 NULL, NULL, err, sizeof(err));
			if (!weft_tap_ok(ret == 0, "parse \"%s\" (op %zu)", text, j)) {
				weft_tap_diag("%s", err);
				continue;
			}
			nlh = new_msg(WEFT_CMD_FLOW_NEW);
			ret = weft_flow_nl_put(nlh, sizeof(msgbuf), &flow);
			weft_tap_ok(ret == 0, "put \"%s\" (op %zu)", text, j);
			ret = weft_flow_msg_parse(nlh, &back);
			weft_tap_ok(ret == 0 && !memcmp(&flow, &back, sizeof(flow)),
				    "netlink round trip of \"%s\" (op %zu)", text, j);
		}
	}
}

/* The attributes must look exactly as the ABI describes. */
static void test_flow_encoding(void)
{
	const struct nlattr *tb[WEFT_FLOW_A_MAX + 1];
	const struct nlattr *top[WEFT_A_MAX + 1];
	const struct nlattr *key[WEFT_KEY_A_MAX + 1];
	const struct nlattr *mask[WEFT_KEY_A_MAX + 1];
	const struct nlattr *inst[WEFT_INST_A_MAX + 1];
	const struct nlattr *attr;
	struct weft_flow flow;
	struct nlmsghdr *nlh;
	char err[256];
	int n, ret;
	__u32 prev_len;

	ret = weft_flow_from_str(&flow,
				 "priority=7,cookie=0x0102030405060708,tcp,nw_dst=10.1.0.0/16,tp_dst=80,actions=3,LOCAL",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	nlh = new_msg(WEFT_CMD_FLOW_NEW);
	ret = ret ?: weft_flow_nl_put(nlh, sizeof(msgbuf), &flow);
	ret = ret ?: weft_attr_parse_msg(nlh, top);
	if (!weft_tap_ok(!ret && top[WEFT_A_FLOW], "encode a flow"))
		return;
	weft_tap_ok(top[WEFT_A_FLOW]->nla_type & NLA_F_NESTED,
		    "WEFT_A_FLOW carries NLA_F_NESTED");
	weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, tb);
	weft_tap_ok(tb[WEFT_FLOW_A_PRIORITY] &&
		    mnl_attr_get_u16(tb[WEFT_FLOW_A_PRIORITY]) == 7,
		    "priority is a u16");
	weft_tap_ok(tb[WEFT_FLOW_A_COOKIE] &&
		    mnl_attr_get_u64(tb[WEFT_FLOW_A_COOKIE]) == 0x0102030405060708ULL,
		    "cookie is a host-order u64");
	weft_tap_ok(!tb[WEFT_FLOW_A_TABLE] && !tb[WEFT_FLOW_A_STRICT] &&
		    !tb[WEFT_FLOW_A_COOKIE_MASK] && !tb[WEFT_FLOW_A_FLAGS] &&
		    !tb[WEFT_FLOW_A_STATS],
		    "attributes not given are not sent");
	n = 0;
	mnl_attr_for_each_nested(attr, top[WEFT_A_FLOW])
		n += mnl_attr_get_type(attr) == WEFT_FLOW_A_PAD;
	weft_tap_ok(n == 0, "no WEFT_FLOW_A_PAD in requests");

	weft_attr_parse_nested(tb[WEFT_FLOW_A_KEY], &weft_attrs_key, key);
	weft_attr_parse_nested(tb[WEFT_FLOW_A_MASK], &weft_attrs_key, mask);
	weft_tap_ok(key[WEFT_KEY_A_ETH_TYPE] &&
		    !memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_ETH_TYPE]),
			    "\x08\x00", 2),
		    "ETH_TYPE is big-endian 08 00");
	weft_tap_ok(key[WEFT_KEY_A_IP_PROTO] &&
		    mnl_attr_get_u8(key[WEFT_KEY_A_IP_PROTO]) == 6,
		    "IP_PROTO 6");
	weft_tap_ok(key[WEFT_KEY_A_IPV4_DST] &&
		    !memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_IPV4_DST]),
			    "\x0a\x01\x00\x00", 4) &&
		    mask[WEFT_KEY_A_IPV4_DST] &&
		    !memcmp(mnl_attr_get_payload(mask[WEFT_KEY_A_IPV4_DST]),
			    "\xff\xff\x00\x00", 4),
		    "IPV4_DST and its /16 mask in network order");
	weft_tap_ok(key[WEFT_KEY_A_TCP_DST] &&
		    !memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_TCP_DST]),
			    "\x00\x50", 2) && !mask[WEFT_KEY_A_TCP_DST],
		    "TCP_DST 80 big-endian, exact so absent from MASK");
	n = 0;
	mnl_attr_for_each_nested(attr, tb[WEFT_FLOW_A_MASK])
		n++;
	weft_tap_ok(n == 1, "MASK holds only the masked field (%d)", n);
	weft_tap_ok(!key[WEFT_KEY_A_IN_PORT] && !key[WEFT_KEY_A_ETH_SRC],
		    "wildcarded fields are absent from KEY");

	weft_attr_parse_nested(tb[WEFT_FLOW_A_INSTRUCTIONS], &weft_attrs_inst,
			       inst);
	n = 0;
	if (inst[WEFT_INST_A_APPLY_ACTIONS]) {
		__u32 want[] = { 3, WEFT_PORT_LOCAL };

		mnl_attr_for_each_nested(attr, inst[WEFT_INST_A_APPLY_ACTIONS]) {
			if (mnl_attr_get_type(attr) == WEFT_ACT_A_OUTPUT && n < 2 &&
			    mnl_attr_get_u32(attr) == want[n])
				n++;
			else
				n = 100;
		}
	}
	weft_tap_ok(n == 2, "APPLY_ACTIONS: OUTPUT 3, OUTPUT LOCAL in order");

	/* A drop flow sends an empty instruction list. */
	weft_flow_from_str(&flow, "actions=drop", WEFT_FLOW_OP_MOD, true, NULL,
			   NULL, err, sizeof(err));
	nlh = new_msg(WEFT_CMD_FLOW_SET);
	weft_flow_nl_put(nlh, sizeof(msgbuf), &flow);
	weft_attr_parse_msg(nlh, top);
	weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, tb);
	weft_tap_ok(tb[WEFT_FLOW_A_INSTRUCTIONS] &&
		    mnl_attr_get_payload_len(tb[WEFT_FLOW_A_INSTRUCTIONS]) == 0 &&
		    tb[WEFT_FLOW_A_STRICT] &&
		    mnl_attr_get_payload_len(tb[WEFT_FLOW_A_STRICT]) == 0 &&
		    !tb[WEFT_FLOW_A_KEY] && !tb[WEFT_FLOW_A_MASK],
		    "strict drop: empty INSTRUCTIONS, STRICT flag, no KEY/MASK");

	/* Create-or-fail is an attribute, a flag, not NLM_F_EXCL. */
	weft_flow_from_str(&flow, "actions=drop", WEFT_FLOW_OP_ADD, false, NULL,
			   NULL, err, sizeof(err));
	flow.attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);
	nlh = new_msg(WEFT_CMD_FLOW_NEW);
	weft_flow_nl_put(nlh, sizeof(msgbuf), &flow);
	weft_attr_parse_msg(nlh, top);
	weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, tb);
	weft_tap_ok(tb[WEFT_FLOW_A_EXCL] &&
		    mnl_attr_get_payload_len(tb[WEFT_FLOW_A_EXCL]) == 0 &&
		    !tb[WEFT_FLOW_A_STRICT],
		    "WEFT_FLOW_A_EXCL is sent as a flag");
	{
		struct weft_flow back;

		weft_tap_ok(!weft_flow_msg_parse(nlh, &back) &&
			    !memcmp(&flow, &back, sizeof(flow)),
			    "WEFT_FLOW_A_EXCL round trip");
	}

	/* Out of room: fail cleanly and leave the message as it was. */
	nlh = new_msg(WEFT_CMD_FLOW_NEW);
	prev_len = nlh->nlmsg_len;
	weft_flow_from_str(&flow, "tcp,nw_dst=1.2.3.4,actions=1,2,3",
			   WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
			   sizeof(err));
	ret = weft_flow_nl_put(nlh, prev_len + 40, &flow);
	weft_tap_ok(ret == -EMSGSIZE && nlh->nlmsg_len == prev_len,
		    "put into a short buffer: -EMSGSIZE, message unchanged");
}

/* A reply as the kernel would build it, with what requests never carry. */
static void test_flow_reply(void)
{
	struct nlattr *flow_nest, *nest, *apply;
	struct weft_flow flow;
	struct nlmsghdr *nlh;
	char text[1024];
	__u32 full = 0xffffffff;
	int ret;

	nlh = new_msg(WEFT_CMD_FLOW_GET);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	flow_nest = mnl_attr_nest_start(nlh, WEFT_A_FLOW);
	mnl_attr_put_u8(nlh, WEFT_FLOW_A_TABLE, 1);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_PRIORITY, 100);
	nest = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_ETH_TYPE, htons(0x0800));
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IPV4_DST, htonl(0x0a000001));
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 4);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_MAX + 1, htons(2)); /* newer */
	mnl_attr_nest_end(nlh, nest);
	/* A kernel may echo a mask for every field, exact ones included. */
	nest = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_ETH_TYPE, 0xffff);
	mnl_attr_put(nlh, WEFT_KEY_A_IPV4_DST, 4, &full);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 0xffffffff);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put(nlh, WEFT_FLOW_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, WEFT_FLOW_A_COOKIE, 0xab);
	mnl_attr_put_u32(nlh, WEFT_FLOW_A_FLAGS, WEFT_FLOW_F_RESET_COUNTS);
	nest = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
	apply = mnl_attr_nest_start(nlh, WEFT_INST_A_APPLY_ACTIONS);
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, 2);
	mnl_attr_put(nlh, WEFT_ACT_A_MAX + 1, 0, NULL);	/* newer */
	mnl_attr_nest_end(nlh, apply);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, WEFT_FLOW_A_STATS);
	mnl_attr_put(nlh, WEFT_FLOW_STATS_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, WEFT_FLOW_STATS_A_PACKETS, 3);
	mnl_attr_put_u64(nlh, WEFT_FLOW_STATS_A_BYTES, 294);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u64(nlh, WEFT_FLOW_A_DURATION, 1234);
	mnl_attr_nest_end(nlh, flow_nest);

	ret = weft_flow_msg_parse(nlh, &flow);
	weft_tap_ok(ret == 0, "parse a kernel-style flow reply");
	weft_tap_ok(flow.match.masked == 0,
		    "all-ones masks read back as exact matches");
	weft_tap_ok(flow.match.unknown == WEFT_BIT(WEFT_KEY_A_MAX + 1),
		    "a field we cannot decode is remembered");
	weft_tap_ok(!(flow.attrs & WEFT_BIT(WEFT_FLOW_A_USED)),
		    "no USED: never hit");
	weft_flow_format(&flow, text, sizeof(text));
	weft_tap_str(text,
		     "cookie=0xab, duration=1.234s, table=1, n_packets=3, n_bytes=294, reset_counts idle_age=1, priority=100,ip,in_port=4,nw_dst=10.0.0.1,unknown_field=? actions=output:2,unknown_action(?)",
		     "reply formats like dump-flows, unknowns shown");
}

static int parse_flow_nest(void (*build)(struct nlmsghdr *nlh))
{
	struct weft_flow flow;
	struct nlmsghdr *nlh = new_msg(WEFT_CMD_FLOW_GET);
	struct nlattr *nest = mnl_attr_nest_start(nlh, WEFT_A_FLOW);

	build(nlh);
	mnl_attr_nest_end(nlh, nest);
	return weft_flow_msg_parse(nlh, &flow);
}

static void bad_mask_for_absent(struct nlmsghdr *nlh)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);

	mnl_attr_put_u32(nlh, WEFT_KEY_A_IPV4_DST, 0xffffff00);
	mnl_attr_nest_end(nlh, n);
}

static void bad_key_len(struct nlmsghdr *nlh)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);

	mnl_attr_put_u16(nlh, WEFT_KEY_A_IPV4_DST, 1);
	mnl_attr_nest_end(nlh, n);
}

static void bad_priority_len(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, WEFT_FLOW_A_PRIORITY, 1);
}

static void bad_zero_mask(struct nlmsghdr *nlh)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);

	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 0);
	mnl_attr_nest_end(nlh, n);
}

static void bad_output_len(struct nlmsghdr *nlh)
{
	struct nlattr *i = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
	struct nlattr *a = mnl_attr_nest_start(nlh, WEFT_INST_A_APPLY_ACTIONS);

	mnl_attr_put_u16(nlh, WEFT_ACT_A_OUTPUT, 1);
	mnl_attr_nest_end(nlh, a);
	mnl_attr_nest_end(nlh, i);
}

static void test_flow_bad_replies(void)
{
	struct weft_flow flow;
	struct nlmsghdr *nlh;

	weft_tap_ok(parse_flow_nest(bad_mask_for_absent) == -EPROTO,
		    "MASK for a field KEY lacks: -EPROTO");
	weft_tap_ok(parse_flow_nest(bad_key_len) == -EPROTO,
		    "KEY field of the wrong length: -EPROTO");
	weft_tap_ok(parse_flow_nest(bad_priority_len) == -EPROTO,
		    "PRIORITY of the wrong length: -EPROTO");
	weft_tap_ok(parse_flow_nest(bad_zero_mask) == -EPROTO,
		    "all-zero MASK for a KEY field: -EPROTO");
	weft_tap_ok(parse_flow_nest(bad_output_len) == -EPROTO,
		    "OUTPUT of the wrong length: -EPROTO");
	nlh = new_msg(WEFT_CMD_FLOW_GET);
	weft_tap_ok(weft_flow_msg_parse(nlh, &flow) == -EPROTO,
		    "reply without WEFT_A_FLOW: -EPROTO");
}

static void test_dp_port_replies(void)
{
	struct weft_port_info port;
	struct weft_dp_info dp;
	struct nlmsghdr *nlh;
	struct nlattr *nest, *stats;
	int ret;

	nlh = new_msg(WEFT_CMD_DP_GET);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 7);
	mnl_attr_put_u32(nlh, WEFT_A_DP_FLAGS, 0);
	mnl_attr_put_u32(nlh, WEFT_A_DP_N_PORTS, 3);
	mnl_attr_put_u32(nlh, WEFT_A_DP_N_FLOWS, 2);
	nest = mnl_attr_nest_start(nlh, WEFT_A_DP_STATS);
	mnl_attr_put(nlh, WEFT_DP_STATS_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, WEFT_DP_STATS_A_LOOKUPS, 10);
	mnl_attr_put_u64(nlh, WEFT_DP_STATS_A_HITS, 8);
	mnl_attr_put_u64(nlh, WEFT_DP_STATS_A_MISSES, 2);
	mnl_attr_put_u64(nlh, WEFT_DP_STATS_A_LOST, 1ULL << 40);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, 200, 1);	/* from a newer kernel */
	ret = weft_dp_msg_parse(nlh, &dp);
	weft_tap_ok(ret == 0 && !strcmp(dp.name, "dp0") && dp.ifindex == 7 &&
		    dp.n_ports == 3 && dp.n_flows == 2 &&
		    dp.stats.lookups == 10 && dp.stats.hits == 8 &&
		    dp.stats.misses == 2 && dp.stats.lost == 1ULL << 40,
		    "datapath reply parsed, pads and unknown attributes skipped");

	nlh = new_msg(WEFT_CMD_DP_GET);
	mnl_attr_put(nlh, WEFT_A_DP_NAME, 3, "dp0");	/* no NUL */
	weft_tap_ok(weft_dp_msg_parse(nlh, &dp) == -EPROTO,
		    "unterminated name: -EPROTO");

	nlh = new_msg(WEFT_CMD_PORT_GET);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 7);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, WEFT_PORT_LOCAL);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_IFINDEX, 7);
	mnl_attr_put(nlh, WEFT_PORT_A_ADDRESS, 6, "\x02\x00\x00\x00\x00\x01");
	mnl_attr_put_u32(nlh, WEFT_PORT_A_MTU, 1500);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_STATE, WEFT_PORT_S_LINK_DOWN);
	stats = mnl_attr_nest_start(nlh, WEFT_PORT_A_STATS);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_RX_PACKETS, 1);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_RX_BYTES, 2);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_TX_PACKETS, 3);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_TX_BYTES, 4);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_RX_DROPPED, 5);
	mnl_attr_put_u64(nlh, WEFT_PORT_STATS_A_TX_DROPPED, 6);
	mnl_attr_nest_end(nlh, stats);
	mnl_attr_nest_end(nlh, nest);
	ret = weft_port_msg_parse(nlh, &port);
	weft_tap_ok(ret == 0 && !strcmp(port.dp_name, "dp0") &&
		    port.port_no == WEFT_PORT_LOCAL && !strcmp(port.name, "dp0") &&
		    port.type == WEFT_PORT_TYPE_INTERNAL && port.mtu == 1500 &&
		    port.address[5] == 1 && port.state == WEFT_PORT_S_LINK_DOWN &&
		    port.stats.rx_packets == 1 && port.stats.tx_dropped == 6,
		    "port reply parsed");

	nlh = new_msg(WEFT_CMD_PORT_GET);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put(nlh, WEFT_PORT_A_ADDRESS, 4, "\x02\x00\x00\x00");
	mnl_attr_nest_end(nlh, nest);
	weft_tap_ok(weft_port_msg_parse(nlh, &port) == -EPROTO,
		    "4-byte port address: -EPROTO");

	nlh = new_msg(WEFT_CMD_PORT_GET);
	mnl_attr_put_u32(nlh, WEFT_A_DP_NAME, 0);
	nlh->nlmsg_len -= 2;	/* truncate the last attribute */
	weft_tap_ok(weft_dp_msg_parse(nlh, &dp) == -EPROTO,
		    "truncated attribute stream: -EPROTO");
}

void weft_test_match_nl(void)
{
	test_flow_round_trips();
	test_flow_encoding();
	test_flow_reply();
	test_flow_bad_replies();
	test_dp_port_replies();
}
