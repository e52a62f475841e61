// SPDX-License-Identifier: GPL-2.0
/*
 * ovs-ofctl flow text -> struct weft_flow: match fields.
 *
 * Each field's name and value syntax, the protocol shorthands, and the
 * OpenFlow prerequisites, checked once the whole flow has been read
 * (fields may come in any order).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "util.h"

#define ETH_TYPE_IP	0x0800
#define ETH_TYPE_ARP	0x0806
#define ETH_TYPE_IPV6	0x86dd
#define ETH_TYPE_MPLS	0x8847
#define ETH_TYPE_MPLSM	0x8848

enum kind {
	K_PORT,		/* in_port, in_phy_port */
	K_MAC,
	K_IPV4,
	K_IPV6,
	K_INT,		/* a number of the field's width, maybe masked */
	K_TP,		/* tp_src/tp_dst: protocol decided by nw_proto */
	K_ICMP,		/* icmp_type/code: ICMPv4 or v6 by dl_type */
	K_DL_VLAN,
	K_VLAN_TCI,
	K_TOS,		/* nw_tos: the DSCP shifted into the TOS byte */
	K_TCP_FLAGS,
	K_FRAG,
};

struct field {
	const char *name;
	unsigned short attr;	/* WEFT_KEY_A_*; K_TP/K_ICMP: 0 src, 1 dst */
	unsigned char kind;
	unsigned char prereq;
	bool maskable;		/* as in ovs-ofctl */
	bool be;		/* K_INT: in network byte order */
	unsigned long long max;	/* K_INT: largest value */
};

#define REG(n) { "reg" #n, WEFT_KEY_A_REG##n, K_INT, P_NONE, true, false, \
		 0xffffffffULL }

