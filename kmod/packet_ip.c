// SPDX-License-Identifier: GPL-2.0
/*
 * Editing IPv4 and IPv6 packets for the pipeline's actions: addresses,
 * DSCP/ECN, the flow label, the TTL, the TCP/UDP/SCTP ports, ICMP type and
 * code, and IPv6 neighbour discovery.  Kept apart from packet.c because
 * it is where the L3/L4 checksums (including SCTP's CRC32c) are followed.
 */
#include <linux/crc32.h>
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/sctp.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <linux/weft.h>

#include "flow.h"
#include "packet.h"
#include "packet_priv.h"

/* The key says the packet carries an L4 header of @proto. */
static bool weft_key_has_l4(const struct weft_key *key, u8 proto)
{
	return weft_key_is_ip(key) && key->ip_proto == proto &&
	       !(key->ip_frag & WEFT_FRAG_LATER);
}

static bool weft_key_is_nd(const struct weft_key *key)
{
	return key->eth_type == htons(ETH_P_IPV6) &&
	       weft_key_has_l4(key, IPPROTO_ICMPV6) && !key->icmp_code &&
	       (key->icmp_type == NDISC_NEIGHBOUR_SOLICITATION ||
		key->icmp_type == NDISC_NEIGHBOUR_ADVERTISEMENT);
}

/* The IPv4 header, writable for @len bytes (at least the fixed header). */
static struct iphdr *weft_ipv4_hdr(struct sk_buff *skb, unsigned int len,
				   int *err)
{
	struct iphdr *nh;

	nh = weft_pkt_hdr(skb, skb_network_offset(skb),
			  max_t(unsigned int, len, sizeof(*nh)), err);
	if (nh && (nh->version != 4 || nh->ihl < 5)) {
		*err = WEFT_ABSENT;
		return NULL;
	}
	return nh;
}

static struct ipv6hdr *weft_ipv6_hdr(struct sk_buff *skb, unsigned int len,
				     int *err)
{
	struct ipv6hdr *nh;

	nh = weft_pkt_hdr(skb, skb_network_offset(skb),
			  max_t(unsigned int, len, sizeof(*nh)), err);
	if (nh && nh->version != 6) {
		*err = WEFT_ABSENT;
		return NULL;
	}
	return nh;
}
/* ---- IPv4 and IPv6 ---- */

/*
 * How far past the transport header the L4 checksum covering the
 * pseudo-header ends, or 0 if there is none to update: no such checksum,
 * a later fragment, or a packet too short to hold it.
 */
static unsigned int weft_l4_csum_end(const struct sk_buff *skb,
				     const struct weft_key *key)
{
	unsigned int end;

	if (key->ip_frag & WEFT_FRAG_LATER)
		return 0;
	switch (key->ip_proto) {
	case IPPROTO_TCP:
		end = offsetofend(struct tcphdr, check);
		break;
	case IPPROTO_UDP:
		end = offsetofend(struct udphdr, check);
		break;
	case IPPROTO_ICMPV6:
		if (key->eth_type != htons(ETH_P_IPV6))
			return 0;
		end = offsetofend(struct icmp6hdr, icmp6_cksum);
		break;
	default:
		return 0;
	}
	return skb->len >= skb_transport_offset(skb) + end ? end : 0;
}

/*
 * A pseudo-header address changes from @from to @to: follow in the L4
 * checksum ending @end bytes past the transport header.  Returns false if
 * there was none to follow (UDP without a checksum).
 */
static bool weft_l4_csum_addr(struct sk_buff *skb, const struct weft_key *key,
			      unsigned int end, const __be32 *from,
			      const __be32 *to, bool ipv6)
{
	__sum16 *check = (__sum16 *)(skb_transport_header(skb) + end -
				     sizeof(__sum16));
	bool udp = key->ip_proto == IPPROTO_UDP;

	if (udp && !*check && skb->ip_summed != CHECKSUM_PARTIAL)
		return false;
	if (ipv6)
		inet_proto_csum_replace16(check, skb, from, to, true);
	else
		inet_proto_csum_replace4(check, skb, *from, *to, true);
	if (udp && !*check)
		*check = CSUM_MANGLED_0;
	return true;
}

/* Bytes the L3 header must have writable to also reach the L4 checksum. */
static unsigned int weft_l3_write_len(const struct sk_buff *skb,
				      unsigned int end)
{
	return end ? skb_transport_offset(skb) + end -
		     skb_network_offset(skb) : 0;
}

