// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: the prerequisites of every match field, table
 * driven.  Each WEFT_KEY_A_* has a row with its prerequisites (accepted)
 * and rows without them or with wrong ones (EINVAL, the extack naming the
 * field).  A last test checks that the table covers every field of the
 * uapi header, so that a new field cannot be added without its row.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

struct prereq_row {
	uint16_t field;
	const char *name;
	uint8_t len;
	uint8_t val[16];
	uint16_t eth;		/* ETH_TYPE to match first; 0: none */
	uint8_t proto;		/* IP_PROTO; 0: none */
	uint8_t icmp6;		/* ICMPV6_TYPE; 0: none */
	uint16_t vid;		/* VLAN_VID (with its present bit); 0: none */
	bool ok;
};

#define F(attr, n, ...) .field = attr, .name = #attr, .len = n, \
	.val = { __VA_ARGS__ }
#define IP4 .eth = 0x0800
#define IP6 .eth = 0x86dd
#define ARP .eth = 0x0806
#define MAC 2, 0, 0, 0, 0, 1
#define V6 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
/* u32/u64 attributes are host order: this suite runs on little endian. */
#define U32(x) (x) & 0xff, ((x) >> 8) & 0xff, ((x) >> 16) & 0xff, (x) >> 24
#define BE16(x) (x) >> 8, (x) & 0xff
#define BE32(x) (x) >> 24, ((x) >> 16) & 0xff, ((x) >> 8) & 0xff, (x) & 0xff

/* "IN_PORT values are 1..WEFT_PORT_MAX or WEFT_PORT_LOCAL." */
static const struct prereq_row rows_in_port[] = {
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(1)), .ok = true },
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(0xfeffu)), .ok = true },
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(0xfffffffeu)), .ok = true },
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(0)) },
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(0xff00u)) },
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(0xfffffffdu)) },
};

static const struct prereq_row rows_l2[] = {
	{ F(WEFT_KEY_A_IN_PORT, 4, U32(1)), .ok = true },
	{ F(WEFT_KEY_A_IN_PHY_PORT, 4, U32(1)), .ok = true },
	{ F(WEFT_KEY_A_ETH_SRC, 6, MAC), .ok = true },
	{ F(WEFT_KEY_A_ETH_DST, 6, MAC), .ok = true },
	{ F(WEFT_KEY_A_ETH_TYPE, 2, BE16(0x0800)), .ok = true },
	{ F(WEFT_KEY_A_ETH_TYPE, 2, BE16(0x05ff)), .ok = true },
	{ F(WEFT_KEY_A_VLAN_VID, 2, 10, 0x10), .ok = true },
	{ F(WEFT_KEY_A_VLAN_VID, 2, 0, 0), .ok = true },
	/* A vid without the present bit. */
	{ F(WEFT_KEY_A_VLAN_VID, 2, 10, 0) },
	{ F(WEFT_KEY_A_VLAN_PCP, 1, 3), .vid = 0x1000 | 10, .ok = true },
	{ F(WEFT_KEY_A_VLAN_PCP, 1, 3) },
	{ F(WEFT_KEY_A_METADATA, 8, 1, 2, 3, 4, 5, 6, 7, 8), .ok = true },
	{ F(WEFT_KEY_A_REG0, 4, U32(1)), .ok = true },
	{ F(WEFT_KEY_A_REG1, 4, U32(2)), .ok = true },
	{ F(WEFT_KEY_A_REG2, 4, U32(3)), .ok = true },
	{ F(WEFT_KEY_A_REG3, 4, U32(4)), .ok = true },
	{ F(WEFT_KEY_A_REG4, 4, U32(5)), .ok = true },
	{ F(WEFT_KEY_A_REG5, 4, U32(6)), .ok = true },
	{ F(WEFT_KEY_A_REG6, 4, U32(7)), .ok = true },
	{ F(WEFT_KEY_A_REG7, 4, U32(8)), .ok = true },
	{ F(WEFT_KEY_A_TUNNEL_ID, 8, 1, 0, 0, 0, 0, 0, 0, 0), .ok = true },
	{ F(WEFT_KEY_A_TUN_IPV4_SRC, 4, BE32(0x0a000001)), .ok = true },
	{ F(WEFT_KEY_A_TUN_IPV4_DST, 4, BE32(0x0a000002)), .ok = true },
};

