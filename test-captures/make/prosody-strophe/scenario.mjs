// Runs one capture scenario against the prosody started by make-captures.sh.
// Usage: node scenario.mjs <scenario>
// Exits non-zero if the server did not behave as the scenario expects.

import {
  DOMAIN, PASSWORDS, WRONG_PASSWORD, STEP_MS,
  Desktop, Strophe, startPublisher, iqErrorCondition, log, fail, sleep, expectConnected, expectResult,
  runScenario,
} from './lib.mjs';
import { userUpdate, teamUsersUpdate, dialogAlertingPost } from './updates.mjs';
import * as F from './feeds-updates.mjs';
import { createRequire } from 'node:module';
import http from 'node:http';

const require = createRequire(import.meta.url);
const STROPHE_VERSION = require('strophe.js/package.json').version;

const S = Strophe.Status;
const step = () => sleep(STEP_MS);

const USER_1001 = '/finesse/api/User/1001';
const DIALOGS_1001 = '/finesse/api/User/1001/Dialogs';
const TEAM_1 = '/finesse/api/Team/1/Users';
const USER_1002 = '/finesse/api/User/1002';
const TEAM_999 = '/finesse/api/Team/999/Users';

const BREAK = { id: 12, label: 'Break' };

// finesse-feeds: the automatic feeds (subscribed server-side for the bare
// JID) and the explicit ones (subscribed by the desktop).
const SYSTEMINFO = '/finesse/api/SystemInfo';
const MEDIA_1001 = '/finesse/api/User/1001/Media';
const QUEUES_1001 = '/finesse/api/User/1001/Queues';
const QUEUE_5000 = '/finesse/api/Queue/5000';
const AUTOMATIC_1001 = [SYSTEMINFO, USER_1001, DIALOGS_1001, MEDIA_1001, QUEUES_1001];
const EXPLICIT_1001 = [TEAM_1, QUEUE_5000];



async function login(desk, user, password = PASSWORDS[user]) {
  const r = await desk.connect(`${user}@${DOMAIN}/desktop`, password);
  expectConnected(desk.name, r);
  log(`${desk.name} bound as ${desk.jid}`);
  return r;
}