static int weft_ipv4_addr_edit(struct sk_buff *skb, const struct weft_key *key,
			       bool src, __be32 to)
{
	unsigned int end = weft_l4_csum_end(skb, key);
	struct iphdr *nh;
	__be32 *addr;
	int err;

	nh = weft_ipv4_hdr(skb, weft_l3_write_len(skb, end), &err);
	if (!nh)
		return err;
	addr = src ? &nh->saddr : &nh->daddr;
	if (end)
		weft_l4_csum_addr(skb, key, end, addr, &to, false);
	csum_replace4(&nh->check, *addr, to);
	*addr = to;
	skb_clear_hash(skb);
	return 0;
}

int weft_set_ipv4(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value)
{
	bool src = attr == WEFT_KEY_A_IPV4_SRC;
	__be32 to;
	int err;

	if (key->eth_type != htons(ETH_P_IP))
		return 0;
	memcpy(&to, value, sizeof(to));
	if (skb) {
		err = weft_ipv4_addr_edit(skb, key, src, to);
		if (err)
			return weft_done(err);
	}
	if (src)
		key->ipv4_src = to;
	else
		key->ipv4_dst = to;
	return 0;
}

/*
 * A routing header with segments left: the pseudo-header holds the final
 * destination, not this one, so the L4 checksum must not follow a change
 * of the destination address (as Open vSwitch's set_ipv6).
 */
static bool weft_ipv6_routed(const struct sk_buff *skb)
{
	int flags = IP6_FH_F_SKIP_RH;
	unsigned int off = 0;

	return ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr) &&
	       ipv6_find_hdr(skb, &off, NEXTHDR_ROUTING, NULL, &flags) ==
	       NEXTHDR_ROUTING;
}

static int weft_ipv6_addr_edit(struct sk_buff *skb, const struct weft_key *key,
			       bool src, const struct in6_addr *to)
{
	unsigned int end = weft_l4_csum_end(skb, key);
	struct ipv6hdr *nh;
	struct in6_addr *addr;
	int err;

	nh = weft_ipv6_hdr(skb, weft_l3_write_len(skb, end), &err);
	if (!nh)
		return err;
	if (!src && end && weft_ipv6_routed(skb))
		end = 0;
	addr = src ? &nh->saddr : &nh->daddr;
	/* Nothing else compensates for the address in skb->csum. */
	if (end && weft_l4_csum_addr(skb, key, end, addr->s6_addr32,
				     to->s6_addr32, true))
		*addr = *to;
	else
		weft_rcsum_write(skb, addr, to, sizeof(*to));
	skb_clear_hash(skb);
	return 0;
}

int weft_set_ipv6(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value)
{
	bool src = attr == WEFT_KEY_A_IPV6_SRC;
	struct in6_addr to;
	int err;

	if (key->eth_type != htons(ETH_P_IPV6))
		return 0;
	memcpy(&to, value, sizeof(to));
	if (skb) {
		err = weft_ipv6_addr_edit(skb, key, src, &to);
		if (err)
			return weft_done(err);
	}
	if (src)
		key->ipv6_src = to;
	else
		key->ipv6_dst = to;
	return 0;
}

int weft_set_flabel(struct sk_buff *skb, struct weft_key *key,
		    const void *value)
{
	struct ipv6hdr *nh;
	__be32 fl, word;
	int err;

	if (key->eth_type != htons(ETH_P_IPV6))
		return 0;
	memcpy(&fl, value, sizeof(fl));
	fl &= IPV6_FLOWLABEL_MASK;
	if (skb) {
		nh = weft_ipv6_hdr(skb, 0, &err);
		if (!nh)
			return weft_done(err);
		/* Version, traffic class and flow label share a word. */
		word = (*(__be32 *)nh & ~IPV6_FLOWLABEL_MASK) | fl;
		weft_rcsum_write(skb, nh, &word, sizeof(word));
	}
	key->ipv6_label = fl;
	return 0;
}

