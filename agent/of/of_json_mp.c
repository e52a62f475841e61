// SPDX-License-Identifier: GPL-2.0
/*
 * MULTIPART (1.0: STATS) requests and replies in os-ken's JSON form.
 */
#include "of_json.h"

static const char *const req_cls[] = {
	"OFPDescStatsRequest", "OFPFlowStatsRequest",
	"OFPAggregateStatsRequest", "OFPTableStatsRequest",
	"OFPPortStatsRequest", "OFPQueueStatsRequest", "OFPGroupStatsRequest",
	"OFPGroupDescStatsRequest", "OFPGroupFeaturesStatsRequest",
	"OFPMeterStatsRequest", "OFPMeterConfigStatsRequest",
	"OFPMeterFeaturesStatsRequest", "OFPTableFeaturesStatsRequest",
	"OFPPortDescStatsRequest",
};

static const char *const rep_cls[] = {
	"OFPDescStatsReply", "OFPFlowStatsReply", "OFPAggregateStatsReply",
	"OFPTableStatsReply", "OFPPortStatsReply", "OFPQueueStatsReply",
	"OFPGroupStatsReply", "OFPGroupDescStatsReply",
	"OFPGroupFeaturesStatsReply", "OFPMeterStatsReply",
	"OFPMeterConfigStatsReply", "OFPMeterFeaturesStatsReply",
	"OFPTableFeaturesStatsReply", "OFPPortDescStatsReply",
};

static uint64_t port(uint8_t v, uint32_t p)
{
	return v == WEFT_OFP10_VERSION ? weft_of_port_to10(p) : p;
}

static const char *tf_prop_cls(uint16_t type)
{
	switch (type) {
	case WEFT_OFPTFPT_INSTRUCTIONS:
	case WEFT_OFPTFPT_INSTRUCTIONS_MISS:
		return "OFPTableFeaturePropInstructions";
	case WEFT_OFPTFPT_NEXT_TABLES:
	case WEFT_OFPTFPT_NEXT_TABLES_MISS:
		return "OFPTableFeaturePropNextTables";
	case WEFT_OFPTFPT_WRITE_ACTIONS:
	case WEFT_OFPTFPT_WRITE_ACTIONS_MISS:
	case WEFT_OFPTFPT_APPLY_ACTIONS:
	case WEFT_OFPTFPT_APPLY_ACTIONS_MISS:
		return "OFPTableFeaturePropActions";
	case WEFT_OFPTFPT_MATCH:
	case WEFT_OFPTFPT_WILDCARDS:
	case WEFT_OFPTFPT_WRITE_SETFIELD:
	case WEFT_OFPTFPT_WRITE_SETFIELD_MISS:
	case WEFT_OFPTFPT_APPLY_SETFIELD:
	case WEFT_OFPTFPT_APPLY_SETFIELD_MISS:
		return "OFPTableFeaturePropOxm";
	case WEFT_OFPTFPT_EXPERIMENTER:
	case WEFT_OFPTFPT_EXPERIMENTER_MISS:
		return "OFPTableFeaturePropExperimenter";
	}
	return "OFPTableFeaturePropUnknown";
}

static void tf_ids(struct jw *j, const struct weft_of_tf_prop *pr,
		   const char *cls, size_t *len)
{
	size_t i;
	char name[32];

	for (i = 0; i < pr->n_ids; i++) {
		const struct weft_of_tf_id *id = &pr->ids[i];

		jw_cls(j, NULL, cls);
		if (cls[3] == 'O') {	/* OFPOxmId */
			const struct of_field *f =
				of_field_by_hdr(id->id >> 16,
						(id->id >> 9) & 0x7f);

			jw_u64(j, "hasmask", (id->id >> 8) & 1);
			jw_u64(j, "length", id->id & 0xff);
			snprintf(name, sizeof(name), "field_%u",
				 (id->id >> 9) & 0x7f);
			jw_strn(j, "type", f ? f->name : name, 32);
			if (id->has_exp)
				jw_u64(j, "experimenter", id->experimenter);
			*len += id->has_exp ? 8 : 4;
		} else {
			jw_u64(j, "len", id->has_exp ? 8 : 4);
			jw_u64(j, "type", id->id);
			if (id->has_exp)
				jw_u64(j, "experimenter", id->experimenter);
			*len += id->has_exp ? 8 : 4;
		}
		jw_end_cls(j);
	}
}

