// SPDX-License-Identifier: GPL-2.0
/*
 * ovs-ofctl group text <-> struct weft_group.
 *
 * As in ovs-ofctl, the text splits at each "bucket=": what comes before is
 * group_id= and type=, each bucket has weight:, watch_port:, watch_group:
 * and then its actions, with or without "actions=" in front.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "group.h"
#include "port.h"
#include "util.h"

/* The next "bucket=" that starts a token, or NULL. */
static const char *find_bucket(const char *s)
{
	const char *b;

	for (b = strstr(s, "bucket="); b; b = strstr(b + 1, "bucket="))
		if (b == s || strchr(", \t", b[-1]))
			return b;
	return NULL;
}

static int parse_type(struct fp_parser *p, struct fp_span v, __u32 *type)
{
	static const struct {
		const char *name;
		__u32 type;
	} types[] = {
		{ "all", WEFT_GROUP_TYPE_ALL },
		{ "select", WEFT_GROUP_TYPE_SELECT },
		{ "indirect", WEFT_GROUP_TYPE_INDIRECT },
		{ "ff", WEFT_GROUP_TYPE_FAST_FAILOVER },
		{ "fast_failover", WEFT_GROUP_TYPE_FAST_FAILOVER },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (fp_span_eq(v, types[i].name)) {
			*type = types[i].type;
			return 0;
		}
	}
	return weft_fp_bad(p, "group type", v,
			   " (all, select, indirect or ff)");
}

/* group_id=N and type=T, before the first bucket. */
static int parse_head(struct fp_parser *p, const char *s, struct weft_group *g,
		      enum weft_group_op op)
{
	unsigned long long v;
	struct fp_tok t;
	int err;

	while (weft_fp_next_tok(&s, &t)) {
		p->tok = &t;
		if (fp_span_eq(t.key, "group_id") && t.has_val) {
			if (op == WEFT_GROUP_OP_DEL && fp_span_eq(t.val, "all")) {
				g->id = WEFT_GROUP_ALL;
			} else {
				err = weft_fp_num(p, "group_id", t.val,
						  WEFT_GROUP_MAX, &v);
				if (err)
					return err;
				g->id = (__u32)v;
			}
			g->attrs |= WEFT_BIT(WEFT_GROUP_A_ID);
		} else if (op == WEFT_GROUP_OP_DEL && !t.has_val &&
			   !(g->attrs & WEFT_BIT(WEFT_GROUP_A_ID))) {
			/* "group del DP 5": the id alone. */
			err = weft_fp_num(p, "group_id", t.key, WEFT_GROUP_MAX,
					  &v);
			if (err)
				return err;
			g->id = (__u32)v;
			g->attrs |= WEFT_BIT(WEFT_GROUP_A_ID);
		} else if (fp_span_eq(t.key, "type") && t.has_val &&
			   op != WEFT_GROUP_OP_DEL) {
			err = parse_type(p, t.val, &g->type);
			if (err)
				return err;
			g->attrs |= WEFT_BIT(WEFT_GROUP_A_TYPE);
		} else {
			return weft_fp_fail(p, "unknown group field \"%.*s\" in \"%.*s\"",
					    t.key.n, t.key.p, t.all.n, t.all.p);
		}
	}
	return 0;
}

static int parse_bucket(struct fp_parser *p, char *text, struct weft_bucket *b)
{
	const char *s = text, *actions = "";
	unsigned long long v;
	struct fp_tok t;
	char msg[256];
	__u32 port;
	int err;

	b->weight = 1;
	b->watch_port = WEFT_PORT_ANY;
	b->watch_group = WEFT_GROUP_ANY;
	while (weft_fp_next_tok(&s, &t)) {
		p->tok = &t;
		if (fp_span_eq(t.key, "weight") && t.has_val) {
			err = weft_fp_num(p, "weight", t.val, 0xffff, &v);
			if (err)
				return err;
			b->weight = (__u16)v;
			b->attrs |= WEFT_BIT(WEFT_BUCKET_A_WEIGHT);
		} else if (fp_span_eq(t.key, "watch_port") && t.has_val) {
			err = weft_fp_port(p, t.val, &port);
			if (!err && port > WEFT_PORT_MAX && port != WEFT_PORT_LOCAL &&
			    port != WEFT_PORT_ANY)
				err = weft_fp_bad(p, "watch_port", t.val, "");
			if (err)
				return err;
			b->watch_port = port;
			if (port != WEFT_PORT_ANY)
				b->attrs |= WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT);
		} else if (fp_span_eq(t.key, "watch_group") && t.has_val) {
			err = weft_fp_num(p, "watch_group", t.val,
					  WEFT_GROUP_MAX, &v);
			if (err)
				return err;
			b->watch_group = (__u32)v;
			b->attrs |= WEFT_BIT(WEFT_BUCKET_A_WATCH_GROUP);
		} else {
			/* The actions: the rest of the bucket. */
			if ((fp_span_eq(t.key, "actions") ||
			     fp_span_eq(t.key, "action")) && t.has_val)
				actions = t.val.p;
			else
				actions = t.all.p;
			break;
		}
	}
	/* The actions are always sent: none is an empty list (drop). */
	b->attrs |= WEFT_BIT(WEFT_BUCKET_A_ACTIONS);
	err = weft_actions_from_str(&b->actions, actions, WEFT_ACTIONS_BUCKET,
				    p->resolve, p->ctx, msg, sizeof(msg));
	if (err)
		return weft_fp_fail(p, "%s", msg);
	return 0;
}

