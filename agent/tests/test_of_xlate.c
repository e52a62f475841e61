// SPDX-License-Identifier: GPL-2.0
/*
 * The translation between the codec's IR and weft's flow structures,
 * both ways and in both versions, with the errors OpenFlow prescribes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "of.h"
#include "of_xlate.h"
#include "tap.h"

static struct weft_of_oxm mk(uint16_t cls, uint8_t field, const void *v,
			     const void *m, uint8_t len)
{
	struct weft_of_oxm o = { .oxm_class = cls, .field = field,
				 .len = len, .hasmask = m != NULL };

	memcpy(o.value, v, len);
	if (m)
		memcpy(o.mask, m, len);
	return o;
}

#define OB(f, v, m, l) mk(WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_##f, v, m, l)

static int to_weft(struct weft_of_oxm *oxms, size_t n, struct weft_match *m,
		   struct weft_of_error *err)
{
	struct weft_of_match om = { .type = WEFT_OFPMT_OXM, .n_oxms = n,
				    .oxms = oxms };

	return weft_of_match_to_weft(4, &om, m, err);
}

static void expect_match_err(struct weft_of_oxm o, uint16_t code,
			     const char *what)
{
	struct weft_of_error err = { 0 };
	struct weft_match m;

	weft_tap_ok(to_weft(&o, 1, &m, &err) == -1 &&
		    err.type == WEFT_OFPET_BAD_MATCH && err.code == code,
		    "of xlate match %s: BAD_MATCH/%s", what,
		    weft_of_error_code_name(WEFT_OFPET_BAD_MATCH, code));
}

static void test_match13(void)
{
	static const uint8_t port[4] = { 0, 0, 0, 5 }, et[2] = { 8, 0 },
		ip[4] = { 10, 1, 0, 0 }, ipm[4] = { 255, 255, 0, 0 },
		vid[2] = { 0x10, 0x00 }, reg[4] = { 0, 0, 0, 9 },
		badip[4] = { 10, 1, 2, 0 }, isid[3] = { 1, 2, 3 },
		bigvid[2] = { 0x20, 0x00 };
	struct weft_of_oxm oxms[5] = {
		OB(IPV4_SRC, ip, ipm, 4), OB(IN_PORT, port, NULL, 4),
		OB(VLAN_VID, vid, vid, 2), OB(ETH_TYPE, et, NULL, 2),
		mk(WEFT_OFPXMC_NXM_1, 3, reg, NULL, 4),
	};
	struct weft_of_error err;
	struct weft_match m, m2;
	struct weft_of_match back;
	bool ok;

	ok = !to_weft(oxms, 5, &m, &err) && m.key.in_port == 5 &&
	     m.key.eth_type == htons(0x0800) &&
	     weft_match_is_masked(&m, WEFT_KEY_A_IPV4_SRC) &&
	     m.key.ipv4_src == htonl(0x0a010000) &&
	     m.mask.ipv4_src == htonl(0xffff0000) &&
	     m.key.vlan_vid == 0x1000 && m.mask.vlan_vid == 0x1000 &&
	     m.key.regs[3] == 9;
	weft_tap_ok(ok, "of xlate match: OXMs to weft_match");
	ok = !weft_of_match_from_weft(4, &m, &back) && back.n_oxms == 5 &&
	     back.oxms[0].field == WEFT_OFPXMT_IN_PORT &&
	     back.oxms[1].field == WEFT_OFPXMT_ETH_TYPE &&
	     back.oxms[2].field == WEFT_OFPXMT_VLAN_VID &&
	     back.oxms[2].hasmask &&
	     back.oxms[3].field == WEFT_OFPXMT_IPV4_SRC &&
	     !memcmp(back.oxms[3].mask, ipm, 4) &&
	     back.oxms[4].oxm_class == WEFT_OFPXMC_NXM_1 &&
	     back.oxms[4].field == 3 && !memcmp(back.oxms[4].value, reg, 4);
	weft_tap_ok(ok, "of xlate match: back in canonical OXM order");
	ok = !weft_of_match_to_weft(4, &back, &m2, &err) &&
	     !memcmp(&m, &m2, sizeof(m));
	weft_tap_ok(ok, "of xlate match: weft -> OXM -> weft is identical");
	weft_of_match_free(&back);

	expect_match_err(OB(PBB_ISID, isid, NULL, 3), WEFT_OFPBMC_BAD_FIELD,
			 "pbb_isid (weft has none)");
	expect_match_err(OB(IN_PORT, port, port, 4), WEFT_OFPBMC_BAD_MASK,
			 "masked in_port");
	expect_match_err(OB(IPV4_SRC, badip, ipm, 4),
			 WEFT_OFPBMC_BAD_WILDCARDS,
			 "value bits outside the mask");
	expect_match_err(OB(VLAN_VID, bigvid, NULL, 2), WEFT_OFPBMC_BAD_VALUE,
			 "vlan_vid 0x2000");
	oxms[1] = oxms[3];
	weft_tap_ok(to_weft(oxms, 5, &m, &err) == -1 &&
		    err.code == WEFT_OFPBMC_DUP_FIELD,
		    "of xlate match: a field twice is DUP_FIELD");
}

static void test_match10(void)
{
	struct weft_of_match om = { 0 }, back;
	struct weft_of_match10 *x = &om.m10;
	struct weft_of_error err;
	struct weft_match m;
	bool ok;

	x->wildcards = WEFT_OFPFW10_ALL & ~(WEFT_OFPFW10_IN_PORT |
		WEFT_OFPFW10_DL_TYPE | WEFT_OFPFW10_NW_PROTO |
		WEFT_OFPFW10_TP_DST | WEFT_OFPFW10_DL_VLAN |
		WEFT_OFPFW10_NW_SRC_MASK);
	x->wildcards |= 8 << WEFT_OFPFW10_NW_SRC_SHIFT;
	x->in_port = 0xfffe;
	x->dl_type = 0x0800;
	x->nw_proto = 6;
	x->nw_src = 0x0a000100;
	x->tp_dst = 22;
	x->dl_vlan = WEFT_OFP10_VLAN_NONE;
	ok = !weft_of_match_to_weft(1, &om, &m, &err) &&
	     m.key.in_port == WEFT_PORT_LOCAL &&
	     m.key.ip_proto == 6 && m.key.tcp_dst == htons(22) &&
	     m.key.ipv4_src == htonl(0x0a000100) &&
	     m.mask.ipv4_src == htonl(0xffffff00) &&
	     weft_match_has(&m, WEFT_KEY_A_VLAN_VID) && m.key.vlan_vid == 0 &&
	     !weft_match_is_masked(&m, WEFT_KEY_A_VLAN_VID);
	weft_tap_ok(ok, "of xlate 1.0 match: CIDR, no-VLAN, tcp port, LOCAL");
	ok = !weft_of_match_from_weft(1, &m, &back) &&
	     !memcmp(&back.m10, x, sizeof(*x));
	weft_tap_ok(ok, "of xlate 1.0 match: back to the same ofp_match");
	/* nw_* without an IP dl_type: ignored, as 1.0 (and OVS) does. */
	x->dl_type = 0x88cc;
	ok = !weft_of_match_to_weft(1, &om, &m, &err) &&
	     !weft_match_has(&m, WEFT_KEY_A_IPV4_SRC) &&
	     !weft_match_has(&m, WEFT_KEY_A_IP_PROTO) &&
	     !weft_match_has(&m, WEFT_KEY_A_TCP_DST);
	weft_tap_ok(ok, "of xlate 1.0 match: nw/tp fields need IP");
	/* IPv6: nw_proto and tp_* apply, nw_src cannot. */
	x->dl_type = 0x86dd;
	ok = !weft_of_match_to_weft(1, &om, &m, &err) &&
	     !weft_match_has(&m, WEFT_KEY_A_IPV4_SRC) &&
	     m.key.ip_proto == 6 && m.key.tcp_dst == htons(22);
	weft_tap_ok(ok, "of xlate 1.0 match: IPv6 takes nw_proto and tp_dst");
	x->dl_type = 0x0806;
	ok = !weft_of_match_to_weft(1, &om, &m, &err) &&
	     weft_match_has(&m, WEFT_KEY_A_ARP_SPA) &&
	     weft_match_has(&m, WEFT_KEY_A_ARP_OP) && m.key.arp_op == htons(6);
	weft_tap_ok(ok, "of xlate 1.0 match: ARP uses nw_src and nw_proto");
	x->wildcards = WEFT_OFPFW10_ALL & ~WEFT_OFPFW10_DL_VLAN_PCP;
	x->dl_vlan_pcp = 5;
	ok = !weft_of_match_to_weft(1, &om, &m, &err) &&
	     m.key.vlan_pcp == 5 && m.key.vlan_vid == WEFT_VID_PRESENT &&
	     m.mask.vlan_vid == WEFT_VID_PRESENT;
	weft_tap_ok(ok, "of xlate 1.0 match: a PCP alone means any tag");
	m.fields |= WEFT_BIT(WEFT_KEY_A_IPV6_SRC);
	weft_tap_ok(weft_of_match_from_weft(1, &m, &back) == -EINVAL,
		    "of xlate 1.0 match: IPv6 cannot be said in 1.0");
}

