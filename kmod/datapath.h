/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Core objects of the weft datapath and the rules that protect them.
 *
 * Locking
 * -------
 * Configuration is serialised by weft_mutex.  Anything that also touches
 * netdevs (datapaths, ports) takes RTNL first, then weft_mutex; the netdev
 * notifier runs under RTNL and takes weft_mutex, so the order is always
 * RTNL -> weft_mutex.  Flow changes need only weft_mutex.
 *
 * The packet path takes no lock: it runs under rcu_read_lock() (softirq or
 * ndo_start_xmit) and reads ports, the flow classifier and action lists
 * through RCU.  Writers publish with rcu_assign_pointer() and free with
 * call_rcu()/kfree_rcu().
 */
#ifndef _WEFT_DATAPATH_H
#define _WEFT_DATAPATH_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>
#include <linux/xarray.h>
#include <linux/weft.h>

#include "flow.h"

extern struct mutex weft_mutex;
/* For deferred frees that must sleep; drained at module exit. */
extern struct workqueue_struct *weft_wq;
#define weft_assert_locked() lockdep_assert_held(&weft_mutex)
#define weft_deref(p) rcu_dereference_protected(p, lockdep_is_held(&weft_mutex))

/* Live object counts; every one must be zero when the module unloads. */
enum weft_obj {
	WEFT_OBJ_DATAPATHS,
	WEFT_OBJ_PORTS,
	WEFT_OBJ_FLOWS,
	WEFT_OBJ_ACTIONS,
	WEFT_OBJ_GROUPS,
	WEFT_OBJ_PREFIXES,
	WEFT_OBJ_MAX
};
extern atomic_t weft_objects[WEFT_OBJ_MAX];
#define weft_obj_inc(o) atomic_inc(&weft_objects[o])
#define weft_obj_dec(o) atomic_dec(&weft_objects[o])

struct weft_dp_pcpu_stats {
	u64_stats_t lookups;
	u64_stats_t hits;
	u64_stats_t misses;
	u64_stats_t lost;
	u64_stats_t upcalls;
	u64_stats_t upcall_drop_rate;
	u64_stats_t upcall_drop_queue;
	u64_stats_t upcall_drop_no_listener;
	u64_stats_t upcall_drop_nomem;
	u64_stats_t emc_hits;
	u64_stats_t emc_misses;
	u64_stats_t upcall_drop_port;
	u64_stats_t mf_hits;
	u64_stats_t mf_misses;
	struct u64_stats_sync syncp;
};

struct weft_dp_stats {
	u64 lookups, hits, misses, lost;
	u64 upcalls, upcall_drop_rate, upcall_drop_queue;
	u64 upcall_drop_no_listener, upcall_drop_nomem;
	u64 emc_hits, emc_misses;
	u64 upcall_drop_port;
	u64 mf_hits, mf_misses;
};

/* Packet-ins pass a token bucket: forwarding never waits on userspace. */
struct weft_upcall {
	u32 portid;			/* 0: no listener */
	u32 rate;			/* tokens per second */
	u32 burst;			/* bucket depth */
	spinlock_t lock;		/* tokens, last */
	u64 tokens;			/* packets * NSEC_PER_SEC */
	u64 last;			/* ktime ns of the last refill */
};

struct weft_vport;
struct weft_emc;
struct weft_mf;

struct weft_dp {
	struct list_head node;		/* in weft_net->dps, weft_mutex */
	struct list_head all_node;	/* in weft_all_dps, weft_mutex */
	struct net *net;
	struct weft_vport *local;	/* the datapath's own internal port */
	/* Port number -> struct weft_vport; RCU readers, weft_mutex writers. */
	struct xarray ports;
	u32 n_ports;
	u32 flags;
	u32 port_gen;			/* bumped on every port change */
	struct weft_classifier cls;
	/* Group id -> struct weft_group; RCU readers, weft_mutex writers. */
	struct xarray groups;
	u32 group_gen;
	struct weft_upcall upcall;
	struct weft_dp_pcpu_stats __percpu *stats;
	/* The exact-match cache (emc.h); NULL: none. */
	struct weft_emc * __percpu *emc;
	/* The megaflow cache (megaflow.h); NULL: none. */
	struct weft_mf * __percpu *mf;
	struct rcu_head rcu;
};

