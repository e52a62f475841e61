// SPDX-License-Identifier: GPL-2.0
/*
 * Groups: ovs-ofctl group syntax both ways, the attributes it becomes,
 * replies with statistics, and what `group dump`/`group stats` print.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/weft.h>

#include "attrs.h"
#include "group.h"
#include "nl.h"
#include "print.h"
#include "show.h"
#include "tap.h"
#include "util.h"

struct trip {
	const char *text;
	const char *want;
};

static const struct trip trips[] = {
	{ "group_id=1,type=all,bucket=output:1,bucket=output:2",
	  "group_id=1,type=all,bucket=actions=output:1,bucket=actions=output:2" },
	{ "group_id=2,type=select,bucket=weight:10,actions=output:1,bucket=weight=20,output:2,bucket=output:3",
	  "group_id=2,type=select,bucket=weight:10,actions=output:1,bucket=weight:20,actions=output:2,bucket=actions=output:3" },
	{ "group_id=3,type=select,bucket=weight:1,actions=output:1",
	  "group_id=3,type=select,bucket=actions=output:1" },
	{ "group_id=4,type=indirect,bucket=actions=mod_vlan_vid:5,output:1",
	  "group_id=4,type=indirect,bucket=actions=push_vlan:0x8100,set_field:4101->vlan_vid,output:1" },
	{ "group_id=5,type=ff,bucket=watch_port:1,actions=output:1,bucket=watch_port:2,watch_group:7,actions=output:2",
	  "group_id=5,type=ff,bucket=watch_port:1,actions=output:1,bucket=watch_port:2,watch_group:7,actions=output:2" },
	{ "group_id=6,type=fast_failover,bucket=watch_group:1,actions=group:2",
	  "group_id=6,type=ff,bucket=watch_group:1,actions=group:2" },
	{ "group_id=7 type=all bucket=output:1 bucket=output:2,set_queue:3",
	  "group_id=7,type=all,bucket=actions=output:1,bucket=actions=output:2,set_queue:3" },
	{ "group_id=8,type=all", "group_id=8,type=all" },
	{ "group_id=9,type=all,bucket=actions=drop", "group_id=9,type=all,bucket=actions=drop" },
	{ "type=all,group_id=4294967040,bucket=LOCAL",
	  "group_id=4294967040,type=all,bucket=actions=LOCAL" },
	{ "group_id=10,type=ff,bucket=watch_port:LOCAL,actions=controller",
	  "group_id=10,type=ff,bucket=watch_port:LOCAL,actions=CONTROLLER:65535" },
};

/* What the buckets do, whether or not a default was spelled out. */
static bool same_buckets(const struct weft_group *a, const struct weft_group *b)
{
	unsigned int i;

	if (a->n_buckets != b->n_buckets)
		return false;
	for (i = 0; i < a->n_buckets; i++) {
		const struct weft_bucket *x = &a->buckets[i], *y = &b->buckets[i];

		if (x->weight != y->weight || x->watch_port != y->watch_port ||
		    x->watch_group != y->watch_group ||
		    memcmp(&x->actions, &y->actions, sizeof(x->actions)))
			return false;
	}
	return true;
}

static void test_trips(void)
{
	struct weft_group *g = malloc(sizeof(*g)), *h = malloc(sizeof(*h));
	__u64 *buf = malloc(64 * 1024);
	char err[512], got[4096];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(trips); i++) {
		struct nlmsghdr *nlh;
		int ret;

		ret = weft_group_from_str(g, trips[i].text, WEFT_GROUP_OP_ADD,
					  NULL, NULL, err, sizeof(err));
		if (!weft_tap_ok(ret == 0, "parse group \"%s\"", trips[i].text)) {
			weft_tap_diag("%s", err);
			continue;
		}
		weft_group_format(g, got, sizeof(got));
		weft_tap_str(got, trips[i].want, "format group \"%s\"",
			     trips[i].text);
		ret = weft_group_from_str(h, got, WEFT_GROUP_OP_ADD, NULL, NULL,
					  err, sizeof(err));
		weft_tap_ok(ret == 0 && same_buckets(g, h),
			    "\"%s\" parses back to the same buckets", got);

		nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_GROUP_NEW, 0);
		ret = weft_group_nl_put(nlh, 64 * 1024, g);
		ret = ret ?: weft_group_msg_parse(nlh, h);
		weft_tap_ok(ret == 0 && !memcmp(g, h, sizeof(*g)),
			    "netlink round trip of group \"%s\"", trips[i].text);
	}
	free(g);
	free(h);
	free(buf);
}

