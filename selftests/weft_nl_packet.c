// SPDX-License-Identifier: GPL-2.0
/*
 * weft generic netlink API: packets.  PACKET_OUT to ports (read back from
 * the veth peer with a raw socket), to the pipeline (OUTPUT:TABLE, from a
 * port, LOCAL or CONTROLLER), with edits whose checksums must stay valid;
 * exact flow counters and the count flags; PACKET_IN content, truncation,
 * rate limit and drop counters; flow timeouts and FLOW_REMOVED events.
 *
 * Timing: only bounded polls for what must eventually happen; the rate
 * limit is checked against the elapsed time measured around the burst.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "kselftest_harness.h"
#include "weft_nl_fixture.h"

#define DP "wdp0"
#define PKT_A(m, type) weft_getv((m), 2, WEFT_A_PACKET, (type))

static const uint8_t mac1[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t mac2[6] = { 2, 0, 0, 0, 0, 2 };

/*
 * wdp0 with port 1 = wv1 (peer wv1p) and port 2 = wv2 (peer wv2p); raw
 * sockets on the peers see what the datapath sends to each port.
 */
/* @raw1, @raw2: where to open raw sockets on the peers, or NULL for none. */
static void setup_veths(struct __test_metadata *_metadata, struct weft_nl *s,
			int *raw1, int *raw2)
{
	ASSERT_EQ(0, weft_sh("/bin/ip link add name wv1 type veth peer name wv1p && "
			     "/bin/ip link add name wv2 type veth peer name wv2p && "
			     "for d in wv1 wv1p wv2 wv2p; do /bin/ip link set $d up; done"));
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_port_new(s, DP, "wv1", 0, 1));
	ASSERT_EQ(0, weft_port_new(s, DP, "wv2", 0, 2));
	if (raw1) {
		*raw1 = weft_raw_open("wv1p");
		ASSERT_LE(0, *raw1);
	}
	if (raw2) {
		*raw2 = weft_raw_open("wv2p");
		ASSERT_LE(0, *raw2);
	}
}

static size_t udp_frame(uint8_t *buf, uint16_t sport, size_t payload)
{
	return weft_frame_ipv4(buf, mac2, mac1, 0x0a000001, 0x0a000002, 17,
			       sport, 2000, payload);
}

/* The next frame on @fd is @want (bounded wait). */
static bool got_frame(int fd, const uint8_t *want, size_t len, char *why,
		      size_t wlen)
{
	uint8_t buf[WEFT_FRAME_MAX + 64];
	ssize_t n = weft_raw_recv(fd, buf, sizeof(buf), 3000);

	if (n <= 0) {
		snprintf(why, wlen, "no frame (%zd)", n);
		return false;
	}
	if ((size_t)n != len || memcmp(buf, want, len)) {
		snprintf(why, wlen, "frame of %zd bytes differs (want %zu)",
			 n, len);
		return false;
	}
	return true;
}

#define EXPECT_FRAME(fd, want, len) do { \
	char __why[128] = ""; \
	EXPECT_TRUE(got_frame((fd), (want), (len), __why, sizeof(__why))) \
		TH_LOG("%s", __why); \
} while (0)

/* Nothing arrives on @fd for a short while (best effort: never flaky). */
static bool quiet(int fd)
{
	uint8_t buf[WEFT_FRAME_MAX];

	return weft_raw_recv(fd, buf, sizeof(buf), 300) == 0;
}

static uint64_t port_stat(struct weft_nl *s, uint32_t no, uint16_t stat)
{
	struct weft_reply *r = malloc(sizeof(*r));
	uint64_t v = UINT64_MAX;

	if (r && !weft_port_get(s, DP, NULL, no, r) && r->n == 1)
		v = weft_u(weft_getv(r->msgs[0], 3, WEFT_A_PORT,
				     WEFT_PORT_A_STATS, stat));
	free(r);
	return v;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* in_port=@in,ip,udp (@in 0: any port), priority @prio, instructions @a. */
static void udp_flow(struct weft_flow *f, int prio, uint32_t in,
		     uint64_t cookie, const struct weft_attrs *a)
{
	weft_flow_init(f, 0, prio);
	if (in)
		weft_match_u32(f, WEFT_KEY_A_IN_PORT, in);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_match_u8(f, WEFT_KEY_A_IP_PROTO, 17);
	f->has_cookie = true;
	f->cookie = cookie;
	f->inst = a;
}

/* Packet-out ------------------------------------------------------------- */

WEFT_TEST(packet_out_to_ports)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 100);
	uint64_t tx;
	int raw1, raw2;

	setup_veths(_metadata, s, &raw1, &raw2);
	tx = port_stat(s, 2, WEFT_PORT_STATS_A_TX_PACKETS);
	/* From the controller (IN_PORT absent). */
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, WEFT_PORT_ANY, 2, r), r);
	EXPECT_FRAME(raw2, frame, len);
	EXPECT_EQ(tx + 1, port_stat(s, 2, WEFT_PORT_STATS_A_TX_PACKETS));
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, WEFT_PORT_CONTROLLER, 2,
				    r), r);
	EXPECT_FRAME(raw2, frame, len);
	/* As if from LOCAL. */
	frame[len - 1] ^= 0xff;		/* another packet */
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, WEFT_PORT_LOCAL, 2, r),
		    r);
	EXPECT_FRAME(raw2, frame, len);
	/* As if from port 1: back out with IN_PORT, never by number. */
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_IN_PORT,
				    r), r);
	EXPECT_FRAME(raw1, frame, len);
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, 1, 1, r), r);
	EXPECT_TRUE(quiet(raw1));
	/* Several outputs: a copy to each. */
	{
		struct weft_preq p;

		weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len,
				  WEFT_PORT_LOCAL);
		weft_act_output(p.q.nlh, 1);
		weft_act_output(p.q.nlh, 2);
		ASSERT_NLOK(weft_packet_send(&p, s, r), r);
		EXPECT_FRAME(raw1, frame, len);
		EXPECT_FRAME(raw2, frame, len);
	}
	close(raw1);
	close(raw2);
}

