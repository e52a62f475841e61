// SPDX-License-Identifier: GPL-2.0
/*
 * The OpenFlow codec by hand: each malformation and the error it earns,
 * multipart splitting, 1.0's ports and errors, version negotiation, and
 * encode -> decode round trips of messages built as IR.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "of.h"
#include "of_test_util.h"
#include "tap.h"

/* Decode @m and expect error (@type, @code). */
static void expect_err(struct bb *m, uint16_t type, uint16_t code,
		       const char *what)
{
	struct weft_of_error err = { 0xeeee, 0xeeee };
	struct weft_of_msg msg;
	int r;

	bb_done(m);
	r = weft_of_decode(m->b, m->n, &msg, &err);
	if (!weft_tap_ok(r == -1 && err.type == type && err.code == code,
			 "of decode %s: %s/%s", what,
			 weft_of_error_type_name(type),
			 weft_of_error_code_name(type, code)))
		weft_tap_diag("got r=%d %s/%s", r,
			      weft_of_error_type_name(err.type),
			      weft_of_error_code_name(err.type, err.code));
	if (!r)
		weft_of_msg_free(&msg);
}

/* Decode, encode, and compare with the input. */
static bool roundtrip(const uint8_t *p, size_t n, struct weft_of_msg *keep)
{
	struct weft_of_error err;
	struct weft_of_msg msg;
	struct weft_of_buf out;
	bool ok;

	if (weft_of_decode(p, n, &msg, &err))
		return false;
	weft_of_buf_init(&out);
	ok = !weft_of_encode(&msg, &out) && out.len == n &&
	     !memcmp(out.data, p, n);
	weft_of_buf_free(&out);
	if (keep)
		*keep = msg;
	else
		weft_of_msg_free(&msg);
	return ok;
}

static void test_header_errors(void)
{
	struct bb m;

	bb_hdr(&m, 4, WEFT_OFPT_BARRIER_REQUEST);
	m.n = 6;
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "short header");
	bb_hdr(&m, 4, WEFT_OFPT_BARRIER_REQUEST);
	bb_done(&m);
	m.b[3] = 16;
	{
		struct weft_of_error err;
		struct weft_of_msg msg;

		weft_tap_ok(weft_of_decode(m.b, 8, &msg, &err) == -1 &&
			    err.code == WEFT_OFPBRC_BAD_LEN,
			    "of decode: header length != buffer length");
	}
	bb_hdr(&m, 2, WEFT_OFPT_BARRIER_REQUEST);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_VERSION,
		   "version 1.1 barrier");
	bb_hdr(&m, 4, 30);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_TYPE,
		   "1.3 type 30");
	bb_hdr(&m, 1, 22);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_TYPE,
		   "1.0 type 22");
	bb_hdr(&m, 4, WEFT_OFPT_BARRIER_REQUEST);
	bb32(&m, 0);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "barrier with a body");
	bb_hdr(&m, 4, WEFT_OFPT_SET_CONFIG);
	bb16(&m, 0);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "short set_config");
	bb_hdr(&m, 4, WEFT_OFPT_HELLO);
	bb16(&m, 1);
	bb16(&m, 6);
	bb16(&m, 0);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "hello bitmap of 2 bytes");
	bb_hdr(&m, 4, WEFT_OFPT_MULTIPART_REQUEST);
	bb16(&m, 99);
	bbz(&m, 6);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_MULTIPART,
		   "multipart type 99");
	bb_hdr(&m, 1, 16);
	bb16(&m, WEFT_OFPMP_GROUP);
	bb16(&m, 0);
	bbz(&m, 8);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_MULTIPART,
		   "1.0 stats type GROUP");
	bb_hdr(&m, 4, WEFT_OFPT_MULTIPART_REQUEST);
	bb16(&m, WEFT_OFPMP_PORT_STATS);
	bbz(&m, 6);
	bb32(&m, 1);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "short port stats request");
	bb_hdr(&m, 4, WEFT_OFPT_MULTIPART_REQUEST);
	bb16(&m, WEFT_OFPMP_EXPERIMENTER);
	bbz(&m, 6);
	bb32(&m, WEFT_OF_NX_VENDOR_ID);
	bb32(&m, 0);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_EXPERIMENTER,
		   "Nicira multipart request");
}

