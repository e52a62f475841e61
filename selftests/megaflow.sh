#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The megaflow cache (kmod/megaflow.h): walks through four tables are
# replayed for every packet that agrees with a recorded one in the fields
# its lookups looked at, so a flood of distinct 5-tuples is served from a
# handful of entries; and every packet still goes where the flows say,
# including packets that differ only in a field a probed subtable holds
# (a flow that did not match still decides the mask), and right after a
# change.
#
#   h1 eth0 10.0.0.1 --- s1 [1]   sw: wdp0   [2] s2 --- eth0 h2
#      (and 10.0.0.9)                        [3] s3 --- eth0 h3
#
# The datagrams go to 10.0.0.3, which h1 resolves to h2's MAC; h3 has the
# same MAC behind another port.  Neither host has the address, so both
# drop the datagrams without an ICMP error that would cross the datapath
# too, and their rx counters say which way each datagram went.  The senders are
# pinned to one CPU, whose cache they fill and hit (the caches are per
# CPU).  Neighbours are permanent: no ARP on the wire.

HERE=$(dirname "$(readlink -f "$0")")
. "$HERE/lib.sh"
# shellcheck source=cache_lib.sh
. "$HERE/cache_lib.sh"

PARAM=/sys/module/weft/parameters/megaflow_entries

snap() {
	H2=$(rx h2)
	H3=$(rx h3)
	MH=$(dpstat megaflow_hits)
	MM=$(dpstat megaflow_misses)
	CH=$(dpstat cache_hits)
	weft_snap sw "$DP"
}

# send_to DST NDST PORT NPORT SRC...: a datagram to each of NDST addresses
# from DST on, to each of NPORT UDP ports from PORT on, from every SRC in
# turn, all from CPU 0; the whole REPEAT times (1).
REPEAT=1
# shellcheck disable=SC2317 # called through check
send_to() {
	in_ns h1 taskset -c 0 python3 -c '
import ipaddress, socket, sys
repeat = int(sys.argv[1])
dst, ndst = ipaddress.ip_address(sys.argv[2]), int(sys.argv[3])
port, nport = int(sys.argv[4]), int(sys.argv[5])
socks = []
for a in sys.argv[6:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a, 0))
    socks.append(s)
for r in range(repeat):
    for d in range(ndst):
        for p in range(port, port + nport):
            for s in socks:
                s.sendto(b"weft-megaflow", (str(dst + d), p))
' "$REPEAT" "$@"
}
# send PORT NPORT SRC...: to 10.0.0.3.
# shellcheck disable=SC2317 # called through check
send() { send_to 10.0.0.3 1 "$@"; }

# The W4 benchmark's shape: classify by port, by protocol, route, then
# rewrite and output.  Table 2's priority 200 flow never matches h1's
# main address, but its subtable is probed for every packet, so nw_src is
# in every walk's mask.
pipeline() {
	check "flow add --file: the four tables" in_ns sw weftctl flow add "$DP" --file - <<-EOF
		table=0,priority=100,in_port=1,ip,actions=write_metadata:0x1/0xff,goto_table:1
		table=0,priority=100,in_port=2,ip,actions=write_metadata:0x2/0xff,goto_table:1
		table=0,priority=0,actions=drop
		table=1,priority=100,metadata=0x1/0xff,udp,actions=set_field:7->reg0,write_metadata:0x100/0xff00,goto_table:2
		table=1,priority=90,metadata=0x1/0xff,tcp,actions=write_metadata:0x200/0xff00,goto_table:2
		table=1,priority=0,actions=goto_table:2
		cookie=0x29,table=2,priority=200,udp,nw_src=10.0.0.9,actions=output:3
		table=2,priority=100,ip,nw_dst=10.0.0.3,actions=write_metadata:0x10000/0xff0000,goto_table:3
		table=2,priority=100,ip,nw_dst=10.0.0.1,actions=write_metadata:0x10000/0xff0000,goto_table:3
		table=2,priority=0,actions=drop
		cookie=0x30,table=3,priority=100,reg0=7,metadata=0x10101/0xffffff,actions=output:2
		cookie=0x31,table=3,priority=90,metadata=0x10002/0xff00ff,actions=output:1
		table=3,priority=0,actions=drop
	EOF
}

weft_init

