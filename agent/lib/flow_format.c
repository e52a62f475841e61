// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_flow -> an `ovs-ofctl dump-flows` line, as Open vSwitch's
 * ofputil_flow_stats_format() prints one: counters, timeouts, flags,
 * idle_age, then the match and the actions.
 */
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "util.h"

static const char *const flag_names[] = {
	"send_flow_rem", "check_overlap", "reset_counts",
	"no_packet_counts", "no_byte_counts",
};

const char *weft_flow_flag_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(flag_names))
		return NULL;
	return flag_names[bit];
}

unsigned long long weft_flow_idle_age(const struct weft_flow *flow)
{
	/* Open vSwitch counts a flow never hit as used when it was added. */
	if (flow->attrs & WEFT_BIT(WEFT_FLOW_A_USED))
		return flow->used_ms / 1000;
	return flow->duration_ms / 1000;
}

int weft_flow_format(const struct weft_flow *flow, char *buf, size_t len)
{
	char match[4096], actions[8192];
	struct weft_sbuf sb;
	unsigned int bit;

	weft_sb_init(&sb, buf, len);
	weft_sb_printf(&sb, "cookie=0x%llx, duration=%llu",
		       (unsigned long long)flow->cookie,
		       (unsigned long long)(flow->duration_ms / 1000));
	/* ovs-ofctl: milliseconds when there are any, whole seconds if not. */
	if (flow->duration_ms % 1000)
		weft_sb_printf(&sb, ".%03u",
			       (unsigned int)(flow->duration_ms % 1000));
	weft_sb_printf(&sb, "s, table=%u, n_packets=%llu, n_bytes=%llu, ",
		       flow->table, (unsigned long long)flow->n_packets,
		       (unsigned long long)flow->n_bytes);
	if (flow->idle_timeout)
		weft_sb_printf(&sb, "idle_timeout=%u, ", flow->idle_timeout);
	if (flow->hard_timeout)
		weft_sb_printf(&sb, "hard_timeout=%u, ", flow->hard_timeout);
	for (bit = 0; bit < 32; bit++) {
		if (!(flow->flags & (1U << bit)))
			continue;
		if (weft_flow_flag_name(bit))
			weft_sb_printf(&sb, "%s ", weft_flow_flag_name(bit));
		else
			weft_sb_printf(&sb, "flags(0x%x) ", 1U << bit);
	}
	weft_sb_printf(&sb, "idle_age=%llu, ", weft_flow_idle_age(flow));
	weft_flow_format_match(flow, match, sizeof(match));
	weft_flow_format_actions(flow, actions, sizeof(actions));
	weft_sb_printf(&sb, "%s%sactions=%s", match, match[0] ? " " : "",
		       actions);
	return (int)sb.len;
}
