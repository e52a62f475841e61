// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl: configure weft datapaths, ports and flows over generic netlink.
 *
 *	weftctl [-j|--json] [-p|--pretty] [-n|--netns NAME] COMMAND ...
 *
 * Exit status: 0 on success, 1 on any error, 2 on a usage error.
 */
#define _GNU_SOURCE	/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/weft.h>

#include "port.h"
#include "print.h"
#include "util.h"
#include "weftctl.h"

static const char usage_text[] =
	"[-j|--json] [-p|--pretty] [-n|--netns NAME] COMMAND [ARGS...]\n"
	"\n"
	"  -n NAME  work in network namespace NAME (as ip -n: /run/netns/NAME)\n"
	"\n"
	"Commands:\n"
	"  dp add NAME                  create datapath NAME (and its local port NAME)\n"
	"  dp del NAME                  delete a datapath with its ports and flows\n"
	"  dp set DP [upcall_rate=N] [upcall_burst=N] [upcall_pid=N]\n"
	"                               packet-in rate limit and listener\n"
	"  dp show [NAME]               show datapaths\n"
	"  port add DP DEV [type netdev|internal] [port_no N]\n"
	"                               attach netdev DEV, or create internal port DEV\n"
	"  port del DP PORT             detach a port (PORT: number or netdev name)\n"
	"  port show DP [PORT]          show ports\n"
	"  flow add DP [--excl] FLOW    add a flow (ovs-ofctl syntax); an identical\n"
	"                               flow is replaced, or with --excl an error\n"
	"  flow add DP [--excl] - | --file FILE [--timing]\n"
	"                               add one flow per line (# starts a comment)\n"
	"  flow mod DP FLOW [--strict]  change the instructions of matching flows\n"
	"  flow del DP [MATCH] [--strict]\n"
	"                               delete matching flows (no MATCH: all)\n"
	"  flow dump DP [table=N]       show flows as ovs-ofctl dump-flows does\n"
	"  flow flush DP                delete every flow\n"
	"  flow bundle DP FILE|-        apply add|mod|mod_strict|del|del_strict\n"
	"                               lines all or nothing\n"
	"  table show DP [TABLE]        table counters and miss behaviour\n"
	"  table set DP TABLE [miss=drop|controller|continue] [max_len=N]\n"
	"  group add|mod DP GROUP       add or replace an OpenFlow group\n"
	"  group del DP [GROUP]         delete a group (no GROUP: all)\n"
	"  group dump DP [GROUP] [--stats]\n"
	"                               show groups as ovs-ofctl dump-groups does\n"
	"  group stats DP [GROUP]       their counters, as dump-group-stats\n"
	"  trace DP PACKET              what the tables would do with a packet\n"
	"  packet-out DP [in_port=PORT] actions=ACTIONS packet=HEX\n"
	"                               run actions on a frame\n"
	"  monitor [DP] [--count N] [--timeout S]\n"
	"                               print events (and, with DP, packet-ins)\n"
	"  stats [DP]                   datapath and port counters (no DP: all,\n"
	"                               and the module's object counts)\n"
	"  agent [--socket PATH] DP show|connections|messages\n"
	"                               ask the weftd that owns DP\n"
	"  help                         show this text\n"
	"\n"
	"FLOW is [table=N,][priority=N,][cookie=N,][flags,]MATCH,actions=ACTIONS\n"
	"  MATCH fields: in_port in_phy_port metadata reg0..reg7 tun_id tun_src\n"
	"    tun_dst dl_src dl_dst dl_type dl_vlan dl_vlan_pcp vlan_tci vlan_vid\n"
	"    nw_src nw_dst ipv6_src ipv6_dst ipv6_label nw_proto ip_dscp nw_tos\n"
	"    nw_ecn ip_frag tp_src tp_dst tcp_* udp_* sctp_* tcp_flags icmp_type\n"
	"    icmp_code icmpv6_type icmpv6_code arp_op arp_spa arp_tpa arp_sha\n"
	"    arp_tha nd_target nd_sll nd_tll mpls_label mpls_tc mpls_bos;\n"
	"    shorthands ip icmp tcp udp sctp ipv6 icmp6 tcp6 udp6 sctp6 arp rarp\n"
	"    mpls mplsm; masks as dl_dst=M/M, nw_src=A/LEN, reg0=V/M\n"
	"  flags: send_flow_rem check_overlap reset_counts no_packet_counts\n"
	"    no_byte_counts; idle_timeout=S hard_timeout=S; out_port=PORT and\n"
	"    out_group=N (del)\n"
	"  ACTIONS: output:PORT, PORT, in_port, flood, all, local, controller[:N],\n"
	"    group:N, set_field:V->FIELD, mod_dl_src/dst, mod_nw_src/dst/tos/ecn,\n"
	"    mod_tp_src/dst, mod_vlan_vid/pcp, push_vlan, pop_vlan, push_mpls,\n"
	"    pop_mpls, set_mpls_label/tc/ttl, dec_mpls_ttl, dec_ttl, mod_nw_ttl,\n"
	"    copy_ttl_out/in, set_queue:N, drop; then clear_actions,\n"
	"    write_actions(...), write_metadata:V[/M], goto_table:N\n"
	"  PORT: a number, a port's netdev name, or LOCAL\n"
	"\n"
	"-j prints JSON, -p pretty-prints it.  Exit status: 0 success, 1 error,\n"
	"2 usage error.\n";