need weft_ns_add sw h1 h2 h3
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0
must weft_link sw s3 h3 eth0
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
need weft_wait_up h3 eth0
MAC2=$(weft_mac h2 eth0)
must ipn h1 addr add 10.0.0.9/24 dev eth0
must ipn h3 link set eth0 address "$MAC2"
must weft_neigh h1 eth0 10.0.0.3 "$MAC2"
check "megaflow_entries is a module parameter, 2048 by default" \
	test "$(cat "$PARAM" 2>/dev/null)" = 2048
weft_dp_ports sw "$DP" s1 s2 s3
pipeline

# A flood of distinct 5-tuples from two sources ----------------------------
# 2 x 1,000 datagrams, each to a port of its own: the exact cache cannot
# help, one megaflow per source serves them all.
snap
check "flood: 2 x 1000 datagrams, from 10.0.0.1 and 10.0.0.9" \
	send 20000 1000 10.0.0.1 10.0.0.9
weft_until 10 -ge 1000 rx_since "$H3" h3
check_eq "flood: h2 received the 1000 from 10.0.0.1" 1000 "$(rx_since "$H2" h2)"
check_eq "flood: h3 received the 1000 from 10.0.0.9" 1000 "$(rx_since "$H3" h3)"
hits=$(weft_delta "$MH" "$(dpstat megaflow_hits)")
check_gt "flood: the megaflow cache served them (megaflow_hits +$hits)" "$hits" 1990
misses=$(weft_delta "$MM" "$(dpstat megaflow_misses)")
check "flood: one megaflow per source (megaflow_misses +$misses, at most 2)" \
	test "$misses" -le 2
check_eq "flood: dp lookups +2000" 2000 "$(weft_dp_since sw "$DP" lookups)"
check_eq "flood: dp hits +2000" 2000 "$(weft_dp_since sw "$DP" hits)"
check_eq "flood: table 0 lookups = 2000" 2000 "$(tstat 0 lookups)"
check_eq "flood: table 3 lookups = 1000" 1000 "$(tstat 3 lookups)"
check_eq "flood: flow 0x29 (nw_src=10.0.0.9) n_packets = 1000" 1000 "$(npk 0x29)"
check_eq "flood: flow 0x30 n_packets = 1000" 1000 "$(npk 0x30)"

# A hot 5-tuple among a megaflow's ------------------------------------------------
# 200 datagrams of one new 5-tuple that the 10.0.0.1 megaflow covers: its
# replays also fill the exact cache (sampled, as it thrashed during the
# flood), which then serves the rest.
snap
REPEAT=200
check "hot: 200 datagrams of one new 5-tuple" send_to 10.0.0.3 1 30000 1 10.0.0.1
REPEAT=1
weft_until 10 -ge 200 rx_since "$H2" h2
check_eq "hot: h2 received the 200" 200 "$(rx_since "$H2" h2)"
hits=$(weft_delta "$CH" "$(dpstat cache_hits)")
mhits=$(weft_delta "$MH" "$(dpstat megaflow_hits)")
check_gt "hot: the exact cache took it over (cache_hits +$hits)" "$hits" 100
check_eq "hot: every walk replayed (cache_hits +$hits, megaflow_hits +$mhits)" \
	200 "$((hits + mhits))"

# A decoy on the destination port ---------------------------------------------
# Now every UDP walk probes tp_dst: one megaflow per port, and exactly one
# port goes to h3.  The second round is served from the cache.
check "decoy: add udp,tp_dst=20500 -> h3 in table 1" in_ns sw weftctl flow add "$DP" \
	"cookie=0x19,table=1,priority=300,udp,tp_dst=20500,actions=output:3"
for round in 1 2; do
	snap
	check "decoy round $round: 1000 datagrams to ports 20000-20999" \
		send 20000 1000 10.0.0.1
	weft_until 10 -ge 999 rx_since "$H2" h2
	check_eq "decoy round $round: h2 received 999" 999 "$(rx_since "$H2" h2)"
	check_eq "decoy round $round: h3 received port 20500's" 1 "$(rx_since "$H3" h3)"
	hits=$(weft_delta "$MH" "$(dpstat megaflow_hits)")
done
check_gt "decoy round 2: served from per-port megaflows (megaflow_hits +$hits)" "$hits" 600
check_eq "decoy: flow 0x19 n_packets = 2" 2 "$(npk 0x19)"

# A change takes effect on the very next packet ----------------------------------
check "mod: table 3's h2 flow now outputs to port 3" in_ns sw weftctl flow mod "$DP" \
	"table=3,priority=100,reg0=7,metadata=0x10101/0xffffff,actions=output:3" --strict
