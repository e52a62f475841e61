// SPDX-License-Identifier: GPL-2.0
/*
 * Editing packets for the pipeline's actions, after Open vSwitch's
 * net/openvswitch/actions.c: Ethernet, VLAN and ARP, pipeline metadata,
 * and weft_pkt_set_field(), which hands each field to the file of its
 * header.  IPv4/IPv6 and L4 edits are in packet_ip.c, MPLS in
 * packet_mpls.c; the rules all of them follow are in packet_priv.h.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/string.h>
#include <linux/weft.h>

#include "flow.h"
#include "packet.h"
#include "packet_priv.h"

/* ---- Ethernet and VLAN ---- */

static int weft_set_eth(struct sk_buff *skb, struct weft_key *key, u16 attr,
			const u8 *addr)
{
	bool src = attr == WEFT_KEY_A_ETH_SRC;
	struct ethhdr *eth;
	int err;

	if (skb) {
		eth = weft_pkt_hdr(skb, 0, ETH_HLEN, &err);
		if (!eth)
			return weft_done(err);
		weft_rcsum_write(skb, src ? eth->h_source : eth->h_dest, addr,
				 ETH_ALEN);
	}
	ether_addr_copy(src ? key->eth_src : key->eth_dst, addr);
	return 0;
}

/* Replace the @mask bits of the outer tag's TCI with @bits. */
static int weft_vlan_edit(struct sk_buff *skb, u16 mask, u16 bits)
{
	struct vlan_ethhdr *veth;
	__be16 tci;
	int err;

	if (skb_vlan_tag_present(skb)) {
		__vlan_hwaccel_put_tag(skb, skb->vlan_proto,
				       (skb_vlan_tag_get(skb) & ~mask) | bits);
		return 0;
	}
	veth = weft_pkt_hdr(skb, 0, VLAN_ETH_HLEN, &err);
	if (!veth)
		return err;
	if (!eth_type_vlan(veth->h_vlan_proto))
		return WEFT_ABSENT;
	tci = htons((ntohs(veth->h_vlan_TCI) & ~mask) | bits);
	weft_rcsum_write(skb, &veth->h_vlan_TCI, &tci, sizeof(tci));
	return 0;
}

static int weft_set_vlan(struct sk_buff *skb, struct weft_key *key, u16 attr,
			 const void *value)
{
	u16 mask, bits;
	int err;

	if (!(key->vlan_vid & WEFT_VID_PRESENT))
		return 0;
	if (attr == WEFT_KEY_A_VLAN_VID) {
		memcpy(&bits, value, sizeof(bits));
		mask = VLAN_VID_MASK;
	} else {
		bits = *(const u8 *)value << VLAN_PRIO_SHIFT;
		mask = VLAN_PRIO_MASK;
	}
	bits &= mask;
	if (skb) {
		err = weft_vlan_edit(skb, mask, bits);
		if (err)
			return weft_done(err);
	}
	if (attr == WEFT_KEY_A_VLAN_VID)
		key->vlan_vid = WEFT_VID_PRESENT | bits;
	else
		key->vlan_pcp = bits >> VLAN_PRIO_SHIFT;
	return 0;
}

int weft_pkt_push_vlan(struct sk_buff *skb, struct weft_key *key,
		       __be16 tpid)
{
	unsigned int l2, len;
	u16 tci = 0;
	int err;

	/* OpenFlow: the new tag copies the VID and PCP of the outer one. */
	if (key->vlan_vid & WEFT_VID_PRESENT)
		tci = (key->vlan_vid & VLAN_VID_MASK) |
		      key->vlan_pcp << VLAN_PRIO_SHIFT;
	if (skb) {
		/* An offloaded tag goes into the frame, the new one takes
		 * its place: the new tag is the outer one either way.  The
		 * move needs the addresses in the linear area.
		 */
		if (skb_vlan_tag_present(skb) &&
		    unlikely(!pskb_may_pull(skb, ETH_HLEN)))
			return -ENOMEM;
		l2 = skb->mac_len;
		len = skb->len;
		err = skb_vlan_push(skb, tpid, tci);
		if (err)
			return err;
		weft_pkt_set_l2(skb, l2 + skb->len - len);
	}
	key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
	key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
	return 0;
}

