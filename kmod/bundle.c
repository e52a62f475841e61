// SPDX-License-Identifier: GPL-2.0
/*
 * WEFT_CMD_BUNDLE: flow changes applied all or nothing.
 *
 * Everything that can fail for a reason of the request (parsing, checks,
 * instructions) is done for every op before the first change.  The ops
 * then apply in order, each recording how to undo itself; if one fails
 * (allocation), the log is replayed backwards.  Deleted flows are only
 * unlinked until the bundle commits, and replaced instructions kept, so
 * undoing needs no allocation except to re-link a deleted flow.
 */
#include <linux/slab.h>
#include <net/genetlink.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow_netlink.h"
#include "netlink.h"

struct weft_bundle_op {
	u8 cmd;
	const struct nlattr *attr;
	struct weft_flow_req req;
	struct weft_insts *insts;	/* NEW/SET: compiled, not yet used */
};

enum weft_undo_kind { WEFT_UNDO_ADDED, WEFT_UNDO_REPLACED, WEFT_UNDO_REMOVED };

struct weft_undo {
	struct list_head node;
	enum weft_undo_kind kind;
	struct weft_flow *flow;
	struct weft_key mask;		/* REMOVED: to re-link */
	struct weft_insts *old;		/* REPLACED: what it had */
	u64 cookie;
	u32 flags;
	u16 idle_timeout, hard_timeout;
	bool reset;			/* REPLACED: RESET_COUNTS at commit */
};

struct weft_bundle {
	struct weft_dp *dp;
	struct list_head undo;
	const struct weft_bundle_op *op;
	struct weft_insts *insts;	/* the op's template */
};

static int weft_undo_push(struct weft_bundle *b, enum weft_undo_kind kind,
			  struct weft_flow *flow)
{
	struct weft_undo *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	u->kind = kind;
	u->flow = flow;
	u->cookie = flow->cookie;
	u->flags = flow->flags;
	u->idle_timeout = flow->idle_timeout;
	u->hard_timeout = flow->hard_timeout;
	if (kind == WEFT_UNDO_REMOVED)
		u->mask = *weft_flow_mask(flow);
	list_add(&u->node, &b->undo);
	return 0;
}

/* Swap in a copy of the op's instructions, keeping the old ones. */
static int weft_bundle_replace(struct weft_dp *dp, struct weft_flow *flow,
			       void *arg)
{
	struct weft_bundle *b = arg;
	struct weft_insts *copy;
	struct weft_undo *u;
	int err;

	if (b->insts->goto_table && b->insts->goto_table <= flow->table)
		return -EINVAL;
	copy = weft_insts_clone(b->insts);
	if (!copy)
		return -ENOMEM;
	err = weft_undo_push(b, WEFT_UNDO_REPLACED, flow);
	if (err) {
		weft_insts_free(copy);
		return err;
	}
	u = list_first_entry(&b->undo, struct weft_undo, node);
	u->old = weft_deref(flow->insts);
	rcu_assign_pointer(flow->insts, copy);
	if (b->op->req.ft[WEFT_FLOW_A_COOKIE] && !b->op->req.cookie_mask)
		flow->cookie = b->op->req.cookie;
	/* An add that replaces takes the new flags and timeouts too. */
	if (b->op->cmd == WEFT_CMD_FLOW_NEW)
		weft_flow_set_timeouts(dp, flow, b->op->req.flags,
				       b->op->req.idle_timeout,
				       b->op->req.hard_timeout);
	/*
	 * Counters cannot be given back once zeroed: the reset waits for the
	 * commit, so a rollback leaves them as they were.
	 */
	if (b->op->req.flags & WEFT_FLOW_F_RESET_COUNTS)
		u->reset = true;
	weft_cls_changed(&dp->cls);
	return 0;
}

static int weft_bundle_remove(struct weft_dp *dp, struct weft_flow *flow,
			      void *arg)
{
	struct weft_bundle *b = arg;
	int err;

	err = weft_undo_push(b, WEFT_UNDO_REMOVED, flow);
	if (err)
		return err;
	weft_cls_remove(&dp->cls, flow);
	return 0;
}

