// SPDX-License-Identifier: GPL-2.0
/*
 * Actions, instructions and group buckets: IR <-> struct weft_actions,
 * weft_insts and weft_group.
 */
#include "of_wire.h"
#include "of_xlate.h"
#include "of_xlate_priv.h"

#define BAC(err, c) OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_##c)

/* What the translation knows of the packet, for 1.0's set_* actions. */
struct act_ctx {
	const struct weft_match *match;	/* the flow's, or NULL */
	bool has_vlan;
};

static struct weft_action *add(struct weft_actions *out,
			       struct weft_of_error *err)
{
	struct weft_action *a;

	if (out->n >= WEFT_ACTIONS_MAX) {
		BAC(err, TOO_MANY);
		return NULL;
	}
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	return a;
}

static bool settable(unsigned int attr)
{
	switch (attr) {
	case WEFT_KEY_A_IN_PORT:
	case WEFT_KEY_A_IN_PHY_PORT:
	case WEFT_KEY_A_ETH_TYPE:
	case WEFT_KEY_A_IP_PROTO:
	case WEFT_KEY_A_TCP_FLAGS:
	case WEFT_KEY_A_IP_FRAG:
		return false;
	}
	return true;
}

static int output(uint32_t port, uint16_t max_len, struct weft_actions *out,
		  struct weft_of_error *err)
{
	struct weft_action *a;

	/* Ports weft can have, and the reserved ones it implements. */
	if (port == 0 || port == WEFT_OFPP_ANY || port == WEFT_OFPP_NORMAL ||
	    (port > WEFT_PORT_MAX && port < WEFT_OFPP_IN_PORT))
		return BAC(err, BAD_OUT_PORT);
	a = add(out, err);
	if (!a)
		return -1;
	if (port == WEFT_OFPP_CONTROLLER) {
		a->type = WEFT_ACT_A_CONTROLLER;
		a->arg = max_len;
	} else {
		a->type = WEFT_ACT_A_OUTPUT;
		a->arg = port;
	}
	return 0;
}

static int set_field(unsigned int attr, const void *key_value,
		     struct weft_actions *out, struct weft_of_error *err)
{
	struct weft_action *a = add(out, err);

	if (!a)
		return -1;
	a->type = WEFT_ACT_A_SET_FIELD;
	a->field = attr;
	memcpy(a->value, key_value, weft_match_field_len(attr));
	return 0;
}

static int oxm_set_field(const struct weft_of_oxm *o, struct weft_actions *out,
			 struct weft_of_error *err)
{
	uint8_t value[WEFT_FIELD_MAX_LEN], valid[WEFT_FIELD_MAX_LEN];
	bool maskable;
	int attr = of_xlate_attr(o, &maskable);
	size_t i, len;

	if (attr < 0 || !settable(attr))
		return BAC(err, BAD_SET_TYPE);
	len = weft_match_field_len(attr);
	if (o->hasmask || o->len != len)
		return BAC(err, BAD_SET_LEN);
	of_xlate_to_key(attr, o->value, value);
	weft_match_field_valid(attr, valid);
	for (i = 0; i < len; i++)
		if (value[i] & ~valid[i])
			return BAC(err, BAD_SET_ARGUMENT);
	return set_field(attr, value, out, err);
}

static int simple(uint16_t type, uint32_t arg, struct weft_actions *out,
		  struct weft_of_error *err)
{
	struct weft_action *a = add(out, err);

	if (!a)
		return -1;
	a->type = type;
	a->arg = arg;
	return 0;
}

