// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_flow <-> WEFT_A_FLOW netlink attributes.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "match.h"

/*
 * Where each known field lives in struct weft_key, how long it is, and which
 * of its bits carry meaning (0: all of them).  A mask covering every
 * meaningful bit is an exact match: storing it as such keeps one canonical
 * form, so flows compare equal whatever mask the kernel echoes.
 */
struct key_field {
	unsigned short off;
	unsigned char len;
	unsigned short valid;
};

#define F(attr, member, valid_bits)					\
	[attr] = { offsetof(struct weft_key, member),			\
		   sizeof(((struct weft_key *)0)->member), valid_bits }

static const struct key_field key_fields[WEFT_KEY_A_KNOWN_MAX + 1] = {
	F(WEFT_KEY_A_IN_PORT, in_port, 0),
	F(WEFT_KEY_A_ETH_SRC, eth_src, 0),
	F(WEFT_KEY_A_ETH_DST, eth_dst, 0),
	F(WEFT_KEY_A_ETH_TYPE, eth_type, 0),
	F(WEFT_KEY_A_VLAN_VID, vlan_vid, WEFT_VID_PRESENT | WEFT_VID_MASK),
	F(WEFT_KEY_A_VLAN_PCP, vlan_pcp, 0x07),
	F(WEFT_KEY_A_IP_DSCP, ip_dscp, 0x3f),
	F(WEFT_KEY_A_IP_ECN, ip_ecn, 0x03),
	F(WEFT_KEY_A_IP_PROTO, ip_proto, 0),
	F(WEFT_KEY_A_IPV4_SRC, ipv4_src, 0),
	F(WEFT_KEY_A_IPV4_DST, ipv4_dst, 0),
	F(WEFT_KEY_A_TCP_SRC, tcp_src, 0),
	F(WEFT_KEY_A_TCP_DST, tcp_dst, 0),
	F(WEFT_KEY_A_UDP_SRC, udp_src, 0),
	F(WEFT_KEY_A_UDP_DST, udp_dst, 0),
	F(WEFT_KEY_A_SCTP_SRC, sctp_src, 0),
	F(WEFT_KEY_A_SCTP_DST, sctp_dst, 0),
	F(WEFT_KEY_A_ICMPV4_TYPE, icmp_type, 0),
	F(WEFT_KEY_A_ICMPV4_CODE, icmp_code, 0),
};

void weft_flow_init(struct weft_flow *flow)
{
	memset(flow, 0, sizeof(*flow));
}

size_t weft_match_field_len(unsigned int attr)
{
	if (attr == 0 || attr > WEFT_KEY_A_KNOWN_MAX)
		return 0;
	return key_fields[attr].len;
}

void *weft_key_field(struct weft_key *key, unsigned int attr)
{
	if (!weft_match_field_len(attr))
		return NULL;
	return (char *)key + key_fields[attr].off;
}

const void *weft_key_field_const(const struct weft_key *key, unsigned int attr)
{
	return weft_key_field((struct weft_key *)key, attr);
}

/* The bits of field @attr that mean something, as a byte string. */
static void valid_bits(unsigned int attr, unsigned char *out)
{
	const struct key_field *kf = &key_fields[attr];

	memset(out, 0xff, kf->len);
	if (kf->len == 1 && kf->valid)
		out[0] = (unsigned char)kf->valid;
	else if (kf->len == 2 && kf->valid)
		memcpy(out, &kf->valid, 2);	/* host-order fields only */
}

void weft_match_clear(struct weft_match *m, unsigned int attr)
{
	size_t len = weft_match_field_len(attr);

	if (!len)
		return;
	memset(weft_key_field(&m->key, attr), 0, len);
	memset(weft_key_field(&m->mask, attr), 0, len);
	m->fields &= ~WEFT_BIT(attr);
	m->masked &= ~WEFT_BIT(attr);
}

void weft_match_set(struct weft_match *m, unsigned int attr,
		    const void *value, const void *mask)
{
	size_t len = weft_match_field_len(attr), i;
	const unsigned char *v = value, *mk = mask;
	unsigned char valid[8], *key, *kmask;
	bool exact = true, wild = true;

	if (!len)
		return;
	key = weft_key_field(&m->key, attr);
	kmask = weft_key_field(&m->mask, attr);
	valid_bits(attr, valid);
	for (i = 0; mk && i < len; i++) {
		if ((mk[i] & valid[i]) != valid[i])
			exact = false;
		if (mk[i] & valid[i])
			wild = false;
	}
	if (!mk || exact) {
		memcpy(key, v, len);
		memset(kmask, 0, len);
		m->fields |= WEFT_BIT(attr);
		m->masked &= ~WEFT_BIT(attr);
		return;
	}
	if (wild) {
		weft_match_clear(m, attr);
		return;
	}
	for (i = 0; i < len; i++) {
		kmask[i] = mk[i] & valid[i];
		key[i] = v[i] & kmask[i];
	}
	m->fields |= WEFT_BIT(attr);
	m->masked |= WEFT_BIT(attr);
}

