# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by scripts/bench-guest (in the qemu guest): the hosts, the
# switches under test, the traffic and the measurements.  Every
# measurement appends one JSON object per line to $RAW; scripts/bench.d/
# report.py turns them into the table.
#
#   bsnd (10.0.0.1) eth0 ==veth== wsnd [port 1]  SWITCH  [port 2] wrcv ==veth== eth0 brcv (10.0.0.2)
#
# The switch is one of: weft (datapath wbench), ovs (bridge obench on the
# kernel openvswitch datapath, driven by ovs-vswitchd), bridge (Linux
# bridge bbench), redirect (tc mirred between the two veths: the floor,
# what forwarding costs with no switch at all).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${RAW:?}" "${RULES:?}"
COLD=${WEFT_BENCH_COLD:-2}      # seconds counted as "first seconds" (OVS upcalls)
STEADY=${WEFT_BENCH_STEADY:-4}  # seconds of the steady-state measurement
SLICE=${WEFT_BENCH_SLICE:-0.5}  # its slices
IPERF_T=${WEFT_BENCH_IPERF_T:-5}
OVS_DIR=/tmp/ovs
export OVS_RUNDIR=$OVS_DIR OVS_DBDIR=$OVS_DIR OVS_LOGDIR=$OVS_DIR
SND_MAC=02:00:00:00:00:01
RCV_MAC=02:00:00:00:00:02
DP=wbench
OBR=obench
LBR=bbench
ALL_CPUS=0-$(($(nproc --all) - 1))

# Progress on the console, stamped with the guest's uptime.
log() {
	local up _
	read -r up _ </proc/uptime
	echo "bench: [$up] $*" >&2
}

# --- results ---------------------------------------------------------------

