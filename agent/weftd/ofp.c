// SPDX-License-Identifier: GPL-2.0
/*
 * OpenFlow session handling: HELLO and version negotiation, decoding,
 * the rules that apply to every message (version, role), and the simple
 * request/reply messages.  The heavier handlers live in ofp_flow.c,
 * ofp_stats.c and ofp_async.c.
 *
 * Ordering: flow_mods are queued (ofp_flow.c) so that a burst of them
 * reaches the kernel pipelined; every other message first flushes the
 * queue, so replies, errors and barriers are sent in the order of the
 * requests, and a BARRIER_REPLY only once the kernel acknowledged every
 * change before it.
 */
#include <errno.h>
#include <string.h>

#include "conn.h"
#include "log.h"
#include "ofp.h"
#include "weftd.h"

void weftd_ofp_reply_init(struct weft_of_msg *reply, const uint8_t *req,
			  uint8_t type)
{
	memset(reply, 0, sizeof(*reply));
	reply->version = req[0];
	reply->type = type;
	reply->xid = (uint32_t)req[4] << 24 | req[5] << 16 | req[6] << 8 |
		     req[7];
}

bool weftd_ofp_send(struct weftd_conn *c, const struct weft_of_msg *msg)
{
	struct weft_of_buf b;
	bool ok;

	weft_of_buf_init(&b);
	if (weft_of_encode(msg, &b)) {
		weftd_err("conn %u: cannot encode %s", c->id,
			  weft_of_type_name(msg->type));
		weft_of_buf_free(&b);
		return false;
	}
	ok = weftd_conn_send(c, b.data, b.len);
	weft_of_buf_free(&b);
	return ok;
}

void weftd_ofp_error(struct weftd_conn *c, const uint8_t *req, size_t len,
		     uint16_t type, uint16_t code)
{
	struct weft_of_buf b;
	uint32_t xid = (uint32_t)req[4] << 24 | req[5] << 16 | req[6] << 8 |
		       req[7];
	uint8_t version = c->version;

	/* Before agreeing: the peer's version if we speak it, else ours. */
	if (!version)
		version = req[0] == WEFT_OFP10_VERSION ||
			  req[0] == WEFT_OFP13_VERSION ? req[0] :
			  WEFT_OFP13_VERSION;

	weftd_info("conn %u: %s xid %u: error %s/%s", c->id,
		  weft_of_type_name(weft_of_type_from_wire(req[0], req[1])),
		  xid,
		  weft_of_error_type_name(type),
		  weft_of_error_code_name(type, code));
	weft_of_buf_init(&b);
	if (!weft_of_error_reply(&b, version, xid, type, code, req, len)) {
		c->stats.errors_sent++;
		weftd_conn_send(c, b.data, b.len);
	}
	weft_of_buf_free(&b);
}

void weftd_ofp_start(struct weftd_conn *c)
{
	uint32_t versions = weftd.conf->versions;
	struct weft_of_buf b;
	uint8_t top = versions & (1U << WEFT_OFP13_VERSION) ?
		      WEFT_OFP13_VERSION : WEFT_OFP10_VERSION;

	/*
	 * The bitmap element is 1.3's; a 1.0-only switch sends a bare
	 * HELLO, which any peer understands.
	 */
	weft_of_buf_init(&b);
	if (!weft_of_hello(&b, top, 0,
			   top == WEFT_OFP13_VERSION ? versions : 0))
		weftd_conn_send(c, b.data, b.len);
	weft_of_buf_free(&b);
}

void weftd_ofp_send_echo(struct weftd_conn *c)
{
	struct weft_of_msg m = {
		.version = c->version, .type = WEFT_OFPT_ECHO_REQUEST,
	};

	weftd_ofp_send(c, &m);
}

void weftd_ofp_bad_length(struct weftd_conn *c, const uint8_t *msg,
			  size_t avail)
{
	weftd_ofp_error(c, msg, avail < 8 ? avail : 8,
			WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN);
	weftd_conn_close_after_flush(c, "message length below 8");
}

/* The peer's HELLO (or, leniently, the first message in its place). */
static void ofp_hello(struct weftd_conn *c, const uint8_t *req, size_t len)
{
	struct weft_of_error err;
	struct weft_of_msg msg;
	int v = -1;

	if (req[1] == WEFT_OFPT_HELLO &&
	    !weft_of_decode(req, len, &msg, &err)) {
		v = weft_of_negotiate(&msg, weftd.conf->versions, &err);
		weft_of_msg_free(&msg);
	} else if (req[1] != WEFT_OFPT_HELLO &&
		   weftd.conf->versions & (1U << req[0])) {
		/* No HELLO: speak the version the peer uses. */
		v = req[0];
	} else {
		err.type = WEFT_OFPET_HELLO_FAILED;
		err.code = WEFT_OFPHFC_INCOMPATIBLE;
	}
	if (v < 0) {
		weftd_ofp_error(c, req, len, err.type, err.code);
		weftd_conn_close_after_flush(c, "no common OpenFlow version");
		return;
	}
	c->version = v;
	c->state = WEFTD_CONN_READY;
	c->role = WEFTD_ROLE_EQUAL;
	/* Management tools get table misses only once they ask. */
	c->miss_send_len = c->kind == WEFTD_CONN_CONTROLLER ? 128 : 0;
	weftd_ofp_async_defaults(c);
	weftd_info("conn %u: %s: OpenFlow %s", c->id, c->peer,
		   v == WEFT_OFP13_VERSION ? "1.3" : "1.0");
	if (req[1] != WEFT_OFPT_HELLO)
		weftd_ofp_input(c, req, len);
}

