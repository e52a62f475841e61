#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The exact-match cache in front of the pipeline (kmod/emc.h): a hot flow
# through a table of many masks and a second table is served from the
# cache, and every change to flows or tables takes effect on the very next
# packet, with every counter exact.
#
#   h1 eth0 10.0.0.1 --- s1 [1]   sw: wdp0   [2] s2 --- eth0 h2 10.0.0.2
#                                            [3] s3 --- eth0 h3 10.0.0.2
#
# h3 is a stand-in for h2 (same MAC, same address) behind another port, so
# a flow may send the pings either way and they are still answered; the
# hosts' own rx counters then say which way each request went.  Table 0
# has five higher priority decoys, each with a mask of its own, so that a
# lookup probes six subtables (enough for the cache to be used); table 1
# forwards by in_port.  Neighbours are permanent: no ARP on the wire.

HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
# shellcheck source=cache_lib.sh
. "$HERE/cache_lib.sh"

N=10
PARAM=/sys/module/weft/parameters/emc_entries

fadd() { check "flow add: $1" in_ns sw weftctl flow add "$DP" "$1"; }

# snap: the counters the sections compare against.
snap() {
	H2=$(rx h2)
	H3=$(rx h3)
	CH=$(dpstat cache_hits)
	CM=$(dpstat cache_misses)
	weft_snap sw "$DP"
}

# pipeline: table 0 classifies behind the decoys, table 1 forwards (one
# weftctl run: under emulation each costs a while).
pipeline() {
	check "flow add --file: the two tables" in_ns sw weftctl flow add "$DP" --file - <<-EOF
		table=0,priority=500,ip,nw_dst=10.9.0.0/16,actions=drop
		table=0,priority=490,ip,nw_dst=10.8.0.0/15,actions=drop
		table=0,priority=480,ip,nw_src=10.7.0.0/16,actions=drop
		table=0,priority=470,icmp,nw_dst=10.6.0.0/24,actions=drop
		table=0,priority=460,udp,tp_dst=53,actions=drop
		cookie=0x10,table=0,priority=100,ip,nw_dst=10.0.0.2,actions=goto_table:1
		cookie=0x11,table=0,priority=100,ip,nw_dst=10.0.0.1,actions=goto_table:1
		cookie=0x20,table=1,priority=10,in_port=1,actions=output:2
		cookie=0x21,table=1,priority=10,in_port=2,actions=output:1
		cookie=0x22,table=1,priority=10,in_port=3,actions=output:1
	EOF
}

weft_init

need weft_ns_add sw h1 h2 h3
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
must weft_link sw s3 h3 eth0
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
need weft_wait_up h3 eth0
MAC1=$(weft_mac h1 eth0)
MAC2=$(weft_mac h2 eth0)
must ipn h3 link set eth0 address "$MAC2"
must ipn h3 addr add 10.0.0.2/24 dev eth0
must weft_neigh h1 eth0 10.0.0.2 "$MAC2"
must weft_neigh h2 eth0 10.0.0.1 "$MAC1"
must weft_neigh h3 eth0 10.0.0.1 "$MAC1"
check "emc_entries is a module parameter, 1024 by default" \
	test "$(cat "$PARAM" 2>/dev/null)" = 1024
weft_dp_ports sw "$DP" s1 s2 s3
pipeline

# A hot flow -----------------------------------------------------------------
snap
check_ping "hot: $N pings h1 -> h2 through 2 tables" h1 10.0.0.2 "$N"
check_eq "hot: h2 received the $N requests" "$N" "$(weft_delta "$H2" "$(rx h2)")"
check_eq "hot: h3 received none" 0 "$(weft_delta "$H3" "$(rx h3)")"
# At most one walk per direction and CPU is looked up before it is cached.
hits=$(weft_delta "$CH" "$(dpstat cache_hits)")
check_gt "hot: the cache served the walks (cache_hits +$hits)" "$hits" "$((2 * N - 8))"
check_eq "hot: dp lookups +$((2 * N))" "$((2 * N))" "$(weft_dp_since sw "$DP" lookups)"
check_eq "hot: dp hits +$((2 * N))" "$((2 * N))" "$(weft_dp_since sw "$DP" hits)"
for c in 0x10 0x11 0x20 0x21; do
	check_eq "hot: flow $c n_packets = $N" "$N" "$(npk $c)"
done
check_eq "hot: flow 0x22 n_packets = 0" 0 "$(npk 0x22)"
for t in 0 1; do
	check_eq "hot: table $t lookups = $((2 * N))" "$((2 * N))" "$(tstat $t lookups)"
	check_eq "hot: table $t matches = $((2 * N))" "$((2 * N))" "$(tstat $t matches)"
done

