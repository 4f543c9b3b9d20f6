// The real sessions behind the xmppws-redact test files, against the
// prosody started by make-captures.sh: the Strophe.js desktop logs in four
// times, one after the other, each time binding, sending its presence,
// subscribing to its User node, receiving one event, pinging and
// disconnecting:
//   1. WebSocket (ws://127.0.0.1:7071/ws/), SASL PLAIN,        agent 1001
//   2. WebSocket,                           SASL SCRAM-SHA-1,  agent 1002
//   3. BOSH (http://127.0.0.1:7071/http-bind/), SASL PLAIN,    agent 1001
//   4. BOSH,                                SASL SCRAM-SHA-1,  agent 1002
// The capture is what dumpcap saw; HAR (env) is the HTTP Archive of the
// same sessions as the client recorded them (har.mjs). The agents'
// passwords come from make-captures.sh, which registered them.
// Usage: HAR=FILE PASSWORD_1001=... PASSWORD_1002=... node scenario.mjs redact-sessions

import {
  DOMAIN, STEP_MS, Desktop, Strophe, startPublisher, log, fail, sleep, expectResult, runScenario,
} from '../prosody-strophe/lib.mjs';
import { userUpdate } from '../prosody-strophe/updates.mjs';
import { BoshDesktop, closeAgents } from '../prosody-strophe-bosh/bosh-lib.mjs';
import { writeHar } from './har.mjs';   // after the two above: it wraps the classes they install

const step = () => sleep(STEP_MS);
const PASSWORDS = { 1001: process.env.PASSWORD_1001, 1002: process.env.PASSWORD_1002 };
const node = (user) => `/finesse/api/User/${user}`;

async function session(pub, desk, user, state) {
  const r = await desk.connect(`${user}@${DOMAIN}/desktop`, PASSWORDS[user]);
  if (r.status !== Strophe.Status.CONNECTED) fail(`${desk.name}: not connected (${r.status} ${r.condition ?? ''})`);
  log(`${desk.name} bound as ${desk.jid}`);
  desk.watchEvents();
  await step();
  desk.sendInitialPresence();
  await step();
  await expectResult(`${desk.name} subscribe`, desk.subscribe(node(user)));
  await step();
  await pub.publish(node(user), userUpdate(user, state, '2026-12-01T10:00:00.000Z'));
  await desk.waitEvents(1);
  await step();
  await expectResult(`${desk.name} ping`, desk.ping());
  await step();
  await expectResult(`${desk.name} unsubscribe`, desk.unsubscribe(node(user)));
  await step();
  await desk.disconnect();
  await step();
}

await runScenario({
  async 'redact-sessions'() {
    const pub = await startPublisher();
    await pub.create(node(1001));
    await pub.create(node(1002));
    await session(pub, new Desktop('ws-plain', { mechanism: 'PLAIN' }), 1001, 'NOT_READY');
    await session(pub, new Desktop('ws-scram'), 1002, 'READY');
    await session(pub, new BoshDesktop('bosh-plain', { mechanism: 'PLAIN' }), 1001, 'READY');
    await session(pub, new BoshDesktop('bosh-scram'), 1002, 'NOT_READY');
    await pub.stop();
    writeHar(process.env.HAR);
  },
}, { after: closeAgents });
