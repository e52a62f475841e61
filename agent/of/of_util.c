// SPDX-License-Identifier: GPL-2.0
/*
 * What the daemon needs around the codec: error replies, HELLO and
 * version negotiation, and names for logs.
 */
#include "of_wire.h"

int weft_of_error_reply(struct weft_of_buf *out, uint8_t version,
			uint32_t xid, uint16_t type, uint16_t code,
			const void *request, size_t request_len)
{
	struct weft_of_msg m = { .version = version, .type = WEFT_OFPT_ERROR,
				 .xid = xid };
	size_t max = WEFT_OFP_MAX_MSG_LEN - OF_HDR - 4;

	m.error.type = type;
	m.error.code = code;
	/* The whole request, as OVS sends it, as far as it fits. */
	m.error.data = (uint8_t *)request;
	m.error.data_len = request_len < max ? request_len : max;
	if (type == WEFT_OFPET_EXPERIMENTER)
		return -EINVAL;
	return weft_of_encode(&m, out);
}

int weft_of_hello(struct weft_of_buf *out, uint8_t version, uint32_t xid,
		  uint32_t versions)
{
	struct weft_of_hello_elem e = { .type = WEFT_OFPHET_VERSIONBITMAP,
					.n_bitmaps = 1, .bitmaps = &versions };
	struct weft_of_msg m = { .version = version, .type = WEFT_OFPT_HELLO,
				 .xid = xid };

	if (versions) {
		m.hello.n_elems = 1;
		m.hello.elems = &e;
	}
	return weft_of_encode(&m, out);
}

int weft_of_negotiate(const struct weft_of_msg *peer, uint32_t ours,
		      struct weft_of_error *err)
{
	const struct weft_of_hello_elem *bm = NULL;
	size_t i;
	int v;

	for (i = 0; i < peer->hello.n_elems; i++)
		if (peer->hello.elems[i].type == WEFT_OFPHET_VERSIONBITMAP) {
			bm = &peer->hello.elems[i];
			break;
		}
	if (bm && bm->n_bitmaps) {
		/* Only the first word can name versions below 32. */
		uint32_t common = bm->bitmaps[0] & ours;

		for (v = 31; v >= 0; v--)
			if (common & (1U << v))
				return v;
	} else {
		/* No bitmap: the lower of the two highest, if we speak it. */
		for (v = 31; v >= 0 && !(ours & (1U << v)); v--)
			;
		if (v > peer->version)
			v = peer->version;
		if (v >= 0 && (ours & (1U << v)))
			return v;
	}
	err->type = WEFT_OFPET_HELLO_FAILED;
	err->code = WEFT_OFPHFC_INCOMPATIBLE;
	return -1;
}

static const char *const type_names[] = {
	"HELLO", "ERROR", "ECHO_REQUEST", "ECHO_REPLY", "EXPERIMENTER",
	"FEATURES_REQUEST", "FEATURES_REPLY", "GET_CONFIG_REQUEST",
	"GET_CONFIG_REPLY", "SET_CONFIG", "PACKET_IN", "FLOW_REMOVED",
	"PORT_STATUS", "PACKET_OUT", "FLOW_MOD", "GROUP_MOD", "PORT_MOD",
	"TABLE_MOD", "MULTIPART_REQUEST", "MULTIPART_REPLY",
	"BARRIER_REQUEST", "BARRIER_REPLY", "QUEUE_GET_CONFIG_REQUEST",
	"QUEUE_GET_CONFIG_REPLY", "ROLE_REQUEST", "ROLE_REPLY",
	"GET_ASYNC_REQUEST", "GET_ASYNC_REPLY", "SET_ASYNC", "METER_MOD",
};

const char *weft_of_type_name(uint8_t type)
{
	return type <= WEFT_OFPT_MAX ? type_names[type] : "UNKNOWN";
}

static const char *const mp_names[] = {
	"DESC", "FLOW", "AGGREGATE", "TABLE", "PORT_STATS", "QUEUE", "GROUP",
	"GROUP_DESC", "GROUP_FEATURES", "METER", "METER_CONFIG",
	"METER_FEATURES", "TABLE_FEATURES", "PORT_DESC",
};

const char *weft_of_multipart_name(uint16_t type)
{
	if (type == WEFT_OFPMP_EXPERIMENTER)
		return "EXPERIMENTER";
	return type < sizeof(mp_names) / sizeof(mp_names[0]) ?
	       mp_names[type] : "UNKNOWN";
}

