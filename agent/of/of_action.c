// SPDX-License-Identifier: GPL-2.0
/*
 * Action lists (1.3 and 1.0) and 1.3 instructions.
 */
#include "of_wire.h"

bool of_nx_subtype_known(uint16_t subtype)
{
	/* NXAST_* as OVS numbers them; 3 and 11 were never assigned. */
	return subtype >= 1 && subtype <= 60 && subtype != 3 && subtype != 11;
}

static int grow(void **arr, size_t n, size_t *cap, size_t size)
{
	void *tmp;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 4;
	tmp = realloc(*arr, *cap * size);
	if (!tmp)
		return -1;
	*arr = tmp;
	return 0;
}

static int exp_decode(uint8_t version, const uint8_t *p, size_t alen,
		      struct weft_of_action *a, struct weft_of_error *err)
{
	a->experimenter = rd32(p + 4);
	a->data_len = alen - 8;
	/*
	 * Nicira's actions have meaning weft does not implement; saying so
	 * now is what the spec's BAD_EXPERIMENTER is for.
	 */
	if (a->experimenter == WEFT_OF_NX_VENDOR_ID &&
	    (a->data_len < 2 || of_nx_subtype_known(rd16(p + 8))))
		return OF_FAIL(err, WEFT_OFPET_BAD_ACTION,
			       WEFT_OFPBAC_BAD_EXPERIMENTER);
	(void)version;
	if (a->data_len) {
		a->data = of_dup(p + 8, a->data_len);
		if (!a->data)
			return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
				       WEFT_OFPBRC_EPERM);
	}
	return 0;
}

static int action13_decode(const uint8_t *p, size_t alen,
			   struct weft_of_action *a, struct weft_of_error *err)
{
	size_t want = 8, used;

	switch (a->type) {
	case WEFT_OFPAT_OUTPUT:
		want = 16;
		if (alen != want)
			break;
		a->port = rd32(p + 4);
		a->max_len = rd16(p + 8);
		return 0;
	case WEFT_OFPAT_COPY_TTL_OUT:
	case WEFT_OFPAT_COPY_TTL_IN:
	case WEFT_OFPAT_DEC_MPLS_TTL:
	case WEFT_OFPAT_POP_VLAN:
	case WEFT_OFPAT_DEC_NW_TTL:
	case WEFT_OFPAT_POP_PBB:
		break;
	case WEFT_OFPAT_SET_MPLS_TTL:
	case WEFT_OFPAT_SET_NW_TTL:
		a->arg = p[4];
		break;
	case WEFT_OFPAT_PUSH_VLAN:
	case WEFT_OFPAT_PUSH_MPLS:
	case WEFT_OFPAT_PUSH_PBB:
	case WEFT_OFPAT_POP_MPLS:
		a->arg = rd16(p + 4);
		break;
	case WEFT_OFPAT_SET_QUEUE:
	case WEFT_OFPAT_GROUP:
		a->arg = rd32(p + 4);
		break;
	case WEFT_OFPAT_SET_FIELD:
		if (of_oxm_decode(p + 4, alen - 4, &used, &a->field, err)) {
			err->type = WEFT_OFPET_BAD_ACTION;
			err->code = err->code == WEFT_OFPBMC_BAD_FIELD ?
				    WEFT_OFPBAC_BAD_SET_TYPE :
				    WEFT_OFPBAC_BAD_SET_LEN;
			return -1;
		}
		want = (4 + used + 7) / 8 * 8;
		break;
	case WEFT_OFPAT_EXPERIMENTER:
		return exp_decode(WEFT_OFP13_VERSION, p, alen, a, err);
	default:
		return OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_TYPE);
	}
	if (alen != want)
		return OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN);
	return 0;
}

static int action10_decode(const uint8_t *p, size_t alen,
			   struct weft_of_action *a, struct weft_of_error *err)
{
	size_t want = 8;

