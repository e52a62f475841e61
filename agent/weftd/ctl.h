/* SPDX-License-Identifier: GPL-2.0 */
/* The control socket for `weftctl agent`. */
#ifndef WEFTD_CTL_H
#define WEFTD_CTL_H

/* The default path: /run/weft/weftd-DATAPATH.ctl */
#define WEFTD_CTL_DIR	"/run/weft"

int weftd_ctl_init(const char *path);
void weftd_ctl_exit(void);

#endif /* WEFTD_CTL_H */
