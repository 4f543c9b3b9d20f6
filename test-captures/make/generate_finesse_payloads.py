#!/usr/bin/env python3
"""Deterministic generator of gen-finesse-payloads.pcap: one Finesse desktop
session over XMPP/WebSocket whose pubsub events carry realistic Finesse 12.5
<Update> payloads of every data kind, so that every element of each can be
checked against the tree (tests/tshark/test_finesse_data.py).

Usage:
    python3 test-captures/make/generate_finesse_payloads.py [OUTDIR] [--list]

The session, TCP and WebSocket machinery is generate_edge_cases.py's (same
folder, same determinism). The payloads follow public examples, each cited
where it is built; docs/finesse-reference.md lists the sources (S#):

  S38  pokornyIt/finesse-api XMPP/*.xml: notifications captured from a
       Finesse 12.5 system (User LOGOUT, NOT_READY, READY; apiErrors
       Invalid State and Invalid Device), pretty-printed, <data> first;
  S5, S8, S9, S11, S13  Cisco's sample notification payloads (User, Team,
       Queue, Media, Media apiErrors) on developer.cisco.com/docs/finesse;
  S7, S20, S21, S24, S26, S43  Cisco's object descriptions (Dialogs/Media
       notification, SystemInfo, User, Dialog, Media, TeamMessage).

Names, ids and host names are invented (agent 1001 "Alice Agent", domain
finesse.example.test); element names, their order, nesting and the kind of
value are the sources'. The last two Updates are invented robustness cases,
not Finesse's: attributes and stray text on known elements, a repeated
element, an unknown <data> root.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import generate_edge_cases as g  # noqa: E402  (the session machinery)

NAME = "gen-finesse-payloads.pcap"
USER = g.USER                                   # 1001, the signed-in agent
USER_NODE = "/finesse/api/User/%s" % USER
DIALOGS_NODE = USER_NODE + "/Dialogs"
DIALOGS_MEDIA_NODE = USER_NODE + "/Dialogs/Media"
MEDIA_NODE = USER_NODE + "/Media"
TEAM_NODE = "/finesse/api/Team/1004/Users"
QUEUE_NODE = "/finesse/api/Queue/5000"
SYSTEM_NODE = "/finesse/api/SystemInfo"


# --------------------------------------------------------------------------
# a small XML writer: pretty-printed with two spaces, as S38's captures are

def el(name, *children):
    """An element: children are elements (lists of lines) or one text."""
    if not children:
        return ["<%s></%s>" % (name, name)]
    if len(children) == 1 and isinstance(children[0], str):
        return ["<%s>%s</%s>" % (name, g.xml_escape(children[0]), name)]
    lines = ["<%s>" % name]
    for c in children:
        lines += ["  " + line for line in c]
    return lines + ["</%s>" % name]


def leaves(*pairs):
    """el() of each (name, text) pair."""
    return [el(n, t) for n, t in pairs]


def update(data, event, source, request_id="", data_first=True):
    """An <Update>; 12.5 puts <data> first (S38), Cisco's samples last."""
    envelope = leaves(("event", event), ("requestId", request_id), ("source", source))
    parts = [el("data", data)] + envelope if data_first else envelope + [el("data", data)]
    return "\n".join(el("Update", *parts)) + "\n"


# --------------------------------------------------------------------------
# the payloads

def team(tid, name):
    return el("Team", *leaves(("id", tid), ("name", name), ("uri", "/finesse/api/Team/%s" % tid)))


def agent_user(state, stamp, extension="2830", reason_code_id="-1"):
    """S38 login.xml / logout.xml / not-ready.xml: a 12.5 User of an agent
    who also supervises one team."""
    return el("user",
              *leaves(("dialogs", "%s/Dialogs" % USER_NODE), ("extension", extension),
                      ("firstName", "Alice"), ("lastName", "Agent"), ("loginId", USER),
                      ("loginName", "alice.agent"), ("mediaType", "1"), ("pendingState", ""),
                      ("reasonCodeId", reason_code_id)),
              el("roles", *leaves(("role", "Agent"), ("role", "Supervisor"))),
              el("settings", *leaves(("wrapUpOnIncoming", "OPTIONAL"), ("wrapUpOnOutgoing", "OPTIONAL"))),
              *leaves(("state", state), ("stateChangeTime", stamp), ("teamId", "5005"), ("teamName", "Support")),
              el("teams", team("5005", "Support")),
              *leaves(("uri", USER_NODE), ("wrapUpTimer", "7200")))


