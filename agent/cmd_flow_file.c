// SPDX-License-Identifier: GPL-2.0
/*
 * Flows from a file: weftctl flow add DP --file F (and "-"), and
 * weftctl flow bundle DP FILE|- (all or nothing, one WEFT_CMD_BUNDLE).
 *
 * Both read the whole file first, as ovs-ofctl add-flows does, so that a
 * syntax error on line 90 leaves nothing half done, and encode each flow as
 * it is parsed: the requests are kept, not the (large) parsed flows.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/weft.h>

#include "bundle.h"
#include "dp.h"
#include "flow_text.h"
#include "util.h"
#include "weftctl.h"

/* Requests awaiting an answer; this many, for weft_nl_do_many(). */
#define ADD_WINDOW	512

/* A line of the file, kept until its request has been answered. */
struct line {
	char *text;
	unsigned int no;
};

struct lines {
	struct line *v;
	size_t n, cap;
	char *buf;		/* the file, which the texts point into */
};

/* Encoded requests, back to back, each with the line it came from. */
struct batch {
	char *buf;
	size_t len, cap;
	struct entry {
		size_t off;
		const struct line *line;
	} *e;
	size_t n, cap_e;
	uint16_t family;
	/* Set when an earlier part failed: send no more (see send_parts()). */
	const atomic_bool *stop;
};

static void batch_free(struct batch *b)
{
	free(b->e);
	free(b->buf);
}

