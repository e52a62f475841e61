// SPDX-License-Identifier: GPL-2.0
/*
 * OpenFlow transport: framing over a non-blocking TCP socket.
 *
 * Input is read into a buffer that holds one largest message plus a read's
 * worth, split into messages by the header's length field, and handed to
 * the OpenFlow layer (ofp.c) one at a time; any number of messages may
 * arrive per read and any message may be split across reads.  A length
 * below the header's own size cannot be resynchronised from, so it is
 * answered with BAD_LEN and the connection closed.
 *
 * Output goes straight to the socket when it can, else into a queue.  The
 * queue is bounded for what weftd volunteers (async messages are dropped,
 * and counted, past the bound) but not for replies, which the peer asked
 * for: instead, while the queue is over its bound the connection is not
 * read, so a client that does not read its replies stops being served
 * rather than making weftd grow or block.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "ofp.h"
#include "remote.h"

#define WEFTD_RX_SIZE	(2 * (WEFTD_OFP_MAX_LEN + 1))

struct weftd_conn *weftd_conns;
static unsigned int next_id = 1;
static size_t max_queue = 4 << 20;
static unsigned int probe_ms = 5000;

void weftd_conn_set_limits(size_t queue, unsigned int probe_s)
{
	max_queue = queue;
	probe_ms = probe_s * 1000;
}

static void conn_event(struct weftd_watch *w, uint32_t events);
static void conn_probe(struct weftd_timer *t);

static void conn_update_events(struct weftd_conn *c)
{
	uint32_t ev = 0;

	if (c->state == WEFTD_CONN_CONNECTING) {
		ev = EPOLLOUT;
	} else {
		if (!c->paused && c->state != WEFTD_CONN_CLOSING)
			ev |= EPOLLIN;
		/* Closing: EPOLLOUT says when the last error is out. */
		if (weftd_conn_backlog(c) || c->write_failed ||
		    c->state == WEFTD_CONN_CLOSING)
			ev |= EPOLLOUT;
	}
	weftd_watch_set(&c->watch, ev | EPOLLRDHUP);
}

struct weftd_conn *weftd_conn_new(int fd, enum weftd_conn_kind kind,
				  const char *peer, bool connecting)
{
	struct weftd_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->rx = malloc(WEFTD_RX_SIZE);
	if (!c->rx) {
		free(c);
		return NULL;
	}
	c->id = next_id++;
	c->kind = kind;
	c->fd = fd;
	c->state = connecting ? WEFTD_CONN_CONNECTING : WEFTD_CONN_HELLO;
	snprintf(c->peer, sizeof(c->peer), "%s", peer);
	c->connected_ms = c->last_rx_ms = weftd_now_ms();
	weftd_timer_init(&c->probe, conn_probe);
	if (weftd_watch_add(&c->watch, fd,
			    (connecting ? EPOLLOUT : EPOLLIN) | EPOLLRDHUP,
			    conn_event)) {
		free(c->rx);
		free(c);
		return NULL;
	}
	c->next = weftd_conns;
	if (weftd_conns)
		weftd_conns->prev = c;
	weftd_conns = c;
	if (!connecting) {
		weftd_info("conn %u: %s connected", c->id, c->peer);
		weftd_ofp_start(c);
	}
	if (probe_ms)
		weftd_timer_arm(&c->probe, probe_ms);
	return c;
}

static void conn_free(struct weftd_conn *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		weftd_conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c->rx);
	free(c->tx);
	free(c);
}

void weftd_conn_close(struct weftd_conn *c, const char *why)
{
	struct weftd_remote *r = c->remote;

	weftd_info("conn %u: %s: closed: %s", c->id, c->peer, why);
	weftd_ofp_gone(c);
	weftd_watch_del(&c->watch);
	weftd_timer_cancel(&c->probe);
	close(c->fd);
	conn_free(c);
	if (r)
		weftd_remote_closed(r);
}

void weftd_conn_close_all(void)
{
	while (weftd_conns) {
		weftd_conns->remote = NULL;
		weftd_conn_close(weftd_conns, "weftd exiting");
	}
}

void weftd_conn_close_after_flush(struct weftd_conn *c, const char *why)
{
	weftd_info("conn %u: %s: closing: %s", c->id, c->peer, why);
	c->state = WEFTD_CONN_CLOSING;
	/* A peer that never reads must not keep it open: one probe's time. */
	weftd_timer_arm(&c->probe, probe_ms ? probe_ms : 1000);
	conn_update_events(c);
}