WEFT_TEST(packet_out_through_the_pipeline)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 60);
	struct weft_attrs a1, a2, a3;
	struct weft_flow f1, f2, f3;
	uint64_t pk, by;
	int raw1, raw2;

	setup_veths(_metadata, s, &raw1, &raw2);
	weft_attrs_init(&a1);
	weft_inst_output(&a1, WEFT_INST_A_APPLY_ACTIONS, 2);
	udp_flow(&f1, 10, 1, 1, &a1);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f1, NULL));
	weft_attrs_init(&a2);
	weft_inst_output(&a2, WEFT_INST_A_APPLY_ACTIONS, 2);
	udp_flow(&f2, 10, WEFT_PORT_LOCAL, 2, &a2);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f2, NULL));
	weft_attrs_init(&a3);
	weft_inst_output(&a3, WEFT_INST_A_APPLY_ACTIONS, 1);
	udp_flow(&f3, 5, 0, 3, &a3);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f3, NULL));

	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_TABLE, r),
		    r);
	EXPECT_FRAME(raw2, frame, len);
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, WEFT_PORT_LOCAL,
				    WEFT_PORT_TABLE, r), r);
	EXPECT_FRAME(raw2, frame, len);
	ASSERT_NLOK(weft_packet_out(s, DP, frame, len, WEFT_PORT_ANY,
				    WEFT_PORT_TABLE, r), r);
	EXPECT_FRAME(raw1, frame, len);

	ASSERT_EQ(0, weft_flow_stats(s, DP, &f1, &pk, &by));
	EXPECT_EQ(1, pk);
	EXPECT_EQ(len, by);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f2, &pk, &by));
	EXPECT_EQ(1, pk);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f3, &pk, &by));
	EXPECT_EQ(1, pk);
	EXPECT_EQ(len, by);
	EXPECT_EQ(3, weft_dp_stat(s, DP, WEFT_DP_STATS_A_LOOKUPS));
	EXPECT_EQ(3, weft_dp_stat(s, DP, WEFT_DP_STATS_A_HITS));
	EXPECT_EQ(0, weft_dp_stat(s, DP, WEFT_DP_STATS_A_MISSES));
	ASSERT_NLOK(weft_table_get(s, DP, 0, r), r);
	EXPECT_EQ(3, weft_u(weft_getv(r->msgs[0], 2, WEFT_A_TABLE,
				      WEFT_TABLE_A_LOOKUPS)));
	EXPECT_EQ(3, weft_u(weft_getv(r->msgs[0], 2, WEFT_A_TABLE,
				      WEFT_TABLE_A_MATCHES)));
	close(raw1);
	close(raw2);
}

WEFT_TEST(packet_out_validation)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 10);
	struct weft_preq p;
	int raw1, raw2;

	setup_veths(_metadata, s, &raw1, &raw2);
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, NULL, 0, 1);
	weft_act_output(p.q.nlh, 2);
	weft_packet_send(&p, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_DATA"));
	weft_packet_out(s, DP, frame, 13, 1, 2, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_DATA"));
	weft_packet_out(s, DP, frame, len, 99, 2, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_IN_PORT"));
	weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_NORMAL, r);
	ASSERT_NLERR(r, WEFT_ERRS(EOPNOTSUPP), WEFT_NAMES("WEFT_ACT_A_OUTPUT"));
	weft_packet_out(s, DP, frame, len, 1, 0, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_ACT_A_OUTPUT"));
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len, 1);
	weft_act_group(p.q.nlh, 4);
	weft_packet_send(&p, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_ACT_A_GROUP"));
	/* Read-only attributes of packet-ins. */
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len, 1);
	mnl_attr_nest_end(p.q.nlh, p.acts);
	p.acts = NULL;
	mnl_attr_put_u8(p.q.nlh, WEFT_PACKET_A_REASON, 0);
	weft_packet_send(&p, s, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL), WEFT_NAMES("WEFT_PACKET_A_REASON"));
	EXPECT_TRUE(quiet(raw2));
	EXPECT_EQ(0, port_stat(s, 2, WEFT_PORT_STATS_A_TX_PACKETS));
	close(raw1);
	close(raw2);
}

