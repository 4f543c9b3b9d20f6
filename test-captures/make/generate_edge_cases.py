#!/usr/bin/env python3
"""Deterministic generator of small edge-case captures for the xmppws plugin.

XMPP over WebSocket (RFC 7395) as used by the Cisco Finesse agent desktop,
written as classic libpcap files, using only the Python 3 standard library.

Usage:
    python3 test-captures/make/generate_edge_cases.py [OUTDIR] [--list]

OUTDIR defaults to the test-captures folder (the parent of this script's
folder).  --list also prints, for every capture, one line per frame (frame
number, direction, TCP flags, TCP payload length, and which WebSocket frames or
parts of frames the segment carries); the frame numbers match Wireshark/tshark
frame numbers.  The files are written in both cases.

Everything is fixed: timestamps start at 2026-01-01T00:00:00Z and advance by
10 ms per packet (a capture can place a packet at a later fixed time with
Capture.at() or Capture.wait(); only gen-ping-timeout.pcap does, and its
--list lines then show each frame's time in seconds), TCP ISNs, client ports,
IPv4 IDs, Sec-WebSocket-Key values and WebSocket masking keys are constants
or derived from constants, so two runs produce byte-identical files.  See EDGE-CASES.md beside this script for
what each capture contains and what a correct dissector must show.
"""

import base64
import hashlib
import os
import struct
import sys

# --------------------------------------------------------------------------
# constants

EPOCH = 1767225600          # 2026-01-01T00:00:00Z
STEP_US = 10000             # 10 ms per packet

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101          # raw IPv4/IPv6, no link-layer header

C2S = "C>S"                 # client -> server
S2C = "S>C"                 # server -> client

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

DOMAIN = "finesse.example.test"
PUBSUB = "pubsub.finesse.example.test"
USER = "1001"
RESOURCE = "desktop"
BARE = "%s@%s" % (USER, DOMAIN)
FULL = "%s/%s" % (BARE, RESOURCE)
NODE = "/finesse/api/User/1001"
TEAM_NODE = "/finesse/api/Team/10/Users"
PASSWORD = "Gen-Pa55w0rd!"

NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing"
NS_STREAM = "http://etherx.jabber.org/streams"


# --------------------------------------------------------------------------
# helpers

