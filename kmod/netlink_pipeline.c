// SPDX-License-Identifier: GPL-2.0
/*
 * Table, packet-out and trace commands of the "weft" family.
 */
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/weft.h>

#include "compat.h"
#include "datapath.h"
#include "flow_netlink.h"
#include "netlink.h"
#include "pipeline.h"


static int weft_nl_fill_table(struct sk_buff *skb, const struct weft_dp *dp,
			      struct weft_table *t, u8 id, u32 portid, u32 seq,
			      int flags, struct netlink_callback *cb)
{
	u64 lookups = 0, matches = 0;
	struct nlattr *nest;
	void *hdr;

	hdr = weft_nl_put_header(skb, portid, seq, flags, WEFT_CMD_TABLE_GET,
				 dp);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (t)
		weft_table_get_stats(t, &lookups, &matches);
	nest = nla_nest_start(skb, WEFT_A_TABLE);
	if (!nest ||
	    nla_put_u8(skb, WEFT_TABLE_A_ID, id) ||
	    nla_put_u32(skb, WEFT_TABLE_A_MISS,
			t ? t->miss : WEFT_TABLE_MISS_DROP) ||
	    nla_put_u16(skb, WEFT_TABLE_A_MISS_MAX_LEN,
			t ? t->miss_max_len : WEFT_CTRL_NO_BUFFER) ||
	    nla_put_u32(skb, WEFT_TABLE_A_N_FLOWS, t ? t->n_flows : 0) ||
	    nla_put_u64_64bit(skb, WEFT_TABLE_A_LOOKUPS, lookups,
			      WEFT_TABLE_A_PAD) ||
	    nla_put_u64_64bit(skb, WEFT_TABLE_A_MATCHES, matches,
			      WEFT_TABLE_A_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

static int weft_nl_parse_table(struct genl_info *info, struct nlattr **tt)
{
	int err;

	err = weft_nl_parse_nest(info, WEFT_A_TABLE, WEFT_TABLE_A_MAX,
				 weft_table_policy, tt, "WEFT_A_TABLE: missing");
	if (err)
		return err;
	if (!tt[WEFT_TABLE_A_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_TABLE],
				    "WEFT_TABLE_A_ID: missing");
		return -EINVAL;
	}
	return 0;
}

int weft_nl_table_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tt[WEFT_TABLE_A_MAX + 1];
	struct sk_buff *msg;
	struct weft_dp *dp;
	u8 id;
	int err;

	err = weft_nl_parse_table(info, tt);
	if (err)
		return err;
	id = nla_get_u8(tt[WEFT_TABLE_A_ID]);
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto err;
	}
	err = weft_nl_fill_table(msg, dp, weft_cls_table(&dp->cls, id), id,
				 info->snd_portid, info->snd_seq, 0, NULL);
	if (err)
		goto err;
	mutex_unlock(&weft_mutex);
	return genlmsg_reply(msg, info);
err:
	mutex_unlock(&weft_mutex);
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: the next table id.  Every table, used or not. */
int weft_nl_table_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long id = cb->args[0];
	struct weft_dp *dp;
	int err = 0;

	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(sock_net(skb->sk), weft_dump_attrs(cb), cb->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	for (; id <= WEFT_TABLE_MAX; id++)
		if (weft_nl_fill_table(skb, dp, weft_cls_table(&dp->cls, id),
				       id, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, NLM_F_MULTI, cb))
			break;
	cb->args[0] = id;
out:
	mutex_unlock(&weft_mutex);
	return err ?: skb->len;
}

int weft_nl_table_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tt[WEFT_TABLE_A_MAX + 1];
	struct weft_table *t;
	struct weft_dp *dp;
	int err;

	err = weft_nl_parse_table(info, tt);
	if (err)
		return err;
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	t = weft_cls_table_get(&dp->cls, nla_get_u8(tt[WEFT_TABLE_A_ID]));
	if (!t) {
		err = -ENOMEM;
		goto out;
	}
	/* Readers see either value; each is a complete decision. */
	if (tt[WEFT_TABLE_A_MISS])
		WRITE_ONCE(t->miss, nla_get_u32(tt[WEFT_TABLE_A_MISS]));
	if (tt[WEFT_TABLE_A_MISS_MAX_LEN])
		WRITE_ONCE(t->miss_max_len,
			   nla_get_u16(tt[WEFT_TABLE_A_MISS_MAX_LEN]));
	/* Cached walks went on past misses of this table: not any more. */
	weft_cls_changed(&dp->cls);
out:
	mutex_unlock(&weft_mutex);
	return err;
}

