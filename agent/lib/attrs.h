/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A description of weft's netlink attribute trees (uapi/linux/weft.h): one
 * table per attribute set giving each attribute's name, payload type and, for
 * nests, the set its children belong to.
 *
 * The same tables serve three purposes, so they cannot drift apart:
 * validating the kernel's replies before we read them, naming the attribute
 * an extended ACK points at (NLMSGERR_ATTR_OFFS / _MISS_TYPE), and printing.
 */
#ifndef WEFT_ATTRS_H
#define WEFT_ATTRS_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

enum weft_attr_kind {
	WEFT_AK_NONE,		/* not described: reserved or unknown */
	WEFT_AK_U8,
	WEFT_AK_U16,		/* also be16: the length is what we check */
	WEFT_AK_U32,		/* also be32 */
	WEFT_AK_U64,
	WEFT_AK_STRING,		/* NUL-terminated, len = max bytes incl. NUL */
	WEFT_AK_BINARY,		/* exactly len bytes */
	WEFT_AK_BYTES,		/* any number of bytes (packet data) */
	WEFT_AK_FLAG,		/* no payload */
	WEFT_AK_NESTED,		/* children in .nested (NULL: opaque) */
};

struct weft_attr_set;

struct weft_attr_desc {
	const char *name;
	uint8_t kind;
	uint8_t len;
	const struct weft_attr_set *nested;
};

struct weft_attr_set {
	const char *name;	/* the nest that holds this set, for messages */
	unsigned int max;	/* highest attribute type of the set */
	const struct weft_attr_desc *attrs;	/* max + 1 entries */
};

/* The top-level set of WEFT_CMD_* messages and the sets nested below it. */
extern const struct weft_attr_set weft_attrs_top;
extern const struct weft_attr_set weft_attrs_dp_stats;
extern const struct weft_attr_set weft_attrs_port;
extern const struct weft_attr_set weft_attrs_port_stats;
extern const struct weft_attr_set weft_attrs_flow;
extern const struct weft_attr_set weft_attrs_flow_stats;
extern const struct weft_attr_set weft_attrs_key;
extern const struct weft_attr_set weft_attrs_ctrl;
extern const struct weft_attr_set weft_attrs_act;
extern const struct weft_attr_set weft_attrs_meta;
extern const struct weft_attr_set weft_attrs_inst;
extern const struct weft_attr_set weft_attrs_table;
extern const struct weft_attr_set weft_attrs_gstats;
extern const struct weft_attr_set weft_attrs_bucket;
extern const struct weft_attr_set weft_attrs_group;
extern const struct weft_attr_set weft_attrs_packet;
extern const struct weft_attr_set weft_attrs_step;
extern const struct weft_attr_set weft_attrs_trace;
extern const struct weft_attr_set weft_attrs_op;
extern const struct weft_attr_set weft_attrs_bundle;

/* The description of @type in @set, or NULL if it has none. */
const struct weft_attr_desc *weft_attr_desc(const struct weft_attr_set *set,
					    unsigned int type);

/* 0 if @attr's payload fits its description @d, else -EPROTO. */
int weft_attr_check(const struct weft_attr_desc *d, const struct nlattr *attr);

/*
 * Parse the attributes in [@start, @start + @len) into @tb, which must have
 * set->max + 1 entries.  Attributes the set does not describe are skipped (a
 * newer kernel may send more); described ones must have the right length.
 * Returns 0 or -EPROTO on a malformed stream or payload.
 */
int weft_attr_parse(const void *start, size_t len,
		    const struct weft_attr_set *set, const struct nlattr **tb);
int weft_attr_parse_nested(const struct nlattr *nest,
			   const struct weft_attr_set *set,
			   const struct nlattr **tb);
/* The top-level attributes of a weft generic netlink message. */
int weft_attr_parse_msg(const struct nlmsghdr *nlh,
			const struct nlattr **tb /* WEFT_A_MAX + 1 */);

/*
 * Map @offset, a byte offset from the start of the request @req (as in
 * NLMSGERR_ATTR_OFFS), to the attribute that contains it.  Attributes start
 * @hdrlen bytes into the payload (GENL_HDRLEN for generic netlink); nests are
 * followed as long as @set describes them (or NLA_F_NESTED says so).
 *
 * Stores up to @max types in @path (outermost first) and, if @sets is not
 * NULL, the set each of them belongs to (NULL where unknown).  Returns the
 * depth of the innermost attribute containing @offset (which may exceed
 * @max; only @max are stored), or 0 if @offset is outside every attribute.
 */
int weft_attr_path(const struct nlmsghdr *req, size_t hdrlen, uint32_t offset,
		   const struct weft_attr_set *set, uint16_t *path,
		   const struct weft_attr_set **sets, int max);

/*
 * Name of the attribute at @offset in @req: the innermost attribute's name,
 * e.g. "WEFT_PORT_A_NAME", or "WEFT_A_PORT/type 42" when the type is not
 * described.  Returns the snprintf-style length, or -ENOENT if @offset is not
 * inside any attribute (@buf is then "").
 */
int weft_attr_name_at(const struct nlmsghdr *req, size_t hdrlen,
		      uint32_t offset, const struct weft_attr_set *set,
		      char *buf, size_t len);

/*
 * Name of attribute @type of the set found at @nest_offset in @req
 * (0: the top-level set), as NLMSGERR_ATTR_MISS_TYPE/_MISS_NEST report a
 * missing attribute.
 */
int weft_attr_missing_name(const struct nlmsghdr *req, size_t hdrlen,
			   uint32_t nest_offset, uint16_t type,
			   const struct weft_attr_set *set,
			   char *buf, size_t len);

#endif /* WEFT_ATTRS_H */
