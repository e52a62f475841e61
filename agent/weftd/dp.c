// SPDX-License-Identifier: GPL-2.0
/*
 * The datapath weftd owns.  It is adopted when it exists, so that a
 * restart of weftd leaves the flows in the kernel forwarding: nothing is
 * flushed, and controllers reconcile through flow stats as they would
 * with any switch that kept its tables.  Only a missing datapath is
 * created.
 *
 * Three netlink sockets: one for requests, answered in turn (the kernel
 * answers in microseconds, so the loop waits for it), one in the events
 * group and one that is the datapath's packet-in listener, both polled by
 * the loop.  Keeping them apart means a reply is never queued behind a
 * storm of packet-ins, nor an event lost to one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/weft.h>
#include <libmnl/libmnl.h>

#include "attrs.h"
#include "dp.h"
#include "log.h"
#include "match.h"
#include "nl.h"
#include "ofp.h"
#include "packet.h"
#include "weftd.h"

/* About a hundred packet-ins (the kernel counts buffer space doubled). */
#define WEFTD_PACKET_IN_RCVBUF	(128 << 10)

struct weftd_state weftd;

const char *weftd_nl_strerror(struct weft_nl *nl, int err)
{
	static char buf[512];

	weft_nl_strerror(nl, err, buf, sizeof(buf));
	return buf;
}

static int dp_info_cb(const struct nlmsghdr *nlh, void *data)
{
	return weft_dp_msg_parse(nlh, data);
}

static int dp_get(struct weft_dp_info *info)
{
	struct nlmsghdr *nlh = weft_nl_req(weftd.nl, WEFT_CMD_DP_GET, 0);

	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, weftd.dp);
	return weft_nl_do(weftd.nl, nlh, dp_info_cb, info);
}

static int dp_create(void)
{
	struct nlmsghdr *nlh = weft_nl_req(weftd.nl, WEFT_CMD_DP_NEW, 0);

	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, weftd.dp);
	return weft_nl_do(weftd.nl, nlh, NULL, NULL);
}

/* Make the packet-in socket the listener, with the rate wanted. */
static int dp_listen(void)
{
	struct weft_dp_set set = {
		.has_pid = true,
		.upcall_pid = weft_nl_portid(weftd.pin),
	};
	struct nlmsghdr *nlh;

	if (weftd.conf->upcall_rate) {
		set.has_rate = true;
		set.upcall_rate = weftd.conf->upcall_rate;
	}
	if (weftd.conf->upcall_burst) {
		set.has_burst = true;
		set.upcall_burst = weftd.conf->upcall_burst;
	}
	nlh = weft_nl_req(weftd.nl, WEFT_CMD_DP_SET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, weftd.dp);
	weft_dp_set_put(nlh, WEFT_NL_REQ_SIZE, &set);
	return weft_nl_do(weftd.nl, nlh, NULL, NULL);
}

/* The genl header's command, for routing notifications. */
static uint8_t genl_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);

	return g->cmd;
}

/* Whether an event is about our datapath (events are per namespace). */
static bool event_is_ours(const char *dp_name)
{
	return !dp_name[0] || !strcmp(dp_name, weftd.dp);
}

/* The same for a message whose parser does not report the datapath. */
static bool msg_is_ours(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];

	if (weft_attr_parse_msg(nlh, tb))
		return false;
	if (tb[WEFT_A_DP_IFINDEX])
		return mnl_attr_get_u32(tb[WEFT_A_DP_IFINDEX]) ==
		       weftd.dp_ifindex;
	return !tb[WEFT_A_DP_NAME] ||
	       !strcmp(mnl_attr_get_str(tb[WEFT_A_DP_NAME]), weftd.dp);
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_packet_in pi;
	struct weft_port_info port;
	struct weft_flow flow;
	struct weft_dp_info info;

	(void)data;
	if (nlh->nlmsg_type != weft_nl_family(weftd.ev))
		return 0;
	switch (genl_cmd(nlh)) {
	case WEFT_CMD_PACKET_IN:
		if (weft_packet_in_parse(nlh, &pi) || !event_is_ours(pi.dp_name))
			return 0;
		weftd.counters.packet_ins++;
		weftd_ofp_packet_in(&pi);
		break;
	case WEFT_CMD_FLOW_REMOVED:
		/* Flow events carry the datapath only at top level. */
		if (weft_flow_msg_parse(nlh, &flow))
			return 0;
		if (!msg_is_ours(nlh))
			return 0;
		weftd.counters.flow_removed++;
		weftd_ofp_flow_removed(&flow);
		break;
	case WEFT_CMD_PORT_NEW:
	case WEFT_CMD_PORT_SET:
	case WEFT_CMD_PORT_DEL:
		if (weft_port_msg_parse(nlh, &port) ||
		    !event_is_ours(port.dp_name))
			return 0;
		weftd_port_update(&port, genl_cmd(nlh) == WEFT_CMD_PORT_DEL);
		break;
	case WEFT_CMD_DP_DEL:
		if (weft_dp_msg_parse(nlh, &info) || strcmp(info.name, weftd.dp))
			return 0;
		weftd_err("datapath %s was deleted: exiting", weftd.dp);
		weftd_loop_stop();
		break;
	}
	return 0;
}

