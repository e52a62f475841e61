// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink transport for weft: family resolution, request/ACK with
 * extended ACK, and dumps that restart when the kernel flags them
 * inconsistent.
 *
 * I/O goes through plain send()/recv() on the socket's fd rather than
 * mnl_socket_sendto()/recvfrom(): an unconnected netlink socket sends to the
 * kernel anyway, and this way the same code runs against a socketpair in the
 * unit tests, which play the kernel.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "attrs.h"
#include "nl.h"
#include "nl_priv.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Messages of a dump, kept until we know the dump was consistent. */
struct dump_buf {
	char *buf;
	size_t len, size;
};

static struct weft_nl *nl_alloc(int fd)
{
	struct weft_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->rx = malloc(RX_INITIAL);
	if (!nl->rx) {
		free(nl);
		return NULL;
	}
	nl->rx_size = RX_INITIAL;
	nl->req = calloc(1, WEFT_NL_REQ_SIZE);
	if (!nl->req) {
		free(nl->rx);
		free(nl);
		return NULL;
	}
	nl->req_size = WEFT_NL_REQ_SIZE;
	nl->fd = fd;
	/* Any start will do; a clock-based one is what libmnl users do. */
	nl->seq = (uint32_t)time(NULL);
	return nl;
}

int weft_nl_open_fd(struct weft_nl **nlp, int fd, uint16_t family)
{
	struct weft_nl *nl = nl_alloc(fd);

	*nlp = NULL;
	if (!nl)
		return -ENOMEM;
	nl->family = family;
	*nlp = nl;
	return 0;
}

int weft_nl_open(struct weft_nl **nlp)
{
	struct mnl_socket *mnl;
	struct weft_nl *nl;
	int one = 1, rcvbuf = 4 << 20, err, fd;

	*nlp = NULL;
	mnl = mnl_socket_open(NETLINK_GENERIC);
	if (!mnl)
		return -errno;
	if (mnl_socket_bind(mnl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		mnl_socket_close(mnl);
		return err;
	}
	fd = mnl_socket_get_fd(mnl);
	/*
	 * Best effort: kernels before 4.12 lack extended ACKs, and then we
	 * simply have no message to show.  Capped ACKs keep the kernel from
	 * echoing our whole request back with every error; we kept a copy.
	 */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/*
	 * Pipelined requests and bursts of events queue many small messages:
	 * a bigger receive buffer (capped by rmem_max) keeps the kernel from
	 * dropping them.  Best effort too.
	 */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));

	nl = nl_alloc(fd);
	if (!nl) {
		mnl_socket_close(mnl);
		return -ENOMEM;
	}
	nl->mnl = mnl;
	err = weft_nl_resolve(nl);
	if (err) {
		weft_nl_close(nl);
		return err;
	}
	*nlp = nl;
	return 0;
}

void weft_nl_close(struct weft_nl *nl)
{
	if (!nl)
		return;
	if (nl->mnl)
		mnl_socket_close(nl->mnl);
	else if (nl->fd >= 0)
		close(nl->fd);
	free(nl->rx);
	free(nl->req);
	free(nl);
}

int weft_nl_fd(const struct weft_nl *nl)
{
	return nl->fd;
}

uint16_t weft_nl_family(const struct weft_nl *nl)
{
	return nl->family;
}

uint32_t weft_nl_version(const struct weft_nl *nl)
{
	return nl->version;
}

uint32_t weft_nl_events_group(const struct weft_nl *nl)
{
	return nl->events_group;
}

const struct weft_nl_error *weft_nl_error(const struct weft_nl *nl)
{
	return &nl->err;
}

const struct nlmsghdr *weft_nl_last_req(const struct weft_nl *nl)
{
	return (const struct nlmsghdr *)nl->req;
}

static struct nlmsghdr *req_start(struct weft_nl *nl, uint16_t family,
				  uint8_t cmd, uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->req);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *weft_nl_msg_init(void *buf, uint16_t family, uint8_t cmd,
				  uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = WEFT_GENL_VERSION;
	return nlh;
}

struct nlmsghdr *weft_nl_req(struct weft_nl *nl, uint8_t cmd, uint16_t flags)
{
	return req_start(nl, nl->family, cmd, WEFT_GENL_VERSION, flags);
}

