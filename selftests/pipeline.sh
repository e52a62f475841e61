#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real traffic through weft's OpenFlow 1.3 pipeline, driven by weftctl in
# ovs-ofctl syntax (goto_table, set_field, push_vlan/pop_vlan, dec_ttl,
# groups, table miss to the controller).
#
#   h1 eth0 10.0.0.1 (+10.0.1.1) --- s1 [1]                 [2] s2 --- eth0 h2 10.0.0.2
#                                          sw: datapath wdp0          eth0.100 10.0.1.2
#                                                            [3] s3 --- eth0 h3 10.0.0.2
#
# h3 is a stand-in for h2 (same MAC, same address) behind another port,
# so that a group may send a flow either way and the flow still works.
# Each section installs its own pipeline (table 1 forwards by in_port) and
# flushes it after.  Neighbours are permanent: no ARP on the wire, so the
# receivers' counters are exact.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
PORT=5202	# iperf3
VMAC=02:00:00:00:00:64	# the "NAT" address 10.0.0.100

fadd() { check "flow add: $1" in_ns sw weftctl flow add "$DP" "$1"; }

# The forwarding table every section ends in.
table1() {
	fadd "table=1,priority=10,in_port=1,actions=output:2"
	fadd "table=1,priority=10,in_port=2,actions=output:1"
	fadd "table=1,priority=10,in_port=3,actions=output:1"
}

flush() {
	check "flow flush" in_ns sw weftctl flow flush "$DP"
}

# section NAME: where the time goes (never a pass criterion).
SECTION_START=$SECONDS
section() {
	weft_diag "---- $1 (previous section: $((SECONDS - SECTION_START))s)"
	SECTION_START=$SECONDS
}

# rx_packets of a host's eth0, as its own kernel counts them (ip -n: no
# "ip netns exec", whose mount namespace costs a lot under TCG).
rx() { weft_rx_packets "$1" eth0; }
# wait_listening LOG TEXT: tcpdump (or weftctl monitor) has started.
wait_listening() { weft_wait 10 grep -q "$2" "$WEFT_TMP/$1.log"; }


weft_init
command -v tcpdump >/dev/null || { weft_not_ok "setup: tcpdump is available"; exit 1; }

# Topology -------------------------------------------------------------------
need weft_ns_add sw h1 h2 h3
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
must weft_link sw s3 h3 eth0
weft_dp_ports sw "$DP" s1 s2 s3
need weft_wait_up h1 eth0
need weft_wait_up h2 eth0
need weft_wait_up h3 eth0
MAC1=$(weft_mac h1 eth0)
MAC2=$(weft_mac h2 eth0)
must ipn h3 link set eth0 address "$MAC2"
must ipn h3 addr add 10.0.0.2/24 dev eth0
must ipn h1 addr add 10.0.1.1/24 dev eth0
must ipn h2 link add link eth0 name eth0.100 type vlan id 100
must ipn h2 addr add 10.0.1.2/24 dev eth0.100
must ipn h2 link set eth0.100 up
must weft_neigh h1 eth0 10.0.0.2 "$MAC2"
must weft_neigh h1 eth0 10.0.1.2 "$MAC2"
must weft_neigh h1 eth0 10.0.0.100 "$VMAC"
must weft_neigh h1 eth0 10.0.0.200 "$MAC2"
must weft_neigh h2 eth0 10.0.0.1 "$MAC1"
must weft_neigh h2 eth0.100 10.0.1.1 "$MAC1"
must weft_neigh h3 eth0 10.0.0.1 "$MAC1"

section "vlan"
# VLAN: pushed towards h2, popped from h2, tag seen on the wire ------------
fadd "table=0,priority=10,in_port=1,ip,nw_dst=10.0.1.2,actions=push_vlan:0x8100,set_field:100->vlan_vid,goto_table:1"
fadd "table=0,priority=10,in_port=2,dl_vlan=100,actions=pop_vlan,goto_table:1"
table1
weft_bg sw tcpdump-vlan tcpdump -l -n -e -i s2 -c 6 icmp or vlan
TCPDUMP=$WEFT_BG_PID
wait_listening tcpdump-vlan "listening on"
check_ping "vlan: h1 pings h2's eth0.100 through push/pop" h1 10.0.1.2 3
weft_wait 10 bash -c "! ps -p $TCPDUMP >/dev/null" || true
weft_kill "$TCPDUMP"
sed 's/^/#   /' "$WEFT_TMP/tcpdump-vlan.log"
check_eq "vlan: 3 requests to h2 carry 802.1Q vid 100 on the wire" 3 \
	"$(grep -c 'vlan 100.*10.0.1.1 > 10.0.1.2: ICMP echo request' "$WEFT_TMP/tcpdump-vlan.log")"
check_eq "vlan: 3 replies from h2 carry vid 100 (popped by weft for h1)" 3 \
	"$(grep -c 'vlan 100.*10.0.1.2 > 10.0.1.1: ICMP echo reply' "$WEFT_TMP/tcpdump-vlan.log")"
