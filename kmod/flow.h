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
#include <linux/xarray.h>

/*
 * What the classifier matches on.  Packed into whole u64 words, with every
 * padding byte explicit, so that masking and hashing work word by word and
 * a zeroed key compares equal only to itself.
 */
struct weft_key {
	u32 in_port;
	u16 vlan_vid;		/* WEFT_VID_PRESENT | vid; 0: untagged */
	u8 vlan_pcp;
	u8 ip_proto;
	u8 eth_src[ETH_ALEN];
	u8 eth_dst[ETH_ALEN];
	__be16 eth_type;	/* after VLAN tags */
	u8 ip_dscp;		/* 6 bits */
	u8 ip_ecn;		/* 2 bits */
	__be32 ipv4_src;
	__be32 ipv4_dst;
	__be16 tp_src;		/* TCP/UDP/SCTP */
	__be16 tp_dst;
	u8 icmp_type;
	u8 icmp_code;
	u8 pad[6];
} __aligned(8);

#define WEFT_KEY_WORDS (sizeof(struct weft_key) / sizeof(u64))

/* Parse @skb (data at the Ethernet header) into @key. */
int weft_key_extract(const struct sk_buff *skb, u32 in_port,
		     struct weft_key *key);

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

/* A compiled action list.  Replaced as a whole under RCU, never edited. */
enum weft_action_type {
	WEFT_ACTION_OUTPUT,
};

struct weft_action {
	u16 type;
	u32 arg;
};

struct weft_actions {
	struct rcu_head rcu;
	u32 n;
	struct weft_action a[];
};

struct weft_flow_pcpu_stats {
	u64_stats_t packets;
	u64_stats_t bytes;
	unsigned long used;	/* jiffies; 0: never */
	struct u64_stats_sync syncp;
};

struct weft_subtable;

struct weft_flow {
	struct rhlist_head hnode;	/* in subtable->flows */
	struct weft_key key;		/* already masked */
	struct weft_subtable *st;
	u32 id;				/* index in weft_classifier.ids */
	u16 priority;
	u8 table;
	u32 flags;
	u64 cookie;
	u64 created;			/* jiffies_64 */
	struct weft_actions __rcu *acts;
	struct weft_flow_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

struct weft_subtable {
	struct rhltable flows;
	struct weft_key mask;
	u32 n_flows;
	u16 max_priority;		/* of the flows it holds */
	u32 n_max_priority;		/* how many flows have max_priority */
	struct list_head node;		/* in weft_table->subtables */
	struct rcu_head rcu;
};

/* The readers' view of a table: subtables by decreasing max_priority. */
struct weft_subtable_vec {
	struct rcu_head rcu;
	unsigned int n;
	struct weft_subtable *st[];
};

struct weft_table {
	struct list_head subtables;	/* weft_mutex */
	struct weft_subtable_vec __rcu *vec;
	u32 n_flows;
};

struct weft_classifier {
	/* Tables are allocated on first use; WEFT_TABLE_MAX + 1 of them. */
	struct weft_table __rcu **tables;
	/* Flow id -> flow, for dumps that resume where they stopped. */
	struct xarray ids;
	u32 next_id;
	u32 n_flows;
	u32 gen;			/* bumped on every flow change */
};

int weft_cls_init(struct weft_classifier *cls);
void weft_cls_destroy(struct weft_classifier *cls);
struct weft_flow *weft_cls_lookup(struct weft_classifier *cls, u8 table,
				  const struct weft_key *key);
struct weft_flow *weft_cls_find_exact(struct weft_classifier *cls, u8 table,
				      u16 priority, const struct weft_key *key,
				      const struct weft_key *mask);
int weft_cls_insert(struct weft_classifier *cls, struct weft_flow *flow,
		    const struct weft_key *mask);
void weft_cls_remove(struct weft_classifier *cls, struct weft_flow *flow);
void weft_cls_flush(struct weft_classifier *cls);

struct weft_flow *weft_flow_alloc(void);
void weft_flow_free(struct weft_flow *flow);
void weft_flow_used(struct weft_flow *flow, const struct sk_buff *skb);
void weft_flow_get_stats(const struct weft_flow *flow, u64 *packets,
			 u64 *bytes, unsigned long *used);
void weft_flow_reset_stats(struct weft_flow *flow);
static inline const struct weft_key *
weft_flow_mask(const struct weft_flow *flow)
{
	return &flow->st->mask;
}

void weft_actions_free(struct weft_actions *acts);
void weft_actions_free_rcu(struct weft_actions *acts);
bool weft_actions_output_to(const struct weft_actions *acts, u32 port_no);

#endif /* _WEFT_FLOW_H */