def det_bytes(label, n):
    """n deterministic pseudo-random bytes derived from a text label."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(("%s#%d" % (label, i)).encode()).digest()
        i += 1
    return out[:n]


def det_int(label, lo, hi):
    v = int.from_bytes(det_bytes(label, 8), "big")
    return lo + v % (hi - lo + 1)


def inet_checksum(data):
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(addr):
    return bytes(int(x) for x in addr.split("."))


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def flag_str(flags):
    names = [(SYN, "SYN"), (FIN, "FIN"), (RST, "RST"), (PSH, "PSH"), (ACK, "ACK")]
    return ",".join(n for f, n in names if flags & f)


# --------------------------------------------------------------------------
# pcap writer

class Capture:
    def __init__(self, name, linktype=LINKTYPE_ETHERNET):
        self.name = name
        self.linktype = linktype
        self.frames = []        # (ip_packet_bytes, description)
        self.times = []         # microseconds since EPOCH, one per frame
        self.pending_us = None  # time of the next frame, if set by at()/wait()
        self.timed = False      # at()/wait() used: the listing shows times

    def add(self, ip_packet, desc):
        if self.pending_us is not None:
            t = self.pending_us
            self.pending_us = None
        else:
            t = self.times[-1] + STEP_US if self.times else 0
        assert not self.times or t > self.times[-1], (self.name, t)
        self.frames.append((ip_packet, desc))
        self.times.append(t)
        return len(self.frames)          # frame number (1-based)

    def next_frame(self):
        return len(self.frames) + 1

    def now_us(self):
        """Time of the last frame written, in microseconds since EPOCH."""
        return self.times[-1] if self.times else 0

    def at(self, seconds):
        """The next frame is at exactly EPOCH + seconds (later frames again
        follow it STEP_US apart).  Must be after the last frame."""
        t = int(round(seconds * 1000000))
        assert not self.times or t > self.times[-1], (self.name, seconds)
        self.pending_us = t
        self.timed = True

    def wait(self, seconds):
        """The next frame is `seconds` after the last frame (instead of
        STEP_US after it)."""
        self.at(self.now_us() / 1000000.0 + seconds)

    def to_bytes(self):
        out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, self.linktype)]
        for (pkt, _desc), usec_total in zip(self.frames, self.times):
            if self.linktype == LINKTYPE_ETHERNET:
                # Linux loopback style: zero MAC addresses, EtherType IPv4
                frame = b"\x00" * 12 + b"\x08\x00" + pkt
            else:
                frame = pkt
            ts_sec = EPOCH + usec_total // 1000000
            ts_usec = usec_total % 1000000
            out.append(struct.pack("<IIII", ts_sec, ts_usec, len(frame), len(frame)))
            out.append(frame)
        return b"".join(out)

    def listing(self):
        lines = ["== %s (%d frames, linktype %d)" % (self.name, len(self.frames), self.linktype)]
        for i, (_pkt, desc) in enumerate(self.frames):
            if self.timed:
                lines.append("%5d  %9.3f  %s" % (i + 1, self.times[i] / 1000000.0, desc))
            else:
                lines.append("%5d  %s" % (i + 1, desc))
        return "\n".join(lines)


# --------------------------------------------------------------------------
# TCP model

class TcpConn:
    """One TCP connection between a client and a server on 127.0.0.1.

    Keeps the sequence/acknowledgement state of both ends, so every segment
    it emits has correct seq/ack numbers, IPv4 and TCP checksums.
    """

    def __init__(self, cap, cport, sport, cisn, sisn, caddr="127.0.0.1",
                 saddr="127.0.0.1", win=65535, mss=1460, label=""):
        self.cap = cap
        self.port = {C2S: cport, S2C: sport}
        self.addr = {C2S: ip4(caddr), S2C: ip4(saddr)}
        self.isn = {C2S: cisn, S2C: sisn}
        self.nxt = {C2S: cisn, S2C: sisn}      # next seq each sender will use
        self.rcv = {C2S: 0, S2C: 0}           # what each sender acknowledges
        self.ipid = {C2S: det_int(label + "ipid-c", 0x1000, 0xEFFF),
                     S2C: det_int(label + "ipid-s", 0x1000, 0xEFFF)}
        self.win = win
        self.mss = mss
        self.label = label

    @staticmethod
    def other(d):
        return S2C if d == C2S else C2S

    def _build(self, d, flags, payload, options=b""):
        src, dst = self.addr[d], self.addr[self.other(d)]
        sport, dport = self.port[d], self.port[self.other(d)]
        seq = self.nxt[d] & 0xFFFFFFFF
        ack = (self.rcv[d] & 0xFFFFFFFF) if flags & ACK else 0
        assert len(options) % 4 == 0
        off = (20 + len(options)) // 4
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags,
                          self.win, 0, 0) + options
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
        csum = inet_checksum(pseudo + tcp + payload)
        tcp = tcp[:16] + struct.pack("!H", csum) + tcp[18:]
        total = 20 + len(tcp) + len(payload)
        ident = self.ipid[d] & 0xFFFF
        self.ipid[d] += 1
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident, 0x4000, 64, 6, 0,
                          src, dst)
        iph = iph[:10] + struct.pack("!H", inet_checksum(iph)) + iph[12:]
        return iph + tcp + payload

    def packet(self, d, flags, payload=b"", desc="", options=b""):
        pkt = self._build(d, flags, payload, options)
        consumed = len(payload) + (1 if flags & SYN else 0) + (1 if flags & FIN else 0)
        self.nxt[d] += consumed
        self.rcv[self.other(d)] = self.nxt[d]
        line = "%s %-11s len=%-5d %s" % (d, "[" + flag_str(flags) + "]", len(payload), desc)
        return self.cap.add(pkt, line.rstrip())

    def handshake(self):
        mss_opt = struct.pack("!BBH", 2, 4, self.mss)
        self.packet(C2S, SYN, desc="TCP handshake", options=mss_opt)
        self.packet(S2C, SYN | ACK, desc="TCP handshake", options=mss_opt)
        self.packet(C2S, ACK, desc="TCP handshake")

    def mid_stream(self):
        """Start as if the connection had been open for a while (no SYNs):
        both sides have already exchanged data, everything acknowledged."""
        self.rcv[C2S] = self.nxt[S2C]
        self.rcv[S2C] = self.nxt[C2S]

    def ack(self, d, desc="ACK"):
        return self.packet(d, ACK, desc=desc)

    def send(self, d, data, cuts=None, descs=None, ack_every=1, final_ack=True):
        """Send `data` from direction d as one or more segments.

        cuts: list of segment lengths (the remainder forms the last segment);
        default: MSS-sized segments.  descs: one description per segment.
        The peer sends a pure ACK after every `ack_every` segments and
        (if final_ack) after the last one.  Returns the frame numbers of the
        data segments.
        """
        segs = []
        pos = 0
        for c in (cuts or []):
            segs.append(data[pos:pos + c])
            pos += c
        while pos < len(data):
            segs.append(data[pos:pos + self.mss])
            pos += self.mss
        assert all(0 < len(s) <= self.mss for s in segs), [len(s) for s in segs]
        frames = []
        for i, seg in enumerate(segs):
            last = i == len(segs) - 1
            flags = ACK | (PSH if last else 0)
            desc = descs[i] if descs else ""
            frames.append(self.packet(d, flags, seg, desc=desc))
            if (last and final_ack) or (not last and ack_every and (i + 1) % ack_every == 0):
                self.ack(self.other(d))
        return frames

    def close(self, first=C2S):
        """Orderly release: FIN from `first`, FIN from the other, final ACK."""
        self.packet(first, FIN | ACK, desc="TCP close")
        self.packet(self.other(first), FIN | ACK, desc="TCP close")
        self.packet(first, ACK, desc="TCP close")


# --------------------------------------------------------------------------
# WebSocket

OP_CONT, OP_TEXT, OP_BIN, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10
OP_NAMES = {0: "cont", 1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong"}


def ws_frame(payload, opcode=OP_TEXT, fin=True, mask=None):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    b0 = (0x80 if fin else 0) | opcode
    n = len(payload)
    mbit = 0x80 if mask is not None else 0
    if n < 126:
        hdr = bytes([b0, mbit | n])
    elif n <= 0xFFFF:
        hdr = bytes([b0, mbit | 126]) + struct.pack("!H", n)
    else:
        hdr = bytes([b0, mbit | 127]) + struct.pack("!Q", n)
    if mask is not None:
        assert len(mask) == 4 and mask != b"\x00\x00\x00\x00"
        hdr += mask
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return hdr + payload


def ws_accept(key):
    return base64.b64encode(hashlib.sha1(key.encode() + WS_GUID).digest()).decode()


class Frame:
    """One WebSocket frame, kept with a short description for the listing."""

    def __init__(self, raw, desc):
        self.raw = raw
        self.desc = desc


class WsSession:
    """A WebSocket connection on top of a TcpConn."""

    def __init__(self, conn, label):
        self.conn = conn
        self.label = label
        self.nmask = 0

    def next_mask(self):
        while True:
            m = det_bytes("%s-mask-%d" % (self.label, self.nmask), 4)
            self.nmask += 1
            if m != b"\x00\x00\x00\x00":
                return m

    def frame(self, d, payload, opcode=OP_TEXT, fin=True, desc=None):
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        mask = self.next_mask() if d == C2S else None
        if desc is None:
            desc = summarize(payload)
        kind = OP_NAMES.get(opcode, "op%d" % opcode)
        if not fin:
            kind += "(FIN=0)"
        elif opcode == OP_CONT:
            kind += "(FIN=1)"
        text = "WS %s %dB: %s" % (kind, len(payload), desc)
        return Frame(ws_frame(payload, opcode, fin, mask), text)

    def upgrade(self, path="/ws/", host=None, protocol="xmpp", origin=None):
        host = host or "%s:%d" % (DOMAIN, self.conn.port[S2C])
        origin = origin or "https://%s:8445" % DOMAIN
        key = base64.b64encode(det_bytes(self.label + "-key", 16)).decode()
        req = ["GET %s HTTP/1.1" % path,
               "Host: %s" % host,
               "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
               "Accept: */*",
               "Origin: %s" % origin,
               "Sec-WebSocket-Version: 13",
               "Sec-WebSocket-Key: %s" % key]
        if protocol:
            req.append("Sec-WebSocket-Protocol: %s" % protocol)
        req += ["Connection: keep-alive, Upgrade",
                "Pragma: no-cache",
                "Cache-Control: no-cache",
                "Upgrade: websocket"]
        resp = ["HTTP/1.1 101 Switching Protocols",
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Accept: %s" % ws_accept(key)]
        if protocol:
            resp.append("Sec-WebSocket-Protocol: %s" % protocol)
        proto_txt = (" Sec-WebSocket-Protocol: %s" % protocol) if protocol else " (no subprotocol)"
        self.conn.send(C2S, ("\r\n".join(req) + "\r\n\r\n").encode(),
                       descs=["HTTP GET %s upgrade%s" % (path, proto_txt)])
        self.conn.send(S2C, ("\r\n".join(resp) + "\r\n\r\n").encode(),
                       descs=["HTTP 101 Switching Protocols%s" % proto_txt])

    def send(self, d, frames, cuts=None, ack_every=1, final_ack=True):
        """Send a list of Frames (or one Frame) back to back in one byte run,
        cut into TCP segments by `cuts` (default: MSS-sized)."""
        if isinstance(frames, Frame):
            frames = [frames]
        data = b"".join(f.raw for f in frames)
        # work out the segment boundaries to describe each segment
        bounds = []
        pos = 0
        for c in (cuts or []):
            bounds.append((pos, pos + c))
            pos += c
        while pos < len(data):
            bounds.append((pos, min(pos + self.conn.mss, len(data))))
            pos += self.conn.mss
        ranges = []
        pos = 0
        for f in frames:
            ranges.append((pos, pos + len(f.raw), f))
            pos += len(f.raw)
        descs = []
        for (s, e) in bounds:
            parts = []
            for (fs, fe, f) in ranges:
                if fe <= s or fs >= e:
                    continue
                if fs >= s and fe <= e:
                    parts.append(f.desc)
                else:
                    a, b = max(fs, s) - fs, min(fe, e) - fs
                    parts.append("[bytes %d-%d of %d-byte frame] %s" % (a, b, fe - fs, f.desc))
            descs.append(" || ".join(parts))
        return self.conn.send(d, data, cuts=cuts, descs=descs, ack_every=ack_every,
                              final_ack=final_ack)

    def msg(self, d, *payloads, **kw):
        """Send text messages (one unfragmented frame each) in ONE write."""
        return self.send(d, [self.frame(d, p) for p in payloads], **kw)

    def ws_close(self, first=S2C, code=1000, reason=b""):
        payload = struct.pack("!H", code) + reason
        self.send(first, self.frame(first, payload, OP_CLOSE, desc="close %d" % code))
        self.send(self.conn.other(first),
                  self.frame(self.conn.other(first), payload, OP_CLOSE, desc="close %d (echo)" % code))


def summarize(payload, width=90):
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        text = payload.decode("latin-1") + " (NOT valid UTF-8)"
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\x00", "\\0")
    if text.strip(" \\n") == "":
        return "whitespace-only %r" % payload.decode("latin-1")
    if len(text) > width:
        text = text[:width - 3] + "..."
    return text


# --------------------------------------------------------------------------
# XMPP / Finesse content

def open_c():
    return '<open xmlns="%s" to="%s" version="1.0"/>' % (NS_FRAMING, DOMAIN)


def open_s(sid):
    return ('<open xmlns="%s" from="%s" id="%s" xml:lang="en" version="1.0"/>'
            % (NS_FRAMING, DOMAIN, sid))


def close_x(extra=""):
    return '<close xmlns="%s"%s/>' % (NS_FRAMING, extra)


def features_sasl(mechanisms=("PLAIN", "SCRAM-SHA-1")):
    return ('<stream:features xmlns:stream="%s">'
            '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl">%s</mechanisms>'
            '</stream:features>'
            % (NS_STREAM, "".join("<mechanism>%s</mechanism>" % m for m in mechanisms)))


def features_bind():
    return ('<stream:features xmlns:stream="%s">'
            '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>'
            '<session xmlns="urn:ietf:params:xml:ns:xmpp-session"><optional/></session>'
            '<sm xmlns="urn:xmpp:sm:3"/>'
            '</stream:features>' % NS_STREAM)


def auth_plain():
    creds = base64.b64encode(("\0%s\0%s" % (USER, PASSWORD)).encode()).decode()
    return ('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">%s</auth>'
            % creds)


def sasl(element, data=None):
    """A SASL <auth>/<challenge>/<response>/<success> (RFC 6120 6.4) whose
    text is the base64 of `data` (str); no text at all when data is None."""
    ns = "urn:ietf:params:xml:ns:xmpp-sasl"
    attrs = ""
    if element.startswith("auth "):
        element, attrs = "auth", " " + element[5:]
    if data is None:
        return '<%s xmlns="%s"%s/>' % (element, ns, attrs)
    return '<%s xmlns="%s"%s>%s</%s>' % (element, ns, attrs,
                                         base64.b64encode(data.encode()).decode(), element)


def digest_md5(username, realm, password, nonce, cnonce, nc, qop, digest_uri, authzid=None):
    """RFC 2831 2.1.2.1 (response) and 2.1.3 (rspauth) for algorithm=md5-sess:
        A1 = H(username:realm:passwd) ":" nonce ":" cnonce [":" authzid]
        A2 = "AUTHENTICATE:" digest-uri          (rspauth: ":" digest-uri)
        response = HEX(KD(HEX(H(A1)), nonce:nc:cnonce:qop:HEX(H(A2))))
    with H = MD5 and KD(k, s) = H(k ":" s).  Only qop=auth (no
    ":00000000000000000000000000000000" suffix on A2).  With charset=utf-8
    the strings are UTF-8 (RFC 2831 would first turn them into ISO 8859-1
    when they fit: no difference for the ASCII used here).
    Returns (response, rspauth) as 32 lower-case hex digits each."""
    assert qop == "auth"

    def h(b):
        return hashlib.md5(b).digest()

    a1 = h(("%s:%s:%s" % (username, realm, password)).encode("utf-8")) + \
        (":%s:%s" % (nonce, cnonce)).encode("utf-8")
    if authzid:
        a1 += (":%s" % authzid).encode("utf-8")

    def kd(a2):
        return hashlib.md5(("%s:%s:%s:%s:%s:%s" % (h(a1).hex(), nonce, nc, cnonce, qop,
                                                  h(a2.encode("utf-8")).hex())).encode()).hexdigest()

    return kd("AUTHENTICATE:" + digest_uri), kd(":" + digest_uri)


# RFC 2831 section 4, first example (IMAP, user chris, password "secret").
assert digest_md5("chris", "elwood.innosoft.com", "secret", "OA6MG9tEQGm2hh", "OA6MHXh6VqTrRk",
                  "00000001", "auth", "imap/elwood.innosoft.com") == \
    ("d388dad90d4bbd760a152321f2143af7", "ea40f60335c427b5527b84dbabcdfffd")


def det_uuid(label):
    """A deterministic random-looking (version 4 layout) UUID, as Strophe's
    getUniqueId() makes them."""
    b = bytearray(det_bytes(label, 16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = bytes(b).hex()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def finesse_ping(iid):
    """The desktop's keepalive (finesse-notes.md 1.3 step 11): id <uuid>:ping."""
    return ('<iq xmlns="jabber:client" type="get" to="%s" id="%s">'
            '<ping xmlns="urn:xmpp:ping"/></iq>' % (DOMAIN, iid))


