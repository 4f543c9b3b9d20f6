// The MQTT-over-WebSocket session of test-captures/mqtt-ws.pcapng, against the
// mosquitto started by make-captures.sh:
//
//   node scenario.mjs ws://127.0.0.1:9001
//
// Two real mqtt.js clients (MQTT 3.1.1, WebSocket subprotocol "mqtt", the
// `ws` package under node): a subscriber on "xmppws/#" and a publisher. The
// publisher sends a plain XML document and XMPP-looking stanzas as PUBLISH
// payloads (QoS 1, one after the other); mosquitto forwards each one to the
// subscriber, so the XML travels in both directions. The scenario fails
// unless the subscriber receives every payload byte for byte, in order.
// Every step is printed on stdout ("[scenario] ...").

import mqtt from "mqtt";

const URL = process.argv[2] || "ws://127.0.0.1:9001";
const FILTER = "xmppws/#";

// topic, payload: published in this order.
const MESSAGES = [
  [
    "xmppws/sensor",
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<reading sensor="lab-1"><temperature unit="C">21.5</temperature>' +
      '<humidity unit="%">40</humidity></reading>',
  ],
  ["xmppws/presence", "<presence xmlns='jabber:client' type='unavailable'/>"],
  [
    "xmppws/event",
    "<message xmlns='jabber:client' from='pubsub.finesse.example.test' to='1001@finesse.example.test/desktop' " +
      "id='mqtt-event-1'><event xmlns='http://jabber.org/protocol/pubsub#event'>" +
      "<items node='/finesse/api/User/1001'><item id='7c3e9a41-2b6d-4f08-9e15-a4d0c8b27f63101'>" +
      "<notification xmlns='http://jabber.org/protocol/pubsub'>" +
      "&lt;Update&gt;&lt;data&gt;&lt;user&gt;&lt;loginId&gt;1001&lt;/loginId&gt;" +
      "&lt;state&gt;NOT_READY&lt;/state&gt;&lt;/user&gt;&lt;/data&gt;&lt;event&gt;PUT&lt;/event&gt;" +
      "&lt;requestId&gt;&lt;/requestId&gt;&lt;source&gt;/finesse/api/User/1001&lt;/source&gt;&lt;/Update&gt;" +
      "</notification></item></items></event></message>",
  ],
  [
    "xmppws/open",
    "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='finesse.example.test' version='1.0'/>",
  ],
  ["xmppws/close", "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"],
];

function log(msg) {
  process.stdout.write(`[scenario] ${msg}\n`);
}

function connect(clientId) {
  // protocolVersion 4 = MQTT 3.1.1: mqtt.js then asks for subprotocol "mqtt".
  return mqtt.connectAsync(URL, { clientId, protocolVersion: 4, clean: true, reconnectPeriod: 0, keepalive: 60 });
}

const subscriber = await connect("xmppws-subscriber");
log(`subscriber connected to ${URL}`);
const received = [];
let allReceived;
const done = new Promise((resolve) => (allReceived = resolve));
subscriber.on("message", (topic, payload) => {
  received.push([topic, payload.toString("utf8")]);
  log(`subscriber received ${topic} (${payload.length} bytes)`);
  if (received.length === MESSAGES.length) allReceived();
});
const granted = await subscriber.subscribeAsync(FILTER, { qos: 1 });
log(`subscriber subscribed: ${JSON.stringify(granted.map((g) => [g.topic, g.qos]))}`);

const publisher = await connect("xmppws-publisher");
log("publisher connected");
for (const [topic, payload] of MESSAGES) {
  await publisher.publishAsync(topic, payload, { qos: 1 });
  log(`publisher published ${topic} (${Buffer.byteLength(payload)} bytes), PUBACK received`);
}

const timeout = setTimeout(() => {
  log(`ERROR: subscriber got ${received.length} of ${MESSAGES.length} messages`);
  process.exit(1);
}, 10000);
await done;
clearTimeout(timeout);
for (let i = 0; i < MESSAGES.length; i++) {
  if (received[i][0] !== MESSAGES[i][0] || received[i][1] !== MESSAGES[i][1]) {
    log(`ERROR: message ${i + 1} differs: ${JSON.stringify(received[i])}`);
    process.exit(1);
  }
}
log("subscriber received every payload unchanged");

await publisher.endAsync();
log("publisher disconnected");
await subscriber.endAsync();
log("subscriber disconnected");
log("OK");