static int weft_bundle_add(struct weft_bundle *b)
{
	const struct weft_flow_req *req = &b->op->req;
	struct weft_dp *dp = b->dp;
	struct weft_flow *flow;
	int err;

	flow = weft_cls_find_exact(&dp->cls, req->table, req->priority,
				   &req->key, &req->mask);
	if (flow && req->ft[WEFT_FLOW_A_EXCL])
		return -EEXIST;
	if (flow)
		return weft_bundle_replace(dp, flow, b);
	if ((req->flags & WEFT_FLOW_F_CHECK_OVERLAP) &&
	    weft_cls_overlaps(&dp->cls, req->table, req->priority, &req->key,
			      &req->mask))
		return -EEXIST;

	flow = weft_flow_alloc();
	if (!flow)
		return -ENOMEM;
	flow->table = req->table;
	flow->priority = req->priority;
	flow->cookie = req->cookie;
	flow->flags = req->flags;
	flow->idle_timeout = req->idle_timeout;
	flow->hard_timeout = req->hard_timeout;
	flow->key = req->key;
	RCU_INIT_POINTER(flow->insts, weft_insts_clone(b->insts));
	if (!rcu_access_pointer(flow->insts)) {
		weft_flow_free(flow);
		return -ENOMEM;
	}
	err = weft_cls_insert(&dp->cls, flow, &req->mask);
	if (err) {
		weft_flow_free(flow);
		return err;
	}
	err = weft_undo_push(b, WEFT_UNDO_ADDED, flow);
	if (err) {
		weft_cls_remove(&dp->cls, flow);
		weft_flow_free(flow);
	} else if (flow->idle_timeout || flow->hard_timeout) {
		weft_expiry_kick();
	}
	return err;
}

static void weft_bundle_rollback(struct weft_bundle *b)
{
	struct weft_undo *u, *next;
	struct weft_dp *dp = b->dp;

	/* Newest first: the undo list is a stack. */
	list_for_each_entry_safe(u, next, &b->undo, node) {
		switch (u->kind) {
		case WEFT_UNDO_ADDED:
			weft_cls_remove(&dp->cls, u->flow);
			weft_flow_free(u->flow);
			break;
		case WEFT_UNDO_REPLACED:
			weft_insts_free_rcu(weft_deref(u->flow->insts));
			rcu_assign_pointer(u->flow->insts, u->old);
			u->flow->cookie = u->cookie;
			weft_flow_set_timeouts(dp, u->flow, u->flags,
					       u->idle_timeout, u->hard_timeout);
			break;
		case WEFT_UNDO_REMOVED:
			/*
			 * Re-linking can only fail if memory ran out during
			 * the rollback itself; the flow is then lost, and
			 * said so.
			 */
			if (WARN_ON_ONCE(weft_cls_insert(&dp->cls, u->flow,
							 &u->mask)))
				weft_flow_free(u->flow);
			break;
		}
		list_del(&u->node);
		kfree(u);
	}
	weft_cls_changed(&dp->cls);
}

static void weft_bundle_commit(struct weft_bundle *b)
{
	struct weft_undo *u, *next;

	/*
	 * Removed flows are freed last: a flow added and then deleted in
	 * the same bundle appears in the log twice.
	 */
	list_for_each_entry_safe(u, next, &b->undo, node) {
		if (u->kind == WEFT_UNDO_REMOVED)
			continue;
		if (u->kind == WEFT_UNDO_REPLACED) {
			weft_insts_free_rcu(u->old);
			/* Before the removals' reports, as in op order. */
			if (u->reset)
				weft_flow_reset_stats(u->flow);
		}
		list_del(&u->node);
		kfree(u);
	}
	list_for_each_entry_safe(u, next, &b->undo, node) {
		weft_flow_removed(b->dp, u->flow, WEFT_FLOW_REMOVED_DELETE);
		weft_flow_free(u->flow);
		list_del(&u->node);
		kfree(u);
	}
}