/* The first name of an attribute is the one errors use. */
static const struct field fields[] = {
	{ "in_port", WEFT_KEY_A_IN_PORT, K_PORT, P_NONE, false, false, 0 },
	{ "in_phy_port", WEFT_KEY_A_IN_PHY_PORT, K_PORT, P_NONE, false, false, 0 },
	{ "metadata", WEFT_KEY_A_METADATA, K_INT, P_NONE, true, false, ~0ULL },
	REG(0), REG(1), REG(2), REG(3), REG(4), REG(5), REG(6), REG(7),
	{ "tun_id", WEFT_KEY_A_TUNNEL_ID, K_INT, P_NONE, true, false, ~0ULL },
	{ "tunnel_id", WEFT_KEY_A_TUNNEL_ID, K_INT, P_NONE, true, false, ~0ULL },
	{ "tun_src", WEFT_KEY_A_TUN_IPV4_SRC, K_IPV4, P_NONE, true, false, 0 },
	{ "tun_dst", WEFT_KEY_A_TUN_IPV4_DST, K_IPV4, P_NONE, true, false, 0 },
	{ "dl_src", WEFT_KEY_A_ETH_SRC, K_MAC, P_NONE, true, false, 0 },
	{ "eth_src", WEFT_KEY_A_ETH_SRC, K_MAC, P_NONE, true, false, 0 },
	{ "dl_dst", WEFT_KEY_A_ETH_DST, K_MAC, P_NONE, true, false, 0 },
	{ "eth_dst", WEFT_KEY_A_ETH_DST, K_MAC, P_NONE, true, false, 0 },
	{ "dl_type", WEFT_KEY_A_ETH_TYPE, K_INT, P_NONE, false, true, 0xffff },
	{ "eth_type", WEFT_KEY_A_ETH_TYPE, K_INT, P_NONE, false, true, 0xffff },
	{ "dl_vlan", WEFT_KEY_A_VLAN_VID, K_DL_VLAN, P_NONE, false, false, 0 },
	{ "vlan_vid", WEFT_KEY_A_VLAN_VID, K_INT, P_NONE, true, false, 0x1fff },
	{ "dl_vlan_pcp", WEFT_KEY_A_VLAN_PCP, K_INT, P_NONE, false, false, 7 },
	{ "vlan_pcp", WEFT_KEY_A_VLAN_PCP, K_INT, P_NONE, false, false, 7 },
	{ "vlan_tci", WEFT_KEY_A_VLAN_VID, K_VLAN_TCI, P_NONE, true, false, 0 },
	{ "nw_src", WEFT_KEY_A_IPV4_SRC, K_IPV4, P_IPV4, true, false, 0 },
	{ "ip_src", WEFT_KEY_A_IPV4_SRC, K_IPV4, P_IPV4, true, false, 0 },
	{ "nw_dst", WEFT_KEY_A_IPV4_DST, K_IPV4, P_IPV4, true, false, 0 },
	{ "ip_dst", WEFT_KEY_A_IPV4_DST, K_IPV4, P_IPV4, true, false, 0 },
	{ "ipv6_src", WEFT_KEY_A_IPV6_SRC, K_IPV6, P_IPV6, true, false, 0 },
	{ "ipv6_dst", WEFT_KEY_A_IPV6_DST, K_IPV6, P_IPV6, true, false, 0 },
	{ "ipv6_label", WEFT_KEY_A_IPV6_FLABEL, K_INT, P_IPV6, true, true, 0xfffff },
	{ "nw_proto", WEFT_KEY_A_IP_PROTO, K_INT, P_IP, false, false, 255 },
	{ "ip_proto", WEFT_KEY_A_IP_PROTO, K_INT, P_IP, false, false, 255 },
	{ "ip_dscp", WEFT_KEY_A_IP_DSCP, K_INT, P_IP, false, false, 63 },
	{ "nw_tos", WEFT_KEY_A_IP_DSCP, K_TOS, P_IP, false, false, 255 },
	{ "nw_ecn", WEFT_KEY_A_IP_ECN, K_INT, P_IP, false, false, 3 },
	{ "ip_ecn", WEFT_KEY_A_IP_ECN, K_INT, P_IP, false, false, 3 },
	{ "ip_frag", WEFT_KEY_A_IP_FRAG, K_FRAG, P_IP, false, false, 0 },
	{ "nw_frag", WEFT_KEY_A_IP_FRAG, K_FRAG, P_IP, false, false, 0 },
	{ "tp_src", 0, K_TP, P_NONE, true, true, 0xffff },
	{ "tp_dst", 1, K_TP, P_NONE, true, true, 0xffff },
	{ "tcp_src", WEFT_KEY_A_TCP_SRC, K_INT, P_TCP, true, true, 0xffff },
	{ "tcp_dst", WEFT_KEY_A_TCP_DST, K_INT, P_TCP, true, true, 0xffff },
	{ "udp_src", WEFT_KEY_A_UDP_SRC, K_INT, P_UDP, true, true, 0xffff },
	{ "udp_dst", WEFT_KEY_A_UDP_DST, K_INT, P_UDP, true, true, 0xffff },
	{ "sctp_src", WEFT_KEY_A_SCTP_SRC, K_INT, P_SCTP, true, true, 0xffff },
	{ "sctp_dst", WEFT_KEY_A_SCTP_DST, K_INT, P_SCTP, true, true, 0xffff },
	{ "tcp_flags", WEFT_KEY_A_TCP_FLAGS, K_TCP_FLAGS, P_TCP, true, true, 0 },
	{ "icmp_type", 0, K_ICMP, P_NONE, false, false, 255 },
	{ "icmp_code", 1, K_ICMP, P_NONE, false, false, 255 },
	{ "icmpv4_type", WEFT_KEY_A_ICMPV4_TYPE, K_INT, P_ICMPV4, false, false, 255 },
	{ "icmpv4_code", WEFT_KEY_A_ICMPV4_CODE, K_INT, P_ICMPV4, false, false, 255 },
	{ "icmpv6_type", WEFT_KEY_A_ICMPV6_TYPE, K_INT, P_ICMPV6, false, false, 255 },
	{ "icmpv6_code", WEFT_KEY_A_ICMPV6_CODE, K_INT, P_ICMPV6, false, false, 255 },
	{ "arp_op", WEFT_KEY_A_ARP_OP, K_INT, P_ARP, false, true, 0xffff },
	{ "arp_spa", WEFT_KEY_A_ARP_SPA, K_IPV4, P_ARP, true, false, 0 },
	{ "arp_tpa", WEFT_KEY_A_ARP_TPA, K_IPV4, P_ARP, true, false, 0 },
	{ "arp_sha", WEFT_KEY_A_ARP_SHA, K_MAC, P_ARP, true, false, 0 },
	{ "arp_tha", WEFT_KEY_A_ARP_THA, K_MAC, P_ARP, true, false, 0 },
	{ "nd_target", WEFT_KEY_A_ND_TARGET, K_IPV6, P_ND, true, false, 0 },
	{ "nd_sll", WEFT_KEY_A_ND_SLL, K_MAC, P_ND_SLL, true, false, 0 },
	{ "nd_tll", WEFT_KEY_A_ND_TLL, K_MAC, P_ND_TLL, true, false, 0 },
	{ "mpls_label", WEFT_KEY_A_MPLS_LABEL, K_INT, P_MPLS, false, false, 0xfffff },
	{ "mpls_tc", WEFT_KEY_A_MPLS_TC, K_INT, P_MPLS, false, false, 7 },
	{ "mpls_bos", WEFT_KEY_A_MPLS_BOS, K_INT, P_MPLS, false, false, 1 },
};

