// SPDX-License-Identifier: GPL-2.0
/*
 * Set-field actions: "set_field:VALUE->FIELD" in ovs-ofctl's syntax, with
 * Open vSwitch's field names and value formats (mf_format()), so that
 * "set_field:10.0.0.1->ip_src" and "set_field:0x5->reg0" read as there.
 * The mod_* actions of ovs-ofctl are set-fields too and come through here.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "util.h"

enum sf_kind {
	SF_DEC,		/* a decimal number */
	SF_HEX,		/* a number shown in hex ("0x1f", "0") */
	SF_ETH,
	SF_IPV4,
	SF_IPV6,
};

struct sf_field {
	const char *name;	/* the first one of an attribute is printed */
	unsigned short attr;
	unsigned char kind;
	unsigned char prereq;
	bool be;		/* SF_DEC/SF_HEX: network byte order */
	unsigned char shift;	/* value given << shift (nw_tos) */
};

static const struct sf_field sf_fields[] = {
	{ "eth_src", WEFT_KEY_A_ETH_SRC, SF_ETH, P_NONE, false, 0 },
	{ "dl_src", WEFT_KEY_A_ETH_SRC, SF_ETH, P_NONE, false, 0 },
	{ "eth_dst", WEFT_KEY_A_ETH_DST, SF_ETH, P_NONE, false, 0 },
	{ "dl_dst", WEFT_KEY_A_ETH_DST, SF_ETH, P_NONE, false, 0 },
	{ "vlan_vid", WEFT_KEY_A_VLAN_VID, SF_DEC, P_NONE, false, 0 },
	{ "vlan_pcp", WEFT_KEY_A_VLAN_PCP, SF_DEC, P_VLAN, false, 0 },
	{ "dl_vlan_pcp", WEFT_KEY_A_VLAN_PCP, SF_DEC, P_VLAN, false, 0 },
	{ "mpls_label", WEFT_KEY_A_MPLS_LABEL, SF_DEC, P_MPLS, false, 0 },
	{ "mpls_tc", WEFT_KEY_A_MPLS_TC, SF_DEC, P_MPLS, false, 0 },
	{ "mpls_bos", WEFT_KEY_A_MPLS_BOS, SF_DEC, P_MPLS, false, 0 },
	{ "ip_dscp", WEFT_KEY_A_IP_DSCP, SF_DEC, P_IP, false, 0 },
	{ "nw_tos", WEFT_KEY_A_IP_DSCP, SF_DEC, P_IP, false, 2 },
	/* Open vSwitch's name for OXM's IP_ECN is nw_ecn. */
	{ "nw_ecn", WEFT_KEY_A_IP_ECN, SF_DEC, P_IP, false, 0 },
	{ "ip_ecn", WEFT_KEY_A_IP_ECN, SF_DEC, P_IP, false, 0 },
	{ "ip_src", WEFT_KEY_A_IPV4_SRC, SF_IPV4, P_IPV4, false, 0 },
	{ "nw_src", WEFT_KEY_A_IPV4_SRC, SF_IPV4, P_IPV4, false, 0 },
	{ "ip_dst", WEFT_KEY_A_IPV4_DST, SF_IPV4, P_IPV4, false, 0 },
	{ "nw_dst", WEFT_KEY_A_IPV4_DST, SF_IPV4, P_IPV4, false, 0 },
	{ "ipv6_src", WEFT_KEY_A_IPV6_SRC, SF_IPV6, P_IPV6, false, 0 },
	{ "ipv6_dst", WEFT_KEY_A_IPV6_DST, SF_IPV6, P_IPV6, false, 0 },
	{ "ipv6_label", WEFT_KEY_A_IPV6_FLABEL, SF_HEX, P_IPV6, true, 0 },
	{ "tcp_src", WEFT_KEY_A_TCP_SRC, SF_DEC, P_TCP, true, 0 },
	{ "tcp_dst", WEFT_KEY_A_TCP_DST, SF_DEC, P_TCP, true, 0 },
	{ "udp_src", WEFT_KEY_A_UDP_SRC, SF_DEC, P_UDP, true, 0 },
	{ "udp_dst", WEFT_KEY_A_UDP_DST, SF_DEC, P_UDP, true, 0 },
	{ "sctp_src", WEFT_KEY_A_SCTP_SRC, SF_DEC, P_SCTP, true, 0 },
	{ "sctp_dst", WEFT_KEY_A_SCTP_DST, SF_DEC, P_SCTP, true, 0 },
	{ "icmp_type", WEFT_KEY_A_ICMPV4_TYPE, SF_DEC, P_ICMPV4, false, 0 },
	{ "icmpv4_type", WEFT_KEY_A_ICMPV4_TYPE, SF_DEC, P_ICMPV4, false, 0 },
	{ "icmp_code", WEFT_KEY_A_ICMPV4_CODE, SF_DEC, P_ICMPV4, false, 0 },
	{ "icmpv4_code", WEFT_KEY_A_ICMPV4_CODE, SF_DEC, P_ICMPV4, false, 0 },
	{ "icmpv6_type", WEFT_KEY_A_ICMPV6_TYPE, SF_DEC, P_ICMPV6, false, 0 },
	{ "icmpv6_code", WEFT_KEY_A_ICMPV6_CODE, SF_DEC, P_ICMPV6, false, 0 },
	{ "arp_op", WEFT_KEY_A_ARP_OP, SF_DEC, P_ARP, true, 0 },
	{ "arp_spa", WEFT_KEY_A_ARP_SPA, SF_IPV4, P_ARP, false, 0 },
	{ "arp_tpa", WEFT_KEY_A_ARP_TPA, SF_IPV4, P_ARP, false, 0 },
	{ "arp_sha", WEFT_KEY_A_ARP_SHA, SF_ETH, P_ARP, false, 0 },
	{ "arp_tha", WEFT_KEY_A_ARP_THA, SF_ETH, P_ARP, false, 0 },
	{ "nd_target", WEFT_KEY_A_ND_TARGET, SF_IPV6, P_ND, false, 0 },
	{ "nd_sll", WEFT_KEY_A_ND_SLL, SF_ETH, P_ND_SLL, false, 0 },
	{ "nd_tll", WEFT_KEY_A_ND_TLL, SF_ETH, P_ND_TLL, false, 0 },
	{ "metadata", WEFT_KEY_A_METADATA, SF_HEX, P_NONE, false, 0 },
	{ "reg0", WEFT_KEY_A_REG0, SF_HEX, P_NONE, false, 0 },
	{ "reg1", WEFT_KEY_A_REG1, SF_HEX, P_NONE, false, 0 },
	{ "reg2", WEFT_KEY_A_REG2, SF_HEX, P_NONE, false, 0 },
	{ "reg3", WEFT_KEY_A_REG3, SF_HEX, P_NONE, false, 0 },
	{ "reg4", WEFT_KEY_A_REG4, SF_HEX, P_NONE, false, 0 },
	{ "reg5", WEFT_KEY_A_REG5, SF_HEX, P_NONE, false, 0 },
	{ "reg6", WEFT_KEY_A_REG6, SF_HEX, P_NONE, false, 0 },
	{ "reg7", WEFT_KEY_A_REG7, SF_HEX, P_NONE, false, 0 },
	{ "tun_id", WEFT_KEY_A_TUNNEL_ID, SF_HEX, P_NONE, false, 0 },
	{ "tunnel_id", WEFT_KEY_A_TUNNEL_ID, SF_HEX, P_NONE, false, 0 },
	{ "tun_src", WEFT_KEY_A_TUN_IPV4_SRC, SF_IPV4, P_NONE, false, 0 },
	{ "tun_dst", WEFT_KEY_A_TUN_IPV4_DST, SF_IPV4, P_NONE, false, 0 },
};

