// SPDX-License-Identifier: GPL-2.0
/*
 * Actions and instructions: text -> struct -> text (as ovs-ofctl prints
 * what it decoded from OpenFlow 1.3), text -> struct -> netlink -> struct,
 * the exact attributes each action becomes, and the errors.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "flow_text.h"
#include "nl.h"
#include "tap.h"
#include "util.h"

struct trip {
	const char *text;	/* a whole flow */
	const char *want;	/* weft_flow_format_actions() */
};

static const struct trip trips[] = {
	{ "actions=output:1,in_port,flood,all,local", "output:1,IN_PORT,FLOOD,ALL,LOCAL" },
	{ "actions=controller", "CONTROLLER:65535" },
	{ "actions=controller:128", "CONTROLLER:128" },
	{ "actions=controller(max_len=64)", "CONTROLLER:64" },
	{ "actions=output:CONTROLLER", "CONTROLLER:65535" },
	{ "actions=CONTROLLER", "CONTROLLER:65535" },
	{ "actions=group:5,set_queue:7", "group:5,set_queue:7" },
	{ "actions=set_field:00:11:22:33:44:55->eth_src", "set_field:00:11:22:33:44:55->eth_src" },
	{ "actions=mod_dl_src:00:11:22:33:44:55,mod_dl_dst:0:0:0:0:0:1",
	  "set_field:00:11:22:33:44:55->eth_src,set_field:00:00:00:00:00:01->eth_dst" },
	{ "ip,actions=mod_nw_src:10.0.0.1,mod_nw_dst:10.0.0.2",
	  "set_field:10.0.0.1->ip_src,set_field:10.0.0.2->ip_dst" },
	{ "ip,actions=set_field:1.2.3.4->nw_src", "set_field:1.2.3.4->ip_src" },
	{ "ip,actions=mod_nw_tos:184,mod_nw_ecn:2",
	  "set_field:46->ip_dscp,set_field:2->nw_ecn" },
	{ "ipv6,actions=set_field:184->nw_tos", "set_field:46->ip_dscp" },
	{ "ipv6,actions=set_field:7->ip_dscp,set_field:3->nw_ecn",
	  "set_field:7->ip_dscp,set_field:3->nw_ecn" },
	{ "tcp,actions=mod_tp_src:1,mod_tp_dst:2",
	  "set_field:1->tcp_src,set_field:2->tcp_dst" },
	{ "udp6,actions=mod_tp_dst:53", "set_field:53->udp_dst" },
	{ "sctp,actions=set_field:9->sctp_src", "set_field:9->sctp_src" },
	{ "actions=mod_vlan_vid:10", "push_vlan:0x8100,set_field:4106->vlan_vid" },
	{ "dl_vlan=5,actions=mod_vlan_vid:10", "set_field:4106->vlan_vid" },
	{ "vlan_tci=0x1000/0x1000,actions=mod_vlan_pcp:3", "set_field:3->vlan_pcp" },
	{ "actions=push_vlan:0x88a8,mod_vlan_vid:7", "push_vlan:0x88a8,set_field:4103->vlan_vid" },
	{ "dl_vlan=5,actions=strip_vlan,mod_vlan_vid:3",
	  "pop_vlan,push_vlan:0x8100,set_field:4099->vlan_vid" },
	{ "actions=set_field:4196->vlan_vid", "set_field:4196->vlan_vid" },
	{ "actions=set_field:100->vlan_vid", "set_field:4196->vlan_vid" },
	{ "actions=pop_vlan", "pop_vlan" },
	{ "ip,actions=push_mpls:0x8847", "push_mpls:0x8847" },
	{ "mpls,actions=pop_mpls:0x0800,set_mpls_label:5,set_mpls_tc:2",
	  "pop_mpls:0x0800,set_field:5->mpls_label,set_field:2->mpls_tc" },
	{ "mplsm,actions=set_mpls_label(7),set_mpls_ttl(64),dec_mpls_ttl",
	  "set_field:7->mpls_label,set_mpls_ttl(64),dec_mpls_ttl" },
	{ "mpls,actions=set_mpls_ttl:9,set_field:1->mpls_bos", "set_mpls_ttl(9),set_field:1->mpls_bos" },
	{ "ip,actions=dec_ttl,mod_nw_ttl:5,set_nw_ttl:6",
	  "dec_ttl,mod_nw_ttl:5,mod_nw_ttl:6" },
	{ "actions=copy_ttl_out,copy_ttl_in", "copy_ttl_out,copy_ttl_in" },
	{ "actions=set_field:0x5->reg0,set_field:7->reg7", "set_field:0x5->reg0,set_field:0x7->reg7" },
	{ "actions=set_field:0->metadata,set_field:0x1234->tun_id",
	  "set_field:0->metadata,set_field:0x1234->tun_id" },
	{ "actions=set_field:10.0.0.1->tun_src,set_field:10.0.0.2->tun_dst",
	  "set_field:10.0.0.1->tun_src,set_field:10.0.0.2->tun_dst" },
	{ "ipv6,actions=set_field:fe80::1->ipv6_src,set_field:0x12345->ipv6_label",
	  "set_field:fe80::1->ipv6_src,set_field:0x12345->ipv6_label" },
	{ "arp,actions=set_field:2->arp_op,set_field:1.1.1.1->arp_spa,set_field:0:0:0:0:0:2->arp_tha",
	  "set_field:2->arp_op,set_field:1.1.1.1->arp_spa,set_field:00:00:00:00:00:02->arp_tha" },
	{ "icmp6,icmp_type=135,actions=set_field:::2->nd_target,set_field:0:0:0:0:0:3->nd_sll",
	  "set_field:::2->nd_target,set_field:00:00:00:00:00:03->nd_sll" },
	{ "icmp,actions=set_field:3->icmp_type,set_field:1->icmpv4_code",
	  "set_field:3->icmp_type,set_field:1->icmp_code" },
	{ "icmp6,actions=set_field:3->icmpv6_type", "set_field:3->icmpv6_type" },
	/* Instructions, in OpenFlow 1.3's order. */
	{ "actions=goto_table:1", "goto_table:1" },
	{ "table=2,actions=goto_table:254", "goto_table:254" },
	{ "actions=write_metadata:0x5", "write_metadata:0x5" },
	{ "actions=write_metadata:5/0xff", "write_metadata:0x5/0xff" },
	{ "actions=write_metadata:0x1f/0xf", "write_metadata:0xf/0xf" },
	{ "actions=clear_actions", "clear_actions" },
	{ "actions=write_actions(output:2)", "write_actions(output:2)" },
	{ "actions=write_actions(set_field:0x1->reg0,set_field:0x2->reg1,group:1,set_queue:3)",
	  "write_actions(set_field:0x1->reg0,set_field:0x2->reg1,group:1,set_queue:3)" },
	{ "actions=write_actions()", "drop" },
	{ "actions=output:1,clear_actions,write_actions(output:2),write_metadata:0x1/0x1,goto_table:3",
	  "output:1,clear_actions,write_actions(output:2),write_metadata:0x1/0x1,goto_table:3" },
	{ "actions=write_actions(controller:10)", "write_actions(CONTROLLER:10)" },
	{ "actions=drop", "drop" },
	{ "actions= output:1 , output:2", "output:1,output:2" },
};

