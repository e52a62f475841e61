// SPDX-License-Identifier: GPL-2.0
/*
 * Table replies and requests.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "table.h"
#include "util.h"

static const char *const miss_names[] = {
	[WEFT_TABLE_MISS_DROP] = "drop",
	[WEFT_TABLE_MISS_CONTROLLER] = "controller",
	[WEFT_TABLE_MISS_CONTINUE] = "continue",
};

const char *weft_table_miss_name(__u32 miss)
{
	return miss < ARRAY_SIZE(miss_names) ? miss_names[miss] : NULL;
}

int weft_table_miss_parse(const char *s, __u32 *miss)
{
	__u32 i;

	for (i = 0; i < ARRAY_SIZE(miss_names); i++) {
		if (!strcmp(s, miss_names[i])) {
			*miss = i;
			return 0;
		}
	}
	return -EINVAL;
}

int weft_table_msg_parse(const struct nlmsghdr *nlh, struct weft_table_info *t)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	const struct nlattr *tt[WEFT_TABLE_A_MAX + 1];
	int err;

	memset(t, 0, sizeof(*t));
	t->miss_max_len = WEFT_CTRL_NO_BUFFER;
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_TABLE])
		return -EPROTO;
	err = weft_attr_parse_nested(tb[WEFT_A_TABLE], &weft_attrs_table, tt);
	if (err)
		return err;
	if (!tt[WEFT_TABLE_A_ID])
		return -EPROTO;
	t->id = mnl_attr_get_u8(tt[WEFT_TABLE_A_ID]);
	if (tt[WEFT_TABLE_A_MISS])
		t->miss = mnl_attr_get_u32(tt[WEFT_TABLE_A_MISS]);
	if (tt[WEFT_TABLE_A_MISS_MAX_LEN])
		t->miss_max_len = mnl_attr_get_u16(tt[WEFT_TABLE_A_MISS_MAX_LEN]);
	if (tt[WEFT_TABLE_A_N_FLOWS])
		t->n_flows = mnl_attr_get_u32(tt[WEFT_TABLE_A_N_FLOWS]);
	if (tt[WEFT_TABLE_A_LOOKUPS])
		t->lookups = mnl_attr_get_u64(tt[WEFT_TABLE_A_LOOKUPS]);
	if (tt[WEFT_TABLE_A_MATCHES])
		t->matches = mnl_attr_get_u64(tt[WEFT_TABLE_A_MATCHES]);
	return 0;
}

int weft_table_put(struct nlmsghdr *nlh, size_t size, __u8 id,
		   const struct weft_table_set *set)
{
	struct nlattr *nest = mnl_attr_nest_start_check(nlh, size, WEFT_A_TABLE);
	bool ok;

	if (!nest)
		return -EMSGSIZE;
	ok = mnl_attr_put_u8_check(nlh, size, WEFT_TABLE_A_ID, id);
	if (ok && set && set->has_miss)
		ok = mnl_attr_put_u32_check(nlh, size, WEFT_TABLE_A_MISS,
					    set->miss);
	if (ok && set && set->has_max_len)
		ok = mnl_attr_put_u16_check(nlh, size, WEFT_TABLE_A_MISS_MAX_LEN,
					    set->miss_max_len);
	if (!ok) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}
