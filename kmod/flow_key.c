// SPDX-License-Identifier: GPL-2.0
/*
 * Flow key extraction.  The packet is only read (skb_header_pointer), never
 * pulled or linearised, so extraction cannot fail on a packet the output
 * path would otherwise accept.  The only changes to the skb are its header
 * offsets (mac, network, transport) and mac_len, which the edit functions
 * of packet.c and the kernel's VLAN and MPLS helpers rely on.
 *
 * A header that is truncated or malformed leaves its fields, and those of
 * every header above it, zero.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mpls.h>
#include <linux/sctp.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/mpls.h>
#include <net/ndisc.h>
#include <linux/weft.h>

#include "flow.h"
#include "packet.h"

/*
 * In-frame VLAN tags skipped to find the Ethernet type.  OpenFlow's
 * ETH_TYPE is the type after all tags; a deeper stack than this is left
 * with a tag's TPID as its type rather than walked without bound.
 */
#define WEFT_VLAN_DEPTH 4

static void weft_key_ports(const struct sk_buff *skb, unsigned int off,
			   struct weft_key *key)
{
	/* Source and destination ports lead TCP, UDP and SCTP headers. */
	__be16 _ports[2];
	const __be16 *ports;

	ports = skb_header_pointer(skb, off, sizeof(_ports), _ports);
	if (ports) {
		key->tp_src = ports[0];
		key->tp_dst = ports[1];
	}
}

static void weft_key_tcp(const struct sk_buff *skb, unsigned int off,
			 struct weft_key *key)
{
	struct tcphdr _th;
	const struct tcphdr *th;

	th = skb_header_pointer(skb, off, sizeof(_th), &_th);
	if (!th || th->doff < sizeof(*th) / 4)
		return;
	key->tp_src = th->source;
	key->tp_dst = th->dest;
	/* As Open vSwitch: the 16-bit word after the ack number, less the
	 * data offset, holds the reserved bits, NS and the 8 flags.
	 */
	key->tcp_flags = ((const __be16 *)th)[6] & htons(0x0fff);
}

static void weft_key_icmp(const struct sk_buff *skb, unsigned int off,
			  struct weft_key *key)
{
	/* ICMPv4 and ICMPv6 both start with type and code. */
	u8 _tc[2];
	const u8 *tc;

	tc = skb_header_pointer(skb, off, sizeof(_tc), _tc);
	if (tc) {
		key->icmp_type = tc[0];
		key->icmp_code = tc[1];
	}
}

/*
 * Neighbour discovery: the target, and the link-layer address option that
 * goes with the message (source for a solicitation, target for an
 * advertisement).  A repeated option makes the message invalid, as in Open
 * vSwitch: all three fields are then zero.
 */
static void weft_key_nd(const struct sk_buff *skb, unsigned int off,
			struct weft_key *key)
{
	u8 want = key->icmp_type == NDISC_NEIGHBOUR_SOLICITATION ?
		  ND_OPT_SOURCE_LL_ADDR : ND_OPT_TARGET_LL_ADDR;
	u8 *lla = want == ND_OPT_SOURCE_LL_ADDR ? key->arp_sha : key->arp_tha;
	struct in6_addr _target;
	const struct in6_addr *target;
	bool seen = false;
	u8 _opt[8];
	const u8 *opt;

	target = skb_header_pointer(skb, off + sizeof(struct icmp6hdr),
				    sizeof(_target), &_target);
	if (!target)
		return;
	key->nd_target = *target;

	for (off += sizeof(struct nd_msg);
	     (opt = skb_header_pointer(skb, off, sizeof(_opt), _opt));
	     off += opt[1] * 8) {
		if (!opt[1])
			return;
		if (opt[0] != want || opt[1] != 1)
			continue;
		if (seen) {
			memset(&key->nd_target, 0, sizeof(key->nd_target));
			eth_zero_addr(lla);
			return;
		}
		seen = true;
		ether_addr_copy(lla, opt + 2);
	}
}

static void weft_key_l4(const struct sk_buff *skb, unsigned int off,
			struct weft_key *key)
{
	switch (key->ip_proto) {
	case IPPROTO_TCP:
		weft_key_tcp(skb, off, key);
		break;
	case IPPROTO_UDP:
	case IPPROTO_SCTP:
		weft_key_ports(skb, off, key);
		break;
	case IPPROTO_ICMP:
		if (key->eth_type == htons(ETH_P_IP))
			weft_key_icmp(skb, off, key);
		break;
	case IPPROTO_ICMPV6:
		if (key->eth_type != htons(ETH_P_IPV6))
			break;
		weft_key_icmp(skb, off, key);
		if (!key->icmp_code &&
		    (key->icmp_type == NDISC_NEIGHBOUR_SOLICITATION ||
		     key->icmp_type == NDISC_NEIGHBOUR_ADVERTISEMENT))
			weft_key_nd(skb, off, key);
		break;
	}
}

