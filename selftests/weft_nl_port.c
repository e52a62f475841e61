// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: ports.  Internal and netdev ports, numbering,
 * GET replies against what the netdev itself reports, and every device a
 * datapath must refuse.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

#define PORT_A(r, type)	weft_getv((r)->msgs[0], 2, WEFT_A_PORT, (type))
#define PORT_U(r, type)	weft_u(PORT_A(r, type))

/*
 * Wait (bounded) until the port's LINK_DOWN bit is @down; operstate-based
 * implementations see the change only after linkwatch ran.
 */
static bool weft_port_link(struct weft_nl *s, const char *dp,
			   const char *dev, bool down, struct weft_reply *r)
{
	int tries;

	for (tries = 0; tries < 50; tries++) {
		if (!weft_port_get(s, dp, dev, 0, r) && r->n == 1 &&
		    !!(PORT_U(r, WEFT_PORT_A_STATE) & WEFT_PORT_S_LINK_DOWN) ==
		    down)
			return true;
		usleep(100 * 1000);
	}
	return false;
}

static uint64_t weft_n_ports(struct weft_nl *s, const char *dp,
			     struct weft_reply *r)
{
	if (weft_dp_get(s, dp, r) || r->n != 1)
		return UINT64_MAX;
	return weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_N_PORTS));
}

/* The reply describes @dev as the netdev itself does. */
static bool weft_port_matches_dev(const struct weft_reply *r,
				  const char *dev, char *why, size_t len)
{
	const struct nlattr *addr = PORT_A(r, WEFT_PORT_A_ADDRESS);
	uint8_t mac[6];

	if (strcmp(weft_str(PORT_A(r, WEFT_PORT_A_NAME)), dev)) {
		snprintf(why, len, "name %s", weft_str(PORT_A(r,
						WEFT_PORT_A_NAME)));
		return false;
	}
	if (PORT_U(r, WEFT_PORT_A_IFINDEX) != if_nametoindex(dev)) {
		snprintf(why, len, "ifindex");
		return false;
	}
	if (weft_if_mac(dev, mac) || !addr ||
	    mnl_attr_get_payload_len(addr) != 6 ||
	    memcmp(mnl_attr_get_payload(addr), mac, 6)) {
		snprintf(why, len, "address");
		return false;
	}
	if (PORT_U(r, WEFT_PORT_A_MTU) != (uint64_t)weft_if_mtu(dev)) {
		snprintf(why, len, "mtu");
		return false;
	}
	return true;
}

