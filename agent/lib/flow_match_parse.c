// SPDX-License-Identifier: GPL-2.0
/*
 * ovs-ofctl flow text -> struct weft_flow: match fields.
 *
 * Each field's value syntax (numbers, masks, addresses, VLAN forms), the
 * protocol shorthands, and the OpenFlow prerequisites checked once the
 * whole flow has been read (fields may come in any order).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "util.h"

#define ETH_TYPE_IP	0x0800

/* What a match field needs before OpenFlow lets it be matched. */
enum prereq {
	P_NONE,
	P_IP,
	P_TCP,
	P_UDP,
	P_SCTP,
	P_ICMP,
};

enum kind {
	K_PORT,		/* in_port */
	K_MAC,
	K_BE16,		/* dl_type, tcp_src, ... */
	K_U8,		/* nw_proto, ip_dscp, ... up to .max */
	K_IPV4,
	K_TP,		/* tp_src/tp_dst: protocol decided by nw_proto */
	K_DL_VLAN,
	K_VLAN_TCI,
	K_TOS,		/* nw_tos: the DSCP shifted into the TOS byte */
};

struct field {
	const char *name;
	unsigned short attr;	/* WEFT_KEY_A_*; for K_TP 0 = src, 1 = dst */
	unsigned char kind;
	unsigned char prereq;
	bool maskable;		/* as in ovs-ofctl */
	unsigned int max;
};

static const struct field fields[] = {
	{ "in_port", WEFT_KEY_A_IN_PORT, K_PORT, P_NONE, false, 0 },
	{ "dl_src", WEFT_KEY_A_ETH_SRC, K_MAC, P_NONE, true, 0 },
	{ "eth_src", WEFT_KEY_A_ETH_SRC, K_MAC, P_NONE, true, 0 },
	{ "dl_dst", WEFT_KEY_A_ETH_DST, K_MAC, P_NONE, true, 0 },
	{ "eth_dst", WEFT_KEY_A_ETH_DST, K_MAC, P_NONE, true, 0 },
	{ "dl_type", WEFT_KEY_A_ETH_TYPE, K_BE16, P_NONE, false, 0xffff },
	{ "eth_type", WEFT_KEY_A_ETH_TYPE, K_BE16, P_NONE, false, 0xffff },
	{ "dl_vlan", WEFT_KEY_A_VLAN_VID, K_DL_VLAN, P_NONE, false, 0 },
	{ "dl_vlan_pcp", WEFT_KEY_A_VLAN_PCP, K_U8, P_NONE, false, 7 },
	{ "vlan_pcp", WEFT_KEY_A_VLAN_PCP, K_U8, P_NONE, false, 7 },
	{ "vlan_tci", WEFT_KEY_A_VLAN_VID, K_VLAN_TCI, P_NONE, true, 0 },
	{ "nw_src", WEFT_KEY_A_IPV4_SRC, K_IPV4, P_IP, true, 0 },
	{ "ip_src", WEFT_KEY_A_IPV4_SRC, K_IPV4, P_IP, true, 0 },
	{ "nw_dst", WEFT_KEY_A_IPV4_DST, K_IPV4, P_IP, true, 0 },
	{ "ip_dst", WEFT_KEY_A_IPV4_DST, K_IPV4, P_IP, true, 0 },
	{ "nw_proto", WEFT_KEY_A_IP_PROTO, K_U8, P_IP, false, 255 },
	{ "ip_proto", WEFT_KEY_A_IP_PROTO, K_U8, P_IP, false, 255 },
	{ "ip_dscp", WEFT_KEY_A_IP_DSCP, K_U8, P_IP, false, 63 },
	{ "nw_tos", WEFT_KEY_A_IP_DSCP, K_TOS, P_IP, false, 255 },
	{ "nw_ecn", WEFT_KEY_A_IP_ECN, K_U8, P_IP, false, 3 },
	{ "ip_ecn", WEFT_KEY_A_IP_ECN, K_U8, P_IP, false, 3 },
	{ "tp_src", 0, K_TP, P_NONE, true, 0xffff },
	{ "tp_dst", 1, K_TP, P_NONE, true, 0xffff },
	{ "tcp_src", WEFT_KEY_A_TCP_SRC, K_BE16, P_TCP, true, 0xffff },
	{ "tcp_dst", WEFT_KEY_A_TCP_DST, K_BE16, P_TCP, true, 0xffff },
	{ "udp_src", WEFT_KEY_A_UDP_SRC, K_BE16, P_UDP, true, 0xffff },
	{ "udp_dst", WEFT_KEY_A_UDP_DST, K_BE16, P_UDP, true, 0xffff },
	{ "sctp_src", WEFT_KEY_A_SCTP_SRC, K_BE16, P_SCTP, true, 0xffff },
	{ "sctp_dst", WEFT_KEY_A_SCTP_DST, K_BE16, P_SCTP, true, 0xffff },
	{ "icmp_type", WEFT_KEY_A_ICMPV4_TYPE, K_U8, P_ICMP, false, 255 },
	{ "icmpv4_type", WEFT_KEY_A_ICMPV4_TYPE, K_U8, P_ICMP, false, 255 },
	{ "icmp_code", WEFT_KEY_A_ICMPV4_CODE, K_U8, P_ICMP, false, 255 },
	{ "icmpv4_code", WEFT_KEY_A_ICMPV4_CODE, K_U8, P_ICMP, false, 255 },
};

