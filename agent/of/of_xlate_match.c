// SPDX-License-Identifier: GPL-2.0
/*
 * Matches: OXM lists and 1.0's ofp_match <-> struct weft_match.
 */
#include <endian.h>

#include "of_wire.h"
#include "of_xlate.h"
#include "of_xlate_priv.h"

/* OXM (class, field) -> WEFT_KEY_A_*, in canonical OXM order. */
static const struct oxm_map {
	uint16_t cls;
	uint8_t field;
	uint8_t attr;
	bool maskable;
} oxm_map[] = {
#define OB(f, a, m) { WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_##f, \
		      WEFT_KEY_A_##a, m }
	OB(IN_PORT, IN_PORT, false),
	OB(IN_PHY_PORT, IN_PHY_PORT, false),
	OB(METADATA, METADATA, true),
	OB(ETH_DST, ETH_DST, true),
	OB(ETH_SRC, ETH_SRC, true),
	OB(ETH_TYPE, ETH_TYPE, false),
	OB(VLAN_VID, VLAN_VID, true),
	OB(VLAN_PCP, VLAN_PCP, false),
	OB(IP_DSCP, IP_DSCP, false),
	OB(IP_ECN, IP_ECN, false),
	OB(IP_PROTO, IP_PROTO, false),
	OB(IPV4_SRC, IPV4_SRC, true),
	OB(IPV4_DST, IPV4_DST, true),
	OB(TCP_SRC, TCP_SRC, false),
	OB(TCP_DST, TCP_DST, false),
	OB(UDP_SRC, UDP_SRC, false),
	OB(UDP_DST, UDP_DST, false),
	OB(SCTP_SRC, SCTP_SRC, false),
	OB(SCTP_DST, SCTP_DST, false),
	OB(ICMPV4_TYPE, ICMPV4_TYPE, false),
	OB(ICMPV4_CODE, ICMPV4_CODE, false),
	OB(ARP_OP, ARP_OP, false),
	OB(ARP_SPA, ARP_SPA, true),
	OB(ARP_TPA, ARP_TPA, true),
	OB(ARP_SHA, ARP_SHA, true),
	OB(ARP_THA, ARP_THA, true),
	OB(IPV6_SRC, IPV6_SRC, true),
	OB(IPV6_DST, IPV6_DST, true),
	OB(IPV6_FLABEL, IPV6_FLABEL, true),
	OB(ICMPV6_TYPE, ICMPV6_TYPE, false),
	OB(ICMPV6_CODE, ICMPV6_CODE, false),
	OB(IPV6_ND_TARGET, ND_TARGET, false),
	OB(IPV6_ND_SLL, ND_SLL, false),
	OB(IPV6_ND_TLL, ND_TLL, false),
	OB(MPLS_LABEL, MPLS_LABEL, false),
	OB(MPLS_TC, MPLS_TC, false),
	OB(MPLS_BOS, MPLS_BOS, false),
	OB(TUNNEL_ID, TUNNEL_ID, true),
#define NX(f, a) { WEFT_OFPXMC_NXM_1, f, WEFT_KEY_A_##a, true }
	NX(0, REG0), NX(1, REG1), NX(2, REG2), NX(3, REG3),
	NX(4, REG4), NX(5, REG5), NX(6, REG6), NX(7, REG7),
	NX(WEFT_NXM_NX_TUN_IPV4_SRC, TUN_IPV4_SRC),
	NX(WEFT_NXM_NX_TUN_IPV4_DST, TUN_IPV4_DST),
	NX(WEFT_NXM_NX_IP_FRAG, IP_FRAG),
};
#define N_MAP (sizeof(oxm_map) / sizeof(oxm_map[0]))

/*
 * TCP flags in 1.3 are ONF's extension as Open vSwitch sends it: class
 * EXPERIMENTER, field 42, experimenter ONF, then the 2-byte value (and
 * mask).
 */
#define ONF_TCP_FLAGS	42

int of_xlate_attr(const struct weft_of_oxm *o, bool *maskable)
{
	size_t i;

	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER) {
		if (o->experimenter == WEFT_OF_ONF_VENDOR_ID &&
		    o->field == ONF_TCP_FLAGS &&
		    o->len == (o->hasmask ? 4 : 2)) {
			*maskable = true;
			return WEFT_KEY_A_TCP_FLAGS;
		}
		return -1;
	}
	for (i = 0; i < N_MAP; i++)
		if (oxm_map[i].cls == o->oxm_class &&
		    oxm_map[i].field == o->field) {
			*maskable = oxm_map[i].maskable;
			return oxm_map[i].attr;
		}
	return -1;
}

