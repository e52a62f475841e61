// SPDX-License-Identifier: GPL-2.0
/*
 * Request builders for weft's pipeline ABI (see weft_nl_pipe.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "weft_nl_lib.h"

/* Scratch attribute lists ------------------------------------------------ */

struct nlmsghdr *weft_attrs_init(struct weft_attrs *a)
{
	memset(a->buf, 0, sizeof(a->buf));
	a->nlh = mnl_nlmsg_put_header(a->buf);
	return a->nlh;
}

void weft_attrs_put(struct nlmsghdr *nlh, const struct weft_attrs *a)
{
	size_t len = a->nlh->nlmsg_len - MNL_NLMSG_HDRLEN;

	memcpy(mnl_nlmsg_get_payload_tail(nlh),
	       mnl_nlmsg_get_payload(a->nlh), len);
	nlh->nlmsg_len += (uint32_t)len;
}

/* Actions ---------------------------------------------------------------- */

void weft_act_output(struct nlmsghdr *nlh, uint32_t port)
{
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, port);
}

void weft_act_controller(struct nlmsghdr *nlh, int max_len)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, WEFT_ACT_A_CONTROLLER);

	if (max_len >= 0)
		mnl_attr_put_u16(nlh, WEFT_CTRL_A_MAX_LEN, (uint16_t)max_len);
	mnl_attr_nest_end(nlh, n);
}

void weft_act_group(struct nlmsghdr *nlh, uint32_t id)
{
	mnl_attr_put_u32(nlh, WEFT_ACT_A_GROUP, id);
}

void weft_act_set(struct nlmsghdr *nlh, uint16_t field, const void *val,
		  size_t len)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, WEFT_ACT_A_SET_FIELD);

	mnl_attr_put(nlh, field, len, val);
	mnl_attr_nest_end(nlh, n);
}

void weft_act_set_be16(struct nlmsghdr *nlh, uint16_t field, uint16_t v)
{
	uint16_t be = htons(v);

	weft_act_set(nlh, field, &be, sizeof(be));
}

void weft_act_set_be32(struct nlmsghdr *nlh, uint16_t field, uint32_t v)
{
	uint32_t be = htonl(v);

	weft_act_set(nlh, field, &be, sizeof(be));
}

void weft_act_set_u16(struct nlmsghdr *nlh, uint16_t field, uint16_t v)
{
	weft_act_set(nlh, field, &v, sizeof(v));
}

void weft_act_set_u8(struct nlmsghdr *nlh, uint16_t field, uint8_t v)
{
	weft_act_set(nlh, field, &v, sizeof(v));
}

void weft_act_be16(struct nlmsghdr *nlh, uint16_t type, uint16_t v)
{
	mnl_attr_put_u16(nlh, type, htons(v));
}

void weft_act_flag(struct nlmsghdr *nlh, uint16_t type)
{
	mnl_attr_put(nlh, type, 0, NULL);
}

void weft_inst_goto(struct weft_attrs *a, uint8_t table)
{
	mnl_attr_put_u8(a->nlh, WEFT_INST_A_GOTO_TABLE, table);
}

void weft_inst_meta(struct weft_attrs *a, uint64_t value, uint64_t mask,
		    bool with_mask)
{
	struct nlattr *n = mnl_attr_nest_start(a->nlh,
					       WEFT_INST_A_WRITE_METADATA);

	mnl_attr_put_u64(a->nlh, WEFT_META_A_VALUE, value);
	if (with_mask)
		mnl_attr_put_u64(a->nlh, WEFT_META_A_MASK, mask);
	mnl_attr_nest_end(a->nlh, n);
}

void weft_inst_clear(struct weft_attrs *a)
{
	weft_act_flag(a->nlh, WEFT_INST_A_CLEAR_ACTIONS);
}

void weft_inst_output(struct weft_attrs *a, uint16_t list, uint32_t port)
{
	struct nlattr *n = mnl_attr_nest_start(a->nlh, list);

	weft_act_output(a->nlh, port);
	mnl_attr_nest_end(a->nlh, n);
}

int weft_flow_add(struct weft_nl *s, const char *dp, const struct weft_flow *f,
		  struct weft_reply *r)
{
	return weft_flow_cmd(s, WEFT_CMD_FLOW_NEW, 0, dp, f, r);
}