struct nlmsghdr *weft_nl_req_sized(struct weft_nl *nl, uint8_t cmd,
				   uint16_t flags, size_t size)
{
	if (size > nl->req_size) {
		uint64_t *req = calloc(1, size);

		if (!req)
			return NULL;
		free(nl->req);
		nl->req = req;
		nl->req_size = size;
	}
	return weft_nl_req(nl, cmd, flags);
}

uint32_t weft_nl_portid(const struct weft_nl *nl)
{
	struct sockaddr_nl sa;
	socklen_t len = sizeof(sa);

	if (nl->mnl)
		return mnl_socket_get_portid(nl->mnl);
	/* An adopted socket: ask it, if it is a netlink one at all. */
	if (getsockname(nl->fd, (struct sockaddr *)&sa, &len) == 0 &&
	    sa.nl_family == AF_NETLINK)
		return sa.nl_pid;
	return 0;
}

static int send_req(struct weft_nl *nl, struct nlmsghdr *req)
{
	ssize_t n;

	/* Keep the request where weft_nl_strerror() will look for it. */
	if (req->nlmsg_len > nl->req_size)
		return -EMSGSIZE;
	if ((void *)req != (void *)nl->req)
		memmove(nl->req, req, req->nlmsg_len);
	req = (struct nlmsghdr *)nl->req;
	req->nlmsg_seq = ++nl->seq;
	req->nlmsg_pid = 0;
	memset(&nl->err, 0, sizeof(nl->err));

	do {
		/* A socketpair peer may be gone: an error, not SIGPIPE. */
		n = send(nl->fd, req, req->nlmsg_len, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != req->nlmsg_len)
		return -EMSGSIZE;
	return 0;
}

/*
 * Receive one datagram whole.  The kernel sizes dump datagrams after the
 * buffer we read with (up to 32 KiB), so a truncated read should not happen;
 * peeking at the real size first makes sure of it.
 */
int weft_nl_recv_datagram(struct weft_nl *nl, size_t *lenp)
{
	for (;;) {
		ssize_t n = recv(nl->fd, nl->rx, nl->rx_size,
				 MSG_PEEK | MSG_TRUNC);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if ((size_t)n > nl->rx_size) {
			size_t size = ((size_t)n + 4095) & ~(size_t)4095;
			char *rx = realloc(nl->rx, size);

			if (!rx)
				return -ENOMEM;
			nl->rx = rx;
			nl->rx_size = size;
			continue;
		}
		n = recv(nl->fd, nl->rx, nl->rx_size, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)	/* the peer went away (only with socketpairs) */
			return -ECONNRESET;
		*lenp = (size_t)n;
		return 0;
	}
}

static int dump_append(struct dump_buf *db, const struct nlmsghdr *nlh)
{
	size_t need = MNL_ALIGN(nlh->nlmsg_len);

	if (db->len + need > db->size) {
		size_t size = db->size ? db->size * 2 : 64 * 1024;
		char *buf;

		while (size < db->len + need)
			size *= 2;
		buf = realloc(db->buf, size);
		if (!buf)
			return -ENOMEM;
		db->buf = buf;
		db->size = size;
	}
	memcpy(db->buf + db->len, nlh, nlh->nlmsg_len);
	memset(db->buf + db->len + nlh->nlmsg_len, 0, need - nlh->nlmsg_len);
	db->len += need;
	return 0;
}

/*
 * Read the replies to request @seq up to its ACK (do) or NLMSG_DONE (dump).
 * Data messages go to @cb (do) or into @db (dump).  Messages of other
 * sequence numbers (notifications, leftovers) are skipped.
 */
static int recv_reply(struct weft_nl *nl, uint32_t seq, struct dump_buf *db,
		      bool *intr, weft_nl_msg_cb cb, void *data)
{
	int cb_err = 0;

	for (;;) {
		const struct nlmsghdr *nlh;
		size_t len = 0;
		int rem, err;

		err = weft_nl_recv_datagram(nl, &len);
		if (err)
			return err;
		nlh = (const struct nlmsghdr *)nl->rx;
		rem = (int)len;
		for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				*intr = true;
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				continue;
			case NLMSG_OVERRUN:
				return -ENOBUFS;
			case NLMSG_ERROR:
			case NLMSG_DONE:
				err = weft_nl_parse_error(nlh, &nl->err);
				return err ? err : cb_err;
			}
			if (db) {
				err = dump_append(db, nlh);
				if (err)
					return err;
			} else if (cb && !cb_err) {
				/* Keep reading to the ACK to stay in sync. */
				cb_err = cb(nlh, data);
			}
		}
		if (rem > 0)
			return -EPROTO;
	}
}

