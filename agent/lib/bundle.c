// SPDX-License-Identifier: GPL-2.0
/*
 * Bundle requests, and finding which op an error points at.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "bundle.h"

int weft_bundle_begin(struct weft_bundle *b, struct nlmsghdr *nlh,
		      size_t size)
{
	b->nlh = nlh;
	b->size = size;
	b->n_ops = 0;
	b->nest = mnl_attr_nest_start_check(nlh, size, WEFT_A_BUNDLE);
	return b->nest ? 0 : -EMSGSIZE;
}

int weft_bundle_add(struct weft_bundle *b, uint8_t cmd,
		    const struct weft_flow *flow)
{
	struct nlattr *op;
	int err;

	if (b->n_ops == WEFT_BUNDLE_OPS_MAX)
		return -E2BIG;
	op = mnl_attr_nest_start_check(b->nlh, b->size, WEFT_BUNDLE_A_OP);
	if (!op)
		return -EMSGSIZE;
	if (!mnl_attr_put_u8_check(b->nlh, b->size, WEFT_OP_A_CMD, cmd)) {
		mnl_attr_nest_cancel(b->nlh, op);
		return -EMSGSIZE;
	}
	err = weft_flow_nl_put_type(b->nlh, b->size, WEFT_OP_A_FLOW, flow);
	if (!err &&
	    (char *)mnl_nlmsg_get_payload_tail(b->nlh) - (char *)b->nest >
	    WEFT_BUNDLE_BYTES_MAX + 4)
		err = -EMSGSIZE;
	if (err) {
		mnl_attr_nest_cancel(b->nlh, op);
		return err;
	}
	mnl_attr_nest_end(b->nlh, op);
	b->n_ops++;
	return 0;
}

void weft_bundle_end(struct weft_bundle *b)
{
	mnl_attr_nest_end(b->nlh, b->nest);
}

int weft_bundle_op_at(const struct nlmsghdr *req, uint32_t offset)
{
	const struct nlattr *attr, *op;
	int i;

	mnl_attr_for_each(attr, req, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != WEFT_A_BUNDLE)
			continue;
		i = 0;
		mnl_attr_for_each_nested(op, attr) {
			uint32_t start = (uint32_t)((const char *)op -
						    (const char *)req);

			if (offset >= start && offset < start + op->nla_len)
				return i;
			i++;
		}
	}
	return -1;
}
