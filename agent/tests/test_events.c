// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding what the kernel sends besides plain replies: traces, packet-ins
 * (with the frame decoder), removed flows, datapath and port events, and
 * table replies; each from a message built here as the kernel would, then
 * printed as weftctl prints it, in text and JSON.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "nl.h"
#include "packet.h"
#include "print.h"
#include "show.h"
#include "tap.h"
#include "trace.h"
#include "util.h"

static __u64 msgbuf[16384];

static struct nlmsghdr *msg(__u8 cmd)
{
	memset(msgbuf, 0, sizeof(msgbuf));
	return weft_nl_msg_init(msgbuf, 0x20, cmd, 0);
}

/* Text or JSON that a printing function writes. */
struct cap {
	char *buf;
	size_t len;
	FILE *fp;
};

static void cap_start(struct cap *c, bool json)
{
	c->buf = NULL;
	c->fp = open_memstream(&c->buf, &c->len);
	weft_print_init(c->fp, json, false);
}

static char *cap_end(struct cap *c)
{
	fclose(c->fp);
	return c->buf;
}

static const __u8 mac_a[6] = { 0, 0, 0, 0, 0, 1 }, mac_b[6] = { 0, 0, 0, 0, 0, 2 };

static void put_flow(struct nlmsghdr *nlh, __u16 type)
{
	struct nlattr *f, *k, *i, *s;

	f = mnl_attr_nest_start(nlh, type);
	mnl_attr_put_u8(nlh, WEFT_FLOW_A_TABLE, 0);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_PRIORITY, 100);
	k = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_ETH_TYPE, htons(0x0800));
	mnl_attr_nest_end(nlh, k);
	mnl_attr_put_u64(nlh, WEFT_FLOW_A_COOKIE, 5);
	mnl_attr_put_u32(nlh, WEFT_FLOW_A_FLAGS, WEFT_FLOW_F_SEND_FLOW_REM);
	i = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
	mnl_attr_put_u8(nlh, WEFT_INST_A_GOTO_TABLE, 1);
	mnl_attr_nest_end(nlh, i);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_IDLE_TIMEOUT, 10);
	mnl_attr_put_u8(nlh, WEFT_FLOW_A_REASON, WEFT_FLOW_REMOVED_IDLE_TIMEOUT);
	mnl_attr_put_u64(nlh, WEFT_FLOW_A_DURATION, 1500);
	s = mnl_attr_nest_start(nlh, WEFT_FLOW_A_STATS);
	mnl_attr_put_u64(nlh, WEFT_FLOW_STATS_A_PACKETS, 3);
	mnl_attr_put_u64(nlh, WEFT_FLOW_STATS_A_BYTES, 294);
	mnl_attr_nest_end(nlh, s);
	mnl_attr_nest_end(nlh, f);
}