/* Edits keep every checksum valid; push_vlan puts a tag on the wire. */
WEFT_TEST(packet_out_edits)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX], got[WEFT_FRAME_MAX + 64];
	size_t len = udp_frame(frame, 1000, 40);
	const uint8_t *ip, *udp;
	struct weft_preq p;
	uint32_t tag, sum, daddr;
	ssize_t n;
	int raw1, raw2;
	uint16_t ulen;

	setup_veths(_metadata, s, &raw1, &raw2);
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len,
			  WEFT_PORT_ANY);
	weft_act_set_be32(p.q.nlh, WEFT_KEY_A_IPV4_DST, 0x0a000063);
	weft_act_set_be16(p.q.nlh, WEFT_KEY_A_UDP_DST, 5353);
	weft_act_flag(p.q.nlh, WEFT_ACT_A_DEC_NW_TTL);
	weft_act_set(p.q.nlh, WEFT_KEY_A_ETH_DST, mac1, 6);
	weft_act_output(p.q.nlh, 2);
	ASSERT_NLOK(weft_packet_send(&p, s, r), r);
	n = weft_raw_recv(raw2, got, sizeof(got), 3000);
	ASSERT_EQ((ssize_t)len, n);
	EXPECT_EQ(0, memcmp(got, mac1, 6));
	ip = got + 14;
	udp = ip + 20;
	memcpy(&daddr, ip + 16, 4);
	EXPECT_EQ(htonl(0x0a000063), daddr);
	EXPECT_EQ(63, ip[8]);
	EXPECT_EQ(5353, udp[2] << 8 | udp[3]);
	EXPECT_EQ(0, weft_csum(ip, 20, 0)) TH_LOG("IPv4 header checksum");
	ulen = (uint16_t)(udp[4] << 8 | udp[5]);
	sum = (uint32_t)(ip[12] << 8 | ip[13]) + (uint32_t)(ip[14] << 8 | ip[15]) +
	      (uint32_t)(ip[16] << 8 | ip[17]) + (uint32_t)(ip[18] << 8 | ip[19]) +
	      17 + ulen;
	EXPECT_EQ(0, weft_csum(udp, ulen, sum)) TH_LOG("UDP checksum");
	/* The payload is untouched. */
	EXPECT_EQ(0, memcmp(udp + 8, frame + 14 + 20 + 8, 40));

	/* push_vlan + vid 100, as seen by the receiver. */
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len,
			  WEFT_PORT_ANY);
	weft_act_be16(p.q.nlh, WEFT_ACT_A_PUSH_VLAN, 0x8100);
	weft_act_set_u16(p.q.nlh, WEFT_KEY_A_VLAN_VID, WEFT_VID_PRESENT | 100);
	weft_act_output(p.q.nlh, 2);
	ASSERT_NLOK(weft_packet_send(&p, s, r), r);
	n = weft_raw_recv_tag(raw2, got, sizeof(got), 3000, &tag);
	ASSERT_LT(0, n);
	if (!tag && n == (ssize_t)len + 4 && got[12] == 0x81 && got[13] == 0)
		tag = 0x81000000u | (uint32_t)(got[14] << 8 | got[15]);
	EXPECT_EQ(0x8100u, tag >> 16) TH_LOG("no 802.1Q tag");
	EXPECT_EQ(100, tag & 0xfff);
	close(raw1);
	close(raw2);
}

/*
 * An edit must not reach another holder of the packet's data.  Frames
 * small enough are copied before the first edit (weft_pkt_copy_small()),
 * and this is where they come from: an output queued before the edit,
 * which then takes the original, and a tap on the input port, whose
 * clone shares the data.  Either writing in place would show in the
 * frame the first port or the tap received.
 */
static void check_edited(struct __test_metadata *_metadata, int fd,
			 const uint8_t *frame, size_t len,
			 const uint8_t *dst)
{
	uint8_t got[WEFT_FRAME_MAX + 64];
	ssize_t n = weft_raw_recv(fd, got, sizeof(got), 3000);

	ASSERT_EQ((ssize_t)len, n);
	EXPECT_EQ(0, memcmp(got, dst, 6));
	EXPECT_EQ(0, memcmp(got + 6, frame + 6, 16));
	EXPECT_EQ(frame[14 + 8] - 1, got[14 + 8]) TH_LOG("TTL");
	EXPECT_EQ(0, weft_csum(got + 14, 20, 0)) TH_LOG("IPv4 header checksum");
	EXPECT_EQ(0, memcmp(got + 14 + 10 + 2, frame + 14 + 10 + 2,
			    len - 14 - 10 - 2)) TH_LOG("past the checksum");
}

