// SPDX-License-Identifier: GPL-2.0
/*
 * The packet walk: from a port through the tables, their instructions and
 * actions, the action set and groups, out of other ports.
 *
 * Outputs are queued one behind the other (c->pending): an output is sent
 * as a clone only when something follows it (another output, an edit of
 * the packet), and the last one takes the original skb, so the common
 * single-output case never clones.
 */
#include <linux/jhash.h>
#include <linux/skbuff.h>
#include <linux/weft.h>

#include "datapath.h"
#include "walk.h"
#include "flow.h"
#include "group.h"
#include "packet.h"
#include "pipeline.h"

static void weft_trace_out(struct weft_pctx *c, u32 port)
{
	struct weft_trace *t = c->trace;

	if (t->n_out < WEFT_TRACE_OUTPUTS)
		t->out[t->n_out++] = port;
}

/* Send the pending output: a clone if the walk goes on, else the skb. */
static void weft_flush(struct weft_pctx *c, bool last)
{
	struct weft_vport *vport = c->pending;
	struct sk_buff *skb;

	if (!vport)
		return;
	c->pending = NULL;
	if (last) {
		skb = c->skb;
		c->skb = NULL;
	} else {
		skb = skb_clone(c->skb, GFP_ATOMIC);
		if (!skb) {
			weft_dp_count_field(c->dp, lost);
			return;
		}
	}
	weft_vport_send(vport, skb);
}

static void weft_queue(struct weft_pctx *c, struct weft_vport *vport)
{
	if (unlikely(READ_ONCE(vport->config) & WEFT_PORT_C_NO_FWD)) {
		if (!c->trace)
			weft_vport_count_tx_drop(vport);
		return;
	}
	if (c->trace) {
		weft_trace_out(c, vport->port_no);
		return;
	}
	weft_flush(c, false);
	c->pending = vport;
}

static void weft_output(struct weft_pctx *c, u32 port)
{
	struct weft_vport *vport;
	unsigned long no;

	switch (port) {
	case WEFT_PORT_IN_PORT:
		port = c->key.in_port;
		break;
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
		xa_for_each(&c->dp->ports, no, vport) {
			if (no == c->key.in_port ||
			    (port == WEFT_PORT_FLOOD &&
			     READ_ONCE(vport->config) & WEFT_PORT_C_NO_FLOOD))
				continue;
			weft_queue(c, vport);
		}
		return;
	default:
		/* OpenFlow: a frame never goes back out by number. */
		if (port == c->key.in_port)
			return;
	}
	vport = weft_vport_lookup(c->dp, port);
	if (vport)
		weft_queue(c, vport);
	else if (!c->trace)
		weft_dp_count_field(c->dp, lost);
}

/*
 * The packet is about to change: outputs queued so far see it as it was.
 * @writes: the edit writes the packet, not only the key.  Then a packet
 * whose data is shared is copied now, if weft_pkt_copy_small() takes it,
 * and the pending output gets the original instead of a clone.
 */
static void weft_prepare_edit(struct weft_pctx *c, bool writes)
{
	struct sk_buff *copy;

	if (!c->skb)
		return;
	if (!writes || (!c->pending && !skb_cloned(c->skb)))
		goto flush;
	copy = weft_pkt_copy_small(c->skb);
	if (!copy)
		goto flush;
	if (c->pending)
		weft_flush(c, true);
	else
		weft_pkt_consume(c->skb);
	c->skb = copy;
	return;
flush:
	weft_flush(c, false);
}

static void weft_ttl_expired(struct weft_pctx *c)
{
	weft_upcall(c, WEFT_PACKET_IN_INVALID_TTL, WEFT_CTRL_NO_BUFFER);
	c->stop = true;
}

static void weft_exec_group(struct weft_pctx *c, u32 id, bool last);

/*
 * OpenFlow 1.3 (7.4.1): what a table-miss flow (priority 0, matching
 * everything) sends to the controller is a miss, not an action.  Only
 * asked when a packet goes to the controller, so the mask scan costs the
 * forwarding path nothing.
 */
