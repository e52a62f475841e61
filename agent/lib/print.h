/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iproute2-style output: each value is printed by one call that knows both
 * its text format and its JSON key, so text and JSON come from one code
 * path and cannot disagree:
 *
 *	weft_print_u64(WEFT_PRINT_ANY, "rx_packets", "rx_packets %llu ", n);
 *
 * In text mode the format is used and the key ignored; in JSON mode the key
 * and value are written and the format ignored.  WEFT_PRINT_FP and
 * WEFT_PRINT_JSON restrict a call to one mode.  The output state is global,
 * as in iproute2: one program prints one document.
 */
#ifndef WEFT_PRINT_H
#define WEFT_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum weft_output_type {
	WEFT_PRINT_FP = 1,
	WEFT_PRINT_JSON = 2,
	WEFT_PRINT_ANY = WEFT_PRINT_FP | WEFT_PRINT_JSON,
};

void weft_print_init(FILE *out, bool json, bool pretty);
bool weft_print_is_json(void);
/* End the document: a newline after JSON, and a flush. */
void weft_print_finish(void);

/* JSON containers; @key is NULL at top level and inside arrays. */
void weft_print_open_object(const char *key);
void weft_print_close_object(void);
void weft_print_open_array(const char *key);
void weft_print_close_array(void);

void weft_print_string(enum weft_output_type type, const char *key,
		       const char *fmt, const char *value);
void weft_print_uint(enum weft_output_type type, const char *key,
		     const char *fmt, unsigned int value);
/* @fmt takes an unsigned long long ("%llu"). */
void weft_print_u64(enum weft_output_type type, const char *key,
		    const char *fmt, uint64_t value);
/* Text: @fmt takes a string, "true" or "false". */
void weft_print_bool(enum weft_output_type type, const char *key,
		     const char *fmt, bool value);
/* JSON null; text: @fmt with the string @text (e.g. "never"). */
void weft_print_null(enum weft_output_type type, const char *key,
		     const char *fmt, const char *text);

/* Text-only output: printf, and a newline. */
void weft_print_fp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void weft_print_nl(void);

#endif /* WEFT_PRINT_H */