WEFT_TEST(edit_of_shared_packet)
{
	static const uint8_t mac3[6] = { 2, 0, 0, 0, 0, 3 };
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 40);
	struct weft_preq p;
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;
	int raw1, raw2;

	setup_veths(_metadata, s, &raw1, &raw2);

	/* Output 1, then edit and output 2: port 1 sees the frame as sent. */
	weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len,
			  WEFT_PORT_ANY);
	weft_act_output(p.q.nlh, 1);
	weft_act_set(p.q.nlh, WEFT_KEY_A_ETH_DST, mac3, 6);
	weft_act_flag(p.q.nlh, WEFT_ACT_A_DEC_NW_TTL);
	weft_act_output(p.q.nlh, 2);
	ASSERT_NLOK(weft_packet_send(&p, s, r), r);
	EXPECT_FRAME(raw1, frame, len);
	check_edited(_metadata, raw2, frame, len, mac3);

	/*
	 * wv1p, the peer of port 1, becomes port 3, where the raw socket
	 * on it is a tap: what port 1 sends arrives there cloned.
	 */
	ASSERT_EQ(0, weft_port_new(s, DP, "wv1p", 0, 3));
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_set(a.nlh, WEFT_KEY_A_ETH_DST, mac3, 6);
	weft_act_flag(a.nlh, WEFT_ACT_A_DEC_NW_TTL);
	weft_act_output(a.nlh, 2);
	mnl_attr_nest_end(a.nlh, n);
	udp_flow(&f, 10, 3, 1, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, WEFT_PORT_ANY, 1,
				     NULL));
	check_edited(_metadata, raw2, frame, len, mac3);
	EXPECT_FRAME(raw1, frame, len);
	close(raw1);
	close(raw2);
}

/* Flow counters -------------------------------------------------------------- */

static void send_table(struct __test_metadata *_metadata, struct weft_nl *s,
		       const uint8_t *frame, size_t len, uint32_t in, int n)
{
	int i;

	for (i = 0; i < n; i++)
		ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, in,
					     WEFT_PORT_TABLE, NULL));
}

/*
 * Ports 1 and 2 on veths (nobody reads them) and flow @f, UDP from port 1
 * out of port 2 at priority 10, cookie 1; @a holds its instructions.
 */
static void setup_udp_flow(struct __test_metadata *_metadata,
			   struct weft_nl *s, struct weft_attrs *a,
			   struct weft_flow *f)
{
	setup_veths(_metadata, s, NULL, NULL);
	weft_attrs_init(a);
	weft_inst_output(a, WEFT_INST_A_APPLY_ACTIONS, 2);
	udp_flow(f, 10, 1, 1, a);
	ASSERT_EQ(0, weft_flow_add(s, DP, f, NULL));
}

WEFT_TEST(flow_counters_and_reset)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 77);
	struct weft_attrs a;
	struct weft_flow f;
	uint64_t pk, by;

	setup_udp_flow(_metadata, s, &a, &f);
	send_table(_metadata, s, frame, len, 1, 3);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(3, pk);
	EXPECT_EQ(3 * len, by);

	/* A replace keeps the counters... */
	f.cookie = 2;
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(3, pk);
	/* ...unless RESET_COUNTS. */
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_RESET_COUNTS;
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(0, pk);
	EXPECT_EQ(0, by);
	send_table(_metadata, s, frame, len, 1, 2);
	/* A modify keeps them too, unless RESET_COUNTS. */
	f.has_flags = false;
	f.strict = true;
	ASSERT_NLOK(weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, DP, &f, r), r);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(2, pk);
	EXPECT_EQ(2 * len, by);
	f.has_flags = true;
	f.flags = WEFT_FLOW_F_RESET_COUNTS;
	ASSERT_NLOK(weft_flow_cmd(s, WEFT_CMD_FLOW_SET, 0, DP, &f, r), r);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
	EXPECT_EQ(0, pk);
	EXPECT_EQ(0, by);
}

/*
 * A bundle resets counters only when it commits: one undone by a later
 * op's failure leaves them as they were, and one that commits resets them
 * for an add and a modify alike.
 */
WEFT_TEST(bundle_reset_counts)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 77);
	struct weft_attrs a;
	struct weft_breq b;
	struct weft_flow f, other;
	uint64_t pk, by;
	static const uint8_t cmds[] = { WEFT_CMD_FLOW_NEW, WEFT_CMD_FLOW_SET };
	unsigned int i;

	setup_udp_flow(_metadata, s, &a, &f);
	udp_flow(&other, 5, 1, 2, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &other, NULL));
	send_table(_metadata, s, frame, len, 1, 3);

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		uint8_t cmd = cmds[i];

		/* Reset, then an op that fails: undone, counters kept. */
		weft_bundle_start(&b, s, DP);
		f.has_flags = true;
		f.flags = WEFT_FLOW_F_RESET_COUNTS;
		f.strict = cmd == WEFT_CMD_FLOW_SET;
		weft_bundle_op(&b, cmd, &f);
		other.excl = true;
		weft_bundle_op(&b, WEFT_CMD_FLOW_NEW, &other);
		weft_bundle_send(&b, s, r);
		ASSERT_NLERR(r, WEFT_ERRS(EEXIST),
			     WEFT_NAMES("WEFT_BUNDLE_A_OP", "WEFT_A_FLOW",
					"WEFT_OP_A_FLOW", "WEFT_FLOW_A_EXCL"));
		ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
		EXPECT_EQ(3, pk) TH_LOG("cmd %d: counters lost to a rollback", cmd);
		EXPECT_EQ(3 * len, by);

		/* The same reset committed. */
		weft_bundle_start(&b, s, DP);
		weft_bundle_op(&b, cmd, &f);
		ASSERT_NLOK(weft_bundle_send(&b, s, r), r);
		ASSERT_EQ(0, weft_flow_stats(s, DP, &f, &pk, &by));
		EXPECT_EQ(0, pk) TH_LOG("cmd %d: RESET_COUNTS not applied", cmd);
		EXPECT_EQ(0, by);
		send_table(_metadata, s, frame, len, 1, 3);
		other.excl = false;
	}
}

