// SPDX-License-Identifier: GPL-2.0
/*
 * Flow matches to and from netlink attributes.
 *
 * Match fields are described once, in weft_fields[]: the attribute, where
 * the value lives in struct weft_key, the prerequisite OpenFlow sets on it
 * and whether set-field may write it.  Parsing, validation, dumping and
 * set-field checks are all driven by that table, so a new field is one
 * line there (plus its policy and its extraction).
 */
#include <linux/in.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"

#define WEFT_FIELD(a, member, pre, set) {				\
	.attr = a,							\
	.offset = offsetof(struct weft_key, member),			\
	.len = sizeof_field(struct weft_key, member),			\
	.prereq = pre,							\
	.settable = set,						\
	.name = #a,							\
	.no_value = #a ": mask given without a value",			\
	.stray_bits = #a ": value has bits outside the mask",		\
	.unmet = #a ": prerequisite not met (see the uapi header)",	\
}

/* Fields that share storage come in the order a dump should prefer. */
static const struct weft_field weft_fields[] = {
	WEFT_FIELD(WEFT_KEY_A_IN_PORT, in_port, WEFT_PRE_NONE, false),
	WEFT_FIELD(WEFT_KEY_A_IN_PHY_PORT, in_phy_port, WEFT_PRE_NONE, false),
	WEFT_FIELD(WEFT_KEY_A_METADATA, metadata, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG0, regs[0], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG1, regs[1], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG2, regs[2], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG3, regs[3], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG4, regs[4], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG5, regs[5], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG6, regs[6], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_REG7, regs[7], WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_TUNNEL_ID, tun_id, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_TUN_IPV4_SRC, tun_ipv4_src, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_TUN_IPV4_DST, tun_ipv4_dst, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_ETH_SRC, eth_src, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_ETH_DST, eth_dst, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_ETH_TYPE, eth_type, WEFT_PRE_NONE, false),
	WEFT_FIELD(WEFT_KEY_A_VLAN_VID, vlan_vid, WEFT_PRE_NONE, true),
	WEFT_FIELD(WEFT_KEY_A_VLAN_PCP, vlan_pcp, WEFT_PRE_VLAN, true),
	WEFT_FIELD(WEFT_KEY_A_MPLS_LABEL, mpls_label, WEFT_PRE_MPLS, true),
	WEFT_FIELD(WEFT_KEY_A_MPLS_TC, mpls_tc, WEFT_PRE_MPLS, true),
	WEFT_FIELD(WEFT_KEY_A_MPLS_BOS, mpls_bos, WEFT_PRE_MPLS, true),
	WEFT_FIELD(WEFT_KEY_A_IP_DSCP, ip_dscp, WEFT_PRE_IP, true),
	WEFT_FIELD(WEFT_KEY_A_IP_ECN, ip_ecn, WEFT_PRE_IP, true),
	WEFT_FIELD(WEFT_KEY_A_IP_PROTO, ip_proto, WEFT_PRE_IP, false),
	WEFT_FIELD(WEFT_KEY_A_IP_FRAG, ip_frag, WEFT_PRE_IP, false),
	WEFT_FIELD(WEFT_KEY_A_IPV4_SRC, ipv4_src, WEFT_PRE_IPV4, true),
	WEFT_FIELD(WEFT_KEY_A_IPV4_DST, ipv4_dst, WEFT_PRE_IPV4, true),
	WEFT_FIELD(WEFT_KEY_A_ARP_OP, arp_op, WEFT_PRE_ARP, true),
	WEFT_FIELD(WEFT_KEY_A_ARP_SPA, ipv4_src, WEFT_PRE_ARP, true),
	WEFT_FIELD(WEFT_KEY_A_ARP_TPA, ipv4_dst, WEFT_PRE_ARP, true),
	WEFT_FIELD(WEFT_KEY_A_ARP_SHA, arp_sha, WEFT_PRE_ARP, true),
	WEFT_FIELD(WEFT_KEY_A_ARP_THA, arp_tha, WEFT_PRE_ARP, true),
	WEFT_FIELD(WEFT_KEY_A_IPV6_SRC, ipv6_src, WEFT_PRE_IPV6, true),
	WEFT_FIELD(WEFT_KEY_A_IPV6_DST, ipv6_dst, WEFT_PRE_IPV6, true),
	WEFT_FIELD(WEFT_KEY_A_IPV6_FLABEL, ipv6_label, WEFT_PRE_IPV6, true),
	WEFT_FIELD(WEFT_KEY_A_TCP_SRC, tp_src, WEFT_PRE_TCP, true),
	WEFT_FIELD(WEFT_KEY_A_TCP_DST, tp_dst, WEFT_PRE_TCP, true),
	WEFT_FIELD(WEFT_KEY_A_TCP_FLAGS, tcp_flags, WEFT_PRE_TCP, false),
	WEFT_FIELD(WEFT_KEY_A_UDP_SRC, tp_src, WEFT_PRE_UDP, true),
	WEFT_FIELD(WEFT_KEY_A_UDP_DST, tp_dst, WEFT_PRE_UDP, true),
	WEFT_FIELD(WEFT_KEY_A_SCTP_SRC, tp_src, WEFT_PRE_SCTP, true),
	WEFT_FIELD(WEFT_KEY_A_SCTP_DST, tp_dst, WEFT_PRE_SCTP, true),
	WEFT_FIELD(WEFT_KEY_A_ICMPV4_TYPE, icmp_type, WEFT_PRE_ICMPV4, true),
	WEFT_FIELD(WEFT_KEY_A_ICMPV4_CODE, icmp_code, WEFT_PRE_ICMPV4, true),
	WEFT_FIELD(WEFT_KEY_A_ICMPV6_TYPE, icmp_type, WEFT_PRE_ICMPV6, true),
	WEFT_FIELD(WEFT_KEY_A_ICMPV6_CODE, icmp_code, WEFT_PRE_ICMPV6, true),
	WEFT_FIELD(WEFT_KEY_A_ND_TARGET, nd_target, WEFT_PRE_ND, true),
	WEFT_FIELD(WEFT_KEY_A_ND_SLL, arp_sha, WEFT_PRE_ND_SLL, true),
	WEFT_FIELD(WEFT_KEY_A_ND_TLL, arp_tha, WEFT_PRE_ND_TLL, true),
};

