// SPDX-License-Identifier: GPL-2.0
/*
 * weft: module init and exit, and the object counters that prove a clean
 * unload.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <net/genetlink.h>

#include "datapath.h"
#include "flow_netlink.h"

DEFINE_MUTEX(weft_mutex);
struct workqueue_struct *weft_wq;
atomic_t weft_objects[WEFT_OBJ_MAX];

static const char *const weft_obj_names[WEFT_OBJ_MAX] = {
	[WEFT_OBJ_DATAPATHS] = "datapaths",
	[WEFT_OBJ_PORTS] = "ports",
	[WEFT_OBJ_FLOWS] = "flows",
	[WEFT_OBJ_ACTIONS] = "actions",
	[WEFT_OBJ_GROUPS] = "groups",
	[WEFT_OBJ_PREFIXES] = "prefixes",
};

static struct dentry *weft_debugfs;

/* Counts are global (all namespaces): for tests and leak hunting only. */
static int weft_objects_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < WEFT_OBJ_MAX; i++)
		seq_printf(m, "%s %d\n", weft_obj_names[i],
			   atomic_read(&weft_objects[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(weft_objects);

static int __init weft_init(void)
{
	int err;

	weft_fields_init();
	err = weft_flow_cache_init();
	if (err)
		return err;
	weft_wq = alloc_workqueue("weft", 0, 0);
	if (!weft_wq) {
		err = -ENOMEM;
		goto err_cache;
	}
	/* Before datapaths exist, so no port can miss its netdev's end. */
	err = weft_vport_init();
	if (err)
		goto err_wq;
	err = weft_dp_init();
	if (err)
		goto err_vport;
	err = weft_upcall_register();
	if (err)
		goto err_dp_uninit;
	weft_debugfs = debugfs_create_dir("weft", NULL);
	debugfs_create_file("objects", 0444, weft_debugfs, NULL,
			    &weft_objects_fops);
	/* Last: from here on userspace can reach us. */
	err = weft_genl_init();
	if (err)
		goto err_dp;
	pr_info("weft: datapath loaded, generic netlink family \"%s\" v%d\n",
		WEFT_GENL_NAME, WEFT_GENL_VERSION);
	return 0;

err_dp:
	debugfs_remove_recursive(weft_debugfs);
	weft_upcall_unregister();
err_dp_uninit:
	weft_dp_uninit();
err_vport:
	weft_vport_uninit();
err_wq:
	rcu_barrier();
	destroy_workqueue(weft_wq);
err_cache:
	weft_flow_cache_uninit();
	return err;
}

static void __exit weft_exit(void)
{
	int i;

	weft_genl_uninit();
	weft_upcall_unregister();
	weft_expiry_stop();
	weft_dp_uninit();
	weft_vport_uninit();
	debugfs_remove_recursive(weft_debugfs);
	/*
	 * Flows, actions and ports are freed by RCU callbacks, subtables by
	 * work queued from them: wait for the first, then drain the second.
	 */
	rcu_barrier();
	destroy_workqueue(weft_wq);
	weft_flow_cache_uninit();
	for (i = 0; i < WEFT_OBJ_MAX; i++)
		WARN(atomic_read(&weft_objects[i]),
		     "weft: %d %s leaked at unload\n",
		     atomic_read(&weft_objects[i]), weft_obj_names[i]);
}

module_init(weft_init);
module_exit(weft_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("weft: an OpenFlow-style virtual switch datapath");
MODULE_AUTHOR("The weft developers");
MODULE_ALIAS_GENL_FAMILY(WEFT_GENL_NAME);