WEFT_TEST(port_internal)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	const struct nlattr *st;
	char why[64] = "";

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "wint0",
				   WEFT_PORT_TYPE_INTERNAL, 0));
	ASSERT_NE(0, if_nametoindex("wint0"));

	ASSERT_NLOK(weft_port_get(s, "wdp0", "wint0", 0, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_STREQ("wdp0", weft_str(weft_getv(r->msgs[0], 1,
						 WEFT_A_DP_NAME)));
	EXPECT_EQ(if_nametoindex("wdp0"),
		  weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_IFINDEX)));
	EXPECT_EQ(1, PORT_U(r, WEFT_PORT_A_NO));	/* lowest free */
	EXPECT_EQ(WEFT_PORT_TYPE_INTERNAL, PORT_U(r, WEFT_PORT_A_TYPE));
	EXPECT_TRUE(weft_port_matches_dev(r, "wint0", why, sizeof(why)))
		TH_LOG("reply differs from the netdev: %s", why);
	st = PORT_A(r, WEFT_PORT_A_STATS);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_RX_PACKETS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_RX_BYTES)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_TX_PACKETS)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_TX_BYTES)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_RX_DROPPED)));
	EXPECT_EQ(0, weft_u(weft_nested(st, WEFT_PORT_STATS_A_TX_DROPPED)));

	ASSERT_EQ(0, weft_sh("/bin/ip link set wint0 down"));
	EXPECT_TRUE(weft_port_link(s, "wdp0", "wint0", true, r));
	ASSERT_EQ(0, weft_sh("/bin/ip link set wint0 up"));
	EXPECT_TRUE(weft_port_link(s, "wdp0", "wint0", false, r));

	/* The local port is a port too, numbered WEFT_PORT_LOCAL. */
	ASSERT_NLOK(weft_port_get(s, "wdp0", NULL, WEFT_PORT_LOCAL, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(WEFT_PORT_LOCAL, PORT_U(r, WEFT_PORT_A_NO));
	EXPECT_EQ(WEFT_PORT_TYPE_INTERNAL, PORT_U(r, WEFT_PORT_A_TYPE));
	EXPECT_TRUE(weft_port_matches_dev(r, "wdp0", why, sizeof(why)))
		TH_LOG("local port differs from the netdev: %s", why);
	EXPECT_EQ(2, weft_n_ports(s, "wdp0", r));

	/* Deleting an internal port destroys its netdev. */
	ASSERT_EQ(0, weft_port_del(s, "wdp0", "wint0", 0));
	EXPECT_EQ(0, if_nametoindex("wint0"));
	weft_port_get(s, "wdp0", "wint0", 0, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NAME"));
	EXPECT_EQ(1, weft_n_ports(s, "wdp0", r));
}

/*
 * A @cmd request on wdp0 whose WEFT_A_PORT holds WEFT_PORT_A_NAME @name
 * (unless NULL) and the u32 attributes @kv: type, value, ..., 0.
 */
static int port_req(struct weft_nl *s, uint8_t cmd, const char *name,
		    const uint32_t *kv, struct weft_reply *r)
{
	struct weft_req q;
	struct nlattr *n;

	weft_req_init(&q, s, cmd, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	if (name)
		mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, name);
	for (; *kv; kv += 2)
		mnl_attr_put_u32(q.nlh, kv[0], kv[1]);
	mnl_attr_nest_end(q.nlh, n);
	return weft_transact(s, &q, r);
}

#define KV(...)	((const uint32_t []){ __VA_ARGS__, 0 })

/* PORT_SET on port @no: CONFIG @config, CONFIG_MASK @mask unless ~0. */
static int port_set(struct weft_nl *s, uint32_t no, uint32_t config,
		    uint32_t mask, struct weft_reply *r)
{
	if (mask == ~0U)
		return port_req(s, WEFT_CMD_PORT_SET, NULL,
				KV(WEFT_PORT_A_NO, no, WEFT_PORT_A_CONFIG,
				   config), r);
	return port_req(s, WEFT_CMD_PORT_SET, NULL,
			KV(WEFT_PORT_A_NO, no, WEFT_PORT_A_CONFIG, config,
			   WEFT_PORT_A_CONFIG_MASK, mask), r);
}

static uint64_t port_config(struct weft_nl *s, uint32_t no,
			    struct weft_reply *r)
{
	if (weft_port_get(s, "wdp0", NULL, no, r) || r->n != 1)
		return UINT64_MAX;
	return PORT_U(r, WEFT_PORT_A_CONFIG);
}

/*
 * PORT_SET: the bits, the mask, every rejection naming its attribute, and
 * a PORT_SET event for each change (none for a request that changes
 * nothing).  PORT_NEW takes initial bits.
 */
WEFT_TEST(port_config)
{
	const uint32_t nr = WEFT_PORT_C_NO_RECV, nf = WEFT_PORT_C_NO_FWD,
		       nfl = WEFT_PORT_C_NO_FLOOD,
		       npi = WEFT_PORT_C_NO_PACKET_IN;
	struct weft_reply *r = &self->r, *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, evs;

	ASSERT_NE(NULL, ev);
	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "wint0",
				   WEFT_PORT_TYPE_INTERNAL, 1));
	ASSERT_EQ(0, weft_nl_open(&evs));
	ASSERT_EQ(0, weft_nl_join_events(&evs));
	EXPECT_EQ(0, port_config(s, 1, r));

	/* Without a mask, every settable bit is set to CONFIG. */
	ASSERT_NLOK(port_set(s, 1, nr | nfl, ~0U, r), r);
	EXPECT_EQ(nr | nfl, port_config(s, 1, r));
	ASSERT_EQ(1, weft_recv_cmd(&evs, WEFT_CMD_PORT_SET, 1, 2000, ev));
	EXPECT_EQ(1, weft_u(weft_getv(ev->msgs[0], 2, WEFT_A_PORT,
				      WEFT_PORT_A_NO)));
	EXPECT_EQ(nr | nfl, weft_u(weft_getv(ev->msgs[0], 2, WEFT_A_PORT,
					     WEFT_PORT_A_CONFIG)));
	/* With one, the other bits keep their value; CONFIG's are ignored. */
	ASSERT_NLOK(port_set(s, 1, nf | npi | 0x80000000U, nf | nr, r), r);
	EXPECT_EQ(nf | nfl, port_config(s, 1, r));
	ASSERT_NLOK(port_set(s, 1, npi, npi, r), r);
	EXPECT_EQ(nf | nfl | npi, port_config(s, 1, r));
	ASSERT_EQ(2, weft_recv_cmd(&evs, WEFT_CMD_PORT_SET, 2, 2000, ev));
	/* No change, no event. */
	ASSERT_NLOK(port_set(s, 1, npi, npi, r), r);
	EXPECT_EQ(0, weft_recv_cmd(&evs, WEFT_CMD_PORT_SET, 1, 300, ev));
	/* By name, on the local port. */
	ASSERT_NLOK(port_req(s, WEFT_CMD_PORT_SET, "wdp0",
			     KV(WEFT_PORT_A_CONFIG, nfl), r), r);
	EXPECT_EQ(nfl, port_config(s, WEFT_PORT_LOCAL, r));
	ASSERT_EQ(1, weft_recv_cmd(&evs, WEFT_CMD_PORT_SET, 1, 2000, ev));

	/* Rejections leave the bits as they were. */
	port_set(s, 1, WEFT_PORT_C_DOWN, ~0U, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_CONFIG"));
	port_set(s, 1, 0, WEFT_PORT_C_DOWN, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_PORT_A_CONFIG_MASK"));
	port_set(s, 1, 1U << 3, ~0U, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_CONFIG"));
	port_set(s, 1, 0, 1U << 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_PORT_A_CONFIG_MASK"));
	port_set(s, 9, 0, ~0U, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NO"));
	port_req(s, WEFT_CMD_PORT_SET, NULL, KV(WEFT_PORT_A_NO, 1), r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_CONFIG"));
	port_req(s, WEFT_CMD_PORT_SET, NULL,
		 KV(WEFT_PORT_A_NO, 1, WEFT_PORT_A_CONFIG_MASK, nr), r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL),
		     WEFT_NAMES("WEFT_PORT_A_CONFIG_MASK", "WEFT_PORT_A_CONFIG"));
	port_req(s, WEFT_CMD_PORT_SET, NULL,
		 KV(WEFT_PORT_A_NO, 1, WEFT_PORT_A_CONFIG, 0,
		    WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_NETDEV), r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_TYPE"));
	EXPECT_EQ(nf | nfl | npi, port_config(s, 1, r));
	EXPECT_EQ(0, weft_recv_cmd(&evs, WEFT_CMD_PORT_SET, 1, 300, ev));

	/* PORT_NEW with initial bits; DOWN is refused there too. */
	port_req(s, WEFT_CMD_PORT_NEW, "wint1",
		 KV(WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL, WEFT_PORT_A_NO, 2,
		    WEFT_PORT_A_CONFIG, WEFT_PORT_C_DOWN), r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PORT_A_CONFIG"));
	EXPECT_EQ(0, if_nametoindex("wint1"));
	ASSERT_NLOK(port_req(s, WEFT_CMD_PORT_NEW, "wint1",
			     KV(WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL,
				WEFT_PORT_A_NO, 2, WEFT_PORT_A_CONFIG,
				nr | npi), r), r);
	EXPECT_EQ(nr | npi, port_config(s, 2, r));

	weft_nl_close(&evs);
	free(ev);
}

WEFT_TEST(port_netdev)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	char why[64] = "";
	int i;

	ASSERT_EQ(0, weft_sh("/bin/ip link add name va type veth peer name vb"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	ASSERT_EQ(0, weft_port_new(s, "wdp0", "va", 0, 0));
	ASSERT_NLOK(weft_port_get(s, "wdp0", "va", 0, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_EQ(1, PORT_U(r, WEFT_PORT_A_NO));
	EXPECT_EQ(WEFT_PORT_TYPE_NETDEV, PORT_U(r, WEFT_PORT_A_TYPE));
	EXPECT_TRUE(weft_port_matches_dev(r, "va", why, sizeof(why)))
		TH_LOG("reply differs from the netdev: %s", why);

	ASSERT_EQ(0, weft_port_new(s, "wdp0", "vb", WEFT_PORT_TYPE_NETDEV, 7));
	ASSERT_NLOK(weft_port_get(s, "wdp0", NULL, 7, r), r);
	ASSERT_EQ(1, r->n);
	EXPECT_STREQ("vb", weft_str(PORT_A(r, WEFT_PORT_A_NAME)));

	/* Numbering takes the lowest free number, 2 (vb took 7). */
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "wint0",
				   WEFT_PORT_TYPE_INTERNAL, 0));
	ASSERT_NLOK(weft_port_get(s, "wdp0", "wint0", 0, r), r);
	EXPECT_EQ(2, PORT_U(r, WEFT_PORT_A_NO));

	ASSERT_NLOK(weft_port_dump(s, "wdp0", r), r);
	EXPECT_FALSE(r->dump_intr);
	ASSERT_EQ(4, r->n);
	for (i = 0; i < r->n; i++) {
		const char *name = weft_str(weft_getv(r->msgs[i], 2,
						WEFT_A_PORT, WEFT_PORT_A_NAME));

		EXPECT_TRUE(!strcmp(name, "wdp0") || !strcmp(name, "va") ||
			    !strcmp(name, "vb") || !strcmp(name, "wint0"))
			TH_LOG("unexpected port %s in dump", name);
	}
	EXPECT_EQ(4, weft_n_ports(s, "wdp0", r));

	/* STATE follows the link. */
	EXPECT_TRUE(weft_port_link(s, "wdp0", "va", true, r));
	ASSERT_EQ(0, weft_sh("/bin/ip link set va up && /bin/ip link set vb up"));
	EXPECT_TRUE(weft_port_link(s, "wdp0", "va", false, r));

	/* Deleting a netdev port releases the device, it does not delete it. */
	ASSERT_EQ(0, weft_port_del(s, "wdp0", NULL, 1));
	EXPECT_NE(0, if_nametoindex("va"));
	weft_port_get(s, "wdp0", NULL, 1, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NO"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "va", 0, 0));
	ASSERT_NLOK(weft_port_get(s, "wdp0", "va", 0, r), r);
	EXPECT_EQ(1, PORT_U(r, WEFT_PORT_A_NO));

	ASSERT_EQ(0, weft_port_del(s, "wdp0", "vb", 0));
	EXPECT_NE(0, if_nametoindex("vb"));
	EXPECT_EQ(3, weft_n_ports(s, "wdp0", r));
}

WEFT_TEST(port_duplicate)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n;

	ASSERT_EQ(0, weft_sh("/bin/ip link add name va type veth peer name vb"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "va", 0, 1));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "vb");
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, 1);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_NAMES("WEFT_PORT_A_NO"));

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "va");
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST, EBUSY),
		     WEFT_NAMES("WEFT_PORT_A_NAME"));

	/* An internal port cannot take an existing netdev's name. */
	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "vb");
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_INTERNAL);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EEXIST), WEFT_NAMES("WEFT_PORT_A_NAME"));

	ASSERT_NLOK(weft_port_dump(s, "wdp0", r), r);
	EXPECT_EQ(2, r->n);
}

