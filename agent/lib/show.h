/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Printing weft objects in text or JSON (see print.h).  JSON keys are the
 * team's contract (snake_case); text follows ip(8) for datapaths and ports
 * and ovs-ofctl dump-flows for flows.
 */
#ifndef WEFT_SHOW_H
#define WEFT_SHOW_H

#include <stdbool.h>
#include <stddef.h>

#include "dp.h"
#include "group.h"
#include "match.h"
#include "port.h"
#include "table.h"
#include "trace.h"

/* One datapath: name, ifindex, n_ports, n_flows, stats{...}. */
void weft_show_dp(const struct weft_dp_info *dp);

/*
 * One port: port_no, name, type, ifindex, address, mtu, state, stats{...}.
 * @brief: text shows only the number, name and counters (for `stats`); the
 * JSON object is the same either way.
 */
void weft_show_port(const struct weft_port_info *port, bool brief);
/* A port's WEFT_PORT_C_* bits: text only when some are set, JSON always. */
void weft_show_port_config(__u32 config, enum weft_output_type detail);

/*
 * A datapath with its ports' counters (`weftctl stats`): the datapath
 * object with a "ports" array.
 */
void weft_show_dp_stats(const struct weft_dp_info *dp,
			const struct weft_port_info *ports, size_t n_ports);

/*
 * One flow: ovs-ofctl dump-flows line in text; in JSON table, priority,
 * cookie, match{field: text}, match_text, actions, flags[], n_packets,
 * n_bytes, duration_ms, used_ms (null if never used).
 */
void weft_show_flow(const struct weft_flow *flow);

/*
 * Tables as ovs-ofctl dump-tables shows them ("  table 0:" and the
 * counters, runs of identical tables as "ditto"); in JSON an array of
 * table_id, miss, miss_max_len, n_flows, lookups, matches.
 */
void weft_show_tables(const struct weft_table_info *t, size_t n);

/*
 * One group, as dump-groups (or with @stats, dump-group-stats) prints it,
 * one line with a leading space; JSON: group_id, type, buckets[{weight,
 * watch_port, watch_group, actions, n_packets, n_bytes}], ref_count,
 * n_packets, n_bytes, duration_ms, text.
 */
void weft_show_group(const struct weft_group *g, bool stats);

/*
 * A trace: "table N: FLOW" or "table N: miss -> WHAT" per table, "Final
 * flow:", "Action set:" and "Datapath actions:" lines.  JSON (one object):
 *   steps: [{table, flow, cookie} or {table, miss}], final_flow,
 *   action_set (text, "" if empty), outputs (port names),
 *   datapath_actions ("output 2, controller" or "drop"), dropped
 * refcls (tests/refcls.c) prints its own traces through this function,
 * so that the two can be compared line by line.
 */
void weft_show_trace(const struct weft_trace *t);

/*
 * A notification (dp/port new and del, flow removed, packet-in) as one
 * line of text or one JSON object with an "event" key, flushed at once.
 * Returns 1 if printed, 0 if @nlh is no notification we show or belongs
 * to another datapath than @dp (NULL: any), -EPROTO if malformed.
 */
int weft_show_event(const struct nlmsghdr *nlh, const char *dp);

#endif /* WEFT_SHOW_H */