static bool weft_is_table_miss_flow(const struct weft_flow *flow)
{
	return flow && !flow->priority &&
	       !memchr_inv(weft_flow_mask(flow), 0, sizeof(struct weft_key));
}

static void weft_exec_one(struct weft_pctx *c, const struct weft_action *a,
			  bool last)
{
	struct sk_buff *skb = c->skb;
	int err = 0;

	switch (a->type) {
	case WEFT_ACTION_OUTPUT:
		weft_output(c, a->arg);
		return;
	case WEFT_ACTION_CONTROLLER:
		weft_upcall(c, weft_is_table_miss_flow(c->flow) ?
			    WEFT_PACKET_IN_NO_MATCH : WEFT_PACKET_IN_ACTION,
			    a->arg);
		return;
	case WEFT_ACTION_GROUP:
		weft_exec_group(c, a->arg, last);
		return;
	case WEFT_ACTION_SET_QUEUE:
		if (skb)
			skb->priority = a->arg;
		return;
	}

	weft_prepare_edit(c, a->type != WEFT_ACTION_SET_FIELD ||
			  weft_pkt_field_in_packet(a->attr));
	skb = c->skb;
	switch (a->type) {
	case WEFT_ACTION_SET_FIELD:
		err = weft_pkt_set_field(skb, &c->key, a->attr, a->value);
		break;
	case WEFT_ACTION_PUSH_VLAN:
		err = weft_pkt_push_vlan(skb, &c->key, htons(a->arg));
		break;
	case WEFT_ACTION_POP_VLAN:
		err = weft_pkt_pop_vlan(skb, &c->key);
		break;
	case WEFT_ACTION_PUSH_MPLS:
		err = weft_pkt_push_mpls(skb, &c->key, htons(a->arg));
		break;
	case WEFT_ACTION_POP_MPLS:
		err = weft_pkt_pop_mpls(skb, &c->key, htons(a->arg));
		break;
	case WEFT_ACTION_SET_NW_TTL:
		err = weft_pkt_set_nw_ttl(skb, &c->key, a->arg);
		break;
	case WEFT_ACTION_DEC_NW_TTL:
		err = weft_pkt_dec_nw_ttl(skb, &c->key);
		break;
	case WEFT_ACTION_SET_MPLS_TTL:
		err = weft_pkt_set_mpls_ttl(skb, &c->key, a->arg);
		break;
	case WEFT_ACTION_DEC_MPLS_TTL:
		err = weft_pkt_dec_mpls_ttl(skb, &c->key);
		break;
	case WEFT_ACTION_COPY_TTL_OUT:
		err = weft_pkt_copy_ttl_out(skb, &c->key);
		break;
	case WEFT_ACTION_COPY_TTL_IN:
		err = weft_pkt_copy_ttl_in(skb, &c->key);
		break;
	}
	if (err == WEFT_PKT_TTL_EXPIRED) {
		weft_ttl_expired(c);
	} else if (err) {
		if (!c->trace)
			weft_dp_count_field(c->dp, lost);
		c->stop = true;
	}
}

static void weft_exec_list(struct weft_pctx *c, const struct weft_action *a,
			   unsigned int n, bool last)
{
	unsigned int i;

	for (i = 0; i < n && !c->stop; i++)
		weft_exec_one(c, &a[i], last && i == n - 1);
}