/* Keep the @keep bits of the DS field, OR in @bits. */
static int weft_tos_edit(struct sk_buff *skb, const struct weft_key *key,
			 u8 keep, u8 bits)
{
	struct ipv6hdr *nh6;
	struct iphdr *nh;
	int err;

	if (key->eth_type == htons(ETH_P_IP)) {
		nh = weft_ipv4_hdr(skb, 0, &err);
		if (!nh)
			return err;
		/* Updates the header checksum too. */
		ipv4_change_dsfield(nh, keep, bits);
		return 0;
	}
	nh6 = weft_ipv6_hdr(skb, 0, &err);
	if (!nh6)
		return err;
	skb_postpull_rcsum(skb, nh6, sizeof(__be16));
	ipv6_change_dsfield(nh6, keep, bits);
	skb_postpush_rcsum(skb, nh6, sizeof(__be16));
	return 0;
}

int weft_set_tos(struct sk_buff *skb, struct weft_key *key, u16 attr,
		 const void *value)
{
	bool dscp = attr == WEFT_KEY_A_IP_DSCP;
	u8 v = *(const u8 *)value;
	int err;

	if (!weft_key_is_ip(key))
		return 0;
	v &= dscp ? 0x3f : INET_ECN_MASK;
	if (skb) {
		if (dscp)
			err = weft_tos_edit(skb, key, INET_ECN_MASK, v << 2);
		else
			err = weft_tos_edit(skb, key, (u8)~INET_ECN_MASK, v);
		if (err)
			return weft_done(err);
	}
	if (dscp)
		key->ip_dscp = v;
	else
		key->ip_ecn = v;
	return 0;
}

/*
 * Set the TTL (IPv4, @version 4) or hop limit (IPv6, 6) of the header at
 * @off to *@ttl, or with @dec decrement it and return the result there.
 */
int weft_ip_ttl_edit(struct sk_buff *skb, unsigned int off, u8 version,
		     bool dec, u8 *ttl)
{
	struct ipv6hdr *nh6;
	struct iphdr *nh;
	int err;

	if (version == 4) {
		nh = weft_pkt_hdr(skb, off, sizeof(*nh), &err);
		if (!nh)
			return err;
		if (nh->version != 4)
			return WEFT_ABSENT;
		if (dec && nh->ttl <= 1)
			return WEFT_PKT_TTL_EXPIRED;
		if (dec)
			*ttl = nh->ttl - 1;
		csum_replace2(&nh->check, htons(nh->ttl << 8), htons(*ttl << 8));
		nh->ttl = *ttl;
		return 0;
	}
	nh6 = weft_pkt_hdr(skb, off, sizeof(*nh6), &err);
	if (!nh6)
		return err;
	if (nh6->version != 6)
		return WEFT_ABSENT;
	if (dec && nh6->hop_limit <= 1)
		return WEFT_PKT_TTL_EXPIRED;
	if (dec)
		*ttl = nh6->hop_limit - 1;
	/* The hop limit is at an odd offset: sum its whole 16-bit word. */
	skb_postpull_rcsum(skb, &nh6->nexthdr, sizeof(__be16));
	nh6->hop_limit = *ttl;
	skb_postpush_rcsum(skb, &nh6->nexthdr, sizeof(__be16));
	return 0;
}

static int weft_nw_ttl(struct sk_buff *skb, struct weft_key *key, bool dec,
		       u8 ttl)
{
	u8 version;
	int err;

	if (key->eth_type == htons(ETH_P_IP))
		version = 4;
	else if (key->eth_type == htons(ETH_P_IPV6))
		version = 6;
	else
		return 0;
	if (skb) {
		err = weft_ip_ttl_edit(skb, skb_network_offset(skb), version,
				       dec, &ttl);
		if (err)
			return weft_done(err);
	} else if (dec) {
		if (key->nw_ttl <= 1)
			return WEFT_PKT_TTL_EXPIRED;
		ttl = key->nw_ttl - 1;
	}
	key->nw_ttl = ttl;
	return 0;
}

int weft_pkt_set_nw_ttl(struct sk_buff *skb, struct weft_key *key, u8 ttl)
{
	return weft_nw_ttl(skb, key, false, ttl);
}

int weft_pkt_dec_nw_ttl(struct sk_buff *skb, struct weft_key *key)
{
	return weft_nw_ttl(skb, key, true, 0);
}

/* ---- L4 ---- */

static int weft_tcp_port_edit(struct sk_buff *skb, bool src, __be16 port)
{
	struct tcphdr *th;
	__be16 *p;
	int err;

	th = weft_pkt_hdr(skb, skb_transport_offset(skb), sizeof(*th), &err);
	if (!th)
		return err;
	p = src ? &th->source : &th->dest;
	inet_proto_csum_replace2(&th->check, skb, *p, port, false);
	*p = port;
	return 0;
}

