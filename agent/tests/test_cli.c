// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl's command line, run as a program: usage errors exit 2, bad values
 * exit 1 quoting the value, and nothing needs the kernel until the command
 * is known to be well-formed.  $WEFTCTL names the (sanitized) binary.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "proc.h"
#include "tap.h"

/* Run weftctl with @args (NULL-terminated), stdin from @input if given. */
static void run(struct weft_test_proc *r, const char *input,
		const char *const *args)
{
	const char *prog = getenv("WEFTCTL");

	weft_test_run(r, prog && *prog ? prog : "tests/build/weftctl", input,
		      args);
}

#define RUN(r, ...) run(r, NULL, (const char *const[]){ __VA_ARGS__, NULL })

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* A bad command: exit @status and exactly @msg (plus newline) first. */
static void expect_error(int status, const char *msg, const char *const *args,
			 const char *input)
{
	struct weft_test_proc r;
	char want[1024], what[512] = "";
	int i;

	for (i = 0; args[i]; i++)
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
			 "%s%s", i ? " " : "", args[i]);
	run(&r, input, args);
	snprintf(want, sizeof(want), "%s\n", msg);
	weft_tap_ok(r.status == status, "weftctl %s: exit %d (%d)", what,
		    status, r.status);
	weft_tap_ok(starts(r.err, want) && !r.out[0],
		    "weftctl %s: says %s", what, msg);
	if (!starts(r.err, want))
		weft_tap_diag("stderr: %s", r.err);
}

#define ERR(status, msg, ...) \
	expect_error(status, msg, (const char *const[]){ __VA_ARGS__, NULL }, NULL)

/*
 * 10,000 lines are parsed in two parts at once: the error reported is
 * still the file's first, whichever part it is in.
 */
static void test_big_file_errors(void)
{
	static const unsigned int bad[][2] = {
		{ 100, 9000 },	/* one in each part: the first part's */
		{ 0, 9000 },	/* only in the second part */
		{ 5001, 0 },	/* the second part's first line */
	};
	const size_t n = 10000, line_max = 64;
	char *in = malloc(n * line_max + 1), want[128];
	unsigned int i, j;

	if (!in)
		abort();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = in;

		for (j = 1; j <= n; j++) {
			if (j == bad[i][0] || j == bad[i][1])
				p += sprintf(p, "ip,nw_dst=10.0.%u.300,actions=drop\n",
					     j % 256);
			else
				p += sprintf(p, "ip,nw_dst=10.%u.%u.1,actions=output:2\n",
					     j / 256, j % 256);
		}
		j = bad[i][0] ? bad[i][0] : bad[i][1];
		snprintf(want, sizeof(want),
			 "weftctl: <stdin>:%u: invalid IPv4 address \"10.0.%u.300\" in \"nw_dst=10.0.%u.300\"",
			 j, j % 256, j % 256);
		expect_error(1, want,
			     (const char *const[]){ "flow", "add", "dp0", "-", NULL },
			     in);
	}
	free(in);
}