void weft_match_get_mask(const struct weft_match *m, unsigned int attr,
			 void *mask)
{
	size_t len = weft_match_field_len(attr);

	if (!len)
		return;
	if (weft_match_is_masked(m, attr))
		memcpy(mask, weft_key_field_const(&m->mask, attr), len);
	else if (weft_match_has(m, attr))
		memset(mask, 0xff, len);
	else
		memset(mask, 0, len);
}

static bool put_fields(struct nlmsghdr *nlh, size_t size, uint16_t type,
		       const struct weft_key *key, __u64 fields)
{
	struct nlattr *nest;
	unsigned int attr;

	nest = mnl_attr_nest_start_check(nlh, size, type);
	if (!nest)
		return false;
	for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++) {
		if (!(fields & WEFT_BIT(attr)))
			continue;
		if (!mnl_attr_put_check(nlh, size, attr, key_fields[attr].len,
					weft_key_field_const(key, attr)))
			return false;
	}
	mnl_attr_nest_end(nlh, nest);
	return true;
}

static bool put_instructions(struct nlmsghdr *nlh, size_t size,
			     const struct weft_flow *flow)
{
	struct nlattr *inst, *apply;
	unsigned int i;

	inst = mnl_attr_nest_start_check(nlh, size, WEFT_FLOW_A_INSTRUCTIONS);
	if (!inst)
		return false;
	/* No actions: an empty instruction list, which drops. */
	if (flow->n_actions) {
		apply = mnl_attr_nest_start_check(nlh, size,
						  WEFT_INST_A_APPLY_ACTIONS);
		if (!apply)
			return false;
		for (i = 0; i < flow->n_actions; i++) {
			const struct weft_action *a = &flow->actions[i];

			/* Only outputs exist in version 1. */
			if (a->type != WEFT_ACT_A_OUTPUT ||
			    !mnl_attr_put_u32_check(nlh, size, WEFT_ACT_A_OUTPUT,
						    a->port))
				return false;
		}
		mnl_attr_nest_end(nlh, apply);
	}
	mnl_attr_nest_end(nlh, inst);
	return true;
}

#define HAS(flow, a)	((flow)->attrs & WEFT_BIT(a))

int weft_flow_nl_put(struct nlmsghdr *nlh, size_t size,
		     const struct weft_flow *flow)
{
	const struct weft_match *m = &flow->match;
	struct nlattr *nest;
	bool ok = true;

	if (flow->n_actions > WEFT_ACTIONS_MAX)
		return -EINVAL;
	nest = mnl_attr_nest_start_check(nlh, size, WEFT_A_FLOW);
	if (!nest)
		return -EMSGSIZE;

	/*
	 * u64 attributes go without WEFT_FLOW_A_PAD: the kernel reads them
	 * unaligned just fine, and a strict policy would reject the pad.
	 */
	if (HAS(flow, WEFT_FLOW_A_TABLE))
		ok = ok && mnl_attr_put_u8_check(nlh, size, WEFT_FLOW_A_TABLE,
						 flow->table);
	if (HAS(flow, WEFT_FLOW_A_PRIORITY))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_PRIORITY,
						  flow->priority);
	if (HAS(flow, WEFT_FLOW_A_COOKIE))
		ok = ok && mnl_attr_put_u64_check(nlh, size, WEFT_FLOW_A_COOKIE,
						  flow->cookie);
	if (HAS(flow, WEFT_FLOW_A_COOKIE_MASK))
		ok = ok && mnl_attr_put_u64_check(nlh, size,
						  WEFT_FLOW_A_COOKIE_MASK,
						  flow->cookie_mask);
	if (HAS(flow, WEFT_FLOW_A_FLAGS))
		ok = ok && mnl_attr_put_u32_check(nlh, size, WEFT_FLOW_A_FLAGS,
						  flow->flags);
	if (HAS(flow, WEFT_FLOW_A_IDLE_TIMEOUT))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_IDLE_TIMEOUT,
						  flow->idle_timeout);
	if (HAS(flow, WEFT_FLOW_A_HARD_TIMEOUT))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_HARD_TIMEOUT,
						  flow->hard_timeout);
	if (HAS(flow, WEFT_FLOW_A_STRICT))
		ok = ok && mnl_attr_put_check(nlh, size, WEFT_FLOW_A_STRICT,
					      0, NULL);
	if (HAS(flow, WEFT_FLOW_A_EXCL))
		ok = ok && mnl_attr_put_check(nlh, size, WEFT_FLOW_A_EXCL,
					      0, NULL);
	if (HAS(flow, WEFT_FLOW_A_OUT_PORT))
		ok = ok && mnl_attr_put_u32_check(nlh, size,
						  WEFT_FLOW_A_OUT_PORT,
						  flow->out_port);
	/* A wildcarded field is absent from KEY; an exact one from MASK. */
	if (m->fields)
		ok = ok && put_fields(nlh, size, WEFT_FLOW_A_KEY, &m->key,
				      m->fields);
	if (m->masked)
		ok = ok && put_fields(nlh, size, WEFT_FLOW_A_MASK, &m->mask,
				      m->masked & m->fields);
	if (HAS(flow, WEFT_FLOW_A_INSTRUCTIONS))
		ok = ok && put_instructions(nlh, size, flow);

	if (!ok) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int parse_key(const struct nlattr *nest, struct weft_match *m)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		unsigned int type = mnl_attr_get_type(attr);
		size_t len = weft_match_field_len(type);

		if (!len) {
			/* A field a newer kernel knows: remember we lost it. */
			if (type < 64)
				m->unknown |= WEFT_BIT(type);
			continue;
		}
		if (mnl_attr_get_payload_len(attr) != len)
			return -EPROTO;
		weft_match_set(m, type, mnl_attr_get_payload(attr), NULL);
	}
	return 0;
}

