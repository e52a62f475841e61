// SPDX-License-Identifier: GPL-2.0
/*
 * What OpenFlow 1.0 numbers differently: message types, ports and errors.
 */
#include "of_wire.h"

uint32_t weft_of_port_from10(uint16_t port)
{
	return port >= WEFT_OFPP10_MAX ? 0xffff0000U | port : port;
}

bool weft_of_port10_ok(uint32_t port)
{
	return port < WEFT_OFPP10_MAX || port >= WEFT_OFPP_MAX;
}

uint16_t weft_of_port_to10(uint32_t port)
{
	if (port < WEFT_OFPP10_MAX)
		return (uint16_t)port;
	if (port >= WEFT_OFPP_MAX)
		return (uint16_t)(port & 0xffff);
	return 0;
}

int of_type_to_wire(uint8_t version, uint8_t type)
{
	if (version != WEFT_OFP10_VERSION)
		return type <= WEFT_OFPT_MAX ? type : -1;
	if (type <= WEFT_OFPT_FLOW_MOD)
		return type;
	switch (type) {
	case WEFT_OFPT_PORT_MOD:
		return WEFT_OFPT10_PORT_MOD;
	case WEFT_OFPT_MULTIPART_REQUEST:
	case WEFT_OFPT_MULTIPART_REPLY:
	case WEFT_OFPT_BARRIER_REQUEST:
	case WEFT_OFPT_BARRIER_REPLY:
	case WEFT_OFPT_QUEUE_GET_CONFIG_REQUEST:
	case WEFT_OFPT_QUEUE_GET_CONFIG_REPLY:
		return type - 2;
	}
	return -1;
}

/*
 * 1.3 (type, code) <-> 1.0 (type, code).  Each row is exact both ways:
 * the first row for a 1.3 pair gives its 1.0 pair and the first row for a
 * 1.0 pair its 1.3 one, and no pair appears twice on either side, so a
 * decoded 1.0 error encodes back unchanged.
 */
struct errmap {
	uint16_t t13, c13, t10, c10;
};

#define E13(t) WEFT_OFPET_##t
#define E10(t) WEFT_OFPET10_##t
static const struct errmap errmap[] = {
	{ E13(HELLO_FAILED), WEFT_OFPHFC_INCOMPATIBLE, E10(HELLO_FAILED), 0 },
	{ E13(HELLO_FAILED), WEFT_OFPHFC_EPERM, E10(HELLO_FAILED), 1 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_VERSION, E10(BAD_REQUEST), 0 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_TYPE, E10(BAD_REQUEST), 1 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_MULTIPART, E10(BAD_REQUEST), 2 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_EXPERIMENTER, E10(BAD_REQUEST), 3 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_EXP_TYPE, E10(BAD_REQUEST), 4 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_EPERM, E10(BAD_REQUEST), 5 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BAD_LEN, E10(BAD_REQUEST), 6 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BUFFER_EMPTY, E10(BAD_REQUEST), 7 },
	{ E13(BAD_REQUEST), WEFT_OFPBRC_BUFFER_UNKNOWN, E10(BAD_REQUEST), 8 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_TYPE, E10(BAD_ACTION), 0 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_LEN, E10(BAD_ACTION), 1 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_EXPERIMENTER, E10(BAD_ACTION), 2 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_EXP_TYPE, E10(BAD_ACTION), 3 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_OUT_PORT, E10(BAD_ACTION), 4 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_ARGUMENT, E10(BAD_ACTION), 5 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_EPERM, E10(BAD_ACTION), 6 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_TOO_MANY, E10(BAD_ACTION), 7 },
	{ E13(BAD_ACTION), WEFT_OFPBAC_BAD_QUEUE, E10(BAD_ACTION), 8 },
	{ E13(FLOW_MOD_FAILED), WEFT_OFPFMFC_TABLE_FULL, E10(FLOW_MOD_FAILED), 0 },
	{ E13(FLOW_MOD_FAILED), WEFT_OFPFMFC_OVERLAP, E10(FLOW_MOD_FAILED), 1 },
	{ E13(FLOW_MOD_FAILED), WEFT_OFPFMFC_EPERM, E10(FLOW_MOD_FAILED), 2 },
	/* 1.0's only timeout error is the emergency one. */
	{ E13(FLOW_MOD_FAILED), WEFT_OFPFMFC_BAD_TIMEOUT, E10(FLOW_MOD_FAILED), 3 },
	{ E13(FLOW_MOD_FAILED), WEFT_OFPFMFC_BAD_COMMAND, E10(FLOW_MOD_FAILED), 4 },
	/* "Unsupported action list": 1.3 moved that to BAD_ACTION. */
	{ E13(BAD_ACTION), WEFT_OFPBAC_UNSUPPORTED_ORDER, E10(FLOW_MOD_FAILED), 5 },
	{ E13(PORT_MOD_FAILED), WEFT_OFPPMFC_BAD_PORT, E10(PORT_MOD_FAILED), 0 },
	{ E13(PORT_MOD_FAILED), WEFT_OFPPMFC_BAD_HW_ADDR, E10(PORT_MOD_FAILED), 1 },
	{ E13(QUEUE_OP_FAILED), WEFT_OFPQOFC_BAD_PORT, E10(QUEUE_OP_FAILED), 0 },
	{ E13(QUEUE_OP_FAILED), WEFT_OFPQOFC_BAD_QUEUE, E10(QUEUE_OP_FAILED), 1 },
	{ E13(QUEUE_OP_FAILED), WEFT_OFPQOFC_EPERM, E10(QUEUE_OP_FAILED), 2 },
};

