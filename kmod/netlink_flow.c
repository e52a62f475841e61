// SPDX-License-Identifier: GPL-2.0
/*
 * Flow commands of the "weft" family: add, modify, delete, get, dump and
 * flush, with OpenFlow's strict and non-strict selection.
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/weft.h>

#include "compat.h"
#include "datapath.h"
#include "flow_netlink.h"
#include "group.h"
#include "netlink.h"

#define WEFT_FLOW_F_KNOWN (WEFT_FLOW_F_SEND_FLOW_REM | \
			   WEFT_FLOW_F_CHECK_OVERLAP | \
			   WEFT_FLOW_F_RESET_COUNTS | \
			   WEFT_FLOW_F_NO_PKT_COUNTS | \
			   WEFT_FLOW_F_NO_BYT_COUNTS)


int weft_flow_req_parse(const struct nlattr *attr, u8 cmd,
			struct weft_flow_req *req, struct netlink_ext_ack *extack)
{
	struct nlattr **ft = req->ft;
	int err;

	/* The attribute table, key and mask are cleared by their parsers. */
	memset(&req->opts, 0, sizeof(req->opts));
	req->out_port = WEFT_PORT_ANY;
	req->out_group = WEFT_GROUP_ANY;
	if (!attr) {
		/* A delete without a flow selects everything. */
		if (cmd == WEFT_CMD_FLOW_DEL) {
			memset(req->ft, 0, sizeof(req->ft));
			memset(&req->key, 0, sizeof(req->key));
			memset(&req->mask, 0, sizeof(req->mask));
			req->all_tables = true;
			return 0;
		}
		NL_SET_ERR_MSG(extack, "WEFT_A_FLOW: missing");
		NL_SET_ERR_ATTR_MISS(extack, NULL, WEFT_A_FLOW);
		return -EINVAL;
	}
	/*
	 * Generic netlink validated the whole request, this nest and the
	 * key and mask in it included, against weft_policy: what it is given
	 * here (WEFT_A_FLOW, or a bundle's WEFT_OP_A_FLOW) is not checked
	 * twice.
	 */
	err = nla_parse_nested(ft, WEFT_FLOW_A_MAX, attr, NULL, extack);
	if (err)
		return err;

	if (ft[WEFT_FLOW_A_TABLE])
		req->table = nla_get_u8(ft[WEFT_FLOW_A_TABLE]);
	if (req->table == WEFT_TABLE_ALL) {
		if (cmd != WEFT_CMD_FLOW_DEL && cmd != WEFT_CMD_FLOW_SET) {
			NL_SET_ERR_MSG_ATTR(extack, ft[WEFT_FLOW_A_TABLE],
					    "WEFT_FLOW_A_TABLE: WEFT_TABLE_ALL only selects (FLOW_SET, FLOW_DEL)");
			return -EINVAL;
		}
		req->all_tables = true;
	}
	if (ft[WEFT_FLOW_A_PRIORITY])
		req->priority = nla_get_u16(ft[WEFT_FLOW_A_PRIORITY]);
	req->strict = ft[WEFT_FLOW_A_STRICT] || cmd == WEFT_CMD_FLOW_GET;
	if (ft[WEFT_FLOW_A_COOKIE])
		req->cookie = nla_get_u64(ft[WEFT_FLOW_A_COOKIE]);
	if (ft[WEFT_FLOW_A_COOKIE_MASK])
		req->cookie_mask = nla_get_u64(ft[WEFT_FLOW_A_COOKIE_MASK]);
	if (ft[WEFT_FLOW_A_OUT_PORT])
		req->out_port = nla_get_u32(ft[WEFT_FLOW_A_OUT_PORT]);

	if (ft[WEFT_FLOW_A_FLAGS]) {
		req->flags = nla_get_u32(ft[WEFT_FLOW_A_FLAGS]);
		if (req->flags & ~WEFT_FLOW_F_KNOWN) {
			NL_SET_ERR_MSG_ATTR(extack, ft[WEFT_FLOW_A_FLAGS],
					    "WEFT_FLOW_A_FLAGS: unknown flags");
			return -EINVAL;
		}
	}
	if (ft[WEFT_FLOW_A_IDLE_TIMEOUT])
		req->idle_timeout = nla_get_u16(ft[WEFT_FLOW_A_IDLE_TIMEOUT]);
	if (ft[WEFT_FLOW_A_HARD_TIMEOUT])
		req->hard_timeout = nla_get_u16(ft[WEFT_FLOW_A_HARD_TIMEOUT]);
	if (ft[WEFT_FLOW_A_OUT_GROUP])
		req->out_group = nla_get_u32(ft[WEFT_FLOW_A_OUT_GROUP]);
	if (cmd == WEFT_CMD_FLOW_NEW) {
		const struct nlattr *sel = ft[WEFT_FLOW_A_STRICT] ?:
			ft[WEFT_FLOW_A_COOKIE_MASK] ?: ft[WEFT_FLOW_A_OUT_PORT] ?:
			ft[WEFT_FLOW_A_OUT_GROUP];

		if (sel) {
			NL_SET_ERR_MSG_ATTR(extack, sel,
					    "WEFT_FLOW_A_STRICT: selection attributes (STRICT, COOKIE_MASK, OUT_PORT, OUT_GROUP) are not for WEFT_CMD_FLOW_NEW");
			return -EINVAL;
		}
	} else if (ft[WEFT_FLOW_A_EXCL]) {
		NL_SET_ERR_MSG_ATTR(extack, ft[WEFT_FLOW_A_EXCL],
				    "WEFT_FLOW_A_EXCL: only in WEFT_CMD_FLOW_NEW");
		return -EINVAL;
	} else if (cmd != WEFT_CMD_FLOW_DEL &&
		   (ft[WEFT_FLOW_A_OUT_PORT] || ft[WEFT_FLOW_A_OUT_GROUP])) {
		NL_SET_ERR_MSG_ATTR(extack, ft[WEFT_FLOW_A_OUT_PORT] ?:
				    ft[WEFT_FLOW_A_OUT_GROUP],
				    "WEFT_FLOW_A_OUT_PORT: only in WEFT_CMD_FLOW_DEL");
		return -EINVAL;
	}

	return weft_match_from_nlattrs(ft[WEFT_FLOW_A_KEY],
				       ft[WEFT_FLOW_A_MASK],
				       &req->key, &req->mask, extack);
}

