# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared helpers of weft's shell selftests.  A test sources this file first:
#
#	. "$(dirname "$(readlink -f "$0")")/lib.sh"
#	weft_init
#	...checks...
#	weft_done
#
# Output is TAP: one "ok N - desc" / "not ok N - desc" line per check, "#"
# lines for everything else, and "1..N" at the end (printed by the EXIT
# trap, so a test that dies half-way still ends with its plan and fails).
#
# Namespaces are named by role (sw, h1, h2 ...); the real netns names carry
# the test's pid so that a leftover of a crashed run never collides.  Every
# namespace, background process and temporary file is removed by the EXIT
# trap, which then reports two last checks: the module's object counters
# back to zero (waited for, bounded) and no kernel warning since the start.
#
# The environment comes from the guest test contract: weftctl on PATH,
# $WEFT_KO the module (already loaded when the test starts, and loaded
# again by the trap if a test unloaded it), debugfs mounted.

set -u
set -o pipefail

IP=/bin/ip
WEFT_NAME=${0##*/}
WEFT_PREFIX="weft$$"
WEFT_OBJECTS=/sys/kernel/debug/weft/objects
WEFT_N=0
WEFT_FAILED=0
WEFT_NETNS=()
WEFT_PIDS=()
WEFT_TMP=
declare -A WEFT_SNAP=()

# Pretty-printed steps go to fd 3, the original stdout, so that they show
# even from inside $(...) and never pollute captured output.
exec 3>&1

# TAP ----------------------------------------------------------------------

weft_diag() { printf '# %s\n' "$*"; }

weft_ok() {
	WEFT_N=$((WEFT_N + 1))
	printf 'ok %d - %s\n' "$WEFT_N" "$1"
}

weft_not_ok() {
	WEFT_N=$((WEFT_N + 1))
	WEFT_FAILED=$((WEFT_FAILED + 1))
	printf 'not ok %d - %s\n' "$WEFT_N" "$1"
}

weft_skip() {
	WEFT_N=$((WEFT_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$WEFT_N" "$1" "$2"
}

# pretty ROLE TEXT: show a step, as wireguard's netns.sh does.
pretty() { printf '# [+] %s%s\n' "${1:+$1: }" "$2" >&3; }

# weft_run CMD...: run CMD, show its output as TAP comments, keep its status.
weft_run() {
	local out rc

	out=$("$@" 2>&1)
	rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	return "$rc"
}

# check DESC CMD...: CMD must succeed.
check() {
	local desc=$1

	shift
	if weft_run "$@"; then
		weft_ok "$desc"
	else
		weft_not_ok "$desc"
	fi
}

# check_status DESC STATUS CMD...: CMD must exit with exactly STATUS (so
# that a usage error, status 2, never passes for an expected refusal).
check_status() {
	local desc=$1 want=$2 rc

	shift 2
	weft_run "$@"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		weft_ok "$desc"
	else
		weft_diag "exit status $rc, expected $want"
		weft_not_ok "$desc"
	fi
}

# check_err DESC PATTERN CMD...: CMD must exit 1 with PATTERN in its output.
check_err() {
	local desc=$1 pattern=$2 out rc

	shift 2
	out=$("$@" 2>&1)
	rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/#   /'
	if [ "$rc" -eq 1 ] && grep -qF -- "$pattern" <<<"$out"; then
		weft_ok "$desc"
	else
		weft_diag "exit status $rc (expected 1), looked for \"$pattern\""
		weft_not_ok "$desc"
	fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		weft_ok "$1"
	else
		weft_diag "expected '$2', got '$3'"
		weft_not_ok "$1"
	fi
}

# check_gt DESC VALUE LIMIT: VALUE is a number greater than LIMIT.
check_gt() {
	if [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -gt "$3" ]; then
		weft_ok "$1"
	else
		weft_diag "expected a number > $3, got '$2'"
		weft_not_ok "$1"
	fi
}

# must CMD...: a setup step; if it fails the test cannot go on.  CMD runs
# in a subshell (its output is captured): nothing it sets survives.
must() {
	if ! weft_run "$@"; then
		weft_not_ok "setup: $*"
		exit 1
	fi
}

# need CMD...: a setup step run in this shell, for the helpers that record
# state for the trap (weft_ns_add, weft_bg, weft_iperf_server).
need() {
	if ! "$@"; then
		weft_not_ok "setup: $*"
		exit 1
	fi
}

# Namespaces ---------------------------------------------------------------

weft_nsname() { printf '%s-%s' "$WEFT_PREFIX" "$1"; }

# in_ns ROLE CMD...: run CMD in the role's namespace, showing the step.
# ROLE "-" is the test's own namespace.
in_ns() {
	local ns=$1

	shift
	pretty "$ns" "$*"
	in_ns_q "$ns" "$@"
}

# in_ns_q ROLE CMD...: the same, quietly (queries and polls).  weftctl
# enters the namespace itself (-n): ip netns exec's remount of /sys costs
# a tenth of a second under emulation, hundreds of times per test.
in_ns_q() {
	local ns=$1

	shift
	if [ "$ns" = - ]; then
		"$@"
	elif [ "$1" = weftctl ]; then
		shift
		weftctl -n "$WEFT_PREFIX-$ns" "$@"
	else
		"$IP" netns exec "$WEFT_PREFIX-$ns" "$@"
	fi
}

# ipn ROLE ARGS...: iproute2 in the role's namespace.
ipn() {
	local ns=$1

	shift
	pretty "$ns" "ip $*"
	"$IP" -n "$(weft_nsname "$ns")" "$@"
}

# weft_ns_add ROLE...: new namespaces with IPv6 off (no DAD/RS/MLD packets
# to disturb exact counters) and lo up.
weft_ns_add() {
	local role ns

	for role in "$@"; do
		ns=$(weft_nsname "$role")
		pretty "" "ip netns add $ns"
		"$IP" netns add "$ns" || return 1
		WEFT_NETNS+=("$ns")
		"$IP" netns exec "$ns" sysctl -q -w \
			net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1 >/dev/null 2>&1
		"$IP" -n "$ns" link set lo up || return 1
	done
}

# weft_ns_del ROLE: delete a namespace now (the trap will not retry it).
weft_ns_del() {
	local ns i

	ns=$(weft_nsname "$1")
	for i in "${!WEFT_NETNS[@]}"; do
		[ "${WEFT_NETNS[$i]}" != "$ns" ] || unset 'WEFT_NETNS[i]'
	done
	pretty "" "ip netns del $ns"
	"$IP" netns del "$ns"
}

# weft_link SW SWIF HOST HOSTIF [ADDR/LEN]: a veth pair from the switch
# namespace to a host namespace, the host end addressed, both ends up.
# (iproute2 reads "ip link add X" as "address X": always say "name".)
weft_link() {
	local sw=$1 swif=$2 host=$3 hif=$4 addr=${5:-}

	ipn "$sw" link add name "$swif" type veth peer name "$hif" \
		netns "$(weft_nsname "$host")" || return 1
	if [ -n "$addr" ]; then
		ipn "$host" addr add "$addr" dev "$hif" || return 1
	fi
	ipn "$sw" link set "$swif" up || return 1
	ipn "$host" link set "$hif" up
}

# Up with carrier: flags "UP,LOWER_UP" (operstate may say UNKNOWN for
# devices without carrier management, such as internal ports).
# (No "| grep -q" under pipefail: grep exiting early can fail the pipe.)
weft_link_is_up() {
	[[ $("$IP" -n "$(weft_nsname "$1")" link show dev "$2" 2>/dev/null) == *"UP,LOWER_UP"* ]]
}

# weft_wait_up ROLE IF: wait (bounded) for the link to be up with carrier.
weft_wait_up() {
	weft_wait 20 weft_link_is_up "$1" "$2" ||
		{ weft_diag "$1: $2 is not up"; return 1; }
}

# weft_dp_ports ROLE DP DEV...: a datapath in ROLE's namespace with the
# DEVs as its ports 1, 2, ... in that order; each step is a check.
weft_dp_ports() {
	local ns=$1 dp=$2 dev n=0

	shift 2
	check "dp add $dp" in_ns "$ns" weftctl dp add "$dp"
	for dev in "$@"; do
		n=$((n + 1))
		check "port add $dev as port $n" \
			in_ns "$ns" weftctl port add "$dp" "$dev" port_no "$n"
	done
}

weft_mac() {
	"$IP" -n "$(weft_nsname "$1")" -br link show dev "$2" | awk '{ print $3 }'
}

# weft_neigh ROLE IF ADDR MAC: a permanent neighbour, so no ARP is sent.
weft_neigh() {
	ipn "$1" neigh replace "$3" lladdr "$4" dev "$2" nud permanent
}

# weft_neigh_mac ROLE IF ADDR: the lladdr the host has for ADDR, if any.
weft_neigh_mac() {
	"$IP" -n "$(weft_nsname "$1")" neigh show "$3" dev "$2" |
		awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'
}

# Processes ------------------------------------------------------------------

# weft_bg ROLE LOG CMD...: start CMD in the background in ROLE's namespace;
# killed by the trap.  fd 3 is closed so that a straggler can never keep
# the runner's pipe open.  The pid is left in WEFT_BG_PID.
# The subshell drops this shell's traps before exec: killed in that window
# it would otherwise run the EXIT trap (cleanup, plan) a second time.
weft_bg() {
	local ns log="$WEFT_TMP/$2.log"

	ns=$(weft_nsname "$1")
	pretty "$1" "${*:3} &"
	shift 2
	(
		trap - EXIT INT TERM HUP
		exec "$IP" netns exec "$ns" "$@"
	) >"$log" 2>&1 3>&- &
	WEFT_BG_PID=$!
	WEFT_PIDS+=("$WEFT_BG_PID")
}

# Read from /proc, not ps: no process to start for every poll.
weft_alive() {
	local st

	{ read -r st <"/proc/$1/stat"; } 2>/dev/null || return 1
	st=${st##*) }
	[[ $st != Z* ]]
}

# weft_kill PID: TERM, then KILL if it is still there after 5 s (a TERM
# that lands while the child is between fork and exec can be lost).
weft_kill() {
	local i

	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	for i in $(seq 50); do
		weft_alive "$1" || break
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# weft_wait SECONDS CMD...: poll CMD until it succeeds; 1 on timeout.
weft_wait() {
	local end=$((SECONDS + $1))

	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# weft_until SECONDS OP VALUE CMD...: poll until CMD's output compares to
# VALUE with test's OP (=, -gt, -ge ...); 1 on timeout.  CMD runs at every
# poll, where `weft_wait N test "$(CMD)" ...` would test one reading again
# and again until the time is up.
weft_until() {
	local secs=$1

	shift
	weft_wait "$secs" weft_cmp "$@"
}

weft_cmp() {
	local op=$1 want=$2 v

	shift 2
	# No status test: grep -c says 1 when it counts 0.
	v=$("$@" 2>/dev/null)
	case $op in
	=) [ "$v" = "$want" ] ;;
	*) [[ $v =~ ^[0-9]+$ ]] && test "$v" "$op" "$want" ;;
	esac
}

# Traffic ------------------------------------------------------------------

# check_ping DESC ROLE DST COUNT: every one of COUNT echo requests answered.
check_ping() {
	local out rc

	out=$(in_ns "$2" ping -c "$4" -i 0.2 -W 2 -q "$3" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E 'transmitted|rtt' | sed 's/^/#   /'
	if [ "$rc" -eq 0 ] && grep -q "$4 packets transmitted, $4 received" <<<"$out"; then
		weft_ok "$1"
	else
		weft_diag "ping exit status $rc"
		weft_not_ok "$1"
	fi
}

# check_no_ping DESC ROLE DST COUNT: no answer at all (ping's status 1,
# not 2, which would be a local error).
check_no_ping() {
	local out rc

	out=$(in_ns "$2" ping -c "$4" -i 0.2 -W 2 -q "$3" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E 'transmitted|rtt|ping:' | sed 's/^/#   /'
	if [ "$rc" -eq 1 ] && grep -q "$4 packets transmitted, 0 received" <<<"$out"; then
		weft_ok "$1"
	else
		weft_diag "ping exit status $rc, expected 1 with no reply"
		weft_not_ok "$1"
	fi
}

# weft_rx_packets ROLE DEV: the device's received packets, from the
# one-line statistics of iproute2 (no JSON parser to start).
weft_rx_packets() {
	"$IP" -n "$(weft_nsname "$1")" -s -o link show dev "$2" |
		sed -n 's/.*RX: *bytes *packets[^\\]*\\ *[0-9]* *\([0-9]*\).*/\1/p'
}

weft_listening() { [ -n "$(in_ns_q "$1" ss -Hltn "sport = :$2")" ]; }

# weft_iperf_server ROLE PORT: iperf3 server, listening when this returns.
weft_iperf_server() {
	weft_bg "$1" "iperf3-server-$2" iperf3 -s -p "$2" || return 1
	weft_wait 20 weft_listening "$1" "$2"
}

weft_iperf() {
	in_ns "$1" timeout 60 iperf3 -c "$2" -p "$3" -t 2 --connect-timeout 3000
}

# check_iperf DESC CLIENT_ROLE SERVER_ADDR PORT: a 2 s TCP transfer
# completes.
check_iperf() {
	local out rc

	out=$(weft_iperf "$2" "$3" "$4" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E 'sender|receiver|error' | sed 's/^/#   /'
	if [ "$rc" -eq 0 ] && grep -q receiver <<<"$out"; then
		weft_ok "$1"
	else
		weft_diag "iperf3 exit status $rc"
		weft_not_ok "$1"
	fi
}

# check_no_iperf DESC CLIENT_ROLE SERVER_ROLE SERVER_ADDR PORT: the client
# cannot connect, while the server is known to be listening (so that only
# the datapath is in the way).
check_no_iperf() {
	local out rc

	if ! weft_listening "$3" "$5"; then
		weft_diag "iperf3 server not listening in $3"
		weft_not_ok "$1"
		return
	fi
	out=$(weft_iperf "$2" "$4" "$5" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E 'sender|receiver|error' | sed 's/^/#   /'
	if [ "$rc" -ne 0 ] && grep -q 'unable to connect' <<<"$out"; then
		weft_ok "$1"
	else
		weft_diag "iperf3 exit status $rc, expected a connection failure"
		weft_not_ok "$1"
	fi
}

# weftctl JSON -------------------------------------------------------------

# weft_json count | list FIELD | get KEY=VALUE FIELD[.SUB] |
#           table KEY FIELD[.SUB]...  (stdin: JSON)
# Accepts a list of objects or an object holding one; numbers may be JSON
# numbers or strings ("0x2a"); empty input is an error, never "0 objects".
#
# One python process per test answers every query over a pair of FIFOs:
# under emulation a python start costs most of a second, and the tests
# query hundreds of times.  Request: the argument count, one argument per
# line, the JSON, then a line holding only RS (0x1e), which valid JSON
# cannot contain unescaped.  Answer: the output, then RS and the status.
WEFT_JSON_PY='
import json, sys

class Fail(Exception):
    pass

def objs(v):
    if isinstance(v, dict):
        for k in ("flows", "ports", "datapaths", "dps"):
            if isinstance(v.get(k), list):
                return v[k]
        return [v]
    return v if isinstance(v, list) else []

def num(x):
    if isinstance(x, str):
        try:
            return int(x, 0)
        except ValueError:
            return x
    return x

def show(x):
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, (dict, list)):
        return json.dumps(x, sort_keys=True)
    return str(x)

def query(argv, raw):
    if not raw.strip():
        raise Fail("weft_json: no input")
    data = objs(json.loads(raw))
    mode = argv[0] if argv else ""
    out = []
    if mode == "count":
        out.append(len(data))
    elif mode == "list":
        for o in data:
            out.append(show(o.get(argv[1]) if isinstance(o, dict) else None))
    elif mode == "get":
        key, _, val = argv[1].partition("=")
        hits = [o for o in data if isinstance(o, dict) and key in o and
                (show(o[key]) == val or num(o[key]) == num(val))]
        if len(hits) != 1:
            raise Fail("weft_json: %d objects with %s" % (len(hits), argv[1]))
        o = hits[0]
        for part in argv[2].split("."):
            if not isinstance(o, dict) or part not in o:
                raise Fail("weft_json: no field %s" % argv[2])
            o = o[part]
        out.append(show(o))
    elif mode == "table":
        # one "KEY-VALUE FIELD VALUE" line per object and field
        for o in data:
            for f in argv[2:]:
                v = o
                for part in f.split("."):
                    v = v.get(part) if isinstance(v, dict) else None
                out.append("%s %s %s" % (show(o.get(argv[1])), f, show(v)))
    else:
        raise Fail("weft_json: bad mode " + mode)
    return "".join("%s\n" % line for line in out)

def answer(argv, raw):
    try:
        return 0, query(argv, raw)
    except Fail as e:
        return 1, "%s\n" % e
    except Exception as e:
        return 1, "weft_json: %s: %s\n" % (type(e).__name__, e)

if sys.argv[1:] == ["--serve"]:
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        argv = [sys.stdin.readline().rstrip("\n") for _ in range(int(line))]
        raw = []
        for line in iter(sys.stdin.readline, ""):
            if line == "\x1e\n":
                break
            raw.append(line)
        status, text = answer(argv, "".join(raw))
        sys.stdout.write("%s\x1e%d\n" % (text, status))
        sys.stdout.flush()
else:
    status, text = answer(sys.argv[1:], sys.stdin.read())
    (sys.stderr if status else sys.stdout).write(text)
    sys.exit(status)
'
WEFT_JSON_PID=
WEFT_JSON_W=
WEFT_JSON_R=

# weft_json_start: the query server, from the test's own shell (its FIFOs'
# descriptors are then inherited by every $(...) that queries).
weft_json_start() {
	local fifo=$WEFT_TMP/json

	mkfifo "$fifo.in" "$fifo.out" || return 1
	(
		trap - EXIT INT TERM HUP
		exec python3 -c "$WEFT_JSON_PY" --serve <"$fifo.in" >"$fifo.out" 3>&-
	) &
	WEFT_JSON_PID=$!
	# Opens pair with the server's: writer first, as it opens stdin first.
	exec {WEFT_JSON_W}>"$fifo.in" {WEFT_JSON_R}<"$fifo.out"
}

weft_json_stop() {
	[ -n "$WEFT_JSON_PID" ] || return 0
	exec {WEFT_JSON_W}>&- {WEFT_JSON_R}<&-
	weft_kill "$WEFT_JSON_PID"
	WEFT_JSON_PID=
}

weft_json() {
	local line out='' status=''

	# An argument with a newline would not fit the line protocol.
	if [ -z "$WEFT_JSON_PID" ] || ! kill -0 "$WEFT_JSON_PID" 2>/dev/null ||
		[[ $* == *$'\n'* ]]; then
		python3 -c "$WEFT_JSON_PY" "$@"
		return
	fi
	{ printf '%s\n' "$#" "$@"; cat; printf '\n\x1e\n'; } >&"$WEFT_JSON_W"
	while IFS= read -r -t 120 line <&"$WEFT_JSON_R"; do
		if [[ $line == $'\x1e'* ]]; then
			status=${line#?}
			break
		fi
		out+=$line$'\n'
	done
	if [ -z "$status" ]; then
		# Its late answer would be read as the next one's: stop it, and
		# the next queries start python each.
		kill "$WEFT_JSON_PID" 2>/dev/null
		echo "weft_json: no answer from the query server" >&2
		return 1
	fi
	if [ "$status" = 0 ]; then
		printf '%s' "$out"
	else
		printf '%s' "$out" >&2
	fi
	return "$status"
}

# weft_q ROLE JSONARGS -- WEFTCTL-ARGS: query weftctl -j, print "error" if
# weftctl or the selection failed (so that a comparison fails loudly).
weft_q() {
	local ns=$1 jargs=() out

	shift
	while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
		jargs+=("$1")
		shift
	done
	shift
	if ! out=$(in_ns_q "$ns" weftctl -j "$@" 2>"$WEFT_TMP/weftctl.err"); then
		printf 'error(weftctl %s: %s)\n' "$*" "$(cat "$WEFT_TMP/weftctl.err")"
		return 1
	fi
	weft_json "${jargs[@]}" <<<"$out" 2>&1 || { echo "error"; return 1; }
}

# Fields of one object; FIELD may be nested, as stats.rx_packets.
weft_flow_field() { weft_q "$1" get "cookie=$3" "$4" -- flow dump "$2"; }
weft_port_field() { weft_q "$1" get "name=$3" "$4" -- port show "$2"; }
weft_dp_field() { weft_q "$1" get "name=$2" "$3" -- dp show "$2"; }
weft_flow_count() { weft_q "$1" count -- flow dump "$2"; }

# weft_port_stat_gt ROLE DP PORT FIELD MIN: the port counter exceeds MIN
# (to poll for traffic with weft_wait).
weft_port_stat_gt() {
	local v

	v=$(weft_port_field "$1" "$2" "$3" "stats.$4")
	[[ $v =~ ^[0-9]+$ ]] && [ "$v" -gt "$5" ]
}

# weft_delta BEFORE AFTER: AFTER - BEFORE, or an error text.
weft_delta() {
	if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]]; then
		echo $(($2 - $1))
	else
		echo "error(before '$1', after '$2')"
	fi
}

# weft_snap ROLE DP PORT...: remember the counters of the datapath and of
# the ports; weft_dp_since / weft_port_since give the change since then.
weft_snap() {
	local ns=$1 dp=$2 name field value

	shift 2
	WEFT_SNAP=()
	while read -r name field value; do
		[ "$name" = "$dp" ] && WEFT_SNAP[dp.${field#stats.}]=$value
	done < <(weft_q "$ns" table name stats.lookups stats.hits \
			stats.misses stats.lost -- dp show "$dp")
	[ "$#" -gt 0 ] || return 0
	while read -r name field value; do
		WEFT_SNAP[$name.${field#stats.}]=$value
	done < <(weft_q "$ns" table name stats.rx_packets stats.rx_bytes \
			stats.tx_packets stats.tx_bytes -- port show "$dp")
}

weft_dp_since() {
	weft_delta "${WEFT_SNAP[dp.$3]:-}" "$(weft_dp_field "$1" "$2" "stats.$3")"
}

weft_port_since() {
	weft_delta "${WEFT_SNAP[$3.$4]:-}" \
		"$(weft_port_field "$1" "$2" "$3" "stats.$4")"
}

# Module -------------------------------------------------------------------

weft_module_loaded() { [ -d /sys/module/weft ]; }

weft_module_load() {
	if [ -z "${WEFT_KO:-}" ]; then
		weft_diag "WEFT_KO is not set"
		return 1
	fi
	pretty "" "insmod $WEFT_KO"
	insmod "$WEFT_KO"
}

weft_module_ensure() { weft_module_loaded || weft_module_load; }

# weft_objects NAME: a live object count from debugfs (datapaths, ports,
# flows, actions).
weft_objects() { awk -v k="$1" '$1 == k { print $2 }' "$WEFT_OBJECTS" 2>/dev/null; }

weft_objects_zero() {
	local k v

	for k in datapaths ports flows actions; do
		v=$(weft_objects "$k")
		[ "$v" = 0 ] || return 1
	done
}

# check_objects_zero DESC: every count back to zero (namespace teardown and
# RCU frees are asynchronous: wait for them, bounded).
check_objects_zero() {
	if weft_wait 60 weft_objects_zero; then
		weft_ok "$1"
	else
		weft_diag "$(tr '\n' ' ' <"$WEFT_OBJECTS" 2>&1)"
		weft_not_ok "$1"
	fi
}

# Kernel log ---------------------------------------------------------------

WEFT_KMSG_MARK=
WEFT_KMSG_BAD='WARNING:|BUG:|Oops|UBSAN:|KASAN:|refcount_t:|unreferenced object|general protection|list_(add|del) corruption'

weft_kmsg_mark() {
	WEFT_KMSG_MARK="weft-selftest[$$]: $WEFT_NAME start"
	echo "$WEFT_KMSG_MARK" 2>/dev/null >/dev/kmsg || WEFT_KMSG_MARK=
}

# check_kernel_log DESC: no warning-like kernel line after our marker.  The
# guest runner checks the whole log too; this one names the guilty test.
check_kernel_log() {
	local log bad

	if [ -z "$WEFT_KMSG_MARK" ] || ! log=$(dmesg 2>/dev/null); then
		weft_skip "$1" "kernel log not accessible"
		return
	fi
	if ! grep -qF -- "$WEFT_KMSG_MARK" <<<"$log"; then
		weft_diag "marker not found (log wrapped?): checking the whole log"
	else
		log=$(awk -v m="$WEFT_KMSG_MARK" 'seen; index($0, m) { seen = 1 }' <<<"$log")
	fi
	bad=$(grep -E -- "$WEFT_KMSG_BAD" <<<"$log")
	if [ -z "$bad" ]; then
		weft_ok "$1"
	else
		printf '%s\n' "$bad" | head -n 20 | sed 's/^/#   /'
		weft_not_ok "$1"
	fi
}

# Life cycle ---------------------------------------------------------------

weft_cleanup() {
	local pid ns

	for pid in "${WEFT_PIDS[@]}"; do
		weft_kill "$pid"
	done
	WEFT_PIDS=()
	weft_json_stop
	for ns in "${WEFT_NETNS[@]}"; do
		"$IP" netns del "$ns" 2>/dev/null
	done
	WEFT_NETNS=()
	if ! weft_module_ensure; then
		weft_not_ok "cleanup: weft module loaded again"
	fi
	check_objects_zero "cleanup: every weft object freed"
	check_kernel_log "cleanup: no kernel warning since the test started"
	[ -z "$WEFT_TMP" ] || rm -rf "$WEFT_TMP"
}

weft_exit() {
	local rc=$?

	# A child forked by this shell and signalled before it could reset the
	# inherited traps lands here too: only the test's own shell cleans up.
	[ "$BASHPID" = "$$" ] || exit "$rc"
	trap - EXIT
	weft_cleanup
	printf '1..%d\n' "$WEFT_N"
	if [ "$rc" -ne 0 ] || [ "$WEFT_FAILED" -ne 0 ] || [ "$WEFT_N" -eq 0 ]; then
		weft_diag "$WEFT_NAME: $WEFT_FAILED of $WEFT_N checks failed"
		exit 1
	fi
	exit 0
}

# weft_init: TAP header, trap, and the environment the contract promises.
weft_init() {
	local tool

	echo "TAP version 13"
	trap weft_exit EXIT
	trap 'exit 130' INT TERM HUP
	WEFT_TMP=$(mktemp -d /tmp/weft-selftest.XXXXXX) || exit 1
	weft_kmsg_mark
	for tool in "$IP" weftctl python3 ping iperf3 ss ps timeout insmod rmmod; do
		if ! command -v "$tool" >/dev/null; then
			weft_not_ok "setup: $tool is available"
			exit 1
		fi
	done
	if ! weft_module_ensure; then
		weft_not_ok "setup: weft module loaded"
		exit 1
	fi
	if [ ! -r "$WEFT_OBJECTS" ]; then
		weft_not_ok "setup: $WEFT_OBJECTS readable (debugfs mounted?)"
		exit 1
	fi
	weft_json_start || weft_diag "no JSON query server: one python per query"
}

# weft_done: end of the test; the EXIT trap cleans up and prints the plan.
weft_done() { exit 0; }
