// SPDX-License-Identifier: GPL-2.0
/*
 * The "weft" generic netlink family: policies, datapath and port commands,
 * notifications.  Flow commands are in netlink_flow.c.
 *
 * Every op runs under genl_mutex (the family is not parallel); each takes
 * weft_mutex, and RTNL before it where netdevs are involved.
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/weft.h>

#include "compat.h"
#include "datapath.h"
#include "flow_netlink.h"
#include "group.h"
#include "netlink.h"

static const struct nla_policy weft_port_policy[WEFT_PORT_A_MAX + 1] = {
	[WEFT_PORT_A_NO] = { .type = NLA_U32 },
	[WEFT_PORT_A_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[WEFT_PORT_A_TYPE] = NLA_POLICY_MAX(NLA_U32, WEFT_PORT_TYPE_MAX),
	[WEFT_PORT_A_IFINDEX] = { .type = NLA_REJECT,
				  .reject_message = "WEFT_PORT_A_IFINDEX: read-only" },
	[WEFT_PORT_A_ADDRESS] = { .type = NLA_REJECT,
				  .reject_message = "WEFT_PORT_A_ADDRESS: read-only" },
	[WEFT_PORT_A_MTU] = { .type = NLA_REJECT,
			      .reject_message = "WEFT_PORT_A_MTU: read-only" },
	[WEFT_PORT_A_STATE] = { .type = NLA_REJECT,
				.reject_message = "WEFT_PORT_A_STATE: read-only" },
	[WEFT_PORT_A_STATS] = { .type = NLA_REJECT,
				.reject_message = "WEFT_PORT_A_STATS: read-only" },
	[WEFT_PORT_A_CONFIG] = { .type = NLA_U32 },
	[WEFT_PORT_A_CONFIG_MASK] = { .type = NLA_U32 },
	[WEFT_PORT_A_OPTIONS] = { .type = NLA_NESTED },
	[WEFT_PORT_A_REASON] = { .type = NLA_REJECT,
				 .reject_message = "WEFT_PORT_A_REASON: read-only" },
};

const struct nla_policy weft_flow_policy[WEFT_FLOW_A_MAX + 1] = {
	[WEFT_FLOW_A_TABLE] = { .type = NLA_U8 },
	[WEFT_FLOW_A_PRIORITY] = { .type = NLA_U16 },
	[WEFT_FLOW_A_KEY] = NLA_POLICY_NESTED(weft_key_policy),
	[WEFT_FLOW_A_MASK] = NLA_POLICY_NESTED(weft_key_policy),
	[WEFT_FLOW_A_COOKIE] = { .type = NLA_U64 },
	[WEFT_FLOW_A_COOKIE_MASK] = { .type = NLA_U64 },
	[WEFT_FLOW_A_FLAGS] = { .type = NLA_U32 },
	[WEFT_FLOW_A_IDLE_TIMEOUT] = { .type = NLA_U16 },
	[WEFT_FLOW_A_HARD_TIMEOUT] = { .type = NLA_U16 },
	[WEFT_FLOW_A_INSTRUCTIONS] = NLA_POLICY_NESTED(weft_inst_policy),
	[WEFT_FLOW_A_STRICT] = { .type = NLA_FLAG },
	[WEFT_FLOW_A_OUT_PORT] = { .type = NLA_U32 },
	[WEFT_FLOW_A_STATS] = { .type = NLA_REJECT,
				.reject_message = "WEFT_FLOW_A_STATS: read-only" },
	[WEFT_FLOW_A_DURATION] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_FLOW_A_DURATION: read-only" },
	[WEFT_FLOW_A_USED] = { .type = NLA_REJECT,
			       .reject_message = "WEFT_FLOW_A_USED: read-only" },
	[WEFT_FLOW_A_OUT_GROUP] = { .type = NLA_U32 },
	[WEFT_FLOW_A_EXCL] = { .type = NLA_FLAG },
	[WEFT_FLOW_A_REASON] = { .type = NLA_REJECT,
				 .reject_message = "WEFT_FLOW_A_REASON: read-only" },
};

const struct nla_policy weft_table_policy[WEFT_TABLE_A_MAX + 1] = {
	[WEFT_TABLE_A_ID] = NLA_POLICY_MAX(NLA_U8, WEFT_TABLE_MAX),
	[WEFT_TABLE_A_MISS] = NLA_POLICY_MAX(NLA_U32, WEFT_TABLE_MISS_MAX),
	[WEFT_TABLE_A_MISS_MAX_LEN] = { .type = NLA_U16 },
	[WEFT_TABLE_A_N_FLOWS] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_TABLE_A_N_FLOWS: read-only" },
	[WEFT_TABLE_A_LOOKUPS] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_TABLE_A_LOOKUPS: read-only" },
	[WEFT_TABLE_A_MATCHES] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_TABLE_A_MATCHES: read-only" },
};

const struct nla_policy weft_packet_policy[WEFT_PACKET_A_MAX + 1] = {
	[WEFT_PACKET_A_DATA] = { .type = NLA_BINARY, .len = 65535 },
	[WEFT_PACKET_A_IN_PORT] = { .type = NLA_U32 },
	[WEFT_PACKET_A_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_PACKET_A_KEY] = NLA_POLICY_NESTED(weft_key_policy),
	[WEFT_PACKET_A_REASON] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_PACKET_A_REASON: read-only" },
	[WEFT_PACKET_A_TABLE] = { .type = NLA_REJECT,
				  .reject_message = "WEFT_PACKET_A_TABLE: read-only" },
	[WEFT_PACKET_A_COOKIE] = { .type = NLA_REJECT,
				   .reject_message = "WEFT_PACKET_A_COOKIE: read-only" },
	[WEFT_PACKET_A_TOTAL_LEN] = { .type = NLA_REJECT,
				      .reject_message = "WEFT_PACKET_A_TOTAL_LEN: read-only" },
};

static const struct nla_policy weft_op_policy[WEFT_OP_A_MAX + 1] = {
	[WEFT_OP_A_CMD] = { .type = NLA_U8 },
	[WEFT_OP_A_FLOW] = NLA_POLICY_NESTED(weft_flow_policy),
};

static const struct nla_policy weft_bundle_policy[WEFT_BUNDLE_A_MAX + 1] = {
	[WEFT_BUNDLE_A_OP] = NLA_POLICY_NESTED(weft_op_policy),
};

static const struct nla_policy weft_policy[WEFT_A_MAX + 1] = {
	[WEFT_A_DP_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[WEFT_A_DP_IFINDEX] = { .type = NLA_U32 },
	[WEFT_A_DP_FLAGS] = { .type = NLA_U32 },
	[WEFT_A_DP_STATS] = { .type = NLA_REJECT,
			      .reject_message = "WEFT_A_DP_STATS: read-only" },
	[WEFT_A_DP_N_PORTS] = { .type = NLA_REJECT,
				.reject_message = "WEFT_A_DP_N_PORTS: read-only" },
	[WEFT_A_DP_N_FLOWS] = { .type = NLA_REJECT,
				.reject_message = "WEFT_A_DP_N_FLOWS: read-only" },
	[WEFT_A_PORT] = NLA_POLICY_NESTED(weft_port_policy),
	[WEFT_A_FLOW] = NLA_POLICY_NESTED(weft_flow_policy),
	[WEFT_A_TABLE] = NLA_POLICY_NESTED(weft_table_policy),
	[WEFT_A_GROUP] = NLA_POLICY_NESTED(weft_group_policy),
	[WEFT_A_MIRROR] = { .type = NLA_REJECT,
			    .reject_message = "WEFT_A_MIRROR: not supported in this version" },
	[WEFT_A_PACKET] = NLA_POLICY_NESTED(weft_packet_policy),
	[WEFT_A_PAD] = { .type = NLA_REJECT },
	[WEFT_A_DP_UPCALL_PID] = { .type = NLA_U32 },
	[WEFT_A_DP_UPCALL_RATE] = NLA_POLICY_MIN(NLA_U32, 1),
	[WEFT_A_DP_UPCALL_BURST] = NLA_POLICY_MIN(NLA_U32, 1),
	[WEFT_A_TRACE] = { .type = NLA_REJECT,
			   .reject_message = "WEFT_A_TRACE: read-only" },
	[WEFT_A_BUNDLE] = NLA_POLICY_NESTED(weft_bundle_policy),
};

static struct genl_multicast_group weft_mcgrps[] = {
	{ .name = WEFT_MCGRP_EVENTS },
};

/* The datapath a request names, or an ERR_PTR with extack set. */
struct weft_dp *weft_nl_get_dp(struct net *net, struct nlattr **attrs,
			       struct netlink_ext_ack *extack)
{
	const char *name = NULL;
	int ifindex = 0;
	struct weft_dp *dp;

