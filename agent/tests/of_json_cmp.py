#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare ofdump's JSON with os-ken's for every OpenFlow vector.

Usage: of_json_cmp.py OFDUMP VECTORS

VECTORS is os-ken's test data (packet_data/of1x/NAME and
json/of1x/NAME.json).  One line per vector on stdout:
  PASS of13/NAME
  FAIL of13/NAME: where they differ
  REJECT of13/NAME: error TYPE CODE      (ofdump refused the message)
  NOJSON of13/NAME                       (os-ken has no JSON for it)
The caller decides which rejections are expected.
"""
import json
import os
import subprocess
import sys


def diff(got, want, path="$"):
    """The first difference between two JSON values, or None."""
    if isinstance(want, dict) and "Packet" in want and len(want) == 1:
        # os-ken parsed the packet data with its packet library; weft
        # prints bytes (base64).  Not comparable: the bytes are checked
        # by the byte-for-byte re-encoding instead.
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return "%s: got %r, want an object" % (path, got)
        if set(got) != set(want):
            return "%s: keys %s, want %s" % (path, sorted(got), sorted(want))
        for k in want:
            d = diff(got[k], want[k], path + "." + k)
            if d:
                return d
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return "%s: got %r, want %r" % (path, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            d = diff(g, w, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if got != want or type(got) is bool or type(want) is bool:
        if got == want:
            return None
        return "%s: got %r, want %r" % (path, got, want)
    return None


def main():
    ofdump, vectors = sys.argv[1], sys.argv[2]
    for ver in ("of13", "of10"):
        pdir = os.path.join(vectors, "packet_data", ver)
        jdir = os.path.join(vectors, "json", ver)
        if not os.path.isdir(pdir):
            continue
        for name in sorted(os.listdir(pdir)):
            tag = "%s/%s" % (ver, name)
            jpath = os.path.join(jdir, name + ".json")
            p = subprocess.run([ofdump, os.path.join(pdir, name)],
                               stdout=subprocess.PIPE, text=True)
            if p.returncode == 2:
                print("REJECT %s: %s" % (tag, p.stdout.strip()))
                continue
            if p.returncode != 0:
                print("FAIL %s: ofdump exit %d" % (tag, p.returncode))
                continue
            if not os.path.exists(jpath):
                print("NOJSON %s" % tag)
                continue
            try:
                got = json.loads(p.stdout)
            except ValueError as e:
                print("FAIL %s: bad JSON: %s" % (tag, e))
                continue
            with open(jpath) as f:
                want = json.load(f)
            d = diff(got, want)
            print("FAIL %s: %s" % (tag, d) if d else "PASS %s" % tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
