// SPDX-License-Identifier: GPL-2.0
/*
 * MULTIPART (1.0: STATS) requests and replies, and the splitting of long
 * replies into several messages.
 */
#include "of_wire.h"

#define BADLEN(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN)
#define NOMEM(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM)

static size_t entry_size(uint16_t type)
{
	switch (type) {
	case WEFT_OFPMP_FLOW: return sizeof(struct weft_of_flow_stats);
	case WEFT_OFPMP_TABLE: return sizeof(struct weft_of_table_stats);
	case WEFT_OFPMP_PORT_STATS: return sizeof(struct weft_of_port_stats);
	case WEFT_OFPMP_QUEUE: return sizeof(struct weft_of_queue_stats);
	case WEFT_OFPMP_GROUP: return sizeof(struct weft_of_group_stats);
	case WEFT_OFPMP_GROUP_DESC: return sizeof(struct weft_of_group_desc);
	case WEFT_OFPMP_METER: return sizeof(struct weft_of_meter_stats);
	case WEFT_OFPMP_METER_CONFIG:
		return sizeof(struct weft_of_meter_config);
	case WEFT_OFPMP_METER_FEATURES:
		return sizeof(struct weft_of_meter_features);
	case WEFT_OFPMP_PORT_DESC: return sizeof(struct weft_of_port);
	}
	return 0;
}

/* The array member of @mp that holds entries of @mp->type. */
static void **entries(struct weft_of_multipart *mp)
{
	switch (mp->type) {
	case WEFT_OFPMP_FLOW: return (void **)&mp->flows;
	case WEFT_OFPMP_TABLE: return (void **)&mp->tables;
	case WEFT_OFPMP_PORT_STATS: return (void **)&mp->port_stats;
	case WEFT_OFPMP_QUEUE: return (void **)&mp->queues;
	case WEFT_OFPMP_GROUP: return (void **)&mp->groups;
	case WEFT_OFPMP_GROUP_DESC: return (void **)&mp->group_descs;
	case WEFT_OFPMP_METER: return (void **)&mp->meters;
	case WEFT_OFPMP_METER_CONFIG: return (void **)&mp->meter_configs;
	case WEFT_OFPMP_METER_FEATURES: return (void **)&mp->meter_features;
	case WEFT_OFPMP_PORT_DESC: return (void **)&mp->ports;
	}
	return NULL;
}

/* The wire length of the entry at @p (@avail bytes left); 0 if bad. */
static size_t entry_len(uint8_t v, uint16_t type, const uint8_t *p,
			size_t avail)
{
	bool v10 = v == WEFT_OFP10_VERSION;
	size_t n = 0, min = 0;

	switch (type) {
	case WEFT_OFPMP_FLOW:
		min = v10 ? 88 : 56;
		n = avail >= 2 ? rd16(p) : 0;
		break;
	case WEFT_OFPMP_TABLE: n = min = v10 ? 64 : 24; break;
	case WEFT_OFPMP_PORT_STATS: n = min = v10 ? 104 : 112; break;
	case WEFT_OFPMP_QUEUE: n = min = v10 ? 32 : 40; break;
	case WEFT_OFPMP_GROUP:
		min = 40;
		n = avail >= 2 ? rd16(p) : 0;
		if (n >= min && (n - min) % 16)
			return 0;
		break;
	case WEFT_OFPMP_GROUP_DESC:
	case WEFT_OFPMP_METER_CONFIG:
		min = 8;
		n = avail >= 2 ? rd16(p) : 0;
		break;
	case WEFT_OFPMP_METER:
		min = 40;
		n = avail >= 6 ? rd16(p + 4) : 0;
		if (n >= min && (n - min) % 16)
			return 0;
		break;
	case WEFT_OFPMP_METER_FEATURES: n = min = 16; break;
	case WEFT_OFPMP_PORT_DESC: n = min = OF13_PORT_LEN; break;
	}
	if (n < min || n > avail || n % 8)
		return 0;
	return n;
}

