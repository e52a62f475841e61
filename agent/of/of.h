/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OpenFlow 1.3.5 and 1.0.0 wire codec: one message's bytes <-> a
 * version-neutral C representation (the "IR"), struct weft_of_msg.
 *
 * The IR keeps everything the wire says, in the wire's order, so that
 * weft_of_decode() followed by weft_of_encode() gives back the input byte
 * for byte (padding aside, which is always written as zeros).  Numbers are
 * in host byte order; match field values and masks are byte strings in
 * network order, as on the wire.
 *
 * Version neutrality: message types, multipart types and error
 * types/codes are in OpenFlow 1.3 numbering whatever .version says, and
 * port numbers are 32-bit (1.0's 0xff00..0xffff are 0xffffff00..
 * 0xffffffff).  What 1.0 lays out differently stays in 1.0 form: its
 * match (struct weft_of_match10, raw, 16-bit in_port included) and its
 * actions (.type is WEFT_OFPAT10_* when .version is 1.0).  A 1.0 FLOW_MOD
 * or flow-stats entry carries its action list as a single APPLY_ACTIONS
 * instruction (none when the list is empty), so that callers need no
 * version test to find it.
 *
 * Every variable-length part is a heap array owned by the message; free
 * with weft_of_msg_free().  Payloads (packet data, echo data, error data)
 * are copies, never pointers into the decoded buffer.
 */
#ifndef WEFT_OF_H
#define WEFT_OF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define WEFT_OFP10_VERSION	0x01
#define WEFT_OFP13_VERSION	0x04

#define WEFT_OFP_HEADER_LEN	8
#define WEFT_OFP_MAX_MSG_LEN	65535
#define WEFT_OFP_TCP_PORT	6653

/* Message types, OpenFlow 1.3 numbering (1.0's are mapped to these). */
enum {
	WEFT_OFPT_HELLO = 0,
	WEFT_OFPT_ERROR = 1,
	WEFT_OFPT_ECHO_REQUEST = 2,
	WEFT_OFPT_ECHO_REPLY = 3,
	WEFT_OFPT_EXPERIMENTER = 4,	/* 1.0: VENDOR */
	WEFT_OFPT_FEATURES_REQUEST = 5,
	WEFT_OFPT_FEATURES_REPLY = 6,
	WEFT_OFPT_GET_CONFIG_REQUEST = 7,
	WEFT_OFPT_GET_CONFIG_REPLY = 8,
	WEFT_OFPT_SET_CONFIG = 9,
	WEFT_OFPT_PACKET_IN = 10,
	WEFT_OFPT_FLOW_REMOVED = 11,
	WEFT_OFPT_PORT_STATUS = 12,
	WEFT_OFPT_PACKET_OUT = 13,
	WEFT_OFPT_FLOW_MOD = 14,
	WEFT_OFPT_GROUP_MOD = 15,
	WEFT_OFPT_PORT_MOD = 16,
	WEFT_OFPT_TABLE_MOD = 17,
	WEFT_OFPT_MULTIPART_REQUEST = 18,	/* 1.0: STATS_REQUEST */
	WEFT_OFPT_MULTIPART_REPLY = 19,		/* 1.0: STATS_REPLY */
	WEFT_OFPT_BARRIER_REQUEST = 20,
	WEFT_OFPT_BARRIER_REPLY = 21,
	WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST = 22,
	WEFT_OFPT_QUEUE_GET_CONFIG_REPLY = 23,
	WEFT_OFPT_ROLE_REQUEST = 24,
	WEFT_OFPT_ROLE_REPLY = 25,
	WEFT_OFPT_GET_ASYNC_REQUEST = 26,
	WEFT_OFPT_GET_ASYNC_REPLY = 27,
	WEFT_OFPT_SET_ASYNC = 28,
	WEFT_OFPT_METER_MOD = 29,
	WEFT_OFPT_MAX = 29,
};

/* Reserved ports, 32-bit (1.0's 16-bit ones are mapped). */
#define WEFT_OFPP_MAX		0xffffff00U
#define WEFT_OFPP_IN_PORT	0xfffffff8U
#define WEFT_OFPP_TABLE		0xfffffff9U
#define WEFT_OFPP_NORMAL	0xfffffffaU
#define WEFT_OFPP_FLOOD		0xfffffffbU
#define WEFT_OFPP_ALL		0xfffffffcU
#define WEFT_OFPP_CONTROLLER	0xfffffffdU
#define WEFT_OFPP_LOCAL		0xfffffffeU
#define WEFT_OFPP_ANY		0xffffffffU	/* 1.0: OFPP_NONE */
#define WEFT_OFPP10_MAX		0xff00U

