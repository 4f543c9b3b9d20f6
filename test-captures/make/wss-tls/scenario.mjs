// Runs one capture scenario against the prosody started by make-captures.sh.
// Usage: node scenario.mjs <wss-chromium|wss-node|mid-session-ws>
//
//   wss-chromium    the desktop is a real headless Chromium page
//                   (desktop.html + desktop-page.js + Strophe.js's browser
//                   build) on wss://127.0.0.1:8445/ws/, driven through the
//                   DevTools protocol; Chromium writes its TLS key log.
//   wss-node        the same session from Strophe.js under node (lib.mjs's
//                   Desktop) on wss://127.0.0.1:8445/ws/; node is started
//                   with --tls-keylog.
//   mid-session-ws  Strophe.js under node on ws://127.0.0.1:7075/ws/: logs
//                   in, binds and subscribes, then writes $SYNC_DIR/ready
//                   and waits for $SYNC_DIR/capturing (dumpcap started)
//                   before the events, the ping and the close.
//
// Both wss scenarios run the same lifecycle (SASL PLAIN, bind "desktop",
// presence with caps, two subscribes, four events: User NOT_READY, User
// READY, a Team Users update > 64 KiB, Dialogs POST ALERTING; ping; close).
// Exits non-zero if anything does not behave as expected.

import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  DOMAIN, PUBSUB, PASSWORDS, STEP_MS, CAPS, Desktop, Strophe, startPublisher, log, fail, sleep,
  runScenario,
} from '../prosody-strophe/lib.mjs';
import * as F from '../prosody-strophe/feeds-updates.mjs';

const require = createRequire(new URL('../prosody-strophe/package.json', import.meta.url));
const NodeWebSocket = require('ws');

const WSS_URL = 'wss://127.0.0.1:8445/ws/';
const WS_URL = 'ws://127.0.0.1:7075/ws/';
const PAGE_URL = 'https://127.0.0.1:8445/desk/desktop.html';
const CDP_PORT = 9223;

const USER_1001 = '/finesse/api/User/1001';
const DIALOGS_1001 = '/finesse/api/User/1001/Dialogs';
const TEAM_1 = '/finesse/api/Team/1/Users';
const JID = `1001@${DOMAIN}/desktop`;

const step = () => sleep(STEP_MS);

// ---- the two desktops, behind one interface --------------------------------

// Strophe.js under node (lib.mjs).
function nodeDesktop(url) {
  const desk = new Desktop('desktop', { mechanism: 'PLAIN', url });
  return {
    async login() {
      const r = await desk.connect(JID, PASSWORDS[1001]);
      if (r.status !== Strophe.Status.CONNECTED) fail(`login: status ${r.status} ${r.condition ?? ''}`);
      desk.watchEvents();
      return desk.jid;
    },
    presence: () => desk.sendInitialPresence(),
    subscribe: async (node) => (await desk.subscribe(node)).type,
    ping: async () => (await desk.ping(DOMAIN)).type,
    async waitEvents(n) {
      await desk.waitEvents(n);
      return desk.events.map((ev) => [
        ev.getElementsByTagName('items')[0]?.getAttribute('node'),
        ev.getElementsByTagName('notification')[0]?.textContent,
      ]);
    },
    disconnect: () => desk.disconnect(),
    close: async () => {},
  };
}

// A minimal DevTools protocol client over one page target.
async function cdpConnect(wsUrl) {
  const ws = new NodeWebSocket(wsUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  let nextId = 1;
  const pending = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(data);
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
  return {
    send,
    // Evaluates an expression in the page, awaiting a promise; returns its value.
    async evaluate(expression) {
      const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value;
    },
    close: () => ws.close(),
  };
}

async function waitFor(test, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await test();
      if (v) return v;
    } catch { /* not yet */ }
    if (Date.now() > end) fail(`timeout waiting for ${what}`);
    await sleep(100);
  }
}

