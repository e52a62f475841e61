// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_match -> text, as Open vSwitch's match_format() prints a
 * match, field order and number formats included, so that people and
 * scripts used to ovs-ofctl read weftctl's output alike.  The same items,
 * without shorthands, make the JSON "match" object.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "attrs.h"
#include "flow_text.h"
#include "port.h"
#include "util.h"

#define ETH_TYPE_IP	0x0800
#define ETH_TYPE_IPV6	0x86dd

/* One printed field of a match. */
enum {
	ITEM_TEXT_ONLY = 1,	/* shorthands and priority */
	ITEM_JSON_ONLY = 2,	/* dl_type/nw_proto that a shorthand covers */
};

struct item {
	const char *name;
	char value[96];		/* "" for bare keywords */
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

#define ITEM_PRINTF(it, name, flags, ...)				\
	snprintf(add_item(it, name, flags)->value,			\
		 sizeof((it)->item[0].value), __VA_ARGS__)

static unsigned long long get(const struct weft_match *m, unsigned int attr,
			      bool be)
{
	return weft_get_uint(weft_key_field_const(&m->key, attr),
			     weft_match_field_len(attr), be);
}

static unsigned long long get_mask(const struct weft_match *m,
				   unsigned int attr, bool be)
{
	__u8 mask[WEFT_FIELD_MAX_LEN];

	weft_match_get_mask(m, attr, mask);
	return weft_get_uint(mask, weft_match_field_len(attr), be);
}

static unsigned long long full(unsigned int attr, bool be)
{
	__u8 valid[WEFT_FIELD_MAX_LEN];

	weft_match_field_valid(attr, valid);
	return weft_get_uint(valid, weft_match_field_len(attr), be);
}

/* ovs-ofctl's format_be16_masked(): decimal if exact, else hex/hex. */
static void add_dec(struct items *it, const struct weft_match *m,
		    unsigned int attr, const char *name, bool be,
		    unsigned int flags)
{
	unsigned long long v = get(m, attr, be), mask = get_mask(m, attr, be);

	if (!weft_match_has(m, attr))
		return;
	if (mask == full(attr, be))
		ITEM_PRINTF(it, name, flags, "%llu", v);
	else
		ITEM_PRINTF(it, name, flags, "0x%llx/0x%llx", v, mask);
}

/* format_uint32_masked()/format_be64_masked(): "%#x", "/%#x" if masked. */
static void add_hex(struct items *it, const struct weft_match *m,
		    unsigned int attr, const char *name)
{
	unsigned long long v = get(m, attr, false), mask;

	if (!weft_match_has(m, attr))
		return;
	mask = get_mask(m, attr, false);
	if (mask == full(attr, false))
		ITEM_PRINTF(it, name, 0, "%#llx", v);
	else
		ITEM_PRINTF(it, name, 0, "%#llx/%#llx", v, mask);
}

static void add_ipv4(struct items *it, const struct weft_match *m,
		     unsigned int attr, const char *name)
{
	char a[INET_ADDRSTRLEN], ms[INET_ADDRSTRLEN];
	__be32 addr, mask;
	__u32 hm;

	if (!weft_match_has(m, attr))
		return;
	memcpy(&addr, weft_key_field_const(&m->key, attr), 4);
	weft_match_get_mask(m, attr, &mask);
	hm = ntohl(mask);
	inet_ntop(AF_INET, &addr, a, sizeof(a));
	if (hm == 0xffffffffU) {
		ITEM_PRINTF(it, name, 0, "%s", a);
	} else if ((~hm & (~hm + 1)) == 0) {
		/* A prefix mask: its complement is 2^n - 1. */
		ITEM_PRINTF(it, name, 0, "%s/%d", a, __builtin_popcount(hm));
	} else {
		inet_ntop(AF_INET, &mask, ms, sizeof(ms));
		ITEM_PRINTF(it, name, 0, "%s/%s", a, ms);
	}
}

static void add_ipv6(struct items *it, const struct weft_match *m,
		     unsigned int attr, const char *name)
{
	char a[INET6_ADDRSTRLEN], ms[INET6_ADDRSTRLEN];
	__u8 mask[16];
	int i, plen = 0;
	bool cidr = true;

	if (!weft_match_has(m, attr))
		return;
	weft_match_get_mask(m, attr, mask);
	inet_ntop(AF_INET6, weft_key_field_const(&m->key, attr), a, sizeof(a));
	for (i = 0; i < 128; i++) {
		bool bit = mask[i / 8] & (0x80 >> (i % 8));

		if (bit && plen != i)
			cidr = false;
		plen += bit;
	}
	if (plen == 128)
		ITEM_PRINTF(it, name, 0, "%s", a);
	else if (cidr)
		ITEM_PRINTF(it, name, 0, "%s/%d", a, plen);
	else
		ITEM_PRINTF(it, name, 0, "%s/%s", a,
			    inet_ntop(AF_INET6, mask, ms, sizeof(ms)));
}

static void add_mac(struct items *it, const struct weft_match *m,
		    unsigned int attr, const char *name)
{
	static const __u8 exact[WEFT_ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	__u8 mask[WEFT_ETH_ALEN];
	char a[18], ms[18];

	if (!weft_match_has(m, attr))
		return;
	weft_match_get_mask(m, attr, mask);
	weft_format_mac(weft_key_field_const(&m->key, attr), a);
	if (!memcmp(mask, exact, sizeof(exact))) {
		ITEM_PRINTF(it, name, 0, "%s", a);
	} else {
		weft_format_mac(mask, ms);
		ITEM_PRINTF(it, name, 0, "%s/%s", a, ms);
	}
}

/*
 * VLAN fields the way ovs-ofctl prints its 802.1Q TCI: OpenFlow 1.3's
 * VLAN_VID present bit is the TCI's CFI bit, VLAN_PCP its top three bits.
 */
static void add_vlan(struct items *it, const struct weft_match *m,
		     bool packet)
{
	bool has_vid = weft_match_has(m, WEFT_KEY_A_VLAN_VID);
	bool has_pcp = weft_match_has(m, WEFT_KEY_A_VLAN_PCP);
	unsigned int tci = 0, mask = 0, vid_mask, pcp_mask;

	if (!has_vid && !has_pcp)
		return;
	if (has_vid) {
		tci |= m->key.vlan_vid & 0x1fff;
		mask |= get_mask(m, WEFT_KEY_A_VLAN_VID, false) & 0x1fff;
	}
	if (has_pcp) {
		tci |= (m->key.vlan_pcp & 7) << 13;
		mask |= (get_mask(m, WEFT_KEY_A_VLAN_PCP, false) & 7) << 13;
	}
	/*
	 * Untagged.  A match on OpenFlow 1.3's VLAN_VID 0 is what Open
	 * vSwitch decodes as "vlan_tci=0x0000/0x1fff" (the VID and CFI bits);
	 * a packet's key, a whole TCI, it prints as "vlan_tci=0x0000".
	 */
	if ((mask & 0x1000) && !(tci & 0x1000)) {
		tci = 0;
		mask = packet ? 0xffff : 0x1fff;
	}

	vid_mask = mask & WEFT_VID_MASK;
	pcp_mask = mask & 0xe000;
	if ((mask & 0x1000) && (tci & 0x1000) &&
	    (!vid_mask || vid_mask == WEFT_VID_MASK) &&
	    (!pcp_mask || pcp_mask == 0xe000) && (vid_mask || pcp_mask)) {
		if (vid_mask)
			ITEM_PRINTF(it, "dl_vlan", 0, "%u", tci & WEFT_VID_MASK);
		if (pcp_mask)
			ITEM_PRINTF(it, "dl_vlan_pcp", 0, "%u", tci >> 13);
		return;
	}
	if (mask == 0xffff)
		ITEM_PRINTF(it, "vlan_tci", 0, "0x%04x", tci);
	else
		ITEM_PRINTF(it, "vlan_tci", 0, "0x%04x/0x%04x", tci, mask);
}

static void add_frag(struct items *it, const struct weft_match *m)
{
	unsigned int v = m->key.ip_frag, mask;
	const char *s = NULL;

	if (!weft_match_has(m, WEFT_KEY_A_IP_FRAG))
		return;
	mask = (unsigned int)get_mask(m, WEFT_KEY_A_IP_FRAG, false);
	if (mask == (WEFT_FRAG_ANY | WEFT_FRAG_LATER))
		s = v & WEFT_FRAG_ANY ? (v & WEFT_FRAG_LATER ? "later" : "first") :
		    (v & WEFT_FRAG_LATER ? "<error>" : "no");
	else if (mask == WEFT_FRAG_ANY)
		s = v & WEFT_FRAG_ANY ? "yes" : "no";
	else if (mask == WEFT_FRAG_LATER)
		s = v & WEFT_FRAG_LATER ? "later" : "not_later";
	if (s)
		ITEM_PRINTF(it, "nw_frag", 0, "%s", s);
}

/* Open vSwitch's format_flags_masked() with its TCP flag names. */
static void add_tcp_flags(struct items *it, const struct weft_match *m)
{
	static const char *const names[12] = {
		"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
		"[200]", "[400]", "[800]",
	};
	unsigned int v, mask, bit;
	struct weft_sbuf sb;
	struct item *i;

	if (!weft_match_has(m, WEFT_KEY_A_TCP_FLAGS))
		return;
	v = (unsigned int)get(m, WEFT_KEY_A_TCP_FLAGS, true);
	mask = (unsigned int)get_mask(m, WEFT_KEY_A_TCP_FLAGS, true);
	i = add_item(it, "tcp_flags", 0);
	weft_sb_init(&sb, i->value, sizeof(i->value));
	if (mask == 0xfff && !v)
		weft_sb_printf(&sb, "0");
	for (bit = 0; bit < 12; bit++) {
		if (!(mask & (1U << bit)))
			continue;
		if (mask == 0xfff) {
			if (v & (1U << bit))
				weft_sb_printf(&sb, "%s%s", sb.len ? "|" : "",
					       names[bit]);
		} else {
			weft_sb_printf(&sb, "%c%s", v & (1U << bit) ? '+' : '-',
				       names[bit]);
		}
	}
}

static void add_port(struct items *it, const struct weft_match *m,
		     unsigned int attr, const char *name)
{
	__u32 port;

	if (!weft_match_has(m, attr))
		return;
	memcpy(&port, weft_key_field_const(&m->key, attr), 4);
	weft_port_no_format(port, add_item(it, name, 0)->value,
			    sizeof(it->item[0].value));
}

/* The shorthand for the match's dl_type and nw_proto, as match_format(). */
static void add_shorthand(struct items *it, const struct weft_match *m,
			  bool *skip_type, bool *skip_proto)
{
	static const struct {
		const char *name;
		__u16 type;
		int proto;
	} names[] = {
		{ "icmp", ETH_TYPE_IP, 1 }, { "igmp", ETH_TYPE_IP, 2 },
		{ "tcp", ETH_TYPE_IP, 6 }, { "udp", ETH_TYPE_IP, 17 },
		{ "sctp", ETH_TYPE_IP, 132 }, { "ip", ETH_TYPE_IP, -1 },
		{ "icmp6", ETH_TYPE_IPV6, 58 }, { "tcp6", ETH_TYPE_IPV6, 6 },
		{ "udp6", ETH_TYPE_IPV6, 17 }, { "sctp6", ETH_TYPE_IPV6, 132 },
		{ "ipv6", ETH_TYPE_IPV6, -1 }, { "arp", 0x0806, -1 },
		{ "rarp", 0x8035, -1 }, { "mpls", 0x8847, -1 },
		{ "mplsm", 0x8848, -1 },
	};
	bool proto = weft_match_has(m, WEFT_KEY_A_IP_PROTO) &&
		     !weft_match_is_masked(m, WEFT_KEY_A_IP_PROTO);
	unsigned int type;
	size_t i;

	*skip_type = *skip_proto = false;
	if (!weft_match_has(m, WEFT_KEY_A_ETH_TYPE) ||
	    weft_match_is_masked(m, WEFT_KEY_A_ETH_TYPE))
		return;
	type = ntohs(m->key.eth_type);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].type != type ||
		    (names[i].proto >= 0 &&
		     (!proto || m->key.ip_proto != names[i].proto)))
			continue;
		add_item(it, names[i].name, ITEM_TEXT_ONLY);
		*skip_type = true;
		*skip_proto = names[i].proto >= 0;
		return;
	}
}

