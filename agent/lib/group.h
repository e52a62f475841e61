/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenFlow groups: struct weft_group <-> WEFT_A_GROUP attributes, and
 * ovs-ofctl's group syntax ("group_id=1,type=select,bucket=weight:2,
 * actions=output:1,bucket=...") both ways.
 */
#ifndef WEFT_GROUP_H
#define WEFT_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "match.h"

struct weft_bucket {
	__u32 attrs;		/* WEFT_BIT(WEFT_BUCKET_A_x): x was given */
	__u16 weight;
	__u32 watch_port;	/* WEFT_PORT_ANY: none */
	__u32 watch_group;	/* WEFT_GROUP_ANY: none */
	struct weft_actions actions;
	__u64 packets;		/* read-only: WEFT_BUCKET_A_STATS */
	__u64 bytes;
};

struct weft_group {
	__u32 attrs;		/* WEFT_BIT(WEFT_GROUP_A_x): x was given */
	__u32 id;
	__u32 type;		/* WEFT_GROUP_TYPE_* */
	unsigned int n_buckets;
	struct weft_bucket buckets[WEFT_BUCKETS_MAX];
	/* Read-only, from WEFT_GROUP_A_STATS. */
	__u64 packets;
	__u64 bytes;
	__u32 ref_count;
	__u64 duration_ms;
};

void weft_group_init(struct weft_group *g);

/* "all", "select", "indirect", "ff"; NULL for an unknown type. */
const char *weft_group_type_name(__u32 type);

/*
 * Add the WEFT_A_GROUP nest of @g: ID, TYPE and BUCKETS as far as .attrs
 * says (GROUP_DEL and GROUP_GET send the ID alone).  0 or -EMSGSIZE.
 */
int weft_group_nl_put(struct nlmsghdr *nlh, size_t size,
		      const struct weft_group *g);
/* Parse a WEFT_CMD_GROUP_GET reply.  0 or -EPROTO. */
int weft_group_msg_parse(const struct nlmsghdr *nlh, struct weft_group *g);

/* What the group text is for. */
enum weft_group_op {
	WEFT_GROUP_OP_ADD,	/* id, type and buckets */
	WEFT_GROUP_OP_MOD,
	WEFT_GROUP_OP_DEL,	/* "group_id=N", "N" or "group_id=all" */
};

/*
 * Parse ovs-ofctl group text.  Port names go through @resolve.  Errors
 * quote the bad token, as for flows.
 */
int weft_group_from_str(struct weft_group *g, const char *text,
			enum weft_group_op op, weft_port_resolver resolve,
			void *ctx, char *err, size_t errlen);

/*
 * ovs-ofctl -O OpenFlow13 dump-groups: "group_id=1,type=select,
 * bucket=weight:2,actions=output:1,bucket=actions=output:2".
 */
int weft_group_format(const struct weft_group *g, char *buf, size_t len);
/*
 * dump-group-stats: "group_id=1,duration=2.5s,ref_count=1,
 * packet_count=3,byte_count=294,bucket0:packet_count=3,byte_count=294".
 */
int weft_group_format_stats(const struct weft_group *g, char *buf,
			    size_t len);

#endif /* WEFT_GROUP_H */
