// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl agent: ask a running weftd over its control socket.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "print.h"
#include "weftctl.h"

#define AGENT_USAGE \
	"agent [--socket PATH] DP show|connections|messages\n" \
	"       (the socket defaults to /run/weft/weftd-DP.ctl)\n"

static int agent_query(const char *path, const char *cmd)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char line[128], buf[4096];
	ssize_t n;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		weft_ctl_err("socket path \"%s\" is too long", path);
		return WEFTCTL_EXIT_ERROR;
	}
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		weft_ctl_err("cannot reach weftd at \"%s\": %s", path,
			     strerror(errno));
		if (fd >= 0)
			close(fd);
		return WEFTCTL_EXIT_ERROR;
	}
	snprintf(line, sizeof(line), "%s%s\n", cmd,
		 weft_print_is_json() ? " -j" : "");
	if (send(fd, line, strlen(line), MSG_NOSIGNAL) < 0) {
		weft_ctl_err("\"%s\": %s", path, strerror(errno));
		close(fd);
		return WEFTCTL_EXIT_ERROR;
	}
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return 0;
}

int weft_cmd_agent(int argc, char **argv)
{
	static const char *const cmds[] = { "show", "connections", "messages" };
	const char *path = NULL;
	char def[108];
	size_t i;

	argc--;
	argv++;
	if (argc >= 2 && !strcmp(argv[0], "--socket")) {
		path = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc != 2)
		return weft_ctl_usage(AGENT_USAGE);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i]))
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0])) {
		weft_ctl_err("agent: unknown command \"%s\"", argv[1]);
		return weft_ctl_usage(AGENT_USAGE);
	}
	if (!path) {
		snprintf(def, sizeof(def), "/run/weft/weftd-%s.ctl", argv[0]);
		path = def;
	}
	return agent_query(path, argv[1]);
}
