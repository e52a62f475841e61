// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl flow add|mod|del|dump|flush (flow add --file and flow bundle are
 * in cmd_flow_file.c)
 *
 * Flow text is ovs-ofctl's (see lib/flow_parse.c).  Port names in it are
 * looked up among the datapath's ports, dumped once per invocation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "dp.h"
#include "flow_text.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

#define ADD_USAGE "flow add DP [--excl] FLOW|-|--file FILE [--timing]"

const char *const weft_ctl_op_words[] = {
	[WEFT_FLOW_OP_ADD] = "add",
	[WEFT_FLOW_OP_MOD] = "mod",
	[WEFT_FLOW_OP_DEL] = "del",
	[WEFT_FLOW_OP_PACKET] = "trace",
};

const __u8 weft_ctl_op_cmds[] = {
	[WEFT_FLOW_OP_ADD] = WEFT_CMD_FLOW_NEW,
	[WEFT_FLOW_OP_MOD] = WEFT_CMD_FLOW_SET,
	[WEFT_FLOW_OP_DEL] = WEFT_CMD_FLOW_DEL,
	[WEFT_FLOW_OP_PACKET] = WEFT_CMD_TRACE,
};

bool weft_ctl_check_dp(const char *dp)
{
	if (weft_dp_name_ok(dp))
		return true;
	weft_ctl_err("invalid datapath name \"%s\" (1 to %d bytes)", dp,
		     IFNAMSIZ - 1);
	return false;
}

/*
 * The flow text may come as one argument or several (the shell split it at
 * spaces, which the syntax treats like commas): join them back.
 */
char *weft_ctl_join_args(int argc, char **argv)
{
	size_t len = 1;
	char *text, *p;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = malloc(len);
	if (!text)
		return NULL;
	p = text;
	*p = '\0';
	for (i = 0; i < argc; i++)
		p += sprintf(p, "%s%s", i ? " " : "", argv[i]);
	return text;
}

int weft_ctl_parse_flow(const char *dp, const char *text, enum weft_flow_op op,
			bool strict, struct weft_flow *flow, const char *where)
{
	char msg[512];

	if (weft_flow_from_str(flow, text, op, strict, weft_ctl_resolve_port,
			       (void *)dp, msg, sizeof(msg))) {
		/* A failed port dump has already said why. */
		if (!weft_ctl_resolve_failed())
			weft_ctl_err("%s%s", where, msg);
		return WEFTCTL_EXIT_ERROR;
	}
	return 0;
}

static int send_flow(const char *dp, const struct weft_flow *flow,
		     enum weft_flow_op op, const char *text, const char *where)
{
	struct weft_nl *nl = weft_ctl_nl();
	struct nlmsghdr *nlh;
	int err;

	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	/*
	 * Requests carry no NLM_F_CREATE/EXCL (the family refuses them):
	 * without WEFT_FLOW_A_EXCL an identical flow is replaced, as
	 * OpenFlow's add does.
	 */
	nlh = weft_nl_req(nl, weft_ctl_op_cmds[op], 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	err = weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, flow);
	if (!err)
		err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "%sflow %s \"%s\" \"%s\"", where,
				       weft_ctl_op_words[op], dp, text);
	return 0;
}

/*
 * flow add|mod|del DP [options] TEXT...: options may come anywhere after DP;
 * the other words are one flow.  --excl (add) fails on an identical flow
 * instead of replacing it, as OpenFlow's add would.
 */
static int flow_change(int argc, char **argv, enum weft_flow_op op)
{
	static const char *const usages[] = {
		[WEFT_FLOW_OP_ADD] = ADD_USAGE,
		[WEFT_FLOW_OP_MOD] = "flow mod DP FLOW [--strict]",
		[WEFT_FLOW_OP_DEL] = "flow del DP [MATCH] [--strict]",
	};
	bool add = op == WEFT_FLOW_OP_ADD, strict = false, excl = false;
	bool timing = false;
	const char *file = NULL;
	struct weft_flow *flow;
	char **words, *text;
	int i, n = 0, ret;

	if (argc < 2)
		return weft_ctl_usage(usages[op]);
	words = calloc(argc, sizeof(*words));
	if (!words)
		return WEFTCTL_EXIT_ERROR;
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i];

		if (!add && !strcmp(arg, "--strict")) {
			strict = true;
		} else if (add && !strcmp(arg, "--excl")) {
			excl = true;
		} else if (add && !strcmp(arg, "--timing")) {
			timing = true;
		} else if (add && !strcmp(arg, "-")) {
			file = arg;
		} else if (add && !strcmp(arg, "--file")) {
			if (i + 1 == argc) {
				weft_ctl_err("missing file name after \"--file\"");
				free(words);
				return weft_ctl_usage(usages[op]);
			}
			file = argv[++i];
		} else if (arg[0] == '-' && arg[1] == '-') {
			weft_ctl_err("unknown option \"%s\"", arg);
			free(words);
			return weft_ctl_usage(usages[op]);
		} else {
			words[n++] = argv[i];
		}
	}
	/* A flow is required, except by del; from a file, only from there. */
	if ((file && n) || (!file && !n && op != WEFT_FLOW_OP_DEL) ||
	    (timing && !file)) {
		free(words);
		return weft_ctl_usage(usages[op]);
	}
	if (!weft_ctl_check_dp(argv[1])) {
		free(words);
		return WEFTCTL_EXIT_ERROR;
	}
	if (file) {
		free(words);
		return weft_ctl_flow_add_file(argv[1], file, excl, timing);
	}

	text = weft_ctl_join_args(n, words);
	free(words);
	flow = malloc(sizeof(*flow));
	if (!text || !flow) {
		free(text);
		free(flow);
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}

	ret = weft_ctl_parse_flow(argv[1], text, op, strict, flow, "");
	if (!ret) {
		if (excl)
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);
		ret = send_flow(argv[1], flow, op, text, "");
	}
	free(flow);
	free(text);
	return ret;
}

