// SPDX-License-Identifier: GPL-2.0
/*
 * Instructions and actions to and from netlink attributes.  Lists are
 * compiled into struct weft_insts: checked once here, so that the packet
 * path never meets an invalid action.
 */
#include <linux/if_ether.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <linux/weft.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"
#include "group.h"
#include "packet.h"

static const struct nla_policy weft_ctrl_policy[WEFT_CTRL_A_MAX + 1] = {
	[WEFT_CTRL_A_MAX_LEN] = { .type = NLA_U16 },
};

const struct nla_policy weft_act_policy[WEFT_ACT_A_MAX + 1] = {
	[WEFT_ACT_A_OUTPUT] = { .type = NLA_U32 },
	[WEFT_ACT_A_CONTROLLER] = NLA_POLICY_NESTED(weft_ctrl_policy),
	[WEFT_ACT_A_GROUP] = { .type = NLA_U32 },
	[WEFT_ACT_A_SET_FIELD] = NLA_POLICY_NESTED(weft_key_policy),
	[WEFT_ACT_A_PUSH_VLAN] = { .type = NLA_BE16 },
	[WEFT_ACT_A_POP_VLAN] = { .type = NLA_FLAG },
	[WEFT_ACT_A_PUSH_MPLS] = { .type = NLA_BE16 },
	[WEFT_ACT_A_POP_MPLS] = { .type = NLA_BE16 },
	[WEFT_ACT_A_SET_NW_TTL] = { .type = NLA_U8 },
	[WEFT_ACT_A_DEC_NW_TTL] = { .type = NLA_FLAG },
	[WEFT_ACT_A_SET_MPLS_TTL] = { .type = NLA_U8 },
	[WEFT_ACT_A_DEC_MPLS_TTL] = { .type = NLA_FLAG },
	[WEFT_ACT_A_COPY_TTL_OUT] = { .type = NLA_FLAG },
	[WEFT_ACT_A_COPY_TTL_IN] = { .type = NLA_FLAG },
	[WEFT_ACT_A_SET_QUEUE] = { .type = NLA_U32 },
};

static const struct nla_policy weft_meta_policy[WEFT_META_A_MAX + 1] = {
	[WEFT_META_A_VALUE] = { .type = NLA_U64 },
	[WEFT_META_A_MASK] = { .type = NLA_U64 },
};

const struct nla_policy weft_inst_policy[WEFT_INST_A_MAX + 1] = {
	[WEFT_INST_A_APPLY_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_INST_A_CLEAR_ACTIONS] = { .type = NLA_FLAG },
	[WEFT_INST_A_WRITE_ACTIONS] = NLA_POLICY_NESTED(weft_act_policy),
	[WEFT_INST_A_WRITE_METADATA] = NLA_POLICY_NESTED(weft_meta_policy),
	[WEFT_INST_A_GOTO_TABLE] = { .type = NLA_U8 },
};

/* attr -> compiled kind; the flag actions carry nothing else. */
static const u8 weft_act_kind[WEFT_ACT_A_MAX + 1] = {
	[WEFT_ACT_A_OUTPUT] = WEFT_ACTION_OUTPUT,
	[WEFT_ACT_A_CONTROLLER] = WEFT_ACTION_CONTROLLER,
	[WEFT_ACT_A_GROUP] = WEFT_ACTION_GROUP,
	[WEFT_ACT_A_SET_FIELD] = WEFT_ACTION_SET_FIELD,
	[WEFT_ACT_A_PUSH_VLAN] = WEFT_ACTION_PUSH_VLAN,
	[WEFT_ACT_A_POP_VLAN] = WEFT_ACTION_POP_VLAN,
	[WEFT_ACT_A_PUSH_MPLS] = WEFT_ACTION_PUSH_MPLS,
	[WEFT_ACT_A_POP_MPLS] = WEFT_ACTION_POP_MPLS,
	[WEFT_ACT_A_SET_NW_TTL] = WEFT_ACTION_SET_NW_TTL,
	[WEFT_ACT_A_DEC_NW_TTL] = WEFT_ACTION_DEC_NW_TTL,
	[WEFT_ACT_A_SET_MPLS_TTL] = WEFT_ACTION_SET_MPLS_TTL,
	[WEFT_ACT_A_DEC_MPLS_TTL] = WEFT_ACTION_DEC_MPLS_TTL,
	[WEFT_ACT_A_COPY_TTL_OUT] = WEFT_ACTION_COPY_TTL_OUT,
	[WEFT_ACT_A_COPY_TTL_IN] = WEFT_ACTION_COPY_TTL_IN,
	[WEFT_ACT_A_SET_QUEUE] = WEFT_ACTION_SET_QUEUE,
};