# Idle timeouts see packets served from the cache ------------------------------
# 20 pings 0.2 s apart outlast the 3 s idle timeout only if every packet
# refreshes the flow's "used" time.
fadd "cookie=0x40,table=1,priority=20,idle_timeout=3,in_port=1,actions=output:2"
check_ping "idle: 20 pings through a flow with idle_timeout=3" h1 10.0.0.2 20
check_eq "idle: the flow is still there, n_packets = 20" 20 "$(npk 0x40)"
# Gone either way: deleted now, or expired already (weftctl is slow to
# start under emulation); only the absence counts.
in_ns_q sw weftctl flow del "$DP" "table=1,priority=20,in_port=1" --strict \
	>/dev/null 2>&1
check_eq "idle: the flow is gone, the pipeline's 10 remain" 10 "$(weft_flow_count sw "$DP")"

# Modify the hot flow ----------------------------------------------------------
check "mod: table 1 in_port=1 now outputs to port 3" \
	in_ns sw weftctl flow mod "$DP" "table=1,priority=10,in_port=1,actions=output:3" --strict
snap
check_ping "mod: $N pings are answered (by h3)" h1 10.0.0.2 "$N"
check_eq "mod: h3 received all $N requests" "$N" "$(weft_delta "$H3" "$(rx h3)")"
check_eq "mod: h2 received none: no stale walk" 0 "$(weft_delta "$H2" "$(rx h2)")"
check_eq "mod: flow 0x22 (in_port=3) n_packets = $N" "$N" "$(npk 0x22)"
check_eq "mod: flow 0x20 kept its counters, n_packets = 2 x $N" "$((2 * N))" "$(npk 0x20)"
check "mod: back to port 2" \
	in_ns sw weftctl flow mod "$DP" "table=1,priority=10,in_port=1,actions=output:2" --strict

# A better flow in a new subtable, then deleted --------------------------------
fadd "cookie=0x30,table=0,priority=200,icmp,nw_src=10.0.0.1,nw_dst=10.0.0.2,actions=output:3"
snap
check_ping "add: $N pings go to the new flow" h1 10.0.0.2 "$N"
check_eq "add: h3 received all $N requests" "$N" "$(weft_delta "$H3" "$(rx h3)")"
check_eq "add: h2 received none" 0 "$(weft_delta "$H2" "$(rx h2)")"
check_eq "add: flow 0x30 n_packets = $N" "$N" "$(npk 0x30)"
check_eq "add: flow 0x10 n_packets unchanged" "$((2 * N + 20))" "$(npk 0x10)"
check "del: the new flow" in_ns sw weftctl flow del "$DP" \
	"table=0,priority=200,icmp,nw_src=10.0.0.1,nw_dst=10.0.0.2" --strict
snap
check_ping "del: $N pings" h1 10.0.0.2 "$N"
check_eq "del: h2 received all $N requests: the deleted flow is not used" \
	"$N" "$(weft_delta "$H2" "$(rx h2)")"
check_eq "del: h3 received none" 0 "$(weft_delta "$H3" "$(rx h3)")"
check_eq "del: flow 0x10 n_packets = 3 x $N + 20" "$((3 * N + 20))" "$(npk 0x10)"
hits=$(weft_delta "$CH" "$(dpstat cache_hits)")
check_gt "del: the cache served the walks again (cache_hits +$hits)" "$hits" "$((2 * N - 8))"

# Table miss ---------------------------------------------------------------------
# Without 0x10/0x11 the pings miss table 0 (behind the decoys) and go on.
for a in 10.0.0.2 10.0.0.1; do
	check "miss: del table 0's flow to $a" in_ns sw weftctl flow del "$DP" \
		"table=0,priority=100,ip,nw_dst=$a" --strict
done
check "miss: table 0 miss=continue" in_ns sw weftctl table set "$DP" 0 miss=continue
snap
check_ping "miss: $N pings through table 0's miss" h1 10.0.0.2 "$N"
check_eq "miss: dp misses +$((2 * N))" "$((2 * N))" "$(weft_dp_since sw "$DP" misses)"
hits=$(weft_delta "$CH" "$(dpstat cache_hits)")
check_gt "miss: walks through a miss are cached too (cache_hits +$hits)" "$hits" "$((2 * N - 8))"
check "miss: table 0 miss=drop" in_ns sw weftctl table set "$DP" 0 miss=drop
snap
check_no_ping "miss=drop: the cached walks are gone, pings fail" h1 10.0.0.2 3
check_eq "miss=drop: h2 received none" 0 "$(weft_delta "$H2" "$(rx h2)")"
check "miss: table 0 miss=continue again" in_ns sw weftctl table set "$DP" 0 miss=continue
check_ping "miss=continue: pings work again" h1 10.0.0.2 3