static void oxm(struct bb *m, uint16_t cls, uint8_t field, bool hasmask,
		const void *v, uint8_t len)
{
	bb16(m, cls);
	bb8(m, (uint8_t)(field << 1 | hasmask));
	bb8(m, len);
	memcpy(m->b + m->n, v, len);
	m->n += len;
}

/* A FLOW_MOD whose match holds the bytes @oxms (@n) and no instructions. */
static void flow_mod_oxms(struct bb *m, const struct bb *oxms)
{
	size_t start, pad;

	bb_flow_mod13(m);
	start = m->n;
	bb16(m, WEFT_OFPMT_OXM);
	bb16(m, (uint16_t)(4 + oxms->n));
	memcpy(m->b + m->n, oxms->b, oxms->n);
	m->n += oxms->n;
	pad = (8 - (m->n - start) % 8) % 8;
	bbz(m, pad);
}

static void test_match_errors(void)
{
	static const uint8_t et[2] = { 0x08, 0x00 }, in4[4] = { 0, 0, 0, 1 };
	struct bb m, o;

	bb_flow_mod13(&m);
	bb16(&m, WEFT_OFPMT_STANDARD);
	bb16(&m, 4);
	bbz(&m, 4);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_TYPE,
		   "standard (1.1) match");
	bb_flow_mod13(&m);
	bb16(&m, WEFT_OFPMT_OXM);
	bb16(&m, 40);
	bbz(&m, 4);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN,
		   "match longer than the message");
	o.n = 0;
	oxm(&o, WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_ETH_TYPE, false, in4,
	    4);
	flow_mod_oxms(&m, &o);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN,
		   "eth_type of 4 bytes");
	o.n = 0;
	oxm(&o, WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_ETH_TYPE, false, et, 2);
	oxm(&o, WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_ETH_TYPE, false, et, 2);
	flow_mod_oxms(&m, &o);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_DUP_FIELD,
		   "eth_type twice");
	o.n = 0;
	oxm(&o, WEFT_OFPXMC_NXM_1, 33, false, in4, 4);	/* pkt_mark */
	flow_mod_oxms(&m, &o);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_FIELD,
		   "Nicira pkt_mark");
	o.n = 0;
	oxm(&o, WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_IPV4_SRC, true, in4, 3);
	flow_mod_oxms(&m, &o);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN,
		   "masked OXM of odd length");
	o.n = 0;
	oxm(&o, WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_IN_PORT, false, in4, 4);
	o.b[3] = 40;	/* longer than the match */
	flow_mod_oxms(&m, &o);
	expect_err(&m, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN,
		   "OXM past the match's end");
}

/* A FLOW_MOD with an empty match and the instruction bytes @in. */
static void flow_mod_insts(struct bb *m, const struct bb *in)
{
	bb_flow_mod13(m);
	bb_match_empty(m);
	memcpy(m->b + m->n, in->b, in->n);
	m->n += in->n;
}

/* APPLY_ACTIONS holding @acts. */
static void apply(struct bb *in, const struct bb *acts)
{
	in->n = 0;
	bb16(in, WEFT_OFPIT_APPLY_ACTIONS);
	bb16(in, (uint16_t)(8 + acts->n));
	bbz(in, 4);
	memcpy(in->b + in->n, acts->b, acts->n);
	in->n += acts->n;
}

