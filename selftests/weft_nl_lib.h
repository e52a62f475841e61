/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink client used by the weft API selftests (weft_nl, weft_nl_flow).
 *
 * It is deliberately independent of weftctl and libweft: the selftests
 * must be able to send requests that no well-behaved client would build
 * (wrong lengths, unknown attributes, missing nests) and must see the raw
 * extended ACK the kernel returns.
 */
#ifndef WEFT_NL_LIB_H
#define WEFT_NL_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#define WEFT_REQ_SIZE		16384
#define WEFT_REPLY_ARENA	(128 * 1024)
#define WEFT_REPLY_MAX		256

struct weft_nl {
	struct mnl_socket *nl;
	uint16_t family;
	uint32_t version;	/* CTRL_ATTR_VERSION of the family */
	bool has_events;	/* the "events" multicast group exists */
	uint32_t events_grp;	/* its id, to join it */
	uint32_t seq;
};

struct weft_req {
	struct nlmsghdr *nlh;
	/* uint64_t so that the buffer is aligned for nlmsghdr */
	uint64_t buf[WEFT_REQ_SIZE / sizeof(uint64_t)];
};

/*
 * Everything the kernel answered to one request: the errno, the extended
 * ACK and copies of the data messages (GET replies and dump parts).
 */
struct weft_reply {
	int err;			/* 0 or a positive errno */
	bool has_msg, has_offs, has_miss_type, has_miss_nest;
	char msg[512];			/* NLMSGERR_ATTR_MSG */
	uint32_t offs;			/* NLMSGERR_ATTR_OFFS */
	uint32_t miss_type;		/* NLMSGERR_ATTR_MISS_TYPE */
	uint32_t miss_nest;		/* NLMSGERR_ATTR_MISS_NEST */
	bool dump_intr;			/* some part had NLM_F_DUMP_INTR */
	const struct nlmsghdr *req;	/* the request, to map offsets */
	int n;				/* data messages in msgs[] */
	const struct nlmsghdr *msgs[WEFT_REPLY_MAX];
	size_t used;
	uint64_t arena[WEFT_REPLY_ARENA / sizeof(uint64_t)];
	/* A copy of the request: builders may free theirs. */
	uint64_t reqcopy[WEFT_REQ_SIZE / sizeof(uint64_t)];
};

/*
 * A scratch list of attributes, built with libmnl on its own header and
 * then copied into a request (instructions, action lists).
 */
struct weft_attrs {
	struct nlmsghdr *nlh;
	uint64_t buf[8192 / sizeof(uint64_t)];
};

/* A flow request, turned into a WEFT_A_FLOW nest by weft_put_flow(). */
#define WEFT_FLOW_FIELDS	24
struct weft_field {
	uint16_t type;
	uint8_t len;
	bool masked;
	uint8_t val[16];
	uint8_t mask[16];
};

struct weft_flow {
	int table;		/* -1: attribute omitted */
	int priority;		/* -1: attribute omitted */
	bool has_cookie, has_cookie_mask, has_flags, has_out_port, strict;
	bool excl;		/* WEFT_FLOW_A_EXCL */
	uint64_t cookie, cookie_mask;
	uint32_t flags, out_port;
	int nfields;
	struct weft_field f[WEFT_FLOW_FIELDS];
	bool no_inst;		/* omit WEFT_FLOW_A_INSTRUCTIONS */
	int nout;
	uint32_t out[WEFT_ACTIONS_MAX + 4];
	bool has_idle, has_hard;
	uint16_t idle_timeout, hard_timeout;
	/* Raw WEFT_INST_A_* attributes; when set, out[] is not used. */
	const struct weft_attrs *inst;
};

/* Socket and transactions. */
int weft_nl_open(struct weft_nl *s);
void weft_nl_close(struct weft_nl *s);
struct nlmsghdr *weft_req_init(struct weft_req *q, struct weft_nl *s,
			       uint8_t cmd, uint16_t flags);
int weft_transact(struct weft_nl *s, struct weft_req *q, struct weft_reply *r);

/* Attribute access in replies: NULL when absent. */
const struct nlattr *weft_getv(const struct nlmsghdr *m, int depth, ...);
const struct nlattr *weft_nested(const struct nlattr *nest, uint16_t type);
int weft_nested_count(const struct nlattr *nest);
uint64_t weft_u(const struct nlattr *a);	/* UINT64_MAX when absent */
const char *weft_str(const struct nlattr *a);	/* "(absent)" when absent */

