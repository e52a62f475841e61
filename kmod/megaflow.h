/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The megaflow cache: whole walks, replayed for every key that agrees
 * with the recorded one in the fields the walk's lookups looked at.
 *
 * The exact-match cache cannot help a key it has never seen, so a flood
 * of new connections through several tables would pay every lookup of
 * every table.  Open vSwitch's kernel datapath caches megaflows that its
 * userspace builds on an upcall; weft builds them in the kernel, from its
 * own walks.
 *
 * Why a replay is exact for all those keys (walk.h says what a replay
 * does): while a walk is recorded, each subtable a lookup probes ORs its
 * mask into the walk's wildcard mask (weft_cls_lookup()).  A lookup's
 * result depends on nothing else: each probed subtable's answer depends
 * only on the key under its mask, and which subtables are probed (the
 * early exit by priority) only on those answers.  A key equal to the
 * recorded one under the mask therefore finds the same flow in the first
 * table.  In later tables the key is the extracted one changed by earlier
 * instructions.  Write-metadata and set-field of pipeline fields
 * (metadata, registers, tunnel) overwrite bits with constants and keep
 * the others, so the same holds there.  The other key-changing actions
 * (set-field of packet fields, push VLAN, push MPLS) act according to
 * which headers the packet has, so once a recorded flow ran one, the
 * fields that say so (weft_walk_unwildcard_shape()) are looked at too:
 * more specific than needed, never wrong.  An opaque action ends the
 * recording, as for the exact cache.  A probe that found nothing in a
 * subtable of routes may add only a prefix of the destination
 * (flow_prefix.c).
 *
 * Entries are kept per CPU, as the exact cache's, in a small tuple space
 * of their own: a list of distinct wildcard masks (walks through the same
 * flows share one), each probed with one hash of the key's words under
 * it, in a two-way set-associative table.  Entries and the mask list
 * belong to one classifier generation: the first probe after a change
 * empties the list, and every entry is stale by its gen.
 */
#ifndef _WEFT_MEGAFLOW_H
#define _WEFT_MEGAFLOW_H

#include "walk.h"

/* Distinct wildcard masks per CPU; a walk with one more is not cached. */
#define WEFT_MF_MASKS		8

struct weft_mf_mask {
	struct weft_key mask;
	u8 n_words;
	u8 word[WEFT_KEY_WORDS];	/* the key words the mask has bits in */
};

struct weft_mf_entry {
	unsigned long gen;		/* the classifier's when filled; 0: empty */
	u32 hash;
	u8 mask;			/* index in weft_mf.masks */
	struct weft_walk_steps s;
	u64 key[WEFT_KEY_WORDS];	/* masked; only the mask's words count */
};

/* One per CPU and datapath; only its CPU touches it, with BHs off. */
struct weft_mf {
	struct weft_cache c;		/* first: weft_cache_alloc() sets it */
	unsigned long gen;		/* of the mask list */
	u8 n_masks;
	struct weft_mf_mask masks[WEFT_MF_MASKS];
	struct weft_mf_entry e[];
};

int weft_mf_alloc(struct weft_dp *dp);
void weft_mf_free(struct weft_dp *dp);
bool weft_mf_probe(struct weft_mf *mf, const struct weft_key *key,
		   struct weft_walk *w);
void weft_mf_fill(struct weft_mf *mf, const struct weft_walk *w);

#endif /* _WEFT_MEGAFLOW_H */
