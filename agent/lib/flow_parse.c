// SPDX-License-Identifier: GPL-2.0
/*
 * ovs-ofctl flow text -> struct weft_flow: the grammar.
 *
 * The grammar is ovs-ofctl's: key=value (or key:value) pairs and bare
 * keywords separated by commas or white space, with "actions=" taking the
 * rest of the text.  Errors quote the offending token exactly as written,
 * so the user can find it in a long flow.  Match fields themselves are
 * parsed in flow_match_parse.c, actions and instructions in action_parse.c,
 * once the whole match is known (set-field and mod_vlan_vid depend on it).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "port.h"
#include "util.h"

static const char *const op_names[] = {
	[WEFT_FLOW_OP_ADD] = "flow add",
	[WEFT_FLOW_OP_MOD] = "flow mod",
	[WEFT_FLOW_OP_DEL] = "flow del",
	[WEFT_FLOW_OP_PACKET] = "trace",
};

int weft_fp_fail(struct fp_parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (p->errlen)
		vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int weft_fp_bad(struct fp_parser *p, const char *what, struct fp_span v,
		const char *detail)
{
	return weft_fp_fail(p, "invalid %s \"%.*s\" in \"%.*s\"%s", what, v.n, v.p,
			    p->tok->all.n, p->tok->all.p, detail);
}

/*
 * The token grammar's characters, by class: scanning with a table instead
 * of strspn()/strchr() matters for a file of 100,000 flows, and more so
 * under emulation, where the vector string functions are slow.
 */
enum {
	FP_SEP = 1,		/* between tokens: ", \t\r\n" */
	FP_KEY_END = 2,		/* ends a key: the separators and ":=(" */
	FP_CLOSE = 4,		/* ends a parenthesised value */
};

static const unsigned char fp_class[256] = {
	[','] = FP_SEP | FP_KEY_END, [' '] = FP_SEP | FP_KEY_END,
	['\t'] = FP_SEP | FP_KEY_END, ['\r'] = FP_SEP | FP_KEY_END,
	['\n'] = FP_SEP | FP_KEY_END, [':'] = FP_KEY_END, ['='] = FP_KEY_END,
	['('] = FP_KEY_END, [')'] = FP_CLOSE,
};

static int fp_is(char c, unsigned int class)
{
	return fp_class[(unsigned char)c] & class;
}

/*
 * Length of a value ending at a character of @class, skipping over
 * parentheses as ovs-ofctl does so that "a(b,c)" stays one value.
 */
static int value_len(const char *s, unsigned int class)
{
	int depth = 0, i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (!depth && fp_is(s[i], class))
			break;
	}
	return i;
}

bool weft_fp_next_tok(const char **sp, struct fp_tok *t)
{
	const char *s = *sp;

	while (fp_is(*s, FP_SEP))
		s++;
	memset(t, 0, sizeof(*t));
	if (!*s) {
		*sp = s;
		return false;
	}
	t->all.p = t->key.p = s;
	while (*s && !fp_is(*s, FP_KEY_END))
		s++;
	t->key.n = (int)(s - t->key.p);
	if (*s == ':' || *s == '=') {
		s++;
		t->has_val = true;
		t->val.p = s;
		t->val.n = value_len(s, FP_SEP);
		s += t->val.n;
	} else if (*s == '(') {
		s++;
		t->has_val = true;
		t->paren = true;
		t->val.p = s;
		t->val.n = value_len(s, FP_CLOSE);
		s += t->val.n;
		if (*s == ')')
			s++;
	}
	t->all.n = (int)(s - t->all.p);
	*sp = s;
	return true;
}

int weft_fp_num(struct fp_parser *p, const char *what, struct fp_span v,
		unsigned long long max, unsigned long long *out)
{
	char detail[48];
	int err;

	err = weft_parse_ull(v.p, v.n, max, out);
	if (err == -ERANGE) {
		snprintf(detail, sizeof(detail), " (maximum %llu)", max);
		return weft_fp_bad(p, what, v, detail);
	}
	if (err)
		return weft_fp_bad(p, what, v, "");
	return 0;
}