int weft_pkt_pop_vlan(struct sk_buff *skb, struct weft_key *key)
{
	unsigned int l2, len;
	u16 tci;
	int err;

	if (!(key->vlan_vid & WEFT_VID_PRESENT))
		return 0;
	if (skb) {
		weft_pkt_reset_protocol(skb);
		l2 = skb->mac_len;
		len = skb->len;
		err = skb_vlan_pop(skb);
		if (err)
			return err;
		weft_pkt_set_l2(skb, l2 + skb->len - len);
	}
	key->vlan_vid = 0;
	key->vlan_pcp = 0;
	/* skb_vlan_pop() moved the next tag, if any, out of the frame. */
	if (skb && skb_vlan_tag_present(skb)) {
		tci = skb_vlan_tag_get(skb);
		key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
		key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
	}
	return 0;
}
/* ---- ARP ---- */

static int weft_arp_edit(struct sk_buff *skb, unsigned int off,
			 const void *v, unsigned int len)
{
	struct weft_arp_eth *arp;
	int err;

	arp = weft_pkt_hdr(skb, skb_network_offset(skb), sizeof(*arp), &err);
	if (!arp)
		return err;
	if (!weft_arp_eth_ok(arp))
		return WEFT_ABSENT;
	weft_rcsum_write(skb, (u8 *)arp + off, v, len);
	return 0;
}

static int weft_set_arp(struct sk_buff *skb, struct weft_key *key, u16 attr,
			const void *value)
{
	unsigned int off, len;
	void *field;
	int err;

	if (key->eth_type != htons(ETH_P_ARP) &&
	    key->eth_type != htons(ETH_P_RARP))
		return 0;
	switch (attr) {
	case WEFT_KEY_A_ARP_OP:
		off = offsetof(struct weft_arp_eth, ar_op);
		len = sizeof(key->arp_op);
		field = &key->arp_op;
		break;
	case WEFT_KEY_A_ARP_SPA:
		off = offsetof(struct weft_arp_eth, ar_sip);
		len = sizeof(key->ipv4_src);
		field = &key->ipv4_src;
		break;
	case WEFT_KEY_A_ARP_TPA:
		off = offsetof(struct weft_arp_eth, ar_tip);
		len = sizeof(key->ipv4_dst);
		field = &key->ipv4_dst;
		break;
	case WEFT_KEY_A_ARP_SHA:
		off = offsetof(struct weft_arp_eth, ar_sha);
		len = ETH_ALEN;
		field = key->arp_sha;
		break;
	default:
		off = offsetof(struct weft_arp_eth, ar_tha);
		len = ETH_ALEN;
		field = key->arp_tha;
		break;
	}
	if (skb) {
		err = weft_arp_edit(skb, off, value, len);
		if (err)
			return weft_done(err);
	}
	memcpy(field, value, len);
	return 0;
}

/* ---- a private copy ---- */

/*
 * An edit of a cloned skb (pktgen's shared skbs, a tap on the port, an
 * output before the edit) would have skb_ensure_writable() expand its
 * head: a kmalloc() of the old head's size, which Debian's init_on_alloc
 * clears in full, then the copy.  In profiles of the benchmark's 4-table
 * pipeline (pktgen shares its skbs) that was 40 % of weft's own time.  A
 * small linear packet is instead copied whole into a page fragment, which
 * nothing clears, at the same headroom so that every header offset (all
 * in skb_copy_header()'s group) stays valid.
 *
 * Not for packets a socket owns (a destructor to keep, TCP's small-queue
 * accounting), GSO or non-linear ones, or anything over a page: those go
 * the usual way, which copies only the linear head.
 *
 * With BHs off, as the packet path always is, the fragment and the
 * sk_buff come from the CPU's NAPI caches, and weft_pkt_consume() gives
 * the replaced sk_buff back to the latter: the copy then costs no slab
 * call at all (a kmem_cache_alloc() here, cleared by init_on_alloc, was
 * half of this function's time).
 */
static bool weft_pkt_napi_ctx(void)
{
	return in_softirq() && !in_hardirq() && !in_nmi();
}

struct sk_buff *weft_pkt_copy_small(const struct sk_buff *skb)
{
	unsigned int headroom = skb_headroom(skb), size;
	bool napi = weft_pkt_napi_ctx();
	struct sk_buff *n;
	void *data;

