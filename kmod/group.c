// SPDX-License-Identifier: GPL-2.0
/*
 * OpenFlow groups: the group table, bucket liveness, and the GROUP_*
 * commands.  See group.h for the lifetime rules.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/weft.h>

#include "compat.h"
#include "datapath.h"
#include "flow_netlink.h"
#include "group.h"
#include "netlink.h"

static const struct nla_policy weft_bucket_policy[WEFT_BUCKET_A_MAX + 1] = {
	[WEFT_BUCKET_A_WEIGHT] = { .type = NLA_U16 },
	[WEFT_BUCKET_A_WATCH_PORT] = { .type = NLA_U32 },
	[WEFT_BUCKET_A_WATCH_GROUP] = { .type = NLA_U32 },
	[WEFT_BUCKET_A_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_BUCKET_A_STATS] = { .type = NLA_REJECT,
				  .reject_message = "WEFT_BUCKET_A_STATS: read-only" },
};

static const struct nla_policy weft_buckets_policy[WEFT_GROUP_A_MAX + 1] = {
	[WEFT_GROUP_A_BUCKET] = NLA_POLICY_NESTED(weft_bucket_policy),
};

const struct nla_policy weft_group_policy[WEFT_GROUP_A_MAX + 1] = {
	[WEFT_GROUP_A_ID] = { .type = NLA_U32 },
	[WEFT_GROUP_A_TYPE] = NLA_POLICY_MAX(NLA_U32, WEFT_GROUP_TYPE_MAX),
	[WEFT_GROUP_A_BUCKETS] = NLA_POLICY_NESTED(weft_buckets_policy),
	[WEFT_GROUP_A_STATS] = { .type = NLA_REJECT,
				 .reject_message = "WEFT_GROUP_A_STATS: read-only" },
};

struct weft_group *weft_group_lookup(struct weft_dp *dp, u32 id)
{
	return xa_load(&dp->groups, id);
}

bool weft_bucket_live(struct weft_dp *dp, const struct weft_bucket *b,
		      int depth)
{
	if (b->watch_port != WEFT_PORT_ANY) {
		struct weft_vport *vport = weft_vport_lookup(dp, b->watch_port);

		if (!vport || !netif_running(vport->dev) ||
		    !netif_carrier_ok(vport->dev))
			return false;
	}
	if (b->watch_group != WEFT_GROUP_ANY) {
		struct weft_group *g = weft_group_lookup(dp, b->watch_group);

		if (!g || !weft_group_live(dp, g, depth + 1))
			return false;
	}
	return true;
}

/* A group is live while some bucket is: what fast-failover watches. */
bool weft_group_live(struct weft_dp *dp, const struct weft_group *g, int depth)
{
	unsigned int i;

	if (depth > WEFT_GROUP_DEPTH_MAX)
		return false;
	for (i = 0; i < g->n_buckets; i++)
		if (weft_bucket_live(dp, &g->b[i], depth))
			return true;
	return false;
}

static void weft_group_free(struct weft_group *g)
{
	unsigned int i;

	for (i = 0; i < g->n_buckets; i++) {
		weft_insts_free(g->b[i].acts);
		free_percpu(g->b[i].stats);
	}
	free_percpu(g->stats);
	kfree(g);
	weft_obj_dec(WEFT_OBJ_GROUPS);
}

static void weft_group_free_rcu_cb(struct rcu_head *rcu)
{
	weft_group_free(container_of(rcu, struct weft_group, rcu));
}

/* Does group @id reach group @target through its buckets' group actions? */
static bool weft_group_reaches(struct weft_dp *dp, u32 id, u32 target,
			       int depth)
{
	struct weft_group *g = weft_group_lookup(dp, id);
	unsigned int i, j;

	if (id == target)
		return true;
	if (!g || depth > WEFT_GROUP_DEPTH_MAX)
		return !!g;
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_insts *a = g->b[i].acts;

		for (j = 0; j < a->n_apply; j++)
			if (a->a[j].type == WEFT_ACTION_GROUP &&
			    weft_group_reaches(dp, a->a[j].arg, target,
					       depth + 1))
				return true;
	}
	return false;
}

static int weft_group_parse(struct weft_dp *dp, struct nlattr **gt,
			    struct weft_group **gp,
			    struct netlink_ext_ack *extack)
{
	struct weft_act_ctx ctx = { .dp = dp };
	const struct nlattr *ba;
	struct weft_group *g;
	unsigned int n = 0;
	int rem, err;

