// SPDX-License-Identifier: GPL-2.0
/*
 * State changes: FLOW_MOD, GROUP_MOD, TABLE_MOD, PORT_MOD, each one kernel
 * request.
 *
 * FLOW_MODs are translated as they arrive and queued; the queue goes to
 * the kernel pipelined (weft_nl_do_each) when a message of another type
 * arrives, when the input read is used up, or when it is large.  So
 * `ovs-ofctl add-flows` of 100,000 lines costs a handful of round trips,
 * and each flow_mod still gets its own error, with its own request as the
 * error's data, in order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/weft.h>
#include <libmnl/libmnl.h>

#include "attrs.h"
#include "conn.h"
#include "group.h"
#include "log.h"
#include "match.h"
#include "nl.h"
#include "of_xlate.h"
#include "ofp.h"
#include "table.h"
#include "weftd.h"

/* Flow_mods queued at most before the queue is flushed. */
#define FM_QUEUE_MAX	1024
/* Requests in flight at once: the socket must hold all their ACKs. */
#define FM_WINDOW	256

struct fm_pending {
	struct weftd_conn *conn;
	size_t of_off, of_len;		/* the OpenFlow request, in .arena */
	size_t nl_off;			/* its netlink request, in .arena */
	size_t nl_add_off;		/* 1.0 MODIFY: the ADD if none matched */
	uint8_t command;		/* WEFT_OFPFC_* */
	uint8_t version;
};

static struct {
	struct fm_pending *q;
	size_t n, cap;
	uint8_t *arena;			/* requests, 8-byte aligned */
	size_t arena_len, arena_cap;
	/* The second round: 1.0 MODIFYs that matched nothing become ADDs. */
	size_t *adds;
	size_t n_adds;
} fmq;

/* Reserve @len bytes in the arena (8-aligned); offset or (size_t)-1. */
static size_t arena_alloc(size_t len)
{
	size_t off = (fmq.arena_len + 7) & ~(size_t)7;

	if (off + len > fmq.arena_cap) {
		size_t cap = fmq.arena_cap ? fmq.arena_cap : 64 << 10;
		uint8_t *a;

		while (cap < off + len)
			cap *= 2;
		a = realloc(fmq.arena, cap);
		if (!a)
			return (size_t)-1;
		fmq.arena = a;
		fmq.arena_cap = cap;
	}
	fmq.arena_len = off + len;
	return off;
}