static bool weft_flow_selected(const struct weft_flow *flow,
			       const struct weft_flow_req *req)
{
	if (!req->all_tables && flow->table != req->table)
		return false;
	if (req->strict) {
		if (flow->priority != req->priority ||
		    memcmp(&flow->key, &req->key, sizeof(req->key)) ||
		    memcmp(weft_flow_mask(flow), &req->mask, sizeof(req->mask)))
			return false;
	} else if (!weft_match_covers(&flow->key, weft_flow_mask(flow),
				      &req->key, &req->mask)) {
		return false;
	}
	if ((flow->cookie & req->cookie_mask) !=
	    (req->cookie & req->cookie_mask))
		return false;
	if (req->out_port != WEFT_PORT_ANY &&
	    !weft_insts_output_to(weft_deref(flow->insts), req->out_port))
		return false;
	if (req->out_group != WEFT_GROUP_ANY &&
	    !weft_insts_uses_group(weft_deref(flow->insts), req->out_group))
		return false;
	return true;
}

/*
 * Call @fn on every selected flow; @fn may remove the flow it is given.
 * Returns how many were selected, or @fn's first error.
 */
int weft_flow_select(struct weft_dp *dp, const struct weft_flow_req *req,
		     int (*fn)(struct weft_dp *dp, struct weft_flow *flow,
			       void *arg),
		     void *arg)
{
	struct weft_flow *flow;
	unsigned long id;
	int n = 0, err;

	weft_assert_locked();
	if (req->strict && !req->all_tables) {
		flow = weft_cls_find_exact(&dp->cls, req->table, req->priority,
					   &req->key, &req->mask);
		if (!flow || !weft_flow_selected(flow, req))
			return 0;
		err = fn(dp, flow, arg);
		return err ?: 1;
	}
	xa_for_each(&dp->cls.ids, id, flow) {
		if (!weft_flow_selected(flow, req))
			continue;
		err = fn(dp, flow, arg);
		if (err)
			return err;
		n++;
	}
	return n;
}