	if (gt[WEFT_GROUP_A_BUCKETS])
		nla_for_each_nested(ba, gt[WEFT_GROUP_A_BUCKETS], rem)
			n++;
	if (n > WEFT_BUCKETS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, gt[WEFT_GROUP_A_BUCKETS],
				    "WEFT_GROUP_A_BUCKETS: more than WEFT_BUCKETS_MAX buckets");
		return -E2BIG;
	}
	g = kzalloc(struct_size(g, b, n), GFP_KERNEL_ACCOUNT);
	if (!g)
		return -ENOMEM;
	weft_obj_inc(WEFT_OBJ_GROUPS);
	g->id = nla_get_u32(gt[WEFT_GROUP_A_ID]);
	g->type = nla_get_u32(gt[WEFT_GROUP_A_TYPE]);
	g->created = get_jiffies_64();
	g->stats = netdev_alloc_pcpu_stats(struct weft_flow_pcpu_stats);
	err = -ENOMEM;
	if (!g->stats)
		goto err;
	if (g->type == WEFT_GROUP_TYPE_INDIRECT && n != 1) {
		NL_SET_ERR_MSG_ATTR(extack, gt[WEFT_GROUP_A_TYPE],
				    "WEFT_GROUP_A_BUCKETS: an indirect group has exactly one bucket");
		err = -EINVAL;
		goto err;
	}

	if (gt[WEFT_GROUP_A_BUCKETS]) {
		nla_for_each_nested(ba, gt[WEFT_GROUP_A_BUCKETS], rem) {
			struct nlattr *bt[WEFT_BUCKET_A_MAX + 1];
			struct weft_bucket *b = &g->b[g->n_buckets];
			unsigned int j;

			err = nla_parse_nested(bt, WEFT_BUCKET_A_MAX, ba,
					       weft_bucket_policy, extack);
			if (err)
				goto err;
			b->weight = bt[WEFT_BUCKET_A_WEIGHT] ?
				    nla_get_u16(bt[WEFT_BUCKET_A_WEIGHT]) : 1;
			b->watch_port = bt[WEFT_BUCKET_A_WATCH_PORT] ?
					nla_get_u32(bt[WEFT_BUCKET_A_WATCH_PORT]) :
					WEFT_PORT_ANY;
			b->watch_group = bt[WEFT_BUCKET_A_WATCH_GROUP] ?
					 nla_get_u32(bt[WEFT_BUCKET_A_WATCH_GROUP]) :
					 WEFT_GROUP_ANY;
			b->stats = netdev_alloc_pcpu_stats(struct weft_flow_pcpu_stats);
			if (!b->stats) {
				err = -ENOMEM;
				goto err;
			}
			err = weft_actions_from_nlattr(bt[WEFT_BUCKET_A_ACTIONS],
						       &ctx, &b->acts, extack);
			if (err) {
				free_percpu(b->stats);
				goto err;
			}
			g->n_buckets++;
			for (j = 0; j < b->acts->n_apply; j++) {
				u32 to = b->acts->a[j].arg;

				if (b->acts->a[j].type != WEFT_ACTION_GROUP)
					continue;
				if (weft_group_reaches(dp, to, g->id, 0)) {
					NL_SET_ERR_MSG_ATTR(extack, ba,
							    "WEFT_BUCKET_A_ACTIONS: group chain loops or is too deep");
					err = -ELOOP;
					goto err;
				}
			}
		}
	}
	*gp = g;
	return 0;
err:
	weft_group_free(g);
	return err;
}

static int weft_nl_group_parse_attrs(struct genl_info *info,
				     struct nlattr **gt, bool need_type)
{
	int err;

	err = weft_nl_parse_nest(info, WEFT_A_GROUP, WEFT_GROUP_A_MAX,
				 weft_group_policy, gt, "WEFT_A_GROUP: missing");
	if (err)
		return err;
	if (!gt[WEFT_GROUP_A_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_GROUP],
				    "WEFT_GROUP_A_ID: missing");
		return -EINVAL;
	}
	if (need_type && !gt[WEFT_GROUP_A_TYPE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_GROUP],
				    "WEFT_GROUP_A_TYPE: missing");
		return -EINVAL;
	}
	if (need_type && nla_get_u32(gt[WEFT_GROUP_A_ID]) > WEFT_GROUP_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, gt[WEFT_GROUP_A_ID],
				    "WEFT_GROUP_A_ID: above WEFT_GROUP_MAX");
		return -EINVAL;
	}
	return 0;
}