static int parse_mask(const struct nlattr *nest, struct weft_match *m)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		unsigned int type = mnl_attr_get_type(attr);
		size_t len = weft_match_field_len(type);
		unsigned char value[8];

		if (!len)
			continue;
		if (mnl_attr_get_payload_len(attr) != len ||
		    !weft_match_has(m, type))
			return -EPROTO;
		memcpy(value, weft_key_field(&m->key, type), len);
		weft_match_set(m, type, value, mnl_attr_get_payload(attr));
		/* A zero mask would unmatch a field the key names. */
		if (!weft_match_has(m, type))
			return -EPROTO;
	}
	return 0;
}

static int parse_actions(const struct nlattr *nest, struct weft_flow *flow)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		struct weft_action *a;

		if (flow->n_actions == WEFT_ACTIONS_MAX)
			return -EPROTO;
		a = &flow->actions[flow->n_actions++];
		a->type = mnl_attr_get_type(attr);
		if (a->type == WEFT_ACT_A_OUTPUT) {
			if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
				return -EPROTO;
			a->port = mnl_attr_get_u32(attr);
		}
	}
	return 0;
}

int weft_flow_nl_parse(const struct nlattr *nest, struct weft_flow *flow)
{
	const struct nlattr *tb[WEFT_FLOW_A_MAX + 1];
	int err;

	weft_flow_init(flow);
	err = weft_attr_parse_nested(nest, &weft_attrs_flow, tb);
	if (err)
		return err;

#define GET(a, field, getter)					\
	do {							\
		if (tb[a]) {					\
			flow->field = getter(tb[a]);		\
			flow->attrs |= WEFT_BIT(a);		\
		}						\
	} while (0)
	GET(WEFT_FLOW_A_TABLE, table, mnl_attr_get_u8);
	GET(WEFT_FLOW_A_PRIORITY, priority, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_COOKIE, cookie, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_COOKIE_MASK, cookie_mask, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_FLAGS, flags, mnl_attr_get_u32);
	GET(WEFT_FLOW_A_IDLE_TIMEOUT, idle_timeout, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_HARD_TIMEOUT, hard_timeout, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_OUT_PORT, out_port, mnl_attr_get_u32);
	GET(WEFT_FLOW_A_DURATION, duration_ms, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_USED, used_ms, mnl_attr_get_u64);
#undef GET
	if (tb[WEFT_FLOW_A_STRICT])
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STRICT);
	if (tb[WEFT_FLOW_A_EXCL])
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);

	if (tb[WEFT_FLOW_A_KEY]) {
		err = parse_key(tb[WEFT_FLOW_A_KEY], &flow->match);
		if (err)
			return err;
	}
	if (tb[WEFT_FLOW_A_MASK]) {
		err = parse_mask(tb[WEFT_FLOW_A_MASK], &flow->match);
		if (err)
			return err;
	}
	if (tb[WEFT_FLOW_A_INSTRUCTIONS]) {
		const struct nlattr *itb[WEFT_INST_A_MAX + 1];

		err = weft_attr_parse_nested(tb[WEFT_FLOW_A_INSTRUCTIONS],
					     &weft_attrs_inst, itb);
		if (err)
			return err;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS);
		if (itb[WEFT_INST_A_APPLY_ACTIONS]) {
			err = parse_actions(itb[WEFT_INST_A_APPLY_ACTIONS], flow);
			if (err)
				return err;
		}
	}
	if (tb[WEFT_FLOW_A_STATS]) {
		const struct nlattr *stb[WEFT_FLOW_STATS_A_MAX + 1];

		err = weft_attr_parse_nested(tb[WEFT_FLOW_A_STATS],
					     &weft_attrs_flow_stats, stb);
		if (err)
			return err;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STATS);
		if (stb[WEFT_FLOW_STATS_A_PACKETS])
			flow->n_packets =
				mnl_attr_get_u64(stb[WEFT_FLOW_STATS_A_PACKETS]);
		if (stb[WEFT_FLOW_STATS_A_BYTES])
			flow->n_bytes =
				mnl_attr_get_u64(stb[WEFT_FLOW_STATS_A_BYTES]);
	}
	return 0;
}

int weft_flow_msg_parse(const struct nlmsghdr *nlh, struct weft_flow *flow)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	int err;

	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_FLOW])
		return -EPROTO;
	return weft_flow_nl_parse(tb[WEFT_A_FLOW], flow);
}
