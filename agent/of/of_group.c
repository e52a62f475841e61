// SPDX-License-Identifier: GPL-2.0
/*
 * GROUP_MOD and its buckets, METER_MOD and its bands, QUEUE_GET_CONFIG.
 */
#include "of_wire.h"

#define BADLEN(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN)
#define NOMEM(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM)

/* Append one zeroed element to *arr (of *n, capacity *cap). */
static void *push(void *arr, size_t *n, size_t *cap, size_t size)
{
	void **a = arr;
	uint8_t *e;

	if (*n == *cap) {
		void *tmp;

		*cap = *cap ? *cap * 2 : 4;
		tmp = realloc(*a, *cap * size);
		if (!tmp)
			return NULL;
		*a = tmp;
	}
	e = (uint8_t *)*a + *n * size;
	memset(e, 0, size);
	(*n)++;
	return e;
}

int of_buckets_decode(const uint8_t *p, size_t len, struct weft_of_bucket **b,
		      size_t *n, struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	*b = NULL;
	*n = 0;
	while (off < len) {
		struct weft_of_bucket *bk;
		size_t blen;

		if (len - off < 16)
			goto bad;
		blen = rd16(p + off);
		if (blen < 16 || blen % 8 || blen > len - off)
			goto bad;
		bk = push(b, n, &cap, sizeof(*bk));
		if (!bk) {
			NOMEM(err);
			goto fail;
		}
		bk->weight = rd16(p + off + 2);
		bk->watch_port = rd32(p + off + 4);
		bk->watch_group = rd32(p + off + 8);
		if (of_actions_decode(WEFT_OFP13_VERSION, p + off + 16,
				      blen - 16, &bk->actions, &bk->n_actions,
				      err)) {
			(*n)--;
			goto fail;
		}
		off += blen;
	}
	return 0;
bad:
	OF_FAIL(err, WEFT_OFPET_GROUP_MOD_FAILED, WEFT_OFPGMFC_BAD_BUCKET);
fail:
	weft_of_buckets_free(*b, *n);
	*b = NULL;
	*n = 0;
	return -1;
}

int of_buckets_encode(const struct weft_of_bucket *b, size_t n,
		      struct of_wr *w)
{
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		size_t start = w->b->len;

		wr16(w, 0);
		wr16(w, b[i].weight);
		wr32(w, b[i].watch_port);
		wr32(w, b[i].watch_group);
		wrzero(w, 4);
		r = of_actions_encode(WEFT_OFP13_VERSION, b[i].actions,
				      b[i].n_actions, w);
		if (r)
			return r;
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		wrlen16(w, start, start);
	}
	return 0;
}

void weft_of_buckets_free(struct weft_of_bucket *b, size_t n)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < n; i++)
		weft_of_actions_free(b[i].actions, b[i].n_actions);
	free(b);
}

int of_dec_group_mod(uint8_t v, const uint8_t *p, size_t len,
		     struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_group_mod *gm = &m->group_mod;

	(void)v;
	if (len < 8)
		return BADLEN(err);
	gm->command = rd16(p);
	gm->type = p[2];
	gm->group_id = rd32(p + 4);
	return of_buckets_decode(p + 8, len - 8, &gm->buckets, &gm->n_buckets,
				 err);
}

int of_enc_group_mod(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_group_mod *gm = &m->group_mod;

	wr16(w, gm->command);
	wr8(w, gm->type);
	wr8(w, 0);
	wr32(w, gm->group_id);
	return of_buckets_encode(gm->buckets, gm->n_buckets, w);
}

