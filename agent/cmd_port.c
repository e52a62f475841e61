// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl port add|del|set|show
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "dp.h"
#include "port.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

#define ADD_USAGE "port add DP DEV [type netdev|internal] [port_no N]"
#define SET_USAGE "port set DP PORT [no-]receive|[no-]forward|[no-]flood|[no-]packet-in..."

static bool check_names(const char *dp, const char *dev)
{
	if (!weft_dp_name_ok(dp)) {
		weft_ctl_err("invalid datapath name \"%s\" (1 to %d bytes)", dp,
			     IFNAMSIZ - 1);
		return false;
	}
	if (dev && !weft_dp_name_ok(dev)) {
		weft_ctl_err("invalid device name \"%s\" (1 to %d bytes)", dev,
			     IFNAMSIZ - 1);
		return false;
	}
	return true;
}

/*
 * A port argument: a number (or a reserved name such as LOCAL), else a
 * netdev name.  Checked before any request is built.
 */
static bool port_ref_ok(const char *arg)
{
	__u32 no;
	int err = weft_port_no_parse(arg, &no);

	if (err == -ERANGE || (err && !weft_dp_name_ok(arg))) {
		weft_ctl_err("invalid port \"%s\"", arg);
		return false;
	}
	return true;
}

/* Open a WEFT_A_PORT nest naming the port @arg (see port_ref_ok()). */
static struct nlattr *open_port_ref(struct nlmsghdr *nlh, const char *arg)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	__u32 no;

	if (!weft_port_no_parse(arg, &no))
		mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, no);
	else
		mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, arg);
	return nest;
}

static void put_port_ref(struct nlmsghdr *nlh, const char *arg)
{
	mnl_attr_nest_end(nlh, open_port_ref(nlh, arg));
}

static int port_add(int argc, char **argv)
{
	const char *dp, *dev;
	bool has_type = false, has_no = false;
	unsigned long long no = 0;
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	__u32 type = 0;
	int i, err;

	if (argc < 3)
		return weft_ctl_usage(ADD_USAGE);
	dp = argv[1];
	dev = argv[2];
	for (i = 3; i < argc; i += 2) {
		if (i + 1 == argc) {
			weft_ctl_err("missing value after \"%s\"", argv[i]);
			return weft_ctl_usage(ADD_USAGE);
		}
		if (!strcmp(argv[i], "type")) {
			if (weft_port_type_parse(argv[i + 1], &type)) {
				weft_ctl_err("invalid port type \"%s\" (netdev or internal)",
					     argv[i + 1]);
				return WEFTCTL_EXIT_ERROR;
			}
			has_type = true;
		} else if (!strcmp(argv[i], "port_no")) {
			if (weft_parse_ull(argv[i + 1], strlen(argv[i + 1]),
					   WEFT_PORT_MAX, &no) || !no) {
				weft_ctl_err("invalid port number \"%s\" (1 to %u)",
					     argv[i + 1], WEFT_PORT_MAX);
				return WEFTCTL_EXIT_ERROR;
			}
			has_no = true;
		} else {
			weft_ctl_err("unknown argument \"%s\"", argv[i]);
			return weft_ctl_usage(ADD_USAGE);
		}
	}
	if (!check_names(dp, dev))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	nlh = weft_nl_req(nl, WEFT_CMD_PORT_NEW, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, dev);
	if (has_type)
		mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, type);
	if (has_no)
		mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, (__u32)no);
	mnl_attr_nest_end(nlh, nest);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "port add \"%s\" \"%s\"", dp, dev);
	return 0;
}

static int port_del(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err;

	if (argc != 3)
		return weft_ctl_usage("port del DP PORT");
	if (!check_names(argv[1], NULL) || !port_ref_ok(argv[2]))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	nlh = weft_nl_req(nl, WEFT_CMD_PORT_DEL, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	put_port_ref(nlh, argv[2]);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "port del \"%s\" \"%s\"", argv[1],
				       argv[2]);
	return 0;
}

/* ovs-ofctl mod-port's words; "no-" sets the bit, the bare word clears it. */
static const struct {
	const char *word;
	__u32 bit;
} config_words[] = {
	{ "receive", WEFT_PORT_C_NO_RECV },
	{ "forward", WEFT_PORT_C_NO_FWD },
	{ "flood", WEFT_PORT_C_NO_FLOOD },
	{ "packet-in", WEFT_PORT_C_NO_PACKET_IN },
};

