// SPDX-License-Identifier: GPL-2.0
/*
 * Whole messages: the header, dispatch to the body codecs, the small
 * messages, freeing, and the buffer.
 */
#include "of_wire.h"

#define BADLEN(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN)
#define NOMEM(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM)

void weft_of_buf_init(struct weft_of_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void weft_of_buf_free(struct weft_of_buf *b)
{
	free(b->data);
	weft_of_buf_init(b);
}

void weft_of_buf_reset(struct weft_of_buf *b)
{
	b->len = 0;
}

int weft_of_buf_reserve(struct weft_of_buf *b, size_t n)
{
	size_t cap;
	uint8_t *d;

	if (b->cap - b->len >= n)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2)
			return -ENOMEM;
		cap *= 2;
	}
	d = realloc(b->data, cap);
	if (!d)
		return -ENOMEM;
	b->data = d;
	b->cap = cap;
	return 0;
}

size_t of_begin(struct of_wr *w, uint8_t version, uint8_t type, uint32_t xid)
{
	size_t start = w->b->len;

	wr8(w, version);
	wr8(w, (uint8_t)of_type_to_wire(version, type));
	wr16(w, 0);
	wr32(w, xid);
	return start;
}

void of_end(struct of_wr *w, size_t start)
{
	wrlen16(w, start + 2, start);
}

size_t weft_of_msg_len(const void *buf, size_t avail)
{
	const uint8_t *p = buf;

	return avail < OF_HDR ? 0 : rd16(p + 2);
}

static int dup_into(const uint8_t *p, size_t n, uint8_t **d, size_t *dl,
		    struct weft_of_error *err)
{
	*dl = n;
	*d = of_dup(p, n);
	return n && !*d ? NOMEM(err) : 0;
}

static int hello_decode(const uint8_t *p, size_t len, struct weft_of_hello *h,
			struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	while (off < len) {
		struct weft_of_hello_elem *e;
		size_t elen, i;

		if (len - off < 4)
			return BADLEN(err);
		elen = rd16(p + off + 2);
		if (elen < 4 || elen > len - off)
			return BADLEN(err);
		if (h->n_elems == cap) {
			void *tmp;

			cap = cap ? cap * 2 : 2;
			tmp = realloc(h->elems, cap * sizeof(*h->elems));
			if (!tmp)
				return NOMEM(err);
			h->elems = tmp;
		}
		e = &h->elems[h->n_elems++];
		memset(e, 0, sizeof(*e));
		e->type = rd16(p + off);
		if (e->type == WEFT_OFPHET_VERSIONBITMAP) {
			if ((elen - 4) % 4)
				return BADLEN(err);
			e->n_bitmaps = (elen - 4) / 4;
			if (e->n_bitmaps) {
				e->bitmaps = calloc(e->n_bitmaps, 4);
				if (!e->bitmaps)
					return NOMEM(err);
			}
			for (i = 0; i < e->n_bitmaps; i++)
				e->bitmaps[i] = rd32(p + off + 4 + 4 * i);
		} else if (dup_into(p + off + 4, elen - 4, &e->data,
				    &e->data_len, err)) {
			return -1;
		}
		/* The padding of the last element may be missing. */
		elen = (elen + 7) / 8 * 8;
		off += elen < len - off ? elen : len - off;
	}
	return 0;
}

static void hello_encode(const struct weft_of_hello *h, struct of_wr *w)
{
	size_t i, j;

	for (i = 0; i < h->n_elems; i++) {
		const struct weft_of_hello_elem *e = &h->elems[i];
		size_t start = w->b->len;

		wr16(w, e->type);
		wr16(w, 0);
		if (e->type == WEFT_OFPHET_VERSIONBITMAP)
			for (j = 0; j < e->n_bitmaps; j++)
				wr32(w, e->bitmaps[j]);
		else
			wrbytes(w, e->data, e->data_len);
		wrlen16(w, start + 2, start);
		wrpad8(w, start);
	}
}

static int error_decode(uint8_t v, const uint8_t *p, size_t len,
			struct weft_of_error_msg *e, struct weft_of_error *err)
{
	size_t hdr = 4;

	if (len < 4)
		return BADLEN(err);
	e->type = rd16(p);
	e->code = rd16(p + 2);
	if (v == WEFT_OFP10_VERSION) {
		if (!weft_of_error_from10(e->type, e->code, &e->type,
					  &e->code))
			e->of10_raw = true;
	} else if (e->type == WEFT_OFPET_EXPERIMENTER) {
		if (len < 8)
			return BADLEN(err);
		e->exp_type = e->code;
		e->code = 0;
		e->experimenter = rd32(p + 4);
		hdr = 8;
	}
	return dup_into(p + hdr, len - hdr, &e->data, &e->data_len, err);
}

