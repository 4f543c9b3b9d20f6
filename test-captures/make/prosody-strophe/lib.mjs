// Helpers shared by the capture scenarios: a Strophe.js "desktop" that talks
// XMPP over WebSocket (RFC 7395) to prosody on 127.0.0.1:7071/ws/ (this is
// the captured traffic), and an @xmpp/client "publisher" that talks plain
// TCP c2s on 127.0.0.1:5222 (not captured) and publishes the Finesse
// notifications to the pubsub component.

import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Strophe, $iq, $pres } from 'strophe.js';
import { client, xml } from '@xmpp/client';

export { sleep, Strophe, $iq, $pres };

export const DOMAIN = 'finesse.example.test';
export const PUBSUB = 'pubsub.finesse.example.test';
export const WS_URL = 'ws://127.0.0.1:7071/ws/';
// C2S_PORT: the wss-tls scenarios run their own prosody on another port.
export const C2S_URL = `xmpp://127.0.0.1:${process.env.C2S_PORT || 5222}`;
export const PASSWORDS = {
  1001: 'Desk-Pa55w0rd!1001',
  1002: 'Desk-Pa55w0rd!1002',
  finesse: 'Publisher-Pa55w0rd!finesse',
};
export const WRONG_PASSWORD = 'Wrong-Pa55w0rd!';

export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const NS_PING = 'urn:xmpp:ping';
export const NS_CAPS = 'http://jabber.org/protocol/caps';

// Pause between protocol steps, so that the order in the capture is clean.
export const STEP_MS = 200;

const t0 = Date.now();
export function log(msg) {
  const t = ((Date.now() - t0) / 1000).toFixed(3).padStart(7);
  process.stdout.write(`[${t}] ${msg}\n`);
}

export function fail(msg) {
  log(`FAIL: ${msg}`);
  throw new Error(msg);
}

// Strophe logs to the console; keep only errors.
Strophe.setLogLevel(Strophe.LogLevel.ERROR);

// Record every WebSocket text message exactly as sent/received, so that
// verify.mjs can check that the capture holds all of them. Strophe's node
// build looks up globalThis.WebSocket (= the "ws" package) at connect time.
//
// The wrapper also delays WebSocket.close() by CLOSE_DELAY_MS. Stock Strophe
// calls close() right after sending <close/> (about 2 ms later on loopback),
// which races with prosody's reply: if the WebSocket Close frame reaches
// prosody in the same read as <close/>, prosody drops the connection without
// answering (no presence echo, no <close/>); otherwise it answers with the
// unavailable presence echo, <close/> and a Close frame. Both outcomes were
// seen; the delay makes the captures always show the server's answer.
export const CLOSE_DELAY_MS = 250;
const wsLogFile = process.env.WSLOG;
let wsCount = 0;
const BaseWebSocket = globalThis.WebSocket;
globalThis.WebSocket = class RecordingWebSocket extends BaseWebSocket {
  constructor(...args) {
    super(...args);
    this._recId = wsCount++;
    this.addEventListener('message', (e) => this._record('S->C', e.data));
  }
  send(data, ...rest) {
    this._record('C->S', data);
    return super.send(data, ...rest);
  }
  close(...args) {
    // ws itself calls close() to answer the server's Close frame; let that
    // through at once, as the unwrapped ws would.
    if (this._closeFrameReceived) return super.close(...args);
    setTimeout(() => super.close(...args), CLOSE_DELAY_MS);
  }
  _record(dir, data) {
    if (wsLogFile) appendFileSync(wsLogFile, JSON.stringify({ conn: this._recId, dir, text: String(data) }) + '\n');
  }
};

const STATUS_NAMES = Object.fromEntries(
  Object.entries(Strophe.Status).map(([k, v]) => [v, k]),
);

// XEP-0115 entity capabilities of the simulated desktop.
export const CAPS = (() => {
  const node = 'https://finesse.example.test/desktop';
  const identities = ['client/web//xmppws Finesse desktop simulator'];
  const features = [
    'http://jabber.org/protocol/caps',
    'http://jabber.org/protocol/disco#info',
    'http://jabber.org/protocol/pubsub',
    'http://jabber.org/protocol/pubsub#event',
    'urn:xmpp:ping',
  ].sort();
  const s = identities.map((i) => `${i}<`).join('') + features.map((f) => `${f}<`).join('');
  const ver = createHash('sha1').update(s, 'utf8').digest('base64');
  return { node, ver, hash: 'sha-1' };
})();

export class Desktop {
  // mechanism: 'PLAIN' restricts Strophe to SASL PLAIN; undefined keeps
  // Strophe's default list (it then picks SCRAM-SHA-1 on prosody).
  // url: the WebSocket endpoint (default WS_URL).
  constructor(name, { mechanism, url = WS_URL } = {}) {
    this.name = name;
    const options = {};
    if (mechanism === 'PLAIN') options.mechanisms = [Strophe.SASLPlain];
    else if (mechanism) throw new Error(`unsupported mechanism ${mechanism}`);
    this.conn = new Strophe.Connection(url, options);
    this.conn.rawOutput = (d) => log(`${name} C->S ${d}`);
    this.conn.rawInput = (d) => log(`${name} S->C ${d}`);
    this.statuses = [];
    this.waiters = [];
    this.events = [];
    this.eventWaiters = [];
  }

