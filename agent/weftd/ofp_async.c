// SPDX-License-Identifier: GPL-2.0
/*
 * Packets and asynchronous messages: FEATURES, PACKET_OUT, and the
 * PACKET_IN, FLOW_REMOVED and PORT_STATUS messages weftd originates from
 * kernel events, filtered per connection by role and async configuration
 * (OpenFlow 1.3 section 6.1.1) and dropped, not queued without bound,
 * when a connection does not keep up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>
#include <libmnl/libmnl.h>

#include "conn.h"
#include "log.h"
#include "match.h"
#include "nl.h"
#include "of_xlate.h"
#include "ofp.h"
#include "packet.h"
#include "tables.h"
#include "weftd.h"

/* ofp_capabilities */
#define OFPC_FLOW_STATS		(1U << 0)
#define OFPC_TABLE_STATS	(1U << 1)
#define OFPC_PORT_STATS		(1U << 2)
#define OFPC_GROUP_STATS	(1U << 3)
#define OFPC10_ARP_MATCH_IP	(1U << 7)
/* 1.0's actions bitmap: OUTPUT .. ENQUEUE, all implemented. */
#define OFPAT10_ALL		0xfffU

void weftd_ofp_async_defaults(struct weftd_conn *c)
{
	/* 1.3 section 6.1.1: what a new connection gets. */
	c->async[WEFTD_ASYNC_PACKET_IN][0] = 1U << WEFT_PACKET_IN_NO_MATCH |
					     1U << WEFT_PACKET_IN_ACTION;
	c->async[WEFTD_ASYNC_PACKET_IN][1] = 0;
	c->async[WEFTD_ASYNC_PORT_STATUS][0] = 7;
	c->async[WEFTD_ASYNC_PORT_STATUS][1] = 7;
	c->async[WEFTD_ASYNC_FLOW_REMOVED][0] = 0xf;
	c->async[WEFTD_ASYNC_FLOW_REMOVED][1] = 0;
	/* 1.0 has no async configuration: invalid-TTL packet-ins too. */
	if (c->version == WEFT_OFP10_VERSION)
		c->async[WEFTD_ASYNC_PACKET_IN][0] |=
			1U << WEFT_PACKET_IN_INVALID_TTL;
}

static bool wants(const struct weftd_conn *c, enum weftd_async kind,
		  unsigned int reason)
{
	if (c->state != WEFTD_CONN_READY || reason > 31)
		return false;
	return c->async[kind][c->role == WEFTD_ROLE_SLAVE] & (1U << reason);
}

void weftd_ofp_features(struct weftd_conn *c, const uint8_t *req)
{
	struct weft_of_features *f;
	struct weft_of_msg reply;
	size_t i;

	weftd_ofp_reply_init(&reply, req, WEFT_OFPT_FEATURES_REPLY);
	f = &reply.features;
	f->datapath_id = weftd.dpid;
	f->n_buffers = 0;
	if (c->version == WEFT_OFP10_VERSION) {
		f->n_tables = 1;
		f->capabilities = OFPC_FLOW_STATS | OFPC_TABLE_STATS |
				  OFPC_PORT_STATS | OFPC10_ARP_MATCH_IP;
		f->reserved = OFPAT10_ALL;
		f->ports = calloc(weftd.n_ports + 1, sizeof(*f->ports));
		for (i = 0; f->ports && i < weftd.n_ports; i++)
			weftd_ofp_port_desc(&weftd.ports[i],
					    &f->ports[f->n_ports++]);
	} else {
		f->n_tables = WEFT_TABLE_MAX + 1;
		f->capabilities = OFPC_FLOW_STATS | OFPC_TABLE_STATS |
				  OFPC_PORT_STATS | OFPC_GROUP_STATS;
	}
	weftd_ofp_send(c, &reply);
	weft_of_msg_free(&reply);
}