static void test_trips(void)
{
	struct weft_flow *f = malloc(sizeof(*f)), *g = malloc(sizeof(*g));
	__u64 *buf = malloc(WEFT_NL_REQ_SIZE);
	char err[512], got[2048], text[3200], match[1024];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(trips); i++) {
		struct nlmsghdr *nlh;
		int ret;

		ret = weft_flow_from_str(f, trips[i].text, WEFT_FLOW_OP_ADD,
					 false, NULL, NULL, err, sizeof(err));
		if (!weft_tap_ok(ret == 0, "parse \"%s\"", trips[i].text)) {
			weft_tap_diag("%s", err);
			continue;
		}
		weft_flow_format_actions(f, got, sizeof(got));
		weft_tap_str(got, trips[i].want, "actions of \"%s\"",
			     trips[i].text);

		/* What is printed parses back to the same instructions. */
		weft_flow_format_match(f, match, sizeof(match));
		snprintf(text, sizeof(text), "%s%stable=%u,actions=%s", match,
			 match[0] ? "," : "", f->table, got);
		ret = weft_flow_from_str(g, text, WEFT_FLOW_OP_ADD, false, NULL,
					 NULL, err, sizeof(err));
		weft_tap_ok(ret == 0 && !memcmp(&f->insts, &g->insts,
						sizeof(f->insts)),
			    "\"%s\" parses back the same (%s)", text, err);

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

/* The attribute each action becomes, payload byte for byte. */
static void test_encoding(void)
{
	static const struct {
		__u16 type;
		unsigned int len;
		const char *payload;
	} want[] = {
		{ WEFT_ACT_A_OUTPUT, 4, "\x02\x00\x00\x00" },
		{ WEFT_ACT_A_CONTROLLER, 8, "\x06\x00\x01\x00\x80\x00\x00\x00" },
		{ WEFT_ACT_A_GROUP, 4, "\x09\x00\x00\x00" },
		{ WEFT_ACT_A_SET_FIELD, 8, "\x08\x00\x16\x00\x05\x00\x00\x00" },
		{ WEFT_ACT_A_PUSH_VLAN, 2, "\x81\x00" },
		{ WEFT_ACT_A_POP_VLAN, 0, "" },
		{ WEFT_ACT_A_PUSH_MPLS, 2, "\x88\x47" },
		{ WEFT_ACT_A_POP_MPLS, 2, "\x08\x00" },
		{ WEFT_ACT_A_SET_NW_TTL, 1, "\x40" },
		{ WEFT_ACT_A_DEC_NW_TTL, 0, "" },
		{ WEFT_ACT_A_SET_MPLS_TTL, 1, "\x20" },
		{ WEFT_ACT_A_DEC_MPLS_TTL, 0, "" },
		{ WEFT_ACT_A_COPY_TTL_OUT, 0, "" },
		{ WEFT_ACT_A_COPY_TTL_IN, 0, "" },
		{ WEFT_ACT_A_SET_QUEUE, 4, "\x03\x00\x00\x00" },
	};
	const struct nlattr *top[WEFT_A_MAX + 1], *ft[WEFT_FLOW_A_MAX + 1];
	const struct nlattr *it[WEFT_INST_A_MAX + 1], *mt[WEFT_META_A_MAX + 1];
	struct weft_flow *f = malloc(sizeof(*f));
	/* Zeroed: libmnl may leave attribute padding as it finds it. */
	__u64 *buf = calloc(1, WEFT_NL_REQ_SIZE);
	const struct nlattr *a;
	struct nlmsghdr *nlh;
	unsigned int n = 0;
	bool ok = true;
	char err[256];
	int ret;

	ret = weft_flow_from_str(f,
				 "table=1,mpls,actions=output:2,controller:128,group:9,set_field:5->reg0,"
				 "push_vlan:0x8100,pop_vlan,push_mpls:0x8847,pop_mpls:0x0800,"
				 "mod_nw_ttl:64,dec_ttl,set_mpls_ttl:32,dec_mpls_ttl,copy_ttl_out,"
				 "copy_ttl_in,set_queue:3,clear_actions,write_actions(output:1),"
				 "write_metadata:0x10/0x30,goto_table:4",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err, sizeof(err));
	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_FLOW_NEW, 0);
	ret = ret ?: weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, f);
	ret = ret ?: weft_attr_parse_msg(nlh, top);
	ret = ret ?: weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, ft);
	ret = ret ?: weft_attr_parse_nested(ft[WEFT_FLOW_A_INSTRUCTIONS],
					    &weft_attrs_inst, it);
	if (!weft_tap_ok(ret == 0 && it[WEFT_INST_A_APPLY_ACTIONS],
			 "encode every action: %s", err))
		goto out;
	mnl_attr_for_each_nested(a, it[WEFT_INST_A_APPLY_ACTIONS]) {
		if (n >= ARRAY_SIZE(want) || mnl_attr_get_type(a) != want[n].type ||
		    mnl_attr_get_payload_len(a) != want[n].len ||
		    memcmp(mnl_attr_get_payload(a), want[n].payload, want[n].len)) {
			weft_tap_diag("action %u differs: type %u len %u",
				      n, mnl_attr_get_type(a),
				      mnl_attr_get_payload_len(a));
			ok = false;
		}
		n++;
	}
	weft_tap_ok(ok && n == ARRAY_SIZE(want),
		    "each action: its attribute, in order, payload as the ABI says");
	weft_tap_ok(it[WEFT_INST_A_CLEAR_ACTIONS] &&
		    !mnl_attr_get_payload_len(it[WEFT_INST_A_CLEAR_ACTIONS]),
		    "CLEAR_ACTIONS is a flag");
	weft_tap_ok(it[WEFT_INST_A_GOTO_TABLE] &&
		    mnl_attr_get_u8(it[WEFT_INST_A_GOTO_TABLE]) == 4,
		    "GOTO_TABLE is a u8");
	weft_attr_parse_nested(it[WEFT_INST_A_WRITE_METADATA], &weft_attrs_meta, mt);
	weft_tap_ok(mt[WEFT_META_A_VALUE] && mt[WEFT_META_A_MASK] &&
		    mnl_attr_get_u64(mt[WEFT_META_A_VALUE]) == 0x10 &&
		    mnl_attr_get_u64(mt[WEFT_META_A_MASK]) == 0x30,
		    "WRITE_METADATA: VALUE and MASK u64");
	weft_tap_ok(it[WEFT_INST_A_WRITE_ACTIONS] != NULL, "WRITE_ACTIONS nest");
	/* Without a mask, no MASK attribute (the kernel's default: all). */
	weft_flow_from_str(f, "actions=write_metadata:7", WEFT_FLOW_OP_ADD, false,
			   NULL, NULL, err, sizeof(err));
	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_FLOW_NEW, 0);
	weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, f);
	weft_attr_parse_msg(nlh, top);
	weft_attr_parse_nested(top[WEFT_A_FLOW], &weft_attrs_flow, ft);
	weft_attr_parse_nested(ft[WEFT_FLOW_A_INSTRUCTIONS], &weft_attrs_inst, it);
	weft_attr_parse_nested(it[WEFT_INST_A_WRITE_METADATA], &weft_attrs_meta, mt);
	weft_tap_ok(mt[WEFT_META_A_VALUE] && !mt[WEFT_META_A_MASK],
		    "write_metadata without mask: VALUE only");