/* Build a flow request for @cmd in the arena; its offset or -1. */
static size_t arena_flow_req(uint8_t cmd, const struct weft_flow *flow)
{
	size_t off = arena_alloc(WEFT_NL_REQ_SIZE);
	struct nlmsghdr *nlh;

	if (off == (size_t)-1)
		return off;
	nlh = weft_nl_msg_init(fmq.arena + off, weft_nl_family(weftd.nl),
			       cmd, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	if (weft_flow_nl_put(nlh, WEFT_NL_REQ_SIZE, flow)) {
		fmq.arena_len = off;
		return (size_t)-1;
	}
	/* Give back what the message did not use. */
	fmq.arena_len = off + nlh->nlmsg_len;
	return off;
}

void weftd_ofp_errno_to_of(int err, uint8_t ofpt, struct weft_of_error *e)
{
	const struct weft_nl_error *ne = weft_nl_error(weftd.nl);
	const char *msg = ne->err == err ? ne->msg : "";
	char attr[sizeof(ne->msg)] = "";

	if (ne->err == err && ne->has_offs)
		weft_attr_name_at(weft_nl_last_req(weftd.nl), GENL_HDRLEN,
				  ne->offs, &weft_attrs_top, attr,
				  sizeof(attr));
	/* The module's messages start with the attribute's name. */
	if (!attr[0])
		snprintf(attr, sizeof(attr), "%s", msg);

	e->type = ofpt == WEFT_OFPT_GROUP_MOD ? WEFT_OFPET_GROUP_MOD_FAILED :
		  ofpt == WEFT_OFPT_TABLE_MOD ? WEFT_OFPET_TABLE_MOD_FAILED :
		  ofpt == WEFT_OFPT_PORT_MOD ? WEFT_OFPET_PORT_MOD_FAILED :
		  ofpt == WEFT_OFPT_PACKET_OUT ? WEFT_OFPET_BAD_REQUEST :
		  WEFT_OFPET_FLOW_MOD_FAILED;
	e->code = 0;
	if (ofpt == WEFT_OFPT_FLOW_MOD) {
		if (err == -EEXIST) {
			e->code = WEFT_OFPFMFC_OVERLAP;
			return;
		}
		if (err == -ENOSPC || err == -E2BIG || err == -ENOMEM) {
			e->code = WEFT_OFPFMFC_TABLE_FULL;
			return;
		}
	}
	if (ofpt == WEFT_OFPT_GROUP_MOD) {
		e->code = err == -EEXIST ? WEFT_OFPGMFC_GROUP_EXISTS :
			  err == -ENOENT ? WEFT_OFPGMFC_UNKNOWN_GROUP :
			  err == -EBUSY ? WEFT_OFPGMFC_CHAINED_GROUP :
			  err == -ELOOP ? WEFT_OFPGMFC_LOOP :
			  err == -ENOSPC ? WEFT_OFPGMFC_OUT_OF_GROUPS :
			  WEFT_OFPGMFC_BAD_BUCKET;
		if (err == -EINVAL && strstr(attr, "WEFT_ACT_A_GROUP")) {
			e->code = WEFT_OFPGMFC_CHAINING_UNSUPPORTED;
			if (strstr(msg, "loop"))
				e->code = WEFT_OFPGMFC_LOOP;
			else if (strstr(msg, "no such") ||
				 strstr(msg, "does not exist"))
				e->code = WEFT_OFPGMFC_UNKNOWN_GROUP;
		}
		if (strstr(attr, "WATCH"))
			e->code = WEFT_OFPGMFC_BAD_WATCH;
		return;
	}
	if (ofpt == WEFT_OFPT_TABLE_MOD) {
		e->code = WEFT_OFPTMFC_BAD_CONFIG;
		return;
	}
	if (ofpt == WEFT_OFPT_PORT_MOD) {
		e->code = WEFT_OFPPMFC_BAD_CONFIG;
		return;
	}
	/* Which part of the request the kernel refused says the rest. */
	if (strstr(attr, "WEFT_KEY_A_") || strstr(attr, "WEFT_FLOW_A_KEY") ||
	    strstr(attr, "WEFT_FLOW_A_MASK")) {
		e->type = WEFT_OFPET_BAD_MATCH;
		e->code = strstr(msg, "prerequisite") || strstr(msg, "requires") ?
			  WEFT_OFPBMC_BAD_PREREQ : WEFT_OFPBMC_BAD_VALUE;
	} else if (strstr(attr, "WEFT_ACT_A_OUTPUT")) {
		e->type = WEFT_OFPET_BAD_ACTION;
		e->code = WEFT_OFPBAC_BAD_OUT_PORT;
	} else if (strstr(attr, "WEFT_ACT_A_GROUP")) {
		e->type = WEFT_OFPET_BAD_ACTION;
		e->code = WEFT_OFPBAC_BAD_OUT_GROUP;
	} else if (strstr(attr, "WEFT_ACT_A_SET_FIELD")) {
		e->type = WEFT_OFPET_BAD_ACTION;
		e->code = WEFT_OFPBAC_BAD_SET_ARGUMENT;
	} else if (strstr(attr, "WEFT_ACT_A_SET_QUEUE")) {
		e->type = WEFT_OFPET_BAD_ACTION;
		e->code = WEFT_OFPBAC_BAD_QUEUE;
	} else if (strstr(attr, "WEFT_ACT_A_")) {
		e->type = WEFT_OFPET_BAD_ACTION;
		e->code = err == -EOPNOTSUPP ? WEFT_OFPBAC_BAD_TYPE :
			  WEFT_OFPBAC_BAD_ARGUMENT;
	} else if (strstr(attr, "WEFT_INST_A_GOTO_TABLE")) {
		e->type = WEFT_OFPET_BAD_INSTRUCTION;
		e->code = WEFT_OFPBIC_BAD_TABLE_ID;
	} else if (strstr(attr, "WEFT_INST_A_WRITE_METADATA")) {
		e->type = WEFT_OFPET_BAD_INSTRUCTION;
		e->code = WEFT_OFPBIC_UNSUP_METADATA_MASK;
	} else if (strstr(attr, "WEFT_INST_A_")) {
		e->type = WEFT_OFPET_BAD_INSTRUCTION;
		e->code = WEFT_OFPBIC_UNSUP_INST;
	} else if (strstr(attr, "WEFT_FLOW_A_TABLE")) {
		e->code = WEFT_OFPFMFC_BAD_TABLE_ID;
	} else if (strstr(attr, "WEFT_FLOW_A_FLAGS")) {
		e->code = WEFT_OFPFMFC_BAD_FLAGS;
	} else if (strstr(attr, "TIMEOUT")) {
		e->code = WEFT_OFPFMFC_BAD_TIMEOUT;
	} else if (strstr(attr, "WEFT_PACKET_A_IN_PORT")) {
		e->code = WEFT_OFPBRC_BAD_PORT;
	} else if (strstr(attr, "WEFT_PACKET_A_DATA")) {
		e->code = WEFT_OFPBRC_BAD_PACKET;
	} else if (ofpt == WEFT_OFPT_PACKET_OUT) {
		e->code = WEFT_OFPBRC_EPERM;
	} else {
		e->code = WEFT_OFPFMFC_UNKNOWN;
	}
}

/* Translate one FLOW_MOD into a weft flow; false after sending an error. */
static bool fm_translate(struct weftd_conn *c, const uint8_t *req, size_t len,
			 const struct weft_of_flow_mod *fm, uint8_t version,
			 struct weft_flow *flow)
{
	struct weft_of_error err = { 0 };
	uint32_t flags = fm->flags;
	bool del = fm->command == WEFT_OFPFC_DELETE ||
		   fm->command == WEFT_OFPFC_DELETE_STRICT;
	bool add = fm->command == WEFT_OFPFC_ADD;

	weft_flow_init(flow);
	if (fm->command > WEFT_OFPFC_DELETE_STRICT) {
		err.type = WEFT_OFPET_FLOW_MOD_FAILED;
		err.code = WEFT_OFPFMFC_BAD_COMMAND;
		goto fail;
	}
	if (version == WEFT_OFP10_VERSION) {
		/* 1.0's bit 2 is EMERG: emergency flows are not kept. */
		if (flags & ~(WEFT_OFPFF_SEND_FLOW_REM |
			      WEFT_OFPFF_CHECK_OVERLAP)) {
			err.type = WEFT_OFPET_FLOW_MOD_FAILED;
			err.code = WEFT_OFPFMFC_BAD_FLAGS;
			goto fail;
		}
		/*
		 * A 1.0 add resets an identical flow's counters; the flag
		 * stays on the flow, as Open vSwitch shows it to 1.3.
		 */
		if (add)
			flags |= WEFT_FLOW_F_RESET_COUNTS;
	} else if (flags & ~0x1fU) {
		err.type = WEFT_OFPET_FLOW_MOD_FAILED;
		err.code = WEFT_OFPFMFC_BAD_FLAGS;
		goto fail;
	}
	if (fm->table_id > WEFT_TABLE_MAX && (!del ||
					      fm->table_id != WEFT_OFPTT_ALL)) {
		err.type = WEFT_OFPET_FLOW_MOD_FAILED;
		err.code = WEFT_OFPFMFC_BAD_TABLE_ID;
		goto fail;
	}
	if (weft_of_match_to_weft(version, &fm->match, &flow->match, &err))
		goto fail;
	flow->table = fm->table_id == WEFT_OFPTT_ALL ? WEFT_TABLE_ALL :
		      fm->table_id;
	/* 1.0 names no table: it adds to table 0 and changes any table. */
	if (version == WEFT_OFP10_VERSION)
		flow->table = add ? 0 : WEFT_TABLE_ALL;
	flow->priority = fm->priority;
	flow->attrs |= WEFT_BIT(WEFT_FLOW_A_TABLE) |
		       WEFT_BIT(WEFT_FLOW_A_PRIORITY);
	if (!del) {
		if (weft_of_flow_insts_to_weft(version, fm->insts,
					       fm->n_insts, &flow->match,
					       &flow->insts, &err))
			goto fail;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS);
		flow->flags = flags;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_FLAGS);
	}
	if (add) {
		flow->cookie = fm->cookie;
		flow->idle_timeout = fm->idle_timeout;
		flow->hard_timeout = fm->hard_timeout;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE) |
			       WEFT_BIT(WEFT_FLOW_A_IDLE_TIMEOUT) |
			       WEFT_BIT(WEFT_FLOW_A_HARD_TIMEOUT);
		return true;
	}
	if (fm->command == WEFT_OFPFC_MODIFY_STRICT ||
	    fm->command == WEFT_OFPFC_DELETE_STRICT)
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STRICT);
	if (version == WEFT_OFP10_VERSION) {
		/* 1.0's modify sets the cookie; its delete ignores it. */
		if (!del) {
			flow->cookie = fm->cookie;
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE);
		}
	} else if (fm->cookie_mask) {
		flow->cookie = fm->cookie & fm->cookie_mask;
		flow->cookie_mask = fm->cookie_mask;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE) |
			       WEFT_BIT(WEFT_FLOW_A_COOKIE_MASK);
	}
	if (del && fm->out_port != WEFT_OFPP_ANY) {
		flow->out_port = fm->out_port;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_OUT_PORT);
	}
	if (del && version != WEFT_OFP10_VERSION &&
	    fm->out_group != WEFT_OFPG_ANY) {
		flow->out_group = fm->out_group;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_OUT_GROUP);
	}
	return true;