# Changes under a flood ------------------------------------------------------------
# Each request reaches exactly one of h2 and h3, whatever the flow said
# when it passed; both answer.
fadd "cookie=0x10,table=0,priority=100,ip,nw_dst=10.0.0.2,actions=goto_table:1"
fadd "cookie=0x11,table=0,priority=100,ip,nw_dst=10.0.0.1,actions=goto_table:1"
snap
churn() {
	local _

	for _ in $(seq 5); do
		in_ns_q sw weftctl flow mod "$DP" \
			"table=1,priority=10,in_port=1,actions=output:3" --strict || return 1
		in_ns_q sw weftctl flow add "$DP" \
			"cookie=0x31,table=0,priority=300,icmp,nw_dst=10.0.0.2,actions=goto_table:1" || return 1
		in_ns_q sw weftctl flow mod "$DP" \
			"table=1,priority=10,in_port=1,actions=output:2" --strict || return 1
		in_ns_q sw weftctl flow del "$DP" \
			"table=0,priority=300,icmp,nw_dst=10.0.0.2" --strict || return 1
	done
	echo churn-done
}
churn >"$WEFT_TMP/churn.log" 2>&1 &
CHURN=$!
out=$(in_ns_q h1 ping -f -c 500 -W 2 -q 10.0.0.2 2>&1)
wait "$CHURN"
sent=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1/p' <<<"$out")
rcvd=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\2/p' <<<"$out")
weft_diag "ping -f during the churn: $sent sent, $rcvd received"
check_eq "churn: the 20 changes all succeeded" 1 "$(grep -c churn-done "$WEFT_TMP/churn.log")"
check_eq "churn: ping -f lost nothing" "$sent" "$rcvd"
check_eq "churn: every request reached h2 or h3, once" "$sent" \
	"$(( $(weft_delta "$H2" "$(rx h2)") + $(weft_delta "$H3" "$(rx h3)") ))"
snap
check_ping "churn: after it, $N pings go where the last change says" h1 10.0.0.2 "$N"
check_eq "churn: h2 received all $N" "$N" "$(weft_delta "$H2" "$(rx h2)")"
check_eq "churn: h3 received none" 0 "$(weft_delta "$H3" "$(rx h3)")"

# A flood of distinct keys ------------------------------------------------------------
# 3,000 datagrams to as many UDP ports: far more keys than entries, so the
# cache thrashes and fills only a sample of its misses (kmod/emc.h).  Every
# datagram still goes exactly where the flows say, and a hot flow after
# the flood is served from the cache again.
snap
P20=$(npk 0x20)
check "flood: 3000 datagrams to distinct UDP ports" in_ns h1 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for p in range(20000, 23000):
    s.sendto(b"weft-emc", ("10.0.0.2", p))
'
weft_until 10 -ge 3000 rx_since "$H2" h2
check_eq "flood: h2 received all 3000" 3000 "$(weft_delta "$H2" "$(rx h2)")"
check_eq "flood: h3 received none" 0 "$(weft_delta "$H3" "$(rx h3)")"
check_eq "flood: flow 0x20 counted the 3000" 3000 "$(weft_delta "$P20" "$(npk 0x20)")"
snap
check_ping "flood: then 40 pings" h1 10.0.0.2 40
hits=$(weft_delta "$CH" "$(dpstat cache_hits)")
check_gt "flood: the hot flow got back into the cache (cache_hits +$hits)" "$hits" 0

# Cheap walks are not cached ---------------------------------------------------------
check "cheap: flow flush" in_ns sw weftctl flow flush "$DP"
fadd "table=0,priority=10,in_port=1,actions=output:2"
fadd "table=0,priority=10,in_port=2,actions=output:1"
snap
check_ping "cheap: $N pings through one in_port table" h1 10.0.0.2 "$N"
check_eq "cheap: one subtable: the cache is not even probed (hits +0)" 0 \
	"$(weft_delta "$CH" "$(dpstat cache_hits)")"
check_eq "cheap: (misses +0)" 0 "$(weft_delta "$CM" "$(dpstat cache_misses)")"

# No cache ---------------------------------------------------------------------------
check "dp del" in_ns sw weftctl dp del "$DP"
check "emc_entries=0 for new datapaths" sh -c "echo 0 >$PARAM"
weft_dp_ports sw "$DP" s1 s2 s3
pipeline
check "emc_entries back to 1024" sh -c "echo 1024 >$PARAM"
snap
check_ping "no cache: $N pings through 2 tables" h1 10.0.0.2 "$N"
check_eq "no cache: cache_hits stays 0" 0 "$(dpstat cache_hits)"
check_eq "no cache: cache_misses stays 0" 0 "$(dpstat cache_misses)"
check_eq "no cache: flow 0x10 n_packets = $N" "$N" "$(npk 0x10)"
check_eq "no cache: table 0 lookups = $((2 * N))" "$((2 * N))" "$(tstat 0 lookups)"

check "dp del" in_ns sw weftctl dp del "$DP"
weft_done