/* Host-order members of struct weft_key (the rest is wire order). */
static bool host_order(unsigned int attr)
{
	switch (attr) {
	case WEFT_KEY_A_IN_PORT:
	case WEFT_KEY_A_IN_PHY_PORT:
	case WEFT_KEY_A_VLAN_VID:
	case WEFT_KEY_A_METADATA:
	case WEFT_KEY_A_MPLS_LABEL:
	case WEFT_KEY_A_TUNNEL_ID:
		return true;
	}
	return attr >= WEFT_KEY_A_REG0 && attr <= WEFT_KEY_A_REG7;
}

void of_xlate_to_key(unsigned int attr, const uint8_t *wire, void *key)
{
	size_t len = weft_match_field_len(attr), i;
	uint8_t *k = key;

	if (!host_order(attr)) {
		memcpy(k, wire, len);
		return;
	}
	for (i = 0; i < len; i++)	/* big endian to host */
		k[i] = wire[__BYTE_ORDER == __LITTLE_ENDIAN ? len - 1 - i : i];
}

void of_xlate_to_wire(unsigned int attr, const void *key, uint8_t *wire)
{
	/* The conversion is its own inverse. */
	of_xlate_to_key(attr, key, wire);
}

static int oxm_to_weft(const struct weft_of_oxm *o, struct weft_match *m,
		       struct weft_of_error *err)
{
	uint8_t value[WEFT_FIELD_MAX_LEN], mask[WEFT_FIELD_MAX_LEN];
	uint8_t valid[WEFT_FIELD_MAX_LEN];
	const uint8_t *wv = o->value, *wm = o->mask;
	bool maskable, hasmask = o->hasmask;
	int attr = of_xlate_attr(o, &maskable);
	size_t len, i;

	if (attr < 0)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_FIELD);
	len = weft_match_field_len(attr);
	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER)
		wm = o->value + len;
	else if (o->len != len)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	if (hasmask && !maskable)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_MASK);
	if (weft_match_has(m, attr))
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_DUP_FIELD);
	of_xlate_to_key(attr, wv, value);
	weft_match_field_valid(attr, valid);
	if (hasmask)
		of_xlate_to_key(attr, wm, mask);
	for (i = 0; i < len; i++) {
		if (value[i] & ~valid[i])
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_VALUE);
		if (hasmask && (value[i] & ~mask[i]))
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_WILDCARDS);
	}
	weft_match_set(m, attr, value, hasmask ? mask : NULL);
	return 0;
}

static int match10_to_weft(const struct weft_of_match10 *x,
			   struct weft_match *m, struct weft_of_error *err);

int weft_of_match_to_weft(uint8_t version, const struct weft_of_match *om,
			  struct weft_match *m, struct weft_of_error *err)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	if (version == WEFT_OFP10_VERSION)
		return match10_to_weft(&om->m10, m, err);
	if (om->type != WEFT_OFPMT_OXM && om->n_oxms)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_TYPE);
	for (i = 0; i < om->n_oxms; i++)
		if (oxm_to_weft(&om->oxms[i], m, err))
			return -1;
	return 0;
}

static void set32(struct weft_match *m, unsigned int attr, uint32_t v,
		  const uint32_t *mask)
{
	uint8_t w[4], k[4], mk[4], mw[4];

	w[0] = v >> 24;
	w[1] = v >> 16;
	w[2] = v >> 8;
	w[3] = v;
	of_xlate_to_key(attr, w, k);
	if (mask) {
		mw[0] = *mask >> 24;
		mw[1] = *mask >> 16;
		mw[2] = *mask >> 8;
		mw[3] = *mask;
		of_xlate_to_key(attr, mw, mk);
	}
	weft_match_set(m, attr, k, mask ? mk : NULL);
}

static void set16(struct weft_match *m, unsigned int attr, uint16_t v)
{
	uint8_t w[2] = { v >> 8, v }, k[2];

	of_xlate_to_key(attr, w, k);
	weft_match_set(m, attr, k, NULL);
}