json_str() {
	local s=${1//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\n'/ }
	s=${s//$'\t'/ }
	printf '"%s"' "$s"
}

# record KEY=VALUE...: values that look like numbers stay numbers.
record() {
	local kv k v out=
	for kv in "$@"; do
		k=${kv%%=*}
		v=${kv#*=}
		if [[ "$v" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
			out+="${out:+, }\"$k\": $v"
		else
			out+="${out:+, }\"$k\": $(json_str "$v")"
		fi
	done
	echo "{$out}" >>"$RAW"
}

# awk does the float arithmetic bash cannot.
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# --- hosts -----------------------------------------------------------------

hosts_up() {
	local h mac addr peer peermac peeraddr
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	for h in bsnd brcv; do
		ip netns add $h
		ip netns exec $h sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
	ip link add wsnd type veth peer name eth0 netns bsnd
	ip link add wrcv type veth peer name eth0 netns brcv
	for h in bsnd brcv; do
		if [ $h = bsnd ]; then
			mac=$SND_MAC addr=10.0.0.1 peermac=$RCV_MAC peeraddr=10.0.0.2
		else
			mac=$RCV_MAC addr=10.0.0.2 peermac=$SND_MAC peeraddr=10.0.0.1
		fi
		ip -n $h link set eth0 address $mac
		ip -n $h addr add $addr/24 dev eth0
		ip -n $h link set lo up
		ip -n $h link set eth0 up
		# Static neighbours: no rule set has to carry ARP.
		ip -n $h neigh replace $peeraddr lladdr $peermac dev eth0 nud permanent
	done
	for peer in wsnd wrcv; do
		ip link set $peer up
	done
	# The receiver drops pktgen's UDP on ingress, after counting it, so
	# the flood costs it little and triggers no ICMP; TCP (iperf3) passes.
	tc -n brcv qdisc add dev eth0 clsact
	tc -n brcv filter add dev eth0 ingress pref 1 protocol ip \
		u32 match ip protocol 17 0xff action drop
}

hosts_down() {
	ip netns pids brcv 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns pids bsnd 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns del bsnd 2>/dev/null
	ip netns del brcv 2>/dev/null
	true
}

# --- Open vSwitch daemons ---------------------------------------------------

ovs_pid() { cat $OVS_DIR/ovs-vswitchd.pid 2>/dev/null; }

ovs_start_db() {
	mkdir -p $OVS_DIR
	ovsdb-tool create $OVS_DIR/conf.db /usr/share/openvswitch/vswitch.ovsschema
	taskset -c "$ALL_CPUS" ovsdb-server --remote=punix:$OVS_DIR/db.sock --pidfile --detach \
		--log-file $OVS_DIR/conf.db
	ovs-vsctl --no-wait init
}

# Debian's OVS 3.1 gets zero upcall handlers when started in the first 10 s
# of the guest's uptime (see the reference notes): wait them out.
ovs_start_vswitchd() {
	while awk '{ exit !($1 < 11.5) }' /proc/uptime; do
		sleep 0.5
	done
	# Not pinned to CPU 0 with the rest of the benchmark: its handler
	# and revalidator threads may use every CPU, as on a real host.
	taskset -c "$ALL_CPUS" ovs-vswitchd --pidfile --detach --log-file
}

ovs_stop_vswitchd() {
	local pid
	pid=$(ovs_pid) || return 0
	local tries=0
	ovs-appctl -t ovs-vswitchd exit >/dev/null 2>&1 || kill "$pid" 2>/dev/null
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
		# Bounded by count: a daemon that does not exit gets killed.
		[ $((tries += 1)) -lt 100 ] || { kill -9 "$pid" 2>/dev/null; break; }
		nap 0.2
	done
}

ovs_stop_all() {
	ovs_stop_vswitchd
	ovs-appctl -t ovsdb-server exit >/dev/null 2>&1
	true
}

# --- switches --------------------------------------------------------------

meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
nflows_in() { grep -cvE '^[[:space:]]*(#|$)' "$1"; }

# must CMD...: run a setup step; on failure keep its message for the report
# (switch_up runs in a context where set -e does not apply).
must() {
	local out
	if ! out=$("$@" 2>&1); then
		SWITCH_ERR="\"$*\" failed: $(echo "$out" | tail -n 2)"
		return 1
	fi
}

# switch_up SW RULEFILE SCENARIO [plain]: create the switch, attach port 1
# (wsnd) and port 2 (wrcv), load the rules and record how long it took and
# what memory it used.  Status 1 (message in $SWITCH_ERR) when something
# fails, 3 when the switch refuses the rules as not supported.
# Read by scripts/bench-guest after a failed switch_up.
export SWITCH_ERR=
switch_up() {
	local sw=$1 rules=$2 scen=$3 how=${4:-} n=0 err=/tmp/bench-install.err
	local t0 t1 rc=0 ma0 ma1 sl0 sl1 rss0=0 rss1=0 pid='' objs='' a b p0 split
	SWITCH_ERR=
	# Read the file once first: the timing is the switch's, not 9p's.
	[ -z "$rules" ] || { n=$(nflows_in "$rules"); cat "$rules" >/dev/null; }
	case $sw in
	weft)
		must weftctl dp add $DP || return 1
		must weftctl port add $DP wsnd port_no 1 || return 1
		must weftctl port add $DP wrcv port_no 2 || return 1
		;;
	ovs)
		# A fresh daemon for the big rule sets, so that its RSS growth
		# is the flows' and not absorbed by memory freed earlier.
		if [ "$n" -ge 10000 ] || [ -z "$(ovs_pid)" ] ||
			! kill -0 "$(ovs_pid)" 2>/dev/null; then
			ovs_stop_vswitchd
			must ovs_start_vswitchd || return 1
		fi
		must ovs-vsctl --timeout=60 add-br $OBR -- set bridge $OBR \
			datapath_type=system fail-mode=secure \
			protocols=OpenFlow10,OpenFlow13,OpenFlow14 \
			-- add-port $OBR wsnd -- set Interface wsnd ofport_request=1 \
			-- add-port $OBR wrcv -- set Interface wrcv ofport_request=2 || return 1
		must ovs-ofctl del-flows $OBR || return 1
		pid=$(ovs_pid)
		;;
	bridge)
		must ip link add $LBR type bridge || return 1
		must ip link set wsnd master $LBR || return 1
		must ip link set wrcv master $LBR || return 1
		must ip link set $LBR up || return 1
		# Known unicast, as a learning bridge would have it.
		must bridge fdb replace $RCV_MAC dev wrcv master static || return 1
		must bridge fdb replace $SND_MAC dev wsnd master static || return 1
		return 0
		;;
	redirect)
		for a in wsnd wrcv; do
			b=wrcv
			[ $a = wsnd ] || b=wsnd
			must tc qdisc add dev $a clsact || return 1
			must tc filter add dev $a ingress pref 1 matchall \
				action mirred egress redirect dev $b || return 1
		done
		return 0
		;;
	*) SWITCH_ERR="unknown switch $sw"; return 1 ;;
	esac
	[ -n "$rules" ] || return 0

	ma0=$(meminfo MemAvailable) sl0=$(meminfo Slab)
	[ -z "$pid" ] || rss0=$(rss_kb "$pid")
	probe
	p0=$PROBE
	# The loaders get every CPU, as ovs-vswitchd has: pinned to CPU 0 with
	# the benchmark, weftctl's two threads (and the kernel's work, done in
	# their context) would share one CPU while ovs-vswitchd has two.
	t0=$EPOCHREALTIME
	case $sw in
	weft) taskset -c "$ALL_CPUS" weftctl flow add $DP --file "$rules" --timing \
		2>$err || rc=$? ;;
	ovs)
		if [ "$how" = plain ]; then
			taskset -c "$ALL_CPUS" ovs-ofctl -O OpenFlow13 add-flows $OBR "$rules" \
				2>$err || rc=$?
		else
			taskset -c "$ALL_CPUS" ovs-ofctl -O OpenFlow14 --bundle add-flows $OBR \
				"$rules" 2>$err || rc=$?
		fi ;;
	esac
	t1=$EPOCHREALTIME
	probe
	if [ "$rc" != 0 ]; then
		SWITCH_ERR=$(head -n 3 "$err")
		grep -qiE 'not supported|unsupported|unknown (field|action)' "$err" && return 3
		return 1
	fi
	# Let RCU callbacks and deferred frees settle before reading memory.
	sleep 1
	ma1=$(meminfo MemAvailable) sl1=$(meminfo Slab)
	[ -z "$pid" ] || rss1=$(rss_kb "$pid")
	case $sw in
	weft) objs=$(awk '$1 == "flows" { print $2 }' /sys/kernel/debug/weft/objects) ;;
	ovs) objs=$(ovs-ofctl -O OpenFlow13 dump-aggregate $OBR |
		sed -n 's/.*flow_count=\([0-9]*\).*/\1/p') ;;
	esac
	# weft's own split: reading and parsing the text, then the netlink part.
	split=$(sed -n 's/.* read and parsed in \([0-9.]*\) s, sent and acknowledged in \([0-9.]*\) s$/parse_s=\1 netlink_s=\2/p' "$err")
	# shellcheck disable=SC2086 # $split is two words, or none
	record type=install scenario="$scen" switch="$sw" mode="${how:-default}" n="$n" \
		seconds="$(calc "$t1 - $t0" 3)" flows_per_s="$(calc "$n / ($t1 - $t0)" 0)" $split \
		installed="${objs:-0}" mem_avail_kb=$((ma0 - ma1)) slab_kb=$((sl1 - sl0)) \
		rss_kb=$((rss1 - rss0)) probe_us=$(((p0 + PROBE) / 2))
	if [ "${objs:-0}" != "$n" ]; then
		SWITCH_ERR="installed ${objs:-?} flows of $n"
		return 1
	fi
}

