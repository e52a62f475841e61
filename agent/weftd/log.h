/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging with syslog's levels, to stderr (foreground, with a timestamp)
 * or to syslog (as a service).  Messages above the configured level cost
 * one comparison.
 */
#ifndef WEFTD_LOG_H
#define WEFTD_LOG_H

#include <stdbool.h>
#include <syslog.h>

extern int weftd_log_level;

void weftd_log_open(bool use_syslog, int level);
void weftd_log_close(void);
/* "err", "warn", "info", "debug" (and syslog's other names); -1 if none. */
int weftd_log_level_parse(const char *s);
const char *weftd_log_level_name(int level);

void weftd_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define weftd_err(...)	weftd_log(LOG_ERR, __VA_ARGS__)
#define weftd_warn(...)	weftd_log(LOG_WARNING, __VA_ARGS__)
#define weftd_info(...)	weftd_log(LOG_INFO, __VA_ARGS__)
#define weftd_dbg(...)							\
	do {								\
		if (weftd_log_level >= LOG_DEBUG)			\
			weftd_log(LOG_DEBUG, __VA_ARGS__);		\
	} while (0)

#endif /* WEFTD_LOG_H */
