/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weftd's event loop: one epoll set for every socket the daemon serves
 * (OpenFlow connections, listeners, netlink, rtnetlink, the control
 * socket) and a short list of timers.  Single-threaded: callbacks run to
 * completion and must never block on a peer.
 */
#ifndef WEFTD_LOOP_H
#define WEFTD_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct weftd_watch;
typedef void (*weftd_watch_fn)(struct weftd_watch *w, uint32_t events);

/* A file descriptor the loop polls; embed it in the owner's struct. */
struct weftd_watch {
	int fd;
	uint32_t events;	/* EPOLLIN, EPOLLOUT */
	weftd_watch_fn fn;
	bool added;
};

struct weftd_timer;
typedef void (*weftd_timer_fn)(struct weftd_timer *t);

/* A one-shot timer; rearm it from its callback for a periodic one. */
struct weftd_timer {
	uint64_t when_ms;	/* CLOCK_MONOTONIC; 0: not armed */
	weftd_timer_fn fn;
	struct weftd_timer *next;
};

int weftd_loop_init(void);
void weftd_loop_exit(void);

/* Monotonic milliseconds, read once per loop iteration. */
uint64_t weftd_now_ms(void);
/* The same, read now. */
uint64_t weftd_clock_ms(void);

int weftd_watch_add(struct weftd_watch *w, int fd, uint32_t events,
		    weftd_watch_fn fn);
int weftd_watch_set(struct weftd_watch *w, uint32_t events);
void weftd_watch_del(struct weftd_watch *w);

void weftd_timer_init(struct weftd_timer *t, weftd_timer_fn fn);
void weftd_timer_arm(struct weftd_timer *t, uint64_t delay_ms);
void weftd_timer_cancel(struct weftd_timer *t);

/*
 * Run until weftd_loop_stop().  Returns 0, or a negative errno when epoll
 * itself fails.
 */
int weftd_loop_run(void);
void weftd_loop_stop(void);

#endif /* WEFTD_LOOP_H */