/* ovs-ofctl's protocol shorthands; proto < 0: no nw_proto. */
static const struct {
	const char *name;
	__u16 dl_type;
	int proto;
} shorthands[] = {
	{ "ip", ETH_TYPE_IP, -1 },
	{ "ipv4", ETH_TYPE_IP, -1 },
	{ "ip4", ETH_TYPE_IP, -1 },
	{ "icmp", ETH_TYPE_IP, 1 },
	{ "igmp", ETH_TYPE_IP, 2 },
	{ "tcp", ETH_TYPE_IP, 6 },
	{ "udp", ETH_TYPE_IP, 17 },
	{ "sctp", ETH_TYPE_IP, 132 },
	{ "ipv6", ETH_TYPE_IPV6, -1 },
	{ "ip6", ETH_TYPE_IPV6, -1 },
	{ "icmp6", ETH_TYPE_IPV6, 58 },
	{ "tcp6", ETH_TYPE_IPV6, 6 },
	{ "udp6", ETH_TYPE_IPV6, 17 },
	{ "sctp6", ETH_TYPE_IPV6, 132 },
	{ "arp", ETH_TYPE_ARP, -1 },
	{ "rarp", 0x8035, -1 },
	{ "mpls", ETH_TYPE_MPLS, -1 },
	{ "mplsm", ETH_TYPE_MPLSM, -1 },
};

static const char *attr_text_name(unsigned int attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (fields[i].kind != K_TP && fields[i].kind != K_ICMP &&
		    fields[i].attr == attr)
			return fields[i].name;
	return "field";
}

/*
 * Match @attr; the same field may be given twice (ip,tcp both set dl_type)
 * but not with different values.
 */
static int set_field(struct fp_parser *p, unsigned int attr, const void *value,
		     const void *mask, unsigned char prereq)
{
	struct weft_match *m = &p->flow->match;
	struct weft_match tmp;
	size_t len = weft_match_field_len(attr);

	memset(&tmp, 0, sizeof(tmp));
	weft_match_set(&tmp, attr, value, mask);
	/* A trace describes one packet: every value is exact. */
	if (p->op == WEFT_FLOW_OP_PACKET && weft_match_is_masked(&tmp, attr))
		return weft_fp_fail(p, "a packet cannot have a masked field in \"%.*s\"",
				    p->tok->all.n, p->tok->all.p);
	if (weft_match_has(m, attr)) {
		if (!weft_match_has(&tmp, attr) ||
		    weft_match_is_masked(m, attr) !=
		    weft_match_is_masked(&tmp, attr) ||
		    memcmp(weft_key_field(&m->key, attr),
			   weft_key_field(&tmp.key, attr), len) ||
		    memcmp(weft_key_field(&m->mask, attr),
			   weft_key_field(&tmp.mask, attr), len))
			return weft_fp_fail(p, "conflicting values for %s in \"%.*s\"",
					    attr_text_name(attr), p->tok->all.n,
					    p->tok->all.p);
		return 0;
	}
	if (!weft_match_has(&tmp, attr))	/* an all-zero mask: wildcard */
		return 0;
	weft_match_set(m, attr, value, mask);
	p->field_tok[attr] = *p->tok;
	p->field_prereq[attr] = prereq;
	return 0;
}

