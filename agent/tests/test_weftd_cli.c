// SPDX-License-Identifier: GPL-2.0
/*
 * weftd's command line and configuration file, run as a program ($WEFTD,
 * the sanitized build): every bad option or line stops it with exit 2
 * and the value quoted, before it touches the kernel; --help and
 * --version need nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"
#include "tap.h"

static const char *weftd(void)
{
	const char *p = getenv("WEFTD");

	return p && *p ? p : "tests/build/weftd-asan";
}

/* @args must make weftd exit 2 with @msg somewhere in its stderr. */
static void expect_usage(const char *msg, const char *const *args)
{
	struct weft_test_proc r;
	char what[512] = "";
	int i;

	for (i = 0; args[i]; i++)
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
			 "%s%s", i ? " " : "", args[i]);
	weft_test_run(&r, weftd(), NULL, args);
	weft_tap_ok(r.status == 2, "weftd %s: exit 2 (%d)", what, r.status);
	if (!weft_tap_ok(strstr(r.err, msg) != NULL, "weftd %s: says %s",
			 what, msg))
		weft_tap_diag("stderr: %s", r.err);
}

#define USAGE(msg, ...) \
	expect_usage(msg, (const char *const[]){ __VA_ARGS__, NULL })

/* A configuration file holding @text; its path in @path. */
static void conf_file(char *path, size_t len, const char *text)
{
	int fd;

	snprintf(path, len, "/tmp/weftd-conf-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		weft_tap_diag("cannot write %s", path);
	if (fd >= 0)
		close(fd);
}

void weft_test_weftd_cli(void)
{
	struct weft_test_proc r;
	char path[64];

	weft_test_run(&r, weftd(), NULL,
		      (const char *const[]){ "--version", NULL });
	weft_tap_ok(r.status == 0 && !strncmp(r.out, "weftd ", 6),
		    "weftd --version: exit 0, prints the version");
	weft_test_run(&r, weftd(), NULL,
		      (const char *const[]){ "--help", NULL });
	weft_tap_ok(r.status == 0 && strstr(r.out, "--controller"),
		    "weftd --help: exit 0, lists the options");

	USAGE("bad datapath_id \"xyz\"", "-f", "/dev/null", "--dpid", "xyz");
	USAGE("\"tcp:1.2.3.4\" is not tcp:IP:PORT", "-f", "/dev/null",
	      "-c", "tcp:1.2.3.4");
	USAGE("\"ptcp:70000\" is not ptcp:PORT[:IP]", "-f", "/dev/null",
	      "-l", "ptcp:70000");
	USAGE("bad protocols \"OpenFlow12\"", "-f", "/dev/null",
	      "--protocols", "OpenFlow12");
	USAGE("bad log_level \"loud\"", "-f", "/dev/null", "--log-level",
	      "loud");
	USAGE("bad probe_interval \"-1\"", "-f", "/dev/null",
	      "--probe-interval", "-1");
	USAGE("bad datapath \"a/b\"", "-f", "/dev/null", "-d", "a/b");
	USAGE("unexpected argument \"extra\"", "-f", "/dev/null", "extra");
	USAGE("/nonexistent/weftd.conf: No such file", "-f",
	      "/nonexistent/weftd.conf");

	conf_file(path, sizeof(path), "# comment\ndatapath = br0\n\nlisten = ptcp:6634\nmax_backoff = 0\n");
	USAGE(":5: bad max_backoff \"0\"", "-f", path);
	unlink(path);
	conf_file(path, sizeof(path), "datapath br0\n");
	USAGE(":1: \"datapath br0\" is not KEY = VALUE", "-f", path);
	unlink(path);
	conf_file(path, sizeof(path), "colour = blue\n");
	USAGE(":1: unknown key \"colour\"", "-f", path);
	unlink(path);
	/* The command line's value is checked even when the file's is fine. */
	conf_file(path, sizeof(path), "protocols = OpenFlow13\n");
	USAGE("bad protocols \"\"", "-f", path, "--protocols", "");
	unlink(path);
}
