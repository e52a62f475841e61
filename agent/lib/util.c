// SPDX-License-Identifier: GPL-2.0
/*
 * Number and address text helpers.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>

#include "util.h"

int weft_parse_ull(const char *s, size_t len, unsigned long long max,
		   unsigned long long *v)
{
	unsigned int base = 10;
	unsigned long long n = 0;
	bool overflow = false;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return -EINVAL;
	for (; i < len; i++) {
		unsigned int d;

		if (isdigit((unsigned char)s[i]))
			d = s[i] - '0';
		else if (base == 16 && isxdigit((unsigned char)s[i]))
			d = tolower((unsigned char)s[i]) - 'a' + 10;
		else
			return -EINVAL;
		/* Keep scanning after an overflow: "99999x" is not a number. */
		if (n > (~0ULL - d) / base)
			overflow = true;
		else
			n = n * base + d;
	}
	if (overflow || n > max)
		return -ERANGE;
	*v = n;
	return 0;
}

void weft_format_mac(const __u8 *mac, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

int weft_parse_mac(const char *s, size_t len, __u8 *mac)
{
	size_t i = 0;
	int byte;

	for (byte = 0; byte < 6; byte++) {
		unsigned int v = 0, digits = 0;

		while (i < len && isxdigit((unsigned char)s[i]) && digits < 3) {
			v = v * 16 + (isdigit((unsigned char)s[i]) ? s[i] - '0' :
				      tolower((unsigned char)s[i]) - 'a' + 10);
			digits++;
			i++;
		}
		if (digits == 0 || digits > 2)
			return -EINVAL;
		mac[byte] = (__u8)v;
		if (byte < 5) {
			if (i >= len || s[i] != ':')
				return -EINVAL;
			i++;
		}
	}
	return i == len ? 0 : -EINVAL;
}