void jw_table_features(struct jw *j, const struct weft_of_table_features *tf)
{
	size_t i, k, len = 64, plen;

	jw_cls(j, NULL, "OFPTableFeaturesStats");
	jw_u64(j, "config", tf->config);
	jw_u64(j, "max_entries", tf->max_entries);
	jw_u64(j, "metadata_match", tf->metadata_match);
	jw_u64(j, "metadata_write", tf->metadata_write);
	jw_strn(j, "name", tf->name, sizeof(tf->name));
	jw_arr(j, "properties");
	for (i = 0; i < tf->n_props; i++) {
		const struct weft_of_tf_prop *pr = &tf->props[i];
		const char *cls = tf_prop_cls(pr->type);

		plen = 4;
		jw_cls(j, NULL, cls);
		switch (cls[19]) {
		case 'I':	/* Instructions */
			jw_arr(j, "instruction_ids");
			tf_ids(j, pr, "OFPInstructionId", &plen);
			jw_end_arr(j);
			break;
		case 'A':	/* Actions */
			jw_arr(j, "action_ids");
			tf_ids(j, pr, "OFPActionId", &plen);
			jw_end_arr(j);
			break;
		case 'O':	/* Oxm */
			jw_arr(j, "oxm_ids");
			tf_ids(j, pr, "OFPOxmId", &plen);
			jw_end_arr(j);
			break;
		case 'N':	/* NextTables */
			jw_arr(j, "table_ids");
			for (k = 0; k < pr->n_ids; k++)
				jw_u64(j, NULL, pr->ids[k].id);
			jw_end_arr(j);
			plen += pr->n_ids;
			break;
		case 'E':	/* Experimenter: whole 32-bit words */
			jw_arr(j, "data");
			for (k = 0; k + 4 <= pr->data_len; k += 4)
				jw_u64(j, NULL, rd32(pr->data + k));
			jw_end_arr(j);
			jw_u64(j, "exp_type", pr->exp_type);
			jw_u64(j, "experimenter", pr->experimenter);
			plen += 8 + pr->data_len;
			break;
		default:
			jw_b64(j, "data", pr->data, pr->data_len);
			plen += pr->data_len;
			break;
		}
		jw_u64(j, "length", plen);
		jw_u64(j, "type", pr->type);
		jw_end_cls(j);
		len += (plen + 7) / 8 * 8;
	}
	jw_end_arr(j);
	jw_u64(j, "length", len);
	jw_u64(j, "table_id", tf->table_id);
	jw_end_cls(j);
}

static void flow_stats(struct jw *j, uint8_t v,
		       const struct weft_of_flow_stats *f)
{
	size_t len, i;

	jw_cls(j, NULL, "OFPFlowStats");
	jw_u64(j, "byte_count", f->byte_count);
	jw_u64(j, "cookie", f->cookie);
	jw_u64(j, "duration_nsec", f->duration_nsec);
	jw_u64(j, "duration_sec", f->duration_sec);
	jw_u64(j, "hard_timeout", f->hard_timeout);
	jw_u64(j, "idle_timeout", f->idle_timeout);
	jw_match(j, v, "match", &f->match);
	jw_u64(j, "packet_count", f->packet_count);
	jw_u64(j, "priority", f->priority);
	jw_u64(j, "table_id", f->table_id);
	if (v == WEFT_OFP10_VERSION) {
		len = 88;
		if (f->n_insts) {
			jw_actions(j, v, "actions", f->insts[0].actions,
				   f->insts[0].n_actions);
			len += jw_actions_len(v, f->insts[0].actions,
					      f->insts[0].n_actions);
		} else {
			jw_actions(j, v, "actions", NULL, 0);
		}
		jw_u64(j, "length", len);
		jw_end_cls(j);
		return;
	}
	jw_u64(j, "flags", f->flags);
	jw_insts(j, "instructions", f->insts, f->n_insts);
	len = 48 + 4;
	for (i = 0; i < f->match.n_oxms; i++)
		len += of_oxm_wire_len(&f->match.oxms[i]);
	len = (len + 7) / 8 * 8;
	for (i = 0; i < f->n_insts; i++) {
		const struct weft_of_inst *in = &f->insts[i];

		if (in->type == WEFT_OFPIT_WRITE_METADATA)
			len += 24;
		else if (in->type == WEFT_OFPIT_EXPERIMENTER)
			len += (8 + in->data_len + 7) / 8 * 8;
		else if (in->type == WEFT_OFPIT_GOTO_TABLE ||
			 in->type == WEFT_OFPIT_METER)
			len += 8;
		else
			len += 8 + jw_actions_len(v, in->actions,
						  in->n_actions);
	}
	jw_u64(j, "length", len);
	jw_end_cls(j);
}