// Debian's chromium, headless, with its TLS key log; the page's desktop.
async function chromiumDesktop(keylog, profileDir) {
  const args = [
    '--headless=new', '--no-sandbox', '--ignore-certificate-errors',
    `--ssl-key-log-file=${keylog}`, `--user-data-dir=${profileDir}`,
    `--remote-debugging-address=127.0.0.1`, `--remote-debugging-port=${CDP_PORT}`,
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
    'about:blank',
  ];
  const chromium = spawn('chromium', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  chromium.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => chromium.once('exit', resolve));
  log(`chromium started (pid ${chromium.pid})`);

  const target = await waitFor(async () => {
    const list = await (await fetch(`http://127.0.0.1:${CDP_PORT}/json/list`)).json();
    return list.find((t) => t.type === 'page');
  }, 'the DevTools endpoint');
  const cdp = await cdpConnect(target.webSocketDebuggerUrl);
  await cdp.send('Page.navigate', { url: PAGE_URL });
  await waitFor(() => cdp.evaluate("document.readyState === 'complete' && Boolean(window.desk && window.Strophe)"),
    'the desktop page');
  log(`page loaded: ${await cdp.evaluate('navigator.userAgent')}`);

  const call = (expr) => cdp.evaluate(expr);
  const q = JSON.stringify;
  return {
    login: () => call(`desk.login(${q(WSS_URL)}, ${q(JID)}, ${q(PASSWORDS[1001])})`),
    presence: () => call(`desk.sendInitialPresence(${q(CAPS)})`),
    subscribe: (node) => call(`desk.subscribe(${q(PUBSUB)}, ${q(node)})`),
    ping: () => call(`desk.ping(${q(DOMAIN)})`),
    waitEvents: (n) => call(`desk.waitEvents(${n})`),
    disconnect: () => call('desk.disconnect()'),
    wsRecord: () => call('desk.wsRecord()'),
    async close() {
      await cdp.send('Browser.close').catch(() => {});
      cdp.close();
      const timer = setTimeout(() => chromium.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
      log(`chromium exited${stderr.includes('ERROR') ? ` (stderr: ${stderr.trim().split('\n').slice(-3).join(' / ')})` : ''}`);
    },
  };
}

// ---- the lifecycle ------------------------------------------------------------

async function expectResult(what, p) {
  const type = await p;
  if (type !== 'result') fail(`${what}: expected result, got ${type}`);
  log(`${what}: result`);
}

async function createNodes(pub) {
  for (const node of [USER_1001, TEAM_1, DIALOGS_1001]) await pub.create(node);
  // Automatic feed: the server subscribes the agent's bare JID.
  await pub.subscribeOther(DIALOGS_1001, `1001@${DOMAIN}`);
}

async function login(desk) {
  const jid = await desk.login();
  if (jid !== JID) fail(`bound ${jid}, expected ${JID}`);
  log(`bound as ${jid}`);
  await step();
  desk.presence();
  await step();
  await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
  await step();
  await expectResult(`subscribe ${TEAM_1}`, desk.subscribe(TEAM_1));
  await step();
}

// The four Updates, ~300 ms apart; checks that each arrived intact.
async function events(pub, desk) {
  const sent = [];
  const publish = async (node, text) => {
    sent.push([node, text]);
    await pub.publish(node, text);
    await sleep(300);
  };
  const now = () => new Date().toISOString();
  await publish(USER_1001, F.userUpdate('NOT_READY', now(), F.BREAK));
  const readyAt = now();
  await publish(USER_1001, F.userUpdate('READY', readyAt));
  const team = F.teamUsersUpdate(F.teamMembers('READY', readyAt, Date.now()));
  await publish(TEAM_1, team);
  await publish(DIALOGS_1001, F.call1DialogsUpdate('POST', 'ALERTING', { start: now() }));

  const got = await desk.waitEvents(sent.length);
  if (got.length !== sent.length) fail(`expected ${sent.length} events, got ${got.length}`);
  sent.forEach(([node, text], i) => {
    if (got[i][0] !== node) fail(`event ${i + 1}: node ${got[i][0]}, expected ${node}`);
    if (got[i][1] !== text) fail(`event ${i + 1}: the <Update> text differs from the one published`);
  });
  log(`all ${sent.length} events arrived intact; team update ${Buffer.byteLength(team)} bytes unescaped`);
  await step();
}

async function finish(desk) {
  await expectResult('ping', desk.ping());
  await step();
  await desk.disconnect();
  log('disconnected');
}

const scenarios = {
  async 'wss-chromium'() {
    const pub = await startPublisher();
    await createNodes(pub);
    const desk = await chromiumDesktop(process.env.CHROMIUM_KEYLOG, process.env.CHROMIUM_PROFILE);
    try {
      await login(desk);
      await events(pub, desk);
      await finish(desk);
      await sleep(500);
      // The page's record of its WebSocket messages, for verify.mjs.
      const lines = (await desk.wsRecord()).map((m) => JSON.stringify(m));
      writeFileSync(process.env.WSLOG, lines.join('\n') + '\n');
    } finally {
      await desk.close();
    }
    await pub.stop();
  },

  async 'wss-node'() {
    const pub = await startPublisher();
    await createNodes(pub);
    const desk = nodeDesktop(WSS_URL);
    await login(desk);
    await events(pub, desk);
    await finish(desk);
    await pub.stop();
  },

  async 'mid-session-ws'() {
    const sync = process.env.SYNC_DIR;
    const pub = await startPublisher();
    await createNodes(pub);
    const desk = nodeDesktop(WS_URL);
    await login(desk);
    writeFileSync(`${sync}/ready`, '');
    log('logged in, bound and subscribed: waiting for the capture to start');
    await waitFor(() => existsSync(`${sync}/capturing`), 'dumpcap', 30000);
    // verify.mjs checks only what was exchanged while capturing.
    writeFileSync(process.env.WSLOG, '');
    await step();
    await events(pub, desk);
    await finish(desk);
    await pub.stop();
  },
};

await runScenario(scenarios);
