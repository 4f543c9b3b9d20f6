"""Stream header, close and features (plugin/stream.c), stanza, stream and
SASL errors (plugin/errors.c) and XEP-0198 stream management (plugin/sm.c),
read back through tshark.

Expected values were checked by hand against the raw message text
(websocket.payload.text with the plugin not loaded) of:
  xmppjs-ejabberd-*.pcapng     ejabberd 23.01 + @xmpp/client (real)
  resource-conflict.pcapng, auth-failure.pcapng,
  subscribe-item-not-found.pcapng   Prosody + Strophe.js (real)
  gen-*.pcap                   test-captures/make/generate_edge_cases.py
plus one capture built here with the same generator's helpers, for the
cases no checked-in capture has (open without version, unknown features,
malformed errors, bad XEP-0198 numbers, <failed/>, <resume/>).
"""

import os
import sys
import unittest

import harness
from harness import capture, fields, frames, pdml, pdml_fields, run_tshark, shown_boolean

EJABBERD = "xmppjs-ejabberd-ws.pcapng"
EJ_NOT_FOUND = "xmppjs-ejabberd-item-not-found.pcapng"
EJ_AUTH_FAIL = "xmppjs-ejabberd-auth-failure.pcapng"
PROSODY_CONFLICT = "resource-conflict.pcapng"
PROSODY_AUTH_FAIL = "auth-failure.pcapng"
PROSODY_NOT_FOUND = "subscribe-item-not-found.pcapng"
MISC = "gen-rfc7395-misc.pcap"
LEGACY = "gen-legacy-framing.pcap"
MALFORMED = "gen-malformed.pcap"

CONFLICT_EXPERT = ("Stream error: conflict \u2014 another session bound the same resource (a second client "
                   "with the same JID)")
SM_ENABLE_EXPERT = "Stream management requested (XEP-0198 3)"
# What those mean on a Finesse desktop's connection: the finesse protocol's experts.
FINESSE_CONFLICT = ("Another session bound the resource of this Finesse desktop of agent 1001 (a second desktop, "
                    "browser tab, or a tool using the resource \"desktop\"): this one is disconnected")
FINESSE_SM = "Finesse does not support stream management: no acks, no resumption"

# Expert severities and groups as tshark prints them (epan/proto.h).
PI_NOTE, PI_WARN, PI_ERROR = 0x00400000, 0x00600000, 0x00800000
PI_SEQUENCE, PI_RESPONSE_CODE, PI_PROTOCOL = 0x02000000, 0x03000000, 0x09000000


def by_frame(cap, names, display_filter):
    """{frame number: [values of `names`]} for the packets matching the filter."""
    return {int(r[0]): r[1:] for r in fields(cap, ["frame.number"] + names, display_filter)}


def one(cap, frame, names, extra=()):
    return fields(cap, names, "frame.number == %d" % frame, extra)[0]


def experts(cap, frame):
    return one(cap, frame, ["_ws.expert.message"])[0].split("|")


def showname(cap, frame, field):
    packet = pdml(cap, "frame.number == %d" % frame)[0]
    return [f.get("showname") for f in pdml_fields(packet, field)]


def expert_infos(cap, display_filter):
    """(expert abbrev, message, severity, group) of every xmppws expert in
    the matching packets, from PDML, where each _ws.expert item holds the
    expert's own field."""
    found = []
    for packet in pdml(cap, display_filter):
        for e in pdml_fields(packet, "_ws.expert"):
            kids = {f.get("name"): f for f in e.findall("field")}
            abbrev = [n for n in kids if n.startswith("xmppws.expert.")]
            if abbrev:
                found.append((abbrev[0], kids["_ws.expert.message"].get("show"),
                              int(kids["_ws.expert.severity"].get("show")),
                              int(kids["_ws.expert.group"].get("show"))))
    return found


def frames_with(cap, needle):
    """Frames whose raw bytes contain `needle`: found without the plugin's
    help, for the Prosody captures, which are remade with other frame
    numbers and feature orders (server messages are not masked)."""
    return frames(cap, 'frame contains "%s"' % needle)


def assert_covers_own_bytes(test, cap, display_filter, names):
    """In PDML each field carries the bytes it highlights: a field holding
    an attribute value or a text must cover exactly that raw text."""
    seen = 0
    for packet in pdml(cap, display_filter):
        for name in names:
            for f in pdml_fields(packet, name):
                raw = bytes.fromhex(f.get("value")).decode("utf-8")
                test.assertEqual(raw, f.get("show"), (cap, name))
                seen += 1
    test.assertGreater(seen, 0, (cap, names))


# ---- a capture made here, for the cases no other capture has ------------

SYNTHETIC = "synthetic-stream-errors-sm.pcap"
NS_SM3 = "urn:xmpp:sm:3"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"