WEFT_TEST(port_missing)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	struct weft_req q;
	struct nlattr *n;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));

	weft_req_init(&q, s, WEFT_CMD_PORT_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, 5);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NO"));

	/* lo exists, but is not a port. */
	weft_req_init(&q, s, WEFT_CMD_PORT_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, "lo");
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NAME"));

	weft_port_get(s, "wdp0", NULL, 5, r);
	ASSERT_NLERR(r, WEFT_ERRS(ENOENT), WEFT_NAMES("WEFT_PORT_A_NO"));

	/* The local port goes only with its datapath. */
	weft_req_init(&q, s, WEFT_CMD_PORT_DEL, 0);
	weft_put_dp(q.nlh, "wdp0");
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_NO, WEFT_PORT_LOCAL);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, EBUSY),
		     WEFT_NAMES("WEFT_PORT_A_NO"));
	EXPECT_NE(0, if_nametoindex("wdp0"));
	EXPECT_EQ(1, weft_n_ports(s, "wdp0", r));
}

/* PORT_NEW of @dev (type netdev) into @dp must fail with one of @errs. */
static void weft_port_refused(struct __test_metadata *_metadata,
			      struct weft_nl *s, struct weft_reply *r,
			      const char *dp, const char *dev, const int *errs)
{
	struct weft_req q;
	struct nlattr *n;
	uint64_t before = weft_n_ports(s, dp, r);

	weft_req_init(&q, s, WEFT_CMD_PORT_NEW, 0);
	weft_put_dp(q.nlh, dp);
	n = mnl_attr_nest_start(q.nlh, WEFT_A_PORT);
	mnl_attr_put_strz(q.nlh, WEFT_PORT_A_NAME, dev);
	mnl_attr_put_u32(q.nlh, WEFT_PORT_A_TYPE, WEFT_PORT_TYPE_NETDEV);
	mnl_attr_nest_end(q.nlh, n);
	weft_transact(s, &q, r);
	ASSERT_NLERR(r, errs, WEFT_NAMES("WEFT_PORT_A_NAME"));
	ASSERT_EQ(before, weft_n_ports(s, dp, r));
}

