#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# weftd's OpenFlow framing and session rules (ofp_wire.py speaks raw
# bytes to it), with weftd built with ASan and UBSan when that build is
# there: it must survive everything, and exit cleanly, without a leak,
# when told to stop.

. "$(dirname "$(readlink -f "$0")")/lib.sh"

DP=wdp0
OFP=6634
HERE=$(dirname "$(readlink -f "$0")")
WEFTD=${WEFTD:-$HERE/../agent/tests/build/weftd-asan}
[ -x "$WEFTD" ] || WEFTD=$(command -v weftd)

weft_init
need weft_ns_add sw h1
must weft_link sw s1 h1 eth0 10.0.0.1/24
weft_diag "weftd: $WEFTD"
weft_bg sw weftd env ASAN_OPTIONS=detect_leaks=1 "$WEFTD" -f /dev/null -d "$DP" \
	-l "ptcp:$OFP:127.0.0.1" --ctl "$WEFT_TMP/weftd.ctl" --probe-interval 60
WEFTD_PID=$WEFT_BG_PID
weft_wait 60 weft_listening sw "$OFP" || { weft_not_ok "setup: weftd listens"; exit 1; }
check "port add s1" in_ns sw weftctl port add "$DP" s1 port_no 1

while read -r word ok desc; do
	if [ "$word" != RESULT ]; then
		printf '%s %s %s\n' "$word" "$ok" "$desc"
	elif [ "$ok" = 1 ]; then
		weft_ok "$desc"
	else
		weft_not_ok "$desc"
	fi
done < <(in_ns sw timeout 300 python3 "$HERE/ofp_wire.py" 127.0.0.1 "$OFP" 2>&1)

check "weftd is still running" weft_alive "$WEFTD_PID"
pretty sw "kill -TERM weftd"
kill -TERM "$WEFTD_PID"
weft_wait 20 bash -c "! kill -0 $WEFTD_PID 2>/dev/null"
wait "$WEFTD_PID"
check_eq "weftd exits 0 on SIGTERM (no leak, no sanitizer report)" 0 "$?"
grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error' "$WEFT_TMP/weftd.log" | head -n 20 | sed 's/^/#   /'
check_eq "weftd's log has no sanitizer report" 0 \
	"$(grep -cE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$WEFT_TMP/weftd.log")"
check "the datapath outlives weftd" in_ns sw weftctl dp show "$DP"
check "dp del" in_ns sw weftctl dp del "$DP"

weft_done