static int action13(const struct weft_of_action *x, struct weft_actions *out,
		    struct weft_of_error *err)
{
	switch (x->type) {
	case WEFT_OFPAT_OUTPUT:
		return output(x->port, x->max_len, out, err);
	case WEFT_OFPAT_COPY_TTL_OUT:
		return simple(WEFT_ACT_A_COPY_TTL_OUT, 0, out, err);
	case WEFT_OFPAT_COPY_TTL_IN:
		return simple(WEFT_ACT_A_COPY_TTL_IN, 0, out, err);
	case WEFT_OFPAT_SET_MPLS_TTL:
		return simple(WEFT_ACT_A_SET_MPLS_TTL, x->arg, out, err);
	case WEFT_OFPAT_DEC_MPLS_TTL:
		return simple(WEFT_ACT_A_DEC_MPLS_TTL, 0, out, err);
	case WEFT_OFPAT_PUSH_VLAN:
		if (x->arg != 0x8100 && x->arg != 0x88a8)
			return BAC(err, BAD_ARGUMENT);
		return simple(WEFT_ACT_A_PUSH_VLAN, x->arg, out, err);
	case WEFT_OFPAT_POP_VLAN:
		return simple(WEFT_ACT_A_POP_VLAN, 0, out, err);
	case WEFT_OFPAT_PUSH_MPLS:
		if (x->arg != 0x8847 && x->arg != 0x8848)
			return BAC(err, BAD_ARGUMENT);
		return simple(WEFT_ACT_A_PUSH_MPLS, x->arg, out, err);
	case WEFT_OFPAT_POP_MPLS:
		return simple(WEFT_ACT_A_POP_MPLS, x->arg, out, err);
	case WEFT_OFPAT_SET_QUEUE:
		return simple(WEFT_ACT_A_SET_QUEUE, x->arg, out, err);
	case WEFT_OFPAT_GROUP:
		if (x->arg > WEFT_GROUP_MAX)
			return BAC(err, BAD_OUT_GROUP);
		return simple(WEFT_ACT_A_GROUP, x->arg, out, err);
	case WEFT_OFPAT_SET_NW_TTL:
		return simple(WEFT_ACT_A_SET_NW_TTL, x->arg, out, err);
	case WEFT_OFPAT_DEC_NW_TTL:
		return simple(WEFT_ACT_A_DEC_NW_TTL, 0, out, err);
	case WEFT_OFPAT_SET_FIELD:
		return oxm_set_field(&x->field, out, err);
	case WEFT_OFPAT_EXPERIMENTER:
		return BAC(err, BAD_EXPERIMENTER);
	}
	/* PBB and anything unknown: weft has no such action. */
	return BAC(err, BAD_TYPE);
}

static int vlan_first(struct act_ctx *c, struct weft_actions *out,
		      struct weft_of_error *err)
{
	/* 1.0's mod_vlan_* add a tag when there is none. */
	if (c->has_vlan)
		return 0;
	c->has_vlan = true;
	return simple(WEFT_ACT_A_PUSH_VLAN, 0x8100, out, err);
}

static int tp_attr(const struct act_ctx *c, bool src)
{
	const struct weft_match *m = c->match;

	if (!m || !weft_match_has(m, WEFT_KEY_A_IP_PROTO) ||
	    weft_match_is_masked(m, WEFT_KEY_A_IP_PROTO))
		return -1;
	switch (m->key.ip_proto) {
	case 6:
		return src ? WEFT_KEY_A_TCP_SRC : WEFT_KEY_A_TCP_DST;
	case 17:
		return src ? WEFT_KEY_A_UDP_SRC : WEFT_KEY_A_UDP_DST;
	case 132:
		return src ? WEFT_KEY_A_SCTP_SRC : WEFT_KEY_A_SCTP_DST;
	}
	return -1;
}

static int action10(const struct weft_of_action *x, struct act_ctx *c,
		    struct weft_actions *out, struct weft_of_error *err)
{
	uint8_t v[4];
	uint16_t v16;
	int attr;

