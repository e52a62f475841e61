/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of one packet's walk through the pipeline.  It lives on the
 * stack of the CPU processing the packet, inside one RCU read-side
 * section, so the flows, instructions and groups it points at stay valid
 * for the whole walk.
 */
#ifndef _WEFT_PIPELINE_H
#define _WEFT_PIPELINE_H

#include "datapath.h"
#include "flow.h"

/* At most this many set-field actions wait in one action set. */
#define WEFT_ASET_SF_MAX	16

/*
 * The action set.  Only @present and @n_sf need clearing: kind[k] is
 * valid while bit k of @present is set, so the packet path never zeroes
 * the arrays.
 */
struct weft_aset {
	u32 present;
	u8 n_sf;
	const struct weft_action *kind[WEFT_ACTION_KINDS];
	const struct weft_action *sf[WEFT_ASET_SF_MAX];
};

static inline const struct weft_action *
weft_aset_get(const struct weft_aset *as, unsigned int k)
{
	return as->present & BIT(k) ? as->kind[k] : NULL;
}

#define WEFT_TRACE_STEPS	64
#define WEFT_TRACE_OUTPUTS	64

/* What WEFT_CMD_TRACE reports; filled only while tracing. */
struct weft_trace {
	unsigned int n_steps;
	struct {
		u8 table;
		const struct weft_flow *flow;	/* NULL: a miss */
		u32 miss;
	} step[WEFT_TRACE_STEPS];
	unsigned int n_out;
	u32 out[WEFT_TRACE_OUTPUTS];
	struct weft_aset aset;			/* as executed at the end */
	bool dropped;
};

struct weft_pctx {
	struct weft_dp *dp;
	struct sk_buff *skb;		/* NULL while tracing */
	struct weft_key key;		/* kept in step with the packet */
	/* weft_dp_process() zeroes what follows the key, only. */
	struct weft_vport *pending;	/* the output waiting for the next */
	struct weft_trace *trace;	/* NULL unless tracing */
	u64 cookie;			/* of the flow being executed */
	const struct weft_flow *flow;	/* that flow, NULL for a miss */
	u8 table;			/* where it is being executed */
	u8 depth;			/* group nesting */
	bool stop;			/* dropped half way (TTL, memory) */
};

/* Run @c's packet through the pipeline from table @table; consumes it. */
void weft_pipeline_run(struct weft_pctx *c, u8 table);
/* Run a bare action list (packet-out); consumes the packet. */
void weft_actions_run(struct weft_pctx *c, const struct weft_insts *acts);

#endif /* _WEFT_PIPELINE_H */
