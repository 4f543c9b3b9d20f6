// Runs one HAR/NetLog capture scenario against the prosody started by
// make-captures.sh. Usage: node scenario.mjs <har-ws|har-wss>
//
// Playwright (playwright-core, which downloads no browser) drives Debian's
// Chromium (/usr/bin/chromium) with recordHar {content: "embed"}: the HAR
// Playwright writes is what the converter must read. The page is the
// Strophe.js desktop of ../wss-tls (desktop.html, desktop-page.js and
// Strophe.js's browser build), served by prosody at /desk/. In one browser
// session, agent 1001:
//
//   1. loads the page (three HTTP GETs);
//   2. logs in over WebSocket (/ws/): SASL PLAIN, bind "desktop", presence
//      with caps, subscribes /finesse/api/User/1001 and
//      /finesse/api/Team/1/Users; makes two REST calls to the Finesse REST
//      stand-in below (PUT state READY, then TALKING, each with a requestId
//      header, cross-origin so each has a CORS preflight), answered by
//      Updates carrying that requestId (User READY; an apiErrors Update);
//      then gets a Team Users update (> 64 KiB) and a Dialogs POST ALERTING;
//      pings; disconnects;
//   3. logs in again over BOSH (/http-bind/), subscribes
//      /finesse/api/User/1001, gets a User NOT_READY update, pings,
//      disconnects.
//
// har-ws runs it over http:// and ws:// (prosody 7078, REST 8084),
// har-wss over https:// and wss:// (prosody 8445, REST 8444 with the same
// self-signed certificate). Environment: HAR_OUT (the HAR to write),
// NETLOG_OUT (optional: Chromium's --log-net-log file, capture mode
// Everything), KEYLOG_OUT (optional: --ssl-key-log-file), CERT_DIR (the
// certificate for the https REST stand-in), C2S_PORT (the publisher's c2s
// port). Exits non-zero if anything does not behave as expected.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import {
  DOMAIN, PUBSUB, PASSWORDS, STEP_MS, CAPS, startPublisher, log, fail, sleep, runScenario,
} from '../prosody-strophe/lib.mjs';
import * as F from '../prosody-strophe/feeds-updates.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const USER_1001 = '/finesse/api/User/1001';
const DIALOGS_1001 = '/finesse/api/User/1001/Dialogs';
const TEAM_1 = '/finesse/api/Team/1/Users';
const JID = `1001@${DOMAIN}/desktop`;

export const REST_REQUESTS = [
  ['READY', 'c0ffee00-0000-4000-8000-0000000000a1'],
  ['TALKING', 'c0ffee00-0000-4000-8000-0000000000a2'],
];

const SETUPS = {
  'har-ws': { base: 'http://127.0.0.1:7078', ws: 'ws://127.0.0.1:7078/ws/', rest: 'http://127.0.0.1:8084' },
  'har-wss': { base: 'https://127.0.0.1:8445', ws: 'wss://127.0.0.1:8445/ws/', rest: 'https://127.0.0.1:8444' },
};

const step = () => sleep(STEP_MS);

// ---- the Finesse REST stand-in ------------------------------------------------

// PUT /finesse/api/User/1001 <User><state>S</state></User>: 202 Accepted,
// then onState(S, requestId header). CORS, because the page comes from
// prosody's origin: the browser sends a preflight OPTIONS first.
function startRestServer(url, onState) {
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'PUT',
    'Access-Control-Allow-Headers': 'Content-Type, requestId',
  };
  const handler = (req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        res.end();
        return;
      }
      const state = /<state>([^<]*)<\/state>/.exec(body)?.[1];
      res.writeHead(202, { ...cors, 'Content-Length': '0' });
      res.end();
      onState(state, req.headers.requestid).catch((e) => log(`REST handler: ${e.message}`));
    });
  };
  const u = new URL(url);
  const server = u.protocol === 'https:'
    ? https.createServer({
      cert: readFileSync(`${process.env.CERT_DIR}/${DOMAIN}.crt`),
      key: readFileSync(`${process.env.CERT_DIR}/${DOMAIN}.key`),
    }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => server.listen(Number(u.port), '127.0.0.1', () => resolve(server)));
}

// ---- the browser ----------------------------------------------------------------

async function launch() {
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-default-apps', '--disable-extensions', '--no-first-run',
    '--ignore-certificate-errors',
  ];
  if (process.env.KEYLOG_OUT) args.push(`--ssl-key-log-file=${process.env.KEYLOG_OUT}`);
  if (process.env.NETLOG_OUT) args.push(`--log-net-log=${process.env.NETLOG_OUT}`, '--net-log-capture-mode=Everything');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
  log(`chromium ${browser.version()} (playwright-core ${require('playwright-core/package.json').version})`);
  const context = await browser.newContext({
    recordHar: { path: process.env.HAR_OUT, content: 'embed' },
    ignoreHTTPSErrors: true,
  });
  return { browser, context, page: await context.newPage() };
}

