// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink client against a fake kernel: a child process on the other
 * end of a SOCK_SEQPACKET socketpair (which keeps datagram boundaries as
 * netlink does) answers a fixed script of requests.  This covers what the
 * host cannot show with a real kernel: extended ACKs of every shape,
 * interrupted dumps, stray messages and oversized datagrams.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "dp.h"
#include "flow_text.h"
#include "nl.h"
#include "packet.h"
#include "tap.h"
#include "trace.h"

#define FAMILY		0x1234
#define EVENTS_GROUP	7

/* ---- The fake kernel (child process) ---------------------------------- */

static int child_failures;

static void expect(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fake kernel: unexpected request: %s\n", what);
		child_failures++;
	}
}

static __u64 rxbuf[8192];

/* Receive a request and check what the family's strict checks check. */
static struct nlmsghdr *recv_req(int fd)
{
	const __u16 allowed = NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO;
	struct nlmsghdr *req = (struct nlmsghdr *)rxbuf;
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(req);
	ssize_t n = recv(fd, rxbuf, sizeof(rxbuf), 0);
	__u16 flags;

	if (n <= 0)
		_exit(100);	/* the client went away mid-script */
	flags = req->nlmsg_flags;
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	expect((size_t)n == req->nlmsg_len, "one request per datagram");
	expect(!(flags & ~allowed) && (flags & NLM_F_REQUEST),
	       "only NLM_F_REQUEST, _ACK, _ECHO or _DUMP");
	expect(genl->reserved == 0, "genlmsghdr.reserved is 0");
	return req;
}

/* A datagram being built: messages appended one after another. */
struct dgram {
	__u64 buf[16384];
	size_t len;
};

static struct nlmsghdr *msg_start(struct dgram *d, __u16 type, __u16 flags,
				  __u32 seq, __u8 cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)d->buf + d->len);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	if (type >= NLMSG_MIN_TYPE) {
		genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
		genl->cmd = cmd;
		genl->version = 1;
	}
	return nlh;
}

static void msg_end(struct dgram *d, struct nlmsghdr *nlh)
{
	d->len += MNL_ALIGN(nlh->nlmsg_len);
}

static void dgram_send(int fd, struct dgram *d)
{
	if (send(fd, d->buf, d->len, 0) != (ssize_t)d->len)
		_exit(101);
	d->len = 0;
}

static void add_dp(struct dgram *d, const struct nlmsghdr *req,
		   const char *name, __u16 flags)
{
	struct nlmsghdr *nlh = msg_start(d, FAMILY, flags, req->nlmsg_seq,
					 WEFT_CMD_DP_GET);

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, name);
	mnl_attr_put_u32(nlh, WEFT_A_DP_IFINDEX, 5);
	msg_end(d, nlh);
}

struct ack_opts {
	int error;
	bool uncapped;
	const char *msg;
	int offs;		/* < 0: none */
	int miss_type;		/* < 0: none */
	int miss_nest;		/* < 0: none */
};

static void add_ack(struct dgram *d, const struct nlmsghdr *req,
		    const struct ack_opts *o)
{
	size_t echo = o->uncapped ? req->nlmsg_len : sizeof(*req);
	bool tlvs = o->msg || o->offs >= 0 || o->miss_type >= 0;
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;

	nlh = msg_start(d, NLMSG_ERROR, (o->uncapped ? 0 : NLM_F_CAPPED) |
			(tlvs ? NLM_F_ACK_TLVS : 0), req->nlmsg_seq, 0);
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(e->error) + echo);
	e->error = o->error;
	memcpy(&e->msg, req, echo);
	if (o->msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, o->msg);
	if (o->offs >= 0)
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, o->offs);
	if (o->miss_type >= 0)
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, o->miss_type);
	if (o->miss_nest >= 0)
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_NEST, o->miss_nest);
	msg_end(d, nlh);
}

static void add_done(struct dgram *d, const struct nlmsghdr *req, int error,
		     __u16 flags, const char *msg)
{
	struct nlmsghdr *nlh;
	int *status;

	nlh = msg_start(d, NLMSG_DONE, NLM_F_MULTI | flags |
			(msg ? NLM_F_ACK_TLVS : 0), req->nlmsg_seq, 0);
	status = mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	*status = error;
	if (msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	msg_end(d, nlh);
}

static void send_ack(int fd, const struct nlmsghdr *req, int error)
{
	static struct dgram d;
	struct ack_opts o = { error, false, NULL, -1, -1, -1 };

	add_ack(&d, req, &o);
	dgram_send(fd, &d);
}

/* Offset of attribute @type inside the nest @nest_type of @req, or 0. */
static unsigned int offset_of(const struct nlmsghdr *req, __u16 nest_type,
			      __u16 type)
{
	const struct nlattr *attr, *inner;

	mnl_attr_for_each(attr, req, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != nest_type)
			continue;
		if (!type)
			return (const char *)attr - (const char *)req;
		mnl_attr_for_each_nested(inner, attr)
			if (mnl_attr_get_type(inner) == type)
				return (const char *)inner - (const char *)req;
	}
	return 0;
}

