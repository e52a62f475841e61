#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Minimal end-to-end check, also run on the 6.12 guest: a datapath in its
# own namespace, two hosts, two ports, four flows, 3/3 pings counted
# exactly, then everything deleted and every object freed.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0

weft_init
check "weft module loaded" weft_module_loaded
need weft_ns_add sw h1 h2
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
check "dp add" in_ns sw weftctl dp add "$DP"
check_eq "dp show lists it" "$DP" "$(weft_dp_field sw "$DP" name)"
check "port add s1" in_ns sw weftctl port add "$DP" s1 port_no 1
check "port add s2" in_ns sw weftctl port add "$DP" s2 port_no 2
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
check "flow add: arp 1->2" in_ns sw weftctl flow add "$DP" "priority=10,arp,in_port=1,actions=output:2"
check "flow add: arp 2->1" in_ns sw weftctl flow add "$DP" "priority=10,arp,in_port=2,actions=output:1"
check "flow add: icmp 1->2" in_ns sw weftctl flow add "$DP" "cookie=0x1,priority=20,icmp,in_port=1,actions=output:2"
check "flow add: icmp 2->1" in_ns sw weftctl flow add "$DP" "cookie=0x2,priority=20,icmp,in_port=2,actions=output:1"
check_ping "ping h1 -> h2 3/3" h1 10.0.0.2 3
check_eq "icmp 1->2 matched the 3 requests" 3 "$(weft_flow_field sw "$DP" 0x1 n_packets)"
check_eq "icmp 2->1 matched the 3 replies" 3 "$(weft_flow_field sw "$DP" 0x2 n_packets)"
check "dp del" in_ns sw weftctl dp del "$DP"
check_eq "dp show: no datapath left" 0 "$(weft_q sw count -- dp show)"
check_objects_zero "objects: every datapath, port, flow and action freed"

weft_done
