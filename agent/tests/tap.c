// SPDX-License-Identifier: GPL-2.0
/*
 * TAP output for the unit tests.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static int n_tests, n_failed;

static bool vok(bool ok, const char *fmt, va_list ap)
{
	n_tests++;
	if (!ok)
		n_failed++;
	printf("%sok %d - ", ok ? "" : "not ", n_tests);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

bool weft_tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ok = vok(ok, fmt, ap);
	va_end(ap);
	return ok;
}

bool weft_tap_str(const char *got, const char *want, const char *fmt, ...)
{
	bool ok = got && want && !strcmp(got, want);
	va_list ap;

	va_start(ap, fmt);
	vok(ok, fmt, ap);
	va_end(ap);
	if (!ok) {
		printf("#   got:  \"%s\"\n", got ? got : "(null)");
		printf("#   want: \"%s\"\n", want ? want : "(null)");
	}
	return ok;
}

void weft_tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int weft_tap_done(void)
{
	printf("1..%d\n", n_tests);
	printf("# %d passed, %d failed\n", n_tests - n_failed, n_failed);
	return n_failed;
}
