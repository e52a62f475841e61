// SPDX-License-Identifier: GPL-2.0
/*
 * The classifier: tables of subtables of flows.  See flow.h for the shape
 * and datapath.h for the locking rules: readers hold rcu_read_lock(),
 * writers weft_mutex.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow.h"

static u32 weft_mkey_hash(const struct weft_mkey *mk, u32 seed)
{
	const u32 *w = (const u32 *)mk->key;

	return jhash2(w + mk->start * 2, (mk->end - mk->start) * 2, seed);
}

static u32 weft_hashfn(const void *data, u32 len, u32 seed)
{
	return weft_mkey_hash(data, seed);
}

static u32 weft_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct weft_flow *flow = data;

	return weft_mkey_hash(&flow->mkey, seed);
}

static int weft_obj_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct weft_mkey *mk = arg->key;
	const struct weft_flow *flow = obj;
	const u64 *a = (const u64 *)mk->key, *b = (const u64 *)&flow->key;
	unsigned int i;

	for (i = mk->start; i < mk->end; i++)
		if (a[i] != b[i])
			return 1;
	return 0;
}

static const struct rhashtable_params weft_subtable_params = {
	.key_len = sizeof(struct weft_mkey),
	.key_offset = offsetof(struct weft_flow, mkey),
	.head_offset = offsetof(struct weft_flow, hnode),
	.hashfn = weft_hashfn,
	.obj_hashfn = weft_obj_hashfn,
	.obj_cmpfn = weft_obj_cmpfn,
	.automatic_shrinking = true,
};

/*
 * Flows have their own cache: kmalloc() would round the 312 bytes of a
 * flow up to 512, and every byte given is also cleared (init_on_alloc).
 * Cache-line aligned, as kmalloc's were, for the lookups' key compares.
 */
static struct kmem_cache *weft_flow_cache;

int __init weft_flow_cache_init(void)
{
	weft_flow_cache = KMEM_CACHE(weft_flow, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT);
	return weft_flow_cache ? 0 : -ENOMEM;
}

/* After the last flow's RCU callback (rcu_barrier()). */
void weft_flow_cache_uninit(void)
{
	kmem_cache_destroy(weft_flow_cache);
}

struct weft_flow *weft_flow_alloc(void)
{
	struct weft_flow *flow;

	flow = kmem_cache_zalloc(weft_flow_cache, GFP_KERNEL_ACCOUNT);
	if (!flow)
		return NULL;
	if (weft_flow_stats_alloc(flow)) {
		kmem_cache_free(weft_flow_cache, flow);
		return NULL;
	}
	flow->created = get_jiffies_64();
	flow->mkey.key = &flow->key;
	INIT_LIST_HEAD(&flow->expiry_node);
	weft_obj_inc(WEFT_OBJ_FLOWS);
	return flow;
}

static void weft_flow_free_now(struct weft_flow *flow)
{
	weft_insts_free(rcu_dereference_raw(flow->insts));
	weft_flow_stats_free(flow);
	kmem_cache_free(weft_flow_cache, flow);
	weft_obj_dec(WEFT_OBJ_FLOWS);
}

static void weft_flow_free_rcu_cb(struct rcu_head *rcu)
{
	weft_flow_free_now(container_of(rcu, struct weft_flow, rcu));
}

/* Free a flow readers may still see; a never published one may go now. */
void weft_flow_free(struct weft_flow *flow)
{
	call_rcu(&flow->rcu, weft_flow_free_rcu_cb);
}

void weft_flow_used(struct weft_flow *flow, const struct sk_buff *skb)
{
	struct weft_flow_pcpu_stats *s = this_cpu_ptr(flow->stats);

	u64_stats_update_begin(&s->syncp);
	if (!(flow->flags & WEFT_FLOW_F_NO_PKT_COUNTS))
		u64_stats_inc(&s->packets);
	if (!(flow->flags & WEFT_FLOW_F_NO_BYT_COUNTS))
		u64_stats_add(&s->bytes, skb->len);
	s->used = jiffies;
	u64_stats_update_end(&s->syncp);
}

