#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# weftd against ovs-ofctl (1.3 and 1.0, with and without --no-names) on
# weftd's passive listener, with Open vSwitch itself as the reference for
# what dump-flows and dump-groups must print given the same input, and
# tshark's dissector over the whole session.

HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=ofp_lib.sh
. "$HERE/ofp_lib.sh"

REF=ofref

weft_init
ofp_init

need ofp_topology
# Every OpenFlow byte of the session, for tshark's dissector at the end.
PCAP=$WEFT_TMP/openflow.pcapng
weft_bg sw capture dumpcap -q -i lo -f "tcp port $OFP or tcp port 6653" -w "$PCAP"
CAPTURE=$WEFT_BG_PID
weft_wait 20 test -s "$PCAP"

need weftd_start
check "weftd created the datapath" in_ns sw weftctl dp show "$DP"
check "port add s1 (port 1)" in_ns sw weftctl port add "$DP" s1 port_no 1
check "port add s2 (port 2)" in_ns sw weftctl port add "$DP" s2 port_no 2
need ref_start

# --- handshake and descriptions ----------------------------------------------

out=$(of -O OpenFlow13 show "$T" 2>&1)
printf '%s\n' "$out" | sed 's/^/#   /'
check_eq "1.3 show: features reply" 1 "$(grep -c '^OFPT_FEATURES_REPLY (OF1.3)' <<<"$out")"
check_eq "1.3 show: port s1 listed as 1" 1 "$(grep -c '^ 1(s1): addr:' <<<"$out")"
check_eq "1.3 show: port s2 listed as 2" 1 "$(grep -c '^ 2(s2): addr:' <<<"$out")"
check_eq "1.3 show: the local port" 1 "$(grep -c "^ LOCAL($DP): addr:" <<<"$out")"
out=$(of -O OpenFlow10 show "$T" 2>&1)
printf '%s\n' "$out" | sed 's/^/#   /'
check_eq "1.0 show: features reply with 3 ports" 3 "$(grep -c '^ [0-9A-Z]*(.*): addr:' <<<"$out")"
check_eq "1.0 show: n_tables:1" 1 "$(grep -c 'n_tables:1,' <<<"$out")"
# show_out CMD...: run ovs-ofctl against weftd, show and keep its output.
show_out() {
	out=$(of "$@" 2>&1)
	printf '%s\n' "$out" | head -n 12 | sed 's/^/#   /'
}
show_out -O OpenFlow13 dump-desc "$T"
check_eq "dump-desc names weftd" 1 "$(grep -c 'weftd' <<<"$out")"
show_out -O OpenFlow13 dump-ports-desc "$T"
check_eq "dump-ports-desc: 3 ports" 3 "$(grep -c '): addr:' <<<"$out")"
show_out -O OpenFlow13 dump-tables "$T"
check_eq "dump-tables (1.3): table 0" 1 "$(grep -c '^  table 0:' <<<"$out")"
check_eq "dump-tables (1.3): tables 1 to 254 alike" 1 "$(grep -c '^  tables 1\.\.\.254: ditto' <<<"$out")"
show_out -O OpenFlow10 dump-tables "$T"
check_eq "dump-tables (1.0): one table" 1 "$(grep -c '^  table 0' <<<"$out")"
out=$(of -O OpenFlow13 dump-table-features "$T" 2>&1)
check_status "dump-table-features succeeds" 0 ofq -O OpenFlow13 dump-table-features "$T"
check_gt "dump-table-features describes the tables" "$(grep -c '^  table [0-9]' <<<"$out")" 250

# --- flows: what ovs-ofctl prints must be what it prints for OVS ------------

cat >"$WEFT_TMP/flows13" <<'EOF'
table=0,priority=100,arp,in_port=1,actions=output:2
table=0,priority=100,arp,in_port=2,actions=output:1
table=0,cookie=0x10,priority=200,ip,in_port=1,nw_dst=10.0.0.2,actions=goto_table:1
table=1,cookie=0x11,priority=10,ip,actions=output:2
table=0,cookie=0x20,priority=200,ip,in_port=2,actions=output:1
table=0,cookie=0x30,priority=5,tcp,tp_dst=80,actions=drop
table=0,cookie=0x31,priority=6,udp,nw_src=10.0.0.0/24,udp_dst=53,actions=set_field:10.0.0.9->nw_dst,output:2
table=2,cookie=0x32,priority=1,dl_vlan=100,actions=pop_vlan,output:1
table=2,cookie=0x33,priority=2,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:2
table=0,cookie=0x34,priority=7,icmp6,icmp_type=135,actions=controller:128
table=0,cookie=0x35,priority=8,metadata=0x1/0xff,ipv6,ipv6_dst=2001:db8::/32,actions=write_actions(output:1),write_metadata:0x2/0xff
table=0,cookie=0x36,priority=9,mpls,mpls_label=5,actions=pop_mpls:0x0800,output:1
table=3,cookie=0x37,priority=3,idle_timeout=300,hard_timeout=600,send_flow_rem,tcp,tp_src=22,actions=mod_nw_tos:16,dec_ttl,output:1
EOF
check "1.3 add-flows (13 flows)" of -O OpenFlow13 add-flows "$T" "$WEFT_TMP/flows13"
check "reference: the same flows into Open vSwitch" ref -O OpenFlow13 add-flows $REF "$WEFT_TMP/flows13"
check_flows_same "1.3 dump-flows equals Open vSwitch's" OpenFlow13
show_out -O OpenFlow13 --names dump-flows "$T" in_port=1
check_eq "dump-flows with names says in_port=s1" 2 "$(grep -c 'in_port=s1' <<<"$out")"
check_ping "ping h1 -> h2 through the 1.3 flows" h1 10.0.0.2 3
check_eq "goto_table flow counted 3 packets" 1 \
	"$(ofq -O OpenFlow13 dump-flows "$T" cookie=0x11/-1 | grep -c 'n_packets=3,')"

