// SPDX-License-Identifier: GPL-2.0
/*
 * Datapaths, ports and flows in text or JSON.
 */
#include <stdio.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "print.h"
#include "show.h"
#include "util.h"

static void show_dp_fields(const struct weft_dp_info *dp)
{
	const struct weft_dp_stats *s = &dp->stats;

	weft_print_string(WEFT_PRINT_ANY, "name", "%s:", dp->name);
	weft_print_uint(WEFT_PRINT_ANY, "ifindex", " ifindex %u", dp->ifindex);
	weft_print_uint(WEFT_PRINT_ANY, "n_ports", " n_ports %u", dp->n_ports);
	weft_print_uint(WEFT_PRINT_ANY, "n_flows", " n_flows %u", dp->n_flows);
	weft_print_fp("\n    ");
	weft_print_uint(WEFT_PRINT_ANY, "upcall_pid", "upcall_pid %u",
			dp->upcall_pid);
	weft_print_uint(WEFT_PRINT_ANY, "upcall_rate", " upcall_rate %u",
			dp->upcall_rate);
	weft_print_uint(WEFT_PRINT_ANY, "upcall_burst", " upcall_burst %u",
			dp->upcall_burst);
	weft_print_fp("\n    ");
	weft_print_open_object("stats");
	weft_print_u64(WEFT_PRINT_ANY, "lookups", "lookups %llu", s->lookups);
	weft_print_u64(WEFT_PRINT_ANY, "hits", " hits %llu", s->hits);
	weft_print_u64(WEFT_PRINT_ANY, "misses", " misses %llu", s->misses);
	weft_print_u64(WEFT_PRINT_ANY, "lost", " lost %llu", s->lost);
	weft_print_fp("\n    ");
	weft_print_u64(WEFT_PRINT_ANY, "upcalls", "upcalls %llu", s->upcalls);
	weft_print_u64(WEFT_PRINT_ANY, "upcall_drop_rate",
		       " upcall_drop_rate %llu", s->upcall_drop_rate);
	weft_print_u64(WEFT_PRINT_ANY, "upcall_drop_queue",
		       " upcall_drop_queue %llu", s->upcall_drop_queue);
	weft_print_u64(WEFT_PRINT_ANY, "upcall_drop_no_listener",
		       " upcall_drop_no_listener %llu",
		       s->upcall_drop_no_listener);
	weft_print_u64(WEFT_PRINT_ANY, "upcall_drop_nomem",
		       " upcall_drop_nomem %llu", s->upcall_drop_nomem);
	/* Older modules do not report these. */
	if (s->port_drop)
		weft_print_u64(WEFT_PRINT_ANY, "upcall_drop_port",
			       " upcall_drop_port %llu", s->upcall_drop_port);
	if (s->cache) {
		weft_print_fp("\n    ");
		weft_print_u64(WEFT_PRINT_ANY, "cache_hits", "cache_hits %llu",
			       s->cache_hits);
		weft_print_u64(WEFT_PRINT_ANY, "cache_misses",
			       " cache_misses %llu", s->cache_misses);
	}
	if (s->megaflow) {
		weft_print_fp(s->cache ? " " : "\n    ");
		weft_print_u64(WEFT_PRINT_ANY, "megaflow_hits",
			       "megaflow_hits %llu", s->megaflow_hits);
		weft_print_u64(WEFT_PRINT_ANY, "megaflow_misses",
			       " megaflow_misses %llu", s->megaflow_misses);
	}
	weft_print_close_object();
	weft_print_nl();
}

void weft_show_dp(const struct weft_dp_info *dp)
{
	weft_print_open_object(NULL);
	show_dp_fields(dp);
	weft_print_close_object();
}

/* " config no_fwd,no_flood" in text (nothing when clear); always in JSON. */
void weft_show_port_config(__u32 config, enum weft_output_type detail)
{
	bool first = true;
	unsigned int bit;

	weft_print_open_array("config");
	for (bit = 0; bit < 32; bit++) {
		const char *name = weft_port_config_name(1U << bit);

		if (!(config & (1U << bit)))
			continue;
		if (detail & WEFT_PRINT_FP)
			weft_print_fp(first ? " config %s" : ",%s", name ?: "?");
		weft_print_string(WEFT_PRINT_JSON, NULL, NULL, name ?: "?");
		first = false;
	}
	weft_print_close_array();
}

static void show_port_stats(const struct weft_port_stats *s)
{
	weft_print_open_object("stats");
	weft_print_u64(WEFT_PRINT_ANY, "rx_packets", "rx_packets %llu",
		       s->rx_packets);
	weft_print_u64(WEFT_PRINT_ANY, "rx_bytes", " rx_bytes %llu",
		       s->rx_bytes);
	weft_print_u64(WEFT_PRINT_ANY, "tx_packets", " tx_packets %llu",
		       s->tx_packets);
	weft_print_u64(WEFT_PRINT_ANY, "tx_bytes", " tx_bytes %llu",
		       s->tx_bytes);
	weft_print_u64(WEFT_PRINT_ANY, "rx_dropped", " rx_dropped %llu",
		       s->rx_dropped);
	weft_print_u64(WEFT_PRINT_ANY, "tx_dropped", " tx_dropped %llu",
		       s->tx_dropped);
	weft_print_close_object();
}

