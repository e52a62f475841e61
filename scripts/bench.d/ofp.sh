# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by scripts/bench-guest after lib.sh: the OpenFlow agent's side
# of the benchmark (scenario "ofp"), weftd against ovs-vswitchd in the same
# guest, both driven over TCP by the same programs:
#
#   flowmods   N exact L3 rules (one flow_mod each, a barrier at the end,
#              sent by ofp_blast.py over one connection) into weftd and
#              into ovs-vswitchd, N = 10,000 and 100,000; flow_mods per
#              second and the daemon's resident memory afterwards
#   packet-in  ovs-testcontroller --noflow as the controller, so that every
#              packet of a single-flow UDP flood makes the round trip
#              switch -> controller (packet-in) -> switch (packet-out):
#              round trips per second, as delivered packets per second

OFP_PORT=6634
OFP_CTL_PORT=6653
OFP_WEFTD_CONF=/tmp/bench-weftd.conf
WEFTD_PID=

# weftd owning "$DP" with ports 1 and 2; ARGS are extra options.
ofp_weftd_up() {
	weftctl dp del "$DP" >/dev/null 2>&1
	# Packet-ins are the measured path here: no kernel rate limit.
	printf 'upcall_rate = 10000000\nupcall_burst = 1000000\nprobe_interval = 0\n' \
		>"$OFP_WEFTD_CONF"
	# On every CPU, as ovs-vswitchd (switch_up): pinned to CPU 0 with the
	# rest of the benchmark, it shared that CPU with pktgen's flood and
	# starved (packet-in round trips stalled for whole slices).
	taskset -c "$ALL_CPUS" weftd -f "$OFP_WEFTD_CONF" -d "$DP" \
		-l "ptcp:$OFP_PORT:127.0.0.1" --ctl /tmp/bench-weftd.ctl \
		--log-level warn "$@" >/tmp/bench-weftd.log 2>&1 &
	WEFTD_PID=$!
	local tries=0
	while [ -z "$(ss -Hltn "sport = :$OFP_PORT")" ]; do
		[ $((tries += 1)) -lt 300 ] || { SWITCH_ERR="weftd does not listen"; return 1; }
		nap 0.1
	done
	must weftctl port add "$DP" wsnd port_no 1 || return 1
	must weftctl port add "$DP" wrcv port_no 2
}

# By name: the measurements run in subshells, which keep the pids.  Tears
# down whichever switch is up (switch_down), weftd or not.
ofp_weftd_down() {
	pkill -x weftd 2>/dev/null && nap 0.5
	switch_down
}

# ovs-vswitchd's bridge with ports 1 and 2, an OpenFlow listener on
# $OFP_PORT + 1 and, with an argument, that controller.
ofp_ovs_up() {
	switch_up ovs "" ofp || return 1
	must ovs-vsctl set-controller "$OBR" "ptcp:$((OFP_PORT + 1)):127.0.0.1" ${1:+"$1"}
	local tries=0
	while [ -z "$(ss -Hltn "sport = :$((OFP_PORT + 1))")" ]; do
		[ $((tries += 1)) -lt 300 ] || { SWITCH_ERR="ovs-vswitchd does not listen"; return 1; }
		nap 0.1
	done
}

