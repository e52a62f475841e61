// SPDX-License-Identifier: GPL-2.0
/*
 * Editing MPLS packets for the pipeline's actions: the top label's fields
 * and TTL, push and pop, and OpenFlow's copy-TTL-out/in.  Kept apart from
 * packet.c because a label stack changes what the key knows of L3.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mpls.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/mpls.h>
#include <linux/weft.h>

#include "flow.h"
#include "packet.h"
#include "packet_priv.h"

/* Open vSwitch's MPLS TTL for a label pushed onto a non-IP packet. */
#define WEFT_MPLS_DEFAULT_TTL 64
static u32 weft_key_lse(const struct weft_key *key)
{
	return key->mpls_label << MPLS_LS_LABEL_SHIFT |
	       key->mpls_tc << MPLS_LS_TC_SHIFT |
	       key->mpls_bos << MPLS_LS_S_SHIFT |
	       key->mpls_ttl << MPLS_LS_TTL_SHIFT;
}

static void weft_key_set_lse(struct weft_key *key, u32 lse)
{
	key->mpls_label = lse >> MPLS_LS_LABEL_SHIFT;
	key->mpls_tc = (lse & MPLS_LS_TC_MASK) >> MPLS_LS_TC_SHIFT;
	key->mpls_bos = (lse & MPLS_LS_S_MASK) >> MPLS_LS_S_SHIFT;
	key->mpls_ttl = (lse & MPLS_LS_TTL_MASK) >> MPLS_LS_TTL_SHIFT;
}

static int weft_mpls_lse(const struct sk_buff *skb, unsigned int off,
			 u32 *lse)
{
	__be32 _v;
	const __be32 *v;

	v = skb_header_pointer(skb, off, sizeof(_v), &_v);
	if (!v)
		return WEFT_ABSENT;
	*lse = ntohl(*v);
	return 0;
}

/* Replace the @mask bits of the top label stack entry with @bits. */
static int weft_mpls_edit(struct sk_buff *skb, const struct weft_key *key,
			  u32 mask, u32 bits)
{
	__be16 proto = skb->protocol;
	u32 lse;
	int err;

	err = weft_mpls_lse(skb, skb_network_offset(skb), &lse);
	if (err)
		return err;
	/* The helper insists on seeing MPLS there, which an in-frame VLAN
	 * tag would hide; it finds the label at the network header.
	 */
	skb->protocol = key->eth_type;
	err = skb_mpls_update_lse(skb, htonl((lse & ~mask) | bits));
	skb->protocol = proto;
	return err;
}

int weft_set_mpls(struct sk_buff *skb, struct weft_key *key, u16 attr,
		  const void *value)
{
	u32 mask, bits;
	int err;

	if (!eth_p_mpls(key->eth_type))
		return 0;
	if (attr == WEFT_KEY_A_MPLS_LABEL) {
		memcpy(&bits, value, sizeof(bits));
		bits <<= MPLS_LS_LABEL_SHIFT;
		mask = MPLS_LS_LABEL_MASK;
	} else if (attr == WEFT_KEY_A_MPLS_TC) {
		bits = *(const u8 *)value << MPLS_LS_TC_SHIFT;
		mask = MPLS_LS_TC_MASK;
	} else {
		bits = *(const u8 *)value << MPLS_LS_S_SHIFT;
		mask = MPLS_LS_S_MASK;
	}
	bits &= mask;
	if (skb) {
		err = weft_mpls_edit(skb, key, mask, bits);
		if (err)
			return weft_done(err);
	}
	weft_key_set_lse(key, (weft_key_lse(key) & ~mask) | bits);
	return 0;
}

static int weft_mpls_ttl(struct sk_buff *skb, struct weft_key *key, bool dec,
			 u8 ttl)
{
	u32 lse = weft_key_lse(key);
	int err;

	if (!eth_p_mpls(key->eth_type))
		return 0;
	if (skb) {
		err = weft_mpls_lse(skb, skb_network_offset(skb), &lse);
		if (err)
			return weft_done(err);
	}
	if (dec) {
		if ((lse & MPLS_LS_TTL_MASK) <= 1)
			return WEFT_PKT_TTL_EXPIRED;
		ttl = (lse & MPLS_LS_TTL_MASK) - 1;
	}
	if (skb) {
		err = weft_mpls_edit(skb, key, MPLS_LS_TTL_MASK, ttl);
		if (err)
			return weft_done(err);
	}
	key->mpls_ttl = ttl;
	return 0;
}