fail:
	weftd_ofp_error(c, req, len, err.type, err.code);
	return false;
}

void weftd_ofp_flow_mod(struct weftd_conn *c, const uint8_t *req,
			size_t len, const struct weft_of_msg *msg)
{
	const struct weft_of_flow_mod *fm = &msg->flow_mod;
	struct weft_flow flow;
	struct fm_pending *p;
	uint8_t cmd;

	c->stats.flow_mods++;
	weftd.counters.flow_mods++;
	if (!fm_translate(c, req, len, fm, msg->version, &flow)) {
		weftd.counters.flow_mod_errors++;
		return;
	}
	if (fmq.n == fmq.cap) {
		size_t cap = fmq.cap ? fmq.cap * 2 : 64;

		p = realloc(fmq.q, cap * sizeof(*p));
		if (!p)
			goto nomem;
		fmq.q = p;
		fmq.cap = cap;
	}
	p = &fmq.q[fmq.n];
	memset(p, 0, sizeof(*p));
	p->conn = c;
	p->command = fm->command;
	p->version = msg->version;
	p->of_off = arena_alloc(len);
	if (p->of_off == (size_t)-1)
		goto nomem;
	memcpy(fmq.arena + p->of_off, req, len);
	p->of_len = len;
	cmd = fm->command == WEFT_OFPFC_ADD ? WEFT_CMD_FLOW_NEW :
	      fm->command <= WEFT_OFPFC_MODIFY_STRICT ? WEFT_CMD_FLOW_SET :
	      WEFT_CMD_FLOW_DEL;
	p->nl_off = arena_flow_req(cmd, &flow);
	if (p->nl_off == (size_t)-1)
		goto nomem;
	if (msg->version == WEFT_OFP10_VERSION && cmd == WEFT_CMD_FLOW_SET) {
		/* 1.0: a modify that matches nothing adds the flow. */
		flow.attrs &= ~WEFT_BIT(WEFT_FLOW_A_STRICT);
		flow.idle_timeout = fm->idle_timeout;
		flow.hard_timeout = fm->hard_timeout;
		flow.attrs |= WEFT_BIT(WEFT_FLOW_A_IDLE_TIMEOUT) |
			      WEFT_BIT(WEFT_FLOW_A_HARD_TIMEOUT);
		p->nl_add_off = arena_flow_req(WEFT_CMD_FLOW_NEW, &flow);
		if (p->nl_add_off == (size_t)-1)
			goto nomem;
	}
	fmq.n++;
	if (fm->buffer_id != WEFT_OFP_NO_BUFFER) {
		/* weft keeps no packet buffers (FEATURES says n_buffers 0). */
		weftd_ofp_flow_flush();
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BUFFER_UNKNOWN);
		return;
	}
	if (fmq.n >= FM_QUEUE_MAX || fmq.arena_len > (8 << 20))
		weftd_ofp_flow_flush();
	return;
