// SPDX-License-Identifier: GPL-2.0
/*
 * Flow matches and instructions to and from netlink attributes.
 *
 * Match fields are described once, in weft_fields[]: the attribute, where
 * the value lives in struct weft_key, and the prerequisite OpenFlow sets
 * on it.  Parsing, validation and dumping are all driven by that table, so
 * a new field is one line there (plus its policy and extraction).
 */
#include <linux/in.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"

enum weft_prereq {
	WEFT_PRE_NONE,
	WEFT_PRE_VLAN,
	WEFT_PRE_IPV4,
	WEFT_PRE_TCP,
	WEFT_PRE_UDP,
	WEFT_PRE_SCTP,
	WEFT_PRE_ICMPV4,
};

struct weft_field {
	u16 attr;
	u8 offset;
	u8 len;
	u8 prereq;
	/* extack needs static strings: one per field and kind of error. */
	const char *no_value;
	const char *stray_bits;
	const char *unmet;
};

#define WEFT_FIELD(a, member, pre) {					\
	.attr = a,							\
	.offset = offsetof(struct weft_key, member),			\
	.len = sizeof_field(struct weft_key, member),			\
	.prereq = pre,							\
	.no_value = #a ": mask given without a value",			\
	.stray_bits = #a ": value has bits outside the mask",		\
	.unmet = #a ": prerequisite not met (see the uapi header)",	\
}

static const struct weft_field weft_fields[] = {
	WEFT_FIELD(WEFT_KEY_A_IN_PORT, in_port, WEFT_PRE_NONE),
	WEFT_FIELD(WEFT_KEY_A_ETH_SRC, eth_src, WEFT_PRE_NONE),
	WEFT_FIELD(WEFT_KEY_A_ETH_DST, eth_dst, WEFT_PRE_NONE),
	WEFT_FIELD(WEFT_KEY_A_ETH_TYPE, eth_type, WEFT_PRE_NONE),
	WEFT_FIELD(WEFT_KEY_A_VLAN_VID, vlan_vid, WEFT_PRE_NONE),
	WEFT_FIELD(WEFT_KEY_A_VLAN_PCP, vlan_pcp, WEFT_PRE_VLAN),
	WEFT_FIELD(WEFT_KEY_A_IP_DSCP, ip_dscp, WEFT_PRE_IPV4),
	WEFT_FIELD(WEFT_KEY_A_IP_ECN, ip_ecn, WEFT_PRE_IPV4),
	WEFT_FIELD(WEFT_KEY_A_IP_PROTO, ip_proto, WEFT_PRE_IPV4),
	WEFT_FIELD(WEFT_KEY_A_IPV4_SRC, ipv4_src, WEFT_PRE_IPV4),
	WEFT_FIELD(WEFT_KEY_A_IPV4_DST, ipv4_dst, WEFT_PRE_IPV4),
	WEFT_FIELD(WEFT_KEY_A_TCP_SRC, tp_src, WEFT_PRE_TCP),
	WEFT_FIELD(WEFT_KEY_A_TCP_DST, tp_dst, WEFT_PRE_TCP),
	WEFT_FIELD(WEFT_KEY_A_UDP_SRC, tp_src, WEFT_PRE_UDP),
	WEFT_FIELD(WEFT_KEY_A_UDP_DST, tp_dst, WEFT_PRE_UDP),
	WEFT_FIELD(WEFT_KEY_A_SCTP_SRC, tp_src, WEFT_PRE_SCTP),
	WEFT_FIELD(WEFT_KEY_A_SCTP_DST, tp_dst, WEFT_PRE_SCTP),
	WEFT_FIELD(WEFT_KEY_A_ICMPV4_TYPE, icmp_type, WEFT_PRE_ICMPV4),
	WEFT_FIELD(WEFT_KEY_A_ICMPV4_CODE, icmp_code, WEFT_PRE_ICMPV4),
};

#define WEFT_UNSUPPORTED(a)						\
	[a] = #a ": not supported in this version"
