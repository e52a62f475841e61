/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ports: the parsed form of WEFT_CMD_PORT_* replies and events, and the
 * text form of port numbers shared by the CLI and the flow syntax.
 */
#ifndef WEFT_PORT_H
#define WEFT_PORT_H

#include <stddef.h>
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct weft_port_stats {
	__u64 rx_packets;
	__u64 rx_bytes;
	__u64 tx_packets;
	__u64 tx_bytes;
	__u64 rx_dropped;
	__u64 tx_dropped;
};

struct weft_port_info {
	__u32 attrs;		/* 1 << WEFT_PORT_A_x: x was in the reply */
	char dp_name[IFNAMSIZ];	/* "" if the reply had no WEFT_A_DP_NAME */
	__u32 dp_ifindex;
	__u32 port_no;
	char name[IFNAMSIZ];
	__u32 type;		/* WEFT_PORT_TYPE_* */
	__u32 ifindex;
	__u8 address[6];
	__u32 mtu;
	__u32 state;		/* WEFT_PORT_S_* */
	__u32 config;		/* WEFT_PORT_C_* */
	__u32 reason;		/* WEFT_PORT_REASON_*, in PORT_DEL events */
	struct weft_port_stats stats;
};

/* Parse a WEFT_CMD_PORT_* message.  Returns 0 or -EPROTO. */
int weft_port_msg_parse(const struct nlmsghdr *nlh, struct weft_port_info *p);

/* "no_fwd", ... for one WEFT_PORT_C_* bit; NULL for an unknown bit. */
const char *weft_port_config_name(__u32 bit);

/* "netdev", "internal", ...; NULL for a type this library does not know. */
const char *weft_port_type_name(__u32 type);
/* The inverse; -EINVAL for an unknown name. */
int weft_port_type_parse(const char *s, __u32 *type);

/*
 * A port number as ovs-ofctl writes it: "5", or the name of a reserved port
 * ("LOCAL", "IN_PORT", "FLOOD", ...).  Returns the snprintf-style length.
 */
int weft_port_no_format(__u32 port, char *buf, size_t len);

/*
 * Parse a port number (decimal or 0x hex) or a reserved port's name (any
 * case), as ovs-ofctl does: OpenFlow 1.0's 16-bit reserved numbers
 * 0xfff8..0xffff are accepted for their 32-bit equivalents.  Returns 0,
 * -ERANGE for a number that is no valid port (0, 0xff00..0xfff7, ...), or
 * -EINVAL if @s is neither a number nor a reserved name (it may then be a
 * netdev name).
 */
int weft_port_no_parse(const char *s, __u32 *port);

#endif /* WEFT_PORT_H */