static int entry_decode(uint8_t v, uint16_t type, const uint8_t *p,
			size_t n, void *e, struct weft_of_error *err)
{
	bool v10 = v == WEFT_OFP10_VERSION;
	size_t used, i;

	switch (type) {
	case WEFT_OFPMP_FLOW: {
		struct weft_of_flow_stats *f = e;
		const uint8_t *q;

		f->table_id = p[2];
		if (v10) {
			of_match_decode(v, p + 4, 40, &used, &f->match, err);
			q = p + 44;
			f->duration_sec = rd32(q);
			f->duration_nsec = rd32(q + 4);
			f->priority = rd16(q + 8);
			f->idle_timeout = rd16(q + 10);
			f->hard_timeout = rd16(q + 12);
			f->cookie = rd64(q + 20);
			f->packet_count = rd64(q + 28);
			f->byte_count = rd64(q + 36);
			return of_insts_decode(v, p + 88, n - 88, &f->insts,
					       &f->n_insts, err);
		}
		f->duration_sec = rd32(p + 4);
		f->duration_nsec = rd32(p + 8);
		f->priority = rd16(p + 12);
		f->idle_timeout = rd16(p + 14);
		f->hard_timeout = rd16(p + 16);
		f->flags = rd16(p + 18);
		f->cookie = rd64(p + 24);
		f->packet_count = rd64(p + 32);
		f->byte_count = rd64(p + 40);
		if (of_match_decode(v, p + 48, n - 48, &used, &f->match, err))
			return -1;
		if (of_insts_decode(v, p + 48 + used, n - 48 - used,
				    &f->insts, &f->n_insts, err)) {
			weft_of_match_free(&f->match);
			return -1;
		}
		return 0;
	}
	case WEFT_OFPMP_TABLE: {
		struct weft_of_table_stats *t = e;

		t->table_id = p[0];
		if (v10) {
			memcpy(t->name, p + 4, 32);
			t->wildcards = rd32(p + 36);
			t->max_entries = rd32(p + 40);
			t->active_count = rd32(p + 44);
			t->lookup_count = rd64(p + 48);
			t->matched_count = rd64(p + 56);
		} else {
			t->active_count = rd32(p + 4);
			t->lookup_count = rd64(p + 8);
			t->matched_count = rd64(p + 16);
		}
		return 0;
	}
	case WEFT_OFPMP_PORT_STATS: {
		struct weft_of_port_stats *s = e;
		uint64_t *c[] = { &s->rx_packets, &s->tx_packets, &s->rx_bytes,
				  &s->tx_bytes, &s->rx_dropped, &s->tx_dropped,
				  &s->rx_errors, &s->tx_errors,
				  &s->rx_frame_err, &s->rx_over_err,
				  &s->rx_crc_err, &s->collisions };

		s->port_no = v10 ? weft_of_port_from10(rd16(p)) : rd32(p);
		for (i = 0; i < 12; i++)
			*c[i] = rd64(p + 8 + 8 * i);
		if (!v10) {
			s->duration_sec = rd32(p + 104);
			s->duration_nsec = rd32(p + 108);
		}
		return 0;
	}
	case WEFT_OFPMP_QUEUE: {
		struct weft_of_queue_stats *s = e;

		s->port_no = v10 ? weft_of_port_from10(rd16(p)) : rd32(p);
		s->queue_id = rd32(p + 4);
		s->tx_bytes = rd64(p + 8);
		s->tx_packets = rd64(p + 16);
		s->tx_errors = rd64(p + 24);
		if (!v10) {
			s->duration_sec = rd32(p + 32);
			s->duration_nsec = rd32(p + 36);
		}
		return 0;
	}
	case WEFT_OFPMP_GROUP: {
		struct weft_of_group_stats *g = e;

		g->group_id = rd32(p + 4);
		g->ref_count = rd32(p + 8);
		g->packet_count = rd64(p + 16);
		g->byte_count = rd64(p + 24);
		g->duration_sec = rd32(p + 32);
		g->duration_nsec = rd32(p + 36);
		g->n_buckets = (n - 40) / 16;
		if (!g->n_buckets)
			return 0;
		g->buckets = calloc(g->n_buckets, sizeof(*g->buckets));
		if (!g->buckets)
			return NOMEM(err);
		for (i = 0; i < g->n_buckets; i++) {
			g->buckets[i].packet_count = rd64(p + 40 + 16 * i);
			g->buckets[i].byte_count = rd64(p + 48 + 16 * i);
		}
		return 0;
	}
	case WEFT_OFPMP_GROUP_DESC: {
		struct weft_of_group_desc *g = e;

		g->type = p[2];
		g->group_id = rd32(p + 4);
		return of_buckets_decode(p + 8, n - 8, &g->buckets,
					 &g->n_buckets, err);
	}
	case WEFT_OFPMP_METER: {
		struct weft_of_meter_stats *s = e;

		s->meter_id = rd32(p);
		s->flow_count = rd32(p + 12);
		s->packet_in_count = rd64(p + 16);
		s->byte_in_count = rd64(p + 24);
		s->duration_sec = rd32(p + 32);
		s->duration_nsec = rd32(p + 36);
		s->n_bands = (n - 40) / 16;
		if (!s->n_bands)
			return 0;
		s->bands = calloc(s->n_bands, sizeof(*s->bands));
		if (!s->bands)
			return NOMEM(err);
		for (i = 0; i < s->n_bands; i++) {
			s->bands[i].packet_band_count = rd64(p + 40 + 16 * i);
			s->bands[i].byte_band_count = rd64(p + 48 + 16 * i);
		}
		return 0;
	}
	case WEFT_OFPMP_METER_CONFIG: {
		struct weft_of_meter_config *c = e;

		c->flags = rd16(p + 2);
		c->meter_id = rd32(p + 4);
		return of_bands_decode(p + 8, n - 8, &c->bands, &c->n_bands,
				       err);
	}
	case WEFT_OFPMP_METER_FEATURES: {
		struct weft_of_meter_features *f = e;

		f->max_meter = rd32(p);
		f->band_types = rd32(p + 4);
		f->capabilities = rd32(p + 8);
		f->max_bands = p[12];
		f->max_color = p[13];
		return 0;
	}
	case WEFT_OFPMP_PORT_DESC:
		return of_port_decode(v, p, e);
	}
	return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_MULTIPART);
}

