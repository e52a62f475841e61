// SPDX-License-Identifier: GPL-2.0
/*
 * Datapaths: creation, lookup, statistics, and their end with their
 * network namespace.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "datapath.h"
#include "emc.h"
#include "megaflow.h"
#include "group.h"

unsigned int weft_net_id __read_mostly;

struct weft_net *weft_net(struct net *net)
{
	return net_generic(net, weft_net_id);
}

/* By name, by ifindex of the local port, or both (which must agree). */
struct weft_dp *weft_dp_lookup(struct net *net, const char *name,
			       int ifindex)
{
	struct weft_dp *dp;

	weft_assert_locked();
	list_for_each_entry(dp, &weft_net(net)->dps, node) {
		const struct net_device *dev = dp->local->dev;

		if (name && strcmp(dev->name, name))
			continue;
		if (ifindex && dev->ifindex != ifindex)
			continue;
		return dp;
	}
	return NULL;
}

void weft_dp_get_stats(const struct weft_dp *dp, struct weft_dp_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct weft_dp_pcpu_stats *s = per_cpu_ptr(dp->stats, cpu);
		struct weft_dp_stats v;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			v.lookups = u64_stats_read(&s->lookups);
			v.hits = u64_stats_read(&s->hits);
			v.misses = u64_stats_read(&s->misses);
			v.lost = u64_stats_read(&s->lost);
			v.upcalls = u64_stats_read(&s->upcalls);
			v.upcall_drop_rate = u64_stats_read(&s->upcall_drop_rate);
			v.upcall_drop_queue = u64_stats_read(&s->upcall_drop_queue);
			v.upcall_drop_no_listener =
				u64_stats_read(&s->upcall_drop_no_listener);
			v.upcall_drop_nomem = u64_stats_read(&s->upcall_drop_nomem);
			v.emc_hits = u64_stats_read(&s->emc_hits);
			v.emc_misses = u64_stats_read(&s->emc_misses);
			v.upcall_drop_port = u64_stats_read(&s->upcall_drop_port);
			v.mf_hits = u64_stats_read(&s->mf_hits);
			v.mf_misses = u64_stats_read(&s->mf_misses);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		st->lookups += v.lookups;
		st->hits += v.hits;
		st->misses += v.misses;
		st->lost += v.lost;
		st->upcalls += v.upcalls;
		st->upcall_drop_rate += v.upcall_drop_rate;
		st->upcall_drop_queue += v.upcall_drop_queue;
		st->upcall_drop_no_listener += v.upcall_drop_no_listener;
		st->upcall_drop_nomem += v.upcall_drop_nomem;
		st->emc_hits += v.emc_hits;
		st->emc_misses += v.emc_misses;
		st->upcall_drop_port += v.upcall_drop_port;
		st->mf_hits += v.mf_hits;
		st->mf_misses += v.mf_misses;
	}
}

u32 weft_dp_n_flows(const struct weft_dp *dp)
{
	return dp->cls.n_flows;
}

static void weft_dp_free(struct weft_dp *dp)
{
	weft_mf_free(dp);
	weft_emc_free(dp);
	free_percpu(dp->stats);
	kfree(dp);
	weft_obj_dec(WEFT_OBJ_DATAPATHS);
}

int weft_dp_create(struct net *net, const char *name,
		   struct netlink_ext_ack *extack, struct weft_dp **dpp)
{
	struct weft_net *wn = weft_net(net);
	struct weft_dp *dp;
	int err;

	ASSERT_RTNL();
	weft_assert_locked();

	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		return -ENOMEM;
	weft_obj_inc(WEFT_OBJ_DATAPATHS);
	dp->net = net;
	dp->port_gen = 1;
	xa_init_flags(&dp->ports, XA_FLAGS_ALLOC1);
	xa_init(&dp->groups);
	dp->group_gen = 1;
	weft_upcall_init(&dp->upcall);
	dp->stats = netdev_alloc_pcpu_stats(struct weft_dp_pcpu_stats);
	if (!dp->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	err = weft_emc_alloc(dp);
	if (err)
		goto err_free;
	err = weft_mf_alloc(dp);
	if (err)
		goto err_free;
	err = weft_cls_init(&dp->cls);
	if (err)
		goto err_free;

	err = weft_vport_add(dp, name, WEFT_PORT_TYPE_INTERNAL,
			     WEFT_PORT_LOCAL, 0, extack, &dp->local);
	if (err) {
		/* The port code speaks of the port; here it is the dp. */
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack,
				       "WEFT_A_DP_NAME: a device of that name exists");
		else if (err == -EINVAL)
			NL_SET_ERR_MSG(extack,
				       "WEFT_A_DP_NAME: not a valid device name");
		goto err_cls;
	}

	list_add_tail(&dp->node, &wn->dps);
	list_add_tail(&dp->all_node, &weft_all_dps);
	wn->dp_gen++;
	*dpp = dp;
	return 0;

err_cls:
	weft_cls_destroy(&dp->cls);
err_free:
	xa_destroy(&dp->ports);
	weft_dp_free(dp);
	return err;
}

/* Tear @dp down: ports first, so that no packet can reach it any more. */
void weft_dp_destroy(struct weft_dp *dp)
{
	struct weft_vport *vport;
	unsigned long no;

	ASSERT_RTNL();
	weft_assert_locked();

	list_del(&dp->node);
	list_del(&dp->all_node);
	weft_net(dp->net)->dp_gen++;
	xa_for_each(&dp->ports, no, vport)
		if (vport != dp->local)
			weft_vport_del(vport);
	weft_vport_del(dp->local);
	/* Packets already past a port may still be walking the flows. */
	synchronize_net();
	weft_cls_destroy(&dp->cls);
	weft_groups_destroy(dp);
	xa_destroy(&dp->ports);
	weft_dp_free(dp);
}

static int __net_init weft_net_init(struct net *net)
{
	struct weft_net *wn = weft_net(net);

	INIT_LIST_HEAD(&wn->dps);
	/* Dumps only detect a change once the generation is not zero. */
	wn->dp_gen = 1;
	return 0;
}

static void __net_exit weft_net_exit(struct net *net)
{
	struct weft_net *wn = weft_net(net);
	struct weft_dp *dp, *next;

	rtnl_lock();
	mutex_lock(&weft_mutex);
	list_for_each_entry_safe(dp, next, &wn->dps, node)
		weft_dp_destroy(dp);
	mutex_unlock(&weft_mutex);
	rtnl_unlock();
}

static struct pernet_operations weft_net_ops = {
	.init = weft_net_init,
	.exit = weft_net_exit,
	.id = &weft_net_id,
	.size = sizeof(struct weft_net),
};

int weft_dp_init(void)
{
	return register_pernet_device(&weft_net_ops);
}

/* Destroys every datapath left in every namespace. */
void weft_dp_uninit(void)
{
	unregister_pernet_device(&weft_net_ops);
}
