// SPDX-License-Identifier: GPL-2.0
/*
 * weft's actions, instructions and buckets -> the IR, for FLOW stats,
 * FLOW_REMOVED and GROUP_DESC replies in either version.
 */
#include "of_wire.h"
#include "of_xlate.h"
#include "of_xlate_priv.h"

/* The OXM (basic or Nicira) that carries @attr. */
static int attr_oxm(unsigned int attr, struct weft_of_oxm *o)
{
	unsigned int f;

	for (f = 0; f < 128; f++) {
		struct weft_of_oxm t = { .oxm_class = WEFT_OFPXMC_OPENFLOW_BASIC,
					 .field = f };
		bool mk;

		if (of_xlate_attr(&t, &mk) == (int)attr) {
			o->oxm_class = t.oxm_class;
			o->field = f;
			return 0;
		}
		t.oxm_class = WEFT_OFPXMC_NXM_1;
		if (of_xlate_attr(&t, &mk) == (int)attr) {
			o->oxm_class = t.oxm_class;
			o->field = f;
			return 0;
		}
	}
	return -EINVAL;
}

static int action13(const struct weft_action *a, struct weft_of_action *x)
{
	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
		x->type = WEFT_OFPAT_OUTPUT;
		x->port = a->arg;
		/* The kernel keeps max_len for the controller only; report
		 * what controllers send by default (OFPCML_MAX). */
		x->max_len = WEFT_OFPCML_MAX;
		return 0;
	case WEFT_ACT_A_CONTROLLER:
		x->type = WEFT_OFPAT_OUTPUT;
		x->port = WEFT_OFPP_CONTROLLER;
		x->max_len = (uint16_t)a->arg;
		return 0;
	case WEFT_ACT_A_GROUP:
		x->type = WEFT_OFPAT_GROUP;
		break;
	case WEFT_ACT_A_SET_FIELD:
		x->type = WEFT_OFPAT_SET_FIELD;
		if (a->field == WEFT_KEY_A_TCP_FLAGS ||
		    attr_oxm(a->field, &x->field))
			return -EINVAL;
		x->field.len = weft_match_field_len(a->field);
		of_xlate_to_wire(a->field, a->value, x->field.value);
		return 0;
	case WEFT_ACT_A_PUSH_VLAN:
		x->type = WEFT_OFPAT_PUSH_VLAN;
		break;
	case WEFT_ACT_A_POP_VLAN:
		x->type = WEFT_OFPAT_POP_VLAN;
		break;
	case WEFT_ACT_A_PUSH_MPLS:
		x->type = WEFT_OFPAT_PUSH_MPLS;
		break;
	case WEFT_ACT_A_POP_MPLS:
		x->type = WEFT_OFPAT_POP_MPLS;
		break;
	case WEFT_ACT_A_SET_NW_TTL:
		x->type = WEFT_OFPAT_SET_NW_TTL;
		break;
	case WEFT_ACT_A_DEC_NW_TTL:
		x->type = WEFT_OFPAT_DEC_NW_TTL;
		break;
	case WEFT_ACT_A_SET_MPLS_TTL:
		x->type = WEFT_OFPAT_SET_MPLS_TTL;
		break;
	case WEFT_ACT_A_DEC_MPLS_TTL:
		x->type = WEFT_OFPAT_DEC_MPLS_TTL;
		break;
	case WEFT_ACT_A_COPY_TTL_OUT:
		x->type = WEFT_OFPAT_COPY_TTL_OUT;
		break;
	case WEFT_ACT_A_COPY_TTL_IN:
		x->type = WEFT_OFPAT_COPY_TTL_IN;
		break;
	case WEFT_ACT_A_SET_QUEUE:
		x->type = WEFT_OFPAT_SET_QUEUE;
		break;
	default:
		return -EINVAL;
	}
	x->arg = a->arg;
	return 0;
}

/*
 * 1.0: set-fields become set_* actions, a push_vlan that only prepares
 * a set-field of the VLAN disappears (1.0's set_vlan_* push by
 * themselves), set_queue + output become enqueue.  @i advances past what
 * was consumed.
 */