static void weft_key_ipv4(struct sk_buff *skb, struct weft_key *key)
{
	unsigned int off = skb_network_offset(skb);
	struct iphdr _iph;
	const struct iphdr *iph;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5)
		return;

	key->ipv4_src = iph->saddr;
	key->ipv4_dst = iph->daddr;
	key->ip_proto = iph->protocol;
	key->ip_dscp = iph->tos >> 2;
	key->ip_ecn = iph->tos & INET_ECN_MASK;
	key->nw_ttl = iph->ttl;
	off += iph->ihl * 4;
	skb_set_transport_header(skb, off);

	if (iph->frag_off & htons(IP_MF | IP_OFFSET)) {
		key->ip_frag = WEFT_FRAG_ANY;
		/* Later fragments carry no L4 header: its fields stay zero. */
		if (iph->frag_off & htons(IP_OFFSET)) {
			key->ip_frag |= WEFT_FRAG_LATER;
			return;
		}
	}
	weft_key_l4(skb, off, key);
}

/*
 * Walk the extension headers after the fixed IPv6 header at @off.  Returns
 * the offset of the upper-layer header with its protocol in *@proto, or 0
 * when there is none to parse (truncated chain, later fragment: for the
 * latter *@proto is the fragment header's next header, the best ip_proto
 * there is).
 */
static unsigned int weft_ipv6_skip(const struct sk_buff *skb,
				   unsigned int off, u8 *proto,
				   struct weft_key *key)
{
	u8 nexthdr = *proto;

	for (;;) {
		struct ipv6_opt_hdr _hp;
		const struct ipv6_opt_hdr *hp;
		struct frag_hdr _fh;
		const struct frag_hdr *fh;

		switch (nexthdr) {
		case NEXTHDR_HOP:
		case NEXTHDR_ROUTING:
		case NEXTHDR_DEST:
		case NEXTHDR_AUTH:
			hp = skb_header_pointer(skb, off, sizeof(_hp), &_hp);
			if (!hp)
				return 0;
			off += nexthdr == NEXTHDR_AUTH ? ipv6_authlen(hp) :
							 ipv6_optlen(hp);
			nexthdr = hp->nexthdr;
			break;
		case NEXTHDR_FRAGMENT:
			fh = skb_header_pointer(skb, off, sizeof(_fh), &_fh);
			if (!fh)
				return 0;
			key->ip_frag = WEFT_FRAG_ANY;
			off += sizeof(*fh);
			nexthdr = fh->nexthdr;
			if (fh->frag_off & htons(IP6_OFFSET)) {
				key->ip_frag |= WEFT_FRAG_LATER;
				*proto = nexthdr;
				return 0;
			}
			break;
		default:
			*proto = nexthdr;
			return off;
		}
	}
}

static void weft_key_ipv6(struct sk_buff *skb, struct weft_key *key)
{
	unsigned int off = skb_network_offset(skb);
	struct ipv6hdr _nh;
	const struct ipv6hdr *nh;
	u8 tclass, proto;

	nh = skb_header_pointer(skb, off, sizeof(_nh), &_nh);
	if (!nh || nh->version != 6)
		return;

	key->ipv6_src = nh->saddr;
	key->ipv6_dst = nh->daddr;
	key->ipv6_label = *(const __be32 *)nh &
			  htonl(IPV6_FLOWINFO_FLOWLABEL);
	tclass = ipv6_get_dsfield(nh);
	key->ip_dscp = tclass >> 2;
	key->ip_ecn = tclass & INET_ECN_MASK;
	key->nw_ttl = nh->hop_limit;

	proto = nh->nexthdr;
	off = weft_ipv6_skip(skb, off + sizeof(*nh), &proto, key);
	if (!off) {
		if (key->ip_frag & WEFT_FRAG_LATER)
			key->ip_proto = proto;
		return;
	}
	key->ip_proto = proto;
	skb_set_transport_header(skb, off);
	weft_key_l4(skb, off, key);
}