static const struct prereq_row rows_ip[] = {
	{ F(WEFT_KEY_A_IP_DSCP, 1, 10), IP4, .ok = true },
	{ F(WEFT_KEY_A_IP_DSCP, 1, 10) },
	{ F(WEFT_KEY_A_IP_DSCP, 1, 10), ARP },
	{ F(WEFT_KEY_A_IP_ECN, 1, 1), IP4, .ok = true },
	{ F(WEFT_KEY_A_IP_ECN, 1, 1) },
	{ F(WEFT_KEY_A_IP_ECN, 1, 1), ARP },
	{ F(WEFT_KEY_A_IP_PROTO, 1, 6), IP4, .ok = true },
	{ F(WEFT_KEY_A_IP_PROTO, 1, 6) },
	{ F(WEFT_KEY_A_IP_PROTO, 1, 6), ARP },
	{ F(WEFT_KEY_A_IP_FRAG, 1, 1), IP4, .ok = true },
	{ F(WEFT_KEY_A_IP_FRAG, 1, 3), IP6, .ok = true },
	{ F(WEFT_KEY_A_IP_FRAG, 1, 1) },
	{ F(WEFT_KEY_A_IP_FRAG, 1, 1), ARP },
	{ F(WEFT_KEY_A_IPV4_SRC, 4, BE32(0x0a000001)), IP4, .ok = true },
	{ F(WEFT_KEY_A_IPV4_SRC, 4, BE32(0x0a000001)) },
	{ F(WEFT_KEY_A_IPV4_SRC, 4, BE32(0x0a000001)), IP6 },
	{ F(WEFT_KEY_A_IPV4_DST, 4, BE32(0x0a000002)), IP4, .ok = true },
	{ F(WEFT_KEY_A_IPV4_DST, 4, BE32(0x0a000002)) },
	{ F(WEFT_KEY_A_IPV4_DST, 4, BE32(0x0a000002)), ARP },
};

static const struct prereq_row rows_l4[] = {
	{ F(WEFT_KEY_A_TCP_SRC, 2, BE16(80)), IP4, .proto = 6, .ok = true },
	{ F(WEFT_KEY_A_TCP_SRC, 2, BE16(80)), IP4 },
	{ F(WEFT_KEY_A_TCP_SRC, 2, BE16(80)), IP4, .proto = 17 },
	{ F(WEFT_KEY_A_TCP_DST, 2, BE16(80)), IP4, .proto = 6, .ok = true },
	{ F(WEFT_KEY_A_TCP_DST, 2, BE16(80)) },
	{ F(WEFT_KEY_A_TCP_DST, 2, BE16(80)), IP4, .proto = 132 },
	{ F(WEFT_KEY_A_TCP_FLAGS, 2, BE16(0x002)), IP4, .proto = 6, .ok = true },
	{ F(WEFT_KEY_A_TCP_FLAGS, 2, BE16(0x002)), IP4 },
	{ F(WEFT_KEY_A_TCP_FLAGS, 2, BE16(0x002)), IP4, .proto = 17 },
	{ F(WEFT_KEY_A_UDP_SRC, 2, BE16(53)), IP4, .proto = 17, .ok = true },
	{ F(WEFT_KEY_A_UDP_SRC, 2, BE16(53)), IP4, .proto = 6 },
	{ F(WEFT_KEY_A_UDP_SRC, 2, BE16(53)) },
	{ F(WEFT_KEY_A_UDP_DST, 2, BE16(53)), IP4, .proto = 17, .ok = true },
	{ F(WEFT_KEY_A_UDP_DST, 2, BE16(53)), IP4 },
	{ F(WEFT_KEY_A_UDP_DST, 2, BE16(53)), IP4, .proto = 132 },
	{ F(WEFT_KEY_A_SCTP_SRC, 2, BE16(9)), IP4, .proto = 132, .ok = true },
	{ F(WEFT_KEY_A_SCTP_SRC, 2, BE16(9)), IP4, .proto = 17 },
	{ F(WEFT_KEY_A_SCTP_SRC, 2, BE16(9)) },
	{ F(WEFT_KEY_A_SCTP_DST, 2, BE16(9)), IP4, .proto = 132, .ok = true },
	{ F(WEFT_KEY_A_SCTP_DST, 2, BE16(9)), IP4, .proto = 6 },
	{ F(WEFT_KEY_A_SCTP_DST, 2, BE16(9)), IP4 },
	{ F(WEFT_KEY_A_ICMPV4_TYPE, 1, 8), IP4, .proto = 1, .ok = true },
	{ F(WEFT_KEY_A_ICMPV4_TYPE, 1, 8), IP4, .proto = 58 },
	{ F(WEFT_KEY_A_ICMPV4_TYPE, 1, 8), IP4 },
	{ F(WEFT_KEY_A_ICMPV4_TYPE, 1, 8) },
	{ F(WEFT_KEY_A_ICMPV4_CODE, 1, 0), IP4, .proto = 1, .ok = true },
	{ F(WEFT_KEY_A_ICMPV4_CODE, 1, 0), IP4, .proto = 6 },
	{ F(WEFT_KEY_A_ICMPV4_CODE, 1, 0) },
};

