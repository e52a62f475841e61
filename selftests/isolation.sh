#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Network namespace isolation: two datapaths with the same name, wdp0, in
# namespaces "a" and "b", each with two hosts on the same addresses.
#
#   a1 --- s1 [a: wdp0] s2 --- a2        b1 --- t1 [b: wdp0] t2 --- b2
#
# Each namespace sees only its own datapath and ports, cannot attach the
# other's devices, and flows (or their absence, or a flush) in one change
# nothing in the other.  Deleting one datapath leaves the other working.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0

# names ROLE: the port names of wdp0 in ROLE, sorted, space separated.
names() { weft_q "$1" list name -- port show "$DP" | sort | tr '\n' ' '; }

weft_init
base=$(weft_objects datapaths)
need weft_ns_add a b a1 a2 b1 b2
must weft_link a s1 a1 eth0 10.0.0.1/24
must weft_link a s2 a2 eth0 10.0.0.2/24
must weft_link b t1 b1 eth0 10.0.0.1/24
must weft_link b t2 b2 eth0 10.0.0.2/24

check "a: dp add $DP" in_ns a weftctl dp add "$DP"
check "b: dp add $DP (same name, other namespace)" in_ns b weftctl dp add "$DP"
check_eq "objects: two more datapaths" "$((base + 2))" "$(weft_objects datapaths)"
for ns in a b; do
	check_eq "$ns: dp show lists exactly one datapath" 1 "$(weft_q "$ns" count -- dp show)"
	ifindex=$("$IP" -n "$(weft_nsname "$ns")" -o link show dev "$DP" | cut -d: -f1)
	check_eq "$ns: its ifindex is the local netdev's in $ns" \
		"$ifindex" "$(weft_dp_field "$ns" "$DP" ifindex)"
done
root=$(weft_q - list name -- dp show)
case $root in
error*) ;;
*) grep -qx "$DP" <<<"$root" && root="$DP is listed" || root=absent ;;
esac
check_eq "the test's own namespace sees neither $DP" absent "$root"
# weftctl -n (what in_ns uses for weftctl) against ip netns exec.
check_eq "weftctl -n a, from outside a: a's $DP" "$DP" \
	"$(weftctl -j -n "$(weft_nsname a)" dp show | weft_json list name)"
check_eq "ip netns exec b weftctl: b's $DP, one datapath" 1 \
	"$("$IP" netns exec "$(weft_nsname b)" weftctl -j dp show | weft_json count)"
check_err "weftctl -n of an unknown namespace quotes it" \
	'network namespace "weft-no-such-ns": No such file' \
	weftctl -n weft-no-such-ns dp show
check_err "weftctl -n refuses a path" 'invalid network namespace name "../a"' \
	weftctl -n ../a dp show
check_status "weftctl -n without a name is a usage error" 2 weftctl -n

check "a: port add s1" in_ns a weftctl port add "$DP" s1 port_no 1
check "a: port add s2" in_ns a weftctl port add "$DP" s2 port_no 2
check "b: port add t1" in_ns b weftctl port add "$DP" t1 port_no 1
check "b: port add t2" in_ns b weftctl port add "$DP" t2 port_no 2
check_eq "a: port show has only a's ports" "s1 s2 $DP " "$(names a)"
check_eq "b: port show has only b's ports" "t1 t2 $DP " "$(names b)"
check_err "a: port add of b's device t1 fails with ENODEV" "No such device" \
	in_ns a weftctl port add "$DP" t1
check_eq "b: t1 is still b's port 1" 1 "$(weft_port_field b "$DP" t1 port_no)"
for h in a1 a2 b1 b2; do
	need weft_wait_up "$h" eth0
done
must weft_neigh a1 eth0 10.0.0.2 "$(weft_mac a2 eth0)"
must weft_neigh a2 eth0 10.0.0.1 "$(weft_mac a1 eth0)"
must weft_neigh b1 eth0 10.0.0.2 "$(weft_mac b2 eth0)"
must weft_neigh b2 eth0 10.0.0.1 "$(weft_mac b1 eth0)"

# Flows in a only.
check "a: flow add icmp 1->2" in_ns a weftctl flow add "$DP" "cookie=0x1,priority=10,icmp,in_port=1,actions=output:2"
check "a: flow add icmp 2->1" in_ns a weftctl flow add "$DP" "cookie=0x2,priority=10,icmp,in_port=2,actions=output:1"
weft_snap b "$DP"
check_ping "a: a1 pings a2" a1 10.0.0.2 3
check_no_ping "b: b1 cannot ping b2 (b has no flow)" b1 10.0.0.2 3
check_eq "b: no flow" 0 "$(weft_flow_count b "$DP")"
check_eq "b: its 3 requests missed" 3 "$(weft_dp_since b "$DP" misses)"
check_eq "a: flow 0x1 counted a's 3 requests only" 3 "$(weft_flow_field a "$DP" 0x1 n_packets)"

# The same flows in b; a flush in a leaves them.
check "b: flow add icmp 1->2" in_ns b weftctl flow add "$DP" "cookie=0x1,priority=10,icmp,in_port=1,actions=output:2"
check "b: flow add icmp 2->1" in_ns b weftctl flow add "$DP" "cookie=0x2,priority=10,icmp,in_port=2,actions=output:1"
check "a: flow flush" in_ns a weftctl flow flush "$DP"
check_eq "b: its 2 flows survive a's flush" 2 "$(weft_flow_count b "$DP")"
check_ping "b: b1 pings b2" b1 10.0.0.2 3
check_no_ping "a: a1 cannot ping a2 any more" a1 10.0.0.2 3
check_eq "b: flow 0x1 counted b's 3 requests only" 3 "$(weft_flow_field b "$DP" 0x1 n_packets)"

# Deleting a's datapath leaves b's.
check "a: dp del" in_ns a weftctl dp del "$DP"
check_eq "a: dp show is empty" 0 "$(weft_q a count -- dp show)"
check_eq "b: dp show still lists $DP" "$DP" "$(weft_dp_field b "$DP" name)"
check_eq "b: its 3 ports are intact" "t1 t2 $DP " "$(names b)"
check_ping "b: b1 still pings b2" b1 10.0.0.2 3
check_eq "objects: one datapath less" "$((base + 1))" "$(weft_objects datapaths)"
check "b: dp del" in_ns b weftctl dp del "$DP"

weft_done