static int weft_nl_group_change(struct genl_info *info, bool create)
{
	struct nlattr *gt[WEFT_GROUP_A_MAX + 1];
	struct weft_group *g, *old;
	struct weft_dp *dp;
	int err;

	err = weft_nl_group_parse_attrs(info, gt, true);
	if (err)
		return err;
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	old = weft_group_lookup(dp, nla_get_u32(gt[WEFT_GROUP_A_ID]));
	if (create && old) {
		NL_SET_ERR_MSG_ATTR(info->extack, gt[WEFT_GROUP_A_ID],
				    "WEFT_GROUP_A_ID: group exists");
		err = -EEXIST;
		goto out;
	}
	if (!create && !old) {
		NL_SET_ERR_MSG_ATTR(info->extack, gt[WEFT_GROUP_A_ID],
				    "WEFT_GROUP_A_ID: no such group");
		err = -ENOENT;
		goto out;
	}
	err = weft_group_parse(dp, gt, &g, info->extack);
	if (err)
		goto out;
	if (old)
		g->created = old->created;
	err = xa_err(xa_store(&dp->groups, g->id, g, GFP_KERNEL_ACCOUNT));
	if (err) {
		weft_group_free(g);
		goto out;
	}
	if (old)
		call_rcu(&old->rcu, weft_group_free_rcu_cb);
	dp->group_gen++;
out:
	mutex_unlock(&weft_mutex);
	return err;
}

int weft_nl_group_new(struct sk_buff *skb, struct genl_info *info)
{
	return weft_nl_group_change(info, true);
}

int weft_nl_group_set(struct sk_buff *skb, struct genl_info *info)
{
	return weft_nl_group_change(info, false);
}

/* Is group @id named by a bucket of another group? */
static bool weft_group_in_use(struct weft_dp *dp, u32 id)
{
	struct weft_group *g;
	unsigned long gid;
	unsigned int i;

	xa_for_each(&dp->groups, gid, g) {
		if (gid == id)
			continue;
		for (i = 0; i < g->n_buckets; i++)
			if (weft_insts_uses_group(g->b[i].acts, id))
				return true;
	}
	return false;
}

static void weft_group_remove(struct weft_dp *dp, struct weft_group *g)
{
	struct weft_flow *flow;
	unsigned long id;

	/* OpenFlow: the flows that use a group go with it. */
	xa_for_each(&dp->cls.ids, id, flow) {
		if (!weft_insts_uses_group(weft_deref(flow->insts), g->id))
			continue;
		weft_flow_removed(dp, flow, WEFT_FLOW_REMOVED_GROUP_DELETE);
		weft_cls_remove(&dp->cls, flow);
		weft_flow_free(flow);
	}
	xa_erase(&dp->groups, g->id);
	call_rcu(&g->rcu, weft_group_free_rcu_cb);
	dp->group_gen++;
}

int weft_nl_group_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *gt[WEFT_GROUP_A_MAX + 1];
	struct weft_group *g;
	struct weft_dp *dp;
	unsigned long gid;
	u32 id;
	int err;

	err = weft_nl_group_parse_attrs(info, gt, false);
	if (err)
		return err;
	id = nla_get_u32(gt[WEFT_GROUP_A_ID]);
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	if (id == WEFT_GROUP_ALL) {
		xa_for_each(&dp->groups, gid, g)
			weft_group_remove(dp, g);
		goto out;
	}
	g = weft_group_lookup(dp, id);
	if (!g) {
		/* OpenFlow: deleting a group that is not there is no error. */
		goto out;
	}
	if (weft_group_in_use(dp, id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, gt[WEFT_GROUP_A_ID],
				    "WEFT_GROUP_A_ID: another group's bucket uses it");
		err = -EBUSY;
		goto out;
	}
	weft_group_remove(dp, g);
out:
	mutex_unlock(&weft_mutex);
	return err;
}

/* Called with no reader left (the datapath is going). */
void weft_groups_destroy(struct weft_dp *dp)
{
	struct weft_group *g;
	unsigned long id;

	xa_for_each(&dp->groups, id, g) {
		xa_erase(&dp->groups, id);
		weft_group_free(g);
	}
	xa_destroy(&dp->groups);
}