static void test_usage(void)
{
	struct weft_test_proc r;

	RUN(&r, "help");
	weft_tap_ok(r.status == 0 && starts(r.out, "Usage: weftctl [-j|--json]") &&
		    strstr(r.out, "flow add DP [--excl] FLOW") && !r.err[0],
		    "weftctl help: usage on stdout, exit 0");
	RUN(&r, "--help");
	weft_tap_ok(r.status == 0 && starts(r.out, "Usage: weftctl"),
		    "weftctl --help: exit 0");
	run(&r, NULL, (const char *const[]){ NULL });
	weft_tap_ok(r.status == 2 && starts(r.err, "Usage: weftctl") && !r.out[0],
		    "weftctl alone: usage on stderr, exit 2");
	RUN(&r, "dp", "help");
	weft_tap_ok(r.status == 0 && starts(r.out, "Usage: weftctl dp add|del NAME"),
		    "weftctl dp help: exit 0");

	ERR(2, "weftctl: unknown command \"bogus\"", "bogus");
	ERR(2, "weftctl: unknown option \"-x\"", "-x", "dp", "show");
	ERR(2, "weftctl: option \"-n\" needs a namespace name", "-n");
	ERR(1, "weftctl: invalid network namespace name \"../x\"", "-n", "../x",
	    "dp", "show");
	ERR(1, "weftctl: invalid network namespace name \"\"", "--netns=", "dp",
	    "show");
	ERR(1, "weftctl: network namespace \"weft-no-such-ns\": No such file or directory",
	    "-n", "weft-no-such-ns", "dp", "show");
	ERR(2, "Usage: weftctl dp add|del NAME | dp set DP [upcall_rate=N] [upcall_burst=N] [upcall_pid=N] | dp show [NAME]",
	    "dp");
	ERR(2, "weftctl: unknown dp command \"frob\"", "dp", "frob");
	ERR(2, "Usage: weftctl dp add NAME", "dp", "add");
	ERR(2, "Usage: weftctl dp del NAME", "dp", "del", "a", "b");
	ERR(2, "Usage: weftctl dp show [NAME]", "dp", "show", "a", "b");
	ERR(2, "Usage: weftctl port show DP [PORT]", "port", "show");
	ERR(2, "weftctl: unknown argument \"color\"", "port", "add", "dp0",
	    "veth0", "color", "red");
	ERR(2, "weftctl: missing value after \"type\"", "port", "add", "dp0",
	    "veth0", "type");
	ERR(2, "Usage: weftctl flow mod DP FLOW [--strict]", "flow", "mod",
	    "dp0");
	ERR(2, "weftctl: unknown option \"--bogus\"", "flow", "mod", "dp0",
	    "--bogus", "actions=drop");
	ERR(2, "weftctl: unknown argument \"foo\"", "flow", "dump", "dp0", "foo");
	ERR(2, "Usage: weftctl flow flush DP", "flow", "flush");
	ERR(2, "Usage: weftctl flow add DP [--excl] FLOW|-|--file FILE [--timing]",
	    "flow", "add", "dp0", "--excl");
	ERR(2, "Usage: weftctl flow add DP [--excl] FLOW|-|--file FILE [--timing]",
	    "flow", "add", "dp0", "-", "ip,actions=drop");
	/* The timing is of a file's parse and requests: one flow has none. */
	ERR(2, "Usage: weftctl flow add DP [--excl] FLOW|-|--file FILE [--timing]",
	    "flow", "add", "dp0", "--timing", "ip,actions=drop");
	ERR(2, "weftctl: missing file name after \"--file\"", "flow", "add",
	    "dp0", "--file");
	ERR(2, "weftctl: unknown option \"--strict\"", "flow", "add", "dp0",
	    "--strict", "actions=drop");
	ERR(2, "weftctl: unknown option \"--excl\"", "flow", "del", "dp0",
	    "--excl");
	ERR(2, "Usage: weftctl stats [DP]", "stats", "a", "b");
}

static void test_bad_values(void)
{
	ERR(1, "weftctl: invalid datapath name \"0123456789abcdef\" (1 to 15 bytes)",
	    "dp", "add", "0123456789abcdef");
	ERR(1, "weftctl: invalid datapath name \"\" (1 to 15 bytes)",
	    "dp", "del", "");
	ERR(1, "weftctl: invalid port type \"bogus\" (netdev or internal)",
	    "port", "add", "dp0", "veth0", "type", "bogus");
	ERR(1, "weftctl: invalid port number \"0\" (1 to 65279)",
	    "port", "add", "dp0", "veth0", "port_no", "0");
	ERR(1, "weftctl: invalid port number \"65280\" (1 to 65279)",
	    "port", "add", "dp0", "veth0", "port_no", "65280");
	ERR(1, "weftctl: invalid device name \"0123456789abcdef\" (1 to 15 bytes)",
	    "port", "add", "dp0", "0123456789abcdef");
	ERR(1, "weftctl: invalid port \"0\"", "port", "del", "dp0", "0");
	ERR(1, "weftctl: invalid IPv4 address \"10.0.0.300\" in \"nw_dst=10.0.0.300\"",
	    "flow", "add", "dp0", "nw_dst=10.0.0.300,actions=drop");
	/* Several arguments are one flow, as if space-separated. */
	ERR(1, "weftctl: tp_dst needs tcp, udp or sctp in \"tp_dst=80\"",
	    "flow", "add", "dp0", "tp_dst=80", "actions=drop");
	ERR(1, "weftctl: priority needs --strict in \"priority=5\"",
	    "flow", "del", "dp0", "priority=5");
	ERR(1, "weftctl: missing actions in \"ip\" (actions=drop drops)",
	    "flow", "mod", "dp0", "--strict", "ip");
	ERR(1, "weftctl: invalid table \"300\" in \"table=300\" (0 to 254)",
	    "flow", "dump", "dp0", "table=300");
	ERR(1, "weftctl: cannot open \"/nonexistent/flows\": No such file or directory",
	    "flow", "add", "dp0", "--file", "/nonexistent/flows");
	expect_error(1,
		     "weftctl: <stdin>:4: invalid tp_dst \"99999\" in \"tp_dst=99999\" (maximum 65535)",
		     (const char *const[]){ "flow", "add", "dp0", "-", NULL },
		     "# flows\n\nip,actions=drop\n  tcp,tp_dst=99999,actions=drop\n");
	expect_error(1,
		     "weftctl: <stdin>:1: invalid port \"0\" in \"output:0\"",
		     (const char *const[]){ "flow", "add", "dp0", "--excl", "-", NULL },
		     "actions=output:0\n");
	expect_error(1,
		     "weftctl: <stdin>:2: unknown keyword \"bogus\"",
		     (const char *const[]){ "flow", "add", "dp0", "-", NULL },
		     "   # indented comment\r\nbogus,actions=drop\r\n");
	test_big_file_errors();
}

