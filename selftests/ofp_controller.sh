#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# weftd with controllers: a restart of weftd under traffic must not
# disturb forwarding (the kernel's flows are adopted, not flushed), and
# ovs-testcontroller's MAC learning, OpenFlow 1.3 and 1.0, must connect
# two hosts through weft.

HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=ofp_lib.sh
. "$HERE/ofp_lib.sh"

weft_init
ofp_init

agent() { weftctl agent --socket "$WEFT_TMP/weftd.ctl" "$DP" "$@"; }
# weftd's controller connection has finished its handshake.
# shellcheck disable=SC2317 # called through weft_wait
controller_ready() { [[ $(agent connections) == *"controller ready"* ]]; }

need ofp_topology
need weftd_start
check "port add s1 (port 1)" in_ns sw weftctl port add "$DP" s1 port_no 1
check "port add s2 (port 2)" in_ns sw weftctl port add "$DP" s2 port_no 2
check "ip flows both ways" of -O OpenFlow13 add-flow "$T" "priority=10,ip,in_port=1,actions=output:2"
check "... and back" of -O OpenFlow13 add-flow "$T" "priority=10,ip,in_port=2,actions=output:1"
check_ping "ping h1 -> h2 through weft" h1 10.0.0.2 3

# --- restart: forwarding undisturbed, flows kept --------------------------------

n0=$(weft_flow_count sw "$DP")
weftd_stop
check_ping "weftd stopped: ping still forwarded by the kernel" h1 10.0.0.2 3
need weftd_start
check_eq "weftd restarted: the flows were adopted, not flushed" "$n0" "$(weft_flow_count sw "$DP")"
check_ping "weftd restarted: ping forwarded" h1 10.0.0.2 3

# --- ovs-testcontroller: MAC learning through weft ------------------------------

weftd_stop
check "flush the flows" in_ns sw weftctl flow flush "$DP"
check "groups gone" in_ns sw weftctl group del "$DP"
for ver in OpenFlow13 OpenFlow10; do
	weft_bg sw "ctl-$ver" ovs-testcontroller -O "$ver" ptcp:6653:127.0.0.1
	CTL=$WEFT_BG_PID
	weft_wait 20 weft_listening sw 6653
	need weftd_start -c tcp:127.0.0.1:6653 --protocols "$ver"
	weft_wait 60 controller_ready ||
		weft_diag "the controller connection is not ready: $(agent connections)"
	# The controller learns from the first packets: give it a few.
	in_ns_q h1 ping -c 3 -i 0.3 -W 1 10.0.0.2 >/dev/null 2>&1
	check_ping "ovs-testcontroller ($ver): h1 -> h2" h1 10.0.0.2 3
	check_gt "ovs-testcontroller ($ver) installed flows" "$(weft_flow_count sw "$DP")" 0
	weftd_stop
	weft_kill "$CTL"
	in_ns_q sw weftctl flow flush "$DP"
done

weft_done
