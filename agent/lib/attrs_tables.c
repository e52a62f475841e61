// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute descriptions of weft's netlink family, transcribed from
 * uapi/linux/weft.h.  Reserved attributes are named too, so that an extended
 * ACK pointing at one still reads well, but they have no payload type: we
 * never parse them from replies.  Pads are named and never parsed.
 */
#include <linux/if.h>
#include <linux/weft.h>

#include "attrs.h"

/* Entry for attribute T: its name is the enumerator itself. */
#define A(t, kind, len, nested) \
	[t] = { #t, kind, len, nested }
#define R(t) \
	[t] = { #t, WEFT_AK_NONE, 0, NULL }
#define U8(t)	A(t, WEFT_AK_U8, 0, NULL)
#define U16(t)	A(t, WEFT_AK_U16, 0, NULL)
#define U32(t)	A(t, WEFT_AK_U32, 0, NULL)
#define U64(t)	A(t, WEFT_AK_U64, 0, NULL)
#define FLAG(t)	A(t, WEFT_AK_FLAG, 0, NULL)
#define BIN(t, n)	A(t, WEFT_AK_BINARY, n, NULL)
#define NEST(t, set)	A(t, WEFT_AK_NESTED, 0, set)

#define SET(var, holder, max, tbl) \
	const struct weft_attr_set var = { holder, max, tbl }

static const struct weft_attr_desc dp_stats_attrs[] = {
	U64(WEFT_DP_STATS_A_LOOKUPS),
	U64(WEFT_DP_STATS_A_HITS),
	U64(WEFT_DP_STATS_A_MISSES),
	U64(WEFT_DP_STATS_A_LOST),
	R(WEFT_DP_STATS_A_PAD),
	U64(WEFT_DP_STATS_A_UPCALLS),
	U64(WEFT_DP_STATS_A_UPCALL_DROP_RATE),
	U64(WEFT_DP_STATS_A_UPCALL_DROP_QUEUE),
	U64(WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER),
	U64(WEFT_DP_STATS_A_UPCALL_DROP_NOMEM),
	U64(WEFT_DP_STATS_A_CACHE_HITS),
	U64(WEFT_DP_STATS_A_CACHE_MISSES),
	U64(WEFT_DP_STATS_A_UPCALL_DROP_PORT),
	U64(WEFT_DP_STATS_A_MEGAFLOW_HITS),
	U64(WEFT_DP_STATS_A_MEGAFLOW_MISSES),
};
SET(weft_attrs_dp_stats, "WEFT_A_DP_STATS", WEFT_DP_STATS_A_MAX,
    dp_stats_attrs);

static const struct weft_attr_desc port_stats_attrs[] = {
	U64(WEFT_PORT_STATS_A_RX_PACKETS),
	U64(WEFT_PORT_STATS_A_RX_BYTES),
	U64(WEFT_PORT_STATS_A_TX_PACKETS),
	U64(WEFT_PORT_STATS_A_TX_BYTES),
	U64(WEFT_PORT_STATS_A_RX_DROPPED),
	U64(WEFT_PORT_STATS_A_TX_DROPPED),
	R(WEFT_PORT_STATS_A_PAD),
};
SET(weft_attrs_port_stats, "WEFT_PORT_A_STATS", WEFT_PORT_STATS_A_MAX,
    port_stats_attrs);

static const struct weft_attr_desc port_attrs[] = {
	U32(WEFT_PORT_A_NO),
	A(WEFT_PORT_A_NAME, WEFT_AK_STRING, IFNAMSIZ, NULL),
	U32(WEFT_PORT_A_TYPE),
	U32(WEFT_PORT_A_IFINDEX),
	BIN(WEFT_PORT_A_ADDRESS, 6),
	U32(WEFT_PORT_A_MTU),
	U32(WEFT_PORT_A_STATE),
	NEST(WEFT_PORT_A_STATS, &weft_attrs_port_stats),
	U32(WEFT_PORT_A_CONFIG),
	NEST(WEFT_PORT_A_OPTIONS, NULL),
	U32(WEFT_PORT_A_REASON),
	R(WEFT_PORT_A_PAD),
	U32(WEFT_PORT_A_CONFIG_MASK),
};
SET(weft_attrs_port, "WEFT_A_PORT", WEFT_PORT_A_MAX, port_attrs);

static const struct weft_attr_desc key_attrs[] = {
	U32(WEFT_KEY_A_IN_PORT),
	BIN(WEFT_KEY_A_ETH_SRC, 6),
	BIN(WEFT_KEY_A_ETH_DST, 6),
	U16(WEFT_KEY_A_ETH_TYPE),
	U16(WEFT_KEY_A_VLAN_VID),
	U8(WEFT_KEY_A_VLAN_PCP),
	U8(WEFT_KEY_A_IP_DSCP),
	U8(WEFT_KEY_A_IP_ECN),
	U8(WEFT_KEY_A_IP_PROTO),
	U32(WEFT_KEY_A_IPV4_SRC),
	U32(WEFT_KEY_A_IPV4_DST),
	U16(WEFT_KEY_A_TCP_SRC),
	U16(WEFT_KEY_A_TCP_DST),
	U16(WEFT_KEY_A_UDP_SRC),
	U16(WEFT_KEY_A_UDP_DST),
	U16(WEFT_KEY_A_SCTP_SRC),
	U16(WEFT_KEY_A_SCTP_DST),
	U8(WEFT_KEY_A_ICMPV4_TYPE),
	U8(WEFT_KEY_A_ICMPV4_CODE),
	U32(WEFT_KEY_A_IN_PHY_PORT),
	U64(WEFT_KEY_A_METADATA),
	U32(WEFT_KEY_A_REG0),
	U32(WEFT_KEY_A_REG1),
	U32(WEFT_KEY_A_REG2),
	U32(WEFT_KEY_A_REG3),
	U32(WEFT_KEY_A_REG4),
	U32(WEFT_KEY_A_REG5),
	U32(WEFT_KEY_A_REG6),
	U32(WEFT_KEY_A_REG7),
	BIN(WEFT_KEY_A_IPV6_SRC, 16),
	BIN(WEFT_KEY_A_IPV6_DST, 16),
	U32(WEFT_KEY_A_IPV6_FLABEL),
	U16(WEFT_KEY_A_TCP_FLAGS),
	U8(WEFT_KEY_A_ICMPV6_TYPE),
	U8(WEFT_KEY_A_ICMPV6_CODE),
	U16(WEFT_KEY_A_ARP_OP),
	U32(WEFT_KEY_A_ARP_SPA),
	U32(WEFT_KEY_A_ARP_TPA),
	BIN(WEFT_KEY_A_ARP_SHA, 6),
	BIN(WEFT_KEY_A_ARP_THA, 6),
	BIN(WEFT_KEY_A_ND_TARGET, 16),
	BIN(WEFT_KEY_A_ND_SLL, 6),
	BIN(WEFT_KEY_A_ND_TLL, 6),
	U32(WEFT_KEY_A_MPLS_LABEL),
	U8(WEFT_KEY_A_MPLS_TC),
	U8(WEFT_KEY_A_MPLS_BOS),
	U64(WEFT_KEY_A_TUNNEL_ID),
	U32(WEFT_KEY_A_TUN_IPV4_SRC),
	U32(WEFT_KEY_A_TUN_IPV4_DST),
	U8(WEFT_KEY_A_IP_FRAG),
	R(WEFT_KEY_A_PAD),
};
/* KEY and MASK share this set; the path shows which of the two it was. */
SET(weft_attrs_key, "WEFT_FLOW_A_KEY", WEFT_KEY_A_MAX, key_attrs);

static const struct weft_attr_desc ctrl_attrs[] = {
	U16(WEFT_CTRL_A_MAX_LEN),
};
SET(weft_attrs_ctrl, "WEFT_ACT_A_CONTROLLER", WEFT_CTRL_A_MAX, ctrl_attrs);

static const struct weft_attr_desc act_attrs[] = {
	U32(WEFT_ACT_A_OUTPUT),
	NEST(WEFT_ACT_A_CONTROLLER, &weft_attrs_ctrl),
	U32(WEFT_ACT_A_GROUP),
	NEST(WEFT_ACT_A_SET_FIELD, &weft_attrs_key),
	U16(WEFT_ACT_A_PUSH_VLAN),
	FLAG(WEFT_ACT_A_POP_VLAN),
	U16(WEFT_ACT_A_PUSH_MPLS),
	U16(WEFT_ACT_A_POP_MPLS),
	U8(WEFT_ACT_A_SET_NW_TTL),
	FLAG(WEFT_ACT_A_DEC_NW_TTL),
	U8(WEFT_ACT_A_SET_MPLS_TTL),
	FLAG(WEFT_ACT_A_DEC_MPLS_TTL),
	FLAG(WEFT_ACT_A_COPY_TTL_OUT),
	FLAG(WEFT_ACT_A_COPY_TTL_IN),
	U32(WEFT_ACT_A_SET_QUEUE),
};
SET(weft_attrs_act, "WEFT_INST_A_APPLY_ACTIONS", WEFT_ACT_A_MAX, act_attrs);

static const struct weft_attr_desc meta_attrs[] = {
	U64(WEFT_META_A_VALUE),
	U64(WEFT_META_A_MASK),
	R(WEFT_META_A_PAD),
};
SET(weft_attrs_meta, "WEFT_INST_A_WRITE_METADATA", WEFT_META_A_MAX,
    meta_attrs);

static const struct weft_attr_desc inst_attrs[] = {
	NEST(WEFT_INST_A_APPLY_ACTIONS, &weft_attrs_act),
	FLAG(WEFT_INST_A_CLEAR_ACTIONS),
	NEST(WEFT_INST_A_WRITE_ACTIONS, &weft_attrs_act),
	NEST(WEFT_INST_A_WRITE_METADATA, &weft_attrs_meta),
	U8(WEFT_INST_A_GOTO_TABLE),
};
SET(weft_attrs_inst, "WEFT_FLOW_A_INSTRUCTIONS", WEFT_INST_A_MAX, inst_attrs);

static const struct weft_attr_desc flow_stats_attrs[] = {
	U64(WEFT_FLOW_STATS_A_PACKETS),
	U64(WEFT_FLOW_STATS_A_BYTES),
	R(WEFT_FLOW_STATS_A_PAD),
};
SET(weft_attrs_flow_stats, "WEFT_FLOW_A_STATS", WEFT_FLOW_STATS_A_MAX,
    flow_stats_attrs);

static const struct weft_attr_desc flow_attrs[] = {
	U8(WEFT_FLOW_A_TABLE),
	U16(WEFT_FLOW_A_PRIORITY),
	NEST(WEFT_FLOW_A_KEY, &weft_attrs_key),
	NEST(WEFT_FLOW_A_MASK, &weft_attrs_key),
	U64(WEFT_FLOW_A_COOKIE),
	U64(WEFT_FLOW_A_COOKIE_MASK),
	U32(WEFT_FLOW_A_FLAGS),
	U16(WEFT_FLOW_A_IDLE_TIMEOUT),
	U16(WEFT_FLOW_A_HARD_TIMEOUT),
	NEST(WEFT_FLOW_A_INSTRUCTIONS, &weft_attrs_inst),
	FLAG(WEFT_FLOW_A_STRICT),
	U32(WEFT_FLOW_A_OUT_PORT),
	NEST(WEFT_FLOW_A_STATS, &weft_attrs_flow_stats),
	U64(WEFT_FLOW_A_DURATION),
	U64(WEFT_FLOW_A_USED),
	U32(WEFT_FLOW_A_OUT_GROUP),
	FLAG(WEFT_FLOW_A_EXCL),
	U8(WEFT_FLOW_A_REASON),
	R(WEFT_FLOW_A_PAD),
};
SET(weft_attrs_flow, "WEFT_A_FLOW", WEFT_FLOW_A_MAX, flow_attrs);

static const struct weft_attr_desc table_attrs[] = {
	U8(WEFT_TABLE_A_ID),
	U32(WEFT_TABLE_A_MISS),
	U16(WEFT_TABLE_A_MISS_MAX_LEN),
	U32(WEFT_TABLE_A_N_FLOWS),
	U64(WEFT_TABLE_A_LOOKUPS),
	U64(WEFT_TABLE_A_MATCHES),
	R(WEFT_TABLE_A_PAD),
};
SET(weft_attrs_table, "WEFT_A_TABLE", WEFT_TABLE_A_MAX, table_attrs);

static const struct weft_attr_desc gstats_attrs[] = {
	U64(WEFT_GSTATS_A_PACKETS),
	U64(WEFT_GSTATS_A_BYTES),
	U32(WEFT_GSTATS_A_REF_COUNT),
	U64(WEFT_GSTATS_A_DURATION),
	R(WEFT_GSTATS_A_PAD),
};
SET(weft_attrs_gstats, "WEFT_GROUP_A_STATS", WEFT_GSTATS_A_MAX, gstats_attrs);

static const struct weft_attr_desc bucket_attrs[] = {
	U16(WEFT_BUCKET_A_WEIGHT),
	U32(WEFT_BUCKET_A_WATCH_PORT),
	U32(WEFT_BUCKET_A_WATCH_GROUP),
	NEST(WEFT_BUCKET_A_ACTIONS, &weft_attrs_act),
	NEST(WEFT_BUCKET_A_STATS, &weft_attrs_gstats),
};
SET(weft_attrs_bucket, "WEFT_GROUP_A_BUCKET", WEFT_BUCKET_A_MAX, bucket_attrs);

/*
 * WEFT_GROUP_A_BUCKETS holds WEFT_GROUP_A_BUCKET attributes, numbered in
 * the group's own enum: the same set describes both levels.
 */
extern const struct weft_attr_set weft_attrs_group;
static const struct weft_attr_desc group_attrs[] = {
	U32(WEFT_GROUP_A_ID),
	U32(WEFT_GROUP_A_TYPE),
	NEST(WEFT_GROUP_A_BUCKETS, &weft_attrs_group),
	NEST(WEFT_GROUP_A_BUCKET, &weft_attrs_bucket),
	NEST(WEFT_GROUP_A_STATS, &weft_attrs_gstats),
};
SET(weft_attrs_group, "WEFT_A_GROUP", WEFT_GROUP_A_MAX, group_attrs);

static const struct weft_attr_desc packet_attrs[] = {
	A(WEFT_PACKET_A_DATA, WEFT_AK_BYTES, 0, NULL),
	U32(WEFT_PACKET_A_IN_PORT),
	NEST(WEFT_PACKET_A_ACTIONS, &weft_attrs_act),
	U8(WEFT_PACKET_A_REASON),
	U8(WEFT_PACKET_A_TABLE),
	U64(WEFT_PACKET_A_COOKIE),
	U32(WEFT_PACKET_A_TOTAL_LEN),
	NEST(WEFT_PACKET_A_KEY, &weft_attrs_key),
	R(WEFT_PACKET_A_PAD),
};
SET(weft_attrs_packet, "WEFT_A_PACKET", WEFT_PACKET_A_MAX, packet_attrs);

static const struct weft_attr_desc step_attrs[] = {
	U8(WEFT_STEP_A_TABLE),
	NEST(WEFT_STEP_A_FLOW, &weft_attrs_flow),
	U32(WEFT_STEP_A_MISS),
};
SET(weft_attrs_step, "WEFT_TRACE_A_STEP", WEFT_STEP_A_MAX, step_attrs);

/* As for groups: OUTPUTS holds OUTPUT attributes of the same enum. */
extern const struct weft_attr_set weft_attrs_trace;
static const struct weft_attr_desc trace_attrs[] = {
	NEST(WEFT_TRACE_A_STEP, &weft_attrs_step),
	NEST(WEFT_TRACE_A_KEY, &weft_attrs_key),
	NEST(WEFT_TRACE_A_ACTION_SET, &weft_attrs_act),
	NEST(WEFT_TRACE_A_OUTPUTS, &weft_attrs_trace),
	U32(WEFT_TRACE_A_OUTPUT),
	FLAG(WEFT_TRACE_A_DROPPED),
};
SET(weft_attrs_trace, "WEFT_A_TRACE", WEFT_TRACE_A_MAX, trace_attrs);

static const struct weft_attr_desc op_attrs[] = {
	U8(WEFT_OP_A_CMD),
	NEST(WEFT_OP_A_FLOW, &weft_attrs_flow),
};
SET(weft_attrs_op, "WEFT_BUNDLE_A_OP", WEFT_OP_A_MAX, op_attrs);

static const struct weft_attr_desc bundle_attrs[] = {
	NEST(WEFT_BUNDLE_A_OP, &weft_attrs_op),
};
SET(weft_attrs_bundle, "WEFT_A_BUNDLE", WEFT_BUNDLE_A_MAX, bundle_attrs);

static const struct weft_attr_desc top_attrs[] = {
	A(WEFT_A_DP_NAME, WEFT_AK_STRING, IFNAMSIZ, NULL),
	U32(WEFT_A_DP_IFINDEX),
	U32(WEFT_A_DP_FLAGS),
	NEST(WEFT_A_DP_STATS, &weft_attrs_dp_stats),
	U32(WEFT_A_DP_N_PORTS),
	U32(WEFT_A_DP_N_FLOWS),
	NEST(WEFT_A_PORT, &weft_attrs_port),
	NEST(WEFT_A_FLOW, &weft_attrs_flow),
	NEST(WEFT_A_TABLE, &weft_attrs_table),
	NEST(WEFT_A_GROUP, &weft_attrs_group),
	NEST(WEFT_A_MIRROR, NULL),
	NEST(WEFT_A_PACKET, &weft_attrs_packet),
	R(WEFT_A_PAD),
	U32(WEFT_A_DP_UPCALL_PID),
	U32(WEFT_A_DP_UPCALL_RATE),
	U32(WEFT_A_DP_UPCALL_BURST),
	NEST(WEFT_A_TRACE, &weft_attrs_trace),
	NEST(WEFT_A_BUNDLE, &weft_attrs_bundle),
};
SET(weft_attrs_top, "", WEFT_A_MAX, top_attrs);

/*
 * The tables above are indexed by enumerator, so a designated initializer
 * past the end of an enum would silently grow them; these keep every table
 * exactly as long as the set it describes.
 */
#define SAME_SIZE(tbl, max) \
	_Static_assert(sizeof(tbl) / sizeof((tbl)[0]) == (max) + 1, #tbl)
SAME_SIZE(dp_stats_attrs, WEFT_DP_STATS_A_MAX);
SAME_SIZE(port_stats_attrs, WEFT_PORT_STATS_A_MAX);
SAME_SIZE(port_attrs, WEFT_PORT_A_MAX);
SAME_SIZE(key_attrs, WEFT_KEY_A_MAX);
SAME_SIZE(ctrl_attrs, WEFT_CTRL_A_MAX);
SAME_SIZE(act_attrs, WEFT_ACT_A_MAX);
SAME_SIZE(meta_attrs, WEFT_META_A_MAX);
SAME_SIZE(inst_attrs, WEFT_INST_A_MAX);
SAME_SIZE(flow_stats_attrs, WEFT_FLOW_STATS_A_MAX);
SAME_SIZE(flow_attrs, WEFT_FLOW_A_MAX);
SAME_SIZE(table_attrs, WEFT_TABLE_A_MAX);
SAME_SIZE(gstats_attrs, WEFT_GSTATS_A_MAX);
SAME_SIZE(bucket_attrs, WEFT_BUCKET_A_MAX);
SAME_SIZE(group_attrs, WEFT_GROUP_A_MAX);
SAME_SIZE(packet_attrs, WEFT_PACKET_A_MAX);
SAME_SIZE(step_attrs, WEFT_STEP_A_MAX);
SAME_SIZE(trace_attrs, WEFT_TRACE_A_MAX);
SAME_SIZE(op_attrs, WEFT_OP_A_MAX);
SAME_SIZE(bundle_attrs, WEFT_BUNDLE_A_MAX);
SAME_SIZE(top_attrs, WEFT_A_MAX);
