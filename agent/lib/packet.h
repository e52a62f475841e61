/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packets: packet-in notifications, the headers of an Ethernet frame as a
 * match (to print a packet the way ovs-ofctl prints one), packet-out and
 * trace requests.
 */
#ifndef WEFT_PACKET_H
#define WEFT_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include "match.h"

/* A WEFT_CMD_PACKET_IN notification. */
struct weft_packet_in {
	char dp_name[IFNAMSIZ];
	__u32 attrs;		/* WEFT_BIT(WEFT_PACKET_A_x): x was there */
	__u8 reason;		/* WEFT_PACKET_IN_* */
	__u8 table;
	__u64 cookie;		/* all ones for a table miss */
	__u32 in_port;
	__u32 total_len;	/* of the packet before truncation */
	struct weft_match key;	/* metadata: in_port, metadata, tunnel */
	const __u8 *data;	/* points into the message */
	size_t data_len;
};

/*
 * Parse a packet-in; @pi->data points into @nlh, so it is valid as long as
 * the message is.  Returns 0 or -EPROTO.
 */
int weft_packet_in_parse(const struct nlmsghdr *nlh,
			 struct weft_packet_in *pi);

/* ovs-ofctl's words: "no_match", "action", "invalid_ttl". */
const char *weft_packet_in_reason_name(__u8 reason);

/*
 * The headers of the Ethernet frame @data as an exact match, with the
 * fields Open vSwitch's flow_extract() finds (VLAN, IPv4/IPv6 with
 * fragments, TCP/UDP/SCTP, ICMP, ND, ARP, MPLS), in weft's attributes.
 * What a truncated frame lacks is left out.  @m is cleared first.
 */
void weft_frame_decode(const __u8 *data, size_t len, struct weft_match *m);

/*
 * Put WEFT_A_PACKET with WEFT_PACKET_A_KEY holding every field @m matches
 * (a packet to trace).  0 or -EMSGSIZE.
 */
int weft_trace_key_put(struct nlmsghdr *nlh, size_t size,
		       const struct weft_match *m);

/*
 * The largest frame a packet-out carries: WEFT_A_PACKET holds it and the
 * actions, and an attribute's length is a 16-bit field.
 */
#define WEFT_PACKET_DATA_MAX	63000

/* A packet-out: the frame, where it comes from and what to do with it. */
struct weft_packet_out {
	__u32 in_port;		/* WEFT_PORT_CONTROLLER by default */
	const __u8 *data;
	size_t len;
	struct weft_actions actions;
};

/* Put WEFT_A_PACKET of a packet-out.  0 or -EMSGSIZE. */
int weft_packet_out_put(struct nlmsghdr *nlh, size_t size,
			const struct weft_packet_out *po);

#endif /* WEFT_PACKET_H */
