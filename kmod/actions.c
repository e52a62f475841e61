// SPDX-License-Identifier: GPL-2.0
/*
 * The packet walk: from a port into the classifier, through the matched
 * flow's actions, out of other ports.
 */
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow.h"

void weft_actions_free(struct weft_actions *acts)
{
	if (!acts)
		return;
	kfree(acts);
	weft_obj_dec(WEFT_OBJ_ACTIONS);
}

static void weft_actions_free_rcu_cb(struct rcu_head *rcu)
{
	weft_actions_free(container_of(rcu, struct weft_actions, rcu));
}

void weft_actions_free_rcu(struct weft_actions *acts)
{
	if (acts)
		call_rcu(&acts->rcu, weft_actions_free_rcu_cb);
}

bool weft_actions_output_to(const struct weft_actions *acts, u32 port_no)
{
	u32 i;

	for (i = 0; i < acts->n; i++)
		if (acts->a[i].type == WEFT_ACTION_OUTPUT &&
		    acts->a[i].arg == port_no)
			return true;
	return false;
}

/*
 * Outputs are gathered one behind the other so that only copies before the
 * last cost a clone: the last output takes the original skb.
 */
struct weft_xmit {
	struct weft_vport *pending;
	struct sk_buff *skb;
};

static void weft_xmit_queue(struct weft_dp *dp, struct weft_xmit *x,
			    struct weft_vport *vport)
{
	struct sk_buff *clone;

	if (x->pending) {
		clone = skb_clone(x->skb, GFP_ATOMIC);
		if (clone)
			weft_vport_send(x->pending, clone);
		else
			weft_dp_count_field(dp, lost);
	}
	x->pending = vport;
}

static void weft_output_all(struct weft_dp *dp, struct weft_xmit *x,
			    u32 in_port)
{
	struct weft_vport *vport;
	unsigned long no;

	xa_for_each(&dp->ports, no, vport)
		if (no != in_port)
			weft_xmit_queue(dp, x, vport);
}

static void weft_output(struct weft_dp *dp, struct weft_xmit *x,
			const struct weft_key *key, u32 port)
{
	struct weft_vport *vport;

	switch (port) {
	case WEFT_PORT_IN_PORT:
		port = key->in_port;
		break;
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
		/* Without port config bits FLOOD and ALL are the same set. */
		weft_output_all(dp, x, key->in_port);
		return;
	default:
		/* OpenFlow: a frame never goes back out by number. */
		if (port == key->in_port)
			return;
	}
	vport = weft_vport_lookup(dp, port);
	if (vport)
		weft_xmit_queue(dp, x, vport);
	else
		weft_dp_count_field(dp, lost);
}

static void weft_execute(struct weft_dp *dp, struct sk_buff *skb,
			 const struct weft_key *key,
			 const struct weft_actions *acts)
{
	struct weft_xmit x = { .skb = skb };
	u32 i;

	for (i = 0; i < acts->n; i++) {
		const struct weft_action *a = &acts->a[i];

		switch (a->type) {
		case WEFT_ACTION_OUTPUT:
			weft_output(dp, &x, key, a->arg);
			break;
		}
	}
	if (x.pending)
		weft_vport_send(x.pending, skb);
	else
		consume_skb(skb);
}

/*
 * Entry point for every packet a port hands to the datapath; @skb->data is
 * at the Ethernet header.  Runs under rcu_read_lock() with BHs off.
 */
void weft_dp_process(struct weft_vport *in, struct sk_buff *skb)
{
	struct weft_dp *dp = in->dp;
	const struct weft_actions *acts;
	struct weft_flow *flow;
	struct weft_key key;

	if (unlikely(weft_key_extract(skb, in->port_no, &key))) {
		weft_vport_count_rx_drop(in);
		kfree_skb(skb);
		return;
	}

	weft_dp_count_field(dp, lookups);
	flow = weft_cls_lookup(&dp->cls, 0, &key);
	if (unlikely(!flow)) {
		weft_dp_count_field(dp, misses);
		kfree_skb(skb);
		return;
	}
	weft_dp_count_field(dp, hits);
	weft_flow_used(flow, skb);
	acts = rcu_dereference(flow->acts);
	if (acts)
		weft_execute(dp, skb, &key, acts);
	else
		consume_skb(skb);
}