void weft_pcpu_stats_read(struct weft_flow_pcpu_stats __percpu *stats,
			  u64 *packets, u64 *bytes, unsigned long *used)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	*used = 0;
	for_each_possible_cpu(cpu) {
		const struct weft_flow_pcpu_stats *s;
		unsigned int start;
		u64 p, b;
		unsigned long u;

		s = per_cpu_ptr(stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			p = u64_stats_read(&s->packets);
			b = u64_stats_read(&s->bytes);
			u = READ_ONCE(s->used);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*packets += p;
		*bytes += b;
		if (u && (!*used || time_after(u, *used)))
			*used = u;
	}
}

void weft_flow_get_stats(const struct weft_flow *flow, u64 *packets,
			 u64 *bytes, unsigned long *used)
{
	weft_pcpu_stats_read(flow->stats, packets, bytes, used);
}

/*
 * Resetting races with packets being counted on other CPUs; as in
 * OpenFlow switches generally, a packet in flight may land either side.
 */
void weft_flow_reset_stats(struct weft_flow *flow)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct weft_flow_pcpu_stats *s = per_cpu_ptr(flow->stats, cpu);

		u64_stats_update_begin(&s->syncp);
		u64_stats_set(&s->packets, 0);
		u64_stats_set(&s->bytes, 0);
		s->used = 0;
		u64_stats_update_end(&s->syncp);
	}
	flow->created = get_jiffies_64();
}

int weft_cls_init(struct weft_classifier *cls)
{
	cls->tables = kcalloc(WEFT_TABLE_MAX + 1, sizeof(*cls->tables),
			      GFP_KERNEL);
	if (!cls->tables)
		return -ENOMEM;
	xa_init_flags(&cls->ids, XA_FLAGS_ALLOC);
	cls->gen = 1;
	INIT_LIST_HEAD(&cls->expiring);
	return 0;
}

/* Writers' view; tables live as long as their classifier. */
static struct weft_table *weft_table(struct weft_classifier *cls, u8 id)
{
	return weft_deref(cls->tables[id]);
}

/* Readers' view: NULL for a table that never held a flow or a setting. */
struct weft_table *weft_cls_table(struct weft_classifier *cls, u8 id)
{
	return rcu_dereference_check(cls->tables[id],
				     lockdep_is_held(&weft_mutex));
}

void weft_table_get_stats(const struct weft_table *t, u64 *lookups,
			  u64 *matches)
{
	int cpu;

	*lookups = 0;
	*matches = 0;
	for_each_possible_cpu(cpu) {
		const struct weft_table_pcpu_stats *s = per_cpu_ptr(t->stats, cpu);
		unsigned int start;
		u64 l, m;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			l = u64_stats_read(&s->lookups);
			m = u64_stats_read(&s->matches);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*lookups += l;
		*matches += m;
	}
}

static int weft_subtable_cmp(const void *a, const void *b)
{
	const struct weft_subtable *x = *(struct weft_subtable * const *)a;
	const struct weft_subtable *y = *(struct weft_subtable * const *)b;

	return (int)y->max_priority - (int)x->max_priority;
}

/*
 * Publish a new readers' view of @t.  Rebuilt whole on every change of
 * the set of subtables or of their order: subtables are few (one per
 * distinct mask) compared with flows, so this is cheap, and readers never
 * see a half-sorted list.
 */