static int genl_cmd(const struct nlmsghdr *req)
{
	return ((const struct genlmsghdr *)mnl_nlmsg_get_payload(req))->cmd;
}

static void serve_resolve(int fd)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd), *nlh;
	struct nlattr *groups, *grp;
	const struct nlattr *attr;
	bool named = false;

	expect(req->nlmsg_type == GENL_ID_CTRL &&
	       genl_cmd(req) == CTRL_CMD_GETFAMILY &&
	       (req->nlmsg_flags & NLM_F_ACK), "CTRL_CMD_GETFAMILY with ACK");
	mnl_attr_for_each(attr, req, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_NAME &&
		    !strcmp(mnl_attr_get_str(attr), "weft"))
			named = true;
	expect(named, "family name \"weft\"");

	nlh = msg_start(&d, GENL_ID_CTRL, 0, req->nlmsg_seq, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "weft");
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAMILY);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "other");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 3);
	mnl_attr_nest_end(nlh, grp);
	grp = mnl_attr_nest_start(nlh, 2);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, EVENTS_GROUP);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "events");
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, groups);
	msg_end(&d, nlh);
	dgram_send(fd, &d);
	send_ack(fd, req, 0);
}

static void serve_error(int fd, const struct ack_opts *tmpl, bool port_name_offs,
			bool port_nest_miss)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd);
	struct ack_opts o = *tmpl;

	expect(req->nlmsg_type == FAMILY && (req->nlmsg_flags & NLM_F_ACK) &&
	       !(req->nlmsg_flags & NLM_F_DUMP), "a do request with ACK");
	if (port_name_offs)
		o.offs = offset_of(req, WEFT_A_PORT, WEFT_PORT_A_NAME);
	if (port_nest_miss)
		o.miss_nest = offset_of(req, WEFT_A_PORT, 0);
	if (o.offs == 1)	/* the top-level WEFT_A_DP_NAME */
		o.offs = MNL_NLMSG_HDRLEN + GENL_HDRLEN;
	add_ack(&d, req, &o);
	dgram_send(fd, &d);
}

static void serve_get_with_strays(int fd)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd);
	struct nlmsghdr stale = *req;

	expect(genl_cmd(req) == WEFT_CMD_DP_GET, "DP_GET");
	/* A leftover from an earlier request and a notification... */
	stale.nlmsg_seq = req->nlmsg_seq - 1;
	add_dp(&d, &stale, "stale", 0);
	stale.nlmsg_seq = 0;
	add_dp(&d, &stale, "event", 0);
	dgram_send(fd, &d);
	/* ... then the reply and its ACK. */
	add_dp(&d, req, "dp0", 0);
	dgram_send(fd, &d);
	send_ack(fd, req, 0);
}

/* Answer one dump request; @intr marks the last object NLM_F_DUMP_INTR. */
static void serve_dump(int fd, bool intr, bool intr_on_done)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd);

	expect((req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	       genl_cmd(req) == WEFT_CMD_DP_GET, "DP_GET dump");
	add_dp(&d, req, "dpA", NLM_F_MULTI);
	add_dp(&d, req, "dpB", NLM_F_MULTI);
	dgram_send(fd, &d);
	add_dp(&d, req, "dpC", NLM_F_MULTI | (intr ? NLM_F_DUMP_INTR : 0));
	dgram_send(fd, &d);
	add_done(&d, req, 0, intr_on_done ? NLM_F_DUMP_INTR : 0, NULL);
	dgram_send(fd, &d);
}

static void serve_dump_error(int fd)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd);

	add_dp(&d, req, "dpA", NLM_F_MULTI);
	add_done(&d, req, -ENOENT, 0, "WEFT_A_DP_NAME: no such datapath");
	dgram_send(fd, &d);
}