# Tear down whatever switch is there, quietly: also after a failure.
switch_down() {
	local a
	weftctl dp del $DP >/dev/null 2>&1
	if [ -S $OVS_DIR/db.sock ]; then
		ovs-vsctl --timeout=30 --if-exists del-br $OBR >/dev/null 2>&1
	fi
	ip link del $LBR >/dev/null 2>&1
	for a in wsnd wrcv; do
		tc qdisc del dev $a clsact >/dev/null 2>&1
	done
	true
}

# switch_stats SW ARRAY: the switch's own counters into the associative
# array ARRAY (misses, lost; megaflows for OVS), for the diagnosis notes.
# shellcheck disable=SC2034 # st is the caller's array
switch_stats() {
	local -n st=$2
	local line w
	case $1 in
	weft)
		# "    lookups N hits N misses N lost N" and
		# "    cache_hits N cache_misses N megaflow_hits N megaflow_misses N"
		while read -r -a w; do
			case ${w[0]:-} in
			lookups) st["misses"]=${w[5]} st["lost"]=${w[7]} ;;
			cache_hits) st["cache_hits"]=${w[1]} st["megaflow_hits"]=${w[5]:-} ;;
			esac
		done < <(weftctl dp show $DP 2>/dev/null || true)
		;;
	ovs)
		# "  lookups: hit:N missed:N lost:N" and "  flows: N"
		while read -r line; do
			case $line in
			lookups:*)
				for w in $line; do
					case $w in
					missed:*) st["misses"]=${w#missed:} ;;
					lost:*) st["lost"]=${w#lost:} ;;
					esac
				done ;;
			flows:*) st["megaflows"]=${line#flows: } ;;
			esac
		done < <(ovs-dpctl show 2>/dev/null || true)
		;;
	esac
}