static struct {
	struct weft_nl *nl;
	bool nl_failed;
	/* Port names of one datapath, for flow text. */
	char ports_dp[IFNAMSIZ];
	bool ports_loaded;
	bool resolve_failed;
	struct weft_ctl_vec ports;
} ctl;

void weft_ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("weftctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int weft_ctl_usage(const char *usage)
{
	fprintf(stderr, "Usage: weftctl %s\n", usage);
	return WEFTCTL_EXIT_USAGE;
}

int weft_ctl_dispatch(const struct weft_ctl_cmd *cmds, size_t n_cmds,
		      const char *group, const char *usage,
		      int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return weft_ctl_usage(usage);
	for (i = 0; i < n_cmds; i++)
		if (!strcmp(argv[0], cmds[i].name))
			return cmds[i].fn(argc, argv);
	if (!strcmp(argv[0], "help") || !strcmp(argv[0], "--help") ||
	    !strcmp(argv[0], "-h")) {
		printf("Usage: weftctl %s\n", usage);
		return 0;
	}
	if (group[0])
		weft_ctl_err("unknown %s command \"%s\"", group, argv[0]);
	else
		weft_ctl_err("unknown command \"%s\"", argv[0]);
	return weft_ctl_usage(usage);
}

struct weft_nl *weft_ctl_nl(void)
{
	int err;

	if (ctl.nl || ctl.nl_failed)
		return ctl.nl;
	err = weft_nl_open(&ctl.nl);
	if (err) {
		ctl.nl_failed = true;
		if (err == -ENOENT)
			weft_ctl_err("generic netlink family \"%s\" not found (is the weft module loaded?)",
				     WEFT_GENL_NAME);
		else
			weft_ctl_err("cannot open a generic netlink socket: %s",
				     strerror(-err));
	}
	return ctl.nl;
}

static int nl_verr(struct weft_nl *nl, int err, const char *fmt, va_list ap)
{
	char msg[512];

	if (nl)
		weft_nl_strerror(nl, err, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "%s", strerror(-err));
	fputs("weftctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", msg);
	return WEFTCTL_EXIT_ERROR;
}

int weft_ctl_nl_err(int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = nl_verr(ctl.nl, err, fmt, ap);
	va_end(ap);
	return ret;
}

int weft_ctl_nl_err_on(struct weft_nl *nl, int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = nl_verr(nl, err, fmt, ap);
	va_end(ap);
	return ret;
}

int weft_ctl_resolve_port(void *ctx, const char *name, __u32 *port)
{
	const char *dp = ctx;
	size_t i;
	int err;

	if (ctl.resolve_failed)
		return -EIO;
	if (!ctl.ports_loaded || strcmp(ctl.ports_dp, dp)) {
		weft_ctl_vec_free(&ctl.ports);
		weft_ctl_vec_init(&ctl.ports, sizeof(struct weft_port_info));
		if (!weft_ctl_nl()) {
			ctl.resolve_failed = true;
			return -EIO;
		}
		err = weft_ctl_get_ports(dp, &ctl.ports);
		if (err) {
			/* Say why here: the flow parser only knows a port failed. */
			weft_ctl_nl_err(err, "port show \"%s\"", dp);
			ctl.resolve_failed = true;
			return err;
		}
		snprintf(ctl.ports_dp, sizeof(ctl.ports_dp), "%s", dp);
		ctl.ports_loaded = true;
	}
	for (i = 0; i < ctl.ports.n; i++) {
		const struct weft_port_info *p = weft_ctl_vec_at(&ctl.ports, i);

		if (!strcmp(p->name, name)) {
			*port = p->port_no;
			return 0;
		}
	}
	return -ENOENT;
}

bool weft_ctl_resolve_failed(void)
{
	return ctl.resolve_failed;
}

void weft_ctl_vec_init(struct weft_ctl_vec *v, size_t size)
{
	memset(v, 0, sizeof(*v));
	v->size = size;
}

void *weft_ctl_vec_add(struct weft_ctl_vec *v)
{
	void *item;

	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		char *items = realloc(v->items, cap * v->size);

		if (!items)
			return NULL;
		v->items = items;
		v->cap = cap;
	}
	item = v->items + v->n++ * v->size;
	memset(item, 0, v->size);
	return item;
}

