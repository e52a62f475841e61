// SPDX-License-Identifier: GPL-2.0
/*
 * Flow and port messages: PACKET_IN, FLOW_REMOVED, PORT_STATUS,
 * PACKET_OUT, FLOW_MOD, PORT_MOD, TABLE_MOD, FEATURES_REPLY and the
 * ofp_port structure they share.
 */
#include "of_wire.h"

#define BADLEN(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN)
#define NOMEM(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM)

static int dup_data(const uint8_t *p, size_t n, uint8_t **data, size_t *len,
		    struct weft_of_error *err)
{
	*len = n;
	*data = of_dup(p, n);
	return n && !*data ? NOMEM(err) : 0;
}

int of_port_decode(uint8_t version, const uint8_t *p, struct weft_of_port *pt)
{
	memset(pt, 0, sizeof(*pt));
	if (version == WEFT_OFP10_VERSION) {
		pt->port_no = weft_of_port_from10(rd16(p));
		memcpy(pt->hw_addr, p + 2, 6);
		memcpy(pt->name, p + 8, 16);
		p += 24;
	} else {
		pt->port_no = rd32(p);
		memcpy(pt->hw_addr, p + 8, 6);
		memcpy(pt->name, p + 16, 16);
		p += 32;
	}
	pt->config = rd32(p);
	pt->state = rd32(p + 4);
	pt->curr = rd32(p + 8);
	pt->advertised = rd32(p + 12);
	pt->supported = rd32(p + 16);
	pt->peer = rd32(p + 20);
	if (version != WEFT_OFP10_VERSION) {
		pt->curr_speed = rd32(p + 24);
		pt->max_speed = rd32(p + 28);
	}
	return 0;
}

void of_port_encode(uint8_t version, const struct weft_of_port *pt,
		    struct of_wr *w)
{
	if (version == WEFT_OFP10_VERSION) {
		wr16(w, weft_of_port_to10(pt->port_no));
		wrbytes(w, pt->hw_addr, 6);
	} else {
		wr32(w, pt->port_no);
		wrzero(w, 4);
		wrbytes(w, pt->hw_addr, 6);
		wrzero(w, 2);
	}
	wrbytes(w, pt->name, 16);
	wr32(w, pt->config);
	wr32(w, pt->state);
	wr32(w, pt->curr);
	wr32(w, pt->advertised);
	wr32(w, pt->supported);
	wr32(w, pt->peer);
	if (version != WEFT_OFP10_VERSION) {
		wr32(w, pt->curr_speed);
		wr32(w, pt->max_speed);
	}
}

int of_dec_packet_in(uint8_t v, const uint8_t *p, size_t len,
		     struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_packet_in *pi = &m->packet_in;
	size_t used;

	if (v == WEFT_OFP10_VERSION) {
		if (len < 10)
			return BADLEN(err);
		pi->buffer_id = rd32(p);
		pi->total_len = rd16(p + 4);
		pi->in_port = weft_of_port_from10(rd16(p + 6));
		pi->reason = p[8];
		return dup_data(p + 10, len - 10, &pi->data, &pi->data_len,
				err);
	}
	if (len < 16)
		return BADLEN(err);
	pi->buffer_id = rd32(p);
	pi->total_len = rd16(p + 4);
	pi->reason = p[6];
	pi->table_id = p[7];
	pi->cookie = rd64(p + 8);
	if (of_match_decode(v, p + 16, len - 16, &used, &pi->match, err))
		return -1;
	if (len - 16 - used < 2) {
		weft_of_match_free(&pi->match);
		return BADLEN(err);
	}
	return dup_data(p + 16 + used + 2, len - 16 - used - 2, &pi->data,
			&pi->data_len, err);
}