/* Messages a controller may not send to a slave switch connection. */
static bool changes_state(uint8_t type)
{
	switch (type) {
	case WEFT_OFPT_FLOW_MOD:
	case WEFT_OFPT_GROUP_MOD:
	case WEFT_OFPT_PORT_MOD:
	case WEFT_OFPT_TABLE_MOD:
	case WEFT_OFPT_METER_MOD:
	case WEFT_OFPT_PACKET_OUT:
		return true;
	}
	return false;
}

static void ofp_role(struct weftd_conn *c, const uint8_t *req, size_t len,
		     const struct weft_of_msg *msg)
{
	const struct weft_of_role *r = &msg->role;
	struct weft_of_msg reply;
	struct weftd_conn *o;

	if (r->role > WEFTD_ROLE_SLAVE) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_ROLE_REQUEST_FAILED,
				WEFT_OFPRRFC_BAD_ROLE);
		return;
	}
	if (r->role == WEFTD_ROLE_MASTER || r->role == WEFTD_ROLE_SLAVE) {
		/* Generation ids compare as a wrapping sequence (1.3 6.3.6). */
		if (weftd.has_generation &&
		    (int64_t)(r->generation_id - weftd.generation_id) < 0) {
			weftd_ofp_error(c, req, len,
					WEFT_OFPET_ROLE_REQUEST_FAILED,
					WEFT_OFPRRFC_STALE);
			return;
		}
		weftd.generation_id = r->generation_id;
		weftd.has_generation = true;
	}
	if (r->role != WEFTD_ROLE_NOCHANGE) {
		if (r->role == WEFTD_ROLE_MASTER)
			for (o = weftd_conns; o; o = o->next)
				if (o != c && o->role == WEFTD_ROLE_MASTER)
					o->role = WEFTD_ROLE_SLAVE;
		if (c->role != r->role)
			weftd_info("conn %u: role %s", c->id,
				   r->role == WEFTD_ROLE_MASTER ? "master" :
				   r->role == WEFTD_ROLE_SLAVE ? "slave" :
				   "equal");
		c->role = r->role;
	}
	weftd_ofp_reply_init(&reply, req, WEFT_OFPT_ROLE_REPLY);
	reply.role.role = c->role;
	reply.role.generation_id = weftd.has_generation ?
				   weftd.generation_id : 0;
	weftd_ofp_send(c, &reply);
}

static void ofp_async(struct weftd_conn *c, const uint8_t *req,
		      const struct weft_of_msg *msg)
{
	struct weft_of_msg reply;
	int i;

	if (msg->type == WEFT_OFPT_SET_ASYNC) {
		for (i = 0; i < 2; i++) {
			c->async[WEFTD_ASYNC_PACKET_IN][i] =
				msg->async.packet_in_mask[i];
			c->async[WEFTD_ASYNC_PORT_STATUS][i] =
				msg->async.port_status_mask[i];
			c->async[WEFTD_ASYNC_FLOW_REMOVED][i] =
				msg->async.flow_removed_mask[i];
		}
		return;
	}
	weftd_ofp_reply_init(&reply, req, WEFT_OFPT_GET_ASYNC_REPLY);
	for (i = 0; i < 2; i++) {
		reply.async.packet_in_mask[i] =
			c->async[WEFTD_ASYNC_PACKET_IN][i];
		reply.async.port_status_mask[i] =
			c->async[WEFTD_ASYNC_PORT_STATUS][i];
		reply.async.flow_removed_mask[i] =
			c->async[WEFTD_ASYNC_FLOW_REMOVED][i];
	}
	weftd_ofp_send(c, &reply);
}

/* SET_CONFIG's fragment handling: only NORMAL (0) is implemented. */
#define OFPC_FRAG_MASK	3

static void ofp_config(struct weftd_conn *c, const uint8_t *req, size_t len,
		       const struct weft_of_msg *msg)
{
	struct weft_of_msg reply;

	if (msg->type == WEFT_OFPT_SET_CONFIG) {
		if (msg->config.flags & OFPC_FRAG_MASK) {
			weftd_ofp_error(c, req, len,
					WEFT_OFPET_SWITCH_CONFIG_FAILED,
					WEFT_OFPSCFC_BAD_FLAGS);
			return;
		}
		c->config_flags = msg->config.flags;
		c->miss_send_len = msg->config.miss_send_len;
		return;
	}
	weftd_ofp_reply_init(&reply, req, WEFT_OFPT_GET_CONFIG_REPLY);
	reply.config.flags = c->config_flags;
	reply.config.miss_send_len = c->miss_send_len;
	weftd_ofp_send(c, &reply);
}

