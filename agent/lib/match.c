// SPDX-License-Identifier: GPL-2.0
/*
 * Match fields: where each lives in struct weft_key, which of its bits mean
 * something, and how a match reads and writes WEFT_KEY_A_* nests.
 */
#include <endian.h>
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "match.h"

/*
 * Where each known field lives in struct weft_key, how long it is, and which
 * of its bits carry meaning (0: all of them), in host or network order as
 * the field itself.  A mask covering every meaningful bit is an exact
 * match: storing it as such keeps one canonical form, so flows compare equal
 * whatever mask the kernel echoes, and the kernel never sees mask bits it
 * would call out of range.
 */
struct key_field {
	unsigned short off;
	unsigned char len;
	bool be;
	__u32 valid;
};

#define F(attr, member, valid_bits, big_endian)				\
	[attr] = { offsetof(struct weft_key, member),			\
		   sizeof(((struct weft_key *)0)->member), big_endian,	\
		   valid_bits }

static const struct key_field key_fields[WEFT_KEY_A_KNOWN_MAX + 1] = {
	F(WEFT_KEY_A_IN_PORT, in_port, 0, false),
	F(WEFT_KEY_A_ETH_SRC, eth_src, 0, false),
	F(WEFT_KEY_A_ETH_DST, eth_dst, 0, false),
	F(WEFT_KEY_A_ETH_TYPE, eth_type, 0, false),
	F(WEFT_KEY_A_VLAN_VID, vlan_vid, WEFT_VID_PRESENT | WEFT_VID_MASK, false),
	F(WEFT_KEY_A_VLAN_PCP, vlan_pcp, 0x07, false),
	F(WEFT_KEY_A_IP_DSCP, ip_dscp, 0x3f, false),
	F(WEFT_KEY_A_IP_ECN, ip_ecn, 0x03, false),
	F(WEFT_KEY_A_IP_PROTO, ip_proto, 0, false),
	F(WEFT_KEY_A_IPV4_SRC, ipv4_src, 0, false),
	F(WEFT_KEY_A_IPV4_DST, ipv4_dst, 0, false),
	F(WEFT_KEY_A_TCP_SRC, tcp_src, 0, false),
	F(WEFT_KEY_A_TCP_DST, tcp_dst, 0, false),
	F(WEFT_KEY_A_UDP_SRC, udp_src, 0, false),
	F(WEFT_KEY_A_UDP_DST, udp_dst, 0, false),
	F(WEFT_KEY_A_SCTP_SRC, sctp_src, 0, false),
	F(WEFT_KEY_A_SCTP_DST, sctp_dst, 0, false),
	F(WEFT_KEY_A_ICMPV4_TYPE, icmp_type, 0, false),
	F(WEFT_KEY_A_ICMPV4_CODE, icmp_code, 0, false),
	F(WEFT_KEY_A_IN_PHY_PORT, in_phy_port, 0, false),
	F(WEFT_KEY_A_METADATA, metadata, 0, false),
	F(WEFT_KEY_A_REG0, regs[0], 0, false),
	F(WEFT_KEY_A_REG1, regs[1], 0, false),
	F(WEFT_KEY_A_REG2, regs[2], 0, false),
	F(WEFT_KEY_A_REG3, regs[3], 0, false),
	F(WEFT_KEY_A_REG4, regs[4], 0, false),
	F(WEFT_KEY_A_REG5, regs[5], 0, false),
	F(WEFT_KEY_A_REG6, regs[6], 0, false),
	F(WEFT_KEY_A_REG7, regs[7], 0, false),
	F(WEFT_KEY_A_IPV6_SRC, ipv6_src, 0, false),
	F(WEFT_KEY_A_IPV6_DST, ipv6_dst, 0, false),
	F(WEFT_KEY_A_IPV6_FLABEL, ipv6_label, 0x000fffff, true),
	F(WEFT_KEY_A_TCP_FLAGS, tcp_flags, 0x0fff, true),
	F(WEFT_KEY_A_ICMPV6_TYPE, icmpv6_type, 0, false),
	F(WEFT_KEY_A_ICMPV6_CODE, icmpv6_code, 0, false),
	F(WEFT_KEY_A_ARP_OP, arp_op, 0, false),
	F(WEFT_KEY_A_ARP_SPA, arp_spa, 0, false),
	F(WEFT_KEY_A_ARP_TPA, arp_tpa, 0, false),
	F(WEFT_KEY_A_ARP_SHA, arp_sha, 0, false),
	F(WEFT_KEY_A_ARP_THA, arp_tha, 0, false),
	F(WEFT_KEY_A_ND_TARGET, nd_target, 0, false),
	F(WEFT_KEY_A_ND_SLL, nd_sll, 0, false),
	F(WEFT_KEY_A_ND_TLL, nd_tll, 0, false),
	F(WEFT_KEY_A_MPLS_LABEL, mpls_label, 0x000fffff, false),
	F(WEFT_KEY_A_MPLS_TC, mpls_tc, 0x07, false),
	F(WEFT_KEY_A_MPLS_BOS, mpls_bos, 0x01, false),
	F(WEFT_KEY_A_TUNNEL_ID, tun_id, 0, false),
	F(WEFT_KEY_A_TUN_IPV4_SRC, tun_src, 0, false),
	F(WEFT_KEY_A_TUN_IPV4_DST, tun_dst, 0, false),
	F(WEFT_KEY_A_IP_FRAG, ip_frag, WEFT_FRAG_ANY | WEFT_FRAG_LATER, false),
};

