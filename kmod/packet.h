/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Editing packets for the pipeline's actions.  Every function takes the
 * packet and the key that describes it, and keeps the two in step: after an
 * edit, the key says what the packet now holds, so later tables match on
 * the edited headers.
 *
 * The packet is as weft_key_extract() (or the previous edit) left it:
 * skb->data and the mac header at the Ethernet header, skb->mac_len
 * covering Ethernet and the in-frame VLAN tags, the network header right
 * after them and, for IPv4 and IPv6, the transport header at the L4 header.
 * skb->protocol is not trusted: each edit sets what the kernel helper it
 * calls expects, and leaves the stack's convention (the frame's type after
 * the offloaded tag, if any) behind it.
 *
 * @skb may be NULL: the pipeline is being traced, and only the key changes.
 *
 * A packet that does not carry the header an edit is about is left alone
 * (return 0), as OpenFlow switches do for set-field on an absent header.
 * A negative return means the packet could not be edited (no memory, a
 * malformed header) and must be dropped.
 */
#ifndef _WEFT_PACKET_H
#define _WEFT_PACKET_H

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/weft.h>

#include "flow.h"

/* Returned by the TTL decrements when the TTL would reach zero. */
#define WEFT_PKT_TTL_EXPIRED 1

/*
 * Re-parse @skb from its network header on, as key->eth_type says it is:
 * the MPLS and L3/L4 fields of @key are rewritten, metadata and L2 (VLAN
 * included) are kept.  Used after pop_mpls.  Always returns 0: a truncated
 * header leaves its fields zero, as weft_key_extract() does.
 */
int weft_key_extract_l3(struct sk_buff *skb, struct weft_key *key);

/*
 * @attr is a settable WEFT_KEY_A_*; @value its netlink value (host or
 * network order as that attribute is), already range-checked.
 */
int weft_pkt_set_field(struct sk_buff *skb, struct weft_key *key, u16 attr,
		       const void *value);
int weft_pkt_push_vlan(struct sk_buff *skb, struct weft_key *key,
		       __be16 tpid);
int weft_pkt_pop_vlan(struct sk_buff *skb, struct weft_key *key);
int weft_pkt_push_mpls(struct sk_buff *skb, struct weft_key *key,
		       __be16 ethertype);
int weft_pkt_pop_mpls(struct sk_buff *skb, struct weft_key *key,
		      __be16 ethertype);
int weft_pkt_set_nw_ttl(struct sk_buff *skb, struct weft_key *key, u8 ttl);
int weft_pkt_dec_nw_ttl(struct sk_buff *skb, struct weft_key *key);
int weft_pkt_set_mpls_ttl(struct sk_buff *skb, struct weft_key *key, u8 ttl);
int weft_pkt_dec_mpls_ttl(struct sk_buff *skb, struct weft_key *key);
int weft_pkt_copy_ttl_out(struct sk_buff *skb, struct weft_key *key);
int weft_pkt_copy_ttl_in(struct sk_buff *skb, struct weft_key *key);

/*
 * Whether setting @attr writes the packet: false for the pipeline
 * metadata (registers, metadata, tunnel fields), which the key alone holds.
 */
static inline bool weft_pkt_field_in_packet(u16 attr)
{
	switch (attr) {
	case WEFT_KEY_A_METADATA:
	case WEFT_KEY_A_REG0 ... WEFT_KEY_A_REG7:
	case WEFT_KEY_A_TUNNEL_ID:
	case WEFT_KEY_A_TUN_IPV4_SRC:
	case WEFT_KEY_A_TUN_IPV4_DST:
		return false;
	}
	return true;
}

/*
 * A private copy of @skb for an edit to write, when its data is shared
 * or a queued output still needs it as it is; NULL if @skb is not one
 * this copies (see packet.c) or memory is short, and the edit then goes
 * the usual way (a clone for the output, skb_ensure_writable()).  @skb is
 * left as it was.
 */
struct sk_buff *weft_pkt_copy_small(const struct sk_buff *skb);
/* Free the skb such a copy replaced (to the CPU's cache when it can). */
void weft_pkt_consume(struct sk_buff *skb);

/* ARP for Ethernet and IPv4, the only kind weft parses. */
struct weft_arp_eth {
	__be16 ar_hrd;
	__be16 ar_pro;
	u8 ar_hln;
	u8 ar_pln;
	__be16 ar_op;
	u8 ar_sha[ETH_ALEN];
	u8 ar_sip[4];
	u8 ar_tha[ETH_ALEN];
	u8 ar_tip[4];
} __packed;

static inline bool weft_arp_eth_ok(const struct weft_arp_eth *arp)
{
	return arp->ar_hrd == htons(ARPHRD_ETHER) &&
	       arp->ar_pro == htons(ETH_P_IP) &&
	       arp->ar_hln == ETH_ALEN && arp->ar_pln == 4;
}

#endif /* _WEFT_PACKET_H */