	weft_assert_locked();
	if (attrs[WEFT_A_DP_NAME])
		name = nla_data(attrs[WEFT_A_DP_NAME]);
	if (attrs[WEFT_A_DP_IFINDEX])
		ifindex = nla_get_u32(attrs[WEFT_A_DP_IFINDEX]);
	if (!name && !ifindex) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_A_DP_NAME: missing (or WEFT_A_DP_IFINDEX)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, WEFT_A_DP_NAME);
		return ERR_PTR(-EINVAL);
	}
	dp = weft_dp_lookup(net, name, ifindex);
	if (!dp) {
		if (name)
			NL_SET_ERR_MSG_ATTR(extack, attrs[WEFT_A_DP_NAME],
					    "WEFT_A_DP_NAME: no such datapath");
		else
			NL_SET_ERR_MSG_ATTR(extack, attrs[WEFT_A_DP_IFINDEX],
					    "WEFT_A_DP_IFINDEX: no such datapath");
		return ERR_PTR(-ENOENT);
	}
	return dp;
}

/* The nest @type of a request, parsed; EINVAL naming it when absent. */
int weft_nl_parse_nest(struct genl_info *info, int type, int max,
		       const struct nla_policy *policy, struct nlattr **tb,
		       const char *missing)
{
	if (!info->attrs[type]) {
		weft_extack(info->extack, NULL, missing);
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, type);
		return -EINVAL;
	}
	return nla_parse_nested(tb, max, info->attrs[type], policy,
				info->extack);
}

