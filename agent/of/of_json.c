// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer and the printers of matches, actions, instructions,
 * ports, buckets and bands, in os-ken's to_jsondict() form.
 */
#include <inttypes.h>

#include "of_json.h"

static void sep(struct jw *j, const char *key)
{
	if (j->depth > 0 && j->depth <= JW_DEPTH) {
		if (j->more[j->depth - 1])
			fputc(',', j->fp);
		j->more[j->depth - 1] = true;
	}
	if (key)
		fprintf(j->fp, "\"%s\":", key);
}

static void open_(struct jw *j, const char *key, char c)
{
	sep(j, key);
	fputc(c, j->fp);
	if (j->depth < JW_DEPTH)
		j->more[j->depth] = false;
	j->depth++;
}

void jw_obj(struct jw *j, const char *key)
{
	open_(j, key, '{');
}

void jw_arr(struct jw *j, const char *key)
{
	open_(j, key, '[');
}

void jw_end_obj(struct jw *j)
{
	j->depth--;
	fputc('}', j->fp);
}

void jw_end_arr(struct jw *j)
{
	j->depth--;
	fputc(']', j->fp);
}

void jw_u64(struct jw *j, const char *key, uint64_t v)
{
	sep(j, key);
	fprintf(j->fp, "%" PRIu64, v);
}

void jw_null(struct jw *j, const char *key)
{
	sep(j, key);
	fputs("null", j->fp);
}

/* Length of the valid UTF-8 sequence at @s (0 if invalid). */
static size_t utf8_len(const uint8_t *s, size_t n)
{
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2)
		len = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3;
	else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void jw_strn(struct jw *j, const char *key, const char *str, size_t n)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t i = 0, l;

	sep(j, key);
	fputc('"', j->fp);
	while (i < n && s[i]) {
		l = utf8_len(s + i, n - i);
		if (l > 1) {
			fwrite(s + i, 1, l, j->fp);
			i += l;
			continue;
		}
		if (l == 1 && s[i] == '"')
			fputs("\\\"", j->fp);
		else if (l == 1 && s[i] == '\\')
			fputs("\\\\", j->fp);
		else if (l == 1 && s[i] >= 0x20 && s[i] < 0x7f)
			fputc(s[i], j->fp);
		else
			fprintf(j->fp, "\\u%04x", s[i]);
		i++;
	}
	fputc('"', j->fp);
}

void jw_b64(struct jw *j, const char *key, const uint8_t *d, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	sep(j, key);
	fputc('"', j->fp);
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = d[i] << 16 | d[i + 1] << 8 | d[i + 2];

		fprintf(j->fp, "%c%c%c%c", tab[v >> 18], tab[(v >> 12) & 63],
			tab[(v >> 6) & 63], tab[v & 63]);
	}
	if (n - i == 1)
		fprintf(j->fp, "%c%c==", tab[d[i] >> 2], tab[(d[i] & 3) << 4]);
	else if (n - i == 2)
		fprintf(j->fp, "%c%c%c=", tab[d[i] >> 2],
			tab[(d[i] & 3) << 4 | d[i + 1] >> 4],
			tab[(d[i + 1] & 15) << 2]);
	fputc('"', j->fp);
}

void jw_mac(struct jw *j, const char *key, const uint8_t *m)
{
	sep(j, key);
	fprintf(j->fp, "\"%02x:%02x:%02x:%02x:%02x:%02x\"", m[0], m[1], m[2],
		m[3], m[4], m[5]);
}

void jw_ipv4(struct jw *j, const char *key, uint32_t a)
{
	sep(j, key);
	fprintf(j->fp, "\"%u.%u.%u.%u\"", a >> 24, (a >> 16) & 255,
		(a >> 8) & 255, a & 255);
}