/* Which SELECT bucket a packet takes: the same for every packet of a flow. */
static const struct weft_bucket *weft_select_bucket(struct weft_pctx *c,
						    const struct weft_group *g)
{
	const struct weft_key *k = &c->key;
	u32 hash, total = 0, pick;
	unsigned int i;

	hash = jhash(k->eth_src, 2 * ETH_ALEN, (__force u32)k->eth_type);
	hash = jhash_3words((__force u32)k->ipv4_src, (__force u32)k->ipv4_dst,
			    k->ip_proto, hash);
	hash = jhash(&k->ipv6_src, 2 * sizeof(k->ipv6_src), hash);
	hash = jhash_2words(((__force u32)k->tp_src << 16) |
			    (__force u32)k->tp_dst, k->vlan_vid, hash);

	for (i = 0; i < g->n_buckets; i++)
		if (weft_bucket_live(c->dp, &g->b[i], c->depth))
			total += g->b[i].weight;
	if (!total)
		return NULL;
	pick = reciprocal_scale(hash, total);
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->b[i];

		if (!weft_bucket_live(c->dp, b, c->depth))
			continue;
		if (pick < b->weight)
			return b;
		pick -= b->weight;
	}
	return NULL;
}

static void weft_count_bucket(struct weft_pctx *c,
			      struct weft_flow_pcpu_stats __percpu *stats)
{
	struct weft_flow_pcpu_stats *s;

	if (c->trace)
		return;
	s = this_cpu_ptr(stats);
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->packets);
	u64_stats_add(&s->bytes, c->skb ? c->skb->len : 0);
	u64_stats_update_end(&s->syncp);
}

/*
 * Run one bucket on a copy of the packet, so that its edits touch neither
 * the other buckets nor what follows the group action.  The copy's outputs
 * are sent before returning.
 */
static void weft_exec_bucket(struct weft_pctx *c, const struct weft_bucket *b,
			     bool in_place)
{
	struct weft_pctx sub;

	weft_count_bucket(c, b->stats);
	if (in_place) {
		weft_exec_list(c, b->acts->a, b->acts->n_apply, true);
		return;
	}
	sub = *c;
	sub.pending = NULL;
	sub.stop = false;
	if (c->skb) {
		weft_flush(c, false);
		sub.skb = skb_clone(c->skb, GFP_ATOMIC);
		if (!sub.skb) {
			weft_dp_count_field(c->dp, lost);
			return;
		}
	}
	weft_exec_list(&sub, b->acts->a, b->acts->n_apply, true);
	if (sub.skb) {
		if (sub.pending && !sub.stop)
			weft_flush(&sub, true);
		else
			consume_skb(sub.skb);
	}
}

static void weft_exec_group(struct weft_pctx *c, u32 id, bool last)
{
	const struct weft_bucket *b = NULL;
	struct weft_group *g;
	unsigned int i;

	g = weft_group_lookup(c->dp, id);
	if (!g || c->depth >= WEFT_GROUP_DEPTH_MAX) {
		if (!c->trace)
			weft_dp_count_field(c->dp, lost);
		return;
	}
	weft_count_bucket(c, g->stats);
	c->depth++;
	switch (g->type) {
	case WEFT_GROUP_TYPE_ALL:
		for (i = 0; i < g->n_buckets; i++)
			weft_exec_bucket(c, &g->b[i],
					 last && i == g->n_buckets - 1);
		break;
	case WEFT_GROUP_TYPE_SELECT:
		b = weft_select_bucket(c, g);
		break;
	case WEFT_GROUP_TYPE_INDIRECT:
		b = g->n_buckets ? &g->b[0] : NULL;
		break;
	case WEFT_GROUP_TYPE_FAST_FAILOVER:
		for (i = 0; i < g->n_buckets && !b; i++)
			if (weft_bucket_live(c->dp, &g->b[i], c->depth))
				b = &g->b[i];
		break;
	}
	if (b)
		weft_exec_bucket(c, b, last);
	c->depth--;
}

/* The set holds one output, to a port or to the controller. */
static unsigned int weft_aset_slot(unsigned int type)
{
	return type == WEFT_ACTION_CONTROLLER ? WEFT_ACTION_OUTPUT : type;
}

static void weft_aset_write(struct weft_aset *as, const struct weft_action *a,
			    unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		if (a[i].type != WEFT_ACTION_SET_FIELD) {
			unsigned int k = weft_aset_slot(a[i].type);

			as->kind[k] = &a[i];
			as->present |= BIT(k);
			continue;
		}
		for (j = 0; j < as->n_sf; j++)
			if (as->sf[j]->attr == a[i].attr)
				break;
		if (j < WEFT_ASET_SF_MAX) {
			as->sf[j] = &a[i];
			if (j == as->n_sf)
				as->n_sf++;
		}
	}
}

