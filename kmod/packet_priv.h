/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What packet.c, packet_ip.c and packet_mpls.c share, and nothing else
 * needs: the rules every edit follows, the helpers that apply them, and
 * the set-field handlers the dispatcher in packet.c calls.  packet.h is
 * the interface to the rest of weft.
 *
 * Headers are made private and linear (skb_ensure_writable) only as far as
 * the edit writes, and only when the packet is long enough to hold them.
 *
 * Checksums.  A field covered by a checksum updates that checksum
 * incrementally, and the two changes cancel out in a CHECKSUM_COMPLETE
 * skb->csum (inet_proto_csum_replace4 handles the one case where they do
 * not: an IPv4 address, compensated twice).  A field no checksum covers
 * (Ethernet, VLAN, ARP, MPLS, most of the IPv6 header) updates skb->csum
 * itself with skb_postpull_rcsum()/skb_postpush_rcsum() around the write.
 * Those sum 16-bit words from the address they are given, so every such
 * write starts at an even offset from skb->data: all headers do, and the
 * one odd field (the IPv6 hop limit) is summed with its neighbour.
 */
#ifndef _WEFT_PACKET_PRIV_H
#define _WEFT_PACKET_PRIV_H

#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "flow.h"

/*
 * Internal only: the packet is too short for the header the key says it
 * has.  The edit leaves packet and key alone, and the caller sees 0.
 */
#define WEFT_ABSENT 2

static inline int weft_done(int err)
{
	return err == WEFT_ABSENT ? 0 : err;
}

/*
 * @len bytes at @off, made writable.  NULL with *@err set: WEFT_ABSENT if
 * the packet is shorter than that, else skb_ensure_writable()'s error.
 * Any pointer into the packet taken before this call is stale after it.
 */
static inline void *weft_pkt_hdr(struct sk_buff *skb, unsigned int off,
				 unsigned int len, int *err)
{
	if (unlikely(skb->len < off + len)) {
		*err = WEFT_ABSENT;
		return NULL;
	}
	*err = skb_ensure_writable(skb, off + len);
	return *err ? NULL : skb->data + off;
}

/* Write bytes that no checksum field covers; @p at an even offset. */
static inline void weft_rcsum_write(struct sk_buff *skb, void *p,
				    const void *v, unsigned int len)
{
	skb_postpull_rcsum(skb, p, len);
	memcpy(p, v, len);
	skb_postpush_rcsum(skb, p, len);
}

/*
 * What the stack keeps in skb->protocol: the frame's type after the
 * offloaded tag, that is at the Ethernet type field.  skb_vlan_pop() finds
 * in-frame tags by it.
 */
static inline void weft_pkt_reset_protocol(struct sk_buff *skb)
{
	__be16 _proto;
	const __be16 *proto;

	proto = skb_header_pointer(skb, 2 * ETH_ALEN, sizeof(_proto), &_proto);
	if (proto && eth_proto_is_802_3(*proto))
		skb->protocol = *proto;
}

static inline bool weft_key_is_ip(const struct weft_key *key)
{
	return key->eth_type == htons(ETH_P_IP) ||
	       key->eth_type == htons(ETH_P_IPV6);
}

/*
 * The kernel's VLAN helpers move mac_len and the network header each their
 * own way (6.1 and 6.12 differ on push).  Here in-frame tags are L2, and
 * the L3 header stays where it was in memory: L2 grows or shrinks by what
 * a VLAN helper adds to or takes from the packet.  The MPLS helpers keep
 * it as it was.
 */
static inline void weft_pkt_set_l2(struct sk_buff *skb, unsigned int l2)
{
	skb->mac_len = l2;
	skb_set_network_header(skb, l2);
}

/* packet_ip.c */

/* The IP TTL edit, also for copy-TTL-in under an MPLS label. */
int weft_ip_ttl_edit(struct sk_buff *skb, unsigned int off, u8 version,
		     bool dec, u8 *ttl);

/*
 * The set-field handlers, by header; weft_pkt_set_field() picks one by
 * @attr.  Same contract as it.
 */
int weft_set_tos(struct sk_buff *skb, struct weft_key *key, u16 attr,
		 const void *value);
int weft_set_ipv4(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value);
int weft_set_ipv6(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value);
int weft_set_flabel(struct sk_buff *skb, struct weft_key *key,
		    const void *value);
int weft_set_port(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value);
int weft_set_icmp(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value);
int weft_set_nd_target(struct sk_buff *skb, struct weft_key *key,
		       const void *value);
int weft_set_nd_lla(struct sk_buff *skb, struct weft_key *key, u16 attr,
		    const u8 *lla);

/* packet_mpls.c */

int weft_set_mpls(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value);

#endif /* _WEFT_PACKET_PRIV_H */