/* RFC 5952 text, as Python's ipaddress (os-ken's printer) gives it. */
static void jw_ipv6(struct jw *j, const char *key, const uint8_t *a)
{
	int best = -1, bestlen = 0, i, k;
	uint16_t w[8];

	for (i = 0; i < 8; i++)
		w[i] = rd16(a + 2 * i);
	for (i = 0; i < 8; i++) {
		for (k = i; k < 8 && !w[k]; k++)
			;
		if (k - i > bestlen && k - i >= 2) {
			best = i;
			bestlen = k - i;
		}
	}
	sep(j, key);
	fputc('"', j->fp);
	for (i = 0; i < 8; i++) {
		if (i == best) {
			fputs("::", j->fp);
			i += bestlen - 1;
			continue;
		}
		if (i && i != best + bestlen)
			fputc(':', j->fp);
		fprintf(j->fp, "%x", w[i]);
	}
	fputc('"', j->fp);
}

void jw_cls(struct jw *j, const char *key, const char *cls)
{
	jw_obj(j, key);
	jw_obj(j, cls);
}

void jw_end_cls(struct jw *j)
{
	jw_end_obj(j);
	jw_end_obj(j);
}

static void field_value(struct jw *j, const char *key,
			const struct of_field *f, const uint8_t *v)
{
	uint64_t x = 0;
	size_t i;

	switch (f->kind) {
	case OF_MAC:
		jw_mac(j, key, v);
		return;
	case OF_IPV4:
		jw_ipv4(j, key, rd32(v));
		return;
	case OF_IPV6:
		jw_ipv6(j, key, v);
		return;
	}
	for (i = 0; i < f->len && i < 8; i++)
		x = x << 8 | v[i];
	jw_u64(j, key, x);
}

void jw_oxm(struct jw *j, const char *key, const struct weft_of_oxm *o)
{
	const struct of_field *f = of_field_find(o);
	char name[32];

	jw_cls(j, key, "OXMTlv");
	if (!f) {
		/* os-ken's name for a field it does not know. */
		snprintf(name, sizeof(name), "field_%u", o->field);
		jw_strn(j, "field", name, sizeof(name));
		jw_null(j, "mask");
		jw_b64(j, "value", o->value, o->len);
		jw_end_cls(j);
		return;
	}
	jw_strn(j, "field", f->name, 32);
	if (o->oxm_class == WEFT_OFPXMC_EXPERIMENTER) {
		jw_null(j, "mask");
		field_value(j, "value", f, o->value + 2);
	} else {
		if (o->hasmask)
			field_value(j, "mask", f, o->mask);
		else
			jw_null(j, "mask");
		field_value(j, "value", f, o->value);
	}
	jw_end_cls(j);
}

void jw_match(struct jw *j, uint8_t version, const char *key,
	      const struct weft_of_match *m)
{
	const struct weft_of_match10 *x = &m->m10;
	size_t i, len = 4;

	jw_cls(j, key, "OFPMatch");
	if (version == WEFT_OFP10_VERSION) {
		jw_mac(j, "dl_dst", x->dl_dst);
		jw_mac(j, "dl_src", x->dl_src);
		jw_u64(j, "dl_type", x->dl_type);
		jw_u64(j, "dl_vlan", x->dl_vlan);
		jw_u64(j, "dl_vlan_pcp", x->dl_vlan_pcp);
		jw_u64(j, "in_port", x->in_port);
		jw_ipv4(j, "nw_dst", x->nw_dst);
		jw_u64(j, "nw_proto", x->nw_proto);
		jw_ipv4(j, "nw_src", x->nw_src);
		jw_u64(j, "nw_tos", x->nw_tos);
		jw_u64(j, "tp_dst", x->tp_dst);
		jw_u64(j, "tp_src", x->tp_src);
		jw_u64(j, "wildcards", x->wildcards);
		jw_end_cls(j);
		return;
	}
	for (i = 0; i < m->n_oxms; i++)
		len += of_oxm_wire_len(&m->oxms[i]);
	jw_u64(j, "length", len);
	jw_arr(j, "oxm_fields");
	for (i = 0; i < m->n_oxms; i++)
		jw_oxm(j, NULL, &m->oxms[i]);
	jw_end_arr(j);
	jw_u64(j, "type", WEFT_OFPMT_OXM);
	jw_end_cls(j);
}

