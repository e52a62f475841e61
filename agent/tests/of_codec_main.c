// SPDX-License-Identifier: GPL-2.0
/*
 * ofdump: decode OpenFlow messages with weft's codec.
 *
 *   ofdump FILE...      one message per file: its os-ken JSON, or
 *                       "error TYPE CODE" (1.3 names) and exit status 2
 *   ofdump -r FILE...   also re-encode and compare with the input (exit 1
 *                       and the first differing offset if they differ)
 *   ofdump -s FILE      FILE is a stream of messages: dump each
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "of.h"

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (!fp)
		return NULL;
	for (;;) {
		if (*len == cap) {
			unsigned char *tmp;

			cap = cap ? cap * 2 : 4096;
			tmp = realloc(buf, cap);
			if (!tmp)
				break;
			buf = tmp;
		}
		n = fread(buf + *len, 1, cap - *len, fp);
		if (!n)
			break;
		*len += n;
	}
	fclose(fp);
	return buf;
}

/* Dump one message; 0 ok, 1 re-encoding differs, 2 decode error. */
static int dump(const unsigned char *p, size_t len, int reencode)
{
	struct weft_of_error err;
	struct weft_of_msg msg;
	struct weft_of_buf out;
	size_t i;
	int rc = 0;

	if (weft_of_decode(p, len, &msg, &err)) {
		printf("error %s %s\n", weft_of_error_type_name(err.type),
		       weft_of_error_code_name(err.type, err.code));
		return 2;
	}
	weft_of_to_json(&msg, stdout);
	if (reencode) {
		weft_of_buf_init(&out);
		if (weft_of_encode(&msg, &out)) {
			printf("encode failed\n");
			rc = 1;
		} else if (out.len != len || memcmp(out.data, p, len)) {
			for (i = 0; i < len && i < out.len; i++)
				if (out.data[i] != p[i])
					break;
			printf("re-encoded differs at offset %zu "
			       "(%zu vs %zu bytes)\n", i, out.len, len);
			rc = 1;
		}
		weft_of_buf_free(&out);
	}
	weft_of_msg_free(&msg);
	return rc;
}

int main(int argc, char **argv)
{
	int reencode = 0, stream = 0, rc = 0, r, opt;

	while ((opt = getopt(argc, argv, "rs")) != -1) {
		if (opt == 'r')
			reencode = 1;
		else if (opt == 's')
			stream = 1;
		else
			return 64;
	}
	for (; optind < argc; optind++) {
		size_t len, off = 0, n;
		unsigned char *buf = slurp(argv[optind], &len);

		if (!buf && len) {
			perror(argv[optind]);
			return 66;
		}
		if (!stream) {
			r = dump(buf, len, reencode);
			rc = r > rc ? r : rc;
		}
		while (stream && off < len) {
			n = weft_of_msg_len(buf + off, len - off);
			if (n < 8 || n > len - off) {
				printf("truncated stream at %zu\n", off);
				rc = 2;
				break;
			}
			r = dump(buf + off, n, reencode);
			rc = r > rc ? r : rc;
			off += n;
		}
		free(buf);
	}
	return rc;
}