bool weft_of_error_to10(uint16_t type, uint16_t code, uint16_t *type10,
			uint16_t *code10)
{
	size_t i;

	for (i = 0; i < sizeof(errmap) / sizeof(errmap[0]); i++)
		if (errmap[i].t13 == type && errmap[i].c13 == code) {
			*type10 = errmap[i].t10;
			*code10 = errmap[i].c10;
			return true;
		}
	return false;
}

bool weft_of_error_from10(uint16_t type10, uint16_t code10, uint16_t *type,
			  uint16_t *code)
{
	size_t i;

	for (i = 0; i < sizeof(errmap) / sizeof(errmap[0]); i++)
		if (errmap[i].t10 == type10 && errmap[i].c10 == code10) {
			*type = errmap[i].t13;
			*code = errmap[i].c13;
			return true;
		}
	return false;
}

/*
 * The nearest 1.0 error for a 1.3 one without an exact counterpart, so
 * that a 1.0 controller still learns which request failed and roughly
 * why: a length problem stays a length problem, a permission one EPERM,
 * an action argument BAD_ARGUMENT; the rest is BAD_REQUEST/EPERM
 * (what OVS falls back to for 1.0 is a Nicira vendor error, which a
 * plain 1.0 controller cannot read either).
 */
void of_error_nearest10(uint16_t type, uint16_t code, uint16_t *t10,
			uint16_t *c10)
{
	if (weft_of_error_to10(type, code, t10, c10))
		return;
	*t10 = WEFT_OFPET10_BAD_REQUEST;
	*c10 = 5;	/* EPERM */
	switch (type) {
	case WEFT_OFPET_BAD_ACTION:
		*t10 = WEFT_OFPET10_BAD_ACTION;
		if (code == WEFT_OFPBAC_BAD_SET_LEN)
			*c10 = 1;	/* BAD_LEN */
		else if (code == WEFT_OFPBAC_BAD_SET_TYPE)
			*c10 = 0;	/* BAD_TYPE */
		else
			*c10 = 5;	/* BAD_ARGUMENT */
		break;
	case WEFT_OFPET_BAD_INSTRUCTION:
		/* 1.0 has actions where 1.3 has instructions. */
		*t10 = WEFT_OFPET10_BAD_ACTION;
		*c10 = code == WEFT_OFPBIC_BAD_LEN ? 1 :
		       code == WEFT_OFPBIC_UNKNOWN_INST ? 0 : 5;
		break;
	case WEFT_OFPET_BAD_MATCH:
		if (code == WEFT_OFPBMC_BAD_LEN)
			*c10 = 6;	/* BAD_REQUEST/BAD_LEN */
		break;
	case WEFT_OFPET_FLOW_MOD_FAILED:
		*t10 = WEFT_OFPET10_FLOW_MOD_FAILED;
		*c10 = code == WEFT_OFPFMFC_BAD_FLAGS ? 5 : 2;
		break;
	case WEFT_OFPET_PORT_MOD_FAILED:
		*t10 = WEFT_OFPET10_PORT_MOD_FAILED;
		*c10 = 0;	/* BAD_PORT */
		if (code == WEFT_OFPPMFC_EPERM) {
			*t10 = WEFT_OFPET10_BAD_REQUEST;
			*c10 = 5;
		}
		break;
	case WEFT_OFPET_SWITCH_CONFIG_FAILED:
		if (code == WEFT_OFPSCFC_BAD_LEN)
			*c10 = 6;
		break;
	case WEFT_OFPET_TABLE_FEATURES_FAILED:
		if (code == WEFT_OFPTFFC_BAD_LEN)
			*c10 = 6;
		break;
	}
}