static void test_action_errors(void)
{
	struct bb m, in, a;

	a.n = 0;
	bb16(&a, WEFT_OFPAT_OUTPUT);
	bb16(&a, 8);
	bb32(&a, 1);
	apply(&in, &a);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN,
		   "output action of 8 bytes");
	a.n = 0;
	bb16(&a, WEFT_OFPAT_POP_VLAN);
	bb16(&a, 12);
	bbz(&a, 12);	/* the instruction stays a multiple of 8 */
	apply(&in, &a);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN,
		   "action length not a multiple of 8");
	a.n = 0;
	bb16(&a, 99);
	bb16(&a, 8);
	bbz(&a, 4);
	apply(&in, &a);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_TYPE,
		   "action type 99");
	a.n = 0;
	bb16(&a, WEFT_OFPAT_EXPERIMENTER);
	bb16(&a, 16);
	bb32(&a, WEFT_OF_NX_VENDOR_ID);
	bb16(&a, 1);	/* NXAST_RESUBMIT */
	bbz(&a, 6);
	apply(&in, &a);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_EXPERIMENTER,
		   "Nicira resubmit");
	a.n = 0;
	bb16(&a, WEFT_OFPAT_SET_FIELD);
	bb16(&a, 16);
	bb16(&a, WEFT_OFPXMC_OPENFLOW_BASIC);
	bb8(&a, WEFT_OFPXMT_ETH_TYPE << 1);
	bb8(&a, 4);
	bbz(&a, 8);
	apply(&in, &a);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_SET_LEN,
		   "set_field eth_type of 4 bytes");
	in.n = 0;
	bb16(&in, 9);
	bb16(&in, 8);
	bbz(&in, 4);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_INSTRUCTION, WEFT_OFPBIC_UNKNOWN_INST,
		   "instruction type 9");
	in.n = 0;
	bb16(&in, WEFT_OFPIT_GOTO_TABLE);
	bb16(&in, 16);
	bbz(&in, 12);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_INSTRUCTION, WEFT_OFPBIC_BAD_LEN,
		   "goto_table of 16 bytes");
	in.n = 0;
	bb16(&in, WEFT_OFPIT_GOTO_TABLE);
	bb16(&in, 4);
	flow_mod_insts(&m, &in);
	expect_err(&m, WEFT_OFPET_BAD_INSTRUCTION, WEFT_OFPBIC_BAD_LEN,
		   "truncated instruction");
	/* 1.0: a vendor action and a bad length. */
	bb_hdr(&m, 1, WEFT_OFPT_PACKET_OUT);
	bb32(&m, WEFT_OFP_NO_BUFFER);
	bb16(&m, 0xfffd);
	bb16(&m, 16);
	bb16(&m, WEFT_OFPAT10_VENDOR);
	bb16(&m, 16);
	bb32(&m, WEFT_OF_NX_VENDOR_ID);
	bb16(&m, 26);	/* NXAST_DEC_MPLS_TTL */
	bbz(&m, 6);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_EXPERIMENTER,
		   "1.0 Nicira vendor action");
	bb_hdr(&m, 1, WEFT_OFPT_PACKET_OUT);
	bb32(&m, WEFT_OFP_NO_BUFFER);
	bb16(&m, 0xfffd);
	bb16(&m, 8);
	bb16(&m, WEFT_OFPAT10_SET_DL_SRC);
	bb16(&m, 8);
	bbz(&m, 4);
	expect_err(&m, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN,
		   "1.0 set_dl_src of 8 bytes");
	bb_hdr(&m, 4, WEFT_OFPT_PACKET_OUT);
	bb32(&m, WEFT_OFP_NO_BUFFER);
	bb32(&m, WEFT_OFPP_CONTROLLER);
	bb16(&m, 64);
	bbz(&m, 6);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "packet_out actions_len past the end");
}

