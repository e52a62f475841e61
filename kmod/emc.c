// SPDX-License-Identifier: GPL-2.0
/*
 * The exact-match cache: see emc.h for what it holds and walk.h for why a
 * hit is exact.  This file sizes, probes and fills it.
 */
#include <linux/log2.h>
#include <linux/moduleparam.h>
#include <linux/random.h>

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
	dp->emc = weft_cache_alloc(struct_size_t(struct weft_emc, e, n));
	if (!dp->emc)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct weft_emc *emc = *per_cpu_ptr(dp->emc, cpu);

		emc->mask = n - 1;
		emc->seed = get_random_u64();
		emc->judge.expensive = true;
	}
	return 0;
}

/* Once no packet can reach the datapath any more. */
void weft_emc_free(struct weft_dp *dp)
{
	weft_cache_free(dp->emc);
	dp->emc = NULL;
}

/* Every word of the key; see weft_cache_mix(). */
static u32 weft_emc_hash(const struct weft_key *key, u64 seed)
{
	const u64 *k = (const u64 *)key;
	u64 h = seed;
	unsigned int i;

	for (i = 0; i < WEFT_KEY_WORDS; i++)
		h = weft_cache_mix(h, k[i]);
	return weft_cache_final(h);
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
 * A valid entry for @key: the walk replays it.  Otherwise leaves the hash
 * in @w when a fill may follow.
 */
bool weft_emc_probe(struct weft_emc *emc, const struct weft_key *key,
		    struct weft_walk *w)
{
	const struct weft_emc_entry *e;

	/* Nothing filled since the last change: no entry can be valid. */
	if (emc->fill_gen == w->gen) {
		w->hash = weft_emc_hash(key, emc->seed);
		e = &emc->e[w->hash & emc->mask];
		w->emc_probed = true;
		if (e->gen == w->gen && e->hash == w->hash &&
		    weft_key_equal(&e->key, key)) {
			w->from = WEFT_WALK_EMC;
			w->e = &e->s;
			w->n = e->s.n;
			w->fills_now = &emc->fills;
			w->fills = emc->fills;
			return true;
		}
	} else if (emc->judge.expensive) {
		w->hash = weft_emc_hash(key, emc->seed);
	}
	return false;
}

/* Remember walk @s of the key @w began with, under the hash of the probe. */
void weft_emc_fill(struct weft_emc *emc, const struct weft_walk *w,
		   const struct weft_walk_steps *s)
{
	struct weft_emc_entry *e = &emc->e[w->hash & emc->mask];

	e->gen = w->gen;
	e->hash = w->hash;
	weft_walk_steps_copy(&e->s, s);
	e->key = w->key;
	emc->fill_gen = w->gen;
	emc->fills++;
}