static struct nlmsghdr *trace_reply(void)
{
	struct nlmsghdr *nlh = msg(WEFT_CMD_TRACE);
	struct nlattr *t, *s, *k, *a;
	__be32 src = htonl(0x0a000001), dst = htonl(0x0a000002);

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	t = mnl_attr_nest_start(nlh, WEFT_A_TRACE);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_STEP);
	mnl_attr_put_u8(nlh, WEFT_STEP_A_TABLE, 0);
	put_flow(nlh, WEFT_STEP_A_FLOW);
	mnl_attr_nest_end(nlh, s);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_STEP);
	mnl_attr_put_u8(nlh, WEFT_STEP_A_TABLE, 1);
	mnl_attr_put_u32(nlh, WEFT_STEP_A_MISS, WEFT_TABLE_MISS_CONTINUE);
	mnl_attr_nest_end(nlh, s);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_STEP);
	mnl_attr_put_u8(nlh, WEFT_STEP_A_TABLE, 2);
	mnl_attr_put_u32(nlh, WEFT_STEP_A_MISS, WEFT_TABLE_MISS_CONTROLLER);
	mnl_attr_nest_end(nlh, s);
	k = mnl_attr_nest_start(nlh, WEFT_TRACE_A_KEY);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PHY_PORT, 1);
	mnl_attr_put(nlh, WEFT_KEY_A_ETH_SRC, 6, mac_a);
	mnl_attr_put(nlh, WEFT_KEY_A_ETH_DST, 6, mac_b);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_ETH_TYPE, htons(0x0800));
	mnl_attr_put_u16(nlh, WEFT_KEY_A_VLAN_VID, 0);
	mnl_attr_put_u8(nlh, WEFT_KEY_A_IP_DSCP, 0);
	mnl_attr_put_u8(nlh, WEFT_KEY_A_IP_ECN, 0);
	mnl_attr_put_u8(nlh, WEFT_KEY_A_IP_PROTO, 6);
	mnl_attr_put_u8(nlh, WEFT_KEY_A_IP_FRAG, 0);
	mnl_attr_put(nlh, WEFT_KEY_A_IPV4_SRC, 4, &src);
	mnl_attr_put(nlh, WEFT_KEY_A_IPV4_DST, 4, &dst);
	mnl_attr_put_u16(nlh, WEFT_KEY_A_TCP_SRC, htons(1000));
	mnl_attr_put_u16(nlh, WEFT_KEY_A_TCP_DST, htons(80));
	mnl_attr_put_u16(nlh, WEFT_KEY_A_TCP_FLAGS, htons(2));
	mnl_attr_put_u64(nlh, WEFT_KEY_A_METADATA, 3);
	mnl_attr_nest_end(nlh, k);
	a = mnl_attr_nest_start(nlh, WEFT_TRACE_A_ACTION_SET);
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, 2);
	mnl_attr_nest_end(nlh, a);
	a = mnl_attr_nest_start(nlh, WEFT_TRACE_A_OUTPUTS);
	mnl_attr_put_u32(nlh, WEFT_TRACE_A_OUTPUT, 3);
	mnl_attr_put_u32(nlh, WEFT_TRACE_A_OUTPUT, WEFT_PORT_LOCAL);
	mnl_attr_put_u32(nlh, WEFT_TRACE_A_OUTPUT, WEFT_PORT_CONTROLLER);
	mnl_attr_nest_end(nlh, a);
	mnl_attr_nest_end(nlh, t);
	return nlh;
}