size_t jw_actions_len(uint8_t version, const struct weft_of_action *a,
		      size_t n)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		len += of_action_wire_len(version, &a[i]);
	return len;
}

static const char *const act13[] = {
	[WEFT_OFPAT_OUTPUT] = "OFPActionOutput",
	[WEFT_OFPAT_COPY_TTL_OUT] = "OFPActionCopyTtlOut",
	[WEFT_OFPAT_COPY_TTL_IN] = "OFPActionCopyTtlIn",
	[WEFT_OFPAT_SET_MPLS_TTL] = "OFPActionSetMplsTtl",
	[WEFT_OFPAT_DEC_MPLS_TTL] = "OFPActionDecMplsTtl",
	[WEFT_OFPAT_PUSH_VLAN] = "OFPActionPushVlan",
	[WEFT_OFPAT_POP_VLAN] = "OFPActionPopVlan",
	[WEFT_OFPAT_PUSH_MPLS] = "OFPActionPushMpls",
	[WEFT_OFPAT_POP_MPLS] = "OFPActionPopMpls",
	[WEFT_OFPAT_SET_QUEUE] = "OFPActionSetQueue",
	[WEFT_OFPAT_GROUP] = "OFPActionGroup",
	[WEFT_OFPAT_SET_NW_TTL] = "OFPActionSetNwTtl",
	[WEFT_OFPAT_DEC_NW_TTL] = "OFPActionDecNwTtl",
	[WEFT_OFPAT_SET_FIELD] = "OFPActionSetField",
	[WEFT_OFPAT_PUSH_PBB] = "OFPActionPushPbb",
	[WEFT_OFPAT_POP_PBB] = "OFPActionPopPbb",
};

static const char *const act10[] = {
	"OFPActionOutput", "OFPActionVlanVid", "OFPActionVlanPcp",
	"OFPActionStripVlan", "OFPActionSetDlSrc", "OFPActionSetDlDst",
	"OFPActionSetNwSrc", "OFPActionSetNwDst", "OFPActionSetNwTos",
	"OFPActionSetTpSrc", "OFPActionSetTpDst", "OFPActionEnqueue",
};

static void action_exp(struct jw *j, uint8_t version,
		       const struct weft_of_action *a)
{
	bool nx = a->experimenter == WEFT_OF_NX_VENDOR_ID && a->data_len >= 2;
	bool v10 = version == WEFT_OFP10_VERSION;

	jw_cls(j, NULL, nx ? "NXActionUnknown" :
	       v10 ? "OFPActionVendorUnknown" : "OFPActionExperimenterUnknown");
	if (nx) {
		jw_b64(j, "data", a->data + 2, a->data_len - 2);
		jw_u64(j, "subtype", rd16(a->data));
	} else {
		jw_b64(j, "data", a->data, a->data_len);
	}
	jw_u64(j, v10 && !nx ? "vendor" : "experimenter", a->experimenter);
	jw_u64(j, "len", of_action_wire_len(version, a));
	jw_u64(j, "type", a->type);
	jw_end_cls(j);
}

