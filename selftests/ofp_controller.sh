#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# weftd with controllers: a restart of weftd under traffic must not
# disturb forwarding (the kernel's flows are adopted, not flushed), a
# packet-in storm toward a controller that stops reading must not stall
# forwarding, weftd or the kernel's events, and ovs-testcontroller's MAC
# learning, OpenFlow 1.3 and 1.0, must connect two hosts through weft.

HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=ofp_lib.sh
. "$HERE/ofp_lib.sh"

weft_init
ofp_init

agent() { weftctl agent --socket "$WEFT_TMP/weftd.ctl" "$DP" "$@"; }
agentj() { weftctl -j agent --socket "$WEFT_TMP/weftd.ctl" "$DP" "$@"; }
# A counter of weftd (agent show), of its controller connection.
astat() { agentj show | weft_json get "datapath=$DP" "$1"; }
aconn() { agentj connections | weft_json get kind=controller "$1"; }
# shellcheck disable=SC2317 # called through weft_wait
gone() { ! weft_alive "$1"; }
# How many flows with cookie 0x57 weftd has.
n_57() { ofq -O OpenFlow13 dump-flows "$T" cookie=0x57/-1 | grep -c cookie=; }
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

# --- a packet-in storm against a controller that stops reading -----------------
# h1 floods datagrams that a flow sends to the controller, and the controller
# reads nothing.  The packet-ins past what weftd may queue are dropped and
# counted; meanwhile forwarding goes on, weftd answers, and the kernel's
# flow-removed event is neither lost nor stuck behind the storm: events
# have their own netlink socket (Documentation/weftd.8, Connections).

weftd_stop
weft_bg sw stall python3 "$HERE/ofp_stall.py" 127.0.0.1 6653 "$WEFT_TMP/drain"
STALL=$WEFT_BG_PID
weft_wait 20 weft_listening sw 6653
need weftd_start -c tcp:127.0.0.1:6653 --protocols OpenFlow13 --probe-interval 0
weft_wait 60 controller_ready ||
	weft_diag "the controller connection is not ready: $(agent connections)"
check "storm: no packet-in rate limit" \
	in_ns sw weftctl dp set "$DP" upcall_rate=1000000 upcall_burst=1000000
check "storm: udp to port 9999 goes to the controller" of -O OpenFlow13 add-flow "$T" \
	"priority=20,udp,in_port=1,tp_dst=9999,actions=controller:64"
check "storm: a flow that expires in 2 s and says so" of -O OpenFlow13 add-flow "$T" \
	"cookie=0x57,priority=5,hard_timeout=2,send_flow_rem,tcp,in_port=2,actions=drop"
DQ0=$(weft_dp_field sw "$DP" stats.upcall_drop_queue)
weft_bg h1 flood python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end, n = time.monotonic() + 8, 0
while time.monotonic() < end:
    for _ in range(100):
        try:
            s.sendto(b"weft-storm", ("10.0.0.2", 9999))
            n += 1
        except OSError:
            pass
print("sent", n, flush=True)
'
FLOOD=$WEFT_BG_PID
check_ping "storm: h1 pings h2 through it" h1 10.0.0.2 5
check "storm: weftd answers its control socket" agent show
weft_until 30 = 0 n_57
check_eq "storm: the 2 s flow expired in the kernel" 0 "$(n_57)"
weft_wait 30 gone "$FLOOD"
weft_diag "h1: $(cat "$WEFT_TMP/flood.log")"
# What the storm cost: packet-ins the kernel could not queue to weftd, and
# those weftd would not queue to the stalled controller.
qdrop=$(weft_delta "$DQ0" "$(weft_dp_field sw "$DP" stats.upcall_drop_queue)")
adrop=$(aconn async_dropped)
weft_diag "weftd: $(agent show | grep -o 'packet_ins [0-9]*.*')"
weft_diag "dropped: kernel queue +$qdrop, weftd's bound $adrop"
check_gt "storm: weftd dropped packet-ins past its bound for the controller" "$adrop" 0
touch "$WEFT_TMP/drain"
weft_wait 60 gone "$STALL"
weft_diag "the controller read: $(grep -v '^flow_removed' "$WEFT_TMP/stall.log" | tr '\n' ' ')"
check_eq "storm: the controller got the flow-removed of 0x57 (reason hard timeout)" \
	"flow_removed 0x57 1" "$(grep '^flow_removed' "$WEFT_TMP/stall.log")"
check_gt "storm: it got packet-ins" "$(sed -n 's/^packet_in //p' "$WEFT_TMP/stall.log")" 0
check_eq "storm: weftd lost no kernel event" 0 "$(astat events_lost)"
check_eq "storm: weftd reported the flow removal" 1 "$(astat flow_removed)"
check_ping "storm over: h1 pings h2" h1 10.0.0.2 3
weftd_stop
in_ns_q sw weftctl flow flush "$DP"

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
