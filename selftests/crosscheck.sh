#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's pipeline against an independent reference: for several
# random cases (flows over a small field space, so that overlaps and
# priorities matter, in several tables with goto, write_metadata, set_field
# and table-miss behaviours) the kernel's WEFT_CMD_TRACE of every packet
# must equal, line for line, what agent/tests/refcls (a brute-force
# classifier written apart from the kernel code) computes.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
REFCLS=$(dirname "$(readlink -f "$0")")/../agent/tests/refcls
SEEDS=${WEFT_CROSSCHECK_SEEDS:-"1 2 3"}
N=${WEFT_CROSSCHECK_N:-50}
WORK=$(mktemp -d)

# shellcheck disable=SC2317 # called through check
set_tables() {
	local _t id miss

	while read -r _t id miss; do
		in_ns sw weftctl table set "$DP" "$id" "$miss" || return 1
	done < <(grep '^table ' "$1")
}

weft_init
need test -x "$REFCLS"
need weft_ns_add sw h1 h2 h3
# refcls cases use ports 1..3: three veths, numbered accordingly.
must weft_link sw s1 h1 eth0 10.0.0.1/24
must weft_link sw s2 h2 eth0 10.0.0.2/24
must weft_link sw s3 h3 eth0 10.0.0.3/24

for seed in $SEEDS; do
	case=$WORK/case-$seed
	"$REFCLS" --random "$seed" "$N" > "$case"
	check "dp add (seed $seed)" in_ns sw weftctl dp add "$DP"
	for p in 1 2 3; do
		must in_ns sw weftctl port add "$DP" "s$p" port_no "$p"
	done
	# "table N miss=X" lines, then the flows, then the packets.
	check "seed $seed: table settings" set_tables "$case"
	sed -n 's/^flow //p' "$case" > "$WORK/flows-$seed"
	sed -n 's/^packet //p' "$case" > "$WORK/packets-$seed"
	check "seed $seed: $(wc -l < "$WORK/flows-$seed") flows installed" \
		in_ns sw weftctl flow add "$DP" --file "$WORK/flows-$seed"

	"$REFCLS" "$case" > "$WORK/want-$seed"
	while read -r pkt; do
		in_ns_q sw weftctl -j trace "$DP" "$pkt" || echo "trace failed: $pkt"
	done < "$WORK/packets-$seed" > "$WORK/got-$seed"
	if diff -u "$WORK/want-$seed" "$WORK/got-$seed" > "$WORK/diff-$seed"; then
		weft_ok "seed $seed: kernel trace == reference for $(wc -l < "$WORK/packets-$seed") packets"
	else
		head -20 "$WORK/diff-$seed" | sed 's/^/# /'
		weft_not_ok "seed $seed: kernel trace == reference"
	fi
	check "dp del (seed $seed)" in_ns sw weftctl dp del "$DP"
done
rm -rf "$WORK"
check_objects_zero "objects: everything freed"

weft_done