static int weft_udp_port_edit(struct sk_buff *skb, bool src, __be16 port)
{
	struct udphdr *uh;
	__be16 *p;
	int err;

	uh = weft_pkt_hdr(skb, skb_transport_offset(skb), sizeof(*uh), &err);
	if (!uh)
		return err;
	p = src ? &uh->source : &uh->dest;
	if (uh->check && skb->ip_summed != CHECKSUM_PARTIAL) {
		inet_proto_csum_replace2(&uh->check, skb, *p, port, false);
		*p = port;
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
	} else {
		/* No checksum, or one still to be computed over the data. */
		weft_rcsum_write(skb, p, &port, sizeof(port));
	}
	return 0;
}

static __wsum weft_crc32c_update(const void *buf, int len, __wsum crc)
{
	return (__force __wsum)__crc32c_le((__force u32)crc, buf, len);
}

static __wsum weft_crc32c_combine(__wsum crc, __wsum crc2, int offset,
				  int len)
{
	return (__force __wsum)__crc32c_le_combine((__force u32)crc,
						   (__force u32)crc2, len);
}

static const struct skb_checksum_ops weft_crc32c_ops = {
	.update = weft_crc32c_update,
	.combine = weft_crc32c_combine,
};

/*
 * sctp_compute_cksum(), but on the kernel's built-in crc32c: the one
 * sctp_compute_cksum() calls lives in libcrc32c.ko, which insmod weft.ko
 * would then need loaded first.  The SCTP header at @off is writable.
 */
static __le32 weft_sctp_csum(struct sk_buff *skb, unsigned int off)
{
	struct sctphdr *sh = (struct sctphdr *)(skb->data + off);
	__le32 old = sh->checksum;
	__wsum crc;

	sh->checksum = 0;
	crc = ~__skb_checksum(skb, off, skb->len - off, (__force __wsum)~0U,
			      &weft_crc32c_ops);
	sh->checksum = old;
	return cpu_to_le32((__force u32)crc);
}

static int weft_sctp_port_edit(struct sk_buff *skb, bool src, __be16 port)
{
	unsigned int off = skb_transport_offset(skb);
	__le32 old, old_correct;
	struct sctphdr *sh;
	__be16 *p;
	int err;

	sh = weft_pkt_hdr(skb, off, sizeof(*sh), &err);
	if (!sh)
		return err;
	p = src ? &sh->source : &sh->dest;
	/* CHECKSUM_PARTIAL: the CRC is still to be computed. */
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		*p = port;
		return 0;
	}
	/* A CRC is no ones' complement sum: nothing cancels in skb->csum. */
	skb_postpull_rcsum(skb, sh, sizeof(*sh));
	old = sh->checksum;
	old_correct = weft_sctp_csum(skb, off);
	*p = port;
	/* As Open vSwitch: a wrong CRC stays wrong. */
	sh->checksum = old ^ old_correct ^ weft_sctp_csum(skb, off);
	skb_postpush_rcsum(skb, sh, sizeof(*sh));
	return 0;
}

int weft_set_port(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value)
{
	bool src = attr == WEFT_KEY_A_TCP_SRC || attr == WEFT_KEY_A_UDP_SRC ||
		   attr == WEFT_KEY_A_SCTP_SRC;
	u8 proto;
	__be16 port;
	int err;

	if (attr == WEFT_KEY_A_TCP_SRC || attr == WEFT_KEY_A_TCP_DST)
		proto = IPPROTO_TCP;
	else if (attr == WEFT_KEY_A_UDP_SRC || attr == WEFT_KEY_A_UDP_DST)
		proto = IPPROTO_UDP;
	else
		proto = IPPROTO_SCTP;
	if (!weft_key_has_l4(key, proto))
		return 0;
	memcpy(&port, value, sizeof(port));
	if (skb) {
		if (proto == IPPROTO_TCP)
			err = weft_tcp_port_edit(skb, src, port);
		else if (proto == IPPROTO_UDP)
			err = weft_udp_port_edit(skb, src, port);
		else
			err = weft_sctp_port_edit(skb, src, port);
		if (err)
			return weft_done(err);
		skb_clear_hash(skb);
	}
	if (src)
		key->tp_src = port;
	else
		key->tp_dst = port;
	return 0;
}