static int weft_put_gstats(struct sk_buff *skb, int type,
			   struct weft_flow_pcpu_stats __percpu *stats,
			   const struct weft_group *g, u32 refs)
{
	unsigned long used;
	u64 packets, bytes;
	struct nlattr *nest;

	weft_pcpu_stats_read(stats, &packets, &bytes, &used);
	nest = nla_nest_start(skb, type);
	if (!nest ||
	    nla_put_u64_64bit(skb, WEFT_GSTATS_A_PACKETS, packets,
			      WEFT_GSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, WEFT_GSTATS_A_BYTES, bytes,
			      WEFT_GSTATS_A_PAD) ||
	    (g && nla_put_u32(skb, WEFT_GSTATS_A_REF_COUNT, refs)) ||
	    (g && nla_put_u64_64bit(skb, WEFT_GSTATS_A_DURATION,
				    jiffies64_to_msecs(get_jiffies_64() -
						       g->created),
				    WEFT_GSTATS_A_PAD)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static u32 weft_group_refs(struct weft_dp *dp, u32 id)
{
	struct weft_flow *flow;
	struct weft_group *g;
	unsigned long i;
	unsigned int b;
	u32 n = 0;

	xa_for_each(&dp->cls.ids, i, flow)
		n += weft_insts_uses_group(weft_deref(flow->insts), id);
	xa_for_each(&dp->groups, i, g)
		for (b = 0; b < g->n_buckets; b++)
			n += weft_insts_uses_group(g->b[b].acts, id);
	return n;
}

static int weft_nl_fill_group(struct sk_buff *skb, struct weft_dp *dp,
			      const struct weft_group *g, u32 portid, u32 seq,
			      int flags, struct netlink_callback *cb)
{
	struct nlattr *nest, *buckets;
	unsigned int i;
	void *hdr;

	hdr = weft_nl_put_header(skb, portid, seq, flags, WEFT_CMD_GROUP_GET,
				 dp);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(skb, WEFT_A_GROUP);
	if (!nest ||
	    nla_put_u32(skb, WEFT_GROUP_A_ID, g->id) ||
	    nla_put_u32(skb, WEFT_GROUP_A_TYPE, g->type))
		goto cancel;
	buckets = nla_nest_start(skb, WEFT_GROUP_A_BUCKETS);
	if (!buckets)
		goto cancel;
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->b[i];
		struct nlattr *bn = nla_nest_start(skb, WEFT_GROUP_A_BUCKET);

		if (!bn ||
		    nla_put_u16(skb, WEFT_BUCKET_A_WEIGHT, b->weight) ||
		    nla_put_u32(skb, WEFT_BUCKET_A_WATCH_PORT, b->watch_port) ||
		    nla_put_u32(skb, WEFT_BUCKET_A_WATCH_GROUP,
				b->watch_group) ||
		    weft_actions_to_nlattr(skb, WEFT_BUCKET_A_ACTIONS,
					   b->acts->a, b->acts->n_apply) ||
		    weft_put_gstats(skb, WEFT_BUCKET_A_STATS, b->stats, NULL, 0))
			goto cancel;
		nla_nest_end(skb, bn);
	}
	nla_nest_end(skb, buckets);
	if (weft_put_gstats(skb, WEFT_GROUP_A_STATS, g->stats, g,
			    weft_group_refs(dp, g->id)))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int weft_nl_group_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *gt[WEFT_GROUP_A_MAX + 1];
	struct sk_buff *msg;
	struct weft_group *g;
	struct weft_dp *dp;
	int err;

	err = weft_nl_group_parse_attrs(info, gt, false);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto err;
	}
	g = weft_group_lookup(dp, nla_get_u32(gt[WEFT_GROUP_A_ID]));
	if (!g) {
		NL_SET_ERR_MSG_ATTR(info->extack, gt[WEFT_GROUP_A_ID],
				    "WEFT_GROUP_A_ID: no such group");
		err = -ENOENT;
		goto err;
	}
	err = weft_nl_fill_group(msg, dp, g, info->snd_portid, info->snd_seq,
				 0, NULL);
	if (err)
		goto err;
	mutex_unlock(&weft_mutex);
	return genlmsg_reply(msg, info);
err:
	mutex_unlock(&weft_mutex);
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: the next group id to send. */
int weft_nl_group_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct weft_group *g;
	struct weft_dp *dp;
	int err = 0;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(sock_net(skb->sk), weft_dump_attrs(cb), cb->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	cb->seq = dp->group_gen;
	xa_for_each_start(&dp->groups, id, g, id) {
		if (weft_nl_fill_group(skb, dp, g, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, NLM_F_MULTI, cb))
			break;
	}
	cb->args[0] = g ? id : (unsigned long)U32_MAX + 1;
out:
	mutex_unlock(&weft_mutex);
	return err ?: skb->len;
}
