// SPDX-License-Identifier: GPL-2.0
/*
 * Well-formed weft requests, the way a correct client builds them, plus the
 * bits of the test environment the API tests need (netdevs, capabilities,
 * the kernel log).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/capability.h>

#include "weft_nl_lib.h"

/*
 * Helpers that do not hand the reply to the caller log the kernel's
 * reason themselves, so that a failed ASSERT_EQ(0, weft_x(...)) explains
 * itself.
 */
static int weft_run(struct weft_nl *s, struct weft_req *q, const char *what)
{
	struct weft_reply *r = malloc(sizeof(*r));
	char desc[768];
	int err;

	if (!r)
		return ENOMEM;
	err = weft_transact(s, q, r);
	if (err) {
		weft_describe(r, desc, sizeof(desc));
		fprintf(stderr, "# %s: %s\n", what, desc);
	}
	free(r);
	return err;
}

void weft_put_dp(struct nlmsghdr *nlh, const char *dp)
{
	if (dp)
		mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, dp);
}

int weft_dp_new(struct weft_nl *s, const char *name)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_NEW, 0);
	weft_put_dp(q.nlh, name);
	return weft_run(s, &q, "DP_NEW");
}

int weft_dp_del(struct weft_nl *s, const char *name)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_DEL, 0);
	weft_put_dp(q.nlh, name);
	return weft_run(s, &q, "DP_DEL");
}

int weft_dp_get(struct weft_nl *s, const char *name, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_GET, 0);
	weft_put_dp(q.nlh, name);
	return weft_transact(s, &q, r);
}

int weft_dp_dump(struct weft_nl *s, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_DP_GET, NLM_F_DUMP);
	return weft_transact(s, &q, r);
}

/* Delete every datapath of the namespace (fixture teardown). */
int weft_dp_del_all(struct weft_nl *s)
{
	struct weft_reply *r = malloc(sizeof(*r));
	char names[WEFT_REPLY_MAX][IFNAMSIZ];
	int i, n, err;

	if (!r)
		return ENOMEM;
	err = weft_dp_dump(s, r);
	n = err ? 0 : r->n;
	for (i = 0; i < n; i++)
		snprintf(names[i], IFNAMSIZ, "%s",
			 weft_str(weft_getv(r->msgs[i], 1, WEFT_A_DP_NAME)));
	free(r);
	for (i = 0; i < n; i++)
		err = weft_dp_del(s, names[i]) ?: err;
	return err;
}

static void weft_put_port(struct nlmsghdr *nlh, const char *dev,
			  uint32_t type, uint32_t no)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);

	if (dev)
		mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, dev);
	if (type)
		mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, type);
	if (no)
		mnl_attr_put_u32(nlh, WEFT_PORT_A_NO, no);
	mnl_attr_nest_end(nlh, nest);
}

int weft_port_new(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t type, uint32_t no)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, dp);
	weft_put_port(q.nlh, dev, type, no);
	return weft_run(s, &q, "PORT_NEW");
}

int weft_port_del(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t no)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_PORT_DEL, 0);
	weft_put_dp(q.nlh, dp);
	weft_put_port(q.nlh, dev, 0, no);
	return weft_run(s, &q, "PORT_DEL");
}

int weft_port_get(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t no, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_PORT_GET, 0);
	weft_put_dp(q.nlh, dp);
	weft_put_port(q.nlh, dev, 0, no);
	return weft_transact(s, &q, r);
}

int weft_port_dump(struct weft_nl *s, const char *dp, struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, WEFT_CMD_PORT_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, dp);
	return weft_transact(s, &q, r);
}

/* Flows ------------------------------------------------------------------ */

void weft_flow_init(struct weft_flow *f, int table, int priority)
{
	memset(f, 0, sizeof(*f));
	f->table = table;
	f->priority = priority;
}

void weft_match(struct weft_flow *f, uint16_t type, const void *val,
		const void *mask, size_t len)
{
	struct weft_field *x;

	if (f->nfields >= WEFT_FLOW_FIELDS || len > sizeof(x->val))
		abort();
	x = &f->f[f->nfields++];
	x->type = type;
	x->len = (uint8_t)len;
	memcpy(x->val, val, len);
	if (mask) {
		x->masked = true;
		memcpy(x->mask, mask, len);
	}
}

void weft_match_u8(struct weft_flow *f, uint16_t type, uint8_t v)
{
	weft_match(f, type, &v, NULL, sizeof(v));
}

void weft_match_u16(struct weft_flow *f, uint16_t type, uint16_t v)
{
	weft_match(f, type, &v, NULL, sizeof(v));
}

void weft_match_u32(struct weft_flow *f, uint16_t type, uint32_t v)
{
	weft_match(f, type, &v, NULL, sizeof(v));
}

void weft_match_be16(struct weft_flow *f, uint16_t type, uint16_t v)
{
	uint16_t be = htons(v);

	weft_match(f, type, &be, NULL, sizeof(be));
}

