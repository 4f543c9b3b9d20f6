// Strophe.js over BOSH (XEP-0124/XEP-0206) in node, for the xmppws BOSH
// captures. Reuses ../prosody-strophe/lib.mjs (the Strophe "desktop" and the
// @xmpp/client publisher); this file only adds what BOSH needs in node:
//
//   - an XMLHttpRequest (the npm package xhr2, on node's http/https), which
//     Strophe's BOSH transport looks up as a global when it sends;
//   - keep-alive agents, as a browser has: a BOSH session then runs over a
//     few reused TCP connections (Strophe keeps up to hold + 1 = 2 requests
//     in flight, so at least two);
//   - the TLS key log of every https connection (NSS key log format, the
//     same as a browser's SSLKEYLOGFILE), so Wireshark can decrypt it;
//   - responseXML, which a browser's XMLHttpRequest fills for text/xml
//     responses and xhr2 does not: Strophe.js 5.0.0 reads the body from it
//     (its fallback that parses responseText returns nothing), so it is
//     parsed here with the DOMParser Strophe's node shim installs (xmldom);
//   - a record of every BOSH body sent and received, so make-captures.sh
//     can check that the capture holds all of them.

import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import XMLHttpRequest from 'xhr2';
import { Desktop, Strophe, log } from '../prosody-strophe/lib.mjs';

export const BOSH_URL = 'http://127.0.0.1:7071/http-bind/';
export const BOSH_TLS_URL = 'https://127.0.0.1:7443/http-bind/';

// BOSH_LOG: one JSON line per body sent or received (dir, text).
const boshLogFile = process.env.BOSH_LOG;
function record(dir, text) {
  if (boshLogFile) appendFileSync(boshLogFile, JSON.stringify({ dir, text: String(text) }) + '\n');
}

const httpAgent = new http.Agent({ keepAlive: true });
const httpsOptions = { keepAlive: true };
if (process.env.BOSH_CA) httpsOptions.ca = readFileSync(process.env.BOSH_CA);
const httpsAgent = new https.Agent(httpsOptions);
if (process.env.SSLKEYLOGFILE) {
  httpsAgent.on('keylog', (line) => appendFileSync(process.env.SSLKEYLOGFILE, line));
}
XMLHttpRequest.nodejsSet({ httpAgent, httpsAgent });

// Records each body as it goes out and as it comes back; parses XML
// responses as a browser does.
class RecordingXMLHttpRequest extends XMLHttpRequest {
  get responseXML() {
    const type = this.getResponseHeader('content-type') || '';
    if (this.readyState !== 4 || !this.responseText || !/xml/i.test(type)) return null;
    if (!this._responseXML) this._responseXML = new DOMParser().parseFromString(this.responseText, 'text/xml');
    return this._responseXML;
  }

  send(data) {
    record('C->S', data);
    this.addEventListener('load', () => record('S->C', this.responseText));
    return super.send(data);
  }
}
globalThis.XMLHttpRequest = RecordingXMLHttpRequest;

// Strophe's default wait (60 s) would keep every long-poll open for a minute;
// the captures use a shorter one so an idle period shows the empty keepalive
// response. hold = 1, as Strophe and the Finesse desktop use.
export const BOSH_WAIT = 10;
export const BOSH_HOLD = 1;

export class BoshDesktop extends Desktop {
  constructor(name, { mechanism, url = BOSH_URL } = {}) {
    super(name, { mechanism });
    const options = mechanism === 'PLAIN' ? { mechanisms: [Strophe.SASLPlain] } : {};
    this.conn = new Strophe.Connection(url, options);
    this.conn.rawOutput = (d) => log(`${name} C->S ${d}`);
    this.conn.rawInput = (d) => log(`${name} S->C ${d}`);
  }

  connect(jid, password) {
    const S = Strophe.Status;
    const start = this.statuses.length;
    this.conn.connect(jid, password, (status, condition) => this._onStatus(status, condition), BOSH_WAIT, BOSH_HOLD);
    return this.waitStatus([S.CONNECTED, S.AUTHFAIL, S.CONNFAIL, S.ERROR, S.DISCONNECTED], 15000, start);
  }

  // Strophe's attach(): resume a BOSH session from a stored sid and rid
  // (what a desktop does after a page reload), here with a sid the server
  // does not know.
  attach(jid, sid, rid) {
    const start = this.statuses.length;
    this.conn.attach(jid, sid, rid, (status, condition) => this._onStatus(status, condition), BOSH_WAIT, BOSH_HOLD);
    return start;
  }

  // The BOSH session's id and the next rid Strophe will use.
  get sid() {
    return this.conn._proto.sid;
  }

  get rid() {
    return this.conn._proto.rid;
  }

  // Makes Strophe skip `n` rids, as if `n` requests had been lost on the way.
  skipRids(n) {
    log(`${this.name} skipping ${n} rids: next rid ${this.conn._proto.rid} -> ${this.conn._proto.rid + n}`);
    this.conn._proto.rid += n;
  }
}

export function closeAgents() {
  httpAgent.destroy();
  httpsAgent.destroy();
}