/* attr -> index in weft_fields + 1; 0 for attributes that are no field */
static u8 weft_field_index[WEFT_KEY_A_MAX + 1];

const struct weft_field *weft_field_get(u16 attr)
{
	if (attr > WEFT_KEY_A_MAX || !weft_field_index[attr])
		return NULL;
	return &weft_fields[weft_field_index[attr] - 1];
}

void __init weft_fields_init(void)
{
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(weft_fields) > U8_MAX);
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++)
		weft_field_index[weft_fields[i].attr] = i + 1;
}

const struct nla_policy weft_key_policy[WEFT_KEY_A_MAX + 1] = {
	[WEFT_KEY_A_IN_PORT] = { .type = NLA_U32 },
	[WEFT_KEY_A_ETH_SRC] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_ETH_DST] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_ETH_TYPE] = { .type = NLA_BE16 },
	[WEFT_KEY_A_VLAN_VID] =
		NLA_POLICY_MAX(NLA_U16, WEFT_VID_PRESENT | WEFT_VID_MASK),
	[WEFT_KEY_A_VLAN_PCP] = NLA_POLICY_MAX(NLA_U8, 7),
	[WEFT_KEY_A_IP_DSCP] = NLA_POLICY_MAX(NLA_U8, 63),
	[WEFT_KEY_A_IP_ECN] = NLA_POLICY_MAX(NLA_U8, 3),
	[WEFT_KEY_A_IP_PROTO] = { .type = NLA_U8 },
	[WEFT_KEY_A_IPV4_SRC] = { .type = NLA_BE32 },
	[WEFT_KEY_A_IPV4_DST] = { .type = NLA_BE32 },
	[WEFT_KEY_A_TCP_SRC] = { .type = NLA_BE16 },
	[WEFT_KEY_A_TCP_DST] = { .type = NLA_BE16 },
	[WEFT_KEY_A_UDP_SRC] = { .type = NLA_BE16 },
	[WEFT_KEY_A_UDP_DST] = { .type = NLA_BE16 },
	[WEFT_KEY_A_SCTP_SRC] = { .type = NLA_BE16 },
	[WEFT_KEY_A_SCTP_DST] = { .type = NLA_BE16 },
	[WEFT_KEY_A_ICMPV4_TYPE] = { .type = NLA_U8 },
	[WEFT_KEY_A_ICMPV4_CODE] = { .type = NLA_U8 },
	[WEFT_KEY_A_IN_PHY_PORT] = { .type = NLA_U32 },
	[WEFT_KEY_A_METADATA] = { .type = NLA_U64 },
	[WEFT_KEY_A_REG0 ... WEFT_KEY_A_REG7] = { .type = NLA_U32 },
	[WEFT_KEY_A_IPV6_SRC] = NLA_POLICY_EXACT_LEN(16),
	[WEFT_KEY_A_IPV6_DST] = NLA_POLICY_EXACT_LEN(16),
	[WEFT_KEY_A_IPV6_FLABEL] = { .type = NLA_BE32 },
	[WEFT_KEY_A_TCP_FLAGS] = { .type = NLA_BE16 },
	[WEFT_KEY_A_ICMPV6_TYPE] = { .type = NLA_U8 },
	[WEFT_KEY_A_ICMPV6_CODE] = { .type = NLA_U8 },
	[WEFT_KEY_A_ARP_OP] = { .type = NLA_BE16 },
	[WEFT_KEY_A_ARP_SPA] = { .type = NLA_BE32 },
	[WEFT_KEY_A_ARP_TPA] = { .type = NLA_BE32 },
	[WEFT_KEY_A_ARP_SHA] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_ARP_THA] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_ND_TARGET] = NLA_POLICY_EXACT_LEN(16),
	[WEFT_KEY_A_ND_SLL] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_ND_TLL] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[WEFT_KEY_A_MPLS_LABEL] = { .type = NLA_U32 },	/* 20 bits: below */
	[WEFT_KEY_A_MPLS_TC] = NLA_POLICY_MAX(NLA_U8, 7),
	[WEFT_KEY_A_MPLS_BOS] = NLA_POLICY_MAX(NLA_U8, 1),
	[WEFT_KEY_A_TUNNEL_ID] = { .type = NLA_U64 },
	[WEFT_KEY_A_TUN_IPV4_SRC] = { .type = NLA_BE32 },
	[WEFT_KEY_A_TUN_IPV4_DST] = { .type = NLA_BE32 },
	[WEFT_KEY_A_IP_FRAG] =
		NLA_POLICY_MAX(NLA_U8, WEFT_FRAG_ANY | WEFT_FRAG_LATER),
	[WEFT_KEY_A_PAD] = { .type = NLA_REJECT },
};

