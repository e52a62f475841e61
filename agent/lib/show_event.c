// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications (what `weftctl monitor` prints): datapath and port events,
 * removed flows and packet-ins, each one line of text in the manner of
 * ovs-ofctl monitor, or one JSON object.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "dp.h"
#include "flow_text.h"
#include "packet.h"
#include "port.h"
#include "print.h"
#include "show.h"
#include "util.h"

static const char *flow_reason_name(__u8 reason)
{
	/* ovs-ofctl's ofp_flow_removed_reason_to_string() words. */
	static const char *const names[] = {
		[WEFT_FLOW_REMOVED_IDLE_TIMEOUT] = "idle",
		[WEFT_FLOW_REMOVED_HARD_TIMEOUT] = "hard",
		[WEFT_FLOW_REMOVED_DELETE] = "delete",
		[WEFT_FLOW_REMOVED_GROUP_DELETE] = "group_delete",
	};

	return reason < ARRAY_SIZE(names) ? names[reason] : "unknown";
}

static void begin(const char *event, const char *dp)
{
	weft_print_open_object(NULL);
	weft_print_string(WEFT_PRINT_JSON, "event", NULL, event);
	weft_print_string(WEFT_PRINT_JSON, "dp", NULL, dp);
}

static void end(void)
{
	weft_print_close_object();
	weft_print_nl();
	weft_print_finish();
}

static int show_dp(const struct nlmsghdr *nlh, bool add, const char *filter)
{
	struct weft_dp_info dp;

	if (weft_dp_msg_parse(nlh, &dp))
		return -EPROTO;
	if (filter && strcmp(filter, dp.name))
		return 0;
	begin(add ? "dp_new" : "dp_del", dp.name);
	weft_print_fp("dp %s %s", add ? "new" : "del", dp.name);
	weft_print_uint(WEFT_PRINT_ANY, "ifindex", " ifindex %u", dp.ifindex);
	end();
	return 1;
}

static int show_port(const struct nlmsghdr *nlh, __u8 cmd, const char *filter)
{
	static const char *const what[] = {
		[WEFT_CMD_PORT_NEW] = "new", [WEFT_CMD_PORT_DEL] = "del",
		[WEFT_CMD_PORT_SET] = "set",
	};
	char event[16];
	struct weft_port_info p;
	const char *type;
	char no[16];

	if (weft_port_msg_parse(nlh, &p))
		return -EPROTO;
	if (filter && strcmp(filter, p.dp_name))
		return 0;
	type = weft_port_type_name(p.type);
	weft_port_no_format(p.port_no, no, sizeof(no));
	snprintf(event, sizeof(event), "port_%s", what[cmd]);
	begin(event, p.dp_name);
	weft_print_fp("port %s %s", what[cmd], p.dp_name);
	weft_print_uint(WEFT_PRINT_JSON, "port_no", NULL, p.port_no);
	weft_print_fp(" port %s", no);
	weft_print_string(WEFT_PRINT_ANY, "name", " (%s)", p.name);
	weft_print_string(WEFT_PRINT_ANY, "type", " type %s",
			  type ? type : "unknown");
	if (cmd == WEFT_CMD_PORT_DEL)
		weft_print_string(WEFT_PRINT_ANY, "reason", " reason %s",
				  p.reason == WEFT_PORT_REASON_GONE ? "gone" :
								      "deleted");
	else
		weft_show_port_config(p.config, WEFT_PRINT_ANY);
	end();
	return 1;
}

/* ovs-ofctl's OFPT_FLOW_REMOVED line, after "flow_removed DP:". */
static int show_flow_removed(const struct nlmsghdr *nlh, const char *dp,
			     const char *filter)
{
	struct weft_flow *f = malloc(sizeof(*f));
	char match[4096];
	int ret = 1;

	if (!f)
		return -ENOMEM;
	if (weft_flow_msg_parse(nlh, f)) {
		ret = -EPROTO;
		goto out;
	}
	if (filter && strcmp(filter, dp)) {
		ret = 0;
		goto out;
	}
	weft_flow_format_match(f, match, sizeof(match));
	begin("flow_removed", dp);
	weft_print_fp("flow_removed %s:%s%s", dp, match[0] ? " " : "", match);
	weft_print_string(WEFT_PRINT_ANY, "reason", " reason=%s",
			  flow_reason_name(f->reason));
	weft_print_uint(WEFT_PRINT_ANY, "table", " table_id=%u", f->table);
	weft_print_uint(WEFT_PRINT_JSON, "priority", NULL, f->priority);
	weft_print_u64(WEFT_PRINT_JSON, "cookie", NULL, f->cookie);
	if (f->cookie)
		weft_print_fp(" cookie:0x%llx", (unsigned long long)f->cookie);
	weft_print_fp(" duration%llu", (unsigned long long)(f->duration_ms / 1000));
	if (f->duration_ms % 1000)
		weft_print_fp(".%03u", (unsigned int)(f->duration_ms % 1000));
	weft_print_fp("s");
	weft_print_u64(WEFT_PRINT_JSON, "duration_ms", NULL, f->duration_ms);
	weft_print_uint(WEFT_PRINT_ANY, "idle_timeout", " idle%u",
			f->idle_timeout);
	/* ovs-ofctl shows the hard timeout only when there is one. */
	weft_print_uint(f->hard_timeout ? WEFT_PRINT_ANY : WEFT_PRINT_JSON,
			"hard_timeout", " hard%u", f->hard_timeout);
	weft_print_u64(WEFT_PRINT_ANY, "n_packets", " pkts%llu", f->n_packets);
	weft_print_u64(WEFT_PRINT_ANY, "n_bytes", " bytes%llu", f->n_bytes);
	weft_print_string(WEFT_PRINT_JSON, "match", NULL, match);
	end();
out:
	free(f);
	return ret;
}

