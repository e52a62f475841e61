#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# A controller that stops reading: it accepts weftd's connection on
# HOST:PORT, completes the OpenFlow 1.3 handshake, prints "READY", and then
# reads nothing (with a receive buffer of a few KiB) until the file DRAIN
# exists.  Then it reads everything weftd queued, answering echo requests,
# until the connection has been quiet for 2 s, and prints what it got:
#
#   packet_in N
#   flow_removed COOKIE REASON     (one line each, cookie in hex)
#
#   ofp_stall.py HOST PORT DRAIN
#
# Used by ofp_controller.sh to hold a packet-in storm against weftd.

import os
import socket
import struct
import sys
import time

HOST, PORT, DRAIN = sys.argv[1], int(sys.argv[2]), sys.argv[3]

OFPT_HELLO, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY = 0, 2, 3
OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY = 5, 6
OFPT_PACKET_IN, OFPT_FLOW_REMOVED = 10, 11


def msg(mtype, xid, body=b""):
    return struct.pack("!BBHI", 4, mtype, 8 + len(body), xid) + body


def read_msg(sock, buf):
    """One whole message from buf, reading more as needed; None at EOF."""
    while True:
        if len(buf) >= 8:
            length = struct.unpack("!H", buf[2:4])[0]
            if length < 8:
                sys.exit("# bad message length %d" % length)
            if len(buf) >= length:
                m = bytes(buf[:length])
                del buf[:length]
                return m
        data = sock.recv(65536)
        if not data:
            return None
        buf += data


lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# Inherited by the accepted socket: a small window fills at once.
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
lsock.bind((HOST, PORT))
lsock.listen(1)
sock, _ = lsock.accept()
sock.settimeout(60)
buf = bytearray()
sock.sendall(msg(OFPT_HELLO, 1))
sock.sendall(msg(OFPT_FEATURES_REQUEST, 2))
while True:
    m = read_msg(sock, buf)
    if m is None:
        sys.exit("# weftd closed the connection during the handshake")
    if m[1] == OFPT_ECHO_REQUEST:
        sock.sendall(msg(OFPT_ECHO_REPLY, struct.unpack("!I", m[4:8])[0], m[8:]))
    if m[1] == OFPT_FEATURES_REPLY:
        break
print("READY", flush=True)

while not os.path.exists(DRAIN):
    time.sleep(0.1)

packet_ins = 0
removed = []
sock.settimeout(2)
while True:
    try:
        m = read_msg(sock, buf)
    except socket.timeout:
        break
    if m is None:
        print("# weftd closed the connection", flush=True)
        break
    if m[1] == OFPT_ECHO_REQUEST:
        sock.sendall(msg(OFPT_ECHO_REPLY, struct.unpack("!I", m[4:8])[0], m[8:]))
    elif m[1] == OFPT_PACKET_IN:
        packet_ins += 1
    elif m[1] == OFPT_FLOW_REMOVED:
        # ofp_flow_removed: header, cookie (8), priority (2), reason (1)...
        cookie, _, reason = struct.unpack("!QHB", m[8:19])
        removed.append((cookie, reason))
print("packet_in %d" % packet_ins)
for cookie, reason in removed:
    print("flow_removed 0x%x %d" % (cookie, reason))
sys.stdout.flush()
