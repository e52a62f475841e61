#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port configuration (WEFT_CMD_PORT_SET, `weftctl port set`): no_recv,
# no_fwd, no_flood and no_packet_in act on real traffic, in the counters
# they name, in trace, and as monitor events; bad requests are refused
# with the value quoted and change nothing.
#
#   h1 eth0 10.0.0.1 --- s1 [1]   sw: wdp0   [2] s2 --- eth0 h2 10.0.0.2
#                                            [3] s3 --- eth0 h3 10.0.0.3
#
# h1's packets are flooded; h2 and h3 answer through port 1.  Which host
# got a request is read from its own rx counter.  Neighbours are
# permanent: no ARP on the wire.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
N=5

rx() { weft_rx_packets "$1" eth0; }
pcfg() { weft_port_field sw "$DP" "$1" config; }
pstat() { weft_port_field sw "$DP" "$1" "stats.$2"; }
dpstat() { weft_dp_field sw "$DP" "stats.$1"; }
pset() { check "port set $*" in_ns sw weftctl port set "$DP" "$@"; }
# The ports a synthetic ICMP packet from h1 would go out of.
trace_out() {
	in_ns_q sw weftctl -j trace "$DP" \
		"in_port=1,icmp,dl_src=$MAC1,dl_dst=$MAC2,nw_src=10.0.0.1,nw_dst=10.0.0.2" |
		weft_json list outputs | tr -d '[]" '
}

weft_init

need weft_ns_add sw h1 h2 h3
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
must weft_link sw s3 h3 eth0 10.0.0.3/24
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
need weft_wait_up h3 eth0
MAC1=$(weft_mac h1 eth0)
MAC2=$(weft_mac h2 eth0)
MAC3=$(weft_mac h3 eth0)
must weft_neigh h1 eth0 10.0.0.2 "$MAC2"
must weft_neigh h1 eth0 10.0.0.3 "$MAC3"
must weft_neigh h2 eth0 10.0.0.1 "$MAC1"
must weft_neigh h3 eth0 10.0.0.1 "$MAC1"

check "dp add" in_ns sw weftctl dp add "$DP"
for i in 1 2 3; do
	check "port add s$i as port $i" in_ns sw weftctl port add "$DP" "s$i" port_no "$i"
done
check "flows: FLOOD from port 1, the answers back to it" \
	in_ns sw weftctl flow add "$DP" --file - <<-EOF
	cookie=0x1,priority=10,in_port=1,actions=FLOOD
	cookie=0x2,priority=10,in_port=2,actions=output:1
	cookie=0x3,priority=10,in_port=3,actions=output:1
EOF
check_eq "a new port's config is empty" '[]' "$(pcfg s3)"

weft_bg sw monitor weftctl monitor "$DP"
MON=$WEFT_BG_PID
sleep 1

# FLOOD and no_flood -------------------------------------------------------
H2=$(rx h2)
H3=$(rx h3)
check_ping "flood: $N pings h1 -> h2" h1 10.0.0.2 "$N"
check_eq "flood: h3 received the $N requests too" "$N" "$(weft_delta "$H3" "$(rx h3)")"
check_eq "trace: FLOOD goes out of ports 2, 3 and LOCAL" "2,3,LOCAL" "$(trace_out)"
pset s3 no-flood
check_eq "port show: s3 config no_flood" '["no_flood"]' "$(pcfg s3)"
out=$(in_ns_q sw weftctl port show "$DP" s3)
check "port show (text) prints the config" grep -q 'config no_flood$' <<<"$out"
H2=$(rx h2)
H3=$(rx h3)
check_ping "no_flood: $N pings h1 -> h2" h1 10.0.0.2 "$N"
check_eq "no_flood: h2 received the $N requests" "$N" "$(weft_delta "$H2" "$(rx h2)")"
check_eq "no_flood: h3 received none" 0 "$(weft_delta "$H3" "$(rx h3)")"
check_eq "trace: FLOOD leaves port 3 out" "2,LOCAL" "$(trace_out)"
check "flow mod: ALL instead of FLOOD" \
	in_ns sw weftctl flow mod "$DP" "priority=10,in_port=1,actions=ALL" --strict
H3=$(rx h3)
check_ping "ALL: $N pings h1 -> h2" h1 10.0.0.2 "$N"
check_eq "ALL ignores no_flood: h3 received the $N requests" "$N" "$(weft_delta "$H3" "$(rx h3)")"
check "flow mod: back to FLOOD" \
	in_ns sw weftctl flow mod "$DP" "priority=10,in_port=1,actions=FLOOD" --strict
pset s3 flood

# no_fwd --------------------------------------------------------------------
pset s2 no-forward
TX2=$(pstat s2 tx_dropped)
H2=$(rx h2)
H3=$(rx h3)
check_no_ping "no_fwd on s2: h1 -> h2 gets no answer" h1 10.0.0.2 "$N"
check_eq "no_fwd: h2 received nothing" 0 "$(weft_delta "$H2" "$(rx h2)")"
check_eq "no_fwd: s2 tx_dropped +$N" "$N" "$(weft_delta "$TX2" "$(pstat s2 tx_dropped)")"
check_eq "no_fwd: the flood still reached h3" "$N" "$(weft_delta "$H3" "$(rx h3)")"
check_eq "trace: no output to a no_fwd port" "3,LOCAL" "$(trace_out)"
pset s2 forward
check_ping "forward again: $N pings h1 -> h2" h1 10.0.0.2 "$N"