int of_enc_packet_in(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_packet_in *pi = &m->packet_in;
	int r;

	wr32(w, pi->buffer_id);
	wr16(w, pi->total_len);
	if (m->version == WEFT_OFP10_VERSION) {
		wr16(w, weft_of_port_to10(pi->in_port));
		wr8(w, pi->reason);
		wr8(w, 0);
	} else {
		wr8(w, pi->reason);
		wr8(w, pi->table_id);
		wr64(w, pi->cookie);
		r = of_match_encode(m->version, &pi->match, w);
		if (r)
			return r;
		wrzero(w, 2);
	}
	wrbytes(w, pi->data, pi->data_len);
	return 0;
}

int of_dec_flow_removed(uint8_t v, const uint8_t *p, size_t len,
			struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_flow_removed *fr = &m->flow_removed;
	size_t used;

	if (v == WEFT_OFP10_VERSION) {
		if (len != 80)
			return BADLEN(err);
		of_match_decode(v, p, len, &used, &fr->match, err);
		p += 40;
		fr->cookie = rd64(p);
		fr->priority = rd16(p + 8);
		fr->reason = p[10];
		fr->duration_sec = rd32(p + 12);
		fr->duration_nsec = rd32(p + 16);
		fr->idle_timeout = rd16(p + 20);
		fr->packet_count = rd64(p + 24);
		fr->byte_count = rd64(p + 32);
		return 0;
	}
	if (len < 40)
		return BADLEN(err);
	fr->cookie = rd64(p);
	fr->priority = rd16(p + 8);
	fr->reason = p[10];
	fr->table_id = p[11];
	fr->duration_sec = rd32(p + 12);
	fr->duration_nsec = rd32(p + 16);
	fr->idle_timeout = rd16(p + 20);
	fr->hard_timeout = rd16(p + 22);
	fr->packet_count = rd64(p + 24);
	fr->byte_count = rd64(p + 32);
	if (of_match_decode(v, p + 40, len - 40, &used, &fr->match, err))
		return -1;
	if (used != len - 40) {
		weft_of_match_free(&fr->match);
		return BADLEN(err);
	}
	return 0;
}

int of_enc_flow_removed(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_flow_removed *fr = &m->flow_removed;
	bool v10 = m->version == WEFT_OFP10_VERSION;

	if (v10)
		of_match_encode(m->version, &fr->match, w);
	wr64(w, fr->cookie);
	wr16(w, fr->priority);
	wr8(w, fr->reason);
	wr8(w, v10 ? 0 : fr->table_id);
	wr32(w, fr->duration_sec);
	wr32(w, fr->duration_nsec);
	wr16(w, fr->idle_timeout);
	wr16(w, v10 ? 0 : fr->hard_timeout);
	wr64(w, fr->packet_count);
	wr64(w, fr->byte_count);
	return v10 ? 0 : of_match_encode(m->version, &fr->match, w);
}

int of_dec_port_status(uint8_t v, const uint8_t *p, size_t len,
		       struct weft_of_msg *m, struct weft_of_error *err)
{
	if (len != 8 + (v == WEFT_OFP10_VERSION ? OF10_PORT_LEN :
			OF13_PORT_LEN))
		return BADLEN(err);
	m->port_status.reason = p[0];
	return of_port_decode(v, p + 8, &m->port_status.desc);
}

int of_enc_port_status(const struct weft_of_msg *m, struct of_wr *w)
{
	wr8(w, m->port_status.reason);
	wrzero(w, 7);
	of_port_encode(m->version, &m->port_status.desc, w);
	return 0;
}

int of_dec_packet_out(uint8_t v, const uint8_t *p, size_t len,
		      struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_packet_out *po = &m->packet_out;
	size_t hdr = v == WEFT_OFP10_VERSION ? 8 : 16, alen;

	if (len < hdr)
		return BADLEN(err);
	po->buffer_id = rd32(p);
	if (v == WEFT_OFP10_VERSION) {
		po->in_port = weft_of_port_from10(rd16(p + 4));
		alen = rd16(p + 6);
	} else {
		po->in_port = rd32(p + 4);
		alen = rd16(p + 8);
	}
	if (alen > len - hdr)
		return BADLEN(err);
	if (of_actions_decode(v, p + hdr, alen, &po->actions, &po->n_actions,
			      err))
		return -1;
	if (dup_data(p + hdr + alen, len - hdr - alen, &po->data,
		     &po->data_len, err)) {
		weft_of_actions_free(po->actions, po->n_actions);
		po->actions = NULL;
		po->n_actions = 0;
		return -1;
	}
	return 0;
}