	switch (x->type) {
	case WEFT_OFPAT10_OUTPUT:
		return output(x->port, x->max_len, out, err);
	case WEFT_OFPAT10_SET_VLAN_VID:
		if (x->arg > WEFT_VID_MASK)
			return BAC(err, BAD_ARGUMENT);
		v16 = WEFT_VID_PRESENT | x->arg;
		return vlan_first(c, out, err) ? -1 :
		       set_field(WEFT_KEY_A_VLAN_VID, &v16, out, err);
	case WEFT_OFPAT10_SET_VLAN_PCP:
		if (x->arg > 7)
			return BAC(err, BAD_ARGUMENT);
		v[0] = x->arg;
		return vlan_first(c, out, err) ? -1 :
		       set_field(WEFT_KEY_A_VLAN_PCP, v, out, err);
	case WEFT_OFPAT10_STRIP_VLAN:
		c->has_vlan = false;
		return simple(WEFT_ACT_A_POP_VLAN, 0, out, err);
	case WEFT_OFPAT10_SET_DL_SRC:
	case WEFT_OFPAT10_SET_DL_DST:
		return set_field(x->type == WEFT_OFPAT10_SET_DL_SRC ?
				 WEFT_KEY_A_ETH_SRC : WEFT_KEY_A_ETH_DST,
				 x->dl_addr, out, err);
	case WEFT_OFPAT10_SET_NW_SRC:
	case WEFT_OFPAT10_SET_NW_DST:
		v[0] = x->arg >> 24;
		v[1] = x->arg >> 16;
		v[2] = x->arg >> 8;
		v[3] = x->arg;
		return set_field(x->type == WEFT_OFPAT10_SET_NW_SRC ?
				 WEFT_KEY_A_IPV4_SRC : WEFT_KEY_A_IPV4_DST,
				 v, out, err);
	case WEFT_OFPAT10_SET_NW_TOS:
		if (x->arg & 3)
			return BAC(err, BAD_ARGUMENT);
		v[0] = x->arg >> 2;
		return set_field(WEFT_KEY_A_IP_DSCP, v, out, err);
	case WEFT_OFPAT10_SET_TP_SRC:
	case WEFT_OFPAT10_SET_TP_DST:
		attr = tp_attr(c, x->type == WEFT_OFPAT10_SET_TP_SRC);
		if (attr < 0)
			return BAC(err, MATCH_INCONSISTENT);
		v[0] = x->arg >> 8;
		v[1] = x->arg;
		return set_field(attr, v, out, err);
	case WEFT_OFPAT10_ENQUEUE:
		if (x->port == WEFT_OFPP_CONTROLLER)
			return BAC(err, BAD_OUT_PORT);
		return simple(WEFT_ACT_A_SET_QUEUE, x->arg, out, err) ? -1 :
		       output(x->port, 0, out, err);
	case WEFT_OFPAT10_VENDOR:
		return BAC(err, BAD_EXPERIMENTER);
	}
	return BAC(err, BAD_TYPE);
}

static int actions_to_weft(uint8_t version, const struct weft_of_action *acts,
			   size_t n, struct act_ctx *c,
			   struct weft_actions *out, struct weft_of_error *err)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		int r = version == WEFT_OFP10_VERSION ?
			action10(&acts[i], c, out, err) :
			action13(&acts[i], out, err);

		if (r)
			return -1;
	}
	return 0;
}

int weft_of_actions_to_weft(uint8_t version, const struct weft_of_action *acts,
			    size_t n, struct weft_actions *out,
			    struct weft_of_error *err)
{
	struct act_ctx c = { 0 };

	return actions_to_weft(version, acts, n, &c, out, err);
}

static bool match_has_vlan(const struct weft_match *m)
{
	uint16_t mask;

	if (!m || !weft_match_has(m, WEFT_KEY_A_VLAN_VID))
		return false;
	weft_match_get_mask(m, WEFT_KEY_A_VLAN_VID, &mask);
	return (m->key.vlan_vid & WEFT_VID_PRESENT) &&
	       (mask & WEFT_VID_PRESENT);
}

int weft_of_flow_insts_to_weft(uint8_t version,
			       const struct weft_of_inst *insts, size_t n,
			       const struct weft_match *match,
			       struct weft_insts *out,
			       struct weft_of_error *err)
{
	struct act_ctx c = { .match = match, .has_vlan = match_has_vlan(match) };
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct weft_of_inst *in = &insts[i];
		unsigned int bit;

