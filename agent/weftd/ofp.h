/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OpenFlow layer: what weftd does with each message, and the async
 * messages it originates.  conn.c hands every framed message to
 * weftd_ofp_input(); ofp.c decodes it and dispatches by type to
 * ofp_flow.c (state changes), ofp_stats.c (multipart) and ofp_async.c
 * (packets, async configuration).
 */
#ifndef WEFTD_OFP_H
#define WEFTD_OFP_H

#include <stddef.h>
#include <stdint.h>

#include "of.h"

struct weftd_conn;
struct weftd_port;
struct weft_packet_in;
struct weft_flow;

/* PORT_STATUS reasons (ofp_port_reason). */
#define WEFTD_PORT_ADD		0
#define WEFTD_PORT_DELETE	1
#define WEFTD_PORT_MODIFY	2

/* From conn.c. */
void weftd_ofp_start(struct weftd_conn *c);
void weftd_ofp_input(struct weftd_conn *c, const uint8_t *msg, size_t len);
void weftd_ofp_input_done(struct weftd_conn *c);
void weftd_ofp_gone(struct weftd_conn *c);
void weftd_ofp_bad_length(struct weftd_conn *c, const uint8_t *msg,
			  size_t avail);
void weftd_ofp_send_echo(struct weftd_conn *c);

/* From dp.c and ports.c: kernel events. */
void weftd_ofp_packet_in(const struct weft_packet_in *pi);
void weftd_ofp_flow_removed(const struct weft_flow *flow);
void weftd_ofp_port_status(uint8_t reason, const struct weftd_port *p);

/* Sending. */
/* Encode @msg (its version and xid set) and queue it; false on failure. */
bool weftd_ofp_send(struct weftd_conn *c, const struct weft_of_msg *msg);
/* An ERROR (1.3 numbering) in reply to @req (@len bytes). */
void weftd_ofp_error(struct weftd_conn *c, const uint8_t *req, size_t len,
		     uint16_t type, uint16_t code);
/* A reply header for @req: version, type and xid set, body zeroed. */
void weftd_ofp_reply_init(struct weft_of_msg *reply, const uint8_t *req,
			  uint8_t type);

/* Handlers (ofp_flow.c, ofp_stats.c, ofp_async.c). */
void weftd_ofp_flow_mod(struct weftd_conn *c, const uint8_t *req,
			size_t len, const struct weft_of_msg *msg);
/* Apply the flow_mods queued by weftd_ofp_flow_mod(); send their errors. */
void weftd_ofp_flow_flush(void);
void weftd_ofp_group_mod(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg);
void weftd_ofp_table_mod(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg);
void weftd_ofp_port_mod(struct weftd_conn *c, const uint8_t *req,
			size_t len, const struct weft_of_msg *msg);
void weftd_ofp_multipart(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg);
void weftd_ofp_packet_out(struct weftd_conn *c, const uint8_t *req,
			  size_t len, const struct weft_of_msg *msg);
/* Default async configuration of a new connection. */
void weftd_ofp_async_defaults(struct weftd_conn *c);
void weftd_ofp_features(struct weftd_conn *c, const uint8_t *req);

/*
 * Map a failed kernel request (errno @err, the extack in weftd.nl) to the
 * OpenFlow error a controller should get.
 */
void weftd_ofp_errno_to_of(int err, uint8_t ofpt, struct weft_of_error *e);

#endif /* WEFTD_OFP_H */