static int weft_table_publish(struct weft_table *t)
{
	struct weft_subtable_vec *vec, *old;
	struct weft_subtable *st;
	unsigned int n = 0;

	list_for_each_entry(st, &t->subtables, node)
		n++;
	vec = kmalloc(struct_size(vec, st, n), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	vec->n = 0;
	list_for_each_entry(st, &t->subtables, node)
		vec->st[vec->n++] = st;
	sort(vec->st, vec->n, sizeof(vec->st[0]), weft_subtable_cmp, NULL);

	old = weft_deref(t->vec);
	rcu_assign_pointer(t->vec, vec);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/* The table @id, created (empty, dropping misses) on first use. */
struct weft_table *weft_cls_table_get(struct weft_classifier *cls, u8 id)
{
	struct weft_table *t = weft_table(cls, id);

	weft_assert_locked();
	if (t)
		return t;
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return NULL;
	INIT_LIST_HEAD(&t->subtables);
	t->miss = WEFT_TABLE_MISS_DROP;
	t->miss_max_len = WEFT_CTRL_NO_BUFFER;
	t->stats = netdev_alloc_pcpu_stats(struct weft_table_pcpu_stats);
	if (!t->stats || weft_table_publish(t)) {
		free_percpu(t->stats);
		kfree(t);
		return NULL;
	}
	rcu_assign_pointer(cls->tables[id], t);
	return t;
}

static void weft_subtable_range(struct weft_subtable *st)
{
	const u64 *m = (const u64 *)&st->mask;
	unsigned int i;

	st->start = 0;
	st->end = 0;
	for (i = 0; i < WEFT_KEY_WORDS; i++) {
		if (!m[i])
			continue;
		if (st->start == st->end)
			st->start = i;
		st->end = i + 1;
	}
}

static struct weft_subtable *weft_subtable_find(struct weft_table *t,
						const struct weft_key *mask)
{
	struct weft_subtable *st;

	list_for_each_entry(st, &t->subtables, node)
		if (!memcmp(&st->mask, mask, sizeof(*mask)))
			return st;
	return NULL;
}

static void weft_subtable_free_work(struct work_struct *work)
{
	struct weft_subtable *st = container_of(to_rcu_work(work),
						struct weft_subtable, rwork);

	rhltable_destroy(&st->flows);
	weft_prefix_destroy(st);
	kfree(st);
}

/* Free @st once no reader can see it, in process context. */
static void weft_subtable_free(struct weft_subtable *st)
{
	INIT_RCU_WORK(&st->rwork, weft_subtable_free_work);
	queue_rcu_work(weft_wq, &st->rwork);
}

/*
 * OR into @wc the fields a probe of @st for @key looked at: its mask, or
 * when it found nothing, maybe a prefix of the destination alone.
 */
static void weft_subtable_wc(struct weft_subtable *st,
			     const struct weft_key *key, bool found,
			     struct weft_key *wc)
{
	const u64 *m = (const u64 *)&st->mask;
	u64 *d = (u64 *)wc;
	unsigned int w;

	if (!found && st->dst_plen) {
		__be32 pm = weft_prefix_miss(st, key->ipv4_dst);

		if (pm) {
			wc->ipv4_dst |= pm;
			return;
		}
	}
	for (w = st->start; w < st->end; w++)
		d[w] |= m[w];
}

/*
 * The highest priority flow of table @t matching @key, or NULL.  Adds the
 * number of subtables probed to *@cost (what the caches save) and, if
 * @wc is not NULL, ORs into it the fields they looked at: the result
 * depends on @key in those fields alone (megaflow.h).
 */
struct weft_flow *weft_cls_lookup(struct weft_classifier *cls,
				  struct weft_table *t, const struct weft_key *key,
				  unsigned int *cost, struct weft_key *wc)
{
	const u64 *k = (const u64 *)key;
	struct weft_flow *best = NULL;
	struct weft_subtable_vec *vec;
	/* Only words [start, end) are used, each written first: no clearing. */
	struct weft_key masked __uninitialized;
	struct weft_mkey mk = { .key = &masked };
	u64 *d = (u64 *)&masked;
	unsigned int i, w;

	vec = rcu_dereference_check(t->vec, lockdep_is_held(&weft_mutex));
	for (i = 0; i < vec->n; i++) {
		struct weft_subtable *st = vec->st[i];
		struct rhlist_head *list, *pos;
		struct weft_flow *flow;

		/* Sorted by max_priority: nothing further can do better. */
		const u64 *m = (const u64 *)&st->mask;

		if (best && st->max_priority <= best->priority)
			break;
		(*cost)++;
		/* Only the words the mask covers are masked and hashed. */
		for (w = st->start; w < st->end; w++)
			d[w] = k[w] & m[w];
		mk.start = st->start;
		mk.end = st->end;
		list = rhltable_lookup(&st->flows, &mk, weft_subtable_params);
		rhl_for_each_entry_rcu(flow, pos, list, hnode)
			if (!best || flow->priority > best->priority)
				best = flow;
		if (wc)
			weft_subtable_wc(st, key, !!list, wc);
	}
	return best;
}

struct weft_flow *weft_cls_find_exact(struct weft_classifier *cls, u8 table,
				      u16 priority, const struct weft_key *key,
				      const struct weft_key *mask)
{
	struct weft_table *t = weft_table(cls, table);
	struct weft_mkey mk = { .key = key };
	struct rhlist_head *list, *pos;
	struct weft_subtable *st;
	struct weft_flow *flow;

	weft_assert_locked();
	if (!t)
		return NULL;

	st = weft_subtable_find(t, mask);
	if (!st)
		return NULL;
	mk.start = st->start;
	mk.end = st->end;
	/* rhltable_lookup() wants RCU even though weft_mutex pins it all. */
	rcu_read_lock();
	list = rhltable_lookup(&st->flows, &mk, weft_subtable_params);
	rhl_for_each_entry_rcu(flow, pos, list, hnode) {
		if (flow->priority == priority) {
			rcu_read_unlock();
			return flow;
		}
	}
	rcu_read_unlock();
	return NULL;
}

/*
 * Insert @flow (key already masked by @mask, table and priority set) into
 * its table.  The caller has checked that no identical flow exists.
 */
int weft_cls_insert(struct weft_classifier *cls, struct weft_flow *flow,
		    const struct weft_key *mask)
{
	struct weft_subtable *st;
	struct weft_table *t;
	bool new_st = false, reorder = false;
	u32 id;
	int err;

	weft_assert_locked();
	t = weft_cls_table_get(cls, flow->table);
	if (!t)
		return -ENOMEM;

	err = xa_alloc_cyclic(&cls->ids, &id, flow, xa_limit_32b,
			      &cls->next_id, GFP_KERNEL);
	if (err < 0)
		return err;
	flow->id = id;

	st = weft_subtable_find(t, mask);
	if (!st) {
		st = kzalloc(sizeof(*st), GFP_KERNEL);
		if (!st) {
			err = -ENOMEM;
			goto err_id;
		}
		err = rhltable_init(&st->flows, &weft_subtable_params);
		if (err) {
			kfree(st);
			goto err_id;
		}
		st->mask = *mask;
		err = weft_prefix_init(st);
		if (err) {
			rhltable_destroy(&st->flows);
			kfree(st);
			goto err_id;
		}
		weft_subtable_range(st);
		list_add_tail(&st->node, &t->subtables);
		new_st = true;
	}

	flow->st = st;
	flow->mkey.start = st->start;
	flow->mkey.end = st->end;
	err = weft_prefix_add(st, flow);
	if (err)
		goto err_st;
	err = rhltable_insert(&st->flows, &flow->hnode, weft_subtable_params);
	if (err)
		goto err_prefix;

	if (!st->n_flows || flow->priority > st->max_priority) {
		reorder = true;
		st->max_priority = flow->priority;
		st->n_max_priority = 1;
	} else if (flow->priority == st->max_priority) {
		st->n_max_priority++;
	}
	st->n_flows++;
	if (reorder) {
		err = weft_table_publish(t);
		if (err) {
			rhltable_remove(&st->flows, &flow->hnode,
					weft_subtable_params);
			st->n_flows--;
			goto err_prefix;
		}
	}
	t->n_flows++;
	cls->n_flows++;
	weft_cls_changed(cls);
	if (flow->idle_timeout || flow->hard_timeout)
		list_add_tail(&flow->expiry_node, &cls->expiring);
	return 0;

err_prefix:
	weft_prefix_del(st, flow);
err_st:
	/*
	 * A subtable that was never published (the vector still lacks it)
	 * can go at once; one readers have seen keeps its stale
	 * max_priority, which only costs an extra visit.
	 */
	if (new_st) {
		list_del(&st->node);
		rhltable_destroy(&st->flows);
		weft_prefix_destroy(st);
		kfree(st);
	}
	flow->st = NULL;
err_id:
	xa_erase(&cls->ids, flow->id);
	return err;
}

static void weft_subtable_rescan_max(struct weft_subtable *st)
{
	struct rhashtable_iter iter;
	struct weft_flow *flow;

	st->max_priority = 0;
	st->n_max_priority = 0;
	rhltable_walk_enter(&st->flows, &iter);
	rhashtable_walk_start(&iter);
	while ((flow = rhashtable_walk_next(&iter))) {
		if (IS_ERR(flow))
			continue;
		if (!st->n_max_priority || flow->priority > st->max_priority) {
			st->max_priority = flow->priority;
			st->n_max_priority = 1;
		} else if (flow->priority == st->max_priority) {
			st->n_max_priority++;
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/* Unlink @flow; the caller frees it with weft_flow_free(). */
void weft_cls_remove(struct weft_classifier *cls, struct weft_flow *flow)
{
	struct weft_subtable *st = flow->st;
	struct weft_table *t = weft_table(cls, flow->table);

	weft_assert_locked();
	rhltable_remove(&st->flows, &flow->hnode, weft_subtable_params);
	weft_prefix_del(st, flow);
	xa_erase(&cls->ids, flow->id);
	list_del_init(&flow->expiry_node);
	st->n_flows--;
	t->n_flows--;
	cls->n_flows--;
	weft_cls_changed(cls);

	if (!st->n_flows) {
		list_del(&st->node);
		/*
		 * If the smaller vector cannot be allocated the old one keeps
		 * pointing at this subtable, so it must outlive it: leave the
		 * empty subtable in place rather than free it under readers.
		 */
		if (weft_table_publish(t)) {
			list_add_tail(&st->node, &t->subtables);
			return;
		}
		weft_subtable_free(st);
		return;
	}
	if (flow->priority == st->max_priority && !--st->n_max_priority) {
		weft_subtable_rescan_max(st);
		/* On failure the old order stays: correct, only slower. */
		weft_table_publish(t);
	}
}

/* Remove and free every flow; readers may still be walking the tables. */
void weft_cls_flush(struct weft_classifier *cls)
{
	struct weft_flow *flow;
	unsigned long id;

	weft_assert_locked();
	xa_for_each(&cls->ids, id, flow) {
		weft_cls_remove(cls, flow);
		weft_flow_free(flow);
	}
}

/*
 * Called once no reader can reach the classifier any more (every port of
 * the datapath is gone and a grace period has passed), so the tables can
 * go at once.
 */
void weft_cls_destroy(struct weft_classifier *cls)
{
	unsigned int i;

	weft_cls_flush(cls);
	for (i = 0; i <= WEFT_TABLE_MAX; i++) {
		struct weft_table *t = weft_table(cls, i);
		struct weft_subtable *st, *next;

		if (!t)
			continue;
		/* Empty subtables kept by a failed publish. */
		list_for_each_entry_safe(st, next, &t->subtables, node) {
			list_del(&st->node);
			weft_subtable_free(st);
		}
		kfree(weft_deref(t->vec));
		free_percpu(t->stats);
		kfree(t);
	}
	xa_destroy(&cls->ids);
	kfree(cls->tables);
}

/*
 * OpenFlow's overlap: another flow of the same table and priority that
 * some packet could match together with @key/@mask.
 */
bool weft_cls_overlaps(struct weft_classifier *cls, u8 table, u16 priority,
		       const struct weft_key *key, const struct weft_key *mask)
{
	const u64 *k = (const u64 *)key, *m = (const u64 *)mask;
	struct weft_flow *flow;
	unsigned long id;
	unsigned int i;

	weft_assert_locked();
	xa_for_each(&cls->ids, id, flow) {
		const u64 *fk = (const u64 *)&flow->key;
		const u64 *fm = (const u64 *)weft_flow_mask(flow);

		if (flow->table != table || flow->priority != priority)
			continue;
		for (i = 0; i < WEFT_KEY_WORDS; i++)
			if ((k[i] ^ fk[i]) & m[i] & fm[i])
				break;
		if (i == WEFT_KEY_WORDS)
			return true;
	}
	return false;
}
