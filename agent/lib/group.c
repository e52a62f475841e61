// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_group <-> WEFT_A_GROUP netlink attributes.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "group.h"
#include "util.h"

void weft_group_init(struct weft_group *g)
{
	memset(g, 0, sizeof(*g));
}

const char *weft_group_type_name(__u32 type)
{
	static const char *const names[] = {
		[WEFT_GROUP_TYPE_ALL] = "all",
		[WEFT_GROUP_TYPE_SELECT] = "select",
		[WEFT_GROUP_TYPE_INDIRECT] = "indirect",
		[WEFT_GROUP_TYPE_FAST_FAILOVER] = "ff",
	};

	return type < ARRAY_SIZE(names) ? names[type] : NULL;
}

#define HAS(x, a)	((x)->attrs & WEFT_BIT(a))

static bool put_bucket(struct nlmsghdr *nlh, size_t size,
		       const struct weft_bucket *b)
{
	struct nlattr *nest = mnl_attr_nest_start_check(nlh, size,
							WEFT_GROUP_A_BUCKET);
	bool ok = nest;

	if (ok && HAS(b, WEFT_BUCKET_A_WEIGHT))
		ok = mnl_attr_put_u16_check(nlh, size, WEFT_BUCKET_A_WEIGHT,
					    b->weight);
	if (ok && HAS(b, WEFT_BUCKET_A_WATCH_PORT))
		ok = mnl_attr_put_u32_check(nlh, size, WEFT_BUCKET_A_WATCH_PORT,
					    b->watch_port);
	if (ok && HAS(b, WEFT_BUCKET_A_WATCH_GROUP))
		ok = mnl_attr_put_u32_check(nlh, size,
					    WEFT_BUCKET_A_WATCH_GROUP,
					    b->watch_group);
	if (ok)
		ok = weft_actions_nl_put(nlh, size, WEFT_BUCKET_A_ACTIONS,
					 &b->actions);
	if (!ok) {
		if (nest)
			mnl_attr_nest_cancel(nlh, nest);
		return false;
	}
	mnl_attr_nest_end(nlh, nest);
	return true;
}

int weft_group_nl_put(struct nlmsghdr *nlh, size_t size,
		      const struct weft_group *g)
{
	struct nlattr *nest, *buckets;
	unsigned int i;
	bool ok;

	if (g->n_buckets > WEFT_BUCKETS_MAX)
		return -EINVAL;
	nest = mnl_attr_nest_start_check(nlh, size, WEFT_A_GROUP);
	if (!nest)
		return -EMSGSIZE;
	ok = mnl_attr_put_u32_check(nlh, size, WEFT_GROUP_A_ID, g->id);
	if (ok && HAS(g, WEFT_GROUP_A_TYPE))
		ok = mnl_attr_put_u32_check(nlh, size, WEFT_GROUP_A_TYPE,
					    g->type);
	if (ok && HAS(g, WEFT_GROUP_A_BUCKETS)) {
		buckets = mnl_attr_nest_start_check(nlh, size,
						    WEFT_GROUP_A_BUCKETS);
		ok = buckets;
		for (i = 0; ok && i < g->n_buckets; i++)
			ok = put_bucket(nlh, size, &g->buckets[i]);
		if (ok)
			mnl_attr_nest_end(nlh, buckets);
	}
	if (!ok) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int parse_stats(const struct nlattr *nest, __u64 *packets,
		       __u64 *bytes, struct weft_group *g)
{
	const struct nlattr *st[WEFT_GSTATS_A_MAX + 1];
	int err;

	err = weft_attr_parse_nested(nest, &weft_attrs_gstats, st);
	if (err)
		return err;
	if (st[WEFT_GSTATS_A_PACKETS])
		*packets = mnl_attr_get_u64(st[WEFT_GSTATS_A_PACKETS]);
	if (st[WEFT_GSTATS_A_BYTES])
		*bytes = mnl_attr_get_u64(st[WEFT_GSTATS_A_BYTES]);
	if (g && st[WEFT_GSTATS_A_REF_COUNT])
		g->ref_count = mnl_attr_get_u32(st[WEFT_GSTATS_A_REF_COUNT]);
	if (g && st[WEFT_GSTATS_A_DURATION])
		g->duration_ms = mnl_attr_get_u64(st[WEFT_GSTATS_A_DURATION]);
	return 0;
}

static int parse_bucket(const struct nlattr *nest, struct weft_bucket *b)
{
	const struct nlattr *tb[WEFT_BUCKET_A_MAX + 1];
	int err, i;

	memset(b, 0, sizeof(*b));
	b->weight = 1;
	b->watch_port = WEFT_PORT_ANY;
	b->watch_group = WEFT_GROUP_ANY;
	err = weft_attr_parse_nested(nest, &weft_attrs_bucket, tb);
	if (err)
		return err;
	for (i = 1; i <= WEFT_BUCKET_A_MAX; i++)
		if (tb[i])
			b->attrs |= WEFT_BIT(i);
	if (tb[WEFT_BUCKET_A_WEIGHT])
		b->weight = mnl_attr_get_u16(tb[WEFT_BUCKET_A_WEIGHT]);
	if (tb[WEFT_BUCKET_A_WATCH_PORT])
		b->watch_port = mnl_attr_get_u32(tb[WEFT_BUCKET_A_WATCH_PORT]);
	if (tb[WEFT_BUCKET_A_WATCH_GROUP])
		b->watch_group = mnl_attr_get_u32(tb[WEFT_BUCKET_A_WATCH_GROUP]);
	if (tb[WEFT_BUCKET_A_ACTIONS]) {
		err = weft_actions_nl_parse(tb[WEFT_BUCKET_A_ACTIONS],
					    &b->actions);
		if (err)
			return err;
	}
	if (tb[WEFT_BUCKET_A_STATS])
		return parse_stats(tb[WEFT_BUCKET_A_STATS], &b->packets,
				   &b->bytes, NULL);
	return 0;
}

int weft_group_msg_parse(const struct nlmsghdr *nlh, struct weft_group *g)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	const struct nlattr *gt[WEFT_GROUP_A_MAX + 1];
	const struct nlattr *attr;
	int err, i;

	weft_group_init(g);
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_GROUP])
		return -EPROTO;
	err = weft_attr_parse_nested(tb[WEFT_A_GROUP], &weft_attrs_group, gt);
	if (err)
		return err;
	if (!gt[WEFT_GROUP_A_ID])
		return -EPROTO;
	for (i = 1; i <= WEFT_GROUP_A_MAX; i++)
		if (gt[i])
			g->attrs |= WEFT_BIT(i);
	g->id = mnl_attr_get_u32(gt[WEFT_GROUP_A_ID]);
	if (gt[WEFT_GROUP_A_TYPE])
		g->type = mnl_attr_get_u32(gt[WEFT_GROUP_A_TYPE]);
	if (gt[WEFT_GROUP_A_BUCKETS]) {
		mnl_attr_for_each_nested(attr, gt[WEFT_GROUP_A_BUCKETS]) {
			if (mnl_attr_get_type(attr) != WEFT_GROUP_A_BUCKET)
				continue;
			if (g->n_buckets == WEFT_BUCKETS_MAX)
				return -EPROTO;
			err = parse_bucket(attr, &g->buckets[g->n_buckets++]);
			if (err)
				return err;
		}
	}
	if (gt[WEFT_GROUP_A_STATS])
		return parse_stats(gt[WEFT_GROUP_A_STATS], &g->packets,
				   &g->bytes, g);
	return 0;
}
