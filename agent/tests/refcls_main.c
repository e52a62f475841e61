// SPDX-License-Identifier: GPL-2.0
/*
 * refcls: the reference classifier as a program (see refcls.h for the
 * case format and what is printed).
 *
 *   refcls CASE                      trace each "packet" line of CASE
 *   refcls FLOWS PACKETS [--ports P] flows one per line (as `weftctl flow
 *                                    add DP --file`), packets one per line
 *                                    (as `weftctl trace`); ports default
 *                                    to 1,2,3,4
 *   refcls --random SEED N           print a random case of N flows and N
 *                                    packets
 *
 * "-" reads stdin.  Exit status: 0, 1 on a bad case or a packet refcls
 * cannot answer for (the message says which line), 2 on usage errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "refcls.h"
#include "show.h"
#include "util.h"

static const char usage[] =
	"Usage: refcls CASE | refcls FLOWS PACKETS [--ports P,P,...] |\n"
	"       refcls --random SEED N\n";

static FILE *open_in(const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;

	if (!fp)
		fprintf(stderr, "refcls: cannot open \"%s\": %s\n", path,
			strerror(errno));
	return fp;
}

/* A file of one kind of line ("flow" or "packet"), as a case. */
static int read_plain(struct refcls_case *c, const char *path,
		      const char *kind)
{
	FILE *fp = open_in(path);
	char *line = NULL, msg[512], *buf;
	unsigned int lineno = 0;
	size_t cap = 0, before;
	ssize_t n;
	int ret = 0;

	if (!fp)
		return 1;
	while ((n = getline(&line, &cap, fp)) >= 0) {
		char *s = line;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		s += strspn(s, " \t");
		if (!*s || *s == '#')
			continue;
		buf = malloc(strlen(kind) + strlen(s) + 2);
		if (!buf) {
			ret = 1;
			break;
		}
		sprintf(buf, "%s %s", kind, s);
		before = c->n_packets;
		if (weft_refcls_add_line(c, buf, msg, sizeof(msg))) {
			fprintf(stderr, "refcls: %s:%u: %s\n", path, lineno, msg);
			ret = 1;
		}
		if (c->n_packets > before)
			c->packet_lines[before] = lineno;
		free(buf);
		if (ret)
			break;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return ret;
}

static int trace_all(const struct refcls_case *c, const char *name)
{
	struct weft_trace *t = malloc(sizeof(*t));
	char msg[512];
	size_t i;
	int ret = 0;

	if (!t)
		return 1;
	/* Exactly what `weftctl -j trace` prints: same printer, compact. */
	weft_print_init(stdout, true, false);
	for (i = 0; i < c->n_packets; i++) {
		if (weft_refcls_trace(c, &c->packets[i], t, msg, sizeof(msg))) {
			fprintf(stderr, "refcls: %s:%u: %s\n", name,
				c->packet_lines[i], msg);
			ret = 1;
			break;
		}
		weft_show_trace(t);
		weft_print_finish();
	}
	free(t);
	return ret;
}

int main(int argc, char **argv)
{
	const char *ports = "1,2,3,4", *args[2];
	struct refcls_case c;
	unsigned long long seed, n;
	int i, n_args = 0, ret;
	FILE *fp;

	if (argc == 4 && !strcmp(argv[1], "--random")) {
		if (weft_parse_ull(argv[2], strlen(argv[2]), ~0ULL, &seed) ||
		    weft_parse_ull(argv[3], strlen(argv[3]), 1000000, &n)) {
			fprintf(stderr, "refcls: invalid seed or count\n%s", usage);
			return 2;
		}
		weft_refcls_random(seed, (unsigned int)n, stdout);
		return fflush(stdout) ? 1 : 0;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ports") && i + 1 < argc)
			ports = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] && n_args < 2)
			break;
		else if (n_args < 2)
			args[n_args++] = argv[i];
		else
			break;
	}
	if (i < argc || !n_args) {
		fputs(usage, stderr);
		return 2;
	}
	weft_refcls_init(&c);
	if (n_args == 1) {
		char msg[600];

		fp = open_in(args[0]);
		if (!fp)
			return 1;
		ret = weft_refcls_read(&c, fp, args[0], msg, sizeof(msg));
		if (ret)
			fprintf(stderr, "refcls: %s\n", msg);
		if (fp != stdin)
			fclose(fp);
	} else {
		char msg[512], line[512];

		snprintf(line, sizeof(line), "ports %s", ports);
		ret = weft_refcls_add_line(&c, line, msg, sizeof(msg));
		if (ret)
			fprintf(stderr, "refcls: --ports: %s\n", msg);
		ret = ret ?: read_plain(&c, args[0], "flow");
		ret = ret ?: read_plain(&c, args[1], "packet");
	}
	if (!ret)
		ret = trace_all(&c, n_args == 1 ? args[0] : args[1]);
	weft_refcls_free(&c);
	if (fflush(stdout))
		ret = 1;
	return ret ? 1 : 0;
}