int weft_fp_port(struct fp_parser *p, struct fp_span v, __u32 *port)
{
	char name[IFNAMSIZ];
	int err;

	if (!v.n || !fp_span_str(v, name, sizeof(name)))
		return weft_fp_bad(p, "port", v, "");
	err = weft_port_no_parse(name, port);
	if (err == -ERANGE)
		return weft_fp_bad(p, "port", v, "");
	if (!err)
		return 0;
	if (!p->resolve)
		return weft_fp_bad(p, "port", v, " (port names cannot be used here)");
	err = p->resolve(p->ctx, name, port);
	if (err == -ENOENT)
		return weft_fp_bad(p, "port", v, "");
	if (err)
		return weft_fp_fail(p, "cannot look up port \"%s\" in \"%.*s\": %s",
				    name, p->tok->all.n, p->tok->all.p, strerror(-err));
	return 0;
}

/* Ports a flow can output to, for out_port. */
static int check_out_port(struct fp_parser *p, struct fp_span v, __u32 port)
{
	if (port >= 1 && port <= WEFT_PORT_MAX)
		return 0;
	switch (port) {
	case WEFT_PORT_IN_PORT:
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
	case WEFT_PORT_LOCAL:
		return 0;
	}
	return weft_fp_bad(p, "port", v, "");
}