static void entry(struct jw *j, uint8_t v, const struct weft_of_multipart *mp,
		  size_t i)
{
	size_t k, len;

	switch (mp->type) {
	case WEFT_OFPMP_FLOW:
		flow_stats(j, v, &mp->flows[i]);
		return;
	case WEFT_OFPMP_TABLE: {
		const struct weft_of_table_stats *t = &mp->tables[i];

		jw_cls(j, NULL, "OFPTableStats");
		jw_u64(j, "active_count", t->active_count);
		jw_u64(j, "lookup_count", t->lookup_count);
		jw_u64(j, "matched_count", t->matched_count);
		jw_u64(j, "table_id", t->table_id);
		if (v == WEFT_OFP10_VERSION) {
			jw_u64(j, "max_entries", t->max_entries);
			jw_strn(j, "name", t->name, sizeof(t->name));
			jw_u64(j, "wildcards", t->wildcards);
		}
		break;
	}
	case WEFT_OFPMP_PORT_STATS: {
		const struct weft_of_port_stats *s = &mp->port_stats[i];

		jw_cls(j, NULL, "OFPPortStats");
		jw_u64(j, "collisions", s->collisions);
		if (v != WEFT_OFP10_VERSION) {
			jw_u64(j, "duration_nsec", s->duration_nsec);
			jw_u64(j, "duration_sec", s->duration_sec);
		}
		jw_u64(j, "port_no", port(v, s->port_no));
		jw_u64(j, "rx_bytes", s->rx_bytes);
		jw_u64(j, "rx_crc_err", s->rx_crc_err);
		jw_u64(j, "rx_dropped", s->rx_dropped);
		jw_u64(j, "rx_errors", s->rx_errors);
		jw_u64(j, "rx_frame_err", s->rx_frame_err);
		jw_u64(j, "rx_over_err", s->rx_over_err);
		jw_u64(j, "rx_packets", s->rx_packets);
		jw_u64(j, "tx_bytes", s->tx_bytes);
		jw_u64(j, "tx_dropped", s->tx_dropped);
		jw_u64(j, "tx_errors", s->tx_errors);
		jw_u64(j, "tx_packets", s->tx_packets);
		break;
	}
	case WEFT_OFPMP_QUEUE: {
		const struct weft_of_queue_stats *s = &mp->queues[i];

		jw_cls(j, NULL, "OFPQueueStats");
		if (v != WEFT_OFP10_VERSION) {
			jw_u64(j, "duration_nsec", s->duration_nsec);
			jw_u64(j, "duration_sec", s->duration_sec);
		}
		jw_u64(j, "port_no", port(v, s->port_no));
		jw_u64(j, "queue_id", s->queue_id);
		jw_u64(j, "tx_bytes", s->tx_bytes);
		jw_u64(j, "tx_errors", s->tx_errors);
		jw_u64(j, "tx_packets", s->tx_packets);
		break;
	}
	case WEFT_OFPMP_GROUP: {
		const struct weft_of_group_stats *g = &mp->groups[i];

		jw_cls(j, NULL, "OFPGroupStats");
		jw_arr(j, "bucket_stats");
		for (k = 0; k < g->n_buckets; k++) {
			jw_cls(j, NULL, "OFPBucketCounter");
			jw_u64(j, "byte_count", g->buckets[k].byte_count);
			jw_u64(j, "packet_count", g->buckets[k].packet_count);
			jw_end_cls(j);
		}
		jw_end_arr(j);
		jw_u64(j, "byte_count", g->byte_count);
		jw_u64(j, "duration_nsec", g->duration_nsec);
		jw_u64(j, "duration_sec", g->duration_sec);
		jw_u64(j, "group_id", g->group_id);
		jw_u64(j, "length", 40 + 16 * g->n_buckets);
		jw_u64(j, "packet_count", g->packet_count);
		jw_u64(j, "ref_count", g->ref_count);
		break;
	}
	case WEFT_OFPMP_GROUP_DESC: {
		const struct weft_of_group_desc *g = &mp->group_descs[i];

		jw_cls(j, NULL, "OFPGroupDescStats");
		jw_buckets(j, "buckets", g->buckets, g->n_buckets);
		jw_u64(j, "group_id", g->group_id);
		len = 8;
		for (k = 0; k < g->n_buckets; k++)
			len += 16 + jw_actions_len(v, g->buckets[k].actions,
						   g->buckets[k].n_actions);
		jw_u64(j, "length", len);
		jw_u64(j, "type", g->type);
		break;
	}
	case WEFT_OFPMP_METER: {
		const struct weft_of_meter_stats *s = &mp->meters[i];

		jw_cls(j, NULL, "OFPMeterStats");
		jw_arr(j, "band_stats");
		for (k = 0; k < s->n_bands; k++) {
			jw_cls(j, NULL, "OFPMeterBandStats");
			jw_u64(j, "byte_band_count",
			       s->bands[k].byte_band_count);
			jw_u64(j, "packet_band_count",
			       s->bands[k].packet_band_count);
			jw_end_cls(j);
		}
		jw_end_arr(j);
		jw_u64(j, "byte_in_count", s->byte_in_count);
		jw_u64(j, "duration_nsec", s->duration_nsec);
		jw_u64(j, "duration_sec", s->duration_sec);
		jw_u64(j, "flow_count", s->flow_count);
		jw_u64(j, "len", 40 + 16 * s->n_bands);
		jw_u64(j, "meter_id", s->meter_id);
		jw_u64(j, "packet_in_count", s->packet_in_count);
		break;
	}
	case WEFT_OFPMP_METER_CONFIG: {
		const struct weft_of_meter_config *c = &mp->meter_configs[i];

		jw_cls(j, NULL, "OFPMeterConfigStats");
		jw_bands(j, "bands", c->bands, c->n_bands);
		jw_u64(j, "flags", c->flags);
		len = 8;
		for (k = 0; k < c->n_bands; k++)
			len += (16 + c->bands[k].data_len + 7) / 8 * 8;
		jw_u64(j, "length", len);
		jw_u64(j, "meter_id", c->meter_id);
		break;
	}
	case WEFT_OFPMP_METER_FEATURES: {
		const struct weft_of_meter_features *f = &mp->meter_features[i];

		jw_cls(j, NULL, "OFPMeterFeaturesStats");
		jw_u64(j, "band_types", f->band_types);
		jw_u64(j, "capabilities", f->capabilities);
		jw_u64(j, "max_bands", f->max_bands);
		jw_u64(j, "max_color", f->max_color);
		jw_u64(j, "max_meter", f->max_meter);
		break;
	}
	case WEFT_OFPMP_PORT_DESC:
		jw_port(j, v, NULL, &mp->ports[i]);
		return;
	case WEFT_OFPMP_TABLE_FEATURES:
		jw_table_features(j, &mp->table_features[i]);
		return;
	}
	jw_end_cls(j);
}

