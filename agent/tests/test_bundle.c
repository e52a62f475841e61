// SPDX-License-Identifier: GPL-2.0
/*
 * Bundles (all-or-nothing flow batches) and the pipelined requests of
 * `flow add --file`: the encoding, the mapping of a kernel error back to
 * the op or request it names, and the pipeline against a fake kernel that
 * checks the window is kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "attrs.h"
#include "bundle.h"
#include "flow_text.h"
#include "nl.h"
#include "tap.h"
#include "util.h"

#define FAMILY	0x1234

static void test_encoding(void)
{
	static const char *const ops[] = {
		"priority=1,ip,actions=output:1",
		"priority=2,tcp,tp_dst=80,actions=drop",
		"table=3",
	};
	static const __u8 cmds[] = {
		WEFT_CMD_FLOW_NEW, WEFT_CMD_FLOW_SET, WEFT_CMD_FLOW_DEL,
	};
	static const enum weft_flow_op fops[] = {
		WEFT_FLOW_OP_ADD, WEFT_FLOW_OP_MOD, WEFT_FLOW_OP_DEL,
	};
	const struct nlattr *top[WEFT_A_MAX + 1], *op, *ot[WEFT_OP_A_MAX + 1];
	struct weft_flow *f = malloc(sizeof(*f)), *back = malloc(sizeof(*back));
	size_t size = WEFT_BUNDLE_BYTES_MAX + 4096;
	__u64 *buf = calloc(1, size);
	struct weft_bundle b;
	struct nlmsghdr *nlh;
	unsigned int i, n = 0;
	uint32_t offs[3];
	bool ok = true;
	char err[256];
	int ret;

	nlh = weft_nl_msg_init(buf, FAMILY, WEFT_CMD_BUNDLE, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	ret = weft_bundle_begin(&b, nlh, size);
	for (i = 0; !ret && i < 3; i++) {
		ret = weft_flow_from_str(f, ops[i], fops[i], i == 1, NULL, NULL,
					 err, sizeof(err));
		ret = ret ?: weft_bundle_add(&b, cmds[i], f);
	}
	weft_bundle_end(&b);
	ret = ret ?: weft_attr_parse_msg(nlh, top);
	if (!weft_tap_ok(ret == 0 && top[WEFT_A_BUNDLE] && b.n_ops == 3,
			 "a bundle of add, mod --strict and del"))
		goto out;
	mnl_attr_for_each_nested(op, top[WEFT_A_BUNDLE]) {
		if (n >= 3 || mnl_attr_get_type(op) != WEFT_BUNDLE_A_OP ||
		    weft_attr_parse_nested(op, &weft_attrs_op, ot) ||
		    !ot[WEFT_OP_A_CMD] || !ot[WEFT_OP_A_FLOW] ||
		    mnl_attr_get_u8(ot[WEFT_OP_A_CMD]) != cmds[n] ||
		    weft_flow_nl_parse(ot[WEFT_OP_A_FLOW], back)) {
			ok = false;
			break;
		}
		weft_flow_from_str(f, ops[n], fops[n], n == 1, NULL, NULL, err,
				   sizeof(err));
		ok = ok && !memcmp(f, back, sizeof(*f));
		offs[n] = (uint32_t)((const char *)ot[WEFT_OP_A_FLOW] -
				     (const char *)nlh) + 8;
		n++;
	}
	weft_tap_ok(ok && n == 3,
		    "each op: WEFT_OP_A_CMD and the flow as its command takes it");
	weft_tap_ok(weft_bundle_op_at(nlh, offs[0]) == 0 &&
		    weft_bundle_op_at(nlh, offs[1]) == 1 &&
		    weft_bundle_op_at(nlh, offs[2]) == 2,
		    "an extended ACK offset maps to its op");
	weft_tap_ok(weft_bundle_op_at(nlh, NLMSG_HDRLEN + GENL_HDRLEN) == -1 &&
		    weft_bundle_op_at(nlh, nlh->nlmsg_len + 10) == -1,
		    "offsets outside the ops map to none");

	/* Add until the attribute is full: a clean refusal, not a wrap. */
	nlh = weft_nl_msg_init(buf, FAMILY, WEFT_CMD_BUNDLE, 0);
	weft_bundle_begin(&b, nlh, size);
	weft_flow_from_str(f, "priority=7,tcp,nw_src=10.0.0.0/8,tp_dst=443,actions=output:1,output:2",
			   WEFT_FLOW_OP_ADD, false, NULL, NULL, err, sizeof(err));
	while (!(ret = weft_bundle_add(&b, WEFT_CMD_FLOW_NEW, f)))
		;
	weft_bundle_end(&b);
	/* The nest's 16-bit length must be the true one: no wrap-around. */
	weft_tap_ok(ret == -EMSGSIZE && b.n_ops > 100 &&
		    (char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)b.nest ==
		    b.nest->nla_len && !weft_attr_parse_msg(nlh, top),
		    "ops past 64 KiB refused (%u fit), the bundle still whole",
		    b.n_ops);
	b.n_ops = WEFT_BUNDLE_OPS_MAX;
	weft_tap_ok(weft_bundle_add(&b, WEFT_CMD_FLOW_NEW, f) == -E2BIG,
		    "op %d refused: -E2BIG", WEFT_BUNDLE_OPS_MAX + 1);
