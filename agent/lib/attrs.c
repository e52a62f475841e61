// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing and naming attributes with the descriptions of attrs_tables.c:
 * replies are checked before they are read, and extended ACK offsets are
 * mapped back to attribute names.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/if.h>
#include <linux/weft.h>

#include "attrs.h"

const struct weft_attr_desc *weft_attr_desc(const struct weft_attr_set *set,
					    unsigned int type)
{
	if (!set || type == 0 || type > set->max || !set->attrs[type].name)
		return NULL;
	return &set->attrs[type];
}

int weft_attr_check(const struct weft_attr_desc *d, const struct nlattr *attr)
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
	case WEFT_AK_BYTES:
		return 0;
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
			if (weft_attr_check(d, attr) < 0)
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