out:
	free(f);
	free(buf);
}

struct bad {
	const char *text;
	const char *msg;
};

static const struct bad bad[] = {
	{ "actions=goto_table:1,output:1",
	  "invalid instruction ordering: apply_actions must appear before goto_table in \"actions=goto_table:1,output:1\"" },
	{ "actions=goto_table:2,clear_actions",
	  "invalid instruction ordering: clear_actions must appear before goto_table in \"actions=goto_table:2,clear_actions\"" },
	{ "actions=write_metadata:1,write_metadata:2",
	  "duplicate write_metadata instruction in \"actions=write_metadata:1,write_metadata:2\"" },
	{ "table=5,actions=goto_table:5",
	  "invalid table \"5\" in \"goto_table:5\" (goto_table must go to a later table)" },
	{ "actions=goto_table:255", "invalid table \"255\" in \"goto_table:255\" (maximum 254)" },
	{ "actions=goto_table", "missing value in \"goto_table\"" },
	{ "actions=write_metadata:1/x", "invalid metadata mask \"x\" in \"write_metadata:1/x\"" },
	{ "actions=clear_actions:1", "clear_actions takes no value in \"clear_actions:1\"" },
	{ "actions=write_actions(output:1,output:2)",
	  "write_actions holds one action of each kind (one set_field per field) in \"write_actions(output:1,output:2)\"" },
	{ "actions=write_actions(output:1,controller)",
	  "write_actions holds one action of each kind (one set_field per field) in \"write_actions(output:1,controller)\"" },
	{ "actions=write_actions(set_field:1->reg0,set_field:2->reg0)",
	  "write_actions holds one action of each kind (one set_field per field) in \"write_actions(set_field:1->reg0,set_field:2->reg0)\"" },
	{ "actions=write_actions(goto_table:1)",
	  "goto_table is an instruction, not an action, in \"goto_table:1\"" },
	{ "actions=drop,goto_table:1", "\"drop\" must be the only action in \"actions=drop,goto_table:1\"" },
	{ "actions=set_field:1.2.3.4->ip_src",
	  "setting ip_src needs ip (dl_type=0x0800) in the match, in \"set_field:1.2.3.4->ip_src\"" },
	{ "actions=mod_vlan_pcp:3",
	  "setting vlan_pcp needs a VLAN tag (dl_vlan=N or vlan_tci=0x1000/0x1000) in the match, in \"mod_vlan_pcp:3\"" },
	{ "actions=mod_tp_src:80",
	  "mod_tp_src needs tcp, udp or sctp in the match (or use set_field:80->tcp_src) in \"mod_tp_src:80\"" },
	{ "actions=set_field:1->in_port", "field in_port cannot be set in \"set_field:1->in_port\"" },
	{ "actions=set_field:1->ip_frag", "field ip_frag cannot be set in \"set_field:1->ip_frag\"" },
	{ "actions=set_field:1->nope", "unknown field \"nope\" in \"set_field:1->nope\"" },
	{ "actions=set_field:1", "missing \"->FIELD\" in \"set_field:1\"" },
	{ "actions=set_field:1/1->reg0", "a set_field value cannot be masked in \"set_field:1/1->reg0\"" },
	{ "actions=set_field:0x100000000->reg0",
	  "invalid reg0 \"0x100000000\" in \"set_field:0x100000000->reg0\" (maximum 4294967295)" },
	{ "actions=set_field:8192->vlan_vid",
	  "invalid vlan_vid \"8192\" in \"set_field:8192->vlan_vid\" (maximum 8191)" },
	{ "ip,actions=set_field:3->nw_tos",
	  "invalid nw_tos \"3\" in \"set_field:3->nw_tos\" (the low 2 bits are ECN and must be zero)" },
	{ "actions=set_field:xx->eth_src", "invalid Ethernet address \"xx\" in \"set_field:xx->eth_src\"" },
	{ "actions=mod_vlan_vid:4096", "invalid mod_vlan_vid \"4096\" in \"mod_vlan_vid:4096\" (maximum 4095)" },
	{ "actions=push_vlan:0x0800", "invalid Ethernet type \"0x0800\" in \"push_vlan:0x0800\" (0x8100 or 0x88a8)" },
	{ "actions=push_mpls:0x8100", "invalid Ethernet type \"0x8100\" in \"push_mpls:0x8100\" (0x8847 or 0x8848)" },
	{ "mpls,actions=pop_mpls:5", "invalid Ethernet type \"5\" in \"pop_mpls:5\" (at least 0x0600)" },
	{ "actions=group:0xffffff01", "invalid group \"0xffffff01\" in \"group:0xffffff01\" (maximum 4294967040)" },
	{ "actions=group", "missing value in \"group\"" },
	{ "actions=controller(reason=no_match)", "only max_len=N is supported in \"controller(reason=no_match)\"" },
	{ "actions=controller:65536", "invalid max_len \"65536\" in \"controller:65536\" (maximum 65535)" },
	{ "actions=dec_ttl(1)", "dec_ttl takes no value in \"dec_ttl(1)\"" },
	{ "actions=load:1->NXM_NX_REG0[]", "unsupported action \"load\" in \"load:1->NXM_NX_REG0[]\"" },
	{ "actions=meter:1", "unsupported action \"meter\" in \"meter:1\"" },
	{ "actions=normal", "invalid port \"normal\" in \"normal\" (not supported by weft)" },
};

