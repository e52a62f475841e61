// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer, the text/JSON print layer and the object printers.
 * Every JSON document is also handed to python3's json module, the judge
 * of validity, and python checks the keys the team contract promises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <linux/weft.h>

#include "flow_text.h"
#include "json.h"
#include "print.h"
#include "show.h"
#include "tap.h"
#include "util.h"

static const char *python3(void)
{
	const char *p = getenv("PYTHON3");

	return p && *p ? p : "python3";
}

/*
 * Run python3 on @doc (its stdin) with @code, which must not contain single
 * quotes; true if it exits 0.
 */
static bool python_check(const char *doc, const char *code)
{
	char cmd[4096];
	FILE *fp;
	int status;

	snprintf(cmd, sizeof(cmd), "%s -c 'import json, sys\n%s'", python3(),
		 code);
	fp = popen(cmd, "w");
	if (!fp)
		return false;
	fputs(doc, fp);
	status = pclose(fp);
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool weft_test_json_valid(const char *doc)
{
	return python_check(doc, "json.load(sys.stdin)");
}

/* Capture what a function writes to a FILE. */
struct capture {
	char *buf;
	size_t len;
	FILE *fp;
};

static FILE *cap_start(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	return c->fp;
}

static char *cap_end(struct capture *c)
{
	fclose(c->fp);
	return c->buf;
}

static char *json_string(const char *s)
{
	struct capture c;

	weft_json_write_string(cap_start(&c), s);
	return cap_end(&c);
}

static void test_escaping(void)
{
	static const struct {
		const char *in, *out, *what;
	} cases[] = {
		{ "plain", "\"plain\"", "plain ASCII" },
		{ "", "\"\"", "empty string" },
		{ "a\"b\\c/d", "\"a\\\"b\\\\c/d\"", "quote and backslash" },
		{ "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"", "short escapes" },
		{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"", "other controls" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
		  "valid UTF-8 kept" },
		{ "a\xff\x62", "\"a\\ufffdb\"", "invalid byte replaced" },
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"", "overlong form replaced" },
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"",
		  "surrogate replaced" },
		{ "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
		  "above U+10FFFF replaced" },
		{ "x\xe2\x82", "\"x\\ufffd\\ufffd\"",
		  "truncated sequence replaced" },
	};
	char all[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *s = json_string(cases[i].in);

		weft_tap_str(s, cases[i].out, "escape: %s", cases[i].what);
		weft_tap_ok(weft_test_json_valid(s), "python parses: %s",
			    cases[i].what);
		free(s);
	}

	/* Every byte value: still one valid string, of the right text. */
	for (i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	{
		char *s = json_string(all);

		weft_tap_ok(weft_test_json_valid(s), "all 255 byte values: valid JSON");
		weft_tap_ok(python_check(s,
					 "s = json.load(sys.stdin)\n"
					 "assert len(s) == 255, len(s)\n"
					 "assert s[:127] == \"\".join(map(chr, range(1, 128)))\n"
					 "assert set(s[127:]) == {chr(0xfffd)}"),
			    "all 255 byte values: ASCII intact, the rest U+FFFD");
		free(s);
	}
}

static void build_doc(struct weft_json *j)
{
	weft_json_begin_object(j);
	weft_json_key(j, "a");
	weft_json_u64(j, 18446744073709551615ULL);
	weft_json_key(j, "b");
	weft_json_begin_array(j);
	weft_json_i64(j, -1);
	weft_json_string(j, "x\"y");
	weft_json_begin_object(j);
	weft_json_end_object(j);
	weft_json_end_array(j);
	weft_json_key(j, "c");
	weft_json_begin_object(j);
	weft_json_key(j, "d");
	weft_json_null(j);
	weft_json_key(j, "e");
	weft_json_bool(j, true);
	weft_json_key(j, "f");
	weft_json_bool(j, false);
	weft_json_end_object(j);
	weft_json_key(j, "g");
	weft_json_begin_array(j);
	weft_json_end_array(j);
	weft_json_end_object(j);
}

static void test_writer(void)
{
	struct capture c;
	struct weft_json j;
	char *s;

	weft_json_init(&j, cap_start(&c), false);
	build_doc(&j);
	s = cap_end(&c);
	weft_tap_str(s,
		     "{\"a\":18446744073709551615,\"b\":[-1,\"x\\\"y\",{}],\"c\":{\"d\":null,\"e\":true,\"f\":false},\"g\":[]}",
		     "compact document");
	weft_tap_ok(python_check(s,
				 "d = json.load(sys.stdin)\n"
				 "assert d == {\"a\": 2**64 - 1, \"b\": [-1, \"x\\\"y\", {}], \"c\": {\"d\": None, \"e\": True, \"f\": False}, \"g\": []}, d"),
		    "compact document: python reads the same values");
	free(s);

	weft_json_init(&j, cap_start(&c), true);
	build_doc(&j);
	s = cap_end(&c);
	weft_tap_str(s,
		     "{\n"
		     "    \"a\": 18446744073709551615,\n"
		     "    \"b\": [\n"
		     "        -1,\n"
		     "        \"x\\\"y\",\n"
		     "        {}\n"
		     "    ],\n"
		     "    \"c\": {\n"
		     "        \"d\": null,\n"
		     "        \"e\": true,\n"
		     "        \"f\": false\n"
		     "    },\n"
		     "    \"g\": []\n"
		     "}",
		     "pretty document");
	weft_tap_ok(weft_test_json_valid(s), "pretty document: valid JSON");
	free(s);
}

static void sample_objects(struct weft_dp_info *dp, struct weft_port_info *ports,
			   struct weft_flow *flows)
{
	char err[256];

	memset(dp, 0, sizeof(*dp));
	snprintf(dp->name, sizeof(dp->name), "dp0");
	dp->ifindex = 7;
	dp->n_ports = 2;
	dp->n_flows = 2;
	dp->upcall_pid = 42;
	dp->upcall_rate = 1000;
	dp->upcall_burst = 100;
	dp->stats = (struct weft_dp_stats){
		.lookups = 10, .hits = 8, .misses = 2, .upcalls = 3,
		.upcall_drop_rate = 4, .upcall_drop_queue = 5,
		.upcall_drop_no_listener = 6, .upcall_drop_nomem = 7,
		.port_drop = true, .upcall_drop_port = 8,
	};

	memset(ports, 0, 2 * sizeof(*ports));
	ports[0].port_no = 1;
	snprintf(ports[0].name, sizeof(ports[0].name), "veth0");
	ports[0].type = WEFT_PORT_TYPE_NETDEV;
	ports[0].ifindex = 9;
	memcpy(ports[0].address, "\x02\x00\x00\x00\x00\x01", 6);
	ports[0].mtu = 1500;
	ports[0].stats = (struct weft_port_stats){ 1, 2, 3, 4, 5, 6 };
	ports[1].port_no = WEFT_PORT_LOCAL;
	/* A netdev name need not be UTF-8 nor free of quotes. */
	snprintf(ports[1].name, sizeof(ports[1].name), "d\"p\xff");
	ports[1].type = WEFT_PORT_TYPE_INTERNAL;
	ports[1].ifindex = 7;
	ports[1].mtu = 1500;
	ports[1].state = WEFT_PORT_S_LINK_DOWN;
	ports[1].config = WEFT_PORT_C_NO_FLOOD | WEFT_PORT_C_NO_PACKET_IN;

	weft_flow_from_str(&flows[0],
			   "priority=100,ip,in_port=1,nw_dst=10.0.0.0/24,actions=output:2",
			   WEFT_FLOW_OP_ADD, false, NULL, NULL, err, sizeof(err));
	flows[0].duration_ms = 1234;
	flows[0].n_packets = 3;
	flows[0].n_bytes = 294;
	weft_flow_from_str(&flows[1],
			   "cookie=0x10,send_flow_rem,no_byte_counts,tcp,tp_dst=22,actions=drop",
			   WEFT_FLOW_OP_ADD, false, NULL, NULL, err, sizeof(err));
	flows[1].used_ms = 5;
	flows[1].attrs |= WEFT_BIT(WEFT_FLOW_A_USED);
}

static char *show_all(bool json, bool pretty, int what)
{
	struct weft_port_info ports[2];
	struct weft_flow flows[2];
	struct weft_dp_info dp;
	struct capture c;
	int i;

	sample_objects(&dp, ports, flows);
	weft_print_init(cap_start(&c), json, pretty);
	weft_print_open_array(NULL);
	for (i = 0; i < 2; i++) {
		if (what == 0 && i == 0)
			weft_show_dp(&dp);
		else if (what == 1)
			weft_show_port(&ports[i], false);
		else if (what == 2)
			weft_show_flow(&flows[i]);
		else if (what == 3 && i == 0)
			weft_show_dp_stats(&dp, ports, 2);
	}
	weft_print_close_array();
	weft_print_finish();
	return cap_end(&c);
}

static void test_show(void)
{
	static const char *const checks[] = {
		/* dp show */
		"d = json.load(sys.stdin)\n"
		"assert d == [{\"name\": \"dp0\", \"ifindex\": 7, \"n_ports\": 2, \"n_flows\": 2, "
		"\"upcall_pid\": 42, \"upcall_rate\": 1000, \"upcall_burst\": 100, "
		"\"stats\": {\"lookups\": 10, \"hits\": 8, \"misses\": 2, \"lost\": 0, "
		"\"upcalls\": 3, \"upcall_drop_rate\": 4, \"upcall_drop_queue\": 5, "
		"\"upcall_drop_no_listener\": 6, \"upcall_drop_nomem\": 7, "
		"\"upcall_drop_port\": 8}}], d",
		/* port show */
		"d = json.load(sys.stdin)\n"
		"assert d[0] == {\"port_no\": 1, \"name\": \"veth0\", \"type\": \"netdev\", "
		"\"ifindex\": 9, \"address\": \"02:00:00:00:00:01\", \"mtu\": 1500, \"state\": \"up\", "
		"\"config\": [], \"stats\": {\"rx_packets\": 1, \"rx_bytes\": 2, \"tx_packets\": 3, \"tx_bytes\": 4, "
		"\"rx_dropped\": 5, \"tx_dropped\": 6}}, d[0]\n"
		"assert d[1][\"port_no\"] == 0xfffffffe and d[1][\"state\"] == \"down\"\n"
		"assert d[1][\"config\"] == [\"no_flood\", \"no_packet_in\"], d[1]\n"
		"assert d[1][\"name\"] == \"d\\\"p\" + chr(0xfffd), d[1][\"name\"]",
		/* flow dump */
		"d = json.load(sys.stdin)\n"
		"assert d[0] == {\"table\": 0, \"priority\": 100, \"cookie\": 0, "
		"\"match\": {\"dl_type\": \"0x0800\", \"in_port\": \"1\", \"nw_dst\": \"10.0.0.0/24\"}, "
		"\"match_text\": \"priority=100,ip,in_port=1,nw_dst=10.0.0.0/24\", "
		"\"actions\": \"output:2\", \"flags\": [], \"n_packets\": 3, \"n_bytes\": 294, "
		"\"idle_timeout\": 0, \"hard_timeout\": 0, \"idle_age\": 1, "
		"\"duration_ms\": 1234, \"used_ms\": None}, d[0]\n"
		"assert d[1][\"match\"] == {\"dl_type\": \"0x0800\", \"nw_proto\": \"6\", \"tp_dst\": \"22\"}\n"
		"assert d[1][\"match_text\"] == \"tcp,tp_dst=22\"\n"
		"assert d[1][\"flags\"] == [\"send_flow_rem\", \"no_byte_counts\"]\n"
		"assert d[1][\"cookie\"] == 16 and d[1][\"priority\"] == 32768\n"
		"assert d[1][\"actions\"] == \"drop\" and d[1][\"used_ms\"] == 5",
		/* stats */
		"d = json.load(sys.stdin)\n"
		"assert d[0][\"name\"] == \"dp0\" and d[0][\"stats\"][\"hits\"] == 8\n"
		"assert [p[\"port_no\"] for p in d[0][\"ports\"]] == [1, 0xfffffffe]\n"
		"assert d[0][\"ports\"][0][\"stats\"][\"tx_dropped\"] == 6\n"
		"assert d[0][\"ports\"][0][\"mtu\"] == 1500",
	};
	static const char *const texts[] = {
		"dp0: ifindex 7 n_ports 2 n_flows 2\n"
		"    upcall_pid 42 upcall_rate 1000 upcall_burst 100\n"
		"    lookups 10 hits 8 misses 2 lost 0\n"
		"    upcalls 3 upcall_drop_rate 4 upcall_drop_queue 5 upcall_drop_no_listener 6 upcall_drop_nomem 7 upcall_drop_port 8\n",

		"1: veth0 type netdev ifindex 9 address 02:00:00:00:00:01 mtu 1500 state up\n"
		"    rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4 rx_dropped 5 tx_dropped 6\n"
		"LOCAL: d\"p\xff type internal ifindex 7 address 00:00:00:00:00:00 mtu 1500 state down config no_flood,no_packet_in\n"
		"    rx_packets 0 rx_bytes 0 tx_packets 0 tx_bytes 0 rx_dropped 0 tx_dropped 0\n",

		" cookie=0x0, duration=1.234s, table=0, n_packets=3, n_bytes=294, idle_age=1, priority=100,ip,in_port=1,nw_dst=10.0.0.0/24 actions=output:2\n"
		" cookie=0x10, duration=0s, table=0, n_packets=0, n_bytes=0, send_flow_rem no_byte_counts idle_age=0, tcp,tp_dst=22 actions=drop\n",

		"dp0: ifindex 7 n_ports 2 n_flows 2\n"
		"    upcall_pid 42 upcall_rate 1000 upcall_burst 100\n"
		"    lookups 10 hits 8 misses 2 lost 0\n"
		"    upcalls 3 upcall_drop_rate 4 upcall_drop_queue 5 upcall_drop_no_listener 6 upcall_drop_nomem 7 upcall_drop_port 8\n"
		"    port 1 (veth0): rx_packets 1 rx_bytes 2 tx_packets 3 tx_bytes 4 rx_dropped 5 tx_dropped 6\n"
		"    port LOCAL (d\"p\xff): rx_packets 0 rx_bytes 0 tx_packets 0 tx_bytes 0 rx_dropped 0 tx_dropped 0\n",
	};
	static const char *const names[] = { "dp", "port", "flow", "stats" };
	int what;

	for (what = 0; what < 4; what++) {
		char *s = show_all(false, false, what);

		weft_tap_str(s, texts[what], "%s: text output", names[what]);
		free(s);

		s = show_all(true, false, what);
		weft_tap_ok(python_check(s, checks[what]),
			    "%s: JSON has the contract's keys and values", names[what]);
		weft_tap_ok(strchr(s, '\n') == s + strlen(s) - 1,
			    "%s: compact JSON is one line", names[what]);
		free(s);

		s = show_all(true, true, what);
		weft_tap_ok(python_check(s, checks[what]),
			    "%s: pretty JSON has the same content", names[what]);
		free(s);
	}
}

static void test_print_modes(void)
{
	struct capture c;
	char *s;

	weft_print_init(cap_start(&c), false, false);
	weft_print_uint(WEFT_PRINT_ANY, "rx_packets", "rx_packets %u ", 5);
	weft_print_uint(WEFT_PRINT_JSON, "hidden", "hidden %u ", 6);
	weft_print_string(WEFT_PRINT_FP, NULL, "[%s]", "text-only");
	weft_print_null(WEFT_PRINT_ANY, "used", " used %s", "never");
	weft_print_bool(WEFT_PRINT_ANY, "up", " up %s", true);
	weft_print_nl();
	weft_print_finish();
	s = cap_end(&c);
	weft_tap_str(s, "rx_packets 5 [text-only] used never up true\n",
		     "print: text mode uses formats, skips JSON-only values");
	free(s);

	weft_print_init(cap_start(&c), true, false);
	weft_print_open_object(NULL);
	weft_print_uint(WEFT_PRINT_ANY, "rx_packets", "rx_packets %u ", 5);
	weft_print_uint(WEFT_PRINT_JSON, "hidden", "hidden %u ", 6);
	weft_print_string(WEFT_PRINT_FP, NULL, "[%s]", "text-only");
	weft_print_null(WEFT_PRINT_ANY, "used", " used %s", "never");
	weft_print_bool(WEFT_PRINT_ANY, "up", " up %s", true);
	weft_print_fp("not in json");
	weft_print_nl();
	weft_print_close_object();
	weft_print_finish();
	s = cap_end(&c);
	weft_tap_str(s, "{\"rx_packets\":5,\"hidden\":6,\"used\":null,\"up\":true}\n",
		     "print: JSON mode uses keys, skips text-only output");
	free(s);
}

void weft_test_json(void)
{
	test_escaping();
	test_writer();
	test_print_modes();
	test_show();
}
