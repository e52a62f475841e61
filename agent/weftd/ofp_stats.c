// SPDX-License-Identifier: GPL-2.0
/*
 * MULTIPART (1.0: STATS) requests, answered from the kernel's counters
 * and weftd's port table.
 *
 * Flow stats are streamed: the kernel's dump is turned into replies a
 * chunk of entries at a time, so that answering 100,000 flows never holds
 * them all in OpenFlow form at once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>
#include <libmnl/libmnl.h>

#include "conn.h"
#include "group.h"
#include "log.h"
#include "match.h"
#include "nl.h"
#include "of_xlate.h"
#include "ofp.h"
#include "table.h"
#include "weftd.h"
#include "tables.h"

/* Flow stats entries per encoded chunk. */
#define FLOW_CHUNK	256

struct mp_ctx {
	struct weftd_conn *conn;
	const uint8_t *req;
	size_t len;
	const struct weft_of_msg *msg;
	struct weft_of_msg reply;
	size_t cap;
	int err;
};

static void mp_reply_init(struct mp_ctx *x)
{
	weftd_ofp_reply_init(&x->reply, x->req, WEFT_OFPT_MULTIPART_REPLY);
	x->reply.multipart.type = x->msg->multipart.type;
}

/* Send what is in x->reply (REPLY_MORE unless @last) and empty it. */
static void mp_send(struct mp_ctx *x, bool last)
{
	x->reply.multipart.flags = last ? 0 : WEFT_OFPMPF_REPLY_MORE;
	weftd_ofp_send(x->conn, &x->reply);
	weft_of_msg_free(&x->reply);
	mp_reply_init(x);
	x->cap = 0;
}

/* Grow a reply array of @size-byte entries to hold one more. */
static void *mp_grow(struct mp_ctx *x, void **arr, size_t size)
{
	void *a;

	if (x->reply.multipart.n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;

		a = realloc(*arr, cap * size);
		if (!a)
			return NULL;
		*arr = a;
		x->cap = cap;
	}
	a = (char *)*arr + x->reply.multipart.n * size;
	memset(a, 0, size);
	x->reply.multipart.n++;
	return a;
}

static void split_ms(uint64_t ms, uint32_t *sec, uint32_t *nsec)
{
	*sec = ms / 1000;
	*nsec = (ms % 1000) * 1000000;
}

/* Whether @flow's match is at least as specific as @req (non-strict). */
static bool match_covers(const struct weft_match *req,
			 const struct weft_match *flow)
{
	uint8_t rm[WEFT_FIELD_MAX_LEN], fm[WEFT_FIELD_MAX_LEN];
	unsigned int a;
	size_t i, n;

	for (a = 1; a <= WEFT_KEY_A_KNOWN_MAX; a++) {
		const uint8_t *rv, *fv;

		if (!weft_match_has(req, a))
			continue;
		if (!weft_match_has(flow, a))
			return false;
		n = weft_match_field_len(a);
		weft_match_get_mask(req, a, rm);
		weft_match_get_mask(flow, a, fm);
		rv = weft_key_field_const(&req->key, a);
		fv = weft_key_field_const(&flow->key, a);
		for (i = 0; i < n; i++)
			if ((rm[i] & ~fm[i]) || ((rv[i] ^ fv[i]) & rm[i]))
				return false;
	}
	return true;
}

static bool actions_use(const struct weft_actions *acts, uint16_t type,
			uint32_t arg)
{
	unsigned int i;

	for (i = 0; i < acts->n; i++) {
		/* output:CONTROLLER is an action of its own in the kernel. */
		if (type == WEFT_ACT_A_OUTPUT && arg == WEFT_PORT_CONTROLLER &&
		    acts->a[i].type == WEFT_ACT_A_CONTROLLER)
			return true;
		if (acts->a[i].type == type && acts->a[i].arg == arg)
			return true;
	}
	return false;
}

