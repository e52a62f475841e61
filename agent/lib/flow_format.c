// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_flow -> text, as ovs-ofctl dump-flows prints flows (its
 * ofputil_flow_stats_format() and match_format()), field order included,
 * so that people and scripts used to ovs-ofctl read weftctl's output alike.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "attrs.h"
#include "flow_text.h"
#include "port.h"
#include "util.h"

#define ETH_TYPE_IP	0x0800

/* A bounded string builder that, like snprintf, counts what did not fit. */
struct sbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void sb_init(struct sbuf *sb, char *buf, size_t size)
{
	sb->buf = buf;
	sb->size = size;
	sb->len = 0;
	if (size)
		buf[0] = '\0';
}

static void sb_printf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->len += n;
}

static const char *const flag_names[] = {
	"send_flow_rem", "check_overlap", "reset_counts",
	"no_packet_counts", "no_byte_counts",
};

const char *weft_flow_flag_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(flag_names))
		return NULL;
	return flag_names[bit];
}

/* One printed field of a match. */
enum {
	ITEM_TEXT_ONLY = 1,	/* shorthands and priority */
	ITEM_JSON_ONLY = 2,	/* dl_type/nw_proto that a shorthand covers */
};

struct item {
	const char *name;
	char value[40];		/* "" for bare keywords */
	unsigned int flags;
};

#define MAX_ITEMS	(WEFT_KEY_A_MAX + 8)

struct items {
	struct item item[MAX_ITEMS];
	int n;
};

static struct item *add_item(struct items *it, const char *name,
			     unsigned int flags)
{
	struct item *i = &it->item[it->n < MAX_ITEMS ? it->n++ : MAX_ITEMS - 1];

	i->name = name;
	i->value[0] = '\0';
	i->flags = flags;
	return i;
}

static void add_u(struct items *it, const char *name, unsigned int v,
		  unsigned int flags)
{
	snprintf(add_item(it, name, flags)->value, sizeof(it->item[0].value),
		 "%u", v);
}

/* ovs-ofctl's format_be16_masked(): decimal if exact, else hex/hex. */
static void add_masked(struct items *it, const char *name, unsigned int v,
		       unsigned int mask, unsigned int full)
{
	struct item *i = add_item(it, name, 0);

	if (mask == full)
		snprintf(i->value, sizeof(i->value), "%u", v);
	else
		snprintf(i->value, sizeof(i->value), "0x%x/0x%x", v, mask);
}

static void add_ipv4(struct items *it, const char *name, __be32 addr,
		     __be32 mask)
{
	struct item *i = add_item(it, name, 0);
	char a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];
	__u32 hm = ntohl(mask);

	inet_ntop(AF_INET, &addr, a, sizeof(a));
	if (hm == 0xffffffffU) {
		snprintf(i->value, sizeof(i->value), "%s", a);
	} else if ((~hm & (~hm + 1)) == 0) {
		/* A prefix mask: its complement is 2^n - 1. */
		snprintf(i->value, sizeof(i->value), "%s/%d", a,
			 __builtin_popcount(hm));
	} else {
		inet_ntop(AF_INET, &mask, m, sizeof(m));
		snprintf(i->value, sizeof(i->value), "%s/%s", a, m);
	}
}