static void action10(struct jw *j, const struct weft_of_action *a)
{
	jw_cls(j, NULL, a->type < sizeof(act10) / sizeof(act10[0]) ?
		  act10[a->type] : "OFPActionUnknown");
	switch (a->type) {
	case WEFT_OFPAT10_OUTPUT:
		jw_u64(j, "max_len", a->max_len);
		jw_u64(j, "port", weft_of_port_to10(a->port));
		break;
	case WEFT_OFPAT10_SET_VLAN_VID:
		jw_u64(j, "vlan_vid", a->arg);
		break;
	case WEFT_OFPAT10_SET_VLAN_PCP:
		jw_u64(j, "vlan_pcp", a->arg);
		break;
	case WEFT_OFPAT10_SET_DL_SRC:
	case WEFT_OFPAT10_SET_DL_DST:
		jw_mac(j, "dl_addr", a->dl_addr);
		break;
	case WEFT_OFPAT10_SET_NW_SRC:
	case WEFT_OFPAT10_SET_NW_DST:
		jw_u64(j, "nw_addr", a->arg);
		break;
	case WEFT_OFPAT10_SET_NW_TOS:
		jw_u64(j, "tos", a->arg);
		break;
	case WEFT_OFPAT10_SET_TP_SRC:
	case WEFT_OFPAT10_SET_TP_DST:
		jw_u64(j, "tp", a->arg);
		break;
	case WEFT_OFPAT10_ENQUEUE:
		jw_u64(j, "port", weft_of_port_to10(a->port));
		jw_u64(j, "queue_id", a->arg);
		break;
	}
	jw_end_cls(j);
}

static void action13(struct jw *j, const struct weft_of_action *a)
{
	const char *name = a->type < sizeof(act13) / sizeof(act13[0]) ?
			   act13[a->type] : NULL;

	jw_cls(j, NULL, name ? name : "OFPActionUnknown");
	switch (a->type) {
	case WEFT_OFPAT_OUTPUT:
		jw_u64(j, "max_len", a->max_len);
		jw_u64(j, "port", a->port);
		break;
	case WEFT_OFPAT_SET_MPLS_TTL:
		jw_u64(j, "mpls_ttl", a->arg);
		break;
	case WEFT_OFPAT_SET_NW_TTL:
		jw_u64(j, "nw_ttl", a->arg);
		break;
	case WEFT_OFPAT_PUSH_VLAN:
	case WEFT_OFPAT_PUSH_MPLS:
	case WEFT_OFPAT_PUSH_PBB:
	case WEFT_OFPAT_POP_MPLS:
		jw_u64(j, "ethertype", a->arg);
		break;
	case WEFT_OFPAT_SET_QUEUE:
		jw_u64(j, "queue_id", a->arg);
		break;
	case WEFT_OFPAT_GROUP:
		jw_u64(j, "group_id", a->arg);
		break;
	case WEFT_OFPAT_SET_FIELD:
		jw_oxm(j, "field", &a->field);
		break;
	}
	jw_u64(j, "len", of_action_wire_len(WEFT_OFP13_VERSION, a));
	jw_u64(j, "type", a->type);
	jw_end_cls(j);
}

void jw_actions(struct jw *j, uint8_t version, const char *key,
		const struct weft_of_action *a, size_t n)
{
	size_t i;

	jw_arr(j, key);
	for (i = 0; i < n; i++) {
		if (a[i].type == 0xffff)
			action_exp(j, version, &a[i]);
		else if (version == WEFT_OFP10_VERSION)
			action10(j, &a[i]);
		else
			action13(j, &a[i]);
	}
	jw_end_arr(j);
}

void jw_insts(struct jw *j, const char *key, const struct weft_of_inst *in,
	      size_t n)
{
	size_t i, len;

	jw_arr(j, key);
	for (i = 0; i < n; i++) {
		switch (in[i].type) {
		case WEFT_OFPIT_GOTO_TABLE:
			jw_cls(j, NULL, "OFPInstructionGotoTable");
			jw_u64(j, "table_id", in[i].table_id);
			len = 8;
			break;
		case WEFT_OFPIT_WRITE_METADATA:
			jw_cls(j, NULL, "OFPInstructionWriteMetadata");
			jw_u64(j, "metadata", in[i].metadata);
			jw_u64(j, "metadata_mask", in[i].metadata_mask);
			len = 24;
			break;
		case WEFT_OFPIT_METER:
			jw_cls(j, NULL, "OFPInstructionMeter");
			jw_u64(j, "meter_id", in[i].meter_id);
			len = 8;
			break;
		case WEFT_OFPIT_EXPERIMENTER:
			jw_cls(j, NULL, "OFPInstructionExperimenter");
			jw_u64(j, "experimenter", in[i].experimenter);
			jw_b64(j, "data", in[i].data, in[i].data_len);
			len = (8 + in[i].data_len + 7) / 8 * 8;
			break;
		default:
			jw_cls(j, NULL, "OFPInstructionActions");
			jw_actions(j, WEFT_OFP13_VERSION, "actions",
				   in[i].actions, in[i].n_actions);
			len = 8 + jw_actions_len(WEFT_OFP13_VERSION,
						 in[i].actions,
						 in[i].n_actions);
			break;
		}
		jw_u64(j, "len", len);
		jw_u64(j, "type", in[i].type);
		jw_end_cls(j);
	}
	jw_end_arr(j);
}

