#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 100,000 flows in one table: installed from a file in one go, counted by
# the kernel, found by trace and by real traffic among them, deleted by a
# loose match (a /16: 65,536 of them) and then all, with the module's
# object counters back where they started; and a datapath deleted with
# 20,000 flows still in it.
#
#   h1 (10.0.0.1) --- s1 [sw: wdp0] s2 --- h2 (10.0.0.2)
#
# Flow i (0 <= i < 100,000) sends IPv4 to 10.(1 + i / 65536).(i / 256 %
# 256).(i % 256) out of port 2; two flows of higher priority carry h1's and
# h2's own addresses.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
N=100000

# trace_out ADDR: the ports an IPv4 packet from port 1 to ADDR would leave by.
trace_out() {
	in_ns_q sw weftctl -j trace "$DP" "in_port=1,ip,nw_src=10.0.0.1,nw_dst=$1" |
		weft_json list outputs | tr -d '[]" '
}

# flows_settle N: wait (bounded) for the live flow count to reach N: a
# deleted flow is freed after an RCU grace period, not at once.
flows_settle() { weft_until 30 = "$1" weft_objects flows; }

weft_init
base=$(weft_objects flows)
need weft_ns_add sw h1 h2
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
weft_dp_ports sw "$DP" s1 s2
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
must weft_neigh h1 eth0 10.0.0.2 "$(weft_mac h2 eth0)"
must weft_neigh h2 eth0 10.0.0.1 "$(weft_mac h1 eth0)"

awk -v n="$N" 'BEGIN {
	print "# the hosts, above the crowd"
	print "priority=200,ip,in_port=1,nw_dst=10.0.0.2,actions=output:2"
	print "priority=200,ip,in_port=2,nw_dst=10.0.0.1,actions=output:1"
	for (i = 0; i < n; i++)
		printf "priority=100,ip,nw_dst=10.%d.%d.%d,actions=output:2\n",
			1 + int(i / 65536), int(i / 256) % 256, i % 256
}' >"$WEFT_TMP/flows"
out=$(in_ns sw weftctl flow add "$DP" --file "$WEFT_TMP/flows" --timing 2>&1)
check_eq "flow add --file: $N exact IPv4 flows and 2 for the hosts" 0 $?
printf '%s\n' "$out" | sed 's/^/# /'
check_eq "flow add --timing: how long the parse and the requests took" 1 \
	"$(grep -cE "^weftctl: $WEFT_TMP/flows: $((N + 2)) flows read and parsed in [0-9]+\.[0-9]{3} s, sent and acknowledged in [0-9]+\.[0-9]{3} s\$" <<<"$out")"
check_eq "objects: $((N + 2)) more flows" "$((base + N + 2))" "$(weft_objects flows)"
check_eq "dp show: n_flows $((N + 2))" "$((N + 2))" "$(weft_dp_field sw "$DP" n_flows)"
check_eq "table show: table 0 holds them all" "$((N + 2))" \
	"$(weft_q sw get table_id=0 n_flows -- table show "$DP" 0)"
check_eq "trace: the first flow (10.1.0.0) goes to port 2" 2 "$(trace_out 10.1.0.0)"
check_eq "trace: the last flow (10.2.134.159) goes to port 2" 2 "$(trace_out 10.2.134.159)"
check_eq "trace: one past the last (10.2.134.160) has no flow" "" "$(trace_out 10.2.134.160)"
weft_snap sw "$DP"
check_ping "h1 pings h2 among $N flows" h1 10.0.0.2 5
check_eq "the 5 requests and 5 replies hit flows" 10 "$(weft_dp_since sw "$DP" hits)"

