// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
/*
 * weftd: the weft agent.  Owns one datapath and serves OpenFlow 1.0 and
 * 1.3 on it, to the controllers it dials and the tools that connect to
 * its listeners.  See weftd.8.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <linux/weft.h>
#include <libmnl/libmnl.h>

#include "conf.h"
#include "conn.h"
#include "ctl.h"
#include "log.h"
#include "loop.h"
#include "nl.h"
#include "of.h"
#include "remote.h"
#include "table.h"
#include "weftd.h"

static const char usage[] =
"Usage: weftd [OPTIONS]\n"
"  -f, --config FILE        configuration file (default " WEFTD_CONF_FILE ")\n"
"  -d, --datapath NAME      the datapath to own (created if missing)\n"
"  -c, --controller tcp:IP:PORT   a controller to connect to (repeatable)\n"
"  -l, --listen ptcp:PORT[:IP]    accept management connections (repeatable)\n"
"      --dpid HEX           datapath ID (default: from the datapath's MAC)\n"
"      --protocols LIST     OpenFlow10,OpenFlow13 (default: both)\n"
"      --probe-interval S   inactivity probe, seconds (0: off; default 5)\n"
"      --max-backoff S      reconnection back-off ceiling (default 8)\n"
"      --ctl PATH           control socket (default " WEFTD_CTL_DIR "/weftd-DP.ctl)\n"
"      --log-level LEVEL    err, warn, info, debug (default info)\n"
"      --syslog             log to syslog instead of stderr\n"
"  -h, --help               this text\n"
"  -V, --version            print the version\n";

static const struct option options[] = {
	{ "config", required_argument, NULL, 'f' },
	{ "datapath", required_argument, NULL, 'd' },
	{ "controller", required_argument, NULL, 'c' },
	{ "listen", required_argument, NULL, 'l' },
	{ "dpid", required_argument, NULL, 'D' },
	{ "protocols", required_argument, NULL, 'P' },
	{ "probe-interval", required_argument, NULL, 'p' },
	{ "max-backoff", required_argument, NULL, 'b' },
	{ "ctl", required_argument, NULL, 'C' },
	{ "log-level", required_argument, NULL, 'L' },
	{ "syslog", no_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

/* Command-line option -> configuration key. */
static const char *opt_key(int opt)
{
	switch (opt) {
	case 'd': return "datapath";
	case 'c': return "controller";
	case 'l': return "listen";
	case 'D': return "datapath_id";
	case 'P': return "protocols";
	case 'p': return "probe_interval";
	case 'b': return "max_backoff";
	case 'C': return "control_socket";
	case 'L': return "log_level";
	}
	return NULL;
}

static int parse_args(int argc, char **argv, struct weftd_conf *conf)
{
	const char *file = WEFTD_CONF_FILE;
	bool file_given = false, cli_controllers = false, cli_listeners = false;
	char err[256];
	int opt;

	/* First pass: the file, whose settings the options then override. */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "f:d:c:l:hV", options, NULL)) != -1) {
		if (opt == 'f') {
			file = optarg;
			file_given = true;
		}
	}
	if (weftd_conf_read(conf, file, !file_given))
		return -2;
	optind = 1;
	opterr = 1;
	while ((opt = getopt_long(argc, argv, "f:d:c:l:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		case 'V':
			printf("weftd %s\n", WEFTD_VERSION);
			exit(0);
		case 'S':
			conf->syslog = true;
			break;
		case 'c':
			/* The command line's list replaces the file's. */
			if (!cli_controllers)
				weftd_conf_clear_list(conf->controllers,
						      &conf->n_controllers);
			cli_controllers = true;
			goto set;
		case 'l':
			if (!cli_listeners)
				weftd_conf_clear_list(conf->listeners,
						      &conf->n_listeners);
			cli_listeners = true;
			goto set;
		default:
			if (!opt_key(opt)) {
				fputs(usage, stderr);
				return -2;
			}
set:
			if (weftd_conf_set(conf, opt_key(opt), optarg, err,
					   sizeof(err))) {
				fprintf(stderr, "weftd: %s\n", err);
				return -2;
			}
			break;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "weftd: unexpected argument \"%s\"\n", argv[optind]);
		return -2;
	}
	if (!conf->ctl_socket[0])
		snprintf(conf->ctl_socket, sizeof(conf->ctl_socket),
			 WEFTD_CTL_DIR "/weftd-%s.ctl", conf->datapath);
	return 0;
}

