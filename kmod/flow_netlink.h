/* SPDX-License-Identifier: GPL-2.0 */
/* Matches, instructions and actions to and from netlink attributes. */
#ifndef _WEFT_FLOW_NETLINK_H
#define _WEFT_FLOW_NETLINK_H

#include <net/netlink.h>
#include <linux/weft.h>

#include "flow.h"

struct weft_dp;

/* What a field needs matched before it may be matched or set. */
enum weft_prereq {
	WEFT_PRE_NONE,
	WEFT_PRE_VLAN,
	WEFT_PRE_IP,
	WEFT_PRE_IPV4,
	WEFT_PRE_IPV6,
	WEFT_PRE_ARP,
	WEFT_PRE_MPLS,
	WEFT_PRE_TCP,
	WEFT_PRE_UDP,
	WEFT_PRE_SCTP,
	WEFT_PRE_ICMPV4,
	WEFT_PRE_ICMPV6,
	WEFT_PRE_ND,
	WEFT_PRE_ND_SLL,
	WEFT_PRE_ND_TLL,
};

struct weft_field {
	u16 attr;
	u8 offset;
	u8 len;
	u8 prereq;
	bool settable;
	const char *name;
	/* extack needs static strings: one per field and kind of error. */
	const char *no_value;
	const char *stray_bits;
	const char *unmet;
};

extern const struct nla_policy weft_key_policy[WEFT_KEY_A_MAX + 1];
extern const struct nla_policy weft_inst_policy[WEFT_INST_A_MAX + 1];
extern const struct nla_policy weft_act_policy[WEFT_ACT_A_MAX + 1];

void weft_fields_init(void);
const struct weft_field *weft_field_get(u16 attr);
bool weft_prereq_met(u8 prereq, const struct weft_key *k,
		     const struct weft_key *m);
void weft_extack(struct netlink_ext_ack *extack, const struct nlattr *attr,
		 const char *msg);
const char *weft_field_range(const struct weft_field *f, const void *v);

/* Of a request generic netlink has validated against weft_policy. */
int weft_match_from_nlattrs(const struct nlattr *key_attr,
			    const struct nlattr *mask_attr,
			    struct weft_key *key, struct weft_key *mask,
			    struct netlink_ext_ack *extack);
int weft_match_to_nlattrs(struct sk_buff *skb, const struct weft_key *key,
			  const struct weft_key *mask);
int weft_key_from_nlattr(const struct nlattr *attr, struct weft_key *key,
			 struct netlink_ext_ack *extack);
int weft_key_to_nlattr(struct sk_buff *skb, int type,
		       const struct weft_key *key, bool meta_only);
bool weft_match_covers(const struct weft_key *key, const struct weft_key *mask,
		       const struct weft_key *sel_key,
		       const struct weft_key *sel_mask);

/* Where an action list appears decides what it may hold. */
struct weft_act_ctx {
	struct weft_dp *dp;		/* groups must exist there */
	const struct weft_key *key;	/* the flow's match, for set-field */
	const struct weft_key *mask;	/* prerequisites; NULL: none */
	u8 table;			/* the flow's table, for goto */
	bool packet_out;		/* OUTPUT to WEFT_PORT_TABLE allowed */
	/*
	 * Group ids are taken as they come, to be parsed again with @dp
	 * under weft_mutex if any is named (weft_insts_uses_group()).
	 */
	bool groups_later;
};

int weft_insts_from_nlattr(const struct nlattr *attr,
			   const struct weft_act_ctx *ctx,
			   struct weft_insts **instsp,
			   struct netlink_ext_ack *extack);
int weft_insts_to_nlattr(struct sk_buff *skb, const struct weft_insts *insts);
struct weft_insts *weft_insts_clone(const struct weft_insts *insts);
int weft_actions_from_nlattr(const struct nlattr *list,
			     const struct weft_act_ctx *ctx,
			     struct weft_insts **instsp,
			     struct netlink_ext_ack *extack);
int weft_actions_to_nlattr(struct sk_buff *skb, int type,
			   const struct weft_action *a, unsigned int n);

#endif /* _WEFT_FLOW_NETLINK_H */
