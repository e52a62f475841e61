// SPDX-License-Identifier: GPL-2.0
/*
 * struct weft_flow <-> WEFT_A_FLOW netlink attributes.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "match.h"

#define HAS(flow, a)	((flow)->attrs & WEFT_BIT(a))

int weft_flow_nl_put_type(struct nlmsghdr *nlh, size_t size, uint16_t type,
			  const struct weft_flow *flow)
{
	const struct weft_match *m = &flow->match;
	struct nlattr *nest;
	bool ok = true;

	if (flow->insts.apply.n > WEFT_ACTIONS_MAX ||
	    flow->insts.write.n > WEFT_ACTIONS_MAX)
		return -EINVAL;
	nest = mnl_attr_nest_start_check(nlh, size, type);
	if (!nest)
		return -EMSGSIZE;

	/*
	 * u64 attributes go without WEFT_FLOW_A_PAD: the kernel reads them
	 * unaligned just fine, and a strict policy would reject the pad.
	 */
	if (HAS(flow, WEFT_FLOW_A_TABLE))
		ok = ok && mnl_attr_put_u8_check(nlh, size, WEFT_FLOW_A_TABLE,
						 flow->table);
	if (HAS(flow, WEFT_FLOW_A_PRIORITY))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_PRIORITY,
						  flow->priority);
	if (HAS(flow, WEFT_FLOW_A_COOKIE))
		ok = ok && mnl_attr_put_u64_check(nlh, size, WEFT_FLOW_A_COOKIE,
						  flow->cookie);
	if (HAS(flow, WEFT_FLOW_A_COOKIE_MASK))
		ok = ok && mnl_attr_put_u64_check(nlh, size,
						  WEFT_FLOW_A_COOKIE_MASK,
						  flow->cookie_mask);
	if (HAS(flow, WEFT_FLOW_A_FLAGS))
		ok = ok && mnl_attr_put_u32_check(nlh, size, WEFT_FLOW_A_FLAGS,
						  flow->flags);
	if (HAS(flow, WEFT_FLOW_A_IDLE_TIMEOUT))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_IDLE_TIMEOUT,
						  flow->idle_timeout);
	if (HAS(flow, WEFT_FLOW_A_HARD_TIMEOUT))
		ok = ok && mnl_attr_put_u16_check(nlh, size,
						  WEFT_FLOW_A_HARD_TIMEOUT,
						  flow->hard_timeout);
	if (HAS(flow, WEFT_FLOW_A_STRICT))
		ok = ok && mnl_attr_put_check(nlh, size, WEFT_FLOW_A_STRICT,
					      0, NULL);
	if (HAS(flow, WEFT_FLOW_A_EXCL))
		ok = ok && mnl_attr_put_check(nlh, size, WEFT_FLOW_A_EXCL,
					      0, NULL);
	if (HAS(flow, WEFT_FLOW_A_OUT_PORT))
		ok = ok && mnl_attr_put_u32_check(nlh, size,
						  WEFT_FLOW_A_OUT_PORT,
						  flow->out_port);
	if (HAS(flow, WEFT_FLOW_A_OUT_GROUP))
		ok = ok && mnl_attr_put_u32_check(nlh, size,
						  WEFT_FLOW_A_OUT_GROUP,
						  flow->out_group);
	/* A wildcarded field is absent from KEY; an exact one from MASK. */
	if (m->fields)
		ok = ok && weft_key_nl_put(nlh, size, WEFT_FLOW_A_KEY, &m->key,
					   m->fields);
	if (m->masked)
		ok = ok && weft_key_nl_put(nlh, size, WEFT_FLOW_A_MASK,
					   &m->mask, m->masked & m->fields);
	if (HAS(flow, WEFT_FLOW_A_INSTRUCTIONS))
		ok = ok && weft_insts_nl_put(nlh, size, &flow->insts);

	if (!ok) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int parse_stats(const struct nlattr *nest, struct weft_flow *flow)
{
	const struct nlattr *stb[WEFT_FLOW_STATS_A_MAX + 1];
	int err;

	err = weft_attr_parse_nested(nest, &weft_attrs_flow_stats, stb);
	if (err)
		return err;
	flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STATS);
	if (stb[WEFT_FLOW_STATS_A_PACKETS])
		flow->n_packets = mnl_attr_get_u64(stb[WEFT_FLOW_STATS_A_PACKETS]);
	if (stb[WEFT_FLOW_STATS_A_BYTES])
		flow->n_bytes = mnl_attr_get_u64(stb[WEFT_FLOW_STATS_A_BYTES]);
	return 0;
}

int weft_flow_nl_parse(const struct nlattr *nest, struct weft_flow *flow)
{
	const struct nlattr *tb[WEFT_FLOW_A_MAX + 1];
	int err;

	weft_flow_init(flow);
	err = weft_attr_parse_nested(nest, &weft_attrs_flow, tb);
	if (err)
		return err;

#define GET(a, field, getter)					\
	do {							\
		if (tb[a]) {					\
			flow->field = getter(tb[a]);		\
			flow->attrs |= WEFT_BIT(a);		\
		}						\
	} while (0)
	GET(WEFT_FLOW_A_TABLE, table, mnl_attr_get_u8);
	GET(WEFT_FLOW_A_PRIORITY, priority, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_COOKIE, cookie, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_COOKIE_MASK, cookie_mask, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_FLAGS, flags, mnl_attr_get_u32);
	GET(WEFT_FLOW_A_IDLE_TIMEOUT, idle_timeout, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_HARD_TIMEOUT, hard_timeout, mnl_attr_get_u16);
	GET(WEFT_FLOW_A_OUT_PORT, out_port, mnl_attr_get_u32);
	GET(WEFT_FLOW_A_OUT_GROUP, out_group, mnl_attr_get_u32);
	GET(WEFT_FLOW_A_DURATION, duration_ms, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_USED, used_ms, mnl_attr_get_u64);
	GET(WEFT_FLOW_A_REASON, reason, mnl_attr_get_u8);
#undef GET
	if (tb[WEFT_FLOW_A_STRICT])
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_STRICT);
	if (tb[WEFT_FLOW_A_EXCL])
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);

	if (tb[WEFT_FLOW_A_KEY]) {
		err = weft_key_nl_parse(tb[WEFT_FLOW_A_KEY], &flow->match);
		if (err)
			return err;
	}
	if (tb[WEFT_FLOW_A_MASK]) {
		err = weft_mask_nl_parse(tb[WEFT_FLOW_A_MASK], &flow->match);
		if (err)
			return err;
	}
	if (tb[WEFT_FLOW_A_INSTRUCTIONS]) {
		err = weft_insts_nl_parse(tb[WEFT_FLOW_A_INSTRUCTIONS],
					  &flow->insts);
		if (err)
			return err;
		flow->attrs |= WEFT_BIT(WEFT_FLOW_A_INSTRUCTIONS);
	}
	if (tb[WEFT_FLOW_A_STATS])
		return parse_stats(tb[WEFT_FLOW_A_STATS], flow);
	return 0;
}

int weft_flow_msg_parse(const struct nlmsghdr *nlh, struct weft_flow *flow)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	int err;

	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_FLOW])
		return -EPROTO;
	return weft_flow_nl_parse(tb[WEFT_A_FLOW], flow);
}
