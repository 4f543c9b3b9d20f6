// Checks a capture against the WebSocket messages the scenario recorded.
// Usage: node verify.mjs <capture.pcapng> <wslog.jsonl> [listing.txt]
//
// - Every text message the client sent or received (wslog, written by the
//   RecordingWebSocket in lib.mjs) must be in the capture, in the same order
//   per TCP connection and direction, byte for byte (tshark's
//   websocket.payload.text).
// - Messages in the capture that the client never saw (e.g. sent by the
//   server after the client had closed its socket) are listed, not errors.
// - Writes a listing: frame, tcp stream, direction, length, first 100 chars.
// - VERIFY_PORT (default 7071) is the server port; VERIFY_TSHARK_ARGS adds
//   tshark options (e.g. a TLS key log, a Decode As), split at spaces.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [pcap, wslog, listingFile] = process.argv.slice(2);
if (!pcap || !wslog) {
  console.error('usage: node verify.mjs <capture.pcapng> <wslog.jsonl> [listing.txt]');
  process.exit(2);
}

const HTTP_PORT = process.env.VERIFY_PORT || '7071';
const EXTRA_ARGS = (process.env.VERIFY_TSHARK_ARGS || '').split(' ').filter(Boolean);
const json = execFileSync('tshark', [
  ...EXTRA_ARGS, '-r', pcap, '-Y', 'websocket', '-T', 'json',
  '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.srcport', '-e', 'websocket.payload.text',
], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

const captured = []; // { frame, stream, dir, text }
for (const pkt of JSON.parse(json)) {
  const l = pkt._source.layers;
  const texts = l['websocket.payload.text'] || [];
  for (const text of texts) {
    captured.push({
      frame: Number(l['frame.number'][0]),
      stream: Number(l['tcp.stream'][0]),
      dir: l['tcp.srcport'][0] === HTTP_PORT ? 'S->C' : 'C->S',
      text,
    });
  }
}

const logged = readFileSync(wslog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// The n-th WebSocket connection the client opened is the n-th TCP stream
// that carries WebSocket traffic.
const streams = [...new Set(captured.map((m) => m.stream))].sort((a, b) => a - b);
let errors = 0;
const matched = new Set();
for (const conn of [...new Set(logged.map((m) => m.conn))]) {
  const stream = streams[conn];
  for (const dir of ['C->S', 'S->C']) {
    const want = logged.filter((m) => m.conn === conn && m.dir === dir);
    const have = captured.filter((m) => m.stream === stream && m.dir === dir);
    let j = 0;
    for (const w of want) {
      while (j < have.length && have[j].text !== w.text) j++;
      if (j === have.length) {
        errors++;
        console.error(`MISSING in capture (connection ${conn}, ${dir}): ${w.text.slice(0, 200)}`);
        break;
      }
      matched.add(have[j]);
      j++;
    }
  }
}

const extra = captured.filter((m) => !matched.has(m));
for (const m of extra) {
  console.log(`note: frame ${m.frame} (tcp.stream ${m.stream}, ${m.dir}) was not seen by the client: ${m.text.slice(0, 120)}`);
}

const lines = captured.map((m) =>
  `${String(m.frame).padStart(4)}  stream ${m.stream}  ${m.dir}  ${String(m.text.length).padStart(5)}  ${m.text.slice(0, 100).replace(/\n/g, '\\n')}`);
if (listingFile) writeFileSync(listingFile, lines.join('\n') + '\n');

console.log(`${pcap}: ${captured.length} WebSocket text messages in ${streams.length} connection(s); ` +
  `${logged.length} sent/received by the client, ${errors ? 'NOT all' : 'all'} found in order; ` +
  `${extra.length} in the capture not seen by the client`);
process.exit(errors ? 1 : 0);
