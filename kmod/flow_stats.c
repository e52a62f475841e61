// SPDX-License-Identifier: GPL-2.0
/*
 * Flow counters, allocated in chunks.
 *
 * Every flow has per-CPU counters.  One alloc_percpu() per flow was a
 * fifth of the kernel's time installing 100,000 flows: the per-CPU
 * allocator searches its chunk maps under a global mutex on every call.
 * So flows take slots of bigger per-CPU arrays instead: a slot is still a
 * plain per-CPU pointer (base + index), so the packet path and the
 * readers are unchanged, and only one flow in WEFT_STATS_CHUNK pays for
 * an allocation.  A chunk goes once its last slot is freed.
 */
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "datapath.h"
#include "flow.h"

#define WEFT_STATS_CHUNK	BITS_PER_LONG

struct weft_stats_chunk {
	struct list_head node;		/* in weft_stats_partial, if not full */
	struct weft_flow_pcpu_stats __percpu *stats;
	unsigned long used;		/* a bit per slot */
};

/* Slots are freed from RCU callbacks: softirq context. */
static DEFINE_SPINLOCK(weft_stats_lock);
static LIST_HEAD(weft_stats_partial);

static struct weft_stats_chunk *weft_stats_chunk_new(void)
{
	struct weft_stats_chunk *chunk;

	chunk = kzalloc(sizeof(*chunk), GFP_KERNEL_ACCOUNT);
	if (!chunk)
		return NULL;
	chunk->stats = __alloc_percpu_gfp(WEFT_STATS_CHUNK *
					  sizeof(struct weft_flow_pcpu_stats),
					  __alignof__(struct weft_flow_pcpu_stats),
					  GFP_KERNEL_ACCOUNT);
	if (!chunk->stats) {
		kfree(chunk);
		return NULL;
	}
	return chunk;
}

/* Zeroed counters for @flow; in process context. */
int weft_flow_stats_alloc(struct weft_flow *flow)
{
	struct weft_stats_chunk *chunk, *fresh = NULL;
	unsigned int slot;
	int cpu;

	spin_lock_bh(&weft_stats_lock);
	chunk = list_first_entry_or_null(&weft_stats_partial,
					 struct weft_stats_chunk, node);
	if (!chunk) {
		spin_unlock_bh(&weft_stats_lock);
		fresh = weft_stats_chunk_new();
		if (!fresh)
			return -ENOMEM;
		spin_lock_bh(&weft_stats_lock);
		list_add(&fresh->node, &weft_stats_partial);
		chunk = fresh;
	}
	slot = ffz(chunk->used);
	chunk->used |= BIT(slot);
	if (chunk->used == ~0UL)
		list_del_init(&chunk->node);
	spin_unlock_bh(&weft_stats_lock);

	flow->stats_chunk = chunk;
	flow->stats = chunk->stats + slot;
	/* A slot may have counted for a flow deleted before. */
	for_each_possible_cpu(cpu) {
		struct weft_flow_pcpu_stats *s = per_cpu_ptr(flow->stats, cpu);

		memset(s, 0, sizeof(*s));
		u64_stats_init(&s->syncp);
	}
	return 0;
}

/* Once no reader can see @flow; in process or softirq context. */
void weft_flow_stats_free(struct weft_flow *flow)
{
	struct weft_stats_chunk *chunk = flow->stats_chunk;
	unsigned int slot = flow->stats - chunk->stats;
	bool empty;

	spin_lock_bh(&weft_stats_lock);
	if (chunk->used == ~0UL)
		list_add(&chunk->node, &weft_stats_partial);
	chunk->used &= ~BIT(slot);
	empty = !chunk->used;
	if (empty)
		list_del(&chunk->node);
	spin_unlock_bh(&weft_stats_lock);
	if (empty) {
		free_percpu(chunk->stats);
		kfree(chunk);
	}
}
