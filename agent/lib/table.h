/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Flow tables: the parsed form of WEFT_CMD_TABLE_GET replies, and the
 * words for what a table does with a packet no flow matches.
 */
#ifndef WEFT_TABLE_H
#define WEFT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct weft_table_info {
	__u8 id;
	__u32 miss;		/* WEFT_TABLE_MISS_* */
	__u16 miss_max_len;	/* WEFT_CTRL_NO_BUFFER: the whole packet */
	__u32 n_flows;
	__u64 lookups;
	__u64 matches;
};

/* Parse a WEFT_CMD_TABLE_GET reply.  Returns 0 or -EPROTO. */
int weft_table_msg_parse(const struct nlmsghdr *nlh,
			 struct weft_table_info *t);

/* "drop", "controller", "continue"; NULL for an unknown value. */
const char *weft_table_miss_name(__u32 miss);
/* The inverse; -EINVAL for an unknown word. */
int weft_table_miss_parse(const char *s, __u32 *miss);

/* What WEFT_CMD_TABLE_SET changes; the flags say which are sent. */
struct weft_table_set {
	__u8 id;
	bool has_miss, has_max_len;
	__u32 miss;
	__u16 miss_max_len;
};

/* Add the WEFT_A_TABLE nest of a TABLE_GET (@set NULL: ID only) or SET. */
int weft_table_put(struct nlmsghdr *nlh, size_t size, __u8 id,
		   const struct weft_table_set *set);

#endif /* WEFT_TABLE_H */