static void test_trace(void)
{
	struct weft_trace *t = malloc(sizeof(*t));
	struct nlattr *n, *s;
	struct nlmsghdr *nlh;
	struct cap c;
	char *out;
	int ret;

	ret = weft_trace_msg_parse(trace_reply(), t);
	weft_tap_ok(ret == 0 && t->n_steps == 3 && !t->steps[0].miss &&
		    t->steps[0].flow.priority == 100 && t->steps[1].miss &&
		    t->steps[1].miss_kind == WEFT_TABLE_MISS_CONTINUE &&
		    t->action_set.n == 1 && t->n_out == 3 &&
		    t->out[2] == WEFT_PORT_CONTROLLER && !t->dropped,
		    "trace reply parsed: steps, key, action set, outputs");
	cap_start(&c, false);
	weft_show_trace(t);
	out = cap_end(&c);
	weft_tap_str(out,
		     "table 0: cookie=0x5 priority=100,ip actions=goto_table:1\n"
		     "table 1: miss -> continue\n"
		     "table 2: miss -> controller\n"
		     "Final flow: tcp,metadata=0x3,in_port=1,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,"
		     "dl_dst=00:00:00:00:00:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,"
		     "nw_frag=no,tp_src=1000,tp_dst=80,tcp_flags=syn\n"
		     "Action set: output:2\n"
		     "Datapath actions: output 3, output LOCAL, controller\n",
		     "trace text, ofproto/trace style");
	free(out);
	cap_start(&c, true);
	weft_show_trace(t);
	weft_print_finish();
	out = cap_end(&c);
	weft_tap_str(out,
		     "{\"steps\":[{\"table\":0,\"flow\":\"priority=100,ip actions=goto_table:1\",\"cookie\":5},"
		     "{\"table\":1,\"miss\":\"continue\"},{\"table\":2,\"miss\":\"controller\"}],"
		     "\"final_flow\":\"tcp,metadata=0x3,in_port=1,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,"
		     "dl_dst=00:00:00:00:00:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,"
		     "nw_frag=no,tp_src=1000,tp_dst=80,tcp_flags=syn\",\"action_set\":\"output:2\","
		     "\"outputs\":[\"3\",\"LOCAL\",\"CONTROLLER\"],"
		     "\"datapath_actions\":\"output 3, output LOCAL, controller\",\"dropped\":false}\n",
		     "trace JSON: one line, the documented keys");
	weft_tap_ok(weft_test_json_valid(out), "trace JSON parses");
	free(out);

	/* Nothing went out: "drop"; and a dropped packet says so. */
	memset(t, 0, sizeof(*t));
	t->dropped = true;
	cap_start(&c, false);
	weft_show_trace(t);
	out = cap_end(&c);
	weft_tap_ok(strstr(out, "Datapath actions: drop\n") &&
		    strstr(out, "Action set: (empty)\n") &&
		    strstr(out, "dropped on the way"), "empty trace: drop");
	free(out);

	/* A step with both a flow and a miss is no step. */
	nlh = msg(WEFT_CMD_TRACE);
	n = mnl_attr_nest_start(nlh, WEFT_A_TRACE);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_STEP);
	mnl_attr_put_u8(nlh, WEFT_STEP_A_TABLE, 0);
	mnl_attr_put_u32(nlh, WEFT_STEP_A_MISS, 0);
	put_flow(nlh, WEFT_STEP_A_FLOW);
	mnl_attr_nest_end(nlh, s);
	mnl_attr_nest_end(nlh, n);
	weft_tap_ok(weft_trace_msg_parse(nlh, t) == -EPROTO,
		    "step with flow and miss: -EPROTO");
	nlh = msg(WEFT_CMD_TRACE);
	n = mnl_attr_nest_start(nlh, WEFT_A_TRACE);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_OUTPUTS);
	mnl_attr_put_u16(nlh, WEFT_TRACE_A_OUTPUT, 1);
	mnl_attr_nest_end(nlh, s);
	mnl_attr_nest_end(nlh, n);
	weft_tap_ok(weft_trace_msg_parse(nlh, t) == -EPROTO,
		    "16-bit output port: -EPROTO");
	weft_tap_ok(weft_trace_msg_parse(msg(WEFT_CMD_TRACE), t) == -EPROTO,
		    "reply without WEFT_A_TRACE: -EPROTO");
	free(t);
}

/* An ICMP echo request from 10.0.0.1 to 10.0.0.2, 98 bytes. */
static size_t icmp_frame(__u8 *f)
{
	static const __u8 head[] = {
		0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00,
		0x45, 0x00, 0x00, 0x54, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01,
		0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2,
		8, 0, 0, 0, 0, 1, 0, 1,
	};

	memset(f, 0xab, 98);
	memcpy(f, head, sizeof(head));
	return 98;
}

static char *event(const struct nlmsghdr *nlh, bool json, const char *dp,
		   int *ret)
{
	struct cap c;

	cap_start(&c, json);
	*ret = weft_show_event(nlh, dp);
	return cap_end(&c);
}