static void entry_free(uint16_t type, void *e)
{
	switch (type) {
	case WEFT_OFPMP_FLOW: {
		struct weft_of_flow_stats *f = e;

		weft_of_match_free(&f->match);
		weft_of_insts_free(f->insts, f->n_insts);
		break;
	}
	case WEFT_OFPMP_GROUP:
		free(((struct weft_of_group_stats *)e)->buckets);
		break;
	case WEFT_OFPMP_GROUP_DESC: {
		struct weft_of_group_desc *g = e;

		weft_of_buckets_free(g->buckets, g->n_buckets);
		break;
	}
	case WEFT_OFPMP_METER:
		free(((struct weft_of_meter_stats *)e)->bands);
		break;
	case WEFT_OFPMP_METER_CONFIG: {
		struct weft_of_meter_config *c = e;

		of_bands_free(c->bands, c->n_bands);
		break;
	}
	}
}

void of_multipart_free(struct weft_of_multipart *mp)
{
	void **arr = entries(mp);
	size_t i;

	weft_of_match_free(&mp->flow_req.match);
	if (mp->type == WEFT_OFPMP_TABLE_FEATURES) {
		of_table_features_free(mp->table_features, mp->n);
		mp->table_features = NULL;
	} else if (arr && *arr) {
		for (i = 0; i < mp->n; i++)
			entry_free(mp->type,
				   (uint8_t *)*arr + i * entry_size(mp->type));
		free(*arr);
		*arr = NULL;
	}
	mp->n = 0;
	free(mp->data);
	mp->data = NULL;
}

