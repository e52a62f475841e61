/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small generic netlink client for the "weft" family, on libmnl.
 *
 * One struct weft_nl per socket.  Requests are built in the socket's own
 * buffer (weft_nl_req()), so that after a failure the request is still there
 * to map an extended ACK's attribute offset back to an attribute name.
 * Every function returns 0 or a negative errno; after a kernel error,
 * weft_nl_error() holds the extended ACK.
 */
#ifndef WEFT_NL_H
#define WEFT_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

struct weft_nl;

/* What the kernel said about the last failed request. */
struct weft_nl_error {
	int err;		/* negative errno, 0 if none */
	char msg[256];		/* NLMSGERR_ATTR_MSG, "" if none */
	bool has_offs;
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS: from the request start */
	bool has_miss_type;
	uint16_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
	bool has_miss_nest;
	uint32_t miss_nest;	/* NLMSGERR_ATTR_MISS_NEST */
};

/* Callback for each reply message; return 0 or a negative errno to fail. */
typedef int (*weft_nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/* Restarts of a dump that keeps being interrupted before giving up. */
#define WEFT_NL_DUMP_RETRIES	8

/* Size of the request buffer, for the mnl_attr_put_*_check() functions. */
#define WEFT_NL_REQ_SIZE	8192

/*
 * Open a generic netlink socket (extended ACKs on, ACKs capped) and resolve
 * the weft family and its multicast group.  -ENOENT means the family is not
 * registered: the module is not loaded.  *nlp is NULL on failure.
 */
int weft_nl_open(struct weft_nl **nlp);

/*
 * Adopt @fd, a datagram socket already connected to something that speaks
 * netlink (a real netlink socket, or in tests one end of a socketpair), with
 * the weft family id @family.  No resolution is done.  @fd is closed by
 * weft_nl_close().
 */
int weft_nl_open_fd(struct weft_nl **nlp, int fd, uint16_t family);

/* Look up the "weft" family and its "events" group through nlctrl. */
int weft_nl_resolve(struct weft_nl *nl);

void weft_nl_close(struct weft_nl *nl);

int weft_nl_fd(const struct weft_nl *nl);
uint16_t weft_nl_family(const struct weft_nl *nl);
/* The family version the kernel registered, 0 before weft_nl_resolve(). */
uint32_t weft_nl_version(const struct weft_nl *nl);

/* The "events" multicast group's id, 0 if unknown. */
uint32_t weft_nl_events_group(const struct weft_nl *nl);

/* Join the "events" multicast group (for weftd). */
int weft_nl_subscribe_events(struct weft_nl *nl);

/*
 * Start a new request for @cmd in the socket's buffer, with NLM_F_REQUEST
 * and @flags, which may only be NLM_F_ECHO: the family checks headers
 * strictly and refuses NLM_F_CREATE, NLM_F_EXCL and the like (flow
 * create-or-fail is WEFT_FLOW_A_EXCL).  weft_nl_do() and weft_nl_dump()
 * add NLM_F_ACK and NLM_F_DUMP.  Add attributes with
 * mnl_attr_put_*_check(nlh, WEFT_NL_REQ_SIZE, ...).
 */
struct nlmsghdr *weft_nl_req(struct weft_nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Start a request for @cmd of @family in @buf, an 8-byte aligned buffer,
 * without a socket: requests can be built (and checked) before the module
 * is known to be there, and the family filled in when it is.
 */
struct nlmsghdr *weft_nl_msg_init(void *buf, uint16_t family, uint8_t cmd,
				  uint16_t flags);

/*
 * weft_nl_req() for a request that may need @size bytes (a bundle); add
 * attributes with mnl_attr_put_*_check(nlh, @size, ...).  NULL when out of
 * memory.
 */
struct nlmsghdr *weft_nl_req_sized(struct weft_nl *nl, uint8_t cmd,
				   uint16_t flags, size_t size);

/* The last request built with weft_nl_req(). */
const struct nlmsghdr *weft_nl_last_req(const struct weft_nl *nl);

/*
 * The socket's netlink port id, which the kernel unicasts to (what
 * WEFT_A_DP_UPCALL_PID names); 0 if it has none (a socketpair).
 */
uint32_t weft_nl_portid(const struct weft_nl *nl);

/*
 * Send a "do" request (NLM_F_ACK is added) and wait for its ACK, passing each
 * reply message before it to @cb (which may be NULL).
 */
int weft_nl_do(struct weft_nl *nl, struct nlmsghdr *req,
	       weft_nl_msg_cb cb, void *data);

/*
 * Send a dump request (NLM_F_DUMP is added) and pass every reply message to
 * @cb, but only once the whole dump has arrived without NLM_F_DUMP_INTR: an
 * interrupted dump is thrown away and restarted, at most
 * WEFT_NL_DUMP_RETRIES times (then -EAGAIN).  So @cb sees one consistent
 * snapshot and may print as it goes.
 */
int weft_nl_dump(struct weft_nl *nl, struct nlmsghdr *req,
		 weft_nl_msg_cb cb, void *data);

/*
 * Send @n "do" requests and collect their ACKs, with up to @window of them
 * unacknowledged at a time and several to a datagram: thousands of flows
 * are added without a round trip each.  @get returns request @i, built
 * anywhere (it is copied, and its sequence number and NLM_F_ACK set); the
 * requests get consecutive sequence numbers, which map the ACKs back to
 * indexes.
 *
 * Returns 0 when every request succeeded.  Otherwise no new request is
 * sent once an error came back, the ones in flight are still acknowledged,
 * and the error of the first request that failed is returned with its
 * index in *@failed; that request becomes weft_nl_last_req(), so that
 * weft_nl_strerror() can name the attribute its extended ACK points at.
 * Requests sent after it (at most @window - 1) may have been applied.
 */
typedef const struct nlmsghdr *(*weft_nl_req_fn)(void *data, size_t i);
int weft_nl_do_many(struct weft_nl *nl, size_t n, weft_nl_req_fn get,
		    void *data, unsigned int window, size_t *failed);

/*
 * As weft_nl_do_many(), for requests that stand on their own (weftd's
 * flow_mods, each answered separately): a failure stops nothing, and
 * @result is called for each failed request with its index and error,
 * while weft_nl_last_req() and weft_nl_error() describe it.  Returns 0,
 * or a negative errno when the requests could not all be sent or
 * acknowledged (their fate is then unknown).
 */
typedef void (*weft_nl_result_fn)(void *data, size_t i, int err);
int weft_nl_do_each(struct weft_nl *nl, size_t n, weft_nl_req_fn get,
		    void *data, unsigned int window, weft_nl_result_fn result,
		    void *result_data);

/*
 * Wait for one datagram of notifications (events, packet-ins) and pass
 * each message in it to @cb.  Replies to requests are not expected here
 * and are skipped.  Returns 0, @cb's first error, or a negative errno:
 * -ENOBUFS means the kernel dropped notifications (socket buffer full),
 * -EINTR a signal.
 */
int weft_nl_recv_notify(struct weft_nl *nl, weft_nl_msg_cb cb, void *data);

/* The kernel's answer to the last failed request. */
const struct weft_nl_error *weft_nl_error(const struct weft_nl *nl);

/*
 * Parse an NLMSG_ERROR or NLMSG_DONE message, extended ACK included, into
 * @e.  Returns the message's (negative) error, 0 for an ACK.
 */
int weft_nl_parse_error(const struct nlmsghdr *nlh, struct weft_nl_error *e);

/*
 * Describe the last error for a person: strerror plus, in parentheses, the
 * extack message and the offending (or missing) attribute when known, e.g.
 * "Invalid argument (Attribute failed policy validation; attribute
 * WEFT_PORT_A_NAME)".  Returns the snprintf-style length.
 */
int weft_nl_strerror(const struct weft_nl *nl, int err, char *buf, size_t len);

#endif /* WEFT_NL_H */