static void expect_act_err(uint8_t version, struct weft_of_action a,
			   uint16_t code, const char *what)
{
	struct weft_of_error err = { 0 };
	struct weft_actions out;

	weft_tap_ok(weft_of_actions_to_weft(version, &a, 1, &out, &err) == -1 &&
		    err.type == WEFT_OFPET_BAD_ACTION && err.code == code,
		    "of xlate action %s: BAD_ACTION/%s", what,
		    weft_of_error_code_name(WEFT_OFPET_BAD_ACTION, code));
}

static void test_actions(void)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 }, port[4] = { 0 };
	struct weft_of_action acts[3] = {
		{ .type = WEFT_OFPAT_SET_FIELD,
		  .field = OB(ETH_DST, mac, NULL, 6) },
		{ .type = WEFT_OFPAT_OUTPUT, .port = WEFT_OFPP_CONTROLLER,
		  .max_len = 64 },
		{ .type = WEFT_OFPAT_GROUP, .arg = 4 },
	};
	struct weft_of_action many[65], *back;
	struct weft_of_error err;
	struct weft_actions out;
	size_t n, i;
	bool ok;

	ok = !weft_of_actions_to_weft(4, acts, 3, &out, &err) && out.n == 3 &&
	     out.a[0].type == WEFT_ACT_A_SET_FIELD &&
	     out.a[0].field == WEFT_KEY_A_ETH_DST &&
	     !memcmp(out.a[0].value, mac, 6) &&
	     out.a[1].type == WEFT_ACT_A_CONTROLLER && out.a[1].arg == 64 &&
	     out.a[2].type == WEFT_ACT_A_GROUP && out.a[2].arg == 4;
	weft_tap_ok(ok, "of xlate actions: set_field, output:CONTROLLER, "
		    "group");
	ok = !weft_of_actions_from_weft(4, &out, &back, &n) && n == 3 &&
	     back[0].field.field == WEFT_OFPXMT_ETH_DST &&
	     back[1].port == WEFT_OFPP_CONTROLLER && back[1].max_len == 64 &&
	     back[2].arg == 4;
	weft_tap_ok(ok, "of xlate actions: and back");
	weft_of_actions_free(back, n);

	expect_act_err(4, (struct weft_of_action){ .type = WEFT_OFPAT_OUTPUT },
		       WEFT_OFPBAC_BAD_OUT_PORT, "output to port 0");
	expect_act_err(4, (struct weft_of_action){ .type = WEFT_OFPAT_OUTPUT,
		       .port = 0x10000 }, WEFT_OFPBAC_BAD_OUT_PORT,
		       "output to port 0x10000");
	expect_act_err(4, (struct weft_of_action){
		       .type = WEFT_OFPAT_PUSH_VLAN, .arg = 0x1234 },
		       WEFT_OFPBAC_BAD_ARGUMENT, "push_vlan 0x1234");
	expect_act_err(4, (struct weft_of_action){
		       .type = WEFT_OFPAT_SET_FIELD,
		       .field = OB(IN_PORT, port, NULL, 4) },
		       WEFT_OFPBAC_BAD_SET_TYPE, "set_field in_port");
	expect_act_err(4, (struct weft_of_action){
		       .type = WEFT_OFPAT_SET_FIELD,
		       .field = OB(ETH_DST, mac, mac, 6) },
		       WEFT_OFPBAC_BAD_SET_LEN, "masked set_field");
	expect_act_err(4, (struct weft_of_action){
		       .type = WEFT_OFPAT_EXPERIMENTER, .experimenter = 42 },
		       WEFT_OFPBAC_BAD_EXPERIMENTER, "experimenter");
	expect_act_err(4, (struct weft_of_action){ .type = WEFT_OFPAT_PUSH_PBB,
		       .arg = 0x88e7 }, WEFT_OFPBAC_BAD_TYPE, "push_pbb");
	for (i = 0; i < 65; i++)
		many[i] = (struct weft_of_action){ .type = WEFT_OFPAT_OUTPUT,
						   .port = 1 };
	weft_tap_ok(weft_of_actions_to_weft(4, many, 65, &out, &err) == -1 &&
		    err.code == WEFT_OFPBAC_TOO_MANY,
		    "of xlate actions: 65 actions are TOO_MANY");
}