static int action10(const struct weft_actions *in, unsigned int *i,
		    struct weft_of_action *x)
{
	const struct weft_action *a = &in->a[*i];
	const struct weft_action *next = *i + 1 < in->n ? &in->a[*i + 1] : NULL;
	const uint8_t *v = a->value;

	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
	case WEFT_ACT_A_CONTROLLER:
		x->type = WEFT_OFPAT10_OUTPUT;
		x->port = a->type == WEFT_ACT_A_OUTPUT ? a->arg :
			  WEFT_OFPP_CONTROLLER;
		x->max_len = a->type == WEFT_ACT_A_OUTPUT ? WEFT_OFPCML_MAX : a->arg;
		return weft_of_port10_ok(x->port) ? 0 : -EINVAL;
	case WEFT_ACT_A_SET_QUEUE:
		if (!next || next->type != WEFT_ACT_A_OUTPUT ||
		    !weft_of_port10_ok(next->arg))
			return -EINVAL;
		x->type = WEFT_OFPAT10_ENQUEUE;
		x->port = next->arg;
		x->arg = a->arg;
		(*i)++;
		return 0;
	case WEFT_ACT_A_POP_VLAN:
		x->type = WEFT_OFPAT10_STRIP_VLAN;
		return 0;
	case WEFT_ACT_A_PUSH_VLAN:
		if (a->arg != 0x8100 || !next ||
		    next->type != WEFT_ACT_A_SET_FIELD ||
		    (next->field != WEFT_KEY_A_VLAN_VID &&
		     next->field != WEFT_KEY_A_VLAN_PCP))
			return -EINVAL;
		(*i)++;
		return action10(in, i, x);
	case WEFT_ACT_A_SET_FIELD:
		break;
	default:
		return -EINVAL;
	}
	switch (a->field) {
	case WEFT_KEY_A_VLAN_VID: {
		uint16_t vid;

		memcpy(&vid, v, 2);
		x->type = WEFT_OFPAT10_SET_VLAN_VID;
		x->arg = vid & WEFT_VID_MASK;
		return 0;
	}
	case WEFT_KEY_A_VLAN_PCP:
		x->type = WEFT_OFPAT10_SET_VLAN_PCP;
		x->arg = v[0];
		return 0;
	case WEFT_KEY_A_ETH_SRC:
	case WEFT_KEY_A_ETH_DST:
		x->type = a->field == WEFT_KEY_A_ETH_SRC ?
			  WEFT_OFPAT10_SET_DL_SRC : WEFT_OFPAT10_SET_DL_DST;
		memcpy(x->dl_addr, v, 6);
		return 0;
	case WEFT_KEY_A_IPV4_SRC:
	case WEFT_KEY_A_IPV4_DST:
		x->type = a->field == WEFT_KEY_A_IPV4_SRC ?
			  WEFT_OFPAT10_SET_NW_SRC : WEFT_OFPAT10_SET_NW_DST;
		x->arg = rd32(v);
		return 0;
	case WEFT_KEY_A_IP_DSCP:
		x->type = WEFT_OFPAT10_SET_NW_TOS;
		x->arg = v[0] << 2;
		return 0;
	case WEFT_KEY_A_TCP_SRC:
	case WEFT_KEY_A_UDP_SRC:
	case WEFT_KEY_A_SCTP_SRC:
		x->type = WEFT_OFPAT10_SET_TP_SRC;
		x->arg = rd16(v);
		return 0;
	case WEFT_KEY_A_TCP_DST:
	case WEFT_KEY_A_UDP_DST:
	case WEFT_KEY_A_SCTP_DST:
		x->type = WEFT_OFPAT10_SET_TP_DST;
		x->arg = rd16(v);
		return 0;
	}
	return -EINVAL;
}

int weft_of_actions_from_weft(uint8_t version, const struct weft_actions *in,
			      struct weft_of_action **acts, size_t *n)
{
	struct weft_of_action *arr;
	unsigned int i;
	size_t cnt = 0;
	int r = 0;

