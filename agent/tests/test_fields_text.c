// SPDX-License-Identifier: GPL-2.0
/*
 * The OpenFlow 1.3 match fields: text -> struct -> text in ovs-ofctl's
 * spelling and order, text -> struct -> netlink -> struct for each, and
 * the errors each field's syntax and prerequisites give.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "attrs.h"
#include "flow_text.h"
#include "nl.h"
#include "tap.h"
#include "util.h"

struct trip {
	const char *text;	/* the match, without actions */
	const char *want;	/* what match_format() prints */
};

static const struct trip trips[] = {
	/* Pipeline metadata: ovs-ofctl prints these in hex, before in_port. */
	{ "metadata=0x5", "metadata=0x5" },
	{ "metadata=5/0xff", "metadata=0x5/0xff" },
	{ "metadata=0x100/0x100,in_port=3", "metadata=0x100/0x100,in_port=3" },
	{ "metadata=0/1", "metadata=0/0x1" },
	{ "metadata=0xffffffffffffffff", "metadata=0xffffffffffffffff" },
	{ "reg0=123", "reg0=0x7b" },
	{ "reg7=0x10/0xf0,reg3=0", "reg3=0,reg7=0x10/0xf0" },
	{ "reg1=0xffffffff/0xffffffff", "reg1=0xffffffff" },
	{ "in_port=2,reg0=1", "reg0=0x1,in_port=2" },
	{ "tun_id=0x1234", "tun_id=0x1234" },
	{ "tunnel_id=0x10/0xf0", "tun_id=0x10/0xf0" },
	{ "tun_src=10.0.0.1,tun_dst=10.0.0.0/8", "tun_src=10.0.0.1,tun_dst=10.0.0.0/8" },
	{ "in_phy_port=4,in_port=4", "in_port=4,in_phy_port=4" },
	/* Order: regs, tunnel, metadata, in_port, as match_format(). */
	{ "in_port=1,metadata=1,tun_id=2,reg2=3",
	  "reg2=0x3,tun_id=0x2,metadata=0x1,in_port=1" },
	/* IPv6. */
	{ "ipv6,ipv6_src=2001:db8::1", "ipv6,ipv6_src=2001:db8::1" },
	{ "ipv6,ipv6_src=2001:db8:3c4d:1:2:3:4:5/64",
	  "ipv6,ipv6_src=2001:db8:3c4d:1::/64" },
	{ "ipv6,ipv6_dst=2001:db8:3c4d:1:2:3:4:5/127",
	  "ipv6,ipv6_dst=2001:db8:3c4d:1:2:3:4:4/127" },
	{ "ipv6,ipv6_dst=::1/::ffff:0:0:0:ffff",
	  "ipv6,ipv6_dst=::1/::ffff:0:0:0:ffff" },
	{ "ipv6,ipv6_src=fe80::1/128", "ipv6,ipv6_src=fe80::1" },
	{ "ipv6,ipv6_label=0x12345", "ipv6,ipv6_label=0x12345" },
	{ "ipv6,ipv6_label=5", "ipv6,ipv6_label=0x00005" },
	{ "ipv6,ipv6_label=0x10000/0xf0000", "ipv6,ipv6_label=0x10000/0xf0000" },
	{ "ipv6,ipv6_label=0x1/0xfffff", "ipv6,ipv6_label=0x00001" },
	{ "ipv6,nw_proto=47", "ipv6,nw_proto=47" },
	{ "ip6,nw_tos=8,nw_ecn=1", "ipv6,nw_tos=8,nw_ecn=1" },
	{ "tcp6,ipv6_src=2001:db8:3c4d:1::1,tp_dst=80",
	  "tcp6,ipv6_src=2001:db8:3c4d:1::1,tp_dst=80" },
	{ "udp6,ipv6_src=2001:db8:3c4d:1::3,tp_dst=53",
	  "udp6,ipv6_src=2001:db8:3c4d:1::3,tp_dst=53" },
	{ "sctp6,tp_src=9", "sctp6,tp_src=9" },
	{ "dl_type=0x86dd,nw_proto=6", "tcp6" },
	/* ICMPv6 and neighbour discovery; icmp_type follows dl_type. */
	{ "icmp6,icmp_type=134", "icmp6,icmp_type=134" },
	{ "in_port=3,icmp6,ipv6_src=2001:db8:3c4d:1::1,icmp_type=134",
	  "icmp6,in_port=3,ipv6_src=2001:db8:3c4d:1::1,icmp_type=134" },
	{ "icmp6,icmpv6_type=1,icmpv6_code=4", "icmp6,icmp_type=1,icmp_code=4" },
	{ "icmp6,icmp_type=135,nd_target=FEC0::1234:F045:8FFF:1111:FE4E:0571",
	  "icmp6,icmp_type=135,nd_target=fec0:0:1234:f045:8fff:1111:fe4e:571" },
	{ "icmp6,icmp_type=135,nd_sll=00:0A:E4:25:6B:B0",
	  "icmp6,icmp_type=135,nd_sll=00:0a:e4:25:6b:b0" },
	{ "icmp6,icmp_type=136,nd_tll=00:0A:E4:25:6B:B1,nd_target=::1",
	  "icmp6,icmp_type=136,nd_target=::1,nd_tll=00:0a:e4:25:6b:b1" },
	{ "icmp6,icmp_type=136,nd_target=fe80::/64",
	  "icmp6,icmp_type=136,nd_target=fe80::/64" },
	{ "icmp,icmpv4_type=8", "icmp,icmp_type=8" },
	/* TCP flags, as format_flags_masked(). */
	{ "tcp,tcp_flags=+syn-ack", "tcp,tcp_flags=+syn-ack" },
	{ "tcp,tcp_flags=-ack+syn", "tcp,tcp_flags=+syn-ack" },
	{ "tcp,tcp_flags=syn|ack", "tcp,tcp_flags=syn|ack" },
	{ "tcp,tcp_flags=0", "tcp,tcp_flags=0" },
	{ "tcp,tcp_flags=0x002", "tcp,tcp_flags=syn" },
	{ "tcp,tcp_flags=0x012/0x012", "tcp,tcp_flags=+syn+ack" },
	{ "tcp,tcp_flags=0x012/0x0ff",
	  "tcp,tcp_flags=-fin+syn-rst-psh+ack-urg-ece-cwr" },
	{ "tcp,tcp_flags=0x800", "tcp,tcp_flags=[800]" },
	{ "tcp,tcp_flags=+ns-[200]", "tcp,tcp_flags=+ns-[200]" },
	{ "tcp6,tcp_flags=+fin", "tcp6,tcp_flags=+fin" },
	{ "tcp,tp_dst=22,tcp_flags=+rst", "tcp,tp_dst=22,tcp_flags=+rst" },
	/* Fragments: every spelling of Open vSwitch's table. */
	{ "ip,ip_frag=no", "ip,nw_frag=no" },
	{ "ip,ip_frag=yes", "ip,nw_frag=yes" },
	{ "ip,nw_frag=first", "ip,nw_frag=first" },
	{ "ip,nw_frag=later", "ip,nw_frag=later" },
	{ "ipv6,ip_frag=not_later", "ipv6,nw_frag=not_later" },
	/* ARP: arp_op sits where nw_proto would be. */
	{ "arp,arp_op=1", "arp,arp_op=1" },
	{ "arp,arp_spa=10.0.0.1,arp_tpa=10.0.0.0/24",
	  "arp,arp_spa=10.0.0.1,arp_tpa=10.0.0.0/24" },
	{ "arp,arp_sha=00:0A:E4:25:6B:B0,dl_src=00:0A:E4:25:6B:B0",
	  "arp,dl_src=00:0a:e4:25:6b:b0,arp_sha=00:0a:e4:25:6b:b0" },
	{ "arp,arp_tha=00:00:00:00:00:01/00:00:00:00:00:ff,arp_op=2,arp_spa=1.2.3.4",
	  "arp,arp_spa=1.2.3.4,arp_op=2,arp_tha=00:00:00:00:00:01/00:00:00:00:00:ff" },
	/* MPLS. */
	{ "mpls,mpls_label=5", "mpls,mpls_label=5" },
	{ "mplsm,mpls_tc=3,mpls_bos=1,mpls_label=1048575",
	  "mplsm,mpls_label=1048575,mpls_tc=3,mpls_bos=1" },
	{ "dl_type=0x8847,mpls_bos=0", "mpls,mpls_bos=0" },
	/* VLAN: OpenFlow 1.3's vlan_vid keeps the present bit. */
	{ "vlan_vid=0x1000/0x1000", "vlan_tci=0x1000/0x1000" },
	{ "vlan_vid=0x1005", "dl_vlan=5" },
	{ "vlan_vid=0", "vlan_tci=0x0000/0x1fff" },
	{ "dl_vlan=10,dl_vlan_pcp=3", "dl_vlan=10,dl_vlan_pcp=3" },
	/* Shorthands of both IP versions. */
	{ "ip4", "ip" },
	{ "ipv4,nw_proto=17", "udp" },
	{ "sctp", "sctp" },
	{ "rarp", "rarp" },
};