ofp_flowmods_one() {
	local sw=$1 n=$2
	local rules=$RULES/l3-$n.rules sent secs errs installed pid port err=/tmp/bench-ofp.err
	cat "$rules" >/dev/null
	if [ "$sw" = weft ]; then
		ofp_weftd_up || return 1
		pid=$WEFTD_PID port=$OFP_PORT
	else
		ofp_ovs_up || return 1
		pid=$(ovs_pid) port=$((OFP_PORT + 1))
	fi
	probe
	# ofp_blast.py: flow_mods encoded before the clock, sent in bulk, timed
	# to the barrier reply (ovs-ofctl's own pace over TCP would be measured
	# instead of the switch's).
	read -r sent secs errs < <(python3 "$BENCH_DIR/ofp_blast.py" 127.0.0.1 "$port" "$rules" 2>"$err") ||
		{ SWITCH_ERR=$(head -n 3 "$err"); return 1; }
	installed=$(ovs-ofctl -O OpenFlow13 dump-aggregate "tcp:127.0.0.1:$port" |
		sed -n 's/.*flow_count=\([0-9]*\).*/\1/p')
	record type=flowmods scenario=ofp switch="$sw" n="$sent" errors="$errs" \
		seconds="$secs" flow_mods_per_s="$(calc "$sent / $secs" 0)" \
		installed="${installed:-0}" daemon_rss_kb="$(rss_kb "$pid")" probe_us="$PROBE"
	log "ofp $sw: $sent flow_mods in $secs s ($errs errors), ${installed:-0} installed, daemon RSS $(rss_kb "$pid") kB"
}

ofp_flowmods() {
	local n sw
	for n in 10000 100000; do
		for sw in weft ovs; do
			( ofp_flowmods_one "$sw" "$n" ||
				record type=error scenario=ofp switch="$sw" what="flowmods $n" msg="$SWITCH_ERR" )
			ofp_weftd_down
		done
	done
}

# The learning controller in its flow-less mode: every packet comes to it.
ofp_controller_up() {
	ovs-testcontroller -O OpenFlow13 --noflow "ptcp:$OFP_CTL_PORT:127.0.0.1" \
		>/tmp/bench-ctl.log 2>&1 &
	local tries=0
	while [ -z "$(ss -Hltn "sport = :$OFP_CTL_PORT")" ]; do
		[ $((tries += 1)) -lt 300 ] || { SWITCH_ERR="ovs-testcontroller does not listen"; return 1; }
		nap 0.1
	done
}

ofp_controller_down() {
	pkill -x ovs-testcontrol 2>/dev/null && nap 0.5
	true
}

ofp_packetin_one() {
	local sw=$1 tries=0
	ofp_controller_up || return 1
	if [ "$sw" = weft ]; then
		ofp_weftd_up -c "tcp:127.0.0.1:$OFP_CTL_PORT" --protocols OpenFlow13 || return 1
		until weftctl agent --socket /tmp/bench-weftd.ctl "$DP" connections 2>/dev/null |
			grep -q 'controller ready'; do
			[ $((tries += 1)) -lt 300 ] || { SWITCH_ERR="weftd did not reach the controller"; return 1; }
			nap 0.1
		done
	else
		ofp_ovs_up "tcp:127.0.0.1:$OFP_CTL_PORT" || return 1
		until ovs-vsctl --timeout=5 --columns=target,is_connected list controller 2>/dev/null |
			grep -q 'is_connected *: true'; do
			[ $((tries += 1)) -lt 300 ] || { SWITCH_ERR="ovs-vswitchd did not reach the controller"; return 1; }
			nap 0.1
		done
	fi
	# The table-miss flow the controller installs, then the flood.
	nap 1
	pps ofp "$sw" single 1
	# For whoever reads a surprising number: what the agent saw.
	if [ "$sw" = weft ]; then
		weftctl agent --socket /tmp/bench-weftd.ctl "$DP" connections 2>&1 | sed 's/^/ofp: weftd: /' >&2
		weftctl dp show "$DP" 2>&1 | sed 's/^/ofp: dp: /' >&2
		tail -n 20 /tmp/bench-weftd.log | sed 's/^/ofp: weftd log: /' >&2
	fi
	tail -n 10 /tmp/bench-ctl.log | sed "s/^/ofp: controller ($sw): /" >&2
}

ofp_packetin() {
	local sw
	for sw in weft ovs; do
		( ofp_packetin_one "$sw" ||
			record type=error scenario=ofp switch="$sw" what=packet-in msg="$SWITCH_ERR" )
		ofp_controller_down
		ofp_weftd_down
	done
}