  _onStatus(status, condition) {
    log(`${this.name} status ${STATUS_NAMES[status]}${condition ? ` (${condition})` : ''}`);
    this.statuses.push({ status, condition });
    for (const w of [...this.waiters]) {
      if (w.statuses.includes(status)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({ status, condition });
      }
    }
  }

  // Resolves with the first of `statuses` seen (including ones already seen
  // since `fromIndex`).
  waitStatus(statuses, timeoutMs = 10000, fromIndex = 0) {
    const seen = this.statuses.slice(fromIndex).find((s) => statuses.includes(s.status));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { statuses, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`${this.name}: timeout waiting for ${statuses.map((s) => STATUS_NAMES[s])}`));
        }
      }, timeoutMs);
    });
  }

  // Connects; resolves with the first terminal/connected status.
  connect(jid, password) {
    const S = Strophe.Status;
    const start = this.statuses.length;
    this.conn.connect(jid, password, (status, condition) => this._onStatus(status, condition));
    return this.waitStatus([S.CONNECTED, S.AUTHFAIL, S.CONNFAIL, S.ERROR, S.DISCONNECTED], 10000, start);
  }

  get jid() {
    return this.conn.jid;
  }

  send(stanza) {
    this.conn.send(stanza.tree ? stanza.tree() : stanza);
  }

  // Sends an IQ; resolves with { type: 'result'|'error', stanza }.
  iq(builder, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      this.conn.sendIQ(
        builder.tree(),
        (stanza) => resolve({ type: 'result', stanza }),
        (stanza) => (stanza ? resolve({ type: 'error', stanza }) : reject(new Error(`${this.name}: IQ timeout`))),
        timeoutMs,
      );
    });
  }

  // Starts counting incoming pubsub event messages.
  watchEvents() {
    this.conn.addHandler(
      (stanza) => {
        const items = stanza.getElementsByTagName('items')[0];
        const item = stanza.getElementsByTagName('item')[0];
        const n = stanza.getElementsByTagName('notification')[0];
        const update = n ? n.textContent : '';
        log(`${this.name} pubsub event #${this.events.length + 1}: node=${items?.getAttribute('node')} item=${item?.getAttribute('id')} to=${stanza.getAttribute('to')} payload starts ${JSON.stringify(update.slice(0, 40))}`);
        this.events.push(stanza);
        for (const w of [...this.eventWaiters]) {
          if (this.events.length >= w.count) {
            this.eventWaiters.splice(this.eventWaiters.indexOf(w), 1);
            w.resolve();
          }
        }
        return true;
      },
      NS_PUBSUB_EVENT,
      'message',
    );
  }

  waitEvents(count, timeoutMs = 10000) {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { count, resolve };
      this.eventWaiters.push(w);
      setTimeout(() => {
        const i = this.eventWaiters.indexOf(w);
        if (i >= 0) {
          this.eventWaiters.splice(i, 1);
          reject(new Error(`${this.name}: got ${this.events.length} of ${count} pubsub events`));
        }
      }, timeoutMs);
    });
  }

  // Initial presence with XEP-0115 caps; Strophe's $pres() has no priority
  // (= 0), like the Finesse desktop.
  sendInitialPresence() {
    this.send($pres().c('c', { xmlns: NS_CAPS, hash: CAPS.hash, node: CAPS.node, ver: CAPS.ver }));
  }

  // Like strophe.pubsub.js subscribe(): from = full JID, jid = full JID,
  // id "<uuid>:subscribenode".
  subscribe(node) {
    return this.iq(
      $iq({ from: this.jid, to: PUBSUB, type: 'set', id: this.conn.getUniqueId('subscribenode') })
        .c('pubsub', { xmlns: NS_PUBSUB })
        .c('subscribe', { node, jid: this.jid }),
    );
  }

  // Like the Finesse-bundled strophe.pubsub unsubscribe: id "<uuid>:unsubscribenode".
  unsubscribe(node) {
    return this.iq(
      $iq({ from: this.jid, to: PUBSUB, type: 'set', id: this.conn.getUniqueId('unsubscribenode') })
        .c('pubsub', { xmlns: NS_PUBSUB })
        .c('unsubscribe', { node, jid: this.jid }),
    );
  }

  // Like strophe.pubsub.js getSubscriptions(): id "<uuid>:pubsubsubscriptions".
  subscriptions() {
    return this.iq(
      $iq({ from: this.jid, to: PUBSUB, type: 'get', id: this.conn.getUniqueId('pubsubsubscriptions') })
        .c('pubsub', { xmlns: NS_PUBSUB })
        .c('subscriptions'),
    );
  }

  // Like strophe.ping.js ping(): id "<uuid>:ping".
  ping(to = DOMAIN) {
    return this.iq($iq({ type: 'get', to, id: this.conn.getUniqueId('ping') }).c('ping', { xmlns: NS_PING }));
  }

  // Strophe disconnect(): unavailable presence, <close/>, socket close.
  async disconnect() {
    const start = this.statuses.length;
    this.conn.disconnect();
    return this.waitStatus([Strophe.Status.DISCONNECTED], 10000, start);
  }

  // Abort the TCP connection with an RST (SO_LINGER 0), without <close/>.
  resetTcp() {
    const sock = this.conn._proto?.socket?._socket;
    if (!sock) throw new Error(`${this.name}: no underlying TCP socket`);
    log(`${this.name} resetting TCP connection ${sock.localAddress}:${sock.localPort} -> ${sock.remoteAddress}:${sock.remotePort}`);
    sock.resetAndDestroy();
  }
}

