/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Flow keys, masks, flows and the classifier that finds the highest
 * priority flow matching a packet.
 *
 * The classifier is a tuple space search, as in Open vSwitch: flows are
 * grouped into subtables by mask; a subtable hashes the masked key.  A
 * lookup visits subtables in decreasing order of the highest priority they
 * hold and stops as soon as no remaining subtable can beat the best match.
 */
#ifndef _WEFT_FLOW_H
#define _WEFT_FLOW_H

#include <linux/if_ether.h>
#include <linux/rhashtable.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

/*
 * What the classifier matches on.  Packed into whole u64 words, with every
 * padding byte explicit, so that masking and hashing work word by word and
 * a zeroed key compares equal only to itself.  Fields are grouped so that
 * the words a mask touches are few and close together: metadata first,
 * then L2, L3, L4.  Fields that share packet bytes share storage (ARP
 * addresses with IPv4's, ND link-layer addresses with ARP's hardware
 * addresses, ICMP type/code for v4 and v6).
 */
struct weft_key {
	/* Pipeline metadata: 56 bytes. */
	u32 in_port;
	u32 in_phy_port;
	u64 metadata;
	u32 regs[8];
	u64 tun_id;
	__be32 tun_ipv4_src;
	__be32 tun_ipv4_dst;
	/* L2: 24 bytes. */
	u8 eth_src[ETH_ALEN];
	u8 eth_dst[ETH_ALEN];
	__be16 eth_type;	/* after VLAN tags; 0x05ff for 802.3 */
	u16 vlan_vid;		/* WEFT_VID_PRESENT | vid; 0: untagged */
	u8 vlan_pcp;
	u8 mpls_tc;
	u8 mpls_bos;
	u8 mpls_ttl;		/* not matchable: for TTL actions */
	u32 mpls_label;
	/* L3: 72 bytes. */
	u8 ip_proto;
	u8 ip_dscp;
	u8 ip_ecn;
	u8 ip_frag;		/* WEFT_FRAG_* */
	__be16 arp_op;
	u8 nw_ttl;		/* not matchable: for TTL actions */
	u8 pad1;
	__be32 ipv4_src;	/* ARP: spa */
	__be32 ipv4_dst;	/* ARP: tpa */
	__be32 ipv6_label;
	u8 arp_sha[ETH_ALEN];	/* ND: sll */
	u8 arp_tha[ETH_ALEN];	/* ND: tll */
	struct in6_addr ipv6_src;
	struct in6_addr ipv6_dst;
	/* L4: 24 bytes. */
	struct in6_addr nd_target;
	__be16 tp_src;		/* TCP/UDP/SCTP */
	__be16 tp_dst;
	__be16 tcp_flags;
	u8 icmp_type;		/* ICMPv4 and ICMPv6 */
	u8 icmp_code;
} __aligned(8);

#define WEFT_KEY_WORDS (sizeof(struct weft_key) / sizeof(u64))

/*
 * Parse @skb (data at the Ethernet header) into @key; also sets
 * skb->mac_len and the network header for the packet editors.
 */
int weft_key_extract(struct sk_buff *skb, u32 in_port, struct weft_key *key);

static inline void weft_key_mask(struct weft_key *dst,
				 const struct weft_key *src,
				 const struct weft_key *mask)
{
	const u64 *s = (const u64 *)src, *m = (const u64 *)mask;
	u64 *d = (u64 *)dst;
	unsigned int i;

	for (i = 0; i < WEFT_KEY_WORDS; i++)
		d[i] = s[i] & m[i];
}

/*
 * Compiled actions.  The kinds are numbered in the order OpenFlow executes
 * an action set, so that the set is a table indexed by kind.
 */
