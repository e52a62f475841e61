// SPDX-License-Identifier: GPL-2.0
/*
 * Pipelined requests and notifications.
 *
 * A flow file of 100,000 lines would take 100,000 round trips one request
 * at a time.  Instead requests go out several to a datagram (the kernel
 * handles each message of a datagram in turn and acknowledges each), with
 * a window of unacknowledged ones, so the kernel always has work queued;
 * sequence numbers tell which request an ACK or an error belongs to.  The
 * window is bounded because ACKs are queued on our socket: too many and
 * the kernel would drop some (ENOBUFS) and we could no longer tell what
 * happened.
 *
 * weft_nl_do_many() asks for an ACK of the last request of each datagram
 * only: the kernel answers a request that fails whether asked or not, and
 * handles a datagram's requests in order, so that ACK says every request
 * before it is done.  Most of the cost of a big flow file under emulation
 * was one ACK, and one recvmsg(), per flow.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

#include "nl.h"
#include "nl_priv.h"

/* Requests sent in one datagram at most (bytes); the kernel takes more. */
#define TX_BATCH	(32 * 1024)

struct pipe_state {
	uint32_t base;		/* sequence number of request 0 */
	size_t sent, acked;
	size_t failed;		/* index of the first error, n if none */
	int err;
	/* weft_nl_do_each(): told of every failure, which stops nothing */
	weft_nl_result_fn result;
	void *result_data;
};

/* Queue requests [st->sent, ...) into @buf while the window allows. */
static size_t fill_batch(struct pipe_state *st, size_t n, weft_nl_req_fn get,
			 void *data, unsigned int window, char *buf, int *errp)
{
	struct nlmsghdr *copy = NULL;
	size_t len = 0;

	while (st->sent < n && st->sent - st->acked < window) {
		const struct nlmsghdr *req = get(data, st->sent);

		if (!req) {
			*errp = -ENOMEM;
			break;
		}
		if (req->nlmsg_len > TX_BATCH) {
			*errp = -EMSGSIZE;
			break;
		}
		if (len + MNL_ALIGN(req->nlmsg_len) > TX_BATCH)
			break;
		copy = (struct nlmsghdr *)(buf + len);
		memcpy(copy, req, req->nlmsg_len);
		copy->nlmsg_flags |= NLM_F_REQUEST;
		if (st->result)
			copy->nlmsg_flags |= NLM_F_ACK;
		else
			copy->nlmsg_flags &= ~NLM_F_ACK;
		copy->nlmsg_seq = st->base + (uint32_t)st->sent;
		copy->nlmsg_pid = 0;
		len += MNL_ALIGN(req->nlmsg_len);
		st->sent++;
	}
	if (copy)
		copy->nlmsg_flags |= NLM_F_ACK;
	return len;
}

/* Read one datagram and account for the ACKs in it. */
static int collect_acks(struct weft_nl *nl, struct pipe_state *st,
			weft_nl_req_fn get, void *data)
{
	const struct nlmsghdr *nlh, *req;
	size_t len = 0;
	int rem, err;

	err = weft_nl_recv_datagram(nl, &len);
	if (err)
		return err;
	nlh = (const struct nlmsghdr *)nl->rx;
	rem = (int)len;
	for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		size_t i = (uint32_t)(nlh->nlmsg_seq - st->base);
		struct weft_nl_error e;

		/* Notifications and leftovers are not ours to count. */
		if (nlh->nlmsg_type != NLMSG_ERROR || i >= st->sent)
			continue;
		if (st->result)
			st->acked++;
		else if (i + 1 > st->acked)
			st->acked = i + 1;	/* and all before it */
		err = weft_nl_parse_error(nlh, &e);
		if (err && st->result) {
			/* The callback may want the request for the extack. */
			req = get(data, i);
			if (req && req->nlmsg_len <= nl->req_size) {
				memcpy(nl->req, req, req->nlmsg_len);
				((struct nlmsghdr *)nl->req)->nlmsg_seq =
					st->base + i;
			}
			nl->err = e;
			st->result(st->result_data, i, err);
			continue;
		}
		if (!err || i >= st->failed)
			continue;
		/* The first failure: keep its extack and its request. */
		st->failed = i;
		st->err = err;
		nl->err = e;
		req = get(data, i);
		if (req && req->nlmsg_len <= nl->req_size) {
			memcpy(nl->req, req, req->nlmsg_len);
			((struct nlmsghdr *)nl->req)->nlmsg_seq = st->base + i;
		}
	}
	return rem > 0 ? -EPROTO : 0;
}

