// SPDX-License-Identifier: GPL-2.0
/*
 * The switch's self-description.  These lists must say what the kernel
 * pipeline really does: controllers (and ovs-ofctl) plan from them.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/weft.h>

#include "ofp.h"
#include "tables.h"
#include "weftd.h"

/* The OpenFlow basic fields weft matches on; maskable ones flagged. */
static const struct {
	uint8_t field;
	bool maskable;
	bool settable;
} fields[] = {
	{ WEFT_OFPXMT_IN_PORT, false, false },
	{ WEFT_OFPXMT_IN_PHY_PORT, false, false },
	{ WEFT_OFPXMT_METADATA, true, false },
	{ WEFT_OFPXMT_ETH_DST, true, true },
	{ WEFT_OFPXMT_ETH_SRC, true, true },
	{ WEFT_OFPXMT_ETH_TYPE, false, false },
	{ WEFT_OFPXMT_VLAN_VID, true, true },
	{ WEFT_OFPXMT_VLAN_PCP, false, true },
	{ WEFT_OFPXMT_IP_DSCP, false, true },
	{ WEFT_OFPXMT_IP_ECN, false, true },
	{ WEFT_OFPXMT_IP_PROTO, false, false },
	{ WEFT_OFPXMT_IPV4_SRC, true, true },
	{ WEFT_OFPXMT_IPV4_DST, true, true },
	{ WEFT_OFPXMT_TCP_SRC, true, true },
	{ WEFT_OFPXMT_TCP_DST, true, true },
	{ WEFT_OFPXMT_UDP_SRC, true, true },
	{ WEFT_OFPXMT_UDP_DST, true, true },
	{ WEFT_OFPXMT_SCTP_SRC, true, true },
	{ WEFT_OFPXMT_SCTP_DST, true, true },
	{ WEFT_OFPXMT_ICMPV4_TYPE, false, true },
	{ WEFT_OFPXMT_ICMPV4_CODE, false, true },
	{ WEFT_OFPXMT_ARP_OP, false, true },
	{ WEFT_OFPXMT_ARP_SPA, true, true },
	{ WEFT_OFPXMT_ARP_TPA, true, true },
	{ WEFT_OFPXMT_ARP_SHA, true, true },
	{ WEFT_OFPXMT_ARP_THA, true, true },
	{ WEFT_OFPXMT_IPV6_SRC, true, true },
	{ WEFT_OFPXMT_IPV6_DST, true, true },
	{ WEFT_OFPXMT_IPV6_FLABEL, true, true },
	{ WEFT_OFPXMT_ICMPV6_TYPE, false, true },
	{ WEFT_OFPXMT_ICMPV6_CODE, false, true },
	{ WEFT_OFPXMT_IPV6_ND_TARGET, true, true },
	{ WEFT_OFPXMT_IPV6_ND_SLL, true, true },
	{ WEFT_OFPXMT_IPV6_ND_TLL, true, true },
	{ WEFT_OFPXMT_MPLS_LABEL, false, true },
	{ WEFT_OFPXMT_MPLS_TC, false, true },
	{ WEFT_OFPXMT_MPLS_BOS, false, false },
	{ WEFT_OFPXMT_TUNNEL_ID, true, true },
};

static const uint16_t actions[] = {
	WEFT_OFPAT_OUTPUT, WEFT_OFPAT_COPY_TTL_OUT, WEFT_OFPAT_COPY_TTL_IN,
	WEFT_OFPAT_SET_MPLS_TTL, WEFT_OFPAT_DEC_MPLS_TTL,
	WEFT_OFPAT_PUSH_VLAN, WEFT_OFPAT_POP_VLAN, WEFT_OFPAT_PUSH_MPLS,
	WEFT_OFPAT_POP_MPLS, WEFT_OFPAT_SET_QUEUE, WEFT_OFPAT_GROUP,
	WEFT_OFPAT_SET_NW_TTL, WEFT_OFPAT_DEC_NW_TTL, WEFT_OFPAT_SET_FIELD,
};