static void set8(struct weft_match *m, unsigned int attr, uint8_t v)
{
	weft_match_set(m, attr, &v, NULL);
}

/* 1.0's CIDR wildcard count -> a mask; NULL-equivalent when exact. */
static bool cidr_mask(uint32_t wc, int shift, uint32_t *mask)
{
	uint32_t n = (wc >> shift) & 0x3f;

	if (n >= 32)
		return false;
	*mask = n ? ~0U << n : ~0U;
	return true;
}

/*
 * 1.0 semantics: a field whose implicit prerequisite is absent (nw_* on a
 * non-IP, non-ARP frame, tp_* on anything but TCP, UDP, SCTP and ICMP) is
 * ignored, as Open vSwitch does, not an error.
 */
static int match10_to_weft(const struct weft_of_match10 *x,
			   struct weft_match *m, struct weft_of_error *err)
{
	uint32_t wc = x->wildcards, mask;
	bool ip, ip6, arp;

	if (!(wc & WEFT_OFPFW10_IN_PORT))
		set32(m, WEFT_KEY_A_IN_PORT, weft_of_port_from10(x->in_port),
		      NULL);
	if (!(wc & WEFT_OFPFW10_DL_SRC))
		weft_match_set(m, WEFT_KEY_A_ETH_SRC, x->dl_src, NULL);
	if (!(wc & WEFT_OFPFW10_DL_DST))
		weft_match_set(m, WEFT_KEY_A_ETH_DST, x->dl_dst, NULL);
	if (!(wc & WEFT_OFPFW10_DL_VLAN)) {
		if (x->dl_vlan == WEFT_OFP10_VLAN_NONE)
			set16(m, WEFT_KEY_A_VLAN_VID, 0);
		else if (x->dl_vlan > WEFT_VID_MASK)
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_VALUE);
		else
			set16(m, WEFT_KEY_A_VLAN_VID,
			      WEFT_VID_PRESENT | x->dl_vlan);
	}
	if (!(wc & WEFT_OFPFW10_DL_VLAN_PCP) &&
	    !(!(wc & WEFT_OFPFW10_DL_VLAN) &&
	      x->dl_vlan == WEFT_OFP10_VLAN_NONE)) {
		if (x->dl_vlan_pcp > 7)
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_VALUE);
		if (wc & WEFT_OFPFW10_DL_VLAN) {
			/* PCP implies a tag: "any tagged frame". */
			uint16_t p = WEFT_VID_PRESENT;

			weft_match_set(m, WEFT_KEY_A_VLAN_VID, &p, &p);
		}
		set8(m, WEFT_KEY_A_VLAN_PCP, x->dl_vlan_pcp);
	}
	if (wc & WEFT_OFPFW10_DL_TYPE)
		return 0;
	set16(m, WEFT_KEY_A_ETH_TYPE, x->dl_type);
	ip = x->dl_type == 0x0800;
	/* nw_tos, nw_proto and tp_* apply to IPv6 too (nw_src/dst cannot). */
	ip6 = x->dl_type == 0x86dd;
	arp = x->dl_type == 0x0806;
	if ((ip || ip6) && !(wc & WEFT_OFPFW10_NW_TOS)) {
		if (x->nw_tos & 3)
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_VALUE);
		set8(m, WEFT_KEY_A_IP_DSCP, x->nw_tos >> 2);
	}
	if ((ip || arp) && cidr_mask(wc, WEFT_OFPFW10_NW_SRC_SHIFT, &mask))
		set32(m, ip ? WEFT_KEY_A_IPV4_SRC : WEFT_KEY_A_ARP_SPA,
		      x->nw_src & mask, &mask);
	if ((ip || arp) && cidr_mask(wc, WEFT_OFPFW10_NW_DST_SHIFT, &mask))
		set32(m, ip ? WEFT_KEY_A_IPV4_DST : WEFT_KEY_A_ARP_TPA,
		      x->nw_dst & mask, &mask);
	if (arp && !(wc & WEFT_OFPFW10_NW_PROTO))
		set16(m, WEFT_KEY_A_ARP_OP, x->nw_proto);
	if (!(ip || ip6) || (wc & WEFT_OFPFW10_NW_PROTO))
		return 0;
	set8(m, WEFT_KEY_A_IP_PROTO, x->nw_proto);
	switch (x->nw_proto) {
	case 1:
	case 58:
		if ((x->nw_proto == 1) != ip)
			break;
		if (!(wc & WEFT_OFPFW10_TP_SRC)) {
			if (x->tp_src > 0xff)
				return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
					       WEFT_OFPBMC_BAD_VALUE);
			set8(m, ip ? WEFT_KEY_A_ICMPV4_TYPE :
				     WEFT_KEY_A_ICMPV6_TYPE, (uint8_t)x->tp_src);
		}
		if (!(wc & WEFT_OFPFW10_TP_DST)) {
			if (x->tp_dst > 0xff)
				return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
					       WEFT_OFPBMC_BAD_VALUE);
			set8(m, ip ? WEFT_KEY_A_ICMPV4_CODE :
				     WEFT_KEY_A_ICMPV6_CODE, (uint8_t)x->tp_dst);
		}
		break;
	case 6:
	case 17:
	case 132: {
		unsigned int src = x->nw_proto == 6 ? WEFT_KEY_A_TCP_SRC :
				   x->nw_proto == 17 ? WEFT_KEY_A_UDP_SRC :
				   WEFT_KEY_A_SCTP_SRC;

		if (!(wc & WEFT_OFPFW10_TP_SRC))
			set16(m, src, x->tp_src);
		if (!(wc & WEFT_OFPFW10_TP_DST))
			set16(m, src + 1, x->tp_dst);
		break;
	}
	}
	return 0;
}

