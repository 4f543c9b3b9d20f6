// Runs one BOSH capture scenario against the prosody started by
// make-captures.sh. Usage: node scenario-bosh.mjs <scenario>
// Exits non-zero if the server did not behave as the scenario expects.

import {
  DOMAIN, PASSWORDS, STEP_MS, Desktop, Strophe, startPublisher, log, fail, sleep,
  expectResult, runScenario,
} from '../prosody-strophe/lib.mjs';
import { userUpdate, teamUsersUpdate, dialogAlertingPost } from '../prosody-strophe/updates.mjs';
import { BoshDesktop, BOSH_TLS_URL, BOSH_WAIT, closeAgents } from './bosh-lib.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const STROPHE_VERSION = require('../prosody-strophe/node_modules/strophe.js/package.json').version;

const S = Strophe.Status;
const step = () => sleep(STEP_MS);

const USER_1001 = '/finesse/api/User/1001';
const DIALOGS_1001 = '/finesse/api/User/1001/Dialogs';
const TEAM_1 = '/finesse/api/Team/1/Users';
const BREAK = { id: 12, label: 'Break' };

// Fixed times in the Updates, so that the same session reads the same over
// WebSocket and over BOSH (ws-and-bosh).
const T_NOT_READY = '2026-11-23T10:00:00.000Z';
const T_READY = '2026-11-23T10:00:05.000Z';
const T_CALL = '2026-11-23T10:00:10.000Z';

function expectStatus(name, r, status) {
  if (r.status !== status) fail(`${name}: expected ${status}, got ${r.status} ${r.condition ?? ''}`);
}


async function login(desk, user) {
  const r = await desk.connect(`${user}@${DOMAIN}/desktop`, PASSWORDS[user]);
  expectStatus(desk.name, r, S.CONNECTED);
  log(`${desk.name} bound as ${desk.jid}${desk.sid ? ` (BOSH sid ${desk.sid})` : ''}`);
}

async function createFeeds(pub) {
  await pub.create(USER_1001);
  await pub.create(TEAM_1);
  await pub.create(DIALOGS_1001);
  // Automatic feed: the server subscribes the agent's bare JID.
  await pub.subscribeOther(DIALOGS_1001, `1001@${DOMAIN}`);
}

// The Finesse desktop lifecycle of agent 1001 (SASL PLAIN), as in
// ../prosody-strophe finesse-desktop-ws, on any transport. `idle`: seconds
// to stay idle after the events (longer than BOSH wait: shows the empty
// long-poll response).
async function lifecycle(pub, desk, { idle = 0 } = {}) {
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

  await pub.publish(USER_1001, userUpdate(1001, 'NOT_READY', T_NOT_READY, BREAK));
  await sleep(300);
  await pub.publish(USER_1001, userUpdate(1001, 'READY', T_READY));
  await sleep(300);
  await pub.publish(TEAM_1, teamUsersUpdate([
    { id: 1001, state: 'READY', stateChangeTime: T_READY },
    { id: 1002, state: 'NOT_READY', stateChangeTime: T_READY, reason: BREAK },
  ]));
  await sleep(300);
  await pub.publish(DIALOGS_1001, dialogAlertingPost(1001, '16804377', '5551234', T_CALL));
  await desk.waitEvents(4);
  await step();
  if (idle) {
    log(`idle for ${idle} s`);
    await sleep(idle * 1000);
  }

  await expectResult('ping', desk.ping(DOMAIN));
  await step();
  await expectResult(`unsubscribe ${USER_1001}`, desk.unsubscribe(USER_1001));
  await step();
  await expectResult(`unsubscribe ${TEAM_1}`, desk.unsubscribe(TEAM_1));
  await step();
  await desk.disconnect();
}

// Waits for Strophe to give up on a session the server terminated.
async function expectTerminated(desk, from, what) {
  const r = await desk.waitStatus([S.CONNFAIL, S.ERROR, S.DISCONNECTED], 15000, from);
  log(`${desk.name}: ${what}: status ${r.status} ${r.condition ?? ''}`);
  await desk.waitStatus([S.DISCONNECTED], 15000, from);
  return r;
}