#define WEFT_OFPG_MAX		0xffffff00U
#define WEFT_OFPG_ALL		0xfffffffcU
#define WEFT_OFPG_ANY		0xffffffffU
#define WEFT_OFPTT_ALL		0xff
#define WEFT_OFP_NO_BUFFER	0xffffffffU
#define WEFT_OFPCML_MAX		0xffe5
#define WEFT_OFPCML_NO_BUFFER	0xffff
#define WEFT_OFPQ_ALL		0xffffffffU
#define WEFT_OFPM_ALL		0xffffffffU

/* 1.0's 16-bit port <-> the IR's 32-bit one. */
uint32_t weft_of_port_from10(uint16_t port);
uint16_t weft_of_port_to10(uint32_t port);	/* 0 if not representable */
bool weft_of_port10_ok(uint32_t port);

#include "of_errors.h"

/* What a decode (or a translation) found wrong: 1.3 type and code. */
struct weft_of_error {
	uint16_t type;
	uint16_t code;
};

/* Experimenter ids the codec knows by name. */
#define WEFT_OF_NX_VENDOR_ID	0x00002320U	/* Nicira */
#define WEFT_OF_ONF_VENDOR_ID	0x4f4e4600U	/* ONF */

/* ---- Matches ---- */

/* OXM classes. */
#define WEFT_OFPXMC_NXM_0		0x0000
#define WEFT_OFPXMC_NXM_1		0x0001
#define WEFT_OFPXMC_OPENFLOW_BASIC	0x8000
#define WEFT_OFPXMC_EXPERIMENTER	0xffff

/* OpenFlow basic OXM fields (class 0x8000). */
enum {
	WEFT_OFPXMT_IN_PORT = 0, WEFT_OFPXMT_IN_PHY_PORT = 1,
	WEFT_OFPXMT_METADATA = 2, WEFT_OFPXMT_ETH_DST = 3,
	WEFT_OFPXMT_ETH_SRC = 4, WEFT_OFPXMT_ETH_TYPE = 5,
	WEFT_OFPXMT_VLAN_VID = 6, WEFT_OFPXMT_VLAN_PCP = 7,
	WEFT_OFPXMT_IP_DSCP = 8, WEFT_OFPXMT_IP_ECN = 9,
	WEFT_OFPXMT_IP_PROTO = 10, WEFT_OFPXMT_IPV4_SRC = 11,
	WEFT_OFPXMT_IPV4_DST = 12, WEFT_OFPXMT_TCP_SRC = 13,
	WEFT_OFPXMT_TCP_DST = 14, WEFT_OFPXMT_UDP_SRC = 15,
	WEFT_OFPXMT_UDP_DST = 16, WEFT_OFPXMT_SCTP_SRC = 17,
	WEFT_OFPXMT_SCTP_DST = 18, WEFT_OFPXMT_ICMPV4_TYPE = 19,
	WEFT_OFPXMT_ICMPV4_CODE = 20, WEFT_OFPXMT_ARP_OP = 21,
	WEFT_OFPXMT_ARP_SPA = 22, WEFT_OFPXMT_ARP_TPA = 23,
	WEFT_OFPXMT_ARP_SHA = 24, WEFT_OFPXMT_ARP_THA = 25,
	WEFT_OFPXMT_IPV6_SRC = 26, WEFT_OFPXMT_IPV6_DST = 27,
	WEFT_OFPXMT_IPV6_FLABEL = 28, WEFT_OFPXMT_ICMPV6_TYPE = 29,
	WEFT_OFPXMT_ICMPV6_CODE = 30, WEFT_OFPXMT_IPV6_ND_TARGET = 31,
	WEFT_OFPXMT_IPV6_ND_SLL = 32, WEFT_OFPXMT_IPV6_ND_TLL = 33,
	WEFT_OFPXMT_MPLS_LABEL = 34, WEFT_OFPXMT_MPLS_TC = 35,
	WEFT_OFPXMT_MPLS_BOS = 36, WEFT_OFPXMT_PBB_ISID = 37,
	WEFT_OFPXMT_TUNNEL_ID = 38, WEFT_OFPXMT_IPV6_EXTHDR = 39,
};
/* The Nicira (NXM_1) fields weft implements: its registers and tunnel. */
#define WEFT_NXM_NX_REG0		0	/* .. REG7 = 7 */
#define WEFT_NXM_NX_TUN_IPV4_SRC	31
#define WEFT_NXM_NX_TUN_IPV4_DST	32
#define WEFT_NXM_NX_IP_FRAG		26
#define WEFT_OFPVID_PRESENT		0x1000

/*
 * The longest OXM payload: the length byte's 255.  .value holds the value
 * and .mask the mask when .hasmask.  For class EXPERIMENTER, .value holds
 * every byte after the 4-byte experimenter id, mask included (its layout
 * is the experimenter's), and .mask is unused.
 */
#define WEFT_OF_OXM_MAX_LEN	255

