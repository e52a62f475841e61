/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remotes: the controllers weftd dials ("tcp:IP:PORT", kept connected with
 * exponential back-off) and the listeners it serves management tools on
 * ("ptcp:PORT[:IP]", any number of clients at once).
 */
#ifndef WEFTD_REMOTE_H
#define WEFTD_REMOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"

struct weftd_conn;

struct weftd_remote {
	char target[64];
	char host[64];
	uint16_t port;
	bool passive;
	struct weftd_conn *conn;	/* active: the connection, if any */
	struct weftd_watch watch;	/* passive: the listening socket */
	struct weftd_timer retry;	/* active: the next attempt */
	unsigned int backoff_ms;
	unsigned int n_connects;	/* attempts that connected */
	unsigned int n_failures;
};

/* Start serving the configured remotes; -1 after logging why not. */
int weftd_remotes_init(char *const *controllers, unsigned int n_controllers,
		       char *const *listeners, unsigned int n_listeners,
		       unsigned int max_backoff_s);
void weftd_remotes_exit(void);

unsigned int weftd_remotes_count(void);
struct weftd_remote *weftd_remote_get(unsigned int i);

/* From conn.c: the active connection of @r came up / went away. */
void weftd_remote_connected(struct weftd_remote *r);
void weftd_remote_closed(struct weftd_remote *r);

/* The local port of a listener (for ptcp:0, the kernel's choice). */
uint16_t weftd_remote_bound_port(const struct weftd_remote *r);

#endif /* WEFTD_REMOTE_H */
