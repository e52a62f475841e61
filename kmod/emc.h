/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exact-match cache in front of the pipeline.
 *
 * A tuple space search costs one hash probe per subtable and table
 * visited, so one hot flow through many masks or several tables pays for
 * every one of them on every packet.  The cache remembers, per CPU, what
 * a whole walk found for a packet with exactly this key: the flow (or the
 * miss) of each table visited and the instructions it ran.  walk.h says
 * why replaying it is exact and when an entry is valid.
 */
#ifndef _WEFT_EMC_H
#define _WEFT_EMC_H

#include "walk.h"

struct weft_emc_entry {
	unsigned long gen;		/* the classifier's when filled; 0: empty */
	u32 hash;
	struct weft_walk_steps s;
	struct weft_key key;		/* as extracted, before any table */
};

/* One per CPU and datapath; only its CPU touches it, with BHs off. */
struct weft_emc {
	struct weft_cache c;		/* first: weft_cache_alloc() sets it */
	unsigned long fill_gen;		/* of the last fill; 0: never */
	struct weft_emc_entry e[];
};

int weft_emc_alloc(struct weft_dp *dp);
void weft_emc_free(struct weft_dp *dp);
bool weft_emc_probe(struct weft_emc *emc, const struct weft_key *key,
		    struct weft_walk *w);
void weft_emc_fill(struct weft_emc *emc, const struct weft_walk *w,
		   const struct weft_walk_steps *s);

#endif /* _WEFT_EMC_H */
