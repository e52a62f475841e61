#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# weftd's OpenFlow framing and session rules, byte by byte: a peer that
# writes one byte at a time, many messages per write, 64 KiB messages,
# malformed and truncated messages (each must get the error the spec
# prescribes, carrying the request, and leave the session usable), roles
# and generation ids, barriers after batches of flow_mods, a client that
# does not read while another is served.
#
#   ofp_wire.py HOST PORT
#
# Prints one "RESULT 0|1 description" line per check (1: passed) for the
# shell test that runs it, and "# ..." diagnostics.

import socket
import struct
import sys
import threading
import time

HOST, PORT = sys.argv[1], int(sys.argv[2])

OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY = 0, 1, 2, 3
OFPT_EXPERIMENTER, OFPT_FEATURES_REQUEST, OFPT_FEATURES_REPLY = 4, 5, 6
OFPT_FLOW_MOD, OFPT_PORT_MOD = 14, 16
OFPET_PORT_MOD_FAILED = 7
OFPPMFC_BAD_PORT, OFPPMFC_BAD_HW_ADDR, OFPPMFC_BAD_CONFIG = 0, 1, 2
OFPT_MULTIPART_REQUEST, OFPT_MULTIPART_REPLY = 18, 19
OFPT_BARRIER_REQUEST, OFPT_BARRIER_REPLY = 20, 21
OFPT_ROLE_REQUEST, OFPT_ROLE_REPLY = 24, 25
OFPT_GET_ASYNC_REQUEST, OFPT_GET_ASYNC_REPLY, OFPT_SET_ASYNC = 26, 27, 28
OFPET_HELLO_FAILED, OFPET_BAD_REQUEST, OFPET_BAD_INSTRUCTION = 0, 1, 3
OFPET_ROLE_REQUEST_FAILED = 11
OFPBRC_BAD_VERSION, OFPBRC_BAD_TYPE, OFPBRC_BAD_EXPERIMENTER = 0, 1, 3
OFPBRC_BAD_LEN, OFPBRC_IS_SLAVE = 6, 10
OFPBIC_BAD_TABLE_ID = 2
OFPRRFC_STALE = 0
OFPMP_AGGREGATE = 2

failures = 0


def result(ok, desc):
    global failures
    print("RESULT %d %s" % (1 if ok else 0, desc), flush=True)
    if not ok:
        failures += 1
    return ok


def diag(msg):
    print("# " + msg, flush=True)


def msg(mtype, xid, body=b"", version=4):
    return struct.pack("!BBHI", version, mtype, 8 + len(body), xid) + body


class Conn:
    def __init__(self, version=4, hello=True):
        self.s = socket.create_connection((HOST, PORT), timeout=20)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.version = version
        if hello:
            self.peer_hello = self.recv()
            bitmap = struct.pack("!HHI", 1, 8, 1 << version)
            self.send(msg(OFPT_HELLO, 0, bitmap, version))

    def send(self, data):
        self.s.sendall(data)

    def recv(self, timeout=20):
        """One whole message: (version, type, xid, body)."""
        self.s.settimeout(timeout)
        while True:
            if len(self.buf) >= 8:
                length = struct.unpack("!H", self.buf[2:4])[0]
                if len(self.buf) >= length:
                    m, self.buf = self.buf[:length], self.buf[length:]
                    v, t, _, x = struct.unpack("!BBHI", m[:8])
                    return v, t, x, m[8:]
            data = self.s.recv(65536)
            if not data:
                raise EOFError("connection closed")
            self.buf += data

    def recv_skip_async(self):
        """The next reply, skipping PORT_STATUS and PACKET_IN."""
        while True:
            m = self.recv()
            if m[1] not in (10, 12):
                return m

    def closed(self, timeout=10):
        try:
            while True:
                self.recv(timeout)
        except EOFError:
            return True
        except (socket.timeout, OSError):
            return False

    def close(self):
        self.s.close()


def error_of(m):
    """(type, code, data) of an ERROR message, or None."""
    if m[1] != OFPT_ERROR:
        return None
    t, c = struct.unpack("!HH", m[3][:4])
    return t, c, m[3][4:]