static void serve_big(int fd)
{
	static struct dgram d;
	static char blob[40000];
	struct nlmsghdr *req = recv_req(fd), *nlh;

	nlh = msg_start(&d, FAMILY, 0, req->nlmsg_seq, WEFT_CMD_DP_GET);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "big");
	mnl_attr_put(nlh, 200, sizeof(blob), blob);	/* unknown to us */
	msg_end(&d, nlh);
	add_ack(&d, req, &(struct ack_opts){ 0, false, NULL, -1, -1, -1 });
	dgram_send(fd, &d);
}

/*
 * A trace: check the packet came as WEFT_A_PACKET/WEFT_PACKET_A_KEY, and
 * answer with one step (a miss), the key and an output, split over two
 * datagrams before the ACK as a kernel may.
 */
static void serve_trace(int fd)
{
	static struct dgram d;
	struct nlmsghdr *req = recv_req(fd), *nlh;
	const struct nlattr *a, *k, *key = NULL;
	struct nlattr *t, *s;

	expect(genl_cmd(req) == WEFT_CMD_TRACE && !(req->nlmsg_flags & NLM_F_DUMP),
	       "TRACE, a do request");
	mnl_attr_for_each(a, req, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == WEFT_A_PACKET)
			mnl_attr_for_each_nested(k, a)
				if (mnl_attr_get_type(k) == WEFT_PACKET_A_KEY)
					key = k;
	expect(key != NULL, "the packet as WEFT_PACKET_A_KEY");
	nlh = msg_start(&d, FAMILY, 0, req->nlmsg_seq, WEFT_CMD_TRACE);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	t = mnl_attr_nest_start(nlh, WEFT_A_TRACE);
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_STEP);
	mnl_attr_put_u8(nlh, WEFT_STEP_A_TABLE, 0);
	mnl_attr_put_u32(nlh, WEFT_STEP_A_MISS, WEFT_TABLE_MISS_CONTROLLER);
	mnl_attr_nest_end(nlh, s);
	if (key)	/* the key comes back as it went, as a trace would */
		mnl_attr_put(nlh, WEFT_TRACE_A_KEY, mnl_attr_get_payload_len(key),
			     mnl_attr_get_payload(key));
	s = mnl_attr_nest_start(nlh, WEFT_TRACE_A_OUTPUTS);
	mnl_attr_put_u32(nlh, WEFT_TRACE_A_OUTPUT, WEFT_PORT_CONTROLLER);
	mnl_attr_nest_end(nlh, s);
	mnl_attr_nest_end(nlh, t);
	msg_end(&d, nlh);
	dgram_send(fd, &d);
	send_ack(fd, req, 0);
}

static void fake_kernel(int fd)
{
	int i;

	serve_resolve(fd);
	serve_error(fd, &(struct ack_opts){ -EEXIST, false,
		    "WEFT_A_DP_NAME: datapath exists", 1, -1, -1 }, false, false);
	serve_error(fd, &(struct ack_opts){ -EINVAL, false, NULL, 0, -1, -1 },
		    true, false);
	serve_error(fd, &(struct ack_opts){ -EINVAL, false,
		    "Attribute failed policy validation", 0, -1, -1 }, true,
		    false);
	serve_error(fd, &(struct ack_opts){ -EINVAL, false,
		    "WEFT_PORT_A_NO: local port", 0, -1, -1 }, true, false);
	serve_error(fd, &(struct ack_opts){ -EINVAL, false, NULL, -1,
		    WEFT_PORT_A_NAME, 0 }, false, true);
	serve_error(fd, &(struct ack_opts){ -EOPNOTSUPP, true,
		    "uncapped", -1, -1, -1 }, false, false);
	serve_error(fd, &(struct ack_opts){ -EPERM, false, NULL, -1, -1, -1 },
		    false, false);
	serve_get_with_strays(fd);
	serve_get_with_strays(fd);	/* the callback fails this time */
	serve_error(fd, &(struct ack_opts){ 0, false, NULL, -1, -1, -1 },
		    false, false);	/* still in step afterwards */
	serve_dump(fd, true, false);
	serve_dump(fd, false, false);
	serve_dump(fd, false, true);
	serve_dump(fd, false, false);
	for (i = 0; i <= WEFT_NL_DUMP_RETRIES; i++)
		serve_dump(fd, true, false);
	serve_dump_error(fd);
	serve_big(fd);
	serve_trace(fd);
}

/* ---- The client (this process) ---------------------------------------- */

struct names {
	char list[256];
	int n;
	int fail_with;
};