struct weft_vport_pcpu_stats {
	u64_stats_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64_stats_t rx_dropped, tx_dropped;
	struct u64_stats_sync syncp;
};

struct weft_vport_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes, rx_dropped, tx_dropped;
};

struct weft_vport {
	struct net_device *dev;		/* held (netdev_hold) while attached */
	netdevice_tracker dev_tracker;
	struct weft_dp *dp;
	u32 port_no;
	u32 type;			/* WEFT_PORT_TYPE_* */
	/*
	 * WEFT_PORT_C_*: written under weft_mutex, read locklessly on the
	 * packet path (a packet in flight sees the old or the new bits).
	 */
	u32 config;
	struct weft_vport_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

/* Per network namespace state. */
struct weft_net {
	struct list_head dps;		/* weft_mutex */
	u32 dp_gen;			/* bumped on every datapath change */
};

extern unsigned int weft_net_id;
struct weft_net *weft_net(struct net *net);

/* datapath.c */
int weft_dp_create(struct net *net, const char *name,
		   struct netlink_ext_ack *extack, struct weft_dp **dpp);
void weft_dp_destroy(struct weft_dp *dp);
struct weft_dp *weft_dp_lookup(struct net *net, const char *name,
			       int ifindex);
void weft_dp_get_stats(const struct weft_dp *dp, struct weft_dp_stats *st);
u32 weft_dp_n_flows(const struct weft_dp *dp);
void weft_dp_process(struct weft_vport *in, struct sk_buff *skb);
int weft_dp_init(void);
void weft_dp_uninit(void);

/* Count one packet in a datapath counter; BHs are off on the packet path. */
#define weft_dp_count_field(dp, f)					\
	do {								\
		struct weft_dp_pcpu_stats *__s = this_cpu_ptr((dp)->stats); \
									\
		u64_stats_update_begin(&__s->syncp);			\
		u64_stats_inc(&__s->f);					\
		u64_stats_update_end(&__s->syncp);			\
	} while (0)

/* vport.c */
int weft_vport_add(struct weft_dp *dp, const char *name, u32 type,
		   u32 port_no, u32 config, struct netlink_ext_ack *extack,
		   struct weft_vport **vportp);
void weft_vport_del(struct weft_vport *vport);
struct weft_vport *weft_vport_lookup(struct weft_dp *dp, u32 port_no);
struct weft_vport *weft_vport_lookup_name(struct weft_dp *dp,
					  const char *name);
void weft_vport_send(struct weft_vport *vport, struct sk_buff *skb);
void weft_vport_get_stats(const struct weft_vport *vport,
			  struct weft_vport_stats *st);
void weft_vport_count_rx_drop(struct weft_vport *vport);
void weft_vport_count_tx_drop(struct weft_vport *vport);
void weft_vport_receive(struct weft_vport *vport, struct sk_buff *skb);
int weft_vport_init(void);
void weft_vport_uninit(void);

/* internal_dev.c */
struct net_device *weft_internal_dev_create(struct net *net,
					    const char *name,
					    struct netlink_ext_ack *extack);
void weft_internal_dev_attach(struct net_device *dev,
			      struct weft_vport *vport);
void weft_internal_dev_destroy(struct net_device *dev);
bool weft_is_internal_dev(const struct net_device *dev);
struct weft_vport *weft_internal_dev_vport(const struct net_device *dev);
void weft_internal_dev_recv(struct sk_buff *skb);

/* netlink.c */
int weft_genl_init(void);
void weft_genl_uninit(void);
void weft_notify_port_gone(struct weft_vport *vport);

/* upcall.c */
struct weft_pctx;
void weft_upcall(struct weft_pctx *c, u8 reason, u16 max_len);
void weft_upcall_init(struct weft_upcall *up);
int weft_upcall_register(void);
void weft_upcall_unregister(void);

/* expiry.c */
extern struct list_head weft_all_dps;
void weft_expiry_kick(void);
void weft_expiry_stop(void);
void weft_flow_removed(struct weft_dp *dp, struct weft_flow *flow, u8 reason);

#endif /* _WEFT_DATAPATH_H */