WEFT_TEST(port_add_loopback)
{
	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_port_refused(_metadata, &self->s, &self->r, "wdp0", "lo",
			  WEFT_ERRS(EINVAL));
}

WEFT_TEST(port_add_unknown_device)
{
	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_port_refused(_metadata, &self->s, &self->r, "wdp0", "nosuch0",
			  WEFT_ERRS(ENODEV));
}

WEFT_TEST(port_add_non_ethernet)
{
	/* tun mode: ARPHRD_NONE, no Ethernet header. */
	if (weft_sh("modprobe tun; /bin/ip tuntap add dev wtun0 mode tun"))
		SKIP(return, "cannot create a tun device");
	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_port_refused(_metadata, &self->s, &self->r, "wdp0", "wtun0",
			  WEFT_ERRS(EINVAL));
}

WEFT_TEST(port_add_bridge_port)
{
	ASSERT_EQ(0, weft_sh("/bin/ip link add name wbr0 type bridge && "
			     "/bin/ip link add name va type veth peer name vb && "
			     "/bin/ip link set va master wbr0"));
	ASSERT_EQ(0, weft_dp_new(&self->s, "wdp0"));
	weft_port_refused(_metadata, &self->s, &self->r, "wdp0", "va",
			  WEFT_ERRS(EBUSY));
	/* Its peer, not enslaved, is fine. */
	ASSERT_EQ(0, weft_port_new(&self->s, "wdp0", "vb", 0, 0));
}