static int weft_nl_parse_packet(struct genl_info *info, struct nlattr **pt)
{
	return weft_nl_parse_nest(info, WEFT_A_PACKET, WEFT_PACKET_A_MAX,
				  weft_packet_policy, pt, "WEFT_A_PACKET: missing");
}

/* An skb holding the frame in WEFT_PACKET_A_DATA, as if just received. */
static struct sk_buff *weft_nl_packet_skb(struct weft_dp *dp,
					  const struct nlattr *data,
					  struct netlink_ext_ack *extack)
{
	unsigned int len = nla_len(data);
	struct sk_buff *skb;

	if (len < ETH_HLEN) {
		NL_SET_ERR_MSG_ATTR(extack, data,
				    "WEFT_PACKET_A_DATA: shorter than an Ethernet header");
		return ERR_PTR(-EINVAL);
	}
	skb = netdev_alloc_skb_ip_align(dp->local->dev, len);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	skb_put_data(skb, nla_data(data), len);
	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	return skb;
}

static int weft_nl_in_port(struct weft_dp *dp, struct nlattr **pt,
			   u32 *in_port, struct netlink_ext_ack *extack)
{
	*in_port = pt[WEFT_PACKET_A_IN_PORT] ?
		   nla_get_u32(pt[WEFT_PACKET_A_IN_PORT]) : WEFT_PORT_CONTROLLER;
	if (*in_port == WEFT_PORT_CONTROLLER || weft_vport_lookup(dp, *in_port))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, pt[WEFT_PACKET_A_IN_PORT],
			    "WEFT_PACKET_A_IN_PORT: no such port");
	return -EINVAL;
}

int weft_nl_packet_out(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PACKET_A_MAX + 1];
	struct weft_act_ctx ctx = { .packet_out = true };
	struct weft_insts *acts = NULL;
	struct weft_pctx c = {};
	struct sk_buff *pkt;
	struct weft_dp *dp;
	u32 in_port;
	int err;

	err = weft_nl_parse_packet(info, pt);
	if (err)
		return err;
	if (!pt[WEFT_PACKET_A_DATA]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[WEFT_A_PACKET],
				    "WEFT_PACKET_A_DATA: missing");
		return -EINVAL;
	}
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	err = weft_nl_in_port(dp, pt, &in_port, info->extack);
	if (err)
		goto out;
	ctx.dp = dp;
	err = weft_actions_from_nlattr(pt[WEFT_PACKET_A_ACTIONS], &ctx, &acts,
				       info->extack);
	if (err)
		goto out;
	pkt = weft_nl_packet_skb(dp, pt[WEFT_PACKET_A_DATA], info->extack);
	if (IS_ERR(pkt)) {
		err = PTR_ERR(pkt);
		goto out;
	}
	c.dp = dp;
	c.skb = pkt;
	weft_key_extract(pkt, in_port, &c.key);
	/* The packet path runs with BHs off under RCU; so must this. */
	rcu_read_lock();
	local_bh_disable();
	weft_actions_run(&c, acts);
	local_bh_enable();
	rcu_read_unlock();
out:
	mutex_unlock(&weft_mutex);
	weft_insts_free(acts);
	return err;
}