static void weft_flow_swap_insts(struct weft_flow *flow,
				 struct weft_insts *insts)
{
	struct weft_insts *old = weft_deref(flow->insts);

	rcu_assign_pointer(flow->insts, insts);
	weft_insts_free_rcu(old);
}

/* Flags and timeouts of an existing flow, with its place on the sweep. */
void weft_flow_set_timeouts(struct weft_dp *dp, struct weft_flow *flow,
			    u32 flags, u16 idle, u16 hard)
{
	weft_assert_locked();
	flow->flags = flags;
	flow->idle_timeout = idle;
	flow->hard_timeout = hard;
	list_del_init(&flow->expiry_node);
	if (idle || hard) {
		list_add_tail(&flow->expiry_node, &dp->cls.expiring);
		weft_expiry_kick();
	}
}

static void weft_act_ctx_init(struct weft_act_ctx *ctx, struct weft_dp *dp,
			      const struct weft_flow_req *req)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->dp = dp;
	ctx->key = &req->key;
	ctx->mask = &req->mask;
	ctx->table = req->table;
}

/*
 * Everything that needs no lock (parsing, the new flow's allocation) is done
 * before weft_mutex is taken: the family runs requests in parallel, and
 * two senders then share only the classifier's part.
 */
int weft_nl_flow_new(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_insts *insts = NULL;
	struct weft_flow *flow, *old;
	/* weft_flow_req_parse() sets all of it: not cleared on the stack too. */
	struct weft_flow_req req __uninitialized;
	struct weft_act_ctx ctx;
	struct weft_dp *dp;
	int err;

	err = weft_flow_req_parse(info->attrs[WEFT_A_FLOW], WEFT_CMD_FLOW_NEW,
				  &req, info->extack);
	if (err)
		return err;
	/* Groups can only be looked up under weft_mutex: see below. */
	weft_act_ctx_init(&ctx, NULL, &req);
	ctx.groups_later = true;
	err = weft_insts_from_nlattr(req.ft[WEFT_FLOW_A_INSTRUCTIONS], &ctx,
				     &insts, info->extack);
	if (err)
		return err;
	flow = weft_flow_alloc();
	if (!flow) {
		weft_insts_free(insts);
		return -ENOMEM;
	}
	flow->table = req.table;
	flow->priority = req.priority;
	flow->cookie = req.cookie;
	flow->flags = req.flags;
	flow->idle_timeout = req.idle_timeout;
	flow->hard_timeout = req.hard_timeout;
	flow->key = req.key;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out_insts;
	}
	if (insts && weft_insts_uses_group(insts, WEFT_GROUP_ALL)) {
		/* Parsed again, now that the groups cannot go away. */
		weft_insts_free(insts);
		insts = NULL;
		weft_act_ctx_init(&ctx, dp, &req);
		err = weft_insts_from_nlattr(req.ft[WEFT_FLOW_A_INSTRUCTIONS],
					     &ctx, &insts, info->extack);
		if (err)
			goto out_unlock;
	}

	/* OpenFlow: an identical match and priority replaces the flow. */
	old = weft_cls_find_exact(&dp->cls, req.table, req.priority,
				  &req.key, &req.mask);
	if (old) {
		if (req.ft[WEFT_FLOW_A_EXCL]) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_FLOW],
					    "WEFT_A_FLOW: an identical flow exists");
			err = -EEXIST;
			goto out_insts;
		}
		weft_flow_swap_insts(old, insts);
		old->cookie = req.cookie;
		weft_flow_set_timeouts(dp, old, req.flags, req.idle_timeout,
				       req.hard_timeout);
		if (req.flags & WEFT_FLOW_F_RESET_COUNTS)
			weft_flow_reset_stats(old);
		weft_cls_changed(&dp->cls);
		goto out_unlock;
	}
	if ((req.flags & WEFT_FLOW_F_CHECK_OVERLAP) &&
	    weft_cls_overlaps(&dp->cls, req.table, req.priority, &req.key,
			      &req.mask)) {
		NL_SET_ERR_MSG_ATTR(info->extack, req.ft[WEFT_FLOW_A_FLAGS],
				    "WEFT_FLOW_A_FLAGS: CHECK_OVERLAP: overlaps a flow of the same priority");
		err = -EEXIST;
		goto out_insts;
	}

	RCU_INIT_POINTER(flow->insts, insts);
	err = weft_cls_insert(&dp->cls, flow, &req.mask);
	if (!err) {
		if (flow->idle_timeout || flow->hard_timeout)
			weft_expiry_kick();
		flow = NULL;		/* published */
	}
	goto out_unlock;