static void test_packet_in(void)
{
	struct nlmsghdr *nlh = msg(WEFT_CMD_PACKET_IN);
	struct weft_packet_in pi;
	struct nlattr *p, *k;
	__u8 frame[128];
	size_t len = icmp_frame(frame);
	char *out;
	int ret;

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 9);
	p = mnl_attr_nest_start(nlh, WEFT_A_PACKET);
	mnl_attr_put_u8(nlh, WEFT_PACKET_A_REASON, WEFT_PACKET_IN_NO_MATCH);
	mnl_attr_put_u8(nlh, WEFT_PACKET_A_TABLE, 1);
	mnl_attr_put(nlh, WEFT_PACKET_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, WEFT_PACKET_A_COOKIE, ~0ULL);
	mnl_attr_put_u32(nlh, WEFT_PACKET_A_IN_PORT, 1);
	mnl_attr_put_u32(nlh, WEFT_PACKET_A_TOTAL_LEN, 98);
	k = mnl_attr_nest_start(nlh, WEFT_PACKET_A_KEY);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PHY_PORT, 1);
	mnl_attr_put_u64(nlh, WEFT_KEY_A_METADATA, 5);
	mnl_attr_nest_end(nlh, k);
	mnl_attr_put(nlh, WEFT_PACKET_A_DATA, len - 34, frame);	/* max_len */
	mnl_attr_nest_end(nlh, p);

	ret = weft_packet_in_parse(nlh, &pi);
	weft_tap_ok(ret == 0 && !strcmp(pi.dp_name, "dp0") && pi.table == 1 &&
		    pi.cookie == ~0ULL && pi.in_port == 1 && pi.total_len == 98 &&
		    pi.data_len == 64 && pi.key.key.metadata == 5,
		    "packet-in parsed");
	out = event(nlh, false, NULL, &ret);
	weft_tap_str(out,
		     "packet_in dp0: table_id=1 total_len=98 metadata=0x5,in_port=1 (via no_match) data_len=64 "
		     "icmp,in_port=1,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,"
		     "nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_frag=no,icmp_type=8,icmp_code=0\n",
		     "packet-in line, as ovs-ofctl monitor");
	weft_tap_ok(ret == 1, "packet-in: printed");
	free(out);
	out = event(nlh, true, NULL, &ret);
	weft_tap_ok(weft_test_json_valid(out) && strchr(out, '\n') == out + strlen(out) - 1 &&
		    strstr(out, "\"event\":\"packet_in\",\"dp\":\"dp0\",\"table\":1,") &&
		    strstr(out, "\"cookie\":18446744073709551615") &&
		    strstr(out, "\"reason\":\"no_match\"") &&
		    strstr(out, "\"metadata\":5") && strstr(out, "\"data_len\":64") &&
		    strstr(out, "\"data\":\"000000000002000000000001080045"),
		    "packet-in JSON: one line with the fields: %s", out);
	free(out);
	out = event(nlh, false, "dp1", &ret);
	weft_tap_ok(ret == 0 && !out[0], "packet-in of another datapath: filtered");
	free(out);
}

struct frame_case {
	const char *what;
	const char *hex;
	const char *want;
};

