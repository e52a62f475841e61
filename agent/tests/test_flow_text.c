// SPDX-License-Identifier: GPL-2.0
/*
 * Flow text: parse -> format round trips (ovs-ofctl dump-flows output), the
 * defaults the parser fills in, and the errors it gives.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "tap.h"
#include "util.h"

/* Ports the resolver knows, standing in for a datapath's port dump. */
static int resolve(void *ctx, const char *name, __u32 *port)
{
	static const struct {
		const char *name;
		__u32 no;
	} ports[] = { { "eth0", 1 }, { "veth1", 2 }, { "br-int", 7 } };
	size_t i;

	(void)ctx;
	if (!strcmp(name, "broken"))
		return -EIO;
	for (i = 0; i < ARRAY_SIZE(ports); i++) {
		if (!strcmp(name, ports[i].name)) {
			*port = ports[i].no;
			return 0;
		}
	}
	return -ENOENT;
}

struct round_trip {
	const char *text;
	const char *match;	/* weft_flow_format_match() */
	const char *actions;	/* weft_flow_format_actions() */
};

static const struct round_trip trips[] = {
	{ "actions=drop", "", "drop" },
	{ "actions=", "", "drop" },
	{ "actions=DROP", "", "drop" },
	{ "priority=100,ip,in_port=1,nw_dst=10.0.0.0/24,actions=output:2",
	  "priority=100,ip,in_port=1,nw_dst=10.0.0.0/24", "output:2" },
	{ "priority=32768,actions=drop", "", "drop" },
	{ "priority=0,actions=drop", "priority=0", "drop" },
	{ "priority=65535,actions=drop", "priority=65535", "drop" },
	{ "in_port=LOCAL,actions=in_port", "in_port=LOCAL", "IN_PORT" },
	{ "in_port=local,actions=local", "in_port=LOCAL", "LOCAL" },
	{ "in_port=eth0,actions=output:veth1", "in_port=1", "output:2" },
	{ "in_port=br-int,actions=eth0,veth1", "in_port=7",
	  "output:1,output:2" },
	{ "in_port=0xfeff,actions=65279", "in_port=65279", "output:65279" },
	{ "in_port=65534,actions=65531", "in_port=LOCAL", "FLOOD" },
	{ "actions=flood", "", "FLOOD" },
	{ "actions=ALL", "", "ALL" },
	{ "actions=output:in_port", "", "IN_PORT" },
	{ "actions=1,2,LOCAL,output:3", "", "output:1,output:2,LOCAL,output:3" },
	{ "dl_src=00:11:22:33:44:55,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=drop",
	  "dl_src=00:11:22:33:44:55,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00",
	  "drop" },
	{ "dl_dst=AA:BB:CC:DD:EE:FF/ff:ff:ff:ff:ff:ff,actions=drop",
	  "dl_dst=aa:bb:cc:dd:ee:ff", "drop" },
	{ "dl_src=0:1:2:3:4:5/ff:ff:ff:00:00:00,actions=drop",
	  "dl_src=00:01:02:00:00:00/ff:ff:ff:00:00:00", "drop" },
	{ "dl_dst=00:00:00:00:00:01/00:00:00:00:00:00,actions=drop", "",
	  "drop" },
	{ "dl_type=0x0800,actions=drop", "ip", "drop" },
	{ "dl_type=0x806,actions=drop", "arp", "drop" },
	{ "dl_type=0x88cc,actions=drop", "dl_type=0x88cc", "drop" },
	{ "eth_type=35020,actions=drop", "dl_type=0x88cc", "drop" },
	{ "dl_type=2048,nw_proto=6,actions=drop", "tcp", "drop" },
	{ "ip,nw_proto=47,actions=drop", "ip,nw_proto=47", "drop" },
	{ "ip,ip,dl_type=0x800,actions=drop", "ip", "drop" },
	{ "tcp,ip,actions=drop", "tcp", "drop" },
	{ "igmp,actions=drop", "igmp", "drop" },
	{ "ipv6,actions=drop", "ipv6", "drop" },
	{ "rarp,actions=drop", "rarp", "drop" },
	{ "tcp,tp_dst=80,actions=drop", "tcp,tp_dst=80", "drop" },
	{ "udp,tp_src=0x1000/0xf000,actions=drop", "udp,tp_src=0x1000/0xf000",
	  "drop" },
	{ "udp,tp_src=0x1234/0xf000,actions=drop", "udp,tp_src=0x1000/0xf000",
	  "drop" },
	{ "sctp,sctp_dst=9,actions=drop", "sctp,tp_dst=9", "drop" },
	{ "tcp,tcp_src=22,tcp_dst=1024/0xfc00,actions=drop",
	  "tcp,tp_src=22,tp_dst=0x400/0xfc00", "drop" },
	{ "tcp,tp_src=1/0xffff,actions=drop", "tcp,tp_src=1", "drop" },
	{ "udp,udp_dst=53,actions=drop", "udp,tp_dst=53", "drop" },
	{ "icmp,icmp_type=8,icmp_code=0,actions=drop",
	  "icmp,icmp_type=8,icmp_code=0", "drop" },
	{ "icmp,icmpv4_code=3,actions=drop", "icmp,icmp_code=3", "drop" },
	{ "ip,nw_src=10.1.2.3,nw_dst=192.168.0.0/16,actions=drop",
	  "ip,nw_src=10.1.2.3,nw_dst=192.168.0.0/16", "drop" },
	{ "ip,nw_dst=10.1.2.3/24,actions=drop", "ip,nw_dst=10.1.2.0/24",
	  "drop" },
	{ "ip,nw_src=10.0.0.0/255.0.255.0,actions=drop",
	  "ip,nw_src=10.0.0.0/255.0.255.0", "drop" },
	{ "ip,nw_src=10.9.0.0/255.255.0.0,actions=drop",
	  "ip,nw_src=10.9.0.0/16", "drop" },
	{ "ip,nw_src=1.2.3.4/32,actions=drop", "ip,nw_src=1.2.3.4", "drop" },
	{ "ip,nw_src=1.2.3.4/0,actions=drop", "ip", "drop" },
	{ "ip,nw_dst=128.0.0.0/1,actions=drop", "ip,nw_dst=128.0.0.0/1",
	  "drop" },
	{ "ip,ip_src=1.1.1.1,ip_dst=2.2.2.2,actions=drop",
	  "ip,nw_src=1.1.1.1,nw_dst=2.2.2.2", "drop" },
	{ "ip,nw_tos=184,actions=drop", "ip,nw_tos=184", "drop" },
	{ "ip,ip_dscp=46,actions=drop", "ip,nw_tos=184", "drop" },
	{ "ip,nw_ecn=3,actions=drop", "ip,nw_ecn=3", "drop" },
	{ "ip,nw_tos=4,ip_ecn=1,actions=drop", "ip,nw_tos=4,nw_ecn=1",
	  "drop" },
	{ "dl_vlan=10,actions=drop", "dl_vlan=10", "drop" },
	{ "dl_vlan=0,actions=drop", "dl_vlan=0", "drop" },
	{ "dl_vlan=4095,actions=drop", "dl_vlan=4095", "drop" },
	{ "dl_vlan=10,dl_vlan_pcp=5,actions=drop", "dl_vlan=10,dl_vlan_pcp=5",
	  "drop" },
	{ "dl_vlan_pcp=3,actions=drop", "dl_vlan_pcp=3", "drop" },
	{ "vlan_pcp=7,actions=drop", "dl_vlan_pcp=7", "drop" },
	/* Untagged, as ovs-ofctl decodes OpenFlow 1.3's VLAN_VID 0. */
	{ "dl_vlan=0xffff,actions=drop", "vlan_tci=0x0000/0x1fff", "drop" },
	{ "vlan_tci=0x0000,actions=drop", "vlan_tci=0x0000/0x1fff", "drop" },
	{ "vlan_tci=0x0000/0x1fff,actions=drop", "vlan_tci=0x0000/0x1fff", "drop" },
	{ "vlan_tci=0x1000/0x1000,actions=drop", "vlan_tci=0x1000/0x1000",
	  "drop" },
	{ "vlan_tci=0x700a,actions=drop", "dl_vlan=10,dl_vlan_pcp=3", "drop" },
	{ "vlan_tci=0x100a/0x1fff,actions=drop", "dl_vlan=10", "drop" },
	{ "vlan_tci=0x1005/0x1f0f,actions=drop", "vlan_tci=0x1005/0x1f0f",
	  "drop" },
	{ "vlan_tci=0x7000/0xf000,actions=drop", "dl_vlan_pcp=3", "drop" },
	{ "vlan_tci=0/0,actions=drop", "", "drop" },
	/* White space separates like commas, actions included. */
	{ "priority=5 ip\tnw_dst=1.2.3.4  actions=output:1, output:2",
	  "priority=5,ip,nw_dst=1.2.3.4", "output:1,output:2" },
	{ "eth_type=0x0800,ip_proto=17,ip_dst=1.1.1.1,actions=drop",
	  "udp,nw_dst=1.1.1.1", "drop" },
	/* match_format() order, whatever the input order. */
	{ "tp_dst=80,nw_dst=1.1.1.1,in_port=3,tcp,dl_dst=00:00:00:00:00:01,priority=7,dl_vlan=3,actions=drop",
	  "priority=7,tcp,in_port=3,dl_vlan=3,dl_dst=00:00:00:00:00:01,nw_dst=1.1.1.1,tp_dst=80",
	  "drop" },
	{ "nw_ecn=1,nw_tos=8,nw_proto=99,nw_src=9.9.9.9,dl_type=0x0800,dl_src=00:00:00:00:00:02,actions=drop",
	  "ip,dl_src=00:00:00:00:00:02,nw_src=9.9.9.9,nw_proto=99,nw_tos=8,nw_ecn=1",
	  "drop" },
	{ "table=3,cookie=0x1234,idle_timeout=10,hard_timeout=20,send_flow_rem,reset_counts,actions=drop",
	  "", "drop" },
};

