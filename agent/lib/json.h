/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal streaming JSON writer: objects, arrays, strings, integers,
 * booleans and null, compact or pretty-printed.  Strings are escaped and
 * made valid UTF-8 (bad bytes become U+FFFD), since netdev names are
 * arbitrary bytes but JSON must be Unicode.
 */
#ifndef WEFT_JSON_H
#define WEFT_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define WEFT_JSON_MAX_DEPTH	32

struct weft_json {
	FILE *out;
	bool pretty;
	int depth;
	bool after_key;		/* a key was written; its value comes next */
	bool nonempty[WEFT_JSON_MAX_DEPTH + 1];	/* per open container */
	bool in_object[WEFT_JSON_MAX_DEPTH + 1];
};

void weft_json_init(struct weft_json *j, FILE *out, bool pretty);

void weft_json_begin_object(struct weft_json *j);
void weft_json_end_object(struct weft_json *j);
void weft_json_begin_array(struct weft_json *j);
void weft_json_end_array(struct weft_json *j);

/* Inside an object, every value is preceded by its key. */
void weft_json_key(struct weft_json *j, const char *key);

void weft_json_string(struct weft_json *j, const char *s);
void weft_json_u64(struct weft_json *j, uint64_t v);
void weft_json_i64(struct weft_json *j, int64_t v);
void weft_json_bool(struct weft_json *j, bool v);
void weft_json_null(struct weft_json *j);

/* Write @s as a JSON string literal, quotes included. */
void weft_json_write_string(FILE *out, const char *s);

#endif /* WEFT_JSON_H */