/* ICMPv4 and ICMPv6 share the layout: type, code, checksum. */
static int weft_icmp_edit(struct sk_buff *skb, bool type, u8 v)
{
	__be16 old;
	u8 *h;
	int err;

	h = weft_pkt_hdr(skb, skb_transport_offset(skb), 4, &err);
	if (!h)
		return err;
	old = *(__be16 *)h;
	h[type ? 0 : 1] = v;
	inet_proto_csum_replace2((__sum16 *)(h + 2), skb, old, *(__be16 *)h,
				 false);
	return 0;
}

int weft_set_icmp(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value)
{
	bool v6 = attr == WEFT_KEY_A_ICMPV6_TYPE ||
		  attr == WEFT_KEY_A_ICMPV6_CODE;
	bool type = attr == WEFT_KEY_A_ICMPV4_TYPE ||
		    attr == WEFT_KEY_A_ICMPV6_TYPE;
	u8 v = *(const u8 *)value;
	int err;

	if (key->eth_type != htons(v6 ? ETH_P_IPV6 : ETH_P_IP) ||
	    !weft_key_has_l4(key, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP))
		return 0;
	if (skb) {
		err = weft_icmp_edit(skb, type, v);
		if (err)
			return weft_done(err);
	}
	if (type)
		key->icmp_type = v;
	else
		key->icmp_code = v;
	if (!v6)
		return 0;
	/* The ND fields follow the message's type and code. */
	if (skb)
		return weft_key_extract_l3(skb, key);
	if (!weft_key_is_nd(key)) {
		memset(&key->nd_target, 0, sizeof(key->nd_target));
		eth_zero_addr(key->arp_sha);
		eth_zero_addr(key->arp_tha);
	}
	return 0;
}

int weft_set_nd_target(struct sk_buff *skb, struct weft_key *key,
		       const void *value)
{
	struct in6_addr to;
	struct nd_msg *nd;
	int err;

	if (!weft_key_is_nd(key))
		return 0;
	memcpy(&to, value, sizeof(to));
	if (skb) {
		nd = weft_pkt_hdr(skb, skb_transport_offset(skb), sizeof(*nd),
				  &err);
		if (!nd)
			return weft_done(err);
		inet_proto_csum_replace16(&nd->icmph.icmp6_cksum, skb,
					  nd->target.s6_addr32, to.s6_addr32,
					  false);
		nd->target = to;
	}
	key->nd_target = to;
	return 0;
}

/* Rewrite the link-layer address of the first ND option of @type. */
static int weft_nd_lla_edit(struct sk_buff *skb, u8 type, const u8 *lla)
{
	unsigned int off = skb_transport_offset(skb) + sizeof(struct nd_msg);
	struct icmp6hdr *ih;
	__be16 from, to;
	u8 _opt[2];
	const u8 *opt;
	unsigned int i;
	u8 *p;
	int err;

	for (;; off += opt[1] * 8) {
		opt = skb_header_pointer(skb, off, sizeof(_opt), _opt);
		if (!opt || !opt[1])
			return WEFT_ABSENT;
		if (opt[0] == type && opt[1] == 1)
			break;
	}
	p = weft_pkt_hdr(skb, off + sizeof(_opt), ETH_ALEN, &err);
	if (!p)
		return err;
	ih = icmp6_hdr(skb);
	/* Options start 8-byte aligned in the message: the address's
	 * 16-bit words are the checksum's.
	 */
	for (i = 0; i < ETH_ALEN; i += sizeof(from)) {
		memcpy(&from, p + i, sizeof(from));
		memcpy(&to, lla + i, sizeof(to));
		inet_proto_csum_replace2(&ih->icmp6_cksum, skb, from, to,
					 false);
	}
	memcpy(p, lla, ETH_ALEN);
	return 0;
}

int weft_set_nd_lla(struct sk_buff *skb, struct weft_key *key, u16 attr,
		    const u8 *lla)
{
	bool sll = attr == WEFT_KEY_A_ND_SLL;
	int err;

	if (!weft_key_is_nd(key) ||
	    key->icmp_type != (sll ? NDISC_NEIGHBOUR_SOLICITATION :
				     NDISC_NEIGHBOUR_ADVERTISEMENT))
		return 0;
	if (skb) {
		err = weft_nd_lla_edit(skb, sll ? ND_OPT_SOURCE_LL_ADDR :
						  ND_OPT_TARGET_LL_ADDR, lla);
		if (err)
			return weft_done(err);
	}
	ether_addr_copy(sll ? key->arp_sha : key->arp_tha, lla);
	return 0;
}