static const char *const weft_key_unsupported[WEFT_KEY_A_MAX + 1] = {
	WEFT_UNSUPPORTED(WEFT_KEY_A_IN_PHY_PORT),
	WEFT_UNSUPPORTED(WEFT_KEY_A_METADATA),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG0),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG1),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG2),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG3),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG4),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG5),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG6),
	WEFT_UNSUPPORTED(WEFT_KEY_A_REG7),
	WEFT_UNSUPPORTED(WEFT_KEY_A_IPV6_SRC),
	WEFT_UNSUPPORTED(WEFT_KEY_A_IPV6_DST),
	WEFT_UNSUPPORTED(WEFT_KEY_A_IPV6_FLABEL),
	WEFT_UNSUPPORTED(WEFT_KEY_A_TCP_FLAGS),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ICMPV6_TYPE),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ICMPV6_CODE),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ARP_OP),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ARP_SPA),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ARP_TPA),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ARP_SHA),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ARP_THA),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ND_TARGET),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ND_SLL),
	WEFT_UNSUPPORTED(WEFT_KEY_A_ND_TLL),
	WEFT_UNSUPPORTED(WEFT_KEY_A_MPLS_LABEL),
	WEFT_UNSUPPORTED(WEFT_KEY_A_MPLS_TC),
	WEFT_UNSUPPORTED(WEFT_KEY_A_MPLS_BOS),
	WEFT_UNSUPPORTED(WEFT_KEY_A_TUNNEL_ID),
	WEFT_UNSUPPORTED(WEFT_KEY_A_TUN_IPV4_SRC),
	WEFT_UNSUPPORTED(WEFT_KEY_A_TUN_IPV4_DST),
	WEFT_UNSUPPORTED(WEFT_KEY_A_IP_FRAG),
};

static const char *const weft_act_unsupported[WEFT_ACT_A_MAX + 1] = {
	WEFT_UNSUPPORTED(WEFT_ACT_A_CONTROLLER),
	WEFT_UNSUPPORTED(WEFT_ACT_A_GROUP),
	WEFT_UNSUPPORTED(WEFT_ACT_A_SET_FIELD),
	WEFT_UNSUPPORTED(WEFT_ACT_A_PUSH_VLAN),
	WEFT_UNSUPPORTED(WEFT_ACT_A_POP_VLAN),
	WEFT_UNSUPPORTED(WEFT_ACT_A_PUSH_MPLS),
	WEFT_UNSUPPORTED(WEFT_ACT_A_POP_MPLS),
	WEFT_UNSUPPORTED(WEFT_ACT_A_SET_NW_TTL),
	WEFT_UNSUPPORTED(WEFT_ACT_A_DEC_NW_TTL),
	WEFT_UNSUPPORTED(WEFT_ACT_A_SET_MPLS_TTL),
	WEFT_UNSUPPORTED(WEFT_ACT_A_DEC_MPLS_TTL),
	WEFT_UNSUPPORTED(WEFT_ACT_A_COPY_TTL_OUT),
	WEFT_UNSUPPORTED(WEFT_ACT_A_COPY_TTL_IN),
	WEFT_UNSUPPORTED(WEFT_ACT_A_SET_QUEUE),
};

static const char *const weft_inst_unsupported[WEFT_INST_A_MAX + 1] = {
	WEFT_UNSUPPORTED(WEFT_INST_A_CLEAR_ACTIONS),
	WEFT_UNSUPPORTED(WEFT_INST_A_WRITE_ACTIONS),
	WEFT_UNSUPPORTED(WEFT_INST_A_WRITE_METADATA),
	WEFT_UNSUPPORTED(WEFT_INST_A_GOTO_TABLE),
};

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
	/* Reserved fields are typed already so that decoders can print them. */
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
	[WEFT_KEY_A_MPLS_LABEL] = { .type = NLA_U32 },
	[WEFT_KEY_A_MPLS_TC] = { .type = NLA_U8 },
	[WEFT_KEY_A_MPLS_BOS] = { .type = NLA_U8 },
	[WEFT_KEY_A_TUNNEL_ID] = { .type = NLA_U64 },
	[WEFT_KEY_A_TUN_IPV4_SRC] = { .type = NLA_BE32 },
	[WEFT_KEY_A_TUN_IPV4_DST] = { .type = NLA_BE32 },
	[WEFT_KEY_A_IP_FRAG] = { .type = NLA_U8 },
	[WEFT_KEY_A_PAD] = { .type = NLA_REJECT },
};

