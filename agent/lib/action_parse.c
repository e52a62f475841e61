// SPDX-License-Identifier: GPL-2.0
/*
 * ovs-ofctl action lists and OpenFlow 1.3 instructions -> weft_insts.
 *
 * "actions=" holds apply actions (the plain ones), then clear_actions,
 * write_actions(...), write_metadata:V[/M] and goto_table:N, in that
 * order, as ovs-ofctl insists for OpenFlow 1.1+.  Open vSwitch's
 * pre-OpenFlow-1.2 actions (mod_dl_src, mod_vlan_vid, ...) become the
 * set-field actions OpenFlow 1.3 has instead, and read back as such.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/if.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "port.h"
#include "util.h"

/* Instructions in the order OpenFlow 1.3 keeps them; 1 is "apply". */
enum { R_APPLY = 1, R_CLEAR, R_WRITE, R_META, R_GOTO };

static const char *const rank_names[] = {
	[R_APPLY] = "apply_actions", [R_CLEAR] = "clear_actions",
	[R_WRITE] = "write_actions", [R_META] = "write_metadata",
	[R_GOTO] = "goto_table",
};

struct acts_ctx {
	struct fp_parser *p;
	const struct weft_match *m;	/* NULL: prerequisites not checked */
	bool insts;			/* instructions allowed */
	bool packet_out;		/* output:TABLE allowed */
	bool write;			/* inside write_actions(...) */
	bool has_vlan;			/* a VLAN tag is known to be there */
	struct fp_span all;		/* the whole list, for messages */
	int rank;
};

static struct weft_action *add_action(struct acts_ctx *c,
				      struct weft_actions *acts, __u16 type)
{
	struct weft_action *a;

	if (acts->n == WEFT_ACTIONS_MAX) {
		weft_fp_fail(c->p, "too many actions (at most %d) in \"%.*s\"",
			     WEFT_ACTIONS_MAX, c->all.n, c->all.p);
		return NULL;
	}
	a = &acts->a[acts->n++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	return a;
}

/*
 * Whether a bare word in an action list names a port (a number, a reserved
 * port or a known port): if not, it is an action we do not know, and saying
 * "invalid port" would mislead.
 */
static bool is_port_word(struct fp_parser *p, struct fp_span s)
{
	char name[IFNAMSIZ];
	__u32 port;

	if (!fp_span_str(s, name, sizeof(name)))
		return false;
	if (weft_port_no_parse(name, &port) != -EINVAL)
		return true;
	return p->resolve && p->resolve(p->ctx, name, &port) != -ENOENT;
}

static int parse_output(struct acts_ctx *c, struct weft_actions *acts,
			struct fp_span v)
{
	struct weft_action *a;
	__u32 port;
	int err;

