# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the cache tests (emc.sh, megaflow.sh) share: the datapath in the
# switch namespace "sw", and readers of the hosts' rx counters and of the
# datapath's, tables' and flows' counters.  Sourced after lib.sh.

DP=wdp0

# rx ROLE: packets ROLE's eth0 received.
rx() { weft_rx_packets "$1" eth0; }
# rx_since BEFORE ROLE: packets ROLE received since it had BEFORE.
# shellcheck disable=SC2317 # called through weft_until
rx_since() { weft_delta "$1" "$(rx "$2")"; }
# dpstat FIELD, tstat TABLE FIELD, npk COOKIE: one counter.
dpstat() { weft_dp_field sw "$DP" "stats.$1"; }
tstat() { weft_q sw get "table_id=$1" "$2" -- table show "$DP"; }
npk() { weft_flow_field sw "$DP" "$1" n_packets; }