static int weft_bundle_prepare(struct weft_dp *dp, struct weft_bundle_op *ops,
			       unsigned int n, struct netlink_ext_ack *extack)
{
	struct weft_act_ctx ctx;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		struct weft_bundle_op *op = &ops[i];
		struct nlattr *ot[WEFT_OP_A_MAX + 1];

		err = nla_parse_nested(ot, WEFT_OP_A_MAX, op->attr, NULL, extack);
		if (err)
			return err;
		op->cmd = ot[WEFT_OP_A_CMD] ? nla_get_u8(ot[WEFT_OP_A_CMD]) : 0;
		if (op->cmd != WEFT_CMD_FLOW_NEW && op->cmd != WEFT_CMD_FLOW_SET &&
		    op->cmd != WEFT_CMD_FLOW_DEL) {
			NL_SET_ERR_MSG_ATTR(extack, ot[WEFT_OP_A_CMD] ?: op->attr,
					    "WEFT_OP_A_CMD: must be FLOW_NEW, FLOW_SET or FLOW_DEL");
			return -EINVAL;
		}
		err = weft_flow_req_parse(ot[WEFT_OP_A_FLOW], op->cmd, &op->req,
					  extack);
		if (err)
			return err;
		if (op->cmd == WEFT_CMD_FLOW_DEL) {
			if (op->req.ft[WEFT_FLOW_A_INSTRUCTIONS]) {
				NL_SET_ERR_MSG_ATTR(extack,
						    op->req.ft[WEFT_FLOW_A_INSTRUCTIONS],
						    "WEFT_FLOW_A_INSTRUCTIONS: not for WEFT_CMD_FLOW_DEL");
				return -EINVAL;
			}
			continue;
		}
		memset(&ctx, 0, sizeof(ctx));
		ctx.dp = dp;
		ctx.key = &op->req.key;
		ctx.mask = &op->req.mask;
		ctx.table = op->req.all_tables ? 0 : op->req.table;
		err = weft_insts_from_nlattr(op->req.ft[WEFT_FLOW_A_INSTRUCTIONS],
					     &ctx, &op->insts, extack);
		if (err)
			return err;
	}
	return 0;
}

int weft_nl_bundle(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_bundle b = { .undo = LIST_HEAD_INIT(b.undo) };
	struct weft_bundle_op *ops = NULL;
	const struct nlattr *a;
	unsigned int n = 0, i;
	struct weft_dp *dp;
	int rem, err;

	if (!info->attrs[WEFT_A_BUNDLE]) {
		GENL_SET_ERR_MSG(info, "WEFT_A_BUNDLE: missing");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, WEFT_A_BUNDLE);
		return -EINVAL;
	}
	nla_for_each_nested(a, info->attrs[WEFT_A_BUNDLE], rem)
		n++;
	if (n > WEFT_BUNDLE_OPS_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_BUNDLE],
				    "WEFT_A_BUNDLE: more than WEFT_BUNDLE_OPS_MAX ops");
		return -E2BIG;
	}
	ops = kvcalloc(n ?: 1, sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return -ENOMEM;
	i = 0;
	nla_for_each_nested(a, info->attrs[WEFT_A_BUNDLE], rem)
		ops[i++].attr = a;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	err = weft_bundle_prepare(dp, ops, n, info->extack);
	if (err)
		goto out;

	b.dp = dp;
	for (i = 0; i < n && !err; i++) {
		b.op = &ops[i];
		b.insts = ops[i].insts;
		switch (ops[i].cmd) {
		case WEFT_CMD_FLOW_NEW:
			err = weft_bundle_add(&b);
			break;
		case WEFT_CMD_FLOW_SET:
			err = weft_flow_select(dp, &ops[i].req,
					       weft_bundle_replace, &b);
			err = min(err, 0);
			break;
		case WEFT_CMD_FLOW_DEL:
			err = weft_flow_select(dp, &ops[i].req,
					       weft_bundle_remove, &b);
			err = min(err, 0);
			break;
		}
	}
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, ops[i - 1].attr,
				    "WEFT_BUNDLE_A_OP: failed; the bundle was undone");
		weft_bundle_rollback(&b);
	} else {
		weft_bundle_commit(&b);
	}
out:
	mutex_unlock(&weft_mutex);
	for (i = 0; i < n; i++)
		weft_insts_free(ops[i].insts);
	kvfree(ops);
	return err;
}