/* A number (field width from the attribute), maybe masked. */
static int parse_int(struct fp_parser *p, const struct field *f,
		     struct fp_span val, unsigned int attr, __u8 *value,
		     __u8 *mask, bool *has_mask)
{
	size_t len = weft_match_field_len(attr);
	unsigned long long v, m = ~0ULL;
	struct fp_span vs, ms;
	int err;

	*has_mask = fp_span_split(val, &vs, &ms);
	err = weft_fp_num(p, f->name, vs, f->max, &v);
	if (!err && *has_mask)
		err = weft_fp_num(p, "mask", ms, f->max, &m);
	if (err)
		return err;
	weft_put_uint(value, len, f->be, v);
	weft_put_uint(mask, len, f->be, m);
	return 0;
}

static int parse_addr(struct fp_parser *p, const struct field *f,
		      struct fp_span val)
{
	__u8 v[16], m[16];
	struct fp_span vs, ms;
	bool has_mask = fp_span_split(val, &vs, &ms);
	int err;

	switch (f->kind) {
	case K_MAC:
		err = weft_fp_mac(p, "Ethernet address", vs, v);
		if (!err && has_mask)
			err = weft_fp_mac(p, "Ethernet mask", ms, m);
		break;
	case K_IPV4:
		err = weft_fp_ipv4(p, "IPv4 address", vs, (__be32 *)v);
		if (!err && has_mask)
			err = weft_fp_ipv4_mask(p, ms, (__be32 *)m);
		break;
	default:
		err = weft_fp_ipv6(p, "IPv6 address", vs, v);
		if (!err && has_mask)
			err = weft_fp_ipv6_mask(p, ms, m);
		break;
	}
	if (err)
		return err;
	return set_field(p, f->attr, v, has_mask ? m : NULL, f->prereq);
}

static int parse_vlan_tci(struct fp_parser *p, const struct field *f,
			  struct fp_span val)
{
	unsigned long long v, m = 0xffff;
	struct fp_span vs, ms;
	bool has_mask = fp_span_split(val, &vs, &ms);
	__u16 vid, vid_mask;
	__u8 pcp;
	int err;

	err = weft_fp_num(p, "vlan_tci", vs, 0xffff, &v);
	if (!err && has_mask)
		err = weft_fp_num(p, "mask", ms, 0xffff, &m);
	if (err)
		return err;

	/*
	 * Map the 802.1Q TCI onto OpenFlow 1.3's VLAN_VID (whose present bit
	 * is the TCI's CFI bit) and VLAN_PCP.
	 */
	if ((m & 0x1000) && !(v & 0x1000)) {
		/* CFI matched as 0: untagged packets, which have no TCI. */
		if (v & m)
			return weft_fp_bad(p, "vlan_tci", val,
					   " (untagged packets have no VLAN ID or priority)");
		vid = 0;
		return set_field(p, WEFT_KEY_A_VLAN_VID, &vid, NULL, f->prereq);
	}
	if ((m >> 13) != 0 && (m >> 13) != 7)
		return weft_fp_bad(p, "vlan_tci", val,
				   " (the priority bits must be masked all or none)");
	if ((m >> 13) && !(m & 0x1000))
		return weft_fp_bad(p, "vlan_tci", val,
				   " (matching the priority needs the CFI bit 0x1000 in the mask)");
	vid = (__u16)(v & 0x1fff);
	vid_mask = (__u16)(m & 0x1fff);
	if (vid_mask) {
		err = set_field(p, WEFT_KEY_A_VLAN_VID, &vid, &vid_mask,
				f->prereq);
		if (err)
			return err;
	}
	if (m >> 13) {
		pcp = (__u8)(v >> 13);
		err = set_field(p, WEFT_KEY_A_VLAN_PCP, &pcp, NULL, f->prereq);
	}
	return err;
}

/* tp_src/tp_dst and icmp_type/icmp_code: decided once the match is known. */
static int set_pending(struct fp_parser *p, const struct field *f,
		       struct fp_span val)
{
	struct fp_pending *pend = f->kind == K_TP ? &p->tp[f->attr] :
						    &p->icmp[f->attr];
	bool has_mask;
	int err;

