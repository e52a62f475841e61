// SPDX-License-Identifier: GPL-2.0
/*
 * uapi names of weft's attributes, and the mapping of an extended ACK back
 * to the request: NLMSGERR_ATTR_OFFS is a byte offset into the request,
 * which means nothing to a human (or an assertion) until it is turned
 * into "WEFT_A_FLOW/WEFT_FLOW_A_KEY/WEFT_KEY_A_TCP_DST".
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "weft_nl_lib.h"

#define N(x) [x] = #x

static const char *const weft_top_names[] = {
	N(WEFT_A_DP_NAME), N(WEFT_A_DP_IFINDEX), N(WEFT_A_DP_FLAGS),
	N(WEFT_A_DP_STATS), N(WEFT_A_DP_N_PORTS), N(WEFT_A_DP_N_FLOWS),
	N(WEFT_A_PORT), N(WEFT_A_FLOW), N(WEFT_A_TABLE), N(WEFT_A_GROUP),
	N(WEFT_A_MIRROR), N(WEFT_A_PACKET), N(WEFT_A_PAD),
	N(WEFT_A_DP_UPCALL_PID), N(WEFT_A_DP_UPCALL_RATE),
	N(WEFT_A_DP_UPCALL_BURST), N(WEFT_A_TRACE), N(WEFT_A_BUNDLE),
};

static const char *const weft_dp_stats_names[] = {
	N(WEFT_DP_STATS_A_LOOKUPS), N(WEFT_DP_STATS_A_HITS),
	N(WEFT_DP_STATS_A_MISSES), N(WEFT_DP_STATS_A_LOST),
	N(WEFT_DP_STATS_A_PAD),
};

static const char *const weft_port_names[] = {
	N(WEFT_PORT_A_NO), N(WEFT_PORT_A_NAME), N(WEFT_PORT_A_TYPE),
	N(WEFT_PORT_A_IFINDEX), N(WEFT_PORT_A_ADDRESS), N(WEFT_PORT_A_MTU),
	N(WEFT_PORT_A_STATE), N(WEFT_PORT_A_STATS), N(WEFT_PORT_A_CONFIG),
	N(WEFT_PORT_A_OPTIONS), N(WEFT_PORT_A_REASON), N(WEFT_PORT_A_PAD),
	N(WEFT_PORT_A_CONFIG_MASK),
};

static const char *const weft_port_stats_names[] = {
	N(WEFT_PORT_STATS_A_RX_PACKETS), N(WEFT_PORT_STATS_A_RX_BYTES),
	N(WEFT_PORT_STATS_A_TX_PACKETS), N(WEFT_PORT_STATS_A_TX_BYTES),
	N(WEFT_PORT_STATS_A_RX_DROPPED), N(WEFT_PORT_STATS_A_TX_DROPPED),
	N(WEFT_PORT_STATS_A_PAD),
};

static const char *const weft_flow_names[] = {
	N(WEFT_FLOW_A_TABLE), N(WEFT_FLOW_A_PRIORITY), N(WEFT_FLOW_A_KEY),
	N(WEFT_FLOW_A_MASK), N(WEFT_FLOW_A_COOKIE), N(WEFT_FLOW_A_COOKIE_MASK),
	N(WEFT_FLOW_A_FLAGS), N(WEFT_FLOW_A_IDLE_TIMEOUT),
	N(WEFT_FLOW_A_HARD_TIMEOUT), N(WEFT_FLOW_A_INSTRUCTIONS),
	N(WEFT_FLOW_A_STRICT), N(WEFT_FLOW_A_OUT_PORT), N(WEFT_FLOW_A_STATS),
	N(WEFT_FLOW_A_DURATION), N(WEFT_FLOW_A_USED), N(WEFT_FLOW_A_OUT_GROUP),
	N(WEFT_FLOW_A_EXCL), N(WEFT_FLOW_A_REASON), N(WEFT_FLOW_A_PAD),
};

static const char *const weft_flow_stats_names[] = {
	N(WEFT_FLOW_STATS_A_PACKETS), N(WEFT_FLOW_STATS_A_BYTES),
	N(WEFT_FLOW_STATS_A_PAD),
};

static const char *const weft_key_names[] = {
	N(WEFT_KEY_A_IN_PORT), N(WEFT_KEY_A_ETH_SRC), N(WEFT_KEY_A_ETH_DST),
	N(WEFT_KEY_A_ETH_TYPE), N(WEFT_KEY_A_VLAN_VID), N(WEFT_KEY_A_VLAN_PCP),
	N(WEFT_KEY_A_IP_DSCP), N(WEFT_KEY_A_IP_ECN), N(WEFT_KEY_A_IP_PROTO),
	N(WEFT_KEY_A_IPV4_SRC), N(WEFT_KEY_A_IPV4_DST), N(WEFT_KEY_A_TCP_SRC),
	N(WEFT_KEY_A_TCP_DST), N(WEFT_KEY_A_UDP_SRC), N(WEFT_KEY_A_UDP_DST),
	N(WEFT_KEY_A_SCTP_SRC), N(WEFT_KEY_A_SCTP_DST),
	N(WEFT_KEY_A_ICMPV4_TYPE), N(WEFT_KEY_A_ICMPV4_CODE),
	N(WEFT_KEY_A_IN_PHY_PORT), N(WEFT_KEY_A_METADATA), N(WEFT_KEY_A_REG0),
	N(WEFT_KEY_A_REG1), N(WEFT_KEY_A_REG2), N(WEFT_KEY_A_REG3),
	N(WEFT_KEY_A_REG4), N(WEFT_KEY_A_REG5), N(WEFT_KEY_A_REG6),
	N(WEFT_KEY_A_REG7), N(WEFT_KEY_A_IPV6_SRC), N(WEFT_KEY_A_IPV6_DST),
	N(WEFT_KEY_A_IPV6_FLABEL), N(WEFT_KEY_A_TCP_FLAGS),
	N(WEFT_KEY_A_ICMPV6_TYPE), N(WEFT_KEY_A_ICMPV6_CODE),
	N(WEFT_KEY_A_ARP_OP), N(WEFT_KEY_A_ARP_SPA), N(WEFT_KEY_A_ARP_TPA),
	N(WEFT_KEY_A_ARP_SHA), N(WEFT_KEY_A_ARP_THA), N(WEFT_KEY_A_ND_TARGET),
	N(WEFT_KEY_A_ND_SLL), N(WEFT_KEY_A_ND_TLL), N(WEFT_KEY_A_MPLS_LABEL),
	N(WEFT_KEY_A_MPLS_TC), N(WEFT_KEY_A_MPLS_BOS), N(WEFT_KEY_A_TUNNEL_ID),
	N(WEFT_KEY_A_TUN_IPV4_SRC), N(WEFT_KEY_A_TUN_IPV4_DST),
	N(WEFT_KEY_A_IP_FRAG), N(WEFT_KEY_A_PAD),
};

static const char *const weft_inst_names[] = {
	N(WEFT_INST_A_APPLY_ACTIONS), N(WEFT_INST_A_CLEAR_ACTIONS),
	N(WEFT_INST_A_WRITE_ACTIONS), N(WEFT_INST_A_WRITE_METADATA),
	N(WEFT_INST_A_GOTO_TABLE),
};

static const char *const weft_act_names[] = {
	N(WEFT_ACT_A_OUTPUT), N(WEFT_ACT_A_CONTROLLER), N(WEFT_ACT_A_GROUP),
	N(WEFT_ACT_A_SET_FIELD), N(WEFT_ACT_A_PUSH_VLAN), N(WEFT_ACT_A_POP_VLAN),
	N(WEFT_ACT_A_PUSH_MPLS), N(WEFT_ACT_A_POP_MPLS),
	N(WEFT_ACT_A_SET_NW_TTL), N(WEFT_ACT_A_DEC_NW_TTL),
	N(WEFT_ACT_A_SET_MPLS_TTL), N(WEFT_ACT_A_DEC_MPLS_TTL),
	N(WEFT_ACT_A_COPY_TTL_OUT), N(WEFT_ACT_A_COPY_TTL_IN),
	N(WEFT_ACT_A_SET_QUEUE),
};

static const char *const weft_meta_names[] = {
	N(WEFT_META_A_VALUE), N(WEFT_META_A_MASK), N(WEFT_META_A_PAD),
};

static const char *const weft_ctrl_names[] = {
	N(WEFT_CTRL_A_MAX_LEN),
};

static const char *const weft_table_names[] = {
	N(WEFT_TABLE_A_ID), N(WEFT_TABLE_A_MISS), N(WEFT_TABLE_A_MISS_MAX_LEN),
	N(WEFT_TABLE_A_N_FLOWS), N(WEFT_TABLE_A_LOOKUPS),
	N(WEFT_TABLE_A_MATCHES), N(WEFT_TABLE_A_PAD),
};

static const char *const weft_group_names[] = {
	N(WEFT_GROUP_A_ID), N(WEFT_GROUP_A_TYPE), N(WEFT_GROUP_A_BUCKETS),
	N(WEFT_GROUP_A_BUCKET), N(WEFT_GROUP_A_STATS),
};

static const char *const weft_bucket_names[] = {
	N(WEFT_BUCKET_A_WEIGHT), N(WEFT_BUCKET_A_WATCH_PORT),
	N(WEFT_BUCKET_A_WATCH_GROUP), N(WEFT_BUCKET_A_ACTIONS),
	N(WEFT_BUCKET_A_STATS),
};

static const char *const weft_packet_names[] = {
	N(WEFT_PACKET_A_DATA), N(WEFT_PACKET_A_IN_PORT),
	N(WEFT_PACKET_A_ACTIONS), N(WEFT_PACKET_A_REASON),
	N(WEFT_PACKET_A_TABLE), N(WEFT_PACKET_A_COOKIE),
	N(WEFT_PACKET_A_TOTAL_LEN), N(WEFT_PACKET_A_KEY), N(WEFT_PACKET_A_PAD),
};

static const char *const weft_bundle_names[] = {
	N(WEFT_BUNDLE_A_OP),
};

static const char *const weft_op_names[] = {
	N(WEFT_OP_A_CMD), N(WEFT_OP_A_FLOW),
};

#undef N

/* One attribute space: the names of its types and which ones nest. */
enum weft_space {
	SP_TOP, SP_DP_STATS, SP_PORT, SP_PORT_STATS, SP_FLOW, SP_FLOW_STATS,
	SP_KEY, SP_INST, SP_ACT, SP_META, SP_CTRL, SP_TABLE, SP_GROUP,
	SP_BUCKET, SP_PACKET, SP_BUNDLE, SP_OP, SP_NONE,
};

