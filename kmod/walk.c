// SPDX-License-Identifier: GPL-2.0
/*
 * A walk's start and end as the caches see them (walk.h): which cache
 * replays it, whether it is recorded, what it fills and counts.  The
 * exact cache is asked first, as its hit costs one probe whatever the
 * number of masks; the megaflow cache next.
 */
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "datapath.h"
#include "emc.h"
#include "megaflow.h"

/*
 * Per-CPU pointers to zeroed caches of a @head byte header, which begins
 * with struct weft_cache, and @n entries of @entry bytes, rounded down to
 * a power of two between @min and 65536.  NULL: no memory.
 */
void __percpu *weft_cache_alloc(size_t head, size_t entry, unsigned int n,
				unsigned int min)
{
	void * __percpu *caches;
	int cpu;

	n = rounddown_pow_of_two(clamp(n, min, 1U << 16));
	caches = alloc_percpu(void *);
	if (!caches)
		return NULL;
	for_each_possible_cpu(cpu) {
		/* Hundreds of KiB: more than the per-CPU allocator gives. */
		struct weft_cache *c = kvzalloc_node(head + n * entry,
						     GFP_KERNEL_ACCOUNT,
						     cpu_to_node(cpu));

		if (!c) {
			weft_cache_free(caches);
			return NULL;
		}
		c->mask = n - 1;
		c->seed = get_random_u64();
		c->judge.expensive = true;
		*per_cpu_ptr(caches, cpu) = c;
	}
	return caches;
}

/* Once no packet can reach the datapath any more. */
void weft_cache_free(void __percpu *pcp)
{
	void * __percpu *caches = pcp;
	int cpu;

	if (!caches)
		return;
	for_each_possible_cpu(cpu)
		kvfree(*per_cpu_ptr(caches, cpu));
	free_percpu(caches);
}

/*
 * The fields that say which headers a packet has, which is what the
 * packet editors' effect on the key depends on besides the field edited.
 */
void weft_walk_unwildcard_shape(struct weft_key *wc)
{
	wc->eth_type = htons(0xffff);
	wc->vlan_vid = 0xffff;
	wc->vlan_pcp = 0xff;
	wc->mpls_label = ~0U;
	wc->mpls_tc = 0xff;
	wc->mpls_bos = 0xff;
	wc->ip_proto = 0xff;
	wc->ip_frag = 0xff;
	wc->icmp_type = 0xff;
}

/*
 * Before a walk from table 0: replay a valid entry for @key, or decide
 * whether to record this walk and for which cache.  The gen is read
 * first, with acquire, so that the lookups a recorded walk makes see
 * every change the gen counts.
 */
void weft_walk_begin(struct weft_dp *dp, const struct weft_key *key,
		     struct weft_walk *w)
{
	if ((!dp->emc && !dp->mf) || unlikely(in_hardirq() || in_nmi()))
		return;
	/* Pairs with weft_cls_changed(): lookups see what this gen counts. */
	w->gen = smp_load_acquire(&dp->cls.gen);
	if (dp->emc) {
		w->emc = *this_cpu_ptr(dp->emc);
		if (weft_emc_probe(w->emc, key, w))
			return;
		w->fill_emc = weft_cache_wants(&w->emc->c.judge);
	}
	if (dp->mf) {
		w->mf = *this_cpu_ptr(dp->mf);
		if (weft_mf_probe(w->mf, key, w)) {
			/* A hot key among a megaflow's gets an exact entry. */
			if (w->fill_emc)
				w->key = *key;
			return;
		}
		w->fill_mf = weft_cache_wants(&w->mf->c.judge);
	}
	if (w->fill_emc || w->fill_mf) {
		w->record = true;
		w->key = *key;
		if (w->fill_mf)
			memset(&w->wc, 0, sizeof(w->wc));
	}
}

/*
 * After the walk: count it, and fill what the walk was recorded for if it
 * was worth caching.  A hit is a walk that looked nothing up: an entry
 * that ended early (see weft_walk_record()) or that a change made stale
 * half way counts as a miss.
 */
void weft_walk_end(struct weft_dp *dp, struct weft_walk *w)
{
	bool expensive;

	if (w->emc_probed) {
		bool hit = w->from == WEFT_WALK_EMC && !w->looked_up;

		if (hit)
			weft_dp_count_field(dp, emc_hits);
		else
			weft_dp_count_field(dp, emc_misses);
		weft_cache_judge(&w->emc->c.judge, hit);
	}
	if (w->mf_probed) {
		bool hit = w->from == WEFT_WALK_MEGAFLOW && !w->looked_up;

		if (hit)
			weft_dp_count_field(dp, mf_hits);
		else
			weft_dp_count_field(dp, mf_misses);
		weft_cache_judge(&w->mf->c.judge, hit);
	}

	if (w->from == WEFT_WALK_MEGAFLOW) {
		/* Unless a nested walk refilled the entry replayed. */
		if (w->fill_emc && !w->looked_up && *w->fills_now == w->fills)
			weft_emc_fill(w->emc, w, w->e);
		return;
	}
	/* A replayed walk's cost says nothing about walks of other keys. */
	if (w->from != WEFT_WALK_LOOKUP || (!w->emc && !w->mf))
		return;
	expensive = w->cost >= WEFT_WALK_MIN_COST;
	if (w->emc)
		w->emc->c.judge.expensive = expensive;
	if (w->mf)
		w->mf->c.judge.expensive = expensive;
	if (!w->record || !expensive || !w->s.n)
		return;
	if (w->fill_emc)
		weft_emc_fill(w->emc, w, &w->s);
	if (w->fill_mf)
		weft_mf_fill(w->mf, w);
}