void jw_port(struct jw *j, uint8_t version, const char *key,
	     const struct weft_of_port *p)
{
	bool v10 = version == WEFT_OFP10_VERSION;

	jw_cls(j, key, v10 ? "OFPPhyPort" : "OFPPort");
	jw_u64(j, "advertised", p->advertised);
	jw_u64(j, "config", p->config);
	jw_u64(j, "curr", p->curr);
	if (!v10)
		jw_u64(j, "curr_speed", p->curr_speed);
	jw_mac(j, "hw_addr", p->hw_addr);
	if (!v10)
		jw_u64(j, "max_speed", p->max_speed);
	jw_strn(j, "name", p->name, sizeof(p->name));
	jw_u64(j, "peer", p->peer);
	jw_u64(j, "port_no", v10 ? weft_of_port_to10(p->port_no) : p->port_no);
	jw_u64(j, "state", p->state);
	jw_u64(j, "supported", p->supported);
	jw_end_cls(j);
}

void jw_buckets(struct jw *j, const char *key, const struct weft_of_bucket *b,
		size_t n)
{
	size_t i;

	jw_arr(j, key);
	for (i = 0; i < n; i++) {
		jw_cls(j, NULL, "OFPBucket");
		jw_actions(j, WEFT_OFP13_VERSION, "actions", b[i].actions,
			   b[i].n_actions);
		jw_u64(j, "len", 16 + jw_actions_len(WEFT_OFP13_VERSION,
						     b[i].actions,
						     b[i].n_actions));
		jw_u64(j, "watch_group", b[i].watch_group);
		jw_u64(j, "watch_port", b[i].watch_port);
		jw_u64(j, "weight", b[i].weight);
		jw_end_cls(j);
	}
	jw_end_arr(j);
}

void jw_bands(struct jw *j, const char *key,
	      const struct weft_of_meter_band *b, size_t n)
{
	size_t i;

	jw_arr(j, key);
	for (i = 0; i < n; i++) {
		const char *cls = b[i].type == WEFT_OFPMBT_DROP ?
				  "OFPMeterBandDrop" :
				  b[i].type == WEFT_OFPMBT_DSCP_REMARK ?
				  "OFPMeterBandDscpRemark" :
				  "OFPMeterBandExperimenter";

		jw_cls(j, NULL, cls);
		jw_u64(j, "burst_size", b[i].burst_size);
		if (b[i].type == WEFT_OFPMBT_DSCP_REMARK)
			jw_u64(j, "prec_level", b[i].prec_level);
		if (b[i].type == WEFT_OFPMBT_EXPERIMENTER) {
			jw_u64(j, "experimenter", b[i].experimenter);
			if (b[i].data_len)
				jw_b64(j, "data", b[i].data, b[i].data_len);
		}
		jw_u64(j, "len", (16 + b[i].data_len + 7) / 8 * 8);
		jw_u64(j, "rate", b[i].rate);
		jw_u64(j, "type", b[i].type);
		jw_end_cls(j);
	}
	jw_end_arr(j);
}