void weft_match_be32(struct weft_flow *f, uint16_t type, uint32_t v,
		     uint32_t mask)
{
	uint32_t be = htonl(v), bm = htonl(mask);

	weft_match(f, type, &be, mask ? &bm : NULL, sizeof(be));
}

/* in_port=N, ip, nw_proto=1: the usual test flow. */
void weft_match_icmp(struct weft_flow *f, uint32_t in_port)
{
	weft_match_u32(f, WEFT_KEY_A_IN_PORT, in_port);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_u8(f, WEFT_KEY_A_IP_PROTO, 1);
}

void weft_output(struct weft_flow *f, uint32_t port)
{
	if (f->nout >= (int)(sizeof(f->out) / sizeof(f->out[0])))
		abort();
	f->out[f->nout++] = port;
}

void weft_put_flow(struct nlmsghdr *nlh, const struct weft_flow *f)
{
	weft_put_flow_as(nlh, WEFT_A_FLOW, f);
}

void weft_put_flow_as(struct nlmsghdr *nlh, uint16_t type,
		      const struct weft_flow *f)
{
	struct nlattr *flow, *n, *acts;
	int i;

	flow = mnl_attr_nest_start(nlh, type);
	if (f->table >= 0)
		mnl_attr_put_u8(nlh, WEFT_FLOW_A_TABLE, (uint8_t)f->table);
	if (f->priority >= 0)
		mnl_attr_put_u16(nlh, WEFT_FLOW_A_PRIORITY,
				 (uint16_t)f->priority);
	if (f->nfields) {
		bool masked = false;

		n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);
		for (i = 0; i < f->nfields; i++) {
			mnl_attr_put(nlh, f->f[i].type, f->f[i].len,
				     f->f[i].val);
			masked |= f->f[i].masked;
		}
		mnl_attr_nest_end(nlh, n);
		if (masked) {
			n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);
			for (i = 0; i < f->nfields; i++)
				if (f->f[i].masked)
					mnl_attr_put(nlh, f->f[i].type,
						     f->f[i].len, f->f[i].mask);
			mnl_attr_nest_end(nlh, n);
		}
	}
	if (f->has_cookie)
		mnl_attr_put_u64(nlh, WEFT_FLOW_A_COOKIE, f->cookie);
	if (f->has_cookie_mask)
		mnl_attr_put_u64(nlh, WEFT_FLOW_A_COOKIE_MASK, f->cookie_mask);
	if (f->has_flags)
		mnl_attr_put_u32(nlh, WEFT_FLOW_A_FLAGS, f->flags);
	if (f->strict)
		mnl_attr_put(nlh, WEFT_FLOW_A_STRICT, 0, NULL);
	if (f->excl)
		mnl_attr_put(nlh, WEFT_FLOW_A_EXCL, 0, NULL);
	if (f->has_out_port)
		mnl_attr_put_u32(nlh, WEFT_FLOW_A_OUT_PORT, f->out_port);
	if (f->has_idle)
		mnl_attr_put_u16(nlh, WEFT_FLOW_A_IDLE_TIMEOUT, f->idle_timeout);
	if (f->has_hard)
		mnl_attr_put_u16(nlh, WEFT_FLOW_A_HARD_TIMEOUT, f->hard_timeout);
	if (!f->no_inst && f->inst) {
		n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
		weft_attrs_put(nlh, f->inst);
		mnl_attr_nest_end(nlh, n);
	} else if (!f->no_inst && f->nout) {
		n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
		acts = mnl_attr_nest_start(nlh, WEFT_INST_A_APPLY_ACTIONS);
		for (i = 0; i < f->nout; i++)
			mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, f->out[i]);
		mnl_attr_nest_end(nlh, acts);
		mnl_attr_nest_end(nlh, n);
	}
	mnl_attr_nest_end(nlh, flow);
}

/* A flow command; @r may be NULL (then failures are logged). */
int weft_flow_cmd(struct weft_nl *s, uint8_t cmd, uint16_t nlflags,
		  const char *dp, const struct weft_flow *f,
		  struct weft_reply *r)
{
	struct weft_req q;

	weft_req_init(&q, s, cmd, nlflags);
	weft_put_dp(q.nlh, dp);
	if (f)
		weft_put_flow(q.nlh, f);
	if (!r)
		return weft_run(s, &q, "flow command");
	return weft_transact(s, &q, r);
}

int weft_flow_dump(struct weft_nl *s, const char *dp, int table,
		   struct weft_reply *r)
{
	struct weft_req q;
	struct nlattr *n;

	weft_req_init(&q, s, WEFT_CMD_FLOW_GET, NLM_F_DUMP);
	weft_put_dp(q.nlh, dp);
	if (table >= 0) {
		n = mnl_attr_nest_start(q.nlh, WEFT_A_FLOW);
		mnl_attr_put_u8(q.nlh, WEFT_FLOW_A_TABLE, (uint8_t)table);
		mnl_attr_nest_end(q.nlh, n);
	}
	return weft_transact(s, &q, r);
}