static const struct {
	const char *prefix;		/* for types without a name */
	const char *const *names;
	size_t n;
} weft_spaces[] = {
#define S(sp, pfx, tbl) [sp] = { pfx, tbl, sizeof(tbl) / sizeof(tbl[0]) }
	S(SP_TOP, "WEFT_A_", weft_top_names),
	S(SP_DP_STATS, "WEFT_DP_STATS_A_", weft_dp_stats_names),
	S(SP_PORT, "WEFT_PORT_A_", weft_port_names),
	S(SP_PORT_STATS, "WEFT_PORT_STATS_A_", weft_port_stats_names),
	S(SP_FLOW, "WEFT_FLOW_A_", weft_flow_names),
	S(SP_FLOW_STATS, "WEFT_FLOW_STATS_A_", weft_flow_stats_names),
	S(SP_KEY, "WEFT_KEY_A_", weft_key_names),
	S(SP_INST, "WEFT_INST_A_", weft_inst_names),
	S(SP_ACT, "WEFT_ACT_A_", weft_act_names),
	S(SP_META, "WEFT_META_A_", weft_meta_names),
	S(SP_CTRL, "WEFT_CTRL_A_", weft_ctrl_names),
	S(SP_TABLE, "WEFT_TABLE_A_", weft_table_names),
	S(SP_GROUP, "WEFT_GROUP_A_", weft_group_names),
	S(SP_BUCKET, "WEFT_BUCKET_A_", weft_bucket_names),
	S(SP_PACKET, "WEFT_PACKET_A_", weft_packet_names),
	S(SP_BUNDLE, "WEFT_BUNDLE_A_", weft_bundle_names),
	S(SP_OP, "WEFT_OP_A_", weft_op_names),
#undef S
};