static int error_encode(uint8_t v, const struct weft_of_error_msg *e,
			struct of_wr *w)
{
	uint16_t t = e->type, c = e->code;

	if (v == WEFT_OFP10_VERSION) {
		if (!e->of10_raw)
			of_error_nearest10(e->type, e->code, &t, &c);
		wr16(w, t);
		wr16(w, c);
	} else if (e->type == WEFT_OFPET_EXPERIMENTER) {
		wr16(w, e->type);
		wr16(w, e->exp_type);
		wr32(w, e->experimenter);
	} else {
		if (e->of10_raw)
			return -EINVAL;
		wr16(w, t);
		wr16(w, c);
	}
	wrbytes(w, e->data, e->data_len);
	return 0;
}

static int empty(size_t len, struct weft_of_error *err)
{
	return len ? BADLEN(err) : 0;
}

static int body_decode(uint8_t v, uint8_t type, const uint8_t *p, size_t len,
		       struct weft_of_msg *m, struct weft_of_error *err)
{
	bool v10 = v == WEFT_OFP10_VERSION;
	int i;

	switch (type) {
	case WEFT_OFPT_HELLO:
		return hello_decode(p, len, &m->hello, err);
	case WEFT_OFPT_ERROR:
		return error_decode(v, p, len, &m->error, err);
	case WEFT_OFPT_ECHO_REQUEST:
	case WEFT_OFPT_ECHO_REPLY:
		return dup_into(p, len, &m->echo.data, &m->echo.data_len, err);
	case WEFT_OFPT_EXPERIMENTER: {
		size_t hdr = v10 ? 4 : 8;

		if (len < hdr)
			return BADLEN(err);
		m->experimenter.experimenter = rd32(p);
		if (!v10)
			m->experimenter.exp_type = rd32(p + 4);
		return dup_into(p + hdr, len - hdr, &m->experimenter.data,
				&m->experimenter.data_len, err);
	}
	case WEFT_OFPT_FEATURES_REQUEST:
	case WEFT_OFPT_GET_CONFIG_REQUEST:
	case WEFT_OFPT_BARRIER_REQUEST:
	case WEFT_OFPT_BARRIER_REPLY:
	case WEFT_OFPT_GET_ASYNC_REQUEST:
		return empty(len, err);
	case WEFT_OFPT_FEATURES_REPLY:
		return of_dec_features_reply(v, p, len, m, err);
	case WEFT_OFPT_GET_CONFIG_REPLY:
	case WEFT_OFPT_SET_CONFIG:
		if (len != 4)
			return BADLEN(err);
		m->config.flags = rd16(p);
		m->config.miss_send_len = rd16(p + 2);
		return 0;
	case WEFT_OFPT_PACKET_IN:
		return of_dec_packet_in(v, p, len, m, err);
	case WEFT_OFPT_FLOW_REMOVED:
		return of_dec_flow_removed(v, p, len, m, err);
	case WEFT_OFPT_PORT_STATUS:
		return of_dec_port_status(v, p, len, m, err);
	case WEFT_OFPT_PACKET_OUT:
		return of_dec_packet_out(v, p, len, m, err);
	case WEFT_OFPT_FLOW_MOD:
		return of_dec_flow_mod(v, p, len, m, err);
	case WEFT_OFPT_GROUP_MOD:
		return of_dec_group_mod(v, p, len, m, err);
	case WEFT_OFPT_PORT_MOD:
		return of_dec_port_mod(v, p, len, m, err);
	case WEFT_OFPT_TABLE_MOD:
		return of_dec_table_mod(v, p, len, m, err);
	case WEFT_OFPT_MULTIPART_REQUEST:
	case WEFT_OFPT_MULTIPART_REPLY:
		return of_multipart_decode(v,
					   type == WEFT_OFPT_MULTIPART_REPLY,
					   p, len, &m->multipart, err);
	case WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST:
		return of_dec_queue_get_config_request(v, p, len, m, err);
	case WEFT_OFPT_QUEUE_GET_CONFIG_REPLY:
		return of_dec_queue_get_config_reply(v, p, len, m, err);
	case WEFT_OFPT_ROLE_REQUEST:
	case WEFT_OFPT_ROLE_REPLY:
		if (len != 16)
			return BADLEN(err);
		m->role.role = rd32(p);
		m->role.generation_id = rd64(p + 8);
		return 0;
	case WEFT_OFPT_GET_ASYNC_REPLY:
	case WEFT_OFPT_SET_ASYNC:
		if (len != 24)
			return BADLEN(err);
		for (i = 0; i < 2; i++) {
			m->async.packet_in_mask[i] = rd32(p + 4 * i);
			m->async.port_status_mask[i] = rd32(p + 8 + 4 * i);
			m->async.flow_removed_mask[i] = rd32(p + 16 + 4 * i);
		}
		return 0;
	case WEFT_OFPT_METER_MOD:
		return of_dec_meter_mod(v, p, len, m, err);
	}
	return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_TYPE);
}