static const struct trip bad[] = {
	{ "type=all,bucket=output:1", "missing group_id in \"type=all,bucket=output:1\"" },
	{ "group_id=1,bucket=output:1", "missing type in \"group_id=1,bucket=output:1\"" },
	{ "group_id=1,type=random", "invalid group type \"random\" in \"type=random\" (all, select, indirect or ff)" },
	{ "group_id=x,type=all", "invalid group_id \"x\" in \"group_id=x\"" },
	{ "group_id=4294967041,type=all", "invalid group_id \"4294967041\" in \"group_id=4294967041\" (maximum 4294967040)" },
	{ "group_id=1,type=all,selection_method=hash",
	  "unknown group field \"selection_method\" in \"selection_method=hash\"" },
	{ "group_id=1,type=all,bucket=weight:2,actions=output:1",
	  "only select groups have bucket weights in \"group_id=1,type=all,bucket=weight:2,actions=output:1\"" },
	{ "group_id=1,type=ff,bucket=output:1",
	  "every bucket of a fast failover group needs a watch_port or watch_group in \"group_id=1,type=ff,bucket=output:1\"" },
	{ "group_id=1,type=indirect,bucket=output:1,bucket=output:2",
	  "an indirect group has exactly one bucket in \"group_id=1,type=indirect,bucket=output:1,bucket=output:2\"" },
	{ "group_id=1,type=indirect", "an indirect group has exactly one bucket in \"group_id=1,type=indirect\"" },
	{ "group_id=1,type=all,bucket=output:foo", "invalid port \"foo\" in \"output:foo\" (port names cannot be used here)" },
	{ "group_id=1,type=all,bucket=goto_table:1", "goto_table is an instruction, not an action, in \"goto_table:1\"" },
	{ "group_id=1,type=select,bucket=weight:65536,output:1",
	  "invalid weight \"65536\" in \"weight:65536\" (maximum 65535)" },
	{ "group_id=1,type=ff,bucket=watch_port:0,output:1", "invalid port \"0\" in \"watch_port:0\"" },
	{ "group_id=1,type=ff,bucket=watch_port:FLOOD,output:1", "invalid watch_port \"FLOOD\" in \"watch_port:FLOOD\"" },
};

static void test_errors(void)
{
	struct weft_group *g = malloc(sizeof(*g));
	char err[512], text[4096];
	size_t i, len;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ret = weft_group_from_str(g, bad[i].text, WEFT_GROUP_OP_ADD,
					  NULL, NULL, err, sizeof(err));
		weft_tap_ok(ret < 0 && g->n_buckets == 0,
			    "group \"%s\" refused, nothing left behind", bad[i].text);
		weft_tap_str(err, bad[i].want, "error for group \"%s\"", bad[i].text);
	}
	len = snprintf(text, sizeof(text), "group_id=1,type=all");
	for (i = 0; i <= WEFT_BUCKETS_MAX; i++)
		len += snprintf(text + len, sizeof(text) - len, ",bucket=output:%zu",
				i + 1);
	ret = weft_group_from_str(g, text, WEFT_GROUP_OP_ADD, NULL, NULL, err,
				  sizeof(err));
	weft_tap_ok(ret < 0 && strstr(err, "too many buckets (at most 32)"),
		    "33 buckets refused: %s", err);

	/* Deleting: an id, group_id=N or all; no buckets. */
	ret = weft_group_from_str(g, "5", WEFT_GROUP_OP_DEL, NULL, NULL, err,
				  sizeof(err));
	weft_tap_ok(ret == 0 && g->id == 5, "del: a bare id");
	ret = weft_group_from_str(g, "group_id=all", WEFT_GROUP_OP_DEL, NULL,
				  NULL, err, sizeof(err));
	weft_tap_ok(ret == 0 && g->id == WEFT_GROUP_ALL, "del: group_id=all");
	ret = weft_group_from_str(g, "group_id=1,bucket=output:1",
				  WEFT_GROUP_OP_DEL, NULL, NULL, err, sizeof(err));
	weft_tap_ok(ret < 0, "del: buckets refused");
	weft_tap_str(err, "group del takes no buckets in \"group_id=1,bucket=output:1\"",
		     "del with buckets: message");
	ret = weft_group_from_str(g, "group_id=1,type=all", WEFT_GROUP_OP_DEL,
				  NULL, NULL, err, sizeof(err));
	weft_tap_str(ret < 0 ? err : "", "unknown group field \"type\" in \"type=all\"",
		     "del: no type");
	free(g);
}

