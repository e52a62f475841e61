/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the codec: wire sizes, 1.0's numbers and the byte reader
 * and writer every of_*.c file uses.  Nothing here is part of the API.
 */
#ifndef WEFT_OF_WIRE_H
#define WEFT_OF_WIRE_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "of.h"

/* 1.0 message types that differ from 1.3's. */
enum {
	WEFT_OFPT10_PORT_MOD = 15,
	WEFT_OFPT10_STATS_REQUEST = 16,
	WEFT_OFPT10_STATS_REPLY = 17,
	WEFT_OFPT10_BARRIER_REQUEST = 18,
	WEFT_OFPT10_BARRIER_REPLY = 19,
	WEFT_OFPT10_QUEUE_GET_CONFIG_REQUEST = 20,
	WEFT_OFPT10_QUEUE_GET_CONFIG_REPLY = 21,
	WEFT_OFPT10_MAX = 21,
};

/* 1.0 error types. */
enum {
	WEFT_OFPET10_HELLO_FAILED = 0, WEFT_OFPET10_BAD_REQUEST = 1,
	WEFT_OFPET10_BAD_ACTION = 2, WEFT_OFPET10_FLOW_MOD_FAILED = 3,
	WEFT_OFPET10_PORT_MOD_FAILED = 4, WEFT_OFPET10_QUEUE_OP_FAILED = 5,
};

/* Fixed sizes of wire structures. */
#define OF_HDR		8
#define OF13_PORT_LEN	64
#define OF10_PORT_LEN	48
#define OF10_MATCH_LEN	40
#define OF13_MP_HDR	16	/* header + type, flags, pad[4] */
#define OF10_ST_HDR	12	/* header + type, flags */

/* ---- Reading ---- */

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) << 32 | rd32(p + 4);
}

/* A heap copy of @n bytes (NULL for none); NULL also on ENOMEM. */
static inline uint8_t *of_dup(const uint8_t *p, size_t n)
{
	uint8_t *d;

	if (!n)
		return NULL;
	d = malloc(n);
	if (d)
		memcpy(d, p, n);
	return d;
}

#define OF_FAIL(err, t, c)						\
	({								\
		(err)->type = (t);					\
		(err)->code = (c);					\
		-1;							\
	})

/* ---- Writing ---- */

/* Writes are sticky-failing: once memory runs out, .nomem stays set. */
struct of_wr {
	struct weft_of_buf *b;
	bool nomem;
};

static inline uint8_t *wr_room(struct of_wr *w, size_t n)
{
	uint8_t *p;

	if (w->nomem || weft_of_buf_reserve(w->b, n)) {
		w->nomem = true;
		return NULL;
	}
	p = w->b->data + w->b->len;
	w->b->len += n;
	return p;
}

static inline void wr8(struct of_wr *w, uint8_t v)
{
	uint8_t *p = wr_room(w, 1);

	if (p)
		p[0] = v;
}

static inline void wr16(struct of_wr *w, uint16_t v)
{
	uint8_t *p = wr_room(w, 2);

	if (p) {
		p[0] = v >> 8;
		p[1] = v;
	}
}

static inline void wr32(struct of_wr *w, uint32_t v)
{
	uint8_t *p = wr_room(w, 4);

	if (p) {
		p[0] = v >> 24;
		p[1] = v >> 16;
		p[2] = v >> 8;
		p[3] = v;
	}
}

static inline void wr64(struct of_wr *w, uint64_t v)
{
	wr32(w, v >> 32);
	wr32(w, (uint32_t)v);
}

static inline void wrbytes(struct of_wr *w, const void *d, size_t n)
{
	uint8_t *p;

	if (!n)
		return;
	p = wr_room(w, n);
	if (p)
		memcpy(p, d, n);
}

static inline void wrzero(struct of_wr *w, size_t n)
{
	uint8_t *p;

	if (!n)
		return;
	p = wr_room(w, n);
	if (p)
		memset(p, 0, n);
}

/* Zero-pad to a multiple of 8 counted from @start. */
static inline void wrpad8(struct of_wr *w, size_t start)
{
	if (!w->nomem)
		wrzero(w, (8 - (w->b->len - start) % 8) % 8);
}

/* Patch a 16-bit length at @off with the bytes written since @start. */
static inline void wrlen16(struct of_wr *w, size_t off, size_t start)
{
	size_t n;

	if (w->nomem)
		return;
	n = w->b->len - start;
	w->b->data[off] = n >> 8;
	w->b->data[off + 1] = n;
}

static inline void wrset16(struct of_wr *w, size_t off, uint16_t v)
{
	if (w->nomem)
		return;
	w->b->data[off] = v >> 8;
	w->b->data[off + 1] = v;
}

/* ---- Shared pieces (of_match.c, of_action.c, of_port.c, ...) ---- */

/*
 * Decoders: parse exactly @len bytes at @p; 0 or -1 with @err.  Encoders
 * append; errors show in w->nomem, or -EINVAL for what @version cannot
 * say.
 */