/* OpenFlow 1.3 section 5.10: the kinds are numbered in execution order. */
static void weft_aset_exec(struct weft_pctx *c, const struct weft_aset *as)
{
	unsigned int k, j;

	u32 todo = as->present;

	if (c->trace)
		c->trace->aset = *as;
	if (as->n_sf)
		todo |= BIT(WEFT_ACTION_SET_FIELD);
	/* A group in the set replaces its output. */
	if (todo & BIT(WEFT_ACTION_GROUP))
		todo &= ~BIT(WEFT_ACTION_OUTPUT);
	while (todo && !c->stop) {
		k = __ffs(todo);
		todo &= todo - 1;
		if (k == WEFT_ACTION_SET_FIELD) {
			for (j = 0; j < as->n_sf && !c->stop; j++)
				weft_exec_one(c, as->sf[j], false);
			continue;
		}
		weft_exec_one(c, as->kind[k], k == WEFT_ACTION_GROUP ||
			      k == WEFT_ACTION_OUTPUT);
	}
}

static void weft_count_table(struct weft_table *t, bool match)
{
	struct weft_table_pcpu_stats *s = this_cpu_ptr(t->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->lookups);
	if (match)
		u64_stats_inc(&s->matches);
	u64_stats_update_end(&s->syncp);
}

/* Send what is pending, or free the packet if nothing is. */
static void weft_finish(struct weft_pctx *c)
{
	if (!c->skb)
		return;
	if (c->pending && !c->stop)
		weft_flush(c, true);
	else
		consume_skb(c->skb);
	c->skb = NULL;
}

/* A table miss; returns the next table to try, or -1 to stop. */
static int weft_miss(struct weft_pctx *c, struct weft_table *t, u8 table)
{
	u32 miss = t ? t->miss : WEFT_TABLE_MISS_DROP;

	if (c->trace && c->trace->n_steps < WEFT_TRACE_STEPS) {
		c->trace->step[c->trace->n_steps].table = table;
		c->trace->step[c->trace->n_steps].flow = NULL;
		c->trace->step[c->trace->n_steps++].miss = miss;
	}
	switch (miss) {
	case WEFT_TABLE_MISS_CONTROLLER:
		c->table = table;
		c->cookie = ~0ULL;
		c->flow = NULL;
		weft_upcall(c, WEFT_PACKET_IN_NO_MATCH, t->miss_max_len);
		return -1;
	case WEFT_TABLE_MISS_CONTINUE:
		return table < WEFT_TABLE_MAX ? table + 1 : -1;
	}
	return -1;
}

/*
 * The flow table @table gives the packet (NULL: a miss), and its
 * instructions: from a cache while the walk is on the path it recorded,
 * else by lookup (recorded if the walk is being recorded).
 */
static struct weft_flow *weft_walk_step(struct weft_pctx *c,
					struct weft_table *t, u8 table,
					struct weft_walk *w,
					const struct weft_insts **in)
{
	struct weft_flow *flow = NULL;

	if (weft_walk_replay(w, table, &flow)) {
		*in = flow ? rcu_dereference(flow->insts) : NULL;
		weft_walk_check(w, *in);
		return flow;
	}
	if (t) {
		flow = weft_cls_lookup(&c->dp->cls, t, &c->key, &w->cost,
				       weft_walk_wc(w));
		w->looked_up = true;
	}
	*in = flow ? rcu_dereference(flow->insts) : NULL;
	if (w->record)
		weft_walk_record(w, table, flow, *in);
	return flow;
}

