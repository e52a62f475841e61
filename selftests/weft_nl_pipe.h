/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Request builders for weft's pipeline ABI: instructions and actions,
 * tables, groups, packet-out, trace, bundles, the packet-in listener, and
 * the frames and raw sockets the packet tests need.  Included by
 * weft_nl_lib.h; implemented in weft_nl_pipe.c.
 *
 * Builders that open nests hand back the request's nlmsghdr so that the
 * caller can put odd things in (that is what the validation tests do);
 * the matching *_send closes every nest still open and runs the request.
 */
#ifndef WEFT_NL_PIPE_H
#define WEFT_NL_PIPE_H

#include <stdint.h>
#include <sys/types.h>

/* Scratch attribute lists ------------------------------------------------ */
struct nlmsghdr *weft_attrs_init(struct weft_attrs *a);
/* Append the attributes of @a to @nlh (inside whatever nest is open). */
void weft_attrs_put(struct nlmsghdr *nlh, const struct weft_attrs *a);

/* Actions ---------------------------------------------------------------- */
void weft_act_output(struct nlmsghdr *nlh, uint32_t port);
void weft_act_controller(struct nlmsghdr *nlh, int max_len); /* <0: none */
void weft_act_group(struct nlmsghdr *nlh, uint32_t id);
void weft_act_set(struct nlmsghdr *nlh, uint16_t field, const void *val,
		  size_t len);
void weft_act_set_be16(struct nlmsghdr *nlh, uint16_t field, uint16_t v);
void weft_act_set_be32(struct nlmsghdr *nlh, uint16_t field, uint32_t v);
void weft_act_set_u16(struct nlmsghdr *nlh, uint16_t field, uint16_t v);
void weft_act_set_u8(struct nlmsghdr *nlh, uint16_t field, uint8_t v);
/* PUSH_VLAN, PUSH_MPLS, POP_MPLS: @v in host order, sent as be16. */
void weft_act_be16(struct nlmsghdr *nlh, uint16_t type, uint16_t v);
void weft_act_flag(struct nlmsghdr *nlh, uint16_t type);

/* Instructions, into a scratch list used as weft_flow.inst. */
void weft_inst_goto(struct weft_attrs *a, uint8_t table);
void weft_inst_meta(struct weft_attrs *a, uint64_t value, uint64_t mask,
		    bool with_mask);
void weft_inst_clear(struct weft_attrs *a);
/* One action list, APPLY or WRITE, holding a single output. */
void weft_inst_output(struct weft_attrs *a, uint16_t list, uint32_t port);

int weft_flow_add(struct weft_nl *s, const char *dp, const struct weft_flow *f,
		  struct weft_reply *r);
/* Packet and byte counters of the flow @f selects strictly. */
int weft_flow_stats(struct weft_nl *s, const char *dp,
		    const struct weft_flow *f, uint64_t *packets,
		    uint64_t *bytes);

/* Datapath ----------------------------------------------------------------- */
/* Negative values leave the attribute out. */
int weft_dp_set_upcall(struct weft_nl *s, const char *dp, int64_t pid,
		       int64_t rate, int64_t burst, struct weft_reply *r);
/* A WEFT_DP_STATS_A_* counter, UINT64_MAX if it cannot be read. */
uint64_t weft_dp_stat(struct weft_nl *s, const char *dp, uint16_t stat);

/* Tables ------------------------------------------------------------------ */
int weft_table_set(struct weft_nl *s, const char *dp, int id, int64_t miss,
		   int64_t max_len, struct weft_reply *r);
int weft_table_get(struct weft_nl *s, const char *dp, int id,
		   struct weft_reply *r);
int weft_table_dump(struct weft_nl *s, const char *dp, struct weft_reply *r);

/* Groups ------------------------------------------------------------------ */
struct weft_greq {
	struct weft_req q;
	struct nlattr *group, *buckets, *bucket, *acts;
};

struct nlmsghdr *weft_group_start(struct weft_greq *g, struct weft_nl *s,
				  uint8_t cmd, const char *dp, int64_t id,
				  int64_t type);
