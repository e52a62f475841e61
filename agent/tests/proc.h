/* SPDX-License-Identifier: GPL-2.0 */
#ifndef WEFT_TEST_PROC_H
#define WEFT_TEST_PROC_H

struct weft_test_proc {
	int status;		/* exit status, or -1 if it did not exit */
	char out[8192];
	char err[8192];
};

/* Run @prog with @args (NULL-terminated), stdin from @input if given. */
void weft_test_run(struct weft_test_proc *r, const char *prog,
		   const char *input, const char *const *args);

#endif /* WEFT_TEST_PROC_H */