def echo_ok(c, xid=777, payload=b"still-alive"):
    c.send(msg(OFPT_ECHO_REQUEST, xid, payload, c.version))
    m = c.recv_skip_async()
    return m[1] == OFPT_ECHO_REPLY and m[2] == xid and m[3] == payload


def check_error(c, req, etype, ecode, desc):
    """Send @req; expect that error with @req (header included) as data."""
    c.send(req)
    m = c.recv_skip_async()
    e = error_of(m)
    ok = e is not None and e[0] == etype and e[1] == ecode and \
        req.startswith(e[2][:len(req)]) and len(e[2]) >= min(len(req), 64) \
        and m[2] == struct.unpack("!I", req[4:8])[0]
    if not ok:
        diag("got type %d xid %d error %s" % (m[1], m[2], e and e[:2]))
    result(ok, desc)
    result(echo_ok(c), desc + ": the session goes on")


def flow_mod(xid, table=0, priority=100, cookie=0, insts=b"", command=0,
             in_port=None):
    """An OF1.3 FLOW_MOD; the match is in_port when given, else empty."""
    if in_port is None:
        match = struct.pack("!HH", 1, 4) + b"\0" * 4
    else:
        match = struct.pack("!HHI", 1, 12, 0x80000004) + \
            struct.pack("!I", in_port) + b"\0" * 4
    body = struct.pack("!QQBBHHHIIIH2x", cookie, 0, table, command, 0, 0,
                       priority, 0xffffffff, 0xffffffff, 0xffffffff, 0)
    return msg(OFPT_FLOW_MOD, xid, body + match + insts)


def goto(table):
    return struct.pack("!HHB3x", 1, 8, table)


def aggregate_count(c, xid):
    body = struct.pack("!HH4xB3xII4xQQ", OFPMP_AGGREGATE, 0, 0xff,
                       0xffffffff, 0xffffffff, 0, 0) + \
        struct.pack("!HH", 1, 4) + b"\0" * 4
    c.send(msg(OFPT_MULTIPART_REQUEST, xid, body))
    m = c.recv_skip_async()
    if m[1] != OFPT_MULTIPART_REPLY:
        return -1
    return struct.unpack("!QQI", m[3][8:28])[2]