static void test_errors(void)
{
	struct weft_flow *f = malloc(sizeof(*f));
	char err[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = weft_flow_from_str(f, bad[i].text, WEFT_FLOW_OP_ADD,
					     false, NULL, NULL, err, sizeof(err));

		weft_tap_ok(ret < 0, "\"%s\" is refused", bad[i].text);
		weft_tap_str(err, bad[i].msg, "error for \"%s\"", bad[i].text);
	}
	free(f);
}

/* Bare action lists: packet-out and group buckets. */
static void test_lists(void)
{
	struct weft_actions acts;
	char err[256], got[512];
	int ret;

	ret = weft_actions_from_str(&acts, "output:TABLE", WEFT_ACTIONS_PACKET_OUT,
				    NULL, NULL, err, sizeof(err));
	weft_actions_format(&acts, got, sizeof(got));
	weft_tap_ok(ret == 0, "packet-out may output to TABLE");
	weft_tap_str(got, "TABLE", "packet-out TABLE formats as ovs-ofctl does");
	ret = weft_actions_from_str(&acts, "table", WEFT_ACTIONS_BUCKET, NULL,
				    NULL, err, sizeof(err));
	weft_tap_ok(ret < 0, "a bucket may not");
	weft_tap_str(err, "invalid port \"table\" in \"table\" (only in packet-out)",
		     "bucket TABLE: message");
	/* No match: no prerequisites, and mod_vlan_vid pushes a tag. */
	ret = weft_actions_from_str(&acts, "set_field:1.2.3.4->ip_dst,mod_vlan_vid:9",
				    WEFT_ACTIONS_BUCKET, NULL, NULL, err,
				    sizeof(err));
	weft_actions_format(&acts, got, sizeof(got));
	weft_tap_ok(ret == 0, "bucket: set_field without a match to check");
	weft_tap_str(got, "set_field:1.2.3.4->ip_dst,push_vlan:0x8100,set_field:4105->vlan_vid",
		     "bucket actions formatted");
	ret = weft_actions_from_str(&acts, "goto_table:1", WEFT_ACTIONS_BUCKET,
				    NULL, NULL, err, sizeof(err));
	weft_tap_ok(ret < 0 && acts.n == 0, "no instructions in a bucket");
	weft_tap_str(err, "goto_table is an instruction, not an action, in \"goto_table:1\"",
		     "bucket instruction: message");
	ret = weft_actions_from_str(&acts, "", WEFT_ACTIONS_PACKET_OUT, NULL,
				    NULL, err, sizeof(err));
	weft_actions_format(&acts, got, sizeof(got));
	weft_tap_ok(ret == 0 && acts.n == 0, "empty list: drop");
	weft_tap_str(got, "drop", "empty list formats as drop");
}