static int show_packet_in(const struct nlmsghdr *nlh, const char *filter)
{
	struct weft_packet_in pi;
	struct weft_match frame;
	char meta[1024], pkt[4096], *hex;
	size_t i;

	if (weft_packet_in_parse(nlh, &pi))
		return -EPROTO;
	if (filter && strcmp(filter, pi.dp_name))
		return 0;
	/* The metadata part: the port always, the rest when set. */
	if (!weft_match_has(&pi.key, WEFT_KEY_A_IN_PORT))
		weft_match_set(&pi.key, WEFT_KEY_A_IN_PORT, &pi.in_port, NULL);
	weft_match_clear(&pi.key, WEFT_KEY_A_IN_PHY_PORT);
	weft_match_format(&pi.key, meta, sizeof(meta));
	weft_frame_decode(pi.data, pi.data_len, &frame);
	weft_match_set(&frame, WEFT_KEY_A_IN_PORT, &pi.in_port, NULL);
	weft_match_format(&frame, pkt, sizeof(pkt));
	hex = malloc(pi.data_len * 2 + 1);
	if (!hex)
		return -ENOMEM;
	for (i = 0; i < pi.data_len; i++)
		sprintf(hex + 2 * i, "%02x", pi.data[i]);
	hex[2 * pi.data_len] = '\0';

	begin("packet_in", pi.dp_name);
	weft_print_fp("packet_in %s:", pi.dp_name);
	/* As ovs-ofctl: table 0 and a miss's all-ones cookie go unsaid. */
	weft_print_uint(pi.table ? WEFT_PRINT_ANY : WEFT_PRINT_JSON, "table",
			" table_id=%u", pi.table);
	weft_print_u64(pi.cookie != ~0ULL ? WEFT_PRINT_ANY : WEFT_PRINT_JSON,
		       "cookie", " cookie=0x%llx", pi.cookie);
	weft_print_uint(WEFT_PRINT_ANY, "total_len", " total_len=%u",
			pi.total_len);
	weft_print_fp(" %s", meta);
	weft_print_uint(WEFT_PRINT_JSON, "in_port", NULL, pi.in_port);
	weft_print_u64(WEFT_PRINT_JSON, "metadata", NULL, pi.key.key.metadata);
	weft_print_u64(WEFT_PRINT_JSON, "tun_id", NULL, pi.key.key.tun_id);
	weft_print_string(WEFT_PRINT_JSON, "key", NULL, meta);
	weft_print_string(WEFT_PRINT_ANY, "reason", " (via %s)",
			  weft_packet_in_reason_name(pi.reason));
	weft_print_uint(WEFT_PRINT_ANY, "data_len", " data_len=%u",
			(unsigned int)pi.data_len);
	weft_print_string(WEFT_PRINT_ANY, "packet", " %s", pkt);
	weft_print_string(WEFT_PRINT_JSON, "data", NULL, hex);
	end();
	free(hex);
	return 1;
}

int weft_show_event(const struct nlmsghdr *nlh, const char *dp)
{
	const struct genlmsghdr *genl;
	struct weft_dp_info info;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EPROTO;
	genl = (const struct genlmsghdr *)((const char *)nlh + NLMSG_HDRLEN);
	switch (genl->cmd) {
	case WEFT_CMD_DP_NEW:
	case WEFT_CMD_DP_DEL:
		return show_dp(nlh, genl->cmd == WEFT_CMD_DP_NEW, dp);
	case WEFT_CMD_PORT_NEW:
	case WEFT_CMD_PORT_SET:
	case WEFT_CMD_PORT_DEL:
		return show_port(nlh, genl->cmd, dp);
	case WEFT_CMD_FLOW_REMOVED:
		/* The datapath's name, for the filter and the line. */
		if (weft_dp_msg_parse(nlh, &info))
			return -EPROTO;
		return show_flow_removed(nlh, info.name, dp);
	case WEFT_CMD_PACKET_IN:
		return show_packet_in(nlh, dp);
	}
	return 0;
}
