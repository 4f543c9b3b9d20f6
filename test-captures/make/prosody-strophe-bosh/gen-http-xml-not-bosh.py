#!/usr/bin/env python3
"""Writes test-captures/gen-http-xml-not-bosh.pcap: XML over HTTP that is not
BOSH, which xmppws must leave to Wireshark's XML dissector, plus one BOSH
exchange sent as application/xml and a malformed BOSH body, which it must
claim.

One TCP connection 127.0.0.1:40000 -> 127.0.0.1:80 (handshake, then five
request/response pairs, one HTTP message per segment, then FIN):
  1. POST /soap text/xml: a SOAP 1.1 Envelope (root is not <body>)
     -> 200 text/xml: <body> with no namespace
  2. GET /page.xhtml -> 200 application/xml: <body xmlns="http://www.w3.org/1999/xhtml">
  3. POST /http-bind/ application/xml: <body rid="1000" sid="gen-sid-1" xmlns=httpbind/>
     -> 200 application/xml: <body sid="gen-sid-1" xmlns=httpbind><message .../></body>
  4. POST /notes text/xml: "<bodyguard>" (starts like <body, is not)
     -> 204 No Content
  5. POST /http-bind/ text/xml: a BOSH body cut short (malformed XML)
     -> 200 text/xml: <body type="terminate" condition="bad-request" xmlns=httpbind/>

Standard library only, deterministic (fixed timestamps). Usage:
  python3 gen-http-xml-not-bosh.py [output.pcap]
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "gen-http-xml-not-bosh.pcap")
CLIENT, SERVER = (b"\x7f\x00\x00\x01", 40000), (b"\x7f\x00\x00\x01", 80)
NS_BOSH = "http://jabber.org/protocol/httpbind"


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(src, dst, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", src[1], dst[1], seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    pseudo = src[0] + dst[0] + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src[0], dst[0])
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\0" * 12 + b"\x08\x00" + ip + tcp


def http(start, content_type, body):
    head = start + "\r\nHost: 127.0.0.1\r\n"
    if content_type:
        head += "Content-Type: %s\r\n" % content_type
    head += "Content-Length: %d\r\n\r\n" % len(body.encode())
    return (head + body).encode()


EXCHANGES = [
    (http("POST /soap HTTP/1.1", "text/xml; charset=utf-8",
          '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
          '<soap:Body><GetAgent><id>1001</id></GetAgent></soap:Body></soap:Envelope>'),
     http("HTTP/1.1 200 OK", "text/xml", '<body><agent id="1001">READY</agent></body>')),
    (http("GET /page.xhtml HTTP/1.1", None, ""),
     http("HTTP/1.1 200 OK", "application/xml",
          '<body xmlns="http://www.w3.org/1999/xhtml"><p>not BOSH</p></body>')),
    (http("POST /http-bind/ HTTP/1.1", "application/xml",
          '<body rid="1000" sid="gen-sid-1" xmlns="%s"/>' % NS_BOSH),
     http("HTTP/1.1 200 OK", "application/xml",
          '<body sid="gen-sid-1" xmlns="%s"><message from="finesse.example.test" to="1001@finesse.example.test/desktop"'
          ' xmlns="jabber:client"><body>hello</body></message></body>' % NS_BOSH)),
    (http("POST /notes HTTP/1.1", "text/xml", "<bodyguard>not BOSH either</bodyguard>"),
     http("HTTP/1.1 204 No Content", None, "")),
    (http("POST /http-bind/ HTTP/1.1", "text/xml; charset=utf-8",
          '<body rid="1001" sid="gen-sid-1" xmlns="%s"><iq type="get" id="p1" xmlns="jabber:client">'
          '<ping xmlns="urn:xmpp:ping"/>' % NS_BOSH),
     http("HTTP/1.1 200 OK", "text/xml; charset=utf-8",
          '<body type="terminate" condition="bad-request" xmlns="%s"/>' % NS_BOSH)),
]


def frames():
    c_seq, s_seq = 1000, 5000
    yield packet(CLIENT, SERVER, c_seq, 0, 0x02)
    yield packet(SERVER, CLIENT, s_seq, c_seq + 1, 0x12)
    c_seq, s_seq = c_seq + 1, s_seq + 1
    yield packet(CLIENT, SERVER, c_seq, s_seq, 0x10)
    for request, response in EXCHANGES:
        yield packet(CLIENT, SERVER, c_seq, s_seq, 0x18, request)
        c_seq += len(request)
        yield packet(SERVER, CLIENT, s_seq, c_seq, 0x18, response)
        s_seq += len(response)
    yield packet(CLIENT, SERVER, c_seq, s_seq, 0x11)
    yield packet(SERVER, CLIENT, s_seq, c_seq + 1, 0x11)
    yield packet(CLIENT, SERVER, c_seq + 1, s_seq + 1, 0x10)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames()):
            f.write(struct.pack("<IIII", 1795435200 + i // 10, (i % 10) * 100000, len(frame), len(frame)))
            f.write(frame)
    print("wrote %s" % os.path.normpath(out))


if __name__ == "__main__":
    main()
