// SPDX-License-Identifier: GPL-2.0
/*
 * Value syntaxes of the flow text that are more than a number: addresses
 * and their masks, TCP flags, IP fragment kinds.  They are shared by match
 * fields and set-field actions, so each reports errors naming @what.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <linux/weft.h>

#include "flow_parse.h"
#include "util.h"

int weft_fp_mac(struct fp_parser *p, const char *what, struct fp_span v,
		__u8 *mac)
{
	if (weft_parse_mac(v.p, v.n, mac))
		return weft_fp_bad(p, what, v, "");
	return 0;
}

int weft_fp_ipv4(struct fp_parser *p, const char *what, struct fp_span v,
		 __be32 *addr)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr a;

	if (!fp_span_str(v, buf, sizeof(buf)) || inet_pton(AF_INET, buf, &a) != 1)
		return weft_fp_bad(p, what, v, "");
	*addr = a.s_addr;
	return 0;
}

int weft_fp_ipv6(struct fp_parser *p, const char *what, struct fp_span v,
		 __u8 *addr)
{
	char buf[INET6_ADDRSTRLEN];

	if (!fp_span_str(v, buf, sizeof(buf)) ||
	    inet_pton(AF_INET6, buf, addr) != 1)
		return weft_fp_bad(p, what, v, "");
	return 0;
}

int weft_fp_ipv4_mask(struct fp_parser *p, struct fp_span m, __be32 *mask)
{
	unsigned long long plen;
	int err;

	if (memchr(m.p, '.', m.n))
		return weft_fp_ipv4(p, "IPv4 mask", m, mask);
	err = weft_fp_num(p, "prefix length", m, 32, &plen);
	if (err)
		return err;
	/* Shifting a 32-bit value by 32 is undefined. */
	*mask = plen ? htonl(~0U << (32 - plen)) : 0;
	return 0;
}

int weft_fp_ipv6_mask(struct fp_parser *p, struct fp_span m, __u8 *mask)
{
	unsigned long long plen;
	unsigned int i;
	int err;

	if (memchr(m.p, ':', m.n))
		return weft_fp_ipv6(p, "IPv6 mask", m, mask);
	err = weft_fp_num(p, "prefix length", m, 128, &plen);
	if (err)
		return err;
	memset(mask, 0, 16);
	for (i = 0; i < plen; i++)
		mask[i / 8] |= 0x80 >> (i % 8);
	return 0;
}

/* ovs-ofctl's names of the TCP flag bits, bit 0 (FIN) first. */
static const char *const tcp_flag_names[12] = {
	"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
	"[200]", "[400]", "[800]",
};

/* The bit named by the start of @s (@n bytes long), or -1. */
static int tcp_flag_at(const char *s, int n, int *len)
{
	int bit;

	for (bit = 0; bit < 12; bit++) {
		int l = (int)strlen(tcp_flag_names[bit]);

		if (l <= n && !strncmp(s, tcp_flag_names[bit], l) &&
		    (l == n || s[l] == '+' || s[l] == '-' || s[l] == '|')) {
			*len = l;
			return bit;
		}
	}
	return -1;
}

/*
 * The three forms ovs-ofctl takes: numbers ("0x012/0x0ff"), "+flag-flag"
 * (these bits set, those clear, the others don't care) and "flag|flag"
 * (exactly these set).
 */
int weft_fp_tcp_flags(struct fp_parser *p, struct fp_span v, __u16 *flags,
		      __u16 *mask)
{
	unsigned long long n, m = 0xfff;
	struct fp_span vs, ms;
	int i = 0, len, bit, err;

	*flags = 0;
	*mask = 0;
	if (v.n && v.p[0] >= '0' && v.p[0] <= '9') {
		bool has_mask = fp_span_split(v, &vs, &ms);

		err = weft_fp_num(p, "tcp_flags", vs, 0xfff, &n);
		if (!err && has_mask)
			err = weft_fp_num(p, "tcp_flags mask", ms, 0xfff, &m);
		if (err)
			return err;
		*flags = (__u16)(n & m);
		*mask = (__u16)m;
		return 0;
	}
	if (v.n && (v.p[0] == '+' || v.p[0] == '-')) {
		while (i < v.n) {
			bool set = v.p[i] == '+';

			if (v.p[i] != '+' && v.p[i] != '-')
				return weft_fp_bad(p, "tcp_flags", v,
						   " (each flag needs + or -)");
			bit = tcp_flag_at(v.p + i + 1, v.n - i - 1, &len);
			if (bit < 0)
				return weft_fp_bad(p, "tcp_flags", v,
						   " (unknown flag)");
			if (*mask & (1U << bit))
				return weft_fp_bad(p, "tcp_flags", v,
						   " (a flag given twice)");
			*mask |= 1U << bit;
			if (set)
				*flags |= 1U << bit;
			i += 1 + len;
		}
		return 0;
	}
	*mask = 0xfff;
	while (i < v.n) {
		bit = tcp_flag_at(v.p + i, v.n - i, &len);
		if (bit < 0 || (i + len < v.n && v.p[i + len] != '|'))
			return weft_fp_bad(p, "tcp_flags", v, "");
		*flags |= 1U << bit;
		i += len + (i + len < v.n);
	}
	if (!v.n)
		return weft_fp_bad(p, "tcp_flags", v, "");
	return 0;
}

int weft_fp_frag(struct fp_parser *p, struct fp_span v, __u8 *frag,
		 __u8 *mask)
{
	/* Open vSwitch's table: the first entry of a name wins. */
	static const struct {
		const char *name;
		__u8 mask, value;
	} kinds[] = {
		{ "no", WEFT_FRAG_ANY | WEFT_FRAG_LATER, 0 },
		{ "first", WEFT_FRAG_ANY | WEFT_FRAG_LATER, WEFT_FRAG_ANY },
		{ "later", WEFT_FRAG_ANY | WEFT_FRAG_LATER,
		  WEFT_FRAG_ANY | WEFT_FRAG_LATER },
		{ "yes", WEFT_FRAG_ANY, WEFT_FRAG_ANY },
		{ "not_later", WEFT_FRAG_LATER, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (fp_span_eq(v, kinds[i].name)) {
			*frag = kinds[i].value;
			*mask = kinds[i].mask;
			return 0;
		}
	}
	return weft_fp_bad(p, "ip_frag", v,
			   " (no, yes, first, later or not_later)");
}
