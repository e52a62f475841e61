// SPDX-License-Identifier: GPL-2.0
/*
 * Encoding MULTIPART (1.0: STATS) messages.  Lists are written entry by
 * entry; an entry that would push a message past 65535 bytes moves to a
 * new message of the same xid, and every message but the last carries
 * the MORE flag.
 */
#include "of_wire.h"

static void wr_desc(struct of_wr *w, const char *s, size_t n)
{
	wrbytes(w, s, n);
}

static int enc_entry(uint8_t v, uint16_t type, const struct weft_of_multipart *mp,
		     size_t i, struct of_wr *w)
{
	bool v10 = v == WEFT_OFP10_VERSION;
	size_t start = w->b->len, k;
	int r;

	switch (type) {
	case WEFT_OFPMP_FLOW: {
		const struct weft_of_flow_stats *f = &mp->flows[i];

		wr16(w, 0);
		wr8(w, f->table_id);
		wr8(w, 0);
		if (v10)
			of_match_encode(v, &f->match, w);
		wr32(w, f->duration_sec);
		wr32(w, f->duration_nsec);
		wr16(w, f->priority);
		wr16(w, f->idle_timeout);
		wr16(w, f->hard_timeout);
		if (v10) {
			wrzero(w, 6);
		} else {
			wr16(w, f->flags);
			wrzero(w, 4);
		}
		wr64(w, f->cookie);
		wr64(w, f->packet_count);
		wr64(w, f->byte_count);
		if (!v10) {
			r = of_match_encode(v, &f->match, w);
			if (r)
				return r;
		}
		r = of_insts_encode(v, f->insts, f->n_insts, w);
		if (r)
			return r;
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		wrlen16(w, start, start);
		return 0;
	}
	case WEFT_OFPMP_TABLE: {
		const struct weft_of_table_stats *t = &mp->tables[i];

		wr8(w, t->table_id);
		wrzero(w, 3);
		if (v10) {
			wrbytes(w, t->name, 32);
			wr32(w, t->wildcards);
			wr32(w, t->max_entries);
		}
		wr32(w, t->active_count);
		wr64(w, t->lookup_count);
		wr64(w, t->matched_count);
		return 0;
	}
	case WEFT_OFPMP_PORT_STATS: {
		const struct weft_of_port_stats *s = &mp->port_stats[i];
		const uint64_t c[] = { s->rx_packets, s->tx_packets,
				       s->rx_bytes, s->tx_bytes,
				       s->rx_dropped, s->tx_dropped,
				       s->rx_errors, s->tx_errors,
				       s->rx_frame_err, s->rx_over_err,
				       s->rx_crc_err, s->collisions };

		if (v10) {
			wr16(w, weft_of_port_to10(s->port_no));
			wrzero(w, 6);
		} else {
			wr32(w, s->port_no);
			wrzero(w, 4);
		}
		for (k = 0; k < 12; k++)
			wr64(w, c[k]);
		if (!v10) {
			wr32(w, s->duration_sec);
			wr32(w, s->duration_nsec);
		}
		return 0;
	}
	case WEFT_OFPMP_QUEUE: {
		const struct weft_of_queue_stats *s = &mp->queues[i];

		if (v10) {
			wr16(w, weft_of_port_to10(s->port_no));
			wrzero(w, 2);
		} else {
			wr32(w, s->port_no);
		}
		wr32(w, s->queue_id);
		wr64(w, s->tx_bytes);
		wr64(w, s->tx_packets);
		wr64(w, s->tx_errors);
		if (!v10) {
			wr32(w, s->duration_sec);
			wr32(w, s->duration_nsec);
		}
		return 0;
	}
	case WEFT_OFPMP_GROUP: {
		const struct weft_of_group_stats *g = &mp->groups[i];

		if (40 + g->n_buckets * 16 > 0xfff8)
			return -EINVAL;
		wr16(w, (uint16_t)(40 + g->n_buckets * 16));
		wrzero(w, 2);
		wr32(w, g->group_id);
		wr32(w, g->ref_count);
		wrzero(w, 4);
		wr64(w, g->packet_count);
		wr64(w, g->byte_count);
		wr32(w, g->duration_sec);
		wr32(w, g->duration_nsec);
		for (k = 0; k < g->n_buckets; k++) {
			wr64(w, g->buckets[k].packet_count);
			wr64(w, g->buckets[k].byte_count);
		}
		return 0;
	}
	case WEFT_OFPMP_GROUP_DESC: {
		const struct weft_of_group_desc *g = &mp->group_descs[i];

		wr16(w, 0);
		wr8(w, g->type);
		wr8(w, 0);
		wr32(w, g->group_id);
		r = of_buckets_encode(g->buckets, g->n_buckets, w);
		if (r)
			return r;
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		wrlen16(w, start, start);
		return 0;
	}
	case WEFT_OFPMP_METER: {
		const struct weft_of_meter_stats *s = &mp->meters[i];

		if (40 + s->n_bands * 16 > 0xfff8)
			return -EINVAL;
		wr32(w, s->meter_id);
		wr16(w, (uint16_t)(40 + s->n_bands * 16));
		wrzero(w, 6);
		wr32(w, s->flow_count);
		wr64(w, s->packet_in_count);
		wr64(w, s->byte_in_count);
		wr32(w, s->duration_sec);
		wr32(w, s->duration_nsec);
		for (k = 0; k < s->n_bands; k++) {
			wr64(w, s->bands[k].packet_band_count);
			wr64(w, s->bands[k].byte_band_count);
		}
		return 0;
	}
	case WEFT_OFPMP_METER_CONFIG: {
		const struct weft_of_meter_config *c = &mp->meter_configs[i];

		wr16(w, 0);
		wr16(w, c->flags);
		wr32(w, c->meter_id);
		of_bands_encode(c->bands, c->n_bands, w);
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		wrlen16(w, start, start);
		return 0;
	}
	case WEFT_OFPMP_METER_FEATURES: {
		const struct weft_of_meter_features *f = &mp->meter_features[i];

		wr32(w, f->max_meter);
		wr32(w, f->band_types);
		wr32(w, f->capabilities);
		wr8(w, f->max_bands);
		wr8(w, f->max_color);
		wrzero(w, 2);
		return 0;
	}
	case WEFT_OFPMP_PORT_DESC:
		of_port_encode(v, &mp->ports[i], w);
		return 0;
	case WEFT_OFPMP_TABLE_FEATURES:
		of_table_feature_encode(&mp->table_features[i], w);
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

static size_t mp_begin(struct of_wr *w, const struct weft_of_msg *msg,
		       uint16_t flags)
{
	size_t start = of_begin(w, msg->version, msg->type, msg->xid);

	wr16(w, msg->multipart.type);
	wr16(w, flags);
	if (msg->version != WEFT_OFP10_VERSION)
		wrzero(w, 4);
	return start;
}

/* Fixed bodies: requests, and the replies that are not lists. */
static int enc_fixed(const struct weft_of_msg *msg, struct of_wr *w)
{
	const struct weft_of_multipart *mp = &msg->multipart;
	bool v10 = msg->version == WEFT_OFP10_VERSION;
	bool reply = msg->type == WEFT_OFPT_MULTIPART_REPLY;
	const struct weft_of_flow_stats_request *fr = &mp->flow_req;
	int i;

	if (mp->type == WEFT_OFPMP_EXPERIMENTER) {
		wr32(w, mp->experimenter);
		if (!v10)
			wr32(w, mp->exp_type);
		wrbytes(w, mp->data, mp->data_len);
		return 0;
	}
	if (!reply) {
		switch (mp->type) {
		case WEFT_OFPMP_FLOW:
		case WEFT_OFPMP_AGGREGATE:
			if (v10) {
				of_match_encode(msg->version, &fr->match, w);
				wr8(w, fr->table_id);
				wr8(w, 0);
				wr16(w, weft_of_port_to10(fr->out_port));
				return 0;
			}
			wr8(w, fr->table_id);
			wrzero(w, 3);
			wr32(w, fr->out_port);
			wr32(w, fr->out_group);
			wrzero(w, 4);
			wr64(w, fr->cookie);
			wr64(w, fr->cookie_mask);
			return of_match_encode(msg->version, &fr->match, w);
		case WEFT_OFPMP_PORT_STATS:
		case WEFT_OFPMP_QUEUE:
			if (v10) {
				wr16(w, weft_of_port_to10(mp->port_no));
				wrzero(w, 2);
			} else {
				wr32(w, mp->port_no);
			}
			if (mp->type == WEFT_OFPMP_QUEUE)
				wr32(w, mp->queue_id);
			else
				wrzero(w, 4);
			return 0;
		case WEFT_OFPMP_GROUP:
			wr32(w, mp->group_id);
			wrzero(w, 4);
			return 0;
		case WEFT_OFPMP_METER:
		case WEFT_OFPMP_METER_CONFIG:
			wr32(w, mp->meter_id);
			wrzero(w, 4);
			return 0;
		}
		return 0;
	}
	switch (mp->type) {
	case WEFT_OFPMP_DESC:
		wr_desc(w, mp->desc.mfr_desc, 256);
		wr_desc(w, mp->desc.hw_desc, 256);
		wr_desc(w, mp->desc.sw_desc, 256);
		wr_desc(w, mp->desc.serial_num, 32);
		wr_desc(w, mp->desc.dp_desc, 256);
		return 0;
	case WEFT_OFPMP_AGGREGATE:
		wr64(w, mp->aggregate.packet_count);
		wr64(w, mp->aggregate.byte_count);
		wr32(w, mp->aggregate.flow_count);
		wrzero(w, 4);
		return 0;
	case WEFT_OFPMP_GROUP_FEATURES:
		wr32(w, mp->group_features.types);
		wr32(w, mp->group_features.capabilities);
		for (i = 0; i < 4; i++)
			wr32(w, mp->group_features.max_groups[i]);
		for (i = 0; i < 4; i++)
			wr32(w, mp->group_features.actions[i]);
		return 0;
	}
	return -EINVAL;
}

static bool is_list(const struct weft_of_msg *msg)
{
	uint16_t t = msg->multipart.type;

	if (msg->type == WEFT_OFPT_MULTIPART_REQUEST)
		return t == WEFT_OFPMP_TABLE_FEATURES;
	return t != WEFT_OFPMP_DESC && t != WEFT_OFPMP_AGGREGATE &&
	       t != WEFT_OFPMP_GROUP_FEATURES &&
	       t != WEFT_OFPMP_EXPERIMENTER;
}

static bool allowed10(uint16_t t)
{
	return t <= WEFT_OFPMP_QUEUE || t == WEFT_OFPMP_EXPERIMENTER;
}

int of_multipart_encode(const struct weft_of_msg *msg, struct of_wr *w)
{
	const struct weft_of_multipart *mp = &msg->multipart;
	uint8_t v = msg->version;
	size_t start, i, e, elen;
	uint8_t *tmp;
	int r;

	if (v == WEFT_OFP10_VERSION && !allowed10(mp->type))
		return -EINVAL;
	if (!is_list(msg)) {
		start = mp_begin(w, msg, mp->flags);
		r = enc_fixed(msg, w);
		if (r)
			return r;
		if (!w->nomem && w->b->len - start > WEFT_OFP_MAX_MSG_LEN)
			return -EINVAL;
		of_end(w, start);
		return 0;
	}
	start = mp_begin(w, msg, mp->flags);
	for (i = 0; i < mp->n; i++) {
		e = w->b->len;
		r = enc_entry(v, mp->type, mp, i, w);
		if (r)
			return r;
		if (w->nomem)
			return 0;
		elen = w->b->len - e;
		if (w->b->len - start <= WEFT_OFP_MAX_MSG_LEN)
			continue;
		/* Too long: close this message before the entry, MORE set. */
		if (e - start == (v == WEFT_OFP10_VERSION ? OF10_ST_HDR :
				  OF13_MP_HDR))
			return -EINVAL;	/* one entry alone is too long */
		tmp = malloc(elen);
		if (!tmp) {
			w->nomem = true;
			return 0;
		}
		memcpy(tmp, w->b->data + e, elen);
		w->b->len = e;
		wrset16(w, start + 10, mp->flags | WEFT_OFPMPF_REPLY_MORE);
		of_end(w, start);
		start = mp_begin(w, msg, mp->flags);
		wrbytes(w, tmp, elen);
		free(tmp);
	}
	of_end(w, start);
	return 0;
}