out:
	free(f);
	free(back);
	free(buf);
}

/* ---- Pipelined requests against a fake kernel --------------------------- */

#define N_REQ		40
#define WINDOW		6
#define FAIL_AT		17

static __u64 kbuf[8192];

/* Acknowledge @req: 0, or the error a flow add would get. */
static void ack(int fd, const struct nlmsghdr *req, int error)
{
	static __u64 out[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(out);
	struct nlmsgerr *e;

	/* As the kernel: a failure is always answered, a success if asked. */
	if (!error && !(req->nlmsg_flags & NLM_F_ACK))
		return;
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | (error ? NLM_F_ACK_TLVS : 0);
	nlh->nlmsg_seq = req->nlmsg_seq;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = error;
	e->msg = *req;
	if (error) {
		const struct nlattr *a;

		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG,
				  "WEFT_A_FLOW: an identical flow exists");
		mnl_attr_for_each(a, req, GENL_HDRLEN)
			if (mnl_attr_get_type(a) == WEFT_A_FLOW)
				mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS,
						 (const char *)a - (const char *)req);
	}
	if (send(fd, out, nlh->nlmsg_len, 0) < 0)
		_exit(101);
}

/*
 * Take every request waiting (never more than the window, or the client
 * overran it), then answer them; exit with how many requests came, or
 * 200 + a reason when the client misbehaved.
 */
static void fake_kernel(int fd)
{
	const struct nlmsghdr *pending[64];
	unsigned int n = 0, total = 0, i;
	uint32_t first = 0;
	bool have_first = false;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char *p = (char *)kbuf + 0;
		int rem;
		ssize_t got;

		/* Block for the first datagram, then drain what is queued. */
		if (n && poll(&pfd, 1, 20) <= 0) {
			for (i = 0; i < n; i++)
				ack(fd, pending[i],
				    pending[i]->nlmsg_seq - first == FAIL_AT ?
				    -EEXIST : 0);
			n = 0;
			continue;
		}
		/* Each batch lands after the one before, until acknowledged. */
		if (n)
			p = (char *)pending[n - 1] + MNL_ALIGN(pending[n - 1]->nlmsg_len);
		got = recv(fd, p, sizeof(kbuf) - (p - (char *)kbuf), 0);
		if (got <= 0)
			_exit(total);
		rem = (int)got;
		for (const struct nlmsghdr *nlh = (void *)p; mnl_nlmsg_ok(nlh, rem);
		     nlh = mnl_nlmsg_next(nlh, &rem)) {
			if (nlh->nlmsg_type != FAMILY)
				_exit(201);
			if (!have_first) {
				first = nlh->nlmsg_seq;
				have_first = true;
			}
			if (nlh->nlmsg_seq - first != total)
				_exit(202);	/* out of order or skipped */
			if (n == WINDOW)
				_exit(203);	/* the window was not kept */
			pending[n++] = nlh;
			total++;
		}
	}
}

struct reqs {
	__u64 buf[N_REQ][512];
};

static const struct nlmsghdr *get_req(void *data, size_t i)
{
	struct reqs *r = data;

	return (const struct nlmsghdr *)r->buf[i];
}

