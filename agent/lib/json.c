// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void weft_json_init(struct weft_json *j, FILE *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
}

static void indent(struct weft_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("    ", j->out);
}

/* Separate this value from the previous one of the same container. */
static void before_value(struct weft_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->nonempty[j->depth])
		fputc(',', j->out);
	j->nonempty[j->depth] = true;
	indent(j);
}

void weft_json_key(struct weft_json *j, const char *key)
{
	before_value(j);
	weft_json_write_string(j->out, key);
	fputs(j->pretty ? ": " : ":", j->out);
	j->after_key = true;
}

static void begin(struct weft_json *j, char c, bool object)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth < WEFT_JSON_MAX_DEPTH)
		j->depth++;
	j->nonempty[j->depth] = false;
	j->in_object[j->depth] = object;
}

static void end(struct weft_json *j, char c)
{
	bool nonempty = j->nonempty[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (nonempty)
		indent(j);
	fputc(c, j->out);
}

void weft_json_begin_object(struct weft_json *j)
{
	begin(j, '{', true);
}

void weft_json_end_object(struct weft_json *j)
{
	end(j, '}');
}

void weft_json_begin_array(struct weft_json *j)
{
	begin(j, '[', false);
}

void weft_json_end_array(struct weft_json *j)
{
	end(j, ']');
}

void weft_json_string(struct weft_json *j, const char *s)
{
	before_value(j);
	weft_json_write_string(j->out, s);
}

void weft_json_u64(struct weft_json *j, uint64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRIu64, v);
}

void weft_json_i64(struct weft_json *j, int64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRId64, v);
}

void weft_json_bool(struct weft_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->out);
}

void weft_json_null(struct weft_json *j)
{
	before_value(j);
	fputs("null", j->out);
}

/*
 * Length of the valid UTF-8 sequence at @s, or 0 if it is not one: no
 * overlong forms, no surrogates, nothing above U+10FFFF.
 */
static int utf8_len(const unsigned char *s)
{
	int n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		/* Also stops at the terminating NUL. */
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void weft_json_write_string(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', out);
	while (*s) {
		int n;

		switch (*s) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(out, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (!n) {
				fputs("\\ufffd", out);
				break;
			}
			fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', out);
}