# (key, direction, message); the frame of each is looked up by key.
SYNTHETIC_MESSAGES = [
    ("open_no_version", "C>S", '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="finesse.example.test"/>'),
    ("open_0_9", "S>C", '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="finesse.example.test" '
                        'id="syn-1" version="0.9" xml:lang="fr"/>'),
    ("features", "S>C", '<stream:features xmlns:stream="http://etherx.jabber.org/streams">'
                        '<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"/>'
                        '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism>'
                        '</mechanisms><register xmlns="http://jabber.org/features/iq-register"/>'
                        '<auth xmlns="http://jabber.org/features/iq-auth"/><csi xmlns="urn:xmpp:csi:0"/>'
                        '<x-unknown xmlns="urn:example:unknown"/></stream:features>'),
    ("sasl_failure", "S>C", '<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><temporary-auth-failure/></failure>'),
    ("iq_app_error", "S>C", '<iq xmlns="jabber:client" type="error" id="sub_9" from="pubsub.finesse.example.test">'
                            '<error type="modify"><bad-request xmlns="%s"/>'
                            '<invalid-jid xmlns="http://jabber.org/protocol/pubsub#errors"/>'
                            '<text xmlns="%s">JID &amp; node mismatch</text></error></iq>' % (NS_STANZAS, NS_STANZAS)),
    ("message_error", "S>C", '<message xmlns="jabber:client" type="error" from="1002@finesse.example.test/desktop">'
                             '<error type="wait"><resource-constraint xmlns="%s"/></error></message>' % NS_STANZAS),
    ("iq_error_no_child", "S>C", '<iq xmlns="jabber:client" type="error" id="e1"/>'),
    ("presence_error_no_type", "S>C", '<presence type="error" from="1002@finesse.example.test">'
                                      '<error><forbidden xmlns="%s"/></error></presence>' % NS_STANZAS),
    ("iq_error_bad_type", "S>C", '<iq type="error" id="e2"><error type="retry"><conflict xmlns="%s"/></error></iq>'
                                 % NS_STANZAS),
    ("iq_error_no_condition", "S>C", '<iq xmlns="jabber:client" type="error" id="e3"><error type="cancel">'
                                     '<text xmlns="%s">only text</text></error></iq>' % NS_STANZAS),
    ("iq_result_with_error", "S>C", '<iq xmlns="jabber:client" type="result" id="e4"><error type="cancel">'
                                    '<conflict xmlns="%s"/></error></iq>' % NS_STANZAS),
    ("stream_error_no_condition", "S>C", '<stream:error xmlns:stream="http://etherx.jabber.org/streams">'
                                         '<text xmlns="urn:ietf:params:xml:ns:xmpp-streams">going away</text>'
                                         '<escape-your-data xmlns="urn:example:app"/></stream:error>'),
    ("enable_bad", "C>S", '<enable xmlns="urn:xmpp:sm:2" resume="yes" max="sixty"/>'),
    ("enabled_v2", "S>C", '<enabled xmlns="urn:xmpp:sm:2" id="syn-sm" location="[2001:db8::1]:5222" resume="1" '
                          'max="60"/>'),
    ("a_max", "C>S", '<a xmlns="%s" h="4294967295"/>' % NS_SM3),
    ("a_overflow", "C>S", '<a xmlns="%s" h="4294967296"/>' % NS_SM3),
    ("a_negative", "C>S", '<a xmlns="%s" h="-1"/>' % NS_SM3),
    ("resume", "C>S", '<resume xmlns="%s" h="3" previd="syn-sm"/>' % NS_SM3),
    ("failed", "S>C", '<failed xmlns="%s" h="5"><item-not-found xmlns="%s"/></failed>' % (NS_SM3, NS_STANZAS)),
    ("resumed", "S>C", '<resumed xmlns="%s" h="7" previd="syn-sm"/>' % NS_SM3),
    # framing.c only accepts sm:2 and sm:3 first in a message
    ("a_sm1", "C>S", '<r xmlns="%s"/><a xmlns="urn:xmpp:sm:1" h="9"/>' % NS_SM3),
    ("close", "S>C", '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'),
]

_synthetic_frames = None


def synthetic():
    """Writes the synthetic capture into the harness's readable folder
    once; returns {key: frame number}."""
    global _synthetic_frames
    if _synthetic_frames is not None:
        return _synthetic_frames
    sys.path.insert(0, os.path.join(os.environ["XMPPWS_CAPTURES"], "make"))
    import generate_edge_cases as gen

    cap = gen.Capture(SYNTHETIC)
    conn, ws = gen.new_conn(cap, SYNTHETIC)
    conn.handshake()
    ws.upgrade()
    found = {}
    for key, direction, text in SYNTHETIC_MESSAGES:
        found[key] = ws.msg(gen.C2S if direction == "C>S" else gen.S2C, text)[0]
    ws.ws_close(gen.S2C)
    conn.close(gen.S2C)
    path = os.path.join(harness._prepare(), "captures", SYNTHETIC)
    with open(path, "wb") as f:
        f.write(cap.to_bytes())
    os.chmod(path, 0o644)
    _synthetic_frames = found
    return found