WEFT_TEST(flow_no_packet_no_byte_counts)
{
	struct weft_nl *s = &self->s;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 33);
	struct weft_attrs a;
	struct weft_flow f1, f2;
	uint64_t pk, by;

	setup_veths(_metadata, s, NULL, NULL);
	weft_attrs_init(&a);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, 2);
	udp_flow(&f1, 10, 1, 1, &a);
	f1.has_flags = true;
	f1.flags = WEFT_FLOW_F_NO_PKT_COUNTS;
	ASSERT_EQ(0, weft_flow_add(s, DP, &f1, NULL));
	udp_flow(&f2, 10, WEFT_PORT_LOCAL, 2, &a);
	f2.has_flags = true;
	f2.flags = WEFT_FLOW_F_NO_BYT_COUNTS;
	ASSERT_EQ(0, weft_flow_add(s, DP, &f2, NULL));
	send_table(_metadata, s, frame, len, 1, 2);
	send_table(_metadata, s, frame, len, WEFT_PORT_LOCAL, 3);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f1, &pk, &by));
	EXPECT_EQ(0, pk);
	EXPECT_EQ(2 * len, by);
	ASSERT_EQ(0, weft_flow_stats(s, DP, &f2, &pk, &by));
	EXPECT_EQ(3, pk);
	EXPECT_EQ(0, by);
	/* The flows were hit all the same. */
	EXPECT_EQ(5, weft_dp_stat(s, DP, WEFT_DP_STATS_A_HITS));
}

/* Packet-in ------------------------------------------------------------------- */

/* A second socket, registered as the datapath's listener. */
static void listen_on(struct __test_metadata *_metadata, struct weft_nl *s,
		      struct weft_nl *l, struct weft_reply *r)
{
	ASSERT_EQ(0, weft_nl_open(l));
	ASSERT_NLOK(weft_dp_set_upcall(s, DP, mnl_socket_get_portid(l->nl),
				       -1, -1, r), r);
	ASSERT_NLOK(weft_dp_get(s, DP, r), r);
	ASSERT_EQ(mnl_socket_get_portid(l->nl),
		  weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_UPCALL_PID)));
}

/* The one packet-in @l must get next. */
static const struct nlmsghdr *packet_in(struct weft_nl *l,
					struct weft_reply *ev)
{
	if (weft_recv_cmd(l, WEFT_CMD_PACKET_IN, 1, 3000, ev) != 1)
		return NULL;
	return ev->msgs[0];
}