/* Every reply and event names its datapath, so it can be read alone. */
void *weft_nl_put_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			 u8 cmd, const struct weft_dp *dp)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &weft_genl_family, flags, cmd);
	if (!hdr)
		return NULL;
	if (nla_put_string(skb, WEFT_A_DP_NAME, dp->local->dev->name) ||
	    nla_put_u32(skb, WEFT_A_DP_IFINDEX, dp->local->dev->ifindex)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

/* A nest @type of u64 counters, each aligned with @pad. */
struct weft_nl_u64 {
	int type;
	u64 value;
};

static int weft_nl_put_u64s(struct sk_buff *skb, int type,
			    const struct weft_nl_u64 *v, size_t n, int pad)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	size_t i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, v[i].type, v[i].value, pad))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int weft_nl_fill_dp(struct sk_buff *skb, const struct weft_dp *dp,
			   u32 portid, u32 seq, int flags, u8 cmd,
			   struct netlink_callback *cb)
{
	struct weft_dp_stats st;
	void *hdr;

	hdr = weft_nl_put_header(skb, portid, seq, flags, cmd, dp);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	weft_dp_get_stats(dp, &st);
	if (nla_put_u32(skb, WEFT_A_DP_FLAGS, dp->flags) ||
	    nla_put_u32(skb, WEFT_A_DP_UPCALL_PID, READ_ONCE(dp->upcall.portid)) ||
	    nla_put_u32(skb, WEFT_A_DP_UPCALL_RATE, dp->upcall.rate) ||
	    nla_put_u32(skb, WEFT_A_DP_UPCALL_BURST, dp->upcall.burst) ||
	    nla_put_u32(skb, WEFT_A_DP_N_PORTS, dp->n_ports) ||
	    nla_put_u32(skb, WEFT_A_DP_N_FLOWS, weft_dp_n_flows(dp)))
		goto cancel;
	{
		const struct weft_nl_u64 stats[] = {
			{ WEFT_DP_STATS_A_LOOKUPS, st.lookups },
			{ WEFT_DP_STATS_A_HITS, st.hits },
			{ WEFT_DP_STATS_A_MISSES, st.misses },
			{ WEFT_DP_STATS_A_LOST, st.lost },
			{ WEFT_DP_STATS_A_UPCALLS, st.upcalls },
			{ WEFT_DP_STATS_A_UPCALL_DROP_RATE, st.upcall_drop_rate },
			{ WEFT_DP_STATS_A_UPCALL_DROP_QUEUE, st.upcall_drop_queue },
			{ WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER, st.upcall_drop_no_listener },
			{ WEFT_DP_STATS_A_UPCALL_DROP_NOMEM, st.upcall_drop_nomem },
			{ WEFT_DP_STATS_A_CACHE_HITS, st.emc_hits },
			{ WEFT_DP_STATS_A_CACHE_MISSES, st.emc_misses },
			{ WEFT_DP_STATS_A_UPCALL_DROP_PORT, st.upcall_drop_port },
			{ WEFT_DP_STATS_A_MEGAFLOW_HITS, st.mf_hits },
			{ WEFT_DP_STATS_A_MEGAFLOW_MISSES, st.mf_misses },
		};

		if (weft_nl_put_u64s(skb, WEFT_A_DP_STATS, stats,
				     ARRAY_SIZE(stats), WEFT_DP_STATS_A_PAD))
			goto cancel;
	}
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int weft_nl_fill_port(struct sk_buff *skb, const struct weft_vport *vport,
			     u32 portid, u32 seq, int flags, u8 cmd,
			     struct netlink_callback *cb, int reason)
{
	const struct net_device *dev = vport->dev;
	struct weft_vport_stats st;
	struct nlattr *port;
	u32 state = 0;
	void *hdr;