# ---- registration ---------------------------------------------------------

class Registration(unittest.TestCase):
    FIELDS = {
        "xmppws.stream.version": "FT_STRING",
        "xmppws.stream.lang": "FT_STRING",
        "xmppws.stream.see_other_uri": "FT_STRING",
        "xmppws.features.feature": "FT_STRING",
        "xmppws.features.mechanism": "FT_STRING",
        "xmppws.features.sm_version": "FT_STRING",
        "xmppws.features.session_optional": "FT_BOOLEAN",
        "xmppws.error.type": "FT_STRING",
        "xmppws.error.condition": "FT_STRING",
        "xmppws.error.text": "FT_STRING",
        "xmppws.error.app_condition": "FT_STRING",
        "xmppws.error.see_other_host": "FT_STRING",
        "xmppws.sm.h": "FT_UINT32",
        "xmppws.sm.id": "FT_STRING",
        "xmppws.sm.resume": "FT_BOOLEAN",
        "xmppws.sm.max": "FT_UINT32",
        "xmppws.sm.previd": "FT_STRING",
        "xmppws.sm.location": "FT_STRING",
        "xmppws.sm.failed_condition": "FT_STRING",
    }
    # expert -> (group, severity, a capture and frame where it fires)
    EXPERTS = {
        "xmppws.expert.open_version": (PI_PROTOCOL, PI_NOTE, SYNTHETIC, "open_no_version"),
        "xmppws.expert.see_other_uri": (PI_SEQUENCE, PI_NOTE, MISC, 72),
        "xmppws.expert.stanza_error": (PI_RESPONSE_CODE, PI_WARN, EJ_NOT_FOUND, 39),
        "xmppws.expert.stanza_error_incomplete": (PI_PROTOCOL, PI_WARN, SYNTHETIC, "iq_error_no_child"),
        "xmppws.expert.stream_error": (PI_PROTOCOL, PI_ERROR, LEGACY, 36),
        "xmppws.expert.auth_failed": (PI_RESPONSE_CODE, PI_ERROR, EJ_AUTH_FAIL, 16),
        "xmppws.expert.sm_enable": (PI_PROTOCOL, PI_NOTE, EJABBERD, 25),
        "xmppws.expert.sm_failed": (PI_PROTOCOL, PI_WARN, SYNTHETIC, "failed"),
        "xmppws.expert.sm_bad_value": (PI_PROTOCOL, PI_WARN, SYNTHETIC, "a_overflow"),
    }

    def test_fields_have_type_and_blurb(self):
        rows = {r[2]: r for r in (l.split("\t") for l in run_tshark(["-G", "fields"]).splitlines())
                if r[0] == "F"}
        for abbrev, ftype in self.FIELDS.items():
            with self.subTest(field=abbrev):
                self.assertTrue(abbrev in rows, "%s is not registered" % abbrev)
                self.assertEqual(rows[abbrev][3], ftype)
                self.assertTrue(rows[abbrev][7].strip())

    def test_experts_group_and_severity(self):
        names = {l.split("\t")[2] for l in run_tshark(["-G", "fields"]).splitlines() if l.startswith("F\t")}
        f = synthetic()
        for abbrev, (group, severity, cap, frame) in self.EXPERTS.items():
            with self.subTest(expert=abbrev):
                self.assertTrue(abbrev in names, "%s is not registered" % abbrev)
                frame = f[frame] if isinstance(frame, str) else frame
                got = [(g, sev) for a, _m, sev, g in expert_infos(cap, "frame.number == %d" % frame)
                       if a == abbrev]
                self.assertEqual(got, [(group, severity)])


# ---- stream.c -------------------------------------------------------------

