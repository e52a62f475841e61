/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inside of struct weft_nl, shared by nl.c (requests, dumps, errors)
 * and nl_pipe.c (pipelined requests, notifications).  Not part of
 * libweft's interface.
 */
#ifndef WEFT_NL_PRIV_H
#define WEFT_NL_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "nl.h"

/* Large enough for the biggest datagram a dump sends (32 KiB). */
#define RX_INITIAL	(32 * 1024)

struct weft_nl {
	struct mnl_socket *mnl;	/* NULL when adopted by weft_nl_open_fd() */
	int fd;
	uint32_t seq;
	uint16_t family;
	uint32_t version;
	uint32_t events_group;	/* 0: unknown */
	char *rx;
	size_t rx_size;
	struct weft_nl_error err;
	/*
	 * The last request (u64 for the alignment netlink messages want),
	 * of req_size bytes: WEFT_NL_REQ_SIZE, more for big requests.
	 */
	uint64_t *req;
	size_t req_size;
};

/*
 * Receive one datagram whole into nl->rx; *@lenp is its length.  Returns
 * 0 or a negative errno (-ENOBUFS: the kernel dropped messages for us).
 */
int weft_nl_recv_datagram(struct weft_nl *nl, size_t *lenp);

#endif /* WEFT_NL_PRIV_H */