# --- modify and delete --------------------------------------------------------

for tgt in "$T" $REF; do
	f=of
	[ "$tgt" = $REF ] && f=ref
	check "mod-flows $tgt (non-strict, tcp)" $f -O OpenFlow13 mod-flows "$tgt" "tcp,actions=output:3"
	check "mod-flows --strict $tgt" $f -O OpenFlow13 --strict mod-flows "$tgt" "table=0,priority=100,arp,in_port=1,actions=output:2,output:LOCAL"
	check "del-flows cookie=0x31/-1 $tgt" $f -O OpenFlow13 del-flows "$tgt" "cookie=0x31/-1"
	check "del-flows --strict $tgt" $f -O OpenFlow13 --strict del-flows "$tgt" "table=2,priority=1,dl_vlan=100"
	check "del-flows by match $tgt" $f -O OpenFlow13 del-flows "$tgt" "table=0,ipv6"
done
check_flows_same "after mod/del: 1.3 dump-flows equals Open vSwitch's" OpenFlow13
check_err "a flow to a missing group gets OFPBAC_BAD_OUT_GROUP" OFPBAC_BAD_OUT_GROUP \
	ofq -O OpenFlow13 add-flow "$T" "priority=1,actions=group:99"
check_err "a goto backwards gets OFPBIC_BAD_TABLE_ID" OFPBIC_BAD_TABLE_ID \
	ofq -O OpenFlow13 add-flow "$T" "table=5,priority=1,actions=goto_table:3"

# --- OpenFlow 1.0: its own flows, seen from 1.0 and from 1.3 ------------------

cat >"$WEFT_TMP/flows10" <<'EOF'
priority=100,arp,in_port=1,actions=output:2
priority=100,arp,in_port=2,actions=output:1
cookie=0x40,priority=200,ip,in_port=1,nw_dst=10.0.0.0/24,actions=mod_dl_src:02:00:00:00:00:01,output:2
cookie=0x41,priority=200,ip,in_port=2,actions=output:1
cookie=0x42,priority=300,tcp,nw_src=10.0.0.1,tp_dst=22,actions=mod_nw_tos:32,mod_tp_dst:2222,output:2
cookie=0x43,priority=301,dl_vlan=7,dl_vlan_pcp=3,actions=strip_vlan,output:1
cookie=0x44,priority=302,dl_vlan=0xffff,udp,actions=mod_vlan_vid:9,mod_vlan_pcp:1,output:2
cookie=0x45,priority=303,icmp,icmp_type=13,actions=mod_nw_src:10.0.0.99,mod_nw_dst:10.0.0.98,enqueue:2:0
cookie=0x46,idle_timeout=600,priority=304,arp,arp_op=1,actions=controller:64,output:ALL
EOF
for tgt in "$T" $REF; do
	f=of
	[ "$tgt" = $REF ] && f=ref
	check "1.0: del-flows $tgt" $f -O OpenFlow10 del-flows "$tgt"
	check "1.0: add-flows $tgt" $f -O OpenFlow10 add-flows "$tgt" "$WEFT_TMP/flows10"
done
check_flows_same "1.0 dump-flows equals Open vSwitch's" OpenFlow10
# 1.0's enqueue reads back in 1.3 as set_queue,output: Open vSwitch adds
# its own pop_queue (a Nicira action weft does not have), so that flow is
# compared from 1.0 only.
check_same "the 1.0 flows seen from 1.3 equal Open vSwitch's" \
	"$(flows_weft OpenFlow13 | grep -v cookie=0x45)" \
	"$(flows_ref OpenFlow13 | grep -v cookie=0x45)"
check_ping "ping h1 -> h2 through the 1.0 flows" h1 10.0.0.2 3