void weftd_ofp_packet_out(struct weftd_conn *c, const uint8_t *req,
			  size_t len, const struct weft_of_msg *msg)
{
	const struct weft_of_packet_out *po = &msg->packet_out;
	struct weft_packet_out out = { 0 };
	struct weft_of_error e;
	struct nlmsghdr *nlh;
	int err;

	if (po->buffer_id != WEFT_OFP_NO_BUFFER) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BUFFER_UNKNOWN);
		return;
	}
	out.in_port = po->in_port;
	/* 1.0's OFPP_NONE and 1.3's ANY: "from the controller". */
	if (out.in_port == WEFT_OFPP_ANY)
		out.in_port = WEFT_PORT_CONTROLLER;
	if (out.in_port != WEFT_PORT_CONTROLLER &&
	    out.in_port != WEFT_PORT_LOCAL && !weftd_port_find(out.in_port)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_PORT);
		return;
	}
	if (weft_of_actions_to_weft(msg->version, po->actions, po->n_actions,
				    &out.actions, &e)) {
		weftd_ofp_error(c, req, len, e.type, e.code);
		return;
	}
	out.data = po->data;
	out.len = po->data_len;
	if (!out.len || out.len > WEFT_PACKET_DATA_MAX) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_PACKET);
		return;
	}
	nlh = weft_nl_req_sized(weftd.nl, WEFT_CMD_PACKET_OUT, 0,
				out.len + WEFT_NL_REQ_SIZE);
	if (!nlh)
		return;
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	err = weft_packet_out_put(nlh, out.len + WEFT_NL_REQ_SIZE, &out);
	if (!err)
		err = weft_nl_do(weftd.nl, nlh, NULL, NULL);
	if (err) {
		weftd_dbg("packet_out: %s", weftd_nl_strerror(weftd.nl, err));
		weftd_ofp_errno_to_of(err, WEFT_OFPT_PACKET_OUT, &e);
		weftd_ofp_error(c, req, len, e.type, e.code);
	}
}

/* Encode @msg once per version and send it to @c as an async message. */
struct async_out {
	struct weft_of_buf buf[2];	/* [0]: 1.0, [1]: 1.3 */
	bool tried[2];
	bool ok[2];
};

static void async_send(struct weftd_conn *c, struct async_out *ao,
		       struct weft_of_msg *msg,
		       int (*build)(struct weft_of_msg *msg, uint8_t version,
				    const void *src),
		       const void *src)
{
	int i = c->version == WEFT_OFP13_VERSION, err;

	if (!ao->tried[i]) {
		ao->tried[i] = true;
		memset(msg, 0, sizeof(*msg));
		msg->version = c->version;
		weft_of_buf_init(&ao->buf[i]);
		err = build(msg, c->version, src);
		if (!err)
			err = weft_of_encode(msg, &ao->buf[i]);
		ao->ok[i] = !err;
		if (err)
			weftd_warn("conn %u: cannot express %s in OpenFlow %s: %s",
				   c->id, weft_of_type_name(msg->type),
				   c->version == WEFT_OFP13_VERSION ? "1.3" :
				   "1.0", strerror(err < 0 ? -err : err));
		weft_of_msg_free(msg);
	}
	if (ao->ok[i])
		weftd_conn_send_async(c, ao->buf[i].data, ao->buf[i].len);
}

static void async_free(struct async_out *ao)
{
	int i;

	for (i = 0; i < 2; i++)
		if (ao->tried[i])
			weft_of_buf_free(&ao->buf[i]);
}

struct ps_src {
	uint8_t reason;
	const struct weftd_port *port;
};

static int build_port_status(struct weft_of_msg *msg, uint8_t version,
			     const void *src)
{
	const struct ps_src *ps = src;

	(void)version;
	msg->type = WEFT_OFPT_PORT_STATUS;
	msg->port_status.reason = ps->reason;
	weftd_ofp_port_desc(ps->port, &msg->port_status.desc);
	return 0;
}

void weftd_ofp_port_status(uint8_t reason, const struct weftd_port *p)
{
	struct ps_src ps = { .reason = reason, .port = p };
	struct async_out ao = { 0 };
	struct weft_of_msg msg;
	struct weftd_conn *c;

	weftd.counters.port_status++;
	for (c = weftd_conns; c; c = c->next) {
		if (!wants(c, WEFTD_ASYNC_PORT_STATUS, reason))
			continue;
		async_send(c, &ao, &msg, build_port_status, &ps);
	}
	async_free(&ao);
}

/* The flow-removed reason a 1.0 peer knows (it has no GROUP_DELETE). */
static int build_flow_removed(struct weft_of_msg *msg, uint8_t version,
			      const void *src)
{
	const struct weft_flow *f = src;
	struct weft_of_flow_removed *fr = &msg->flow_removed;

	msg->type = WEFT_OFPT_FLOW_REMOVED;
	fr->cookie = f->cookie;
	fr->priority = f->priority;
	fr->reason = f->reason;
	if (version == WEFT_OFP10_VERSION &&
	    fr->reason == WEFT_FLOW_REMOVED_GROUP_DELETE)
		fr->reason = WEFT_FLOW_REMOVED_DELETE;
	fr->table_id = f->table;
	fr->duration_sec = f->duration_ms / 1000;
	fr->duration_nsec = (f->duration_ms % 1000) * 1000000;
	fr->idle_timeout = f->idle_timeout;
	fr->hard_timeout = f->hard_timeout;
	fr->packet_count = f->n_packets;
	fr->byte_count = f->n_bytes;
	return weft_of_match_from_weft(version, &f->match, &fr->match);
}