class StreamHeader(unittest.TestCase):
    def test_rfc7395_open_version_and_lang(self):
        rows = by_frame(EJABBERD, ["xmppws.element", "xmppws.stream.version", "xmppws.stream.lang",
                                   "xmppws.id"], "xmppws.stream.version")
        self.assertEqual(rows, {
            8: ["open", "1.0", "", ""],
            10: ["open", "1.0", "en", "7733646176233206402"],
            19: ["open", "1.0", "", ""],
            20: ["open", "1.0", "en", "16165555693001758229"],
        })
        self.assertEqual(frames(EJABBERD, 'xmppws.stream.lang == "en"'), [10, 20])

    def test_prosody_open_shares_its_message_with_features(self):
        # Two sessions, each with its own pre-auth <open/> + <features/> message.
        found = frames_with(PROSODY_CONFLICT, "<mechanism>PLAIN</mechanism>")
        self.assertEqual(len(found), 2)
        for frame in found:
            el, version, lang, feature, mechs = one(PROSODY_CONFLICT, frame, [
                "xmppws.element", "xmppws.stream.version", "xmppws.stream.lang", "xmppws.features.feature",
                "xmppws.features.mechanism"])
            self.assertEqual([el, version, lang, feature], ["open|features", "1.0", "en", "mechanisms"])
            self.assertEqual(sorted(mechs.split("|")), ["PLAIN", "SCRAM-SHA-1"])

    def test_legacy_stream_header(self):
        rows = by_frame(LEGACY, ["xmppws.element", "xmppws.stream.version", "xmppws.stream.lang"],
                        "xmppws.stream.version")
        self.assertEqual(rows, {
            8: ["stream", "1.0", ""],
            10: ["stream", "1.0", "en"],
            18: ["stream", "1.0", ""],
            20: ["stream", "1.0", "en"],
        })

    def test_version_and_lang_cover_their_bytes(self):
        assert_covers_own_bytes(self, EJABBERD, "xmppws.stream.version",
                                ["xmppws.stream.version", "xmppws.stream.lang"])
        assert_covers_own_bytes(self, LEGACY, "xmppws.stream.lang", ["xmppws.stream.lang"])

    def test_open_version_expert(self):
        f = synthetic()
        self.assertEqual(frames(SYNTHETIC, "xmppws.expert.open_version"), [f["open_no_version"], f["open_0_9"]])
        self.assertIn('<open/> without version="1.0" (RFC 7395 3.3.1); Strophe.js rejects such a stream',
                      experts(SYNTHETIC, f["open_no_version"]))
        self.assertIn('<open/> with version="0.9" instead of "1.0" (RFC 7395 3.3.1); '
                      'Strophe.js rejects such a stream', experts(SYNTHETIC, f["open_0_9"]))
        self.assertEqual(one(SYNTHETIC, f["open_0_9"], ["xmppws.stream.version", "xmppws.stream.lang"]),
                         ["0.9", "fr"])
        # Real opens all say version="1.0"; legacy headers are never checked.
        for cap in [EJABBERD, PROSODY_CONFLICT, MISC, LEGACY]:
            self.assertEqual(frames(cap, "xmppws.expert.open_version"), [], cap)


class Close(unittest.TestCase):
    def test_see_other_uri(self):
        self.assertEqual(by_frame(MISC, ["xmppws.element", "xmppws.stream.see_other_uri"],
                                  "xmppws.stream.see_other_uri"),
                         {72: ["close", "wss://alt.finesse.example.test:7443/ws/"]})
        self.assertEqual(frames(MISC, "xmppws.expert.see_other_uri"), [72])
        self.assertIn("Redirect: the server tells the client to reconnect to "
                      "wss://alt.finesse.example.test:7443/ws/ (RFC 7395 3.6.1)", experts(MISC, 72))
        assert_covers_own_bytes(self, MISC, "frame.number == 72", ["xmppws.stream.see_other_uri"])

    def test_plain_close_has_no_uri(self):
        self.assertEqual(frames(EJABBERD, 'xmppws.element == "close" && xmppws.stream.see_other_uri'), [])
        self.assertEqual(frames(EJABBERD, 'xmppws.element == "close"'), [94, 96])


class Features(unittest.TestCase):
    def test_sasl_mechanisms(self):
        rows = by_frame(EJABBERD, ["xmppws.features.feature", "xmppws.features.mechanism"],
                        "xmppws.features.feature")
        self.assertEqual(rows[11], ["mechanisms",
                                    "DIGEST-MD5|PLAIN|SCRAM-SHA-512|SCRAM-SHA-256|SCRAM-SHA-1|X-OAUTH2"])
        self.assertEqual(frames(EJABBERD, 'xmppws.features.mechanism == "SCRAM-SHA-1"'), [11])
        assert_covers_own_bytes(self, EJABBERD, "frame.number == 11", ["xmppws.features.mechanism"])

    def test_post_auth_features(self):
        row = one(EJABBERD, 21, ["xmppws.features.feature", "xmppws.features.sm_version",
                                 "xmppws.features.session_optional", "xmppws.features.mechanism"])
        self.assertEqual(row, ["bind|session|c|sm|sm|ver", "urn:xmpp:sm:2|urn:xmpp:sm:3", shown_boolean(True), ""])
        self.assertEqual(frames(EJABBERD, "xmppws.features.session_optional"), [21])
        self.assertEqual(frames(EJABBERD, 'xmppws.features.sm_version == "urn:xmpp:sm:2"'), [21])
        self.assertEqual(frames(EJABBERD, 'xmppws.features.feature == "c"'), [21])
        self.assertEqual(showname(EJABBERD, 21, "xmppws.features.feature"), [
            "Feature: bind (resource binding, RFC 6120 7)",
            "Feature: session (session establishment, RFC 3921 3)",
            "Feature: c (server entity capabilities, XEP-0115)",
            "Feature: sm (stream management v2, XEP-0198)",
            "Feature: sm (stream management v3, XEP-0198)",
            "Feature: ver (roster versioning, RFC 6121 2.6)",
        ])

    def test_prosody_features(self):
        found = frames_with(PROSODY_NOT_FOUND, "urn:xmpp:features:pre-approval")
        self.assertEqual(len(found), 1)
        features, optional, sm = one(PROSODY_NOT_FOUND, found[0], [
            "xmppws.features.feature", "xmppws.features.session_optional", "xmppws.features.sm_version"])
        self.assertEqual(sorted(features.split("|")), ["bind", "c", "session", "sub", "ver"])
        self.assertEqual([optional, sm], [shown_boolean(True), ""])
        self.assertEqual(frames(PROSODY_NOT_FOUND, "xmppws.features.session_optional"), found)

    def test_features_inside_a_legacy_stream_header(self):
        # Frame 20 is <stream:stream ...><stream:features>...: the features
        # are a child of the unclosed header; <session/> has no <optional/>.
        row = one(LEGACY, 20, ["xmppws.element", "xmppws.features.feature",
                               "xmppws.features.session_optional"])
        self.assertEqual(row, ["stream", "bind|session", ""])
        self.assertEqual(one(LEGACY, 12, ["xmppws.features.mechanism"]), ["PLAIN"])

    def test_other_features(self):
        f = synthetic()
        row = one(SYNTHETIC, f["features"], ["xmppws.features.feature", "xmppws.features.mechanism"])
        self.assertEqual(row, ["starttls|mechanisms|register|auth|csi|x-unknown", "PLAIN"])
        names = showname(SYNTHETIC, f["features"], "xmppws.features.feature")
        self.assertEqual(names[2], "Feature: register (in-band registration, XEP-0077)")
        self.assertEqual(names[3], "Feature: auth (non-SASL authentication, XEP-0078)")
        self.assertEqual(names[5], "Feature: x-unknown (unknown)")