def ready_user(stamp):
    """S38 ready.xml: the same User, READY, without <reasonCodeId>."""
    lines = agent_user("READY", stamp)
    return [line for line in lines if "reasonCodeId" not in line]


def reason_code():
    """S21 (the User object): the full ReasonCode."""
    return el("ReasonCode", *leaves(("category", "NOT_READY"), ("uri", "/finesse/api/ReasonCode/16"),
                                    ("code", "10"), ("label", "Team Meeting"), ("forAll", "true"),
                                    ("systemCode", "false"), ("id", "16")))


def supervisor_user(state, pending, stamp):
    """S21 (the User object): every documented child, with the
    supervisor's three <teams>, a mobile agent and device selection."""
    return el("user",
              *leaves(("uri", USER_NODE)),
              el("roles", *leaves(("role", "Agent"), ("role", "Supervisor"))),
              *leaves(("loginId", USER), ("loginName", "alice.agent"), ("state", state),
                      ("stateChangeTime", stamp), ("mediaType", "1"), ("pendingState", pending),
                      ("reasonCodeId", "16")),
              reason_code(),
              el("settings", *leaves(("wrapUpOnIncoming", "OPTIONAL"), ("wrapUpOnOutgoing", "NOT_ALLOWED"),
                                     ("deviceSelection", "enabled"))),
              *leaves(("extension", "2830")),
              el("mobileAgent", *leaves(("mode", "CALL_BY_CALL"), ("dialNumber", "4085551234"))),
              *leaves(("firstName", "Alice"), ("lastName", "Agent"), ("teamId", "5005"), ("teamName", "Support"),
                      ("skillTargetId", "6067"), ("dialogs", "%s/Dialogs" % USER_NODE)),
              el("teams", team("2001", "First Line Support"), team("2002", "Second Line Support"),
                 team("2003", "Third Line Support")),
              *leaves(("wrapUpTimer", "30")))


def api_error(*pairs):
    return el("apiErrors", el("apiError", *leaves(*pairs)))


def participant(actions, address, state, start, changed):
    return el("Participant", el("actions", *leaves(*[("action", a) for a in actions])),
              *leaves(("mediaAddress", address), ("mediaAddressType", "AGENT_DEVICE"), ("startTime", start),
                      ("state", state), ("stateCause", ""), ("stateChangeTime", changed)))


def voice_dialog(tag, state, agent_state, held_state):
    """S24 (the Dialog object for voice calls): a consult call with a
    secondary id, the CTI call key, wrap-up reason and items, call
    variables, two participants, a callback number and a scheduled
    callback."""
    variables = el("callvariables", *[el("CallVariable", *leaves(("name", n), ("value", v)))
                                      for n, v in (("callVariable1", "Chuck Smith"),
                                                   ("callVariable2", "Cisco Systems, Inc."),
                                                   ("user.crm.id", "CRM-4711"))])
    start = "2026-01-01T00:01:23.121Z"
    return el(tag,
              *leaves(("associatedDialogUri", "/finesse/api/Dialog/321654"), ("id", "16777300"),
                      ("secondaryId", "16777299"), ("mediaType", "Voice"), ("fromAddress", "2830"),
                      ("toAddress", "2000"), ("callbackNumber", "4085550123")),
              el("mediaProperties",
                 *leaves(("mediaId", "1"), ("dialedNumber", "2000"), ("callType", "AGENT_INSIDE"),
                         ("DNIS", "2000"), ("queueNumber", "5022"), ("queueName", "UCM_PIM.Func.Agents.SG"),
                         ("callKeyCallId", "217"), ("callKeySequenceNum", "1"), ("callKeyPrefix", "152018"),
                         ("wrapUpReason", "Sales Call")),
                 el("wrapUpItems", *leaves(("wrapUpItem", "Wrong number"), ("wrapUpItem", "Satisfied Customer"))),
                 variables),
              el("participants",
                 participant(["HOLD", "DROP"], "2830", agent_state, start, "2026-01-01T00:01:24.002Z"),
                 participant(["RETRIEVE", "DROP"], "2000", held_state, start, "2026-01-01T00:01:36.543Z")),
              *leaves(("state", state), ("uri", "/finesse/api/Dialog/16777300")),
              el("scheduledCallbackInfo", *leaves(("callbackTime", "2026-01-02T14:30"),
                                                  ("callbackNumber", "9785551212"))))


