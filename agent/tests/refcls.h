/* SPDX-License-Identifier: GPL-2.0 */
/*
 * refcls: a reference OpenFlow 1.3 classifier over libweft's flow struct,
 * written from the OpenFlow rules and uapi/linux/weft.h alone (not from
 * the kernel's classifier), to cross-check WEFT_CMD_TRACE.  Brute force:
 * every packet is compared with every flow of the table it is in.
 *
 * A "case" is what a datapath holds and what to trace through it:
 *
 *   # comment
 *   ports 1 2 3              ports that exist (LOCAL always does)
 *   table 1 miss=continue    a table's miss behaviour (default: drop),
 *                            as `weftctl table set DP 1 miss=continue`
 *   flow FLOW                a flow, as `weftctl flow add DP FLOW`
 *   packet PACKET            a packet, as `weftctl trace DP PACKET`
 *
 * Flows are installed in file order (a later identical flow replaces an
 * earlier one, as the kernel does); packets are traced against the whole
 * table set.  For each packet, refcls prints what `weftctl -j trace DP
 * PACKET` prints, one JSON object per line, through the same printer
 * (weft_show_trace()):
 *
 *   {"steps":[{"table":0,"flow":"priority=10,ip actions=goto_table:1",
 *    "cookie":0},{"table":1,"miss":"drop"}],"final_flow":"ip,in_port=1,...",
 *    "action_set":"","outputs":["2"],"datapath_actions":"output 2",
 *    "dropped":false}
 *
 * What is modelled: matching on every field, priorities, goto_table,
 * write_metadata, clear_actions, write_actions, table misses (drop,
 * controller, continue), outputs to ports, IN_PORT, FLOOD/ALL, LOCAL and
 * CONTROLLER, set-field of pipeline fields (metadata, registers, tunnel)
 * and Ethernet addresses, set_queue.  Anything else (groups, VLAN and MPLS
 * pushes, TTLs) is refused with an error rather than guessed.
 */
#ifndef WEFT_REFCLS_H
#define WEFT_REFCLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "match.h"
#include "trace.h"

#define REFCLS_MAX_PORTS	64

struct refcls_case {
	unsigned int n_ports;
	__u32 ports[REFCLS_MAX_PORTS];		/* ascending */
	__u32 miss[WEFT_TABLE_MAX + 1];		/* WEFT_TABLE_MISS_* */
	size_t n_flows, cap_flows;
	struct weft_flow *flows;
	size_t n_packets, cap_packets;
	struct weft_match *packets;
	/* The line each packet came from, for messages. */
	unsigned int *packet_lines;
};

void weft_refcls_init(struct refcls_case *c);
void weft_refcls_free(struct refcls_case *c);

/*
 * Read a case from @fp (@name for messages).  Returns 0, or -1 after
 * writing "NAME:LINE: message" to @err.
 */
int weft_refcls_read(struct refcls_case *c, FILE *fp, const char *name,
		     char *err, size_t errlen);

/* Add what a case line says (without the line-number prefix on error). */
int weft_refcls_add_line(struct refcls_case *c, const char *line,
			 char *err, size_t errlen);

/*
 * Trace @packet through @c into @t, as the kernel would.  Returns 0, or
 * -1 with a message in @err when the case goes beyond what refcls models
 * or is ambiguous (two flows of one priority both match).
 */
int weft_refcls_trace(const struct refcls_case *c,
		      const struct weft_match *packet, struct weft_trace *t,
		      char *err, size_t errlen);

/*
 * Print a random case (@n flows over a small field space, so that
 * overlaps are common, in several tables with gotos, and @n packets) to
 * @out.  The same @seed gives the same case everywhere.
 */
void weft_refcls_random(unsigned long long seed, unsigned int n, FILE *out);

#endif /* WEFT_REFCLS_H */