int weft_nl_do(struct weft_nl *nl, struct nlmsghdr *req,
	       weft_nl_msg_cb cb, void *data)
{
	bool intr = false;
	int err;

	req->nlmsg_flags |= NLM_F_ACK;
	err = send_req(nl, req);
	if (!err)
		err = recv_reply(nl, nl->seq, NULL, &intr, cb, data);
	if (err && !nl->err.err)
		nl->err.err = err;
	return err;
}

static int replay(const struct dump_buf *db, weft_nl_msg_cb cb, void *data)
{
	const struct nlmsghdr *nlh = (const void *)db->buf;
	int rem = (int)db->len, err;

	if (!cb)
		return 0;
	for (; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		err = cb(nlh, data);
		if (err)
			return err;
	}
	return 0;
}

int weft_nl_dump(struct weft_nl *nl, struct nlmsghdr *req,
		 weft_nl_msg_cb cb, void *data)
{
	struct dump_buf db = { 0 };
	int err, tries;

	req->nlmsg_flags |= NLM_F_DUMP;
	for (tries = 0;; tries++) {
		bool intr = false;

		db.len = 0;
		err = send_req(nl, req);
		if (!err)
			err = recv_reply(nl, nl->seq, &db, &intr, NULL, NULL);
		if (err)
			break;
		if (!intr) {
			err = replay(&db, cb, data);
			break;
		}
		/* The objects changed under the dump: take it again. */
		if (tries == WEFT_NL_DUMP_RETRIES) {
			err = -EAGAIN;
			snprintf(nl->err.msg, sizeof(nl->err.msg),
				 "dump interrupted %d times by concurrent changes",
				 tries + 1);
			break;
		}
		req = (struct nlmsghdr *)nl->req;
	}
	free(db.buf);
	if (err && !nl->err.err)
		nl->err.err = err;
	return err;
}

static void parse_ack_tlvs(const void *start, size_t len,
			   struct weft_nl_error *e)
{
	const struct nlattr *attr;

	mnl_attr_for_each_payload(start, len) {
		size_t plen = mnl_attr_get_payload_len(attr);
		const void *p = mnl_attr_get_payload(attr);

		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (plen >= sizeof(e->msg))
				plen = sizeof(e->msg) - 1;
			memcpy(e->msg, p, plen);
			e->msg[plen] = '\0';
			/* Drop the NUL and a trailing newline, if sent. */
			plen = strlen(e->msg);
			while (plen && e->msg[plen - 1] == '\n')
				e->msg[--plen] = '\0';
			break;
		case NLMSGERR_ATTR_OFFS:
			if (plen == 4) {
				e->offs = mnl_attr_get_u32(attr);
				e->has_offs = true;
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (plen == 4) {
				e->miss_type = (uint16_t)mnl_attr_get_u32(attr);
				e->has_miss_type = true;
			}
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			if (plen == 4) {
				e->miss_nest = mnl_attr_get_u32(attr);
				e->has_miss_nest = true;
			}
			break;
		}
	}
}

int weft_nl_parse_error(const struct nlmsghdr *nlh, struct weft_nl_error *e)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	const char *payload = mnl_nlmsg_get_payload(nlh);
	size_t off;
	int error;

	memset(e, 0, sizeof(*e));
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *me = (const void *)payload;

		if (plen < sizeof(*me)) {
			e->err = -EPROTO;
			return e->err;
		}
		error = me->error;
		off = sizeof(*me);
		/* Uncapped, the whole request comes back before the TLVs. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    me->msg.nlmsg_len > sizeof(me->msg))
			off += me->msg.nlmsg_len - sizeof(me->msg);
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		/* Dumps end with the dump's status; old kernels may omit it. */
		error = 0;
		off = 0;
		if (plen >= sizeof(int)) {
			memcpy(&error, payload, sizeof(int));
			off = sizeof(int);
		}
	} else {
		e->err = -EPROTO;
		return e->err;
	}
	/* Negative errno on the wire; be lenient about a positive one. */
	e->err = error > 0 ? -error : error;
	off = MNL_ALIGN(off);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && off < plen)
		parse_ack_tlvs(payload + off, plen - off, e);
	return e->err;
}

