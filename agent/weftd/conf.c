// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

void weftd_conf_defaults(struct weftd_conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->datapath, sizeof(c->datapath), "weft0");
	c->log_level = LOG_INFO;
	c->probe_interval_s = 5;
	c->max_backoff_s = 8;
	c->versions = (1U << WEFTD_OFP10) | (1U << WEFTD_OFP13);
	c->max_queue_kb = 4096;
}

void weftd_conf_clear_list(char **list, unsigned int *n)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		free(list[i]);
	*n = 0;
}

void weftd_conf_free(struct weftd_conf *c)
{
	weftd_conf_clear_list(c->controllers, &c->n_controllers);
	weftd_conf_clear_list(c->listeners, &c->n_listeners);
}

static int parse_uint(const char *s, unsigned long long max,
		      unsigned long long *v)
{
	char *end;

	if (!*s || *s == '-' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || *end || *v > max ? -1 : 0;
}

int weftd_remote_parse(const char *s, bool passive, char *host, size_t hlen,
		       uint16_t *port)
{
	const char *prefix = passive ? "ptcp:" : "tcp:";
	unsigned long long p;
	char buf[128], *sep, *pstr;
	struct in_addr a;

	if (strncmp(s, prefix, strlen(prefix)) ||
	    strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s + strlen(prefix));
	if (passive) {
		/* ptcp:PORT[:IP], as Open vSwitch writes it */
		sep = strchr(buf, ':');
		if (sep)
			*sep++ = '\0';
		pstr = buf;
		snprintf(host, hlen, "%s", sep ? sep : "0.0.0.0");
	} else {
		sep = strrchr(buf, ':');
		if (!sep)
			return -1;
		*sep = '\0';
		pstr = sep + 1;
		snprintf(host, hlen, "%s", buf);
	}
	if (parse_uint(pstr, 65535, &p) || (!passive && !p))
		return -1;
	if (inet_pton(AF_INET, host, &a) != 1)
		return -1;
	*port = p;
	return 0;
}

static int add_remote(char **list, unsigned int *n, const char *v,
		      bool passive, char *err, size_t errlen)
{
	char host[64];
	uint16_t port;

	if (weftd_remote_parse(v, passive, host, sizeof(host), &port)) {
		snprintf(err, errlen, "\"%s\" is not %s", v,
			 passive ? "ptcp:PORT[:IP]" : "tcp:IP:PORT");
		return -1;
	}
	if (*n == WEFTD_MAX_REMOTES) {
		snprintf(err, errlen, "more than %d %s", WEFTD_MAX_REMOTES,
			 passive ? "listeners" : "controllers");
		return -1;
	}
	list[(*n)++] = strdup(v);
	return 0;
}

static int parse_bool(const char *v, bool *b)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*b = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
		*b = false;
	else
		return -1;
	return 0;
}

/* "OpenFlow10,OpenFlow13", ovs-vsctl's spelling. */
static int parse_versions(const char *v, uint32_t *bits)
{
	char buf[128], *tok, *save;

	if (strlen(v) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", v);
	*bits = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "OpenFlow10"))
			*bits |= 1U << WEFTD_OFP10;
		else if (!strcmp(tok, "OpenFlow13"))
			*bits |= 1U << WEFTD_OFP13;
		else
			return -1;
	}
	return *bits ? 0 : -1;
}

int weftd_conf_set(struct weftd_conf *c, const char *key, const char *v,
		   char *err, size_t errlen)
{
	unsigned long long n;
	int level;

	if (!strcmp(key, "datapath")) {
		if (!*v || strlen(v) >= IFNAMSIZ || strchr(v, '/') ||
		    strchr(v, ' '))
			goto bad;
		snprintf(c->datapath, sizeof(c->datapath), "%s", v);
	} else if (!strcmp(key, "datapath_id")) {
		char *end;

		errno = 0;
		n = strtoull(v, &end, 16);
		if (!*v || *end || errno || strlen(v) > 16)
			goto bad;
		c->dpid = n;
		c->has_dpid = true;
	} else if (!strcmp(key, "controller")) {
		return add_remote(c->controllers, &c->n_controllers, v, false,
				  err, errlen);
	} else if (!strcmp(key, "listen")) {
		return add_remote(c->listeners, &c->n_listeners, v, true,
				  err, errlen);
	} else if (!strcmp(key, "control_socket")) {
		if (!*v || strlen(v) >= sizeof(c->ctl_socket))
			goto bad;
		snprintf(c->ctl_socket, sizeof(c->ctl_socket), "%s", v);
	} else if (!strcmp(key, "log_level")) {
		level = weftd_log_level_parse(v);
		if (level < 0)
			goto bad;
		c->log_level = level;
	} else if (!strcmp(key, "syslog")) {
		if (parse_bool(v, &c->syslog))
			goto bad;
	} else if (!strcmp(key, "probe_interval")) {
		if (parse_uint(v, 3600, &n) || (n && n < 1))
			goto bad;
		c->probe_interval_s = n;
	} else if (!strcmp(key, "max_backoff")) {
		if (parse_uint(v, 3600, &n) || !n)
			goto bad;
		c->max_backoff_s = n;
	} else if (!strcmp(key, "protocols")) {
		if (parse_versions(v, &c->versions))
			goto bad;
	} else if (!strcmp(key, "upcall_rate")) {
		if (parse_uint(v, UINT32_MAX, &n))
			goto bad;
		c->upcall_rate = n;
	} else if (!strcmp(key, "upcall_burst")) {
		if (parse_uint(v, UINT32_MAX, &n))
			goto bad;
		c->upcall_burst = n;
	} else if (!strcmp(key, "max_queue_kb")) {
		if (parse_uint(v, 1 << 20, &n) || n < 64)
			goto bad;
		c->max_queue_kb = n;
	} else {
		snprintf(err, errlen, "unknown key \"%s\"", key);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, "bad %s \"%s\"", key, v);
	return -1;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int weftd_conf_read(struct weftd_conf *c, const char *path, bool optional)
{
	char line[512], err[256], *key, *val, *eq, *hash;
	unsigned int lineno = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		if (optional && errno == ENOENT)
			return 0;
		fprintf(stderr, "weftd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	c->conf_file = path;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		key = trim(line);
		if (!*key)
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			fprintf(stderr, "weftd: %s:%u: \"%s\" is not KEY = VALUE\n",
				path, lineno, key);
			goto fail;
		}
		*eq = '\0';
		val = trim(eq + 1);
		key = trim(key);
		if (weftd_conf_set(c, key, val, err, sizeof(err))) {
			fprintf(stderr, "weftd: %s:%u: %s\n", path, lineno, err);
			goto fail;
		}
	}
	fclose(f);
	return 0;
fail:
	fclose(f);
	return -1;
}