/* Keywords other than match fields: table, priority, flags, ... */
static int parse_keyword(struct fp_parser *p, const struct fp_tok *t, bool *done)
{
	static const char *const flag_words[] = {
		"send_flow_rem", "check_overlap", "reset_counts",
		"no_packet_counts", "no_byte_counts",
	};
	static const char *const stat_words[] = {
		"duration", "n_packets", "n_bytes", "idle_age", "hard_age",
	};
	struct weft_flow *flow = p->flow;
	bool add_mod = p->op == WEFT_FLOW_OP_ADD || p->op == WEFT_FLOW_OP_MOD;
	bool packet = p->op == WEFT_FLOW_OP_PACKET;
	unsigned long long v;
	struct fp_span vs, ms;
	size_t i;
	int err;

	*done = true;
	for (i = 0; i < ARRAY_SIZE(flag_words); i++) {
		if (!fp_span_eq(t->key, flag_words[i]))
			continue;
		if (t->has_val)
			return weft_fp_fail(p, "%s takes no value in \"%.*s\"",
					    flag_words[i], t->all.n, t->all.p);
		if (!add_mod)
			goto not_here;
		flow->flags |= 1U << i;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_FLAGS);
		return 0;
	}
	if (!t->has_val) {
		*done = false;
		return 0;
	}
	/*
	 * A dump line's statistics, ignored as ovs-ofctl ignores them, so
	 * that what `flow dump` prints can be fed back as flow text.
	 */
	for (i = 0; i < ARRAY_SIZE(stat_words); i++)
		if (fp_span_eq(t->key, stat_words[i]) && !packet)
			return 0;

	if (fp_span_eq(t->key, "table")) {
		unsigned int max = p->op == WEFT_FLOW_OP_DEL ? WEFT_TABLE_ALL :
							      WEFT_TABLE_MAX;

		if (packet)
			goto not_here;
		err = weft_fp_num(p, "table", t->val, max, &v);
		if (err)
			return err;
		flow->table = (__u8)v;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_TABLE);
	} else if (fp_span_eq(t->key, "priority")) {
		if (packet)
			goto not_here;
		/* A non-strict mod or del ignores priorities: say so. */
		if (p->op == WEFT_FLOW_OP_DEL && !p->strict)
			return weft_fp_fail(p, "priority needs --strict in \"%.*s\"",
					    t->all.n, t->all.p);
		err = weft_fp_num(p, "priority", t->val, 0xffff, &v);
		if (err)
			return err;
		flow->priority = (__u16)v;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_PRIORITY);
	} else if (fp_span_eq(t->key, "cookie")) {
		bool has_mask = fp_span_split(t->val, &vs, &ms);

		if (packet)
			goto not_here;
		err = weft_fp_num(p, "cookie", vs, ~0ULL, &v);
		if (err)
			return err;
		flow->cookie = v;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE);
		if (has_mask) {
			/* A mask selects flows; an added flow has none. */
			if (p->op == WEFT_FLOW_OP_ADD)
				return weft_fp_fail(p, "flow add cannot use a cookie mask in \"%.*s\"",
						    t->all.n, t->all.p);
			err = weft_fp_num(p, "cookie mask", ms, ~0ULL, &v);
			if (err)
				return err;
			flow->cookie_mask = v;
			flow->cookie &= v;
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE_MASK);
		} else if (p->op == WEFT_FLOW_OP_DEL) {
			/* Deleting by cookie without a mask: that cookie. */
			flow->cookie_mask = ~0ULL;
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_COOKIE_MASK);
		}
	} else if (fp_span_eq(t->key, "idle_timeout") ||
		   fp_span_eq(t->key, "hard_timeout")) {
		bool idle = t->key.p[0] == 'i';

		if (!add_mod)
			goto not_here;
		err = weft_fp_num(p, idle ? "idle_timeout" : "hard_timeout",
				  t->val, 0xffff, &v);
		if (err)
			return err;
		if (idle) {
			flow->idle_timeout = (__u16)v;
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_IDLE_TIMEOUT);
		} else {
			flow->hard_timeout = (__u16)v;
			flow->attrs |= WEFT_BIT(WEFT_FLOW_A_HARD_TIMEOUT);
		}
	} else if (fp_span_eq(t->key, "out_port")) {
		__u32 port;

		if (p->op != WEFT_FLOW_OP_DEL)
			goto not_here;
		err = weft_fp_port(p, t->val, &port);
		if (err)
			return err;
		/* ANY is OpenFlow's "no filter". */
		if (port == WEFT_PORT_ANY)
			return 0;
		err = check_out_port(p, t->val, port);
		if (err)
			return err;
		flow->out_port = port;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_OUT_PORT);
	} else if (fp_span_eq(t->key, "out_group")) {
		if (p->op != WEFT_FLOW_OP_DEL)
			goto not_here;
		/* As for out_port: ANY filters nothing. */
		if (fp_span_caseeq(t->val, "any"))
			return 0;
		err = weft_fp_num(p, "group", t->val, WEFT_GROUP_MAX, &v);
		if (err)
			return err;
		flow->out_group = (__u32)v;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_OUT_GROUP);
	} else {
		*done = false;
	}
	return 0;

not_here:
	return weft_fp_fail(p, "%.*s cannot be used with %s in \"%.*s\"",
			    t->key.n, t->key.p, op_names[p->op], t->all.n, t->all.p);
}

static int parse_flow(struct fp_parser *p, const char *text)
{
	const char *s = text;
	struct fp_tok t;
	bool done;
	int err;

	while (weft_fp_next_tok(&s, &t)) {
		p->tok = &t;
		if ((fp_span_eq(t.key, "actions") || fp_span_eq(t.key, "action")) &&
		    t.has_val && (t.key.p[t.key.n] == '=')) {
			if (p->op == WEFT_FLOW_OP_DEL ||
			    p->op == WEFT_FLOW_OP_PACKET)
				return weft_fp_fail(p, "%s takes no actions in \"%s\"",
						    op_names[p->op], t.all.p);
			/* The rest of the text is the actions. */
			p->seen_actions = true;
			p->actions = t;
			p->actions.all.n = (int)strlen(t.all.p);
			break;
		}
		err = parse_keyword(p, &t, &done);
		if (err)
			return err;
		if (done)
			continue;
		err = weft_fp_match_token(p, &t, &done);
		if (err)
			return err;
		if (done)
			continue;
		if (!t.has_val)
			return weft_fp_fail(p, "unknown keyword \"%.*s\"",
					    t.key.n, t.key.p);
		return weft_fp_fail(p, "unknown field \"%.*s\" in \"%.*s\"",
				    t.key.n, t.key.p, t.all.n, t.all.p);
	}

	err = weft_fp_match_finish(p);
	if (err)
		return err;
	if (p->seen_actions) {
		p->flow->attrs |= WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS);
		return weft_fp_insts(p, p->actions.val.p, p->actions.all,
				     &p->flow->insts, &p->flow->match);
	}
	if (p->op == WEFT_FLOW_OP_ADD || p->op == WEFT_FLOW_OP_MOD)
		return weft_fp_fail(p, "missing actions in \"%s\" (actions=drop drops)",
				    text);
	return 0;
}