# ---- errors.c ---------------------------------------------------------------

class StanzaErrors(unittest.TestCase):
    ERR = ["xmppws.error.type", "xmppws.error.condition", "xmppws.error.text", "xmppws.error.app_condition"]

    def test_ejabberd_pubsub_item_not_found(self):
        self.assertEqual(by_frame(EJ_NOT_FOUND, self.ERR, "xmppws.error.condition"),
                         {39: ["cancel", "item-not-found", "Node not found", ""]})
        self.assertEqual(frames(EJ_NOT_FOUND, 'xmppws.error.type == "cancel"'), [39])
        self.assertEqual(frames(EJ_NOT_FOUND, "xmppws.expert.stanza_error"), [39])
        self.assertIn("iq error: item-not-found (cancel)", experts(EJ_NOT_FOUND, 39))
        self.assertEqual(showname(EJ_NOT_FOUND, 39, "xmppws.error.condition"),
                         ["Error condition: item-not-found (the addressed JID or item (e.g. pubsub node) "
                          "does not exist)"])
        self.assertEqual(showname(EJ_NOT_FOUND, 39, "xmppws.error.type"),
                         ["Error type: cancel (do not retry, the error cannot be remedied)"])
        assert_covers_own_bytes(self, EJ_NOT_FOUND, "frame.number == 39", ["xmppws.error.type", "xmppws.error.text"])

    def test_expert_severity_and_group(self):
        self.assertEqual(expert_infos(EJ_NOT_FOUND, "xmppws.expert.stanza_error"),
                         [("xmppws.expert.stanza_error", "iq error: item-not-found (cancel)", PI_WARN,
                           PI_RESPONSE_CODE)])

    def test_prosody_pubsub_item_not_found(self):
        found = frames_with(PROSODY_NOT_FOUND, "<item-not-found xmlns=")
        self.assertEqual(len(found), 1)
        self.assertEqual(by_frame(PROSODY_NOT_FOUND, self.ERR, "xmppws.error.condition"),
                         {found[0]: ["cancel", "item-not-found", "", ""]})
        self.assertIn("iq error: item-not-found (cancel)", experts(PROSODY_NOT_FOUND, found[0]))

    def test_condition_covers_the_condition_element(self):
        packet = pdml(EJ_NOT_FOUND, "frame.number == 39")[0]
        raw = bytes.fromhex(pdml_fields(packet, "xmppws.error.condition")[0].get("value")).decode()
        self.assertEqual(raw, "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>")

    def test_no_errors_where_there_are_none(self):
        for cap in [EJABBERD, MALFORMED]:
            self.assertEqual(frames(cap, "xmppws.error.condition || xmppws.error.type || xmppws.error.text"),
                             [], cap)

    def test_application_condition_and_escaped_text(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["iq_app_error"], self.ERR),
                         ["modify", "bad-request", "JID & node mismatch", "invalid-jid"])
        self.assertEqual(showname(SYNTHETIC, f["iq_app_error"], "xmppws.error.app_condition"),
                         ["Application condition: invalid-jid (http://jabber.org/protocol/pubsub#errors)"])
        self.assertIn("iq error: bad-request (modify)", experts(SYNTHETIC, f["iq_app_error"]))
        self.assertEqual(one(SYNTHETIC, f["message_error"], self.ERR), ["wait", "resource-constraint", "", ""])
        self.assertIn("message error: resource-constraint (wait)", experts(SYNTHETIC, f["message_error"]))

    def test_incomplete_error_stanzas(self):
        f = synthetic()
        self.assertEqual(frames(SYNTHETIC, "xmppws.expert.stanza_error_incomplete"),
                         [f["iq_error_no_child"], f["presence_error_no_type"], f["iq_error_bad_type"],
                          f["iq_error_no_condition"]])
        self.assertIn("iq of type error has no <error/> child (RFC 6120 8.3.2)",
                      experts(SYNTHETIC, f["iq_error_no_child"]))
        self.assertEqual(frames(SYNTHETIC, "xmppws.expert.stanza_error && frame.number == %d"
                                % f["iq_error_no_child"]), [])
        self.assertIn("presence of type error has an <error/> without a 'type' (RFC 6120 8.3.2)",
                      experts(SYNTHETIC, f["presence_error_no_type"]))
        self.assertIn("presence error: forbidden (no type)", experts(SYNTHETIC, f["presence_error_no_type"]))
        # A stanza without xmlns (no default namespace) still counts.
        self.assertEqual(one(SYNTHETIC, f["iq_error_bad_type"], self.ERR), ["retry", "conflict", "", ""])
        self.assertEqual(showname(SYNTHETIC, f["iq_error_bad_type"], "xmppws.error.type"),
                         ["Error type: retry (unknown)"])
        self.assertIn("iq of type error has an <error/> of unknown type (RFC 6120 8.3.2)",
                      experts(SYNTHETIC, f["iq_error_bad_type"]))
        self.assertEqual(one(SYNTHETIC, f["iq_error_no_condition"], self.ERR), ["cancel", "", "only text", ""])
        self.assertIn("iq error: no condition (cancel)", experts(SYNTHETIC, f["iq_error_no_condition"]))

    def test_error_child_of_a_non_error_stanza_is_ignored(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["iq_result_with_error"], self.ERR), ["", "", "", ""])


