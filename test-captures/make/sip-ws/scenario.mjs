// The SIP-over-WebSocket session of test-captures/sip-ws.pcapng (RFC 7118),
// against the kamailio started by make-captures.sh:
//
//   node scenario.mjs ws://127.0.0.1:8090
//
// Two real JsSIP user agents under node (JsSIP's own WebSocketInterface,
// subprotocol "sip", over the `ws` package's WebSocket): bob and alice
// register, alice sends OPTIONS to the server, then SIP MESSAGEs whose bodies
// are XML travel through kamailio between them: a PIDF presence document
// (application/pidf+xml) and XMPP-looking stanzas (application/xml) from
// alice to bob, and a pubsub event <message> from bob to alice. Both agents
// then unregister and close. The scenario fails unless every request gets
// a 200 and every body arrives unchanged. Every step is printed on stdout
// ("[scenario] ...").

import JsSIP from "jssip";
import { WebSocket } from "ws";

// JsSIP.WebSocketInterface uses the global WebSocket (node 20 has none
// without --experimental-websocket): give it the `ws` package's.
globalThis.WebSocket = WebSocket;

const URL = process.argv[2] || "ws://127.0.0.1:8090";
const DOMAIN = "sip.example.test";

const PIDF =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@sip.example.test">' +
  '<tuple id="ws1"><status><basic>open</basic></status><note>at the desk</note></tuple></presence>';
const XMPP_PRESENCE = "<presence xmlns='jabber:client' type='unavailable'/>";
const XMPP_OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='finesse.example.test' version='1.0'/>";
const XMPP_EVENT =
  "<message xmlns='jabber:client' from='pubsub.finesse.example.test' to='1001@finesse.example.test/desktop' " +
  "id='sip-event-1'><event xmlns='http://jabber.org/protocol/pubsub#event'>" +
  "<items node='/finesse/api/User/1001'><item id='7c3e9a41-2b6d-4f08-9e15-a4d0c8b27f63102'>" +
  "<notification xmlns='http://jabber.org/protocol/pubsub'>" +
  "&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;1001&lt;/loginId&gt;" +
  "&lt;state&gt;READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;" +
  "&lt;requestId&gt;&lt;/requestId&gt;&lt;source&gt;/finesse/api/User/1001&lt;/source&gt;&lt;/Update&gt;" +
  "</notification></item></items></event></message>";

function log(msg) {
  process.stdout.write(`[scenario] ${msg}\n`);
}

function fail(msg) {
  log(`ERROR: ${msg}`);
  process.exit(1);
}

// Resolves with the first of the events named, rejects on the others.
function once(ua, ok, bad = []) {
  return new Promise((resolve, reject) => {
    ua.once(ok, resolve);
    for (const b of bad) ua.once(b, (e) => reject(new Error(`${b}: ${e && e.cause}`)));
  });
}

async function startAgent(user) {
  const ua = new JsSIP.UA({
    uri: `sip:${user}@${DOMAIN}`,
    display_name: user,
    sockets: [new JsSIP.WebSocketInterface(URL)],
    register: true,
    register_expires: 300,
  });
  ua.received = [];
  ua.on("newMessage", (e) => {
    if (e.originator !== "remote") return;
    const req = e.request;
    ua.received.push([req.getHeader("Content-Type"), req.body]);
    log(`${user} received MESSAGE from ${req.from.uri} (${req.getHeader("Content-Type")}, ${req.body.length} bytes)`);
  });
  const registered = once(ua, "registered", ["registrationFailed"]);
  ua.start();
  await registered;
  log(`${user} registered`);
  return ua;
}

// Sends one out-of-dialog request; resolves with the final response's status.
function send(what, fn) {
  return new Promise((resolve, reject) => {
    fn({
      succeeded: (e) => resolve(e.response.status_code),
      failed: (e) => reject(new Error(`${what} failed: ${e.cause} ${e.response ? e.response.status_code : ""}`)),
    });
  });
}

async function message(from, to, body, contentType) {
  const status = await send(`MESSAGE ${from.configuration.uri} -> ${to}`, (eventHandlers) =>
    from.sendMessage(`sip:${to}@${DOMAIN}`, body, { contentType, eventHandlers }),
  );
  log(`MESSAGE to ${to} (${contentType}): ${status}`);
  if (status !== 200) fail(`MESSAGE to ${to} answered ${status}`);
}

async function stopAgent(ua, user) {
  const unregistered = once(ua, "unregistered");
  const disconnected = once(ua, "disconnected");
  ua.stop();
  await unregistered;
  log(`${user} unregistered`);
  await disconnected;
  log(`${user} disconnected`);
}

const watchdog = setTimeout(() => fail("timed out"), 30000);

const bob = await startAgent("bob");
const alice = await startAgent("alice");

const optionsStatus = await send("OPTIONS", (eventHandlers) =>
  // A URI object: JsSIP reads a string without "@" as a user name.
  alice.sendOptions(new JsSIP.URI("sip", null, DOMAIN), null, { eventHandlers }),
);
log(`alice OPTIONS sip:${DOMAIN}: ${optionsStatus}`);
if (optionsStatus !== 200) fail(`OPTIONS answered ${optionsStatus}`);

const toBob = [
  [PIDF, "application/pidf+xml"],
  [XMPP_PRESENCE, "application/xml"],
  [XMPP_OPEN, "application/xml"],
];
for (const [body, type] of toBob) await message(alice, "bob", body, type);
await message(bob, "alice", XMPP_EVENT, "application/xml");

const same = (got, want) => got.length === want.length && got.every((g, i) => g[0] === want[i][1] && g[1] === want[i][0]);
if (!same(bob.received, toBob)) fail(`bob received ${JSON.stringify(bob.received)}`);
if (!same(alice.received, [[XMPP_EVENT, "application/xml"]])) fail(`alice received ${JSON.stringify(alice.received)}`);
log("every MESSAGE body arrived unchanged");

await stopAgent(alice, "alice");
await stopAgent(bob, "bob");
clearTimeout(watchdog);
log("OK");
