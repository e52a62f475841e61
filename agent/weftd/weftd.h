/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weftd's shared state: the one datapath it owns, its ports as OpenFlow
 * sees them, and the daemon-wide counters the control socket reports.
 */
#ifndef WEFTD_H
#define WEFTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/if.h>

#include "conf.h"
#include "loop.h"
#include "port.h"

struct weft_nl;

/* One port of the datapath, as OpenFlow describes it (ofp_port). */
struct weftd_port {
	uint32_t port_no;
	char name[IFNAMSIZ];
	uint8_t mac[6];
	uint32_t ifindex;
	uint32_t config;	/* OFPPC_*: PORT_DOWN from the netdev, the
				 * others the kernel's WEFT_PORT_C_* (same bits) */
	uint32_t state;		/* OFPPS_*: LINK_DOWN, LIVE */
	uint32_t curr_speed;	/* kbps, 0 if unknown */
	uint32_t curr;		/* OFPPF_* of the current speed */
	uint64_t added_ms;	/* when weftd first saw it */
};

/* Async messages weftd got from the kernel, and what became of them. */
struct weftd_counters {
	uint64_t packet_ins;		/* from the kernel */
	uint64_t packet_ins_sent;	/* copies sent to connections */
	uint64_t flow_removed;
	uint64_t port_status;
	uint64_t events_lost;		/* ENOBUFS on the event socket */
	uint64_t packet_ins_lost;	/* ENOBUFS on the packet-in socket */
	uint64_t flow_mods, flow_mod_errors;
	uint64_t nl_requests;
};

struct weftd_state {
	struct weftd_conf *conf;
	struct weft_nl *nl;		/* requests, answered in turn */
	struct weft_nl *ev;		/* events (multicast) */
	struct weftd_watch ev_watch;
	struct weft_nl *pin;		/* packet-ins (the dp's listener) */
	struct weftd_watch pin_watch;
	char dp[IFNAMSIZ];
	uint32_t dp_ifindex;
	uint64_t dpid;
	bool dp_created;		/* by us, this run */
	size_t n_ports, ports_cap;
	struct weftd_port *ports;	/* sorted by port_no */
	uint64_t generation_id;		/* role requests' */
	bool has_generation;
	uint64_t start_ms;
	struct weftd_counters counters;
};

extern struct weftd_state weftd;

/* dp.c: adopt or create the datapath, follow its events. */
int weftd_dp_init(struct weftd_conf *conf);
void weftd_dp_exit(void);
/* Describe the last netlink failure of @nl for a log line. */
const char *weftd_nl_strerror(struct weft_nl *nl, int err);

/* ports.c: the port table and the link monitor. */
int weftd_ports_init(void);
void weftd_ports_exit(void);
struct weftd_port *weftd_port_find(uint32_t port_no);
/* A netlink PORT_NEW/SET/DEL event or dump entry. */
void weftd_port_update(const struct weft_port_info *p, bool deleted);
/* Re-read every port (after lost events); reports differences. */
int weftd_ports_resync(void);
/* PORT_MOD's port_down: the netdev's admin state.  0 or -errno. */
#define WEFTD_OFPPC_PORT_DOWN	(1U << 0)
int weftd_port_set_down(struct weftd_port *p, bool down);
/*
 * PORT_MOD's other bits (WEFT_PORT_C_SETTABLE, numbered as OpenFlow's):
 * the kernel's port configuration.  0 or -errno.
 */
int weftd_port_set_config(struct weftd_port *p, uint32_t config,
			  uint32_t mask);

#endif /* WEFTD_H */