static void ofp_queue_config(struct weftd_conn *c, const uint8_t *req,
			     size_t len, const struct weft_of_msg *msg)
{
	struct weft_of_msg reply;
	uint32_t port = msg->queue_config.port;

	/* No queues are configured on any port: an empty list. */
	if (port != WEFT_OFPP_ANY && !weftd_port_find(port)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_QUEUE_OP_FAILED,
				WEFT_OFPQOFC_BAD_PORT);
		return;
	}
	weftd_ofp_reply_init(&reply, req, WEFT_OFPT_QUEUE_GET_CONFIG_REPLY);
	reply.queue_config.port = port;
	weftd_ofp_send(c, &reply);
}

static void ofp_dispatch(struct weftd_conn *c, const uint8_t *req,
			 size_t len, struct weft_of_msg *msg)
{
	struct weft_of_msg reply;

	if (c->role == WEFTD_ROLE_SLAVE && changes_state(msg->type)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_IS_SLAVE);
		return;
	}
	switch (msg->type) {
	case WEFT_OFPT_HELLO:
	case WEFT_OFPT_ECHO_REPLY:
		break;
	case WEFT_OFPT_ECHO_REQUEST:
		weftd_ofp_reply_init(&reply, req, WEFT_OFPT_ECHO_REPLY);
		reply.echo = msg->echo;
		weftd_ofp_send(c, &reply);
		break;
	case WEFT_OFPT_EXPERIMENTER:
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_EXPERIMENTER);
		break;
	case WEFT_OFPT_FEATURES_REQUEST:
		weftd_ofp_features(c, req);
		break;
	case WEFT_OFPT_GET_CONFIG_REQUEST:
	case WEFT_OFPT_SET_CONFIG:
		ofp_config(c, req, len, msg);
		break;
	case WEFT_OFPT_PACKET_OUT:
		weftd_ofp_packet_out(c, req, len, msg);
		break;
	case WEFT_OFPT_FLOW_MOD:
		weftd_ofp_flow_mod(c, req, len, msg);
		break;
	case WEFT_OFPT_GROUP_MOD:
		weftd_ofp_group_mod(c, req, len, msg);
		break;
	case WEFT_OFPT_PORT_MOD:
		weftd_ofp_port_mod(c, req, len, msg);
		break;
	case WEFT_OFPT_TABLE_MOD:
		weftd_ofp_table_mod(c, req, len, msg);
		break;
	case WEFT_OFPT_METER_MOD:
		/* A switch without meters (METER_FEATURES says max 0). */
		weftd_ofp_error(c, req, len, WEFT_OFPET_METER_MOD_FAILED,
				WEFT_OFPMMFC_OUT_OF_METERS);
		break;
	case WEFT_OFPT_MULTIPART_REQUEST:
		weftd_ofp_multipart(c, req, len, msg);
		break;
	case WEFT_OFPT_BARRIER_REQUEST:
		/* The flow_mod queue was flushed before we got here. */
		weftd_ofp_reply_init(&reply, req, WEFT_OFPT_BARRIER_REPLY);
		weftd_ofp_send(c, &reply);
		break;
	case WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST:
		ofp_queue_config(c, req, len, msg);
		break;
	case WEFT_OFPT_ROLE_REQUEST:
		ofp_role(c, req, len, msg);
		break;
	case WEFT_OFPT_GET_ASYNC_REQUEST:
	case WEFT_OFPT_SET_ASYNC:
		ofp_async(c, req, msg);
		break;
	default:
		/* Replies and async messages are a switch's to send. */
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_TYPE);
		break;
	}
}

void weftd_ofp_input(struct weftd_conn *c, const uint8_t *req, size_t len)
{
	struct weft_of_error err;
	struct weft_of_msg msg;

	if (c->state == WEFTD_CONN_HELLO) {
		ofp_hello(c, req, len);
		return;
	}
	if (c->state != WEFTD_CONN_READY)
		return;
	if (req[0] != c->version) {
		/* HELLO is version-independent, and harmless. */
		if (req[1] == WEFT_OFPT_HELLO)
			return;
		weftd_ofp_flow_flush();
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_VERSION);
		return;
	}
	if (weft_of_decode(req, len, &msg, &err)) {
		weftd_ofp_flow_flush();
		weftd_ofp_error(c, req, len, err.type, err.code);
		return;
	}
	if (msg.type != WEFT_OFPT_FLOW_MOD)
		weftd_ofp_flow_flush();
	weftd_dbg("conn %u: %s xid %u", c->id, weft_of_type_name(msg.type),
		  msg.xid);
	ofp_dispatch(c, req, len, &msg);
	weft_of_msg_free(&msg);
}

void weftd_ofp_input_done(struct weftd_conn *c)
{
	(void)c;
	weftd_ofp_flow_flush();
}

void weftd_ofp_gone(struct weftd_conn *c)
{
	(void)c;
	/* Nothing queued may outlive its connection. */
	weftd_ofp_flow_flush();
}
