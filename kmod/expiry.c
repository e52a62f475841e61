// SPDX-License-Identifier: GPL-2.0
/*
 * Flow timeouts, enforced in the kernel: one work item for the module
 * wakes about once a second while some flow has a timeout, and removes
 * what expired.  Flows with timeouts sit on their classifier's expiring
 * list, so the sweep never walks the others.
 */
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include <linux/weft.h>

#include "datapath.h"
#include "netlink.h"

LIST_HEAD(weft_all_dps);	/* weft_mutex */
static bool weft_expiry_stopping;	/* weft_mutex */

static void weft_expiry_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(weft_expiry_work, weft_expiry_work_fn);

/* Called under weft_mutex after adding a flow that has a timeout. */
void weft_expiry_kick(void)
{
	weft_assert_locked();
	if (!weft_expiry_stopping)
		schedule_delayed_work(&weft_expiry_work, HZ);
}

static bool weft_flow_expired(struct weft_flow *flow, u64 now, u8 *reason)
{
	unsigned long used;
	u64 packets, bytes, last;

	if (flow->hard_timeout &&
	    time_after_eq64(now, flow->created + flow->hard_timeout * (u64)HZ)) {
		*reason = WEFT_FLOW_REMOVED_HARD_TIMEOUT;
		return true;
	}
	if (!flow->idle_timeout)
		return false;
	weft_flow_get_stats(flow, &packets, &bytes, &used);
	/* Never hit: idle since it was installed. */
	last = used ? now - (u64)(jiffies - used) : flow->created;
	if (time_after_eq64(now, last + flow->idle_timeout * (u64)HZ)) {
		*reason = WEFT_FLOW_REMOVED_IDLE_TIMEOUT;
		return true;
	}
	return false;
}

static void weft_expiry_work_fn(struct work_struct *work)
{
	bool again = false;
	struct weft_dp *dp;

	mutex_lock(&weft_mutex);
	list_for_each_entry(dp, &weft_all_dps, all_node) {
		struct weft_flow *flow, *next;
		u64 now = get_jiffies_64();
		u8 reason;

		list_for_each_entry_safe(flow, next, &dp->cls.expiring,
					 expiry_node) {
			if (!weft_flow_expired(flow, now, &reason))
				continue;
			weft_flow_removed(dp, flow, reason);
			weft_cls_remove(&dp->cls, flow);
			weft_flow_free(flow);
		}
		again |= !list_empty(&dp->cls.expiring);
	}
	if (again && !weft_expiry_stopping)
		schedule_delayed_work(&weft_expiry_work, HZ);
	mutex_unlock(&weft_mutex);
}

/* At module exit, before the datapaths go. */
void weft_expiry_stop(void)
{
	mutex_lock(&weft_mutex);
	weft_expiry_stopping = true;
	mutex_unlock(&weft_mutex);
	cancel_delayed_work_sync(&weft_expiry_work);
}
