// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink transport for the weft API selftests: socket setup, family
 * resolution, one request / all its answers, and the parsing of extended
 * ACKs.  The attribute-name tables and the request builders live in
 * weft_nl_names.c and weft_nl_req.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <linux/netlink.h>

#include "weft_nl_lib.h"

#define WEFT_RECV_SIZE	(64 * 1024)

static int weft_ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct weft_nl *s = data;
	const struct nlattr *a, *grp, *g;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			s->family = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_VERSION:
			s->version = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(grp, a) {
				uint32_t id = 0;
				bool events = false;

				mnl_attr_for_each_nested(g, grp) {
					if (mnl_attr_get_type(g) ==
					    CTRL_ATTR_MCAST_GRP_NAME &&
					    !strcmp(mnl_attr_get_str(g),
						    WEFT_MCGRP_EVENTS))
						events = true;
					if (mnl_attr_get_type(g) ==
					    CTRL_ATTR_MCAST_GRP_ID)
						id = mnl_attr_get_u32(g);
				}
				if (events) {
					s->has_events = true;
					s->events_grp = id;
				}
			}
			break;
		}
	}
	return MNL_CB_OK;
}

/* Resolve the "weft" family; -ENOENT when the module is not loaded. */
static int weft_resolve(struct weft_nl *s)
{
	char buf[WEFT_RECV_SIZE];
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	unsigned int portid = mnl_socket_get_portid(s->nl);
	uint32_t seq = ++s->seq;
	int ret;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, WEFT_GENL_NAME);
	if (mnl_socket_sendto(s->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		ret = mnl_socket_recvfrom(s->nl, buf, sizeof(buf));
		if (ret < 0)
			return -errno;
		ret = mnl_cb_run(buf, ret, seq, portid, weft_ctrl_cb, s);
		if (ret < 0)
			return -errno;
		if (ret == MNL_CB_STOP)
			break;
	}
	return s->family ? 0 : -ENOENT;
}

int weft_nl_open(struct weft_nl *s)
{
	int one = 1, ret;

	memset(s, 0, sizeof(*s));
	s->seq = 1000;
	s->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->nl)
		return -errno;
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_setsockopt(s->nl, NETLINK_EXT_ACK, &one,
				  sizeof(one)) < 0) {
		ret = -errno;
		goto fail;
	}
	ret = weft_resolve(s);
	if (ret)
		goto fail;
	return 0;
fail:
	mnl_socket_close(s->nl);
	s->nl = NULL;
	return ret;
}

void weft_nl_close(struct weft_nl *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	s->nl = NULL;
}

struct nlmsghdr *weft_req_init(struct weft_req *q, struct weft_nl *s,
			       uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *g;

	memset(q->buf, 0, sizeof(q->buf));
	q->nlh = mnl_nlmsg_put_header(q->buf);
	q->nlh->nlmsg_type = s->family;
	q->nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	/* Dumps end with NLMSG_DONE and get no ACK; everything else does. */
	if (!(flags & NLM_F_DUMP))
		q->nlh->nlmsg_flags |= NLM_F_ACK;
	q->nlh->nlmsg_seq = ++s->seq;
	g = mnl_nlmsg_put_extra_header(q->nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = WEFT_GENL_VERSION;
	return q->nlh;
}

static void weft_parse_ext_ack(struct weft_reply *r,
			       const struct nlmsghdr *nlh, size_t hlen)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(a, nlh, hlen) {
		switch (mnl_attr_get_type(a)) {
		case NLMSGERR_ATTR_MSG:
			snprintf(r->msg, sizeof(r->msg), "%.*s",
				 (int)mnl_attr_get_payload_len(a),
				 (const char *)mnl_attr_get_payload(a));
			r->has_msg = true;
			break;
		case NLMSGERR_ATTR_OFFS:
			r->offs = mnl_attr_get_u32(a);
			r->has_offs = true;
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			r->miss_type = mnl_attr_get_u32(a);
			r->has_miss_type = true;
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			r->miss_nest = mnl_attr_get_u32(a);
			r->has_miss_nest = true;
			break;
		}
	}
}

/* NLMSG_ERROR: the errno, then the request (unless capped), then TLVs. */
static void weft_parse_error(struct weft_reply *r, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t hlen = sizeof(*e);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e)) {
		r->err = EBADMSG;
		return;
	}
	r->err = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		hlen += mnl_nlmsg_get_payload_len(&e->msg);
	weft_parse_ext_ack(r, nlh, hlen);
}

/* NLMSG_DONE of a dump: an int error, then TLVs. */
static void weft_parse_done(struct weft_reply *r, const struct nlmsghdr *nlh)
{
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	r->err = err < 0 ? -err : err;
	weft_parse_ext_ack(r, nlh, sizeof(int));
}

static int weft_keep(struct weft_reply *r, const struct nlmsghdr *nlh)
{
	size_t len = NLMSG_ALIGN(nlh->nlmsg_len);

	if (r->n >= WEFT_REPLY_MAX || r->used + len > sizeof(r->arena))
		return -ENOSPC;
	memcpy((char *)r->arena + r->used, nlh, nlh->nlmsg_len);
	r->msgs[r->n++] = (const void *)((char *)r->arena + r->used);
	r->used += len;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		r->dump_intr = true;
	return 0;
}

