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
	__u64 upcalls;			/* packet-ins delivered */
	__u64 upcall_drop_rate;		/* ... and not: rate limited */
	__u64 upcall_drop_queue;	/* listener's queue full */
	__u64 upcall_drop_no_listener;
	__u64 upcall_drop_nomem;
	bool cache;			/* the module reports the two below */
	__u64 cache_hits;		/* walks replayed from the cache */
	__u64 cache_misses;
	bool port_drop;			/* the module reports the one below */
	__u64 upcall_drop_port;		/* entered on a no_packet_in port */
	bool megaflow;			/* the module reports the two below */
	__u64 megaflow_hits;		/* walks replayed from megaflows */
	__u64 megaflow_misses;
};

struct weft_dp_info {
	__u32 attrs;		/* 1 << WEFT_A_x: x was in the reply */
	char name[IFNAMSIZ];
	__u32 ifindex;
	__u32 flags;
	__u32 n_ports;		/* includes the local port */
	__u32 n_flows;
	__u32 upcall_pid;	/* the packet-in listener's portid, 0: none */
	__u32 upcall_rate;	/* packet-ins per second */
	__u32 upcall_burst;
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

/* What WEFT_CMD_DP_SET changes; the flags say which fields are sent. */
struct weft_dp_set {
	bool has_pid, has_rate, has_burst;
	__u32 upcall_pid;
	__u32 upcall_rate;
	__u32 upcall_burst;
};

/* Add the attributes of @set to a DP_SET request.  0 or -EMSGSIZE. */
int weft_dp_set_put(struct nlmsghdr *nlh, size_t size,
		    const struct weft_dp_set *set);

#endif /* WEFT_DP_H */