WEFT_TEST(packet_in_content)
{
	struct weft_reply *r = &self->r, *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, l;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 100);
	const struct nlmsghdr *m;
	const struct nlattr *data;
	struct weft_attrs a;
	struct weft_flow f;
	struct nlattr *n;
	int raw1, raw2;

	ASSERT_NE(NULL, ev);
	setup_veths(_metadata, s, &raw1, &raw2);
	listen_on(_metadata, s, &l, r);

	/* in_port=1,udp -> controller (whole packet), cookie 0xc0ffee. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_controller(a.nlh, -1);
	mnl_attr_nest_end(a.nlh, n);
	udp_flow(&f, 10, 1, 0xc0ffee, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_TABLE,
				     NULL));
	m = packet_in(&l, ev);
	ASSERT_NE(NULL, m) TH_LOG("no packet-in");
	EXPECT_STREQ(DP, weft_str(weft_getv(m, 1, WEFT_A_DP_NAME)));
	EXPECT_EQ(WEFT_PACKET_IN_ACTION, weft_u(PKT_A(m, WEFT_PACKET_A_REASON)));
	EXPECT_EQ(0, weft_u(PKT_A(m, WEFT_PACKET_A_TABLE)));
	EXPECT_EQ(0xc0ffee, weft_u(PKT_A(m, WEFT_PACKET_A_COOKIE)));
	EXPECT_EQ(1, weft_u(PKT_A(m, WEFT_PACKET_A_IN_PORT)));
	EXPECT_EQ(len, weft_u(PKT_A(m, WEFT_PACKET_A_TOTAL_LEN)));
	EXPECT_EQ(1, weft_u(weft_nested(PKT_A(m, WEFT_PACKET_A_KEY),
					WEFT_KEY_A_IN_PORT)));
	data = PKT_A(m, WEFT_PACKET_A_DATA);
	ASSERT_NE(NULL, data);
	ASSERT_EQ(len, mnl_attr_get_payload_len(data));
	EXPECT_EQ(0, memcmp(frame, mnl_attr_get_payload(data), len));

	/* Truncated to the action's max_len; TOTAL_LEN stays whole. */
	weft_attrs_init(&a);
	n = mnl_attr_nest_start(a.nlh, WEFT_INST_A_APPLY_ACTIONS);
	weft_act_controller(a.nlh, 20);
	mnl_attr_nest_end(a.nlh, n);
	udp_flow(&f, 10, 1, 0xc0ffee, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_TABLE,
				     NULL));
	m = packet_in(&l, ev);
	ASSERT_NE(NULL, m) TH_LOG("no packet-in");
	EXPECT_EQ(len, weft_u(PKT_A(m, WEFT_PACKET_A_TOTAL_LEN)));
	data = PKT_A(m, WEFT_PACKET_A_DATA);
	ASSERT_NE(NULL, data);
	ASSERT_EQ(20, mnl_attr_get_payload_len(data));
	EXPECT_EQ(0, memcmp(frame, mnl_attr_get_payload(data), 20));

	/* OUTPUT:CONTROLLER is the whole packet, reason ACTION. */
	weft_attrs_init(&a);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, WEFT_PORT_CONTROLLER);
	udp_flow(&f, 10, 1, 0xbeef, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, 1, WEFT_PORT_TABLE,
				     NULL));
	m = packet_in(&l, ev);
	ASSERT_NE(NULL, m) TH_LOG("no packet-in");
	EXPECT_EQ(WEFT_PACKET_IN_ACTION, weft_u(PKT_A(m, WEFT_PACKET_A_REASON)));
	EXPECT_EQ(0xbeef, weft_u(PKT_A(m, WEFT_PACKET_A_COOKIE)));
	EXPECT_EQ(len, mnl_attr_get_payload_len(PKT_A(m, WEFT_PACKET_A_DATA)));

	/* A table miss, truncated to the table's max_len. */
	ASSERT_NLOK(weft_table_set(s, DP, 0, WEFT_TABLE_MISS_CONTROLLER, 30,
				   r), r);
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, 2, WEFT_PORT_TABLE,
				     NULL));
	m = packet_in(&l, ev);
	ASSERT_NE(NULL, m) TH_LOG("no packet-in");
	EXPECT_EQ(WEFT_PACKET_IN_NO_MATCH,
		  weft_u(PKT_A(m, WEFT_PACKET_A_REASON)));
	EXPECT_EQ(0, weft_u(PKT_A(m, WEFT_PACKET_A_TABLE)));
	EXPECT_EQ(UINT64_MAX, weft_u(PKT_A(m, WEFT_PACKET_A_COOKIE)))
		TH_LOG("a miss has cookie all-ones");
	EXPECT_NE(NULL, PKT_A(m, WEFT_PACKET_A_COOKIE));
	EXPECT_EQ(2, weft_u(PKT_A(m, WEFT_PACKET_A_IN_PORT)));
	EXPECT_EQ(len, weft_u(PKT_A(m, WEFT_PACKET_A_TOTAL_LEN)));
	data = PKT_A(m, WEFT_PACKET_A_DATA);
	ASSERT_NE(NULL, data);
	ASSERT_EQ(30, mnl_attr_get_payload_len(data));
	EXPECT_EQ(0, memcmp(frame, mnl_attr_get_payload(data), 30));

	/* A miss in table 2, after a goto that wrote metadata. */
	weft_attrs_init(&a);
	weft_inst_meta(&a, 0x77, 0, false);
	weft_inst_goto(&a, 2);
	udp_flow(&f, 10, WEFT_PORT_LOCAL, 0x5, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	ASSERT_NLOK(weft_table_set(s, DP, 2, WEFT_TABLE_MISS_CONTROLLER, -1,
				   r), r);
	ASSERT_EQ(0, weft_packet_out(s, DP, frame, len, WEFT_PORT_LOCAL,
				     WEFT_PORT_TABLE, NULL));
	m = packet_in(&l, ev);
	ASSERT_NE(NULL, m) TH_LOG("no packet-in");
	EXPECT_EQ(WEFT_PACKET_IN_NO_MATCH,
		  weft_u(PKT_A(m, WEFT_PACKET_A_REASON)));
	EXPECT_EQ(2, weft_u(PKT_A(m, WEFT_PACKET_A_TABLE)));
	EXPECT_EQ(WEFT_PORT_LOCAL, weft_u(PKT_A(m, WEFT_PACKET_A_IN_PORT)));
	EXPECT_EQ(0x77, weft_u(weft_nested(PKT_A(m, WEFT_PACKET_A_KEY),
					   WEFT_KEY_A_METADATA)));
	EXPECT_EQ(len, mnl_attr_get_payload_len(PKT_A(m, WEFT_PACKET_A_DATA)));

	EXPECT_EQ(5, weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALLS));
	EXPECT_EQ(0, weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALL_DROP_RATE));
	/* Nothing else was sent to the listener. */
	EXPECT_EQ(0, weft_recv_cmd(&l, WEFT_CMD_PACKET_IN, 0, 200, ev));
	weft_nl_close(&l);
	free(ev);
	close(raw1);
	close(raw2);
}

#define RATE 10
#define BURST 5
#define FLOOD 200
#define PER_OUT 50

