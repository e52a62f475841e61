// SPDX-License-Identifier: GPL-2.0
/*
 * Destination prefixes of a subtable's flows, so that a megaflow recorded
 * through a miss need not hold the whole destination address.
 *
 * A routing table of /32 (or /28...) destinations probed by a packet to
 * none of them would otherwise put every one of its 32 bits into the
 * walk's wildcard mask (megaflow.h): one megaflow per destination, where
 * Open vSwitch, tracking prefixes, builds one per uncovered range.  Here a
 * subtable whose mask holds the IPv4 destination as a prefix longer than
 * /16 counts its flows by their /16 and /24 prefixes.  When a lookup
 * finds nothing in it and no flow shares the packet's /16 (else /24), the
 * probe looked at those bits alone: every packet with them misses the
 * subtable too, whatever its other fields.
 *
 * Writers (weft_mutex) count a flow before it is published and uncount it
 * after it is unlinked, and the classifier's gen moves after both, so a
 * walk that read a gen sees every prefix of every flow that gen counts.
 * Readers only test whether a prefix is present: a prefix still listed
 * for a flow that is gone only makes a megaflow more specific.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "datapath.h"
#include "flow.h"

struct weft_prefix {
	struct rhash_head node;
	u32 key;			/* host order prefix | its length */
	u32 count;			/* flows with it; weft_mutex */
	struct rcu_head rcu;
};

static const struct rhashtable_params weft_prefix_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct weft_prefix, key),
	.head_offset = offsetof(struct weft_prefix, node),
	.automatic_shrinking = true,
};

static const u8 weft_prefix_lens[] = { 16, 24 };

static u32 weft_prefix_key(__be32 addr, u8 len)
{
	/* The bits below the prefix are zero: the length fits there. */
	return (ntohl(addr) & (~0U << (32 - len))) | len;
}

/* Set up @st's counts if its mask holds the destination as a long prefix. */
int weft_prefix_init(struct weft_subtable *st)
{
	u32 m = ntohl(st->mask.ipv4_dst);
	unsigned int len = hweight32(m);

	st->dst_plen = 0;
	if (len <= weft_prefix_lens[0] || m != ~0U << (32 - len))
		return 0;
	st->dst_plen = len;
	return rhashtable_init(&st->prefixes, &weft_prefix_params);
}

/* Once no reader can see @st; its flows are gone, and so their prefixes. */
void weft_prefix_destroy(struct weft_subtable *st)
{
	if (st->dst_plen)
		rhashtable_destroy(&st->prefixes);
}

static void weft_prefix_put(struct weft_subtable *st, u32 key)
{
	struct weft_prefix *p;

	p = rhashtable_lookup_fast(&st->prefixes, &key, weft_prefix_params);
	if (WARN_ON_ONCE(!p) || --p->count)
		return;
	rhashtable_remove_fast(&st->prefixes, &p->node, weft_prefix_params);
	kfree_rcu(p, rcu);
	weft_obj_dec(WEFT_OBJ_PREFIXES);
}

/* Count @flow's prefixes in its subtable @st, before publishing it. */
int weft_prefix_add(struct weft_subtable *st, const struct weft_flow *flow)
{
	unsigned int i;
	int err;

	weft_assert_locked();
	if (!st->dst_plen)
		return 0;
	for (i = 0; i < ARRAY_SIZE(weft_prefix_lens); i++) {
		u32 key = weft_prefix_key(flow->key.ipv4_dst, weft_prefix_lens[i]);
		struct weft_prefix *p;

		if (weft_prefix_lens[i] >= st->dst_plen)
			break;
		p = rhashtable_lookup_fast(&st->prefixes, &key,
					   weft_prefix_params);
		if (p) {
			p->count++;
			continue;
		}
		p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
		if (!p) {
			err = -ENOMEM;
			goto undo;
		}
		p->key = key;
		p->count = 1;
		err = rhashtable_insert_fast(&st->prefixes, &p->node,
					     weft_prefix_params);
		if (err) {
			kfree(p);
			goto undo;
		}
		weft_obj_inc(WEFT_OBJ_PREFIXES);
	}
	return 0;
undo:
	while (i--)
		weft_prefix_put(st, weft_prefix_key(flow->key.ipv4_dst,
						    weft_prefix_lens[i]));
	return err;
}

/* Uncount @flow, once unlinked from @st. */
void weft_prefix_del(struct weft_subtable *st, const struct weft_flow *flow)
{
	unsigned int i;

	weft_assert_locked();
	for (i = 0; i < ARRAY_SIZE(weft_prefix_lens) &&
		    weft_prefix_lens[i] < st->dst_plen; i++)
		weft_prefix_put(st, weft_prefix_key(flow->key.ipv4_dst,
						    weft_prefix_lens[i]));
}

/*
 * A lookup found nothing in @st for @dst: the shortest counted prefix of
 * @dst no flow of @st has, as a mask (network order), or 0 if every
 * counted prefix is taken.  Under rcu_read_lock().
 */
__be32 weft_prefix_miss(struct weft_subtable *st, __be32 dst)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(weft_prefix_lens) &&
		    weft_prefix_lens[i] < st->dst_plen; i++) {
		u32 key = weft_prefix_key(dst, weft_prefix_lens[i]);

		if (!rhashtable_lookup(&st->prefixes, &key, weft_prefix_params))
			return htonl(~0U << (32 - weft_prefix_lens[i]));
	}
	return 0;
}