static bool same_match(const struct weft_flow *a, const struct weft_flow *b)
{
	return !memcmp(&a->match, &b->match, sizeof(a->match)) &&
	       a->priority == b->priority &&
	       !memcmp(&a->insts, &b->insts, sizeof(a->insts));
}

static void test_round_trips(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(trips); i++) {
		const struct round_trip *t = &trips[i];
		struct weft_flow flow, again;
		char err[256], match[512], actions[512], text[1100];
		int ret;

		ret = weft_flow_from_str(&flow, t->text, WEFT_FLOW_OP_ADD, false,
					 resolve, NULL, err, sizeof(err));
		if (!weft_tap_ok(ret == 0, "parse \"%s\"", t->text)) {
			weft_tap_diag("error: %s", err);
			continue;
		}
		weft_flow_format_match(&flow, match, sizeof(match));
		weft_flow_format_actions(&flow, actions, sizeof(actions));
		weft_tap_str(match, t->match, "match of \"%s\"", t->text);
		weft_tap_str(actions, t->actions, "actions of \"%s\"", t->text);

		/* What we print must parse back to the same flow. */
		snprintf(text, sizeof(text), "%s%sactions=%s", match,
			 match[0] ? "," : "", actions);
		ret = weft_flow_from_str(&again, text, WEFT_FLOW_OP_ADD, false,
					 resolve, NULL, err, sizeof(err));
		weft_tap_ok(ret == 0 && same_match(&flow, &again),
			    "\"%s\" parses back to the same flow", text);
	}
}