struct weft_of_oxm {
	uint16_t oxm_class;
	uint8_t field;		/* 7 bits */
	bool hasmask;
	uint32_t experimenter;	/* class EXPERIMENTER only */
	uint8_t len;		/* of .value (and of .mask when .hasmask) */
	uint8_t value[WEFT_OF_OXM_MAX_LEN];
	uint8_t mask[WEFT_OF_OXM_MAX_LEN / 2];
};

/* OpenFlow 1.0 ofp_match, as on the wire (host order, 16-bit port). */
struct weft_of_match10 {
	uint32_t wildcards;
	uint16_t in_port;
	uint8_t dl_src[6];
	uint8_t dl_dst[6];
	uint16_t dl_vlan;
	uint8_t dl_vlan_pcp;
	uint16_t dl_type;
	uint8_t nw_tos;
	uint8_t nw_proto;
	uint32_t nw_src;
	uint32_t nw_dst;
	uint16_t tp_src;
	uint16_t tp_dst;
};

/* 1.0 wildcards. */
#define WEFT_OFPFW10_IN_PORT		(1U << 0)
#define WEFT_OFPFW10_DL_VLAN		(1U << 1)
#define WEFT_OFPFW10_DL_SRC		(1U << 2)
#define WEFT_OFPFW10_DL_DST		(1U << 3)
#define WEFT_OFPFW10_DL_TYPE		(1U << 4)
#define WEFT_OFPFW10_NW_PROTO		(1U << 5)
#define WEFT_OFPFW10_TP_SRC		(1U << 6)
#define WEFT_OFPFW10_TP_DST		(1U << 7)
#define WEFT_OFPFW10_NW_SRC_SHIFT	8
#define WEFT_OFPFW10_NW_SRC_MASK	(0x3fU << 8)
#define WEFT_OFPFW10_NW_DST_SHIFT	14
#define WEFT_OFPFW10_NW_DST_MASK	(0x3fU << 14)
#define WEFT_OFPFW10_DL_VLAN_PCP	(1U << 20)
#define WEFT_OFPFW10_NW_TOS		(1U << 21)
#define WEFT_OFPFW10_ALL		((1U << 22) - 1)
#define WEFT_OFP10_VLAN_NONE		0xffff

#define WEFT_OFPMT_STANDARD	0
#define WEFT_OFPMT_OXM		1

struct weft_of_match {
	uint16_t type;		/* WEFT_OFPMT_OXM in 1.3 */
	size_t n_oxms;		/* 1.3: the TLVs in wire order */
	struct weft_of_oxm *oxms;
	struct weft_of_match10 m10;	/* 1.0 */
};

/* ---- Actions and instructions ---- */

/* 1.3 action types. */
enum {
	WEFT_OFPAT_OUTPUT = 0, WEFT_OFPAT_COPY_TTL_OUT = 11,
	WEFT_OFPAT_COPY_TTL_IN = 12, WEFT_OFPAT_SET_MPLS_TTL = 15,
	WEFT_OFPAT_DEC_MPLS_TTL = 16, WEFT_OFPAT_PUSH_VLAN = 17,
	WEFT_OFPAT_POP_VLAN = 18, WEFT_OFPAT_PUSH_MPLS = 19,
	WEFT_OFPAT_POP_MPLS = 20, WEFT_OFPAT_SET_QUEUE = 21,
	WEFT_OFPAT_GROUP = 22, WEFT_OFPAT_SET_NW_TTL = 23,
	WEFT_OFPAT_DEC_NW_TTL = 24, WEFT_OFPAT_SET_FIELD = 25,
	WEFT_OFPAT_PUSH_PBB = 26, WEFT_OFPAT_POP_PBB = 27,
	WEFT_OFPAT_EXPERIMENTER = 0xffff,
};
/* 1.0 action types (.type of actions in a 1.0 message). */
enum {
	WEFT_OFPAT10_OUTPUT = 0, WEFT_OFPAT10_SET_VLAN_VID = 1,
	WEFT_OFPAT10_SET_VLAN_PCP = 2, WEFT_OFPAT10_STRIP_VLAN = 3,
	WEFT_OFPAT10_SET_DL_SRC = 4, WEFT_OFPAT10_SET_DL_DST = 5,
	WEFT_OFPAT10_SET_NW_SRC = 6, WEFT_OFPAT10_SET_NW_DST = 7,
	WEFT_OFPAT10_SET_NW_TOS = 8, WEFT_OFPAT10_SET_TP_SRC = 9,
	WEFT_OFPAT10_SET_TP_DST = 10, WEFT_OFPAT10_ENQUEUE = 11,
	WEFT_OFPAT10_VENDOR = 0xffff,
};