void weft_pipeline_run(struct weft_pctx *c, u8 table)
{
	struct weft_dp *dp = c->dp;
	/*
	 * Both are read only where their header fields say they were
	 * written (weft_walk_init(), as.present and as.n_sf).  Debian's
	 * kernels clear every stack variable (INIT_STACK_ALL_ZERO), which
	 * here would be 824 bytes per packet.
	 */
	struct weft_walk w __uninitialized;
	struct weft_aset as __uninitialized;
	bool missed = false;

	as.present = 0;
	as.n_sf = 0;
	weft_walk_init(&w);
	/* A trace shows the lookups themselves; it never uses the cache. */
	if (!c->trace) {
		weft_dp_count_field(dp, lookups);
		if (!table)
			weft_walk_begin(dp, &c->key, &w);
	}
	for (;;) {
		struct weft_table *t = weft_cls_table(&dp->cls, table);
		const struct weft_insts *in;
		struct weft_flow *flow;
		int next;

		flow = weft_walk_step(c, t, table, &w, &in);
		if (t && !c->trace)
			weft_count_table(t, flow);
		if (!flow) {
			missed = true;
			next = weft_miss(c, t, table);
			if (next < 0)
				goto drop_set;
			table = next;
			continue;
		}
		if (c->trace && c->trace->n_steps < WEFT_TRACE_STEPS) {
			c->trace->step[c->trace->n_steps].table = table;
			c->trace->step[c->trace->n_steps++].flow = flow;
		} else if (!c->trace) {
			weft_flow_used(flow, c->skb);
		}

		c->table = table;
		c->cookie = flow->cookie;
		c->flow = flow;
		weft_exec_list(c, in->a, in->n_apply, false);
		if (c->stop)
			goto out;
		if (in->clear) {
			as.present = 0;
			as.n_sf = 0;
		}
		weft_aset_write(&as, weft_insts_write(in), in->n_write);
		if (in->meta_mask)
			c->key.metadata = (c->key.metadata & ~in->meta_mask) |
					  in->meta_value;
		if (!in->goto_table)
			break;
		table = in->goto_table;
	}
	weft_aset_exec(c, &as);
	goto out;

drop_set:
	if (c->trace)
		c->trace->aset = as;
out:
	weft_walk_end(dp, &w);
	if (c->trace)
		;
	else if (missed)
		weft_dp_count_field(dp, misses);
	else
		weft_dp_count_field(dp, hits);
	if (c->trace && c->stop)
		c->trace->dropped = true;
	weft_finish(c);
}

void weft_actions_run(struct weft_pctx *c, const struct weft_insts *acts)
{
	unsigned int i;

	for (i = 0; i < acts->n_apply && !c->stop; i++) {
		const struct weft_action *a = &acts->a[i];

		/* Packet-out's OUTPUT:TABLE: the pipeline takes a copy. */
		if (a->type == WEFT_ACTION_OUTPUT && a->arg == WEFT_PORT_TABLE) {
			struct weft_pctx sub = *c;

			sub.pending = NULL;
			if (c->skb) {
				weft_flush(c, false);
				sub.skb = skb_clone(c->skb, GFP_ATOMIC);
				if (!sub.skb)
					continue;
			}
			weft_pipeline_run(&sub, 0);
			continue;
		}
		weft_exec_one(c, a, i == acts->n_apply - 1);
	}
	weft_finish(c);
}

/*
 * Entry point for every packet a port hands to the datapath; @skb->data is
 * at the Ethernet header.  Runs under rcu_read_lock() with BHs off.
 */
void weft_dp_process(struct weft_vport *in, struct sk_buff *skb)
{
	/*
	 * weft_key_extract() writes the whole key: only the rest is cleared,
	 * not all 232 bytes again as INIT_STACK_ALL_ZERO would.
	 */
	struct weft_pctx c __uninitialized;

	c.dp = in->dp;
	c.skb = skb;
	memset_after(&c, 0, key);
	if (unlikely(weft_key_extract(skb, in->port_no, &c.key))) {
		weft_vport_count_rx_drop(in);
		kfree_skb(skb);
		return;
	}
	weft_pipeline_run(&c, 0);
}
