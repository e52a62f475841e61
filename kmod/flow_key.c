// SPDX-License-Identifier: GPL-2.0
/*
 * Flow key extraction.  The packet is only read (skb_header_pointer), never
 * pulled or linearised, so extraction cannot fail on a packet the output
 * path would otherwise accept, and leaves the skb as it found it.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <linux/weft.h>

#include "flow.h"

static void weft_key_l4(const struct sk_buff *skb, unsigned int off,
			struct weft_key *key)
{
	switch (key->ip_proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_SCTP: {
		/* Source and destination ports lead all three headers. */
		__be16 _ports[2];
		const __be16 *ports;

		ports = skb_header_pointer(skb, off, sizeof(_ports), _ports);
		if (ports) {
			key->tp_src = ports[0];
			key->tp_dst = ports[1];
		}
		break;
	}
	case IPPROTO_ICMP: {
		struct icmphdr _ih;
		const struct icmphdr *ih;

		ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
		if (ih) {
			key->icmp_type = ih->type;
			key->icmp_code = ih->code;
		}
		break;
	}
	}
}

static void weft_key_ipv4(const struct sk_buff *skb, unsigned int off,
			  struct weft_key *key)
{
	struct iphdr _iph;
	const struct iphdr *iph;
	unsigned int ihl;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4)
		return;
	ihl = iph->ihl * 4;
	if (ihl < sizeof(*iph))
		return;

	key->ipv4_src = iph->saddr;
	key->ipv4_dst = iph->daddr;
	key->ip_proto = iph->protocol;
	key->ip_dscp = iph->tos >> 2;
	key->ip_ecn = iph->tos & INET_ECN_MASK;
	/* Later fragments carry no L4 header: their ports stay zero. */
	if (!(iph->frag_off & htons(IP_OFFSET)))
		weft_key_l4(skb, off + ihl, key);
}

int weft_key_extract(const struct sk_buff *skb, u32 in_port,
		     struct weft_key *key)
{
	const struct ethhdr *eth;
	struct ethhdr _eth;
	unsigned int off = ETH_HLEN;
	__be16 proto;

	memset(key, 0, sizeof(*key));
	key->in_port = in_port;

	eth = skb_header_pointer(skb, 0, sizeof(_eth), &_eth);
	if (!eth)
		return -EINVAL;
	ether_addr_copy(key->eth_src, eth->h_source);
	ether_addr_copy(key->eth_dst, eth->h_dest);
	proto = eth->h_proto;

	/*
	 * A tag the stack already took out of the frame (every tag on
	 * receive, the first on transmit with VLAN offload) lives in the
	 * skb; otherwise the first 802.1Q/802.1ad tag is in the data.
	 */
	if (skb_vlan_tag_present(skb)) {
		u16 tci = skb_vlan_tag_get(skb);

		key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
		key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
	} else if (eth_type_vlan(proto)) {
		struct vlan_hdr _vh;
		const struct vlan_hdr *vh;
		u16 tci;

		vh = skb_header_pointer(skb, off, sizeof(_vh), &_vh);
		if (!vh)
			return -EINVAL;
		tci = ntohs(vh->h_vlan_TCI);
		key->vlan_vid = WEFT_VID_PRESENT | (tci & VLAN_VID_MASK);
		key->vlan_pcp = tci >> VLAN_PRIO_SHIFT;
		proto = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	/* As OpenFlow switches do: an 802.3 length is no Ethernet type. */
	if (unlikely(!eth_proto_is_802_3(proto)))
		proto = htons(0x05ff);
	key->eth_type = proto;

	if (proto == htons(ETH_P_IP))
		weft_key_ipv4(skb, off, key);
	return 0;
}
