/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the generic netlink command files. */
#ifndef _WEFT_NETLINK_H
#define _WEFT_NETLINK_H

#include <net/genetlink.h>

#include "datapath.h"

extern struct genl_family weft_genl_family;

struct weft_dp *weft_nl_get_dp(struct net *net, struct nlattr **attrs,
			       struct netlink_ext_ack *extack);
void *weft_nl_put_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 u8 cmd, const struct weft_dp *dp);

int weft_nl_flow_new(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_set(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_del(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_get(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_dump(struct sk_buff *skb, struct netlink_callback *cb);
int weft_nl_flow_flush(struct sk_buff *skb, struct genl_info *info);

#endif /* _WEFT_NETLINK_H */
