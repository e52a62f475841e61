// SPDX-License-Identifier: GPL-2.0
/*
 * The datapath's ports as OpenFlow sees them.  The kernel tells of ports
 * added and removed (weft events); whether a port's netdev is up and has
 * carrier is rtnetlink's to tell, followed through libnl-route.  Any
 * change a controller should know of becomes a PORT_STATUS.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <linux/weft.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <libmnl/libmnl.h>

#include "log.h"
#include "nl.h"
#include "ofp.h"
#include "weftd.h"

/* ofp_port_config, ofp_port_state and ofp_port_features bits we set. */
#define OFPPC_PORT_DOWN		(1U << 0)
#define OFPPS_LINK_DOWN		(1U << 0)
#define OFPPS_LIVE		(1U << 2)
#define OFPPF_10MB_FD		(1U << 1)
#define OFPPF_100MB_FD		(1U << 3)
#define OFPPF_1GB_FD		(1U << 5)
#define OFPPF_10GB_FD		(1U << 6)
#define OFPPF_40GB_FD		(1U << 7)
#define OFPPF_100GB_FD		(1U << 8)
#define OFPPF_COPPER		(1U << 11)

static struct nl_sock *rt_mon;		/* RTNLGRP_LINK notifications */
static struct nl_sock *rt_req;		/* queries */
static struct weftd_watch rt_watch;
static int ethtool_fd = -1;

struct weftd_port *weftd_port_find(uint32_t port_no)
{
	size_t lo = 0, hi = weftd.n_ports;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (weftd.ports[mid].port_no == port_no)
			return &weftd.ports[mid];
		if (weftd.ports[mid].port_no < port_no)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct weftd_port *port_find_ifindex(uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < weftd.n_ports; i++)
		if (weftd.ports[i].ifindex == ifindex)
			return &weftd.ports[i];
	return NULL;
}

/* The link's speed through ethtool, as OpenFlow's kbps and feature bit. */
static void port_speed(struct weftd_port *p)
{
	struct ethtool_cmd ecmd = { .cmd = ETHTOOL_GSET };
	struct ifreq ifr = { 0 };
	uint32_t mbps;

	p->curr_speed = 0;
	p->curr = 0;
	if (ethtool_fd < 0)
		return;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->name);
	ifr.ifr_data = (void *)&ecmd;
	if (ioctl(ethtool_fd, SIOCETHTOOL, &ifr) < 0)
		return;
	mbps = ethtool_cmd_speed(&ecmd);
	if (!mbps || mbps == (uint32_t)SPEED_UNKNOWN)
		return;
	p->curr_speed = mbps * 1000;
	p->curr = OFPPF_COPPER;
	if (mbps >= 100000)
		p->curr |= OFPPF_100GB_FD;
	else if (mbps >= 40000)
		p->curr |= OFPPF_40GB_FD;
	else if (mbps >= 10000)
		p->curr |= OFPPF_10GB_FD;
	else if (mbps >= 1000)
		p->curr |= OFPPF_1GB_FD;
	else if (mbps >= 100)
		p->curr |= OFPPF_100MB_FD;
	else
		p->curr |= OFPPF_10MB_FD;
}

/* Config and state from the netdev's flags; true if they changed. */
static bool port_apply_link(struct weftd_port *p, unsigned int flags,
			    bool carrier)
{
	uint32_t config = p->config & ~OFPPC_PORT_DOWN;
	uint32_t state = 0;

	if (!(flags & IFF_UP))
		config |= OFPPC_PORT_DOWN;
	if (!(flags & IFF_UP) || !carrier)
		state |= OFPPS_LINK_DOWN;
	else
		state |= OFPPS_LIVE;
	if (config == p->config && state == p->state)
		return false;
	p->config = config;
	p->state = state;
	return true;
}

static void port_read_link(struct weftd_port *p)
{
	struct rtnl_link *link = NULL;

	if (!rt_req || rtnl_link_get_kernel(rt_req, p->ifindex, NULL, &link))
		return;
	port_apply_link(p, rtnl_link_get_flags(link),
			rtnl_link_get_carrier(link));
	rtnl_link_put(link);
}

static struct weftd_port *port_insert(uint32_t port_no)
{
	struct weftd_port *p;
	size_t i;