static enum weft_space weft_child(enum weft_space sp, uint16_t type)
{
	switch (sp) {
	case SP_TOP:
		if (type == WEFT_A_DP_STATS)
			return SP_DP_STATS;
		if (type == WEFT_A_PORT)
			return SP_PORT;
		if (type == WEFT_A_FLOW)
			return SP_FLOW;
		if (type == WEFT_A_TABLE)
			return SP_TABLE;
		if (type == WEFT_A_GROUP)
			return SP_GROUP;
		if (type == WEFT_A_PACKET)
			return SP_PACKET;
		if (type == WEFT_A_BUNDLE)
			return SP_BUNDLE;
		break;
	case SP_GROUP:
		/* BUCKETS holds BUCKETs, numbered in the same space. */
		if (type == WEFT_GROUP_A_BUCKETS)
			return SP_GROUP;
		if (type == WEFT_GROUP_A_BUCKET)
			return SP_BUCKET;
		break;
	case SP_BUCKET:
		if (type == WEFT_BUCKET_A_ACTIONS)
			return SP_ACT;
		break;
	case SP_PACKET:
		if (type == WEFT_PACKET_A_ACTIONS)
			return SP_ACT;
		if (type == WEFT_PACKET_A_KEY)
			return SP_KEY;
		break;
	case SP_BUNDLE:
		if (type == WEFT_BUNDLE_A_OP)
			return SP_OP;
		break;
	case SP_OP:
		if (type == WEFT_OP_A_FLOW)
			return SP_FLOW;
		break;
	case SP_PORT:
		if (type == WEFT_PORT_A_STATS)
			return SP_PORT_STATS;
		break;
	case SP_FLOW:
		if (type == WEFT_FLOW_A_KEY || type == WEFT_FLOW_A_MASK)
			return SP_KEY;
		if (type == WEFT_FLOW_A_INSTRUCTIONS)
			return SP_INST;
		if (type == WEFT_FLOW_A_STATS)
			return SP_FLOW_STATS;
		break;
	case SP_INST:
		if (type == WEFT_INST_A_APPLY_ACTIONS ||
		    type == WEFT_INST_A_WRITE_ACTIONS)
			return SP_ACT;
		if (type == WEFT_INST_A_WRITE_METADATA)
			return SP_META;
		break;
	case SP_ACT:
		if (type == WEFT_ACT_A_SET_FIELD)
			return SP_KEY;
		if (type == WEFT_ACT_A_CONTROLLER)
			return SP_CTRL;
		break;
	default:
		break;
	}
	return SP_NONE;
}