const scenarios = {
  // 1. The whole desktop lifecycle of agent 1001, SASL PLAIN.
  async 'finesse-desktop-ws'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);
    await pub.create(TEAM_1);
    await pub.create(DIALOGS_1001);
    // Automatic feed: the server subscribes the agent's bare JID.
    await pub.subscribeOther(DIALOGS_1001, `1001@${DOMAIN}`);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
    await step();
    await expectResult(`subscribe ${TEAM_1}`, desk.subscribe(TEAM_1));
    await step();
    await expectResult('subscriptions', desk.subscriptions());
    await step();

    const now = () => new Date().toISOString();
    await pub.publish(USER_1001, userUpdate(1001, 'NOT_READY', now(), BREAK));
    await sleep(300);
    const readyAt = now();
    await pub.publish(USER_1001, userUpdate(1001, 'READY', readyAt));
    await sleep(300);
    await pub.publish(TEAM_1, teamUsersUpdate([
      { id: 1001, state: 'READY', stateChangeTime: readyAt },
      { id: 1002, state: 'NOT_READY', stateChangeTime: readyAt, reason: BREAK },
    ]));
    await sleep(300);
    await pub.publish(DIALOGS_1001, dialogAlertingPost(1001, '16804377', '5551234', now()));
    await desk.waitEvents(4);
    await step();

    await expectResult('ping', desk.ping(DOMAIN));
    await step();
    await expectResult(`unsubscribe ${USER_1001}`, desk.unsubscribe(USER_1001));
    await step();
    await expectResult(`unsubscribe ${TEAM_1}`, desk.unsubscribe(TEAM_1));
    await step();
    await desk.disconnect();
    await pub.stop();
  },

  // 2. Login of agent 1002 with Strophe's default mechanism choice
  //    (SCRAM-SHA-1), one subscription, one event, close.
  async 'finesse-desktop-scram'() {
    const pub = await startPublisher();
    await pub.create(USER_1002);

    const desk = new Desktop('desktop');
    await login(desk, 1002);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1002}`, desk.subscribe(USER_1002));
    await step();
    await pub.publish(USER_1002, userUpdate(1002, 'NOT_READY', new Date().toISOString(), BREAK));
    await desk.waitEvents(1);
    await step();
    await desk.disconnect();
    await pub.stop();
  },

  // 3. Wrong password with SASL PLAIN: <failure><not-authorized/>, then the
  //    client gives up and closes the stream.
  async 'auth-failure'() {
    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    const r = await desk.connect(`1001@${DOMAIN}/desktop`, WRONG_PASSWORD);
    if (r.status !== S.AUTHFAIL) fail(`expected AUTHFAIL, got ${r.status}`);
    await step();
    await desk.disconnect();
  },

  // 4. Subscribe to a node that does not exist: iq error item-not-found.
  async 'subscribe-item-not-found'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);
    await pub.create(TEAM_1);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    await step();
    desk.sendInitialPresence();
    await step();
    const r = await desk.subscribe(TEAM_999);
    const cond = r.type === 'error' ? iqErrorCondition(r.stanza) : null;
    if (cond !== 'item-not-found') fail(`expected item-not-found, got ${r.type} ${cond}`);
    log(`subscribe ${TEAM_999}: error ${cond}`);
    await step();
    await desk.disconnect();
    await pub.stop();
  },

  // 5. A second session binds 1001/desktop; prosody kicks the first one with
  //    <stream:error><conflict/>.
  async 'resource-conflict'() {
    const first = new Desktop('first', { mechanism: 'PLAIN' });
    const second = new Desktop('second', { mechanism: 'PLAIN' });

    await login(first, 1001);
    await step();
    first.sendInitialPresence();
    await step();
    const firstStatusIndex = first.statuses.length;
    await login(second, 1001);
    const kicked = await first.waitStatus([S.CONNFAIL, S.ERROR], 5000, firstStatusIndex);
    if (kicked.condition !== 'conflict') fail(`first session: expected conflict, got ${kicked.status} ${kicked.condition}`);
    await first.waitStatus([S.DISCONNECTED], 5000, firstStatusIndex);
    await step();
    second.sendInitialPresence();
    await step();
    await second.disconnect();
  },

  // 6. Login, presence, subscribe, then the TCP connection is reset (RST)
  //    without <close/>.
  async 'tcp-rst'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
    await step();
    desk.resetTcp();
    await desk.waitStatus([S.DISCONNECTED], 5000);
    await sleep(500);
    await pub.stop();
  },

  // 7. Every Finesse feed: agent 1001 (SASL PLAIN) subscribes to the Team
  //    and Queue feeds and receives 20 Updates, ~200 ms apart, covering
  //    SystemInfo, User (states, apiErrors), Dialogs/Dialog, Team (> 64 KiB),
  //    Queue, User/Queues, Media and an element no spec describes; then a
  //    ping, unavailable presence and <close/>. No unsubscribes.
  async 'finesse-feeds'() {
    const bare = `1001@${DOMAIN}`;
    const pub = await startPublisher();
    for (const node of [...AUTOMATIC_1001, ...EXPLICIT_1001]) await pub.create(node);
    for (const node of AUTOMATIC_1001) await pub.subscribeOther(node, bare);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    for (const node of EXPLICIT_1001) {
      await expectResult(`subscribe ${node}`, desk.subscribe(node));
      await step();
    }

    const sent = [];
    const publish = async (node, text) => {
      sent.push({ node, text });
      await pub.publish(node, text);
      await step();
    };
    const now = () => new Date().toISOString();
    const noMs = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

    // 1-2 SystemInfo
    await publish(SYSTEMINFO, F.systemInfoUpdate('OUT_OF_SERVICE', now()));
    await publish(SYSTEMINFO, F.systemInfoUpdate('IN_SERVICE', now()));
    // 3-4 User NOT_READY (Break), READY
    await publish(USER_1001, F.userUpdate('NOT_READY', now(), F.BREAK));
    await publish(USER_1001, F.userUpdate('READY', now()));
    // 5 Dialogs POST: call 16777217 ALERTING
    const call1 = { start: now() };
    await publish(DIALOGS_1001, F.call1DialogsUpdate('POST', 'ALERTING', call1));
    // 6 User RESERVED, 7 Dialog PUT ACTIVE, 8 User TALKING
    await publish(USER_1001, F.userUpdate('RESERVED', now()));
    call1.answered = now();
    await publish(DIALOGS_1001, F.call1DialogPut('ACTIVE', call1));
    await publish(USER_1001, F.userUpdate('TALKING', now()));
    // 9 Dialog PUT DROPPED, Dialogs DELETE
    call1.dropped = now();
    await publish(DIALOGS_1001, F.call1DialogPut('DROPPED', call1));
    await publish(DIALOGS_1001, F.call1DialogsUpdate('DELETE', 'DROPPED', call1));
    // 10 User WORK, NOT_READY
    await publish(USER_1001, F.userUpdate('WORK', now()));
    const notReadyAt = now();
    await publish(USER_1001, F.userUpdate('NOT_READY', notReadyAt));
    // 11 apiErrors
    await publish(USER_1001, F.userApiErrorUpdate());
    // 12 Dialog PUT: call 16777218 FAILED, agent stateCause BUSY
    await publish(DIALOGS_1001, F.call2FailedPut({ start: new Date(Date.now() - 300).toISOString(), failed: now() }));
    // 13 Team Users (> 64 KiB)
    const team = F.teamUsersUpdate(F.teamMembers('NOT_READY', notReadyAt, Date.now()));
    await publish(TEAM_1, team);
    // 14 Queue PUT, 15 User/Queues POST, 16 Media put
    await publish(QUEUE_5000, F.queueUpdate(noMs(Date.now() - 95_000)));
    await publish(QUEUES_1001, F.userQueuesPost(noMs(Date.now() - 40_000)));
    await publish(MEDIA_1001, F.mediaUpdate(now()));
    // 17 an Update whose <data> holds a <TeamMessage>
    await publish(TEAM_1, F.teamMessageUpdate(Math.floor(Date.now() / 1000)));
    // 18 User LOGOUT (Forced logout)
    await publish(USER_1001, F.userUpdate('LOGOUT', now(), F.FORCED_LOGOUT));

    await desk.waitEvents(sent.length);
    if (desk.events.length !== sent.length) fail(`expected ${sent.length} events, got ${desk.events.length}`);
    sent.forEach(({ node, text }, i) => {
      const ev = desk.events[i];
      const gotNode = ev.getElementsByTagName('items')[0]?.getAttribute('node');
      const gotText = ev.getElementsByTagName('notification')[0]?.textContent;
      const to = ev.getAttribute('to');
      const wantTo = AUTOMATIC_1001.includes(node) ? bare : desk.jid;
      if (gotNode !== node) fail(`event ${i + 1}: node ${gotNode}, expected ${node}`);
      if (gotText !== text) fail(`event ${i + 1}: the <Update> text differs from the one published`);
      if (to !== wantTo) fail(`event ${i + 1}: to=${to}, expected ${wantTo}`);
    });
    log(`all ${sent.length} events arrived in order with the published text; team update ${Buffer.byteLength(team)} bytes unescaped`);

    await expectResult('ping', desk.ping(DOMAIN));
    await step();
    await desk.disconnect();
    await pub.stop();
  },

  // 8. The desktop's REST calls beside its notifications: agent 1001 asks
  //    for READY (the Update carries the request's requestId), then for an
  //    impossible state (an apiErrors Update with its requestId), then for
  //    NOT_READY, which the CTI never confirms (202, no Update at all), and
  //    gets one unsolicited Update (empty requestId). The REST server is a
  //    stand-in for Finesse's /finesse/api on 127.0.0.1:8082.
  async 'finesse-rest'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);
    const rest = await startRestServer(async (state, requestId) => {
      await sleep(150);
      if (state === 'READY') await pub.publish(USER_1001, F.userUpdate('READY', new Date().toISOString(), undefined, requestId));
      else if (state === 'TALKING') await pub.publish(USER_1001, F.userApiErrorUpdate(requestId));
    });

    const desk = new Desktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
    await step();

    for (const [state, requestId] of REST_REQUESTS) {
      const status = await restPutState(state, requestId);
      if (status !== 202) fail(`PUT state ${state}: HTTP ${status}, expected 202`);
      log(`PUT state ${state} requestId ${requestId}: 202`);
      await sleep(500);
    }
    await pub.publish(USER_1001, F.userUpdate('NOT_READY', new Date().toISOString(), F.BREAK));
    await desk.waitEvents(3);
    await step();
    await desk.disconnect();
    await new Promise((resolve) => rest.close(resolve));
    await pub.stop();
  },
};

// ---- the REST stand-in (finesse-rest) -------------------------------------

const REST_PORT = 8082;
const REST_REQUESTS = [
  ['READY', 'c0ffee00-0000-4000-8000-000000000001'],
  ['TALKING', 'c0ffee00-0000-4000-8000-000000000002'],
  ['NOT_READY', 'c0ffee00-0000-4000-8000-000000000003'],
];

// PUT /finesse/api/User/1001 with <User><state>..</state></User>: answers
// 202 Accepted, then calls onState(state, requestId header).
function startRestServer(onState) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const state = /<state>([^<]*)<\/state>/.exec(body)?.[1];
      res.writeHead(202, { 'Content-Length': '0' });
      res.end();
      onState(state, req.headers.requestid).catch((e) => log(`REST handler: ${e.message}`));
    });
  });
  return new Promise((resolve) => server.listen(REST_PORT, '127.0.0.1', () => resolve(server)));
}

// The desktop's state change, as finesse.js sends it: header names keep
// their case on the wire (node:http does not lower them).
function restPutState(state, requestId) {
  const body = `<User><state>${state}</state>${state === 'NOT_READY' ? '<reasonCodeId>12</reasonCodeId>' : ''}</User>`;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: REST_PORT, method: 'PUT', path: USER_1001,
      headers: { 'Content-Type': 'application/xml', 'requestId': requestId, 'Content-Length': Buffer.byteLength(body) },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

await runScenario(scenarios, { detail: `strophe.js ${STROPHE_VERSION}, ` });
