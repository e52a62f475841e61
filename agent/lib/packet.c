// SPDX-License-Identifier: GPL-2.0
/*
 * Packet-in parsing, packet-out and trace requests, and a small decoder of
 * Ethernet frames into a match.
 *
 * The decoder exists so that a packet-in can be shown as ovs-ofctl shows
 * one ("icmp,in_port=1,vlan_tci=0x0000,dl_src=...,nw_src=..."), through
 * the same formatter as flows.  It reads with bounds checks only: a frame
 * is whatever the kernel (or a truncating max_len) gave us.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "packet.h"
#include "util.h"

const char *weft_packet_in_reason_name(__u8 reason)
{
	static const char *const names[] = {
		[WEFT_PACKET_IN_NO_MATCH] = "no_match",
		[WEFT_PACKET_IN_ACTION] = "action",
		[WEFT_PACKET_IN_INVALID_TTL] = "invalid_ttl",
	};

	return reason < ARRAY_SIZE(names) ? names[reason] : "unknown";
}

int weft_packet_in_parse(const struct nlmsghdr *nlh, struct weft_packet_in *pi)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	const struct nlattr *pt[WEFT_PACKET_A_MAX + 1];
	int err, i;

	memset(pi, 0, sizeof(*pi));
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_PACKET])
		return -EPROTO;
	if (tb[WEFT_A_DP_NAME])
		snprintf(pi->dp_name, sizeof(pi->dp_name), "%s",
			 mnl_attr_get_str(tb[WEFT_A_DP_NAME]));
	err = weft_attr_parse_nested(tb[WEFT_A_PACKET], &weft_attrs_packet, pt);
	if (err)
		return err;
	for (i = 1; i <= WEFT_PACKET_A_MAX; i++)
		if (pt[i])
			pi->attrs |= WEFT_BIT(i);
	if (pt[WEFT_PACKET_A_REASON])
		pi->reason = mnl_attr_get_u8(pt[WEFT_PACKET_A_REASON]);
	if (pt[WEFT_PACKET_A_TABLE])
		pi->table = mnl_attr_get_u8(pt[WEFT_PACKET_A_TABLE]);
	if (pt[WEFT_PACKET_A_COOKIE])
		pi->cookie = mnl_attr_get_u64(pt[WEFT_PACKET_A_COOKIE]);
	if (pt[WEFT_PACKET_A_IN_PORT])
		pi->in_port = mnl_attr_get_u32(pt[WEFT_PACKET_A_IN_PORT]);
	if (pt[WEFT_PACKET_A_TOTAL_LEN])
		pi->total_len = mnl_attr_get_u32(pt[WEFT_PACKET_A_TOTAL_LEN]);
	if (pt[WEFT_PACKET_A_KEY]) {
		err = weft_key_nl_parse(pt[WEFT_PACKET_A_KEY], &pi->key);
		if (err)
			return err;
	}
	if (pt[WEFT_PACKET_A_DATA]) {
		pi->data = mnl_attr_get_payload(pt[WEFT_PACKET_A_DATA]);
		pi->data_len = mnl_attr_get_payload_len(pt[WEFT_PACKET_A_DATA]);
	}
	return 0;
}

/* ---- Frame decoding ---------------------------------------------------- */

struct frame {
	const __u8 *p;
	size_t len;
};

static bool have(const struct frame *f, size_t off, size_t n)
{
	return off <= f->len && n <= f->len - off;
}

static __u16 get16(const struct frame *f, size_t off)
{
	return (__u16)(f->p[off] << 8 | f->p[off + 1]);
}

static void set(struct weft_match *m, unsigned int attr, const void *v)
{
	weft_match_set(m, attr, v, NULL);
}

static void set_u8(struct weft_match *m, unsigned int attr, __u8 v)
{
	set(m, attr, &v);
}

static void set_be16(struct weft_match *m, unsigned int attr, __u16 host)
{
	__be16 v = htons(host);

	set(m, attr, &v);
}

/* TCP/UDP/SCTP ports, TCP flags: the bytes after the IP header(s). */
static void decode_l4(const struct frame *f, size_t off, __u8 proto,
		      struct weft_match *m)
{
	static const unsigned int ports[][2] = {
		[0] = { WEFT_KEY_A_TCP_SRC, WEFT_KEY_A_TCP_DST },
		[1] = { WEFT_KEY_A_UDP_SRC, WEFT_KEY_A_UDP_DST },
		[2] = { WEFT_KEY_A_SCTP_SRC, WEFT_KEY_A_SCTP_DST },
	};
	int k = proto == 6 ? 0 : proto == 17 ? 1 : proto == 132 ? 2 : -1;