nomem:
	weftd_ofp_error(c, req, len, WEFT_OFPET_FLOW_MOD_FAILED,
			WEFT_OFPFMFC_UNKNOWN);
}

static const struct nlmsghdr *fm_get(void *data, size_t i)
{
	(void)data;
	return (const struct nlmsghdr *)(fmq.arena + fmq.q[i].nl_off);
}

static const struct nlmsghdr *fm_get_add(void *data, size_t i)
{
	(void)data;
	return (const struct nlmsghdr *)(fmq.arena +
					 fmq.q[fmq.adds[i]].nl_add_off);
}

static void fm_fail(struct fm_pending *p, int err)
{
	struct weft_of_error e;

	weftd.counters.flow_mod_errors++;
	weftd_ofp_errno_to_of(err, WEFT_OFPT_FLOW_MOD, &e);
	weftd_info("flow_mod failed: %s", weftd_nl_strerror(weftd.nl, err));
	weftd_ofp_error(p->conn, fmq.arena + p->of_off, p->of_len, e.type,
			e.code);
}

static void fm_result(void *data, size_t i, int err)
{
	struct fm_pending *p = &fmq.q[i];

	(void)data;
	/*
	 * A modify or strict delete that selects nothing is no error in
	 * OpenFlow; 1.0's modify then adds.
	 */
	if (err == -ENOENT && p->command != WEFT_OFPFC_ADD) {
		if (p->nl_add_off)
			fmq.adds[fmq.n_adds++] = i;
		return;
	}
	fm_fail(p, err);
}