/* kind -> attr, for dumps */
static const u16 weft_kind_attr[WEFT_ACTION_KINDS] = {
	[WEFT_ACTION_OUTPUT] = WEFT_ACT_A_OUTPUT,
	[WEFT_ACTION_CONTROLLER] = WEFT_ACT_A_CONTROLLER,
	[WEFT_ACTION_GROUP] = WEFT_ACT_A_GROUP,
	[WEFT_ACTION_SET_FIELD] = WEFT_ACT_A_SET_FIELD,
	[WEFT_ACTION_PUSH_VLAN] = WEFT_ACT_A_PUSH_VLAN,
	[WEFT_ACTION_POP_VLAN] = WEFT_ACT_A_POP_VLAN,
	[WEFT_ACTION_PUSH_MPLS] = WEFT_ACT_A_PUSH_MPLS,
	[WEFT_ACTION_POP_MPLS] = WEFT_ACT_A_POP_MPLS,
	[WEFT_ACTION_SET_NW_TTL] = WEFT_ACT_A_SET_NW_TTL,
	[WEFT_ACTION_DEC_NW_TTL] = WEFT_ACT_A_DEC_NW_TTL,
	[WEFT_ACTION_SET_MPLS_TTL] = WEFT_ACT_A_SET_MPLS_TTL,
	[WEFT_ACTION_DEC_MPLS_TTL] = WEFT_ACT_A_DEC_MPLS_TTL,
	[WEFT_ACTION_COPY_TTL_OUT] = WEFT_ACT_A_COPY_TTL_OUT,
	[WEFT_ACTION_COPY_TTL_IN] = WEFT_ACT_A_COPY_TTL_IN,
	[WEFT_ACTION_SET_QUEUE] = WEFT_ACT_A_SET_QUEUE,
};

void weft_insts_free(struct weft_insts *insts)
{
	if (!insts)
		return;
	kfree(insts);
	weft_obj_dec(WEFT_OBJ_ACTIONS);
}

static void weft_insts_free_rcu_cb(struct rcu_head *rcu)
{
	weft_insts_free(container_of(rcu, struct weft_insts, rcu));
}

void weft_insts_free_rcu(struct weft_insts *insts)
{
	if (insts)
		call_rcu(&insts->rcu, weft_insts_free_rcu_cb);
}

static struct weft_insts *weft_insts_alloc(unsigned int n)
{
	struct weft_insts *insts;

	insts = kzalloc(struct_size(insts, a, n), GFP_KERNEL_ACCOUNT);
	if (insts)
		weft_obj_inc(WEFT_OBJ_ACTIONS);
	return insts;
}

struct weft_insts *weft_insts_clone(const struct weft_insts *insts)
{
	struct weft_insts *copy;

	copy = kmemdup(insts, struct_size(insts, a,
					  insts->n_apply + insts->n_write),
		       GFP_KERNEL_ACCOUNT);
	if (copy)
		weft_obj_inc(WEFT_OBJ_ACTIONS);
	return copy;
}

bool weft_insts_output_to(const struct weft_insts *insts, u32 port_no)
{
	unsigned int i;

	for (i = 0; i < insts->n_apply + insts->n_write; i++)
		if (insts->a[i].type == WEFT_ACTION_OUTPUT &&
		    insts->a[i].arg == port_no)
			return true;
	return false;
}

