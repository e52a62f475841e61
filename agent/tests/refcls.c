// SPDX-License-Identifier: GPL-2.0
/*
 * refcls: the reference classifier (see refcls.h).  Deliberately naive:
 * no tuple spaces, no hashing, just "does every matched field of this flow
 * agree with the packet", so that it is obviously right and a disagreement
 * with the kernel points at the kernel.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "refcls.h"
#include "table.h"
#include "util.h"

static int fail(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (len)
		vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

void weft_refcls_init(struct refcls_case *c)
{
	memset(c, 0, sizeof(*c));
}

void weft_refcls_free(struct refcls_case *c)
{
	free(c->flows);
	free(c->packets);
	free(c->packet_lines);
	weft_refcls_init(c);
}

static bool same_flow(const struct weft_flow *a, const struct weft_flow *b)
{
	return a->table == b->table && a->priority == b->priority &&
	       a->match.fields == b->match.fields &&
	       a->match.masked == b->match.masked &&
	       !memcmp(&a->match.key, &b->match.key, sizeof(a->match.key)) &&
	       !memcmp(&a->match.mask, &b->match.mask, sizeof(a->match.mask));
}

static int add_flow(struct refcls_case *c, const char *text, char *err,
		    size_t len)
{
	struct weft_flow *f;
	size_t i;

	if (c->n_flows == c->cap_flows) {
		size_t cap = c->cap_flows ? c->cap_flows * 2 : 64;

		f = realloc(c->flows, cap * sizeof(*f));
		if (!f)
			return fail(err, len, "out of memory");
		c->flows = f;
		c->cap_flows = cap;
	}
	f = &c->flows[c->n_flows];
	if (weft_flow_from_str(f, text, WEFT_FLOW_OP_ADD, false, NULL, NULL,
			       err, len))
		return -1;
	/* OpenFlow's add: the same match and priority replaces the flow. */
	for (i = 0; i < c->n_flows; i++) {
		if (same_flow(&c->flows[i], f)) {
			c->flows[i] = *f;
			return 0;
		}
	}
	c->n_flows++;
	return 0;
}

static int add_packet(struct refcls_case *c, const char *text, char *err,
		      size_t len)
{
	struct weft_flow *f;

	if (c->n_packets == c->cap_packets) {
		size_t cap = c->cap_packets ? c->cap_packets * 2 : 64;
		struct weft_match *p = realloc(c->packets, cap * sizeof(*p));
		unsigned int *l;

		if (!p)
			return fail(err, len, "out of memory");
		c->packets = p;
		l = realloc(c->packet_lines, cap * sizeof(*l));
		if (!l)
			return fail(err, len, "out of memory");
		c->packet_lines = l;
		c->cap_packets = cap;
	}
	f = malloc(sizeof(*f));
	if (!f)
		return fail(err, len, "out of memory");
	if (weft_flow_from_str(f, text, WEFT_FLOW_OP_PACKET, false, NULL, NULL,
			       err, len)) {
		free(f);
		return -1;
	}
	c->packets[c->n_packets] = f->match;
	c->packet_lines[c->n_packets++] = 0;
	free(f);
	return 0;
}

static int add_ports(struct refcls_case *c, const char *s, char *err,
		     size_t len)
{
	char *copy = strdup(s), *tok, *save = NULL;
	int ret = 0;

	if (!copy)
		return fail(err, len, "out of memory");
	c->n_ports = 0;
	for (tok = strtok_r(copy, " \t,", &save); tok;
	     tok = strtok_r(NULL, " \t,", &save)) {
		unsigned long long v;
		unsigned int i;

		if (weft_parse_ull(tok, strlen(tok), WEFT_PORT_MAX, &v) || !v ||
		    c->n_ports == REFCLS_MAX_PORTS) {
			ret = fail(err, len, "invalid port \"%s\"", tok);
			break;
		}
		/* Kept in order: FLOOD goes out in port order. */
		for (i = c->n_ports; i > 0 && c->ports[i - 1] > v; i--)
			c->ports[i] = c->ports[i - 1];
		c->ports[i] = (__u32)v;
		c->n_ports++;
	}
	free(copy);
	return ret;
}

static int add_table(struct refcls_case *c, const char *s, char *err,
		     size_t len)
{
	unsigned long long id;
	char word[32];
	__u32 miss;
	int n = 0;

	if (sscanf(s, "%llu miss=%31s %n", &id, word, &n) != 2 ||
	    id > WEFT_TABLE_MAX || weft_table_miss_parse(word, &miss))
		return fail(err, len, "invalid table line \"%s\"", s);
	c->miss[id] = miss;
	return 0;
}