/* Fields that exist but that OpenFlow does not let an action write. */
static const char *const read_only[] = {
	"in_port", "in_phy_port", "eth_type", "dl_type", "nw_proto",
	"ip_proto", "tcp_flags", "ip_frag", "nw_frag",
};

static const struct sf_field *by_attr(unsigned int attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sf_fields); i++)
		if (sf_fields[i].attr == attr)
			return &sf_fields[i];
	return NULL;
}

static const struct sf_field *by_name(struct fp_span name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sf_fields); i++)
		if (fp_span_eq(name, sf_fields[i].name))
			return &sf_fields[i];
	return NULL;
}

const char *weft_set_field_name(unsigned int attr)
{
	const struct sf_field *f = by_attr(attr);

	return f ? f->name : NULL;
}

int weft_fp_set_field_attr(struct fp_parser *p, unsigned int attr,
			   const void *value, const struct weft_match *m,
			   struct weft_action *a)
{
	const struct sf_field *f = by_attr(attr);
	size_t len = weft_match_field_len(attr);

	if (!f || !len)
		return weft_fp_fail(p, "field cannot be set in \"%.*s\"",
				    p->tok->all.n, p->tok->all.p);
	/*
	 * The kernel checks set-field prerequisites against the flow's
	 * match (an earlier push_vlan does not count): so do we.
	 */
	if (m && !weft_fp_prereq_met(f->prereq, m))
		return weft_fp_fail(p, "setting %s needs %s in the match, in \"%.*s\"",
				    f->name, weft_fp_prereq_text(f->prereq),
				    p->tok->all.n, p->tok->all.p);
	memset(a, 0, sizeof(*a));
	a->type = WEFT_ACT_A_SET_FIELD;
	a->field = attr;
	memcpy(a->value, value, len);
	return 0;
}