struct weft_of_action {
	uint16_t type;
	/* OUTPUT, 1.0 ENQUEUE: the port (32-bit, mapped for 1.0) */
	uint32_t port;
	uint16_t max_len;	/* OUTPUT */
	/*
	 * GROUP: group id; SET_QUEUE, ENQUEUE: queue id; SET_MPLS_TTL,
	 * SET_NW_TTL: TTL; PUSH_*, POP_MPLS: Ethernet type; 1.0
	 * SET_VLAN_VID, SET_VLAN_PCP, SET_NW_TOS, SET_TP_SRC/DST: the
	 * value; 1.0 SET_NW_SRC/DST: the IPv4 address (host order).
	 */
	uint32_t arg;
	uint8_t dl_addr[6];	/* 1.0 SET_DL_SRC/DST */
	struct weft_of_oxm field;	/* SET_FIELD */
	/*
	 * EXPERIMENTER/VENDOR: the id and the bytes after it (for Nicira's,
	 * the subtype is data[0..1]).
	 */
	uint32_t experimenter;
	uint8_t *data;
	size_t data_len;
};

enum {
	WEFT_OFPIT_GOTO_TABLE = 1, WEFT_OFPIT_WRITE_METADATA = 2,
	WEFT_OFPIT_WRITE_ACTIONS = 3, WEFT_OFPIT_APPLY_ACTIONS = 4,
	WEFT_OFPIT_CLEAR_ACTIONS = 5, WEFT_OFPIT_METER = 6,
	WEFT_OFPIT_EXPERIMENTER = 0xffff,
};

struct weft_of_inst {
	uint16_t type;
	uint8_t table_id;		/* GOTO_TABLE */
	uint64_t metadata;		/* WRITE_METADATA */
	uint64_t metadata_mask;
	uint32_t meter_id;		/* METER */
	size_t n_actions;		/* WRITE/APPLY_ACTIONS */
	struct weft_of_action *actions;
	uint32_t experimenter;		/* EXPERIMENTER, data after the id */
	uint8_t *data;
	size_t data_len;
};

/* ---- Ports ---- */

struct weft_of_port {
	uint32_t port_no;
	uint8_t hw_addr[6];
	char name[16];		/* raw, NUL-padded, maybe not terminated */
	uint32_t config, state, curr, advertised, supported, peer;
	uint32_t curr_speed, max_speed;	/* 1.3 only */
};

/* ---- Message bodies ---- */

/* HELLO elements. */
#define WEFT_OFPHET_VERSIONBITMAP	1
struct weft_of_hello_elem {
	uint16_t type;
	/* VERSIONBITMAP: the bitmap words; other types: raw bytes */
	size_t n_bitmaps;
	uint32_t *bitmaps;
	uint8_t *data;
	size_t data_len;
};
struct weft_of_hello {
	size_t n_elems;
	struct weft_of_hello_elem *elems;
};

struct weft_of_error_msg {
	uint16_t type;		/* 1.3 numbering unless .of10_raw */
	uint16_t code;
	/*
	 * A 1.0 error whose type/code has no 1.3 counterpart: .type/.code
	 * are 1.0's, sent unchanged to a 1.0 peer.
	 */
	bool of10_raw;
	uint16_t exp_type;	/* type EXPERIMENTER */
	uint32_t experimenter;
	uint8_t *data;
	size_t data_len;
};

struct weft_of_data {		/* ECHO_REQUEST/REPLY */
	uint8_t *data;
	size_t data_len;
};

struct weft_of_experimenter {	/* EXPERIMENTER (1.0 VENDOR) */
	uint32_t experimenter;
	uint32_t exp_type;	/* 1.3 only */
	uint8_t *data;
	size_t data_len;
};

struct weft_of_features {
	uint64_t datapath_id;
	uint32_t n_buffers;
	uint8_t n_tables;
	uint8_t auxiliary_id;	/* 1.3 */
	uint32_t capabilities;
	uint32_t reserved;	/* 1.3; 1.0: the actions bitmap */
	size_t n_ports;		/* 1.0 only */
	struct weft_of_port *ports;
};

struct weft_of_switch_config {
	uint16_t flags;
	uint16_t miss_send_len;
};

struct weft_of_packet_in {
	uint32_t buffer_id;
	uint16_t total_len;
	uint8_t reason;
	uint8_t table_id;	/* 1.3 */
	uint64_t cookie;	/* 1.3 */
	struct weft_of_match match;	/* 1.3 */
	uint32_t in_port;	/* 1.0 (mapped) */
	uint8_t *data;
	size_t data_len;
};

struct weft_of_flow_removed {
	uint64_t cookie;
	uint16_t priority;
	uint8_t reason;
	uint8_t table_id;	/* 1.3 */
	uint32_t duration_sec, duration_nsec;
	uint16_t idle_timeout, hard_timeout;	/* hard: 1.3 */
	uint64_t packet_count, byte_count;
	struct weft_of_match match;
};

struct weft_of_port_status {
	uint8_t reason;
	struct weft_of_port desc;
};