out_insts:
	weft_insts_free(insts);
out_unlock:
	mutex_unlock(&weft_mutex);
	/* Never published: goes with the instructions it was given, if any. */
	if (flow)
		weft_flow_free(flow);
	return err;
}

/* A modify is all-or-nothing: every copy of the actions is made first. */
struct weft_flow_mod {
	const struct weft_flow_req *req;
	const struct weft_insts *insts;
	struct weft_flow **flows;
	struct weft_insts **copies;
	unsigned int n, max;
};

static int weft_flow_mod_collect(struct weft_dp *dp, struct weft_flow *flow,
				 void *arg)
{
	struct weft_flow_mod *mod = arg;

	if (mod->n == mod->max)
		return -EAGAIN;		/* the table grew: cannot happen */
	mod->copies[mod->n] = weft_insts_clone(mod->insts);
	if (!mod->copies[mod->n])
		return -ENOMEM;
	mod->flows[mod->n++] = flow;
	return 0;
}

int weft_nl_flow_set(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_insts *insts = NULL;
	struct weft_flow_mod mod = {};
	struct weft_flow_req *req;
	struct weft_act_ctx ctx;
	struct weft_dp *dp;
	unsigned int i;
	int n, err;

	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	err = weft_flow_req_parse(info->attrs[WEFT_A_FLOW], WEFT_CMD_FLOW_SET,
				  req, info->extack);
	if (err)
		goto out_req;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	/*
	 * Set-field prerequisites are checked against the selection, which
	 * every selected flow's match covers.
	 */
	weft_act_ctx_init(&ctx, dp, req);
	if (req->all_tables)
		ctx.table = 0;
	err = weft_insts_from_nlattr(req->ft[WEFT_FLOW_A_INSTRUCTIONS], &ctx,
				     &insts, info->extack);
	if (err)
		goto out;
	mod.req = req;
	mod.insts = insts;
	mod.max = req->strict && !req->all_tables ? 1 : dp->cls.n_flows;
	mod.flows = kvcalloc(mod.max ?: 1, sizeof(*mod.flows), GFP_KERNEL);
	mod.copies = kvcalloc(mod.max ?: 1, sizeof(*mod.copies), GFP_KERNEL);
	if (!mod.flows || !mod.copies) {
		err = -ENOMEM;
		goto out;
	}
	n = weft_flow_select(dp, req, weft_flow_mod_collect, &mod);
	if (n < 0) {
		err = n;
		for (i = 0; i < mod.n; i++)
			weft_insts_free(mod.copies[i]);
		goto out;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_FLOW],
				    "WEFT_A_FLOW: no flow matches");
		err = -ENOENT;
		goto out;
	}
	/* A goto must lead forward from every selected flow's table. */
	for (i = 0; i < mod.n; i++) {
		if (insts->goto_table &&
		    insts->goto_table <= mod.flows[i]->table) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    req->ft[WEFT_FLOW_A_INSTRUCTIONS],
					    "WEFT_INST_A_GOTO_TABLE: not after a selected flow's table");
			for (i = 0; i < mod.n; i++)
				weft_insts_free(mod.copies[i]);
			err = -EINVAL;
			goto out;
		}
	}
	for (i = 0; i < mod.n; i++) {
		struct weft_flow *flow = mod.flows[i];

		weft_flow_swap_insts(flow, mod.copies[i]);
		/* With a cookie mask the cookie selects; without, it is set. */
		if (req->ft[WEFT_FLOW_A_COOKIE] && !req->cookie_mask)
			flow->cookie = req->cookie;
		if (req->flags & WEFT_FLOW_F_RESET_COUNTS)
			weft_flow_reset_stats(flow);
	}
	weft_cls_changed(&dp->cls);
