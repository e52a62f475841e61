// SPDX-License-Identifier: GPL-2.0
/*
 * refcls, the reference classifier: a fixed case whose traces were worked
 * out by hand, the cases it must refuse, and the program itself ($REFCLS):
 * the same answers as the library, random cases that are reproducible and
 * readable back.
 *
 * The fixed case, packet by packet:
 *  1. 10.0.0.5 from port 1: table 0 picks priority 20 (the /24) over 10,
 *     writes metadata 1, goes to 1; there metadata=1 sets reg0=7 and
 *     writes output:3, goes to 3; reg0=7 (priority 1; priority 2 wants
 *     port 2) outputs to 2; then the action set outputs to 3.
 *  2. 10.1.0.5: priority 10 only, to table 1, which misses and continues
 *     to table 2, whose miss goes to the controller; the (empty) action
 *     set is not run.
 *  3. 10.0.0.9 from port 2: as 1, but table 3's priority 2 matches: out
 *     the ingress port (IN_PORT is allowed), and clear_actions empties the
 *     set, so no output:3.
 *  4. ARP from port 3: FLOOD, every port but 3, then LOCAL.
 *  5. No Ethernet type: nothing in table 0 matches, which drops.
 *  6. UDP from port 2: output:2 is the ingress port (dropped), output:4
 *     does not exist (dropped), output:1 goes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "print.h"
#include "refcls.h"
#include "show.h"
#include "tap.h"
#include "util.h"

static const char *const case_lines[] = {
	"# a fixed example",
	"ports 1 2 3",
	"table 1 miss=continue",
	"table 2 miss=controller",
	"flow table=0,priority=10,ip,actions=goto_table:1",
	"flow table=0,priority=20,ip,nw_src=10.0.0.0/24,actions=write_metadata:0x1/0xff,goto_table:1",
	"flow table=0,priority=5,arp,actions=flood",
	"flow table=0,priority=30,udp,actions=output:2,output:1,output:4",
	"flow table=1,priority=10,metadata=0x1,actions=set_field:0x7->reg0,write_actions(output:3),goto_table:3",
	"flow table=3,priority=1,reg0=7,actions=output:2",
	"flow table=3,priority=2,reg0=7,in_port=2,actions=in_port,clear_actions",
	"packet in_port=1,ip,nw_src=10.0.0.5",
	"packet in_port=1,ip,nw_src=10.1.0.5",
	"packet in_port=2,ip,nw_src=10.0.0.9",
	"packet in_port=3,arp",
	"packet in_port=1",
	"packet in_port=2,udp,tp_dst=53",
};

/* Worked out by hand from the OpenFlow rules; see the comments above. */
static const char *const want[] = {
	"{\"steps\":[{\"table\":0,\"flow\":\"priority=20,ip,nw_src=10.0.0.0/24 act"
	"ions=write_metadata:0x1/0xff,goto_table:1\",\"cookie\":0},{\"table\":1,"
	"\"flow\":\"priority=10,metadata=0x1 actions=set_field:0x7->reg0,write"
	"_actions(output:3),goto_table:3\",\"cookie\":0},{\"table\":3,\"flow\":\"pr"
	"iority=1,reg0=0x7 actions=output:2\",\"cookie\":0}],\"final_flow\":\"ip,"
	"reg0=0x7,metadata=0x1,in_port=1,vlan_tci=0x0000,dl_src=00:00:00:00"
	":00:00,dl_dst=00:00:00:00:00:00,nw_src=10.0.0.5,nw_dst=0.0.0.0,nw_"
	"proto=0,nw_tos=0,nw_ecn=0,nw_frag=no\",\"action_set\":\"output:3\",\"out"
	"puts\":[\"2\",\"3\"],\"datapath_actions\":\"output 2, output 3\",\"dropped\":"
	"false}",
	"{\"steps\":[{\"table\":0,\"flow\":\"priority=10,ip actions=goto_table:1\","
	"\"cookie\":0},{\"table\":1,\"miss\":\"continue\"},{\"table\":2,\"miss\":\"contr"
	"oller\"}],\"final_flow\":\"ip,in_port=1,vlan_tci=0x0000,dl_src=00:00:0"
	"0:00:00:00,dl_dst=00:00:00:00:00:00,nw_src=10.1.0.5,nw_dst=0.0.0.0"
	",nw_proto=0,nw_tos=0,nw_ecn=0,nw_frag=no\",\"action_set\":\"\",\"outputs"
	"\":[\"CONTROLLER\"],\"datapath_actions\":\"controller\",\"dropped\":false}",
	"{\"steps\":[{\"table\":0,\"flow\":\"priority=20,ip,nw_src=10.0.0.0/24 act"
	"ions=write_metadata:0x1/0xff,goto_table:1\",\"cookie\":0},{\"table\":1,"
	"\"flow\":\"priority=10,metadata=0x1 actions=set_field:0x7->reg0,write"
	"_actions(output:3),goto_table:3\",\"cookie\":0},{\"table\":3,\"flow\":\"pr"
	"iority=2,reg0=0x7,in_port=2 actions=IN_PORT,clear_actions\",\"cookie"
	"\":0}],\"final_flow\":\"ip,reg0=0x7,metadata=0x1,in_port=2,vlan_tci=0x"
	"0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,nw_src=10.0"
	".0.9,nw_dst=0.0.0.0,nw_proto=0,nw_tos=0,nw_ecn=0,nw_frag=no\",\"acti"
	"on_set\":\"\",\"outputs\":[\"2\"],\"datapath_actions\":\"output 2\",\"dropped\""
	":false}",
	"{\"steps\":[{\"table\":0,\"flow\":\"priority=5,arp actions=FLOOD\",\"cookie"
	"\":0}],\"final_flow\":\"arp,in_port=3,vlan_tci=0x0000,dl_src=00:00:00:"
	"00:00:00,dl_dst=00:00:00:00:00:00,arp_spa=0.0.0.0,arp_tpa=0.0.0.0,"
	"arp_op=0,arp_sha=00:00:00:00:00:00,arp_tha=00:00:00:00:00:00\",\"act"
	"ion_set\":\"\",\"outputs\":[\"1\",\"2\",\"LOCAL\"],\"datapath_actions\":\"output"
	" 1, output 2, output LOCAL\",\"dropped\":false}",
	"{\"steps\":[{\"table\":0,\"miss\":\"drop\"}],\"final_flow\":\"in_port=1,vlan_"
	"tci=0x0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,dl_ty"
	"pe=0x0000\",\"action_set\":\"\",\"outputs\":[],\"datapath_actions\":\"drop\","
	"\"dropped\":false}",
	"{\"steps\":[{\"table\":0,\"flow\":\"priority=30,udp actions=output:2,outp"
	"ut:1,output:4\",\"cookie\":0}],\"final_flow\":\"udp,in_port=2,vlan_tci=0"
	"x0000,dl_src=00:00:00:00:00:00,dl_dst=00:00:00:00:00:00,nw_src=0.0"
	".0.0,nw_dst=0.0.0.0,nw_tos=0,nw_ecn=0,nw_frag=no,tp_src=0,tp_dst=5"
	"3\",\"action_set\":\"\",\"outputs\":[\"1\"],\"datapath_actions\":\"output 1\",\""
	"dropped\":false}",
};