int weft_pkt_set_mpls_ttl(struct sk_buff *skb, struct weft_key *key, u8 ttl)
{
	return weft_mpls_ttl(skb, key, false, ttl);
}

int weft_pkt_dec_mpls_ttl(struct sk_buff *skb, struct weft_key *key)
{
	return weft_mpls_ttl(skb, key, true, 0);
}

/*
 * The new label: OpenFlow copies an outer label's fields (but for
 * bottom of stack); onto anything else it pushes label 0, TC 0, the IP
 * TTL if there is one, else Open vSwitch's default.
 */
static u32 weft_new_lse(const struct weft_key *key)
{
	if (eth_p_mpls(key->eth_type))
		return weft_key_lse(key) & ~MPLS_LS_S_MASK;
	return MPLS_LS_S_MASK | (weft_key_is_ip(key) ? key->nw_ttl :
				 WEFT_MPLS_DEFAULT_TTL);
}

static int weft_mpls_push(struct sk_buff *skb, const struct weft_key *key,
			  __be16 ethertype, u32 lse)
{
	unsigned int l2 = skb->mac_len;
	__be16 proto = skb->protocol;
	int err;

	/* skb_mpls_push() moves the L2 header as if it were linear. */
	err = skb_ensure_writable(skb, l2);
	if (err)
		return err;
	/* skb_mpls_push() keeps skb->protocol as the inner protocol, for
	 * GSO: let it be the payload's, not a VLAN tag's.
	 */
	if (eth_proto_is_802_3(key->eth_type))
		skb->protocol = key->eth_type;
	/* Not "ethernet": skb_mpls_push() would then write the type into
	 * the Ethernet header even under an in-frame VLAN tag.  The type
	 * that leads to the label is the last two bytes of L2.
	 */
	err = skb_mpls_push(skb, htonl(lse), ethertype, l2, false);
	if (err) {
		skb->protocol = proto;
		return err;
	}
	weft_pkt_set_l2(skb, l2);
	weft_rcsum_write(skb, skb_network_header(skb) - sizeof(ethertype),
			 &ethertype, sizeof(ethertype));
	weft_pkt_reset_protocol(skb);
	return 0;
}

/* What was below the top label is unknown to the key from now on. */
static void weft_key_clear_l3(struct weft_key *key)
{
	u8 ttl = key->nw_ttl;

	key->mpls_tc = 0;
	key->mpls_bos = 0;
	key->mpls_ttl = 0;
	key->mpls_label = 0;
	memset_startat(key, 0, ip_proto);
	/* Not matchable, so harmless to keep: the IP TTL a trace knows. */
	key->nw_ttl = ttl;
}

int weft_pkt_push_mpls(struct sk_buff *skb, struct weft_key *key,
		       __be16 ethertype)
{
	u32 lse = weft_new_lse(key);
	int err;

	if (skb) {
		err = weft_mpls_push(skb, key, ethertype, lse);
		if (err)
			return err;
	}
	weft_key_clear_l3(key);
	key->eth_type = ethertype;
	weft_key_set_lse(key, lse);
	return 0;
}

static int weft_mpls_pop(struct sk_buff *skb, const struct weft_key *key,
			 __be16 ethertype)
{
	unsigned int l2 = skb->mac_len;
	__be16 proto = skb->protocol;
	int err;

	if (skb->len < l2 + MPLS_HLEN)
		return WEFT_ABSENT;
	/* skb_mpls_pop() does nothing unless skb->protocol says MPLS. */
	skb->protocol = key->eth_type;
	err = skb_mpls_pop(skb, ethertype, l2, true);
	if (err) {
		skb->protocol = proto;
		return err;
	}
	weft_pkt_set_l2(skb, l2);
	weft_pkt_reset_protocol(skb);
	return 0;
}