/*
 * NL_SET_ERR_MSG_ATTR() wants a literal; these messages come from tables
 * of string literals, which live as long as the module.
 */
void weft_extack(struct netlink_ext_ack *extack, const struct nlattr *attr,
		 const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

static bool weft_exact(const struct weft_key *key, const struct weft_key *mask,
		       size_t off, size_t len, const void *want)
{
	if (memchr_inv((const u8 *)mask + off, 0xff, len))
		return false;
	return !memcmp((const u8 *)key + off, want, len);
}

#define WEFT_IS(key, mask, member, val) ({				\
	typeof(((struct weft_key *)0)->member) __v = (val);		\
	weft_exact(key, mask, offsetof(struct weft_key, member),	\
		   sizeof(__v), &__v);					\
})

bool weft_prereq_met(u8 prereq, const struct weft_key *k,
		     const struct weft_key *m)
{
	bool ip4 = WEFT_IS(k, m, eth_type, htons(ETH_P_IP));
	bool ip6 = WEFT_IS(k, m, eth_type, htons(ETH_P_IPV6));

	switch (prereq) {
	case WEFT_PRE_NONE:
		return true;
	case WEFT_PRE_VLAN:
		return (m->vlan_vid & WEFT_VID_PRESENT) &&
		       (k->vlan_vid & WEFT_VID_PRESENT);
	case WEFT_PRE_IP:
		return ip4 || ip6;
	case WEFT_PRE_IPV4:
		return ip4;
	case WEFT_PRE_IPV6:
		return ip6;
	case WEFT_PRE_ARP:
		return WEFT_IS(k, m, eth_type, htons(ETH_P_ARP));
	case WEFT_PRE_MPLS:
		return WEFT_IS(k, m, eth_type, htons(ETH_P_MPLS_UC)) ||
		       WEFT_IS(k, m, eth_type, htons(ETH_P_MPLS_MC));
	case WEFT_PRE_TCP:
		return (ip4 || ip6) && WEFT_IS(k, m, ip_proto, IPPROTO_TCP);
	case WEFT_PRE_UDP:
		return (ip4 || ip6) && WEFT_IS(k, m, ip_proto, IPPROTO_UDP);
	case WEFT_PRE_SCTP:
		return (ip4 || ip6) && WEFT_IS(k, m, ip_proto, IPPROTO_SCTP);
	case WEFT_PRE_ICMPV4:
		return ip4 && WEFT_IS(k, m, ip_proto, IPPROTO_ICMP);
	case WEFT_PRE_ICMPV6:
		return ip6 && WEFT_IS(k, m, ip_proto, IPPROTO_ICMPV6);
	case WEFT_PRE_ND:
		return weft_prereq_met(WEFT_PRE_ICMPV6, k, m) &&
		       (WEFT_IS(k, m, icmp_type, 135) ||
			WEFT_IS(k, m, icmp_type, 136));
	case WEFT_PRE_ND_SLL:
		return weft_prereq_met(WEFT_PRE_ICMPV6, k, m) &&
		       WEFT_IS(k, m, icmp_type, 135);
	case WEFT_PRE_ND_TLL:
		return weft_prereq_met(WEFT_PRE_ICMPV6, k, m) &&
		       WEFT_IS(k, m, icmp_type, 136);
	}
	return false;
}

