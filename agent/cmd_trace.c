// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl trace DP PACKET: what the pipeline would do with a packet, as
 * ovs-appctl ofproto/trace tells it; the packet is given as match fields
 * ("in_port=1,tcp,nw_dst=10.0.0.2,tp_dst=80"), unmasked, and fields left
 * out are zero.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/weft.h>

#include "dp.h"
#include "packet.h"
#include "print.h"
#include "show.h"
#include "trace.h"
#include "util.h"
#include "weftctl.h"

struct trace_state {
	struct weft_flow packet;
	struct weft_trace trace;
	bool got;
};

static int trace_cb(const struct nlmsghdr *nlh, void *data)
{
	struct trace_state *st = data;
	int err = weft_trace_msg_parse(nlh, &st->trace);

	st->got = !err;
	return err;
}

int weft_cmd_trace(int argc, char **argv)
{
	struct trace_state *st;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	char *text = NULL;
	int ret = 0, err;

	if (argc < 3)
		return weft_ctl_usage("trace DP PACKET");
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	st = calloc(1, sizeof(*st));
	text = weft_ctl_join_args(argc - 2, argv + 2);
	if (!st || !text) {
		weft_ctl_err("out of memory");
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	ret = weft_ctl_parse_flow(argv[1], text, WEFT_FLOW_OP_PACKET, false,
				  &st->packet, "");
	if (ret)
		goto out;
	nl = weft_ctl_nl();
	if (!nl) {
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	nlh = weft_nl_req(nl, WEFT_CMD_TRACE, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, argv[1]);
	err = weft_trace_key_put(nlh, WEFT_NL_REQ_SIZE, &st->packet.match);
	if (!err)
		err = weft_nl_do(nl, nlh, trace_cb, st);
	if (!err && !st->got)
		err = -EPROTO;	/* an ACK but no trace */
	if (err) {
		ret = weft_ctl_nl_err(err, "trace \"%s\" \"%s\"", argv[1], text);
		goto out;
	}
	weft_show_trace(&st->trace);
	weft_print_finish();
out:
	free(text);
	free(st);
	return ret;
}