struct weft_of_packet_out {
	uint32_t buffer_id;
	uint32_t in_port;
	size_t n_actions;
	struct weft_of_action *actions;
	uint8_t *data;
	size_t data_len;
};

enum {
	WEFT_OFPFC_ADD = 0, WEFT_OFPFC_MODIFY = 1, WEFT_OFPFC_MODIFY_STRICT = 2,
	WEFT_OFPFC_DELETE = 3, WEFT_OFPFC_DELETE_STRICT = 4,
};
#define WEFT_OFPFF_SEND_FLOW_REM	(1U << 0)
#define WEFT_OFPFF_CHECK_OVERLAP	(1U << 1)
#define WEFT_OFPFF_RESET_COUNTS		(1U << 2)	/* 1.0: EMERG */
#define WEFT_OFPFF_NO_PKT_COUNTS	(1U << 3)
#define WEFT_OFPFF_NO_BYT_COUNTS	(1U << 4)

struct weft_of_flow_mod {
	uint64_t cookie;
	uint64_t cookie_mask;	/* 1.3 */
	uint8_t table_id;	/* 1.3 */
	uint8_t command;
	uint16_t idle_timeout, hard_timeout;
	uint16_t priority;
	uint32_t buffer_id;
	uint32_t out_port;
	uint32_t out_group;	/* 1.3 */
	uint16_t flags;
	struct weft_of_match match;
	size_t n_insts;		/* 1.0: at most one APPLY_ACTIONS */
	struct weft_of_inst *insts;
};

enum { WEFT_OFPGC_ADD = 0, WEFT_OFPGC_MODIFY = 1, WEFT_OFPGC_DELETE = 2 };
enum { WEFT_OFPGT_ALL = 0, WEFT_OFPGT_SELECT = 1, WEFT_OFPGT_INDIRECT = 2,
       WEFT_OFPGT_FF = 3 };

struct weft_of_bucket {
	uint16_t weight;
	uint32_t watch_port;
	uint32_t watch_group;
	size_t n_actions;
	struct weft_of_action *actions;
};

struct weft_of_group_mod {
	uint16_t command;
	uint8_t type;
	uint32_t group_id;
	size_t n_buckets;
	struct weft_of_bucket *buckets;
};

struct weft_of_port_mod {
	uint32_t port_no;
	uint8_t hw_addr[6];
	uint32_t config, mask, advertise;
};

struct weft_of_table_mod {
	uint8_t table_id;
	uint32_t config;
};

enum { WEFT_OFPMBT_DROP = 1, WEFT_OFPMBT_DSCP_REMARK = 2,
       WEFT_OFPMBT_EXPERIMENTER = 0xffff };
struct weft_of_meter_band {
	uint16_t type;
	uint32_t rate;
	uint32_t burst_size;
	uint8_t prec_level;	/* DSCP_REMARK */
	uint32_t experimenter;	/* EXPERIMENTER, then data */
	uint8_t *data;
	size_t data_len;
};

enum { WEFT_OFPMC_ADD = 0, WEFT_OFPMC_MODIFY = 1, WEFT_OFPMC_DELETE = 2 };
struct weft_of_meter_mod {
	uint16_t command;
	uint16_t flags;
	uint32_t meter_id;
	size_t n_bands;
	struct weft_of_meter_band *bands;
};

/* QUEUE_GET_CONFIG. */
enum { WEFT_OFPQT_MIN_RATE = 1, WEFT_OFPQT_MAX_RATE = 2,
       WEFT_OFPQT_EXPERIMENTER = 0xffff };
struct weft_of_queue_prop {
	uint16_t property;
	uint16_t rate;		/* MIN_RATE, MAX_RATE */
	uint32_t experimenter;	/* EXPERIMENTER, then data (unpadded) */
	uint8_t *data;
	size_t data_len;
};
struct weft_of_queue {
	uint32_t queue_id;
	uint32_t port;		/* 1.3 */
	size_t n_props;
	struct weft_of_queue_prop *props;
};
struct weft_of_queue_config {
	uint32_t port;
	size_t n_queues;	/* reply */
	struct weft_of_queue *queues;
};

enum { WEFT_OFPCR_ROLE_NOCHANGE = 0, WEFT_OFPCR_ROLE_EQUAL = 1,
       WEFT_OFPCR_ROLE_MASTER = 2, WEFT_OFPCR_ROLE_SLAVE = 3 };
struct weft_of_role {
	uint32_t role;
	uint64_t generation_id;
};

struct weft_of_async {
	uint32_t packet_in_mask[2];	/* [0] master/equal, [1] slave */
	uint32_t port_status_mask[2];
	uint32_t flow_removed_mask[2];
};

/* ---- Multipart (1.0: stats) ---- */

