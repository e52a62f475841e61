// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl dp add|del|set|show
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <linux/weft.h>

#include "dp.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

static int check_name(const char *name)
{
	if (weft_dp_name_ok(name))
		return 0;
	weft_ctl_err("invalid datapath name \"%s\" (1 to %d bytes)", name,
		     IFNAMSIZ - 1);
	return WEFTCTL_EXIT_ERROR;
}

/* DP_NEW and DP_DEL: a datapath name and nothing else. */
static int dp_change(int argc, char **argv, __u8 cmd)
{
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err;

	if (argc != 2)
		return weft_ctl_usage(cmd == WEFT_CMD_DP_NEW ? "dp add NAME" :
							      "dp del NAME");
	if (check_name(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	nlh = weft_nl_req(nl, cmd, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "dp %s \"%s\"", argv[0], argv[1]);
	return 0;
}

static int dp_add(int argc, char **argv)
{
	return dp_change(argc, argv, WEFT_CMD_DP_NEW);
}

static int dp_del(int argc, char **argv)
{
	return dp_change(argc, argv, WEFT_CMD_DP_DEL);
}

static int dp_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_dp_info *dp = weft_ctl_vec_add(data);

	if (!dp)
		return -ENOMEM;
	return weft_dp_msg_parse(nlh, dp);
}

static int dp_show(int argc, char **argv)
{
	struct weft_ctl_vec dps;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	size_t i;
	int err;

	if (argc > 2)
		return weft_ctl_usage("dp show [NAME]");
	if (argc == 2 && check_name(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	weft_ctl_vec_init(&dps, sizeof(struct weft_dp_info));
	nlh = weft_nl_req(nl, WEFT_CMD_DP_GET, 0);
	if (argc == 2) {
		weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
		err = weft_nl_do(nl, nlh, dp_cb, &dps);
	} else {
		err = weft_nl_dump(nl, nlh, dp_cb, &dps);
	}
	if (err) {
		weft_ctl_vec_free(&dps);
		if (argc == 2)
			return weft_ctl_nl_err(err, "dp show \"%s\"", argv[1]);
		return weft_ctl_nl_err(err, "dp show");
	}

	/* Print only once everything arrived: no half documents. */
	weft_print_open_array(NULL);
	for (i = 0; i < dps.n; i++)
		weft_show_dp(weft_ctl_vec_at(&dps, i));
	weft_print_close_array();
	weft_print_finish();
	weft_ctl_vec_free(&dps);
	return 0;
}

#define SET_USAGE "dp set DP [upcall_rate=N] [upcall_burst=N] [upcall_pid=N]"

/*
 * Packet-in rate limiting, and (for tools like weftctl monitor and for
 * clearing a listener that died) the listener's port id.
 */
static int dp_set(int argc, char **argv)
{
	static const struct {
		const char *key;
		unsigned long long min;
	} keys[] = {
		{ "upcall_rate", 1 }, { "upcall_burst", 1 }, { "upcall_pid", 0 },
	};
	struct weft_dp_set set = { 0 };
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int i, err;
	size_t k;

	if (argc < 3)
		return weft_ctl_usage(SET_USAGE);
	if (check_name(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	for (i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		unsigned long long v;

		for (k = 0; eq && k < ARRAY_SIZE(keys); k++)
			if (strlen(keys[k].key) == (size_t)(eq - argv[i]) &&
			    !strncmp(argv[i], keys[k].key, eq - argv[i]))
				break;
		if (!eq || k == ARRAY_SIZE(keys)) {
			weft_ctl_err("unknown argument \"%s\"", argv[i]);
			return weft_ctl_usage(SET_USAGE);
		}
		if (weft_parse_ull(eq + 1, strlen(eq + 1), UINT32_MAX, &v) ||
		    v < keys[k].min) {
			weft_ctl_err("invalid %s \"%s\" in \"%s\" (%llu to %u)",
				     keys[k].key, eq + 1, argv[i], keys[k].min,
				     UINT32_MAX);
			return WEFTCTL_EXIT_ERROR;
		}
		if (k == 0) {
			set.has_rate = true;
			set.upcall_rate = (__u32)v;
		} else if (k == 1) {
			set.has_burst = true;
			set.upcall_burst = (__u32)v;
		} else {
			set.has_pid = true;
			set.upcall_pid = (__u32)v;
		}
	}
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	nlh = weft_nl_req(nl, WEFT_CMD_DP_SET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	weft_dp_set_put(nlh, WEFT_NL_REQ_SIZE, &set);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "dp set \"%s\"", argv[1]);
	return 0;
}

static const struct weft_ctl_cmd dp_cmds[] = {
	{ "add", dp_add },
	{ "del", dp_del },
	{ "set", dp_set },
	{ "show", dp_show },
};

int weft_cmd_dp(int argc, char **argv)
{
	return weft_ctl_dispatch(dp_cmds, ARRAY_SIZE(dp_cmds),
				 "dp", "dp add|del NAME | " SET_USAGE " | dp show [NAME]",
				 argc - 1, argv + 1);
}