bool weft_insts_uses_group(const struct weft_insts *insts, u32 group_id)
{
	unsigned int i;

	for (i = 0; i < insts->n_apply + insts->n_write; i++)
		if (insts->a[i].type == WEFT_ACTION_GROUP &&
		    (group_id == WEFT_GROUP_ALL || insts->a[i].arg == group_id))
			return true;
	return false;
}

static int weft_output_check(const struct nlattr *a, u32 port,
			     const struct weft_act_ctx *ctx,
			     struct netlink_ext_ack *extack)
{
	switch (port) {
	case WEFT_PORT_IN_PORT:
	case WEFT_PORT_FLOOD:
	case WEFT_PORT_ALL:
	case WEFT_PORT_LOCAL:
	case WEFT_PORT_CONTROLLER:
		return 0;
	case WEFT_PORT_TABLE:
		if (ctx->packet_out)
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "WEFT_ACT_A_OUTPUT: WEFT_PORT_TABLE only in WEFT_CMD_PACKET_OUT");
		return -EINVAL;
	case WEFT_PORT_NORMAL:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "WEFT_ACT_A_OUTPUT: WEFT_PORT_NORMAL not supported");
		return -EOPNOTSUPP;
	}
	if (port >= 1 && port <= WEFT_PORT_MAX)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, a,
			    "WEFT_ACT_A_OUTPUT: not a port weft can output to");
	return -EINVAL;
}

static int weft_set_field_parse(const struct nlattr *a, struct weft_action *act,
				const struct weft_act_ctx *ctx,
				struct netlink_ext_ack *extack)
{
	const struct weft_field *f = NULL;
	const struct nlattr *fa, *only = NULL;
	int rem;

	nla_for_each_nested(fa, a, rem) {
		if (only) {
			NL_SET_ERR_MSG_ATTR(extack, fa,
					    "WEFT_ACT_A_SET_FIELD: exactly one field per action");
			return -EINVAL;
		}
		only = fa;
	}
	if (only)
		f = weft_field_get(nla_type(only));
	if (!f || !f->settable) {
		NL_SET_ERR_MSG_ATTR(extack, only ?: a,
				    "WEFT_ACT_A_SET_FIELD: not a settable field");
		return -EINVAL;
	}
	/*
	 * A VLAN tag may be pushed by an earlier action, so VLAN fields are
	 * checked when the packet gets there; other headers cannot appear
	 * mid-flow, so their prerequisites must hold in the match.
	 */
	if (ctx->mask && f->prereq != WEFT_PRE_VLAN &&
	    !weft_prereq_met(f->prereq, ctx->key, ctx->mask)) {
		weft_extack(extack, only, f->unmet);
		return -EINVAL;
	}
	if (weft_field_range(f, nla_data(only))) {
		weft_extack(extack, only, weft_field_range(f, nla_data(only)));
		return -EINVAL;
	}
	act->attr = f->attr;
	memcpy(act->value, nla_data(only), f->len);
	return 0;
}

/* Check and compile one action attribute into @act. */
static int weft_action_parse(const struct nlattr *a, struct weft_action *act,
			     const struct weft_act_ctx *ctx,
			     struct netlink_ext_ack *extack)
{
	int type = nla_type(a);
	int err;

