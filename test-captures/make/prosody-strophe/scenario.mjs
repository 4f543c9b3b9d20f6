// Runs one capture scenario against the prosody started by make-captures.sh.
// Usage: node scenario.mjs <scenario>
// Exits non-zero if the server did not behave as the scenario expects.

import {
  DOMAIN, PASSWORDS, WRONG_PASSWORD, STEP_MS,
  Desktop, Strophe, startPublisher, iqErrorCondition, log, fail, sleep,
} from './lib.mjs';
import { userUpdate, teamUsersUpdate, dialogAlertingPost } from './updates.mjs';
import { createRequire } from 'node:module';

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

function expectConnected(name, r) {
  if (r.status !== S.CONNECTED) fail(`${name}: expected CONNECTED, got ${r.status} ${r.condition ?? ''}`);
}

async function expectResult(what, p) {
  const r = await p;
  if (r.type !== 'result') fail(`${what}: expected result, got ${r.type} ${iqErrorCondition(r.stanza)}`);
  log(`${what}: result`);
  return r;
}

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
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`usage: node scenario.mjs <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
log(`scenario ${name} (strophe.js ${STROPHE_VERSION}, node ${process.version})`);
try {
  await scenarios[name]();
  log(`scenario ${name}: OK`);
  // Let the last packets leave before the caller stops dumpcap.
  await sleep(300);
  process.exit(0);
} catch (e) {
  log(`scenario ${name}: ERROR ${e.stack}`);
  process.exit(1);
}
