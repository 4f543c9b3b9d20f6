// Checks a deflate capture with plain tshark (no plugin).
// Usage: VERIFY_PORT=7272 node verify.mjs <capture> <wslog.jsonl> <fraglog.jsonl|-> <listing.txt>
//
// - The 101 response negotiated permessage-deflate.
// - Every first frame of a data message has RSV1 ("Per-Message Compressed",
//   websocket.pmc) set: every message is compressed.
// - Every message the client sent or received is in the capture as tshark's
//   websocket.payload.text (../prosody-strophe/verify.mjs), except the
//   messages the proxy sent compressed AND fragmented (fraglog): Wireshark
//   4.0 cannot decompress those, so their text must NOT be in the capture,
//   and the capture must hold one continuation frame per extra fragment.
//   With server context takeover (no server_no_context_takeover in the
//   101), Wireshark 4.0's inflate context misses the fragmented message, so
//   every later server message must show the WebSocket expert
//   "Decompression failed" instead of its text.
// - With only one of server_no_context_takeover / client_no_context_takeover,
//   Wireshark 4.0 inflates each direction with the other's settings, so the
//   direction that keeps its context fails after its first message: those
//   messages are left out of the comparison, and at least one must fail.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [pcap, wslog, fraglog, listing] = process.argv.slice(2);
const PORT = process.env.VERIFY_PORT || '7272';

function tshark(args) {
  return execFileSync('tshark', ['-r', pcap, ...args], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
  });
}
function die(msg) {
  console.error(`verify: ${msg}`);
  process.exit(1);
}

const ext = tshark(['-Y', 'http.response.code == 101', '-T', 'fields', '-e', 'http.sec_websocket_extensions']).trim();
if (!ext.includes('permessage-deflate')) die(`101 response without permessage-deflate ("${ext}")`);

// Opcodes 1 (text) and 2 (binary) start a message; 0 continues one.
const starts = tshark(['-Y', 'websocket.opcode == 1 || websocket.opcode == 2', '-T', 'fields',
  '-E', 'occurrence=a', '-e', 'frame.number', '-e', 'websocket.opcode', '-e', 'websocket.pmc']).trim().split('\n');
for (const line of starts) {
  const [frame, opcodes, pmcs] = line.split('\t');
  opcodes.split(',').forEach((op, i) => {
    if ((op === '1' || op === '2') && pmcs.split(',')[i] !== 'True' && pmcs.split(',')[i] !== '1') {
      die(`frame ${frame}: a data message without RSV1 (not compressed)`);
    }
  });
}

const fragmented = fraglog === '-' ? [] : readFileSync(fraglog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const texts = new Set(fragmented.map((m) => m.text));
const continuations = tshark(['-Y', 'websocket.opcode == 0', '-T', 'fields', '-e', 'frame.number']).trim().split('\n').filter(Boolean);
const wantContinuations = fragmented.reduce((n, m) => n + m.frames - 1, 0);
if (continuations.length !== wantContinuations) {
  die(`${continuations.length} continuation frames in the capture, expected ${wantContinuations}`);
}
const shown = JSON.parse(tshark(['-Y', 'websocket', '-T', 'json', '-e', 'websocket.payload.text']));
for (const pkt of shown) {
  for (const t of pkt._source.layers['websocket.payload.text'] || []) {
    if (texts.has(t)) die('a compressed and fragmented message was decompressed: not the Wireshark 4.0 behaviour this capture is for');
  }
}

const logged = readFileSync(wslog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const firstFragmented = logged.findIndex((m) => texts.has(m.text));
const takeover = fragmented.length > 0 && !ext.includes('server_no_context_takeover');
const lost = takeover ? logged.filter((m, i) => i > firstFragmented && m.dir === 'S->C') : [];
const serverNct = ext.includes('server_no_context_takeover');
const clientNct = ext.includes('client_no_context_takeover');
const swappedDir = serverNct && !clientNct ? 'C->S' : !serverNct && clientNct ? 'S->C' : null;
const maybeLost = swappedDir ? logged.filter((m) => m.dir === swappedDir).slice(1) : [];
const failed = tshark(['-Y', '_ws.expert.message == "Decompression failed"', '-T', 'fields', '-E', 'occurrence=a',
  '-e', '_ws.expert.message']).trim().split(/[\n,]/).filter((m) => m === 'Decompression failed');
if (swappedDir ? failed.length < 1 || failed.length > maybeLost.length : failed.length !== lost.length) {
  die(`${failed.length} "Decompression failed" messages, expected ` +
    (swappedDir ? `1 to ${maybeLost.length} (${swappedDir} after the first)` : `${lost.length} (server messages after the fragmented one)`));
}

// The rest: every message, in order, via the prosody-strophe checker.
const dir = mkdtempSync(join(tmpdir(), 'deflate-verify-'));
const rest = join(dir, 'ws.jsonl');
writeFileSync(rest, logged.filter((m) => !texts.has(m.text) && !lost.includes(m) && !maybeLost.includes(m))
  .map((m) => `${JSON.stringify(m)}\n`).join(''));
try {
  execFileSync('node', [new URL('../prosody-strophe/verify.mjs', import.meta.url).pathname, pcap, rest, listing],
    { stdio: 'inherit', env: { ...process.env, VERIFY_PORT: PORT } });
} catch {
  die('not every message the client saw is in the capture');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`verify: permessage-deflate "${ext}", ${starts.length} frames starting compressed messages, ` +
  `${fragmented.length} compressed+fragmented message(s) in ${wantContinuations + fragmented.length} frames, ` +
  `${failed.length} message(s) Wireshark 4.0 cannot decompress`);
