// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: attaching netdevs to a datapath, receiving from and sending to
 * them, and letting go of a netdev that disappears.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/weft.h>

#include "datapath.h"

struct weft_vport *weft_vport_lookup(struct weft_dp *dp, u32 port_no)
{
	return xa_load(&dp->ports, port_no);
}

struct weft_vport *weft_vport_lookup_name(struct weft_dp *dp,
					  const char *name)
{
	struct weft_vport *vport;
	unsigned long no;

	weft_assert_locked();
	xa_for_each(&dp->ports, no, vport)
		if (!strcmp(vport->dev->name, name))
			return vport;
	return NULL;
}

#define weft_vport_count(vport, field, n)				\
	do {								\
		struct weft_vport_pcpu_stats *__s =			\
			this_cpu_ptr((vport)->stats);			\
									\
		u64_stats_update_begin(&__s->syncp);			\
		u64_stats_add(&__s->field, n);				\
		u64_stats_update_end(&__s->syncp);			\
	} while (0)

void weft_vport_count_rx_drop(struct weft_vport *vport)
{
	weft_vport_count(vport, rx_dropped, 1);
}

void weft_vport_count_tx_drop(struct weft_vport *vport)
{
	weft_vport_count(vport, tx_dropped, 1);
}

void weft_vport_get_stats(const struct weft_vport *vport,
			  struct weft_vport_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct weft_vport_pcpu_stats *s;
		struct weft_vport_stats v;
		unsigned int start;

		s = per_cpu_ptr(vport->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			v.rx_packets = u64_stats_read(&s->rx_packets);
			v.rx_bytes = u64_stats_read(&s->rx_bytes);
			v.tx_packets = u64_stats_read(&s->tx_packets);
			v.tx_bytes = u64_stats_read(&s->tx_bytes);
			v.rx_dropped = u64_stats_read(&s->rx_dropped);
			v.tx_dropped = u64_stats_read(&s->tx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		st->rx_packets += v.rx_packets;
		st->rx_bytes += v.rx_bytes;
		st->tx_packets += v.tx_packets;
		st->tx_bytes += v.tx_bytes;
		st->rx_dropped += v.rx_dropped;
		st->tx_dropped += v.tx_dropped;
	}
}

/* A packet from @vport enters the datapath; data at the Ethernet header. */
void weft_vport_receive(struct weft_vport *vport, struct sk_buff *skb)
{
	if (unlikely(skb->len < ETH_HLEN ||
		     READ_ONCE(vport->config) & WEFT_PORT_C_NO_RECV)) {
		weft_vport_count(vport, rx_dropped, 1);
		kfree_skb(skb);
		return;
	}
	weft_vport_count(vport, rx_packets, 1);
	weft_vport_count(vport, rx_bytes, skb->len);
	skb_reset_mac_header(skb);
	weft_dp_process(vport, skb);
}

static rx_handler_result_t weft_frame_hook(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct weft_vport *vport;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	vport = rcu_dereference(skb->dev->rx_handler_data);
	if (unlikely(!vport))
		return RX_HANDLER_PASS;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		weft_vport_count(vport, rx_dropped, 1);
		return RX_HANDLER_CONSUMED;
	}
	/* The stack has pulled the Ethernet header; the datapath wants it. */
	skb_push_rcsum(skb, ETH_HLEN);
	weft_vport_receive(vport, skb);
	return RX_HANDLER_CONSUMED;
}

static bool weft_is_port_dev(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == weft_frame_hook;
}

/* Length of what the frame carries above Ethernet and one VLAN tag. */
static unsigned int weft_l3_len(const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	unsigned int len = skb->len - ETH_HLEN;

	if (eth_type_vlan(eth->h_proto) && len >= VLAN_HLEN)
		len -= VLAN_HLEN;
	return len;
}

/* Send @skb, data at the Ethernet header, out of @vport.  Consumes @skb. */
void weft_vport_send(struct weft_vport *vport, struct sk_buff *skb)
{
	struct net_device *dev = vport->dev;
	unsigned int len = skb->len;

	if (unlikely(!(dev->flags & IFF_UP)))
		goto drop;
	if (unlikely(!skb_is_gso(skb) && weft_l3_len(skb) > dev->mtu))
		goto drop;

	weft_vport_count(vport, tx_packets, 1);
	weft_vport_count(vport, tx_bytes, len);
	skb->dev = dev;
	if (vport->type == WEFT_PORT_TYPE_INTERNAL) {
		weft_internal_dev_recv(skb);
	} else {
		skb_clear_tstamp(skb);
		dev_queue_xmit(skb);
	}
	return;
drop:
	weft_vport_count(vport, tx_dropped, 1);
	kfree_skb(skb);
}

static int weft_vport_attach_netdev(struct weft_dp *dp,
				    struct weft_vport *vport,
				    const char *name,
				    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	dev = __dev_get_by_name(dp->net, name);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "WEFT_PORT_A_NAME: no such device");
		return -ENODEV;
	}
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "WEFT_PORT_A_NAME: device is loopback");
		return -EINVAL;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NAME: not an Ethernet device");
		return -EINVAL;
	}
	if (weft_is_internal_dev(dev)) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NAME: device is a weft internal port");
		return -EBUSY;
	}
	if (weft_is_port_dev(dev)) {
		struct weft_vport *other = rtnl_dereference(dev->rx_handler_data);

		if (other && other->dp == dp) {
			NL_SET_ERR_MSG(extack,
				       "WEFT_PORT_A_NAME: device is already a port of this datapath");
			return -EEXIST;
		}
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NAME: device is a port of another datapath");
		return -EBUSY;
	}
	if (netdev_is_rx_handler_busy(dev) || netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NAME: device is enslaved to another master");
		return -EBUSY;
	}

	vport->dev = dev;
	netdev_hold(dev, &vport->dev_tracker, GFP_KERNEL);
	/* Shows the datapath as the port's master in "ip link". */
	err = netdev_master_upper_dev_link(dev, dp->local->dev, NULL, NULL,
					   extack);
	if (err)
		goto err_put;
	err = netdev_rx_handler_register(dev, weft_frame_hook, vport);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NAME: cannot take the device's receive path");
		goto err_unlink;
	}
	dev_disable_lro(dev);
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_unregister;
	return 0;

