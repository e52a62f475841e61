/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the flow text parser, shared by flow_parse.c (the flow
 * grammar: tokens, keywords, actions) and flow_match_parse.c (match fields
 * and their prerequisites).  Not part of libweft's interface.
 */
#ifndef WEFT_FLOW_PARSE_H
#define WEFT_FLOW_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <linux/types.h>

#include "flow_text.h"

/* A piece of the input text; not NUL-terminated. */
struct fp_span {
	const char *p;
	int n;
};

struct fp_tok {
	struct fp_span key;
	struct fp_span val;
	struct fp_span all;	/* key, delimiter and value as written */
	bool has_val;
};

struct fp_pending_tp {
	bool set;
	__be16 value;
	__be16 mask;
	struct fp_tok tok;
};

struct fp_parser {
	struct weft_flow *flow;
	enum weft_flow_op op;
	bool strict;
	weft_port_resolver resolve;
	void *ctx;
	char *err;
	size_t errlen;
	const struct fp_tok *tok;	/* the token being parsed */
	/* Where each match field was set and what it needs, for errors. */
	struct fp_tok field_tok[WEFT_KEY_A_KNOWN_MAX + 1];
	unsigned char field_prereq[WEFT_KEY_A_KNOWN_MAX + 1];
	/* tp_src/tp_dst wait for nw_proto to say whose ports they are. */
	struct fp_pending_tp tp[2];
	bool seen_actions;
};

static inline bool fp_span_eq(struct fp_span s, const char *str)
{
	return (size_t)s.n == strlen(str) && !strncmp(s.p, str, s.n);
}

static inline bool fp_span_caseeq(struct fp_span s, const char *str)
{
	return (size_t)s.n == strlen(str) && !strncasecmp(s.p, str, s.n);
}

/* Copy @s into @buf as a C string; false if it does not fit. */
static inline bool fp_span_str(struct fp_span s, char *buf, size_t size)
{
	if ((size_t)s.n >= size)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	return true;
}

/* Split "value/mask" at the first slash. */
static inline bool fp_span_split(struct fp_span s, struct fp_span *v, struct fp_span *m)
{
	const char *slash = memchr(s.p, '/', s.n);

	*v = s;
	m->p = s.p + s.n;
	m->n = 0;
	if (!slash)
		return false;
	v->n = (int)(slash - s.p);
	m->p = slash + 1;
	m->n = s.n - v->n - 1;
	return true;
}


int weft_fp_fail(struct fp_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* invalid WHAT "VALUE" in "TOKEN"DETAIL, about the current token. */
int weft_fp_bad(struct fp_parser *p, const char *what, struct fp_span v,
		const char *detail);
/* A number no larger than @max (see weft_parse_ull()). */
int weft_fp_num(struct fp_parser *p, const char *what, struct fp_span v,
		unsigned long long max, unsigned long long *out);
/*
 * A port: number, reserved name or (through the resolver) netdev name.
 * Which ports make sense where is up to the caller.
 */
int weft_fp_port(struct fp_parser *p, struct fp_span v, __u32 *port);

/*
 * Parse @t if it is a match field or a protocol shorthand; *done says
 * whether it was.
 */
int weft_fp_match_token(struct fp_parser *p, const struct fp_tok *t,
			bool *done);
/* After the last token: place tp_src/tp_dst, check the prerequisites. */
int weft_fp_match_finish(struct fp_parser *p);

#endif /* WEFT_FLOW_PARSE_H */
