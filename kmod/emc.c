// SPDX-License-Identifier: GPL-2.0
/*
 * The exact-match cache: see emc.h for what it holds and why a hit is
 * exact.  This file sizes, probes and fills it.
 */
#include <linux/log2.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "datapath.h"
#include "emc.h"

/*
 * Entries per CPU and datapath, read when a datapath is created: a power
 * of two, 0 for no cache.  Writable so that tests and benchmarks can
 * compare a datapath with and without it.
 */
static unsigned int emc_entries = 1024;
module_param(emc_entries, uint, 0644);
MODULE_PARM_DESC(emc_entries,
		 "exact-match cache entries per CPU of new datapaths (0: none)");

int weft_emc_alloc(struct weft_dp *dp)
{
	unsigned int n = READ_ONCE(emc_entries);
	int cpu;

	if (!n)
		return 0;
	n = rounddown_pow_of_two(min(n, 1U << 16));
	dp->emc = alloc_percpu(struct weft_emc *);
	if (!dp->emc)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct weft_emc *emc;

		/* Hundreds of KiB: more than the per-CPU allocator gives. */
		emc = kvzalloc_node(struct_size(emc, e, n), GFP_KERNEL_ACCOUNT,
				    cpu_to_node(cpu));
		if (!emc) {
			weft_emc_free(dp);
			return -ENOMEM;
		}
		emc->mask = n - 1;
		emc->seed = get_random_u64();
		emc->expensive = true;
		*per_cpu_ptr(dp->emc, cpu) = emc;
	}
	return 0;
}

/* Once no packet can reach the datapath any more. */
void weft_emc_free(struct weft_dp *dp)
{
	int cpu;

	if (!dp->emc)
		return;
	for_each_possible_cpu(cpu)
		kvfree(*per_cpu_ptr(dp->emc, cpu));
	free_percpu(dp->emc);
	dp->emc = NULL;
}

/*
 * Every word of the key, multiplied and rotated so that each bit reaches
 * the index bits; collisions only cost misses, as the key is compared
 * whole, and the seed keeps them from being chosen from outside.
 */
static u32 weft_emc_hash(const struct weft_key *key, u64 seed)
{
	const u64 *k = (const u64 *)key;
	u64 h = seed;
	unsigned int i;

	for (i = 0; i < WEFT_KEY_WORDS; i++)
		h = rol64((h ^ k[i]) * 0x9e3779b97f4a7c15ULL, 27);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	return (u32)h;
}

static bool weft_key_equal(const struct weft_key *a, const struct weft_key *b)
{
	const u64 *x = (const u64 *)a, *y = (const u64 *)b;
	u64 diff = 0;
	unsigned int i;

	for (i = 0; i < WEFT_KEY_WORDS; i++)
		diff |= x[i] ^ y[i];
	return !diff;
}

/*
 * Before a walk from table 0: replay a valid entry for @key, or decide
 * whether to record this walk.  The gen is read first, with acquire, so
 * that the lookups a recorded walk makes see every change the gen
 * counts.
 */
void weft_emc_begin(struct weft_dp *dp, const struct weft_key *key,
		    struct weft_emc_walk *w)
{
	const struct weft_emc_entry *e;
	struct weft_emc *emc;

	if (!dp->emc || unlikely(in_hardirq() || in_nmi()))
		return;
	emc = *this_cpu_ptr(dp->emc);
	w->emc = emc;
	/* Pairs with weft_cls_changed(): lookups see what this gen counts. */
	w->gen = smp_load_acquire(&dp->cls.gen);
	/* Nothing filled since the last change: no entry can be valid. */
	if (emc->fill_gen == w->gen) {
		w->hash = weft_emc_hash(key, emc->seed);
		e = &emc->e[w->hash & emc->mask];
		if (e->gen == w->gen && e->hash == w->hash &&
		    weft_key_equal(&e->key, key)) {
			w->e = e;
			w->n = e->n;
			w->fills = emc->fills;
			w->probed = true;
			return;
		}
		w->probed = true;
	} else if (emc->expensive) {
		w->hash = weft_emc_hash(key, emc->seed);
	}
	if (emc->expensive &&
	    (!emc->thrashing ||
	     !(++emc->skip & (WEFT_EMC_THRASH_SAMPLE - 1)))) {
		w->record = true;
		w->key = *key;
	}
}

static void weft_emc_judge(struct weft_emc *emc, bool hit)
{
	emc->window_hits += hit;
	if (++emc->window_probes < WEFT_EMC_WINDOW)
		return;
	emc->thrashing = emc->window_hits * WEFT_EMC_THRASH_RATIO <
			 WEFT_EMC_WINDOW;
	emc->window_probes = 0;
	emc->window_hits = 0;
}

/*
 * After the walk: count it, and fill the entry if the walk was worth
 * caching.  A hit is a walk that looked nothing up: an entry that ended
 * early (see weft_emc_record()) or that a change made stale half way
 * counts as a miss.
 */
void weft_emc_end(struct weft_dp *dp, struct weft_emc_walk *w)
{
	struct weft_emc *emc = w->emc;
	struct weft_emc_entry *e;

	if (w->probed) {
		bool hit = w->i && !w->looked_up;

		if (hit)
			weft_dp_count_field(dp, emc_hits);
		else
			weft_dp_count_field(dp, emc_misses);
		weft_emc_judge(emc, hit);
	}

	/* A replayed walk's cost says nothing about walks of other keys. */
	if (!emc || (!w->record && w->i))
		return;
	emc->expensive = w->cost >= WEFT_EMC_MIN_COST;
	if (!w->record || !emc->expensive || !w->n)
		return;
	e = &emc->e[w->hash & emc->mask];
	e->gen = w->gen;
	e->hash = w->hash;
	e->n = w->n;
	memcpy(e->table, w->table, w->n);
	memcpy(e->flow, w->flow, w->n * sizeof(w->flow[0]));
	memcpy(e->insts, w->insts, w->n * sizeof(w->insts[0]));
	e->key = w->key;
	emc->fill_gen = w->gen;
	emc->fills++;
}