static void test_trips(void)
{
	struct weft_flow *f = malloc(sizeof(*f)), *g = malloc(sizeof(*g));
	char text[1100], err[512], got[1024];
	__u64 *buf = malloc(WEFT_NL_REQ_SIZE);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(trips); i++) {
		struct nlmsghdr *nlh;
		int ret;

		snprintf(text, sizeof(text), "%s,actions=drop", trips[i].text);
		ret = weft_flow_from_str(f, text, WEFT_FLOW_OP_ADD, false, NULL,
					 NULL, err, sizeof(err));
		if (!weft_tap_ok(ret == 0, "parse \"%s\"", trips[i].text)) {
			weft_tap_diag("%s", err);
			continue;
		}
		weft_flow_format_match(f, got, sizeof(got));
		weft_tap_str(got, trips[i].want, "format \"%s\"", trips[i].text);

		/* Printed text parses back to the same match. */
		snprintf(text, sizeof(text), "%s,actions=drop", got);
		ret = weft_flow_from_str(g, text, WEFT_FLOW_OP_ADD, false, NULL,
					 NULL, err, sizeof(err));
		weft_tap_ok(ret == 0 && !memcmp(&f->match, &g->match,
						sizeof(f->match)),
			    "\"%s\" parses back to the same match", got);

		/* And through netlink, unchanged. */
		nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_FLOW_NEW, 0);
		ret = weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, f);
		ret = ret ?: weft_flow_msg_parse(nlh, g);
		weft_tap_ok(ret == 0 && !memcmp(f, g, sizeof(*f)),
			    "netlink round trip of \"%s\"", trips[i].text);
	}
	free(f);
	free(g);
	free(buf);
}