void weft_show_port(const struct weft_port_info *port, bool brief)
{
	/* Details that `stats` leaves out of its text. */
	enum weft_output_type detail = brief ? WEFT_PRINT_JSON : WEFT_PRINT_ANY;
	const char *type = weft_port_type_name(port->type);
	char no[16], mac[18];

	weft_port_no_format(port->port_no, no, sizeof(no));
	weft_format_mac(port->address, mac);

	weft_print_open_object(NULL);
	/* "1: veth0 type ...", or under `stats` "    port 1 (veth0): ...". */
	weft_print_string(WEFT_PRINT_FP, NULL, brief ? "    port %s" : "%s: ",
			  no);
	weft_print_uint(WEFT_PRINT_JSON, "port_no", NULL, port->port_no);
	weft_print_string(WEFT_PRINT_ANY, "name", brief ? " (%s):" : "%s",
			  port->name);
	weft_print_string(detail, "type", " type %s", type ? type : "unknown");
	weft_print_uint(detail, "ifindex", " ifindex %u", port->ifindex);
	weft_print_string(detail, "address", " address %s", mac);
	weft_print_uint(detail, "mtu", " mtu %u", port->mtu);
	weft_print_string(detail, "state", " state %s",
			  port->state & WEFT_PORT_S_LINK_DOWN ? "down" : "up");
	weft_show_port_config(port->config, detail);
	weft_print_fp(brief ? " " : "\n    ");
	show_port_stats(&port->stats);
	weft_print_nl();
	weft_print_close_object();
}

void weft_show_dp_stats(const struct weft_dp_info *dp,
			const struct weft_port_info *ports, size_t n_ports)
{
	size_t i;

	weft_print_open_object(NULL);
	show_dp_fields(dp);
	weft_print_open_array("ports");
	for (i = 0; i < n_ports; i++)
		weft_show_port(&ports[i], true);
	weft_print_close_array();
	weft_print_close_object();
}

static void match_field(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	weft_print_string(WEFT_PRINT_JSON, name, NULL, value);
}

void weft_show_flow(const struct weft_flow *flow)
{
	char line[16384], match[4096], actions[8192];
	unsigned int bit;

	if (!weft_print_is_json()) {
		/* ovs-ofctl dump-flows indents each flow by one space. */
		weft_flow_format(flow, line, sizeof(line));
		weft_print_fp(" %s\n", line);
		return;
	}

	weft_flow_format_match(flow, match, sizeof(match));
	weft_flow_format_actions(flow, actions, sizeof(actions));
	weft_print_open_object(NULL);
	weft_print_uint(WEFT_PRINT_JSON, "table", NULL, flow->table);
	weft_print_uint(WEFT_PRINT_JSON, "priority", NULL,
			flow->attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY) ?
			flow->priority : 0);
	weft_print_u64(WEFT_PRINT_JSON, "cookie", NULL, flow->cookie);
	weft_print_open_object("match");
	weft_flow_match_fields(flow, match_field, NULL);
	weft_print_close_object();
	weft_print_string(WEFT_PRINT_JSON, "match_text", NULL, match);
	weft_print_string(WEFT_PRINT_JSON, "actions", NULL, actions);
	weft_print_open_array("flags");
	for (bit = 0; bit < 32; bit++) {
		const char *name = weft_flow_flag_name(bit);

		if (!(flow->flags & (1U << bit)))
			continue;
		if (name)
			weft_print_string(WEFT_PRINT_JSON, NULL, NULL, name);
		else
			weft_print_uint(WEFT_PRINT_JSON, NULL, NULL, 1U << bit);
	}
	weft_print_close_array();
	weft_print_u64(WEFT_PRINT_JSON, "n_packets", NULL, flow->n_packets);
	weft_print_u64(WEFT_PRINT_JSON, "n_bytes", NULL, flow->n_bytes);
	weft_print_uint(WEFT_PRINT_JSON, "idle_timeout", NULL, flow->idle_timeout);
	weft_print_uint(WEFT_PRINT_JSON, "hard_timeout", NULL, flow->hard_timeout);
	weft_print_u64(WEFT_PRINT_JSON, "idle_age", NULL, weft_flow_idle_age(flow));
	weft_print_u64(WEFT_PRINT_JSON, "duration_ms", NULL, flow->duration_ms);
	if (flow->attrs & WEFT_BIT(WEFT_FLOW_A_USED))
		weft_print_u64(WEFT_PRINT_JSON, "used_ms", NULL, flow->used_ms);
	else
		weft_print_null(WEFT_PRINT_JSON, "used_ms", NULL, NULL);
	weft_print_close_object();
}