/*
 * The items of @m; @priority < 0 for none.  @packet: @m describes one
 * packet (a trace's key, a packet-in), printed as ovs-ofctl prints a flow
 * rather than a match.
 */
static void match_items(const struct weft_match *m, int priority,
			bool packet, struct items *it)
{
	static const char *const regs[8] = {
		"reg0", "reg1", "reg2", "reg3", "reg4", "reg5", "reg6", "reg7",
	};
	bool skip_type, skip_proto;
	unsigned int attr;
	int i;

	it->n = 0;
	if (priority >= 0 && priority != WEFT_DEFAULT_PRIORITY)
		ITEM_PRINTF(it, "priority", ITEM_TEXT_ONLY, "%d", priority);
	add_shorthand(it, m, &skip_type, &skip_proto);
	for (i = 0; i < 8; i++)
		add_hex(it, m, WEFT_KEY_A_REG0 + i, regs[i]);
	add_hex(it, m, WEFT_KEY_A_TUNNEL_ID, "tun_id");
	add_ipv4(it, m, WEFT_KEY_A_TUN_IPV4_SRC, "tun_src");
	add_ipv4(it, m, WEFT_KEY_A_TUN_IPV4_DST, "tun_dst");
	add_hex(it, m, WEFT_KEY_A_METADATA, "metadata");
	add_port(it, m, WEFT_KEY_A_IN_PORT, "in_port");
	add_port(it, m, WEFT_KEY_A_IN_PHY_PORT, "in_phy_port");
	add_vlan(it, m, packet);
	add_mac(it, m, WEFT_KEY_A_ETH_SRC, "dl_src");
	add_mac(it, m, WEFT_KEY_A_ETH_DST, "dl_dst");
	if (weft_match_has(m, WEFT_KEY_A_ETH_TYPE)) {
		if (weft_match_is_masked(m, WEFT_KEY_A_ETH_TYPE))
			ITEM_PRINTF(it, "dl_type", 0, "0x%04x/0x%04x",
				    ntohs(m->key.eth_type),
				    ntohs(m->mask.eth_type));
		else
			ITEM_PRINTF(it, "dl_type", skip_type ? ITEM_JSON_ONLY : 0,
				    "0x%04x", ntohs(m->key.eth_type));
	}
	add_ipv6(it, m, WEFT_KEY_A_IPV6_SRC, "ipv6_src");
	add_ipv6(it, m, WEFT_KEY_A_IPV6_DST, "ipv6_dst");
	if (weft_match_has(m, WEFT_KEY_A_IPV6_FLABEL)) {
		unsigned long long v = get(m, WEFT_KEY_A_IPV6_FLABEL, true);
		unsigned long long mask = get_mask(m, WEFT_KEY_A_IPV6_FLABEL, true);

		if (mask == 0xfffff)
			ITEM_PRINTF(it, "ipv6_label", 0, "0x%05llx", v);
		else
			ITEM_PRINTF(it, "ipv6_label", 0, "0x%05llx/0x%05llx",
				    v, mask);
	}
	add_ipv4(it, m, WEFT_KEY_A_ARP_SPA, "arp_spa");
	add_ipv4(it, m, WEFT_KEY_A_ARP_TPA, "arp_tpa");
	add_ipv4(it, m, WEFT_KEY_A_IPV4_SRC, "nw_src");
	add_ipv4(it, m, WEFT_KEY_A_IPV4_DST, "nw_dst");
	add_dec(it, m, WEFT_KEY_A_IP_PROTO, "nw_proto", false,
		skip_proto ? ITEM_JSON_ONLY : 0);
	add_dec(it, m, WEFT_KEY_A_ARP_OP, "arp_op", true, 0);
	add_mac(it, m, WEFT_KEY_A_ARP_SHA, "arp_sha");
	add_mac(it, m, WEFT_KEY_A_ARP_THA, "arp_tha");
	/* ovs-ofctl shows the DSCP as the TOS byte it sits in. */
	if (weft_match_has(m, WEFT_KEY_A_IP_DSCP))
		ITEM_PRINTF(it, "nw_tos", 0, "%u", (m->key.ip_dscp & 0x3f) << 2);
	add_dec(it, m, WEFT_KEY_A_IP_ECN, "nw_ecn", false, 0);
	add_dec(it, m, WEFT_KEY_A_MPLS_LABEL, "mpls_label", false, 0);
	add_dec(it, m, WEFT_KEY_A_MPLS_TC, "mpls_tc", false, 0);
	add_dec(it, m, WEFT_KEY_A_MPLS_BOS, "mpls_bos", false, 0);
	add_frag(it, m);
	add_dec(it, m, WEFT_KEY_A_ICMPV4_TYPE, "icmp_type", false, 0);
	add_dec(it, m, WEFT_KEY_A_ICMPV4_CODE, "icmp_code", false, 0);
	add_dec(it, m, WEFT_KEY_A_ICMPV6_TYPE, "icmp_type", false, 0);
	add_dec(it, m, WEFT_KEY_A_ICMPV6_CODE, "icmp_code", false, 0);
	add_ipv6(it, m, WEFT_KEY_A_ND_TARGET, "nd_target");
	add_mac(it, m, WEFT_KEY_A_ND_SLL, "nd_sll");
	add_mac(it, m, WEFT_KEY_A_ND_TLL, "nd_tll");
	add_dec(it, m, WEFT_KEY_A_TCP_SRC, "tp_src", true, 0);
	add_dec(it, m, WEFT_KEY_A_TCP_DST, "tp_dst", true, 0);
	add_dec(it, m, WEFT_KEY_A_UDP_SRC, "tp_src", true, 0);
	add_dec(it, m, WEFT_KEY_A_UDP_DST, "tp_dst", true, 0);
	add_dec(it, m, WEFT_KEY_A_SCTP_SRC, "tp_src", true, 0);
	add_dec(it, m, WEFT_KEY_A_SCTP_DST, "tp_dst", true, 0);
	add_tcp_flags(it, m);

	/* Fields a newer kernel sent that we cannot show: do not hide them. */
	for (attr = 1; attr < 64; attr++) {
		const struct weft_attr_desc *d;

		if (!(m->unknown & WEFT_BIT(attr)))
			continue;
		d = weft_attr_desc(&weft_attrs_key, attr);
		ITEM_PRINTF(it, "unknown_field", 0, "%s", d ? d->name : "?");
	}
}