static void weft_key_arp(const struct sk_buff *skb, struct weft_key *key)
{
	struct weft_arp_eth _arp;
	const struct weft_arp_eth *arp;

	arp = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_arp),
				 &_arp);
	if (!arp || !weft_arp_eth_ok(arp))
		return;
	/* Unlike Open vSwitch, the opcode has a field of its own. */
	key->arp_op = arp->ar_op;
	memcpy(&key->ipv4_src, arp->ar_sip, sizeof(key->ipv4_src));
	memcpy(&key->ipv4_dst, arp->ar_tip, sizeof(key->ipv4_dst));
	ether_addr_copy(key->arp_sha, arp->ar_sha);
	ether_addr_copy(key->arp_tha, arp->ar_tha);
}

/* Only the top label: matching is on it alone. */
static void weft_key_mpls(const struct sk_buff *skb, struct weft_key *key)
{
	__be32 _lse;
	const __be32 *lse;
	u32 v;

	lse = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_lse),
				 &_lse);
	if (!lse)
		return;
	v = ntohl(*lse);
	key->mpls_label = v >> MPLS_LS_LABEL_SHIFT;
	key->mpls_tc = (v & MPLS_LS_TC_MASK) >> MPLS_LS_TC_SHIFT;
	key->mpls_bos = (v & MPLS_LS_S_MASK) >> MPLS_LS_S_SHIFT;
	key->mpls_ttl = (v & MPLS_LS_TTL_MASK) >> MPLS_LS_TTL_SHIFT;
}

/* @key's MPLS and L3/L4 fields are zero; fill them from the network header. */
static void weft_key_l3(struct sk_buff *skb, struct weft_key *key)
{
	switch (key->eth_type) {
	case htons(ETH_P_IP):
		weft_key_ipv4(skb, key);
		break;
	case htons(ETH_P_IPV6):
		weft_key_ipv6(skb, key);
		break;
	case htons(ETH_P_ARP):
	case htons(ETH_P_RARP):
		weft_key_arp(skb, key);
		break;
	case htons(ETH_P_MPLS_UC):
	case htons(ETH_P_MPLS_MC):
		weft_key_mpls(skb, key);
		break;
	}
}

int weft_key_extract_l3(struct sk_buff *skb, struct weft_key *key)
{
	key->mpls_tc = 0;
	key->mpls_bos = 0;
	key->mpls_ttl = 0;
	key->mpls_label = 0;
	memset_startat(key, 0, ip_proto);
	weft_key_l3(skb, key);
	return 0;
}

/*
 * The VLAN fields describe the outer tag: the one the stack took out of the
 * frame (every tag on receive, the first on transmit with VLAN offload),
 * else the first in the frame.  Returns the offset of the Ethernet type
 * after every in-frame tag, up to WEFT_VLAN_DEPTH of them.
 */
static unsigned int weft_key_vlan(const struct sk_buff *skb, __be16 *proto,
				  struct weft_key *key)
{
	unsigned int off = ETH_HLEN;
	struct vlan_hdr _vh;
	const struct vlan_hdr *vh;
	bool outer = skb_vlan_tag_present(skb);
	u16 tci;
	int i;

	if (outer) {
		tci = skb_vlan_tag_get(skb);
		key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
		key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
	}
	for (i = 0; i < WEFT_VLAN_DEPTH && eth_type_vlan(*proto); i++) {
		vh = skb_header_pointer(skb, off, sizeof(_vh), &_vh);
		if (!vh)
			break;
		if (!outer) {
			tci = ntohs(vh->h_vlan_TCI);
			key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
			key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
			outer = true;
		}
		*proto = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	return off;
}

int weft_key_extract(struct sk_buff *skb, u32 in_port, struct weft_key *key)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;
	unsigned int off;
	__be16 proto;

	memset(key, 0, sizeof(*key));
	key->in_port = in_port;
	key->in_phy_port = in_port;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth)
		return -EINVAL;
	ether_addr_copy(key->eth_src, eth->h_source);
	ether_addr_copy(key->eth_dst, eth->h_dest);
	proto = eth->h_proto;
	off = weft_key_vlan(skb, &proto, key);

	/* As OpenFlow switches do: an 802.3 length is no Ethernet type. */
	if (unlikely(!eth_proto_is_802_3(proto)))
		proto = htons(0x05ff);
	key->eth_type = proto;

	/* The in-frame tags belong to L2, as the kernel's VLAN and MPLS
	 * helpers (skb_vlan_pop, skb_mpls_push...) expect.
	 */
	skb_reset_mac_header(skb);
	skb->mac_len = off;
	skb_set_network_header(skb, off);
	weft_key_l3(skb, key);
	return 0;
}