static int pipe_run(struct weft_nl *nl, struct pipe_state *stp, size_t n,
		    weft_nl_req_fn get, void *data, unsigned int window,
		    size_t *failed);

int weft_nl_do_many(struct weft_nl *nl, size_t n, weft_nl_req_fn get,
		    void *data, unsigned int window, size_t *failed)
{
	struct pipe_state st = { .base = nl->seq + 1, .failed = n };

	return pipe_run(nl, &st, n, get, data, window, failed);
}

int weft_nl_do_each(struct weft_nl *nl, size_t n, weft_nl_req_fn get,
		    void *data, unsigned int window, weft_nl_result_fn result,
		    void *result_data)
{
	struct pipe_state st = {
		.base = nl->seq + 1, .failed = n,
		.result = result, .result_data = result_data,
	};
	size_t failed;

	return pipe_run(nl, &st, n, get, data, window, &failed);
}

static int pipe_run(struct weft_nl *nl, struct pipe_state *stp, size_t n,
		    weft_nl_req_fn get, void *data, unsigned int window,
		    size_t *failed)
{
	struct pipe_state st = *stp;
	size_t stuck = n;	/* a request that could not be sent */
	char *buf;
	int err = 0, rerr;

	if (!window)
		window = 1;
	buf = malloc(TX_BATCH);
	if (!buf)
		return -ENOMEM;
	memset(&nl->err, 0, sizeof(nl->err));
	for (;;) {
		/* Send while the window and the requests allow. */
		while (!err && st.failed == n && st.sent < n &&
		       st.sent - st.acked < window) {
			size_t before = st.sent, len;
			ssize_t w;

			len = fill_batch(&st, n, get, data, window, buf, &err);
			if (!len)
				break;
			do {
				w = send(nl->fd, buf, len, MSG_NOSIGNAL);
			} while (w < 0 && errno == EINTR);
			if (w < 0 || (size_t)w != len) {
				/* What was not sent gets no ACK. */
				err = w < 0 ? -errno : -EMSGSIZE;
				st.sent = before;
			}
		}
		if (err && stuck == n)
			stuck = st.sent;
		if (st.acked == st.sent)
			break;
		/* Without the ACKs we cannot tell what happened: give up. */
		rerr = collect_acks(nl, &st, get, data);
		if (rerr) {
			if (stuck == n)
				stuck = st.acked;
			err = rerr;
			break;
		}
	}
	nl->seq = st.base + (uint32_t)st.sent;
	free(buf);
	if (st.failed < n) {
		*failed = st.failed;
		return st.err;
	}
	if (err) {
		*failed = stuck < n ? stuck : n - 1;
		nl->err.err = err;
	}
	return err;
}

int weft_nl_recv_notify(struct weft_nl *nl, weft_nl_msg_cb cb, void *data)
{
	const struct nlmsghdr *nlh;
	size_t len = 0;
	int rem, err;

	err = weft_nl_recv_datagram(nl, &len);
	if (err)
		return err;
	nlh = (const struct nlmsghdr *)nl->rx;
	rem = (int)len;
	for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
			continue;	/* a stray ACK or error */
		err = cb(nlh, data);
		if (err)
			return err;
	}
	return rem > 0 ? -EPROTO : 0;
}
