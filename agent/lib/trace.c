// SPDX-License-Identifier: GPL-2.0
/*
 * WEFT_CMD_TRACE replies.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "trace.h"

static int parse_step(const struct nlattr *nest, struct weft_trace_step *s)
{
	const struct nlattr *st[WEFT_STEP_A_MAX + 1];
	int err;

	err = weft_attr_parse_nested(nest, &weft_attrs_step, st);
	if (err)
		return err;
	/* A step is a table and either the flow or the miss, never both. */
	if (!st[WEFT_STEP_A_TABLE] || !st[WEFT_STEP_A_FLOW] == !st[WEFT_STEP_A_MISS])
		return -EPROTO;
	s->table = mnl_attr_get_u8(st[WEFT_STEP_A_TABLE]);
	if (st[WEFT_STEP_A_MISS]) {
		s->miss = true;
		s->miss_kind = mnl_attr_get_u32(st[WEFT_STEP_A_MISS]);
		return 0;
	}
	return weft_flow_nl_parse(st[WEFT_STEP_A_FLOW], &s->flow);
}

static int parse_outputs(const struct nlattr *nest, struct weft_trace *t)
{
	const struct nlattr *attr;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != WEFT_TRACE_A_OUTPUT)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0 ||
		    t->n_out == WEFT_TRACE_MAX_OUTPUTS)
			return -EPROTO;
		t->out[t->n_out++] = mnl_attr_get_u32(attr);
	}
	return 0;
}

int weft_trace_msg_parse(const struct nlmsghdr *nlh, struct weft_trace *t)
{
	const struct nlattr *tb[WEFT_A_MAX + 1], *attr;
	int err;

	memset(t, 0, sizeof(*t));
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_TRACE] ||
	    mnl_attr_validate(tb[WEFT_A_TRACE], MNL_TYPE_NESTED) < 0)
		return -EPROTO;
	/* Steps repeat, so the nest is walked rather than tabled. */
	mnl_attr_for_each_nested(attr, tb[WEFT_A_TRACE]) {
		switch (mnl_attr_get_type(attr)) {
		case WEFT_TRACE_A_STEP:
			if (t->n_steps == WEFT_TRACE_MAX_STEPS)
				return -EPROTO;
			err = parse_step(attr, &t->steps[t->n_steps++]);
			break;
		case WEFT_TRACE_A_KEY:
			err = weft_key_nl_parse(attr, &t->key);
			break;
		case WEFT_TRACE_A_ACTION_SET:
			err = weft_actions_nl_parse(attr, &t->action_set);
			break;
		case WEFT_TRACE_A_OUTPUTS:
			err = parse_outputs(attr, t);
			break;
		case WEFT_TRACE_A_DROPPED:
			t->dropped = true;
			err = 0;
			break;
		default:
			err = 0;	/* from a newer kernel */
		}
		if (err)
			return err;
	}
	return 0;
}