# no_recv -------------------------------------------------------------------
pset s2 no-receive
RX2=$(pstat s2 rx_dropped)
weft_snap sw "$DP"
H2=$(rx h2)
check_no_ping "no_recv on s2: h2's answers are dropped" h1 10.0.0.2 "$N"
check_eq "no_recv: h2 got the $N requests" "$N" "$(weft_delta "$H2" "$(rx h2)")"
check_eq "no_recv: s2 rx_dropped +$N" "$N" "$(weft_delta "$RX2" "$(pstat s2 rx_dropped)")"
check_eq "no_recv: only h1's $N packets entered the pipeline" "$N" "$(weft_dp_since sw "$DP" lookups)"
pset s2 receive
check_ping "receive again: $N pings h1 -> h2" h1 10.0.0.2 "$N"

# no_packet_in --------------------------------------------------------------
# The monitor is the listener: packet-ins from a no_packet_in port are not
# sent to it and count as UPCALL_DROP_PORT; forwarding goes on either way.
check "flow: ICMP from port 1 to the controller as well" \
	in_ns sw weftctl flow add "$DP" "cookie=0x4,priority=20,icmp,in_port=1,actions=controller:128,FLOOD"
pset s1 no-packet-in
DP0=$(dpstat upcall_drop_port)
UP0=$(dpstat upcalls)
PI0=$(grep -c '^packet_in' "$WEFT_TMP/monitor.log")
check_ping "no_packet_in on s1: $N pings h1 -> h2" h1 10.0.0.2 "$N"
check_eq "no_packet_in: upcall_drop_port +$N" "$N" "$(weft_delta "$DP0" "$(dpstat upcall_drop_port)")"
check_eq "no_packet_in: upcalls +0" 0 "$(weft_delta "$UP0" "$(dpstat upcalls)")"
check_eq "no_packet_in: the monitor got no packet-in" "$PI0" "$(grep -c '^packet_in' "$WEFT_TMP/monitor.log")"
check_eq "trace: no controller output for a no_packet_in port" "2,3,LOCAL" "$(trace_out)"
pset s1 packet-in
DP0=$(dpstat upcall_drop_port)
UP0=$(dpstat upcalls)
check_ping "packet-in again: $N pings h1 -> h2" h1 10.0.0.2 "$N"
check_eq "packet-in: upcall_drop_port +0" 0 "$(weft_delta "$DP0" "$(dpstat upcall_drop_port)")"
check_eq "packet-in: upcalls +$N" "$N" "$(weft_delta "$UP0" "$(dpstat upcalls)")"
weft_until 5 -ge $((PI0 + N)) grep -c '^packet_in' "$WEFT_TMP/monitor.log"
check_eq "packet-in: the monitor got $N packet-ins" $((PI0 + N)) "$(grep -c '^packet_in' "$WEFT_TMP/monitor.log")"
check_eq "trace: the controller again" "CONTROLLER,2,3,LOCAL" "$(trace_out)"

# Several words at once; by name or number ------------------------------------
pset 3 no-receive no-forward no-flood no-packet-in
check_eq "port 3: four bits" '["no_recv", "no_flood", "no_fwd", "no_packet_in"]' "$(pcfg s3)"
pset s3 receive no-forward forward packet-in
check_eq "port 3: the last word for a bit wins" '["no_flood"]' "$(pcfg s3)"
pset LOCAL no-flood
check_eq "the local port takes a config too" '["no_flood"]' "$(weft_port_field sw "$DP" "$DP" config)"

# Bad input -----------------------------------------------------------------
out=$(in_ns_q sw weftctl port set "$DP" s3 down 2>&1)
check_eq "port set s3 down: usage error (exit 2)" 2 "$?"
check "... pointing at ip link" grep -qF '"down" is the netdev' <<<"$out"
out=$(in_ns_q sw weftctl port set "$DP" s3 bogus 2>&1)
check_eq "port set s3 bogus: usage error (exit 2)" 2 "$?"
check "... quoting the word" grep -qF 'unknown port setting "bogus"' <<<"$out"
check_err "port set on a missing port: the kernel names WEFT_PORT_A_NO" 'WEFT_PORT_A_NO' \
	in_ns_q sw weftctl port set "$DP" 99 no-flood
check_status "port set without a setting: usage" 2 in_ns_q sw weftctl port set "$DP" s3
check_eq "... none of it changed port 3" '["no_flood"]' "$(pcfg s3)"

# Events --------------------------------------------------------------------
weft_wait 5 grep -q 'port set.*(s3).*no_flood' "$WEFT_TMP/monitor.log"
weft_kill "$MON"
sed 's/^/#   monitor: /' "$WEFT_TMP/monitor.log" | grep 'port set' | head -n 20
check_eq "monitor: a port set event per change, none for the rest" 11 \
	"$(grep -c '^port set ' "$WEFT_TMP/monitor.log")"
check_eq "monitor: s3's four bits in one event" 1 \
	"$(grep -c 'port set .*(s3).*config no_recv,no_flood,no_fwd,no_packet_in' "$WEFT_TMP/monitor.log")"

check "dp del" in_ns sw weftctl dp del "$DP"
weft_done