static void test_actions10(void)
{
	struct weft_of_action a[2] = {
		{ .type = WEFT_OFPAT10_SET_VLAN_VID, .arg = 5 },
		{ .type = WEFT_OFPAT10_ENQUEUE, .port = 2, .arg = 7 },
	};
	struct weft_of_inst in = { .type = WEFT_OFPIT_APPLY_ACTIONS,
				   .n_actions = 2, .actions = a };
	struct weft_of_action tp = { .type = WEFT_OFPAT10_SET_TP_DST,
				     .arg = 443 };
	struct weft_of_error err;
	struct weft_of_action *back;
	struct weft_insts wi;
	struct weft_match m;
	uint16_t vid = WEFT_VID_PRESENT | 9;
	uint8_t proto = 6;
	size_t n;
	bool ok;

	ok = !weft_of_insts_to_weft(1, &in, 1, &wi, &err) &&
	     wi.present == WEFT_BIT(WEFT_INST_A_APPLY_ACTIONS) &&
	     wi.apply.n == 4 && wi.apply.a[0].type == WEFT_ACT_A_PUSH_VLAN &&
	     wi.apply.a[1].field == WEFT_KEY_A_VLAN_VID &&
	     wi.apply.a[2].type == WEFT_ACT_A_SET_QUEUE &&
	     wi.apply.a[2].arg == 7 && wi.apply.a[3].type == WEFT_ACT_A_OUTPUT &&
	     wi.apply.a[3].arg == 2;
	weft_tap_ok(ok, "of xlate 1.0: set_vlan_vid pushes a tag, enqueue is "
		    "set_queue + output");
	ok = !weft_of_actions_from_weft(1, &wi.apply, &back, &n) && n == 2 &&
	     back[0].type == WEFT_OFPAT10_SET_VLAN_VID && back[0].arg == 5 &&
	     back[1].type == WEFT_OFPAT10_ENQUEUE && back[1].port == 2 &&
	     back[1].arg == 7;
	weft_tap_ok(ok, "of xlate 1.0: and back to set_vlan_vid, enqueue");
	weft_of_actions_free(back, n);
	memset(&m, 0, sizeof(m));
	weft_match_set(&m, WEFT_KEY_A_VLAN_VID, &vid, NULL);
	ok = !weft_of_flow_insts_to_weft(1, &in, 1, &m, &wi, &err) &&
	     wi.apply.n == 3 && wi.apply.a[0].type == WEFT_ACT_A_SET_FIELD;
	weft_tap_ok(ok, "of xlate 1.0: no push when the match has a tag");
	in.n_actions = 1;
	in.actions = &tp;
	weft_tap_ok(weft_of_insts_to_weft(1, &in, 1, &wi, &err) == -1 &&
		    err.code == WEFT_OFPBAC_MATCH_INCONSISTENT,
		    "of xlate 1.0: set_tp_dst without a protocol");
	weft_match_set(&m, WEFT_KEY_A_IP_PROTO, &proto, NULL);
	ok = !weft_of_flow_insts_to_weft(1, &in, 1, &m, &wi, &err) &&
	     wi.apply.a[0].field == WEFT_KEY_A_TCP_DST;
	weft_tap_ok(ok, "of xlate 1.0: set_tp_dst on TCP sets tcp_dst");
	expect_act_err(1, (struct weft_of_action){
		       .type = WEFT_OFPAT10_SET_NW_TOS, .arg = 0x21 },
		       WEFT_OFPBAC_BAD_ARGUMENT, "1.0 set_nw_tos 0x21");
	expect_act_err(1, (struct weft_of_action){
		       .type = WEFT_OFPAT10_SET_VLAN_VID, .arg = 0x1000 },
		       WEFT_OFPBAC_BAD_ARGUMENT, "1.0 set_vlan_vid 0x1000");
}