static void check_line(const char *text, __u64 duration_ms, __u64 packets,
		       __u64 bytes, const char *want)
{
	struct weft_flow flow;
	char err[256], line[1024];

	if (weft_flow_from_str(&flow, text, WEFT_FLOW_OP_ADD, false, NULL,
			       NULL, err, sizeof(err))) {
		weft_tap_ok(false, "dump line of \"%s\": %s", text, err);
		return;
	}
	flow.duration_ms = duration_ms;
	flow.n_packets = packets;
	flow.n_bytes = bytes;
	weft_flow_format(&flow, line, sizeof(line));
	weft_tap_str(line, want, "dump-flows line of \"%s\"", text);
}

static void test_dump_lines(void)
{
	/* The example of the team contract, with ovs-ofctl's idle_age added. */
	check_line("priority=100,ip,in_port=1,nw_dst=10.0.0.0/24,actions=output:2",
		   1234, 3, 294,
		   "cookie=0x0, duration=1.234s, table=0, n_packets=3, n_bytes=294, idle_age=1, priority=100,ip,in_port=1,nw_dst=10.0.0.0/24 actions=output:2");
	check_line("actions=drop", 5000, 0, 0,
		   "cookie=0x0, duration=5s, table=0, n_packets=0, n_bytes=0, idle_age=5, actions=drop");
	check_line("table=3,cookie=0x1234,idle_timeout=10,hard_timeout=20,send_flow_rem,reset_counts,actions=drop",
		   7, 1, 60,
		   "cookie=0x1234, duration=0.007s, table=3, n_packets=1, n_bytes=60, idle_timeout=10, hard_timeout=20, send_flow_rem reset_counts idle_age=0, actions=drop");
	check_line("no_packet_counts,no_byte_counts,check_overlap,priority=1,arp,actions=flood",
		   61001, 0, 0,
		   "cookie=0x0, duration=61.001s, table=0, n_packets=0, n_bytes=0, check_overlap no_packet_counts no_byte_counts idle_age=61, priority=1,arp actions=FLOOD");
}