	err = weft_fp_port(c->p, v, &port);
	if (err)
		return err;
	if (port == WEFT_PORT_TABLE && !c->packet_out)
		return weft_fp_bad(c->p, "port", v, " (only in packet-out)");
	if (port == WEFT_PORT_NORMAL)
		return weft_fp_bad(c->p, "port", v, " (not supported by weft)");
	if (port == WEFT_PORT_ANY || port == 0 ||
	    (port > WEFT_PORT_MAX && port < WEFT_PORT_IN_PORT))
		return weft_fp_bad(c->p, "port", v, "");
	/* The kernel makes output:CONTROLLER a whole-packet packet-in. */
	if (port == WEFT_PORT_CONTROLLER) {
		a = add_action(c, acts, WEFT_ACT_A_CONTROLLER);
		if (a)
			a->arg = WEFT_CTRL_NO_BUFFER;
		return a ? 0 : -EINVAL;
	}
	a = add_action(c, acts, WEFT_ACT_A_OUTPUT);
	if (!a)
		return -EINVAL;
	a->arg = port;
	return 0;
}

/* controller, controller:N, controller(max_len=N) */
static int parse_controller(struct acts_ctx *c, struct weft_actions *acts,
			    const struct fp_tok *t)
{
	unsigned long long n = WEFT_CTRL_NO_BUFFER;
	struct fp_span v = t->val;
	struct weft_action *a;
	int err;

	if (t->has_val && v.n > 8 && !strncmp(v.p, "max_len=", 8)) {
		v.p += 8;
		v.n -= 8;
	} else if (t->has_val && memchr(v.p, '=', v.n)) {
		return weft_fp_fail(c->p, "only max_len=N is supported in \"%.*s\"",
				    t->all.n, t->all.p);
	}
	if (t->has_val) {
		err = weft_fp_num(c->p, "max_len", v, 0xffff, &n);
		if (err)
			return err;
	}
	a = add_action(c, acts, WEFT_ACT_A_CONTROLLER);
	if (!a)
		return -EINVAL;
	a->arg = (__u32)n;
	return 0;
}

/* A set-field made from one of ovs-ofctl's mod_* actions. */
static int add_set(struct acts_ctx *c, struct weft_actions *acts,
		   unsigned int attr, const void *value)
{
	struct weft_action tmp, *a;
	int err;

	err = weft_fp_set_field_attr(c->p, attr, value, c->m, &tmp);
	if (err)
		return err;
	a = add_action(c, acts, WEFT_ACT_A_SET_FIELD);
	if (!a)
		return -EINVAL;
	*a = tmp;
	return 0;
}

/* mod_vlan_vid/mod_vlan_pcp push a tag first when none is known. */
static int push_vlan_if_needed(struct acts_ctx *c, struct weft_actions *acts)
{
	struct weft_action *a;

	if (c->has_vlan)
		return 0;
	a = add_action(c, acts, WEFT_ACT_A_PUSH_VLAN);
	if (!a)
		return -EINVAL;
	a->arg = 0x8100;
	c->has_vlan = true;
	return 0;
}

static int parse_mod_tp(struct acts_ctx *c, struct weft_actions *acts,
			const struct fp_tok *t, bool src)
{
	static const unsigned int attrs[3][2] = {
		{ WEFT_KEY_A_TCP_DST, WEFT_KEY_A_TCP_SRC },
		{ WEFT_KEY_A_UDP_DST, WEFT_KEY_A_UDP_SRC },
		{ WEFT_KEY_A_SCTP_DST, WEFT_KEY_A_SCTP_SRC },
	};
	static const unsigned int pre[3] = { P_TCP, P_UDP, P_SCTP };
	unsigned long long n;
	__be16 port;
	int i, err;

	err = weft_fp_num(c->p, "port", t->val, 0xffff, &n);
	if (err)
		return err;
	port = htons((__u16)n);
	for (i = 0; c->m && i < 3; i++)
		if (weft_fp_prereq_met(pre[i], c->m))
			return add_set(c, acts, attrs[i][src], &port);
	return weft_fp_fail(c->p, "%.*s needs tcp, udp or sctp in the match (or use set_field:%llu->tcp_%s) in \"%.*s\"",
			    t->key.n, t->key.p, n, src ? "src" : "dst",
			    t->all.n, t->all.p);
}

/* Actions of one Ethernet type argument: push_vlan, push_mpls, pop_mpls. */
static int parse_ethertype(struct acts_ctx *c, struct weft_actions *acts,
			   const struct fp_tok *t, __u16 type)
{
	struct weft_action *a;
	unsigned long long n;
	bool ok;
	int err;

	err = weft_fp_num(c->p, "Ethernet type", t->val, 0xffff, &n);
	if (err)
		return err;
	if (type == WEFT_ACT_A_PUSH_VLAN)
		ok = n == 0x8100 || n == 0x88a8;
	else if (type == WEFT_ACT_A_PUSH_MPLS)
		ok = n == 0x8847 || n == 0x8848;
	else
		ok = n >= 0x0600;
	if (!ok)
		return weft_fp_bad(c->p, "Ethernet type", t->val,
				   type == WEFT_ACT_A_PUSH_VLAN ? " (0x8100 or 0x88a8)" :
				   type == WEFT_ACT_A_PUSH_MPLS ? " (0x8847 or 0x8848)" :
				   " (at least 0x0600)");
	a = add_action(c, acts, type);
	if (!a)
		return -EINVAL;
	a->arg = (__u32)n;
	if (type == WEFT_ACT_A_PUSH_VLAN)
		c->has_vlan = true;
	return 0;
}

/* Actions that take no argument, by ovs-ofctl name. */
static const struct {
	const char *name;
	__u16 type;
} flag_actions[] = {
	{ "pop_vlan", WEFT_ACT_A_POP_VLAN },
	{ "strip_vlan", WEFT_ACT_A_POP_VLAN },
	{ "dec_ttl", WEFT_ACT_A_DEC_NW_TTL },
	{ "dec_mpls_ttl", WEFT_ACT_A_DEC_MPLS_TTL },
	{ "copy_ttl_out", WEFT_ACT_A_COPY_TTL_OUT },
	{ "copy_ttl_in", WEFT_ACT_A_COPY_TTL_IN },
};

/* Actions that take a number: which action, what range. */
static const struct {
	const char *name;
	__u16 type;
	unsigned int attr;	/* SET_FIELD: the field */
	unsigned long long max;
} num_actions[] = {
	{ "group", WEFT_ACT_A_GROUP, 0, WEFT_GROUP_MAX },
	{ "set_queue", WEFT_ACT_A_SET_QUEUE, 0, 0xffffffffULL },
	{ "mod_nw_ttl", WEFT_ACT_A_SET_NW_TTL, 0, 255 },
	{ "set_nw_ttl", WEFT_ACT_A_SET_NW_TTL, 0, 255 },
	{ "set_mpls_ttl", WEFT_ACT_A_SET_MPLS_TTL, 0, 255 },
	{ "set_mpls_label", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_MPLS_LABEL, 0xfffff },
	{ "set_mpls_tc", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_MPLS_TC, 7 },
	{ "mod_nw_tos", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_IP_DSCP, 252 },
	{ "mod_nw_ecn", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_IP_ECN, 3 },
	{ "mod_vlan_vid", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_VLAN_VID, 4095 },
	{ "mod_vlan_pcp", WEFT_ACT_A_SET_FIELD, WEFT_KEY_A_VLAN_PCP, 7 },
};

static int parse_num_action(struct acts_ctx *c, struct weft_actions *acts,
			    const struct fp_tok *t, size_t i)
{
	__u8 value[WEFT_FIELD_MAX_LEN] = { 0 };
	unsigned int attr = num_actions[i].attr;
	struct weft_action *a;
	unsigned long long n;
	int err;

	err = weft_fp_num(c->p, num_actions[i].name, t->val,
			  num_actions[i].max, &n);
	if (err)
		return err;
	if (num_actions[i].type != WEFT_ACT_A_SET_FIELD) {
		a = add_action(c, acts, num_actions[i].type);
		if (!a)
			return -EINVAL;
		a->arg = (__u32)n;
		return 0;
	}
	switch (attr) {
	case WEFT_KEY_A_IP_DSCP:
		if (n & 3)
			return weft_fp_bad(c->p, "mod_nw_tos", t->val,
					   " (the low 2 bits are ECN and must be zero)");
		n >>= 2;
		break;
	case WEFT_KEY_A_VLAN_VID:
		n |= WEFT_VID_PRESENT;
		/* fall through */
	case WEFT_KEY_A_VLAN_PCP:
		err = push_vlan_if_needed(c, acts);
		if (err)
			return err;
		break;
	}
	weft_put_uint(value, weft_match_field_len(attr), false, n);
	return add_set(c, acts, attr, value);
}

/* The action set holds one action per kind (set-fields: per field). */
static int check_write_dup(struct acts_ctx *c, const struct weft_actions *acts)
{
	const struct weft_action *b = &acts->a[acts->n - 1];
	unsigned int i;

	for (i = 0; i + 1 < acts->n; i++) {
		const struct weft_action *a = &acts->a[i];
		bool out_a = a->type == WEFT_ACT_A_OUTPUT ||
			     a->type == WEFT_ACT_A_CONTROLLER;
		bool out_b = b->type == WEFT_ACT_A_OUTPUT ||
			     b->type == WEFT_ACT_A_CONTROLLER;

		if ((out_a && out_b) ||
		    (a->type == b->type && (a->type != WEFT_ACT_A_SET_FIELD ||
					    a->field == b->field)))
			return weft_fp_fail(c->p, "write_actions holds one action of each kind (one set_field per field) in \"%.*s\"",
					    c->all.n, c->all.p);
	}
	return 0;
}

/* One apply (or write) action; *@known says whether @t was one. */
static int parse_action(struct acts_ctx *c, struct weft_actions *acts,
			const struct fp_tok *t, bool *known)
{
	struct weft_action *a;
	__u8 value[WEFT_FIELD_MAX_LEN] = { 0 };
	size_t i;
	int err;

	*known = true;
	for (i = 0; i < ARRAY_SIZE(flag_actions); i++) {
		if (!fp_span_eq(t->key, flag_actions[i].name))
			continue;
		if (t->has_val)
			return weft_fp_fail(c->p, "%s takes no value in \"%.*s\"",
					    flag_actions[i].name, t->all.n,
					    t->all.p);
		if (flag_actions[i].type == WEFT_ACT_A_POP_VLAN)
			c->has_vlan = false;
		return add_action(c, acts, flag_actions[i].type) ? 0 : -EINVAL;
	}
	if (fp_span_caseeq(t->key, "controller"))
		return parse_controller(c, acts, t);
	for (i = 0; i < ARRAY_SIZE(num_actions); i++) {
		if (!fp_span_eq(t->key, num_actions[i].name))
			continue;
		if (!t->has_val || !t->val.n)
			return weft_fp_fail(c->p, "missing value in \"%.*s\"",
					    t->all.n, t->all.p);
		return parse_num_action(c, acts, t, i);
	}
	if (!t->has_val) {
		/* A bare port: "2", "LOCAL", "in_port", "eth1". */
		if (!is_port_word(c->p, t->key)) {
			*known = false;
			return 0;
		}
		return parse_output(c, acts, t->key);
	}
	if (fp_span_caseeq(t->key, "output"))
		return parse_output(c, acts, t->val);
	if (fp_span_eq(t->key, "set_field")) {
		struct weft_action tmp;

		err = weft_fp_set_field(c->p, t->val, c->m, &tmp);
		if (err)
			return err;
		a = add_action(c, acts, WEFT_ACT_A_SET_FIELD);
		if (!a)
			return -EINVAL;
		*a = tmp;
		return 0;
	}
	if (fp_span_eq(t->key, "mod_dl_src") || fp_span_eq(t->key, "mod_dl_dst")) {
		err = weft_fp_mac(c->p, "Ethernet address", t->val, value);
		return err ?: add_set(c, acts, t->key.p[7] == 's' ?
				      WEFT_KEY_A_ETH_SRC : WEFT_KEY_A_ETH_DST,
				      value);
	}
	if (fp_span_eq(t->key, "mod_nw_src") || fp_span_eq(t->key, "mod_nw_dst")) {
		err = weft_fp_ipv4(c->p, "IPv4 address", t->val, (__be32 *)value);
		return err ?: add_set(c, acts, t->key.p[7] == 's' ?
				      WEFT_KEY_A_IPV4_SRC : WEFT_KEY_A_IPV4_DST,
				      value);
	}
	if (fp_span_eq(t->key, "mod_tp_src") || fp_span_eq(t->key, "mod_tp_dst"))
		return parse_mod_tp(c, acts, t, t->key.p[7] == 's');
	if (fp_span_eq(t->key, "push_vlan"))
		return parse_ethertype(c, acts, t, WEFT_ACT_A_PUSH_VLAN);
	if (fp_span_eq(t->key, "push_mpls"))
		return parse_ethertype(c, acts, t, WEFT_ACT_A_PUSH_MPLS);
	if (fp_span_eq(t->key, "pop_mpls"))
		return parse_ethertype(c, acts, t, WEFT_ACT_A_POP_MPLS);
	*known = false;
	return 0;
}

static int parse_list(struct acts_ctx *c, const char *s,
		      struct weft_insts *in, struct weft_actions *acts);

static int parse_write(struct acts_ctx *c, const struct fp_tok *t,
		       struct weft_insts *in)
{
	struct acts_ctx sub = *c;
	char *text;
	int err;