# --- traffic ---------------------------------------------------------------

in_snd() { ip netns exec bsnd "$@"; }
in_rcv() { ip netns exec brcv "$@"; }

# rd VAR DEV COUNTER: read a netdev counter without forking (every fork and
# exec is slow under emulation, and these sit inside measured windows).
rd() { read -r "$1" <"/sys/class/net/$2/statistics/$3"; }

# nap SECONDS: sleep without exec'ing sleep(1): a read that times out on a
# pipe nobody writes to.
exec {NAP_FD}<> <(:)
nap() { read -rt "$1" -u "$NAP_FD" _ || true; }

# probe: how long (PROBE, microseconds) a fixed piece of pure CPU work
# takes right now, on CPU 0 (scripts/bench-guest pins itself there, next
# to pktgen's thread, so that the probe never competes with ovs-vswitchd's
# threads inside the guest).  Other guests on the host slow the emulated CPU down;
# the report compares each point's probe with the fastest one of the run
# to show, and correct for, that slowdown.
PROBE_N=${WEFT_BENCH_PROBE_N:-1000}
probe() {
	local t=${EPOCHREALTIME/./} i x=0
	for ((i = 0; i < PROBE_N; i++)); do
		x=$((x + i))
	done
	PROBE=$((${EPOCHREALTIME/./} - t))
}