WEFT_TEST(packet_in_rate_limit)
{
	struct weft_reply *r = &self->r, *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, l;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 20);
	uint64_t up0, drop0, up, drop, queue, nol;
	int64_t start, elapsed;
	struct weft_attrs a;
	struct weft_flow f;
	int i, j, got;

	ASSERT_NE(NULL, ev);
	setup_veths(_metadata, s, NULL, NULL);
	listen_on(_metadata, s, &l, r);
	weft_attrs_init(&a);
	weft_inst_output(&a, WEFT_INST_A_APPLY_ACTIONS, WEFT_PORT_CONTROLLER);
	udp_flow(&f, 10, 1, 1, &a);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	up0 = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALLS);
	drop0 = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALL_DROP_RATE);

	start = now_ms();
	ASSERT_NLOK(weft_dp_set_upcall(s, DP, -1, RATE, BURST, r), r);
	ASSERT_NLOK(weft_dp_get(s, DP, r), r);
	EXPECT_EQ(RATE, weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_UPCALL_RATE)));
	EXPECT_EQ(BURST,
		  weft_u(weft_getv(r->msgs[0], 1, WEFT_A_DP_UPCALL_BURST)));
	/* FLOOD packets, PER_OUT pipeline runs per packet-out. */
	for (i = 0; i < FLOOD / PER_OUT; i++) {
		struct weft_preq p;

		weft_packet_start(&p, s, WEFT_CMD_PACKET_OUT, DP, frame, len,
				  1);
		for (j = 0; j < PER_OUT; j++)
			weft_act_output(p.q.nlh, WEFT_PORT_TABLE);
		ASSERT_NLOK(weft_packet_send(&p, s, r), r);
	}
	elapsed = now_ms() - start;

	up = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALLS) - up0;
	drop = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALL_DROP_RATE) - drop0;
	queue = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALL_DROP_QUEUE);
	nol = weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER);
	TH_LOG("%" PRIu64 " delivered, %" PRIu64 " rate-limited in %" PRId64 " ms",
	       up, drop, elapsed);
	EXPECT_EQ(FLOOD, up + drop);
	EXPECT_LE(BURST, up);
	EXPECT_GE(BURST + (uint64_t)(elapsed * RATE / 1000) + 1, up);
	EXPECT_EQ(0, queue);
	EXPECT_EQ(0, nol);
	/* Every delivered packet-in reached the listener. */
	got = weft_recv_cmd(&l, WEFT_CMD_PACKET_IN, (int)up, 3000, ev);
	EXPECT_EQ(up, (uint64_t)got);
	EXPECT_EQ(0, weft_recv_cmd(&l, WEFT_CMD_PACKET_IN, 0, 200, ev));
	/* Forwarding went on: every packet was looked up and matched. */
	EXPECT_EQ(FLOOD, weft_dp_stat(s, DP, WEFT_DP_STATS_A_HITS));
	weft_nl_close(&l);
	free(ev);
}

WEFT_TEST(packet_in_no_listener)
{
	struct weft_reply *r = &self->r;
	struct weft_nl *s = &self->s, gone;
	uint8_t frame[WEFT_FRAME_MAX];
	size_t len = udp_frame(frame, 1000, 20);

	setup_veths(_metadata, s, NULL, NULL);
	ASSERT_NLOK(weft_table_set(s, DP, 0, WEFT_TABLE_MISS_CONTROLLER, -1,
				   r), r);
	/* No listener was ever set. */
	send_table(_metadata, s, frame, len, 1, 10);
	EXPECT_EQ(10, weft_dp_stat(s, DP,
				   WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER));
	EXPECT_EQ(0, weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALLS));
	EXPECT_EQ(10, weft_dp_stat(s, DP, WEFT_DP_STATS_A_MISSES));
	/* A listener whose socket is gone. */
	ASSERT_EQ(0, weft_nl_open(&gone));
	ASSERT_NLOK(weft_dp_set_upcall(s, DP, mnl_socket_get_portid(gone.nl),
				       -1, -1, r), r);
	weft_nl_close(&gone);
	send_table(_metadata, s, frame, len, 1, 5);
	EXPECT_EQ(15, weft_dp_stat(s, DP,
				   WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER));
	EXPECT_EQ(0, weft_dp_stat(s, DP, WEFT_DP_STATS_A_UPCALLS));
	/* Rate and burst must be at least 1. */
	weft_dp_set_upcall(s, DP, -1, 0, -1, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_A_DP_UPCALL_RATE"));
	weft_dp_set_upcall(s, DP, -1, -1, 0, r);
	ASSERT_NLERR(r, WEFT_ERRS(EINVAL, ERANGE),
		     WEFT_NAMES("WEFT_A_DP_UPCALL_BURST"));
}

/* Timeouts and FLOW_REMOVED --------------------------------------------------- */

/* Wait (bounded) for the FLOW_REMOVED of @cookie; NULL if none came. */
static const struct nlmsghdr *flow_removed(struct weft_nl *evs,
					   struct weft_reply *ev,
					   uint64_t cookie, int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	int i;

	while (now_ms() < end) {
		weft_recv_cmd(evs, WEFT_CMD_FLOW_REMOVED, 1,
			      (int)(end - now_ms()), ev);
		for (i = 0; i < ev->n; i++)
			if (weft_u(weft_getv(ev->msgs[i], 2, WEFT_A_FLOW,
					     WEFT_FLOW_A_COOKIE)) == cookie)
				return ev->msgs[i];
	}
	return NULL;
}