// The page's window.desk (../wss-tls/desktop-page.js), one call at a time.
function deskOf(page) {
  const call = (fn, ...args) => page.evaluate(fn, args);
  return {
    login: (url) => call(([u, j, p]) => window.desk.login(u, j, p), url, JID, PASSWORDS[1001]),
    presence: () => call(([caps]) => window.desk.sendInitialPresence(caps), CAPS),
    subscribe: (node) => call(([ps, n]) => window.desk.subscribe(ps, n), PUBSUB, node),
    ping: () => call(([to]) => window.desk.ping(to), DOMAIN),
    waitEvents: (n) => call(([count]) => window.desk.waitEvents(count).then((e) => e.length), n),
    disconnect: () => call(() => window.desk.disconnect()),
    putState: (url, state, requestId) => call(async ([u, s, id]) => {
      const r = await fetch(u, {
        method: 'PUT', headers: { 'Content-Type': 'application/xml', requestId: id },
        body: `<User><state>${s}</state></User>`,
      });
      return r.status;
    }, url, state, requestId),
  };
}

async function expectResult(what, p) {
  const type = await p;
  if (type !== 'result') fail(`${what}: expected result, got ${type}`);
  log(`${what}: result`);
}

// ---- the two sessions -----------------------------------------------------------

async function websocketSession(setup, desk, pub) {
  const jid = await desk.login(setup.ws);
  if (jid !== JID) fail(`bound ${jid}, expected ${JID}`);
  log(`WebSocket session bound as ${jid}`);
  await step();
  await desk.presence();
  await step();
  await expectResult(`subscribe ${USER_1001}`, desk.subscribe(USER_1001));
  await step();
  await expectResult(`subscribe ${TEAM_1}`, desk.subscribe(TEAM_1));
  await step();
  for (const [state, requestId] of REST_REQUESTS) {
    const status = await desk.putState(`${setup.rest}${USER_1001}`, state, requestId);
    if (status !== 202) fail(`PUT state ${state}: HTTP ${status}`);
    log(`PUT state ${state} requestId ${requestId}: 202`);
    await sleep(500);
  }
  const now = () => new Date().toISOString();
  await pub.publish(TEAM_1, F.teamUsersUpdate(F.teamMembers('READY', now(), Date.now())));
  await sleep(300);
  await pub.publish(DIALOGS_1001, F.call1DialogsUpdate('POST', 'ALERTING', { start: now() }));
  const got = await desk.waitEvents(4);
  log(`WebSocket session: ${got} events`);
  await step();
  await expectResult('ping', desk.ping());
  await step();
  await desk.disconnect();
  log('WebSocket session closed');
}

async function boshSession(setup, desk, pub) {
  const jid = await desk.login(`${setup.base}/http-bind/`);
  if (jid !== JID) fail(`BOSH: bound ${jid}, expected ${JID}`);
  log(`BOSH session bound as ${jid}`);
  await step();
  await desk.presence();
  await step();
  await expectResult(`BOSH subscribe ${USER_1001}`, desk.subscribe(USER_1001));
  await step();
  await pub.publish(USER_1001, F.userUpdate('NOT_READY', new Date().toISOString(), F.BREAK));
  const got = await desk.waitEvents(5);
  log(`BOSH session: ${got} events in all`);
  await step();
  await expectResult('BOSH ping', desk.ping());
  await step();
  await desk.disconnect();
  log('BOSH session closed');
}

async function run(name) {
  const setup = SETUPS[name];
  const pub = await startPublisher();
  for (const node of [USER_1001, TEAM_1, DIALOGS_1001]) await pub.create(node);
  await pub.subscribeOther(DIALOGS_1001, `1001@${DOMAIN}`);
  const rest = await startRestServer(setup.rest, async (state, requestId) => {
    await sleep(150);
    if (state === 'READY') await pub.publish(USER_1001, F.userUpdate('READY', new Date().toISOString(), undefined, requestId));
    else await pub.publish(USER_1001, F.userApiErrorUpdate(requestId));
  });
  const { browser, context, page } = await launch();
  try {
    await page.goto(`${setup.base}/desk/desktop.html`);
    await page.waitForFunction(() => Boolean(window.desk && window.Strophe));
    const desk = deskOf(page);
    await websocketSession(setup, desk, pub);
    await sleep(500);
    await boshSession(setup, desk, pub);
    await sleep(500);
  } finally {
    await context.close(); // writes the HAR
    await browser.close(); // ends the NetLog
  }
  log(`HAR written to ${process.env.HAR_OUT}`);
  rest.closeAllConnections?.();
  await new Promise((resolve) => rest.close(resolve));
  await pub.stop();
}

await runScenario({ 'har-ws': () => run('har-ws'), 'har-wss': () => run('har-wss') });