/* ovs-ofctl's protocol shorthands; proto < 0: no nw_proto. */
static const struct {
	const char *name;
	__u16 dl_type;
	int proto;
} shorthands[] = {
	{ "ip", ETH_TYPE_IP, -1 },
	{ "icmp", ETH_TYPE_IP, 1 },
	{ "igmp", ETH_TYPE_IP, 2 },
	{ "tcp", ETH_TYPE_IP, 6 },
	{ "udp", ETH_TYPE_IP, 17 },
	{ "sctp", ETH_TYPE_IP, 132 },
	{ "arp", 0x0806, -1 },
	{ "rarp", 0x8035, -1 },
	{ "ipv6", 0x86dd, -1 },
	{ "mpls", 0x8847, -1 },
	{ "mplsm", 0x8848, -1 },
};

static const char *attr_text_name(unsigned int attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (fields[i].kind != K_TP && fields[i].attr == attr)
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

static int parse_mac_field(struct fp_parser *p, const struct field *f,
			   struct fp_span val)
{
	__u8 mac[WEFT_ETH_ALEN], mask[WEFT_ETH_ALEN];
	struct fp_span v, m;
	bool has_mask = fp_span_split(val, &v, &m);

	if (weft_parse_mac(v.p, v.n, mac))
		return weft_fp_bad(p, "Ethernet address", v, "");
	if (has_mask && weft_parse_mac(m.p, m.n, mask))
		return weft_fp_bad(p, "Ethernet mask", m, "");
	return set_field(p, f->attr, mac, has_mask ? mask : NULL, f->prereq);
}

static int parse_ipv4_field(struct fp_parser *p, const struct field *f,
			    struct fp_span val)
{
	struct in_addr addr, mask;
	unsigned long long plen;
	char buf[INET_ADDRSTRLEN];
	struct fp_span v, m;
	bool has_mask = fp_span_split(val, &v, &m);
	int err;

	if (!fp_span_str(v, buf, sizeof(buf)) || inet_pton(AF_INET, buf, &addr) != 1)
		return weft_fp_bad(p, "IPv4 address", v, "");
	if (has_mask) {
		if (memchr(m.p, '.', m.n)) {
			if (!fp_span_str(m, buf, sizeof(buf)) ||
			    inet_pton(AF_INET, buf, &mask) != 1)
				return weft_fp_bad(p, "IPv4 mask", m, "");
		} else {
			err = weft_fp_num(p, "prefix length", m, 32, &plen);
			if (err)
				return err;
			/* Shifting a 32-bit value by 32 is undefined. */
			mask.s_addr = plen ? htonl(~0U << (32 - plen)) : 0;
		}
	}
	return set_field(p, f->attr, &addr.s_addr,
			 has_mask ? &mask.s_addr : NULL, f->prereq);
}

/* A 16-bit big-endian field with an optional mask. */
static int parse_be16(struct fp_parser *p, const struct field *f, struct fp_span val,
		      __be16 *value, __be16 *mask, bool *has_mask)
{
	unsigned long long v, m = 0xffff;
	struct fp_span vs, ms;
	int err;

	*has_mask = fp_span_split(val, &vs, &ms);
	if (*has_mask && !f->maskable)
		return weft_fp_fail(p, "%s cannot be masked in \"%.*s\"", f->name,
				    p->tok->all.n, p->tok->all.p);
	err = weft_fp_num(p, f->name, vs, f->max, &v);
	if (!err && *has_mask)
		err = weft_fp_num(p, "mask", ms, 0xffff, &m);
	if (err)
		return err;
	*value = htons((__u16)v);
	*mask = htons((__u16)m);
	return 0;
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

static int parse_field(struct fp_parser *p, const struct field *f,
		       struct fp_span val)
{
	unsigned long long v;
	__be16 v16, m16;
	bool has_mask;
	__u16 vid;
	__u32 port;
	__u8 u8;
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
		return parse_mac_field(p, f, val);
	case K_IPV4:
		return parse_ipv4_field(p, f, val);
	case K_BE16:
		err = parse_be16(p, f, val, &v16, &m16, &has_mask);
		if (err)
			return err;
		return set_field(p, f->attr, &v16, has_mask ? &m16 : NULL,
				 f->prereq);
	case K_TP:
		err = parse_be16(p, f, val, &v16, &m16, &has_mask);
		if (err)
			return err;
		p->tp[f->attr] = (struct fp_pending_tp){
			.set = true, .value = v16 & m16, .mask = m16,
			.tok = *p->tok,
		};
		return 0;
	case K_U8:
		err = weft_fp_num(p, f->name, val, f->max, &v);
		if (err)
			return err;
		u8 = (__u8)v;
		return set_field(p, f->attr, &u8, NULL, f->prereq);
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

static bool is_ip(const struct weft_match *m)
{
	return weft_match_has(m, WEFT_KEY_A_ETH_TYPE) &&
	       !weft_match_is_masked(m, WEFT_KEY_A_ETH_TYPE) &&
	       m->key.eth_type == htons(ETH_TYPE_IP);
}

static bool is_proto(const struct weft_match *m, __u8 proto)
{
	return is_ip(m) && weft_match_has(m, WEFT_KEY_A_IP_PROTO) &&
	       m->key.ip_proto == proto;
}

/* tp_src/tp_dst become TCP, UDP or SCTP ports now that nw_proto is known. */
static int resolve_tp(struct fp_parser *p)
{
	static const unsigned int attrs[3][2] = {
		{ WEFT_KEY_A_TCP_SRC, WEFT_KEY_A_TCP_DST },
		{ WEFT_KEY_A_UDP_SRC, WEFT_KEY_A_UDP_DST },
		{ WEFT_KEY_A_SCTP_SRC, WEFT_KEY_A_SCTP_DST },
	};
	const struct weft_match *m = &p->flow->match;
	int i, proto, err;

	for (i = 0; i < 2; i++) {
		struct fp_pending_tp *tp = &p->tp[i];

		if (!tp->set)
			continue;
		p->tok = &tp->tok;
		if (is_proto(m, 6))
			proto = 0;
		else if (is_proto(m, 17))
			proto = 1;
		else if (is_proto(m, 132))
			proto = 2;
		else
			return weft_fp_fail(p, "%.*s needs tcp, udp or sctp in \"%.*s\"",
					    tp->tok.key.n, tp->tok.key.p,
					    tp->tok.all.n, tp->tok.all.p);
		err = set_field(p, attrs[proto][i], &tp->value, &tp->mask,
				P_NONE);
		if (err)
			return err;
	}
	return 0;
}

static int check_prereqs(struct fp_parser *p)
{
	static const struct {
		__u8 proto;
		const char *text;
	} needs[] = {
		[P_IP] = { 0, "ip (dl_type=0x0800)" },
		[P_TCP] = { 6, "tcp (nw_proto=6)" },
		[P_UDP] = { 17, "udp (nw_proto=17)" },
		[P_SCTP] = { 132, "sctp (nw_proto=132)" },
		[P_ICMP] = { 1, "icmp (nw_proto=1)" },
	};
	struct weft_match *m = &p->flow->match;
	unsigned int attr;

	for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++) {
		unsigned char pre = p->field_prereq[attr];
		const struct fp_tok *t = &p->field_tok[attr];
		bool ok;

		if (!weft_match_has(m, attr) || pre == P_NONE)
			continue;
		ok = pre == P_IP ? is_ip(m) : is_proto(m, needs[pre].proto);
		if (!ok)
			return weft_fp_fail(p, "%.*s needs %s in \"%.*s\"", t->key.n,
					    t->key.p, needs[pre].text, t->all.n,
					    t->all.p);
	}

	/* OpenFlow 1.3: VLAN_PCP needs a VLAN_VID with the present bit. */
	if (weft_match_has(m, WEFT_KEY_A_VLAN_PCP)) {
		const struct fp_tok *t = &p->field_tok[WEFT_KEY_A_VLAN_VID];
		__u16 present = WEFT_VID_PRESENT;

		if (!weft_match_has(m, WEFT_KEY_A_VLAN_VID)) {
			/* ovs-ofctl's dl_vlan_pcp alone: any tagged packet. */
			weft_match_set(m, WEFT_KEY_A_VLAN_VID, &present,
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
	int err = resolve_tp(p);

	return err ? err : check_prereqs(p);
}