/* A number for @f: width and range from the field itself. */
static int parse_number(struct fp_parser *p, const struct sf_field *f,
			struct fp_span v, __u8 *out)
{
	size_t len = weft_match_field_len(f->attr);
	unsigned long long n, max;
	__u8 valid[WEFT_FIELD_MAX_LEN];
	int err;

	weft_match_field_valid(f->attr, valid);
	max = weft_get_uint(valid, len, f->be) << f->shift;
	err = weft_fp_num(p, f->name, v, max, &n);
	if (err)
		return err;
	if (f->shift && (n & ((1U << f->shift) - 1)))
		return weft_fp_bad(p, f->name, v,
				   " (the low 2 bits are ECN and must be zero)");
	/*
	 * OXM's VLAN_VID value carries the "present" bit, and ovs-ofctl users
	 * write set_field:4196->vlan_vid; a bare VID means the same.
	 */
	if (f->attr == WEFT_KEY_A_VLAN_VID)
		n |= WEFT_VID_PRESENT;
	weft_put_uint(out, len, f->be, n >> f->shift);
	return 0;
}

int weft_fp_set_field(struct fp_parser *p, struct fp_span arg,
		      const struct weft_match *m, struct weft_action *a)
{
	__u8 value[WEFT_FIELD_MAX_LEN] = { 0 };
	struct fp_span v = arg, name;
	const struct sf_field *f;
	const char *arrow = NULL;
	size_t i;
	int err;

	for (i = 0; i + 1 < (size_t)arg.n; i++)
		if (arg.p[i] == '-' && arg.p[i + 1] == '>')
			arrow = arg.p + i;
	if (!arrow)
		return weft_fp_fail(p, "missing \"->FIELD\" in \"%.*s\"",
				    p->tok->all.n, p->tok->all.p);
	v.n = (int)(arrow - arg.p);
	name.p = arrow + 2;
	name.n = arg.n - v.n - 2;
	f = by_name(name);
	if (!f) {
		for (i = 0; i < ARRAY_SIZE(read_only); i++)
			if (fp_span_eq(name, read_only[i]))
				return weft_fp_fail(p, "field %.*s cannot be set in \"%.*s\"",
						    name.n, name.p, p->tok->all.n,
						    p->tok->all.p);
		return weft_fp_fail(p, "unknown field \"%.*s\" in \"%.*s\"",
				    name.n, name.p, p->tok->all.n, p->tok->all.p);
	}
	if (memchr(v.p, '/', v.n))
		return weft_fp_fail(p, "a set_field value cannot be masked in \"%.*s\"",
				    p->tok->all.n, p->tok->all.p);
	switch (f->kind) {
	case SF_ETH:
		err = weft_fp_mac(p, "Ethernet address", v, value);
		break;
	case SF_IPV4:
		err = weft_fp_ipv4(p, "IPv4 address", v, (__be32 *)value);
		break;
	case SF_IPV6:
		err = weft_fp_ipv6(p, "IPv6 address", v, value);
		break;
	default:
		err = parse_number(p, f, v, value);
		break;
	}
	if (err)
		return err;
	return weft_fp_set_field_attr(p, f->attr, value, m, a);
}

int weft_set_field_format_value(const struct weft_action *a, char *buf,
				size_t len)
{
	const struct sf_field *f = by_attr(a->field);
	size_t flen = weft_match_field_len(a->field);
	char s[INET6_ADDRSTRLEN];
	unsigned long long n;

	if (!f || !flen)
		return snprintf(buf, len, "?");
	switch (f->kind) {
	case SF_ETH:
		weft_format_mac(a->value, s);
		return snprintf(buf, len, "%s", s);
	case SF_IPV4:
		inet_ntop(AF_INET, a->value, s, sizeof(s));
		return snprintf(buf, len, "%s", s);
	case SF_IPV6:
		inet_ntop(AF_INET6, a->value, s, sizeof(s));
		return snprintf(buf, len, "%s", s);
	case SF_HEX:
		/* Open vSwitch's ds_put_hex(): "0x1f", or "0". */
		n = weft_get_uint(a->value, flen, f->be);
		return snprintf(buf, len, "%#llx", n);
	}
	n = weft_get_uint(a->value, flen, f->be) << f->shift;
	return snprintf(buf, len, "%llu", n);
}
