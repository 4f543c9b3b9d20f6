// An HTTP Archive of what the Strophe.js desktop sends and receives, in
// the shape Chromium's DevTools export has (HAR 1.2: log.entries; one entry
// per HTTP request -- BOSH -- and one per WebSocket connection, with its
// messages in "_webSocketMessages": type send/receive, time in seconds
// since the epoch, opcode, data). Installed by wrapping the WebSocket and
// XMLHttpRequest classes Strophe.js looks up as globals (the ones
// ../prosody-strophe/lib.mjs and ../prosody-strophe-bosh/bosh-lib.mjs
// already wrap), so everything recorded is what went over the wire.
// writeHar(FILE) writes the archive, entries in the order they started.

import { writeFileSync } from 'node:fs';

const entries = [];

function headerList(object) {
  return Object.entries(object || {}).map(([name, value]) => ({ name, value: String(value) }));
}

function parseHeaderBlock(text) {
  return (text || '').split(/\r?\n/).filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return { name: l.slice(0, i).trim(), value: l.slice(i + 1).trim() };
  });
}

function newEntry(started, resourceType, request) {
  const entry = {
    _resourceType: resourceType,
    cache: {},
    connection: '',
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      headers: request.headers,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: request.body ? Buffer.byteLength(request.body) : 0,
    },
    response: null,
    serverIPAddress: '127.0.0.1',
    startedDateTime: started.toISOString(),
    time: 0,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
  };
  if (request.body) entry.request.postData = { mimeType: 'text/xml; charset=utf-8', text: request.body };
  entries.push(entry);
  return entry;
}

function setResponse(entry, started, { status, statusText, headers, text, mimeType }) {
  entry.response = {
    status,
    statusText,
    httpVersion: 'HTTP/1.1',
    headers,
    cookies: [],
    content: { size: text ? Buffer.byteLength(text) : 0, mimeType: mimeType || 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    _transferSize: -1,
    _error: null,
  };
  if (text !== undefined) entry.response.content.text = text;
  entry.time = Date.now() - started.getTime();
  entry.timings.wait = entry.time;
}

// ---- WebSocket: one entry per connection --------------------------------------

const BaseWebSocket = globalThis.WebSocket;
globalThis.WebSocket = class HarWebSocket extends BaseWebSocket {
  constructor(url, protocols, ...rest) {
    super(url, protocols, ...rest);
    const started = new Date();
    const entry = newEntry(started, 'websocket', {
      method: 'GET', url: String(url), headers: headerList(this._req?.getHeaders?.()),
    });
    entry._webSocketMessages = [];
    this._harEntry = entry;
    this.on('upgrade', (res) => setResponse(entry, started, {
      status: res.statusCode, statusText: res.statusMessage, headers: headerList(res.headers),
    }));
    this.addEventListener('message', (e) => this._harMessage('receive', e.data));
  }

  send(data, ...rest) {
    this._harMessage('send', data);
    return super.send(data, ...rest);
  }

  _harMessage(type, data) {
    this._harEntry._webSocketMessages.push({ type, time: Date.now() / 1000, opcode: 1, data: String(data) });
  }
};

// ---- XMLHttpRequest (BOSH): one entry per request -------------------------------

const BaseXHR = globalThis.XMLHttpRequest;
globalThis.XMLHttpRequest = class HarXMLHttpRequest extends BaseXHR {
  open(method, url, ...rest) {
    this._harRequest = { method, url: String(url), headers: [] };
    return super.open(method, url, ...rest);
  }

  setRequestHeader(name, value) {
    this._harRequest.headers.push({ name, value: String(value) });
    return super.setRequestHeader(name, value);
  }

  send(data) {
    const started = new Date();
    const entry = newEntry(started, 'xhr', { ...this._harRequest, body: data == null ? '' : String(data) });
    this.addEventListener('load', () => setResponse(entry, started, {
      status: this.status,
      statusText: this.statusText,
      headers: parseHeaderBlock(this.getAllResponseHeaders()),
      text: this.responseText,
      mimeType: this.getResponseHeader('content-type') || 'x-unknown',
    }));
    return super.send(data);
  }
};

export function writeHar(file) {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'xmppws test-captures/make/redact/har.mjs', version: '1.0' },
      pages: [],
      entries: entries.filter((e) => e.response),
    },
  };
  writeFileSync(file, JSON.stringify(har, null, 2) + '\n');
}