static struct weft_of_oxm *new_oxm(struct weft_of_match *om)
{
	struct weft_of_oxm *tmp = realloc(om->oxms,
					  (om->n_oxms + 1) * sizeof(*tmp));

	if (!tmp)
		return NULL;
	om->oxms = tmp;
	tmp = &om->oxms[om->n_oxms++];
	memset(tmp, 0, sizeof(*tmp));
	return tmp;
}

static int match10_from_weft(const struct weft_match *m,
			     struct weft_of_match10 *x);

int weft_of_match_from_weft(uint8_t version, const struct weft_match *m,
			    struct weft_of_match *om)
{
	uint8_t mask[WEFT_FIELD_MAX_LEN];
	struct weft_of_oxm *o;
	size_t i, len;

	memset(om, 0, sizeof(*om));
	om->type = WEFT_OFPMT_OXM;
	if (version == WEFT_OFP10_VERSION)
		return match10_from_weft(m, &om->m10);
	if (m->fields & ~(WEFT_BIT(WEFT_KEY_A_KNOWN_MAX + 1) - 1))
		return -EINVAL;
	for (i = 0; i <= N_MAP; i++) {
		unsigned int attr = i < N_MAP ? oxm_map[i].attr :
				    WEFT_KEY_A_TCP_FLAGS;

		if (!weft_match_has(m, attr))
			continue;
		o = new_oxm(om);
		if (!o) {
			weft_of_match_free(om);
			return -ENOMEM;
		}
		len = weft_match_field_len(attr);
		o->hasmask = weft_match_is_masked(m, attr);
		of_xlate_to_wire(attr, weft_key_field_const(&m->key, attr),
				 o->value);
		if (o->hasmask) {
			weft_match_get_mask(m, attr, mask);
			of_xlate_to_wire(attr, mask, o->mask);
		}
		o->len = len;
		if (i < N_MAP) {
			o->oxm_class = oxm_map[i].cls;
			o->field = oxm_map[i].field;
			continue;
		}
		o->oxm_class = WEFT_OFPXMC_EXPERIMENTER;
		o->field = ONF_TCP_FLAGS;
		o->experimenter = WEFT_OF_ONF_VENDOR_ID;
		if (o->hasmask) {
			memcpy(o->value + len, o->mask, len);
			memset(o->mask, 0, len);
			o->len = 2 * len;
		}
	}
	return 0;
}

static uint32_t get32(const struct weft_match *m, unsigned int attr,
		      bool mask)
{
	uint8_t w[4], k[4];

	if (mask)
		weft_match_get_mask(m, attr, k);
	else
		memcpy(k, weft_key_field_const(&m->key, attr), 4);
	of_xlate_to_wire(attr, k, w);
	return rd32(w);
}

