// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl packet-out DP in_port=PORT actions=ACTIONS packet=HEX, as
 * ovs-ofctl packet-out: run actions on a frame given in hex.  "actions="
 * takes the rest of its argument; the others may share one argument,
 * separated by commas or blanks ("in_port=1 packet=... actions=2", as
 * ovs-ofctl takes it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "dp.h"
#include "flow_text.h"
#include "packet.h"
#include "port.h"
#include "util.h"
#include "weftctl.h"

#define USAGE "packet-out DP [in_port=PORT|controller|local] actions=ACTIONS packet=HEX"

/*
 * The frame and the actions share WEFT_A_PACKET, whose length is 16 bits
 * (the kernel's policy says 65535 for the data alone, which no attribute
 * can carry): leave room for the rest.
 */
#define MAX_FRAME	WEFT_PACKET_DATA_MAX

struct po_args {
	struct weft_packet_out po;
	__u8 frame[MAX_FRAME];
	bool has_packet;
};

static int parse_port(const char *dp, const char *v, __u32 *port)
{
	int err;

	if (!strcasecmp(v, "none") || !strcasecmp(v, "controller")) {
		*port = WEFT_PORT_CONTROLLER;
		return 0;
	}
	err = weft_port_no_parse(v, port);
	if (err == -EINVAL && weft_dp_name_ok(v))
		err = weft_ctl_resolve_port((void *)dp, v, port);
	if (!err && ((*port >= 1 && *port <= WEFT_PORT_MAX) ||
		     *port == WEFT_PORT_LOCAL || *port == WEFT_PORT_CONTROLLER))
		return 0;
	if (!weft_ctl_resolve_failed())
		weft_ctl_err("invalid port \"%s\" in \"in_port=%s\"", v, v);
	return WEFTCTL_EXIT_ERROR;
}

static int parse_hex(const char *v, struct po_args *a)
{
	size_t n = 0, len = strlen(v);

	/* A long frame is quoted by its start only. */
	if (weft_parse_hex(v, len, a->frame, sizeof(a->frame), &n) || n < 14) {
		weft_ctl_err("invalid packet \"%.40s%s\" in \"packet=%.40s%s\" (hex digits, a frame of 14 to %d bytes)",
			     v, len > 40 ? "..." : "", v, len > 40 ? "..." : "",
			     MAX_FRAME);
		return WEFTCTL_EXIT_ERROR;
	}
	a->po.data = a->frame;
	a->po.len = n;
	a->has_packet = true;
	return 0;
}

/* One "key=value" of the arguments other than actions. */
static int parse_token(const char *dp, char *tok, struct po_args *a)
{
	char *v = strchr(tok, '=');

	if (v)
		*v++ = '\0';
	if (v && !strcmp(tok, "in_port"))
		return parse_port(dp, v, &a->po.in_port);
	if (v && !strcmp(tok, "packet"))
		return parse_hex(v, a);
	if (v)
		v[-1] = '=';
	weft_ctl_err("unknown argument \"%s\"", tok);
	return WEFTCTL_EXIT_USAGE;
}

int weft_cmd_packet_out(int argc, char **argv)
{
	const char *actions = NULL;
	struct po_args *a;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	char msg[512];
	size_t size;
	int i, ret = 0, err;

	if (argc < 3)
		return weft_ctl_usage(USAGE);
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	a = calloc(1, sizeof(*a));
	if (!a) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	a->po.in_port = WEFT_PORT_CONTROLLER;
	for (i = 2; i < argc && !ret; i++) {
		char *word = argv[i], *tok, *save = NULL;
		char *acts = strstr(word, "actions=");

		/* "actions=" ends the other tokens of its argument. */
		if (acts && (acts == word || strchr(", \t", acts[-1]))) {
			if (actions) {
				weft_ctl_err("actions given twice in \"%s\"", word);
				ret = WEFTCTL_EXIT_USAGE;
				break;
			}
			actions = acts + strlen("actions=");
			*acts = '\0';
		}
		for (tok = strtok_r(word, ", \t", &save); tok && !ret;
		     tok = strtok_r(NULL, ", \t", &save))
			ret = parse_token(argv[1], tok, a);
	}
	if (ret == WEFTCTL_EXIT_USAGE)
		ret = weft_ctl_usage(USAGE);
	if (ret)
		goto out;
	if (!a->has_packet || !actions) {
		weft_ctl_err("missing %s", !a->has_packet ? "packet=HEX" :
			     "actions=ACTIONS");
		ret = weft_ctl_usage(USAGE);
		goto out;
	}
	if (weft_actions_from_str(&a->po.actions, actions,
				  WEFT_ACTIONS_PACKET_OUT, weft_ctl_resolve_port,
				  argv[1], msg, sizeof(msg))) {
		if (!weft_ctl_resolve_failed())
			weft_ctl_err("%s", msg);
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	nl = weft_ctl_nl();
	if (!nl) {
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	size = a->po.len + WEFT_NL_REQ_SIZE;
	nlh = weft_nl_req_sized(nl, WEFT_CMD_PACKET_OUT, 0, size);
	if (!nlh) {
		weft_ctl_err("out of memory");
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	weft_dp_put_name(nlh, size, argv[1]);
	err = weft_packet_out_put(nlh, size, &a->po);
	if (!err)
		err = weft_nl_do(nl, nlh, NULL, NULL);
	if (err)
		ret = weft_ctl_nl_err(err, "packet-out \"%s\"", argv[1]);
out:
	free(a);
	return ret;
}