struct ctrl_reply {
	struct weft_nl *nl;
	bool found;
};

static void ctrl_groups(struct weft_nl *nl, const struct nlattr *groups)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, groups) {
		const struct nlattr *attr;
		const char *name = NULL;
		uint32_t id = 0;

		mnl_attr_for_each_nested(attr, grp) {
			switch (mnl_attr_get_type(attr)) {
			case CTRL_ATTR_MCAST_GRP_NAME:
				if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
					name = mnl_attr_get_str(attr);
				break;
			case CTRL_ATTR_MCAST_GRP_ID:
				if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
					id = mnl_attr_get_u32(attr);
				break;
			}
		}
		if (name && !strcmp(name, WEFT_MCGRP_EVENTS))
			nl->events_group = id;
	}
}

static int ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ctrl_reply *r = data;
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
				return -EPROTO;
			r->nl->family = mnl_attr_get_u16(attr);
			r->found = true;
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				r->nl->version = mnl_attr_get_u32(attr);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			if (mnl_attr_validate(attr, MNL_TYPE_NESTED) == 0)
				ctrl_groups(r->nl, attr);
			break;
		}
	}
	return 0;
}

int weft_nl_resolve(struct weft_nl *nl)
{
	struct ctrl_reply r = { .nl = nl };
	struct nlmsghdr *nlh;
	int err;

	nlh = req_start(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, WEFT_GENL_NAME);
	err = weft_nl_do(nl, nlh, ctrl_cb, &r);
	if (!err && !r.found) {
		err = -EPROTO;
		nl->err.err = err;
	}
	return err;
}

int weft_nl_subscribe_events(struct weft_nl *nl)
{
	uint32_t group = nl->events_group;

	if (!group)
		return -ENOENT;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &group, sizeof(group)) < 0)
		return -errno;
	return 0;
}

/* Whether @msg starts with an attribute name and a colon: "WEFT_A_X: ...". */
static bool names_attr(const char *msg)
{
	size_t n = strspn(msg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

	return n > 5 && !strncmp(msg, "WEFT_", 5) && msg[n] == ':';
}

int weft_nl_strerror(const struct weft_nl *nl, int err, char *buf, size_t len)
{
	const struct weft_nl_error *e = &nl->err;
	const struct nlmsghdr *req = weft_nl_last_req(nl);
	const struct weft_attr_set *set = &weft_attrs_top;
	char attr[128] = "";
	const char *what = "attribute";

	if (!err || e->err != err)	/* no extended ACK for this error */
		return snprintf(buf, len, "%s", strerror(-err));

	/* Only our own family's requests are described by our tables. */
	if (req->nlmsg_type != nl->family)
		set = NULL;
	if (e->has_miss_type) {
		weft_attr_missing_name(req, GENL_HDRLEN,
				       e->has_miss_nest ? e->miss_nest : 0,
				       e->miss_type, set, attr, sizeof(attr));
		what = "missing attribute";
	} else if (e->has_offs) {
		weft_attr_name_at(req, GENL_HDRLEN, e->offs, set, attr,
				  sizeof(attr));
	}

	/*
	 * Our module's own messages start with an attribute's name ("WEFT_X:
	 * ..."), which says it better than an offset that may point at the
	 * enclosing nest; the netlink core's messages name none.
	 */
	if (e->msg[0] && attr[0] && !names_attr(e->msg))
		return snprintf(buf, len, "%s (%s; %s %s)", strerror(-err),
				e->msg, what, attr);
	if (e->msg[0])
		return snprintf(buf, len, "%s (%s)", strerror(-err), e->msg);
	if (attr[0])
		return snprintf(buf, len, "%s (%s %s)", strerror(-err), what,
				attr);
	return snprintf(buf, len, "%s", strerror(-err));
}