static const struct nla_policy weft_act_policy[WEFT_ACT_A_MAX + 1] = {
	[WEFT_ACT_A_OUTPUT] = { .type = NLA_U32 },
	[WEFT_ACT_A_CONTROLLER] = { .type = NLA_NESTED },
	[WEFT_ACT_A_GROUP] = { .type = NLA_U32 },
	[WEFT_ACT_A_SET_FIELD] = { .type = NLA_NESTED },
	[WEFT_ACT_A_PUSH_VLAN] = { .type = NLA_BE16 },
	[WEFT_ACT_A_POP_VLAN] = { .type = NLA_FLAG },
	[WEFT_ACT_A_PUSH_MPLS] = { .type = NLA_BE16 },
	[WEFT_ACT_A_POP_MPLS] = { .type = NLA_BE16 },
	[WEFT_ACT_A_SET_NW_TTL] = { .type = NLA_U8 },
	[WEFT_ACT_A_DEC_NW_TTL] = { .type = NLA_FLAG },
	[WEFT_ACT_A_SET_MPLS_TTL] = { .type = NLA_U8 },
	[WEFT_ACT_A_DEC_MPLS_TTL] = { .type = NLA_FLAG },
	[WEFT_ACT_A_COPY_TTL_OUT] = { .type = NLA_FLAG },
	[WEFT_ACT_A_COPY_TTL_IN] = { .type = NLA_FLAG },
	[WEFT_ACT_A_SET_QUEUE] = { .type = NLA_U32 },
};

const struct nla_policy weft_inst_policy[WEFT_INST_A_MAX + 1] = {
	[WEFT_INST_A_APPLY_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_INST_A_CLEAR_ACTIONS] = { .type = NLA_FLAG },
	[WEFT_INST_A_WRITE_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_INST_A_WRITE_METADATA] = { .type = NLA_NESTED },
	[WEFT_INST_A_GOTO_TABLE] = { .type = NLA_U8 },
};

/*
 * NL_SET_ERR_MSG_ATTR() wants a literal; these messages come from tables
 * of string literals, which live as long as the module.
 */
static void weft_extack(struct netlink_ext_ack *extack,
			const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

static bool weft_exact(const struct weft_key *key, const struct weft_key *mask,
		       size_t off, size_t len, const void *want)
{
	const u8 *m = (const u8 *)mask + off;
	size_t i;

	for (i = 0; i < len; i++)
		if (m[i] != 0xff)
			return false;
	return !memcmp((const u8 *)key + off, want, len);
}

#define WEFT_IS(key, mask, member, val) ({				\
	typeof(((struct weft_key *)0)->member) __v = (val);		\
	weft_exact(key, mask, offsetof(struct weft_key, member),	\
		   sizeof(__v), &__v);					\
})

static bool weft_prereq_met(u8 prereq, const struct weft_key *k,
			    const struct weft_key *m)
{
	bool ipv4 = WEFT_IS(k, m, eth_type, htons(ETH_P_IP));

	switch (prereq) {
	case WEFT_PRE_NONE:
		return true;
	case WEFT_PRE_VLAN:
		return (m->vlan_vid & WEFT_VID_PRESENT) &&
		       (k->vlan_vid & WEFT_VID_PRESENT);
	case WEFT_PRE_IPV4:
		return ipv4;
	case WEFT_PRE_TCP:
		return ipv4 && WEFT_IS(k, m, ip_proto, IPPROTO_TCP);
	case WEFT_PRE_UDP:
		return ipv4 && WEFT_IS(k, m, ip_proto, IPPROTO_UDP);
	case WEFT_PRE_SCTP:
		return ipv4 && WEFT_IS(k, m, ip_proto, IPPROTO_SCTP);
	case WEFT_PRE_ICMPV4:
		return ipv4 && WEFT_IS(k, m, ip_proto, IPPROTO_ICMP);
	}
	return false;
}