static char *trace_json(const struct refcls_case *c, size_t i, char *err,
			size_t errlen)
{
	struct weft_trace *t = malloc(sizeof(*t));
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (!t || weft_refcls_trace(c, &c->packets[i], t, err, errlen)) {
		free(t);
		return NULL;
	}
	fp = open_memstream(&out, &len);
	weft_print_init(fp, true, false);
	weft_show_trace(t);
	weft_print_finish();
	fclose(fp);
	free(t);
	return out;
}

static void test_fixed_case(void)
{
	struct refcls_case c;
	char err[512], line[2048];
	size_t i;
	int ret = 0;

	weft_refcls_init(&c);
	for (i = 0; !ret && i < ARRAY_SIZE(case_lines); i++)
		if (case_lines[i][0] != '#')
			ret = weft_refcls_add_line(&c, case_lines[i], err,
						   sizeof(err));
	if (!weft_tap_ok(ret == 0 && c.n_packets == ARRAY_SIZE(want),
			 "refcls: fixed case read (%s)", ret ? err : "ok")) {
		weft_refcls_free(&c);
		return;
	}
	for (i = 0; i < c.n_packets; i++) {
		char *got = trace_json(&c, i, err, sizeof(err));

		snprintf(line, sizeof(line), "%s\n", want[i]);
		weft_tap_str(got ? got : err, line, "refcls: packet %zu", i + 1);
		weft_tap_ok(got && weft_test_json_valid(got),
			    "refcls: packet %zu is valid JSON", i + 1);
		free(got);
	}
	weft_refcls_free(&c);
}

