// SPDX-License-Identifier: GPL-2.0
/*
 * Packet-in: packets the pipeline sends to the datapath's listener.
 *
 * This runs in the packet path, so it must never wait: a token bucket caps
 * the rate per datapath, the message is sent without blocking, and every
 * packet that does not make it is counted by reason.  A flood of misses
 * costs the forwarding path one spinlock and a counter per packet.
 */
#include <linux/if_vlan.h>
#include <linux/ktime.h>
#include <linux/skbuff.h>
#include <linux/netlink.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow_netlink.h"
#include "netlink.h"
#include "pipeline.h"

#define WEFT_UPCALL_RATE	1000
#define WEFT_UPCALL_BURST	100
/* DATA and the rest of WEFT_A_PACKET must fit one nest's u16 length. */
#define WEFT_UPCALL_DATA_MAX	65000

void weft_upcall_init(struct weft_upcall *up)
{
	spin_lock_init(&up->lock);
	up->rate = WEFT_UPCALL_RATE;
	up->burst = WEFT_UPCALL_BURST;
	up->tokens = (u64)up->burst * NSEC_PER_SEC;
	up->last = ktime_get_ns();
}

/* Take one token: tokens are counted in packets * NSEC_PER_SEC. */
static bool weft_upcall_admit(struct weft_upcall *up)
{
	u64 now = ktime_get_ns(), cap;
	bool ok;

	spin_lock(&up->lock);
	cap = (u64)up->burst * NSEC_PER_SEC;
	up->tokens = min(cap, up->tokens + (now - up->last) * up->rate);
	up->last = now;
	ok = up->tokens >= NSEC_PER_SEC;
	if (ok)
		up->tokens -= NSEC_PER_SEC;
	spin_unlock(&up->lock);
	return ok;
}

/* Copy the frame, with an offloaded VLAN tag put back in its place. */
static int weft_upcall_put_data(struct sk_buff *msg, struct sk_buff *skb,
				unsigned int len)
{
	struct nlattr *a;
	u8 *p;

	a = nla_reserve(msg, WEFT_PACKET_A_DATA, len);
	if (!a)
		return -EMSGSIZE;
	p = nla_data(a);
	if (!skb_vlan_tag_present(skb))
		return skb_copy_bits(skb, 0, p, len);

	if (len < 2 * ETH_ALEN + VLAN_HLEN)
		return -EINVAL;
	if (skb_copy_bits(skb, 0, p, 2 * ETH_ALEN))
		return -EFAULT;
	*(__be16 *)(p + 2 * ETH_ALEN) = skb->vlan_proto;
	*(__be16 *)(p + 2 * ETH_ALEN + 2) = htons(skb_vlan_tag_get(skb));
	return skb_copy_bits(skb, 2 * ETH_ALEN, p + 2 * ETH_ALEN + VLAN_HLEN,
			     len - 2 * ETH_ALEN - VLAN_HLEN);
}

static void weft_upcall_count(struct weft_dp *dp, int err)
{
	switch (err) {
	case 0:
		weft_dp_count_field(dp, upcalls);
		break;
	case -ENOMEM:
	case -EMSGSIZE:
		weft_dp_count_field(dp, upcall_drop_nomem);
		break;
	case -ECONNREFUSED:
		weft_dp_count_field(dp, upcall_drop_no_listener);
		break;
	default:
		weft_dp_count_field(dp, upcall_drop_queue);
	}
}

