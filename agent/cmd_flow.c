// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl flow add|mod|del|dump|flush
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

#define ADD_USAGE "flow add DP [--excl] FLOW|-|--file FILE"

static const char *const op_words[] = {
	[WEFT_FLOW_OP_ADD] = "add",
	[WEFT_FLOW_OP_MOD] = "mod",
	[WEFT_FLOW_OP_DEL] = "del",
};

static const __u8 op_cmds[] = {
	[WEFT_FLOW_OP_ADD] = WEFT_CMD_FLOW_NEW,
	[WEFT_FLOW_OP_MOD] = WEFT_CMD_FLOW_SET,
	[WEFT_FLOW_OP_DEL] = WEFT_CMD_FLOW_DEL,
};

static bool check_dp(const char *dp)
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
static char *join_args(int argc, char **argv)
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

/* @where prefixes messages: "FILE:LINE: " for flows read from a file. */
static int parse_flow(const char *dp, const char *text, enum weft_flow_op op,
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
	nlh = weft_nl_req(nl, op_cmds[op], 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	err = weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, flow);
	if (!err)
		err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "%sflow %s \"%s\" \"%s\"", where,
				       op_words[op], dp, text);
	return 0;
}

struct file_flow {
	struct weft_flow flow;
	unsigned int line;
	char *text;
};

static void free_file_flows(struct weft_ctl_vec *flows)
{
	size_t i;

	for (i = 0; i < flows->n; i++)
		free(((struct file_flow *)weft_ctl_vec_at(flows, i))->text);
	weft_ctl_vec_free(flows);
}

/*
 * Read every flow of @path first, as ovs-ofctl add-flows does, so that a
 * syntax error on line 90 does not leave 89 flows installed; then send them
 * one request each and stop at the first the kernel refuses.
 */
static int flow_add_file(const char *dp, const char *path, bool excl)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *name = fp == stdin ? "<stdin>" : path;
	struct weft_ctl_vec flows;
	unsigned int lineno = 0;
	char *line = NULL, where[512];
	size_t cap = 0, i;
	ssize_t len;
	int ret = 0;

	if (!fp) {
		weft_ctl_err("cannot open \"%s\": %s", path, strerror(errno));
		return WEFTCTL_EXIT_ERROR;
	}
	weft_ctl_vec_init(&flows, sizeof(struct file_flow));
	while ((len = getline(&line, &cap, fp)) >= 0) {
		struct file_flow *ff;
		char *text = line;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		text += strspn(text, " \t");
		if (!*text || *text == '#')
			continue;
		snprintf(where, sizeof(where), "%s:%u: ", name, lineno);
		ff = weft_ctl_vec_add(&flows);
		if (ff)
			ff->text = strdup(text);
		if (!ff || !ff->text) {
			weft_ctl_err("%sout of memory", where);
			ret = WEFTCTL_EXIT_ERROR;
			break;
		}
		ff->line = lineno;
		ret = parse_flow(dp, text, WEFT_FLOW_OP_ADD, false, &ff->flow,
				 where);
		if (ret)
			break;
		if (excl)
			ff->flow.attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);
	}
	if (!ret && ferror(fp)) {
		weft_ctl_err("error reading \"%s\": %s", name, strerror(errno));
		ret = WEFTCTL_EXIT_ERROR;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);

	for (i = 0; !ret && i < flows.n; i++) {
		const struct file_flow *ff = weft_ctl_vec_at(&flows, i);

		snprintf(where, sizeof(where), "%s:%u: ", name, ff->line);
		ret = send_flow(dp, &ff->flow, WEFT_FLOW_OP_ADD, ff->text,
				where);
	}
	free_file_flows(&flows);
	return ret;
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
	if ((file && n) || (!file && !n && op != WEFT_FLOW_OP_DEL)) {
		free(words);
		return weft_ctl_usage(usages[op]);
	}
	if (!check_dp(argv[1])) {
		free(words);
		return WEFTCTL_EXIT_ERROR;
	}
	if (file) {
		free(words);
		return flow_add_file(argv[1], file, excl);
	}

	text = join_args(n, words);
	free(words);
	flow = malloc(sizeof(*flow));
	if (!text || !flow) {
		free(text);
		free(flow);
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}

	ret = parse_flow(argv[1], text, op, strict, flow, "");
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

static int flow_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_flow *flow = weft_ctl_vec_add(data);

	if (!flow)
		return -ENOMEM;
	return weft_flow_msg_parse(nlh, flow);
}

static int flow_dump(int argc, char **argv)
{
	unsigned long long table = 0;
	bool has_table = false;
	struct weft_ctl_vec flows;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	size_t i;
	int err;

	if (argc < 2 || argc > 3)
		return weft_ctl_usage("flow dump DP [table=N]");
	if (!check_dp(argv[1]))
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
	weft_ctl_vec_init(&flows, sizeof(struct weft_flow));
	err = weft_nl_dump(nl, nlh, flow_cb, &flows);
	if (err) {
		weft_ctl_vec_free(&flows);
		return weft_ctl_nl_err(err, "flow dump \"%s\"", argv[1]);
	}

	weft_print_open_array(NULL);
	for (i = 0; i < flows.n; i++)
		weft_show_flow(weft_ctl_vec_at(&flows, i));
	weft_print_close_array();
	weft_print_finish();
	weft_ctl_vec_free(&flows);
	return 0;
}

static int flow_flush(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err;

	if (argc != 2)
		return weft_ctl_usage("flow flush DP");
	if (!check_dp(argv[1]))
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
};

int weft_cmd_flow(int argc, char **argv)
{
	return weft_ctl_dispatch(flow_cmds,
				 ARRAY_SIZE(flow_cmds),
				 "flow",
				 "flow add|mod|del|dump|flush DP ...",
				 argc - 1, argv + 1);
}