/* Range checks the policy cannot express (big-endian maxima). */
const char *weft_field_range(const struct weft_field *f,
				    const void *v)
{
	if (f->attr == WEFT_KEY_A_IPV6_FLABEL &&
	    ntohl(*(const __be32 *)v) > 0xfffff)
		return "WEFT_KEY_A_IPV6_FLABEL: more than 20 bits";
	if ((f->attr == WEFT_KEY_A_IN_PORT || f->attr == WEFT_KEY_A_IN_PHY_PORT) &&
	    (*(const u32 *)v < 1 ||
	     (*(const u32 *)v > WEFT_PORT_MAX &&
	      *(const u32 *)v != WEFT_PORT_LOCAL)))
		return f->attr == WEFT_KEY_A_IN_PORT ?
		       "WEFT_KEY_A_IN_PORT: not 1..WEFT_PORT_MAX or WEFT_PORT_LOCAL" :
		       "WEFT_KEY_A_IN_PHY_PORT: not 1..WEFT_PORT_MAX or WEFT_PORT_LOCAL";
	if (f->attr == WEFT_KEY_A_MPLS_LABEL && *(const u32 *)v > 0xfffff)
		return "WEFT_KEY_A_MPLS_LABEL: more than 20 bits";
	if (f->attr == WEFT_KEY_A_TCP_FLAGS &&
	    ntohs(*(const __be16 *)v) > 0xfff)
		return "WEFT_KEY_A_TCP_FLAGS: more than 12 bits";
	return NULL;
}