# pps SCENARIO SW MODE HITS: one pktgen run.  Records the rate over the
# first $COLD seconds, then over the $STEADY seconds after them in slices
# of $SLICE seconds: the main number is the median slice, which a burst
# of load elsewhere on the host (another guest booting) does not move;
# the slices' spread is kept to show such noise.  The speed probe runs
# just before and just after.
pps() {
	local scen=$1 sw=$2 mode=$3 hits=${4:-1}
	local t0 t1 t2 c0 c1 c2 i0 i1 n sent pg p0 p1 cold steady tries=0 k
	local tp cp tn cn slices=() sorted
	local -A b=() a=()
	switch_stats "$sw" b
	in_snd "$BENCH_DIR/pktgen.sh" setup "$mode" "$hits" $RCV_MAC
	probe
	p0=$PROBE
	rd i0 wsnd rx_packets
	in_snd "$BENCH_DIR/pktgen.sh" start &
	pg=$!
	# The clock starts with the first packet, not with the command (a
	# command takes a while to start under emulation); bounded by count.
	n=$i0
	while [ "$n" = "$i0" ] && [ $((tries += 1)) -lt 500 ]; do
		nap 0.01
		rd n wsnd rx_packets
	done
	t0=${EPOCHREALTIME/./}
	rd c0 wrcv tx_packets
	nap "$COLD"
	t1=${EPOCHREALTIME/./}
	rd c1 wrcv tx_packets
	tp=$t1 cp=$c1
	# Slices until STEADY seconds have passed (time in microseconds).
	while [ $((tp - t1)) -lt $((${STEADY%.*} * 1000000)) ]; do
		nap "$SLICE"
		tn=${EPOCHREALTIME/./}
		rd cn wrcv tx_packets
		slices+=($(((cn - cp) * 1000000 / (tn - tp))))
		tp=$tn cp=$cn
	done
	t2=$tp c2=$cp
	sent=$(in_snd "$BENCH_DIR/pktgen.sh" stop)
	wait "$pg" || true
	rd i1 wsnd rx_packets
	probe
	p1=$PROBE
	switch_stats "$sw" a
	cold=$(((c1 - c0) * 1000000 / (t1 - t0)))
	mapfile -t sorted < <(printf '%s\n' "${slices[@]}" | sort -n)
	steady=${sorted[${#sorted[@]} / 2]}
	local extra=()
	for k in misses lost cache_hits megaflow_hits; do
		[ -z "${a[$k]:-}" ] || extra+=("$k=$((a[$k] - ${b[$k]:-0}))")
	done
	[ -z "${a[megaflows]:-}" ] || extra+=("megaflows=${a[megaflows]}")
	record type=pps scenario="$scen" switch="$sw" mode="$mode" hits="$hits" \
		cold_pps="$cold" pps="$steady" \
		mean_pps=$(((c2 - c1) * 1000000 / (t2 - t1))) \
		min_pps="${sorted[0]}" max_pps="${sorted[${#sorted[@]} - 1]}" \
		slices="${slices[*]}" sent="${sent:-0}" \
		switch_in=$((i1 - i0)) delivered=$((c2 - c0)) \
		probe_us="$(((p0 + p1) / 2))" "${extra[@]}"
	log "$scen $sw $mode: $steady pps (first ${COLD}s: $cold; slices ${slices[*]}; probe $p0/$p1 us)"
}

# iperf SCENARIO SW: TCP throughput sender -> receiver.
iperf() {
	local scen=$1 sw=$2 out=/tmp/bench-iperf.json bps rtx err tries=0 p0
	in_rcv taskset -c "$ALL_CPUS" iperf3 -s -1 -D -B 10.0.0.2 --logfile /tmp/bench-iperf-server.log
	while [ -z "$(ss -N brcv -Hltn 'sport = :5201')" ] && [ $((tries += 1)) -lt 100 ]; do
		nap 0.1
	done
	probe
	p0=$PROBE
	if ! timeout $((IPERF_T + 20)) ip netns exec bsnd taskset -c "$ALL_CPUS" iperf3 -c 10.0.0.2 \
		-t "$IPERF_T" -J >$out 2>&1; then
		ip netns pids brcv | xargs -r kill 2>/dev/null
		err=$(jq -r '.error // empty' $out 2>/dev/null | head -c 200)
		record type=error scenario="$scen" switch="$sw" what=iperf3 msg="$err"
		log "$scen $sw: iperf3 failed: $err"
		return 0
	fi
	probe
	read -r bps rtx < <(jq -r '"\(.end.sum_received.bits_per_second | floor) \(.end.sum_sent.retransmits // 0)"' $out)
	record type=iperf scenario="$scen" switch="$sw" \
		mbps="$((bps / 1000000)).$((bps / 100000 % 10))" retransmits="$rtx" \
		probe_us="$(((p0 + PROBE) / 2))"
	log "$scen $sw: iperf3 $((bps / 1000000)) Mbit/s"
}

# --- the switch's own cost ---------------------------------------------------

COST_T=${WEFT_BENCH_COST_T:-3}        # seconds sampled per point
COST_HZ=${WEFT_BENCH_COST_HZ:-999}    # samples per second and CPU

# perf_pct FILE SYMBOL: SYMBOL's inclusive share (children, %) in a
# `perf report --children --sort sym` of FILE; 0 if it never showed.
perf_pct() {
	awk -v s="$2" '$NF == s && $1 ~ /%$/ { sub(/%/, "", $1); v = $1; exit }
		END { print v + 0 }' "$1"
}

# cost SCENARIO SW MODE HITS: what forwarding costs the switch itself,
# apart from the rest of the path, from a whole-system perf profile (with
# call chains) taken while the traffic of `pps` runs, after its first
# $COLD s.  pktgen keeps CPU 0 busy, and every packet is forwarded there,
# in the softirq of pktgen's own transmit, so CPU 0's samples are the
# whole path.  The switch's part is what its receive hook (the netdev
# rx_handler it registers) took, less the transmit to the next device
# (__dev_queue_xmit, which both pay the same), plus everything
# ovs-vswitchd's threads did on any CPU (upcalls, revalidation).  The
# rest of CPU 0 (pktgen, the veths, the receiver) is the same work per
# packet whichever switch runs, so own / rest compares switches per
# packet, and an emulated CPU slower all over cancels out of it; uneven
# host load does not, hence the turns of sc_cost.  Method:
# Documentation/benchmarks.md.
cost() {
	local scen=$1 sw=$2 mode=$3 hits=${4:-1} f=/tmp/bench-perf.data
	local hook pg i0 i1 sym=/tmp/bench-perf.sym total cpu0 daemon pct_hook pct_xmit
	case $sw in
	weft) hook=weft_frame_hook ;;
	ovs) hook=netdev_frame_hook ;;
	bridge) hook=br_handle_frame ;;
	*) record type=error scenario="$scen" switch="$sw" what=cost msg="no hook known"; return 0 ;;
	esac
	in_snd "$BENCH_DIR/pktgen.sh" setup "$mode" "$hits" $RCV_MAC
	in_snd "$BENCH_DIR/pktgen.sh" start &
	pg=$!
	nap "$((COLD + 1))"
	rd i0 wsnd rx_packets
	if ! perf record -a -g -F "$COST_HZ" -o $f -- sleep "$COST_T" >/tmp/bench-perf.log 2>&1; then
		in_snd "$BENCH_DIR/pktgen.sh" stop >/dev/null
		wait "$pg" || true
		record type=error scenario="$scen" switch="$sw" what=perf \
			msg="$(tail -n 2 /tmp/bench-perf.log)"
		return 0
	fi
	rd i1 wsnd rx_packets
	in_snd "$BENCH_DIR/pktgen.sh" stop >/dev/null
	wait "$pg" || true
	# Samples per CPU ("  50.12%  6123  000") and per thread name.
	read -r total cpu0 < <(perf report -i $f -n --no-children --sort cpu --stdio 2>/dev/null |
		awk '$1 ~ /%$/ { t += $2; if ($3 + 0 == 0) c = $2 } END { print t + 0, c + 0 }')
	daemon=$(perf report -i $f --no-children --sort comm --stdio 2>/dev/null |
		awk '$1 ~ /%$/ && $2 ~ /^(ovs-vswitchd|handler[0-9]+|revalidator[0-9]+|urcu[0-9]+)$/ {
			sub(/%/, "", $1); v += $1 } END { print v + 0 }')
	perf report -i $f --children --sort sym --stdio -g none >$sym 2>/dev/null
	pct_hook=$(perf_pct $sym "$hook")
	pct_xmit=$(perf_pct $sym __dev_queue_xmit)
	# Kept beside the raw records, for the question of where it went.
	head -n 300 $sym >"$(dirname "$RAW")/perf-$scen-$sw-$mode.txt"
	# And who called what: which allocation is the switch's, which pktgen's.
	perf report -i $f --no-children --sort sym --stdio -G \
		-g caller,0.5,callee --percent-limit 0.3 2>/dev/null |
		head -n 3000 >"$(dirname "$RAW")/perf-$scen-$sw-$mode.callers.txt"
	rm -f $f
	record type=cost scenario="$scen" switch="$sw" mode="$mode" hits="$hits" \
		packets=$((i1 - i0)) samples="$total" cpu0_samples="$cpu0" \
		hook_pct="$pct_hook" xmit_pct="$pct_xmit" daemon_pct="$daemon"
	log "$scen $sw $mode: perf $total samples ($cpu0 on CPU 0), $hook $pct_hook%," \
		"__dev_queue_xmit $pct_xmit%, daemon $daemon%, $((i1 - i0)) packets"
}
