#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The traffic source of the benchmark: the kernel's pktgen on the sender's
# eth0.  Run inside the sender's network namespace (pktgen's /proc/net/pktgen
# is per namespace), by scripts/bench.d/lib.sh:
#
#   pktgen.sh setup single|many HITS DSTMAC
#   pktgen.sh start          blocks until `stop` (run it in the background)
#   pktgen.sh stop           prints the packets sent since the setup
#   pktgen.sh cleanup        stops pktgen if it runs, quietly
#
# Frames are 60 bytes plus the 4-byte FCS nobody emulates: 64-byte UDP.
#   single: 10.0.0.1:9 -> 10.1.0.0:9, one flow
#   many:   10.0.0.1..10.0.0.254 -> 10.1.0.0 + 0..HITS-1, udp src
#           1000..1006, udp dst 0..1023, every field stepping by one per
#           packet: with HITS = 10000, millions of distinct 5-tuples before
#           one repeats.
# veth cannot share an skb between transmissions (no IFF_TX_SKB_SHARING),
# so clone_skb must be 0: pktgen builds every frame, as a real sender would.
set -euo pipefail

PG=/proc/net/pktgen
DEV=eth0

pgset() {
	local file=$1
	shift
	local res
	echo "$*" >"$file"
	# pktgen reports a refused command in the file's Result: line (read
	# without forking: each fork is slow under emulation).
	res=$(<"$file")
	if [[ "$res" != *"Result: OK"* ]]; then
		echo "pktgen.sh: \"$*\" refused: ${res##*Result: }" >&2
		exit 1
	fi
}

ip_add() { # dotted quad + integer offset
	local a b c d n
	IFS=. read -r a b c d <<<"$1"
	n=$(((a << 24 | b << 16 | c << 8 | d) + $2))
	echo "$((n >> 24 & 255)).$((n >> 16 & 255)).$((n >> 8 & 255)).$((n & 255))"
}

setup() {
	local mode=$1 hits=$2 dmac=$3 d=$PG/$DEV c
	[ -e $PG/pgctrl ] || { echo "pktgen.sh: no $PG (modprobe pktgen)" >&2; exit 1; }
	pgset $PG/kpktgend_0 rem_device_all
	pgset $PG/kpktgend_0 add_device $DEV
	for c in "count 0" "clone_skb 0" "burst 1" "pkt_size 60" "delay 0" \
		"dst_mac $dmac"; do
		pgset $d "$c"
	done
	case "$mode" in
	single)
		for c in "src_min 10.0.0.1" "src_max 10.0.0.1" \
			"dst_min 10.1.0.0" "dst_max 10.1.0.0" \
			"udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" "udp_dst_max 9"; do
			pgset $d "$c"
		done ;;
	many)
		# Port maxima are exclusive in pktgen, address maxima inclusive.
		for c in "src_min 10.0.0.1" "src_max 10.0.0.254" \
			"dst_min 10.1.0.0" "dst_max $(ip_add 10.1.0.0 $((hits - 1)))" \
			"udp_src_min 1000" "udp_src_max 1007" "udp_dst_min 0" "udp_dst_max 1024"; do
			pgset $d "$c"
		done ;;
	*) echo "pktgen.sh: unknown mode \"$mode\"" >&2; exit 2 ;;
	esac
}

case "${1:-}" in
setup) setup "$2" "$3" "$4" ;;
start) echo start >$PG/pgctrl ;;
stop)
	echo stop >$PG/pgctrl
	[ ! -e $PG/$DEV ] || sed -n 's/.*pkts-sofar: \([0-9]*\).*/\1/p' $PG/$DEV ;;
cleanup)
	# Writing stop when nothing runs makes pktgen warn on the console.
	[ -e $PG/kpktgend_0 ] || exit 0
	t=$(<$PG/kpktgend_0)
	[[ "$t" != *"Running: $DEV"* ]] || echo stop >$PG/pgctrl ;;
*) echo "usage: pktgen.sh setup|start|stop|cleanup ..." >&2; exit 2 ;;
esac
