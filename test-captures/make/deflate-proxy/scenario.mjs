// The permessage-deflate capture scenarios: a Strophe.js desktop (helpers of
// ../prosody-strophe/lib.mjs) whose "ws" WebSocket offers permessage-deflate
// with threshold 0, talking through proxy.mjs (which accepts it) to prosody.
// Usage: PROXY_URL=ws://127.0.0.1:7272/ws/ C2S_PORT=5272 node scenario.mjs <scenario>
// Exits non-zero if the servers did not behave as the scenario expects.

import {
  DOMAIN, PASSWORDS, STEP_MS, Desktop, Strophe, startPublisher, log, fail, sleep, expectResult,
  recordingPublisher, runScenario,
} from '../prosody-strophe/lib.mjs';
import { userUpdate, teamUsersUpdate, dialogAlertingPost } from '../prosody-strophe/updates.mjs';
import * as F from '../prosody-strophe/feeds-updates.mjs';

const PROXY_URL = process.env.PROXY_URL || 'ws://127.0.0.1:7272/ws/';
const S = Strophe.Status;
const step = () => sleep(STEP_MS);

const USER_1001 = '/finesse/api/User/1001';
const DIALOGS_1001 = '/finesse/api/User/1001/Dialogs';
const TEAM_1 = '/finesse/api/Team/1/Users';
const BREAK = { id: 12, label: 'Break' };

// Strophe creates its socket as new WebSocket(url, 'xmpp'); ws offers
// permessage-deflate by default but compresses only messages of 1024 bytes
// or more. Threshold 0: every client message is compressed too.
const RecordingWebSocket = globalThis.WebSocket;
globalThis.WebSocket = class DeflateWebSocket extends RecordingWebSocket {
  constructor(url, protocols) {
    super(url, protocols, { perMessageDeflate: { threshold: 0 } });
  }
};


async function login(desk) {
  const r = await desk.connect(`1001@${DOMAIN}/desktop`, PASSWORDS[1001]);
  if (r.status !== S.CONNECTED) fail(`${desk.name}: expected CONNECTED, got ${r.status} ${r.condition ?? ''}`);
  const ext = desk.conn._proto.socket.extensions;
  if (!ext.includes('permessage-deflate')) fail(`permessage-deflate not negotiated (extensions: "${ext}")`);
  log(`${desk.name} bound as ${desk.jid}, WebSocket extensions "${ext}"`);
}

// Every event must carry exactly the published <Update> text, in order.
function checkEvents(desk, sent) {
  if (desk.events.length !== sent.length) fail(`expected ${sent.length} events, got ${desk.events.length}`);
  sent.forEach(({ node, text }, i) => {
    const ev = desk.events[i];
    const gotNode = ev.getElementsByTagName('items')[0]?.getAttribute('node');
    const gotText = ev.getElementsByTagName('notification')[0]?.textContent;
    if (gotNode !== node) fail(`event ${i + 1}: node ${gotNode}, expected ${node}`);
    if (gotText !== text) fail(`event ${i + 1}: the <Update> text differs from the one published`);
  });
  log(`all ${sent.length} events arrived in order with the published text`);
}

const scenarios = {
  // The finesse-desktop-ws lifecycle, every message compressed, none
  // fragmented (deflate-server-nct: the same with the proxy's
  // server_no_context_takeover).
  async 'deflate-desktop-ws'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);
    await pub.create(TEAM_1);
    await pub.create(DIALOGS_1001);
    await pub.subscribeOther(DIALOGS_1001, `1001@${DOMAIN}`);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN', url: PROXY_URL });
    await login(desk);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
    await step();
    await expectResult(`subscribe ${TEAM_1}`, desk.subscribe(TEAM_1));
    await step();

    const { sent, publish } = recordingPublisher(pub);
    const now = () => new Date().toISOString();
    await publish(USER_1001, userUpdate(1001, 'NOT_READY', now(), BREAK));
    const readyAt = now();
    await publish(USER_1001, userUpdate(1001, 'READY', readyAt));
    await publish(TEAM_1, teamUsersUpdate([
      { id: 1001, state: 'READY', stateChangeTime: readyAt },
      { id: 1002, state: 'NOT_READY', stateChangeTime: readyAt, reason: BREAK },
    ]));
    await publish(DIALOGS_1001, dialogAlertingPost(1001, '16804377', '5551234', now()));
    await desk.waitEvents(sent.length);
    checkEvents(desk, sent);
    await step();

    await expectResult('ping', desk.ping(DOMAIN));
    await step();
    await expectResult(`unsubscribe ${USER_1001}`, desk.unsubscribe(USER_1001));
    await step();
    await desk.disconnect();
    await pub.stop();
  },

  // A Team update over 64 KiB that the proxy sends compressed AND fragmented,
  // between two ordinary compressed User updates (the proxy's options make
  // the difference between deflate-fragmented and deflate-fragmented-nct).
  async 'deflate-fragmented'() {
    const pub = await startPublisher();
    await pub.create(USER_1001);
    await pub.create(TEAM_1);

    const desk = new Desktop('desktop', { mechanism: 'PLAIN', url: PROXY_URL });
    await login(desk);
    desk.watchEvents();
    await step();
    desk.sendInitialPresence();
    await step();
    await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
    await step();
    await expectResult(`subscribe ${TEAM_1}`, desk.subscribe(TEAM_1));
    await step();

    const { sent, publish } = recordingPublisher(pub);
    const now = () => new Date().toISOString();
    const notReadyAt = now();
    await publish(USER_1001, userUpdate(1001, 'NOT_READY', notReadyAt, BREAK));
    const team = F.teamUsersUpdate(F.teamMembers('NOT_READY', notReadyAt, Date.now()));
    await publish(TEAM_1, team);
    await publish(USER_1001, userUpdate(1001, 'READY', now()));
    await desk.waitEvents(sent.length);
    checkEvents(desk, sent);
    log(`team update ${Buffer.byteLength(team)} bytes unescaped`);
    await step();

    await expectResult('ping', desk.ping(DOMAIN));
    await step();
    await expectResult(`unsubscribe ${TEAM_1}`, desk.unsubscribe(TEAM_1));
    await step();
    await desk.disconnect();
    await pub.stop();
  },
};

scenarios['deflate-fragmented-nct'] = scenarios['deflate-fragmented'];
scenarios['deflate-server-nct'] = scenarios['deflate-desktop-ws'];

await runScenario(scenarios);
