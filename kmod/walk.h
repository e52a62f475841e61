/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One packet's walk through the pipeline as the two caches in front of it
 * see it: replayed from an entry of one of them, or recorded to fill them.
 *
 * A walk is the table, flow (or miss) and instructions of each table a
 * packet visits.  Replaying one re-runs every instruction on the packet
 * (counters, idle timeouts, group selection, TTL checks stay per packet)
 * and skips only the lookups, so a replay is exact as long as each lookup
 * it skips would have found the same flow:
 *
 * - The key a table sees is the extracted key changed only by the earlier
 *   flows' apply actions and write-metadata.  Those are functions of the
 *   key and the instructions, except for the few actions that load key
 *   fields from packet bytes the key does not hold (weft_insts.opaque);
 *   recording stops after such a flow, and the rest of the walk is looked
 *   up.  The exact-match cache (emc.h) replays only for the same whole key,
 *   so the same flows and instructions give the same walk.
 * - The megaflow cache (megaflow.h) replays for every key equal to the
 *   recorded one in the fields its lookups depended on, see there.
 *
 * Validity: every change that can alter a lookup or a walk (flow add,
 * delete, modify, table miss behaviour) bumps weft_classifier.gen with a
 * release store, after the change is published.  A walk reads the gen
 * with an acquire load before its first lookup and stamps its entries with
 * it, so an entry is used only while no change has happened since the
 * lookups it holds; a stale entry is a miss.  Flows are freed after a
 * grace period, so the pointers of a valid entry are live for the whole
 * walk.  A packet that read the gen before a change is in flight during
 * that change, exactly as one that looked up its flow just before it.
 */
#ifndef _WEFT_WALK_H
#define _WEFT_WALK_H

#include "flow.h"

/* Tables a cache entry follows; a longer walk looks up the rest. */
#define WEFT_WALK_STEPS		8
/*
 * A walk that visits fewer subtables than this costs less than probing a
 * cache: it is not cached.
 */
#define WEFT_WALK_MIN_COST	3

struct weft_walk_steps {
	u8 n;
	u8 table[WEFT_WALK_STEPS];
	struct weft_flow *flow[WEFT_WALK_STEPS];		/* NULL: a miss */
	const struct weft_insts *insts[WEFT_WALK_STEPS];
};

static inline void weft_walk_steps_copy(struct weft_walk_steps *dst,
					const struct weft_walk_steps *src)
{
	dst->n = src->n;
	memcpy(dst->table, src->table, src->n);
	memcpy(dst->flow, src->flow, src->n * sizeof(src->flow[0]));
	memcpy(dst->insts, src->insts, src->n * sizeof(src->insts[0]));
}

/*
 * Thrashing: many more distinct keys than entries, so that nearly every
 * probe misses and every fill evicts an entry before its next use.  Each
 * fill then costs (a whole key copied twice) and buys nothing, so, as
 * Open vSwitch's cache does, only one miss in WEFT_CACHE_THRASH_SAMPLE is
 * filled: a hot key among the flood still gets in within a few dozen of
 * its packets and stays, evicted 32 times less often.  Judged over each
 * WEFT_CACHE_WINDOW probes: thrashing while fewer than 1 in
 * WEFT_CACHE_THRASH_RATIO hit.
 */
#define WEFT_CACHE_WINDOW	1024
#define WEFT_CACHE_THRASH_RATIO	16
#define WEFT_CACHE_THRASH_SAMPLE 32	/* a power of 2: a mask picks 1 in it */
static_assert(!(WEFT_CACHE_THRASH_SAMPLE & (WEFT_CACHE_THRASH_SAMPLE - 1)));
/* window_probes counts to WEFT_CACHE_WINDOW in a u16. */
static_assert(WEFT_CACHE_WINDOW <= U16_MAX);

/* How one per-CPU cache is doing; only its CPU touches it. */
struct weft_cache_judge {
	u16 window_probes, window_hits;	/* this window's */
	u8 skip;			/* misses since the last sampled fill */
	bool thrashing;			/* the last window's verdict */
	bool expensive;			/* the last walk that looked up all */
};

/* Whether a miss should fill: walks are expensive, and the sample says so. */
static inline bool weft_cache_wants(struct weft_cache_judge *j)
{
	return j->expensive &&
	       (!j->thrashing ||
		!(++j->skip & (WEFT_CACHE_THRASH_SAMPLE - 1)));
}

static inline void weft_cache_judge(struct weft_cache_judge *j, bool hit)
{
	j->window_hits += hit;
	if (++j->window_probes < WEFT_CACHE_WINDOW)
		return;
	j->thrashing = j->window_hits * WEFT_CACHE_THRASH_RATIO <
		       WEFT_CACHE_WINDOW;
	j->window_probes = 0;
	j->window_hits = 0;
}

/*
 * Hashing a key's words: each multiplied and rotated so that every bit
 * reaches the index bits.  Collisions only cost misses, as entries are
 * compared whole, and a per-cache random seed keeps them from being
 * chosen from outside.
 */
