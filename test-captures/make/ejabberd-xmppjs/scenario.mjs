// Drives one capture scenario against the ejabberd started by make-captures.sh.
//
//   node --experimental-websocket scenario.mjs ws|item-not-found|auth-failure
//
// The agent "1001" is a real @xmpp/client over RFC 7395 WebSocket
// (ws://127.0.0.1:7081/ws, captured).  The publisher "finesse" is a real
// @xmpp/client over plain TCP c2s (127.0.0.1:5322, not captured).
// Every element both clients send and receive is appended to $XMPPWS_TRACE
// (if set);
// passwords are never printed (SCRAM-SHA-1 never puts them on the wire).

import { client, xml } from "@xmpp/client";
import { createHash } from "node:crypto";
import { appendFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const DOMAIN = "finesse.example.test";
const PUBSUB = "pubsub.finesse.example.test";
const WS_SERVICE = "ws://127.0.0.1:7081/ws";
const TCP_SERVICE = "xmpp://127.0.0.1:5322";
const RESOURCE = "desktop";

const AGENT = "1001";
const AGENT_PASSWORD = "Xjs-Pa55w0rd!1001";
const WRONG_PASSWORD = "Wrong-Pa55w0rd!";
const PUBLISHER = "finesse";
const PUBLISHER_PASSWORD = process.env.XMPPWS_PUBLISHER_PASSWORD;

const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const NS_PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
const NS_CAPS = "http://jabber.org/protocol/caps";
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_PING = "urn:xmpp:ping";

const USER_NODE = `/finesse/api/User/${AGENT}`;
const MISSING_NODE = "/finesse/api/Team/999/Users";

// XEP-0115 entity capabilities of the agent client.
const CAPS_NODE = "https://github.com/xmppjs/xmpp.js";
const IDENTITY = { category: "client", type: "web", name: "xmppws capture agent" };
const FEATURES = [NS_CAPS, NS_DISCO_INFO, NS_PING].sort();
const CAPS_VER = createHash("sha1")
  .update(
    `${IDENTITY.category}/${IDENTITY.type}//${IDENTITY.name}<` +
      FEATURES.map((f) => `${f}<`).join(""),
  )
  .digest("base64");

// Finesse-style item ids: one UUID followed by a decimal counter.
const ITEM_UUID = "7c3e9a41-2b6d-4f08-9e15-a4d0c8b27f63";

const TRACE = process.env.XMPPWS_TRACE;
function trace(who, dir, text) {
  if (TRACE) appendFileSync(TRACE, `${new Date().toISOString()} ${who} ${dir} ${text}\n`);
}
function log(msg) {
  process.stdout.write(`[scenario] ${msg}\n`);
}

function makeEntity(who, options) {
  const entity = client({ domain: DOMAIN, resource: RESOURCE, ...options });
  entity.reconnect.stop(); // one connection per scenario, never reconnect
  entity.on("element", (el) => trace(who, "<<", el.toString()));
  entity.on("send", (el) => trace(who, ">>", el.toString()));
  entity.on("error", (err) => log(`${who} error: ${err.condition || err.message}`));
  return entity;
}

function makeAgent(password) {
  const agent = makeEntity(AGENT, { service: WS_SERVICE, username: AGENT, password });
  // Answer the server's XEP-0115 disco#info query (mod_caps asks once per ver).
  agent.iqCallee.get(NS_DISCO_INFO, "query", (ctx) => {
    const node = ctx.element.attrs.node;
    return xml(
      "query",
      { xmlns: NS_DISCO_INFO, ...(node && { node }) },
      xml("identity", IDENTITY),
      ...FEATURES.map((v) => xml("feature", { var: v })),
    );
  });
  return agent;
}

function capsPresence() {
  return xml(
    "presence",
    {},
    xml("c", { xmlns: NS_CAPS, hash: "sha-1", node: CAPS_NODE, ver: CAPS_VER }),
  );
}

function waitForStanza(entity, predicate, what, timeout = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      entity.removeListener("stanza", onStanza);
      reject(new Error(`timeout waiting for ${what}`));
    }, timeout);
    function onStanza(stanza) {
      if (!predicate(stanza)) return;
      clearTimeout(timer);
      entity.removeListener("stanza", onStanza);
      resolve(stanza);
    }
    entity.on("stanza", onStanza);
  });
}

function assert(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
}

// Record what the agent negotiated, checked after the scenario.
const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
const NS_SM = "urn:xmpp:sm:3";
function watchNegotiation(agent) {
  const seen = { mechanism: null, smEnabled: false, r: 0, a: 0, rIn: 0, aIn: 0 };
  agent.on("send", (el) => {
    if (el.is("auth", NS_SASL)) seen.mechanism = el.attrs.mechanism;
    if (el.is("r", NS_SM)) seen.r++;
    if (el.is("a", NS_SM)) seen.a++;
  });
  agent.on("element", (el) => {
    if (el.is("enabled", NS_SM)) seen.smEnabled = true;
    if (el.is("r", NS_SM)) seen.rIn++;
    if (el.is("a", NS_SM)) seen.aIn++;
  });
  return seen;
}

