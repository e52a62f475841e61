// SPDX-License-Identifier: GPL-2.0
/*
 * Tables, groups and traces in text or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "port.h"
#include "print.h"
#include "show.h"
#include "util.h"

static bool same_table(const struct weft_table_info *a,
		       const struct weft_table_info *b)
{
	return a->miss == b->miss && a->miss_max_len == b->miss_max_len &&
	       a->n_flows == b->n_flows && a->lookups == b->lookups &&
	       a->matches == b->matches;
}

static void show_table(const struct weft_table_info *t)
{
	const char *miss = weft_table_miss_name(t->miss);

	weft_print_open_object(NULL);
	weft_print_uint(WEFT_PRINT_ANY, "table_id", "  table %u:\n", t->id);
	weft_print_uint(WEFT_PRINT_ANY, "n_flows", "    active=%u", t->n_flows);
	weft_print_u64(WEFT_PRINT_ANY, "lookups", ", lookup=%llu", t->lookups);
	weft_print_u64(WEFT_PRINT_ANY, "matches", ", matched=%llu\n",
		       t->matches);
	weft_print_string(WEFT_PRINT_ANY, "miss", "    miss=%s",
			  miss ? miss : "unknown");
	weft_print_uint(WEFT_PRINT_ANY, "miss_max_len", ", miss_max_len=%u\n",
			t->miss_max_len);
	weft_print_close_object();
}

void weft_show_tables(const struct weft_table_info *t, size_t n)
{
	size_t i, j;

	weft_print_open_array(NULL);
	for (i = 0; i < n; i = j) {
		show_table(&t[i]);
		/* ovs-ofctl folds tables that repeat the one before. */
		for (j = i + 1; j < n && same_table(&t[i], &t[j]); j++)
			if (weft_print_is_json())
				show_table(&t[j]);
		if (j == i + 2)
			weft_print_fp("  table %u: ditto\n", t[i + 1].id);
		else if (j > i + 2)
			weft_print_fp("  tables %u...%u: ditto\n", t[i + 1].id,
				      t[j - 1].id);
	}
	weft_print_close_array();
}

void weft_show_group(const struct weft_group *g, bool stats)
{
	const char *type = weft_group_type_name(g->type);
	char text[16384], actions[8192];
	unsigned int i;

	if (stats)
		weft_group_format_stats(g, text, sizeof(text));
	else
		weft_group_format(g, text, sizeof(text));
	weft_print_fp(" %s\n", text);
	if (!weft_print_is_json())
		return;

	weft_print_open_object(NULL);
	weft_print_uint(WEFT_PRINT_JSON, "group_id", NULL, g->id);
	weft_print_string(WEFT_PRINT_JSON, "type", NULL, type ? type : "unknown");
	weft_print_open_array("buckets");
	for (i = 0; i < g->n_buckets; i++) {
		const struct weft_bucket *b = &g->buckets[i];

		weft_print_open_object(NULL);
		weft_print_uint(WEFT_PRINT_JSON, "weight", NULL, b->weight);
		if (b->watch_port == WEFT_PORT_ANY) {
			weft_print_null(WEFT_PRINT_JSON, "watch_port", NULL, NULL);
		} else {
			char port[16];

			weft_port_no_format(b->watch_port, port, sizeof(port));
			weft_print_string(WEFT_PRINT_JSON, "watch_port", NULL,
					  port);
		}
		if (b->watch_group == WEFT_GROUP_ANY)
			weft_print_null(WEFT_PRINT_JSON, "watch_group", NULL, NULL);
		else
			weft_print_uint(WEFT_PRINT_JSON, "watch_group", NULL,
					b->watch_group);
		weft_actions_format(&b->actions, actions, sizeof(actions));
		weft_print_string(WEFT_PRINT_JSON, "actions", NULL, actions);
		weft_print_u64(WEFT_PRINT_JSON, "n_packets", NULL, b->packets);
		weft_print_u64(WEFT_PRINT_JSON, "n_bytes", NULL, b->bytes);
		weft_print_close_object();
	}
	weft_print_close_array();
	weft_print_uint(WEFT_PRINT_JSON, "ref_count", NULL, g->ref_count);
	weft_print_u64(WEFT_PRINT_JSON, "n_packets", NULL, g->packets);
	weft_print_u64(WEFT_PRINT_JSON, "n_bytes", NULL, g->bytes);
	weft_print_u64(WEFT_PRINT_JSON, "duration_ms", NULL, g->duration_ms);
	weft_print_string(WEFT_PRINT_JSON, "text", NULL, text);
	weft_print_close_object();
}