	if (weftd.n_ports == weftd.ports_cap) {
		size_t cap = weftd.ports_cap ? weftd.ports_cap * 2 : 16;

		p = realloc(weftd.ports, cap * sizeof(*p));
		if (!p)
			return NULL;
		weftd.ports = p;
		weftd.ports_cap = cap;
	}
	for (i = 0; i < weftd.n_ports && weftd.ports[i].port_no < port_no; i++)
		;
	memmove(&weftd.ports[i + 1], &weftd.ports[i],
		(weftd.n_ports - i) * sizeof(*p));
	weftd.n_ports++;
	p = &weftd.ports[i];
	memset(p, 0, sizeof(*p));
	p->port_no = port_no;
	p->added_ms = weftd_now_ms();
	return p;
}

static void port_remove(struct weftd_port *p)
{
	size_t i = p - weftd.ports;

	memmove(p, p + 1, (weftd.n_ports - i - 1) * sizeof(*p));
	weftd.n_ports--;
}

void weftd_port_update(const struct weft_port_info *info, bool deleted)
{
	struct weftd_port *p = weftd_port_find(info->port_no);
	struct weftd_port gone;
	bool added = false;
	uint32_t config;

	if (deleted) {
		if (!p)
			return;
		gone = *p;
		port_remove(p);
		weftd_info("port %u (%s) removed", gone.port_no, gone.name);
		weftd_ofp_port_status(WEFTD_PORT_DELETE, &gone);
		return;
	}
	if (!p) {
		p = port_insert(info->port_no);
		if (!p)
			return;
		added = true;
	}
	snprintf(p->name, sizeof(p->name), "%s", info->name);
	memcpy(p->mac, info->address, sizeof(p->mac));
	p->ifindex = info->ifindex;
	config = p->config;
	p->config = (p->config & OFPPC_PORT_DOWN) |
		    (info->config & WEFT_PORT_C_SETTABLE);
	port_speed(p);
	port_apply_link(p, info->state & WEFT_PORT_S_LINK_DOWN ? 0 : IFF_UP,
			!(info->state & WEFT_PORT_S_LINK_DOWN));
	port_read_link(p);
	if (added) {
		weftd_info("port %u (%s) added", p->port_no, p->name);
		weftd_ofp_port_status(WEFTD_PORT_ADD, p);
	} else if ((config ^ p->config) & WEFT_PORT_C_SETTABLE) {
		weftd_info("port %u (%s): config 0x%x", p->port_no, p->name,
			   p->config);
		weftd_ofp_port_status(WEFTD_PORT_MODIFY, p);
	}
}

/* Ports seen by a resync's dump: a bit per port number (LOCAL last). */
#define SEEN_BITS	0x10000
static unsigned int seen_bit(uint32_t port_no)
{
	return port_no == WEFT_PORT_LOCAL ? SEEN_BITS - 1 : port_no & 0xffff;
}

static int port_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_port_info info;
	uint8_t *seen = data;
	struct weftd_port *p;
	unsigned int bit;

	if (weft_port_msg_parse(nlh, &info))
		return 0;
	p = weftd_port_find(info.port_no);
	if (p && strcmp(p->name, info.name))
		/* Same number, another netdev: a delete and an add. */
		weftd_port_update(&info, true);
	weftd_port_update(&info, false);
	bit = seen_bit(info.port_no);
	seen[bit / 8] |= 1U << (bit % 8);
	return 0;
}

int weftd_ports_resync(void)
{
	struct nlmsghdr *nlh;
	uint8_t *seen;
	size_t i;
	int err;

	seen = calloc(SEEN_BITS / 8, 1);
	if (!seen)
		return -ENOMEM;
	nlh = weft_nl_req(weftd.nl, WEFT_CMD_PORT_GET, 0);
	mnl_attr_put_strz_check(nlh, WEFT_NL_REQ_SIZE, WEFT_A_DP_NAME, weftd.dp);
	err = weft_nl_dump(weftd.nl, nlh, port_dump_cb, seen);
	if (err) {
		free(seen);
		weftd_err("cannot list the ports of %s: %s", weftd.dp,
			  weftd_nl_strerror(weftd.nl, err));
		return err;
	}
	/* Ports the dump did not show are gone. */
	for (i = weftd.n_ports; i-- > 0;) {
		unsigned int bit = seen_bit(weftd.ports[i].port_no);

		if (!(seen[bit / 8] & (1U << (bit % 8)))) {
			struct weft_port_info info = {
				.port_no = weftd.ports[i].port_no,
			};

			weftd_port_update(&info, true);
		}
	}
	free(seen);
	return 0;
}

