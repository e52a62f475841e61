// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl table show|set: the flow tables' counters and what each does
 * with a packet that no flow matches.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "dp.h"
#include "print.h"
#include "show.h"
#include "table.h"
#include "util.h"
#include "weftctl.h"

#define SET_USAGE \
	"table set DP TABLE [miss=drop|controller|continue] [max_len=N]"

static int parse_table_id(const char *s, __u8 *id)
{
	unsigned long long v;

	if (weft_parse_ull(s, strlen(s), WEFT_TABLE_MAX, &v)) {
		weft_ctl_err("invalid table \"%s\" (0 to %d)", s, WEFT_TABLE_MAX);
		return WEFTCTL_EXIT_ERROR;
	}
	*id = (__u8)v;
	return 0;
}

static int table_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_table_info *t = weft_ctl_vec_add(data);

	if (!t)
		return -ENOMEM;
	return weft_table_msg_parse(nlh, t);
}

static int table_show(int argc, char **argv)
{
	struct weft_ctl_vec tables;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	__u8 id = 0;
	int err;

	if (argc < 2 || argc > 3)
		return weft_ctl_usage("table show DP [TABLE]");
	if (!weft_ctl_check_dp(argv[1]) ||
	    (argc == 3 && parse_table_id(argv[2], &id)))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	weft_ctl_vec_init(&tables, sizeof(struct weft_table_info));
	nlh = weft_nl_req(nl, WEFT_CMD_TABLE_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	if (argc == 3) {
		weft_table_put(nlh, WEFT_NL_REQ_SIZE, id, NULL);
		err = weft_nl_do(nl, nlh, table_cb, &tables);
	} else {
		err = weft_nl_dump(nl, nlh, table_cb, &tables);
	}
	if (err) {
		weft_ctl_vec_free(&tables);
		if (argc == 3)
			return weft_ctl_nl_err(err, "table show \"%s\" %u",
					       argv[1], id);
		return weft_ctl_nl_err(err, "table show \"%s\"", argv[1]);
	}
	weft_show_tables((const void *)tables.items, tables.n);
	weft_print_finish();
	weft_ctl_vec_free(&tables);
	return 0;
}

static int table_set(int argc, char **argv)
{
	struct weft_table_set set = { 0 };
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int i, err;

	if (argc < 4)
		return weft_ctl_usage(SET_USAGE);
	if (!weft_ctl_check_dp(argv[1]) || parse_table_id(argv[2], &set.id))
		return WEFTCTL_EXIT_ERROR;
	for (i = 3; i < argc; i++) {
		const char *arg = argv[i];
		unsigned long long v;

		if (!strncmp(arg, "miss=", 5)) {
			if (weft_table_miss_parse(arg + 5, &set.miss)) {
				weft_ctl_err("invalid miss \"%s\" in \"%s\" (drop, controller or continue)",
					     arg + 5, arg);
				return WEFTCTL_EXIT_ERROR;
			}
			set.has_miss = true;
		} else if (!strncmp(arg, "max_len=", 8)) {
			if (weft_parse_ull(arg + 8, strlen(arg + 8), 0xffff, &v)) {
				weft_ctl_err("invalid max_len \"%s\" in \"%s\" (0 to 65535; 65535: the whole packet)",
					     arg + 8, arg);
				return WEFTCTL_EXIT_ERROR;
			}
			set.miss_max_len = (__u16)v;
			set.has_max_len = true;
		} else {
			weft_ctl_err("unknown argument \"%s\"", arg);
			return weft_ctl_usage(SET_USAGE);
		}
	}
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	nlh = weft_nl_req(nl, WEFT_CMD_TABLE_SET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	weft_table_put(nlh, WEFT_NL_REQ_SIZE, set.id, &set);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "table set \"%s\" %u", argv[1],
				       set.id);
	return 0;
}

static const struct weft_ctl_cmd table_cmds[] = {
	{ "show", table_show },
	{ "set", table_set },
};

int weft_cmd_table(int argc, char **argv)
{
	return weft_ctl_dispatch(table_cmds, ARRAY_SIZE(table_cmds), "table",
				 "table show DP [TABLE] | " SET_USAGE,
				 argc - 1, argv + 1);
}