/* weight < 0 and WEFT_PORT_ANY / WEFT_GROUP_ANY leave the attribute out. */
struct nlmsghdr *weft_bucket_start(struct weft_greq *g, int weight,
				   uint32_t watch_port, uint32_t watch_group);
void weft_bucket_end(struct weft_greq *g);
int weft_group_send(struct weft_greq *g, struct weft_nl *s,
		    struct weft_reply *r);
/* A group whose bucket i outputs to ports[i]; @r may be NULL. */
int weft_group_outputs(struct weft_nl *s, uint8_t cmd, const char *dp,
		       uint32_t id, uint32_t type, int n, const uint32_t *ports,
		       struct weft_reply *r);
int weft_group_del(struct weft_nl *s, const char *dp, uint32_t id,
		   struct weft_reply *r);
int weft_group_get(struct weft_nl *s, const char *dp, uint32_t id,
		   struct weft_reply *r);
int weft_group_dump(struct weft_nl *s, const char *dp, struct weft_reply *r);

/* Packet-out and trace ------------------------------------------------------ */
struct weft_preq {
	struct weft_req q;
	struct nlattr *pkt, *acts;
};

/*
 * WEFT_A_PACKET with DATA (if @data) and IN_PORT (unless WEFT_PORT_ANY);
 * for PACKET_OUT the ACTIONS nest is left open for the caller.
 */
struct nlmsghdr *weft_packet_start(struct weft_preq *p, struct weft_nl *s,
				   uint8_t cmd, const char *dp,
				   const void *data, size_t len,
				   uint32_t in_port);
int weft_packet_send(struct weft_preq *p, struct weft_nl *s,
		     struct weft_reply *r);
/* One packet-out with a single OUTPUT:@out; @r may be NULL. */
int weft_packet_out(struct weft_nl *s, const char *dp, const void *data,
		    size_t len, uint32_t in_port, uint32_t out,
		    struct weft_reply *r);
int weft_trace_data(struct weft_nl *s, const char *dp, const void *data,
		    size_t len, uint32_t in_port, struct weft_reply *r);

/* A trace reply: its steps (WEFT_TRACE_A_STEP nests) and output ports. */
int weft_trace_steps(const struct nlmsghdr *m, const struct nlattr **steps,
		     int max);
int weft_trace_outputs(const struct nlmsghdr *m, uint32_t *out, int max);

/* Bundles ----------------------------------------------------------------- */
#define WEFT_BUNDLE_TEST_OPS	32
struct weft_breq {
	struct weft_req q;
	struct nlattr *bundle;
	int n;
	uint32_t op_off[WEFT_BUNDLE_TEST_OPS];	/* offset of each OP nest */
};

void weft_bundle_start(struct weft_breq *b, struct weft_nl *s,
		       const char *dp);
void weft_bundle_op(struct weft_breq *b, uint8_t cmd,
		    const struct weft_flow *f);
int weft_bundle_send(struct weft_breq *b, struct weft_nl *s,
		     struct weft_reply *r);

/* Frames ------------------------------------------------------------------ */
#define WEFT_FRAME_MAX	1600
/*
 * An Ethernet + IPv4 frame: UDP (17), TCP (6) or ICMP echo (1, @sport is
 * the id) with @payload bytes of a counting pattern, every checksum valid.
 * Returns the frame's length.
 */
size_t weft_frame_ipv4(uint8_t *buf, const uint8_t dst[6],
		       const uint8_t src[6], uint32_t saddr, uint32_t daddr,
		       uint8_t proto, uint16_t sport, uint16_t dport,
		       size_t payload);
uint16_t weft_csum(const void *data, size_t len, uint32_t sum);

/* Raw sockets: every frame a netdev receives, as it is on the wire. */
int weft_raw_open(const char *ifname);
/*
 * Next frame received by @fd within @timeout_ms; 0 on timeout.  @tci, if
 * not NULL, gets the VLAN tag the kernel took off the frame (tpid << 16 |
 * tci), or 0 if it had none.
 */
ssize_t weft_raw_recv(int fd, void *buf, size_t len, int timeout_ms);
ssize_t weft_raw_recv_tag(int fd, void *buf, size_t len, int timeout_ms,
			  uint32_t *tag);

#endif /* WEFT_NL_PIPE_H */