int weftd_port_set_down(struct weftd_port *p, bool down)
{
	struct rtnl_link *orig, *change;
	int err;

	orig = rtnl_link_alloc();
	change = rtnl_link_alloc();
	if (!orig || !change) {
		err = -ENOMEM;
		goto out;
	}
	rtnl_link_set_ifindex(orig, p->ifindex);
	if (down)
		rtnl_link_unset_flags(change, IFF_UP);
	else
		rtnl_link_set_flags(change, IFF_UP);
	/* The RTNLGRP_LINK event that follows sends the PORT_STATUS. */
	err = rtnl_link_change(rt_req, orig, change, 0);
	if (err) {
		weftd_warn("port %u (%s): cannot set %s: %s", p->port_no,
			   p->name, down ? "down" : "up", nl_geterror(err));
		err = -EPERM;
	}
out:
	if (orig)
		rtnl_link_put(orig);
	if (change)
		rtnl_link_put(change);
	return err;
}

int weftd_port_set_config(struct weftd_port *p, uint32_t config,
			  uint32_t mask)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int err;

	nlh = weft_nl_req(weftd.nl, WEFT_CMD_PORT_SET, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, p->port_no);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_CONFIG, config & mask);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_CONFIG_MASK, mask);
	mnl_attr_nest_end(nlh, nest);
	/* The kernel's PORT_SET event that follows sends the PORT_STATUS. */
	err = weft_nl_do(weftd.nl, nlh, NULL, NULL);
	if (err)
		weftd_warn("port %u (%s): cannot set config 0x%x/0x%x: %s",
			   p->port_no, p->name, config, mask,
			   weftd_nl_strerror(weftd.nl, err));
	return err;
}

static void link_obj_cb(struct nl_object *obj, void *arg)
{
	struct rtnl_link *link = (struct rtnl_link *)obj;
	struct weftd_port *p;

	(void)arg;
	p = port_find_ifindex(rtnl_link_get_ifindex(link));
	if (!p)
		return;
	if (port_apply_link(p, rtnl_link_get_flags(link),
			    rtnl_link_get_carrier(link))) {
		weftd_info("port %u (%s): %s, %s", p->port_no, p->name,
			   p->config & OFPPC_PORT_DOWN ? "down" : "up",
			   p->state & OFPPS_LINK_DOWN ? "no link" : "link");
		weftd_ofp_port_status(WEFTD_PORT_MODIFY, p);
	}
}

static int link_msg_cb(struct nl_msg *msg, void *arg)
{
	/* RTM_DELLINK of a port comes with weft's own PORT_DEL. */
	if (nlmsg_hdr(msg)->nlmsg_type == RTM_NEWLINK)
		nl_msg_parse(msg, link_obj_cb, arg);
	return NL_OK;
}

static void rt_event(struct weftd_watch *w, uint32_t events)
{
	int err;

	(void)w;
	(void)events;
	err = nl_recvmsgs_default(rt_mon);
	if (err == -NLE_NOMEM) {
		weftd_warn("link events lost: re-reading port states");
		for (size_t i = 0; i < weftd.n_ports; i++)
			port_read_link(&weftd.ports[i]);
	}
}

int weftd_ports_init(void)
{
	int err;

	ethtool_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	rt_req = nl_socket_alloc();
	rt_mon = nl_socket_alloc();
	if (!rt_req || !rt_mon || nl_connect(rt_req, NETLINK_ROUTE)) {
		weftd_err("cannot open rtnetlink");
		return -1;
	}
	nl_socket_disable_seq_check(rt_mon);
	nl_socket_modify_cb(rt_mon, NL_CB_VALID, NL_CB_CUSTOM, link_msg_cb,
			    NULL);
	if (nl_connect(rt_mon, NETLINK_ROUTE) ||
	    nl_socket_add_membership(rt_mon, RTNLGRP_LINK) ||
	    nl_socket_set_nonblocking(rt_mon)) {
		weftd_err("cannot follow link events");
		return -1;
	}
	err = weftd_watch_add(&rt_watch, nl_socket_get_fd(rt_mon), EPOLLIN,
			      rt_event);
	if (err)
		return -1;
	return weftd_ports_resync() ? -1 : 0;
}

void weftd_ports_exit(void)
{
	weftd_watch_del(&rt_watch);
	if (rt_mon)
		nl_socket_free(rt_mon);
	if (rt_req)
		nl_socket_free(rt_req);
	rt_mon = rt_req = NULL;
	if (ethtool_fd >= 0)
		close(ethtool_fd);
	ethtool_fd = -1;
	free(weftd.ports);
	weftd.ports = NULL;
	weftd.n_ports = weftd.ports_cap = 0;
}