// Finesse <Update> for a User PUT (shape per finesse-notes.md §2.2-2.4; values invented).
function userUpdate(state, stateChangeTime) {
  return [
    "<Update>",
    "  <data>",
    "    <user>",
    `      <dialogs>/finesse/api/User/${AGENT}/Dialogs</dialogs>`,
    "      <extension>3001</extension>",
    "      <firstName>Alex</firstName>",
    "      <lastName>Example</lastName>",
    `      <loginId>${AGENT}</loginId>`,
    "      <loginName>alex.example</loginName>",
    "      <mediaType>1</mediaType>",
    "      <pendingState></pendingState>",
    "      <reasonCodeId>-1</reasonCodeId>",
    "      <roles>",
    "        <role>Agent</role>",
    "      </roles>",
    "      <settings>",
    "        <wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming>",
    "        <wrapUpOnOutgoing>OPTIONAL</wrapUpOnOutgoing>",
    "      </settings>",
    `      <state>${state}</state>`,
    `      <stateChangeTime>${stateChangeTime}</stateChangeTime>`,
    "      <teamId>42</teamId>",
    "      <teamName>Example Team</teamName>",
    "      <teams>",
    "        <Team>",
    "          <id>42</id>",
    "          <name>Example Team</name>",
    "          <uri>/finesse/api/Team/42</uri>",
    "        </Team>",
    "      </teams>",
    `      <uri>/finesse/api/User/${AGENT}</uri>`,
    "      <wrapUpTimer>7200</wrapUpTimer>",
    "    </user>",
    "  </data>",
    "  <event>PUT</event>",
    "  <requestId></requestId>",
    `  <source>/finesse/api/User/${AGENT}</source>`,
    "</Update>",
  ].join("\n");
}

async function startPublisher() {
  assert(PUBLISHER_PASSWORD, "XMPPWS_PUBLISHER_PASSWORD is set");
  const pub = makeEntity(PUBLISHER, {
    service: TCP_SERVICE,
    username: PUBLISHER,
    password: PUBLISHER_PASSWORD,
    resource: "notification-service",
  });
  await pub.start();
  log(`publisher online as ${pub.jid} over TCP c2s (not captured)`);
  return pub;
}

async function createNode(pub, node) {
  // Start from a fresh node even if ejabberd's spool was reused.
  try {
    await pub.iqCaller.request(
      xml("iq", { type: "set", to: PUBSUB }, xml("pubsub", { xmlns: `${NS_PUBSUB}#owner` }, xml("delete", { node }))),
    );
    log(`publisher deleted the existing node ${node}`);
  } catch (err) {
    if (err.condition !== "item-not-found") throw err;
  }
  await pub.iqCaller.request(
    xml("iq", { type: "set", to: PUBSUB }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("create", { node }))),
  );
  log(`publisher created node ${node}`);
}

async function publish(pub, node, id, text) {
  await pub.iqCaller.request(
    xml(
      "iq",
      { type: "set", to: PUBSUB },
      xml(
        "pubsub",
        { xmlns: NS_PUBSUB },
        xml("publish", { node }, xml("item", { id }, xml("notification", { xmlns: NS_PUBSUB }, text))),
      ),
    ),
  );
}

function subscribeIq(node, jid) {
  return xml("iq", { type: "set", to: PUBSUB }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("subscribe", { node, jid })));
}

function unsubscribeIq(node, jid) {
  return xml("iq", { type: "set", to: PUBSUB }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("unsubscribe", { node, jid })));
}

async function agentOnline(agent) {
  const seen = watchNegotiation(agent);
  await agent.start();
  const full = agent.jid.toString();
  assert(full === `${AGENT}@${DOMAIN}/${RESOURCE}`, `bound JID ${full}`);
  assert(seen.mechanism === "SCRAM-SHA-1", `SASL mechanism is SCRAM-SHA-1 (got ${seen.mechanism})`);
  // @xmpp/client goes "online" after bind and sends <enable/> right after;
  // wait for <enabled/> so that the stream is fully negotiated.
  for (let i = 0; i < 50 && !seen.smEnabled; i++) await sleep(100);
  assert(seen.smEnabled, "XEP-0198 <enabled/> received");
  log(`agent online as ${full} over WebSocket (SCRAM-SHA-1, XEP-0198 enabled)`);
  // Initial presence with XEP-0115 caps; ejabberd's mod_caps then asks disco#info.
  const discoAsked = waitForStanza(
    agent,
    (s) => s.is("iq") && s.attrs.type === "get" && s.getChild("query", NS_DISCO_INFO),
    "mod_caps disco#info query",
    5_000,
  ).then(
    () => true,
    () => false,
  );
  await agent.send(capsPresence());
  log(`agent sent presence with caps ver=${CAPS_VER}`);
  log(`mod_caps disco#info query answered: ${await discoAsked}`);
  await sleep(700);
  return { full, seen };
}

