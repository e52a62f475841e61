/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the flow text parser, shared by flow_parse.c (the flow
 * grammar: tokens, keywords), flow_match_parse.c and flow_value_parse.c
 * (match fields and their prerequisites), action_parse.c (actions and
 * instructions) and set_field.c.  Not part of libweft's interface.
 */
#ifndef WEFT_FLOW_PARSE_H
#define WEFT_FLOW_PARSE_H

#include <ctype.h>
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
	bool paren;		/* the value was in parentheses: key(val) */
};

/* A field whose attribute depends on the rest of the match. */
struct fp_pending {
	bool set;
	__u8 value[2];
	__u8 mask[2];
	struct fp_tok tok;
};

/*
 * What a match field (or a set-field) needs, as OpenFlow 1.3 and the uapi
 * header say.  Fields of either IP version need "ip or ipv6".
 */
enum fp_prereq {
	P_NONE,
	P_VLAN,		/* a VLAN tag: VLAN_VID with the present bit */
	P_IP,
	P_IPV4,
	P_IPV6,
	P_ARP,
	P_MPLS,
	P_TCP,
	P_UDP,
	P_SCTP,
	P_ICMPV4,
	P_ICMPV6,
	P_ND,		/* ICMPv6 neighbour solicitation or advertisement */
	P_ND_SLL,	/* ... solicitation */
	P_ND_TLL,	/* ... advertisement */
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
	struct fp_pending tp[2];
	/* icmp_type/icmp_code wait for dl_type: ICMPv4's or ICMPv6's. */
	struct fp_pending icmp[2];
	/* "actions=...": parsed once the match is complete. */
	bool seen_actions;
	struct fp_tok actions;
};

/*
 * Tokens are compared with whole tables of names, most of which differ
 * from the token in the first byte: that byte first, then strlen().
 */
static inline bool fp_span_eq(struct fp_span s, const char *str)
{
	if (s.n && s.p[0] != str[0])
		return false;
	return (size_t)s.n == strlen(str) && !strncmp(s.p, str, s.n);
}

static inline bool fp_span_caseeq(struct fp_span s, const char *str)
{
	if (s.n && tolower((unsigned char)s.p[0]) !=
		   tolower((unsigned char)str[0]))
		return false;
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
static inline bool fp_span_split(struct fp_span s, struct fp_span *v,
				 struct fp_span *m)
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

/*
 * The next key[=:value] or key(value) token of *@sp, which moves past it;
 * false at the end of the text.
 */
bool weft_fp_next_tok(const char **sp, struct fp_tok *t);

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

/* Values of the address kinds, quoting @what on error. */
int weft_fp_mac(struct fp_parser *p, const char *what, struct fp_span v,
		__u8 *mac);
int weft_fp_ipv4(struct fp_parser *p, const char *what, struct fp_span v,
		 __be32 *addr);
int weft_fp_ipv6(struct fp_parser *p, const char *what, struct fp_span v,
		 __u8 *addr);
/* An IPv4 or IPv6 mask: a prefix length or an address. */
int weft_fp_ipv4_mask(struct fp_parser *p, struct fp_span m, __be32 *mask);
int weft_fp_ipv6_mask(struct fp_parser *p, struct fp_span m, __u8 *mask);
/* tcp_flags=+syn-ack, syn|ack, 0x12/0x12; ip_frag=no|yes|first|... */
int weft_fp_tcp_flags(struct fp_parser *p, struct fp_span v, __u16 *flags,
		      __u16 *mask);
int weft_fp_frag(struct fp_parser *p, struct fp_span v, __u8 *frag,
		 __u8 *mask);

/*
 * Parse @t if it is a match field or a protocol shorthand; *done says
 * whether it was.
 */
int weft_fp_match_token(struct fp_parser *p, const struct fp_tok *t,
			bool *done);
/* After the last match token: place pending fields, check prerequisites. */
int weft_fp_match_finish(struct fp_parser *p);

/* Whether @m meets prerequisite @pre, and how to say it is missing. */
bool weft_fp_prereq_met(unsigned int pre, const struct weft_match *m);
const char *weft_fp_prereq_text(unsigned int pre);

/*
 * Parse "actions=" of a flow (instructions allowed) into @insts, which is
 * zeroed (by weft_flow_init() or weft_flow_reinit(): clearing its 3 KiB
 * again per flow showed in big files); @m is the flow's complete match,
 * for set-field prerequisites and push_vlan.
 */
int weft_fp_insts(struct fp_parser *p, const char *text, struct fp_span all,
		  struct weft_insts *insts, const struct weft_match *m);

/*
 * Set-field (set_field.c): parse "VALUE->FIELD" of the current token into
 * @a, checking the field's prerequisites against @m unless it is NULL.
 */
int weft_fp_set_field(struct fp_parser *p, struct fp_span arg,
		      const struct weft_match *m, struct weft_action *a);
/*
 * A set-field of @attr to @value, from the mod_* actions: prerequisites
 * are checked against @m unless it is NULL, naming @what (the action).
 */
int weft_fp_set_field_attr(struct fp_parser *p, unsigned int attr,
			   const void *value, const struct weft_match *m,
			   struct weft_action *a);

#endif /* WEFT_FLOW_PARSE_H */
