// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the OpenFlow codec: every message of the input
 * (split at its header lengths) is decoded as it is and as version 1.0
 * and 1.3; what decodes must encode, decode again and encode to the same
 * bytes, print as JSON, and go through the translation to weft's
 * structures and back without crashing or leaking.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "of.h"
#include "of_xlate.h"

static FILE *devnull;

static void xlate(const struct weft_of_msg *m)
{
	struct weft_of_error err;
	struct weft_of_match om;
	struct weft_match wm;
	struct weft_insts wi;
	struct weft_actions wa;
	struct weft_of_inst *insts;
	struct weft_of_action *acts;
	size_t n;

	switch (m->type) {
	case WEFT_OFPT_FLOW_MOD:
		if (weft_of_match_to_weft(m->version, &m->flow_mod.match, &wm,
					  &err))
			break;
		if (!weft_of_match_from_weft(m->version, &wm, &om))
			weft_of_match_free(&om);
		if (weft_of_flow_insts_to_weft(m->version, m->flow_mod.insts,
					       m->flow_mod.n_insts, &wm, &wi,
					       &err))
			break;
		if (!weft_of_insts_from_weft(m->version, &wi, &insts, &n))
			weft_of_insts_free(insts, n);
		break;
	case WEFT_OFPT_PACKET_OUT:
		if (weft_of_actions_to_weft(m->version, m->packet_out.actions,
					    m->packet_out.n_actions, &wa, &err))
			break;
		if (!weft_of_actions_from_weft(m->version, &wa, &acts, &n))
			weft_of_actions_free(acts, n);
		break;
	case WEFT_OFPT_GROUP_MOD: {
		static struct weft_group g;
		struct weft_of_bucket *b;

		if (weft_of_group_to_weft(m->version, &m->group_mod, &g, &err))
			break;
		if (!weft_of_buckets_from_weft(m->version, &g, &b, &n))
			weft_of_buckets_free(b, n);
		break;
	}
	}
}

static void one(const uint8_t *p, size_t len)
{
	struct weft_of_buf b1, b2;
	struct weft_of_msg m1, m2;
	struct weft_of_error err;
	size_t off;

	if (weft_of_decode(p, len, &m1, &err))
		return;
	weft_of_to_json(&m1, devnull);
	xlate(&m1);
	weft_of_buf_init(&b1);
	weft_of_buf_init(&b2);
	if (weft_of_encode(&m1, &b1))
		goto out;
	/* A long reply may have been split: re-decode each part. */
	for (off = 0; off < b1.len;) {
		size_t n = weft_of_msg_len(b1.data + off, b1.len - off);

		if (n < 8 || n > b1.len - off)
			abort();
		if (weft_of_decode(b1.data + off, n, &m2, &err))
			abort();	/* we wrote what we cannot read */
		if (weft_of_encode(&m2, &b2))
			abort();
		weft_of_msg_free(&m2);
		off += n;
	}
	if (b1.len != b2.len || memcmp(b1.data, b2.data, b1.len))
		abort();
out:
	weft_of_buf_free(&b1);
	weft_of_buf_free(&b2);
	weft_of_msg_free(&m1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t copy[65536];
	size_t off = 0;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	while (size - off >= 8) {
		size_t n = weft_of_msg_len(data + off, size - off);

		if (n < 8 || n > size - off)
			n = size - off;
		one(data + off, n);
		if (n <= sizeof(copy)) {
			memcpy(copy, data + off, n);
			copy[0] = 0x01;
			one(copy, n);
			copy[0] = 0x04;
			one(copy, n);
		}
		off += n;
	}
	return 0;
}