static void test_mod_errors(void)
{
	struct bb m;

	bb_hdr(&m, 4, WEFT_OFPT_GROUP_MOD);
	bb16(&m, WEFT_OFPGC_ADD);
	bb8(&m, WEFT_OFPGT_ALL);
	bb8(&m, 0);
	bb32(&m, 1);
	bb16(&m, 8);
	bbz(&m, 14);
	expect_err(&m, WEFT_OFPET_GROUP_MOD_FAILED, WEFT_OFPGMFC_BAD_BUCKET,
		   "bucket of 8 bytes");
	bb_hdr(&m, 4, WEFT_OFPT_METER_MOD);
	bb16(&m, WEFT_OFPMC_ADD);
	bb16(&m, 0);
	bb32(&m, 1);
	bb16(&m, 7);
	bb16(&m, 16);
	bbz(&m, 12);
	expect_err(&m, WEFT_OFPET_METER_MOD_FAILED, WEFT_OFPMMFC_BAD_BAND,
		   "meter band type 7");
	bb_hdr(&m, 4, WEFT_OFPT_MULTIPART_REPLY);
	bb16(&m, WEFT_OFPMP_TABLE_FEATURES);
	bbz(&m, 6);
	bb16(&m, 32);
	bbz(&m, 62);
	expect_err(&m, WEFT_OFPET_TABLE_FEATURES_FAILED, WEFT_OFPTFFC_BAD_LEN,
		   "table features entry of 32 bytes");
	bb_hdr(&m, 4, WEFT_OFPT_PORT_MOD);
	bbz(&m, 28);
	expect_err(&m, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN,
		   "short port_mod");
	bb_hdr(&m, 1, WEFT_OFPT_FLOW_MOD);
	bbz(&m, 40 + 8);
	bb16(&m, 0x100);
	bbz(&m, 14);
	expect_err(&m, WEFT_OFPET_FLOW_MOD_FAILED, WEFT_OFPFMFC_BAD_COMMAND,
		   "1.0 flow_mod command 256");
}

/* A FLOW stats reply of @n entries, each with an output action. */
static void test_split(void)
{
	static struct weft_of_action act = { .type = WEFT_OFPAT_OUTPUT,
					     .port = 1 };
	static struct weft_of_inst inst = { .type = WEFT_OFPIT_APPLY_ACTIONS,
					    .n_actions = 1, .actions = &act };
	struct weft_of_msg msg = { .version = 4,
				   .type = WEFT_OFPT_MULTIPART_REPLY,
				   .xid = 77 };
	struct weft_of_multipart *mp = &msg.multipart;
	size_t n = 2000, i, off = 0, parts = 0, got = 0;
	struct weft_of_buf out;
	bool ok = true;

	mp->type = WEFT_OFPMP_FLOW;
	mp->n = n;
	mp->flows = calloc(n, sizeof(*mp->flows));
	for (i = 0; i < n; i++) {
		mp->flows[i].cookie = i;
		mp->flows[i].n_insts = 1;
		mp->flows[i].insts = &inst;
	}
	weft_of_buf_init(&out);
	weft_tap_ok(!weft_of_encode(&msg, &out) && out.len > 65535,
		    "of multipart: 2000 flow stats encode (%zu bytes)",
		    out.len);
	while (off < out.len) {
		struct weft_of_error err;
		struct weft_of_msg part;
		size_t len = weft_of_msg_len(out.data + off, out.len - off);
		bool last;

		if (len < 16 || len > out.len - off ||
		    weft_of_decode(out.data + off, len, &part, &err)) {
			ok = false;
			break;
		}
		off += len;
		last = off == out.len;
		parts++;
		if (part.xid != 77 ||
		    !(part.multipart.flags & WEFT_OFPMPF_REPLY_MORE) == !last)
			ok = false;
		for (i = 0; i < part.multipart.n; i++)
			if (part.multipart.flows[i].cookie != got++)
				ok = false;
		weft_of_msg_free(&part);
	}
	weft_tap_ok(ok && parts >= 2 && got == n,
		    "of multipart: split into %zu messages, MORE on all but "
		    "the last, same xid, %zu entries in order", parts, got);
	/* One entry alone past 64 KiB cannot be sent. */
	weft_of_buf_reset(&out);
	mp->n = 1;
	mp->flows[0].n_insts = 0;
	mp->flows[0].match.n_oxms = 300;
	mp->flows[0].match.oxms = calloc(300, sizeof(struct weft_of_oxm));
	for (i = 0; i < 300; i++) {
		mp->flows[0].match.oxms[i].oxm_class = 0x8000;
		mp->flows[0].match.oxms[i].field = 100;
		mp->flows[0].match.oxms[i].len = 250;
	}
	weft_tap_ok(weft_of_encode(&msg, &out) == -EINVAL && out.len == 0,
		    "of multipart: an entry longer than a message is EINVAL");
	free(mp->flows[0].match.oxms);
	free(mp->flows);
	weft_of_buf_free(&out);
}