class StreamErrors(unittest.TestCase):
    ERR = ["xmppws.error.condition", "xmppws.error.text", "xmppws.error.see_other_host"]

    def test_conflict_filter_selects_exactly_the_conflicts(self):
        self.assertEqual(frames(LEGACY, 'xmppws.error.condition == "conflict"'), [36])
        conflicts = frames_with(PROSODY_CONFLICT, "<conflict xmlns=")
        self.assertEqual(len(conflicts), 1)
        self.assertEqual(frames(PROSODY_CONFLICT, 'xmppws.error.condition == "conflict"'), conflicts)
        self.assertEqual(frames(MISC, 'xmppws.error.condition == "conflict"'), [])
        self.assertEqual(frames(EJ_NOT_FOUND, 'xmppws.error.condition == "conflict"'), [])

    def test_legacy_conflict(self):
        self.assertEqual(by_frame(LEGACY, self.ERR, "xmppws.error.condition"),
                         {36: ["conflict", "Replaced by new connection", ""]})
        self.assertIn(CONFLICT_EXPERT, experts(LEGACY, 36))
        self.assertIn(FINESSE_CONFLICT, experts(LEGACY, 36))
        self.assertEqual(showname(LEGACY, 36, "xmppws.error.condition"),
                         ["Error condition: conflict (another session bound the same resource (a second client "
                          "with the same JID))"])

    def test_prosody_conflict_kicks_the_first_session(self):
        # One message holds <stream:error> and <close/> for the first
        # session (tcp.stream 0) after the second one bound the same resource.
        frame = frames_with(PROSODY_CONFLICT, "<conflict xmlns=")[0]
        row = one(PROSODY_CONFLICT, frame, ["tcp.stream", "xmppws.element"] + self.ERR)
        self.assertEqual(row, ["0", "error|close", "conflict", "Replaced by new connection", ""])
        self.assertEqual(frames(PROSODY_CONFLICT, "xmppws.expert.stream_error"), [frame])
        self.assertEqual([e for e in expert_infos(PROSODY_CONFLICT, "frame.number == %d" % frame)
                          if e[0] == "xmppws.expert.stream_error"],
                         [("xmppws.expert.stream_error", CONFLICT_EXPERT, PI_ERROR, PI_PROTOCOL)])

    def test_conflict_names_the_other_bind(self):
        # The other connection's bind result (tcp.stream 1) comes after
        # the error: linked once the whole capture was seen.
        binds = fields(PROSODY_CONFLICT, ["frame.number", "tcp.stream"], "xmppws.bind.jid")
        self.assertEqual(binds, [["15", "0"], ["39", "1"]])
        rows = fields(PROSODY_CONFLICT, ["frame.number", "xmppws.error.conflict_bind", "_ws.expert.message"],
                      "xmppws.error.condition", extra=["-2"])
        self.assertEqual([r[:2] for r in rows], [["36", "39"]])
        self.assertIn(CONFLICT_EXPERT + "; the other connection's bind is in frame 39", rows[0][2].split("|"))
        # in -z expert's summary, the condition and the frame are in the text
        out = run_tshark(["-n", "-q", "-2", "-r", capture(PROSODY_CONFLICT), "-z", "expert"])
        self.assertIn("Stream error: conflict \u2014 another session bound the same resource", out)
        self.assertIn("the other connection's bind is in frame 39", out)
        # the stream error ended the first stream: no "ended without <close/>"
        self.assertEqual(frames(PROSODY_CONFLICT, "xmppws.expert.ended_without_close", extra=["-2"]), [])
        bosh = fields("bosh-conflict.pcapng", ["frame.number", "xmppws.error.conflict_bind"],
                      "xmppws.error.condition", extra=["-2"])
        self.assertEqual(bosh, [["40", "42"]])

    def test_see_other_host(self):
        self.assertEqual(by_frame(MISC, self.ERR, "xmppws.error.condition"),
                         {50: ["see-other-host", "", "alt.finesse.example.test:7443"]})
        self.assertIn("Stream error: see-other-host \u2014 the server redirects the client to another host: "
                      "alt.finesse.example.test:7443", experts(MISC, 50))
        assert_covers_own_bytes(self, MISC, "frame.number == 50", ["xmppws.error.see_other_host"])

    def test_stream_error_without_condition(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["stream_error_no_condition"],
                             self.ERR + ["xmppws.error.app_condition"]),
                         ["", "going away", "", "escape-your-data"])
        self.assertIn("Stream error without a defined condition (RFC 6120 4.9.2)",
                      experts(SYNTHETIC, f["stream_error_no_condition"]))


