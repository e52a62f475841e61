/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ovs-ofctl flow syntax <-> struct weft_flow.
 *
 * The parser takes what `ovs-ofctl add-flow/mod-flows/del-flows` take (the
 * subset weft implements) and the formatter prints what `ovs-ofctl
 * -O OpenFlow13 dump-flows` prints, so that text moves between the two
 * tools unchanged.
 */
#ifndef WEFT_FLOW_TEXT_H
#define WEFT_FLOW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "match.h"

/* What the flow text is for: it decides which keywords are allowed. */
enum weft_flow_op {
	WEFT_FLOW_OP_ADD,	/* WEFT_CMD_FLOW_NEW */
	WEFT_FLOW_OP_MOD,	/* WEFT_CMD_FLOW_SET */
	WEFT_FLOW_OP_DEL,	/* WEFT_CMD_FLOW_DEL */
	/*
	 * A packet for WEFT_CMD_TRACE, as ovs-appctl ofproto/trace takes it:
	 * match fields only, none masked, no actions.
	 */
	WEFT_FLOW_OP_PACKET,
};

/*
 * Look up the port named @name (a netdev name: neither a number nor a
 * reserved port's name).  Returns 0, -ENOENT if there is no such port, or
 * another negative errno if the lookup itself failed.
 */
typedef int (*weft_port_resolver)(void *ctx, const char *name, __u32 *port);

/*
 * Parse @text into @flow for @op; @strict selects the strict variants of
 * mod and del.  Port names go through @resolve (may be NULL: names are then
 * errors).  On error, returns -EINVAL (or the resolver's error) and leaves a
 * message in @err quoting the bad token, e.g.
 *   invalid IPv4 address "10.0.0.300" in "nw_dst=10.0.0.300"
 *
 * Like ovs-ofctl, the parser fills in what the text leaves out: priority
 * 32768 for add, mod and strict del (the kernel's own default is 0, so the
 * attribute is always sent), every table (WEFT_TABLE_ALL) for del, a
 * VLAN_VID "any tag" match under dl_vlan_pcp, and a push_vlan before
 * mod_vlan_vid/mod_vlan_pcp when the match does not ensure a tag.  It
 * checks the OpenFlow prerequisites it can see (tp_src needs tcp/udp/sctp,
 * nw_* need ip, set_field:...->ip_src needs ip in the match, ...); the
 * kernel remains the final judge.
 */
int weft_flow_from_str(struct weft_flow *flow, const char *text,
		       enum weft_flow_op op, bool strict,
		       weft_port_resolver resolve, void *ctx,
		       char *err, size_t errlen);
/*
 * For many flows in a row (a flow file; one parser per thread): the
 * parser's state is allocated once, not per flow, and each parse into the
 * same @flow clears only what the previous one can have set, not the
 * unused slots of both action lists (2 x 64).  Allocating and clearing
 * per flow were about 13 % of the instructions of a big file's parse.
 *
 * weft_flow_parser_parse() is weft_flow_from_str() otherwise.  @flow must
 * be zeroed (weft_flow_init()) before its first parse and changed only by
 * weft_flow_parser_parse() after.
 */
struct weft_flow_parser;
struct weft_flow_parser *weft_flow_parser_new(void);
void weft_flow_parser_free(struct weft_flow_parser *fp);
int weft_flow_parser_parse(struct weft_flow_parser *fp, struct weft_flow *flow,
			   const char *text, enum weft_flow_op op, bool strict,
			   weft_port_resolver resolve, void *ctx,
			   char *err, size_t errlen);

/* Where a bare action list (no instructions) is used. */
enum weft_actions_use {
	WEFT_ACTIONS_PACKET_OUT,	/* output:TABLE allowed */
	WEFT_ACTIONS_BUCKET,		/* a group bucket */
};

/*
 * Parse an action list in ovs-ofctl syntax ("output:1,mod_vlan_vid:5").
 * No match is known, so no set-field prerequisite is checked here.
 */
int weft_actions_from_str(struct weft_actions *acts, const char *text,
			  enum weft_actions_use use,
			  weft_port_resolver resolve, void *ctx,
			  char *err, size_t errlen);

/*
 * The match as ovs-ofctl's match_format() prints it, priority first when it
 * is not 32768: "priority=100,tcp,in_port=1,nw_dst=10.0.0.0/24,tp_dst=80".
 * Empty for a catch-all flow of default priority.  These return the
 * snprintf-style length; the output is truncated to fit @len.
 */
int weft_flow_format_match(const struct weft_flow *flow, char *buf, size_t len);

/*
 * One packet's fields (a trace's key, packet-in metadata, a decoded
 * frame) as ovs-ofctl prints a flow: no priority, and an untagged packet
 * as "vlan_tci=0x0000" where a match shows "vlan_tci=0x0000/0x1fff".
 */
int weft_match_format(const struct weft_match *m, char *buf, size_t len);

/*
 * The instructions as ovs-ofctl prints them: the apply actions, then
 * clear_actions, write_actions(...), write_metadata:V/M, goto_table:N;
 * "drop" when there are none.
 */
int weft_flow_format_actions(const struct weft_flow *flow, char *buf,
			     size_t len);
int weft_insts_format(const struct weft_insts *insts, char *buf, size_t len);
/* An action list: "output:2,LOCAL", "drop" when empty. */
int weft_actions_format(const struct weft_actions *acts, char *buf,
			size_t len);

/*
 * A whole `ovs-ofctl dump-flows` line, without its leading space:
 * "cookie=0x0, duration=1.234s, table=0, n_packets=3, n_bytes=294,
 * idle_age=1, priority=100,ip,in_port=1,nw_dst=10.0.0.0/24
 * actions=output:2"
 */
int weft_flow_format(const struct weft_flow *flow, char *buf, size_t len);

/*
 * Seconds since the flow last matched a packet, or since it was added if
 * it never did: what ovs-ofctl shows as idle_age.
 */
unsigned long long weft_flow_idle_age(const struct weft_flow *flow);

/*
 * Each matched field as a name/value pair, in match_format() order but with
 * no shorthands (dl_type and nw_proto appear as themselves) and no
 * priority: what a JSON "match" object holds.
 */
typedef void (*weft_match_field_cb)(void *ctx, const char *name,
				    const char *value);
void weft_flow_match_fields(const struct weft_flow *flow,
			    weft_match_field_cb cb, void *ctx);

/* ovs-ofctl's word for flag WEFT_FLOW_F_x (bit @bit), or NULL. */
const char *weft_flow_flag_name(unsigned int bit);

/* Set-field: the OXM/ovs name of a settable field, NULL if none. */
const char *weft_set_field_name(unsigned int attr);
/* "set_field:10.0.0.1->ip_src" style value text of a set-field action. */
int weft_set_field_format_value(const struct weft_action *a, char *buf,
				size_t len);

#endif /* WEFT_FLOW_TEXT_H */