static int name_cb(const struct nlmsghdr *nlh, void *data)
{
	struct names *names = data;
	struct weft_dp_info dp;
	int err = weft_dp_msg_parse(nlh, &dp);

	if (err)
		return err;
	names->n++;
	snprintf(names->list + strlen(names->list),
		 sizeof(names->list) - strlen(names->list), "%s%s",
		 names->list[0] ? "," : "", dp.name);
	return names->fail_with;
}

static int trace_cb(const struct nlmsghdr *nlh, void *data)
{
	return weft_trace_msg_parse(nlh, data);
}

static struct nlmsghdr *port_req(struct weft_nl *nl)
{
	struct nlmsghdr *nlh = weft_nl_req(nl, WEFT_CMD_PORT_NEW, 0);
	struct nlattr *nest;

	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "dp0");
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_NETDEV);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, "veth0");
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void check_error(struct weft_nl *nl, struct nlmsghdr *req, int want,
			const char *text, const char *what)
{
	char buf[512];
	int err = weft_nl_do(nl, req, NULL, NULL);

	weft_tap_ok(err == want, "%s: returns %d (%d)", what, want, err);
	weft_nl_strerror(nl, err, buf, sizeof(buf));
	weft_tap_str(buf, text, "%s: message", what);
}

static void client(struct weft_nl *nl)
{
	struct names names = { "", 0, 0 };
	struct nlmsghdr *nlh;
	int err, i;

	err = weft_nl_resolve(nl);
	weft_tap_ok(err == 0 && weft_nl_family(nl) == FAMILY &&
		    weft_nl_version(nl) == 1 &&
		    weft_nl_events_group(nl) == EVENTS_GROUP,
		    "resolve: family id, version and events group from nlctrl");

	nlh = weft_nl_req(nl, WEFT_CMD_DP_NEW, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "dp0");
	check_error(nl, nlh, -EEXIST,
		    "File exists (WEFT_A_DP_NAME: datapath exists)",
		    "extack message naming the attribute");
	weft_tap_ok(weft_nl_error(nl)->has_offs &&
		    weft_nl_error(nl)->offs == MNL_NLMSG_HDRLEN + GENL_HDRLEN,
		    "extack offset kept");

	check_error(nl, port_req(nl), -EINVAL,
		    "Invalid argument (attribute WEFT_PORT_A_NAME)",
		    "offset only: the attribute is named");
	check_error(nl, port_req(nl), -EINVAL,
		    "Invalid argument (Attribute failed policy validation; attribute WEFT_PORT_A_NAME)",
		    "core policy message plus offset");
	check_error(nl, port_req(nl), -EINVAL,
		    "Invalid argument (WEFT_PORT_A_NO: local port)",
		    "module message naming another attribute than the offset");
	check_error(nl, port_req(nl), -EINVAL,
		    "Invalid argument (missing attribute WEFT_PORT_A_NAME)",
		    "missing attribute inside a nest");
	check_error(nl, port_req(nl), -EOPNOTSUPP,
		    "Operation not supported (uncapped)",
		    "uncapped ACK: TLVs found after the echoed request");
	check_error(nl, port_req(nl), -EPERM, "Operation not permitted",
		    "plain errno without extack");

	nlh = weft_nl_req(nl, WEFT_CMD_DP_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "dp0");
	err = weft_nl_do(nl, nlh, name_cb, &names);
	weft_tap_ok(err == 0 && names.n == 1 && !strcmp(names.list, "dp0"),
		    "do: stale and unsolicited messages skipped (%s)", names.list);

	names = (struct names){ "", 0, -EPROTO };
	nlh = weft_nl_req(nl, WEFT_CMD_DP_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "dp0");
	err = weft_nl_do(nl, nlh, name_cb, &names);
	weft_tap_ok(err == -EPROTO, "do: the callback's error is returned");
	nlh = weft_nl_req(nl, WEFT_CMD_DP_DEL, 0);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	weft_tap_ok(err == 0, "do: still in step with the socket afterwards");

	names = (struct names){ "", 0, 0 };
	err = weft_nl_dump(nl, weft_nl_req(nl, WEFT_CMD_DP_GET, 0), name_cb,
			   &names);
	weft_tap_ok(err == 0 && !strcmp(names.list, "dpA,dpB,dpC"),
		    "dump: NLM_F_DUMP_INTR restarts it, each object once (%s)",
		    names.list);

	names = (struct names){ "", 0, 0 };
	err = weft_nl_dump(nl, weft_nl_req(nl, WEFT_CMD_DP_GET, 0), name_cb,
			   &names);
	weft_tap_ok(err == 0 && !strcmp(names.list, "dpA,dpB,dpC"),
		    "dump: NLM_F_DUMP_INTR on NLMSG_DONE restarts it too (%s)",
		    names.list);

	names = (struct names){ "", 0, 0 };
	err = weft_nl_dump(nl, weft_nl_req(nl, WEFT_CMD_DP_GET, 0), name_cb,
			   &names);
	weft_tap_ok(err == -EAGAIN && names.n == 0,
		    "dump: gives up after %d restarts, callback never called",
		    WEFT_NL_DUMP_RETRIES);
	weft_tap_str(weft_nl_error(nl)->msg,
		     "dump interrupted 9 times by concurrent changes",
		     "dump: says why it gave up");

	names = (struct names){ "", 0, 0 };
	nlh = weft_nl_req(nl, WEFT_CMD_PORT_GET, 0);
	weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "nope");
	err = weft_nl_dump(nl, nlh, name_cb, &names);
	weft_tap_ok(err == -ENOENT && names.n == 0,
		    "dump: error in NLMSG_DONE returned, partial dump dropped");
	weft_tap_str(weft_nl_error(nl)->msg, "WEFT_A_DP_NAME: no such datapath",
		     "dump: extack of NLMSG_DONE kept");

	names = (struct names){ "", 0, 0 };
	err = weft_nl_do(nl, weft_nl_req(nl, WEFT_CMD_DP_GET, 0), name_cb,
			 &names);
	weft_tap_ok(err == 0 && !strcmp(names.list, "big"),
		    "a 40 kB datagram is read whole");

	{
		struct weft_trace *t = calloc(1, sizeof(*t));
		struct weft_flow *pkt = calloc(1, sizeof(*pkt));
		char msg[128], key[512];

		weft_flow_from_str(pkt, "in_port=2,udp,tp_dst=53",
				   WEFT_FLOW_OP_PACKET, false, NULL, NULL, msg,
				   sizeof(msg));
		nlh = weft_nl_req(nl, WEFT_CMD_TRACE, 0);
		weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, "dp0");
		weft_trace_key_put(nlh, WEFT_NL_REQ_SIZE, &pkt->match);
		err = weft_nl_do(nl, nlh, trace_cb, t);
		weft_match_format(&t->key, key, sizeof(key));
		weft_tap_ok(!err && t->n_steps == 1 && t->steps[0].miss &&
			    t->n_out == 1 && t->out[0] == WEFT_PORT_CONTROLLER,
			    "trace: request and reply through the socket");
		weft_tap_str(key, "udp,in_port=2,tp_dst=53",
			     "trace: the packet's key travels as WEFT_KEY_A_* values");
		free(t);
		free(pkt);
	}

	for (i = 0; i < 1; i++) {
		/* The script is over: the fake kernel has exited. */
		err = weft_nl_do(nl, weft_nl_req(nl, WEFT_CMD_DP_GET, 0), NULL,
				 NULL);
		weft_tap_ok(err < 0, "peer gone: error, not a hang (%d)", err);
	}
}

