// SPDX-License-Identifier: GPL-2.0
/*
 * refcls --random: random cases for cross-checking the kernel's trace.
 *
 * The field space is small on purpose (three ports, two MACs, a few
 * prefixes, two ports numbers, metadata bits) so that flows overlap and
 * packets hit several of them: the interesting cases are the ones where
 * priorities, masks and gotos decide.  Priorities are unique per table,
 * since OpenFlow does not say which of two equal-priority matches wins.
 * Everything drawn is within what refcls models and the kernel accepts.
 * The generator is its own (splitmix64), so a seed means the same case on
 * every machine.
 */
#include <stdio.h>
#include <string.h>

#include "refcls.h"
#include "util.h"

#define N_TABLES	4
#define PRIORITIES	60000

struct rng {
	unsigned long long s;
};

static unsigned long long next(struct rng *r)
{
	unsigned long long z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0..n-1 */
static unsigned int pick(struct rng *r, unsigned int n)
{
	return (unsigned int)(next(r) % n);
}

/* true with probability @pct percent */
static bool chance(struct rng *r, unsigned int pct)
{
	return pick(r, 100) < pct;
}

#define ONE_OF(r, arr)	((arr)[pick(r, ARRAY_SIZE(arr))])

static const char *const macs[] = {
	"00:00:00:00:00:01", "00:00:00:00:00:02",
	"01:00:00:00:00:00/01:00:00:00:00:00",
};
static const char *const nets[] = {
	"10.0.0.0/8", "10.0.0.0/24", "10.0.0.1", "10.1.0.0/16", "10.0.0.2",
	"0.0.0.1/0.0.0.1",
};
static const char *const tports[] = { "80", "443", "0x50/0xfff0" };
static const char *const outs[] = {
	"output:1", "output:2", "output:3", "LOCAL", "in_port", "output:4",
};

static void gen_match(struct rng *r, struct weft_sbuf *sb)
{
	if (chance(r, 30))
		weft_sb_printf(sb, ",in_port=%u", 1 + pick(r, 3));
	if (chance(r, 20))
		weft_sb_printf(sb, ",dl_dst=%s", ONE_OF(r, macs));
	if (chance(r, 25))
		weft_sb_printf(sb, ",metadata=%#x/%#x", pick(r, 4),
			       chance(r, 50) ? 0x3 : 0x1);
	if (chance(r, 20))
		weft_sb_printf(sb, ",reg0=%u", pick(r, 3));
	switch (pick(r, 4)) {
	case 0:
		break;
	case 1:
		weft_sb_printf(sb, ",arp");
		break;
	default:
		if (chance(r, 50)) {
			bool udp = chance(r, 50);

			weft_sb_printf(sb, ",%s", udp ? "udp" : "tcp");
			if (chance(r, 60))
				weft_sb_printf(sb, ",tp_dst=%s", ONE_OF(r, tports));
		} else {
			weft_sb_printf(sb, ",ip");
		}
		if (chance(r, 40))
			weft_sb_printf(sb, ",nw_src=%s", ONE_OF(r, nets));
		if (chance(r, 40))
			weft_sb_printf(sb, ",nw_dst=%s", ONE_OF(r, nets));
		break;
	}
}

static void gen_actions(struct rng *r, struct weft_sbuf *sb, unsigned int table)
{
	unsigned int i, n = pick(r, 3);
	bool any = false;

	weft_sb_printf(sb, " actions=");
	for (i = 0; i < n; i++) {
		weft_sb_printf(sb, "%s", any ? "," : "");
		any = true;
		switch (pick(r, 6)) {
		case 0:
			weft_sb_printf(sb, "set_field:%u->reg0", pick(r, 3));
			break;
		case 1:
			weft_sb_printf(sb, "%s", chance(r, 20) ? "flood" :
					   "controller");
			break;
		default:
			weft_sb_printf(sb, "%s", ONE_OF(r, outs));
		}
	}
	if (chance(r, 10)) {
		weft_sb_printf(sb, "%sclear_actions", any ? "," : "");
		any = true;
	}
	if (chance(r, 30)) {
		weft_sb_printf(sb, "%swrite_actions(%s", any ? "," : "",
			       ONE_OF(r, outs));
		if (chance(r, 40))
			weft_sb_printf(sb, ",set_field:%u->reg1", pick(r, 4));
		weft_sb_printf(sb, ")");
		any = true;
	}
	if (chance(r, 30)) {
		weft_sb_printf(sb, "%swrite_metadata:%#x/%#x", any ? "," : "",
			       pick(r, 4), chance(r, 50) ? 0x3 : 0x1);
		any = true;
	}
	if (table + 1 < N_TABLES && chance(r, 50)) {
		weft_sb_printf(sb, "%sgoto_table:%u", any ? "," : "",
			       table + 1 + pick(r, N_TABLES - 1 - table));
		any = true;
	}
	if (!any)
		weft_sb_printf(sb, "drop");
}

static void gen_packet(struct rng *r, FILE *out)
{
	static const char *const hosts[] = {
		"10.0.0.1", "10.0.0.2", "10.1.2.3", "192.168.0.1",
	};
	static const char *const dsts[] = {
		"00:00:00:00:00:01", "00:00:00:00:00:02", "01:00:5e:00:00:01",
	};
	static const unsigned int tps[] = { 80, 443, 85 };

	fprintf(out, "packet in_port=%u,dl_dst=%s", 1 + pick(r, 3),
		ONE_OF(r, dsts));
	switch (pick(r, 4)) {
	case 0:
		fprintf(out, ",arp");
		break;
	case 1:
		break;
	default:
		if (chance(r, 60))
			fprintf(out, ",%s,tp_dst=%u", chance(r, 50) ? "tcp" : "udp",
				ONE_OF(r, tps));
		else
			fprintf(out, ",ip");
		fprintf(out, ",nw_src=%s,nw_dst=%s", ONE_OF(r, hosts),
			ONE_OF(r, hosts));
	}
	fputc('\n', out);
}

void weft_refcls_random(unsigned long long seed, unsigned int n, FILE *out)
{
	static const char *const misses[] = { "drop", "continue", "controller" };
	/* Priorities taken per table, so that no two are equal. */
	static bool used[N_TABLES][PRIORITIES];
	struct rng r = { seed };
	char buf[1024];
	unsigned int i, t;

	memset(used, 0, sizeof(used));
	fprintf(out, "# refcls --random %llu %u\n", seed, n);
	fprintf(out, "ports 1 2 3\n");
	for (t = 0; t < N_TABLES; t++)
		fprintf(out, "table %u miss=%s\n", t, ONE_OF(&r, misses));
	for (i = 0; i < n; i++) {
		struct weft_sbuf sb;
		unsigned int prio;

		t = pick(&r, N_TABLES);
		/* Past N_TABLES * PRIORITIES flows, equal ones are unavoidable. */
		do {
			prio = pick(&r, PRIORITIES);
		} while (used[t][prio] && i < N_TABLES * PRIORITIES / 2);
		used[t][prio] = true;
		weft_sb_init(&sb, buf, sizeof(buf));
		weft_sb_printf(&sb, "flow table=%u,priority=%u", t, prio);
		if (chance(&r, 20))
			weft_sb_printf(&sb, ",cookie=%#x", 1 + pick(&r, 0xff));
		gen_match(&r, &sb);
		gen_actions(&r, &sb, t);
		fprintf(out, "%s\n", buf);
	}
	for (i = 0; i < n; i++)
		gen_packet(&r, out);
}