out:
	mutex_unlock(&weft_mutex);
	kvfree(mod.flows);
	kvfree(mod.copies);
	weft_insts_free(insts);
out_req:
	kfree(req);
	return err;
}

static int weft_flow_del_one(struct weft_dp *dp, struct weft_flow *flow,
			     void *arg)
{
	weft_flow_removed(dp, flow, WEFT_FLOW_REMOVED_DELETE);
	weft_cls_remove(&dp->cls, flow);
	weft_flow_free(flow);
	return 0;
}

int weft_nl_flow_del(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_flow_req *req;
	struct weft_dp *dp;
	int n, err = 0;

	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	err = weft_flow_req_parse(info->attrs[WEFT_A_FLOW], WEFT_CMD_FLOW_DEL,
				  req, info->extack);
	if (err)
		goto out_req;
	if (req->ft[WEFT_FLOW_A_INSTRUCTIONS]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    req->ft[WEFT_FLOW_A_INSTRUCTIONS],
				    "WEFT_FLOW_A_INSTRUCTIONS: not for WEFT_CMD_FLOW_DEL");
		err = -EINVAL;
		goto out_req;
	}

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	n = weft_flow_select(dp, req, weft_flow_del_one, NULL);
	if (!n && req->strict) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_FLOW],
				    "WEFT_A_FLOW: no flow matches");
		err = -ENOENT;
	}
out:
	mutex_unlock(&weft_mutex);
out_req:
	kfree(req);
	return err;
}

int weft_nl_flow_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_dp *dp;
	int err = 0;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
	} else {
		struct weft_flow *flow;
		unsigned long id;

		xa_for_each(&dp->cls.ids, id, flow)
			weft_flow_removed(dp, flow, WEFT_FLOW_REMOVED_DELETE);
		weft_cls_flush(&dp->cls);
	}
	mutex_unlock(&weft_mutex);
	return err;
}