static int weft_nl_put_trace(struct sk_buff *msg, const struct weft_dp *dp,
			     const struct weft_pctx *c)
{
	const struct weft_trace *t = c->trace;
	struct weft_action set[WEFT_ACTION_KINDS + WEFT_ASET_SF_MAX];
	struct nlattr *nest, *step, *outs;
	unsigned int i, k, n = 0;

	nest = nla_nest_start(msg, WEFT_A_TRACE);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < t->n_steps; i++) {
		step = nla_nest_start(msg, WEFT_TRACE_A_STEP);
		if (!step || nla_put_u8(msg, WEFT_STEP_A_TABLE, t->step[i].table))
			return -EMSGSIZE;
		if (t->step[i].flow) {
			if (weft_nl_fill_flow(msg, dp, t->step[i].flow, 0, 0, 0,
					      0, NULL, -1))
				return -EMSGSIZE;
		} else if (nla_put_u32(msg, WEFT_STEP_A_MISS, t->step[i].miss)) {
			return -EMSGSIZE;
		}
		nla_nest_end(msg, step);
	}
	if (weft_key_to_nlattr(msg, WEFT_TRACE_A_KEY, &c->key, false))
		return -EMSGSIZE;

	/* The action set in the order it ran. */
	for (k = 0; k < WEFT_ACTION_KINDS; k++) {
		if (k == WEFT_ACTION_SET_FIELD) {
			for (i = 0; i < t->aset.n_sf; i++)
				set[n++] = *t->aset.sf[i];
		} else if (weft_aset_get(&t->aset, k)) {
			set[n++] = *weft_aset_get(&t->aset, k);
		}
	}
	if (weft_actions_to_nlattr(msg, WEFT_TRACE_A_ACTION_SET, set, n))
		return -EMSGSIZE;

	outs = nla_nest_start(msg, WEFT_TRACE_A_OUTPUTS);
	if (!outs)
		return -EMSGSIZE;
	for (i = 0; i < t->n_out; i++)
		if (nla_put_u32(msg, WEFT_TRACE_A_OUTPUT, t->out[i]))
			return -EMSGSIZE;
	nla_nest_end(msg, outs);
	if (t->dropped && nla_put_flag(msg, WEFT_TRACE_A_DROPPED))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int weft_nl_trace(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pt[WEFT_PACKET_A_MAX + 1];
	struct weft_trace *trace;
	struct sk_buff *msg = NULL, *pkt = NULL;
	struct weft_pctx c = {};
	struct weft_dp *dp;
	struct nlattr *top;
	u32 in_port;
	void *hdr;
	int err;

	err = weft_nl_parse_packet(info, pt);
	if (err)
		return err;
	trace = kzalloc(sizeof(*trace), GFP_KERNEL);
	/* 64 steps of large flows: size for the worst case, it is brief. */
	msg = genlmsg_new(U16_MAX, GFP_KERNEL);
	if (!trace || !msg) {
		err = -ENOMEM;
		goto out_free;
	}
	mutex_lock(&weft_mutex);
	dp = weft_nl_get_dp(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dp)) {
		err = PTR_ERR(dp);
		goto out;
	}
	c.dp = dp;
	c.trace = trace;
	if (pt[WEFT_PACKET_A_DATA]) {
		err = weft_nl_in_port(dp, pt, &in_port, info->extack);
		if (err)
			goto out;
		pkt = weft_nl_packet_skb(dp, pt[WEFT_PACKET_A_DATA],
					 info->extack);
		if (IS_ERR(pkt)) {
			err = PTR_ERR(pkt);
			pkt = NULL;
			goto out;
		}
		weft_key_extract(pkt, in_port, &c.key);
	} else {
		err = weft_key_from_nlattr(pt[WEFT_PACKET_A_KEY], &c.key,
					   info->extack);
		if (err)
			goto out;
		c.key.in_phy_port = c.key.in_port;
	}
	/* A trace edits only the key: the skb, if any, is left alone. */
	rcu_read_lock();
	local_bh_disable();
	weft_pipeline_run(&c, 0);
	local_bh_enable();
	rcu_read_unlock();

	err = -EMSGSIZE;
	hdr = weft_nl_put_header(msg, info->snd_portid, info->snd_seq, 0,
				 WEFT_CMD_TRACE, dp);
	if (!hdr)
		goto out;
	top = (struct nlattr *)skb_tail_pointer(msg);
	if (weft_nl_put_trace(msg, dp, &c)) {
		nlmsg_trim(msg, top);
		genlmsg_cancel(msg, hdr);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = 0;
out:
	mutex_unlock(&weft_mutex);
	kfree_skb(pkt);
	kfree(trace);
	if (!err)
		return genlmsg_reply(msg, info);
	nlmsg_free(msg);
	return err;
out_free:
	kfree(trace);
	nlmsg_free(msg);
	return err;
}