static int list_decode(uint8_t v, const uint8_t *p, size_t len,
		       struct weft_of_multipart *mp, struct weft_of_error *err)
{
	void **arr = entries(mp);
	size_t size = entry_size(mp->type), off = 0, cap = 0;

	while (off < len) {
		size_t n = entry_len(v, mp->type, p + off, len - off);
		void *e;

		if (!n)
			return BADLEN(err);
		if (mp->n == cap) {
			void *tmp;

			cap = cap ? cap * 2 : 4;
			tmp = realloc(*arr, cap * size);
			if (!tmp)
				return NOMEM(err);
			*arr = tmp;
		}
		e = (uint8_t *)*arr + mp->n * size;
		memset(e, 0, size);
		if (entry_decode(v, mp->type, p + off, n, e, err))
			return -1;
		mp->n++;
		off += n;
	}
	return 0;
}

static int exp_decode(uint8_t v, const uint8_t *p, size_t len,
		      struct weft_of_multipart *mp, struct weft_of_error *err)
{
	size_t hdr = v == WEFT_OFP10_VERSION ? 4 : 8;

	if (len < hdr)
		return BADLEN(err);
	mp->experimenter = rd32(p);
	if (hdr == 8)
		mp->exp_type = rd32(p + 4);
	mp->data_len = len - hdr;
	mp->data = of_dup(p + hdr, mp->data_len);
	return mp->data_len && !mp->data ? NOMEM(err) : 0;
}

static int request_decode(uint8_t v, const uint8_t *p, size_t len,
			  struct weft_of_multipart *mp,
			  struct weft_of_error *err)
{
	bool v10 = v == WEFT_OFP10_VERSION;
	struct weft_of_flow_stats_request *fr = &mp->flow_req;
	size_t used;

	switch (mp->type) {
	case WEFT_OFPMP_DESC:
	case WEFT_OFPMP_TABLE:
		return len ? BADLEN(err) : 0;
	case WEFT_OFPMP_FLOW:
	case WEFT_OFPMP_AGGREGATE:
		if (v10) {
			if (len != 44)
				return BADLEN(err);
			of_match_decode(v, p, len, &used, &fr->match, err);
			fr->table_id = p[40];
			fr->out_port = weft_of_port_from10(rd16(p + 42));
			return 0;
		}
		if (len < 32)
			return BADLEN(err);
		fr->table_id = p[0];
		fr->out_port = rd32(p + 4);
		fr->out_group = rd32(p + 8);
		fr->cookie = rd64(p + 16);
		fr->cookie_mask = rd64(p + 24);
		if (of_match_decode(v, p + 32, len - 32, &used, &fr->match,
				    err))
			return -1;
		return used == len - 32 ? 0 : BADLEN(err);
	case WEFT_OFPMP_PORT_STATS:
		if (len != 8)
			return BADLEN(err);
		mp->port_no = v10 ? weft_of_port_from10(rd16(p)) : rd32(p);
		return 0;
	case WEFT_OFPMP_QUEUE:
		if (len != 8)
			return BADLEN(err);
		mp->port_no = v10 ? weft_of_port_from10(rd16(p)) : rd32(p);
		mp->queue_id = rd32(p + 4);
		return 0;
	case WEFT_OFPMP_EXPERIMENTER:
		if (exp_decode(v, p, len, mp, err))
			return -1;
		/* Nicira's and ONF's requests (flow monitors...): not here. */
		if (mp->experimenter == WEFT_OF_NX_VENDOR_ID ||
		    mp->experimenter == WEFT_OF_ONF_VENDOR_ID)
			return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
				       WEFT_OFPBRC_BAD_EXPERIMENTER);
		return 0;
	}
	if (v10)
		goto bad;
	switch (mp->type) {
	case WEFT_OFPMP_GROUP_DESC:
	case WEFT_OFPMP_GROUP_FEATURES:
	case WEFT_OFPMP_METER_FEATURES:
	case WEFT_OFPMP_PORT_DESC:
		return len ? BADLEN(err) : 0;
	case WEFT_OFPMP_GROUP:
		if (len != 8)
			return BADLEN(err);
		mp->group_id = rd32(p);
		return 0;
	case WEFT_OFPMP_METER:
	case WEFT_OFPMP_METER_CONFIG:
		if (len != 8)
			return BADLEN(err);
		mp->meter_id = rd32(p);
		return 0;
	case WEFT_OFPMP_TABLE_FEATURES:
		return of_table_features_decode(p, len, &mp->table_features,
						&mp->n, err);
	}
