// SPDX-License-Identifier: GPL-2.0
/*
 * Number and address text helpers.
 */
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

uint64_t weft_get_uint(const void *p, size_t len, bool be)
{
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (len) {
	case 1:
		return *(const uint8_t *)p;
	case 2:
		memcpy(&v16, p, 2);
		return be ? be16toh(v16) : v16;
	case 4:
		memcpy(&v32, p, 4);
		return be ? be32toh(v32) : v32;
	case 8:
		memcpy(&v64, p, 8);
		return be ? be64toh(v64) : v64;
	}
	return 0;
}

void weft_put_uint(void *p, size_t len, bool be, uint64_t v)
{
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (len) {
	case 1:
		*(uint8_t *)p = (uint8_t)v;
		break;
	case 2:
		v16 = be ? htobe16((uint16_t)v) : (uint16_t)v;
		memcpy(p, &v16, 2);
		break;
	case 4:
		v32 = be ? htobe32((uint32_t)v) : (uint32_t)v;
		memcpy(p, &v32, 4);
		break;
	case 8:
		v64 = be ? htobe64(v) : v;
		memcpy(p, &v64, 8);
		break;
	}
}

int weft_parse_hex(const char *s, size_t len, __u8 *out, size_t max,
		   size_t *n)
{
	size_t i;

	if (len % 2 || len / 2 > max)
		return -EINVAL;
	for (i = 0; i < len; i += 2) {
		unsigned int hi, lo;

		if (!isxdigit((unsigned char)s[i]) ||
		    !isxdigit((unsigned char)s[i + 1]))
			return -EINVAL;
		hi = isdigit((unsigned char)s[i]) ? s[i] - '0' :
		     tolower((unsigned char)s[i]) - 'a' + 10;
		lo = isdigit((unsigned char)s[i + 1]) ? s[i + 1] - '0' :
		     tolower((unsigned char)s[i + 1]) - 'a' + 10;
		out[i / 2] = (__u8)(hi << 4 | lo);
	}
	*n = len / 2;
	return 0;
}

void weft_sb_init(struct weft_sbuf *sb, char *buf, size_t size)
{
	sb->buf = buf;
	sb->size = size;
	sb->len = 0;
	if (size)
		buf[0] = '\0';
}

void weft_sb_printf(struct weft_sbuf *sb, const char *fmt, ...)
{
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->len += n;
}