static void ev_event(struct weftd_watch *w, uint32_t events)
{
	int err;

	(void)w;
	(void)events;
	err = weft_nl_recv_notify(weftd.ev, event_cb, NULL);
	if (err == -ENOBUFS) {
		/* Port events may be among the lost: re-read the ports. */
		weftd.counters.events_lost++;
		weftd_warn("kernel events lost (socket buffer full): resyncing ports");
		weftd_ports_resync();
	} else if (err && err != -EINTR && err != -EAGAIN) {
		weftd_err("event socket: %s", strerror(-err));
	}
}

static void pin_event(struct weftd_watch *w, uint32_t events)
{
	int err;

	(void)w;
	(void)events;
	err = weft_nl_recv_notify(weftd.pin, event_cb, NULL);
	if (err == -ENOBUFS)
		weftd.counters.packet_ins_lost++;
	else if (err && err != -EINTR && err != -EAGAIN)
		weftd_err("packet-in socket: %s", strerror(-err));
}

/*
 * Packet-ins come on a socket of their own, with a small buffer: under a
 * storm the kernel drops (and counts, UPCALL_DROP_QUEUE) what the agent
 * cannot take, instead of weftd reading packet-ins that are long gone,
 * and instead of the storm crowding out flow-removed and port events,
 * which keep their own large buffer.
 */
static void sock_rcvbuf(struct weft_nl *nl, int size)
{
	/* Root may exceed rmem_max. */
	if (setsockopt(weft_nl_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(weft_nl_fd(nl), SOL_SOCKET, SO_RCVBUF, &size,
			   sizeof(size));
}

int weftd_dp_init(struct weftd_conf *conf)
{
	struct weft_dp_info info;
	int err;

	weftd.conf = conf;
	snprintf(weftd.dp, sizeof(weftd.dp), "%s", conf->datapath);
	err = weft_nl_open(&weftd.nl);
	if (!err)
		err = weft_nl_open(&weftd.ev);
	if (!err)
		err = weft_nl_open(&weftd.pin);
	if (err) {
		weftd_err("cannot open the weft netlink family: %s%s",
			  strerror(-err),
			  err == -ENOENT ? " (is weft.ko loaded?)" : "");
		return -1;
	}
	sock_rcvbuf(weftd.ev, 8 << 20);
	sock_rcvbuf(weftd.pin, WEFTD_PACKET_IN_RCVBUF);
	err = weft_nl_subscribe_events(weftd.ev);
	if (err) {
		weftd_err("cannot join the weft events group: %s",
			  strerror(-err));
		return -1;
	}

	err = dp_get(&info);
	if (err == -ENODEV || err == -ENOENT) {
		err = dp_create();
		if (err) {
			weftd_err("cannot create datapath %s: %s", weftd.dp,
				  weftd_nl_strerror(weftd.nl, err));
			return -1;
		}
		weftd.dp_created = true;
		err = dp_get(&info);
	}
	if (err) {
		weftd_err("datapath %s: %s", weftd.dp,
			  weftd_nl_strerror(weftd.nl, err));
		return -1;
	}
	weftd.dp_ifindex = info.ifindex;
	if (info.upcall_pid && !weftd.dp_created)
		weftd_warn("datapath %s had a packet-in listener (port id %u): taking over",
			   weftd.dp, info.upcall_pid);
	err = dp_listen();
	if (err) {
		weftd_err("cannot become %s's packet-in listener: %s",
			  weftd.dp, weftd_nl_strerror(weftd.nl, err));
		return -1;
	}
	if (weftd.dp_created)
		weftd_info("created datapath %s", weftd.dp);
	else
		weftd_info("adopted datapath %s: %u flows and %u ports kept",
			   weftd.dp, info.n_flows, info.n_ports);
	err = weftd_watch_add(&weftd.ev_watch, weft_nl_fd(weftd.ev), EPOLLIN,
			      ev_event);
	if (!err)
		err = weftd_watch_add(&weftd.pin_watch, weft_nl_fd(weftd.pin),
				      EPOLLIN, pin_event);
	if (err) {
		weftd_err("epoll: %s", strerror(-err));
		return -1;
	}
	return 0;
}

void weftd_dp_exit(void)
{
	weftd_watch_del(&weftd.pin_watch);
	weftd_watch_del(&weftd.ev_watch);
	if (weftd.pin)
		weft_nl_close(weftd.pin);
	if (weftd.ev)
		weft_nl_close(weftd.ev);
	if (weftd.nl)
		weft_nl_close(weftd.nl);
	weftd.pin = weftd.ev = weftd.nl = NULL;
}
