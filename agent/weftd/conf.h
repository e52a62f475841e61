/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weftd's configuration: /etc/weft/weftd.conf (or -f FILE), then the
 * command line, whose options override the file's (a list given on the
 * command line replaces the file's list).  See weftd.8.
 */
#ifndef WEFTD_CONF_H
#define WEFTD_CONF_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/if.h>

#define WEFTD_CONF_FILE		"/etc/weft/weftd.conf"
#define WEFTD_MAX_REMOTES	16
#define WEFTD_VERSION		"0.4"

/* OpenFlow wire versions. */
#define WEFTD_OFP10		0x01
#define WEFTD_OFP13		0x04

struct weftd_conf {
	char datapath[IFNAMSIZ];
	bool has_dpid;
	uint64_t dpid;
	unsigned int n_controllers;
	char *controllers[WEFTD_MAX_REMOTES];	/* "tcp:IP:PORT" */
	unsigned int n_listeners;
	char *listeners[WEFTD_MAX_REMOTES];	/* "ptcp:PORT[:IP]" */
	char ctl_socket[108];
	int log_level;
	bool syslog;
	unsigned int probe_interval_s;	/* echo after this much silence */
	unsigned int max_backoff_s;	/* reconnect back-off ceiling */
	uint32_t versions;		/* bitmap of 1 << WEFTD_OFP1x */
	uint32_t upcall_rate;		/* packet-ins per second, 0: kernel's */
	uint32_t upcall_burst;
	unsigned int max_queue_kb;	/* output queue bound per connection */
	const char *conf_file;		/* the file read, NULL if none */
};

void weftd_conf_defaults(struct weftd_conf *c);
void weftd_conf_free(struct weftd_conf *c);
/* Empty a list setting (controllers, listeners). */
void weftd_conf_clear_list(char **list, unsigned int *n);

/*
 * Read a key = value file into @c.  A missing file is fine when
 * @optional.  Returns 0, or -1 after printing "FILE:LINE: ..." to stderr.
 */
int weftd_conf_read(struct weftd_conf *c, const char *path, bool optional);

/*
 * Set one key (the file's names; the command line maps to them too).
 * Returns 0, or -1 with a message quoting the bad value in @err.
 */
int weftd_conf_set(struct weftd_conf *c, const char *key, const char *value,
		   char *err, size_t errlen);

/* "tcp:IP:PORT" / "ptcp:PORT[:IP]" checks, for early errors. */
int weftd_remote_parse(const char *s, bool passive, char *host, size_t hlen,
		       uint16_t *port);

#endif /* WEFTD_CONF_H */