	text = strndup(t->val.p, t->val.n);
	if (!text)
		return weft_fp_fail(c->p, "out of memory");
	sub.insts = false;
	sub.write = true;
	sub.rank = 0;
	sub.all = t->all;
	in->write.n = 0;
	err = parse_list(&sub, text, NULL, &in->write);
	free(text);
	/* An empty action set changes nothing: no need to send it. */
	if (!err && in->write.n)
		in->present |= WEFT_BIT(WEFT_INST_A_WRITE_ACTIONS);
	return err;
}

/* An instruction; *@known says whether @t was one. */
static int parse_inst(struct acts_ctx *c, const struct fp_tok *t,
		      struct weft_insts *in, bool *known)
{
	struct fp_parser *p = c->p;
	unsigned long long v, m = ~0ULL;
	struct fp_span vs, ms;
	int rank, err;

	if (fp_span_eq(t->key, "clear_actions"))
		rank = R_CLEAR;
	else if (fp_span_eq(t->key, "write_actions"))
		rank = R_WRITE;
	else if (fp_span_eq(t->key, "write_metadata"))
		rank = R_META;
	else if (fp_span_eq(t->key, "goto_table"))
		rank = R_GOTO;
	else
		rank = R_APPLY;
	*known = rank != R_APPLY;
	if (!*known)
		return 0;
	if (!c->insts)
		return weft_fp_fail(p, "%s is an instruction, not an action, in \"%.*s\"",
				    rank_names[rank], t->all.n, t->all.p);
	if (rank == c->rank)
		return weft_fp_fail(p, "duplicate %s instruction in \"%.*s\"",
				    rank_names[rank], c->all.n, c->all.p);
	if (rank < c->rank)
		return weft_fp_fail(p, "invalid instruction ordering: %s must appear before %s in \"%.*s\"",
				    rank_names[rank], rank_names[c->rank],
				    c->all.n, c->all.p);
	c->rank = rank;
	if (rank == R_CLEAR) {
		if (t->has_val)
			return weft_fp_fail(p, "clear_actions takes no value in \"%.*s\"",
					    t->all.n, t->all.p);
		in->present |= WEFT_BIT(WEFT_INST_A_CLEAR_ACTIONS);
		return 0;
	}
	if (!t->has_val || (!t->val.n && rank != R_WRITE))
		return weft_fp_fail(p, "missing value in \"%.*s\"", t->all.n,
				    t->all.p);
	if (rank == R_WRITE)
		return parse_write(c, t, in);
	if (rank == R_META) {
		bool has_mask = fp_span_split(t->val, &vs, &ms);

		err = weft_fp_num(p, "metadata", vs, ~0ULL, &v);
		if (!err && has_mask)
			err = weft_fp_num(p, "metadata mask", ms, ~0ULL, &m);
		if (err)
			return err;
		in->meta_value = v & m;
		in->meta_mask = m;
		in->present |= WEFT_BIT(WEFT_INST_A_WRITE_METADATA);
		return 0;
	}
	err = weft_fp_num(p, "table", t->val, WEFT_TABLE_MAX, &v);
	if (err)
		return err;
	/* A goto leads forward, from the table the flow is in. */
	if (p->flow && v <= p->flow->table)
		return weft_fp_bad(p, "table", t->val,
				   " (goto_table must go to a later table)");
	in->goto_table = (__u8)v;
	in->present |= WEFT_BIT(WEFT_INST_A_GOTO_TABLE);
	return 0;
}

static int parse_list(struct acts_ctx *c, const char *s,
		      struct weft_insts *in, struct weft_actions *acts)
{
	struct fp_parser *p = c->p;
	bool drop = false, known, any = false;
	struct fp_tok t;
	int err;