const scenarios = {
  // 1. The desktop lifecycle over BOSH on plain HTTP, with an idle period
  //    longer than wait (an empty long-poll response).
  async 'finesse-desktop-bosh'() {
    const pub = await startPublisher();
    await createFeeds(pub);
    await lifecycle(pub, new BoshDesktop('desktop', { mechanism: 'PLAIN' }), { idle: BOSH_WAIT + 2 });
    await pub.stop();
  },

  // 2. The same over HTTPS (TLS key log written beside the capture).
  async 'finesse-desktop-bosh-tls'() {
    const pub = await startPublisher();
    await createFeeds(pub);
    await lifecycle(pub, new BoshDesktop('desktop', { mechanism: 'PLAIN', url: BOSH_TLS_URL }));
    await pub.stop();
  },

  // 3. The same session first over WebSocket, then over BOSH, in one capture.
  async 'ws-and-bosh'() {
    const pub = await startPublisher();
    await createFeeds(pub);
    await lifecycle(pub, new Desktop('ws-desktop', { mechanism: 'PLAIN' }));
    await sleep(500);
    await lifecycle(pub, new BoshDesktop('bosh-desktop', { mechanism: 'PLAIN' }));
    await pub.stop();
  },

  // 4. Strophe attach() with a sid prosody does not know: prosody answers
  //    <body type="terminate" condition="item-not-found"/>.
  async 'bosh-bad-sid'() {
    const desk = new BoshDesktop('desktop', { mechanism: 'PLAIN' });
    const start = desk.attach(`1001@${DOMAIN}/desktop`, 'c0ffee00-dead-beef-0000-000000000000', 1000001);
    await expectTerminated(desk, start, 'attach with an unknown sid');
  },

  // 5. A session request for a domain prosody does not serve:
  //    <body type="terminate" condition="improper-addressing"/>.
  async 'bosh-improper-addressing'() {
    const desk = new BoshDesktop('desktop', { mechanism: 'PLAIN' });
    const r = await desk.connect('1001@unknown.example.test/desktop', PASSWORDS[1001]);
    log(`connect to unknown.example.test: status ${r.status} ${r.condition ?? ''}`);
    if (r.status === S.CONNECTED) fail('connected to an unknown domain');
    await desk.waitStatus([S.DISCONNECTED], 15000);
  },

  // 6. Login, presence, then Strophe skips two rids (two requests "lost"):
  //    prosody answers the next request with terminate item-not-found.
  async 'bosh-rid-gap'() {
    const desk = new BoshDesktop('desktop', { mechanism: 'PLAIN' });
    await login(desk, 1001);
    await step();
    desk.sendInitialPresence();
    await step();
    const start = desk.statuses.length;
    desk.skipRids(2);
    desk.ping(DOMAIN).catch(() => {});
    await expectTerminated(desk, start, 'after the rid gap');
  },

  // 7. A second BOSH session binds 1001/desktop: prosody ends the first with
  //    <body type="terminate" condition="remote-stream-error"><stream:error><conflict/>.
  async 'bosh-conflict'() {
    const first = new BoshDesktop('first', { mechanism: 'PLAIN' });
    const second = new BoshDesktop('second', { mechanism: 'PLAIN' });
    await login(first, 1001);
    await step();
    first.sendInitialPresence();
    await step();
    const from = first.statuses.length;
    await login(second, 1001);
    const r = await expectTerminated(first, from, 'first session');
    if (r.condition !== 'conflict' && r.condition !== 'remote-stream-error') fail(`first session: ${r.condition}`);
    await step();
    await second.disconnect();
  },
};

await runScenario(scenarios, { script: 'scenario-bosh.mjs', detail: `strophe.js ${STROPHE_VERSION}, `, after: closeAgents });