class SaslFailure(unittest.TestCase):
    ERR = ["xmppws.error.condition", "xmppws.error.text"]

    def test_ejabberd_not_authorized(self):
        self.assertEqual(by_frame(EJ_AUTH_FAIL, self.ERR, "xmppws.error.condition"),
                         {16: ["not-authorized", "Invalid username or password"]})
        self.assertEqual(frames(EJ_AUTH_FAIL, "xmppws.expert.auth_failed"), [16])
        self.assertIn("authentication failed: not-authorized", experts(EJ_AUTH_FAIL, 16))
        self.assertEqual(showname(EJ_AUTH_FAIL, 16, "xmppws.error.condition"),
                         ["Error condition: not-authorized (wrong username or password)"])
        assert_covers_own_bytes(self, EJ_AUTH_FAIL, "frame.number == 16", ["xmppws.error.text"])

    def test_prosody_not_authorized(self):
        # The text holds &apos;: the field value is unescaped.
        found = frames_with(PROSODY_AUTH_FAIL, "<not-authorized/>")
        self.assertEqual(len(found), 1)
        self.assertEqual(by_frame(PROSODY_AUTH_FAIL, self.ERR, "xmppws.error.condition"),
                         {found[0]: ["not-authorized", "Unable to authorize you with the authentication "
                                                       "credentials you've sent."]})
        self.assertIn("authentication failed: not-authorized", experts(PROSODY_AUTH_FAIL, found[0]))

    def test_failure_without_text(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["sasl_failure"], self.ERR), ["temporary-auth-failure", ""])
        self.assertIn("authentication failed: temporary-auth-failure", experts(SYNTHETIC, f["sasl_failure"]))


class ExpertsWithoutTree(unittest.TestCase):
    def test_experts_are_added_when_tshark_builds_no_tree(self):
        # -q -z expert dissects with a NULL tree: the experts must still be there.
        for cap, message in [(PROSODY_CONFLICT, CONFLICT_EXPERT),
                             (EJ_NOT_FOUND, "iq error: item-not-found (cancel)"),
                             (EJ_NOT_FOUND, SM_ENABLE_EXPERT),
                             (EJ_AUTH_FAIL, "authentication failed: not-authorized")]:
            with self.subTest(capture=cap, message=message):
                out = run_tshark(["-n", "-q", "-r", harness.capture(cap), "-z", "expert"])
                self.assertIn(message, out)


# ---- sm.c -------------------------------------------------------------------

