// SPDX-License-Identifier: GPL-2.0
/*
 * Action lists (WEFT_ACT_A_*) and instructions (WEFT_INST_A_*) <-> netlink.
 * The same action list encoding serves flows, group buckets, packet-out
 * and a trace's action set.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "match.h"

static bool put_action(struct nlmsghdr *nlh, size_t size,
		       const struct weft_action *a)
{
	struct nlattr *nest;
	size_t len;

	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
	case WEFT_ACT_A_GROUP:
	case WEFT_ACT_A_SET_QUEUE:
		return mnl_attr_put_u32_check(nlh, size, a->type, a->arg);
	case WEFT_ACT_A_CONTROLLER:
		nest = mnl_attr_nest_start_check(nlh, size, a->type);
		if (!nest)
			return false;
		if (!mnl_attr_put_u16_check(nlh, size, WEFT_CTRL_A_MAX_LEN,
					    (__u16)a->arg)) {
			mnl_attr_nest_cancel(nlh, nest);
			return false;
		}
		mnl_attr_nest_end(nlh, nest);
		return true;
	case WEFT_ACT_A_SET_FIELD:
		len = weft_match_field_len(a->field);
		if (!len)
			return false;
		nest = mnl_attr_nest_start_check(nlh, size, a->type);
		if (!nest)
			return false;
		if (!mnl_attr_put_check(nlh, size, a->field, len, a->value)) {
			mnl_attr_nest_cancel(nlh, nest);
			return false;
		}
		mnl_attr_nest_end(nlh, nest);
		return true;
	case WEFT_ACT_A_PUSH_VLAN:
	case WEFT_ACT_A_PUSH_MPLS:
	case WEFT_ACT_A_POP_MPLS:
		return mnl_attr_put_u16_check(nlh, size, a->type,
					      htons((__u16)a->arg));
	case WEFT_ACT_A_SET_NW_TTL:
	case WEFT_ACT_A_SET_MPLS_TTL:
		return mnl_attr_put_u8_check(nlh, size, a->type, (__u8)a->arg);
	case WEFT_ACT_A_POP_VLAN:
	case WEFT_ACT_A_DEC_NW_TTL:
	case WEFT_ACT_A_DEC_MPLS_TTL:
	case WEFT_ACT_A_COPY_TTL_OUT:
	case WEFT_ACT_A_COPY_TTL_IN:
		return mnl_attr_put_check(nlh, size, a->type, 0, NULL);
	}
	return false;
}

bool weft_actions_nl_put(struct nlmsghdr *nlh, size_t size, uint16_t type,
			 const struct weft_actions *acts)
{
	struct nlattr *nest;
	unsigned int i;

	if (acts->n > WEFT_ACTIONS_MAX)
		return false;
	nest = mnl_attr_nest_start_check(nlh, size, type);
	if (!nest)
		return false;
	for (i = 0; i < acts->n; i++) {
		if (!put_action(nlh, size, &acts->a[i])) {
			mnl_attr_nest_cancel(nlh, nest);
			return false;
		}
	}
	mnl_attr_nest_end(nlh, nest);
	return true;
}

static int parse_set_field(const struct nlattr *nest, struct weft_action *a)
{
	const struct nlattr *attr, *only = NULL;
	size_t len;

	mnl_attr_for_each_nested(attr, nest) {
		if (only)
			return -EPROTO;
		only = attr;
	}
	if (!only)
		return -EPROTO;
	a->field = mnl_attr_get_type(only);
	len = weft_match_field_len(a->field);
	/* A field we do not know stays unknown: the formatter says so. */
	if (!len)
		return 0;
	if (mnl_attr_get_payload_len(only) != len)
		return -EPROTO;
	memcpy(a->value, mnl_attr_get_payload(only), len);
	return 0;
}

static int parse_action(const struct nlattr *attr, struct weft_action *a)
{
	const struct weft_attr_desc *d;

	memset(a, 0, sizeof(*a));
	a->type = mnl_attr_get_type(attr);
	d = weft_attr_desc(&weft_attrs_act, a->type);
	if (!d || d->kind == WEFT_AK_NONE)
		return 0;	/* a newer kernel's action: shown as unknown */
	if (weft_attr_check(d, attr))
		return -EPROTO;
	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
	case WEFT_ACT_A_GROUP:
	case WEFT_ACT_A_SET_QUEUE:
		a->arg = mnl_attr_get_u32(attr);
		return 0;
	case WEFT_ACT_A_CONTROLLER: {
		const struct nlattr *tb[WEFT_CTRL_A_MAX + 1];

		if (weft_attr_parse_nested(attr, &weft_attrs_ctrl, tb))
			return -EPROTO;
		a->arg = tb[WEFT_CTRL_A_MAX_LEN] ?
			 mnl_attr_get_u16(tb[WEFT_CTRL_A_MAX_LEN]) :
			 WEFT_CTRL_NO_BUFFER;
		return 0;
	}
	case WEFT_ACT_A_SET_FIELD:
		return parse_set_field(attr, a);
	case WEFT_ACT_A_PUSH_VLAN:
	case WEFT_ACT_A_PUSH_MPLS:
	case WEFT_ACT_A_POP_MPLS:
		a->arg = ntohs(mnl_attr_get_u16(attr));
		return 0;
	case WEFT_ACT_A_SET_NW_TTL:
	case WEFT_ACT_A_SET_MPLS_TTL:
		a->arg = mnl_attr_get_u8(attr);
		return 0;
	}
	return 0;
}