int of_bands_decode(const uint8_t *p, size_t len,
		    struct weft_of_meter_band **b, size_t *n,
		    struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	*b = NULL;
	*n = 0;
	while (off < len) {
		struct weft_of_meter_band *bd;
		uint16_t type;
		size_t blen;

		if (len - off < 16)
			goto bad;
		type = rd16(p + off);
		blen = rd16(p + off + 2);
		if (blen < 16 || blen % 8 || blen > len - off)
			goto bad;
		if (type != WEFT_OFPMBT_EXPERIMENTER && blen != 16)
			goto bad;
		if (type != WEFT_OFPMBT_DROP &&
		    type != WEFT_OFPMBT_DSCP_REMARK &&
		    type != WEFT_OFPMBT_EXPERIMENTER)
			goto bad;
		bd = push(b, n, &cap, sizeof(*bd));
		if (!bd) {
			NOMEM(err);
			goto fail;
		}
		bd->type = type;
		bd->rate = rd32(p + off + 4);
		bd->burst_size = rd32(p + off + 8);
		if (type == WEFT_OFPMBT_DSCP_REMARK)
			bd->prec_level = p[off + 12];
		if (type == WEFT_OFPMBT_EXPERIMENTER) {
			bd->experimenter = rd32(p + off + 12);
			bd->data_len = blen - 16;
			if (bd->data_len) {
				bd->data = of_dup(p + off + 16, bd->data_len);
				if (!bd->data) {
					NOMEM(err);
					goto fail;
				}
			}
		}
		off += blen;
	}
	return 0;
bad:
	OF_FAIL(err, WEFT_OFPET_METER_MOD_FAILED, WEFT_OFPMMFC_BAD_BAND);
fail:
	of_bands_free(*b, *n);
	*b = NULL;
	*n = 0;
	return -1;
}

void of_bands_encode(const struct weft_of_meter_band *b, size_t n,
		     struct of_wr *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t start = w->b->len;

		wr16(w, b[i].type);
		wr16(w, 0);
		wr32(w, b[i].rate);
		wr32(w, b[i].burst_size);
		if (b[i].type == WEFT_OFPMBT_DSCP_REMARK) {
			wr8(w, b[i].prec_level);
			wrzero(w, 3);
		} else if (b[i].type == WEFT_OFPMBT_EXPERIMENTER) {
			wr32(w, b[i].experimenter);
			wrbytes(w, b[i].data, b[i].data_len);
			wrpad8(w, start);
		} else {
			wrzero(w, 4);
		}
		wrlen16(w, start + 2, start);
	}
}

void of_bands_free(struct weft_of_meter_band *b, size_t n)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < n; i++)
		free(b[i].data);
	free(b);
}

int of_dec_meter_mod(uint8_t v, const uint8_t *p, size_t len,
		     struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_meter_mod *mm = &m->meter_mod;

	(void)v;
	if (len < 8)
		return BADLEN(err);
	mm->command = rd16(p);
	mm->flags = rd16(p + 2);
	mm->meter_id = rd32(p + 4);
	return of_bands_decode(p + 8, len - 8, &mm->bands, &mm->n_bands, err);
}

int of_enc_meter_mod(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_meter_mod *mm = &m->meter_mod;

	wr16(w, mm->command);
	wr16(w, mm->flags);
	wr32(w, mm->meter_id);
	of_bands_encode(mm->bands, mm->n_bands, w);
	return 0;
}

int of_dec_queue_get_config_request(uint8_t v, const uint8_t *p, size_t len,
				    struct weft_of_msg *m,
				    struct weft_of_error *err)
{
	if (v == WEFT_OFP10_VERSION) {
		if (len != 4)
			return BADLEN(err);
		m->queue_config.port = weft_of_port_from10(rd16(p));
		return 0;
	}
	if (len != 8)
		return BADLEN(err);
	m->queue_config.port = rd32(p);
	return 0;
}

int of_enc_queue_get_config_request(const struct weft_of_msg *m,
				    struct of_wr *w)
{
	if (m->version == WEFT_OFP10_VERSION) {
		wr16(w, weft_of_port_to10(m->queue_config.port));
		wrzero(w, 2);
	} else {
		wr32(w, m->queue_config.port);
		wrzero(w, 4);
	}
	return 0;
}

