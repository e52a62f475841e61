// SPDX-License-Identifier: GPL-2.0
/*
 * Internal ports: netdevs owned by weft through which the host stack sends
 * into and receives from the datapath.  What the host transmits on one is
 * what the datapath receives from that port, and the other way round.
 *
 * They advertise scatter-gather, checksum and GSO offloads so that the
 * host's large TCP segments cross the datapath unsegmented; a port that
 * cannot take them segments on its own transmit path.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/xfrm.h>
#include <net/netfilter/nf_conntrack.h>

#include "compat.h"
#include "datapath.h"

struct weft_internal_priv {
	/* NULL once the port is being deleted: transmit then drops. */
	struct weft_vport __rcu *vport;
};

static struct weft_internal_priv *weft_priv(const struct net_device *dev)
{
	return netdev_priv(dev);
}

static netdev_tx_t weft_internal_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct weft_vport *vport;

	rcu_read_lock();
	vport = rcu_dereference(weft_priv(dev)->vport);
	if (likely(vport)) {
		weft_vport_receive(vport, skb);
	} else {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
	}
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* The netdev's view is the mirror image of the port's. */
static void weft_internal_get_stats64(struct net_device *dev,
				      struct rtnl_link_stats64 *stats)
{
	struct weft_vport_stats st;
	struct weft_vport *vport;

	netdev_stats_to_stats64(stats, &dev->stats);
	rcu_read_lock();
	vport = rcu_dereference(weft_priv(dev)->vport);
	if (vport) {
		weft_vport_get_stats(vport, &st);
		stats->rx_packets = st.tx_packets;
		stats->rx_bytes = st.tx_bytes;
		stats->tx_packets = st.rx_packets;
		stats->tx_bytes = st.rx_bytes;
		stats->rx_dropped += st.tx_dropped;
		stats->tx_dropped += st.rx_dropped;
	}
	rcu_read_unlock();
}

static const struct net_device_ops weft_internal_netdev_ops = {
	.ndo_start_xmit = weft_internal_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_get_stats64 = weft_internal_get_stats64,
};

static void weft_internal_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &weft_internal_netdev_ops;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->needs_free_netdev = true;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;

	dev->features = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA |
			NETIF_F_HW_CSUM | NETIF_F_GSO_SOFTWARE |
			NETIF_F_GSO_ENCAP_ALL;
	dev->vlan_features = dev->features;
	dev->hw_enc_features = dev->features;
	dev->features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->hw_features = dev->features;
	/* Not user-changeable, so kept out of hw_features. */
	weft_dev_set_lltx_netns_local(dev);
	eth_hw_addr_random(dev);
}

bool weft_is_internal_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &weft_internal_netdev_ops;
}

struct weft_vport *weft_internal_dev_vport(const struct net_device *dev)
{
	return rcu_dereference_rtnl(weft_priv(dev)->vport);
}

struct net_device *weft_internal_dev_create(struct net *net,
					    const char *name,
					    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(sizeof(struct weft_internal_priv), name,
			   NET_NAME_USER, weft_internal_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	err = register_netdevice(dev);
	if (err) {
		free_netdev(dev);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack,
				       "WEFT_PORT_A_NAME: a device of that name exists");
		else
			NL_SET_ERR_MSG(extack,
				       "WEFT_PORT_A_NAME: cannot register a device of that name");
		return ERR_PTR(err);
	}
	return dev;
}

void weft_internal_dev_attach(struct net_device *dev, struct weft_vport *vport)
{
	rcu_assign_pointer(weft_priv(dev)->vport, vport);
}

void weft_internal_dev_destroy(struct net_device *dev)
{
	ASSERT_RTNL();
	RCU_INIT_POINTER(weft_priv(dev)->vport, NULL);
	/* needs_free_netdev: the core frees it once the last user is gone. */
	unregister_netdevice(dev);
}

/* Deliver @skb, output by the datapath to an internal port, to the host. */
void weft_internal_dev_recv(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	skb_dst_drop(skb);
	nf_reset_ct(skb);
	secpath_reset(skb);
	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	netif_rx(skb);
}