# A loose delete of 10.1.0.0/16: flows 0 to 65,535.
check "flow del ip,nw_dst=10.1.0.0/16" in_ns sw weftctl flow del "$DP" "ip,nw_dst=10.1.0.0/16"
left=$((N - 65536 + 2))
flows_settle "$((base + left))"
check_eq "objects: $left flows left" "$((base + left))" "$(weft_objects flows)"
check_eq "dp show: n_flows $left" "$left" "$(weft_dp_field sw "$DP" n_flows)"
check_eq "trace: 10.1.255.255 lost its flow" "" "$(trace_out 10.1.255.255)"
check_eq "trace: 10.2.0.0 kept its flow" 2 "$(trace_out 10.2.0.0)"
check_ping "h1 still pings h2" h1 10.0.0.2 3

check "flow del: every flow" in_ns sw weftctl flow del "$DP"
flows_settle "$base"
check_eq "objects: the flows are all gone" "$base" "$(weft_objects flows)"
check_eq "dp show: n_flows 0" 0 "$(weft_dp_field sw "$DP" n_flows)"
check_no_ping "no flow: h1 cannot ping h2" h1 10.0.0.2 3

# A file the kernel refuses at line 9,000 (no group 77), in the second of
# the two parts weftctl parses it in: the error names that line.
awk 'BEGIN {
	for (i = 1; i <= 10000; i++)
		if (i == 9000)
			print "priority=100,ip,nw_dst=10.3.0.0,actions=group:77"
		else
			printf "priority=100,ip,nw_dst=10.3.%d.%d,actions=output:2\n",
				int(i / 256), i % 256
}' >"$WEFT_TMP/bad"
check_err "flow add --file: the kernel's refusal names line 9000" \
	"bad:9000: flow add \"$DP\" \"priority=100,ip,nw_dst=10.3.0.0,actions=group:77\"" \
	in_ns_q sw weftctl flow add "$DP" --file "$WEFT_TMP/bad"
check_gt "the 8,999 flows before it were added" \
	"$(weft_dp_field sw "$DP" n_flows)" 8998
check "flow del: every flow again" in_ns sw weftctl flow del "$DP"

# weftctl sends the two parts of a big file at once, on two sockets, only
# when their order cannot matter.  These files have 10,000 flows, so the
# parts are flows 1-5,000 and 5,001-10,000; sent at once, flow 5,001 would
# reach the kernel long before flow 5,000.
# pair_file A B: 10,000 flows into 10.5.x.y, flows 5,000 and 5,001 replaced.
pair_file() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		for (i = 1; i <= 10000; i++)
			if (i == 5000)
				print a
			else if (i == 5001)
				print b
			else
				printf "priority=100,ip,nw_dst=10.5.%d.%d,actions=output:2\n",
					int(i / 256), i % 256
	}'
}
pair_file "priority=100,ip,nw_dst=10.6.0.1,actions=drop" \
	"priority=100,ip,nw_dst=10.6.0.1,actions=output:2" >"$WEFT_TMP/twice"
check "flow add --file: the same flow as flows 5,000 and 5,001" \
	in_ns sw weftctl flow add "$DP" --file "$WEFT_TMP/twice"
check_eq "the later one won: 10.6.0.1 goes to port 2" 2 "$(trace_out 10.6.0.1)"
check_eq "dp show: n_flows 9,999" 9999 "$(weft_dp_field sw "$DP" n_flows)"
check "flow del: every flow" in_ns sw weftctl flow del "$DP"

pair_file "priority=100,check_overlap,ip,nw_dst=10.6.0.0/16,actions=output:2" \
	"priority=100,check_overlap,ip,nw_dst=10.6.0.1,actions=output:1" \
	>"$WEFT_TMP/overlap"
check_err "flow add --file: CHECK_OVERLAP refuses the later of two, flow 5,001" \
	"overlap:5001: flow add \"$DP\" \"priority=100,check_overlap,ip,nw_dst=10.6.0.1,actions=output:1\"" \
	in_ns_q sw weftctl flow add "$DP" --file "$WEFT_TMP/overlap"
check_eq "the earlier one stands: 10.6.0.1 goes to port 2" 2 "$(trace_out 10.6.0.1)"
check "flow del: every flow" in_ns sw weftctl flow del "$DP"

