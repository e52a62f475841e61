// SPDX-License-Identifier: GPL-2.0
/*
 * The exact-match cache: see emc.h for what it holds and walk.h for why a
 * hit is exact.  This file sizes, probes and fills it.
 */
#include <linux/moduleparam.h>

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

	if (!n)
		return 0;
	static_assert(offsetof(struct weft_emc, c) == 0);
	dp->emc = weft_cache_alloc(sizeof(struct weft_emc),
				   sizeof(struct weft_emc_entry), n, 1);
	return dp->emc ? 0 : -ENOMEM;
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
		w->hash = weft_emc_hash(key, emc->c.seed);
		e = &emc->e[w->hash & emc->c.mask];
		w->emc_probed = true;
		if (e->gen == w->gen && e->hash == w->hash &&
		    weft_key_equal(&e->key, key)) {
			w->from = WEFT_WALK_EMC;
			w->e = &e->s;
			w->n = e->s.n;
			w->fills_now = &emc->c.fills;
			w->fills = emc->c.fills;
			return true;
		}
	} else if (emc->c.judge.expensive) {
		w->hash = weft_emc_hash(key, emc->c.seed);
	}
	return false;
}

/* Remember walk @s of the key @w began with, under the hash of the probe. */
void weft_emc_fill(struct weft_emc *emc, const struct weft_walk *w,
		   const struct weft_walk_steps *s)
{
	struct weft_emc_entry *e = &emc->e[w->hash & emc->c.mask];

	e->gen = w->gen;
	e->hash = w->hash;
	weft_walk_steps_copy(&e->s, s);
	e->key = w->key;
	emc->fill_gen = w->gen;
	emc->c.fills++;
}