static void test_pipeline(void)
{
	struct reqs *r = calloc(1, sizeof(*r));
	struct weft_flow *f = malloc(sizeof(*f));
	char err[256], text[64], msg[256];
	struct weft_nl *nl;
	size_t failed = 0, i;
	int sv[2], status, ret;
	pid_t pid;

	for (i = 0; i < N_REQ; i++) {
		struct nlmsghdr *nlh = weft_nl_msg_init(r->buf[i], FAMILY,
							WEFT_CMD_FLOW_NEW, 0);

		snprintf(text, sizeof(text), "priority=%zu,actions=drop", i);
		weft_flow_from_str(f, text, WEFT_FLOW_OP_ADD, false, NULL, NULL,
				   err, sizeof(err));
		mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
		weft_flow_nl_put(nlh, sizeof(r->buf[i]), f);
	}
	if (!weft_tap_ok(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0,
			 "socketpair for the pipeline"))
		goto out;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fake_kernel(sv[1]);
	}
	close(sv[1]);
	weft_nl_open_fd(&nl, sv[0], FAMILY);
	ret = weft_nl_do_many(nl, N_REQ, get_req, r, WINDOW, &failed);
	weft_nl_strerror(nl, ret, msg, sizeof(msg));
	weft_tap_ok(ret == -EEXIST && failed == FAIL_AT,
		    "pipeline: the failing request found by its sequence number (%d, %zu)",
		    ret, failed);
	weft_tap_str(msg, "File exists (WEFT_A_FLOW: an identical flow exists)",
		     "pipeline: the failing request's extended ACK");
	weft_tap_ok(weft_nl_last_req(nl)->nlmsg_len == get_req(r, FAIL_AT)->nlmsg_len &&
		    !memcmp((const char *)weft_nl_last_req(nl) + NLMSG_HDRLEN,
			    (const char *)get_req(r, FAIL_AT) + NLMSG_HDRLEN,
			    get_req(r, FAIL_AT)->nlmsg_len - NLMSG_HDRLEN),
		    "pipeline: the failing request is the one errors are named in");
	weft_nl_close(nl);
	ret = waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	      WEXITSTATUS(status) : -1;
	weft_tap_ok(ret > FAIL_AT && ret <= FAIL_AT + WINDOW,
		    "pipeline: window kept, in order, nothing new after the error (%d sent)",
		    ret);

	/* Fewer requests than FAIL_AT: no error, every one acknowledged. */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
		goto out;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fake_kernel(sv[1]);
	}
	close(sv[1]);
	weft_nl_open_fd(&nl, sv[0], FAMILY);
	ret = weft_nl_do_many(nl, FAIL_AT, get_req, r, WINDOW, &failed);
	weft_tap_ok(ret == 0, "pipeline of %d requests: all acknowledged", FAIL_AT);
	weft_nl_close(nl);
	ret = waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	      WEXITSTATUS(status) : -1;
	weft_tap_ok(ret == FAIL_AT, "pipeline: each sent exactly once (%d)", ret);
out:
	free(r);
	free(f);
}

/* Notifications: each message of a datagram, stray ACKs skipped. */
static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	if (g->cmd == WEFT_CMD_DP_NEW)
		(*(int *)data)++;
	return 0;
}

static void test_notify(void)
{
	__u64 out[128];
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	size_t len = 0;
	int sv[2], n = 0, ret;

	if (!weft_tap_ok(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0,
			 "socketpair for notifications"))
		return;
	memset(out, 0, sizeof(out));
	nlh = weft_nl_msg_init(out, FAMILY, WEFT_CMD_DP_NEW, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	len = MNL_ALIGN(nlh->nlmsg_len);
	nlh = mnl_nlmsg_put_header((char *)out + len);
	nlh->nlmsg_type = NLMSG_ERROR;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct nlmsgerr));
	len += MNL_ALIGN(nlh->nlmsg_len);
	nlh = weft_nl_msg_init((char *)out + len, FAMILY, WEFT_CMD_DP_NEW, 0);
	len += MNL_ALIGN(nlh->nlmsg_len);
	ret = (int)send(sv[1], out, len, 0);
	weft_nl_open_fd(&nl, sv[0], FAMILY);
	ret = ret > 0 ? weft_nl_recv_notify(nl, count_cb, &n) : -1;
	weft_tap_ok(ret == 0 && n == 2,
		    "notifications: both events of a datagram, the ACK skipped");
	close(sv[1]);
	weft_tap_ok(weft_nl_recv_notify(nl, count_cb, &n) == -ECONNRESET,
		    "notifications: a closed peer is an error, not a hang");
	weft_nl_close(nl);
}

void weft_test_bundle(void)
{
	test_encoding();
	test_pipeline();
	test_notify();
}
