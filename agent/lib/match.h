/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct weft_flow: one flow as userspace handles it, shared by weftctl and
 * weftd.  Values are kept as the ABI carries them (be16/be32 fields in
 * network byte order), so moving them to and from netlink is a copy and the
 * text parser and formatter are the only places that know their meaning.
 */
#ifndef WEFT_MATCH_H
#define WEFT_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/weft.h>

/* OpenFlow's default priority: what a flow gets when its text names none. */
#define WEFT_DEFAULT_PRIORITY	32768

#define WEFT_ETH_ALEN	6

/*
 * The match fields this library knows: WEFT_KEY_A_IN_PORT up to this one
 * (the ones weft implements in version 1).  The rest of the key attributes
 * are reserved by the ABI; see weft_match.unknown.
 */
#define WEFT_KEY_A_KNOWN_MAX	WEFT_KEY_A_ICMPV4_CODE

_Static_assert(WEFT_KEY_A_MAX < 64, "match field bitmaps are 64 bits");

#define WEFT_BIT(nr)	(1ULL << (nr))

struct weft_key {
	__u32 in_port;
	__u8 eth_src[WEFT_ETH_ALEN];
	__u8 eth_dst[WEFT_ETH_ALEN];
	__be16 eth_type;
	__u16 vlan_vid;		/* WEFT_VID_PRESENT | vid, host order */
	__u8 vlan_pcp;
	__u8 ip_dscp;
	__u8 ip_ecn;
	__u8 ip_proto;
	__be32 ipv4_src;
	__be32 ipv4_dst;
	__be16 tcp_src, tcp_dst;
	__be16 udp_src, udp_dst;
	__be16 sctp_src, sctp_dst;
	__u8 icmp_type;
	__u8 icmp_code;
};

struct weft_match {
	__u64 fields;		/* WEFT_BIT(WEFT_KEY_A_x): x is matched */
	__u64 masked;		/* ... and only the bits of mask.x matter */
	__u64 unknown;		/* fields a reply had that we cannot decode */
	struct weft_key key;
	struct weft_key mask;	/* meaningful for the fields in .masked */
};

struct weft_action {
	__u16 type;		/* WEFT_ACT_A_* */
	__u32 port;		/* WEFT_ACT_A_OUTPUT */
};

struct weft_flow {
	__u32 attrs;		/* WEFT_BIT(WEFT_FLOW_A_x): x is set */
	__u8 table;
	__u16 priority;
	__u64 cookie;
	__u64 cookie_mask;
	__u32 flags;		/* WEFT_FLOW_F_* */
	__u16 idle_timeout;
	__u16 hard_timeout;
	__u32 out_port;
	struct weft_match match;
	/* Apply-actions; sent when WEFT_FLOW_A_INSTRUCTIONS is in .attrs. */
	unsigned int n_actions;
	struct weft_action actions[WEFT_ACTIONS_MAX];
	/* Read-only, from the kernel's replies (attrs tells which came). */
	__u64 n_packets;
	__u64 n_bytes;
	__u64 duration_ms;
	__u64 used_ms;
};

_Static_assert(WEFT_FLOW_A_MAX < 32, "weft_flow.attrs is 32 bits");

void weft_flow_init(struct weft_flow *flow);

/* Payload length of a known match field, 0 for unknown ones. */
size_t weft_match_field_len(unsigned int attr);
/* Pointer to field @attr inside @key (NULL for unknown fields). */
void *weft_key_field(struct weft_key *key, unsigned int attr);
const void *weft_key_field_const(const struct weft_key *key, unsigned int attr);

/*
 * Match field @attr against @value under @mask (NULL: exactly).  An all-ones
 * mask is stored as an exact match and an all-zero one removes the field,
 * and value bits outside the mask are cleared, as the ABI wants.
 */
void weft_match_set(struct weft_match *m, unsigned int attr,
		    const void *value, const void *mask);
void weft_match_clear(struct weft_match *m, unsigned int attr);
static inline bool weft_match_has(const struct weft_match *m, unsigned int attr)
{
	return m->fields & WEFT_BIT(attr);
}
static inline bool weft_match_is_masked(const struct weft_match *m,
					unsigned int attr)
{
	return m->masked & WEFT_BIT(attr);
}
/* The effective mask of @attr (all ones when matched exactly). */
void weft_match_get_mask(const struct weft_match *m, unsigned int attr,
			 void *mask);

/*
 * Add the WEFT_A_FLOW nest describing @flow to @nlh (a buffer of @size
 * bytes).  Read-only attributes are never sent.  Returns 0 or -EMSGSIZE.
 */
int weft_flow_nl_put(struct nlmsghdr *nlh, size_t size,
		     const struct weft_flow *flow);

/* Parse a WEFT_A_FLOW nest.  Returns 0 or -EPROTO. */
int weft_flow_nl_parse(const struct nlattr *nest, struct weft_flow *flow);

/* Parse the WEFT_A_FLOW nest of a WEFT_CMD_FLOW_* message. */
int weft_flow_msg_parse(const struct nlmsghdr *nlh, struct weft_flow *flow);

#endif /* WEFT_MATCH_H */
