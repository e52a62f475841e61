/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exact-match cache in front of the pipeline.
 *
 * A tuple space search costs one hash probe per subtable and table
 * visited, so one hot flow through many masks or several tables pays for
 * every one of them on every packet.  The cache remembers, per CPU, what
 * a whole walk found for a packet with exactly this key: the flow (or the
 * miss) of each table visited and the instructions it ran.
 *
 * Why replaying a walk is exact: the key a table sees is the extracted
 * key changed only by the earlier flows' apply actions and write-metadata.
 * Those are functions of the key and the instructions, except for the few
 * actions that load key fields from packet bytes the key does not hold
 * (weft_insts.opaque); recording stops after such a flow, and the rest of
 * the walk is looked up.  So the same key, the same flows and the same
 * instructions give the same walk.
 *
 * Validity: every change that can alter a lookup or a walk (flow add,
 * delete, modify, table miss behaviour) bumps weft_classifier.gen with a
 * release store, after the change is published.  A walk reads the gen
 * with an acquire load before its first lookup and stamps its entry with
 * it, so an entry is used only while no change has happened since the
 * lookups it holds; a stale entry is a miss.  Flows are freed after a
 * grace period, so the pointers of a valid entry are live for the whole
 * walk.  A packet that read the gen before a change is in flight during
 * that change, exactly as one that looked up its flow just before it.
 */
#ifndef _WEFT_EMC_H
#define _WEFT_EMC_H

#include "flow.h"

/* Tables a cache entry follows; a longer walk looks up the rest. */
#define WEFT_EMC_STEPS		8
/*
 * A walk that visits fewer subtables than this costs less than hashing
 * and comparing a whole key: it is not cached.
 */
#define WEFT_EMC_MIN_COST	3

struct weft_emc_entry {
	unsigned long gen;		/* the classifier's when filled; 0: empty */
	u32 hash;
	u8 n;				/* steps */
	u8 table[WEFT_EMC_STEPS];
	struct weft_flow *flow[WEFT_EMC_STEPS];		/* NULL: a miss */
	const struct weft_insts *insts[WEFT_EMC_STEPS];
	struct weft_key key;		/* as extracted, before any table */
};

/*
 * Thrashing: many more distinct keys than entries, so that nearly every
 * probe misses and every fill evicts an entry before its next use.  Each
 * fill then costs (a whole key copied twice) and buys nothing, so, as
 * Open vSwitch's cache does, only one miss in WEFT_EMC_THRASH_SAMPLE is
 * filled: a hot key among the flood still gets in within a few dozen of
 * its packets and stays, evicted 32 times less often.  Judged over each
 * WEFT_EMC_WINDOW probes: thrashing while fewer than 1 in
 * WEFT_EMC_THRASH_RATIO hit.
 */
#define WEFT_EMC_WINDOW		1024
#define WEFT_EMC_THRASH_RATIO	16
#define WEFT_EMC_THRASH_SAMPLE	32	/* a power of 2: a mask picks 1 in it */
static_assert(!(WEFT_EMC_THRASH_SAMPLE & (WEFT_EMC_THRASH_SAMPLE - 1)));
/* window_probes counts to WEFT_EMC_WINDOW in a u16. */
static_assert(WEFT_EMC_WINDOW <= U16_MAX);

/* One per CPU and datapath; only its CPU touches it, with BHs off. */
struct weft_emc {
	unsigned long fill_gen;		/* of the last fill; 0: never */
	u32 fills;			/* how many so far */
	u64 seed;
	u32 mask;			/* entries - 1 */
	u16 window_probes, window_hits;	/* this window's */
	u8 skip;			/* misses since the last sampled fill */
	bool thrashing;			/* the last window's verdict */
	bool expensive;			/* the last walk that looked up all */
	struct weft_emc_entry e[];
};

/*
 * One packet's walk as it is replayed from the cache or recorded for it.
 * A replay reads its entry in place (copying it costs more than it saves
 * under emulation), but an output may re-enter the datapath on this CPU
 * and refill the very entry: the replay stops once weft_emc.fills moved.
 */
struct weft_emc_walk {
	struct weft_emc *emc;		/* NULL: no cache for this walk */
	const struct weft_emc_entry *e;	/* replay: the entry */
	unsigned long gen;
	u32 fills;			/* replay: emc->fills at the start */
	u32 hash;
	u8 i;				/* replay: the next step */
	u8 n;				/* steps replayable or recorded */
	bool record;
	bool sealed;			/* record no further step */
	bool probed;			/* counts as a cache hit or miss */
	bool looked_up;			/* some table was looked up */
	unsigned int cost;		/* subtables visited by lookups */
	u8 table[WEFT_EMC_STEPS];
	struct weft_flow *flow[WEFT_EMC_STEPS];
	const struct weft_insts *insts[WEFT_EMC_STEPS];
	struct weft_key key;		/* recording: the key before the walk */
};

struct weft_dp;

int weft_emc_alloc(struct weft_dp *dp);
void weft_emc_free(struct weft_dp *dp);
void weft_emc_begin(struct weft_dp *dp, const struct weft_key *key,
		    struct weft_emc_walk *w);
void weft_emc_end(struct weft_dp *dp, struct weft_emc_walk *w);

static inline void weft_emc_walk_init(struct weft_emc_walk *w)
{
	w->emc = NULL;
	w->i = 0;
	w->n = 0;
	w->record = false;
	w->sealed = false;
	w->probed = false;
	w->looked_up = false;
	w->cost = 0;
}

/* Replaying: the recorded flow of @table (NULL: a miss), if on the path. */
static inline bool weft_emc_replay(struct weft_emc_walk *w, u8 table,
				   struct weft_flow **flow)
{
	if (w->record || w->i >= w->n)
		return false;
	/* Refilled by a nested walk, or off the recorded path: look up. */
	if (w->emc->fills != w->fills || w->e->table[w->i] != table) {
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
static inline void weft_emc_check(struct weft_emc_walk *w,
				  const struct weft_insts *in)
{
	if (in != w->e->insts[w->i - 1])
		w->n = 0;
}

static inline void weft_emc_record(struct weft_emc_walk *w, u8 table,
				   struct weft_flow *flow,
				   const struct weft_insts *in)
{
	if (w->sealed)
		return;
	if (w->n == WEFT_EMC_STEPS) {
		w->sealed = true;
		return;
	}
	w->table[w->n] = table;
	w->flow[w->n] = flow;
	w->insts[w->n++] = in;
	if (in && in->opaque)
		w->sealed = true;
}

#endif /* _WEFT_EMC_H */
