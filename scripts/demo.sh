#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# weft in one screen: two hosts, each in its own network namespace, talk
# through a weft datapath programmed with OpenFlow-style flows.
#
#      h1 (10.0.0.1)                                   h2 (10.0.0.2)
#        eth0 ---- veth ---- dp0-h1 [ dp0 ] dp0-h2 ---- veth ---- eth0
#
# `make demo` runs it in a 6.1 guest (scripts/vm-run, which sets WEFT_KO
# and puts agent/ on PATH).  It also runs as root on any machine that can
# load the module: WEFT_KO defaults to kmod/weft.ko.  Every step says what
# it does and shows its command; the demo stops with a non-zero status at
# the first step that fails and cleans up after itself either way.
set -eEuo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# vm-run puts agent/ first on PATH already; elsewhere use the build's.
command -v weftctl >/dev/null || PATH=$REPO/agent:$PATH
WEFT_KO=${WEFT_KO:-$REPO/kmod/weft.ko}
OBJECTS=/sys/kernel/debug/weft/objects
DP=dp0
STEP=0
LOADED=0

# "==> 3. text": one line per step, numbered, so the output reads as a story.
step() {
	STEP=$((STEP + 1))
	printf '\n==> %d. %s\n' "$STEP" "$*"
}

# Show a command, run it, indent its output; return its status.
try() {
	printf '    $ %s\n' "$*"
	local rc=0
	"$@" 2>&1 | sed 's/^/      /' || rc=${PIPESTATUS[0]}
	return "$rc"
}

# The same for a command that must succeed: the demo stops if it fails.
run() {
	local rc=0
	try "$@" || rc=$?
	[ "$rc" = 0 ] || fail "\"$*\" exited with status $rc"
}

in_h1() { ip netns exec h1 "$@"; }
in_h2() { ip netns exec h2 "$@"; }

fail() {
	printf '\n!!! demo failed at step %d: %s\n' "$STEP" "$*" >&2
	exit 1
}

# Undo whatever exists, quietly: also after a failure half way.
cleanup() {
	local rc=$?
	# Failures here are expected (most things are already gone).
	trap - ERR
	set +eE
	weftctl dp del "$DP" >/dev/null 2>&1
	ip netns pids h2 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns del h1 2>/dev/null
	ip netns del h2 2>/dev/null
	[ "$LOADED" = 0 ] || rmmod weft 2>/dev/null
	[ "$rc" = 0 ] || echo "demo: cleaned up after the failure" >&2
	exit "$rc"
}


preflight() {
	[ "$(id -u)" = 0 ] || { echo "demo: must run as root" >&2; exit 1; }
	command -v weftctl >/dev/null ||
		{ echo "demo: weftctl not found (build it: make)" >&2; exit 1; }
	command -v iperf3 >/dev/null ||
		{ echo "demo: iperf3 not found (scripts/setup-deps)" >&2; exit 1; }
	if [ -d /sys/module/weft ]; then
		echo "demo: weft is already loaded; unload it first (rmmod weft)" >&2
		exit 1
	fi
	if ip netns list | awk '{ print $1 }' | grep -qxE 'h1|h2'; then
		echo "demo: network namespace h1 or h2 already exists" >&2
		exit 1
	fi
}

# One host: a namespace, a veth pair with eth0 inside and dp0-hN outside.
make_host() {
	local h=$1 addr=$2
	run ip netns add "$h"
	run ip link add name "dp0-$h" type veth peer name eth0 netns "$h"
	# IPv6 would only add router solicitations nobody routes: keep the
	# flow counters to the traffic the demo makes.
	sysctl -qw "net.ipv6.conf.dp0-$h.disable_ipv6=1"
	ip netns exec "$h" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	run ip -n "$h" addr add "$addr/24" dev eth0
	run ip -n "$h" link set eth0 up
	run ip -n "$h" link set lo up
	run ip link set "dp0-$h" up
}

# iperf3 -D returns before the server listens; wait for the socket (bounded
# by count, not by a clock: this is readiness, not a timing check).
wait_iperf_server() {
	local _
	for _ in $(seq 100); do
		in_h2 ss -Hltn 'sport = :5201' | grep -q . && return 0
		sleep 0.1
	done
	return 1
}

main() {
	preflight
	# Only now: cleanup must not touch what preflight found in the way.
	# The ERR trap saves every step its own "|| fail".
	trap 'fail "command failed: $BASH_COMMAND"' ERR
	trap cleanup EXIT
	echo "weft demo: kernel $(uname -r), module $WEFT_KO"

	step "Load the weft kernel module"
	run insmod "$WEFT_KO"
	LOADED=1
	run grep -w weft /proc/modules

	step "Create hosts h1 (10.0.0.1) and h2 (10.0.0.2), each in a network namespace"
	make_host h1 10.0.0.1
	make_host h2 10.0.0.2

	step "Create datapath $DP and attach the hosts' veth ends as ports"
	run weftctl dp add "$DP"
	run weftctl port add "$DP" dp0-h1
	run weftctl port add "$DP" dp0-h2
	run weftctl port show "$DP"

	step "No flows yet: the datapath drops everything, so h1 cannot reach h2"
	if try in_h1 ping -c 1 -W 1 10.0.0.2; then
		fail "ping went through a datapath without flows"
	fi
	echo "    (no reply, as expected)"

	step "Program flows (ovs-ofctl syntax): ARP between the ports, then IPv4"
	run weftctl flow add "$DP" "priority=200,arp,in_port=dp0-h1,actions=output:dp0-h2"
	run weftctl flow add "$DP" "priority=200,arp,in_port=dp0-h2,actions=output:dp0-h1"
	run weftctl flow add "$DP" "priority=100,ip,in_port=dp0-h1,nw_dst=10.0.0.2,actions=output:dp0-h2"
	run weftctl flow add "$DP" "priority=100,ip,in_port=dp0-h2,nw_dst=10.0.0.1,actions=output:dp0-h1"
	run weftctl flow dump "$DP"

	step "Ping h2 from h1 through the datapath"
	run in_h1 ping -c 3 -i 0.2 -W 2 10.0.0.2

	step "TCP throughput h1 -> h2 with iperf3 for 5 s"
	run in_h2 iperf3 -s -1 -D -B 10.0.0.2 --logfile /tmp/weft-demo-iperf3.log
	wait_iperf_server || fail "the iperf3 server in h2 did not start"
	run in_h1 iperf3 -c 10.0.0.2 -t 5 -f m

	step "Flow and port counters after the traffic"
	run weftctl flow dump "$DP"
	run weftctl port show "$DP"
	run weftctl stats "$DP"

	step "Delete the datapath and the hosts"
	run weftctl dp del "$DP"
	run ip netns del h1
	run ip netns del h2

	step "Check that nothing leaked, then unload the module"
	if [ -r "$OBJECTS" ]; then
		run cat "$OBJECTS"
		if awk '$2 != 0 { bad = 1 } END { exit !bad }' "$OBJECTS"; then
			fail "objects still live after dp del"
		fi
	fi
	run rmmod weft
	LOADED=0

	printf '\n==> demo complete: all %d steps passed\n' "$STEP"
}

main "$@"