/* A dump line, as printed, is flow text again (statistics ignored). */
static void test_dump_reparse(void)
{
	struct weft_flow f, g;
	char err[256], line[1024];
	int ret;

	ret = weft_flow_from_str(&f, "table=2,cookie=0x7,idle_timeout=5,send_flow_rem,priority=9,tcp,tp_dst=80,actions=output:1,goto_table:3",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err, sizeof(err));
	f.duration_ms = 2500;
	f.n_packets = 4;
	f.n_bytes = 400;
	weft_flow_format(&f, line, sizeof(line));
	ret = ret ?: weft_flow_from_str(&g, line, WEFT_FLOW_OP_ADD, false, NULL,
					NULL, err, sizeof(err));
	g.duration_ms = f.duration_ms;
	g.n_packets = f.n_packets;
	g.n_bytes = f.n_bytes;
	weft_tap_ok(ret == 0 && !memcmp(&f, &g, sizeof(f)),
		    "a dump line parses back to the same flow: %s", ret ? err : line);
}

static void test_defaults(void)
{
	struct weft_flow f;
	char err[256];
	__u16 vid;
	int ret;

	ret = weft_flow_from_str(&f, "ip,actions=drop", WEFT_FLOW_OP_ADD,
				 false, NULL, NULL, err, sizeof(err));
	weft_tap_ok(!ret && (f.attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY)) &&
		    f.priority == WEFT_DEFAULT_PRIORITY &&
		    !(f.attrs & WEFT_BIT(WEFT_FLOW_A_TABLE)) &&
		    !(f.attrs & WEFT_BIT(WEFT_FLOW_A_STRICT)) &&
		    (f.attrs & WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS)) &&
		    f.insts.present == 0,
		    "add: priority 32768 always sent, table left to the kernel, drop = no actions");

	ret = weft_flow_from_str(&f, "ip", WEFT_FLOW_OP_DEL, false, NULL, NULL,
				 err, sizeof(err));
	weft_tap_ok(!ret && !(f.attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY)) &&
		    (f.attrs & WEFT_BIT(WEFT_FLOW_A_TABLE)) &&
		    f.table == WEFT_TABLE_ALL &&
		    !(f.attrs & WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS)) &&
		    !(f.attrs & WEFT_BIT(WEFT_FLOW_A_STRICT)),
		    "del: no priority, every table, no instructions");

	ret = weft_flow_from_str(&f, "", WEFT_FLOW_OP_DEL, false, NULL, NULL,
				 err, sizeof(err));
	weft_tap_ok(!ret && f.match.fields == 0 && f.table == WEFT_TABLE_ALL,
		    "del with no match: everything");

	ret = weft_flow_from_str(&f, "table=2,ip", WEFT_FLOW_OP_DEL, true, NULL,
				 NULL, err, sizeof(err));
	weft_tap_ok(!ret && (f.attrs & WEFT_BIT(WEFT_FLOW_A_STRICT)) &&
		    f.priority == WEFT_DEFAULT_PRIORITY && f.table == 2,
		    "del --strict: strict flag, default priority, given table");

	ret = weft_flow_from_str(&f, "cookie=5,actions=drop", WEFT_FLOW_OP_MOD,
				 false, NULL, NULL, err, sizeof(err));
	weft_tap_ok(!ret && (f.attrs & WEFT_BIT(WEFT_FLOW_A_COOKIE)) &&
		    f.cookie == 5 &&
		    !(f.attrs & WEFT_BIT(WEFT_FLOW_A_COOKIE_MASK)),
		    "mod cookie=V sets a cookie (no mask)");

	ret = weft_flow_from_str(&f, "cookie=0x1f/0xf0,actions=drop",
				 WEFT_FLOW_OP_MOD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(!ret && f.cookie == 0x10 && f.cookie_mask == 0xf0 &&
		    (f.attrs & WEFT_BIT(WEFT_FLOW_A_COOKIE_MASK)),
		    "mod cookie=V/M selects by cookie");

	ret = weft_flow_from_str(&f, "cookie=7", WEFT_FLOW_OP_DEL, false, NULL,
				 NULL, err, sizeof(err));
	weft_tap_ok(!ret && f.cookie == 7 && f.cookie_mask == ~0ULL,
		    "del cookie=V selects that cookie exactly");

	ret = weft_flow_from_str(&f, "out_port=eth0", WEFT_FLOW_OP_DEL, false,
				 resolve, NULL, err, sizeof(err));
	weft_tap_ok(!ret && (f.attrs & WEFT_BIT(WEFT_FLOW_A_OUT_PORT)) &&
		    f.out_port == 1, "del out_port=NAME");

	ret = weft_flow_from_str(&f, "out_port=ANY", WEFT_FLOW_OP_DEL, false,
				 NULL, NULL, err, sizeof(err));
	weft_tap_ok(!ret && !(f.attrs & WEFT_BIT(WEFT_FLOW_A_OUT_PORT)),
		    "del out_port=ANY is no filter");

	ret = weft_flow_from_str(&f, "dl_vlan_pcp=3,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	vid = WEFT_VID_PRESENT;
	weft_tap_ok(!ret && weft_match_has(&f.match, WEFT_KEY_A_VLAN_VID) &&
		    weft_match_is_masked(&f.match, WEFT_KEY_A_VLAN_VID) &&
		    f.match.key.vlan_vid == vid && f.match.mask.vlan_vid == vid &&
		    f.match.key.vlan_pcp == 3,
		    "dl_vlan_pcp alone adds VLAN_VID present/present");

	ret = weft_flow_from_str(&f, "dl_vlan=0xffff,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(!ret && weft_match_has(&f.match, WEFT_KEY_A_VLAN_VID) &&
		    !weft_match_is_masked(&f.match, WEFT_KEY_A_VLAN_VID) &&
		    f.match.key.vlan_vid == 0,
		    "dl_vlan=0xffff is VLAN_VID 0 exactly (untagged)");

	ret = weft_flow_from_str(&f, "udp,tp_src=53,tp_dst=0x100/0xff00,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(!ret && weft_match_has(&f.match, WEFT_KEY_A_UDP_SRC) &&
		    f.match.key.udp_src == htons(53) &&
		    weft_match_is_masked(&f.match, WEFT_KEY_A_UDP_DST) &&
		    f.match.mask.udp_dst == htons(0xff00) &&
		    !weft_match_has(&f.match, WEFT_KEY_A_TCP_SRC),
		    "tp_src/tp_dst become UDP ports under udp");

	ret = weft_flow_from_str(&f, "ip,nw_dst=10.1.2.3/24,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(!ret && f.match.key.ipv4_dst == htonl(0x0a010200) &&
		    f.match.mask.ipv4_dst == htonl(0xffffff00) &&
		    f.match.key.eth_type == htons(0x0800),
		    "CIDR: host bits cleared, mask kept, in network order");
}

/*
 * weft_flow_parser_parse() on a flow that held a longer one, or one whose
 * parse failed, must leave what a fresh parse leaves, byte for byte.
 */
static void test_parse_again(void)
{
	static const char *const texts[] = {
		"table=3,cookie=0x9,priority=7,tcp,nw_src=10.0.0.0/8,tp_dst=22,actions=push_vlan:0x8100,set_field:4097->vlan_vid,output:1,output:2,write_actions(output:3,set_field:0x1->reg1),write_metadata:0x5/0xff,goto_table:4",
		"ip,nw_dst=10.1.2.3,actions=output:2",
		"udp,tp_dst=99999,actions=output:1",	/* fails */
		"arp,actions=write_actions(group:1)",
		"actions=drop",
	};
	struct weft_flow *fresh = malloc(sizeof(*fresh));
	struct weft_flow *again = malloc(sizeof(*again));
	struct weft_flow_parser *fp = weft_flow_parser_new();
	char err[256];
	size_t i;

	if (!fresh || !again || !fp)
		abort();
	/* As the contract says: zeroed before the first parse, then reused. */
	weft_flow_init(again);
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		int r1, r2;

		memset(fresh, 0x5a, sizeof(*fresh));
		r1 = weft_flow_from_str(fresh, texts[i], WEFT_FLOW_OP_ADD, false,
					NULL, NULL, err, sizeof(err));
		r2 = weft_flow_parser_parse(fp, again, texts[i],
					    WEFT_FLOW_OP_ADD, false, NULL, NULL,
					    err, sizeof(err));
		weft_tap_ok(r1 == r2 && !memcmp(fresh, again, sizeof(*fresh)),
			    "parsing again after another flow leaves a fresh parse's bytes: %s",
			    texts[i]);
	}
	weft_flow_parser_free(fp);
	free(fresh);
	free(again);
}

void weft_test_flow_text(void)
{
	test_parse_again();
	test_round_trips();
	test_dump_lines();
	test_dump_reparse();
	test_defaults();
}