/* Parse a nest of WEFT_KEY_A_* values (no masks) into @key. */
int weft_key_from_nlattr(const struct nlattr *attr, struct weft_key *key,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *kt[WEFT_KEY_A_MAX + 1] = {};
	unsigned int i;
	int err;

	memset(key, 0, sizeof(*key));
	if (!attr)
		return 0;
	err = nla_parse_nested(kt, WEFT_KEY_A_MAX, attr, weft_key_policy,
			       extack);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		const char *msg;

		if (!kt[f->attr])
			continue;
		msg = weft_field_range(f, nla_data(kt[f->attr]));
		if (msg) {
			weft_extack(extack, kt[f->attr], msg);
			return -EINVAL;
		}
		memcpy((u8 *)key + f->offset, nla_data(kt[f->attr]), f->len);
	}
	return 0;
}

/*
 * The attributes of a KEY or MASK nest by type, without clearing a table
 * first (under emulation, clearing two tables of WEFT_KEY_A_MAX pointers
 * cost a flow add more than parsing its few fields): @tb[type] is only
 * meaningful where bit @type of the result is set.  The nest was
 * validated against weft_key_policy with the request (see
 * weft_flow_req_parse()); as with nla_parse(), the last of a type wins.
 */
static u64 weft_key_nest(const struct nlattr *nest, const struct nlattr **tb)
{
	const struct nlattr *a;
	u64 seen = 0;
	int rem;

	BUILD_BUG_ON(WEFT_KEY_A_MAX >= 64);
	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem) {
		u16 type = nla_type(a);

		if (type > WEFT_KEY_A_MAX)
			continue;
		tb[type] = a;
		seen |= BIT_ULL(type);
	}
	return seen;
}

/*
 * Parse a flow's KEY and MASK into @key (masked) and @mask.  Either may be
 * absent: no KEY means match everything.
 */
int weft_match_from_nlattrs(const struct nlattr *key_attr,
			    const struct nlattr *mask_attr,
			    struct weft_key *key, struct weft_key *mask,
			    struct netlink_ext_ack *extack)
{
	/*
	 * Read only where the bitmaps say a slot was written.  Debian's
	 * kernels clear every stack variable (INIT_STACK_ALL_ZERO), which
	 * for these two tables would be 832 bytes per request.
	 */
	const struct nlattr *kt[WEFT_KEY_A_MAX + 1] __uninitialized;
	const struct nlattr *mt[WEFT_KEY_A_MAX + 1] __uninitialized;
	u64 kbits, mbits;
	unsigned int i;

	memset(key, 0, sizeof(*key));
	memset(mask, 0, sizeof(*mask));
	kbits = weft_key_nest(key_attr, kt);
	mbits = weft_key_nest(mask_attr, mt);

	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		u8 *kv = (u8 *)key + f->offset, *mv = (u8 *)mask + f->offset;
		const struct nlattr *ka, *ma;
		const char *msg;
		unsigned int j;

		ma = mbits & BIT_ULL(f->attr) ? mt[f->attr] : NULL;
		if (!(kbits & BIT_ULL(f->attr))) {
			if (ma) {
				weft_extack(extack, ma, f->no_value);
				return -EINVAL;
			}
			continue;
		}
		ka = kt[f->attr];
		msg = weft_field_range(f, nla_data(ka));
		/* A port number is no mask: only widths apply to masks. */
		if (!msg && ma && f->attr != WEFT_KEY_A_IN_PORT &&
		    f->attr != WEFT_KEY_A_IN_PHY_PORT)
			msg = weft_field_range(f, nla_data(ma));
		if (msg) {
			weft_extack(extack, ka, msg);
			return -EINVAL;
		}
		/* Storage shared by two fields given together. */
		if (memchr_inv(mv, 0, f->len)) {
			weft_extack(extack, ka, f->unmet);
			return -EINVAL;
		}
		memcpy(kv, nla_data(ka), f->len);
		if (ma)
			memcpy(mv, nla_data(ma), f->len);
		else
			memset(mv, 0xff, f->len);
		for (j = 0; j < f->len; j++) {
			if (kv[j] & ~mv[j]) {
				weft_extack(extack, ka, f->stray_bits);
				return -EINVAL;
			}
		}
	}

	/* Prerequisites are judged on the whole match, once it is known. */
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];

		if ((kbits & BIT_ULL(f->attr)) &&
		    !weft_prereq_met(f->prereq, key, mask)) {
			weft_extack(extack, kt[f->attr], f->unmet);
			return -EINVAL;
		}
	}

	/*
	 * "Untagged, with vid N" matches nothing.  Masked VID bits without
	 * the present bit in the mask (OpenFlow's vlan_vid=0x060/0x0f0) are
	 * fine: only tagged frames have them.
	 */
	if ((key->vlan_vid & WEFT_VID_MASK) &&
	    (mask->vlan_vid & WEFT_VID_PRESENT) &&
	    !(key->vlan_vid & WEFT_VID_PRESENT)) {
		/* A VID in the key came from its attribute. */
		NL_SET_ERR_MSG_ATTR(extack, kt[WEFT_KEY_A_VLAN_VID],
				    "WEFT_KEY_A_VLAN_VID: vid without WEFT_VID_PRESENT");
		return -EINVAL;
	}
	return 0;
}

