// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl group add|mod|del|dump|stats, in ovs-ofctl's group syntax
 * (see lib/group_text.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "dp.h"
#include "group.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

#define USAGE \
	"group add|mod DP GROUP | group del DP [GROUP] | group dump DP [GROUP] [--stats] | group stats DP [GROUP]"

/* The group text of argv[2..] (the shell may have split it). */
static int parse_group(int argc, char **argv, enum weft_group_op op,
		       struct weft_group *g, char **textp)
{
	char msg[512], *text;

	text = weft_ctl_join_args(argc - 2, argv + 2);
	if (!text) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	if (weft_group_from_str(g, text, op, weft_ctl_resolve_port, argv[1],
				msg, sizeof(msg))) {
		if (!weft_ctl_resolve_failed())
			weft_ctl_err("%s", msg);
		free(text);
		return WEFTCTL_EXIT_ERROR;
	}
	*textp = text;
	return 0;
}

static int group_change(int argc, char **argv, enum weft_group_op op)
{
	static const char *const usages[] = {
		[WEFT_GROUP_OP_ADD] = "group add DP GROUP",
		[WEFT_GROUP_OP_MOD] = "group mod DP GROUP",
		[WEFT_GROUP_OP_DEL] = "group del DP [GROUP]",
	};
	static const __u8 cmds[] = {
		[WEFT_GROUP_OP_ADD] = WEFT_CMD_GROUP_NEW,
		[WEFT_GROUP_OP_MOD] = WEFT_CMD_GROUP_SET,
		[WEFT_GROUP_OP_DEL] = WEFT_CMD_GROUP_DEL,
	};
	struct weft_group *g;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	char *text = NULL;
	int ret, err;

	if (argc < (op == WEFT_GROUP_OP_DEL ? 2 : 3))
		return weft_ctl_usage(usages[op]);
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	g = malloc(sizeof(*g));
	if (!g) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	if (argc == 2) {
		/* ovs-ofctl del-groups without a group: every group. */
		weft_group_init(g);
		g->id = WEFT_GROUP_ALL;
	} else {
		ret = parse_group(argc, argv, op, g, &text);
		if (ret) {
			free(g);
			return ret;
		}
	}
	ret = 0;
	nl = weft_ctl_nl();
	if (!nl) {
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	nlh = weft_nl_req(nl, cmds[op], 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	err = weft_group_nl_put(nlh, WEFT_NL_REQ_SIZE, g);
	if (!err)
		err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		ret = weft_ctl_nl_err(err, "group %s \"%s\" \"%s\"", argv[0],
				      argv[1], text ? text : "all");
out:
	free(text);
	free(g);
	return ret;
}

static int group_add(int argc, char **argv)
{
	return group_change(argc, argv, WEFT_GROUP_OP_ADD);
}

static int group_mod(int argc, char **argv)
{
	return group_change(argc, argv, WEFT_GROUP_OP_MOD);
}

static int group_del(int argc, char **argv)
{
	return group_change(argc, argv, WEFT_GROUP_OP_DEL);
}

struct dump_state {
	struct weft_group g;
	bool stats;
	bool opened;
};

/* Printed as replayed, as flows are (see flow_dump()). */
static int group_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *st = data;
	int err = weft_group_msg_parse(nlh, &st->g);

	if (err)
		return err;
	if (!st->opened)
		weft_print_open_array(NULL);
	st->opened = true;
	weft_show_group(&st->g, st->stats);
	return 0;
}

static int group_show(int argc, char **argv, bool stats)
{
	struct dump_state *st;
	struct weft_group *sel = NULL;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	char *text = NULL;
	int i, n = 2, err, ret = 0;

	if (argc < 2)
		return weft_ctl_usage(stats ? "group stats DP [GROUP]" :
				      "group dump DP [GROUP] [--stats]");
	/* --stats anywhere after DP: the counters, as dump-group-stats. */
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--stats")) {
			stats = true;
			memmove(argv + i, argv + i + 1,
				(argc - i - 1) * sizeof(*argv));
			argc--;
			i--;
		} else if (!strncmp(argv[i], "--", 2)) {
			weft_ctl_err("unknown option \"%s\"", argv[i]);
			return weft_ctl_usage("group dump DP [GROUP] [--stats]");
		}
	}
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	st = calloc(1, sizeof(*st));
	if (!st) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	st->stats = stats;
	if (argc > n) {
		sel = malloc(sizeof(*sel));
		if (!sel || parse_group(argc, argv, WEFT_GROUP_OP_DEL, sel,
					&text)) {
			if (!sel)
				weft_ctl_err("out of memory");
			ret = WEFTCTL_EXIT_ERROR;
			goto out;
		}
	}
	nl = weft_ctl_nl();
	if (!nl) {
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	nlh = weft_nl_req(nl, WEFT_CMD_GROUP_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	if (sel) {
		weft_group_nl_put(nlh, WEFT_NL_REQ_SIZE, sel);
		err = weft_nl_do(nl, nlh, group_cb, st);
	} else {
		err = weft_nl_dump(nl, nlh, group_cb, st);
	}
	if (err) {
		if (st->opened)
			weft_print_close_array();
		ret = weft_ctl_nl_err(err, "group %s \"%s\"%s%s%s", argv[0],
				      argv[1], text ? " \"" : "",
				      text ? text : "", text ? "\"" : "");
		goto out;
	}
	if (!st->opened)
		weft_print_open_array(NULL);
	weft_print_close_array();
	weft_print_finish();
out:
	free(text);
	free(sel);
	free(st);
	return ret;
}

static int group_dump(int argc, char **argv)
{
	return group_show(argc, argv, false);
}

static int group_stats(int argc, char **argv)
{
	return group_show(argc, argv, true);
}

static const struct weft_ctl_cmd group_cmds[] = {
	{ "add", group_add },
	{ "mod", group_mod },
	{ "del", group_del },
	{ "dump", group_dump },
	{ "stats", group_stats },
};

int weft_cmd_group(int argc, char **argv)
{
	return weft_ctl_dispatch(group_cmds, ARRAY_SIZE(group_cmds), "group",
				 USAGE, argc - 1, argv + 1);
}