static bool flow_selected(const struct weft_of_flow_stats_request *fr,
			  const struct weft_match *m, uint8_t version,
			  const struct weft_flow *f)
{
	const struct weft_insts *in = &f->insts;

	if (fr->table_id != WEFT_OFPTT_ALL && f->table != fr->table_id)
		return false;
	if (version != WEFT_OFP10_VERSION &&
	    (f->cookie ^ fr->cookie) & fr->cookie_mask)
		return false;
	if (fr->out_port != WEFT_OFPP_ANY &&
	    !actions_use(&in->apply, WEFT_ACT_A_OUTPUT, fr->out_port) &&
	    !actions_use(&in->write, WEFT_ACT_A_OUTPUT, fr->out_port))
		return false;
	if (version != WEFT_OFP10_VERSION && fr->out_group != WEFT_OFPG_ANY &&
	    !actions_use(&in->apply, WEFT_ACT_A_GROUP, fr->out_group) &&
	    !actions_use(&in->write, WEFT_ACT_A_GROUP, fr->out_group))
		return false;
	return match_covers(m, &f->match);
}

struct flow_walk {
	struct mp_ctx *x;
	struct weft_match req_match;
	struct weft_flow flow;		/* scratch: weft_flow is large */
	bool aggregate;
};

static int flow_cb(const struct nlmsghdr *nlh, void *data)
{
	struct flow_walk *w = data;
	struct mp_ctx *x = w->x;
	const struct weft_of_flow_stats_request *fr = &x->msg->multipart.flow_req;
	struct weft_of_flow_stats *e;
	struct weft_flow *f = &w->flow;
	uint8_t v = x->msg->version;

	if (weft_flow_msg_parse(nlh, f))
		return 0;
	if (!flow_selected(fr, &w->req_match, v, f))
		return 0;
	if (w->aggregate) {
		struct weft_of_aggregate_stats *a = &x->reply.multipart.aggregate;

		a->packet_count += f->n_packets;
		a->byte_count += f->n_bytes;
		a->flow_count++;
		return 0;
	}
	e = mp_grow(x, (void **)&x->reply.multipart.flows, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->table_id = f->table;
	split_ms(f->duration_ms, &e->duration_sec, &e->duration_nsec);
	e->priority = f->priority;
	e->idle_timeout = f->idle_timeout;
	e->hard_timeout = f->hard_timeout;
	e->flags = v == WEFT_OFP10_VERSION ? 0 : f->flags & 0x1f;
	e->cookie = f->cookie;
	e->packet_count = f->n_packets;
	e->byte_count = f->n_bytes;
	if (weft_of_match_from_weft(v, &f->match, &e->match) ||
	    weft_of_insts_from_weft(v, &f->insts, &e->insts, &e->n_insts))
		/* Not expressible in this version: leave the entry out. */
		x->reply.multipart.n--;
	if (x->reply.multipart.n >= FLOW_CHUNK)
		mp_send(x, false);
	return 0;
}

static void mp_flow(struct mp_ctx *x, bool aggregate)
{
	const struct weft_of_flow_stats_request *fr = &x->msg->multipart.flow_req;
	struct weft_of_error e;
	struct flow_walk *w;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int err;

	if (fr->table_id > WEFT_TABLE_MAX && fr->table_id != WEFT_OFPTT_ALL) {
		weftd_ofp_error(x->conn, x->req, x->len,
				WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_TABLE_ID);
		return;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return;
	w->x = x;
	w->aggregate = aggregate;
	if (weft_of_match_to_weft(x->msg->version, &fr->match, &w->req_match,
				  &e)) {
		weftd_ofp_error(x->conn, x->req, x->len, e.type, e.code);
		free(w);
		return;
	}
	nlh = weft_nl_req(weftd.nl, WEFT_CMD_FLOW_GET, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	if (fr->table_id != WEFT_OFPTT_ALL) {
		nest = mnl_attr_nest_start(nlh, WEFT_A_FLOW);
		mnl_attr_put_u8(nlh, WEFT_FLOW_A_TABLE, fr->table_id);
		mnl_attr_nest_end(nlh, nest);
	}
	err = weft_nl_dump(weftd.nl, nlh, flow_cb, w);
	if (err)
		weftd_err("flow dump: %s", weftd_nl_strerror(weftd.nl, err));
	mp_send(x, true);
	free(w);
}

static int table_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mp_ctx *x = data;
	struct weft_of_table_stats *e;
	struct weft_table_info t;

	if (weft_table_msg_parse(nlh, &t))
		return 0;
	e = mp_grow(x, (void **)&x->reply.multipart.tables, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->table_id = t.id;
	e->active_count = t.n_flows;
	e->lookup_count = t.lookups;
	e->matched_count = t.matches;
	snprintf(e->name, sizeof(e->name), "table%u", t.id);
	e->wildcards = WEFT_OFPFW10_ALL;
	e->max_entries = WEFTD_TABLE_MAX_ENTRIES;
	return 0;
}

static void mp_table(struct mp_ctx *x)
{
	struct nlmsghdr *nlh = weft_nl_req(weftd.nl, WEFT_CMD_TABLE_GET, 0);

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	weft_nl_dump(weftd.nl, nlh, table_cb, x);
	/* 1.0 has one table: the others are not its to see. */
	if (x->msg->version == WEFT_OFP10_VERSION && x->reply.multipart.n > 1)
		x->reply.multipart.n = 1;
	mp_send(x, true);
}

static int port_stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mp_ctx *x = data;
	struct weft_of_port_stats *e;
	struct weft_port_info p;
	struct weftd_port *wp;
	uint32_t want = x->msg->multipart.port_no;

	if (weft_port_msg_parse(nlh, &p) ||
	    (want != WEFT_OFPP_ANY && p.port_no != want))
		return 0;
	e = mp_grow(x, (void **)&x->reply.multipart.port_stats, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->port_no = p.port_no;
	e->rx_packets = p.stats.rx_packets;
	e->tx_packets = p.stats.tx_packets;
	e->rx_bytes = p.stats.rx_bytes;
	e->tx_bytes = p.stats.tx_bytes;
	e->rx_dropped = p.stats.rx_dropped;
	e->tx_dropped = p.stats.tx_dropped;
	wp = weftd_port_find(p.port_no);
	if (wp)
		split_ms(weftd_now_ms() - wp->added_ms, &e->duration_sec,
			 &e->duration_nsec);
	return 0;
}

static void mp_port_stats(struct mp_ctx *x)
{
	uint32_t want = x->msg->multipart.port_no;
	struct nlmsghdr *nlh;

	if (want != WEFT_OFPP_ANY && !weftd_port_find(want)) {
		weftd_ofp_error(x->conn, x->req, x->len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_PORT);
		return;
	}
	nlh = weft_nl_req(weftd.nl, WEFT_CMD_PORT_GET, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	weft_nl_dump(weftd.nl, nlh, port_stats_cb, x);
	mp_send(x, true);
}

static void mp_port_desc(struct mp_ctx *x)
{
	struct weft_of_port *e;
	size_t i;

	for (i = 0; i < weftd.n_ports; i++) {
		e = mp_grow(x, (void **)&x->reply.multipart.ports, sizeof(*e));
		if (!e)
			break;
		weftd_ofp_port_desc(&weftd.ports[i], e);
	}
	mp_send(x, true);
}

static int group_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mp_ctx *x = data;
	struct weft_group *g;
	uint32_t want = x->msg->multipart.group_id;
	unsigned int i;
	int err = 0;

	g = malloc(sizeof(*g));
	if (!g)
		return -ENOMEM;
	if (weft_group_msg_parse(nlh, g))
		goto out;
	if (x->msg->multipart.type == WEFT_OFPMP_GROUP_DESC) {
		struct weft_of_group_desc *d;

		d = mp_grow(x, (void **)&x->reply.multipart.group_descs,
			    sizeof(*d));
		if (!d) {
			err = -ENOMEM;
			goto out;
		}
		d->type = g->type;
		d->group_id = g->id;
		if (weft_of_buckets_from_weft(x->msg->version, g, &d->buckets,
					      &d->n_buckets)) {
			x->reply.multipart.n--;
		} else if (g->type != WEFT_GROUP_TYPE_SELECT) {
			/*
			 * The kernel keeps a weight of 1 on every bucket; only
			 * select groups use one, and OpenFlow says 0 elsewhere.
			 */
			for (i = 0; i < d->n_buckets; i++)
				d->buckets[i].weight = 0;
		}
	} else if (want == WEFT_OFPG_ALL || want == g->id) {
		struct weft_of_group_stats *s;

		s = mp_grow(x, (void **)&x->reply.multipart.groups, sizeof(*s));
		if (!s) {
			err = -ENOMEM;
			goto out;
		}
		s->group_id = g->id;
		s->ref_count = g->ref_count;
		s->packet_count = g->packets;
		s->byte_count = g->bytes;
		split_ms(g->duration_ms, &s->duration_sec, &s->duration_nsec);
		s->buckets = calloc(g->n_buckets ? g->n_buckets : 1,
				    sizeof(*s->buckets));
		if (s->buckets) {
			s->n_buckets = g->n_buckets;
			for (i = 0; i < g->n_buckets; i++) {
				s->buckets[i].packet_count =
					g->buckets[i].packets;
				s->buckets[i].byte_count = g->buckets[i].bytes;
			}
		}
	}
out:
	free(g);
	return err;
}

static void mp_group(struct mp_ctx *x)
{
	struct nlmsghdr *nlh = weft_nl_req(weftd.nl, WEFT_CMD_GROUP_GET, 0);

	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, weftd.dp);
	weft_nl_dump(weftd.nl, nlh, group_cb, x);
	mp_send(x, true);
}

static void mp_desc(struct mp_ctx *x)
{
	struct weft_of_desc *d = &x->reply.multipart.desc;

	snprintf(d->mfr_desc, sizeof(d->mfr_desc), "weft developers");
	snprintf(d->hw_desc, sizeof(d->hw_desc), "weft.ko (Linux kernel datapath)");
	snprintf(d->sw_desc, sizeof(d->sw_desc), "weftd %s", WEFTD_VERSION);
	snprintf(d->serial_num, sizeof(d->serial_num), "None");
	snprintf(d->dp_desc, sizeof(d->dp_desc), "weft datapath %s", weftd.dp);
	mp_send(x, true);
}

void weftd_ofp_multipart(struct weftd_conn *c, const uint8_t *req,
			 size_t len, const struct weft_of_msg *msg)
{
	const struct weft_of_multipart *mp = &msg->multipart;
	struct mp_ctx x = { .conn = c, .req = req, .len = len, .msg = msg };

	mp_reply_init(&x);
	switch (mp->type) {
	case WEFT_OFPMP_DESC:
		mp_desc(&x);
		break;
	case WEFT_OFPMP_FLOW:
		mp_flow(&x, false);
		break;
	case WEFT_OFPMP_AGGREGATE:
		mp_flow(&x, true);
		break;
	case WEFT_OFPMP_TABLE:
		mp_table(&x);
		break;
	case WEFT_OFPMP_PORT_STATS:
		mp_port_stats(&x);
		break;
	case WEFT_OFPMP_QUEUE:
		/* No port has queues: empty for "all", else unknown. */
		if (mp->port_no != WEFT_OFPP_ANY &&
		    !weftd_port_find(mp->port_no))
			weftd_ofp_error(c, req, len, WEFT_OFPET_QUEUE_OP_FAILED,
					WEFT_OFPQOFC_BAD_PORT);
		else if (mp->queue_id != WEFT_OFPQ_ALL)
			weftd_ofp_error(c, req, len, WEFT_OFPET_QUEUE_OP_FAILED,
					WEFT_OFPQOFC_BAD_QUEUE);
		else
			mp_send(&x, true);
		break;
	case WEFT_OFPMP_GROUP:
	case WEFT_OFPMP_GROUP_DESC:
		mp_group(&x);
		break;
	case WEFT_OFPMP_GROUP_FEATURES:
		weftd_group_features(&x.reply.multipart.group_features);
		mp_send(&x, true);
		break;
	case WEFT_OFPMP_METER:
	case WEFT_OFPMP_METER_CONFIG:
	case WEFT_OFPMP_METER_FEATURES:
		/*
		 * No meters: empty lists, and features of zero meters, which
		 * is how the spec lets a switch say so.
		 */
		if (mp->type == WEFT_OFPMP_METER_FEATURES) {
			x.reply.multipart.meter_features =
				calloc(1, sizeof(struct weft_of_meter_features));
			if (x.reply.multipart.meter_features)
				x.reply.multipart.n = 1;
		}
		mp_send(&x, true);
		break;
	case WEFT_OFPMP_TABLE_FEATURES:
		if (mp->n) {
			/* Tables are what they are: no reconfiguration. */
			weftd_ofp_error(c, req, len,
					WEFT_OFPET_TABLE_FEATURES_FAILED,
					WEFT_OFPTFFC_EPERM);
			break;
		}
		weftd_table_features(&x.reply.multipart);
		mp_send(&x, true);
		break;
	case WEFT_OFPMP_PORT_DESC:
		mp_port_desc(&x);
		break;
	case WEFT_OFPMP_EXPERIMENTER:
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_EXPERIMENTER);
		break;
	default:
		weftd_ofp_error(c, req, len, WEFT_OFPET_BAD_REQUEST,
				WEFT_OFPBRC_BAD_MULTIPART);
		break;
	}
	weft_of_msg_free(&x.reply);
}