static void weft_name(enum weft_space sp, uint16_t type, char *buf, size_t len)
{
	if (sp == SP_NONE) {
		snprintf(buf, len, "type %u", type);
		return;
	}
	if (type < weft_spaces[sp].n && weft_spaces[sp].names[type])
		snprintf(buf, len, "%s", weft_spaces[sp].names[type]);
	else
		snprintf(buf, len, "%s%u", weft_spaces[sp].prefix, type);
}

uint32_t weft_off(const struct nlmsghdr *req, const void *attr)
{
	return (uint32_t)((const char *)attr - (const char *)req);
}

/*
 * Find the attribute that starts at @off in @req.  On success @path is
 * "A/B/C" (uapi names, outermost first) and *@space is the space of the
 * attribute's children (to name what is missing inside a nest).
 */
static int weft_walk(const struct nlmsghdr *req, uint32_t off, char *path,
		     size_t len, enum weft_space *space)
{
	const char *base = (const char *)req;
	const char *p = (const char *)mnl_nlmsg_get_payload_offset(
				req, sizeof(struct genlmsghdr));
	const char *end = (const char *)mnl_nlmsg_get_payload_tail(req);
	enum weft_space sp = SP_TOP;
	size_t used = 0;

	path[0] = '\0';
	while (p < end) {
		const struct nlattr *a = (const void *)p;
		uint32_t aoff = (uint32_t)(p - base);
		char name[64];
		int n;

		if (!mnl_attr_ok(a, (int)(end - p)))
			return -EINVAL;
		weft_name(sp, mnl_attr_get_type(a), name, sizeof(name));
		if (aoff == off || (aoff < off && off < aoff + a->nla_len)) {
			n = snprintf(path + used, len - used, "%s%s",
				     used ? "/" : "", name);
			if (n < 0 || (size_t)n >= len - used)
				return -ENOSPC;
			used += (size_t)n;
			sp = weft_child(sp, mnl_attr_get_type(a));
			if (aoff == off) {
				*space = sp;
				return 0;
			}
			/* Descend: the offset is inside this nest. */
			if (sp == SP_NONE)
				return -ENOENT;
			end = p + a->nla_len;
			p = (const char *)mnl_attr_get_payload(a);
			continue;
		}
		p += MNL_ALIGN(a->nla_len);
	}
	return -ENOENT;
}

