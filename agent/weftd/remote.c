// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf.h"
#include "conn.h"
#include "log.h"
#include "remote.h"

#define BACKOFF_MIN_MS	1000

static struct weftd_remote *remotes;
static unsigned int n_remotes;
static unsigned int backoff_max_ms = 8000;

unsigned int weftd_remotes_count(void)
{
	return n_remotes;
}

struct weftd_remote *weftd_remote_get(unsigned int i)
{
	return i < n_remotes ? &remotes[i] : NULL;
}

static void set_nodelay(int fd)
{
	int one = 1;

	/* OpenFlow is request/response: Nagle only adds latency. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static void remote_dial(struct weftd_remote *r)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct weftd_conn *c;
	bool connecting;
	int fd;

	sin.sin_port = htons(r->port);
	inet_pton(AF_INET, r->host, &sin.sin_addr);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	set_nodelay(fd);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
		connecting = false;
	} else if (errno == EINPROGRESS) {
		connecting = true;
	} else {
		weftd_dbg("%s: connect: %s", r->target, strerror(errno));
		close(fd);
		goto fail;
	}
	c = weftd_conn_new(fd, WEFTD_CONN_CONTROLLER, r->target, connecting);
	if (!c) {
		close(fd);
		goto fail;
	}
	c->remote = r;
	r->conn = c;
	if (!connecting)
		weftd_remote_connected(r);
	return;
fail:
	r->n_failures++;
	weftd_timer_arm(&r->retry, r->backoff_ms);
	r->backoff_ms = r->backoff_ms * 2 > backoff_max_ms ?
			backoff_max_ms : r->backoff_ms * 2;
}

static void remote_retry(struct weftd_timer *t)
{
	struct weftd_remote *r = (struct weftd_remote *)((char *)t -
				  offsetof(struct weftd_remote, retry));

	if (!r->conn)
		remote_dial(r);
}

void weftd_remote_connected(struct weftd_remote *r)
{
	r->n_connects++;
	r->backoff_ms = BACKOFF_MIN_MS;
}

void weftd_remote_closed(struct weftd_remote *r)
{
	r->conn = NULL;
	r->n_failures++;
	weftd_info("%s: reconnecting in %u ms", r->target, r->backoff_ms);
	weftd_timer_arm(&r->retry, r->backoff_ms);
	r->backoff_ms = r->backoff_ms * 2 > backoff_max_ms ?
			backoff_max_ms : r->backoff_ms * 2;
}

static void listener_event(struct weftd_watch *w, uint32_t events)
{
	struct weftd_remote *r = (struct weftd_remote *)((char *)w -
				  offsetof(struct weftd_remote, watch));
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	char peer[64], addr[INET_ADDRSTRLEN];
	int fd;

	(void)events;
	for (;;) {
		fd = accept4(r->watch.fd, (struct sockaddr *)&sin, &len,
			     SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR)
				weftd_warn("%s: accept: %s", r->target,
					   strerror(errno));
			return;
		}
		set_nodelay(fd);
		inet_ntop(AF_INET, &sin.sin_addr, addr, sizeof(addr));
		snprintf(peer, sizeof(peer), "tcp:%s:%u", addr,
			 ntohs(sin.sin_port));
		if (!weftd_conn_new(fd, WEFTD_CONN_SERVICE, peer, false))
			close(fd);
		r->n_connects++;
	}
}

static int remote_listen(struct weftd_remote *r)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd, one = 1;

	sin.sin_port = htons(r->port);
	inet_pton(AF_INET, r->host, &sin.sin_addr);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, 64) < 0 ||
	    weftd_watch_add(&r->watch, fd, EPOLLIN, listener_event)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return 0;
}

uint16_t weftd_remote_bound_port(const struct weftd_remote *r)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (!r->passive || getsockname(r->watch.fd, (struct sockaddr *)&sin,
				       &len) < 0)
		return r->port;
	return ntohs(sin.sin_port);
}

int weftd_remotes_init(char *const *controllers, unsigned int n_controllers,
		       char *const *listeners, unsigned int n_listeners,
		       unsigned int max_backoff_s)
{
	unsigned int i;
	int err;

	backoff_max_ms = max_backoff_s * 1000;
	if (backoff_max_ms < BACKOFF_MIN_MS)
		backoff_max_ms = BACKOFF_MIN_MS;
	remotes = calloc(n_controllers + n_listeners + 1, sizeof(*remotes));
	if (!remotes)
		return -1;
	for (i = 0; i < n_controllers + n_listeners; i++) {
		struct weftd_remote *r = &remotes[n_remotes];
		bool passive = i >= n_controllers;
		const char *t = passive ? listeners[i - n_controllers] :
					  controllers[i];

		snprintf(r->target, sizeof(r->target), "%s", t);
		r->passive = passive;
		if (weftd_remote_parse(t, passive, r->host, sizeof(r->host),
				       &r->port)) {
			weftd_err("bad remote \"%s\"", t);
			return -1;
		}
		weftd_timer_init(&r->retry, remote_retry);
		r->backoff_ms = BACKOFF_MIN_MS;
		n_remotes++;
		if (passive) {
			err = remote_listen(r);
			if (err) {
				weftd_err("%s: cannot listen: %s", t,
					  strerror(-err));
				return -1;
			}
			weftd_info("listening on %s (port %u)", t,
				   weftd_remote_bound_port(r));
		} else {
			weftd_info("controller %s", t);
			remote_dial(r);
		}
	}
	return 0;
}

void weftd_remotes_exit(void)
{
	unsigned int i;

	for (i = 0; i < n_remotes; i++) {
		struct weftd_remote *r = &remotes[i];

		weftd_timer_cancel(&r->retry);
		if (r->passive && r->watch.added) {
			weftd_watch_del(&r->watch);
			close(r->watch.fd);
		}
		if (r->conn)
			r->conn->remote = NULL;
	}
	free(remotes);
	remotes = NULL;
	n_remotes = 0;
}
