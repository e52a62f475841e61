// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute descriptions of weft's netlink family, transcribed from
 * uapi/linux/weft.h.  Reserved attributes are named too, so that an extended
 * ACK pointing at one still reads well, but they have no payload type: we
 * never parse them from replies.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/if.h>
#include <linux/weft.h>

#include "attrs.h"

/* Entry for attribute T: its name is the enumerator itself. */
#define A(t, kind, len, nested) \
	[t] = { #t, kind, len, nested }
#define R(t) \
	[t] = { #t, WEFT_AK_NONE, 0, NULL }

static const struct weft_attr_desc dp_stats_attrs[] = {
	A(WEFT_DP_STATS_A_LOOKUPS, WEFT_AK_U64, 0, NULL),
	A(WEFT_DP_STATS_A_HITS, WEFT_AK_U64, 0, NULL),
	A(WEFT_DP_STATS_A_MISSES, WEFT_AK_U64, 0, NULL),
	A(WEFT_DP_STATS_A_LOST, WEFT_AK_U64, 0, NULL),
	R(WEFT_DP_STATS_A_PAD),
};

const struct weft_attr_set weft_attrs_dp_stats = {
	"WEFT_A_DP_STATS", WEFT_DP_STATS_A_MAX, dp_stats_attrs,
};

static const struct weft_attr_desc port_stats_attrs[] = {
	A(WEFT_PORT_STATS_A_RX_PACKETS, WEFT_AK_U64, 0, NULL),
	A(WEFT_PORT_STATS_A_RX_BYTES, WEFT_AK_U64, 0, NULL),
	A(WEFT_PORT_STATS_A_TX_PACKETS, WEFT_AK_U64, 0, NULL),
	A(WEFT_PORT_STATS_A_TX_BYTES, WEFT_AK_U64, 0, NULL),
	A(WEFT_PORT_STATS_A_RX_DROPPED, WEFT_AK_U64, 0, NULL),
	A(WEFT_PORT_STATS_A_TX_DROPPED, WEFT_AK_U64, 0, NULL),
	R(WEFT_PORT_STATS_A_PAD),
};

const struct weft_attr_set weft_attrs_port_stats = {
	"WEFT_PORT_A_STATS", WEFT_PORT_STATS_A_MAX, port_stats_attrs,
};

static const struct weft_attr_desc port_attrs[] = {
	A(WEFT_PORT_A_NO, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_NAME, WEFT_AK_STRING, IFNAMSIZ, NULL),
	A(WEFT_PORT_A_TYPE, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_IFINDEX, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_ADDRESS, WEFT_AK_BINARY, 6, NULL),
	A(WEFT_PORT_A_MTU, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_STATE, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_STATS, WEFT_AK_NESTED, 0, &weft_attrs_port_stats),
	A(WEFT_PORT_A_CONFIG, WEFT_AK_U32, 0, NULL),
	A(WEFT_PORT_A_OPTIONS, WEFT_AK_NESTED, 0, NULL),
	A(WEFT_PORT_A_REASON, WEFT_AK_U32, 0, NULL),
	R(WEFT_PORT_A_PAD),
};

const struct weft_attr_set weft_attrs_port = {
	"WEFT_A_PORT", WEFT_PORT_A_MAX, port_attrs,
};

static const struct weft_attr_desc key_attrs[] = {
	A(WEFT_KEY_A_IN_PORT, WEFT_AK_U32, 0, NULL),
	A(WEFT_KEY_A_ETH_SRC, WEFT_AK_BINARY, 6, NULL),
	A(WEFT_KEY_A_ETH_DST, WEFT_AK_BINARY, 6, NULL),
	A(WEFT_KEY_A_ETH_TYPE, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_VLAN_VID, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_VLAN_PCP, WEFT_AK_U8, 0, NULL),
	A(WEFT_KEY_A_IP_DSCP, WEFT_AK_U8, 0, NULL),
	A(WEFT_KEY_A_IP_ECN, WEFT_AK_U8, 0, NULL),
	A(WEFT_KEY_A_IP_PROTO, WEFT_AK_U8, 0, NULL),
	A(WEFT_KEY_A_IPV4_SRC, WEFT_AK_U32, 0, NULL),
	A(WEFT_KEY_A_IPV4_DST, WEFT_AK_U32, 0, NULL),
	A(WEFT_KEY_A_TCP_SRC, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_TCP_DST, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_UDP_SRC, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_UDP_DST, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_SCTP_SRC, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_SCTP_DST, WEFT_AK_U16, 0, NULL),
	A(WEFT_KEY_A_ICMPV4_TYPE, WEFT_AK_U8, 0, NULL),
	A(WEFT_KEY_A_ICMPV4_CODE, WEFT_AK_U8, 0, NULL),
	R(WEFT_KEY_A_IN_PHY_PORT),
	R(WEFT_KEY_A_METADATA),
	R(WEFT_KEY_A_REG0),
	R(WEFT_KEY_A_REG1),
	R(WEFT_KEY_A_REG2),
	R(WEFT_KEY_A_REG3),
	R(WEFT_KEY_A_REG4),
	R(WEFT_KEY_A_REG5),
	R(WEFT_KEY_A_REG6),
	R(WEFT_KEY_A_REG7),
	R(WEFT_KEY_A_IPV6_SRC),
	R(WEFT_KEY_A_IPV6_DST),
	R(WEFT_KEY_A_IPV6_FLABEL),
	R(WEFT_KEY_A_TCP_FLAGS),
	R(WEFT_KEY_A_ICMPV6_TYPE),
	R(WEFT_KEY_A_ICMPV6_CODE),
	R(WEFT_KEY_A_ARP_OP),
	R(WEFT_KEY_A_ARP_SPA),
	R(WEFT_KEY_A_ARP_TPA),
	R(WEFT_KEY_A_ARP_SHA),
	R(WEFT_KEY_A_ARP_THA),
	R(WEFT_KEY_A_ND_TARGET),
	R(WEFT_KEY_A_ND_SLL),
	R(WEFT_KEY_A_ND_TLL),
	R(WEFT_KEY_A_MPLS_LABEL),
	R(WEFT_KEY_A_MPLS_TC),
	R(WEFT_KEY_A_MPLS_BOS),
	R(WEFT_KEY_A_TUNNEL_ID),
	R(WEFT_KEY_A_TUN_IPV4_SRC),
	R(WEFT_KEY_A_TUN_IPV4_DST),
	R(WEFT_KEY_A_IP_FRAG),
	R(WEFT_KEY_A_PAD),
};

/* KEY and MASK share this set; the path shows which of the two it was. */
const struct weft_attr_set weft_attrs_key = {
	"WEFT_FLOW_A_KEY", WEFT_KEY_A_MAX, key_attrs,
};

static const struct weft_attr_desc act_attrs[] = {
	A(WEFT_ACT_A_OUTPUT, WEFT_AK_U32, 0, NULL),
	A(WEFT_ACT_A_CONTROLLER, WEFT_AK_NESTED, 0, NULL),
	R(WEFT_ACT_A_GROUP),
	A(WEFT_ACT_A_SET_FIELD, WEFT_AK_NESTED, 0, &weft_attrs_key),
	R(WEFT_ACT_A_PUSH_VLAN),
	R(WEFT_ACT_A_POP_VLAN),
	R(WEFT_ACT_A_PUSH_MPLS),
	R(WEFT_ACT_A_POP_MPLS),
	R(WEFT_ACT_A_SET_NW_TTL),
	R(WEFT_ACT_A_DEC_NW_TTL),
	R(WEFT_ACT_A_SET_MPLS_TTL),
	R(WEFT_ACT_A_DEC_MPLS_TTL),
	R(WEFT_ACT_A_COPY_TTL_OUT),
	R(WEFT_ACT_A_COPY_TTL_IN),
	R(WEFT_ACT_A_SET_QUEUE),
};

const struct weft_attr_set weft_attrs_act = {
	"WEFT_INST_A_APPLY_ACTIONS", WEFT_ACT_A_MAX, act_attrs,
};

static const struct weft_attr_desc inst_attrs[] = {
	A(WEFT_INST_A_APPLY_ACTIONS, WEFT_AK_NESTED, 0, &weft_attrs_act),
	A(WEFT_INST_A_CLEAR_ACTIONS, WEFT_AK_FLAG, 0, NULL),
	A(WEFT_INST_A_WRITE_ACTIONS, WEFT_AK_NESTED, 0, &weft_attrs_act),
	A(WEFT_INST_A_WRITE_METADATA, WEFT_AK_NESTED, 0, NULL),
	A(WEFT_INST_A_GOTO_TABLE, WEFT_AK_U8, 0, NULL),
};

const struct weft_attr_set weft_attrs_inst = {
	"WEFT_FLOW_A_INSTRUCTIONS", WEFT_INST_A_MAX, inst_attrs,
};

static const struct weft_attr_desc flow_stats_attrs[] = {
	A(WEFT_FLOW_STATS_A_PACKETS, WEFT_AK_U64, 0, NULL),
	A(WEFT_FLOW_STATS_A_BYTES, WEFT_AK_U64, 0, NULL),
	R(WEFT_FLOW_STATS_A_PAD),
};

const struct weft_attr_set weft_attrs_flow_stats = {
	"WEFT_FLOW_A_STATS", WEFT_FLOW_STATS_A_MAX, flow_stats_attrs,
};

static const struct weft_attr_desc flow_attrs[] = {
	A(WEFT_FLOW_A_TABLE, WEFT_AK_U8, 0, NULL),
	A(WEFT_FLOW_A_PRIORITY, WEFT_AK_U16, 0, NULL),
	A(WEFT_FLOW_A_KEY, WEFT_AK_NESTED, 0, &weft_attrs_key),
	A(WEFT_FLOW_A_MASK, WEFT_AK_NESTED, 0, &weft_attrs_key),
	A(WEFT_FLOW_A_COOKIE, WEFT_AK_U64, 0, NULL),
	A(WEFT_FLOW_A_COOKIE_MASK, WEFT_AK_U64, 0, NULL),
	A(WEFT_FLOW_A_FLAGS, WEFT_AK_U32, 0, NULL),
	A(WEFT_FLOW_A_IDLE_TIMEOUT, WEFT_AK_U16, 0, NULL),
	A(WEFT_FLOW_A_HARD_TIMEOUT, WEFT_AK_U16, 0, NULL),
	A(WEFT_FLOW_A_INSTRUCTIONS, WEFT_AK_NESTED, 0, &weft_attrs_inst),
	A(WEFT_FLOW_A_STRICT, WEFT_AK_FLAG, 0, NULL),
	A(WEFT_FLOW_A_OUT_PORT, WEFT_AK_U32, 0, NULL),
	A(WEFT_FLOW_A_STATS, WEFT_AK_NESTED, 0, &weft_attrs_flow_stats),
	A(WEFT_FLOW_A_DURATION, WEFT_AK_U64, 0, NULL),
	A(WEFT_FLOW_A_USED, WEFT_AK_U64, 0, NULL),
	A(WEFT_FLOW_A_OUT_GROUP, WEFT_AK_U32, 0, NULL),
	A(WEFT_FLOW_A_EXCL, WEFT_AK_FLAG, 0, NULL),
	R(WEFT_FLOW_A_PAD),
};

const struct weft_attr_set weft_attrs_flow = {
	"WEFT_A_FLOW", WEFT_FLOW_A_MAX, flow_attrs,
};

static const struct weft_attr_desc top_attrs[] = {
	A(WEFT_A_DP_NAME, WEFT_AK_STRING, IFNAMSIZ, NULL),
	A(WEFT_A_DP_IFINDEX, WEFT_AK_U32, 0, NULL),
	A(WEFT_A_DP_FLAGS, WEFT_AK_U32, 0, NULL),
	A(WEFT_A_DP_STATS, WEFT_AK_NESTED, 0, &weft_attrs_dp_stats),
	A(WEFT_A_DP_N_PORTS, WEFT_AK_U32, 0, NULL),
	A(WEFT_A_DP_N_FLOWS, WEFT_AK_U32, 0, NULL),
	A(WEFT_A_PORT, WEFT_AK_NESTED, 0, &weft_attrs_port),
	A(WEFT_A_FLOW, WEFT_AK_NESTED, 0, &weft_attrs_flow),
	A(WEFT_A_TABLE, WEFT_AK_NESTED, 0, NULL),
	A(WEFT_A_GROUP, WEFT_AK_NESTED, 0, NULL),
	A(WEFT_A_MIRROR, WEFT_AK_NESTED, 0, NULL),
	A(WEFT_A_PACKET, WEFT_AK_NESTED, 0, NULL),
	R(WEFT_A_PAD),
};

const struct weft_attr_set weft_attrs_top = {
	"", WEFT_A_MAX, top_attrs,
};

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
SAME_SIZE(act_attrs, WEFT_ACT_A_MAX);
SAME_SIZE(inst_attrs, WEFT_INST_A_MAX);
SAME_SIZE(flow_stats_attrs, WEFT_FLOW_STATS_A_MAX);
SAME_SIZE(flow_attrs, WEFT_FLOW_A_MAX);
SAME_SIZE(top_attrs, WEFT_A_MAX);

const struct weft_attr_desc *weft_attr_desc(const struct weft_attr_set *set,
					    unsigned int type)
{
	if (!set || type == 0 || type > set->max || !set->attrs[type].name)
		return NULL;
	return &set->attrs[type];
}

static int check_payload(const struct weft_attr_desc *d,
			 const struct nlattr *attr)
{
	size_t len = mnl_attr_get_payload_len(attr);
	const char *s;

	switch (d->kind) {
	case WEFT_AK_U8:
		return len == 1 ? 0 : -EPROTO;
	case WEFT_AK_U16:
		return len == 2 ? 0 : -EPROTO;
	case WEFT_AK_U32:
		return len == 4 ? 0 : -EPROTO;
	case WEFT_AK_U64:
		return len == 8 ? 0 : -EPROTO;
	case WEFT_AK_BINARY:
		return len == d->len ? 0 : -EPROTO;
	case WEFT_AK_FLAG:
		return len == 0 ? 0 : -EPROTO;
	case WEFT_AK_STRING:
		/* Callers copy strings into fixed buffers: insist on the NUL. */
		s = mnl_attr_get_payload(attr);
		if (len == 0 || len > d->len || !memchr(s, '\0', len))
			return -EPROTO;
		return 0;
	case WEFT_AK_NESTED:
		/* The children are checked when the nest itself is parsed. */
		return 0;
	default:
		return 0;
	}
}

int weft_attr_parse(const void *start, size_t len,
		    const struct weft_attr_set *set, const struct nlattr **tb)
{
	const struct nlattr *attr = start;
	int remaining = (int)len;

	memset(tb, 0, (set->max + 1) * sizeof(*tb));
	if (len > INT32_MAX)
		return -EPROTO;
	while (mnl_attr_ok(attr, remaining)) {
		unsigned int type = mnl_attr_get_type(attr);
		const struct weft_attr_desc *d = weft_attr_desc(set, type);

		if (d && d->kind != WEFT_AK_NONE) {
			if (check_payload(d, attr) < 0)
				return -EPROTO;
			tb[type] = attr;
		}
		remaining -= MNL_ALIGN(attr->nla_len);
		attr = (const struct nlattr *)((const char *)attr +
					       MNL_ALIGN(attr->nla_len));
	}
	/* Anything left over is a truncated attribute, not padding. */
	return remaining > 0 ? -EPROTO : 0;
}

int weft_attr_parse_nested(const struct nlattr *nest,
			   const struct weft_attr_set *set,
			   const struct nlattr **tb)
{
	return weft_attr_parse(mnl_attr_get_payload(nest),
			       mnl_attr_get_payload_len(nest), set, tb);
}

int weft_attr_parse_msg(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	size_t off = MNL_NLMSG_HDRLEN + GENL_HDRLEN;

	if (nlh->nlmsg_len < off) {
		memset(tb, 0, (WEFT_A_MAX + 1) * sizeof(*tb));
		return -EPROTO;
	}
	return weft_attr_parse((const char *)nlh + off, nlh->nlmsg_len - off,
			       &weft_attrs_top, tb);
}

int weft_attr_path(const struct nlmsghdr *req, size_t hdrlen, uint32_t offset,
		   const struct weft_attr_set *set, uint16_t *path,
		   const struct weft_attr_set **sets, int max)
{
	size_t start = MNL_NLMSG_HDRLEN + MNL_ALIGN(hdrlen);
	size_t end = req->nlmsg_len;
	int depth = 0;

	while (start < end) {
		const struct nlattr *attr = (const void *)((const char *)req + start);
		const struct weft_attr_desc *d;
		uint16_t type;
		size_t alen;

		if (end - start < sizeof(*attr) || attr->nla_len < sizeof(*attr) ||
		    attr->nla_len > end - start)
			break;
		alen = attr->nla_len;
		if (offset < start || offset >= start + alen) {
			start += MNL_ALIGN(alen);
			continue;
		}
		/* @offset is inside this attribute: record it and go down. */
		type = mnl_attr_get_type(attr);
		if (depth < max) {
			path[depth] = type;
			if (sets)
				sets[depth] = set;
		}
		depth++;
		d = weft_attr_desc(set, type);
		if (!(d && d->kind == WEFT_AK_NESTED) &&
		    !(attr->nla_type & NLA_F_NESTED))
			break;
		/* Pointing at the nest's own header means the nest itself. */
		if (offset < start + sizeof(*attr))
			break;
		set = d ? d->nested : NULL;
		end = start + alen;
		start += sizeof(*attr);
	}
	return depth;
}

static int type_name(const struct weft_attr_set *set, uint16_t type,
		     char *buf, size_t len)
{
	const struct weft_attr_desc *d = weft_attr_desc(set, type);

	if (d)
		return snprintf(buf, len, "%s", d->name);
	if (set && set->name[0])
		return snprintf(buf, len, "%s/type %u", set->name, type);
	return snprintf(buf, len, "type %u", type);
}

int weft_attr_name_at(const struct nlmsghdr *req, size_t hdrlen,
		      uint32_t offset, const struct weft_attr_set *set,
		      char *buf, size_t len)
{
	const struct weft_attr_set *sets[8];
	uint16_t path[8];
	int depth;

	depth = weft_attr_path(req, hdrlen, offset, set, path, sets, 8);
	if (len)
		buf[0] = '\0';
	if (depth <= 0)
		return -ENOENT;
	if (depth > 8)
		depth = 8;
	return type_name(sets[depth - 1], path[depth - 1], buf, len);
}

int weft_attr_missing_name(const struct nlmsghdr *req, size_t hdrlen,
			   uint32_t nest_offset, uint16_t type,
			   const struct weft_attr_set *set,
			   char *buf, size_t len)
{
	const struct weft_attr_set *sets[8];
	uint16_t path[8];
	int depth;

	if (nest_offset) {
		depth = weft_attr_path(req, hdrlen, nest_offset, set, path,
				       sets, 8);
		if (depth > 0 && depth <= 8) {
			const struct weft_attr_desc *d;

			d = weft_attr_desc(sets[depth - 1], path[depth - 1]);
			set = d ? d->nested : NULL;
		} else {
			set = NULL;
		}
	}
	return type_name(set, type, buf, len);
}