	hdr = weft_nl_put_header(skb, portid, seq, flags, cmd, vport->dp);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		state |= WEFT_PORT_S_LINK_DOWN;
	weft_vport_get_stats(vport, &st);

	port = nla_nest_start(skb, WEFT_A_PORT);
	if (!port ||
	    nla_put_u32(skb, WEFT_PORT_A_NO, vport->port_no) ||
	    nla_put_string(skb, WEFT_PORT_A_NAME, dev->name) ||
	    nla_put_u32(skb, WEFT_PORT_A_TYPE, vport->type) ||
	    nla_put_u32(skb, WEFT_PORT_A_IFINDEX, dev->ifindex) ||
	    nla_put(skb, WEFT_PORT_A_ADDRESS, ETH_ALEN, dev->dev_addr) ||
	    nla_put_u32(skb, WEFT_PORT_A_MTU, dev->mtu) ||
	    nla_put_u32(skb, WEFT_PORT_A_STATE, state) ||
	    nla_put_u32(skb, WEFT_PORT_A_CONFIG, READ_ONCE(vport->config)) ||
	    (reason >= 0 && nla_put_u32(skb, WEFT_PORT_A_REASON, reason)))
		goto cancel;
	{
		const struct weft_nl_u64 stats[] = {
			{ WEFT_PORT_STATS_A_RX_PACKETS, st.rx_packets },
			{ WEFT_PORT_STATS_A_RX_BYTES, st.rx_bytes },
			{ WEFT_PORT_STATS_A_TX_PACKETS, st.tx_packets },
			{ WEFT_PORT_STATS_A_TX_BYTES, st.tx_bytes },
			{ WEFT_PORT_STATS_A_RX_DROPPED, st.rx_dropped },
			{ WEFT_PORT_STATS_A_TX_DROPPED, st.tx_dropped },
		};

		if (weft_nl_put_u64s(skb, WEFT_PORT_A_STATS, stats,
				     ARRAY_SIZE(stats), WEFT_PORT_STATS_A_PAD))
			goto cancel;
	}
	nla_nest_end(skb, port);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Tell the events group, and the requester if it asked for an echo.
 * Listeners that miss an event (allocation failure) see the socket error
 * from the multicast and must resynchronise with a dump, as with rtnetlink.
 */
static void weft_nl_notify(struct sk_buff *msg, struct genl_info *info,
			   struct net *net)
{
	if (info)
		genl_notify(&weft_genl_family, msg, info, 0, GFP_KERNEL);
	else
		genlmsg_multicast_netns(&weft_genl_family, net, msg, 0, 0,
					GFP_KERNEL);
}

static void weft_nl_notify_dp(const struct weft_dp *dp, u8 cmd,
			      struct genl_info *info)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return;
	if (weft_nl_fill_dp(msg, dp, info->snd_portid, info->snd_seq, 0, cmd,
			    NULL)) {
		nlmsg_free(msg);
		return;
	}
	weft_nl_notify(msg, info, dp->net);
}

static void weft_nl_notify_port(const struct weft_vport *vport, u8 cmd,
				struct genl_info *info, int reason)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return;
	if (weft_nl_fill_port(msg, vport, info ? info->snd_portid : 0,
			      info ? info->snd_seq : 0, 0, cmd, NULL, reason)) {
		nlmsg_free(msg);
		return;
	}
	weft_nl_notify(msg, info, vport->dp->net);
}

