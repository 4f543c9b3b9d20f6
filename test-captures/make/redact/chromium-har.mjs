// Records a HAR with SCRAM-SHA-1 credentials from Debian's Chromium, for
// the xmppws-redact tests. Run by chromium-har.sh against the prosody it
// starts (../har-netlog/prosody.cfg.lua.in: page, /ws/ and /http-bind/ on
// http://127.0.0.1:7078). Usage: node chromium-har.mjs
//
// Playwright (playwright-core of ../har-netlog, which downloads no browser)
// drives /usr/bin/chromium with recordHar {content: "embed"}, the way
// ../har-netlog/scenario.mjs does. The page is the Strophe.js desktop page
// of ../wss-tls (Strophe.js's browser build); in it, agent 1003 logs in
// twice with SASL SCRAM-SHA-1 (Strophe.SASLSHA1 only):
//   1. over WebSocket ws://127.0.0.1:7078/ws/: SCRAM, bind, presence, ping, disconnect;
//   2. over BOSH http://127.0.0.1:7078/http-bind/: the same.
// Environment: HAR_OUT (the HAR to write), PASSWORD_1003. Prints
// "[scenario] OK" and exits 0 when both sessions connected and pinged.

import { createRequire } from 'node:module';

const require = createRequire(new URL('../har-netlog/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = 'http://127.0.0.1:7078';
const JID = '1003@finesse.example.test';

function log(text) { process.stderr.write(`[scenario] ${text}\n`); }

// In the page: one session over url with SCRAM-SHA-1 only.
async function session(page, url) {
  return page.evaluate(async ([u, jid, password]) => {
    const { Strophe, $pres, $iq } = window;
    Strophe.setLogLevel(Strophe.LogLevel.ERROR);
    const conn = new Strophe.Connection(u, { mechanisms: [Strophe.SASLSHA1] });
    const S = Strophe.Status;
    let disconnected;
    const gone = new Promise((resolve) => { disconnected = resolve; });
    await new Promise((resolve, reject) => {
      conn.connect(jid, password, (status, condition) => {
        if (status === S.CONNECTED) resolve();
        else if (status === S.DISCONNECTED) disconnected();
        else if ([S.AUTHFAIL, S.CONNFAIL, S.ERROR].includes(status)) reject(new Error(`status ${status} ${condition || ''}`));
      });
    });
    const bound = conn.jid;
    conn.send($pres().tree());
    await new Promise((resolve, reject) => conn.sendIQ(
      $iq({ type: 'get', to: 'finesse.example.test' }).c('ping', { xmlns: 'urn:xmpp:ping' }).tree(),
      resolve, () => reject(new Error('ping failed')), 10000));
    conn.disconnect('done');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
    return bound;
  }, [url, `${JID}/desktop`, process.env.PASSWORD_1003]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-default-apps', '--disable-extensions', '--no-first-run'],
});
log(`chromium ${browser.version()} (playwright-core ${require('playwright-core/package.json').version})`);
const context = await browser.newContext({ recordHar: { path: process.env.HAR_OUT, content: 'embed' } });
try {
  const page = await context.newPage();
  await page.goto(`${BASE}/desk/desktop.html`);
  await page.waitForFunction(() => Boolean(window.Strophe));
  log(`WebSocket: bound ${await session(page, 'ws://127.0.0.1:7078/ws/')}`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  log(`BOSH: bound ${await session(page, `${BASE}/http-bind/`)}`);
  await new Promise((resolve) => setTimeout(resolve, 500));
} finally {
  await context.close(); // writes the HAR
  await browser.close();
}
log(`HAR written to ${process.env.HAR_OUT}`);
log('OK');