# --- groups ----------------------------------------------------------------

for tgt in "$T" $REF; do
	f=of
	[ "$tgt" = $REF ] && f=ref
	check "add-group select $tgt" $f -O OpenFlow13 add-group "$tgt" "group_id=1,type=select,bucket=weight:1,output:1,bucket=weight:3,output:2"
	check "add-group ff $tgt" $f -O OpenFlow13 add-group "$tgt" "group_id=2,type=ff,bucket=watch_port:1,output:1,bucket=watch_port:2,output:2"
	check "add-group all $tgt" $f -O OpenFlow13 add-group "$tgt" "group_id=3,type=all,bucket=output:1,bucket=set_field:10.0.0.7->ip_dst,output:2"
done
check_same "dump-groups equals Open vSwitch's" \
	"$(ofq -O OpenFlow13 --no-names dump-groups "$T" | grep -v '^OFPST' | sort)" \
	"$(ovs-ofctl -O OpenFlow13 --no-names dump-groups $REF | grep -v '^OFPST' | sort)"
check "del-groups" of -O OpenFlow13 del-groups "$T" group_id=3
check_eq "2 groups left" 2 "$(ofq -O OpenFlow13 dump-groups "$T" | grep -c group_id=)"

# --- counters ------------------------------------------------------------------

rx0=$(port_stat 1 rx_pkts)
tx0=$(port_stat 2 tx_pkts)
check_ping "ping h1 -> h2 5/5" h1 10.0.0.2 5
check_eq "dump-ports: port 1 received the 5 requests" $((rx0 + 5)) "$(port_stat 1 rx_pkts)"
check_eq "dump-ports: port 2 sent the 5 requests" $((tx0 + 5)) "$(port_stat 2 tx_pkts)"

# --- packet-out and monitor ----------------------------------------------------

FRAME="ffffffffffff${H1MAC//:/}88b5776566742070616b6574206f7574"
r0=$(weft_rx_packets h2 eth0)
check "packet-out from the controller to port 2" \
	of -O OpenFlow13 packet-out "$T" "in_port=controller packet=$FRAME actions=output:2"
weft_until 5 -gt "$r0" weft_rx_packets h2 eth0
check_eq "h2 received the packet-out frame" $((r0 + 1)) "$(weft_rx_packets h2 eth0)"

weft_bg sw monitor ovs-ofctl -O OpenFlow13 monitor "$T" 65535
MON=$WEFT_BG_PID
sleep 1
check "flow to the controller for UDP 9999" of -O OpenFlow13 add-flow "$T" "priority=400,udp,udp_dst=9999,actions=controller:200"
in_ns h1 bash -c 'echo weft-monitor >/dev/udp/10.0.0.2/9999'
weft_wait 10 grep -q OFPT_PACKET_IN "$WEFT_TMP/monitor.log"
check_eq "monitor shows the packet-in" 1 "$(grep -c '^OFPT_PACKET_IN' "$WEFT_TMP/monitor.log")"
check_eq "the packet-in is the UDP datagram" 1 "$(grep -c 'udp.*tp_dst=9999' "$WEFT_TMP/monitor.log")"
ipn sw link set s2 down
weft_wait 10 grep -q OFPT_PORT_STATUS "$WEFT_TMP/monitor.log"
ipn sw link set s2 up
check_gt "monitor shows port status for s2" "$(grep -c 'OFPT_PORT_STATUS.*2(s2)' "$WEFT_TMP/monitor.log")" 0
need weft_wait_up h2 eth0

# --- port_mod: the kernel's port configuration ---------------------------------

pcfg() { weft_port_field sw "$DP" "$1" config; }
ps0=$(grep -c 'OFPT_PORT_STATUS' "$WEFT_TMP/monitor.log")
check "1.3 mod-port s2 no-forward" of -O OpenFlow13 mod-port "$T" s2 no-forward
check_eq "the kernel port s2 is no_fwd" '["no_fwd"]' "$(pcfg s2)"
show_out -O OpenFlow13 dump-ports-desc "$T"
check_eq "dump-ports-desc (1.3) shows s2 NO_FWD" 1 "$(grep -A1 '2(s2)' <<<"$out" | grep -c 'config: *NO_FWD')"
weft_until 10 -gt "$ps0" grep -c 'OFPT_PORT_STATUS' "$WEFT_TMP/monitor.log"
check_gt "monitor shows the port status for the change" \
	"$(grep -A1 'OFPT_PORT_STATUS.*2(s2)' "$WEFT_TMP/monitor.log" | grep -c 'NO_FWD')" 0
check_no_ping "no-forward: h1 -> h2 gets no answer" h1 10.0.0.2 2
check "1.3 mod-port s2 forward" of -O OpenFlow13 mod-port "$T" s2 forward
check_eq "the kernel port s2 config is clear" '[]' "$(pcfg s2)"
check_ping "forward again: h1 -> h2 2/2" h1 10.0.0.2 2