static void request(struct jw *j, uint8_t v, const struct weft_of_multipart *mp)
{
	const struct weft_of_flow_stats_request *fr = &mp->flow_req;
	size_t i;

	switch (mp->type) {
	case WEFT_OFPMP_FLOW:
	case WEFT_OFPMP_AGGREGATE:
		jw_match(j, v, "match", &fr->match);
		jw_u64(j, "out_port", port(v, fr->out_port));
		jw_u64(j, "table_id", fr->table_id);
		if (v == WEFT_OFP10_VERSION)
			break;
		jw_u64(j, "cookie", fr->cookie);
		jw_u64(j, "cookie_mask", fr->cookie_mask);
		jw_u64(j, "out_group", fr->out_group);
		break;
	case WEFT_OFPMP_PORT_STATS:
		jw_u64(j, "port_no", port(v, mp->port_no));
		break;
	case WEFT_OFPMP_QUEUE:
		jw_u64(j, "port_no", port(v, mp->port_no));
		jw_u64(j, "queue_id", mp->queue_id);
		break;
	case WEFT_OFPMP_GROUP:
		jw_u64(j, "group_id", mp->group_id);
		break;
	case WEFT_OFPMP_METER:
	case WEFT_OFPMP_METER_CONFIG:
		jw_u64(j, "meter_id", mp->meter_id);
		break;
	case WEFT_OFPMP_TABLE_FEATURES:
		jw_arr(j, "body");
		for (i = 0; i < mp->n; i++)
			jw_table_features(j, &mp->table_features[i]);
		jw_end_arr(j);
		break;
	}
}