int weft_of_decode(const void *buf, size_t len, struct weft_of_msg *msg,
		   struct weft_of_error *err)
{
	const uint8_t *p = buf;
	uint8_t type;
	int r;

	memset(msg, 0, sizeof(*msg));
	if (len < OF_HDR || rd16(p + 2) != len)
		return BADLEN(err);
	msg->version = p[0];
	msg->xid = rd32(p + 4);
	type = p[1];
	if (type != WEFT_OFPT_HELLO && msg->version != WEFT_OFP10_VERSION &&
	    msg->version != WEFT_OFP13_VERSION)
		return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
			       WEFT_OFPBRC_BAD_VERSION);
	r = weft_of_type_from_wire(msg->version, type);
	if (r < 0)
		return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
			       WEFT_OFPBRC_BAD_TYPE);
	type = r;
	msg->type = type;
	r = body_decode(msg->version, type, p + OF_HDR, len - OF_HDR, msg,
			err);
	if (r) {
		weft_of_msg_free(msg);
		msg->type = type;
	}
	return r;
}

static int body_encode(const struct weft_of_msg *m, struct of_wr *w)
{
	bool v10 = m->version == WEFT_OFP10_VERSION;
	int i;

	switch (m->type) {
	case WEFT_OFPT_HELLO:
		hello_encode(&m->hello, w);
		return 0;
	case WEFT_OFPT_ERROR:
		return error_encode(m->version, &m->error, w);
	case WEFT_OFPT_ECHO_REQUEST:
	case WEFT_OFPT_ECHO_REPLY:
		wrbytes(w, m->echo.data, m->echo.data_len);
		return 0;
	case WEFT_OFPT_EXPERIMENTER:
		wr32(w, m->experimenter.experimenter);
		if (!v10)
			wr32(w, m->experimenter.exp_type);
		wrbytes(w, m->experimenter.data, m->experimenter.data_len);
		return 0;
	case WEFT_OFPT_FEATURES_REQUEST:
	case WEFT_OFPT_GET_CONFIG_REQUEST:
	case WEFT_OFPT_BARRIER_REQUEST:
	case WEFT_OFPT_BARRIER_REPLY:
	case WEFT_OFPT_GET_ASYNC_REQUEST:
		return 0;
	case WEFT_OFPT_FEATURES_REPLY:
		return of_enc_features_reply(m, w);
	case WEFT_OFPT_GET_CONFIG_REPLY:
	case WEFT_OFPT_SET_CONFIG:
		wr16(w, m->config.flags);
		wr16(w, m->config.miss_send_len);
		return 0;
	case WEFT_OFPT_PACKET_IN:
		return of_enc_packet_in(m, w);
	case WEFT_OFPT_FLOW_REMOVED:
		return of_enc_flow_removed(m, w);
	case WEFT_OFPT_PORT_STATUS:
		return of_enc_port_status(m, w);
	case WEFT_OFPT_PACKET_OUT:
		return of_enc_packet_out(m, w);
	case WEFT_OFPT_FLOW_MOD:
		return of_enc_flow_mod(m, w);
	case WEFT_OFPT_GROUP_MOD:
		return of_enc_group_mod(m, w);
	case WEFT_OFPT_PORT_MOD:
		return of_enc_port_mod(m, w);
	case WEFT_OFPT_TABLE_MOD:
		return of_enc_table_mod(m, w);
	case WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST:
		return of_enc_queue_get_config_request(m, w);
	case WEFT_OFPT_QUEUE_GET_CONFIG_REPLY:
		return of_enc_queue_get_config_reply(m, w);
	case WEFT_OFPT_ROLE_REQUEST:
	case WEFT_OFPT_ROLE_REPLY:
		wr32(w, m->role.role);
		wrzero(w, 4);
		wr64(w, m->role.generation_id);
		return 0;
	case WEFT_OFPT_GET_ASYNC_REPLY:
	case WEFT_OFPT_SET_ASYNC:
		for (i = 0; i < 2; i++)
			wr32(w, m->async.packet_in_mask[i]);
		for (i = 0; i < 2; i++)
			wr32(w, m->async.port_status_mask[i]);
		for (i = 0; i < 2; i++)
			wr32(w, m->async.flow_removed_mask[i]);
		return 0;
	case WEFT_OFPT_METER_MOD:
		return of_enc_meter_mod(m, w);
	}
	return -EINVAL;
}

