/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WEFT_CMD_TRACE replies: the tables a packet visited, the flow it matched
 * in each (or the miss), its key after the pipeline, the action set that
 * ran at the end and the ports it would leave by.
 */
#ifndef WEFT_TRACE_H
#define WEFT_TRACE_H

#include <stdbool.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include "match.h"

/* As many as the kernel reports (its WEFT_TRACE_STEPS/_OUTPUTS). */
#define WEFT_TRACE_MAX_STEPS	64
#define WEFT_TRACE_MAX_OUTPUTS	64

struct weft_trace_step {
	__u8 table;
	bool miss;		/* no flow matched: .miss_kind applied */
	__u32 miss_kind;	/* WEFT_TABLE_MISS_* */
	struct weft_flow flow;	/* the flow that matched */
};

struct weft_trace {
	unsigned int n_steps;
	struct weft_trace_step steps[WEFT_TRACE_MAX_STEPS];
	struct weft_match key;		/* the packet after the pipeline */
	struct weft_actions action_set;	/* executed at the end */
	unsigned int n_out;
	__u32 out[WEFT_TRACE_MAX_OUTPUTS];	/* ports, WEFT_PORT_CONTROLLER */
	bool dropped;			/* stopped half way (TTL, ...) */
};

/*
 * Parse a WEFT_CMD_TRACE reply into @t (big: allocate it).  Returns 0 or
 * -EPROTO.
 */
int weft_trace_msg_parse(const struct nlmsghdr *nlh, struct weft_trace *t);

#endif /* WEFT_TRACE_H */
