/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel interfaces that differ between the kernels weft supports
 * (Debian's 6.1 and 6.12), so that the rest of the module reads as one.
 */
#ifndef _WEFT_COMPAT_H
#define _WEFT_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>

static inline void weft_dev_set_lltx_netns_local(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
	dev->netns_immutable = true;
#else
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#endif
}

static inline struct nlattr **weft_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _WEFT_COMPAT_H */