static void add_mac(struct items *it, const char *name, const __u8 *mac,
		    const __u8 *mask)
{
	static const __u8 exact[WEFT_ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	struct item *i = add_item(it, name, 0);
	char a[18], m[18];

	weft_format_mac(mac, a);
	if (!memcmp(mask, exact, sizeof(exact))) {
		snprintf(i->value, sizeof(i->value), "%s", a);
	} else {
		weft_format_mac(mask, m);
		snprintf(i->value, sizeof(i->value), "%s/%s", a, m);
	}
}

static unsigned int mask8(const struct weft_match *m, unsigned int attr)
{
	__u8 v;

	weft_match_get_mask(m, attr, &v);
	return v;
}

static unsigned int mask16(const struct weft_match *m, unsigned int attr)
{
	__u16 v;

	weft_match_get_mask(m, attr, &v);
	return v;
}

/*
 * VLAN fields the way ovs-ofctl prints its 802.1Q TCI: OpenFlow 1.3's
 * VLAN_VID present bit is the TCI's CFI bit, VLAN_PCP its top three bits.
 */
static void add_vlan(struct items *it, const struct weft_match *m)
{
	bool has_vid = weft_match_has(m, WEFT_KEY_A_VLAN_VID);
	bool has_pcp = weft_match_has(m, WEFT_KEY_A_VLAN_PCP);
	unsigned int tci = 0, mask = 0, vid_mask, pcp_mask;
	struct item *i;

	if (!has_vid && !has_pcp)
		return;
	if (has_vid) {
		tci |= m->key.vlan_vid & 0x1fff;
		mask |= mask16(m, WEFT_KEY_A_VLAN_VID) & 0x1fff;
	}
	if (has_pcp) {
		tci |= (m->key.vlan_pcp & 7) << 13;
		mask |= (mask8(m, WEFT_KEY_A_VLAN_PCP) & 7) << 13;
	}
	/* Untagged: ovs-ofctl's "no tag" match is a TCI of 0 exactly. */
	if ((mask & 0x1000) && !(tci & 0x1000)) {
		tci = 0;
		mask = 0xffff;
	}

	vid_mask = mask & WEFT_VID_MASK;
	pcp_mask = mask & 0xe000;
	if ((mask & 0x1000) && (tci & 0x1000) &&
	    (!vid_mask || vid_mask == WEFT_VID_MASK) &&
	    (!pcp_mask || pcp_mask == 0xe000) && (vid_mask || pcp_mask)) {
		if (vid_mask)
			add_u(it, "dl_vlan", tci & WEFT_VID_MASK, 0);
		if (pcp_mask)
			add_u(it, "dl_vlan_pcp", tci >> 13, 0);
		return;
	}
	i = add_item(it, "vlan_tci", 0);
	if (mask == 0xffff)
		snprintf(i->value, sizeof(i->value), "0x%04x", tci);
	else
		snprintf(i->value, sizeof(i->value), "0x%04x/0x%04x", tci, mask);
}

static void add_tp(struct items *it, const struct weft_match *m,
		   unsigned int attr, const char *name)
{
	__be16 v, mask;

	if (!weft_match_has(m, attr))
		return;
	memcpy(&v, weft_key_field_const(&m->key, attr), sizeof(v));
	weft_match_get_mask(m, attr, &mask);
	add_masked(it, name, ntohs(v), ntohs(mask), 0xffff);
}

static void match_items(const struct weft_flow *flow, struct items *it)
{
	static const struct {
		const char *name;
		__u8 proto;
	} protos[] = {
		{ "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 },
		{ "sctp", 132 },
	};
	static const struct {
		const char *name;
		__u16 type;
	} types[] = {
		{ "arp", 0x0806 }, { "rarp", 0x8035 }, { "ipv6", 0x86dd },
		{ "mpls", 0x8847 }, { "mplsm", 0x8848 },
	};
	const struct weft_match *m = &flow->match;
	unsigned int priority = flow->attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY) ?
				flow->priority : 0;
	bool skip_type = false, skip_proto = false;
	unsigned int dl_type = 0, attr;
	size_t i;

	it->n = 0;
	if (priority != WEFT_DEFAULT_PRIORITY)
		add_u(it, "priority", priority, ITEM_TEXT_ONLY);

	if (weft_match_has(m, WEFT_KEY_A_ETH_TYPE) &&
	    !weft_match_is_masked(m, WEFT_KEY_A_ETH_TYPE)) {
		dl_type = ntohs(m->key.eth_type);
		if (dl_type == ETH_TYPE_IP) {
			const char *name = "ip";

			skip_type = true;
			for (i = 0; weft_match_has(m, WEFT_KEY_A_IP_PROTO) &&
			     i < ARRAY_SIZE(protos); i++) {
				if (protos[i].proto == m->key.ip_proto) {
					name = protos[i].name;
					skip_proto = true;
				}
			}
			add_item(it, name, ITEM_TEXT_ONLY);
		}
		for (i = 0; i < ARRAY_SIZE(types); i++) {
			if (types[i].type == dl_type) {
				add_item(it, types[i].name, ITEM_TEXT_ONLY);
				skip_type = true;
			}
		}
	}

	if (weft_match_has(m, WEFT_KEY_A_IN_PORT))
		weft_port_no_format(m->key.in_port,
				    add_item(it, "in_port", 0)->value,
				    sizeof(it->item[0].value));
	add_vlan(it, m);
	if (weft_match_has(m, WEFT_KEY_A_ETH_SRC)) {
		__u8 mask[WEFT_ETH_ALEN];

		weft_match_get_mask(m, WEFT_KEY_A_ETH_SRC, mask);
		add_mac(it, "dl_src", m->key.eth_src, mask);
	}
	if (weft_match_has(m, WEFT_KEY_A_ETH_DST)) {
		__u8 mask[WEFT_ETH_ALEN];

		weft_match_get_mask(m, WEFT_KEY_A_ETH_DST, mask);
		add_mac(it, "dl_dst", m->key.eth_dst, mask);
	}
	if (weft_match_has(m, WEFT_KEY_A_ETH_TYPE)) {
		__be16 mask;
		struct item *t;

		weft_match_get_mask(m, WEFT_KEY_A_ETH_TYPE, &mask);
		t = add_item(it, "dl_type", skip_type ? ITEM_JSON_ONLY : 0);
		if (mask == 0xffff)
			snprintf(t->value, sizeof(t->value), "0x%04x",
				 ntohs(m->key.eth_type));
		else
			snprintf(t->value, sizeof(t->value), "0x%04x/0x%04x",
				 ntohs(m->key.eth_type), ntohs(mask));
	}
	if (weft_match_has(m, WEFT_KEY_A_IPV4_SRC)) {
		__be32 mask;

		weft_match_get_mask(m, WEFT_KEY_A_IPV4_SRC, &mask);
		add_ipv4(it, "nw_src", m->key.ipv4_src, mask);
	}
	if (weft_match_has(m, WEFT_KEY_A_IPV4_DST)) {
		__be32 mask;

		weft_match_get_mask(m, WEFT_KEY_A_IPV4_DST, &mask);
		add_ipv4(it, "nw_dst", m->key.ipv4_dst, mask);
	}
	if (weft_match_has(m, WEFT_KEY_A_IP_PROTO)) {
		if (weft_match_is_masked(m, WEFT_KEY_A_IP_PROTO))
			add_masked(it, "nw_proto", m->key.ip_proto,
				   mask8(m, WEFT_KEY_A_IP_PROTO), 0xff);
		else
			add_u(it, "nw_proto", m->key.ip_proto,
			      skip_proto ? ITEM_JSON_ONLY : 0);
	}
	/* ovs-ofctl shows the DSCP as the TOS byte it sits in. */
	if (weft_match_has(m, WEFT_KEY_A_IP_DSCP))
		add_u(it, "nw_tos", (m->key.ip_dscp & 0x3f) << 2, 0);
	if (weft_match_has(m, WEFT_KEY_A_IP_ECN))
		add_u(it, "nw_ecn", m->key.ip_ecn & 3, 0);
	if (weft_match_has(m, WEFT_KEY_A_ICMPV4_TYPE))
		add_masked(it, "icmp_type", m->key.icmp_type,
			   mask8(m, WEFT_KEY_A_ICMPV4_TYPE), 0xff);
	if (weft_match_has(m, WEFT_KEY_A_ICMPV4_CODE))
		add_masked(it, "icmp_code", m->key.icmp_code,
			   mask8(m, WEFT_KEY_A_ICMPV4_CODE), 0xff);
	add_tp(it, m, WEFT_KEY_A_TCP_SRC, "tp_src");
	add_tp(it, m, WEFT_KEY_A_TCP_DST, "tp_dst");
	add_tp(it, m, WEFT_KEY_A_UDP_SRC, "tp_src");
	add_tp(it, m, WEFT_KEY_A_UDP_DST, "tp_dst");
	add_tp(it, m, WEFT_KEY_A_SCTP_SRC, "tp_src");
	add_tp(it, m, WEFT_KEY_A_SCTP_DST, "tp_dst");

	/* Fields a newer kernel sent that we cannot show: do not hide them. */
	for (attr = 1; attr < 64; attr++) {
		const struct weft_attr_desc *d;

		if (!(m->unknown & WEFT_BIT(attr)))
			continue;
		d = weft_attr_desc(&weft_attrs_key, attr);
		snprintf(add_item(it, "unknown_field", 0)->value,
			 sizeof(it->item[0].value), "%s",
			 d ? d->name : "?");
	}
}

int weft_flow_format_match(const struct weft_flow *flow, char *buf, size_t len)
{
	struct items it;
	struct sbuf sb;
	bool first = true;
	int i;

	sb_init(&sb, buf, len);
	match_items(flow, &it);
	for (i = 0; i < it.n; i++) {
		const struct item *item = &it.item[i];

		if (item->flags & ITEM_JSON_ONLY)
			continue;
		sb_printf(&sb, "%s%s%s%s", first ? "" : ",", item->name,
			  item->value[0] ? "=" : "", item->value);
		first = false;
	}
	return (int)sb.len;
}

void weft_flow_match_fields(const struct weft_flow *flow,
			    weft_match_field_cb cb, void *ctx)
{
	struct items it;
	int i;

	match_items(flow, &it);
	for (i = 0; i < it.n; i++)
		if (!(it.item[i].flags & ITEM_TEXT_ONLY))
			cb(ctx, it.item[i].name, it.item[i].value);
}

int weft_flow_format_actions(const struct weft_flow *flow, char *buf,
			     size_t len)
{
	struct sbuf sb;
	unsigned int i;

	sb_init(&sb, buf, len);
	if (!flow->n_actions)
		sb_printf(&sb, "drop");
	for (i = 0; i < flow->n_actions; i++) {
		const struct weft_action *a = &flow->actions[i];
		const char *sep = i ? "," : "";
		char port[16];

		if (a->type != WEFT_ACT_A_OUTPUT) {
			const struct weft_attr_desc *d;

			d = weft_attr_desc(&weft_attrs_act, a->type);
			sb_printf(&sb, "%sunknown_action(%s)", sep,
				  d ? d->name : "?");
			continue;
		}
		/* ovs-ofctl: "output:N" for ports, the bare name otherwise. */
		weft_port_no_format(a->port, port, sizeof(port));
		if (a->port <= WEFT_PORT_MAX || port[0] <= '9')
			sb_printf(&sb, "%soutput:%s", sep, port);
		else
			sb_printf(&sb, "%s%s", sep, port);
	}
	return (int)sb.len;
}

int weft_flow_format(const struct weft_flow *flow, char *buf, size_t len)
{
	char match[2048], actions[4096];
	struct sbuf sb;
	unsigned int bit;

	sb_init(&sb, buf, len);
	sb_printf(&sb, "cookie=0x%llx, duration=%llu",
		  (unsigned long long)flow->cookie,
		  (unsigned long long)(flow->duration_ms / 1000));
	/* ovs-ofctl: milliseconds when there are any, whole seconds if not. */
	if (flow->duration_ms % 1000)
		sb_printf(&sb, ".%03u", (unsigned int)(flow->duration_ms % 1000));
	sb_printf(&sb, "s, table=%u, n_packets=%llu, n_bytes=%llu, ",
		  flow->table, (unsigned long long)flow->n_packets,
		  (unsigned long long)flow->n_bytes);
	if (flow->idle_timeout)
		sb_printf(&sb, "idle_timeout=%u, ", flow->idle_timeout);
	if (flow->hard_timeout)
		sb_printf(&sb, "hard_timeout=%u, ", flow->hard_timeout);
	for (bit = 0; bit < 32; bit++) {
		if (!(flow->flags & (1U << bit)))
			continue;
		if (weft_flow_flag_name(bit))
			sb_printf(&sb, "%s ", weft_flow_flag_name(bit));
		else
			sb_printf(&sb, "flags(0x%x) ", 1U << bit);
	}
	weft_flow_format_match(flow, match, sizeof(match));
	weft_flow_format_actions(flow, actions, sizeof(actions));
	sb_printf(&sb, "%s%sactions=%s", match, match[0] ? " " : "", actions);
	return (int)sb.len;
}