void weft_notify_port_gone(struct weft_vport *vport)
{
	weft_nl_notify_port(vport, WEFT_CMD_PORT_DEL, NULL,
			    WEFT_PORT_REASON_GONE);
}

/* The listener for packet-ins and its rate; a change takes effect now. */
static void weft_nl_set_upcall(struct weft_dp *dp, struct nlattr **attrs)
{
	struct weft_upcall *up = &dp->upcall;

	if (attrs[WEFT_A_DP_UPCALL_PID])
		WRITE_ONCE(up->portid, nla_get_u32(attrs[WEFT_A_DP_UPCALL_PID]));
	spin_lock_bh(&up->lock);
	if (attrs[WEFT_A_DP_UPCALL_RATE])
		up->rate = nla_get_u32(attrs[WEFT_A_DP_UPCALL_RATE]);
	if (attrs[WEFT_A_DP_UPCALL_BURST]) {
		up->burst = nla_get_u32(attrs[WEFT_A_DP_UPCALL_BURST]);
		up->tokens = min_t(u64, up->tokens,
				   (u64)up->burst * NSEC_PER_SEC);
	}
	spin_unlock_bh(&up->lock);
}

static int weft_nl_dp_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	struct weft_dp *dp;
	const char *name;
	int err;

	if (!attrs[WEFT_A_DP_NAME]) {
		GENL_SET_ERR_MSG(info, "WEFT_A_DP_NAME: missing");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, WEFT_A_DP_NAME);
		return -EINVAL;
	}
	name = nla_data(attrs[WEFT_A_DP_NAME]);
	if (!*name) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[WEFT_A_DP_NAME],
				    "WEFT_A_DP_NAME: empty");
		return -EINVAL;
	}
	if (attrs[WEFT_A_DP_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[WEFT_A_DP_IFINDEX],
				    "WEFT_A_DP_IFINDEX: cannot be chosen");
		return -EINVAL;
	}
	if (attrs[WEFT_A_DP_FLAGS] &&
	    nla_get_u32(attrs[WEFT_A_DP_FLAGS]) & ~WEFT_DP_F_ALL) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[WEFT_A_DP_FLAGS],
				    "WEFT_A_DP_FLAGS: unknown flags");
		return -EINVAL;
	}

	rtnl_lock();
	mutex_lock(&weft_mutex);
	if (weft_dp_lookup(net, name, 0)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[WEFT_A_DP_NAME],
				    "WEFT_A_DP_NAME: datapath exists");
		err = -EEXIST;
		goto out;
	}
	err = weft_dp_create(net, name, info->extack, &dp);
	if (!err) {
		weft_nl_set_upcall(dp, attrs);
		weft_nl_notify_dp(dp, WEFT_CMD_DP_NEW, info);
	}
out:
	mutex_unlock(&weft_mutex);
	rtnl_unlock();
	return err;
}

static int weft_nl_dp_del(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_dp *dp;
	int err = 0;

	rtnl_lock();
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	weft_nl_notify_dp(dp, WEFT_CMD_DP_DEL, info);
	weft_dp_destroy(dp);
out:
	mutex_unlock(&weft_mutex);
	rtnl_unlock();
	return err;
}

static int weft_nl_dp_set(struct sk_buff *skb, struct genl_info *info)
{
	struct weft_dp *dp;
	int err = 0;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	if (info->attrs[WEFT_A_DP_FLAGS]) {
		u32 flags = nla_get_u32(info->attrs[WEFT_A_DP_FLAGS]);

		if (flags & ~WEFT_DP_F_ALL) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[WEFT_A_DP_FLAGS],
					    "WEFT_A_DP_FLAGS: unknown flags");
			err = -EINVAL;
			goto out;
		}
		dp->flags = flags;
	}
	weft_nl_set_upcall(dp, info->attrs);
out:
	mutex_unlock(&weft_mutex);
	return err;
}

static int weft_nl_dp_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct weft_dp *dp;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto err;
	}
	err = weft_nl_fill_dp(msg, dp, info->snd_portid, info->snd_seq, 0,
			      WEFT_CMD_DP_GET, NULL);
	if (err)
		goto err;
	mutex_unlock(&weft_mutex);
	return genlmsg_reply(msg, info);
