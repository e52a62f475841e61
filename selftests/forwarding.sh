#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Forwarding through a weft datapath, driven by weftctl.
#
#   h1 (10.0.0.1) eth0 --- s1 [port 1]           [port 2] s2 --- eth0 h2 (10.0.0.2)
#                              \   sw: datapath wdp0   /
#                               [LOCAL: netdev wdp0, 10.0.0.3]
#
# The datapath lives in its own namespace "sw"; the hosts are namespaces
# too.  Every step shows that a flow makes the difference: no flows (ping
# fails, misses grow), ARP only (ping fails, ARP resolves), IP (ping works),
# TCP only when a flow allows it, a higher-priority drop, exact packet and
# byte counters, flow mod / strict and non-strict delete / flush, JSON
# dump, ports named in flows, and output to LOCAL.
#
# Exact counters need quiet links: IPv6 is off in every namespace and the
# neighbours are permanent, so the only packets are the ones sent here.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
N=5		# echo requests per counted burst
FRAME=98	# ping's default 56-byte payload: 14 Ethernet + 20 IPv4 + 8 ICMP + 56
PORT=5201	# iperf3

fadd() { check "flow add: $1" in_ns sw weftctl flow add "$DP" "$1"; }

weft_init

# Topology -------------------------------------------------------------------
need weft_ns_add sw h1 h2
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
weft_dp_ports sw "$DP" s1 s2
check_eq "dp show: 3 ports (s1, s2, LOCAL)" 3 "$(weft_dp_field sw "$DP" n_ports)"
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
MAC1=$(weft_mac h1 eth0)
MAC2=$(weft_mac h2 eth0)

# No flows: every packet is a table miss ---------------------------------------
must weft_neigh h1 eth0 10.0.0.2 "$MAC2"
must weft_neigh h2 eth0 10.0.0.1 "$MAC1"
weft_snap sw "$DP" s1 s2
check_no_ping "no flows: h1 cannot ping h2" h1 10.0.0.2 3
check_eq "no flows: the 3 requests were looked up" 3 "$(weft_dp_since sw "$DP" lookups)"
check_eq "no flows: the 3 requests missed" 3 "$(weft_dp_since sw "$DP" misses)"
check_eq "no flows: port s1 received the 3 requests" 3 "$(weft_port_since sw "$DP" s1 rx_packets)"
check_eq "no flows: nothing sent to port s2" 0 "$(weft_port_since sw "$DP" s2 tx_packets)"

# ARP only -------------------------------------------------------------------
must ipn h1 neigh del 10.0.0.2 dev eth0
must ipn h2 neigh del 10.0.0.1 dev eth0
fadd "cookie=0x1,priority=10,arp,in_port=1,actions=output:2"
fadd "cookie=0x2,priority=10,arp,in_port=2,actions=output:1"
check_no_ping "arp flows only: h1 still cannot ping h2" h1 10.0.0.2 3
check_eq "arp flows only: h1 resolved h2 through the datapath" \
	"$MAC2" "$(weft_neigh_mac h1 eth0 10.0.0.2)"
check_gt "arp flows only: the arp request flow matched" \
	"$(weft_flow_field sw "$DP" 0x1 n_packets)" 0
check_gt "arp flows only: the arp reply flow matched" \
	"$(weft_flow_field sw "$DP" 0x2 n_packets)" 0

# IP both ways, by in_port ---------------------------------------------------
fadd "cookie=0x3,priority=10,ip,in_port=1,actions=output:2"
fadd "cookie=0x4,priority=10,ip,in_port=2,actions=output:1"
check_ping "ip flows: h1 pings h2" h1 10.0.0.2 3
check_ping "ip flows: h2 pings h1" h2 10.0.0.1 3
# From here on no ARP at all: the counted traffic is exactly what is sent.
must weft_neigh h1 eth0 10.0.0.2 "$MAC2"
must weft_neigh h2 eth0 10.0.0.1 "$MAC1"

# TCP only when a flow allows it ---------------------------------------------
need weft_iperf_server h2 "$PORT"
IPERF_PID=$WEFT_BG_PID
check "flow del --strict: the ip flow 1->2" \
	in_ns sw weftctl flow del "$DP" "priority=10,ip,in_port=1" --strict
check "flow del --strict: the ip flow 2->1" \
	in_ns sw weftctl flow del "$DP" "priority=10,ip,in_port=2" --strict
