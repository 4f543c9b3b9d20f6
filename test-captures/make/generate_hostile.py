#!/usr/bin/env python3
"""Deterministic generator of hostile test captures for the xmppws plugin.

Each capture is one RFC 7395 session on ws://127.0.0.1:7071/ws/ (subprotocol
xmpp, written with generate_edge_cases.py's TCP and WebSocket model): open,
features, bind, then ONE hostile message (or a few of one kind), then an
ordinary stanza that must still be dissected -- an iq ping with the id
"after-hostile" and its result -- and a proper close.

Usage:
    python3 test-captures/make/generate_hostile.py [OUTDIR] [--list]

What each capture holds, and what tests/tshark/test_hostile.py asserts about
it, is in test-captures/README.md ("Hostile inputs").  The external-entity
captures name the file XXE_FILE; the test writes a marker string there,
readable by the user tshark runs as, and asserts the marker never appears.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import generate_edge_cases as g  # noqa: E402  (the shared pcap/TCP/WebSocket writer)

XXE_FILE = "/tmp/xmppws-hostile-xxe.txt"
LOOPBACK_MSS = 65483          # the Linux loopback MSS: big messages in few segments
AFTER_ID = "after-hostile"
PUBSUB_FROM = g.PUBSUB


def message(body_xml, mid="hostile-1"):
    """A chat message from the server side carrying `body_xml` (bytes)."""
    head = ('<message xmlns="jabber:client" from="1002@%s/desktop" to="%s" id="%s" type="chat">'
            % (g.DOMAIN, g.FULL, mid)).encode()
    return head + body_xml + b"</message>"


def bomb_doctype():
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "&lol;" if i == 1 else "&lol%d;" % (i - 1)
        ents.append('<!ENTITY lol%d "%s">' % (i, prev * 10))
    return "<!DOCTYPE message [%s]>" % "".join(ents)


def billion_laughs():
    return bomb_doctype().encode() + message(b"<body>&lol9;</body>")


def external_entity():
    return (('<!DOCTYPE message [<!ENTITY xxe SYSTEM "file://%s">]>' % XXE_FILE).encode()
            + message(b"<body>&xxe;</body>"))


def external_entity_in_stanza():
    """The same, with the DOCTYPE after the stanza's start (also not allowed)."""
    return message(('<!DOCTYPE body [<!ENTITY xxe SYSTEM "file://%s">]><body>&xxe;</body>' % XXE_FILE).encode(),
                   mid="hostile-2")


def doctype_only():
    return b'<!DOCTYPE presence PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1.dtd">' \
        + ('<presence xmlns="jabber:client" from="1002@%s/desktop"/>' % g.DOMAIN).encode()


def deep_nesting(depth=10000):
    return message(b"<x>" * depth + b"deep" + b"</x>" * depth)


