// The browser half of the wss-chromium capture: a Strophe.js "desktop" in
// a real Chromium page, doing what lib.mjs's Desktop does under node (same
// stanzas, same ids from Strophe's getUniqueId, same caps), so that the two
// wss captures can be compared stanza by stanza. scenario.mjs calls the
// methods of window.desk through the DevTools protocol (Runtime.evaluate).
//
// Loaded before strophe.umd.min.js: it wraps window.WebSocket to record
// every text message sent and received (for verify.mjs) and to delay
// close() by 250 ms, as lib.mjs does (see CLOSE_DELAY_MS there).

(() => {
  const CLOSE_DELAY_MS = 250;
  const BaseWebSocket = window.WebSocket;
  const record = [];
  let count = 0;

  window.WebSocket = class RecordingWebSocket extends BaseWebSocket {
    constructor(...args) {
      super(...args);
      this._recId = count++;
      this.addEventListener('message', (e) => record.push({ conn: this._recId, dir: 'S->C', text: String(e.data) }));
    }
    send(data) {
      record.push({ conn: this._recId, dir: 'C->S', text: String(data) });
      return super.send(data);
    }
    close(...args) {
      setTimeout(() => super.close(...args), CLOSE_DELAY_MS);
    }
  };

  const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
  const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
  const NS_PING = 'urn:xmpp:ping';
  const NS_CAPS = 'http://jabber.org/protocol/caps';

  // Resolves when `test()` is true, checking on every status or event.
  function until(desk, test, what, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = test();
        if (v) {
          desk.waiters.delete(check);
          resolve(v);
        }
        return Boolean(v);
      };
      if (check()) return;
      desk.waiters.add(check);
      setTimeout(() => {
        if (desk.waiters.delete(check)) reject(new Error(`timeout waiting for ${what}`));
      }, timeoutMs);
    });
  }

  window.desk = {
    conn: null,
    statuses: [],
    events: [],
    waiters: new Set(),
    wsRecord: () => record,

    _notify() {
      for (const w of [...this.waiters]) w();
    },

    // SASL PLAIN only, like the Finesse desktop; resolves with the bound JID.
    async login(url, jid, password) {
      const { Strophe } = window;
      Strophe.setLogLevel(Strophe.LogLevel.ERROR);
      this.conn = new Strophe.Connection(url, { mechanisms: [Strophe.SASLPlain] });
      this.conn.connect(jid, password, (status, condition) => {
        this.statuses.push({ status, condition });
        this._notify();
      });
      const S = Strophe.Status;
      const end = [S.CONNECTED, S.AUTHFAIL, S.CONNFAIL, S.ERROR, S.DISCONNECTED];
      const r = await until(this, () => this.statuses.find((s) => end.includes(s.status)), 'login');
      if (r.status !== S.CONNECTED) throw new Error(`login: status ${r.status} ${r.condition || ''}`);
      this.conn.addHandler((stanza) => {
        this.events.push(stanza);
        this._notify();
        return true;
      }, NS_PUBSUB_EVENT, 'message');
      return this.conn.jid;
    },

    sendInitialPresence(caps) {
      const { $pres } = window;
      this.conn.send($pres().c('c', { xmlns: NS_CAPS, hash: caps.hash, node: caps.node, ver: caps.ver }).tree());
    },

    // Resolves with 'result' or 'error'.
    _iq(builder) {
      return new Promise((resolve, reject) => {
        this.conn.sendIQ(builder.tree(), () => resolve('result'),
          (stanza) => (stanza ? resolve('error') : reject(new Error('IQ timeout'))), 10000);
      });
    },

    subscribe(pubsub, node) {
      const { $iq } = window;
      return this._iq($iq({ from: this.conn.jid, to: pubsub, type: 'set', id: this.conn.getUniqueId('subscribenode') })
        .c('pubsub', { xmlns: NS_PUBSUB }).c('subscribe', { node, jid: this.conn.jid }));
    },

    ping(to) {
      const { $iq } = window;
      return this._iq($iq({ type: 'get', to, id: this.conn.getUniqueId('ping') }).c('ping', { xmlns: NS_PING }));
    },

    // Resolves with [node, notification text] of every event so far.
    async waitEvents(count) {
      await until(this, () => this.events.length >= count, `${count} pubsub events`);
      return this.events.map((ev) => [
        ev.getElementsByTagName('items')[0]?.getAttribute('node'),
        ev.getElementsByTagName('notification')[0]?.textContent,
      ]);
    },

    async disconnect() {
      const { Strophe } = window;
      const start = this.statuses.length;
      this.conn.disconnect();
      await until(this, () => this.statuses.slice(start).some((s) => s.status === Strophe.Status.DISCONNECTED),
        'disconnect');
    },
  };
})();
