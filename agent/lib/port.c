// SPDX-License-Identifier: GPL-2.0
/*
 * Port replies and port number text.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "port.h"
#include "util.h"

static const char *const port_types[] = {
	[WEFT_PORT_TYPE_NETDEV] = "netdev",
	[WEFT_PORT_TYPE_INTERNAL] = "internal",
	[WEFT_PORT_TYPE_VXLAN] = "vxlan",
	[WEFT_PORT_TYPE_GRE] = "gre",
	[WEFT_PORT_TYPE_NVGRE] = "nvgre",
	[WEFT_PORT_TYPE_STT] = "stt",
};

const char *weft_port_type_name(__u32 type)
{
	if (type >= ARRAY_SIZE(port_types))
		return NULL;
	return port_types[type];
}

static const struct {
	__u32 bit;
	const char *name;
} port_config[] = {
	{ WEFT_PORT_C_DOWN, "down" },
	{ WEFT_PORT_C_NO_RECV, "no_recv" },
	{ WEFT_PORT_C_NO_FLOOD, "no_flood" },
	{ WEFT_PORT_C_NO_FWD, "no_fwd" },
	{ WEFT_PORT_C_NO_PACKET_IN, "no_packet_in" },
};

const char *weft_port_config_name(__u32 bit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(port_config); i++)
		if (port_config[i].bit == bit)
			return port_config[i].name;
	return NULL;
}

int weft_port_type_parse(const char *s, __u32 *type)
{
	__u32 i;

	for (i = 0; i < ARRAY_SIZE(port_types); i++) {
		if (port_types[i] && !strcmp(s, port_types[i])) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* OpenFlow's reserved ports, by the names ovs-ofctl uses for them. */
static const struct {
	__u32 port;
	const char *name;
} reserved[] = {
	{ WEFT_PORT_IN_PORT, "IN_PORT" },
	{ WEFT_PORT_TABLE, "TABLE" },
	{ WEFT_PORT_NORMAL, "NORMAL" },
	{ WEFT_PORT_FLOOD, "FLOOD" },
	{ WEFT_PORT_ALL, "ALL" },
	{ WEFT_PORT_CONTROLLER, "CONTROLLER" },
	{ WEFT_PORT_LOCAL, "LOCAL" },
	{ WEFT_PORT_ANY, "ANY" },
	{ WEFT_PORT_ANY, "NONE" },	/* OpenFlow 1.0's name for ANY */
};

int weft_port_no_format(__u32 port, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reserved); i++)
		if (reserved[i].port == port)
			return snprintf(buf, len, "%s", reserved[i].name);
	return snprintf(buf, len, "%u", port);
}

int weft_port_no_parse(const char *s, __u32 *port)
{
	unsigned long long v;
	size_t i;
	int err;

	/* No reserved name starts with a digit: a number skips them. */
	for (i = 0; !isdigit((unsigned char)s[0]) && i < ARRAY_SIZE(reserved);
	     i++) {
		if (!strcasecmp(s, reserved[i].name)) {
			*port = reserved[i].port;
			return 0;
		}
	}
	err = weft_parse_ull(s, strlen(s), UINT32_MAX, &v);
	if (err == -EINVAL)
		return -EINVAL;
	if (err)
		return -ERANGE;
	if (v >= 1 && v <= WEFT_PORT_MAX)
		*port = (__u32)v;
	else if (v >= 0xfff8 && v <= 0xffff)	/* OpenFlow 1.0 numbering */
		*port = (__u32)v | 0xffff0000U;
	else if (v >= WEFT_PORT_IN_PORT)
		*port = (__u32)v;
	else
		return -ERANGE;
	return 0;
}

static void copy_str(char *dst, size_t size, const struct nlattr *attr)
{
	snprintf(dst, size, "%s", mnl_attr_get_str(attr));
}

int weft_port_msg_parse(const struct nlmsghdr *nlh, struct weft_port_info *p)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	const struct nlattr *ptb[WEFT_PORT_A_MAX + 1];
	int err, i;

	memset(p, 0, sizeof(*p));
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_PORT])
		return -EPROTO;
	if (tb[WEFT_A_DP_NAME])
		copy_str(p->dp_name, sizeof(p->dp_name), tb[WEFT_A_DP_NAME]);
	if (tb[WEFT_A_DP_IFINDEX])
		p->dp_ifindex = mnl_attr_get_u32(tb[WEFT_A_DP_IFINDEX]);

	err = weft_attr_parse_nested(tb[WEFT_A_PORT], &weft_attrs_port, ptb);
	if (err)
		return err;
	for (i = 1; i <= WEFT_PORT_A_MAX; i++)
		if (ptb[i])
			p->attrs |= 1U << i;
	if (ptb[WEFT_PORT_A_NO])
		p->port_no = mnl_attr_get_u32(ptb[WEFT_PORT_A_NO]);
	if (ptb[WEFT_PORT_A_NAME])
		copy_str(p->name, sizeof(p->name), ptb[WEFT_PORT_A_NAME]);
	if (ptb[WEFT_PORT_A_TYPE])
		p->type = mnl_attr_get_u32(ptb[WEFT_PORT_A_TYPE]);
	if (ptb[WEFT_PORT_A_IFINDEX])
		p->ifindex = mnl_attr_get_u32(ptb[WEFT_PORT_A_IFINDEX]);
	if (ptb[WEFT_PORT_A_ADDRESS])
		memcpy(p->address, mnl_attr_get_payload(ptb[WEFT_PORT_A_ADDRESS]),
		       sizeof(p->address));
	if (ptb[WEFT_PORT_A_MTU])
		p->mtu = mnl_attr_get_u32(ptb[WEFT_PORT_A_MTU]);
	if (ptb[WEFT_PORT_A_STATE])
		p->state = mnl_attr_get_u32(ptb[WEFT_PORT_A_STATE]);
	if (ptb[WEFT_PORT_A_CONFIG])
		p->config = mnl_attr_get_u32(ptb[WEFT_PORT_A_CONFIG]);
	if (ptb[WEFT_PORT_A_REASON])
		p->reason = mnl_attr_get_u32(ptb[WEFT_PORT_A_REASON]);
	if (ptb[WEFT_PORT_A_STATS]) {
		const struct nlattr *stb[WEFT_PORT_STATS_A_MAX + 1];
		struct weft_port_stats *s = &p->stats;

		err = weft_attr_parse_nested(ptb[WEFT_PORT_A_STATS],
					     &weft_attrs_port_stats, stb);
		if (err)
			return err;
#define STAT(a, f)						\
		do {						\
			if (stb[a])				\
				s->f = mnl_attr_get_u64(stb[a]);	\
		} while (0)
		STAT(WEFT_PORT_STATS_A_RX_PACKETS, rx_packets);
		STAT(WEFT_PORT_STATS_A_RX_BYTES, rx_bytes);
		STAT(WEFT_PORT_STATS_A_TX_PACKETS, tx_packets);
		STAT(WEFT_PORT_STATS_A_TX_BYTES, tx_bytes);
		STAT(WEFT_PORT_STATS_A_RX_DROPPED, rx_dropped);
		STAT(WEFT_PORT_STATS_A_TX_DROPPED, tx_dropped);
#undef STAT
	}
	return 0;
}