/* A GROUP_GET reply as the kernel builds it. */
static struct nlmsghdr *reply(__u64 *buf)
{
	struct nlattr *g, *bs, *b, *a, *st;
	struct nlmsghdr *nlh;
	int i;

	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_GROUP_GET, 0);
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	g = mnl_attr_nest_start(nlh, WEFT_A_GROUP);
	mnl_attr_put_u32(nlh, WEFT_GROUP_A_ID, 7);
	mnl_attr_put_u32(nlh, WEFT_GROUP_A_TYPE, WEFT_GROUP_TYPE_SELECT);
	bs = mnl_attr_nest_start(nlh, WEFT_GROUP_A_BUCKETS);
	for (i = 0; i < 2; i++) {
		b = mnl_attr_nest_start(nlh, WEFT_GROUP_A_BUCKET);
		mnl_attr_put_u16(nlh, WEFT_BUCKET_A_WEIGHT, i ? 1 : 5);
		mnl_attr_put_u32(nlh, WEFT_BUCKET_A_WATCH_PORT, WEFT_PORT_ANY);
		mnl_attr_put_u32(nlh, WEFT_BUCKET_A_WATCH_GROUP, WEFT_GROUP_ANY);
		a = mnl_attr_nest_start(nlh, WEFT_BUCKET_A_ACTIONS);
		mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, i + 1);
		mnl_attr_nest_end(nlh, a);
		st = mnl_attr_nest_start(nlh, WEFT_BUCKET_A_STATS);
		mnl_attr_put(nlh, WEFT_GSTATS_A_PAD, 0, NULL);
		mnl_attr_put_u64(nlh, WEFT_GSTATS_A_PACKETS, 3 + i);
		mnl_attr_put_u64(nlh, WEFT_GSTATS_A_BYTES, 300 + i);
		mnl_attr_nest_end(nlh, st);
		mnl_attr_nest_end(nlh, b);
	}
	mnl_attr_nest_end(nlh, bs);
	st = mnl_attr_nest_start(nlh, WEFT_GROUP_A_STATS);
	mnl_attr_put_u64(nlh, WEFT_GSTATS_A_PACKETS, 7);
	mnl_attr_put_u64(nlh, WEFT_GSTATS_A_BYTES, 601);
	mnl_attr_put_u32(nlh, WEFT_GSTATS_A_REF_COUNT, 2);
	mnl_attr_put_u64(nlh, WEFT_GSTATS_A_DURATION, 12345);
	mnl_attr_nest_end(nlh, st);
	mnl_attr_nest_end(nlh, g);
	return nlh;
}

static char *capture(struct weft_group *g, bool json, bool stats)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	weft_print_init(fp, json, false);
	weft_print_open_array(NULL);
	weft_show_group(g, stats);
	weft_print_close_array();
	weft_print_finish();
	fclose(fp);
	return out;
}

static void test_reply(void)
{
	struct weft_group *g = malloc(sizeof(*g));
	__u64 *buf = calloc(1, 8192);
	struct nlmsghdr *nlh;
	char *s;
	int ret;

	nlh = reply(buf);
	ret = weft_group_msg_parse(nlh, g);
	weft_tap_ok(ret == 0 && g->id == 7 && g->n_buckets == 2 &&
		    g->buckets[0].weight == 5 && g->buckets[1].packets == 4 &&
		    g->packets == 7 && g->ref_count == 2 &&
		    g->duration_ms == 12345, "group reply with stats parsed");
	s = capture(g, false, false);
	weft_tap_str(s, " group_id=7,type=select,bucket=weight:5,actions=output:1,bucket=actions=output:2\n",
		     "group dump line");
	free(s);
	s = capture(g, false, true);
	weft_tap_str(s, " group_id=7,duration=12.345s,ref_count=2,packet_count=7,byte_count=601,"
		     "bucket0:packet_count=3,byte_count=300,bucket1:packet_count=4,byte_count=301\n",
		     "group stats line, as dump-group-stats");
	free(s);
	s = capture(g, true, false);
	weft_tap_ok(weft_test_json_valid(s) && strstr(s, "\"group_id\":7") &&
		    strstr(s, "\"type\":\"select\"") &&
		    strstr(s, "\"watch_port\":null") &&
		    strstr(s, "\"actions\":\"output:2\",\"n_packets\":4") &&
		    strstr(s, "\"ref_count\":2"), "group JSON: %s", s);
	free(s);

	/* Replies that are not well formed. */
	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_GROUP_GET, 0);
	weft_tap_ok(weft_group_msg_parse(nlh, g) == -EPROTO,
		    "group reply without WEFT_A_GROUP: -EPROTO");
	free(g);
	free(buf);
}

/* DEL and GET send the id alone. */
static void test_requests(void)
{
	const struct nlattr *top[WEFT_A_MAX + 1], *gt[WEFT_GROUP_A_MAX + 1];
	struct weft_group *g = malloc(sizeof(*g));
	__u64 *buf = calloc(1, 8192);
	struct nlmsghdr *nlh;
	char err[128];

	weft_group_from_str(g, "group_id=all", WEFT_GROUP_OP_DEL, NULL, NULL,
			    err, sizeof(err));
	nlh = weft_nl_msg_init(buf, 0x20, WEFT_CMD_GROUP_DEL, 0);
	weft_group_nl_put(nlh, 8192, g);
	weft_attr_parse_msg(nlh, top);
	weft_attr_parse_nested(top[WEFT_A_GROUP], &weft_attrs_group, gt);
	weft_tap_ok(gt[WEFT_GROUP_A_ID] &&
		    mnl_attr_get_u32(gt[WEFT_GROUP_A_ID]) == WEFT_GROUP_ALL &&
		    !gt[WEFT_GROUP_A_TYPE] && !gt[WEFT_GROUP_A_BUCKETS],
		    "group del all: WEFT_GROUP_ALL, nothing else");
	free(g);
	free(buf);
}

void weft_test_group(void)
{
	test_trips();
	test_errors();
	test_reply();
	test_requests();
}