int weft_refcls_add_line(struct refcls_case *c, const char *line, char *err,
			 size_t len)
{
	static const struct {
		const char *word;
		int (*fn)(struct refcls_case *, const char *, char *, size_t);
	} kinds[] = {
		{ "flow", add_flow }, { "packet", add_packet },
		{ "ports", add_ports }, { "port", add_ports },
		{ "table", add_table },
	};
	size_t n = strcspn(line, " \t"), i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (n == strlen(kinds[i].word) && !strncmp(line, kinds[i].word, n))
			return kinds[i].fn(c, line + n + strspn(line + n, " \t"),
					   err, len);
	return fail(err, len, "unknown line \"%s\" (ports, table, flow or packet)",
		    line);
}

int weft_refcls_read(struct refcls_case *c, FILE *fp, const char *name,
		     char *err, size_t errlen)
{
	char *line = NULL, msg[512];
	unsigned int lineno = 0;
	size_t cap = 0, before;
	ssize_t n;
	int ret = 0;

	while ((n = getline(&line, &cap, fp)) >= 0) {
		char *s = line;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		s += strspn(s, " \t");
		if (!*s || *s == '#')
			continue;
		before = c->n_packets;
		if (weft_refcls_add_line(c, s, msg, sizeof(msg))) {
			ret = fail(err, errlen, "%s:%u: %s", name, lineno, msg);
			break;
		}
		if (c->n_packets > before)
			c->packet_lines[before] = lineno;
	}
	free(line);
	return ret;
}

/* ---- Tracing ----------------------------------------------------------- */

static bool matches(const struct weft_flow *f, const struct weft_key *key)
{
	unsigned int attr;

	for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++) {
		__u8 mask[WEFT_FIELD_MAX_LEN];
		const __u8 *want, *have;
		size_t len, i;

		if (!weft_match_has(&f->match, attr))
			continue;
		len = weft_match_field_len(attr);
		weft_match_get_mask(&f->match, attr, mask);
		want = weft_key_field_const(&f->match.key, attr);
		have = weft_key_field_const(key, attr);
		for (i = 0; i < len; i++)
			if ((have[i] & mask[i]) != (want[i] & mask[i]))
				return false;
	}
	return true;
}

static bool port_exists(const struct refcls_case *c, __u32 port)
{
	unsigned int i;

	if (port == WEFT_PORT_LOCAL)
		return true;
	for (i = 0; i < c->n_ports; i++)
		if (c->ports[i] == port)
			return true;
	return false;
}

static void out(struct weft_trace *t, __u32 port)
{
	if (t->n_out < WEFT_TRACE_MAX_OUTPUTS)
		t->out[t->n_out++] = port;
}

/* OpenFlow output semantics, as weft documents them. */
static void output(const struct refcls_case *c, struct weft_trace *t,
		   const struct weft_key *key, __u32 port)
{
	unsigned int i;

	switch (port) {
	case WEFT_PORT_IN_PORT:
		port = key->in_port;
		break;
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
		/* Every port but the ingress one, the local port last. */
		for (i = 0; i < c->n_ports; i++)
			if (c->ports[i] != key->in_port)
				out(t, c->ports[i]);
		if (key->in_port != WEFT_PORT_LOCAL)
			out(t, WEFT_PORT_LOCAL);
		return;
	default:
		/* A frame never goes back out of its port by number. */
		if (port == key->in_port)
			return;
	}
	if (port_exists(c, port))
		out(t, port);
}

/* Fields whose set-field refcls models: no packet header involved. */
static bool set_field_modelled(unsigned int attr)
{
	return attr == WEFT_KEY_A_METADATA || attr == WEFT_KEY_A_TUNNEL_ID ||
	       attr == WEFT_KEY_A_TUN_IPV4_SRC ||
	       attr == WEFT_KEY_A_TUN_IPV4_DST ||
	       (attr >= WEFT_KEY_A_REG0 && attr <= WEFT_KEY_A_REG7) ||
	       attr == WEFT_KEY_A_ETH_SRC || attr == WEFT_KEY_A_ETH_DST;
}

static int exec_action(const struct refcls_case *c, struct weft_trace *t,
		       struct weft_key *key, const struct weft_action *a,
		       char *err, size_t len)
{
	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
		output(c, t, key, a->arg);
		return 0;
	case WEFT_ACT_A_CONTROLLER:
		out(t, WEFT_PORT_CONTROLLER);
		return 0;
	case WEFT_ACT_A_SET_QUEUE:
		return 0;
	case WEFT_ACT_A_SET_FIELD:
		if (!set_field_modelled(a->field))
			break;
		memcpy(weft_key_field(key, a->field), a->value,
		       weft_match_field_len(a->field));
		return 0;
	}
	return fail(err, len, "refcls does not model action type %u", a->type);
}