static struct weftd_watch sig_watch;

static void sig_event(struct weftd_watch *w, uint32_t events)
{
	struct signalfd_siginfo si;

	(void)events;
	if (read(w->fd, &si, sizeof(si)) != sizeof(si))
		return;
	weftd_info("signal %u: exiting", si.ssi_signo);
	weftd_loop_stop();
}

static int signals_init(void)
{
	sigset_t set;
	int fd;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd < 0)
		return -1;
	return weftd_watch_add(&sig_watch, fd, EPOLLIN, sig_event);
}

/*
 * Table misses of table 0 go to weftd, which hands them to OpenFlow 1.0
 * controllers (whose switches send misses up) and not to 1.3 ones (whose
 * switches drop them unless a table-miss flow says otherwise).
 */
static void table_miss_init(void)
{
	struct weft_table_set set = {
		.id = 0, .has_miss = true, .miss = WEFT_TABLE_MISS_CONTROLLER,
		.has_max_len = true, .miss_max_len = WEFT_CTRL_NO_BUFFER,
	};
	struct nlmsghdr *nlh;
	int err;

	if (!(weftd.conf->versions & (1U << WEFT_OFP10_VERSION)))
		return;
	nlh = weft_nl_req(weftd.nl, WEFT_CMD_TABLE_SET, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	weft_table_put(nlh, WEFT_NL_REQ_SIZE, 0, &set);
	err = weft_nl_do(weftd.nl, nlh, NULL, NULL);
	if (err)
		weftd_warn("table 0 misses stay dropped: %s",
			   weftd_nl_strerror(weftd.nl, err));
}

static void dpid_init(void)
{
	const struct weftd_port *local = weftd_port_find(WEFT_PORT_LOCAL);
	int i;

	if (weftd.conf->has_dpid) {
		weftd.dpid = weftd.conf->dpid;
	} else if (local) {
		/* Open vSwitch's rule: the bridge's MAC in the low 48 bits. */
		for (i = 0; i < 6; i++)
			weftd.dpid = weftd.dpid << 8 | local->mac[i];
	}
	weftd_info("datapath id %016llx", (unsigned long long)weftd.dpid);
}

int main(int argc, char **argv)
{
	struct weftd_conf conf;
	int rc = 1, err;

	weftd_conf_defaults(&conf);
	err = parse_args(argc, argv, &conf);
	if (err) {
		weftd_conf_free(&conf);
		return err == -2 ? 2 : 1;
	}
	weftd_log_open(conf.syslog, conf.log_level);
	weftd_conn_set_limits((size_t)conf.max_queue_kb << 10,
			      conf.probe_interval_s);
	if (weftd_loop_init() || signals_init()) {
		weftd_err("event loop: %s", strerror(errno));
		goto out;
	}
	weftd.start_ms = weftd_now_ms();
	if (conf.conf_file)
		weftd_info("configuration from %s", conf.conf_file);
	if (weftd_dp_init(&conf) || weftd_ports_init())
		goto out_dp;
	dpid_init();
	table_miss_init();
	if (weftd_ctl_init(conf.ctl_socket))
		goto out_ports;
	if (weftd_remotes_init(conf.controllers, conf.n_controllers,
			       conf.listeners, conf.n_listeners,
			       conf.max_backoff_s))
		goto out_remotes;
	if (!conf.n_controllers)
		weftd_info("no controller configured: the flows in the kernel stay as they are (fail-secure)");
	err = weftd_loop_run();
	if (err)
		weftd_err("event loop: %s", strerror(-err));
	else
		rc = 0;
out_remotes:
	weftd_conn_close_all();
	weftd_remotes_exit();
	weftd_ctl_exit();
out_ports:
	weftd_ports_exit();
out_dp:
	weftd_dp_exit();
out:
	weftd_loop_exit();
	weftd_log_close();
	weftd_conf_free(&conf);
	return rc;
}
