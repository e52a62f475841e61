#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Things disappearing under a busy datapath:
#  1. a veth that is a port is deleted while iperf3 and ping run through it:
#     the port goes, the rest keeps working, a new device can take its place;
#  2. the namespace holding the datapath is deleted under traffic: every
#     weft object is freed;
#  3. the module is unloaded with two datapaths, netdev and internal ports,
#     flows and traffic: rmmod succeeds, nothing of weft is left after a
#     reload, and the devices it used are free again.
# The module is loaded again before the test ends (the trap makes sure).

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
PORT=5201

fadd() { check "$1: flow add $3" in_ns "$1" weftctl flow add "$2" "$3"; }

# port_gone ROLE DP PORT: port show answers and does not list PORT.
# shellcheck disable=SC2317 # called through weft_wait
port_gone() {
	local names

	names=$(weft_q "$1" list name -- port show "$2") || return 1
	! grep -qx "$3" <<<"$names"
}

# shellcheck disable=SC2317 # called through weft_wait
objects_are() { [ "$(weft_objects "$1")" = "$2" ]; }

# topology: sw with wdp0 (ports s1=1, s2=2, forwarding flows), hosts h1, h2.
topology() {
	need weft_ns_add sw
	must weft_link sw s1 h1 eth0 10.0.0.1/24
	must weft_link sw s2 h2 eth0 10.0.0.2/24
	check "sw: dp add $DP" in_ns sw weftctl dp add "$DP"
	check "sw: port add s1" in_ns sw weftctl port add "$DP" s1 port_no 1
	check "sw: port add s2" in_ns sw weftctl port add "$DP" s2 port_no 2
	fadd sw "$DP" "priority=10,in_port=1,actions=output:2"
	fadd sw "$DP" "priority=10,in_port=2,actions=output:1"
	need weft_wait_up h1 eth0
	need weft_wait_up h2 eth0
	must weft_neigh h1 eth0 10.0.0.2 "$(weft_mac h2 eth0)"
	must weft_neigh h2 eth0 10.0.0.1 "$(weft_mac h1 eth0)"
}

# traffic PHASE: TCP and ICMP from h1 to h2 in the background, flowing
# through port s2 when this returns.  A fresh iperf3 server each time: the
# previous one may still be busy with a client whose path was cut.
traffic() {
	local tx

	stop_traffic
	need weft_iperf_server h2 "$PORT"
	SERVER_PID=$WEFT_BG_PID
	tx=$(weft_port_field sw "$DP" s2 stats.tx_packets)
	weft_bg h1 "iperf3-client-$1" iperf3 -c 10.0.0.2 -p "$PORT" -t 120
	TCP_PID=$WEFT_BG_PID
	weft_bg h1 "ping-$1" ping -i 0.2 -c 600 10.0.0.2
	PING_PID=$WEFT_BG_PID
	if [[ $tx =~ ^[0-9]+$ ]] &&
	   weft_wait 30 weft_port_stat_gt sw "$DP" s2 tx_packets $((tx + 20)); then
		weft_ok "$1: traffic flows through the datapath"
	else
		weft_not_ok "$1: traffic flows through the datapath"
	fi
}

SERVER_PID=
TCP_PID=
PING_PID=
stop_traffic() {
	local pid

	for pid in $TCP_PID $PING_PID $SERVER_PID; do
		weft_kill "$pid"
	done
	TCP_PID='' PING_PID='' SERVER_PID=''
}

weft_init
check_objects_zero "start: no weft object exists"
need weft_ns_add h1 h2
topology

# 1. Hot unplug of a port ----------------------------------------------------
traffic "unplug"
ports=$(weft_objects ports)
check "unplug: delete veth s2 (port 2) under traffic" ipn sw link del dev s2
check "unplug: s2 disappears from port show" weft_wait 10 port_gone sw "$DP" s2
check_eq "unplug: dp has 2 ports left (s1, LOCAL)" 2 "$(weft_dp_field sw "$DP" n_ports)"
weft_wait 10 objects_are ports "$((ports - 1))"
check_eq "unplug: exactly one port object freed" "$((ports - 1))" "$(weft_objects ports)"
check_eq "unplug: the flows stay" 2 "$(weft_flow_count sw "$DP")"
check_eq "unplug: s1 is still port 1" 1 "$(weft_port_field sw "$DP" s1 port_no)"
stop_traffic
# h2's end of the pair went with s2: plug a new pair in as port 2.
must weft_link sw s2 h2 eth0 10.0.0.2/24
need weft_wait_up h2 eth0
must weft_neigh h1 eth0 10.0.0.2 "$(weft_mac h2 eth0)"
must weft_neigh h2 eth0 10.0.0.1 "$(weft_mac h1 eth0)"
check "replug: port add the new s2 as port 2" in_ns sw weftctl port add "$DP" s2 port_no 2
check_ping "replug: h1 pings h2 through the same flows" h1 10.0.0.2 3

# 2. Delete the namespace holding the datapath --------------------------------
traffic "netns"
weft_ns_del sw
check_eq "netns: ip netns del sw under traffic" 0 "$?"
check_objects_zero "netns: every weft object freed"
stop_traffic

# 3. Unload the module with everything configured and busy --------------------
# (h1's and h2's eth0 went with sw's veths.)
topology
check "rmmod: sw: dp add wdp1" in_ns sw weftctl dp add wdp1
check "rmmod: sw: internal port wint0 on $DP" \
	in_ns sw weftctl port add "$DP" wint0 type internal
check "rmmod: sw: internal port wint1 on wdp1" \
	in_ns sw weftctl port add wdp1 wint1 type internal
fadd sw wdp1 "priority=5,in_port=1,actions=LOCAL"
traffic "rmmod"
check "rmmod: rmmod weft succeeds" rmmod weft
check_status "rmmod: the module is gone" 1 weft_module_loaded
for dev in "$DP" wdp1 wint0 wint1; do
	check_status "rmmod: internal netdev $dev went with it" 1 ipn sw link show dev "$dev"
done
check "rmmod: veth s1 stays" ipn sw link show dev s1
check "rmmod: insmod weft again" weft_module_load
for k in datapaths ports flows actions; do
	check_eq "reload: objects $k = 0" 0 "$(weft_objects "$k")"
done
check_eq "reload: sw has no datapath" 0 "$(weft_q sw count -- dp show)"
check "reload: dp add $DP" in_ns sw weftctl dp add "$DP"
check "reload: s1 was released (it can join the new datapath)" \
	in_ns sw weftctl port add "$DP" s1
check "reload: dp del" in_ns sw weftctl dp del "$DP"
stop_traffic

weft_done
