// SPDX-License-Identifier: GPL-2.0
/*
 * weft_of_to_json(): whole messages in os-ken's JSON form.
 */
#include "of_json.h"

static void hello(struct jw *j, const struct weft_of_hello *h)
{
	size_t i, k;
	int b;

	jw_arr(j, "elements");
	for (i = 0; i < h->n_elems; i++) {
		const struct weft_of_hello_elem *e = &h->elems[i];

		if (e->type != WEFT_OFPHET_VERSIONBITMAP) {
			jw_cls(j, NULL, "OFPHelloElemUnknown");
			jw_b64(j, "data", e->data, e->data_len);
			jw_u64(j, "length", 4 + e->data_len);
			jw_u64(j, "type", e->type);
			jw_end_cls(j);
			continue;
		}
		jw_cls(j, NULL, "OFPHelloElemVersionBitmap");
		jw_u64(j, "length", 4 + 4 * e->n_bitmaps);
		jw_u64(j, "type", e->type);
		jw_arr(j, "versions");
		for (k = 0; k < e->n_bitmaps; k++)
			for (b = 0; b < 32; b++)
				if (e->bitmaps[k] & (1U << b))
					jw_u64(j, NULL, 32 * k + b);
		jw_end_arr(j);
		jw_end_cls(j);
	}
	jw_end_arr(j);
}

static void error(struct jw *j, uint8_t v, const struct weft_of_error_msg *e)
{
	uint16_t t = e->type, c = e->code;

	if (v == WEFT_OFP10_VERSION && !e->of10_raw)
		of_error_nearest10(e->type, e->code, &t, &c);
	jw_b64(j, "data", e->data, e->data_len);
	if (v != WEFT_OFP10_VERSION && e->type == WEFT_OFPET_EXPERIMENTER) {
		jw_null(j, "code");
		jw_u64(j, "exp_type", e->exp_type);
		jw_u64(j, "experimenter", e->experimenter);
	} else {
		jw_u64(j, "code", c);
	}
	jw_u64(j, "type", t);
}

static uint64_t port(uint8_t v, uint32_t p)
{
	return v == WEFT_OFP10_VERSION ? weft_of_port_to10(p) : p;
}

static void features(struct jw *j, uint8_t v, const struct weft_of_features *f)
{
	char key[16];
	size_t i;

	if (v == WEFT_OFP10_VERSION)
		jw_u64(j, "actions", f->reserved);
	else
		jw_u64(j, "auxiliary_id", f->auxiliary_id);
	jw_u64(j, "capabilities", f->capabilities);
	jw_u64(j, "datapath_id", f->datapath_id);
	jw_u64(j, "n_buffers", f->n_buffers);
	jw_u64(j, "n_tables", f->n_tables);
	if (v != WEFT_OFP10_VERSION)
		return;
	/* os-ken keys 1.0's ports by number. */
	jw_obj(j, "ports");
	for (i = 0; i < f->n_ports; i++) {
		snprintf(key, sizeof(key), "%u",
			 (unsigned)weft_of_port_to10(f->ports[i].port_no));
		jw_port(j, v, key, &f->ports[i]);
	}
	jw_end_obj(j);
}

static void packet_in(struct jw *j, uint8_t v,
		      const struct weft_of_packet_in *pi)
{
	jw_u64(j, "buffer_id", pi->buffer_id);
	jw_b64(j, "data", pi->data, pi->data_len);
	if (v == WEFT_OFP10_VERSION) {
		jw_u64(j, "in_port", port(v, pi->in_port));
	} else {
		jw_u64(j, "cookie", pi->cookie);
		jw_match(j, v, "match", &pi->match);
		jw_u64(j, "table_id", pi->table_id);
	}
	jw_u64(j, "reason", pi->reason);
	jw_u64(j, "total_len", pi->total_len);
}

static void flow_removed(struct jw *j, uint8_t v,
			 const struct weft_of_flow_removed *fr)
{
	jw_u64(j, "byte_count", fr->byte_count);
	jw_u64(j, "cookie", fr->cookie);
	jw_u64(j, "duration_nsec", fr->duration_nsec);
	jw_u64(j, "duration_sec", fr->duration_sec);
	if (v != WEFT_OFP10_VERSION) {
		jw_u64(j, "hard_timeout", fr->hard_timeout);
		jw_u64(j, "table_id", fr->table_id);
	}
	jw_u64(j, "idle_timeout", fr->idle_timeout);
	jw_match(j, v, "match", &fr->match);
	jw_u64(j, "packet_count", fr->packet_count);
	jw_u64(j, "priority", fr->priority);
	jw_u64(j, "reason", fr->reason);
}