	memset(pend, 0, sizeof(*pend));
	if (f->kind == K_TP) {
		err = parse_int(p, f, val, WEFT_KEY_A_TCP_SRC, pend->value,
				pend->mask, &has_mask);
		pend->mask[0] = has_mask ? pend->mask[0] : 0xff;
		pend->mask[1] = has_mask ? pend->mask[1] : 0xff;
	} else {
		err = parse_int(p, f, val, WEFT_KEY_A_ICMPV4_TYPE, pend->value,
				pend->mask, &has_mask);
		pend->mask[0] = 0xff;
	}
	if (err)
		return err;
	pend->set = true;
	pend->tok = *p->tok;
	return 0;
}

static int parse_field(struct fp_parser *p, const struct field *f,
		       struct fp_span val)
{
	unsigned long long v;
	__u8 value[16], mask[16];
	bool has_mask;
	__u16 vid, flags, fmask;
	__u32 port;
	__u8 u8, frag_mask;
	int err;

	if (!val.n)
		return weft_fp_fail(p, "missing value in \"%.*s\"", p->tok->all.n,
				    p->tok->all.p);
	if (!f->maskable && memchr(val.p, '/', val.n))
		return weft_fp_fail(p, "%s cannot be masked in \"%.*s\"", f->name,
				    p->tok->all.n, p->tok->all.p);

	switch (f->kind) {
	case K_PORT:
		err = weft_fp_port(p, val, &port);
		if (err)
			return err;
		/* Packets come in on real ports or the local port only. */
		if (!(port >= 1 && port <= WEFT_PORT_MAX) &&
		    port != WEFT_PORT_LOCAL)
			return weft_fp_bad(p, "port", val, "");
		return set_field(p, f->attr, &port, NULL, f->prereq);
	case K_MAC:
	case K_IPV4:
	case K_IPV6:
		return parse_addr(p, f, val);
	case K_INT:
		err = parse_int(p, f, val, f->attr, value, mask, &has_mask);
		if (err)
			return err;
		return set_field(p, f->attr, value, has_mask ? mask : NULL,
				 f->prereq);
	case K_TP:
	case K_ICMP:
		return set_pending(p, f, val);
	case K_TOS:
		err = weft_fp_num(p, f->name, val, f->max, &v);
		if (err)
			return err;
		if (v & 3)
			return weft_fp_bad(p, f->name, val,
					   " (the low 2 bits are ECN and must be zero)");
		u8 = (__u8)(v >> 2);
		return set_field(p, f->attr, &u8, NULL, f->prereq);
	case K_DL_VLAN:
		err = weft_parse_ull(val.p, val.n, 0xffff, &v);
		if (err || (v > WEFT_VID_MASK && v != 0xffff))
			return weft_fp_bad(p, "VLAN ID", val, " (0-4095, or 0xffff for none)");
		/* OpenFlow 1.0's 0xffff: no tag, OpenFlow 1.3's VID 0. */
		vid = v == 0xffff ? 0 : (__u16)(WEFT_VID_PRESENT | v);
		return set_field(p, f->attr, &vid, NULL, f->prereq);
	case K_VLAN_TCI:
		return parse_vlan_tci(p, f, val);
	case K_TCP_FLAGS:
		err = weft_fp_tcp_flags(p, val, &flags, &fmask);
		if (err)
			return err;
		flags = htons(flags);
		fmask = htons(fmask);
		return set_field(p, f->attr, &flags, &fmask, f->prereq);
	case K_FRAG:
		err = weft_fp_frag(p, val, &u8, &frag_mask);
		if (err)
			return err;
		return set_field(p, f->attr, &u8, &frag_mask, f->prereq);
	}
	return -EINVAL;
}

static int parse_shorthand(struct fp_parser *p, const struct fp_tok *t, bool *done)
{
	__be16 dl_type;
	__u8 proto;
	size_t i;
	int err;

	*done = false;
	for (i = 0; i < ARRAY_SIZE(shorthands); i++) {
		if (!fp_span_eq(t->key, shorthands[i].name))
			continue;
		*done = true;
		if (t->has_val)
			return weft_fp_fail(p, "%s takes no value in \"%.*s\"",
					    shorthands[i].name, t->all.n, t->all.p);
		dl_type = htons(shorthands[i].dl_type);
		err = set_field(p, WEFT_KEY_A_ETH_TYPE, &dl_type, NULL, P_NONE);
		if (err || shorthands[i].proto < 0)
			return err;
		proto = (__u8)shorthands[i].proto;
		return set_field(p, WEFT_KEY_A_IP_PROTO, &proto, NULL, P_NONE);
	}
	return 0;
}