export function iqErrorCondition(stanza) {
  const err = stanza.getElementsByTagName('error')[0];
  if (!err) return null;
  for (let n = err.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && n.getAttribute('xmlns') === 'urn:ietf:params:xml:ns:xmpp-stanzas') return n.nodeName;
  }
  return null;
}

// The publisher: @xmpp/client over TCP c2s (not captured). Plays the part of
// the Finesse server publishing notifications to the pubsub service.
export async function startPublisher() {
  const xmpp = client({
    service: C2S_URL,
    domain: DOMAIN,
    resource: 'publisher',
    username: 'finesse',
    password: PASSWORDS.finesse,
  });
  xmpp.on('error', (e) => log(`publisher error: ${e.message}`));
  xmpp.reconnect.stop();
  await xmpp.start();
  log(`publisher online as ${xmpp.jid} (TCP c2s, not captured)`);

  const itemUuid = randomUUID();
  let counter = 1027;

  const pub = {
    async create(node) {
      await xmpp.iqCaller.set(xml('pubsub', { xmlns: NS_PUBSUB }, xml('create', { node })), PUBSUB);
      log(`publisher created node ${node}`);
    },
    // A server-side subscription of another JID (the node owner may do this),
    // like the Finesse automatic feeds, which go to the bare JID.
    async subscribeOther(node, jid) {
      await xmpp.iqCaller.set(xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node, jid })), PUBSUB);
      log(`publisher subscribed ${jid} to ${node}`);
    },
    // The Update document goes in as TEXT, so it is XML-escaped on the wire.
    async publish(node, updateText) {
      const id = `${itemUuid}${counter++}`;
      await xmpp.iqCaller.set(
        xml('pubsub', { xmlns: NS_PUBSUB },
          xml('publish', { node },
            xml('item', { id },
              xml('notification', { xmlns: NS_PUBSUB }, updateText)))),
        PUBSUB,
      );
      log(`publisher published item ${id} to ${node}`);
      return id;
    },
    async stop() {
      await xmpp.stop();
      log('publisher offline');
    },
  };
  return pub;
}

// ---- checks shared by the scenario scripts ---------------------------------

export function expectConnected(name, r) {
  if (r.status !== Strophe.Status.CONNECTED) fail(`${name}: expected CONNECTED, got ${r.status} ${r.condition ?? ''}`);
}

// The iq answer p resolves to must be a result; fails the scenario otherwise.
export async function expectResult(what, p) {
  const r = await p;
  if (r.type !== 'result') fail(`${what}: expected result, got ${r.type} ${iqErrorCondition(r.stanza)}`);
  log(`${what}: result`);
  return r;
}

// The command line of every scenario script: `node SCRIPT <scenario>` runs
// scenarios[scenario], logs OK or the error, and exits 0 or 1 (2: unknown
// name). `detail` goes into the first log line; `after` runs after success,
// once the last packets have had 300 ms to leave before dumpcap stops.
export async function runScenario(scenarios, { script = 'scenario.mjs', detail = '', after } = {}) {
  const name = process.argv[2];
  if (!scenarios[name]) {
    console.error(`usage: node ${script} <${Object.keys(scenarios).join('|')}>`);
    process.exit(2);
  }
  log(`scenario ${name} (${detail}node ${process.version})`);
  try {
    await scenarios[name]();
    log(`scenario ${name}: OK`);
    await sleep(300);
    if (after) after();
    process.exit(0);
  } catch (e) {
    log(`scenario ${name}: ERROR ${e.stack}`);
    process.exit(1);
  }
}

// A publisher wrapper that remembers what it published (for checking the
// desktop's events) and leaves 300 ms after each item.
export function recordingPublisher(pub) {
  const sent = [];
  return {
    sent,
    async publish(node, text) {
      sent.push({ node, text });
      await pub.publish(node, text);
      await sleep(300);
    },
  };
}