/* What OpenFlow (and ovs-ofctl) require of a group's buckets. */
static int check_group(struct fp_parser *p, const struct weft_group *g,
		       const char *text)
{
	unsigned int i;

	if (g->type == WEFT_GROUP_TYPE_INDIRECT && g->n_buckets != 1)
		return weft_fp_fail(p, "an indirect group has exactly one bucket in \"%s\"",
				    text);
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->buckets[i];

		if (g->type != WEFT_GROUP_TYPE_SELECT &&
		    (b->attrs & WEFT_BIT(WEFT_BUCKET_A_WEIGHT)))
			return weft_fp_fail(p, "only select groups have bucket weights in \"%s\"",
					    text);
		if (g->type == WEFT_GROUP_TYPE_FAST_FAILOVER &&
		    !(b->attrs & (WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT) |
				  WEFT_BIT(WEFT_BUCKET_A_WATCH_GROUP))))
			return weft_fp_fail(p, "every bucket of a fast failover group needs a watch_port or watch_group in \"%s\"",
					    text);
	}
	return 0;
}

static int parse_group(struct fp_parser *p, char *text, struct weft_group *g,
		       enum weft_group_op op, const char *all)
{
	char *b = (char *)find_bucket(text), *next;
	int err;

	if (b)
		*b = '\0';
	err = parse_head(p, text, g, op);
	if (err)
		return err;
	if (!(g->attrs & WEFT_BIT(WEFT_GROUP_A_ID)))
		return weft_fp_fail(p, "missing group_id in \"%s\"", all);
	if (op == WEFT_GROUP_OP_DEL) {
		if (b)
			return weft_fp_fail(p, "group del takes no buckets in \"%s\"",
					    all);
		return 0;
	}
	if (!(g->attrs & WEFT_BIT(WEFT_GROUP_A_TYPE)))
		return weft_fp_fail(p, "missing type in \"%s\"", all);
	g->attrs |= WEFT_BIT(WEFT_GROUP_A_BUCKETS);
	while (b) {
		b += strlen("bucket=");
		next = (char *)find_bucket(b);
		if (next)
			*next = '\0';
		if (g->n_buckets == WEFT_BUCKETS_MAX)
			return weft_fp_fail(p, "too many buckets (at most %d) in \"%s\"",
					    WEFT_BUCKETS_MAX, all);
		err = parse_bucket(p, b, &g->buckets[g->n_buckets++]);
		if (err)
			return err;
		b = next;
	}
	return check_group(p, g, all);
}

int weft_group_from_str(struct weft_group *g, const char *text,
			enum weft_group_op op, weft_port_resolver resolve,
			void *ctx, char *err, size_t errlen)
{
	struct fp_parser p = {
		.resolve = resolve, .ctx = ctx, .err = err, .errlen = errlen,
	};
	char *copy = strdup(text);
	int ret;

	weft_group_init(g);
	if (errlen)
		err[0] = '\0';
	if (!copy) {
		if (errlen)
			snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = parse_group(&p, copy, g, op, text);
	free(copy);
	if (ret)
		weft_group_init(g);
	return ret;
}

int weft_group_format(const struct weft_group *g, char *buf, size_t len)
{
	const char *type = weft_group_type_name(g->type);
	char actions[8192], port[16];
	struct weft_sbuf sb;
	unsigned int i;

	weft_sb_init(&sb, buf, len);
	weft_sb_printf(&sb, "group_id=%u", g->id);
	if (type)
		weft_sb_printf(&sb, ",type=%s", type);
	else
		weft_sb_printf(&sb, ",type=unknown(%u)", g->type);
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->buckets[i];

		weft_sb_printf(&sb, ",bucket=");
		/*
		 * ovs-ofctl shows a weight that differs from its default (1 in
		 * select groups); other groups ignore weights, so do we.
		 */
		if (g->type == WEFT_GROUP_TYPE_SELECT && b->weight != 1)
			weft_sb_printf(&sb, "weight:%u,", b->weight);
		if (b->watch_port != WEFT_PORT_ANY) {
			weft_port_no_format(b->watch_port, port, sizeof(port));
			weft_sb_printf(&sb, "watch_port:%s,", port);
		}
		if (b->watch_group != WEFT_GROUP_ANY)
			weft_sb_printf(&sb, "watch_group:%u,", b->watch_group);
		weft_actions_format(&b->actions, actions, sizeof(actions));
		weft_sb_printf(&sb, "actions=%s", actions);
	}
	return (int)sb.len;
}

int weft_group_format_stats(const struct weft_group *g, char *buf, size_t len)
{
	struct weft_sbuf sb;
	unsigned int i;

	weft_sb_init(&sb, buf, len);
	weft_sb_printf(&sb, "group_id=%u,duration=%llu", g->id,
		       (unsigned long long)(g->duration_ms / 1000));
	if (g->duration_ms % 1000)
		weft_sb_printf(&sb, ".%03u",
			       (unsigned int)(g->duration_ms % 1000));
	weft_sb_printf(&sb, "s,ref_count=%u,packet_count=%llu,byte_count=%llu",
		       g->ref_count, (unsigned long long)g->packets,
		       (unsigned long long)g->bytes);
	for (i = 0; i < g->n_buckets; i++)
		weft_sb_printf(&sb, ",bucket%u:packet_count=%llu,byte_count=%llu",
			       i, (unsigned long long)g->buckets[i].packets,
			       (unsigned long long)g->buckets[i].bytes);
	return (int)sb.len;
}