int weft_transact(struct weft_nl *s, struct weft_req *q, struct weft_reply *r)
{
	bool dump = q->nlh->nlmsg_flags & NLM_F_DUMP;
	char *buf;
	int ret;

	memset(r, 0, offsetof(struct weft_reply, arena));
	if (q->nlh->nlmsg_len <= sizeof(r->reqcopy)) {
		memcpy(r->reqcopy, q->nlh, q->nlh->nlmsg_len);
		r->req = (const struct nlmsghdr *)r->reqcopy;
	} else {
		r->req = q->nlh;
	}
	buf = malloc(WEFT_RECV_SIZE);
	if (!buf) {
		r->err = ENOMEM;
		return r->err;
	}
	if (mnl_socket_sendto(s->nl, q->nlh, q->nlh->nlmsg_len) < 0) {
		r->err = errno;
		snprintf(r->msg, sizeof(r->msg), "local: sendto failed");
		goto out;
	}
	for (;;) {
		const struct nlmsghdr *nlh;

		ret = mnl_socket_recvfrom(s->nl, buf, WEFT_RECV_SIZE);
		if (ret < 0) {
			r->err = errno;
			snprintf(r->msg, sizeof(r->msg), "local: recv failed");
			goto out;
		}
		for (nlh = (const void *)buf; mnl_nlmsg_ok(nlh, ret);
		     nlh = mnl_nlmsg_next(nlh, &ret)) {
			/* Only answers to this request matter. */
			if (nlh->nlmsg_seq != q->nlh->nlmsg_seq)
				continue;
			switch (nlh->nlmsg_type) {
			case NLMSG_ERROR:
				weft_parse_error(r, nlh);
				goto out;
			case NLMSG_DONE:
				weft_parse_done(r, nlh);
				goto out;
			case NLMSG_NOOP:
			case NLMSG_OVERRUN:
				continue;
			default:
				if (weft_keep(r, nlh)) {
					r->err = ENOSPC;
					snprintf(r->msg, sizeof(r->msg),
						 "local: reply too large");
					goto out;
				}
				/* A do without NLM_F_ACK ends here. */
				if (!dump && !(q->nlh->nlmsg_flags & NLM_F_ACK))
					goto out;
			}
		}
	}
out:
	free(buf);
	return r->err;
}

int weft_nl_join_events(struct weft_nl *s)
{
	int grp = (int)s->events_grp;

	if (!s->has_events || !grp)
		return -ENOENT;
	if (mnl_socket_setsockopt(s->nl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		return -errno;
	return 0;
}

static int64_t weft_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int weft_recv_cmd(struct weft_nl *s, uint8_t cmd, int want, int timeout_ms,
		  struct weft_reply *r)
{
	int64_t end = weft_now_ms() + timeout_ms;
	char *buf = malloc(WEFT_RECV_SIZE);
	struct pollfd pfd = {
		.fd = mnl_socket_get_fd(s->nl), .events = POLLIN,
	};

	memset(r, 0, offsetof(struct weft_reply, arena));
	if (!buf) {
		r->err = ENOMEM;
		return 0;
	}
	while (want <= 0 || r->n < want) {
		int64_t left = end - weft_now_ms();
		const struct nlmsghdr *nlh;
		int ret;

		if (left < 0)
			left = 0;
		ret = poll(&pfd, 1, (int)left);
		if (ret <= 0)
			break;
		ret = (int)recv(pfd.fd, buf, WEFT_RECV_SIZE, MSG_DONTWAIT);
		if (ret < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			/* ENOBUFS: the socket overran; say so. */
			r->err = errno;
			break;
		}
		for (nlh = (const void *)buf; mnl_nlmsg_ok(nlh, ret);
		     nlh = mnl_nlmsg_next(nlh, &ret)) {
			const struct genlmsghdr *g;

			if (nlh->nlmsg_type != s->family ||
			    mnl_nlmsg_get_payload_len(nlh) < sizeof(*g))
				continue;
			g = mnl_nlmsg_get_payload(nlh);
			if (g->cmd != cmd)
				continue;
			if (weft_keep(r, nlh)) {
				r->err = ENOSPC;
				goto out;
			}
		}
	}
out:
	free(buf);
	return r->n;
}

/* Attribute access ------------------------------------------------------ */

const struct nlattr *weft_nested(const struct nlattr *nest, uint16_t type)
{
	const struct nlattr *a;

	if (!nest)
		return NULL;
	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

int weft_nested_count(const struct nlattr *nest)
{
	const struct nlattr *a;
	int n = 0;

	if (!nest)
		return -1;
	mnl_attr_for_each_nested(a, nest)
		n++;
	return n;
}

/* weft_getv(m, 2, WEFT_A_PORT, WEFT_PORT_A_NO): follow a path of types. */
const struct nlattr *weft_getv(const struct nlmsghdr *m, int depth, ...)
{
	const struct nlattr *a, *cur = NULL;
	va_list ap;
	int i;

	if (!m || depth < 1)
		return NULL;
	va_start(ap, depth);
	for (i = 0; i < depth; i++) {
		uint16_t type = (uint16_t)va_arg(ap, int);

		if (i == 0) {
			mnl_attr_for_each(a, m, sizeof(struct genlmsghdr))
				if (mnl_attr_get_type(a) == type) {
					cur = a;
					break;
				}
		} else {
			cur = weft_nested(cur, type);
		}
		if (!cur)
			break;
	}
	va_end(ap);
	return cur;
}

uint64_t weft_u(const struct nlattr *a)
{
	if (!a)
		return UINT64_MAX;
	switch (mnl_attr_get_payload_len(a)) {
	case 1:
		return mnl_attr_get_u8(a);
	case 2:
		return mnl_attr_get_u16(a);
	case 4:
		return mnl_attr_get_u32(a);
	case 8:
		return mnl_attr_get_u64(a);
	}
	return UINT64_MAX - 1;
}

const char *weft_str(const struct nlattr *a)
{
	if (!a || !mnl_attr_get_payload_len(a))
		return "(absent)";
	return mnl_attr_get_str(a);
}