static int queue_props_decode(const uint8_t *p, size_t len,
			      struct weft_of_queue *q,
			      struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	while (off < len) {
		struct weft_of_queue_prop *pr;
		size_t plen, body;

		if (len - off < 8)
			return BADLEN(err);
		plen = rd16(p + off + 2);
		if (plen < 8 || plen > len - off)
			return BADLEN(err);
		pr = push(&q->props, &q->n_props, &cap, sizeof(*pr));
		if (!pr)
			return NOMEM(err);
		pr->property = rd16(p + off);
		body = 8;
		switch (pr->property) {
		case WEFT_OFPQT_MIN_RATE:
		case WEFT_OFPQT_MAX_RATE:
			if (plen != 16)
				return BADLEN(err);
			pr->rate = rd16(p + off + 8);
			body = 16;
			break;
		case WEFT_OFPQT_EXPERIMENTER:
			if (plen < 16)
				return BADLEN(err);
			pr->experimenter = rd32(p + off + 8);
			body = 16;
			break;
		}
		pr->data_len = plen - body;
		if (pr->data_len) {
			pr->data = of_dup(p + off + body, pr->data_len);
			if (!pr->data)
				return NOMEM(err);
		}
		off += plen;
	}
	return 0;
}

static void queues_free(struct weft_of_queue *q, size_t n)
{
	size_t i, j;

	if (!q)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < q[i].n_props; j++)
			free(q[i].props[j].data);
		free(q[i].props);
	}
	free(q);
}

void of_queue_config_free(struct weft_of_queue_config *qc)
{
	queues_free(qc->queues, qc->n_queues);
	qc->queues = NULL;
	qc->n_queues = 0;
}

int of_dec_queue_get_config_reply(uint8_t v, const uint8_t *p, size_t len,
				  struct weft_of_msg *m,
				  struct weft_of_error *err)
{
	struct weft_of_queue_config *qc = &m->queue_config;
	bool v10 = v == WEFT_OFP10_VERSION;
	size_t off = 8, cap = 0, qhdr = v10 ? 8 : 16;

	if (len < 8)
		return BADLEN(err);
	qc->port = v10 ? weft_of_port_from10(rd16(p)) : rd32(p);
	while (off < len) {
		struct weft_of_queue *q;
		size_t qlen;

		if (len - off < qhdr)
			goto bad;
		qlen = rd16(p + off + (v10 ? 4 : 8));
		if (qlen < qhdr || qlen > len - off)
			goto bad;
		q = push(&qc->queues, &qc->n_queues, &cap, sizeof(*q));
		if (!q)
			goto nomem;
		q->queue_id = rd32(p + off);
		if (!v10)
			q->port = rd32(p + off + 4);
		if (queue_props_decode(p + off + qhdr, qlen - qhdr, q, err))
			goto fail;
		off += qlen;
	}
	return 0;
bad:
	BADLEN(err);
	goto fail;
nomem:
	NOMEM(err);
fail:
	of_queue_config_free(qc);
	return -1;
}

int of_enc_queue_get_config_reply(const struct weft_of_msg *m,
				  struct of_wr *w)
{
	const struct weft_of_queue_config *qc = &m->queue_config;
	bool v10 = m->version == WEFT_OFP10_VERSION;
	size_t i, j;

	if (v10) {
		wr16(w, weft_of_port_to10(qc->port));
		wrzero(w, 6);
	} else {
		wr32(w, qc->port);
		wrzero(w, 4);
	}
	for (i = 0; i < qc->n_queues; i++) {
		const struct weft_of_queue *q = &qc->queues[i];
		size_t start = w->b->len;

		wr32(w, q->queue_id);
		if (!v10)
			wr32(w, q->port);
		wr16(w, 0);
		wrzero(w, v10 ? 2 : 6);
		for (j = 0; j < q->n_props; j++) {
			const struct weft_of_queue_prop *pr = &q->props[j];
			size_t ps = w->b->len;

			wr16(w, pr->property);
			wr16(w, 0);
			wrzero(w, 4);
			if (pr->property == WEFT_OFPQT_MIN_RATE ||
			    pr->property == WEFT_OFPQT_MAX_RATE) {
				wr16(w, pr->rate);
				wrzero(w, 6);
			} else if (pr->property == WEFT_OFPQT_EXPERIMENTER) {
				wr32(w, pr->experimenter);
				wrzero(w, 4);
			}
			wrbytes(w, pr->data, pr->data_len);
			wrlen16(w, ps + 2, ps);
		}
		wrlen16(w, start + (v10 ? 4 : 8), start);
	}
	return 0;
}