int weft_flow_stats(struct weft_nl *s, const char *dp,
		    const struct weft_flow *f, uint64_t *packets,
		    uint64_t *bytes)
{
	struct weft_reply *r = malloc(sizeof(*r));
	struct weft_flow g = *f;
	const struct nlattr *st;
	int err;

	if (!r)
		return ENOMEM;
	g.strict = true;
	g.no_inst = true;
	g.has_flags = g.has_idle = g.has_hard = false;
	g.has_cookie = false;
	g.excl = false;
	err = weft_flow_cmd(s, WEFT_CMD_FLOW_GET, 0, dp, &g, r);
	if (!err && r->n != 1)
		err = ENOENT;
	if (!err) {
		st = weft_getv(r->msgs[0], 2, WEFT_A_FLOW, WEFT_FLOW_A_STATS);
		*packets = weft_u(weft_nested(st, WEFT_FLOW_STATS_A_PACKETS));
		*bytes = weft_u(weft_nested(st, WEFT_FLOW_STATS_A_BYTES));
	} else {
		char desc[768];

		weft_describe(r, desc, sizeof(desc));
		fprintf(stderr, "# FLOW_GET: %s\n", desc);
	}
	free(r);
	return err;
}

/* Datapath ----------------------------------------------------------------- */

int weft_dp_set_upcall(struct weft_nl *s, const char *dp, int64_t pid,
		       int64_t rate, int64_t burst, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_SET, 0);
	weft_put_dp(q.nlh, dp);
	if (pid >= 0)
		mnl_attr_put_u32(q.nlh, WEFT_A_DP_UPCALL_PID, (uint32_t)pid);
	if (rate >= 0)
		mnl_attr_put_u32(q.nlh, WEFT_A_DP_UPCALL_RATE, (uint32_t)rate);
	if (burst >= 0)
		mnl_attr_put_u32(q.nlh, WEFT_A_DP_UPCALL_BURST,
				 (uint32_t)burst);
	return weft_transact(s, &q, r);
}

uint64_t weft_dp_stat(struct weft_nl *s, const char *dp, uint16_t stat)
{
	struct weft_reply *r = malloc(sizeof(*r));
	uint64_t v = UINT64_MAX;

	if (!r)
		return v;
	if (!weft_dp_get(s, dp, r) && r->n == 1)
		v = weft_u(weft_getv(r->msgs[0], 2, WEFT_A_DP_STATS, stat));
	free(r);
	return v;
}

/* Tables ------------------------------------------------------------------ */

int weft_table_set(struct weft_nl *s, const char *dp, int id, int64_t miss,
		   int64_t max_len, struct weft_reply *r)
{
	struct weft_req q;
	struct nlattr *n;

	weft_req_init(&q, s, WEFT_CMD_TABLE_SET, 0);
	weft_put_dp(q.nlh, dp);
	n = mnl_attr_nest_start(q.nlh, WEFT_A_TABLE);
	if (id >= 0)
		mnl_attr_put_u8(q.nlh, WEFT_TABLE_A_ID, (uint8_t)id);
	if (miss >= 0)
		mnl_attr_put_u32(q.nlh, WEFT_TABLE_A_MISS, (uint32_t)miss);
	if (max_len >= 0)
		mnl_attr_put_u16(q.nlh, WEFT_TABLE_A_MISS_MAX_LEN,
				 (uint16_t)max_len);
	mnl_attr_nest_end(q.nlh, n);
	return weft_transact(s, &q, r);
}

int weft_table_get(struct weft_nl *s, const char *dp, int id,
		   struct weft_reply *r)
{
	struct weft_req q;
	struct nlattr *n;

	weft_req_init(&q, s, WEFT_CMD_TABLE_GET, 0);
	weft_put_dp(q.nlh, dp);
	n = mnl_attr_nest_start(q.nlh, WEFT_A_TABLE);
	if (id >= 0)
		mnl_attr_put_u8(q.nlh, WEFT_TABLE_A_ID, (uint8_t)id);
	mnl_attr_nest_end(q.nlh, n);
	return weft_transact(s, &q, r);
}

int weft_table_dump(struct weft_nl *s, const char *dp, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_TABLE_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, dp);
	return weft_transact(s, &q, r);
}

/* Groups ------------------------------------------------------------------ */

struct nlmsghdr *weft_group_start(struct weft_greq *g, struct weft_nl *s,
				  uint8_t cmd, const char *dp, int64_t id,
				  int64_t type)
{
	weft_req_init(&g->q, s, cmd, 0);
	weft_put_dp(g->q.nlh, dp);
	g->group = mnl_attr_nest_start(g->q.nlh, WEFT_A_GROUP);
	g->buckets = g->bucket = g->acts = NULL;
	if (id >= 0)
		mnl_attr_put_u32(g->q.nlh, WEFT_GROUP_A_ID, (uint32_t)id);
	if (type >= 0)
		mnl_attr_put_u32(g->q.nlh, WEFT_GROUP_A_TYPE, (uint32_t)type);
	return g->q.nlh;
}