void weftd_ofp_flow_removed(const struct weft_flow *flow)
{
	struct async_out ao = { 0 };
	struct weft_of_msg msg;
	struct weftd_conn *c;

	for (c = weftd_conns; c; c = c->next) {
		if (!wants(c, WEFTD_ASYNC_FLOW_REMOVED, flow->reason))
			continue;
		/* 1.0 sees one table. */
		if (c->version == WEFT_OFP10_VERSION && flow->table)
			continue;
		async_send(c, &ao, &msg, build_flow_removed, flow);
	}
	async_free(&ao);
}

struct pin_src {
	const struct weft_packet_in *pi;
	size_t data_len;
};

static int build_packet_in(struct weft_of_msg *msg, uint8_t version,
			   const void *src)
{
	const struct pin_src *ps = src;
	const struct weft_packet_in *pi = ps->pi;
	struct weft_of_packet_in *o = &msg->packet_in;
	struct weft_match meta = pi->key;

	msg->type = WEFT_OFPT_PACKET_IN;
	o->buffer_id = WEFT_OFP_NO_BUFFER;
	o->total_len = pi->total_len > 0xffff ? 0xffff : pi->total_len;
	o->reason = pi->reason;
	o->table_id = pi->table;
	o->cookie = pi->cookie;
	o->in_port = pi->in_port;
	o->data = malloc(ps->data_len ? ps->data_len : 1);
	if (!o->data)
		return -ENOMEM;
	memcpy(o->data, pi->data, ps->data_len);
	o->data_len = ps->data_len;
	if (version == WEFT_OFP10_VERSION)
		return 0;
	/* in_phy_port only when it says something (OpenFlow 1.3 7.4.1). */
	if (weft_match_has(&meta, WEFT_KEY_A_IN_PHY_PORT) &&
	    meta.key.in_phy_port == meta.key.in_port)
		weft_match_clear(&meta, WEFT_KEY_A_IN_PHY_PORT);
	return weft_of_match_from_weft(version, &meta, &o->match);
}

void weftd_ofp_packet_in(const struct weft_packet_in *pi)
{
	/* Encoded once for every connection that takes the kernel's cut. */
	struct async_out ao = { 0 };
	bool table_miss = pi->reason == WEFT_PACKET_IN_NO_MATCH &&
			  pi->cookie == UINT64_MAX;
	struct weft_of_msg msg;
	struct weftd_conn *c;

	weftd_dbg("packet-in: reason %u table %u cookie %#llx in_port %u len %zu/%u",
		  pi->reason, pi->table, (unsigned long long)pi->cookie,
		  pi->in_port, pi->data_len, pi->total_len);
	for (c = weftd_conns; c; c = c->next) {
		struct pin_src ps = { .pi = pi, .data_len = pi->data_len };
		bool own_cut = false;

		if (!wants(c, WEFTD_ASYNC_PACKET_IN, pi->reason))
			continue;
		/*
		 * A miss with no table-miss flow: 1.0 sends it to the
		 * controller, 1.3 drops it (as Open vSwitch does, per
		 * connection version).  Service connections see misses
		 * only after asking for them with miss_send_len.
		 */
		if (table_miss) {
			if (c->version != WEFT_OFP10_VERSION ||
			    !c->miss_send_len)
				continue;
			if (c->miss_send_len != WEFT_OFPCML_NO_BUFFER &&
			    ps.data_len > c->miss_send_len) {
				ps.data_len = c->miss_send_len;
				own_cut = true;
			}
		}
		/* 1.0 sees table 0 only. */
		if (c->version == WEFT_OFP10_VERSION && pi->table)
			continue;
		c->stats.packet_ins++;
		weftd.counters.packet_ins_sent++;
		if (own_cut) {
			/* Per connection: miss_send_len differs. */
			struct async_out one = { 0 };

			async_send(c, &one, &msg, build_packet_in, &ps);
			async_free(&one);
		} else {
			async_send(c, &ao, &msg, build_packet_in, &ps);
		}
	}
	async_free(&ao);
}
