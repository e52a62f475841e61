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
#include "match.h"
#include "port.h"

/* One datapath: name, ifindex, n_ports, n_flows, stats{...}. */
void weft_show_dp(const struct weft_dp_info *dp);

/*
 * One port: port_no, name, type, ifindex, address, mtu, state, stats{...}.
 * @brief: text shows only the number, name and counters (for `stats`); the
 * JSON object is the same either way.
 */
void weft_show_port(const struct weft_port_info *port, bool brief);

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

#endif /* WEFT_SHOW_H */