int of_match_decode(uint8_t version, const uint8_t *p, size_t len,
		    size_t *used, struct weft_of_match *m,
		    struct weft_of_error *err);
int of_match_encode(uint8_t version, const struct weft_of_match *m,
		    struct of_wr *w);
int of_oxm_decode(const uint8_t *p, size_t len, size_t *used,
		  struct weft_of_oxm *o, struct weft_of_error *err);
/* Whether @o can be encoded (its lengths fit its arrays and a TLV). */
bool of_oxm_ok(const struct weft_of_oxm *o);
void of_oxm_encode(const struct weft_of_oxm *o, struct of_wr *w);
size_t of_oxm_wire_len(const struct weft_of_oxm *o);

int of_actions_decode(uint8_t version, const uint8_t *p, size_t len,
		      struct weft_of_action **acts, size_t *n,
		      struct weft_of_error *err);
int of_actions_encode(uint8_t version, const struct weft_of_action *acts,
		      size_t n, struct of_wr *w);
size_t of_action_wire_len(uint8_t version, const struct weft_of_action *a);
int of_insts_decode(uint8_t version, const uint8_t *p, size_t len,
		    struct weft_of_inst **insts, size_t *n,
		    struct weft_of_error *err);
int of_insts_encode(uint8_t version, const struct weft_of_inst *insts,
		    size_t n, struct of_wr *w);

int of_port_decode(uint8_t version, const uint8_t *p, struct weft_of_port *pt);
void of_port_encode(uint8_t version, const struct weft_of_port *pt,
		    struct of_wr *w);
int of_buckets_decode(const uint8_t *p, size_t len,
		      struct weft_of_bucket **b, size_t *n,
		      struct weft_of_error *err);
int of_buckets_encode(const struct weft_of_bucket *b, size_t n,
		      struct of_wr *w);
int of_bands_decode(const uint8_t *p, size_t len,
		    struct weft_of_meter_band **b, size_t *n,
		    struct weft_of_error *err);
void of_bands_encode(const struct weft_of_meter_band *b, size_t n,
		     struct of_wr *w);
void of_bands_free(struct weft_of_meter_band *b, size_t n);

int of_multipart_decode(uint8_t version, bool reply, const uint8_t *p,
			size_t len, struct weft_of_multipart *mp,
			struct weft_of_error *err);
int of_multipart_encode(const struct weft_of_msg *msg, struct of_wr *w);
void of_multipart_free(struct weft_of_multipart *mp);

int of_table_features_decode(const uint8_t *p, size_t len,
			     struct weft_of_table_features **tf, size_t *n,
			     struct weft_of_error *err);
void of_table_feature_encode(const struct weft_of_table_features *tf,
			     struct of_wr *w);
void of_table_features_free(struct weft_of_table_features *tf, size_t n);

/* Message header (length patched later with of_end). */
size_t of_begin(struct of_wr *w, uint8_t version, uint8_t type, uint32_t xid);
void of_end(struct of_wr *w, size_t start);
/* The wire type of 1.3-numbered @type in @version; -1 if none. */
int of_type_to_wire(uint8_t version, uint8_t type);

/* How a field's value reads (os-ken's JSON form). */
enum of_kind { OF_INT, OF_MAC, OF_IPV4, OF_IPV6 };

struct of_field {
	uint16_t cls;
	uint8_t field;
	uint8_t len;		/* of the value */
	uint8_t kind;		/* enum of_kind */
	bool maskable;
	const char *name;
	uint32_t exp;		/* class EXPERIMENTER: id ... */
	uint16_t exp_type;	/* ... and the 16-bit type leading .value */
};

/* The field an OXM is, NULL if the codec does not know it. */
const struct of_field *of_field_find(const struct weft_of_oxm *o);
const struct of_field *of_field_by_hdr(uint16_t cls, uint8_t field);

void of_queue_config_free(struct weft_of_queue_config *qc);

/* The 1.0 error to send for a 1.3 one (exact if possible). */
void of_error_nearest10(uint16_t type, uint16_t code, uint16_t *t10,
			uint16_t *c10);

/*
 * Per-message body codecs: @p/@len is the body after the 8-byte header.
 * of_msg.c dispatches to them.
 */
#define OF_CODEC(name)							\
	int of_dec_##name(uint8_t v, const uint8_t *p, size_t len,	\
			  struct weft_of_msg *m, struct weft_of_error *err); \
	int of_enc_##name(const struct weft_of_msg *m, struct of_wr *w)
OF_CODEC(packet_in);
OF_CODEC(flow_removed);
OF_CODEC(port_status);
OF_CODEC(packet_out);
OF_CODEC(flow_mod);
OF_CODEC(port_mod);
OF_CODEC(table_mod);
OF_CODEC(group_mod);
OF_CODEC(meter_mod);
OF_CODEC(queue_get_config_request);
OF_CODEC(queue_get_config_reply);
OF_CODEC(features_reply);

/* Nicira action subtypes OVS defines (rejected by the decoder). */
bool of_nx_subtype_known(uint16_t subtype);

#endif /* WEFT_OF_WIRE_H */