pi0=$(grep -c '^OFPT_PACKET_IN' "$WEFT_TMP/monitor.log")
drop0=$(weft_dp_field sw "$DP" stats.upcall_drop_port)
check "1.3 mod-port s1 no-packet-in" of -O OpenFlow13 mod-port "$T" 1 no-packet-in
in_ns h1 bash -c 'echo weft-monitor >/dev/udp/10.0.0.2/9999'
weft_until 10 -gt "$drop0" weft_dp_field sw "$DP" stats.upcall_drop_port
check_eq "no-packet-in: the kernel counted one upcall_drop_port" 1 \
	"$(weft_delta "$drop0" "$(weft_dp_field sw "$DP" stats.upcall_drop_port)")"
check "1.3 mod-port s1 packet-in" of -O OpenFlow13 mod-port "$T" 1 packet-in
in_ns h1 bash -c 'echo weft-monitor >/dev/udp/10.0.0.2/9999'
weft_until 10 -gt "$pi0" grep -c '^OFPT_PACKET_IN' "$WEFT_TMP/monitor.log"
check_eq "no-packet-in: only the datagram sent after packet-in reached the monitor" \
	$((pi0 + 1)) "$(grep -c '^OFPT_PACKET_IN' "$WEFT_TMP/monitor.log")"
weft_kill "$MON"

check "1.0 mod-port s2 no-flood" of -O OpenFlow10 mod-port "$T" s2 no-flood
check "1.0 mod-port s1 no-receive" of -O OpenFlow10 mod-port "$T" s1 no-receive
check_eq "the kernel port s2 is no_flood" '["no_flood"]' "$(pcfg s2)"
check_eq "the kernel port s1 is no_recv" '["no_recv"]' "$(pcfg s1)"
# 1.0 has no port-desc request: its FEATURES_REPLY lists the ports.
show_out -O OpenFlow10 show "$T"
check_eq "show (1.0) shows s2 NO_FLOOD" 1 "$(grep -A1 '2(s2)' <<<"$out" | grep -c 'config: *NO_FLOOD')"
check_eq "show (1.0) shows s1 NO_RECV" 1 "$(grep -A1 '1(s1)' <<<"$out" | grep -c 'config: *NO_RECV')"
check_no_ping "no-receive on s1: h1 -> h2 gets no answer" h1 10.0.0.2 2
check "1.0 mod-port s1 receive" of -O OpenFlow10 mod-port "$T" s1 receive
check "1.0 mod-port s2 flood" of -O OpenFlow10 mod-port "$T" s2 flood
check_ping "receive again: h1 -> h2 2/2" h1 10.0.0.2 2
# BAD_CONFIG is 1.1's; 1.0's nearest is BAD_PORT.
check_err "1.0 mod-port no-stp is refused with OFPPMFC_BAD_PORT (no spanning tree)" OFPPMFC_BAD_PORT \
	ofq -O OpenFlow10 mod-port "$T" s2 no-stp
check_eq "... and changes nothing" '[]' "$(pcfg s2)"

# --- the agent's own view ------------------------------------------------------

check "weftctl agent show" in_ns sw weftctl agent --socket "$WEFT_TMP/weftd.ctl" "$DP" show
check_gt "weftctl agent connections counts the monitor's flow_mods" \
	"$(weftctl agent --socket "$WEFT_TMP/weftd.ctl" "$DP" show | grep -o 'flow_mods [0-9]*' | awk '{ print $2 }')" 10

# --- the wire: tshark's OpenFlow dissector finds nothing malformed -----------

weft_kill "$CAPTURE"
# One pass (tshark is slow to start): each frame's protocol stack.
protos=$(tshark -r "$PCAP" -d "tcp.port==$OFP,openflow" -T fields -e frame.protocols 2>/dev/null)
check_gt "tshark decodes the session's OpenFlow 1.3 messages" "$(grep -c openflow_v4 <<<"$protos")" 200
check_gt "... and its OpenFlow 1.0 messages" "$(grep -c openflow_v1 <<<"$protos")" 20
bad=$(grep -c _ws.malformed <<<"$protos")
check_eq "tshark: no malformed OpenFlow message" 0 "$bad"
if [ "$bad" != 0 ] && [ -n "${WEFT_RESULTS:-}" ]; then
	cp "$PCAP" "$WEFT_RESULTS/ofp-malformed.pcapng"
	weft_diag "capture kept as $WEFT_RESULTS/ofp-malformed.pcapng"
fi

# What weftd refused or complained about, for whoever reads a failure.
cat "$WEFT_TMP"/weftd-*.log | grep -E ' (warn|err)|failed| error ' | head -n 40 | sed 's/^/# weftd: /'

weft_done