static bool weft_mem_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
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
	struct nlattr *kt[WEFT_KEY_A_MAX + 1] = {};
	struct nlattr *mt[WEFT_KEY_A_MAX + 1] = {};
	unsigned int i;
	int err;

	memset(key, 0, sizeof(*key));
	memset(mask, 0, sizeof(*mask));
	if (key_attr) {
		err = nla_parse_nested(kt, WEFT_KEY_A_MAX, key_attr,
				       weft_key_policy, extack);
		if (err)
			return err;
	}
	if (mask_attr) {
		err = nla_parse_nested(mt, WEFT_KEY_A_MAX, mask_attr,
				       weft_key_policy, extack);
		if (err)
			return err;
	}

	for (i = 0; i <= WEFT_KEY_A_MAX; i++) {
		const struct nlattr *a = kt[i] ? kt[i] : mt[i];

		if (a && weft_key_unsupported[i]) {
			weft_extack(extack, a, weft_key_unsupported[i]);
			return -EOPNOTSUPP;
		}
	}

	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		u8 *kv = (u8 *)key + f->offset, *mv = (u8 *)mask + f->offset;
		unsigned int j;

		if (!kt[f->attr]) {
			if (mt[f->attr]) {
				weft_extack(extack, mt[f->attr], f->no_value);
				return -EINVAL;
			}
			continue;
		}
		memcpy(kv, nla_data(kt[f->attr]), f->len);
		if (mt[f->attr])
			memcpy(mv, nla_data(mt[f->attr]), f->len);
		else
			memset(mv, 0xff, f->len);
		for (j = 0; j < f->len; j++) {
			if (kv[j] & ~mv[j]) {
				weft_extack(extack, kt[f->attr], f->stray_bits);
				return -EINVAL;
			}
		}
	}

	/* Prerequisites are judged on the whole match, once it is known. */
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];

		if (kt[f->attr] && !weft_prereq_met(f->prereq, key, mask)) {
			weft_extack(extack, kt[f->attr], f->unmet);
			return -EINVAL;
		}
	}

	if ((key->vlan_vid & WEFT_VID_MASK) &&
	    !(key->vlan_vid & WEFT_VID_PRESENT)) {
		NL_SET_ERR_MSG_ATTR(extack, kt[WEFT_KEY_A_VLAN_VID],
				    "WEFT_KEY_A_VLAN_VID: vid without WEFT_VID_PRESENT");
		return -EINVAL;
	}
	return 0;
}

/* Emit the fields of a match: the mask only where it is not exact. */
int weft_match_to_nlattrs(struct sk_buff *skb, const struct weft_key *key,
			  const struct weft_key *mask)
{
	struct nlattr *kn, *mn;
	unsigned int i;

	kn = nla_nest_start(skb, WEFT_FLOW_A_KEY);
	if (!kn)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];

		if (weft_mem_zero((const u8 *)mask + f->offset, f->len) ||
		    !weft_prereq_met(f->prereq, key, mask))
			continue;
		if (nla_put(skb, f->attr, f->len, (const u8 *)key + f->offset))
			goto cancel_key;
	}
	nla_nest_end(skb, kn);

	mn = nla_nest_start(skb, WEFT_FLOW_A_MASK);
	if (!mn)
		goto cancel_key;
	for (i = 0; i < ARRAY_SIZE(weft_fields); i++) {
		const struct weft_field *f = &weft_fields[i];
		const u8 *m = (const u8 *)mask + f->offset;

		if (weft_mem_zero(m, f->len) || !memchr_inv(m, 0xff, f->len) ||
		    !weft_prereq_met(f->prereq, key, mask))
			continue;
		if (nla_put(skb, f->attr, f->len, m)) {
			nla_nest_cancel(skb, mn);
			goto cancel_key;
		}
	}
	nla_nest_end(skb, mn);
	return 0;

cancel_key:
	nla_nest_cancel(skb, kn);
	return -EMSGSIZE;
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

