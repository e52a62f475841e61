// SPDX-License-Identifier: GPL-2.0
/*
 * Matches: 1.3's OXM TLV lists and 1.0's fixed ofp_match.
 */
#include "of_wire.h"

#define B(f, l, k, m, n) \
	{ WEFT_OFPXMC_OPENFLOW_BASIC, WEFT_OFPXMT_##f, l, k, m, n, 0, 0 }
#define NX(f, l, k, m, n) { WEFT_OFPXMC_NXM_1, f, l, k, m, n, 0, 0 }

/* Maskability as OpenFlow 1.3.5's table 12 says. */
static const struct of_field fields[] = {
	B(IN_PORT, 4, OF_INT, false, "in_port"),
	B(IN_PHY_PORT, 4, OF_INT, false, "in_phy_port"),
	B(METADATA, 8, OF_INT, true, "metadata"),
	B(ETH_DST, 6, OF_MAC, true, "eth_dst"),
	B(ETH_SRC, 6, OF_MAC, true, "eth_src"),
	B(ETH_TYPE, 2, OF_INT, false, "eth_type"),
	B(VLAN_VID, 2, OF_INT, true, "vlan_vid"),
	B(VLAN_PCP, 1, OF_INT, false, "vlan_pcp"),
	B(IP_DSCP, 1, OF_INT, false, "ip_dscp"),
	B(IP_ECN, 1, OF_INT, false, "ip_ecn"),
	B(IP_PROTO, 1, OF_INT, false, "ip_proto"),
	B(IPV4_SRC, 4, OF_IPV4, true, "ipv4_src"),
	B(IPV4_DST, 4, OF_IPV4, true, "ipv4_dst"),
	B(TCP_SRC, 2, OF_INT, false, "tcp_src"),
	B(TCP_DST, 2, OF_INT, false, "tcp_dst"),
	B(UDP_SRC, 2, OF_INT, false, "udp_src"),
	B(UDP_DST, 2, OF_INT, false, "udp_dst"),
	B(SCTP_SRC, 2, OF_INT, false, "sctp_src"),
	B(SCTP_DST, 2, OF_INT, false, "sctp_dst"),
	B(ICMPV4_TYPE, 1, OF_INT, false, "icmpv4_type"),
	B(ICMPV4_CODE, 1, OF_INT, false, "icmpv4_code"),
	B(ARP_OP, 2, OF_INT, false, "arp_op"),
	B(ARP_SPA, 4, OF_IPV4, true, "arp_spa"),
	B(ARP_TPA, 4, OF_IPV4, true, "arp_tpa"),
	B(ARP_SHA, 6, OF_MAC, true, "arp_sha"),
	B(ARP_THA, 6, OF_MAC, true, "arp_tha"),
	B(IPV6_SRC, 16, OF_IPV6, true, "ipv6_src"),
	B(IPV6_DST, 16, OF_IPV6, true, "ipv6_dst"),
	B(IPV6_FLABEL, 4, OF_INT, true, "ipv6_flabel"),
	B(ICMPV6_TYPE, 1, OF_INT, false, "icmpv6_type"),
	B(ICMPV6_CODE, 1, OF_INT, false, "icmpv6_code"),
	B(IPV6_ND_TARGET, 16, OF_IPV6, false, "ipv6_nd_target"),
	B(IPV6_ND_SLL, 6, OF_MAC, false, "ipv6_nd_sll"),
	B(IPV6_ND_TLL, 6, OF_MAC, false, "ipv6_nd_tll"),
	B(MPLS_LABEL, 4, OF_INT, false, "mpls_label"),
	B(MPLS_TC, 1, OF_INT, false, "mpls_tc"),
	B(MPLS_BOS, 1, OF_INT, false, "mpls_bos"),
	B(PBB_ISID, 3, OF_INT, true, "pbb_isid"),
	B(TUNNEL_ID, 8, OF_INT, true, "tunnel_id"),
	B(IPV6_EXTHDR, 2, OF_INT, true, "ipv6_exthdr"),
	NX(0, 4, OF_INT, true, "reg0"),
	NX(1, 4, OF_INT, true, "reg1"),
	NX(2, 4, OF_INT, true, "reg2"),
	NX(3, 4, OF_INT, true, "reg3"),
	NX(4, 4, OF_INT, true, "reg4"),
	NX(5, 4, OF_INT, true, "reg5"),
	NX(6, 4, OF_INT, true, "reg6"),
	NX(7, 4, OF_INT, true, "reg7"),
	NX(WEFT_NXM_NX_IP_FRAG, 1, OF_INT, true, "ip_frag"),
	NX(WEFT_NXM_NX_TUN_IPV4_SRC, 4, OF_IPV4, true, "tun_ipv4_src"),
	NX(WEFT_NXM_NX_TUN_IPV4_DST, 4, OF_IPV4, true, "tun_ipv4_dst"),
	/* ONF's 1.3 extension for 1.4's PBB_UCA; the value follows its type. */
	{ WEFT_OFPXMC_EXPERIMENTER, 0, 1, OF_INT, false, "pbb_uca",
	  WEFT_OF_ONF_VENDOR_ID, 2560 },
};

const struct of_field *of_field_by_hdr(uint16_t cls, uint8_t field)
{
	size_t i;

	if (cls == WEFT_OFPXMC_EXPERIMENTER)
		return NULL;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].cls == cls && fields[i].field == field)
			return &fields[i];
	return NULL;
}

