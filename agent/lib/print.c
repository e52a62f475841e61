// SPDX-License-Identifier: GPL-2.0
/*
 * Text-or-JSON output on top of the JSON writer.
 */
#include <stdarg.h>

#include "json.h"
#include "print.h"

static struct {
	FILE *out;
	bool json;
	struct weft_json jw;
} pr;

void weft_print_init(FILE *out, bool json, bool pretty)
{
	pr.out = out;
	pr.json = json;
	weft_json_init(&pr.jw, out, pretty);
}

bool weft_print_is_json(void)
{
	return pr.json;
}

void weft_print_finish(void)
{
	if (pr.json)
		fputc('\n', pr.out);
	fflush(pr.out);
}

static bool want_json(enum weft_output_type type)
{
	return pr.json && (type & WEFT_PRINT_JSON);
}

/* Text output needs a format: NULL means "nothing to show in text". */
static bool want_text(enum weft_output_type type, const char *fmt)
{
	return !pr.json && (type & WEFT_PRINT_FP) && fmt;
}

static void json_key(const char *key)
{
	if (key)
		weft_json_key(&pr.jw, key);
}

void weft_print_open_object(const char *key)
{
	if (!pr.json)
		return;
	json_key(key);
	weft_json_begin_object(&pr.jw);
}

void weft_print_close_object(void)
{
	if (pr.json)
		weft_json_end_object(&pr.jw);
}

void weft_print_open_array(const char *key)
{
	if (!pr.json)
		return;
	json_key(key);
	weft_json_begin_array(&pr.jw);
}

void weft_print_close_array(void)
{
	if (pr.json)
		weft_json_end_array(&pr.jw);
}

void weft_print_string(enum weft_output_type type, const char *key,
		       const char *fmt, const char *value)
{
	if (want_json(type)) {
		json_key(key);
		weft_json_string(&pr.jw, value);
	} else if (want_text(type, fmt)) {
		fprintf(pr.out, fmt, value);
	}
}

void weft_print_uint(enum weft_output_type type, const char *key,
		     const char *fmt, unsigned int value)
{
	if (want_json(type)) {
		json_key(key);
		weft_json_u64(&pr.jw, value);
	} else if (want_text(type, fmt)) {
		fprintf(pr.out, fmt, value);
	}
}

void weft_print_u64(enum weft_output_type type, const char *key,
		    const char *fmt, uint64_t value)
{
	if (want_json(type)) {
		json_key(key);
		weft_json_u64(&pr.jw, value);
	} else if (want_text(type, fmt)) {
		fprintf(pr.out, fmt, (unsigned long long)value);
	}
}

void weft_print_bool(enum weft_output_type type, const char *key,
		     const char *fmt, bool value)
{
	if (want_json(type)) {
		json_key(key);
		weft_json_bool(&pr.jw, value);
	} else if (want_text(type, fmt)) {
		fprintf(pr.out, fmt, value ? "true" : "false");
	}
}

void weft_print_null(enum weft_output_type type, const char *key,
		     const char *fmt, const char *text)
{
	if (want_json(type)) {
		json_key(key);
		weft_json_null(&pr.jw);
	} else if (want_text(type, fmt)) {
		fprintf(pr.out, fmt, text);
	}
}

void weft_print_fp(const char *fmt, ...)
{
	va_list ap;

	if (pr.json)
		return;
	va_start(ap, fmt);
	vfprintf(pr.out, fmt, ap);
	va_end(ap);
}

void weft_print_nl(void)
{
	if (!pr.json)
		fputc('\n', pr.out);
}
