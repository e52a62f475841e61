#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the benchmark's rule files, in ovs-ofctl flow syntax.

    scripts/bench.d/genrules.py OUTDIR

Every file is read as it is by both `ovs-ofctl add-flows BR FILE` and
`weftctl flow add DP --file FILE`: one flow per line, ports by number
(port 1 faces the sender, port 2 the receiver), `#` comments.  The output
is deterministic (fixed seed), so two runs measure the same rules.

The traffic the rules are written for is the one scripts/bench.d/lib.sh
sends with pktgen (keep the two in step):
  single flow  10.0.0.1:9 -> 10.1.0.0:9, UDP
  many flows   src 10.0.0.1..10.0.0.254, dst 10.1.0.0 + (0 .. min(hits,
               10000) - 1), udp src 1000..1006, udp dst 0..1023, all
               stepping by one per packet
"""

import os
import random
import sys

# First address of the pktgen destinations (10.1.0.0) and how many of them
# the many-flow traffic walks through at most.
TRAFFIC_BASE = (10 << 24) | (1 << 16)
TRAFFIC_SPAN = 10000
TRAFFIC_DPORTS = 1024
CURVE_SIZES = (1, 100, 1000, 10000, 100000)
INSTALL_ONLY_SIZES = (2000,)


def ip(n):
    return "%d.%d.%d.%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255)


def write(path, header, lines):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join("# %s\n" % h for h in header))
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)


def l2():
    """Workload 1: plain port-to-port forwarding, one rule each way."""
    return ["priority=100,in_port=1,actions=output:2",
            "priority=100,in_port=2,actions=output:1"]


def exact_l3(n):
    """N exact IPv4 destination rules in table 0, all of one mask.

    With n >= 2, two of them route the hosts' own addresses (10.0.0.1 back
    to port 1, 10.0.0.2 to port 2) so iperf3 can run over the same table;
    the neighbours are static, so no ARP rule is needed.  The others send
    10.1.0.0, 10.1.0.1, ... to port 2: the pktgen destinations."""
    lines = []
    if n >= 2:
        lines += ["priority=100,ip,nw_dst=10.0.0.1,actions=output:1",
                  "priority=100,ip,nw_dst=10.0.0.2,actions=output:2"]
    for i in range(n - len(lines)):
        lines.append("priority=100,ip,nw_dst=%s,actions=output:2"
                     % ip(TRAFFIC_BASE + i))
    return lines


def masks(rng):
    """Workload 3: 1,000 rules over 50 masks (10 nw_dst prefix lengths x 5
    tp_dst masks), 20 rules each, random priorities, all output:2, plus a
    priority-0 catch-all (a 51st, empty mask).

    Values come from the traffic itself (a random many-flow destination and
    UDP port, masked) so most rules can be hit; when a mask has too few
    distinct values inside the traffic, the rest come from 10.1.0.0/16.
    Random priorities are what a real rule set looks like and the hard case
    for a tuple-space classifier: no mask can be skipped on priority."""
    prefixes = (21, 22, 23, 24, 25, 26, 27, 28, 30, 32)
    port_masks = (None, 0xfe00, 0xffc0, 0xfff0, 0xffff)
    lines = []
    for pmask in port_masks:
        for plen in prefixes:
            nmask = (0xffffffff << (32 - plen)) & 0xffffffff
            seen = set()
            tries = 0
            while len(seen) < 20:
                tries += 1
                if tries < 400:
                    addr = TRAFFIC_BASE + rng.randrange(TRAFFIC_SPAN)
                else:
                    addr = TRAFFIC_BASE + rng.randrange(65536)
                port = rng.randrange(TRAFFIC_DPORTS)
                key = (addr & nmask, port & pmask if pmask else None)
                if key in seen:
                    continue
                seen.add(key)
                prio = rng.randrange(100, 30000)
                if pmask is None:
                    match = "ip,nw_dst=%s/%d" % (ip(key[0]), plen)
                elif pmask == 0xffff:
                    match = "udp,nw_dst=%s/%d,tp_dst=%d" % (ip(key[0]), plen, key[1])
                else:
                    match = "udp,nw_dst=%s/%d,tp_dst=0x%x/0x%x" % (
                        ip(key[0]), plen, key[1], pmask)
                lines.append("priority=%d,%s,actions=output:2" % (prio, match))
    lines.append("priority=0,actions=output:2")
    return lines


def pipeline():
    """Workload 4: four tables chained with goto_table and write_metadata.

      table 0  classify: ingress port -> metadata byte 0
      table 1  metadata: protocol class -> metadata byte 1
      table 2  L3: 1,000 exact destinations -> metadata byte 2
      table 3  L2 rewrite: set the Ethernet addresses, output

    Traffic from port 1 that goes through the whole pipeline leaves on port
    2 with rewritten addresses; everything else is dropped in table 0."""
    lines = [
        "table=0,priority=100,in_port=1,ip,actions=write_metadata:0x1/0xff,goto_table:1",
        "table=0,priority=100,in_port=2,ip,actions=write_metadata:0x2/0xff,goto_table:1",
        "table=0,priority=0,actions=drop",
        "table=1,priority=100,metadata=0x1/0xff,udp,actions=write_metadata:0x100/0xff00,goto_table:2",
        "table=1,priority=90,metadata=0x1/0xff,tcp,actions=write_metadata:0x200/0xff00,goto_table:2",
        "table=1,priority=0,actions=goto_table:2",
    ]
    for i in range(1000):
        lines.append("table=2,priority=100,ip,nw_dst=%s,"
                     "actions=write_metadata:0x10000/0xff0000,goto_table:3"
                     % ip(TRAFFIC_BASE + i))
    lines.append("table=2,priority=0,actions=goto_table:3")
    lines += [
        "table=3,priority=100,metadata=0x10101/0xffffff,"
        "actions=mod_dl_src:02:00:00:00:01:01,mod_dl_dst:02:00:00:00:00:02,output:2",
        "table=3,priority=90,metadata=0x101/0xffff,"
        "actions=mod_dl_src:02:00:00:00:01:02,mod_dl_dst:02:00:00:00:00:02,output:2",
        "table=3,priority=0,actions=drop",
    ]
    return lines


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: genrules.py OUTDIR\n")
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20260101)
    gen = "generated by scripts/bench.d/genrules.py; ovs-ofctl syntax"
    write(os.path.join(out, "l2.rules"), [gen, "workload 1: L2 port forwarding"], l2())
    for n in sorted(set(CURVE_SIZES + INSTALL_ONLY_SIZES)):
        write(os.path.join(out, "l3-%d.rules" % n),
              [gen, "%d exact IPv4 destination rules, one table" % n], exact_l3(n))
    write(os.path.join(out, "masks.rules"),
          [gen, "workload 3: 1000 rules over 50 masks, mixed priorities, + default"],
          masks(rng))
    write(os.path.join(out, "pipeline.rules"),
          [gen, "workload 4: classify / metadata / L3 / L2 rewrite over 4 tables"],
          pipeline())
    return 0


if __name__ == "__main__":
    sys.exit(main())
