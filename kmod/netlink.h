/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the generic netlink command files. */
#ifndef _WEFT_NETLINK_H
#define _WEFT_NETLINK_H

#include <net/genetlink.h>

#include "datapath.h"
#include "flow.h"

extern struct genl_family weft_genl_family;
extern const struct nla_policy weft_flow_policy[WEFT_FLOW_A_MAX + 1];
extern const struct nla_policy weft_group_policy[WEFT_GROUP_A_MAX + 1];
extern const struct nla_policy weft_packet_policy[WEFT_PACKET_A_MAX + 1];
extern const struct nla_policy weft_table_policy[WEFT_TABLE_A_MAX + 1];

/* What a flow request says, whichever command carries it. */
struct weft_flow_req {
	struct nlattr *ft[WEFT_FLOW_A_MAX + 1];
	struct weft_key key;		/* masked */
	struct weft_key mask;
	/* Cleared on their own: the rest is each filled by its parser. */
	struct_group(opts,
		u64 cookie, cookie_mask;
		u32 flags;
		u32 out_port;
		u32 out_group;
		u16 idle_timeout, hard_timeout;
		u16 priority;
		u8 table;
		bool all_tables;
		bool strict;
	);
};

int weft_flow_req_parse(const struct nlattr *attr, u8 cmd,
			struct weft_flow_req *req, struct netlink_ext_ack *extack);
int weft_nl_fill_flow(struct sk_buff *skb, const struct weft_dp *dp,
		      const struct weft_flow *flow, u32 portid, u32 seq,
		      int flags, u8 cmd, struct netlink_callback *cb, int reason);
void weft_flow_set_timeouts(struct weft_dp *dp, struct weft_flow *flow,
			    u32 flags, u16 idle, u16 hard);
int weft_flow_select(struct weft_dp *dp, const struct weft_flow_req *req,
		     int (*fn)(struct weft_dp *dp, struct weft_flow *flow,
			       void *arg),
		     void *arg);

struct weft_dp *weft_nl_get_dp(struct net *net, struct nlattr **attrs,
			       struct netlink_ext_ack *extack);
int weft_nl_parse_nest(struct genl_info *info, int type, int max,
		       const struct nla_policy *policy, struct nlattr **tb,
		       const char *missing);
void *weft_nl_put_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 u8 cmd, const struct weft_dp *dp);

int weft_nl_flow_new(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_set(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_del(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_get(struct sk_buff *skb, struct genl_info *info);
int weft_nl_flow_dump(struct sk_buff *skb, struct netlink_callback *cb);
int weft_nl_flow_flush(struct sk_buff *skb, struct genl_info *info);
int weft_nl_table_get(struct sk_buff *skb, struct genl_info *info);
int weft_nl_table_dump(struct sk_buff *skb, struct netlink_callback *cb);
int weft_nl_table_set(struct sk_buff *skb, struct genl_info *info);
int weft_nl_packet_out(struct sk_buff *skb, struct genl_info *info);
int weft_nl_trace(struct sk_buff *skb, struct genl_info *info);
int weft_nl_bundle(struct sk_buff *skb, struct genl_info *info);

#endif /* _WEFT_NETLINK_H */