static inline u64 weft_cache_mix(u64 h, u64 word)
{
	return rol64((h ^ word) * 0x9e3779b97f4a7c15ULL, 27);
}

static inline u32 weft_cache_final(u64 h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	return (u32)h;
}

/*
 * What both per-CPU caches begin with; only the cache's CPU touches it,
 * with BHs off.
 */
struct weft_cache {
	u32 fills;			/* how many so far */
	u32 mask;			/* entries - 1 */
	u64 seed;
	struct weft_cache_judge judge;
};

void __percpu *weft_cache_alloc(size_t head, size_t entry, unsigned int n,
				unsigned int min);
void weft_cache_free(void __percpu *pcp);

enum weft_walk_from {
	WEFT_WALK_LOOKUP,		/* looked up (and maybe recorded) */
	WEFT_WALK_EMC,			/* replayed from the exact cache */
	WEFT_WALK_MEGAFLOW,		/* replayed from the megaflow cache */
};

struct weft_emc;
struct weft_mf;

/*
 * A walk, on the stack of the CPU processing its packet.  A replay reads
 * its entry in place (copying it costs more than it saves under
 * emulation), but an output may re-enter the datapath on this CPU and
 * refill the very entry: the replay stops once the cache's fill counter
 * moved.
 */
struct weft_walk {
	struct weft_emc *emc;		/* NULL: no exact cache for this walk */
	struct weft_mf *mf;		/* NULL: no megaflow cache */
	const struct weft_walk_steps *e;	/* replay: the entry's steps */
	const u32 *fills_now;		/* replay: the cache's fill counter */
	u32 fills;			/* replay: its value at the start */
	unsigned long gen;
	u32 hash;			/* the exact cache's hash of the key */
	u8 from;			/* enum weft_walk_from */
	u8 i;				/* replay: the next step */
	u8 n;				/* replay: steps replayable */
	bool emc_probed, mf_probed;	/* count as a hit or a miss */
	bool record;
	bool fill_emc, fill_mf;		/* what the recorded walk fills */
	bool sealed;			/* record no further step */
	bool reshaped;			/* a recorded step may move fields */
	bool looked_up;			/* some table was looked up */
	unsigned int cost;		/* subtables visited by lookups */
	struct weft_walk_steps s;	/* recording */
	struct weft_key key;		/* to fill: the key before the walk */
	struct weft_key wc;		/* fill_mf: the fields looked at */
};

struct weft_dp;

void weft_walk_begin(struct weft_dp *dp, const struct weft_key *key,
		     struct weft_walk *w);
void weft_walk_end(struct weft_dp *dp, struct weft_walk *w);
void weft_walk_unwildcard_shape(struct weft_key *wc);

static inline void weft_walk_init(struct weft_walk *w)
{
	w->emc = NULL;
	w->mf = NULL;
	w->from = WEFT_WALK_LOOKUP;
	w->i = 0;
	w->n = 0;
	w->emc_probed = false;
	w->mf_probed = false;
	w->record = false;
	w->fill_emc = false;
	w->fill_mf = false;
	w->sealed = false;
	w->reshaped = false;
	w->looked_up = false;
	w->cost = 0;
	w->s.n = 0;
}

/* Replaying: the recorded flow of @table (NULL: a miss), if on the path. */
static inline bool weft_walk_replay(struct weft_walk *w, u8 table,
				    struct weft_flow **flow)
{
	if (w->from == WEFT_WALK_LOOKUP || w->i >= w->n)
		return false;
	/* Refilled by a nested walk, or off the recorded path: look up. */
	if (*w->fills_now != w->fills || w->e->table[w->i] != table) {
		w->n = 0;
		return false;
	}
	*flow = w->e->flow[w->i++];
	return true;
}

/*
 * A replayed step whose flow's instructions were replaced since: the key
 * the next table sees may differ, so the rest of the walk is looked up.
 */
static inline void weft_walk_check(struct weft_walk *w,
				   const struct weft_insts *in)
{
	if (in != w->e->insts[w->i - 1])
		w->n = 0;
}

/*
 * Before a recorded lookup: the fields it may depend on, for the megaflow
 * cache; NULL when nothing collects them.
 */
static inline struct weft_key *weft_walk_wc(struct weft_walk *w)
{
	if (!w->fill_mf || w->sealed)
		return NULL;
	if (w->reshaped) {
		weft_walk_unwildcard_shape(&w->wc);
		w->reshaped = false;
	}
	return &w->wc;
}

static inline void weft_walk_record(struct weft_walk *w, u8 table,
				    struct weft_flow *flow,
				    const struct weft_insts *in)
{
	if (w->sealed)
		return;
	if (w->s.n == WEFT_WALK_STEPS) {
		w->sealed = true;
		return;
	}
	w->s.table[w->s.n] = table;
	w->s.flow[w->s.n] = flow;
	w->s.insts[w->s.n++] = in;
	if (in && in->opaque)
		w->sealed = true;
	if (in && in->reshapes)
		w->reshaped = true;
}

#endif /* _WEFT_WALK_H */
