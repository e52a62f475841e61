/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building OpenFlow messages byte by byte in the codec's unit tests.
 */
#ifndef WEFT_OF_TEST_UTIL_H
#define WEFT_OF_TEST_UTIL_H

#include <stdint.h>
#include <string.h>

#include "of.h"

struct bb {
	uint8_t b[8192];
	size_t n;
};

static inline void bb8(struct bb *m, uint8_t v)
{
	m->b[m->n++] = v;
}

static inline void bb16(struct bb *m, uint16_t v)
{
	bb8(m, v >> 8);
	bb8(m, (uint8_t)v);
}

static inline void bb32(struct bb *m, uint32_t v)
{
	bb16(m, v >> 16);
	bb16(m, (uint16_t)v);
}

static inline void bb64(struct bb *m, uint64_t v)
{
	bb32(m, v >> 32);
	bb32(m, (uint32_t)v);
}

static inline void bbz(struct bb *m, size_t n)
{
	memset(m->b + m->n, 0, n);
	m->n += n;
}

/* Start a message: header with length 0 (bb_done fixes it). */
static inline void bb_hdr(struct bb *m, uint8_t version, uint8_t type)
{
	m->n = 0;
	bb8(m, version);
	bb8(m, type);
	bb16(m, 0);
	bb32(m, 0x12345678);
}

static inline void bb_done(struct bb *m)
{
	m->b[2] = m->n >> 8;
	m->b[3] = (uint8_t)m->n;
}

/* A 1.3 FLOW_MOD header: everything up to the match. */
static inline void bb_flow_mod13(struct bb *m)
{
	bb_hdr(m, WEFT_OFP13_VERSION, WEFT_OFPT_FLOW_MOD);
	bb64(m, 0);
	bb64(m, 0);
	bb8(m, 0);
	bb8(m, WEFT_OFPFC_ADD);
	bb16(m, 0);
	bb16(m, 0);
	bb16(m, 100);
	bb32(m, WEFT_OFP_NO_BUFFER);
	bb32(m, WEFT_OFPP_ANY);
	bb32(m, WEFT_OFPG_ANY);
	bb16(m, 0);
	bbz(m, 2);
}

/* An empty 1.3 match. */
static inline void bb_match_empty(struct bb *m)
{
	bb16(m, WEFT_OFPMT_OXM);
	bb16(m, 4);
	bbz(m, 4);
}

#endif /* WEFT_OF_TEST_UTIL_H */