static void test_ports10(void)
{
	struct weft_of_msg msg;
	struct bb m;

	weft_tap_ok(weft_of_port_from10(0xfffd) == WEFT_OFPP_CONTROLLER &&
		    weft_of_port_from10(0xff00) == WEFT_OFPP_MAX &&
		    weft_of_port_from10(0xffff) == WEFT_OFPP_ANY &&
		    weft_of_port_from10(7) == 7 &&
		    weft_of_port_from10(0xfeff) == 0xfeff,
		    "of 1.0 ports: 0xff00.. become 0xffffff00..");
	weft_tap_ok(weft_of_port_to10(WEFT_OFPP_LOCAL) == 0xfffe &&
		    weft_of_port_to10(WEFT_OFPP_IN_PORT) == 0xfff8 &&
		    weft_of_port_to10(0xfeff) == 0xfeff &&
		    !weft_of_port10_ok(0x10000) && weft_of_port10_ok(0xfeff) &&
		    !weft_of_port10_ok(0xff00),
		    "of 1.0 ports: and back; 0xff00..0xffffff00 unsayable");
	bb_hdr(&m, 1, WEFT_OFPT_PACKET_IN);
	bb32(&m, 5);
	bb16(&m, 64);
	bb16(&m, 0xfffe);
	bb8(&m, 0);
	bb8(&m, 0);
	bb32(&m, 0xdeadbeef);
	bb_done(&m);
	weft_tap_ok(roundtrip(m.b, m.n, &msg) &&
		    msg.type == WEFT_OFPT_PACKET_IN &&
		    msg.packet_in.in_port == WEFT_OFPP_LOCAL &&
		    msg.packet_in.data_len == 4,
		    "of 1.0 packet_in: in_port LOCAL mapped, round trip");
	weft_of_msg_free(&msg);
	bb_hdr(&m, 1, 15);	/* 1.0 PORT_MOD */
	bb16(&m, 0xfff8);
	bbz(&m, 22);
	bb_done(&m);
	weft_tap_ok(roundtrip(m.b, m.n, &msg) &&
		    msg.type == WEFT_OFPT_PORT_MOD &&
		    msg.port_mod.port_no == WEFT_OFPP_IN_PORT,
		    "of 1.0 port_mod: type 15 is PORT_MOD, port mapped");
	weft_of_msg_free(&msg);
	msg = (struct weft_of_msg){ .version = 1, .type = WEFT_OFPT_PACKET_OUT };
	msg.packet_out.in_port = 0x12345;
	{
		struct weft_of_buf out;

		weft_of_buf_init(&out);
		weft_tap_ok(weft_of_encode(&msg, &out) == -EINVAL,
			    "of 1.0 packet_out: port 0x12345 is EINVAL");
		msg.type = WEFT_OFPT_GROUP_MOD;
		weft_tap_ok(weft_of_encode(&msg, &out) == -EINVAL,
			    "of 1.0: a group_mod is EINVAL");
		weft_of_buf_free(&out);
	}
}