/* Send the packet in @c to the listener; the packet itself goes on. */
void weft_upcall(struct weft_pctx *c, u8 reason, u16 max_len)
{
	struct weft_dp *dp = c->dp;
	struct sk_buff *skb = c->skb, *msg;
	struct weft_vport *in;
	unsigned int total, len;
	struct nlattr *nest;
	u32 portid;
	void *hdr;
	int err;

	in = weft_vport_lookup(dp, c->key.in_port);
	if (in && READ_ONCE(in->config) & WEFT_PORT_C_NO_PACKET_IN) {
		if (!c->trace)
			weft_dp_count_field(dp, upcall_drop_port);
		return;
	}
	if (c->trace) {
		if (c->trace->n_out < WEFT_TRACE_OUTPUTS)
			c->trace->out[c->trace->n_out++] = WEFT_PORT_CONTROLLER;
		return;
	}
	portid = READ_ONCE(dp->upcall.portid);
	if (!portid) {
		weft_dp_count_field(dp, upcall_drop_no_listener);
		return;
	}
	if (!weft_upcall_admit(&dp->upcall)) {
		weft_dp_count_field(dp, upcall_drop_rate);
		return;
	}

	total = skb->len + (skb_vlan_tag_present(skb) ? VLAN_HLEN : 0);
	len = max_len == WEFT_CTRL_NO_BUFFER ? total : min_t(u32, total, max_len);
	/* A GRO packet can be larger than a netlink attribute can hold. */
	len = min_t(u32, len, WEFT_UPCALL_DATA_MAX);
	/* The Ethernet addresses and a put-back tag come whole, or not at all. */
	if (skb_vlan_tag_present(skb) && len < 2 * ETH_ALEN + VLAN_HLEN)
		len = min_t(u32, total, 2 * ETH_ALEN + VLAN_HLEN);
	msg = genlmsg_new(nla_total_size(len) + 512, GFP_ATOMIC);
	if (!msg) {
		weft_dp_count_field(dp, upcall_drop_nomem);
		return;
	}
	err = -EMSGSIZE;
	hdr = weft_nl_put_header(msg, 0, 0, 0, WEFT_CMD_PACKET_IN, dp);
	if (!hdr)
		goto err;
	nest = nla_nest_start(msg, WEFT_A_PACKET);
	if (!nest ||
	    nla_put_u8(msg, WEFT_PACKET_A_REASON, reason) ||
	    nla_put_u8(msg, WEFT_PACKET_A_TABLE, c->table) ||
	    nla_put_u64_64bit(msg, WEFT_PACKET_A_COOKIE, c->cookie,
			      WEFT_PACKET_A_PAD) ||
	    nla_put_u32(msg, WEFT_PACKET_A_IN_PORT, c->key.in_port) ||
	    nla_put_u32(msg, WEFT_PACKET_A_TOTAL_LEN, total) ||
	    weft_key_to_nlattr(msg, WEFT_PACKET_A_KEY, &c->key, true))
		goto err;
	err = weft_upcall_put_data(msg, skb, len);
	if (err)
		goto err;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	/* Never blocks: a full socket is -EAGAIN, counted as queue full. */
	err = genlmsg_unicast(dp->net, msg, portid);
	weft_upcall_count(dp, err);
	return;
err:
	nlmsg_free(msg);
	/* Only the message could not be built: count it as memory. */
	weft_upcall_count(dp, -ENOMEM);
}

/*
 * A listener that goes away (closed its socket, or died) stops being one,
 * so that later packet-ins count as "no listener" rather than queue drops
 * to a port id that a new socket might take.
 */
static int weft_upcall_release(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct netlink_notify *n = ptr;
	struct weft_dp *dp;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	mutex_lock(&weft_mutex);
	list_for_each_entry(dp, &weft_all_dps, all_node)
		if (net_eq(dp->net, n->net) &&
		    READ_ONCE(dp->upcall.portid) == n->portid)
			WRITE_ONCE(dp->upcall.portid, 0);
	mutex_unlock(&weft_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block weft_upcall_notifier = {
	.notifier_call = weft_upcall_release,
};

int weft_upcall_register(void)
{
	return netlink_register_notifier(&weft_upcall_notifier);
}

void weft_upcall_unregister(void)
{
	netlink_unregister_notifier(&weft_upcall_notifier);
}
