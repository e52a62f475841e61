// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute tables: complete and consistent with uapi/linux/weft.h, and
 * extended-ACK offsets mapped back to the attributes of a request.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/if.h>
#include <linux/weft.h>

#include "attrs.h"
#include "match.h"
#include "tap.h"
#include "util.h"

static void test_tables(void)
{
	static const struct {
		const struct weft_attr_set *set;
		const char *prefix;
	} sets[] = {
		{ &weft_attrs_top, "WEFT_A_" },
		{ &weft_attrs_dp_stats, "WEFT_DP_STATS_A_" },
		{ &weft_attrs_port, "WEFT_PORT_A_" },
		{ &weft_attrs_port_stats, "WEFT_PORT_STATS_A_" },
		{ &weft_attrs_flow, "WEFT_FLOW_A_" },
		{ &weft_attrs_flow_stats, "WEFT_FLOW_STATS_A_" },
		{ &weft_attrs_key, "WEFT_KEY_A_" },
		{ &weft_attrs_inst, "WEFT_INST_A_" },
		{ &weft_attrs_act, "WEFT_ACT_A_" },
	};
	unsigned int attr;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		const struct weft_attr_set *set = sets[i].set;
		bool ok = !weft_attr_desc(set, 0) &&
			  !weft_attr_desc(set, set->max + 1);

		for (attr = 1; attr <= set->max; attr++) {
			const struct weft_attr_desc *d = weft_attr_desc(set, attr);

			if (!d || strncmp(d->name, sets[i].prefix,
					  strlen(sets[i].prefix))) {
				weft_tap_diag("%s%u unnamed", sets[i].prefix, attr);
				ok = false;
			}
		}
		weft_tap_ok(ok, "every %s* attribute (1..%u) is named",
			    sets[i].prefix, set->max);
	}

	/* Spot checks that names sit at their enum values. */
	weft_tap_str(weft_attr_desc(&weft_attrs_key, WEFT_KEY_A_ICMPV4_CODE)->name,
		     "WEFT_KEY_A_ICMPV4_CODE", "key table aligned with the enum");
	weft_tap_str(weft_attr_desc(&weft_attrs_flow, WEFT_FLOW_A_OUT_GROUP)->name,
		     "WEFT_FLOW_A_OUT_GROUP", "flow table aligned with the enum");

	/* The match code and the table agree on every field's size. */
	{
		bool ok = true;

		for (attr = 1; attr <= WEFT_KEY_A_KNOWN_MAX; attr++) {
			const struct weft_attr_desc *d =
				weft_attr_desc(&weft_attrs_key, attr);
			size_t len = d->kind == WEFT_AK_U8 ? 1 :
				     d->kind == WEFT_AK_U16 ? 2 :
				     d->kind == WEFT_AK_U32 ? 4 :
				     d->kind == WEFT_AK_U64 ? 8 :
				     d->kind == WEFT_AK_BINARY ? d->len : 0;

			if (len != weft_match_field_len(attr)) {
				weft_tap_diag("%s: %zu vs %zu", d->name, len,
					      weft_match_field_len(attr));
				ok = false;
			}
		}
		weft_tap_ok(ok, "struct weft_key field sizes match the ABI");
		weft_tap_ok(weft_match_field_len(WEFT_KEY_A_KNOWN_MAX + 1) == 0 &&
			    weft_match_field_len(0) == 0,
			    "no size for fields outside the known range");
	}
}

/* A request that uses every level of nesting. */
struct req_offsets {
	unsigned int dp_name, port, port_name, port_type, port_unknown;
	unsigned int flow, key, key_in_port, mask, mask_ipv4_dst;
	unsigned int inst, apply, output2;
};

static __u64 reqbuf[1024];

