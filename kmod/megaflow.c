// SPDX-License-Identifier: GPL-2.0
/*
 * The megaflow cache: see megaflow.h for what it holds and why a hit is
 * exact.  This file sizes, probes and fills it.
 */
#include <linux/moduleparam.h>

#include "datapath.h"
#include "megaflow.h"

/*
 * Entries per CPU and datapath, read when a datapath is created: a power
 * of two, 0 for no cache.  Each distinct walk (per destination, say, in a
 * routing table) takes one; writable so that tests and benchmarks can
 * compare a datapath with and without it.
 */
static unsigned int megaflow_entries = 2048;
module_param(megaflow_entries, uint, 0644);
MODULE_PARM_DESC(megaflow_entries,
		 "megaflow cache entries per CPU of new datapaths (0: none)");

int weft_mf_alloc(struct weft_dp *dp)
{
	unsigned int n = READ_ONCE(megaflow_entries);

	if (!n)
		return 0;
	static_assert(offsetof(struct weft_mf, c) == 0);
	/* Two entries at least: an entry's set is a pair. */
	dp->mf = weft_cache_alloc(sizeof(struct weft_mf),
				  sizeof(struct weft_mf_entry), n, 2);
	return dp->mf ? 0 : -ENOMEM;
}

void weft_mf_free(struct weft_dp *dp)
{
	weft_cache_free(dp->mf);
	dp->mf = NULL;
}

/* The words of @k under @m; see weft_cache_mix(). */
static u32 weft_mf_hash(const u64 *k, const struct weft_mf_mask *m, u64 seed)
{
	const u64 *mw = (const u64 *)&m->mask;
	u64 h = seed;
	unsigned int j;

	for (j = 0; j < m->n_words; j++) {
		unsigned int i = m->word[j];

		h = weft_cache_mix(h, k[i] & mw[i]);
	}
	return weft_cache_final(h);
}

static bool weft_mf_equal(const struct weft_mf_entry *e, const u64 *k,
			  const struct weft_mf_mask *m)
{
	const u64 *mw = (const u64 *)&m->mask;
	u64 diff = 0;
	unsigned int j;

	for (j = 0; j < m->n_words; j++) {
		unsigned int i = m->word[j];

		diff |= (k[i] & mw[i]) ^ e->key[i];
	}
	return !diff;
}

/* The pair of entries @hash may be in. */
static struct weft_mf_entry *weft_mf_set(struct weft_mf *mf, u32 hash)
{
	return &mf->e[hash & mf->c.mask & ~1U];
}

/* A valid entry for @key under one of the masks: the walk replays it. */
bool weft_mf_probe(struct weft_mf *mf, const struct weft_key *key,
		   struct weft_walk *w)
{
	const u64 *k = (const u64 *)key;
	unsigned int m, j;

	if (mf->gen != w->gen) {
		/* Changed since the masks were collected: all stale. */
		mf->gen = w->gen;
		mf->n_masks = 0;
		return false;
	}
	if (!mf->n_masks)
		return false;
	w->mf_probed = true;
	for (m = 0; m < mf->n_masks; m++) {
		const struct weft_mf_mask *mm = &mf->masks[m];
		u32 hash = weft_mf_hash(k, mm, mf->c.seed);
		const struct weft_mf_entry *set = weft_mf_set(mf, hash);

		for (j = 0; j < 2; j++) {
			const struct weft_mf_entry *e = &set[j];

			if (e->gen != w->gen || e->hash != hash ||
			    e->mask != m || !weft_mf_equal(e, k, mm))
				continue;
			w->from = WEFT_WALK_MEGAFLOW;
			w->e = &e->s;
			w->n = e->s.n;
			w->fills_now = &mf->c.fills;
			w->fills = mf->c.fills;
			return true;
		}
	}
	return false;
}

/* The index of the walk's wildcard mask in the list, added if new; -1: full. */
static int weft_mf_mask_index(struct weft_mf *mf, const struct weft_key *wc)
{
	const u64 *mw = (const u64 *)wc;
	struct weft_mf_mask *m;
	unsigned int i;

	for (i = 0; i < mf->n_masks; i++)
		if (!memcmp(&mf->masks[i].mask, wc, sizeof(*wc)))
			return i;
	if (mf->n_masks == WEFT_MF_MASKS)
		return -1;
	m = &mf->masks[mf->n_masks];
	m->mask = *wc;
	m->n_words = 0;
	for (i = 0; i < WEFT_KEY_WORDS; i++)
		if (mw[i])
			m->word[m->n_words++] = i;
	return mf->n_masks++;
}

void weft_mf_fill(struct weft_mf *mf, const struct weft_walk *w)
{
	const u64 *k = (const u64 *)&w->key, *mw = (const u64 *)&w->wc;
	const struct weft_mf_mask *m;
	struct weft_mf_entry *e;
	unsigned int j;
	int idx;
	u32 hash;

	/* A change since this walk began: its masks would be stale. */
	if (mf->gen != w->gen)
		return;
	idx = weft_mf_mask_index(mf, &w->wc);
	if (idx < 0)
		return;
	m = &mf->masks[idx];
	hash = weft_mf_hash(k, m, mf->c.seed);
	e = weft_mf_set(mf, hash);
	/* An empty or stale way first; else the two take turns. */
	if (e[0].gen == w->gen && (e[1].gen != w->gen || (mf->c.fills & 1)))
		e++;
	e->gen = w->gen;
	e->hash = hash;
	e->mask = idx;
	weft_walk_steps_copy(&e->s, &w->s);
	for (j = 0; j < m->n_words; j++) {
		unsigned int i = m->word[j];

		e->key[i] = k[i] & mw[i];
	}
	mf->c.fills++;
}
