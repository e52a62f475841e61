# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the weftd tests share: weftd in the switch namespace serving
# ovs-ofctl on $OFP, ovs-ofctl helpers, and the two-host topology.
# Sourced after lib.sh.

DP=wdp0
OFP=6634
T=tcp:127.0.0.1:$OFP
WEFTD=${WEFTD:-$(command -v weftd)}
WEFTD_PID=

# ofp_init: the tools every weftd test needs.
ofp_init() {
	local tool
	for tool in ovs-ofctl ovs-vsctl ovsdb-server ovs-vswitchd ovs-testcontroller tshark dumpcap; do
		command -v "$tool" >/dev/null || { weft_not_ok "setup: $tool is available"; exit 1; }
	done
	[ -x "$WEFTD" ] || { weft_not_ok "setup: weftd is built ($WEFTD)"; exit 1; }
	# Open vSwitch's programs (ovs-testcontroller too) keep their sockets
	# and pid files there; the guest has no /var/run/openvswitch.
	export OVS_RUNDIR=$WEFT_TMP/ovs OVS_DBDIR=$WEFT_TMP/ovs OVS_LOGDIR=$WEFT_TMP/ovs
	mkdir -p "$OVS_RUNDIR"
}

# weftd in the switch namespace, serving ovs-ofctl on $OFP, plus ARGS.
WEFTD_RUNS=0
weftd_start() {
	WEFTD_RUNS=$((WEFTD_RUNS + 1))
	weft_bg sw "weftd-$WEFTD_RUNS" "$WEFTD" -f /dev/null -d "$DP" -l "ptcp:$OFP:127.0.0.1" \
		--ctl "$WEFT_TMP/weftd.ctl" --log-level debug "$@"
	WEFTD_PID=$WEFT_BG_PID
	weft_wait 30 weft_listening sw "$OFP" ||
		{ weft_diag "weftd is not listening"; tail -n 20 "$WEFT_TMP/weftd-$WEFTD_RUNS.log" | sed 's/^/#   /'; return 1; }
}

weftd_stop() {
	weft_kill "$WEFTD_PID"
	WEFTD_PID=
}

# ovs-ofctl against weftd (in the switch namespace) and against the
# reference bridge of Open vSwitch.
of() { in_ns sw ovs-ofctl "$@"; }
ofq() { in_ns_q sw ovs-ofctl "$@"; }
ref() { pretty ref "ovs-ofctl $*"; ovs-ofctl "$@"; }

# Open vSwitch with a userspace-datapath bridge: only its OpenFlow tables
# are used, as the reference of what ovs-ofctl prints for a given input.
ref_start() {
	# The userspace datapath opens a tap device for the bridge.
	modprobe tun || return 1
	ovsdb-tool create "$OVS_DBDIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema || return 1
	ovsdb-server --remote="punix:$OVS_RUNDIR/db.sock" --pidfile --detach \
		--log-file "$OVS_DBDIR/conf.db" || return 1
	WEFT_PIDS+=("$(cat "$OVS_RUNDIR/ovsdb-server.pid")")
	ovs-vsctl --no-wait init || return 1
	ovs-vswitchd --pidfile --detach --log-file || return 1
	WEFT_PIDS+=("$(cat "$OVS_RUNDIR/ovs-vswitchd.pid")")
	ovs-vsctl --timeout=60 add-br "$REF" -- set bridge "$REF" datapath_type=netdev \
		fail-mode=secure protocols=OpenFlow10,OpenFlow13
}

# What dump-flows prints, without statistics, in a stable order.
flows_weft() { ofq -O "$1" --no-stats --no-names dump-flows "$T" | grep -v '^OFPST\|^NXST' | sort; }
flows_ref() { ovs-ofctl -O "$1" --no-stats --no-names dump-flows "$REF" | grep -v '^OFPST\|^NXST' | sort; }

# check_same DESC WEFT_OUTPUT REF_OUTPUT: identical, else show the diff.
check_same() {
	if [ "$2" = "$3" ] && [ -n "$2" ]; then
		weft_ok "$1"
	else
		diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/#   ref|weft /' | head -n 40
		[ -n "$2" ] || weft_diag "weft printed nothing"
		weft_not_ok "$1"
	fi
}

check_flows_same() {
	check_same "$1" "$(flows_weft "$2")" "$(flows_ref "$2")"
}

# port_stat PORT FIELD: a counter of `ovs-ofctl dump-ports` for PORT.
port_stat() {
	ofq -O OpenFlow13 dump-ports "$T" "$1" | tr ',' '\n' |
		awk -v f="$2" -F= '$0 ~ "rx pkts" && f == "rx_pkts" { print $2 }
			$0 ~ "tx pkts" && f == "tx_pkts" { print $2 }' | head -n 1 | tr -d ' '
}


# ofp_topology: h1 (10.0.0.1) on s1 and h2 (10.0.0.2) on s2, with
# permanent neighbours so that no ARP disturbs the counters.
ofp_topology() {
	weft_ns_add sw h1 h2 || return 1
	weft_link sw s1 h1 eth0 10.0.0.1/24 || return 1
	weft_link sw s2 h2 eth0 10.0.0.2/24 || return 1
	weft_wait_up h1 eth0 || return 1
	weft_wait_up h2 eth0 || return 1
	H1MAC=$(weft_mac h1 eth0)
	H2MAC=$(weft_mac h2 eth0)
	weft_neigh h1 eth0 10.0.0.2 "$H2MAC" || return 1
	weft_neigh h2 eth0 10.0.0.1 "$H1MAC"
}