static struct nlmsghdr *build_req(struct req_offsets *o)
{
	struct nlattr *port, *flow, *n, *inst, *apply;
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

#define OFF() ((unsigned int)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)nlh))
	memset(reqbuf, 0, sizeof(reqbuf));
	nlh = mnl_nlmsg_put_header(reqbuf);
	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = WEFT_CMD_PORT_NEW;
	o->dp_name = OFF();
	mnl_attr_put_strz(nlh, WEFT_A_DP_NAME, "dp0");
	o->port = OFF();
	port = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	o->port_name = OFF();
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, "veth0");
	o->port_type = OFF();
	mnl_attr_put_u32(nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_NETDEV);
	o->port_unknown = OFF();
	mnl_attr_put_u32(nlh, 99, 0);
	mnl_attr_nest_end(nlh, port);
	o->flow = OFF();
	flow = mnl_attr_nest_start(nlh, WEFT_A_FLOW);
	mnl_attr_put_u16(nlh, WEFT_FLOW_A_PRIORITY, 1);
	o->key = OFF();
	n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_KEY);
	o->key_in_port = OFF();
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IN_PORT, 1);
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IPV4_DST, 0);
	mnl_attr_nest_end(nlh, n);
	o->mask = OFF();
	n = mnl_attr_nest_start(nlh, WEFT_FLOW_A_MASK);
	o->mask_ipv4_dst = OFF();
	mnl_attr_put_u32(nlh, WEFT_KEY_A_IPV4_DST, 0);
	mnl_attr_nest_end(nlh, n);
	o->inst = OFF();
	inst = mnl_attr_nest_start(nlh, WEFT_FLOW_A_INSTRUCTIONS);
	o->apply = OFF();
	apply = mnl_attr_nest_start(nlh, WEFT_INST_A_APPLY_ACTIONS);
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, 1);
	o->output2 = OFF();
	mnl_attr_put_u32(nlh, WEFT_ACT_A_OUTPUT, 2);
	mnl_attr_nest_end(nlh, apply);
	mnl_attr_nest_end(nlh, inst);
	mnl_attr_nest_end(nlh, flow);
#undef OFF
	return nlh;
}

static void check_name(const struct nlmsghdr *req, unsigned int offset,
		       const char *want, const char *what)
{
	char name[128];
	int ret;

	ret = weft_attr_name_at(req, GENL_HDRLEN, offset, &weft_attrs_top,
				name, sizeof(name));
	weft_tap_ok(ret > 0, "offset %u (%s) maps to an attribute", offset, what);
	weft_tap_str(name, want, "offset %u (%s) is %s", offset, what, want);
}