static void fm_add_result(void *data, size_t i, int err)
{
	(void)data;
	fm_fail(&fmq.q[fmq.adds[i]], err);
}

void weftd_ofp_flow_flush(void)
{
	int err;
	size_t i;

	if (!fmq.n)
		return;
	fmq.adds = calloc(fmq.n, sizeof(*fmq.adds));
	fmq.n_adds = 0;
	weftd.counters.nl_requests += fmq.n;
	err = weft_nl_do_each(weftd.nl, fmq.n, fm_get, NULL, FM_WINDOW,
			      fmq.adds ? fm_result : NULL, NULL);
	if (!err && fmq.n_adds)
		err = weft_nl_do_each(weftd.nl, fmq.n_adds, fm_get_add, NULL,
				      FM_WINDOW, fm_add_result, NULL);
	if (err || !fmq.adds) {
		/* What became of them is unknown: say so to each sender. */
		weftd_err("flow_mods to the kernel: %s", strerror(-err));
		for (i = 0; i < fmq.n; i++)
			weftd_ofp_error(fmq.q[i].conn,
					fmq.arena + fmq.q[i].of_off,
					fmq.q[i].of_len,
					WEFT_OFPET_FLOW_MOD_FAILED,
					WEFT_OFPFMFC_UNKNOWN);
	}
	free(fmq.adds);
	fmq.adds = NULL;
	fmq.n = 0;
	fmq.arena_len = 0;
	/* Give back what a big burst grew. */
	if (fmq.arena_cap > (16 << 20)) {
		free(fmq.arena);
		fmq.arena = NULL;
		fmq.arena_cap = 0;
	}
}

