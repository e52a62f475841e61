// SPDX-License-Identifier: GPL-2.0
/*
 * Flow text errors: each must fail and quote the offending token.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "tap.h"
#include "util.h"

static int resolve(void *ctx, const char *name, __u32 *port)
{
	(void)ctx;
	if (!strcmp(name, "broken"))
		return -EIO;
	if (!strcmp(name, "eth0")) {
		*port = 1;
		return 0;
	}
	return -ENOENT;
}

struct bad_flow {
	const char *text;
	enum weft_flow_op op;
	bool strict;
	const char *msg;
};

#define ADD WEFT_FLOW_OP_ADD
#define MOD WEFT_FLOW_OP_MOD
#define DEL WEFT_FLOW_OP_DEL

static const struct bad_flow bad[] = {
	{ "nw_dst=10.0.0.300,actions=drop", ADD, false,
	  "invalid IPv4 address \"10.0.0.300\" in \"nw_dst=10.0.0.300\"" },
	{ "ip,nw_dst=10.0.0.0/33,actions=drop", ADD, false,
	  "invalid prefix length \"33\" in \"nw_dst=10.0.0.0/33\" (maximum 32)" },
	{ "ip,nw_dst=10.0.0.0/255.0.0.256,actions=drop", ADD, false,
	  "invalid IPv4 mask \"255.0.0.256\" in \"nw_dst=10.0.0.0/255.0.0.256\"" },
	{ "ip,nw_src=1.2.3.4/1.2.3,actions=drop", ADD, false,
	  "invalid IPv4 mask \"1.2.3\" in \"nw_src=1.2.3.4/1.2.3\"" },
	{ "ip,nw_src=1.2.3.4/x,actions=drop", ADD, false,
	  "invalid prefix length \"x\" in \"nw_src=1.2.3.4/x\"" },
	{ "in_port=foo,actions=drop", ADD, false,
	  "invalid port \"foo\" in \"in_port=foo\"" },
	{ "in_port=FLOOD,actions=drop", ADD, false,
	  "invalid port \"FLOOD\" in \"in_port=FLOOD\"" },
	{ "in_port=0,actions=drop", ADD, false,
	  "invalid port \"0\" in \"in_port=0\"" },
	{ "in_port=0xff00,actions=drop", ADD, false,
	  "invalid port \"0xff00\" in \"in_port=0xff00\"" },
	{ "in_port=broken,actions=drop", ADD, false,
	  "cannot look up port \"broken\" in \"in_port=broken\": Input/output error" },
	{ "actions=output:foo", ADD, false,
	  "invalid port \"foo\" in \"output:foo\"" },
	{ "actions=output:", ADD, false,
	  "invalid port \"\" in \"output:\"" },
	{ "actions=output:0", ADD, false,
	  "invalid port \"0\" in \"output:0\"" },
	{ "actions=output:NORMAL", ADD, false,
	  "invalid port \"NORMAL\" in \"output:NORMAL\" (not supported by weft)" },
	{ "actions=output:TABLE", ADD, false,
	  "invalid port \"TABLE\" in \"output:TABLE\" (only in packet-out)" },
	{ "actions=output:ANY", ADD, false,
	  "invalid port \"ANY\" in \"output:ANY\"" },
	{ "actions=mod_vlan:5", ADD, false,
	  "unsupported action \"mod_vlan\" in \"mod_vlan:5\"" },
	{ "actions=1,bogus", ADD, false,
	  "unknown action \"bogus\" in \"actions=1,bogus\"" },
	{ "actions=drop,output:1", ADD, false,
	  "\"drop\" must be the only action in \"actions=drop,output:1\"" },
	{ "tp_src=80,actions=drop", ADD, false,
	  "tp_src needs tcp, udp or sctp in \"tp_src=80\"" },
	{ "ip,tp_dst=80,actions=drop", ADD, false,
	  "tp_dst needs tcp, udp or sctp in \"tp_dst=80\"" },
	{ "nw_src=1.2.3.4,actions=drop", ADD, false,
	  "nw_src needs ip (dl_type=0x0800) in \"nw_src=1.2.3.4\"" },
	{ "arp,nw_proto=1,actions=drop", ADD, false,
	  "nw_proto needs ip or ipv6 (dl_type=0x0800 or 0x86dd) in \"nw_proto=1\"" },
	{ "udp,tcp_dst=80,actions=drop", ADD, false,
	  "tcp_dst needs tcp or tcp6 (nw_proto=6) in \"tcp_dst=80\"" },
	{ "tcp,udp_src=80,actions=drop", ADD, false,
	  "udp_src needs udp or udp6 (nw_proto=17) in \"udp_src=80\"" },
	{ "tcp,sctp_src=80,actions=drop", ADD, false,
	  "sctp_src needs sctp or sctp6 (nw_proto=132) in \"sctp_src=80\"" },
	{ "tcp,icmp_type=3,actions=drop", ADD, false,
	  "icmp_type needs icmp or icmp6 in \"icmp_type=3\"" },
	{ "ip_dscp=10,actions=drop", ADD, false,
	  "ip_dscp needs ip or ipv6 (dl_type=0x0800 or 0x86dd) in \"ip_dscp=10\"" },
	{ "priority=70000,actions=drop", ADD, false,
	  "invalid priority \"70000\" in \"priority=70000\" (maximum 65535)" },
	{ "priority=abc,actions=drop", ADD, false,
	  "invalid priority \"abc\" in \"priority=abc\"" },
	{ "priority=-1,actions=drop", ADD, false,
	  "invalid priority \"-1\" in \"priority=-1\"" },
	{ "table=255,actions=drop", ADD, false,
	  "invalid table \"255\" in \"table=255\" (maximum 254)" },
	{ "table=256", DEL, false,
	  "invalid table \"256\" in \"table=256\" (maximum 255)" },
	{ "dl_src=00:11:22:33:44,actions=drop", ADD, false,
	  "invalid Ethernet address \"00:11:22:33:44\" in \"dl_src=00:11:22:33:44\"" },
	{ "dl_src=00:11:22:33:44:555,actions=drop", ADD, false,
	  "invalid Ethernet address \"00:11:22:33:44:555\" in \"dl_src=00:11:22:33:44:555\"" },
	{ "dl_src=00:11:22:33:44:55/zz,actions=drop", ADD, false,
	  "invalid Ethernet mask \"zz\" in \"dl_src=00:11:22:33:44:55/zz\"" },
	{ "dl_type=0x10000,actions=drop", ADD, false,
	  "invalid dl_type \"0x10000\" in \"dl_type=0x10000\" (maximum 65535)" },
	{ "dl_type=0x800/0xff00,actions=drop", ADD, false,
	  "dl_type cannot be masked in \"dl_type=0x800/0xff00\"" },
	{ "dl_vlan=4096,actions=drop", ADD, false,
	  "invalid VLAN ID \"4096\" in \"dl_vlan=4096\" (0-4095, or 0xffff for none)" },
	{ "dl_vlan_pcp=8,actions=drop", ADD, false,
	  "invalid dl_vlan_pcp \"8\" in \"dl_vlan_pcp=8\" (maximum 7)" },
	{ "dl_vlan=0xffff,dl_vlan_pcp=3,actions=drop", ADD, false,
	  "dl_vlan_pcp needs a VLAN tag, but the flow matches untagged packets, in \"dl_vlan_pcp=3\"" },
	{ "vlan_tci=0x0005/0x1fff,actions=drop", ADD, false,
	  "invalid vlan_tci \"0x0005/0x1fff\" in \"vlan_tci=0x0005/0x1fff\" (untagged packets have no VLAN ID or priority)" },
	{ "vlan_tci=0x2000/0x2000,actions=drop", ADD, false,
	  "invalid vlan_tci \"0x2000/0x2000\" in \"vlan_tci=0x2000/0x2000\" (the priority bits must be masked all or none)" },
	{ "vlan_tci=0x6000/0xe000,actions=drop", ADD, false,
	  "invalid vlan_tci \"0x6000/0xe000\" in \"vlan_tci=0x6000/0xe000\" (matching the priority needs the CFI bit 0x1000 in the mask)" },
	{ "ip,nw_tos=3,actions=drop", ADD, false,
	  "invalid nw_tos \"3\" in \"nw_tos=3\" (the low 2 bits are ECN and must be zero)" },
	{ "ip,ip_dscp=64,actions=drop", ADD, false,
	  "invalid ip_dscp \"64\" in \"ip_dscp=64\" (maximum 63)" },
	{ "ip,nw_ecn=4,actions=drop", ADD, false,
	  "invalid nw_ecn \"4\" in \"nw_ecn=4\" (maximum 3)" },
	{ "ip,nw_proto=256,actions=drop", ADD, false,
	  "invalid nw_proto \"256\" in \"nw_proto=256\" (maximum 255)" },
	{ "tcp,tp_src=99999,actions=drop", ADD, false,
	  "invalid tp_src \"99999\" in \"tp_src=99999\" (maximum 65535)" },
	{ "tcp,tp_src=80/0x1ffff,actions=drop", ADD, false,
	  "invalid mask \"0x1ffff\" in \"tp_src=80/0x1ffff\" (maximum 65535)" },
	{ "icmp,icmp_type=3/1,actions=drop", ADD, false,
	  "icmp_type cannot be masked in \"icmp_type=3/1\"" },
	{ "nw_dstt=1.2.3.4,actions=drop", ADD, false,
	  "unknown field \"nw_dstt\" in \"nw_dstt=1.2.3.4\"" },
	{ "foo,actions=drop", ADD, false, "unknown keyword \"foo\"" },
	{ "ip,nw_dst=,actions=drop", ADD, false,
	  "missing value in \"nw_dst=\"" },
	{ "ip,nw_dst,actions=drop", ADD, false,
	  "missing value for \"nw_dst\"" },
	{ "ip", ADD, false, "missing actions in \"ip\" (actions=drop drops)" },
	{ "ip", MOD, true, "missing actions in \"ip\" (actions=drop drops)" },
	{ "ip,actions=drop", DEL, false,
	  "flow del takes no actions in \"actions=drop\"" },
	{ "priority=5", DEL, false,
	  "priority needs --strict in \"priority=5\"" },
	{ "cookie=1/1,actions=drop", ADD, false,
	  "flow add cannot use a cookie mask in \"cookie=1/1\"" },
	{ "cookie=0x10000000000000000,actions=drop", ADD, false,
	  "invalid cookie \"0x10000000000000000\" in \"cookie=0x10000000000000000\" (maximum 18446744073709551615)" },
	{ "idle_timeout=5", DEL, false,
	  "idle_timeout cannot be used with flow del in \"idle_timeout=5\"" },
	{ "hard_timeout=65536,actions=drop", ADD, false,
	  "invalid hard_timeout \"65536\" in \"hard_timeout=65536\" (maximum 65535)" },
	{ "out_port=1,actions=drop", ADD, false,
	  "out_port cannot be used with flow add in \"out_port=1\"" },
	{ "out_port=foo", DEL, false,
	  "invalid port \"foo\" in \"out_port=foo\"" },
	{ "send_flow_rem", DEL, false,
	  "send_flow_rem cannot be used with flow del in \"send_flow_rem\"" },
	{ "reset_counts=1,actions=drop", ADD, false,
	  "reset_counts takes no value in \"reset_counts=1\"" },
	{ "ip,arp,actions=drop", ADD, false,
	  "conflicting values for dl_type in \"arp\"" },
	{ "tcp,nw_proto=17,actions=drop", ADD, false,
	  "conflicting values for nw_proto in \"nw_proto=17\"" },
	{ "tcp,tp_dst=80,tcp_dst=81,actions=drop", ADD, false,
	  "conflicting values for tcp_dst in \"tp_dst=80\"" },
	{ "tcp=1,actions=drop", ADD, false, "tcp takes no value in \"tcp=1\"" },
};

static void test_bad_flows(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const struct bad_flow *b = &bad[i];
		struct weft_flow flow;
		char err[512];
		int ret;

		ret = weft_flow_from_str(&flow, b->text, b->op, b->strict,
					 resolve, NULL, err, sizeof(err));
		weft_tap_ok(ret < 0, "\"%s\" is refused", b->text);
		weft_tap_str(err, b->msg, "error for \"%s\"", b->text);
	}
}

static void test_misc_errors(void)
{
	struct weft_flow flow;
	char err[512], text[1024];
	size_t len = 0;
	int i, ret;

	/* Without a resolver, names are errors that say so. */
	ret = weft_flow_from_str(&flow, "in_port=eth0,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(ret < 0, "port name without resolver is refused");
	weft_tap_str(err,
		     "invalid port \"eth0\" in \"in_port=eth0\" (port names cannot be used here)",
		     "port name without resolver: message");

	/* One action more than the ABI allows. */
	len = snprintf(text, sizeof(text), "actions=");
	for (i = 0; i <= WEFT_ACTIONS_MAX; i++)
		len += snprintf(text + len, sizeof(text) - len, "%s%d",
				i ? "," : "", i + 1);
	ret = weft_flow_from_str(&flow, text, WEFT_FLOW_OP_ADD, false, NULL,
				 NULL, err, sizeof(err));
	weft_tap_ok(ret < 0 && !strncmp(err, "too many actions (at most 64) in \"actions=1,2,3,",
					strlen("too many actions (at most 64) in \"actions=1,2,3,")),
		    "65 actions are refused: %s", err);
	/* Exactly the maximum is fine. */
	text[strlen(text) - 3] = '\0';	/* drop ",65" */
	ret = weft_flow_from_str(&flow, text, WEFT_FLOW_OP_ADD, false, NULL,
				 NULL, err, sizeof(err));
	weft_tap_ok(ret == 0 && flow.insts.apply.n == WEFT_ACTIONS_MAX,
		    "64 actions are accepted");

	/* A tiny error buffer truncates but never overflows. */
	ret = weft_flow_from_str(&flow, "nw_dst=10.0.0.300,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err, 8);
	weft_tap_ok(ret < 0 && strlen(err) == 7, "error message truncated to the buffer");

	/* A failed parse leaves no half-filled flow behind. */
	ret = weft_flow_from_str(&flow, "ip,nw_dst=1.2.3.4,bogus",
				 WEFT_FLOW_OP_DEL, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(ret < 0 && flow.match.fields == 0 && flow.attrs == 0,
		    "failed parse clears the flow");
}

void weft_test_flow_errors(void)
{
	test_bad_flows();
	test_misc_errors();
}