static void test_insts(void)
{
	struct weft_of_action out1 = { .type = WEFT_OFPAT_OUTPUT, .port = 1 };
	struct weft_of_inst in[3] = {
		{ .type = WEFT_OFPIT_GOTO_TABLE, .table_id = 2 },
		{ .type = WEFT_OFPIT_WRITE_ACTIONS, .n_actions = 1,
		  .actions = &out1 },
		{ .type = WEFT_OFPIT_WRITE_METADATA, .metadata = 1,
		  .metadata_mask = 3 },
	};
	struct weft_of_inst bad = { .type = WEFT_OFPIT_METER, .meter_id = 1 };
	struct weft_of_inst *back;
	struct weft_of_error err;
	struct weft_insts wi;
	size_t n;
	bool ok;

	ok = !weft_of_insts_to_weft(4, in, 3, &wi, &err) &&
	     wi.goto_table == 2 && wi.write.n == 1 && wi.meta_mask == 3;
	weft_tap_ok(ok, "of xlate insts: goto, write_actions, metadata");
	ok = !weft_of_insts_from_weft(4, &wi, &back, &n) && n == 3 &&
	     back[0].type == WEFT_OFPIT_WRITE_ACTIONS &&
	     back[1].type == WEFT_OFPIT_WRITE_METADATA &&
	     back[2].type == WEFT_OFPIT_GOTO_TABLE;
	weft_tap_ok(ok, "of xlate insts: back in execution order");
	weft_of_insts_free(back, n);
	weft_tap_ok(weft_of_insts_from_weft(1, &wi, &back, &n) == -EINVAL,
		    "of xlate insts: goto_table cannot be said in 1.0");
	weft_tap_ok(weft_of_insts_to_weft(4, &bad, 1, &wi, &err) == -1 &&
		    err.type == WEFT_OFPET_BAD_INSTRUCTION &&
		    err.code == WEFT_OFPBIC_UNSUP_INST,
		    "of xlate insts: meter is UNSUP_INST");
	in[1] = in[0];
	in[2] = in[0];
	in[0].table_id = 255;
	weft_tap_ok(weft_of_insts_to_weft(4, in, 1, &wi, &err) == -1 &&
		    err.code == WEFT_OFPBIC_BAD_TABLE_ID,
		    "of xlate insts: goto_table 255 is BAD_TABLE_ID");
	weft_tap_ok(weft_of_insts_to_weft(4, in + 1, 2, &wi, &err) == -1 &&
		    err.code == WEFT_OFPBIC_UNSUP_INST,
		    "of xlate insts: two goto_table are refused");
}