async function agentTeardown(agent) {
  await agent.send(xml("presence", { type: "unavailable" }));
  await sleep(700);
  await agent.stop();
  log("agent stopped (presence unavailable, <close/>)");
}

async function scenarioWs() {
  const pub = await startPublisher();
  await createNode(pub, USER_NODE);

  const agent = makeAgent(AGENT_PASSWORD);
  const { full, seen } = await agentOnline(agent);

  const sub = await agent.iqCaller.request(subscribeIq(USER_NODE, full));
  const subscription = sub.getChild("pubsub", NS_PUBSUB)?.getChild("subscription");
  assert(subscription?.attrs.subscription === "subscribed", "subscription is subscribed");
  log(`agent subscribed ${full} to ${USER_NODE} (iq id ${sub.attrs.id})`);
  await sleep(700);

  const updates = [
    { id: `${ITEM_UUID}101`, text: userUpdate("NOT_READY", "2024-05-06T08:15:30.125Z") },
    { id: `${ITEM_UUID}102`, text: userUpdate("READY", "2024-05-06T08:16:02.480Z") },
  ];
  for (const u of updates) {
    const got = waitForStanza(
      agent,
      (s) =>
        s.is("message") &&
        s.getChild("event", NS_PUBSUB_EVENT)?.getChild("items")?.getChild("item")?.attrs.id === u.id,
      `item ${u.id}`,
    );
    await publish(pub, USER_NODE, u.id, u.text);
    const msg = await got;
    const item = msg.getChild("event", NS_PUBSUB_EVENT).getChild("items").getChild("item");
    // ejabberd 23.01 drops the xmlns of a payload whose namespace equals its
    // parent's in the publish request, so <notification> arrives without
    // xmlns (i.e. in the pubsub#event namespace).  Match on the local name,
    // as Finesse clients do, and record what arrived.
    const notification = item.getChild("notification");
    assert(notification?.text() === u.text, `notification text of ${u.id} round-trips unchanged`);
    log(
      `agent received item ${u.id} (message id ${msg.attrs.id ?? "(none)"}, to ${msg.attrs.to}, ` +
        `<notification> xmlns attribute: ${notification.attrs.xmlns ?? "(none)"})`,
    );
    await sleep(700);
  }

  const pong = await agent.iqCaller.request(xml("iq", { type: "get", to: DOMAIN }, xml("ping", { xmlns: NS_PING })));
  assert(pong.attrs.type === "result", "ping result");
  log(`agent XEP-0199 ping to ${DOMAIN} answered (iq id ${pong.attrs.id})`);
  await sleep(700);

  const unsub = await agent.iqCaller.request(unsubscribeIq(USER_NODE, full));
  log(`agent unsubscribed from ${USER_NODE} (iq id ${unsub.attrs.id})`);
  await sleep(700);

  await agentTeardown(agent);
  log(`XEP-0198 on the agent stream: sent <r/> x${seen.r}, <a/> x${seen.a}; received <r/> x${seen.rIn}, <a/> x${seen.aIn}`);
  assert(seen.r > 0 && seen.aIn > 0, "at least one <r/>/<a/> exchange");

  await pub.stop();
  log("publisher stopped");
}

async function scenarioItemNotFound() {
  const agent = makeAgent(AGENT_PASSWORD);
  const { full } = await agentOnline(agent);
  let condition = null;
  try {
    await agent.iqCaller.request(subscribeIq(MISSING_NODE, full));
  } catch (err) {
    condition = err.condition;
  }
  assert(condition === "item-not-found", `subscribe error condition is item-not-found (got ${condition})`);
  log(`agent subscribe to ${MISSING_NODE} failed with item-not-found`);
  await sleep(700);
  await agentTeardown(agent);
}

async function scenarioAuthFailure() {
  const agent = makeAgent(WRONG_PASSWORD);
  let condition = null;
  try {
    await agent.start();
  } catch (err) {
    condition = err.condition;
  }
  assert(condition === "not-authorized", `SASL failure condition is not-authorized (got ${condition})`);
  log("agent SASL authentication failed with not-authorized");
  await sleep(300);
  if (agent.status !== "offline") {
    await agent.stop().catch((err) => log(`stop after failure: ${err.message}`));
  }
  log(`agent status after failure: ${agent.status}`);
}

const scenarios = {
  ws: scenarioWs,
  "item-not-found": scenarioItemNotFound,
  "auth-failure": scenarioAuthFailure,
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`usage: scenario.mjs ${Object.keys(scenarios).join("|")}`);
  process.exit(2);
}
try {
  await scenarios[name]();
  log(`scenario ${name}: OK`);
  process.exit(0);
} catch (err) {
  console.error(`[scenario] ${name} FAILED: ${err.stack || err}`);
  process.exit(1);
}
