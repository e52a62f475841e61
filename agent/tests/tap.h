/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny TAP producer for the host unit tests: "ok N - desc" or
 * "not ok N - desc" per check, "1..N" at the end.
 */
#ifndef WEFT_TAP_H
#define WEFT_TAP_H

#include <stdbool.h>

/* Record one check; returns @ok so callers can add diagnostics. */
bool weft_tap_ok(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A string comparison, showing both strings when they differ. */
bool weft_tap_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A "# ..." diagnostic line. */
void weft_tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan and a summary; returns the number of failures. */
int weft_tap_done(void);

/* Test groups, one per file. */
void weft_test_attrs(void);
void weft_test_flow_text(void);
void weft_test_flow_errors(void);
void weft_test_match_nl(void);
void weft_test_json(void);
void weft_test_nl(void);
void weft_test_cli(void);
void weft_test_fields_text(void);
void weft_test_actions_text(void);
void weft_test_group(void);
void weft_test_events(void);
void weft_test_bundle(void);
void weft_test_refcls(void);
void weft_test_ovs_compat(void);
void weft_test_of_codec(void);
void weft_test_of_vectors(void);
void weft_test_of_xlate(void);
void weft_test_weftd_cli(void);

/* Feed @doc to python3's json module; true if it parses. */
bool weft_test_json_valid(const char *doc);

#endif /* WEFT_TAP_H */