static bool config_word(const char *arg, __u32 *config, __u32 *mask)
{
	bool no = !strncmp(arg, "no-", 3);
	const char *w = no ? arg + 3 : arg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(config_words); i++) {
		if (strcmp(w, config_words[i].word))
			continue;
		*mask |= config_words[i].bit;
		if (no)
			*config |= config_words[i].bit;
		else
			*config &= ~config_words[i].bit;
		return true;
	}
	return false;
}

static int port_set(int argc, char **argv)
{
	__u32 config = 0, mask = 0;
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int i, err;

	if (argc < 4)
		return weft_ctl_usage(SET_USAGE);
	if (!check_names(argv[1], NULL) || !port_ref_ok(argv[2]))
		return WEFTCTL_EXIT_ERROR;
	for (i = 3; i < argc; i++) {
		if (config_word(argv[i], &config, &mask))
			continue;
		if (!strcmp(argv[i], "up") || !strcmp(argv[i], "down"))
			weft_ctl_err("\"%s\" is the netdev's admin state: ip link set %s %s",
				     argv[i], argv[2], argv[i]);
		else
			weft_ctl_err("unknown port setting \"%s\"", argv[i]);
		return weft_ctl_usage(SET_USAGE);
	}
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	nlh = weft_nl_req(nl, WEFT_CMD_PORT_SET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	nest = open_port_ref(nlh, argv[2]);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_CONFIG, config);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_CONFIG_MASK, mask);
	mnl_attr_nest_end(nlh, nest);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		return weft_ctl_nl_err(err, "port set \"%s\" \"%s\"", argv[1],
				       argv[2]);
	return 0;
}

static int port_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_port_info *p = weft_ctl_vec_add(data);

	if (!p)
		return -ENOMEM;
	return weft_port_msg_parse(nlh, p);
}

int weft_ctl_get_ports(const char *dp, struct weft_ctl_vec *ports)
{
	struct weft_nl *nl = weft_ctl_nl();
	struct nlmsghdr *nlh;

	if (!nl)
		return -ENOTCONN;
	nlh = weft_nl_req(nl, WEFT_CMD_PORT_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, dp);
	return weft_nl_dump(nl, nlh, port_cb, ports);
}

static int port_show(int argc, char **argv)
{
	struct weft_ctl_vec ports;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	size_t i;
	int err;

	if (argc < 2 || argc > 3)
		return weft_ctl_usage("port show DP [PORT]");
	if (!check_names(argv[1], NULL) || (argc == 3 && !port_ref_ok(argv[2])))
		return WEFTCTL_EXIT_ERROR;
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	weft_ctl_vec_init(&ports, sizeof(struct weft_port_info));
	if (argc == 3) {
		nlh = weft_nl_req(nl, WEFT_CMD_PORT_GET, 0);
		weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
		put_port_ref(nlh, argv[2]);
		err = weft_nl_do(nl, nlh, port_cb, &ports);
	} else {
		err = weft_ctl_get_ports(argv[1], &ports);
	}
	if (err) {
		weft_ctl_vec_free(&ports);
		if (argc == 3)
			return weft_ctl_nl_err(err, "port show \"%s\" \"%s\"",
					       argv[1], argv[2]);
		return weft_ctl_nl_err(err, "port show \"%s\"", argv[1]);
	}

	weft_print_open_array(NULL);
	for (i = 0; i < ports.n; i++)
		weft_show_port(weft_ctl_vec_at(&ports, i), false);
	weft_print_close_array();
	weft_print_finish();
	weft_ctl_vec_free(&ports);
	return 0;
}

static const struct weft_ctl_cmd port_cmds[] = {
	{ "add", port_add },
	{ "del", port_del },
	{ "set", port_set },
	{ "show", port_show },
};

int weft_cmd_port(int argc, char **argv)
{
	return weft_ctl_dispatch(port_cmds,
				 ARRAY_SIZE(port_cmds),
				 "port",
				 ADD_USAGE " | port del DP PORT | " SET_USAGE
				 " | port show DP [PORT]",
				 argc - 1, argv + 1);
}