int of_enc_packet_out(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_packet_out *po = &m->packet_out;
	size_t lenoff, start;
	int r;

	wr32(w, po->buffer_id);
	if (m->version == WEFT_OFP10_VERSION) {
		if (!weft_of_port10_ok(po->in_port))
			return -EINVAL;
		wr16(w, weft_of_port_to10(po->in_port));
		lenoff = w->b->len;
		wr16(w, 0);
	} else {
		wr32(w, po->in_port);
		lenoff = w->b->len;
		wr16(w, 0);
		wrzero(w, 6);
	}
	start = w->b->len;
	r = of_actions_encode(m->version, po->actions, po->n_actions, w);
	if (r)
		return r;
	wrlen16(w, lenoff, start);
	wrbytes(w, po->data, po->data_len);
	return 0;
}

int of_dec_flow_mod(uint8_t v, const uint8_t *p, size_t len,
		    struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_flow_mod *fm = &m->flow_mod;
	size_t used;

	if (v == WEFT_OFP10_VERSION) {
		if (len < 64)
			return BADLEN(err);
		of_match_decode(v, p, len, &used, &fm->match, err);
		p += 40;
		fm->cookie = rd64(p);
		if (rd16(p + 8) > 0xff)
			return OF_FAIL(err, WEFT_OFPET_FLOW_MOD_FAILED,
				       WEFT_OFPFMFC_BAD_COMMAND);
		fm->command = (uint8_t)rd16(p + 8);
		fm->idle_timeout = rd16(p + 10);
		fm->hard_timeout = rd16(p + 12);
		fm->priority = rd16(p + 14);
		fm->buffer_id = rd32(p + 16);
		fm->out_port = weft_of_port_from10(rd16(p + 20));
		fm->flags = rd16(p + 22);
		return of_insts_decode(v, p + 24, len - 64, &fm->insts,
				       &fm->n_insts, err);
	}
	if (len < 40)
		return BADLEN(err);
	fm->cookie = rd64(p);
	fm->cookie_mask = rd64(p + 8);
	fm->table_id = p[16];
	fm->command = p[17];
	fm->idle_timeout = rd16(p + 18);
	fm->hard_timeout = rd16(p + 20);
	fm->priority = rd16(p + 22);
	fm->buffer_id = rd32(p + 24);
	fm->out_port = rd32(p + 28);
	fm->out_group = rd32(p + 32);
	fm->flags = rd16(p + 36);
	if (of_match_decode(v, p + 40, len - 40, &used, &fm->match, err))
		return -1;
	if (of_insts_decode(v, p + 40 + used, len - 40 - used, &fm->insts,
			    &fm->n_insts, err)) {
		weft_of_match_free(&fm->match);
		return -1;
	}
	return 0;
}

int of_enc_flow_mod(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_flow_mod *fm = &m->flow_mod;
	int r;

	if (m->version == WEFT_OFP10_VERSION) {
		if (!weft_of_port10_ok(fm->out_port))
			return -EINVAL;
		of_match_encode(m->version, &fm->match, w);
		wr64(w, fm->cookie);
		wr16(w, fm->command);
		wr16(w, fm->idle_timeout);
		wr16(w, fm->hard_timeout);
		wr16(w, fm->priority);
		wr32(w, fm->buffer_id);
		wr16(w, weft_of_port_to10(fm->out_port));
		wr16(w, fm->flags);
		return of_insts_encode(m->version, fm->insts, fm->n_insts, w);
	}
	wr64(w, fm->cookie);
	wr64(w, fm->cookie_mask);
	wr8(w, fm->table_id);
	wr8(w, fm->command);
	wr16(w, fm->idle_timeout);
	wr16(w, fm->hard_timeout);
	wr16(w, fm->priority);
	wr32(w, fm->buffer_id);
	wr32(w, fm->out_port);
	wr32(w, fm->out_group);
	wr16(w, fm->flags);
	wrzero(w, 2);
	r = of_match_encode(m->version, &fm->match, w);
	return r ? r : of_insts_encode(m->version, fm->insts, fm->n_insts, w);
}