static void packet_out(struct jw *j, uint8_t v,
		       const struct weft_of_packet_out *po)
{
	jw_actions(j, v, "actions", po->actions, po->n_actions);
	if (v != WEFT_OFP10_VERSION)
		jw_u64(j, "actions_len",
		       jw_actions_len(v, po->actions, po->n_actions));
	jw_u64(j, "buffer_id", po->buffer_id);
	jw_b64(j, "data", po->data, po->data_len);
	jw_u64(j, "in_port", port(v, po->in_port));
}

static void flow_mod(struct jw *j, uint8_t v, const struct weft_of_flow_mod *fm)
{
	jw_u64(j, "buffer_id", fm->buffer_id);
	jw_u64(j, "command", fm->command);
	jw_u64(j, "cookie", fm->cookie);
	jw_u64(j, "flags", fm->flags);
	jw_u64(j, "hard_timeout", fm->hard_timeout);
	jw_u64(j, "idle_timeout", fm->idle_timeout);
	jw_match(j, v, "match", &fm->match);
	jw_u64(j, "out_port", port(v, fm->out_port));
	jw_u64(j, "priority", fm->priority);
	if (v == WEFT_OFP10_VERSION) {
		if (fm->n_insts)
			jw_actions(j, v, "actions", fm->insts[0].actions,
				   fm->insts[0].n_actions);
		else
			jw_actions(j, v, "actions", NULL, 0);
		return;
	}
	jw_u64(j, "cookie_mask", fm->cookie_mask);
	jw_insts(j, "instructions", fm->insts, fm->n_insts);
	jw_u64(j, "out_group", fm->out_group);
	jw_u64(j, "table_id", fm->table_id);
}

static void queue_reply(struct jw *j, uint8_t v,
			const struct weft_of_queue_config *qc)
{
	size_t i, k, b;

	jw_u64(j, "port", port(v, qc->port));
	jw_arr(j, "queues");
	for (i = 0; i < qc->n_queues; i++) {
		const struct weft_of_queue *q = &qc->queues[i];
		size_t len = v == WEFT_OFP10_VERSION ? 8 : 16;

		jw_cls(j, NULL, "OFPPacketQueue");
		jw_arr(j, "properties");
		for (k = 0; k < q->n_props; k++) {
			const struct weft_of_queue_prop *pr = &q->props[k];
			size_t plen = 8 + pr->data_len;

			if (pr->property == WEFT_OFPQT_MIN_RATE)
				jw_cls(j, NULL, "OFPQueuePropMinRate");
			else if (pr->property == WEFT_OFPQT_MAX_RATE)
				jw_cls(j, NULL, "OFPQueuePropMaxRate");
			else if (pr->property == WEFT_OFPQT_EXPERIMENTER)
				jw_cls(j, NULL, "OFPQueuePropExperimenter");
			else
				jw_cls(j, NULL, "OFPQueuePropUnknown");
			if (pr->property == WEFT_OFPQT_MIN_RATE ||
			    pr->property == WEFT_OFPQT_MAX_RATE) {
				jw_u64(j, "rate", pr->rate);
				plen += 8;
			} else if (pr->property == WEFT_OFPQT_EXPERIMENTER) {
				jw_u64(j, "experimenter", pr->experimenter);
				jw_arr(j, "data");
				for (b = 0; b < pr->data_len; b++)
					jw_u64(j, NULL, pr->data[b]);
				jw_end_arr(j);
				plen += 8;
			}
			jw_u64(j, "len", plen);
			jw_u64(j, "property", pr->property);
			jw_end_cls(j);
			len += plen;
		}
		jw_end_arr(j);
		jw_u64(j, "len", len);
		if (v != WEFT_OFP10_VERSION)
			jw_u64(j, "port", q->port);
		jw_u64(j, "queue_id", q->queue_id);
		jw_end_cls(j);
	}
	jw_end_arr(j);
}

static void async(struct jw *j, const struct weft_of_async *a)
{
	const char *keys[] = { "flow_removed_mask", "packet_in_mask",
			       "port_status_mask" };
	const uint32_t *vals[] = { a->flow_removed_mask, a->packet_in_mask,
				   a->port_status_mask };
	int i;

	for (i = 0; i < 3; i++) {
		jw_arr(j, keys[i]);
		jw_u64(j, NULL, vals[i][0]);
		jw_u64(j, NULL, vals[i][1]);
		jw_end_arr(j);
	}
}

static const char *const cls13[] = {
	"OFPHello", "OFPErrorMsg", "OFPEchoRequest", "OFPEchoReply",
	"OFPExperimenter", "OFPFeaturesRequest", "OFPSwitchFeatures",
	"OFPGetConfigRequest", "OFPGetConfigReply", "OFPSetConfig",
	"OFPPacketIn", "OFPFlowRemoved", "OFPPortStatus", "OFPPacketOut",
	"OFPFlowMod", "OFPGroupMod", "OFPPortMod", "OFPTableMod", NULL, NULL,
	"OFPBarrierRequest", "OFPBarrierReply", "OFPQueueGetConfigRequest",
	"OFPQueueGetConfigReply", "OFPRoleRequest", "OFPRoleReply",
	"OFPGetAsyncRequest", "OFPGetAsyncReply", "OFPSetAsync",
	"OFPMeterMod",
};