void weftd_conn_note(struct weftd_conn *c, bool rx, const void *msg)
{
	const uint8_t *h = msg;
	struct weftd_msg_note *n;

	n = &c->history[c->n_history++ % WEFTD_CONN_HISTORY];
	n->ms = weftd_now_ms();
	n->rx = rx;
	n->version = h[0];
	n->type = h[1];
	n->len = (uint16_t)(h[2] << 8 | h[3]);
	n->xid = (uint32_t)h[4] << 24 | h[5] << 16 | h[6] << 8 | h[7];
}

/* Write what is queued; false on a fatal error. */
static bool conn_flush(struct weftd_conn *c)
{
	while (c->tx_off < c->tx_len) {
		ssize_t n = send(c->fd, c->tx + c->tx_off, c->tx_len - c->tx_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			c->write_failed = true;
			return false;
		}
		c->stats.tx_bytes += n;
		c->tx_off += n;
	}
	if (c->tx_off == c->tx_len) {
		c->tx_off = c->tx_len = 0;
		/* Give back a queue that a big dump grew. */
		if (c->tx_cap > (256 << 10)) {
			free(c->tx);
			c->tx = NULL;
			c->tx_cap = 0;
		}
	}
	return true;
}

static bool conn_queue(struct weftd_conn *c, const void *data, size_t len)
{
	size_t need;

	if (c->tx_off && c->tx_off == c->tx_len)
		c->tx_off = c->tx_len = 0;
	need = c->tx_len + len;
	if (need > c->tx_cap) {
		size_t cap = c->tx_cap ? c->tx_cap : 4096;
		uint8_t *tx;

		/* Compact first: the sent prefix is dead weight. */
		if (c->tx_off) {
			memmove(c->tx, c->tx + c->tx_off, c->tx_len - c->tx_off);
			c->tx_len -= c->tx_off;
			c->tx_off = 0;
			need = c->tx_len + len;
		}
		while (cap < need)
			cap *= 2;
		if (cap != c->tx_cap) {
			tx = realloc(c->tx, cap);
			if (!tx)
				return false;
			c->tx = tx;
			c->tx_cap = cap;
		}
	}
	memcpy(c->tx + c->tx_len, data, len);
	c->tx_len += len;
	return true;
}

bool weftd_conn_send(struct weftd_conn *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t off;

	if (c->write_failed || c->state == WEFTD_CONN_CONNECTING)
		return false;
	/* Count and remember every message in @data. */
	for (off = 0; off + 8 <= len;) {
		size_t mlen = (size_t)p[off + 2] << 8 | p[off + 3];

		if (mlen < 8)
			break;
		c->stats.tx_msgs++;
		weftd_conn_note(c, false, p + off);
		off += mlen;
	}
	if (!conn_queue(c, data, len)) {
		c->write_failed = true;
	} else if (c->tx_len - c->tx_off == len) {
		/* Nothing was queued before: try the socket now. */
		conn_flush(c);
	}
	if (weftd_conn_backlog(c) > max_queue && !c->paused) {
		weftd_dbg("conn %u: output queue full (%zu bytes): pausing input",
			  c->id, weftd_conn_backlog(c));
		c->paused = true;
	}
	conn_update_events(c);
	return !c->write_failed;
}

/*
 * Packet-ins wait behind at most this much output.  A packet-in is only
 * worth sending while it is fresh: under a storm the controller is the
 * bottleneck, and a deep queue would only make it answer packets that
 * are long gone, while its packet-outs and flow_mods for the live ones
 * wait behind them (Open vSwitch bounds its queue at 100 packet-ins).
 */
#define WEFTD_PACKET_IN_QUEUE	(64 << 10)

bool weftd_conn_send_async(struct weftd_conn *c, const void *data,
			   size_t len)
{
	const uint8_t *p = data;
	size_t bound = max_queue;

	/* OFPT_PACKET_IN is 10 in OpenFlow 1.0 and 1.3 alike. */
	if (len >= 8 && p[1] == WEFT_OFPT_PACKET_IN &&
	    bound > WEFTD_PACKET_IN_QUEUE)
		bound = WEFTD_PACKET_IN_QUEUE;
	if (c->state != WEFTD_CONN_READY ||
	    weftd_conn_backlog(c) + len > bound) {
		c->stats.async_dropped++;
		return false;
	}
	return weftd_conn_send(c, data, len);
}

/*
 * Split the input into messages and hand them over.  Returns false when
 * the connection must close (it has not been freed).
 */