flush

section "nat"
# NAT-like rewrite both ways: h1 talks to 10.0.0.100, which is h2 -----------
fadd "table=0,priority=20,in_port=1,ip,nw_dst=10.0.0.100,actions=set_field:10.0.0.2->nw_dst,set_field:$MAC2->dl_dst,goto_table:1"
fadd "table=0,priority=20,in_port=2,ip,nw_src=10.0.0.2,nw_dst=10.0.0.1,actions=set_field:10.0.0.100->nw_src,set_field:$VMAC->dl_src,goto_table:1"
table1
check_ping "nat: h1 pings 10.0.0.100 (rewritten to h2 and back)" h1 10.0.0.100 3
need weft_iperf_server h2 "$PORT"
IPERF=$WEFT_BG_PID
check_iperf "nat: TCP h1 -> 10.0.0.100 completes (checksums valid)" h1 10.0.0.100 "$PORT"
weft_kill "$IPERF"
flush

section "dec_ttl"
# dec_ttl: h2 sees TTL 63 --------------------------------------------------------
fadd "table=0,priority=30,in_port=1,icmp,actions=dec_ttl,goto_table:1"
fadd "table=0,priority=30,in_port=2,icmp,actions=goto_table:1"
table1
weft_bg h2 tcpdump-ttl tcpdump -l -n -v -i eth0 -c 1 icmp and 'icmp[icmptype] == icmp-echo'
TCPDUMP=$WEFT_BG_PID
wait_listening tcpdump-ttl "listening on"
check_ping "dec_ttl: h1 pings h2" h1 10.0.0.2 1
weft_wait 10 bash -c "! ps -p $TCPDUMP >/dev/null" || true
weft_kill "$TCPDUMP"
sed 's/^/#   /' "$WEFT_TMP/tcpdump-ttl.log"
check_eq "dec_ttl: the echo request reached h2 with ttl 63" 1 \
	"$(grep -c 'ttl 63,' "$WEFT_TMP/tcpdump-ttl.log")"
flush

section "select"
# Select group: each flow sticks to one bucket, flows spread over both -----
check "group add: select over ports 2 and 3" in_ns sw weftctl group add "$DP" \
	"group_id=1,type=select,bucket=output:2,bucket=output:3"
fadd "table=0,priority=40,in_port=1,udp,actions=group:1"
# 12 flows (12 destination ports, one socket each), 3 datagrams each, to
# 10.0.0.200 behind h2's MAC: the hosts drop them without an ICMP error
# (which would fail the sender's next write).  Their captures say where
# each flow went.
weft_bg h2 tcpdump-sel2 tcpdump --immediate-mode -l -n -i eth0 udp
SEL2=$WEFT_BG_PID
weft_bg h3 tcpdump-sel3 tcpdump --immediate-mode -l -n -i eth0 udp
SEL3=$WEFT_BG_PID
wait_listening tcpdump-sel2 "listening on"
wait_listening tcpdump-sel3 "listening on"
# shellcheck disable=SC2016 # expanded by the inner shell
in_ns h1 bash -c 'for f in $(seq 12); do exec 5>/dev/udp/10.0.0.200/$((20000 + f)); for i in 1 2 3; do echo x >&5; done; exec 5>&-; done'
weft_wait 10 bash -c "[ \$(cat $WEFT_TMP/tcpdump-sel2.log $WEFT_TMP/tcpdump-sel3.log | grep -c ' > 10.0.0.200.200') -ge 36 ]" || true
weft_kill "$SEL2"
weft_kill "$SEL3"
on2=0
on3=0
split=0
for f in $(seq 12); do
	d2=$(grep -c " > 10.0.0.200.$((20000 + f)):" "$WEFT_TMP/tcpdump-sel2.log")
	d3=$(grep -c " > 10.0.0.200.$((20000 + f)):" "$WEFT_TMP/tcpdump-sel3.log")
	weft_diag "flow $f: $d2 to port 2, $d3 to port 3"
	if [ "$d2" = 3 ] && [ "$d3" = 0 ]; then
		on2=$((on2 + 1))
	elif [ "$d2" = 0 ] && [ "$d3" = 3 ]; then
		on3=$((on3 + 1))
	else
		split=$((split + 1))
	fi
done
check_eq "select: every flow's 3 datagrams took one bucket" 0 "$split"
check_gt "select: some flows on port 2" "$on2" 0
check_gt "select: some flows on port 3" "$on3" 0
flush
check "group del 1" in_ns sw weftctl group del "$DP" "group_id=1"

section "fast failover"
# Fast failover: port 2 while it is up, then port 3 -------------------------------
check "group add: fast failover, port 2 then port 3" in_ns sw weftctl group add "$DP" \
	"group_id=2,type=ff,bucket=watch_port:2,output:2,bucket=watch_port:3,output:3"