static void test_errors10(void)
{
	uint8_t req[100000];
	struct weft_of_error err;
	struct weft_of_msg msg;
	struct weft_of_buf out;
	uint16_t t, c;

	memset(req, 0xab, sizeof(req));
	weft_of_buf_init(&out);
	weft_tap_ok(!weft_of_error_reply(&out, 1, 9, WEFT_OFPET_BAD_ACTION,
					 WEFT_OFPBAC_BAD_OUT_PORT, req, 72) &&
		    out.len == 12 + 72 && out.data[0] == 1 &&
		    out.data[1] == 1 && out.data[9] == 2 && out.data[11] == 4,
		    "of error_reply 1.0: BAD_ACTION/BAD_OUT_PORT is (2,4), "
		    "whole request as data");
	weft_of_buf_reset(&out);
	weft_tap_ok(!weft_of_error_reply(&out, 1, 9, WEFT_OFPET_BAD_MATCH,
					 WEFT_OFPBMC_BAD_FIELD, req, 8) &&
		    out.data[9] == 1 && out.data[11] == 5,
		    "of error_reply 1.0: BAD_MATCH/BAD_FIELD is "
		    "BAD_REQUEST/EPERM");
	weft_of_buf_reset(&out);
	weft_tap_ok(!weft_of_error_reply(&out, 4, 9, WEFT_OFPET_BAD_MATCH,
					 WEFT_OFPBMC_BAD_FIELD, req,
					 sizeof(req)) &&
		    out.len == 65535 && out.data[9] == 4 && out.data[11] == 6,
		    "of error_reply 1.3: a huge request is cut to fit");
	weft_tap_ok(!weft_of_decode(out.data, out.len, &msg, &err) &&
		    msg.error.type == WEFT_OFPET_BAD_MATCH &&
		    msg.error.data_len == 65535 - 12,
		    "of error_reply 1.3: decodes back");
	weft_of_msg_free(&msg);
	weft_tap_ok(weft_of_error_to10(WEFT_OFPET_FLOW_MOD_FAILED,
				       WEFT_OFPFMFC_OVERLAP, &t, &c) &&
		    t == 3 && c == 1 &&
		    weft_of_error_from10(3, 1, &t, &c) &&
		    t == WEFT_OFPET_FLOW_MOD_FAILED &&
		    c == WEFT_OFPFMFC_OVERLAP &&
		    !weft_of_error_to10(WEFT_OFPET_METER_MOD_FAILED, 0, &t, &c),
		    "of errors: 1.3 <-> 1.0 table");
	weft_of_buf_free(&out);
}

static void test_negotiate(void)
{
	uint32_t ours = 1U << 1 | 1U << 4, bm;
	struct weft_of_hello_elem e = { .type = WEFT_OFPHET_VERSIONBITMAP,
					.n_bitmaps = 1, .bitmaps = &bm };
	struct weft_of_msg peer = { .type = WEFT_OFPT_HELLO };
	struct weft_of_error err = { 0 };
	struct weft_of_msg msg;
	struct weft_of_buf out;

	peer.hello.n_elems = 1;
	peer.hello.elems = &e;
	peer.version = 6;
	bm = 1U << 1 | 1U << 4 | 1U << 6;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == 4,
		    "of negotiate: bitmap {1.0,1.3,1.5} -> 1.3");
	bm = 1U << 1;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == 1,
		    "of negotiate: bitmap {1.0} -> 1.0");
	bm = 1U << 2 | 1U << 3;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == -1 &&
		    err.type == WEFT_OFPET_HELLO_FAILED &&
		    err.code == WEFT_OFPHFC_INCOMPATIBLE,
		    "of negotiate: bitmap {1.1,1.2} -> HELLO_FAILED");
	peer.hello.n_elems = 0;
	peer.version = 5;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == 4,
		    "of negotiate: 1.4 without bitmap -> 1.3");
	peer.version = 1;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == 1,
		    "of negotiate: 1.0 -> 1.0");
	peer.version = 3;
	weft_tap_ok(weft_of_negotiate(&peer, ours, &err) == -1,
		    "of negotiate: 1.2 without bitmap -> incompatible");
	weft_of_buf_init(&out);
	weft_tap_ok(!weft_of_hello(&out, 4, 1, ours) && out.len == 16 &&
		    !weft_of_decode(out.data, out.len, &msg, &err) &&
		    msg.hello.n_elems == 1 &&
		    msg.hello.elems[0].bitmaps[0] == ours &&
		    weft_of_negotiate(&msg, ours, &err) == 4,
		    "of hello: our HELLO carries the bitmap and negotiates 1.3");
	weft_of_msg_free(&msg);
	weft_of_buf_free(&out);
}

