/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Datapaths: the parsed form of WEFT_CMD_DP_* replies and events, and how a
 * request names the datapath it is about.
 */
#ifndef WEFT_DP_H
#define WEFT_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct weft_dp_stats {
	__u64 lookups;
	__u64 hits;
	__u64 misses;
	__u64 lost;
};

struct weft_dp_info {
	__u32 attrs;		/* 1 << WEFT_A_x: x was in the reply */
	char name[IFNAMSIZ];
	__u32 ifindex;
	__u32 flags;
	__u32 n_ports;		/* includes the local port */
	__u32 n_flows;
	struct weft_dp_stats stats;
};

/* Parse a WEFT_CMD_DP_* message.  Returns 0 or -EPROTO. */
int weft_dp_msg_parse(const struct nlmsghdr *nlh, struct weft_dp_info *dp);

/* True if @name can name a datapath (a netdev name: 1..IFNAMSIZ-1 bytes). */
bool weft_dp_name_ok(const char *name);

/*
 * Address the datapath @name in a request (WEFT_A_DP_NAME) of @size bytes.
 * Returns 0, -EINVAL for a bad name or -EMSGSIZE.
 */
int weft_dp_put_name(struct nlmsghdr *nlh, size_t size, const char *name);

#endif /* WEFT_DP_H */