/* Flows in a dump, or -errno. */
int weft_flow_count(struct weft_nl *s, const char *dp)
{
	struct weft_reply *r = malloc(sizeof(*r));
	int n;

	if (!r)
		return -ENOMEM;
	n = weft_flow_dump(s, dp, -1, r) ? -r->err : r->n;
	free(r);
	return n;
}

int weft_flow_flush(struct weft_nl *s, const char *dp)
{
	return weft_flow_cmd(s, WEFT_CMD_FLOW_FLUSH, 0, dp, NULL, NULL);
}

const struct nlmsghdr *weft_find_cookie(const struct weft_reply *r,
					uint64_t cookie)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (weft_u(weft_getv(r->msgs[i], 2, WEFT_A_FLOW,
				     WEFT_FLOW_A_COOKIE)) == cookie)
			return r->msgs[i];
	return NULL;
}

/* The port of the first output action, UINT32_MAX if none. */
uint32_t weft_flow_output(const struct nlmsghdr *m)
{
	const struct nlattr *a = weft_getv(m, 4, WEFT_A_FLOW,
					   WEFT_FLOW_A_INSTRUCTIONS,
					   WEFT_INST_A_APPLY_ACTIONS,
					   WEFT_ACT_A_OUTPUT);

	return a ? mnl_attr_get_u32(a) : UINT32_MAX;
}

/* Environment ------------------------------------------------------------ */

/* Run a shell command; show its output only when it fails. */
int weft_sh(const char *fmt, ...)
{
	char cmd[1024], line[512];
	char out[4096] = "";
	size_t used = 0;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd) - 8, fmt, ap);
	va_end(ap);
	strcat(cmd, " 2>&1");
	fflush(NULL);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		size_t n = strlen(line);

		if (used + n < sizeof(out)) {
			memcpy(out + used, line, n + 1);
			used += n;
		}
	}
	st = pclose(p);
	if (st) {
		char *l, *save = NULL;

		fprintf(stderr, "# command failed (%d): %s\n", st, cmd);
		for (l = strtok_r(out, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save))
			fprintf(stderr, "#   %s\n", l);
	}
	return st;
}

static int weft_ifreq(unsigned long req, const char *name, struct ifreq *ifr)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret;

	if (fd < 0)
		return -errno;
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
	ret = ioctl(fd, req, ifr) ? -errno : 0;
	close(fd);
	return ret;
}

int weft_if_mac(const char *name, uint8_t mac[6])
{
	struct ifreq ifr;
	int ret = weft_ifreq(SIOCGIFHWADDR, name, &ifr);

	if (!ret)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return ret;
}

int weft_if_mtu(const char *name)
{
	struct ifreq ifr;
	int ret = weft_ifreq(SIOCGIFMTU, name, &ifr);

	return ret ? ret : ifr.ifr_mtu;
}

/* Drop CAP_NET_ADMIN from every set, keeping uid 0 and other caps. */
int weft_drop_net_admin(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	unsigned int i = CAP_TO_INDEX(CAP_NET_ADMIN);
	uint32_t bit = CAP_TO_MASK(CAP_NET_ADMIN);

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return -errno;
	d[i].effective &= ~bit;
	d[i].permitted &= ~bit;
	d[i].inheritable &= ~bit;
	if (syscall(SYS_capset, &h, d))
		return -errno;
	return 0;
}

/* Kernel log --------------------------------------------------------------- */

void weft_kmsg_mark(const char *tag)
{
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	char line[128];
	int n;

	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s: start\n", tag);
	if (write(fd, line, (size_t)n) < 0)
		n = 0;	/* not fatal: the scan then covers the whole log */
	close(fd);
}

static bool weft_bad_line(const char *msg)
{
	static const char *const bad[] = {
		"WARNING:", "BUG:", "Oops", "UBSAN:", "KASAN:",
		"refcount_t:", "unreferenced object", "general protection",
		"kernel BUG", "list_add corruption", "list_del corruption",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(msg, bad[i]))
			return true;
	return false;
}

/*
 * Count warning-like kernel log lines after the "@tag: start" marker (the
 * whole log if the marker is gone); the first one goes to @first.
 */
int weft_kmsg_bad_lines(const char *tag, char *first, size_t len)
{
	char rec[8192], marker[128];
	int fd, bad = 0, bad_since = 0;
	bool seen = false;
	ssize_t n;

	snprintf(marker, sizeof(marker), "%s: start", tag);
	first[0] = '\0';
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		char *msg;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: skip them */
		if (n <= 0)
			break;
		rec[n] = '\0';
		/* "prio,seq,usec,flags;message\n continuation..." */
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		if (strstr(msg, marker)) {
			seen = true;
			bad_since = 0;
			continue;
		}
		if (weft_bad_line(msg)) {
			bad++;
			bad_since++;
			if (!first[0] || bad_since == 1)
				snprintf(first, len, "%.*s",
					 (int)strcspn(msg, "\n"), msg);
		}
	}
	close(fd);
	return seen ? bad_since : bad;
}