/*
 * Commands that need the kernel: on a host without the module they fail
 * cleanly; where it is loaded they may succeed.  Either way one clean
 * outcome, no crash, and no half-printed JSON.
 */
static void test_kernel_commands(void)
{
	struct weft_test_proc r;

	RUN(&r, "-j", "dp", "show");
	if (r.status == 0)
		weft_tap_ok(weft_test_json_valid(r.out), "weftctl -j dp show: valid JSON");
	else
		weft_tap_ok(r.status == 1 && starts(r.err, "weftctl: ") &&
			    !r.out[0], "weftctl -j dp show: error, no output");

	RUN(&r, "-j", "-p", "stats");
	if (r.status == 0)
		weft_tap_ok(weft_test_json_valid(r.out), "weftctl -j -p stats: valid JSON");
	else
		weft_tap_ok(r.status == 1 && starts(r.err, "weftctl: ") &&
			    !r.out[0], "weftctl -j -p stats: error, no output");

	/* A port name needs a port dump; its failure is reported once. */
	RUN(&r, "flow", "add", "weft-no-such", "in_port=eth0,actions=drop");
	weft_tap_ok(r.status == 1 && starts(r.err, "weftctl: ") &&
		    strchr(r.err, '\n') == r.err + strlen(r.err) - 1,
		    "port name on a missing datapath: one error line");
	weft_tap_diag("%.*s", (int)strcspn(r.err, "\n"), r.err);
}