struct nlmsghdr *weft_bucket_start(struct weft_greq *g, int weight,
				   uint32_t watch_port, uint32_t watch_group)
{
	struct nlmsghdr *nlh = g->q.nlh;

	if (g->bucket)
		weft_bucket_end(g);
	if (!g->buckets)
		g->buckets = mnl_attr_nest_start(nlh, WEFT_GROUP_A_BUCKETS);
	g->bucket = mnl_attr_nest_start(nlh, WEFT_GROUP_A_BUCKET);
	if (weight >= 0)
		mnl_attr_put_u16(nlh, WEFT_BUCKET_A_WEIGHT, (uint16_t)weight);
	if (watch_port != WEFT_PORT_ANY)
		mnl_attr_put_u32(nlh, WEFT_BUCKET_A_WATCH_PORT, watch_port);
	if (watch_group != WEFT_GROUP_ANY)
		mnl_attr_put_u32(nlh, WEFT_BUCKET_A_WATCH_GROUP, watch_group);
	g->acts = mnl_attr_nest_start(nlh, WEFT_BUCKET_A_ACTIONS);
	return nlh;
}

void weft_bucket_end(struct weft_greq *g)
{
	if (g->acts)
		mnl_attr_nest_end(g->q.nlh, g->acts);
	if (g->bucket)
		mnl_attr_nest_end(g->q.nlh, g->bucket);
	g->acts = g->bucket = NULL;
}

int weft_group_send(struct weft_greq *g, struct weft_nl *s,
		    struct weft_reply *r)
{
	weft_bucket_end(g);
	if (g->buckets)
		mnl_attr_nest_end(g->q.nlh, g->buckets);
	mnl_attr_nest_end(g->q.nlh, g->group);
	return weft_transact(s, &g->q, r);
}

int weft_group_outputs(struct weft_nl *s, uint8_t cmd, const char *dp,
		       uint32_t id, uint32_t type, int n, const uint32_t *ports,
		       struct weft_reply *r)
{
	struct weft_reply *own = NULL;
	struct weft_greq *g = malloc(sizeof(*g));
	int i, err;

	if (!g)
		return ENOMEM;
	if (!r) {
		own = r = malloc(sizeof(*r));
		if (!r) {
			free(g);
			return ENOMEM;
		}
	}
	weft_group_start(g, s, cmd, dp, id, type);
	for (i = 0; i < n; i++) {
		weft_bucket_start(g, -1, WEFT_PORT_ANY, WEFT_GROUP_ANY);
		weft_act_output(g->q.nlh, ports[i]);
	}
	err = weft_group_send(g, s, r);
	if (err && own) {
		char desc[768];

		weft_describe(r, desc, sizeof(desc));
		fprintf(stderr, "# group command %u: %s\n", cmd, desc);
	}
	free(own);
	free(g);
	return err;
}

static int weft_group_id_cmd(struct weft_nl *s, uint8_t cmd, uint16_t flags,
			     const char *dp, int64_t id, struct weft_reply *r)
{
	struct weft_req q;
	struct nlattr *n;

	weft_req_init(&q, s, cmd, flags);
	weft_put_dp(q.nlh, dp);
	if (id >= 0) {
		n = mnl_attr_nest_start(q.nlh, WEFT_A_GROUP);
		mnl_attr_put_u32(q.nlh, WEFT_GROUP_A_ID, (uint32_t)id);
		mnl_attr_nest_end(q.nlh, n);
	}
	return weft_transact(s, &q, r);
}

int weft_group_del(struct weft_nl *s, const char *dp, uint32_t id,
		   struct weft_reply *r)
{
	return weft_group_id_cmd(s, WEFT_CMD_GROUP_DEL, 0, dp, id, r);
}

int weft_group_get(struct weft_nl *s, const char *dp, uint32_t id,
		   struct weft_reply *r)
{
	return weft_group_id_cmd(s, WEFT_CMD_GROUP_GET, 0, dp, id, r);
}

int weft_group_dump(struct weft_nl *s, const char *dp, struct weft_reply *r)
{
	return weft_group_id_cmd(s, WEFT_CMD_GROUP_GET, NLM_F_DUMP, dp, -1, r);
}

/* Packet-out and trace ------------------------------------------------------ */