static const struct prereq_row rows_ipv6[] = {
	{ F(WEFT_KEY_A_IPV6_SRC, 16, V6), IP6, .ok = true },
	{ F(WEFT_KEY_A_IPV6_SRC, 16, V6), IP4 },
	{ F(WEFT_KEY_A_IPV6_SRC, 16, V6) },
	{ F(WEFT_KEY_A_IPV6_DST, 16, V6), IP6, .ok = true },
	{ F(WEFT_KEY_A_IPV6_DST, 16, V6), IP4 },
	{ F(WEFT_KEY_A_IPV6_DST, 16, V6) },
	{ F(WEFT_KEY_A_IPV6_FLABEL, 4, BE32(0x12345)), IP6, .ok = true },
	{ F(WEFT_KEY_A_IPV6_FLABEL, 4, BE32(0x12345)), IP4 },
	{ F(WEFT_KEY_A_IPV6_FLABEL, 4, BE32(0x12345)) },
	{ F(WEFT_KEY_A_ICMPV6_TYPE, 1, 128), IP6, .proto = 58, .ok = true },
	{ F(WEFT_KEY_A_ICMPV6_TYPE, 1, 128), IP6, .proto = 1 },
	{ F(WEFT_KEY_A_ICMPV6_TYPE, 1, 128), IP4, .proto = 58 },
	{ F(WEFT_KEY_A_ICMPV6_TYPE, 1, 128), IP6 },
	{ F(WEFT_KEY_A_ICMPV6_CODE, 1, 0), IP6, .proto = 58, .ok = true },
	{ F(WEFT_KEY_A_ICMPV6_CODE, 1, 0), IP6, .proto = 6 },
	{ F(WEFT_KEY_A_ICMPV6_CODE, 1, 0) },
};

/* ND: the header asks for ICMPV6_TYPE 135/136 only (no ICMPV6_CODE). */
static const struct prereq_row rows_nd[] = {
	{ F(WEFT_KEY_A_ND_TARGET, 16, V6), IP6, .proto = 58, .icmp6 = 135,
	  .ok = true },
	{ F(WEFT_KEY_A_ND_TARGET, 16, V6), IP6, .proto = 58, .icmp6 = 136,
	  .ok = true },
	{ F(WEFT_KEY_A_ND_TARGET, 16, V6), IP6, .proto = 58, .icmp6 = 128 },
	{ F(WEFT_KEY_A_ND_TARGET, 16, V6), IP6, .proto = 58 },
	{ F(WEFT_KEY_A_ND_TARGET, 16, V6) },
	{ F(WEFT_KEY_A_ND_SLL, 6, MAC), IP6, .proto = 58, .icmp6 = 135,
	  .ok = true },
	{ F(WEFT_KEY_A_ND_SLL, 6, MAC), IP6, .proto = 58, .icmp6 = 136 },
	{ F(WEFT_KEY_A_ND_SLL, 6, MAC), IP6, .proto = 58 },
	{ F(WEFT_KEY_A_ND_TLL, 6, MAC), IP6, .proto = 58, .icmp6 = 136,
	  .ok = true },
	{ F(WEFT_KEY_A_ND_TLL, 6, MAC), IP6, .proto = 58, .icmp6 = 135 },
	{ F(WEFT_KEY_A_ND_TLL, 6, MAC) },
};