static const struct frame_case frames[] = {
	{ "VLAN-tagged UDP",
	  "000000000002000000000001810060650800450000200000000040110000c0a80001c0a8000200350035000c0000",
	  "udp,dl_vlan=101,dl_vlan_pcp=3,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,"
	  "nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_frag=no,tp_src=53,tp_dst=53" },
	{ "IPv6 TCP SYN, traffic class and label",
	  "00000000000200000000000186dd6b812345001406402001"
	  "0db800000000000000000000000120010db8000000000000000000000002"
	  "04d200500000000000000000500200000000" "0000",
	  "tcp6,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,"
	  "ipv6_src=2001:db8::1,ipv6_dst=2001:db8::2,ipv6_label=0x12345,nw_tos=184,"
	  "nw_ecn=0,nw_frag=no,tp_src=1234,tp_dst=80,tcp_flags=syn" },
	{ "ARP request",
	  "ffffffffffff00000000000108060001080006040001000000000001"
	  "0a000001000000000000" "0a000002",
	  "arp,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,"
	  "arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_op=1,arp_sha=00:00:00:00:00:01,"
	  "arp_tha=00:00:00:00:00:00" },
	{ "ICMPv6 neighbour solicitation with source link-layer option",
	  "3333ff00000200000000000186dd6000000000203aff"
	  "fe800000000000000000000000000001ff020000000000000000000000000002"
	  "87000000000000002001" "0db8000000000000000000000002" "0101000000000001",
	  "icmp6,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=33:33:ff:00:00:02,"
	  "ipv6_src=fe80::1,ipv6_dst=ff02::2,ipv6_label=0x00000,nw_tos=0,nw_ecn=0,nw_frag=no,"
	  "icmp_type=135,icmp_code=0,nd_target=2001:db8::2,nd_sll=00:00:00:00:00:01" },
	{ "MPLS label 16, bottom of stack",
	  "0000000000020000000000018847000101ff45",
	  "mpls,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,"
	  "mpls_label=16,mpls_tc=0,mpls_bos=1" },
	{ "IPv4 later fragment: no ports",
	  "0000000000020000000000010800450000200000000a40060000c0a80001c0a800020035",
	  "tcp,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,"
	  "nw_src=192.168.0.1,nw_dst=192.168.0.2,nw_tos=0,nw_ecn=0,nw_frag=later" },
	{ "802.3 length field", "00000000000200000000000100260000",
	  "vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02,dl_type=0x05ff" },
	{ "truncated IPv4 header", "000000000002000000000001080045000020",
	  "ip,vlan_tci=0x0000,dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:02" },
	{ "shorter than Ethernet", "0000000000", "" },
};

static void test_frames(void)
{
	struct weft_match m;
	__u8 frame[256];
	char got[1024];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(frames); i++) {
		n = 0;
		if (!weft_tap_ok(!weft_parse_hex(frames[i].hex, strlen(frames[i].hex),
						 frame, sizeof(frame), &n),
				 "frame hex of %s", frames[i].what))
			continue;
		weft_frame_decode(frame, n, &m);
		weft_match_format(&m, got, sizeof(got));
		weft_tap_str(got, frames[i].want, "decode %s", frames[i].what);
	}
}

static void test_flow_removed(void)
{
	struct nlmsghdr *nlh = msg(WEFT_CMD_FLOW_REMOVED);
	char *out;
	int ret;

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 9);
	put_flow(nlh, WEFT_A_FLOW);
	out = event(nlh, false, "dp0", &ret);
	weft_tap_str(out, "flow_removed dp0: priority=100,ip reason=idle table_id=0 cookie:0x5 "
		     "duration1.500s idle10 pkts3 bytes294\n",
		     "flow removed line, as ovs-ofctl monitor");
	free(out);
	out = event(nlh, true, NULL, &ret);
	weft_tap_str(out, "{\"event\":\"flow_removed\",\"dp\":\"dp0\",\"reason\":\"idle\",\"table\":0,"
		     "\"priority\":100,\"cookie\":5,\"duration_ms\":1500,\"idle_timeout\":10,"
		     "\"hard_timeout\":0,\"n_packets\":3,\"n_bytes\":294,\"match\":\"priority=100,ip\"}\n",
		     "flow removed JSON");
	free(out);
}

