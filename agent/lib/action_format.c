// SPDX-License-Identifier: GPL-2.0
/*
 * Actions and instructions -> text, as Open vSwitch's ofpacts_format()
 * prints what it decoded from OpenFlow 1.3: set-fields as
 * "set_field:V->FIELD", "CONTROLLER:65535", "push_vlan:0x8100",
 * "set_mpls_ttl(64)", then "clear_actions", "write_actions(...)",
 * "write_metadata:0x1/0xff", "goto_table:1".
 */
#include <stdio.h>
#include <linux/weft.h>

#include "attrs.h"
#include "flow_text.h"
#include "port.h"
#include "util.h"

static void format_action(struct weft_sbuf *sb, const struct weft_action *a)
{
	const struct weft_attr_desc *d;
	const char *name;
	char buf[64];

	switch (a->type) {
	case WEFT_ACT_A_OUTPUT:
		/* ovs-ofctl: "output:N" for ports, the bare name otherwise. */
		weft_port_no_format(a->arg, buf, sizeof(buf));
		if (a->arg <= WEFT_PORT_MAX || buf[0] <= '9')
			weft_sb_printf(sb, "output:%s", buf);
		else
			weft_sb_printf(sb, "%s", buf);
		return;
	case WEFT_ACT_A_CONTROLLER:
		weft_sb_printf(sb, "CONTROLLER:%u", a->arg);
		return;
	case WEFT_ACT_A_GROUP:
		weft_sb_printf(sb, "group:%u", a->arg);
		return;
	case WEFT_ACT_A_SET_FIELD:
		name = weft_set_field_name(a->field);
		if (!name)
			break;
		weft_set_field_format_value(a, buf, sizeof(buf));
		weft_sb_printf(sb, "set_field:%s->%s", buf, name);
		return;
	case WEFT_ACT_A_PUSH_VLAN:
		weft_sb_printf(sb, "push_vlan:%#x", a->arg);
		return;
	case WEFT_ACT_A_POP_VLAN:
		weft_sb_printf(sb, "pop_vlan");
		return;
	case WEFT_ACT_A_PUSH_MPLS:
		weft_sb_printf(sb, "push_mpls:0x%04x", a->arg);
		return;
	case WEFT_ACT_A_POP_MPLS:
		weft_sb_printf(sb, "pop_mpls:0x%04x", a->arg);
		return;
	case WEFT_ACT_A_SET_NW_TTL:
		weft_sb_printf(sb, "mod_nw_ttl:%u", a->arg);
		return;
	case WEFT_ACT_A_DEC_NW_TTL:
		weft_sb_printf(sb, "dec_ttl");
		return;
	case WEFT_ACT_A_SET_MPLS_TTL:
		weft_sb_printf(sb, "set_mpls_ttl(%u)", a->arg);
		return;
	case WEFT_ACT_A_DEC_MPLS_TTL:
		weft_sb_printf(sb, "dec_mpls_ttl");
		return;
	case WEFT_ACT_A_COPY_TTL_OUT:
		weft_sb_printf(sb, "copy_ttl_out");
		return;
	case WEFT_ACT_A_COPY_TTL_IN:
		weft_sb_printf(sb, "copy_ttl_in");
		return;
	case WEFT_ACT_A_SET_QUEUE:
		weft_sb_printf(sb, "set_queue:%u", a->arg);
		return;
	}
	/* From a newer kernel: say so rather than hide it. */
	if (a->type == WEFT_ACT_A_SET_FIELD) {
		d = weft_attr_desc(&weft_attrs_key, a->field);
		weft_sb_printf(sb, "unknown_set_field(%s)", d ? d->name : "?");
		return;
	}
	d = weft_attr_desc(&weft_attrs_act, a->type);
	weft_sb_printf(sb, "unknown_action(%s)", d ? d->name : "?");
}

static void format_list(struct weft_sbuf *sb, const struct weft_actions *acts,
			bool *first)
{
	unsigned int i;

	for (i = 0; i < acts->n; i++) {
		if (!*first)
			weft_sb_printf(sb, ",");
		*first = false;
		format_action(sb, &acts->a[i]);
	}
}

int weft_actions_format(const struct weft_actions *acts, char *buf,
			size_t len)
{
	struct weft_sbuf sb;
	bool first = true;

	weft_sb_init(&sb, buf, len);
	if (!acts->n)
		weft_sb_printf(&sb, "drop");
	format_list(&sb, acts, &first);
	return (int)sb.len;
}

#define HAS(in, a)	((in)->present & WEFT_BIT(a))

int weft_insts_format(const struct weft_insts *in, char *buf, size_t len)
{
	struct weft_sbuf sb;
	bool first = true;

	weft_sb_init(&sb, buf, len);
	if (HAS(in, WEFT_INST_A_APPLY_ACTIONS))
		format_list(&sb, &in->apply, &first);
	if (HAS(in, WEFT_INST_A_CLEAR_ACTIONS)) {
		weft_sb_printf(&sb, "%sclear_actions", first ? "" : ",");
		first = false;
	}
	if (HAS(in, WEFT_INST_A_WRITE_ACTIONS)) {
		bool inner = true;

		weft_sb_printf(&sb, "%swrite_actions(", first ? "" : ",");
		if (!in->write.n)
			weft_sb_printf(&sb, "drop");
		format_list(&sb, &in->write, &inner);
		weft_sb_printf(&sb, ")");
		first = false;
	}
	if (HAS(in, WEFT_INST_A_WRITE_METADATA)) {
		weft_sb_printf(&sb, "%swrite_metadata:%#llx", first ? "" : ",",
			       (unsigned long long)in->meta_value);
		if (in->meta_mask != ~0ULL)
			weft_sb_printf(&sb, "/%#llx",
				       (unsigned long long)in->meta_mask);
		first = false;
	}
	if (HAS(in, WEFT_INST_A_GOTO_TABLE)) {
		weft_sb_printf(&sb, "%sgoto_table:%u", first ? "" : ",",
			       in->goto_table);
		first = false;
	}
	if (first)
		weft_sb_printf(&sb, "drop");
	return (int)sb.len;
}

int weft_flow_format_actions(const struct weft_flow *flow, char *buf,
			     size_t len)
{
	return weft_insts_format(&flow->insts, buf, len);
}