static uint16_t get16(const struct weft_match *m, unsigned int attr)
{
	uint8_t w[2];

	of_xlate_to_wire(attr, weft_key_field_const(&m->key, attr), w);
	return rd16(w);
}

/* A prefix mask's 1.0 wildcard count; -1 if not a prefix. */
static int cidr_bits(uint32_t mask)
{
	int n = 0;

	while (n < 32 && !(mask & (1U << n)))
		n++;
	if (n < 32 && (mask | ((1U << n) - 1)) != ~0U)
		return -1;
	return n;
}

static int nw10(const struct weft_match *m, unsigned int attr, uint32_t *addr,
		uint32_t *wc, int shift)
{
	int bits = 0;

	if (!weft_match_has(m, attr))
		return 0;
	if (weft_match_is_masked(m, attr))
		bits = cidr_bits(get32(m, attr, true));
	if (bits < 0)
		return -EINVAL;
	*addr = get32(m, attr, false);
	*wc = (*wc & ~(0x3fU << shift)) | (uint32_t)bits << shift;
	return 0;
}

/* What 1.0 can say: exact fields, CIDR addresses, no IPv6 or MPLS. */
static int match10_from_weft(const struct weft_match *m,
			     struct weft_of_match10 *x)
{
	const uint64_t ok = WEFT_BIT(WEFT_KEY_A_IN_PORT) |
		WEFT_BIT(WEFT_KEY_A_ETH_SRC) | WEFT_BIT(WEFT_KEY_A_ETH_DST) |
		WEFT_BIT(WEFT_KEY_A_ETH_TYPE) | WEFT_BIT(WEFT_KEY_A_VLAN_VID) |
		WEFT_BIT(WEFT_KEY_A_VLAN_PCP) | WEFT_BIT(WEFT_KEY_A_IP_DSCP) |
		WEFT_BIT(WEFT_KEY_A_IP_PROTO) | WEFT_BIT(WEFT_KEY_A_IPV4_SRC) |
		WEFT_BIT(WEFT_KEY_A_IPV4_DST) | WEFT_BIT(WEFT_KEY_A_ARP_SPA) |
		WEFT_BIT(WEFT_KEY_A_ARP_TPA) | WEFT_BIT(WEFT_KEY_A_ARP_OP) |
		WEFT_BIT(WEFT_KEY_A_TCP_SRC) | WEFT_BIT(WEFT_KEY_A_TCP_DST) |
		WEFT_BIT(WEFT_KEY_A_UDP_SRC) | WEFT_BIT(WEFT_KEY_A_UDP_DST) |
		WEFT_BIT(WEFT_KEY_A_SCTP_SRC) | WEFT_BIT(WEFT_KEY_A_SCTP_DST) |
		WEFT_BIT(WEFT_KEY_A_ICMPV4_TYPE) |
		WEFT_BIT(WEFT_KEY_A_ICMPV4_CODE) |
		WEFT_BIT(WEFT_KEY_A_ICMPV6_TYPE) |
		WEFT_BIT(WEFT_KEY_A_ICMPV6_CODE);
	const uint64_t maskable = WEFT_BIT(WEFT_KEY_A_IPV4_SRC) |
		WEFT_BIT(WEFT_KEY_A_IPV4_DST) | WEFT_BIT(WEFT_KEY_A_ARP_SPA) |
		WEFT_BIT(WEFT_KEY_A_ARP_TPA) | WEFT_BIT(WEFT_KEY_A_VLAN_VID);
	const struct weft_key *k = &m->key;
	uint32_t wc = WEFT_OFPFW10_ALL;
	unsigned int a;