fadd "cookie=0x5,priority=100,icmp,in_port=1,actions=output:2"
fadd "cookie=0x6,priority=100,icmp,in_port=2,actions=output:1"
check_ping "icmp flows: ping still works" h1 10.0.0.2 3
check_no_iperf "icmp flows only: TCP to h2 is blocked" h1 h2 10.0.0.2 "$PORT"
fadd "cookie=0x7,priority=100,tcp,in_port=1,actions=output:2"
fadd "cookie=0x8,priority=100,tcp,in_port=2,actions=output:1"
check_iperf "tcp flows: iperf3 h1 -> h2 completes" h1 10.0.0.2 "$PORT"
check_gt "tcp flows: the tcp flow 1->2 carried the transfer" \
	"$(weft_flow_field sw "$DP" 0x7 n_packets)" 100
fadd "cookie=0x9,priority=200,tcp,tcp_dst=$PORT,actions=drop"
check_no_iperf "drop tcp_dst=$PORT at priority 200: iperf3 is blocked" \
	h1 h2 10.0.0.2 "$PORT"
check_gt "drop flow: it matched the blocked connection attempts" \
	"$(weft_flow_field sw "$DP" 0x9 n_packets)" 0
check_ping "drop flow: ping still works" h1 10.0.0.2 3
weft_kill "$IPERF_PID"

# Exact counters -------------------------------------------------------------
check "flow flush" in_ns sw weftctl flow flush "$DP"
check_eq "flow flush: no flow left" 0 "$(weft_flow_count sw "$DP")"
fadd "cookie=0x11,priority=100,icmp,in_port=1,actions=output:2"
fadd "cookie=0x12,priority=100,icmp,in_port=2,actions=output:1"
weft_snap sw "$DP" s1 s2
check_ping "counters: $N pings h1 -> h2" h1 10.0.0.2 "$N"
for f in "0x11 requests" "0x12 replies"; do
	c=${f% *}
	check_eq "counters: flow $c (${f#* }) n_packets = $N" \
		"$N" "$(weft_flow_field sw "$DP" "$c" n_packets)"
	check_eq "counters: flow $c (${f#* }) n_bytes = $N x $FRAME" \
		"$((N * FRAME))" "$(weft_flow_field sw "$DP" "$c" n_bytes)"
done
for p in s1 s2; do
	for f in rx_packets tx_packets; do
		check_eq "counters: port $p $f +$N" \
			"$N" "$(weft_port_since sw "$DP" "$p" "$f")"
	done
	for f in rx_bytes tx_bytes; do
		check_eq "counters: port $p $f +$((N * FRAME))" \
			"$((N * FRAME))" "$(weft_port_since sw "$DP" "$p" "$f")"
	done
done
check_eq "counters: dp lookups +$((2 * N))" "$((2 * N))" "$(weft_dp_since sw "$DP" lookups)"
check_eq "counters: dp hits +$((2 * N))" "$((2 * N))" "$(weft_dp_since sw "$DP" hits)"
check_eq "counters: dp misses +0" 0 "$(weft_dp_since sw "$DP" misses)"
dump=$(in_ns sw weftctl flow dump "$DP")
printf '%s\n' "$dump" | sed 's/^/#   /'
check_eq "counters: text dump shows n_packets=$N, n_bytes=$((N * FRAME)) for 0x11" 1 \
	"$(grep -cE "cookie=0x11,.* n_packets=$N, n_bytes=$((N * FRAME))," <<<"$dump")"

# Flow mod ---------------------------------------------------------------------
weft_snap sw "$DP"
check "flow mod --strict: requests now go to port 3, which does not exist" \
	in_ns sw weftctl flow mod "$DP" "priority=100,icmp,in_port=1,actions=output:3" --strict
check_no_ping "wrong output port: ping fails" h1 10.0.0.2 3
check_eq "flow mod kept the counters: n_packets = $N + 3" \
	"$((N + 3))" "$(weft_flow_field sw "$DP" 0x11 n_packets)"
check_eq "wrong output port: the 3 requests were lost" 3 "$(weft_dp_since sw "$DP" lost)"
check "flow mod (non-strict): back to port 2" \
	in_ns sw weftctl flow mod "$DP" "icmp,in_port=1,actions=output:2"
check_ping "flow mod back: ping works again" h1 10.0.0.2 3
check_eq "flow 0x11 n_packets = $N + 6" "$((N + 6))" "$(weft_flow_field sw "$DP" 0x11 n_packets)"

# Flow del, strict and not -------------------------------------------------
check_status "flow del --strict with another priority: nothing to delete (exit 1)" 1 \
	in_ns sw weftctl flow del "$DP" "priority=99,icmp,in_port=1" --strict
check_eq "flow del --strict, other priority: both flows still there" 2 "$(weft_flow_count sw "$DP")"
check "flow del --strict: the request flow" \
	in_ns sw weftctl flow del "$DP" "priority=100,icmp,in_port=1" --strict