		switch (in->type) {
		case WEFT_OFPIT_APPLY_ACTIONS:
			bit = WEFT_INST_A_APPLY_ACTIONS;
			break;
		case WEFT_OFPIT_WRITE_ACTIONS:
			bit = WEFT_INST_A_WRITE_ACTIONS;
			break;
		case WEFT_OFPIT_CLEAR_ACTIONS:
			bit = WEFT_INST_A_CLEAR_ACTIONS;
			break;
		case WEFT_OFPIT_WRITE_METADATA:
			bit = WEFT_INST_A_WRITE_METADATA;
			break;
		case WEFT_OFPIT_GOTO_TABLE:
			bit = WEFT_INST_A_GOTO_TABLE;
			break;
		case WEFT_OFPIT_EXPERIMENTER:
			return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
				       WEFT_OFPBIC_BAD_EXPERIMENTER);
		case WEFT_OFPIT_METER:	/* weft has no meters */
			return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
				       WEFT_OFPBIC_UNSUP_INST);
		default:
			return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
				       WEFT_OFPBIC_UNKNOWN_INST);
		}
		/* At most one of each, as the spec says. */
		if (out->present & WEFT_BIT(bit))
			return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
				       WEFT_OFPBIC_UNSUP_INST);
		out->present |= WEFT_BIT(bit);
		switch (bit) {
		case WEFT_INST_A_APPLY_ACTIONS:
			if (actions_to_weft(version, in->actions,
					    in->n_actions, &c, &out->apply,
					    err))
				return -1;
			break;
		case WEFT_INST_A_WRITE_ACTIONS:
			if (actions_to_weft(version, in->actions,
					    in->n_actions, &c, &out->write,
					    err))
				return -1;
			break;
		case WEFT_INST_A_CLEAR_ACTIONS:
			if (in->n_actions)
				return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
					       WEFT_OFPBIC_BAD_LEN);
			break;
		case WEFT_INST_A_WRITE_METADATA:
			out->meta_value = in->metadata;
			out->meta_mask = in->metadata_mask;
			break;
		case WEFT_INST_A_GOTO_TABLE:
			if (in->table_id > WEFT_TABLE_MAX)
				return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
					       WEFT_OFPBIC_BAD_TABLE_ID);
			out->goto_table = in->table_id;
			break;
		}
	}
	return 0;
}

int weft_of_insts_to_weft(uint8_t version, const struct weft_of_inst *insts,
			  size_t n, struct weft_insts *out,
			  struct weft_of_error *err)
{
	return weft_of_flow_insts_to_weft(version, insts, n, NULL, out, err);
}

int weft_of_group_to_weft(uint8_t version, const struct weft_of_group_mod *gm,
			  struct weft_group *g, struct weft_of_error *err)
{
	size_t i;

	weft_group_init(g);
	if (version == WEFT_OFP10_VERSION)
		return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
			       WEFT_OFPBRC_BAD_TYPE);
	if (gm->type > WEFT_OFPGT_FF)
		return OF_FAIL(err, WEFT_OFPET_GROUP_MOD_FAILED,
			       WEFT_OFPGMFC_BAD_TYPE);
	if (gm->group_id > WEFT_GROUP_MAX &&
	    !(gm->command == WEFT_OFPGC_DELETE &&
	      gm->group_id == WEFT_GROUP_ALL))
		return OF_FAIL(err, WEFT_OFPET_GROUP_MOD_FAILED,
			       WEFT_OFPGMFC_INVALID_GROUP);
	if (gm->n_buckets > WEFT_BUCKETS_MAX)
		return OF_FAIL(err, WEFT_OFPET_GROUP_MOD_FAILED,
			       WEFT_OFPGMFC_OUT_OF_BUCKETS);
	g->id = gm->group_id;
	g->type = gm->type;
	g->attrs = WEFT_BIT(WEFT_GROUP_A_ID) | WEFT_BIT(WEFT_GROUP_A_TYPE) |
		   WEFT_BIT(WEFT_GROUP_A_BUCKETS);
	g->n_buckets = gm->n_buckets;
	for (i = 0; i < gm->n_buckets; i++) {
		const struct weft_of_bucket *b = &gm->buckets[i];
		struct weft_bucket *wb = &g->buckets[i];

		wb->attrs = WEFT_BIT(WEFT_BUCKET_A_ACTIONS);
		wb->weight = b->weight;
		wb->watch_port = b->watch_port;
		wb->watch_group = b->watch_group;
		/* Other types keep but ignore a weight (as the ABI does). */
		if (gm->type == WEFT_OFPGT_SELECT || b->weight)
			wb->attrs |= WEFT_BIT(WEFT_BUCKET_A_WEIGHT);
		if (b->watch_port != WEFT_OFPP_ANY)
			wb->attrs |= WEFT_BIT(WEFT_BUCKET_A_WATCH_PORT);
		if (b->watch_group != WEFT_OFPG_ANY)
			wb->attrs |= WEFT_BIT(WEFT_BUCKET_A_WATCH_GROUP);
		if (weft_of_actions_to_weft(version, b->actions, b->n_actions,
					    &wb->actions, err))
			return -1;
	}
	return 0;
}