err:
	mutex_unlock(&weft_mutex);
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: how many datapaths of the namespace were already sent. */
static int weft_nl_dp_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct weft_net *wn = weft_net(sock_net(skb->sk));
	long skip = cb->args[0], i = 0;
	struct weft_dp *dp;

	mutex_lock(&weft_mutex);
	cb->seq = wn->dp_gen;
	list_for_each_entry(dp, &wn->dps, node) {
		if (i++ < skip)
			continue;
		if (weft_nl_fill_dp(skb, dp, NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI,
				    WEFT_CMD_DP_GET, cb)) {
			i--;
			break;
		}
	}
	mutex_unlock(&weft_mutex);
	cb->args[0] = i;
	return skb->len;
}

/* The port a PORT_DEL/GET names by number and/or name. */
static struct weft_vport *weft_nl_get_port(struct weft_dp *dp,
					   struct nlattr **pt,
					   struct netlink_ext_ack *extack)
{
	struct weft_vport *vport = NULL;

	if (!pt[WEFT_PORT_A_NO] && !pt[WEFT_PORT_A_NAME]) {
		NL_SET_ERR_MSG(extack,
			       "WEFT_PORT_A_NO: missing (or WEFT_PORT_A_NAME)");
		return ERR_PTR(-EINVAL);
	}
	if (pt[WEFT_PORT_A_NO]) {
		vport = weft_vport_lookup(dp, nla_get_u32(pt[WEFT_PORT_A_NO]));
		if (!vport) {
			NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_NO],
					    "WEFT_PORT_A_NO: no such port");
			return ERR_PTR(-ENOENT);
		}
	}
	if (pt[WEFT_PORT_A_NAME]) {
		const char *name = nla_data(pt[WEFT_PORT_A_NAME]);
		struct weft_vport *byname = weft_vport_lookup_name(dp, name);

		if (!byname || (vport && vport != byname)) {
			NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_NAME],
					    "WEFT_PORT_A_NAME: no such port");
			return ERR_PTR(-ENOENT);
		}
		vport = byname;
	}
	return vport;
}

/* The datapath's port a request names; weft_mutex held. */
static struct weft_vport *weft_nl_find_port(struct genl_info *info,
					    struct nlattr **pt)
{
	struct weft_dp *dp;

	lockdep_assert_held(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp))
		return ERR_CAST(dp);
	return weft_nl_get_port(dp, pt, info->extack);
}

static int weft_nl_parse_port(struct genl_info *info, struct nlattr **pt)
{
	return weft_nl_parse_nest(info, WEFT_A_PORT, WEFT_PORT_A_MAX,
				  weft_port_policy, pt, "WEFT_A_PORT: missing");
}

/*
 * The WEFT_PORT_A_CONFIG bits (0 if absent) and, from CONFIG_MASK, which
 * of them to apply (every settable one if absent).
 */
static int weft_nl_port_config(struct nlattr **pt,
			       struct netlink_ext_ack *extack,
			       u32 *config, u32 *mask)
{
	struct nlattr *bad = pt[WEFT_PORT_A_CONFIG];
	u32 bits;

	*config = bad ? nla_get_u32(bad) : 0;
	*mask = WEFT_PORT_C_SETTABLE;
	bits = *config;
	if (pt[WEFT_PORT_A_CONFIG_MASK]) {
		bad = pt[WEFT_PORT_A_CONFIG_MASK];
		if (!pt[WEFT_PORT_A_CONFIG]) {
			NL_SET_ERR_MSG_ATTR(extack, bad,
					    "WEFT_PORT_A_CONFIG_MASK: without WEFT_PORT_A_CONFIG");
			return -EINVAL;
		}
		/* As in OpenFlow's port_mod, bits outside the mask are ignored. */
		*mask = nla_get_u32(bad);
		bits = *mask;
	}
	if (bits & WEFT_PORT_C_DOWN) {
		NL_SET_ERR_MSG_ATTR(extack, bad,
				    "WEFT_PORT_A_CONFIG: DOWN is the netdev's admin state, set through rtnetlink");
		return -EINVAL;
	}
	if (bits & ~WEFT_PORT_C_SETTABLE) {
		NL_SET_ERR_MSG_ATTR(extack, bad,
				    "WEFT_PORT_A_CONFIG: unknown bits");
		return -EINVAL;
	}
	return 0;
}