int of_dec_port_mod(uint8_t v, const uint8_t *p, size_t len,
		    struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_port_mod *pm = &m->port_mod;

	if (v == WEFT_OFP10_VERSION) {
		if (len != 24)
			return BADLEN(err);
		pm->port_no = weft_of_port_from10(rd16(p));
		memcpy(pm->hw_addr, p + 2, 6);
		p += 8;
	} else {
		if (len != 32)
			return BADLEN(err);
		pm->port_no = rd32(p);
		memcpy(pm->hw_addr, p + 8, 6);
		p += 16;
	}
	pm->config = rd32(p);
	pm->mask = rd32(p + 4);
	pm->advertise = rd32(p + 8);
	return 0;
}

int of_enc_port_mod(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_port_mod *pm = &m->port_mod;

	if (m->version == WEFT_OFP10_VERSION) {
		wr16(w, weft_of_port_to10(pm->port_no));
		wrbytes(w, pm->hw_addr, 6);
	} else {
		wr32(w, pm->port_no);
		wrzero(w, 4);
		wrbytes(w, pm->hw_addr, 6);
		wrzero(w, 2);
	}
	wr32(w, pm->config);
	wr32(w, pm->mask);
	wr32(w, pm->advertise);
	wrzero(w, 4);
	return 0;
}

int of_dec_table_mod(uint8_t v, const uint8_t *p, size_t len,
		     struct weft_of_msg *m, struct weft_of_error *err)
{
	(void)v;
	if (len != 8)
		return BADLEN(err);
	m->table_mod.table_id = p[0];
	m->table_mod.config = rd32(p + 4);
	return 0;
}

int of_enc_table_mod(const struct weft_of_msg *m, struct of_wr *w)
{
	wr8(w, m->table_mod.table_id);
	wrzero(w, 3);
	wr32(w, m->table_mod.config);
	return 0;
}

int of_dec_features_reply(uint8_t v, const uint8_t *p, size_t len,
			  struct weft_of_msg *m, struct weft_of_error *err)
{
	struct weft_of_features *f = &m->features;
	size_t i;

	if (len < 24)
		return BADLEN(err);
	f->datapath_id = rd64(p);
	f->n_buffers = rd32(p + 8);
	f->n_tables = p[12];
	f->capabilities = rd32(p + 16);
	f->reserved = rd32(p + 20);
	if (v != WEFT_OFP10_VERSION) {
		f->auxiliary_id = p[13];
		return len == 24 ? 0 : BADLEN(err);
	}
	if ((len - 24) % OF10_PORT_LEN)
		return BADLEN(err);
	f->n_ports = (len - 24) / OF10_PORT_LEN;
	if (!f->n_ports)
		return 0;
	f->ports = calloc(f->n_ports, sizeof(*f->ports));
	if (!f->ports)
		return NOMEM(err);
	for (i = 0; i < f->n_ports; i++)
		of_port_decode(v, p + 24 + i * OF10_PORT_LEN, &f->ports[i]);
	return 0;
}

int of_enc_features_reply(const struct weft_of_msg *m, struct of_wr *w)
{
	const struct weft_of_features *f = &m->features;
	size_t i;

	wr64(w, f->datapath_id);
	wr32(w, f->n_buffers);
	wr8(w, f->n_tables);
	if (m->version == WEFT_OFP10_VERSION) {
		wrzero(w, 3);
	} else {
		wr8(w, f->auxiliary_id);
		wrzero(w, 2);
	}
	wr32(w, f->capabilities);
	wr32(w, f->reserved);
	if (m->version == WEFT_OFP10_VERSION)
		for (i = 0; i < f->n_ports; i++)
			of_port_encode(m->version, &f->ports[i], w);
	return 0;
}