int weft_nl_fill_flow(struct sk_buff *skb, const struct weft_dp *dp,
		      const struct weft_flow *flow, u32 portid, u32 seq,
		      int flags, u8 cmd, struct netlink_callback *cb, int reason)
{
	struct nlattr *nest, *stats;
	unsigned long used;
	u64 packets, bytes;
	void *hdr;

	if (cmd) {
		hdr = weft_nl_put_header(skb, portid, seq, flags, cmd, dp);
		if (!hdr)
			return -EMSGSIZE;
	} else {
		/* Nested in a trace step: no header of its own. */
		hdr = NULL;
	}
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	weft_flow_get_stats(flow, &packets, &bytes, &used);

	nest = nla_nest_start(skb, cmd ? WEFT_A_FLOW : WEFT_STEP_A_FLOW);
	if (!nest ||
	    nla_put_u8(skb, WEFT_FLOW_A_TABLE, flow->table) ||
	    nla_put_u16(skb, WEFT_FLOW_A_PRIORITY, flow->priority) ||
	    weft_match_to_nlattrs(skb, &flow->key, weft_flow_mask(flow)) ||
	    nla_put_u64_64bit(skb, WEFT_FLOW_A_COOKIE, flow->cookie,
			      WEFT_FLOW_A_PAD) ||
	    nla_put_u32(skb, WEFT_FLOW_A_FLAGS, flow->flags) ||
	    weft_insts_to_nlattr(skb, rcu_dereference_check(flow->insts,
						lockdep_is_held(&weft_mutex))) ||
	    (flow->idle_timeout &&
	     nla_put_u16(skb, WEFT_FLOW_A_IDLE_TIMEOUT, flow->idle_timeout)) ||
	    (flow->hard_timeout &&
	     nla_put_u16(skb, WEFT_FLOW_A_HARD_TIMEOUT, flow->hard_timeout)) ||
	    (reason >= 0 && nla_put_u8(skb, WEFT_FLOW_A_REASON, reason)) ||
	    nla_put_u64_64bit(skb, WEFT_FLOW_A_DURATION,
			      jiffies64_to_msecs(get_jiffies_64() -
						 flow->created),
			      WEFT_FLOW_A_PAD) ||
	    (used && nla_put_u64_64bit(skb, WEFT_FLOW_A_USED,
				       jiffies_to_msecs(jiffies - used),
				       WEFT_FLOW_A_PAD)))
		goto cancel;
	stats = nla_nest_start(skb, WEFT_FLOW_A_STATS);
	if (!stats ||
	    nla_put_u64_64bit(skb, WEFT_FLOW_STATS_A_PACKETS, packets,
			      WEFT_FLOW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, WEFT_FLOW_STATS_A_BYTES, bytes,
			      WEFT_FLOW_STATS_A_PAD))
		goto cancel;
	nla_nest_end(skb, stats);
	nla_nest_end(skb, nest);
	if (hdr)
		genlmsg_end(skb, hdr);
	return 0;
cancel:
	if (hdr)
		genlmsg_cancel(skb, hdr);
	else
		nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Tell the events group that @flow is going, if it asked for that. */
void weft_flow_removed(struct weft_dp *dp, struct weft_flow *flow, u8 reason)
{
	struct sk_buff *msg;

	weft_assert_locked();
	if (!(flow->flags & WEFT_FLOW_F_SEND_FLOW_REM))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (weft_nl_fill_flow(msg, dp, flow, 0, 0, 0, WEFT_CMD_FLOW_REMOVED,
			      NULL, reason)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&weft_genl_family, dp->net, msg, 0, 0,
				GFP_KERNEL);
}

int weft_nl_flow_get(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_flow_req *req;
	struct weft_flow *flow;
	struct sk_buff *msg = NULL;
	struct weft_dp *dp;
	int err;

	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	err = weft_flow_req_parse(info->attrs[WEFT_A_FLOW], WEFT_CMD_FLOW_GET,
				  req, info->extack);
	if (err)
		goto out_req;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out_req;
	}
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	flow = weft_cls_find_exact(&dp->cls, req->table, req->priority,
				   &req->key, &req->mask);
	if (!flow) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_FLOW],
				    "WEFT_A_FLOW: no flow matches");
		err = -ENOENT;
		goto out;
	}
	err = weft_nl_fill_flow(msg, dp, flow, info->snd_portid,
				info->snd_seq, 0, WEFT_CMD_FLOW_GET, NULL, -1);
out:
	mutex_unlock(&weft_mutex);
	if (!err) {
		kfree(req);
		return genlmsg_reply(msg, info);
	}
	nlmsg_free(msg);
out_req:
	kfree(req);
	return err;
}

/* cb->args[0]: the next flow id to send.  A table may be asked for. */
int weft_nl_flow_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = weft_dump_attrs(cb);
	struct nlattr *ft[WEFT_FLOW_A_MAX + 1] = {};
	unsigned long id = cb->args[0];
	struct weft_flow *flow;
	struct weft_dp *dp;
	int table = -1, err = 0;

	if (attrs[WEFT_A_FLOW]) {
		err = nla_parse_nested(ft, WEFT_FLOW_A_MAX, attrs[WEFT_A_FLOW],
				       NULL, cb->extack);
		if (err)
			return err;
		if (ft[WEFT_FLOW_A_TABLE])
			table = nla_get_u8(ft[WEFT_FLOW_A_TABLE]);
	}

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	cb->seq = dp->cls.gen;
	xa_for_each_start(&dp->cls.ids, id, flow, id) {
		if (table >= 0 && flow->table != table)
			continue;
		if (weft_nl_fill_flow(skb, dp, flow,
				      NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      WEFT_CMD_FLOW_GET, cb, -1))
			break;
	}
	cb->args[0] = flow ? id : (unsigned long)U32_MAX + 1;
out:
	mutex_unlock(&weft_mutex);
	return err ?: skb->len;
}