err_unregister:
	netdev_rx_handler_unregister(dev);
err_unlink:
	netdev_upper_dev_unlink(dev, dp->local->dev);
err_put:
	netdev_put(dev, &vport->dev_tracker);
	vport->dev = NULL;
	return err;
}

static void weft_vport_detach_netdev(struct weft_vport *vport)
{
	struct net_device *dev = vport->dev;

	ASSERT_RTNL();
	netdev_rx_handler_unregister(dev);
	netdev_upper_dev_unlink(dev, vport->dp->local->dev);
	dev_set_promiscuity(dev, -1);
	netdev_put(dev, &vport->dev_tracker);
}

static void weft_vport_free(struct weft_vport *vport)
{
	free_percpu(vport->stats);
	kfree(vport);
	weft_obj_dec(WEFT_OBJ_PORTS);
}

static void weft_vport_free_rcu_cb(struct rcu_head *rcu)
{
	weft_vport_free(container_of(rcu, struct weft_vport, rcu));
}

/*
 * Add a port of @type named @name as @port_no (0: the lowest free number),
 * with the WEFT_PORT_C_* bits @config already in force when the first
 * packet can reach it.  The local port is added by the datapath itself as
 * WEFT_PORT_LOCAL.
 */
int weft_vport_add(struct weft_dp *dp, const char *name, u32 type,
		   u32 port_no, u32 config, struct netlink_ext_ack *extack,
		   struct weft_vport **vportp)
{
	struct weft_vport *vport;
	int err;

	ASSERT_RTNL();
	weft_assert_locked();

	vport = kzalloc(sizeof(*vport), GFP_KERNEL);
	if (!vport)
		return -ENOMEM;
	vport->stats = netdev_alloc_pcpu_stats(struct weft_vport_pcpu_stats);
	if (!vport->stats) {
		kfree(vport);
		return -ENOMEM;
	}
	weft_obj_inc(WEFT_OBJ_PORTS);
	vport->dp = dp;
	vport->type = type;
	vport->config = config;

	/* Reserve the number first: it is the cheapest thing to undo. */
	if (port_no) {
		err = xa_insert(&dp->ports, port_no, NULL, GFP_KERNEL);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack,
				       "WEFT_PORT_A_NO: port number in use");
			err = -EEXIST;
		}
	} else {
		err = xa_alloc(&dp->ports, &port_no, NULL,
			       XA_LIMIT(1, WEFT_PORT_MAX), GFP_KERNEL);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack,
				       "WEFT_PORT_A_NO: no free port number");
			err = -ENOSPC;
		}
	}
	if (err)
		goto err_free;
	vport->port_no = port_no;

	if (type == WEFT_PORT_TYPE_INTERNAL) {
		vport->dev = weft_internal_dev_create(dp->net, name, extack);
		if (IS_ERR(vport->dev)) {
			err = PTR_ERR(vport->dev);
			goto err_release;
		}
		weft_internal_dev_attach(vport->dev, vport);
	} else {
		err = weft_vport_attach_netdev(dp, vport, name, extack);
		if (err)
			goto err_release;
	}

	xa_store(&dp->ports, port_no, vport, GFP_KERNEL);
	dp->n_ports++;
	dp->port_gen++;
	*vportp = vport;
	return 0;

err_release:
	xa_erase(&dp->ports, port_no);
err_free:
	weft_vport_free(vport);
	return err;
}

/* Remove @vport from its datapath and free it once readers are done. */
void weft_vport_del(struct weft_vport *vport)
{
	struct weft_dp *dp = vport->dp;

	ASSERT_RTNL();
	weft_assert_locked();

	xa_erase(&dp->ports, vport->port_no);
	dp->n_ports--;
	dp->port_gen++;
	if (vport->type == WEFT_PORT_TYPE_INTERNAL)
		weft_internal_dev_destroy(vport->dev);
	else
		weft_vport_detach_netdev(vport);
	call_rcu(&vport->rcu, weft_vport_free_rcu_cb);
}

/*
 * A port's netdev going away (deleted, or moved to another namespace) takes
 * the port with it; the datapath's listeners hear of it.
 */
static int weft_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct weft_vport *vport;

	if (event != NETDEV_UNREGISTER || !weft_is_port_dev(dev))
		return NOTIFY_DONE;

	mutex_lock(&weft_mutex);
	vport = rtnl_dereference(dev->rx_handler_data);
	if (vport) {
		weft_notify_port_gone(vport);
		weft_vport_del(vport);
	}
	mutex_unlock(&weft_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block weft_netdev_notifier = {
	.notifier_call = weft_netdev_event,
};

int weft_vport_init(void)
{
	return register_netdevice_notifier(&weft_netdev_notifier);
}

void weft_vport_uninit(void)
{
	unregister_netdevice_notifier(&weft_netdev_notifier);
}