def chat_dialogs():
    """S7 (the Dialogs/Media sample): a nonvoice task offered to the agent."""
    return el("dialogs", el("Dialog",
              *leaves(("associatedDialogUri", "/finesse/api/Dialog/3216_5432_1"), ("id", "1234_5423_1"),
                      ("mediaType", "Cisco_Chat_MRD")),
              el("mediaProperties", *leaves(("mediaId", "5002"), ("dialedNumber", "")),
                 el("callvariables", el("CallVariable", *leaves(("name", "callVariable1"),
                                                               ("value", "Chuck Smith"))))),
              el("participants", el("Participant", el("actions", *leaves(("action", "ACCEPT"), ("action", "CLOSE"))),
                                    *leaves(("mediaAddress", USER), ("startTime", "2026-01-01T00:02:00.000Z"),
                                            ("state", "OFFERED"), ("stateChangeTime", "2026-01-01T00:02:00.000Z")))),
              *leaves(("state", "OFFERED"), ("uri", "/finesse/api/Dialog/1234_5423_1"))))


def media():
    """S26 (the Media object) / S11: the agent's state in the chat MRD."""
    return el("Media",
              *leaves(("uri", "%s/Media/5002" % USER_NODE), ("description", "Chat MRD"),
                      ("dialogLogoutAction", "CLOSE"), ("id", "5002"), ("interruptible", "true"),
                      ("maxDialogLimit", "10"), ("name", "Cisco_Chat_MRD")),
              reason_code(),
              *leaves(("reasonCodeId", "16"), ("routable", "true"), ("state", "NOT_READY"),
                      ("stateChangeTime", "2026-01-01T00:02:10.782Z"), ("interruptAction", "ACCEPT")))


def team_members():
    """S8 (the Team notification sample): two users, one with a reason."""
    return el("team", *leaves(("uri", "/finesse/api/Team/1004"), ("id", "1004"), ("name", "Shiny")),
              el("users",
                 el("User", *leaves(("uri", "/finesse/api/User/1234"), ("loginId", "1234"), ("firstName", "Charles"),
                                    ("lastName", "Norrad"), ("dialogs", "/finesse/api/User/1234/Dialogs"),
                                    ("extension", "1001001"), ("pendingState", ""), ("state", "LOGOUT"),
                                    ("stateChangeTime", "2026-01-01T00:03:21.123Z"))),
                 el("User", *leaves(("uri", "/finesse/api/User/9876"), ("loginId", "9876"), ("firstName", "Jack"),
                                    ("lastName", "Brown"), ("state", "NOT_READY"),
                                    ("stateChangeTime", "2026-01-01T00:03:21.134Z")),
                    reason_code())))


def team_member_update():
    """S8 (the Team notification payload): one member's summary, on the
    Team node, with the source of the User."""
    return el("user", *leaves(("uri", "/finesse/api/User/9876"), ("loginId", "9876"), ("firstName", "Jack"),
                              ("lastName", "Brown"), ("state", "READY"),
                              ("stateChangeTime", "2026-01-01T00:03:40.000Z")))


def queue():
    """S9 (the Queue notification sample) / S25: one call waiting."""
    stats = leaves(("callsInQueue", "1"), ("startTimeOfLongestCallInQueue", "2026-01-01T00:03:50Z"),
                   ("agentsReady", "1"), ("agentsNotReady", "2"), ("agentsBusyOther", "0"),
                   ("agentsLoggedOn", "4"), ("agentsTalkingInbound", "1"), ("agentsTalkingOutbound", "0"),
                   ("agentsTalkingInternal", "0"), ("agentsWrapUpNotReady", "0"), ("agentsWrapUpReady", "0"))
    return el("Queue", *leaves(("name", "Sales"), ("uri", QUEUE_NODE)), el("statistics", *stats))


def team_message():
    """S43 (the TeamMessage object)."""
    mid = "be1598bb-bb2a-4dfc-8c01-91ec10b029af"
    return el("TeamMessage", *leaves(("uri", "/finesse/api/TeamMessage/%s" % mid), ("id", mid)),
              el("createdBy", *leaves(("id", USER), ("firstName", "Alice"), ("lastName", "Agent"))),
              *leaves(("createdAt", "1767225840"), ("duration", "100"), ("content", "Huddle at 10:30")),
              el("teams", *leaves(("team", "5005"), ("team", "1004"))))


