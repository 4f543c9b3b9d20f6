#!/usr/bin/env python3
"""Deterministic generator of the files that test xmppws-redact on what
real captures only sometimes have: credentials split over WebSocket
fragments, TCP segments, retransmissions and segments out of order, BOSH
bodies in chunked transfer coding and pipelined, a lost segment, IPv6,
DIGEST-MD5 (which the servers at hand no longer offer) over WebSocket and
BOSH, a mechanism the command does not understand, SASL PLAIN without an
initial response, XMPP over plain TCP (which the command does not read,
and says so), and an HTTP Archive with what Chromium's exports of the
real sessions lack (JSON escapes, a base64 response body, a binary
WebSocket message).

Usage:
    python3 test-captures/make/redact/gen-redact.py [OUTDIR] [--list]

OUTDIR defaults to test-captures/. --list also prints one line per frame
(frame number, direction, flags, payload length, what the segment holds).
Standard library only; it reuses generate_edge_cases.py's pcap, TCP and
WebSocket writer and its DIGEST-MD5 computation, and computes SCRAM-SHA-1
(RFC 5802) itself, checked against the RFC's own example. What each
capture holds, frame by frame, and what tests/tshark/test_redact.py
asserts: NOTES.md beside this script.
"""

import base64
import hashlib
import hmac
import json
import os
import socket
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import generate_edge_cases as g  # noqa: E402  (the shared pcap/TCP/WebSocket writer)

C2S, S2C = g.C2S, g.S2C
NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl"
NS_HTTPBIND = "http://jabber.org/protocol/httpbind"

PLAIN_PASSWORD = "Edge-Pa55w0rd!1001"
SCRAM_PASSWORD = "Edge-Scram-Pa55w0rd!"
DIGEST_PASSWORD = "Edge-Digest-Pa55w0rd!"
OAUTH_TOKEN = "ya29.Edge-0Auth-T0ken-1001-abcdefghijklmnop"
IPV6_PASSWORD = "Edge-V6-Pa55w0rd!1001"
TCP_PASSWORD = "Edge-Tcp-Pa55w0rd!1001"

BOSH_PORT = 80            # an HTTP port: Wireshark reads it as HTTP without -d
BOSH_SID = "gen-redact-bosh-sid"