static bool conn_parse(struct weftd_conn *c)
{
	size_t off = 0;
	bool ok = true;

	while (c->rx_len - off >= 8 && c->state != WEFTD_CONN_CLOSING) {
		const uint8_t *m = c->rx + off;
		size_t len = (size_t)m[2] << 8 | m[3];

		if (len < 8) {
			weftd_ofp_bad_length(c, m, c->rx_len - off);
			ok = c->state == WEFTD_CONN_CLOSING;
			off = c->rx_len;
			break;
		}
		if (c->rx_len - off < len)
			break;
		c->stats.rx_msgs++;
		c->stats.rx_bytes += len;
		weftd_conn_note(c, true, m);
		weftd_ofp_input(c, m, len);
		off += len;
		/* Replies piling up unread: stop here, resume when drained. */
		if (c->paused)
			break;
	}
	weftd_ofp_input_done(c);
	if (off) {
		memmove(c->rx, c->rx + off, c->rx_len - off);
		c->rx_len -= off;
	}
	return ok;
}

static void conn_read(struct weftd_conn *c)
{
	ssize_t n;

	if (c->paused || c->state == WEFTD_CONN_CLOSING)
		return;
	n = recv(c->fd, c->rx + c->rx_len, WEFTD_RX_SIZE - c->rx_len,
		 MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		weftd_conn_close(c, strerror(errno));
		return;
	}
	if (n == 0) {
		weftd_conn_close(c, "connection closed by peer");
		return;
	}
	c->rx_len += n;
	c->last_rx_ms = weftd_now_ms();
	c->echo_pending = false;
	if (!conn_parse(c))
		weftd_conn_close(c, "unrecoverable framing error");
}

static void conn_connected(struct weftd_conn *c)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err) {
		weftd_conn_close(c, strerror(err));
		return;
	}
	weftd_info("conn %u: connected to %s", c->id, c->peer);
	c->state = WEFTD_CONN_HELLO;
	c->connected_ms = c->last_rx_ms = weftd_now_ms();
	if (c->remote)
		weftd_remote_connected(c->remote);
	conn_update_events(c);
	weftd_ofp_start(c);
}

static void conn_event(struct weftd_watch *w, uint32_t events)
{
	struct weftd_conn *c = (struct weftd_conn *)((char *)w -
				offsetof(struct weftd_conn, watch));

	if (c->state == WEFTD_CONN_CONNECTING) {
		conn_connected(c);
		return;
	}
	if (events & EPOLLOUT || c->write_failed) {
		if (!conn_flush(c) || c->write_failed) {
			weftd_conn_close(c, "write failed");
			return;
		}
		if (c->state == WEFTD_CONN_CLOSING && !weftd_conn_backlog(c)) {
			weftd_conn_close(c, "error sent");
			return;
		}
		if (c->paused && weftd_conn_backlog(c) <= max_queue / 2) {
			c->paused = false;
			/* Input may be waiting in the buffer already. */
			if (c->rx_len && !conn_parse(c)) {
				weftd_conn_close(c, "unrecoverable framing error");
				return;
			}
		}
		conn_update_events(c);
	}
	if (events & EPOLLIN) {
		conn_read(c);
		return;
	}
	if (events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP))
		weftd_conn_close(c, "connection closed by peer");
}

/*
 * No input for a probe interval: send an ECHO_REQUEST; none for another:
 * the peer is gone (what Open vSwitch calls the inactivity probe).
 */
static void conn_probe(struct weftd_timer *t)
{
	struct weftd_conn *c = (struct weftd_conn *)((char *)t -
				offsetof(struct weftd_conn, probe));
	uint64_t idle = weftd_now_ms() - c->last_rx_ms;

	if (c->state == WEFTD_CONN_CLOSING) {
		weftd_conn_close(c, "peer does not read");
		return;
	}
	if (c->state == WEFTD_CONN_CONNECTING) {
		weftd_conn_close(c, "connection timed out");
		return;
	}
	if (idle < probe_ms) {
		weftd_timer_arm(t, probe_ms - idle);
		return;
	}
	if (c->echo_pending) {
		weftd_conn_close(c, "no response to inactivity probe");
		return;
	}
	if (c->state == WEFTD_CONN_READY) {
		weftd_dbg("conn %u: idle %llu ms: sending echo request",
			  c->id, (unsigned long long)idle);
		weftd_ofp_send_echo(c);
	}
	c->echo_pending = true;
	weftd_timer_arm(t, probe_ms);
}