static void reply(struct jw *j, uint8_t v, const struct weft_of_multipart *mp)
{
	int k;
	size_t i;

	switch (mp->type) {
	case WEFT_OFPMP_DESC:
		jw_cls(j, "body", "OFPDescStats");
		jw_strn(j, "dp_desc", mp->desc.dp_desc, 256);
		jw_strn(j, "hw_desc", mp->desc.hw_desc, 256);
		jw_strn(j, "mfr_desc", mp->desc.mfr_desc, 256);
		jw_strn(j, "serial_num", mp->desc.serial_num, 32);
		jw_strn(j, "sw_desc", mp->desc.sw_desc, 256);
		jw_end_cls(j);
		return;
	case WEFT_OFPMP_AGGREGATE:
		jw_cls(j, "body", "OFPAggregateStats");
		jw_u64(j, "byte_count", mp->aggregate.byte_count);
		jw_u64(j, "flow_count", mp->aggregate.flow_count);
		jw_u64(j, "packet_count", mp->aggregate.packet_count);
		jw_end_cls(j);
		return;
	case WEFT_OFPMP_GROUP_FEATURES:
		jw_cls(j, "body", "OFPGroupFeaturesStats");
		jw_arr(j, "actions");
		for (k = 0; k < 4; k++)
			jw_u64(j, NULL, mp->group_features.actions[k]);
		jw_end_arr(j);
		jw_u64(j, "capabilities", mp->group_features.capabilities);
		jw_arr(j, "max_groups");
		for (k = 0; k < 4; k++)
			jw_u64(j, NULL, mp->group_features.max_groups[k]);
		jw_end_arr(j);
		jw_u64(j, "types", mp->group_features.types);
		jw_end_cls(j);
		return;
	}
	jw_arr(j, "body");
	for (i = 0; i < mp->n; i++)
		entry(j, v, mp, i);
	jw_end_arr(j);
}

void jw_multipart(struct jw *j, const struct weft_of_msg *m)
{
	const struct weft_of_multipart *mp = &m->multipart;
	bool rep = m->type == WEFT_OFPT_MULTIPART_REPLY;
	uint8_t v = m->version;
	const char *cls;

	if (mp->type == WEFT_OFPMP_EXPERIMENTER) {
		bool v10 = v == WEFT_OFP10_VERSION;

		cls = v10 ? (rep ? "OFPVendorStatsReply" :
			     "OFPVendorStatsRequest") :
			    (rep ? "OFPExperimenterStatsReply" :
			     "OFPExperimenterStatsRequest");
		jw_cls(j, NULL, cls);
		if (rep && !v10)
			jw_cls(j, "body", "OFPExperimenterMultipart");
		jw_b64(j, "data", mp->data, mp->data_len);
		if (!v10)
			jw_u64(j, "exp_type", mp->exp_type);
		jw_u64(j, v10 ? "vendor" : "experimenter", mp->experimenter);
		if (rep && !v10)
			jw_end_cls(j);
	} else {
		const char *const *names = rep ? rep_cls : req_cls;

		cls = mp->type < 14 ? names[mp->type] :
		      rep ? "OFPStatsReplyUnknown" : "OFPStatsRequestUnknown";
		jw_cls(j, NULL, cls);
		if (rep)
			reply(j, v, mp);
		else
			request(j, v, mp);
	}
	jw_u64(j, "flags", mp->flags);
	jw_u64(j, "type", mp->type);
	jw_end_cls(j);
}
