// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl monitor [DP] [--count N] [--timeout S]: print notifications as
 * they come, as `ip monitor` and `ovs-ofctl monitor` do.
 *
 * Events (datapaths and ports coming and going, removed flows) come from
 * the "events" multicast group.  Packet-ins are unicast to one listener
 * per datapath: with a DP, the monitor makes itself that listener and
 * gives the role back (port id 0) when it ends, if it still has it.
 *
 * Two sockets: packet-ins may arrive the moment the datapath knows its
 * listener, and on the socket that sent the request they would be taken
 * for strays while waiting for the ACK.  So requests go on weftctl's
 * usual socket and notifications arrive on their own.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/weft.h>

#include "dp.h"
#include "nl.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

#define USAGE "monitor [DP] [--count N] [--timeout SECONDS]"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

struct mon {
	const char *dp;
	unsigned long long count;	/* 0: no limit */
	unsigned long long seen;
	int bad;			/* malformed notifications */
};

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mon *m = data;
	int ret;

	if (m->count && m->seen >= m->count)
		return 0;
	ret = weft_show_event(nlh, m->dp);
	if (ret > 0)
		m->seen++;
	else if (ret < 0)
		m->bad++;
	return 0;
}

static int dp_cb(const struct nlmsghdr *nlh, void *data)
{
	return weft_dp_msg_parse(nlh, data);
}

/* Name @pid the listener of @dp (0: none), on the request socket. */
static int set_listener(const char *dp, __u32 pid)
{
	struct weft_dp_set set = { .has_pid = true, .upcall_pid = pid };
	struct weft_nl *nl = weft_ctl_nl();
	struct nlmsghdr *nlh;

	if (!nl)
		return -ENOTCONN;
	nlh = weft_nl_req(nl, WEFT_CMD_DP_SET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	weft_dp_set_put(nlh, WEFT_NL_REQ_SIZE, &set);
	return weft_nl_do(nl, nlh, NULL, NULL);
}

/* Give the listener role back, unless someone else took it meanwhile. */
static int release_listener(const char *dp, __u32 pid)
{
	struct weft_nl *nl = weft_ctl_nl();
	struct weft_dp_info info;
	struct nlmsghdr *nlh;
	int err;

	if (!nl)
		return -ENOTCONN;
	nlh = weft_nl_req(nl, WEFT_CMD_DP_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	err = weft_nl_do(nl, nlh, dp_cb, &info);
	/* The datapath went away with its listener: nothing to undo. */
	if (err == -ENOENT)
		return 0;
	if (err || info.upcall_pid != pid)
		return err;
	return set_listener(dp, 0);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_args(int argc, char **argv, struct mon *m, double *timeout)
{
	unsigned long long v;
	char *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--count") || !strcmp(argv[i], "--timeout")) {
			if (i + 1 == argc) {
				weft_ctl_err("missing value after \"%s\"", argv[i]);
				return WEFTCTL_EXIT_USAGE;
			}
			if (argv[i][2] == 'c') {
				if (weft_parse_ull(argv[i + 1], strlen(argv[i + 1]),
						   ~0ULL, &v) || !v) {
					weft_ctl_err("invalid count \"%s\" (1 or more)",
						     argv[i + 1]);
					return WEFTCTL_EXIT_ERROR;
				}
				m->count = v;
			} else {
				errno = 0;
				*timeout = strtod(argv[i + 1], &end);
				if (errno || *end || end == argv[i + 1] ||
				    !(*timeout > 0 && *timeout < 1e9)) {
					weft_ctl_err("invalid timeout \"%s\" (seconds, more than 0)",
						     argv[i + 1]);
					return WEFTCTL_EXIT_ERROR;
				}
			}
			i++;
		} else if (argv[i][0] == '-') {
			weft_ctl_err("unknown option \"%s\"", argv[i]);
			return WEFTCTL_EXIT_USAGE;
		} else if (!m->dp) {
			if (!weft_ctl_check_dp(argv[i]))
				return WEFTCTL_EXIT_ERROR;
			m->dp = argv[i];
		} else {
			weft_ctl_err("unknown argument \"%s\"", argv[i]);
			return WEFTCTL_EXIT_USAGE;
		}
	}
	return 0;
}

/* Wait for and print notifications until done; returns the exit status. */
static int watch(struct weft_nl *rx, struct mon *m, double timeout)
{
	double deadline = timeout > 0 ? now() + timeout : 0;
	struct pollfd pfd = { .fd = weft_nl_fd(rx), .events = POLLIN };
	int err;

	while (!stop_signal && (!m->count || m->seen < m->count)) {
		int ms = -1;

		if (deadline) {
			double left = deadline - now();

			if (left <= 0)
				break;
			ms = (int)(left * 1000.0 + 0.999);
		}
		err = poll(&pfd, 1, ms);
		if (err < 0 && errno == EINTR)
			continue;
		if (err < 0) {
			weft_ctl_err("monitor: poll: %s", strerror(errno));
			return WEFTCTL_EXIT_ERROR;
		}
		if (!err)
			continue;
		err = weft_nl_recv_notify(rx, event_cb, m);
		/* Nobody reads any more (| head): stop, but tidy up first. */
		if (ferror(stdout))
			break;
		if (err == -ENOBUFS) {
			/* Say so, and go on: the next events are still news. */
			weft_ctl_err("monitor: notifications were lost (socket buffer full)");
			continue;
		}
		if (err && err != -EINTR) {
			weft_ctl_err("monitor: %s", strerror(-err));
			return WEFTCTL_EXIT_ERROR;
		}
	}
	if (m->count && m->seen < m->count && !stop_signal && !ferror(stdout)) {
		weft_ctl_err("monitor: timed out after %g s with %llu of %llu events",
			     timeout, m->seen, m->count);
		return WEFTCTL_EXIT_ERROR;
	}
	return 0;
}

int weft_cmd_monitor(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct mon m = { 0 };
	struct weft_nl *rx = NULL;
	double timeout = 0;
	bool listening = false;
	__u32 pid = 0;
	int ret, err;

	ret = parse_args(argc, argv, &m, &timeout);
	if (ret == WEFTCTL_EXIT_USAGE)
		return weft_ctl_usage(USAGE);
	if (ret)
		return ret;
	if (!weft_ctl_nl())
		return WEFTCTL_EXIT_ERROR;
	err = weft_nl_open(&rx);
	if (!err)
		err = weft_nl_subscribe_events(rx);
	if (err) {
		weft_ctl_err("monitor: cannot listen to \"%s\" events: %s",
			     WEFT_MCGRP_EVENTS, strerror(-err));
		weft_nl_close(rx);
		return WEFTCTL_EXIT_ERROR;
	}
	/* No SA_RESTART: a signal must end the wait in poll(). */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* A closed pipe must not kill us before the listener is given back. */
	signal(SIGPIPE, SIG_IGN);
	if (m.dp) {
		pid = weft_nl_portid(rx);
		err = set_listener(m.dp, pid);
		if (err) {
			weft_nl_close(rx);
			return weft_ctl_nl_err(err, "monitor \"%s\": cannot receive packet-ins",
					       m.dp);
		}
		listening = true;
	}
	ret = watch(rx, &m, timeout);
	if (listening) {
		err = release_listener(m.dp, pid);
		if (err)
			ret = weft_ctl_nl_err(err, "monitor \"%s\": cannot stop receiving packet-ins",
					      m.dp);
	}
	if (m.bad)
		weft_ctl_err("monitor: %d malformed notification(s) skipped", m.bad);
	weft_nl_close(rx);
	return ret;
}