def ten_megabytes():
    text = b"0123456789abcdef" * (10 * 1024 * 1024 // 16)
    return message(b"<body>" + text + b"</body>")


def many_attributes(n=100000):
    attrs = b"".join(b" a%d='v'" % i for i in range(n))
    return ('<presence xmlns="jabber:client" from="1002@%s/desktop"' % g.DOMAIN).encode() + attrs + b"/>"


def many_elements(n=200000):
    return message(b"<x/>" * n)


def siblings(n):
    """n top-level stream-management requests in one message (RFC 7395 says
    one element per message): parse and dissection time must grow linearly."""
    return b"<r xmlns='urn:xmpp:sm:3'/>" * n


def megabyte_attribute():
    value = b"A" * (1024 * 1024)
    return ('<presence xmlns="jabber:client" from="1002@%s/desktop" status="' % g.DOMAIN).encode() + value + b'"/>'


def invalid_utf8():
    return [
        message(b"<body>lone continuation \x80 byte</body>", "utf8-1"),
        message(b"<body>overlong slash \xc0\xaf</body>", "utf8-2"),
        ('<presence xmlns="jabber:client" from="1002@%s/desktop"><status>' % g.DOMAIN).encode()
        + b"\xed\xa0\x80 surrogate, \xf8\x88\x80\x80\x80 five bytes, \xff\xfe</status></presence>",
        b'<iq xmlns="jabber:client" type="result" id="utf8-4" to="\xc3' + b'"/>',
        b"\xff\xfe<\x00i\x00q\x00/\x00>\x00",
    ]


def nul_bytes():
    return [
        b"\x00" + message(b"<body>NUL first</body>", "nul-1"),
        message(b"<body>a\x00b</body>", "nul-2"),
        b'<iq xmlns="jabber:client" type="result" id="nul\x003"/>',
        b"<iq\x00 xmlns=\"jabber:client\" type=\"result\" id=\"nul-4\"/>",
        b"\x00" * 64,
    ]


def truncated():
    return [
        b'<iq xmlns="jabber:client" type="get" id="trunc-1"><ping xmlns="urn:xmpp:pi',
        b'<presence xmlns="jabber:client" from="1002@finesse.example.test/desktop"><status>half a stat',
        message(b"<body><![CDATA[unterminated cdata", "trunc-3")[:-len(b"</message>")],
        b"<message xmlns='jabber:client' from='x' id='trunc-4' to",
        b"<",
    ]


# ---- SASL credentials in messages that do not parse -----------------------

SASL_PASSWORD = "Hostile-Pa55w0rd!"


def broken_sasl():
    """Client <auth> messages that do not parse: their raw text must not be
    shown, since it holds the PLAIN password in base64."""
    b64 = g.base64.b64encode(("\0%s\0%s" % (g.USER, SASL_PASSWORD)).encode())
    auth = b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + b64 + b"</auth>"
    return [
        b"\x00" + auth,                                     # not XMPP: shown as raw text
        auth.replace(b"mechanism=", b"\x01mechanism="),     # broken start tag: no element parsed
        auth[:-3],                                          # truncated end tag
    ]


# ---- hostile Finesse payloads: escaped inside a pubsub notification ------

def finesse_event(update_text, item_id):
    return g.pubsub_event(update_text, item_id=item_id).encode()


def finesse_hostile():
    user = g.update_xml(g.user_xml(g.USER, state="READY"), g.NODE)
    return [
        finesse_event(bomb_doctype() + user.replace("<state>READY</state>", "<state>&lol9;</state>"),
                      "fin-bomb"),
        finesse_event(('<!DOCTYPE Update [<!ENTITY xxe SYSTEM "file://%s">]>' % XXE_FILE)
                      + user.replace("<state>READY</state>", "<state>&xxe;</state>"), "fin-xxe"),
        finesse_event("<Update><data><user>" + "<x>" * 10000 + "</x>" * 10000 + "</user></data></Update>",
                      "fin-deep"),
        finesse_event("<Update><data><user><state>READY</user></data><event>PUT</event>", "fin-malformed"),
        finesse_event("<Update>" + "<data/>" * 60000 + "</Update>", "fin-many"),
    ]


def finesse_many_states(n=200):
    """n User updates, each with a state and an event no other has: the
    words a capture chooses, counted by -z finesse,counts."""
    return [finesse_event(g.update_xml(g.user_xml(g.USER, state="STATE_%03d" % i), g.NODE, event="EV_%03d" % i),
                          "fin-state-%03d" % i) for i in range(n)]


def finesse_sasl():
    """An Update whose escaped text carries a SASL <auth> with a PLAIN
    password: unescaped (Follow), it must be hidden like the message's own."""
    b64 = g.base64.b64encode(("\0%s\0%s" % (g.USER, SASL_PASSWORD)).encode()).decode()
    auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % b64
    user = g.update_xml(g.user_xml(g.USER, state="READY"), g.NODE)
    return [finesse_event(user.replace("<state>READY</state>", "<state>READY</state>" + auth), "fin-sasl")]


CAPTURES = [
    ("gen-hostile-billion-laughs.pcap", lambda: [billion_laughs()]),
    ("gen-hostile-xxe.pcap", lambda: [external_entity(), external_entity_in_stanza()]),
    ("gen-hostile-doctype.pcap", lambda: [doctype_only()]),
    ("gen-hostile-deep-nesting.pcap", lambda: [deep_nesting()]),
    ("gen-hostile-10mb.pcap", lambda: [ten_megabytes()]),
    ("gen-hostile-many-attributes.pcap", lambda: [many_attributes()]),
    ("gen-hostile-many-elements.pcap", lambda: [many_elements()]),
    ("gen-hostile-1mb-attribute.pcap", lambda: [megabyte_attribute()]),
    ("gen-hostile-siblings-10k.pcap", lambda: [siblings(10000)]),
    ("gen-hostile-siblings-50k.pcap", lambda: [siblings(50000)]),
    ("gen-hostile-invalid-utf8.pcap", invalid_utf8),
    ("gen-hostile-nul.pcap", nul_bytes),
    ("gen-hostile-truncated.pcap", truncated),
    ("gen-hostile-finesse.pcap", finesse_hostile),
    ("gen-hostile-finesse-states.pcap", finesse_many_states),
    ("gen-hostile-finesse-sasl.pcap", finesse_sasl),
]

# Sent by the client (masked, as a browser does).
CLIENT_CAPTURES = [
    ("gen-hostile-sasl.pcap", broken_sasl),
]


def make(name, hostile_messages, sender=g.S2C):
    cap = g.Capture(name)
    conn, ws = g.new_conn(cap, name, mss=LOOPBACK_MSS)
    conn.handshake()
    ws.upgrade()
    g.xmpp_login_short(ws, "gen-hostile-1")
    for payload in hostile_messages:
        ws.send(sender, ws.frame(sender, payload, desc="HOSTILE: " + g.summarize(payload[:200], 70)))
    ws.msg(g.C2S, g.ping_get(AFTER_ID))
    ws.msg(g.S2C, g.iq_result(AFTER_ID))
    g.xmpp_goodbye(ws, conn)
    return cap


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    outdir = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name, build, sender in [c + (g.S2C,) for c in CAPTURES] + [c + (g.C2S,) for c in CLIENT_CAPTURES]:
        cap = make(name, build(), sender)
        data = cap.to_bytes()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        if "--list" in argv:
            print(cap.listing())
            print()
        else:
            print("wrote %s (%d frames, %d bytes)" % (name, len(cap.frames), len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