	switch (a->type) {
	case WEFT_OFPAT10_OUTPUT:
		a->port = weft_of_port_from10(rd16(p + 4));
		a->max_len = rd16(p + 6);
		break;
	case WEFT_OFPAT10_SET_VLAN_VID:
	case WEFT_OFPAT10_SET_TP_SRC:
	case WEFT_OFPAT10_SET_TP_DST:
		a->arg = rd16(p + 4);
		break;
	case WEFT_OFPAT10_SET_VLAN_PCP:
	case WEFT_OFPAT10_SET_NW_TOS:
		a->arg = p[4];
		break;
	case WEFT_OFPAT10_STRIP_VLAN:
		break;
	case WEFT_OFPAT10_SET_DL_SRC:
	case WEFT_OFPAT10_SET_DL_DST:
		want = 16;
		if (alen == want)
			memcpy(a->dl_addr, p + 4, 6);
		break;
	case WEFT_OFPAT10_SET_NW_SRC:
	case WEFT_OFPAT10_SET_NW_DST:
		a->arg = rd32(p + 4);
		break;
	case WEFT_OFPAT10_ENQUEUE:
		want = 16;
		if (alen == want) {
			a->port = weft_of_port_from10(rd16(p + 4));
			a->arg = rd32(p + 12);
		}
		break;
	case WEFT_OFPAT10_VENDOR:
		return exp_decode(WEFT_OFP10_VERSION, p, alen, a, err);
	default:
		return OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_TYPE);
	}
	if (alen != want)
		return OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN);
	return 0;
}

int of_actions_decode(uint8_t version, const uint8_t *p, size_t len,
		      struct weft_of_action **acts, size_t *n,
		      struct weft_of_error *err)
{
	struct weft_of_action *arr = NULL;
	size_t cnt = 0, cap = 0, off = 0;

	while (off < len) {
		struct weft_of_action *a;
		size_t alen;
		int r;

		if (len - off < 8)
			goto badlen;
		alen = rd16(p + off + 2);
		if (alen < 8 || alen % 8 || alen > len - off)
			goto badlen;
		if (grow((void **)&arr, cnt, &cap, sizeof(*arr))) {
			OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM);
			goto fail;
		}
		a = &arr[cnt];
		memset(a, 0, sizeof(*a));
		a->type = rd16(p + off);
		if (version == WEFT_OFP10_VERSION)
			r = action10_decode(p + off, alen, a, err);
		else
			r = action13_decode(p + off, alen, a, err);
		if (r)
			goto fail;
		cnt++;
		off += alen;
	}
	*acts = arr;
	*n = cnt;
	return 0;
badlen:
	OF_FAIL(err, WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_LEN);
fail:
	weft_of_actions_free(arr, cnt);
	return -1;
}

size_t of_action_wire_len(uint8_t version, const struct weft_of_action *a)
{
	if (a->type == 0xffff)
		return (8 + a->data_len + 7) / 8 * 8;
	if (version == WEFT_OFP10_VERSION)
		return a->type == WEFT_OFPAT10_SET_DL_SRC ||
		       a->type == WEFT_OFPAT10_SET_DL_DST ||
		       a->type == WEFT_OFPAT10_ENQUEUE ? 16 : 8;
	if (a->type == WEFT_OFPAT_OUTPUT)
		return 16;
	if (a->type == WEFT_OFPAT_SET_FIELD)
		return (4 + of_oxm_wire_len(&a->field) + 7) / 8 * 8;
	return 8;
}

static int action13_encode(const struct weft_of_action *a, struct of_wr *w)
{
	switch (a->type) {
	case WEFT_OFPAT_OUTPUT:
		wr32(w, a->port);
		wr16(w, a->max_len);
		wrzero(w, 6);
		return 0;
	case WEFT_OFPAT_COPY_TTL_OUT:
	case WEFT_OFPAT_COPY_TTL_IN:
	case WEFT_OFPAT_DEC_MPLS_TTL:
	case WEFT_OFPAT_POP_VLAN:
	case WEFT_OFPAT_DEC_NW_TTL:
	case WEFT_OFPAT_POP_PBB:
		wrzero(w, 4);
		return 0;
	case WEFT_OFPAT_SET_MPLS_TTL:
	case WEFT_OFPAT_SET_NW_TTL:
		wr8(w, (uint8_t)a->arg);
		wrzero(w, 3);
		return 0;
	case WEFT_OFPAT_PUSH_VLAN:
	case WEFT_OFPAT_PUSH_MPLS:
	case WEFT_OFPAT_PUSH_PBB:
	case WEFT_OFPAT_POP_MPLS:
		wr16(w, (uint16_t)a->arg);
		wrzero(w, 2);
		return 0;
	case WEFT_OFPAT_SET_QUEUE:
	case WEFT_OFPAT_GROUP:
		wr32(w, a->arg);
		return 0;
	case WEFT_OFPAT_SET_FIELD:
		if (!of_oxm_ok(&a->field) ||
		    of_oxm_wire_len(&a->field) > 4 + 255)
			return -EINVAL;
		of_oxm_encode(&a->field, w);
		return 0;
	}
	return -EINVAL;
}