void weftd_ofp_group_mod(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg)
{
	const struct weft_of_group_mod *gm = &msg->group_mod;
	struct weft_of_error e = { 0 };
	struct weft_group *g;
	struct nlmsghdr *nlh;
	uint8_t cmd;
	int err;

	if (gm->command > WEFT_OFPGC_DELETE) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_GROUP_MOD_FAILED,
				WEFT_OFPGMFC_BAD_COMMAND);
		return;
	}
	if (gm->command != WEFT_OFPGC_DELETE && gm->group_id > WEFT_OFPG_MAX) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_GROUP_MOD_FAILED,
				WEFT_OFPGMFC_INVALID_GROUP);
		return;
	}
	g = malloc(sizeof(*g));
	if (!g) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_GROUP_MOD_FAILED,
				WEFT_OFPGMFC_OUT_OF_GROUPS);
		return;
	}
	weft_group_init(g);
	if (gm->command == WEFT_OFPGC_DELETE) {
		g->id = gm->group_id;
		g->attrs = WEFT_BIT(WEFT_GROUP_A_ID);
		cmd = WEFT_CMD_GROUP_DEL;
	} else {
		if (weft_of_group_to_weft(msg->version, gm, g, &e)) {
			weftd_ofp_error(c, req, len, e.type, e.code);
			free(g);
			return;
		}
		cmd = gm->command == WEFT_OFPGC_ADD ? WEFT_CMD_GROUP_NEW :
						      WEFT_CMD_GROUP_SET;
	}
	nlh = weft_nl_req(weftd.nl, cmd, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	err = weft_group_nl_put(nlh, WEFT_NL_REQ_SIZE, g);
	free(g);
	if (!err)
		err = weft_nl_do(weftd.nl, nlh, NULL, NULL);
	/* Deleting a group that does not exist is no error (1.3 7.3.4.2). */
	if (err == -ENOENT && cmd == WEFT_CMD_GROUP_DEL)
		err = 0;
	if (err == -EMSGSIZE) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_GROUP_MOD_FAILED,
				WEFT_OFPGMFC_OUT_OF_BUCKETS);
	} else if (err) {
		weftd_ofp_errno_to_of(err, WEFT_OFPT_GROUP_MOD, &e);
		weftd_ofp_error(c, req, len, e.type, e.code);
	}
}

void weftd_ofp_table_mod(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg)
{
	/*
	 * OpenFlow 1.3 deprecated the table config bits (a table miss is a
	 * flow now, OFPTC_DEPRECATED_MASK = 3): they are accepted and
	 * ignored, as the spec asks; others are refused.
	 */
	if (msg->table_mod.table_id > WEFT_TABLE_MAX &&
	    msg->table_mod.table_id != WEFT_OFPTT_ALL) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_TABLE_MOD_FAILED,
				WEFT_OFPTMFC_BAD_TABLE);
		return;
	}
	if (msg->table_mod.config & ~3U)
		weftd_ofp_error(c, req, len, WEFT_OFPET_TABLE_MOD_FAILED,
				WEFT_OFPTMFC_BAD_CONFIG);
}

void weftd_ofp_port_mod(struct weftd_conn *c, const uint8_t *req,
			size_t len, const struct weft_of_msg *msg)
{
	const struct weft_of_port_mod *pm = &msg->port_mod;
	struct weftd_port *p = weftd_port_find(pm->port_no);

	if (!p) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_PORT_MOD_FAILED,
				WEFT_OFPPMFC_BAD_PORT);
		return;
	}
	if (memcmp(p->mac, pm->hw_addr, 6)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_PORT_MOD_FAILED,
				WEFT_OFPPMFC_BAD_HW_ADDR);
		return;
	}
	/*
	 * no_recv, no_fwd, no_packet_in (and 1.0's no_flood, which Open
	 * vSwitch keeps for 1.3 too) are the kernel's port configuration;
	 * port_down is the netdev's admin state.  1.0's STP bits ask for a
	 * spanning tree weft does not run: refused, not ignored.
	 */
	if (pm->mask & ~(WEFT_PORT_C_SETTABLE | WEFTD_OFPPC_PORT_DOWN)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_PORT_MOD_FAILED,
				WEFT_OFPPMFC_BAD_CONFIG);
		return;
	}
	if (pm->mask & WEFT_PORT_C_SETTABLE &&
	    weftd_port_set_config(p, pm->config,
				  pm->mask & WEFT_PORT_C_SETTABLE)) {
		weftd_ofp_error(c, req, len, WEFT_OFPET_PORT_MOD_FAILED,
				WEFT_OFPPMFC_EPERM);
		return;
	}
	if (pm->mask & WEFTD_OFPPC_PORT_DOWN &&
	    weftd_port_set_down(p, pm->config & WEFTD_OFPPC_PORT_DOWN))
		weftd_ofp_error(c, req, len, WEFT_OFPET_PORT_MOD_FAILED,
				WEFT_OFPPMFC_EPERM);
}