/* The action set: one action per kind, one set-field per field. */
struct aset {
	const struct weft_action *output;	/* OUTPUT or CONTROLLER */
	const struct weft_action *queue;
	const struct weft_action *sf[WEFT_KEY_A_MAX + 1];
	unsigned int sf_order[WEFT_KEY_A_MAX + 1];
	unsigned int n_sf;
};

static int aset_write(struct aset *as, const struct weft_actions *acts,
		      char *err, size_t len)
{
	unsigned int i;

	for (i = 0; i < acts->n; i++) {
		const struct weft_action *a = &acts->a[i];

		switch (a->type) {
		case WEFT_ACT_A_OUTPUT:
		case WEFT_ACT_A_CONTROLLER:
			as->output = a;
			break;
		case WEFT_ACT_A_SET_QUEUE:
			as->queue = a;
			break;
		case WEFT_ACT_A_SET_FIELD:
			/* A field already in the set keeps its place. */
			if (!as->sf[a->field])
				as->sf_order[as->n_sf++] = a->field;
			as->sf[a->field] = a;
			break;
		default:
			return fail(err, len,
				    "refcls does not model action type %u in an action set",
				    a->type);
		}
	}
	return 0;
}

/* Run the action set in OpenFlow's order; also what the trace reports. */
static int aset_exec(const struct refcls_case *c, struct weft_trace *t,
		     struct weft_key *key, const struct aset *as, bool run,
		     char *err, size_t len)
{
	struct weft_actions *set = &t->action_set;
	const struct weft_action *list[WEFT_KEY_A_MAX + 3];
	unsigned int i, n = 0;

	for (i = 0; i < as->n_sf; i++)
		list[n++] = as->sf[as->sf_order[i]];
	if (as->queue)
		list[n++] = as->queue;
	if (as->output)
		list[n++] = as->output;
	set->n = 0;
	for (i = 0; i < n; i++) {
		set->a[set->n++] = *list[i];
		if (run && exec_action(c, t, key, list[i], err, len))
			return -1;
	}
	return 0;
}

/* Which fields the kernel reports in a trace's final key. */
static bool reported(unsigned int attr, const struct weft_key *k)
{
	__u16 type = ntohs(k->eth_type);
	bool ip4 = type == 0x0800, ip6 = type == 0x86dd, ip = ip4 || ip6;
	__u8 proto = k->ip_proto;
	bool icmp6 = ip6 && proto == 58;
	__u8 zero[WEFT_FIELD_MAX_LEN] = { 0 };

	switch (attr) {
	case WEFT_KEY_A_IN_PORT:
		return true;
	case WEFT_KEY_A_IN_PHY_PORT:
	case WEFT_KEY_A_METADATA:
	case WEFT_KEY_A_REG0 ... WEFT_KEY_A_REG7:
	case WEFT_KEY_A_TUNNEL_ID:
	case WEFT_KEY_A_TUN_IPV4_SRC:
	case WEFT_KEY_A_TUN_IPV4_DST:
		/* Pipeline metadata: only when set. */
		return memcmp(weft_key_field_const(k, attr), zero,
			      weft_match_field_len(attr));
	case WEFT_KEY_A_ETH_SRC:
	case WEFT_KEY_A_ETH_DST:
	case WEFT_KEY_A_ETH_TYPE:
	case WEFT_KEY_A_VLAN_VID:
		return true;
	case WEFT_KEY_A_VLAN_PCP:
		return k->vlan_vid & WEFT_VID_PRESENT;
	case WEFT_KEY_A_IP_DSCP:
	case WEFT_KEY_A_IP_ECN:
	case WEFT_KEY_A_IP_PROTO:
	case WEFT_KEY_A_IP_FRAG:
		return ip;
	case WEFT_KEY_A_IPV4_SRC:
	case WEFT_KEY_A_IPV4_DST:
		return ip4;
	case WEFT_KEY_A_IPV6_SRC:
	case WEFT_KEY_A_IPV6_DST:
	case WEFT_KEY_A_IPV6_FLABEL:
		return ip6;
	case WEFT_KEY_A_TCP_SRC:
	case WEFT_KEY_A_TCP_DST:
	case WEFT_KEY_A_TCP_FLAGS:
		return ip && proto == 6;
	case WEFT_KEY_A_UDP_SRC:
	case WEFT_KEY_A_UDP_DST:
		return ip && proto == 17;
	case WEFT_KEY_A_SCTP_SRC:
	case WEFT_KEY_A_SCTP_DST:
		return ip && proto == 132;
	case WEFT_KEY_A_ICMPV4_TYPE:
	case WEFT_KEY_A_ICMPV4_CODE:
		return ip4 && proto == 1;
	case WEFT_KEY_A_ICMPV6_TYPE:
	case WEFT_KEY_A_ICMPV6_CODE:
		return icmp6;
	case WEFT_KEY_A_ND_TARGET:
		return icmp6 && !k->icmpv6_code &&
		       (k->icmpv6_type == 135 || k->icmpv6_type == 136);
	case WEFT_KEY_A_ND_SLL:
		return icmp6 && !k->icmpv6_code && k->icmpv6_type == 135;
	case WEFT_KEY_A_ND_TLL:
		return icmp6 && !k->icmpv6_code && k->icmpv6_type == 136;
	case WEFT_KEY_A_ARP_OP:
	case WEFT_KEY_A_ARP_SPA:
	case WEFT_KEY_A_ARP_TPA:
	case WEFT_KEY_A_ARP_SHA:
	case WEFT_KEY_A_ARP_THA:
		return type == 0x0806;
	case WEFT_KEY_A_MPLS_LABEL:
	case WEFT_KEY_A_MPLS_TC:
	case WEFT_KEY_A_MPLS_BOS:
		return type == 0x8847 || type == 0x8848;
	}
	return false;
}