static int action10_encode(const struct weft_of_action *a, struct of_wr *w)
{
	switch (a->type) {
	case WEFT_OFPAT10_OUTPUT:
		if (!weft_of_port10_ok(a->port))
			return -EINVAL;
		wr16(w, weft_of_port_to10(a->port));
		wr16(w, a->max_len);
		return 0;
	case WEFT_OFPAT10_SET_VLAN_VID:
	case WEFT_OFPAT10_SET_TP_SRC:
	case WEFT_OFPAT10_SET_TP_DST:
		wr16(w, (uint16_t)a->arg);
		wrzero(w, 2);
		return 0;
	case WEFT_OFPAT10_SET_VLAN_PCP:
	case WEFT_OFPAT10_SET_NW_TOS:
		wr8(w, (uint8_t)a->arg);
		wrzero(w, 3);
		return 0;
	case WEFT_OFPAT10_STRIP_VLAN:
		wrzero(w, 4);
		return 0;
	case WEFT_OFPAT10_SET_DL_SRC:
	case WEFT_OFPAT10_SET_DL_DST:
		wrbytes(w, a->dl_addr, 6);
		wrzero(w, 6);
		return 0;
	case WEFT_OFPAT10_SET_NW_SRC:
	case WEFT_OFPAT10_SET_NW_DST:
		wr32(w, a->arg);
		return 0;
	case WEFT_OFPAT10_ENQUEUE:
		if (!weft_of_port10_ok(a->port))
			return -EINVAL;
		wr16(w, weft_of_port_to10(a->port));
		wrzero(w, 6);
		wr32(w, a->arg);
		return 0;
	}
	return -EINVAL;
}

int of_actions_encode(uint8_t version, const struct weft_of_action *acts,
		      size_t n, struct of_wr *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct weft_of_action *a = &acts[i];
		size_t start = w->b->len, alen = of_action_wire_len(version, a);
		int r = 0;

		if (alen > 0xfff8)
			return -EINVAL;
		wr16(w, a->type);
		wr16(w, (uint16_t)alen);
		if (a->type == 0xffff) {
			wr32(w, a->experimenter);
			wrbytes(w, a->data, a->data_len);
		} else if (version == WEFT_OFP10_VERSION) {
			r = action10_encode(a, w);
		} else {
			r = action13_encode(a, w);
		}
		if (r)
			return r;
		wrpad8(w, start);
	}
	return 0;
}

static int inst_decode(const uint8_t *p, size_t ilen, struct weft_of_inst *in,
		       struct weft_of_error *err)
{
	size_t want = 8;

	switch (in->type) {
	case WEFT_OFPIT_GOTO_TABLE:
		in->table_id = p[4];
		break;
	case WEFT_OFPIT_WRITE_METADATA:
		want = 24;
		if (ilen == want) {
			in->metadata = rd64(p + 8);
			in->metadata_mask = rd64(p + 16);
		}
		break;
	case WEFT_OFPIT_WRITE_ACTIONS:
	case WEFT_OFPIT_APPLY_ACTIONS:
	case WEFT_OFPIT_CLEAR_ACTIONS:
		return of_actions_decode(WEFT_OFP13_VERSION, p + 8, ilen - 8,
					 &in->actions, &in->n_actions, err);
	case WEFT_OFPIT_METER:
		in->meter_id = rd32(p + 4);
		break;
	case WEFT_OFPIT_EXPERIMENTER:
		in->experimenter = rd32(p + 4);
		in->data_len = ilen - 8;
		if (in->data_len) {
			in->data = of_dup(p + 8, in->data_len);
			if (!in->data)
				return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
					       WEFT_OFPBRC_EPERM);
		}
		return 0;
	default:
		return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
			       WEFT_OFPBIC_UNKNOWN_INST);
	}
	if (ilen != want)
		return OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION,
			       WEFT_OFPBIC_BAD_LEN);
	return 0;
}