static const struct prereq_row rows_arp[] = {
	{ F(WEFT_KEY_A_ARP_OP, 2, BE16(1)), ARP, .ok = true },
	{ F(WEFT_KEY_A_ARP_OP, 2, BE16(1)), IP4 },
	{ F(WEFT_KEY_A_ARP_OP, 2, BE16(1)) },
	{ F(WEFT_KEY_A_ARP_SPA, 4, BE32(0x0a000001)), ARP, .ok = true },
	{ F(WEFT_KEY_A_ARP_SPA, 4, BE32(0x0a000001)), IP4 },
	{ F(WEFT_KEY_A_ARP_TPA, 4, BE32(0x0a000002)), ARP, .ok = true },
	{ F(WEFT_KEY_A_ARP_TPA, 4, BE32(0x0a000002)) },
	{ F(WEFT_KEY_A_ARP_SHA, 6, MAC), ARP, .ok = true },
	{ F(WEFT_KEY_A_ARP_SHA, 6, MAC), IP6 },
	{ F(WEFT_KEY_A_ARP_THA, 6, MAC), ARP, .ok = true },
	{ F(WEFT_KEY_A_ARP_THA, 6, MAC) },
};

static const struct prereq_row rows_mpls[] = {
	{ F(WEFT_KEY_A_MPLS_LABEL, 4, U32(100)), .eth = 0x8847, .ok = true },
	{ F(WEFT_KEY_A_MPLS_LABEL, 4, U32(100)), .eth = 0x8848, .ok = true },
	{ F(WEFT_KEY_A_MPLS_LABEL, 4, U32(100)), IP4 },
	{ F(WEFT_KEY_A_MPLS_LABEL, 4, U32(100)) },
	{ F(WEFT_KEY_A_MPLS_TC, 1, 5), .eth = 0x8847, .ok = true },
	{ F(WEFT_KEY_A_MPLS_TC, 1, 5), IP6 },
	{ F(WEFT_KEY_A_MPLS_TC, 1, 5) },
	{ F(WEFT_KEY_A_MPLS_BOS, 1, 1), .eth = 0x8848, .ok = true },
	{ F(WEFT_KEY_A_MPLS_BOS, 1, 1), ARP },
	{ F(WEFT_KEY_A_MPLS_BOS, 1, 1) },
};

static void prereq_build(struct weft_flow *f, const struct prereq_row *row)
{
	weft_flow_init(f, 0, 10);
	if (row->eth)
		weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, row->eth);
	if (row->proto)
		weft_match_u8(f, WEFT_KEY_A_IP_PROTO, row->proto);
	if (row->icmp6)
		weft_match_u8(f, WEFT_KEY_A_ICMPV6_TYPE, row->icmp6);
	if (row->vid)
		weft_match_u16(f, WEFT_KEY_A_VLAN_VID, row->vid);
	weft_match(f, row->field, row->val, NULL, row->len);
	weft_output(f, 1);
}

static void prereq_describe(const struct prereq_row *row, char *buf,
			    size_t len)
{
	char val[40] = "";
	unsigned int i;

	for (i = 0; i < row->len && i < 16; i++)
		snprintf(val + 2 * i, sizeof(val) - 2 * i, "%02x", row->val[i]);
	snprintf(buf, len, "%s=%s (bytes) with eth_type 0x%04x, ip_proto %u, icmpv6_type %u, vlan_vid 0x%x",
		 row->name, val, row->eth, row->proto, row->icmp6, row->vid);
}

