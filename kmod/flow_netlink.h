/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WEFT_FLOW_NETLINK_H
#define _WEFT_FLOW_NETLINK_H

#include <net/netlink.h>
#include <linux/weft.h>

#include "flow.h"

extern const struct nla_policy weft_key_policy[WEFT_KEY_A_MAX + 1];
extern const struct nla_policy weft_inst_policy[WEFT_INST_A_MAX + 1];

int weft_match_from_nlattrs(const struct nlattr *key_attr,
			    const struct nlattr *mask_attr,
			    struct weft_key *key, struct weft_key *mask,
			    struct netlink_ext_ack *extack);
int weft_match_to_nlattrs(struct sk_buff *skb, const struct weft_key *key,
			  const struct weft_key *mask);
bool weft_match_covers(const struct weft_key *key, const struct weft_key *mask,
		       const struct weft_key *sel_key,
		       const struct weft_key *sel_mask);
int weft_insts_from_nlattr(const struct nlattr *attr,
			   struct weft_actions **actsp,
			   struct netlink_ext_ack *extack);
int weft_insts_to_nlattr(struct sk_buff *skb, const struct weft_actions *acts);
struct weft_actions *weft_actions_clone(const struct weft_actions *acts);

#endif /* _WEFT_FLOW_NETLINK_H */