enum {
	WEFT_OFPMP_DESC = 0, WEFT_OFPMP_FLOW = 1, WEFT_OFPMP_AGGREGATE = 2,
	WEFT_OFPMP_TABLE = 3, WEFT_OFPMP_PORT_STATS = 4, WEFT_OFPMP_QUEUE = 5,
	WEFT_OFPMP_GROUP = 6, WEFT_OFPMP_GROUP_DESC = 7,
	WEFT_OFPMP_GROUP_FEATURES = 8, WEFT_OFPMP_METER = 9,
	WEFT_OFPMP_METER_CONFIG = 10, WEFT_OFPMP_METER_FEATURES = 11,
	WEFT_OFPMP_TABLE_FEATURES = 12, WEFT_OFPMP_PORT_DESC = 13,
	WEFT_OFPMP_EXPERIMENTER = 0xffff,	/* 1.0: VENDOR */
};
#define WEFT_OFPMPF_REQ_MORE	1
#define WEFT_OFPMPF_REPLY_MORE	1

struct weft_of_desc {		/* raw, NUL-padded */
	char mfr_desc[256];
	char hw_desc[256];
	char sw_desc[256];
	char serial_num[32];
	char dp_desc[256];
};

struct weft_of_flow_stats_request {	/* FLOW, AGGREGATE */
	uint8_t table_id;
	uint32_t out_port;
	uint32_t out_group;	/* 1.3 */
	uint64_t cookie, cookie_mask;	/* 1.3 */
	struct weft_of_match match;
};

struct weft_of_flow_stats {
	uint8_t table_id;
	uint32_t duration_sec, duration_nsec;
	uint16_t priority, idle_timeout, hard_timeout;
	uint16_t flags;		/* 1.3 */
	uint64_t cookie, packet_count, byte_count;
	struct weft_of_match match;
	size_t n_insts;		/* 1.0: at most one APPLY_ACTIONS */
	struct weft_of_inst *insts;
};

struct weft_of_aggregate_stats {
	uint64_t packet_count, byte_count;
	uint32_t flow_count;
};

struct weft_of_table_stats {
	uint8_t table_id;
	uint32_t active_count;
	uint64_t lookup_count, matched_count;
	/* 1.0 only */
	char name[32];
	uint32_t wildcards, max_entries;
};

struct weft_of_port_stats {
	uint32_t port_no;
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
	uint64_t rx_dropped, tx_dropped, rx_errors, tx_errors;
	uint64_t rx_frame_err, rx_over_err, rx_crc_err, collisions;
	uint32_t duration_sec, duration_nsec;	/* 1.3 */
};

struct weft_of_queue_stats {
	uint32_t port_no;
	uint32_t queue_id;
	uint64_t tx_bytes, tx_packets, tx_errors;
	uint32_t duration_sec, duration_nsec;	/* 1.3 */
};

struct weft_of_bucket_counter {
	uint64_t packet_count, byte_count;
};
struct weft_of_group_stats {
	uint32_t group_id;
	uint32_t ref_count;
	uint64_t packet_count, byte_count;
	uint32_t duration_sec, duration_nsec;
	size_t n_buckets;
	struct weft_of_bucket_counter *buckets;
};

struct weft_of_group_desc {
	uint8_t type;
	uint32_t group_id;
	size_t n_buckets;
	struct weft_of_bucket *buckets;
};

struct weft_of_group_features {
	uint32_t types, capabilities;
	uint32_t max_groups[4];
	uint32_t actions[4];
};

struct weft_of_meter_band_stats {
	uint64_t packet_band_count, byte_band_count;
};
struct weft_of_meter_stats {
	uint32_t meter_id;
	uint32_t flow_count;
	uint64_t packet_in_count, byte_in_count;
	uint32_t duration_sec, duration_nsec;
	size_t n_bands;
	struct weft_of_meter_band_stats *bands;
};

struct weft_of_meter_config {
	uint16_t flags;
	uint32_t meter_id;
	size_t n_bands;
	struct weft_of_meter_band *bands;
};

struct weft_of_meter_features {
	uint32_t max_meter, band_types, capabilities;
	uint8_t max_bands, max_color;
};

/* Table feature property types. */
enum {
	WEFT_OFPTFPT_INSTRUCTIONS = 0, WEFT_OFPTFPT_INSTRUCTIONS_MISS = 1,
	WEFT_OFPTFPT_NEXT_TABLES = 2, WEFT_OFPTFPT_NEXT_TABLES_MISS = 3,
	WEFT_OFPTFPT_WRITE_ACTIONS = 4, WEFT_OFPTFPT_WRITE_ACTIONS_MISS = 5,
	WEFT_OFPTFPT_APPLY_ACTIONS = 6, WEFT_OFPTFPT_APPLY_ACTIONS_MISS = 7,
	WEFT_OFPTFPT_MATCH = 8, WEFT_OFPTFPT_WILDCARDS = 10,
	WEFT_OFPTFPT_WRITE_SETFIELD = 12,
	WEFT_OFPTFPT_WRITE_SETFIELD_MISS = 13,
	WEFT_OFPTFPT_APPLY_SETFIELD = 14,
	WEFT_OFPTFPT_APPLY_SETFIELD_MISS = 15,
	WEFT_OFPTFPT_EXPERIMENTER = 0xfffe,
	WEFT_OFPTFPT_EXPERIMENTER_MISS = 0xffff,
};

