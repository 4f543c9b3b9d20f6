#!/usr/bin/env python3
"""Deterministic generator of large Finesse-like captures for the benchmark.

Python 3 standard library only. Writes, for one set of parameters:

  PREFIX-ws.pcap        XMPP over WebSocket (RFC 7395, subprotocol "xmpp",
                        ws:// on TCP 8080 so tshark needs no Decode As):
                        D desktops, each with a TCP handshake, an HTTP
                        upgrade, <open/>, SASL PLAIN, bind, session,
                        presence and pubsub subscribe, then M messages
                        spread over the desktops, then presence
                        unavailable, <close/> and FIN. Server->client
                        frames are unmasked, client->server frames masked.
  PREFIX-tcp.pcap       the same stanzas as plain XMPP on TCP 5222 (a
                        <stream:stream> c2s session per desktop), for
                        tshark's built-in xmpp dissector.
  PREFIX-info.txt       counts (frames, messages, bytes).

The M steady-state messages are a fixed mix: about 40 % User state
changes (about 2 KB each), 33 % Dialog updates with call variables
(2-5 KB), 1 % Team updates (8-16 KB, several TCP segments), and the rest
XEP-0199 pings and their results (12 % each). TCP segments are at most
1460 bytes (Ethernet MSS); the receiver ACKs every second segment.

Everything derives from fixed seeds: two runs give byte-identical files.

Usage: generate.py --messages M [--desktops D] [--out DIR] [--prefix NAME]
"""

import argparse
import array
import base64
import hashlib
import os
import random
import struct
import sys

EPOCH = 1767225600                 # 2026-01-01T00:00:00Z
STEP_US = 1000                     # 1 ms between frames
MSS = 1460
DOMAIN = "finesse.example.test"
PUBSUB = "pubsub." + DOMAIN
SERVER_IP = "10.0.0.10"
WS_PORT = 8080
XMPP_PORT = 5222
WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
NS_CLIENT = "jabber:client"

C2S, S2C = 0, 1
FIN, SYN, PSH, ACK = 0x01, 0x02, 0x08, 0x10

# ---------------------------------------------------------------------------
# pcap and TCP