def system_info():
    """S20 (the SystemInfo object): every documented child."""
    def node(host):
        return leaves(("host", host), ("httpsPort", "8445"), ("xmppPort", "5222"), ("xmppSecurePort", "5223"))

    def cti(host, active):
        return el("ctiServer", *leaves(("host", host), ("connectedDuration", "3600" if active else "0"),
                                       ("active", "true" if active else "false")))
    return el("SystemInfo",
              *leaves(("currentTimestamp", "2026-01-01T00:04:10.250Z"), ("deploymentType", "UCCE"),
                      ("lastCTIHeartbeatStatus", "success"), ("lastSuccessCTIHeartbeatTime", "1767225848000"),
                      ("ctiVersion", "23"), ("ctiHeartbeatInterval", "30"), ("ctiMMode", ""),
                      ("ctiTimeInMMode", "-1"), ("finesseMMode", ""), ("finesseTimeInMMode", "-1"),
                      ("license", ""), ("peripheralId", "5000")),
              el("primaryNode", *node("finesse.example.test")),
              el("secondaryNode", *node("finesse-b.example.test")),
              *leaves(("status", "IN_SERVICE"), ("statusReason", ""), ("systemAuthMode", "NON_SSO"),
                      ("timezoneOffset", "60"), ("uri", SYSTEM_NODE), ("xmppDomain", g.DOMAIN),
                      ("xmppPubSubDomain", g.PUBSUB)),
              el("ctiServers", cti("cti-a.example.test", True), cti("cti-b.example.test", False)))


# Invented robustness cases (not Finesse's): what no source shows must
# still be in the tree.
ATTRIBUTED_UPDATE = (
    '<Update version="1"><data kind="user">\n'
    '  <user id="u-1001" xml:lang="en">\n'
    '    <loginId scheme="ucce">1001</loginId>\n'
    '    <state since="2026-01-01T00:05:00Z">READY</state>\n'
    '    <state>TALKING</state>\n'
    '    <settings mode="x">stray<wrapUpOnIncoming a="1" b="2">OPTIONAL</wrapUpOnIncoming></settings>\n'
    '    <roles><role primary="true">Agent</role></roles>\n'
    '    <futureElement level="3"><inner flag="yes">deep</inner></futureElement>\n'
    '  </user>\n'
    '</data><event>PUT</event><requestId/><source>%s</source><futureEnvelope n="1">x</futureEnvelope></Update>\n'
    % USER_NODE)

UNKNOWN_ROOT_UPDATE = (
    '<Update><data><FutureObject version="2"><id>42</id><parts><part n="1">alpha</part>'
    '<part n="2"/></parts></FutureObject></data><event>POST</event><requestId></requestId>'
    '<source>/finesse/api/FutureObject/42</source></Update>\n')