static int flow_add(int argc, char **argv)
{
	return flow_change(argc, argv, WEFT_FLOW_OP_ADD);
}

static int flow_mod(int argc, char **argv)
{
	return flow_change(argc, argv, WEFT_FLOW_OP_MOD);
}

static int flow_del(int argc, char **argv)
{
	return flow_change(argc, argv, WEFT_FLOW_OP_DEL);
}

/*
 * Flows are printed as the dump replays them: the dump hands them over
 * only once the whole of it arrived consistent, and keeping 100,000 parsed
 * flows around would cost hundreds of megabytes.
 */
struct dump_state {
	struct weft_flow flow;
	bool opened;
};

static int flow_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *st = data;
	int err = weft_flow_msg_parse(nlh, &st->flow);

	if (err)
		return err;
	if (!st->opened)
		weft_print_open_array(NULL);
	st->opened = true;
	weft_show_flow(&st->flow);
	return 0;
}

static int flow_dump(int argc, char **argv)
{
	unsigned long long table = 0;
	bool has_table = false;
	struct dump_state *st;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err;

	if (argc < 2 || argc > 3)
		return weft_ctl_usage("flow dump DP [table=N]");
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	if (argc == 3) {
		const char *v = argv[2] + strlen("table=");

		if (strncmp(argv[2], "table=", strlen("table="))) {
			weft_ctl_err("unknown argument \"%s\"", argv[2]);
			return weft_ctl_usage("flow dump DP [table=N]");
		}
		if (weft_parse_ull(v, strlen(v), WEFT_TABLE_MAX, &table)) {
			weft_ctl_err("invalid table \"%s\" in \"%s\" (0 to %d)",
				     v, argv[2], WEFT_TABLE_MAX);
			return WEFTCTL_EXIT_ERROR;
		}
		has_table = true;
	}
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	nlh = weft_nl_req(nl, WEFT_CMD_FLOW_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	if (has_table) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, WEFT_A_FLOW);

		mnl_attr_put_u8(nlh, WEFT_FLOW_A_TABLE, (__u8)table);
		mnl_attr_nest_end(nlh, nest);
	}
	st = calloc(1, sizeof(*st));
	if (!st) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	err = weft_nl_dump(nl, nlh, flow_cb, st);
	if (err) {
		if (st->opened)
			weft_print_close_array();
		free(st);
		return weft_ctl_nl_err(err, "flow dump \"%s\"", argv[1]);
	}
	if (!st->opened)
		weft_print_open_array(NULL);
	weft_print_close_array();
	weft_print_finish();
	free(st);
	return 0;
}

static int flow_flush(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err;

	if (argc != 2)
		return weft_ctl_usage("flow flush DP");
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	nlh = weft_nl_req(nl, WEFT_CMD_FLOW_FLUSH, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "flow flush \"%s\"", argv[1]);
	return 0;
}

static const struct weft_ctl_cmd flow_cmds[] = {
	{ "add", flow_add },
	{ "mod", flow_mod },
	{ "del", flow_del },
	{ "dump", flow_dump },
	{ "flush", flow_flush },
	{ "bundle", weft_ctl_flow_bundle },
};

int weft_cmd_flow(int argc, char **argv)
{
	return weft_ctl_dispatch(flow_cmds,
				 ARRAY_SIZE(flow_cmds),
				 "flow",
				 "flow add|mod|del|dump|flush|bundle DP ...",
				 argc - 1, argv + 1);
}