bad:
	return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_MULTIPART);
}

static void desc_str(char *dst, const uint8_t *p, size_t n)
{
	memcpy(dst, p, n);
}

static int reply_decode(uint8_t v, const uint8_t *p, size_t len,
			struct weft_of_multipart *mp, struct weft_of_error *err)
{
	bool v10 = v == WEFT_OFP10_VERSION;

	switch (mp->type) {
	case WEFT_OFPMP_DESC:
		if (len != 1056)
			return BADLEN(err);
		desc_str(mp->desc.mfr_desc, p, 256);
		desc_str(mp->desc.hw_desc, p + 256, 256);
		desc_str(mp->desc.sw_desc, p + 512, 256);
		desc_str(mp->desc.serial_num, p + 768, 32);
		desc_str(mp->desc.dp_desc, p + 800, 256);
		return 0;
	case WEFT_OFPMP_AGGREGATE:
		if (len != 24)
			return BADLEN(err);
		mp->aggregate.packet_count = rd64(p);
		mp->aggregate.byte_count = rd64(p + 8);
		mp->aggregate.flow_count = rd32(p + 16);
		return 0;
	case WEFT_OFPMP_EXPERIMENTER:
		return exp_decode(v, p, len, mp, err);
	case WEFT_OFPMP_FLOW:
	case WEFT_OFPMP_TABLE:
	case WEFT_OFPMP_PORT_STATS:
	case WEFT_OFPMP_QUEUE:
		return list_decode(v, p, len, mp, err);
	}
	if (v10)
		goto bad;
	switch (mp->type) {
	case WEFT_OFPMP_GROUP_FEATURES: {
		struct weft_of_group_features *g = &mp->group_features;
		int i;

		if (len != 40)
			return BADLEN(err);
		g->types = rd32(p);
		g->capabilities = rd32(p + 4);
		for (i = 0; i < 4; i++) {
			g->max_groups[i] = rd32(p + 8 + 4 * i);
			g->actions[i] = rd32(p + 24 + 4 * i);
		}
		return 0;
	}
	case WEFT_OFPMP_TABLE_FEATURES:
		return of_table_features_decode(p, len, &mp->table_features,
						&mp->n, err);
	case WEFT_OFPMP_GROUP:
	case WEFT_OFPMP_GROUP_DESC:
	case WEFT_OFPMP_METER:
	case WEFT_OFPMP_METER_CONFIG:
	case WEFT_OFPMP_METER_FEATURES:
	case WEFT_OFPMP_PORT_DESC:
		return list_decode(v, p, len, mp, err);
	}
bad:
	return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_MULTIPART);
}

int of_multipart_decode(uint8_t v, bool reply, const uint8_t *p, size_t len,
			struct weft_of_multipart *mp, struct weft_of_error *err)
{
	size_t hdr = v == WEFT_OFP10_VERSION ? 4 : 8;
	int r;

	if (len < hdr)
		return BADLEN(err);
	mp->type = rd16(p);
	mp->flags = rd16(p + 2);
	r = reply ? reply_decode(v, p + hdr, len - hdr, mp, err) :
		    request_decode(v, p + hdr, len - hdr, mp, err);
	if (r)
		of_multipart_free(mp);
	return r;
}