static int format_items(const struct items *it, char *buf, size_t len)
{
	struct weft_sbuf sb;
	bool first = true;
	int i;

	weft_sb_init(&sb, buf, len);
	for (i = 0; i < it->n; i++) {
		const struct item *item = &it->item[i];

		if (item->flags & ITEM_JSON_ONLY)
			continue;
		weft_sb_printf(&sb, "%s%s%s%s", first ? "" : ",", item->name,
			       item->value[0] ? "=" : "", item->value);
		first = false;
	}
	return (int)sb.len;
}

int weft_flow_format_match(const struct weft_flow *flow, char *buf, size_t len)
{
	struct items it;

	match_items(&flow->match, flow->attrs & WEFT_BIT(WEFT_FLOW_A_PRIORITY) ?
		    flow->priority : 0, false, &it);
	return format_items(&it, buf, len);
}

int weft_match_format(const struct weft_match *m, char *buf, size_t len)
{
	struct items it;

	match_items(m, -1, true, &it);
	return format_items(&it, buf, len);
}

void weft_flow_match_fields(const struct weft_flow *flow,
			    weft_match_field_cb cb, void *ctx)
{
	struct items it;
	int i;

	match_items(&flow->match, -1, false, &it);
	for (i = 0; i < it.n; i++)
		if (!(it.item[i].flags & ITEM_TEXT_ONLY))
			cb(ctx, it.item[i].name, it.item[i].value);
}
