/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the codec: the small JSON writer behind weft_of_to_json()
 * and the printers of the parts messages share.  Keys are written in the
 * order given; os-ken sorts them, but JSON objects have no order.
 */
#ifndef WEFT_OF_JSON_H
#define WEFT_OF_JSON_H

#include <stdio.h>

#include "of_wire.h"

#define JW_DEPTH 32

struct jw {
	FILE *fp;
	int depth;
	bool more[JW_DEPTH];	/* an item was written at this level */
};

/* @key NULL: an array element (or the top level). */
void jw_obj(struct jw *j, const char *key);
void jw_arr(struct jw *j, const char *key);
void jw_end_obj(struct jw *j);
void jw_end_arr(struct jw *j);
void jw_u64(struct jw *j, const char *key, uint64_t v);
void jw_null(struct jw *j, const char *key);
/* A string of at most @n bytes, stopping at the first NUL. */
void jw_strn(struct jw *j, const char *key, const char *s, size_t n);
void jw_b64(struct jw *j, const char *key, const uint8_t *d, size_t n);
void jw_mac(struct jw *j, const char *key, const uint8_t *mac);
void jw_ipv4(struct jw *j, const char *key, uint32_t addr);
/* {"@cls": { -- a class wrapper, closed with jw_end_cls(). */
void jw_cls(struct jw *j, const char *key, const char *cls);
void jw_end_cls(struct jw *j);

void jw_match(struct jw *j, uint8_t version, const char *key,
	      const struct weft_of_match *m);
void jw_oxm(struct jw *j, const char *key, const struct weft_of_oxm *o);
void jw_actions(struct jw *j, uint8_t version, const char *key,
		const struct weft_of_action *a, size_t n);
void jw_insts(struct jw *j, const char *key, const struct weft_of_inst *in,
	      size_t n);
void jw_port(struct jw *j, uint8_t version, const char *key,
	     const struct weft_of_port *p);
void jw_buckets(struct jw *j, const char *key, const struct weft_of_bucket *b,
		size_t n);
void jw_bands(struct jw *j, const char *key,
	      const struct weft_of_meter_band *b, size_t n);
void jw_multipart(struct jw *j, const struct weft_of_msg *m);
void jw_table_features(struct jw *j, const struct weft_of_table_features *tf);
/* The wire length of an action list, for "len" and "actions_len". */
size_t jw_actions_len(uint8_t version, const struct weft_of_action *a,
		      size_t n);

#endif /* WEFT_OF_JSON_H */
