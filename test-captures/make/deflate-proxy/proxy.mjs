// A permessage-deflate (RFC 7692) WebSocket proxy in front of prosody's
// mod_websocket, made with the node "ws" package (the one Strophe.js uses
// under node).
//
// Listens on ws://127.0.0.1:<PROXY_PORT>/ws/ (this hop is captured), accepts
// the "xmpp" subprotocol and permessage-deflate with threshold 0 (every
// message compressed, context takeover as ws does by default), and opens one
// upstream ws://127.0.0.1:<UPSTREAM_PORT>/ws/ connection (subprotocol xmpp,
// no compression; not captured) per client. Text messages are relayed as they
// are, in order, both ways; a Close from either side is passed on with its
// code and reason.
//
// FRAGMENT_OVER=<bytes>: a server->client message longer than that is sent
// with ws's fragmented send API: socket.send(chunk, { fin: false, compress:
// true }) for each FRAGMENT_SIZE-byte chunk and { fin: true } for the last,
// so the message is compressed (RSV1 on its first frame) AND fragmented.
// Each such message is appended to FRAGLOG (JSON lines) for verify.mjs.
// NO_CONTEXT_TAKEOVER=both: the proxy answers with server_no_context_takeover
// and client_no_context_takeover, so each message is compressed on its own;
// NO_CONTEXT_TAKEOVER=server: server_no_context_takeover only.
//
// Usage: PROXY_PORT=7272 UPSTREAM_PORT=7271 [FRAGMENT_OVER=65536
//        FRAGMENT_SIZE=16384] [FRAGLOG=file] node proxy.mjs
// Prints "listening" on stdout when ready; stops on SIGTERM.

import { appendFileSync } from 'node:fs';
import { WebSocket, WebSocketServer } from 'ws';

const PROXY_PORT = Number(process.env.PROXY_PORT || 7272);
const UPSTREAM = `ws://127.0.0.1:${process.env.UPSTREAM_PORT || 7271}/ws/`;
const FRAGMENT_OVER = Number(process.env.FRAGMENT_OVER || 0);
const FRAGMENT_SIZE = Number(process.env.FRAGMENT_SIZE || 16384);
const FRAGLOG = process.env.FRAGLOG;
const NO_CONTEXT_TAKEOVER = process.env.NO_CONTEXT_TAKEOVER || '';

function log(msg) {
  process.stdout.write(`[proxy] ${msg}\n`);
}

// Sends one text message in FRAGMENT_SIZE-byte frames, compressed.
function sendFragmented(socket, text) {
  const bytes = Buffer.from(text, 'utf8');
  let frames = 0;
  for (let off = 0; off < bytes.length; off += FRAGMENT_SIZE) {
    const chunk = bytes.subarray(off, Math.min(off + FRAGMENT_SIZE, bytes.length));
    const fin = off + FRAGMENT_SIZE >= bytes.length;
    socket.send(chunk, { binary: false, compress: true, fin });
    frames++;
  }
  log(`S->C ${bytes.length} bytes sent compressed in ${frames} fragments`);
  if (FRAGLOG) appendFileSync(FRAGLOG, JSON.stringify({ frames, text }) + '\n');
}

function relayToClient(socket, text) {
  if (FRAGMENT_OVER && Buffer.byteLength(text, 'utf8') > FRAGMENT_OVER) sendFragmented(socket, text);
  else socket.send(text, { binary: false, compress: true });
}

// A Close code that may be sent in a Close frame (RFC 6455 7.4).
function sendableCode(code) {
  return code === 1000 || (code >= 1001 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999);
}

function closeWith(ws, code, reason) {
  if (ws.readyState === WebSocket.OPEN) {
    if (sendableCode(code)) ws.close(code, reason);
    else ws.close();
  } else if (ws.readyState === WebSocket.CONNECTING) {
    ws.terminate();
  }
}

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: PROXY_PORT,
  path: '/ws/',
  perMessageDeflate: {
    threshold: 0,
    serverNoContextTakeover: NO_CONTEXT_TAKEOVER === 'both' || NO_CONTEXT_TAKEOVER === 'server',
    clientNoContextTakeover: NO_CONTEXT_TAKEOVER === 'both',
  },
  handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
});

server.on('connection', (client, req) => {
  log(`client ${req.socket.remotePort} connected, offered extensions: ${req.headers['sec-websocket-extensions']}`);
  const upstream = new WebSocket(UPSTREAM, 'xmpp', { perMessageDeflate: false });
  const pending = [];

  upstream.on('open', () => {
    for (const text of pending.splice(0)) upstream.send(text);
  });
  upstream.on('message', (data) => relayToClient(client, data.toString('utf8')));
  upstream.on('close', (code, reason) => closeWith(client, code, reason.toString()));
  upstream.on('error', (e) => {
    log(`upstream error: ${e.message}`);
    closeWith(client, 1011, 'upstream error');
  });

  client.on('message', (data) => {
    const text = data.toString('utf8');
    if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
    else pending.push(text);
  });
  client.on('close', (code, reason) => closeWith(upstream, code, reason.toString()));
  client.on('error', (e) => log(`client error: ${e.message}`));
});

server.on('listening', () => log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