	if (k < 0 || !have(f, off, 4))
		return;
	set_be16(m, ports[k][0], get16(f, off));
	set_be16(m, ports[k][1], get16(f, off + 2));
	if (k == 0 && have(f, off, 14))
		set_be16(m, WEFT_KEY_A_TCP_FLAGS, get16(f, off + 12) & 0x0fff);
}

static void decode_ipv4(const struct frame *f, size_t off,
			struct weft_match *m)
{
	size_t ihl;
	__u16 frag_off;
	__u8 proto, frag = 0;

	if (!have(f, off, 20) || (f->p[off] >> 4) != 4)
		return;
	ihl = (size_t)(f->p[off] & 0x0f) * 4;
	proto = f->p[off + 9];
	set_u8(m, WEFT_KEY_A_IP_DSCP, f->p[off + 1] >> 2);
	set_u8(m, WEFT_KEY_A_IP_ECN, f->p[off + 1] & 3);
	set_u8(m, WEFT_KEY_A_IP_PROTO, proto);
	set(m, WEFT_KEY_A_IPV4_SRC, f->p + off + 12);
	set(m, WEFT_KEY_A_IPV4_DST, f->p + off + 16);
	frag_off = get16(f, off + 6);
	if (frag_off & 0x3fff)		/* MF or an offset: a fragment */
		frag |= WEFT_FRAG_ANY;
	if (frag_off & 0x1fff)
		frag |= WEFT_FRAG_LATER;
	set_u8(m, WEFT_KEY_A_IP_FRAG, frag);
	/* Only the first fragment has the transport header. */
	if ((frag & WEFT_FRAG_LATER) || ihl < 20)
		return;
	off += ihl;
	if (proto == 1) {
		if (have(f, off, 2)) {
			set_u8(m, WEFT_KEY_A_ICMPV4_TYPE, f->p[off]);
			set_u8(m, WEFT_KEY_A_ICMPV4_CODE, f->p[off + 1]);
		}
		return;
	}
	decode_l4(f, off, proto, m);
}

/* ICMPv6, with the neighbour discovery target and link-layer options. */
static void decode_icmpv6(const struct frame *f, size_t off,
			  struct weft_match *m)
{
	__u8 type, code;

	if (!have(f, off, 4))
		return;
	type = f->p[off];
	code = f->p[off + 1];
	set_u8(m, WEFT_KEY_A_ICMPV6_TYPE, type);
	set_u8(m, WEFT_KEY_A_ICMPV6_CODE, code);
	if ((type != 135 && type != 136) || code || !have(f, off, 24))
		return;
	set(m, WEFT_KEY_A_ND_TARGET, f->p + off + 8);
	for (off += 24; have(f, off, 8); off += (size_t)f->p[off + 1] * 8) {
		if (!f->p[off + 1])
			break;	/* a zero length would loop for ever */
		if (f->p[off] == 1 && type == 135 && have(f, off, 8))
			set(m, WEFT_KEY_A_ND_SLL, f->p + off + 2);
		else if (f->p[off] == 2 && type == 136 && have(f, off, 8))
			set(m, WEFT_KEY_A_ND_TLL, f->p + off + 2);
	}
}

static void decode_ipv6(const struct frame *f, size_t off,
			struct weft_match *m)
{
	__u32 vtcfl;
	__be32 label;
	__u8 next, tc, frag = 0;

	if (!have(f, off, 40) || (f->p[off] >> 4) != 6)
		return;
	vtcfl = (__u32)get16(f, off) << 16 | get16(f, off + 2);
	tc = (__u8)(vtcfl >> 20);
	label = htonl(vtcfl & 0xfffff);
	set(m, WEFT_KEY_A_IPV6_FLABEL, &label);
	set_u8(m, WEFT_KEY_A_IP_DSCP, tc >> 2);
	set_u8(m, WEFT_KEY_A_IP_ECN, tc & 3);
	set(m, WEFT_KEY_A_IPV6_SRC, f->p + off + 8);
	set(m, WEFT_KEY_A_IPV6_DST, f->p + off + 24);
	next = f->p[off + 6];
	off += 40;
	/* Skip extension headers to the transport, as flow_extract() does. */
	for (;;) {
		if (next == 0 || next == 43 || next == 60) {
			if (!have(f, off, 8))
				break;
			next = f->p[off];
			off += ((size_t)f->p[off + 1] + 1) * 8;
		} else if (next == 44) {
			__u16 fo;

			if (!have(f, off, 8))
				break;
			fo = get16(f, off + 2);
			frag |= WEFT_FRAG_ANY;
			if (fo & 0xfff8)
				frag |= WEFT_FRAG_LATER;
			next = f->p[off];
			off += 8;
		} else {
			break;
		}
	}
	set_u8(m, WEFT_KEY_A_IP_PROTO, next);
	set_u8(m, WEFT_KEY_A_IP_FRAG, frag);
	if (frag & WEFT_FRAG_LATER)
		return;
	if (next == 58)
		decode_icmpv6(f, off, m);
	else
		decode_l4(f, off, next, m);
}