static const char *const et_names[] = {
	"HELLO_FAILED", "BAD_REQUEST", "BAD_ACTION", "BAD_INSTRUCTION",
	"BAD_MATCH", "FLOW_MOD_FAILED", "GROUP_MOD_FAILED", "PORT_MOD_FAILED",
	"TABLE_MOD_FAILED", "QUEUE_OP_FAILED", "SWITCH_CONFIG_FAILED",
	"ROLE_REQUEST_FAILED", "METER_MOD_FAILED", "TABLE_FEATURES_FAILED",
};

const char *weft_of_error_type_name(uint16_t type)
{
	if (type == WEFT_OFPET_EXPERIMENTER)
		return "EXPERIMENTER";
	return type < sizeof(et_names) / sizeof(et_names[0]) ?
	       et_names[type] : "UNKNOWN";
}

#define N(...) (const char *const[]){ __VA_ARGS__, NULL }
static const char *const *const code_names[] = {
	N("INCOMPATIBLE", "EPERM"),
	N("BAD_VERSION", "BAD_TYPE", "BAD_MULTIPART", "BAD_EXPERIMENTER",
	  "BAD_EXP_TYPE", "EPERM", "BAD_LEN", "BUFFER_EMPTY",
	  "BUFFER_UNKNOWN", "BAD_TABLE_ID", "IS_SLAVE", "BAD_PORT",
	  "BAD_PACKET", "MULTIPART_BUFFER_OVERFLOW"),
	N("BAD_TYPE", "BAD_LEN", "BAD_EXPERIMENTER", "BAD_EXP_TYPE",
	  "BAD_OUT_PORT", "BAD_ARGUMENT", "EPERM", "TOO_MANY", "BAD_QUEUE",
	  "BAD_OUT_GROUP", "MATCH_INCONSISTENT", "UNSUPPORTED_ORDER",
	  "BAD_TAG", "BAD_SET_TYPE", "BAD_SET_LEN", "BAD_SET_ARGUMENT"),
	N("UNKNOWN_INST", "UNSUP_INST", "BAD_TABLE_ID", "UNSUP_METADATA",
	  "UNSUP_METADATA_MASK", "BAD_EXPERIMENTER", "BAD_EXP_TYPE",
	  "BAD_LEN", "EPERM"),
	N("BAD_TYPE", "BAD_LEN", "BAD_TAG", "BAD_DL_ADDR_MASK",
	  "BAD_NW_ADDR_MASK", "BAD_WILDCARDS", "BAD_FIELD", "BAD_VALUE",
	  "BAD_MASK", "BAD_PREREQ", "DUP_FIELD", "EPERM"),
	N("UNKNOWN", "TABLE_FULL", "BAD_TABLE_ID", "OVERLAP", "EPERM",
	  "BAD_TIMEOUT", "BAD_COMMAND", "BAD_FLAGS"),
	N("GROUP_EXISTS", "INVALID_GROUP", "WEIGHT_UNSUPPORTED",
	  "OUT_OF_GROUPS", "OUT_OF_BUCKETS", "CHAINING_UNSUPPORTED",
	  "WATCH_UNSUPPORTED", "LOOP", "UNKNOWN_GROUP", "CHAINED_GROUP",
	  "BAD_TYPE", "BAD_COMMAND", "BAD_BUCKET", "BAD_WATCH", "EPERM"),
	N("BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM"),
	N("BAD_TABLE", "BAD_CONFIG", "EPERM"),
	N("BAD_PORT", "BAD_QUEUE", "EPERM"),
	N("BAD_FLAGS", "BAD_LEN", "EPERM"),
	N("STALE", "UNSUP", "BAD_ROLE"),
	N("UNKNOWN", "METER_EXISTS", "INVALID_METER", "UNKNOWN_METER",
	  "BAD_COMMAND", "BAD_FLAGS", "BAD_RATE", "BAD_BURST", "BAD_BAND",
	  "BAD_BAND_VALUE", "OUT_OF_METERS", "OUT_OF_BANDS"),
	N("BAD_TABLE", "BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT",
	  "EPERM"),
};

const char *weft_of_error_code_name(uint16_t type, uint16_t code)
{
	const char *const *names;
	uint16_t i;

	if (type >= sizeof(code_names) / sizeof(code_names[0]))
		return "UNKNOWN";
	names = code_names[type];
	for (i = 0; names[i]; i++)
		if (i == code)
			return names[i];
	return "UNKNOWN";
}