static void test_dp_port_events(void)
{
	struct nlmsghdr *nlh;
	struct nlattr *p;
	char *out;
	int ret;

	nlh = msg(WEFT_CMD_DP_NEW);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 5);
	out = event(nlh, false, NULL, &ret);
	weft_tap_str(out, "dp new dp0 ifindex 5\n", "dp new event");
	free(out);
	out = event(nlh, true, NULL, &ret);
	weft_tap_str(out, "{\"event\":\"dp_new\",\"dp\":\"dp0\",\"ifindex\":5}\n",
		     "dp new event JSON");
	free(out);

	nlh = msg(WEFT_CMD_PORT_DEL);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	p = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, 1);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, "veth0");
	mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_NETDEV);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_REASON, WEFT_PORT_REASON_GONE);
	mnl_attr_nest_end(nlh, p);
	out = event(nlh, false, NULL, &ret);
	weft_tap_str(out, "port del dp0 port 1 (veth0) type netdev reason gone\n",
		     "port del event, with its reason");
	free(out);
	out = event(nlh, true, NULL, &ret);
	weft_tap_str(out, "{\"event\":\"port_del\",\"dp\":\"dp0\",\"port_no\":1,\"name\":\"veth0\","
		     "\"type\":\"netdev\",\"reason\":\"gone\"}\n", "port del event JSON");
	free(out);
	out = event(nlh, false, "other", &ret);
	weft_tap_ok(ret == 0 && !out[0], "port event of another datapath: filtered");
	free(out);

	/* Replies and unknown commands are not events. */
	nlh = msg(WEFT_CMD_FLOW_GET);
	out = event(nlh, false, NULL, &ret);
	weft_tap_ok(ret == 0 && !out[0], "a FLOW_GET is no event");
	free(out);
	nlh = msg(WEFT_CMD_PORT_NEW);
	out = event(nlh, false, NULL, &ret);
	weft_tap_ok(ret == -EPROTO && !out[0], "a PORT_NEW without a port: -EPROTO");
	free(out);
}

static void test_tables(void)
{
	struct weft_table_info t[6];
	struct nlmsghdr *nlh;
	struct nlattr *n;
	struct cap c;
	char *out;
	int i;

	nlh = msg(WEFT_CMD_TABLE_GET);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	n = mnl_attr_nest_start(nlh, WEFT_A_TABLE);
	mnl_attr_put_u8(nlh, WEFT_TABLE_A_ID, 0);
	mnl_attr_put_u32(nlh, WEFT_TABLE_A_MISS, WEFT_TABLE_MISS_CONTROLLER);
	mnl_attr_put_u16(nlh, WEFT_TABLE_A_MISS_MAX_LEN, 128);
	mnl_attr_put_u32(nlh, WEFT_TABLE_A_N_FLOWS, 2);
	mnl_attr_put(nlh, WEFT_TABLE_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, WEFT_TABLE_A_LOOKUPS, 10);
	mnl_attr_put_u64(nlh, WEFT_TABLE_A_MATCHES, 7);
	mnl_attr_nest_end(nlh, n);
	weft_tap_ok(weft_table_msg_parse(nlh, &t[0]) == 0 && t[0].miss_max_len == 128 &&
		    t[0].n_flows == 2 && t[0].lookups == 10 && t[0].matches == 7,
		    "table reply parsed");
	for (i = 1; i < 6; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].id = (__u8)i;
		t[i].miss_max_len = WEFT_CTRL_NO_BUFFER;
	}
	t[2].lookups = 1;
	cap_start(&c, false);
	weft_show_tables(t, 6);
	out = cap_end(&c);
	weft_tap_str(out,
		     "  table 0:\n    active=2, lookup=10, matched=7\n    miss=controller, miss_max_len=128\n"
		     "  table 1:\n    active=0, lookup=0, matched=0\n    miss=drop, miss_max_len=65535\n"
		     "  table 2:\n    active=0, lookup=1, matched=0\n    miss=drop, miss_max_len=65535\n"
		     "  table 3:\n    active=0, lookup=0, matched=0\n    miss=drop, miss_max_len=65535\n"
		     "  tables 4...5: ditto\n",
		     "tables as dump-tables, repeats folded");
	free(out);
	cap_start(&c, true);
	weft_show_tables(t, 6);
	weft_print_finish();
	out = cap_end(&c);
	weft_tap_ok(weft_test_json_valid(out) && strstr(out, "\"table_id\":5") &&
		    strstr(out, "{\"table_id\":0,\"n_flows\":2,\"lookups\":10,\"matches\":7,"
			   "\"miss\":\"controller\",\"miss_max_len\":128}"),
		    "tables JSON lists all: %s", out);
	free(out);
}

void weft_test_events(void)
{
	test_trace();
	test_packet_in();
	test_frames();
	test_flow_removed();
	test_dp_port_events();
	test_tables();
}
