/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One OpenFlow connection: a controller weftd dialled (active) or a client
 * of one of its listeners (service), its framing, output queue, version
 * negotiation, echo probes, and the per-connection OpenFlow state (role,
 * async configuration, miss_send_len) the handlers keep in it.
 */
#ifndef WEFTD_CONN_H
#define WEFTD_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loop.h"

struct weftd_remote;

enum weftd_conn_kind {
	WEFTD_CONN_CONTROLLER,	/* weftd dialled it: a primary connection */
	WEFTD_CONN_SERVICE,	/* accepted on a listener: a management tool */
};

enum weftd_conn_state {
	WEFTD_CONN_CONNECTING,	/* non-blocking connect in progress */
	WEFTD_CONN_HELLO,	/* our HELLO sent, the peer's awaited */
	WEFTD_CONN_READY,	/* version agreed */
	WEFTD_CONN_CLOSING,	/* flushing a last error, then closing */
};

/* OpenFlow roles (ofp_controller_role). */
#define WEFTD_ROLE_NOCHANGE	0
#define WEFTD_ROLE_EQUAL	1
#define WEFTD_ROLE_MASTER	2
#define WEFTD_ROLE_SLAVE	3

/* The async message kinds of OpenFlow 1.3's SET_ASYNC. */
enum weftd_async {
	WEFTD_ASYNC_PACKET_IN,
	WEFTD_ASYNC_PORT_STATUS,
	WEFTD_ASYNC_FLOW_REMOVED,
	WEFTD_ASYNC_N,
};

/* The largest OpenFlow message: the header's length is 16 bits. */
#define WEFTD_OFP_MAX_LEN	65535

struct weftd_conn_stats {
	uint64_t rx_msgs, tx_msgs;
	uint64_t rx_bytes, tx_bytes;
	uint64_t errors_sent;		/* ERROR messages we sent */
	uint64_t async_dropped;		/* async messages dropped: queue full */
	uint64_t flow_mods;
	uint64_t packet_ins;
};

/* The last messages seen on a connection, for `weftctl agent messages`. */
#define WEFTD_CONN_HISTORY	16
struct weftd_msg_note {
	uint64_t ms;		/* weftd_now_ms() */
	bool rx;		/* received (or sent) */
	uint8_t version, type;
	uint16_t len;
	uint32_t xid;
};

struct weftd_conn {
	struct weftd_conn *next, *prev;	/* weftd_conns */
	unsigned int id;		/* for logs and the control socket */
	enum weftd_conn_kind kind;
	enum weftd_conn_state state;
	struct weftd_remote *remote;	/* active connections: who to tell */
	char peer[64];			/* "tcp:IP:PORT" */
	int fd;
	struct weftd_watch watch;
	struct weftd_timer probe;	/* echo / inactivity / close timer */
	bool echo_pending;
	bool paused;			/* not reading: output queue full */
	bool write_failed;
	uint64_t connected_ms, last_rx_ms;

	uint8_t *rx;			/* partial input, WEFTD_RX_SIZE bytes */
	size_t rx_len;
	uint8_t *tx;			/* unsent output */
	size_t tx_off, tx_len, tx_cap;

	/* OpenFlow state, the handlers' */
	uint8_t version;		/* negotiated; 0 before HELLO */
	uint32_t role;			/* WEFTD_ROLE_* */
	uint16_t miss_send_len;
	uint16_t config_flags;		/* SET_CONFIG flags (frag handling) */
	uint32_t async[WEFTD_ASYNC_N][2];	/* [kind][master/equal, slave] */
	struct weftd_conn_stats stats;
	unsigned int n_history;		/* total ever noted */
	struct weftd_msg_note history[WEFTD_CONN_HISTORY];
};

/* Every connection, newest first. */
extern struct weftd_conn *weftd_conns;

/* Wrap connected (or connecting) socket @fd; NULL when out of memory. */
struct weftd_conn *weftd_conn_new(int fd, enum weftd_conn_kind kind,
				  const char *peer, bool connecting);

/*
 * Queue @len bytes (whole OpenFlow messages) for the peer.  Never blocks
 * and never closes the connection itself: a write error is acted on from
 * the connection's own event.  Returns false if the connection is going
 * away.
 */
bool weftd_conn_send(struct weftd_conn *c, const void *data, size_t len);

/*
 * Queue an asynchronous message (packet-in, flow removed, port status):
 * unlike a reply it is dropped, and counted, when the peer is not keeping
 * up with its output queue.
 */
bool weftd_conn_send_async(struct weftd_conn *c, const void *data,
			   size_t len);

/* Bytes queued and not yet written. */
static inline size_t weftd_conn_backlog(const struct weftd_conn *c)
{
	return c->tx_len - c->tx_off;
}

/* Close after the queued output (an ERROR, say) is flushed. */
void weftd_conn_close_after_flush(struct weftd_conn *c, const char *why);

/* Close now (from the connection's own callbacks only). */
void weftd_conn_close(struct weftd_conn *c, const char *why);

/* Close everything at exit. */
void weftd_conn_close_all(void);

/* Set the output queue bound, in bytes (weftd_conf.max_queue_kb). */
void weftd_conn_set_limits(size_t max_queue, unsigned int probe_s);

/* Note a message in the connection's history ring. */
void weftd_conn_note(struct weftd_conn *c, bool rx, const void *msg);

#endif /* WEFTD_CONN_H */