int weft_actions_nl_parse(const struct nlattr *nest, struct weft_actions *acts)
{
	const struct nlattr *attr;
	int err;

	acts->n = 0;
	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return -EPROTO;
	mnl_attr_for_each_nested(attr, nest) {
		if (acts->n == WEFT_ACTIONS_MAX)
			return -EPROTO;
		err = parse_action(attr, &acts->a[acts->n]);
		if (err)
			return err;
		acts->n++;
	}
	return 0;
}

#define HAS(insts, a)	((insts)->present & WEFT_BIT(a))

bool weft_insts_nl_put(struct nlmsghdr *nlh, size_t size,
		       const struct weft_insts *in)
{
	struct nlattr *nest, *meta;
	bool ok = true;

	nest = mnl_attr_nest_start_check(nlh, size, WEFT_FLOW_A_INSTRUCTIONS);
	if (!nest)
		return false;
	/* No actions at all: an empty instruction list, which drops. */
	if (HAS(in, WEFT_INST_A_APPLY_ACTIONS) && in->apply.n)
		ok = weft_actions_nl_put(nlh, size, WEFT_INST_A_APPLY_ACTIONS,
					 &in->apply);
	if (ok && HAS(in, WEFT_INST_A_CLEAR_ACTIONS))
		ok = mnl_attr_put_check(nlh, size, WEFT_INST_A_CLEAR_ACTIONS, 0,
					NULL);
	if (ok && HAS(in, WEFT_INST_A_WRITE_ACTIONS) && in->write.n)
		ok = weft_actions_nl_put(nlh, size, WEFT_INST_A_WRITE_ACTIONS,
					 &in->write);
	if (ok && HAS(in, WEFT_INST_A_WRITE_METADATA)) {
		/* No pads in requests: the kernel reads u64s unaligned. */
		meta = mnl_attr_nest_start_check(nlh, size,
						 WEFT_INST_A_WRITE_METADATA);
		ok = meta &&
		     mnl_attr_put_u64_check(nlh, size, WEFT_META_A_VALUE,
					    in->meta_value) &&
		     (in->meta_mask == ~0ULL ||
		      mnl_attr_put_u64_check(nlh, size, WEFT_META_A_MASK,
					     in->meta_mask));
		if (ok)
			mnl_attr_nest_end(nlh, meta);
	}
	if (ok && HAS(in, WEFT_INST_A_GOTO_TABLE))
		ok = mnl_attr_put_u8_check(nlh, size, WEFT_INST_A_GOTO_TABLE,
					   in->goto_table);
	if (!ok) {
		mnl_attr_nest_cancel(nlh, nest);
		return false;
	}
	mnl_attr_nest_end(nlh, nest);
	return true;
}

int weft_insts_nl_parse(const struct nlattr *nest, struct weft_insts *in)
{
	const struct nlattr *tb[WEFT_INST_A_MAX + 1];
	int err;

	memset(in, 0, sizeof(*in));
	err = weft_attr_parse_nested(nest, &weft_attrs_inst, tb);
	if (err)
		return err;
	if (tb[WEFT_INST_A_APPLY_ACTIONS]) {
		in->present |= WEFT_BIT(WEFT_INST_A_APPLY_ACTIONS);
		err = weft_actions_nl_parse(tb[WEFT_INST_A_APPLY_ACTIONS],
					    &in->apply);
		if (err)
			return err;
	}
	if (tb[WEFT_INST_A_CLEAR_ACTIONS])
		in->present |= WEFT_BIT(WEFT_INST_A_CLEAR_ACTIONS);
	if (tb[WEFT_INST_A_WRITE_ACTIONS]) {
		in->present |= WEFT_BIT(WEFT_INST_A_WRITE_ACTIONS);
		err = weft_actions_nl_parse(tb[WEFT_INST_A_WRITE_ACTIONS],
					    &in->write);
		if (err)
			return err;
	}
	if (tb[WEFT_INST_A_WRITE_METADATA]) {
		const struct nlattr *mt[WEFT_META_A_MAX + 1];

		err = weft_attr_parse_nested(tb[WEFT_INST_A_WRITE_METADATA],
					     &weft_attrs_meta, mt);
		if (err)
			return err;
		if (!mt[WEFT_META_A_VALUE])
			return -EPROTO;
		in->present |= WEFT_BIT(WEFT_INST_A_WRITE_METADATA);
		in->meta_mask = mt[WEFT_META_A_MASK] ?
				mnl_attr_get_u64(mt[WEFT_META_A_MASK]) : ~0ULL;
		in->meta_value = mnl_attr_get_u64(mt[WEFT_META_A_VALUE]) &
				 in->meta_mask;
	}
	if (tb[WEFT_INST_A_GOTO_TABLE]) {
		in->present |= WEFT_BIT(WEFT_INST_A_GOTO_TABLE);
		in->goto_table = mnl_attr_get_u8(tb[WEFT_INST_A_GOTO_TABLE]);
	}
	return 0;
}