/* IR built by hand -> encode -> decode -> encode gives the same bytes. */
static bool ir_roundtrip(const struct weft_of_msg *msg, struct weft_of_msg *back)
{
	struct weft_of_buf a, b;
	struct weft_of_error err;
	bool ok = false;

	weft_of_buf_init(&a);
	weft_of_buf_init(&b);
	if (!weft_of_encode(msg, &a) &&
	    !weft_of_decode(a.data, a.len, back, &err)) {
		ok = !weft_of_encode(back, &b) && a.len == b.len &&
		     !memcmp(a.data, b.data, a.len);
		if (!ok)
			weft_of_msg_free(back);
	}
	weft_of_buf_free(&a);
	weft_of_buf_free(&b);
	return ok;
}

static void test_ir_roundtrips(void)
{
	struct weft_of_action acts[3] = {
		{ .type = WEFT_OFPAT_PUSH_VLAN, .arg = 0x8100 },
		{ .type = WEFT_OFPAT_SET_FIELD,
		  .field = { .oxm_class = 0x8000,
			     .field = WEFT_OFPXMT_VLAN_VID, .len = 2,
			     .value = { 0x10, 0x05 } } },
		{ .type = WEFT_OFPAT_OUTPUT, .port = WEFT_OFPP_CONTROLLER,
		  .max_len = 128 },
	};
	struct weft_of_inst insts[3] = {
		{ .type = WEFT_OFPIT_APPLY_ACTIONS, .n_actions = 3,
		  .actions = acts },
		{ .type = WEFT_OFPIT_WRITE_METADATA, .metadata = 7,
		  .metadata_mask = 0xff },
		{ .type = WEFT_OFPIT_GOTO_TABLE, .table_id = 3 },
	};
	struct weft_of_oxm oxms[2] = {
		{ .oxm_class = 0x8000, .field = WEFT_OFPXMT_ETH_TYPE, .len = 2,
		  .value = { 0x08, 0x00 } },
		{ .oxm_class = 0x8000, .field = WEFT_OFPXMT_IPV4_DST,
		  .hasmask = true, .len = 4, .value = { 10, 0, 0, 0 },
		  .mask = { 255, 0, 0, 0 } },
	};
	struct weft_of_bucket buckets[2] = {
		{ .weight = 3, .watch_port = WEFT_OFPP_ANY,
		  .watch_group = WEFT_OFPG_ANY, .n_actions = 1,
		  .actions = &acts[2] },
		{ .weight = 1, .watch_port = 2, .watch_group = WEFT_OFPG_ANY },
	};
	struct weft_of_action acts10[2] = {
		{ .type = WEFT_OFPAT10_SET_NW_TOS, .arg = 0x20 },
		{ .type = WEFT_OFPAT10_ENQUEUE, .port = 3, .arg = 9 },
	};
	struct weft_of_inst inst10 = { .type = WEFT_OFPIT_APPLY_ACTIONS,
				       .n_actions = 2, .actions = acts10 };
	struct weft_of_msg msg = { .version = 4, .type = WEFT_OFPT_FLOW_MOD,
				   .xid = 3 }, back;

	msg.flow_mod.priority = 10;
	msg.flow_mod.match.n_oxms = 2;
	msg.flow_mod.match.oxms = oxms;
	msg.flow_mod.n_insts = 3;
	msg.flow_mod.insts = insts;
	msg.flow_mod.buffer_id = WEFT_OFP_NO_BUFFER;
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    back.flow_mod.n_insts == 3 &&
		    back.flow_mod.insts[0].n_actions == 3 &&
		    back.flow_mod.insts[0].actions[2].port ==
		    WEFT_OFPP_CONTROLLER &&
		    back.flow_mod.match.oxms[1].hasmask &&
		    back.flow_mod.insts[2].table_id == 3,
		    "of IR round trip: 1.3 flow_mod");
	weft_of_msg_free(&back);

	msg = (struct weft_of_msg){ .version = 4, .type = WEFT_OFPT_GROUP_MOD };
	msg.group_mod.type = WEFT_OFPGT_SELECT;
	msg.group_mod.group_id = 5;
	msg.group_mod.n_buckets = 2;
	msg.group_mod.buckets = buckets;
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    back.group_mod.n_buckets == 2 &&
		    back.group_mod.buckets[0].weight == 3 &&
		    back.group_mod.buckets[1].watch_port == 2,
		    "of IR round trip: group_mod");
	weft_of_msg_free(&back);

	msg = (struct weft_of_msg){ .version = 1, .type = WEFT_OFPT_FLOW_MOD };
	msg.flow_mod.match.m10.wildcards = WEFT_OFPFW10_ALL &
					   ~WEFT_OFPFW10_DL_TYPE;
	msg.flow_mod.match.m10.dl_type = 0x0800;
	msg.flow_mod.out_port = WEFT_OFPP_ANY;
	msg.flow_mod.n_insts = 1;
	msg.flow_mod.insts = &inst10;
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    back.flow_mod.out_port == WEFT_OFPP_ANY &&
		    back.flow_mod.insts[0].actions[1].type ==
		    WEFT_OFPAT10_ENQUEUE &&
		    back.flow_mod.insts[0].actions[1].port == 3 &&
		    back.flow_mod.match.m10.dl_type == 0x0800,
		    "of IR round trip: 1.0 flow_mod with enqueue");
	weft_of_msg_free(&back);

	msg = (struct weft_of_msg){ .version = 1, .type = WEFT_OFPT_ERROR };
	msg.error.type = WEFT_OFPET_BAD_REQUEST;
	msg.error.code = WEFT_OFPBRC_BUFFER_UNKNOWN;
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    back.error.type == WEFT_OFPET_BAD_REQUEST &&
		    back.error.code == WEFT_OFPBRC_BUFFER_UNKNOWN &&
		    !back.error.of10_raw,
		    "of IR round trip: 1.0 error, 1.3 numbering both ways");
	weft_of_msg_free(&back);

	msg = (struct weft_of_msg){ .version = 4, .type = WEFT_OFPT_ROLE_REPLY };
	msg.role.role = WEFT_OFPCR_ROLE_MASTER;
	msg.role.generation_id = 1ULL << 63;
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    back.role.generation_id == 1ULL << 63,
		    "of IR round trip: role_reply");
	weft_of_msg_free(&back);

	msg = (struct weft_of_msg){ .version = 4,
				    .type = WEFT_OFPT_MULTIPART_REPLY };
	msg.multipart.type = WEFT_OFPMP_DESC;
	strcpy(msg.multipart.desc.mfr_desc, "weft");
	strcpy(msg.multipart.desc.dp_desc, "br0 \"quoted\"");
	weft_tap_ok(ir_roundtrip(&msg, &back) &&
		    !strcmp(back.multipart.desc.mfr_desc, "weft"),
		    "of IR round trip: desc reply");
	{
		char *doc = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&doc, &len);

		weft_of_to_json(&back, fp);
		fclose(fp);
		weft_tap_ok(weft_test_json_valid(doc) &&
			    strstr(doc, "\"br0 \\\"quoted\\\"\""),
			    "of JSON: desc reply is valid JSON, quotes escaped");
		free(doc);
	}
	weft_of_msg_free(&back);
}

void weft_test_of_codec(void)
{
	test_header_errors();
	test_match_errors();
	test_action_errors();
	test_mod_errors();
	test_split();
	test_ports10();
	test_errors10();
	test_negotiate();
	test_ir_roundtrips();
}