static void test_groups(void)
{
	static struct weft_group g;
	struct weft_of_action out2 = { .type = WEFT_OFPAT_OUTPUT, .port = 2 };
	struct weft_of_bucket b[2] = {
		{ .weight = 2, .watch_port = WEFT_OFPP_ANY,
		  .watch_group = WEFT_OFPG_ANY, .n_actions = 1,
		  .actions = &out2 },
		{ .weight = 1, .watch_port = 3, .watch_group = WEFT_OFPG_ANY },
	};
	struct weft_of_group_mod gm = { .type = WEFT_OFPGT_SELECT,
					.group_id = 9, .n_buckets = 2,
					.buckets = b };
	struct weft_of_bucket many[33], *back;
	struct weft_of_error err;
	size_t n;
	bool ok;

	ok = !weft_of_group_to_weft(4, &gm, &g, &err) && g.id == 9 &&
	     g.type == WEFT_GROUP_TYPE_SELECT && g.n_buckets == 2 &&
	     g.buckets[0].weight == 2 && g.buckets[0].actions.n == 1 &&
	     (g.buckets[1].attrs & WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT)) &&
	     !(g.buckets[0].attrs & WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT));
	weft_tap_ok(ok, "of xlate group: select with weights and a watch");
	ok = !weft_of_buckets_from_weft(4, &g, &back, &n) && n == 2 &&
	     back[0].weight == 2 && back[0].watch_port == WEFT_OFPP_ANY &&
	     back[1].watch_port == 3 && back[0].n_actions == 1;
	weft_tap_ok(ok, "of xlate group: buckets back");
	weft_of_buckets_free(back, n);
	gm.type = 7;
	weft_tap_ok(weft_of_group_to_weft(4, &gm, &g, &err) == -1 &&
		    err.type == WEFT_OFPET_GROUP_MOD_FAILED &&
		    err.code == WEFT_OFPGMFC_BAD_TYPE,
		    "of xlate group: type 7 is BAD_TYPE");
	memset(many, 0, sizeof(many));
	gm.type = WEFT_OFPGT_ALL;
	gm.n_buckets = 33;
	gm.buckets = many;
	weft_tap_ok(weft_of_group_to_weft(4, &gm, &g, &err) == -1 &&
		    err.code == WEFT_OFPGMFC_OUT_OF_BUCKETS,
		    "of xlate group: 33 buckets are OUT_OF_BUCKETS");
}

void weft_test_of_xlate(void)
{
	test_match13();
	test_match10();
	test_actions();
	test_actions10();
	test_insts();
	test_groups();
}