	*acts = NULL;
	*n = 0;
	if (!in->n)
		return 0;
	arr = calloc(in->n, sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < in->n && !r; i++, cnt++)
		r = version == WEFT_OFP10_VERSION ?
		    action10(in, &i, &arr[cnt]) : action13(&in->a[i], &arr[cnt]);
	if (r) {
		weft_of_actions_free(arr, cnt);
		return r;
	}
	*acts = arr;
	*n = cnt;
	return 0;
}

int weft_of_insts_from_weft(uint8_t version, const struct weft_insts *in,
			    struct weft_of_inst **insts, size_t *n)
{
	/* OpenFlow's execution order: apply, clear, write, metadata, goto. */
	static const struct { unsigned int bit; uint16_t type; } order[] = {
		{ WEFT_INST_A_APPLY_ACTIONS, WEFT_OFPIT_APPLY_ACTIONS },
		{ WEFT_INST_A_CLEAR_ACTIONS, WEFT_OFPIT_CLEAR_ACTIONS },
		{ WEFT_INST_A_WRITE_ACTIONS, WEFT_OFPIT_WRITE_ACTIONS },
		{ WEFT_INST_A_WRITE_METADATA, WEFT_OFPIT_WRITE_METADATA },
		{ WEFT_INST_A_GOTO_TABLE, WEFT_OFPIT_GOTO_TABLE },
	};
	struct weft_of_inst *arr;
	size_t i, cnt = 0;
	int r = 0;

	*insts = NULL;
	*n = 0;
	if (version == WEFT_OFP10_VERSION) {
		if (in->present & ~WEFT_BIT(WEFT_INST_A_APPLY_ACTIONS))
			return -EINVAL;
		if (!in->apply.n)
			return 0;
	}
	arr = calloc(5, sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < 5 && !r; i++) {
		struct weft_of_inst *x = &arr[cnt];

		if (!(in->present & WEFT_BIT(order[i].bit)))
			continue;
		x->type = order[i].type;
		cnt++;
		if (order[i].bit == WEFT_INST_A_APPLY_ACTIONS)
			r = weft_of_actions_from_weft(version, &in->apply,
						      &x->actions,
						      &x->n_actions);
		else if (order[i].bit == WEFT_INST_A_WRITE_ACTIONS)
			r = weft_of_actions_from_weft(version, &in->write,
						      &x->actions,
						      &x->n_actions);
		x->metadata = in->meta_value;
		x->metadata_mask = in->meta_mask;
		x->table_id = in->goto_table;
	}
	if (r || !cnt) {
		weft_of_insts_free(arr, cnt);
		return r;
	}
	*insts = arr;
	*n = cnt;
	return 0;
}

int weft_of_buckets_from_weft(uint8_t version, const struct weft_group *g,
			      struct weft_of_bucket **buckets, size_t *n)
{
	struct weft_of_bucket *arr;
	size_t i;
	int r;

	*buckets = NULL;
	*n = 0;
	if (version == WEFT_OFP10_VERSION)
		return -EINVAL;
	if (!g->n_buckets)
		return 0;
	arr = calloc(g->n_buckets, sizeof(*arr));
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->buckets[i];
		struct weft_of_bucket *x = &arr[i];

		x->weight = b->attrs & WEFT_BIT(WEFT_BUCKET_A_WEIGHT) ?
			    b->weight :
			    g->type == WEFT_GROUP_TYPE_SELECT ? 1 : 0;
		x->watch_port = b->attrs & WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT) ?
				b->watch_port : WEFT_OFPP_ANY;
		x->watch_group = b->attrs & WEFT_BIT(WEFT_BUCKET_A_WATCH_GROUP) ?
				 b->watch_group : WEFT_OFPG_ANY;
		r = weft_of_actions_from_weft(version, &b->actions,
					      &x->actions, &x->n_actions);
		if (r) {
			weft_of_buckets_free(arr, i);
			return r;
		}
	}
	*buckets = arr;
	*n = g->n_buckets;
	return 0;
}
