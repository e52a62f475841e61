// SPDX-License-Identifier: GPL-2.0
/*
 * Run a program of ours (weftctl, weftd) as the tests' subject: its exit
 * status and what it printed on each stream.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "proc.h"

static void slurp(int fd, char *buf, size_t size)
{
	ssize_t n;
	size_t len = 0;

	lseek(fd, 0, SEEK_SET);
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
}

static int temp_fd(void)
{
	char path[] = "/tmp/weft-test-XXXXXX";
	int fd = mkstemp(path);

	if (fd >= 0)
		unlink(path);
	return fd;
}

void weft_test_run(struct weft_test_proc *r, const char *prog,
		   const char *input, const char *const *args)
{
	const char *argv[32];
	int out = temp_fd(), err = temp_fd(), in = -1, status, i;
	pid_t pid;

	argv[0] = prog;
	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	if (input) {
		in = temp_fd();
		if (write(in, input, strlen(input)) < 0)
			in = -1;
		else
			lseek(in, 0, SEEK_SET);
	}

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(in >= 0 ? in : open("/dev/null", O_RDONLY), 0);
		dup2(out, 1);
		dup2(err, 2);
		execv(prog, (char *const *)argv);
		_exit(127);
	}
	r->status = -1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		r->status = WEXITSTATUS(status);
	slurp(out, r->out, sizeof(r->out));
	slurp(err, r->err, sizeof(r->err));
	if (in >= 0)
		close(in);
}