static void timeout_flow(struct weft_flow *f, uint64_t cookie, bool idle,
			 uint32_t flags)
{
	weft_flow_init(f, 0, (int)cookie);
	weft_match_u32(f, WEFT_KEY_A_IN_PORT, 1);
	weft_match_be16(f, WEFT_KEY_A_ETH_TYPE, 0x0800);
	weft_output(f, 2);
	f->has_cookie = true;
	f->cookie = cookie;
	f->has_flags = true;
	f->flags = flags;
	if (idle) {
		f->has_idle = true;
		f->idle_timeout = 1;
	} else {
		f->has_hard = true;
		f->hard_timeout = 1;
	}
}

static void check_removed(struct __test_metadata *_metadata,
			  const struct nlmsghdr *m, uint8_t reason, bool idle)
{
	const struct nlattr *key;

	ASSERT_NE(NULL, m) TH_LOG("no FLOW_REMOVED within 5 s");
	EXPECT_EQ(reason, weft_u(weft_getv(m, 2, WEFT_A_FLOW,
					   WEFT_FLOW_A_REASON)));
	EXPECT_EQ(0, weft_u(weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_TABLE)));
	EXPECT_EQ(1, weft_u(weft_getv(m, 2, WEFT_A_FLOW,
				      idle ? WEFT_FLOW_A_IDLE_TIMEOUT :
					     WEFT_FLOW_A_HARD_TIMEOUT)));
	key = weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_KEY);
	EXPECT_EQ(1, weft_u(weft_nested(key, WEFT_KEY_A_IN_PORT)));
	EXPECT_EQ(htons(0x0800), weft_u(weft_nested(key, WEFT_KEY_A_ETH_TYPE)));
	EXPECT_NE(NULL, weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_STATS));
}

WEFT_TEST(flow_hard_timeout)
{
	struct weft_reply *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, evs;
	struct weft_flow f;

	ASSERT_NE(NULL, ev);
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_nl_open(&evs));
	ASSERT_EQ(0, weft_nl_join_events(&evs));
	timeout_flow(&f, 0x31, false, WEFT_FLOW_F_SEND_FLOW_REM);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	/* The same without SEND_FLOW_REM: it goes, silently. */
	timeout_flow(&f, 0x32, false, 0);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	check_removed(_metadata, flow_removed(&evs, ev, 0x31, 5000),
		      WEFT_FLOW_REMOVED_HARD_TIMEOUT, false);
	/* Both expire in the same sweep; bounded wait for the second. */
	{
		int i;

		for (i = 0; i < 30 && weft_flow_count(s, DP) > 0; i++)
			usleep(100 * 1000);
	}
	EXPECT_EQ(0, weft_flow_count(s, DP));
	EXPECT_EQ(NULL, flow_removed(&evs, ev, 0x32, 300));
	weft_nl_close(&evs);
	free(ev);
}

WEFT_TEST(flow_idle_timeout)
{
	struct weft_reply *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, evs;
	struct weft_flow f;

	ASSERT_NE(NULL, ev);
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_nl_open(&evs));
	ASSERT_EQ(0, weft_nl_join_events(&evs));
	timeout_flow(&f, 0x41, true, WEFT_FLOW_F_SEND_FLOW_REM);
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	check_removed(_metadata, flow_removed(&evs, ev, 0x41, 5000),
		      WEFT_FLOW_REMOVED_IDLE_TIMEOUT, true);
	EXPECT_EQ(0, weft_flow_count(s, DP));
	weft_nl_close(&evs);
	free(ev);
}

/* A delete is reported too, with reason DELETE. */
WEFT_TEST(flow_removed_on_delete)
{
	struct weft_reply *ev = malloc(sizeof(*ev));
	struct weft_nl *s = &self->s, evs;
	const struct nlmsghdr *m;
	struct weft_flow f;

	ASSERT_NE(NULL, ev);
	ASSERT_EQ(0, weft_dp_new(s, DP));
	ASSERT_EQ(0, weft_nl_open(&evs));
	ASSERT_EQ(0, weft_nl_join_events(&evs));
	timeout_flow(&f, 0x51, false, WEFT_FLOW_F_SEND_FLOW_REM);
	f.has_hard = false;
	ASSERT_EQ(0, weft_flow_add(s, DP, &f, NULL));
	f.strict = true;
	f.no_inst = true;
	f.has_cookie = f.has_flags = false;
	ASSERT_EQ(0, weft_flow_cmd(s, WEFT_CMD_FLOW_DEL, 0, DP, &f, NULL));
	m = flow_removed(&evs, ev, 0x51, 2000);
	ASSERT_NE(NULL, m);
	EXPECT_EQ(WEFT_FLOW_REMOVED_DELETE,
		  weft_u(weft_getv(m, 2, WEFT_A_FLOW, WEFT_FLOW_A_REASON)));
	weft_nl_close(&evs);
	free(ev);
}

WEFT_KMSG_TEST

TEST_HARNESS_MAIN