/* "output 2, output LOCAL, controller" or "drop". */
static void datapath_actions(const struct weft_trace *t, char *buf, size_t len)
{
	struct weft_sbuf sb;
	char port[16];
	unsigned int i;

	weft_sb_init(&sb, buf, len);
	for (i = 0; i < t->n_out; i++) {
		if (i)
			weft_sb_printf(&sb, ", ");
		if (t->out[i] == WEFT_PORT_CONTROLLER) {
			weft_sb_printf(&sb, "controller");
			continue;
		}
		weft_port_no_format(t->out[i], port, sizeof(port));
		weft_sb_printf(&sb, "output %s", port);
	}
	if (!t->n_out)
		weft_sb_printf(&sb, "drop");
}

static void show_step(const struct weft_trace_step *s)
{
	char match[4096], actions[8192], text[12300];
	const char *miss;

	weft_print_open_object(NULL);
	weft_print_uint(WEFT_PRINT_ANY, "table", "table %u: ", s->table);
	if (s->miss) {
		miss = weft_table_miss_name(s->miss_kind);
		weft_print_string(WEFT_PRINT_ANY, "miss", "miss -> %s\n",
				  miss ? miss : "unknown");
		weft_print_close_object();
		return;
	}
	weft_flow_format_match(&s->flow, match, sizeof(match));
	weft_flow_format_actions(&s->flow, actions, sizeof(actions));
	snprintf(text, sizeof(text), "%s%sactions=%s", match,
		 match[0] ? " " : "", actions);
	if (s->flow.cookie)
		weft_print_fp("cookie=0x%llx ",
			      (unsigned long long)s->flow.cookie);
	weft_print_string(WEFT_PRINT_ANY, "flow", "%s\n", text);
	weft_print_u64(WEFT_PRINT_JSON, "cookie", NULL, s->flow.cookie);
	weft_print_close_object();
}

void weft_show_trace(const struct weft_trace *t)
{
	char *key = malloc(4096), *set = malloc(8192), *dp = malloc(2048);
	struct weft_match final = t->key;
	char port[16];
	unsigned int i;

	if (!key || !set || !dp)
		goto out;
	/* Every weft port is its own physical port: no news in the key. */
	if (weft_match_has(&final, WEFT_KEY_A_IN_PHY_PORT) &&
	    final.key.in_phy_port == final.key.in_port)
		weft_match_clear(&final, WEFT_KEY_A_IN_PHY_PORT);
	weft_match_format(&final, key, 4096);
	if (t->action_set.n)
		weft_actions_format(&t->action_set, set, 8192);
	else
		set[0] = '\0';
	datapath_actions(t, dp, 2048);

	weft_print_open_object(NULL);
	weft_print_open_array("steps");
	for (i = 0; i < t->n_steps; i++)
		show_step(&t->steps[i]);
	weft_print_close_array();
	weft_print_string(WEFT_PRINT_ANY, "final_flow", "Final flow: %s\n", key);
	weft_print_string(WEFT_PRINT_JSON, "action_set", NULL, set);
	weft_print_fp("Action set: %s\n", set[0] ? set : "(empty)");
	weft_print_open_array("outputs");
	for (i = 0; i < t->n_out; i++) {
		weft_port_no_format(t->out[i], port, sizeof(port));
		weft_print_string(WEFT_PRINT_JSON, NULL, NULL, port);
	}
	weft_print_close_array();
	weft_print_string(WEFT_PRINT_ANY, "datapath_actions",
			  "Datapath actions: %s\n", dp);
	weft_print_bool(WEFT_PRINT_JSON, "dropped", NULL, t->dropped);
	if (t->dropped)
		weft_print_fp("The packet was dropped on the way.\n");
	weft_print_close_object();
out:
	free(key);
	free(set);
	free(dp);
}