fadd "table=0,priority=50,in_port=1,ip,actions=group:2"
fadd "table=0,priority=50,in_port=2,ip,actions=output:1"
fadd "table=0,priority=50,in_port=3,ip,actions=output:1"
a2=$(rx h2)
a3=$(rx h3)
check_ping "ff: h1 pings h2 with both ports up" h1 10.0.0.2 3
check_eq "ff: the requests went to port 2" "3 0" "$(($(rx h2) - a2)) $(($(rx h3) - a3))"
must ipn sw link set s2 down
weft_wait 20 bash -c "! $IP -n $(weft_nsname h2) link show eth0 | grep -q LOWER_UP" || true
a2=$(rx h2)
a3=$(rx h3)
check_ping "ff: port 2 down: h1 still reaches 10.0.0.2 (h3)" h1 10.0.0.2 3
check_eq "ff: the requests went to port 3" "0 3" "$(($(rx h2) - a2)) $(($(rx h3) - a3))"
must ipn sw link set s2 up
need weft_wait_up h2 eth0
a2=$(rx h2)
a3=$(rx h3)
check_ping "ff: port 2 back: h1 pings h2" h1 10.0.0.2 3
check_eq "ff: the requests went to port 2 again" "3 0" "$(($(rx h2) - a2)) $(($(rx h3) - a3))"
flush
check "group del 2" in_ns sw weftctl group del "$DP" "group_id=2"

section "table miss"
# Table miss to the controller, seen by weftctl monitor ------------------------
check "table 0 miss=controller" in_ns sw weftctl table set "$DP" 0 miss=controller
weft_bg sw monitor weftctl monitor "$DP" --count 1
MONITOR=$WEFT_BG_PID
sleep 1
check_no_ping "miss: no flows, ping fails" h1 10.0.0.2 1
if weft_wait 10 bash -c "! ps -p $MONITOR >/dev/null"; then
	weft_ok "monitor --count 1 exited after one packet-in"
else
	weft_not_ok "monitor --count 1 exited after one packet-in"
fi
weft_kill "$MONITOR"
sed 's/^/#   /' "$WEFT_TMP/monitor.log"
check_eq "monitor: one packet-in from in_port 1, reason no_match" 1 \
	"$(grep -cE "packet_in $DP:.*in_port=1[ ,].*\(via no_match\)" "$WEFT_TMP/monitor.log")"
check_gt "dp stats: upcalls counted" "$(weft_dp_field sw "$DP" stats.upcalls)" 0
check "table 0 miss=drop" in_ns sw weftctl table set "$DP" 0 miss=drop

section "churn"
# Flows changed continuously, an unrelated flow loses nothing -------------------
fadd "table=0,priority=60,icmp,in_port=1,actions=output:2"
fadd "table=0,priority=60,icmp,in_port=2,actions=output:1"
fadd "cookie=0x77,table=0,priority=60,udp,in_port=3,actions=output:1"
# 200 changes of that flow's actions, fed to one weftctl (replacing a
# flow changes its instructions in place, as a modify does): the churn
# then runs as fast as the datapath takes it, not at TCG's fork rate.
cat >"$WEFT_TMP/churn.sh" <<EOF
for i in \$(seq 200); do
	echo "cookie=0x77,table=0,priority=60,udp,in_port=3,actions=set_field:\$((1000 + i))->udp_dst,output:\$((i % 2 + 1))"
done | weftctl flow add $DP - || exit 1
echo churn-done
EOF
weft_bg sw churn bash "$WEFT_TMP/churn.sh"
CHURN=$WEFT_BG_PID
# Flood pings through the unrelated flow for as long as the churn lasts.
sent=0
rcvd=0
rounds=0
while weft_alive "$CHURN" || [ "$rounds" = 0 ]; do
	out=$(in_ns_q h1 ping -f -c 500 -W 2 -q 10.0.0.2 2>&1)
	t=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1/p' <<<"$out")
	r=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\2/p' <<<"$out")
	sent=$((sent + ${t:-0}))
	rcvd=$((rcvd + ${r:-0}))
	rounds=$((rounds + 1))
	[ "$rounds" -lt 200 ] || break
done
weft_diag "$rounds rounds of ping -f -c 500 during the churn: $sent sent, $rcvd received"
check_gt "churn: the flood pings ran (rounds of 500)" "$sent" 499
check_eq "churn: ping -f through the unrelated flow loses nothing" "$sent" "$rcvd"
weft_wait 120 bash -c "! ps -p $CHURN >/dev/null" || true
check_eq "churn: the 200 modifications all succeeded" 1 "$(grep -c churn-done "$WEFT_TMP/churn.log")"
check_eq "churn: the modified flow is still one flow" 60 \
	"$(weft_flow_field sw "$DP" 0x77 priority)"

section "end"
check "dp del" in_ns sw weftctl dp del "$DP"

weft_done