# Flows that commute go at once; a refusal in the first part still names
# its line, and every flow before it was added.
pair_file "priority=100,ip,nw_dst=10.6.0.1,actions=group:77" \
	"priority=100,ip,nw_dst=10.6.0.2,actions=output:1" >"$WEFT_TMP/first"
check_err "flow add --file: a refusal in the first part names line 5000" \
	"first:5000: flow add \"$DP\" \"priority=100,ip,nw_dst=10.6.0.1,actions=group:77\"" \
	in_ns_q sw weftctl flow add "$DP" --file "$WEFT_TMP/first"
check_eq "trace: flow 4,999 (10.5.19.135) was added" 2 "$(trace_out 10.5.19.135)"
check "flow del: every flow" in_ns sw weftctl flow del "$DP"

# The family runs requests in parallel: while 20,000 flows go in (on two
# sockets), a loose delete takes out 20,000 others, and dumps, a trace and
# datapath reads run beside them.  Nothing may be lost or left over.
# range_file B: 20,000 flows into 10.B.x.y.
range_file() {
	awk -v b="$1" 'BEGIN {
		for (i = 0; i < 20000; i++)
			printf "priority=100,ip,nw_dst=10.%d.%d.%d,actions=output:2\n",
				b, int(i / 256), i % 256
	}'
}
range_file 7 >"$WEFT_TMP/old"
range_file 8 >"$WEFT_TMP/new"
check "flow add --file: 20,000 flows into 10.7.0.0/16" \
	in_ns sw weftctl flow add "$DP" --file "$WEFT_TMP/old"
base_busy=$(weft_objects flows)
pids=()
in_ns_q sw weftctl flow add "$DP" --file "$WEFT_TMP/new" &
pids+=($!)
in_ns_q sw weftctl flow del "$DP" "ip,nw_dst=10.7.0.0/16" &
pids+=($!)
for _ in 1 2 3; do
	in_ns_q sw weftctl flow dump "$DP" >/dev/null &
	pids+=($!)
	in_ns_q sw weftctl dp show "$DP" >/dev/null &
	pids+=($!)
	in_ns_q sw weftctl trace "$DP" "in_port=1,ip,nw_src=10.0.0.1,nw_dst=10.8.0.1" >/dev/null &
	pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
	wait "$pid" || failed=$((failed + 1))
done
check_eq "add, delete, dumps, traces and reads at once: none failed" 0 "$failed"
check_eq "dp show: the 20,000 new flows, none of the old" 20000 \
	"$(weft_dp_field sw "$DP" n_flows)"
check_eq "flow dump: as many" 20000 "$(weft_flow_count sw "$DP")"
check_eq "trace: 10.7.0.1 lost its flow" "" "$(trace_out 10.7.0.1)"
check_eq "trace: 10.8.78.31 has its flow" 2 "$(trace_out 10.8.78.31)"
check "flow del: every flow" in_ns sw weftctl flow del "$DP"
flows_settle "$((base_busy - 20000))"
check_eq "objects: the flows are all gone" "$((base_busy - 20000))" "$(weft_objects flows)"
check "dp del $DP" in_ns sw weftctl dp del "$DP"

# A datapath deleted with a big table still in it, while the table's
# rhashtable may still be growing: its subtable is freed after a grace
# period, and destroying an rhashtable may sleep (resize worker), so that
# must happen in process context, never in an RCU callback.
check "dp add wdp1" in_ns sw weftctl dp add wdp1
check "flow add --file: 20,000 flows into wdp1" \
	in_ns sw weftctl flow add wdp1 --file "$WEFT_TMP/old"
check_eq "objects: 20,000 more flows" "$((base + 20000))" "$(weft_objects flows)"
check "dp del wdp1 with its 20,000 flows" in_ns sw weftctl dp del wdp1
flows_settle "$base"
check_eq "objects: back to the start" "$base" "$(weft_objects flows)"

weft_done