const struct of_field *of_field_find(const struct weft_of_oxm *o)
{
	size_t i;

	if (o->oxm_class != WEFT_OFPXMC_EXPERIMENTER)
		return of_field_by_hdr(o->oxm_class, o->field);
	if (o->len < 2)
		return NULL;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct of_field *f = &fields[i];

		if (f->cls == o->oxm_class && f->field == o->field &&
		    f->exp == o->experimenter &&
		    f->exp_type == rd16(o->value) && !o->hasmask &&
		    o->len == 2 + f->len)
			return f;
	}
	return NULL;
}

const char *weft_of_oxm_name(uint16_t oxm_class, uint8_t field,
			     uint32_t experimenter, const uint8_t *value,
			     size_t len)
{
	struct weft_of_oxm o = { .oxm_class = oxm_class, .field = field,
				 .experimenter = experimenter };
	const struct of_field *f;

	if (len > sizeof(o.value))
		len = sizeof(o.value);
	o.len = len;
	if (value)
		memcpy(o.value, value, len);
	f = of_field_find(&o);
	return f ? f->name : NULL;
}

size_t weft_of_oxm_field_len(uint16_t oxm_class, uint8_t field)
{
	const struct of_field *f = of_field_by_hdr(oxm_class, field);

	return f ? f->len : 0;
}

size_t of_oxm_wire_len(const struct weft_of_oxm *o)
{
	size_t n = 4 + o->len;

	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER)
		n += 4;
	else if (o->hasmask)
		n += o->len;
	return n;
}

int of_oxm_decode(const uint8_t *p, size_t len, size_t *used,
		  struct weft_of_oxm *o, struct weft_of_error *err)
{
	const struct of_field *f;
	uint8_t plen;

	if (len < 4)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	memset(o, 0, sizeof(*o));
	o->oxm_class = rd16(p);
	o->field = p[2] >> 1;
	o->hasmask = p[2] & 1;
	plen = p[3];
	if ((size_t)plen + 4 > len)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	*used = 4 + plen;
	p += 4;
	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER) {
		if (plen < 4)
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_LEN);
		o->experimenter = rd32(p);
		o->len = plen - 4;
		memcpy(o->value, p + 4, o->len);
		return 0;
	}
	if (o->oxm_class == WEFT_OFPXMC_NXM_0 ||
	    o->oxm_class == WEFT_OFPXMC_NXM_1) {
		/* Nicira's fields: only those weft implements get in. */
		if (!of_field_by_hdr(o->oxm_class, o->field))
			return OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
				       WEFT_OFPBMC_BAD_FIELD);
	}
	if (o->hasmask && plen % 2)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	o->len = o->hasmask ? plen / 2 : plen;
	f = of_field_by_hdr(o->oxm_class, o->field);
	if (f && f->len != o->len)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	memcpy(o->value, p, o->len);
	if (o->hasmask)
		memcpy(o->mask, p + o->len, o->len);
	return 0;
}

bool of_oxm_ok(const struct weft_of_oxm *o)
{
	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER)
		return o->len <= 255 - 4;
	return !o->hasmask || o->len <= sizeof(o->mask);
}

void of_oxm_encode(const struct weft_of_oxm *o, struct of_wr *w)
{
	size_t plen = of_oxm_wire_len(o) - 4;

	wr16(w, o->oxm_class);
	wr8(w, (uint8_t)(o->field << 1 | o->hasmask));
	wr8(w, (uint8_t)plen);
	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER) {
		wr32(w, o->experimenter);
		wrbytes(w, o->value, o->len);
		return;
	}
	wrbytes(w, o->value, o->len);
	if (o->hasmask)
		wrbytes(w, o->mask, o->len);
}

