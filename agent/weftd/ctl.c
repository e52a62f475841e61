// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
/*
 * The control socket `weftctl agent` talks to: a Unix stream socket, one
 * request line per connection ("connections -j"), one reply, then close.
 * Replies are small and built in memory, so a client is served within
 * the callback that accepted it and never holds the loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "ctl.h"
#include "json.h"
#include "log.h"
#include "of.h"
#include "remote.h"
#include "weftd.h"

static struct weftd_watch ctl_watch;
static char ctl_path[108];

static const char *kind_name(const struct weftd_conn *c)
{
	return c->kind == WEFTD_CONN_CONTROLLER ? "controller" : "service";
}

static const char *state_name(const struct weftd_conn *c)
{
	static const char *const names[] = {
		[WEFTD_CONN_CONNECTING] = "connecting",
		[WEFTD_CONN_HELLO] = "hello",
		[WEFTD_CONN_READY] = "ready",
		[WEFTD_CONN_CLOSING] = "closing",
	};

	return names[c->state];
}

static const char *role_name(uint32_t role)
{
	return role == 2 ? "master" : role == 3 ? "slave" : "equal";
}

static const char *version_name(uint8_t v)
{
	return v == WEFT_OFP13_VERSION ? "1.3" :
	       v == WEFT_OFP10_VERSION ? "1.0" : "none";
}

static void ctl_show(FILE *out, bool json)
{
	const struct weftd_counters *n = &weftd.counters;
	unsigned int n_conns = 0;
	struct weftd_conn *c;
	struct weft_json j;

	for (c = weftd_conns; c; c = c->next)
		n_conns++;
	if (!json) {
		fprintf(out, "weftd %s, datapath %s, dpid %016llx, up %llu s\n",
			WEFTD_VERSION, weftd.dp,
			(unsigned long long)weftd.dpid,
			(unsigned long long)(weftd_now_ms() - weftd.start_ms) /
				1000);
		fprintf(out, "  ports %zu, connections %u, remotes %u\n",
			weftd.n_ports, n_conns, weftd_remotes_count());
		fprintf(out, "  flow_mods %llu (errors %llu), packet_ins %llu (sent %llu), flow_removed %llu, port_status %llu, events_lost %llu, packet_ins_lost %llu\n",
			(unsigned long long)n->flow_mods,
			(unsigned long long)n->flow_mod_errors,
			(unsigned long long)n->packet_ins,
			(unsigned long long)n->packet_ins_sent,
			(unsigned long long)n->flow_removed,
			(unsigned long long)n->port_status,
			(unsigned long long)n->events_lost,
			(unsigned long long)n->packet_ins_lost);
		return;
	}
	weft_json_init(&j, out, false);
	weft_json_begin_object(&j);
	weft_json_key(&j, "version");
	weft_json_string(&j, WEFTD_VERSION);
	weft_json_key(&j, "datapath");
	weft_json_string(&j, weftd.dp);
	weft_json_key(&j, "dpid");
	weft_json_u64(&j, weftd.dpid);
	weft_json_key(&j, "uptime_ms");
	weft_json_u64(&j, weftd_now_ms() - weftd.start_ms);
	weft_json_key(&j, "ports");
	weft_json_u64(&j, weftd.n_ports);
	weft_json_key(&j, "connections");
	weft_json_u64(&j, n_conns);
	weft_json_key(&j, "flow_mods");
	weft_json_u64(&j, n->flow_mods);
	weft_json_key(&j, "flow_mod_errors");
	weft_json_u64(&j, n->flow_mod_errors);
	weft_json_key(&j, "packet_ins");
	weft_json_u64(&j, n->packet_ins);
	weft_json_key(&j, "packet_ins_sent");
	weft_json_u64(&j, n->packet_ins_sent);
	weft_json_key(&j, "flow_removed");
	weft_json_u64(&j, n->flow_removed);
	weft_json_key(&j, "port_status");
	weft_json_u64(&j, n->port_status);
	weft_json_key(&j, "events_lost");
	weft_json_u64(&j, n->events_lost);
	weft_json_key(&j, "packet_ins_lost");
	weft_json_u64(&j, n->packet_ins_lost);
	weft_json_end_object(&j);
	fputc('\n', out);
}

static void ctl_connections(FILE *out, bool json)
{
	struct weftd_conn *c;
	struct weft_json j;

	if (json) {
		weft_json_init(&j, out, false);
		weft_json_begin_array(&j);
	}
	for (c = weftd_conns; c; c = c->next) {
		const struct weftd_conn_stats *s = &c->stats;

		if (!json) {
			fprintf(out, "%u: %s %s %s OpenFlow %s role %s: rx %llu msgs, tx %llu msgs, errors %llu, flow_mods %llu, packet_ins %llu, async_dropped %llu, backlog %zu\n",
				c->id, c->peer, kind_name(c), state_name(c),
				version_name(c->version), role_name(c->role),
				(unsigned long long)s->rx_msgs,
				(unsigned long long)s->tx_msgs,
				(unsigned long long)s->errors_sent,
				(unsigned long long)s->flow_mods,
				(unsigned long long)s->packet_ins,
				(unsigned long long)s->async_dropped,
				weftd_conn_backlog(c));
			continue;
		}
		weft_json_begin_object(&j);
		weft_json_key(&j, "id");
		weft_json_u64(&j, c->id);
		weft_json_key(&j, "peer");
		weft_json_string(&j, c->peer);
		weft_json_key(&j, "kind");
		weft_json_string(&j, kind_name(c));
		weft_json_key(&j, "state");
		weft_json_string(&j, state_name(c));
		weft_json_key(&j, "version");
		weft_json_string(&j, version_name(c->version));
		weft_json_key(&j, "role");
		weft_json_string(&j, role_name(c->role));
		weft_json_key(&j, "rx_msgs");
		weft_json_u64(&j, s->rx_msgs);
		weft_json_key(&j, "tx_msgs");
		weft_json_u64(&j, s->tx_msgs);
		weft_json_key(&j, "errors_sent");
		weft_json_u64(&j, s->errors_sent);
		weft_json_key(&j, "flow_mods");
		weft_json_u64(&j, s->flow_mods);
		weft_json_key(&j, "packet_ins");
		weft_json_u64(&j, s->packet_ins);
		weft_json_key(&j, "async_dropped");
		weft_json_u64(&j, s->async_dropped);
		weft_json_key(&j, "backlog");
		weft_json_u64(&j, weftd_conn_backlog(c));
		weft_json_end_object(&j);
	}
	if (json) {
		weft_json_end_array(&j);
		fputc('\n', out);
	}
}

static void ctl_messages(FILE *out, bool json)
{
	struct weftd_conn *c;
	struct weft_json j;
	unsigned int i, n;

	if (json) {
		weft_json_init(&j, out, false);
		weft_json_begin_array(&j);
	}
	for (c = weftd_conns; c; c = c->next) {
		n = c->n_history < WEFTD_CONN_HISTORY ? c->n_history :
							  WEFTD_CONN_HISTORY;
		for (i = c->n_history - n; i < c->n_history; i++) {
			const struct weftd_msg_note *m =
				&c->history[i % WEFTD_CONN_HISTORY];
			/* Raw type: name it in the peer's version's terms. */
			const char *type = m->version == WEFT_OFP13_VERSION ?
					   weft_of_type_name(m->type) : "";

			if (!json) {
				fprintf(out, "%u: %s %s v%u type %u %s len %u xid %u\n",
					c->id, m->rx ? "rx" : "tx", c->peer,
					m->version, m->type, type, m->len,
					m->xid);
				continue;
			}
			weft_json_begin_object(&j);
			weft_json_key(&j, "conn");
			weft_json_u64(&j, c->id);
			weft_json_key(&j, "dir");
			weft_json_string(&j, m->rx ? "rx" : "tx");
			weft_json_key(&j, "version");
			weft_json_u64(&j, m->version);
			weft_json_key(&j, "type");
			weft_json_u64(&j, m->type);
			weft_json_key(&j, "len");
			weft_json_u64(&j, m->len);
			weft_json_key(&j, "xid");
			weft_json_u64(&j, m->xid);
			weft_json_end_object(&j);
		}
	}
	if (json) {
		weft_json_end_array(&j);
		fputc('\n', out);
	}
}