/* Requests built the way a correct client builds them. */
void weft_put_dp(struct nlmsghdr *nlh, const char *dp);
int weft_dp_new(struct weft_nl *s, const char *name);
int weft_dp_del(struct weft_nl *s, const char *name);
int weft_dp_get(struct weft_nl *s, const char *name, struct weft_reply *r);
int weft_dp_dump(struct weft_nl *s, struct weft_reply *r);
int weft_dp_del_all(struct weft_nl *s);
int weft_port_new(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t type, uint32_t no);
int weft_port_del(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t no);
int weft_port_get(struct weft_nl *s, const char *dp, const char *dev,
		  uint32_t no, struct weft_reply *r);
int weft_port_dump(struct weft_nl *s, const char *dp, struct weft_reply *r);

void weft_flow_init(struct weft_flow *f, int table, int priority);
void weft_match(struct weft_flow *f, uint16_t type, const void *val,
		const void *mask, size_t len);
void weft_match_u8(struct weft_flow *f, uint16_t type, uint8_t v);
void weft_match_u16(struct weft_flow *f, uint16_t type, uint16_t v);
void weft_match_u32(struct weft_flow *f, uint16_t type, uint32_t v);
void weft_match_be16(struct weft_flow *f, uint16_t type, uint16_t v);
void weft_match_be32(struct weft_flow *f, uint16_t type, uint32_t v,
		     uint32_t mask);		/* mask 0: exact */
void weft_match_icmp(struct weft_flow *f, uint32_t in_port);
void weft_output(struct weft_flow *f, uint32_t port);
void weft_put_flow(struct nlmsghdr *nlh, const struct weft_flow *f);
/* The same, as a nest of type @type (WEFT_OP_A_FLOW in a bundle). */
void weft_put_flow_as(struct nlmsghdr *nlh, uint16_t type,
		      const struct weft_flow *f);
int weft_flow_cmd(struct weft_nl *s, uint8_t cmd, uint16_t nlflags,
		  const char *dp, const struct weft_flow *f,
		  struct weft_reply *r);
int weft_flow_dump(struct weft_nl *s, const char *dp, int table,
		   struct weft_reply *r);
int weft_flow_count(struct weft_nl *s, const char *dp);
int weft_flow_flush(struct weft_nl *s, const char *dp);
const struct nlmsghdr *weft_find_cookie(const struct weft_reply *r,
					uint64_t cookie);
uint32_t weft_flow_output(const struct nlmsghdr *m);

/* Notifications: join "events"; wait for messages of one command. */
int weft_nl_join_events(struct weft_nl *s);
/*
 * Read what arrives on @s for up to @timeout_ms (or until @want messages
 * of command @cmd were kept, @want > 0), keeping those of @cmd in @r.
 * Returns how many were kept; r->n is the same.
 */
int weft_recv_cmd(struct weft_nl *s, uint8_t cmd, int want, int timeout_ms,
		  struct weft_reply *r);

/* Mapping an extended ACK back to the request. */
uint32_t weft_off(const struct nlmsghdr *req, const void *attr);
int weft_attr_at(const struct nlmsghdr *req, uint32_t off, char *path,
		 size_t len);
/* The extack offset lies inside [@start, @start + @len) of the request. */
bool weft_offs_inside(const struct weft_reply *r, uint32_t start,
		      uint32_t len);
bool weft_check_err(const struct weft_reply *r, const int *errs,
		    const char *const *names, char *why, size_t len);
void weft_describe(const struct weft_reply *r, char *buf, size_t len);

/* The test's network namespace. */
int weft_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int weft_if_mac(const char *name, uint8_t mac[6]);
int weft_if_mtu(const char *name);
int weft_drop_net_admin(void);

/* Kernel log: a marker at start, a scan for warnings at the end. */
void weft_kmsg_mark(const char *tag);
int weft_kmsg_bad_lines(const char *tag, char *first, size_t len);

#define WEFT_ERRS(...)	((const int []){ __VA_ARGS__, 0 })
#define WEFT_NAMES(...)	((const char *const []){ __VA_ARGS__, NULL })

/*
 * Assert that a request was rejected with one of @errs and that the
 * extended ACK names the culprit: its message contains one of @names as a
 * word, or NLMSGERR_ATTR_OFFS points at an attribute of that name in the
 * request, or NLMSGERR_ATTR_MISS_TYPE/NEST designate it.  @names NULL:
 * errno only (EPERM from the genetlink core carries no extack).
 */
#define ASSERT_NLERR(r, errs, names) do { \
	char __why[1024]; \
	bool __ok = weft_check_err((r), (errs), (names), __why, \
				   sizeof(__why)); \
	ASSERT_TRUE(__ok) TH_LOG("%s", __why); \
} while (0)

/* Assert success, logging the kernel's reason otherwise. */
#define ASSERT_NLOK(err, r) do { \
	char __why[1024]; \
	weft_describe((r), __why, sizeof(__why)); \
	ASSERT_EQ(0, (err)) TH_LOG("%s", __why); \
} while (0)

#include "weft_nl_pipe.h"

#endif /* WEFT_NL_LIB_H */