void weft_flow_init(struct weft_flow *flow)
{
	memset(flow, 0, sizeof(*flow));
}

/*
 * weft_flow_init() for a flow whose action slots past each list's n are
 * still zero: the parsers only ever append to a list (and a failed parse
 * ends with weft_flow_init()).
 */
void weft_flow_reinit(struct weft_flow *flow)
{
	struct weft_insts *in = &flow->insts;
	size_t apply_a = offsetof(struct weft_flow, insts.apply.a);
	size_t write_a = offsetof(struct weft_flow, insts.write.a);
	size_t apply_end = apply_a + sizeof(in->apply.a);
	size_t write_end = write_a + sizeof(in->write.a);

	memset(in->apply.a, 0, in->apply.n * sizeof(in->apply.a[0]));
	memset(in->write.a, 0, in->write.n * sizeof(in->write.a[0]));
	/* Everything else, padding included (tests compare whole flows). */
	memset(flow, 0, apply_a);
	memset((char *)flow + apply_end, 0, write_a - apply_end);
	memset((char *)flow + write_end, 0, sizeof(*flow) - write_end);
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

void weft_match_field_valid(unsigned int attr, void *out)
{
	const struct key_field *kf;
	unsigned char *o = out;
	__u16 v16;
	__u32 v32;

	if (!weft_match_field_len(attr))
		return;
	kf = &key_fields[attr];
	memset(o, 0xff, kf->len);
	if (!kf->valid)
		return;
	switch (kf->len) {
	case 1:
		o[0] = (unsigned char)kf->valid;
		break;
	case 2:
		v16 = kf->be ? htobe16((__u16)kf->valid) : (__u16)kf->valid;
		memcpy(o, &v16, 2);
		break;
	case 4:
		v32 = kf->be ? htobe32(kf->valid) : kf->valid;
		memcpy(o, &v32, 4);
		break;
	}
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
	unsigned char valid[WEFT_FIELD_MAX_LEN], *key, *kmask;
	bool exact = true, wild = true;

	if (!len)
		return;
	key = weft_key_field(&m->key, attr);
	kmask = weft_key_field(&m->mask, attr);
	weft_match_field_valid(attr, valid);
	for (i = 0; mk && i < len; i++) {
		if ((mk[i] & valid[i]) != valid[i])
			exact = false;
		if (mk[i] & valid[i])
			wild = false;
	}
	if (!mk || exact) {
		/* Bits the field does not have are no part of its value. */
		for (i = 0; i < len; i++)
			key[i] = v[i] & valid[i];
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
		weft_match_field_valid(attr, mask);
	else
		memset(mask, 0, len);
}

bool weft_key_nl_put(struct nlmsghdr *nlh, size_t size, uint16_t type,
		     const struct weft_key *key, __u64 fields)
{
	struct nlattr *nest;
	unsigned int attr;
	__u64 todo;

	nest = mnl_attr_nest_start_check(nlh, size, type);
	if (!nest)
		return false;
	/* The fields set, in attribute order: a flow has a few of 50. */
	for (todo = fields; todo; todo &= todo - 1) {
		attr = (unsigned int)__builtin_ctzll(todo);
		if (attr == 0 || attr > WEFT_KEY_A_KNOWN_MAX)
			continue;
		if (!mnl_attr_put_check(nlh, size, attr, key_fields[attr].len,
					weft_key_field_const(key, attr))) {
			mnl_attr_nest_cancel(nlh, nest);
			return false;
		}
	}
	mnl_attr_nest_end(nlh, nest);
	return true;
}

int weft_key_nl_parse(const struct nlattr *nest, struct weft_match *m)
{
	const struct nlattr *attr;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return -EPROTO;
	mnl_attr_for_each_nested(attr, nest) {
		unsigned int type = mnl_attr_get_type(attr);
		size_t len = weft_match_field_len(type);

		if (!len) {
			/* A field a newer kernel knows: remember we lost it. */
			if (type < 64 && type != WEFT_KEY_A_PAD)
				m->unknown |= WEFT_BIT(type);
			continue;
		}
		if (mnl_attr_get_payload_len(attr) != len)
			return -EPROTO;
		weft_match_set(m, type, mnl_attr_get_payload(attr), NULL);
	}
	return 0;
}

int weft_mask_nl_parse(const struct nlattr *nest, struct weft_match *m)
{
	const struct nlattr *attr;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return -EPROTO;
	mnl_attr_for_each_nested(attr, nest) {
		unsigned int type = mnl_attr_get_type(attr);
		size_t len = weft_match_field_len(type);
		unsigned char value[WEFT_FIELD_MAX_LEN];

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