static void ctl_request(int fd, char *line)
{
	char *buf = NULL, *cmd, *arg, *save;
	size_t len = 0, off;
	bool json = false;
	FILE *out;

	out = open_memstream(&buf, &len);
	if (!out)
		return;
	cmd = strtok_r(line, " \t\r\n", &save);
	while ((arg = strtok_r(NULL, " \t\r\n", &save)))
		if (!strcmp(arg, "-j"))
			json = true;
	if (!cmd || !strcmp(cmd, "show")) {
		ctl_show(out, json);
	} else if (!strcmp(cmd, "connections")) {
		ctl_connections(out, json);
	} else if (!strcmp(cmd, "messages")) {
		ctl_messages(out, json);
	} else {
		fprintf(out, "error: unknown command \"%s\" (show, connections, messages)\n",
			cmd);
	}
	fclose(out);
	for (off = 0; off < len;) {
		ssize_t n = send(fd, buf + off, len - off, MSG_NOSIGNAL);

		if (n <= 0)
			break;
		off += n;
	}
	free(buf);
}

static void ctl_event(struct weftd_watch *w, uint32_t events)
{
	struct timeval tv = { .tv_sec = 1 };
	char line[256];
	ssize_t n;
	int fd;

	(void)events;
	fd = accept4(w->fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	/* A client that stalls costs at most a second of the loop. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	n = recv(fd, line, sizeof(line) - 1, 0);
	if (n > 0) {
		line[n] = '\0';
		ctl_request(fd, line);
	}
	close(fd);
}

int weftd_ctl_init(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char dir[108], *slash;
	int fd;

	snprintf(ctl_path, sizeof(ctl_path), "%s", path);
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0755);
	}
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(path, 0600) < 0 || listen(fd, 16) < 0 ||
	    weftd_watch_add(&ctl_watch, fd, EPOLLIN, ctl_event)) {
		weftd_err("control socket %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	weftd_info("control socket %s", path);
	return 0;
}

void weftd_ctl_exit(void)
{
	if (!ctl_watch.added)
		return;
	weftd_watch_del(&ctl_watch);
	close(ctl_watch.fd);
	unlink(ctl_path);
}