static bool is_type(const struct weft_match *m, __u16 type)
{
	return weft_match_has(m, WEFT_KEY_A_ETH_TYPE) &&
	       !weft_match_is_masked(m, WEFT_KEY_A_ETH_TYPE) &&
	       m->key.eth_type == htons(type);
}

static bool is_proto(const struct weft_match *m, __u8 proto)
{
	return (is_type(m, ETH_TYPE_IP) || is_type(m, ETH_TYPE_IPV6)) &&
	       weft_match_has(m, WEFT_KEY_A_IP_PROTO) &&
	       !weft_match_is_masked(m, WEFT_KEY_A_IP_PROTO) &&
	       m->key.ip_proto == proto;
}

static bool is_icmpv6_type(const struct weft_match *m, __u8 type)
{
	return weft_fp_prereq_met(P_ICMPV6, m) &&
	       weft_match_has(m, WEFT_KEY_A_ICMPV6_TYPE) &&
	       !weft_match_is_masked(m, WEFT_KEY_A_ICMPV6_TYPE) &&
	       m->key.icmpv6_type == type;
}

bool weft_fp_prereq_met(unsigned int pre, const struct weft_match *m)
{
	switch (pre) {
	case P_NONE:
		return true;
	case P_VLAN:
		return weft_match_has(m, WEFT_KEY_A_VLAN_VID) &&
		       (m->key.vlan_vid & WEFT_VID_PRESENT);
	case P_IP:
		return is_type(m, ETH_TYPE_IP) || is_type(m, ETH_TYPE_IPV6);
	case P_IPV4:
		return is_type(m, ETH_TYPE_IP);
	case P_IPV6:
		return is_type(m, ETH_TYPE_IPV6);
	case P_ARP:
		return is_type(m, ETH_TYPE_ARP);
	case P_MPLS:
		return is_type(m, ETH_TYPE_MPLS) || is_type(m, ETH_TYPE_MPLSM);
	case P_TCP:
		return is_proto(m, 6);
	case P_UDP:
		return is_proto(m, 17);
	case P_SCTP:
		return is_proto(m, 132);
	case P_ICMPV4:
		return is_type(m, ETH_TYPE_IP) && is_proto(m, 1);
	case P_ICMPV6:
		return is_type(m, ETH_TYPE_IPV6) && is_proto(m, 58);
	case P_ND:
		return is_icmpv6_type(m, 135) || is_icmpv6_type(m, 136);
	case P_ND_SLL:
		return is_icmpv6_type(m, 135);
	case P_ND_TLL:
		return is_icmpv6_type(m, 136);
	}
	return false;
}

const char *weft_fp_prereq_text(unsigned int pre)
{
	static const char *const text[] = {
		[P_NONE] = "nothing",
		[P_VLAN] = "a VLAN tag (dl_vlan=N or vlan_tci=0x1000/0x1000)",
		[P_IP] = "ip or ipv6 (dl_type=0x0800 or 0x86dd)",
		[P_IPV4] = "ip (dl_type=0x0800)",
		[P_IPV6] = "ipv6 (dl_type=0x86dd)",
		[P_ARP] = "arp (dl_type=0x0806)",
		[P_MPLS] = "mpls or mplsm (dl_type=0x8847 or 0x8848)",
		[P_TCP] = "tcp or tcp6 (nw_proto=6)",
		[P_UDP] = "udp or udp6 (nw_proto=17)",
		[P_SCTP] = "sctp or sctp6 (nw_proto=132)",
		[P_ICMPV4] = "icmp (nw_proto=1)",
		[P_ICMPV6] = "icmp6 (nw_proto=58)",
		[P_ND] = "icmp6 with icmp_type=135 or 136",
		[P_ND_SLL] = "icmp6 with icmp_type=135",
		[P_ND_TLL] = "icmp6 with icmp_type=136",
	};

	return pre < ARRAY_SIZE(text) ? text[pre] : "?";
}