int of_insts_decode(uint8_t version, const uint8_t *p, size_t len,
		    struct weft_of_inst **insts, size_t *n,
		    struct weft_of_error *err)
{
	struct weft_of_inst *arr = NULL;
	size_t cnt = 0, cap = 0, off = 0;

	if (version == WEFT_OFP10_VERSION) {
		/* 1.0's action list, as one APPLY_ACTIONS (see of.h). */
		struct weft_of_action *acts;
		size_t nacts;

		if (of_actions_decode(version, p, len, &acts, &nacts, err))
			return -1;
		*insts = NULL;
		*n = 0;
		if (!nacts)
			return 0;
		arr = calloc(1, sizeof(*arr));
		if (!arr) {
			weft_of_actions_free(acts, nacts);
			return OF_FAIL(err, WEFT_OFPET_BAD_REQUEST,
				       WEFT_OFPBRC_EPERM);
		}
		arr->type = WEFT_OFPIT_APPLY_ACTIONS;
		arr->actions = acts;
		arr->n_actions = nacts;
		*insts = arr;
		*n = 1;
		return 0;
	}
	while (off < len) {
		struct weft_of_inst *in;
		size_t ilen;

		if (len - off < 8)
			goto badlen;
		ilen = rd16(p + off + 2);
		if (ilen < 8 || ilen % 8 || ilen > len - off)
			goto badlen;
		if (grow((void **)&arr, cnt, &cap, sizeof(*arr))) {
			OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM);
			goto fail;
		}
		in = &arr[cnt];
		memset(in, 0, sizeof(*in));
		in->type = rd16(p + off);
		/* A failed inst_decode() has freed what it allocated. */
		if (inst_decode(p + off, ilen, in, err))
			goto fail;
		cnt++;
		off += ilen;
	}
	*insts = arr;
	*n = cnt;
	return 0;
badlen:
	OF_FAIL(err, WEFT_OFPET_BAD_INSTRUCTION, WEFT_OFPBIC_BAD_LEN);
fail:
	weft_of_insts_free(arr, cnt);
	return -1;
}

int of_insts_encode(uint8_t version, const struct weft_of_inst *insts,
		    size_t n, struct of_wr *w)
{
	size_t i;
	int r;

	if (version == WEFT_OFP10_VERSION) {
		if (n > 1 || (n && insts[0].type != WEFT_OFPIT_APPLY_ACTIONS))
			return -EINVAL;
		return n ? of_actions_encode(version, insts[0].actions,
					     insts[0].n_actions, w) : 0;
	}
	for (i = 0; i < n; i++) {
		const struct weft_of_inst *in = &insts[i];
		size_t start = w->b->len;

		wr16(w, in->type);
		wr16(w, 0);
		switch (in->type) {
		case WEFT_OFPIT_GOTO_TABLE:
			wr8(w, in->table_id);
			wrzero(w, 3);
			break;
		case WEFT_OFPIT_WRITE_METADATA:
			wrzero(w, 4);
			wr64(w, in->metadata);
			wr64(w, in->metadata_mask);
			break;
		case WEFT_OFPIT_WRITE_ACTIONS:
		case WEFT_OFPIT_APPLY_ACTIONS:
		case WEFT_OFPIT_CLEAR_ACTIONS:
			wrzero(w, 4);
			r = of_actions_encode(version, in->actions,
					      in->n_actions, w);
			if (r)
				return r;
			break;
		case WEFT_OFPIT_METER:
			wr32(w, in->meter_id);
			break;
		case WEFT_OFPIT_EXPERIMENTER:
			wr32(w, in->experimenter);
			wrbytes(w, in->data, in->data_len);
			wrpad8(w, start);
			break;
		default:
			return -EINVAL;
		}
		if (!w->nomem && w->b->len - start > 0xffff)
			return -EINVAL;
		wrlen16(w, start + 2, start);
	}
	return 0;
}

void weft_of_actions_free(struct weft_of_action *acts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(acts[i].data);
	free(acts);
}

void weft_of_insts_free(struct weft_of_inst *insts, size_t n)
{
	size_t i;

	if (!insts)
		return;
	for (i = 0; i < n; i++) {
		weft_of_actions_free(insts[i].actions, insts[i].n_actions);
		free(insts[i].data);
	}
	free(insts);
}