static void test_parse_error(void)
{
	struct weft_nl_error e;
	__u64 buf[64];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	int *status;

	/* An old kernel's NLMSG_DONE: the status and nothing else. */
	nlh->nlmsg_type = NLMSG_DONE;
	status = mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	*status = 0;
	weft_tap_ok(weft_nl_parse_error(nlh, &e) == 0 && !e.msg[0],
		    "plain NLMSG_DONE: success");
	nlh->nlmsg_type = NLMSG_ERROR;
	weft_tap_ok(weft_nl_parse_error(nlh, &e) == -EPROTO,
		    "NLMSG_ERROR too short for struct nlmsgerr: -EPROTO");
}

void weft_test_nl(void)
{
	struct weft_nl *nl;
	int sv[2], status;
	pid_t pid;

	test_parse_error();
	if (!weft_tap_ok(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0,
			 "socketpair for the fake kernel"))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fake_kernel(sv[1]);
		/* _exit: no leak report for the parent's heap in the child. */
		_exit(child_failures ? 1 : 0);
	}
	close(sv[1]);
	if (!weft_tap_ok(pid > 0 && weft_nl_open_fd(&nl, sv[0], 0) == 0,
			 "client on the socketpair")) {
		close(sv[0]);
		return;
	}
	client(nl);
	weft_nl_close(nl);
	weft_tap_ok(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0,
		    "fake kernel saw every request it expected");
}