/* Pending fields become the attributes the rest of the match implies. */
static int resolve_pending(struct fp_parser *p)
{
	static const unsigned int tp_attrs[3][2] = {
		{ WEFT_KEY_A_TCP_SRC, WEFT_KEY_A_TCP_DST },
		{ WEFT_KEY_A_UDP_SRC, WEFT_KEY_A_UDP_DST },
		{ WEFT_KEY_A_SCTP_SRC, WEFT_KEY_A_SCTP_DST },
	};
	static const unsigned int icmp_attrs[2][2] = {
		{ WEFT_KEY_A_ICMPV4_TYPE, WEFT_KEY_A_ICMPV4_CODE },
		{ WEFT_KEY_A_ICMPV6_TYPE, WEFT_KEY_A_ICMPV6_CODE },
	};
	const struct weft_match *m = &p->flow->match;
	int i, k, err;

	for (i = 0; i < 2; i++) {
		struct fp_pending *tp = &p->tp[i], *ic = &p->icmp[i];

		if (tp->set) {
			p->tok = &tp->tok;
			k = is_proto(m, 6) ? 0 : is_proto(m, 17) ? 1 :
			    is_proto(m, 132) ? 2 : -1;
			if (k < 0)
				return weft_fp_fail(p, "%.*s needs tcp, udp or sctp in \"%.*s\"",
						    tp->tok.key.n, tp->tok.key.p,
						    tp->tok.all.n, tp->tok.all.p);
			err = set_field(p, tp_attrs[k][i], tp->value, tp->mask,
					P_NONE);
			if (err)
				return err;
		}
		if (ic->set) {
			p->tok = &ic->tok;
			k = weft_fp_prereq_met(P_ICMPV4, m) ? 0 :
			    weft_fp_prereq_met(P_ICMPV6, m) ? 1 : -1;
			if (k < 0)
				return weft_fp_fail(p, "%.*s needs icmp or icmp6 in \"%.*s\"",
						    ic->tok.key.n, ic->tok.key.p,
						    ic->tok.all.n, ic->tok.all.p);
			err = set_field(p, icmp_attrs[k][i], ic->value, NULL,
					P_NONE);
			if (err)
				return err;
		}
	}
	return 0;
}

static int check_prereqs(struct fp_parser *p)
{
	struct weft_match *m = &p->flow->match;
	unsigned int attr;

	for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++) {
		unsigned char pre = p->field_prereq[attr];
		const struct fp_tok *t = &p->field_tok[attr];

		if (!weft_match_has(m, attr) || weft_fp_prereq_met(pre, m))
			continue;
		return weft_fp_fail(p, "%.*s needs %s in \"%.*s\"", t->key.n,
				    t->key.p, weft_fp_prereq_text(pre), t->all.n,
				    t->all.p);
	}

	/* OpenFlow 1.3: VLAN_PCP needs a VLAN_VID with the present bit. */
	if (weft_match_has(m, WEFT_KEY_A_VLAN_PCP)) {
		const struct fp_tok *t = &p->field_tok[WEFT_KEY_A_VLAN_VID];
		__u16 present = WEFT_VID_PRESENT;

		if (!weft_match_has(m, WEFT_KEY_A_VLAN_VID)) {
			/*
			 * ovs-ofctl's dl_vlan_pcp alone: any tagged packet;
			 * a packet to trace has a tag with VID 0.
			 */
			weft_match_set(m, WEFT_KEY_A_VLAN_VID, &present,
				       p->op == WEFT_FLOW_OP_PACKET ? NULL :
								      &present);
		} else if (!(m->key.vlan_vid & WEFT_VID_PRESENT)) {
			t = &p->field_tok[WEFT_KEY_A_VLAN_PCP];
			return weft_fp_fail(p, "%.*s needs a VLAN tag, but the flow matches untagged packets, in \"%.*s\"",
					    t->key.n, t->key.p, t->all.n, t->all.p);
		}
	}
	return 0;
}

int weft_fp_match_token(struct fp_parser *p, const struct fp_tok *t,
			bool *done)
{
	size_t i;
	int err;

	err = parse_shorthand(p, t, done);
	if (err || *done)
		return err;
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (fp_span_eq(t->key, fields[i].name))
			break;
	if (i == ARRAY_SIZE(fields))
		return 0;
	*done = true;
	if (!t->has_val)
		return weft_fp_fail(p, "missing value for \"%.*s\"", t->key.n,
				    t->key.p);
	return parse_field(p, &fields[i], t->val);
}

int weft_fp_match_finish(struct fp_parser *p)
{
	int err = resolve_pending(p);

	return err ? err : check_prereqs(p);
}