/* Each field travels as the ABI says: width and byte order. */
static void test_encoding(void)
{
	const struct nlattr *top[WEFT_A_MAX + 1], *ft[WEFT_FLOW_A_MAX + 1];
	const struct nlattr *key[WEFT_KEY_A_MAX + 1], *mask[WEFT_KEY_A_MAX + 1];
	struct weft_flow *f = malloc(sizeof(*f));
	__u64 *buf = malloc(WEFT_NL_REQ_SIZE);
	struct nlmsghdr *nlh;
	char err[256];
	int ret;

	ret = weft_flow_from_str(f,
				 "tcp6,metadata=0x0102030405060708/0xff00,reg3=0x11223344,"
				 "ipv6_label=0x12345,tcp_flags=+syn-ack,ip_frag=first,"
				 "tun_id=0x1,tun_src=1.2.3.4,actions=drop",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_FLOW_NEW, 0);
	ret = ret ?: weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, f);
	ret = ret ?: weft_attr_parse_msg(nlh, top);
	ret = ret ?: weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, ft);
	ret = ret ?: weft_attr_parse_nested(ft[WEFT_FLOW_A_KEY], &weft_attrs_key, key);
	ret = ret ?: weft_attr_parse_nested(ft[WEFT_FLOW_A_MASK], &weft_attrs_key, mask);
	if (!weft_tap_ok(ret == 0, "encode new fields: %s", err))
		goto out;
	weft_tap_ok(mnl_attr_get_u64(key[WEFT_KEY_A_METADATA]) == 0x0700 &&
		    mnl_attr_get_u64(mask[WEFT_KEY_A_METADATA]) == 0xff00,
		    "METADATA: host-order u64, value cut to the mask");
	weft_tap_ok(mnl_attr_get_u32(key[WEFT_KEY_A_REG3]) == 0x11223344 &&
		    !mask[WEFT_KEY_A_REG3], "REG3: host-order u32, exact");
	weft_tap_ok(!memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_IPV6_FLABEL]),
			    "\x00\x01\x23\x45", 4) && !mask[WEFT_KEY_A_IPV6_FLABEL],
		    "IPV6_FLABEL: be32, 20 bits exact: no mask");
	weft_tap_ok(!memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_TCP_FLAGS]),
			    "\x00\x02", 2) &&
		    !memcmp(mnl_attr_get_payload(mask[WEFT_KEY_A_TCP_FLAGS]),
			    "\x00\x12", 2),
		    "TCP_FLAGS: be16 SYN under mask SYN|ACK");
	weft_tap_ok(mnl_attr_get_u8(key[WEFT_KEY_A_IP_FRAG]) == WEFT_FRAG_ANY &&
		    !mask[WEFT_KEY_A_IP_FRAG],
		    "IP_FRAG first: ANY, exact (both bits)");
	weft_tap_ok(mnl_attr_get_u64(key[WEFT_KEY_A_TUNNEL_ID]) == 1 &&
		    !memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_TUN_IPV4_SRC]),
			    "\x01\x02\x03\x04", 4),
		    "TUNNEL_ID u64, TUN_IPV4_SRC be32");
	weft_tap_ok(!memcmp(mnl_attr_get_payload(key[WEFT_KEY_A_ETH_TYPE]),
			    "\x86\xdd", 2) &&
		    mnl_attr_get_u8(key[WEFT_KEY_A_IP_PROTO]) == 6,
		    "tcp6: ETH_TYPE 86 dd, IP_PROTO 6");