def bind_set(iid="bind_1"):
    return ('<iq xmlns="jabber:client" type="set" id="%s">'
            '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>%s</resource></bind></iq>'
            % (iid, RESOURCE))


def bind_result(iid="bind_1"):
    return ('<iq xmlns="jabber:client" type="result" id="%s">'
            '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>%s</jid></bind></iq>'
            % (iid, FULL))


def session_set(iid="sess_1"):
    return ('<iq xmlns="jabber:client" type="set" id="%s" to="%s">'
            '<session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>' % (iid, DOMAIN))


def iq_result(iid, frm=DOMAIN):
    return ('<iq xmlns="jabber:client" type="result" id="%s" from="%s" to="%s"/>'
            % (iid, frm, FULL))


def subscribe_set(iid="sub_1", node=NODE):
    return ('<iq xmlns="jabber:client" type="set" id="%s" to="%s">'
            '<pubsub xmlns="http://jabber.org/protocol/pubsub">'
            '<subscribe node="%s" jid="%s"/></pubsub></iq>' % (iid, PUBSUB, node, BARE))


def unsubscribe_set(iid="unsub_1", node=NODE):
    return ('<iq xmlns="jabber:client" type="set" id="%s" to="%s">'
            '<pubsub xmlns="http://jabber.org/protocol/pubsub">'
            '<unsubscribe node="%s" jid="%s"/></pubsub></iq>' % (iid, PUBSUB, node, BARE))


def subscribe_result(iid="sub_1", node=NODE):
    return ('<iq xmlns="jabber:client" type="result" id="%s" from="%s" to="%s">'
            '<pubsub xmlns="http://jabber.org/protocol/pubsub">'
            '<subscription node="%s" jid="%s" subid="Gen%sSub" subscription="subscribed"/>'
            '</pubsub></iq>' % (iid, PUBSUB, FULL, node, BARE, iid.replace("_", "")))


def ping_get(iid, frm_client=True):
    if frm_client:
        return ('<iq xmlns="jabber:client" type="get" id="%s" to="%s">'
                '<ping xmlns="urn:xmpp:ping"/></iq>' % (iid, DOMAIN))
    return ('<iq xmlns="jabber:client" type="get" id="%s" from="%s" to="%s">'
            '<ping xmlns="urn:xmpp:ping"/></iq>' % (iid, DOMAIN, FULL))


def ping_result_c(iid):
    return '<iq xmlns="jabber:client" type="result" id="%s" to="%s"/>' % (iid, DOMAIN)


def presence_c(show=None, status=None):
    inner = ""
    if show:
        inner += "<show>%s</show>" % show
    if status:
        inner += "<status>%s</status>" % status
    if not inner:
        return '<presence xmlns="jabber:client"/>'
    return '<presence xmlns="jabber:client">%s<priority>1</priority></presence>' % inner


def presence_s(frm="1002@%s/desktop" % DOMAIN, show="away", status="On break"):
    return ('<presence xmlns="jabber:client" from="%s" to="%s">'
            '<show>%s</show><status>%s</status><priority>1</priority></presence>'
            % (frm, FULL, show, status))