WEFT_TEST(port_add_other_datapaths_port)
{
	struct weft_nl *s = &self->s;

	ASSERT_EQ(0, weft_sh("/bin/ip link add name va type veth peer name vb"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp1"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "va", 0, 0));
	weft_port_refused(_metadata, s, &self->r, "wdp1", "va",
			  WEFT_ERRS(EBUSY));
	/* Released by wdp0, it can join wdp1. */
	ASSERT_EQ(0, weft_port_del(s, "wdp0", "va", 0));
	ASSERT_EQ(0, weft_port_new(s, "wdp1", "va", 0, 0));
}

WEFT_TEST(port_add_internal_ports)
{
	struct weft_nl *s = &self->s;

	ASSERT_EQ(0, weft_dp_new(s, "wdp0"));
	ASSERT_EQ(0, weft_dp_new(s, "wdp1"));
	ASSERT_EQ(0, weft_port_new(s, "wdp0", "wint0",
				   WEFT_PORT_TYPE_INTERNAL, 0));
	/* Another datapath's internal port, and its local port. */
	weft_port_refused(_metadata, s, &self->r, "wdp1", "wint0",
			  WEFT_ERRS(EINVAL, EBUSY));
	weft_port_refused(_metadata, s, &self->r, "wdp1", "wdp0",
			  WEFT_ERRS(EINVAL, EBUSY));
	/* A datapath's own local port, as a netdev port of itself. */
	weft_port_refused(_metadata, s, &self->r, "wdp0", "wdp0",
			  WEFT_ERRS(EINVAL, EBUSY, EEXIST));
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
