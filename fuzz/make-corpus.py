#!/usr/bin/env python3
"""Seed corpora for the libFuzzer harnesses, taken from the test captures.

    python3 fuzz/make-corpus.py OUTDIR [CAPTURES_DIR]

Reads every WebSocket text message of every capture in test-captures/ with
the stock tshark and no plugin (-T json -x gives each message's unmasked,
reassembled bytes), and writes, one file per seed, named by its SHA-1:

  OUTDIR/model/    each message as it is (xmppws_fuzz_model)
  OUTDIR/ws/       each message, and each TCP connection's messages joined
                   with 0x1E, behind a flags byte (xmppws_fuzz_ws)
  OUTDIR/sasl/     each connection's SASL exchange: mechanism line, then the
                   decoded data of <auth>, <challenge>, <response>, <success>
                   joined with 0x1E (xmppws_fuzz_sasl)
  OUTDIR/finesse/  each Finesse Update: pubsub node line, then the Update,
                   unescaped (xmppws_fuzz_finesse; '!' before the node for
                   an Update carried as child XML)
  OUTDIR/har/      each entry of every HAR in test-captures/ as a HAR of its
                   own, {"log":{"entries":[ENTRY]}} (xmppws_fuzz_har; entries
                   larger than MAX_SEED are left out)
  OUTDIR/redact/   behind fuzz/fuzz_redact.c's mode byte: 0 and each message
                   with a SASL element, 1 and each HAR entry as above
                   (xmppws_fuzz_redact)

See fuzz/fuzz_epan.c for the input formats. As root, tshark runs as nobody
with an empty plugin folder, so an installed xmppws never takes the
messages. Seeds larger than MAX_SEED bytes are left out (they slow every
mutation down; the hostile captures cover large messages).
"""

import base64
import binascii
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MAX_SEED = 16384
SEPARATOR = b"\x1e"
MID_SESSION_DECODE = ["-d", "tcp.port==7071,websocket"]

SASL_ELEMENT = re.compile(rb"<(auth|challenge|response|success)\b([^>]*?)(?:/>|>([^<]*)</\1>)")
MECHANISM = re.compile(rb"""mechanism=['"]([^'"]*)['"]""")
NOTIFICATION = re.compile(rb"<items\b[^>]*\bnode=['\"]([^'\"]*)['\"][^>]*>.*?<notification\b[^>]*>(.*?)</notification>",
                          re.S)


def tshark_json(path, work, extra=()):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "LANG": "C.UTF-8",
           "WIRESHARK_PLUGIN_DIR": os.path.join(work, "no-plugins"),
           "WIRESHARK_EXTCAP_DIR": os.path.join(work, "no-plugins")}
    cmd = ["tshark", "-n", "-r", path, "-T", "json", "-x", "--no-duplicate-keys", "-Y", "websocket"] + list(extra)
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env"] + \
              ["%s=%s" % kv for kv in env.items()] + cmd
        env = None
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    return json.loads(out or b"[]")


def find_all(node, key):
    """Every value of `key` anywhere in a JSON tree, in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            else:
                yield from find_all(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from find_all(v, key)


def raw_hex(value):
    """-x gives [hex, pos, len, bitmask, type], or a list of those."""
    if value and isinstance(value[0], list):
        for v in value:
            yield from raw_hex(v)
    elif value:
        yield value[0]


def messages_by_stream(path, work):
    streams = {}
    packets = tshark_json(path, work)
    if not any(find_all(packets, "websocket.payload.text_raw")):
        packets = tshark_json(path, work, MID_SESSION_DECODE)
    for packet in packets:
        stream = next(find_all(packet, "tcp.stream"), "0")
        for value in find_all(packet, "websocket.payload.text_raw"):
            for h in raw_hex(value):
                streams.setdefault(stream, []).append(binascii.unhexlify(h))
    return streams


def write_seed(outdir, kind, data):
    if len(data) > MAX_SEED:
        return
    d = os.path.join(outdir, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def b64decode(text):
    text = text.strip()
    if text in (b"", b"="):
        return b""
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        return text


def sasl_seed(messages):
    mechanism, chunks = None, []
    for m in messages:
        for name, attrs, text in SASL_ELEMENT.findall(m):
            if name == b"auth":
                found = MECHANISM.search(attrs)
                mechanism, chunks = (found.group(1) if found else b""), []
            if mechanism is not None:
                chunks.append(b64decode(text))
    if mechanism is None:
        return None
    return mechanism + b"\n" + SEPARATOR.join(chunks)


def finesse_seeds(message):
    for node, content in NOTIFICATION.findall(message):
        if b"<Update" in content:
            yield b"!" + node + b"\n" + content
        elif content.strip():
            yield node + b"\n" + html.unescape(content.decode("utf-8", "replace")).encode()


def seeds_of(outdir, streams):
    for messages in streams.values():
        for m in messages:
            write_seed(outdir, "model", m)
            write_seed(outdir, "ws", b"\x00" + m)
            write_seed(outdir, "ws", b"\x01" + m)
            for s in finesse_seeds(m):
                write_seed(outdir, "finesse", s)
        small = [m for m in messages if len(m) < 4096][:64]
        write_seed(outdir, "ws", b"\x00" + SEPARATOR.join(small))
        for m in messages:
            if SASL_ELEMENT.search(m):
                write_seed(outdir, "redact", b"\x00" + m)
        seed = sasl_seed(messages)
        if seed is not None:
            write_seed(outdir, "sasl", seed)
            write_seed(outdir, "sasl", b"!" + seed)


def har_seeds(outdir, path):
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)["log"]["entries"]
    for entry in entries:
        har = json.dumps({"log": {"entries": [entry]}}).encode("utf-8")
        write_seed(outdir, "har", har)
        write_seed(outdir, "redact", b"\x01" + har)


def main(argv):
    outdir = argv[1]
    captures = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                          "..", "test-captures")
    work = tempfile.mkdtemp(prefix="xmppws-corpus-")
    try:
        os.chmod(work, 0o777)
        os.makedirs(os.path.join(work, "no-plugins"))
        for name in sorted(os.listdir(captures)):
            if name.endswith(".har"):
                har_seeds(outdir, os.path.join(captures, name))
            if not name.endswith((".pcap", ".pcapng")):
                continue
            copy = os.path.join(work, name)
            shutil.copy(os.path.join(captures, name), copy)
            os.chmod(copy, 0o644)
            seeds_of(outdir, messages_by_stream(copy, work))
    finally:
        shutil.rmtree(work, True)
    for kind in ["model", "ws", "sasl", "finesse", "har", "redact"]:
        d = os.path.join(outdir, kind)
        print("%-8s %4d seeds" % (kind, len(os.listdir(d)) if os.path.isdir(d) else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
