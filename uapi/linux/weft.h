/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * weft: an OpenFlow-style virtual switch datapath.
 *
 * This header is the whole of weft's kernel ABI.  Everything is carried by
 * one generic netlink family, WEFT_GENL_NAME, version WEFT_GENL_VERSION.
 * Attributes are typed and nested; there are no opaque structures, so a
 * generic netlink decoder can print every message.
 *
 * Conventions
 * -----------
 * - Requests carry only NLM_F_REQUEST, NLM_F_ACK, NLM_F_ECHO or NLM_F_DUMP
 *   in nlmsg_flags, and a zero genlmsghdr.reserved; anything else is
 *   EINVAL (the kernel's strict checks for new families).  Create-or-fail
 *   semantics are attributes (WEFT_FLOW_A_EXCL), not NLM_F_EXCL.
 * - Integers are in host byte order unless the attribute is marked "be":
 *   packet header fields (Ethernet type, IPv4 addresses, L4 ports) travel in
 *   network byte order exactly as they appear in the packet.
 * - In replies a u64 attribute is 8-byte aligned with WEFT_*_A_PAD, as in
 *   the kernel's other families (nla_put_u64_64bit).  Requests need no
 *   padding and must not carry PAD attributes.
 * - An absent optional attribute means "not set"/"don't care"; where zero is
 *   a meaningful value, the text below says so.
 * - Every rejected request carries an extended ACK whose message names the
 *   offending attribute and, where the kernel can tell, the attribute itself
 *   in NLMSGERR_ATTR_OFFS.
 * - Mutating commands need CAP_NET_ADMIN in the user namespace that owns the
 *   network namespace of the netlink socket (GENL_UNS_ADMIN_PERM).  Get and
 *   dump commands are open to everyone in that network namespace.
 * - A datapath lives in exactly one network namespace and is visible only
 *   from sockets in that namespace.
 *
 * Addressing a datapath
 * ---------------------
 * Every command except WEFT_CMD_DP_GET-as-dump carries, at top level, one of
 *   WEFT_A_DP_NAME     string, the datapath's name (its local port's netdev
 *                      name, at most IFNAMSIZ-1 bytes)
 *   WEFT_A_DP_IFINDEX  u32, the ifindex of that netdev
 * If both are given they must name the same datapath.
 *
 * Commands and their attribute trees
 * ----------------------------------
 * WEFT_CMD_DP_NEW (do, admin): create a datapath.
 *   WEFT_A_DP_NAME        required
 *   WEFT_A_DP_FLAGS       u32, WEFT_DP_F_*, optional (0 by default)
 *   Creates the local port, an internal netdev of the same name, numbered
 *   WEFT_PORT_LOCAL.  EEXIST if any netdev of that name exists.
 *
 * WEFT_CMD_DP_DEL (do, admin): delete a datapath, its ports, flows and
 *   local port.  Attached netdevs are released, not deleted.
 *
 * WEFT_CMD_DP_GET (do, dump): one datapath, or every datapath of the
 *   namespace (a dump ignores WEFT_A_DP_NAME).  Replies (and WEFT_CMD_DP_NEW/DEL notifications) carry
 *   WEFT_A_DP_NAME, WEFT_A_DP_IFINDEX, WEFT_A_DP_FLAGS, WEFT_A_DP_STATS and
 *   WEFT_A_DP_N_PORTS/WEFT_A_DP_N_FLOWS (u32 counts).
 *
 * WEFT_CMD_DP_SET (do, admin): change WEFT_A_DP_FLAGS.
 *
 * WEFT_CMD_PORT_NEW (do, admin): add a port.
 *   WEFT_A_PORT (nest of WEFT_PORT_A_*):
 *     WEFT_PORT_A_NAME    required: the netdev to attach (type NETDEV) or
 *                         to create (type INTERNAL)
 *     WEFT_PORT_A_TYPE    u32 WEFT_PORT_TYPE_*, optional, NETDEV if absent
 *     WEFT_PORT_A_NO      u32, optional: the port number wanted; the lowest
 *                         free number from 1 when absent.  1..WEFT_PORT_MAX.
 *   A NETDEV port must be an Ethernet device in the datapath's namespace,
 *   not loopback, not already enslaved (no rx_handler) and not the internal
 *   port of another datapath.
 *
 * WEFT_CMD_PORT_DEL (do, admin): WEFT_A_PORT with WEFT_PORT_A_NO or
 *   WEFT_PORT_A_NAME.  The local port cannot be deleted (delete the
 *   datapath): EINVAL.  An internal port's netdev is destroyed.
 *
 * WEFT_CMD_PORT_GET (do, dump): do needs WEFT_A_PORT with NO or NAME;
 *   a dump lists every port, the local port included.
 *   Replies carry the datapath's name and ifindex and a WEFT_A_PORT with
 *   NO, NAME, TYPE, IFINDEX, ADDRESS, MTU, STATE and STATS.
 *
 * WEFT_CMD_PORT_SET (do, admin): change a port's configuration.
 *   WEFT_A_PORT with WEFT_PORT_A_NO or WEFT_PORT_A_NAME, and
 *     WEFT_PORT_A_CONFIG       u32 WEFT_PORT_C_*, required: the new bits
 *     WEFT_PORT_A_CONFIG_MASK  u32, optional: the bits of CONFIG to apply
 *                              (the port's others keep their value, and
 *                              CONFIG's others are ignored, as in
 *                              OpenFlow's port_mod); every settable bit
 *                              when absent
 *   WEFT_PORT_C_DOWN is the netdev's administrative state, set through
 *   rtnetlink, not here: EINVAL.  A change is notified to the events
 *   group as a WEFT_CMD_PORT_SET message carrying the whole port; a
 *   request that changes nothing is acknowledged and not notified.
 *   PORT_NEW accepts WEFT_PORT_A_CONFIG too (the port's initial bits).
 *   Every PORT reply and event carries WEFT_PORT_A_CONFIG.
 *
 * WEFT_CMD_FLOW_NEW (do, admin): add a flow.
 *   WEFT_A_FLOW (nest of WEFT_FLOW_A_*):
 *     WEFT_FLOW_A_TABLE         u8, table id, 0 if absent.  Packets
 *                               enter at table 0 and reach others by
 *                               goto-table or a CONTINUE table miss
 *     WEFT_FLOW_A_PRIORITY      u16, 0 if absent (lowest)
 *     WEFT_FLOW_A_KEY           nest of WEFT_KEY_A_*: the values matched
 *     WEFT_FLOW_A_MASK          nest of WEFT_KEY_A_*: the bits of KEY that
 *                               matter.  A field present in KEY and absent
 *                               from MASK is matched exactly (an all-ones
 *                               mask is the same); a field absent from KEY
 *                               is wildcarded and must be absent from MASK.
 *                               Value bits outside the mask must be zero.
 *                               Narrow fields (VLAN_VID 13 bits, VLAN_PCP,
 *                               IP_DSCP, IP_ECN) take masks of their width.
 *     WEFT_FLOW_A_COOKIE        u64, opaque to the kernel, 0 if absent
 *     WEFT_FLOW_A_FLAGS         u32 WEFT_FLOW_F_*
 *     WEFT_FLOW_A_IDLE_TIMEOUT  u16 seconds without a hit before the
 *                               kernel removes the flow; 0 = never
 *     WEFT_FLOW_A_HARD_TIMEOUT  u16 seconds after install before
 *                               removal (a replace keeps the install
 *                               time unless RESET_COUNTS); 0 = never
 *     WEFT_FLOW_A_INSTRUCTIONS  nest of WEFT_INST_A_*; absent means drop
 *     WEFT_FLOW_A_EXCL          flag: fail with EEXIST rather than
 *                               replace an identical flow
 *   Match prerequisites follow OpenFlow 1.3: IPv4 fields (and IP_PROTO,
 *   IP_DSCP, IP_ECN) need ETH_TYPE 0x0800, TCP ports need IP_PROTO 6, UDP
 *   17, SCTP 132, ICMPV4 1, each matched exactly; VLAN_PCP needs VLAN_VID
 *   with the WEFT_VID_PRESENT bit set in both value and mask (the vid
 *   itself may be wildcarded: 0x1000/0x1000 is "any tagged frame").
 *   IN_PORT values are 1..WEFT_PORT_MAX or WEFT_PORT_LOCAL.  Frames whose
 *   Ethernet type field is a length (< 0x0600) have ETH_TYPE 0x05ff.
 *   A flow with the same table, priority, KEY and MASK as an existing one
 *   replaces its instructions, cookie and flags (its counters are kept unless
 *   WEFT_FLOW_F_RESET_COUNTS), unless WEFT_FLOW_A_EXCL is given.
 *   WEFT_FLOW_F_CHECK_OVERLAP makes the add fail with EEXIST when a flow of
 *   the same table and priority could match a packet that this one matches
 *   (OpenFlow's overlap rule).  A flow whose instructions name a group
 *   that does not exist, or goto a table not after its own, is EINVAL.
 *   Expiry is checked by the kernel about once a second; a removal of a
 *   flow with WEFT_FLOW_F_SEND_FLOW_REM (timeout, delete, group delete) is
 *   multicast as WEFT_CMD_FLOW_REMOVED.
 *
 * WEFT_CMD_FLOW_SET (do, admin): modify the instructions of existing flows.
 *   WEFT_A_FLOW as for NEW; selection is strict (same table, priority, KEY
 *   and MASK) when WEFT_FLOW_A_STRICT is present, otherwise every flow of
 *   the table whose match is at least as specific as KEY/MASK (OpenFlow's
 *   non-strict rule).  WEFT_FLOW_A_COOKIE with WEFT_FLOW_A_COOKIE_MASK
 *   further restricts the selection; WEFT_FLOW_A_COOKIE without a mask
 *   instead sets the selected flows' cookie (as OpenFlow 1.0's modify).
 *   PRIORITY matters only to a strict selection.  WEFT_FLOW_A_TABLE =
 *   WEFT_TABLE_ALL selects every table.  Counters are kept unless
 *   WEFT_FLOW_F_RESET_COUNTS.  ENOENT if nothing was selected.  All the
 *   selected flows change, or (ENOMEM) none.
 *
 * WEFT_CMD_FLOW_DEL (do, admin): delete flows, selected as for SET; also
 *   WEFT_FLOW_A_OUT_PORT (u32) keeps only flows that output to that port.
 *   Instructions have no place in a delete: EINVAL.
 *   WEFT_FLOW_A_TABLE = WEFT_TABLE_ALL selects every table, strict or not.
 *   ENOENT if nothing was deleted and WEFT_FLOW_A_STRICT was given; a
 *   non-strict delete of nothing succeeds (as in OpenFlow).
 *
 * WEFT_CMD_FLOW_GET (do, dump): do returns the one flow selected strictly
 *   (WEFT_FLOW_A_STRICT is implied); dump returns every flow, or those of
 *   the table given as WEFT_FLOW_A_TABLE inside WEFT_A_FLOW.
 *   Replies carry TABLE, PRIORITY, KEY, MASK (only the fields of KEY that
 *   are not matched exactly; absent if none),
 *   COOKIE, FLAGS, INSTRUCTIONS, STATS, DURATION and USED.
 *
 * WEFT_CMD_FLOW_FLUSH (do, admin): delete every flow of the datapath.
 *
 * WEFT_CMD_TABLE_GET (do, dump): WEFT_A_TABLE with WEFT_TABLE_A_ID for
 *   do; a dump lists all WEFT_TABLE_MAX + 1 tables.  Replies carry ID,
 *   MISS, MISS_MAX_LEN, N_FLOWS, LOOKUPS and MATCHES.
 *
 * WEFT_CMD_TABLE_SET (do, admin): WEFT_A_TABLE with ID and MISS (u32
 *   WEFT_TABLE_MISS_*) and/or MISS_MAX_LEN (u16, bytes of a missed packet
 *   sent to the listener; 0xffff = all).  A new table drops misses.
 *
 * WEFT_CMD_GROUP_NEW / GROUP_SET (do, admin): add, or replace the type and
 *   buckets of, an OpenFlow group.
 *   WEFT_A_GROUP (nest of WEFT_GROUP_A_*):
 *     WEFT_GROUP_A_ID       u32, 0..WEFT_GROUP_MAX, required
 *     WEFT_GROUP_A_TYPE     u32 WEFT_GROUP_TYPE_*, required
 *     WEFT_GROUP_A_BUCKETS  nest of WEFT_GROUP_A_BUCKET, in order; at most
 *                           WEFT_BUCKETS_MAX; INDIRECT has exactly one
 *       WEFT_GROUP_A_BUCKET nest of WEFT_BUCKET_A_*:
 *         WEFT_BUCKET_A_WEIGHT      u16, SELECT only (0: never chosen);
 *                                   1 if absent; kept but unused by
 *                                   other types
 *         WEFT_BUCKET_A_WATCH_PORT  u32, FAST_FAILOVER: the bucket is live
 *                                   while this port exists with carrier
 *         WEFT_BUCKET_A_WATCH_GROUP u32, FAST_FAILOVER: live while that
 *                                   group has a live bucket
 *         WEFT_BUCKET_A_ACTIONS     nest of WEFT_ACT_A_*, as APPLY_ACTIONS
 *   NEW on an existing id: EEXIST.  SET on a missing id: ENOENT.  Buckets
 *   may chain to groups that exist (no loops).  SELECT hashes the packet's
 *   flow key (addresses, protocol, ports) over the live buckets in
 *   proportion to their weights, so one flow always takes one bucket.
 *
 * WEFT_CMD_GROUP_DEL (do, admin): WEFT_GROUP_A_ID, or WEFT_GROUP_ALL.
 *   The flows that use a deleted group are removed with it (reason
 *   WEFT_FLOW_REMOVED_GROUP_DELETE).  Groups in use by other groups'
 *   buckets cannot be deleted: EBUSY.
 *
 * WEFT_CMD_GROUP_GET (do, dump): replies carry ID, TYPE, BUCKETS (with
 *   per-bucket STATS) and STATS (packets, bytes, ref_count, duration).
 *
 * WEFT_CMD_PACKET_OUT (do, admin): run actions on a packet from userspace.
 *   WEFT_A_PACKET (nest of WEFT_PACKET_A_*):
 *     WEFT_PACKET_A_DATA     binary, an Ethernet frame, required
 *     WEFT_PACKET_A_IN_PORT  u32, a port, WEFT_PORT_LOCAL or
 *                            WEFT_PORT_CONTROLLER (the default)
 *     WEFT_PACKET_A_ACTIONS  nest of WEFT_ACT_A_*; OUTPUT to WEFT_PORT_TABLE
 *                            runs the packet through the pipeline from
 *                            table 0, as if received on IN_PORT
 *
 * WEFT_CMD_PACKET_IN (notification, unicast): a packet for the datapath's
 *   listener (WEFT_A_DP_UPCALL_PID, set with WEFT_CMD_DP_SET).  Carries
 *   WEFT_A_PACKET with REASON, TABLE, COOKIE (of the flow that sent it, or
 *   all-ones for a table miss), IN_PORT, KEY (the pipeline metadata:
 *   IN_PORT and IN_PHY_PORT always; METADATA, REG0..REG7, TUNNEL_ID and
 *   TUN_IPV4_SRC/DST when not zero), TOTAL_LEN and DATA truncated to the
 *   max_len that applied (and to 65000 bytes, for GRO packets larger than
 *   an attribute).  A listener whose socket closes stops being one.  Packet-ins are rate limited per
 *   datapath (WEFT_A_DP_UPCALL_RATE per second, bursts of
 *   WEFT_A_DP_UPCALL_BURST); every one that is not delivered is counted by
 *   reason in WEFT_A_DP_STATS, and forwarding never waits for the
 *   listener.
 *
 * WEFT_CMD_FLOW_REMOVED (notification, multicast to "events"): WEFT_A_FLOW
 *   as in a dump, plus WEFT_FLOW_A_REASON, IDLE_TIMEOUT and HARD_TIMEOUT.
 *
 * WEFT_CMD_TRACE (do): run a packet through the pipeline without
 *   forwarding it or touching any counter.  WEFT_A_PACKET with either DATA
 *   and IN_PORT, or KEY (a nest of WEFT_KEY_A_* values describing the
 *   packet's headers; fields not given are zero).  The reply carries
 *   WEFT_A_TRACE: one WEFT_TRACE_A_STEP per table visited (TABLE, then the
 *   FLOW that matched, as in a dump, or MISS with the table's behaviour),
 *   the packet's KEY after the pipeline (every field its headers have,
 *   zeros included, and the metadata as in a packet-in), the ACTION_SET
 *   as it stood at the end (executed, unless the walk ended in a miss),
 *   OUTPUTS, the list of ports (u32 WEFT_TRACE_A_OUTPUT) and CONTROLLER
 *   it would leave by, and DROPPED if an action stopped it.  At most 64
 *   steps and 64 outputs are reported.
 *
 * WEFT_CMD_BUNDLE (do, admin): apply a batch of flow changes all or
 *   nothing.  WEFT_A_BUNDLE holds WEFT_BUNDLE_A_OP nests, each with
 *   WEFT_OP_A_CMD (u8: WEFT_CMD_FLOW_NEW, _SET or _DEL) and WEFT_OP_A_FLOW
 *   (a nest of WEFT_FLOW_A_*, as that command takes in WEFT_A_FLOW).
 *   Ops apply in order with the semantics of their command, except that a
 *   SET or strict DEL that selects nothing is not an error, and that
 *   RESET_COUNTS (of NEW and SET) zeroes the counters when the bundle
 *   commits; if any op fails, every earlier one is undone, counters
 *   included, and the extack names the failing op.  Packets may see the
 *   datapath between two ops.  A bundle is one attribute, so its ops must
 *   fit in 64 KiB (several hundred typical flows); WEFT_BUNDLE_OPS_MAX
 *   caps the count.
 *
 * Reserved for later versions of this family (numbers fixed now):
 *   WEFT_CMD_MIRROR_NEW/DEL/GET      port mirroring sessions
 *   Until implemented they fail with EOPNOTSUPP.
 *
 * Dumps
 * -----
 * Every dump may be interrupted by concurrent changes.  The kernel keeps a
 * generation counter per namespace (datapaths) and per datapath (ports,
 * flows); a dump that spans a change is flagged with NLM_F_DUMP_INTR on the
 * message where the change was seen, and userspace should restart it.
 * Each object appears at most once in a dump that is not interrupted.
 *
 * Notifications
 * -------------
 * Multicast group WEFT_MCGRP_EVENTS receives WEFT_CMD_DP_NEW/DP_DEL and
 * WEFT_CMD_PORT_NEW/PORT_DEL messages shaped like GET replies, and
 * WEFT_CMD_FLOW_REMOVED for flows with WEFT_FLOW_F_SEND_FLOW_REM.
 * Packet-ins are unicast to the datapath's listener instead.  A PORT_DEL
 * caused by the netdev disappearing carries WEFT_PORT_A_REASON =
 * WEFT_PORT_REASON_GONE.  Notifications are sent in the datapath's netns.
 */
#ifndef _UAPI_LINUX_WEFT_H
#define _UAPI_LINUX_WEFT_H

#include <linux/types.h>

#define WEFT_GENL_NAME		"weft"
#define WEFT_GENL_VERSION	1
#define WEFT_MCGRP_EVENTS	"events"

/*
 * Port numbers follow OpenFlow 1.3 so that controllers' numbers reach the
 * kernel unchanged.  Physical and internal ports are 1..WEFT_PORT_MAX (the
 * OpenFlow 1.0 limit, so that both versions can address every port).
 */
#define WEFT_PORT_MAX		0xfeffU
#define WEFT_PORT_IN_PORT	0xfffffff8U	/* output: back where it came */
#define WEFT_PORT_TABLE		0xfffffff9U	/* reserved: packet-out only */
#define WEFT_PORT_NORMAL	0xfffffffaU	/* reserved: not supported */
#define WEFT_PORT_FLOOD		0xfffffffbU	/* all but ingress, no no_flood */
#define WEFT_PORT_ALL		0xfffffffcU	/* all but ingress */
#define WEFT_PORT_CONTROLLER	0xfffffffdU	/* reserved: packet-in */
#define WEFT_PORT_LOCAL		0xfffffffeU	/* the datapath's own netdev */
#define WEFT_PORT_ANY		0xffffffffU	/* "no port" in filters */

#define WEFT_TABLE_MAX		254	/* tables are 0..WEFT_TABLE_MAX */
#define WEFT_TABLE_ALL		255	/* in FLOW_DEL: every table */

/*
 * VLAN_VID carries OpenFlow's "present" bit; vid 0 without it: untagged.
 * A value with vid bits but no present bit is refused unless the mask
 * leaves the present bit out (then only tagged frames can match).
 */
#define WEFT_VID_PRESENT	0x1000
#define WEFT_VID_MASK		0x0fff

enum weft_cmd {
	WEFT_CMD_UNSPEC,
	WEFT_CMD_DP_NEW,
	WEFT_CMD_DP_DEL,
	WEFT_CMD_DP_GET,
	WEFT_CMD_DP_SET,
	WEFT_CMD_PORT_NEW,
	WEFT_CMD_PORT_DEL,
	WEFT_CMD_PORT_GET,
	WEFT_CMD_PORT_SET,
	WEFT_CMD_FLOW_NEW,
	WEFT_CMD_FLOW_DEL,
	WEFT_CMD_FLOW_GET,
	WEFT_CMD_FLOW_SET,
	WEFT_CMD_FLOW_FLUSH,
	WEFT_CMD_TABLE_GET,
	WEFT_CMD_TABLE_SET,
	WEFT_CMD_GROUP_NEW,
	WEFT_CMD_GROUP_DEL,
	WEFT_CMD_GROUP_GET,
	WEFT_CMD_GROUP_SET,
	WEFT_CMD_MIRROR_NEW,
	WEFT_CMD_MIRROR_DEL,
	WEFT_CMD_MIRROR_GET,
	WEFT_CMD_PACKET_OUT,
	WEFT_CMD_PACKET_IN,
	WEFT_CMD_FLOW_REMOVED,
	WEFT_CMD_TRACE,
	WEFT_CMD_BUNDLE,
	__WEFT_CMD_MAX
};
#define WEFT_CMD_MAX (__WEFT_CMD_MAX - 1)

/* Top-level attributes. */
enum weft_attr {
	WEFT_A_UNSPEC,
	WEFT_A_DP_NAME,		/* string, < IFNAMSIZ */
	WEFT_A_DP_IFINDEX,	/* u32 */
	WEFT_A_DP_FLAGS,	/* u32, WEFT_DP_F_* */
	WEFT_A_DP_STATS,	/* nest, WEFT_DP_STATS_A_*, read-only */
	WEFT_A_DP_N_PORTS,	/* u32, read-only, includes the local port */
	WEFT_A_DP_N_FLOWS,	/* u32, read-only */
	WEFT_A_PORT,		/* nest, WEFT_PORT_A_* */
	WEFT_A_FLOW,		/* nest, WEFT_FLOW_A_* */
	WEFT_A_TABLE,		/* nest, WEFT_TABLE_A_* */
	WEFT_A_GROUP,		/* nest, WEFT_GROUP_A_* */
	WEFT_A_MIRROR,		/* nest, reserved: WEFT_CMD_MIRROR_* */
	WEFT_A_PACKET,		/* nest, WEFT_PACKET_A_* */
	WEFT_A_PAD,
	WEFT_A_DP_UPCALL_PID,	/* u32, netlink portid of the listener; 0: none */
	WEFT_A_DP_UPCALL_RATE,	/* u32, packet-ins per second, default 1000 */
	WEFT_A_DP_UPCALL_BURST,	/* u32, token bucket depth, default 100 */
	WEFT_A_TRACE,		/* nest, WEFT_TRACE_A_*, read-only */
	WEFT_A_BUNDLE,		/* nest, WEFT_BUNDLE_A_* */
	__WEFT_A_MAX
};
#define WEFT_A_MAX (__WEFT_A_MAX - 1)

/* WEFT_A_DP_FLAGS: none defined in version 1; unknown bits are EINVAL. */
#define WEFT_DP_F_ALL		0U

/*
 * WEFT_A_DP_STATS: u64 packet counts since the datapath was created.
 * LOOKUPS counts packets entering the pipeline; HITS those that matched a
 * flow in every table they visited; MISSES those that missed in some table
 * (whatever the table then did with them); LOST packets dropped for any
 * other reason (no such output port, MTU, allocation, action limits).
 * UPCALLS counts packet-ins delivered to the listener; the UPCALL_DROP_*
 * counters those that were not: rate limited, listener queue full, no
 * listener, no memory.
 *
 * CACHE_HITS and CACHE_MISSES (appended later: absent from older modules)
 * are about the datapath's exact-match cache: per CPU, keyed by every
 * field of a packet's key, the flow (or miss) a previous packet with that
 * key met in each table it visited.  CACHE_HITS counts packets whose whole
 * walk was replayed from it, without one lookup; CACHE_MISSES packets that
 * probed it and had to look up at least one table.  The cache is used only
 * once walks visit several subtables, so a datapath whose walks are cheap
 * counts neither.  A replayed walk moves every table, flow and datapath
 * counter exactly as looking it up would; any change to flows or tables
 * empties the cache.
 *
 * UPCALL_DROP_PORT (appended later) counts packet-ins not sent because
 * their packet entered on a port configured WEFT_PORT_C_NO_PACKET_IN.
 *
 * MEGAFLOW_HITS and MEGAFLOW_MISSES (appended later) are about the
 * megaflow cache, asked after an exact-match cache miss: per CPU, a whole
 * walk kept under the fields its lookups looked at (a wildcarded key, as
 * Open vSwitch's megaflows), so one entry serves every packet that agrees
 * in those fields.  HITS counts walks replayed from it without one lookup,
 * MISSES walks that probed it and looked up at least one table.  Like the
 * exact cache it keeps every counter exact, is used only for walks that
 * visit several subtables, and any change to flows or tables empties it.
 */
enum weft_dp_stats_attr {
	WEFT_DP_STATS_A_UNSPEC,
	WEFT_DP_STATS_A_LOOKUPS,
	WEFT_DP_STATS_A_HITS,
	WEFT_DP_STATS_A_MISSES,
	WEFT_DP_STATS_A_LOST,
	WEFT_DP_STATS_A_PAD,
	WEFT_DP_STATS_A_UPCALLS,
	WEFT_DP_STATS_A_UPCALL_DROP_RATE,
	WEFT_DP_STATS_A_UPCALL_DROP_QUEUE,
	WEFT_DP_STATS_A_UPCALL_DROP_NO_LISTENER,
	WEFT_DP_STATS_A_UPCALL_DROP_NOMEM,
	WEFT_DP_STATS_A_CACHE_HITS,
	WEFT_DP_STATS_A_CACHE_MISSES,
	WEFT_DP_STATS_A_UPCALL_DROP_PORT,
	WEFT_DP_STATS_A_MEGAFLOW_HITS,
	WEFT_DP_STATS_A_MEGAFLOW_MISSES,
	__WEFT_DP_STATS_A_MAX
};
#define WEFT_DP_STATS_A_MAX (__WEFT_DP_STATS_A_MAX - 1)

enum weft_port_type {
	WEFT_PORT_TYPE_UNSPEC,
	WEFT_PORT_TYPE_NETDEV,		/* an existing Ethernet netdev */
	WEFT_PORT_TYPE_INTERNAL,	/* a netdev owned by weft */
	WEFT_PORT_TYPE_VXLAN,		/* reserved: tunnel vports */
	WEFT_PORT_TYPE_GRE,
	WEFT_PORT_TYPE_NVGRE,
	WEFT_PORT_TYPE_STT,
	__WEFT_PORT_TYPE_MAX
};
#define WEFT_PORT_TYPE_MAX (__WEFT_PORT_TYPE_MAX - 1)

enum weft_port_attr {
	WEFT_PORT_A_UNSPEC,
	WEFT_PORT_A_NO,		/* u32, 1..WEFT_PORT_MAX or WEFT_PORT_LOCAL */
	WEFT_PORT_A_NAME,	/* string, < IFNAMSIZ */
	WEFT_PORT_A_TYPE,	/* u32, WEFT_PORT_TYPE_* */
	WEFT_PORT_A_IFINDEX,	/* u32, read-only */
	WEFT_PORT_A_ADDRESS,	/* binary[6], read-only, the netdev's MAC */
	WEFT_PORT_A_MTU,	/* u32, read-only */
	WEFT_PORT_A_STATE,	/* u32, read-only, WEFT_PORT_S_* */
	WEFT_PORT_A_STATS,	/* nest, WEFT_PORT_STATS_A_*, read-only */
	WEFT_PORT_A_CONFIG,	/* u32, WEFT_PORT_C_* (see WEFT_CMD_PORT_SET) */
	WEFT_PORT_A_OPTIONS,	/* nest, reserved: tunnel parameters */
	WEFT_PORT_A_REASON,	/* u32, in PORT_DEL events: WEFT_PORT_REASON_* */
	WEFT_PORT_A_PAD,
	WEFT_PORT_A_CONFIG_MASK, /* u32, in PORT_SET: the CONFIG bits to apply */
	__WEFT_PORT_A_MAX
};
#define WEFT_PORT_A_MAX (__WEFT_PORT_A_MAX - 1)

/* WEFT_PORT_A_STATE bits. */
#define WEFT_PORT_S_LINK_DOWN	(1U << 0)	/* carrier off or admin down */

/*
 * WEFT_PORT_A_CONFIG bits, OpenFlow's ofp_port_config (NO_FLOOD is
 * OpenFlow 1.0's, kept for both versions as Open vSwitch does).
 * NO_RECV: every packet received on the port is dropped before the
 * pipeline (counted in the port's RX_DROPPED).  NO_FWD: every packet the
 * pipeline sends to the port, by number, IN_PORT, FLOOD, ALL, a group or
 * packet-out, is dropped (TX_DROPPED).  NO_FLOOD: the port is left out of
 * WEFT_PORT_FLOOD (not of ALL).  NO_PACKET_IN: packets that entered on
 * the port are not sent to the listener; they are counted in the
 * datapath's UPCALL_DROP_PORT.  Trace follows the same rules.
 */
#define WEFT_PORT_C_DOWN	(1U << 0)	/* reported never; see PORT_SET */
#define WEFT_PORT_C_NO_RECV	(1U << 2)
#define WEFT_PORT_C_NO_FWD	(1U << 5)
#define WEFT_PORT_C_NO_FLOOD	(1U << 4)
#define WEFT_PORT_C_NO_PACKET_IN (1U << 6)
#define WEFT_PORT_C_SETTABLE	(WEFT_PORT_C_NO_RECV | WEFT_PORT_C_NO_FWD | \
				 WEFT_PORT_C_NO_FLOOD | WEFT_PORT_C_NO_PACKET_IN)

enum weft_port_reason {
	WEFT_PORT_REASON_DELETED,	/* by request */
	WEFT_PORT_REASON_GONE,		/* the netdev was unregistered */
};

/*
 * WEFT_PORT_A_STATS: u64 counters of what the datapath did with the port.
 * RX is what the datapath received from the port, TX what it sent to it.
 * RX_DROPPED counts packets refused on input (not Ethernet, too short),
 * TX_DROPPED those that could not be sent (MTU, device down, queue full).
 */
enum weft_port_stats_attr {
	WEFT_PORT_STATS_A_UNSPEC,
	WEFT_PORT_STATS_A_RX_PACKETS,
	WEFT_PORT_STATS_A_RX_BYTES,
	WEFT_PORT_STATS_A_TX_PACKETS,
	WEFT_PORT_STATS_A_TX_BYTES,
	WEFT_PORT_STATS_A_RX_DROPPED,
	WEFT_PORT_STATS_A_TX_DROPPED,
	WEFT_PORT_STATS_A_PAD,
	__WEFT_PORT_STATS_A_MAX
};
#define WEFT_PORT_STATS_A_MAX (__WEFT_PORT_STATS_A_MAX - 1)

enum weft_flow_attr {
	WEFT_FLOW_A_UNSPEC,
	WEFT_FLOW_A_TABLE,		/* u8 */
	WEFT_FLOW_A_PRIORITY,		/* u16 */
	WEFT_FLOW_A_KEY,		/* nest, WEFT_KEY_A_* */
	WEFT_FLOW_A_MASK,		/* nest, WEFT_KEY_A_* */
	WEFT_FLOW_A_COOKIE,		/* u64 */
	WEFT_FLOW_A_COOKIE_MASK,	/* u64, selection in SET/DEL */
	WEFT_FLOW_A_FLAGS,		/* u32, WEFT_FLOW_F_* */
	WEFT_FLOW_A_IDLE_TIMEOUT,	/* u16, seconds */
	WEFT_FLOW_A_HARD_TIMEOUT,	/* u16, seconds */
	WEFT_FLOW_A_INSTRUCTIONS,	/* nest, WEFT_INST_A_* */
	WEFT_FLOW_A_STRICT,		/* flag, selection in SET/DEL/GET */
	WEFT_FLOW_A_OUT_PORT,		/* u32, selection in DEL */
	WEFT_FLOW_A_STATS,		/* nest, WEFT_FLOW_STATS_A_*, read-only */
	WEFT_FLOW_A_DURATION,		/* u64, ms since install, read-only */
	/* u64, ms since the last hit, read-only; absent if never hit */
	WEFT_FLOW_A_USED,
	WEFT_FLOW_A_OUT_GROUP,		/* u32, DEL: flows using that group */
	WEFT_FLOW_A_EXCL,		/* flag, in NEW: never replace */
	WEFT_FLOW_A_REASON,		/* u8, WEFT_FLOW_REMOVED_*, read-only */
	WEFT_FLOW_A_PAD,
	__WEFT_FLOW_A_MAX
};
#define WEFT_FLOW_A_MAX (__WEFT_FLOW_A_MAX - 1)

/* WEFT_FLOW_A_FLAGS, numbered as OpenFlow's ofp_flow_mod_flags. */
#define WEFT_FLOW_F_SEND_FLOW_REM	(1U << 0)
#define WEFT_FLOW_F_CHECK_OVERLAP	(1U << 1)
#define WEFT_FLOW_F_RESET_COUNTS	(1U << 2)
#define WEFT_FLOW_F_NO_PKT_COUNTS	(1U << 3)
#define WEFT_FLOW_F_NO_BYT_COUNTS	(1U << 4)

/* WEFT_FLOW_A_REASON, numbered as OpenFlow's ofp_flow_removed_reason. */
enum weft_flow_removed_reason {
	WEFT_FLOW_REMOVED_IDLE_TIMEOUT,
	WEFT_FLOW_REMOVED_HARD_TIMEOUT,
	WEFT_FLOW_REMOVED_DELETE,
	WEFT_FLOW_REMOVED_GROUP_DELETE,
};

enum weft_flow_stats_attr {
	WEFT_FLOW_STATS_A_UNSPEC,
	WEFT_FLOW_STATS_A_PACKETS,	/* u64 */
	WEFT_FLOW_STATS_A_BYTES,	/* u64, whole frames incl. Ethernet */
	WEFT_FLOW_STATS_A_PAD,
	__WEFT_FLOW_STATS_A_MAX
};
#define WEFT_FLOW_STATS_A_MAX (__WEFT_FLOW_STATS_A_MAX - 1)

/*
 * Match fields.  Each is one attribute in both WEFT_FLOW_A_KEY and
 * WEFT_FLOW_A_MASK, with the same type in both.  Fields sharing packet
 * bytes (TCP/UDP/SCTP ports) are told apart by their prerequisites.
 */
enum weft_key_attr {
	WEFT_KEY_A_UNSPEC,
	WEFT_KEY_A_IN_PORT,	/* u32, port number */
	WEFT_KEY_A_ETH_SRC,	/* binary[6] */
	WEFT_KEY_A_ETH_DST,	/* binary[6] */
	WEFT_KEY_A_ETH_TYPE,	/* be16, inner type after VLAN tags */
	WEFT_KEY_A_VLAN_VID,	/* u16, WEFT_VID_PRESENT | vid */
	WEFT_KEY_A_VLAN_PCP,	/* u8, 0..7 */
	WEFT_KEY_A_IP_DSCP,	/* u8, 0..63 */
	WEFT_KEY_A_IP_ECN,	/* u8, 0..3 */
	WEFT_KEY_A_IP_PROTO,	/* u8 */
	WEFT_KEY_A_IPV4_SRC,	/* be32 */
	WEFT_KEY_A_IPV4_DST,	/* be32 */
	WEFT_KEY_A_TCP_SRC,	/* be16 */
	WEFT_KEY_A_TCP_DST,	/* be16 */
	WEFT_KEY_A_UDP_SRC,	/* be16 */
	WEFT_KEY_A_UDP_DST,	/* be16 */
	WEFT_KEY_A_SCTP_SRC,	/* be16 */
	WEFT_KEY_A_SCTP_DST,	/* be16 */
	WEFT_KEY_A_ICMPV4_TYPE,	/* u8 */
	WEFT_KEY_A_ICMPV4_CODE,	/* u8 */
	WEFT_KEY_A_IN_PHY_PORT,	/* u32 */
	WEFT_KEY_A_METADATA,	/* u64 */
	WEFT_KEY_A_REG0,	/* u32, REG0..REG7 are consecutive */
	WEFT_KEY_A_REG1,
	WEFT_KEY_A_REG2,
	WEFT_KEY_A_REG3,
	WEFT_KEY_A_REG4,
	WEFT_KEY_A_REG5,
	WEFT_KEY_A_REG6,
	WEFT_KEY_A_REG7,
	WEFT_KEY_A_IPV6_SRC,	/* binary[16] */
	WEFT_KEY_A_IPV6_DST,	/* binary[16] */
	WEFT_KEY_A_IPV6_FLABEL,	/* be32, 20 bits */
	WEFT_KEY_A_TCP_FLAGS,	/* be16, 12 bits */
	WEFT_KEY_A_ICMPV6_TYPE,	/* u8 */
	WEFT_KEY_A_ICMPV6_CODE,	/* u8 */
	WEFT_KEY_A_ARP_OP,	/* be16 */
	WEFT_KEY_A_ARP_SPA,	/* be32 */
	WEFT_KEY_A_ARP_TPA,	/* be32 */
	WEFT_KEY_A_ARP_SHA,	/* binary[6] */
	WEFT_KEY_A_ARP_THA,	/* binary[6] */
	WEFT_KEY_A_ND_TARGET,	/* binary[16] */
	WEFT_KEY_A_ND_SLL,	/* binary[6] */
	WEFT_KEY_A_ND_TLL,	/* binary[6] */
	WEFT_KEY_A_MPLS_LABEL,	/* u32, 20 bits */
	WEFT_KEY_A_MPLS_TC,	/* u8, 3 bits */
	WEFT_KEY_A_MPLS_BOS,	/* u8, 1 bit */
	WEFT_KEY_A_TUNNEL_ID,	/* u64 */
	WEFT_KEY_A_TUN_IPV4_SRC,	/* be32 */
	WEFT_KEY_A_TUN_IPV4_DST,	/* be32 */
	WEFT_KEY_A_IP_FRAG,	/* u8, WEFT_FRAG_*, IPv4 and IPv6 */
	WEFT_KEY_A_PAD,
	__WEFT_KEY_A_MAX
};
#define WEFT_KEY_A_MAX (__WEFT_KEY_A_MAX - 1)

/*
 * Prerequisites beyond those above: IPV6_* and ICMPV6_* need ETH_TYPE
 * 0x86dd (ICMPV6 also IP_PROTO 58); ARP_* need ETH_TYPE 0x0806; ND_TARGET
 * needs ICMPV6_TYPE 135 or 136, ND_SLL 135, ND_TLL 136; MPLS_* need
 * ETH_TYPE 0x8847 or 0x8848; TCP_FLAGS needs IP_PROTO 6; IP_FRAG an IP
 * ETH_TYPE.  IN_PHY_PORT equals IN_PORT for every weft port.  TUNNEL_ID
 * and TUN_IPV4_* are zero for packets that did not arrive through a
 * tunnel.  METADATA and REG0..REG7 start at zero for every packet.
 */

/* WEFT_KEY_A_IP_FRAG bits, as Open vSwitch's nw_frag. */
#define WEFT_FRAG_ANY		(1U << 0)	/* a fragment, first or later */
#define WEFT_FRAG_LATER		(1U << 1)	/* not the first fragment */

/*
 * WEFT_FLOW_A_INSTRUCTIONS, as OpenFlow 1.3's instructions.  At most one of
 * each; executed in the order OpenFlow prescribes (apply, clear, write,
 * metadata, goto) whatever their order in the message.
 */
enum weft_inst_attr {
	WEFT_INST_A_UNSPEC,
	WEFT_INST_A_APPLY_ACTIONS,	/* nest, WEFT_ACT_A_* in order */
	WEFT_INST_A_CLEAR_ACTIONS,	/* flag: empty the action set */
	/*
	 * nest, WEFT_ACT_A_*: merged into the action set, one per kind (one
	 * per field for SET_FIELD)
	 */
	WEFT_INST_A_WRITE_ACTIONS,
	WEFT_INST_A_WRITE_METADATA,	/* nest, WEFT_META_A_* */
	WEFT_INST_A_GOTO_TABLE,		/* u8, a table after the flow's own */
	__WEFT_INST_A_MAX
};
#define WEFT_INST_A_MAX (__WEFT_INST_A_MAX - 1)

/* metadata = (metadata & ~MASK) | (VALUE & MASK); MASK all-ones if absent */
enum weft_meta_attr {
	WEFT_META_A_UNSPEC,
	WEFT_META_A_VALUE,	/* u64 */
	WEFT_META_A_MASK,	/* u64 */
	WEFT_META_A_PAD,
	__WEFT_META_A_MAX
};
#define WEFT_META_A_MAX (__WEFT_META_A_MAX - 1)

/*
 * The action set is executed when a packet leaves the last table it
 * visits, in OpenFlow's order: COPY_TTL_IN, POP_VLAN/POP_MPLS, PUSH_MPLS,
 * PUSH_VLAN, COPY_TTL_OUT, DEC_MPLS_TTL/DEC_NW_TTL, SET_FIELD (and
 * SET_*_TTL), SET_QUEUE, then GROUP, or else OUTPUT.
 */

/*
 * Actions: the nest is an ordered list, one attribute per action, executed
 * in order.  An empty or absent list drops the packet.  At most
 * WEFT_ACTIONS_MAX actions per list.
 */
#define WEFT_ACTIONS_MAX	64

enum weft_act_attr {
	WEFT_ACT_A_UNSPEC,
	/*
	 * u32, a port number or WEFT_PORT_IN_PORT, _FLOOD, _ALL, _LOCAL.  A
	 * port that does not exist (yet) drops the copy (counted as lost);
	 * output to the ingress port by number is dropped, as OpenFlow
	 * requires (use IN_PORT).  CONTROLLER is a packet-in of the whole
	 * packet (as WEFT_ACT_A_CONTROLLER without MAX_LEN); TABLE is valid
	 * only in WEFT_CMD_PACKET_OUT; NORMAL is EOPNOTSUPP; 0, ANY and other
	 * values are EINVAL.
	 */
	WEFT_ACT_A_OUTPUT,
	/*
	 * nest, WEFT_CTRL_A_*: packet-in, reason ACTION
	 */
	WEFT_ACT_A_CONTROLLER,
	WEFT_ACT_A_GROUP,	/* u32, an existing group */
	/*
	 * nest of exactly one WEFT_KEY_A_* value (no mask).  Settable: every
	 * field but IN_PORT, IN_PHY_PORT, ETH_TYPE, IP_PROTO, TCP_FLAGS and
	 * IP_FRAG.  The field's prerequisites must hold in the flow's match
	 * (but for VLAN_PCP: a tag may be pushed first), and its value be in
	 * range; a packet that lacks the header at run time is left
	 * unchanged.  VLAN_VID and VLAN_PCP need a tag (push one first); IP
	 * and L4 checksums follow.
	 */
	WEFT_ACT_A_SET_FIELD,
	/*
	 * be16 TPID: 0x8100 or 0x88a8; the new tag copies the outer tag's
	 * VID/PCP, or 0
	 */
	WEFT_ACT_A_PUSH_VLAN,
	WEFT_ACT_A_POP_VLAN,	/* flag: remove the outer tag */
	WEFT_ACT_A_PUSH_MPLS,	/* be16: 0x8847 or 0x8848 */
	WEFT_ACT_A_POP_MPLS,	/* be16, the Ethernet type of the payload */
	WEFT_ACT_A_SET_NW_TTL,	/* u8, IPv4 TTL or IPv6 hop limit */
	/*
	 * flag; a TTL that would reach 0 sends the packet to the listener
	 * (INVALID_TTL) and stops it
	 */
	WEFT_ACT_A_DEC_NW_TTL,
	WEFT_ACT_A_SET_MPLS_TTL,	/* u8 */
	WEFT_ACT_A_DEC_MPLS_TTL,	/* flag, as DEC_NW_TTL */
	WEFT_ACT_A_COPY_TTL_OUT,	/* flag: IP TTL -> outer MPLS TTL */
	WEFT_ACT_A_COPY_TTL_IN,	/* flag: outer MPLS TTL -> IP TTL */
	WEFT_ACT_A_SET_QUEUE,	/* u32, becomes skb->priority on output */
	__WEFT_ACT_A_MAX
};
#define WEFT_ACT_A_MAX (__WEFT_ACT_A_MAX - 1)

enum weft_ctrl_attr {
	WEFT_CTRL_A_UNSPEC,
	/*
	 * u16, bytes of the packet to send; WEFT_CTRL_NO_BUFFER (the
	 * default): all
	 */
	WEFT_CTRL_A_MAX_LEN,
	__WEFT_CTRL_A_MAX
};
#define WEFT_CTRL_A_MAX (__WEFT_CTRL_A_MAX - 1)
#define WEFT_CTRL_NO_BUFFER	0xffff

enum weft_table_miss {
	WEFT_TABLE_MISS_DROP,
	WEFT_TABLE_MISS_CONTROLLER,	/* packet-in, reason NO_MATCH */
	/*
	 * on to the next table; drop after the last
	 */
	WEFT_TABLE_MISS_CONTINUE,
	__WEFT_TABLE_MISS_MAX
};
#define WEFT_TABLE_MISS_MAX (__WEFT_TABLE_MISS_MAX - 1)

enum weft_table_attr {
	WEFT_TABLE_A_UNSPEC,
	WEFT_TABLE_A_ID,		/* u8, 0..WEFT_TABLE_MAX */
	WEFT_TABLE_A_MISS,		/* u32, WEFT_TABLE_MISS_* */
	WEFT_TABLE_A_MISS_MAX_LEN,	/* u16, default WEFT_CTRL_NO_BUFFER */
	WEFT_TABLE_A_N_FLOWS,		/* u32, read-only */
	WEFT_TABLE_A_LOOKUPS,		/* u64, read-only */
	WEFT_TABLE_A_MATCHES,		/* u64, read-only */
	WEFT_TABLE_A_PAD,
	__WEFT_TABLE_A_MAX
};
#define WEFT_TABLE_A_MAX (__WEFT_TABLE_A_MAX - 1)

#define WEFT_GROUP_MAX		0xffffff00U	/* OpenFlow's OFPG_MAX */
#define WEFT_GROUP_ALL		0xfffffffcU	/* in GROUP_DEL: every group */
#define WEFT_GROUP_ANY		0xffffffffU	/* "no group" in filters */
#define WEFT_BUCKETS_MAX	32

/* Numbered as OpenFlow's ofp_group_type. */
enum weft_group_type {
	WEFT_GROUP_TYPE_ALL,
	WEFT_GROUP_TYPE_SELECT,
	WEFT_GROUP_TYPE_INDIRECT,
	WEFT_GROUP_TYPE_FAST_FAILOVER,
	__WEFT_GROUP_TYPE_MAX
};
#define WEFT_GROUP_TYPE_MAX (__WEFT_GROUP_TYPE_MAX - 1)

enum weft_group_attr {
	WEFT_GROUP_A_UNSPEC,
	WEFT_GROUP_A_ID,	/* u32 */
	WEFT_GROUP_A_TYPE,	/* u32, WEFT_GROUP_TYPE_* */
	WEFT_GROUP_A_BUCKETS,	/* nest of WEFT_GROUP_A_BUCKET */
	WEFT_GROUP_A_BUCKET,	/* nest, WEFT_BUCKET_A_* (inside BUCKETS) */
	WEFT_GROUP_A_STATS,	/* nest, WEFT_GSTATS_A_*, read-only */
	__WEFT_GROUP_A_MAX
};
#define WEFT_GROUP_A_MAX (__WEFT_GROUP_A_MAX - 1)

enum weft_bucket_attr {
	WEFT_BUCKET_A_UNSPEC,
	WEFT_BUCKET_A_WEIGHT,		/* u16 */
	WEFT_BUCKET_A_WATCH_PORT,	/* u32, WEFT_PORT_ANY if absent */
	WEFT_BUCKET_A_WATCH_GROUP,	/* u32, WEFT_GROUP_ANY if absent */
	WEFT_BUCKET_A_ACTIONS,		/* nest, WEFT_ACT_A_* */
	WEFT_BUCKET_A_STATS,		/* nest, WEFT_GSTATS_A_*, read-only */
	__WEFT_BUCKET_A_MAX
};
#define WEFT_BUCKET_A_MAX (__WEFT_BUCKET_A_MAX - 1)

enum weft_gstats_attr {
	WEFT_GSTATS_A_UNSPEC,
	WEFT_GSTATS_A_PACKETS,		/* u64 */
	WEFT_GSTATS_A_BYTES,		/* u64 */
	/*
	 * u32, flows and buckets using it (groups only)
	 */
	WEFT_GSTATS_A_REF_COUNT,
	WEFT_GSTATS_A_DURATION,		/* u64, ms since created */
	WEFT_GSTATS_A_PAD,
	__WEFT_GSTATS_A_MAX
};
#define WEFT_GSTATS_A_MAX (__WEFT_GSTATS_A_MAX - 1)

/*
 * Numbered as OpenFlow's ofp_packet_in_reason.  A packet sent to the
 * controller by a table-miss flow (priority 0, matching everything) is
 * NO_MATCH, as OpenFlow 1.3 says, with that flow's cookie; a miss with no
 * such flow (WEFT_TABLE_MISS_CONTROLLER) is NO_MATCH with cookie ~0.
 */
enum weft_packet_in_reason {
	WEFT_PACKET_IN_NO_MATCH,
	WEFT_PACKET_IN_ACTION,
	WEFT_PACKET_IN_INVALID_TTL,
};

enum weft_packet_attr {
	WEFT_PACKET_A_UNSPEC,
	WEFT_PACKET_A_DATA,		/* binary, an Ethernet frame */
	WEFT_PACKET_A_IN_PORT,		/* u32 */
	WEFT_PACKET_A_ACTIONS,		/* nest, WEFT_ACT_A_* (PACKET_OUT) */
	WEFT_PACKET_A_REASON,		/* u8, WEFT_PACKET_IN_* (PACKET_IN) */
	WEFT_PACKET_A_TABLE,		/* u8 (PACKET_IN) */
	WEFT_PACKET_A_COOKIE,		/* u64 (PACKET_IN) */
	WEFT_PACKET_A_TOTAL_LEN,	/* u32, before truncation (PACKET_IN) */
	WEFT_PACKET_A_KEY,		/* nest, WEFT_KEY_A_* values */
	WEFT_PACKET_A_PAD,
	__WEFT_PACKET_A_MAX
};
#define WEFT_PACKET_A_MAX (__WEFT_PACKET_A_MAX - 1)

enum weft_trace_attr {
	WEFT_TRACE_A_UNSPEC,
	WEFT_TRACE_A_STEP,		/* nest, WEFT_STEP_A_*, one per table */
	WEFT_TRACE_A_KEY,		/* nest, WEFT_KEY_A_*: the final key */
	WEFT_TRACE_A_ACTION_SET,	/* nest, WEFT_ACT_A_* executed last */
	WEFT_TRACE_A_OUTPUTS,		/* nest of WEFT_TRACE_A_OUTPUT */
	WEFT_TRACE_A_OUTPUT,		/* u32, a port or WEFT_PORT_CONTROLLER */
	WEFT_TRACE_A_DROPPED,		/* flag: dropped (lost, bad TTL...) */
	__WEFT_TRACE_A_MAX
};
#define WEFT_TRACE_A_MAX (__WEFT_TRACE_A_MAX - 1)

enum weft_step_attr {
	WEFT_STEP_A_UNSPEC,
	WEFT_STEP_A_TABLE,		/* u8 */
	WEFT_STEP_A_FLOW,		/* nest, WEFT_FLOW_A_* as in a dump */
	WEFT_STEP_A_MISS,		/* u32, WEFT_TABLE_MISS_* applied */
	__WEFT_STEP_A_MAX
};
#define WEFT_STEP_A_MAX (__WEFT_STEP_A_MAX - 1)

enum weft_bundle_attr {
	WEFT_BUNDLE_A_UNSPEC,
	WEFT_BUNDLE_A_OP,		/* nest, WEFT_OP_A_* */
	__WEFT_BUNDLE_A_MAX
};
#define WEFT_BUNDLE_A_MAX (__WEFT_BUNDLE_A_MAX - 1)
#define WEFT_BUNDLE_OPS_MAX	4096

enum weft_op_attr {
	WEFT_OP_A_UNSPEC,
	WEFT_OP_A_CMD,			/* u8, WEFT_CMD_FLOW_NEW/SET/DEL */
	WEFT_OP_A_FLOW,			/* nest, WEFT_FLOW_A_* */
	__WEFT_OP_A_MAX
};
#define WEFT_OP_A_MAX (__WEFT_OP_A_MAX - 1)

#endif /* _UAPI_LINUX_WEFT_H */
