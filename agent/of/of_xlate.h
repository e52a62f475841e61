/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The codec's IR (of.h) <-> weft's flow structures (match.h, group.h).
 *
 * To weft: OXM-level and action-level errors are found here, with the
 * error OpenFlow 1.3 prescribes (1.3 numbering).  Prerequisites and the
 * existence of ports, groups and tables are the kernel's to check.
 *
 * From weft: matches come out in canonical OXM order (the OpenFlow basic
 * field numbers' order, then the Nicira fields), 1.0 matches as an
 * ofp_match with wildcards; instructions in the order OpenFlow executes
 * them.  Arrays the from_weft functions return are the caller's (free
 * with weft_of_match_free, weft_of_insts_free, weft_of_actions_free,
 * weft_of_buckets_free).
 *
 * All functions return 0 or -1 (to_weft, with @err set) / -EINVAL or
 * -ENOMEM (from_weft, for what the version cannot express).
 */
#ifndef WEFT_OF_XLATE_H
#define WEFT_OF_XLATE_H

#include <stdint.h>

#include "group.h"
#include "match.h"
#include "of.h"

int weft_of_match_to_weft(uint8_t version, const struct weft_of_match *om,
			  struct weft_match *m, struct weft_of_error *err);
int weft_of_match_from_weft(uint8_t version, const struct weft_match *m,
			    struct weft_of_match *om);

/*
 * An action list (PACKET_OUT, a bucket, an APPLY/WRITE_ACTIONS).  1.0's
 * set_* actions become SET_FIELD, ENQUEUE becomes SET_QUEUE + OUTPUT.
 */
int weft_of_actions_to_weft(uint8_t version, const struct weft_of_action *acts,
			    size_t n, struct weft_actions *out,
			    struct weft_of_error *err);
int weft_of_actions_from_weft(uint8_t version, const struct weft_actions *in,
			      struct weft_of_action **acts, size_t *n);

/* Instructions (for 1.0, the single APPLY_ACTIONS the IR carries). */
int weft_of_insts_to_weft(uint8_t version, const struct weft_of_inst *insts,
			  size_t n, struct weft_insts *out,
			  struct weft_of_error *err);
/*
 * The same for a flow: @match (the flow's, translated already) tells
 * 1.0's set_vlan_* whether a tag must be pushed first and set_tp_* which
 * protocol's port they set (MATCH_INCONSISTENT when it does not say).
 * weft_of_insts_to_weft() is this with no match.
 */
int weft_of_flow_insts_to_weft(uint8_t version,
			       const struct weft_of_inst *insts, size_t n,
			       const struct weft_match *match,
			       struct weft_insts *out,
			       struct weft_of_error *err);
int weft_of_insts_from_weft(uint8_t version, const struct weft_insts *in,
			    struct weft_of_inst **insts, size_t *n);

/* A GROUP_MOD's type, id and buckets <-> struct weft_group. */
int weft_of_group_to_weft(uint8_t version, const struct weft_of_group_mod *gm,
			  struct weft_group *g, struct weft_of_error *err);
int weft_of_buckets_from_weft(uint8_t version, const struct weft_group *g,
			      struct weft_of_bucket **buckets, size_t *n);

#endif /* WEFT_OF_XLATE_H */