out:
	free(f);
	free(buf);
}

struct bad {
	const char *text;
	const char *msg;
};

static const struct bad bad[] = {
	{ "reg8=1", "unknown field \"reg8\" in \"reg8=1\"" },
	{ "reg0=0x100000000", "invalid reg0 \"0x100000000\" in \"reg0=0x100000000\" (maximum 4294967295)" },
	{ "metadata=x", "invalid metadata \"x\" in \"metadata=x\"" },
	{ "ipv6_src=::1", "ipv6_src needs ipv6 (dl_type=0x86dd) in \"ipv6_src=::1\"" },
	{ "ipv6,ipv6_src=1.2.3.4", "invalid IPv6 address \"1.2.3.4\" in \"ipv6_src=1.2.3.4\"" },
	{ "ipv6,ipv6_dst=::1/129", "invalid prefix length \"129\" in \"ipv6_dst=::1/129\" (maximum 128)" },
	{ "ipv6,ipv6_dst=::1/::g", "invalid IPv6 mask \"::g\" in \"ipv6_dst=::1/::g\"" },
	{ "ipv6,ipv6_label=0x100000", "invalid ipv6_label \"0x100000\" in \"ipv6_label=0x100000\" (maximum 1048575)" },
	{ "ip,tcp_flags=+syn", "tcp_flags needs tcp or tcp6 (nw_proto=6) in \"tcp_flags=+syn\"" },
	{ "tcp,tcp_flags=+syn-bogus", "invalid tcp_flags \"+syn-bogus\" in \"tcp_flags=+syn-bogus\" (unknown flag)" },
	{ "tcp,tcp_flags=+syn+syn", "invalid tcp_flags \"+syn+syn\" in \"tcp_flags=+syn+syn\" (a flag given twice)" },
	{ "tcp,tcp_flags=syn+ack", "invalid tcp_flags \"syn+ack\" in \"tcp_flags=syn+ack\"" },
	{ "tcp,tcp_flags=0x1000", "invalid tcp_flags \"0x1000\" in \"tcp_flags=0x1000\" (maximum 4095)" },
	{ "ip,ip_frag=maybe", "invalid ip_frag \"maybe\" in \"ip_frag=maybe\" (no, yes, first, later or not_later)" },
	{ "arp,ip_frag=no", "ip_frag needs ip or ipv6 (dl_type=0x0800 or 0x86dd) in \"ip_frag=no\"" },
	{ "ip,arp_op=1", "arp_op needs arp (dl_type=0x0806) in \"arp_op=1\"" },
	{ "rarp,arp_spa=1.2.3.4", "arp_spa needs arp (dl_type=0x0806) in \"arp_spa=1.2.3.4\"" },
	{ "arp,arp_op=1/1", "arp_op cannot be masked in \"arp_op=1/1\"" },
	{ "arp,arp_sha=00:11", "invalid Ethernet address \"00:11\" in \"arp_sha=00:11\"" },
	{ "icmp6,nd_target=::1", "nd_target needs icmp6 with icmp_type=135 or 136 in \"nd_target=::1\"" },
	{ "icmp6,icmp_type=136,nd_sll=00:00:00:00:00:01", "nd_sll needs icmp6 with icmp_type=135 in \"nd_sll=00:00:00:00:00:01\"" },
	{ "icmp6,icmp_type=135,nd_tll=00:00:00:00:00:01", "nd_tll needs icmp6 with icmp_type=136 in \"nd_tll=00:00:00:00:00:01\"" },
	{ "ipv6,icmpv6_type=1", "icmpv6_type needs icmp6 (nw_proto=58) in \"icmpv6_type=1\"" },
	{ "icmp,icmpv6_code=1", "icmpv6_code needs icmp6 (nw_proto=58) in \"icmpv6_code=1\"" },
	{ "udp6,icmp_code=1", "icmp_code needs icmp or icmp6 in \"icmp_code=1\"" },
	{ "ip,mpls_label=1", "mpls_label needs mpls or mplsm (dl_type=0x8847 or 0x8848) in \"mpls_label=1\"" },
	{ "mpls,mpls_label=1048576", "invalid mpls_label \"1048576\" in \"mpls_label=1048576\" (maximum 1048575)" },
	{ "mpls,mpls_tc=8", "invalid mpls_tc \"8\" in \"mpls_tc=8\" (maximum 7)" },
	{ "mpls,mpls_bos=2", "invalid mpls_bos \"2\" in \"mpls_bos=2\" (maximum 1)" },
	{ "mpls,mpls_label=1/1", "mpls_label cannot be masked in \"mpls_label=1/1\"" },
	{ "tun_src=1.2.3", "invalid IPv4 address \"1.2.3\" in \"tun_src=1.2.3\"" },
	{ "in_phy_port=LOCALX", "invalid port \"LOCALX\" in \"in_phy_port=LOCALX\" (port names cannot be used here)" },
	{ "vlan_vid=0x2000", "invalid vlan_vid \"0x2000\" in \"vlan_vid=0x2000\" (maximum 8191)" },
	{ "ipv6,ip,nw_proto=1", "conflicting values for dl_type in \"ip\"" },
};