check_eq "flow del --strict: one flow left" 1 "$(weft_flow_count sw "$DP")"
check_no_ping "request flow deleted: ping fails" h1 10.0.0.2 3
fadd "cookie=0x11,priority=100,icmp,in_port=1,actions=output:2"
fadd "cookie=0x13,priority=50,tcp,in_port=2,actions=output:1"
check "flow del (non-strict) in_port=2: every flow from port 2" \
	in_ns sw weftctl flow del "$DP" "in_port=2"
check_eq "non-strict del: only the in_port=1 flow is left" 1 "$(weft_flow_count sw "$DP")"
check_eq "non-strict del: the flow left is 0x11" 100 "$(weft_flow_field sw "$DP" 0x11 priority)"
check "flow flush" in_ns sw weftctl flow flush "$DP"
check_eq "flow flush: dp n_flows = 0" 0 "$(weft_dp_field sw "$DP" n_flows)"

# JSON dump --------------------------------------------------------------------
fadd "cookie=0x2a,table=0,priority=321,tcp,in_port=1,nw_dst=10.0.0.0/24,tcp_dst=80,actions=output:2"
check_eq "json dump: one flow" 1 "$(weft_flow_count sw "$DP")"
check_eq "json dump: priority" 321 "$(weft_flow_field sw "$DP" 0x2a priority)"
check_eq "json dump: table" 0 "$(weft_flow_field sw "$DP" 0x2a table)"
check_eq "json dump: match nw_dst" 10.0.0.0/24 "$(weft_flow_field sw "$DP" 0x2a match.nw_dst)"
# ovs-ofctl prints TCP/UDP/SCTP ports as tp_src/tp_dst once the protocol is known.
check_eq "json dump: match tp_dst" 80 "$(weft_flow_field sw "$DP" 0x2a match.tp_dst)"
check_eq "json dump: match in_port" 1 "$(weft_flow_field sw "$DP" 0x2a match.in_port)"
check_eq "json dump: actions" output:2 "$(weft_flow_field sw "$DP" 0x2a actions)"
check_eq "json dump: n_packets" 0 "$(weft_flow_field sw "$DP" 0x2a n_packets)"
check_eq "json dump: used_ms is null (never hit)" null "$(weft_flow_field sw "$DP" 0x2a used_ms)"
check "flow flush" in_ns sw weftctl flow flush "$DP"

# Ports by name ----------------------------------------------------------------
fadd "cookie=0x21,priority=100,icmp,in_port=s1,actions=output:s2"
fadd "cookie=0x22,priority=100,icmp,in_port=s2,actions=output:s1"
check_ping "flows naming ports s1/s2: h1 pings h2" h1 10.0.0.2 3
check_eq "flows naming ports: n_packets = 3" 3 "$(weft_flow_field sw "$DP" 0x21 n_packets)"

# Output to LOCAL: the datapath's own netdev -------------------------------
must ipn sw addr add 10.0.0.3/24 dev "$DP"
must ipn sw link set "$DP" up
need weft_wait_up sw "$DP"
MACL=$(weft_mac sw "$DP")
must weft_neigh h1 eth0 10.0.0.3 "$MACL"
must weft_neigh sw "$DP" 10.0.0.1 "$MAC1"
fadd "cookie=0x31,priority=200,icmp,in_port=1,nw_dst=10.0.0.3,actions=LOCAL"
fadd "cookie=0x32,priority=200,in_port=LOCAL,actions=output:1"
weft_snap sw "$DP" "$DP"
check_ping "LOCAL: h1 pings the datapath's netdev 10.0.0.3" h1 10.0.0.3 "$N"
check_eq "LOCAL: flow to LOCAL n_packets = $N" "$N" "$(weft_flow_field sw "$DP" 0x31 n_packets)"
check_eq "LOCAL: flow from LOCAL n_packets = $N" "$N" "$(weft_flow_field sw "$DP" 0x32 n_packets)"
check_eq "LOCAL: local port tx_packets +$N" "$N" "$(weft_port_since sw "$DP" "$DP" tx_packets)"
check_eq "LOCAL: local port rx_packets +$N" "$N" "$(weft_port_since sw "$DP" "$DP" rx_packets)"
check_eq "LOCAL: h1 -> h2 unaffected (flow 0x21 still at 3)" 3 "$(weft_flow_field sw "$DP" 0x21 n_packets)"

# Teardown -----------------------------------------------------------------------
check "dp del" in_ns sw weftctl dp del "$DP"
check_status "dp show of the deleted datapath fails (exit 1)" 1 in_ns sw weftctl dp show "$DP"
check_status "its local netdev is gone" 1 ipn sw link show dev "$DP"
check "the veths it used are released, not deleted" ipn sw link show dev s1

weft_done