int weft_of_type_from_wire(uint8_t version, uint8_t type)
{
	if (version == WEFT_OFP10_VERSION) {
		if (type > WEFT_OFPT10_MAX)
			return -1;
		/* 1.0 lacks GROUP_MOD and the two before PORT_MOD's 1.3 place. */
		if (type == WEFT_OFPT10_PORT_MOD)
			return WEFT_OFPT_PORT_MOD;
		return type > WEFT_OFPT10_PORT_MOD ? type + 2 : type;
	}
	return type > WEFT_OFPT_MAX ? -1 : type;
}

int weft_of_encode(const struct weft_of_msg *msg, struct weft_of_buf *out)
{
	struct of_wr w = { .b = out };
	size_t orig = out->len, start;
	int r;

	if (of_type_to_wire(msg->version, msg->type) < 0 ||
	    (msg->version != WEFT_OFP10_VERSION &&
	     msg->version != WEFT_OFP13_VERSION &&
	     msg->type != WEFT_OFPT_HELLO))
		return -EINVAL;
	if (msg->type == WEFT_OFPT_MULTIPART_REQUEST ||
	    msg->type == WEFT_OFPT_MULTIPART_REPLY) {
		r = of_multipart_encode(msg, &w);
	} else {
		start = of_begin(&w, msg->version, msg->type, msg->xid);
		r = body_encode(msg, &w);
		if (!r && !w.nomem && out->len - start > WEFT_OFP_MAX_MSG_LEN)
			r = -EINVAL;
		of_end(&w, start);
	}
	if (!r && w.nomem)
		r = -ENOMEM;
	if (r)
		out->len = orig;
	return r;
}

static void hello_free(struct weft_of_hello *h)
{
	size_t i;

	for (i = 0; i < h->n_elems; i++) {
		free(h->elems[i].bitmaps);
		free(h->elems[i].data);
	}
	free(h->elems);
}

void weft_of_msg_free(struct weft_of_msg *m)
{
	switch (m->type) {
	case WEFT_OFPT_HELLO:
		hello_free(&m->hello);
		break;
	case WEFT_OFPT_ERROR:
		free(m->error.data);
		break;
	case WEFT_OFPT_ECHO_REQUEST:
	case WEFT_OFPT_ECHO_REPLY:
		free(m->echo.data);
		break;
	case WEFT_OFPT_EXPERIMENTER:
		free(m->experimenter.data);
		break;
	case WEFT_OFPT_FEATURES_REPLY:
		free(m->features.ports);
		break;
	case WEFT_OFPT_PACKET_IN:
		weft_of_match_free(&m->packet_in.match);
		free(m->packet_in.data);
		break;
	case WEFT_OFPT_FLOW_REMOVED:
		weft_of_match_free(&m->flow_removed.match);
		break;
	case WEFT_OFPT_PACKET_OUT:
		weft_of_actions_free(m->packet_out.actions,
				     m->packet_out.n_actions);
		free(m->packet_out.data);
		break;
	case WEFT_OFPT_FLOW_MOD:
		weft_of_match_free(&m->flow_mod.match);
		weft_of_insts_free(m->flow_mod.insts, m->flow_mod.n_insts);
		break;
	case WEFT_OFPT_GROUP_MOD:
		weft_of_buckets_free(m->group_mod.buckets,
				     m->group_mod.n_buckets);
		break;
	case WEFT_OFPT_MULTIPART_REQUEST:
	case WEFT_OFPT_MULTIPART_REPLY:
		of_multipart_free(&m->multipart);
		break;
	case WEFT_OFPT_QUEUE_GET_CONFIG_REPLY:
		of_queue_config_free(&m->queue_config);
		break;
	case WEFT_OFPT_METER_MOD:
		of_bands_free(m->meter_mod.bands, m->meter_mod.n_bands);
		break;
	}
	memset(m, 0, sizeof(*m));
}