def main():
    # HELLO: weftd offers 1.0 and 1.3 in a version bitmap.
    c = Conn()
    v, t, _, body = c.peer_hello
    bitmap = struct.unpack("!I", body[4:8])[0] if len(body) >= 8 else 0
    result(t == OFPT_HELLO and v == 4 and bitmap == 0x12,
           "HELLO: version 1.3 with bitmap {1.0, 1.3}")

    # One byte per write: framing must reassemble.
    data = msg(OFPT_ECHO_REQUEST, 11, b"byte-by-byte")
    for i in range(len(data)):
        c.send(data[i:i + 1])
        time.sleep(0.005)
    m = c.recv()
    result(m[1] == OFPT_ECHO_REPLY and m[2] == 11 and m[3] == b"byte-by-byte",
           "a message written one byte at a time is answered")

    # Many messages in one write, answered in order.
    c.send(b"".join(msg(OFPT_ECHO_REQUEST, 100 + i, b"%d" % i)
                    for i in range(64)) + msg(OFPT_BARRIER_REQUEST, 200))
    xids = [c.recv()[2] for _ in range(65)]
    result(xids == list(range(100, 164)) + [200],
           "64 echoes and a barrier in one write: 65 replies in order")

    # The largest message there is.
    big = b"x" * (65535 - 8)
    c.send(msg(OFPT_ECHO_REQUEST, 12, big))
    m = c.recv()
    result(m[1] == OFPT_ECHO_REPLY and m[3] == big,
           "a 65535-byte echo comes back whole")

    # Malformed messages: the prescribed error, with the request.
    check_error(c, msg(200, 13), OFPET_BAD_REQUEST, OFPBRC_BAD_TYPE,
                "unknown type: BAD_REQUEST/BAD_TYPE")
    check_error(c, msg(OFPT_ECHO_REQUEST, 14, version=3), OFPET_BAD_REQUEST,
                OFPBRC_BAD_VERSION, "another version: BAD_REQUEST/BAD_VERSION")
    check_error(c, msg(OFPT_EXPERIMENTER, 15, struct.pack("!II", 0x2320, 1)),
                OFPET_BAD_REQUEST, OFPBRC_BAD_EXPERIMENTER,
                "experimenter: BAD_REQUEST/BAD_EXPERIMENTER")
    check_error(c, msg(OFPT_FLOW_MOD, 16, b"\0" * 20), OFPET_BAD_REQUEST,
                OFPBRC_BAD_LEN, "truncated flow_mod: BAD_REQUEST/BAD_LEN")
    check_error(c, msg(OFPT_FEATURES_REPLY, 17, b"\0" * 24),
                OFPET_BAD_REQUEST, OFPBRC_BAD_TYPE,
                "a reply sent to the switch: BAD_REQUEST/BAD_TYPE")

    # PORT_MOD: a port that is not there, the wrong address, a config bit
    # 1.3 does not define (1.0's NO_STP).  The first port of PORT_DESC.
    c.send(msg(OFPT_MULTIPART_REQUEST, 18, struct.pack("!HH4x", 13, 0)))
    m = c.recv_skip_async()
    port_no, = struct.unpack("!I", m[3][8:12])
    hw = m[3][16:22]

    def port_mod(xid, no, addr, config, mask):
        return msg(OFPT_PORT_MOD, xid, struct.pack("!I4x6s2xIII4x", no, addr,
                                                   config, mask, 0))
    check_error(c, port_mod(19, 0x7777, hw, 0, 0), OFPET_PORT_MOD_FAILED,
                OFPPMFC_BAD_PORT, "port_mod on no such port: BAD_PORT")
    check_error(c, port_mod(21, port_no, b"\x02" * 6, 0, 0),
                OFPET_PORT_MOD_FAILED, OFPPMFC_BAD_HW_ADDR,
                "port_mod with another address: BAD_HW_ADDR")
    check_error(c, port_mod(22, port_no, hw, 2, 2), OFPET_PORT_MOD_FAILED,
                OFPPMFC_BAD_CONFIG, "port_mod with bit 1 (no_stp): BAD_CONFIG")

    # A batch of flow_mods, one bad: one error, for that one; a barrier
    # reply only after all of them, and the others in place.
    reqs = [flow_mod(1000 + i, table=0, priority=i + 1, in_port=i + 1,
                     cookie=0xabc) for i in range(300)]
    bad = flow_mod(2000, table=5, insts=goto(3))
    c.send(b"".join(reqs[:150]) + bad + b"".join(reqs[150:]) +
           msg(OFPT_BARRIER_REQUEST, 2001))
    replies = []
    while True:
        m = c.recv_skip_async()
        replies.append(m)
        if m[1] == OFPT_BARRIER_REPLY:
            break
    errs = [(m[2], error_of(m)[:2]) for m in replies if m[1] == OFPT_ERROR]
    result(errs == [(2000, (OFPET_BAD_INSTRUCTION, OFPBIC_BAD_TABLE_ID))],
           "301 flow_mods, one bad: exactly its BAD_INSTRUCTION error")
    if errs != [(2000, (OFPET_BAD_INSTRUCTION, OFPBIC_BAD_TABLE_ID))]:
        diag("errors: %s" % errs)
    result(replies[-1][2] == 2001, "then the barrier reply")
    n = aggregate_count(c, 2002)
    result(n >= 300, "after the barrier the 300 good flows are there (%d)" % n)
    c.send(flow_mod(2003, command=3, cookie=0) +
           msg(OFPT_BARRIER_REQUEST, 2004))
    while c.recv_skip_async()[1] != OFPT_BARRIER_REPLY:
        pass

    # Roles: master with generation 5; a stale claim fails; a slave may
    # not change state.
    c.send(msg(OFPT_ROLE_REQUEST, 20, struct.pack("!I4xQ", 2, 5)))
    m = c.recv_skip_async()
    result(m[1] == OFPT_ROLE_REPLY and struct.unpack("!I", m[3][:4])[0] == 2,
           "ROLE_REQUEST master: granted")
    d = Conn()
    check_error(d, msg(OFPT_ROLE_REQUEST, 21, struct.pack("!I4xQ", 2, 4)),
                OFPET_ROLE_REQUEST_FAILED, OFPRRFC_STALE,
                "a master claim with an older generation: STALE")
    d.send(msg(OFPT_ROLE_REQUEST, 22, struct.pack("!I4xQ", 3, 6)))
    m = d.recv_skip_async()
    result(m[1] == OFPT_ROLE_REPLY and struct.unpack("!I", m[3][:4])[0] == 3,
           "ROLE_REQUEST slave: granted")
    check_error(d, flow_mod(23), OFPET_BAD_REQUEST, OFPBRC_IS_SLAVE,
                "a flow_mod from a slave: BAD_REQUEST/IS_SLAVE")
    d.send(msg(OFPT_ROLE_REQUEST, 24, struct.pack("!I4xQ", 2, 7)))
    d.recv_skip_async()
    c.send(msg(OFPT_ROLE_REQUEST, 25, struct.pack("!I4xQ", 0, 0)))
    m = c.recv_skip_async()
    result(m[1] == OFPT_ROLE_REPLY and struct.unpack("!I", m[3][:4])[0] == 3,
           "a new master demotes the old one to slave")
    d.close()

    # Async configuration round-trips.
    masks = struct.pack("!IIIIII", 1, 0, 7, 3, 5, 0)
    c.send(msg(OFPT_SET_ASYNC, 30, masks) + msg(OFPT_GET_ASYNC_REQUEST, 31))
    m = c.recv_skip_async()
    result(m[1] == OFPT_GET_ASYNC_REPLY and m[3] == masks,
           "SET_ASYNC then GET_ASYNC: the same masks")

    # A client that does not read stops being served; others are not
    # held up, and it loses no reply once it reads again.
    slow = Conn()
    n_slow = 300
    # 18 MB of requests: more than socket buffers and weftd's output
    # bound together, so weftd must stop reading this client.  Written
    # from a thread, since the write itself blocks once weftd stops.
    writer = threading.Thread(target=slow.send, args=(b"".join(
        msg(OFPT_ECHO_REQUEST, 5000 + i, b"y" * 60000)
        for i in range(n_slow)),))
    writer.start()
    time.sleep(3)
    t0 = time.time()
    result(echo_ok(c, 31337), "another client is answered while one does not read")
    diag("answered in %.2f s" % (time.time() - t0))
    got = 0
    try:
        while got < n_slow:
            m = slow.recv(30)
            if m[1] == OFPT_ECHO_REPLY and m[2] == 5000 + got:
                got += 1
            else:
                break
    except (socket.timeout, EOFError) as e:
        diag("slow client: %r after %d replies" % (e, got))
    result(got == n_slow, "the slow client gets all %d replies, in order" % n_slow)
    writer.join(30)
    slow.close()

    # A length below the header's cannot be resynchronised: BAD_LEN, close.
    e = Conn()
    e.send(struct.pack("!BBHI", 4, OFPT_ECHO_REQUEST, 4, 40))
    m = e.recv()
    err = error_of(m)
    result(err is not None and err[:2] == (OFPET_BAD_REQUEST, OFPBRC_BAD_LEN),
           "length 4: BAD_REQUEST/BAD_LEN")
    result(e.closed(), "... and the connection is closed")

    # Version negotiation.
    f = Conn(hello=False)
    f.recv()
    f.send(msg(OFPT_HELLO, 1, struct.pack("!HHI", 1, 8, 1 << 2), version=2))
    m = f.recv()
    err = error_of(m)
    result(err is not None and err[:2] == (OFPET_HELLO_FAILED, 0),
           "a peer offering only 1.1: HELLO_FAILED/INCOMPATIBLE")
    result(f.closed(), "... and the connection is closed")
    g = Conn(version=1)
    g.send(msg(OFPT_FEATURES_REQUEST, 3, version=1))
    m = g.recv_skip_async()
    result(m[0] == 1 and m[1] == OFPT_FEATURES_REPLY,
           "a 1.0 peer gets a 1.0 FEATURES_REPLY")
    g.close()
    result(echo_ok(c), "the first session outlived all of that")
    c.close()
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash of the test is a failure, not a pass
        result(False, "ofp_wire.py ran to the end (%r)" % e)
    sys.exit(1 if failures else 0)