/*
 * Emit, as a nest @type, the fields @mask covers (and whose
 * prerequisites hold): their values, or (!@values) the masks that are not
 * all-ones.
 */
static int weft_key_put(struct sk_buff *skb, int type, const struct weft_key *key,
			const struct weft_key *mask, bool values)
{
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		const u8 *m = (const u8 *)mask + f->offset;

		if (!memchr_inv(m, 0, f->len) ||
		    !weft_prereq_met(f->prereq, key, mask))
			continue;
		if (!values && !memchr_inv(m, 0xff, f->len))
			continue;
		if (nla_put(skb, f->attr, f->len,
			    values ? (const u8 *)key + f->offset : m)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Emit the fields of a match: the mask only where it is not exact. */
int weft_match_to_nlattrs(struct sk_buff *skb, const struct weft_key *key,
			  const struct weft_key *mask)
{
	struct nlattr *start = (struct nlattr *)skb_tail_pointer(skb);

	if (weft_key_put(skb, WEFT_FLOW_A_KEY, key, mask, true))
		return -EMSGSIZE;
	if (weft_key_put(skb, WEFT_FLOW_A_MASK, key, mask, false)) {
		nlmsg_trim(skb, start);
		return -EMSGSIZE;
	}
	return 0;
}

/*
 * Emit the fields of @key that a packet of its kind has (every field whose
 * prerequisites hold), skipping zero metadata: for traces and packet-ins.
 * With @meta_only, just the pipeline metadata (in_port, metadata, tunnel).
 */
int weft_key_to_nlattr(struct sk_buff *skb, int type, const struct weft_key *key,
		       bool meta_only)
{
	struct weft_key mask;
	unsigned int i;

	memset(&mask, 0, sizeof(mask));
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		bool meta = f->offset < offsetof(struct weft_key, eth_src);

		if (meta_only && !meta)
			continue;
		/* Zero metadata is the default, not news. */
		if (meta && f->attr != WEFT_KEY_A_IN_PORT &&
		    !memchr_inv((const u8 *)key + f->offset, 0, f->len))
			continue;
		memset((u8 *)&mask + f->offset, 0xff, f->len);
	}
	if (key->vlan_vid & WEFT_VID_PRESENT)
		mask.vlan_vid = 0xffff;
	else
		mask.vlan_pcp = 0;
	return weft_key_put(skb, type, key, &mask, true);
}

/*
 * True if a flow with @key/@mask falls under the selection @sel_key/
 * @sel_mask: it matches at least the fields selected, with those values
 * (OpenFlow's non-strict modify and delete).
 */
bool weft_match_covers(const struct weft_key *key, const struct weft_key *mask,
		       const struct weft_key *sel_key,
		       const struct weft_key *sel_mask)
{
	const u64 *k = (const u64 *)key, *m = (const u64 *)mask;
	const u64 *sk = (const u64 *)sel_key, *sm = (const u64 *)sel_mask;
	unsigned int i;

	for (i = 0; i < WEFT_KEY_WORDS; i++)
		if ((m[i] & sm[i]) != sm[i] || (k[i] & sm[i]) != sk[i])
			return false;
	return true;
}