static int batch_add(struct batch *b, const struct nlmsghdr *nlh,
		     const struct line *line)
{
	size_t need = MNL_ALIGN(nlh->nlmsg_len);
	struct entry *e;

	if (b->len + need > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1 << 20;
		char *buf;

		while (cap < b->len + need)
			cap *= 2;
		buf = realloc(b->buf, cap);
		if (!buf)
			return -ENOMEM;
		b->buf = buf;
		b->cap = cap;
	}
	if (b->n == b->cap_e) {
		size_t cap = b->cap_e ? b->cap_e * 2 : 1024;

		e = realloc(b->e, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		b->e = e;
		b->cap_e = cap;
	}
	e = &b->e[b->n];
	e->off = b->len;
	e->line = line;
	memcpy(b->buf + b->len, nlh, nlh->nlmsg_len);
	memset(b->buf + b->len + nlh->nlmsg_len, 0, need - nlh->nlmsg_len);
	b->len += need;
	b->n++;
	return 0;
}

static const struct nlmsghdr *batch_get(void *data, size_t i)
{
	struct batch *b = data;
	struct nlmsghdr *nlh = (struct nlmsghdr *)(b->buf + b->e[i].off);

	/* weft_nl_do_many() stops at a missing request. */
	if (b->stop && atomic_load(b->stop))
		return NULL;
	/* Built before the family was known (see weft_nl_msg_init()). */
	nlh->nlmsg_type = b->family;
	return nlh;
}

/* "LINE: " at @p, which has room for 16 bytes. */
static void put_lineno(char *p, unsigned int n)
{
	char digits[12];
	int i = 0;

	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (i)
		*p++ = digits[--i];
	memcpy(p, ": ", 3);
}

/* The whole of @fp, NUL-terminated, in *@bufp and its length in *@lenp. */
static int slurp(FILE *fp, char **bufp, size_t *lenp)
{
	size_t cap = 1 << 16, len = 0, got;
	char *buf = malloc(cap), *bigger;

	while (buf) {
		got = fread(buf + len, 1, cap - len - 1, fp);
		len += got;
		if (len < cap - 1)
			break;		/* end of file, or an error */
		cap *= 2;
		bigger = realloc(buf, cap);
		if (!bigger)
			free(buf);
		buf = bigger;
	}
	if (!buf)
		return -ENOMEM;
	if (ferror(fp)) {
		free(buf);
		return -EIO;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

/*
 * Call @fn on each line of @path ("-": stdin) that is not blank or a
 * comment, with "FILE:LINE: " for messages.  Stops at @fn's first error.
 * The file is read whole into *@bufp, which the caller frees once done
 * with the texts @fn was given (they point into it).
 */
static int each_line(const char *path,
		     int (*fn)(void *ctx, char *text, unsigned int line,
			       const char *where),
		     void *ctx, char **bufp)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *name = fp == stdin ? "<stdin>" : path;
	unsigned int lineno = 0;
	char *buf, *end, *line, *next, *eol, where[512];
	size_t len, prefix;
	int ret = 0, err;

	*bufp = NULL;
	if (!fp) {
		weft_ctl_err("cannot open \"%s\": %s", path, strerror(errno));
		return WEFTCTL_EXIT_ERROR;
	}
	err = slurp(fp, &buf, &len);
	if (fp != stdin)
		fclose(fp);
	if (err) {
		weft_ctl_err("error reading \"%s\": %s", name, strerror(-err));
		return WEFTCTL_EXIT_ERROR;
	}
	*bufp = buf;
	/* "FILE:" once; per line only the number (snprintf is not cheap). */
	prefix = (size_t)snprintf(where, sizeof(where) - 16, "%s:", name);
	if (prefix > sizeof(where) - 17)
		prefix = sizeof(where) - 17;
	end = buf + len;
	for (line = buf; line < end && !ret; line = next) {
		eol = memchr(line, '\n', (size_t)(end - line));
		next = eol ? eol + 1 : end;
		if (!eol)
			eol = end;
		lineno++;
		while (eol > line && (eol[-1] == '\r' || eol[-1] == '\n'))
			eol--;
		*eol = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		put_lineno(where + prefix, lineno);
		ret = fn(ctx, line, lineno, where);
	}
	return ret;
}

/*
 * flow add --file parses in parallel: under emulation, parsing 100,000
 * lines takes as long as the kernel takes to add them, and a second CPU
 * sat idle.  Every line is parsed before the first request goes out, as
 * before; the parts are contiguous runs of lines, so the first error of
 * the first part that has one is the file's first error.
 */
#define PARSE_PARTS_MAX		2
#define PARSE_LINES_PER_PART	4096

static int keep_line(void *data, char *text, unsigned int no,
		     const char *where)
{
	struct lines *l = data;

	(void)where;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		struct line *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			goto nomem;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].text = text;
	l->v[l->n++].no = no;
	return 0;
nomem:
	weft_ctl_err("out of memory");
	return WEFTCTL_EXIT_ERROR;
}

static void lines_free(struct lines *l)
{
	free(l->v);
	free(l->buf);
}

struct add_part {
	const char *dp;
	const char *name;	/* the file, for messages */
	bool excl;
	const struct line *lines;
	size_t n;
	struct batch batch;
	int status;		/* WEFTCTL_EXIT_*, with err */
	char err[768];
	uint64_t *ids;		/* per flow: flow_id() */
	bool overlap;		/* a flow asks CHECK_OVERLAP */
	struct weft_flow flow;
	__u64 msg[WEFT_NL_REQ_SIZE / 8];
};

/* The port table is loaded on first use, over netlink: one thread at once. */
static pthread_mutex_t resolve_lock = PTHREAD_MUTEX_INITIALIZER;

static int resolve_locked(void *ctx, const char *name, __u32 *port)
{
	int err;

	pthread_mutex_lock(&resolve_lock);
	err = weft_ctl_resolve_port(ctx, name, port);
	pthread_mutex_unlock(&resolve_lock);
	return err;
}

/*
 * A hash of what makes two flows the same flow to the kernel: table,
 * priority and match (the key holds its fields' values already masked,
 * the kernel insists; zero where no field is).  Equal flows hash equal;
 * a collision of different ones only costs the parallel send.
 */
static uint64_t flow_id(const struct weft_flow *f)
{
	const unsigned char *k = (const unsigned char *)&f->match.key;
	uint64_t h = ((uint64_t)f->table << 16 | f->priority) + 1, w;
	size_t i;

	for (i = 0; i + sizeof(w) <= sizeof(f->match.key); i += sizeof(w)) {
		memcpy(&w, k + i, sizeof(w));
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; i < sizeof(f->match.key); i++)
		h = (h ^ k[i]) * 0x100000001b3ULL;
	return h;
}

static void *parse_part(void *arg)
{
	struct add_part *p = arg;
	struct weft_flow_parser *fp;
	struct nlmsghdr *nlh;
	char msg[512];
	size_t i;
	int err;

	p->ids = malloc((p->n ?: 1) * sizeof(*p->ids));
	fp = weft_flow_parser_new();
	if (!p->ids || !fp) {
		weft_flow_parser_free(fp);
		snprintf(p->err, sizeof(p->err), "out of memory");
		p->status = WEFTCTL_EXIT_ERROR;
		return NULL;
	}
	for (i = 0; i < p->n; i++) {
		const struct line *l = &p->lines[i];

		if (weft_flow_parser_parse(fp, &p->flow, l->text,
					   WEFT_FLOW_OP_ADD, false,
					   resolve_locked, (void *)p->dp, msg,
					   sizeof(msg))) {
			/* A failed port dump has already said why. */
			pthread_mutex_lock(&resolve_lock);
			if (!weft_ctl_resolve_failed())
				snprintf(p->err, sizeof(p->err), "%s:%u: %s",
					 p->name, l->no, msg);
			pthread_mutex_unlock(&resolve_lock);
			p->status = WEFTCTL_EXIT_ERROR;
			break;
		}
		if (p->excl)
			p->flow.attrs |= WEFT_BIT(WEFT_FLOW_A_EXCL);
		p->ids[i] = flow_id(&p->flow);
		if (p->flow.flags & WEFT_FLOW_F_CHECK_OVERLAP)
			p->overlap = true;
		nlh = weft_nl_msg_init(p->msg, 0, WEFT_CMD_FLOW_NEW, 0);
		err = weft_dp_put_name(nlh, sizeof(p->msg), p->dp);
		if (!err)
			err = weft_flow_nl_put(nlh, sizeof(p->msg), &p->flow);
		if (!err)
			err = batch_add(&p->batch, nlh, l);
		if (err) {
			snprintf(p->err, sizeof(p->err), "%s:%u: %s", p->name,
				 l->no, err == -ENOMEM ? "out of memory" :
				 "flow too big for one request");
			p->status = WEFTCTL_EXIT_ERROR;
			break;
		}
	}
	weft_flow_parser_free(fp);
	return NULL;
}

/* Parse @l in up to PARSE_PARTS_MAX parts; parts[0..*n) get the results. */
static int parse_parts(const struct lines *l, struct add_part *p, size_t *n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t tid[PARSE_PARTS_MAX];
	bool started[PARSE_PARTS_MAX] = { false };
	size_t k = 1, i, off = 0;

	if (cpus > 1 && l->n >= 2 * PARSE_LINES_PER_PART)
		k = PARSE_PARTS_MAX;
	for (i = 0; i < k; i++) {
		size_t len = l->n / k + (i < l->n % k);

		if (i) {
			p[i].dp = p[0].dp;
			p[i].name = p[0].name;
			p[i].excl = p[0].excl;
		}
		p[i].lines = l->v + off;
		p[i].n = len;
		off += len;
	}
	/* The last part in this thread; a thread that fails to start too. */
	for (i = 0; i + 1 < k; i++)
		started[i] = !pthread_create(&tid[i], NULL, parse_part, &p[i]);
	for (i = 0; i < k; i++)
		if (!started[i])
			parse_part(&p[i]);
	for (i = 0; i < k; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
	}
	*n = k;
	for (i = 0; i < k; i++) {
		if (p[i].status) {
			if (p[i].err[0])
				weft_ctl_err("%s", p[i].err);
			return p[i].status;
		}
	}
	return 0;
}

/*
 * May the parts go to the kernel at once?  Only if the order of their
 * flows cannot matter: no flow of a later part may have the table,
 * priority and match of an earlier one's (the later must win), and no
 * flow may ask CHECK_OVERLAP (which of two is refused depends on order).
 */
static bool parts_commute(const struct add_part *p, size_t n)
{
	size_t size = 2, mask, i, j;
	uint64_t *set;
	bool ok = true;

	if (n != 2 || p[0].overlap || p[1].overlap)
		return false;
	while (size < 2 * p[0].n)
		size *= 2;
	mask = size - 1;
	set = calloc(size, sizeof(*set));
	if (!set)
		return false;
	/* Open addressing; 0 marks a free slot, so ids are stored odd. */
	for (i = 0; i < p[0].n; i++) {
		uint64_t id = p[0].ids[i] | 1;

		for (j = id & mask; set[j] && set[j] != id; j = (j + 1) & mask)
			;
		set[j] = id;
	}
	for (i = 0; i < p[1].n && ok; i++) {
		uint64_t id = p[1].ids[i] | 1;

		for (j = id & mask; set[j]; j = (j + 1) & mask) {
			if (set[j] == id) {
				ok = false;
				break;
			}
		}
	}
	free(set);
	return ok;
}

struct send_job {
	struct add_part *part;
	struct weft_nl *nl;
	size_t failed;
	int err;
};

static void *send_part(void *arg)
{
	struct send_job *j = arg;
	struct batch *b = &j->part->batch;

	b->family = weft_nl_family(j->nl);
	j->err = b->n ? weft_nl_do_many(j->nl, b->n, batch_get, b, ADD_WINDOW,
					&j->failed) : 0;
	return NULL;
}

static int send_err(const struct send_job *j, const char *dp)
{
	const struct add_part *p = j->part;
	const struct line *l = p->batch.e[j->failed].line;

	return weft_ctl_nl_err_on(j->nl, j->err, "%s:%u: flow add \"%s\" \"%s\"",
				  p->name, l->no, dp, l->text);
}

/*
 * Send the parts in order, or, when they commute, both at once on two
 * sockets: the kernel then parses and allocates two flows at a time.  A
 * refused flow stops its own part, and the later part too.
 */
static int send_parts(struct weft_nl *nl, struct add_part *parts, size_t n,
		      const char *dp)
{
	struct send_job jobs[PARSE_PARTS_MAX] = { { 0 } };
	atomic_bool stop = false;
	pthread_t tid;
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		jobs[i].part = &parts[i];
		jobs[i].nl = nl;
	}
	if (parts_commute(parts, n) && !weft_nl_open(&jobs[1].nl)) {
		parts[1].batch.stop = &stop;
		err = pthread_create(&tid, NULL, send_part, &jobs[1]);
		send_part(&jobs[0]);
		if (jobs[0].err)
			atomic_store(&stop, true);
		if (err)
			send_part(&jobs[1]);	/* no thread: after the first */
		else
			pthread_join(tid, NULL);
		if (jobs[0].err)
			err = send_err(&jobs[0], dp);
		else if (jobs[1].err)
			err = send_err(&jobs[1], dp);
		weft_nl_close(jobs[1].nl);
		return err;
	}
	for (i = 0; i < n; i++) {
		send_part(&jobs[i]);
		if (jobs[i].err)
			return send_err(&jobs[i], dp);
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * flow add --file: the requests are pipelined (weft_nl_do_many()), so a
 * big file costs no round trip per flow.  At the first flow the kernel
 * refuses we stop sending; flows already in flight behind it may have
 * been added, as with ovs-ofctl add-flows (which sends every flow of the
 * file whatever the switch answers).
 */
int weft_ctl_flow_add_file(const char *dp, const char *path, bool excl,
			   bool timing)
{
	double t0 = now_s(), t1;
	struct add_part *parts = calloc(PARSE_PARTS_MAX, sizeof(*parts));
	struct lines lines = { 0 };
	struct weft_nl *nl;
	size_t n = 0, i;
	int ret;

	if (!parts) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	ret = each_line(path, keep_line, &lines, &lines.buf);
	if (ret || !lines.n)
		goto out;
	parts[0].dp = dp;
	parts[0].name = strcmp(path, "-") ? path : "<stdin>";
	parts[0].excl = excl;
	ret = parse_parts(&lines, parts, &n);
	if (ret)
		goto out;
	nl = weft_ctl_nl();
	if (!nl) {
		ret = WEFTCTL_EXIT_ERROR;
		goto out;
	}
	t1 = now_s();
	ret = send_parts(nl, parts, n, dp);
	/* For benchmarks: the kernel's part, apart from reading the text. */
	if (!ret && timing)
		fprintf(stderr, "weftctl: %s: %zu flows read and parsed in %.3f s, sent and acknowledged in %.3f s\n",
			parts[0].name, lines.n, t1 - t0, now_s() - t1);
out:
	for (i = 0; i < n; i++) {
		batch_free(&parts[i].batch);
		free(parts[i].ids);
	}
	lines_free(&lines);
	free(parts);
	return ret;
}

/* ---- flow bundle -------------------------------------------------------- */

/* The request: the datapath's name and the bundle nest, at most. */
#define BUNDLE_MSG_SIZE	(WEFT_BUNDLE_BYTES_MAX + 256)

struct bundle_ctx {
	const char *dp;
	const char *path;
	struct weft_bundle b;
	struct nlmsghdr *nlh;
	struct weft_flow flow;
	unsigned int *lines;	/* op -> line */
	char **texts;		/* op -> text, in the file's buffer */
	__u64 msg[BUNDLE_MSG_SIZE / 8 + 1];
};

/* The op words of ovs-ofctl --bundle files (a line without one adds). */
static const struct {
	const char *word;
	enum weft_flow_op op;
	bool strict;
} bundle_ops[] = {
	{ "add", WEFT_FLOW_OP_ADD, false },
	{ "mod", WEFT_FLOW_OP_MOD, false },
	{ "modify", WEFT_FLOW_OP_MOD, false },
	{ "mod_strict", WEFT_FLOW_OP_MOD, true },
	{ "modify_strict", WEFT_FLOW_OP_MOD, true },
	{ "del", WEFT_FLOW_OP_DEL, false },
	{ "delete", WEFT_FLOW_OP_DEL, false },
	{ "del_strict", WEFT_FLOW_OP_DEL, true },
	{ "delete_strict", WEFT_FLOW_OP_DEL, true },
};

static int bundle_line(void *data, char *text, unsigned int line,
		       const char *where)
{
	struct bundle_ctx *c = data;
	enum weft_flow_op op = WEFT_FLOW_OP_ADD;
	size_t n = strcspn(text, " \t"), i;
	bool strict = false;
	char *flow = text;
	int err;

	for (i = 0; i < ARRAY_SIZE(bundle_ops); i++) {
		if (n == strlen(bundle_ops[i].word) &&
		    !strncmp(text, bundle_ops[i].word, n)) {
			op = bundle_ops[i].op;
			strict = bundle_ops[i].strict;
			flow = text + n + strspn(text + n, " \t");
			break;
		}
	}
	err = weft_ctl_parse_flow(c->dp, flow, op, strict, &c->flow, where);
	if (err)
		return err;
	err = weft_bundle_add(&c->b, weft_ctl_op_cmds[op], &c->flow);
	if (err == -E2BIG) {
		weft_ctl_err("%stoo many ops: a bundle holds at most %d (WEFT_BUNDLE_OPS_MAX), and it cannot be split without losing all-or-nothing",
			     where, WEFT_BUNDLE_OPS_MAX);
		return WEFTCTL_EXIT_ERROR;
	}
	if (err) {
		weft_ctl_err("%sthe bundle does not fit in one WEFT_A_BUNDLE attribute (at most %d bytes; %u ops fit before this line), and it cannot be split without losing all-or-nothing",
			     where, WEFT_BUNDLE_BYTES_MAX, c->b.n_ops);
		return WEFTCTL_EXIT_ERROR;
	}
	c->lines[c->b.n_ops - 1] = line;
	c->texts[c->b.n_ops - 1] = text;
	return 0;
}

static int bundle_send(struct bundle_ctx *c)
{
	const char *name = strcmp(c->path, "-") ? c->path : "<stdin>";
	const struct weft_nl_error *e;
	struct weft_nl *nl = weft_ctl_nl();
	struct nlmsghdr *nlh;
	int err, op = -1;

	if (!nl)
		return WEFTCTL_EXIT_ERROR;
	nlh = weft_nl_req_sized(nl, WEFT_CMD_BUNDLE, 0, c->nlh->nlmsg_len);
	if (!nlh) {
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	memcpy(nlh, c->nlh, c->nlh->nlmsg_len);
	nlh->nlmsg_type = weft_nl_family(nl);
	err = weft_nl_do(nl, nlh, NULL, NULL);
	if (!err)
		return 0;
	/* The extended ACK points into the op that failed: name its line. */
	e = weft_nl_error(nl);
	if (e->has_offs)
		op = weft_bundle_op_at(weft_nl_last_req(nl), e->offs);
	if (op >= 0 && (unsigned int)op < c->b.n_ops)
		return weft_ctl_nl_err(err, "%s:%u: flow bundle \"%s\": \"%s\" refused, nothing applied",
				       name, c->lines[op], c->dp, c->texts[op]);
	return weft_ctl_nl_err(err, "flow bundle \"%s\" \"%s\": nothing applied",
			       c->dp, name);
}

int weft_ctl_flow_bundle(int argc, char **argv)
{
	struct bundle_ctx *c;
	char *file;
	int ret;

	if (argc != 3)
		return weft_ctl_usage("flow bundle DP FILE|-");
	if (!weft_ctl_check_dp(argv[1]))
		return WEFTCTL_EXIT_ERROR;
	c = calloc(1, sizeof(*c));
	if (c) {
		c->lines = calloc(WEFT_BUNDLE_OPS_MAX, sizeof(*c->lines));
		c->texts = calloc(WEFT_BUNDLE_OPS_MAX, sizeof(*c->texts));
	}
	if (!c || !c->lines || !c->texts) {
		if (c) {
			free(c->lines);
			free(c->texts);
		}
		free(c);
		weft_ctl_err("out of memory");
		return WEFTCTL_EXIT_ERROR;
	}
	c->dp = argv[1];
	c->path = argv[2];
	c->nlh = weft_nl_msg_init(c->msg, 0, WEFT_CMD_BUNDLE, 0);
	weft_dp_put_name(c->nlh, sizeof(c->msg), c->dp);
	weft_bundle_begin(&c->b, c->nlh, sizeof(c->msg));
	ret = each_line(c->path, bundle_line, c, &file);
	if (!ret) {
		weft_bundle_end(&c->b);
		ret = bundle_send(c);
	}
	free(file);
	free(c->texts);
	free(c->lines);
	free(c);
	return ret;
}
