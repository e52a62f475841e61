#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the guest's measurements into the benchmark table.

    scripts/bench.d/report.py RAW.jsonl OUTDIR [HOSTMETA.json]

RAW.jsonl is what scripts/bench-guest recorded (one JSON object a line);
writes OUTDIR/results.txt (the table, also printed) and
OUTDIR/results.json (the same numbers, for machines).  Missing
measurements show as "-", failed ones as "FAIL" with the reason listed
under the table; nothing here judges a number good or bad.
"""

import json
import os
import sys

SCENARIOS = [
    ("l2", "W1 L2 forwarding, 1 rule each way"),
    ("l3", "W2 10,000 exact L3 rules, 1 table"),
    ("masks", "W3 1,000 rules / 50 masks + default"),
    ("pipeline", "W4 4-table pipeline (goto_table)"),
]
CURVE = (1, 100, 1000, 10000, 100000)
MODES = [("single", "single flow"), ("many", "many flows"),
         ("many-cold", "many, first {cold} s")]


def load(path):
    recs = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                recs.append(json.loads(line))
            except ValueError:
                recs.append({"type": "error", "scenario": "report",
                             "msg": "unreadable line %d of %s" % (n, path)})
    return recs


def num(v, digits=0):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if digits:
        return "{:,.{}f}".format(v, digits)
    return "{:,}".format(int(round(v)))


def ratio(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b > 0:
        return "%.2f" % (a / b)
    return "-"


def table(header, rows, aligns):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]

    def fmt(r):
        cells = []
        for i, c in enumerate(r):
            c = str(c)
            cells.append(c.ljust(widths[i]) if aligns[i] == "l" else c.rjust(widths[i]))
        return "  ".join(cells).rstrip()
    out = [fmt(header), "  ".join("-" * w for w in widths)]
    out += [fmt(r) for r in rows]
    return out


class Results:
    def __init__(self, recs):
        self.recs = recs
        self.meta = next((r for r in recs if r.get("type") == "meta"), {})
        self.cold = self.meta.get("cold_s", 2)
        probes = [r["probe_us"] for r in recs if r.get("probe_us")]
        # The fastest probe of the run stands for an undisturbed vCPU.
        self.ref_probe = min(probes) if probes else None

    def speed(self, r):
        """How fast the emulated CPU ran during record r, 1.0 = fastest."""
        if not r or not self.ref_probe or not r.get("probe_us"):
            return None
        return self.ref_probe / r["probe_us"]

    def pps_rec(self, scen, sw, mode):
        return self.find(type="pps", scenario=scen, switch=sw,
                         mode="many" if mode == "many-cold" else mode)

    def find(self, **kw):
        for r in self.recs:
            if all(r.get(k) == v for k, v in kw.items()):
                return r
        return None

    def failed(self, scen, sw):
        """'n/a' or 'FAIL' when that switch could not run the scenario."""
        if self.find(type="na", scenario=scen, switch=sw):
            return "n/a"
        if self.find(type="error", scenario=scen, switch=sw, what="setup"):
            return "FAIL"
        return None

    def pps(self, scen, sw, mode):
        key = "pps"
        if mode == "many-cold":
            mode, key = "many", "cold_pps"
        r = self.find(type="pps", scenario=scen, switch=sw, mode=mode)
        if r:
            return r.get(key)
        return self.failed(scen, sw)

    def note(self, scen, sw, mode):
        r = self.find(type="pps", scenario=scen, switch=sw, mode=mode)
        if not r:
            return ""
        bits = []
        lo, hi, med = r.get("min_pps"), r.get("max_pps"), r.get("pps")
        if lo is not None and hi is not None and med and (hi - lo) > 0.3 * med:
            bits.append("%s noisy (slices %.0fk..%.0fk)" % (
                {"weft": "weft", "ovs": "OVS", "bridge": "bridge"}.get(sw, sw),
                lo / 1000.0, hi / 1000.0))
        if sw == "weft" and (r.get("misses") or r.get("lost")):
            bits.append("weft misses %s lost %s" % (num(r.get("misses")), num(r.get("lost"))))
        if sw == "weft" and r.get("switch_in"):
            # Whole walks replayed, of the packets that entered.
            cached = ["%d%% %s" % (round(100.0 * r[k] / r["switch_in"]), what)
                      for k, what in (("cache_hits", "exact"),
                                      ("megaflow_hits", "megaflow"))
                      if r.get(k)]
            if cached:
                bits.append("weft cached " + " + ".join(cached))
        if sw == "ovs":
            if r.get("megaflows") is not None:
                bits.append("%s megaflows" % num(r["megaflows"]))
            if r.get("lost"):
                bits.append("%s upcalls lost" % num(r["lost"]))
        return ", ".join(bits)


def speeds(res, recs):
    return "/".join("-" if res.speed(r) is None else "%d" % round(100 * res.speed(r))
                    for r in recs)


def forwarding(res, out, js):
    out.append("Forwarding rate: 64-byte UDP packets/s delivered to the receiver")
    header = ["scenario", "traffic", "weft", "OVS", "bridge", "weft/OVS",
              "weft/bridge", "speed% w/o/b", "notes"]
    rows = []
    for scen, title in SCENARIOS:
        for i, (mode, label) in enumerate(MODES):
            w, o = res.pps(scen, "weft", mode), res.pps(scen, "ovs", mode)
            b = res.pps(scen, "bridge", mode) if scen == "l2" else None
            rw, ro = res.pps_rec(scen, "weft", mode), res.pps_rec(scen, "ovs", mode)
            rb = res.pps_rec(scen, "bridge", mode) if scen == "l2" else None
            base = "many" if mode == "many-cold" else mode
            notes = [x for x in (res.note(scen, "weft", base), res.note(scen, "ovs", base),
                                 res.note(scen, "bridge", base) if scen == "l2" else "")
                     if x and mode != "many-cold"]
            if w == "n/a":
                w = "n/a (not supported yet)"
            recs = [rw, ro] + ([rb] if scen == "l2" else [])
            rows.append([title if i == 0 else "", label.format(cold=res.cold),
                         num(w), num(o), num(b) if scen == "l2" else "",
                         ratio(w, o), ratio(w, b) if scen == "l2" else "",
                         speeds(res, recs) if mode != "many-cold" else "",
                         "; ".join(notes)])
            js.append({"scenario": scen, "traffic": mode, "weft_pps": w,
                       "ovs_pps": o, "bridge_pps": b,
                       "speed": {"weft": res.speed(rw), "ovs": res.speed(ro),
                                 "bridge": res.speed(rb)}})
    for mode, label in MODES[:2]:
        f = res.pps("l2", "redirect", mode)
        rf = res.pps_rec("l2", "redirect", mode)
        rows.append(["floor: tc mirred redirect" if mode == "single" else "",
                     label, "", "", "", "", "", "",
                     "no switch: %s pps (speed %s%%)" % (num(f), speeds(res, [rf]))])
        js.append({"scenario": "l2", "traffic": mode, "floor_pps": f,
                   "speed": res.speed(rf)})
    out.extend(table(header, rows, "llrrrrrrl"))


def throughput(res, out, js):
    out.append("TCP throughput: iperf3, one stream, Mbit/s")
    header = ["scenario", "weft", "OVS", "bridge", "weft/OVS", "weft/bridge",
              "speed% w/o/b"]
    rows = []
    for scen, title in SCENARIOS[:2]:
        v = {}
        recs = [res.find(type="iperf", scenario=scen, switch=sw)
                for sw in ("weft", "ovs", "bridge")]
        for sw in ("weft", "ovs", "bridge", "redirect"):
            r = res.find(type="iperf", scenario=scen, switch=sw)
            v[sw] = r["mbps"] if r else (res.failed(scen, sw) or
                                        ("FAIL" if res.find(type="error", scenario=scen,
                                                            switch=sw, what="iperf3") else None))
        rows.append([title, num(v["weft"], 1), num(v["ovs"], 1),
                     num(v["bridge"], 1) if scen == "l2" else "",
                     ratio(v["weft"], v["ovs"]),
                     ratio(v["weft"], v["bridge"]) if scen == "l2" else "",
                     speeds(res, recs if scen == "l2" else recs[:2])])
        js.append({"scenario": scen, "weft_mbps": v["weft"], "ovs_mbps": v["ovs"],
                   "bridge_mbps": v["bridge"], "floor_mbps": v["redirect"]})
    f = res.find(type="iperf", scenario="l2", switch="redirect")
    rows.append(["floor: tc mirred redirect", num(f["mbps"] if f else None, 1), "", "", "", "",
                 speeds(res, [f])])
    out.extend(table(header, rows, "lrrrrrr"))


def installs(res, out, js):
    out.append("Flow installation: weftctl flow add --file vs ovs-ofctl add-flows")
    header = ["flows", "weft s", "(parse + netlink)", "weft flows/s", "OVS s", "OVS flows/s",
              "OVS how",
              "weft/OVS rate", "weft B/flow (MemAvail)", "weft B/flow (Slab)",
              "OVS B/flow (vswitchd RSS)", "speed% w/o"]
    rows = []
    wanted = [(2000, "install"), (10000, "l3"), (100000, "curve-100000")]
    for n, scen in wanted:
        w = res.find(type="install", scenario=scen, switch="weft", n=n)
        o = res.find(type="install", scenario=scen, switch="ovs", n=n)
        how = "--bundle" if (o or {}).get("mode", "default") == "default" else "one by one"
        if not o:
            how = ""

        def per(r, k):
            if not r or n < 10000:
                return None
            return r[k] * 1024.0 / n
        split = "-"
        if w and "parse_s" in w and "netlink_s" in w:
            split = "%s + %s" % (num(w["parse_s"], 2), num(w["netlink_s"], 2))
        rows.append([num(n), num(w and w["seconds"], 2) if w else num(res.failed(scen, "weft")),
                     split, num(w and w["flows_per_s"]) if w else "-",
                     num(o and o["seconds"], 2) if o else num(res.failed(scen, "ovs")),
                     num(o and o["flows_per_s"]) if o else "-", how,
                     ratio(w and w["flows_per_s"], o and o["flows_per_s"]),
                     num(per(w, "mem_avail_kb")), num(per(w, "slab_kb")),
                     num(per(o, "rss_kb")), speeds(res, [w, o])])
        js.append({"flows": n, "weft": w, "ovs": o})
    out.extend(table(header, rows, "lrrrrrlrrrrr"))
    out.append("(memory per flow only from 10,000 flows up; smaller deltas are noise;"
               " parse: weftctl reading and parsing the text, netlink: its requests"
               " sent and acknowledged, both from weftctl --timing)")


def curve(res, out, js):
    out.append("Lookup cost vs rules: exact IPv4 rules in one table, pps and ns/packet"
               " (ns = 1e9/pps: the whole path, sender and receiver included)")
    header = ["rules", "weft 1 flow", "ns/pkt", "weft many", "ns/pkt",
              "OVS 1 flow", "ns/pkt", "OVS many", "ns/pkt", "OVS many first %s s" % res.cold,
              "weft/OVS 1", "weft/OVS many", "speed% w1/wm/o1/om"]
    rows = []
    for n in CURVE:
        scen = "l3" if n == 10000 else "curve-%d" % n
        v = {}
        for sw in ("weft", "ovs"):
            for mode in ("single", "many", "many-cold"):
                v[sw, mode] = res.pps(scen, sw, mode)

        def ns(p):
            return num(1e9 / p) if isinstance(p, (int, float)) and p > 0 else "-"
        rows.append([num(n), num(v["weft", "single"]), ns(v["weft", "single"]),
                     num(v["weft", "many"]), ns(v["weft", "many"]),
                     num(v["ovs", "single"]), ns(v["ovs", "single"]),
                     num(v["ovs", "many"]), ns(v["ovs", "many"]),
                     num(v["ovs", "many-cold"]),
                     ratio(v["weft", "single"], v["ovs", "single"]),
                     ratio(v["weft", "many"], v["ovs", "many"]),
                     speeds(res, [res.pps_rec(scen, sw, m) for sw in ("weft", "ovs")
                                  for m in ("single", "many")])])
        js.append({"rules": n, "weft_single_pps": v["weft", "single"],
                   "weft_many_pps": v["weft", "many"], "ovs_single_pps": v["ovs", "single"],
                   "ovs_many_pps": v["ovs", "many"], "ovs_many_cold_pps": v["ovs", "many-cold"]})
    out.extend(table(header, rows, "lrrrrrrrrrrrr"))


COST_SCENARIOS = [("l2", "W1 L2 forwarding"), ("l3", "W2 10,000 exact L3 rules"),
                  ("masks", "W3 1,000 rules / 50 masks"), ("pipeline", "W4 4-table pipeline")]


def own_cost(r):
    """The switch's samples per packet over the rest of the path's, or None.

    Samples are counted on every CPU, shares are of them all: own is the
    receive hook less the transmit, plus the daemon; the rest is what CPU 0
    did besides the switch (scripts/bench.d/lib.sh, cost())."""
    if not r or not r.get("samples") or not r.get("cpu0_samples"):
        return None
    n = r["samples"] / 100.0
    inside = max(r["hook_pct"] - r["xmit_pct"], 0.0) * n
    rest = r["cpu0_samples"] - inside
    if rest <= 0:
        return None
    return (inside + r.get("daemon_pct", 0.0) * n) / rest


def costs(res, out, js):
    recs = [r for r in res.recs if r.get("type") == "cost"]
    if not recs:
        return
    out.append("The switch's own cost per packet (perf, %s s at %s Hz per point, median"
               " of the turns; notes: every turn's, sorted): its receive hook less the"
               " transmit, plus ovs-vswitchd's threads, as %% of the rest of the path on"
               " the forwarding CPU"
               % (res.meta.get("cost_s", "?"), res.meta.get("cost_hz", "?")))
    header = ["scenario", "traffic", "weft", "OVS", "bridge", "OVS/weft", "bridge/weft",
              "notes"]
    rows = []
    for scen, title in COST_SCENARIOS:
        first = True
        for mode, label in MODES[:2]:
            r = {sw: [x for x in res.recs if x.get("type") == "cost" and
                      x.get("scenario") == "cost-" + scen and x.get("switch") == sw and
                      x.get("mode") == mode]
                 for sw in ("weft", "ovs", "bridge")}
            if not any(r.values()):
                continue
            each = {sw: sorted(v for v in map(own_cost, r[sw]) if v is not None) for sw in r}
            c = {sw: v[len(v) // 2] if v else None for sw, v in each.items()}

            def pct(v):
                return "%.1f %%" % (100 * v) if v is not None else "-"
            notes = []
            for sw, name in (("weft", "weft"), ("ovs", "OVS"), ("bridge", "bridge")):
                if len(each[sw]) > 1:
                    notes.append("%s %s" % (name, "/".join("%.0f" % (100 * v)
                                                            for v in each[sw])))
                elif each[sw]:
                    notes.append("%s once" % name)
            rows.append([title if first else "", label, pct(c["weft"]), pct(c["ovs"]),
                         pct(c["bridge"]) if scen == "l2" else "",
                         ratio(c["ovs"], c["weft"]),
                         ratio(c["bridge"], c["weft"]) if scen == "l2" else "",
                         "; ".join(notes)])
            first = False
            js.append({"scenario": scen, "traffic": mode,
                       "weft": c["weft"], "ovs": c["ovs"], "bridge": c["bridge"],
                       "raw": r})
    out.extend(table(header, rows, "llrrrrrl"))
    out.append("(OVS/weft above 1: weft costs less per packet.  The rest of the path,"
               " pktgen, the veths and the receiver, is the same work for every switch,"
               " so a uniformly slower emulated CPU cancels out; load that slows memory"
               " more than arithmetic does not, and the same point has moved by half"
               " between runs: compare several runs, not one.)")


def agent(res, out, js):
    """Scenario ofp: weftd against ovs-vswitchd (scripts/bench.d/ofp.sh)."""
    fms = [r for r in res.recs if r.get("type") == "flowmods"]
    pin = {sw: res.pps_rec("ofp", sw, "single") for sw in ("weft", "ovs")}
    if not fms and not any(pin.values()):
        return
    out.append("OpenFlow agent: flow_mods from one controller connection + barrier,"
               " daemon memory after them; packet-in round trips (ovs-testcontroller --noflow)")
    header = ["measurement", "weftd", "ovs-vswitchd", "weft/OVS", "weftd RSS kB",
              "vswitchd RSS kB"]
    rows = []
    for n in sorted({r["n"] for r in fms}):
        w = next((r for r in fms if r["n"] == n and r["switch"] == "weft"), None)
        o = next((r for r in fms if r["n"] == n and r["switch"] == "ovs"), None)
        rows.append(["%s flow_mods/s" % num(n), num(w and w["flow_mods_per_s"]),
                     num(o and o["flow_mods_per_s"]),
                     ratio(w and w["flow_mods_per_s"], o and o["flow_mods_per_s"]),
                     num(w and w["daemon_rss_kb"]), num(o and o["daemon_rss_kb"])])
        js.append({"flow_mods": n, "weft": w, "ovs": o})
    w, o = pin["weft"], pin["ovs"]
    if w or o:
        rows.append(["packet-in round trips/s (mean)", num(w and w["mean_pps"]),
                     num(o and o["mean_pps"]),
                     ratio(w and w["mean_pps"], o and o["mean_pps"]), "", ""])
        js.append({"packet_in": {"weft": w, "ovs": o}})
    out.extend(table(header, rows, "lrrrrr"))


def problems(res, out, js):
    bad = [r for r in res.recs if r.get("type") in ("error", "na")]
    if not bad:
        return
    out.append("Not measured")
    for r in bad:
        kind = "n/a (not supported yet)" if r["type"] == "na" else "FAILED"
        where = " ".join(str(r[k]) for k in ("scenario", "switch", "what") if r.get(k))
        out.append("  %s %s: %s" % (where, kind, r.get("msg", "")))
        js.append(r)


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: report.py RAW.jsonl OUTDIR [HOSTMETA.json]\n")
        return 2
    res = Results(load(sys.argv[1]))
    host = {}
    if len(sys.argv) == 4 and os.path.exists(sys.argv[3]):
        with open(sys.argv[3]) as f:
            host = json.load(f)
    m = res.meta
    out = ["weft benchmark, %s: guest kernel %s, %s vCPUs under qemu TCG, %s MiB, clock %s;"
           " Open vSwitch %s"
           % (m.get("date", "?"), m.get("kernel", "?"), m.get("cpus", "?"),
              m.get("mem_mb", "?"), m.get("clock", "?"), m.get("ovs", "?")),
           "pktgen points: the first %s s (reported as \"first %s s\"), then %s s measured"
           " in %s s slices, median slice reported; iperf3 -t %s"
           % (res.cold, res.cold, m.get("steady_s", "?"), m.get("slice_s", "?"),
              m.get("iperf_s", "?"))]
    if host:
        out.append("host: %s; load average before %s, after %s; run took %s s"
                   % (host.get("host", "?"), host.get("load_before", "?"),
                      host.get("load_after", "?"), host.get("seconds", "?")))
        if host.get("samples"):
            out.append("other qemu guests on the host during %d%% of the run (up to %d at once);"
                       " host steal time %.1f%%"
                       % (round(100.0 * host.get("busy_samples", 0) / host["samples"]),
                          host.get("max_others", 0), host.get("steal_pct", 0.0)))
    out.append("Absolute numbers are emulated-CPU numbers: only the ratios mean something.")
    out.append("speed%%: how fast a fixed busy loop ran on the forwarding CPU just before and"
               " after the measurement, against the fastest seen in this run (%s us): a coarse"
               " sign of other load; \"noisy\": the measurement's slices spread over more"
               " than 30%% of their median." % (res.ref_probe or "-"))
    out.append("")
    js = {"meta": m, "host": host}
    for name, fn in (("forwarding", forwarding), ("tcp", throughput),
                     ("install", installs), ("curve", curve), ("cost", costs),
                     ("agent", agent),
                     ("problems", problems)):
        js[name] = []
        before = len(out)
        fn(res, out, js[name])
        if len(out) > before:
            out.append("")
    text = "\n".join(out).rstrip() + "\n"
    outdir = sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "results.txt"), "w") as f:
        f.write(text)
    js["raw"] = res.recs
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(js, f, indent=1, sort_keys=True)
        f.write("\n")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