void weft_ctl_vec_free(struct weft_ctl_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("Usage: weftctl %s", usage_text);
	return 0;
}

static const struct weft_ctl_cmd top_cmds[] = {
	{ "dp", weft_cmd_dp },
	{ "port", weft_cmd_port },
	{ "flow", weft_cmd_flow },
	{ "stats", weft_cmd_stats },
	{ "table", weft_cmd_table },
	{ "group", weft_cmd_group },
	{ "trace", weft_cmd_trace },
	{ "packet-out", weft_cmd_packet_out },
	{ "monitor", weft_cmd_monitor },
	{ "agent", weft_cmd_agent },
	{ "help", cmd_help },
};

/*
 * Datapaths live in a network namespace, and the generic netlink socket
 * speaks to the namespace it was opened in: switch before any socket, as
 * `ip -n` does (without ip netns exec's /sys remount, which weftctl does
 * not need).
 */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err = 0;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		weft_ctl_err("invalid network namespace name \"%s\"", name);
		return -1;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		weft_ctl_err("network namespace \"%s\": %s", name,
			     strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		weft_ctl_err("network namespace \"%s\": setns: %s", name,
			     strerror(errno));
		err = -1;
	}
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, pretty = false;
	const char *netns = NULL;
	int c, ret;

	/* '+': options end at the command, whose own options are its own. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jpn:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 'n':
			netns = optarg;
			break;
		case 'h':
			return cmd_help(0, NULL);
		default:
			if (optopt == 'n')
				weft_ctl_err("option \"-n\" needs a namespace name");
			else
				weft_ctl_err("unknown option \"%s\"",
					     argv[optind - 1]);
			fprintf(stderr, "Usage: weftctl %s", usage_text);
			return WEFTCTL_EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "Usage: weftctl %s", usage_text);
		return WEFTCTL_EXIT_USAGE;
	}

	if (netns && enter_netns(netns))
		return WEFTCTL_EXIT_ERROR;
	weft_print_init(stdout, json, pretty);
	ret = weft_ctl_dispatch(top_cmds, ARRAY_SIZE(top_cmds),
				"", "[-j|--json] [-p|--pretty] [-n|--netns NAME] dp|port|flow|table|group|trace|packet-out|monitor|stats|help ...",
				argc - optind, argv + optind);

	weft_ctl_vec_free(&ctl.ports);
	weft_nl_close(ctl.nl);
	if (fflush(stdout) || ferror(stdout)) {
		weft_ctl_err("error writing output: %s", strerror(errno));
		return WEFTCTL_EXIT_ERROR;
	}
	return ret;
}
