// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl stats [DP]: datapath and port counters; with no DP, every
 * datapath and the module's live object counts from debugfs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/weft.h>

#include "dp.h"
#include "print.h"
#include "show.h"
#include "util.h"
#include "weftctl.h"

#define OBJECTS_PATH	"/sys/kernel/debug/weft/objects"
#define MAX_OBJECTS	16

struct dp_stats {
	struct weft_dp_info dp;
	struct weft_ctl_vec ports;
};

struct object_count {
	char name[32];
	unsigned long long count;
};

static int dp_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dp_stats *s = weft_ctl_vec_add(data);

	if (!s)
		return -ENOMEM;
	weft_ctl_vec_init(&s->ports, sizeof(struct weft_port_info));
	return weft_dp_msg_parse(nlh, &s->dp);
}

static void free_dps(struct weft_ctl_vec *dps)
{
	size_t i;

	for (i = 0; i < dps->n; i++)
		weft_ctl_vec_free(&((struct dp_stats *)weft_ctl_vec_at(dps, i))->ports);
	weft_ctl_vec_free(dps);
}

/*
 * "NAME N" lines.  Only root can read debugfs, and the module may be built
 * without it: the counts are shown when they can be read, silently not
 * otherwise.
 */
static int read_objects(struct object_count *objs)
{
	FILE *fp = fopen(OBJECTS_PATH, "r");
	char line[128];
	int n = 0;

	if (!fp)
		return 0;
	while (n < MAX_OBJECTS && fgets(line, sizeof(line), fp)) {
		char num[32];

		if (sscanf(line, "%31s %31s", objs[n].name, num) != 2 ||
		    weft_parse_ull(num, strlen(num), ~0ULL, &objs[n].count))
			continue;
		n++;
	}
	fclose(fp);
	return n;
}

int weft_cmd_stats(int argc, char **argv)
{
	struct object_count objs[MAX_OBJECTS];
	const char *name = argc == 2 ? argv[1] : NULL;
	struct weft_ctl_vec dps;
	struct nlmsghdr *nlh;
	struct weft_nl *nl;
	int err, n_objs = 0;
	size_t i;

	if (argc > 2)
		return weft_ctl_usage("stats [DP]");
	if (name && !weft_dp_name_ok(name)) {
		weft_ctl_err("invalid datapath name \"%s\" (1 to %d bytes)",
			     name, IFNAMSIZ - 1);
		return WEFTCTL_EXIT_ERROR;
	}
	nl = weft_ctl_nl();
	if (!nl)
		return WEFTCTL_EXIT_ERROR;

	weft_ctl_vec_init(&dps, sizeof(struct dp_stats));
	nlh = weft_nl_req(nl, WEFT_CMD_DP_GET, 0);
	if (name) {
		weft_dp_put_name(nlh, WEFT_NL_REQ_SIZE, name);
		err = weft_nl_do(nl, nlh, dp_cb, &dps);
	} else {
		err = weft_nl_dump(nl, nlh, dp_cb, &dps);
	}
	if (err) {
		free_dps(&dps);
		return name ? weft_ctl_nl_err(err, "stats \"%s\"", name) :
			      weft_ctl_nl_err(err, "stats");
	}

	for (i = 0; i < dps.n; i++) {
		struct dp_stats *s = weft_ctl_vec_at(&dps, i);

		err = weft_ctl_get_ports(s->dp.name, &s->ports);
		/* Deleted since the datapath dump: it is simply gone. */
		if (err == -ENOENT && !name) {
			s->dp.name[0] = '\0';
			continue;
		}
		if (err) {
			weft_ctl_nl_err(err, "stats \"%s\"", s->dp.name);
			free_dps(&dps);
			return WEFTCTL_EXIT_ERROR;
		}
	}
	if (!name)
		n_objs = read_objects(objs);

	weft_print_open_object(NULL);
	weft_print_open_array("datapaths");
	for (i = 0; i < dps.n; i++) {
		const struct dp_stats *s = weft_ctl_vec_at(&dps, i);

		if (s->dp.name[0])
			weft_show_dp_stats(&s->dp, (const void *)s->ports.items,
					   s->ports.n);
	}
	weft_print_close_array();
	if (n_objs) {
		weft_print_open_object("objects");
		weft_print_fp("objects:");
		for (i = 0; i < (size_t)n_objs; i++) {
			weft_print_fp(" %s", objs[i].name);
			weft_print_u64(WEFT_PRINT_ANY, objs[i].name, " %llu",
				       objs[i].count);
		}
		weft_print_nl();
		weft_print_close_object();
	}
	weft_print_close_object();
	weft_print_finish();
	free_dps(&dps);
	return 0;
}