/*
 * One id of a table feature property: an instruction or action type
 * (.id = type; .has_exp with the experimenter id when its length is 8),
 * a table id, or an OXM header (.id = the 32-bit header; .has_exp when
 * its class is EXPERIMENTER).
 */
struct weft_of_tf_id {
	uint32_t id;
	bool has_exp;
	uint32_t experimenter;
};

struct weft_of_tf_prop {
	uint16_t type;
	size_t n_ids;
	struct weft_of_tf_id *ids;
	/* EXPERIMENTER(_MISS) */
	uint32_t experimenter, exp_type;
	uint8_t *data;		/* whole 32-bit words */
	size_t data_len;
	/* other unknown types: .data is the raw body */
};

struct weft_of_table_features {
	uint8_t table_id;
	char name[32];
	uint64_t metadata_match, metadata_write;
	uint32_t config, max_entries;
	size_t n_props;
	struct weft_of_tf_prop *props;
};

struct weft_of_multipart {
	uint16_t type;		/* WEFT_OFPMP_* */
	uint16_t flags;
	/* Requests. */
	struct weft_of_flow_stats_request flow_req;	/* FLOW, AGGREGATE */
	uint32_t port_no;	/* PORT_STATS, QUEUE */
	uint32_t queue_id;	/* QUEUE */
	uint32_t group_id;	/* GROUP */
	uint32_t meter_id;	/* METER, METER_CONFIG */
	/* Replies with one body. */
	struct weft_of_desc desc;
	struct weft_of_aggregate_stats aggregate;
	struct weft_of_group_features group_features;
	/*
	 * Replies with a list (and TABLE_FEATURES requests): the array
	 * matching .type, .n entries.
	 */
	size_t n;
	struct weft_of_flow_stats *flows;
	struct weft_of_table_stats *tables;
	struct weft_of_port_stats *port_stats;
	struct weft_of_queue_stats *queues;
	struct weft_of_group_stats *groups;
	struct weft_of_group_desc *group_descs;
	struct weft_of_meter_stats *meters;
	struct weft_of_meter_config *meter_configs;
	struct weft_of_meter_features *meter_features;
	struct weft_of_table_features *table_features;
	struct weft_of_port *ports;			/* PORT_DESC */
	/* EXPERIMENTER (1.0 VENDOR: no exp_type) */
	uint32_t experimenter, exp_type;
	uint8_t *data;
	size_t data_len;
};

struct weft_of_msg {
	uint8_t version;
	uint8_t type;		/* WEFT_OFPT_*, 1.3 numbering */
	uint32_t xid;
	union {
		struct weft_of_hello hello;
		struct weft_of_error_msg error;
		struct weft_of_data echo;	/* ECHO_REQUEST/REPLY */
		struct weft_of_experimenter experimenter;
		struct weft_of_features features;	/* FEATURES_REPLY */
		struct weft_of_switch_config config;	/* GET_CONFIG_REPLY, SET_CONFIG */
		struct weft_of_packet_in packet_in;
		struct weft_of_flow_removed flow_removed;
		struct weft_of_port_status port_status;
		struct weft_of_packet_out packet_out;
		struct weft_of_flow_mod flow_mod;
		struct weft_of_group_mod group_mod;
		struct weft_of_port_mod port_mod;
		struct weft_of_table_mod table_mod;
		struct weft_of_multipart multipart;	/* MULTIPART_REQUEST/REPLY */
		struct weft_of_queue_config queue_config; /* QUEUE_GET_CONFIG_* */
		struct weft_of_role role;	/* ROLE_REQUEST/REPLY */
		struct weft_of_async async;	/* GET_ASYNC_REPLY, SET_ASYNC */
		struct weft_of_meter_mod meter_mod;
	};
};

/* ---- Growable output buffer ---- */

struct weft_of_buf {
	uint8_t *data;
	size_t len, cap;
};

void weft_of_buf_init(struct weft_of_buf *b);
void weft_of_buf_free(struct weft_of_buf *b);
void weft_of_buf_reset(struct weft_of_buf *b);	/* len = 0, keeps memory */
/* Make room for @n more bytes; 0 or -ENOMEM. */
int weft_of_buf_reserve(struct weft_of_buf *b, size_t n);

/* ---- Codec ---- */