def b64(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.b64encode(data).decode()


# --------------------------------------------------------------------------
# SCRAM-SHA-1 (RFC 5802 section 3)

def scram_sha1(user, password, cnonce, snonce, salt, iterations):
    """The four SCRAM messages: client-first, server-first, client-final,
    server-final."""
    client_first_bare = "n=%s,r=%s" % (user, cnonce)
    server_first = "r=%s%s,s=%s,i=%d" % (cnonce, snonce, b64(salt), iterations)
    final_without_proof = "c=biws,r=%s%s" % (cnonce, snonce)
    auth_message = ",".join([client_first_bare, server_first, final_without_proof]).encode()
    salted = hashlib.pbkdf2_hmac("sha1", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha1").digest()
    signature = hmac.new(hashlib.sha1(client_key).digest(), auth_message, "sha1").digest()
    proof = bytes(a ^ b for a, b in zip(client_key, signature))
    server_key = hmac.new(salted, b"Server Key", "sha1").digest()
    verifier = hmac.new(server_key, auth_message, "sha1").digest()
    return ("n,," + client_first_bare, server_first, final_without_proof + ",p=" + b64(proof),
            "v=" + b64(verifier))


# RFC 5802 section 5, the example exchange (user "user", password "pencil").
assert scram_sha1("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL", "3rfcNHYJY1ZVvWVs7j",
                  base64.b64decode("QSXCR+Q6sek8bf92"), 4096)[2:] == \
    ("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
     "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")

SCRAM = scram_sha1(g.USER, SCRAM_PASSWORD, "gen-redact-cnonce-1001", "gen-redact-snonce",
                   g.det_bytes("gen-redact-salt", 16), 4096)

DIGEST_NONCE = "gen-redact-digest-nonce"
DIGEST_CNONCE = "gen-redact-digest-cnonce"
DIGEST_URI = "xmpp/%s" % g.DOMAIN
DIGEST_RESPONSE, DIGEST_RSPAUTH = g.digest_md5(g.USER, g.DOMAIN, DIGEST_PASSWORD, DIGEST_NONCE, DIGEST_CNONCE,
                                               "00000001", "auth", DIGEST_URI)
DIGEST_CHALLENGE = ('realm="%s",nonce="%s",qop="auth",charset=utf-8,algorithm=md5-sess'
                    % (g.DOMAIN, DIGEST_NONCE))
DIGEST_CLIENT = ('username="%s",realm="%s",nonce="%s",cnonce="%s",nc=00000001,qop=auth,'
                 'digest-uri="%s",response=%s,charset=utf-8'
                 % (g.USER, g.DOMAIN, DIGEST_NONCE, DIGEST_CNONCE, DIGEST_URI, DIGEST_RESPONSE))


def plain(password, user=g.USER):
    return "\0%s\0%s" % (user, password)


# --------------------------------------------------------------------------
# segments as captures sometimes have them

def segments(conn, d, data, cuts, order=None, again=(), lost=(), what=""):
    """Sends `data` from d as segments of the lengths in `cuts` (the rest
    is one more segment), put in the capture in `order` (indices; default
    as sent), the segments in `again` retransmitted after them, and those
    in `lost` never written (missing from the capture). The peer then
    acknowledges everything."""
    base = conn.nxt[d]
    parts, pos = [], 0
    for c in list(cuts) + [len(data)]:
        if pos < len(data):
            parts.append((pos, data[pos:pos + c] if c else data[pos:]))
            pos += len(parts[-1][1])
    for n, i in enumerate(list(order or range(len(parts))) + list(again)):
        off, chunk = parts[i]
        conn.nxt[d] = base + off
        pkt = conn._build(d, g.ACK | g.PSH, chunk)
        note = "retransmission of " if n >= len(parts) else ""
        note += "bytes %d-%d of %d" % (off, off + len(chunk), len(data))
        if i in lost:
            continue
        flags = "[" + g.flag_str(g.ACK | g.PSH) + "]"
        conn.cap.add(pkt, "%s %-11s len=%-5d %s: %s" % (d, flags, len(chunk), note, what))
    conn.nxt[d] = base + len(data)
    conn.rcv[conn.other(d)] = conn.nxt[d]
    conn.ack(conn.other(d))


def ws_bytes(ws, d, payload, fragments=None, ping_after=None):
    """The frames of one WebSocket message (fragments: lengths of all but
    the last fragment), a ping after fragment `ping_after`."""
    payload = payload.encode() if isinstance(payload, str) else payload
    cuts = list(fragments or [])
    pieces, pos = [], 0
    for c in cuts + [len(payload) - sum(cuts)]:
        pieces.append(payload[pos:pos + c])
        pos += c
    out = b""
    for i, piece in enumerate(pieces):
        opcode = g.OP_TEXT if i == 0 else g.OP_CONT
        out += ws.frame(d, piece, opcode, fin=i == len(pieces) - 1).raw
        if ping_after == i:
            out += ws.frame(d, b"keepalive", g.OP_PING).raw
    return out


# --------------------------------------------------------------------------
# BOSH over HTTP/1.1

def chunked(body, sizes):
    out, pos = b"", 0
    for n in list(sizes) + [len(body)]:
        piece = body[pos:pos + n]
        if not piece:
            break
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        pos += len(piece)
    return out + b"0\r\n\r\n"


def http_message(start, body, chunks=None):
    body = body.encode()
    head = [start, "Host: %s" % g.DOMAIN, "Content-Type: text/xml; charset=utf-8"]
    if chunks is None:
        head.append("Content-Length: %d" % len(body))
        return ("\r\n".join(head) + "\r\n\r\n").encode() + body
    head.append("Transfer-Encoding: chunked")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + chunked(body, chunks)


def bosh_request(rid, inner, chunks=None, extra=""):
    body = "<body rid='%d' sid='%s' xmlns='%s'%s>%s</body>" % (rid, BOSH_SID, NS_HTTPBIND, extra, inner)
    return http_message("POST /http-bind/ HTTP/1.1", body, chunks)


def bosh_response(inner, chunks=None, extra=""):
    body = "<body xmlns='%s'%s>%s</body>" % (NS_HTTPBIND, extra, inner)
    return http_message("HTTP/1.1 200 OK", body, chunks)


# --------------------------------------------------------------------------
# the captures

def ws_login_start(ws, mechanisms):
    ws.msg(C2S, g.open_c())
    ws.msg(S2C, g.open_s("gen-redact-stream"))
    ws.msg(S2C, g.features_sasl(mechanisms))


def ws_login_end(ws, conn):
    ws.msg(S2C, g.sasl("success"))
    g.xmpp_login_short(ws, "gen-redact-stream-2")
    ws.msg(C2S, g.presence_c())
    g.xmpp_goodbye(ws, conn)


def plain_fragmented(cap):
    """PLAIN in three fragments with a ping between the first two, cut
    into segments inside the base64, the second segment in the capture
    after the third and retransmitted at the end; later a server event
    loses the middle one of its three segments."""
    conn, ws = g.new_conn(cap, "gen-redact-edge", stream=1)
    conn.handshake()
    ws.upgrade()
    ws_login_start(ws, ("PLAIN", "SCRAM-SHA-1", "DIGEST-MD5", "X-OAUTH2"))
    auth = g.sasl('auth mechanism="PLAIN"', plain(PLAIN_PASSWORD))
    raw = ws_bytes(ws, C2S, auth, fragments=[70, 30], ping_after=0)
    segments(conn, C2S, raw, [80, 40], order=[0, 2, 1], again=[1], what="PLAIN <auth> in 3 fragments")
    ws.msg(S2C, g.sasl("success"))
    g.xmpp_login_short(ws, "gen-redact-stream-2")
    segments(conn, S2C, ws.frame(S2C, g.user_event("NOT_READY")).raw, [300, 300], lost=[1],
             what="User event (middle segment lost)")
    ws.msg(C2S, g.presence_c())
    g.xmpp_goodbye(ws, conn)


def bosh_scram(cap):
    """SCRAM-SHA-1 over BOSH on one keep-alive connection: the challenge
    with the salt in a response of known length, the proof in a chunked
    request whose chunk boundary cuts the base64, the signature in a
    chunked response."""
    conn = g.TcpConn(cap, g.det_int("bosh-cport", 40000, 60999), BOSH_PORT, g.det_int("bosh-cisn", 1, 2**32 - 1),
                     g.det_int("bosh-sisn", 1, 2**32 - 1), label="gen-redact-bosh")
    conn.handshake()
    first, server_first, final, server_final = SCRAM
    create = ("<body content='text/xml; charset=utf-8' hold='1' rid='3000' to='%s' ver='1.6' wait='60' "
              "xml:lang='en' xmpp:version='1.0' xmlns='%s' xmlns:xmpp='urn:xmpp:xbosh'/>" % (g.DOMAIN, NS_HTTPBIND))
    conn.send(C2S, http_message("POST /http-bind/ HTTP/1.1", create), descs=["BOSH session request"])
    conn.send(S2C, bosh_response("<stream:features xmlns:stream='%s'><mechanisms xmlns='%s'>"
                                 "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>"
                                 % (g.NS_STREAM, NS_SASL),
                                 extra=" sid='%s' wait='60' requests='2' hold='1' ver='1.6' "
                                       "xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'" % BOSH_SID),
              descs=["BOSH session created"])
    conn.send(C2S, bosh_request(3001, g.sasl('auth mechanism="SCRAM-SHA-1"', first)), descs=["SCRAM client-first"])
    conn.send(S2C, bosh_response(g.sasl("challenge", server_first)), descs=["SCRAM server-first (salt)"])
    conn.send(C2S, bosh_request(3002, g.sasl("response", final), chunks=[120, 40]),
              descs=["SCRAM client-final (proof), chunked"])
    conn.send(S2C, bosh_response(g.sasl("success", server_final), chunks=[110]),
              descs=["SCRAM server-final (signature), chunked"])
    conn.send(C2S, bosh_request(3003, "", extra=" type='terminate'"), descs=["BOSH terminate"])
    conn.send(S2C, bosh_response("", extra=" type='terminate'"), descs=["BOSH terminated"])
    conn.close()


def bosh_digest(cap):
    """DIGEST-MD5 over BOSH, bodies of known length, pipelined: the
    response and the empty response that follows go in one segment."""
    conn = g.TcpConn(cap, g.det_int("bosh2-cport", 40000, 60999), BOSH_PORT, g.det_int("bosh2-cisn", 1, 2**32 - 1),
                     g.det_int("bosh2-sisn", 1, 2**32 - 1), label="gen-redact-bosh-digest")
    conn.handshake()
    conn.send(C2S, bosh_request(5001, g.sasl('auth mechanism="DIGEST-MD5"')), descs=["DIGEST-MD5 <auth>"])
    conn.send(S2C, bosh_response(g.sasl("challenge", DIGEST_CHALLENGE)), descs=["challenge"])
    conn.send(C2S, bosh_request(5002, g.sasl("response", DIGEST_CLIENT)) + bosh_request(5003, g.sasl("response")),
              descs=["response (DIGEST-MD5 response=) and the next request, pipelined"])
    conn.send(S2C, bosh_response(g.sasl("challenge", "rspauth=" + DIGEST_RSPAUTH)), descs=["rspauth challenge"])
    conn.send(S2C, bosh_response(g.sasl("success")), descs=["success"])
    conn.close()


def digest_split(cap):
    """DIGEST-MD5 whose response is cut between two segments, the second
    of which also holds a whitespace keepalive."""
    conn, ws = g.new_conn(cap, "gen-redact-edge", stream=3)
    conn.handshake()
    ws.upgrade()
    ws_login_start(ws, ("DIGEST-MD5",))
    ws.msg(C2S, g.sasl('auth mechanism="DIGEST-MD5"'))
    ws.msg(S2C, g.sasl("challenge", DIGEST_CHALLENGE))
    ws.send(C2S, [ws.frame(C2S, g.sasl("response", DIGEST_CLIENT)), ws.frame(C2S, " ")], cuts=[200])
    ws.msg(S2C, g.sasl("challenge", "rspauth=%s" % DIGEST_RSPAUTH))
    ws.msg(C2S, g.sasl("response"))
    ws_login_end(ws, conn)


def other_mechanisms(cap):
    """X-OAUTH2 (a token: all of it goes), refused; then PLAIN without an
    initial response: the credentials come in <response>."""
    conn, ws = g.new_conn(cap, "gen-redact-edge", stream=4)
    conn.handshake()
    ws.upgrade()
    ws_login_start(ws, ("X-OAUTH2", "PLAIN"))
    ws.msg(C2S, g.sasl('auth mechanism="X-OAUTH2"', plain(OAUTH_TOKEN)))
    ws.msg(S2C, '<failure xmlns="%s"><not-authorized/></failure>' % NS_SASL)
    ws.msg(C2S, g.sasl('auth mechanism="PLAIN"'))
    ws.msg(S2C, '<challenge xmlns="%s">=</challenge>' % NS_SASL)
    ws.msg(C2S, g.sasl("response", plain(PLAIN_PASSWORD)))
    ws_login_end(ws, conn)


def cap_edge():
    cap = g.Capture("gen-redact-edge.pcap")
    plain_fragmented(cap)
    bosh_scram(cap)
    digest_split(cap)
    bosh_digest(cap)
    other_mechanisms(cap)
    return cap


class TcpConn6(g.TcpConn):
    """The same TCP model over IPv6 (RFC 8200), no extension headers."""

    def __init__(self, cap, cport, sport, cisn, sisn, label=""):
        super().__init__(cap, cport, sport, cisn, sisn, label=label)
        self.addr = {C2S: socket.inet_pton(socket.AF_INET6, "2001:db8::1001"),
                     S2C: socket.inet_pton(socket.AF_INET6, "2001:db8::1")}

    def _build(self, d, flags, payload, options=b""):
        src, dst = self.addr[d], self.addr[self.other(d)]
        seq = self.nxt[d] & 0xFFFFFFFF
        ack = (self.rcv[d] & 0xFFFFFFFF) if flags & g.ACK else 0
        off = (20 + len(options)) // 4
        tcp = struct.pack("!HHIIBBHHH", self.port[d], self.port[self.other(d)], seq, ack, off << 4, flags,
                          self.win, 0, 0) + options
        pseudo = src + dst + struct.pack("!I3xB", len(tcp) + len(payload), 6)
        tcp = tcp[:16] + struct.pack("!H", g.inet_checksum(pseudo + tcp + payload)) + tcp[18:]
        return struct.pack("!IHBB", 0x60000000, len(tcp) + len(payload), 6, 64) + src + dst + tcp + payload


def cap_ipv6():
    cap = g.Capture("gen-redact-ipv6.pcap", linktype=g.LINKTYPE_RAW)
    label = "gen-redact-ipv6"
    conn = TcpConn6(cap, g.det_int(label + "-cport", 40000, 60999), 7071, g.det_int(label + "-cisn", 1, 2**32 - 1),
                    g.det_int(label + "-sisn", 1, 2**32 - 1), label=label)
    ws = g.WsSession(conn, label)
    conn.handshake()
    ws.upgrade()
    ws_login_start(ws, ("PLAIN",))
    ws.msg(C2S, g.sasl('auth mechanism="PLAIN"', plain(IPV6_PASSWORD)))
    ws_login_end(ws, conn)
    return cap


def cap_xmpp_tcp():
    """XMPP over plain TCP (RFC 6120, port 5222): not read by the command."""
    cap = g.Capture("gen-redact-xmpp-tcp.pcap")
    conn = g.TcpConn(cap, 45222, 5222, 1111, 2222, label="gen-redact-xmpp-tcp")
    conn.handshake()
    header = ("<?xml version='1.0'?><stream:stream to='%s' xmlns='jabber:client' xmlns:stream='%s' "
              "version='1.0'>" % (g.DOMAIN, g.NS_STREAM))
    conn.send(C2S, header.encode(), descs=["stream header"])
    conn.send(S2C, (header.replace("to=", "from=").replace("version", "id='gen-tcp-1' version")
                    + g.features_sasl(("PLAIN",))).encode(), descs=["stream header, features"])
    conn.send(C2S, g.sasl('auth mechanism="PLAIN"', plain(TCP_PASSWORD)).encode(), descs=["PLAIN <auth>"])
    conn.send(S2C, g.sasl("success").encode(), descs=["success"])
    conn.send(C2S, b"</stream:stream>", descs=["stream end"])
    conn.close()
    return cap


ALL = [cap_edge, cap_ipv6, cap_xmpp_tcp]


# --------------------------------------------------------------------------
# an HTTP Archive with what the real one (make-captures.sh) lacks

HAR_NAME = "gen-redact.har"
HAR_EPOCH = g.EPOCH + 3600
HAR_PASSWORD = "Har-Pa55w0rd!1001"


def har_entry(n, method, url, status, request_text=None, response_text=None, base64_response=False):
    started = "2026-01-01T01:00:%02d.000Z" % n
    entry = {
        "_resourceType": "websocket" if status == 101 else "xhr",
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                    "cookies": [], "headersSize": -1, "bodySize": len(request_text or "")},
        "response": {"status": status, "statusText": "OK" if status == 200 else "Switching Protocols",
                     "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                     "content": {"size": len(response_text or ""), "mimeType": "text/xml"},
                     "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "startedDateTime": started, "time": 5, "timings": {"send": 0, "wait": 5, "receive": 0},
    }
    if request_text is not None:
        entry["request"]["postData"] = {"mimeType": "text/xml; charset=utf-8", "text": request_text}
    if response_text is not None:
        content = entry["response"]["content"]
        content["text"] = b64(response_text) if base64_response else response_text
        if base64_response:
            content["encoding"] = "base64"
    return entry


def ws_messages(n, messages):
    """messages: (type, text or bytes); bytes go as binary (opcode 2, base64)."""
    out = []
    for i, (kind, data) in enumerate(messages):
        binary = isinstance(data, bytes)
        out.append({"type": kind, "time": HAR_EPOCH + n + i / 100.0, "opcode": 2 if binary else 1,
                    "data": b64(data) if binary else data})
    return out


def bosh_body(inner, rid=None):
    attrs = (" rid='%d' sid='%s'" % (rid, BOSH_SID)) if rid else ""
    return "<body xmlns='%s'%s>%s</body>" % (NS_HTTPBIND, attrs, inner)


def har():
    """DIGEST-MD5 over WebSocket and over BOSH (the rspauth challenge in a
    base64-encoded response body), PLAIN in a binary WebSocket message."""
    entries = []
    ws = har_entry(1, "GET", "ws://127.0.0.1:7071/ws/", 101)
    ws["_webSocketMessages"] = ws_messages(1, [
        ("send", g.open_c()), ("receive", g.open_s("gen-har-1")), ("receive", g.features_sasl(("DIGEST-MD5",))),
        ("send", g.sasl('auth mechanism="DIGEST-MD5"')), ("receive", g.sasl("challenge", DIGEST_CHALLENGE)),
        ("send", g.sasl("response", DIGEST_CLIENT)), ("receive", g.sasl("challenge", "rspauth=" + DIGEST_RSPAUTH)),
        ("send", g.sasl("response")), ("receive", g.sasl("success")), ("send", g.close_x())])
    entries.append(ws)
    url = "http://127.0.0.1:7071/http-bind/"
    steps = [(g.sasl('auth mechanism="DIGEST-MD5"'), g.sasl("challenge", DIGEST_CHALLENGE), False),
             (g.sasl("response", DIGEST_CLIENT), g.sasl("challenge", "rspauth=" + DIGEST_RSPAUTH), True),
             (g.sasl("response"), g.sasl("success"), False)]
    for i, (request, response, encoded) in enumerate(steps):
        entries.append(har_entry(2 + i, "POST", url, 200, bosh_body(request, 4001 + i), bosh_body(response),
                                 base64_response=encoded))
    binary = har_entry(5, "GET", "ws://127.0.0.1:7071/ws/", 101)
    binary["_webSocketMessages"] = ws_messages(5, [
        ("send", g.open_c()), ("receive", g.features_sasl(("PLAIN",))),
        ("send", g.sasl('auth mechanism="PLAIN"', plain(HAR_PASSWORD)).encode()), ("receive", g.sasl("success"))])
    entries.append(binary)
    text = json.dumps({"log": {"version": "1.2", "creator": {"name": "gen-redact.py", "version": "1.0"},
                               "pages": [], "entries": entries}}, indent=2)
    # Escapes other writers use: "\/" (PHP, some Java) in the first entry,
    # "\u003c" for "<" (Go's encoding/json) in the BOSH entries.
    first_end = text.index('"url": "http')
    text = text[:first_end].replace("/", "\\/") + text[first_end:]
    text = text.replace('"text": "<', '"text": "\\u003c')
    return text + "\n"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    outdir = args[0] if args else os.path.dirname(os.path.dirname(HERE))
    with open(os.path.join(outdir, HAR_NAME), "w") as f:
        f.write(har())
    print("wrote %s" % HAR_NAME)
    for make in ALL:
        cap = make()
        data = cap.to_bytes()
        with open(os.path.join(outdir, cap.name), "wb") as f:
            f.write(data)
        if "--list" in argv:
            print(cap.listing())
            print()
        else:
            print("wrote %s (%d frames, %d bytes)" % (cap.name, len(cap.frames), len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