static void test_offsets(void)
{
	const struct weft_attr_set *sets[8];
	struct req_offsets o;
	struct nlmsghdr *req = build_req(&o);
	__u16 path[8];
	char name[128];
	int depth;

	check_name(req, o.dp_name, "WEFT_A_DP_NAME", "top-level string");
	check_name(req, o.dp_name + 5, "WEFT_A_DP_NAME", "inside its payload");
	check_name(req, o.port, "WEFT_A_PORT", "a nest's own header");
	check_name(req, o.port_name, "WEFT_PORT_A_NAME", "nested attribute");
	check_name(req, o.port_type, "WEFT_PORT_A_TYPE", "second nested attribute");
	check_name(req, o.port_unknown, "WEFT_A_PORT/type 99",
		   "unknown type in a nest");
	check_name(req, o.key_in_port, "WEFT_KEY_A_IN_PORT", "key field");
	check_name(req, o.mask_ipv4_dst, "WEFT_KEY_A_IPV4_DST", "mask field");
	check_name(req, o.apply, "WEFT_INST_A_APPLY_ACTIONS", "action list");
	check_name(req, o.output2, "WEFT_ACT_A_OUTPUT", "an action, 4 deep");

	depth = weft_attr_path(req, GENL_HDRLEN, o.output2, &weft_attrs_top,
			       path, sets, 8);
	weft_tap_ok(depth == 4 && path[0] == WEFT_A_FLOW &&
		    path[1] == WEFT_FLOW_A_INSTRUCTIONS &&
		    path[2] == WEFT_INST_A_APPLY_ACTIONS &&
		    path[3] == WEFT_ACT_A_OUTPUT && sets[0] == &weft_attrs_top &&
		    sets[3] == &weft_attrs_act,
		    "path of the second output: FLOW/INSTRUCTIONS/APPLY_ACTIONS/OUTPUT");
	depth = weft_attr_path(req, GENL_HDRLEN, o.mask_ipv4_dst,
			       &weft_attrs_top, path, sets, 8);
	weft_tap_ok(depth == 3 && path[1] == WEFT_FLOW_A_MASK &&
		    path[2] == WEFT_KEY_A_IPV4_DST,
		    "path tells a MASK field from a KEY field");
	depth = weft_attr_path(req, GENL_HDRLEN, o.output2, &weft_attrs_top,
			       path, sets, 2);
	weft_tap_ok(depth == 4 && path[1] == WEFT_FLOW_A_INSTRUCTIONS,
		    "short path buffer: full depth, outermost types kept");

	weft_tap_ok(weft_attr_name_at(req, GENL_HDRLEN, 4, &weft_attrs_top,
				      name, sizeof(name)) == -ENOENT &&
		    name[0] == '\0', "offset in the netlink header: no attribute");
	weft_tap_ok(weft_attr_name_at(req, GENL_HDRLEN, req->nlmsg_len + 100,
				      &weft_attrs_top, name,
				      sizeof(name)) == -ENOENT,
		    "offset past the message: no attribute");
	weft_attr_name_at(req, GENL_HDRLEN, o.port_name, NULL, name,
			  sizeof(name));
	weft_tap_str(name, "type 2", "without tables, numbers (nlctrl requests)");

	weft_attr_missing_name(req, GENL_HDRLEN, o.port, WEFT_PORT_A_NAME,
			       &weft_attrs_top, name, sizeof(name));
	weft_tap_str(name, "WEFT_PORT_A_NAME", "missing attribute inside WEFT_A_PORT");
	weft_attr_missing_name(req, GENL_HDRLEN, 0, WEFT_A_DP_NAME,
			       &weft_attrs_top, name, sizeof(name));
	weft_tap_str(name, "WEFT_A_DP_NAME", "missing top-level attribute");
	weft_attr_missing_name(req, GENL_HDRLEN, o.key, WEFT_KEY_A_ETH_TYPE,
			       &weft_attrs_top, name, sizeof(name));
	weft_tap_str(name, "WEFT_KEY_A_ETH_TYPE", "missing attribute inside WEFT_FLOW_A_KEY");
}

static void test_parse_checks(void)
{
	const struct nlattr *tb[WEFT_PORT_A_MAX + 1];
	char long_name[IFNAMSIZ + 1];
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	memset(long_name, 'x', IFNAMSIZ);
	long_name[IFNAMSIZ] = '\0';
	memset(reqbuf, 0, sizeof(reqbuf));
	nlh = mnl_nlmsg_put_header(reqbuf);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, long_name);
	mnl_attr_nest_end(nlh, nest);
	weft_tap_ok(weft_attr_parse_nested(nest, &weft_attrs_port, tb) == -EPROTO,
		    "a name of IFNAMSIZ bytes plus NUL is refused");

	memset(reqbuf, 0, sizeof(reqbuf));
	nlh = mnl_nlmsg_put_header(reqbuf);
	nest = mnl_attr_nest_start(nlh, WEFT_A_PORT);
	mnl_attr_put_strz(nlh, WEFT_PORT_A_NAME, "veth0");
	mnl_attr_put_u32(nlh, WEFT_PORT_A_PAD, 0);
	mnl_attr_put_u32(nlh, WEFT_PORT_A_MAX + 5, 0);
	mnl_attr_nest_end(nlh, nest);
	weft_tap_ok(weft_attr_parse_nested(nest, &weft_attrs_port, tb) == 0 &&
		    tb[WEFT_PORT_A_NAME] && !tb[WEFT_PORT_A_PAD],
		    "pads and unknown types are skipped, known ones kept");
}

void weft_test_attrs(void)
{
	test_tables();
	test_offsets();
	test_parse_checks();
}