static void test_errors(void)
{
	struct weft_flow *f = malloc(sizeof(*f));
	char text[512], err[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret;

		snprintf(text, sizeof(text), "%s,actions=drop", bad[i].text);
		ret = weft_flow_from_str(f, text, WEFT_FLOW_OP_ADD, false, NULL,
					 NULL, err, sizeof(err));
		weft_tap_ok(ret < 0, "\"%s\" is refused", bad[i].text);
		weft_tap_str(err, bad[i].msg, "error for \"%s\"", bad[i].text);
	}
	free(f);
}

/* A packet to trace: match fields, all exact, nothing else. */
static void test_packets(void)
{
	static const struct bad packet_errors[] = {
		{ "ip,nw_src=10.0.0.0/8",
		  "a packet cannot have a masked field in \"nw_src=10.0.0.0/8\"" },
		{ "priority=5,ip", "priority cannot be used with trace in \"priority=5\"" },
		{ "ip,actions=drop", "trace takes no actions in \"actions=drop\"" },
		{ "table=1", "table cannot be used with trace in \"table=1\"" },
		{ "send_flow_rem", "send_flow_rem cannot be used with trace in \"send_flow_rem\"" },
	};
	struct weft_flow *f = malloc(sizeof(*f));
	char err[512], got[512];
	size_t i;
	int ret;

	ret = weft_flow_from_str(f, "in_port=1,dl_src=00:00:00:00:00:01,tcp,nw_dst=10.0.0.2,tp_dst=80",
				 WEFT_FLOW_OP_PACKET, false, NULL, NULL, err,
				 sizeof(err));
	weft_match_format(&f->match, got, sizeof(got));
	weft_tap_ok(ret == 0 && f->match.masked == 0 &&
		    !(f->attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY)),
		    "packet: parsed, exact, no priority filled in");
	weft_tap_str(got, "tcp,in_port=1,dl_src=00:00:00:00:00:01,nw_dst=10.0.0.2,tp_dst=80",
		     "packet: fields as given");
	ret = weft_flow_from_str(f, "dl_vlan_pcp=5", WEFT_FLOW_OP_PACKET, false,
				 NULL, NULL, err, sizeof(err));
	weft_tap_ok(ret == 0 && f->match.key.vlan_vid == WEFT_VID_PRESENT &&
		    !weft_match_is_masked(&f->match, WEFT_KEY_A_VLAN_VID),
		    "packet: dl_vlan_pcp alone is a tag with VID 0");
	for (i = 0; i < ARRAY_SIZE(packet_errors); i++) {
		ret = weft_flow_from_str(f, packet_errors[i].text,
					 WEFT_FLOW_OP_PACKET, false, NULL, NULL,
					 err, sizeof(err));
		weft_tap_ok(ret < 0, "packet \"%s\" refused", packet_errors[i].text);
		weft_tap_str(err, packet_errors[i].msg, "error for packet \"%s\"",
			     packet_errors[i].text);
	}
	free(f);
}

void weft_test_fields_text(void)
{
	test_trips();
	test_encoding();
	test_errors();
	test_packets();
}