	act->type = weft_act_kind[type];
	switch (type) {
	case WEFT_ACT_A_OUTPUT:
		act->arg = nla_get_u32(a);
		err = weft_output_check(a, act->arg, ctx, extack);
		if (err)
			return err;
		/* OpenFlow's output:CONTROLLER is a whole-packet packet-in. */
		if (act->arg == WEFT_PORT_CONTROLLER) {
			act->type = WEFT_ACTION_CONTROLLER;
			act->arg = WEFT_CTRL_NO_BUFFER;
		}
		return 0;
	case WEFT_ACT_A_CONTROLLER: {
		struct nlattr *ct[WEFT_CTRL_A_MAX + 1];

		err = nla_parse_nested(ct, WEFT_CTRL_A_MAX, a,
				       weft_ctrl_policy, extack);
		if (err)
			return err;
		act->arg = ct[WEFT_CTRL_A_MAX_LEN] ?
			   nla_get_u16(ct[WEFT_CTRL_A_MAX_LEN]) :
			   WEFT_CTRL_NO_BUFFER;
		return 0;
	}
	case WEFT_ACT_A_GROUP:
		act->arg = nla_get_u32(a);
		if (ctx->groups_later)
			return 0;
		if (!ctx->dp || !weft_group_lookup(ctx->dp, act->arg)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "WEFT_ACT_A_GROUP: no such group");
			return -EINVAL;
		}
		return 0;
	case WEFT_ACT_A_SET_FIELD:
		return weft_set_field_parse(a, act, ctx, extack);
	case WEFT_ACT_A_PUSH_VLAN:
		act->arg = ntohs(nla_get_be16(a));
		if (act->arg != ETH_P_8021Q && act->arg != ETH_P_8021AD) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "WEFT_ACT_A_PUSH_VLAN: TPID must be 0x8100 or 0x88a8");
			return -EINVAL;
		}
		return 0;
	case WEFT_ACT_A_PUSH_MPLS:
		act->arg = ntohs(nla_get_be16(a));
		if (act->arg != ETH_P_MPLS_UC && act->arg != ETH_P_MPLS_MC) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "WEFT_ACT_A_PUSH_MPLS: ethertype must be 0x8847 or 0x8848");
			return -EINVAL;
		}
		return 0;
	case WEFT_ACT_A_POP_MPLS:
		act->arg = ntohs(nla_get_be16(a));
		if (act->arg < ETH_P_802_3_MIN) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "WEFT_ACT_A_POP_MPLS: not an Ethernet type");
			return -EINVAL;
		}
		return 0;
	case WEFT_ACT_A_SET_NW_TTL:
	case WEFT_ACT_A_SET_MPLS_TTL:
		act->arg = nla_get_u8(a);
		return 0;
	case WEFT_ACT_A_SET_QUEUE:
		act->arg = nla_get_u32(a);
		return 0;
	case WEFT_ACT_A_POP_VLAN:
	case WEFT_ACT_A_DEC_NW_TTL:
	case WEFT_ACT_A_DEC_MPLS_TTL:
	case WEFT_ACT_A_COPY_TTL_OUT:
	case WEFT_ACT_A_COPY_TTL_IN:
		return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, a, "WEFT_ACT_A_UNSPEC: not an action");
	return -EINVAL;
}

static int weft_list_count(const struct nlattr *list,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int n = 0, rem;

	if (!list)
		return 0;
	nla_for_each_nested(a, list, rem)
		n++;
	if (n > WEFT_ACTIONS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, list,
				    "WEFT_ACT_A_*: more than WEFT_ACTIONS_MAX actions in one list");
		return -E2BIG;
	}
	return n;
}

/* Output to a port and to the controller share the set's output slot. */
static unsigned int weft_set_kind(unsigned int type)
{
	return type == WEFT_ACTION_CONTROLLER ? WEFT_ACTION_OUTPUT : type;
}

/*
 * The action set holds one action of each kind, one set-field per field:
 * a write list that names one twice is ambiguous.
 */
static bool weft_write_dup(const struct weft_action *a, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (weft_set_kind(a[i].type) == weft_set_kind(a[n].type) &&
		    (a[n].type != WEFT_ACTION_SET_FIELD ||
		     a[i].attr == a[n].attr))
			return true;
	return false;
}

static int weft_list_parse(const struct nlattr *list, struct weft_action *out,
			   bool write, const struct weft_act_ctx *ctx,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem, err;

	if (!list)
		return 0;
	nla_for_each_nested(a, list, rem) {
		err = weft_action_parse(a, &out[n], ctx, extack);
		if (err)
			return err;
		if (write && weft_write_dup(out, n)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "WEFT_INST_A_WRITE_ACTIONS: two actions of one kind");
			return -EINVAL;
		}
		n++;
	}
	return 0;
}

/*
 * Whether @a may set key fields from packet bytes the key does not hold:
 * the next tag after a popped one, what lies under a popped label, an IP
 * TTL under a label, the ND fields that follow an ICMPv6 type.
 */