struct nlmsghdr *weft_packet_start(struct weft_preq *p, struct weft_nl *s,
				   uint8_t cmd, const char *dp,
				   const void *data, size_t len,
				   uint32_t in_port)
{
	weft_req_init(&p->q, s, cmd, 0);
	weft_put_dp(p->q.nlh, dp);
	p->pkt = mnl_attr_nest_start(p->q.nlh, WEFT_A_PACKET);
	p->acts = NULL;
	if (data)
		mnl_attr_put(p->q.nlh, WEFT_PACKET_A_DATA, len, data);
	if (in_port != WEFT_PORT_ANY)
		mnl_attr_put_u32(p->q.nlh, WEFT_PACKET_A_IN_PORT, in_port);
	if (cmd == WEFT_CMD_PACKET_OUT)
		p->acts = mnl_attr_nest_start(p->q.nlh, WEFT_PACKET_A_ACTIONS);
	return p->q.nlh;
}

int weft_packet_send(struct weft_preq *p, struct weft_nl *s,
		     struct weft_reply *r)
{
	if (p->acts)
		mnl_attr_nest_end(p->q.nlh, p->acts);
	mnl_attr_nest_end(p->q.nlh, p->pkt);
	return weft_transact(s, &p->q, r);
}

int weft_packet_out(struct weft_nl *s, const char *dp, const void *data,
		    size_t len, uint32_t in_port, uint32_t out,
		    struct weft_reply *r)
{
	struct weft_reply *own = NULL;
	struct weft_preq *p = malloc(sizeof(*p));
	int err;

	if (!p)
		return ENOMEM;
	if (!r) {
		own = r = malloc(sizeof(*r));
		if (!r) {
			free(p);
			return ENOMEM;
		}
	}
	weft_packet_start(p, s, WEFT_CMD_PACKET_OUT, dp, data, len, in_port);
	weft_act_output(p->q.nlh, out);
	err = weft_packet_send(p, s, r);
	if (err && own) {
		char desc[768];

		weft_describe(r, desc, sizeof(desc));
		fprintf(stderr, "# PACKET_OUT: %s\n", desc);
	}
	free(own);
	free(p);
	return err;
}

int weft_trace_data(struct weft_nl *s, const char *dp, const void *data,
		    size_t len, uint32_t in_port, struct weft_reply *r)
{
	struct weft_preq *p = malloc(sizeof(*p));
	int err;

	if (!p)
		return ENOMEM;
	weft_packet_start(p, s, WEFT_CMD_TRACE, dp, data, len, in_port);
	err = weft_packet_send(p, s, r);
	free(p);
	return err;
}

int weft_trace_steps(const struct nlmsghdr *m, const struct nlattr **steps,
		     int max)
{
	const struct nlattr *t = weft_getv(m, 1, WEFT_A_TRACE), *a;
	int n = 0;

	if (!t)
		return -1;
	mnl_attr_for_each_nested(a, t)
		if (mnl_attr_get_type(a) == WEFT_TRACE_A_STEP && n < max)
			steps[n++] = a;
	return n;
}

int weft_trace_outputs(const struct nlmsghdr *m, uint32_t *out, int max)
{
	const struct nlattr *o = weft_getv(m, 2, WEFT_A_TRACE,
					   WEFT_TRACE_A_OUTPUTS), *a;
	int n = 0;

	if (!o)
		return -1;
	mnl_attr_for_each_nested(a, o)
		if (mnl_attr_get_type(a) == WEFT_TRACE_A_OUTPUT && n < max)
			out[n++] = mnl_attr_get_u32(a);
	return n;
}

/* Bundles ----------------------------------------------------------------- */

void weft_bundle_start(struct weft_breq *b, struct weft_nl *s,
		       const char *dp)
{
	weft_req_init(&b->q, s, WEFT_CMD_BUNDLE, 0);
	weft_put_dp(b->q.nlh, dp);
	b->bundle = mnl_attr_nest_start(b->q.nlh, WEFT_A_BUNDLE);
	b->n = 0;
}

void weft_bundle_op(struct weft_breq *b, uint8_t cmd,
		    const struct weft_flow *f)
{
	struct nlattr *op;

	if (b->n >= WEFT_BUNDLE_TEST_OPS)
		abort();
	op = mnl_attr_nest_start(b->q.nlh, WEFT_BUNDLE_A_OP);
	b->op_off[b->n++] = weft_off(b->q.nlh, op);
	mnl_attr_put_u8(b->q.nlh, WEFT_OP_A_CMD, cmd);
	if (f)
		weft_put_flow_as(b->q.nlh, WEFT_OP_A_FLOW, f);
	mnl_attr_nest_end(b->q.nlh, op);
}

