#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# A controller that only installs flows: reads a file of exact IPv4 rules
# in ovs-ofctl syntax ("priority=P,ip,nw_dst=A.B.C.D,actions=output:N"),
# encodes one OpenFlow 1.3 FLOW_MOD per rule up front, then connects to a
# switch's OpenFlow listener, sends them all and a BARRIER_REQUEST, and
# waits for the BARRIER_REPLY.  Prints the seconds from the first byte
# sent to the barrier reply, and the errors received.  What is measured is
# the switch: encoding happens before the clock starts, and the socket is
# written in large chunks.
#
#   ofp_blast.py HOST PORT RULEFILE

import re
import socket
import struct
import sys
import time

RULE = re.compile(r"priority=(\d+),ip,nw_dst=([\d.]+),actions=output:(\d+)")


def flow_mod(xid, priority, dst, port):
    match = struct.pack("!HH", 1, 4 + 6 + 8) + \
        struct.pack("!IH", 0x80000a02, 0x0800) + \
        struct.pack("!I", 0x80001804) + socket.inet_aton(dst)
    match += b"\0" * (-len(match) % 8)
    action = struct.pack("!HHIH6x", 0, 16, port, 0xffe5)
    inst = struct.pack("!HH4x", 4, 8 + len(action)) + action
    body = struct.pack("!QQBBHHHIIIH2x", 0, 0, 0, 0, 0, 0, priority,
                       0xffffffff, 0xffffffff, 0xffffffff, 0)
    return struct.pack("!BBHI", 4, 14, 8 + len(body) + len(match) + len(inst),
                       xid) + body + match + inst


def recv_msg(s, buf):
    while True:
        if len(buf) >= 8:
            n = struct.unpack("!H", buf[2:4])[0]
            if len(buf) >= n:
                return buf[:n], buf[n:]
        data = s.recv(1 << 20)
        if not data:
            raise EOFError
        buf += data


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    msgs = []
    with open(path) as f:
        for line in f:
            m = RULE.search(line)
            if m:
                msgs.append(flow_mod(len(msgs) + 1, int(m.group(1)),
                                     m.group(2), int(m.group(3))))
    data = b"".join(msgs) + struct.pack("!BBHI", 4, 20, 8, 0xffffffff)
    s = socket.create_connection((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = b""
    s.sendall(struct.pack("!BBHI", 4, 0, 16, 0) + struct.pack("!HHI", 1, 8, 0x10))
    # The switch's HELLO, then (OVS) possibly a FEATURES-less session.
    hello, buf = recv_msg(s, buf)
    t0 = time.monotonic()
    s.sendall(data)
    errors = 0
    while True:
        m, buf = recv_msg(s, buf)
        if m[1] == 1:
            errors += 1
        if m[1] == 21:
            break
    t1 = time.monotonic()
    print("%d %.3f %d" % (len(msgs), t1 - t0, errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