struct weft_flow_parser {
	struct fp_parser p;
};

/* With @again, @flow was last filled here: see weft_flow_parser_parse(). */
static int flow_from_str(struct fp_parser *p, struct weft_flow *flow,
			 bool again, const char *text, enum weft_flow_op op,
			 bool strict, weft_port_resolver resolve, void *ctx,
			 char *err, size_t errlen)
{
	int ret;

	if (again)
		weft_flow_reinit(flow);
	else
		weft_flow_init(flow);
	if (errlen)
		err[0] = '\0';
	/*
	 * All but field_tok[], a quarter of the time spent parsing a big
	 * file if zeroed: a token is only read for a field that is set, and
	 * setting a field records it (field_prereq[], zeroed, says which).
	 */
	memset(p, 0, offsetof(struct fp_parser, field_tok));
	memset(p->field_prereq, 0,
	       sizeof(*p) - offsetof(struct fp_parser, field_prereq));
	p->flow = flow;
	p->op = op;
	p->strict = strict;
	p->resolve = resolve;
	p->ctx = ctx;
	p->err = err;
	p->errlen = errlen;
	ret = parse_flow(p, text);
	if (ret) {
		weft_flow_init(flow);
		return ret;
	}
	if (op == WEFT_FLOW_OP_PACKET)
		return 0;

	if (strict)
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STRICT);
	/* OpenFlow's default priority, which the kernel does not assume. */
	if ((op != WEFT_FLOW_OP_DEL || strict) &&
	    !(flow->attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY))) {
		flow->priority = WEFT_DEFAULT_PRIORITY;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_PRIORITY);
	}
	/* ovs-ofctl del-flows without table=: every table. */
	if (op == WEFT_FLOW_OP_DEL &&
	    !(flow->attrs & WEFT_BIT(WEFT_FLOW_A_TABLE))) {
		flow->table = WEFT_TABLE_ALL;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_TABLE);
	}
	return 0;
}

int weft_flow_from_str(struct weft_flow *flow, const char *text,
		       enum weft_flow_op op, bool strict,
		       weft_port_resolver resolve, void *ctx,
		       char *err, size_t errlen)
{
	/* The parser keeps a token per field: too big for some stacks. */
	struct fp_parser *p = malloc(sizeof(*p));
	int ret;

	if (!p) {
		weft_flow_init(flow);
		if (errlen)
			snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = flow_from_str(p, flow, false, text, op, strict, resolve, ctx,
			    err, errlen);
	free(p);
	return ret;
}

struct weft_flow_parser *weft_flow_parser_new(void)
{
	return malloc(sizeof(struct weft_flow_parser));
}

void weft_flow_parser_free(struct weft_flow_parser *fp)
{
	free(fp);
}

int weft_flow_parser_parse(struct weft_flow_parser *fp, struct weft_flow *flow,
			   const char *text, enum weft_flow_op op, bool strict,
			   weft_port_resolver resolve, void *ctx,
			   char *err, size_t errlen)
{
	return flow_from_str(&fp->p, flow, true, text, op, strict, resolve,
			     ctx, err, errlen);
}