class StreamManagement(unittest.TestCase):
    SM = ["xmppws.element", "xmppws.sm.h", "xmppws.sm.id", "xmppws.sm.resume", "xmppws.sm.max",
          "xmppws.sm.previd", "xmppws.sm.location", "xmppws.sm.failed_condition"]

    def test_ejabberd_enable_enabled(self):
        self.assertEqual(one(EJABBERD, 25, self.SM), ["enable", "", "", shown_boolean(True), "", "", "", ""])
        self.assertEqual(one(EJABBERD, 26, self.SM),
                         ["enabled", "", "g2gCbQAAAAdkZXNrdG9wbQAAAAhxuLiV5PuWsw==", shown_boolean(True), "300", "",
                          "", ""])
        self.assertEqual(showname(EJABBERD, 26, "xmppws.sm.max"), ["Max resumption time: 300 seconds"])
        self.assertEqual(frames(EJABBERD, "xmppws.sm.resume"), [25, 26])
        assert_covers_own_bytes(self, EJABBERD, "frame.number == 26", ["xmppws.sm.id"])

    def test_ejabberd_acks(self):
        rows = by_frame(EJABBERD, ["xmppws.sm.h"], "xmppws.sm.h")
        self.assertEqual(rows, {35: ["1"], 38: ["2"], 41: ["2"], 48: ["2"], 52: ["3"], 58: ["3"], 63: ["4"],
                                70: ["4"], 74: ["4"], 81: ["4"], 85: ["5"], 91: ["6"], 93: ["4"]})
        self.assertEqual(frames(EJABBERD, "xmppws.sm.h >= 5"), [85, 91])
        self.assertEqual(frames(EJ_NOT_FOUND, "xmppws.sm.h == 3"), [53])

    def test_h_zero_is_a_value(self):
        self.assertEqual(by_frame(MISC, ["xmppws.sm.h"], "xmppws.sm.h"), {36: ["0"], 40: ["1"]})
        self.assertEqual(frames(MISC, "xmppws.sm.h == 0"), [36])
        self.assertEqual(one(MISC, 30, self.SM), ["enabled", "", "gen-sm-1", shown_boolean(True), "300", "", "", ""])

    def test_enable_expert(self):
        self.assertEqual(frames(EJABBERD, "xmppws.expert.sm_enable"), [25])
        self.assertEqual(frames(EJ_NOT_FOUND, "xmppws.expert.sm_enable"), [24])
        self.assertEqual(frames(MISC, "xmppws.expert.sm_enable"), [28])
        self.assertIn(SM_ENABLE_EXPERT, experts(EJABBERD, 25))
        # The client asks before it subscribes to Finesse feeds: known once the whole capture was seen.
        self.assertIn(FINESSE_SM, one(EJABBERD, 25, ["_ws.expert.message"], ["-2"])[0].split("|"))
        # Prosody here offers no SM and Strophe asks for none.
        self.assertEqual(frames(PROSODY_CONFLICT, "xmppws.expert.sm_enable || xmppws.sm.h"), [])

    def test_bad_values(self):
        f = synthetic()
        self.assertEqual(frames(SYNTHETIC, "xmppws.expert.sm_bad_value"),
                         [f["enable_bad"], f["a_overflow"], f["a_negative"]])
        msgs = experts(SYNTHETIC, f["enable_bad"])
        self.assertIn('resume="yes" is not a boolean (true, false, 1 or 0)', msgs)
        self.assertIn('max="sixty" is not a number from 0 to 4294967295 (XEP-0198 7)', msgs)
        self.assertIn(SM_ENABLE_EXPERT, msgs)
        self.assertEqual(one(SYNTHETIC, f["enable_bad"], self.SM), ["enable", "", "", "", "", "", "", ""])
        self.assertIn('h="4294967296" is not a number from 0 to 4294967295 (XEP-0198 7)',
                      experts(SYNTHETIC, f["a_overflow"]))
        self.assertEqual(one(SYNTHETIC, f["a_overflow"], ["xmppws.sm.h"]), [""])
        self.assertEqual(one(SYNTHETIC, f["a_negative"], ["xmppws.sm.h"]), [""])
        self.assertEqual(one(SYNTHETIC, f["a_max"], ["xmppws.sm.h"]), ["4294967295"])

    def test_resumption(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["enabled_v2"], self.SM),
                         ["enabled", "", "syn-sm", shown_boolean(True), "60", "", "[2001:db8::1]:5222", ""])
        self.assertEqual(one(SYNTHETIC, f["resume"], self.SM), ["resume", "3", "", "", "", "syn-sm", "", ""])
        self.assertEqual(one(SYNTHETIC, f["resumed"], self.SM), ["resumed", "7", "", "", "", "syn-sm", "", ""])
        self.assertEqual(one(SYNTHETIC, f["failed"], self.SM),
                         ["failed", "5", "", "", "", "", "", "item-not-found"])
        self.assertEqual(frames(SYNTHETIC, "xmppws.expert.sm_failed"), [f["failed"]])
        self.assertIn("stream management failed: item-not-found", experts(SYNTHETIC, f["failed"]))
        # The failed condition is the SM field only, not a stanza error.
        self.assertEqual(one(SYNTHETIC, f["failed"], ["xmppws.error.condition"]), [""])

    def test_other_sm_versions_are_ignored(self):
        f = synthetic()
        self.assertEqual(one(SYNTHETIC, f["a_sm1"], ["xmppws.element", "xmppws.namespace", "xmppws.sm.h"]),
                         ["r|a", "urn:xmpp:sm:3|urn:xmpp:sm:1", ""])


if __name__ == "__main__":
    unittest.main()
