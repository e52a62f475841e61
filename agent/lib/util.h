/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small text helpers shared by the parsers and printers.
 */
#ifndef WEFT_UTIL_H
#define WEFT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
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

#endif /* WEFT_UTIL_H */