static int weft_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PORT_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	u32 type = WEFT_PORT_TYPE_NETDEV, port_no = 0, config = 0, mask;
	struct weft_vport *vport;
	struct weft_dp *dp;
	const char *name;
	int err;

	err = weft_nl_parse_port(info, pt);
	if (err)
		return err;
	if (!pt[WEFT_PORT_A_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[WEFT_A_PORT],
				    "WEFT_PORT_A_NAME: missing");
		return -EINVAL;
	}
	name = nla_data(pt[WEFT_PORT_A_NAME]);
	if (!*name) {
		NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_NAME],
				    "WEFT_PORT_A_NAME: empty");
		return -EINVAL;
	}
	if (pt[WEFT_PORT_A_TYPE])
		type = nla_get_u32(pt[WEFT_PORT_A_TYPE]);
	if (type != WEFT_PORT_TYPE_NETDEV && type != WEFT_PORT_TYPE_INTERNAL) {
		NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_TYPE],
				    "WEFT_PORT_A_TYPE: only netdev and internal ports in this version");
		return type == WEFT_PORT_TYPE_UNSPEC ? -EINVAL : -EOPNOTSUPP;
	}
	if (pt[WEFT_PORT_A_NO]) {
		port_no = nla_get_u32(pt[WEFT_PORT_A_NO]);
		if (port_no < 1 || port_no > WEFT_PORT_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_NO],
					    "WEFT_PORT_A_NO: out of range 1..WEFT_PORT_MAX");
			return -EINVAL;
		}
	}
	if (pt[WEFT_PORT_A_OPTIONS]) {
		NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PORT_A_OPTIONS],
				    "WEFT_PORT_A_OPTIONS: tunnel options not supported in this version");
		return -EOPNOTSUPP;
	}
	err = weft_nl_port_config(pt, extack, &config, &mask);
	if (err)
		return err;

	rtnl_lock();
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	err = weft_vport_add(dp, name, type, port_no, config & mask, extack,
			     &vport);
	if (!err)
		weft_nl_notify_port(vport, WEFT_CMD_PORT_NEW, info, -1);
out:
	mutex_unlock(&weft_mutex);
	rtnl_unlock();
	return err;
}

static int weft_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PORT_A_MAX + 1];
	struct weft_vport *vport;
	int err;

	err = weft_nl_parse_port(info, pt);
	if (err)
		return err;
	rtnl_lock();
	mutex_lock(&weft_mutex);
	vport = weft_nl_find_port(info, pt);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto out;
	}
	if (vport == vport->dp->local) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    pt[WEFT_PORT_A_NO] ?: pt[WEFT_PORT_A_NAME],
				    "WEFT_PORT_A_NO: the local port goes only with its datapath");
		err = -EINVAL;
		goto out;
	}
	weft_nl_notify_port(vport, WEFT_CMD_PORT_DEL, info,
			    WEFT_PORT_REASON_DELETED);
	weft_vport_del(vport);
out:
	mutex_unlock(&weft_mutex);
	rtnl_unlock();
	return err;
}

static int weft_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PORT_A_MAX + 1];
	struct weft_vport *vport;
	struct sk_buff *msg;
	int err;

	err = weft_nl_parse_port(info, pt);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&weft_mutex);
	vport = weft_nl_find_port(info, pt);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto err;
	}
	err = weft_nl_fill_port(msg, vport, info->snd_portid, info->snd_seq,
				0, WEFT_CMD_PORT_GET, NULL, -1);
	if (err)
		goto err;
	mutex_unlock(&weft_mutex);
	return genlmsg_reply(msg, info);
err:
	mutex_unlock(&weft_mutex);
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: the next port number to send. */
static int weft_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long no = cb->args[0];
	struct weft_vport *vport;
	struct weft_dp *dp;
	int err = 0;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(sock_net(skb->sk), weft_dump_attrs(cb), cb->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	cb->seq = dp->port_gen;
	xa_for_each_start(&dp->ports, no, vport, no) {
		if (weft_nl_fill_port(skb, vport, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      WEFT_CMD_PORT_GET, cb, -1))
			break;
	}
	/* Past the last index (ULONG_MAX when the walk completed). */
	cb->args[0] = vport ? no : (unsigned long)WEFT_PORT_ANY + 1;
out:
	mutex_unlock(&weft_mutex);
	return err ?: skb->len;
}

static int weft_nl_unsupported(struct sk_buff *skb, struct genl_info *info)
{
	GENL_SET_ERR_MSG(info, "WEFT_CMD: command not supported in this version");
	return -EOPNOTSUPP;
}