static void decode_arp(const struct frame *f, size_t off,
		       struct weft_match *m)
{
	/* Ethernet and IPv4 addresses only, as OpenFlow's ARP fields. */
	if (!have(f, off, 28) || get16(f, off) != 1 ||
	    get16(f, off + 2) != 0x0800 || f->p[off + 4] != 6 ||
	    f->p[off + 5] != 4)
		return;
	set_be16(m, WEFT_KEY_A_ARP_OP, get16(f, off + 6));
	set(m, WEFT_KEY_A_ARP_SHA, f->p + off + 8);
	set(m, WEFT_KEY_A_ARP_SPA, f->p + off + 14);
	set(m, WEFT_KEY_A_ARP_THA, f->p + off + 18);
	set(m, WEFT_KEY_A_ARP_TPA, f->p + off + 24);
}

static void decode_mpls(const struct frame *f, size_t off,
			struct weft_match *m)
{
	__u32 lse;

	if (!have(f, off, 4))
		return;
	lse = (__u32)get16(f, off) << 16 | get16(f, off + 2);
	weft_match_set(m, WEFT_KEY_A_MPLS_LABEL, &(__u32){ lse >> 12 }, NULL);
	set_u8(m, WEFT_KEY_A_MPLS_TC, (lse >> 9) & 7);
	set_u8(m, WEFT_KEY_A_MPLS_BOS, (lse >> 8) & 1);
}

void weft_frame_decode(const __u8 *data, size_t len, struct weft_match *m)
{
	struct frame f = { data, len };
	size_t off = 12;
	__u16 type, vid = 0;

	memset(m, 0, sizeof(*m));
	if (!have(&f, 0, 14))
		return;
	set(m, WEFT_KEY_A_ETH_DST, data);
	set(m, WEFT_KEY_A_ETH_SRC, data + 6);
	type = get16(&f, off);
	/* The outer tag is the VLAN match; the type is past every tag. */
	if ((type == 0x8100 || type == 0x88a8) && have(&f, off, 6)) {
		__u16 tci = get16(&f, off + 2);

		vid = WEFT_VID_PRESENT | (tci & WEFT_VID_MASK);
		set_u8(m, WEFT_KEY_A_VLAN_PCP, (__u8)(tci >> 13));
	}
	set(m, WEFT_KEY_A_VLAN_VID, &vid);
	while ((type == 0x8100 || type == 0x88a8) && have(&f, off, 6)) {
		off += 4;
		type = get16(&f, off);
	}
	off += 2;
	/* An 802.3 length field: the kernel's "no Ethernet type". */
	if (type < 0x0600)
		type = 0x05ff;
	set_be16(m, WEFT_KEY_A_ETH_TYPE, type);
	switch (type) {
	case 0x0800:
		decode_ipv4(&f, off, m);
		break;
	case 0x86dd:
		decode_ipv6(&f, off, m);
		break;
	case 0x0806:
		decode_arp(&f, off, m);
		break;
	case 0x8847:
	case 0x8848:
		decode_mpls(&f, off, m);
		break;
	}
}

int weft_trace_key_put(struct nlmsghdr *nlh, size_t size,
		       const struct weft_match *m)
{
	struct nlattr *nest = mnl_attr_nest_start_check(nlh, size,
							 WEFT_A_PACKET);

	if (!nest)
		return -EMSGSIZE;
	if (!weft_key_nl_put(nlh, size, WEFT_PACKET_A_KEY, &m->key,
			     m->fields)) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

int weft_packet_out_put(struct nlmsghdr *nlh, size_t size,
			const struct weft_packet_out *po)
{
	struct nlattr *nest;

	/* libmnl would silently wrap a 16-bit attribute length. */
	if (po->len > WEFT_PACKET_DATA_MAX)
		return -EMSGSIZE;
	nest = mnl_attr_nest_start_check(nlh, size, WEFT_A_PACKET);
	if (!nest)
		return -EMSGSIZE;
	if (!mnl_attr_put_check(nlh, size, WEFT_PACKET_A_DATA, po->len,
				po->data) ||
	    !mnl_attr_put_u32_check(nlh, size, WEFT_PACKET_A_IN_PORT,
				    po->in_port) ||
	    !weft_actions_nl_put(nlh, size, WEFT_PACKET_A_ACTIONS,
				 &po->actions)) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}