	memset(x, 0, sizeof(*x));
	if ((m->fields & ~ok) || (m->masked & ~maskable))
		return -EINVAL;
	if (weft_match_has(m, WEFT_KEY_A_IN_PORT)) {
		if (!weft_of_port10_ok(k->in_port))
			return -EINVAL;
		x->in_port = weft_of_port_to10(k->in_port);
		wc &= ~WEFT_OFPFW10_IN_PORT;
	}
	if (weft_match_has(m, WEFT_KEY_A_ETH_SRC)) {
		memcpy(x->dl_src, k->eth_src, 6);
		wc &= ~WEFT_OFPFW10_DL_SRC;
	}
	if (weft_match_has(m, WEFT_KEY_A_ETH_DST)) {
		memcpy(x->dl_dst, k->eth_dst, 6);
		wc &= ~WEFT_OFPFW10_DL_DST;
	}
	if (weft_match_is_masked(m, WEFT_KEY_A_VLAN_VID)) {
		/* Only "any tag" (for a PCP match) has a 1.0 form. */
		if (k->vlan_vid != WEFT_VID_PRESENT ||
		    m->mask.vlan_vid != WEFT_VID_PRESENT ||
		    !weft_match_has(m, WEFT_KEY_A_VLAN_PCP))
			return -EINVAL;
	} else if (weft_match_has(m, WEFT_KEY_A_VLAN_VID)) {
		x->dl_vlan = k->vlan_vid & WEFT_VID_PRESENT ?
			     k->vlan_vid & WEFT_VID_MASK :
			     WEFT_OFP10_VLAN_NONE;
		wc &= ~WEFT_OFPFW10_DL_VLAN;
	}
	if (weft_match_has(m, WEFT_KEY_A_VLAN_PCP)) {
		x->dl_vlan_pcp = k->vlan_pcp;
		wc &= ~WEFT_OFPFW10_DL_VLAN_PCP;
	}
	if (weft_match_has(m, WEFT_KEY_A_ETH_TYPE)) {
		x->dl_type = get16(m, WEFT_KEY_A_ETH_TYPE);
		wc &= ~WEFT_OFPFW10_DL_TYPE;
	}
	if (weft_match_has(m, WEFT_KEY_A_IP_DSCP)) {
		x->nw_tos = k->ip_dscp << 2;
		wc &= ~WEFT_OFPFW10_NW_TOS;
	}
	if (weft_match_has(m, WEFT_KEY_A_IP_PROTO)) {
		x->nw_proto = k->ip_proto;
		wc &= ~WEFT_OFPFW10_NW_PROTO;
	}
	if (weft_match_has(m, WEFT_KEY_A_ARP_OP)) {
		if (get16(m, WEFT_KEY_A_ARP_OP) > 0xff)
			return -EINVAL;
		x->nw_proto = (uint8_t)get16(m, WEFT_KEY_A_ARP_OP);
		wc &= ~WEFT_OFPFW10_NW_PROTO;
	}
	if (nw10(m, WEFT_KEY_A_IPV4_SRC, &x->nw_src, &wc,
		 WEFT_OFPFW10_NW_SRC_SHIFT) ||
	    nw10(m, WEFT_KEY_A_ARP_SPA, &x->nw_src, &wc,
		 WEFT_OFPFW10_NW_SRC_SHIFT) ||
	    nw10(m, WEFT_KEY_A_IPV4_DST, &x->nw_dst, &wc,
		 WEFT_OFPFW10_NW_DST_SHIFT) ||
	    nw10(m, WEFT_KEY_A_ARP_TPA, &x->nw_dst, &wc,
		 WEFT_OFPFW10_NW_DST_SHIFT))
		return -EINVAL;
	for (a = WEFT_KEY_A_TCP_SRC; a <= WEFT_KEY_A_SCTP_DST; a++) {
		if (!weft_match_has(m, a))
			continue;
		if ((a - WEFT_KEY_A_TCP_SRC) % 2 == 0) {
			x->tp_src = get16(m, a);
			wc &= ~WEFT_OFPFW10_TP_SRC;
		} else {
			x->tp_dst = get16(m, a);
			wc &= ~WEFT_OFPFW10_TP_DST;
		}
	}
	if (weft_match_has(m, WEFT_KEY_A_ICMPV4_TYPE)) {
		x->tp_src = k->icmp_type;
		wc &= ~WEFT_OFPFW10_TP_SRC;
	}
	if (weft_match_has(m, WEFT_KEY_A_ICMPV4_CODE)) {
		x->tp_dst = k->icmp_code;
		wc &= ~WEFT_OFPFW10_TP_DST;
	}
	if (weft_match_has(m, WEFT_KEY_A_ICMPV6_TYPE)) {
		x->tp_src = k->icmpv6_type;
		wc &= ~WEFT_OFPFW10_TP_SRC;
	}
	if (weft_match_has(m, WEFT_KEY_A_ICMPV6_CODE)) {
		x->tp_dst = k->icmpv6_code;
		wc &= ~WEFT_OFPFW10_TP_DST;
	}
	x->wildcards = wc;
	return 0;
}