static bool weft_action_opaque(const struct weft_action *a)
{
	switch (a->type) {
	case WEFT_ACTION_POP_VLAN:
	case WEFT_ACTION_POP_MPLS:
	case WEFT_ACTION_COPY_TTL_IN:
	case WEFT_ACTION_COPY_TTL_OUT:
		return true;
	case WEFT_ACTION_SET_FIELD:
		return a->attr == WEFT_KEY_A_ICMPV6_TYPE ||
		       a->attr == WEFT_KEY_A_ICMPV6_CODE;
	}
	return false;
}

/*
 * Whether @a changes key fields by what the packet holds: packet fields
 * are edited only where the packet has their header, and pushed tags take
 * their fields from the tags present.  Pipeline fields are plain stores.
 */
static bool weft_action_reshapes(const struct weft_action *a)
{
	switch (a->type) {
	case WEFT_ACTION_PUSH_VLAN:
	case WEFT_ACTION_PUSH_MPLS:
		return true;
	case WEFT_ACTION_SET_FIELD:
		return weft_pkt_field_in_packet(a->attr);
	}
	return false;
}

/* Parse WEFT_FLOW_A_INSTRUCTIONS (absent: drop). */
int weft_insts_from_nlattr(const struct nlattr *attr,
			   const struct weft_act_ctx *ctx,
			   struct weft_insts **instsp,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[WEFT_INST_A_MAX + 1] = {};
	struct weft_insts *insts;
	int n_apply, n_write, i, err;

	/*
	 * Every caller's nest comes from a request generic netlink validated
	 * against weft_policy, this nest and its lists included (as with
	 * the flow's key and mask): it is not validated twice.
	 */
	if (attr) {
		err = nla_parse_nested(tb, WEFT_INST_A_MAX, attr, NULL, extack);
		if (err)
			return err;
	}
	n_apply = weft_list_count(tb[WEFT_INST_A_APPLY_ACTIONS], extack);
	if (n_apply < 0)
		return n_apply;
	n_write = weft_list_count(tb[WEFT_INST_A_WRITE_ACTIONS], extack);
	if (n_write < 0)
		return n_write;
	insts = weft_insts_alloc(n_apply + n_write);
	if (!insts)
		return -ENOMEM;
	insts->n_apply = n_apply;
	insts->n_write = n_write;

	err = weft_list_parse(tb[WEFT_INST_A_APPLY_ACTIONS], insts->a, false,
			      ctx, extack);
	if (err)
		goto err;
	err = weft_list_parse(tb[WEFT_INST_A_WRITE_ACTIONS],
			      insts->a + n_apply, true, ctx, extack);
	if (err)
		goto err;
	/* Write actions run after the last table: they never matter here. */
	for (i = 0; i < n_apply; i++) {
		insts->opaque |= weft_action_opaque(&insts->a[i]);
		insts->reshapes |= weft_action_reshapes(&insts->a[i]);
	}
	insts->clear = !!tb[WEFT_INST_A_CLEAR_ACTIONS];
	if (tb[WEFT_INST_A_WRITE_METADATA]) {
		struct nlattr *mt[WEFT_META_A_MAX + 1];

		err = nla_parse_nested(mt, WEFT_META_A_MAX,
				       tb[WEFT_INST_A_WRITE_METADATA],
				       weft_meta_policy, extack);
		if (err)
			goto err;
		if (!mt[WEFT_META_A_VALUE]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[WEFT_INST_A_WRITE_METADATA],
					    "WEFT_META_A_VALUE: missing");
			err = -EINVAL;
			goto err;
		}
		insts->meta_mask = mt[WEFT_META_A_MASK] ?
				   nla_get_u64(mt[WEFT_META_A_MASK]) : ~0ULL;
		insts->meta_value = nla_get_u64(mt[WEFT_META_A_VALUE]) &
				    insts->meta_mask;
	}
	if (tb[WEFT_INST_A_GOTO_TABLE]) {
		u8 id = nla_get_u8(tb[WEFT_INST_A_GOTO_TABLE]);

		if (id <= ctx->table || id > WEFT_TABLE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[WEFT_INST_A_GOTO_TABLE],
					    "WEFT_INST_A_GOTO_TABLE: must be a table after the flow's own");
			err = -EINVAL;
			goto err;
		}
		insts->goto_table = id;
	}
	*instsp = insts;
	return 0;
