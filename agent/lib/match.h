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
 * The match fields this library knows: WEFT_KEY_A_IN_PORT up to this one.
 * Attributes past it (from a newer kernel) are remembered in
 * weft_match.unknown, so that a dump never silently hides a field.
 */
#define WEFT_KEY_A_KNOWN_MAX	WEFT_KEY_A_IP_FRAG

_Static_assert(WEFT_KEY_A_MAX < 64, "match field bitmaps are 64 bits");
#define WEFT_BIT(nr)	(1ULL << (nr))

/*
 * One member per WEFT_KEY_A_* attribute, even where the kernel shares
 * storage (ARP addresses and IPv4's, ICMPv4 and ICMPv6): userspace is not
 * short of bytes, and separate members keep "which attribute" unambiguous.
 */
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
	__u32 in_phy_port;
	__u64 metadata;
	__u32 regs[8];
	__u8 ipv6_src[16];
	__u8 ipv6_dst[16];
	__be32 ipv6_label;
	__be16 tcp_flags;
	__u8 icmpv6_type;
	__u8 icmpv6_code;
	__be16 arp_op;
	__be32 arp_spa;
	__be32 arp_tpa;
	__u8 arp_sha[WEFT_ETH_ALEN];
	__u8 arp_tha[WEFT_ETH_ALEN];
	__u8 nd_target[16];
	__u8 nd_sll[WEFT_ETH_ALEN];
	__u8 nd_tll[WEFT_ETH_ALEN];
	__u32 mpls_label;
	__u8 mpls_tc;
	__u8 mpls_bos;
	__u64 tun_id;
	__be32 tun_src;
	__be32 tun_dst;
	__u8 ip_frag;		/* WEFT_FRAG_* */
};

struct weft_match {
	__u64 fields;		/* WEFT_BIT(WEFT_KEY_A_x): x is matched */
	__u64 masked;		/* ... and only the bits of mask.x matter */
	__u64 unknown;		/* fields a reply had that we cannot decode */
	struct weft_key key;
	struct weft_key mask;	/* meaningful for the fields in .masked */
};

/* The longest match field value (IPv6 addresses). */
#define WEFT_FIELD_MAX_LEN	16

/* One action of an action list (WEFT_ACT_A_*). */
struct weft_action {
	__u16 type;		/* WEFT_ACT_A_* */
	__u16 field;		/* SET_FIELD: the WEFT_KEY_A_* it sets */
	/*
	 * OUTPUT: port; GROUP: group id; CONTROLLER: max_len; SET_QUEUE:
	 * queue; SET_NW_TTL/SET_MPLS_TTL: TTL; PUSH_VLAN, PUSH_MPLS,
	 * POP_MPLS: the Ethernet type, host order.
	 */
	__u32 arg;
	/* SET_FIELD: the value, laid out as in struct weft_key. */
	__u8 value[WEFT_FIELD_MAX_LEN];
};

struct weft_actions {
	unsigned int n;
	struct weft_action a[WEFT_ACTIONS_MAX];
};

/* A flow's instructions; .present says which were given. */
struct weft_insts {
	__u32 present;		/* WEFT_BIT(WEFT_INST_A_x) */
	struct weft_actions apply;
	struct weft_actions write;
	__u64 meta_value;
	__u64 meta_mask;
	__u8 goto_table;
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
	__u32 out_group;
	__u8 reason;		/* WEFT_FLOW_REMOVED_*, in FLOW_REMOVED */
	struct weft_match match;
	/* Sent when WEFT_FLOW_A_INSTRUCTIONS is in .attrs; none: drop. */
	struct weft_insts insts;
	/* Read-only, from the kernel's replies (attrs tells which came). */
	__u64 n_packets;
	__u64 n_bytes;
	__u64 duration_ms;
	__u64 used_ms;
};

_Static_assert(WEFT_FLOW_A_MAX < 32, "weft_flow.attrs is 32 bits");
_Static_assert(WEFT_INST_A_MAX < 32, "weft_insts.present is 32 bits");

void weft_flow_init(struct weft_flow *flow);
void weft_flow_reinit(struct weft_flow *flow);

/* Payload length of a known match field, 0 for unknown ones. */
size_t weft_match_field_len(unsigned int attr);
/* Pointer to field @attr inside @key (NULL for unknown fields). */
void *weft_key_field(struct weft_key *key, unsigned int attr);
const void *weft_key_field_const(const struct weft_key *key, unsigned int attr);
/*
 * The bits of field @attr that carry meaning, as a byte string laid out
 * like the field (e.g. 0x0fff in network order for TCP_FLAGS).
 */
void weft_match_field_valid(unsigned int attr, void *out);

/*
 * Match field @attr against @value under @mask (NULL: exactly).  A mask
 * covering every meaningful bit is stored as an exact match and an
 * all-zero one removes the field, and value bits outside the mask are
 * cleared, as the ABI wants.
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
 * Add a nest @type of the @fields (WEFT_BIT set) of @key to @nlh, a
 * buffer of @size bytes.  Returns false if it does not fit.
 */
bool weft_key_nl_put(struct nlmsghdr *nlh, size_t size, uint16_t type,
		     const struct weft_key *key, __u64 fields);
/*
 * Read a nest of WEFT_KEY_A_* values into @m as exact matches (what a
 * trace, a packet-in or a set-field carries).  Returns 0 or -EPROTO.
 */
int weft_key_nl_parse(const struct nlattr *nest, struct weft_match *m);
/* Read a WEFT_FLOW_A_MASK nest into @m, whose key must be read already. */
int weft_mask_nl_parse(const struct nlattr *nest, struct weft_match *m);

/*
 * Add the WEFT_A_FLOW nest describing @flow to @nlh (a buffer of @size
 * bytes); @type is WEFT_A_FLOW, or WEFT_OP_A_FLOW inside a bundle op.
 * Read-only attributes are never sent.  Returns 0, -EINVAL for a flow
 * that cannot be encoded or -EMSGSIZE.
 */
int weft_flow_nl_put_type(struct nlmsghdr *nlh, size_t size, uint16_t type,
			  const struct weft_flow *flow);
static inline int weft_flow_nl_put(struct nlmsghdr *nlh, size_t size,
				   const struct weft_flow *flow)
{
	return weft_flow_nl_put_type(nlh, size, WEFT_A_FLOW, flow);
}

/* Parse a WEFT_A_FLOW (or WEFT_STEP_A_FLOW) nest.  0 or -EPROTO. */
int weft_flow_nl_parse(const struct nlattr *nest, struct weft_flow *flow);

/* Parse the WEFT_A_FLOW nest of a WEFT_CMD_FLOW_* message. */
int weft_flow_msg_parse(const struct nlmsghdr *nlh, struct weft_flow *flow);

/*
 * Action lists and instructions (actions_nl.c).  The put functions return
 * false when @size is too small.
 */
bool weft_actions_nl_put(struct nlmsghdr *nlh, size_t size, uint16_t type,
			 const struct weft_actions *acts);
int weft_actions_nl_parse(const struct nlattr *nest, struct weft_actions *acts);
bool weft_insts_nl_put(struct nlmsghdr *nlh, size_t size,
		       const struct weft_insts *insts);
int weft_insts_nl_parse(const struct nlattr *nest, struct weft_insts *insts);

#endif /* WEFT_MATCH_H */