def payloads():
    """(node, Update text, what it is), in the order the events are sent."""
    return [
        (USER_NODE, update(agent_user("LOGOUT", "2026-01-01T00:00:01.083Z", extension=""), "PUT", USER_NODE),
         "S38 logout.xml: User LOGOUT"),
        (USER_NODE, update(agent_user("NOT_READY", "2026-01-01T00:00:02.466Z"), "PUT", USER_NODE),
         "S38 login.xml: User NOT_READY after sign-in"),
        (USER_NODE, update(api_error(("errorType", "Invalid State"), ("errorMessage", "CF_INVALID_OBJECT_STATE"),
                                     ("errorData", "22")), "put", USER_NODE),
         "S38 error-invalid-state.xml: apiErrors Invalid State"),
        (USER_NODE, update(api_error(("peripheralErrorCode", "10125"), ("errorType", "Invalid Device"),
                                     ("errorMessage", "CF_INVALID_LOGON_DEVICE_SPECIFIED"),
                                     ("peripheralErrorText", "A device target with the network target ID "
                                      "specified cannot be found."),
                                     ("peripheralErrorMsg", "PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID"),
                                     ("errorData", "260")), "put", USER_NODE),
         "S38 error-invalid-line.xml: apiErrors Invalid Device with the peripheral fields"),
        (USER_NODE, update(ready_user("2026-01-01T00:00:03.981Z"), "PUT", USER_NODE),
         "S38 ready.xml: User READY"),
        (USER_NODE, update(supervisor_user("NOT_READY", "", "2026-01-01T00:00:04.234Z"), "put", USER_NODE,
                           data_first=False),
         "S5/S21: User NOT_READY (Team Meeting), every User child, three supervised teams"),
        (DIALOGS_NODE, update(el("dialogs", voice_dialog("Dialog", "ACTIVE", "ACTIVE", "HELD")), "POST",
                              DIALOGS_NODE, request_id="gen-payloads-req-1"),
         "S24: Dialogs POST, a consult call with every Dialog child"),
        (USER_NODE, update(supervisor_user("TALKING", "LOGOUT", "2026-01-01T00:01:25.000Z"), "PUT", USER_NODE),
         "S21: User TALKING with pendingState LOGOUT (UCCX failover during a call)"),
        (DIALOGS_NODE, update(voice_dialog("dialog", "ACTIVE", "WRAP_UP", "DROPPED"), "PUT",
                              "/finesse/api/Dialog/16777300"),
         "S24/S6: Dialog PUT, the agent in WRAP_UP"),
        (DIALOGS_MEDIA_NODE, update(chat_dialogs(), "POST", "%s/Media/5002/Dialogs" % USER_NODE),
         "S7: Dialogs/Media POST, a chat task OFFERED"),
        (MEDIA_NODE, update(media(), "PUT", "%s/Media/5002" % USER_NODE, data_first=False),
         "S26/S11: Media PUT, NOT_READY in the chat MRD"),
        (MEDIA_NODE, update(el("apiErrors", el("apiError", *leaves(
            ("errorData", "1"), ("errorMedia", "5001"), ("errorMessage", "E_ARM_STAT_AGENT_ALREADY_LOGGED_IN"),
            ("errorType", "Agent already logged into MRD")))), "PUT", "%s/Media/5001" % USER_NODE,
            request_id="xxx-xxxx"),
         "S13: Media apiErrors with errorMedia"),
        (TEAM_NODE, update(team_members(), "put", "/finesse/api/Team/1004", data_first=False),
         "S8: Team with two users"),
        (TEAM_NODE, update(team_member_update(), "put", "/finesse/api/User/9876", data_first=False),
         "S8: one Team member's summary"),
        (QUEUE_NODE, update(queue(), "PUT", QUEUE_NODE), "S9/S25: Queue statistics, one call waiting"),
        (TEAM_NODE, update(team_message(), "POST", "/finesse/api/TeamMessage/be1598bb-bb2a-4dfc-8c01-91ec10b029af"),
         "S43: TeamMessage POST (the node is not documented)"),
        (SYSTEM_NODE, update(system_info(), "PUT", SYSTEM_NODE), "S20: SystemInfo IN_SERVICE, every child"),
        (USER_NODE, ATTRIBUTED_UPDATE, "invented: attributes, stray text, a repeated and unknown elements"),
        (USER_NODE, UNKNOWN_ROOT_UPDATE, "invented: an unknown <data> root"),
    ]


def cap_finesse_payloads():
    cap = g.Capture(NAME)
    conn, ws = g.new_conn(cap, NAME)
    conn.handshake()
    ws.upgrade()
    g.desktop_login(ws, "gen-payloads")
    uuid = g.det_uuid(NAME + "-items")
    for n, (node, text, _what) in enumerate(payloads(), 1):
        ws.msg(g.S2C, g.items_event([("%s%d" % (uuid, 500 + n), g.notification(g.xml_escape(text), g.NS_PUSH))],
                                    node=node, to=g.BARE, msg_id=g.det_chars("%s-id%d" % (NAME, n), 8)))
    g.xmpp_goodbye(ws, conn)
    return cap


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    outdir = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cap = cap_finesse_payloads()
    path = os.path.join(outdir, cap.name)
    data = cap.to_bytes()
    with open(path, "wb") as f:
        f.write(data)
    if "--list" in argv[1:]:
        print(cap.listing())
        for n, (node, _text, what) in enumerate(payloads(), 1):
            print("event %2d  %-36s %s" % (n, node, what))
    else:
        print("wrote %s (%d frames, %d bytes)" % (path, len(cap.frames), len(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