/* Action lists at the limit, apply and write alike. */
static void test_limits(void)
{
	struct weft_flow *f = malloc(sizeof(*f));
	char text[4096], err[256];
	size_t len;
	int i, ret;

	len = snprintf(text, sizeof(text), "actions=");
	for (i = 0; i < WEFT_ACTIONS_MAX; i++)
		len += snprintf(text + len, sizeof(text) - len, "%sset_queue:%d",
				i ? "," : "", i);
	len += snprintf(text + len, sizeof(text) - len, ",write_actions(");
	for (i = 0; i < 8; i++)
		len += snprintf(text + len, sizeof(text) - len, "%sset_field:%d->reg%d",
				i ? "," : "", i, i);
	snprintf(text + len, sizeof(text) - len, ")");
	ret = weft_flow_from_str(f, text, WEFT_FLOW_OP_ADD, false, NULL, NULL,
				 err, sizeof(err));
	weft_tap_ok(ret == 0 && f->insts.apply.n == WEFT_ACTIONS_MAX &&
		    f->insts.write.n == 8, "64 apply actions and a write list");
	ret = weft_flow_from_str(f, "actions=mod_vlan_vid:1,mod_vlan_vid:2",
				 WEFT_FLOW_OP_ADD, false, NULL, NULL, err,
				 sizeof(err));
	weft_tap_ok(ret == 0 && f->insts.apply.n == 3,
		    "a tag pushed once: the second mod_vlan_vid just sets");
	free(f);
}

void weft_test_actions_text(void)
{
	test_trips();
	test_encoding();
	test_errors();
	test_lists();
	test_limits();
}
