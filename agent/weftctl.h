/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weftctl internals shared by weftctl.c and the cmd_*.c command files.
 */
#ifndef WEFTCTL_H
#define WEFTCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "flow_text.h"
#include "nl.h"

#define WEFTCTL_EXIT_ERROR	1
#define WEFTCTL_EXIT_USAGE	2

/* A (sub)command: argv[0] is its own name. */
struct weft_ctl_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

/*
 * Run the command of @cmds named by argv[0]; @group is the command path so
 * far ("dp") and @usage its usage text, printed when argv[0] is missing or
 * unknown (exit 2) or is "help" (exit 0).
 */
int weft_ctl_dispatch(const struct weft_ctl_cmd *cmds, size_t n_cmds,
		      const char *group, const char *usage,
		      int argc, char **argv);

/* "weftctl: MESSAGE" on stderr. */
void weft_ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "Usage: weftctl USAGE" on stderr; returns WEFTCTL_EXIT_USAGE. */
int weft_ctl_usage(const char *usage);

/* The netlink socket, opened on first use; NULL after printing why not. */
struct weft_nl *weft_ctl_nl(void);

/*
 * Report the failure @err of a request: "weftctl: CONTEXT: strerror (extack
 * message; attribute NAME)".  Returns WEFTCTL_EXIT_ERROR.
 */
int weft_ctl_nl_err(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same, for a request that went through another socket, @nl. */
int weft_ctl_nl_err_on(struct weft_nl *nl, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Port-name resolver for flow text (weft_port_resolver): @ctx is the
 * datapath's name.  The datapath's ports are dumped once per invocation.
 * When the dump itself fails, the error has been reported and
 * weft_ctl_resolve_failed() is true.
 */
int weft_ctl_resolve_port(void *ctx, const char *name, __u32 *port);
bool weft_ctl_resolve_failed(void);

/* A growable array of fixed-size, zero-initialized elements. */
struct weft_ctl_vec {
	char *items;
	size_t n, cap, size;
};

void weft_ctl_vec_init(struct weft_ctl_vec *v, size_t size);
/* Append a zeroed element; NULL when out of memory. */
void *weft_ctl_vec_add(struct weft_ctl_vec *v);
static inline void *weft_ctl_vec_at(const struct weft_ctl_vec *v, size_t i)
{
	return v->items + i * v->size;
}
void weft_ctl_vec_free(struct weft_ctl_vec *v);

/* Dump or get objects of a datapath into vectors (of weft_*_info). */
int weft_ctl_get_ports(const char *dp, struct weft_ctl_vec *ports);

/* Flow text shared by the flow commands (cmd_flow.c). */
extern const char *const weft_ctl_op_words[];	/* "add", "mod", ... */
extern const __u8 weft_ctl_op_cmds[];		/* WEFT_CMD_FLOW_NEW, ... */
/* A datapath name that can be one, else an error printed and false. */
bool weft_ctl_check_dp(const char *dp);
/* argv words joined by spaces (a flow the shell split); NULL: no memory. */
char *weft_ctl_join_args(int argc, char **argv);
/*
 * Parse @text for @op; on error print it, prefixed by @where ("FILE:LINE:
 * " or ""), and return WEFTCTL_EXIT_ERROR.
 */
int weft_ctl_parse_flow(const char *dp, const char *text, enum weft_flow_op op,
			bool strict, struct weft_flow *flow, const char *where);
/*
 * flow add DP --file F (cmd_flow_file.c); @timing prints how long the
 * parse and the requests took, on stderr.
 */
int weft_ctl_flow_add_file(const char *dp, const char *path, bool excl,
			   bool timing);
/* flow bundle DP FILE (cmd_flow_file.c); argv[0] is "bundle". */
int weft_ctl_flow_bundle(int argc, char **argv);

int weft_cmd_dp(int argc, char **argv);
int weft_cmd_port(int argc, char **argv);
int weft_cmd_flow(int argc, char **argv);
int weft_cmd_stats(int argc, char **argv);
int weft_cmd_table(int argc, char **argv);
int weft_cmd_group(int argc, char **argv);
int weft_cmd_monitor(int argc, char **argv);
int weft_cmd_trace(int argc, char **argv);
int weft_cmd_packet_out(int argc, char **argv);
int weft_cmd_agent(int argc, char **argv);

#endif /* WEFTCTL_H */
