/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WEFT_CMD_BUNDLE requests: flow changes applied all or nothing, in one
 * message.
 */
#ifndef WEFT_BUNDLE_H
#define WEFT_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "match.h"

/*
 * The ops travel inside one WEFT_A_BUNDLE attribute, whose length is a
 * 16-bit field: however many ops the ABI allows (WEFT_BUNDLE_OPS_MAX),
 * their encoding must fit in this many bytes.
 */
#define WEFT_BUNDLE_BYTES_MAX	(0xffff - 4)

/* A bundle request being built in @nlh, a buffer of @size bytes. */
struct weft_bundle {
	struct nlmsghdr *nlh;
	size_t size;
	struct nlattr *nest;
	unsigned int n_ops;
};

/* Open WEFT_A_BUNDLE.  0 or -EMSGSIZE. */
int weft_bundle_begin(struct weft_bundle *b, struct nlmsghdr *nlh,
		      size_t size);
/*
 * Add an op: @cmd is WEFT_CMD_FLOW_NEW, _SET or _DEL.  Returns 0, -E2BIG
 * past WEFT_BUNDLE_OPS_MAX ops, -EMSGSIZE when the ops no longer fit in
 * the attribute (WEFT_BUNDLE_BYTES_MAX) or the buffer; the bundle is left
 * as it was.
 */
int weft_bundle_add(struct weft_bundle *b, uint8_t cmd,
		    const struct weft_flow *flow);
void weft_bundle_end(struct weft_bundle *b);

/*
 * The op (counted from 0) of the bundle request @req that holds byte
 * @offset (an extended ACK's NLMSGERR_ATTR_OFFS), or -1 if none does.
 */
int weft_bundle_op_at(const struct nlmsghdr *req, uint32_t offset);

#endif /* WEFT_BUNDLE_H */