def user_xml(uid, state="READY", teams=0, stamp="2026-01-01T00:00:00.000Z", tag="user"):
    """A Finesse User object (the <user> of a User notification)."""
    x = ("<%s><dialogs>/finesse/api/User/%s/Dialogs</dialogs>"
         "<extension>%s</extension><firstName>Agent</firstName><lastName>N%s</lastName>"
         "<loginId>%s</loginId><loginName>agent%s</loginName><mediaType>1</mediaType>"
         "<pendingState></pendingState><reasonCodeId>-1</reasonCodeId>"
         "<roles><role>Agent</role></roles>"
         "<settings><wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming></settings>"
         "<state>%s</state><stateChangeTime>%s</stateChangeTime>"
         "<teamId>10</teamId><teamName>Team Ten</teamName>"
         % (tag, uid, "1%s" % uid, uid, uid, uid, state, stamp))
    if teams:
        x += "<teams>"
        for t in range(teams):
            tid = 100 + t
            x += ("<Team><id>%d</id><name>Generated Team %d</name>"
                  "<uri>/finesse/api/Team/%d</uri></Team>" % (tid, tid, tid))
        x += "</teams>"
    x += "<uri>/finesse/api/User/%s</uri></%s>" % (uid, tag)
    return x


def update_xml(data, source, event="PUT", request_id=""):
    return ("<Update><data>%s</data><event>%s</event><requestId>%s</requestId>"
            "<source>%s</source></Update>" % (data, event, request_id, source))


def pubsub_event(update, node=NODE, item_id="gen-item-1", msg_id=None, xmlns=True):
    msg_id = msg_id or "%s__%s__%s" % (node, BARE, item_id.replace("-", ""))
    ns = ' xmlns="jabber:client"' if xmlns else ""
    return ('<message%s from="%s" to="%s" id="%s">'
            '<event xmlns="http://jabber.org/protocol/pubsub#event">'
            '<items node="%s"><item id="%s">'
            '<notification xmlns="http://jabber.org/protocol/pubsub">%s</notification>'
            '</item></items></event></message>'
            % (ns, PUBSUB, FULL, msg_id, node, item_id, xml_escape(update)))


def user_event(state="READY", item_id="gen-item-1", teams=0, xmlns=True):
    upd = update_xml(user_xml(USER, state=state, teams=teams), NODE)
    return pubsub_event(upd, item_id=item_id, xmlns=xmlns)


def sized(build, target):
    """build(k) for the k that makes the UTF-8 payload exactly `target` bytes."""
    k = 0
    while len(build(k).encode()) < target:
        k += 1
    out = build(k)
    assert len(out.encode()) == target, (len(out.encode()), target)
    return out


def user_event_of_size(target, state="NOT_READY", item_id="gen-item-big"):
    """The smallest User event with N <teams> that is at least `target` bytes."""
    n = 0
    while True:
        s = user_event(state=state, item_id=item_id, teams=n)
        if len(s.encode()) >= target:
            return s
        n += 1