static int weft_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PORT_A_MAX + 1];
	struct weft_vport *vport;
	u32 config, mask, old;
	int err;

	err = weft_nl_parse_port(info, pt);
	if (err)
		return err;
	if (!pt[WEFT_PORT_A_CONFIG]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_PORT],
				    "WEFT_PORT_A_CONFIG: missing");
		return -EINVAL;
	}
	if (pt[WEFT_PORT_A_TYPE] || pt[WEFT_PORT_A_OPTIONS]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    pt[WEFT_PORT_A_TYPE] ?: pt[WEFT_PORT_A_OPTIONS],
				    "WEFT_PORT_A_TYPE: cannot be changed");
		return -EINVAL;
	}
	err = weft_nl_port_config(pt, info->extack, &config, &mask);
	if (err)
		return err;

	mutex_lock(&weft_mutex);
	vport = weft_nl_find_port(info, pt);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto out;
	}
	old = vport->config;
	WRITE_ONCE(vport->config, (old & ~mask) | (config & mask));
	if (vport->config != old)
		weft_nl_notify_port(vport, WEFT_CMD_PORT_SET, info, -1);
out:
	mutex_unlock(&weft_mutex);
	return err;
}

#define WEFT_ADMIN GENL_UNS_ADMIN_PERM

static const struct genl_ops weft_genl_ops[] = {
	{ .cmd = WEFT_CMD_DP_NEW, .doit = weft_nl_dp_new, .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_DP_DEL, .doit = weft_nl_dp_del, .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_DP_GET, .doit = weft_nl_dp_get,
	  .dumpit = weft_nl_dp_dump },
	{ .cmd = WEFT_CMD_DP_SET, .doit = weft_nl_dp_set, .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_PORT_NEW, .doit = weft_nl_port_new,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_PORT_DEL, .doit = weft_nl_port_del,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_PORT_GET, .doit = weft_nl_port_get,
	  .dumpit = weft_nl_port_dump },
	{ .cmd = WEFT_CMD_PORT_SET, .doit = weft_nl_port_set,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_FLOW_NEW, .doit = weft_nl_flow_new,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_FLOW_DEL, .doit = weft_nl_flow_del,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_FLOW_GET, .doit = weft_nl_flow_get,
	  .dumpit = weft_nl_flow_dump },
	{ .cmd = WEFT_CMD_FLOW_SET, .doit = weft_nl_flow_set,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_FLOW_FLUSH, .doit = weft_nl_flow_flush,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_TABLE_GET, .doit = weft_nl_table_get,
	  .dumpit = weft_nl_table_dump },
	{ .cmd = WEFT_CMD_TABLE_SET, .doit = weft_nl_table_set,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_GROUP_NEW, .doit = weft_nl_group_new,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_GROUP_DEL, .doit = weft_nl_group_del,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_GROUP_GET, .doit = weft_nl_group_get,
	  .dumpit = weft_nl_group_dump },
	{ .cmd = WEFT_CMD_GROUP_SET, .doit = weft_nl_group_set,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_MIRROR_NEW, .doit = weft_nl_unsupported,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_MIRROR_DEL, .doit = weft_nl_unsupported,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_MIRROR_GET, .doit = weft_nl_unsupported },
	{ .cmd = WEFT_CMD_PACKET_OUT, .doit = weft_nl_packet_out,
	  .flags = WEFT_ADMIN },
	{ .cmd = WEFT_CMD_TRACE, .doit = weft_nl_trace },
	{ .cmd = WEFT_CMD_BUNDLE, .doit = weft_nl_bundle,
	  .flags = WEFT_ADMIN },
};

struct genl_family weft_genl_family __ro_after_init = {
	.name = WEFT_GENL_NAME,
	.version = WEFT_GENL_VERSION,
	.maxattr = WEFT_A_MAX,
	.policy = weft_policy,
	.netnsok = true,
	/*
	 * Every handler takes weft_mutex (and RTNL) itself, for only as long
	 * as it must: parsing and allocation run in parallel without genl_mutex.
	 */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = weft_genl_ops,
	.n_ops = ARRAY_SIZE(weft_genl_ops),
	/* Strict validation and reserved-field checks for every command. */
	.resv_start_op = WEFT_CMD_DP_NEW,
	.mcgrps = weft_mcgrps,
	.n_mcgrps = ARRAY_SIZE(weft_mcgrps),
};

int __init weft_genl_init(void)
{
	return genl_register_family(&weft_genl_family);
}

void weft_genl_uninit(void)
{
	genl_unregister_family(&weft_genl_family);
}
