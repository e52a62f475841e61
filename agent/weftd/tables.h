/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the switch can do, as OpenFlow asks: table features, group
 * features, FEATURES_REPLY, port descriptions.
 */
#ifndef WEFTD_TABLES_H
#define WEFTD_TABLES_H

#include "of.h"

struct weftd_port;

/* What a table is said to hold: the kernel has no fixed limit. */
#define WEFTD_TABLE_MAX_ENTRIES	1000000

/* Fill a TABLE_FEATURES reply: every table, every property. */
void weftd_table_features(struct weft_of_multipart *mp);
void weftd_group_features(struct weft_of_group_features *gf);
void weftd_ofp_port_desc(const struct weftd_port *p, struct weft_of_port *o);

#endif /* WEFTD_TABLES_H */