static bool weft_output_port_valid(u32 port)
{
	switch (port) {
	case WEFT_PORT_IN_PORT:
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
	case WEFT_PORT_LOCAL:
		return true;
	default:
		return port >= 1 && port <= WEFT_PORT_MAX;
	}
}

static int weft_actions_parse(const struct nlattr *list,
			      struct weft_actions **actsp,
			      struct netlink_ext_ack *extack)
{
	struct weft_actions *acts;
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(a, list, rem)
		n++;
	if (n > WEFT_ACTIONS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, list,
				    "WEFT_INST_A_APPLY_ACTIONS: more than WEFT_ACTIONS_MAX actions");
		return -E2BIG;
	}
	acts = kzalloc(struct_size(acts, a, n), GFP_KERNEL);
	if (!acts)
		return -ENOMEM;
	weft_obj_inc(WEFT_OBJ_ACTIONS);

	nla_for_each_nested(a, list, rem) {
		int type = nla_type(a);

		if (type == WEFT_ACT_A_OUTPUT) {
			u32 port = nla_get_u32(a);

			if (!weft_output_port_valid(port)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "WEFT_ACT_A_OUTPUT: not a port weft can output to");
				weft_actions_free(acts);
				return port == WEFT_PORT_CONTROLLER ||
				       port == WEFT_PORT_TABLE ||
				       port == WEFT_PORT_NORMAL ?
				       -EOPNOTSUPP : -EINVAL;
			}
			acts->a[acts->n].type = WEFT_ACTION_OUTPUT;
			acts->a[acts->n].arg = port;
			acts->n++;
			continue;
		}
		weft_extack(extack, a, weft_act_unsupported[type] ?:
				    "WEFT_ACT_A_UNSPEC: not an action");
		weft_actions_free(acts);
		return weft_act_unsupported[type] ? -EOPNOTSUPP : -EINVAL;
	}
	*actsp = acts;
	return 0;
}

/* Parse WEFT_FLOW_A_INSTRUCTIONS (absent: drop) into an action list. */
int weft_insts_from_nlattr(const struct nlattr *attr,
			   struct weft_actions **actsp,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[WEFT_INST_A_MAX + 1] = {};
	static const struct nlattr empty = { .nla_len = NLA_HDRLEN };
	unsigned int i;
	int err;

	if (attr) {
		err = nla_parse_nested(tb, WEFT_INST_A_MAX, attr,
				       weft_inst_policy, extack);
		if (err)
			return err;
	}
	for (i = 0; i <= WEFT_INST_A_MAX; i++) {
		if (tb[i] && weft_inst_unsupported[i]) {
			weft_extack(extack, tb[i], weft_inst_unsupported[i]);
			return -EOPNOTSUPP;
		}
	}
	return weft_actions_parse(tb[WEFT_INST_A_APPLY_ACTIONS] ?: &empty,
				  actsp, extack);
}

int weft_insts_to_nlattr(struct sk_buff *skb, const struct weft_actions *acts)
{
	struct nlattr *in, *an;
	u32 i;

	if (!acts || !acts->n)
		return 0;
	in = nla_nest_start(skb, WEFT_FLOW_A_INSTRUCTIONS);
	if (!in)
		return -EMSGSIZE;
	an = nla_nest_start(skb, WEFT_INST_A_APPLY_ACTIONS);
	if (!an)
		goto cancel;
	for (i = 0; i < acts->n; i++) {
		const struct weft_action *a = &acts->a[i];

		switch (a->type) {
		case WEFT_ACTION_OUTPUT:
			if (nla_put_u32(skb, WEFT_ACT_A_OUTPUT, a->arg))
				goto cancel;
			break;
		}
	}
	nla_nest_end(skb, an);
	nla_nest_end(skb, in);
	return 0;
cancel:
	nla_nest_cancel(skb, in);
	return -EMSGSIZE;
}

struct weft_actions *weft_actions_clone(const struct weft_actions *acts)
{
	struct weft_actions *copy;

	copy = kmemdup(acts, struct_size(acts, a, acts->n), GFP_KERNEL);
	if (copy)
		weft_obj_inc(WEFT_OBJ_ACTIONS);
	return copy;
}