/* The pipeline commands: their usage and the values they refuse. */
static void test_pipeline_commands(void)
{
	char *input;
	size_t len = 0;
	struct weft_test_proc r;
	int i;

	RUN(&r, "help");
	weft_tap_ok(strstr(r.out, "trace DP PACKET") &&
		    strstr(r.out, "monitor [DP] [--count N] [--timeout S]") &&
		    strstr(r.out, "flow bundle DP FILE|-") &&
		    strstr(r.out, "group add|mod DP GROUP") &&
		    strstr(r.out, "table show DP [TABLE]"),
		    "help lists the new commands");
	ERR(2, "Usage: weftctl table show DP [TABLE] | table set DP TABLE [miss=drop|controller|continue] [max_len=N]",
	    "table");
	ERR(2, "Usage: weftctl table show DP [TABLE]", "table", "show");
	ERR(2, "Usage: weftctl table set DP TABLE [miss=drop|controller|continue] [max_len=N]",
	    "table", "set", "dp0", "1");
	ERR(2, "weftctl: unknown argument \"color=red\"", "table", "set", "dp0",
	    "1", "color=red");
	ERR(1, "weftctl: invalid table \"255\" (0 to 254)", "table", "show",
	    "dp0", "255");
	ERR(1, "weftctl: invalid miss \"maybe\" in \"miss=maybe\" (drop, controller or continue)",
	    "table", "set", "dp0", "1", "miss=maybe");
	ERR(1, "weftctl: invalid max_len \"65536\" in \"max_len=65536\" (0 to 65535; 65535: the whole packet)",
	    "table", "set", "dp0", "1", "max_len=65536");
	ERR(2, "Usage: weftctl group add DP GROUP", "group", "add", "dp0");
	ERR(1, "weftctl: invalid group type \"bogus\" in \"type=bogus\" (all, select, indirect or ff)",
	    "group", "add", "dp0", "group_id=1,type=bogus,bucket=output:1");
	ERR(1, "weftctl: missing type in \"group_id=1 bucket=output:1\"",
	    "group", "mod", "dp0", "group_id=1", "bucket=output:1");
	ERR(2, "weftctl: unknown option \"--bogus\"", "group", "dump", "dp0",
	    "--bogus");
	ERR(2, "weftctl: unknown group command \"show\"", "group", "show");
	ERR(2, "Usage: weftctl trace DP PACKET", "trace", "dp0");
	ERR(1, "weftctl: a packet cannot have a masked field in \"nw_src=1.0.0.0/8\"",
	    "trace", "dp0", "ip,nw_src=1.0.0.0/8");
	ERR(1, "weftctl: trace takes no actions in \"actions=drop\"",
	    "trace", "dp0", "ip", "actions=drop");
	ERR(2, "Usage: weftctl packet-out DP [in_port=PORT|controller|local] actions=ACTIONS packet=HEX",
	    "packet-out", "dp0");
	ERR(2, "weftctl: missing packet=HEX", "packet-out", "dp0",
	    "actions=output:1");
	ERR(1, "weftctl: invalid packet \"zz\" in \"packet=zz\" (hex digits, a frame of 14 to 63000 bytes)",
	    "packet-out", "dp0", "packet=zz", "actions=output:1");
	ERR(1, "weftctl: invalid packet \"000102\" in \"packet=000102\" (hex digits, a frame of 14 to 63000 bytes)",
	    "packet-out", "dp0", "in_port=local,packet=000102", "actions=1");
	ERR(1, "weftctl: invalid port \"0\" in \"in_port=0\"", "packet-out",
	    "dp0", "in_port=0", "packet=0000000000020000000000010800",
	    "actions=1");
	ERR(1, "weftctl: goto_table is an instruction, not an action, in \"goto_table:1\"",
	    "packet-out", "dp0", "packet=0000000000020000000000010800",
	    "actions=goto_table:1");
	ERR(2, "weftctl: unknown argument \"color=red\"", "packet-out", "dp0",
	    "color=red");
	ERR(1, "weftctl: invalid packet \"0a\" in \"packet=0a\" (hex digits, a frame of 14 to 63000 bytes)",
	    "packet-out", "dp0", "in_port=1 packet=0a actions=drop");
	ERR(1, "weftctl: invalid count \"0\" (1 or more)", "monitor",
	    "--count", "0");
	ERR(1, "weftctl: invalid timeout \"soon\" (seconds, more than 0)",
	    "monitor", "--timeout", "soon");
	ERR(2, "weftctl: unknown argument \"dp1\"", "monitor", "dp0", "dp1");
	ERR(2, "weftctl: missing value after \"--count\"", "monitor", "--count");
	ERR(1, "weftctl: invalid datapath name \"0123456789abcdef\" (1 to 15 bytes)",
	    "monitor", "0123456789abcdef");
	ERR(2, "Usage: weftctl dp set DP [upcall_rate=N] [upcall_burst=N] [upcall_pid=N]",
	    "dp", "set", "dp0");
	ERR(1, "weftctl: invalid upcall_rate \"0\" in \"upcall_rate=0\" (1 to 4294967295)",
	    "dp", "set", "dp0", "upcall_rate=0");
	ERR(2, "weftctl: unknown argument \"rate=5\"", "dp", "set", "dp0",
	    "rate=5");
	ERR(1, "weftctl: invalid group \"x\" in \"out_group=x\"", "flow", "del",
	    "dp0", "out_group=x");
	ERR(2, "Usage: weftctl flow bundle DP FILE|-", "flow", "bundle", "dp0");
	expect_error(1, "weftctl: <stdin>:3: unknown keyword \"bogus\"",
		     (const char *const[]){ "flow", "bundle", "dp0", "-", NULL },
		     "add ip,actions=drop\n# comment\nmodify_strict bogus\n");
	expect_error(1, "weftctl: <stdin>:1: priority needs --strict in \"priority=5\"",
		     (const char *const[]){ "flow", "bundle", "dp0", "-", NULL },
		     "delete priority=5\n");

	/* More ops than one attribute holds: said before anything is sent. */
	input = malloc(2000 * 80);
	for (i = 0; input && i < 2000; i++)
		len += sprintf(input + len, "add priority=%d,tcp,nw_src=10.0.0.0/8,tp_dst=443,actions=output:1\n",
			       i);
	if (input) {
		run(&r, input, (const char *const[]){ "flow", "bundle", "dp0", "-", NULL });
		weft_tap_ok(r.status == 1 && starts(r.err, "weftctl: <stdin>:") &&
			    strstr(r.err, "the bundle does not fit in one WEFT_A_BUNDLE attribute"),
			    "flow bundle: too big for one message is refused, not split");
		weft_tap_diag("%.*s", (int)strcspn(r.err, "\n"), r.err);
	}
	free(input);
}

void weft_test_cli(void)
{
	test_usage();
	test_bad_values();
	test_kernel_commands();
	test_pipeline_commands();
}