/* What refcls refuses rather than guess. */
static void test_refusals(void)
{
	static const struct {
		const char *lines[4];
		const char *msg;
	} cases[] = {
		{ { "flow priority=5,ip,actions=output:1",
		    "flow priority=5,ip,nw_src=1.0.0.0/8,actions=output:2",
		    "packet ip,nw_src=1.2.3.4" },
		  "two flows of priority 5 in table 0 match the packet: ambiguous" },
		{ { "flow actions=group:1", "packet in_port=1" },
		  "refcls does not model action type 3" },
		{ { "flow ip,actions=mod_nw_src:1.2.3.4", "packet ip" },
		  "refcls does not model action type 4" },
		{ { "flow actions=write_actions(push_vlan:0x8100),goto_table:1",
		    "packet ip" },
		  "refcls does not model action type 5 in an action set" },
	};
	struct refcls_case c;
	char err[256];
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got;
		int ret = 0;

		weft_refcls_init(&c);
		for (j = 0; !ret && cases[i].lines[j]; j++)
			ret = weft_refcls_add_line(&c, cases[i].lines[j], err,
						   sizeof(err));
		got = ret ? NULL : trace_json(&c, 0, err, sizeof(err));
		weft_tap_ok(!ret && !got, "refcls refuses case %zu", i + 1);
		weft_tap_str(err, cases[i].msg, "refcls: why case %zu", i + 1);
		free(got);
		weft_refcls_free(&c);
	}

	/* The same flow twice: the later replaces the earlier, as in OpenFlow. */
	weft_refcls_init(&c);
	weft_refcls_add_line(&c, "flow priority=5,ip,actions=output:1", err,
			     sizeof(err));
	weft_refcls_add_line(&c, "flow priority=5,ip,actions=output:2", err,
			     sizeof(err));
	weft_tap_ok(c.n_flows == 1 && c.flows[0].insts.apply.a[0].arg == 2,
		    "refcls: an identical flow replaces the earlier one");
	weft_tap_ok(weft_refcls_add_line(&c, "table 255 miss=drop", err,
					 sizeof(err)) < 0 &&
		    weft_refcls_add_line(&c, "bogus", err, sizeof(err)) < 0 &&
		    weft_refcls_add_line(&c, "flow ip,actions=output:foo", err,
					 sizeof(err)) < 0,
		    "refcls: bad lines refused");
	weft_refcls_free(&c);
}

/* Run $REFCLS with @args; its stdout in @out (malloc'd). */
static int run_refcls(const char *const *args, char **out)
{
	const char *prog = getenv("REFCLS");
	char cmd[1024], *buf = NULL;
	size_t len = 0, cap = 0;
	int status, i;
	FILE *fp;

	if (!prog || !*prog)
		prog = "tests/build/refcls";
	snprintf(cmd, sizeof(cmd), "%s", prog);
	for (i = 0; args[i]; i++)
		snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " %s",
			 args[i]);
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " 2>/dev/null");
	fflush(stdout);
	fp = popen(cmd, "r");
	if (!fp)
		return -1;
	for (;;) {
		if (len + 4096 > cap) {
			char *n = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!n)
				break;
			buf = n;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, fp);

		if (!got)
			break;
		len += got;
	}
	if (buf)
		buf[len] = '\0';
	*out = buf;
	status = pclose(fp);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_program(void)
{
	char path[] = "/tmp/weft-refcls-XXXXXX", *out = NULL, *again = NULL;
	char *expect;
	size_t i, len = 0;
	int fd, ret;
	FILE *fp;

	fd = mkstemp(path);
	fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!weft_tap_ok(fp != NULL, "refcls: case file"))
		return;
	for (i = 0; i < ARRAY_SIZE(case_lines); i++)
		fprintf(fp, "%s\n", case_lines[i]);
	fclose(fp);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		len += strlen(want[i]) + 1;
	expect = calloc(1, len + 1);
	for (i = 0; expect && i < ARRAY_SIZE(want); i++)
		sprintf(expect + strlen(expect), "%s\n", want[i]);
	ret = run_refcls((const char *const[]){ path, NULL }, &out);
	weft_tap_ok(ret == 0, "refcls CASE: exit 0");
	weft_tap_str(out, expect, "refcls CASE: one line per packet, as weftctl -j trace");
	free(out);
	free(expect);

	ret = run_refcls((const char *const[]){ "--random", "11", "30", NULL }, &out);
	weft_tap_ok(ret == 0 && out && strstr(out, "\nflow table=") &&
		    strstr(out, "\npacket in_port="), "refcls --random: a case");
	ret = run_refcls((const char *const[]){ "--random", "11", "30", NULL }, &again);
	weft_tap_ok(ret == 0 && out && again && !strcmp(out, again),
		    "refcls --random: the same seed gives the same case");
	fp = fopen(path, "w");
	if (fp && out) {
		fputs(out, fp);
		fclose(fp);
	}
	free(out);
	free(again);
	ret = run_refcls((const char *const[]){ path, NULL }, &out);
	len = 0;
	for (i = 0; out && out[i]; i++)
		len += out[i] == '\n';
	weft_tap_ok(ret == 0 && len == 30,
		    "refcls reads its random case back: 30 traces (%zu)", len);
	free(out);

	ret = run_refcls((const char *const[]){ "--random", "x", "1", NULL }, &out);
	weft_tap_ok(ret == 2, "refcls: bad seed is a usage error");
	free(out);
	ret = run_refcls((const char *const[]){ "/nonexistent/case", NULL }, &out);
	weft_tap_ok(ret == 1, "refcls: missing case file, exit 1");
	free(out);
	unlink(path);
}

void weft_test_refcls(void)
{
	test_fixed_case();
	test_refusals();
	test_program();
}