static bool same_field(const struct weft_of_oxm *a, const struct weft_of_oxm *b)
{
	/* Experimenters number their fields their own way: no check. */
	return a->oxm_class == b->oxm_class && a->field == b->field &&
	       a->oxm_class != WEFT_OFPXMC_EXPERIMENTER;
}

static int match13_decode(const uint8_t *p, size_t len, size_t *used,
			  struct weft_of_match *m, struct weft_of_error *err)
{
	size_t mlen, padded, off, cap = 0;

	if (len < 4)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	m->type = rd16(p);
	mlen = rd16(p + 2);
	if (m->type != WEFT_OFPMT_OXM)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_TYPE);
	padded = (mlen + 7) / 8 * 8;
	if (mlen < 4 || padded > len)
		return OF_FAIL(err, WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_LEN);
	for (off = 4; off < mlen;) {
		struct weft_of_oxm *o;
		size_t n, i;

		if (m->n_oxms == cap) {
			struct weft_of_oxm *tmp;

			cap = cap ? cap * 2 : 8;
			tmp = realloc(m->oxms, cap * sizeof(*tmp));
			if (!tmp)
				goto nomem;
			m->oxms = tmp;
		}
		o = &m->oxms[m->n_oxms];
		if (of_oxm_decode(p + off, mlen - off, &n, o, err))
			goto fail;
		for (i = 0; i < m->n_oxms; i++)
			if (same_field(&m->oxms[i], o)) {
				OF_FAIL(err, WEFT_OFPET_BAD_MATCH,
					WEFT_OFPBMC_DUP_FIELD);
				goto fail;
			}
		m->n_oxms++;
		off += n;
	}
	*used = padded;
	return 0;
nomem:
	OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM);
fail:
	free(m->oxms);
	m->oxms = NULL;
	m->n_oxms = 0;
	return -1;
}

static void match10_decode(const uint8_t *p, struct weft_of_match10 *m)
{
	m->wildcards = rd32(p);
	m->in_port = rd16(p + 4);
	memcpy(m->dl_src, p + 6, 6);
	memcpy(m->dl_dst, p + 12, 6);
	m->dl_vlan = rd16(p + 18);
	m->dl_vlan_pcp = p[20];
	m->dl_type = rd16(p + 22);
	m->nw_tos = p[24];
	m->nw_proto = p[25];
	m->nw_src = rd32(p + 28);
	m->nw_dst = rd32(p + 32);
	m->tp_src = rd16(p + 36);
	m->tp_dst = rd16(p + 38);
}

static void match10_encode(const struct weft_of_match10 *m, struct of_wr *w)
{
	wr32(w, m->wildcards);
	wr16(w, m->in_port);
	wrbytes(w, m->dl_src, 6);
	wrbytes(w, m->dl_dst, 6);
	wr16(w, m->dl_vlan);
	wr8(w, m->dl_vlan_pcp);
	wr8(w, 0);
	wr16(w, m->dl_type);
	wr8(w, m->nw_tos);
	wr8(w, m->nw_proto);
	wrzero(w, 2);
	wr32(w, m->nw_src);
	wr32(w, m->nw_dst);
	wr16(w, m->tp_src);
	wr16(w, m->tp_dst);
}

int of_match_decode(uint8_t version, const uint8_t *p, size_t len,
		    size_t *used, struct weft_of_match *m,
		    struct weft_of_error *err)
{
	memset(m, 0, sizeof(*m));
	if (version == WEFT_OFP10_VERSION) {
		if (len < OF10_MATCH_LEN)
			return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
				       WEFT_OFPBRC_BAD_LEN);
		match10_decode(p, &m->m10);
		*used = OF10_MATCH_LEN;
		return 0;
	}
	return match13_decode(p, len, used, m, err);
}

int of_match_encode(uint8_t version, const struct weft_of_match *m,
		    struct of_wr *w)
{
	size_t start, i;

	if (version == WEFT_OFP10_VERSION) {
		match10_encode(&m->m10, w);
		return 0;
	}
	start = w->b->len;
	wr16(w, WEFT_OFPMT_OXM);
	wr16(w, 0);
	for (i = 0; i < m->n_oxms; i++) {
		if (!of_oxm_ok(&m->oxms[i]) ||
		    of_oxm_wire_len(&m->oxms[i]) > 4 + 255)
			return -EINVAL;
		of_oxm_encode(&m->oxms[i], w);
	}
	if (!w->nomem && w->b->len - start > 0xffff)
		return -EINVAL;
	wrlen16(w, start + 2, start);
	wrpad8(w, start);
	return 0;
}

void weft_of_match_free(struct weft_of_match *m)
{
	free(m->oxms);
	m->oxms = NULL;
	m->n_oxms = 0;
}