int weft_of_to_json(const struct weft_of_msg *m, FILE *fp)
{
	struct jw j = { .fp = fp };
	uint8_t v = m->version;
	const char *cls;

	if (m->type > WEFT_OFPT_MAX)
		return -1;
	if (m->type == WEFT_OFPT_MULTIPART_REQUEST ||
	    m->type == WEFT_OFPT_MULTIPART_REPLY) {
		jw_multipart(&j, m);
		goto out;
	}
	cls = cls13[m->type];
	if (v == WEFT_OFP10_VERSION && m->type == WEFT_OFPT_EXPERIMENTER)
		cls = "OFPVendor";
	jw_cls(&j, NULL, cls);
	switch (m->type) {
	case WEFT_OFPT_HELLO:
		hello(&j, &m->hello);
		break;
	case WEFT_OFPT_ERROR:
		error(&j, v, &m->error);
		break;
	case WEFT_OFPT_ECHO_REQUEST:
	case WEFT_OFPT_ECHO_REPLY:
		jw_b64(&j, "data", m->echo.data, m->echo.data_len);
		break;
	case WEFT_OFPT_EXPERIMENTER:
		jw_b64(&j, "data", m->experimenter.data,
		       m->experimenter.data_len);
		if (v == WEFT_OFP10_VERSION) {
			jw_u64(&j, "vendor", m->experimenter.experimenter);
			break;
		}
		jw_u64(&j, "exp_type", m->experimenter.exp_type);
		jw_u64(&j, "experimenter", m->experimenter.experimenter);
		break;
	case WEFT_OFPT_FEATURES_REPLY:
		features(&j, v, &m->features);
		break;
	case WEFT_OFPT_GET_CONFIG_REPLY:
	case WEFT_OFPT_SET_CONFIG:
		jw_u64(&j, "flags", m->config.flags);
		jw_u64(&j, "miss_send_len", m->config.miss_send_len);
		break;
	case WEFT_OFPT_PACKET_IN:
		packet_in(&j, v, &m->packet_in);
		break;
	case WEFT_OFPT_FLOW_REMOVED:
		flow_removed(&j, v, &m->flow_removed);
		break;
	case WEFT_OFPT_PORT_STATUS:
		jw_port(&j, v, "desc", &m->port_status.desc);
		jw_u64(&j, "reason", m->port_status.reason);
		break;
	case WEFT_OFPT_PACKET_OUT:
		packet_out(&j, v, &m->packet_out);
		break;
	case WEFT_OFPT_FLOW_MOD:
		flow_mod(&j, v, &m->flow_mod);
		break;
	case WEFT_OFPT_GROUP_MOD:
		jw_buckets(&j, "buckets", m->group_mod.buckets,
			   m->group_mod.n_buckets);
		jw_u64(&j, "command", m->group_mod.command);
		jw_u64(&j, "group_id", m->group_mod.group_id);
		jw_u64(&j, "type", m->group_mod.type);
		break;
	case WEFT_OFPT_PORT_MOD:
		jw_u64(&j, "advertise", m->port_mod.advertise);
		jw_u64(&j, "config", m->port_mod.config);
		jw_mac(&j, "hw_addr", m->port_mod.hw_addr);
		jw_u64(&j, "mask", m->port_mod.mask);
		jw_u64(&j, "port_no", port(v, m->port_mod.port_no));
		break;
	case WEFT_OFPT_TABLE_MOD:
		jw_u64(&j, "config", m->table_mod.config);
		jw_u64(&j, "table_id", m->table_mod.table_id);
		break;
	case WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST:
		jw_u64(&j, "port", port(v, m->queue_config.port));
		break;
	case WEFT_OFPT_QUEUE_GET_CONFIG_REPLY:
		queue_reply(&j, v, &m->queue_config);
		break;
	case WEFT_OFPT_ROLE_REQUEST:
	case WEFT_OFPT_ROLE_REPLY:
		jw_u64(&j, "generation_id", m->role.generation_id);
		jw_u64(&j, "role", m->role.role);
		break;
	case WEFT_OFPT_GET_ASYNC_REPLY:
	case WEFT_OFPT_SET_ASYNC:
		async(&j, &m->async);
		break;
	case WEFT_OFPT_METER_MOD:
		jw_bands(&j, "bands", m->meter_mod.bands,
			 m->meter_mod.n_bands);
		jw_u64(&j, "command", m->meter_mod.command);
		jw_u64(&j, "flags", m->meter_mod.flags);
		jw_u64(&j, "meter_id", m->meter_mod.meter_id);
		break;
	}
	jw_end_cls(&j);
out:
	fputc('\n', fp);
	return ferror(fp) ? -1 : 0;
}
