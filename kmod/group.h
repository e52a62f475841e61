/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenFlow groups.  A group is immutable once published: GROUP_SET builds
 * a new one and swaps it in under RCU, so the packet path reads a group
 * and its buckets without locks.
 */
#ifndef _WEFT_GROUP_H
#define _WEFT_GROUP_H

#include <linux/types.h>

#include "flow.h"

struct weft_dp;
struct genl_info;
struct netlink_callback;

struct weft_bucket {
	u16 weight;
	u32 watch_port;
	u32 watch_group;
	struct weft_insts *acts;
	struct weft_flow_pcpu_stats __percpu *stats;
};

struct weft_group {
	u32 id;
	u32 type;			/* WEFT_GROUP_TYPE_* */
	u32 n_buckets;
	u64 created;			/* jiffies_64, kept across GROUP_SET */
	struct weft_flow_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
	struct weft_bucket b[];
};

struct weft_group *weft_group_lookup(struct weft_dp *dp, u32 id);
bool weft_group_live(struct weft_dp *dp, const struct weft_group *g,
		     int depth);
bool weft_bucket_live(struct weft_dp *dp, const struct weft_bucket *b,
		      int depth);
void weft_groups_destroy(struct weft_dp *dp);

int weft_nl_group_new(struct sk_buff *skb, struct genl_info *info);
int weft_nl_group_set(struct sk_buff *skb, struct genl_info *info);
int weft_nl_group_del(struct sk_buff *skb, struct genl_info *info);
int weft_nl_group_get(struct sk_buff *skb, struct genl_info *info);
int weft_nl_group_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* Chained groups nest at most this deep, at install and on the wire. */
#define WEFT_GROUP_DEPTH_MAX	4

#endif /* _WEFT_GROUP_H */