def team_user_xml(i):
    """A short Finesse team-member <User> entry (as in Team Users lists)."""
    uid = str(2000 + i)
    return ("<User><extension>1%s</extension><firstName>Agent</firstName>"
            "<lastName>N%s</lastName><loginId>%s</loginId><pendingState></pendingState>"
            "<state>%s</state><stateChangeTime>2026-01-01T00:%02d:%02d.000Z</stateChangeTime>"
            "<uri>/finesse/api/User/%s</uri></User>"
            % (uid, uid, uid, ("READY", "NOT_READY", "TALKING")[i % 3],
               i // 60 % 60, i % 60, uid))


def team_users_event(nusers=400):
    users = "".join(team_user_xml(i) for i in range(nusers))
    upd = update_xml("<users>%s</users>" % users, TEAM_NODE, event="GET",
                     request_id="gen-req-400")
    return pubsub_event(upd, node=TEAM_NODE, item_id="gen-team-users")


# --------------------------------------------------------------------------
# the captures

def new_conn(cap, name, sport=7071, stream=0, **kw):
    label = "%s/%d" % (name, stream)
    cport = det_int(label + "-cport", 40000, 60999)
    cisn = det_int(label + "-cisn", 1, 0xFFFFFFFF)
    sisn = det_int(label + "-sisn", 1, 0xFFFFFFFF)
    conn = TcpConn(cap, cport, sport, cisn, sisn, label=label, **kw)
    return conn, WsSession(conn, label)


def xmpp_login_short(ws, sid="gen-stream-1"):
    """open / open+features (separate segments) / bind / bind result."""
    ws.msg(C2S, open_c())
    ws.msg(S2C, open_s(sid))
    ws.msg(S2C, features_bind())
    ws.msg(C2S, bind_set())
    ws.msg(S2C, bind_result())


def xmpp_goodbye(ws, conn):
    ws.msg(C2S, close_x())
    ws.msg(S2C, close_x())
    ws.ws_close(S2C)
    conn.close(S2C)


def cap_multi_message_segment():
    name = "gen-multi-message-segment.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    ws.msg(C2S, open_c())
    # server: <open/> + <stream:features/> in ONE segment
    ws.msg(S2C, open_s("gen-multi-1"), features_bind())
    ws.msg(C2S, bind_set())
    ws.msg(S2C, bind_result())
    # client: 3 stanzas in ONE segment
    ws.msg(C2S, session_set(), subscribe_set(), presence_c())
    # server: 5 messages in ONE segment, the last a peer going offline
    ws.msg(S2C, iq_result("sess_1"), subscribe_result(), presence_s(),
           presence_s(frm="1003@%s/desktop" % DOMAIN, show="xa", status="Gone home"),
           '<presence xmlns="jabber:client" from="1004@%s/desktop" to="%s" type="unavailable"/>' % (DOMAIN, FULL))
    # server: messages NOT aligned with segments:
    #   seg A = ping iq + first 100 bytes of a pubsub event frame
    #   seg B = rest of that frame + a presence
    ping = ws.frame(S2C, ping_get("srvping_1", frm_client=False))
    evt = ws.frame(S2C, user_event("READY", item_id="gen-item-2"))
    pres = ws.frame(S2C, presence_s(show="dnd", status="In a meeting"))
    ws.send(S2C, [ping, evt, pres], cuts=[len(ping.raw) + 100], ack_every=0)
    # client: ping result + presence change + ping in one segment
    ws.msg(C2S, ping_result_c("srvping_1"), presence_c("away", "Lunch"), ping_get("ping_1"))
    ws.msg(S2C, iq_result("ping_1"))
    xmpp_goodbye(ws, conn)
    return cap


def cap_message_over_segments():
    name = "gen-message-over-segments.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    xmpp_login_short(ws, "gen-segs-1")
    ws.msg(C2S, subscribe_set())
    ws.msg(S2C, subscribe_result())
    # ~3000-byte server message over 3 segments (1460 + 1460 + rest)
    big = ws.frame(S2C, user_event_of_size(3000))
    assert 2920 < len(big.raw) < 4380
    ws.send(S2C, big, cuts=[1460, 1460], ack_every=2)
    # client message over 2 segments, cut INSIDE the WebSocket header
    # (after 5 of its 8 header bytes: inside the masking key)
    status = "Working on ticket 4711 - " + "call back customer about the open case; " * 5
    pres = ws.frame(C2S, presence_c("away", status.strip()))
    assert 126 <= len(pres.raw) - 8 <= 0xFFFF
    ws.send(C2S, pres, cuts=[5], ack_every=0)
    # (extra) another client message over 2 segments, cut in the payload
    ws.send(C2S, ws.frame(C2S, ping_get("ping_1")), cuts=[40], ack_every=0)
    ws.msg(S2C, iq_result("ping_1"))
    # the bare-JID subscription is removed again, in the <close/>'s segment
    ws.msg(C2S, unsubscribe_set(), close_x())
    ws.msg(S2C, close_x())
    ws.ws_close(S2C)
    conn.close(S2C)
    return cap


def cap_fragmented_ws():
    name = "gen-fragmented-ws.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    xmpp_login_short(ws, "gen-frag-1")
    # --- server -> client: text(FIN=0) + ping + cont(FIN=0) + cont(FIN=1),
    #     with an unfragmented client message in between
    evt = user_event("TALKING", item_id="gen-item-frag").encode()
    a, b = 150, 400
    ws.send(S2C, ws.frame(S2C, evt[:a], OP_TEXT, fin=False,
                          desc="fragment 1/3 of pubsub event: " + summarize(evt[:a], 60)))
    ws.msg(C2S, ping_get("ping_1"))                 # unfragmented, other direction
    ws.send(S2C, ws.frame(S2C, b"gen-keepalive", OP_PING, desc="ping between fragments"))
    ws.send(C2S, ws.frame(C2S, b"gen-keepalive", OP_PONG, desc="pong"))
    ws.send(S2C, ws.frame(S2C, evt[a:b], OP_CONT, fin=False,
                          desc="fragment 2/3: " + summarize(evt[a:b], 60)))
    ws.send(S2C, ws.frame(S2C, evt[b:], OP_CONT, fin=True,
                          desc="fragment 3/3: " + summarize(evt[b:], 60)))
    ws.msg(S2C, iq_result("ping_1"))
    # --- client -> server (masked): text(FIN=0) + cont(FIN=0) + cont(FIN=1)
    #     with an unfragmented server message in between.  The first cut is
    #     inside a 2-byte UTF-8 sequence (legal: only the whole message must
    #     be valid UTF-8).
    status = "Caf\u00e9 break \u2013 back at 10:15"
    pres = presence_c("away", status).encode()
    cut1 = pres.index("\u00e9".encode()) + 1      # between 0xC3 and 0xA9
    cut2 = pres.index(b"</status>")
    ws.send(C2S, ws.frame(C2S, pres[:cut1], OP_TEXT, fin=False,
                          desc="fragment 1/3 of presence (ends inside UTF-8 e-acute): "
                               + summarize(pres[:cut1 - 1], 60)))
    ws.msg(S2C, presence_s())                          # unfragmented, other direction
    ws.send(C2S, ws.frame(C2S, pres[cut1:cut2], OP_CONT, fin=False,
                          desc="fragment 2/3 (starts with UTF-8 continuation byte 0xA9)"))
    ws.send(C2S, ws.frame(C2S, pres[cut2:], OP_CONT, fin=True,
                          desc="fragment 3/3: " + summarize(pres[cut2:], 60)))
    # --- both fragments of a small message in ONE TCP segment (server)
    pres2 = presence_s(show="chat", status="Available").encode()
    ws.send(S2C, [ws.frame(S2C, pres2[:60], OP_TEXT, fin=False,
                           desc="fragment 1/2 of presence: " + summarize(pres2[:60], 60)),
                  ws.frame(S2C, pres2[60:], OP_CONT, fin=True,
                           desc="fragment 2/2: " + summarize(pres2[60:], 60))])
    xmpp_goodbye(ws, conn)
    return cap


def cap_large_message():
    name = "gen-large-message.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    xmpp_login_short(ws, "gen-large-1")
    ws.msg(C2S, subscribe_set("sub_team", TEAM_NODE))
    ws.msg(S2C, subscribe_result("sub_team", TEAM_NODE))
    big = ws.frame(S2C, team_users_event(400))
    assert len(big.raw) - 10 > 0xFFFF
    ws.send(S2C, big, ack_every=2)            # MSS (1460) sized segments
    ws.msg(S2C, user_event("READY", item_id="gen-item-after"))
    ws.msg(C2S, ping_get("ping_1"))
    ws.msg(S2C, iq_result("ping_1"))
    xmpp_goodbye(ws, conn)
    return cap


def cap_mid_session():
    name = "gen-mid-session.pcap"
    cap = Capture(name, linktype=LINKTYPE_RAW)
    conn, ws = new_conn(cap, name)
    conn.mid_stream()
    ws.msg(C2S, ping_get("ping_42"))
    ws.msg(S2C, iq_result("ping_42"))
    ws.msg(S2C, user_event("NOT_READY", item_id="gen-item-mid"))
    ws.msg(C2S, presence_c("away", "Back soon"))
    ws.msg(S2C, presence_s())
    xmpp_goodbye(ws, conn)
    return cap


def cap_non_xmpp():
    name = "gen-non-xmpp.pcap"
    cap = Capture(name)
    # stream 0: port 7071, path /chat/, JSON / HTML / SVG / text / binary
    conn, ws = new_conn(cap, name, sport=7071, stream=0)
    conn.handshake()
    ws.upgrade(path="/chat/", protocol=None)
    ws.msg(C2S, '{"type":"hello"}')
    ws.msg(S2C, '{"type":"welcome","session":"gen-1","features":["chat","presence"]}')
    ws.msg(C2S, "hello server, this is plain text")
    ws.msg(S2C, '<html><body><p>Hello <b>agent</b></p></body></html>')
    ws.msg(S2C, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                '<rect width="10" height="10" fill="red"/></svg>')
    ws.msg(C2S, '<a href="x">link</a>')
    ws.msg(C2S, " \n")
    ws.send(S2C, ws.frame(S2C, det_bytes("non-xmpp-bin-1", 48), OP_BIN,
                          desc="48 random bytes"))
    ws.send(C2S, ws.frame(C2S, b'<iq type="get" id="x"/>', OP_BIN,
                          desc='binary <iq type="get" id="x"/> (must NOT be claimed)'))
    ws.send(S2C, ws.frame(S2C, det_bytes("non-xmpp-bin-2", 300), OP_BIN,
                          desc="300 random bytes"))
    ws.msg(S2C, '{"type":"bye"}')
    ws.ws_close(C2S, 1000, b"done")
    conn.close(S2C)
    # stream 1: port 9090, path /sip/ and a SOAP endpoint (still no subprotocol)
    conn, ws = new_conn(cap, name, sport=9090, stream=1)
    conn.handshake()
    ws.upgrade(path="/sip/", protocol=None)
    ws.msg(C2S, "REGISTER sip:example.test SIP/2.0\r\n"
                "Via: SIP/2.0/WSS gen0001.invalid;branch=z9hG4bKgen0001\r\n"
                "Max-Forwards: 70\r\n"
                "To: <sip:1001@example.test>\r\n"
                "From: <sip:1001@example.test>;tag=gen1001\r\n"
                "Call-ID: gen-call-id-1@example.test\r\n"
                "CSeq: 1 REGISTER\r\n"
                "Contact: <sip:1001@gen0001.invalid;transport=ws>\r\n"
                "Expires: 600\r\n"
                "Content-Length: 0\r\n\r\n")
    ws.msg(S2C, "SIP/2.0 200 OK\r\n"
                "Via: SIP/2.0/WSS gen0001.invalid;branch=z9hG4bKgen0001\r\n"
                "To: <sip:1001@example.test>;tag=gensrv1\r\n"
                "From: <sip:1001@example.test>;tag=gen1001\r\n"
                "Call-ID: gen-call-id-1@example.test\r\n"
                "CSeq: 1 REGISTER\r\n"
                "Contact: <sip:1001@gen0001.invalid;transport=ws>;expires=600\r\n"
                "Content-Length: 0\r\n\r\n")
    ws.msg(C2S, '<?xml version="1.0"?><soap:Envelope '
                'xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'
                '<soap:Body><GetStatus xmlns="urn:example:agent"><id>1001</id></GetStatus>'
                '</soap:Body></soap:Envelope>')
    ws.msg(S2C, '<?xml version="1.0"?><soap:Envelope '
                'xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'
                '<soap:Body><GetStatusResponse xmlns="urn:example:agent"><status>READY</status>'
                '</GetStatusResponse></soap:Body></soap:Envelope>')
    ws.ws_close(C2S, 1000)
    conn.close(S2C)
    # stream 2: port 9001, the upgrade negotiates "mqtt"; XMPP stanzas as
    # payloads (binary, as mqtt.js writes a PUBLISH payload, and text) belong
    # to MQTT and must NOT be claimed
    conn, ws = new_conn(cap, name, sport=9001, stream=2)
    conn.handshake()
    ws.upgrade(path="/mqtt", protocol="mqtt")
    ws.send(C2S, ws.frame(C2S, b"<presence xmlns='jabber:client' type='unavailable'/>", OP_BIN,
                          desc="binary <presence type='unavailable'/> on an mqtt connection (must NOT be claimed)"))
    ws.msg(S2C, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'/>")
    ws.ws_close(C2S, 1000)
    conn.close(S2C)
    return cap


# Malformed messages shared by gen-malformed.pcap and gen-malformed-noproto.pcap:
# (direction, payload bytes, description); each is followed by a valid stanza.
def malformed_sequence():
    return [
        (C2S, b'<iq type="get" id="t1"><ping xmlns="urn:xmpp:ping"/>',
         "TRUNCATED iq (no </iq>)"),
        (C2S, ping_get("v1").encode(), None),
        (S2C, iq_result("v1").encode(), None),
        (C2S, b"<presence><show>away</presence>",
         "NOT WELL-FORMED presence (<show> not closed)"),
        (C2S, presence_c("away", "Valid after not-well-formed").encode(), None),
        (S2C, ('<presence xmlns="jabber:client" from="1002@%s/desktop" to="%s">'
               '<status>caf' % (DOMAIN, FULL)).encode() + b"\xc3\x28"
         + b"</status></presence>",
         "INVALID UTF-8 (0xC3 0x28) inside <status>"),
        (S2C, presence_s(status="Valid after invalid UTF-8").encode(), None),
        (S2C, ('<message xmlns="jabber:client" from="1002@%s/desktop" to="%s" type="chat">'
               '<body>nul' % (DOMAIN, FULL)).encode() + b"\x00"
         + b"here</body></message>",
         "EMBEDDED NUL byte inside <body>"),
        (S2C, ('<message xmlns="jabber:client" from="1002@%s/desktop" to="%s" type="chat">'
               '<body>Valid after NUL</body></message>' % (DOMAIN, FULL)).encode(), None),
        (C2S, b'{"type":"hello","note":"json inside an xmpp session"}',
         "NON-XMPP JSON text"),
        (C2S, ping_get("v2").encode(), None),
        (S2C, iq_result("v2").encode(), None),
    ]


def send_sequence(ws, seq):
    for d, payload, desc in seq:
        ws.send(d, ws.frame(d, payload, desc=(desc + ": " + summarize(payload, 70))
                            if desc else None))


def cap_malformed():
    name = "gen-malformed.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()                               # with Sec-WebSocket-Protocol: xmpp
    xmpp_login_short(ws, "gen-malformed-1")
    send_sequence(ws, malformed_sequence())
    ws.msg(S2C, user_event("READY", item_id="gen-item-mal"))
    xmpp_goodbye(ws, conn)
    return cap


def cap_malformed_noproto():
    name = "gen-malformed-noproto.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade(protocol=None)                  # NO subprotocol header
    xmpp_login_short(ws, "gen-malformed-2")
    ws.msg(C2S, presence_c())
    ws.msg(S2C, presence_s(show="chat", status="Available"))
    send_sequence(ws, malformed_sequence())
    ws.msg(S2C, user_event("READY", item_id="gen-item-mal2"))
    ws.msg(C2S, presence_c("dnd", "Valid at the end"))
    xmpp_goodbye(ws, conn)
    return cap


def cap_legacy_framing():
    name = "gen-legacy-framing.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name, sport=7070)
    conn.handshake()
    ws.upgrade(path="/ws/", protocol=None)     # NO subprotocol header
    hdr_c = ("<?xml version='1.0'?><stream:stream to='%s' xmlns='jabber:client' "
             "xmlns:stream='%s' version='1.0'>" % (DOMAIN, NS_STREAM))
    hdr_s = ("<?xml version='1.0' encoding='UTF-8'?><stream:stream "
             "xmlns:stream='%s' xmlns='jabber:client' from='%s' id='%s' "
             "xml:lang='en' version='1.0'>")
    ws.msg(C2S, hdr_c)
    ws.msg(S2C, hdr_s % (NS_STREAM, DOMAIN, "abc"))
    ws.msg(S2C, "<stream:features xmlns:stream='%s'><mechanisms "
                "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                "</mechanisms></stream:features>" % NS_STREAM)
    creds = base64.b64encode(("\0%s\0%s" % (USER, PASSWORD)).encode()).decode()
    ws.msg(C2S, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>"
                % creds)
    ws.msg(S2C, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
    ws.msg(C2S, hdr_c)                         # stream restart
    # ONE message holding the stream header AND the features
    ws.msg(S2C, (hdr_s % (NS_STREAM, DOMAIN, "abd"))
           + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
             "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>")
    ws.msg(C2S, "<iq type='set' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                "<resource>%s</resource></bind></iq>" % RESOURCE)
    ws.msg(S2C, "<iq type='result' id='bind_1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                "<jid>%s</jid></bind></iq>" % FULL)
    # several top-level elements in one message
    ws.msg(C2S, "<presence/><iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>")
    ws.msg(S2C, "<iq type='result' id='p1' from='%s' to='%s'/>" % (DOMAIN, FULL))
    ws.msg(C2S, " ")                            # whitespace-only messages
    ws.msg(S2C, "\n")
    ws.msg(S2C, user_event("READY", item_id="gen-item-legacy", xmlns=False))
    ws.msg(S2C, "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection"
                "</text></stream:error>")
    ws.msg(S2C, "</stream:stream>")
    ws.msg(C2S, "</stream:stream>")
    ws.ws_close(S2C)
    conn.close(S2C)
    return cap


def cap_rfc7395_misc():
    name = "gen-rfc7395-misc.pcap"
    cap = Capture(name)
    # stream 0: full login, SASL PLAIN, restart, bind, XEP-0198, stream error
    conn, ws = new_conn(cap, name, stream=0)
    conn.handshake()
    ws.upgrade()
    ws.msg(C2S, open_c())
    ws.msg(S2C, open_s("gen-misc-1"))
    ws.msg(S2C, features_sasl())
    ws.msg(C2S, auth_plain())
    ws.msg(S2C, '<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>')
    ws.msg(C2S, open_c())                      # stream restart after SASL
    ws.msg(S2C, open_s("gen-misc-2"))
    ws.msg(S2C, features_bind())
    ws.msg(C2S, bind_set())
    ws.msg(S2C, bind_result())
    ws.msg(C2S, '<enable xmlns="urn:xmpp:sm:3" resume="true"/>')
    ws.msg(S2C, '<enabled xmlns="urn:xmpp:sm:3" id="gen-sm-1" resume="true" max="300"/>')
    ws.msg(C2S, presence_c())
    ws.msg(S2C, '<r xmlns="urn:xmpp:sm:3"/>')
    ws.msg(C2S, '<a xmlns="urn:xmpp:sm:3" h="0"/>')
    ws.msg(C2S, '<r xmlns="urn:xmpp:sm:3"/>')
    ws.msg(S2C, '<a xmlns="urn:xmpp:sm:3" h="1"/>')
    ws.msg(C2S, " ")                           # whitespace-only message
    # payload-length boundaries: 125 bytes (largest 7-bit length, client,
    # masked) and 126 bytes (smallest 16-bit length, server)
    ws.msg(C2S, sized(lambda k: presence_c("chat", "Ready " + "x" * k), 125))
    pid = "ping_" + "7" * (126 - len(iq_result("ping_").encode()))
    ws.msg(C2S, ping_get(pid))
    assert len(iq_result(pid).encode()) == 126
    ws.msg(S2C, iq_result(pid))
    ws.msg(S2C, '<stream:error xmlns:stream="%s">'
                '<see-other-host xmlns="urn:ietf:params:xml:ns:xmpp-streams">'
                'alt.finesse.example.test:7443</see-other-host></stream:error>' % NS_STREAM)
    ws.msg(S2C, close_x())
    ws.msg(C2S, close_x())
    ws.ws_close(S2C)
    conn.close(S2C)
    # stream 1: redirect at open time: <close see-other-uri=.../>
    conn, ws = new_conn(cap, name, stream=1)
    conn.handshake()
    ws.upgrade()
    ws.msg(C2S, open_c())
    ws.msg(S2C, close_x(' see-other-uri="wss://alt.finesse.example.test:7443/ws/"'))
    ws.msg(C2S, close_x())
    ws.ws_close(S2C)
    conn.close(S2C)
    return cap


# SASL DIGEST-MD5 values (RFC 2831; nonce and cnonce are those of its examples)
DIGEST_PASSWORD = "Digest-Pa55w0rd!"
DIGEST_NONCE = "OA6MG9tEQGm2hh"
DIGEST_CNONCE = "OA6MHXh6VqTrRk"
DIGEST_URI = "xmpp/%s" % DOMAIN
DIGEST_RESPONSE, DIGEST_RSPAUTH = digest_md5(USER, DOMAIN, DIGEST_PASSWORD, DIGEST_NONCE,
                                             DIGEST_CNONCE, "00000001", "auth", DIGEST_URI)
DIGEST_CHALLENGE = ('realm="%s",nonce="%s",qop="auth",charset=utf-8,algorithm=md5-sess'
                    % (DOMAIN, DIGEST_NONCE))
DIGEST_CLIENT_RESPONSE = ('username="%s",realm="%s",nonce="%s",cnonce="%s",nc=00000001,qop=auth,'
                          'digest-uri="%s",response=%s,charset=utf-8'
                          % (USER, DOMAIN, DIGEST_NONCE, DIGEST_CNONCE, DIGEST_URI,
                             DIGEST_RESPONSE))


def cap_sasl_digest():
    name = "gen-sasl-digest.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    ws.msg(C2S, open_c())
    ws.msg(S2C, open_s("gen-digest-1"))
    ws.msg(S2C, features_sasl(("DIGEST-MD5", "PLAIN")))
    ws.msg(C2S, sasl('auth mechanism="DIGEST-MD5"'))           # no initial response
    ws.msg(S2C, sasl("challenge", DIGEST_CHALLENGE))
    ws.msg(C2S, sasl("response", DIGEST_CLIENT_RESPONSE))
    ws.msg(S2C, sasl("challenge", "rspauth=%s" % DIGEST_RSPAUTH))
    ws.msg(C2S, sasl("response"))                              # empty: RFC 6120 6.4.3
    ws.msg(S2C, sasl("success"))
    ws.msg(C2S, open_c())                                      # stream restart
    ws.msg(S2C, open_s("gen-digest-2"))
    ws.msg(S2C, features_bind())
    ws.msg(C2S, bind_set())
    ws.msg(S2C, bind_result())
    ws.msg(C2S, presence_c())
    xmpp_goodbye(ws, conn)
    return cap


PING_INTERVAL = 10.0        # the desktop's keepalive period (finesse-notes.md 1.3 step 11)


def desktop_login(ws, sid):
    """SASL PLAIN, restart, bind `desktop` (Strophe's id), initial presence."""
    ws.msg(C2S, open_c())
    ws.msg(S2C, open_s(sid + "-1"))
    ws.msg(S2C, features_sasl(("PLAIN",)))
    ws.msg(C2S, auth_plain())
    ws.msg(S2C, sasl("success"))
    ws.msg(C2S, open_c())
    ws.msg(S2C, open_s(sid + "-2"))
    ws.msg(S2C, features_bind())
    ws.msg(C2S, bind_set("_bind_auth_2"))
    ws.msg(S2C, bind_result("_bind_auth_2"))
    ws.msg(C2S, presence_c())


def cap_ping_timeout():
    name = "gen-ping-timeout.pcap"
    cap = Capture(name)
    # connection 1: login, one answered ping, two unanswered, then the client
    # gives up (finesse-notes.md 3, keepalive / reconnect loop): TCP FIN
    # without <close/> and without a WebSocket Close.
    conn, ws = new_conn(cap, name, stream=0)
    conn.handshake()
    ws.upgrade()
    desktop_login(ws, "gen-ping-a")
    for n in range(1, 4):
        cap.at(n * PING_INTERVAL)                      # 10 s, 20 s, 30 s
        iid = "%s:ping" % det_uuid("%s-ping-%d" % (name, n))
        ws.msg(C2S, finesse_ping(iid))                 # the server's TCP ACKs it
        if n == 1:
            ws.msg(S2C, iq_result(iid))
    cap.at(4 * PING_INTERVAL)                          # 40 s: 20 s without a pong
    conn.close(C2S)
    # connection 2, 2 s later: new TCP connection, upgrade, login, one
    # answered ping 10 s after it started, then a proper close.
    start = 4 * PING_INTERVAL + 2.0
    cap.at(start)
    conn, ws = new_conn(cap, name, stream=1)
    conn.handshake()
    ws.upgrade()
    desktop_login(ws, "gen-ping-b")
    cap.at(start + PING_INTERVAL)
    iid = "%s:ping" % det_uuid("%s-ping-%d" % (name, 4))
    ws.msg(C2S, finesse_ping(iid))
    ws.msg(S2C, iq_result(iid))
    cap.at(start + PING_INTERVAL + 3.0)
    xmpp_goodbye(ws, conn)
    return cap


# gen-finesse-forms.pcap: the forms a Finesse <Update> can take inside a
# pubsub item (finesse-notes.md 2.1, 2.2), and payloads that are not one.

DIALOGS_NODE = "/finesse/api/User/1001/Dialogs"
FORMS_DIALOG = "16777301"
NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_PUSH = "urn:xmpp:push:0"             # <notification>'s namespace in Finesse 12.5


def det_chars(label, n):
    """n deterministic random-looking letters and digits."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(alphabet[b % len(alphabet)] for b in det_bytes(label, n))


def update_event_first(data, source, event="PUT", request_id=""):
    """An <Update> with <event> first and <data> last (update_xml() puts
    <data> first): Finesse does not fix the child order."""
    return ("<Update><event>%s</event><requestId>%s</requestId><source>%s</source>"
            "<data>%s</data></Update>" % (event, request_id, source, data))


def notification(content, ns=NS_PUBSUB):
    return '<notification xmlns="%s">%s</notification>' % (ns, content)


def items_event(items, node=NODE, to=FULL, msg_id=None):
    """A pubsub event <message> carrying `items`, a list of (item id,
    payload XML); msg_id None: no id attribute."""
    mid = ' id="%s"' % msg_id if msg_id else ""
    return ('<message xmlns="jabber:client" from="%s" to="%s"%s>'
            '<event xmlns="http://jabber.org/protocol/pubsub#event"><items node="%s">%s</items></event>'
            '</message>' % (PUBSUB, to, mid, node,
                            "".join('<item id="%s">%s</item>' % (i, p) for i, p in items)))


def dialog_xml(call_variables):
    """A Finesse <dialog> (Dialog PUT, state ACTIVE): the inbound call
    5551234 -> 1001; call_variables is a list of (name, value) as the
    Update document holds them once unescaped."""
    cv = "".join("<CallVariable><name>%s</name><value>%s</value></CallVariable>"
                 % (xml_escape(n), xml_escape(v)) for n, v in call_variables)
    part = ("<Participant><actions>%s</actions><mediaAddress>%s</mediaAddress>"
            "<mediaAddressType>%s</mediaAddressType><startTime>2026-01-01T00:00:01.000Z</startTime>"
            "<state>ACTIVE</state><stateCause></stateCause>"
            "<stateChangeTime>2026-01-01T00:00:02.000Z</stateChangeTime></Participant>")
    return ("<dialog><associatedDialogUri></associatedDialogUri><fromAddress>5551234</fromAddress>"
            "<id>%s</id><mediaProperties><DNIS>8005550100</DNIS><callType>ACD_IN</callType>"
            "<dialedNumber>8005550100</dialedNumber><outboundClassification></outboundClassification>"
            "<callvariables>%s</callvariables><mediaId>1</mediaId><queueName>Sales</queueName>"
            "<queueNumber>5000</queueNumber><callKeyCallId>%s</callKeyCallId>"
            "<callKeyPrefix>153</callKeyPrefix><callKeySequenceNum>1</callKeySequenceNum>"
            "</mediaProperties><mediaType>Voice</mediaType><participants>%s%s</participants>"
            "<secondaryId></secondaryId><state>ACTIVE</state><toAddress>1%s</toAddress>"
            "<uri>/finesse/api/Dialog/%s</uri></dialog>"
            % (FORMS_DIALOG, cv, FORMS_DIALOG,
               part % ("", "5551234", ""),
               part % ("<action>HOLD</action><action>DROP</action>", "1" + USER, "AGENT_DEVICE"),
               USER, FORMS_DIALOG))


FORMS_CALL_VARIABLES = [("callVariable1", "<b>"), ("callVariable2", "x & y")]


def cap_finesse_forms():
    name = "gen-finesse-forms.pcap"
    cap = Capture(name)
    conn, ws = new_conn(cap, name)
    conn.handshake()
    ws.upgrade()
    desktop_login(ws, "gen-forms")
    uuid = det_uuid(name + "-items")                  # item ids: one UUID, a counter

    def item_id(n):
        return "%s%d" % (uuid, 400 + n)

    user = update_event_first(user_xml(USER, state="READY", stamp="2026-01-01T00:00:01.000Z"), NODE)
    # 1. the <Update> as CHILD XML of <notification> (OpenFire 3.x style id)
    ws.msg(S2C, items_event([(item_id(1), notification(user))],
                            msg_id="%s__%s__%s" % (NODE, BARE, det_chars(name + "-id1", 5))))
    # 2. Finesse 12.5: urn:xmpp:push:0, 8-character id, to the bare JID,
    #    <data> first, lower-case <event>put</event>
    upd = update_xml(user_xml(USER, state="NOT_READY", stamp="2026-01-01T00:00:02.000Z"), NODE, event="put")
    ws.msg(S2C, items_event([(item_id(2), notification(xml_escape(upd), NS_PUSH))], to=BARE,
                            msg_id=det_chars(name + "-id2", 8)))
    # 3. an Update travelling client to server: pubsub publish, and its result
    upd = update_event_first(user_xml(USER, state="READY", stamp="2026-01-01T00:00:03.000Z"), NODE,
                             request_id="gen-forms-req-3")
    ws.msg(C2S, '<iq xmlns="jabber:client" type="set" id="pub_1" to="%s">'
                '<pubsub xmlns="%s"><publish node="%s"><item id="%s">%s</item></publish></pubsub></iq>'
                % (PUBSUB, NS_PUBSUB, NODE, item_id(3), notification(xml_escape(upd))))
    ws.msg(S2C, '<iq xmlns="jabber:client" type="result" id="pub_1" from="%s" to="%s">'
                '<pubsub xmlns="%s"><publish node="%s"><item id="%s"/></publish></pubsub></iq>'
                % (PUBSUB, FULL, NS_PUBSUB, NODE, item_id(3)))
    # 4. the escaped text is NOT well-formed XML (cut short inside <user>)
    ws.msg(S2C, items_event([(item_id(4), notification(xml_escape("<Update><event>PUT</event><data><user>")))],
                            msg_id=det_chars(name + "-id4", 8)))
    # 5. Dialog PUT whose call variable was escaped twice: the wire has
    #    &amp;lt;b&amp;gt;, the Update text &lt;b&gt;, the value <b>
    upd = update_xml(dialog_xml(FORMS_CALL_VARIABLES), "/finesse/api/Dialog/%s" % FORMS_DIALOG)
    ws.msg(S2C, items_event([(item_id(5), notification(xml_escape(upd)))], node=DIALOGS_NODE,
                            msg_id=det_chars(name + "-id5", 8)))
    # 6. escaped payloads that are not an <Update>: an XML element, JSON
    ws.msg(S2C, items_event([(item_id(6), notification(xml_escape('<Foo a="1"/>')))],
                            msg_id=det_chars(name + "-id6", 8)))
    ws.msg(S2C, items_event([(item_id(7), notification('{"a":1}'))], msg_id=det_chars(name + "-id7", 8)))
    # 7. two items in one <items>: User READY and User TALKING
    ready = update_xml(user_xml(USER, state="READY", stamp="2026-01-01T00:00:04.000Z"), NODE)
    talking = update_xml(user_xml(USER, state="TALKING", stamp="2026-01-01T00:00:05.000Z"), NODE)
    ws.msg(S2C, items_event([(item_id(8), notification(xml_escape(ready))),
                             (item_id(9), notification(xml_escape(talking)))],
                            msg_id=det_chars(name + "-id8", 8)))
    # 8. (beyond the brief) escaped documents that start with an XML
    #    declaration: an <Update> (User NOT_READY) and a <Foo/>
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    upd = update_xml(user_xml(USER, state="NOT_READY", stamp="2026-01-01T00:00:06.000Z"), NODE)
    ws.msg(S2C, items_event([(item_id(10), notification(xml_escape(decl + upd)))],
                            msg_id=det_chars(name + "-id10", 8)))
    ws.msg(S2C, items_event([(item_id(11), notification(xml_escape(decl + '<Foo a="1"/>')))],
                            msg_id=det_chars(name + "-id11", 8)))
    xmpp_goodbye(ws, conn)
    return cap


ALL = [cap_multi_message_segment, cap_message_over_segments, cap_fragmented_ws,
       cap_large_message, cap_mid_session, cap_non_xmpp, cap_malformed,
       cap_malformed_noproto, cap_legacy_framing, cap_rfc7395_misc, cap_sasl_digest,
       cap_ping_timeout, cap_finesse_forms]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    listing = "--list" in argv[1:]
    outdir = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(outdir, exist_ok=True)
    for make in ALL:
        cap = make()
        path = os.path.join(outdir, cap.name)
        data = cap.to_bytes()
        with open(path, "wb") as f:
            f.write(data)
        if listing:
            print(cap.listing())
            print()
        else:
            print("wrote %s (%d frames, %d bytes)" % (path, len(cap.frames), len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