int weft_bundle_send(struct weft_breq *b, struct weft_nl *s,
		     struct weft_reply *r)
{
	mnl_attr_nest_end(b->q.nlh, b->bundle);
	return weft_transact(s, &b->q, r);
}

/* Frames ------------------------------------------------------------------ */

uint16_t weft_csum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

size_t weft_frame_ipv4(uint8_t *buf, const uint8_t dst[6],
		       const uint8_t src[6], uint32_t saddr, uint32_t daddr,
		       uint8_t proto, uint16_t sport, uint16_t dport,
		       size_t payload)
{
	uint8_t *ip = buf + 14, *l4 = ip + 20, *data;
	size_t l4hdr = proto == 6 ? 20 : 8, l4len, i;
	uint32_t sum;
	uint16_t c;

	memset(buf, 0, 14 + 20 + l4hdr + payload);
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = 0x08;
	buf[13] = 0x00;
	l4len = l4hdr + payload;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((20 + l4len) >> 8);
	ip[3] = (uint8_t)(20 + l4len);
	ip[4] = 0x12;			/* id */
	ip[6] = 0x40;			/* DF */
	ip[8] = 64;			/* TTL */
	ip[9] = proto;
	saddr = htonl(saddr);
	daddr = htonl(daddr);
	memcpy(ip + 12, &saddr, 4);
	memcpy(ip + 16, &daddr, 4);
	c = weft_csum(ip, 20, 0);
	memcpy(ip + 10, &c, 2);

	data = l4 + l4hdr;
	for (i = 0; i < payload; i++)
		data[i] = (uint8_t)i;
	if (proto == 1) {
		l4[0] = 8;		/* echo request */
		l4[4] = (uint8_t)(sport >> 8);
		l4[5] = (uint8_t)sport;
		l4[7] = 1;		/* sequence */
		c = weft_csum(l4, l4len, 0);
		memcpy(l4 + 2, &c, 2);
	} else {
		l4[0] = (uint8_t)(sport >> 8);
		l4[1] = (uint8_t)sport;
		l4[2] = (uint8_t)(dport >> 8);
		l4[3] = (uint8_t)dport;
		if (proto == 6) {
			l4[12] = 5 << 4;	/* data offset */
			l4[13] = 0x02;		/* SYN */
			l4[14] = 0xff;		/* window */
		} else {
			l4[4] = (uint8_t)(l4len >> 8);
			l4[5] = (uint8_t)l4len;
		}
		/* Pseudo-header, then the segment. */
		sum = (ntohl(saddr) >> 16) + (ntohl(saddr) & 0xffff) +
		      (ntohl(daddr) >> 16) + (ntohl(daddr) & 0xffff) +
		      proto + (uint32_t)l4len;
		c = weft_csum(l4, l4len, sum);
		if (proto == 17 && !c)
			c = 0xffff;
		memcpy(l4 + (proto == 6 ? 16 : 6), &c, 2);
	}
	return 14 + 20 + l4len;
}

/* Raw sockets -------------------------------------------------------------- */

int weft_raw_open(const char *ifname)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
	};
	int fd;

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (!sll.sll_ifindex)
		return -ENODEV;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

ssize_t weft_raw_recv(int fd, void *buf, size_t len, int timeout_ms)
{
	return weft_raw_recv_tag(fd, buf, len, timeout_ms, NULL);
}

ssize_t weft_raw_recv_tag(int fd, void *buf, size_t len, int timeout_ms,
			  uint32_t *tag)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int one = 1;

	setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one));
	for (;;) {
		union {
			char buf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
			struct cmsghdr align;
		} ctl;
		struct sockaddr_ll from;
		struct iovec iov = { .iov_base = buf, .iov_len = len };
		struct msghdr msg = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
		};
		struct cmsghdr *c;
		ssize_t n;

		if (poll(&pfd, 1, timeout_ms) <= 0)
			return 0;
		n = recvmsg(fd, &msg, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;
		}
		/* What this host sends is no news. */
		if (from.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (tag) {
			*tag = 0;
			for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
				struct tpacket_auxdata aux;

				if (c->cmsg_level != SOL_PACKET ||
				    c->cmsg_type != PACKET_AUXDATA)
					continue;
				memcpy(&aux, CMSG_DATA(c), sizeof(aux));
				if (aux.tp_status & TP_STATUS_VLAN_VALID)
					*tag = (uint32_t)(aux.tp_status &
						TP_STATUS_VLAN_TPID_VALID ?
						aux.tp_vlan_tpid : 0x8100) << 16 |
					       aux.tp_vlan_tci;
			}
		}
		return n;
	}
}