int weft_attr_at(const struct nlmsghdr *req, uint32_t off, char *path,
		 size_t len)
{
	enum weft_space sp;

	return weft_walk(req, off, path, len, &sp);
}

static const char *weft_last(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* @name occurs in @msg as a whole identifier (not WEFT_A_FLOW in _FLOWS). */
static bool weft_has_word(const char *msg, const char *name)
{
	size_t n = strlen(name);
	const char *p = msg;

	while ((p = strstr(p, name))) {
		bool left = p == msg || !(isalnum((unsigned char)p[-1]) ||
					  p[-1] == '_');
		bool right = !(isalnum((unsigned char)p[n]) || p[n] == '_');

		if (left && right)
			return true;
		p += n;
	}
	return false;
}

static bool weft_in_names(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(name, *names))
			return true;
	return false;
}

/* Name of the missing attribute designated by MISS_TYPE / MISS_NEST. */
static int weft_missing(const struct weft_reply *r, char *buf, size_t len)
{
	enum weft_space sp = SP_TOP;
	char path[256];

	if (!r->has_miss_type)
		return -ENOENT;
	if (r->has_miss_nest &&
	    weft_walk(r->req, r->miss_nest, path, sizeof(path), &sp))
		return -ENOENT;
	weft_name(sp, (uint16_t)r->miss_type, buf, len);
	return 0;
}

void weft_describe(const struct weft_reply *r, char *buf, size_t len)
{
	char path[256] = "", miss[64] = "";

	if (r->has_offs &&
	    weft_attr_at(r->req, r->offs, path, sizeof(path)))
		snprintf(path, sizeof(path), "(no attribute there)");
	weft_missing(r, miss, sizeof(miss));
	snprintf(buf, len, "errno %d (%s), msg \"%s\", offs %s%u -> %s%s%s",
		 r->err, strerror(r->err), r->has_msg ? r->msg : "",
		 r->has_offs ? "" : "absent ", r->offs, path,
		 miss[0] ? ", missing " : "", miss);
}

bool weft_offs_inside(const struct weft_reply *r, uint32_t start,
		      uint32_t len)
{
	return r->has_offs && r->offs >= start && r->offs < start + len;
}

bool weft_check_err(const struct weft_reply *r, const int *errs,
		    const char *const *names, char *why, size_t len)
{
	char path[256], desc[768];
	bool errno_ok = false;
	const int *e;

	weft_describe(r, desc, sizeof(desc));
	for (e = errs; *e; e++)
		if (r->err == *e)
			errno_ok = true;
	if (!errno_ok) {
		snprintf(why, len, "unexpected errno: %s", desc);
		return false;
	}
	if (!names)
		return true;
	if (r->has_msg) {
		const char *const *n;

		for (n = names; *n; n++)
			if (weft_has_word(r->msg, *n))
				return true;
	}
	if (r->has_offs &&
	    !weft_attr_at(r->req, r->offs, path, sizeof(path)) &&
	    weft_in_names(weft_last(path), names))
		return true;
	if (!weft_missing(r, path, sizeof(path)) && weft_in_names(path, names))
		return true;
	snprintf(why, len, "extack does not name %s%s: %s", names[0],
		 names[1] ? " (or an alternative)" : "", desc);
	return false;
}
