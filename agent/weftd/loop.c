// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop.  Timers are few (one or two per connection), so they
 * live in an unsorted list scanned once per iteration rather than a heap.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "log.h"

static int epfd = -1;
static bool stopping;
static uint64_t now_ms;
static struct weftd_timer *timers;
/* The events of the current iteration, so that a watch removed by an
 * earlier callback (and maybe freed) is not called. */
static struct epoll_event cur_evs[64];
static int cur_n;

uint64_t weftd_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t weftd_now_ms(void)
{
	return now_ms;
}

int weftd_loop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return -errno;
	now_ms = weftd_clock_ms();
	return 0;
}

void weftd_loop_exit(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
	timers = NULL;
}

int weftd_watch_add(struct weftd_watch *w, int fd, uint32_t events,
		    weftd_watch_fn fn)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	w->fd = fd;
	w->events = events;
	w->fn = fn;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -errno;
	w->added = true;
	return 0;
}

int weftd_watch_set(struct weftd_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (!w->added || w->events == events)
		return 0;
	if (epoll_ctl(epfd, EPOLL_CTL_MOD, w->fd, &ev) < 0)
		return -errno;
	w->events = events;
	return 0;
}

void weftd_watch_del(struct weftd_watch *w)
{
	int i;

	if (!w->added)
		return;
	epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->added = false;
	for (i = 0; i < cur_n; i++)
		if (cur_evs[i].data.ptr == w)
			cur_evs[i].data.ptr = NULL;
}

void weftd_timer_init(struct weftd_timer *t, weftd_timer_fn fn)
{
	memset(t, 0, sizeof(*t));
	t->fn = fn;
}

static void timer_unlink(struct weftd_timer *t)
{
	struct weftd_timer **pp;

	for (pp = &timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->next = NULL;
}

void weftd_timer_arm(struct weftd_timer *t, uint64_t delay_ms)
{
	if (t->when_ms)
		timer_unlink(t);
	t->when_ms = weftd_clock_ms() + delay_ms;
	if (!t->when_ms)
		t->when_ms = 1;
	t->next = timers;
	timers = t;
}

void weftd_timer_cancel(struct weftd_timer *t)
{
	if (!t->when_ms)
		return;
	timer_unlink(t);
	t->when_ms = 0;
}

/* Milliseconds until the first timer is due, -1 for none. */
static int next_timeout(void)
{
	struct weftd_timer *t;
	uint64_t first = UINT64_MAX;

	for (t = timers; t; t = t->next)
		if (t->when_ms < first)
			first = t->when_ms;
	if (first == UINT64_MAX)
		return -1;
	if (first <= now_ms)
		return 0;
	return first - now_ms > 60000 ? 60000 : (int)(first - now_ms);
}

/*
 * Fire the due timers one at a time, rescanning after each, since a
 * callback may arm or cancel any timer (its own included).
 */
static void run_timers(void)
{
	struct weftd_timer *t;

	for (;;) {
		for (t = timers; t; t = t->next)
			if (t->when_ms <= now_ms)
				break;
		if (!t)
			return;
		timer_unlink(t);
		t->when_ms = 0;
		t->fn(t);
	}
}

void weftd_loop_stop(void)
{
	stopping = true;
}

int weftd_loop_run(void)
{
	struct epoll_event *evs = cur_evs;
	int i, n;

	stopping = false;
	while (!stopping) {
		now_ms = weftd_clock_ms();
		n = epoll_wait(epfd, evs, 64, next_timeout());
		now_ms = weftd_clock_ms();
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		cur_n = n;
		for (i = 0; i < n && !stopping; i++) {
			struct weftd_watch *w = evs[i].data.ptr;

			if (w)
				w->fn(w, evs[i].events);
		}
		cur_n = 0;
		run_timers();
	}
	return 0;
}