/* Every row: accepted and read back, or refused naming the field. */
static int prereq_run(struct __test_metadata *_metadata, struct weft_nl *s,
		      struct weft_reply *r, const struct prereq_row *rows,
		      size_t n)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		const struct prereq_row *row = &rows[i];
		char what[256], why[1024];
		struct weft_flow f;

		prereq_describe(row, what, sizeof(what));
		prereq_build(&f, row);
		weft_flow_add(s, "wdp0", &f, r);
		if (row->ok) {
			if (r->err) {
				weft_describe(r, why, sizeof(why));
				TH_LOG("%s: refused: %s", what, why);
				bad++;
				continue;
			}
			/* The field is read back as given. */
			f.strict = true;
			f.no_inst = true;
			if (weft_flow_cmd(s, WEFT_CMD_FLOW_GET, 0, "wdp0", &f,
					  r) || r->n != 1 ||
			    !weft_getv(r->msgs[0], 3, WEFT_A_FLOW,
				       WEFT_FLOW_A_KEY, row->field)) {
				TH_LOG("%s: accepted but not read back", what);
				bad++;
			}
			weft_flow_flush(s, "wdp0");
		} else {
			if (!weft_check_err(r, WEFT_ERRS(EINVAL, ERANGE),
					    WEFT_NAMES(row->name), why,
					    sizeof(why))) {
				TH_LOG("%s: %s", what, why);
				bad++;
			}
			if (weft_flow_count(s, "wdp0") != 0) {
				TH_LOG("%s: a flow was left behind", what);
				bad++;
				weft_flow_flush(s, "wdp0");
			}
		}
	}
	return bad;
}

#define PREREQ_TEST(name, rows) \
	WEFT_TEST(name) \
	{ \
		ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0")); \
		EXPECT_EQ(0, prereq_run(_metadata, &self->s, &self->r, \
					rows, sizeof(rows) / sizeof(rows[0]))); \
	}

PREREQ_TEST(in_port_range, rows_in_port)
PREREQ_TEST(prereq_l2_metadata_tunnel, rows_l2)
PREREQ_TEST(prereq_ipv4, rows_ip)
PREREQ_TEST(prereq_l4_ports_icmpv4, rows_l4)
PREREQ_TEST(prereq_ipv6_icmpv6, rows_ipv6)
PREREQ_TEST(prereq_nd, rows_nd)
PREREQ_TEST(prereq_arp, rows_arp)
PREREQ_TEST(prereq_mpls, rows_mpls)

/* Every WEFT_KEY_A_* but PAD has an accepted row and, if it has a
 * prerequisite, a refused one. */
TEST(prereq_table_covers_every_field)
{
	static const struct {
		const struct prereq_row *rows;
		size_t n;
	} all[] = {
#define T(x) { x, sizeof(x) / sizeof(x[0]) }
		T(rows_l2), T(rows_ip), T(rows_l4), T(rows_ipv6), T(rows_nd),
		T(rows_arp), T(rows_mpls),
#undef T
	};
	bool ok[WEFT_KEY_A_MAX + 1] = {}, refused[WEFT_KEY_A_MAX + 1] = {};
	bool needs[WEFT_KEY_A_MAX + 1] = {};
	size_t i, j;
	int a;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (j = 0; j < all[i].n; j++) {
			const struct prereq_row *row = &all[i].rows[j];

			if (row->ok) {
				ok[row->field] = true;
				needs[row->field] |= row->eth || row->proto ||
						     row->icmp6 || row->vid;
			} else {
				refused[row->field] = true;
			}
		}
	for (a = 1; a <= WEFT_KEY_A_MAX; a++) {
		if (a == WEFT_KEY_A_PAD)
			continue;
		EXPECT_TRUE(ok[a]) TH_LOG("WEFT_KEY_A_ %d has no accepted row", a);
		if (needs[a])
			EXPECT_TRUE(refused[a])
				TH_LOG("WEFT_KEY_A_ %d has no refused row", a);
	}
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
