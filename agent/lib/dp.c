// SPDX-License-Identifier: GPL-2.0
/*
 * Datapath replies and addressing.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "attrs.h"
#include "dp.h"

int weft_dp_msg_parse(const struct nlmsghdr *nlh, struct weft_dp_info *dp)
{
	const struct nlattr *tb[WEFT_A_MAX + 1];
	int err, i;

	memset(dp, 0, sizeof(*dp));
	err = weft_attr_parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[WEFT_A_DP_NAME])
		return -EPROTO;
	for (i = 1; i <= WEFT_A_MAX; i++)
		if (tb[i])
			dp->attrs |= 1U << i;
	snprintf(dp->name, sizeof(dp->name), "%s",
		 mnl_attr_get_str(tb[WEFT_A_DP_NAME]));
	if (tb[WEFT_A_DP_IFINDEX])
		dp->ifindex = mnl_attr_get_u32(tb[WEFT_A_DP_IFINDEX]);
	if (tb[WEFT_A_DP_FLAGS])
		dp->flags = mnl_attr_get_u32(tb[WEFT_A_DP_FLAGS]);
	if (tb[WEFT_A_DP_N_PORTS])
		dp->n_ports = mnl_attr_get_u32(tb[WEFT_A_DP_N_PORTS]);
	if (tb[WEFT_A_DP_N_FLOWS])
		dp->n_flows = mnl_attr_get_u32(tb[WEFT_A_DP_N_FLOWS]);
	if (tb[WEFT_A_DP_UPCALL_PID])
		dp->upcall_pid = mnl_attr_get_u32(tb[WEFT_A_DP_UPCALL_PID]);
	if (tb[WEFT_A_DP_UPCALL_RATE])
		dp->upcall_rate = mnl_attr_get_u32(tb[WEFT_A_DP_UPCALL_RATE]);
	if (tb[WEFT_A_DP_UPCALL_BURST])
		dp->upcall_burst = mnl_attr_get_u32(tb[WEFT_A_DP_UPCALL_BURST]);
	if (tb[WEFT_A_DP_STATS]) {
		const struct nlattr *stb[WEFT_DP_STATS_A_MAX + 1];
		struct weft_dp_stats *s = &dp->stats;

		err = weft_attr_parse_nested(tb[WEFT_A_DP_STATS],
					     &weft_attrs_dp_stats, stb);
		if (err)
			return err;
#define STAT(a, f)						\
		do {						\
			if (stb[a])				\
				s->f = mnl_attr_get_u64(stb[a]);	\
		} while (0)
		STAT(WEFT_DP_STATS_A_LOOKUPS, lookups);
		STAT(WEFT_DP_STATS_A_HITS, hits);
		STAT(WEFT_DP_STATS_A_MISSES, misses);
		STAT(WEFT_DP_STATS_A_LOST, lost);
		STAT(WEFT_DP_STATS_A_UPCALLS, upcalls);
		STAT(WEFT_DP_STATS_A_UPCALL_DROP_RATE, upcall_drop_rate);
		STAT(WEFT_DP_STATS_A_UPCALL_DROP_QUEUE, upcall_drop_queue);
		STAT(WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER,
		     upcall_drop_no_listener);
		STAT(WEFT_DP_STATS_A_UPCALL_DROP_NOMEM, upcall_drop_nomem);
		STAT(WEFT_DP_STATS_A_CACHE_HITS, cache_hits);
		STAT(WEFT_DP_STATS_A_CACHE_MISSES, cache_misses);
		s->cache = stb[WEFT_DP_STATS_A_CACHE_HITS] != NULL;
		STAT(WEFT_DP_STATS_A_UPCALL_DROP_PORT, upcall_drop_port);
		s->port_drop = stb[WEFT_DP_STATS_A_UPCALL_DROP_PORT] != NULL;
		STAT(WEFT_DP_STATS_A_MEGAFLOW_HITS, megaflow_hits);
		STAT(WEFT_DP_STATS_A_MEGAFLOW_MISSES, megaflow_misses);
		s->megaflow = stb[WEFT_DP_STATS_A_MEGAFLOW_HITS] != NULL;
#undef STAT
	}
	return 0;
}

bool weft_dp_name_ok(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && len < IFNAMSIZ;
}

int weft_dp_put_name(struct nlmsghdr *nlh, size_t size, const char *name)
{
	if (!weft_dp_name_ok(name))
		return -EINVAL;
	if (!mnl_attr_put_strz_check(nlh, size, WEFT_A_DP_NAME, name))
		return -EMSGSIZE;
	return 0;
}

int weft_dp_set_put(struct nlmsghdr *nlh, size_t size,
		    const struct weft_dp_set *set)
{
	if (set->has_pid &&
	    !mnl_attr_put_u32_check(nlh, size, WEFT_A_DP_UPCALL_PID,
				    set->upcall_pid))
		return -EMSGSIZE;
	if (set->has_rate &&
	    !mnl_attr_put_u32_check(nlh, size, WEFT_A_DP_UPCALL_RATE,
				    set->upcall_rate))
		return -EMSGSIZE;
	if (set->has_burst &&
	    !mnl_attr_put_u32_check(nlh, size, WEFT_A_DP_UPCALL_BURST,
				    set->upcall_burst))
		return -EMSGSIZE;
	return 0;
}