/*
 * Decode the one message in @buf; @len must equal its header's length
 * (else BAD_REQUEST/BAD_LEN).  Returns 0, or -1 with @err set to the
 * error OpenFlow 1.3 prescribes (1.3 numbering even for a 1.0 message);
 * @msg then needs no freeing.  Versions other than 1.0 and 1.3 are
 * BAD_REQUEST/BAD_VERSION, except HELLO which every version decodes (its
 * header and elements are the same in all).
 *
 * Vendor extensions weft does not implement are rejected here: Nicira
 * actions (BAD_ACTION/BAD_EXPERIMENTER), Nicira match fields other than
 * the registers and tunnel addresses (BAD_MATCH/BAD_FIELD), ONF and
 * Nicira multipart requests (BAD_REQUEST/BAD_EXPERIMENTER).  Other
 * experimenters' actions, instructions, OXMs and messages are kept as
 * opaque bytes, so that they round-trip and the translation layer can
 * refuse them.  An exception: Nicira action subtypes OVS does not define
 * either are kept opaque too (they are data, not a feature weft lacks).
 */
int weft_of_decode(const void *buf, size_t len, struct weft_of_msg *msg,
		   struct weft_of_error *err);

/*
 * Append @msg's wire form to @out.  A multipart reply too long for one
 * message is split at entry boundaries into several with the REPLY_MORE
 * flag on all but the last, same xid.  Returns 0, -EINVAL (something the
 * version cannot express, e.g. a group-mod in 1.0) or -ENOMEM; on error
 * @out is left as it was.
 */
int weft_of_encode(const struct weft_of_msg *msg, struct weft_of_buf *out);

void weft_of_msg_free(struct weft_of_msg *msg);
void weft_of_match_free(struct weft_of_match *m);
void weft_of_actions_free(struct weft_of_action *acts, size_t n);
void weft_of_insts_free(struct weft_of_inst *insts, size_t n);
void weft_of_buckets_free(struct weft_of_bucket *b, size_t n);

/* Peek at a buffer: the length a complete message needs (0: need 8). */
size_t weft_of_msg_len(const void *buf, size_t avail);

/* ---- Helpers for the daemon ---- */

/*
 * An ERROR reply to @request (@request_len bytes including its header):
 * its data is the request, cut at what keeps the reply within 65535
 * bytes.  @type/@code are 1.3 numbering; mapped for version 1.0.
 */
int weft_of_error_reply(struct weft_of_buf *out, uint8_t version,
			uint32_t xid, uint16_t type, uint16_t code,
			const void *request, size_t request_len);

/*
 * A HELLO of version @version with a version-bitmap element listing
 * @versions (a bitmask: bit n = version n, e.g. (1<<1)|(1<<4)); no
 * element when @versions is 0 (what a 1.0 switch sends).
 */
int weft_of_hello(struct weft_of_buf *out, uint8_t version, uint32_t xid,
		  uint32_t versions);

/*
 * Version negotiation: @peer is the peer's decoded HELLO, @ours a bitmask
 * of our versions.  Returns the version to speak (the highest common
 * one; without a bitmap, min(peer's header version, our highest) if we
 * support that), or -1 with @err = HELLO_FAILED/INCOMPATIBLE.
 */
int weft_of_negotiate(const struct weft_of_msg *peer, uint32_t ours,
		      struct weft_of_error *err);

/* "HELLO", "FLOW_MOD", ...; "UNKNOWN" otherwise. */
const char *weft_of_type_name(uint8_t type);
/* The WEFT_OFPT_* (1.3 numbering) of a header's type; -1 if unknown. */
int weft_of_type_from_wire(uint8_t version, uint8_t type);
/* "DESC", "FLOW", ...; "UNKNOWN" otherwise. */
const char *weft_of_multipart_name(uint16_t type);
/* "BAD_REQUEST", ... and "BAD_LEN", ... (1.3); "UNKNOWN" otherwise. */
const char *weft_of_error_type_name(uint16_t type);
const char *weft_of_error_code_name(uint16_t type, uint16_t code);

/* 1.3 error (type, code) <-> 1.0's; false when there is no exact one. */
bool weft_of_error_to10(uint16_t type, uint16_t code, uint16_t *type10,
			uint16_t *code10);
bool weft_of_error_from10(uint16_t type10, uint16_t code10, uint16_t *type,
			  uint16_t *code);

/*
 * os-ken's JSON form of @msg (what os-ken's to_jsondict() gives), one
 * document and a newline.  0, or -1 for an I/O error.
 */
int weft_of_to_json(const struct weft_of_msg *msg, FILE *fp);

/* The os-ken name of an OXM field ("in_port", ...); NULL if unknown. */
const char *weft_of_oxm_name(uint16_t oxm_class, uint8_t field,
			     uint32_t experimenter, const uint8_t *value,
			     size_t len);
/*
 * The value length of a known OXM field (without mask), 0 for an
 * unknown one.
 */
size_t weft_of_oxm_field_len(uint16_t oxm_class, uint8_t field);

#endif /* WEFT_OF_H */