static const uint16_t insts[] = {
	WEFT_OFPIT_GOTO_TABLE, WEFT_OFPIT_WRITE_METADATA,
	WEFT_OFPIT_WRITE_ACTIONS, WEFT_OFPIT_APPLY_ACTIONS,
	WEFT_OFPIT_CLEAR_ACTIONS,
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static uint32_t oxm_header(uint8_t field, bool hasmask)
{
	size_t len = weft_of_oxm_field_len(WEFT_OFPXMC_OPENFLOW_BASIC, field);

	return (uint32_t)WEFT_OFPXMC_OPENFLOW_BASIC << 16 | field << 9 |
	       (hasmask ? 1U << 8 | len * 2 : len);
}

/* Property @type holding @n ids; NULL when out of memory. */
static struct weft_of_tf_id *prop(struct weft_of_tf_prop *p, uint16_t type,
				  size_t n)
{
	p->type = type;
	p->ids = calloc(n ? n : 1, sizeof(*p->ids));
	if (p->ids)
		p->n_ids = n;
	return p->ids;
}

static void fill_table(struct weft_of_table_features *t, uint8_t id)
{
	struct weft_of_tf_id *ids;
	size_t i, j, k, n;
	int miss;

	t->table_id = id;
	snprintf(t->name, sizeof(t->name), "table%u", id);
	t->metadata_match = UINT64_MAX;
	t->metadata_write = UINT64_MAX;
	t->max_entries = WEFTD_TABLE_MAX_ENTRIES;
	t->props = calloc(16, sizeof(*t->props));
	if (!t->props)
		return;
	/* Each property, then its _MISS twin: the same for weft. */
	for (miss = 0; miss < 2; miss++) {
		struct weft_of_tf_prop *p = &t->props[t->n_props];
		bool last = id == WEFT_TABLE_MAX;

		/* INSTRUCTIONS(_MISS): no goto from the last table */
		ids = prop(p++, WEFT_OFPTFPT_INSTRUCTIONS + miss,
			   N(insts) - last);
		for (i = 0, k = 0; ids && i < N(insts); i++)
			if (!last || insts[i] != WEFT_OFPIT_GOTO_TABLE)
				ids[k++].id = insts[i];
		/* NEXT_TABLES(_MISS): every later table */
		ids = prop(p++, WEFT_OFPTFPT_NEXT_TABLES + miss,
			   WEFT_TABLE_MAX - id);
		for (i = 0; ids && i < (size_t)(WEFT_TABLE_MAX - id); i++)
			ids[i].id = id + 1 + i;
		/* WRITE/APPLY_ACTIONS(_MISS) */
		for (j = 0; j < 2; j++) {
			ids = prop(p++, (j ? WEFT_OFPTFPT_APPLY_ACTIONS :
					 WEFT_OFPTFPT_WRITE_ACTIONS) + miss,
				   N(actions));
			for (i = 0; ids && i < N(actions); i++)
				ids[i].id = actions[i];
		}
		/* WRITE/APPLY_SETFIELD(_MISS) */
		for (n = 0, i = 0; i < N(fields); i++)
			n += fields[i].settable;
		for (j = 0; j < 2; j++) {
			ids = prop(p++, (j ? WEFT_OFPTFPT_APPLY_SETFIELD :
					 WEFT_OFPTFPT_WRITE_SETFIELD) + miss, n);
			for (i = 0, k = 0; ids && i < N(fields); i++)
				if (fields[i].settable)
					ids[k++].id = oxm_header(fields[i].field,
								 false);
		}
		t->n_props = p - t->props;
	}
	/* MATCH and WILDCARDS: every field, with HM where maskable. */
	ids = prop(&t->props[t->n_props++], WEFT_OFPTFPT_MATCH, N(fields));
	for (i = 0; ids && i < N(fields); i++)
		ids[i].id = oxm_header(fields[i].field, fields[i].maskable);
	ids = prop(&t->props[t->n_props++], WEFT_OFPTFPT_WILDCARDS, N(fields));
	for (i = 0; ids && i < N(fields); i++)
		ids[i].id = oxm_header(fields[i].field, false);
}

void weftd_table_features(struct weft_of_multipart *mp)
{
	unsigned int i;

	mp->table_features = calloc(WEFT_TABLE_MAX + 1,
				    sizeof(*mp->table_features));
	if (!mp->table_features)
		return;
	mp->n = WEFT_TABLE_MAX + 1;
	for (i = 0; i <= WEFT_TABLE_MAX; i++)
		fill_table(&mp->table_features[i], i);
}

/* ofp_group_capabilities */
#define OFPGFC_SELECT_WEIGHT	(1U << 0)
#define OFPGFC_SELECT_LIVENESS	(1U << 1)
#define OFPGFC_CHAINING		(1U << 2)
#define OFPGFC_CHAINING_CHECKS	(1U << 3)

void weftd_group_features(struct weft_of_group_features *gf)
{
	uint32_t acts = 0;
	size_t i;

	for (i = 0; i < N(actions); i++)
		acts |= 1U << actions[i];
	gf->types = 1U << WEFT_OFPGT_ALL | 1U << WEFT_OFPGT_SELECT |
		    1U << WEFT_OFPGT_INDIRECT | 1U << WEFT_OFPGT_FF;
	gf->capabilities = OFPGFC_SELECT_WEIGHT | OFPGFC_SELECT_LIVENESS |
			   OFPGFC_CHAINING | OFPGFC_CHAINING_CHECKS;
	for (i = 0; i < 4; i++) {
		gf->max_groups[i] = WEFT_GROUP_MAX;
		gf->actions[i] = acts;
	}
}

void weftd_ofp_port_desc(const struct weftd_port *p, struct weft_of_port *o)
{
	memset(o, 0, sizeof(*o));
	o->port_no = p->port_no;
	memcpy(o->hw_addr, p->mac, 6);
	strncpy(o->name, p->name, sizeof(o->name));
	o->config = p->config;
	o->state = p->state;
	o->curr = p->curr;
	o->curr_speed = p->curr_speed;
	o->max_speed = p->curr_speed;
}