enum weft_action_type {
	WEFT_ACTION_COPY_TTL_IN,
	WEFT_ACTION_POP_VLAN,
	WEFT_ACTION_POP_MPLS,
	WEFT_ACTION_PUSH_MPLS,
	WEFT_ACTION_PUSH_VLAN,
	WEFT_ACTION_COPY_TTL_OUT,
	WEFT_ACTION_DEC_MPLS_TTL,
	WEFT_ACTION_DEC_NW_TTL,
	WEFT_ACTION_SET_MPLS_TTL,
	WEFT_ACTION_SET_NW_TTL,
	WEFT_ACTION_SET_FIELD,
	WEFT_ACTION_SET_QUEUE,
	WEFT_ACTION_GROUP,
	WEFT_ACTION_OUTPUT,
	WEFT_ACTION_CONTROLLER,
	WEFT_ACTION_KINDS
};

struct weft_action {
	u8 type;		/* WEFT_ACTION_* */
	u16 attr;		/* SET_FIELD: the WEFT_KEY_A_* */
	u32 arg;		/* port, group, max_len, TTL, queue, ethertype */
	u8 value[16];		/* SET_FIELD: the netlink value */
};

/*
 * A flow's instructions, compiled into one allocation that is replaced
 * whole under RCU, never edited: apply actions are a[0..n_apply), write
 * actions a[n_apply..n_apply + n_write).
 */
struct weft_insts {
	struct rcu_head rcu;
	u64 meta_value;
	u64 meta_mask;		/* 0: no write-metadata */
	u16 n_apply;
	u16 n_write;
	u8 goto_table;		/* 0: none (a goto is always forward) */
	bool clear;
	/*
	 * An apply action may load key fields from packet bytes the key does
	 * not hold (a popped tag's inner one, MPLS's payload, ND fields): what
	 * later tables see is then not a function of the key alone.
	 */
	bool opaque;
	/*
	 * An apply action changes packet fields of the key according to which
	 * headers the packet has (megaflow.h).
	 */
	bool reshapes;
	struct weft_action a[];
};

static inline const struct weft_action *
weft_insts_write(const struct weft_insts *in)
{
	return in->a + in->n_apply;
}

struct weft_flow_pcpu_stats {
	u64_stats_t packets;
	u64_stats_t bytes;
	unsigned long used;	/* jiffies; 0: never */
	struct u64_stats_sync syncp;
};

struct weft_subtable;
struct weft_stats_chunk;

/*
 * What the subtables hash: a key and the range of its words the
 * subtable's mask covers, so that hashing and comparing skip the rest.
 */
struct weft_mkey {
	const struct weft_key *key;
	u8 start, end;			/* words [start, end) */
};

struct weft_flow {
	struct rhlist_head hnode;	/* in subtable->flows */
	struct weft_mkey mkey;		/* the rhashtable key: -> key */
	struct weft_key key;		/* already masked */
	struct weft_subtable *st;
	u32 id;				/* index in weft_classifier.ids */
	u16 priority;
	u8 table;
	u32 flags;
	u64 cookie;
	u64 created;			/* jiffies_64 */
	struct weft_insts __rcu *insts;
	struct weft_flow_pcpu_stats __percpu *stats;	/* a slot of: */
	struct weft_stats_chunk *stats_chunk;
	u16 idle_timeout;		/* seconds, 0: none */
	u16 hard_timeout;
	struct list_head expiry_node;	/* in cls->expiring, if timed */
	struct rcu_head rcu;
};

struct weft_subtable {
	struct rhltable flows;
	struct weft_key mask;
	u8 start, end;			/* words of mask that are not zero */
	u32 n_flows;
	u16 max_priority;		/* of the flows it holds */
	u32 n_max_priority;		/* how many flows have max_priority */
	struct list_head node;		/* in weft_table->subtables */
	/* rhltable_destroy() sleeps: freed by a work item after a grace period */
	struct rcu_work rwork;
	/* Destination prefix length of the mask; 0: prefixes not counted. */
	u8 dst_plen;
	struct rhashtable prefixes;	/* struct weft_prefix (flow_prefix.c) */
};

int weft_prefix_init(struct weft_subtable *st);
void weft_prefix_destroy(struct weft_subtable *st);
int weft_prefix_add(struct weft_subtable *st, const struct weft_flow *flow);
void weft_prefix_del(struct weft_subtable *st, const struct weft_flow *flow);
__be32 weft_prefix_miss(struct weft_subtable *st, __be32 dst);