	if (skb->sk || skb->destructor || skb_is_nonlinear(skb) ||
	    skb_is_gso(skb))
		return NULL;
	size = SKB_DATA_ALIGN(headroom + skb->len) +
	       SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	if (size > PAGE_SIZE)
		return NULL;
	data = napi ? napi_alloc_frag(size) : netdev_alloc_frag(size);
	if (!data)
		return NULL;
	n = napi ? napi_build_skb(data, size) : build_skb(data, size);
	if (!n) {
		skb_free_frag(data);
		return NULL;
	}
	skb_reserve(n, headroom);
	__skb_put(n, skb->len);
	memcpy(n->head, skb->head, headroom + skb->len);
	skb_copy_header(n, skb);
	/* Outside what skb_copy_header() copies, and weft keeps L2 in it. */
	n->mac_len = skb->mac_len;
	return n;
}

void weft_pkt_consume(struct sk_buff *skb)
{
	if (weft_pkt_napi_ctx())
		napi_consume_skb(skb, 1);	/* nonzero: BHs are off */
	else
		consume_skb(skb);
}

/* ---- set-field ---- */

/* Pipeline metadata: the key alone holds it. */
static int weft_set_meta(struct weft_key *key, u16 attr, const void *value)
{
	switch (attr) {
	case WEFT_KEY_A_METADATA:
		memcpy(&key->metadata, value, sizeof(key->metadata));
		break;
	case WEFT_KEY_A_TUNNEL_ID:
		memcpy(&key->tun_id, value, sizeof(key->tun_id));
		break;
	case WEFT_KEY_A_TUN_IPV4_SRC:
		memcpy(&key->tun_ipv4_src, value, sizeof(key->tun_ipv4_src));
		break;
	case WEFT_KEY_A_TUN_IPV4_DST:
		memcpy(&key->tun_ipv4_dst, value, sizeof(key->tun_ipv4_dst));
		break;
	default:
		memcpy(&key->regs[attr - WEFT_KEY_A_REG0], value,
		       sizeof(key->regs[0]));
		break;
	}
	return 0;
}

int weft_pkt_set_field(struct sk_buff *skb, struct weft_key *key, u16 attr,
		       const void *value)
{
	if (!weft_pkt_field_in_packet(attr))
		return weft_set_meta(key, attr, value);
	switch (attr) {
	case WEFT_KEY_A_ETH_SRC:
	case WEFT_KEY_A_ETH_DST:
		return weft_set_eth(skb, key, attr, value);
	case WEFT_KEY_A_VLAN_VID:
	case WEFT_KEY_A_VLAN_PCP:
		return weft_set_vlan(skb, key, attr, value);
	case WEFT_KEY_A_IP_DSCP:
	case WEFT_KEY_A_IP_ECN:
		return weft_set_tos(skb, key, attr, value);
	case WEFT_KEY_A_IPV4_SRC:
	case WEFT_KEY_A_IPV4_DST:
		return weft_set_ipv4(skb, key, attr, value);
	case WEFT_KEY_A_IPV6_SRC:
	case WEFT_KEY_A_IPV6_DST:
		return weft_set_ipv6(skb, key, attr, value);
	case WEFT_KEY_A_IPV6_FLABEL:
		return weft_set_flabel(skb, key, value);
	case WEFT_KEY_A_TCP_SRC:
	case WEFT_KEY_A_TCP_DST:
	case WEFT_KEY_A_UDP_SRC:
	case WEFT_KEY_A_UDP_DST:
	case WEFT_KEY_A_SCTP_SRC:
	case WEFT_KEY_A_SCTP_DST:
		return weft_set_port(skb, key, attr, value);
	case WEFT_KEY_A_ICMPV4_TYPE:
	case WEFT_KEY_A_ICMPV4_CODE:
	case WEFT_KEY_A_ICMPV6_TYPE:
	case WEFT_KEY_A_ICMPV6_CODE:
		return weft_set_icmp(skb, key, attr, value);
	case WEFT_KEY_A_ARP_OP:
	case WEFT_KEY_A_ARP_SPA:
	case WEFT_KEY_A_ARP_TPA:
	case WEFT_KEY_A_ARP_SHA:
	case WEFT_KEY_A_ARP_THA:
		return weft_set_arp(skb, key, attr, value);
	case WEFT_KEY_A_ND_TARGET:
		return weft_set_nd_target(skb, key, value);
	case WEFT_KEY_A_ND_SLL:
	case WEFT_KEY_A_ND_TLL:
		return weft_set_nd_lla(skb, key, attr, value);
	case WEFT_KEY_A_MPLS_LABEL:
	case WEFT_KEY_A_MPLS_TC:
	case WEFT_KEY_A_MPLS_BOS:
		return weft_set_mpls(skb, key, attr, value);
	}
	/* Not settable: the caller's validation should have said so. */
	return -EINVAL;
}