	while (weft_fp_next_tok(&s, &t)) {
		p->tok = &t;
		if (!t.has_val && fp_span_caseeq(t.key, "drop")) {
			drop = true;
			continue;
		}
		any = true;
		/* Without instructions allowed (@in NULL), these are errors. */
		err = parse_inst(c, &t, in, &known);
		if (err || known)
			goto next;
		if (c->rank > R_APPLY)
			return weft_fp_fail(p, "invalid instruction ordering: apply_actions must appear before %s in \"%.*s\"",
					    rank_names[c->rank], c->all.n,
					    c->all.p);
		c->rank = c->insts ? R_APPLY : c->rank;
		err = parse_action(c, acts, &t, &known);
		if (!err && !known)
			return weft_fp_fail(p, t.has_val ?
					    "unsupported action \"%.*s\" in \"%.*s\"" :
					    "unknown action \"%.*s\" in \"%.*s\"",
					    t.key.n, t.key.p, t.has_val ? t.all.n : c->all.n,
					    t.has_val ? t.all.p : c->all.p);
		if (!err && c->write)
			err = check_write_dup(c, acts);
next:
		if (err)
			return err;
	}
	if (drop && any)
		return weft_fp_fail(p, "\"drop\" must be the only action in \"%.*s\"",
				    c->all.n, c->all.p);
	return 0;
}

int weft_fp_insts(struct fp_parser *p, const char *text, struct fp_span all,
		  struct weft_insts *insts, const struct weft_match *m)
{
	struct acts_ctx c = {
		.p = p, .m = m, .insts = true, .all = all,
	};
	int err;

	/* A tag in the match is a tag in the packet: no push needed. */
	c.has_vlan = weft_fp_prereq_met(P_VLAN, m);
	err = parse_list(&c, text, insts, &insts->apply);
	if (!err && insts->apply.n)
		insts->present |= WEFT_BIT(WEFT_INST_A_APPLY_ACTIONS);
	return err;
}

int weft_actions_from_str(struct weft_actions *acts, const char *text,
			  enum weft_actions_use use,
			  weft_port_resolver resolve, void *ctx,
			  char *err, size_t errlen)
{
	struct fp_parser p = {
		.resolve = resolve, .ctx = ctx, .err = err, .errlen = errlen,
		.op = WEFT_FLOW_OP_ADD,
	};
	struct acts_ctx c = {
		.p = &p, .packet_out = use == WEFT_ACTIONS_PACKET_OUT,
		.all = { text, (int)strlen(text) },
	};
	int ret;

	if (errlen)
		err[0] = '\0';
	acts->n = 0;
	ret = parse_list(&c, text, NULL, acts);
	if (ret)
		acts->n = 0;
	return ret;
}
