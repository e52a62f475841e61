// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of weftctl's flow and group text parsers (ovs-ofctl
 * syntax).  The first byte picks what the rest is parsed as: a flow for
 * add, mod, del (strict or not) or trace, a packet-out action list, a
 * bucket's action list, or a group.  What parses must print, and what
 * prints must parse again into a flow (or group) that prints the same:
 * a flow dumped by weftctl can always be fed back to it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "group.h"

#define TEXT_MAX	4096
#define OUT_MAX		(64 * 1024)

static int resolve(void *ctx, const char *name, __u32 *port)
{
	(void)ctx;
	if (!strcmp(name, "eth0")) {
		*port = 7;
		return 0;
	}
	return -ENOENT;
}

/* Parsing what was printed must succeed and print the same again. */
static void mismatch(const char *what, const char *in, const char *a,
		     const char *b, const char *err)
{
	fprintf(stderr, "%s round trip failed\n  input:  %s\n  first:  %s\n"
		"  second: %s\n  error:  %s\n", what, in, a, b ? b : "-",
		err ? err : "-");
	abort();
}

static void flow_text(char *buf, size_t len, const struct weft_flow *f,
		      enum weft_flow_op op, bool strict)
{
	char *match = malloc(OUT_MAX), *acts = malloc(OUT_MAX);
	static struct weft_flow nopri;

	if (!match || !acts)
		abort();
	if ((op == WEFT_FLOW_OP_DEL || op == WEFT_FLOW_OP_MOD) && !strict) {
		/* A loose mod or del has no priority: print the default. */
		nopri = *f;
		nopri.attrs |= WEFT_BIT(WEFT_FLOW_A_PRIORITY);
		nopri.priority = 32768;
		f = &nopri;
	}
	weft_flow_format_match(f, match, OUT_MAX);
	if (op == WEFT_FLOW_OP_ADD || op == WEFT_FLOW_OP_MOD) {
		weft_flow_format_actions(f, acts, OUT_MAX);
		snprintf(buf, len, "table=%u,%s%sactions=%s", f->table, match,
			 match[0] ? "," : "", acts);
	} else if (op == WEFT_FLOW_OP_DEL) {
		snprintf(buf, len, "table=%u%s%s", f->table,
			 match[0] ? "," : "", match);
	} else {
		weft_match_format(&f->match, buf, len);
	}
	free(match);
	free(acts);
}

static void fuzz_flow(const char *text, enum weft_flow_op op, bool strict)
{
	static struct weft_flow f, g;
	static char a[OUT_MAX], b[OUT_MAX], err[512];

	weft_flow_init(&f);
	if (weft_flow_from_str(&f, text, op, strict, resolve, NULL, err,
			       sizeof(err)))
		return;
	/* A del of every table prints no table; leave those to their parse. */
	if (op == WEFT_FLOW_OP_DEL && f.table == WEFT_TABLE_ALL)
		return;
	flow_text(a, sizeof(a), &f, op, strict);
	weft_flow_init(&g);
	if (weft_flow_from_str(&g, a, op, strict, resolve, NULL, err,
			       sizeof(err)))
		mismatch("flow", text, a, NULL, err);
	flow_text(b, sizeof(b), &g, op, strict);
	if (strcmp(a, b))
		mismatch("flow", text, a, b, NULL);
}

static void fuzz_actions(const char *text, enum weft_actions_use use)
{
	static struct weft_actions x, y;
	static char a[OUT_MAX], b[OUT_MAX], err[512];

	memset(&x, 0, sizeof(x));
	if (weft_actions_from_str(&x, text, use, resolve, NULL, err,
				  sizeof(err)))
		return;
	weft_actions_format(&x, a, sizeof(a));
	memset(&y, 0, sizeof(y));
	if (weft_actions_from_str(&y, a, use, resolve, NULL, err, sizeof(err)))
		mismatch("actions", text, a, NULL, err);
	weft_actions_format(&y, b, sizeof(b));
	if (strcmp(a, b))
		mismatch("actions", text, a, b, NULL);
}

static void fuzz_group(const char *text)
{
	static struct weft_group x, y;
	static char a[OUT_MAX], b[OUT_MAX], err[512];

	memset(&x, 0, sizeof(x));
	if (weft_group_from_str(&x, text, WEFT_GROUP_OP_ADD, resolve, NULL, err, sizeof(err)))
		return;
	weft_group_format(&x, a, sizeof(a));
	memset(&y, 0, sizeof(y));
	if (weft_group_from_str(&y, a, WEFT_GROUP_OP_ADD, resolve, NULL, err, sizeof(err)))
		mismatch("group", text, a, NULL, err);
	weft_group_format(&y, b, sizeof(b));
	if (strcmp(a, b))
		mismatch("group", text, a, b, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[TEXT_MAX + 1];
	uint8_t sel;

	if (!size || size > TEXT_MAX)
		return 0;
	sel = data[0];
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	switch (sel % 9) {
	case 0: fuzz_flow(text, WEFT_FLOW_OP_ADD, false); break;
	case 1: fuzz_flow(text, WEFT_FLOW_OP_MOD, false); break;
	case 2: fuzz_flow(text, WEFT_FLOW_OP_MOD, true); break;
	case 3: fuzz_flow(text, WEFT_FLOW_OP_DEL, false); break;
	case 4: fuzz_flow(text, WEFT_FLOW_OP_DEL, true); break;
	case 5: fuzz_flow(text, WEFT_FLOW_OP_PACKET, false); break;
	case 6: fuzz_actions(text, WEFT_ACTIONS_PACKET_OUT); break;
	case 7: fuzz_actions(text, WEFT_ACTIONS_BUCKET); break;
	case 8: fuzz_group(text); break;
	}
	return 0;
}