int weft_pkt_pop_mpls(struct sk_buff *skb, struct weft_key *key,
		      __be16 ethertype)
{
	int err;

	if (!eth_p_mpls(key->eth_type))
		return 0;
	if (skb) {
		err = weft_mpls_pop(skb, key, ethertype);
		if (err)
			return weft_done(err);
	}
	weft_key_clear_l3(key);
	key->eth_type = eth_proto_is_802_3(ethertype) ? ethertype :
							htons(0x05ff);
	return skb ? weft_key_extract_l3(skb, key) : 0;
}

/*
 * OpenFlow's next-to-outermost header of an MPLS packet: the second label
 * (*@kind 0) unless the top one is the bottom of the stack, else an IPv4
 * or IPv6 header (*@kind 4 or 6), told by its version as the kernel's MPLS
 * forwarding does.  *@off is where it starts.
 */
static int weft_mpls_inner(const struct sk_buff *skb,
			   const struct weft_key *key, unsigned int *off,
			   u8 *kind)
{
	u8 _b;
	const u8 *b;

	*off = skb_network_offset(skb) + MPLS_HLEN;
	*kind = 0;
	if (!key->mpls_bos)
		return 0;
	b = skb_header_pointer(skb, *off, sizeof(_b), &_b);
	if (!b)
		return WEFT_ABSENT;
	*kind = *b >> 4;
	return *kind == 4 || *kind == 6 ? 0 : WEFT_ABSENT;
}

static int weft_inner_ttl(const struct sk_buff *skb, unsigned int off,
			  u8 kind, u8 *ttl)
{
	u8 _t;
	const u8 *t;

	if (kind == 4)
		off += offsetof(struct iphdr, ttl);
	else if (kind == 6)
		off += offsetof(struct ipv6hdr, hop_limit);
	else
		off += MPLS_HLEN - 1;	/* the TTL is the entry's last byte */
	t = skb_header_pointer(skb, off, sizeof(_t), &_t);
	if (!t)
		return WEFT_ABSENT;
	*ttl = *t;
	return 0;
}

static int weft_inner_ttl_set(struct sk_buff *skb, unsigned int off, u8 kind,
			      u8 ttl)
{
	__be32 *lse, v;
	int err;

	if (kind)
		return weft_ip_ttl_edit(skb, off, kind, false, &ttl);
	lse = weft_pkt_hdr(skb, off, MPLS_HLEN, &err);
	if (!lse)
		return err;
	v = htonl((ntohl(*lse) & ~MPLS_LS_TTL_MASK) | ttl);
	weft_rcsum_write(skb, lse, &v, sizeof(v));
	return 0;
}

int weft_pkt_copy_ttl_out(struct sk_buff *skb, struct weft_key *key)
{
	unsigned int off;
	u8 kind, ttl;
	int err;

	if (!eth_p_mpls(key->eth_type))
		return 0;
	if (!skb) {
		/* A trace knows the IP TTL only if it saw the IP header. */
		if (key->mpls_bos && key->nw_ttl)
			key->mpls_ttl = key->nw_ttl;
		return 0;
	}
	err = weft_mpls_inner(skb, key, &off, &kind);
	if (!err)
		err = weft_inner_ttl(skb, off, kind, &ttl);
	if (!err)
		err = weft_mpls_edit(skb, key, MPLS_LS_TTL_MASK, ttl);
	if (err)
		return weft_done(err);
	key->mpls_ttl = ttl;
	return 0;
}

int weft_pkt_copy_ttl_in(struct sk_buff *skb, struct weft_key *key)
{
	unsigned int off;
	u8 kind = 4;
	int err;

	if (!eth_p_mpls(key->eth_type))
		return 0;
	if (skb) {
		err = weft_mpls_inner(skb, key, &off, &kind);
		if (!err)
			err = weft_inner_ttl_set(skb, off, kind, key->mpls_ttl);
		if (err)
			return weft_done(err);
	}
	/* The key keeps the IP TTL under the bottom label, not a label's. */
	if (key->mpls_bos && kind)
		key->nw_ttl = key->mpls_ttl;
	return 0;
}