err:
	weft_insts_free(insts);
	return err;
}

/* A bare action list (group buckets, packet-out) as apply actions. */
int weft_actions_from_nlattr(const struct nlattr *list,
			     const struct weft_act_ctx *ctx,
			     struct weft_insts **instsp,
			     struct netlink_ext_ack *extack)
{
	struct weft_insts *insts;
	int n, err;

	n = weft_list_count(list, extack);
	if (n < 0)
		return n;
	insts = weft_insts_alloc(n);
	if (!insts)
		return -ENOMEM;
	insts->n_apply = n;
	err = weft_list_parse(list, insts->a, false, ctx, extack);
	if (err) {
		weft_insts_free(insts);
		return err;
	}
	*instsp = insts;
	return 0;
}

static int weft_action_put(struct sk_buff *skb, const struct weft_action *a)
{
	u16 attr = weft_kind_attr[a->type];
	struct nlattr *nest;

	switch (a->type) {
	case WEFT_ACTION_OUTPUT:
	case WEFT_ACTION_GROUP:
	case WEFT_ACTION_SET_QUEUE:
		return nla_put_u32(skb, attr, a->arg);
	case WEFT_ACTION_CONTROLLER:
		nest = nla_nest_start(skb, attr);
		if (!nest || nla_put_u16(skb, WEFT_CTRL_A_MAX_LEN, a->arg))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
		return 0;
	case WEFT_ACTION_SET_FIELD:
		nest = nla_nest_start(skb, attr);
		if (!nest || nla_put(skb, a->attr,
				     weft_field_get(a->attr)->len, a->value))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
		return 0;
	case WEFT_ACTION_PUSH_VLAN:
	case WEFT_ACTION_PUSH_MPLS:
	case WEFT_ACTION_POP_MPLS:
		return nla_put_be16(skb, attr, htons(a->arg));
	case WEFT_ACTION_SET_NW_TTL:
	case WEFT_ACTION_SET_MPLS_TTL:
		return nla_put_u8(skb, attr, a->arg);
	default:
		return nla_put_flag(skb, attr);
	}
}

int weft_actions_to_nlattr(struct sk_buff *skb, int type,
			   const struct weft_action *a, unsigned int n)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (weft_action_put(skb, &a[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

int weft_insts_to_nlattr(struct sk_buff *skb, const struct weft_insts *insts)
{
	struct nlattr *nest;

	if (!insts->n_apply && !insts->n_write && !insts->clear &&
	    !insts->meta_mask && !insts->goto_table)
		return 0;
	nest = nla_nest_start(skb, WEFT_FLOW_A_INSTRUCTIONS);
	if (!nest)
		return -EMSGSIZE;
	if (insts->n_apply &&
	    weft_actions_to_nlattr(skb, WEFT_INST_A_APPLY_ACTIONS, insts->a,
				   insts->n_apply))
		goto cancel;
	if (insts->clear && nla_put_flag(skb, WEFT_INST_A_CLEAR_ACTIONS))
		goto cancel;
	if (insts->n_write &&
	    weft_actions_to_nlattr(skb, WEFT_INST_A_WRITE_ACTIONS,
				   weft_insts_write(insts), insts->n_write))
		goto cancel;
	if (insts->meta_mask) {
		struct nlattr *meta = nla_nest_start(skb,
						     WEFT_INST_A_WRITE_METADATA);

		if (!meta ||
		    nla_put_u64_64bit(skb, WEFT_META_A_VALUE, insts->meta_value,
				      WEFT_META_A_PAD) ||
		    nla_put_u64_64bit(skb, WEFT_META_A_MASK, insts->meta_mask,
				      WEFT_META_A_PAD))
			goto cancel;
		nla_nest_end(skb, meta);
	}
	if (insts->goto_table &&
	    nla_put_u8(skb, WEFT_INST_A_GOTO_TABLE, insts->goto_table))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