snap
check "mod: 500 datagrams" send 21000 500 10.0.0.1
weft_until 10 -ge 500 rx_since "$H3" h3
check_eq "mod: h3 received all 500" 500 "$(rx_since "$H3" h3)"
check_eq "mod: h2 received none: no stale megaflow" 0 "$(rx_since "$H2" h2)"
check "del: the decoy on 10.0.0.9" in_ns sw weftctl flow del "$DP" \
	"table=2,priority=200,udp,nw_src=10.0.0.9" --strict
snap
check "del: 500 datagrams from 10.0.0.9" send 21000 500 10.0.0.9
weft_until 10 -ge 500 rx_since "$H3" h3
check_eq "del: they follow table 3 to h3 now" 500 "$(rx_since "$H3" h3)"
check_eq "del: flow 0x30 counted them all, n_packets = 4198" 4198 "$(npk 0x30)"

# Destinations that no route covers ----------------------------------------------
# Table 2 routes single addresses (/32).  A miss there looks at the /16,
# else the /24, of the destination when no route shares it
# (kmod/flow_prefix.c), so one megaflow serves a whole uncovered /24.
check "prefix: table 2 routes 10.9.5.7 to h3, the rest of IP to h2" \
	in_ns sw weftctl flow add "$DP" --file - <<-EOF
	cookie=0x40,table=2,priority=100,ip,nw_dst=10.9.5.7,actions=output:3
	cookie=0x42,table=2,priority=1,ip,actions=output:2
EOF
must ipn h1 route add 10.9.0.0/16 via 10.0.0.3
snap
check "prefix: 400 datagrams to 10.9.1.0-10.9.2.143" send_to 10.9.1.0 400 9 1 10.0.0.1
weft_until 10 -ge 400 rx_since "$H2" h2
check_eq "prefix: h2 received the 400" 400 "$(rx_since "$H2" h2)"
hits=$(weft_delta "$MH" "$(dpstat megaflow_hits)")
misses=$(weft_delta "$MM" "$(dpstat megaflow_misses)")
check_gt "prefix: one megaflow per /24 served them (megaflow_hits +$hits)" "$hits" 395
check "prefix: megaflow_misses +$misses, at most 2" test "$misses" -le 2
snap
check "prefix: twice 16 datagrams to 10.9.5.0-15, a routed /24" \
	send_to 10.9.5.0 16 9 2 10.0.0.1
weft_until 10 -ge 30 rx_since "$H2" h2
check_eq "prefix: h3 received 10.9.5.7's 2" 2 "$(rx_since "$H3" h3)"
check_eq "prefix: h2 received the other 30" 30 "$(rx_since "$H2" h2)"
# A route added inside a /24 that a megaflow covered: the megaflows that
# follow must see it, not only the lookups.
check "prefix: add a route to 10.9.1.77" in_ns sw weftctl flow add "$DP" \
	"cookie=0x41,table=2,priority=100,ip,nw_dst=10.9.1.77,actions=output:3"
snap
check "prefix: 100 datagrams to 10.9.1.0-99" send_to 10.9.1.0 100 9 1 10.0.0.1
weft_until 10 -ge 99 rx_since "$H2" h2
check_eq "prefix: h3 received 10.9.1.77's" 1 "$(rx_since "$H3" h3)"
check_eq "prefix: h2 received the other 99" 99 "$(rx_since "$H2" h2)"
check_eq "prefix: flow 0x41 n_packets = 1" 1 "$(npk 0x41)"
check_gt "prefix: the objects count the route prefixes" \
	"$(weft_objects prefixes)" 0

# No cache ---------------------------------------------------------------------------
check "dp del" in_ns sw weftctl dp del "$DP"
check "megaflow_entries=0 for new datapaths" sh -c "echo 0 >$PARAM"
weft_dp_ports sw "$DP" s1 s2 s3
pipeline
check "megaflow_entries back to 2048" sh -c "echo 2048 >$PARAM"
snap
check "no cache: 2 x 300 datagrams" send 20000 300 10.0.0.1 10.0.0.9
weft_until 10 -ge 300 rx_since "$H3" h3
check_eq "no cache: h2 received 300" 300 "$(rx_since "$H2" h2)"
check_eq "no cache: h3 received 300" 300 "$(rx_since "$H3" h3)"
check_eq "no cache: megaflow_hits stays 0" 0 "$(dpstat megaflow_hits)"
check_eq "no cache: megaflow_misses stays 0" 0 "$(dpstat megaflow_misses)"

check "dp del" in_ns sw weftctl dp del "$DP"
weft_done