/* The readers' view of a table: subtables by decreasing max_priority. */
struct weft_subtable_vec {
	struct rcu_head rcu;
	unsigned int n;
	struct weft_subtable *st[];
};

struct weft_table_pcpu_stats {
	u64_stats_t lookups;
	u64_stats_t matches;
	struct u64_stats_sync syncp;
};

struct weft_table {
	struct list_head subtables;	/* weft_mutex */
	struct weft_subtable_vec __rcu *vec;
	u32 n_flows;
	u32 miss;			/* WEFT_TABLE_MISS_* */
	u16 miss_max_len;
	struct weft_table_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

struct weft_classifier {
	/* Tables are allocated on first use; WEFT_TABLE_MAX + 1 of them. */
	struct weft_table __rcu **tables;
	/* Flow id -> flow, for dumps that resume where they stopped. */
	struct xarray ids;
	u32 next_id;
	u32 n_flows;
	/*
	 * Bumped on every change to flows, their instructions or a table's
	 * miss behaviour, with weft_cls_changed(): dumps use it to detect a
	 * change, and the exact-match cache to expire its entries.
	 */
	unsigned long gen;
	struct list_head expiring;	/* flows with a timeout */
};

/* After the change is published, so a reader seeing the new gen sees it. */
static inline void weft_cls_changed(struct weft_classifier *cls)
{
	/* Pairs with weft_emc_begin()'s acquire. */
	smp_store_release(&cls->gen, cls->gen + 1);
}

int weft_cls_init(struct weft_classifier *cls);
void weft_cls_destroy(struct weft_classifier *cls);
struct weft_flow *weft_cls_lookup(struct weft_classifier *cls,
				  struct weft_table *t, const struct weft_key *key,
				  unsigned int *cost, struct weft_key *wc);
struct weft_table *weft_cls_table(struct weft_classifier *cls, u8 id);
struct weft_table *weft_cls_table_get(struct weft_classifier *cls, u8 id);
void weft_table_get_stats(const struct weft_table *t, u64 *lookups,
			  u64 *matches);
struct weft_flow *weft_cls_find_exact(struct weft_classifier *cls, u8 table,
				      u16 priority, const struct weft_key *key,
				      const struct weft_key *mask);
int weft_cls_insert(struct weft_classifier *cls, struct weft_flow *flow,
		    const struct weft_key *mask);
bool weft_cls_overlaps(struct weft_classifier *cls, u8 table, u16 priority,
		       const struct weft_key *key, const struct weft_key *mask);
void weft_cls_remove(struct weft_classifier *cls, struct weft_flow *flow);
void weft_cls_flush(struct weft_classifier *cls);

int weft_flow_cache_init(void);
void weft_flow_cache_uninit(void);
struct weft_flow *weft_flow_alloc(void);
/* flow_stats.c */
int weft_flow_stats_alloc(struct weft_flow *flow);
void weft_flow_stats_free(struct weft_flow *flow);
void weft_flow_free(struct weft_flow *flow);
void weft_flow_used(struct weft_flow *flow, const struct sk_buff *skb);
void weft_pcpu_stats_read(struct weft_flow_pcpu_stats __percpu *stats,
			  u64 *packets, u64 *bytes, unsigned long *used);
void weft_flow_get_stats(const struct weft_flow *flow, u64 *packets,
			 u64 *bytes, unsigned long *used);
void weft_flow_reset_stats(struct weft_flow *flow);
static inline const struct weft_key *
weft_flow_mask(const struct weft_flow *flow)
{
	return &flow->st->mask;
}

void weft_insts_free(struct weft_insts *insts);
void weft_insts_free_rcu(struct weft_insts *insts);
bool weft_insts_output_to(const struct weft_insts *insts, u32 port_no);
bool weft_insts_uses_group(const struct weft_insts *insts, u32 group_id);

#endif /* _WEFT_FLOW_H */
