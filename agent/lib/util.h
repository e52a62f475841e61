/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small text helpers shared by the parsers and printers.
 */
#ifndef WEFT_UTIL_H
#define WEFT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/*
 * Parse the @len bytes at @s as an unsigned number no larger than @max:
 * decimal, or hex with a 0x prefix (ovs-ofctl's forms; no octal, so "010"
 * is ten).  Returns 0, -EINVAL if it is not a number, -ERANGE if too large.
 */
int weft_parse_ull(const char *s, size_t len, unsigned long long max,
		   unsigned long long *v);

/* "xx:xx:xx:xx:xx:xx" (lowercase, as ovs-ofctl prints); buf >= 18 bytes. */
void weft_format_mac(const __u8 *mac, char *buf);

/* Parse "x:x:x:x:x:x" (1-2 hex digits each).  Returns 0 or -EINVAL. */
int weft_parse_mac(const char *s, size_t len, __u8 *mac);

/*
 * An unsigned integer of @len bytes (1, 2, 4 or 8) at @p, in network byte
 * order if @be, else host order: how match fields and their masks are kept.
 */
uint64_t weft_get_uint(const void *p, size_t len, bool be);
void weft_put_uint(void *p, size_t len, bool be, uint64_t v);

/* Parse @len hex digits pairs ("0a1b...") into @out, at most @max bytes. */
int weft_parse_hex(const char *s, size_t len, __u8 *out, size_t max,
		   size_t *n);

/*
 * A bounded string builder that, like snprintf, counts what did not fit:
 * after any number of appends, .len is the length the whole text has.
 */
struct weft_sbuf {
	char *buf;
	size_t size;
	size_t len;
};

void weft_sb_init(struct weft_sbuf *sb, char *buf, size_t size);
void weft_sb_printf(struct weft_sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* WEFT_UTIL_H */