def ones_sum(data):
    """16-bit ones' complement sum (byte order fixed up by the caller)."""
    if len(data) % 2:
        data += b"\x00"
    s = sum(array.array("H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def checksum(data):
    s = ones_sum(data)
    if sys.byteorder == "little":
        s = ((s & 0xFF) << 8) | (s >> 8)
    return (~s) & 0xFFFF


def ip4(addr):
    return bytes(int(x) for x in addr.split("."))


class Pcap:
    """Classic libpcap writer, Ethernet link type, 1 ms between frames."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.frames = 0
        self.t_us = 0

    def add(self, ip_packet, to_server):
        mac_c, mac_s = b"\x02\x00\x00\x00\x00\x01", b"\x02\x00\x00\x00\x00\x02"
        eth = (mac_s + mac_c if to_server else mac_c + mac_s) + b"\x08\x00"
        frame = eth + ip_packet
        sec = EPOCH + self.t_us // 1000000
        self.f.write(struct.pack("<IIII", sec, self.t_us % 1000000, len(frame), len(frame)))
        self.f.write(frame)
        self.frames += 1
        self.t_us += STEP_US

    def close(self):
        self.f.close()


class Tcp:
    """One TCP connection: correct seq/ack, checksums, delayed ACKs."""

    def __init__(self, pcap, index, sport):
        self.pcap = pcap
        self.addr = (ip4("10.1.%d.%d" % (index // 250, index % 250 + 1)), ip4(SERVER_IP))
        self.port = (40000 + index, sport)
        self.nxt = [1000000 + index * 7919, 2000000 + index * 104729]
        self.ipid = [index & 0xFFFF, (index * 3) & 0xFFFF]
        self.unacked = [0, 0]

    def _packet(self, d, flags, payload=b""):
        o = 1 - d
        seq = self.nxt[d] & 0xFFFFFFFF
        ack = self.nxt[o] & 0xFFFFFFFF if flags & ACK else 0
        tcp = struct.pack("!HHIIBBHHH", self.port[d], self.port[o], seq, ack, 5 << 4, flags, 65535, 0, 0)
        pseudo = self.addr[d] + self.addr[o] + struct.pack("!BBH", 0, 6, 20 + len(payload))
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp + payload)) + tcp[18:]
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(payload), self.ipid[d], 0x4000, 64, 6, 0,
                          self.addr[d], self.addr[o])
        iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
        self.ipid[d] = (self.ipid[d] + 1) & 0xFFFF
        self.nxt[d] += len(payload) + (1 if flags & (SYN | FIN) else 0)
        self.pcap.add(iph + tcp + payload, d == C2S)

    def handshake(self):
        self._packet(C2S, SYN)
        self._packet(S2C, SYN | ACK)
        self._packet(C2S, ACK)

    def send(self, d, data):
        for i in range(0, len(data), MSS):
            seg = data[i:i + MSS]
            self._packet(d, ACK | (PSH if i + MSS >= len(data) else 0), seg)
            self.unacked[d] += 1
            if self.unacked[d] >= 2:
                self._packet(1 - d, ACK)
                self.unacked[d] = 0

    def finish(self):
        self._packet(C2S, FIN | ACK)
        self._packet(S2C, FIN | ACK)
        self._packet(C2S, ACK)


# ---------------------------------------------------------------------------
# WebSocket framing


def ws_frame(text, masked, counter):
    data = text.encode("utf-8")
    n = len(data)
    mask_bit = 0x80 if masked else 0
    if n < 126:
        head = struct.pack("!BB", 0x81, mask_bit | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x81, mask_bit | 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, mask_bit | 127, n)
    if not masked:
        return head + data
    key = struct.pack("!I", ((counter + 1) * 2654435761) & 0xFFFFFFFF or 1)
    stream = (key * (n // 4 + 1))[:n]
    body = (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(n, "big") if n else b""
    return head + key + body


def upgrade(index):
    key = base64.b64encode(hashlib.sha256(b"ws-key-%d" % index).digest()[:16])
    accept = base64.b64encode(hashlib.sha1(key + WS_GUID).digest())
    req = ("GET /ws/ HTTP/1.1\r\nHost: %s:%d\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
           "Origin: https://%s:8445\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: %s\r\n"
           "Sec-WebSocket-Protocol: xmpp\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/115.0\r\n\r\n"
           % (DOMAIN, WS_PORT, DOMAIN, key.decode()))
    resp = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n" % accept.decode())
    return req.encode(), resp.encode()


# ---------------------------------------------------------------------------
# Finesse payloads (shapes from finesse-notes.md §2.3-§2.4)

USER_STATES = ["NOT_READY", "READY", "RESERVED", "TALKING", "WORK", "READY", "TALKING", "WORK_READY"]
FIRST = ["Ana", "José", "Li", "Maria", "Omar", "Priya", "Sven", "Yuki", "Zoë", "Kwame"]
LAST = ["Müller", "Smith", "Nguyen", "García", "Okafor", "Rossi", "Kowalski", "Tanaka", "Dubois", "Silva"]


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def el(name, value, indent):
    return "%s<%s>%s</%s>\n" % ("  " * indent, name, value, name)


def user_xml(d, state, reason, stamp, indent=2):
    pad = "  " * indent
    out = [pad + "<user>\n",
           el("dialogs", "/finesse/api/User/%s/Dialogs" % d.uid, indent + 1),
           el("extension", d.ext, indent + 1),
           el("firstName", d.first, indent + 1),
           el("lastName", d.last, indent + 1),
           el("loginId", d.uid, indent + 1),
           el("loginName", d.login, indent + 1),
           el("mediaType", "1", indent + 1),
           el("pendingState", "", indent + 1),
           el("reasonCodeId", str(reason) if reason else "-1", indent + 1)]
    if reason:
        out += [pad + "  <ReasonCode>\n", el("category", "NOT_READY", indent + 2), el("code", str(reason), indent + 2),
                el("label", "Break" if reason == 12 else "Lunch", indent + 2), el("forAll", "true", indent + 2),
                el("id", str(reason), indent + 2), el("uri", "/finesse/api/ReasonCode/%d" % reason, indent + 2),
                pad + "  </ReasonCode>\n"]
    out += [pad + "  <roles>\n", el("role", "Agent", indent + 2)]
    if d.supervisor:
        out.append(el("role", "Supervisor", indent + 2))
    out += [pad + "  </roles>\n", pad + "  <settings>\n", el("wrapUpOnIncoming", "OPTIONAL", indent + 2),
            el("wrapUpOnOutgoing", "OPTIONAL", indent + 2), el("deviceSelection", "NOT_ALLOWED", indent + 2),
            pad + "  </settings>\n",
            el("state", state, indent + 1), el("stateChangeTime", stamp, indent + 1),
            el("teamId", str(d.team), indent + 1), el("teamName", "Team %d" % d.team, indent + 1),
            pad + "  <teams>\n", pad + "    <Team>\n", el("id", str(d.team), indent + 3),
            el("name", "Team %d" % d.team, indent + 3), el("uri", "/finesse/api/Team/%d" % d.team, indent + 3),
            pad + "    </Team>\n", pad + "  </teams>\n",
            el("uri", "/finesse/api/User/%s" % d.uid, indent + 1), el("wrapUpTimer", "7200", indent + 1),
            pad + "</user>\n"]
    return "".join(out)


def update(data, event, source, request_id=""):
    return ("<Update>\n  <data>\n%s  </data>\n  <event>%s</event>\n  <requestId>%s</requestId>\n"
            "  <source>%s</source>\n</Update>" % (data, event, request_id, source))


def participant(addr, state, actions, stamp):
    acts = "".join(el("action", a, 6) for a in actions)
    return ("        <Participant>\n          <actions>\n%s          </actions>\n%s%s%s%s%s        </Participant>\n"
            % (acts, el("mediaAddress", addr, 5),
               el("mediaAddressType", "AGENT_DEVICE" if addr.startswith("5") else "", 5),
               el("startTime", stamp, 5), el("state", state, 5), el("stateChangeTime", stamp, 5)))


def dialog_xml(d, dialog_id, state, stamp, rng, tag="Dialog", indent=2):
    pad = "  " * indent
    caller = "55512%05d" % (dialog_id % 100000)
    pstate = {"ALERTING": "ALERTING", "ACTIVE": "ACTIVE", "DROPPED": "DROPPED"}[state]
    actions = {"ALERTING": ["ANSWER"], "ACTIVE": ["HOLD", "DROP", "UPDATE_CALL_DATA", "CONSULT_CALL"],
               "DROPPED": []}[state]
    cvs = "".join("            <CallVariable>\n              <name>%s</name>\n              <value>%s</value>\n"
                  "            </CallVariable>\n" % (name, value)
                  for name, value in [("callVariable%d" % i, "%08d" % rng.randrange(10 ** 8)) for i in range(1, 11)]
                  + [("user.CustomerId", "C%07d" % rng.randrange(10 ** 7)), ("user.Language", "en-US")])
    return (pad + "<%s>\n" % tag +
            el("associatedDialogUri", "", indent + 1) + el("fromAddress", caller, indent + 1) +
            el("id", str(dialog_id), indent + 1) +
            pad + "  <mediaProperties>\n" +
            el("DNIS", "8000", indent + 2) + el("callType", "ACD_IN", indent + 2) +
            el("dialedNumber", "8000", indent + 2) + el("outboundClassification", "", indent + 2) +
            el("queueName", "Sales", indent + 2) + el("queueNumber", "5000", indent + 2) +
            el("mediaId", "1", indent + 2) +
            pad + "    <callvariables>\n" + cvs + pad + "    </callvariables>\n" +
            pad + "  </mediaProperties>\n" + el("mediaType", "Voice", indent + 1) +
            pad + "  <participants>\n" + participant(caller, "ACTIVE" if state != "DROPPED" else "DROPPED", [], stamp) +
            participant(d.ext, pstate, actions, stamp) + pad + "  </participants>\n" +
            el("state", state, indent + 1) + el("toAddress", d.ext, indent + 1) +
            el("uri", "/finesse/api/Dialog/%d" % dialog_id, indent + 1) + pad + "</%s>\n" % tag)


def team_xml(team, members, stamp):
    users = "".join(
        "        <User>\n%s%s%s%s%s%s%s%s        </User>\n"
        % (el("dialogs", "/finesse/api/User/%s/Dialogs" % m.uid, 5), el("extension", m.ext, 5),
           el("firstName", m.first, 5), el("lastName", m.last, 5), el("loginId", m.uid, 5),
           el("pendingState", "", 5), el("state", m.state, 5), el("stateChangeTime", stamp, 5))
        for m in members)
    return ("    <team>\n" + el("id", str(team), 3) + el("name", "Team %d" % team, 3) +
            el("uri", "/finesse/api/Team/%d" % team, 3) + "      <users>\n" + users + "      </users>\n    </team>\n")


# ---------------------------------------------------------------------------
# XMPP stanzas (the same text on both transports, but the jabber:client
# declaration, which a WebSocket stanza carries and a TCP stanza inherits)


class Desktop:
    def __init__(self, index, rng):
        self.index = index
        self.uid = str(1001000 + index)
        self.ext = str(50000 + index)
        self.first = FIRST[index % len(FIRST)]
        self.last = LAST[(index * 7) % len(LAST)]
        self.login = ("%s%s%d" % (self.first[0], self.last, index)).lower()
        self.team = index // 20 + 1
        self.supervisor = index % 20 == 0
        self.jid = "%s@%s/desktop" % (self.uid, DOMAIN)
        self.uuid = "%08x-%04x-4%03x-8%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                     rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
        self.state_i = 0
        self.state = "NOT_READY"
        self.dialog = 16777216 + index * 1000
        self.dialog_state = None
        self.counter = 0

    def next_id(self, suffix):
        self.counter += 1
        return "%s:%d%s" % (self.uuid, self.counter, suffix)


def stanza(body, ws):
    """Puts xmlns='jabber:client' on a WebSocket stanza's start tag."""
    if not ws:
        return body
    cut = 1
    while body[cut] not in " />":
        cut += 1
    return body[:cut] + " xmlns='%s'" % NS_CLIENT + body[cut:]


def login_ws(d):
    auth = base64.b64encode(("\0%s\0Pa55-%s" % (d.uid, d.uid)).encode()).decode()
    fr = "urn:ietf:params:xml:ns:xmpp-framing"
    return [
        (C2S, "<open xmlns='%s' to='%s' version='1.0'/>" % (fr, DOMAIN)),
        (S2C, "<open xmlns='%s' from='%s' id='s%s' xml:lang='en' version='1.0'/>" % (fr, DOMAIN, d.uuid[:8])),
        (S2C, "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms "
              "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"),
        (C2S, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % auth),
        (S2C, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"),
        (C2S, "<open xmlns='%s' to='%s' version='1.0'/>" % (fr, DOMAIN)),
        (S2C, "<open xmlns='%s' from='%s' id='t%s' xml:lang='en' version='1.0'/>" % (fr, DOMAIN, d.uuid[:8])),
        (S2C, "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind "
              "xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'>"
              "<optional/></session></stream:features>"),
    ] + login_stanzas(d, True)


def login_tcp(d):
    auth = base64.b64encode(("\0%s\0Pa55-%s" % (d.uid, d.uid)).encode()).decode()
    head = ("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/"
            "streams' %s='%s' %sversion='1.0'>")
    return [
        (C2S, head % ("to", DOMAIN, "")),
        (S2C, head % ("from", DOMAIN, "id='s%s' xml:lang='en' " % d.uuid[:8])),
        (S2C, "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN"
              "</mechanism></mechanisms></stream:features>"),
        (C2S, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % auth),
        (S2C, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"),
        (C2S, head % ("to", DOMAIN, "")),
        (S2C, head % ("from", DOMAIN, "id='t%s' xml:lang='en' " % d.uuid[:8])),
        (S2C, "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session "
              "xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session></stream:features>"),
    ] + login_stanzas(d, False)


def login_stanzas(d, ws):
    nodes = ["/finesse/api/User/%s" % d.uid, "/finesse/api/User/%s/Dialogs" % d.uid]
    if d.supervisor:
        nodes.append("/finesse/api/Team/%d/Users" % d.team)
    out = [
        (C2S, "<iq type='set' id='_bind_auth_2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desktop"
              "</resource></bind></iq>"),
        (S2C, "<iq type='result' id='_bind_auth_2' to='%s'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>%s"
              "</jid></bind></iq>" % (d.jid, d.jid)),
        (C2S, "<iq type='set' id='_session_auth_2'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"),
        (S2C, "<iq type='result' id='_session_auth_2' to='%s'/>" % d.jid),
        (C2S, "<presence><priority>1</priority></presence>"),
    ]
    for node in nodes:
        iq_id = d.next_id(":subscribenode")
        out += [
            (C2S, "<iq type='set' id='%s' to='%s'><pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe "
                  "node='%s' jid='%s'/></pubsub></iq>" % (iq_id, PUBSUB, node, d.jid)),
            (S2C, "<iq type='result' id='%s' from='%s' to='%s'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                  "<subscription node='%s' jid='%s' subscription='subscribed'/></pubsub></iq>"
                  % (iq_id, PUBSUB, d.jid, node, d.jid)),
        ]
    return [(dr, stanza(text, ws)) for dr, text in out]


def logout(d, ws):
    end = [(C2S, "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"),
           (S2C, "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>")] if ws else \
          [(C2S, "</stream:stream>"), (S2C, "</stream:stream>")]
    return [(C2S, stanza("<presence type='unavailable'/>", ws))] + end


def notification(d, node, payload, rng, ws):
    body = ("<message to='%s@%s' type='headline' id='%s' from='%s'><event xmlns='http://jabber.org/protocol/"
            "pubsub#event'><items node='%s'><item id='%s%d'><notification xmlns='http://jabber.org/protocol/"
            "pubsub'>%s</notification></item></items></event></message>"
            % (d.uid, DOMAIN, "%08x" % rng.getrandbits(32), PUBSUB, node, d.uuid, d.counter, xml_escape(payload)))
    return stanza(body, ws)


def stamp_of(t):
    return "2026-01-01T%02d:%02d:%02d.%03dZ" % (t // 3600000 % 24, t // 60000 % 60, t // 1000 % 60, t % 1000)


def steady_message(d, desktops, t, kind):
    """One steady-state exchange for desktop d: a list of (direction, text
    builder taking ws) pairs. kind in user/dialog/team/ping."""
    stamp = stamp_of(t)
    d.counter += 1
    if kind == "user":
        d.state_i = (d.state_i + 1) % len(USER_STATES)
        d.state = USER_STATES[d.state_i]
        reason = 12 if d.state == "NOT_READY" else 0
        payload = update(user_xml(d, d.state, reason, stamp), "PUT", "/finesse/api/User/%s" % d.uid)
        node = "/finesse/api/User/%s" % d.uid
        return [(S2C, lambda ws, p=payload: notification(d, node, p, random.Random(t), ws))]
    if kind == "dialog":
        if d.dialog_state in (None, "DROPPED"):
            d.dialog += 1
            d.dialog_state = "ALERTING"
            data = "    <dialogs>\n" + dialog_xml(d, d.dialog, "ALERTING", stamp, random.Random(d.dialog), "Dialog", 3) + \
                   "    </dialogs>\n"
            payload = update(data, "POST", "/finesse/api/User/%s/Dialogs" % d.uid)
        else:
            d.dialog_state = "ACTIVE" if d.dialog_state == "ALERTING" else "DROPPED"
            payload = update(dialog_xml(d, d.dialog, d.dialog_state, stamp, random.Random(d.dialog), "dialog", 2),
                             "PUT", "/finesse/api/Dialog/%d" % d.dialog)
        node = "/finesse/api/User/%s/Dialogs" % d.uid
        return [(S2C, lambda ws, p=payload: notification(d, node, p, random.Random(t), ws))]
    if kind == "team":
        members = [m for m in desktops if m.team == d.team]
        payload = update(team_xml(d.team, members, stamp), "PUT", "/finesse/api/Team/%d" % d.team)
        node = "/finesse/api/Team/%d/Users" % d.team
        return [(S2C, lambda ws, p=payload: notification(d, node, p, random.Random(t), ws))]
    iq_id = d.next_id(":ping")
    return [(C2S, lambda ws: stanza("<iq type='get' id='%s' to='%s'><ping xmlns='urn:xmpp:ping'/></iq>"
                                    % (iq_id, DOMAIN), ws)),
            (S2C, lambda ws: stanza("<iq type='result' id='%s' from='%s' to='%s'/>" % (iq_id, DOMAIN, d.jid), ws))]


def pick_kind(rng):
    r = rng.random()
    if r < 0.40:
        return "user"
    if r < 0.73:
        return "dialog"
    if r < 0.74:
        return "team"
    return "ping"


# ---------------------------------------------------------------------------
# the two captures


class Writer:
    """Both captures side by side: each message goes to both."""

    def __init__(self, out, prefix, n_desktops):
        self.ws = Pcap(os.path.join(out, prefix + "-ws.pcap"))
        self.tcp = Pcap(os.path.join(out, prefix + "-tcp.pcap"))
        self.ws_conns = [Tcp(self.ws, i, WS_PORT) for i in range(n_desktops)]
        self.tcp_conns = [Tcp(self.tcp, i, XMPP_PORT) for i in range(n_desktops)]
        self.messages = 0
        self.bytes = 0

    def ws_message(self, i, d, text):
        data = text.encode("utf-8")
        self.ws_conns[i].send(d, ws_frame(text, d == C2S, self.messages))
        self.messages += 1
        self.bytes += len(data)

    def tcp_message(self, i, d, text):
        self.tcp_conns[i].send(d, text.encode("utf-8"))

    def close(self):
        self.ws.close()
        self.tcp.close()


def generate(out, prefix, n_messages, n_desktops):
    rng = random.Random(7395)
    desktops = [Desktop(i, rng) for i in range(n_desktops)]
    w = Writer(out, prefix, n_desktops)
    for i, d in enumerate(desktops):
        w.ws_conns[i].handshake()
        req, resp = upgrade(i)
        w.ws_conns[i].send(C2S, req)
        w.ws_conns[i].send(S2C, resp)
        for dr, text in login_ws(d):
            w.ws_message(i, dr, text)
        w.tcp_conns[i].handshake()
        for dr, text in login_tcp(d):
            w.tcp_message(i, dr, text)
    steady = 0
    while steady < n_messages:
        i = rng.randrange(n_desktops)
        kind = pick_kind(rng)
        for dr, build in steady_message(desktops[i], desktops, w.ws.t_us // 1000, kind):
            w.ws_message(i, dr, build(True))
            w.tcp_message(i, dr, build(False))
            steady += 1
    for i, d in enumerate(desktops):
        for dr, text in logout(d, True):
            w.ws_message(i, dr, text)
        w.ws_conns[i].finish()
        for dr, text in logout(d, False):
            w.tcp_message(i, dr, text)
        w.tcp_conns[i].finish()
    w.close()
    with open(os.path.join(out, prefix + "-info.txt"), "w") as f:
        f.write("messages %d\nsteady_messages %d\ndesktops %d\nws_frames %d\ntcp_frames %d\nxml_bytes %d\n"
                % (w.messages, steady, n_desktops, w.ws.frames, w.tcp.frames, w.bytes))
    return w


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, required=True, help="steady-state messages (notifications and pings)")
    ap.add_argument("--desktops", type=int, default=200)
    ap.add_argument("--out", default=".")
    ap.add_argument("--prefix", default=None)
    a = ap.parse_args()
    prefix = a.prefix or "finesse-%d" % a.messages
    os.makedirs(a.out, exist_ok=True)
    w = generate(a.out, prefix, a.messages, a.desktops)
    print("%s: %d WebSocket messages (%d XML bytes), %d desktops, %d frames (ws), %d frames (tcp)"
          % (prefix, w.messages, w.bytes, a.desktops, w.ws.frames, w.tcp.frames))


if __name__ == "__main__":
    main()