static void final_key(const struct weft_key *k, struct weft_match *m)
{
	unsigned int attr;

	memset(m, 0, sizeof(*m));
	for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++)
		if (reported(attr, k))
			weft_match_set(m, attr, weft_key_field_const(k, attr),
				       NULL);
}

/* The highest priority flow of @table matching @key; NULL if none. */
static int lookup(const struct refcls_case *c, __u8 table,
		  const struct weft_key *key, const struct weft_flow **best,
		  char *err, size_t len)
{
	size_t i;
	bool tie = false;

	*best = NULL;
	for (i = 0; i < c->n_flows; i++) {
		const struct weft_flow *f = &c->flows[i];

		if (f->table != table || !matches(f, key))
			continue;
		if (*best && f->priority == (*best)->priority)
			tie = true;
		if (!*best || f->priority > (*best)->priority) {
			*best = f;
			tie = false;
		}
	}
	/* OpenFlow leaves the choice undefined: no reference answer. */
	if (tie)
		return fail(err, len,
			    "two flows of priority %u in table %u match the packet: ambiguous",
			    (*best)->priority, table);
	return 0;
}

int weft_refcls_trace(const struct refcls_case *c,
		      const struct weft_match *packet, struct weft_trace *t,
		      char *err, size_t len)
{
	struct weft_key key = packet->key;
	struct aset as;
	__u8 table = 0;
	bool run = true;

	memset(t, 0, sizeof(*t));
	memset(&as, 0, sizeof(as));
	/* Every weft port is its own physical port. */
	key.in_phy_port = key.in_port;
	for (;;) {
		const struct weft_flow *f;
		const struct weft_insts *in;
		struct weft_trace_step *s;
		unsigned int i;

		if (lookup(c, table, &key, &f, err, len))
			return -1;
		if (t->n_steps == WEFT_TRACE_MAX_STEPS)
			return fail(err, len, "more than %d tables visited",
				    WEFT_TRACE_MAX_STEPS);
		s = &t->steps[t->n_steps++];
		s->table = table;
		if (!f) {
			s->miss = true;
			s->miss_kind = c->miss[table];
			if (s->miss_kind == WEFT_TABLE_MISS_CONTINUE &&
			    table < WEFT_TABLE_MAX) {
				table++;
				continue;
			}
			if (s->miss_kind == WEFT_TABLE_MISS_CONTROLLER)
				out(t, WEFT_PORT_CONTROLLER);
			/* A packet that misses leaves its action set unrun. */
			run = false;
			break;
		}
		s->flow = *f;
		in = &f->insts;
		for (i = 0; i < in->apply.n; i++)
			if (exec_action(c, t, &key, &in->apply.a[i], err, len))
				return -1;
		if (in->present & WEFT_BIT(WEFT_INST_A_CLEAR_ACTIONS))
			memset(&as, 0, sizeof(as));
		if (aset_write(&as, &in->write, err, len))
			return -1;
		if (in->present & WEFT_BIT(WEFT_INST_A_WRITE_METADATA))
			key.metadata = (key.metadata & ~in->meta_mask) |
				       (in->meta_value & in->meta_mask);
		if (!(in->present & WEFT_BIT(WEFT_INST_A_GOTO_TABLE)))
			break;
		table = in->goto_table;
	}
	if (aset_exec(c, t, &key, &as, run, err, len))
		return -1;
	final_key(&key, &t->key);
	return 0;
}
